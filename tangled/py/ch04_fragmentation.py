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

def said(returned, made):
    kept = made - returned
    return ("0" if returned == 0 else "all" if kept <= 0 else
            "all but a few" if kept <= 3 else f"{returned} of {made}")

def step(what, before):
    now = arenas()
    made = now[2] - before[2]                     # arenas mapped since `before`
    print(f"{what:30} arenas returned: {said(now[1] - before[1], made)}")
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
