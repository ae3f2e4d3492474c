from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from claimmatch import Match, Stance, Verdict, VerifiedClaim


def test_minimal_claim_has_sensible_defaults() -> None:
    claim = VerifiedClaim(id="c1", text="  Water boils at 100 °C at sea level. ")
    assert claim.text == "Water boils at 100 °C at sea level."
    assert claim.verdict is Verdict.UNPROVEN
    assert claim.language == "en"
    assert claim.title is None and claim.metadata == {}


def test_fields_are_parsed_from_json_types() -> None:
    claim = VerifiedClaim.model_validate(
        {
            "id": 7,
            "text": "x is y",
            "verdict": "mostly_false",
            "claim_date": "2025-09-05",
            "language": "pt-BR",
            "title": "",
        }
    )
    assert claim.id == "7"
    assert claim.verdict is Verdict.MOSTLY_FALSE
    assert claim.claim_date == date(2025, 9, 5)
    assert claim.title is None  # blank strings become None


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("verdict", "maybe", "maybe"),
        ("language", "english please", "english please"),
        ("claim_date", "5th of Sept", "5th of Sept"),
        ("id", "", "id"),
    ],
)
def test_validation_errors_name_field_and_value(field: str, value: str, needle: str) -> None:
    record = {"id": "c1", "text": "A claim.", field: value}
    with pytest.raises(ValidationError) as info:
        VerifiedClaim.model_validate(record)
    message = str(info.value)
    assert field in message and needle in message


def test_empty_text_and_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="empty"):
        VerifiedClaim(id="c1", text="   ")
    with pytest.raises(ValidationError, match="verdictt"):
        VerifiedClaim.model_validate({"id": "c1", "text": "A claim.", "verdictt": "true"})


def test_claims_are_immutable_and_hashable_by_value() -> None:
    claim = VerifiedClaim(id="c1", text="A claim.")
    with pytest.raises(ValidationError):
        claim.text = "changed"  # type: ignore[misc]
    assert claim == VerifiedClaim(id="c1", text="A claim.")


def test_match_bounds_confidence_and_rank() -> None:
    claim = VerifiedClaim(id="c1", text="A claim.")
    match = Match(claim=claim, score=0.9, rank=1, stance=Stance.SUPPORTS, confidence=0.8, reasons=["same claim"])
    assert match.stance.value == "supports"
    with pytest.raises(ValidationError):
        Match(claim=claim, score=0.9, rank=0, stance=Stance.SUPPORTS, confidence=0.8)
    with pytest.raises(ValidationError):
        Match(claim=claim, score=0.9, rank=1, stance=Stance.SUPPORTS, confidence=1.5)
