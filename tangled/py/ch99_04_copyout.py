import os, re, sys

def arenas():
    r, w = os.pipe()
    saved = os.dup(2)
    os.dup2(w, 2)
    sys._debugmallocstats()                # writes to the C stderr
    os.dup2(saved, 2)
    os.close(w)
    text = os.read(r, 1 << 20).decode()
    current = re.search(r"# arenas allocated current\s*=\s*([\d,]+)", text).group(1)
    return int(current.replace(",", ""))

start = arenas()
x = [object() for _ in range(10**6)]
x = x[::1000]                              # keep one object in 1000
print("kept 1,000 of 1,000,000: arenas in use beyond the start:", arenas() - start)
x = [object() for _ in x]                  # new objects for the survivors
print("survivors copied:        arenas in use beyond the start:", arenas() - start)
