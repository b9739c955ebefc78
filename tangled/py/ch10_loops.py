def walk(start, step, quiet):
    x = y = start
    while True:
        x += step
        y += step
        if x is y:
            if not quiet(x):
                print('%d is %d' % (x, y))
        else:
            print('Attention! %d is not %d' % (x, y))
            break

walk(-1, 1, lambda v: 3 <= v <= 253)
walk(0, -1, lambda v: False)
