import sys
l = []
for i in range(5):
    l.append(1000 + i)
    print(f"after {i + 1} appends: getsizeof {sys.getsizeof(l)}, "
          f"capacity {(sys.getsizeof(l) - 56) // 8}")
