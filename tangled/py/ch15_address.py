import ctypes, sys
our_var = [1, 2, 3]
print("hex(id(our_var)) ends in:", hex(id(our_var))[-1])
print("value from the address:", ctypes.cast(id(our_var), ctypes.py_object).value)
def counts(what):
    print(f"{what:20} sys: {sys.getrefcount(our_var)}  "
          f"ctypes: {ctypes.c_long.from_address(id(our_var)).value}")
counts("our_var = [1, 2, 3]")
my_var = our_var
counts("my_var = our_var")
del my_var
counts("del my_var")
