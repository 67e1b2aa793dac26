#!/bin/bash
# gen-data.sh: the generated tables under src/lib match the data files they
# are made from (scripts/gen-* --check), and a generator refuses data the
# library could not use, saying which entry.
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8
require "python3 is installed" python3 || finish

# every generator whose source is in the repository (gen-sbreak reads the
# Unicode data files of the system, gen-weights-header a fitted model)
for g in gen-abbrev gen-entities gen-given-names gen-lang-data gen-lexicon gen-speech-data; do
    check_ok "$g: the generated table is up to date" python3 "$top_srcdir/scripts/$g" --check
done

# a copy of the data with one bad calque: its first word has an apostrophe
# or a non-ASCII letter, which no word of a text could match
mkdir -p "$tmp/root/src/lib" && cp -R "$top_srcdir/data" "$tmp/root/" || { fail "copy the data"; finish; }
calques=$tmp/root/data/en/calques.txt
cp "$calques" "$tmp/calques.orig"
check_ok "gen-lang-data writes the table of a copy of the data" \
    python3 "$top_srcdir/scripts/gen-lang-data" --root "$tmp/root"
check_same "the copy's table is the repository's" "$top_srcdir/src/lib/lang_tables.h" \
    "$tmp/root/src/lib/lang_tables.h"
for head in "don't" "caf\xc3\xa9"; do
    cp "$tmp/calques.orig" "$calques"
    printf '%b stop here\tno source: a test\n' "$head" >>"$calques"
    check_rc "gen-lang-data refuses a calque starting \"$head\"" 1 \
        python3 "$top_srcdir/scripts/gen-lang-data" --root "$tmp/root"
    check_grep "the message names the calque" "first word not ASCII without apostrophes" "$err"
done

finish
