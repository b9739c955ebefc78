# outputs.awk -- put program outputs into the woven book.
#
# A documentation line that is exactly
#     {{output NAME}}    becomes the output of demos/NAME.c (file OUTS/NAME.txt,
#                        made by running the demo during the build);
#     {{cpython NAME}}   becomes CPython's recorded output of py/NAME.py
#                        (file REC/NAME.out, committed, re-checked by
#                        ./build.sh check when python3 3.11 is present);
#     {{file PATH}}      becomes the text of the committed file PATH (relative
#                        to the repository), e.g. a benchmark's recorded
#                        results; set a size smaller in the PDF, whose code
#                        lines are cut, not wrapped.
# An unknown NAME stops the build, naming the .nw file and line of the marker.
# Usage: awk -v outs=DIR -v rec=DIR -f outputs.awk book.md.tmp > book.md
function where(marker,    cmd, loc) {
    cmd = "grep -n -F '" marker "' chapters/*.nw | head -1 | cut -d: -f1,2"
    cmd | getline loc; close(cmd)
    return loc == "" ? "book.md" : loc
}
function emit(file, cls, title, marker,    line, n) {
    n = 0
    print "::: {." cls "}"
    print title
    print ""
    print "```text"
    while ((getline line < file) > 0) { print line; n++ }
    close(file)
    if (n == 0) {
        printf "%s: %s has no output (missing %s)\n", where(marker), marker, file > "/dev/stderr"
        failed = 1; exit 1
    }
    print "```"
    print ":::"
}
/^\{\{output [A-Za-z0-9_]+\}\}$/ {
    name = substr($0, 10, length($0) - 11)
    emit(outs "/" name ".txt", "output", "*Output of `demos/" name ".c` on our runtime:*", $0)
    next
}
/^\{\{cpython [A-Za-z0-9_]+\}\}$/ {
    name = substr($0, 11, length($0) - 12)
    emit(rec "/" name ".out", "output .cpython", "*Output of `py/" name ".py` on CPython 3.11.7:*", $0)
    next
}
/^\{\{file [A-Za-z0-9_.\/-]+\}\}$/ {
    name = substr($0, 8, length($0) - 9)
    print "```{=latex}\n\\begingroup\\fvset{fontsize=\\footnotesize}\n```\n"
    emit(name, "output .file", "*Recorded in `" name "`:*", $0)
    print "\n```{=latex}\n\\endgroup\n```"
    next
}
/^\{\{/ { printf "%s: malformed marker %s\n", where($0), $0 > "/dev/stderr"; failed = 1; exit 1 }
{ print }
END { exit failed }
