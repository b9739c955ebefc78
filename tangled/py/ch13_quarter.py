import gc
gc.disable(); gc.collect(); gc.freeze()      # the interpreter's own objects aside
keep = []
for i in range(10000):
    keep.append([])
gc.collect()                                 # 10,000 lists (and keep) survive
seen = []
def cb(phase, info):
    if phase == "start":
        seen.append(info["generation"])
gc.callbacks.append(cb)
gc.set_threshold(100, 0, 0)
gc.enable()
while 2 not in seen:
    keep.append([])
gc.disable()
print("collections before the first full one:", seen.count(0), "of gen 0,", seen.count(1), "of gen 1")
print("lists made until then:", len(keep) - 10000)
