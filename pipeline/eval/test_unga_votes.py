"""Tests of the statistics and the join of pipeline/eval/unga_votes.py on small
synthetic tables (no dataset, no corpus): `python -m pytest pipeline/eval/test_unga_votes.py`."""

import itertools
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import unga_votes as uv  # noqa: E402


def brute_auc(scores, positive):
    """Every (positive, negative) pair: 1 if the positive scores higher, 1/2 on a tie."""
    pos = [s for s, p in zip(scores, positive) if p]
    neg = [s for s, p in zip(scores, positive) if not p]
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a, b in itertools.product(pos, neg))
    return wins / (len(pos) * len(neg))


def test_average_ranks_share_ties():
    assert uv.average_ranks([10, 20, 20, 5]) == [2.0, 3.5, 3.5, 1.0]


def test_auc_counts_ties_as_one_half():
    # Positives 3, 2, 2 against negatives 2, 1: 4 wins and 2 ties of 6 pairs = 5/6.
    scores = [3, 2, 2, 2, 1]
    positive = [True, True, True, False, False]
    assert uv.roc_auc(scores, positive) == pytest.approx(5 / 6)
    assert uv.roc_auc(scores, positive) == pytest.approx(brute_auc(scores, positive))


def test_auc_matches_the_pairwise_definition_on_many_ties():
    # Regression guard for the rank formula: heavy ties (most members score 0) as in the real check.
    scores = [0, 0, 0, 1, -1, 0, 2, 0, -2, 0, 0.5, 0]
    positive = [True, False, False, True, False, True, True, False, False, False, True, False]
    assert uv.roc_auc(scores, positive) == pytest.approx(brute_auc(scores, positive))


def test_auc_extremes_and_degenerate_classes():
    assert uv.roc_auc([3, 2, 1, 0], [True, True, False, False]) == 1.0
    assert uv.roc_auc([0, 1, 2, 3], [True, True, False, False]) == 0.0
    assert uv.roc_auc([1, 1, 1, 1], [True, False, True, False]) == 0.5
    assert math.isnan(uv.roc_auc([1, 2], [True, True]))


def test_spearman_with_ties():
    # Ranks x = 1, 2.5, 2.5, 4 and y = 1, 2, 3, 4: rho = 4.5 / sqrt(4.5 * 5).
    assert uv.spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))
    assert uv.spearman([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)
    assert math.isnan(uv.spearman([1, 1, 1], [1, 2, 3]))


def test_members_without_a_score_count_as_zero_and_absent_members_are_left_out():
    votes = {"AAA": "N", "BBB": "A", "CCC": "Y", "DDD": "Y", "EEE": "X"}
    scores = {"AAA": 1.0, "CCC": -0.5, "EEE": 9.0, "ZZZ": 5.0}
    out = uv.score_against_votes(scores, votes)
    assert out["members"] == 4 and out["yes"] == 2 and out["no_or_abstain"] == 2
    # Scores used: AAA 1, BBB 0 (no row), CCC -0.5, DDD 0 (no row).
    assert out["auc"] == pytest.approx(brute_auc([1, 0, -0.5, 0], [True, True, False, False]))
    assert out["spearman"] == pytest.approx(uv.spearman([1, 0, -0.5, 0], [1, 0, -1, -1]))
    assert out["coverage"] == pytest.approx(2 / 4)


def test_keyword_peer_reads_only_sentences_naming_russia():
    text = (
        "We thank our friends in Moscow for their support and cooperation.\n"
        "The aggres-\nsion against Ukraine by the Russian Federation is a violation of law. "
        "War is terrible everywhere."
    )
    found = uv.russia_sentences(text)
    assert len(found) == 2, found
    assert uv.keyword_score(found[0]) == 4  # thank, friends, support, cooperation
    assert uv.keyword_score(found[1]) == -2  # aggression (rejoined), violation
    assert uv.peer_scores({"XXX": text, "YYY": "Nothing about it."}, "keywords") == {"XXX": 1.0}


def test_main_writes_json_without_a_dataset_or_peers(tmp_path):
    votes = tmp_path / "votes.csv"
    votes.write_text(
        "resolution,date,country_iso3,country_name,vote\n"
        "A/RES/ES-11/1,2022-03-02,AAA,A,Y\nA/RES/ES-11/1,2022-03-02,BBB,B,Y\nA/RES/ES-11/1,2022-03-02,CCC,C,X\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "r.json"
    dataset = tmp_path / "no-dataset"
    assert uv.main([str(dataset), "--votes", str(votes), "--no-peers", "--json", str(out)]) == 0
    import json

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["results"] == [] and "left out" in data["notes"][0]


def test_orbita_scores_use_the_un_source_perspective_and_the_resolution_year(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = "source:UN General Debate Corpus"
    rows = [
        # (country, target, period, perspective, score)
        ("AAA", "RUS", "2022", src, 1.5),
        ("BBB", "RUS", "2022", src, -1.0),
        ("AAA", "RUS", "2022", "all", -2.0),  # another perspective: ignored
        ("CCC", "RUS", "2021", src, 2.0),  # another year: ignored
        ("CCC", "USA", "2022", src, 2.0),  # another target: ignored
    ]
    table = pa.table({k: [r[i] for r in rows] for i, k in enumerate(["country", "target", "period", "perspective", "score"])})
    pq.write_table(table, tmp_path / "alignment.parquet")
    pq.write_table(pa.table({"source": ["UN General Debate Corpus", "Other"], "speaker": ["AAA", None]}), tmp_path / "documents.parquet")
    by_year, perspective, info = uv.orbita_scores(tmp_path, [2022])
    assert perspective == src
    assert by_year == {2022: {"AAA": 1.5, "BBB": -1.0}}
    assert info == {"documents": 2, "un_documents": 1, "with_speaker": 1}
    votes = tmp_path / "votes.csv"
    votes.write_text(
        "resolution,date,country_iso3,country_name,vote\n"
        + "".join(f"A/RES/ES-11/1,2022-03-02,{c},{c},{v}\n" for c, v in [("AAA", "N"), ("BBB", "Y"), ("CCC", "A"), ("DDD", "Y"), ("EEE", "X")]),
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    assert uv.main([str(tmp_path), "--votes", str(votes), "--no-peers", "--json", str(out)]) == 0
    import json

    (result,) = json.loads(out.read_text(encoding="utf-8"))["results"]
    # Scores: AAA 1.5 (N), BBB -1 (Y), CCC 0 (A, no row), DDD 0 (Y, no row).
    assert result["auc"] == pytest.approx(brute_auc([1.5, -1, 0, 0], [True, False, True, False]))
    assert result["coverage"] == pytest.approx(2 / 4) and result["year"] == 2022
