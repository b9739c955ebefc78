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
set linetype 1 lc rgb "#c0392b"        # pm, chapter 7
set linetype 2 lc rgb "#f1948a"        # pm-ch4, chapter 4's pymalloc
set linetype 3 lc rgb "#7f8c8d"        # glibc
set linetype 4 lc rgb "#e6a23c"        # mimalloc
set linetype 5 lc rgb "#27ae60"        # jemalloc
set linetype 6 lc rgb "#2e6db4"        # CPython's pymalloc
set multiplot layout 1, 2
set title "ns per operation (log scale)"
set logscale y
set yrange [1:10000]
set xtics rotate by -25 font ",11"
set key outside below horizontal maxcols 3 samplen 1.5
plot for [c = 2:7] datafile index 0 using c:xtic(1)
unset logscale y
set title "uniform workload: MiB resident (log scale)"
set logscale y
set yrange [0.1:20000]
set key outside below horizontal maxcols 2 samplen 1.5
plot datafile index 1 using 2:xtic(1) title "at the peak" lc rgb "#95a5a6", \
     datafile index 1 using 3 title "after freeing all" lc rgb "#34495e"
unset multiplot
