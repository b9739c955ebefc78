import gc, sys
gc.disable()

def mem():
    with open("/proc/self/smaps_rollup") as f:
        d = {w[0]: int(w[1]) * 1024 for w in map(str.split, f) if w[0].endswith(":")}
    return d["Rss:"], d["Private_Clean:"] + d["Private_Dirty:"] + d["Private_Hugetlb:"]

def mb10(now, then): return (now - then + (5 << 20)) // (10 << 20) * 10

def step(what):
    rss, uss = mem()
    blocks = sys.getallocatedblocks() - blocks0
    print(f"{what:22} USS {mb10(uss, uss0):+4} MB  RSS {mb10(rss, rss0):+4} MB  "
          f"blocks {(blocks + 500) // 1000:+5} thousand  tracked {len(gc.get_objects()) - tracked0:+}")

print(f"{'':22} USS, RSS, blocks and tracked containers, growth")
rss0, uss0 = mem()
blocks0, tracked0 = sys.getallocatedblocks(), len(gc.get_objects())
a = [i for i in range(1000, 1001000)]
step("after a created")
del a
step("after del a")
