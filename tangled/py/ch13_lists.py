import gc
counts = [0, 0, 0]
def cb(phase, info):
    if phase == "stop":
        counts[info["generation"]] += 1
gc.collect()
gc.callbacks.append(cb)
x = []
for i in range(10**7):
    x.append([i])
print("ten million lists kept: collections of generation 0, 1, 2:", counts)
