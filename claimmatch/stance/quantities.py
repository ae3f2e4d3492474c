"""Quantities: numbers, percentages, units, bounds, ranges, years and dates.

Each quantity becomes an interval in a base unit of its dimension (``count``, ``percent``,
``length``, ``date``...). Quantities of one dimension are aligned between the two texts by the
content words around them; aligned quantities conflict when their intervals do not overlap.
``"34"`` vs ``"thirty-four"``, ``"3.9%"`` vs ``"3.9 per cent"``, ``"a fifth"`` vs ``"20 percent"``,
``"8,849 m"`` vs ``"29,032 feet"`` agree; ``"34"`` vs ``"30"`` and ``"fewer than 20"`` vs ``"34"``
conflict. A quantity that only one text has is a dropped detail, never a conflict.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.resources import read_tsv
from claimmatch.stance.tokens import AUX, CLAUSE_BREAKS, FAIL_TO, ORDINAL_WORDS, Doc, Token, as_doc, is_break, ruled_out

__all__ = ["Quantity", "compare_quantities", "extract_quantities", "quantity_tokens", "unit_words"]

INF = math.inf

_ONES = {
    "zero": 0,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,  # South Asian English: "50 crore rupees" = 500 million rupees
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
_SHORT_SCALES = {"k": 1e3, "bn": 1e9, "mn": 1e6, "tn": 1e12, "mln": 1e6, "mil": 1e6}
_VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24.0, 144.0),
    "scores": (40.0, 200.0),
    "hundreds": (200.0, 1000.0),
    "thousands": (2e3, 1e5),
    "millions": (2e6, 1e9),
    "billions": (2e9, 1e12),
}
_VAGUE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_FRACTION_SPREAD = 2.5  # "a third" agrees with 31-36 %: fraction words are approximate
_FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "tenths": 10,
    "hundredth": 100,
}
_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_RATIO_VERBS = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}
_CURRENCY_SYMBOLS = {"$": "money:usd", "€": "money:eur", "£": "money:gbp", "¥": "money:jpy"}
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# "a week", "an hour", "half a day": an article standing for one unit. Only after words that take a
# duration or a distance ("lasted a week", "for a year", "within a mile"), never in a rate
# ("20 cigarettes a day", "$15 an hour", "once a week").
_ARTICLE_UNIT_DIMS = frozenset({"duration", "length", "area", "volume"})
_ARTICLE_UNIT_SKIP = frozenset({"second", "m", "l", "mi", "ft", "yard"})
_ARTICLE_UNIT_PREV = frozenset(
    "for in within after over about around nearly almost just only than under barely roughly some "
    "least most half last lasts lasting take takes took taken taking spend spends spent wait waits "
    "more less after before by".split()
)
_ARTICLE_UNIT_NEXT = frozenset({"later", "ago", "earlier", "after", "before", "long", "away", "apart"})
# "a month" is about a month: it agrees with "four weeks" or "30 days", not with "six weeks".
_ARTICLE_UNIT_PRECISION = 0.25
# Two bounds of one direction whose values are this far apart state different amounts: "incomes
# above $250,000" / "above $400,000", "more than 15 deaths" / "more than 250 deaths".
_BOUND_RATIO = 1.5
#: The dimension of a date without a year ("15 August"): its day of the year.
YEARLESS = "day of year"
_DATE_ANCHORS = {"by": "by", "since": "since", "until": "until", "till": "until"}
#: The reason's label for two values that differ, by dimension (other dimensions: "numbers differ").
_LABELS = {"date": "dates differ", YEARLESS: "dates differ", "ordinal": "ordinals differ", "score": "scores differ"}
#: Words near "4-0" / "52-48" that make it a score or a tally, not a range.
_SCORE_CUES = frozenset(
    "won win wins winning beat beats beating defeated defeat victory lost lose loses losing loss drew draw "
    "tied tie ended finished score scoreline thrashed thrashing rout routed edged edging vote votes voted "
    "tally margin passed majority final result".split()
)
#: How many words before a score its cue may stand ("beat Chelsea 4-1", "won the final 2-1 on Sunday").
_SCORE_REACH = 4

# Bound phrases before a number: words (lower case) -> (kind, tolerance style).
_PREFIX_BOUNDS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        [
            (("more", "than"), "gt"),
            (("over",), "gt"),
            (("above",), "gt"),
            (("greater", "than"), "gt"),
            (("higher", "than"), "gt"),
            (("exceeding",), "gt"),
            (("exceeds",), "gt"),  # "turnout exceeds 50%" = "turnout is above 50%"
            (("exceeded",), "gt"),
            (("exceed",), "gt"),
            (("surpasses",), "gt"),
            (("surpassed",), "gt"),
            (("topped",), "gt"),
            (("tops",), "gt"),  # "unless output tops 1 million barrels a day"
            (("topping",), "gt"),
            (("older", "than"), "gt"),
            (("longer", "than"), "gt"),  # "waiting lists longer than 90 days"
            (("surpass",), "gt"),
            (("passed",), "gt"),  # "the population passed 2m" = "exceeded two million"
            (("crossed",), "gt"),
            # "surged past $4,000" = "jumped above $4,000" (not "the past 10 years": after a verb of rising)
            *(((verb, "past"), "gt") for verb in ("rose", "surged", "climbed", "jumped", "soared", "shot", "pushed")),
            (("in", "excess", "of"), "gt"),
            (("upwards", "of"), "gt"),
            (("upward", "of"), "gt"),
            (("north", "of"), "gt"),
            (("just", "over"), "gt"),
            (("at", "least"), "ge"),
            (("no", "less", "than"), "ge"),
            (("no", "fewer", "than"), "ge"),
            (("not", "less", "than"), "ge"),
            (("a", "minimum", "of"), "ge"),
            (("minimum", "of"), "ge"),
            (("less", "than"), "lt"),
            (("younger", "than"), "lt"),  # "adults younger than 50" = "under 50"
            (("shorter", "than"), "lt"),
            (("fewer", "than"), "lt"),
            (("under",), "lt"),
            (("below",), "lt"),
            (("lower", "than"), "lt"),
            (("just", "under"), "lt"),
            (("short", "of"), "lt"),
            (("at", "most"), "le"),
            (("up", "to"), "le"),
            (("within",), "le"),
            (("no", "more", "than"), "le"),
            (("not", "more", "than"), "le"),
            (("a", "maximum", "of"), "le"),
            (("maximum", "of"), "le"),
            (("as", "many", "as"), "le"),
            (("as", "much", "as"), "le"),
            (("nearly",), "near"),
            (("almost",), "near"),
            (("close", "to"), "approx"),
            (("about",), "approx"),
            (("around",), "approx"),
            (("roughly",), "approx"),
            (("approximately",), "approx"),
            (("some",), "approx"),
            (("an", "estimated"), "approx"),
            (("estimated",), "approx"),
            (("circa",), "approx"),
            (("~",), "approx"),
            (("an", "approximate"), "approx"),
            (("approx",), "approx"),
        ],
        key=lambda item: -len(item[0]),
    )
)
_SUFFIX_BOUNDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("or", "more"), "ge"),
    (("or", "over"), "ge"),
    (("or", "higher"), "ge"),
    (("+",), "ge"),
    (("-", "plus"), "ge"),
    (("or", "less"), "le"),
    (("or", "fewer"), "le"),
    (("or", "under"), "le"),
)
_THAN_BOUNDS = {"earlier": "lt", "sooner": "lt", "later": "gt"}
_NEGATED_BOUND = {"lt": "ge", "gt": "le"}
_DATE_PREFIX = {"before": "lt", "after": "gt", "since": "ge", "by": "le", "until": "le", "till": "le"}
#: how far back a "not" / "never" negates a "before" ("had *never* carried out a strike on Iran's
#: nuclear sites before June 2025")
_NEGATION_REACH = 10
#: words that close a "from X to Y" range after a date
_RANGE_ENDS = frozenset({"to", "until", "till", "through", "-", "and"})
_FROM_REACH = 5
_YEAR_CONTEXT = frozenset(
    "in since by until till from before after during of around circa year early late mid the to and "
    "between spring summer autumn fall winter".split()
)
_PLURALS = frozenset({"people", "men", "women", "children", "police", "staff", "troops", "cattle", "persons"})
_CONTEXT_WINDOW = 3
_CONTEXT_SKIP = frozenset({"percent", "cent", "per", "pct"}) | set(_SCALES) | set(_ONES) | set(_TENS)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a text.

    Attributes:
        dimension: ``"count"``, ``"percent"``, ``"date"``, ``"ratio"``, ``"score"`` (``"4-0"``), a unit
            dimension (``"length"``, ``"mass"``, ``"temperature"``, ``"duration"``...) or a currency
            (``"money:usd"``).
        lo: Lower end of the interval, in the base unit (days since year 1 for dates).
        hi: Upper end of the interval.
        lo_open: The lower end is excluded (``"more than 30"``).
        hi_open: The upper end is excluded (``"fewer than 20"``).
        precision: For a plain number, the step of its last written digit in base units (``1`` for
            ``"34"``, ``0.1`` for ``"3.9"``, ``1e6`` for ``"3 million"``); ``0`` for bounds, ranges
            and vague amounts, whose interval is already wide.
        text: The words that state the quantity, e.g. ``"more than 30"`` or ``"July 1969"``.
        first: Index of its first token.
        last: Index of its last token.
        context: Stems of the content words around it, used to align quantities.
        anchor: For a date after ``by``, ``since``, ``until``, ``till`` or a starting ``from``: the cue and the date it
            names (``"by 2025"`` -> ``("by", 2025-01-01, 2025-12-31)``). A deadline, a start or an end
            point is a detail of its own: ``by 2025`` and ``by 2028`` differ although the bounds overlap.
        alt: Another reading of an ambiguous quantity, used when only it has a counterpart in the other
            text (``"2m"`` is 2 metres, or 2 million when the other text counts, not measures).
        needs_context: Align only by shared context words, never as the single quantity of its
            dimension (ordinals: ``"the fifth title"`` / ``"the third title"``).
    """

    dimension: str
    lo: float
    hi: float
    lo_open: bool
    hi_open: bool
    precision: float
    text: str
    first: int
    last: int
    context: frozenset[str]
    anchor: tuple[str, float, float] | None = None
    alt: Quantity | None = None
    needs_context: bool = False

    @property
    def exact(self) -> bool:
        """Return True for a plain number (no bound, range, fraction word or vague amount)."""
        return self.precision > 0

    def overlaps(self, other: Quantity) -> bool:
        """Return True when both quantities can hold at once.

        When two plain numbers are written with different precision, the coarser one stands for
        everything that rounds to it: ``"4%"`` agrees with ``"3.9%"``, ``"8,849 m"`` with
        ``"29,032 feet"``, but ``"34"`` and ``"30"`` differ.
        """
        a_lo, a_hi, b_lo, b_hi = self.lo, self.hi, other.lo, other.hi
        if self.exact and other.exact and not math.isclose(self.precision, other.precision, rel_tol=1e-6):
            half = 0.5 * max(self.precision, other.precision) * (1 - 1e-9)
            if self.precision > other.precision:
                a_lo, a_hi = a_lo - half, a_hi + half
            else:
                b_lo, b_hi = b_lo - half, b_hi + half
        tiny = 1e-9 * max(1.0, abs(a_lo) if a_lo != -INF else 1.0, abs(b_hi) if b_hi != INF else 1.0)
        return not (
            _before(a_hi, self.hi_open, b_lo, other.lo_open, tiny)
            or _before(b_hi, other.hi_open, a_lo, self.lo_open, tiny)
        )


def _before(hi: float, hi_open: bool, lo: float, lo_open: bool, tiny: float) -> bool:
    """Return True when an interval ending at ``hi`` lies entirely before one starting at ``lo``."""
    if hi < lo - tiny:
        return True
    return abs(hi - lo) <= tiny and (hi_open or lo_open)


@lru_cache(maxsize=1)
def _units() -> dict[tuple[str, ...], tuple[str, float]]:
    table: dict[tuple[str, ...], tuple[str, float]] = {}
    for row in read_tsv("units.tsv"):
        if len(row) >= 3:
            table[tuple(row[0].split())] = (row[1], float(row[2]))
    return table


@lru_cache(maxsize=16)
def unit_words(dimension: str) -> frozenset[str]:
    """The one-word units of a dimension in ``data/units.tsv``, e.g. ``"duration"``: days, weeks..."""
    return frozenset(words[0] for words, (dim, _) in _units().items() if dim == dimension and len(words) == 1)


@lru_cache(maxsize=1)
def _unit_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(k) for k in _units()}, reverse=True))


@dataclass(slots=True)
class _Num:
    value: float
    end: int  # index just past the number words
    precision: float  # step of the last written digit; 0 when lo/hi already carry the spread
    lo: float
    hi: float
    fraction: bool = False


def _num_token(tok: Token) -> tuple[float, int]:
    raw = tok.text.replace(",", "")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return float(raw), decimals


def _plain_int(tok: Token) -> int | None:
    if tok.kind == "num" and tok.text.isdigit():
        return int(tok.text)
    return None


def _parse_word_number(toks: tuple[Token, ...], i: int) -> _Num | None:
    """Parse number words such as "thirty-four", "a million", "two hundred and five", "dozens"."""
    n = len(toks)
    low = toks[i].lower
    if low in _VAGUE or (low == "tens" and i + 2 < n and toks[i + 1].lower == "of"):
        lo, hi = _VAGUE.get(low, (20.0, 100.0))
        end = i + 1
        # "tens of thousands", "hundreds of thousands", "hundreds of millions"
        if end + 1 < n and toks[end].lower == "of" and toks[end + 1].lower in _VAGUE_SCALES:
            scale = _VAGUE_SCALES[toks[end + 1].lower]
            lo, hi, end = lo * scale, hi * scale, end + 2
        elif low == "tens":
            return None
        return _Num(lo, end, 0.0, lo, hi)
    total = 0.0
    current = 0.0
    precision = 1.0
    seen = False
    j = i
    while j < n:
        parts = toks[j].lower.split("-") if toks[j].kind == "word" else [toks[j].lower]
        ok = True
        for part in parts:
            nxt = toks[j + 1].lower if j + 1 < n else ""
            if part in _ONES:
                current += _ONES[part]
                precision = 1.0
            elif part in _TENS:
                current += _TENS[part]
                precision = 1.0
            elif part in ("a", "one") and not seen and (nxt in _SCALES or nxt == "dozen"):
                current += 1
            elif part == "dozen" and seen:
                current = (current or 1) * 12
                precision = 1.0
            elif part == "hundred" and seen:
                current = (current or 1) * 100
                precision = 100.0
            elif part in _SCALES and seen:
                total += (current or 1) * _SCALES[part]
                current = 0.0
                precision = _SCALES[part]
            elif part == "and" and seen and (nxt.split("-")[0] in _ONES or nxt.split("-")[0] in _TENS):
                pass
            else:
                ok = False
                break
            seen = True
        if not ok:
            break
        j += 1
    if not seen or j == i or toks[j - 1].lower in ("a", "one", "and"):
        return None
    value = total + current
    return _Num(value, j, precision, value, value)


def _parse_fraction(toks: tuple[Token, ...], i: int) -> _Num | None:
    """Parse "half", "a third", "two thirds", "one in five", "nine out of ten" as a percentage."""
    n = len(toks)
    low = toks[i].lower
    nxt = toks[i + 1].lower if i + 1 < n else ""
    numerator: float | None = None
    denominator = 0
    end = i
    if low in ("a", "one") and nxt in _FRACTIONS and nxt not in ("half", "halves"):
        numerator, denominator, end = 1.0, _FRACTIONS[nxt], i + 2
    elif low in ("a", "one") and nxt == "half" and (i + 2 >= n or toks[i + 2].lower not in _SCALES):
        numerator, denominator, end = 1.0, 2, i + 2
    elif low in _ONES and nxt in _FRACTIONS and nxt.endswith("s"):
        numerator, denominator, end = float(_ONES[low]), _FRACTIONS[nxt], i + 2
    elif (
        low == "half"
        and nxt in ("of", "the", "all", "their", "its", "our", "his", "her")
        and (i == 0 or toks[i - 1].lower not in ("a", "one", "first", "second", "and"))
    ):
        numerator, denominator, end = 1.0, 2, i + 1
    if (
        low == "half"
        and nxt in ("a", "an")
        and i + 2 < n
        and (toks[i + 2].lower in _SCALES or toks[i + 2].lower == "dozen")
    ):
        numerator, denominator, end = 1.0, 2, i + 1  # "half a million": "a million" follows
    if numerator is not None and denominator:
        scale = _scale_after(toks, end)
        if scale is not None:  # "a quarter of a million", "half a million", "two thirds of a billion"
            value = scale[0] * numerator / denominator
            spread = scale[0] * _FRACTION_SPREAD / 100.0
            return _Num(value, scale[1], 0.0, value - spread, value + spread)
        pct = 100.0 * numerator / denominator
        if pct <= 100.0:
            return _Num(pct, end, 0.0, pct - _FRACTION_SPREAD, pct + _FRACTION_SPREAD, fraction=True)
        return None
    # "one in five", "9 out of 10"
    first = 1 if low == "one" else _ONES.get(low, _plain_int(toks[i]))
    if first is None:
        return None
    k = i + 1
    if k < n and toks[k].lower == "in":
        k += 1
    elif k + 1 < n and toks[k].lower == "out" and toks[k + 1].lower == "of":
        k += 2
    else:
        return None
    if k >= n:
        return None
    den = _ONES.get(toks[k].lower, _TENS.get(toks[k].lower, _plain_int(toks[k])))
    if den is None or den <= first or den > 1000:
        return None
    pct = 100.0 * first / den
    return _Num(pct, k + 1, 0.0, pct - _FRACTION_SPREAD, pct + _FRACTION_SPREAD, fraction=True)


def _scale_after(toks: tuple[Token, ...], j: int) -> tuple[float, int] | None:
    """Return (scale, end) for "of a million", "of one billion" or "a million" starting at ``j``."""
    n = len(toks)
    if j < n and toks[j].lower == "of":
        j += 1
    if j + 1 < n and toks[j].lower in ("a", "an", "one") and toks[j + 1].lower in _SCALES:
        return _SCALES[toks[j + 1].lower], j + 2
    if j + 1 < n and toks[j].lower in ("a", "an") and toks[j + 1].lower == "dozen":
        return 12.0, j + 2
    return None


def _parse_number(doc: Doc, i: int, currency: bool) -> _Num | None:
    toks = doc.tokens
    tok = toks[i]
    n = len(toks)
    if tok.kind == "num":
        frac = _parse_fraction(toks, i)
        if frac is not None:
            return frac
        value, decimals = _num_token(tok)
        end = i + 1
        precision = 10.0**-decimals
        if end < n:
            nxt = toks[end].lower
            adjacent = toks[end].start == tok.end
            mult = _SCALES.get(nxt)
            if mult is None and nxt in _SHORT_SCALES and (adjacent or currency):
                mult = _SHORT_SCALES[nxt]
            if mult is None and nxt == "m" and currency:
                mult = 1e6
            if mult is not None:
                precision *= mult
                value *= mult
                end += 1
        return _Num(value, end, precision, value, value)
    if tok.kind != "word":
        return None
    return _parse_fraction(toks, i) or _parse_word_number(toks, i)


def _match_unit(toks: tuple[Token, ...], j: int) -> tuple[str, float, int, str] | None:
    """Return (dimension, factor, end index, unit text) of a unit starting at token ``j``."""
    n = len(toks)
    if j >= n:
        return None
    low = toks[j].lower
    # temperature
    if low == "°" or low in ("degrees", "degree"):
        k = j + 1
        scale = toks[k].lower if k < n else ""
        if scale in ("c", "celsius", "centigrade"):
            return "temperature", 1.0, k + 1, "°C"
        if scale in ("f", "fahrenheit"):
            return "temperature:f", 1.0, k + 1, "°F"
        return "degrees", 1.0, j + 1, "degrees"
    if toks[j].text in ("C", "F") and j > 0 and toks[j - 1].end == toks[j].start:
        if toks[j].text == "C":
            return "temperature", 1.0, j + 1, "°C"
        return "temperature:f", 1.0, j + 1, "°F"
    if low in ("%", "percent", "pct", "percentage"):
        if low == "percentage" and j + 1 < n and toks[j + 1].lower in ("point", "points"):
            return "points", 1.0, j + 2, "percentage points"
        return "percent", 1.0, j + 1, "%"
    if low == "per" and j + 1 < n and toks[j + 1].lower == "cent":
        return "percent", 1.0, j + 2, "%"
    if low == "km" and j + 2 < n and toks[j + 1].text == "/" and toks[j + 2].lower == "h":
        return "speed", 1.0, j + 3, "km/h"
    units = _units()
    for length in _unit_lengths():
        key = tuple(t.lower for t in toks[j : j + length])
        if len(key) == length and key in units:
            if length == 1 and len(low) == 1 and toks[j].text != low:
                continue  # "5G" is not five grams
            dim, factor = units[key]
            return dim, factor, j + length, " ".join(t.text for t in toks[j : j + length])
    return None


#: nouns a year can name ("under 2024 rules", "over 2023 budget plans"): the year is no amount there
_YEAR_NOUNS = frozenset(
    "rules rule law laws act regulations regulation guidelines reform reforms budget budgets plan plans decree "
    "deal agreement framework policy policies scheme programme program system contract treaty legislation bill "
    "code constitution".split()
)


def _prefix_bound(toks: tuple[Token, ...], i: int) -> tuple[str, int] | None:
    tok, nxt = toks[i], toks[i + 1] if i + 1 < len(toks) else None
    if tok.text.isdigit() and len(tok.text) == 4 and nxt is not None and nxt.lower in _YEAR_NOUNS:
        return None  # "under 2024 rules": the rules of 2024
    mark = toks[i + 2] if nxt is not None and nxt.lower in ("%", "percent") and i + 2 < len(toks) else nxt
    if i > 0 and toks[i - 1].lower == "the" and mark is not None and mark.lower in _MARKS:
        i -= 1  # "closed above *the* 90,000 mark", "below the 2% threshold": the bound of the mark's value
    for words, kind in _PREFIX_BOUNDS:
        k = i - len(words)
        if k >= 0 and tuple(t.lower for t in toks[k:i]) == words:
            if words == ("over",) and k > 0 and toks[k - 1].lower in _OVER_PARTICLE_VERBS:
                return None  # "handed over 766 jets": a particle, no bound
            negation = _negation_before(toks, k) if kind == "gt" and toks[k].lower in _PASSING_VERBS else None
            if negation is not None:
                return "le", negation  # "did not exceed 11 million" = at most 11 million
            return kind, k
    return None


#: nouns of a value as a line to cross: "above the 90,000 *mark*", "below the 2% *threshold*"
_MARKS = frozenset({"mark", "level", "threshold", "barrier", "line", "ceiling", "floor"})

#: verbs of going past a value: negated ("did *not exceed* 11 million", "never topped 50%") they
#: state an upper bound
_PASSING_VERBS = frozenset(
    "exceed exceeds exceeded exceeding surpass surpasses surpassed top tops topped passed crossed".split()
)


def _negation_before(toks: tuple[Token, ...], k: int) -> int | None:
    """Where a negation of the verb at ``k`` starts ("*did not* exceed", "*has never* topped",
    "*never* exceeded"), or None when "not" / "never" does not stand just before it."""
    if k >= 1 and toks[k - 1].lower in ("not", "never"):
        return k - 2 if k >= 2 and toks[k - 2].lower in AUX else k - 1
    return None


#: verbs whose particle is "over": "*handed over* 766 jets" delivers exactly 766
_OVER_PARTICLE_VERBS = frozenset(
    "hand hands handed handing turn turns turned turning sign signs signed signing take takes took taking".split()
)


def _suffix_bound(toks: tuple[Token, ...], j: int) -> tuple[str, int] | None:
    for words, kind in _SUFFIX_BOUNDS:
        if tuple(t.lower for t in toks[j : j + len(words)]) == words:
            return kind, j + len(words)
    return None


def _apply_bound(kind: str, lo: float, hi: float, exact_value: float) -> tuple[float, float, bool, bool]:
    if kind == "gt":
        return hi, INF, True, False
    if kind == "ge":
        return lo, INF, False, False
    if kind == "lt":
        return -INF, lo, False, True
    if kind == "le":
        return -INF, hi, False, False
    if kind == "near":
        return min(lo, exact_value * 0.9), hi, False, False
    # approx
    spread = abs(exact_value) * 0.1
    return min(lo, exact_value - spread), max(hi, exact_value + spread), False, False


def _context(doc: Doc, first: int, last: int) -> frozenset[str]:
    toks = doc.tokens
    words: set[str] = set()
    count = 0
    k = last + 1
    while k < len(toks) and count < _CONTEXT_WINDOW:
        t = toks[k]
        if t.kind == "num" or t.lower in (".", ";", "!", "?"):
            break
        if t.is_content and t.lower not in _CONTEXT_SKIP:
            words.add(t.stem)
            count += 1
        k += 1
    count = 0
    k = first - 1
    while k >= 0 and count < _CONTEXT_WINDOW - 1:
        t = toks[k]
        if t.kind == "num" or t.lower in (".", ";", "!", "?"):
            break
        if t.is_content and t.lower not in _CONTEXT_SKIP and t.lower not in _MONTHS:
            words.add(t.stem)
            count += 1
        k -= 1
    return frozenset(words)


def _is_identifier(toks: tuple[Token, ...], i: int) -> bool:
    """Numbers glued to letters or names ("G7", "COVID-19", "Article 5", "F-16") are not quantities."""
    tok = toks[i]
    if i > 0:
        prev = toks[i - 1]
        if prev.end == tok.start and prev.kind == "word":
            return True
        if prev.text == "-" and prev.end == tok.start and i > 1 and toks[i - 2].end == prev.start:
            return toks[i - 2].kind == "word"
        if prev.kind == "word" and prev.cap and not prev.initial and prev.lower not in _MONTHS:
            return prev.lower not in ("us", "uk")
        if prev.text in ("#", "No", "no.") or prev.lower in ("number", "no", "page", "article", "section"):
            return prev.lower != "no"
    if i + 1 < len(toks):
        nxt = toks[i + 1]
        if nxt.start == tok.end and nxt.lower in ("st", "nd", "rd", "th"):
            return True
        if nxt.text in (":",) and i + 2 < len(toks) and toks[i + 2].kind == "num":
            return True  # clock time
        if nxt.lower in ("a.m.", "p.m.", "am", "pm") and nxt.text != "AM":
            return True
    return False


def _month_at(toks: tuple[Token, ...], i: int) -> int | None:
    tok = toks[i]
    if tok.kind == "word" and tok.cap and tok.lower in _MONTHS:
        return _MONTHS[tok.lower]
    return None


def _year_token(toks: tuple[Token, ...], i: int) -> int | None:
    if i < len(toks) and toks[i].kind == "num" and re.fullmatch(r"\d{4}", toks[i].text):
        year = int(toks[i].text)
        if 1000 <= year <= 2100:
            return year
    return None


def _day_token(toks: tuple[Token, ...], i: int) -> int | None:
    if 0 <= i < len(toks) and toks[i].kind == "num" and re.fullmatch(r"\d{1,2}", toks[i].text):
        day = int(toks[i].text)
        if 1 <= day <= 31:
            return day
    return None


def _date_interval(year: int, month: int | None, day: int | None) -> tuple[float, float]:
    if month is None:
        return float(date(year, 1, 1).toordinal()), float(date(year, 12, 31).toordinal())
    if day is None:
        end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return float(date(year, month, 1).toordinal()), float(end.toordinal() - 1)
    try:
        value = float(date(year, month, day).toordinal())
    except ValueError:
        value = float(date(year, month, 1).toordinal())
    return value, value


def _parse_date(doc: Doc, i: int) -> tuple[int, int, float, float, str] | None:
    """Return (first, last, lo, hi, dimension) of a date or year starting at token ``i``: dimension
    ``"date"`` (day ordinals), or :data:`YEARLESS` for a day and month without a year (its day of
    the year; NaN for an impossible one such as "31 April", consumed but not compared)."""
    toks = doc.tokens
    n = len(toks)
    month = _month_at(toks, i)
    if month is not None:
        # "July 1969", "July 20, 1969", "July 20" (no year: its day of the year)
        day = _day_token(toks, i + 1)
        if day is not None:
            k = i + 2
            if k < n and toks[k].text == ",":
                k += 1
            year = _year_token(toks, k)
            if year is not None:
                lo, hi = _date_interval(year, month, day)
                return i, k, lo, hi, "date"
            return i, i + 1, *_day_of_year(month, day), YEARLESS
        year = _year_token(toks, i + 1)
        if year is not None:
            lo, hi = _date_interval(year, month, None)
            return i, i + 1, lo, hi, "date"
        return None
    day = _day_token(toks, i)
    if day is not None and i + 1 < n:
        month = _month_at(toks, i + 1)
        if month is not None:
            year = _year_token(toks, i + 2)
            if year is not None:
                lo, hi = _date_interval(year, month, day)
                return i, i + 2, lo, hi, "date"
            return i, i + 1, *_day_of_year(month, day), YEARLESS
    year = _year_token(toks, i)
    if year is None or _is_identifier(toks, i):
        return None
    nxt = toks[i + 1] if i + 1 < n else None
    # decades: "the 1960s"
    if nxt is not None and nxt.lower == "s" and nxt.start == toks[i].end and year % 10 == 0:
        lo = float(date(year, 1, 1).toordinal())
        hi = float(date(year + 9, 12, 31).toordinal())
        return i, i + 1, lo, hi, "date"
    if nxt is not None and (_match_unit(toks, i + 1) is not None or nxt.lower in _SCALES):
        return None
    prev = toks[i - 1].lower if i > 0 else ""
    plural_noun = (
        nxt is not None
        and nxt.kind == "word"
        and ((nxt.lower.endswith("s") and not nxt.lower.endswith("ss")) or nxt.lower in _PLURALS)
    )
    if plural_noun and prev not in _YEAR_CONTEXT:
        return None  # "2000 people died": a count
    lo, hi = _date_interval(year, None, None)
    return i, i, lo, hi, "date"


@lru_cache(maxsize=8192)
def _extract(doc: Doc) -> tuple[Quantity, ...]:
    toks = doc.tokens
    n = len(toks)
    found: list[Quantity] = []
    i = 0
    while i < n:
        century = _century(doc, i)
        if century is not None:
            found.append(century)
            i = century.last + 1
            continue
        parsed_date = _parse_date(doc, i)
        if parsed_date is not None:
            quantity, i = _date_quantity(doc, parsed_date)
            if quantity is not None:
                found.append(quantity)
            continue
        tok = toks[i]
        if tok.lower in _RATIO_VERBS or tok.lower == "twice":
            value = _RATIO_VERBS.get(tok.lower, 2.0)
            ratio = Quantity("ratio", value, value, False, False, 1e-3, tok.text, i, i, _context(doc, i, i))
            found.append(ratio)
            i += 1
            continue
        parsed = (
            _score_quantity(doc, i)
            or _number_quantity(doc, i)
            or _hyphen_quantity(doc, i)
            or _article_unit_quantity(doc, i)
            or _ordinal_quantity(doc, i)
        )
        if parsed is None:
            i += 1
            continue
        found.append(parsed)
        i = parsed.last + 1
    return tuple(found)


def _score_quantity(doc: Doc, i: int) -> Quantity | None:
    """A score or tally written ``N-M`` near a cue word ("won 4-0", "beat Chelsea 4-1", "a 52-48
    vote"): one quantity, its two numbers in falling order (who won is another family's detail)."""
    toks = doc.tokens
    if i + 2 >= len(toks) or toks[i + 1].text != "-" or doc.span(i, i + 2).count(" "):
        return None
    a, b = _plain_int(toks[i]), _plain_int(toks[i + 2])
    if a is None or b is None or max(a, b) >= 1000 or _match_unit(toks, i + 3) is not None:
        return None
    near = toks[max(0, i - _SCORE_REACH) : i] + toks[i + 3 : i + 5]
    if not any(t.lower in _SCORE_CUES for t in near):
        return None
    high, low = max(a, b), min(a, b)
    value = float(high * 1000 + low)
    return Quantity("score", value, value, False, False, 1.0, doc.span(i, i + 2), i, i + 2, _context(doc, i, i + 2))


def _ordinal_at(toks: tuple[Token, ...], i: int) -> tuple[int, int] | None:
    """Return (value, last token) of an ordinal at ``i``: ``fifth``, ``twenty-first``, ``20th``."""
    tok = toks[i]
    if tok.kind == "word":
        low = tok.lower
        if low in ORDINAL_WORDS:
            return ORDINAL_WORDS[low], i
        head, _sep, tail = low.partition("-")
        if head in _TENS and tail in ORDINAL_WORDS and ORDINAL_WORDS[tail] < 10:
            return _TENS[head] + ORDINAL_WORDS[tail], i
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if (
        tok.kind == "num"
        and tok.text.isdigit()
        and nxt is not None
        and nxt.start == tok.end
        and nxt.lower in _ORDINAL_SUFFIXES
    ):
        return int(tok.text), i + 1
    return None


def _century(doc: Doc, i: int) -> Quantity | None:
    """ "the 17th century", "the seventeenth century", "17th-century": years 1600-1700 as a date."""
    toks = doc.tokens
    n = len(toks)
    tok = toks[i]
    value: int | None = None
    last = i
    if tok.kind == "num" and tok.text.isdigit() and i + 1 < n and toks[i + 1].start == tok.end:
        suffix, _sep, rest = toks[i + 1].lower.partition("-")
        if suffix in _ORDINAL_SUFFIXES:
            value, last = int(tok.text), i + 1
            if not rest and last + 1 < n and toks[last + 1].lower in ("century", "centuries"):
                last += 1
            elif rest not in ("century", "centuries"):
                return None
    elif tok.kind == "word":
        head, _sep, rest = tok.lower.partition("-")
        if head in ORDINAL_WORDS and rest in ("century", "centuries"):
            value = ORDINAL_WORDS[head]
        elif tok.lower in ORDINAL_WORDS and i + 1 < n and toks[i + 1].lower in ("century", "centuries"):
            value, last = ORDINAL_WORDS[tok.lower], i + 1
        else:
            ordinal = _ordinal_at(toks, i)
            if ordinal is not None and i + 1 < n and toks[i + 1].lower in ("century", "centuries"):
                value, last = ordinal[0], i + 1
    if value is None or not 1 <= value <= 21 or (last + 1 < n and toks[last + 1].lower in ("bc", "bce")):
        return None
    lo, _ = _date_interval(max(1, (value - 1) * 100), None, None)
    _, hi = _date_interval(value * 100, None, None)
    return Quantity("date", lo, hi, False, False, 0.0, doc.span(i, last), i, last, _context(doc, i, last))


def _superlative_like(word: str) -> bool:
    """ "largest", "deepest" (not "protest", "interest", "forest")."""
    return len(word) > 5 and word.endswith("est") and not word.endswith(("test", "rest", "west", "quest", "guest"))


def _ordinal_quantity(doc: Doc, i: int) -> Quantity | None:
    """An ordinal before the noun it counts: ``"its fifth title"``, ``"a second term"``, ``"the 20th day"``.

    Not ranks of superlatives (``"second largest"``: comparatives), adverbs (``"was first
    reported"``, ``"at first"``), a time unit (``"a second"``) or a day of a month (``"the 20th of
    July"``). Ordinals are aligned only by shared context words (see :attr:`Quantity.needs_context`).
    """
    toks = doc.tokens
    n = len(toks)
    ordinal = _ordinal_at(toks, i)
    if ordinal is None:
        return None
    value, last = ordinal
    nxt = toks[last + 1] if last + 1 < n else None
    if nxt is None or not nxt.is_content:
        return None
    if nxt.lower in ("most", "least") or _superlative_like(nxt.lower) or nxt.lower in _MONTHS:
        return None
    prev = toks[i - 1].lower if i > 0 else ""
    if prev in ("at", "is", "are", "was", "were", "be", "been", "has", "had", "have") and value == 1:
        return None
    text = doc.quote(i, last)
    v = float(value)
    return Quantity("ordinal", v, v, False, False, 1.0, text, i, last, _context(doc, i, last), needs_context=True)


def _article_unit_quantity(doc: Doc, i: int) -> Quantity | None:
    """ "a week", "an hour", "half a day", "more than a year": one unit (half of one) as a quantity."""
    toks = doc.tokens
    n = len(toks)
    first = i
    value = 1.0
    k = i
    if toks[k].lower == "half" and k + 1 < n and toks[k + 1].lower in ("a", "an"):
        value, k = 0.5, k + 1
    elif toks[k].lower not in ("a", "an"):
        return None
    unit = _match_unit(toks, k + 1)
    if unit is None:
        return None
    dimension, factor, end, _unit_text = unit
    unit_word = toks[k + 1].lower
    if dimension not in _ARTICLE_UNIT_DIMS or unit_word in _ARTICLE_UNIT_SKIP or end != k + 2:
        return None
    prev = toks[first - 1] if first > 0 else None
    nxt = toks[end].lower if end < n else ""
    starts_clause = prev is None or prev.kind == "sym" or prev.lower in CLAUSE_BREAKS
    takes_amount = (
        prev is not None
        and prev.kind == "word"
        and (prev.lower in _ARTICLE_UNIT_PREV or (prev.lower.endswith("ed") and len(prev.lower) > 4))
    )
    if nxt != "of" and not (starts_clause or takes_amount or nxt in _ARTICLE_UNIT_NEXT):
        return None
    if prev is not None and (prev.kind == "num" or prev.lower in ("once", "twice", "per", "every", "each")):
        return None
    if value == 1.0 and _and_a_half(toks, end):
        value, end = 1.5, end + 3  # "a minute and a half" = 90 seconds
    last = end - 1
    v = value * factor
    lo = hi = v
    lo_open = hi_open = False
    precision = factor * value * _ARTICLE_UNIT_PRECISION
    bound = _prefix_bound(toks, first)
    if bound is not None:
        kind, first = bound
        lo, hi, lo_open, hi_open = _apply_bound(kind, lo, hi, v)
        precision = 0.0
    text = doc.quote(first, last)
    return Quantity(dimension, lo, hi, lo_open, hi_open, precision, text, first, last, _context(doc, first, last))


def _hyphen_quantity(doc: Doc, i: int) -> Quantity | None:
    """A number word and a unit written as one hyphenated word: ``three-second``, ``five-mile``,
    ``ten-year`` (``a three-second memory`` = ``3 seconds``)."""
    tok = doc.tokens[i]
    if tok.kind != "word" or tok.lower.count("-") != 1:
        return None
    head, unit_word = tok.lower.split("-")
    value = _ONES.get(head, _TENS.get(head))
    if value is None and head in ("one", "a"):
        value = 1
    if value is None:
        return None
    unit = _units().get((unit_word,)) or _units().get((unit_word + "s",))
    if unit is None:
        return None
    dimension, factor = unit
    v = value * factor
    return Quantity(dimension, v, v, False, False, factor, tok.text, i, i, _context(doc, i, i))


def _day_of_year(month: int, day: int) -> tuple[float, float]:
    """ "15 August", "August 15": the day's number in a leap year, twice (an interval of one day);
    NaN for a day the month lacks ("31 April")."""
    try:
        yday = float(date(2000, month, day).timetuple().tm_yday)
    except ValueError:
        return math.nan, math.nan
    return yday, yday


def _starts_from(toks: tuple[Token, ...], first: int) -> bool:
    """Whether the "from" before a date at ``first`` starts it ("from April 2025"), not a range
    ("from 2019 to 2023")."""
    return not any(t.lower in _RANGE_ENDS for t in toks[first : first + _FROM_REACH])


def _date_bound(toks: tuple[Token, ...], first: int) -> tuple[str, int] | None:
    """The bound written before a date at ``first`` and where it starts: ``"lt"`` for "before" and
    "earlier than", ``"ge"`` for "no earlier than", "since" and a negated "before" / "until" ("will
    not be available before 2026"), ``"le"`` for "by" and "no later than", ``"gt"`` for "after"."""
    if first >= 2 and (toks[first - 2].lower, toks[first - 1].lower) in (("prior", "to"), ("ahead", "of")):
        return "lt", first - 2  # "prior to 30 June", "ahead of 1 March"
    prev = toks[first - 1].lower if first > 0 else ""
    if prev == "than" and first > 1 and toks[first - 2].lower in _THAN_BOUNDS:
        kind, start = _THAN_BOUNDS[toks[first - 2].lower], first - 2
        if start > 0 and toks[start - 1].lower in ("no", "not"):
            return _NEGATED_BOUND[kind], start - 1
        return kind, start
    if prev == "from" and _starts_from(toks, first):
        return "ge", first - 1  # "no longer charged from April 2025" = since (not "from 2019 to 2023")
    if prev not in _DATE_PREFIX:
        return None
    if prev in ("before", "until", "till") and (_negated_before(toks, first - 1) or _negated_after(toks, first - 1)):
        return "ge", first - 1
    return _DATE_PREFIX[prev], first - 1


#: words that negate a "before" / "until" date in their clause ("will *not* reopen before 2026")
_DATE_NEGATORS = frozenset({"not", "never", "impossible"})


def _negated_after(toks: tuple[Token, ...], i: int) -> bool:
    """A fronted "Before 2021," at ``i`` whose main clause is negated ("Before 2021, Uber drivers
    *did not* receive holiday pay" = "never received it before 2021")."""
    if i > 0 and not is_break(toks[i - 1]):
        return False
    comma = next((k for k in range(i + 1, min(len(toks), i + 6)) if toks[k].lower == ","), None)
    if comma is None:
        return False
    for t in toks[comma + 1 : comma + 1 + _NEGATION_REACH]:
        if t.lower in _DATE_NEGATORS:
            return True
        if is_break(t):
            return False
    return False


def _negated_before(toks: tuple[Token, ...], i: int) -> bool:
    """A "not", "never" or "impossible" in the clause before token ``i``, within ten words,
    "refused to" / "failed to" ("refused to set a date before 2025") or "ruled out"."""
    for t in reversed(toks[max(0, i - _NEGATION_REACH) : i]):
        if t.lower in _DATE_NEGATORS:
            return True
        if t.lower in FAIL_TO and t.i + 1 < len(toks) and toks[t.i + 1].lower == "to":
            return True
        if ruled_out(toks, t.i):
            return True  # "ruled out cutting rates before 2025"
        if t.lower in CLAUSE_BREAKS:
            return False
    return False


def _date_quantity(doc: Doc, parsed: tuple[int, int, float, float, str]) -> tuple[Quantity | None, int]:
    toks = doc.tokens
    first, last, lo, hi, dimension = parsed
    if math.isnan(lo):
        return None, last + 1
    lo_open = hi_open = False
    prev = toks[first - 1].lower if first > 0 else ""
    anchor = (_DATE_ANCHORS[prev], lo, hi) if prev in _DATE_ANCHORS else None
    if prev == "from" and _starts_from(toks, first):
        anchor = ("since", lo, hi)  # a start: "banned from 2030" / "from 2035" cannot both hold
    nxt = toks[last + 1] if last + 1 < len(toks) else None
    event = nxt is not None and nxt.kind == "word" and nxt.is_content and not nxt.cap and nxt.lower.endswith("s")
    # "after 2023 protests": the year names the protests, the bound is the qualifier family's
    bound = None if event and first == last else _date_bound(toks, first)
    if bound is not None:
        kind, first = bound
        if kind == "lt":
            lo, hi, hi_open = -INF, lo, True
        elif kind == "gt":
            lo, hi, lo_open = hi, INF, True
        elif kind == "ge":
            hi = INF
        else:
            lo = -INF
    text = doc.span(first, last)
    context = _context(doc, first, last)
    quantity = Quantity(dimension, lo, hi, lo_open, hi_open, 0.0, text, first, last, context, anchor=anchor)
    return quantity, last + 1


def _number_quantity(doc: Doc, i: int) -> Quantity | None:
    toks = doc.tokens
    n = len(toks)
    tok = toks[i]
    start = i
    currency_dim = _CURRENCY_SYMBOLS.get(tok.text)
    if currency_dim is not None:
        if i + 1 >= n or toks[i + 1].kind != "num":
            return None
        i += 1
    elif (tok.kind == "num" and _is_identifier(toks, i)) or tok.kind not in ("num", "word"):
        return None
    num = _parse_number(doc, i, currency_dim is not None)
    if num is None:
        return None
    if not num.fraction and _and_a_half(toks, num.end):
        num = replace(num, value=num.value + 0.5, lo=num.lo + 0.5, hi=num.hi + 0.5, end=num.end + 3)  # "two and a half"
    end = num.end
    dimension = "percent" if num.fraction else "count"
    factor = 1.0
    ambiguous_m = False
    if currency_dim is not None:
        dimension = currency_dim
    elif not num.fraction:
        unit = _match_unit(toks, end)
        if (
            unit is None
            and end + 1 < n
            and toks[end].text == "-"
            and toks[end - 1].end == toks[end].start == toks[end + 1].start - 1
            and toks[end + 1].kind == "word"
        ):
            unit = _match_unit(toks, end + 1)  # "a 41-year high", "a 10-mile walk"
            if unit is not None and unit[2] != end + 2:
                unit = None
        if unit is not None:
            # "2m": 2 metres, or 2 million (the other reading is kept, see Quantity.alt)
            ambiguous_m = unit[3] == "m" and toks[end].start == toks[end - 1].end and toks[i].kind == "num"
            dimension, factor, end, _unit_text = unit
    if end < n and toks[end].lower == "times" and dimension == "count" and num.precision:
        dimension, end = "ratio", end + 1
    half = 0.5 if dimension not in ("count", "percent") and currency_dim is None and _and_a_half(toks, end) else 0.0
    end += 3 if half else 0  # "a minute and a half", "two hours and a half"
    last = end - 1
    lo, hi, precision = (num.lo + half) * factor, (num.hi + half) * factor, num.precision * factor
    value = (num.value + half) * factor
    if dimension == "temperature:f":
        dimension = "temperature"
        lo, hi, value = (lo - 32) * 5 / 9, (hi - 32) * 5 / 9, (value - 32) * 5 / 9
        precision *= 5 / 9
    lo_open = hi_open = False
    first = start
    tail = _parse_range_tail(doc, end, num, currency_dim is not None)
    if tail is not None:
        second_lo_scale, hi2, last2, unit2 = tail
        if unit2 is not None and dimension == "count":
            dimension, factor = unit2
            lo = num.lo * factor
        lo *= second_lo_scale
        hi2 *= factor if unit2 is None else unit2[1]
        if hi2 > lo:
            hi, last, precision = hi2, last2, 0.0
            if start > 0 and toks[start - 1].lower in ("between", "from"):
                first = start - 1
    bound = _prefix_bound(toks, start) if first == start else None
    if bound is not None:
        kind, first = bound
        lo, hi, lo_open, hi_open = _apply_bound(kind, lo, hi, value)
        precision = 0.0
    else:
        suffix = _suffix_bound(toks, last + 1)
        if suffix is not None:
            kind, after = suffix
            lo, hi, lo_open, hi_open = _apply_bound(kind, lo, hi, value)
            last, precision = after - 1, 0.0
    if start > 0 and toks[start - 1].text == "~" and bound is None:
        first = start - 1
        lo, hi, lo_open, hi_open = _apply_bound("approx", lo, hi, value)
        precision = 0.0
    text = doc.quote(first, last) if toks[first].kind == "word" else doc.span(first, last)  # not "u.S."
    quantity = Quantity(dimension, lo, hi, lo_open, hi_open, precision, text, first, last, _context(doc, first, last))
    if ambiguous_m and dimension == "length":
        alt = replace(quantity, dimension="count", lo=lo * 1e6, hi=hi * 1e6, precision=precision * 1e6)
        quantity = replace(quantity, alt=alt)
    return quantity


def _and_a_half(toks: tuple[Token, ...], j: int) -> bool:
    """Whether "and a half" starts at token ``j`` ("two *and a half* hours", "a minute *and a half*")."""
    return tuple(t.lower for t in toks[j : j + 3]) == ("and", "a", "half")


def _parse_range_tail(
    doc: Doc, j: int, num: _Num, currency: bool
) -> tuple[float, float, int, tuple[str, float] | None] | None:
    """Parse the second half of a range ("and 200,000", "to 40 km", "-40") starting at ``j``.

    Returns (scale for the first number, upper end, last token, unit of the second number).
    """
    toks = doc.tokens
    n = len(toks)
    if j >= n or num.fraction or not num.precision:
        return None
    joiner = toks[j].lower
    if joiner not in ("and", "to", "-"):
        return None
    window = {t.lower for t in toks[max(0, j - 6) : j]}
    if joiner == "and" and "between" not in window:
        return None
    if joiner == "to" and "from" in window:
        return None  # "from 3% to 5%" is a change, not a range
    k = j + 1
    if k < n and currency and toks[k].text in _CURRENCY_SYMBOLS:
        k += 1
    if k >= n or toks[k].kind != "num" or (_parse_date(doc, k) is not None and num.value >= 1000):
        return None
    second = _parse_number(doc, k, currency)
    if second is None or second.fraction:
        return None
    last = second.end - 1
    unit_info: tuple[str, float] | None = None
    unit = _match_unit(toks, second.end) if not currency else None
    if unit is not None:
        unit_info = (unit[0], unit[1])
        last = unit[2] - 1
    # "between 1 and 2 million": the scale word of the second number applies to the first
    scale = 1.0
    if second.end > k + 1 and num.end == j:
        raw, _decimals = _num_token(toks[k])
        scale = second.value / raw if raw else 1.0
    return scale, second.hi, last, unit_info


def extract_quantities(text: str | Doc) -> tuple[Quantity, ...]:
    """Return the quantities of a text, in order."""
    return _extract(as_doc(text))


@lru_cache(maxsize=8192)
def _quantity_tokens(doc: Doc) -> frozenset[int]:
    return frozenset(j for q in _extract(doc) for j in range(q.first, q.last + 1))


def quantity_tokens(text: str | Doc) -> frozenset[int]:
    """Return the token indices that state quantities (``"nearly half"``, ``"$1.2bn"``, ``"a week"``).

    Other families leave these words to :func:`compare_quantities`: ``"£2.5bn"`` / ``"£2.5 billion"``
    is one amount written two ways, not a substituted word.
    """
    return _quantity_tokens(as_doc(text))


def _resolve(mine: tuple[Quantity, ...], other: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """Use the other reading of an ambiguous quantity when only that reading has a counterpart."""
    dims = {q.dimension for q in other} | {q.alt.dimension for q in other if q.alt is not None}
    return tuple(
        q.alt if q.alt is not None and q.dimension not in dims and q.alt.dimension in dims else q for q in mine
    )


def _align(left: tuple[Quantity, ...], right: tuple[Quantity, ...]) -> list[tuple[Quantity, Quantity, int]]:
    """Pair quantities of one dimension by shared context words; single ones pair anyway."""
    pairs: list[tuple[Quantity, Quantity, int]] = []
    left, right = _resolve(left, right), _resolve(right, left)
    dims = {q.dimension for q in left} & {q.dimension for q in right}
    for dim in sorted(dims):
        a_list = [q for q in left if q.dimension == dim]
        b_list = [q for q in right if q.dimension == dim]
        singleton = len(a_list) == 1 and len(b_list) == 1
        candidates: list[tuple[bool, int, int, int, int]] = []
        for ia, qa in enumerate(a_list):
            for ib, qb in enumerate(b_list):
                shared = len(qa.context & qb.context)
                if shared or (singleton and not (qa.needs_context or qb.needs_context)):
                    # a date first meets the same date ("upheld the 2019 revocation in 2023" /
                    # "a 2023 ruling struck down the 2019 scrapping"): dates place events, both
                    # texts name the same ones
                    same_date = dim == "date" and (qa.lo, qa.hi) == (qb.lo, qb.hi)
                    candidates.append((not same_date, -shared, abs(ia - ib), ia, ib))
        candidates.sort()
        used_a: set[int] = set()
        used_b: set[int] = set()
        for _other_date, neg_shared, _distance, ia, ib in candidates:
            if ia in used_a or ib in used_b:
                continue
            used_a.add(ia)
            used_b.add(ib)
            pairs.append((a_list[ia], b_list[ib], -neg_shared))
        # leftovers in the same order on both sides ("from 3% to 5%" vs "from 3% to 4%")
        rest_a = [q for k, q in enumerate(a_list) if k not in used_a]
        rest_b = [q for k, q in enumerate(b_list) if k not in used_b]
        if used_a and len(rest_a) == len(rest_b) <= 2 and dim != "ordinal":
            pairs.extend((qa, qb, 0) for qa, qb in zip(rest_a, rest_b, strict=True))
    return pairs


def _anchors_differ(a: Quantity, b: Quantity) -> bool:
    """``by 2025`` / ``by 2028``, ``since 2014`` / ``since 2016``: one cue, two dates that cannot meet."""
    if a.anchor is None or b.anchor is None or a.anchor[0] != b.anchor[0]:
        return False
    return a.anchor[2] < b.anchor[1] or b.anchor[2] < a.anchor[1]


def _bounds_differ(a: Quantity, b: Quantity) -> bool:
    """Two lower (or two upper) bounds on amounts at least :data:`_BOUND_RATIO` apart."""
    if a.dimension in ("date", YEARLESS) or a.exact or b.exact:
        return False
    for lower in (True, False):
        ends = (a.lo, b.lo) if lower else (a.hi, b.hi)
        others = (a.hi, b.hi) if lower else (a.lo, b.lo)
        if all(math.isfinite(x) and x > 0 for x in ends) and all(math.isinf(x) for x in others):
            return max(ends) >= _BOUND_RATIO * min(ends)
    return False


def compare_quantities(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return a finding for each aligned pair of quantities whose values cannot both hold.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        Conflict findings such as ``"numbers differ: 34 vs 30"`` or ``"dates differ: July 1969 vs 1972"``.
    """
    findings: list[Finding] = []
    for qa, qb, shared in _align(extract_quantities(new), extract_quantities(old)):
        if qa.overlaps(qb):
            if _anchors_differ(qa, qb):
                reason = f"dates differ: {qa.text} vs {qb.text}"
            elif _bounds_differ(qa, qb):
                reason = f"bounds differ: {qa.text} vs {qb.text}"
            else:
                continue
            findings.append(Finding(Family.QUANTITIES, Relation.CONFLICT, reason, 0.75 if shared else 0.65))
            continue
        label = _LABELS.get(qa.dimension, "numbers differ")
        weight = 0.85 if qa.exact and qb.exact else 0.75
        if not shared:
            weight -= 0.1
        reason = f"{label}: {qa.text} vs {qb.text}"
        findings.append(Finding(Family.QUANTITIES, Relation.CONFLICT, reason, weight))
    return findings
