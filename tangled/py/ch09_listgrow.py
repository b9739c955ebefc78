import sys
cap = lambda l: (sys.getsizeof(l) - 56) // 8
l, seen = [], [0]
for i in range(200):
    l.append(i)
    if cap(l) != seen[-1]:
        seen.append(cap(l))
print("append:", ", ".join(map(str, seen)))
print("[0] * 10:", cap([0] * 10))
l = list(range(17))
steps = [cap(l)]
while len(l) > 2:
    l.pop()
    if cap(l) != steps[-1]:
        steps.append(cap(l))
print("list(range(17)) popped to 2:", " -> ".join(map(str, steps)))
