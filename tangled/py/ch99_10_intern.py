import sys
s = ''.join(['qike', 'pu'])                # made at run time: not interned
t = sys.intern(s)                          # s becomes the interned 'qikepu'
print("s is t:", s is t, " sys.getrefcount(s):", sys.getrefcount(s))
