import copy, sys
a = []
for i in range(5):
    a.append(1000 + i)
for text in ["a", "a[:]", "list(a)", "a.copy()", "copy.copy(a)"]:
    print(f"sys.getsizeof({text}):{' ' * (13 - len(text))}{sys.getsizeof(eval(text))}")
