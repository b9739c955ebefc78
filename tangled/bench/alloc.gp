# bench/alloc.gp -- the figure of the allocator benchmark. ./build.sh gives
# the terminal, the output and datafile (figures/bench-alloc.dat).
load 'tools/plot-style.gp'             # key below the data, one colour per allocator
set linetype 1 lc rgb colour_pm        # pm, the runtime's default
set linetype 2 lc rgb "#f1948a"        # pm-ch4, chapter 4's pymalloc
set linetype 3 lc rgb colour_glibc
set linetype 4 lc rgb colour_mimalloc
set linetype 5 lc rgb colour_jemalloc
set linetype 6 lc rgb colour_pymalloc
set multiplot layout 1, 2
set title "ns per operation (log scale)"
set logscale y
set yrange [1:10000]
set xtics rotate by 30 right           # six names side by side do not fit
set key maxcols 3
plot for [c = 2:7] datafile index 0 using c:xtic(1)
unset logscale y
set title "uniform workload: MiB resident (log scale)"
set logscale y
set yrange [0.1:20000]
set key maxcols 2
plot datafile index 1 using 2:xtic(1) title "at the peak" lc rgb "#95a5a6", \
     datafile index 1 using 3 title "after freeing all" lc rgb "#34495e"
unset multiplot
