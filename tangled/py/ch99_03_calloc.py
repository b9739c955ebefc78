def uss():
    private = ("Private_Clean:", "Private_Dirty:", "Private_Hugetlb:")
    with open("/proc/self/smaps_rollup") as f:
        return sum(int(line.split()[1]) * 1024 for line in f if line.split()[0] in private)

def mib(b): return round(b / 1048576 / 10) * 10

base = uss()
b = bytes(100 * 2**20)
print("bytes(100 MiB):           USS", mib(uss() - base), "MiB more")
ba = bytearray(100 * 2**20)
print("and bytearray(100 MiB):   USS", mib(uss() - base), "MiB more")
