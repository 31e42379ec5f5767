#!/usr/bin/env bash
# Remakes the annotation draw of pairs.tsv: sentence dumps of the three kinds of text with
# the real ingest and splitter, then the seeded draw. Run from the repository root:
#   pipeline/eval/stance/tools/prepare_draw.sh build/draw
set -euo pipefail
out="${1:-build/draw}"
mkdir -p "$out"
tools="$(dirname "$0")"
dump="cargo run --locked --release -q -p orbita-stance --example sentence_dump --"
zstd -dcq ../shared/corpora/ungdc-1946-2024.jsonl.zst | python3 "$tools/unwrap_speeches.py" > "$out/ungdc.jsonl"
$dump jsonl "$out/ungdc.jsonl" > "$out/un_sentences.jsonl"
[ -d "$out/whitehouse" ] || tar --zstd -xf ../shared/corpora/whitehouse-2021-2026.tar.zst -C "$out"
(cd "$out/whitehouse" && find . -name '*.md' | sort) | $dump files "$out/whitehouse" whitehouse > "$out/wh_sentences.jsonl"
(cd data/raw && ls *.txt | sort) | $dump files data/raw seeds > "$out/news_sentences.jsonl"
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --out "$out/draw.jsonl"
