import copy
for text, x in [("None", None), ("1000", 1000), ("2.5", 2.5), ("'abc'", "abc"),
                ("(1000, 'abc')", (1000, "abc")), ("int", int),
                ("[1000, [2000]]", [1000, [2000]]), ("{'k': [1000]}", {"k": [1000]}),
                ("object()", object())]:
    s, d = copy.copy(x), copy.deepcopy(x)
    line = f"{text:15} copy is x: {s is x!s:5}  deepcopy is x: {d is x!s:5}"
    if isinstance(x, (list, dict)):
        k = -1 if isinstance(x, list) else "k"
        line += f"  inner list shared: copy {s[k] is x[k]}, deepcopy {d[k] is x[k]}"
    print(line)
