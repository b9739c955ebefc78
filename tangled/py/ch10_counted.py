import sys
before = sys.getrefcount(1)
x = 1
print("binding x = 1 raised the count of 1 by", sys.getrefcount(1) - before)
