import os, re, sys

def arenas():
    """(current, reclaimed, total) from sys._debugmallocstats()."""
    r, w = os.pipe()
    saved = os.dup(2)
    os.dup2(w, 2)
    sys._debugmallocstats()            # writes to the C stderr
    os.dup2(saved, 2)
    os.close(w)
    text = os.read(r, 1 << 20).decode()
    get = lambda what: int(re.search(what + r"\s*=\s*([\d,]+)", text).group(1).replace(",", ""))
    return (get("# arenas allocated current"), get("# arenas reclaimed"),
            get("# arenas allocated total"))

def step(what, before):
    now = arenas()
    had = before[0] + now[2] - before[2]          # in use before + made since
    returned = now[1] - before[1]
    said = "0" if returned == 0 else "all" if returned == had else f"all but {had - returned}"
    print(f"{what:30} arenas returned: {said}")
    return now

s = arenas()
x = [object() for _ in range(10**6)]
s2 = step("made 1,000,000 objects", s)
del x
step("freed them all", s)
x = [object() for _ in range(10**6)]
s3 = arenas()
x = x[::1000]                          # keep one object in 1000
step("made 1,000,000, kept 1,000", s3)
