#!/usr/bin/env bash
# `cargo install` of the CLI, then, from an empty directory outside the
# repository (no data/kb, data/lexicon or checks/ beside it): build a corpus,
# verify, check, and compare with the committed lock. The knowledge base,
# lexicon, rules and diff policy come from the binary.
# Usage: tests/install/outside_repo.sh   (CARGO_TARGET_DIR is reused when set)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')}
work=$(mktemp -d /tmp/orbita-outside.XXXXXX)
trap 'rm -rf "$work"' EXIT
# --debug reuses the test build's artifacts; the release profile installs the same code.
cargo install --quiet --locked --debug --path "$root/pipeline/cli" --root "$work/install" --target-dir "$target"
cp -r "$root/data/raw" "$work/news"
mkdir "$work/empty"
cd "$work/empty"
orbita="$work/install/bin/orbita"
# A step whose output is not shown here prints it when it fails.
quiet() { "$@" > "$work/out.txt" 2>&1 || { status=$?; echo "failed ($status): $*"; tail -n 40 "$work/out.txt"; exit "$status"; }; }
quiet "$orbita" build --raw ../news --out datasets
"$orbita" verify datasets/latest
"$orbita" check datasets/latest | tail -1
quiet "$orbita" diff --lock "$root/data/dataset.lock" datasets/latest
echo 'Bogota recalled its ambassador.' | "$orbita" link - --date 2025-11-20 | grep -q '"country":"COL"'
test -f datasets/latest/datapackage.json
test ! -e data && test ! -e checks
echo "outside the repository: an installed orbita built, verified and checked $(readlink datasets/latest)"
