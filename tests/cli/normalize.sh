#!/bin/bash
# normalize.sh: normalize end to end, on the sample feed and on small
# hand-made inputs, with the error paths.
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8
N=$top_builddir/normalize
S=$top_srcdir/samples
feed=$S/feed

require "python3 is installed" python3 || finish
if [ ! -x "$N" ]; then
    fail "normalize is built in $top_builddir"
    finish
fi
cd "$tmp" || exit 1

# jget FILE EXPR: prints the python expression EXPR, evaluated with r bound
# to each JSON record of FILE, one line per record (strings as they are,
# everything else as JSON).
cat >"$tmp/jget.py" <<'EOF'
import json, sys
path, expr = sys.argv[1], sys.argv[2]
out = []
with open(path, "rb") as f:
    for line in f:
        r = json.loads(line)
        v = eval(expr, {"r": r, "json": json})
        out.append(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True))
sys.stdout.write("".join(x + "\n" for x in out))
EOF
jget() { python3 "$tmp/jget.py" "$@" 2>&1; }

# jtext FILE [N]: writes the text field of record N (0-based) exactly.
jtext() {
    python3 -c 'import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], "rb")]
sys.stdout.buffer.write(recs[int(sys.argv[2])]["text"].encode("utf-8"))' "$1" "${2:-0}"
}

samples=("$feed"/*.txt)
check "the sample feed has eight documents" test "${#samples[@]}" -eq 8

# ---- every sample --------------------------------------------------------
for f in "${samples[@]}"; do
    b=$(basename "$f" .txt)
    check_ok "$b: normalized with status 0" "$N" "$f"
    cp "$out" "$b.rec"
    check_empty "$b: nothing on stderr" "$err"
    check_eq "$b: one JSON record with the file name as id" "$f" "$(jget "$b.rec" 'r["id"]')"
    check_ok "$b: --text with status 0" "$N" --text "$f"
    cp "$out" "$b.txt"
    jtext "$b.rec" >"$b.field"
    check_same "$b: --text output equals the record's text field" "$b.field" "$b.txt"
    "$N" --text "$b.txt" >"$b.again" 2>&1
    check_same "$b: idempotent (normalize --text twice = once)" "$b.txt" "$b.again"
    LC_ALL=C "$N" "$f" >"$b.C" 2>&1
    check_same "$b: same output under LC_ALL=C and C.UTF-8" "$b.rec" "$b.C"
    check_eq "$b: bytes_out is the length of the text" "$(wc -c <"$b.txt" | tr -d ' ')" \
        "$(jget "$b.rec" 'r["ug"]["norm"]["bytes_out"]')"
    check_eq "$b: bytes_in is the size of the file" "$(wc -c <"$f" | tr -d ' ')" \
        "$(jget "$b.rec" 'r["ug"]["norm"]["bytes_in"]')"
done

# no line is ever deleted or added (none of the samples has U+2028 or a lone CR)
for b in 01-clean-utf8 02-nbsp 03-cp1252 04-mojibake 05-entities-crlf 06-mt-roundtrip 08-foreign-captions; do
    check_eq "$b: as many lines out as in" "$(wc -l <"$feed/$b.txt")" "$(wc -l <"$b.txt")"
done

# ---- what each sample must become ------------------------------------------
check_same "01: clean text comes out unchanged" "$feed/01-clean-utf8.txt" 01-clean-utf8.txt
check_eq "01: no changes counted" "{}" "$(jget 01-clean-utf8.rec 'r["ug"]["norm"]["changes"]')"
check_eq "01: no offset map when nothing changed" "False" "$(jget 01-clean-utf8.rec 'str("map" in r["ug"]["norm"])')"
check_eq "01: typography counted as written" \
    '{"curly_quotes": 21, "dashes": 2, "ellipses": 1, "straight_quotes": 0}' \
    "$(jget 01-clean-utf8.rec 'r["ug"]["norm"]["typography"]')"
check_same "08: translated text comes out unchanged" "$feed/08-foreign-captions.txt" 08-foreign-captions.txt

# 02: every space character becomes U+0020 and nothing is deleted
python3 -c 'import sys
raw = open(sys.argv[1], encoding="utf-8").read()
for c in "\u00a0\u202f\u2009":
    raw = raw.replace(c, " ")
sys.stdout.write(raw)' "$feed/02-nbsp.txt" >02.expected
check_same "02: NBSP, NNBSP and thin spaces become plain spaces, nothing deleted" 02.expected 02-nbsp.txt
check_eq "02: twelve spaces counted" 12 "$(jget 02-nbsp.rec 'r["ug"]["norm"]["changes"].get("spaces")')"
check_grep "02: digit groups kept ('10 000 jobs')" '10 000 jobs' 02-nbsp.txt
check_grep "02: '12 400 tonnes' kept" '12 400 tonnes' 02-nbsp.txt
check_grep "02: thin spaces around the en dash kept as spaces" '2017 – 2025' 02-nbsp.txt

# 03: windows-1252, detected and decoded to the original text
check_eq "03: read as windows-1252" "windows-1252" "$(jget 03-cp1252.rec 'r["ug"]["norm"]["encoding"]')"
check_eq "03: detected by fallback" "fallback" "$(jget 03-cp1252.rec 'r["ug"]["norm"]["encoding_source"]')"
python3 -c 'import sys; sys.stdout.write(open(sys.argv[1], encoding="cp1252").read())' \
    "$feed/03-cp1252.txt" >03.expected
check_same "03: text equals the windows-1252 decoding of the file" 03.expected 03-cp1252.txt
for w in 'café' '€38 million' 'Marie-Hélène' 'Sørvik' '“They can sign' '– and fewer fish'; do
    check_grep "03: '$w' decoded" "$w" 03-cp1252.txt
done
check_eq "03: no C1 control left" 0 "$(python3 -c 'import re, sys; print(len(re.findall("[\x80-\x9f]", open(sys.argv[1], encoding="utf-8").read())))' 03-cp1252.txt)"

# 07: UTF-16LE with a byte order mark
check_eq "07: read as utf-16le" "utf-16le" "$(jget 07-utf16.rec 'r["ug"]["norm"]["encoding"]')"
check_eq "07: recognised by its byte order mark" "bom" "$(jget 07-utf16.rec 'r["ug"]["norm"]["encoding_source"]')"
python3 -c 'import sys; sys.stdout.write(open(sys.argv[1], encoding="utf-16").read())' \
    "$feed/07-utf16.txt" >07.expected
check_same "07: text equals the UTF-16 decoding of the file (BOM consumed)" 07.expected 07-utf16.txt
check_eq "07: no NUL byte in the output (count)" 0 "$(tr -cd '\000' <07-utf16.txt | wc -c | tr -d ' ')"

# 04: mojibake repaired, correct text kept
m=04-mojibake.txt
check_no_grep "04: no 'â€' left" 'â€' $m
check_no_grep "04: no 'Ã' left" 'Ã' $m
check_grep "04: 'Müller' kept" 'Katrin Müller' $m
check_eq "04: both 'Müller' kept" 2 "$(grep -o 'Müller' $m | wc -l | tr -d ' ')"
check_grep "04: 'São Paulo' kept" 'São Paulo' $m
check_grep "04: 'São Tomé' kept" 'São Tomé' $m
check_grep "04: 'year’s' kept" 'year’s notice' $m
check_eq "04: middle dots kept" 2 "$(grep -o '·' $m | wc -l | tr -d ' ')"
check_grep "04: 'â€œ…â€' repaired to curly quotes" '“cautious optimism”' $m
check_grep "04: 'â€™' repaired to ’" 'It’s the first time' $m
check_grep "04: 'â€”' repaired to —" 'talks — “cautious' $m
check_grep "04: 'cafÃ©' repaired to 'café'" 'The café and hotel' $m
check_grep "04: doubly mojibaked 'OstreniaÃ¢â‚¬â„¢s' repaired" 'Ostrenia’s transport' $m
check "04: mojibake counted" test "$(jget 04-mojibake.rec 'r["ug"]["norm"]["changes"].get("mojibake", 0)')" -gt 0
python3 -c 'import sys
raw = open(sys.argv[1], encoding="utf-8").read().splitlines()
out = open(sys.argv[2], encoding="utf-8").read().splitlines()
same = [i + 1 for i, l in enumerate(raw) if "Ã" not in l and "â€" not in l and l != out[i]]
print(" ".join(map(str, same)))' "$feed/04-mojibake.txt" $m >04.changed
check_eq "04: lines without mojibake are left byte for byte" "" "$(cat 04.changed)"

# 05: BOM, CR LF, entities, zero-width space, soft hyphens
m=05-entities-crlf.txt
check_eq "05: read as utf-8 from its byte order mark" "utf-8 bom" \
    "$(jget 05-entities-crlf.rec 'r["ug"]["norm"]["encoding"] + " " + r["ug"]["norm"]["encoding_source"]')"
check_eq "05: no CR left" 0 "$(tr -cd '\r' <$m | wc -c | tr -d ' ')"
check_eq "05: CR LF became LF on every line" "$(wc -l <"$feed/$m")" "$(wc -l <$m)"
check_eq "05: eleven newlines counted" 11 "$(jget 05-entities-crlf.rec 'r["ug"]["norm"]["changes"].get("newlines")')"
check "05: byte order mark removed" test "$(head -c 7 $m)" = "Coastal"
check_no_grep "05: no U+FEFF left" $'\xef\xbb\xbf' $m
check_grep "05: &amp; decoded" 'Calvera & Ostrenia' $m
check_grep "05: &eacute; decoded" 'Sofia Renné$' $m
check_grep "05: &quot; decoded" '"a sensible first step"' $m
check_grep "05: &#8217; decoded" 'council’s secretary-general' $m
check_grep "05: &ndash; decoded" 'Calvera–Ostrenia' $m
check_grep "05: &nbsp;&mdash; decoded (no-break space as a space)" 'estuary — quays' $m
check_grep "05: &middot; decoded" 'deal · Shipping' $m
check_grep "05: &copy; decoded" '^© 2026' $m
check_grep "05: 'x < y' left alone" 'only where x < y, that is' $m
check_grep "05: unterminated '&amp' left as it is" 'Brekke &amp Sons' $m
check_eq "05: no other entity left" 1 "$(grep -Eo '&[#A-Za-z0-9]+;?' $m | wc -l | tr -d ' ')"
check_grep "05: zero-width space removed, word joined" 'of the breakwater,' $m
check_grep "05: soft hyphens removed, word joined" 'cover infrastructure on' $m
n_refs=$(python3 -c 'import re, sys; print(len(re.findall(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", open(sys.argv[1], encoding="utf-8").read())))' "$feed/$m")
check_eq "05: every terminated reference counted" "$n_refs" "$(jget 05-entities-crlf.rec 'r["ug"]["norm"]["changes"].get("entities")')"
check_eq "05: zero-width space and soft hyphens counted as invisible" 4 \
    "$(jget 05-entities-crlf.rec 'r["ug"]["norm"]["changes"].get("invisible")')"

# 06: no final newline, kept that way
check "06: the sample has no final newline" test "$(tail -c 1 "$feed/06-mt-roundtrip.txt" | od -An -c | tr -d ' ')" != '\n'
check "06: no final newline added" test "$(tail -c 1 06-mt-roundtrip.txt | od -An -c | tr -d ' ')" != '\n'

# ---- line independence -----------------------------------------------------
# normalize --text FILE = concatenation of normalize --text LINE for each line
for b in 01-clean-utf8 02-nbsp 04-mojibake 05-entities-crlf 06-mt-roundtrip 08-foreign-captions; do
    rm -rf "lines-$b"
    mkdir "lines-$b"
    python3 -c 'import sys
data = open(sys.argv[1], "rb").read()
for i, l in enumerate(data.splitlines(keepends=True)):
    open("%s/%04d" % (sys.argv[2], i), "wb").write(l)' "$feed/$b.txt" "lines-$b"
    : >"lines-$b.out"
    for l in "lines-$b"/*; do
        "$N" --text "$l" >>"lines-$b.out" 2>&1
    done
    check_same "$b: each line normalizes on its own (line independence)" "$b.txt" "lines-$b.out"
done

# ---- offset map ------------------------------------------------------------
# Maps every output offset back through ug.norm.map ([out,in,line,col]
# anchors; between anchors an equal-length segment maps byte for byte, an
# unequal one to its first raw byte) and checks the raw line it lands on.
cat >mapcheck.py <<'EOF'
import bisect, json, sys
raw = open(sys.argv[1], "rb").read()
rec = json.loads(open(sys.argv[2], "rb").read())
text = rec["text"].encode("utf-8")
norm = rec["ug"]["norm"]
amap = norm.get("map", [])
problems = []
def say(msg):
    if len(problems) < 8:
        problems.append(msg)
def raw_line(off):
    return raw.count(b"\n", 0, off) + 1
def raw_col(off):
    return off - (raw.rfind(b"\n", 0, off) + 1) + 1
if not amap:
    say("no map")
for i in range(1, len(amap)):
    if amap[i][0] < amap[i - 1][0] or amap[i][1] < amap[i - 1][1]:
        say("anchors out of order at %d: %r %r" % (i, amap[i - 1], amap[i]))
for a in amap:
    o, n, line, col = a
    if not (0 <= n <= len(raw)):
        say("anchor %r: raw offset outside the input" % (a,))
        continue
    if raw_line(n) != line or raw_col(n) != col:
        say("anchor %r: raw offset %d is at line %d col %d" % (a, n, raw_line(n), raw_col(n)))
outs = [a[0] for a in amap]
def lookup(off):
    k = bisect.bisect_right(outs, off) - 1
    if k < 0:
        return off, raw_line(off)          # identity before the first anchor
    o, n, line, col = amap[k]
    if k + 1 < len(amap):
        eo, en = amap[k + 1][0], amap[k + 1][1]
    else:
        eo, en = len(text), len(raw)
    r = n + (off - o) if eo - o == en - n else n
    return r, line + raw.count(b"\n", n, r)
starts = [0] + [i + 1 for i, c in enumerate(text) if c == 10 and i + 1 < len(text)]
for k, s in enumerate(starts):
    r, stated = lookup(s)
    if raw_line(r) != stated:
        say("output line %d (offset %d) maps to raw %d on line %d, the anchor says %d"
            % (k + 1, s, r, raw_line(r), stated))
    if raw_line(r) != k + 1:
        say("output line %d (offset %d) maps to raw line %d" % (k + 1, s, raw_line(r)))
for off in range(len(text)):
    if (text[off] & 0xC0) == 0x80:
        continue
    r, stated = lookup(off)
    line = text.count(b"\n", 0, off) + 1
    if raw_line(r) != line or stated != line:
        say("output offset %d (line %d) maps to raw %d on line %d" % (off, line, r, raw_line(r)))
print("\n".join(problems))
EOF
for b in 02-nbsp 03-cp1252 04-mojibake 05-entities-crlf; do
    check_eq "$b: ug.norm.map takes every output line back to its raw line" "" \
        "$(python3 mapcheck.py "$feed/$b.txt" "$b.rec" 2>&1)"
done

# ---- JSON Lines mode -------------------------------------------------------
jl=$S/feed.jsonl
check_ok "jsonl: the sample feed normalizes with status 0" "$N" --jsonl "$jl"
cp "$out" feed.out
check_empty "jsonl: nothing on stderr" "$err"
check_eq "jsonl: one record out per record in" "$(wc -l <"$jl")" "$(wc -l <feed.out)"
check_eq "jsonl: ids kept in order" "$(jget "$jl" 'r["id"]')" "$(jget feed.out 'r["id"]')"
check_eq "jsonl: members kept in order, ug added last" \
    "$(jget "$jl" '" ".join(list(r) + ["ug"])')" \
    "$(jget feed.out '" ".join(r)')"
check_eq "jsonl: every record keeps \"source\":\"sample\" byte for byte" 8 "$(grep -c '"source":"sample","ug":' feed.out)"
i=0
for f in "${samples[@]}"; do
    b=$(basename "$f" .txt)
    jtext feed.out $i >"$b.jtext"
    check_same "jsonl: $b text equals the text normalized from the file" "$b.txt" "$b.jtext"
    i=$((i + 1))
done
check_eq "jsonl: the encoding source is 'text'" "text" "$(jget feed.out 'r["ug"]["norm"]["encoding_source"]' | sort -u)"

# other members byte for byte, whatever their spelling
printf '%s\n' '{"id":"n1", "num":1.50e+2,"text":"a&amp;b" ,"source":"sample","esc":"\u00e9\/x","nested":{"b":[1, 2], "c":null}}' >spell.jsonl
check_ok "jsonl: record with odd spellings accepted" "$N" --jsonl spell.jsonl
for part in '"num":1.50e+2' '"esc":"\u00e9\/x"' '"nested":{"b":[1, 2], "c":null}' '"source":"sample"' '"text":"a&b"'; do
    check_grep "jsonl: $part kept byte for byte" "$(printf '%s' "$part" | sed 's/[][\\.*^$+?(){}|]/\\&/g')" "$out"
done

# an invalid line in the middle: reported, rejected, the rest processed
{ sed -n 1,3p "$jl"; echo '{"id":"bad","text": oops}'; sed -n '4,$p' "$jl"; } >mid.jsonl
check_rc "jsonl: invalid JSON line gives status 1" 1 "$N" --jsonl --rejects=rej mid.jsonl
check_grep "jsonl: invalid JSON reported as FILE:LINE: invalid JSON at byte N" \
    '^normalize: mid\.jsonl:4: invalid JSON at byte [0-9]+: .+' "$err"
check_eq "jsonl: the records after the bad line are still written" "$(jget "$jl" 'r["id"]')" "$(jget "$out" 'r["id"]')"
echo '{"id":"bad","text": oops}' >rej.expected
check_same "jsonl: --rejects receives exactly the bad line" rej.expected rej

# an over-long line
long=$(printf 'x%.0s' $(seq 150))
printf '{"id":"a","text":"short"}\n{"id":"b","text":"%s"}\n{"id":"c","text":"ok"}\n' "$long" >long.jsonl
check_rc "jsonl: --max-line-bytes=100 on a longer record gives status 1" 1 \
    "$N" --jsonl --max-line-bytes=100 --rejects=rej2 long.jsonl
check_grep "jsonl: over-long record reported with its line number" '^normalize: long\.jsonl:2: .*(long|bytes)' "$err"
check_eq "jsonl: over-long record rejected, the run goes on" "a c" "$(jget "$out" 'r["id"]' | tr '\n' ' ' | sed 's/ $//')"
sed -n 2p long.jsonl >rej2.expected
check_same "jsonl: --rejects receives the whole over-long line" rej2.expected rej2

# --text-field / --id-field
printf '%s\n' '{"doc":"d1","body":"x&amp;y\u00a0z","id":5}' >ren.jsonl
check_ok "jsonl: --text-field/--id-field rename" "$N" --jsonl --text-field=body --id-field=doc ren.jsonl
check_eq "jsonl: the renamed text field is normalized" "x&y z" "$(jget "$out" 'r["body"]')"
check_eq "jsonl: fields kept, ug added" '["doc", "body", "id", "ug"]' "$(jget "$out" 'list(r)')"
check_grep "jsonl: a field named id is just another field then" '"id":5,' "$out"
check_rc "jsonl: without --text-field the record has no text: status 1" 1 "$N" --jsonl ren.jsonl
check_grep "jsonl: missing text field reported with FILE:LINE" '^normalize: ren\.jsonl:1: .*text' "$err"
check_empty "jsonl: and no record is written" "$out"

# the ug member
printf '%s\n' '{"id":"a","text":"x","ug":5}' '{"id":"b","text":"y","ug":{"keep":[1,2]}}' '{"id":"c","text":"z","ug":[1]}' >ug.jsonl
check_rc "jsonl: a record whose ug is not an object gives status 1" 1 "$N" --jsonl ug.jsonl
check_grep "jsonl: ug not an object reported (line 1)" '^normalize: ug\.jsonl:1: .*ug' "$err"
check_grep "jsonl: ug not an object reported (line 3)" '^normalize: ug\.jsonl:3: .*ug' "$err"
check_eq "jsonl: only the record with an object ug is written" "b" "$(jget "$out" 'r["id"]')"
check_grep "jsonl: members already in ug are kept, norm added" '"ug":\{"keep":\[1,2\],"norm":\{' "$out"

# a text field that is not a string
printf '%s\n' '{"id":"a","text":5}' '{"id":"b","text":"ok"}' >num.jsonl
check_rc "jsonl: a text field that is not a string gives status 1" 1 "$N" --jsonl num.jsonl
check_grep "jsonl: non-string text reported with FILE:LINE" '^normalize: num\.jsonl:1: ' "$err"
check_eq "jsonl: the next record is still written" "b" "$(jget "$out" 'r["id"]')"

# escapes inside the text, --text output, a last line without newline
printf '%s\n%s' '{"id":"e","text":"10\u00a0000 \u0000x &amp;amp; caf\u00e9"}' '{"id":"f","text":"end"}' >esc.jsonl
check_ok "jsonl: escaped text and a last line without newline" "$N" --jsonl esc.jsonl
check_eq "jsonl: escaped NBSP, NUL and a doubled entity normalized" "10 000 x & café" "$(jget "$out" 'r["text"]' | head -n 1)"
check_eq "jsonl: the last line without newline is read" "f" "$(jget "$out" 'r["id"]' | tail -n 1)"
check_ok "jsonl: --text writes one text per record" "$N" --jsonl --text esc.jsonl
check_eq "jsonl: --text output" "10 000 x & café
end" "$(cat "$out")"

# stdin, and several files in order
check_ok "jsonl: reads standard input" sh -c '"$1" --jsonl <"$2"' sh "$N" "$jl"
check_eq "jsonl: stdin gives the same records" "$(cat feed.out)" "$(cat "$out")"
check_ok "jsonl: reads '-' as standard input among files" sh -c '"$1" --jsonl "$2" - <"$2"' sh "$N" "$jl"
check_eq "jsonl: every file's records, in order" 16 "$(wc -l <"$out")"

check_rc "jsonl: --from does not apply to --jsonl" 2 "$N" --jsonl --from=UTF-8 "$jl"
check_grep "jsonl: --from with --jsonl suggests --help" "Try 'normalize --help'" "$err"

# ---- plain files: small cases ------------------------------------------------
printf 'ok\n' >good
printf 'caf\xc3\xa9 ok\nbad \xff here caf\xc3\xa9 \xc3\xa9\xc3\xa9\n' >invalid

check_ok "invalid byte: replaced by default (status 0)" "$N" invalid
check_eq "invalid byte: read as mostly-valid UTF-8, U+FFFD, counted" \
    "mostly-valid 1 bad � here" \
    "$(jget "$out" 'r["ug"]["norm"]["encoding_source"] + " " + str(r["ug"]["norm"]["changes"]["invalid"]) + " " + r["text"].split("\n")[1][:10]')"
check_rc "--invalid=fail: a document with an invalid byte gives status 1" 1 \
    "$N" --invalid=fail --rejects=rej3 invalid good
check_grep "--invalid=fail: reported as FILE:LINE:" '^normalize: invalid:2: ' "$err"
check_eq "--invalid=fail: no record for it, the other file still written" "good" "$(jget "$out" 'r["id"]')"
check "--invalid=fail: the document goes to --rejects" \
    cmp -s invalid <(head -c "$(wc -c <invalid)" rej3)
check_rc "--invalid=fail --text: status 1" 1 "$N" --invalid=fail --text good invalid good
check_eq "--invalid=fail --text: nothing of the bad document is written" "ok
ok" "$(cat "$out")"
printf 'x\x81y\n' >undef1252
check_rc "--invalid=fail: a byte windows-1252 leaves undefined is invalid" 1 "$N" --invalid=fail undef1252
check_grep "--invalid=fail: named with its line" '^normalize: undef1252:1: .*windows-1252' "$err"
check_rc "--invalid=bogus is a usage error" 2 "$N" --invalid=bogus good
check_grep "--invalid=bogus suggests --help" "Try 'normalize --help'" "$err"

printf '\xd0\xb0\n' >cyr      # U+0430, U+0410
check_ok "--from=ISO-8859-5 accepted" "$N" --from=ISO-8859-5 cyr
check_eq "--from=ISO-8859-5 decodes Cyrillic bytes" "аА" "$(jget "$out" 'r["text"].strip()')"
check_eq "--from: encoding and source recorded" "iso-8859-5 forced" \
    "$(jget "$out" 'r["ug"]["norm"]["encoding"] + " " + r["ug"]["norm"]["encoding_source"]')"
check_rc "--from=NOPE is a usage error (status 2)" 2 "$N" --from=NOPE good
check_grep "--from=NOPE names the encoding" "NOPE" "$err"
check_empty "--from=NOPE writes nothing" "$out"
printf 'Gr\xfc\xdfe \xa4\n' >latin9
check_ok "--from=ISO-8859-15" "$N" --text --from=ISO-8859-15 latin9
check_eq "--from=ISO-8859-15 decodes ü ß €" "Grüße €" "$(cat "$out")"
printf 'ab\xe2\x80\x99c\n' | iconv -f UTF-8 -t UTF-16 >u16bom
check_ok "--from=UTF-16 (byte order from the BOM)" "$N" --text --from=UTF-16 u16bom
check_eq "--from=UTF-16 decodes a file with a BOM" "ab’c" "$(cat "$out")"
printf 'あい\nう\n' | iconv -f UTF-8 -t ISO-2022-JP >jis
check_rc "--from=ISO-2022-JP (a stateful encoding) is refused" 2 "$N" --text --from=ISO-2022-JP jis
check_grep "--from=ISO-2022-JP: the message says why" "stateful encoding 'ISO-2022-JP'" "$err"
printf 'あい\n' | iconv -f UTF-8 -t SHIFT_JIS >sjis
check_ok "--from=SHIFT_JIS" "$N" --text --from=SHIFT_JIS sjis
check_eq "--from=SHIFT_JIS decodes double-byte characters" "あい" "$(cat "$out")"

: >empty
check_ok "empty file: status 0" "$N" empty
check_eq "empty file: one record with empty text" '1 ""' "$(wc -l <"$out" | tr -d ' ') $(jget "$out" 'json.dumps(r["text"])')"
check_ok "empty file --text: status 0" "$N" --text empty
check_empty "empty file --text: no output" "$out"

printf 'abc' >nonl
check_ok "no final newline: status 0" "$N" --text nonl
check_eq "no final newline: none added" "616263" "$(od -An -tx1 <"$out" | tr -d ' \n')"

printf 'hello\0world, a NUL\n' >nul
check_ok "NUL byte: status 0" "$N" nul
check_eq "NUL byte: removed" "helloworld, a NUL" "$(jget "$out" 'r["text"].rstrip("\n")')"
check_eq "NUL byte: counted as a control" 1 "$(jget "$out" 'r["ug"]["norm"]["changes"].get("controls")')"

printf '10\xc2\xa0000\n' >moses
check_ok "Moses' case 10<NBSP>000" "$N" --text moses
check_eq "Moses' case: 10<NBSP>000 -> '10 000', digits untouched" "10 000" "$(cat "$out")"

printf 'a &amp; b\nx < y\nc &amp; d' >ftfy
check_ok "ftfy's '<' case" "$N" --text ftfy
check_eq "ftfy's '<' case: entities decoded on every line, '<' kept" "a & b
x < y
c & d" "$(cat "$out")"

printf 'a\r\nb\rc\r' >cr
check_ok "CR and CR LF" "$N" --text cr
check_eq "CR LF, and lone CRs (also the last one), become LF" "610a620a630a" "$(od -An -tx1 <"$out" | tr -d ' \n')"

printf 'x\xe2\x80\xa8y\xe2\x80\xa9z\n' >seps
check_ok "U+2028 and U+2029" "$N" --text seps
check_eq "U+2028 and U+2029 become LF" "x
y
z" "$(cat "$out")"
printf 'x\xc2\x85y\n' >nel
check_ok "NEL with --no-mojibake" "$N" --text --no-mojibake nel
check_eq "NEL becomes LF with --no-mojibake" "x
y" "$(cat "$out")"
check_ok "NEL (a C1 control) by default" "$N" --text nel
check_eq "C1 controls are read as windows-1252 by default (NEL is …)" "x…y" "$(cat "$out")"

printf 'e\xcc\x81 \xef\xac\x81 \xef\xbc\xa1  b \t\n  indented\n' >misc
check_ok "NFC, ligature, fullwidth, spaces" "$N" misc
check_eq "NFC composes, ligatures and fullwidth fold, runs collapse, trailing blanks go, indentation stays" \
    '"é fi A b\n  indented\n"' "$(jget "$out" 'json.dumps(r["text"], ensure_ascii=False)')"
check_eq "each of those changes counted" '{"collapsed": 1, "folded": 2, "trimmed": 1, "unicode": 1}' \
    "$(jget "$out" 'r["ug"]["norm"]["changes"]')"
check_ok "--keep-spaces" "$N" --text --keep-spaces misc
check_eq "--keep-spaces keeps runs and trailing blanks" "é fi A  b 	" "$(head -n 1 "$out")"

printf '\xea\xb0\x80\xe1\x86\xa7\n' >hangul
check_ok "Hangul syllable + U+11A7" "$N" --text hangul
check_eq "U+11A7 after a Hangul syllable is kept under NFC" "eab080e186a70a" "$(od -An -tx1 <"$out" | tr -d ' \n')"

printf 'x\x1b[31mred\x1b[0m y\n' >ansi
check_ok "ANSI escape sequences" "$N" --text ansi
check_eq "ANSI escape sequences removed" "xred y" "$(cat "$out")"

printf '“x” — ‘y’ …\n' >typo
check_ok "--ascii-punct" "$N" --ascii-punct typo
check_eq "--ascii-punct folds quotes, dashes and ellipses" "\"x\" - 'y' ..." "$(jget "$out" 'r["text"].rstrip()')"
check_eq "--ascii-punct counts the folds and the typography as written" \
    '6 {"curly_quotes": 4, "dashes": 1, "ellipses": 1, "straight_quotes": 0}' \
    "$(jget "$out" 'str(r["ug"]["norm"]["changes"]["punct"]) + " " + json.dumps(r["ug"]["norm"]["typography"], sort_keys=True)')"

printf 'a&amp;b caf\xc3\x83\xc2\xa9\n' >opts
check_ok "--no-entities --no-mojibake" "$N" --text --no-entities --no-mojibake opts
check_eq "--no-entities and --no-mojibake leave both alone" "a&amp;b cafÃ©" "$(cat "$out")"
check_ok "--no-map" "$N" --no-map opts
check_eq "--no-map leaves the map out" "False a&b café" "$(jget "$out" 'str("map" in r["ug"]["norm"]) + " " + r["text"].strip()')"
printf '\xe2\x91\xa0 \xef\xbd\xb6\n' >nfkc
check_ok "--nfkc" "$N" --text --nfkc nfkc
check_eq "--nfkc folds compatibility characters" "1 カ" "$(cat "$out")"
check_ok "NFC by default" "$N" --text nfkc
check_eq "NFC leaves compatibility characters" "① ｶ" "$(cat "$out")"

# standard input, file order, odd file names
check_ok "standard input when no file is given" sh -c 'printf "a&amp;b\n" | "$1"' sh "$N"
check_eq "standard input is named '-'" "- a&b" "$(jget "$out" 'r["id"] + " " + r["text"].strip()')"
cp good 'we"ird\name'
check_ok "a file name with a quote and a backslash" "$N" good 'we"ird\name' empty
check_eq "records in argument order, names escaped" 'good
we"ird\name
empty' "$(jget "$out" 'r["id"]')"

# limits
printf '0123456789abcdef\n' >big
check_rc "--max-doc-bytes: a larger document gives status 1" 1 "$N" --max-doc-bytes=10 --rejects=rej4 big good
check_grep "--max-doc-bytes: reported with the file name" '^normalize: big: .*10 bytes' "$err"
check_eq "--max-doc-bytes: the other file still written" "good" "$(jget "$out" 'r["id"]')"
check_grep "--max-doc-bytes: the rejected document goes to --rejects" '^0123456789abcdef' rej4
check_ok "--max-doc-bytes=1k accepts a K suffix" "$N" --max-doc-bytes=1k big
echo 'left from an earlier run' >rej5
check_ok "--rejects with nothing rejected: status 0" "$N" --rejects=rej5 good
check_no_grep "--rejects holds this run's rejects only (nothing left from an earlier run)" 'earlier run' rej5
for bad in --max-doc-bytes=0 --max-doc-bytes=10x --max-line-bytes=0 --max-line-bytes=-5; do
    check_rc "$bad is a usage error" 2 "$N" "$bad" good
    check_grep "$bad suggests --help" "Try 'normalize --help'" "$err"
done

# errors on files
check_rc "a missing file gives status 2" 2 "$N" no-such-file good
check_grep "a missing file is named" '^normalize: no-such-file: ' "$err"
check_eq "the file after it is still written" "good" "$(jget "$out" 'r["id"]')"
check_rc "a directory gives status 2" 2 "$N" . good
check_grep "a directory is named" '^normalize: \.: ' "$err"
check_eq "the file after the directory is still written" "good" "$(jget "$out" 'r["id"]')"
check_rc "--rejects into a missing directory gives status 2" 2 \
    "$N" --invalid=fail --rejects=no/such/dir/rej invalid
check_grep "--rejects into a missing directory is named" 'no/such/dir/rej' "$err"

finish
