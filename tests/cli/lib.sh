# lib.sh: helpers for the command-line tests (POSIX sh; sourced, not run).
#
#   . "$(dirname "$0")/lib.sh"
#
# Sets:
#   top_builddir, top_srcdir  absolute; default to the top of the tree that
#                             holds this script when the Makefile has not
#                             set them
#   tmp                       a private temporary directory, removed at exit
#   out, err                  files holding the standard output and standard
#                             error of the last check_rc / check_ok command
# Counts results in `passed` and `failed`; `finish` prints the totals and
# exits 0 when nothing failed, 1 otherwise (the automake test protocol; this
# file never uses 77, "skipped": a missing prerequisite is a failure).

passed=0
failed=0

_lib_here=$(dirname "$0")
_lib_root=$(cd "$_lib_here/../.." 2>/dev/null && pwd) || _lib_root=.
: "${top_builddir:=$_lib_root}"
: "${top_srcdir:=$_lib_root}"
top_builddir=$(cd "$top_builddir" && pwd) || { echo "bad top_builddir" >&2; exit 1; }
top_srcdir=$(cd "$top_srcdir" && pwd) || { echo "bad top_srcdir" >&2; exit 1; }
export top_builddir top_srcdir

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ugcli.XXXXXX") || { echo "mktemp failed" >&2; exit 1; }
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
out=$tmp/.out
err=$tmp/.err
: >"$out"
: >"$err"

# Shows the first lines of a file, indented, for a failure report.
_show() {
    if [ -s "$2" ]; then
        printf '  %s:\n' "$1"
        sed -n '1,15s/^/    | /p' "$2"
    fi
}

# ok DESC: records a pass.
ok() {
    passed=$((passed + 1))
    printf 'PASS: %s\n' "$1"
}

# fail DESC [DETAIL...]: records a failure; each DETAIL is printed on a line.
fail() {
    failed=$((failed + 1))
    printf 'FAIL: %s\n' "$1"
    shift
    for _d in "$@"; do
        printf '  %s\n' "$_d"
    done
}

# check DESC CONDITION...: passes when the command CONDITION succeeds
# (a test(1) expression, say); its output is not captured.
check() {
    _desc=$1
    shift
    if "$@"; then ok "$_desc"; else fail "$_desc" "condition failed: $*"; fi
}

# check_eq DESC EXPECTED ACTUAL: passes when the two strings are equal.
check_eq() {
    if [ "x$2" = "x$3" ]; then
        ok "$1"
    else
        fail "$1" "expected: $(printf '%s' "$2" | head -c 400)" \
            "actual:   $(printf '%s' "$3" | head -c 400)"
    fi
}

# check_rc DESC EXPECTED_RC CMD...: runs CMD with standard output in $out
# and standard error in $err; passes when it exits with EXPECTED_RC.
check_rc() {
    _desc=$1
    _want=$2
    shift 2
    "$@" >"$out" 2>"$err"
    _rc=$?
    if [ "$_rc" -eq "$_want" ]; then
        ok "$_desc"
    else
        fail "$_desc" "command: $*" "exit status $_rc, expected $_want"
        _show stderr "$err"
    fi
    return 0
}

# check_ok DESC CMD...: check_rc with status 0.
check_ok() {
    _desc=$1
    shift
    check_rc "$_desc" 0 "$@"
}

# check_grep DESC PATTERN FILE: passes when the extended regular expression
# PATTERN matches a line of FILE.
check_grep() {
    if grep -E -e "$2" "$3" >/dev/null 2>&1; then
        ok "$1"
    else
        fail "$1" "no line of $3 matches: $2"
        _show "$3" "$3"
    fi
}

# check_no_grep DESC PATTERN FILE: passes when no line of FILE matches.
check_no_grep() {
    if [ ! -r "$3" ]; then
        fail "$1" "cannot read $3"
    elif grep -E -e "$2" "$3" >/dev/null 2>&1; then
        fail "$1" "a line of $3 matches: $2"
        grep -E -n -e "$2" "$3" | sed -n '1,5s/^/    | /p'
    else
        ok "$1"
    fi
}

# check_empty DESC FILE: passes when FILE exists and is empty.
check_empty() {
    if [ -f "$2" ] && [ ! -s "$2" ]; then
        ok "$1"
    else
        fail "$1" "$2 is not empty"
        _show "$2" "$2"
    fi
}

# check_same DESC FILE1 FILE2: passes when the files are byte for byte equal.
check_same() {
    if cmp -s "$2" "$3"; then
        ok "$1"
    else
        fail "$1" "$2 and $3 differ: $(cmp "$2" "$3" 2>&1 | head -n 1)"
    fi
}

# require DESC COMMAND: a missing prerequisite is a failure, not a skip.
require() {
    if command -v "$2" >/dev/null 2>&1; then
        ok "$1"
        return 0
    fi
    fail "$1" "$2 not found in PATH"
    return 1
}

# finish: prints "N passed, N failed" and exits 1 when anything failed
# (or when nothing was checked at all).
finish() {
    printf '%d passed, %d failed\n' "$passed" "$failed"
    if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
        exit 1
    fi
    exit 0
}
