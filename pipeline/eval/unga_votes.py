#!/usr/bin/env python3
"""External check: do alignment scores toward Russia separate how countries voted
on the UN General Assembly's Ukraine resolutions?

Truth: ../shared/eval/unga/votes_dev.csv (A/RES/68/262, 2014, Crimea; A/RES/ES-11/1,
2022, aggression against Ukraine): every member's vote Y/N/A/X. Positive class:
No or Abstain (closer to Russia); negative: Yes; X (absent) is left out.

Three methods, each scored per resolution on the General Debate speeches of the
resolution's year (2014, 2022; `--years` changes them):

  orbita   the built dataset's `alignment` score of the country toward RUS for
           that year (period "2014"/"2022"), from the perspective restricted to
           the UN speeches' source ("source:UN General Debate Corpus") when the
           table has it, else "all" (the script says which).
  keywords in the year's speeches (../shared/corpora/ungdc-1946-2024.jsonl.zst),
           the sentences naming Russia (Russia, Russian Federation, Russian,
           Moscow, Kremlin, Putin): friendly minus hostile words of the fixed
           lists FRIENDLY and HOSTILE below, averaged over those sentences of a
           speech.
  vader    VADER compound sentiment (vaderSentiment) of the same sentences,
           averaged per speech.

A voting member without a score (no row; no speech or no sentence naming
Russia) scores 0. Reported per method and resolution: ROC AUC (rank formula,
ties as the Mann-Whitney average), Spearman's rho with the vote coded
Y=-1, A=0, N=+1 (average ranks), and coverage (share of the scored voting
members that have a score of their own). Published figures for the peers on
ES-11/1 with the 2022 speeches: keywords AUC 0.665, VADER 0.633 (our word lists
differ from the published ones).

Usage, from the repo root:
  python pipeline/eval/unga_votes.py [DATASET] [--votes CSV] [--corpus ZST]
      [--years 2014,2022] [--json OUT.json] [--no-peers]

DATASET defaults to data/datasets/latest; when it has no alignment table the
orbita rows are left out (and said so). Needs pyarrow for the dataset,
vaderSentiment and zstandard for the peers. Exit code 0, 2 on a missing input.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
UN_SOURCE = "UN General Debate Corpus"
TARGET = "RUS"
# The speech year each resolution is read against (the General Debate precedes
# the vote in 2014 by six months and follows it in 2022: both are that year's).
DEFAULT_YEARS = {"A/RES/68/262": 2014, "A/RES/ES-11/1": 2022}
VOTE_CODE = {"Y": -1, "A": 0, "N": 1}

# Sentences that name Russia.
RUSSIA = re.compile(r"\b(?:Russian Federation|Russia|Russian|Moscow|Kremlin|Putin)\b")
# Fixed word lists of the keyword peer, chosen before looking at any vote: words
# of cooperation and of conflict/condemnation as the debate uses them. Matched
# case-insensitively as whole words; a listed stem matches its inflections
# written here in full.
FRIENDLY = frozenset(
    """friend friends friendly friendship partner partners partnership partnerships cooperation cooperate
    cooperating cooperative ally allies alliance support supports supported supporting solidarity brotherly
    fraternal strategic dialogue welcome welcomes welcomed thank thanks grateful gratitude appreciate
    appreciation agreement agreements mutual mutually together constructive peaceful initiative initiatives
    trust assistance help helped""".split()
)
HOSTILE = frozenset(
    """aggression aggressive aggressor invasion invade invaded invading occupation occupied occupying occupier
    annexation annex annexed violation violations violate violated violating war wars attack attacks attacked
    condemn condemns condemned condemnation illegal illegally illegitimate unlawful sanctions threat threats
    threaten threatens brutal brutality atrocities atrocity crimes criminal unprovoked withdraw withdrawal
    destruction destroyed killing killed bombing bombardment nuclear blackmail imperial imperialism
    expansionism""".split()
)
WORD = re.compile(r"[A-Za-z]+")


# ---------------------------------------------------------------- statistics


def average_ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties get the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def roc_auc(scores: list[float], positive: list[bool]) -> float:
    """P(score of a positive > score of a negative), ties counted one half:
    the Mann-Whitney U of the positives over n_pos * n_neg, from average ranks."""
    n_pos = sum(positive)
    n_neg = len(positive) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = average_ranks(scores)
    rank_sum = sum(r for r, p in zip(ranks, positive) if p)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def spearman(x: list[float], y: list[float]) -> float:
    """Pearson correlation of the average ranks."""
    if len(x) < 2:
        return float("nan")
    rx, ry = average_ranks(x), average_ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return float("nan")
    return sxy / (sxx * syy) ** 0.5


def score_against_votes(scores: dict[str, float], votes: dict[str, str]) -> dict:
    """AUC, Spearman and coverage of `scores` (country -> score; a member
    without one scores 0) against `votes` (country -> Y/N/A/X; X left out)."""
    members = sorted(c for c, v in votes.items() if v in VOTE_CODE)
    xs = [scores.get(c, 0.0) for c in members]
    auc = roc_auc(xs, [votes[c] in ("N", "A") for c in members])
    rho = spearman(xs, [float(VOTE_CODE[votes[c]]) for c in members])
    covered = sum(1 for c in members if c in scores)
    return {
        "auc": auc,
        "spearman": rho,
        "coverage": covered / len(members) if members else float("nan"),
        "members": len(members),
        "yes": sum(1 for c in members if votes[c] == "Y"),
        "no_or_abstain": sum(1 for c in members if votes[c] in ("N", "A")),
    }


# ---------------------------------------------------------------- inputs


def load_votes(path: Path) -> dict[str, dict[str, str]]:
    """resolution -> country -> vote."""
    return load_vote_file(path)[0]


def load_vote_file(path: Path) -> tuple[dict[str, dict[str, str]], dict[str, int], dict[str, str]]:
    """resolution -> country -> vote; resolution -> the year of its vote (its `date`); resolution ->
    the side a No or an abstention leans toward (the optional `target` column; RUS without it)."""
    out: dict[str, dict[str, str]] = {}
    year: dict[str, int] = {}
    target: dict[str, str] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            r = row["resolution"]
            out.setdefault(r, {})[row["country_iso3"]] = row["vote"]
            if row.get("date", "")[:4].isdigit():
                year.setdefault(r, int(row["date"][:4]))
            target.setdefault(r, (row.get("target") or TARGET).strip())
    return out, year, target


def orbita_scores(dataset: Path, years: list[int], target: str = TARGET) -> tuple[dict[int, dict[str, float]], str, dict]:
    """Scores toward `target` per year from the alignment table, the perspective
    used, and what the dataset holds of the UN speeches."""
    import pyarrow.parquet as pq

    table = pq.read_table(dataset / "alignment.parquet", columns=["country", "target", "period", "perspective", "score"])
    rows = [r for r in table.to_pylist() if r["target"] == target]
    perspectives = {r["perspective"] for r in rows}
    perspective = f"source:{UN_SOURCE}" if f"source:{UN_SOURCE}" in perspectives else "all"
    out: dict[int, dict[str, float]] = {y: {} for y in years}
    for r in rows:
        if r["perspective"] == perspective and r["period"].isdigit() and int(r["period"]) in out:
            out[int(r["period"])][r["country"]] = r["score"]
    info = {"documents": 0, "un_documents": 0, "with_speaker": None}
    docs_path = dataset / "documents.parquet"
    if docs_path.exists():
        names = pq.read_schema(docs_path).names
        cols = ["source"] + (["speaker"] if "speaker" in names else [])
        docs = pq.read_table(docs_path, columns=cols).to_pydict()
        info["documents"] = len(docs["source"])
        un = [i for i, s in enumerate(docs["source"]) if s == UN_SOURCE]
        info["un_documents"] = len(un)
        if "speaker" in docs:
            info["with_speaker"] = sum(1 for i in un if docs["speaker"][i])
    return out, perspective, info


def load_speeches(corpus: Path, years: set[int]) -> dict[int, dict[str, str]]:
    """year -> delegation -> speech text, for the wanted years."""
    import io

    import zstandard

    out: dict[int, dict[str, str]] = {y: {} for y in years}
    with open(corpus, "rb") as raw:
        reader = io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(raw), encoding="utf-8")
        for line in reader:
            # Cheap pre-filter on the year before parsing the JSON line.
            if not any(f'"year": {y}' in line or f'"year":{y}' in line for y in years):
                continue
            rec = json.loads(line)
            if rec.get("year") in out:
                out[rec["year"]][rec["country_iso3"]] = rec["text"]
    return out


# ---------------------------------------------------------------- the peers


def sentences(text: str) -> list[str]:
    """Rough sentences of a speech: hyphenated line breaks joined, lines
    unwrapped, cut after . ! ? followed by space and a capital or a quote."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = re.sub(r"\s+", " ", text)
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[\"'“(A-Z0-9])", text) if s.strip()]


def russia_sentences(text: str) -> list[str]:
    return [s for s in sentences(text) if RUSSIA.search(s)]


def keyword_score(sentence: str) -> int:
    words = [w.lower() for w in WORD.findall(sentence)]
    return sum(w in FRIENDLY for w in words) - sum(w in HOSTILE for w in words)


def peer_scores(speeches: dict[str, str], method: str) -> dict[str, float]:
    """Per delegation: the mean over its sentences naming Russia (none: no score)."""
    if method == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()

        def one(s: str) -> float:
            return analyzer.polarity_scores(s)["compound"]
    else:

        def one(s: str) -> float:
            return float(keyword_score(s))

    out = {}
    for country, text in speeches.items():
        found = russia_sentences(text)
        if found:
            out[country] = sum(one(s) for s in found) / len(found)
    return out


# ---------------------------------------------------------------- main


def fmt(x: float) -> str:
    return "n/a" if x != x else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", nargs="?", default=str(REPO / "data/datasets/latest"))
    ap.add_argument("--votes", action="append", help="a votes CSV (repeatable; default ../shared/eval/unga/votes_dev.csv); "
                    "an optional `target` column names the side a No or an abstention leans toward (RUS without it)")
    ap.add_argument("--corpus", default=str(SHARED / "corpora/ungdc-1946-2024.jsonl.zst"))
    ap.add_argument("--years", help="speech year per resolution, in date order (default 2014,2022)")
    ap.add_argument("--json", help="also write the results as JSON to this file")
    ap.add_argument("--no-peers", action="store_true", help="skip the keyword and VADER peers")
    args = ap.parse_args(argv)

    votes: dict[str, dict[str, str]] = {}
    vote_year: dict[str, int] = {}
    targets: dict[str, str] = {}
    for vp in args.votes or [str(SHARED / "eval/unga/votes_dev.csv")]:
        votes_path = Path(vp)
        if not votes_path.exists():
            print(f"unga_votes: no votes file {votes_path}", file=sys.stderr)
            return 2
        v, y, t = load_vote_file(votes_path)
        votes.update(v)
        vote_year.update(y)
        targets.update(t)
    # The speech year of a resolution: its declared one, else the year of the vote.
    resolutions = sorted(votes, key=lambda r: (DEFAULT_YEARS.get(r, vote_year.get(r, 9999)), r))
    years = {r: DEFAULT_YEARS.get(r, vote_year.get(r, 2022)) for r in resolutions}
    if args.years:
        given = [int(y) for y in args.years.split(",")]
        if len(given) != len(resolutions):
            print(f"unga_votes: --years needs {len(resolutions)} years ({', '.join(resolutions)})", file=sys.stderr)
            return 2
        years = dict(zip(resolutions, given))

    results = []
    notes = []
    dataset = Path(args.dataset)
    if (dataset / "alignment.parquet").exists():
        scored = {}
        for t in sorted(set(targets.values())):
            scored[t] = orbita_scores(dataset, sorted(set(years.values())), t)
        by_target = {t: x[0] for t, x in scored.items()}
        _, perspective, info = scored[TARGET] if TARGET in scored else next(iter(scored.values()))
        notes.append(
            f"orbita: {dataset.resolve().name}, perspective {perspective!r}; {info['documents']} documents, "
            f"{info['un_documents']} with source {UN_SOURCE!r}"
            + ("" if info["with_speaker"] is None else f" ({info['with_speaker']} with a speaker)")
            + ("" if info["un_documents"] else " -- the dataset has no UN speeches: its scores come from other sources")
        )
        for r in resolutions:
            results.append({"method": "orbita", "resolution": r, "target": targets[r], "year": years[r],
                            **score_against_votes(by_target[targets[r]][years[r]], votes[r])})
    else:
        notes.append(f"orbita: no alignment table in {dataset}: left out")

    if not args.no_peers:
        corpus = Path(args.corpus)
        if not corpus.exists():
            print(f"unga_votes: no corpus {corpus}", file=sys.stderr)
            return 2
        # The peers read sentences naming Russia: they score the resolutions whose target is RUS.
        speeches = load_speeches(corpus, {years[r] for r in resolutions if targets[r] == TARGET})
        for method in ("keywords", "vader"):
            for r in (r for r in resolutions if targets[r] == TARGET):
                scores = peer_scores(speeches[years[r]], method)
                results.append({"method": method, "resolution": r, "target": TARGET, "year": years[r], **score_against_votes(scores, votes[r])})
        notes.append("speeches: " + ", ".join(f"{y}: {len(s)}" for y, s in sorted(speeches.items())))

    print("| method | resolution | toward | speeches of | AUC (No+Abstain vs Yes) | Spearman (Y=-1, A=0, N=+1) | coverage | members (Yes / No+Abstain) |")
    print("|---|---|---|---|---|---|---|---|")
    for x in results:
        print(
            f"| {x['method']} | {x['resolution']} | {x['target']} | {x['year']} | {fmt(x['auc'])} | {fmt(x['spearman'])} | "
            f"{x['coverage']:.1%} | {x['members']} ({x['yes']} / {x['no_or_abstain']}) |"
        )
    for n in notes:
        print(f"\n{n}", end="")
    print("\npublished peers on A/RES/ES-11/1 with the 2022 speeches: keywords AUC 0.665, VADER 0.633")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        # NaN (a class with no member) is not JSON: written as null.
        clean = [{k: (None if isinstance(v, float) and v != v else v) for k, v in x.items()} for x in results]
        Path(args.json).write_text(json.dumps({"results": clean, "notes": notes}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
