"""Type stubs for orbita's native module (pipeline/python/src/lib.rs)."""

from typing import List, Optional, Tuple

import pyarrow as pa

__version__: str
TABLES: List[str]

class OrbitaError(Exception):
    """An orbita operation failed; the message names the file and the reason."""

def build(
    raw: str,
    out: str,
    *,
    kb: Optional[str] = None,
    lexicon: Optional[str] = None,
    threads: int = 0,
    shard: Optional[Tuple[int, int]] = None,
    wait: bool = False,
    max_document_bytes: Optional[int] = None,
    max_files: Optional[int] = None,
    keep_bytes: Optional[int] = None,
    batch_bytes: Optional[int] = None,
) -> Tuple[str, str]:
    """Builds a version; returns its directory and a JSON summary."""

def merge(parts: List[str], out: str, *, wait: bool = False) -> str:
    """Merges the partial datasets of a sharded build; returns the version directory."""

def resolve(path: str) -> str:
    """The version directory a path names (version, manifest.json, or output directory)."""

def verify(dir: str) -> List[str]:
    """Every problem `orbita verify` finds (empty: verified)."""

def read_table(dir: str, table: str) -> pa.RecordBatchReader:
    """A table of a version, checked against its schema, without copying."""

def diff(a: str, b: str, threshold: Optional[float] = None) -> Tuple[str, str, str, List[str], bool]:
    """(text, markdown, JSON, policy violations, empty) of `orbita diff a b`."""

def process(
    batch: pa.RecordBatch, *, kb: Optional[str] = None, lexicon: Optional[str] = None
) -> Tuple[pa.RecordBatch, pa.RecordBatch, pa.RecordBatch]:
    """The sentences, mentions and stances rows of a batch of documents."""

def table_schema(table: str) -> pa.Schema:
    """The Arrow schema of an orbita table."""

def _set_code_path(path: str) -> None:
    """Names the extension module's file as the running code (build cache keys)."""
