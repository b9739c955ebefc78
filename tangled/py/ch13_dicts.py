import copy, gc
gc.disable()
class A: pass
def show(what, x): print(f"{what:36} {gc.is_tracked(x)}")
n = 1
show("{}", {}); show("{'a': 1}", {'a': 1}); show("{'a': []}", {'a': []})
show("{'a': {}}", {'a': {}}); show("{'a': ()}", {'a': ()})
t = (n, 2); d = {1: t}
show("{1: (n, 2)}, a new tuple", d)
gc.collect(0); show("  after gc.collect(0): the tuple", t); show("  and the dict", d)
gc.collect(); show("  after gc.collect()", d)
d = {'a': []}; d['a'] = 1
show("d = {'a': []}; d['a'] = 1", d); show("  copy.copy(d)", copy.copy(d))
gc.collect(); show("  after gc.collect()", d); d['b'] = []; show("  d['b'] = []", d)
a = A(); a.x = 1; show("a.x = 1; a.__dict__", a.__dict__)
a.y = []; show("  a.y = []", a.__dict__)
a = A(); a.x = []; show("a.x = []; a.__dict__", a.__dict__)
