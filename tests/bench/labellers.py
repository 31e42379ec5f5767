#!/usr/bin/env python3
"""`make bench` (second part): the stance labellers side by side.

For each labeller (`rules`, `model`, `auto` — the default): one clean `orbita build --labeller L` of
the White House corpus (wall time, MB/s of input, peak resident memory), and
the labeller's macro-F1 on the test split of pipeline/eval/stance/pairs.tsv
from `model_eval` (the same run scores both labellers). Prints a Markdown
table and writes it to OUT/labellers.md. One build per labeller: run it once,
not in a loop, on a shared machine.

    tests/bench/labellers.py --orbita target/release/orbita --corpus build/whitehouse [--threads 0]
"""

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def corpus_bytes(root):
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".jsonl"))


def build(orbita, corpus, dest, labeller, threads):
    """One clean build: (wall seconds, peak RSS MiB)."""
    shutil.rmtree(dest, ignore_errors=True)
    cmd = [str(orbita), "build", "--raw", str(corpus), "--out", str(dest), "--threads", str(threads), "--labeller", labeller]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_maxrss / 1024.0


def macro_f1(corpus):
    """Macro-F1 of each labeller, all kinds and perspectives, on the test split."""
    out = subprocess.run(
        ["cargo", "run", "--locked", "--release", "-q", "-p", "orbita-model", "--example", "model_eval", "--",
         "--split", "test", "--whitehouse", str(corpus)],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout
    scores = {}
    for m in re.finditer(r"^\| (rules|model|auto) \| all \| all \| .* \| ([0-9.]+) \|$", out, re.M):
        scores[m.group(1)] = float(m.group(2))
    return scores


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orbita", required=True, type=pathlib.Path)
    ap.add_argument("--corpus", required=True, type=pathlib.Path)
    ap.add_argument("--out", default="build/bench", type=pathlib.Path)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    mb = corpus_bytes(a.corpus) / 1e6
    f1 = macro_f1(a.corpus)
    rows = ["| labeller | macro-F1 (test) | wall s | MB/s | peak RSS MiB |", "|---|---|---|---|---|"]
    for labeller in ("rules", "model", "auto"):
        wall, rss = build(a.orbita.resolve(), a.corpus.resolve(), a.out / f"labeller-{labeller}", labeller, a.threads)
        rows.append(f"| {labeller} | {f1.get(labeller, float('nan')):.3f} | {wall:.2f} | {mb / wall:.1f} | {rss:.0f} |")
    table = "\n".join(rows) + "\n"
    (a.out / "labellers.md").write_text(table)
    print(f"White House corpus, {mb:.1f} MB, threads {a.threads or os.cpu_count()}:\n")
    print(table)


if __name__ == "__main__":
    main()
