"""Load test of `claimmatch serve` on loopback, as a ratio against the library in-process.

    python benchmarks/service.py [--requests 200] [--concurrency 4] [--batch 16] [--json OUT]

Builds an index from index/claims.jsonl, starts the server (uvicorn, 127.0.0.1 only) in a
subprocess, and sends a bounded number of requests (count and wall time are both capped)
to ``POST /match``, single-text and batched. The baseline, measured in the same run, is
``ClaimMatcher.match`` / ``match_many`` called in this process on the same texts.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from claimmatch import ClaimIndex, ClaimMatcher, load_claims

ROOT = Path(__file__).resolve().parents[1]
MAX_SECONDS = 120.0  # hard cap per scenario


def _texts() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "tests" / "data" / "match_queries.jsonl").read_text().splitlines()]
    return [row["query"] for row in rows]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _summary(latencies: list[float], wall: float, texts_per_call: int) -> dict[str, float]:
    return {
        "calls": len(latencies),
        "calls_per_s": len(latencies) / wall,
        "claims_per_s": len(latencies) * texts_per_call / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * _pct(latencies, 0.99),
    }


def in_process(matcher: ClaimMatcher, payloads: list[list[str]]) -> dict[str, float]:
    latencies: list[float] = []
    start = time.perf_counter()
    for texts in payloads:
        t0 = time.perf_counter()
        matcher.match_many(texts, top_k=3)
        latencies.append(time.perf_counter() - t0)
        if time.perf_counter() - start > MAX_SECONDS:
            break
    return _summary(latencies, time.perf_counter() - start, len(payloads[0]))


def over_http(port: int, payloads: list[list[str]], concurrency: int) -> dict[str, float]:
    url = f"http://127.0.0.1:{port}/match"
    start = time.perf_counter()

    def call(texts: list[str]) -> float:
        if time.perf_counter() - start > MAX_SECONDS:
            return float("nan")
        body: dict[str, Any] = {"text": texts[0]} if len(texts) == 1 else {"texts": texts}
        t0 = time.perf_counter()
        response = client.post(url, json={**body, "top_k": 3})
        response.raise_for_status()
        return time.perf_counter() - t0

    with httpx.Client(timeout=60) as client, ThreadPoolExecutor(concurrency) as pool:
        latencies = [x for x in pool.map(call, payloads) if x == x]
    return _summary(latencies, time.perf_counter() - start, len(payloads[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    texts = _texts()
    index = ClaimIndex.build(load_claims(ROOT / "index" / "claims.jsonl"))
    matcher = ClaimMatcher(index)
    single = [[texts[i % len(texts)]] for i in range(args.requests)]
    batched = [[texts[(i * args.batch + j) % len(texts)] for j in range(args.batch)] for i in range(args.requests // 4)]
    matcher.match_many(texts[:8])  # warm-up

    with tempfile.TemporaryDirectory() as tmp:
        index_dir = index.save(Path(tmp) / "idx")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        server = subprocess.Popen(
            [sys.executable, "-m", "claimmatch.server", "--index", str(index_dir), "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise SystemExit("server did not start") from None
                    time.sleep(0.2)
            over_http(port, single[:10], 1)  # warm-up
            results = {
                "single": {"library": in_process(matcher, single), "http": over_http(port, single, args.concurrency)},
                f"batch of {args.batch}": {
                    "library": in_process(matcher, batched),
                    "http": over_http(port, batched, args.concurrency),
                },
            }
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(
        f"POST /match on 127.0.0.1, {os.cpu_count()} CPUs, concurrency {args.concurrency} "
        f"(baseline: ClaimMatcher in-process, same texts, same run)"
    )
    header = f"{'scenario':<14}{'path':<9}{'claims/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'thru ratio':>12}{'p50 ratio':>11}"
    print(header)
    print("-" * len(header))
    for scenario, pair in results.items():
        base = pair["library"]
        for path, figures in pair.items():
            print(
                f"{scenario:<14}{path:<9}{figures['claims_per_s']:>10.1f}{figures['p50_ms']:>9.1f}"
                f"{figures['p99_ms']:>9.1f}{figures['claims_per_s'] / base['claims_per_s']:>12.2f}"
                f"{figures['p50_ms'] / base['p50_ms']:>11.2f}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
