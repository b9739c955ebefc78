x, y = object(), object()
ix, iy = id(x), id(y)
del x, y                               # x's block freed first, then y's
z = object()
print("id(z) == id(y):", id(z) == iy, " id(z) == id(x):", id(z) == ix)
print("id(object()) == id(object()):", id(object()) == id(object()))
