"""The tables as analysts load them: pandas (pyarrow) and DuckDB read every
table with the types declared in schemas/, the README snippet runs, and the
rules in checks/ run unchanged in DuckDB."""

import json
import os
import pathlib
import re

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATASET = pathlib.Path(os.environ.get("ORBITA_DATASET", ROOT / "data/datasets/latest"))
SCHEMAS = {p.name.split(".")[0]: json.loads(p.read_text()) for p in sorted((ROOT / "schemas").glob("*.schema.json"))}

ARROW = {
    "string": pa.string(),
    "int8": pa.int8(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "list<string>": pa.list_(pa.string()),
}
DUCKDB = {
    "string": "VARCHAR",
    "int8": "TINYINT",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "list<string>": "VARCHAR[]",
}

# Latin American countries the seed articles name (ISO 3166-1 alpha-3).
SEED_COUNTRIES = {
    "ARG", "BOL", "BRA", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "GTM",
    "HND", "MEX", "NIC", "PAN", "PER", "PRY", "SLV", "URY", "VEN",
}


def table_path(name):
    return DATASET / f"{name}.parquet"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_pyarrow_schema_matches_declared_schema(name):
    schema = pq.read_schema(table_path(name))
    declared = SCHEMAS[name]["fields"]
    assert schema.names == [f["name"] for f in declared]
    for f in declared:
        field = schema.field(f["name"])
        assert field.type == ARROW[f["type"]], (name, f["name"], field.type)
        assert field.nullable == (not f["constraints"].get("required", False)), (name, f["name"])


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_pandas_reads_every_table(name):
    df = pd.read_parquet(table_path(name))
    assert list(df.columns) == [f["name"] for f in SCHEMAS[name]["fields"]]
    if name != "rejects":
        assert len(df) > 0, f"{name} is empty for the seed corpus"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_duckdb_reads_every_table_with_declared_types(name):
    con = duckdb.connect()
    rows = con.execute(f"describe select * from read_parquet('{table_path(name)}')").fetchall()
    got = {r[0]: r[1] for r in rows}
    for f in SCHEMAS[name]["fields"]:
        assert got[f["name"]] == DUCKDB[f["type"]], (name, f["name"], got[f["name"]])


def test_offsets_are_python_character_offsets():
    docs = pd.read_parquet(table_path("documents")).set_index("doc_id")
    sentences = pd.read_parquet(table_path("sentences"))
    for row in sentences.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start:row.end] == row.text
    mentions = pd.read_parquet(table_path("mentions"))
    for row in mentions.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start:row.end] == row.surface


def test_seed_countries_are_mentioned_and_aligned():
    mentions = pd.read_parquet(table_path("mentions"))
    missing = SEED_COUNTRIES - set(mentions["country"].dropna())
    assert not missing, f"seed countries never linked: {sorted(missing)}"
    alignment = pd.read_parquet(table_path("alignment"))
    assert {"RUS", "USA"} <= set(alignment["target"])


def test_rules_in_checks_run_unchanged_in_duckdb():
    con = duckdb.connect()
    for name in SCHEMAS:
        con.execute(f"create view {name} as select * from read_parquet('{table_path(name)}')")
    rules = sorted((ROOT / "checks").glob("*.sql"))
    assert rules
    for rule in rules:
        rows = con.execute(rule.read_text()).fetchall()
        assert rows == [], f"{rule.name}: {rows[:5]}"


def test_readme_snippet_runs():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "README has no python snippet"
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        for code in blocks:
            if "import orbita" in code:
                # The package's notebook snippet: tests/python/test_package.py runs it
                # once the wheel is installed (make test-python).
                continue
            code = code.replace("data/datasets/latest", str(DATASET))
            code = code.replace("build/hive", os.environ.get("ORBITA_EXPORT", "build/hive"))
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
