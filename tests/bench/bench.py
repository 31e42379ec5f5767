#!/usr/bin/env python3
"""`make bench`: orbita end to end on a real corpus, against a spaCy reference.

Times `orbita build` on the corpus, with peak resident memory and orbita's
own per-stage timings, and on the corpus repeated 2x and 4x (each copy made
distinct so that nothing collapses as a duplicate), to show how time and
memory grow: --runs rounds of one build per corpus, medians over rounds.
Then a reference pipeline in Python doing the same first steps with spaCy
(blank English + sentencizer + a PhraseMatcher over the knowledge base's
names) on the same files. Writes the results as
Markdown to OUT/results.md and prints them.
"""

import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def corpus_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".jsonl"))


def corpus_bytes(root):
    return sum(p.stat().st_size for p in corpus_files(root))


def run_measured(cmd, env=None):
    """Runs cmd; returns (wall seconds, peak RSS MiB, stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    out, err = b"", b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read()
    err = proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{err.decode()}")
    return wall, usage.ru_maxrss / 1024.0, err.decode()


def stage_timings(stderr):
    m = re.search(r"^timings: (.*)$", stderr, re.M)
    return m.group(1) if m else ""


def repeated_corpus(src, dst, times):
    """src copied `times` times, each copy's documents made distinct by a final line."""
    if (dst / ".complete").exists():
        return dst
    shutil.rmtree(dst, ignore_errors=True)
    for k in range(times):
        for f in corpus_files(src):
            rel = f.relative_to(src)
            target = dst / f"copy{k}" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            data = f.read_bytes()
            target.write_bytes(data + f"\n\nCopy {k}.\n".encode() if k else data)
    (dst / ".complete").touch()
    return dst


def bench_orbita(orbita, corpus, out, threads):
    """One clean `orbita build` of corpus: (wall seconds, peak RSS MiB, stage timings)."""
    dest = out / "ds"
    shutil.rmtree(dest, ignore_errors=True)
    wall, peak, err = run_measured([orbita, "build", "--raw", corpus, "--out", dest, "--threads", str(threads)])
    shutil.rmtree(dest, ignore_errors=True)
    return wall, peak, stage_timings(err)


def kb_names():
    names = set()
    for f in sorted((ROOT / "data/kb").glob("*.tsv")):
        if f.name in ("blockers.tsv", "terms.tsv"):
            continue
        lines = [l for l in f.read_text().splitlines() if l and not l.startswith("#")]
        header = lines[0].split("\t")
        for col in ("names", "short"):
            if col not in header:
                continue
            i = header.index(col)
            for line in lines[1:]:
                cells = line.split("\t")
                if i < len(cells):
                    names.update(n.strip() for n in cells[i].split("|") if n.strip())
    return sorted(names)


def bench_spacy(corpus, limit_mb):
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    names = kb_names()
    matcher.add("KB", [nlp.make_doc(n) for n in names])
    nlp.max_length = 50_000_000
    files = corpus_files(corpus)
    start = time.perf_counter()
    done, sentences, matches = 0, 0, 0
    for f in files:
        text = f.read_text(errors="replace")
        if text.startswith("---\n"):
            end = text.find("\n---", 4)
            if end > 0:
                text = text[end + 4 :]
        doc = nlp(text)
        sentences += sum(1 for _ in doc.sents)
        matches += len(matcher(doc))
        done += f.stat().st_size
        if limit_mb and done >= limit_mb * 1e6:
            break
    return time.perf_counter() - start, done, sentences, matches, len(names)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--orbita", required=True)
    ap.add_argument("--corpus", required=True, type=pathlib.Path)
    ap.add_argument("--out", default="build/bench", type=pathlib.Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--scales", default="1,2,4")
    ap.add_argument("--spacy-limit-mb", type=float, default=0, help="stop the spaCy reference after this many MB (0: all)")
    a = ap.parse_args()
    orbita = pathlib.Path(a.orbita).resolve()
    a.out.mkdir(parents=True, exist_ok=True)
    corpus = a.corpus.resolve()
    scales = [int(s) for s in a.scales.split(",")]
    corpora = {k: corpus if k == 1 else repeated_corpus(corpus, (a.out / f"corpus-{k}x").resolve(), k) for k in scales}
    # Rounds of one run per scale, not all runs of one scale in a row: the machine's
    # speed drifts over minutes, and interleaving lets the drift touch every scale alike.
    runs = {k: [] for k in scales}
    for r in range(a.runs):
        for k in scales:
            runs[k].append(bench_orbita(orbita, corpora[k], a.out.resolve(), a.threads))
            wall, peak, _ = runs[k][-1]
            print(f"round {r + 1}/{a.runs}: orbita {k}x {wall:.2f} s, peak RSS {peak:.0f} MiB", flush=True)
    rows = []
    for k in scales:
        walls = [w for w, _, _ in runs[k]]
        med = statistics.median(walls)
        timings = next(t for w, _, t in runs[k] if w == med) if med in walls else runs[k][0][2]
        size = corpus_bytes(corpora[k])
        rows.append((k, size, med, max(p for _, p, _ in runs[k]), timings, walls))
        print(f"orbita {k}x: {size/1e6:.1f} MB in {med:.2f} s (median of {a.runs}: {', '.join(f'{w:.2f}' for w in walls)}), "
              f"{size/1e6/med:.1f} MB/s, peak RSS {rows[-1][3]:.0f} MiB; {timings}", flush=True)
    base = rows[0][2]
    # Each round's time against the same round's 1x time, then the median over rounds.
    paired = {k: statistics.median(w / runs[scales[0]][i][0] for i, (w, _, _) in enumerate(runs[k])) for k in scales}
    sp_time, sp_bytes, sp_sents, sp_matches, n_names = bench_spacy(corpus, a.spacy_limit_mb)
    sp_rate = sp_bytes / 1e6 / sp_time
    orb_rate = rows[0][1] / 1e6 / rows[0][2]
    print(f"spaCy reference: {sp_bytes/1e6:.1f} MB in {sp_time:.1f} s = {sp_rate:.2f} MB/s "
          f"({sp_sents} sentences, {sp_matches} matches over {n_names} names)", flush=True)
    md = ["# orbita benchmarks", "",
          f"Machine: {os.cpu_count()} cores. Command: `make bench` "
          f"(`python tests/bench/bench.py --orbita {a.orbita} --corpus {a.corpus}`).", "",
          f"Runs in {a.runs} rounds of one build per corpus; medians over rounds. \"time vs 1x\" is the ratio of the medians; "
          "\"paired\" is the median over rounds of each round's time against the same round's 1x time.", "",
          "| corpus | size | orbita build (median) | throughput | peak RSS | time vs 1x | paired | stage timings |",
          "|---|---:|---:|---:|---:|---:|---:|---|"]
    for scale, size, med, peak, timings, _ in rows:
        md.append(f"| White House {scale}x | {size/1e6:.0f} MB | {med:.2f} s | {size/1e6/med:.1f} MB/s | {peak:.0f} MiB | {med/base:.2f}x "
                  f"| {paired[scale]:.2f}x | {timings} |")
    md += ["", f"spaCy reference (blank English + sentencizer + PhraseMatcher over {n_names} knowledge-base names), same files: "
           f"{sp_bytes/1e6:.1f} MB in {sp_time:.1f} s = **{sp_rate:.2f} MB/s**.", "",
           f"orbita end to end (ingest, split, link, stance, aggregate, Parquet) vs the spaCy reference (split and match only): "
           f"**{orb_rate/sp_rate:.0f}x**.", ""]
    (a.out / "results.md").write_text("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
