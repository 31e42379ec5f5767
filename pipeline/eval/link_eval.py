#!/usr/bin/env python3
"""Score orbita's entity linker (crate orbita-link, knowledge base data/kb).

Three measures, each printed with every miss:

  * recall on a name-variant list built from public data: every name that
    pycountry (name, official_name, common_name) and country_converter
    (name_short, name_official) know for a current ISO 3166-1 country, set
    inside a neutral sentence; a name counts as found when a mention whose
    `country` is that ISO code covers it exactly;
  * precision (and recall) on pipeline/eval/link_traps.tsv, hand-written trap
    sentences (homonyms, places inside places, leaders by date);
  * precision on pipeline/eval/link_sample_wh.tsv, a hand-checked sample of
    mentions from the White House corpus: the documents are linked again and
    every sampled mention still produced is compared with its verdict.

orbita's mentions come from `cargo run --release -p orbita-link --example
link_jsonl` (override with --orbita-cmd), which reads data/kb and prints one
JSON object per mention with character offsets.

Run from the repo root (needs `pip install -r pipeline/eval/requirements-link.txt`):
  python3 pipeline/eval/link_eval.py            # all three
  python3 pipeline/eval/link_eval.py --check    # exit 1 below the targets
The White House corpus is read from --corpus (default /tmp/wh/whitehouse); if
absent it is unpacked from ../shared/corpora/whitehouse-2021-2026.tar.zst.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

TEMPLATE = "On Tuesday, officials from {} met their counterparts."
TARGETS = {"recall": 0.995, "traps": 0.98, "sample": 0.98, "foreign": 0.98, "persons_precision": 0.98, "persons_recall": 0.95}


def run_linker(cmd: list[str], docs: list[dict]) -> dict[str, list[dict]]:
    """Links `docs` ({id, text, date}) and returns mentions by document id."""
    data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    out = subprocess.run(cmd, input=data, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"linker failed ({' '.join(cmd)}):\n{out.stderr}")
    by_doc: dict[str, list[dict]] = {d["id"]: [] for d in docs}
    for line in out.stdout.splitlines():
        m = json.loads(line)
        by_doc.setdefault(m["id"], []).append(m)
    return by_doc


# --- recall on the name-variant list -------------------------------------

def name_variants() -> list[tuple[str, str, str]]:
    """(ISO3, name, source) for every name the public packages know."""
    out: list[tuple[str, str, str]] = []
    try:
        import pycountry
    except ImportError:
        sys.exit("pycountry is not installed: pip install -r pipeline/eval/requirements-link.txt")
    current = {c.alpha_3 for c in pycountry.countries}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                out.append((c.alpha_3, v, f"pycountry.{attr}"))
    try:
        import country_converter
    except ImportError:
        print("  (country_converter not installed: its names are skipped)")
    else:
        path = Path(country_converter.__file__).parent / "country_data.tsv"
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                iso3 = row.get("ISO3", "")
                if iso3 not in current:
                    continue
                for col in ("name_short", "name_official"):
                    v = (row.get(col) or "").strip()
                    if v:
                        out.append((iso3, v, f"country_converter.{col}"))
    seen = set()
    uniq = []
    for iso3, name, src in out:
        if (iso3, name) not in seen:
            seen.add((iso3, name))
            uniq.append((iso3, name, src))
    return uniq


# ISO 3166-3 codes of withdrawn country names -> the knowledge base's id (a renamed state keeps its
# current id) and a date within the state's existence. Territories that were never states are left out.
ISO3166_3 = {
    "AFI": ("DJI", "1975-06-01"), "ANT": ("ANT", "2000-06-01"), "BUR": ("MMR", "1980-06-01"),
    "BYS": ("BLR", "1970-06-01"), "CSK": ("CSK", "1980-06-01"), "SCG": ("SCG", "2004-06-01"),
    "DDR": ("DDR", "1980-06-01"), "DHY": ("BEN", "1970-06-01"), "HVO": ("BFA", "1980-06-01"),
    "NHB": ("VUT", "1978-06-01"), "RHO": ("ZWE", "1975-06-01"), "SUN": ("SUN", "1980-06-01"),
    "TMP": ("TLS", "1999-06-01"), "VDR": ("VNM", "1970-06-01"), "YMD": ("YMD", "1980-06-01"),
    "YUG": ("YUG", "1980-06-01"), "ZAR": ("COD", "1990-06-01"),
}


def historical_variants() -> list[tuple[str, str, str, str]]:
    """(id, name, source, date): pycountry's ISO 3166-3 names (as written, and "Republic of X" for
    "X, Republic of") and the hand list pipeline/eval/link/historical_names.tsv."""
    import pycountry
    out = []
    for c in pycountry.historic_countries:
        if c.alpha_3 not in ISO3166_3:
            continue
        kb_id, date = ISO3166_3[c.alpha_3]
        parts = [p.strip() for p in c.name.replace("(Socialist) ", "").split(",")]
        # "Yemen, Democratic, People's Democratic Republic of": with three parts the first is only a sort key.
        names = {parts[0]} if len(parts) < 3 else set()
        for p in parts[1:]:
            names.add(p + " " + parts[0] if p.endswith(" of") or p.endswith(" of the") else p)
        for n in sorted(names):
            if n and n[0].isupper() and not n.endswith(("Democratic", "SSR Soviet Socialist Republic")):
                out.append((kb_id, n, "pycountry.historic_countries", date))
    path = Path(__file__).resolve().parent / "link" / "historical_names.tsv"
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        out.append((row["id"], row["name"], "historical_names.tsv", row["date"]))
    return out


def eval_recall(cmd: list[str]) -> float:
    variants = [(iso3, name, src, "2024-06-01") for iso3, name, src in name_variants()] + historical_variants()
    docs = []
    for i, (iso3, name, _, date) in enumerate(variants):
        docs.append({"id": f"v{i}", "text": TEMPLATE.format(name), "date": date})
    got = run_linker(cmd, docs)
    start = TEMPLATE.index("{}")
    misses = []
    exact = 0
    for i, (iso3, name, src, _) in enumerate(variants):
        # A leading "the" is not part of the name a reader links.
        lo = start + (4 if name.lower().startswith("the ") else 0)
        hi = start + len(name)
        inside = [m for m in got[f"v{i}"] if m["start"] < hi and m["end"] > lo]
        right = [m for m in inside if m["country"] == iso3]
        wrong = [m for m in inside if m["country"] != iso3]
        exact += any(m["start"] == lo and m["end"] == hi for m in right)
        if not right or wrong:
            found = ", ".join(f"{m['surface']}→{m['entity_id']}" for m in got[f"v{i}"]) or "nothing"
            misses.append(f"  miss  {iso3}  {name!r}  ({src}; linked: {found})")
    print(f"  (a name is found when a mention of its country covers part of it and no mention inside it names "
          f"another country; {exact}/{len(variants)} are covered exactly)")
    recall = 1 - len(misses) / len(variants)
    print(f"name variants: {len(variants) - len(misses)}/{len(variants)} found, recall {recall:.2%}")
    for line in misses:
        print(line)
    return recall


# --- traps ----------------------------------------------------------------

def parse_expected(field: str) -> list[tuple[str, str, str | None]]:
    out = []
    for part in field.split(" | "):
        part = part.strip()
        if not part:
            continue
        surface, target = part.rsplit("=", 1)
        entity, _, kind = target.partition("@")
        out.append((surface, entity, kind or None))
    return out


def read_tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def eval_traps(cmd: list[str], path: Path) -> float:
    rows = read_tsv(path)
    docs = [{"id": r["id"], "text": r["text"], "date": (r["date"] or "").strip() or None} for r in rows]
    got = run_linker(cmd, docs)
    produced = correct = expected_n = found_n = 0
    problems = []
    for r in rows:
        expected = parse_expected(r.get("expected") or "")
        remaining = list(expected)
        expected_n += len(expected)
        for m in got[r["id"]]:
            produced += 1
            hit = next((e for e in remaining if e[0] == m["surface"] and e[1] == m["entity_id"]
                        and (e[2] is None or e[2] == m["kind"])), None)
            if hit:
                remaining.remove(hit)
                correct += 1
                found_n += 1
            else:
                problems.append(f"  false  {r['id']}: {m['surface']!r} → {m['entity_id']} ({m['kind']}, {m['method']})")
        for e in remaining:
            kind = f"@{e[2]}" if e[2] else ""
            problems.append(f"  missed {r['id']}: {e[0]!r} = {e[1]}{kind}")
    precision = correct / produced if produced else 1.0
    recall = found_n / expected_n if expected_n else 1.0
    print(f"traps: {len(rows)} sentences, {produced} mentions produced, precision {precision:.2%} "
          f"({correct}/{produced}), recall {recall:.2%} ({found_n}/{expected_n})")
    for p in problems:
        print(p)
    return precision


# --- White House sample -------------------------------------------------------

def wh_body(path: Path) -> tuple[str, str | None]:
    """The Markdown body after the front matter, and the front matter date."""
    raw = path.read_text(encoding="utf-8")
    date = None
    if raw.startswith("---\n"):
        end = raw.find("\n---\n", 4)
        if end > 0:
            for line in raw[4:end].splitlines():
                if line.startswith("date:"):
                    date = line.split(":", 1)[1].strip().strip("'\"")[:10]
            raw = raw[end + 5:]
    return raw, date


def corpus_dir(arg: str) -> Path:
    p = Path(arg)
    if p.is_dir():
        return p
    archive = Path("../shared/corpora/whitehouse-2021-2026.tar.zst")
    if not archive.exists():
        sys.exit(f"no corpus at {p} and no {archive}")
    tmp = Path(tempfile.mkdtemp(prefix="orbita-wh-"))
    subprocess.run(["tar", "--zstd", "-xf", str(archive), "-C", str(tmp)], check=True)
    return tmp / "whitehouse"


def eval_sample(cmd: list[str], path: Path, corpus: Path) -> float:
    rows = read_tsv(path)
    docs_needed = sorted({r["doc"] for r in rows})
    docs = []
    for d in docs_needed:
        text, date = wh_body(corpus / d)
        docs.append({"id": d, "text": text, "date": date})
    got = run_linker(cmd, docs)
    index = {(m["id"], m["start"], m["end"]): m for ms in got.values() for m in ms}

    def covering(doc: str, start: int, end: int, entity: str) -> dict | None:
        """A longer mention of the same entity that now covers the sampled span
        ("America" of "United States of\nAmerica" once the whole name matches)."""
        return next((m for m in got.get(doc, []) if m["start"] <= start and m["end"] >= end
                     and m["entity_id"] == entity), None)

    judged = correct = dropped = changed = 0
    problems = []
    verdicts = Counter()
    for r in rows:
        key = (r["doc"], int(r["start"]), int(r["end"]))
        verdicts[r["verdict"]] += 1
        m = index.get(key)
        if m is None and r["verdict"] == "ok":
            m = covering(r["doc"], key[1], key[2], r["entity_id"])
            if m is not None and m["kind"] != r["kind"]:
                m = None
        if m is None:
            dropped += 1
            if r["verdict"] == "ok":
                problems.append(f"  dropped (was right) {r['doc']}@{r['start']}: {r['surface']!r} → {r['entity_id']}")
            continue
        if m["entity_id"] != r["entity_id"] or m["kind"] != r["kind"]:
            changed += 1
            problems.append(f"  changed (unjudged) {r['doc']}@{r['start']}: {r['surface']!r} {r['entity_id']}/{r['kind']} → {m['entity_id']}/{m['kind']}")
            continue
        judged += 1
        if r["verdict"] == "ok":
            correct += 1
        else:
            problems.append(f"  wrong  {r['doc']}@{r['start']}: {r['surface']!r} → {m['entity_id']} ({m['kind']}): {r['note']}")
    precision = correct / judged if judged else 0.0
    drawn = verdicts["ok"] / len(rows) if rows else 0.0
    print(f"White House sample: {len(rows)} checked mentions in {len(docs)} documents, precision as drawn "
          f"{drawn:.2%} ({verdicts['ok']}/{len(rows)}); now {judged} still produced and judged, precision "
          f"{precision:.2%} ({correct}/{judged}); {dropped} no longer produced; {changed} changed")
    for p in problems:
        print(p)
    return precision


def draw_sample(cmd: list[str], corpus: Path, n: int, out: Path, seed: int, offset: int,
                exclude_country: str | None = None) -> None:
    """Writes `n` mentions drawn at random (`seed`) from every 40th document of
    the corpus starting at `offset`, with empty verdicts for a person to fill
    in (ok / wrong)."""
    import random

    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.md"))[offset::40]
    docs = []
    for d in files:
        text, date = wh_body(corpus / d)
        docs.append({"id": d, "text": text, "date": date})
    texts = {d["id"]: d["text"] for d in docs}
    got = run_linker(cmd, docs)
    pool = [m for ms in got.values() for m in ms if not exclude_country or m["country"] != exclude_country]
    picked = sorted(random.Random(seed).sample(pool, n), key=lambda m: (m["id"], m["start"]))
    with out.open("w", encoding="utf-8") as f:
        f.write("# Hand-checked sample of the linker's mentions in the White House corpus (see link_eval.py).\n")
        f.write("# verdict: ok = a careful reader links this span to this entity with this kind; wrong = not.\n")
        f.write("doc\tstart\tend\tsurface\tentity_id\tkind\tverdict\tnote\tcontext\n")
        for m in picked:
            t = texts[m["id"]]
            ctx = (t[max(0, m["start"] - 70):m["start"]] + "[[" + m["surface"] + "]]" + t[m["end"]:m["end"] + 70])
            ctx = " ".join(ctx.split()).replace("\t", " ")
            surface = " ".join(m["surface"].split())
            f.write(f"{m['id']}\t{m['start']}\t{m['end']}\t{surface}\t{m['entity_id']}\t{m['kind']}\t\t\t{ctx}\n")
    print(f"drew {n} of {len(pool)} mentions in {len(docs)} documents into {out}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orbita-cmd", default="cargo run --release -q -p orbita-link --example link_jsonl --")
    ap.add_argument("--traps", default="pipeline/eval/link_traps.tsv")
    ap.add_argument("--sample", default="pipeline/eval/link_sample_wh.tsv")
    ap.add_argument("--corpus", default=os.environ.get("ORBITA_BENCH_CORPUS", "/tmp/wh/whitehouse"))
    ap.add_argument("--only", choices=["recall", "traps", "sample", "persons"], action="append")
    ap.add_argument("--check", action="store_true", help="exit 1 when a figure is below its target")
    ap.add_argument("--draw-sample", type=int, metavar="N", help="write N unjudged White House mentions to --sample and stop")
    ap.add_argument("--seed", type=int, default=11, help="random seed of --draw-sample (the dev sample used 7)")
    ap.add_argument("--doc-offset", type=int, default=20, help="first document of --draw-sample (the dev sample used 0)")
    ap.add_argument("--dev-sample", default="pipeline/eval/link_sample_wh_dev.tsv")
    ap.add_argument("--foreign-sample", default="pipeline/eval/link_sample_wh_foreign.tsv",
                    help="hand-checked sample of mentions of entities other than the United States")
    ap.add_argument("--exclude-country", help="with --draw-sample: leave out mentions whose country is this code")
    args = ap.parse_args()
    cmd = shlex.split(args.orbita_cmd)
    if args.draw_sample:
        draw_sample(cmd, corpus_dir(args.corpus), args.draw_sample, Path(args.sample), args.seed, args.doc_offset,
                    args.exclude_country)
        return 0
    only = set(args.only or ["recall", "traps", "sample", "persons"])
    figures = {}
    if "recall" in only:
        figures["recall"] = eval_recall(cmd)
    if "traps" in only:
        figures["traps"] = eval_traps(cmd, Path(args.traps))
    if "sample" in only and Path(args.dev_sample).exists():
        print("development sample (used to write the rules; not a fair test):")
        eval_sample(cmd, Path(args.dev_sample), corpus_dir(args.corpus))
    if "sample" in only and Path(args.sample).exists():
        print("test sample:")
        figures["sample"] = eval_sample(cmd, Path(args.sample), corpus_dir(args.corpus))
    if "sample" in only and Path(args.foreign_sample).exists():
        print("test sample of mentions of other entities than the United States:")
        figures["foreign"] = eval_sample(cmd, Path(args.foreign_sample), corpus_dir(args.corpus))
    if "persons" in only:
        # Person mentions of the UN General Debate 2000-2024 (pipeline/eval/link/persons_eval.py); the
        # targets apply to the test split, which the knowledge base is not tuned on.
        sys.path.insert(0, str(Path(__file__).resolve().parent / "link"))
        import persons_eval
        items = persons_eval.read_sample(Path(__file__).resolve().parent / "link" / "persons_ungdc.tsv")
        texts = persons_eval.speeches(persons_eval.CORPUS, {it["doc"] for it in items})
        mentions = persons_eval.link_items(cmd, items, texts)
        for split in ("dev", "test"):
            # Misses are listed by persons_eval.py --show-misses, for the dev split only.
            r = persons_eval.score([it for it in items if it["split"] == split], mentions, False)
            print(f"UN General Debate person mentions ({split}): {r['items']} mentions, {r['gold']} state officials, "
                  f"precision {r['precision']:.2%}, recall {r['recall']:.2%}, sitting-leader errors {r['sitting_leader_errors']}")
        figures["persons_precision"] = r["precision"]
        figures["persons_recall"] = r["recall"]
    print("summary: " + ", ".join(f"{k} {v:.2%} (target {TARGETS[k]:.1%})" for k, v in figures.items()))
    if args.check and any(v < TARGETS[k] for k, v in figures.items()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
