import os, subprocess, sys
child = r"""
import ctypes
api = ctypes.pythonapi
api.PyMem_Malloc.restype = ctypes.c_void_p
api.PyMem_Malloc.argtypes = [ctypes.c_size_t]
api.PyMem_Free.argtypes = [ctypes.c_void_p]
p = api.PyMem_Malloc(16)
live = ctypes.string_at(p - 16, 40)        # header, data, tail pad
api.PyMem_Free(p)
dead = ctypes.string_at(p - 16, 40)
def run(b):                                 # "dd x16" for 16 equal bytes
    return f"{b[0]:02x} x{len(b)}" if b == b[:1] * len(b) else b.hex()
def show(name, b):
    first = run(b[:8]) if b[:8] in (live[:8], b"\xdd" * 8) else "(not 0xDD)"
    print(f"{name}: {first} | {run(b[8:16])} | {run(b[16:32])} | {run(b[32:40])}")
show("allocated", live)
show("freed    ", dead)
"""
env = dict(os.environ, PYTHONMALLOC="debug")
r = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True)
print(r.stdout + r.stderr, end="")
