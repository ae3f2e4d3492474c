#!/usr/bin/env python
"""Throughput of batch matching on Ray (``claimmatch.distributed.match_dataset``) against one process.

One command, one run, every figure from the same run on the same machine:

* **single process**: ``ClaimMatcher.match_many`` in batches of ``--batch-size``, with torch on
  all cores (its default) and on 1 thread; the model is loaded once (untimed), the index afresh
  for each run, so that, as in a Ray job's new actors, no claim-text vector is cached yet;
* **Ray, 1 worker** and **Ray, 2 workers** (``--workers``): ``match_dataset`` on a local Ray
  (``ray.init(num_cpus=<cores>)``), one CPU and one torch thread per actor, the index shipped
  through the object store with ``put_index``. The wall time is end to end (actor start-up:
  importing torch, loading the model and the index, included); *steady* subtracts the
  start-up, measured with a job of one row per worker just before.

Throughputs are also given as ratios against the single process (all cores). Configurations run
round-robin ``--repeats`` times and the best run of each is reported, so that load from other
processes hits all of them alike. The Ray output is checked against the single process (same
(query, rank, claim) triples, same stances). Ends with the projection to a cluster, with its
arithmetic, and the resident memory of one actor.

Index: the CheckThat! 2022 2A verified claims (14,231, text + title + subtitle for BM25), read in
place from ``<data-dir>/checkthat2022-2a-en`` and saved once to ``--cache-dir``. Queries: its
tweets (``--split``, default train: 800), repeated up to ``--texts``. Without the data set the
repository's own claims and test queries are used (with a note).

Usage::

    python benchmarks/distributed.py [--texts 800] [--workers 1,2] [--repeats 2] [--batch-size 64] [--json OUT]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimmatch import ClaimIndex, ClaimMatcher, VerifiedClaim, load_claims  # noqa: E402
from claimmatch.embedder import DEFAULT_MODEL  # noqa: E402

DEFAULT_DATA_DIR = Path(os.environ.get("CLAIMMATCH_DATA_DIR", ROOT.parent / "shared" / "data"))
CHECKTHAT = "checkthat2022-2a-en"
TOP_K = 5


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def load_inputs(data_dir: Path, split: str, count: int) -> tuple[list[VerifiedClaim], list[str], str]:
    """The verified claims, ``count`` query texts, and a description of where they came from."""
    folder = data_dir / CHECKTHAT
    if (folder / "vclaims.jsonl").is_file():
        claims = []
        for row in _read_jsonl(folder / "vclaims.jsonl"):
            metadata = {"subtitle": row["subtitle"]} if row.get("subtitle") else {}
            claims.append(
                VerifiedClaim(id=str(row["id"]), text=row["text"], title=row.get("title") or None, metadata=metadata)
            )
        texts = [str(r["text"]) for r in _read_jsonl(folder / "queries.jsonl") if split in ("all", r["split"])]
        source = f"{folder}: {len(claims)} verified claims, {len(texts)} {split} tweets"
    else:
        claims = load_claims(ROOT / "index" / "claims.jsonl")
        texts = [str(r["query"]) for r in _read_jsonl(ROOT / "tests" / "data" / "match_queries.jsonl")]
        source = f"{folder} is missing: the repository's {len(claims)} claims and {len(texts)} test queries"
        print(f"note: {source}", file=sys.stderr)
    while len(texts) < count:
        texts = texts + texts
    return claims, texts[:count], source


def saved_index(claims: list[VerifiedClaim], cache_dir: Path) -> Path:
    """The index of ``claims`` saved under ``cache_dir`` (built on the first run only)."""
    key = hashlib.sha256(DEFAULT_MODEL.encode() + b"\0")
    for claim in claims:
        key.update(claim.model_dump_json().encode() + b"\n")
    path = cache_dir / f"distributed-index-{key.hexdigest()[:16]}"
    if not (path / "manifest.json").is_file():
        start = time.perf_counter()
        ClaimIndex.build(claims).save(path)
        print(f"built the index of {len(claims)} claims in {time.perf_counter() - start:.0f} s: {path}")
    return path


def machine() -> dict[str, Any]:
    """CPU model, cores, load and versions, for the report."""
    cpu = platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    import ray
    import torch

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "torch": torch.__version__,
        "ray": ray.__version__,
        "niceness": os.nice(0),
    }


def run_single(path: Path, texts: Sequence[str], batch_size: int, threads: int) -> tuple[float, list[Any]]:
    """Seconds to match ``texts`` in one process with ``threads`` torch threads, and the matches.

    The index is loaded afresh (untimed), so its cache of claim-text vectors for the stance
    engine starts cold, as in each Ray job's new actors; the model stays loaded.
    """
    import torch

    matcher = ClaimMatcher(ClaimIndex.load(path))
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        start = time.perf_counter()
        found = []
        for first in range(0, len(texts), batch_size):
            found.extend(matcher.match_many(texts[first : first + batch_size], TOP_K))
        return time.perf_counter() - start, found
    finally:
        torch.set_num_threads(before)


def run_ray(ds: Any, ref: Any, workers: int, batch_size: int) -> tuple[float, list[dict[str, Any]]]:
    """Seconds for ``match_dataset`` with ``workers`` actors, end to end, and its rows."""
    from claimmatch.distributed import match_dataset

    start = time.perf_counter()
    out = match_dataset(ds, ref, id_column="id", top_k=TOP_K, concurrency=workers, num_cpus=1, batch_size=batch_size)
    rows: list[dict[str, Any]] = out.materialize().take_all()
    return time.perf_counter() - start, rows


def actor_memory(ref: Any) -> float:
    """Peak resident memory (MiB) of a fresh Ray worker that loads the index and matches one text."""
    import ray

    @ray.remote(num_cpus=1)
    def probe(packed: Any) -> float:
        from claimmatch.distributed import _materialise

        index, _ = _materialise(packed)
        ClaimMatcher(index).match("Bats are blind.")
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    return float(ray.get(probe.remote(ref)))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table (also readable as plain text)."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += ["| " + " | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--split", default="train", choices=["train", "dev", "all"])
    parser.add_argument("--texts", type=int, default=800, help="queries to match (tweets, repeated if needed)")
    parser.add_argument("--workers", default="1,2", help="Ray actor counts to measure, comma-separated")
    parser.add_argument("--repeats", type=int, default=2, help="round-robin repetitions; the best run is reported")
    parser.add_argument("--batch-size", type=int, default=64, help="texts per match_many call / Ray batch")
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp") / "claimmatch-bench-cache")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args(argv)
    try:
        import ray
        import ray.data
    except ImportError:
        print('Ray is not installed: pip install "claimmatch[ray]"', file=sys.stderr)
        return 2
    from claimmatch.distributed import put_index

    workers = [int(w) for w in args.workers.split(",")]
    cores = os.cpu_count() or 1
    claims, texts, source = load_inputs(args.data_dir, args.split, args.texts)
    path = saved_index(claims, args.cache_dir)

    start = time.perf_counter()
    matcher = ClaimMatcher(ClaimIndex.load(path))
    matcher.match_many(texts[: args.batch_size], TOP_K)  # warm-up: the model loaded once in this process
    single_startup = time.perf_counter() - start

    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    ray.init(num_cpus=cores, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    ref = put_index(path)
    ds = ray.data.from_items([{"id": f"t{i:06d}", "text": t} for i, t in enumerate(texts)]).materialize()
    info = machine()
    print(f"Machine: {info}\nData: {source}; {len(texts)} queries, top_k={TOP_K}, batch {args.batch_size}\n")

    best: dict[str, float] = {}
    startup: dict[str, float] = {}
    reference: list[Any] = []
    identical = True
    for repeat in range(args.repeats):
        for threads in sorted({cores, 1}, reverse=True):
            seconds, reference = run_single(path, texts, args.batch_size, threads)
            best[f"single-{threads}"] = min(best.get(f"single-{threads}", float("inf")), seconds)
        for w in workers:
            tiny = ray.data.from_items([{"id": f"s{i}", "text": texts[i]} for i in range(w)])
            first, _ = run_ray(tiny, ref, w, 1)
            seconds, rows = run_ray(ds, ref, w, args.batch_size)
            startup[f"ray-{w}"] = min(startup.get(f"ray-{w}", float("inf")), first)
            best[f"ray-{w}"] = min(best.get(f"ray-{w}", float("inf")), seconds)
            got = sorted((r["query_id"], r["rank"], r["claim_id"], r["stance"]) for r in rows)
            want = sorted(
                (f"t{i:06d}", m.rank, m.claim.id, m.stance.value) for i, ms in enumerate(reference) for m in ms
            )
            identical = identical and got == want
        print(f"repeat {repeat + 1}/{args.repeats}: " + ", ".join(f"{k} {v:.1f} s" for k, v in best.items()))

    n = len(texts)
    base = n / best[f"single-{cores}"]
    rows_out: list[list[str]] = []
    figures: dict[str, Any] = {"machine": info, "texts": n, "batch_size": args.batch_size, "runs": {}}
    for name, seconds in best.items():
        kind, count = name.split("-")
        steady = n / (seconds - startup[name]) if name in startup and seconds > startup[name] else None
        label = f"single process, torch {count} thread(s)" if kind == "single" else f"Ray, {count} worker(s) x 1 CPU"
        start_s = startup.get(name, single_startup if kind == "single" else None)
        figures["runs"][name] = {"seconds": seconds, "texts_per_s": n / seconds, "startup_s": start_s, "steady": steady}
        rows_out.append(
            [
                label,
                f"{seconds:.1f}",
                f"{n / seconds:.0f}",
                f"{(n / seconds) / base:.2f}x",
                f"{start_s:.1f}" if start_s is not None else "-",
                f"{steady:.0f}" if steady else "-",
                f"{steady / base:.2f}x" if steady else "-",
            ]
        )
    headers = ["run", "wall s", "texts/s", "vs 1 process", "start-up s", "steady texts/s", "steady vs 1 process"]
    print()
    print(table(headers, rows_out))
    print(f"\nRay rows equal the single process's (query, rank, claim, stance): {'yes' if identical else 'NO'}")

    info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    print(f"Load average at the end: {info['loadavg_end']} (at the start: {info['loadavg']})")
    memory = actor_memory(ref)
    figures["actor_peak_rss_mib"] = memory
    figures["identical"] = identical
    one, two = figures["runs"].get("ray-1", {}).get("steady"), figures["runs"].get("ray-2", {}).get("steady")
    print(f"Peak resident memory of one actor (index + model + one match): {memory:.0f} MiB")
    if one and two:
        efficiency = two / (2 * one)
        figures["scaling_efficiency_1_to_2"] = efficiency
        print(
            f"\nProjection: one actor (1 CPU) sustains {one:.0f} texts/s; 2 actors sustain {two:.0f} texts/s, "
            f"a scaling efficiency of {two:.0f} / (2 x {one:.0f}) = {efficiency:.2f} on {cores} cores.\n"
            f"A cluster of N nodes x C cores runs N x C one-CPU actors: throughput ~ N x C x {one:.0f} x e, where e is "
            f"the efficiency with every core busy (here {efficiency:.2f}).\n"
            f"e.g. 4 nodes x 16 cores: 64 x {one:.0f} x {efficiency:.2f} = {64 * one * efficiency:,.0f} texts/s "
            f"({64 * one * efficiency * 3600:,.0f} per hour), plus one start-up of ~{startup['ray-1']:.0f} s per job."
        )
    ray.shutdown()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
        print(f"\nwrote {args.json}")
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
