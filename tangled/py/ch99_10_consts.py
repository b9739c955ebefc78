def f():
    a = 1
    b = 1.0
    c = 0.0
    d = -0.0
    return a, b, c, d
print("constants of f:", f.__code__.co_consts)
