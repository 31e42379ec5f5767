#!/usr/bin/env python3
"""Agreement of two independent annotations of the same chunks (the overlap `o1`, `o2`).

A pair is (sentence, actor, target); a pair one annotator lists and the other does not counts
as `none` for the other. Prints the number of pairs, raw agreement, Cohen's kappa over the six
classes, agreement on non-`none` pairs (both found a stance) and sign agreement among those,
and Krippendorff-style ordinal closeness (share within one step).

    python3 pipeline/eval/stance/tools/agreement.py pipeline/eval/stance/annotations A B
"""
import sys
from collections import Counter
from pathlib import Path

CLASSES = ["-2", "-1", "0", "1", "2", "none"]


def load(path):
    out = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("sid\t") or line.startswith("#"):
            continue
        f = [x.strip() for x in line.split("\t")]
        if f[1] != f[2] and f[2] != "-":
            out.setdefault((f[0], f[1], f[2]), f[3])
    return out


def kappa(pairs):
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[c] * cb[c] for c in CLASSES) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def main():
    root, x, y = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    pairs = []
    for px in sorted(root.glob(f"*.{x}.tsv")):
        py = px.with_name(px.name[: -len(f".{x}.tsv")] + f".{y}.tsv")
        if not py.exists():
            continue
        a, b = load(px), load(py)
        for k in sorted(set(a) | set(b)):
            pairs.append((a.get(k, "none"), b.get(k, "none")))
    if not pairs:
        sys.exit(f"no chunk annotated by both {x} and {y} under {root}")
    both = [(a, b) for a, b in pairs if a != "none" and b != "none"]
    either = [(a, b) for a, b in pairs if a != "none" or b != "none"]
    sign = lambda v: (int(v) > 0) - (int(v) < 0)
    print(f"pairs: {len(pairs)} (a stance by either: {len(either)}, by both: {len(both)})")
    print(f"raw agreement: {sum(a == b for a, b in pairs) / len(pairs):.3f}")
    print(f"Cohen's kappa (6 classes): {kappa(pairs):.3f}")
    print(f"stance found by both / by either: {len(both) / max(1, len(either)):.3f}")
    if both:
        print(f"sign agreement where both found a stance: {sum(sign(a) == sign(b) for a, b in both) / len(both):.3f}")
        print(f"within one step where both found a stance: {sum(abs(int(a) - int(b)) <= 1 for a, b in both) / len(both):.3f}")


if __name__ == "__main__":
    main()
