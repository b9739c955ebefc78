import sys
for text in ["2**30 - 1", "2**30", "2**60 - 1", "2**60"]:
    print(f"sys.getsizeof({text}) = {sys.getsizeof(eval(text))}")
