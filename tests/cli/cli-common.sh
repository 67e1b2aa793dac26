#!/bin/bash
# cli-common.sh: the conventions every ungarble tool follows, checked for
# each tool built in $top_builddir (normalize must be there).
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8

require "python3 is installed" python3 || finish
require "groff is installed (Debian: groff-base)" groff
require "timeout is installed" timeout || finish

tools=()
for t in normalize segment detect-mt-artifacts score; do
    if [ -x "$top_builddir/$t" ]; then
        tools+=("$t")
    elif [ "$t" = normalize ]; then
        fail "normalize is built in $top_builddir"
    fi
done
[ ${#tools[@]} -gt 0 ] || finish
echo "tools: ${tools[*]}"

# A small clean document, and a good input for every tool: plain text for
# normalize, for the others the records the stages before it produce.
good_doc=$tmp/good.txt
printf 'The harbour of Lindhaven reopened on Monday after a long winter.\nFishing boats returned to the northern quay.\n' >"$good_doc"
good_input() { # TOOL DIR: writes DIR/good for TOOL and prints its path
    local tool=$1 dir=$2 f=$2/good
    if [ "$tool" = normalize ]; then
        cp "$good_doc" "$f"
    else
        "$top_builddir/normalize" "$good_doc" >"$f.0" 2>/dev/null
        for s in segment detect-mt-artifacts; do
            [ "$s" = "$tool" ] && break
            if [ -x "$top_builddir/$s" ]; then
                "$top_builddir/$s" <"$f.0" >"$f.1" 2>/dev/null && mv "$f.1" "$f.0"
            fi
        done
        mv "$f.0" "$f"
    fi
    printf '%s\n' "$f"
}

# Long options named in a tool's getopt table (struct option initializers).
getopt_table() { # SOURCE
    python3 - "$1" <<'EOF'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"struct\s+option\s+\w+\s*\[\s*\]\s*=\s*\{(.*?)\};", src, re.S)
if m:
    for name in re.findall(r'\{\s*"([^"]+)"', m.group(1)):
        print("--" + name)
EOF
}

# Long options a man page lists (from the groff source).
man_options() { # PAGE
    python3 - "$1" <<'EOF'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
src = re.sub(r"\\f(\[[^]]*\]|\(..|.)", "", src)   # font changes
src = src.replace("\\-", "-").replace("\\&", "").replace("\\%", "")
for o in sorted(set(re.findall(r"(?<![\w-])--[a-z0-9][a-z0-9-]*", src))):
    print(o)
EOF
}

for t in "${tools[@]}"; do
    bin=$top_builddir/$t
    d=$tmp/$t
    mkdir -p "$d"
    good=$(good_input "$t" "$d")

    # --help: on standard output, status 0, nothing on standard error
    check_ok "$t: --help exits 0" "$bin" --help
    cp "$out" "$d/help"
    check_empty "$t: --help writes nothing to stderr" "$err"
    check_grep "$t: --help starts with a usage line" "^Usage: $t " "$d/help"
    grep -Eo -e '--[a-z0-9][a-z0-9-]*' "$d/help" | sort -u >"$d/help-opts"
    check "$t: --help names some long options" test -s "$d/help-opts"

    # every option of the getopt table is in --help, and nothing else
    src=$top_srcdir/src/bin/$t.c
    if [ -r "$src" ]; then
        getopt_table "$src" | sort -u >"$d/table-opts"
        check "$t: getopt table found in src/bin/$t.c" test -s "$d/table-opts"
        missing=$(comm -23 "$d/table-opts" "$d/help-opts" | tr '\n' ' ')
        check_eq "$t: --help mentions every option of the getopt table" "" "$missing"
        extra=$(comm -13 "$d/table-opts" "$d/help-opts" | tr '\n' ' ')
        check_eq "$t: --help mentions no option missing from the getopt table" "" "$extra"
    else
        fail "$t: source src/bin/$t.c is readable"
    fi

    # every option --help names is accepted
    rejected=
    while read -r o; do
        (cd "$d" && timeout 10 "$bin" "$o" </dev/null >/dev/null 2>"$d/opt-err")
        if grep -q 'unrecognized option' "$d/opt-err"; then
            rejected="$rejected $o"
        fi
    done <"$d/help-opts"
    check_eq "$t: every option --help names is accepted" "" "$rejected"

    # --version
    check_ok "$t: --version exits 0" "$bin" --version
    check_grep "$t: --version names the tool on stdout" "^$t " "$out"
    check_empty "$t: --version writes nothing to stderr" "$err"

    # unknown option
    check_rc "$t: unknown option exits 2" 2 "$bin" --no-such-option
    check_grep "$t: unknown option suggests --help" "Try '$t --help'" "$err"
    check_empty "$t: unknown option writes nothing to stdout" "$out"

    # nonexistent input file: named, status 2, the other files still read
    check_rc "$t: nonexistent input exits 2" 2 "$bin" "$d/no-such-file" "$good"
    check_grep "$t: nonexistent input is named in the message" "^$t: .*no-such-file" "$err"
    check_grep "$t: the good file after a missing one is still processed" "Lindhaven|harbour" "$out"
    check_rc "$t: nonexistent input first or last makes no difference" 2 "$bin" "$good" "$d/no-such-file"
    check_grep "$t: the good file before a missing one is processed" "Lindhaven|harbour" "$out"

    # output error
    if [ -w /dev/full ]; then
        check_rc "$t: writing to /dev/full exits 2" 2 sh -c '"$1" "$2" >/dev/full' sh "$bin" "$good"
        check_grep "$t: writing to /dev/full is reported on stderr" "^$t: " "$err"
        # an output larger than the stdio buffer fails in the middle of the run
        i=0
        while [ $i -lt 300 ]; do cat "$good"; i=$((i + 1)); done >"$d/big"
        check_rc "$t: a long output to /dev/full exits 2" 2 sh -c '"$1" "$2" >/dev/full' sh "$bin" "$d/big"
        check_eq "$t: the write error is reported once" 1 "$(grep -c 'write error' "$err")"
    else
        fail "$t: /dev/full is writable"
    fi

    # a closed pipe ends the tool quietly (SIGPIPE at its default); the
    # pipeline is run with SIGPIPE at its default whatever the caller did
    # (40 MB: the document repeated; records get a new id for every copy)
    python3 - "$good" "$d/big" "$t" <<'EOF'
import json, sys
data = open(sys.argv[1], "rb").read()
copies = max(1, (40 << 20) // max(1, len(data)))
with open(sys.argv[2], "wb") as f:
    if sys.argv[3] == "normalize":
        f.write(data * copies)
    else:
        recs = [json.loads(l) for l in data.splitlines() if l.strip()]
        for k in range(copies):
            for r in recs:
                r2 = dict(r)
                r2["id"] = "%s#%d" % (r.get("id", "doc"), k)
                f.write(json.dumps(r2, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
EOF
    args=
    [ "$t" = normalize ] && args=--text
    start=$(date +%s)
    python3 -c 'import os, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
os.execvp("sh", ["sh", "-c", sys.argv[1], "sh"] + sys.argv[2:])' \
        'timeout 60 "$1" $2 <"$3" 2>"$4" | head -n 1 >"$5"' \
        "$bin" "$args" "$d/big" "$d/pipe-err" "$d/pipe-out"
    secs=$(( $(date +%s) - start ))
    check "$t: tool | head -1 ends promptly (${secs}s)" test "$secs" -lt 60
    check "$t: tool | head -1 prints one line" test "$(wc -l <"$d/pipe-out")" -eq 1
    check_empty "$t: tool | head -1 prints nothing on stderr" "$d/pipe-err"

    # man page: same long options as --help, and groff is happy with it
    page=$top_srcdir/doc/$t.1
    if [ -r "$page" ]; then
        man_options "$page" >"$d/man-opts"
        missing=$(comm -23 "$d/help-opts" "$d/man-opts" | tr '\n' ' ')
        check_eq "$t: doc/$t.1 lists every option of --help" "" "$missing"
        extra=$(comm -13 "$d/help-opts" "$d/man-opts" | tr '\n' ' ')
        check_eq "$t: doc/$t.1 lists no option --help lacks" "" "$extra"
        if command -v groff >/dev/null 2>&1; then
            groff -man -ww -z "$page" >"$d/groff" 2>&1
            check_empty "$t: groff -man -ww -z doc/$t.1 prints nothing" "$d/groff"
        fi
    else
        fail "$t: man page doc/$t.1 exists"
    fi
done

# the pipe a tool writes to is widened to UG_PIPE_BUFFER bytes (1 MiB by
# default, or the system's most when that is lower); 0 leaves it alone
pipe_size() {   # the buffer size of the pipe on standard input
    python3 -c 'import fcntl, sys; sys.stdin.read(); print(fcntl.fcntl(0, getattr(fcntl, "F_GETPIPE_SZ", 1032)))'
}
if [ -r /proc/sys/fs/pipe-max-size ]; then
    max=$(cat /proc/sys/fs/pipe-max-size)
    want=1048576
    [ "$max" -ge "$want" ] || want=$max
    plain=$(printf 'x\n' | cat | pipe_size)
    for t in normalize segment detect-mt-artifacts score; do
        in='{"id":"a","text":"x"}'
        [ "$t" = normalize ] && in=x
        got=$(printf '%s\n' "$in" | "$top_builddir/$t" $([ "$t" = normalize ] && echo --text) 2>/dev/null | pipe_size)
        check_eq "$t widens the pipe it writes to $want bytes" "$want" "$got"
        got=$(printf '%s\n' "$in" | UG_PIPE_BUFFER=0 "$top_builddir/$t" $([ "$t" = normalize ] && echo --text) 2>/dev/null | pipe_size)
        check_eq "$t with UG_PIPE_BUFFER=0 leaves the pipe at $plain bytes" "$plain" "$got"
    done
    got=$(printf 'x\n' | UG_PIPE_BUFFER=200000 "$top_builddir/normalize" --text | pipe_size)
    check "UG_PIPE_BUFFER=200000 gives at least 200000 bytes (the kernel rounds up)" test "$got" -ge 200000 -a "$got" -le "$want"
fi

finish
