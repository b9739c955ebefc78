# bench/alloc.gp -- the figure of the allocator benchmark. ./build.sh gives
# the terminal, the output and datafile (figures/bench-alloc.dat).
load 'tools/plot-style.gp'             # key below the data, one colour per allocator
set multiplot layout 1, 2
set title "ns per malloc/free pair (log scale)"
set logscale y
set yrange [3:8000]
set key maxcols 3
plot for [c = 2:6] datafile index 0 using c:xtic(1), \
     for [c = 2:6] datafile index 0 using ($0 + (c - 4) / 6.0):c:(sprintf("%.0f", column(c))) \
         with labels rotate left offset 0, 0.4 notitle
unset logscale y
set title "workload 2 (uniform): MiB resident"
set yrange [0:5000]
set key maxcols 2
set xtics rotate by 30 right           # five names side by side do not fit
plot datafile index 1 using 2:xtic(1) title "at the peak" lc rgb "#95a5a6", \
     datafile index 1 using 3 title "after freeing all" lc rgb "#34495e", \
     datafile index 1 using ($0 + 1 / 6.0):3:(sprintf("%.0f", $3)) \
         with labels rotate left offset 0, 0.4 notitle
unset multiplot
