#!/bin/sh
# report-browser.sh: the page of score --report in headless Chromium: its
# script runs without error and marks the page ready, the table has a row
# per unit, the flagged spans are there, and the sort and the detector
# filter named in the URL fragment are applied. Chromium is required: when
# it is missing this test fails (run by `make check-browser`, not by
# `make check`).
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8
N=$top_builddir/normalize
SEG=$top_builddir/segment
D=$top_builddir/detect-mt-artifacts
SC=$top_builddir/score
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
require "python3 is installed" python3 || finish
if [ -x "$CHROMIUM" ]; then
    ok "chromium is installed ($CHROMIUM)"
else
    fail "chromium is installed" "$CHROMIUM not found (Debian: apt-get install chromium)"
    finish
fi
for t in "$N" "$SEG" "$D" "$SC"; do
    [ -x "$t" ] || { fail "$t is built"; finish; }
done
require "timeout is installed" timeout || finish
cd "$tmp" || exit 1

# dom PAGE [FRAGMENT]: the DOM of the page after its script ran, in dom.html
dom() {
    rm -f dom.html
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --disable-background-networking --no-first-run --user-data-dir="$tmp/profile" \
        --dump-dom "file://$tmp/$1${2:+#$2}" >dom.html 2>chromium.log
    _rc=$?
    if [ $_rc -ne 0 ] || [ ! -s dom.html ]; then
        fail "chromium dumps the DOM of $1${2:+#$2} (status $_rc)"
        _show chromium.log chromium.log
    fi
}

# facts DOM: one line of facts about the dumped DOM, from Python's parser:
#   ready=1|0 error=TEXT rows=N visible=N marks=N off=N sections-hidden=N
#   sort=KEY scores=S,S,... dets-ok=1|0 (every visible row has DET, from $2)
facts() {
    python3 - "$1" "${2:-}" <<'EOF'
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ready = "0"; self.error = ""; self.sort = ""
        self.rows = []; self.marks = 0; self.off = 0; self.hidden_sections = 0
        self.cell = None; self.cells = []; self.row = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html" and "data-error" in a:
            self.error = a["data-error"] or "(empty)"
        if tag == "body":
            self.ready = a.get("data-ready", "0")
            self.sort = a.get("data-sort", "")
        if tag == "tr" and "data-u" in a:
            self.row = {"hidden": "hidden" in a, "dets": (a.get("data-dets") or "").split(),
                        "cls": a.get("class", ""), "v": []}
            self.rows.append(self.row)
        if tag == "td" and self.row is not None:
            self.row["v"].append(a.get("data-v"))
        if tag == "mark" and "f" in (a.get("class") or "").split():
            self.marks += 1
            if "off" in a["class"].split():
                self.off += 1
        if tag == "section" and "hidden" in a:
            self.hidden_sections += 1
    def handle_endtag(self, tag):
        if tag == "tr":
            self.row = None
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
det = sys.argv[2]
vis = [r for r in p.rows if not r["hidden"]]
print("ready=%s error=%s rows=%d visible=%d marks=%d off=%d sections-hidden=%d sort=%s scores=%s flags=%s dets-ok=%d rejected-ok=%d" % (
    p.ready, p.error.replace(" ", "_") or "-", len(p.rows), len(vis), p.marks, p.off, p.hidden_sections,
    p.sort or "-", ",".join(r["v"][2] for r in vis), ",".join(r["v"][4] for r in vis),
    int(all(det in r["dets"] for r in vis)) if det else 1,
    int(all(r["cls"] == "rejected" for r in vis))))
EOF
}

# fact NAME LINE: the value of NAME in a facts line
fact() {
    printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# sorted ORDER LIST: passes when the comma-separated numbers are in order
sorted() {
    python3 -c 'import sys; v=[float(x) for x in sys.argv[2].split(",") if x]; w=sorted(v, reverse=sys.argv[1]=="desc"); sys.exit(0 if v==w else 1)' "$@"
}

"$N" "$top_srcdir"/samples/feed/*.txt | "$SEG" | "$D" >flagged.jsonl
"$SC" --by=doc --report=r.html flagged.jsonl >/dev/null
nunits=8
nmarks=$(grep -E -o '<mark class="f ' r.html | wc -l | tr -d ' ')
nglued=$(grep -E -o '<tr class="[a-z]*" data-u="[0-9]*" data-dets="[^"]*\bglued_words\b' r.html | wc -l | tr -d ' ')
check "the page has marks ($nmarks) and glued words in some documents ($nglued)" \
    test "$nmarks" -gt 0 -a "$nglued" -gt 0 -a "$nglued" -lt "$nunits"

# as loaded
dom r.html
f=$(facts dom.html)
echo "facts: $f"
check_eq "the script ran to the end (body data-ready)" 1 "$(fact ready "$f")"
check_eq "no script error" - "$(fact error "$f")"
check_eq "the table has a row per document" "$nunits" "$(fact rows "$f")"
check_eq "all rows are shown" "$nunits" "$(fact visible "$f")"
check_eq "the highlighted spans are in the page" "$nmarks" "$(fact marks "$f")"
check_eq "none is dimmed" 0 "$(fact off "$f")"
check_no_grep "the text is not turned into elements" '<b>&amp;' dom.html

# sort by score (lowest first), then by flags (most first)
dom r.html sort=score
f=$(facts dom.html)
check_eq "#sort=score: sorted by score" score "$(fact sort "$f")"
check "#sort=score: the scores go up ($(fact scores "$f"))" sorted asc "$(fact scores "$f")"
check_eq "#sort=score: still a row per document" "$nunits" "$(fact rows "$f")"
first=$(grep -E -o '<section class="unit [a-z]*" id="u[0-9]*"' dom.html | head -n 1 | sed 's/.*id="u//; s/"//')
firstrow=$(grep -E -o '<tr class="[a-z]*" data-u="[0-9]*"' dom.html | head -n 1 | sed 's/.*data-u="//; s/"//')
check_eq "#sort=score: the documents follow the table's order" "$firstrow" "$first"
dom r.html sort=-flags
f=$(facts dom.html)
check "#sort=-flags: the flag counts go down ($(fact flags "$f"))" sorted desc "$(fact flags "$f")"

# filter by detector
dom r.html det=glued_words
f=$(facts dom.html glued_words)
check_eq "#det=glued_words: only the documents with glued words are shown" "$nglued" "$(fact visible "$f")"
check_eq "#det=glued_words: each shown row has the detector" 1 "$(fact dets-ok "$f")"
check_eq "#det=glued_words: the other documents are hidden" $((nunits - nglued)) "$(fact sections-hidden "$f")"
check "#det=glued_words: the other highlights are dimmed ($(fact off "$f") of $(fact marks "$f"))" \
    test "$(fact off "$f")" -gt 0 -a "$(fact off "$f")" -lt "$(fact marks "$f")"
check_eq "#det=glued_words: no script error" - "$(fact error "$f")"
dom r.html det=no_such_detector
f=$(facts dom.html)
check_eq "#det=no_such_detector: nothing is shown" 0 "$(fact visible "$f")"
dom r.html 'sort=-score&show=rejected'
f=$(facts dom.html)
check_eq "#show=rejected: the two rejected documents" 2 "$(fact visible "$f")"
check_eq "#show=rejected: only rejected rows" 1 "$(fact rejected-ok "$f")"

# text that looks like markup, and a page with no unit
printf '{"id":"x</script><script>document.body.dataset.owned=1</script>","text":"</script><script>document.body.dataset.owned=1</script><b>&\\"\047 \\u0001","ug":{"flags":[{"id":"glued_words","start":0,"end":9}]}}\n' >odd.jsonl
"$SC" --report=odd.html odd.jsonl >/dev/null 2>&1
dom odd.html
f=$(facts dom.html)
check_eq "markup in the text: the script still ran" 1 "$(fact ready "$f")"
check_eq "markup in the text: no script error" - "$(fact error "$f")"
check_no_grep "markup in the text: none of it ran" 'data-owned' dom.html
check_eq "markup in the text: one row, one mark" "rows=1 marks=1" "rows=$(fact rows "$f") marks=$(fact marks "$f")"
"$SC" --report=empty.html /dev/null >/dev/null 2>&1
dom empty.html sort=score
f=$(facts dom.html)
check_eq "an empty page: the script ran, without error" "ready=1 error=-" "ready=$(fact ready "$f") error=$(fact error "$f")"

# the error check itself: a page whose script throws is caught
sed 's|</body>|<script>null.boom();</script></body>|' r.html >broken.html
dom broken.html
f=$(facts dom.html)
check "a script error on the page is seen by this test ($(fact error "$f"))" test "$(fact error "$f")" != -
finish
