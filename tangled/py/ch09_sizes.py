import sys
for text in ["[]", "[1, 2, 3, 4]", "()", "(1, 2)", "{}", "{'a': 1}", "{1: 1}",
             "1.0", "1", "''", "object()", "None"]:
    print(f"{text:14} {sys.getsizeof(eval(text)):4}")
