import sys
a = []
print(sys.getrefcount(a))      # a, and getrefcount's argument
def func(a):
    print(sys.getrefcount(a))
func(a)
print(sys.getrefcount(a))
