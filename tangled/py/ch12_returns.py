import gc
gc.disable(); gc.collect()
def show(what): print(f"{what:42} {gc.collect()}")

a = []; b = [a]; a.append(b); del a, b
show("two lists appended to each other")
a = []; a.append(a); del a
show("a list that contains itself")
a = {}; b = {}; a['ref'] = b; b['ref'] = a; del a, b
show("two dicts referring to each other")
class A: pass
a = A(); b = A(); a.other = b; b.other = a; del a, b
show("two instances referring to each other")
a = A(); b = A(); a.other = b; b.other = a; a.__dict__; b.__dict__; del a, b
show("the same, after reading their __dict__")
rescued = []
class R:
    def __del__(self): rescued.append(self)
a = R(); b = R(); a.other = b; b.other = a; del a, b
show("two whose __del__ rescues them")
del rescued[:]
show("the same, once they are let go again")
show("nothing")
