#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600) with libFuzzer on the
# stable toolchain (coverage instrumentation, no sanitizer), starting from the
# committed seed corpus. Prints, per target, the runs done and whether it crashed.
# Usage: pipeline/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(ingest split link)
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-/tmp/orbita-fuzz-target}
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares"
# An explicit --target keeps the instrumentation off build scripts and proc macros.
HOST=$(rustc -vV | sed -n 's/^host: //p')
for t in "${TARGETS[@]}"; do
  cargo build --release --target "$HOST" --bin "$t" 2>&1 | tail -1

  mkdir -p "artifacts/$t" "corpus/$t"
  # Start from the committed seeds; new inputs go to a scratch corpus.
  "$CARGO_TARGET_DIR/$HOST/release/$t" "corpus/$t" "seeds/$t" -max_total_time="$SECONDS_EACH" -max_len=65536 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 > "artifacts/$t.log" 2>&1 && status=ok || status=CRASH
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "artifacts/$t.log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz $t: ${SECONDS_EACH}s, ${runs} runs, ${status}"

  [ "$status" = ok ] || { tail -30 "artifacts/$t.log"; exit 1; }
done
