import copy
a = [1000, [2000]]
b = a
c = copy.copy(a)
a.append(3000)
print("b = a:           b is a:", b is a, " b =", b)
print("c = copy.copy(a): c is a:", c is a, " c =", c, " c[1] is a[1]:", c[1] is a[1])
