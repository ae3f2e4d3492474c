from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimmatch.models import Verdict
from claimmatch.ratings import (
    VERDICT_LABELS,
    VERDICT_SCORES,
    lookup_rating,
    normalize_rating,
    rating_from_score,
    rating_table,
)
from tests.conftest import ROOT

T, MT, MX, MF, F, U = (
    Verdict.TRUE,
    Verdict.MOSTLY_TRUE,
    Verdict.MIXED,
    Verdict.MOSTLY_FALSE,
    Verdict.FALSE,
    Verdict.UNPROVEN,
)

FAMILIES: dict[str, list[tuple[str, Verdict]]] = {
    "PolitiFact": [
        ("Pants on Fire", F),
        ("False", F),
        ("Mostly False", MF),
        ("Half True", MX),
        ("Mostly True", MT),
        ("True", T),
        ("Barely True", MF),
        ("Full Flop", U),
        ("Half Flip", U),
        ("No Flip", U),
    ],
    "Snopes": [
        ("True", T),
        ("Mostly True", MT),
        ("Mixture", MX),
        ("Mostly False", MF),
        ("False", F),
        ("Unproven", U),
        ("Unfounded", U),
        ("Miscaptioned", MF),
        ("Satire", U),
        ("Labeled Satire", U),
        ("Originated as Satire", F),
        ("Outdated", U),
        ("Misattributed", F),
        ("Correct Attribution", T),
        ("Legend", U),
        ("Scam", F),
        ("Fake", F),
    ],
    "The Washington Post": [
        ("One Pinocchio", MT),
        ("Two Pinocchios", MX),
        ("Three Pinocchios", MF),
        ("Four Pinocchios", F),
        ("4 Pinocchios", F),
        ("Geppetto Checkmark", T),
        ("Bottomless Pinocchio", F),
        ("Upside-Down Pinocchio", U),
    ],
    "Full Fact": [("Correct", T), ("Incorrect", F), ("Not true", F), ("Needs context", MX), ("No evidence", U)],
    "AFP Fact Check": [
        ("False", F),
        ("Misleading", MF),
        ("Partly false", MF),
        ("Missing context", MX),
        ("Altered", F),
        ("Satire", U),
        ("True", T),
    ],
    "Reuters Fact Check": [
        ("False", F),
        ("Misleading", MF),
        ("Partly false", MF),
        ("Missing context", MX),
        ("Altered", F),
        ("No evidence", U),
        ("Misattributed", F),
    ],
    "FactCheck.org": [("Distorts the facts", MF), ("Spins the facts", MF), ("Cherry-picks", MX), ("Wrong", F)],
    "Lead Stories": [("Fake", F), ("Hoax alert", F), ("No basis", U), ("Missing context", MX), ("Satire", U)],
    "Health Feedback": [
        ("Accurate", T),
        ("Mostly accurate", MT),
        ("Imprecise", MX),
        ("Misleading", MF),
        ("Inaccurate", MF),
        ("Incorrect", F),
        ("Unsupported", U),
    ],
    "non-English": [
        ("Falso", F),
        ("Faux", F),
        ("Engañoso", MF),
        ("Falsch", F),
        ("Irreführend", MF),
        ("Fake", F),
        ("Verdadero", T),
        ("Vrai", T),
        ("Richtig", T),
        ("Enganoso", MF),
        ("Impreciso", MX),
        ("Parcialmente falso", MF),
        ("Fuori contesto", MF),
        ("Onwaar", F),
        ("Bulo", F),
        ("Plutôt vrai", MT),
        ("Größtenteils richtig", MT),
        ("Pinocchio andante", MF),
        ("Фейк", F),
        ("مضلل", MF),
    ],
}


@pytest.mark.parametrize(
    ("publisher", "rating", "verdict"),
    [(publisher, rating, verdict) for publisher, rows in FAMILIES.items() for rating, verdict in rows],
)
def test_publisher_families(publisher: str, rating: str, verdict: Verdict) -> None:
    assert normalize_rating(rating, publisher) is verdict


def test_every_table_row_resolves_to_its_verdict() -> None:
    rules = rating_table()
    assert len(rules) > 150
    for rule in rules:
        publisher = rule.publishers[0] if rule.publishers else None
        assert normalize_rating(rule.rating, publisher) is rule.verdict, rule
        assert normalize_rating(rule.rating.upper(), publisher) is rule.verdict, rule


@pytest.mark.parametrize(
    ("rating", "verdict"),
    [
        ("PANTS ON FIRE!", F),
        ("pants-on-fire", F),
        ("pants-fire", F),
        ("  mostly   TRUE ", MT),
        ("Half-True", MX),
        ("FOUR PINOCCHIOS.", F),
        ("four-pinocchios", F),
        ("«Faux»", F),
        ("Falso!", F),
        ("ENGANOSO", MF),
        ("irrefuhrend", MF),
        ("GRÖSSTENTEILS FALSCH", MF),
        ("C'est plus compliqué", MX),
        ("c est plus complique", MX),
        ("Verdadero, pero...", MT),
        ("False. The photo was taken in 2015.", F),
        ("Misleading: the chart leaves out 2020", MF),
        ("This is misleading.", MF),
        ("Rating: False", F),
        ("❌ Falso", F),
    ],
)
def test_case_punctuation_and_wording_variants(rating: str, verdict: Verdict) -> None:
    assert normalize_rating(rating) is verdict


def test_publisher_specific_row_wins_only_for_that_publisher() -> None:
    assert normalize_rating("Inaccurate") is F
    assert normalize_rating("Inaccurate", "Some Other Checker") is F
    for publisher in ["Health Feedback", "healthfeedback.org", "www.sciencefeedback.co", "Science Feedback Fact Check"]:
        assert normalize_rating("Inaccurate", publisher) is MF, publisher
    # Ratings without a publisher row fall back to the general row for that publisher.
    assert normalize_rating("Incorrect", "Health Feedback") is F


@pytest.mark.parametrize("rating", ["Blorp", "", "   ", "???", None, 42, ["False"], "True, but outdated"])
def test_unknown_ratings_are_unproven_and_never_raise(rating: object) -> None:
    assert normalize_rating(rating) is U  # type: ignore[arg-type]
    assert lookup_rating(rating) is None


def test_lookup_tells_known_unproven_from_unknown() -> None:
    assert lookup_rating("Satire") is U
    assert lookup_rating("Not a rating anyone uses") is None


def test_verdict_labels_read_back_as_their_verdict() -> None:
    for verdict, label in VERDICT_LABELS.items():
        assert normalize_rating(label) is verdict
    assert set(VERDICT_SCORES) == set(Verdict) - {U}
    for verdict, score in VERDICT_SCORES.items():
        assert rating_from_score(score, 5, 1) is verdict


@pytest.mark.parametrize(
    ("value", "best", "worst", "verdict"),
    [
        (1, 5, 1, F),
        (2, 5, 1, MF),
        (3, 5, 1, MX),
        (4, 5, 1, MT),
        (5, 5, 1, T),
        ("4", "5", "1", MT),
        ("2,0", 5, 1, MF),
        (0, 1, 0, F),
        (1, 1, 0, T),
        (0.5, 1, 0, MX),
        (1, 3, 1, F),
        (2, 3, 1, MX),
        (3, 3, 1, T),
        (1, 6, 1, F),  # PolitiFact-style: Pants on Fire
        (6, 6, 1, T),
        (1, 1, 5, T),  # a reversed scale: 1 is best
        (5, 1, 5, F),
        # the cut-points, on a 0..8 scale: 0.125, 0.375, 0.625, 0.875
        (0.9, 8, 0, F),
        (1, 8, 0, MF),
        (2.9, 8, 0, MF),
        (3, 8, 0, MX),
        (5, 8, 0, MX),
        (5.1, 8, 0, MT),
        (7, 8, 0, MT),
        (7.1, 8, 0, T),
    ],
)
def test_numeric_fallback(value: object, best: object, worst: object, verdict: Verdict) -> None:
    assert rating_from_score(value, best, worst) is verdict


@pytest.mark.parametrize(
    ("value", "best", "worst"),
    [(None, 5, 1), ("x", 5, 1), (6, 5, 1), (0, 5, 1), (3, 3, 3), (True, 5, 1), (math.nan, 5, 1), (3, None, 1)],
)
def test_numeric_fallback_is_unproven_when_unusable(value: object, best: object, worst: object) -> None:
    assert rating_from_score(value, best, worst) is U


def test_numeric_defaults_are_schema_org_1_to_5() -> None:
    assert rating_from_score(1) is F
    assert rating_from_score(5) is T


@given(st.text(max_size=60), st.one_of(st.none(), st.text(max_size=30)))
def test_normalize_never_raises(rating: str, publisher: str | None) -> None:
    assert isinstance(normalize_rating(rating, publisher), Verdict)


@given(st.floats(allow_nan=True), st.floats(allow_nan=True), st.floats(allow_nan=True))
def test_score_never_raises(value: float, best: float, worst: float) -> None:
    assert isinstance(rating_from_score(value, best, worst), Verdict)


def test_docs_render_every_table_row() -> None:
    text = (ROOT / "docs" / "ratings.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (.+?) \| (.+?) \| `(\w+)` \| .*\|$", text, flags=re.MULTILINE)
    rendered = {(publisher, rating.replace("\\|", "|"), verdict) for publisher, rating, verdict in rows}
    for rule in rating_table():
        publisher = ", ".join(rule.publishers) if rule.publishers else "*"
        assert (publisher, rule.rating, rule.verdict.value) in rendered, rule
    assert len(rows) == len(rating_table())
