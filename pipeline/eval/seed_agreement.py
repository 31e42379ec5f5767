#!/usr/bin/env python3
"""Agreement of orbita's `alignment` table with what the seed articles say.

Reads <dataset>/alignment.parquet (rows with perspective "all" and period
"2025" by default) and compares them, per (target, country), with the
labels of ../shared/eval/seed_gold.csv (relative to the repo root):

  * exact: the row's label equals the gold label;
  * within one: |label - gold| <= 1;
  * sign: both negative, both zero, or both positive.

A gold pair with no row counts as a miss on all three. The script prints a
table of every pair, the three rates, then every miss (label not exact) with
the evidence sentences behind the row, read from <dataset>/sentences.parquet
(columns doc_id, sentence, text).

Usage, from the repo root:
  python pipeline/eval/seed_agreement.py [DATASET] [--gold CSV]
      [--period 2025] [--perspective all] [--fail-under-within-one 0.8]

Needs pyarrow. Exit code: 0, or 1 when --fail-under-within-one is given and
the within-one rate is below it, 2 on a missing input.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def sign(x: int) -> int:
    return (x > 0) - (x < 0)


def load_rows(dataset: Path, period: str, perspective: str) -> dict[tuple[str, str], dict]:
    import pyarrow.parquet as pq

    table = pq.read_table(dataset / "alignment.parquet")
    rows = {}
    for r in table.to_pylist():
        if r["period"] == period and r["perspective"] == perspective:
            rows[(r["target"], r["country"])] = r
    return rows


def load_sentences(dataset: Path, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    path = dataset / "sentences.parquet"
    if not wanted or not path.exists():
        return {}
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["doc_id", "sentence", "text"])
    out = {}
    for doc, s, text in zip(*(table.column(c).to_pylist() for c in ("doc_id", "sentence", "text"))):
        if (doc, s) in wanted:
            out[(doc, s)] = text
    return out


def parse_ref(ref: str) -> tuple[str, int] | None:
    doc, _, s = ref.rpartition(":")
    return (doc, int(s)) if doc and s.isdigit() else None


def fmt_score(r: dict | None) -> str:
    if r is None:
        return "no row"
    return f"{r['score']:+.2f} [{r['score_low']:+.2f}, {r['score_high']:+.2f}]"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dataset", nargs="?", default="data/datasets/latest", help="dataset directory")
    ap.add_argument("--gold", default=str(REPO.parent / "shared" / "eval" / "seed_gold.csv"))
    ap.add_argument("--period", default="2025")
    ap.add_argument("--perspective", default="all")
    ap.add_argument("--fail-under-within-one", type=float, default=None, metavar="RATE")
    args = ap.parse_args(argv)

    dataset = Path(args.dataset)
    if not (dataset / "alignment.parquet").exists():
        print(f"error: {dataset / 'alignment.parquet'} not found (build the dataset first)", file=sys.stderr)
        return 2
    gold_path = Path(args.gold)
    if not gold_path.exists():
        print(f"error: gold file {gold_path} not found", file=sys.stderr)
        return 2
    with gold_path.open(newline="", encoding="utf-8") as f:
        gold = [(g["target"], g["country"], int(g["label"])) for g in csv.DictReader(f)]

    rows = load_rows(dataset, args.period, args.perspective)
    exact = within = same_sign = 0
    misses = []
    print(f"seed agreement: {dataset} (period {args.period}, perspective {args.perspective})")
    print(f"{'target':6} {'country':7} {'gold':>4} {'ours':>4}  {'score [interval]':24} {'docs':>4}  verdict")
    for target, country, g in sorted(gold):
        r = rows.get((target, country))
        if r is None:
            verdict = "MISS (no row)"
            misses.append((target, country, g, None))
        else:
            p = int(r["label"])
            e, w, s = p == g, abs(p - g) <= 1, sign(p) == sign(g)
            exact += e
            within += w
            same_sign += s
            verdict = "exact" if e else ("within one" if w else "MISS") + ("" if s else ", sign differs")
            if not e:
                misses.append((target, country, g, r))
        ours = "-" if r is None else f"{int(r['label']):+d}"
        docs = "-" if r is None else str(r["documents"])
        print(f"{target:6} {country:7} {g:+4d} {ours:>4}  {fmt_score(r):24} {docs:>4}  {verdict}")

    n = len(gold)
    rate = lambda k: f"{k}/{n} = {100.0 * k / n:.1f} %" if n else "n/a"
    print()
    print(f"exact agreement      {rate(exact)}")
    print(f"within one step      {rate(within)}")
    print(f"sign agreement       {rate(same_sign)}")

    wanted = {ref for _, _, _, r in misses if r for ref in map(parse_ref, r["evidence"] or []) if ref}
    texts = load_sentences(dataset, wanted)
    if misses:
        print(f"\nmisses ({len(misses)}):")
    for target, country, g, r in misses:
        print(f"\n{country} -> {target}: gold {g:+d}, ours {fmt_score(r)}" + ("" if r is None else f" label {int(r['label']):+d}"))
        if r is None:
            print("  (no stance of this pair in this period)")
            continue
        print(f"  stances {r['stances']}, documents {r['documents']}, sources {r['sources']}, "
              f"labels -2..+2: {r['n_adversary']}/{r['n_against']}/{r['n_neutral']}/{r['n_toward']}/{r['n_ally']}")
        for ref in r["evidence"] or []:
            key = parse_ref(ref)
            text = texts.get(key, "(sentence not found)") if key else "(bad reference)"
            print(f"  - [{ref}] {' '.join(text.split())}")

    if args.fail_under_within_one is not None and n and within / n < args.fail_under_within_one:
        print(f"\nwithin-one rate {within / n:.3f} is below {args.fail_under_within_one}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
