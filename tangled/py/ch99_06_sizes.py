M = 2**64 - 1
state = 6                                  # bench/alloc.c's starting state

def next_random():                         # splitmix64, as in bench/alloc.c
    global state
    state = (state + 0x9e3779b97f4a7c15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
    return z ^ (z >> 31)

print("the first sizes of workload 2:", [16 + next_random() % 497 for _ in range(8)])
