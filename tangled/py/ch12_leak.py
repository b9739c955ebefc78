import gc
gc.disable()                     # only the explicit collect() below runs

def uss():
    with open("/proc/self/smaps_rollup") as f:
        return sum(int(line.split()[1]) * 1024 for line in f
                   if line.split()[0] in ("Private_Clean:", "Private_Dirty:", "Private_Hugetlb:"))

base = uss()
def show_memory_info(hint):
    mib = round((uss() - base) / 1048576 / 50) * 50   # 50 MB steps
    print(f"{hint:20} memory used: about {mib:3} MB more")

def func():
    show_memory_info("initial")
    a = [i for i in range(10000000)]
    b = [i for i in range(10000000)]
    show_memory_info("after a, b created")
    a.append(b)
    b.append(a)

func()
show_memory_info("finished")
print("gc.collect() ->", gc.collect())
show_memory_info("after gc.collect()")
