"""orbita: country-alignment datasets from news and analysis text.

Build a dataset version, open one, read its tables as pyarrow (then pandas
or polars), verify it against its manifest and diff two versions::

    import orbita
    ds = orbita.build("data/raw", out="/tmp/datasets")
    alignment = ds.table("alignment").to_pandas()
    assert ds.verify() == []

The per-document stages run over Arrow record batches of the ``documents``
table (columns ``doc_id``, ``text`` and optionally ``date_from``/``date_to``),
so Spark ``mapInArrow``, Ray ``map_batches`` or Dask ``map_partitions`` can
run them::

    sentences = orbita.split(batch)
    mentions = orbita.link(batch)
    stances = orbita.label(batch)
    tables = orbita.process(batch)  # all three: {"sentences": ..., ...}

The knowledge base and lexicon a build uses by default are embedded in the
package (``kb=`` / ``lexicon=`` name other directories). Errors are
:class:`OrbitaError` with the file and the reason. ``python -m
orbita.cluster`` runs a sharded build on a Dask cluster.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

import pyarrow as pa

from . import _orbita
from ._orbita import TABLES, OrbitaError, __version__

__all__ = [
    "Dataset",
    "Diff",
    "OrbitaError",
    "TABLES",
    "build",
    "label",
    "link",
    "merge",
    "open",
    "process",
    "schema",
    "split",
    "__version__",
]

# The build cache keys on the file holding the running code: here the
# extension module, not the Python interpreter.
_orbita._set_code_path(os.path.abspath(_orbita.__file__))

PathLike = Union[str, "os.PathLike[str]"]

#: Where ``build`` writes and ``open("latest")`` looks when no ``out`` is given, as the CLI.
DEFAULT_OUT = Path("data/datasets")


@dataclass(frozen=True)
class Diff:
    """The difference between two dataset versions, as ``orbita diff`` reports it."""

    text: str
    """Plain-text report (rows only in A or B, updated, per-column counts, meaning)."""
    markdown: str
    """The same report as Markdown, for review."""
    data: Dict[str, Any]
    """The diff as JSON data (per table and for the alignment meaning)."""
    violations: List[str]
    """What the diff policy (checks/diff-policy.toml) fails on; empty when it passes."""
    empty: bool
    """True when the versions hold the same rows."""

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return not self.empty


@dataclass
class Dataset:
    """One dataset version: a directory of Parquet tables with its manifest."""

    path: Path
    """The version directory (``<out>/<dataset id>``)."""
    manifest: Dict[str, Any] = field(repr=False)
    """The parsed ``manifest.json``: tables, inputs, stages, accounting."""
    build_summary: Optional[Dict[str, Any]] = field(default=None, repr=False)
    """For a dataset just built: accounting, rejects, timings, batch work."""

    @property
    def id(self) -> str:
        """The dataset id (the version directory's name)."""
        return self.path.name

    @property
    def tables(self) -> List[str]:
        """The tables of this version."""
        return [t for t in TABLES if t in self.manifest.get("tables", {})]

    @property
    def datapackage(self) -> Dict[str, Any]:
        """The Frictionless Data Package descriptor (``datapackage.json``)."""
        with (self.path / "datapackage.json").open(encoding="utf-8") as f:
            return json.load(f)

    def table(self, name: str) -> pa.Table:
        """Table ``name`` as a ``pyarrow.Table``, checked against its schema.

        The record batches are read in Rust and handed over through the
        Arrow C stream interface without copying."""
        return _orbita.read_table(str(self.path), name).read_all()

    def to_pandas(self, name: str, **kwargs: Any) -> "Any":
        """Table ``name`` as a pandas DataFrame (``pyarrow.Table.to_pandas`` keyword arguments apply)."""
        return self.table(name).to_pandas(**kwargs)

    def to_polars(self, name: str) -> "Any":
        """Table ``name`` as a polars DataFrame (needs the ``polars`` package)."""
        import polars

        return polars.from_arrow(self.table(name))

    def verify(self) -> List[str]:
        """Re-hash every file against the manifest and read every table back
        (``orbita verify``); returns the problems, empty when verified."""
        return list(_orbita.verify(str(self.path)))

    def diff(self, other: Union["Dataset", PathLike], threshold: Optional[float] = None) -> Diff:
        """This version (A) against ``other`` (B), as ``orbita diff A B``."""
        other_path = other.path if isinstance(other, Dataset) else Path(_orbita.resolve(os.fspath(other)))
        text, markdown, data, violations, empty = _orbita.diff(str(self.path), str(other_path), threshold)
        return Diff(text=text, markdown=markdown, data=json.loads(data), violations=list(violations), empty=empty)

    def __repr__(self) -> str:
        rows = {t: self.manifest["tables"][t]["rows"] for t in self.tables}
        return f"Dataset({str(self.path)!r}, rows={rows})"


def _load(version_dir: PathLike, summary: Optional[Dict[str, Any]] = None) -> Dataset:
    path = Path(version_dir).resolve()
    manifest_path = path / "manifest.json"
    try:
        with manifest_path.open(encoding="utf-8") as f:
            manifest = json.load(f)
    except FileNotFoundError:
        raise OrbitaError(f"{manifest_path}: not a dataset version (no manifest.json)") from None
    except ValueError as e:
        raise OrbitaError(f"{manifest_path}: not a valid manifest: {e}") from None
    return Dataset(path=path, manifest=manifest, build_summary=summary)


def open(path_or_latest: PathLike = "latest") -> Dataset:  # noqa: A001 - mirrors the CLI verb
    """Opens a dataset version.

    ``path_or_latest`` is a version directory, its ``manifest.json``, an
    output directory (its ``latest`` is opened), ``"latest"`` or a dataset id
    (both under ``data/datasets`` of the working directory, as the CLI)."""
    p = Path(os.fspath(path_or_latest))
    if not p.exists() and len(p.parts) == 1:
        p = DEFAULT_OUT / p
    return _load(_orbita.resolve(str(p)))


def build(raw: PathLike, out: Optional[PathLike] = None, **options: Any) -> Dataset:
    """Builds a dataset version from the input directory ``raw`` into
    ``out`` (default ``data/datasets`` of the working directory) and
    returns it; ``out/latest`` points at it.

    Options, as the CLI's: ``kb``, ``lexicon`` (directories; default the
    embedded ones), ``threads`` (0: one per core), ``shard=(i, n)``,
    ``wait``, ``max_document_bytes``, ``max_files``, ``keep_bytes``. Raises
    :class:`OrbitaError` naming the file and the reason; a rejected input is
    not an error but a row of ``rejects`` (see ``build_summary``)."""
    known = {"kb", "lexicon", "threads", "shard", "wait", "max_document_bytes", "max_files", "keep_bytes", "batch_bytes"}
    unknown = set(options) - known
    if unknown:
        raise TypeError(f"build() got unknown options {sorted(unknown)}; known: {sorted(known)}")
    for key in ("kb", "lexicon"):
        if options.get(key) is not None:
            options[key] = os.fspath(options[key])
    if options.get("shard") is not None:
        options["shard"] = tuple(options["shard"])
    out = DEFAULT_OUT if out is None else out
    version, summary = _orbita.build(os.fspath(raw), os.fspath(out), **options)
    return _load(version, json.loads(summary))


def merge(parts: Iterable[PathLike], out: PathLike, wait: bool = False) -> Dataset:
    """Merges the partial datasets of a sharded build (``build(..., shard=(i, n))``)
    into the full dataset in ``out``: byte-identical to a single build."""
    return _load(_orbita.merge([os.fspath(p) for p in parts], os.fspath(out), wait=wait))


def schema(table: str) -> pa.Schema:
    """The Arrow schema of an orbita table (from ``schemas/``)."""
    return _orbita.table_schema(table)


BatchLike = Union[pa.RecordBatch, pa.Table]


def _batches(data: BatchLike) -> Tuple[List[pa.RecordBatch], bool]:
    if isinstance(data, pa.RecordBatch):
        return [data], False
    if isinstance(data, pa.Table):
        return data.to_batches(), True
    if hasattr(data, "__arrow_c_stream__"):
        return pa.table(data).to_batches(), True
    if hasattr(data, "__arrow_c_array__"):
        return [pa.record_batch(data)], False
    raise TypeError(f"expected a pyarrow RecordBatch or Table, got {type(data).__name__}")


def process(data: BatchLike, kb: Optional[PathLike] = None, lexicon: Optional[PathLike] = None) -> Dict[str, Any]:
    """Splits, links and labels a batch of documents.

    ``data`` is a ``pyarrow.RecordBatch`` or ``Table`` with ``doc_id`` and
    ``text`` (as the ``documents`` table holds them) and optionally
    ``date_from``/``date_to`` (or ``date``) and ``speaker``. Returns
    ``{"sentences": …, "mentions": …, "stances": …}``: the rows a build
    writes for these documents with the default labeller (``auto``: the
    learned labeller where a row has a speaker, the rules elsewhere), in the
    tables' schemas, as record batches (tables for a table input)."""
    batches, as_table = _batches(data)
    kb = None if kb is None else os.fspath(kb)
    lexicon = None if lexicon is None else os.fspath(lexicon)
    parts: Dict[str, List[pa.RecordBatch]] = {"sentences": [], "mentions": [], "stances": []}
    for b in batches:
        s, m, t = _orbita.process(b, kb=kb, lexicon=lexicon)
        parts["sentences"].append(s)
        parts["mentions"].append(m)
        parts["stances"].append(t)
    out: Dict[str, Any] = {}
    for name, got in parts.items():
        if as_table:
            out[name] = pa.Table.from_batches(got, schema=schema(name))
        elif got:
            out[name] = got[0]
        else:
            out[name] = pa.RecordBatch.from_pylist([], schema=schema(name))
    return out


def split(data: BatchLike, **kwargs: Any) -> Any:
    """The ``sentences`` rows of a batch of documents (see :func:`process`)."""
    return process(data, **kwargs)["sentences"]


def link(data: BatchLike, **kwargs: Any) -> Any:
    """The ``mentions`` rows of a batch of documents (see :func:`process`)."""
    return process(data, **kwargs)["mentions"]


def label(data: BatchLike, **kwargs: Any) -> Any:
    """The ``stances`` rows of a batch of documents (see :func:`process`)."""
    return process(data, **kwargs)["stances"]
