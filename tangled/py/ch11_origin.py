import copy
origin = [1, 2, [3, 4]]
cop1 = copy.copy(origin)
cop2 = copy.deepcopy(origin)
print("cop1 == cop2:", cop1 == cop2, " cop1 is cop2:", cop1 is cop2)
origin[2][0] = "hey!"
print("origin:", origin)
print("cop1:  ", cop1, " cop1[2] is origin[2]:", cop1[2] is origin[2])
print("cop2:  ", cop2, " cop2[2] is origin[2]:", cop2[2] is origin[2])
