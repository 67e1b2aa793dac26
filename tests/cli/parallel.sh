#!/bin/bash
# parallel.sh: the pipeline split over GNU parallel gives byte for byte the
# output of one process, and the same output under LC_ALL=C and a UTF-8 locale.
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

require "GNU parallel is installed" parallel || finish
cd "$tmp" || exit 1
B=$top_builddir
# 40 copies of the sample feed, renamed so every record is its own document
for i in $(seq 1 40); do
    sed "s/\"id\":\"/\"id\":\"copy$i-/" "$top_srcdir/samples/feed.jsonl"
done | "$B/normalize" --jsonl >docs.jsonl
check_eq "320 document records" 320 "$(wc -l <docs.jsonl | tr -d ' ')"
"$B/segment" docs.jsonl | "$B/detect-mt-artifacts" | "$B/score" --by=doc >one.jsonl
UG_BIN=$B "$top_srcdir/scripts/ungarble-parallel" --jobs 2 --block 20k <docs.jsonl >par.jsonl
check_eq "parallel: 320 records out" 320 "$(wc -l <par.jsonl | tr -d ' ')"
check_same "parallel --pipe -k output is byte-identical to one run" one.jsonl par.jsonl
UG_BIN=$B "$top_srcdir/scripts/ungarble-parallel" --jobs 2 --block 50k -- --min=0.5 <docs.jsonl >par-min.jsonl
"$B/segment" docs.jsonl | "$B/detect-mt-artifacts" | "$B/score" --by=doc --min=0.5 >one-min.jsonl
check_same "score options pass through" one-min.jsonl par-min.jsonl
LC_ALL=C "$B/segment" docs.jsonl | LC_ALL=C "$B/detect-mt-artifacts" | LC_ALL=C "$B/score" --by=doc >c.jsonl
check_same "same output under LC_ALL=C" one.jsonl c.jsonl
"$B/segment" docs.jsonl | "$B/detect-mt-artifacts" | "$B/score" --by=doc >again.jsonl
check_same "same output on a second run" one.jsonl again.jsonl
finish
