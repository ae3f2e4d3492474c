"""Normalising fact-checkers' own ratings ("Pants on Fire", "Four Pinocchios", "Falso") to a :class:`Verdict`.

The mapping is a data table, ``claimmatch/data/ratings.tsv``, rendered with the reasons for
each choice in ``docs/ratings.md``. Ratings are matched without case, accents on Latin
letters, punctuation or extra spaces; a publisher-specific row wins over a general one.
Anything not in the table is :attr:`Verdict.UNPROVEN`: nothing here ever raises on odd input.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from claimmatch.models import Verdict

__all__ = [
    "VERDICT_LABELS",
    "VERDICT_SCORES",
    "RatingRule",
    "lookup_rating",
    "normalize_rating",
    "rating_from_score",
    "rating_table",
]

#: A readable label for each verdict (used as ``alternateName`` when a claim has no rating text).
VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.TRUE: "True",
    Verdict.MOSTLY_TRUE: "Mostly true",
    Verdict.MIXED: "Mixed",
    Verdict.MOSTLY_FALSE: "Mostly false",
    Verdict.FALSE: "False",
    Verdict.UNPROVEN: "Unproven",
}

#: Each verdict on a 1 (false) to 5 (true) scale; ``unproven`` has no place on it.
VERDICT_SCORES: dict[Verdict, int] = {
    Verdict.FALSE: 1,
    Verdict.MOSTLY_FALSE: 2,
    Verdict.MIXED: 3,
    Verdict.MOSTLY_TRUE: 4,
    Verdict.TRUE: 5,
}

ANY_PUBLISHER = "*"
_NON_WORD = re.compile(r"[\W_]+")
_FIRST_CLAUSE = re.compile(r"\s*(?:[.!?:;\u2013\u2014]|\s-\s)")
_LEAD_INS = ("this is ", "this claim is ", "the claim is ", "claim is ", "that is ", "it is ", "rated ", "rating ")
_DOMAIN_END = re.compile(r"\.(?:[a-z]{2,6})(?:\.[a-z]{2})?$")
_FACT_CHECK_END = re.compile(r"factcheck(?:s|ing)?$")


@dataclass(frozen=True)
class RatingRule:
    """One row of the rating table.

    Attributes:
        publishers: The publisher names the row applies to; empty for any publisher.
        rating: The rating as written in the table.
        verdict: The verdict it maps to.
        note: Who uses the rating and why it maps as it does.
    """

    publishers: tuple[str, ...]
    rating: str
    verdict: Verdict
    note: str


def _fold(text: str) -> str:
    """Casefold and drop accents from Latin letters (other scripts keep their marks)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("\u0131", "i"))  # Turkish dotless i
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and kept[-1] < "\u0250":
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _rating_key(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", _fold(text)).split())


def _publisher_key(text: str) -> str:
    folded = _fold(text).strip().removeprefix("www.")
    if " " not in folded:
        folded = _DOMAIN_END.sub("", folded)
    words = _NON_WORD.sub(" ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    key = "".join(words)
    return _FACT_CHECK_END.sub("", key) or key


@cache
def rating_table() -> tuple[RatingRule, ...]:
    """Return the rows of ``claimmatch/data/ratings.tsv``, in file order.

    Raises:
        ValueError: the shipped table is malformed (a packaging bug).
    """
    text = resources.files("claimmatch").joinpath("data").joinpath("ratings.tsv").read_text(encoding="utf-8")
    rules: list[RatingRule] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) != 4 or not fields[1]:
            raise ValueError(f"ratings.tsv:{number}: expected 4 tab-separated fields, got {len(fields)}")
        publisher, rating, verdict, note = fields
        try:
            value = Verdict(verdict)
        except ValueError:
            raise ValueError(f"ratings.tsv:{number}: unknown verdict {verdict!r}") from None
        publishers = () if publisher == ANY_PUBLISHER else tuple(p.strip() for p in publisher.split("|"))
        rules.append(RatingRule(publishers, rating, value, note))
    return tuple(rules)


@cache
def _lookup_tables() -> tuple[dict[str, Verdict], dict[tuple[str, str], Verdict]]:
    general: dict[str, Verdict] = {}
    specific: dict[tuple[str, str], Verdict] = {}
    for rule in rating_table():
        key = _rating_key(rule.rating)
        entries: list[tuple[dict[Any, Verdict], Any]] = [(general, key)] if not rule.publishers else []
        entries += [(specific, (_publisher_key(publisher), key)) for publisher in rule.publishers]
        for table, entry in entries:
            if table.get(entry, rule.verdict) is not rule.verdict:
                raise ValueError(f"ratings.tsv: {rule.rating!r} is listed twice with different verdicts")
            table[entry] = rule.verdict
    return general, specific


def _candidates(rating: str) -> list[str]:
    """The whole rating, then without a lead-in ("This is false"), then its first clause ("False. The...")."""
    keys = [_rating_key(rating)]
    first = _FIRST_CLAUSE.split(rating.strip(), maxsplit=1)[0]
    keys.append(_rating_key(first))
    for key in list(keys):
        for lead in _LEAD_INS:
            if key.startswith(lead):
                keys.append(key[len(lead) :])
    return [key for i, key in enumerate(keys) if key and key not in keys[:i]]


def lookup_rating(rating: Any, publisher: Any = None) -> Verdict | None:
    """Return the verdict for a rating text, or ``None`` when the table does not know it.

    Args:
        rating: The publisher's rating words, e.g. ``"Pants on Fire!"``.
        publisher: The publisher's name or site, used for publisher-specific rows.
    """
    if not isinstance(rating, str) or not rating.strip():
        return None
    general, specific = _lookup_tables()
    publisher_key = _publisher_key(publisher) if isinstance(publisher, str) else ""
    for key in _candidates(rating):
        if publisher_key and (publisher_key, key) in specific:
            return specific[(publisher_key, key)]
        if key in general:
            return general[key]
    return None


def normalize_rating(rating: str | None, publisher: str | None = None) -> Verdict:
    """Map a fact-checker's rating to a :class:`Verdict`.

    Matching ignores case, accents on Latin letters, punctuation and spacing; a rating such
    as ``"False. The photo is from 2015"`` is matched by its first clause, and ``"This is
    false"`` without its lead-in. A row for ``publisher`` wins over a general row.

    Args:
        rating: The rating text (``reviewRating.alternateName``, ``textualRating``); may be ``None``.
        publisher: The publisher's name or site (``"PolitiFact"``, ``"healthfeedback.org"``).

    Returns:
        The verdict; :attr:`Verdict.UNPROVEN` for an empty or unknown rating.
    """
    verdict = lookup_rating(rating, publisher)
    return Verdict.UNPROVEN if verdict is None else verdict


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def rating_from_score(value: Any, best: Any = 5, worst: Any = 1) -> Verdict:
    """Map a numeric rating (schema.org ``ratingValue`` on ``worstRating..bestRating``) to a verdict.

    The value is scaled to 0 (worst) .. 1 (best) and read against five anchors, 0, 0.25,
    0.5, 0.75 and 1 (false .. true), taking the nearest: below 0.125 is ``false``, below
    0.375 ``mostly_false``, up to 0.625 ``mixed``, up to 0.875 ``mostly_true``, above that
    ``true``. Ties go towards ``mixed``. A 1..5 scale therefore maps one to one, and so does
    a 1..3 scale (false, mixed, true). ``best`` may be below ``worst`` (a reversed scale).

    Args:
        value: The rating; a number or a numeric string.
        best: The best (truest) value, 5 by default as in schema.org.
        worst: The worst (falsest) value, 1 by default as in schema.org.

    Returns:
        The verdict; :attr:`Verdict.UNPROVEN` when a value is missing, not numeric, outside
        the scale, or ``best`` equals ``worst``.
    """
    number, top, bottom = _number(value), _number(best), _number(worst)
    if number is None or top is None or bottom is None or top == bottom:
        return Verdict.UNPROVEN
    if not min(top, bottom) <= number <= max(top, bottom):
        return Verdict.UNPROVEN
    scaled = (number - bottom) / (top - bottom)
    if scaled < 0.125:
        return Verdict.FALSE
    if scaled < 0.375:
        return Verdict.MOSTLY_FALSE
    if scaled <= 0.625:
        return Verdict.MIXED
    if scaled <= 0.875:
        return Verdict.MOSTLY_TRUE
    return Verdict.TRUE
