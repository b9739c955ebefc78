import gc, sys, time
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
def ten_million_lists():
    pauses, t = [], [0, 0]
    def cb(phase, info):
        now = time.perf_counter_ns()
        if phase == "start":
            t[1] = now
        else:
            pauses.append((t[1] - t[0], info["generation"], now - t[1]))
    gc.collect()
    gc.callbacks.append(cb)
    t[0] = time.perf_counter_ns()
    x = []
    for i in range(10 * N):
        x.append([i])
    total = time.perf_counter_ns() - t[0]
    gc.callbacks.remove(cb)
    for start, gen, length in pauses:
        print(f"pause {start / 1e6:.3f} {gen} {length / 1e6:.3f}")
    print(f"result build total_ms={total / 1e6:.1f} collector_ms={sum(p[2] for p in pauses) / 1e6:.1f}"
          f" max_pause_ms={max(p[2] for p in pauses) / 1e6:.2f}")

ten_million_lists() if shape == "build" else full_collections()
