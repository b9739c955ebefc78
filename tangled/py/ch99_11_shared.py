import copy
a = [1000]
b = [a, a]
c = copy.deepcopy(b)
c[0].append(2000)
print("b:", b, " c:", c, " c[0] is c[1]:", c[0] is c[1])
