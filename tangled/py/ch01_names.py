a = [1, 2, 3]
b = a
a = [4, 5, 6]
print("rebind: a =", a, " b =", b, " a is b:", a is b)
a = [1, 2, 3]
b = a
a[0], a[1], a[2] = 4, 5, 6
print("mutate: a =", a, " b =", b, " a is b:", a is b)
