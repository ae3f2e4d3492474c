#!/usr/bin/env python
"""Stored text vectors: ``match_many`` throughput with and without them, in one run.

Indexes embed a claim's text + title for retrieval, but the stance engine compares claim
*texts*. ``ClaimIndex(text_vectors=True)`` (the default) stores each titled claim's text vector
when the claim is added; without them, each matched claim's text is embedded on its first
match. This builds the CheckThat! 2022 2A index (14,231 titled claims) once, then matches the
same train tweets against a freshly loaded copy with the stored text vectors and one with them
dropped (the baseline), round-robin, checks that the results are identical, and prints the
throughputs and their ratio.

Usage::

    python benchmarks/text_vectors.py [--data-dir ../shared/data] [--texts 400] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimmatch import ClaimIndex, ClaimMatcher, VerifiedClaim  # noqa: E402
from claimmatch.embedder import load_embedder  # noqa: E402
from claimmatch.faiss_store import FaissVectorStore  # noqa: E402


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folder = args.data_dir / "checkthat2022-2a-en"
    claims = [
        VerifiedClaim(id=r["id"], text=r["text"], title=r.get("title") or None, verdict="unproven")
        for r in _read_jsonl(folder / "vclaims.jsonl")
    ]
    texts = [q["text"] for q in _read_jsonl(folder / "queries.jsonl") if q.get("split") == "train"][: args.texts]
    embedder = load_embedder()
    started = time.perf_counter()
    index = ClaimIndex.build(claims, embedder=embedder)
    print(f"built {len(claims)} claims with text vectors in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        index.save(Path(tmp) / "idx")

        def run(keep: bool) -> tuple[float, list[list[tuple[str, str, float]]]]:
            loaded = ClaimIndex.load(Path(tmp) / "idx")
            loaded._embedder = embedder
            if not keep:  # the baseline: as an index built with text_vectors=False
                loaded._text_store = FaissVectorStore(loaded.dimension, index_type="flat")
                loaded._text_ids = set()
            started = time.perf_counter()
            results = ClaimMatcher(loaded).match_many(texts, top_k=5)
            elapsed = time.perf_counter() - started
            return elapsed, [[(m.claim.id, m.stance.value, round(m.confidence, 6)) for m in r] for r in results]

        for number in range(1, args.rounds + 1):
            base, base_results = run(keep=False)
            stored, stored_results = run(keep=True)
            print(
                f"round {number}: without stored text vectors {len(texts) / base:.1f} texts/s, "
                f"with {len(texts) / stored:.1f} texts/s: {base / stored:.2f}x; "
                f"identical results: {base_results == stored_results}"
            )


if __name__ == "__main__":
    main()
