#!/bin/bash
# Clean, no-op, one-document and knowledge-base rebuilds of the White House
# corpus, three of each, with wall time, peak RSS and user CPU.
#
# usage: tests/bench/incremental.sh ORBITA CORPUS_DIR [WORK_DIR]
# (make bench-incremental runs it on build/whitehouse with the release binary)
set -euo pipefail
BIN=$(realpath "$1"); CORPUS=$(realpath "$2"); REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${3:-$REPO/build/bench-incremental}
rm -rf "$W"; mkdir -p "$W"
cp -r "$CORPUS" "$W/raw"; cp -r "$REPO/data/kb" "$W/kb"; cp -r "$REPO/data/lexicon" "$W/lexicon"
cd "$W"
A=(--raw raw --kb kb --lexicon lexicon)
t() { /usr/bin/time -f "%e s wall, %M KB peak RSS, %U s user" "$@" 2>&1 >/dev/null | tail -1; }
for i in 1 2 3; do echo "clean build $i: $(t "$BIN" build "${A[@]}" --out clean$i)"; done
for i in 1 2 3; do echo "nothing changed $i: $(t "$BIN" build "${A[@]}" --out clean1)"; done
f=$(find raw -name '*.md' | sort | sed -n 5000p)
for i in 1 2 3; do
  echo "Round $i: France and Germany are close allies." >> "$f"
  echo "one document edited $i: $(t "$BIN" build "${A[@]}" --out clean1)"
done
for pat in "COL	demonym	Colombian" "COL	country	Republic of Colombia" "USA	display	United States"; do
  python3 - "$pat" <<'PY'
import sys
p = 'kb/country_names.tsv'; s = open(p).read(); pat = sys.argv[1] + '\n'
assert pat in s, pat
open(p, 'w').write(s.replace(pat, '', 1))
PY
  echo "knowledge base edited ($pat): $(t "$BIN" build "${A[@]}" --out clean1)"
done
"$BIN" build "${A[@]}" --out final >/dev/null 2>&1
a=$(readlink clean1/latest); b=$(readlink final/latest)
echo "incremental result $a, clean build of the same inputs $b"
[ "$a" = "$b" ] || { echo "MISMATCH: the incremental build differs from a clean build"; exit 1; }
