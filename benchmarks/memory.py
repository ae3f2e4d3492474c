#!/usr/bin/env python
"""Memory of a loaded index: RAM per claim with the data in memory (the baseline) and memory-mapped.

For each ``--sizes`` collection size, builds a ``ClaimIndex`` of CheckThat! 2022 verified claims
replicated to size (as ``benchmarks/speed.py --sections match`` does: copy r of a claim gets the id
``<id>~<r>``, the same texts, and its vector plus small noise), saves it, and then, for each load mode,
starts a **fresh Python process** that

1. imports claimmatch and loads the embedding model (the fixed cost, measured first),
2. loads the index (``ClaimIndex.load(path)``: the baseline; ``ClaimIndex.load(path, mmap=True)``),
3. runs ``--queries`` ``ClaimMatcher.match()`` calls on CheckThat! tweets,

and reads the process's resident memory from ``/proc/self/status`` after each step: ``RssAnon``
(private memory: the heap, numpy arrays, FAISS structures) and ``RssFile`` (pages of mapped files
that the process has touched; the kernel can drop and re-read them). Figures per claim are
``(after the queries - before the load) / size``; every figure is also a ratio against the baseline
load of the same run. The two modes must return the same matches (checked, printed).

Mapped pages are a cache: the kernel drops them under memory pressure and reads them again from
disk when a query needs them. ``--cap-mb N[,M...]`` shows what that costs: it runs the mapped load
once more inside a memory cgroup limited to N MiB, for each cap (the process's private memory *and*
the page cache it uses count against the limit; where cgroups cannot be written, the run is skipped
with a note), and reports whether it completed with the same matches, and its ``match()`` latency.
``--retrieval dense`` times ``ClaimMatcher(retrieval="dense")`` instead of the default hybrid search.

The 10M projection fits ``bytes = fixed + per_claim * size`` through the two largest sizes.

Usage::

    python benchmarks/memory.py [--sizes 100000,1000000] [--index-type ivfpq] [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

MODES = ("memory", "mmap")
_FIELDS = ("RssAnon", "RssFile", "VmRSS", "VmHWM")


def rss() -> dict[str, int]:
    """This process's resident memory in bytes, from ``/proc/self/status``."""
    out: dict[str, int] = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in _FIELDS:
                out[key] = int(value.split()[0]) * 1024
    return out


def child(args: argparse.Namespace) -> int:
    """One load mode in a fresh process; prints one JSON line."""
    start = rss()
    from claimmatch import ClaimIndex, ClaimMatcher
    from claimmatch.embedder import load_embedder

    embedder = load_embedder(backend=args.backend)
    embedder.encode(["warm up the model"])
    model = rss()
    began = time.perf_counter()
    index = ClaimIndex.load(args.child, mmap=args.mode == "mmap", embedding_backend=args.backend)
    index._embedder = embedder  # the model already loaded above (same name and backend)
    load_s = time.perf_counter() - began
    loaded = rss()
    matcher = ClaimMatcher(index, retrieval=args.retrieval)
    texts = json.loads(Path(args.texts_file).read_text("utf-8"))
    results = []
    times = []
    for text in texts:
        began = time.perf_counter()
        matches = matcher.match(text, top_k=args.top_k)
        times.append(time.perf_counter() - began)
        results.append([(m.claim.id, m.stance.value, round(m.score, 5)) for m in matches])
    after = rss()
    print(
        json.dumps(
            {
                "start": start,
                "model": model,
                "loaded": loaded,
                "after": after,
                "load_s": load_s,
                "match_ms": 1000 * statistics.median(times) if times else 0.0,
                "results": results,
            }
        )
    )
    return 0


def build(args: argparse.Namespace, size: int, path: Path) -> float:
    from speed import load_collection, load_text_only_vectors, replicate

    from claimmatch import ClaimIndex

    ns = argparse.Namespace(data_dir=args.data_dir, collection_backend=args.backend, vector_cache=args.vector_cache)
    base, vectors, _, _ = load_collection(ns)
    text_only = load_text_only_vectors(ns, base)
    claims, stacked = replicate(base, vectors, size, args.noise, seed=7)
    _, text_stacked = replicate(base, text_only, size, args.noise, seed=7)
    began = time.perf_counter()
    index = ClaimIndex.build(
        claims,
        vectors=stacked,
        text_only_vectors=text_stacked,
        embedding_backend=args.backend,
        index_type=args.index_type,
    )
    index.save(path)
    return time.perf_counter() - began


def _memory_cgroup() -> tuple[Path, str] | None:
    """This process's memory cgroup directory and its limit file (cgroup v1 or v2), if any."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, where = line.split(":", 2)
        if "memory" in controllers.split(","):
            return Path("/sys/fs/cgroup/memory") / where.lstrip("/"), "memory.limit_in_bytes"
    for line in lines:
        _, controllers, where = line.split(":", 2)
        if controllers == "" and (Path("/sys/fs/cgroup") / where.lstrip("/") / "memory.max").exists():
            return Path("/sys/fs/cgroup") / where.lstrip("/"), "memory.max"
    return None


def run_mode(
    args: argparse.Namespace, path: Path, mode: str, texts_file: Path, cap_bytes: int | None = None
) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(path), "--mode", mode, "--texts-file", str(texts_file)]
    command += ["--backend", args.backend, "--top-k", str(args.top_k), "--retrieval", args.retrieval]
    if cap_bytes is None:
        done = subprocess.run(command, check=False, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"the {mode} load failed:\n{done.stderr[-3000:]}")
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    found = _memory_cgroup()
    if found is None:
        return {"skipped": "no memory cgroup found for this process"}
    parent, limit_name = found
    group = parent / f"claimmatch-memory-{os.getpid()}"
    try:
        group.mkdir()
        (group / limit_name).write_text(str(cap_bytes))
    except OSError as exc:
        return {"skipped": f"cannot create a memory cgroup under {parent} ({exc})"}
    procs = str(group / "cgroup.procs")
    for entry in path.iterdir():  # evict the index from the page cache, so the capped run pays for its own reads
        with open(entry, "rb") as handle:
            os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)

    def enter() -> None:
        with open(procs, "w") as handle:
            handle.write(str(os.getpid()))

    try:
        done = subprocess.run(command, check=False, capture_output=True, text=True, preexec_fn=enter)
        peak = group / "memory.max_usage_in_bytes"
        peak_bytes = int(peak.read_text()) if peak.exists() else None
    finally:
        group.rmdir()
    if done.returncode:
        return {"failed": f"exit status {done.returncode}: {done.stderr[-500:]}"}
    out = dict(json.loads(done.stdout.strip().splitlines()[-1]))
    out["cgroup_peak_bytes"] = peak_bytes
    return out


def _mb(value: float) -> str:
    return f"{value / 1e6:,.0f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="collection sizes (comma-separated)")
    parser.add_argument("--index-type", default="ivfpq", help="ClaimIndex index_type (auto picks ivfpq from 2M)")
    parser.add_argument("--backend", default="onnx-int8", help="embedding backend (queries and the manifest)")
    parser.add_argument("--queries", type=int, default=200, help="match() calls per mode")
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--retrieval", choices=("hybrid", "dense"), default="hybrid", help="ClaimMatcher retrieval")
    parser.add_argument("--noise", type=float, default=0.01)
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--vector-cache", type=Path, default=Path(tempfile.gettempdir()) / "claimmatch-bench-cache")
    parser.add_argument("--work-dir", type=Path, default=None, help="where the indexes go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the built indexes (reused by a later run)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--cap-mb", default="", help="also run the mapped load under each of these memory caps (MiB, comma-separated)"
    )
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=MODES, default="memory", help=argparse.SUPPRESS)
    parser.add_argument("--texts-file", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        return child(args)
    sizes = [int(n.replace("_", "")) for n in args.sizes.split(",") if n.strip()]
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="claimmatch-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    tweets = [
        json.loads(line)["text"]
        for line in (args.data_dir / "checkthat2022-2a-en" / "queries.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ][: args.queries]
    texts_file = work / "queries.json"
    texts_file.write_text(json.dumps(tweets), "utf-8")
    print(
        f"load average {os.getloadavg()}; backend {args.backend}; index_type {args.index_type}; "
        f"{args.retrieval} retrieval; {len(tweets)} tweets"
    )
    report: dict[str, Any] = {"sizes": {}}
    for size in sizes:
        path = work / f"index-{size}"
        if not (path / "manifest.json").exists():
            print(f"\nbuilding {size:,} claims ...", flush=True)
            print(f"  built and saved in {build(args, size, path):.0f} s", flush=True)
        on_disk = sum(f.stat().st_size for f in path.iterdir())
        runs = {mode: run_mode(args, path, mode, texts_file) for mode in MODES}
        same = runs["memory"]["results"] == runs["mmap"]["results"]
        rows = {}
        for mode, run in runs.items():
            before, after = run["model"], run["after"]
            rows[mode] = {
                "fixed_bytes": before["VmRSS"],
                "anon_bytes": after["RssAnon"] - before["RssAnon"],
                "file_bytes": after["RssFile"] - before["RssFile"],
                "rss_bytes": after["VmRSS"] - before["VmRSS"],
                "peak_bytes": after["VmHWM"],
                "load_s": run["load_s"],
                "match_ms": run["match_ms"],
            }
        base = rows["memory"]
        print(f"\n## {size:,} claims ({args.index_type}); {_mb(on_disk)} MB on disk; same matches: {same}")
        header = (
            f"{'load':>8} {'model+runtime MB':>17} {'index anon MB':>14} {'B/claim':>8} {'vs memory':>9} "
            f"{'mapped pages MB':>16} {'B/claim':>8} {'RSS B/claim':>11} {'vs memory':>9} {'load s':>7} "
            f"{'match() p50 ms':>14}"
        )
        print(header)
        for mode, row in rows.items():
            per_anon = row["anon_bytes"] / size
            per_rss = row["rss_bytes"] / size
            print(
                f"{mode:>8} {_mb(row['fixed_bytes']):>17} {_mb(row['anon_bytes']):>14} {per_anon:>8.0f} "
                f"{row['anon_bytes'] / base['anon_bytes']:>8.3f}x {_mb(row['file_bytes']):>16} "
                f"{row['file_bytes'] / size:>8.0f} {per_rss:>11.0f} {row['rss_bytes'] / base['rss_bytes']:>8.3f}x "
                f"{row['load_s']:>7.1f} {row['match_ms']:>14.1f}"
            )
        report["sizes"][str(size)] = {"on_disk_bytes": on_disk, "same_matches": same, "modes": rows}
        caps = [int(c) for c in str(args.cap_mb).split(",") if c.strip()]
        report["sizes"][str(size)]["capped"] = {}
        for cap in caps:
            capped = run_mode(args, path, "mmap", texts_file, cap_bytes=cap * 1024 * 1024)
            if "results" in capped:
                same_capped = capped["results"] == runs["memory"]["results"]
                peak = capped.get("cgroup_peak_bytes")
                print(
                    f"    mmap under a {cap:,} MiB cgroup cap: completed, same matches: {same_capped}; "
                    f"load {capped['load_s']:.1f} s, match() p50 {capped['match_ms']:.1f} ms "
                    f"({capped['match_ms'] / base['match_ms']:.2f}x the memory load); process RSS at the end "
                    f"{_mb(capped['after']['VmRSS'])} MB" + (f", cgroup peak {_mb(peak)} MB" if peak else ""),
                    flush=True,
                )
                capped.pop("results")
            else:
                print(f"    mmap under a {cap:,} MiB cap: {capped.get('skipped') or capped.get('failed')}", flush=True)
            report["sizes"][str(size)]["capped"][str(cap)] = capped
    if len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        print(f"\n## projection to 10,000,000 claims (a line through {small:,} and {large:,})")
        for mode in MODES:
            for key in ("anon_bytes", "rss_bytes"):
                a = report["sizes"][str(small)]["modes"][mode][key]
                b = report["sizes"][str(large)]["modes"][mode][key]
                slope = (b - a) / (large - small)
                fixed = report["sizes"][str(large)]["modes"][mode]["fixed_bytes"]
                total = fixed + b + slope * (10_000_000 - large)
                print(f"{mode:>8} {key:>10}: {slope:,.0f} B/claim -> {total / 1e9:.2f} GB with the model and runtime")
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
