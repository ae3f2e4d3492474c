"""Comparatives and superlatives: direction (more / fewer), swapped arguments, rank.

``"cats kill more birds than turbines"`` vs ``"turbines kill more birds than cats"``: the same
comparison with its arguments swapped, a conflict; swapped *and* reversed (``"turbines kill fewer
birds than cats"``) says the same thing. ``"higher than"`` vs ``"lower than"`` with the same
arguments conflicts. Superlatives conflict on direction (``largest`` / ``smallest``) or rank
(``largest`` / ``second-largest``) of the same noun; ``"one of the largest"`` is compatible with
``"the largest"``. Numeric bounds (``"more than 50"``) belong to :mod:`quantities`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.tokens import CLAUSE_BREAKS, Doc, Token, as_doc

__all__ = ["Comparison", "Superlative", "compare_comparatives", "extract_comparisons", "extract_superlatives"]

# word -> (scale, direction)
_COMPARATIVES: dict[str, tuple[str, int]] = {
    "more": ("amount", 1),
    "fewer": ("amount", -1),
    "less": ("amount", -1),
    "higher": ("height", 1),
    "lower": ("height", -1),
    "larger": ("size", 1),
    "bigger": ("size", 1),
    "greater": ("size", 1),
    "smaller": ("size", -1),
    "better": ("quality", 1),
    "worse": ("quality", -1),
    "older": ("age", 1),
    "younger": ("age", -1),
    "richer": ("wealth", 1),
    "wealthier": ("wealth", 1),
    "poorer": ("wealth", -1),
    "taller": ("length", 1),
    "longer": ("length", 1),
    "shorter": ("length", -1),
    "faster": ("speed", 1),
    "quicker": ("speed", 1),
    "slower": ("speed", -1),
    "stronger": ("strength", 1),
    "weaker": ("strength", -1),
    "hotter": ("heat", 1),
    "warmer": ("heat", 1),
    "colder": ("heat", -1),
    "cooler": ("heat", -1),
    "earlier": ("time", -1),
    "later": ("time", 1),
    "cheaper": ("price", -1),
    "costlier": ("price", 1),
    "safer": ("safety", 1),
    "deadlier": ("safety", -1),
    "heavier": ("weight", 1),
    "lighter": ("weight", -1),
}
_SUPERLATIVES: dict[str, tuple[str, int]] = {
    "most": ("amount", 1),
    "fewest": ("amount", -1),
    "least": ("amount", -1),
    "highest": ("height", 1),
    "lowest": ("height", -1),
    "largest": ("size", 1),
    "biggest": ("size", 1),
    "greatest": ("size", 1),
    "smallest": ("size", -1),
    "best": ("quality", 1),
    "worst": ("quality", -1),
    "oldest": ("age", 1),
    "youngest": ("age", -1),
    "richest": ("wealth", 1),
    "wealthiest": ("wealth", 1),
    "poorest": ("wealth", -1),
    "tallest": ("length", 1),
    "longest": ("length", 1),
    "shortest": ("length", -1),
    "fastest": ("speed", 1),
    "slowest": ("speed", -1),
    "strongest": ("strength", 1),
    "weakest": ("strength", -1),
    "hottest": ("heat", 1),
    "warmest": ("heat", 1),
    "coldest": ("heat", -1),
    "coolest": ("heat", -1),
    "earliest": ("time", -1),
    "latest": ("time", 1),
    "cheapest": ("price", -1),
    "safest": ("safety", 1),
    "deadliest": ("safety", -1),
    "heaviest": ("weight", 1),
    "lightest": ("weight", -1),
}
_ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "2nd": 2,
    "3rd": 3,
}
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "thousand "
    "million billion half a an twice dozen dozens hundreds thousands millions".split()
)
_ARG_SKIP = frozenset("do does did is are was were has have had the a an".split())
_ADJECTIVE_ENDINGS = ("ous", "ive", "ful", "ent", "ant", "able", "ible", "al", "ic", "ing", "ed")
_MAX_THAN = 8
_WEIGHT = 0.75


@dataclass(frozen=True, slots=True)
class Comparison:
    """A comparative with its arguments.

    Attributes:
        scale: What is compared (``"amount"``, ``"height"``, or the adjective after more/less).
        direction: ``1`` (more, higher) or ``-1`` (fewer, lower).
        text: The comparative as written, e.g. ``"more"`` or ``"less dangerous"``.
        left: Stems of the content words before it in its clause (the first argument).
        right: Stems of the content words after ``than`` (the second argument); empty when absent.
        phrase: The clause as written, for reasons.
    """

    scale: str
    direction: int
    text: str
    left: frozenset[str]
    right: frozenset[str]
    phrase: str


@dataclass(frozen=True, slots=True)
class Superlative:
    """A superlative, its rank and the noun it ranks.

    Attributes:
        scale: What is ranked.
        direction: ``1`` (largest) or ``-1`` (smallest).
        rank: 1 for "the largest", 2 for "the second-largest"; 0 for "one of the largest".
        text: As written, e.g. ``"second-largest"``.
        noun: Stem of the first content word after it, or ``""``.
        left: Stems of the content words before it in its clause.
    """

    scale: str
    direction: int
    rank: int
    text: str
    noun: str
    left: frozenset[str]


def _clause_start(toks: tuple[Token, ...], i: int) -> int:
    j = i - 1
    while j >= 0 and not (toks[j].lower in CLAUSE_BREAKS and toks[j].lower not in ("and",)):
        j -= 1
    return j + 1


def _stems(toks: tuple[Token, ...]) -> frozenset[str]:
    return frozenset(t.stem for t in toks if t.is_content and t.lower not in _ARG_SKIP)


@lru_cache(maxsize=8192)
def _comparisons(doc: Doc) -> tuple[Comparison, ...]:
    toks = doc.tokens
    found: list[Comparison] = []
    for i, tok in enumerate(toks):
        if tok.lower not in _COMPARATIVES:
            continue
        if i > 0 and toks[i - 1].lower in ("no", "not"):
            continue  # "no more than 50" is a bound, "not higher" a negation
        scale, direction = _COMPARATIVES[tok.lower]
        text = tok.text
        k = i + 1
        if (
            tok.lower in ("more", "less")
            and k + 1 < len(toks)
            and toks[k].is_content
            and toks[k + 1].lower == "than"
            and toks[k].lower.endswith(_ADJECTIVE_ENDINGS)
        ):
            scale, text, k = toks[k].stem, f"{tok.text} {toks[k].text}", k + 1  # "more dangerous than"
        than = next((j for j in range(k, min(len(toks), k + _MAX_THAN)) if toks[j].lower == "than"), None)
        if than is not None:
            nxt = toks[than + 1] if than + 1 < len(toks) else None
            if nxt is None or nxt.kind == "num" or nxt.lower in _NUMBER_WORDS:
                continue  # "more than 50", "less than half": quantities
        start = _clause_start(toks, i)
        left = _stems(toks[start:i])
        right: frozenset[str] = frozenset()
        end = i
        if than is not None:
            j = than + 1
            while j < len(toks) and toks[j].lower not in CLAUSE_BREAKS:
                j += 1
            right = _stems(toks[than + 1 : j])
            end = j - 1
        phrase = doc.span(start, max(end, i))
        if toks[start].initial:
            phrase = phrase[:1].lower() + phrase[1:]
        found.append(Comparison(scale, direction, text, left, right, phrase))
    return tuple(found)


@lru_cache(maxsize=8192)
def _superlatives(doc: Doc) -> tuple[Superlative, ...]:
    toks = doc.tokens
    found: list[Superlative] = []
    for i, tok in enumerate(toks):
        parts = tok.lower.split("-")
        word = parts[-1]
        after_the = i > 0 and (
            toks[i - 1].lower == "the" or toks[i - 1].kind == "poss" or toks[i - 1].lower in _ORDINALS
        )  # "the most", "the world's most", "the second most"
        if word not in _SUPERLATIVES or (word in ("most", "least") and not after_the):
            continue
        scale, direction = _SUPERLATIVES[word]
        text = tok.text
        k = i + 1
        if (
            word in ("most", "least")
            and k < len(toks)
            and toks[k].is_content
            and toks[k].lower.endswith(_ADJECTIVE_ENDINGS)
        ):
            scale, text, k = toks[k].stem, f"{tok.text} {toks[k].text}", k + 1
        rank = 1
        if len(parts) == 2 and parts[0] in _ORDINALS:
            rank = _ORDINALS[parts[0]]
        elif i > 0 and toks[i - 1].lower in _ORDINALS:
            rank = _ORDINALS[toks[i - 1].lower]
            text = f"{toks[i - 1].text} {text}"
        window = [t.lower for t in toks[max(0, i - 4) : i]]
        if "one" in window and "of" in window:
            rank = 0
        noun = next((t.stem for t in toks[k : k + 3] if t.is_content), "")
        left = _stems(toks[_clause_start(toks, i) : i])
        found.append(Superlative(scale, direction, rank, text, noun, left))
    return tuple(found)


def extract_comparisons(text: str | Doc) -> tuple[Comparison, ...]:
    """Return the comparatives of a text (numeric bounds excluded)."""
    return _comparisons(as_doc(text))


def extract_superlatives(text: str | Doc) -> tuple[Superlative, ...]:
    """Return the superlatives of a text."""
    return _superlatives(as_doc(text))


def _compare_pair(a: Comparison, b: Comparison) -> str | None:
    if a.scale != b.scale:
        return None
    if a.right and b.right:
        # words on both sides of one comparison ("adults" in "young adults ... than older adults")
        # say nothing about which argument is which
        a_left, a_right = a.left - a.right, a.right - a.left
        b_left, b_right = b.left - b.right, b.right - b.left
        tail = (a_right & b_right) - (a.left | b.left)  # "... than X to be hospitalised" in both
        a_right, b_right = a_right - tail, b_right - tail
        swapped = bool(a_right & b_left) and bool(b_right & a_left) and not (a_right & b_right)
        same = bool(a.right & b.right) and not swapped
    else:
        swapped = False
        same = not a.right and not b.right and bool(a.left & b.left)
    if swapped and a.direction == b.direction:
        return f"comparison reversed: '{a.phrase}' vs '{b.phrase}'"
    if same and a.direction != b.direction:
        return f"comparison differs: {a.text} vs {b.text}"
    return None


def compare_comparatives(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return findings for reversed comparisons and opposite comparatives or superlatives.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        Findings such as ``"comparison reversed: 'cats kill more birds than turbines do' vs ..."``,
        ``"comparison differs: higher vs lower"`` or ``"superlative differs: largest vs second-largest"``.
    """
    findings: list[Finding] = []
    for ca in extract_comparisons(new):
        for cb in extract_comparisons(old):
            reason = _compare_pair(ca, cb)
            if reason is not None:
                findings.append(Finding(Family.COMPARATIVES, Relation.CONFLICT, reason, _WEIGHT))
                break
    for sa in extract_superlatives(new):
        for sb in extract_superlatives(old):
            if sa.scale != sb.scale or sa.noun != sb.noun or (not sa.noun and not sa.left & sb.left):
                continue
            if sa.direction != sb.direction or (sa.rank and sb.rank and sa.rank != sb.rank):
                reason = f"superlative differs: {sa.text} vs {sb.text}"
                findings.append(Finding(Family.COMPARATIVES, Relation.CONFLICT, reason, _WEIGHT))
                break
    return findings
