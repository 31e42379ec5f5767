#!/usr/bin/env python3
"""`make bench`: orbita end to end on a real corpus, against a spaCy reference.

Times `orbita build` on the corpus (median of --runs), with peak resident
memory and orbita's own per-stage timings; then on the corpus repeated 2x and
4x (each copy made distinct so that nothing collapses as a duplicate), to
show how time and memory grow; then a reference pipeline in Python doing the
same first steps with spaCy (blank English + sentencizer + a PhraseMatcher
over the knowledge base's names) on the same files. Writes the results as
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


def bench_orbita(orbita, corpus, out, runs, threads):
    walls, rss, timings = [], [], []
    for i in range(runs):
        dest = out / f"ds-{i}"
        shutil.rmtree(dest, ignore_errors=True)
        wall, peak, err = run_measured([orbita, "build", "--raw", corpus, "--out", dest, "--threads", str(threads)])
        walls.append(wall)
        rss.append(peak)
        timings.append(stage_timings(err))
        shutil.rmtree(dest, ignore_errors=True)
    med = statistics.median(walls)
    return med, max(rss), timings[walls.index(med)] if med in walls else timings[0], walls


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
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--scales", default="1,2,4")
    ap.add_argument("--spacy-limit-mb", type=float, default=0, help="stop the spaCy reference after this many MB (0: all)")
    a = ap.parse_args()
    orbita = pathlib.Path(a.orbita).resolve()
    a.out.mkdir(parents=True, exist_ok=True)
    corpus = a.corpus.resolve()
    rows = []
    base = None
    for scale in [int(s) for s in a.scales.split(",")]:
        c = corpus if scale == 1 else repeated_corpus(corpus, (a.out / f"corpus-{scale}x").resolve(), scale)
        size = corpus_bytes(c)
        med, peak, timings, walls = bench_orbita(orbita, c, a.out.resolve(), a.runs, a.threads)
        if scale == 1:
            base = med
        rows.append((scale, size, med, peak, timings, walls))
        print(f"orbita {scale}x: {size/1e6:.1f} MB in {med:.2f} s (median of {a.runs}: {', '.join(f'{w:.2f}' for w in walls)}), "
              f"{size/1e6/med:.1f} MB/s, peak RSS {peak:.0f} MiB; {timings}", flush=True)
    sp_time, sp_bytes, sp_sents, sp_matches, n_names = bench_spacy(corpus, a.spacy_limit_mb)
    sp_rate = sp_bytes / 1e6 / sp_time
    orb_rate = rows[0][1] / 1e6 / rows[0][2]
    print(f"spaCy reference: {sp_bytes/1e6:.1f} MB in {sp_time:.1f} s = {sp_rate:.2f} MB/s "
          f"({sp_sents} sentences, {sp_matches} matches over {n_names} names)", flush=True)
    md = ["# orbita benchmarks", "",
          f"Machine: {os.cpu_count()} cores. Command: `make bench` "
          f"(`python tests/bench/bench.py --orbita {a.orbita} --corpus {a.corpus}`).", "",
          "| corpus | size | orbita build (median) | throughput | peak RSS | time vs 1x | stage timings |",
          "|---|---:|---:|---:|---:|---:|---|"]
    for scale, size, med, peak, timings, _ in rows:
        md.append(f"| White House {scale}x | {size/1e6:.0f} MB | {med:.2f} s | {size/1e6/med:.1f} MB/s | {peak:.0f} MiB | {med/base:.2f}x | {timings} |")
    md += ["", f"spaCy reference (blank English + sentencizer + PhraseMatcher over {n_names} knowledge-base names), same files: "
           f"{sp_bytes/1e6:.1f} MB in {sp_time:.1f} s = **{sp_rate:.2f} MB/s**.", "",
           f"orbita end to end (ingest, split, link, stance, aggregate, Parquet) vs the spaCy reference (split and match only): "
           f"**{orb_rate/sp_rate:.0f}x**.", ""]
    (a.out / "results.md").write_text("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
