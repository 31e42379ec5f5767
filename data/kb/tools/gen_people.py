#!/usr/bin/env python3
"""Rebuild data/kb/people_world.tsv and data/kb/terms_world.tsv: heads of state and
government of every country, with dated terms, from a public Wikidata extract.

Source (the only input besides this repository's own files):
  repository  cfmessias/geografia (GitHub)
  commit      2e1e3b9cf6bff86186ae26376a2deafdbd9c67e3 (2025-10-03)
  file        data/leaders_history.csv
  what        Wikidata statements "position held" (P39) of each country's office of head of state
              (P1308) and head of government (P1313), and the country's own P35/P6 statements,
              with their start (P580) and end (P582) qualifiers: iso3, role, person label (pt/en),
              person QID, start, end. Produced by that repository's scripts/fetch_leaders.py.
  licence     the facts are Wikidata's, released under CC0 1.0; the repository states no licence of
              its own, and no code of it is used here (only the CSV is read).

    git -C <clone of cfmessias/geografia> show 2e1e3b9c:data/leaders_history.csv > /tmp/leaders_history.csv
    python3 data/kb/tools/gen_people.py /tmp/leaders_history.csv

Hand edits never go into the generated files: they live in
data/kb/tools/people_overrides.tsv (read here: English names for Portuguese labels, extra
spellings, short forms, people or terms to drop, people the source lacks) and in data/kb/people.tsv / terms.tsv
(hand-written people, which win: anyone whose name is there, and any term of a country
that the hand files cover from that term's start on, is left out here).

Rules (precision before coverage; see data/kb/README.md):
  * terms that end before 1946 or have no start are dropped (except leaders added by hand in the
    overrides); dates are cut to the day;
  * a person's terms in one role are merged where they overlap or touch; within a country and role,
    a term without an end is cut at the start of another person's later term; where two people's
    terms in one seat still overlap, the longer keeps the overlap and the shorter is cut or left out;
  * the co-princes of Andorra (the French president, the Bishop of Urgell) are not Andorra's leaders;
  * a label that is only a QID, or a royal label in Portuguese ("Carlos III do Reino Unido") without
    an override, is left out;
  * full names are always linked; the surname (the first word for Chinese and Korean names, the last
    otherwise) is a *weak* form, linked only after a title ("President Museveni") or after the full
    name earlier in the document; no generated short form is linked alone.
"""
from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path

KB = Path(__file__).resolve().parent.parent
SOURCE = "cfmessias/geografia@2e1e3b9cf6bff86186ae26376a2deafdbd9c67e3:data/leaders_history.csv (Wikidata, CC0)"
FIRST_DAY = "1946-01-01"
# ISO 3166-1 entries that are dependent or associated territories, not states: their governors and
# chief executives are not a state's leaders ("Prime Minister Lee" in 2023 is Singapore's, not Hong
# Kong's chief executive).
TERRITORIES = set("""ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM FLK FRO GGY GIB GLP GRL GUF GUM HKG
HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN SJM SPM SXM TCA TKL UMI VGB VIR
WLF""".split())
SURNAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "HKG", "MAC", "SGP"}
PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "do", "dos", "das", "del", "la", "le", "van", "von", "der",
             "ould", "ben", "abu", "jr.", "sr.", "jr", "sr", "y", "e"}
ROMAN = re.compile(r"^[IVXL]+$")
# Surnames (and given names standing last) too common in English-language text to be a leader's weak
# form: "President Harris", "President Scott", "Leader John" are mostly someone else. Precision first.
COMMON = set("""Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson
Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson
Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers
Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray James
Hughes Price Sanders Long Foster Powell Perry Russell Sullivan Fisher Henry Graham Hamilton Gordon Grant
Francis Charles George John Paul Peter David Michael Joseph Lawrence Douglas Stanley Albert Samuel Daniel Louis
Simon Stephen Richard Robert William Edward Arthur Frank Harry Hall Hunt Marshall Mason Black Rose Rice Ford
Washington Lincoln Jefferson Johnston Kennedy Murray Ross Hayes Wallace West Stone Burns Warren Fox""".split())
PT_ROYAL = re.compile(r"^(.*?\b[IVXL]+)\b (do|da|de|dos|das) .+$")


def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()


def slug(s: str) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")
    return out


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = [x.strip() for x in line.split("\t")]
        if header is None:
            header = f
            continue
        rows.append(f + [""] * (len(header) - len(f)))
    return rows


def header(path: Path) -> str:
    """The first line of a TSV file that is neither blank nor a comment."""
    return next((l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")), "")


def known_countries() -> set[str]:
    ids = {r[0] for r in read_tsv(KB / "countries.tsv")}
    ids |= {r[0] for r in read_tsv(KB / "states.tsv")}
    return ids


def hand_people() -> tuple[set[str], dict[str, str]]:
    """Folded full names of the hand-written people, and per country the first day its
    hand-written leader terms cover."""
    names: set[str] = set()
    country_of: dict[str, str] = {}
    hand = sorted(p for p in KB.glob("*.tsv") if not p.name.endswith("_world.tsv"))
    for path in hand:
        if header(path) != "id\tcountry\tnames\tshort\tweak":
            continue  # not a people file
        for r in read_tsv(path):
            country_of[r[0]] = r[1]
            names.add("id:" + r[0])
            names |= {fold(n.strip()) for n in r[2].split("|") if n.strip()}
    first: dict[tuple[str, str], str] = {}
    terms = [r for path in hand if header(path) == "person\trole\tstart\tend\tnote" for r in read_tsv(path)]
    for r in terms:
        if r[1].startswith("head_of") and r[0] in country_of:
            roles = ("head_of_state", "head_of_government") if r[1] == "head_of_state_and_government" else (r[1],)
            for role in roles:
                k = (country_of[r[0]], role)
                first[k] = min(first.get(k, r[2]), r[2])
    return names, first


def overrides() -> dict[str, dict[str, list[str]]]:
    """QID -> action -> values, from tools/people_overrides.tsv."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in read_tsv(Path(__file__).with_name("people_overrides.tsv")):
        out[r[0]][r[1]].extend(v.strip() for v in r[2].split("|") if v.strip() or r[1] == "drop")
    return out


def day(s: str) -> str | None:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s or "")
    if not m or m.group(2) == "00":
        return None
    return f"{m.group(1)}-{m.group(2)}-{m.group(3) if m.group(3) != '00' else '01'}"


def surname(name: str, country: str) -> str | None:
    words = [w for w in name.replace(",", " ").split() if w]
    if len(words) < 2 or "of" in words:
        return None  # "Abdullah II of Jordan": the regnal name is the full name
    if country in SURNAME_FIRST and (country in {"CHN", "KOR", "PRK"} or len(words) >= 3 or "-" in words[-1]):
        cand = words[0]  # "Xi Jinping", "Lee Hsien Loong", "Tsai Ing-wen"; "John Lee" of Hong Kong is not
    else:
        cand = next((w for w in reversed(words) if fold(w) not in PARTICLES and not ROMAN.match(w)), None)
        if cand is None or ROMAN.match(words[-1]):
            return None  # "Mohammed VI": the regnal name is the full name
    cand = cand.strip(".")
    m = re.match(r"^(?:[Aa]l|[Ee]l|[Aa]n|[Aa]r|[Aa]s|[Aa]d|[Aa]t|[Aa]sh)-(.+)$", cand)
    if m:
        # "Al-Hadi", "al-Bashir": "President Hadi", and "President Al-Bashir" (the article capitalised).
        return [m.group(1), cand[0].upper() + cand[1:]] if m.group(1)[:1].isupper() else None
    letters = [c for c in cand if c.isalpha()]
    if len(letters) < 3 or not cand[0].isupper() or cand in COMMON:
        return None
    return [cand]


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    countries = known_countries()
    hand_names, hand_first = hand_people()
    ov = overrides()
    by_person: dict[str, dict] = {}
    terms: dict[tuple[str, str, str], list[list[str | None]]] = defaultdict(list)
    dropped = defaultdict(int)
    # People the source lacks: "add" rows of the overrides ("ISO role start end", end "-" = none), keyed
    # by QID or by "hand:<slug>", with their English name from a "name" row; they go through the same rules.
    added = [{"iso3": v.split(" ")[0], "role": v.split(" ")[1], "person": (ov[k].get("name") or [k])[0], "person_qid": k,
              "start": v.split(" ")[2], "end": "" if v.split(" ")[3] == "-" else v.split(" ")[3], "added": True}
             for k in sorted(ov) for v in ov[k].get("add", [])]
    with open(sys.argv[1], encoding="utf-8") as f:
        for row in list(csv.DictReader(f)) + added:
            iso, role, label, qid = row["iso3"], row["role"], row["person"].strip(), row["person_qid"]
            o = ov.get(qid, {})
            if iso in TERRITORIES:
                dropped["dependent territory, not a state"] += 1
                continue
            if iso == "AND" and role == "head_of_state":
                dropped["co-prince of Andorra (the French president, the Bishop of Urgell)"] += 1
                continue
            if "drop" in o or iso not in countries or role not in ("head_of_state", "head_of_government"):
                dropped["dropped, unknown country or role"] += 1
                continue
            start, end = day(row["start"]), day(row["end"])
            # A leader added by hand may have left office before 1946 (Roosevelt, Wilson, Lincoln are
            # named in the speeches as former presidents).
            early = end is not None and end <= FIRST_DAY and not row.get("added")
            if start is None or early or (end is not None and end <= start):
                dropped["no start, before 1946 or inverted"] += 1
                continue
            if start in o.get("drop_term", []):
                dropped["term dropped by override"] += 1
                continue
            names = [n.lstrip("'’ ") for n in (o.get("name") or [label])]
            names = [n for n in names if n[:1].isupper()]
            if not names:
                dropped["name not starting with a capital"] += 1
                continue
            name = names[0]
            if re.fullmatch(r"Q\d+", name) or ("name" not in o and (PT_ROYAL.match(name) or "," in name)):
                dropped["label without an English name (add one in people_overrides.tsv)"] += 1
                continue
            if fold(name) in hand_names or any(fold(n) in hand_names for n in o.get("alias", [])):
                dropped["person in the hand-written people.tsv"] += 1
                continue
            if (iso, role) in hand_first:
                first = hand_first[(iso, role)]
                if start >= first:
                    dropped["country and role covered by the hand-written terms.tsv"] += 1
                    continue
                if end is None or end > first:
                    end = first
            key = qid
            p = by_person.setdefault(key, {"qid": qid, "country": iso, "names": list(dict.fromkeys(names + o.get("alias", []))),
                                           "short": o.get("short", []), "weak": o.get("weak", [])})
            if p["country"] != iso:
                # Leader of two states (a Soviet and a Russian office, a union's and a member's): one person
                # row per country, keyed by QID and country.
                key = f"{qid}:{iso}"
                p = by_person.setdefault(key, {**p, "country": iso})
            terms[(key, role, iso)].append([start, end])
    # Merge a person's overlapping or touching terms in one role.
    merged: dict[tuple[str, str, str], list[list[str | None]]] = {}
    for k, ts in terms.items():
        ts.sort(key=lambda t: t[0])
        out: list[list[str | None]] = []
        for s, e in ts:
            if out and (out[-1][1] is None or s <= out[-1][1]):
                if out[-1][1] is not None and (e is None or e > out[-1][1]):
                    out[-1][1] = e
                continue
            out.append([s, e])
        merged[k] = out
    # Within a country and role, cut a term at the start of another person's later term.
    seats: dict[tuple[str, str], list[tuple[str, str, list]]] = defaultdict(list)
    for (key, role, iso), ts in merged.items():
        for t in ts:
            seats[(iso, role)].append((t[0], key, t))
    for seat in seats.values():
        seat.sort(key=lambda x: (x[0], x[1]))
        for i, (s, key, t) in enumerate(seat):
            nxt = next((x for x in seat[i + 1:] if x[1] != key and x[0] > s), None)
            if nxt is not None and t[1] is None:
                t[1] = nxt[0]
        # Two people starting in one seat on the same day (a junta, co-acting chairs): the first in
        # (start, id) order keeps the seat; the other's term starts when that one ends, or is dropped.
        # Where two people's terms in one seat still overlap (acting presidents, juntas, stray
        # statements), the longer term keeps the overlap and the shorter is cut to what remains
        # before or after it (the earlier part if both), or left out.
        def days(t):
            return (date.fromisoformat(t[1] or "9999-12-31") - date.fromisoformat(t[0])).days
        kept: list[tuple[str, list]] = []
        for s, key, t in sorted(seat, key=lambda x: (-days(x[2]), x[0], x[1])):
            lo, hi = t[0], t[1] or "9999-12-31"
            for okey, o in kept:
                if okey == key:
                    continue
                olo, ohi = o[0], o[1] or "9999-12-31"
                if lo < ohi and olo < hi:
                    if lo < olo:
                        hi = olo
                    elif hi > ohi:
                        lo = ohi
                    else:
                        lo = hi = "9999-12-31"
            t[0], t[1] = lo, (None if hi == "9999-12-31" and t[1] is None else hi)
            if t[1] is not None and t[1] <= t[0]:
                t[0] = "9999-12-31"  # empty: left out below
                continue
            kept.append((key, t))
    # Ids: person:<slug>, with the QID where two people share a slug.
    slugs = defaultdict(list)
    for key, p in by_person.items():
        slugs[slug(p["names"][0])].append(key)
    ids = {}
    for s, keys in slugs.items():
        for key in keys:
            p = by_person[key]
            ids[key] = f"person:{s}" if len(keys) == 1 and f"id:person:{s}" not in hand_names else f"person:{s}-{p['qid'].lower()}{'-' + p['country'].lower() if ':' in key else ''}"
    # Terms the source does not hold (a leader's years as foreign minister), from the overrides:
    # "role start end note", e.g. "minister 1996-01-09 1998-09-11 Minister of Foreign Affairs".
    extra_terms = []
    for key, p in by_person.items():
        for t in ov.get(p["qid"], {}).get("term", []):
            role, start, end, *note = t.split(" ")
            if ":" not in key or key.endswith(":" + p["country"]):
                extra_terms.append("\t".join([key, role, start, "" if end == "-" else end, " ".join(note)]))
    people_lines, term_lines = [], []
    with_terms = set()
    for (key, role, iso), ts in sorted(merged.items(), key=lambda kv: (ids[kv[0][0]], kv[0][1])):
        for s, e in ts:
            if (e is not None and e <= s) or s == "9999-12-31":
                continue
            with_terms.add(key)
            term_lines.append("\t".join([ids[key], role, s, e or "", p_note(by_person[key]["qid"])]))
    for t in sorted(extra_terms):
        key, rest = t.split("\t", 1)
        if key in with_terms:
            term_lines.append(ids[key] + "\t" + rest)
    for key in sorted(by_person, key=lambda k: ids[k]):
        p = by_person[key]
        if key not in with_terms:
            continue
        weak = list(p["weak"])
        if not p["short"]:
            weak += [w for w in surname(p["names"][0], p["country"]) or [] if w not in weak]
        people_lines.append("\t".join([ids[key], p["country"], "|".join(p["names"]), "|".join(p["short"]), "|".join(weak)]))
    head = f"# GENERATED by data/kb/tools/gen_people.py from {SOURCE}; do not edit by hand:\n" \
           "# corrections go into data/kb/tools/people_overrides.tsv or the hand-written people.tsv/terms.tsv.\n"
    (KB / "people_world.tsv").write_text(head + "id\tcountry\tnames\tshort\tweak\n" + "\n".join(people_lines) + "\n", encoding="utf-8")
    (KB / "terms_world.tsv").write_text(head + "person\trole\tstart\tend\tnote\n" + "\n".join(term_lines) + "\n", encoding="utf-8")
    print(f"{len(people_lines)} people, {len(term_lines)} terms; left out: {dict(dropped)}", file=sys.stderr)
    return 0


def p_note(qid: str) -> str:
    return "hand-written: tools/people_overrides.tsv" if qid.startswith("hand:") else f"wikidata:{qid}"


if __name__ == "__main__":
    sys.exit(main())
