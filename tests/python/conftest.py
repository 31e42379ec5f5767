"""Fixtures for the Python package's tests: one build per session of the
seed articles plus a slice of the UN General Debate Corpus in data/raw
(every 250th speech, each with its delegation as speaker). Building all of
data/raw is left to the README notebook snippet and the fresh-venv check,
and the committed lock to `orbita diff --lock` in make test-install."""

import pathlib

import pyarrow as pa
import pytest

import orbita

ROOT = pathlib.Path(__file__).resolve().parents[2]
UN_STEP = 250


def write_small_raw(raw, dest):
    """The seeds of `raw` and every UN_STEP-th line of its .jsonl.zst corpus
    (as plain JSON Lines, with the corpus's metadata sidecar) into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    corpora = sorted(raw.glob("*.jsonl.zst"))
    assert corpora, f"{raw} holds no .jsonl.zst corpus"
    for p in sorted(raw.iterdir()):
        if p.name != "README.md" and not p.name.endswith((".jsonl.zst", ".jsonl.zst.meta.yaml")):
            (dest / p.name).write_bytes(p.read_bytes())
    for corpus in corpora:
        stem = corpus.name[: -len(".jsonl.zst")]
        with pa.input_stream(str(corpus), compression="zstd") as f:
            lines = f.read().decode("utf-8").splitlines()
        (dest / f"{stem}-slice.jsonl").write_text("".join(l + "\n" for l in lines[::UN_STEP]), encoding="utf-8")
        meta = corpus.with_name(corpus.name + ".meta.yaml")
        (dest / f"{stem}-slice.jsonl.meta.yaml").write_bytes(meta.read_bytes())
    return dest


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def small_raw(tmp_path_factory):
    return write_small_raw(ROOT / "data/raw", tmp_path_factory.mktemp("raw"))


@pytest.fixture(scope="session")
def seed(tmp_path_factory, small_raw):
    out = tmp_path_factory.mktemp("seed")
    return orbita.build(small_raw, out=out)
