for n in (97, 127, 200, 255, 256, 1000):
    print(f"chr({n}) is chr({n}):", chr(n) is chr(n))
