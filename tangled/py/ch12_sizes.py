import sys
for text in ["[]", "[1, 2, 3, 4]", "()", "(1, 2)", "{}"]:
    print(f"{text:14} {sys.getsizeof(eval(text)):4}")
