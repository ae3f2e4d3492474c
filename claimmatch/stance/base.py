"""Shared types of the stance engine: relations, families and findings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from claimmatch.errors import InvalidSimilarityError

__all__ = ["Family", "Finding", "InvalidSimilarityError", "Relation"]


class Relation(str, Enum):
    """How a new claim relates to the text of an earlier fact-check."""

    SAME = "same"
    CONFLICT = "conflict"
    NEGATION = "negation"
    TOPICAL = "topical"

    @property
    def description(self) -> str:
        """Return the relation in words, e.g. ``"conflicting detail"``."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    Relation.SAME: "same claim",
    Relation.CONFLICT: "conflicting detail",
    Relation.NEGATION: "negates it",
    Relation.TOPICAL: "only related",
}


class Family(str, Enum):
    """The rule family that produced a finding."""

    QUANTITIES = "quantities"
    NEGATION = "negation"
    POLARITY = "polarity"
    QUALIFIERS = "qualifiers"
    ENTITIES = "entities"
    COMPARATIVES = "comparatives"
    SUBSTITUTION = "substitution"


@dataclass(frozen=True, slots=True)
class Finding:
    """One difference between two texts that changes their truth conditions.

    Attributes:
        family: The rule family that found it.
        relation: :attr:`Relation.CONFLICT` or :attr:`Relation.NEGATION`.
        reason: A readable sentence, quoting the new claim first, e.g. ``"numbers differ: 34 vs 30"``.
        weight: The strength of the evidence, in ``(0, 1]``.
    """

    family: Family
    relation: Relation
    reason: str
    weight: float
