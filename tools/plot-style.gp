# plot-style.gp -- the look shared by every benchmark plot of the book.
# A bench/NAME.gp script starts with
#     load 'tools/plot-style.gp'
# (./build.sh runs gnuplot from the repository, and gives the terminal, its
# size and base font: 9 pt in the PDF, where tools/book.lua checks that no
# text of a figure is smaller than 8 pt, so do not set smaller fonts here or
# in a script). What the style gives:
#   - the key (legend) outside the data, below the plot, in one row when
#     it fits: call `set key` only to change the number of columns;
#   - one colour per allocator, the same in every plot: linetype 1 pm (ours),
#     2 glibc, 3 mimalloc, 4 jemalloc, 5 CPython's pymalloc (the order of the
#     columns in a benchmark's .dat); the colours are also named
#     (colour_pm, ...) for plots whose columns come in another order;
#   - light horizontal grid lines, no tick marks on the x axis, histograms
#     drawn as clustered solid bars.
# Use a logarithmic axis (set logscale y) when the values of one plot span
# more than a factor of ten, and say so in the title.
colour_pm       = "#c0392b"
colour_glibc    = "#7f8c8d"
colour_mimalloc = "#e6a23c"
colour_jemalloc = "#27ae60"
colour_pymalloc = "#2e6db4"
set linetype 1 lc rgb colour_pm
set linetype 2 lc rgb colour_glibc
set linetype 3 lc rgb colour_mimalloc
set linetype 4 lc rgb colour_jemalloc
set linetype 5 lc rgb colour_pymalloc
set datafile missing "n/a"
set key outside below center horizontal samplen 1.5 spacing 1.1 width 1.5 noautotitle
set key autotitle columnheader
set grid ytics lc rgb "#dddddd"
set xtics scale 0
set border 3
set ytics nomirror
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border rgb "black"
set boxwidth 1
