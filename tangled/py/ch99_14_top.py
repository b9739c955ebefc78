import linecache
import tracemalloc
from tracemalloc import Snapshot

def display_top(snapshot, key_type='lineno', limit=3):
    snapshot = snapshot.filter_traces((
        tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
        tracemalloc.Filter(False, "<unknown>"),
    ))
    top_stats = snapshot.statistics(key_type)
    print("Top %s lines" % limit)
    for index, stat in enumerate(top_stats[:limit], 1):
        frame = stat.traceback[0]
        print("#%s: %s:%s: %.1f KiB"
              % (index, frame.filename, frame.lineno, stat.size / 1024))
        line = linecache.getline(frame.filename, frame.lineno).strip()
        if line:
            print('    %s' % line)

    other = top_stats[limit:]
    if other:
        size = sum(stat.size for stat in other)
        print("%s other: %.1f KiB" % (len(other), size / 1024))
    total = sum(stat.size for stat in top_stats)
    print("Total allocated size: %.1f KiB" % (total / 1024))
M, A, U = "main.py", "app.py", "lib/util.py"
snapshot = Snapshot([
    (0, 424, ((A, 19), (M, 5)), 2),
    (0, 424, ((A, 19), (M, 5)), 2),
    (0, 64, ((A, 18), (M, 6)), 2),
    (0, 102399, ((U, 40), (A, 30), (M, 7)), 3),
    (0, 1000, ((U, 40), (A, 31), (M, 7)), 3),
    (0, 24, ((M, 9),), 1),
    (0, 5000, (("<unknown>", 0),), 1),
    (7, 4096, ((A, 50), (M, 8)), 2),
    (7, 8192, ((A, 51), (M, 8)), 2),
], 3)
display_top(snapshot)
display_top(snapshot, 'filename', limit=1)
