import sys
for text, value in [("0", 0), ("1", 1), ("2**30", 2**30), ("''", ""),
                    ("'a'", "a"), ("'qikepu'", "qikepu"), ("[]", []),
                    ("[1, 2, 3, 4]", [1, 2, 3, 4]),
                    ("list(range(4))", list(range(4)))]:
    print(f"{text:16} {sys.getsizeof(value):4}")
