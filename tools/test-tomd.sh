#!/bin/sh
# test-tomd.sh -- self-check of the tomd back end.
#
#   sh tools/test-tomd.sh            compare with tools/testdata/expected.md
#   sh tools/test-tomd.sh -update    rewrite expected.md (review the diff!)
#
# Runs from the repository root: noweb's labels hash the file names as given
# on the command line, so the chapters must always be named tools/testdata/*.nw.
# TOMD_AWK=mawk|gawk selects the awk used by tomd.
set -u
cd "$(dirname "$0")/.." || exit 2
LC_ALL=C; export LC_ALL
tmp=${TMPDIR:-/tmp}/test-tomd.$$
mkdir -p "$tmp" || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok   - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }

# 1. the sample chapters weave to exactly expected.md, with nothing on stderr
noweave -n -index -backend "tools/tomd -chunkindex -identindex" \
    tools/testdata/a.nw tools/testdata/b.nw tools/testdata/03-c.nw >"$tmp/book.md" 2>"$tmp/err"
rc=$?
if [ "${1:-}" = -update ]; then
    cp "$tmp/book.md" tools/testdata/expected.md && echo "updated tools/testdata/expected.md"
fi
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then ok "noweave + tomd exit 0, empty stderr"
else cat "$tmp/err"; bad "noweave + tomd (rc=$rc)"; fi
if diff -u tools/testdata/expected.md "$tmp/book.md"; then ok "output matches expected.md"
else bad "output differs from expected.md"; fi

# an empty definition declares a hook: not printed, the tag of its definition
if grep -q '⟨more of the demo 3:9⟩' "$tmp/book.md" && [ "$(grep -c '⟨more of the demo⟩+\{0,1\}≡' "$tmp/book.md")" = 1 ]
then ok "an empty chunk is a hook: not shown, tagged where it is filled in"; else bad "empty chunk (hook)"; fi

# 2. a second run is byte-identical
noweave -n -index -backend "tools/tomd -chunkindex -identindex" \
    tools/testdata/a.nw tools/testdata/b.nw tools/testdata/03-c.nw >"$tmp/book2.md" 2>/dev/null
if cmp -s "$tmp/book.md" "$tmp/book2.md"; then ok "reproducible"; else bad "two runs differ"; fi

# 3. errors: @fatal -> exit 1; malformed stream -> nonzero; both say why on stderr
printf '@file x.nw\n@begin docs 0\n@fatal markup x.nw:1: oops\n' | tools/tomd >/dev/null 2>"$tmp/err"
if [ $? -eq 1 ] && grep -q oops "$tmp/err"; then ok "@fatal gives exit 1"; else bad "@fatal"; fi
printf '@file x.nw\n@begin code 0\n@text x\n' | tools/tomd >/dev/null 2>"$tmp/err"
if [ $? -ne 0 ] && [ -s "$tmp/err" ]; then ok "truncated stream rejected"; else bad "truncated stream"; fi
printf '@file x.nw\n@bogus\n' | tools/tomd >/dev/null 2>"$tmp/err"
if [ $? -ne 0 ] && [ -s "$tmp/err" ]; then ok "unknown keyword rejected"; else bad "unknown keyword"; fi

# 4. tools/book.lua, the pandoc filter, on the sample book
if command -v pandoc >/dev/null; then
    f="-f markdown-citations --wrap=none --lua-filter=tools/book.lua"
    BOOK_REPORT=$tmp/report BOOK_ROOT=. pandoc $f -t html -o "$tmp/book.html" tools/testdata/expected.md 2>"$tmp/err"
    if [ $? -eq 0 ]; then ok "book.lua: HTML"; else cat "$tmp/err"; bad "book.lua: HTML"; fi
    BOOK_REPORT=$tmp/report BOOK_ROOT=. pandoc $f -t latex -o "$tmp/book.tex" tools/testdata/expected.md 2>>"$tmp/err"
    if [ $? -eq 0 ]; then ok "book.lua: LaTeX"; else cat "$tmp/err"; bad "book.lua: LaTeX"; fi
    has() { if grep -q -- "$2" "$tmp/$1"; then ok "book.lua: $3"; else bad "book.lua: $3 ($2 not in $1)"; fi; }
    hasnt() { if grep -q -- "$2" "$tmp/$1"; then bad "book.lua: $3 ($2 in $1)"; else ok "book.lua: $3"; fi; }
    has book.html 'data-number="3"' "a chapter is numbered after its file (03-c.nw is 3)"
    has book.html 'this is chapter <a href="#ch-many">3</a>' "an empty link prints the chapter's number"
    has book.html 'chapter <a href="#ch-objects">1</a>\.' "a link with a wrong number prints the right one"
    has report 'FAIL link \[7\](#ch-objects)' "... and the wrong number is reported"
    has book.html 'this chunk is <a href="#nw-one-line">3:1</a>' "an empty link to a chunk prints its tag"
    has book.html '<a class="nwref" href="#NW35KcBW-2V01iP-1">' "a chunk name in code is a link"
    has book.html 'from chapter <a href="#ch-objects">1</a>' "\"chapter 1\" in the prose is a link"
    has book.html 'href="https://peps.python.org/pep-0683/"' "PEP 683 is a link"
    has book.html 'href="https://bugs.python.org/issue37029"' "bpo-37029 is a link"
    has book.html 'href="https://example.org/x"' "an address in the prose is a link"
    has book.html '<span class="ln diff">CPython&#39;s line\|<span class="ln diff">CPython.s line' "a differing line is marked"
    hasnt book.html '<span class="ln diff">same line' "... a line both print is not"
    has book.html 'class="compare stacked"' "columns too long for the page are stacked"
    has book.tex '\\nwtag{NW35KcBW-2jFndb-1}' "in the PDF, chunk tags are page tags"
    has book.tex '\\nwref{NW35KcBW-2V01iP-1}' "in the PDF, a chunk name in code is a link"
    has book.tex '\\setcounter{chapter}{2}' "in the PDF, chapter 3 is numbered 3"
    # no line of code or output in the LaTeX is longer than the page holds (97)
    long=$(awk '/\\begin\{(Highlighting|verbatim|Verbatim)\}/ { on = 1; next } /\\end\{(Highlighting|verbatim|Verbatim)\}/ { on = 0 }
                on { s = $0; gsub(/\\[A-Za-z]+Tok\{|\\nwdiff\{|\\textbackslash\{\}|[{}]/, "", s); if (length(s) > 97) n++ } END { print n + 0 }' "$tmp/book.tex")
    if [ "$long" = 0 ]; then ok "book.lua: no line of code wider than the PDF's measure"; else bad "book.lua: $long lines of code wider than the measure"; fi
    has book.tex '↪' "... a long line is broken, the rest after a ↪"
else
    echo "skip - pandoc not installed: tools/book.lua not tested"
fi

echo "test-tomd: $pass passed, $fail failed"
[ $fail -eq 0 ]
