import gc
import tracemalloc

class Serval:
    def __init__(self, name):
        self.name = name
        self.cousin = None

tracemalloc.start()
snapshot1 = tracemalloc.take_snapshot()
servy = Serval("servy")
whiky = Serval("whiky")
servy.cousin = whiky
whiky.cousin = servy
del servy
del whiky
snapshot2 = tracemalloc.take_snapshot()
gc.collect()
snapshot3 = tracemalloc.take_snapshot()
def show(title, new, old, pattern):
    print(title)
    kept = [tracemalloc.Filter(True, pattern)]
    new, old = new.filter_traces(kept), old.filter_traces(kept)
    for stat in new.compare_to(old, 'lineno')[:4]:
        name = stat.traceback[0].filename
        print(str(stat).replace(name, name.rsplit("/", 1)[-1], 1))

show("snapshot2.compare_to(snapshot1, 'lineno'):", snapshot2, snapshot1, "*ch14_cycle.py")
show("the first snapshot's own objects:", snapshot2, snapshot1, "*tracemalloc.py")
show("snapshot3.compare_to(snapshot2, 'lineno'), after gc.collect():",
     snapshot3, snapshot2, "*ch14_cycle.py")
