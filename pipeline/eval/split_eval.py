#!/usr/bin/env python3
"""Score orbita's sentence splitter and its peers side by side.

Sets (from ../shared/eval relative to the repo root, or --eval-dir):
  * the 48 English "Golden Rules" (a case passes when the stripped sentence
    list equals the expected list exactly);
  * UD English EWT test documents (sentence precision / recall / F1: a
    predicted sentence counts when its start and end, compared in
    non-whitespace character coordinates, equal a gold sentence's);
  * throughput in MB/s of UTF-8 text per second of single-thread CPU time
    (not wall time, so that a busy machine does not skew the comparison) on
    a sample of the White House corpus (--speed-corpus, default
    /tmp/wh/whitehouse; the EWT texts if absent).

orbita's predictions come from `cargo run --release -p orbita-split --example
sbd_predict` (override with --orbita-cmd). Peers: pySBD, syntok, blingfire,
spaCy's rule-based sentencizer (pipeline/eval/requirements-split.txt); a peer
that is not installed is reported as such.

Run from the repo root:
  python pipeline/eval/split_eval.py
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def nonws_prefix(text: str) -> list[int]:
    """prefix[i] = number of non-whitespace characters in text[:i]."""
    out = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        out[i] = n
        if not ch.isspace():
            n += 1
    out[len(text)] = n
    return out


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def spans_to_keys(text: str, spans, prefix) -> set[tuple[int, int]]:
    keys = set()
    for s, e in spans:
        s, e = trim(text, s, e)
        if s < e:
            keys.add((prefix[s], prefix[e]))
    return keys


def gold_spans(doc: dict) -> list[tuple[int, int]]:
    text, pos, out = doc["text"], 0, []
    for sent in doc["sentences"]:
        i = text.find(sent, pos)
        if i < 0:
            raise SystemExit(f"gold sentence not found in {doc.get('doc_id')}: {sent[:60]!r}")
        out.append((i, i + len(sent)))
        pos = i + len(sent)
    return out


# ---------------------------------------------------------------- splitters
# Each returns a function text -> list of (start, end) character spans.

def make_orbita(cmd: list[str]):
    cache: dict[str, list] = {}

    def prime(texts: list[str]) -> None:
        todo = [t for t in dict.fromkeys(texts) if t not in cache]
        if not todo:
            return
        payload = "".join(json.dumps({"text": t}) + "\n" for t in todo)
        res = subprocess.run(cmd, input=payload, capture_output=True, text=True, encoding="utf-8")
        if res.returncode != 0:
            raise SystemExit(f"orbita predictor failed ({' '.join(cmd)}):\n{res.stderr}")
        lines = [l for l in res.stdout.splitlines() if l.strip()]
        if len(lines) != len(todo):
            raise SystemExit(f"orbita predictor returned {len(lines)} lines for {len(todo)} texts")
        for t, line in zip(todo, lines):
            cache[t] = [tuple(p) for p in json.loads(line)["spans"]]

    def split(text: str):
        if text not in cache:
            prime([text])
        return cache[text]

    split.prime = prime
    return split


def orbita_speed(cmd: list[str], texts: list[str]) -> float:
    payload = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    total = sum(len(t.encode("utf-8")) for t in texts)
    repeat = max(3, int(200e6 / max(total, 1)))
    res = subprocess.run(cmd + ["--repeat", str(repeat)], input=payload, capture_output=True,
                         text=True, encoding="utf-8")
    if res.returncode != 0:
        raise SystemExit(f"orbita predictor failed:\n{res.stderr}")
    stat = json.loads(res.stderr.strip().splitlines()[-1])
    return stat["bytes"] / stat["seconds"] / 1e6


def make_pysbd():
    import pysbd
    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text):
        return [(s.start, s.end) for s in seg.segment(text)]
    return split, f"pySBD {pysbd.__version__ if hasattr(pysbd, '__version__') else ''}".strip()


def make_syntok():
    import syntok.segmenter as segmenter
    from importlib.metadata import version

    def split(text):
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                toks = [t for t in sentence]
                if toks:
                    out.append((toks[0].offset, toks[-1].offset + len(toks[-1].value)))
        return out
    return split, f"syntok {version('syntok')}"


def make_blingfire():
    import blingfire
    from importlib.metadata import version

    def split(text):
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [(s, e) for s, e in offsets]
    return split, f"blingfire {version('blingfire')}"


def make_spacy():
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000

    def split(text):
        return [(s.start_char, s.end_char) for s in nlp(text).sents]
    return split, f"spaCy {spacy.__version__} sentencizer"


def speed_of(split, texts: list[str]) -> float:
    """MB/s of UTF-8 input per second of this thread's CPU time (robust to a busy machine)."""
    total = sum(len(t.encode("utf-8")) for t in texts)
    start = time.thread_time()
    for t in texts:
        split(t)
    return total / (time.thread_time() - start) / 1e6


# ---------------------------------------------------------------- scoring

def golden_score(split, rules) -> tuple[int, list[int]]:
    passed, failed = 0, []
    for r in rules:
        text = r["text"]
        got = [text[s:e].strip() for s, e in split(text)]
        got = [g for g in got if g]
        if got == [x.strip() for x in r["sentences"]]:
            passed += 1
        else:
            failed.append(r["rule_no"])
    return passed, failed


def ewt_score(split, docs) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for d in docs:
        text = d["text"]
        prefix = nonws_prefix(text)
        gold = spans_to_keys(text, gold_spans(d), prefix)
        pred = spans_to_keys(text, split(text), prefix)
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def speed_texts(corpus: Path | None, budget: int, fallback: list[str]) -> tuple[list[str], str]:
    if corpus and corpus.is_dir():
        files = sorted(p for p in corpus.rglob("*.md"))
        # A deterministic spread over the corpus: every k-th file.
        step = max(1, len(files) // 400)
        texts, size = [], 0
        for p in files[::step]:
            t = p.read_text(encoding="utf-8", errors="replace")
            texts.append(t)
            size += len(t.encode("utf-8"))
            if size >= budget:
                break
        if texts:
            return texts, f"{len(texts)} White House files, {size / 1e6:.2f} MB"
    size = sum(len(t.encode("utf-8")) for t in fallback)
    return fallback, f"UD EWT texts, {size / 1e6:.2f} MB"


def main() -> int:
    root = Path.cwd()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=root.parent / "shared" / "eval")
    ap.add_argument("--speed-corpus", type=Path,
                    default=Path(os.environ.get("ORBITA_BENCH_CORPUS", "/tmp/wh/whitehouse")))
    ap.add_argument("--speed-bytes", type=int, default=1_000_000,
                    help="size of the speed sample (peers run it once)")
    ap.add_argument("--orbita-cmd", default="cargo run --release -q -p orbita-split --example sbd_predict --",
                    help="command that runs the predictor")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput column")
    ap.add_argument("--show-failures", action="store_true", help="list failed Golden Rules per splitter")
    args = ap.parse_args()

    rules = load_jsonl(args.eval_dir / "sbd_golden" / "english_golden_rules.jsonl")
    docs = load_jsonl(args.eval_dir / "ud_ewt" / "en_ewt_test_documents.jsonl")
    texts, speed_desc = speed_texts(None if args.no_speed else args.speed_corpus, args.speed_bytes,
                                    [d["text"] for d in docs])

    cmd = shlex.split(args.orbita_cmd)
    orbita = make_orbita(cmd)
    orbita.prime([r["text"] for r in rules] + [d["text"] for d in docs])

    rows = []
    g, failed = golden_score(orbita, rules)
    p, r, f = ewt_score(orbita, docs)
    mbs = None if args.no_speed else orbita_speed(cmd, texts)
    rows.append(("orbita-split", g, failed, p, r, f, mbs))

    for make in (make_pysbd, make_syntok, make_blingfire, make_spacy):
        try:
            split, name = make()
        except ImportError as e:
            rows.append((f"{make.__name__[5:]} (not installed: {e.name})", None, [], None, None, None, None))
            continue
        g, failed = golden_score(split, rules)
        p, r, f = ewt_score(split, docs)
        mbs = None if args.no_speed else speed_of(split, texts)
        rows.append((name, g, failed, p, r, f, mbs))

    def fmt(x, spec):
        return "—" if x is None else format(x, spec)

    print(f"Sentence splitting: Golden Rules ({len(rules)}), UD EWT test ({len(docs)} docs, "
          f"{sum(len(d['sentences']) for d in docs)} sentences), speed on {speed_desc}")
    print()
    print("| splitter | Golden Rules | EWT P | EWT R | EWT F1 | MB/s |")
    print("|---|---|---|---|---|---|")
    for name, g, failed, p, r, f, mbs in rows:
        gr = "—" if g is None else f"{g}/{len(rules)}"
        print(f"| {name} | {gr} | {fmt(p, '.3f')} | {fmt(r, '.3f')} | {fmt(f, '.3f')} | {fmt(mbs, '.2f')} |")
    if args.show_failures:
        print()
        for name, g, failed, *_ in rows:
            if failed:
                print(f"{name}: failed rules {failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
