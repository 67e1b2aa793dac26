#!/bin/bash
# streaming.sh: a slow feed streams through every stage. A record each tool
# has finished with comes out while its input is still open and waiting
# (the tools flush when their input is idle), and the output of the whole
# run is byte for byte that of a run over a file.
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
B=$top_builddir
"$B/normalize" --jsonl "$top_srcdir/samples/feed.jsonl" >norm.jsonl
"$B/segment" norm.jsonl >seg.jsonl
"$B/detect-mt-artifacts" seg.jsonl >flag.jsonl
# two documents from each stage's input: all of the first, then the second
first_id=$(head -n 1 norm.jsonl | sed 's/^{"id":"\([^"]*\)".*/\1/')
for f in norm seg flag; do
    grep -F "\"id\":\"$first_id\"" $f.jsonl >$f-1.jsonl
    grep -v -F "\"id\":\"$first_id\"" $f.jsonl | awk -F'"id":"' '
        { split($2, a, "\""); if (NR == 1) id = a[1]; if (a[1] != id) exit; print }' >$f-2.jsonl
done
check "the first document has several sentence records" [ "$(wc -l <seg-1.jsonl)" -gt 3 ]
check "the second document has several sentence records" [ "$(wc -l <seg-2.jsonl)" -gt 3 ]

# stream DESC FIRST REST CMD...: starts CMD reading a FIFO, writes FIRST into
# it and keeps it open; passes when a record of the first document comes out
# within 30 s (it would only come at end of input if the tool held it back),
# then writes REST, closes the input, and checks the whole output against
# CMD run on FIRST and REST as a file.
stream() {
    _d=$1 _first=$2 _rest=$3
    shift 3
    rm -f in.fifo got.jsonl
    mkfifo in.fifo
    "$@" <in.fifo >got.jsonl 2>got.err &
    _pid=$!
    exec 3>in.fifo
    cat "$_first" >&3
    _n=0
    while ! grep -q -F "\"id\":\"$first_id\"" got.jsonl && [ $_n -lt 300 ]; do
        sleep 0.1
        _n=$((_n + 1))
    done
    if grep -q -F "\"id\":\"$first_id\"" got.jsonl; then
        ok "$_d: the first document comes out while the input waits"
    else
        fail "$_d: nothing came out in 30 s while the input waited"
    fi
    cat "$_rest" >&3
    exec 3>&-
    wait $_pid
    check_eq "$_d: exit status 0" 0 "$?"
    cat "$_first" "$_rest" | "$@" >want.jsonl 2>/dev/null
    check_same "$_d: the same output as from a file" want.jsonl got.jsonl
}

# a stage that writes each record as it reads it: the first document alone
stream "normalize --jsonl" norm-1.jsonl norm-2.jsonl "$B/normalize" --jsonl
stream "segment" norm-1.jsonl norm-2.jsonl "$B/segment"
stream "score" flag-1.jsonl flag-2.jsonl "$B/score"
# a stage that needs the document whole: it is finished when the next begins
head -n 1 seg-2.jsonl >seg-2a.jsonl
tail -n +2 seg-2.jsonl >seg-2b.jsonl
cat seg-1.jsonl seg-2a.jsonl >seg-first.jsonl
stream "detect-mt-artifacts --jobs=1" seg-first.jsonl seg-2b.jsonl "$B/detect-mt-artifacts" --jobs=1
stream "detect-mt-artifacts (a thread per CPU)" seg-first.jsonl seg-2b.jsonl "$B/detect-mt-artifacts"
stream "detect-mt-artifacts --jobs=2" seg-first.jsonl seg-2b.jsonl "$B/detect-mt-artifacts" --jobs=2
head -n 1 flag-2.jsonl >flag-2a.jsonl
tail -n +2 flag-2.jsonl >flag-2b.jsonl
cat flag-1.jsonl flag-2a.jsonl >flag-first.jsonl
stream "score --by=doc" flag-first.jsonl flag-2b.jsonl "$B/score" --by=doc
finish
