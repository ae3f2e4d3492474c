#!/usr/bin/env python
"""Retrieval benchmark on CLEF CheckThat! "detect previously fact-checked claims" (English).

Usage::

    python benchmarks/retrieval.py [--data ../shared/data/checkthat2022-2a-en] [--data ...]
                                   [--split dev] [--no-cache] [--reranker PATH] [--json OUT]
                                   [--backend torch|onnx-fp32|onnx-int8] [--fields text+title]

Builds the claim index through the public API (``ClaimIndex.build``) and a
:class:`claimmatch.lexical.LexicalIndex`, then prints for each data set and split one row per
pipeline: MAP@1, MAP@5 (official), Recall@5/10/20, MRR, and queries per second, plus index
build times. Pipelines:

* ``bm25s (reference)``: the ``bm25s`` library over claim + title + subtitle, stemmed, raw tweets;
* ``bm25``: :class:`LexicalIndex` over the same text, normalised queries;
* ``dense text`` / ``dense text+title`` (library default) / ``dense text+title+subtitle``;
* ``hybrid RRF``: :data:`claimmatch.rerank.RRF_HYBRID`: RRF of dense top-100 and BM25 top-100;
* ``hybrid score fusion``: :data:`claimmatch.rerank.DEFAULT_HYBRID` (the recommended default):
  z-scores of the exact cosine and BM25 of every claim in the union of both top-30 lists;
* ``learned re-ranker``: a :class:`LinearReranker` JSON from ``training/train_reranker.py``,
  if one exists (default ``benchmarks/results/reranker-<data set>.json``; never committed).

Dense and hybrid pipelines query with :data:`claimmatch.normalize.RETRIEVAL_NORMALIZER`.
``--backend`` picks the embedding backend (default: the library's, :data:`DEFAULT_BACKEND`);
``--fields`` limits the dense pipelines (``text+title`` alone runs every hybrid pipeline).
Claim embeddings are cached in a temporary directory keyed by model, backend and text hash, so
runs after the first take seconds; ``--no-cache`` measures the real build (embedding) time. Query
embeddings are always computed live, so queries per second include embedding the query.
The data is read in place from ``shared/`` and never copied.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claimmatch import ClaimIndex, VerifiedClaim  # noqa: E402
from claimmatch.embedder import BACKENDS, DEFAULT_BACKEND, DEFAULT_MODEL, EmbedderLike, load_embedder  # noqa: E402
from claimmatch.lexical import LexicalIndex  # noqa: E402
from claimmatch.normalize import RETRIEVAL_NORMALIZER, QueryNormalizer  # noqa: E402
from claimmatch.rerank import (  # noqa: E402
    DEFAULT_HYBRID,
    RERANK_DEPTH,
    RRF_HYBRID,
    Candidate,
    HybridConfig,
    LinearReranker,
)

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "checkthat2022-2a-en"
RESULTS = ROOT / "benchmarks" / "results"
DENSE_FIELDS = ("text", "text+title", "text+title+subtitle")
METRICS = ("MAP@1", "MAP@5", "R@5", "R@10", "R@20", "MRR")


# ---------------------------------------------------------------------------- data
@dataclass
class Query:
    """One tweet with its split."""

    id: str
    text: str
    split: str


@dataclass
class Dataset:
    """A CheckThat! folder: verified claims, tweets and gold pairs."""

    name: str
    claims: list[VerifiedClaim]
    queries: list[Query]
    qrels: dict[str, set[str]]

    def split(self, name: str) -> list[Query]:
        return [q for q in self.queries if q.split == name]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def load_checkthat(folder: Path) -> Dataset:
    """Read ``vclaims.jsonl``, ``queries.jsonl`` and ``qrels.tsv`` of a CheckThat! folder."""
    claims = []
    for row in _read_jsonl(folder / "vclaims.jsonl"):
        metadata = {"subtitle": row["subtitle"]} if row.get("subtitle") else {}
        claims.append(
            VerifiedClaim(id=str(row["id"]), text=row["text"], title=row.get("title") or None, metadata=metadata)
        )
    queries = [Query(str(r["id"]), r["text"], r["split"]) for r in _read_jsonl(folder / "queries.jsonl")]
    qrels: dict[str, set[str]] = defaultdict(set)
    for line in (folder / "qrels.tsv").read_text("utf-8").splitlines()[1:]:
        if line.strip():
            query_id, claim_id = line.split("\t")[:2]
            qrels[query_id].add(claim_id)
    return Dataset(folder.name, claims, queries, dict(qrels))


def lexical_text(claim: VerifiedClaim) -> str:
    """What the BM25 index holds for a claim: text, title and subtitle."""
    return " ".join(part for part in (claim.text, claim.title, claim.metadata.get("subtitle")) if part)


def dense_text(claim: VerifiedClaim, fields: str) -> str:
    """The embedded text of a claim for one of :data:`DENSE_FIELDS`."""
    if fields == "text":
        return claim.text
    title = claim.title if claim.title and claim.title.casefold() != claim.text.casefold() else None
    parts = [claim.text, title] + ([claim.metadata.get("subtitle")] if fields == "text+title+subtitle" else [])
    return " ".join(part for part in parts if part)


# ---------------------------------------------------------------------------- metrics
def average_precision(ranked: Sequence[str], gold: set[str], k: int) -> float:
    """AP@k as the CheckThat! scorer computes it (divided by the number of gold claims)."""
    hits, total = 0, 0.0
    for position, item in enumerate(ranked[:k], start=1):
        if item in gold:
            hits += 1
            total += hits / position
    return total / len(gold) if gold else 0.0


def evaluate(rankings: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    """MAP@1, MAP@5, Recall@5/10/20 and MRR over the queries that have gold claims."""
    ids = [q for q in rankings if qrels.get(q)]
    if not ids:
        return {name: float("nan") for name in METRICS}

    def reciprocal(ranked: list[str], gold: set[str]) -> float:
        return next((1.0 / n for n, item in enumerate(ranked, start=1) if item in gold), 0.0)

    out = {
        "MAP@1": float(np.mean([average_precision(rankings[q], qrels[q], 1) for q in ids])),
        "MAP@5": float(np.mean([average_precision(rankings[q], qrels[q], 5) for q in ids])),
    }
    for k in (5, 10, 20):
        out[f"R@{k}"] = float(np.mean([len(set(rankings[q][:k]) & qrels[q]) / len(qrels[q]) for q in ids]))
    out["MRR"] = float(np.mean([reciprocal(rankings[q], qrels[q]) for q in ids]))
    return out


# ---------------------------------------------------------------------------- embeddings
def cache_key(embedder: EmbedderLike) -> str:
    """What identifies an embedder's vectors in the caches: the model, and for ONNX the backend and
    the export recipe version (a new int8 recipe gives other vectors). torch keeps its older key."""
    backend = getattr(embedder, "backend", "torch")
    if backend == "torch":
        return embedder.name
    from claimmatch.onnx_embedder import EXPORT_VERSION

    return f"{embedder.name}\x1f{backend}\x1fexport-v{EXPORT_VERSION}"


@dataclass
class EmbeddingCache:
    """Claim embeddings on disk, keyed by model name, backend and a hash of the exact texts."""

    directory: Path | None

    def path(self, embedder: EmbedderLike, texts: Sequence[str]) -> Path | None:
        """Where the vectors of ``texts`` by ``embedder`` are (or would be) cached; None without a cache."""
        if self.directory is None:
            return None
        digest = hashlib.sha256("\x1e".join([cache_key(embedder), *texts]).encode("utf-8")).hexdigest()[:32]
        return self.directory / f"{digest}.npy"

    def encode(self, embedder: EmbedderLike, texts: Sequence[str]) -> tuple[npt.NDArray[np.float32], float]:
        """Return the vectors and the seconds spent embedding (0 on a cache hit)."""
        path = self.path(embedder, texts)
        if path is not None and path.exists():
            return np.load(path), 0.0
        start = time.perf_counter()
        vectors = embedder.encode(list(texts))
        seconds = time.perf_counter() - start
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors)
        return vectors, seconds


# ---------------------------------------------------------------------------- the system under test
@dataclass
class System:
    """Indexes over one claim collection: one dense index per field choice and one BM25 index."""

    dataset: Dataset
    embedder: EmbedderLike
    dense: dict[str, ClaimIndex] = field(default_factory=dict)
    build_seconds: dict[str, float] = field(default_factory=dict)
    lexical: LexicalIndex = field(default_factory=LexicalIndex)
    texts: list[str] = field(default_factory=list)
    position: dict[str, int] = field(default_factory=dict)
    claim_vectors: dict[str, npt.NDArray[np.float32]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        dataset: Dataset,
        cache: EmbeddingCache,
        fields: Sequence[str] = DENSE_FIELDS,
        backend: str = DEFAULT_BACKEND,
        model: str = DEFAULT_MODEL,
    ) -> System:
        embedder = load_embedder(model, backend=backend)
        system = cls(dataset, embedder)
        claims = dataset.claims
        for name in fields:
            if name == "text+title" and cache.directory is None:
                start = time.perf_counter()
                index = ClaimIndex.build(claims, embedder=embedder)  # the library default, embedding inside
                system.build_seconds[f"dense {name}"] = time.perf_counter() - start
            else:
                vectors, seconds = cache.encode(embedder, [dense_text(c, name) for c in claims])
                start = time.perf_counter()
                index = ClaimIndex.build(claims, embedder=embedder, embed_title=name != "text", vectors=vectors)
                system.build_seconds[f"dense {name}"] = seconds + time.perf_counter() - start
            system.dense[name] = index
            system.claim_vectors[name] = np.vstack([index.vector(c.id) for c in claims])
        system.texts = [lexical_text(c) for c in claims]
        system.position = {c.id: n for n, c in enumerate(claims)}
        start = time.perf_counter()
        system.lexical.add(list(range(len(claims))), system.texts)
        system.lexical.search(["warm up"], 1)  # compile the weights: part of the build
        system.build_seconds["bm25"] = time.perf_counter() - start
        return system

    # --------------------------------------------------------------- candidates
    def dense_hits(self, vectors: npt.NDArray[np.float32], fields: str, depth: int) -> list[list[tuple[int, float]]]:
        return [
            [(self.position[claim.id], score) for claim, score in hits]
            for hits in self.dense[fields].search(vectors, depth)
        ]

    def candidates(
        self,
        query: str,
        vector: npt.NDArray[np.float32],
        dense: list[tuple[int, float]],
        lexical: list[tuple[int, float]],
        *,
        exact: bool = True,
    ) -> list[Candidate]:
        """The union of both lists, each with its exact cosine and exact BM25 score.

        With ``exact=False`` (enough for RRF), scores come from the lists (0 where absent).
        """
        dense_rank, lexical_rank = competition_ranks(dense), competition_ranks(lexical)
        union = sorted(set(dense_rank) | set(lexical_rank))
        if exact:
            cosines = (self.claim_vectors["text+title"][union] @ vector).tolist()
            bm25 = self.lexical.score_ids(query, union)
        else:
            dense_scores, lexical_scores = dict(dense), dict(lexical)
            cosines = [dense_scores.get(i, 0.0) for i in union]
            bm25 = [lexical_scores.get(i, 0.0) for i in union]
        return [
            Candidate(i, self.texts[i], float(c), float(b), dense_rank.get(i), lexical_rank.get(i))
            for i, c, b in zip(union, cosines, bm25, strict=True)
        ]


def competition_ranks(hits: Sequence[tuple[int, float]]) -> dict[int, int]:
    """1-based ranks of a best-first list, equal scores sharing the first one's rank."""
    ranks: dict[int, int] = {}
    previous: float | None = None
    rank = 0
    for position, (item, score) in enumerate(hits, start=1):
        if previous is None or score != previous:
            rank = position
        previous = score
        ranks[item] = rank
    return ranks


def fuse(config: HybridConfig, candidates: Sequence[Candidate]) -> list[tuple[Any, float]]:
    """Run a fusion config over one query's candidates, as ``ClaimIndex.hybrid_search`` does.

    The index passes the exact cosine and BM25 of every candidate (the union of both lists) to
    ``config.fuse``; for RRF, ``fuse`` re-derives the ranks from those scores.
    """
    return config.fuse({c.id: c.cosine for c in candidates}, {c.id: c.bm25 for c in candidates})


@dataclass
class Row:
    pipeline: str
    metrics: dict[str, float]
    qps: float


def run_split(
    system: System,
    queries: list[Query],
    *,
    normalizer: QueryNormalizer = RETRIEVAL_NORMALIZER,
    reranker: LinearReranker | None = None,
    reference: Callable[[list[str]], list[list[int]]] | None = None,
) -> list[Row]:
    """Every pipeline on one list of queries."""
    ids = [c.id for c in system.dataset.claims]
    qrels = system.dataset.qrels
    depth = max(DEFAULT_HYBRID.depth, RRF_HYBRID.depth, RERANK_DEPTH)
    rows: list[Row] = []

    def ranking(result: list[list[int]]) -> dict[str, list[str]]:
        return {q.id: [ids[i] for i in hits] for q, hits in zip(queries, result, strict=True)}

    if reference is not None:
        start = time.perf_counter()
        result = reference([q.text for q in queries])
        rows.append(
            Row(
                "bm25s (reference, raw tweets)",
                evaluate(ranking(result), qrels),
                len(queries) / (time.perf_counter() - start),
            )
        )

    start = time.perf_counter()
    texts = [normalizer(q.text) for q in queries]
    normalise_s = time.perf_counter() - start
    start = time.perf_counter()
    lexical = system.lexical.search(texts, depth)
    lexical_s = normalise_s + time.perf_counter() - start
    rows.append(
        Row(
            "bm25 (LexicalIndex)",
            evaluate(ranking([[i for i, _ in h] for h in lexical]), qrels),
            len(queries) / lexical_s,
        )
    )

    start = time.perf_counter()
    vectors = system.embedder.encode(texts)
    embed_s = normalise_s + time.perf_counter() - start
    dense_default: list[list[tuple[int, float]]] = []
    dense_s = 0.0
    for name in system.dense:
        start = time.perf_counter()
        hits = system.dense_hits(vectors, name, depth)
        seconds = embed_s + time.perf_counter() - start
        label = f"dense {name}" + (" (library default)" if name == "text+title" else "")
        rows.append(Row(label, evaluate(ranking([[i for i, _ in h] for h in hits]), qrels), len(queries) / seconds))
        if name == "text+title":
            dense_default, dense_s = hits, seconds
    if not dense_default:
        return rows

    # every hybrid pipeline is timed on top of the dense (query embedding + FAISS) and BM25 searches
    base_s = dense_s + (lexical_s - normalise_s)
    configs = [("hybrid RRF", RRF_HYBRID), ("hybrid score fusion (default)", DEFAULT_HYBRID)]
    for label, config in configs:
        start = time.perf_counter()
        fused = [
            fuse(config, system.candidates(t, v, d[: config.depth], lx[: config.depth]))
            for t, v, d, lx in zip(texts, vectors, dense_default, lexical, strict=True)
        ]
        seconds = base_s + time.perf_counter() - start
        rows.append(Row(label, evaluate(ranking([[i for i, _ in f] for f in fused]), qrels), len(queries) / seconds))
    if reranker is not None:
        start = time.perf_counter()
        reranked = [
            reranker.rerank(t, system.candidates(t, v, d[:RERANK_DEPTH], lx[:RERANK_DEPTH]))
            for t, v, d, lx in zip(texts, vectors, dense_default, lexical, strict=True)
        ]
        seconds = base_s + time.perf_counter() - start
        label = "learned re-ranker (LR, opt-in)"
        rows.append(Row(label, evaluate(ranking([[i for i, _ in r] for r in reranked]), qrels), len(queries) / seconds))
    return rows


def bm25s_reference(system: System) -> tuple[Callable[[list[str]], list[list[int]]], float] | None:
    """The reference BM25 of the task description, built with the ``bm25s`` library."""
    try:
        import bm25s
        import Stemmer
    except ImportError:
        return None
    stemmer = Stemmer.Stemmer("english")
    start = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(system.texts, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False
    )
    seconds = time.perf_counter() - start

    def search(texts: list[str]) -> list[list[int]]:
        tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
        docs, _ = retriever.retrieve(tokens, k=100, show_progress=False, n_threads=1)
        return [[int(d) for d in row] for row in docs]

    return search, seconds


# ---------------------------------------------------------------------------- report
def machine() -> str:
    """One line about this machine."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU cores ({model}), Python {platform.python_version()}, {platform.system()}"


def table(rows: list[Row]) -> str:
    head = f"| pipeline | {' | '.join(METRICS)} | queries/s |"
    lines = [head, "|" + "---|" * (len(METRICS) + 2)]
    for row in rows:
        values = " | ".join(f"{row.metrics[m]:.4f}" for m in METRICS)
        lines.append(f"| {row.pipeline} | {values} | {row.qps:.0f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--data", type=Path, action="append", help=f"CheckThat! folder (repeatable; default {DEFAULT_DATA})"
    )
    parser.add_argument("--split", action="append", help="split(s) to report (default: dev)")
    parser.add_argument("--no-cache", action="store_true", help="embed the claims afresh (real build times)")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "claimmatch-bench-cache")
    parser.add_argument(
        "--reranker", type=Path, help="LinearReranker JSON (default: benchmarks/results/reranker-<data>.json)"
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--backend", choices=BACKENDS, default=DEFAULT_BACKEND, help="embedding backend")
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help="sentence-transformers model name or local path (default: the library's); the learned re-ranker "
        "is only used with the default model unless --reranker is given",
    )
    parser.add_argument(
        "--fields",
        default=",".join(DENSE_FIELDS),
        help="comma-separated dense pipelines to run (text+title is the default one; hybrid needs it)",
    )
    args = parser.parse_args(argv)
    fields = [f.strip() for f in args.fields.split(",") if f.strip()]
    if any(f not in DENSE_FIELDS for f in fields):
        parser.error(f"--fields: choose from {', '.join(DENSE_FIELDS)}")
    folders = args.data or [DEFAULT_DATA]
    splits = args.split or ["dev"]
    cache = EmbeddingCache(None if args.no_cache else args.cache_dir)
    print(
        f"Machine: {machine()}; model {args.model}, backend {args.backend}; "
        f"cache {'off' if args.no_cache else args.cache_dir}\n"
    )
    report: dict[str, Any] = {"machine": machine(), "model": args.model, "backend": args.backend, "results": {}}
    for folder in folders:
        dataset = load_checkthat(folder)
        system = System.build(dataset, cache, fields, backend=args.backend, model=args.model)
        reference = bm25s_reference(system)
        builds = dict(system.build_seconds)
        if reference is not None:
            builds["bm25s (reference)"] = reference[1]
        path = args.reranker or RESULTS / f"reranker-{dataset.name}.json"
        own_features = args.reranker is not None or args.model == DEFAULT_MODEL  # trained on the default's cosines
        reranker = LinearReranker.load(path) if own_features and path.exists() else None
        print(f"## {dataset.name}: {len(dataset.claims)} verified claims")
        print("Build seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in builds.items()))
        if reranker is None:
            print(f"(no learned re-ranker at {path}: train one with training/train_reranker.py)")
        for split in splits:
            queries = dataset.split(split)
            rows = run_split(system, queries, reranker=reranker, reference=reference[0] if reference else None)
            print(
                f"\n### {dataset.name}, split {split} ({sum(1 for q in queries if dataset.qrels.get(q.id))} queries)\n"
            )
            print(table(rows))
            report["results"].setdefault(dataset.name, {"build_seconds": builds})[split] = [
                {"pipeline": r.pipeline, **r.metrics, "qps": r.qps} for r in rows
            ]
        print()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
