"""Scope: a rule limited to part of something against the same rule over all of it.

``"the phone ban covers lesson time only"`` and ``"phones stay switched off throughout the school
day, breaks included"`` state different scopes of one rule: if one is true the other is false. So
do ``"only at weekends"`` / ``"every night of the week"``, ``"banks alone"`` / ``"banks, telecoms and
platforms alike"`` and ``"applies retroactively"`` / ``"applies only from April"``.

A *restricted* scope is ``only`` / ``exclusively`` / ``solely`` before a preposition (``only during
lessons``, ``only to individuals``), or ``only`` / ``alone`` after what it restricts (``weekends
only``, ``banks alone``), or ``limited to`` / ``restricted to``. An *unrestricted* one says it covers
all: ``whole``, ``entire``, ``every``, ``throughout``, ``all year``, ``as well``, ``alike``,
``X included``, ``even during``. The finding is a qualifier CONFLICT, found only when one text
restricts and the other does not while stating an unrestricted scope.
"""

from __future__ import annotations

from functools import lru_cache

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.tokens import Doc, Token, as_doc

__all__ = ["compare_scope", "restricted_scope", "unrestricted_scope"]

_WEIGHT = 0.6
_RESTRICTORS = frozenset({"only", "exclusively", "solely"})
_SCOPE_PREPOSITIONS = frozenset(
    {"during", "at", "on", "in", "to", "for", "within", "between", "outside", "inside", "from", "after", "until"}
)
_AFTER_NOUN = frozenset({"only", "alone"})
_LIMITED = frozenset({"limited", "restricted", "confined"})
# "the whole school day", "every night", "throughout the flight", "all year round"
_WHOLE = frozenset({"whole", "entire", "every", "throughout", "alike", "round-the-clock"})
_AS_WELL = (("as", "well"), ("all", "year"), ("year", "round"), ("all", "day"), ("around", "the", "clock"))
_INCLUDED = frozenset({"included", "including"})
_EVEN = frozenset({"even"})
_EVEN_SCOPE = frozenset({"during", "outside", "inside", "on", "at", "in", "for", "when", "while"})
_RETROACTIVE = frozenset({"retroactively", "retroactive", "retrospectively", "retrospective", "backdated"})
_FORWARD = frozenset({"from", "after", "onwards", "future", "forward"})


def _restricted_at(toks: tuple[Token, ...], i: int) -> bool:
    low = toks[i].lower
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if low in _RESTRICTORS and nxt in _SCOPE_PREPOSITIONS:
        return True  # "only during lessons", "only to individuals"
    if low in _LIMITED and nxt == "to":
        return True  # "limited to the first weeks"
    if low in _AFTER_NOUN and i > 0 and toks[i - 1].is_content and not toks[i - 1].cap:
        # "weekends only", "banks alone", "lesson time only": at the end of a phrase
        return nxt in ("", ".", ",", ";", "and", "with", "leaving", "so", "but") or toks[i + 1].kind == "sym"
    return False


@lru_cache(maxsize=8192)
def _restricted(doc: Doc) -> int | None:
    toks = doc.tokens
    return next((i for i in range(len(toks)) if _restricted_at(toks, i)), None)


def restricted_scope(text: str | Doc) -> bool:
    """Whether the text limits a rule to part of something (``"only during lessons"``)."""
    return _restricted(as_doc(text)) is not None


@lru_cache(maxsize=8192)
def _unrestricted(doc: Doc) -> int | None:
    toks = doc.tokens
    lows = [t.lower for t in toks]
    for i, low in enumerate(lows):
        if low in _WHOLE:
            return i
        if any(tuple(lows[i : i + len(words)]) == words for words in _AS_WELL):
            return i
        if low in _INCLUDED and i > 0 and toks[i - 1].is_content and (i + 1 == len(toks) or toks[i + 1].kind == "sym"):
            return i  # "breaks included"
        if low in _EVEN and i + 1 < len(toks) and lows[i + 1] in _EVEN_SCOPE:
            return i  # "even during the semester"
    return None


def unrestricted_scope(text: str | Doc) -> bool:
    """Whether the text says a rule covers all of something (``"throughout the school day"``)."""
    return _unrestricted(as_doc(text)) is not None


def _retroactive(doc: Doc) -> int | None:
    return next((t.i for t in doc.tokens if t.lower in _RETROACTIVE), None)


def _forward_only(doc: Doc) -> int | None:
    """ "only from April", "only to offences committed after", "only to future pay", "no backdating"."""
    toks = doc.tokens
    for i, tok in enumerate(toks):
        if tok.lower == "backdating" and i > 0 and toks[i - 1].lower in ("no", "without"):
            return i
        if tok.lower in _RESTRICTORS:
            window = {t.lower for t in toks[i + 1 : i + 8]}
            if window & _FORWARD:
                return i
    return None


def compare_scope(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return a qualifier CONFLICT when one text restricts a rule's scope and the other does not.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        At most one finding, e.g. ``"scope differs: 'only during lessons' vs 'the whole school day'"``.
    """
    new_doc, old_doc = as_doc(new), as_doc(old)
    for a, b in ((new_doc, old_doc), (old_doc, new_doc)):
        restricted = _restricted(a)
        if restricted is not None and _restricted(b) is None:
            wide = _unrestricted(b)
            if wide is not None and _unrestricted(a) is None:
                return [_finding(a, restricted, b, wide, a is new_doc)]
        retro = _retroactive(a)
        if retro is not None and _retroactive(b) is None:
            forward = _forward_only(b)
            if forward is not None:
                return [_finding(b, forward, a, retro, b is new_doc)]
    return []


def _phrase(doc: Doc, i: int) -> str:
    """The words around the scope marker at ``i``, for reasons: "only during lessons", "weekends only",
    "breaks included", "the whole school day"."""
    toks = doc.tokens
    last = len(toks) - 1
    low = toks[i].lower
    after_noun = low in _AFTER_NOUN and not (i + 1 <= last and toks[i + 1].lower in _SCOPE_PREPOSITIONS)
    if after_noun or low in _INCLUDED or low == "alike":
        first, end = max(0, i - 2), i
    elif low in _RETROACTIVE:
        first, end = i, i
    else:
        first, end = i, min(last, i + 3)
    while end > first and toks[end].kind == "sym":
        end -= 1
    return doc.span(first, end)


def _finding(narrow: Doc, i: int, wide: Doc, j: int, narrow_is_new: bool) -> Finding:
    first, second = _phrase(narrow, i), _phrase(wide, j)
    if not narrow_is_new:
        first, second = second, first
    return Finding(Family.QUALIFIERS, Relation.CONFLICT, f"scope differs: '{first}' vs '{second}'", _WEIGHT)
