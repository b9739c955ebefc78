import sys
print("sys.getsizeof({'a': 1}):", sys.getsizeof({'a': 1}))
print("sys.getsizeof({1: 1}):  ", sys.getsizeof({1: 1}))
