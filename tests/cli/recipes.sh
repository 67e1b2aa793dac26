#!/bin/bash
# recipes.sh: the cron script and the Makefile in examples/ work on the sample feed.
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
# the test driver may run under make: its flags (-s, the jobserver) must not
# reach the makes started here
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
require "flock is installed" flock || finish
require "make is installed" make || finish
PATH=$top_builddir:$PATH
cd "$tmp" || exit 1
mkdir raw
cp "$top_srcdir"/samples/feed/0[1-6]*.txt raw/

# cron: one summary line, output renamed into place, rejects kept
check_ok "cron script runs" "$top_srcdir/examples/ungarble-cron" raw out 0.5
check_grep "one summary line with counts" 'ungarble-cron: raw -> out/clean-[0-9TZ]+\.jsonl kept [0-9]+ rejected [0-9]+ input-errors 0$' "$out"
check_eq "exactly one line to the log" 1 "$(wc -l <"$out" | tr -d ' ')"
f=$(ls out/clean-*.jsonl)
check_eq "kept + rejected = documents in" 6 "$(( $(wc -l <"$f") + $(wc -l <out/rejected.jsonl) ))"
check_grep "the machine-translated sample is among the rejected" '06-mt-roundtrip' out/rejected.jsonl
check_eq "no temporary file left" "" "$(ls -A out | grep '^\.run' || true)"
exec 8>out/.lock
flock -n 8
check_ok "a second run while locked exits 0" "$top_srcdir/examples/ungarble-cron" raw out 0.5
check_grep "and says it skipped" 'locked by another run; skipped' "$out"
exec 8>&-

# Makefile: builds, is incremental, the gate fails on the garbled document
check_ok "make builds the corpus" make -s -f "$top_srcdir/examples/Makefile" RAW=raw OUT=clean
check_eq "one flagged file per raw file" 6 "$(ls clean/*.flagged.jsonl | wc -l | tr -d ' ')"
check_eq "kept + rejected = 6" 6 "$(( $(wc -l <clean/corpus.jsonl) + $(wc -l <clean/rejected.jsonl) ))"
check_ok "a second make" make -f "$top_srcdir/examples/Makefile" RAW=raw OUT=clean
check_grep "has nothing to do" "Nothing to be done|is up to date" "$out"
touch raw/01-clean-utf8.txt
check_ok "after touching one raw file" make -f "$top_srcdir/examples/Makefile" RAW=raw OUT=clean
check_eq "only that file is redone" 1 "$(grep -c '^normalize ' "$out")"
check_rc "the gate fails with the garbled document" 2 make -s -f "$top_srcdir/examples/Makefile" RAW=raw OUT=clean gate
rm raw/06-mt-roundtrip.txt clean/06-mt-roundtrip.flagged.jsonl
check_ok "the gate passes without it" make -s -f "$top_srcdir/examples/Makefile" RAW=raw OUT=clean gate
finish
