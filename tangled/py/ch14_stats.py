import tracemalloc
from tracemalloc import Filter, DomainFilter, Snapshot

# (domain, size, frames innermost first, total_nframe): what _get_traces() gives
M, A, U = "main.py", "app.py", "lib/util.py"
old = Snapshot([
    (0, 424, ((A, 19), (M, 5)), 2),
    (0, 424, ((A, 18), (M, 5)), 2),
    (0, 64, ((A, 18), (M, 6)), 2),
    (0, 10240, ((U, 40), (A, 30), (M, 7)), 3),
    (0, 3000, ((U, 41), (A, 30), (M, 7)), 3),
    (7, 4096, ((A, 50), (M, 8)), 2),
], 3)
new = Snapshot([
    (0, 424, ((A, 19), (M, 5)), 2),
    (0, 424, ((A, 19), (M, 5)), 2),
    (0, 64, ((A, 18), (M, 6)), 2),
    (0, 102399, ((U, 40), (A, 30), (M, 7)), 3),
    (0, 1000, ((U, 40), (A, 31), (M, 7)), 3),
    (0, 24, ((M, 9),), 1),
    (7, 4096, ((A, 50), (M, 8)), 2),
    (7, 8192, ((A, 51), (M, 8)), 2),
], 3)

def show(title, stats):
    print(title)
    for stat in stats:
        print(stat)
show("statistics('lineno')", new.statistics('lineno'))
show("statistics('filename')", new.statistics('filename'))
show("statistics('traceback')", new.statistics('traceback'))
show("statistics('lineno', cumulative=True)", new.statistics('lineno', cumulative=True))
show("compare_to(old, 'lineno')", new.compare_to(old, 'lineno'))
show("compare_to(old, 'filename')", new.compare_to(old, 'filename'))
show("filter: Filter(False, 'lib/*')",
     new.filter_traces([Filter(False, "lib/*")]).statistics('lineno'))
show("filter: Filter(True, 'app.py', lineno=19), Filter(True, 'main.py')",
     new.filter_traces([Filter(True, "app.py", lineno=19),
                        Filter(True, "main.py")]).statistics('lineno'))
show("filter: Filter(True, 'main.py', all_frames=True, domain=7)",
     new.filter_traces([Filter(True, "main.py", all_frames=True, domain=7)]).statistics('lineno'))
show("filter: DomainFilter(False, 7)",
     new.filter_traces([DomainFilter(False, 7)]).statistics('filename'))
