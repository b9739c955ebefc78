import sys
x = object()
l = [x, x, x]
print("after l = [x, x, x]:", sys.getrefcount(x))
del l
print("after del l:        ", sys.getrefcount(x))
