import sys
class A: pass
for text in ["1000", "1.0", "''", "'qikepu'", "None", "[]", "[1, 2, 3, 4]",
             "()", "(1, 2)", "{}", "{'a': 1}", "A()"]:
    x = eval(text)
    print(f"{text:14} {sys.getsizeof(x):4}  {'header' if type(x).__flags__ & (1 << 14) else '-'}")
