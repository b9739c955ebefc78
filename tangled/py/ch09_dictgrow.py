import sys
d, last = {}, None
for n in range(0, 90):
    if n:
        d[f"k{n}"] = n
    if sys.getsizeof(d) != last:
        last = sys.getsizeof(d)
        print(f"{n:3} items: {last:5} bytes")
