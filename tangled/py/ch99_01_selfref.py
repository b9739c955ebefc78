a = [1000]
a.append(a)
print(a)
b = [a, a]
print(b)
