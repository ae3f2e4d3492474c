#!/usr/bin/env python
"""Filter columns saved with the index (format 3) against reading them from the claims, same run.

Two measurements, each against its baseline in the same process:

* ``--claims N`` (default 1,000,000): N claims made from the CheckThat! 2022 verified-claim
  texts, with languages, publishers, review URLs, verdicts and dates drawn with a fixed seed.
  Times what a save writes for the claims (``encode_claims``: the claims file and its row
  file, the baseline) against what format 3 adds (``FilterColumns.from_claims`` and
  ``to_bytes``), then reading the columns back (``from_buffer``) and three filters on the
  built and the read-back columns (same ids asserted).
* ``--index DIR``: a saved format-3 index, loaded with ``mmap=True``. Times the first
  filtered search with the saved columns (what ``load()`` now reads) against the first
  filtered search after dropping them, which reads every claim's metadata from the claims
  file as an index saved before format 3 does (the baseline); same ids asserted.

Usage::

    python benchmarks/filter_columns.py --claims 1000000
    python benchmarks/filter_columns.py --index /tmp/cm-1m-v3 --rounds 2
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimmatch import ClaimIndex, Verdict, VerifiedClaim  # noqa: E402
from claimmatch.claim_table import encode_claims  # noqa: E402
from claimmatch.filters import ClaimFilter, FilterColumns  # noqa: E402

_T = TypeVar("_T")
FILTERS = [
    ClaimFilter(language="en"),
    ClaimFilter(verdict=["false", "mostly_false"]),
    ClaimFilter(publisher="politifact.com", reviewed_after=date(2020, 1, 1)),
]


def timed(fn: Callable[[], _T]) -> tuple[float, _T]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def make_claims(texts: list[str], count: int, seed: int = 0) -> list[VerifiedClaim]:
    """``count`` claims cycling through ``texts``, with filter metadata drawn with ``seed``."""
    rng = random.Random(seed)
    languages = ["en", "en-GB", "es", "pt-BR", "de", "fr"]
    sites = [
        ("PolitiFact", "https://www.politifact.com/x"),
        ("Full Fact", "https://fullfact.org/x"),
        ("AFP", "https://factcheck.afp.com/x"),
        ("Maldita", "https://maldita.es/x"),
        (None, None),
    ]
    verdicts = list(Verdict)
    claims = []
    for n in range(count):
        publisher, url = rng.choice(sites)
        reviewed = date.fromordinal(date(2015, 1, 1).toordinal() + rng.randrange(3650)) if rng.random() < 0.9 else None
        claims.append(
            VerifiedClaim(
                id=f"c{n}",
                text=texts[n % len(texts)],
                language=rng.choice(languages),
                publisher=publisher,
                review_url=url,
                verdict=rng.choice(verdicts),
                review_date=reviewed,
            )
        )
    return claims


def in_memory(args: argparse.Namespace) -> None:
    source = args.data_dir / "checkthat2022-2a-en" / "vclaims.jsonl"
    with source.open(encoding="utf-8") as handle:
        texts = [str(json.loads(line)["text"]) for line in handle if line.strip()]
    rows: list[tuple[int, Any]] = list(enumerate(make_claims(texts, args.claims)))
    t_encode, (claims_file, row_file) = timed(lambda: encode_claims(rows))
    t_build, columns = timed(lambda: FilterColumns.from_claims(rows))
    t_bytes, data = timed(columns.to_bytes)
    t_read, read_back = timed(lambda: FilterColumns.from_buffer(data, "benchmark"))
    print(f"{args.claims:,} claims in memory")
    size = len(claims_file) + len(row_file)
    print(f"  baseline, encode the claims file and row file: {t_encode:.2f} s ({size:,} bytes)")
    share = (t_build + t_bytes) / t_encode
    print(
        f"  filter columns: build {t_build:.2f} s + to_bytes {t_bytes:.3f} s = {share:.1%} of the baseline "
        f"({len(data):,} bytes, {len(data) / len(rows):.1f} per claim)"
    )
    print(f"  read back (from_buffer, with its checks): {t_read * 1000:.1f} ms")
    for where in FILTERS:
        t_built, built = timed(lambda: columns.select(where))  # noqa: B023
        t_back, back = timed(lambda: read_back.select(where))  # noqa: B023
        assert built.tolist() == back.tolist()
        print(
            f"  select {where.model_dump(mode='json', exclude_none=True, exclude_defaults=True)}: "
            f"{t_built * 1000:.1f} ms built, {t_back * 1000:.1f} ms read back, {len(built):,} ids"
        )


def _search(index: ClaimIndex, query: Any, where: ClaimFilter) -> Callable[[], Any]:
    return lambda: index.search(query, 5, where=where)


def mapped(args: argparse.Namespace) -> None:
    for round_ in range(args.rounds):
        t_load, index = timed(lambda: ClaimIndex.load(args.index, mmap=True))
        if index._filter_columns is None:
            raise SystemExit(f"{args.index} has no filter columns file: save it with this claimmatch first")
        query = index.embed_queries(["The coalition includes 34 supporters of Ukraine."])
        saved = [timed(_search(index, query, where)) for where in FILTERS]
        index._filter_columns = None  # as an index saved before format 3
        index._allowed_cache.clear()
        rebuilt = [timed(_search(index, query, where)) for where in FILTERS]
        for (_, a), (_, b) in zip(saved, rebuilt, strict=True):
            assert [[c.id for c, _ in hits] for hits in a] == [[c.id for c, _ in hits] for hits in b]
        print(f"round {round_ + 1}: {len(index):,} claims, mapped load {t_load:.2f} s (with the columns file)")
        print(
            f"  first filtered search: {rebuilt[0][0]:.2f} s reading the claims (baseline), "
            f"{saved[0][0] * 1000:.1f} ms with the saved columns ({rebuilt[0][0] / saved[0][0]:.0f}x)"
        )
        pairs = zip(saved[1:], rebuilt[1:], strict=True)
        later = ", ".join(f"{a[0] * 1000:.1f} / {b[0] * 1000:.1f} ms" for a, b in pairs)
        print(f"  next two new filters: {later} (saved / rebuilt columns)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims for the in-memory measurement")
    parser.add_argument("--index", type=Path, help="a saved format-3 index: measure its mapped load instead")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    if args.index is not None:
        mapped(args)
    else:
        in_memory(args)


if __name__ == "__main__":
    main()
