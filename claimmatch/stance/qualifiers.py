"""Temporal and conditional qualifiers: only after, before, during, until, unless, if, once...

A qualifier fills a slot: the event it is attached to (``"only after any peace agreement"`` ->
``peace``, ``agreement``). Two texts conflict only when both qualify the same event (shared
content words) with incompatible qualifiers: ``"only after"`` vs ``"before"``, ``"if"`` vs
``"unless"``. ``"after"`` vs ``"only after"``, ``"before"`` vs ``"until"``, or a qualifier that
only one text has, are no conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.tokens import CLAUSE_BREAKS, Doc, as_doc

__all__ = ["Qualifier", "compare_qualifiers", "extract_qualifiers"]

# surface (lower-case words) -> class
_CUES: dict[tuple[str, ...], str] = {
    ("only", "after"): "only_after",
    ("only", "once"): "only_after",
    ("not", "until"): "only_after",
    ("not", "before"): "only_after",
    ("only", "when"): "only_if",
    ("only", "if"): "only_if",
    ("provided", "that"): "if",
    ("on", "condition", "that"): "if",
    ("as", "long", "as"): "if",
    ("if",): "if",
    ("unless",): "unless",
    ("except", "if"): "unless",
    ("except", "when"): "unless",
    ("after",): "after",
    ("following",): "after",
    ("once",): "after",
    ("as", "soon", "as"): "after",
    ("upon",): "after",
    ("since",): "after",
    ("before",): "before",
    ("prior", "to"): "before",
    ("ahead", "of"): "before",
    ("in", "advance", "of"): "before",
    ("without", "waiting", "for"): "before",
    ("without", "waiting"): "before",
    ("until",): "until",
    ("till",): "until",
    ("during",): "during",
    ("while",): "during",
    ("amid",): "during",
    ("throughout",): "during",
    ("regardless", "of"): "regardless",
    ("irrespective", "of"): "regardless",
    ("even", "if"): "regardless",
    ("even", "without"): "regardless",
    ("whether", "or", "not"): "regardless",
}
_BY_LENGTH = tuple(sorted(_CUES.items(), key=lambda item: -len(item[0])))

_CONFLICTS = frozenset(
    frozenset(pair)
    for pair in (
        ("before", "after"),
        ("before", "only_after"),
        ("before", "during"),
        ("before", "if"),
        ("before", "only_if"),
        ("until", "after"),
        ("until", "only_after"),
        ("until", "during"),
        ("during", "after"),
        ("during", "only_after"),
        ("if", "unless"),
        ("only_if", "unless"),
        ("unless", "after"),
        ("unless", "only_after"),
        ("regardless", "only_after"),
        ("regardless", "only_if"),
        ("regardless", "unless"),
    )
)
_SLOT_WORDS = 3
_ANCHOR_WORDS = 3
_WEIGHT = 0.75


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A qualifier and the event it qualifies.

    Attributes:
        kind: The class (``"before"``, ``"after"``, ``"only_after"``, ``"during"``, ``"until"``,
            ``"if"``, ``"only_if"``, ``"unless"``, ``"regardless"``).
        text: The cue as written, e.g. ``"only after"``.
        slot: Stems of the first content words of the qualified event.
        first: Index of the first cue token.
        anchor: Stems of the content words before the cue (nearest first): what is qualified.
    """

    kind: str
    text: str
    slot: frozenset[str]
    first: int
    anchor: tuple[str, ...] = ()

    def same_event(self, other: Qualifier) -> bool:
        """Return True when both qualify the same event attached to the same predicate."""
        if not self.slot & other.slot:
            return False
        if not self.anchor or not other.anchor:
            return True
        return self.anchor[0] in other.anchor or other.anchor[0] in self.anchor


@lru_cache(maxsize=8192)
def _extract(doc: Doc) -> tuple[Qualifier, ...]:
    toks = doc.tokens
    lowers = [t.lower for t in toks]
    found: list[Qualifier] = []
    i = 0
    while i < len(toks):
        for words, kind in _BY_LENGTH:
            if tuple(lowers[i : i + len(words)]) == words:
                end = i + len(words)
                slot: set[str] = set()
                for t in toks[end:]:
                    if t.lower in CLAUSE_BREAKS or (t.lower,) in _CUES or len(slot) >= _SLOT_WORDS:
                        break
                    if t.is_content:
                        slot.add(t.stem)
                if slot:
                    text = doc.span(i, end - 1)
                    if toks[i].initial:
                        text = text[:1].lower() + text[1:]
                    if kind == "until" and _negated_clause(doc, i):
                        kind, text = "only_after", "not " + text  # "will not leave until X"
                    found.append(Qualifier(kind, text, frozenset(slot), i, _anchor(doc, i)))
                i = end - 1
                break
        i += 1
    return tuple(found)


def _negated_clause(doc: Doc, i: int) -> bool:
    for j in range(i - 1, max(-1, i - 5), -1):
        t = doc.tokens[j]
        if t.lower in ("not", "never"):
            return True
        if t.lower in CLAUSE_BREAKS:
            return False
    return False


def _anchor(doc: Doc, i: int) -> tuple[str, ...]:
    words: list[str] = []
    for j in range(i - 1, -1, -1):
        t = doc.tokens[j]
        if t.lower in CLAUSE_BREAKS and t.kind == "sym":
            break
        if t.is_content:
            words.append(t.stem)
            if len(words) == _ANCHOR_WORDS:
                break
    return tuple(words)


def extract_qualifiers(text: str | Doc) -> tuple[Qualifier, ...]:
    """Return the qualifiers of a text, in order."""
    return _extract(as_doc(text))


def compare_qualifiers(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return findings for incompatible qualifiers of the same event.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        Findings such as ``"qualifier differs: only after vs before"``.
    """
    findings: list[Finding] = []
    used: set[int] = set()
    for qa in extract_qualifiers(new):
        for qb in extract_qualifiers(old):
            if qb.first in used or not qa.same_event(qb):
                continue
            if frozenset((qa.kind, qb.kind)) in _CONFLICTS:
                used.add(qb.first)
                reason = f"qualifier differs: {qa.text} vs {qb.text}"
                findings.append(Finding(Family.QUALIFIERS, Relation.CONFLICT, reason, _WEIGHT))
                break
    return findings
