import sys
print("getrefcount(object()):", sys.getrefcount(object()))
print("getrefcount([]):      ", sys.getrefcount([]))
print("getrefcount(0) > 999999999:   ", sys.getrefcount(0) > 999_999_999)
print("getrefcount(None) > 999999999:", sys.getrefcount(None) > 999_999_999)
