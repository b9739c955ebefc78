# bench/trace_cpython.py -- the same rows in CPython, tracemalloc off or on
import sys
import time
import tracemalloc

ROWS, REPS = 100000, 20

def work():
    rows = []
    for i in range(ROWS):
        rows.append([i + 1000, i + 2000])
    return rows

if sys.argv[1] == "on":
    tracemalloc.start(1)
work()
t0 = time.perf_counter_ns()
for r in range(REPS):
    rows = work()
    del rows
print("result ns_per_row=%.2f" % ((time.perf_counter_ns() - t0) / (REPS * ROWS)))
