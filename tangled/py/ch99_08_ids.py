k = 3
print("id(1.5 * k) == id(2.5 * k):  ", id(1.5 * k) == id(2.5 * k))
print("id((k, k)) == id((k, k, k)): ", id((k, k)) == id((k, k, k)))
print("id([k]) == id([k, k]):       ", id([k]) == id([k, k]))
