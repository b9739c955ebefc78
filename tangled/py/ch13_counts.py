import gc
gc.disable()
class C: pass
def count(): return gc.get_count()[0]
def show(what, before): print(f"{what:30} {count() - before:+d}")
print("gc.get_threshold()            ", gc.get_threshold())
gc.collect()
print("after gc.collect()            ", gc.get_count())
before = count(); a = C(); b = C(); c = C()
show("three instances made", before)
before = count(); del a
show("one of them freed", before)
before = count(); x = 10**6; y = x + 1; z = y * 2.5
show("an int, another, a float", before)
before = count(); l = []
show("a list made", before)
before = count(); del l
show("dropped (kept on a free list)", before)
before = count(); l = []
show("made again (from the free list)", before)
gc.collect(0); print("after gc.collect(0)           ", gc.get_count())
gc.collect(1); print("after gc.collect(1)           ", gc.get_count())
gc.collect(); print("after gc.collect()            ", gc.get_count())
