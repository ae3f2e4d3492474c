#!/usr/bin/env python
"""Fine-tune the sentence encoder on (post, fact-checked claim) pairs: opt-in, for your own data.

Usage::

    # fine-tune the default all-MiniLM-L6-v2 on the train queries of a CheckThat!-layout folder
    python training/finetune_encoder.py --data PATH/TO/FOLDER [--data ...] [--output DIR] \\
        [--epochs 3] [--lr 2e-5] [--batch-size 32] [--hard-negatives none|bm25|stock]

    # choose epochs / learning rate on a held-out part of the *train* queries
    python training/finetune_encoder.py --data PATH --holdout 0.2 --epochs 4

    # then use the model anywhere claimmatch takes a model
    python benchmarks/retrieval.py --data PATH --model DIR --split dev

``benchmarks/retrieval.py`` caches claim vectors under the model's *name*, i.e. its path: after
retraining into the same directory, give it ``--no-cache`` or a fresh ``--cache-dir``.

Input: a folder in the CheckThat! layout: ``vclaims.jsonl`` (``id``, ``text``, ``title``,
optional ``subtitle``), ``queries.jsonl`` (``id``, ``text``, ``split``) and ``qrels.tsv``
(header, then ``query_id<TAB>claim_id``), read by ``benchmarks/retrieval.py``'s ``load_checkthat``.
Only queries whose ``split`` is ``train`` are kept (as in ``training/train_reranker.py``): other rows
(dev, test) are dropped right after reading and their text is never used or printed.

Training data is built exactly as claimmatch searches: the query side is the post after
:data:`claimmatch.normalize.RETRIEVAL_NORMALIZER`, the claim side is what the index embeds for a
claim (``ClaimIndex.embedding_text``: text plus title, the default ``text+title`` field). The loss
is ``MultipleNegativesRankingLoss`` (in-batch negatives, batches never hold the same claim twice),
optionally with one hard negative per pair, drawn each epoch from the top non-gold claims that
BM25 (``bm25``) or the stock model (``stock``) ranks for the query. Seeds are fixed; it runs on
the CPU (a GPU is used with ``--device cuda``).

With ``--holdout F`` a seeded fraction F of the train queries is kept out of training and, after
every epoch, scored (MAP@5) by re-ranking each held-out query's candidates (BM25 top-k union stock
top-k, plus its gold claims) with the model being trained: a cheap train-side estimate to choose
epochs and learning rate. Never tune on dev or test.

Licence: the CheckThat! lab data (tweets, verified claims, qrels) is "free for general research
use", which does not clearly allow redistributing models derived from it under claimmatch's
Apache-2.0 licence. Weights fine-tuned on CheckThat! must therefore NOT be shipped, committed or
published with claimmatch; use them for research measurements only. This script exists so that
users can fine-tune on their own labelled (post, fact-check) pairs, whose terms they control.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from retrieval import EmbeddingCache, average_precision, dense_text, lexical_text, load_checkthat  # noqa: E402

from claimmatch import VerifiedClaim  # noqa: E402
from claimmatch.embedder import DEFAULT_MODEL, load_embedder, resolve_model  # noqa: E402
from claimmatch.lexical import LexicalIndex  # noqa: E402
from claimmatch.normalize import RETRIEVAL_NORMALIZER  # noqa: E402

DEFAULT_OUTPUT = Path(tempfile.gettempdir()) / "cm-encoder"
TRAIN_SPLIT = "train"
CLAIM_FIELDS = "text+title"  # the library default: what ClaimIndex embeds for a claim


# ---------------------------------------------------------------------------- data
@dataclass
class Collection:
    """One folder: its claims and its *train* queries (normalised) with their gold claim ids."""

    name: str
    folder: Path
    claims: list[VerifiedClaim]
    queries: dict[str, str]
    qrels: dict[str, set[str]]

    @property
    def claim_texts(self) -> dict[str, str]:
        return {c.id: dense_text(c, CLAIM_FIELDS) for c in self.claims}


def read_folder(folder: Path, split: str = TRAIN_SPLIT) -> Collection:
    """Read a CheckThat!-layout folder (as ``benchmarks/retrieval.py`` does), keeping only the queries
    of ``split`` that have a gold claim in the collection, normalised as the matcher normalises them."""
    data = load_checkthat(folder)
    known = {c.id for c in data.claims}
    qrels = {q.id: {c for c in data.qrels.get(q.id, ()) if c in known} for q in data.split(split)}
    queries = {q.id: RETRIEVAL_NORMALIZER(q.text) for q in data.split(split) if qrels[q.id]}
    return Collection(folder.name, folder, data.claims, queries, {q: gold for q, gold in qrels.items() if gold})


@dataclass
class Example:
    """One training pair: a query, one gold claim, and the hard-negative candidates of the query."""

    query: str
    positive: str  # claim key "<set>/<claim id>"
    negatives: list[str]


def claim_key(collection: Collection, claim_id: str) -> str:
    return f"{collection.name}/{claim_id}"


# ---------------------------------------------------------------------------- candidates
def bm25_candidates(collection: Collection, query_ids: Sequence[str], depth: int) -> dict[str, list[str]]:
    """BM25 (the library's LexicalIndex over text, title and subtitle) top ``depth`` claim ids per query."""
    index = LexicalIndex()
    index.add(list(range(len(collection.claims))), [lexical_text(c) for c in collection.claims])
    hits = index.search([collection.queries[q] for q in query_ids], depth)
    return {q: [collection.claims[i].id for i, _ in h] for q, h in zip(query_ids, hits, strict=True)}


def stock_candidates(
    collection: Collection, query_ids: Sequence[str], depth: int, cache: EmbeddingCache
) -> dict[str, list[str]]:
    """The stock model's top ``depth`` claim ids per query (claim vectors cached as the benchmark does)."""
    embedder = load_embedder(DEFAULT_MODEL)
    texts = collection.claim_texts
    ids = [c.id for c in collection.claims]
    vectors, _ = cache.encode(embedder, [texts[i] for i in ids])
    scores = embedder.encode([collection.queries[q] for q in query_ids]) @ vectors.T
    top = np.argsort(-scores, axis=1)[:, :depth]
    return {q: [ids[j] for j in row] for q, row in zip(query_ids, top, strict=True)}


def candidates(
    collection: Collection, query_ids: Sequence[str], source: str, depth: int, cache: EmbeddingCache
) -> dict[str, list[str]]:
    """Top ``depth`` claims per query from ``source`` (``bm25``, ``stock`` or ``both``: the union)."""
    if not query_ids:
        return {}
    out: dict[str, list[str]] = {q: [] for q in query_ids}
    if source in ("bm25", "both"):
        for q, hits in bm25_candidates(collection, query_ids, depth).items():
            out[q].extend(hits)
    if source in ("stock", "both"):
        for q, hits in stock_candidates(collection, query_ids, depth, cache).items():
            out[q].extend(h for h in hits if h not in out[q])
    return out


# ---------------------------------------------------------------------------- batches
def make_batches(examples: list[Example], size: int, rng: random.Random, hard: bool) -> list[list[tuple[int, str]]]:
    """Shuffle and cut into batches in which no claim (positive or hard negative) occurs twice.

    Returns per batch ``(example index, hard negative key or "")``; a pair whose claims clash with
    the current batch waits for the next one.
    """
    order = list(range(len(examples)))
    rng.shuffle(order)
    batches: list[list[tuple[int, str]]] = []
    pending = order
    while pending:
        batch: list[tuple[int, str]] = []
        seen: set[str] = set()
        golds: set[str] = set()
        waiting: list[int] = []
        for n in pending:
            example = examples[n]
            if len(batch) >= size or example.positive in seen:
                waiting.append(n)
                continue
            negative = ""
            if hard:
                choices = [k for k in example.negatives if k not in seen and k not in golds]
                if choices:
                    negative = rng.choice(choices)
            seen.add(example.positive)
            golds.add(example.positive)
            if negative:
                seen.add(negative)
            batch.append((n, negative))
        # a hard negative must not be another pair's positive in the same batch
        batch = [(n, neg if neg not in golds else "") for n, neg in batch]
        batches.append(batch)
        pending = waiting
    return batches


# ---------------------------------------------------------------------------- evaluation
def heldout_map5(
    model: Any, pools: dict[str, list[str]], queries: dict[str, str], gold: dict[str, set[str]], texts: dict[str, str]
) -> float:
    """MAP@5 of re-ranking each held-out query's candidate pool by cosine with ``model``."""
    if not pools:
        return float("nan")
    keys = sorted({k for pool in pools.values() for k in pool})
    position = {k: n for n, k in enumerate(keys)}
    claim_vectors = model.encode([texts[k] for k in keys], batch_size=64, normalize_embeddings=True)
    ids = list(pools)
    query_vectors = model.encode([queries[q] for q in ids], batch_size=64, normalize_embeddings=True)
    scores = []
    for q, vector in zip(ids, query_vectors, strict=True):
        pool = pools[q]
        cosines = claim_vectors[[position[k] for k in pool]] @ vector
        ranked = [pool[j] for j in np.argsort(-cosines, kind="stable")]
        scores.append(average_precision(ranked, gold[q], 5))
    return float(np.mean(scores))


# ---------------------------------------------------------------------------- training
def to_device(features: dict[str, Any], device: str) -> dict[str, Any]:
    """Move the tensors of a preprocessed batch to ``device`` (other entries stay as they are)."""
    return {k: v.to(device) if hasattr(v, "to") else v for k, v in features.items()}


def set_seeds(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--data", type=Path, action="append", required=True, help="CheckThat!-layout folder (repeatable)"
    )
    parser.add_argument("--output", type=Path, help=f"model directory (default {DEFAULT_OUTPUT}/<data set name(s)>)")
    parser.add_argument("--base-model", default=DEFAULT_MODEL, help="model to start from (default: the library's)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=0.1, help="fraction of steps with linear warm-up")
    parser.add_argument("--scale", type=float, default=20.0, help="MultipleNegativesRankingLoss scale (1/temperature)")
    parser.add_argument(
        "--hard-negatives",
        choices=("none", "bm25", "stock", "both"),
        default="none",
        help="add one hard negative per pair, mined by BM25, the stock model or both (default none)",
    )
    parser.add_argument("--negative-depth", type=int, default=10, help="hard negatives are drawn from this top-k")
    parser.add_argument("--holdout", type=float, default=0.0, help="fraction of train queries held out for tuning")
    parser.add_argument("--pool-depth", type=int, default=20, help="held-out candidates: BM25 top-k union stock top-k")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "claimmatch-bench-cache")
    parser.add_argument("--no-save", action="store_true", help="do not save the model (tuning runs)")
    args = parser.parse_args(argv)

    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    if args.threads:
        torch.set_num_threads(args.threads)
    set_seeds(args.seed)
    rng = random.Random(args.seed)
    cache = EmbeddingCache(args.cache_dir)
    collections = [read_folder(folder) for folder in args.data]
    output = args.output or DEFAULT_OUTPUT / "+".join(c.name for c in collections)

    texts: dict[str, str] = {}
    examples: list[Example] = []
    pools: dict[str, list[str]] = {}
    held_queries: dict[str, str] = {}
    held_gold: dict[str, set[str]] = {}
    counts: list[dict[str, Any]] = []
    for collection in collections:
        for claim_id, text in collection.claim_texts.items():
            texts[claim_key(collection, claim_id)] = text
        query_ids = sorted(collection.queries)
        random.Random(f"{args.seed}/{collection.name}").shuffle(query_ids)
        n_held = round(len(query_ids) * args.holdout)
        held, train = sorted(query_ids[:n_held]), sorted(query_ids[n_held:])
        negatives: dict[str, list[str]] = {}
        if args.hard_negatives != "none":
            mined = candidates(collection, train, args.hard_negatives, args.negative_depth, cache)
            negatives = {q: [h for h in hits if h not in collection.qrels[q]] for q, hits in mined.items()}
        for q in train:
            for claim_id in sorted(collection.qrels[q]):
                keys = [claim_key(collection, h) for h in negatives.get(q, [])]
                examples.append(Example(collection.queries[q], claim_key(collection, claim_id), keys))
        for q, pool in candidates(collection, held, "both", args.pool_depth, cache).items():
            key = f"{collection.name}/{q}"
            gold = {claim_key(collection, c) for c in collection.qrels[q]}
            pools[key] = [claim_key(collection, c) for c in pool] + sorted(
                g for g in gold if g not in {claim_key(collection, c) for c in pool}
            )
            held_queries[key] = collection.queries[q]
            held_gold[key] = gold
        counts.append(
            {
                "data": collection.name,
                "folder": str(collection.folder),
                "claims": len(collection.claims),
                "train_queries_with_gold": len(collection.queries),
                "training_queries": len(train),
                "training_pairs": sum(len(collection.qrels[q]) for q in train),
                "heldout_queries": len(held),
            }
        )
        print(
            f"{collection.name}: {len(collection.claims)} claims; {len(collection.queries)} train queries with gold "
            f"-> {len(train)} for training ({counts[-1]['training_pairs']} pairs), {len(held)} held out",
            flush=True,
        )
    print(f"{len(examples)} training pairs; hard negatives: {args.hard_negatives}", flush=True)

    model = SentenceTransformer(resolve_model(args.base_model), device=args.device)
    loss_fn = MultipleNegativesRankingLoss(model, scale=args.scale)
    hard = args.hard_negatives != "none"
    epoch_batches = [make_batches(examples, args.batch_size, rng, hard) for _ in range(args.epochs)]
    total_steps = sum(len(b) for b in epoch_batches)
    warmup = max(1, int(total_steps * args.warmup))
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: (s + 1) / warmup if s < warmup else max(0.0, (total_steps - s) / (total_steps - warmup))
    )
    history: list[dict[str, float]] = []
    if pools:
        model.eval()
        score = heldout_map5(model, pools, held_queries, held_gold, texts)
        history.append({"epoch": 0, "heldout_map5": score})
        print(f"epoch 0 (stock): held-out re-rank MAP@5 {score:.4f} over {len(pools)} queries", flush=True)

    start = time.perf_counter()
    step = 0
    for epoch, batches in enumerate(epoch_batches, start=1):
        model.train()
        losses = []
        for batch in batches:
            columns = [
                [examples[n].query for n, _ in batch],
                [texts[examples[n].positive] for n, _ in batch],
            ]
            negs = [neg for _, neg in batch]
            if hard and all(negs):  # MNRL needs full columns; a batch lacking one trains on in-batch negatives
                columns.append([texts[neg] for neg in negs])
            features = [to_device(model.preprocess(col), args.device) for col in columns]
            loss = loss_fn(features, None)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            losses.append(float(loss.detach()))
        row = {"epoch": epoch, "loss": float(np.mean(losses)), "seconds": time.perf_counter() - start}
        # seconds are cumulative and include the held-out scoring of earlier epochs
        message = f"epoch {epoch}: {len(batches)} batches, mean loss {row['loss']:.4f}, {row['seconds']:.0f} s"
        if pools:
            model.eval()
            row["heldout_map5"] = heldout_map5(model, pools, held_queries, held_gold, texts)
            message += f", held-out re-rank MAP@5 {row['heldout_map5']:.4f}"
        history.append(row)
        print(message, flush=True)
    train_seconds = time.perf_counter() - start
    print(f"training: {step} steps in {train_seconds:.0f} s", flush=True)

    if not args.no_save:
        output.mkdir(parents=True, exist_ok=True)
        model.save(str(output))
        info = {
            "note": "Research use only: do not ship weights trained on CheckThat! (free for general research use).",
            "base_model": args.base_model,
            "data": counts,
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items() if k != "data"},
            "train_seconds": train_seconds,
            "history": history,
        }
        (output / "finetune_info.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
        print(f"saved to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
