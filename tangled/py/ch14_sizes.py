from tracemalloc import _format_size

sizes = [0, 1, 424, 1023, 1024, 10239, 10240, 10291, 51200, 102399, 102400,
         1048575, 10485759, 10485760, 104857599, 1073741824, 2**40, 2**50]
for size in sizes:
    print("%17d %12s %12s %12s" % (size, _format_size(size, False),
                                   _format_size(size, True), _format_size(-size, True)))
print("average 10698 / 21:", _format_size(10698 / 21, False))
print("average 27 / 4:", _format_size(27 / 4, False))
