#!/usr/bin/env python3
"""Builds `pairs.tsv` from the draw and the annotators' chunk files.

Each chunk file `annotations/<chunk>.<annotator>.tsv` has rows `sid actor target label note`.
A row `speaker - none` lists a sentence that names no side at all (a
programme named after a place, a US state): it keeps the sentence listed, so a stance predicted
there counts against `none`, and is not a pair. A chunk annotated twice (the overlap chunks `o1`, `o2`) enters `pairs.tsv` with the labels of
its first annotator (`FIRST` below: `o1` of A, `o2` of B, then the first annotator of each round's `r<N>o1`); the other annotation is kept for the agreement
figures (`agreement.py`). Rows are checked: known sid, side ids the knowledge base defines, a label in -2..2 or `none`, no pair listed twice with different labels.

    python3 pipeline/eval/stance/tools/assemble.py --draw build/draw/draw.jsonl \
        --annotations pipeline/eval/stance/annotations --out pipeline/eval/stance/pairs.tsv
"""
import argparse
import json
import re
import sys
from pathlib import Path

FIRST = {"o1": "A", "o2": "B", "r3o1": "E", "r4o1": "G", "r5o1": "K", "r6o1": "Q", "r7o1": "W", "r8o1": "AD", "r9o1": "AK", "r10o1": "AR", "r11o1": "AY", "r12o1": "BF", "r13o1": "BM", "r14o1": "BT", "r15o1": "CA", "r16o1": "CH", "r17o1": "CO", "r18o1": "CV", "r19o1": "DC", "r20o1": "DJ", "r21o1": "DQ", "r22o1": "DX", "r23o1": "EE", "r24o1": "EL", "r25o1": "ES", "r26o1": "EZ", "r27o1": "FG"}
SIDE = re.compile(r"^[A-Z][A-Z0-9_]{1,31}$")
LABELS = {"-2", "-1", "0", "1", "2", "none"}


def kb_ids(kb):
    """Every id the knowledge base defines (the first field of each row of its tables)."""
    ids = set()
    for path in Path(kb).glob("*.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            if line and not line.startswith("#"):
                ids.add(line.split("\t")[0])
    return ids


def read_chunk(path, known=None):
    rows = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("sid\t") or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) < 4:
            sys.exit(f"{path}:{n}: expected sid, actor, target, label[, note]; got {line!r}")
        sid, actor, target, label = (x.strip() for x in f[:4])
        if label not in LABELS:
            sys.exit(f"{path}:{n}: label {label!r} is not one of {sorted(LABELS)}")
        if target == "-" and label == "none":
            rows.append((sid, actor, "-", "none"))  # the sentence is listed but names no side
            continue
        if not SIDE.match(actor) or not SIDE.match(target):
            sys.exit(f"{path}:{n}: side ids must be upper-case codes, got {actor!r} -> {target!r}")
        for side in (actor, target):
            if known is not None and side not in known:
                sys.exit(f"{path}:{n}: side {side!r} is not an id of the knowledge base")
        rows.append((sid, actor, target, label))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--draw", default=[], action="append", help="a round's draw (repeat for each round)")
    ap.add_argument("--pairs", help="an earlier pairs.tsv: its sentences stand for the draws of the rounds it holds")
    ap.add_argument("--annotations", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--kb", default="data/kb", help="the knowledge base whose ids the sides must be")
    a = ap.parse_args()
    known = kb_ids(a.kb)
    draw = {}
    if a.pairs:
        for line in open(a.pairs):
            if line.startswith("#") or line.startswith("id\t"):
                continue
            f = line.rstrip("\n").split("\t")
            draw[f[0]] = {"sid": f[0], "split": f[1], "kind": f[2], "doc": f[3], "speaker": f[4], "key": f[5]}
    for path in a.draw:
        for line in open(path):
            d = json.loads(line)
            draw[d["sid"]] = d
    chosen = {}
    for path in sorted(Path(a.annotations).glob("*.tsv")):
        chunk, annotator = path.name[:-4].split(".")
        if chunk in FIRST and FIRST[chunk] != annotator:
            continue
        if chunk in chosen:
            sys.exit(f"{path}: chunk {chunk} has two annotations and no rule for which one counts")
        chosen[chunk] = (annotator, read_chunk(path, known))
    out, seen = [], {}
    for chunk, (annotator, rows) in sorted(chosen.items()):
        for sid, actor, target, label in rows:
            if sid not in draw:
                sys.exit(f"{chunk}.{annotator}: unknown sid {sid}")
            if actor == target:
                continue
            k = (sid, actor, target)
            if k in seen:
                if seen[k] != label:
                    print(f"warning: {chunk}.{annotator}: {sid} {actor}->{target} listed as {seen[k]} and {label}; first kept",
                          file=sys.stderr)
                continue
            seen[k] = label
            d = draw[sid]
            out.append((sid, d["split"], d["kind"], d["doc"], d["speaker"], d["key"], actor, target, label, annotator))
    out.sort(key=lambda r: (r[0], r[6], r[7]))
    with open(a.out, "w") as f:
        f.write("# Stance pairs of official speech and news, annotated by hand under GUIDELINES.md; see README.md.\n")
        f.write("# Drawn by tools/sample_pairs.py (seed 20261207); split by document (35 % test): never tune on test rows.\n")
        f.write("id\tsplit\tkind\tdoc\tspeaker\tsentence\tactor\ttarget\tlabel\tannotator\n")
        for r in out:
            f.write("\t".join(r) + "\n")
    from collections import Counter
    real = [r for r in out if r[7] != "-"]
    c = Counter((r[1], r[2]) for r in real)
    print(f"{len(real)} pairs in {len({r[0] for r in out})} sentences: {dict(sorted(c.items()))}", file=sys.stderr)
    print(f"labels: {dict(sorted(Counter(r[8] for r in real).items()))}", file=sys.stderr)


if __name__ == "__main__":
    main()
