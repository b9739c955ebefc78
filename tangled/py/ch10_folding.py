def main():
    b = -257
    c = -257
    d = -2.5
    e = -2.5
    print("b is c:", b is c, " d is e:", d is e)
main()
