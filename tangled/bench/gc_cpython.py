import gc, sys, time
from array import array
N, RUNS = 1_000_000, 5
shape = sys.argv[1] if len(sys.argv) > 1 else "empty"

def full_collections():
    gc.disable()
    x = None if shape == "cycles" else ([[] for _ in range(N)] if shape == "empty"
                                        else [[i] for i in range(N)])
    ns = []
    for _ in range(RUNS):
        if x is None:
            for _ in range(N // 2):
                a = []; b = [a]; a.append(b)
            del a, b
        t0 = time.perf_counter_ns()
        found = gc.collect()
        ns.append((time.perf_counter_ns() - t0) / N)
        assert x is not None or found == N, found
    print(f"result {shape} ns_per_obj={sorted(ns)[RUNS // 2]:.2f}")
def ten_million_lists():                       # arrays of numbers: no containers made
    start, gens, length, t = array("q"), array("b"), array("q"), [0, 0]
    def cb(phase, info):
        now = time.perf_counter_ns()
        if phase == "start":
            t[1] = now
        else:
            start.append(t[1] - t[0]); gens.append(info["generation"]); length.append(now - t[1])
    if shape == "build-2000":
        gc.set_threshold(2000, 10, 10)
    elif shape == "build-off":
        gc.disable()
    gc.collect()
    gc.callbacks.append(cb)
    t[0] = time.perf_counter_ns()
    x = []
    for i in range(10 * N):
        x.append([i])
    total = time.perf_counter_ns() - t[0]
    gc.callbacks.remove(cb)
    for i in range(len(start)):
        print(f"pause {start[i] / 1e6:.3f} {gens[i]} {length[i] / 1e6:.3f}")
    n = [gens.count(g) for g in range(3)]
    print(f"result {shape} total_ms={total / 1e6:.1f} collector_ms={sum(length) / 1e6:.1f}"
          f" max_pause_ms={max(length, default=0) / 1e6:.2f} collections={n[0]}/{n[1]}/{n[2]}")

def frozen():
    gc.disable()
    x = []
    for i in range(10 * N):
        x.append([i])
    t0 = time.perf_counter_ns()
    gc.collect()
    t1 = time.perf_counter_ns()
    gc.freeze()
    t2 = time.perf_counter_ns()
    gc.collect()
    t3 = time.perf_counter_ns()
    print(f"result freeze collect_ms={(t1 - t0) / 1e6:.1f} frozen_collect_ms={(t3 - t2) / 1e6:.3f}")
    gc.unfreeze()

if shape.startswith("build"):
    ten_million_lists()
elif shape == "freeze":
    frozen()
else:
    full_collections()
