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
# Round 4: after its seeded draw, the sentences of documents pairs.tsv already holds are dropped.
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 4 --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --exclude-draw "$out/draw3.jsonl" --un-docs 760 --wh-docs 240 --drop-pairs pipeline/eval/stance/pairs.tsv \
    --remap RUS:SUN:1991 --out "$out/draw4.jsonl"
# Round 5: as round 4, with round 4's draw excluded; chunks.py writes its chunk files.
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 5 --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --exclude-draw "$out/draw3.jsonl" --exclude-draw "$out/draw4.jsonl" --un-docs 1500 --wh-docs 450 \
    --drop-pairs pipeline/eval/stance/pairs.tsv --remap RUS:SUN:1991 --out "$out/draw5.jsonl"
python3 "$tools/chunks.py" --draw "$out/draw5.jsonl" --round 5 --out "$out/r5"
# Round 6: as round 5, with round 5's draw excluded.
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 6 --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --exclude-draw "$out/draw3.jsonl" --exclude-draw "$out/draw4.jsonl" --exclude-draw "$out/draw5.jsonl" \
    --un-docs 1500 --wh-docs 450 --drop-pairs pipeline/eval/stance/pairs.tsv --remap RUS:SUN:1991 --out "$out/draw6.jsonl"
python3 "$tools/chunks.py" --draw "$out/draw6.jsonl" --round 6 --out "$out/r6"
# Round 7: as round 6, with round 6's draw excluded, a little larger.
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 7 --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --exclude-draw "$out/draw3.jsonl" --exclude-draw "$out/draw4.jsonl" --exclude-draw "$out/draw5.jsonl" \
    --exclude-draw "$out/draw6.jsonl" --un-docs 1800 --wh-docs 550 --drop-pairs pipeline/eval/stance/pairs.tsv \
    --remap RUS:SUN:1991 --out "$out/draw7.jsonl"
python3 "$tools/chunks.py" --draw "$out/draw7.jsonl" --round 7 --out "$out/r7"
# Round 8: as round 7, with round 7's draw excluded.
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 8 --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --exclude-draw "$out/draw3.jsonl" --exclude-draw "$out/draw4.jsonl" --exclude-draw "$out/draw5.jsonl" \
    --exclude-draw "$out/draw6.jsonl" --exclude-draw "$out/draw7.jsonl" --un-docs 2100 --wh-docs 650 \
    --drop-pairs pipeline/eval/stance/pairs.tsv --remap RUS:SUN:1991 --out "$out/draw8.jsonl"
python3 "$tools/chunks.py" --draw "$out/draw8.jsonl" --round 8 --out "$out/r8"
# Round 9: the speeches not yet drawn had run out; a further sentence of documents drawn before
# (--again: their drawn sentences are left out, each document keeps its split).
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 9 --again --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --exclude-draw "$out/draw3.jsonl" --exclude-draw "$out/draw4.jsonl" --exclude-draw "$out/draw5.jsonl" \
    --exclude-draw "$out/draw6.jsonl" --exclude-draw "$out/draw7.jsonl" --exclude-draw "$out/draw8.jsonl" \
    --un-docs 1900 --wh-docs 500 --drop-pairs pipeline/eval/stance/pairs.tsv --remap RUS:SUN:1991 --out "$out/draw9.jsonl"
python3 "$tools/chunks.py" --draw "$out/draw9.jsonl" --round 9 --out "$out/r9"
# Round 10: as round 9, with round 9's draw excluded too (a third sentence of some speeches).
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 10 --again --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --exclude-draw "$out/draw3.jsonl" --exclude-draw "$out/draw4.jsonl" --exclude-draw "$out/draw5.jsonl" \
    --exclude-draw "$out/draw6.jsonl" --exclude-draw "$out/draw7.jsonl" --exclude-draw "$out/draw8.jsonl" \
    --exclude-draw "$out/draw9.jsonl" --un-docs 1500 --wh-docs 700 --drop-pairs pipeline/eval/stance/pairs.tsv \
    --remap RUS:SUN:1991 --out "$out/draw10.jsonl"
python3 "$tools/chunks.py" --draw "$out/draw10.jsonl" --round 10 --out "$out/r10"
# Round 11: as round 10, with round 10's draw excluded too.
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 11 --again --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --exclude-draw "$out/draw3.jsonl" --exclude-draw "$out/draw4.jsonl" --exclude-draw "$out/draw5.jsonl" \
    --exclude-draw "$out/draw6.jsonl" --exclude-draw "$out/draw7.jsonl" --exclude-draw "$out/draw8.jsonl" \
    --exclude-draw "$out/draw9.jsonl" --exclude-draw "$out/draw10.jsonl" --un-docs 1400 --wh-docs 750 \
    --drop-pairs pipeline/eval/stance/pairs.tsv --remap RUS:SUN:1991 --out "$out/draw11.jsonl"
python3 "$tools/chunks.py" --draw "$out/draw11.jsonl" --round 11 --out "$out/r11"
# Round 12: as round 11, with round 11's draw excluded too.
python3 "$tools/sample_pairs.py" --un "$out/un_sentences.jsonl" --wh "$out/wh_sentences.jsonl" \
    --news "$out/news_sentences.jsonl" --round 12 --again --exclude-draw "$out/draw.jsonl" --exclude-draw "$out/draw2.jsonl" \
    --exclude-draw "$out/draw3.jsonl" --exclude-draw "$out/draw4.jsonl" --exclude-draw "$out/draw5.jsonl" \
    --exclude-draw "$out/draw6.jsonl" --exclude-draw "$out/draw7.jsonl" --exclude-draw "$out/draw8.jsonl" \
    --exclude-draw "$out/draw9.jsonl" --exclude-draw "$out/draw10.jsonl" --exclude-draw "$out/draw11.jsonl" \
    --un-docs 1400 --wh-docs 750 --drop-pairs pipeline/eval/stance/pairs.tsv --remap RUS:SUN:1991 --out "$out/draw12.jsonl"
python3 "$tools/chunks.py" --draw "$out/draw12.jsonl" --round 12 --out "$out/r12"
