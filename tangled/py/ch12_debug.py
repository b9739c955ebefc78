import gc, io, re, sys
gc.disable(); gc.collect()
sys.stderr = err = io.StringIO()
gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_COLLECTABLE)
a = []; b = [a]; a.append(b); del a, b
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
a = []; a.append(a); del a
n = gc.collect()
gc.set_debug(0); sys.stderr = sys.__stderr__
text = re.sub(r"0x[0-9a-f]+", "0x...", err.getvalue())
text = re.sub(r"each generation:[0-9 ]+", "each generation: (sizes)", text)
print(re.sub(r"[0-9.]+s elapsed", "(time) elapsed", text), end="")
print("collect() ->", n, "and gc.garbage holds", len(gc.garbage), type(gc.garbage[0]).__name__)
