import copy, sys

def nested(depth):                 # [[[...[]...]]], depth lists deep
    x = []
    for _ in range(depth):
        x = [x]
    return x

try:
    copy.deepcopy(nested(100_000))
except RecursionError as e:
    print("depth 100000:", type(e).__name__, "-", e)
lo, hi = 1, 5000
while lo < hi:
    mid = (lo + hi + 1) // 2
    try:
        copy.deepcopy(nested(mid))
        lo = mid
    except RecursionError:
        hi = mid - 1
print(f"deepest copy with the default limit ({sys.getrecursionlimit()}): {lo}")
sys.setrecursionlimit(1_000_000)
y = copy.deepcopy(nested(100_000))
print("depth 100000 with sys.setrecursionlimit(1_000_000): copied")
