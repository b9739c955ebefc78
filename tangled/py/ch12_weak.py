import gc, weakref
gc.disable(); gc.collect()
class A: pass
class Say:                                       # a callable object: the callback
    def __init__(self, name): self.name = name
    def __call__(self, wr): print(f"  callback {self.name}: the referent is {wr()}")
def show(what): print(f"{what:44} {gc.collect()}")

a = A(); r1 = weakref.ref(a, Say("r1")); r2 = weakref.ref(a, Say("r2"))
print("weakref.ref(a) is weakref.ref(a):", weakref.ref(a) is weakref.ref(a))
print("weak references to a:", weakref.getweakrefcount(a))
del a
print("after del a, r1() is", r1())

a = A(); a.self = a; r = weakref.ref(a, Say("r")); del a
show("a cycle; its weak reference is kept")
a = A(); a.self = a; a.wr = weakref.ref(a, Say("a.wr")); del a
show("a cycle that holds its own weak reference")

class Forget:                                    # what a WeakValueDictionary does
    def __init__(self, key): self.key = key
    def __call__(self, wr): del cache[self.key]; print(f"  the cache forgets {self.key!r}")
cache = {}
a = A(); a.self = a; cache["big"] = weakref.ref(a, Forget("big")); del a
show("a cached value that dies in a cycle")
print("cache:", cache)

rescued = []
class R:
    def __del__(self): rescued.append(self)
a = R(); a.self = a; r = weakref.ref(a); del a
show("a cycle whose finalizer rescues it")
print("r() is", r(), "and rescued holds", len(rescued))
