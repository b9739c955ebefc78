import sys

def attempt(what, f):
    try:
        f()
        print(what + ": ok")
    except Exception as e:
        print(f"{what}: {type(e).__name__}: {e}")

grown, b = [0], bytearray()
while len(grown) < 9:
    b.append(0)
    if b.__alloc__() != grown[-1]:
        grown.append(b.__alloc__())
print("appends to bytearray(): alloc", ", ".join(map(str, grown)))
print(f"getsizeof: b'' {sys.getsizeof(b'')}  b'abc' {sys.getsizeof(b'abc')}  "
      f"bytearray() {sys.getsizeof(bytearray())}")
b = bytearray(b"hello world")
print("b = bytearray(b'hello world'): alloc", b.__alloc__(), " getsizeof", sys.getsizeof(b))
m = memoryview(b)
s = m[6:11]
print("s = m[6:11]:", s.tobytes(), " s.obj is b:", s.obj is b,
      " len", len(s), " readonly", s.readonly)
s[0] = ord("W")
print("after s[0] = ord('W'):", b)
print("sys.getrefcount(b) with two views:", sys.getrefcount(b))
attempt("b.append(33)", lambda: b.append(33))
m.release()
attempt("m.release(); b.append(33)", lambda: b.append(33))
s.release()
attempt("s.release(); b.append(33)", lambda: b.append(33))
print(b, "alloc", b.__alloc__())
attempt("s[0]", lambda: s[0])
attempt("memoryview(b'abc')[0] = 65", lambda: memoryview(b"abc").__setitem__(0, 65))
attempt("memoryview([1, 2, 3])", lambda: memoryview([1, 2, 3]))
