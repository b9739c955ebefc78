#!/usr/bin/env bash
# build.sh -- the one entry point of the book "Python's Memory, Rebuilt".
#
#   ./build.sh            set up, tangle, build, run the demos, weave, render
#   ./build.sh test [N]   build every layer (or only layer N) and run its tests,
#                         then the last one again under ASan+UBSan and valgrind;
#                         without N also the last layer under ASan+UBSan with
#                         PMGC=stress (chapter 12), build.sh's own tests
#                         (tools/test-build.sh) and the fuzz target for 20 s
#   ./build.sh check      regenerate every generated file in a scratch folder
#                         and fail on any difference from what is committed
#   ./build.sh run N      run chapter N's demo programs
#   ./build.sh record     re-record CPython's outputs (needs python3 3.11)
#   ./build.sh record-traces  re-record the allocation traces of three CPython
#                         programs (needs libpython3.11) for ./build.sh bench alloc
#   ./build.sh bench [NAME]  run benchmark NAME (alloc, copy; without NAME: list
#                         them) and record its results in figures/bench-NAME.txt/.dat
#   ./build.sh fuzz [SECONDS]  run tests/fuzz.c, a libFuzzer target over the runtime's
#                         API, for SECONDS (300); ./build.sh test runs it for 20
#   ./build.sh mutate [N] apply each plausible bug of tests/mutants.txt (or a fixed
#                         sample of N) alone and run its layer's tests: every one
#                         must be killed
#   ./build.sh clean | help
#
# Conventions (see README.md):
#   chapters/NN-topic.nw   the book; roots named like files are tangled. Layer K
#                          is every chapter numbered 1..K (NN is decimal; gaps
#                          are allowed); 00 is front matter without code.
#                          A failing build leaves committed files as they were.
#   roots NAME.c / NAME.h  the runtime library        -> tangled/NAME.[ch]
#   roots demos/*.c        one program each (demos/chNN_*.c belongs to ch NN);
#                          a demo ending in _dot.c prints a Graphviz figure
#   roots py/*.py          CPython snippets; their recorded output is
#                          chapters/cpython/NAME.out
#   roots bench/NAME.c     a benchmark, compiled (never run) by every build;
#                          run by ./build.sh bench NAME only
#   roots bench/NAME.gp    gnuplot script drawing figures/bench-NAME.svg from
#                          the recorded figures/bench-NAME.dat
#   tests/chNN_*.c         Check suites of chapter NN; tests/main.c runs them
#   A doc line {{output NAME}} / {{cpython NAME}} is replaced, when weaving,
#   by the output of demos/NAME.c / the recorded output of py/NAME.py;
#   {{file PATH}} by the committed file PATH (e.g. a benchmark's results).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$(readlink -f "$0")")"   # the checkout, also when run through a symlink
ROOT=$PWD
B=$ROOT/build
CC=${CC:-gcc}
CFLAGS_BASE="-std=c11 -Wall -Wextra -Werror -g -gdwarf-4"  # DWARF 4: binutils 2.40's addr2line misnames #line files in DWARF 5
SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
PY_WANT=3.11

say()  { printf '%s\n' "build: $*"; }
die()  { printf '%s\n' "build: error: $*" >&2; exit 1; }
chapters() { ls chapters/[0-9][0-9]-*.nw 2>/dev/null | sort; }
# Layers are chapter numbers: layer K is every chapter numbered 1..K (the
# numbers may have gaps); chapter 00, the preface, has no code and is only
# woven. Numbers are read as decimal ("08" is 8).
# layer_nums: the number of every chapter that is a layer, in order
layer_nums() {
    local f n
    for f in $(chapters); do
        n=$((10#$(basename "$f" | cut -c1-2)))
        [ "$n" -ge 1 ] && echo "$n"
    done
}
last_layer() { layer_nums | tail -1; }
nn() { printf %02d "$1"; }
# first_k K: the chapter files of layer K
first_k() {
    local f n
    for f in $(chapters); do
        n=$((10#$(basename "$f" | cut -c1-2)))
        [ "$n" -ge 1 ] && [ "$n" -le "$1" ] && echo "$f"
    done
    return 0
}
# layer_arg WORD: WORD as a layer number, or die naming the word and the layers
layer_arg() {
    local w=$1 n
    [[ "$w" =~ ^[0-9]+$ ]] || die "'$w' is not a chapter number (chapters: $(layer_nums | tr '\n' ' '| sed 's/ $//'))"
    n=$((10#$w))
    grep -qx "$n" <<< "$(layer_nums)" || die "no chapter $w (chapters: $(layer_nums | tr '\n' ' ' | sed 's/ $//'))"
    echo "$n"
}

# ---------------------------------------------------------------- packages
# have_pkg NAME: the Debian package is installed (not merely configured:
# a removed package keeps its conffiles and "dpkg -s" still succeeds)
have_pkg() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

need_packages() {
    local missing=() p
    local -A tool=( [noweb]=notangle [pandoc]=pandoc [graphviz]=dot [gcc]=gcc
                    [make]=make [pkg-config]=pkg-config [gawk]=gawk
                    [texlive-latex-base]=pdflatex [gnuplot-nox]=gnuplot )
    for p in "${!tool[@]}"; do command -v "${tool[$p]}" >/dev/null || missing+=("$p"); done
    have_pkg check || missing+=(check)
    have_pkg texlive-latex-recommended || missing+=(texlive-latex-recommended)
    have_pkg lmodern || missing+=(lmodern)
    # Graphviz lays out text with the fonts fontconfig finds; URW's metric
    # clones of Helvetica/Courier/Times make the committed SVGs the same on
    # every machine (without them the fallback depends on what else is there)
    have_pkg fonts-urw-base35 || missing+=(fonts-urw-base35)
    # the titles of the articles the book answers are Chinese: CJK for pdflatex
    have_pkg latex-cjk-chinese-arphic-gbsn00lp || missing+=(latex-cjk-chinese latex-cjk-chinese-arphic-gbsn00lp)
    if [ "${1:-}" = all ] && ! command -v valgrind >/dev/null; then missing+=(valgrind); fi
    install_missing "${missing[@]}"
}

# install_missing PKG...: install these Debian packages (as root), saying so;
# as another user, print the apt-get line to run and stop.
install_missing() {
    [ $# -eq 0 ] && return 0
    local missing
    IFS=$'\n' missing=($(printf '%s\n' "$@" | sort -u)); unset IFS
    local line="apt-get install -y --no-install-recommends ${missing[*]}"
    if [ "$(id -u)" != 0 ]; then
        die "missing packages; as root run: apt-get update && $line"
    fi
    say "installing missing packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $line >/dev/null
    say "installed: ${missing[*]}"
}

# ---------------------------------------------------------------- lint + tangle
# nw_where NAME: "file:line" of the first place a chunk NAME is mentioned.
nw_where() {
    local name=$1; shift
    awk -v n="<<$name>>" 'index($0, n) { print FILENAME ":" FNR; exit }' "$@"
}

# lint FILES...: fail with file:line on what noweb would silently get wrong.
lint() {
    local f err roots r
    for f in "$@"; do
        err=$(/usr/lib/noweb/markup "$f" 2>&1 >/dev/null) || die "noweb markup: $err"
        [ -z "$err" ] || die "noweb markup: $err"
    done
    roots=$(noroots "$@" | sed 's/^<<\(.*\)>>$/\1/')
    # every chunk used must be defined: report the use, with file and line
    local u m; m=$(mktemp)
    /usr/lib/noweb/markup "$@" > "$m"          # parsed once, as in tangle
    while IFS= read -r r; do
        [ -n "$r" ] || continue
        u=$({ /usr/lib/noweb/nt -R"$r" < "$m" 2>&1 >/dev/null || true; } | sed -n 's/.*undefined chunk name: <<\(.*\)>>.*/\1/p' | head -1)
        [ -z "$u" ] || { rm -f "$m"; die "$(nw_where "$u" "$@"): undefined chunk <<$u>> (misspelt name?)"; }
    done <<< "$roots"
    rm -f "$m"
    # a root chunk must look like a file name: otherwise it is a misspelt use
    while IFS= read -r r; do
        [ -n "$r" ] || continue
        case "$r" in
            *.c|*.h|*.py|bench/*.gp) ;;
            *) die "$(nw_where "$r" "$@"): chunk <<$r>> is defined but never used (misspelt name?)";;
        esac
    done <<< "$roots"
    # a code chunk ends at an "@" line; one that runs into the next chunk's
    # definition or the end of the file has lost its "@", and the prose that
    # follows would be compiled as C
    awk '/^<<.*>>=[ \t]*$/ {
             if (open) { printf "%s:%d: chunk %s is not closed: no @ line before line %d\n", FILENAME, start, name, FNR; bad = 1 }
             open = 1; start = FNR; name = $0; sub(/=[ \t]*$/, "", name); next }
         /^@( |$)/ { open = 0 }
         ENDFILE { if (open) { printf "%s:%d: chunk %s is not closed: no @ line before the end of the file\n", FILENAME, start, name; bad = 1 }; open = 0 }
         END { exit bad }' "$@" >&2 || die "a code chunk is missing its closing @"
    # chunk definitions must not have text after '>>='
    awk '/^<<.*>>=[ \t]*[^ \t]/ { print FILENAME ":" FNR ": text after >>= is not allowed"; bad=1 }
         END { exit bad }' "$@" >&2 || die "chunk definition lines are malformed"
}

# tangle OUTDIR LINEFLAG FILES...: write every file root of FILES into OUTDIR.
tangle() {
    local out=$1 lflag=$2; shift 2
    local r tmp err mflag= ntflags=
    mkdir -p "$out"
    tmp=$(mktemp)
    # notangle is noweb's markup (which parses every file) piped into nt
    # (which writes one root); parsing once and running nt per root is what
    # notangle -R would do for each root, without parsing the book each time
    [ -n "$lflag" ] && { mflag=-t; ntflags="-t $lflag"; }
    /usr/lib/noweb/markup $mflag "$@" > "$tmp.markup"
    while IFS= read -r r; do
        [ -n "$r" ] || continue
        # shellcheck disable=SC2086
        if ! /usr/lib/noweb/nt $ntflags -R"$r" < "$tmp.markup" > "$tmp" 2> "$tmp.err" || [ -s "$tmp.err" ]; then
            local msg; msg=$(head -1 "$tmp.err")
            local u; u=$(sed -n 's/.*undefined chunk name: <<\(.*\)>>.*/\1/p' "$tmp.err" | head -1)
            [ -n "$u" ] && msg="$(nw_where "$u" "$@"): undefined chunk <<$u>> (used while tangling $r)"
            rm -f "$tmp" "$tmp.err"; die "$msg"
        fi
        mkdir -p "$(dirname "$out/$r")"
        cmp -s "$tmp" "$out/$r" 2>/dev/null || cp "$tmp" "$out/$r"
        chmod 644 "$out/$r"
    done <<< "$(noroots "$@" | sed 's/^<<\(.*\)>>$/\1/' | sort)"
    rm -f "$tmp" "$tmp.err" "$tmp.markup"
}

# ---------------------------------------------------------------- layers
# build_layer K [san]: tangle chapters 1..K with #line into build/layer-K[-san],
# compile the runtime, the demos of chapters 1..K and the test runner.
build_layer() {
    local k=$1 san=${2:-} dir flags f obj
    dir=$B/layer-$k${san:+-san}
    flags="$CFLAGS_BASE -O1 -DPM_REF_DEBUG"   # the total refcount: tests and demos only
    [ -n "$san" ] && flags="$flags $SAN_FLAGS"
    local files; files=$(first_k "$k")
    # shellcheck disable=SC2086
    lint $files
    rm -rf "$dir/src" "$dir/bin"; mkdir -p "$dir/src" "$dir/obj" "$dir/bin"   # no stale demo survives
    # shellcheck disable=SC2086
    tangle "$dir/src" -L $files
    local objs=()
    for f in "$dir"/src/*.c; do
        [ -e "$f" ] || continue
        obj=$dir/obj/$(basename "${f%.c}").o
        # PM_BUILD_CORE: the runtime's own files (CPython's Py_BUILD_CORE);
        # demos, tests and benchmarks see the interface's macros instead
        $CC $flags -DPM_BUILD_CORE -I"$dir/src" -c "$f" -o "$obj" || die "layer $k: compiling $(basename "$f") failed"
        objs+=("$obj")
    done
    rm -f "$dir/libpm.a"; ar rcs "$dir/libpm.a" "${objs[@]}"
    for f in "$dir"/src/demos/*.c; do
        [ -e "$f" ] || continue
        $CC $flags -I"$dir/src" "$f" "$dir/libpm.a" -lm -o "$dir/bin/$(basename "${f%.c}")" \
            || die "layer $k: compiling demo $(basename "$f") failed"
    done
    # benchmarks run only with ./build.sh bench; compiling them against our
    # runtime here makes a change that breaks one fail at once
    for f in "$dir"/src/bench/*.c; do
        [ -e "$f" ] || continue
        $CC $flags -DBENCH_PM -I"$dir/src" "$f" "$dir/libpm.a" -lm -o "$dir/bin/bench-$(basename "${f%.c}")" \
            || die "layer $k: compiling benchmark $(basename "$f") failed"
    done
    # the test runner: suites of chapters 1..K
    local tests=() n
    : > "$dir/suites.inc"
    for n in $(layer_nums); do
        [ "$n" -le "$k" ] || continue
        for f in tests/ch$(nn "$n")_*.c; do
            [ -e "$f" ] || continue
            tests+=("$ROOT/$f")
            echo "SUITE($(basename "${f%.c}"))" >> "$dir/suites.inc"
        done
    done
    $CC $flags -I"$dir/src" -I"$dir" -I"$ROOT/tests" "${tests[@]}" "$ROOT/tests/main.c" \
        "$dir/libpm.a" $(pkg-config --cflags --libs check) -lm -o "$dir/bin/tests" \
        || die "layer $k: compiling the tests failed"
}

PASSED=0 FAILED=0
# ---------------------------------------------------------------- jobs
# The layers are independent of one another: they compile and run their
# tests side by side, $JOBS at a time (one per core unless JOBS is set).
# in_parallel NAME CMD...: run CMD in the background, its output in
# build/jobs/NAME.log; wait_all waits for every job started, prints each
# log in the order started, and fails when any job failed.
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
PJOBS=()
in_parallel() {
    local name=$1; shift
    mkdir -p "$B/jobs"
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do sleep 0.2; done
    rm -f "$B/jobs/$name.rc"
    # the job's own status goes to a file: bash may forget a finished
    # child's status once `jobs` has reported it
    ( set +e; ( set -e; "$@" ) > "$B/jobs/$name.log" 2>&1; echo $? > "$B/jobs/$name.rc" ) &
    PJOBS+=("$name")
}
wait_all() {
    local j rc=0
    wait || true
    for j in "${PJOBS[@]}"; do
        cat "$B/jobs/$j.log"
        [ "$(cat "$B/jobs/$j.rc" 2>/dev/null)" = 0 ] || rc=1
    done
    PJOBS=()
    return $rc
}
# layers_in_parallel K...: build layers K... side by side
layers_in_parallel() {
    local k
    for k in "$@"; do
        in_parallel "build-$k" build_layer "$k"
    done
    wait_all || die "a layer failed to build (its messages are above)"
}
# run_tests DIR LABEL [ALLOCATOR]: run a layer's test runner with the runtime's
# default allocator (or PMMALLOC=ALLOCATOR; never the caller's exported
# PMMALLOC), in stress mode if STRESS is set (never the caller's PMGC), add
# its counts to the totals.
run_tests() {
    local dir=$1 label=$2 alloc=${3:-} log rc=0 line checks fails errs
    log=$dir/tests${VALGRIND:+-valgrind}.log
    # tests/pmtest.h runs each test body three times: Check's timeouts too
    (cd "$dir" && env -u PMMALLOC -u PMGC -u PMTEST_RUNS ${alloc:+PMMALLOC=$alloc} ${STRESS:+PMGC=stress} \
        ${PMTEST_RUNS:+PMTEST_RUNS=$PMTEST_RUNS} CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-3} \
        CK_VERBOSITY=normal ${VALGRIND:-} ./bin/tests) > "$log" 2>&1 || rc=$?
    line=$(grep -E '^[0-9]+%: Checks: ' "$log" | tail -1 || true)
    if [ -z "$line" ]; then
        cat "$log"; FAILED=$((FAILED + 1)); echo "0 1" >> "$B/counts"
        say "$label: test runner failed (exit $rc)"; return
    fi
    checks=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<< "$line")
    fails=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<< "$line")
    errs=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<< "$line")
    PASSED=$((PASSED + checks - fails - errs)); FAILED=$((FAILED + fails + errs))
    echo "$((checks - fails - errs)) $((fails + errs))" >> "$B/counts"
    if [ "$rc" != 0 ] || [ $((fails + errs)) != 0 ]; then
        grep -vE '^(Running suite|[0-9]+%: Checks)' "$log" | sed 's/^/    /' || true
    fi
    say "$label: $line"
}

cmd_test() {
    need_packages all
    [ -n "$(layer_nums)" ] || die "no chapters"
    local layers to k
    if [ -n "${1:-}" ]; then layers=$(layer_arg "$1"); else layers=$(layer_nums); fi
    to=$(tail -1 <<< "$layers")
    mkdir -p "$B"; : > "$B/counts"
    # the longest jobs start first: the last layer (then under valgrind),
    # its sanitizer build, build.sh's own tests; then the other layers
    in_parallel "layer-$to" test_last_layer "$to"
    in_parallel "layer-$to-san" test_sanitized "$to" "${1:-}"
    if [ -z "${1:-}" ]; then
        in_parallel build-tests run_build_tests
        in_parallel fuzz test_fuzz
    fi
    for k in $layers; do
        [ "$k" = "$to" ] || in_parallel "layer-$k" test_layer "$k"
    done
    wait_all || echo "0 1" >> "$B/counts"   # a job that died (e.g. did not compile)
    local p f
    while read -r p f; do PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); done < "$B/counts"
    echo "tests: $PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}

# test_layer K: build layer K and run its tests
test_layer() {
    build_layer "$1"
    run_tests "$B/layer-$1" "layer $1 (chapters 1..$1)"
}
# test_last_layer K: the same, then again under valgrind
test_last_layer() {
    test_layer "$1"
    if command -v valgrind >/dev/null; then
        # PMMALLOC=malloc: valgrind sees each object as a malloc block, so it
        # can report leaked objects (inside pymalloc's arenas it cannot).
        # Each test body runs once (PMTEST_RUNS=1): valgrind finds the leaks
        # here, which tests/pmtest.h's three runs would find 30 times slower.
        PMTEST_RUNS=1 VALGRIND="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9" \
            run_tests "$B/layer-$1" "layer $1 under valgrind (PMMALLOC=malloc)" malloc
    else
        say "valgrind not installed: skipped the valgrind run"
    fi
}
# test_sanitized K [N]: layer K built with ASan+UBSan, and its tests; without
# N (the whole suite) once more in stress mode
test_sanitized() {
    build_layer "$1" san
    # each test body once (PMTEST_RUNS=1): LeakSanitizer finds the leaks that
    # the repeated runs of the plain build look for
    PMTEST_RUNS=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
        run_tests "$B/layer-$1-san" "layer $1 under ASan+UBSan"
    # stress mode (chapter 12): with PMGC=stress container allocations run
    # collections, so a miscounted reference shows at once; the whole suite
    # of the last layer once, when it has the collector and no N was given
    if [ -z "${2:-}" ] && [ -e "$B/layer-$1-san/src/gc.c" ]; then
        PMTEST_RUNS=1 STRESS=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
            run_tests "$B/layer-$1-san" "layer $1 under ASan+UBSan with PMGC=stress"
    fi
    # arenas (chapter 4 on) are LeakSanitizer's root regions: with gcc here,
    # with clang in test_fuzz
    [ ! -e "$B/layer-$1-san/src/obmalloc.c" ] ||
        test_lsan_roots "layer $1, gcc" "$B/layer-$1-san" $CC $CFLAGS_BASE -O1 -DPM_REF_DEBUG $SAN_FLAGS
}

# test_lsan_roots NAME DIR CC...: chapter 4's "Arenas and LeakSanitizer":
# tests/lsan_arena.c, compiled with AddressSanitizer by the command CC...
# against the runtime whose sources are DIR/src and objects DIR/obj, must
# exit 0 with no leak reported (a block whose only pointer is in an arena).
# Counted as one test.
test_lsan_roots() {
    local name=$1 d=$2 out=$2/lsan_arena
    shift 2
    if "$@" -I"$d/src" tests/lsan_arena.c "$d"/obj/*.o -lm -o "$out" > "$out.log" 2>&1 &&
       (ASAN_OPTIONS=detect_leaks=1 "$out") >> "$out.log" 2>&1; then
        say "$name: a block reached only from an arena is not a leak (tests/lsan_arena.c)"
        echo "1 0" >> "$B/counts"
    else
        sed 's/^/    /' "$out.log" | head -20
        say "$name: FAILED: tests/lsan_arena.c (log: $out.log)"
        echo "0 1" >> "$B/counts"
    fi
}

# run_build_tests: tools/test-build.sh, the tests of build.sh itself (on a
# copy of chapters 1 and 2), counted with the others.
run_build_tests() {
    local log=$B/test-build.log line p f
    say "build.sh's own tests (tools/test-build.sh)"
    tools/test-build.sh > "$log" 2>&1 || true
    line=$(tail -1 "$log")
    if [[ "$line" =~ ^test-build:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
    else
        p=0 f=1
    fi
    echo "$p $f" >> "$B/counts"
    [ "$f" = 0 ] || grep -v '^ok ' "$log" | sed 's/^/    /'
    say "build.sh: $line"
}

# ---------------------------------------------------------------- demos, figures
# run_demos OUTDIR FIGDIR: run every chapter's demos at that chapter's layer.
run_demos() {
    local out=$1 fig=$2 k f name
    mkdir -p "$out" "$fig"
    for k in $(layer_nums); do
        [ -x "$B/layer-$k/bin/tests" ] || build_layer "$k"
        for f in "$B/layer-$k"/bin/ch$(nn "$k")_*; do
            [ -x "$f" ] || continue
            name=$(basename "$f")
            case $name in
                *_dot) (cd "$B" && env -u PMMALLOC -u PMGC "$f") > "$fig/${name%_dot}.dot" || die "demo $name failed";;
                *)     (cd "$B" && env -u PMMALLOC -u PMGC "$f") > "$out/$name.txt" 2>&1 || die "demo $name failed";;
            esac
        done
    done
}

# svg FIGDIR: render each .dot to .svg (DOCTYPE removed for EPUB).
render_svg() {
    local d
    for d in "$1"/*.dot; do
        [ -e "$d" ] || continue
        dot -Tsvg "$d" | sed '/^<!DOCTYPE/,/\.dtd">$/d' > "${d%.dot}.svg"
    done
}

# plot GP DAT TERMINAL OUT: draw a benchmark's recorded data with its script.
plot() {
    gnuplot -e "set terminal $3; set output '$4'; datafile = '$2'" "$1" \
        || die "gnuplot $1 failed"
}

# render_plots TANGLED FIGDIR: each root bench/NAME.gp draws FIGDIR/bench-NAME.svg
# from figures/bench-NAME.dat, which only ./build.sh bench NAME writes (measured
# numbers vary, so no build measures them: the book shows the recorded ones).
render_plots() {
    local g name
    for g in "$1"/bench/*.gp; do
        [ -e "$g" ] || continue
        name=bench-$(basename "${g%.gp}")
        [ -e "figures/$name.dat" ] || die "figures/$name.dat is missing: run ./build.sh bench $(basename "${g%.gp}")"
        plot "$g" "figures/$name.dat" "svg size 900,420 font 'Helvetica,13' background rgb 'white'" "$2/$name.svg.tmp"
        sed '/^<!DOCTYPE/,/\.dtd">$/d' "$2/$name.svg.tmp" > "$2/$name.svg"; rm -f "$2/$name.svg.tmp"
    done
}

# ---------------------------------------------------------------- weave
# weave OUT OUTDIR: noweave the whole book, then put the outputs in.
weave() {
    local out=$1 outs=$2 err m path f line n
    # a {{file PATH}} marker needs the committed PATH; a benchmark's results
    # are made only by ./build.sh bench NAME
    while IFS=: read -r f line m; do
        [ -n "$f" ] || continue
        path=${m#\{\{file }; path=${path%\}\}}
        [ -e "$path" ] && continue
        case $path in
            figures/bench-*.*) n=${path#figures/bench-}; n=${n%%.*}
                die "$f:$line: $path is missing: run ./build.sh bench $n (it records $path), then ./build.sh";;
            *) die "$f:$line: $path is missing";;
        esac
    done <<< "$(grep -n '^{{file [^}]*}}$' $(chapters) || true)"
    err=$(mktemp)
    # shellcheck disable=SC2046
    noweave -n -index -backend "tools/tomd -chunkindex -identindex" $(chapters) \
        > "$out.tmp" 2> "$err" || { cat "$err" >&2; die "noweave failed"; }
    if [ -s "$err" ]; then cat "$err" >&2; rm -f "$err"; die "noweave reported errors"; fi
    rm -f "$err"
    awk -v outs="$outs" -v rec="$ROOT/chapters/cpython" -f "$ROOT/tools/outputs.awk" "$out.tmp" > "$out" \
        || { rm -f "$out.tmp" "$out"; die "weaving the outputs into $out failed"; }
    rm -f "$out.tmp"
}

# render MD DIR: the book as DIR/book.html, DIR/book.epub and DIR/book.pdf.
# tools/book.lua numbers chapters after their files, links chunk names in
# code, breaks lines that the PDF cannot hold and sets comparisons side by
# side; it appends to DIR/report.txt what ./build.sh check must look at.
render() {
    local md dir=$2
    md=$(realpath "$1")
    mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
    : > "$dir/report.txt"
    export BOOK_ROOT=$ROOT BOOK_REPORT=$dir/report.txt
    local common=(-f markdown-citations --standalone --toc --toc-depth=2 --number-sections
                  "--metadata-file=$ROOT/tools/book.yaml" "--resource-path=$ROOT"
                  "--lua-filter=$ROOT/tools/book.lua")
    say "rendering HTML"
    # shellcheck disable=SC2086
    pandoc "${common[@]}" --self-contained --css "$ROOT/tools/book.css" -V document-css=true \
        --default-image-extension=svg -o "$dir/book.html" "$md"
    say "rendering EPUB"
    # shellcheck disable=SC2086
    pandoc "${common[@]}" --epub-chapter-level=1 --css "$ROOT/tools/book.css" \
        --default-image-extension=svg -o "$dir/book.epub" "$md"
    say "rendering PDF"
    local f; rm -rf "$dir/pdf"; mkdir -p "$dir/pdf/figures"
    for f in figures/*.dot; do [ -e "$f" ] && dot -Tpdf "$f" -o "$dir/pdf/figures/$(basename "${f%.dot}").pdf"; done
    for f in tangled/bench/*.gp; do
        [ -e "$f" ] || continue
        plot "$f" "figures/bench-$(basename "${f%.gp}").dat" "pdfcairo size 16cm,7.5cm font 'Helvetica,9'" \
            "$dir/pdf/figures/bench-$(basename "${f%.gp}").pdf"
    done
    # shellcheck disable=SC2086
    (cd "$dir/pdf" && pandoc "${common[@]}" --resource-path="$dir/pdf:$ROOT" --top-level-division=chapter \
        -H "$ROOT/tools/latex-header.tex" --default-image-extension=pdf -t latex -o book.tex "$md") \
        > "$dir/pdf.log" 2>&1 || { cat "$dir/pdf.log"; die "PDF rendering failed (pandoc)"; }
    latex_runs "$dir/pdf" || { tail -40 "$dir/pdf/book.log"; die "PDF rendering failed (pdflatex; log in $dir/pdf/book.log)"; }
    cp "$dir/pdf/book.pdf" "$dir/book.pdf"
    unset BOOK_ROOT BOOK_REPORT
    say "PDF: $(overfull_boxes "$dir/pdf/book.log" | wc -l) overfull boxes wider than ${OVERFULL_PT}pt (./build.sh check fails on any)"
}

# latex_runs DIR: pdflatex DIR/book.tex until the chunk tags and page
# references settle (the .aux, .toc and .out of two runs are the same)
latex_runs() {
    local d=$1 i x
    for i in 1 2 3 4 5 6; do
        for x in aux toc out; do [ -e "$d/book.$x" ] && cp "$d/book.$x" "$d/prev.$x"; done
        (cd "$d" && pdflatex -interaction=nonstopmode -halt-on-error book.tex) > "$d/pdflatex.out" 2>&1 || return 1
        [ "$i" -gt 1 ] || continue
        for x in aux toc out; do
            [ ! -e "$d/book.$x" ] && [ ! -e "$d/prev.$x" ] || cmp -s "$d/book.$x" "$d/prev.$x" || continue 2
        done
        return 0
    done
    say "PDF: page references still moving after $i runs of pdflatex"
}

# ---------------------------------------------------------------- the book as readers see it
# A box LaTeX reports overfull by more than this many points is a line that
# sticks out of the measure: ./build.sh check fails on it.
OVERFULL_PT=3

# overfull_boxes LOG: one line per overfull box wider than OVERFULL_PT
overfull_boxes() {
    awk -v lim="$OVERFULL_PT" '/^Overfull \\[hv]box \([0-9.]+pt too (wide|high)\)/ {
        v = $3; sub(/^\(/, "", v); sub(/pt$/, "", v); if (v + 0 > lim) print }' "$1"
}

# cut_lines PDF: the lines of text that reach past the right edge of the
# measure (and how many of them past the paper's edge), from the position of
# every word in the PDF (pdftotext -bbox) and the page's geometry (tools/book.yaml:
# A4, margins 2.2 cm). Prints "page N: TEXT" per line and a last line "cut N N".
cut_lines() {
    pdftotext -bbox "$1" - | awk -v margin="$(awk 'BEGIN { printf "%.3f", 2.2 * 72 / 2.54 }')" -v tol=2 '
    /<page / { page++; match($0, /width="[0-9.]+"/); w = substr($0, RSTART + 7, RLENGTH - 8) + 0; right = w - margin }
    /<word / {
        match($0, /xMax="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7) + 0
        match($0, /yMin="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7) + 0
        t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t)
        if (x > right + tol) { key = page ":" int(y); if (!(key in seen)) { seen[key] = 1; n++; if (x > w) edge++; print "page " page ": ... " t " (" int(x - right) " pt past the margin)" } }
    }
    END { print "cut", n + 0, edge + 0 }'
}

# check_packages: what ./build.sh check needs beyond the build (pdftotext);
# Chromium and epubcheck are optional (see README.md)
check_packages() {
    have_pkg poppler-utils || install_missing poppler-utils
}

# check_book S: render S/book.md and check what a reader gets: no line of the
# PDF past the margin, figures' text at least 8 pt, every link and image of
# the HTML resolving and no prose wider than the screen in Chromium (when
# installed), the EPUB valid for epubcheck (when installed).
check_book() {
    local s=$1 r=$1/render rc=0 n cut pages
    check_packages
    say "check: rendering the book"
    render "$s/book.md" "$r"
    pages=$(pdfinfo "$r/book.pdf" | sed -n 's/^Pages: *//p')
    n=$(overfull_boxes "$r/pdf/book.log" | wc -l)
    [ "$n" = 0 ] || { overfull_boxes "$r/pdf/book.log" | head -20; say "PDF: $n overfull boxes wider than ${OVERFULL_PT}pt (lines in $r/pdf/book.log)"; rc=1; }
    cut_lines "$r/book.pdf" > "$r/cut-lines.txt"
    cut=$(tail -1 "$r/cut-lines.txt")
    if [ "$cut" != "cut 0 0" ]; then
        head -20 "$r/cut-lines.txt"; say "PDF: $(cut -d' ' -f2 <<< "$cut") lines reach past the right margin, $(cut -d' ' -f3 <<< "$cut") past the paper's edge"; rc=1
    fi
    grep '^FAIL' "$r/report.txt" && { say "the book's filter reported the problems above"; rc=1; }
    say "check: PDF: $pages pages, $(grep -c '^ok figure\|^FAIL figure' "$r/report.txt") figures ($(grep -c '^FAIL figure' "$r/report.txt") with text under 8 pt), $n overfull boxes, $(cut -d' ' -f2 <<< "$cut") lines past the margin (every word's position from pdftotext -bbox against the text width)"
    if command -v chromium >/dev/null; then
        say "check: the HTML in headless Chromium, 1280 and 390 pixels wide"
        sh tools/check-html.sh "$r/book.html" || rc=1
    else
        say "check: chromium not installed: skipped the browser check (apt-get install chromium)"
    fi
    if [ -e /usr/share/java/epubcheck.jar ] && command -v java >/dev/null; then
        say "check: epubcheck"
        java -jar /usr/share/java/epubcheck.jar "$r/book.epub" > "$r/epubcheck.log" 2>&1 || true
        grep -E '^(ERROR|FATAL|WARNING)' "$r/epubcheck.log" | head -20 || true
        grep -q ' 0 fatals / 0 errors' "$r/epubcheck.log" || { tail -3 "$r/epubcheck.log"; say "epubcheck found errors"; rc=1; }
        say "check: epubcheck: $(grep -o '[0-9]* fatals / [0-9]* errors / [0-9]* warnings' "$r/epubcheck.log")"
    else
        say "check: epubcheck not installed: skipped (apt-get install epubcheck)"
    fi
    [ "$rc" = 0 ] || die "the rendered book has the problems above"
    say "check: the rendered book is clean"
}

# ---------------------------------------------------------------- CPython outputs
# Every py/NAME.py snippet is recorded with CPython 3.11 (chapters/cpython/
# NAME.out); a chapter line {{cpython NAME 3.12}} also wants it recorded with
# 3.12 (NAME@3.12.out). A recording's first line names the interpreter.

# py_for V: the path of a CPython V interpreter, or nothing (python3 or
# pythonV on PATH, or a pyenv installation, whose shims run only the
# selected version)
py_for() {
    local v=$1 p cands=()
    [ "$v" = "$PY_WANT" ] && cands+=(python3)
    cands+=("python$v")
    for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/python"$v"; do cands+=("$p"); done
    for p in "${cands[@]}"; do
        if "$p" -c "import sys; sys.exit(sys.version_info[:2] != (${v/./, }))" 2>/dev/null \
                && [ "$("$p" -c 'import sys; print(sys.implementation.name)')" = cpython ]; then
            command -v "$p"; return
        fi
    done
}
# py_wanted DIR: "NAME VERSION" for every recording the book shows
py_wanted() {
    local p
    for p in "$1"/py/*.py; do [ -e "$p" ] && echo "$(basename "${p%.py}") $PY_WANT"; done
    # shellcheck disable=SC2046
    { grep -ho '^{{cpython [A-Za-z0-9_]* 3\.[0-9]*}}$' $(chapters) \
        | sed 's/^{{cpython \(.*\) \(.*\)}}$/\1 \2/'; py_wanted_compared; } | grep -v " $PY_WANT\$" | sort -u || true
}
# py_wanted_compared: "NAME VERSION" for every cpythonX.Y=NAME of a line
# {{compare ...}} (tools/outputs.awk)
py_wanted_compared() {
    # shellcheck disable=SC2046
    grep -ho '^{{compare .*}}$' $(chapters) | grep -o 'cpython3\.[0-9]*=[A-Za-z0-9_]*' \
        | sed 's/^cpython\(3\.[0-9]*\)=\(.*\)$/\2 \1/' || true
}
# no_python_env: "-u VAR" for every PYTHON* variable exported here, so that
# the caller's PYTHONMALLOC, PYTHONHASHSEED, ... cannot change a recording.
# Snippets then run with PYTHONHASHSEED=0: with random string hashes the
# layout of CPython's start-up dicts varies, and so, by an arena now and
# then, does what ch04_fragmentation.py measures.
no_python_env() { env | sed -n 's/^\(PYTHON[A-Za-z0-9_]*\)=.*/-u \1/p'; }
rec_name() { if [ "$2" = "$PY_WANT" ]; then echo "$1.out"; else echo "$1@$2.out"; fi; }
# run_py DIR OUT: record every wanted snippet whose interpreter is here;
# the others are listed in PY_SKIPPED
run_py() {
    local dir=$1 out=$2 name v py
    mkdir -p "$out"; PY_SKIPPED=""
    while read -r name v; do
        [ -n "$name" ] || continue
        [ -e "$dir/py/$name.py" ] || die "$(grep -n -F "{{cpython $name $v}}" $(chapters) | head -1 | cut -d: -f1,2): no snippet py/$name.py"
        py=$(py_for "$v")
        if [ -z "$py" ]; then PY_SKIPPED="$PY_SKIPPED $(rec_name "$name" "$v")"; continue; fi
        { "$py" -c 'import platform; print("# CPython", platform.python_version())'
          (cd "$dir/py" && env $(no_python_env) PYTHONHASHSEED=0 "$py" "$name.py") 2>&1; } > "$out/$(rec_name "$name" "$v")" \
            || die "CPython snippet $name.py failed with $py"
    done <<< "$(py_wanted "$dir")"
}

# ---------------------------------------------------------------- commands
cmd_build() {
    need_packages all
    # Everything is generated under build/new first and moved into place only
    # when all of it succeeded: a failing build leaves the committed
    # tangled/, figures/ and book.md as they were.
    local new=$B/new k
    rm -rf "$new"; mkdir -p "$new/figures"
    say "tangling $(chapters | wc -l) chapters"
    # shellcheck disable=SC2046
    lint $(chapters); tangle "$new/tangled" "" $(chapters)
    say "compiling layers $(echo $(layer_nums)) ($JOBS at a time): runtime, demos, tests"
    # shellcheck disable=SC2046
    layers_in_parallel $(layer_nums)
    say "running the demos"
    run_demos "$B/out" "$new/figures"
    say "rendering figures"
    render_svg "$new/figures"
    render_plots "$new/tangled" "$new/figures"
    say "weaving book.md"
    weave "$new/book.md" "$B/out"
    install_generated "$new"
    render book.md "$B"
    say "done:"
    say "  HTML  $B/book.html"
    say "  PDF   $B/book.pdf"
    say "  EPUB  $B/book.epub"
    say "  code  $ROOT/tangled/  (layer k with #line: $B/layer-k/src/)"
}

# install_generated DIR: put DIR's tangled/, figures and book.md in place of
# the committed ones. Generated figures are the .dot and .svg files; a
# benchmark's recorded .txt/.dat are inputs and stay.
install_generated() {
    local d=$1 f
    rm -rf tangled; cp -r "$d/tangled" tangled
    for f in figures/*.dot figures/*.svg; do [ -e "$f" ] && rm -f "$f"; done
    cp "$d"/figures/* figures/ 2>/dev/null || true
    cp "$d/book.md" book.md
}

cmd_check() {
    need_packages
    local s=$B/check rc=0
    rm -rf "$s"; mkdir -p "$s/figures"
    say "check: the weaver's self-test"
    sh tools/test-tomd.sh > "$B/test-tomd.log" 2>&1 || { cat "$B/test-tomd.log"; die "tools/test-tomd.sh failed"; }
    say "check: tangling"
    # shellcheck disable=SC2046
    lint $(chapters); tangle "$s/tangled" "" $(chapters)
    local k
    # shellcheck disable=SC2046
    layers_in_parallel $(layer_nums)
    say "check: demos, figures, weave"
    run_demos "$s/out" "$s/figures"
    render_svg "$s/figures"
    render_plots "$s/tangled" "$s/figures"
    weave "$s/book.md" "$s/out"
    diff -ru tangled "$s/tangled" || { say "tangled/ differs from the chapters"; rc=1; }
    diff -u book.md "$s/book.md" || { say "book.md differs from the chapters"; rc=1; }
    # a benchmark's recorded results (bench-*.txt, bench-*.dat) are inputs that
    # only ./build.sh bench writes; the plots drawn from them are compared
    diff -ru -x '*.png' -x '*.pdf' -x 'bench-*.txt' -x 'bench-*.dat' figures "$s/figures" \
        || { say "figures/ differ"; rc=1; }
    say "check: re-running the CPython snippets with every interpreter found"
    run_py "$s/tangled" "$s/cpython"
    local o
    for o in "$s"/cpython/*.out; do
        [ -e "$o" ] || continue
        diff -u "chapters/cpython/$(basename "$o")" "$o" || { say "CPython output $(basename "$o") changed"; rc=1; }
    done
    for o in chapters/cpython/*.out; do
        [ -e "$o" ] || continue
        case " $PY_SKIPPED " in *" $(basename "$o") "*) continue;; esac
        [ -e "$s/cpython/$(basename "$o")" ] || { say "stale recording $o"; rc=1; }
    done
    for o in $PY_SKIPPED; do
        [ -e "chapters/cpython/$o" ] || { say "recording chapters/cpython/$o is missing"; rc=1; }
    done
    [ -z "$PY_SKIPPED" ] || say "check: skipped (no such interpreter here):$PY_SKIPPED"
    [ "$rc" = 0 ] || die "generated files are out of date: run ./build.sh and commit"
    say "check: everything generated matches what is committed"
    check_book "$s"
}

cmd_record() {
    # shellcheck disable=SC2046
    lint $(chapters); tangle "$B/tangled" "" $(chapters)
    rm -rf "$B/rec"; run_py "$B/tangled" "$B/rec"
    local o keep
    keep=$(py_wanted "$B/tangled" | while read -r n v; do rec_name "$n" "$v"; done)
    for o in chapters/cpython/*.out; do                  # no longer shown
        [ -e "$o" ] && ! grep -qxF "$(basename "$o")" <<< "$keep" && rm -f "$o"
    done
    cp "$B"/rec/*.out chapters/cpython/ 2>/dev/null || true
    say "recorded $(ls "$B"/rec/*.out 2>/dev/null | wc -l) CPython outputs"
    [ -z "$PY_SKIPPED" ] || say "kept the old recordings (no such interpreter here):$PY_SKIPPED"
}

cmd_run() {
    [ -n "${1:-}" ] || die "usage: ./build.sh run N"
    local k; k=$(layer_arg "$1")
    need_packages
    build_layer "$k"
    local f
    for f in "$B/layer-$k"/bin/ch$(nn "$k")_*; do
        [ -x "$f" ] || continue
        echo "== $(basename "$f")"; (cd "$B" && "$f")
    done
}

# ---------------------------------------------------------------- benchmarks
# Measured numbers vary from run to run and machine to machine, so nothing but
# ./build.sh bench measures them. It records them in figures/bench-NAME.txt
# (shown in the book with {{file ...}}) and figures/bench-NAME.dat (drawn by
# the root bench/NAME.gp on every build); commit both.
BENCHES="alloc    pm's PmObject_Malloc/PmObject_Free (chapter 7's default; chapter 4's pymalloc as
         pm-ch4) against glibc malloc, mimalloc, jemalloc and CPython 3.11's pymalloc:
         LIFO pairs, uniform sizes freed in random order, churn, and three recorded
         CPython programs; 7 rounds (BENCH_ROUNDS), about 15 minutes on 2 cores
         (chapters 'Measuring the allocator' and 'Descriptors together').
         BENCH_ARMS and BENCH_WORKLOADS (space-separated names) run only some
         arms and workloads, e.g. BENCH_ARMS='pm pymalloc mimalloc'
         BENCH_WORKLOADS=trace-json; such a partial run prints its results
         and keeps them in build/bench-alloc/partial.txt, never in figures/.
         BENCH_CALLGRIND=no skips the callgrind counts
copy     PmCopy_DeepCopy against CPython 3.11's copy.deepcopy on a list of 100,000
         lists of 10 ints; about a minute (chapter 'Copy semantics')
trace    the cost of tracing: rows of two ints with tracing off and on, ours
         (PmTraceMalloc) and CPython 3.11's tracemalloc; 7 rounds (BENCH_ROUNDS),
         about two minutes (chapter 'Tracing allocations')
gc       full collections over a million objects (empty lists, one-item lists,
         garbage pairs), and each runtime's pauses while ten million lists are
         kept, ours against CPython 3.11's; 7 rounds (BENCH_ROUNDS); then the
         build with a first threshold of 2000, with the collector off, and
         gc.freeze(), once each; about fifteen minutes (chapter 'Generations
         and thresholds')
pauses   chapter 13's ten million lists, our collector generational and in chapter 17's
         bounded mode, against CPython 3.11: the collector's time and the longest pause;
         7 rounds (BENCH_ROUNDS), about seven minutes (chapter 'Bounded pauses')"

cmd_bench() {
    case "${1:-}" in
        "") echo "benchmarks (./build.sh bench NAME):"; echo "$BENCHES" | sed 's/^/  /';;
        alloc) bench_alloc;;
        copy)  bench_copy;;
        trace) bench_trace;;
        gc)    bench_gc;;
        pauses) bench_pauses;;
        *) die "no benchmark '$1' (./build.sh bench lists them)";;
    esac
}

# bench_packages: what bench alloc needs beyond the build; CPython's library
# only if it can be had (without it the pymalloc column is skipped).
bench_packages() {
    local missing=() p
    for p in libmimalloc-dev libjemalloc-dev valgrind; do have_pkg "$p" || missing+=("$p"); done
    install_missing "${missing[@]}"
    if ! have_pkg libpython3.11-dev && [ "$(id -u)" = 0 ]; then
        say "installing libpython3.11-dev (CPython's pymalloc, for comparison)"
        if DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libpython3.11-dev >/dev/null 2>&1
        then say "installed: libpython3.11-dev"
        else say "libpython3.11-dev cannot be installed here"
        fi
    fi
}

# bench_runtime DIR: tangle every chapter into DIR/src and compile our runtime
# as a release build (-O2) into DIR/libpm.a, for the benchmarks to link.
bench_runtime() {
    local d=$1 f cc="$CC $CFLAGS_BASE -O2"
    rm -rf "$d"; mkdir -p "$d/src" "$d/obj" "$d/bin"
    # shellcheck disable=SC2046
    lint $(chapters); tangle "$d/src" -L $(chapters)
    for f in "$d"/src/*.c; do
        $cc -DPM_BUILD_CORE -I"$d/src" -c "$f" -o "$d/obj/$(basename "${f%.c}").o" || die "bench: compiling $(basename "$f") failed"
    done
    ar rcs "$d/libpm.a" "$d"/obj/*.o
}

# bench_alloc_build DIR: tangle every chapter, compile our runtime as a release
# build (-O2) and bench/alloc.c once per allocator into DIR/bin/ALLOCATOR.
bench_alloc_build() {
    local d=$1 f cc="$CC $CFLAGS_BASE -O2"
    bench_runtime "$d"
    f=$d/src/bench/alloc.c
    # -DPM_BUILD_CORE: the benchmark calls the allocator as the runtime's own
    # files do, without chapter 14's macros that note each call's file and
    # line for tracemalloc (CPython's arm calls PyObject_Malloc directly too)
    $cc -DBENCH_PM -DPM_BUILD_CORE -I"$d/src" "$f" "$d/libpm.a" -lm -o "$d/bin/pm"
    $cc -DBENCH_GLIBC "$f" -o "$d/bin/glibc"
    $cc -DBENCH_MIMALLOC "$f" -lmimalloc -o "$d/bin/mimalloc"
    $cc -DBENCH_JEMALLOC "$f" -ljemalloc -o "$d/bin/jemalloc"
    if pkg-config --exists python-3.11-embed; then
        # shellcheck disable=SC2046
        $cc -DBENCH_PYMALLOC $(pkg-config --cflags python-3.11-embed) "$f" \
            $(pkg-config --libs python-3.11-embed) -o "$d/bin/pymalloc"
    else
        say "bench: no libpython3.11 to embed: skipping CPython's pymalloc (ratio_vs_pymalloc=n/a)"
    fi
}

# The allocator benchmark's workloads and arms. An arm is an allocator as the
# benchmark runs it: "pm" is the runtime's default (bin/pm), "pm-ch4" the same
# program with PMMALLOC=pymalloc (chapter 4's pymalloc), the others one
# program each. Traces are replayed from chapters/cpython/ch06_NAME.trace.xz.
BENCH_ALLOC_WORKLOADS="lifo uniform churn trace-json trace-dicts trace-text"
BENCH_ALLOC_ARMS="pm pm-ch4 glibc mimalloc jemalloc pymalloc"
# bench_alloc_select: narrow the lists to BENCH_WORKLOADS and BENCH_ARMS, if
# set (a partial run); die on a name that is not in the full list
bench_alloc_select() {
    local x
    for x in ${BENCH_WORKLOADS:-}; do
        [[ " $BENCH_ALLOC_WORKLOADS " == *" $x "* ]] || die "BENCH_WORKLOADS: no workload '$x' ($BENCH_ALLOC_WORKLOADS)"
    done
    for x in ${BENCH_ARMS:-}; do
        [[ " $BENCH_ALLOC_ARMS " == *" $x "* ]] || die "BENCH_ARMS: no arm '$x' ($BENCH_ALLOC_ARMS)"
    done
    BENCH_ALLOC_WORKLOADS=${BENCH_WORKLOADS:-$BENCH_ALLOC_WORKLOADS}
    BENCH_ALLOC_ARMS=${BENCH_ARMS:-$BENCH_ALLOC_ARMS}
}

# bench_alloc_exec DIR ARM ARG [callgrind]: run one arm's program on one workload
# in a fresh process, with only the PMMALLOC the arm asks for.
bench_alloc_exec() {
    local d=$1 a=$2; shift 2
    case $a in
        pm-ch4) env -u PYTHONMALLOC PMMALLOC=pymalloc "$d/bin/pm" "$@";;
        *)      env -u PMMALLOC -u PYTHONMALLOC "$d/bin/$a" "$@";;
    esac
}

# bench_alloc_arg DIR WORKLOAD: the benchmark's argument for a workload
bench_alloc_arg() { case $2 in trace-*) echo "$1/$2.trace";; *) echo "$2";; esac; }

# bench_alloc_traces DIR: decompress the committed traces into DIR
bench_alloc_traces() {
    local t
    for t in json dicts text; do
        [ -e "chapters/cpython/ch06_$t.trace.xz" ] || die "chapters/cpython/ch06_$t.trace.xz is missing: run ./build.sh record-traces"
        xz -dc "chapters/cpython/ch06_$t.trace.xz" > "$1/trace-$t.trace"
    done
}

# bench_alloc_run DIR: ROUNDS rounds (BENCH_ROUNDS, default 7); in each, every
# (workload, arm) pair once, in a fresh process, in an order shuffled anew.
bench_alloc_run() {
    local d=$1 rounds=${BENCH_ROUNDS:-7} r w a pair line arms=()
    : > "$d/results"
    for a in $BENCH_ALLOC_ARMS; do
        [ -x "$d/bin/${a%-ch4}" ] && arms+=("$a")
    done
    for r in $(seq 1 "$rounds"); do
        say "bench alloc: round $r of $rounds ($(cut -d' ' -f1 /proc/loadavg) load)"
        for pair in $(for w in $BENCH_ALLOC_WORKLOADS; do for a in "${arms[@]}"; do echo "$w/$a"; done; done | shuf); do
            w=${pair%/*} a=${pair#*/}
            line=$(bench_alloc_exec "$d" "$a" "$(bench_alloc_arg "$d" "$w")") || die "bench: $w on $a failed"
            echo "run $r $w $a ${line#result * * }" >> "$d/results"
        done
    done
}

# bench_alloc_callgrind DIR: each pair once under callgrind with its cache
# simulation, two at a time (the counts do not depend on the load).
bench_alloc_callgrind() {
    local d=$1 w a n=0
    command -v valgrind >/dev/null || { say "bench: valgrind not installed: no instruction counts"; return; }
    say "bench alloc: instructions and simulated cache misses (callgrind)"
    for w in $BENCH_ALLOC_WORKLOADS; do
        for a in $BENCH_ALLOC_ARMS; do
            [ -x "$d/bin/${a%-ch4}" ] || continue
            bench_alloc_callgrind_one "$d" "$w" "$a" &
            n=$((n + 1)); if [ "$n" -ge 2 ]; then wait -n || true; n=$((n - 1)); fi
        done
    done
    wait
    for w in $BENCH_ALLOC_WORKLOADS; do
        for a in $BENCH_ALLOC_ARMS; do
            [ -x "$d/bin/${a%-ch4}" ] || continue
            [ -s "$d/instr.$w.$a" ] || die "bench: callgrind on $w, $a failed"
            cat "$d/instr.$w.$a" >> "$d/results"
        done
    done
}

bench_alloc_callgrind_one() {
    local d=$1 w=$2 a=$3 ops ev sm
    rm -f "$d/instr.$w.$a"
    case $a in
        pm-ch4) ops=$(env -u PYTHONMALLOC PMMALLOC=pymalloc valgrind -q --tool=callgrind --cache-sim=yes \
                  --collect-atstart=no --callgrind-out-file="$d/callgrind.$w.$a" "$d/bin/pm" \
                  "$(bench_alloc_arg "$d" "$w")" callgrind 2>/dev/null | sed -n 's/^ops=//p');;
        *)      ops=$(env -u PMMALLOC -u PYTHONMALLOC valgrind -q --tool=callgrind --cache-sim=yes \
                  --collect-atstart=no --callgrind-out-file="$d/callgrind.$w.$a" "$d/bin/$a" \
                  "$(bench_alloc_arg "$d" "$w")" callgrind 2>/dev/null | sed -n 's/^ops=//p');;
    esac
    ev=$(sed -n 's/^events: //p' "$d/callgrind.$w.$a")
    sm=$(sed -n 's/^summary: //p' "$d/callgrind.$w.$a")
    [ -n "$ops" ] && [ -n "$sm" ] || return 1
    awk -v ev="$ev" -v sm="$sm" -v w="$w" -v a="$a" -v ops="$ops" 'BEGIN {
        n = split(ev, e, " "); split(sm, v, " ")
        for (i = 1; i <= n; i++) c[e[i]] = v[i]
        printf "instr %s %s %s %s %s %s\n", w, a, ops, c["Ir"], c["D1mr"] + c["D1mw"], c["DLmr"] + c["DLmw"]
    }' > "$d/instr.$w.$a"
}

# bench_alloc_machine LOAD_BEFORE: the lines that say where and how the numbers
# were measured.
bench_alloc_machine() {
    local cpu thp pkgs t
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
    thp=$(sed 's/.*\[\(.*\)\].*/\1/' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)
    pkgs=$(dpkg-query -W -f='${Package} ${Version}, ' libc6 libmimalloc-dev libjemalloc-dev \
           libpython3.11-dev valgrind 2>/dev/null | sed 's/, $//')
    echo "# ./build.sh bench alloc, $(date -u +%Y-%m-%d)"
    echo "# machine:  $(nproc) cores, $cpu, $(uname -sr) $(uname -m), transparent huge pages: $thp"
    echo "# load:     $1 (1, 5, 15 minutes) when the run began"
    echo "# load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 minutes) when it ended"
    echo "# compiler: gcc $($CC -dumpfullversion), -O2 for the benchmark and our runtime"
    echo "# packages: $pkgs" | fold -s -w 96 | sed '2,$s/^/#           /'
    echo "# arms:     pm = the runtime's default (chapter 7), pm-ch4 = PMMALLOC=pymalloc (chapter 4),"
    echo "#           pymalloc = CPython 3.11's, embedded; glibc, mimalloc, jemalloc"
    echo "# method:   ${BENCH_ROUNDS:-7} rounds; in each, every (workload, arm) pair once, each in a fresh"
    echo "#           process, in an order shuffled anew. ns_per_op = median over the rounds of ns per"
    echo "#           operation (a malloc/free pair; churn: a step; a trace: an event); ratio_vs_X ="
    echo "#           median over the rounds of (this arm's ns / X's ns in the same round);"
    echo "#           wins_vs_mimalloc = rounds this arm was faster than mimalloc; RSS in MiB above"
    echo "#           the process's RSS before the run (medians); faults = minor page faults of the"
    echo "#           run (median); instr, d1_misses, ll_misses per op"
    echo "#           from one run under callgrind --cache-sim=yes (lifo, uniform, churn at a tenth)"
    for t in json dicts text; do
        [ -e "$B/bench-alloc/trace-$t.trace" ] || continue
        awk -v t="$t" '{ c[$1]++ } $1 == "m" && $2 > 512 { big++ } $1 == "m" { s += $2 }
            END { printf "# trace-%-6s %d events: %d malloc, %d realloc, %d free; %d above 512 bytes, mean request %.0f bytes\n",
                  t, NR, c["m"], c["r"], c["f"], big, s / c["m"] }' "$B/bench-alloc/trace-$t.trace"
    done
}

# bench_alloc_report MODE RESULTS: the recorded lines (MODE txt) or the plot's
# data (MODE dat) from the raw results of bench_alloc_run and _callgrind.
bench_alloc_report() {
    awk -v mode="$1" -v W="$BENCH_ALLOC_WORKLOADS" -v A="$BENCH_ALLOC_ARMS" '
    function median(list,    n, x, i, j, t) {
        n = split(list, x, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && x[j - 1] + 0 > x[j] + 0; j--) { t = x[j]; x[j] = x[j - 1]; x[j - 1] = t }
        if (n == 0) return ""
        return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
    }
    /^run / { r = $2; if (r > R) R = r
              for (i = 5; i <= NF; i++) { split($i, kv, "="); v[$3, $4, r, kv[1]] = kv[2] }
              had[$3, $4] = 1 }
    /^instr / { ins[$2, $3] = $5 / $4; d1[$2, $3] = $6 / $4; ll[$2, $3] = $7 / $4 }
    function field(w, a, f,    r, s) { s = ""; for (r = 1; r <= R; r++) if ((w, a, r, f) in v) s = s " " v[w, a, r, f]; return median(s) }
    function ratio(w, a, b,    r, s) {
        if (!had[w, b]) return "n/a"
        s = ""; for (r = 1; r <= R; r++) if ((w, b, r, "ns_per_op") in v) s = s " " v[w, a, r, "ns_per_op"] / v[w, b, r, "ns_per_op"]
        return sprintf("%.2f", median(s))
    }
    function wins(w, a, b,    r, k) {
        if (!had[w, b]) return "n/a"
        k = 0; for (r = 1; r <= R; r++) k += v[w, a, r, "ns_per_op"] < v[w, b, r, "ns_per_op"]
        return k "/" R
    }
    END {
        nw = split(W, w, " "); na = split(A, a, " ")
        if (mode == "txt") {
            print "# ns per op, round by round:"
            for (i = 1; i <= nw; i++) for (j = 1; j <= na; j++) if (had[w[i], a[j]]) {
                printf "#   %-11s %-8s", w[i], a[j]
                for (r = 1; r <= R; r++) printf " %7.1f", v[w[i], a[j], r, "ns_per_op"]
                print ""
            }
            for (i = 1; i <= nw; i++) for (j = 1; j <= na; j++) if (had[w[i], a[j]])
                printf "bench %s %s ns_per_op=%.1f ratio_vs_pymalloc=%s ratio_vs_mimalloc=%s wins_vs_mimalloc=%s rss_peak_mib=%.1f rss_after_free_mib=%.1f faults=%s\n",
                    w[i], a[j], field(w[i], a[j], "ns_per_op"), ratio(w[i], a[j], "pymalloc"),
                    ratio(w[i], a[j], "mimalloc"), wins(w[i], a[j], "mimalloc"),
                    field(w[i], a[j], "rss_peak_mib"), field(w[i], a[j], "rss_after_free_mib"),
                    field(w[i], a[j], "faults") == "" ? "n/a" : field(w[i], a[j], "faults")
            for (i = 1; i <= nw; i++) for (j = 1; j <= na; j++) if ((w[i], a[j]) in ins)
                printf "bench-instr %s %s instr_per_op=%.1f d1_misses_per_op=%.2f ll_misses_per_op=%.2f ratio_vs_pymalloc=%s\n",
                    w[i], a[j], ins[w[i], a[j]], d1[w[i], a[j]], ll[w[i], a[j]],
                    ((w[i], "pymalloc") in ins) ? sprintf("%.2f", ins[w[i], a[j]] / ins[w[i], "pymalloc"]) : "n/a"
            exit
        }
        print "# figures/bench-alloc.dat: written by ./build.sh bench alloc, drawn by bench/alloc.gp"
        print "# block 0: median ns per operation, each workload and arm"
        printf "workload"; for (j = 1; j <= na; j++) printf " %s", a[j]; print ""
        for (i = 1; i <= nw; i++) {
            printf "%s", w[i]
            for (j = 1; j <= na; j++) printf " %s", had[w[i], a[j]] ? field(w[i], a[j], "ns_per_op") : "n/a"
            print ""
        }
        print "\n\n# block 1: workload uniform, MiB resident at the peak and after freeing all (medians)"
        print "arm peak after_free"
        for (j = 1; j <= na; j++)
            if (had["uniform", a[j]]) print a[j], field("uniform", a[j], "rss_peak_mib"), field("uniform", a[j], "rss_after_free_mib")
            else print a[j], "n/a", "n/a"
    }' "$2"
}

bench_alloc() {
    bench_alloc_select                 # a misspelt name fails before anything is built
    need_packages all
    bench_packages
    command -v xz >/dev/null || install_missing xz-utils
    local d=$B/bench-alloc start=$SECONDS load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    say "bench alloc: compiling our runtime (-O2) and the benchmark for each allocator"
    bench_alloc_build "$d"
    bench_alloc_traces "$d"
    bench_alloc_run "$d"
    [ "${BENCH_CALLGRIND:-yes}" = no ] || bench_alloc_callgrind "$d"
    if [ -n "${BENCH_ARMS:-}${BENCH_WORKLOADS:-}" ]; then
        # a partial run is for trying things out: the recorded file stays
        { bench_alloc_machine "$load"; bench_alloc_report txt "$d/results"; } > "$d/partial.txt"
        say "bench alloc: partial run ($((SECONDS - start)) s), kept in $d/partial.txt; figures/ unchanged"
        cat "$d/partial.txt"
        return
    fi
    { bench_alloc_machine "$load"; bench_alloc_report txt "$d/results"; } > figures/bench-alloc.txt
    bench_alloc_report dat "$d/results" > figures/bench-alloc.dat
    render_plots "$d/src" figures
    say "bench alloc: $((SECONDS - start)) s; recorded figures/bench-alloc.txt, .dat and .svg"
    say "  (./build.sh puts them in the book; callgrind's profiles are in $d)"
    grep '^bench' figures/bench-alloc.txt
}

# record_traces: record the mem/obj-domain calls of CPython 3.11 running the
# three programs trace/ch06_*.py, into chapters/cpython/ch06_NAME.trace.xz.
record_traces() {
    need_packages
    bench_packages
    command -v xz >/dev/null || install_missing xz-utils
    pkg-config --exists python-3.11-embed || die "record-traces needs libpython3.11-dev"
    local d=$B/traces t
    rm -rf "$d"; mkdir -p "$d"
    # shellcheck disable=SC2046
    lint $(chapters); tangle "$d/src" -L $(chapters)
    # shellcheck disable=SC2046
    $CC $CFLAGS_BASE -O2 $(pkg-config --cflags python-3.11-embed) "$d/src/trace/ch06_record.c" \
        $(pkg-config --libs python-3.11-embed) -o "$d/record" || die "compiling the recorder failed"
    for t in json dicts text; do
        say "record-traces: $t"
        # shellcheck disable=SC2046
        (cd "$d/src/trace" && env $(no_python_env) "$d/record" "ch06_$t.py" "$d/$t.trace") || die "recording $t failed"
        xz -9e -T1 -c "$d/$t.trace" > "chapters/cpython/ch06_$t.trace.xz"
        say "  $(wc -l < "$d/$t.trace") events, $(stat -c %s "chapters/cpython/ch06_$t.trace.xz") bytes compressed"
    done
}

# bench_copy: our deep copy (release build, -O2) and CPython 3.11's
# copy.deepcopy, in the same run, on the same structure; the ratio of the
# medians per node is recorded in figures/bench-copy.txt.
bench_copy() {
    need_packages
    local d=$B/bench-copy start=$SECONDS f cc="$CC $CFLAGS_BASE -O2" ours py cpy="n/a"
    say "bench copy: compiling our runtime (-O2) and bench/copy.c"
    bench_runtime "$d"
    $cc -DBENCH_PM -I"$d/src" "$d/src/bench/copy.c" "$d/libpm.a" -lm -o "$d/bin/copy"
    local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
    say "bench copy: ours"
    ours=$(env -u PMMALLOC "$d/bin/copy") || die "bench: bench/copy.c failed"
    py=$(py_for "$PY_WANT")
    if [ -n "$py" ]; then
        say "bench copy: CPython $PY_WANT ($py)"
        cpy=$(cd "$d/src/bench" && env -u PYTHONMALLOC "$py" deepcopy_cpython.py) || die "bench: deepcopy_cpython.py failed"
    else
        say "bench copy: no python$PY_WANT here: cpython_ns_per_node=n/a"
    fi
    {
        echo "# ./build.sh bench copy, $(date -u +%Y-%m-%d)"
        echo "# machine:  $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(uname -sr) $(uname -m)"
        echo "# load:     $load (1, 5, 15 minutes) when the run began"
        echo "# compiler: gcc $($CC -dumpfullversion), -O2 for the benchmark and our runtime"
        echo "# cpython:  $(if [ -n "$py" ]; then "$py" -c 'import platform; print("CPython", platform.python_version())'; else echo none; fi)"
        echo "# method:   deep copy of a list of 100,000 lists of 10 ints (1000 and up); a warm-up"
        echo "#           copy, then 7 timed copies; ns_per_node = median ns per object visited"
        echo "#           (1 + 100,000 + 1,000,000 = 1,100,001 nodes); ns per node in the order run:"
        echo "#   ours     $(sed -n 's/^result ours .* runs=\([^ ]*\).*/\1/p' <<< "$ours" | tr , ' ')"
        echo "#   ours, a caller's memo remembering every list (as CPython's does), $(sed -n 's/^result ours_memo_all .*\(memoised=[0-9]*\).*/\1/p' <<< "$ours"):"
        echo "#            $(sed -n 's/^result ours_memo_all .* runs=\([^ ]*\).*/\1/p' <<< "$ours" | tr , ' '), median $(sed -n 's/^result ours_memo_all .*ns_per_node=//p' <<< "$ours")"
        [ "$cpy" = n/a ] || echo "#   cpython  $(sed -n 's/.* runs=\([^ ]*\).*/\1/p' <<< "$cpy" | tr , ' ')"
        awk -v o="$ours" -v c="$cpy" 'BEGIN {
            split(o, l, "\n"); split(l[1], a, "ns_per_node="); x = a[2] + 0
            if (c == "n/a") { printf "bench deepcopy ours_ns_per_node=%.2f cpython_ns_per_node=n/a ratio=n/a\n", x; exit }
            split(c, b, "ns_per_node="); y = b[2] + 0
            printf "bench deepcopy ours_ns_per_node=%.2f cpython_ns_per_node=%.2f ratio=%.4f\n", x, y, x / y }'
    } > figures/bench-copy.txt
    say "bench copy: $((SECONDS - start)) s; recorded figures/bench-copy.txt (./build.sh puts it in the book)"
    grep '^bench' figures/bench-copy.txt
}

# bench_program NAME DIR: our runtime (-O2) in DIR and bench/NAME.c linked
# with it as DIR/bin/NAME; BENCH_PY is the CPython to compare with
bench_program() {
    need_packages
    say "bench $1: compiling our runtime (-O2) and bench/$1.c"
    bench_runtime "$2"
    $CC $CFLAGS_BASE -O2 -DBENCH_PM -I"$2/src" "$2/src/bench/$1.c" "$2/libpm.a" -lm -o "$2/bin/$1"
    BENCH_PY=$(py_for "$PY_WANT")
    [ -n "$BENCH_PY" ] || die "bench $1: needs CPython $PY_WANT (python3 or python$PY_WANT)"
}
# bench_rounds NAME DIR ROUNDS EXEC ARM...: ROUNDS rounds; in each, every ARM
# once, in an order shuffled anew, each run by EXEC DIR ARM in a fresh process
# (its output kept in DIR/out.ARM); the line "result X" it prints is appended
# to DIR/results as "run ROUND ARM X"
bench_rounds() {
    local name=$1 d=$2 rounds=$3 exec=$4 r a line
    shift 4
    : > "$d/results"
    for r in $(seq 1 "$rounds"); do
        say "bench $name: round $r of $rounds ($(cut -d' ' -f1 /proc/loadavg) load)"
        for a in $(printf '%s\n' "$@" | shuf); do
            "$exec" "$d" "$a" > "$d/out.$a" || die "bench $name: $a failed"
            line=$(grep '^result ' "$d/out.$a") || die "bench $name: $a printed no result"
            echo "run $r $a ${line#result }" >> "$d/results"
        done
    done
}
# bench_machine NAME LOAD_BEFORE: the first lines of a recorded file, where
# and when it was measured (BENCH_PY: the CPython compared)
bench_machine() {
    echo "# ./build.sh bench $1, $(date -u +%Y-%m-%d)"
    echo "# machine:  $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(uname -sr) $(uname -m)"
    echo "# load:     $2 (1, 5, 15 minutes) when the run began"
    echo "# load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 minutes) when it ended"
    echo "# compiler: gcc $($CC -dumpfullversion), -O2 for the benchmark and our runtime"
    echo "# cpython:  $("$BENCH_PY" -c 'import platform; print("CPython", platform.python_version())')"
}

# bench_gc: bench/gc.c (our runtime, -O2) and bench/gc_cpython.py (CPython
# 3.11): ROUNDS rounds (BENCH_ROUNDS, default 7); in each, every shape and the
# ten-million-list build on both runtimes, each arm in a fresh process, in an
# order shuffled anew; the last round's pauses go to figures/bench-gc.dat.
# Then the build's variants (first threshold 2000, collector off, freeze)
# once on each runtime.
BENCH_GC_SHAPES="empty one cycles"
BENCH_GC_VARIANTS="build-2000 build-off freeze"
bench_gc() {
    local d=$B/bench-gc start=$SECONDS load a line s
    local rounds=${BENCH_ROUNDS:-7}
    bench_program gc "$d"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    # shellcheck disable=SC2046
    bench_rounds gc "$d" "$rounds" bench_gc_exec $(for s in $BENCH_GC_SHAPES build; do echo "ours-$s cpython-$s"; done)
    say "bench gc: the build's variants, once each"
    for a in $(for s in $BENCH_GC_VARIANTS; do echo "ours-$s"; echo "cpython-$s"; done | shuf); do
        line=$(bench_gc_exec "$d" "$a" | grep '^result ') || die "bench gc: $a failed"
        echo "variant $a ${line#result }" >> "$d/results"
    done
    bench_gc_callgrind "$d"
    { bench_gc_machine "$load" "$rounds"; bench_gc_report "$d/results"; } > figures/bench-gc.txt
    {
        echo "# figures/bench-gc.dat: written by ./build.sh bench gc, drawn by bench/gc.gp;"
        echo "# the ten-million-list build of the last round: start_ms generation pause_ms"
        echo "# ours"; sed -n 's/^pause //p' "$d/out.ours-build"
        echo; echo
        echo "# cpython"; sed -n 's/^pause //p' "$d/out.cpython-build"
    } > figures/bench-gc.dat
    render_plots "$d/src" figures
    say "bench gc: $((SECONDS - start)) s; recorded figures/bench-gc.txt, .dat and .svg"
    grep '^bench' figures/bench-gc.txt
}
# bench_gc_callgrind DIR: each shape once on our runtime under callgrind with
# its cache simulation, counting only inside PmGC_Collect (the counts do not
# depend on the load): instructions and first-level data-cache misses per
# object of the five collections, and the bytes of the shape's heap per object
bench_gc_callgrind() {
    local d=$1 s
    command -v valgrind >/dev/null || { say "bench gc: valgrind not installed: no instruction counts"; return; }
    say "bench gc: instructions and simulated cache misses in PmGC_Collect (callgrind)"
    for s in $BENCH_GC_SHAPES; do
        env -u PMMALLOC -u PMGC valgrind -q --tool=callgrind --cache-sim=yes --toggle-collect=PmGC_Collect \
            --callgrind-out-file="$d/callgrind.$s" "$d/bin/gc" "$s" > /dev/null 2>&1 &
    done
    wait
    for s in $BENCH_GC_SHAPES; do
        [ -s "$d/callgrind.$s" ] || die "bench gc: callgrind on $s failed"
        awk -v s="$s" -v ev="$(sed -n 's/^events: //p' "$d/callgrind.$s")" \
            -v sm="$(sed -n 's/^summary: //p' "$d/callgrind.$s")" 'BEGIN {
            n = split(ev, e, " "); split(sm, v, " "); for (i = 1; i <= n; i++) c[e[i]] = v[i]
            objs = 5 * 1000000                      # bench/gc.c: RUNS collections of N objects
            printf "instr %s %.1f %.2f\n", s, c["Ir"] / objs, (c["D1mr"] + c["D1mw"]) / objs }' >> "$d/results"
    done
}
# bench_gc_machine LOAD_BEFORE ROUNDS: where and how the numbers were measured
bench_gc_machine() {
    bench_machine gc "$1"
    echo "# method:   $2 rounds; in each, every shape and the ten-million-list build on both"
    echo "#           runtimes once, each in a fresh process, in an order shuffled anew. A shape's"
    echo "#           figure is the median of 5 full collections in one process, in ns per"
    echo "#           object; reported: the medians over the rounds, ratio = median of (ours /"
    echo "#           CPython's) per round, wins = rounds ours was faster. The build: collector_ms"
    echo "#           = the sum of its pauses, medians over the rounds; the variants: one run each"
}
# bench_gc_exec DIR ARM: run one arm (ours-SHAPE or cpython-SHAPE)
bench_gc_exec() {
    local d=$1 py=$BENCH_PY a=$2
    case $a in
        ours-*) env -u PMMALLOC -u PMGC "$d/bin/gc" "${a#ours-}";;
        *)      # shellcheck disable=SC2046
                (cd "$d/src/bench" && env $(no_python_env) "$py" gc_cpython.py "${a#cpython-}");;
    esac
}
# bench_gc_report RESULTS: the recorded lines from the lines "run R ARM SHAPE
# key=value..." and "variant ARM NAME key=value..."
bench_gc_report() {
    awk -v shapes="$BENCH_GC_SHAPES" -v variants="$BENCH_GC_VARIANTS" '
        function median(a, n,   i, j, t, b) {
            for (i = 1; i <= n; i++) b[i] = a[i]
            for (i = 2; i <= n; i++) { t = b[i]; for (j = i - 1; j >= 1 && b[j] > t; j--) b[j + 1] = b[j]; b[j + 1] = t }
            return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2 }
        function keep(key, first,   i, kv) { for (i = first; i <= NF; i++) { split($i, kv, "="); v[key, kv[1]] = kv[2] } }
        /^run / { rt = $3; sub(/-.*/, "", rt); keep($2 SUBSEP rt SUBSEP $4, 5); if ($2 > R) R = $2 }
        /^instr / { cg[$2, "i"] = $3; cg[$2, "m"] = $4 }
        /^variant / { rt = $2; sub(/-.*/, "", rt); keep(rt SUBSEP $3, 4); line[rt, $3] = $0 }
        function series(rt, s, f, out,   r) { for (r = 1; r <= R; r++) out[r] = v[r, rt, s, f] }
        END {
            n = split(shapes, S, " ")
            print "# ns per object, round by round (ours, then CPython):"
            for (k = 1; k <= n; k++) for (rt = 0; rt < 2; rt++) {
                t = rt ? "cpython" : "ours"; printf "#   %-7s %-8s", S[k], t
                for (r = 1; r <= R; r++) printf " %7.2f", v[r, t, S[k], "ns_per_obj"]
                print ""
            }
            for (k = 1; k <= n; k++) {
                s = S[k]; w = 0
                series("ours", s, "ns_per_obj", o); series("cpython", s, "ns_per_obj", c)
                for (r = 1; r <= R; r++) { q[r] = o[r] / c[r]; w += o[r] < c[r] }
                printf "bench gc-%s ours_ns_per_obj=%.2f cpython_ns_per_obj=%.2f ratio=%.3f wins=%d/%d\n",
                       s, median(o, R), median(c, R), median(q, R), w, R
            }
            print "# ten million one-item lists kept, default thresholds (700, 10, 10), round by round:"
            print "#   collector_ms ours, CPython; max_pause_ms ours, CPython; collections ours, CPython"
            for (r = 1; r <= R; r++)
                printf "#   round %d: %8.1f %8.1f   %7.2f %7.2f   %s %s\n", r, v[r, "ours", "build", "collector_ms"],
                    v[r, "cpython", "build", "collector_ms"], v[r, "ours", "build", "max_pause_ms"],
                    v[r, "cpython", "build", "max_pause_ms"], v[r, "ours", "build", "collections"],
                    v[r, "cpython", "build", "collections"]
            w = 0; wp = 0
            series("ours", "build", "collector_ms", o); series("cpython", "build", "collector_ms", c)
            series("ours", "build", "max_pause_ms", op); series("cpython", "build", "max_pause_ms", cp)
            series("ours", "build", "total_ms", ot); series("cpython", "build", "total_ms", ct)
            for (r = 1; r <= R; r++) { q[r] = o[r] / c[r]; qp[r] = op[r] / cp[r]; w += o[r] < c[r]; wp += op[r] < cp[r] }
            printf "bench gc-build ours_collector_ms=%.1f cpython_collector_ms=%.1f ratio=%.3f wins=%d/%d\n",
                   median(o, R), median(c, R), median(q, R), w, R
            printf "bench gc-build ours_max_pause_ms=%.2f cpython_max_pause_ms=%.2f ratio=%.3f wins=%d/%d\n",
                   median(op, R), median(cp, R), median(qp, R), wp, R
            printf "bench gc-build ours_total_ms=%.1f cpython_total_ms=%.1f ours_collections=%s cpython_collections=%s\n",
                   median(ot, R), median(ct, R), v[R, "ours", "build", "collections"], v[R, "cpython", "build", "collections"]
            print "# our collector under callgrind --cache-sim=yes, per object of the five collections"
            print "#   (first-level data cache of the machine: 64-byte lines; one miss = one line fetched):"
            for (k = 1; k <= n; k++) if ((S[k], "i") in cg)
                printf "bench-instr gc-%s ours_instr_per_obj=%.1f ours_d1_misses_per_obj=%.2f\n", S[k], cg[S[k], "i"], cg[S[k], "m"]
            m = split(variants, V, " ")
            print "# the variants, one run each: build-2000 = first threshold 2000 (as in CPython 3.13),"
            print "#   build-off = gc.disable(); freeze = a full collection of the ten million lists, and"
            print "#   one after gc.freeze()"
            for (k = 1; k <= m; k++) for (rt = 0; rt < 2; rt++) {
                t = rt ? "cpython" : "ours"
                if (!((t, V[k]) in line)) continue
                l = line[t, V[k]]; sub(/^variant [^ ]* [^ ]* /, "", l)
                printf "bench gc-%s %s %s\n", V[k], t, l
            }
        }' "$1"
}

# bench_pauses (chapter 17): bench/pauses.c (our runtime, -O2) in its two
# modes and bench/pauses_cpython.py (CPython 3.11): ROUNDS rounds
# (BENCH_ROUNDS, default 7), in each the three arms once, each in a fresh
# process, in an order shuffled anew; recorded in figures/bench-pauses.txt.
BENCH_PAUSES_ARMS="generational bounded cpython"
bench_pauses() {
    local d=$B/bench-pauses start=$SECONDS load
    local rounds=${BENCH_ROUNDS:-7}
    bench_program pauses "$d"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    # shellcheck disable=SC2086
    bench_rounds pauses "$d" "$rounds" bench_pauses_exec $BENCH_PAUSES_ARMS
    {
        bench_machine pauses "$load"
        echo "# method:   $rounds rounds; in each, the arms $BENCH_PAUSES_ARMS once, each"
        echo "#           in a fresh process, in an order shuffled anew; each builds ten million"
        echo "#           one-item lists with the default thresholds. Reported: medians over the"
        echo "#           rounds, in ms; the ratios are medians of the per-round ratios"
        bench_pauses_report "$d/results"
    } > figures/bench-pauses.txt
    say "bench pauses: $((SECONDS - start)) s; recorded figures/bench-pauses.txt (./build.sh puts it in the book)"
    grep '^bench' figures/bench-pauses.txt
}
# bench_pauses_exec DIR ARM: run one arm; its result line, without the arm's
# name, which bench_rounds adds
bench_pauses_exec() {
    case $2 in
        cpython) # shellcheck disable=SC2046
                 (cd "$1/src/bench" && env $(no_python_env) "$BENCH_PY" pauses_cpython.py);;
        *)       env -u PMMALLOC -u PMGC "$1/bin/pauses" "$2";;
    esac | sed "s/^result $2 /result /"
}
# bench_pauses_report RESULTS: from lines "run R ARM total_ms=.. collector_ms=.. max_pause_ms=.. collections=.."
bench_pauses_report() {
    awk -v arms="$BENCH_PAUSES_ARMS" '
        function median(a, n,   i, j, t) {
            for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
        { for (f = 4; f <= NF; f++) { split($f, v, "="); x[$2, $3, v[1]] = v[2] } if ($2 > R) R = $2 }
        END {
            n = split(arms, A, " ")
            for (k = 1; k <= n; k++) {
                a = A[k]
                for (r = 1; r <= R; r++) { c[r] = x[r, a, "collector_ms"]; m[r] = x[r, a, "max_pause_ms"] }
                printf "bench pauses-%s collector_ms=%.1f max_pause_ms=%.2f collections=%s\n",
                       a, median(c, R), median(m, R), x[1, a, "collections"]
            }
            for (r = 1; r <= R; r++) {
                c[r] = x[r, "bounded", "collector_ms"] / x[r, "generational", "collector_ms"]
                m[r] = x[r, "generational", "max_pause_ms"] / x[r, "bounded", "max_pause_ms"]
            }
            printf "bench pauses-ratio bounded/generational collector=%.2f generational/bounded max_pause=%.0f\n",
                   median(c, R), median(m, R)
        }' "$1"
}

# bench_trace: bench/trace.c (our runtime, -O2) and bench/trace_cpython.py
# (CPython 3.11), each with tracing off and on: ROUNDS rounds (BENCH_ROUNDS,
# default 7), in each the four arms once, each in a fresh process, in an
# order shuffled anew; recorded in figures/bench-trace.txt.
BENCH_TRACE_ARMS="ours-off ours-on cpython-off cpython-on"
bench_trace() {
    local d=$B/bench-trace start=$SECONDS load
    local rounds=${BENCH_ROUNDS:-7}
    bench_program trace "$d"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    # shellcheck disable=SC2086
    bench_rounds trace "$d" "$rounds" bench_trace_exec $BENCH_TRACE_ARMS
    {
        bench_machine trace "$load"
        echo "# method:   $rounds rounds; in each, the arms $BENCH_TRACE_ARMS once, each in a"
        echo "#           fresh process, in an order shuffled anew. An arm's figure is ns per row (a"
        echo "#           list of two ints appended to a list of 100,000, 20 times); a runtime's"
        echo "#           overhead in a round = its ns per row traced / untraced. Reported: the"
        echo "#           medians over the rounds, ratio = median of (ours / CPython's overhead) per"
        echo "#           round, wins = rounds with our overhead the smaller"
        bench_trace_report "$d/results"
    } > figures/bench-trace.txt
    say "bench trace: $((SECONDS - start)) s; recorded figures/bench-trace.txt (./build.sh puts it in the book)"
    grep '^bench' figures/bench-trace.txt
}

# bench_trace_exec DIR ARM: run one arm, ours-off, ours-on, cpython-off or cpython-on
bench_trace_exec() {
    case $2 in
        ours-*) env -u PMMALLOC "$1/bin/trace" "${2#ours-}";;
        *)      # shellcheck disable=SC2046
                (cd "$1/src/bench" && env $(no_python_env) "$BENCH_PY" trace_cpython.py "${2#cpython-}");;
    esac
}
# bench_trace_report RESULTS: the recorded lines from the raw results
bench_trace_report() {
    awk '
    function median(list,    n, x, i, j, t) {
        n = split(list, x, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && x[j - 1] + 0 > x[j] + 0; j--) { t = x[j]; x[j] = x[j - 1]; x[j - 1] = t }
        return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
    }
    /^run / { split($4, kv, "="); v[$2, $3] = kv[2]; if ($2 > R) R = $2 }
    END {
        print "# ns per row, round by round (ours off, ours on, cpython off, cpython on; overheads):"
        for (r = 1; r <= R; r++) {
            o = v[r, "ours-on"] / v[r, "ours-off"]; c = v[r, "cpython-on"] / v[r, "cpython-off"]
            printf "#   round %d: %7.2f %7.2f %7.2f %7.2f   ours %.3f  cpython %.3f\n", r,
                v[r, "ours-off"], v[r, "ours-on"], v[r, "cpython-off"], v[r, "cpython-on"], o, c
            os = os " " o; cs = cs " " c; rs = rs " " o / c; w += o < c
            oo = oo " " v[r, "ours-off"]; on = on " " v[r, "ours-on"]
            co = co " " v[r, "cpython-off"]; cn = cn " " v[r, "cpython-on"]
        }
        printf "# medians: ours %.2f ns per row off, %.2f on; CPython %.2f off, %.2f on\n",
            median(oo), median(on), median(co), median(cn)
        printf "# extra time for tracing (overhead - 1): ours %.1f%%, CPython %.1f%%\n",
            100 * (median(os) - 1), 100 * (median(cs) - 1)
        printf "bench trace ours_overhead=%.3f cpython_overhead=%.3f ratio=%.3f wins=%d/%d\n",
            median(os), median(cs), median(rs), w, R
    }' "$1"
}

# ---------------------------------------------------------------- fuzzing
# tests/fuzz.c is a libFuzzer target over the runtime's public API (see its
# comment). It is built from every chapter with clang's libFuzzer and
# ASan+UBSan; tests/fuzz-corpus/ holds the committed seed inputs, which are
# only read: inputs libFuzzer finds go to a scratch corpus.
FUZZ_FLAGS="-std=c11 -Wall -Wextra -Werror -g -O1 -fno-sanitize-recover=all -fno-omit-frame-pointer"

fuzz_packages() {
    local missing=()
    command -v clang >/dev/null || missing+=(clang)
    have_pkg libclang-rt-dev || have_pkg "libclang-rt-$(clang -dumpversion 2>/dev/null | cut -d. -f1)-dev" \
        || missing+=(libclang-rt-dev)
    install_missing "${missing[@]}"
}

# build_fuzz: build/fuzz/fuzz, the runtime of the last layer and tests/fuzz.c
build_fuzz() {
    local d=$B/fuzz f
    fuzz_packages
    local files; files=$(first_k "$(last_layer)")
    # shellcheck disable=SC2086
    lint $files
    rm -rf "$d/src" "$d/obj"; mkdir -p "$d/src" "$d/obj"
    # shellcheck disable=SC2086
    tangle "$d/src" -L $files
    # the census behind the allocators' statistics, which the target reads
    # twice per input, walks a MiB of address map: no coverage or checks there
    printf 'fun:census\nfun:census_arena\n' > "$d/no-coverage.txt"
    for f in "$d"/src/*.c; do
        clang $FUZZ_FLAGS -DPM_BUILD_CORE -fsanitize=fuzzer-no-link,address,undefined \
            -fsanitize-coverage-ignorelist="$d/no-coverage.txt" -fsanitize-ignorelist="$d/no-coverage.txt" -I"$d/src" -c "$f" \
            -o "$d/obj/$(basename "${f%.c}").o" || die "fuzz: compiling $(basename "$f") with clang failed"
    done
    clang $FUZZ_FLAGS -fsanitize=fuzzer,address,undefined -I"$d/src" tests/fuzz.c "$d"/obj/*.o -lm \
        -o "$d/fuzz" || die "fuzz: compiling tests/fuzz.c failed"
}

# run_fuzz SECONDS CORPUS: run the target for SECONDS on CORPUS (written) and
# the committed seeds (read); say executions per second and in all; fail on
# any crash, leak or failed check, or any one input running over 10 s (the
# input is kept in build/fuzz/).
run_fuzz() {
    local secs=$1 corpus=$2 d=$B/fuzz log rc=0 execs rate
    log=$d/fuzz.log
    mkdir -p "$corpus"
    (cd "$d" && env -u PMMALLOC ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ./fuzz -max_total_time="$secs" -timeout=10 -max_len=1024 -print_final_stats=1 -artifact_prefix="$d/" \
        "$corpus" "$ROOT/tests/fuzz-corpus") > "$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    if [ "$rc" != 0 ] || [ -z "$execs" ]; then
        grep -E '^(fuzz:|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -20 | sed 's/^/    /'
        say "fuzz: FAILED after ${execs:-?} executions (log: $log)"
        return 1
    fi
    say "fuzz: ${execs} executions in ${secs} s, ${rate} per second, $(ls "$corpus" | wc -l) inputs in the corpus; no crash, leak or wrong count"
}

# test_fuzz: the fuzz target for FUZZ_TEST_SECONDS (20) from the seeds
# alone, counted as one test
test_fuzz() {
    say "fuzz: tests/fuzz.c for ${FUZZ_TEST_SECONDS:-20} s"
    build_fuzz
    rm -rf "$B/fuzz/corpus-test"
    if run_fuzz "${FUZZ_TEST_SECONDS:-20}" "$B/fuzz/corpus-test"; then echo "1 0" >> "$B/counts"; else echo "0 1" >> "$B/counts"; fi
    # shellcheck disable=SC2086
    test_lsan_roots "clang" "$B/fuzz" clang $FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined
}

cmd_fuzz() {
    local secs=${1:-300}
    [[ "$secs" =~ ^[1-9][0-9]*$ ]] || die "'$secs' is not a number of seconds"
    need_packages
    build_fuzz
    # the corpus grows from run to run; tests/fuzz-corpus stays as committed
    run_fuzz "$secs" "$B/fuzz/corpus" || exit 1
    say "fuzz: new inputs are in $B/fuzz/corpus (to keep a few: ./build/fuzz/fuzz -merge=1 tests/fuzz-corpus $B/fuzz/corpus)"
}

# ---------------------------------------------------------------- mutation check
# tests/mutants.txt (or $PM_MUTANTS) lists plausible bugs, one record each:
#   chapter: 04-pymalloc         the chapter file (chapters/NAME.nw)
#   layer:   4                   the layer whose tests must kill it
#   find:    TEXT                text that occurs exactly once in the chapter
#   replace: TEXT                what it becomes (may be empty)
#   find+: TEXT, replace+: TEXT  one more line of the text above (all after
#                                the colon and one space, spaces kept)
#   book:    SENTENCE            the book's words it contradicts (found in a
#                                chapter, spaces and line breaks aside)
# Each mutant is applied alone to a scratch copy of the checkout (the
# committed files plus uncommitted changes; the real files are only read),
# the layer's runtime and tests are rebuilt from it (only the tangled files
# that changed, without sanitizers) and its tests run: a failing test kills
# the mutant. A record whose text is missing, found twice, changes no
# compiled code or does not compile is broken. MUT_DRY=1 checks the records
# only (chapter, layer, find, book), without building.
MUT_CFLAGS="$CFLAGS_BASE -O0 -DPM_REF_DEBUG"            # as build_layer's, without -O1

# mut_parse FILE DIR: one file per field per record, DIR/N.{chapter,...};
# prints the number of records
mut_parse() {
    awk -v dir="$2" '
        function field(name, v) { printf "%s", v > (dir "/" n "." name); close(dir "/" n "." name) }
        /^[ \t]*(#|$)/ { next }
        /^chapter:/ { n++ }
        match($0, /^(chapter|layer|find|replace|book):[ \t]*/) {
            key = substr($0, 1, index($0, ":") - 1); v = substr($0, RLENGTH + 1)
            if (n == 0) { printf "%s:%d: a record starts with chapter:\n", FILENAME, FNR > "/dev/stderr"; bad = 1; next }
            if ((n, key) in seen) { printf "%s:%d: %s: given twice in a record\n", FILENAME, FNR, key > "/dev/stderr"; bad = 1 }
            seen[n, key] = 1; val[n, key] = v; field(key, v); field(key ".line", FNR); next }
        /^(find|replace)\+:/ {                   # one more line of the text
            key = substr($0, 1, index($0, "+") - 1); v = substr($0, index($0, ":") + 1); sub(/^ /, "", v)
            if (!((n, key) in seen)) { printf "%s:%d: %s+: without %s:\n", FILENAME, FNR, key, key > "/dev/stderr"; bad = 1; next }
            val[n, key] = val[n, key] "\n" v; field(key, val[n, key]); next }
        { printf "%s:%d: not a field (chapter, layer, find, replace, book): %s\n", FILENAME, FNR, $0 > "/dev/stderr"; bad = 1 }
        END { for (i = 1; i <= n; i++) foreach_key(i); print n + 0; exit bad }
        function foreach_key(i,   k, ks, j) {
            split("chapter layer find replace book", ks, " ")
            for (j = 1; j <= 5; j++) if (!((i, ks[j]) in seen)) {
                printf "%s: record %d lacks %s:\n", FILENAME, i, ks[j] > "/dev/stderr"; bad = 1 }
        }' "$1"
}

# mut_apply CHAPTER_IN CHAPTER_OUT FIND REPLACE: write the mutated chapter;
# prints the line of the match, or fails with "missing" / "found N times"
mut_apply() {
    MUT_FIND=$3 MUT_REPL=$4 awk -v out="$2" 'BEGIN { RS = "^$" }
        { s = $0 }
        END {
            f = ENVIRON["MUT_FIND"]; r = ENVIRON["MUT_REPL"]
            if (f == "") { print "empty find text"; exit 1 }
            n = 0; rest = s; while ((i = index(rest, f)) > 0) { n++; rest = substr(rest, i + length(f)) }
            if (n != 1) { print (n ? "found " n " times" : "not found"); exit 1 }
            i = index(s, f); pre = substr(s, 1, i - 1)
            printf "%s%s%s", pre, r, substr(s, i + length(f)) > out
            print gsub(/\n/, "", pre) + 1
        }' "$1"
}

# mut_says SENTENCE: the sentence is in a chapter (spaces and line breaks aside)
mut_says() {
    MUT_SAYS=$1 awk 'BEGIN { RS = "^$" } { s = s " " $0 }
        END { w = ENVIRON["MUT_SAYS"]; gsub(/[ \t\n]+/, " ", s); gsub(/[ \t\n]+/, " ", w)
              exit !(w != "" && index(s, w) > 0) }' "$MUT_TREE"/chapters/[0-9][0-9]-*.nw
}

# mut_compile LAYERDIR SRC OBJ FILE: compile one runtime or test file
# (the runtime's own files with -DPM_BUILD_CORE, as in build_layer)
mut_cc() {
    local core=""
    case $2 in "$1"/src/demos/*) ;; "$1"/src/*) core=-DPM_BUILD_CORE;; esac
    $CC $MUT_CFLAGS $core -I"$1/src" -I"$1" -I"$MUT_TREE/tests" -c "$2" -o "$3" 2> "$3.err"
}

# mut_base K: tangle and compile layer K of the scratch copy, unmutated
mut_base() {
    local k=$1 d=$MUT_DIR/layer-$k f n
    [ -d "$d/obj" ] && return 0
    mkdir -p "$d/src" "$d/obj" "$d/tobj"
    # shellcheck disable=SC2046
    tangle "$d/src" -L $(cd "$MUT_TREE" && first_k "$k" | sed "s|^|$MUT_TREE/|")
    for f in "$d"/src/*.c; do
        [ -e "$f" ] || continue
        mut_cc "$d" "$f" "$d/obj/$(basename "${f%.c}").o" || { cat "$d/obj/$(basename "${f%.c}").o.err"; die "mutate: layer $k does not compile unmutated"; }
    done
    : > "$d/suites.inc"
    for n in $(layer_nums); do
        [ "$n" -le "$k" ] || continue
        for f in "$MUT_TREE"/tests/ch$(nn "$n")_*.c; do
            [ -e "$f" ] || continue
            echo "SUITE($(basename "${f%.c}"))" >> "$d/suites.inc"
            mut_cc "$d" "$f" "$d/tobj/$(basename "${f%.c}").o" || die "mutate: the tests of layer $k do not compile"
        done
    done
    mut_cc "$d" "$MUT_TREE/tests/main.c" "$d/tobj/main.o" || die "mutate: tests/main.c does not compile"
    # the demos, which some tests run from beside the test runner
    mkdir -p "$d/dobj"
    for f in "$d"/src/demos/*.c; do
        [ -e "$f" ] || continue
        mut_cc "$d" "$f" "$d/dobj/$(basename "${f%.c}").o" || die "mutate: demo $(basename "$f") does not compile"
    done
    mut_link "$d" "$d/obj" "$d/tobj" "$d/tests" || die "mutate: layer $k does not link"
    mut_run "$d/tests" > "$d/tests.log" 2>&1 || { tail -20 "$d/tests.log"; die "mutate: the tests of layer $k fail unmutated: fix them first"; }
}

# mut_link DIR OBJ TOBJ BIN: the test runner BIN, and DIR's demos beside it
mut_link() {
    $CC "$2"/*.o "$3"/*.o $(pkg-config --libs check) -lm -o "$4" 2> "$4.err" || return 1
    local o
    for o in "$1"/dobj/*.o; do
        [ -e "$o" ] || continue
        $CC "$o" "$2"/*.o -lm -o "$(dirname "$4")/$(basename "${o%.o}")" 2>> "$4.err" || return 1
    done
}
# mut_run BIN: the test runner, with the runtime's default allocator, a bound on time
# (SUITE: only the Check suite of that name)
mut_run() {
    (cd "$(dirname "$1")" && env -u PMMALLOC CK_VERBOSITY=normal CK_TIMEOUT_MULTIPLIER=3 \
        ${2:+CK_RUN_SUITE="$2"} timeout "${MUT_TIMEOUT:-300}" "$1")
}

# mut_one I: apply record I, rebuild what it changed, run the tests; sets
# MUT_RESULT to killed, SURVIVED or "broken: WHY"
mut_one() {
    local i=$1 r=$MUT_DIR/rec ch k line base m f name changed=() hdr=0
    ch=$(cat "$r/$i.chapter") k=$(cat "$r/$i.layer")
    MUT_WHERE="tests/mutants.txt:$(cat "$r/$i.chapter.line") $ch"
    [ -e "$MUT_TREE/chapters/$ch.nw" ] || { MUT_RESULT="broken: no chapter $ch"; return; }
    [[ "$k" =~ ^[0-9]+$ ]] && grep -qx "$((10#$k))" <<< "$(layer_nums)" || { MUT_RESULT="broken: no layer '$k'"; return; }
    k=$((10#$k))
    [ "$((10#${ch%%-*}))" -le "$k" ] || { MUT_RESULT="broken: layer $k does not include chapter $ch"; return; }
    mut_says "$(cat "$r/$i.book")" || { MUT_RESULT="broken: the book does not say: $(cat "$r/$i.book")"; return; }
    [ -z "${MUT_DRY:-}" ] || { line=$(mut_apply "$MUT_DIR/orig/$ch.nw" /dev/null "$(cat "$r/$i.find")" "$(cat "$r/$i.replace")") \
        && MUT_RESULT=checked MUT_WHERE="chapters/$ch.nw:$line" || MUT_RESULT="broken: find text $line in chapters/$ch.nw"; return; }
    mut_base "$k"                                   # before the mutant
    m=$MUT_DIR/m; rm -rf "$m"; mkdir -p "$m/src" "$m/obj" "$m/tobj"
    # the mutant takes the chapter's place in the scratch copy (the same
    # path: #line directives, and so unchanged files, stay the same)
    cp "$MUT_DIR/orig/$ch.nw" "$MUT_TREE/chapters/$ch.nw"
    line=$(mut_apply "$MUT_DIR/orig/$ch.nw" "$MUT_TREE/chapters/$ch.nw" "$(cat "$r/$i.find")" "$(cat "$r/$i.replace")") \
        || { MUT_RESULT="broken: find text $line in chapters/$ch.nw"; return; }
    MUT_WHERE="chapters/$ch.nw:$line"
    base=$MUT_DIR/layer-$k
    # shellcheck disable=SC2046
    (tangle "$m/src" -L $(cd "$MUT_TREE" && first_k "$k" | sed "s|^|$MUT_TREE/|")) > "$m/tangle.err" 2>&1 || { MUT_RESULT="broken: does not tangle ($(tail -1 "$m/tangle.err"))"; return; }
    for f in "$m"/src/*.[ch]; do
        name=$(basename "$f")
        cmp -s "$f" "$base/src/$name" && continue
        changed+=("$name"); case $name in *.h) hdr=1;; esac
    done
    [ ${#changed[@]} -gt 0 ] || { MUT_RESULT="broken: changes no code of layer $k's runtime"; return; }
    cp "$base"/obj/*.o "$m/obj/"; cp "$base"/tobj/*.o "$m/tobj/"; cp "$base/suites.inc" "$m/"
    cp -r "$base/dobj" "$m/"
    for f in "$m"/src/*.c; do
        name=$(basename "${f%.c}")
        [ "$hdr" = 1 ] || [[ " ${changed[*]} " == *" $name.c "* ]] || continue
        mut_cc "$m" "$f" "$m/obj/$name.o" || { MUT_RESULT="broken: does not compile ($(grep -m1 'error' "$m/obj/$name.o.err" | cut -c1-120))"; return; }
    done
    if [ "$hdr" = 1 ]; then
        for f in "$MUT_TREE"/tests/ch*.c "$MUT_TREE/tests/main.c"; do
            [ -e "$base/tobj/$(basename "${f%.c}").o" ] || continue
            mut_cc "$m" "$f" "$m/tobj/$(basename "${f%.c}").o" || { MUT_RESULT="broken: the tests do not compile"; return; }
        done
        for f in "$m"/src/demos/*.c; do
            [ -e "$m/dobj/$(basename "${f%.c}").o" ] || continue
            mut_cc "$m" "$f" "$m/dobj/$(basename "${f%.c}").o" || { MUT_RESULT="broken: a demo does not compile"; return; }
        done
    fi
    mut_link "$m" "$m/obj" "$m/tobj" "$m/tests" || { MUT_RESULT="broken: does not link"; return; }
    # the mutated chapter's own suite first (it kills most mutants, fast);
    # if it passes, every suite of the layer
    local rc=0 suite="" tf
    tf=$(ls "$MUT_TREE"/tests/ch"$(nn "$((10#${ch%%-*}))")"_*.c 2>/dev/null | head -1 || true)
    [ -z "$tf" ] || suite=$(sed -n 's/.*suite_create("\([^"]*\)").*/\1/p' "$tf" | head -1)
    [ -z "$suite" ] || mut_run "$m/tests" "$suite" > "$m/tests.log" 2>&1 || rc=$?
    [ "$rc" != 0 ] || mut_run "$m/tests" > "$m/tests.log" 2>&1 || rc=$?
    if [ "$rc" = 0 ]; then MUT_RESULT=SURVIVED; return; fi
    MUT_RESULT=killed
    MUT_KILLER=$(grep -m1 -oE '[a-z0-9_]+\.c:[0-9]+:[EF]:[^:]*:[^:]*' "$m/tests.log" | awk -F: '{ print $1 ":" $5 }' || true)
    [ "$rc" != 124 ] || MUT_KILLER="timeout after ${MUT_TIMEOUT:-300} s"
    [ -n "$MUT_KILLER" ] || MUT_KILLER="the test runner (exit $rc)"
}

cmd_mutate() {
    need_packages
    local file=${PM_MUTANTS:-$ROOT/tests/mutants.txt} total n pick=() i start=$SECONDS
    local killed=0 survived=0 broken=0 t0 dt ch
    [ -e "$file" ] || die "no $file"
    [ -z "${1:-}" ] || [[ "$1" =~ ^[1-9][0-9]*$ ]] || die "'$1' is not a number of mutants"
    MUT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/pm-mutate.XXXXXX")
    trap 'rm -rf "$MUT_DIR"' EXIT
    MUT_TREE=$MUT_DIR/tree
    mkdir -p "$MUT_TREE" "$MUT_DIR/rec"
    cp -r chapters tests "$MUT_TREE/"               # the checkout as it is now
    cp -r chapters "$MUT_DIR/orig"
    total=$(mut_parse "$file" "$MUT_DIR/rec") || die "$file is malformed (above)"
    [ "$total" -gt 0 ] || die "$file lists no mutant"
    n=${1:-$total}; [ "$n" -le "$total" ] || n=$total
    # a fixed sample: N records spread evenly over the file
    for i in $(seq 0 $((n - 1))); do pick+=($(( (2 * i + 1) * total / (2 * n) + 1 ))); done
    say "mutate: $n of $total mutants in $file, each alone in a scratch copy"
    for i in "${pick[@]}"; do
        t0=$SECONDS; MUT_KILLER=""
        mut_one "$i"
        ch=$(cat "$MUT_DIR/rec/$i.chapter")             # put the chapter back
        [ ! -e "$MUT_DIR/orig/$ch.nw" ] || cp "$MUT_DIR/orig/$ch.nw" "$MUT_TREE/chapters/$ch.nw"
        dt=$((SECONDS - t0))
        case $MUT_RESULT in
            killed)   killed=$((killed + 1))
                      printf 'killed    %-30s %3ss  %s\n' "$MUT_WHERE" "$dt" "${MUT_KILLER:+by $MUT_KILLER}";;
            SURVIVED) survived=$((survived + 1))
                      printf 'SURVIVED  %-30s %3ss  "%s" -> "%s"\n          the book says: %s\n' "$MUT_WHERE" "$dt" \
                          "$(cat "$MUT_DIR/rec/$i.find")" "$(cat "$MUT_DIR/rec/$i.replace")" "$(cat "$MUT_DIR/rec/$i.book")";;
            checked)  printf 'ok        %-30s (MUT_DRY: not built)\n' "$MUT_WHERE";;
            *)        broken=$((broken + 1))
                      printf 'BROKEN    %-30s %s\n' "$MUT_WHERE" "${MUT_RESULT#broken: }";;
        esac
    done
    echo "mutate: $killed killed, $survived survived of $n ($((SECONDS - start)) s)${broken:+}$([ "$broken" = 0 ] || echo "; $broken broken records")"
    [ "$survived" = 0 ] && [ "$broken" = 0 ]
}

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

case "${1:-build}" in
    build) cmd_build;;
    test)  cmd_test "${2:-}";;
    check) cmd_check;;
    run)   cmd_run "${2:-}";;
    record) cmd_record;;
    record-traces) record_traces;;
    bench) cmd_bench "${2:-}";;
    fuzz)  cmd_fuzz "${2:-}";;
    mutate) cmd_mutate "${2:-}";;
    clean) rm -rf "$B"; say "removed build/";;
    help|-h|--help) usage;;
    *) printf 'build: error: unknown command "%s"; the commands are:\n' "$1" >&2; usage >&2; exit 2;;
esac
