import sys
l = [1000, 1002]
l.insert(1, 1001)
l.insert(-100, 999)
l.insert(100, 1003)
l.insert(-1, 'x')
print(l, " capacity:", (sys.getsizeof(l) - 56) // 8)
