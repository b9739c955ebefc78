def uss():
    with open("/proc/self/smaps_rollup") as f:
        return sum(int(line.split()[1]) * 1024 for line in f
                   if line.split()[0] in ("Private_Clean:", "Private_Dirty:", "Private_Hugetlb:"))

base = uss()
def show_memory_info(hint):
    mib = round((uss() - base) / 1048576 / 50) * 50   # 50 MB steps: the USS varies by a few MB between runs
    print(f"{hint:16} memory used: about {mib:3} MB more")

def func():
    a = [i for i in range(10000000)]
    show_memory_info("after a created")

print("-- a is local"); show_memory_info("initial"); func(); show_memory_info("finished")

def func():
    global a
    a = [i for i in range(10000000)]
    show_memory_info("after a created")

print("-- a is global"); func(); show_memory_info("finished")
del a

def func():
    a = [i for i in range(10000000)]
    show_memory_info("after a created")
    return a

print("-- a is returned"); a = func(); show_memory_info("finished")
del a; show_memory_info("after del a")
