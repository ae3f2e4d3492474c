"""Event order: which of two events a claim says came first.

``"police can search a home first and get a warrant afterwards"`` and ``"police must obtain a
warrant before searching a home"`` name the same two events in opposite orders. Each text's orders
are read from its connectives:

* ``A before B``, ``A prior to B``, ``A ahead of B``, ``Before B, A``: A came first;
* ``A after B``, ``A following B``, ``After B, A``: B came first;
* ``A first and (then) B``, ``A and only then B``, ``A, and only afterwards B``, ``A and B
  afterwards``, ``A, after which B``: A came first;
* ``A had already ... by the time B``, ``A had already ... when B``: A came first.

An event is the set of content stems of its words (names aside: they anchor the topic, not the
event; at most :data:`_MAX_EVENT` words on either side of the connective). A negation before a
"before" with a modal ("will *not* reopen *before* the inspection") states the opposite order; any
other negation ("did not pass the bill before the recess") states none. Two orders are reversed
when each event of one shares a word with the *other* event of the second and the crossed pairs
share at least two words more than the straight ones (words in both events of one text, such as
the subject of both clauses, count for neither). Where no content word pairs the events straight,
the events' names are counted with their words: ``"Kenya joined the bloc before Uganda signed its
pipeline deal"`` and ``"Uganda's pipeline agreement was signed before Kenya became a member"``.
The finding is a qualifier CONFLICT:
``"order differs: 'police can search your home first and get a court warrant afterwards' vs
'police officers must obtain a court warrant before searching a private home'"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.negation import CUE_WORDS
from claimmatch.stance.synonyms import same_sense
from claimmatch.stance.tokens import MODALS, Doc, Token, as_doc, is_break, ruled_out

__all__ = ["EventOrder", "compare_order", "extract_orders"]

_WEIGHT = 0.7
# connectives whose left side came first, and whose left side came after
_BEFORE = frozenset({"before"})
_AFTER = frozenset({"after", "following"})
# two-word connectives: "prior to", "ahead of"
_BEFORE_PAIRS = frozenset({("prior", "to"), ("ahead", "of")})
# "A and then B", "A and only afterwards B": A came first
_THEN = frozenset({"then", "afterwards", "afterward", "later", "subsequently"})
# words that say nothing of the events themselves
_IGNORED = frozenset(
    """
    only first then afterwards afterward later subsequently already just shortly soon immediately
    well long right even before after following prior ahead time said says say according told
    officials official reported announced can could may might must will would should
    get got make made take took go went do does did done has have had is are was were be been being
    it they he she its their his her this that these those there
    """.split()
)
_MAX_EVENT = 10
_ALREADY = frozenset({"already"})
_BY_THE_TIME = (("by", "the", "time"), ("when",))


@dataclass(frozen=True, slots=True)
class EventOrder:
    """Two events of a text, the earlier first.

    Attributes:
        earlier: Content stems of the event said to come first.
        later: Content stems of the event said to come second.
        phrase: The words that state the order, for reasons.
        earlier_names: Stems of the names in the earlier event (not in ``earlier``).
        later_names: Stems of the names in the later event (not in ``later``).
    """

    earlier: frozenset[str]
    later: frozenset[str]
    phrase: str
    earlier_names: frozenset[str] = frozenset()
    later_names: frozenset[str] = frozenset()


_Event = tuple[frozenset[str], frozenset[str]]  # (content stems, name stems)
_Events = tuple[frozenset[str], frozenset[str]]  # (earlier, later)


def _event(toks: tuple[Token, ...], start: int, end: int) -> _Event:
    """Content stems of ``toks[start:end]`` (the words of :data:`_IGNORED` aside), and apart from
    them the stems of its names."""
    words: set[str] = set()
    names: set[str] = set()
    for t in toks[max(start, 0) : end]:
        if t.is_content and t.lower not in _IGNORED:
            (names if t.cap and not t.initial else words).add(t.stem)
    return frozenset(words), frozenset(names - words)


def _order(first: _Event, second: _Event, phrase: str) -> EventOrder | None:
    """The order of two events, or None where either has no content word."""
    if not first[0] or not second[0]:
        return None
    return EventOrder(first[0], second[0], phrase, first[1], second[1])


def _negation(toks: tuple[Token, ...], start: int, end: int) -> str:
    """How ``toks[start:end]`` is negated: ``"modal"`` for "will not" / "cannot" / "may not" (a rule:
    "will not reopen before the inspection" = "only after it"), ``"other"`` for any other negation
    ("did not pass before the recess", "failed to", "ruled out": nothing is said of the order), or
    ``""``."""
    found = ""
    for k in range(max(start, 0), end):
        if toks[k].lower in CUE_WORDS or ruled_out(toks, k):
            if toks[k].lower == "not" and k > 0 and toks[k - 1].lower in MODALS:
                found = found or "modal"
            else:
                return "other"
    return found


def _clause_bounds(toks: tuple[Token, ...], i: int) -> tuple[int, int]:
    """The punctuation-delimited stretch around token ``i``: (first index, index past the last)."""
    start = i
    while start > 0 and not is_break(toks[start - 1]):
        start -= 1
    end = i + 1
    while end < len(toks) and not is_break(toks[end]):
        end += 1
    return start, end


def _sentence_end(toks: tuple[Token, ...], i: int) -> int:
    end = i + 1
    while end < len(toks) and toks[end].lower not in (".", ";", "!", "?"):
        end += 1
    return end


def _left(toks: tuple[Token, ...], i: int, start: int) -> int:
    """Where the left event of a connective at ``i`` starts: at most :data:`_MAX_EVENT` tokens back."""
    return max(start, i - _MAX_EVENT)


def _connective(toks: tuple[Token, ...], i: int) -> tuple[int, int] | None:
    """For a "before" / "after" connective at ``i``: (direction, its length in tokens); direction 1
    means the words before it came first. None for other tokens and for non-temporal uses ("named
    after", "appeared before a judge" is still read: the events are then unrelated and do not cross)."""
    word = toks[i].lower
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if (word, nxt) in _BEFORE_PAIRS:
        return 1, 2
    if word in _BEFORE:
        return 1, 1
    if word in _AFTER:
        if word == "following" and i > 0 and toks[i - 1].lower in ("the", "a"):
            return None  # "the following day"
        if i > 0 and toks[i - 1].lower in ("named", "look", "looks", "looked", "looking", "soon"):
            return None
        if nxt in ("all", "that", "which"):
            return None  # "after all"; "after that" has no event of its own
        return -1, 1
    return None


@lru_cache(maxsize=8192)
def _orders(doc: Doc) -> tuple[EventOrder, ...]:
    toks = doc.tokens
    found: list[EventOrder | None] = []
    for i in range(len(toks)):
        conn = _connective(toks, i)
        if conn is not None:
            direction, size = conn
            start, end = _clause_bounds(toks, i)
            if start == i and end < len(toks) and toks[end].lower == ",":
                # fronted: "Before B, A" / "After B, A"
                sub = _event(toks, i + size, end)
                main = _event(toks, end + 1, min(_sentence_end(toks, end), end + 1 + _MAX_EVENT))
                first, second = (main, sub) if direction == 1 else (sub, main)
                quote = doc.span(i, min(_sentence_end(toks, end), len(toks)) - 1)
            else:
                negation = _negation(toks, _left(toks, i, start), i)
                if negation == "other" or (negation and direction == -1):
                    continue  # "did not pass before the recess", "will not resume after": no order stated
                if negation:
                    direction = -1  # "will not reopen before X": X first
                left = _event(toks, _left(toks, i, start), i)
                right = _event(toks, i + size, min(end, i + size + _MAX_EVENT))
                first, second = (left, right) if direction == 1 else (right, left)
                quote = doc.span(_left(toks, i, start), min(end, i + size + _MAX_EVENT) - 1)
            found.append(_order(first, second, quote))
            continue
        low = toks[i].lower
        if low == "after" and 0 < i < len(toks) - 1 and toks[i + 1].lower == "which" and toks[i - 1].lower == ",":
            # "A, after which B": A came first
            start = _left(toks, i - 1, _clause_bounds(toks, i - 2)[0])
            left = _event(toks, start, i - 1)
            end = min(_sentence_end(toks, i), _clause_bounds(toks, i + 2)[1], i + 2 + _MAX_EVENT)
            right = _event(toks, i + 2, end)
            found.append(_order(left, right, doc.span(start, end - 1)))
            continue
        if low in _THEN and i > 0:
            # "A first and (only) then B", "A and B afterwards"
            k = i - 1
            while k >= 0 and toks[k].lower in ("only", ","):
                k -= 1
            if k >= 0 and toks[k].lower == "and":
                start = _before_comma(toks, k)  # "A, and only afterwards was B": A is the clause before the comma
                left = _event(toks, _left(toks, k, start), k)
                end = min(_clause_bounds(toks, i)[1], i + 1 + _MAX_EVENT)  # (not ", officials said")
                right = _event(toks, i + 1, end)
                found.append(_order(left, right, doc.span(_left(toks, k, start), end - 1)))
            elif low in ("afterwards", "afterward", "later"):
                conj = next((k for k in range(i - 1, max(-1, i - _MAX_EVENT - 1), -1) if toks[k].lower == "and"), None)
                if conj is None:
                    conj = _first_then(toks, i)  # "the deal was signed first; the birr was devalued afterwards"
                if conj is not None:
                    start = _before_comma(toks, conj)  # "A, and B afterwards": A is the clause before the comma
                    left = _event(toks, _left(toks, conj, start), conj)
                    right = _event(toks, conj + 1, i)
                    found.append(_order(left, right, doc.span(_left(toks, conj, start), i)))
        if low in _ALREADY:
            # "A had already happened by the time B" / "... when B"
            end = _sentence_end(toks, i)
            for k in range(i + 1, min(end, i + _MAX_EVENT)):
                words = tuple(t.lower for t in toks[k : k + 3])
                cue = next((c for c in _BY_THE_TIME if words[: len(c)] == c), None)
                if cue is not None:
                    start, _ = _clause_bounds(toks, i)
                    left = _event(toks, _left(toks, i, start), k)
                    right = _event(toks, k + len(cue), min(end, k + len(cue) + _MAX_EVENT))
                    found.append(_order(left, right, doc.span(_left(toks, i, start), end - 1)))
                    break
    return tuple(order for order in found if order is not None)


def _before_comma(toks: tuple[Token, ...], k: int) -> int:
    """Where the clause of a connective at ``k`` starts, reading past a break right before it: "*A*,
    and B afterwards", "*A*, after which B"."""
    before = k - 2 if k >= 2 and is_break(toks[k - 1]) else k
    return _clause_bounds(toks, before)[0]


def _first_then(toks: tuple[Token, ...], i: int) -> int | None:
    """For "afterwards" at ``i`` with no "and" before it: the break closing a clause that ends in
    "first" ("A was signed first; B was devalued afterwards"), else None."""
    start, _ = _clause_bounds(toks, i)
    brk = start - 1
    if brk >= 1 and toks[brk].lower in (";", ",") and toks[brk - 1].lower == "first":
        return brk
    return None


def extract_orders(text: str | Doc) -> tuple[EventOrder, ...]:
    """Return the event orders a text states (see the module docstring)."""
    return _orders(as_doc(text))


def _shared(a: frozenset[str], b: frozenset[str]) -> int:
    """How many words of ``a`` have a counterpart (same stem, synonym or derivation) in ``b``."""
    return sum(1 for x in a if any(x == y or same_sense(x, y) for y in b))


def _crossing(a: _Events, b: _Events) -> tuple[int, int, int]:
    """For two orders, each an (earlier, later) pair of word sets: the words the first event of each
    shares with the second of the other (two counts), and the words the straight pairs share. Words
    in both events of one text (the subject of both clauses) say nothing of the order."""
    a_first, a_second = a[0] - a[1], a[1] - a[0]
    b_first, b_second = b[0] - b[1], b[1] - b[0]
    straight = _shared(a_first, b_first) + _shared(a_second, b_second)
    return _shared(a_first, b_second), _shared(a_second, b_first), straight


def _reversed(a: EventOrder, b: EventOrder) -> bool:
    crossed_one, crossed_two, straight = _crossing((a.earlier, a.later), (b.earlier, b.later))
    if crossed_one > 0 and crossed_two > 0 and crossed_one + crossed_two > straight + 1:
        return True
    if straight:
        return False
    # no content word pairs the events straight: the names may tell which event is which
    # ("Somalia joined the EAC before Ethiopia signed its port deal" / "Ethiopia's port agreement
    # was signed before Somalia became a member")
    crossed_one, crossed_two, straight = _crossing(
        (a.earlier | a.earlier_names, a.later | a.later_names), (b.earlier | b.earlier_names, b.later | b.later_names)
    )
    return crossed_one > 0 and crossed_two > 0 and crossed_one + crossed_two > straight + 1


def compare_order(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return a qualifier CONFLICT when the two texts put the same two events in opposite orders.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        At most one finding, e.g. ``"order differs: 'search your home first and get a court warrant
        afterwards' vs 'obtain a court warrant before searching a private home'"``.
    """
    for a in extract_orders(new):
        for b in extract_orders(old):
            if _reversed(a, b):
                reason = f"order differs: '{a.phrase}' vs '{b.phrase}'"
                return [Finding(Family.QUALIFIERS, Relation.CONFLICT, reason, _WEIGHT)]
    return []
