#!/usr/bin/env python3
"""Draws the sentences of the stance annotation set by a seeded random procedure.

Three kinds of text: UN General Debate speeches (`un`, the speaker is the delegation),
White House briefing-room documents (`wh`, the speaker is the United States) and news
analysis (`news`, the seed articles: no speaker). A candidate sentence names at least one
side other than the speaker (a speech: the speaker is always a side), or two sides in
news. Sides are found with a plain name list built from `data/kb` (country names,
capitals, demonyms) and a few blocs, independent of the linker's own matching rules.
About 65 % of the drawn sentences hold a stance word (a fixed list below), the rest not,
so that the set measures precision on neutral mentions as well as recall.

Documents are drawn first (at most one sentence each; two for the longer White House
files), so the set spreads over speakers, years and topics. The split is by document:
a document whose seeded hash falls under 35 % goes to `test` entirely.

Input: sentence dumps (JSON lines {"doc", "date", "sentences", "extra"}) made with the
real ingest and splitter, so the sentence openings match what orbita reads. Output: one
JSON line per drawn sentence with its context, for the annotators.

    python3 pipeline/eval/stance/tools/sample_pairs.py --un ungdc_sents.jsonl \
        --wh wh_sents.jsonl --news seeds_sents.jsonl --out draw.jsonl
    # a second round, new documents only:
    python3 pipeline/eval/stance/tools/sample_pairs.py ... --round 2 --exclude-draw draw.jsonl \
        --un-docs 160 --wh-docs 80 --out draw2.jsonl
    # once the speeches run out (round 9): a further sentence of documents drawn before, whose
    # drawn sentences are left out; a document keeps its split
    python3 pipeline/eval/stance/tools/sample_pairs.py ... --round 9 --again --exclude-draw draw.jsonl ... \
        --drop-pairs pairs.tsv --out draw9.jsonl
"""
import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261207
TEST_SHARE = 0.35
STANCE_WORDS = (
    "ally allies alliance partner partners partnership friend friends friendly friendship support supports supported "
    "solidarity cooperation cooperate condemn condemns condemned condemnation denounce deplore reject rejects regret "
    "aggression invasion invaded occupation occupying war sanction sanctions embargo blockade coercive threat threats "
    "threatens hostile enemy enemies adversary rival rivalry tension tensions dispute conflict recognize recognized "
    "recognition thank thanks gratitude welcome welcomes brotherly sister strategic agreement relations ties attack "
    "attacks annexation annexed violation violations illegal sovereignty integrity oppose opposes opposed against "
    "pressure interference aid assistance"
).split()
STANCE_RE = re.compile(r"\b(" + "|".join(sorted(set(STANCE_WORDS), key=len, reverse=True)) + r")\b", re.I)
BLOCS = {
    "NATO": "NATO", "European Union": "EU", "EU": "EU", "African Union": "AU", "ASEAN": "ASEAN", "BRICS": "BRICS",
    "Warsaw Pact": "WARSAW", "Arab League": "ARAB_LEAGUE", "League of Arab States": "ARAB_LEAGUE",
    "Gulf Cooperation Council": "GCC", "CARICOM": "CARICOM", "G7": "G7", "G-7": "G7", "Group of Seven": "G7",
    "Soviet Union": "SUN", "USSR": "SUN", "Yugoslavia": "YUG", "Czechoslovakia": "CSK",
}


def load_names(kb: Path):
    names = {}
    for line in (kb / "countries.tsv").read_text().splitlines():
        if line.startswith("#") or line.startswith("id\t"):
            continue
        f = line.split("\t")
        for n in f[4].split("|") + [f[3]]:
            names.setdefault(n, f[0])
    for line in (kb / "country_names.tsv").read_text().splitlines():
        if line.startswith("#") or line.startswith("id\t"):
            continue
        f = line.split("\t")
        if len(f) < 3 or f[1] not in ("country", "display", "capital", "demonym", "metonym"):
            continue
        for n in f[2].split("|"):
            names.setdefault(n, f[0])
    names.update(BLOCS)
    # Short or ambiguous keys make noise in a plain matcher: keep names of 4+ characters and the
    # usual abbreviations of the powers.
    keep = {n: c for n, c in names.items() if len(n) >= 4 or n in ("U.S.", "UK", "U.K.", "USA", "EU", "NATO", "G7")}
    pat = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in sorted(keep, key=len, reverse=True)) + r")s?(?!\w)")
    return keep, pat


def sides(sentence, names, pat):
    return sorted({names[m.group(1)] for m in pat.finditer(sentence)})


def h(*parts):
    return int.from_bytes(hashlib.sha256("\x1f".join(map(str, (SEED,) + parts)).encode()).digest()[:8], "big")


def split_of(doc):
    return "test" if h("split", doc) % 10000 < TEST_SHARE * 10000 else "dev"


def key(sentence):
    """The sentence's key: its first run of 8 words without digits (whitespace collapsed), so
    that page numbers and document symbols left in a speech ("27 11-51670") stay out of it;
    the evaluation finds the sentence that contains the key. A shorter sentence: all of it."""
    words = sentence.split()
    for i in range(0, max(1, len(words) - 7)):
        run = words[i:i + 8]
        if not any(ch.isdigit() for w in run for ch in w):
            return " ".join(run)
    return " ".join(words)


def earlier_pairs(path, round_):
    """The rows of pairs.tsv (as field lists) from the rounds before `round_` (ids `s…` are round 1,
    `r<N>s…` round N): a round's draw is remade the same way once pairs.tsv holds it and later rounds."""
    out = []
    for line in open(path):
        if line.startswith("#") or line.startswith("id\t"):
            continue
        f = line.rstrip("\n").split("\t")
        m = re.match(r"r(\d+)s", f[0])
        if (int(m.group(1)) if m else 1) < round_:
            out.append(f)
    return out


def draw(path, kind, n_docs, per_doc, speaker_of, exclude_docs, exclude_keys, names, pat, rng, years=None, drawn_keys=frozenset()):
    docs = []
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            if d["doc"] in exclude_docs:
                continue
            if years and not years(d):
                continue
            docs.append(d)
    docs.sort(key=lambda d: d["doc"])
    rng.shuffle(docs)
    out = []
    for d in docs:
        if len([o for o in out]) >= n_docs * per_doc:
            break
        spk = speaker_of(d)
        sents = d["sentences"]
        cands = []
        for i, s in enumerate(sents):
            if len(s) > 600 or len(s.split()) < 6 or any(" ".join(s.split()).startswith(x) for x in exclude_keys):
                continue
            if drawn_keys and key(s) in drawn_keys:
                continue
            sd = sides(s, names, pat)
            others = [x for x in sd if x != spk]
            if (spk and others) or len(sd) >= 2:
                cands.append((i, s, sd))
        if not cands:
            continue
        want_stance = rng.random() < 0.65
        pool = [c for c in cands if bool(STANCE_RE.search(c[1])) == want_stance] or cands
        picks = rng.sample(pool, min(per_doc, len(pool)))
        for i, s, sd in sorted(picks):
            k = key(s)
            if sum(1 for x in sents if k in " ".join(x.split())) > 1:
                continue
            out.append({
                "kind": kind, "doc": d["doc"], "speaker": spk or "", "date": d.get("date"),
                "split": split_of(d["doc"]), "sentence": s, "key": k, "sides": sd,
                "before": sents[max(0, i - 2):i], "after": sents[i + 1:i + 2], "stance_word": bool(STANCE_RE.search(s)),
            })
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--un", required=True)
    ap.add_argument("--wh", required=True)
    ap.add_argument("--news", required=True)
    ap.add_argument("--kb", default="data/kb")
    ap.add_argument("--dev-tsv", default="pipeline/eval/stance/dev.tsv")
    ap.add_argument("--un-docs", type=int, default=420)
    ap.add_argument("--wh-docs", type=int, default=170)
    ap.add_argument("--out", required=True)
    ap.add_argument("--round", type=int, default=1, help="a later round draws new documents with its own seed")
    ap.add_argument("--exclude-draw", action="append", default=[], help="an earlier round's draw: its documents are not drawn again")
    ap.add_argument("--drop-pairs", help="pairs.tsv: drawn sentences of documents its rows of earlier rounds hold are dropped "
                    "after the draw (round 4: the earlier rounds' draws are kept only as pairs.tsv)")
    ap.add_argument("--again", action="store_true", help="draw a further sentence from the documents of the --exclude-draw "
                    "draws and of --drop-pairs: their drawn sentences are left out instead of the documents (a document keeps "
                    "its split)")
    ap.add_argument("--remap", action="append", default=[], help="FROM:TO:UNTIL_YEAR: a UN speaker id remapped as data/speakers.toml does "
                    "(RUS:SUN:1991)")
    a = ap.parse_args()
    names, pat = load_names(Path(a.kb))
    ex_docs, ex_keys = set(), set()
    for line in Path(a.dev_tsv).read_text().splitlines():
        if line.startswith("#") or line.startswith("doc\t"):
            continue
        f = line.split("\t")
        ex_docs.add(f[0])
        ex_keys.add(" ".join(f[1].split()))
    drawn = set()
    for path in a.exclude_draw:
        for line in open(path):
            d = json.loads(line)
            if a.again:
                drawn.add(d["key"])
            else:
                ex_docs.add(d["doc"])
    held = earlier_pairs(a.drop_pairs, a.round) if a.drop_pairs else []
    if a.again:
        drawn |= {f[5] for f in held}
    rng = random.Random(SEED if a.round == 1 else SEED + a.round)
    # UN speeches: 70 % from 2000-2024, 30 % from 1946-1999 (two draws, both seeded).
    recent = draw(a.un, "un", int(a.un_docs * 0.7), 1, lambda d: d["extra"]["speaker"], ex_docs, ex_keys, names, pat, rng,
                  years=lambda d: d["extra"]["year"] >= 2000, drawn_keys=drawn)
    older = draw(a.un, "un", a.un_docs - int(a.un_docs * 0.7), 1, lambda d: d["extra"]["speaker"], ex_docs, ex_keys, names, pat, rng,
                 years=lambda d: d["extra"]["year"] < 2000, drawn_keys=drawn)
    wh = draw(a.wh, "wh", a.wh_docs, 2, lambda d: "USA", {x for x in ex_docs}, ex_keys, names, pat, rng, drawn_keys=drawn)
    # News: the seed articles' sentences that the older development set does not list (first round only).
    news = draw(a.news, "news", 2, 60, lambda d: None, set(), ex_keys, names, pat, rng) if a.round == 1 else []
    rows = recent + older + wh + news
    for spec in a.remap:
        frm, to, until = spec.split(":")
        for r in rows:
            m = re.match(r"ungdc/([A-Z]+)_\d+_(\d{4})$", r["doc"])
            if m and m.group(1) == frm and r["speaker"] == frm and int(m.group(2)) <= int(until):
                r["speaker"] = to
    for i, r in enumerate(rows):
        r["sid"] = f"s{i + 1:04d}" if a.round == 1 else f"r{a.round}s{i + 1:04d}"
    if held and not a.again:
        held_docs = {f[3] for f in held}
        rows = [r for r in rows if r["doc"] not in held_docs]
    with open(a.out, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print(Counter((r["kind"], r["split"]) for r in rows), file=sys.stderr)


if __name__ == "__main__":
    main()
