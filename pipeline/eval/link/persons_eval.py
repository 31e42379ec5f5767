#!/usr/bin/env python3
"""Precision and recall of orbita's linker on the hand-judged person mentions of the UN General
Debate speeches 2000-2024 (pipeline/eval/link/persons_ungdc.tsv, drawn by draw_persons.py).

Each sampled speech is linked again with its date (the year's 25 September), as the pipeline
stores it after ingest (normalised, hard-wrapped lines joined; `--raw-text` links the corpus text
as it is), with the mentions' offsets mapped back to the corpus text the sample is annotated on. For a sampled name
span, the linker's answer is the first person mention (kind leader, former_leader or official)
that overlaps it. It is correct when its country and kind equal the judged gold_country and
gold_role. Per split (dev: the 70 % the knowledge base may be tuned on; test: the 30 % it is not):

  precision = correct / linked     recall = correct / (judged state officials, gold_role != none)
  sitting-leader errors = linked as kind leader where the judged role is not leader (a person
  outside their term linked as that country's sitting leader: must be 0).

    python3 pipeline/eval/link/persons_eval.py [--sample FILE] [--orbita-cmd CMD] [--raw-text] [--show-misses]

`--show-misses` lists the misses of the dev split only: the test split is for measuring.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from link_eval import run_linker  # noqa: E402  (pipeline/eval/link_eval.py: one way of running the linker)

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared/corpora/ungdc-1946-2024.jsonl.zst"
PERSON_KINDS = {"leader", "former_leader", "official"}
TARGETS = {"precision": 0.98, "recall": 0.95}


def read_sample(path: Path) -> list[dict]:
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def speeches(corpus: Path, wanted: set[str]) -> dict[str, str]:
    raw = subprocess.run(["zstd", "-dc", str(corpus)], capture_output=True, check=True).stdout
    out = {}
    for line in io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"):
        d = json.loads(line)
        key = f"{d['country_iso3']}_{d['session']}_{d['year']}"
        if key in wanted:
            out[key] = d["text"]
    return out


def link_items(cmd: list[str], items: list[dict], texts: dict[str, str], ingest: bool = True) -> dict[str, list[dict]]:
    """Links each sampled speech once per date it is judged at (document id `doc@date`) with
    link_eval.run_linker; returns the mentions by that id. `ingest`: link the text as ingest stores
    it (hard-wrapped lines joined), offsets mapped back to the corpus text."""
    docs = {}
    for it in items:
        key = it["doc"] + "@" + it["date"]
        docs[key] = {"id": key, "text": texts[it["doc"]], "date": it["date"], "ingest": ingest}
    return run_linker(cmd, list(docs.values()))


def score(items: list[dict], mentions: dict[str, list[dict]], show: bool) -> dict:
    linked = correct = gold = leader_errors = 0
    misses = []
    for it in items:
        s, e = int(it["start"]), int(it["end"])
        hit = next((m for m in mentions[it["doc"] + "@" + it["date"]]
                    if m["kind"] in PERSON_KINDS and m["start"] < e and s < m["end"]), None)
        is_gold = it["gold_role"] != "none"
        gold += is_gold
        if hit is not None:
            linked += 1
            ok = hit["country"] == it["gold_country"] and hit["kind"] == it["gold_role"]
            correct += ok
            if hit["kind"] == "leader" and it["gold_role"] != "leader":
                leader_errors += 1
            if not ok:
                misses.append(f"  wrong  #{it['item']} {it['doc']} {it['title']} {it['name']!r}: linked {hit['entity_id']} "
                              f"{hit['country']} {hit['kind']}, judged {it['gold_person'] or '-'} {it['gold_country']} {it['gold_role']}")
        elif is_gold:
            misses.append(f"  missed #{it['item']} {it['doc']} {it['title']} {it['name']!r}: judged {it['gold_person']} "
                          f"{it['gold_country']} {it['gold_role']}")
    if show:
        print("\n".join(misses))
    return {"items": len(items), "gold": gold, "linked": linked, "correct": correct,
            "precision": correct / linked if linked else 1.0, "recall": correct / gold if gold else 1.0,
            "sitting_leader_errors": leader_errors}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", default=str(ROOT / "pipeline/eval/link/persons_ungdc.tsv"))
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--orbita-cmd", default="cargo run --release -q -p orbita-link --example link_jsonl --")
    ap.add_argument("--show-misses", action="store_true", help="list the dev split's misses")
    ap.add_argument("--raw-text", action="store_true", help="link the corpus text, not the ingested text")
    ap.add_argument("--check", action="store_true", help="exit 1 when a test-split figure is below its target")
    a = ap.parse_args()
    items = read_sample(Path(a.sample))
    texts = speeches(Path(a.corpus), {it["doc"] for it in items})
    mentions = link_items(shlex.split(a.orbita_cmd), items, texts, ingest=not a.raw_text)
    ok = True
    for split in ("dev", "test"):
        part = [it for it in items if it["split"] == split]
        print(f"UN General Debate person mentions, {split} split:")
        r = score(part, mentions, a.show_misses and split == "dev")
        print(f"  {r['items']} mentions, {r['gold']} state officials; linked {r['linked']}, correct {r['correct']}: "
              f"precision {r['precision']:.1%} (target {TARGETS['precision']:.0%}), recall {r['recall']:.1%} "
              f"(target {TARGETS['recall']:.0%}); linked as sitting leader outside a leader's term: {r['sitting_leader_errors']}")
        if split == "test":
            ok = r["precision"] >= TARGETS["precision"] and r["recall"] >= TARGETS["recall"] and r["sitting_leader_errors"] == 0
    return 1 if a.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
