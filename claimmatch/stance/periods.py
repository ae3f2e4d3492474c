"""Periods a rule is restricted to: day or night, weekdays or weekends, term time or holidays, one
season or the other.

``"lorries may cross the border only at night"`` and ``"trucks may cross only during daylight
hours"`` restrict the same rule to opposite periods. Each text's periods are read from a small
vocabulary (:data:`_PERIODS`); two texts conflict when one names a period and the other its
opposite (:data:`_OPPOSITE`), neither names both ("day and night", "weekdays and weekends"), at
least one of them restricts the rule ("only", "exclusively", "limited to", "restricted to", "...
only"), and neither states the rule through a negation or a closure ("closed at night" is "open
only during the day"): the finding is a qualifier CONFLICT,
``"period differs: 'at night' vs 'during daylight hours'"``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.negation import CUE_WORDS
from claimmatch.stance.tokens import BANS, LIMITED_TO, RESTRICTORS, Doc, as_doc

__all__ = ["compare_periods", "extract_periods", "states_a_closure"]

_WEIGHT = 0.6

#: period words (lower case) -> period
_PERIODS: dict[tuple[str, ...], str] = {
    ("daytime",): "day",
    ("day-time",): "day",
    ("daylight",): "day",
    ("daylight", "hours"): "day",
    ("daytime", "hours"): "day",
    ("during", "the", "day"): "day",
    ("by", "day"): "day",
    ("between", "sunrise", "and", "sunset"): "day",
    ("night",): "night",
    ("nights",): "night",
    ("overnight",): "night",
    ("overnight", "hours"): "night",
    ("night-time",): "night",
    ("nighttime",): "night",
    ("after", "dark"): "night",
    ("weekday",): "weekdays",
    ("weekdays",): "weekdays",
    ("monday", "to", "friday"): "weekdays",
    ("monday", "through", "friday"): "weekdays",
    ("working", "days"): "weekdays",
    ("weekend",): "weekends",
    ("weekends",): "weekends",
    ("in", "session"): "term",
    ("term-time",): "term",
    ("term", "time"): "term",
    ("holiday",): "holidays",
    ("holidays",): "holidays",
    ("vacation",): "holidays",
    ("vacations",): "holidays",
    ("semester", "break"): "holidays",
    ("semester", "breaks"): "holidays",
    ("school", "break"): "holidays",
    ("school", "breaks"): "holidays",
    ("summer",): "summer",
    ("winter",): "winter",
    ("dry", "season"): "dry season",
    ("rainy", "season"): "wet season",
    ("wet", "season"): "wet season",
    ("monsoon",): "wet season",
    ("peak", "hours"): "peak",
    ("rush", "hour"): "peak",
    ("rush", "hours"): "peak",
    ("off-peak",): "off-peak",
}
_OPPOSITE = frozenset(
    frozenset(pair)
    for pair in (
        ("day", "night"),
        ("weekdays", "weekends"),
        ("term", "holidays"),
        ("summer", "winter"),
        ("dry season", "wet season"),
        ("peak", "off-peak"),
    )
)
_LONGEST = max(len(words) for words in _PERIODS)
#: a preposition quoted with its period ("*at* night")
_PREPOSITIONS = frozenset({"at", "during", "in", "on", "over", "by", "for", "outside", "throughout", "through"})
#: a rule stated through its closure: "the road is closed at night" = "open only during the day"
_CLOSURES = BANS | frozenset(
    "close closes closed closing closure closures shut shuts shutting bar bars suspend suspends suspended "
    "suspending halt halts halted halting off-limits".split()
)


class _Reading(NamedTuple):
    """What a text says of periods: each named period with its words (quoted with a preposition
    before them: "at night", "during the holidays"), whether it restricts a rule, and whether it
    states one through a negation or a closure."""

    periods: tuple[tuple[str, str], ...]
    restricted: bool
    closed: bool


@lru_cache(maxsize=8192)
def _read(doc: Doc) -> _Reading:
    lows = [t.lower for t in doc.tokens]
    periods: list[tuple[str, str]] = []
    i = 0
    while i < len(lows):
        size = next((n for n in range(_LONGEST, 0, -1) if i + n <= len(lows) and tuple(lows[i : i + n]) in _PERIODS), 0)
        if not size:
            i += 1
            continue
        first = i - 1 if i > 0 and lows[i - 1] in ("the", "a") else i
        # the preposition before it, across an article ("*during the* holidays"); else the words alone
        first = first - 1 if first > 0 and lows[first - 1] in _PREPOSITIONS else i
        periods.append((_PERIODS[tuple(lows[i : i + size])], doc.quote(first, i + size - 1)))
        i += size
    restricted = any(
        low in RESTRICTORS or (low in LIMITED_TO and k + 1 < len(lows) and lows[k + 1] == "to")
        for k, low in enumerate(lows)
    )
    closed = any(low in CUE_WORDS or low in _CLOSURES for low in lows)  # ("can't" is "can not" here)
    return _Reading(tuple(periods), restricted, closed)


def states_a_closure(text: str | Doc) -> bool:
    """Whether a text states a rule through a negation, a ban or a closure ("closed at night",
    "bars trawlers while cod spawn", "cannot fish")."""
    return _read(as_doc(text)).closed


def extract_periods(text: str | Doc) -> tuple[str, ...]:
    """Return the periods a text names, in order (``"day"``, ``"night"``, ``"weekends"``...)."""
    return tuple(period for period, _ in _read(as_doc(text)).periods)


def compare_periods(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return a qualifier CONFLICT when the two texts restrict a rule to opposite periods.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        At most one finding, e.g. ``"period differs: 'at night' vs 'during daylight hours'"``.
    """
    periods_new, restricted_new, closed_new = _read(as_doc(new))
    periods_old, restricted_old, closed_old = _read(as_doc(old))
    if not (restricted_new or restricted_old) or closed_new or closed_old:
        return []
    kinds_new = {period for period, _ in periods_new}
    kinds_old = {period for period, _ in periods_old}
    for period_new, words_new in periods_new:
        for period_old, words_old in periods_old:
            if frozenset((period_new, period_old)) not in _OPPOSITE:
                continue
            if period_old in kinds_new or period_new in kinds_old:
                continue  # "day and night", "weekdays and weekends"
            reason = f"period differs: '{words_new}' vs '{words_old}'"
            return [Finding(Family.QUALIFIERS, Relation.CONFLICT, reason, _WEIGHT)]
    return []
