#!/bin/bash
# bad-input.sh: a battery of bad input run through every tool: normalize on
# plain files and with --jsonl, segment, detect-mt-artifacts and score on
# JSON Lines. Empty input, no final newline, CRLF, NUL bytes, invalid and
# overlong UTF-8, lone surrogate escapes, UTF-16 with and without a byte
# order mark, over-long lines (and one real 200 MB line, with bounded
# memory), truncated JSON, deep nesting, duplicate keys, numbers that do not
# fit a double and random bytes.
#
# For every record tool and every case: the exit status (0 all good, 1 some
# input rejected; score also 1 when nothing was kept), every message of the
# form "PROG: FILE:LINE: message" naming exactly the bad lines, records in =
# records out + records rejected, the --rejects file holding the bad lines
# byte for byte, and standard output valid JSON Lines.
# All inputs are made here, in $tmp.
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8
N=$top_builddir/normalize
S=$top_builddir/segment
D=$top_builddir/detect-mt-artifacts
SC=$top_builddir/score

require "python3 is installed" python3 || finish
# GNU time (Debian package "time") measures the peak memory of the 200 MB case
if require "GNU time is installed as /usr/bin/time" /usr/bin/time &&
    ! /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
    fail "/usr/bin/time is GNU time (-f %M, -o FILE)"
fi
for b in "$N" "$S" "$D" "$SC"; do
    if [ ! -x "$b" ]; then
        fail "$(basename "$b") is built in $top_builddir"
        finish
    fi
done
cd "$tmp" || exit 1

# ---------------------------------------------------------------------------
# The inputs. For each record case NAME.jsonl, NAME.expect lists the lines
# that must be rejected: LINE<TAB>REGEX, where REGEX (Python) must match the
# whole message after "PROG: FILE:LINE: ". Good records are one sentence
# each, so that segment too writes one record per good input record.
cat >gen.py <<'EOF'
import random, re

def w(name, data):
    with open(name, "wb") as f:
        f.write(data)

def exact(msg):
    return re.escape(msg)

def at(line, sub):
    """1-based byte offset of sub in line."""
    return line.index(sub) + 1

def case(name, lines, final_newline=True):
    """lines: list of (bytes, None) for good records, or (bytes, regex)."""
    data = b"\n".join(l for l, _ in lines)
    if final_newline and lines:
        data += b"\n"
    w(name + ".jsonl", data)
    with open(name + ".expect", "w") as f:
        for i, (_, rx) in enumerate(lines, 1):
            if rx is not None:
                f.write("%d\t%s\n" % (i, rx))

def inv(n, msg):
    return exact("invalid JSON at byte %d: %s" % (n, msg))

G1 = b'{"id":"g1","text":"Good one."}'
G2 = b'{"id":"g2","text":"Good two."}'

case("empty", [])

case("nonl-good", [(G1, None), (G2, None)], final_newline=False)
l = b'{"id":"b","text":"cut'
case("nonl-bad", [(G1, None), (l, inv(len(l) + 1, "unterminated string"))],
     final_newline=False)

# CRLF line ends: the CR before the LF is white space after the object
l2 = b'{"id":"b","text":"x"\r'
l5 = b'{"id":"c","text":"cr\rinside"}\r'
case("crlf", [(G1 + b"\r", None),
              (l2, inv(len(l2) + 1, "unexpected end of input in object")),
              (G2 + b"\r", None),
              (b"\r", inv(2, "empty line")),
              (l5, inv(at(l5, b"\r"), "unescaped control character in string"))])

l2 = b'{"id":"b","text":"nul\x00here"}'
l3 = b'{"id":"c","te\x00xt":"x"}'
l5 = b'{"id":"d",\x00"text":"x"}'
l6 = b'{"id":"e","text":"x"}\x00'
case("nul", [(G1, None),
             (l2, inv(at(l2, b"\x00"), "NUL byte in string")),
             (l3, inv(at(l3, b"\x00"), "NUL byte in string")),
             (b"\x00\x00\x00", inv(1, "record must be a JSON object")),
             (l5, inv(at(l5, b"\x00"), "object key must be a string")),
             (l6, inv(at(l6, b"\x00"), "trailing data after object")),
             (b'{"id":"f","text":"Escaped \\u0000 NUL is text."}', None),
             (G2, None)])

# invalid UTF-8 anywhere in a record: in the text, in another field, in a key
bad = [b"\xff", b"\xc0\xaf", b"\xc1\xbf", b"\xe0\x80\xaf", b"\xe0\x9f\xbf",
       b"\xf0\x80\x80\xaf", b"\xf0\x8f\xbf\xbf", b"\xed\xa0\x80", b"\xed\xbf\xbf",
       b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\x80", b"\xbf",
       b"\xe2\x82", b"\xf0\x9f\x98", b"\xc3"]
ls = [(b'{"id":"ok","text":"Caf\xc3\xa9 \xf0\x9d\x84\x9e \xef\xbf\xbf fine."}', None)]
for k, b in enumerate(bad):
    for form in (b'{"id":"t%d","text":"bad <> here"}', b'{"id":"f%d","text":"ok.","x":"<>"}',
                 b'{"id":"k%d","text":"ok.","<>":1}'):
        l = form.replace(b"%d", str(k).encode()).replace(b"<>", b)
        ls.append((l, inv(at(l, b), "invalid UTF-8 in string")))
l = b'{"id":"o","text":"ok."}\xff'
ls.append((l, inv(at(l, b"\xff"), "trailing data after object")))
ls.append((G2, None))
case("utf8", ls)

# lone surrogate escapes (the position reported may be that of the escape
# or just after it)
surr = [b"\\ud800", b"\\udbff", b"\\udc00", b"\\udfff", b"\\ud800\\u0041",
        b"\\udc00\\ud800", b"\\ud800\\n", b"\\uD800\\uD800"]
ls = [(b'{"id":"pair","text":"A pair \\ud83d\\ude00 is fine."}', None)]
for k, s in enumerate(surr):
    for form in (b'{"id":"t%d","text":"lone <> here"}', b'{"id":"e%d","text":"at the end <>"}',
                 b'{"id":"f%d","text":"ok.","x":"<>"}', b'{"id":"k%d","text":"ok.","<>":1}'):
        l = form.replace(b"%d", str(k).encode()).replace(b"<>", s)
        ls.append((l, r"invalid JSON at byte [0-9]+: lone (high|low) surrogate escape"))
ls.append((G2, None))
case("surrogate", ls)

# UTF-16 JSON Lines: not UTF-8, so not JSON; every line is rejected
recs = '{"id":"a","text":"Caf\u00e9 d\u00e9j\u00e0 vu."}\n{"id":"b","text":"Two."}\n'
for name, enc, bom in (("u16le-bom", "utf-16-le", b"\xff\xfe"), ("u16be-bom", "utf-16-be", b"\xfe\xff"),
                       ("u16le", "utf-16-le", b""), ("u16be", "utf-16-be", b"")):
    data = bom + recs.encode(enc)
    w(name + ".jsonl", data)
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    with open(name + ".expect", "w") as f:
        for i, l in enumerate(lines, 1):
            if i == 1 and bom:
                rx = inv(1, "record must be a JSON object")
            elif i == 1 and enc == "utf-16-le":
                rx = inv(2, "object key must be a string")
            else:
                rx = r"invalid JSON at byte [0-9]+: .+"
            f.write("%d\t%s\n" % (i, rx))

# over-long lines for --max-line-bytes=1K: 1024 bytes pass, 1025 do not;
# a CR counts; the last one has no final newline
def rec(n, id):
    head = b'{"id":"' + id + b'","text":"'
    tail = b'"}'
    words = (b"Word " * n)[: n - len(head) - len(tail) - 1] + b"."
    return head + words + tail
big = rec(100 * 1024, b"big")
toolong = exact("line too long (more than 1024 bytes; see --max-line-bytes)")
case("long", [(rec(1024, b"a"), None), (big, toolong), (rec(1025, b"b"), toolong),
              (rec(1023, b"c") + b"\r", None), (rec(1024, b"d") + b"\r", toolong),
              (G2, None), (big, toolong)], final_newline=False)

l2 = b'{"id":"b","text":"cut he'
l3 = b'{"id":"c","text":"x"'
l4 = b'{"id":"d",'
l5 = b'{"id":"e","text":"x","n":[1,2'
l6 = b'{"id":"f","text":"x","n":tr}'
l8 = b'{"id":"g","text":"x\\'
l9 = b'{"id":"h","text":"x\\u12'
l11 = b'{"id":"i","text":"cut at the end of the file'
case("truncated", [(G1, None),
                   (l2, inv(len(l2) + 1, "unterminated string")),
                   (l3, inv(len(l3) + 1, "unexpected end of input in object")),
                   (l4, inv(len(l4) + 1, "unexpected end of input in object")),
                   (l5, inv(len(l5) + 1, "unexpected end of input in array")),
                   (l6, inv(at(l6, b"tr"), "invalid literal")),
                   (b"{", inv(2, "unexpected end of input in object")),
                   (l8, inv(len(l8) + 1, "unterminated string")),
                   (l9, r"invalid JSON at byte [0-9]+: invalid \\u escape"),
                   (G2, None),
                   (l11, inv(len(l11) + 1, "unterminated string"))], final_newline=False)

# nesting 100000 deep: refused, not a stack overflow; 100 deep passes
d = 100000
deep = r"invalid JSON at byte [0-9]+: nesting too deep"
case("deep", [(G1, None),
              (b'{"id":"a","text":"Deep.","x":' + b"[" * d + b"]" * d + b"}", deep),
              (b'{"id":"o","text":"Deep.","x":' + b'{"k":' * d + b"1" + b"}" * d + b"}", deep),
              (b'{"id":"u","text":"Deep.","x":' + b"[" * d, deep),
              (b'{"id":"g","text":"Deep.","ug":{"k":' + b"[" * d + b"]" * d + b"}}", deep),
              (b'{"id":"h","text":"Nested a hundred deep.","x":' + b"[" * 100 + b"]" * 100 + b"}", None),
              (G2, None)])

# duplicate keys: two text fields (however spelt) or two ug members are
# refused; any other duplicate passes through
case("dup", [(b'{"id":"a","text":"One.","text":"Two."}', exact("duplicate text field")),
             (b'{"id":"b","t\\u0065xt":"One.","text":"Two."}', exact("duplicate text field")),
             (b'{"id":"c","text":"Good.","x":1,"x":2,"x":"three"}', None),
             (b'{"id":"d","text":"Good.","meta":{"k":1,"k":[1],"k":{}}}', None),
             (b'{"id":"e","text":"Good.","ug":{"k":1,"k":2}}', None),
             (b'{"id":"f","text":"Good.","ug":{},"ug":{}}', exact('duplicate "ug" field'))])

# numbers beyond a double pass through as written; malformed ones do not
ls = [(b'{"id":"n","text":"Big numbers.","a":1e999,"b":-1e999,"c":123456789012345678901234567890,'
       b'"d":1E+999,"e":-0.000000000000000000000000000000000001e-400,"f":-0,"g":0e0,'
       b'"h":0.10000000000000000000000000000000000001,"i":[1e999,-123456789012345678901234567890]}', None),
      (b'{"id":123456789012345678901234567890,"text":"A numeric id."}', None),
      (b'{"id":1e999,"text":"An infinite id."}', None)]
for v in (b"01", b"1.", b".5", b"+1", b"NaN", b"Infinity", b"-", b"1e", b"1e+", b"0x10", b"--1"):
    ls.append((b'{"id":"x","text":"Bad.","v":' + v + b"}", r"invalid JSON at byte [0-9]+: .+"))
case("numbers", ls)

# random bytes (seeded): every line is rejected
data = random.Random(20240426).randbytes(100000)
w("random.jsonl", data)
n = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
with open("random.expect", "w") as f:
    for i in range(1, n + 1):
        f.write("%d\tinvalid JSON at byte [0-9]+: .+\n" % i)
w("random.bin", data)

# ---- plain documents for normalize ----
w("empty.txt", b"")
w("nonl.txt", b"First line.\nNo final newline.")
w("crlf.txt", b"First line.\r\nSecond line.\r\n")
w("nul.txt", b"nul\x00byte\nline\x00\x00 two\n")
# mostly valid UTF-8: ten good sequences, three bad bytes, on lines 3 and 4
w("mostly.txt", "\u00e9".encode() * 10 + b"\nline two \xc3\xa9\xc3\xa9\nbad \xff here\n\xc0\xaf overlong\n")
# a UTF-8 encoded surrogate (CESU) among good text
w("cesu.txt", "\u00e9\u00e8\u00ea\u00eb ".encode() * 3 + b"\xed\xa0\x80 surrogate\n")
t = "Caf\u00e9 d\u00e9j\u00e0 vu.\n\u00dcn\u00efc\u00f6d\u00e9 line two.\n"
w("expected-u16.txt", t.encode())
w("u16le-bom.txt", b"\xff\xfe" + t.encode("utf-16-le"))
w("u16be-bom.txt", b"\xfe\xff" + t.encode("utf-16-be"))
w("u16le.txt", t.encode("utf-16-le"))
w("u16be.txt", t.encode("utf-16-be"))
# a lone surrogate on line 2 (byte 35)
w("u16surr.txt", b"\xff\xfe" + "Hello.\nline two ".encode("utf-16-le") + b"\x00\xd8" + " x\n".encode("utf-16-le"))
# the same, after characters whose code units hold a 0x0A byte (U+010A,
# U+0A0A): still line 2
for name, enc, bom, s in (("u16surr-0a-le.txt", "utf-16-le", b"\xff\xfe", b"\x00\xd8"),
                          ("u16surr-0a-be.txt", "utf-16-be", b"\xfe\xff", b"\xd8\x00")):
    w(name, bom + "\u010a\u0a0a ok\nline two ".encode(enc) + s + " x\n".encode(enc))
# odd length: half a code unit at the end of line 3 (byte 25)
w("u16odd.txt", b"\xff\xfe" + "Hello.\nodd\n".encode("utf-16-le") + b"A")
# one line of 100 KB
w("long.txt", b" ".join([b"word"] * 20480) + b".\n")
EOF
python3 gen.py || { fail "the inputs are generated"; finish; }

# chk.py PROG NAME INPUT EXPECT OUT ERR REJ: prints four lines:
#   the messages: "ok" or the first difference from EXPECT
#   the rejects:  "ok" or how REJ differs from the bad lines of INPUT
#   the output:   "ok" or the first line of OUT that is not a JSON object
#   the count:    "IN OUT REJ" (records in, lines out, lines rejected)
cat >chk.py <<'EOF'
import json, re, sys
prog, name, inp, expect, out, err, rej = sys.argv[1:8]

def lines(path):
    data = open(path, "rb").read()
    ls = data.split(b"\n")
    if ls and ls[-1] == b"":
        ls.pop()
    return ls

want = []
for l in open(expect, encoding="utf-8"):
    n, rx = l.rstrip("\n").split("\t", 1)
    want.append((int(n), rx))
# score's warning for records not flagged by detect-mt-artifacts (the
# fixtures are not) is not about a bad line
got = [g for g in lines(err) if b": warning: no ug.flags: " not in g]
prefix = re.escape(prog + ": " + name + ":")
res = "ok"
for i in range(max(len(want), len(got))):
    g = got[i].decode("utf-8", "replace") if i < len(got) else "(nothing)"
    if i >= len(want):
        res = "unexpected message: " + g
        break
    n, rx = want[i]
    if not re.fullmatch(prefix + str(n) + ": " + rx, g):
        res = "message %d: want %s: %s:%d: /%s/, got: %s" % (i + 1, prog, name, n, rx, g[:300])
        break
print(res)

inl = lines(inp)
bad = b"".join(inl[n - 1] + b"\n" for n, _ in want)
r = open(rej, "rb").read()
if r == bad:
    print("ok")
else:
    k = next((i for i in range(min(len(r), len(bad))) if r[i] != bad[i]), min(len(r), len(bad)))
    print("rejects file differs from the %d bad lines at byte %d (%d bytes, expected %d)"
          % (len(want), k + 1, len(r), len(bad)))

res = "ok"
outl = lines(out)
for i, l in enumerate(outl, 1):
    try:
        if not isinstance(json.loads(l), dict):
            raise ValueError("not an object")
    except Exception as e:
        res = "output line %d: %s" % (i, e)
        break
print(res)
print(len(inl), len(outl), len(lines(rej)))
EOF

# tool KEY: sets prog and cmd (an array) for normalize --jsonl (norm),
# segment (seg), detect-mt-artifacts (det) and score (score).
tools="norm seg det score"
tool() {
    case $1 in
    norm) prog=normalize cmd=("$N" --jsonl) ;;
    seg) prog=segment cmd=("$S") ;;
    det) prog=detect-mt-artifacts cmd=("$D") ;;
    score) prog=score cmd=("$SC") ;;
    esac
}

# battery DESC NAME [OPTION...]: runs NAME.jsonl through every record tool
# with --rejects and checks it against NAME.expect.
battery() {
    _bdesc=$1 _name=$2
    shift 2
    _nbad=$(wc -l <"$_name.expect" | tr -d ' ')
    for t in $tools; do
        tool "$t"
        "${cmd[@]}" "$@" --rejects=rej "$_name.jsonl" >"$out" 2>"$err"
        _rc=$?
        python3 chk.py "$prog" "$_name.jsonl" "$_name.jsonl" "$_name.expect" "$out" "$err" rej >res 2>&1
        { read -r _msgs; read -r _rejs; read -r _json; read -r _in _out _rej; } <res
        _good=$((${_in:-0} - _nbad))
        _want=0
        [ "$_nbad" -gt 0 ] && _want=1
        [ "$t" = score ] && [ "$_good" -eq 0 ] && _want=1   # nothing kept
        if [ "$_rc" -eq "$_want" ]; then
            ok "$prog: $_bdesc: exit status $_want"
        else
            fail "$prog: $_bdesc: exit status $_want" "command: ${cmd[*]} $* --rejects=rej $_name.jsonl" \
                "exit status $_rc"
            _show stderr "$err"
        fi
        check_eq "$prog: $_bdesc: a message '$prog: $_name.jsonl:LINE: ...' for each bad line" ok "$_msgs"
        check_eq "$prog: $_bdesc: records in = records out + records rejected" \
            "${_in:-?} = $_good + $_nbad" "${_in:-?} = ${_out:-?} + ${_rej:-?}"
        check_eq "$prog: $_bdesc: --rejects holds the bad lines byte for byte" ok "$_rejs"
        check_eq "$prog: $_bdesc: the output is JSON Lines" ok "$_json"
    done
}

# ---------------------------------------------------------------------------
# The record tools (normalize --jsonl, segment, detect-mt-artifacts, score)

battery "empty input" empty
for t in $tools; do
    tool "$t"
    want=0
    [ "$t" = score ] && want=1
    check_rc "$prog: empty standard input: status $want" "$want" "${cmd[@]}" </dev/null
    check_empty "$prog: empty standard input: no output" "$out"
    check_empty "$prog: empty standard input: no message" "$err"
done

battery "no final newline" nonl-good
for t in $tools; do
    tool "$t"
    "${cmd[@]}" nonl-good.jsonl >"$out" 2>"$err"
    check_eq "$prog: the last record without a newline is written, with one" \
        '"g2" 0a' "$(grep -o '"g2"' "$out") $(tail -c 1 "$out" | od -An -tx1 | tr -d ' ')"
done
battery "a bad last line without a newline" nonl-bad

battery "CRLF line ends" crlf
for t in $tools; do
    tool "$t"
    "${cmd[@]}" crlf.jsonl >"$out" 2>"$err"
    check_eq "$prog: CRLF: no CR in the output" 0 "$(tr -cd '\r' <"$out" | wc -c | tr -d ' ')"
done

battery "NUL bytes" nul
for t in $tools; do
    tool "$t"
    "${cmd[@]}" - <nul.jsonl >"$out" 2>"$err"
    check_grep "$prog: standard input is named - in messages" "^$prog: -:2: invalid JSON at byte 22: NUL byte in string\$" "$err"
done

battery "invalid and overlong UTF-8" utf8
battery "lone surrogate escapes" surrogate
battery "UTF-16LE JSON Lines with a byte order mark" u16le-bom
battery "UTF-16BE JSON Lines with a byte order mark" u16be-bom
battery "UTF-16LE JSON Lines without a byte order mark" u16le
battery "UTF-16BE JSON Lines without a byte order mark" u16be
battery "lines over --max-line-bytes=1K" long --max-line-bytes=1K
battery "truncated JSON" truncated
battery "nesting 100000 deep" deep
for t in $tools; do
    tool "$t"
    "${cmd[@]}" deep.jsonl >"$out" 2>"$err"
    check_grep "$prog: JSON nested 100 deep passes through byte for byte" \
        "\"x\":\\[{100}\\]{100}[,}]" "$out"
done

battery "duplicate keys" dup
for t in $tools; do
    tool "$t"
    "${cmd[@]}" dup.jsonl >"$out" 2>"$err"
    check_grep "$prog: other duplicate keys pass through" '"id":"c","text":"Good.","x":1,"x":2,"x":"three"[,}]' "$out"
    check_grep "$prog: duplicate keys in a nested object pass through" '"meta":\{"k":1,"k":\[1\],"k":\{\}\}' "$out"
    check_grep "$prog: duplicate keys inside ug are kept" '"ug":\{"k":1,"k":2[,}]' "$out"
    printf '%s\n' '{"id":"a","body":"One body.","text":"x","text":"y"}' >dup-body.jsonl
    check_rc "$prog: with --text-field=body, two text members are just fields" 0 "${cmd[@]}" --text-field=body dup-body.jsonl
    check_grep "$prog: ... and pass through" '"text":"x","text":"y"' "$out"
done

battery "numbers beyond a double" numbers
for t in $tools; do
    tool "$t"
    "${cmd[@]}" numbers.jsonl >"$out" 2>"$err"
    check_grep "$prog: numbers are copied as written" \
        '"a":1e999,"b":-1e999,"c":123456789012345678901234567890,"d":1E\+999,"e":-0\.000000000000000000000000000000000001e-400,"f":-0,"g":0e0,"h":0\.10000000000000000000000000000000000001,"i":\[1e999,-123456789012345678901234567890\][,}]' \
        "$out"
    check_grep "$prog: a numeric id too large for a double is copied as written" \
        '^\{"id":123456789012345678901234567890,' "$out"
    check_grep "$prog: an id of 1e999 is copied as written" '^\{"id":1e999,' "$out"
done

battery "100 KB of random bytes" random

# files that cannot be read: status 2, the other files still read
mkdir adir
for t in $tools; do
    tool "$t"
    check_rc "$prog: a missing file and a directory: status 2" 2 "${cmd[@]}" nosuch nul.jsonl adir
    check_grep "$prog: ... the missing file is named" "^$prog: nosuch: No such file or directory\$" "$err"
    check_grep "$prog: ... the directory is named" "^$prog: adir(:1)?: read error: Is a directory\$" "$err"
    check_grep "$prog: ... the bad line of the readable file is still reported" "^$prog: nul\\.jsonl:6: " "$err"
    check_eq "$prog: ... and its good records written" 3 "$(wc -l <"$out" | tr -d ' ')"
done

# ---------------------------------------------------------------------------
# One real 200 MB line, under the default 64 MiB limit: reported, rejected,
# the next record still processed, and never held whole in memory.
huge() {
    printf '{"id":"huge","text":"'
    head -c 209715200 /dev/zero | tr '\0' a
    printf '"}\n{"id":"after","text":"Still here."}\n'
}
# Under AddressSanitizer freed blocks wait in a quarantine (256 MB by default)
# and count in the peak: keep it small so the bound measures the tool.
if [ -n "${UG_SANITIZERS:-}" ]; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=4"
fi
for t in $tools; do
    tool "$t"
    if [ "$t" = seg ]; then
        # segment also with --rejects: the whole line goes there
        set -- --rejects=huge-rej
    else
        set --
    fi
    huge | /usr/bin/time -f %M -o rss "${cmd[@]}" "$@" >"$out" 2>"$err"
    rc=$?
    check_eq "$prog: a 200 MB line: status 1" 1 "$rc"
    check_eq "$prog: a 200 MB line: reported with its line" \
        "$prog: -:1: line too long (more than 67108864 bytes; see --max-line-bytes)" \
        "$(grep -v ': warning: no ug.flags: ' "$err")"
    check_grep "$prog: a 200 MB line: the next record is processed" '"after"' "$out"
    check_eq "$prog: a 200 MB line: one record out" 1 "$(wc -l <"$out" | tr -d ' ')"
    kb=$(tail -n 1 rss)
    if [ "${kb:-999999999}" -lt 204800 ] 2>/dev/null; then
        ok "$prog: a 200 MB line: peak memory ${kb} KB, under 200 MB"
    else
        fail "$prog: a 200 MB line: peak memory under 200 MB" "peak RSS: $(cat rss)"
    fi
    if [ "$t" = seg ]; then
        check_eq "segment: a 200 MB line: --rejects gets all of it and a newline" \
            "209715224 $(printf '"}\n' | od -An -tx1 | tr -d ' ')" \
            "$(wc -c <huge-rej | tr -d ' ') $(tail -c 3 huge-rej | od -An -tx1 | tr -d ' ')"
        rm -f huge-rej
    fi
done

# ---------------------------------------------------------------------------
# normalize on plain files: every document is decoded and written

# jtext FILE: the text field of the first record of FILE, exactly.
jtext() {
    python3 -c 'import json, sys
sys.stdout.buffer.write(json.loads(open(sys.argv[1], "rb").readline())["text"].encode())' "$1"
}
hex() { od -An -tx1 | tr -d ' \n'; }

check_ok "normalize: an empty file" "$N" empty.txt
check_grep "normalize: an empty file is an empty document" '^\{"id":"empty\.txt","text":"",' "$out"
check_ok "normalize: an empty file, --text" "$N" --text empty.txt
check_empty "normalize: ... writes nothing" "$out"
check_ok "normalize: empty standard input" "$N" </dev/null
check_grep "normalize: ... is an empty document named -" '^\{"id":"-","text":"",' "$out"

check_ok "normalize: no final newline" "$N" --text nonl.txt
check_same "normalize: no final newline: none is added" nonl.txt "$out"

check_ok "normalize: CRLF" "$N" crlf.txt
check_eq "normalize: CRLF becomes LF" "First line.
Second line.
." "$(jtext "$out"; echo .)"
check_grep "normalize: ... counted" '"newlines":2' "$out"

check_ok "normalize: NUL bytes" "$N" nul.txt
check_eq "normalize: NUL bytes are removed" "$(printf 'nulbyte\nline two\n' | hex)" "$(jtext "$out" | hex)"
check_grep "normalize: ... counted" '"controls":3' "$out"
check_rc "normalize: NUL bytes are not invalid UTF-8" 0 "$N" --invalid=fail nul.txt

check_ok "normalize: invalid UTF-8" "$N" mostly.txt
check_grep "normalize: ... read as mostly valid UTF-8" '"encoding":"utf-8","encoding_source":"mostly-valid"' "$out"
check_eq "normalize: ... every invalid byte becomes U+FFFD" \
    "$(printf 'line two \303\251\303\251\nbad \357\277\275 here\n\357\277\275\357\277\275 overlong\n' | hex)" \
    "$(jtext "$out" | tail -n 3 | hex)"
check_grep "normalize: ... counted" '"invalid":3' "$out"
check_rc "normalize: --invalid=fail rejects the document" 1 "$N" --invalid=fail --rejects=rej mostly.txt
check_eq "normalize: ... naming the file, line and byte" "normalize: mostly.txt:3: invalid utf-8 at byte 40" "$(cat "$err")"
check_empty "normalize: ... writing none of it" "$out"
printf '\n' | cat mostly.txt - >mostly.want
check_same "normalize: ... and all of it to --rejects" mostly.want rej
check_ok "normalize: a UTF-8 encoded surrogate" "$N" cesu.txt
check_grep "normalize: ... becomes U+FFFD" '"text":"(éèêë ){3}���+ surrogate\\n"' "$out"
check_rc "normalize: ... and is invalid with --invalid=fail" 1 "$N" --invalid=fail cesu.txt
check_grep "normalize: ... at its byte" '^normalize: cesu\.txt:1: invalid utf-8 at byte 28$' "$err"

for f in u16le-bom:utf-16le:bom u16be-bom:utf-16be:bom u16le:utf-16le:nul-pattern u16be:utf-16be:nul-pattern; do
    IFS=: read -r name enc src <<<"$f"
    check_ok "normalize: $name.txt" "$N" "$name.txt"
    check_grep "normalize: $name.txt is read as $enc ($src)" "\"encoding\":\"$enc\",\"encoding_source\":\"$src\"" "$out"
    jtext "$out" >got.txt
    check_same "normalize: $name.txt is decoded" expected-u16.txt got.txt
    check_ok "normalize: $name.txt, --text" "$N" --text "$name.txt"
    check_same "normalize: $name.txt, --text, is decoded" expected-u16.txt "$out"
done
check_ok "normalize: a lone surrogate in UTF-16" "$N" u16surr.txt
check_grep "normalize: ... becomes U+FFFD" '"text":"Hello\.\\nline two � x\\n"' "$out"
check_rc "normalize: ... and is rejected with --invalid=fail" 1 "$N" --invalid=fail u16surr.txt
check_eq "normalize: ... naming its line and byte" "normalize: u16surr.txt:2: invalid utf-16le at byte 35" "$(cat "$err")"
for e in le be; do
    check_rc "normalize: UTF-16${e^^} with 0x0A bytes in code units, --invalid=fail" 1 \
        "$N" --invalid=fail "u16surr-0a-$e.txt"
    check_eq "normalize: ... the line counts line feeds, not 0x0A bytes" \
        "normalize: u16surr-0a-$e.txt:2: invalid utf-16${e} at byte 33" "$(cat "$err")"
done
check_rc "normalize: half a UTF-16 code unit at the end, --invalid=fail" 1 "$N" --invalid=fail u16odd.txt
check_eq "normalize: ... is reported at the end" "normalize: u16odd.txt:3: invalid utf-16le at byte 25" "$(cat "$err")"

check_ok "normalize: one line of 100 KB is a document like any other" "$N" --text long.txt
check_same "normalize: ... written whole" long.txt "$out"
check_rc "normalize: a document over --max-doc-bytes=1K" 1 "$N" --max-doc-bytes=1K --rejects=rej nonl.txt long.txt crlf.txt
check_eq "normalize: ... is reported by name" \
    "normalize: long.txt: document larger than 1024 bytes (see --max-doc-bytes); rejected" "$(cat "$err")"
check_eq "normalize: ... the others are written" 2 "$(wc -l <"$out" | tr -d ' ')"
printf '\n' | cat long.txt - >long.want
check_same "normalize: ... and it goes whole to --rejects" long.want rej
cat long.txt | "$N" --max-doc-bytes=1K --rejects=rej >"$out" 2>"$err"
check_eq "normalize: a pipe over --max-doc-bytes: status 1" 1 $?
check_grep "normalize: ... reported as -" '^normalize: -: document larger than 1024 bytes' "$err"
check_same "normalize: ... and all of it read into --rejects" long.want rej

check_ok "normalize: 100 KB of random bytes" "$N" random.bin
check_eq "normalize: ... one document record" 1 "$(wc -l <"$out" | tr -d ' ')"
check_eq "normalize: ... which is JSON" ok "$(python3 -c 'import json, sys; json.loads(open(sys.argv[1], "rb").read()); print("ok")' "$out" 2>&1)"
check_rc "normalize: random bytes, --invalid=fail" 1 "$N" --invalid=fail --rejects=rej random.bin
check_eq "normalize: ... the line named is the line of the byte named" ok \
    "$(python3 -c '
import re, sys
m = re.fullmatch(r"normalize: random\.bin:([0-9]+): invalid [a-z0-9-]+ at byte ([0-9]+)\n", open(sys.argv[1]).read())
data = open(sys.argv[2], "rb").read()
if not m:
    print("message: " + open(sys.argv[1]).read()[:200])
elif int(m.group(1)) != data[:int(m.group(2)) - 1].count(b"\n") + 1:
    print("line %s for byte %s" % m.groups())
else:
    print("ok")' "$err" random.bin)"
printf '\n' | cat random.bin - >random.want
check_same "normalize: ... the document goes to --rejects byte for byte" random.want rej

# every document is either written or rejected: records out + rejected = in
docs="empty.txt nonl.txt crlf.txt nul.txt mostly.txt cesu.txt u16le-bom.txt u16be.txt u16surr.txt u16odd.txt long.txt random.bin"
"$N" --invalid=fail --max-doc-bytes=64K --rejects=rej $docs >"$out" 2>"$err"
check_eq "normalize: a mixed batch: status 1" 1 $?
check_eq "normalize: a mixed batch: documents in = documents out + documents rejected" \
    "12 = 6 + 6" "12 = $(wc -l <"$out" | tr -d ' ') + $(grep -c '^normalize: [^ ]*: ' "$err")"
check_eq "normalize: a mixed batch: --rejects holds the rejected documents" \
    "$(for f in mostly.txt cesu.txt u16surr.txt u16odd.txt long.txt random.bin; do cat "$f"; echo; done | cksum)" \
    "$(cksum <rej)"

finish
