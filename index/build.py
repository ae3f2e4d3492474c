"""Rebuild the default verified-claim index.

    python index/build.py [--claims FILE] [--model NAME] [--out DIR] [--backend BACKEND]

Reads ``index/claims.jsonl`` (or FILE), embeds it with the default offline model (or
NAME) run by the default embedding backend (or BACKEND: torch, onnx-fp32, onnx-int8; the
manifest records it), and writes ``index/default/`` (or DIR) atomically.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimmatch import DEFAULT_MODEL, ClaimMatchError
from claimmatch.cli import build_index
from claimmatch.embedder import BACKENDS, DEFAULT_BACKEND

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=Path, default=HERE / "claims.jsonl", help="verified claims (.jsonl or .csv)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="embedding model name or local path")
    parser.add_argument("--out", type=Path, default=HERE / "default", help="index directory to write")
    parser.add_argument(
        "--backend", choices=BACKENDS, default=DEFAULT_BACKEND, help="embedding backend (recorded in the index)"
    )
    args = parser.parse_args(argv)
    try:
        index = build_index(args.claims, args.out, model=args.model, embedding_backend=args.backend)
    except ClaimMatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    what = f"{index.model}, {index.embedding_backend}, {index.dimension} dims"
    print(f"built {args.out} with {len(index)} claims ({what})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
