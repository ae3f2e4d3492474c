#!/usr/bin/env python
"""Choose how the stance model and the rules are combined (``NLIPolicy``), on tuning splits only.

Tuning data: the contrast set's **dev** half without the rows the model was trained on (since
session 13 the model trains on most rounds of ``tests/data/stance_contrast_dev_extra.jsonl``;
the rounds ``training/stance_data.py`` holds out, and rows appended after training, stay) and
COVID-Fact **train** (the benchmark's pairs), and since session 13 the **dev** queries of
``tests/data/match_queries.jsonl`` against their claims (mostly paraphrases: the contrast rows are
60 % conflicts and COVID-Fact 100 %, so without them a model that calls everything a contradiction
looks good). The contrast test half, the test queries and COVID-Fact dev are never read here. The
rules' decision of each pair is computed once; each policy only re-combines it with the cached
model scores. Each policy in a small grid is scored by the mean of the three accuracies (stance,
with the fact-check's verdict); ties go to the policy closest to the rules (higher thresholds).
Since session 16 ``MODEL_POLICY`` is chosen among the *cued* policies (``CUED_GRID``: the model
decides only where the rules saw a difference they could not place, so each of its decisions names
that difference); the best broad policy (``GRID``, where ``BROAD_MODEL_POLICY`` came from) is
printed for reference. Rules only is printed beside them; the model is only worth making the
default if the chosen policy is not worse than rules only on every set.

Usage::

    python training/tune_stance_combination.py [--model DIR] [--data-dir ../shared/data]
        [--write-calibration] [--no-search]

``--write-calibration`` fits the confidence table of rules + model with the shipped
``MODEL_POLICY`` on the same tuning sets (isotonic per predicted stance, COVID-Fact weighing as
much as the other two together, as ``benchmarks/tune_stance.py`` does for the rules) and writes
``claimmatch/stance/data/calibration_model.tsv``; with ``--no-search`` the policy search (some 20
minutes on two cores) is skipped and only the shipped policy's accuracies are printed.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks", ROOT / "training"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import stance as bench  # noqa: E402  (benchmarks/stance.py)
import tune_stance  # noqa: E402  (benchmarks/tune_stance.py: the dev queries against index/claims.jsonl)
from stance_data import CONTRAST_FILE, CONTRAST_TRAIN_ROWS, read_jsonl, trained_contrast_ids  # noqa: E402

from claimmatch.models import Verdict, VerifiedClaim  # noqa: E402
from claimmatch.stance import calibration  # noqa: E402
from claimmatch.stance.aligner import (  # noqa: E402
    DEFAULT_SAME_CLAIM_THRESHOLD,
    DETAIL_FLOOR,
    Decision,
    decide,
    find_differences,
)
from claimmatch.stance.base import Relation  # noqa: E402
from claimmatch.stance.engine import MODEL_POLICY, NLIPolicy, _assessment, _with_nli  # noqa: E402
from claimmatch.stance.nli import MODEL_DIR, NLIScores, OnnxNLI  # noqa: E402
from claimmatch.stance.tokens import analyze  # noqa: E402
from claimmatch.stance.verdicts import stance_for  # noqa: E402


class Scored:
    """The pairs of one tuning set with their rule decisions and model scores, computed once."""

    def __init__(self, pairs: Sequence[bench.Pair], scores: dict[tuple[str, str], NLIScores]) -> None:
        self.pairs = list(pairs)
        self.decisions: list[Decision] = [
            decide(
                find_differences(analyze(p.new_text), analyze(p.claim_text)), p.similarity, DEFAULT_SAME_CLAIM_THRESHOLD
            )
            for p in self.pairs
        ]
        self.scores = [scores[(p.claim_text, p.new_text)] for p in self.pairs]

    def accuracy(self, policy: NLIPolicy | None) -> float:
        """Stance accuracy of rules + model under ``policy`` (``None``: rules only)."""
        right = 0
        for p, d, s in zip(self.pairs, self.decisions, self.scores, strict=True):
            texts = (p.new_text, p.claim_text)
            relation = d.relation if policy is None else _with_nli(d, s, p.similarity, policy, texts).relation
            right += stance_for(relation, Verdict(p.verdict)).value == p.gold
        return right / len(self.pairs)

    def predictions(self, policy: NLIPolicy) -> list[tune_stance.Prediction]:
        """(stance, raw confidence, correct) of rules + model under ``policy``, for calibration."""
        out = []
        for p, d, s in zip(self.pairs, self.decisions, self.scores, strict=True):
            claim = VerifiedClaim(id=p.id or "c", text=p.claim_text, verdict=Verdict(p.verdict))
            result = _assessment(_with_nli(d, s, p.similarity, policy, (p.new_text, p.claim_text)), claim, None)
            out.append((result.stance.value, result.confidence, result.stance.value == p.gold))
        return out


def fit_calibration(tuning: dict[str, Scored], policy: NLIPolicy) -> list[tuple[str, float, float, float]]:
    """Isotonic map per predicted stance of rules + model under ``policy`` (COVID-Fact weighs as the rest)."""
    own = [x for name, t in tuning.items() if name != "COVID-Fact train" for x in t.predictions(policy)]
    covid = [x for name, t in tuning.items() if name == "COVID-Fact train" for x in t.predictions(policy)]
    return tune_stance.weighted_calibration_rows(own, covid)


#: The policies the shipped ``MODEL_POLICY`` is chosen from (since session 16): the model decides
#: only pairs where the rules saw a difference they could not place (names only one text holds, a
#: negation or antonym that differs), so each of its decisions names that difference.
CUED_GRID = {
    "decide": [1.01],
    "override": [1.01],
    "dismiss": [1.01],
    "names_cue": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01],
    "negation_cue": [0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 1.01],
    "qualifier_cue": [0.8, 0.9, 0.95, 0.97, 0.99, 1.01],
}

#: The broad policies (the model may decide any pair the rules see nothing in), printed for reference:
#: ``BROAD_MODEL_POLICY`` was chosen from them in session 13.
GRID = {
    "decide": [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01],
    "override": [0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1.01],
    "dismiss": [0.8, 0.9, 0.95, 1.01],
    "contradiction_relation": [Relation.CONFLICT, Relation.NEGATION],
    "floor": [DETAIL_FLOOR],
    "decide_neutral": [None, 0.95, 1.01],
    "negation_cues": [False, True],
}

Ranked = list[tuple[float, tuple[float, ...], NLIPolicy, dict[str, float]]]


def search(tuning: dict[str, Scored], grid: dict[str, list[Any]]) -> Ranked:
    """Every policy of ``grid`` by its mean accuracy over the tuning sets, best first; ties go to
    the policy closest to the rules (higher thresholds)."""
    results: Ranked = []
    names = list(grid)
    for values in itertools.product(*grid.values()):
        policy = NLIPolicy(**dict(zip(names, values, strict=True)))
        accs = {name: scored.accuracy(policy) for name, scored in tuning.items()}
        closeness = (
            policy.decide,
            policy.override,
            policy.dismiss,
            policy.floor,
            float(policy.contradiction_relation is Relation.CONFLICT),
            policy.decide if policy.decide_neutral is None else policy.decide_neutral,
            float(not policy.negation_cues),
            policy.negation_cue,
            policy.names_cue,
            policy.qualifier_cue,
        )
        results.append((sum(accs.values()) / len(accs), closeness, policy, accs))
    results.sort(key=lambda r: (r[0], r[1]), reverse=True)
    return results


def _write_calibration(tuning: dict[str, Scored]) -> None:
    """Fit the confidence table of the shipped ``MODEL_POLICY`` on the tuning sets and write it."""
    rows = fit_calibration(tuning, MODEL_POLICY)
    calibration.write_table(
        rows,
        calibration.MODEL_TABLE_PATH,
        header=(
            "Confidence calibration of rules + claimmatch's stance model with MODEL_POLICY (calibration.py).",
            "Fitted by training/tune_stance_combination.py --write-calibration on its tuning sets only.",
        ),
    )
    print(f"wrote {calibration.MODEL_TABLE_PATH} ({len(rows)} blocks)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    parser.add_argument("--data-dir", type=Path, default=bench.DEFAULT_DATA_DIR)
    parser.add_argument("--write-calibration", action="store_true", help="fit and write calibration_model.tsv")
    parser.add_argument("--no-search", action="store_true", help="skip the policy search (refit the table only)")
    parser.add_argument(
        "--contrast-rows",
        type=int,
        default=CONTRAST_TRAIN_ROWS,
        help="leave out the contrast rows a model trained on the first N rows saw (to compare two models)",
    )
    args = parser.parse_args(argv)

    seen = trained_contrast_ids(args.contrast_rows)
    sets: dict[str, list[bench.Pair]] = {
        "contrast dev": [
            p for p in bench.load_contrast(bench.CONTRAST_FILES).pairs if p.split == "dev" and p.id not in seen
        ],
        "queries dev": tune_stance.load_dev_queries(),
        "COVID-Fact train": [
            p
            for p in bench.load_covidfact(args.data_dir / "covidfact" / "pairs.jsonl", 1000, 13).pairs
            if p.split == "train"
        ],
    }
    everything = [p for part in sets.values() for p in part]
    encode, _ = bench.load_encoder()
    bench.add_similarities(everything, encode)
    nli = OnnxNLI(args.model)
    keys = sorted({(p.claim_text, p.new_text) for p in everything})
    table = dict(zip(keys, nli.predict(keys), strict=True))
    tuning = {name: Scored(part, table) for name, part in sets.items()}

    base = {name: scored.accuracy(None) for name, scored in tuning.items()}
    print("tuning: " + ", ".join(f"{name} n={len(part)}" for name, part in sets.items()))
    print("rules only: " + ", ".join(f"{name} {acc:.4f}" for name, acc in base.items()))
    shipped = {name: scored.accuracy(MODEL_POLICY) for name, scored in tuning.items()}
    print(f"shipped MODEL_POLICY ({MODEL_POLICY}): " + ", ".join(f"{n} {a:.4f}" for n, a in shipped.items()))
    if args.no_search:
        if args.write_calibration:
            _write_calibration(tuning)
        return 0
    model_only = NLIPolicy(decide=0.0, override=0.0, dismiss=0.0, floor=0.0)
    for label, grid in (("broad (reference)", GRID), ("cued (MODEL_POLICY is chosen here)", CUED_GRID)):
        results = search(tuning, grid)
        print(f"best {label} policies (mean accuracy; {', '.join(sets)}):")
        for score, _, policy, accs in results[:6]:
            print(f"  {score:.4f}  " + "  ".join(f"{a:.4f}" for a in accs.values()) + f"  {policy}")
    _, _, chosen, accs = results[0]
    print(f"\nchosen: {chosen}")
    for name, acc in accs.items():
        print(f"  {name}: {acc:.4f} (rules {base[name]:.4f})")
    print("  not worse than rules on every set:", all(accs[n] >= base[n] for n in accs))
    first = {r["id"] for r in read_jsonl(CONTRAST_FILE)[: args.contrast_rows]}
    contrast = sets["contrast dev"]
    parts = {
        "contrast held-out rounds (the rules were tuned on them)": [p for p in contrast if p.id in first],
        "contrast rows added after training (fresh to the model)": [p for p in contrast if p.id not in first],
    }
    for label, part in parts.items():
        if part:
            scored = Scored(part, table)
            print(f"  {label}: n={len(part)}, rules {scored.accuracy(None):.4f}, chosen {scored.accuracy(chosen):.4f}")
    if args.write_calibration:
        if chosen != MODEL_POLICY:
            print(f"\nnote: the table is fitted for the shipped MODEL_POLICY ({MODEL_POLICY}), not the chosen one")
        _write_calibration(tuning)
    print(
        "model deciding everything (for reference): "
        + ", ".join(f"{name} {scored.accuracy(model_only):.4f}" for name, scored in tuning.items())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
