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

Texts are the CheckThat! 2022 2A verified claims (``text`` field), read in place from
``<data-dir>/checkthat2022-2a-en/vclaims.jsonl`` and never copied; without that file the
repository's own claims and test queries are used (with a note).

Usage::

    python benchmarks/speed.py [--sections embedding,quality] [--json OUT] [--texts 1000] [--single 200]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
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


SECTIONS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "embedding": section_embedding,
    "quality": section_quality,
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
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
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
