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
def show(name, b):
    first = b[:8].hex() if b[:8] in (live[:8], b"\xdd" * 8) else "(8 bytes, not 0xDD)"
    print(f"{name}: {first} | {b[8:16].hex()} | {b[16:32].hex()} | {b[32:40].hex()}")
show("allocated", live)
show("freed    ", dead)
"""
env = dict(os.environ, PYTHONMALLOC="debug")
r = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True)
print(r.stdout + r.stderr, end="")
