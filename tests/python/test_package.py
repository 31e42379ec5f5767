"""The orbita Python package: build, open, verify and diff versions, tables
as pyarrow (then pandas and polars), errors as exceptions, and the
per-document stages over Arrow batches against what a build writes."""

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pyarrow as pa
import pytest

import orbita


def test_a_build_from_python_has_the_tables_of_the_cli(seed, small_raw, tmp_path):
    # Same bytes as `orbita build` of the same inputs (make test-install holds
    # the CLI's build of all of data/raw to the committed lock).
    binary = os.environ.get("ORBITA_BIN")
    if not binary:
        pytest.skip("needs ORBITA_BIN (make test-python)")
    subprocess.run([binary, "build", "--raw", str(small_raw), "--out", str(tmp_path)], check=True, capture_output=True)
    cli = json.loads((tmp_path / "latest" / "manifest.json").read_text())
    assert {name: t["sha256"] for name, t in seed.manifest["tables"].items()} == {name: t["sha256"] for name, t in cli["tables"].items()}
    documents = seed.manifest["tables"]["documents"]["rows"]
    assert seed.build_summary["balanced"] and seed.build_summary["accounting"]["documents"] == documents > 2
    assert seed.tables == list(orbita.TABLES)


def test_tables_are_pyarrow_with_the_declared_schema(seed):
    for name in orbita.TABLES:
        t = seed.table(name)
        assert isinstance(t, pa.Table)
        assert t.schema.equals(orbita.schema(name)), name
        assert t.num_rows == seed.manifest["tables"][name]["rows"], name


def test_alignment_to_pandas_and_polars(seed):
    df = seed.table("alignment").to_pandas()
    assert len(df) == seed.manifest["tables"]["alignment"]["rows"] > 0
    assert {"country", "target", "score", "label"} <= set(df.columns)
    pl_df = seed.to_polars("alignment")
    assert pl_df.height == len(df)
    assert pl_df["score"].to_list() == df["score"].tolist()
    assert seed.to_pandas("sentences")["text"].str.len().gt(0).all()


def test_open_takes_a_version_its_manifest_an_output_directory_or_an_id(seed, monkeypatch):
    out = seed.path.parent
    for p in (seed.path, seed.path / "manifest.json", out, str(out / "latest")):
        assert orbita.open(p).path == seed.path, p
    monkeypatch.chdir(out.parent)
    (out.parent / "data").mkdir(exist_ok=True)
    link = out.parent / "data/datasets"
    if not link.exists():
        link.symlink_to(out)
    assert orbita.open("latest").path == seed.path
    assert orbita.open(seed.id).path == seed.path
    assert orbita.open(seed.id).manifest == seed.manifest


def test_verify_passes_and_catches_a_flipped_byte(seed, tmp_path):
    assert seed.verify() == []
    copy = tmp_path / seed.id
    shutil.copytree(seed.path, copy)
    f = copy / "alignment.parquet"
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0xFF
    f.write_bytes(bytes(data))
    problems = orbita.open(copy).verify()
    assert problems and any("alignment.parquet" in p and "sha256" in p for p in problems), problems


def test_verify_covers_the_datapackage(seed, tmp_path):
    copy = tmp_path / seed.id
    shutil.copytree(seed.path, copy)
    dp = copy / "datapackage.json"
    dp.write_text(dp.read_text().replace('"title": "orbita: country alignment"', '"title": "edited"'))
    problems = orbita.open(copy).verify()
    assert any("datapackage.json" in p for p in problems), problems
    assert seed.datapackage["resources"][0]["hash"].startswith("sha256:")


def test_diff_with_itself_is_empty_and_with_another_version_is_not(seed, small_raw, tmp_path):
    same = seed.diff(seed)
    assert same.empty and not same and same.violations == []
    raw = tmp_path / "raw"
    shutil.copytree(small_raw, raw)
    (raw / "extra.txt").write_text("Brazil and China signed a strategic partnership agreement on trade and security.\n")
    other = orbita.build(raw, out=tmp_path / "out")
    d = seed.diff(other)
    assert not d.empty and "documents" in d.text
    assert isinstance(d.data, dict) and d.markdown
    assert seed.diff(other.path).text == d.text


def test_errors_are_exceptions_naming_the_file_and_the_reason(tmp_path):
    with pytest.raises(orbita.OrbitaError, match=r"/no/such/raw: the raw input directory does not exist"):
        orbita.build("/no/such/raw", out=tmp_path)
    with pytest.raises(orbita.OrbitaError, match=re.escape(str(tmp_path / "nothing"))):
        orbita.open(tmp_path / "nothing")
    (tmp_path / "raw").mkdir()
    with pytest.raises(orbita.OrbitaError, match=r"/no/such/kb"):
        orbita.build(tmp_path / "raw", out=tmp_path / "out", kb="/no/such/kb")
    with pytest.raises(TypeError, match="unknown options"):
        orbita.build(tmp_path / "raw", out=tmp_path / "out", colour="blue")
    with pytest.raises(orbita.OrbitaError, match="no text column"):
        orbita.process(pa.record_batch({"doc_id": ["a"]}))


def test_the_embedded_knowledge_base_and_lexicon_are_data_kb_and_data_lexicon(seed, root, small_raw, tmp_path):
    # The manifest records the exact reference files either way (cache keys, orbita status).
    explicit = orbita.build(small_raw, out=tmp_path, kb=root / "data/kb", lexicon=root / "data/lexicon")
    for key in ("kb", "lexicon"):
        assert explicit.manifest["inputs"][key] == seed.manifest["inputs"][key]
    assert explicit.manifest["tables"] == seed.manifest["tables"]


def test_process_gives_the_rows_the_build_wrote(seed):
    documents = seed.table("documents")
    got = orbita.process(documents)
    for name in ("sentences", "mentions", "stances"):
        assert got[name].equals(seed.table(name)), name
    # The default labeller, with the learned labeller on the speeches (documents with a speaker).
    stances = got["stances"].to_pandas()
    assert set(stances["labeller"]) == {"auto"}
    spoken = set(documents.to_pandas().dropna(subset=["speaker"])["doc_id"])
    assert spoken and stances["doc_id"].isin(spoken).any()
    # One record batch in, record batches out; the single-stage helpers agree.
    # (When the table has several batches, the first is one of them.)
    batch = documents.to_batches()[0]
    one = orbita.process(batch)
    assert isinstance(orbita.split(batch), pa.RecordBatch)
    assert orbita.split(batch).equals(one["sentences"])
    assert orbita.link(batch).equals(one["mentions"])
    assert orbita.label(batch).equals(one["stances"])


def test_process_takes_dates_as_strings_and_an_empty_batch():
    batch = pa.record_batch(
        {
            "doc_id": ["d1"],
            "text": ["Colombia recalled its ambassador from Washington. Bogota then sided with Moscow."],
            "date": ["2025-11-20"],
        }
    )
    out = orbita.process(batch)
    assert out["sentences"].num_rows == 2
    assert set(out["mentions"].column("entity_id").to_pylist()) >= {"COL"}
    empty = orbita.process(batch.slice(0, 0))
    assert all(t.num_rows == 0 for t in empty.values())
    assert empty["stances"].schema.equals(orbita.schema("stances"))


def test_readme_notebook_snippet_runs(root, tmp_path):
    readme = (root / "README.md").read_text()
    m = re.search(r"<!-- notebook snippet: tested by tests/python/test_package.py -->\s*```python\n(.*?)```", readme, re.S)
    assert m, "README.md lost its notebook snippet"
    code = m.group(1)
    assert "import orbita" in code
    # The snippet builds data/raw into build/notebook: run it from a copy of the repository layout.
    (tmp_path / "data").mkdir()
    shutil.copytree(root / "data/raw", tmp_path / "data/raw")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "score" in r.stdout
