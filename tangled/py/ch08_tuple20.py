import os, re, sys

def kept(n):                           # "N free n-sized PyTupleObjects"
    r, w = os.pipe()
    saved = os.dup(2)
    os.dup2(w, 2)
    sys._debugmallocstats()            # writes to the C stderr
    os.dup2(saved, 2)
    os.close(w)
    text = os.read(r, 1 << 20).decode()
    m = re.search(r"(\d+) free %d-sized PyTupleObjects" % n, text)
    return int(m.group(1)) if m else 0

items = list(range(20))
for n in (19, 20):
    before = kept(n)
    for _ in range(10):
        t = tuple(items[:n])
        del t
    print(f"{n}-tuples made and freed 10 times: the free list grew by {kept(n) - before}")
