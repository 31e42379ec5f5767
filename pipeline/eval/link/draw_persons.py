#!/usr/bin/env python3
"""Draw the person-mention sample of the UN General Debate speeches 2000-2024.

Candidates are found without the linker: a title ("President", "Prime Minister", "King",
"Secretary-General", "Foreign Minister", ...) followed by one to four capitalised words, in the
speeches of 2000-2024 of ../shared/corpora/ungdc-1946-2024.jsonl.zst. N of them are drawn with a
seeded random generator, and split into dev (70 %) and test (30 %) by a second seeded shuffle. The
written TSV has empty gold columns (gold_person, gold_country, gold_role) to be filled by hand:
  gold_role: leader (head of state or government of gold_country on the document date),
             former_leader (held such an office before it, none on it), official (another state
             office on it, e.g. foreign minister), none (not a state official: UN officials, people
             of other bodies, the title not followed by a person's name).

    python3 pipeline/eval/link/draw_persons.py --n 330 --seed 20241 --out pipeline/eval/link/persons_ungdc.tsv
"""
from __future__ import annotations

import argparse
import io
import json
import random
import re
import subprocess
from pathlib import Path

TITLES = r"(?:President|Prime Minister|King|Queen|Emir|Amir|Sheikh|Sultan|Chancellor|Premier|Foreign Minister|Secretary-General|Secretary General|Secretary of State|Minister)"
WORD = r"(?:[A-ZÀ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*|[A-Z]\.)"
NAME = r"(" + WORD + r"(?:[ \n](?:" + WORD + r"|bin|ibn|al|de|da|dos|van|von|ould)){0,3})"
PATTERN = re.compile(TITLES + r"\s" + NAME)
STOP = {"Mr", "Mr.", "Madam", "The", "I", "We", "He", "She", "It", "In", "On", "And", "Of", "Elect", "Emeritus", "General", "Minister"}
DATE = "{year}-09-25"  # the general debate's usual week; the corpus gives the year only
CORPUS = Path(__file__).resolve().parents[3].parent / "shared/corpora/ungdc-1946-2024.jsonl.zst"


def speeches(path: Path, first: int, last: int):
    raw = subprocess.run(["zstd", "-dc", str(path)], capture_output=True, check=True).stdout
    for line in io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"):
        d = json.loads(line)
        if first <= d["year"] <= last:
            yield d


def candidates(doc: dict):
    text = doc["text"]
    for m in PATTERN.finditer(text):
        name = re.sub(r"[’']s?$", "", m.group(1))
        while name.split()[-1] in {"bin", "ibn", "al", "de", "da", "dos", "van", "von", "ould"}:
            name = name.rsplit(None, 1)[0]
        first = name.split()[0]
        if first in STOP or first.isupper() and len(first) > 3:
            continue
        start = m.start(1)
        yield start, start + len(name), text[m.start():m.start(1)].strip(), name.replace("\n", " ")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--n", type=int, default=330)
    ap.add_argument("--seed", type=int, default=20241)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    pool = []
    for d in speeches(Path(a.corpus), 2000, 2024):
        doc = f"{d['country_iso3']}_{d['session']}_{d['year']}"
        for s, e, title, name in candidates(d):
            ctx = d["text"][max(0, s - 160):e + 80].replace("\n", " ").replace("\t", " ")
            pool.append((doc, d["year"], s, e, title, name, ctx))
    pool.sort()
    rng = random.Random(a.seed)
    drawn = rng.sample(pool, a.n)
    order = list(range(a.n))
    random.Random(a.seed + 1).shuffle(order)
    test = set(order[: round(a.n * 0.3)])
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(f"# Person mentions drawn by pipeline/eval/link/draw_persons.py --n {a.n} --seed {a.seed} from {len(pool)} "
                "title + capitalised-name candidates in the UN General Debate speeches 2000-2024 (UNGDC, CC0).\n"
                "# Offsets are character offsets into the speech text; date = the year's 25 September. Gold columns judged by hand.\n")
        f.write("item\tsplit\tdoc\tdate\tstart\tend\ttitle\tname\tgold_person\tgold_country\tgold_role\tcontext\n")
        for i, (doc, year, s, e, title, name, ctx) in enumerate(sorted(drawn)):
            split = "test" if drawn.index((doc, year, s, e, title, name, ctx)) in test else "dev"
            f.write(f"{i}\t{split}\t{doc}\t{DATE.format(year=year)}\t{s}\t{e}\t{title}\t{name}\t\t\t\t{ctx}\n")
    print(f"{len(pool)} candidates, {a.n} drawn -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
