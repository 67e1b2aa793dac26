#!/bin/bash
# segment.sh: segment end to end, on the sample feed and on small hand-made
# inputs: the record format, the rebuild property, --text, the options and
# the error paths.
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8
SEG=$top_builddir/segment
N=$top_builddir/normalize
S=$top_srcdir/samples

require "python3 is installed" python3 || finish
if [ ! -x "$SEG" ]; then
    fail "segment is built in $top_builddir"
    finish
fi
cd "$tmp" || exit 1

# rebuild DOCS SENTS: checks every sentence record of SENTS against the
# document records of DOCS (same order, ids): the text is the span of the
# document text, spans are in order, and only white space lies between and
# around them. Prints "ok N" or the first problem.
cat >"$tmp/rebuild.py" <<'EOF'
import json, sys
docs, sents = sys.argv[1], sys.argv[2]
tf = sys.argv[3] if len(sys.argv) > 3 else "text"
idf = sys.argv[4] if len(sys.argv) > 4 else "id"
text = {}
order = []
for line in open(docs, "rb"):
    r = json.loads(line)
    i = json.dumps(r.get(idf))
    if order and order[-1] == i:
        text[i] += r[tf].encode("utf-8")
    else:
        order.append(i)
        text[i] = r[tf].encode("utf-8")
pos = {i: 0 for i in order}
white = lambda b: b.decode("utf-8").strip() == ""
n = 0
for line in open(sents, "rb"):
    r = json.loads(line)
    u = r["ug"]
    i = json.dumps(r.get(idf))
    t = text[i]
    s, e = u["start"], u["end"]
    if t[s:e] != r[tf].encode("utf-8"):
        sys.exit("span mismatch at record %d" % n)
    if s < pos[i] or not white(t[pos[i]:s]):
        sys.exit("gap before record %d is not white space" % n)
    span = t[s:e].decode("utf-8")
    if not span or span[0].isspace() or span[-1].isspace():
        sys.exit("record %d starts or ends with white space" % n)
    pos[i] = e
    n += 1
for i in order:
    if not white(text[i][pos[i]:]):
        sys.exit("text after the last sentence of %s" % i)
print("ok", n)
EOF
rebuild() { python3 "$tmp/rebuild.py" "$@" 2>&1; }

# jget FILE EXPR: the python expression EXPR for each record r of FILE.
cat >"$tmp/jget.py" <<'EOF'
import json, sys
for line in open(sys.argv[1], "rb"):
    r = json.loads(line)
    v = eval(sys.argv[2], {"r": r, "json": json})
    print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True))
EOF
jget() { python3 "$tmp/jget.py" "$@" 2>&1; }

# ---- options -------------------------------------------------------------
check_ok "--help exits 0" "$SEG" --help
check_grep "--help names --newlines" "--newlines=hard\|soft" "$out"
check_grep "--help names --max-sentence-bytes" "--max-sentence-bytes" "$out"
check_ok "--version exits 0" "$SEG" --version
check_grep "--version names the tool" "^segment \(ungarble\)" "$out"
for bad in --rules=foo --newlines=maybe --lang=xx --max-sentence-bytes=8 --max-sentence-bytes=abc \
           --max-line-bytes=0 --bogus; do
    check_rc "usage error $bad exits 2" 2 "$SEG" "$bad" </dev/null
    check_grep "usage error $bad suggests --help" "Try 'segment --help'" "$err"
    check_empty "usage error $bad writes nothing to stdout" "$out"
done

# ---- the sample feed -------------------------------------------------------
check_ok "raw feed.jsonl is segmented" "$SEG" "$S/feed.jsonl"
cp "$out" raw.sents
check_empty "raw feed: nothing on stderr" "$err"
check_eq "raw feed: rebuild property" "ok $(wc -l <raw.sents | tr -d ' ')" "$(rebuild "$S/feed.jsonl" raw.sents)"
check_eq "raw feed: the source field is copied to every sentence" "sample" \
    "$(jget raw.sents 'r["source"]' | sort -u)"
check_eq "raw feed: ug has para, sent, start, end, kind in this order" \
    '["para", "sent", "start", "end", "kind"]' \
    "$(jget raw.sents '[k for k in r["ug"] if k not in ("glued", "forced")]' | sort -u | \
       python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.readline())))')"

if [ -x "$N" ]; then
    "$N" "$S"/feed/*.txt >norm.docs 2>/dev/null
    check_ok "normalize | segment" "$SEG" norm.docs
    cp "$out" norm.sents
    check_eq "normalized feed: rebuild property" "ok $(wc -l <norm.sents | tr -d ' ')" \
        "$(rebuild norm.docs norm.sents)"
    for nl in soft; do
        check_ok "normalized feed, --newlines=$nl" "$SEG" --newlines=$nl norm.docs
        check_eq "--newlines=$nl: rebuild property" "ok $(wc -l <"$out" | tr -d ' ')" "$(rebuild norm.docs "$out")"
    done
    check_ok "normalized feed, --rules=uax29" "$SEG" --rules=uax29 norm.docs
    check_eq "--rules=uax29: rebuild property" "ok $(wc -l <"$out" | tr -d ' ')" "$(rebuild norm.docs "$out")"
    # ug.norm only on the first sentence of each record
    check_eq "ug.norm is on the first sentence of each document only" \
        "$(wc -l <norm.docs | tr -d ' ')" "$(jget norm.sents '"norm" in r["ug"]' | grep -c true)"
    check_eq "ug.norm comes first in ug, before the sentence members" "norm" \
        "$(jget norm.sents 'list(r["ug"])[0]' | head -n 1)"
    # kinds on the feed
    jget norm.sents 'r["ug"]["kind"] + " " + r["text"]' >kinds
    check_grep "feed: Skip to content is boilerplate" "^boilerplate Skip to content" kinds
    check_grep "feed: the sign-off is boilerplate" "^boilerplate [a-z]+/[a-z]+ \(Reuters" kinds
    check_grep "feed: a date line is a dateline" "^dateline date 2026-03-14" kinds
    check_grep "feed: By Name is a byline" "^byline By " kinds
    check_grep "feed: a photo credit is a caption" "^caption .*PHOTO/" kinds
    check_grep "feed: a glued Image: credit is a caption of its own" "^caption Image: " kinds
    check_grep "feed: a short unpunctuated line is a headline" "^headline " kinds
else
    fail "normalize is built in $top_builddir"
fi

# ---- records: fields, renames, continuation ------------------------------
printf '%s\n' '{"n":1.50,"id":"a","text":"Mr. Smith went to Washington. He met the U.S. President.","x":[1, 2]}' >rec.jsonl
check_ok "a record is segmented" "$SEG" rec.jsonl
check_eq "two sentences" "2" "$(wc -l <"$out" | tr -d ' ')"
check_eq "other fields are copied byte for byte, in place" \
    '{"n":1.50,"id":"a","text":"Mr. Smith went to Washington.","x":[1, 2],"ug":{"para":0,"sent":0,"start":0,"end":29,"kind":"body"}}' \
    "$(head -n 1 "$out")"
check_eq "the second sentence's offsets" \
    '{"n":1.50,"id":"a","text":"He met the U.S. President.","x":[1, 2],"ug":{"para":0,"sent":1,"start":30,"end":56,"kind":"body"}}' \
    "$(tail -n 1 "$out")"

printf '%s\n' '{"doc":7,"body":"Headline here\n\nFirst one. Second one."}' >ren.jsonl
check_ok "--text-field and --id-field" "$SEG" --text-field=body --id-field=doc ren.jsonl
check_eq "renamed fields: three sentences" "3" "$(wc -l <"$out" | tr -d ' ')"
check_eq "renamed fields: rebuild property" "ok 3" "$(rebuild ren.jsonl "$out" body doc)"
check_eq "renamed fields: paragraphs" "0 1 1" "$(jget "$out" 'r["ug"]["para"]' | tr '\n' ' ' | sed 's/ $//')"

printf '%s\n' '{"id":"d","text":"One. Two."}' '{"id":"d","text":"Three."}' '{"id":"e","text":"Four."}' >cont.jsonl
check_ok "consecutive records with one id" "$SEG" cont.jsonl
check_eq "one document across records: paragraphs and offsets go on" "0:0-4 0:5-9 1:9-15 0:0-5" \
    "$(jget "$out" '"%d:%d-%d" % (r["ug"]["para"], r["ug"]["start"], r["ug"]["end"])' | tr '\n' ' ' | sed 's/ $//')"
check_eq "continued document: rebuild property" "ok 4" "$(rebuild cont.jsonl "$out")"

printf '%s\n' '{"id":"g","text":"It was the last day of the visit to China.It comes as talks go on."}' >glued.jsonl
check_ok "glued sentences" "$SEG" glued.jsonl
check_eq "glued: flagged on the first sentence only" "true null" \
    "$(jget "$out" 'r["ug"].get("glued")' | tr '\n' ' ' | sed 's/ $//')"

python3 -c 'import json; print(json.dumps({"id": "f", "text": "word " * 40000}))' >long.jsonl
check_ok "a long sentence is cut" "$SEG" --max-sentence-bytes=1K long.jsonl
check_eq "forced: rebuild property" "ok $(wc -l <"$out" | tr -d ' ')" "$(rebuild long.jsonl "$out")"
check_eq "forced: every piece is at most 1K" true "$(jget "$out" 'len(r["text"].encode()) <= 1024' | sort -u)"
check_grep "forced: pieces are marked" '"forced":true' "$out"

printf '%s\n' '{"id":"w","text":" \n\t "}' >white.jsonl
check_ok "a white-space document" "$SEG" white.jsonl
check_empty "a white-space document gives no record" "$out"

# ---- bad records -------------------------------------------------------------
{
    printf '%s\n' '{"id":"1","text":"First good. Record."}'
    printf '%s\n' '{"id":"2","text":"broken'
    printf '%s\n' '{"id":"3","body":"no text field"}'
    printf '%s\n' '{"id":"4","text":"Last good record."}'
} >bad.jsonl
check_rc "bad records: exit 1" 1 "$SEG" --rejects=rej.jsonl bad.jsonl
check_grep "invalid JSON is reported with file and line" "^segment: bad.jsonl:2: invalid JSON at byte [0-9]+: " "$err"
check_grep "a record without text is reported with file and line" "^segment: bad.jsonl:3: " "$err"
check_eq "the good records are still segmented" "1 1 4" \
    "$(jget "$out" 'r["id"]' | tr '\n' ' ' | sed 's/ $//')"
check_eq "--rejects holds the rejected lines" "$(sed -n '2,3p' bad.jsonl)" "$(cat rej.jsonl)"

printf '%s\n' '{"id":"1","text":"Short."}' "{\"id\":\"2\",\"text\":\"$(head -c 3000 /dev/zero | tr '\0' 'a')\"}" \
    '{"id":"3","text":"Short again."}' >longline.jsonl
check_rc "--max-line-bytes: an over-long line is rejected" 1 "$SEG" --max-line-bytes=1K longline.jsonl
check_grep "--max-line-bytes: reported with file and line" "^segment: longline.jsonl:2: line too long" "$err"
check_eq "--max-line-bytes: the other records go on" "1 3" "$(jget "$out" 'r["id"]' | tr '\n' ' ' | sed 's/ $//')"

: >stale.rej
echo stale >stale.rej
check_ok "--rejects is emptied at start even with nothing rejected" "$SEG" --rejects=stale.rej rec.jsonl
check_empty "--rejects: no stale content" stale.rej

# ---- --text --------------------------------------------------------------------
printf 'Headline without stop\n\nMr. Smith arrived at 5 p.m. He left.\nNext line.\n\n\nLast para.' >doc.txt
check_ok "--text" "$SEG" --text doc.txt
printf 'Headline without stop\n\nMr. Smith arrived at 5 p.m.\nHe left.\n\nNext line.\n\nLast para.\n' >want.txt
check_same "--text: one sentence per line, a blank line between paragraphs" want.txt "$out"
check_ok "--text --newlines=soft" "$SEG" --text --newlines=soft doc.txt
printf 'Headline without stop\n\nMr. Smith arrived at 5 p.m.\nHe left.\nNext line.\n\nLast para.\n' >want-soft.txt
check_same "--text --newlines=soft: wrapped lines are joined" want-soft.txt "$out"
check_ok "--text from standard input" "$SEG" --text <doc.txt
check_same "--text: standard input gives the same" want.txt "$out"
check_ok "--text, two files" "$SEG" --text doc.txt doc.txt
check_eq "--text: a blank line between documents" "$(cat want.txt; echo; cat want.txt)" "$(cat "$out")"
check_rc "--text: a document over --max-line-bytes is skipped" 1 "$SEG" --text --max-line-bytes=10 doc.txt
check_grep "--text: the skipped document is named" "^segment: doc.txt: document larger" "$err"

finish
