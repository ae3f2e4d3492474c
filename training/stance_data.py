"""Training and evaluation data for claimmatch's stance model (issue 10).

Everything here is deterministic: the same data directory and seed give the same rows in the
same order. Labels: ``entailment``, ``neutral``, ``contradiction``, or ``not_entailment`` for
the two-way sets (ScoNe, MED, the RTE part of Negation NLI), whose loss is computed against
neutral + contradiction together (the "masked" non-entailment class).

Licences (see ``<data-dir>/nli-*/README.md``): only sets whose licence allows shipping a model
are trained on. LingNLI (no licence), SICK (CC BY-NC-SA) and IMPPRES (CC BY-NC) are evaluation
only; MoNLI (no licence) is not used at all.

Held-out evaluation rows (never trained on):

* SNLI dev: a fixed, seeded 20 % of its *premises* (``SNLI_HOLDOUT_FRACTION``, seed
  ``HOLDOUT_SEED``) with all their hypotheses: the "SNLI dev (held out)" row of the benchmark;
* CAD-SNLI ``dev`` (its own dev file), ConjNLI ``dev``, LingNLI ``dev``, SICK ``dev``;
* any training pair whose premise occurs in one of those evaluation rows is dropped (SNLI dev
  and CAD-SNLI share 205 pairs and many premises).

claimmatch's own claim pairs (``contrast``, session 13): the first ``CONTRAST_TRAIN_ROWS`` rows
of ``tests/data/stance_contrast_dev_extra.jsonl`` (written for claimmatch by its own helper
sessions, in blind rounds of 120 pairs; the repository's licence), premise = the verified claim,
hypothesis = the new claim, a *conflict* pair -> contradiction, a *harmless* pair ->
entailment, plus one neutral pair per ``CONTRAST_NEUTRAL_EVERY`` rows (a verified claim against
the new claim of another case of the same round: a different event). Whole rounds whose seeded
hash falls in the lowest ``CONTRAST_TUNING_FRACTION`` are **never trained on**: they are the
tuning split of the rules + model combination (``training/tune_stance_combination.py``). Rows
appended to the file later are never trained on either, so later rounds stay blind to this model.
The contrast set proper (``tests/data/stance_contrast.jsonl``, dev and test halves) is never
trained on.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"

LABELS = ("entailment", "neutral", "contradiction")
NOT_ENTAILMENT = "not_entailment"
HOLDOUT_SEED = 20240610
SNLI_HOLDOUT_FRACTION = 0.2

CONTRAST_FILE = REPO / "tests" / "data" / "stance_contrast_dev_extra.jsonl"
CONTRAST_TRAIN_ROWS = 20399  # the rows the session-18 model trained on (rounds up to 167; append-only)
CONTRAST_TUNING_FRACTION = 0.25
CONTRAST_NEUTRAL_EVERY = 4
CONTRAST_LICENCE = "written for claimmatch (Apache-2.0)"

#: (folder, licence, how it is used). Caps: at most this many rows per source and label.
TRAIN_SOURCES: dict[str, dict[str, Any]] = {
    "snli-dev": {"dir": "nli-snli-dev", "licence": "CC BY-SA 4.0 (SNLI); e-SNLI repo MIT", "splits": {"dev"}},
    "cad-snli": {"dir": "nli-cad-snli", "licence": "Apache-2.0 (SNLI text CC BY-SA 4.0)", "splits": {"train"}},
    "conjnli": {
        "dir": "nli-conjnli",
        "licence": "MIT",
        "splits": {"train"},
        "cap": {"entailment": 2200, "neutral": 2200, "contradiction": 2000},  # 15k automatic, noisy labels
    },
    "breaking-nli": {
        "dir": "nli-breaking-nli",
        "licence": "CC BY-SA 4.0",
        "splits": {"all"},
        "cap": {"contradiction": 2500},  # 7,164 contradictions: keep the mix balanced
    },
    "negation-nli": {"dir": "nli-negation", "licence": "MIT", "splits": {"all"}},
    "fever-symmetric": {"dir": "nli-fever-symmetric", "licence": "CC BY-SA 3.0", "splits": {"dev"}},
    "scone": {
        "dir": "nli-scone",
        "licence": "CC0 1.0",
        "splits": {"train"},
        "two_way": True,
        "cap": {"entailment": 1800, NOT_ENTAILMENT: 1800},
    },
    "med": {
        "dir": "nli-med",
        "licence": "CC BY-SA 4.0",
        "splits": {"all"},
        "two_way": True,
        "cap": {"entailment": 1800, NOT_ENTAILMENT: 1800},
    },
    "taxinli": {
        "dir": "nli-taxinli",
        "licence": "C-UDA 1.0 (allows training models)",
        "splits": {"train"},
        "cap": {"entailment": 2400, "neutral": 2400, "contradiction": 2400},
    },
}

#: Evaluation sets: name -> (folder, split, note).
EVAL_SETS: dict[str, tuple[str, str, str]] = {
    "snli-dev-heldout": ("nli-snli-dev", "dev", "SNLI dev, seeded 20 % of premises held out from training"),
    "conjnli-dev": ("nli-conjnli", "dev", "ConjNLI dev (human-verified); train split trained on"),
    "cad-snli-dev": ("nli-cad-snli", "dev", "counterfactual SNLI dev; train split trained on"),
    "lingnli-dev": ("nli-lingnli", "dev", "LingNLI dev, out of domain (evaluation only)"),
    "sick-dev": ("nli-sick", "dev", "SICK dev, out of domain (evaluation only, CC BY-NC-SA)"),
}


@dataclass(frozen=True)
class NLIPair:
    premise: str
    hypothesis: str
    label: str  # one of LABELS or NOT_ENTAILMENT
    source: str


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def _stable_fraction(text: str, seed: int) -> float:
    digest = hashlib.sha256(f"{seed}\0{_key(text)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def snli_is_heldout(premise: str) -> bool:
    """True for SNLI dev premises in the fixed held-out 20 % (hash of the normalised premise)."""
    return _stable_fraction(premise, HOLDOUT_SEED) < SNLI_HOLDOUT_FRACTION


def load_eval_set(name: str, data_dir: Path = DEFAULT_DATA_DIR) -> list[NLIPair]:
    """Return the rows of one evaluation set (three labels)."""
    folder, split, _ = EVAL_SETS[name]
    rows = read_jsonl(data_dir / folder / "pairs.jsonl")
    out = []
    for r in rows:
        if r.get("split") != split or r.get("label") not in LABELS:
            continue
        if name == "snli-dev-heldout" and not snli_is_heldout(r["premise"]):
            continue
        out.append(NLIPair(r["premise"], r["hypothesis"], r["label"], name))
    return out


def eval_premises(data_dir: Path) -> set[str]:
    """Normalised premises of every evaluation row (training rows with these are dropped)."""
    keys: set[str] = set()
    for name in EVAL_SETS:
        path = data_dir / EVAL_SETS[name][0] / "pairs.jsonl"
        if path.exists():
            keys |= {_key(p.premise) for p in load_eval_set(name, data_dir)}
    return keys


def contrast_round(case_id: str) -> str:
    """The round of a contrast case: ``neg-dg-c-21`` -> ``dg``."""
    return case_id.split("-")[1]


def contrast_is_tuning(round_name: str) -> bool:
    """True for the rounds held out of training (the combination's tuning split)."""
    return _stable_fraction(round_name, HOLDOUT_SEED) < CONTRAST_TUNING_FRACTION


def training_contrast_rows(path: Path = CONTRAST_FILE, limit: int = CONTRAST_TRAIN_ROWS) -> list[dict[str, Any]]:
    """The contrast rows the stance model trains on: the first ``limit`` rows, tuning rounds left out."""
    return [r for r in read_jsonl(path)[:limit] if not contrast_is_tuning(contrast_round(r["id"]))]


def trained_contrast_ids(limit: int = CONTRAST_TRAIN_ROWS) -> set[str]:
    """Ids of the contrast rows the stance model was trained on (never tuned or reported on)."""
    return {r["id"] for r in training_contrast_rows(limit=limit)}


def load_contrast_pairs(path: Path = CONTRAST_FILE, limit: int = CONTRAST_TRAIN_ROWS) -> list[NLIPair]:
    """claimmatch's own claim pairs for training: the first ``limit`` rows, tuning rounds left out."""
    rows = training_contrast_rows(path, limit)
    out = [
        NLIPair(
            r["verified_claim"],
            r["new_claim"],
            "contradiction" if r["direction"] == "conflict" else "entailment",
            "contrast",
        )
        for r in rows
    ]
    by_round: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_round.setdefault(contrast_round(r["id"]), []).append(r)
    for group in by_round.values():  # neutral: a verified claim against another case's new claim
        for i in range(0, len(group), CONTRAST_NEUTRAL_EVERY):
            other = group[(i + len(group) // 2) % len(group)]
            if other is not group[i]:
                out.append(NLIPair(group[i]["verified_claim"], other["new_claim"], "neutral", "contrast"))
    return out


def load_source(name: str, data_dir: Path, seed: int, blocked: set[str]) -> tuple[list[NLIPair], int]:
    """Rows of one training source after hold-outs and caps; also the number dropped for overlap."""
    spec = TRAIN_SOURCES[name]
    rows = read_jsonl(data_dir / spec["dir"] / "pairs.jsonl")
    out: list[NLIPair] = []
    dropped = 0
    for r in rows:
        if r.get("split") not in spec["splits"]:
            continue
        label = r.get("label")
        if spec.get("two_way") and label != "entailment":
            label = NOT_ENTAILMENT  # ScoNe's "neutral" and MED's "not_entailment" are non-entailment
        if label not in (*LABELS, NOT_ENTAILMENT):
            continue
        if name == "snli-dev" and snli_is_heldout(r["premise"]):
            continue
        if _key(r["premise"]) in blocked:
            dropped += 1
            continue
        out.append(NLIPair(r["premise"], r["hypothesis"], label, name))
    caps: dict[str, int] = spec.get("cap", {})
    if caps:
        rng = random.Random(f"{seed}-{name}")
        kept: list[NLIPair] = []
        for label in (*LABELS, NOT_ENTAILMENT):
            group = [p for p in out if p.label == label]
            cap = caps.get(label)
            if cap is not None and len(group) > cap:
                group = sorted(rng.sample(group, cap), key=out.index)
            kept += group
        out = kept
    return out, dropped


def build_training_data(
    data_dir: Path = DEFAULT_DATA_DIR,
    seed: int = 13,
    synthetic: int = 8000,
    contrast: bool = True,
    harmless_repeat: int = 1,
    contrast_rows: int = CONTRAST_TRAIN_ROWS,
) -> tuple[list[NLIPair], dict[str, Any]]:
    """Return the shuffled training rows and a description of the mix (counts per source and label).

    ``contrast=False`` leaves out claimmatch's own claim pairs (the session-4 model's mix);
    ``harmless_repeat=k`` shows the model each of their harmless (entailment) pairs ``k`` times;
    ``contrast_rows`` is how many of the contrast file's first rows it may train on.
    """
    from stance_synthetic import generate  # training/ is on sys.path when run as a script

    blocked = eval_premises(data_dir)
    rows: list[NLIPair] = []
    mix: dict[str, Any] = {"sources": {}, "dropped_for_eval_overlap": {}}
    for name, spec in TRAIN_SOURCES.items():
        path = data_dir / spec["dir"] / "pairs.jsonl"
        if not path.exists():
            raise SystemExit(f"missing training source {path}")
        part, dropped = load_source(name, data_dir, seed, blocked)
        rows += part
        mix["sources"][name] = {"licence": spec["licence"], "counts": _counts(part)}
        mix["dropped_for_eval_overlap"][name] = dropped
    if contrast:
        own = [p for p in load_contrast_pairs(limit=contrast_rows) if _key(p.premise) not in blocked]
        rows += own
        mix["sources"]["contrast"] = {"licence": CONTRAST_LICENCE, "counts": _counts(own)}
    synth = [p for p in generate(synthetic, seed) if _key(p.premise) not in blocked]
    rows += synth
    mix["sources"]["synthetic"] = {
        "licence": "generated by claimmatch (Apache-2.0)",
        "counts": _counts(synth),
    }
    # drop exact duplicates (same premise, hypothesis and label), keep the first
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for p in rows:
        k = (p.premise, p.hypothesis, p.label)
        if k not in seen:
            seen.add(k)
            unique.append(p)
    mix["duplicates_dropped"] = len(rows) - len(unique)
    if contrast and harmless_repeat > 1:  # after de-duplication, which would drop the copies
        again = [p for p in unique if p.source == "contrast" and p.label == "entailment"] * (harmless_repeat - 1)
        unique += again
        mix["sources"]["contrast"]["counts"] = _counts(p for p in unique if p.source == "contrast")
        mix["contrast_harmless_repeat"] = harmless_repeat
    random.Random(seed).shuffle(unique)
    mix["total"] = _counts(unique)
    return unique, mix


def _counts(rows: Iterable[NLIPair]) -> dict[str, int]:
    c = Counter(p.label for p in rows)
    out = {label: c.get(label, 0) for label in (*LABELS, NOT_ENTAILMENT)}
    out["all"] = sum(c.values())
    return out


def format_mix(mix: dict[str, Any]) -> str:
    """The data mix as a Markdown table."""
    head = "| source | licence | entailment | neutral | contradiction | not_entailment (2-way) | total |"
    lines = [head, "|---|---|---:|---:|---:|---:|---:|"]
    for name, info in mix["sources"].items():
        c = info["counts"]
        lines.append(
            f"| {name} | {info['licence']} | {c['entailment']:,} | {c['neutral']:,} | {c['contradiction']:,} "
            f"| {c[NOT_ENTAILMENT]:,} | {c['all']:,} |"
        )
    t = mix["total"]
    note = f"after {mix['duplicates_dropped']} duplicates dropped"
    if "available_before_subsample" in mix:
        note += f"; seeded subsample of {mix['available_before_subsample']:,}"
    lines.append(
        f"| **total** ({note}) | | {t['entailment']:,} | "
        f"{t['neutral']:,} | {t['contradiction']:,} | {t[NOT_ENTAILMENT]:,} | {t['all']:,} |"
    )
    return "\n".join(lines)
