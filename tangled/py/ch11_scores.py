scores = [[0] * 3] * 5
scores[0][1] = 95.5
print("[[0] * 3] * 5:           ", scores, " scores[0] is scores[1]:", scores[0] is scores[1])
scores = [[]] * 5
for row in range(5):
    scores[row] = [0] * 3
scores[0][1] = 95.5
print("[[]] * 5, then new rows: ", scores, " scores[0] is scores[1]:", scores[0] is scores[1])
scores = [[0] * 3 for _ in range(5)]
scores[0][1] = 95.5
print("[[0] * 3 for _ in ...]:  ", scores, " scores[0] is scores[1]:", scores[0] is scores[1])
