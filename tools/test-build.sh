#!/usr/bin/env bash
# test-build.sh -- tests of build.sh itself: a failing build damages nothing,
# the caller's environment cannot change what is generated, and every error
# names what was wrong. It runs on a copy of the book cut down to chapters 1
# and 2 (fast), placed under a path with a space in it and reached through a
# symlink. Usage: tools/test-build.sh (from the checkout); ./build.sh test
# runs it. Prints "test-build: N passed, N failed" last.
set -uo pipefail
export LC_ALL=C
src=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx="$tmp/a checkout"                 # the fixture: a path with a space
pass=0 fail=0
ok()   { pass=$((pass + 1)); echo "ok   $*"; }
bad()  { fail=$((fail + 1)); echo "FAIL $*"; }
# expect_fail NAME WANT CMD...: CMD fails and its output contains WANT
expect_fail() {
    local name=$1 want=$2 out; shift 2
    if out=$("$@" 2>&1); then bad "$name: succeeded"; echo "$out" | tail -5; return; fi
    if grep -qF -- "$want" <<< "$out"; then ok "$name"; else bad "$name: no \"$want\" in:"; echo "$out" | tail -5; fi
}
expect_ok() {
    local name=$1 out; shift
    if out=$("$@" 2>&1); then ok "$name"; else bad "$name: failed"; echo "$out" | tail -8; fi
}
# the state of everything a build generates or records
state() { (cd "$fx" && find tangled figures book.md chapters/cpython -type f -print0 | sort -z | xargs -0 md5sum); }
unchanged() {
    if [ "$(state)" = "$before" ]; then ok "$1: generated files unchanged"
    else bad "$1: generated files changed"; diff <(echo "$before") <(state) | head -5; fi
}

mkdir -p "$fx/chapters/cpython" "$fx/tests" "$fx/figures"
cp "$src/build.sh" "$fx/"; cp -r "$src/tools" "$fx/"
cp "$src"/chapters/0[12]-*.nw "$fx/chapters/"
# chapter 1 shows a figure that chapter 15's show_refs draws; the two-chapter
# fixture shows chapter 2's own figure in its place
sed -i 's|(figures/ch15_labels)|(figures/ch02_cascade)|' "$fx/chapters/01-objects.nw"
cp "$src"/chapters/cpython/ch0[12]_* "$fx/chapters/cpython/"
cp "$src"/tests/ch0[12]_*.c "$src/tests/main.c" "$src/tests/pmtest.h" "$fx/tests/"
ln -s "$fx/build.sh" "$tmp/link.sh"
B() { (cd "$tmp" && "$tmp/link.sh" "$@"); }   # always through the symlink, from elsewhere

expect_ok "build through a symlink, in a path with a space" B
[ -e "$tmp/build" ] || [ -e "$tmp/tangled" ] || [ -e "$tmp/book.md.tmp" ] \
    && bad "files written beside the symlink" || ok "nothing written beside the symlink"
before=$(state)
expect_ok "PMMALLOC=debug exported: the build ignores it" env PMMALLOC=debug "$tmp/link.sh"
unchanged "PMMALLOC=debug"
expect_ok "PMMALLOC=malloc exported: check passes" env PMMALLOC=malloc "$tmp/link.sh" check
expect_ok "run 02 (a leading zero is decimal)" B run 02
expect_fail "run 010 names the chapter" "no chapter 010" B run 010
expect_fail "run x names the word" "'x' is not a chapter number" B run x
expect_fail "an unknown command is named" 'unknown command "tset"' B tset
expect_fail "a misspelt benchmark arm is named before anything is built" "BENCH_ARMS: no arm 'mimaloc'" \
    env BENCH_ARMS="pm mimaloc" "$tmp/link.sh" bench alloc

nw="$fx/chapters/02-refcount.nw"; cp "$nw" "$tmp/saved.nw"
restore() { cp "$tmp/saved.nw" "$nw"; }

# a missing benchmark record: the message says how to make it
printf '\n{{file figures/bench-copy.txt}}\n' >> "$nw"
expect_fail "missing bench record" "run ./build.sh bench copy" B
unchanged "missing bench record"; restore

# C that does not compile never reaches tangled/
awk '!done && /^<<demos\/ch02_.*>>=$/ { print; print "int broken = ;"; done = 1; next } { print }' \
    "$tmp/saved.nw" > "$nw"
expect_fail "a chapter that does not compile" "compiling" B
unchanged "a chapter that does not compile"; restore

# a lost @: the chunk is named with its line
awk '!done && prev ~ /^<<.*>>=$/ { inchunk = 1 } inchunk && /^@( |$)/ && !done { done = 1; prev = $0; next }
     { print; prev = $0 }' "$tmp/saved.nw" > "$nw"
expect_fail "a chunk without its @" "is not closed" B
unchanged "a chunk without its @"; restore

# a misspelt chunk name is reported with file and line
sed '0,/^<<demos\/ch02_[a-z_]*\.c>>=$/{//{n;s/^/@<<no such chunk>>\n/}}' "$tmp/saved.nw" \
    | sed 's/^@<<no such chunk>>$/<<no such chunk>>/' > "$nw"
expect_fail "an undefined chunk" "undefined chunk <<no such chunk>>" B
unchanged "an undefined chunk"; restore

# ./build.sh mutate: a mutant the tests kill, one they miss, a record whose
# text is found twice and one naming no chapter; the chapters stay as they were
cat > "$tmp/mutants.txt" <<'MUTANTS'
# a test of the mutation check
chapter: 01-objects
layer:   1
find:    op->ob_refcnt = 1;
replace: op->ob_refcnt = 2;
book:    A new object has reference count 1

chapter: 02-refcount
layer:   2
find:    Pm_ssize_t n = Pm_REFCNT(x);
replace: Pm_ssize_t n = Pm_REFCNT(x); /* a comment changes no behaviour */
book:    reads the count of an object

chapter: 01-objects
layer:   1
find:    Pm_DECREF(
replace: Pm_INCREF(
book:    A new object has reference count 1

chapter: 07-segments
layer:   2
find:    x
replace: y
book:    A new object has reference count 1
MUTANTS
chapters_before=$(cd "$fx" && md5sum chapters/*.nw)
out=$(PM_MUTANTS="$tmp/mutants.txt" B mutate 2>&1); rc=$?
[ "$rc" != 0 ] && ok "mutate: fails when a mutant survives" || bad "mutate: exit status 0 with a survivor"
for want in "killed    chapters/01-objects.nw:" "SURVIVED  chapters/02-refcount.nw:" \
            "find text found" "no chapter 07-segments" "mutate: 1 killed, 1 survived of 4"; do
    grep -qF -- "$want" <<< "$out" && ok "mutate reports: $want" || { bad "mutate: no \"$want\" in:"; echo "$out" | tail -8; }
done
[ "$(cd "$fx" && md5sum chapters/*.nw)" = "$chapters_before" ] && ok "mutate: the chapters are unchanged" \
    || bad "mutate: a chapter was changed"
unchanged "mutate"

echo "test-build: $pass passed, $fail failed"
[ "$fail" = 0 ]
