import tracemalloc
v = 1234.5
x = v * 2
del x
tracemalloc.start()
y = v * 3
print("a float reused from the free list:", tracemalloc.get_object_traceback(y))
z = v * 4
print("a float allocated while tracing:", tracemalloc.get_object_traceback(z))
