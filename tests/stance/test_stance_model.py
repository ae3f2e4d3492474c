"""claimmatch's own stance model (``claimmatch/stance/model``): shipping, loading, predictions.

The regression pairs below were written for this test (short, unambiguous claim pairs; not taken
from any evaluation split or from the training templates). Premise = the fact-checked claim,
hypothesis = the new claim. The model is loaded once per session.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimmatch.models import Stance, Verdict, VerifiedClaim
from claimmatch.stance import DEFAULT_NLI, Relation, StanceEngine
from claimmatch.stance.engine import BROAD_MODEL_POLICY, MODEL_POLICY, NLIPolicy, shared_default_nli
from claimmatch.stance.nli import MODEL_DIR, NLIScores, OnnxNLI, default_nli_available

pytestmark = pytest.mark.skipif(
    default_nli_available() is not None, reason=f"stance model unavailable: {default_nli_available()}"
)

ENTAILMENT = [
    ("The city council approved the new budget on Monday.", "The new budget was approved by the city council."),
    ("Scientists found microplastics in human blood samples.", "Microplastics have been detected in human blood."),
    ("The vaccine does not cause autism.", "The vaccine is not a cause of autism."),
    ("Mount Everest is the tallest mountain in the world.", "Mount Everest is the world's highest mountain."),
    ("The president signed the climate bill into law on Tuesday.", "The president signed the climate bill."),
    ("Two men are playing chess in a park.", "Two people are playing a game."),
    ("The company laid off 500 workers last year.", "The company cut jobs last year."),
    ("Germany won the football match against France.", "Germany beat France in the football match."),
    ("The museum was closed to visitors during the strike.", "During the strike, visitors could not enter the museum."),
    ("Smoking causes lung cancer.", "Lung cancer can be caused by smoking."),
    ("The bridge was built in 1932 by a local engineering firm.", "The bridge was built in 1932."),
    (
        "Heavy rain flooded several streets in the town centre.",
        "Streets in the town centre were flooded after heavy rain.",
    ),
]
CONTRADICTION = [
    ("The city council approved the new budget.", "The city council rejected the new budget."),
    ("The vaccine does not cause autism.", "The vaccine causes autism."),
    ("Unemployment fell last year.", "Unemployment rose last year."),
    ("The president signed the climate bill into law.", "The president vetoed the climate bill."),
    ("Germany won the match against France.", "France won the match against Germany."),
    ("The museum is open to visitors every day.", "The museum is closed to visitors every day."),
    ("The senator voted for the tax increase.", "The senator voted against the tax increase."),
    ("The factory in the town will stay open.", "The factory in the town will close."),
    ("A woman is riding a bicycle down the street.", "Nobody is riding a bicycle."),
    ("The drug was approved by regulators.", "Regulators refused to approve the drug."),
    ("The minister resigned on Friday.", "The minister did not resign."),
    ("Sea ice in the Arctic has decreased since 1979.", "Arctic sea ice has increased since 1979."),
]
NEUTRAL = [
    ("The city council approved the new budget.", "The new budget includes money for three new schools."),
    ("The minister visited the flooded region.", "The minister promised compensation to flood victims."),
    ("A man is playing a guitar on stage.", "The man is a famous musician."),
    ("The company opened a new factory in Ohio.", "The company's profits doubled last year."),
    ("The president met the prime minister in London.", "The two leaders discussed trade."),
    ("Scientists discovered a new species of frog in Brazil.", "The frog is poisonous."),
    ("The school was closed because of the storm.", "The storm also damaged several houses."),
    ("The senator gave a speech about healthcare.", "The senator is running for president."),
    ("Protesters gathered outside parliament on Sunday.", "The protest was organised by students."),
    ("The airline cancelled flights due to fog.", "The airline will refund passengers."),
    ("A new hospital opened in the capital.", "The hospital was funded by a private donor."),
    ("The team won the championship.", "The team's coach will retire at the end of the season."),
]
REGRESSION = (
    [(p, h, "entailment") for p, h in ENTAILMENT]
    + [(p, h, "contradiction") for p, h in CONTRADICTION]
    + [(p, h, "neutral") for p, h in NEUTRAL]
)

# Pairs the shipped model gets wrong (the pairs were written before the first model existed and
# are kept). The session-18 model (6 layers, trained with claimmatch's own claim pairs up to round
# 167) gets 32 of the 36 right, as the session-13 model did, with one swap: it now reads the
# museum closed during the strike as entailed and the council's passive paraphrase as a
# contradiction. The session-4 model got 26 (it read most same-sentence antonym swaps as
# entailment). Strict: a retrained model that gets one right makes its xfail fail, so the list is
# updated rather than silently outdated.
KNOWN_MISSES = {
    ("The city council approved the new budget on Monday.", "The new budget was approved by the city council."),
    ("The company laid off 500 workers last year.", "The company cut jobs last year."),
    ("Germany won the football match against France.", "Germany beat France in the football match."),
    ("The factory in the town will stay open.", "The factory in the town will close."),
}
KNOWN_MISS = pytest.mark.xfail(strict=True, reason="known miss of the shipped stance model (docs/stance-model.md)")
CASES = [
    pytest.param(p, h, label, id=f"{label[:3]}-{i}", marks=[KNOWN_MISS] if (p, h) in KNOWN_MISSES else [])
    for i, (p, h, label) in enumerate(REGRESSION)
]


@pytest.fixture(scope="session")
def model() -> OnnxNLI:
    return shared_default_nli().load()


def claim(text: str, verdict: str = "true") -> VerifiedClaim:
    return VerifiedClaim(id="c1", text=text, verdict=Verdict(verdict))


def test_model_ships_in_the_package_with_its_card() -> None:
    files = {p.name: p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file()}
    assert {"model.onnx", "tokenizer.json", "config.json", "MODEL_CARD.md"} <= set(files)
    assert sum(files.values()) <= 50 * 1024 * 1024
    config = json.loads((MODEL_DIR / "config.json").read_text("utf-8"))
    assert sorted(config["id2label"].values()) == ["contradiction", "entailment", "neutral"]
    card = (MODEL_DIR / "MODEL_CARD.md").read_text("utf-8")
    for needle in ("Training data", "licence", "Intended use", "Limits", "accuracy"):
        assert needle.lower() in card.lower()


def test_the_model_is_the_default_and_loads_lazily() -> None:
    code = (
        "import sys\n"
        "from claimmatch.stance import StanceEngine\n"
        "assert StanceEngine(nli=None)._nli is None  # rules only when asked for\n"
        "engine = StanceEngine()\n"
        "assert engine.nli_name == 'default', engine.nli_name\n"
        "assert not engine._nli.loaded\n"
        "assert 'onnxruntime' not in sys.modules\n"
        "print('lazy ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "lazy ok" in out.stdout


def test_predict_shape_and_probabilities(model: OnnxNLI) -> None:
    scores = model.predict([("A dog runs in the park.", "An animal is outside."), ("Hi.", "Bye.")])
    assert len(scores) == 2 and all(isinstance(s, NLIScores) for s in scores)
    for s in scores:
        assert s.entailment + s.contradiction + s.neutral == pytest.approx(1.0, abs=1e-6)
        assert s.label in ("entailment", "contradiction", "neutral")
    assert model.predict([]) == []


def test_a_pair_scores_the_same_alone_or_in_a_batch(model: OnnxNLI) -> None:
    pairs = [(p, h) for p, h, _ in REGRESSION[:6]]
    together = model.predict(pairs)
    alone = [model.predict([pair])[0] for pair in pairs]
    assert together == alone


@pytest.mark.parametrize(("premise", "hypothesis", "label"), CASES)
def test_regression_pairs(model: OnnxNLI, premise: str, hypothesis: str, label: str) -> None:
    assert model.predict([(premise, hypothesis)])[0].label == label


def test_regression_set_size() -> None:
    assert len(REGRESSION) >= 30
    assert len({(p, h) for p, h, _ in REGRESSION}) == len(REGRESSION)
    assert {(p, h) for p, h, _ in REGRESSION} >= KNOWN_MISSES
    assert len(REGRESSION) - len(KNOWN_MISSES) >= 32  # the model must keep at least what it gets right now


def test_nli_none_is_rules_only() -> None:
    engine = StanceEngine(nli=None)
    assert engine._nli is None and engine.nli_name is None and engine.calibrated
    result = engine.assess("Coffee is healthy", claim("Coffee is good for you"), 0.8)
    assert not any(reason.startswith("NLI:") for reason in result.reasons)


def test_rules_override_the_model_on_numbers_and_qualifiers(model: OnnxNLI) -> None:
    engine = StanceEngine(nli=DEFAULT_NLI)
    assert engine.nli_name == DEFAULT_NLI
    numbers = engine.assess(
        "The Coalition of the Willing includes leaders of 30 supporters of Ukraine.",
        claim("The Coalition of the Willing includes leaders of 34 supporters of Ukraine."),
        0.97,
    )
    assert numbers.relation is Relation.CONFLICT and numbers.stance is Stance.CONTRADICTS
    assert "numbers differ: 30 vs 34" in numbers.reasons
    assert not any(r.startswith("NLI: ") for r in numbers.reasons)  # MODEL_POLICY: a finding is never scored
    broad = StanceEngine(nli=DEFAULT_NLI, policy=BROAD_MODEL_POLICY).assess(
        "The Coalition of the Willing includes leaders of 30 supporters of Ukraine.",
        claim("The Coalition of the Willing includes leaders of 34 supporters of Ukraine."),
        0.97,
    )
    assert broad.relation is Relation.CONFLICT and broad.reasons[-1].startswith("NLI: ")
    qualifier = engine.assess(
        "They would send troops before a ceasefire",
        claim("They would send troops only after a ceasefire"),
        0.95,
    )
    assert qualifier.relation is Relation.CONFLICT


def test_model_decides_where_the_rules_see_nothing(model: OnnxNLI) -> None:
    engine = StanceEngine(nli=DEFAULT_NLI, policy=BROAD_MODEL_POLICY)
    signed = claim("The president signed the climate bill.")
    result = engine.assess("The president vetoed the climate bill.", signed, 0.8)
    assert result.stance is Stance.CONTRADICTS
    assert any("NLI" in reason for reason in result.reasons)


def test_model_policy_names_the_names_it_reads_a_contradiction_on(model: OnnxNLI) -> None:
    engine = StanceEngine(nli=DEFAULT_NLI)
    assert engine.policy == MODEL_POLICY and MODEL_POLICY.cued_only
    new = "In the first quarter of 2024, Samsung became the top-selling smartphone brand worldwide, ahead of Apple."
    old = claim("Xiaomi overtook Apple as the world's biggest smartphone seller in the first quarter of 2024.")
    assert StanceEngine(nli=None).assess(new, old, 0.7).relation is Relation.SAME  # the rules cannot place them
    result = engine.assess(new, old, 0.7)
    assert result.relation is Relation.CONFLICT and result.stance is Stance.CONTRADICTS
    assert "entities differ according to NLI: Samsung vs Xiaomi" in result.reasons


def test_model_policy_never_touches_a_pair_the_rules_decided(model: OnnxNLI) -> None:
    new, old = "The president vetoed the climate bill.", claim("The president signed the climate bill.")
    rules = StanceEngine(nli=None, calibrated=False).assess(new, old, 0.8)
    cued = StanceEngine(nli=DEFAULT_NLI, calibrated=False).assess(new, old, 0.8)
    assert (cued.relation, cued.reasons, cued.confidence) == (rules.relation, rules.reasons, rules.confidence)


def test_other_onnx_directory_is_accepted(tmp_path: Path) -> None:
    for name in ("model.onnx", "tokenizer.json", "config.json"):
        (tmp_path / name).write_bytes((MODEL_DIR / name).read_bytes())
    engine = StanceEngine(nli=str(tmp_path))
    assert isinstance(engine._nli, OnnxNLI) and engine._nli.loaded


def test_missing_onnxruntime_degrades_to_rules_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec

    def fake(name: str, *args: object) -> object:
        return None if name == "onnxruntime" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", fake)
    with pytest.warns(RuntimeWarning, match="rules only"):
        engine = StanceEngine(nli=DEFAULT_NLI)
    assert engine._nli is None and engine.nli_name is None


def test_shipped_model_confidences_use_their_own_table(model: OnnxNLI) -> None:
    from claimmatch.stance.calibration import MODEL_TABLE_NAME, calibrate, table

    assert table(MODEL_TABLE_NAME)  # shipped beside the rules' table
    calibrated = StanceEngine(nli=DEFAULT_NLI)
    raw = StanceEngine(nli=DEFAULT_NLI, calibrated=False)
    custom = StanceEngine(nli=DEFAULT_NLI, policy=NLIPolicy(decide=0.95))
    assert calibrated.calibrated and not raw.calibrated and not custom.calibrated
    new, old = "The president vetoed the climate bill.", claim("The president signed the climate bill.")
    got, base = calibrated.assess(new, old, 0.8), raw.assess(new, old, 0.8)
    assert got.stance is base.stance
    assert got.confidence == round(calibrate(base.stance.value, base.confidence, MODEL_TABLE_NAME), 4)
    assert got.confidence != base.confidence
