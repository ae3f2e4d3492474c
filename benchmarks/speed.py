#!/usr/bin/env python
"""Speed benchmarks for claimmatch: one command, plain aligned tables, optional JSON.

Sections (one function each, ``section_<name>(args) -> dict``; pick with ``--sections``):

* ``embedding`` (default): for each embedding backend (torch, onnx-fp32, onnx-int8):
  throughput on a batch of real texts (median and best of ``--repeats`` runs), single-claim latency
  p50/p99 over ``--single`` calls after a warm-up, and cosine agreement with torch on the
  same texts. Every figure is also given as a ratio against the torch baseline measured in
  the same run. Backends are measured interleaved (round-robin), so that a change in
  machine load hits all of them alike.
* ``quality`` (opt-in, slower: it embeds the whole collection once per backend): MAP@5 of
  each backend on the CheckThat! 2022 2A dev queries against all 14,231 verified claims
  (``--claims-limit N``: the gold claims plus N others), how often its top-1 equals
  torch's, and the mean overlap of its top-5 with torch's.
* ``match`` (opt-in): end to end. Single-claim ``ClaimMatcher.match()`` latency (p50, p99) and
  ``match_many()`` throughput (claims/s) at each ``--match-sizes`` collection size, per
  ``--match-backends`` embedding backend, against the baseline "sentence-transformers encode (torch)
  + numpy dot product + top-k" over the same vectors, measured interleaved in the same run; every
  figure also as a speed-up over the baseline. Collections are the 14,231 CheckThat! 2022 verified
  claims replicated to size (copy r of a claim: id ``<id>~<r>``, same texts, the claim's vector plus
  Gaussian noise ``--noise`` per component, re-normalised); the claims' vectors are embedded once with
  ``--collection-backend`` and cached in ``--vector-cache`` (shared with ``benchmarks/retrieval.py``).
  Queries are the CheckThat! tweets: ``--match-warmup`` untimed, then ``--single`` timed
  ``match()`` calls, and the remaining tweets for ``match_many()`` in batches of ``--match-batch``.

Texts are the CheckThat! 2022 2A verified claims (``text`` field), read in place from
``<data-dir>/checkthat2022-2a-en/vclaims.jsonl`` and never copied; without that file the
repository's own claims and test queries are used (with a note).

Usage::

    python benchmarks/speed.py [--sections embedding,quality] [--json OUT] [--texts 1000] [--single 200]
    python benchmarks/speed.py --sections match [--match-sizes 10000,100000,1000000] [--index-type auto]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimmatch.embedder import BACKENDS, Embedder, EmbedderLike  # noqa: E402

DEFAULT_DATA_DIR = ROOT.parent / "shared" / "data"
CHECKTHAT = "checkthat2022-2a-en"
Vectors = npt.NDArray[np.float32]


# --------------------------------------------------------------------------- helpers


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def machine_info() -> dict[str, Any]:
    """CPU, core count, load and library versions, for the report."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info: dict[str, Any] = {"cpu": model, "nproc": os.cpu_count(), "python": platform.python_version()}
    if hasattr(os, "getloadavg"):
        info["loadavg_start"] = [round(x, 2) for x in os.getloadavg()]
    for name in ("torch", "onnxruntime", "sentence_transformers"):
        try:
            info[name] = __import__(name).__version__
        except ImportError:
            info[name] = None
    if info["torch"]:
        import torch

        info["torch_threads"] = torch.get_num_threads()
    return info


def load_texts(data_dir: Path, count: int) -> tuple[list[str], str]:
    """``count`` real claim texts, and where they came from."""
    path = data_dir / CHECKTHAT / "vclaims.jsonl"
    if path.is_file():
        texts = [str(row["text"]) for row in _read_jsonl(path) if str(row.get("text", "")).strip()]
        source = f"{path} (text field)"
    else:
        claims = _read_jsonl(ROOT / "index" / "claims.jsonl")
        queries = _read_jsonl(ROOT / "tests" / "data" / "match_queries.jsonl")
        texts = [str(c["text"]) for c in claims] + [str(q["query"]) for q in queries]
        source = f"{path} is missing: the repository's claims and test queries, repeated"
        print(f"note: {source}", file=sys.stderr)
    while len(texts) < count:
        texts = texts + texts
    return texts[:count], source


def load_backend(backend: str, args: argparse.Namespace) -> tuple[EmbedderLike, float]:
    """A freshly loaded embedder for ``backend`` and the seconds it took (an export, if cold)."""
    start = time.perf_counter()
    embedder: EmbedderLike
    if backend == "torch":
        embedder = Embedder(batch_size=args.batch_size)
    else:
        from claimmatch.onnx_embedder import OnnxEmbedder, Precision

        precision: Precision = "fp32" if backend == "onnx-fp32" else "int8"
        embedder = OnnxEmbedder(
            precision=precision, threads=args.threads, cache_dir=args.cache_dir, batch_size=args.batch_size
        )
    return embedder, time.perf_counter() - start


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def ratio(value: float | None, base: float | None) -> float | None:
    return None if value is None or not base else value / base


def _cell(value: Any, fmt: str) -> str:
    if value is None:
        return "-"
    if fmt == "x":
        return f"{value:.2f}x"
    return format(value, fmt) if fmt else str(value)


def print_table(headers: Sequence[str], formats: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain, right-aligned text table; ``formats`` are format specs, or ``"x"`` for a ratio."""
    cells = [[_cell(v, f) for v, f in zip(row, formats, strict=True)] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    print("  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)))


# --------------------------------------------------------------------------- sections


def section_embedding(args: argparse.Namespace) -> dict[str, Any]:
    """Throughput, single-claim latency and agreement with torch, per embedding backend."""
    backends = args.backends
    texts, source = load_texts(args.data_dir, args.texts)
    embedders: dict[str, EmbedderLike] = {}
    load_s: dict[str, float] = {}
    for backend in backends:
        embedders[backend], load_s[backend] = load_backend(backend, args)

    # Warm-up: a few batches and single calls each (first-call allocations, thread pools).
    for embedder in embedders.values():
        embedder.encode(texts[: args.batch_size])
        for text in texts[:20]:
            embedder.encode([text])

    # Throughput, interleaved: repeat r runs every backend once on the same texts.
    seconds: dict[str, list[float]] = {b: [] for b in backends}
    vectors: dict[str, Vectors] = {}
    for _ in range(args.repeats):
        for backend, embedder in embedders.items():
            start = time.perf_counter()
            vectors[backend] = embedder.encode(texts, batch_size=args.batch_size)
            seconds[backend].append(time.perf_counter() - start)

    # Single-claim latency, interleaved in rounds of 25 calls per backend.
    singles = texts[: args.single]
    latency: dict[str, list[float]] = {b: [] for b in backends}
    for start_at in range(0, len(singles), 25):
        for backend, embedder in embedders.items():
            for text in singles[start_at : start_at + 25]:
                start = time.perf_counter()
                embedder.encode([text])
                latency[backend].append(time.perf_counter() - start)

    results: dict[str, dict[str, Any]] = {}
    for backend in backends:
        rate = len(texts) / statistics.median(seconds[backend])
        row: dict[str, Any] = {
            "texts_per_s": rate,
            "best_texts_per_s": len(texts) / min(seconds[backend]),
            "texts_per_s_runs": [len(texts) / s for s in seconds[backend]],
            "p50_ms": percentile(latency[backend], 50) * 1e3,
            "p99_ms": percentile(latency[backend], 99) * 1e3,
            "mean_ms": statistics.fmean(latency[backend]) * 1e3,
            "load_s": load_s[backend],
        }
        if "torch" in vectors:
            cosines = (vectors[backend] * vectors["torch"]).sum(axis=1)
            row["cosine_vs_torch_mean"] = float(cosines.mean())
            row["cosine_vs_torch_min"] = float(cosines.min())
        results[backend] = row
    base = results.get("torch", {})
    for row in results.values():
        for key in ("texts_per_s", "best_texts_per_s", "p50_ms", "p99_ms"):
            row[f"{key}_vs_torch"] = ratio(row[key], base.get(key))

    print(
        f"\n## Embedding backends: {len(texts)} texts in batches of {args.batch_size} "
        f"(median and best of {args.repeats} runs), {len(singles)} single calls\n"
    )
    print_table(
        [
            "backend",
            "texts/s",
            "vs torch",
            "best texts/s",
            "vs torch",
            "p50 ms",
            "vs torch",
            "p99 ms",
            "vs torch",
            "cos mean",
            "cos min",
            "load s",
        ],
        ["", ".0f", "x", ".0f", "x", ".2f", "x", ".2f", "x", ".5f", ".5f", ".1f"],
        [
            [
                backend,
                r["texts_per_s"],
                r["texts_per_s_vs_torch"],
                r["best_texts_per_s"],
                r["best_texts_per_s_vs_torch"],
                r["p50_ms"],
                r["p50_ms_vs_torch"],
                r["p99_ms"],
                r["p99_ms_vs_torch"],
                r.get("cosine_vs_torch_mean"),
                r.get("cosine_vs_torch_min"),
                r["load_s"],
            ]
            for backend, r in results.items()
        ],
    )
    print("\n(vs torch: ratio to the torch figure of this run; texts/s higher is better, ms lower is better)")
    return {
        "texts": len(texts),
        "text_source": source,
        "batch_size": args.batch_size,
        "repeats": args.repeats,
        "single_calls": len(singles),
        "onnx_threads": args.threads,
        "torch_threads": args.torch_threads,
        "backends": results,
    }


def _average_precision_at_5(ranked: Sequence[str], gold: set[str]) -> float:
    hits, total = 0, 0.0
    for rank, claim_id in enumerate(ranked[:5], start=1):
        if claim_id in gold:
            hits += 1
            total += hits / rank
    return total / min(len(gold), 5) if gold else 0.0


def section_quality(args: argparse.Namespace) -> dict[str, Any]:
    """MAP@5 on the CheckThat! 2022 2A dev queries, and top-5 agreement with torch, per backend."""
    folder = args.data_dir / CHECKTHAT
    if not (folder / "vclaims.jsonl").is_file():
        print(f"\n## Retrieval quality: skipped, {folder} is missing")
        return {"skipped": f"{folder} is missing"}
    claims = _read_jsonl(folder / "vclaims.jsonl")
    queries = [q for q in _read_jsonl(folder / "queries.jsonl") if q.get("split") == "dev"]
    gold: dict[str, set[str]] = {}
    for line in (folder / "qrels.tsv").read_text("utf-8").splitlines()[1:]:
        query_id, claim_id = line.split("\t")[:2]
        gold.setdefault(query_id, set()).add(claim_id)
    queries = [q for q in queries if q["id"] in gold]
    if args.claims_limit:  # the gold claims of these queries, plus the first others
        wanted = set().union(*(gold[str(q["id"])] for q in queries))
        others = [c for c in claims if c["id"] not in wanted][: args.claims_limit]
        claims = [c for c in claims if c["id"] in wanted] + others
    documents = [f"{c['text']} {c.get('title') or ''}".strip() for c in claims]
    ids = [str(c["id"]) for c in claims]
    top5: dict[str, list[list[str]]] = {}
    results: dict[str, dict[str, Any]] = {}
    for backend in args.backends:
        embedder, _ = load_backend(backend, args)
        start = time.perf_counter()
        corpus = embedder.encode(documents, batch_size=args.batch_size)
        embed_s = time.perf_counter() - start
        scores = embedder.encode([str(q["text"]) for q in queries]) @ corpus.T
        ranked = [[ids[i] for i in np.argsort(-row)[:5]] for row in scores]
        top5[backend] = ranked
        ap = [_average_precision_at_5(r, gold[str(q["id"])]) for r, q in zip(ranked, queries, strict=True)]
        results[backend] = {"map_at_5": statistics.fmean(ap), "corpus_embed_s": embed_s}
        del embedder
    for backend, row in results.items():
        if "torch" in top5:
            pairs = list(zip(top5[backend], top5["torch"], strict=True))
            row["same_top1_as_torch"] = statistics.fmean(a[0] == b[0] for a, b in pairs)
            row["top5_overlap_with_torch"] = statistics.fmean(len(set(a) & set(b)) / 5 for a, b in pairs)
    print(
        f"\n## Retrieval quality: CheckThat! 2022 2A dev, {len(queries)} queries, {len(claims)} claims (text + title)\n"
    )
    print_table(
        ["backend", "MAP@5", "same top-1", "top-5 overlap", "corpus embed s"],
        ["", ".4f", ".3f", ".3f", ".1f"],
        [
            [b, r["map_at_5"], r.get("same_top1_as_torch"), r.get("top5_overlap_with_torch"), r["corpus_embed_s"]]
            for b, r in results.items()
        ],
    )
    return {"queries": len(queries), "claims": len(claims), "backends": results}


# --------------------------------------------------------------------------- section: match (end to end)


def _cached_vectors(args: argparse.Namespace, embedder: EmbedderLike, texts: list[str], what: str = "") -> Vectors:
    """The vectors of ``texts``, cached in ``--vector-cache`` with the keys of ``benchmarks/retrieval.py``."""
    from retrieval import EmbeddingCache  # benchmarks/ is on sys.path when a benchmark runs as a script

    cache = EmbeddingCache(Path(args.vector_cache))
    path = cache.path(embedder, texts)
    if what and path is not None and not path.is_file():
        print(f"embedding {len(texts)} {what} with {args.collection_backend} (cached in {path}) ...", flush=True)
    return np.asarray(cache.encode(embedder, texts)[0], dtype=np.float32)


def load_text_only_vectors(args: argparse.Namespace, claims: Sequence[Any]) -> Vectors:
    """The vectors of the claims' texts alone (cached): what a real build stores for titled claims."""
    from claimmatch.embedder import load_embedder

    embedder = load_embedder(backend=args.collection_backend)
    return _cached_vectors(args, embedder, [c.text for c in claims], "claim texts")


def load_collection(args: argparse.Namespace) -> tuple[list[Any], Vectors, list[str], str]:
    """The CheckThat! 2022 verified claims, their vectors (cached), the tweets, and a note on the source."""
    from claimmatch import VerifiedClaim
    from claimmatch.embedder import load_embedder

    folder = args.data_dir / CHECKTHAT
    if not (folder / "vclaims.jsonl").is_file():
        raise SystemExit(f"the match section needs {folder}/vclaims.jsonl (CheckThat! 2022 2A)")
    claims = []
    for row in _read_jsonl(folder / "vclaims.jsonl"):
        metadata = {"subtitle": row["subtitle"]} if row.get("subtitle") else {}
        claims.append(
            VerifiedClaim(id=str(row["id"]), text=row["text"], title=row.get("title") or None, metadata=metadata)
        )
    tweets = [str(q["text"]) for q in _read_jsonl(folder / "queries.jsonl")]
    embedder = load_embedder(backend=args.collection_backend)
    texts = [f"{c.text} {c.title}" if c.title and c.title.casefold() != c.text.casefold() else c.text for c in claims]
    vectors = _cached_vectors(args, embedder, texts, "claims")
    return claims, vectors, tweets, f"{folder} ({len(claims)} claims, {len(tweets)} tweets)"


def claim_queries(args: argparse.Namespace, count: int = 1000) -> list[str]:
    """Claim-length queries: a fixed-seed sample of the CheckThat! 2020 verified claims' texts (Snopes
    claims like the 2022 collection's, so many have an earlier fact-check there: a repeated claim)."""
    folder = args.data_dir / "checkthat2020-task2-en"
    if not (folder / "vclaims.jsonl").is_file():
        raise SystemExit(f"--match-queries claims2020 needs {folder}/vclaims.jsonl")
    texts = sorted({str(row["text"]) for row in _read_jsonl(folder / "vclaims.jsonl") if row.get("text")})
    rng = np.random.default_rng(2020)
    return [texts[i] for i in rng.choice(len(texts), min(count, len(texts)), replace=False)]


def replicate(base: Sequence[Any], vectors: Vectors, size: int, noise: float, seed: int) -> tuple[list[Any], Vectors]:
    """``size`` claims made of copies of ``base``: copy r > 0 of a claim gets the id ``<id>~<r>``, the same
    text, title and subtitle (so BM25 posting lists grow as with real data), and the base vector plus
    Gaussian noise (``noise`` per component, re-normalised) so that copies are near, not equal."""
    rng = np.random.default_rng(seed)
    claims: list[Any] = []
    chunks: list[Vectors] = []
    for copy in range(-(-size // len(base))):
        take = min(len(base), size - len(claims))
        if copy == 0:
            claims.extend(base[:take])
            chunks.append(vectors[:take])
        else:
            claims.extend(c.model_copy(update={"id": f"{c.id}~{copy}"}) for c in base[:take])
            chunks.append(vectors[:take] + rng.normal(0.0, noise, (take, vectors.shape[1])).astype(np.float32))
    stacked = np.vstack(chunks)
    stacked /= np.linalg.norm(stacked, axis=1, keepdims=True)
    return claims, np.ascontiguousarray(stacked, dtype=np.float32)


class _Baseline:
    """The plain pipeline to beat: sentence-transformers (torch) encode + a numpy dot product + top-k."""

    def __init__(self, vectors: Vectors, top_k: int) -> None:
        from sentence_transformers import SentenceTransformer

        from claimmatch.embedder import DEFAULT_MODEL, resolve_model

        self.model = SentenceTransformer(resolve_model(DEFAULT_MODEL), device="cpu")
        self.vectors = vectors
        self.top_k = top_k

    def _top(self, scores: Vectors) -> list[int]:
        top = np.argpartition(-scores, self.top_k)[: self.top_k]
        return [int(i) for i in top[np.argsort(-scores[top])]]

    def match(self, text: str) -> list[int]:
        query = self.model.encode([text], convert_to_numpy=True, normalize_embeddings=True)[0]
        return self._top(self.vectors @ query)

    def match_many(self, texts: Sequence[str]) -> list[list[int]]:
        queries = self.model.encode(list(texts), batch_size=64, convert_to_numpy=True, normalize_embeddings=True)
        out: list[list[int]] = []
        for start in range(0, len(queries), 64):  # bounded memory: 64 x N scores at a time
            scores = queries[start : start + 64] @ self.vectors.T
            out.extend(self._top(row) for row in scores)
        return out


def _pipeline(backend: str, retrieval: str) -> str:
    """The row name of a backend and retrieval mode: ``onnx-int8`` (hybrid) or ``onnx-int8, dense``."""
    return backend if retrieval == "hybrid" else f"{backend}, {retrieval}"


def _split_pipeline(name: str) -> tuple[str, str]:
    backend, _, mode = name.partition(", ")
    return backend, mode or "hybrid"


def section_match(args: argparse.Namespace) -> dict[str, Any]:
    """End-to-end ``match()`` latency and ``match_many()`` throughput against the plain baseline."""
    from claimmatch import ClaimIndex, ClaimMatcher

    base, base_vectors, tweets, source = load_collection(args)
    if args.match_queries == "claims2020":
        tweets = claim_queries(args)
        source += f"; queries: {len(tweets)} CheckThat! 2020 verified-claim texts (claim length, not tweets)"
    base_text_only = load_text_only_vectors(args, base)
    warm, single = tweets[: args.match_warmup], tweets[args.match_warmup : args.match_warmup + args.single]
    batch_texts = tweets[args.match_warmup + args.single :]
    if not batch_texts:
        raise SystemExit("--single leaves no tweets for the match_many runs")
    backends = args.match_backends
    embedders = {b: load_backend(b, args)[0] for b in backends}  # honours --threads and --batch-size
    results: dict[str, Any] = {}
    for size in args.match_sizes:
        claims, vectors = replicate(base, base_vectors, size, args.noise, seed=size)
        # a copy has its base claim's text, so its text-only vector is the base one (stored, as a real build does)
        text_only = base_text_only[np.arange(size) % len(base)]
        start = time.perf_counter()
        index = ClaimIndex.build(
            claims,
            embedder=embedders[backends[0]],
            vectors=vectors,
            text_only_vectors=text_only,
            index_type=args.index_type,
        )
        build_s = time.perf_counter() - start
        del claims, text_only
        # One index serves every backend: the benchmark swaps the query embedder and gives each backend
        # its own cache of claim-text vectors (the stance input), as if it had an index of its own.
        state = {b: {"_embedder": embedders[b], "_text_cache": {}} for b in backends}

        def use(backend: str, index: ClaimIndex = index, state: dict[str, dict[str, Any]] = state) -> None:
            for name, value in state[backend].items():
                setattr(index, name, value)

        # one matcher per retrieval mode: "hybrid" (BM25 + dense, the default) or "dense" (embeddings only)
        matchers = {mode: ClaimMatcher(index, retrieval=mode) for mode in args.match_retrieval}
        baseline = _Baseline(vectors, args.top_k)
        pipelines = ["baseline", *(_pipeline(b, mode) for mode in args.match_retrieval for b in backends)]

        def run_single(
            name: str, text: str, baseline: _Baseline = baseline, matchers: dict[str, ClaimMatcher] = matchers
        ) -> None:
            if name == "baseline":
                baseline.match(text)
            else:
                backend, mode = _split_pipeline(name)
                use(backend)
                matchers[mode].match(text, top_k=args.top_k)

        for name in pipelines:
            for text in warm:
                run_single(name, text)
        latency: dict[str, list[float]] = {name: [] for name in pipelines}
        cpu: dict[str, list[float]] = {name: [] for name in pipelines}
        for at in range(0, len(single), 25):  # interleaved rounds of 25 calls, so load changes hit all alike
            for name in pipelines:
                for text in single[at : at + 25]:
                    began, began_cpu = time.perf_counter(), time.process_time()
                    run_single(name, text)
                    latency[name].append(time.perf_counter() - began)
                    cpu[name].append(time.process_time() - began_cpu)
        seconds: dict[str, list[float]] = {name: [] for name in pipelines}
        for _ in range(args.repeats if size < 1_000_000 else 1):
            for name in pipelines:
                began = time.perf_counter()
                for at in range(0, len(batch_texts), args.match_batch):
                    chunk = batch_texts[at : at + args.match_batch]
                    if name == "baseline":
                        baseline.match_many(chunk)
                    else:
                        backend, mode = _split_pipeline(name)
                        use(backend)
                        matchers[mode].match_many(chunk, top_k=args.top_k)
                seconds[name].append(time.perf_counter() - began)
        rows: dict[str, dict[str, Any]] = {}
        for name in pipelines:
            rows[name] = {
                "p50_ms": percentile(latency[name], 50) * 1e3,
                "p99_ms": percentile(latency[name], 99) * 1e3,
                "cpu_p50_ms": percentile(cpu[name], 50) * 1e3,  # CPU time of the process (all its threads)
                "claims_per_s": len(batch_texts) / statistics.median(seconds[name]),
            }
        for row in rows.values():
            row["p50_vs_baseline"] = ratio(rows["baseline"]["p50_ms"], row["p50_ms"])
            row["p99_vs_baseline"] = ratio(rows["baseline"]["p99_ms"], row["p99_ms"])
            row["cpu_p50_vs_baseline"] = ratio(rows["baseline"]["cpu_p50_ms"], row["cpu_p50_ms"])
            row["claims_per_s_vs_baseline"] = ratio(row["claims_per_s"], rows["baseline"]["claims_per_s"])
        store = index.store.describe()
        results[str(size)] = {"build_s": build_s, "store": store, "pipelines": rows}
        print(
            f"\n## End to end at {size:,} claims: {len(single)} single match() calls after {len(warm)} warm-up "
            f"calls, match_many() over {len(batch_texts)} {args.match_queries} in batches of {args.match_batch} "
            f"(index {store.get('index_type')}, built in {build_s:.0f} s)\n"
        )
        print_table(
            ["pipeline", "p50 ms", "speed-up", "p99 ms", "speed-up", "CPU p50 ms", "speed-up", "claims/s", "speed-up"],
            ["", ".2f", "x", ".2f", "x", ".2f", "x", ".0f", "x"],
            [
                [
                    "baseline: ST encode + numpy dot" if name == "baseline" else f"match(), {name}",
                    r["p50_ms"],
                    r["p50_vs_baseline"],
                    r["p99_ms"],
                    r["p99_vs_baseline"],
                    r["cpu_p50_ms"],
                    r["cpu_p50_vs_baseline"],
                    r["claims_per_s"],
                    r["claims_per_s_vs_baseline"],
                ]
                for name, r in rows.items()
            ],
        )
        del index, matchers, baseline, vectors, state
    print(
        "\n(speed-up: baseline time / pipeline time, or pipeline claims/s / baseline claims/s, same run; "
        "the baseline has no BM25, no cut-off and no stance; CPU ms: CPU time of the process per call, "
        "all threads, a load-independent view when every library runs one thread)"
    )
    return {
        "collection": source,
        "replication": f"copies of the claims with new ids, vectors + N(0, {args.noise}) noise",
        "top_k": args.top_k,
        "backends": backends,
        "retrieval": args.match_retrieval,
        "index_type": args.index_type,
        "sizes": results,
    }


# ----------------------------------------------------------------- index types: sections search and build


def _parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "").replace(",", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def synthetic_corpus(real: Vectors, size: int, spread: float, seed: int) -> Vectors:
    """``size`` unit vectors: the real ones (a random subset when ``size`` is smaller), then noisy copies.

    A copy of real vector ``v_i`` is ``normalise(v_i + spread * (v_j - v_k))`` for random real ``j, k``:
    the noise is drawn from the data's own differences, so it stays in the subspace that real
    embeddings occupy (isotropic noise would add 384 dimensions no real claim uses); with
    ``spread=0.35`` a copy has cosine ~0.9 with its original, like a close paraphrase.
    """
    rng = np.random.default_rng(seed)
    if size <= len(real):
        return np.ascontiguousarray(real[np.sort(rng.choice(len(real), size, replace=False))])
    out = np.empty((size, real.shape[1]), dtype=np.float32)
    out[: len(real)] = real
    for start in range(len(real), size, 65_536):
        stop = min(start + 65_536, size)
        i, j, k = (rng.integers(0, len(real), stop - start) for _ in range(3))
        chunk = real[i] + spread * (real[j] - real[k])
        out[start:stop] = chunk / np.linalg.norm(chunk, axis=1, keepdims=True)
    return out


def exact_top(corpus: Vectors, queries: Vectors, k: int) -> npt.NDArray[np.int64]:
    """Exact top-``k`` row numbers per query (numpy, corpus scanned in blocks)."""
    best_s = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(queries), 0), dtype=np.int64)
    for start in range(0, len(corpus), 131_072):
        scores = queries @ corpus[start : start + 131_072].T
        top = np.argpartition(-scores, min(k, scores.shape[1] - 1), axis=1)[:, :k]
        best_s = np.hstack([best_s, np.take_along_axis(scores, top, axis=1)])
        best_i = np.hstack([best_i, top + start])
        keep = np.argsort(-best_s, axis=1, kind="stable")[:, :k]
        best_s, best_i = np.take_along_axis(best_s, keep, axis=1), np.take_along_axis(best_i, keep, axis=1)
    return best_i


def recall_at(found: npt.NDArray[np.int64], truth: npt.NDArray[np.int64]) -> float:
    """Mean fraction of the exact top-k found in the approximate top-k."""
    return float(np.mean([len(set(f.tolist()) & set(t.tolist())) / len(t) for f, t in zip(found, truth, strict=True)]))


def _index_queries(args: argparse.Namespace) -> tuple[Vectors, Vectors, Vectors, str]:
    """Real claim vectors, tuning queries (train tweets) and report queries (dev tweets + fresh copies)."""
    from claimmatch.embedder import load_embedder

    _, real, _, source = load_collection(args)
    folder = args.data_dir / CHECKTHAT
    tweets = _read_jsonl(folder / "queries.jsonl")
    embedder = load_embedder(backend=args.collection_backend)
    vectors: dict[str, Vectors] = {}
    for split in ("train", "dev"):
        texts = [str(t["text"]) for t in tweets if t.get("split") == split]
        vectors[split] = _cached_vectors(args, embedder, texts)
    extra = synthetic_corpus(real, len(real) + args.index_queries - len(vectors["dev"]), args.spread, seed=99)
    report = np.vstack([vectors["dev"], extra[len(real) :]])
    return real, vectors["train"], report, source


def _timed_queries(search: Callable[[Vectors], Any], queries: Vectors) -> list[float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        search(query[None, :])
        times.append(time.perf_counter() - start)
    return times


def _numpy_search(corpus: Vectors, k: int) -> Callable[[Vectors], npt.NDArray[np.int64]]:
    def search(query: Vectors) -> npt.NDArray[np.int64]:
        scores = corpus @ query[0]
        top = np.argpartition(-scores, k)[:k]
        return top[np.argsort(-scores[top])]

    return search


_TUNE_GRID = {
    "hnsw": ("ef_search", [16, 24, 32, 48, 64, 96, 128, 192, 256, 384]),
    "ivfpq": ("nprobe", [4, 8, 12, 16, 24, 32, 48, 64, 96, 128]),
}
_INDEX_RUNS: dict[str, Any] = {}


def _index_runs(args: argparse.Namespace) -> dict[str, Any]:
    """Build, tune and measure every index type at every size once per process (shared by both sections)."""
    if _INDEX_RUNS:
        return _INDEX_RUNS
    import functools
    import gc
    import tempfile as _tempfile

    import faiss

    from claimmatch.faiss_store import FaissVectorStore

    if args.faiss_threads:
        faiss.omp_set_num_threads(args.faiss_threads)
    real, tune_q, report_q, source = _index_queries(args)
    k = 10
    sizes = [_parse_size(s) for s in args.index_sizes.split(",") if s.strip()]
    types = [t.strip() for t in args.index_types.split(",") if t.strip()]
    runs: list[dict[str, Any]] = []
    workdir = Path(_tempfile.mkdtemp(prefix="claimmatch-index-bench-", dir=args.index_workdir))
    for size in sizes:
        start = time.perf_counter()
        corpus = synthetic_corpus(real, size, args.spread, seed=size)
        make_s = time.perf_counter() - start
        ids = np.arange(size, dtype=np.int64)
        truth_tune = exact_top(corpus, tune_q, k)
        truth = exact_top(corpus, report_q, k)
        latency_q = report_q[: args.index_latency_queries]
        # Baseline: numpy brute force on the same vectors; its build is the array, its load np.load.
        base_times = _timed_queries(_numpy_search(corpus, k), latency_q)
        npy = workdir / "corpus.npy"
        np.save(npy, corpus)
        start = time.perf_counter()
        np.load(npy)
        base_load = time.perf_counter() - start
        npy.unlink()
        baseline = {
            "type": "numpy",
            "size": size,
            "recall_at_10": 1.0,
            "p50_ms": percentile(base_times, 50) * 1e3,
            "p99_ms": percentile(base_times, 99) * 1e3,
            "build_s": make_s,
            "ram_bytes_per_claim": corpus.nbytes / size,
            "disk_bytes_per_claim": corpus.nbytes / size,
            "load_s": base_load,
        }
        runs.append(baseline)
        print(f"  {size:>9,}  numpy  p50 {baseline['p50_ms']:.2f} ms", flush=True)
        for index_type in types:
            options: dict[str, Any] = {"train_at": min(20_000, size)}
            if index_type == "ivfpq-opq":
                options["opq"] = True
            store_type = "ivfpq" if index_type.startswith("ivfpq") else index_type
            start = time.perf_counter()
            store = FaissVectorStore(real.shape[1], index_type=store_type, params=options)
            for begin in range(0, size, 262_144):
                store.add(corpus[begin : begin + 262_144], ids[begin : begin + 262_144])
            build_s = time.perf_counter() - start
            tuned: dict[str, Any] = {}
            if store_type in _TUNE_GRID:  # smallest setting reaching the target on the tuning queries
                name, grid = _TUNE_GRID[store_type]
                for value in grid:
                    store.params[name] = value
                    found = store.search(tune_q, k)[1]
                    tuned = {name: value, "tune_recall": recall_at(found, truth_tune)}
                    if tuned["tune_recall"] >= args.target_recall:
                        break
            found = store.search(report_q, k)[1]
            times = _timed_queries(functools.partial(store.search, k=k), latency_q)
            path = workdir / f"{index_type}-{size}.bin"
            data = store.to_bytes()
            path.write_bytes(data)
            description = store.describe()
            del data
            start = time.perf_counter()
            loaded = FaissVectorStore.open(
                description, path.read_bytes(), dimension=real.shape[1], where=workdir, options={}
            )
            load_s = time.perf_counter() - start
            del loaded
            mmap_desc = {**description, "files": {"vectors": {"path": path.name}}}
            start = time.perf_counter()
            mapped = FaissVectorStore.open(
                mmap_desc, b"", dimension=real.shape[1], where=workdir, options={"mmap": True}
            )
            mmap_load_s = time.perf_counter() - start
            mapped_recall = recall_at(mapped.search(report_q[:200], k)[1], truth[:200])
            del mapped
            file_bytes = path.stat().st_size
            exact_bytes = size * (real.shape[1] * 4 + 8) if store_type == "ivfpq" else 0
            # RAM of the search structure: the file minus what stays on disk when mapped; an
            # IndexIDMap2 also keeps a reverse hash table in RAM (~40 B per id, not in the file).
            ram = file_bytes - exact_bytes + (40 * size if store_type != "ivfpq" else 0)
            row = {
                "type": index_type,
                "size": size,
                "recall_at_10": recall_at(found, truth),
                "p50_ms": percentile(times, 50) * 1e3,
                "p99_ms": percentile(times, 99) * 1e3,
                "build_s": build_s,
                "ram_bytes_per_claim": ram / size,
                "disk_bytes_per_claim": file_bytes / size,
                "exact_bytes_per_claim": exact_bytes / size,
                "load_s": load_s,
                "mmap_load_s": mmap_load_s,
                "mmap_recall_at_10_200q": mapped_recall,
                "params": {
                    key: store.params[key]
                    for key in ("hnsw_m", "ef_construction", "ef_search", "pq_m", "nprobe", "k_factor", "opq")
                },
                "nlist": description["index_params"].get("nlist"),
                **tuned,
            }
            for key in ("p50_ms", "p99_ms", "build_s", "ram_bytes_per_claim", "load_s"):
                row[f"{key}_vs_numpy"] = ratio(row[key], baseline[key])
            runs.append(row)
            print(
                f"  {size:>9,}  {index_type}  recall {row['recall_at_10']:.3f}  p50 {row['p50_ms']:.2f} ms  "
                f"build {build_s:.1f} s  {tuned}",
                flush=True,
            )
            path.unlink()
            del store
            gc.collect()
        del corpus
        gc.collect()
    _INDEX_RUNS.update(
        {
            "runs": runs,
            "source": source,
            "tuning_queries": f"{len(tune_q)} CheckThat! train tweets",
            "report_queries": f"{len(report_q)}: 197 CheckThat! dev tweets + {len(report_q) - 197} noisy copies",
            "latency_queries": len(report_q[: args.index_latency_queries]),
            "spread": args.spread,
            "target_recall": args.target_recall,
            "faiss_threads": faiss.omp_get_max_threads(),
        }
    )
    return _INDEX_RUNS


def section_search(args: argparse.Namespace) -> dict[str, Any]:
    """(b) Single-query latency p50/p99 and recall@10 against exact search, per index type and size."""
    print(f"\n## Index search: building {args.index_types} at {args.index_sizes} claims ...", flush=True)
    result = _index_runs(args)
    print(
        f"\n## Index search: single-query latency and recall@10 vs exact ({result['report_queries']}; "
        f"latency over the first {result['latency_queries']}; parameters tuned on {result['tuning_queries']})\n"
    )
    print_table(
        ["claims", "index", "param", "recall@10", "p50 ms", "vs numpy", "p99 ms", "vs numpy"],
        [",", "", "", ".4f", ".3f", "x", ".3f", "x"],
        [
            [
                r["size"],
                r["type"],
                next((f"{n}={r[n]}" for n in ("ef_search", "nprobe") if n in r), "-"),
                r["recall_at_10"],
                r["p50_ms"],
                r.get("p50_ms_vs_numpy", 1.0),
                r["p99_ms"],
                r.get("p99_ms_vs_numpy", 1.0),
            ]
            for r in result["runs"]
        ],
    )
    print("\n(vs numpy: ratio to numpy brute force on the same vectors in this run; lower is better)")
    return {key: value for key, value in result.items()}


def section_build(args: argparse.Namespace) -> dict[str, Any]:
    """(c) Build time, bytes per claim (RAM, disk) and load time, per index type and size."""
    result = _index_runs(args)
    print("\n## Index build, memory and load\n")
    print_table(
        [
            "claims",
            "index",
            "build s",
            "vs numpy",
            "RAM B/claim",
            "vs numpy",
            "file B/claim",
            "load s",
            "vs numpy",
            "mmap load s",
        ],
        [",", "", ".2f", "x", ".0f", "x", ".0f", ".3f", "x", ".4f"],
        [
            [
                r["size"],
                r["type"],
                r["build_s"],
                r.get("build_s_vs_numpy", 1.0),
                r["ram_bytes_per_claim"],
                r.get("ram_bytes_per_claim_vs_numpy", 1.0),
                r["disk_bytes_per_claim"],
                r["load_s"],
                r.get("load_s_vs_numpy", 1.0),
                r.get("mmap_load_s"),
            ]
            for r in result["runs"]
        ],
    )
    print(
        "\n(numpy: the float32 matrix itself, built by generating it and loaded with np.load. RAM B/claim "
        "excludes the exact vectors an ivfpq store keeps on disk when memory-mapped, and all claim metadata)"
    )
    return {key: value for key, value in result.items()}


SECTIONS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "embedding": section_embedding,
    "quality": section_quality,
    "match": section_match,
    "search": section_search,
    "build": section_build,
}
DEFAULT_SECTIONS = "embedding"


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sections",
        default=DEFAULT_SECTIONS,
        help=f"comma-separated, from: {', '.join(SECTIONS)} (default: {DEFAULT_SECTIONS})",
    )
    parser.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated embedding backends")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--texts", type=int, default=1000, help="texts for the throughput runs")
    parser.add_argument("--single", type=int, default=200, help="single-text calls for latency")
    parser.add_argument("--repeats", type=int, default=5, help="throughput runs per backend")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--claims-limit", type=int, default=0, help="quality: distractor claims (default: all)")
    parser.add_argument("--threads", type=int, default=None, help="ONNX: texts embedded at once (default: CPUs)")
    parser.add_argument("--torch-threads", type=int, default=None, help="torch.set_num_threads (default: torch's)")
    parser.add_argument("--cache-dir", type=Path, default=None, help="ONNX export cache root")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="write all figures as JSON")
    match = parser.add_argument_group("match section")
    match.add_argument("--match-sizes", default="10000,100000", help="collection sizes (comma-separated)")
    match.add_argument("--match-backends", default="torch,onnx-int8", help="embedding backends to match with")
    match.add_argument("--match-warmup", type=int, default=20, help="untimed match() calls first")
    match.add_argument("--match-batch", type=int, default=100, help="texts per match_many() call")
    match.add_argument(
        "--match-retrieval", default="hybrid", help="retrieval modes to time, from hybrid (default) and dense"
    )
    match.add_argument(
        "--match-queries",
        default="tweets",
        choices=["tweets", "claims2020"],
        help="query texts: the 997 CheckThat! 2022 tweets (~60 tokens) or 1,000 CheckThat! 2020 claim texts",
    )
    match.add_argument("--top-k", type=int, default=5, help="matches per claim")
    match.add_argument("--index-type", default="auto", help="ClaimIndex index_type for the collections")
    match.add_argument("--noise", type=float, default=0.01, help="std of the noise added to replicated vectors")
    match.add_argument("--collection-backend", default="torch", choices=BACKENDS, help="embeds the collection")
    match.add_argument("--vector-cache", type=Path, default=Path(tempfile.gettempdir()) / "claimmatch-bench-cache")
    index = parser.add_argument_group("search and build sections (index types)")
    index.add_argument("--index-sizes", default="10k,100k,1M", help="collection sizes, e.g. 10k,100k,1M")
    index.add_argument("--index-types", default="flat,hnsw,ivfpq", help="from flat, hnsw, ivfpq, ivfpq-opq")
    index.add_argument("--index-queries", type=int, default=1000, help="report queries (197 dev tweets + copies)")
    index.add_argument("--index-latency-queries", type=int, default=300, help="report queries timed one by one")
    index.add_argument("--spread", type=float, default=0.35, help="size of the noise of the replicated vectors")
    index.add_argument("--target-recall", type=float, default=0.97, help="tuning target on the train tweets")
    index.add_argument("--faiss-threads", type=int, default=0, help="faiss.omp_set_num_threads (0: FAISS default)")
    index.add_argument("--index-workdir", type=Path, default=None, help="where index files are written and timed")
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    args.match_backends = [b.strip() for b in args.match_backends.split(",") if b.strip()]
    args.match_retrieval = [m.strip() for m in args.match_retrieval.split(",") if m.strip()]
    if not args.match_retrieval or set(args.match_retrieval) - {"hybrid", "dense"}:
        parser.error("--match-retrieval takes hybrid and/or dense")
    try:
        args.match_sizes = [int(n.replace("_", "")) for n in args.match_sizes.split(",") if n.strip()]
    except ValueError:
        parser.error("--match-sizes: comma-separated integers")
    if any(n < 1 for n in args.match_sizes) or args.match_batch < 1 or args.top_k < 1 or args.match_warmup < 0:
        parser.error("--match-sizes, --match-batch and --top-k must be positive")
    for name in args.match_backends:
        if name not in BACKENDS:
            parser.error(f"unknown backend {name!r} in --match-backends; choose from {', '.join(BACKENDS)}")
    for name in args.sections:
        if name not in SECTIONS:
            parser.error(f"unknown section {name!r}; choose from {', '.join(SECTIONS)}")
    for name in args.backends:
        if name not in BACKENDS:
            parser.error(f"unknown backend {name!r}; choose from {', '.join(BACKENDS)}")
    if args.texts < 1 or args.single < 1 or args.repeats < 1 or args.batch_size < 1:
        parser.error("--texts, --single, --repeats and --batch-size must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.torch_threads:
        import torch

        torch.set_num_threads(args.torch_threads)
    if getattr(args, "faiss_threads", None):
        import faiss

        faiss.omp_set_num_threads(args.faiss_threads)
    info = machine_info()
    print(
        f"machine: {info['cpu']}, {info['nproc']} CPUs, load average {info.get('loadavg_start')}; "
        f"torch {info['torch']} ({info.get('torch_threads')} threads), onnxruntime {info['onnxruntime']}"
    )
    report: dict[str, Any] = {"machine": info, "command": " ".join(["python", *sys.argv]), "sections": {}}
    for name in args.sections:
        report["sections"][name] = SECTIONS[name](args)
    if hasattr(os, "getloadavg"):
        info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
        print(f"\nload average at the end: {info['loadavg_end']}")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
