#!/usr/bin/env python3
"""Rebuild data/kb/people_fm_world.tsv and data/kb/terms_fm_world.tsv: the foreign ministers of
every state in office at the date of a public Wikidata extract, with the day they took office.

Source (the only input besides this repository's own files):
  repository  every-politician-scrapers/world (GitHub)
  commit      4a3b394d9a35d26d138cded8718d0805b7ce9336 (2023-01-10)
  file        sources/foreign/wikidata.csv as last written on 2022-12-11 (commit 4ee5b6ad) by that
              repository's sources/foreign/wikidata.js
  what        Wikidata statements "position held" (P39) without an end (P582) of every position that
              is a subclass of "minister of foreign affairs" (Q7330070) and applies to (P1001) a state
              that still exists, with the start qualifier (P580): person QID, English name, country
              QID and label, position, start.
  licence     the facts are Wikidata's, released under CC0 1.0; the repository states no licence of
              its own, and none of its code is used here (only the CSV is read).

    git -C <clone of every-politician-scrapers/world> show 4a3b394d:sources/foreign/wikidata.csv > /tmp/fm.csv
    python3 data/kb/tools/gen_ministers.py /tmp/fm.csv

Rules (precision before coverage; see data/kb/README.md):
  * the role is `minister` (note: the position's label), as in terms_ministers.tsv: a foreign minister
    is an official of the state, never its leader;
  * the source lists who held the office on its extraction day, not when they left: a term runs from
    the start to the day after the extraction (EXTRACTED), the last day the source vouches for;
  * a person whose full name the knowledge base already has (hand-written people, the generated
    heads of state and government, the Presidents of the General Assembly) is left out: those files
    win, and a minister term of theirs goes into the hand-written terms files or the overrides;
  * positions of entities that are not states of the knowledge base (Iraqi Kurdistan, the Central
    Tibetan Administration, the Donetsk People's Republic, the EU's High Representative, Scotland's
    cabinet secretary) are left out;
  * full names are always linked; the surname is a weak form only (linked after a title or after the
    full name earlier in the document), by the same rule as gen_people.py, and not at all when another
    person of the knowledge base (or an earlier minister here) already answers to it.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_people import KB, TERRITORIES, fold, header, read_tsv, slug, surname  # noqa: E402

SOURCE = ("every-politician-scrapers/world@4a3b394d9a35d26d138cded8718d0805b7ce9336:"
          "sources/foreign/wikidata.csv (Wikidata, CC0)")
EXTRACTED = "2022-12-11"
END = "2022-12-12"  # exclusive: the day after the extraction
OUT_PEOPLE = "people_fm_world.tsv"
OUT_TERMS = "terms_fm_world.tsv"
# Wikidata country labels that are not a name of countries.tsv / states.tsv.
LABELS = {
    "People's Republic of China": "CHN", "Kingdom of the Netherlands": "NLD", "Kingdom of Denmark": "DNK",
    "The Gambia": "GMB", "The Bahamas": "BHS", "Federated States of Micronesia": "FSM",
    "Democratic Republic of the Congo": "COD", "Republic of the Congo": "COG", "State of Palestine": "PSE",
    "Ivory Coast": "CIV", "East Timor": "TLS", "Eswatini": "SWZ", "Vatican City": "VAT",
    "Brunei": "BRN", "Cape Verde": "CPV", "Republic of Ireland": "IRL", "Russia": "RUS", "Turkey": "TUR",
    "Sahrawi Arab Democratic Republic": None, "Scotland": None, "European Union": None,
}
# Positions that are not a state's foreign minister although Wikidata files them under the class.
NOT_A_STATE = ("Kurdistan", "Tibetan", "Donetsk", "Luhansk", "High Representative", "Cabinet Secretary")


def country_ids() -> dict[str, str]:
    """Folded country names of countries.tsv and states.tsv -> id."""
    out: dict[str, str] = {}
    for name in ("countries.tsv", "states.tsv"):
        path = KB / name
        cols = header(path).split("\t")
        for r in read_tsv(path):
            row = dict(zip(cols, r))
            for n in [row.get("display", "")] + row.get("names", "").split("|"):
                if n.strip():
                    out.setdefault(fold(n.strip()), row["id"])
    return out


def known_names() -> tuple[set[str], set[str]]:
    """Folded full names, and folded short and weak forms, of every people file the knowledge base
    reads, except this script's output."""
    names: set[str] = set()
    forms: set[str] = set()
    for path in sorted(KB.glob("*.tsv")):
        if path.name == OUT_PEOPLE or header(path) != "id\tcountry\tnames\tshort\tweak":
            continue
        for r in read_tsv(path):
            names |= {fold(n.strip()) for n in r[2].split("|") if n.strip()}
            forms |= {fold(n.strip()) for n in (r[3] + "|" + r[4]).split("|") if n.strip()}
    return names, forms


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    ids = country_ids()
    known, forms = known_names()
    people: dict[str, dict] = {}
    left_out: dict[str, int] = {}

    def drop(reason: str) -> None:
        left_out[reason] = left_out.get(reason, 0) + 1

    with open(sys.argv[1], encoding="utf-8") as f:
        for row in csv.DictReader(f):
            qid, name, label = row["person"].strip(), row["name"].strip(), row["countryLabel"].strip()
            position, start = row["positionLabel"].strip(), row["start"].strip()[:10]
            if not qid or not name or not start:
                drop("office without a dated holder")
                continue
            if any(w in position for w in NOT_A_STATE):
                drop("not a state's foreign minister")
                continue
            iso = LABELS[label] if label in LABELS else ids.get(fold(label))
            if iso is None or iso in TERRITORIES:
                drop("not a state of the knowledge base")
                continue
            if fold(name) in known:
                drop("person already in the knowledge base")
                continue
            if not name[:1].isupper() or len(name.split()) < 2:
                drop("label is not a full name")
                continue
            if start >= END:
                drop("start after the extraction")
                continue
            p = people.setdefault(qid, {"qid": qid, "name": name, "country": iso, "terms": []})
            if p["country"] != iso:
                drop("minister of two states in the extract")
                continue
            p["terms"].append((start, position))
    slugs: dict[str, list[str]] = {}
    for qid, p in people.items():
        slugs.setdefault(slug(p["name"]), []).append(qid)
    people_lines, term_lines = [], []
    taken: set[str] = set()
    for qid, p in sorted(people.items(), key=lambda kv: slug(kv[1]["name"])):
        s = slug(p["name"])
        pid = f"person:{s}" if len(slugs[s]) == 1 else f"person:{s}-{qid.lower()}"
        # A surname another person of the knowledge base already answers to ("Mubarak", "Ali") is
        # not given: after a title it would compete with a leader's.
        weak = [w for w in surname(p["name"], p["country"]) or [] if fold(w) not in forms and fold(w) not in taken]
        taken.update(fold(w) for w in weak)
        people_lines.append("\t".join([pid, p["country"], p["name"], "", "|".join(weak)]))
        # Two statements of one office (a renamed ministry): the earliest start holds.
        start, position = min(p["terms"])
        term_lines.append("\t".join([pid, "minister", start, END, f"{position} (in office at the {EXTRACTED} extract); wikidata:{qid}"]))
    head = (f"# GENERATED by data/kb/tools/gen_ministers.py from {SOURCE}; do not edit by hand:\n"
            "# corrections and earlier ministers go into the hand-written people_fm_hand.tsv / terms_fm_hand.tsv.\n")
    (KB / OUT_PEOPLE).write_text(head + "id\tcountry\tnames\tshort\tweak\n" + "\n".join(people_lines) + "\n", encoding="utf-8")
    (KB / OUT_TERMS).write_text(head + "person\trole\tstart\tend\tnote\n" + "\n".join(term_lines) + "\n", encoding="utf-8")
    print(f"{len(people_lines)} people, {len(term_lines)} terms; left out: {left_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
