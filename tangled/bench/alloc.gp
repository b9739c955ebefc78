# bench/alloc.gp -- the figure of the allocator benchmark. ./build.sh gives
# the terminal, the output and datafile (figures/bench-alloc.dat).
set datafile missing "n/a"
set key autotitle columnheader         # the first line of each block names the columns
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border rgb "black"
set boxwidth 1
set grid ytics lc rgb "#dddddd"
set xtics scale 0
set linetype 1 lc rgb "#c0392b"        # pm
set linetype 2 lc rgb "#7f8c8d"        # glibc
set linetype 3 lc rgb "#e6a23c"        # mimalloc
set linetype 4 lc rgb "#27ae60"        # jemalloc
set linetype 5 lc rgb "#2e6db4"        # CPython's pymalloc
set multiplot layout 1, 2
set title "ns per malloc/free pair (log scale)"
set logscale y
set yrange [3:8000]
set key top left horizontal maxcols 3 samplen 1.5
plot for [c = 2:6] datafile index 0 using c:xtic(1), \
     for [c = 2:6] datafile index 0 using ($0 + (c - 4) / 6.0):c:(sprintf("%.0f", column(c))) \
         with labels rotate left offset 0, 0.4 font ",9" notitle
unset logscale y
set title "workload 2 (uniform): MiB resident"
set yrange [0:5000]
set key top left vertical samplen 1.5
plot datafile index 1 using 2:xtic(1) title "at the peak" lc rgb "#95a5a6", \
     datafile index 1 using 3 title "after freeing all" lc rgb "#34495e", \
     datafile index 1 using ($0 + 1 / 6.0):3:(sprintf("%.0f", $3)) \
         with labels rotate left offset 0, 0.4 font ",9" notitle
unset multiplot
