import os, re, subprocess, sys
child = r"""
import ctypes
api = ctypes.pythonapi
api.PyMem_Malloc.restype = ctypes.c_void_p
api.PyMem_Malloc.argtypes = [ctypes.c_size_t]
api.PyMem_Free.argtypes = [ctypes.c_void_p]
p = api.PyMem_Malloc(16)
ctypes.memset(p, 0x41, 17)          # one byte past the end
api.PyMem_Free(p)
"""
env = dict(os.environ, PYTHONMALLOC="debug")
r = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True)
report = r.stderr.split("\nCurrent thread")[0]
print(re.sub(r"0x[0-9a-f]{8,}", "0x...", report).rstrip())
