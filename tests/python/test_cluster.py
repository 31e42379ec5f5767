"""The sharded build on a real Dask cluster (two local worker processes)
over a slice of the White House corpus gives the bytes of a single-machine
`orbita build` of the same inputs."""

import hashlib
import json
import os
import pathlib
import subprocess
import sys

import pytest

SLICE = os.environ.get("ORBITA_WH_SLICE")
BIN = os.environ.get("ORBITA_BIN")

pytestmark = pytest.mark.skipif(not (SLICE and BIN), reason="needs ORBITA_WH_SLICE and ORBITA_BIN (make test-python)")


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_dask_sharded_build_equals_a_single_machine_build(tmp_path):
    single = subprocess.run(
        [BIN, "build", "--raw", SLICE, "--out", str(tmp_path / "single")], capture_output=True, text=True, timeout=1200
    )
    assert single.returncode == 0, single.stderr
    single_dir = pathlib.Path(single.stdout.strip().splitlines()[-1])
    if not single_dir.is_absolute():
        single_dir = pathlib.Path.cwd() / single_dir

    cluster = subprocess.run(
        [sys.executable, "-m", "orbita.cluster", "--raw", SLICE, "--out", str(tmp_path / "cluster"),
         "--shards", "3", "--local-workers", "2"],
        capture_output=True, text=True, timeout=1200,
    )
    assert cluster.returncode == 0, cluster.stderr
    assert "on 2 Dask workers" in cluster.stderr
    merged = pathlib.Path(cluster.stdout.strip().splitlines()[-1])
    parts = sorted((tmp_path / "cluster/.parts").iterdir())
    assert [p.name for p in parts] == ["0", "1", "2"]

    m_single = json.loads((single_dir / "manifest.json").read_text())
    m_merged = json.loads((merged / "manifest.json").read_text())
    assert m_single["accounting"]["documents"] > 300
    assert m_merged["tables"] == m_single["tables"]
    for name, t in m_single["tables"].items():
        assert sha(merged / t["file"]) == sha(single_dir / t["file"]) == t["sha256"], name
    assert (merged / "datapackage.json").read_bytes() == (single_dir / "datapackage.json").read_bytes()
    assert merged.name == single_dir.name
