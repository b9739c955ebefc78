import copy, sys
s = [1000]; x = [s, s]; y = copy.deepcopy(x)
print("shared:  y[0] is y[1]:", y[0] is y[1], " y[0] is s:", y[0] is s)
a = [1000]; a.append(a); b = copy.deepcopy(a)
print("cycle:   b[1] is b:", b[1] is b, " b is a:", b is a)
d = {"a": s, "b": s}; d["self"] = d; e = copy.deepcopy(d)
print("dict:    e['a'] is e['b']:", e["a"] is e["b"], " e['self'] is e:", e["self"] is e)
t = (1000, "a", (2000, 3.5)); memo = {}
print("(1000, 'a', (2000, 3.5)): copy is t:", copy.deepcopy(t, memo) is t,
      " memoised:", id(t) in memo)
t = (1000, [2000]); u = copy.deepcopy(t)
print("(1000, [2000]):           copy is t:", u is t, " u[0] is t[0]:", u[0] is t[0])
memo, before = {}, sys.getrefcount(s)
y = copy.deepcopy(x, memo)
print("memo:    originals copied:", len(memo) - 1, " refcount of s rose by:",
      sys.getrefcount(s) - before, " deepcopy(x, memo) is y:", copy.deepcopy(x, memo) is y)
