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
    tools/testdata/a.nw tools/testdata/b.nw >"$tmp/book.md" 2>"$tmp/err"
rc=$?
if [ "${1:-}" = -update ]; then
    cp "$tmp/book.md" tools/testdata/expected.md && echo "updated tools/testdata/expected.md"
fi
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then ok "noweave + tomd exit 0, empty stderr"
else cat "$tmp/err"; bad "noweave + tomd (rc=$rc)"; fi
if diff -u tools/testdata/expected.md "$tmp/book.md"; then ok "output matches expected.md"
else bad "output differs from expected.md"; fi

# 2. a second run is byte-identical
noweave -n -index -backend "tools/tomd -chunkindex -identindex" \
    tools/testdata/a.nw tools/testdata/b.nw >"$tmp/book2.md" 2>/dev/null
if cmp -s "$tmp/book.md" "$tmp/book2.md"; then ok "reproducible"; else bad "two runs differ"; fi

# 3. errors: @fatal -> exit 1; malformed stream -> nonzero; both say why on stderr
printf '@file x.nw\n@begin docs 0\n@fatal markup x.nw:1: oops\n' | tools/tomd >/dev/null 2>"$tmp/err"
if [ $? -eq 1 ] && grep -q oops "$tmp/err"; then ok "@fatal gives exit 1"; else bad "@fatal"; fi
printf '@file x.nw\n@begin code 0\n@text x\n' | tools/tomd >/dev/null 2>"$tmp/err"
if [ $? -ne 0 ] && [ -s "$tmp/err" ]; then ok "truncated stream rejected"; else bad "truncated stream"; fi
printf '@file x.nw\n@bogus\n' | tools/tomd >/dev/null 2>"$tmp/err"
if [ $? -ne 0 ] && [ -s "$tmp/err" ]; then ok "unknown keyword rejected"; else bad "unknown keyword"; fi

echo "test-tomd: $pass passed, $fail failed"
[ $fail -eq 0 ]
