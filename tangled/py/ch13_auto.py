import gc
class C: pass
seen = []
def cb(phase, info):
    if phase == "start":
        seen.append((info["generation"], gc.get_count()))
gc.collect()
gc.callbacks.append(cb)                     # counts are (0, 0, 0) here
keep = []                                   # container 1
for i in range(699):
    keep.append(C())
print("700 containers made:", len(seen), "collections")
keep.append(C())
print("701 containers made:", len(seen), "collection, of generation", seen[0][0])
for i in range(11 * 701):
    keep.append(C())
print("generations of the first 12:", [g for g, _ in seen[:12]])
print("counts when the 2nd began: ", seen[1][1])
print("counts when the 12th began:", seen[11][1])
