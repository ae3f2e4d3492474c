#!/usr/bin/env python
"""Thread settings for a single ``match()`` call, each against its baseline, same run.

Builds an HNSW ``ClaimIndex`` of CheckThat! 2022 verified claims replicated to ``--size``
(as ``benchmarks/speed.py --sections match`` does; onnx-int8 vectors, cached), or loads one
saved with ``--index``, then times ``ClaimMatcher.match()`` on claim-length queries
(CheckThat! 2020 verified-claim texts) with dense and hybrid retrieval, interleaving the
two settings in rounds of 25 calls. ``--setting`` picks what is compared:

* ``faiss``: FAISS's default OpenMP thread count for every search (**before**, the
  baseline) against a single query searched on one OpenMP thread (**after**, claimmatch's
  behaviour; ``claimmatch.faiss_store._openmp_threads``);
* ``onnx``: the query embedded on the one-thread onnxruntime session that batches use
  (**before**, ``OnnxEmbedder.single_text_threads = 1``) against the default two-thread
  single-text session (**after**);
* ``overlap``: hybrid retrieval embedding the query and then scoring BM25 (**before**)
  against embedding it (and searching FAISS) on a second thread while the calling thread
  scores BM25 (**after**), whatever the collection size (claimmatch does the latter from
  ``claimmatch.matcher._OVERLAP_FROM`` claims); dense retrieval is the same code either way.

Prints wall-clock p50/p99 and CPU time per call, and the speed-up of "after" over "before".

Usage::

    python benchmarks/single_query_threads.py [--setting faiss|onnx|overlap] [--size 1000000] [--queries 400]
    python benchmarks/single_query_threads.py --setting onnx --index /tmp/cm-1m  # a saved HNSW index
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


@contextlib.contextmanager
def _default_threads(count: int) -> Iterator[None]:
    """The FAISS baseline: leave FAISS's OpenMP thread count alone."""
    yield


def _settings(name: str, index: Any) -> dict[str, Callable[[], None]]:
    """``{"before": apply the baseline, "after": apply claimmatch's behaviour}`` for ``name``."""
    from claimmatch import faiss_store, matcher

    if name == "overlap":
        return {
            "before": lambda: setattr(matcher, "_OVERLAP_FROM", sys.maxsize),
            "after": lambda: setattr(matcher, "_OVERLAP_FROM", 0),
        }
    if name == "faiss":
        openmp = faiss_store._openmp_threads
        return {
            "before": lambda: setattr(faiss_store, "_openmp_threads", _default_threads),
            "after": lambda: setattr(faiss_store, "_openmp_threads", openmp),
        }
    embedder = index.embedder
    if not hasattr(embedder, "single_text_threads"):
        raise SystemExit("--setting onnx needs an index whose embedding backend is onnx-int8 or onnx-fp32")
    default = embedder.single_text_threads
    if default < 2:
        raise SystemExit("this machine has one CPU: there is no second thread to compare")
    return {
        "before": lambda: setattr(embedder, "single_text_threads", 1),
        "after": lambda: setattr(embedder, "single_text_threads", default),
    }


def _index(args: argparse.Namespace, ns: argparse.Namespace) -> Any:
    from speed import load_collection, load_text_only_vectors, replicate

    from claimmatch import ClaimIndex
    from claimmatch.embedder import load_embedder

    began = time.perf_counter()
    if args.index is not None:
        index = ClaimIndex.load(args.index, embedding_backend="onnx-int8")
        print(f"{len(index):,} claims, loaded from {args.index} in {time.perf_counter() - began:.0f} s", flush=True)
        return index
    base, vectors, _, _ = load_collection(ns)
    text_only = load_text_only_vectors(ns, base)
    claims, stacked = replicate(base, vectors, args.size, 0.01, seed=args.size)
    index = ClaimIndex.build(
        claims,
        embedder=load_embedder(backend="onnx-int8"),
        vectors=stacked,
        text_only_vectors=text_only[np.arange(args.size) % len(base)],
        index_type="hnsw",
    )
    print(f"{args.size:,} claims, HNSW built in {time.perf_counter() - began:.0f} s", flush=True)
    return index


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--setting", choices=("faiss", "onnx", "overlap"), default="faiss")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--index", type=Path, default=None, help="load this saved index instead of building one")
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--vector-cache", type=Path, default=Path(tempfile.gettempdir()) / "claimmatch-bench-cache")
    args = parser.parse_args()
    from speed import claim_queries

    from claimmatch import ClaimMatcher

    ns = argparse.Namespace(data_dir=args.data_dir, collection_backend="onnx-int8", vector_cache=args.vector_cache)
    index = _index(args, ns)
    queries = claim_queries(ns)
    warm, timed = queries[:20], queries[20 : 20 + args.queries]
    variants = _settings(args.setting, index)
    print(f"setting: {args.setting}")
    try:
        for retrieval in ("dense", "hybrid"):
            matcher = ClaimMatcher(index, retrieval=retrieval)
            wall: dict[str, list[float]] = {name: [] for name in variants}
            cpu: dict[str, list[float]] = {name: [] for name in variants}
            for apply in variants.values():
                apply()
                for text in warm:
                    matcher.match(text)
            for at in range(0, len(timed), 25):
                for name, apply in variants.items():
                    apply()
                    for text in timed[at : at + 25]:
                        start, start_cpu = time.perf_counter(), time.process_time()
                        matcher.match(text)
                        wall[name].append(time.perf_counter() - start)
                        cpu[name].append(time.process_time() - start_cpu)
            print(f"\n## {retrieval} match(), {len(timed)} claims")
            figures = {
                name: (
                    1e3 * statistics.median(wall[name]),
                    1e3 * float(np.percentile(wall[name], 99)),
                    1e3 * statistics.median(cpu[name]),
                )
                for name in variants
            }
            print(f"{'':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU p50 ms':>11}")
            for name, (p50, p99, cpu50) in figures.items():
                print(f"{name:>8} {p50:>8.2f} {p99:>8.2f} {cpu50:>11.2f}")
            b, a = figures["before"], figures["after"]
            print(f"{'speed-up':>8} {b[0] / a[0]:>7.2f}x {b[1] / a[1]:>7.2f}x {b[2] / a[2]:>10.2f}x")
    finally:
        variants["after"]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
