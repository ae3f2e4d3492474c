"""Data models: verified claims, verdicts, stances and matches (pydantic v2)."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from claimmatch.text import validate_text

__all__ = ["Match", "Stance", "Verdict", "VerifiedClaim"]

_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
MAX_ID_CHARS = 256


class Verdict(str, Enum):
    """A normalised fact-check verdict, from true to false.

    ``unproven`` covers everything that does not fit the scale (unproven, satire,
    unrated, unknown ratings).
    """

    TRUE = "true"
    MOSTLY_TRUE = "mostly_true"
    MIXED = "mixed"
    MOSTLY_FALSE = "mostly_false"
    FALSE = "false"
    UNPROVEN = "unproven"


class Stance(str, Enum):
    """How an earlier fact-check bears on a new claim."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    RELATED = "related"


class VerifiedClaim(BaseModel):
    """A claim that a fact-checker has already reviewed.

    Only ``id`` and ``text`` are required. Validation errors name the field and the
    offending value.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=MAX_ID_CHARS, description="Unique, stable id.")
    text: str = Field(description="The claim as reviewed.")
    verdict: Verdict = Verdict.UNPROVEN
    rating: str | None = Field(default=None, description="The publisher's own rating words.")
    title: str | None = Field(default=None, description="Title of the fact-check article.")
    review_url: str | None = None
    publisher: str | None = None
    claimant: str | None = None
    claim_date: date | None = None
    review_date: date | None = None
    language: str = Field(default="en", description="BCP-47 language tag.")
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id", mode="before")
    @classmethod
    def _id_is_string(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("text", mode="before")
    @classmethod
    def _valid_text(cls, value: Any) -> str:
        return validate_text(value, what="claim text")

    @field_validator("language")
    @classmethod
    def _valid_language(cls, value: str) -> str:
        if not _BCP47.match(value):
            raise ValueError(f"language {value!r} is not a BCP-47 tag such as 'en' or 'pt-BR'")
        return value

    @field_validator("title", "rating", "review_url", "publisher", "claimant", mode="after")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


class Match(BaseModel):
    """One verified claim found for a new claim, with its stance."""

    model_config = ConfigDict(frozen=True)

    claim: VerifiedClaim
    score: float = Field(description="Cosine similarity between the new claim and the verified claim.")
    rank: int = Field(ge=1, description="1 for the best match.")
    stance: Stance
    confidence: float = Field(ge=0.0, le=1.0)
    reasons: list[str] = Field(default_factory=list, description="Why this stance, readable by a person.")
    implied_verdict: Verdict | None = Field(
        default=None, description="What the earlier fact-check implies for the new claim, if anything."
    )
