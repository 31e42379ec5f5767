"""datapackage.json as Data Package tools read it, validated with the
Frictionless framework; polars reads the tables and answers the README's
evidence query like DuckDB and pandas."""

import hashlib
import json
import os
import pathlib

import duckdb
import frictionless
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATASET = pathlib.Path(os.environ.get("ORBITA_DATASET", ROOT / "data/datasets/latest"))
SCHEMAS = {p.name.split(".")[0]: json.loads(p.read_text()) for p in sorted((ROOT / "schemas").glob("*.schema.json"))}


@pytest.fixture(scope="module")
def descriptor():
    return json.loads((DATASET / "datapackage.json").read_text(encoding="utf-8"))


def test_descriptor_is_a_valid_data_package(descriptor):
    report = frictionless.Package.validate_descriptor(descriptor, basepath=str(DATASET))
    assert report.valid, report.flatten(["type", "note"])
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"


def test_resources_are_the_tables_with_their_hashes(descriptor):
    manifest = json.loads((DATASET / "manifest.json").read_text())
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) == set(manifest["tables"])
    for name, r in resources.items():
        data = (DATASET / r["path"]).read_bytes()
        assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), name
        # frictionless counts no bytes when it reads Parquet, so the size is orbita's own property.
        assert "bytes" not in r and r["orbita:bytes"] == len(data), name
        assert r["rows"] == manifest["tables"][name]["rows"], name
        assert r["format"] == "parquet" and r["type"] == "table"


def test_schemas_carry_the_data_dictionary(descriptor):
    for r in descriptor["resources"]:
        declared = SCHEMAS[r["name"]]
        s = r["schema"]
        assert r["description"] == declared["description"]
        assert s["primaryKey"] == declared["primaryKey"]
        # Every declared key, once: where all its fields are required as a
        # Table Schema foreign key, else (a null part references nothing) apart.
        strict, nullable = s.get("foreignKeys", []), s.get("orbita:nullableForeignKeys", [])
        key = lambda k: json.dumps(k, sort_keys=True)
        assert sorted(map(key, strict + nullable)) == sorted(map(key, declared["foreignKeys"]))
        required = {f["name"] for f in declared["fields"] if f["constraints"].get("required", False)}
        assert all(set(k["fields"]) <= required for k in strict)
        assert all(not set(k["fields"]) <= required for k in nullable)
        assert [f["name"] for f in s["fields"]] == [f["name"] for f in declared["fields"]]
        for f, d in zip(s["fields"], declared["fields"]):
            assert f["description"] == d["description"]
            assert f["orbita:type"] == d["type"]
            assert f["constraints"]["required"] == d["constraints"].get("required", False)
            # Native Parquet lists: Table Schema "any" (frictionless reads them as NumPy arrays).
            assert (f["type"] == "any") == d["type"].startswith("list<")


def test_licence_and_sources_are_named(descriptor):
    assert descriptor["licenses"] and all("name" in l or "path" in l for l in descriptor["licenses"])
    titles = [s["title"] for s in descriptor["sources"]]
    documents = pd.read_parquet(DATASET / "documents.parquet")
    for source in documents["source"].dropna().unique():
        assert source in titles
    assert any("knowledge base" in t for t in titles) and any("lexicon" in t for t in titles)


def _rows(path):
    """A Parquet table as frictionless rows, read with pyarrow: nulls stay
    None and lists stay lists. (frictionless's own Parquet reader goes
    through pandas, where a list column becomes NumPy arrays that its list
    type does not accept.)"""
    table = pq.read_table(path)
    return [table.column_names] + [list(r.values()) for r in table.to_pylist()]


def test_frictionless_validates_every_row_types_constraints_and_keys(descriptor):
    resources = []
    for r in descriptor["resources"]:
        resources.append(
            frictionless.Resource(
                name=r["name"],
                data=_rows(DATASET / r["path"]),
                schema=frictionless.Schema.from_descriptor(r["schema"]),
            )
        )
    # Every row (frictionless stops a table at 1,000 errors by default).
    report = frictionless.Package(resources=resources).validate(limit_errors=10**9)
    errors = [(t.name, e.type, e.note) for t in report.tasks for e in t.errors]
    assert not errors, errors[:10]
    manifest = json.loads((DATASET / "manifest.json").read_text())
    assert {t.name: t.stats.get("rows", 0) for t in report.tasks} == {n: t["rows"] for n, t in manifest["tables"].items()}


def test_list_fields_are_lists_of_strings(descriptor):
    # What Table Schema "any" does not say, the Parquet type does.
    for r in descriptor["resources"]:
        schema = pq.read_schema(DATASET / r["path"])
        for f in r["schema"]["fields"]:
            if f["orbita:type"] == "list<string>":
                assert schema.field(f["name"]).type == pa.list_(pa.string()), (r["name"], f["name"])


def _keys(path, fields):
    table = pq.read_table(path, columns=list(dict.fromkeys(fields)))
    return [tuple(row[f] for f in fields) for row in table.to_pylist()]


def test_nullable_foreign_keys_hold_where_every_part_is_set(descriptor):
    # orbita:nullableForeignKeys, as SQL checks them (MATCH SIMPLE): a key
    # with a null part references nothing, every other key names a row.
    resources = {r["name"]: r for r in descriptor["resources"]}
    checked = 0
    for r in descriptor["resources"]:
        for k in r["schema"].get("orbita:nullableForeignKeys", []):
            ref = k["reference"]
            targets = set(_keys(DATASET / resources[ref["resource"]]["path"], ref["fields"]))
            keys = [key for key in _keys(DATASET / r["path"], k["fields"]) if None not in key]
            missing = [key for key in keys if key not in targets]
            assert not missing, (r["name"], k["fields"], missing[:5])
            checked += len(keys)
    assert checked > 0, "the stances name mentions"


def test_frictionless_validate_passes_on_the_descriptor():
    # What `frictionless validate datapackage.json` runs: the files read by
    # frictionless itself (Parquet through pandas), every row, types,
    # constraints, keys and row counts.
    path = pathlib.Path(os.environ.get("ORBITA_FRICTIONLESS_DATASET", DATASET)) / "datapackage.json"
    report = frictionless.validate(str(path), limit_errors=10**9)
    assert report.valid, report.flatten(["type", "note"])[:10]
    assert [t.name for t in report.tasks] == [r["name"] for r in json.loads(path.read_text())["resources"]]


def test_a_broken_foreign_key_is_caught(descriptor):
    # Guards the validation above: it would report a sentence of a document
    # that does not exist.
    docs = next(r for r in descriptor["resources"] if r["name"] == "documents")
    sents = next(r for r in descriptor["resources"] if r["name"] == "sentences")
    rows = _rows(DATASET / sents["path"])
    rows[1][0] = "0000000000000000"
    package = frictionless.Package(
        resources=[
            frictionless.Resource(name="documents", data=_rows(DATASET / docs["path"]), schema=frictionless.Schema.from_descriptor(docs["schema"])),
            frictionless.Resource(name="sentences", data=rows, schema=frictionless.Schema.from_descriptor(sents["schema"])),
        ]
    )
    report = package.validate()
    assert any(e.type == "foreign-key" for t in report.tasks for e in t.errors)


EVIDENCE_SQL = """
    select a.country, a.target, a.label, s.text
    from read_parquet('{d}/alignment.parquet') a, unnest(a.evidence) as e(ref)
    join read_parquet('{d}/sentences.parquet') s
      on s.doc_id = split_part(e.ref, ':', 1) and s.sentence = cast(split_part(e.ref, ':', 2) as integer)
    where a.period = '2025' and a.perspective = 'all'
    order by a.country, a.target, s.text
"""


def test_polars_answers_the_evidence_query_like_duckdb_and_pandas():
    alignment = pl.read_parquet(DATASET / "alignment.parquet")
    sentences = pl.read_parquet(DATASET / "sentences.parquet")
    assert alignment.schema["evidence"] == pl.List(pl.String)
    assert alignment.schema["year"] == pl.Int32
    refs = (
        alignment.filter((pl.col("period") == "2025") & (pl.col("perspective") == "all"))
        .explode("evidence")
        .with_columns(
            pl.col("evidence").str.split_exact(":", 1).struct.rename_fields(["doc_id", "sentence"]).alias("ref")
        )
        .unnest("ref")
        .with_columns(pl.col("sentence").cast(pl.Int32))
    )
    got = (
        refs.join(sentences.select("doc_id", "sentence", "text"), on=["doc_id", "sentence"])
        .select("country", "target", "label", "text")
        .sort("country", "target", "text")
    )
    want = duckdb.sql(EVIDENCE_SQL.format(d=DATASET)).pl()
    assert got.height > 0
    assert got.to_dicts() == want.to_dicts()
    # pandas over the same files: the same alignment rows as polars.
    a = pd.read_parquet(DATASET / "alignment.parquet")
    a = a[(a.period == "2025") & (a.perspective == "all")]
    p = alignment.filter((pl.col("period") == "2025") & (pl.col("perspective") == "all"))
    assert a["score"].tolist() == p["score"].to_list()
