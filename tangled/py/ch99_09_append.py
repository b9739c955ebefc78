import sys
cap = lambda l: (sys.getsizeof(l) - 56) // 8
l = [0] * 10
print("[0] * 10:        capacity", cap(l))
l.append(0)
print("after an append: capacity", cap(l))
