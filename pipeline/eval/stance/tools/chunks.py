#!/usr/bin/env python3
"""Writes a round's draw as the annotators' chunk files.

One text file per chunk of about 50 sentences, in draw order: each sentence block shows its sid,
kind, document, speaker and date, the two sentences before, the SENTENCE, the sentence after, and
the sides the draw's plain name list found (a hint only). `--overlap` sentences form the
overlap chunk `r<round>o1` (evenly spaced sentences), annotated by two annotators for the agreement
figures; the rest are cut into `r<round>c01`, `r<round>c02`, … .

    python3 pipeline/eval/stance/tools/chunks.py --draw build/draw/draw5.jsonl --round 5 \
        --out build/draw/r5
"""
import argparse
import json
from pathlib import Path


def block(r):
    lines = [f"=== {r['sid']}  kind={r['kind']}  doc={r['doc']}  speaker={r['speaker'] or '-'}  date={r['date'] or '-'}"]
    for b in r["before"]:
        lines.append(f"  before: {b}")
    lines.append(f"  >>> SENTENCE: {r['sentence']}")
    for a in r["after"]:
        lines.append(f"  after: {a}")
    lines.append(f"  sides named (plain name list, may be incomplete or wrong): {', '.join(r['sides']) or '-'}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--draw", required=True)
    ap.add_argument("--round", type=int, required=True)
    ap.add_argument("--size", type=int, default=50)
    ap.add_argument("--overlap", type=int, default=50)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(a.draw, encoding="utf-8")]
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    # The overlap takes evenly spaced sentences, so it spans the kinds and years of the draw.
    step = max(1, len(rows) // a.overlap) if a.overlap else 0
    picked = set(range(0, len(rows), step)[: a.overlap]) if a.overlap else set()
    chunks = [(f"r{a.round}o1", [r for i, r in enumerate(rows) if i in picked])] if picked else []
    rest = [r for i, r in enumerate(rows) if i not in picked]
    for i in range(0, len(rest), a.size):
        chunks.append((f"r{a.round}c{i // a.size + 1:02d}", rest[i: i + a.size]))
    for name, rs in chunks:
        body = f"# chunk {name}: {len(rs)} sentences\n\n" + "\n\n".join(block(r) for r in rs) + "\n"
        (out / f"{name}.txt").write_text(body, encoding="utf-8")
    print(f"{len(chunks)} chunks, {len(rows)} sentences -> {out}")


if __name__ == "__main__":
    main()
