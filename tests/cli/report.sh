#!/bin/sh
# report.sh: score --report writes one self-contained HTML page: a row and a
# section per unit (rejected ones too), a mark per flag, every input byte
# escaped, flag spans clamped and split, the normal output unchanged, and
# status 2 with a message (and no half page) when it cannot be written.
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8
N=$top_builddir/normalize
SEG=$top_builddir/segment
D=$top_builddir/detect-mt-artifacts
SC=$top_builddir/score
require "python3 is installed" python3 || finish
for t in "$N" "$SEG" "$D" "$SC"; do
    [ -x "$t" ] || { fail "$t is built"; finish; }
done
cd "$tmp" || exit 1

# count PATTERN FILE: number of matches of the extended regular expression
count() {
    grep -E -o -e "$1" "$2" | wc -l | tr -d ' '
}

# valid_page PAGE RECORDS: checks the page with Python's HTML parser (every
# element closed in order, no <mark> inside a <mark>, the text of each
# section equal to the text of the record with its id in the JSON Lines
# file RECORDS, control characters as their pictures) and prints "ok" or
# what is wrong.
valid_page() {
    python3 - "$1" "$2" <<'EOF'
import html.parser, json, sys
VOID = {"meta", "br", "line", "rect", "input", "img", "hr", "link"}
page = open(sys.argv[1], encoding="utf-8").read()
want = {}
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    want.setdefault(r["id"], r["text"])
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.texts, self.cur, self.uid = [], [], {}, None, None
        self.in_uid = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark" and "mark" in self.stack:
            self.errors.append("mark inside mark")
        if tag == "span" and a.get("class") == "uid":
            self.in_uid, self.uid = True, ""
        if tag == "div" and a.get("class") == "text":
            self.cur = []
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()
        if tag == "span" and self.in_uid:
            self.in_uid = False
        if tag == "div" and self.cur is not None and self.stack and self.stack[-1] == "section":
            self.texts[self.uid] = "".join(self.cur)
            self.cur = None
    def handle_data(self, d):
        if self.in_uid:
            self.uid += d
        if self.cur is not None:
            self.cur.append(d)
p = P()
p.feed(page)
p.close()
if p.stack:
    p.errors.append("unclosed: %s" % p.stack)
pic = {c: chr(0x2400 + c) for c in range(32) if c not in (9, 10)}
pic[0x7f] = "\u2421"
for c in list(range(0x80, 0xa0)) + list(range(0xfdd0, 0xfdf0)) + [0xfffe, 0xffff]:
    pic[c] = "\ufffd"
for uid, text in want.items():
    if uid not in p.texts:
        p.errors.append("no section for %r" % uid)
    elif p.texts[uid] != text.translate(pic):
        p.errors.append("text of %r differs: %r" % (uid, p.texts[uid][:200]))
print("; ".join(p.errors) if p.errors else "ok")
EOF
}

# ---- the sample feed, by document -------------------------------------
"$N" "$top_srcdir"/samples/feed/*.txt | "$SEG" | "$D" >flagged.jsonl
mkdir page
check_ok "score --by=doc --report" "$SC" --by=doc --report=page/r.html flagged.jsonl
cp "$out" with.out
"$SC" --by=doc flagged.jsonl >without.out
check_same "standard output is the same with and without --report" without.out with.out
check_eq "the page is one file, no temporary left" "r.html" "$(ls -A page | tr '\n' ' ' | sed 's/ $//')"
P=page/r.html
check_grep "it starts with the doctype" '^<!DOCTYPE html>$' "$P"
check_grep "it ends with </html>" '^</html>$' "$P"
check_no_grep "no <link> element" '<link[ >]' "$P"
check_no_grep "no script or image loaded from elsewhere" '<(script|img|iframe|object|embed)[^>]* src=' "$P"
check_no_grep "no src or href to another site" '(src|href)=["'"'"']?(https?:)?//' "$P"
check_no_grep "no http:// or https:// anywhere" 'https?://' "$P"
check_grep "a policy that forbids loading anything" "Content-Security-Policy\" content=\"default-src 'none'" "$P"
check_eq "a table row per document" 8 "$(count '<tr class="(kept|rejected)"' "$P")"
check_eq "a section per document" 8 "$(count '<section class="unit (kept|rejected)"' "$P")"
check_eq "two documents rejected at the model's threshold" 2 "$(count '<tr class="rejected"' "$P")"
check_grep "the summary counts them" '<b>8</b> documents &middot; <b>6</b> kept &middot; <b>2</b> rejected' "$P"
check_grep "the histogram is an inline svg" '<svg class="hist"' "$P"
check_eq "ten bars in the histogram" 10 "$(count '<rect ' "$P")"
python3 - with.out "$P" >marks.txt <<'EOF'
import json, re, sys
# flags with a span per document (the documents score --by=doc wrote)
flags = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    flags[r["id"]] = flags.get(r["id"], 0) + sum(1 for f in r["ug"]["flags"] if f["end"] > f["start"])
page = open(sys.argv[2], encoding="utf-8").read()
shown = 0
for sec in re.findall(r'<section .*?</section>', page, re.S):
    seen = set()
    for m in re.findall(r'<mark [^>]*data-flags="([^"]*)"', sec):
        seen.update(m.split())
    shown += len(seen)
print(sum(flags.values()), shown)
EOF
read -r nflags nmarked <marks.txt
check "the sample has flags with spans ($nflags)" test "$nflags" -gt 10
check_eq "every flag with a span is highlighted" "$nflags" "$nmarked"
check_eq "the page is well formed and shows each text" ok "$(valid_page "$P" with.out | sed 's/^\(.\{300\}\).*/\1/')"

# ---- escaping, overlapping spans, spans off the text ------------------
# text: A </script><b>&"' tail^A x<DEL> naïve café, with a C1 control
python3 - >odd.jsonl <<'EOF'
import json
t = "A </script><b>&\"' tail\x01 x\x7f na\u00efve caf\u00e9 \u0085end \ufdd0"
b = t.encode()
i = b.index("na\u00efve".encode())
flags = [
    {"id": "glued_words", "start": 2, "end": 14, "evidence": "<i>\"</script>\"</i> & 'x'"},
    {"id": "stray_period", "start": 11, "end": 20, "evidence": "overlaps"},
    {"id": "calque", "start": 12, "end": 13, "evidence": "nested"},
    {"id": "fragment", "start": i + 3, "end": i + 4, "evidence": "inside a character"},
    {"id": "fragment", "start": len(b) - 2, "end": len(b) + 50, "evidence": "past the end"},
    {"id": "possessive_loss", "start": len(b) + 5, "end": len(b) + 9, "evidence": "outside"},
    {"id": "calque", "start": 9, "end": 4, "evidence": "reversed"},
    {"id": "calque", "start": -1, "end": 3.5, "evidence": "not offsets"},
    {"id": "we\"ird <id>", "start": 0, "end": 1, "evidence": "odd id"},
    42,
]
doc = [{"id": "quotes_missing", "evidence": "doc </script> level & more"}]
print(json.dumps({"id": "odd</script>", "text": t, "ug": {"flags": flags, "doc_flags": doc}}))
print(json.dumps({"id": "plain", "text": t}))
print(json.dumps({"id": "empty", "text": "", "ug": {"flags": [{"id": "fragment", "start": 0, "end": 3}], "doc_flags": []}}))
EOF
check_ok "odd spans and text do not break score" "$SC" --report=odd.html odd.jsonl
check_eq "the page is well formed and shows each text" ok "$(valid_page odd.html odd.jsonl | sed 's/^\(.\{300\}\).*/\1/')"
check_grep "the text is escaped" 'A &lt;/script&gt;&lt;b&gt;&amp;&quot;&#39; tail' odd.html
check_grep "the id is escaped" 'odd&lt;/script&gt;' odd.html
check_grep "the evidence is escaped" 'title="[^"]*&lt;i&gt;&quot;&lt;/script&gt;&quot;&lt;/i&gt; &amp; &#39;x&#39;' odd.html
check_grep "the document finding is listed, escaped" '<li data-dets="quotes_missing">.*doc &lt;/script&gt; level &amp; more</li>' odd.html
check_eq "</script> only closes the page's own scripts" "$(count '<script>' odd.html)" "$(count '</script>' odd.html)"
check_no_grep "no <b> from the text" '<b>&' odd.html
check_eq "no control character is left in the page" 0 "$(LC_ALL=C tr -d '\t\n\040-\176\200-\377' <odd.html | wc -c | tr -d ' ')"
check_grep "a control character shows as its picture" "tail$(printf '\342\220\201') x$(printf '\342\220\241')" odd.html
check_grep "a C1 control becomes U+FFFD" "$(printf '\357\277\275')end" odd.html
check_grep "an odd detector id is escaped" 'we&quot;ird &lt;id&gt;' odd.html
check_grep "and made a safe token" 'data-dets="we_ird__id_"' odd.html
check_grep "overlapping spans: a piece carries both flags" '<mark class="f [^"]* m" data-dets="glued_words stray_period" data-flags="0 1"' odd.html
check_grep "nested span: a piece carries three flags" 'data-dets="glued_words stray_period calque" data-flags="0 1 2"' odd.html
check_grep "a span inside a character covers the whole character" "data-flags=\"3\"[^>]*>$(printf '\303\257')</mark>" odd.html
check_grep "a span past the end is clamped to the text" 'data-flags="4"[^>]*>[^<]*</mark></div>' odd.html
check_no_grep "a span outside the text is not shown" 'data-flags="5"' odd.html
check_eq "three rows" 3 "$(count '<tr class=' odd.html)"
check_grep "every flag is counted, shown or not (10 + 1)" '<td class="num" data-v="11">11</td></tr>' odd.html

# ---- by record, --min: rejected units are in the page -----------------
# (sentence records of a machine-translated and a clean document)
"$N" "$top_srcdir/samples/feed/06-mt-roundtrip.txt" "$top_srcdir/samples/feed/01-clean-utf8.txt" |
    "$SEG" | "$D" >sents.jsonl
nrec=$(wc -l <sents.jsonl | tr -d ' ')
check_rc "--by=record --min=0.5 --report" 0 "$SC" --min=0.5 --rejects=low.jsonl --report=rec.html sents.jsonl
nlow=$(wc -l <low.jsonl | tr -d ' ')
check "some records are filtered out ($nlow of $nrec)" test "$nlow" -gt 0 -a "$nlow" -lt "$nrec"
check_eq "a row per record" "$nrec" "$(count '<tr class=' rec.html)"
check_eq "the filtered records are in the page, rejected" "$nlow" "$(count '<section class="unit rejected"' rec.html)"
check_grep "the summary names the threshold and records" 'records &middot; <b>[0-9]+</b> kept &middot; <b>'"$nlow"'</b> rejected at threshold <b>0.50</b> \(--min\)' rec.html

# ---- every format, --check, --summary-only: the same page -------------
sed -n 's/.*<section class="unit \([a-z]*\)" id="\(u[0-9]*\)".*/\1 \2/p' rec.html >rec.units
for opt in --format=jsonl --format=text --format=tsv --format=diag --format=features --check --summary-only; do
    rm -f o.html
    "$SC" --min=0.5 "$opt" --report=o.html sents.jsonl >o.out 2>o.err
    sed -n 's/.*<section class="unit \([a-z]*\)" id="\(u[0-9]*\)".*/\1 \2/p' o.html >o.units 2>/dev/null
    check_same "$opt: the page has the same units" rec.units o.units
    "$SC" --min=0.5 "$opt" sents.jsonl >o2.out 2>o2.err
    check_same "$opt: the same output without --report" o2.out o.out
done

# ---- nothing to report ---------------------------------------------------
check_rc "no input: status 1, nothing kept" 1 "$SC" --report=none.html /dev/null
check_grep "an empty page is still written" '<b>0</b> records' none.html
check_eq "with no row" 0 "$(count '<tr class=' none.html)"

# ---- cannot write ---------------------------------------------------------
check_rc "a page in a missing folder: status 2" 2 "$SC" --report=nodir/r.html flagged.jsonl
check_grep "the message names the file and the reason" '^score: nodir/r\.html: No such file or directory$' "$err"
check_empty "nothing is written to standard output" "$out"
mkdir adir
check_rc "a folder as the page: status 2" 2 "$SC" --report=adir flagged.jsonl
check_grep "the message says it is a folder" '^score: adir: Is a directory$' "$err"
if [ -w /dev/full ]; then
    check_rc "a page on a full device: status 2" 2 "$SC" --report=/dev/full flagged.jsonl
    check_grep "the message names it" '^score: /dev/full: No space left on device$' "$err"
    check "the device is still a device" test -c /dev/full
else
    fail "/dev/full is writable"
fi
mkdir keep
echo old >keep/r.html
check_rc "a failed run (output error): status 2" 2 sh -c '"$1" --report=keep/r.html "$2" >/dev/full' sh "$SC" flagged.jsonl
check_eq "the old page is left as it was" old "$(cat keep/r.html)"
check_eq "and no temporary file is left" "r.html" "$(ls -A keep | tr '\n' ' ' | sed 's/ $//')"
check_rc "--report needs an argument" 2 "$SC" --report
finish
