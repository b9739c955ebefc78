import sys
print("sys.getrefcount(None) == 2**32 - 1:", sys.getrefcount(None) == 2**32 - 1)
