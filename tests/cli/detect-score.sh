#!/bin/bash
# detect-score.sh: detect-mt-artifacts and score end to end on the sample feed
# and small inputs: record format, document grouping, diagnostics, filtering,
# gates, summaries and error paths.
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8
N=$top_builddir/normalize
SEG=$top_builddir/segment
D=$top_builddir/detect-mt-artifacts
SC=$top_builddir/score
S=$top_srcdir/samples/feed
require "python3 is installed" python3 || finish
for t in "$N" "$SEG" "$D" "$SC"; do
    [ -x "$t" ] || { fail "$t is built"; finish; }
done
cd "$tmp" || exit 1

# --list: one line per detector, id<TAB>family<TAB>summary
check_ok "--list exits 0" "$D" --list
check_eq "--list names 26 detectors" 26 "$(wc -l <"$out" | tr -d ' ')"
check_grep "--list has glued_words as an mt detector" '^glued_words	mt	' "$out"
check_grep "--list has boilerplate as residue" '^boilerplate	residue	' "$out"

# the machine-translated sample: flags with spans inside the text
"$N" "$S/06-mt-roundtrip.txt" >mt.jsonl
"$N" "$S/01-clean-utf8.txt" >clean.jsonl
check_ok "detect on a document record" "$D" mt.jsonl
cp "$out" mt-flagged.jsonl
python3 - mt-flagged.jsonl >check.txt <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).readline())
t = r["text"].encode()
ids = set()
for f in r["ug"]["flags"]:
    assert 0 <= f["start"] <= f["end"] <= len(t), f
    assert f["evidence"], f
    ids.add(f["id"])
print("ids", " ".join(sorted(ids)))
print("doc", " ".join(sorted(f["id"] for f in r["ug"]["doc_flags"])))
PY
check_grep "flags lie inside the text, with evidence" '^ids ' check.txt
check_grep "the glued words of the sample are found" 'glued_words' check.txt
check_grep "the stray period of the sample is found" 'stray_period' check.txt
check_ok "detect on the clean sample" "$D" clean.jsonl
python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); mt=[f["id"] for f in r["ug"]["flags"] if f["id"] in ("glued_words","stray_period","possessive_loss","pronoun_mismatch","unquoted_speech")]; print("mt-in-body", [f for f in r["ug"]["flags"] if f["id"] in ("glued_words",) and f.get("kind")=="body"])' "$out" >clean.txt
check_grep "no glued word in the clean sample's running text" '^mt-in-body \[\]$' clean.txt

# fields pass through; sentence records keep their order and count
"$N" "$S/06-mt-roundtrip.txt" | "$SEG" >sents.jsonl
check_ok "detect on sentence records" "$D" sents.jsonl
check_eq "one record out per record in" "$(wc -l <sents.jsonl)" "$(wc -l <"$out")"
python3 - sents.jsonl "$out" >pass.txt <<'PY'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
ok = all(x["text"] == y["text"] and x["ug"]["start"] == y["ug"]["start"] for x, y in zip(a, b))
ok = ok and all("flags" in y["ug"] and "doc_flags" in y["ug"] for y in b)
print("pass" if ok else "differ")
PY
check_grep "texts and segment's fields pass through, flags added" '^pass$' pass.txt

# --enable / --disable
check_ok "--enable=glued_words" "$D" --enable=glued_words mt.jsonl
check_no_grep "--enable runs only the chosen detector" '"id":"(stray_period|boilerplate)"' "$out"
check_ok "--disable=glued_words" "$D" --disable=glued_words mt.jsonl
check_no_grep "--disable leaves it out" '"id":"glued_words"' "$out"
check_rc "--enable with an unknown id is a usage error" 2 "$D" --enable=nope mt.jsonl
check_grep "the message names the id" "unknown detector 'nope'" "$err"

# diagnostics point into the original file
printf 'Title line\r\n\r\nThe talks includedUS controlson trade, officials said.\r\n' >crlf.txt
"$N" crlf.txt >crlf.jsonl
check_ok "--format=diag" "$D" --format=diag crlf.jsonl
check_grep "diag: FILE:LINE:COL: ID: evidence into the raw file" '^crlf\.txt:3:22: glued_words: "controlson"' "$out"

check_ok "--color=always" "$D" --format=diag --color=always crlf.jsonl
check_grep "colored: bold location, magenta id" "$(printf '^\033\\[1mcrlf\\.txt:3:22:\033\\[0m \033\\[1;35mglued_words:')" "$out"
check_ok "--color=auto to a file" "$D" --format=diag --color=auto crlf.jsonl
check_no_grep "no color when standard output is not a terminal" "$(printf '\033')" "$out"
check_rc "--color=sometimes is a usage error" 2 "$D" --color=sometimes crlf.jsonl

# bad input: reported with file and line, the rest processed, --rejects
printf '{"id":"a","text":"ok"}\n{"id":"b","text":\n{"id":"c","text":"fine"}\n' >bad.jsonl
check_rc "an invalid record gives status 1" 1 "$D" --rejects=rej.jsonl bad.jsonl
check_grep "reported as FILE:LINE" '^detect-mt-artifacts: bad\.jsonl:2: invalid JSON' "$err"
check_eq "the other records still come out" 2 "$(wc -l <"$out" | tr -d ' ')"
check_eq "the bad line is in --rejects" '{"id":"b","text":' "$(cat rej.jsonl)"

# ---- score ----
"$D" mt.jsonl >f-mt.jsonl
"$D" clean.jsonl >f-clean.jsonl
check_ok "score a flagged record" "$SC" f-mt.jsonl
python3 -c 'import json,sys; u=json.loads(open(sys.argv[1]).readline())["ug"]; assert 0<=u["score"]<=1; print("score", u["score"], "reasons", len(u["reasons"]))' "$out" >s.txt
check_grep "ug.score in [0,1] with reasons" '^score 0\.[0-9]+ reasons [1-3]$' s.txt
mt_score=$("$SC" --format=tsv f-mt.jsonl | cut -f2)
clean_score=$("$SC" --format=tsv f-clean.jsonl | cut -f2)
check "the round trip scores below the clean article ($mt_score < $clean_score)" \
    python3 -c "import sys; sys.exit(0 if $mt_score < $clean_score else 1)"
check "the round trip scores below the default threshold" python3 -c "import sys; sys.exit(0 if $mt_score < 0.5 else 1)"
check "the clean article scores above it" python3 -c "import sys; sys.exit(0 if $clean_score >= 0.5 else 1)"

cat f-clean.jsonl f-mt.jsonl >both.jsonl
check_ok "--min keeps the clean one" "$SC" --min=0.5 --rejects=low.jsonl both.jsonl
check_eq "one record kept" 1 "$(wc -l <"$out" | tr -d ' ')"
check_eq "the other is in --rejects, not lost" 1 "$(wc -l <low.jsonl | tr -d ' ')"
check_rc "nothing kept: status 1, like grep" 1 "$SC" --min=0.99 f-mt.jsonl
check_rc "--check fails on a document below the minimum" 1 "$SC" --check both.jsonl
check_empty "--check writes nothing" "$out"
check_ok "--check passes when all are above" "$SC" --check f-clean.jsonl
check_ok "--summary-only" "$SC" --summary-only both.jsonl
check_grep "summary counts" '^units: 2  kept: 2' "$out"
check_grep "summary histogram" '^  0\.0-0\.1 ' "$out"
check_ok "--format=tsv" "$SC" --format=tsv both.jsonl
check_eq "tsv: 4 columns, one line per record" "4 4" "$(awk -F '\t' '{printf "%s%d", (NR > 1 ? " " : ""), NF}' "$out")"

check_ok "--format=diag" "$SC" --format=diag both.jsonl
check_grep "diag: ID:1:1: score: S (reasons)" '06-mt-roundtrip\.txt:1:1: score: 0\.[0-9]+ \(glued_words:' "$out"

# --by=doc folds sentence records into one document record
"$D" sents.jsonl >f-sents.jsonl
check_ok "--by=doc" "$SC" --by=doc f-sents.jsonl
check_eq "one document record" 1 "$(wc -l <"$out" | tr -d ' ')"
python3 - mt.jsonl "$out" >fold.txt <<'PY'
import json, sys
doc = json.loads(open(sys.argv[1]).readline())["text"]
r = json.loads(open(sys.argv[2]).readline())
t = r["text"]
# the folded text has the document's words in order
print("words" if t.split() == doc.split() else "differ")
ok = all(t.encode()[f["start"]:f["end"]] for f in r["ug"]["flags"])
print("spans" if ok and r["ug"]["flags"] else "nospans")
PY
check_grep "the folded text has the document's words" '^words$' fold.txt
# a document whose paragraphs are set apart by blank lines comes back byte
# for byte, with its final line end (ug.norm.bytes_out)
"$SEG" clean.jsonl | "$D" >f-clean-sents.jsonl
check_ok "--by=doc on the clean sample's sentences" "$SC" --by=doc f-clean-sents.jsonl
python3 -c 'import json,sys; a=json.loads(open(sys.argv[1]).readline())["text"]; b=json.loads(open(sys.argv[2]).readline())["text"]; print("same" if a == b else "differ: %r" % b[:200])' clean.jsonl "$out" >same.txt
check_grep "the folded text is the document byte for byte" '^same$' same.txt
check_grep "flags moved to document offsets" '^spans$' fold.txt

# --progress: a line on a terminal, nothing otherwise
check_ok "--progress without a terminal" "$D" --progress mt.jsonl
check_no_grep "writes nothing to a non-terminal standard error" 'records' "$err"
if command -v script >/dev/null 2>&1; then
    script -qc "'$D' --progress mt.jsonl >/dev/null" /dev/null >tty.txt 2>&1
    check_grep "on a terminal it shows bytes, records and rate" 'detect-mt-artifacts: [0-9.]+ MB, 1 records, [0-9.]+ MB/s' tty.txt
else
    fail "script (util-linux) is installed"
fi

# --jobs: threads share whole documents; the output is byte for byte that of
# one thread, in input order, across batch boundaries (200 documents of
# varied size, document records and sentence records, JSON and diagnostics)
python3 - "$top_srcdir/samples/feed.jsonl" >many.jsonl <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
for k in range(200):
    d = dict(docs[k % len(docs)])
    d["id"] = "doc-%d" % k
    d["text"] = d["text"] * (1 + k % 3)
    print(json.dumps(d, ensure_ascii=False))
PY
"$N" many.jsonl >many-norm.jsonl
"$SEG" many-norm.jsonl >many-sent.jsonl
"$D" --jobs=1 many-norm.jsonl >j1.out
check_ok "no --jobs (threads: one per CPU)" "$D" many-norm.jsonl
check_same "no --jobs writes what one thread writes" j1.out "$out"
check_ok "--jobs=2 on document records" "$D" --jobs=2 many-norm.jsonl
check_same "--jobs=2 writes what one thread writes" j1.out "$out"
check_ok "-j 0 (one thread per CPU)" "$D" -j 0 many-norm.jsonl
check_same "-j 0 writes what one thread writes" j1.out "$out"
check_ok "-j 7 (more threads than CPUs)" "$D" -j 7 many-norm.jsonl
check_same "-j 7 writes what one thread writes" j1.out "$out"
check_eq "every record comes out once" "$(wc -l <many-norm.jsonl)" "$(wc -l <j1.out)"
"$D" --jobs=1 many-sent.jsonl >j1s.out
"$D" -j3 many-sent.jsonl >j3s.out
check_same "-j3 on sentence records writes what one thread writes" j1s.out j3s.out
"$D" --format=diag --jobs=1 many-norm.jsonl >j1d.out
"$D" --format=diag -j2 many-norm.jsonl >j2d.out
check_same "-j2 diagnostics are those of one thread, in order" j1d.out j2d.out
check "the diagnostics are not empty" test -s j1d.out
# bad records among them: the same output, rejects and messages, nothing lost
{ head -n 70 many-norm.jsonl; echo '{"id":"bad","text":'; sed -n '71,150p' many-norm.jsonl
  printf '\377\376\n'; echo '{"id":"x"}'; sed -n '151,$p' many-norm.jsonl; } >mixed.jsonl
"$D" --jobs=1 --rejects=rej1.jsonl mixed.jsonl >mix1.out 2>mix1.err
check_rc "--jobs=2 with bad records exits 1 like one thread" 1 "$D" --jobs=2 --rejects=rej2.jsonl mixed.jsonl
check_same "--jobs=2 with bad records writes what one thread writes" mix1.out "$out"
check_same "--jobs=2 rejects what one thread rejects" rej1.jsonl rej2.jsonl
check_same "--jobs=2 reports what one thread reports" mix1.err "$err"
check_eq "records in = records out + rejected" "$(wc -l <mixed.jsonl | tr -d ' ')" \
    "$(($(wc -l <"$out") + $(wc -l <rej2.jsonl)))"
check_rc "--jobs=-1 is a usage error" 2 "$D" --jobs=-1 many-norm.jsonl
check_grep "the message names --jobs" 'invalid --jobs' "$err"
check_rc "--jobs=x is a usage error" 2 "$D" --jobs=x many-norm.jsonl
check_rc "--jobs=65 is a usage error" 2 "$D" --jobs=65 many-norm.jsonl

# weights file errors
printf 'bias\t1\nglued_words\t-1\n' >neg.tsv
check_rc "a negative weight is refused" 2 "$SC" --weights=neg.tsv f-mt.jsonl
check_grep "reported with its line" 'neg\.tsv:2:' "$err"
check_rc "--min out of range is a usage error" 2 "$SC" --min=2 f-mt.jsonl

# records that have not been through detect-mt-artifacts: scored, with one
# warning per input file, the exit status unchanged
check_ok "score records without ug.flags" "$SC" --by=doc mt.jsonl clean.jsonl
check_eq "one record out per document" 2 "$(wc -l <"$out" | tr -d ' ')"
check_eq "one warning per file" 2 "$(grep -c 'warning: no ug.flags' "$err")"
check_grep "the warning names the file and line" '^score: mt\.jsonl:1: warning: no ug\.flags: run detect-mt-artifacts first' "$err"
check_ok "score flagged records" "$SC" f-mt.jsonl
check_empty "no warning for flagged records" "$err"

# a flag's id is a JSON string: written with escapes it names the same
# detector (the first letter of every flag's id escaped); an unknown id
# (with an escaped slash) counts for nothing
python3 - f-mt.jsonl f-esc.jsonl f-unk.jsonl <<'PY'
import re, sys
src = open(sys.argv[1]).read()
flag = re.compile(r'([\[,])\{"id":"([a-z])([a-z_]*)"')
open(sys.argv[2], "w").write(flag.sub(lambda m: '%s{"id":"\\u%04x%s"' % (m.group(1), ord(m.group(2)), m.group(3)), src))
open(sys.argv[3], "w").write(flag.sub(lambda m: '%s{"id":"no\\/such"' % m.group(1), src))
PY
check_grep "the escaped ids are in the test input" '\{"id":"\\u006' f-esc.jsonl
"$SC" --format=tsv f-mt.jsonl >esc.want
"$SC" --format=tsv f-esc.jsonl >esc.got
check_same "escaped flag ids score as the plain ones" esc.want esc.got
check_grep "the unknown ids are in the test input" '\{"id":"no\\/such"' f-unk.jsonl
"$SC" --format=tsv f-unk.jsonl | cut -f2 >unk.got
check "unknown ids count for nothing: the score rises ($(cat unk.got) > $mt_score)" \
    python3 -c "import sys; sys.exit(0 if float(open('unk.got').read()) > $mt_score else 1)"

# the words column counts runs of anything but space, tab, newline and
# carriage return, wherever they fall against the 16-byte chunks score
# reads at a time: 300 texts of random words and white space, counted here
python3 - >wc.jsonl 2>wc.want <<'PY'
import json, random, re, sys
rng = random.Random(7)
for k in range(300):
    parts = []
    for _ in range(rng.randrange(0, 120)):
        parts.append(rng.choice([" ", "  ", "\t", "\n", "\r\n", " \t ", ""]) if rng.random() < 0.5 else
                     "".join(rng.choice("ab\u00e9x.,-") for _ in range(rng.randrange(1, 20))))
    t = "".join(parts)
    print(json.dumps({"id": "w%d" % k, "text": t}))
    sys.stderr.write("%d\n" % len(re.findall(r"[^ \t\n\r]+", t)))
PY
"$SC" --format=features wc.jsonl 2>/dev/null | tail -n +2 | cut -f4 >wc.got
check_same "the words column counts what a white-space split counts" wc.want wc.got
check "and some texts have many words" [ "$(sort -n wc.want | tail -n 1)" -gt 20 ]

finish
