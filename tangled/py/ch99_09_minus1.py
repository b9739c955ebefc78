d = {-1: 'a', -2: 'b'}
print("hash(-1), hash(-2):", hash(-1), hash(-2), " len(d):", len(d),
      " d[-1], d[-2]:", d[-1], d[-2])
