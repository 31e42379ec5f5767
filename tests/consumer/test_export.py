"""The Hive-partitioned export (`orbita export`) as analysts read it: DuckDB,
pyarrow.dataset and pandas discover the partitions, prune them on a filter,
and read every column back with the type declared in schemas/.

`make test-consumer` builds data/raw plus tests/consumer/export_raw (documents
of 2023, 2024 and 2025, one undated, one rejected input), exports it and
points ORBITA_EXPORT at the export and ORBITA_EXPORT_DATASET at its source."""

import hashlib
import json
import os
import pathlib
import re
import shutil

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from test_tables import ARROW, DUCKDB, SCHEMAS

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXPORT = pathlib.Path(os.environ.get("ORBITA_EXPORT", ROOT / "build/test-export"))
SOURCE = pathlib.Path(os.environ.get("ORBITA_EXPORT_DATASET", ROOT / "build/test-export-dataset/latest"))
MANIFEST = json.loads((EXPORT / "_orbita_export.json").read_text())

# The partition column of each table and its declared type (see `orbita export`).
KEYS = {
    "documents": ("year", "int32"),
    "sentences": ("year", "int32"),
    "mentions": ("year", "int32"),
    "stances": ("year", "int32"),
    "alignment": ("target", "string"),
    "rejects": (None, None),
}
PARTITIONED = sorted(t for t, (k, _) in KEYS.items() if k)
YEARS = ["2023", "2024", "2025", "__HIVE_DEFAULT_PARTITION__"]


def glob(table):
    return f"{EXPORT}/{table}/*/*.parquet"


def hive_read(table, types=True):
    key, kind = KEYS[table]
    hive_types = f", hive_types = {{'{key}': {DUCKDB[kind]}}}" if types else ""
    return f"read_parquet('{glob(table)}', hive_partitioning = true{hive_types})"


def test_manifest_names_the_source_and_every_file_with_its_hash_and_rows():
    source = json.loads((SOURCE / "manifest.json").read_text())
    assert MANIFEST["dataset"] == SOURCE.resolve().name
    files = set()
    for table, (key, kind) in KEYS.items():
        entry = MANIFEST["tables"][table]
        assert entry["partition_key"] == key and entry["partition_type"] == kind
        assert entry["source_sha256"] == source["tables"][table]["sha256"]
        assert entry["rows"] == source["tables"][table]["rows"]
        for f in entry["files"]:
            path = EXPORT / f["path"]
            assert hashlib.sha256(path.read_bytes()).hexdigest() == f["sha256"], f["path"]
            assert pq.ParquetFile(path).metadata.num_rows == f["rows"], f["path"]
            files.add(f["path"])
    on_disk = {str(p.relative_to(EXPORT)) for p in EXPORT.rglob("*") if p.is_file()}
    assert on_disk - files == {"_orbita_export.json"}
    for table in ["documents", "sentences", "mentions", "stances"]:
        dirs = sorted(p.name for p in (EXPORT / table).iterdir())
        assert dirs == [f"year={y}" for y in YEARS], table


@pytest.mark.parametrize("table", PARTITIONED)
def test_duckdb_reads_every_column_with_its_declared_type(table):
    key, kind = KEYS[table]
    got = {r[0]: r[1] for r in duckdb.execute(f"describe select * from {hive_read(table)}").fetchall()}
    declared = {f["name"]: DUCKDB[f["type"]] for f in SCHEMAS[table]["fields"]}
    declared[key] = DUCKDB[kind]
    assert got == declared
    # Without hive_types DuckDB guesses BIGINT for year: declare it.
    if kind == "int32":
        untyped = dict(r[:2] for r in duckdb.execute(f"describe select * from {hive_read(table, types=False)}").fetchall())
        assert untyped[key] == "BIGINT"


@pytest.mark.parametrize("table", PARTITIONED)
def test_duckdb_reads_back_exactly_the_source_rows(table):
    key, _ = KEYS[table]
    names = ", ".join(f'"{f["name"]}"' for f in SCHEMAS[table]["fields"])
    src = f"select {names} from read_parquet('{SOURCE / (table + '.parquet')}')"
    exp = f"select {names} from {hive_read(table)}"
    con = duckdb.connect()
    n = con.execute(f"select count(*) from ({src})").fetchone()[0]
    assert n > 0
    assert con.execute(f"select count(*) from ({exp})").fetchone()[0] == n
    assert con.execute(f"select count(*) from (({src}) except all ({exp}))").fetchone()[0] == 0
    assert con.execute(f"select count(*) from (({exp}) except all ({src}))").fetchone()[0] == 0


def test_year_is_the_documents_publication_year_and_null_without_a_date():
    con = duckdb.connect()
    rows = con.execute(f"select year, date_from from {hive_read('documents')} order by doc_id").fetchall()
    assert {r[0] for r in rows} == {2023, 2024, 2025, None}
    for year, date_from in rows:
        assert year == (date_from.year if date_from else None)
    # A document's sentences, mentions and stances sit in its year's partition.
    for table in ["sentences", "mentions", "stances"]:
        bad = con.execute(f"""
            select count(*) from {hive_read(table)} t join {hive_read('documents')} d using (doc_id)
            where t.year is distinct from d.year""").fetchone()[0]
        assert bad == 0, table


def explain(con, sql):
    return "\n".join(r[1] for r in con.execute(f"explain analyze {sql}").fetchall())


def test_duckdb_prunes_partitions_on_a_year_filter():
    con = duckdb.connect()
    plan = explain(con, f"select count(*) from {hive_read('stances')} where year = 2024")
    assert re.search(r"Scanning Files: 1/4", plan), plan
    assert re.search(r"Total Files Read: 1\b", plan), plan
    plan = explain(con, f"select count(*) from {hive_read('stances')}")
    assert re.search(r"Total Files Read: 4\b", plan), plan


def test_a_pruned_partition_is_never_opened(tmp_path):
    # Garbage in the 2025 and undated partitions: a read filtered on 2024
    # that opened them would fail. (Readers bind the schema from the first
    # file, year=2023, so that one stays valid.)
    copy = tmp_path / "export"
    shutil.copytree(EXPORT, copy)
    for d in (copy / "stances").iterdir():
        if d.name not in ("year=2023", "year=2024"):
            (d / "part-0.parquet").write_bytes(b"not parquet")
    src = f"read_parquet('{copy}/stances/*/*.parquet', hive_partitioning = true, hive_types = {{'year': INTEGER}})"
    expected = duckdb.execute(f"select count(*) from {hive_read('stances')} where year = 2024").fetchone()[0]
    assert expected > 0
    assert duckdb.execute(f"select count(*) from {src} where year = 2024").fetchone()[0] == expected
    with pytest.raises(duckdb.Error):
        duckdb.execute(f"select count(*) from {src}").fetchone()
    dataset = ds.dataset(copy / "stances", format="parquet", partitioning=partitioning("stances"))
    assert dataset.to_table(filter=ds.field("year") == 2024).num_rows == expected


def partitioning(table):
    key, kind = KEYS[table]
    return ds.partitioning(pa.schema([(key, ARROW[kind])]), flavor="hive")


@pytest.mark.parametrize("table", PARTITIONED)
def test_pyarrow_dataset_has_the_declared_types_and_prunes_fragments(table):
    key, kind = KEYS[table]
    dataset = ds.dataset(EXPORT / table, format="parquet", partitioning=partitioning(table))
    fields = [f for f in SCHEMAS[table]["fields"] if f["name"] != key]
    assert dataset.schema.names == [f["name"] for f in fields] + [key]
    for f in fields:
        field = dataset.schema.field(f["name"])
        assert field.type == ARROW[f["type"]], (table, f["name"])
        assert field.nullable == (not f["constraints"].get("required", False)), (table, f["name"])
    assert dataset.schema.field(key).type == ARROW[kind]
    source = pq.read_table(SOURCE / f"{table}.parquet")
    assert dataset.count_rows() == source.num_rows
    value = 2024 if kind == "int32" else "CHN"
    fragments = list(dataset.get_fragments(filter=ds.field(key) == value))
    assert len(fragments) == 1 < len(dataset.files)
    table_ = dataset.to_table(filter=ds.field(key) == value)
    assert table_.num_rows == fragments[0].count_rows() > 0
    if kind == "int32":
        assert dataset.count_rows(filter=ds.field(key).is_null()) > 0


def test_pandas_reads_a_filtered_partition_and_the_whole_table():
    stances = pd.read_parquet(EXPORT / "stances", partitioning=partitioning("stances"), filters=[("year", "==", 2024)])
    assert len(stances) > 0 and (stances.year == 2024).all()
    # The whole table, undated partition included, with the exact Arrow types.
    stances = pd.read_parquet(EXPORT / "stances", partitioning=partitioning("stances"), dtype_backend="pyarrow")
    assert len(stances) == MANIFEST["tables"]["stances"]["rows"] and stances.year.isna().sum() > 0
    declared = {f["name"]: ARROW[f["type"]] for f in SCHEMAS["stances"]["fields"]} | {"year": pa.int32()}
    assert {c: t.pyarrow_dtype for c, t in stances.dtypes.items()} == declared
    alignment = pd.read_parquet(EXPORT / "alignment", partitioning=partitioning("alignment"))
    source = pd.read_parquet(SOURCE / "alignment.parquet")
    columns = [f["name"] for f in SCHEMAS["alignment"]["fields"]]
    key = ["country", "target", "period", "perspective"]
    got = alignment[columns].sort_values(key).reset_index(drop=True)
    want = source.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)


def test_rejects_are_one_file_with_the_table_schema():
    files = MANIFEST["tables"]["rejects"]["files"]
    assert [f["path"] for f in files] == ["rejects/part-0.parquet"]
    df = pd.read_parquet(EXPORT / "rejects/part-0.parquet")
    assert list(df.columns) == [f["name"] for f in SCHEMAS["rejects"]["fields"]]
    assert df.path.str.endswith("notes.csv").tolist() == [True]
