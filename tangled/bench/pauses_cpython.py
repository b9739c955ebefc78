import gc, time
t, pauses, counts = [0], [], [0, 0, 0]
def cb(phase, info):
    now = time.perf_counter_ns()
    if phase == "start":
        t[0] = now
    else:
        pauses.append(now - t[0])
        counts[info["generation"]] += 1
gc.collect()
gc.callbacks.append(cb)
t0 = time.perf_counter_ns()
x = []
for i in range(10_000_000):
    x.append([i])
total = time.perf_counter_ns() - t0
gc.callbacks.remove(cb)
print(f"result cpython total_ms={total / 1e6:.1f} collector_ms={sum(pauses) / 1e6:.1f}"
      f" max_pause_ms={max(pauses) / 1e6:.2f} collections={counts[0]}/{counts[1]}/{counts[2]}")
