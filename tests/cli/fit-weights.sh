#!/bin/sh
# fit-weights.sh: tools/fit-weights turns score --format=features rows into
# a model that score reads: non-negative weights, Platt scaling, and an
# isotonic map whose knots increase and which calibrates the rows it was
# fitted on better than Platt scaling alone; a row with the wrong number
# of columns is an error with its line.
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8
FW=$top_builddir/tools/fit-weights
SC=$top_builddir/score
require "python3 is installed" python3 || finish
for t in "$FW" "$SC"; do
    [ -x "$t" ] || { fail "$t is built"; finish; }
done
cd "$tmp" || exit 1

# 600 rows: clean ones mostly without findings, garbled ones with glued
# words or stray periods, and a weak of_chain on both (more often on the
# garbled ones), so the logistic score is not calibrated by Platt alone
python3 - <<'PY'
import random
r = random.Random(7)
with open("features.tsv", "w") as f:
    f.write("id\tlabel\tsplit\twords\tglued_words\tstray_period\tof_chain\n")
    for i in range(600):
        clean = i % 3 == 0
        g = s = o = 0.0
        if clean:
            o = 1.1 if r.random() < 0.3 else 0.0
            g = 0.7 if r.random() < 0.02 else 0.0
        else:
            k = r.random()
            if k < 0.4:
                g = r.choice([0.7, 1.1, 1.6])
            elif k < 0.7:
                s = r.choice([0.7, 1.1])
            o = r.choice([0.0, 1.1, 1.4, 1.8]) if r.random() < 0.6 else 0.0
        f.write('"d%d"\t"%s"\t"fit"\t500\t%.6f\t%.6f\t%.6f\n' % (i, "clean" if clean else "mt", g, s, o))
PY
check_ok "fit-weights fits the rows" "$FW" features.tsv
cp "$out" weights.tsv
check_grep "the model has a bias" '^bias	' weights.tsv
check_grep "and Platt scaling" '^platt_a	' weights.tsv
check_grep "and isotonic knots" '^iso	' weights.tsv
check_eq "every weight is non-negative" "" \
    "$(awk -F'\t' '!/^#/ && $1 !~ /^(iso|bias|platt_b)$/ && $2 < 0' weights.tsv)"
check_eq "knots increase, scores never decrease, all in [0,1]" "ok" "$(awk -F'\t' '
    $1 == "iso" { if ($2 <= px || $3 < py || $2 < 0 || $2 > 1 || $3 < 0 || $3 > 1) bad = 1
                  px = $2; py = $3; n++ }
    BEGIN { px = -1; py = -1 }
    END { print (bad || n < 2) ? "bad" : "ok" }' weights.tsv)"

# score reads the model back
printf '{"id":"a","text":"The plan is fine."}\n' >rec.jsonl
check_rc "score reads the fitted model" 0 "$SC" --weights=weights.tsv rec.jsonl
check_grep "and scores with it" '"score":' "$out"

# the map calibrates its own rows (10 bins, classes weighted equally, as
# scripts/eval-score measures): better than Platt scaling alone
check_eq "calibrated on the rows it was fitted on" "ok" "$(python3 - <<'PY'
import math
w = {}; iso = []
for line in open("weights.tsv"):
    if line.startswith("#"): continue
    f = line.rstrip("\n").split("\t")
    if f[0] == "iso": iso.append((float(f[1]), float(f[2])))
    else: w[f[0]] = float(f[1])
def score(x, platt_only=False):
    z = w["bias"] - sum(w.get(k, 0) * v for k, v in x.items())
    p = 1 / (1 + math.exp(-(w["platt_a"] * z + w["platt_b"])))
    if platt_only: return p
    if p <= iso[0][0]: return iso[0][1] * p / iso[0][0]
    if p >= iso[-1][0]: return iso[-1][1] + (1 - iso[-1][1]) * (p - iso[-1][0]) / (1 - iso[-1][0])
    for (x0, y0), (x1, y1) in zip(iso, iso[1:]):
        if x0 <= p <= x1: return y0 + (y1 - y0) * (p - x0) / (x1 - x0)
rows = []
head = None
for line in open("features.tsv"):
    f = line.rstrip("\n").split("\t")
    if head is None: head = f; continue
    x = {head[i]: float(f[i]) for i in range(4, len(f))}
    rows.append((f[1] == '"clean"', score(x), score(x, True)))
nc = sum(1 for r in rows if r[0]); ng = len(rows) - nc
def ece(k):
    bins = {}
    for r in rows:
        c, s = r[0], r[k]
        b = bins.setdefault(min(9, int(s * 10)), [0.0, 0.0])
        wt = 0.5 / nc if c else 0.5 / ng
        b[0] += wt * s; b[1] += wt * c
    return sum(abs(b[0] - b[1]) for b in bins.values())
clean_mean = sum(r[1] for r in rows if r[0]) / nc
garbled_mean = sum(r[1] for r in rows if not r[0]) / ng
good = ece(1) < 0.05 and ece(1) < ece(2) and clean_mean > garbled_mean + 0.3
print("ok" if good else "ece %.3f (Platt alone %.3f) clean %.3f garbled %.3f" % (ece(1), ece(2), clean_mean, garbled_mean))
PY
)"

# a short row: an error naming the file and line
sed '5s/\t[^\t]*$//' features.tsv >short.tsv
check_rc "a row with a column missing is an error" 1 "$FW" short.tsv
check_grep "naming the file and line" 'short\.tsv:5: ' "$err"
check_rc "a missing file is an error" 2 "$FW" nothere.tsv
finish
