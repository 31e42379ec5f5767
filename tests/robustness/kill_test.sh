#!/usr/bin/env bash
# Kills `orbita build` with SIGKILL at random moments and checks after each
# kill that `latest` (when present) is a complete version that verifies, that
# no partial version is visible, and that the next build succeeds and removes
# what the killed one left.
# Usage: kill_test.sh ORBITA_BINARY [TRIALS]
set -euo pipefail
ORBITA=${1:?usage: kill_test.sh ORBITA_BINARY [TRIALS]}
TRIALS=${2:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# A corpus big enough that a build takes a while: the seeds plus a slice of
# the White House corpus when it is available, and the first 500 speeches of
# the UN General Debate Corpus recompressed as .jsonl.zst (so that kills also
# land in streamed decompression). Not the whole 199 MB corpus of data/raw:
# every trial sleeps up to one full build before its kill, and a debug build
# of all of data/raw (about 40 s on two busy cores) would take 20 trials past
# the 600 s bound below; the atomicity checked is the same.
RAW=$WORK/raw
mkdir -p "$RAW"
for f in "$ROOT"/data/raw/*; do
  case "$f" in
    *.jsonl.zst|*.jsonl.zst.meta.yaml|*.jsonl.gz|*.jsonl.gz.meta.yaml) ;;
    *) cp "$f" "$RAW"/ ;;
  esac
done
UNGDC="$ROOT/data/raw/ungdc-1946-2024.jsonl.zst"
if [ -f "$UNGDC" ] && command -v zstd > /dev/null; then
  { zstd -dc "$UNGDC" || true; } | head -n 500 | zstd -q -o "$RAW/ungdc-slice.jsonl.zst"
  cp "$UNGDC.meta.yaml" "$RAW/ungdc-slice.jsonl.zst.meta.yaml"
fi
if [ -f "$ROOT/../shared/corpora/whitehouse-2021-2026.tar.zst" ]; then
  tar --zstd -xf "$ROOT/../shared/corpora/whitehouse-2021-2026.tar.zst" -C "$WORK" whitehouse/briefings-statements 2>/dev/null || true
  [ -d "$WORK/whitehouse" ] && mv "$WORK/whitehouse" "$RAW/wh"
fi
OUT=$WORK/out
cd "$ROOT"

# How long does a full build take? Kill within that window.
start=$(date +%s%N)
"$ORBITA" build --raw "$RAW" --out "$WORK/probe" > /dev/null 2>&1
full_ms=$(( ( $(date +%s%N) - start ) / 1000000 ))
rm -rf "$WORK/probe"
echo "a full build takes ${full_ms} ms; killing at random moments within it"

passed=0
deadline=$(( $(date +%s) + 600 ))
for trial in $(seq 1 "$TRIALS"); do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "time bound reached after $((trial-1)) trials"; break; }
  delay_ms=$(( RANDOM % (full_ms + 1) ))
  "$ORBITA" build --raw "$RAW" --out "$OUT" > /dev/null 2>&1 &
  pid=$!
  sleep "$(printf '0.%03d' $((delay_ms % 1000)))"
  [ "$delay_ms" -ge 1000 ] && sleep $((delay_ms / 1000))
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true

  # Every visible version directory (not hidden) is complete and verifies.
  if [ -d "$OUT" ]; then
    for v in "$OUT"/*; do
      [ -e "$v" ] || continue
      name=$(basename "$v")
      [ "$name" = latest ] && continue
      if ! "$ORBITA" verify "$v" > /dev/null; then
        echo "trial $trial: visible version $name does not verify"; exit 1
      fi
    done
    if [ -e "$OUT/latest" ] && ! "$ORBITA" verify "$OUT/latest" > /dev/null; then
      echo "trial $trial: latest does not verify"; exit 1
    fi
  fi
  # The next build succeeds and cleans up.
  if ! "$ORBITA" build --raw "$RAW" --out "$OUT" > /dev/null 2>&1; then
    echo "trial $trial: the build after the kill failed"; exit 1
  fi
  if ls -a "$OUT" | grep -q '^\.staging-\|^\.latest-'; then
    echo "trial $trial: leftovers after the next build: $(ls -a "$OUT")"; exit 1
  fi
  "$ORBITA" verify "$OUT/latest" > /dev/null || { echo "trial $trial: latest does not verify after rebuild"; exit 1; }
  passed=$((passed + 1))
  echo "trial $trial: killed after ${delay_ms} ms — ok"
done
echo "kill-test: $passed passed, $((TRIALS - passed)) failed"
[ "$passed" -eq "$TRIALS" ]
