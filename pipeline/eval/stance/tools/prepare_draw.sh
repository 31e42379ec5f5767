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
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 2 --exclude-draw "$out/draw.jsonl" --un-docs 170 --wh-docs 80 \
    --out "$out/draw2.jsonl"
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 3 --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --un-docs 600 --wh-docs 200 --out "$out/draw3.jsonl"
# Rounds 4 and later exclude every earlier round's draw and drop, after their seeded draw, what
# pairs.tsv already holds (its documents; with --again, its sentences), remapping the UN corpus's RUS
# speaker to SUN up to 1991 as data/speakers.toml does. Rounds 5 and later also write their chunk
# files (chunks.py).
#   later_round ROUND UN_DOCS WH_DOCS [--again]
later_round() {
    local round="$1" un_docs="$2" wh_docs="$3"
    shift 3
    local excludes=(--exclude-draw "$out/draw.jsonl")
    for ((k = 2; k < round; k++)); do excludes+=(--exclude-draw "$out/draw$k.jsonl"); done
    python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
        --news "$out/news_sentences.jsonl" --round "$round" "$@" "${excludes[@]}" --un-docs "$un_docs" \
        --wh-docs "$wh_docs" --drop-pairs pipeline/eval/stance/pairs.tsv --remap RUS:SUN:1991 \
        --out "$out/draw$round.jsonl"
    if ((round >= 5)); then
        python3 "$tools/chunks.py" --draw "$out/draw$round.jsonl" --round "$round" --out "$out/r$round"
    fi
}
later_round 4 760 240
later_round 5 1500 450
later_round 6 1500 450
later_round 7 1800 550    # a little larger
later_round 8 2100 650
# Round 9: the speeches not yet drawn had run out (round 8 found 603 of 2,100); a further sentence of
# documents drawn before (--again: their drawn sentences are left out, each document keeps its split).
later_round 9 1900 500 --again
later_round 10 1500 700 --again
later_round 11 1400 750 --again
later_round 12 1400 750 --again
later_round 13 1400 750 --again
later_round 14 1400 750 --again
later_round 15 1400 750 --again
later_round 16 1400 750 --again
later_round 17 1400 750 --again
later_round 18 1400 750 --again
later_round 19 1400 750 --again
later_round 20 1400 750 --again
later_round 21 1400 750 --again
later_round 22 1400 750 --again
later_round 23 1400 750 --again
later_round 24 1400 750 --again
later_round 25 1400 750 --again
later_round 26 1400 750 --again
later_round 27 1400 750 --again
