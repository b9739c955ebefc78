# bench/gc.gp -- every pause of the ten-million-list build, CPython 3.11's
# and ours. ./build.sh gives the terminal, the output and datafile
# (figures/bench-gc.dat: index 0 ours, index 1 CPython's).
load 'tools/plot-style.gp'
unset key
stats datafile using 1 nooutput
set xrange [0:STATS_max / 1000]
set logscale y
set yrange [0.01:2000]
set xtics scale 1 nomirror
set xlabel "seconds since the loop began"
set multiplot layout 1, 2
set title "CPython 3.11: each pause, ms (log scale)"
plot datafile index 1 using ($1 / 1000):3 with impulses lc rgb colour_pymalloc
set title "ours: each pause, ms (log scale)"
plot datafile index 0 using ($1 / 1000):3 with impulses lc rgb colour_pm
unset multiplot
