import copy, time
LISTS, INTS, RUNS = 100_000, 10, 7
x = [[1000 + 10 * i + j for j in range(INTS)] for i in range(LISTS)]
nodes = 1 + LISTS + LISTS * INTS
copy.deepcopy(x)                               # warm-up
runs = []
for _ in range(RUNS):
    t0 = time.perf_counter_ns()
    y = copy.deepcopy(x)
    runs.append((time.perf_counter_ns() - t0) / nodes)
    del y
print(f"result cpython nodes={nodes} runs=" + ",".join(f"{r:.2f}" for r in runs)
      + f" ns_per_node={sorted(runs)[RUNS // 2]:.2f}")
