"""Run a sharded orbita build on a Dask cluster: one task per shard, then the merge.

    python -m orbita.cluster --raw /shared/raw --out /shared/datasets --shards 8 --scheduler tcp://head:8786
    python -m orbita.cluster --raw build/wh --out build/cluster --shards 4 --local-workers 2

Each task runs ``orbita.build(raw, out=<parts>/<i>, shard=(i, n))`` on a
worker; the driver then runs ``orbita.merge`` over the n partial datasets.
The result is byte-identical to a single-machine ``orbita build`` of the
same inputs (document ids are content hashes, and every shard reads every
input), so ``raw`` and ``parts`` must be paths every worker and the driver
see (a shared or object-store mount). Without ``--scheduler`` a local
cluster of ``--local-workers`` processes is started (and stopped).

From Python: ``orbita.cluster.run(raw, out, shards, client)``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, List, Optional

import orbita


def build_shard(raw: str, parts: str, i: int, n: int, threads: int, kb: Optional[str], lexicon: Optional[str]) -> str:
    """One task: shard ``i`` of ``n`` into ``parts/i``; returns the partial version directory."""
    ds = orbita.build(raw, out=os.path.join(parts, str(i)), shard=(i, n), threads=threads, kb=kb, lexicon=lexicon, wait=True)
    return str(ds.path)


def run(
    raw: str,
    out: str,
    shards: int,
    client: Any,
    parts: Optional[str] = None,
    threads: int = 1,
    kb: Optional[str] = None,
    lexicon: Optional[str] = None,
) -> orbita.Dataset:
    """Builds the ``shards`` shards of ``raw`` as tasks of the Dask ``client``
    into ``parts`` (default ``<out>/.parts``), then merges them into ``out``
    on this process. Raises :class:`orbita.OrbitaError` when a shard fails."""
    if shards < 1:
        raise ValueError(f"shards must be at least 1, got {shards}")
    raw = str(Path(raw).resolve())
    out_path = Path(out).resolve()
    parts_dir = str(Path(parts).resolve()) if parts else str(out_path / ".parts")
    futures = [
        client.submit(build_shard, raw, parts_dir, i, shards, threads, kb, lexicon, key=f"orbita-shard-{i}-of-{shards}", pure=False)
        for i in range(shards)
    ]
    versions: List[str] = client.gather(futures)
    return orbita.merge(versions, str(out_path), wait=True)


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m orbita.cluster", description=__doc__.split("\n\n")[0])
    p.add_argument("--raw", required=True, help="raw input directory, visible to every worker")
    p.add_argument("--out", required=True, help="output directory of the merged dataset")
    p.add_argument("--shards", type=int, required=True, help="number of shards (tasks)")
    p.add_argument("--parts", help="directory for the partial datasets (default OUT/.parts), visible to every worker")
    p.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786); default: a local cluster")
    p.add_argument("--local-workers", type=int, default=2, help="worker processes of the local cluster (default 2)")
    p.add_argument("--threads", type=int, default=1, help="threads per shard build (default 1: one core per task)")
    p.add_argument("--kb", help="knowledge base directory (default: the embedded one)")
    p.add_argument("--lexicon", help="lexicon directory (default: the embedded one)")
    a = p.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    started = time.monotonic()
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.local_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        workers = len(client.scheduler_info().get("workers", {}))
        print(f"orbita.cluster: {a.shards} shards on {workers} Dask workers", file=sys.stderr)
        ds = run(a.raw, a.out, a.shards, client, parts=a.parts, threads=a.threads, kb=a.kb, lexicon=a.lexicon)
    except orbita.OrbitaError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    acc = ds.manifest["accounting"]
    print(
        f"merged {a.shards} shards in {time.monotonic() - started:.1f}s: {acc['records_seen']} records = "
        f"{acc['documents']} documents + {acc['duplicates']} duplicates + {acc['rejects']} rejects",
        file=sys.stderr,
    )
    print(ds.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
