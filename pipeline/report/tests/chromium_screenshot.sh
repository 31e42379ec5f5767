#!/usr/bin/env bash
# Optional test: render an orbita report in headless Chromium, offline, and
# check that the charts are drawn.
#
#   pipeline/report/tests/chromium_screenshot.sh REPORT.html [OUT.png]
#
# Needs Debian's `chromium` (apt-get install -y chromium). Exits 0 when the
# page shows the ranked chart, the map, timelines and the evidence table,
# 1 when a check fails, 77 (skip) when Chromium is not installed.
# Checks, from what Chromium itself rendered:
#   1. the DOM after layout (--dump-dom) has the chart and table elements;
#   2. the screenshot exists and is not blank: many distinct colours,
#      including the red and blue ends of the alignment scale;
#   3. when the page has the world view: its script ran, and it draws the
#      view named in the address (#view=TARGET/PERIOD).
set -euo pipefail

html=${1:?usage: chromium_screenshot.sh REPORT.html [OUT.png]}
out=${2:-${html%.html}.png}
[ -f "$html" ] || { echo "no such file: $html" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium not installed: skipped (apt-get install -y chromium)" >&2
    exit 77
fi
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$profile" --window-size=1400,3000)
# Offline: an unreachable proxy makes any network request fail, so the page
# must draw from its own bytes.
offline=(--proxy-server=127.0.0.1:9 --proxy-bypass-list="<-loopback>")

timeout 120 "$browser" "${flags[@]}" "${offline[@]}" --screenshot="$out" "$url" >/dev/null 2>&1 || true
dom=$(timeout 120 "$browser" "${flags[@]}" "${offline[@]}" --dump-dom "$url" 2>/dev/null || true)

fail=0
check() { # name, count, minimum
    if [ "$2" -ge "$3" ]; then echo "ok   $1 ($2)"; else echo "FAIL $1 ($2 < $3)"; fail=1; fi
}
check "ranked chart dots" "$(grep -o 'class="score-dot"' <<<"$dom" | wc -l)" 1
check "map tiles" "$(grep -o 'class="tile data"' <<<"$dom" | wc -l)" 1
check "timelines" "$(grep -o 'class="chart timeline"' <<<"$dom" | wc -l)" 1
check "evidence tables" "$(grep -o 'class="evidence"' <<<"$dom" | wc -l)" 1
# The world view's script: it ran (data-explorer set on <body>), and a view
# named in the address (#view=TARGET/PERIOD: the last power, its oldest year) is
# the one it draws.
if grep -q 'id="x-data"' "$html"; then
    check "world view drawn by its script" "$(grep -c 'data-explorer="' <<<"$dom")" 1
    view=$(python3 - "$html" <<'PY'
import json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
data = json.loads(re.search(r'<script type="application/json" id="x-data">(.*?)</script>', page, re.S).group(1))
target = sorted(data["rows"])[-1]
years = sorted(p for p in data["rows"][target] if p != "current")
print(f"{target}/{years[0] if years else 'current'}")
PY
)
    dom2=$(timeout 120 "$browser" "${flags[@]}" "${offline[@]}" --dump-dom "$url#view=$view" 2>/dev/null || true)
    got=$(grep -o 'data-explorer="[^"]*"' <<<"$dom2" | head -1 || true)
    if [ "$got" = "data-explorer=\"$view\"" ]; then echo "ok   world view follows #view=$view"; else echo "FAIL world view: wanted $view, got ${got:-nothing}"; fail=1; fi
    check "world view ranking redrawn" "$(grep -o 'class="score-dot"' <<<"$dom2" | wc -l)" 1
fi
[ -s "$out" ] && echo "ok   screenshot $out ($(stat -c %s "$out") bytes)" || { echo "FAIL no screenshot"; fail=1; }

if [ -s "$out" ] && command -v python3 >/dev/null; then
    # Decode the PNG with the standard library only and count colours.
    python3 - "$out" <<'PY' || fail=1
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), f"unexpected PNG type {depth}/{ctype}"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours = set()
i = 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp * 2):
        colours.add(bytes(line[x:x + 3]))
    prev = line
reds = sum(1 for c in colours if c[0] > 150 and c[1] < 90 and c[2] < 100)
blues = sum(1 for c in colours if c[2] > 140 and c[0] < 90)
ok = len(colours) > 50 and reds > 0 and blues > 0
print(("ok  " if ok else "FAIL") + f" screenshot drawn: {len(colours)} colours, {reds} red, {blues} blue ({w}x{h})")
sys.exit(0 if ok else 1)
PY
fi
exit $fail
