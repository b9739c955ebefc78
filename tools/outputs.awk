# outputs.awk -- put program outputs into the woven book.
#
# A documentation line that is exactly
#     {{output NAME}}    becomes the output of demos/NAME.c (file OUTS/NAME.txt,
#                        made by running the demo during the build);
#     {{cpython NAME}}   becomes CPython 3.11's recorded output of py/NAME.py
#                        (file REC/NAME.out, committed, re-checked by
#                        ./build.sh check when python3 3.11 is present);
#     {{cpython NAME 3.12}} the same snippet recorded with CPython 3.12
#                        (file REC/NAME@3.12.out). A recording's first line,
#                        "# CPython 3.12.1", names its interpreter.
#     {{file PATH}}      becomes the text of the committed file PATH (relative
#                        to the repository), e.g. a benchmark's recorded
#                        results (tools/book.lua sets it a size smaller in
#                        the PDF).
#     {{compare ours=NAME cpython=NAME cpython3.12=NAME ...}}
#                        the same outputs side by side, one column per runtime
#                        in the order given: ours=NAME is the output of
#                        demos/NAME.c, cpython=NAME the recording of py/NAME.py
#                        with CPython 3.11, cpython3.12=NAME with 3.12. The
#                        first column is the reference: tools/book.lua marks
#                        the lines in which another column differs from it.
#                        Explain the marked difference in the text right after.
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
    if (title ~ /@CPYTHON@/) {                 # the recording names its interpreter
        if ((getline line < file) <= 0 || line !~ /^# CPython [0-9.]+$/) {
            printf "%s: %s: %s does not start with \"# CPython X.Y.Z\"\n", where(marker), marker, file > "/dev/stderr"
            failed = 1; exit 1
        }
        sub(/@CPYTHON@/, substr(line, 3), title)
    }
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
/^\{\{cpython [A-Za-z0-9_]+( 3\.[0-9]+)?\}\}$/ {
    split(substr($0, 3, length($0) - 4), f, " ")
    file = rec "/" f[2] (f[3] == "" || f[3] == "3.11" ? "" : "@" f[3]) ".out"
    emit(file, "output .cpython", "*Output of `py/" f[2] ".py` on @CPYTHON@:*", $0)
    next
}
/^\{\{compare( (ours|cpython(3\.[0-9]+)?)=[A-Za-z0-9_]+)+\}\}$/ {
    n = split(substr($0, 11, length($0) - 12), item, " ")
    if (n < 2) { printf "%s: %s compares fewer than two outputs\n", where($0), $0 > "/dev/stderr"; failed = 1; exit 1 }
    print "::: {.compare}"
    for (i = 1; i <= n; i++) {
        split(item[i], kv, "="); print ""
        if (kv[1] == "ours")
            emit(outs "/" kv[2] ".txt", "output .column", "*Ours: `demos/" kv[2] ".c`*", $0)
        else {
            v = substr(kv[1], 8)
            emit(rec "/" kv[2] (v == "" || v == "3.11" ? "" : "@" v) ".out", "output .cpython .column",
                 "*@CPYTHON@: `py/" kv[2] ".py`*", $0)
        }
    }
    print ":::"
    next
}
/^\{\{file [A-Za-z0-9_.\/-]+\}\}$/ {
    name = substr($0, 8, length($0) - 9)
    emit(name, "output .file", "*Recorded in `" name "`:*", $0)
    next
}
/^\{\{/ { printf "%s: malformed marker %s\n", where($0), $0 > "/dev/stderr"; failed = 1; exit 1 }
{ print }
END { exit failed }
