"""Substitution: two near-identical claims that differ in one or two aligned content words.

Automatic counter-claims (COVID-Fact) and many altered claims keep the sentence and swap one
salient word: ``Plasma from recovered subjects inhibits ...`` / ``Blood from recovered subjects
inhibits ...``, ``Sars-cov-2 triggers inflammatory responses`` / ``... inhibits inflammatory
responses``. The other families only know numbers, names, antonyms, negation cues, qualifiers and
comparatives; this family catches the rest, as a fallback (see
:func:`claimmatch.stance.aligner.find_differences`: it runs only when no other family found a
difference) and with a moderate weight (:data:`WEIGHT`).

The texts are aligned word by word (``difflib``). A finding needs:

* near-identical texts: at least :data:`MIN_SHARED` shared words, making up at least
  :data:`MIN_SHARED_SHARE` of the longer text, and at most :data:`MAX_EDITS` edited stretches;
* a replaced stretch with one or two content words on *each* side (a word present in one text
  only is a dropped detail, never a conflict);
* words that cannot stand for each other: not the same stem, not synonyms
  (``data/synonyms.tsv``), not derivations (``infection`` / ``infected``), not spelling variants
  (``hospitalised`` / ``hospitalized``), not one misspelt letter, not two numbers (left to the
  quantities family) nor words of a stated amount (``$1.2bn`` / ``1.2 billion dollars``), not
  names or aliases (left to the entities family), not a name against a common noun
  (``regulators`` / ``the FDA`` is a vaguer wording, not a conflict);
* no negation cue in the stretch (``not impossible`` / ``possible``: the negation family's call)
  and no particle (``went up`` / ``increased``: phrasal verbs are not compared word by word).

Reason: ``word differs: blood vs plasma``.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.comparatives import comparative_scale
from claimmatch.stance.entities import extract_entities
from claimmatch.stance.quantities import Quantity, extract_quantities
from claimmatch.stance.synonyms import same_sense
from claimmatch.stance.tokens import STOPWORDS, Doc, Token, as_doc

__all__ = ["MAX_EDITS", "MIN_SHARED", "MIN_SHARED_SHARE", "WEIGHT", "compare_substitution"]

#: Finding weight: below the other families, since a substituted word is the vaguest evidence.
WEIGHT = 0.55
#: Fewest words the two texts must share.
MIN_SHARED = 3
#: Least share of the longer text's words that the two texts must share.
MIN_SHARED_SHARE = 0.7
#: Most edited stretches (replacements, insertions, deletions) between the two texts.
MAX_EDITS = 2
_MAX_SIDE = 2
_HANDS_OFF = frozenset("not no never without none nothing nobody neither nor up down out off over back away".split())
_SPELLING = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("our", "or"),
    ("tre", "ter"),
    ("mme", "m"),
    ("ll", "l"),
    ("ae", "e"),
    ("oe", "e"),
)


@lru_cache(maxsize=8192)
def _words(doc: Doc) -> tuple[Token, ...]:
    out: list[Token] = []
    toks = doc.tokens
    for k, t in enumerate(toks):
        if t.kind not in ("word", "num", "acr"):
            continue
        if t.lower == "s" and k > 0 and toks[k - 1].text == "'":
            continue  # "moderna 's" written apart
        out.append(t)
    return tuple(out)


@lru_cache(maxsize=8192)
def _name_positions(doc: Doc) -> frozenset[int]:
    """Where the names of a text are; not a lone unknown word that starts a sentence ("Rosatom
    was chosen", "Plasma samples"), which is as likely a rare common word: this family compares it."""
    return frozenset(
        j
        for e in extract_entities(doc)
        if not (e.first == e.last and e.kind == "unknown" and doc.tokens[e.first].initial)
        for j in range(e.first, e.last + 1)
    )


def _spelling(word: str) -> str:
    for uk, us in _SPELLING:
        word = word.replace(uk, us)
    return word


def _one_edit(a: str, b: str) -> bool:
    """One substituted, inserted or deleted letter in a word of six letters or more (a typo)."""
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _content(t: Token) -> bool:
    return t.kind == "num" or (t.kind in ("word", "acr") and t.lower not in STOPWORDS and len(t.lower) > 1)


def _compatible(a: Token, b: Token) -> bool:
    if same_sense(a.lower, b.lower):
        return True
    sa, sb = _spelling(a.lower), _spelling(b.lower)
    return sa == sb or _one_edit(a.lower, b.lower)


def _same_amount(
    amounts_a: tuple[Quantity, ...],
    side_a: tuple[Token, ...],
    amounts_b: tuple[Quantity, ...],
    side_b: tuple[Token, ...],
) -> bool:
    """Both stretches lie in quantities of one dimension whose values overlap: "bn" / "billion dollars"
    in "$1.2bn" / "1.2 billion dollars". Not "75 days" / "75 million" (two dimensions), nor "first" /
    "novel" (one side is no amount)."""

    def inside(amounts: tuple[Quantity, ...], side: tuple[Token, ...]) -> list[Quantity]:
        return [q for q in amounts if all(q.first <= t.i <= q.last for t in side)]

    def overlap(x: Quantity, y: Quantity) -> bool:
        slack = max(x.precision, y.precision)
        return x.dimension == y.dimension and x.lo <= y.hi + slack and y.lo <= x.hi + slack

    return any(overlap(x, y) for x in inside(amounts_a, side_a) for y in inside(amounts_b, side_b))


def _opposite_comparatives(a: str, b: str) -> bool:
    """Two comparatives on one scale in opposite directions ("safer" / "more dangerous")."""
    scale_a, scale_b = comparative_scale(a), comparative_scale(b)
    return scale_a is not None and scale_b is not None and scale_a[0] == scale_b[0] and scale_a != scale_b


def compare_substitution(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return a finding for one or two content words swapped in otherwise identical claims.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        At most one finding, e.g. ``"word differs: blood vs plasma"`` (CONFLICT, weight
        :data:`WEIGHT`).
    """
    new_doc, old_doc = as_doc(new), as_doc(old)
    wa, wb = _words(new_doc), _words(old_doc)
    if min(len(wa), len(wb)) < MIN_SHARED + 1:
        return []
    matcher = SequenceMatcher(None, [t.lower for t in wa], [t.lower for t in wb], autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    if shared < MIN_SHARED or shared < MIN_SHARED_SHARE * max(len(wa), len(wb)):
        return []
    edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not edits or len(edits) > MAX_EDITS:
        return []
    names_a, names_b = _name_positions(new_doc), _name_positions(old_doc)
    amounts_a, amounts_b = extract_quantities(new_doc), extract_quantities(old_doc)
    swaps: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in edits:
        if tag != "replace":
            continue  # an added or dropped word is a dropped detail
        side_a = [t for t in wa[i1:i2] if _content(t)]
        side_b = [t for t in wb[j1:j2] if _content(t)]
        if not side_a or not side_b or len(side_a) > _MAX_SIDE or len(side_b) > _MAX_SIDE:
            continue
        if any(t.kind == "num" for t in side_a) and any(t.kind == "num" for t in side_b):
            continue  # two numbers: the quantities family decides
        if _same_amount(amounts_a, wa[i1:i2], amounts_b, wb[j1:j2]):
            continue  # one amount written two ways ("$1.2bn" / "1.2 billion dollars")
        named_a = any(t.i in names_a or (t.cap and not t.initial) for t in side_a)
        named_b = any(t.i in names_b or (t.cap and not t.initial) for t in side_b)
        if (named_a and named_b) or ((named_a or named_b) and not (new_doc.caseless and old_doc.caseless)):
            # names, aliases, or a name against a common noun: the entities family decides; in
            # all lower-case texts an unknown name looks like a common noun ("korea" / "japan")
            continue
        if any(t.lower in _HANDS_OFF for t in (*wa[i1:i2], *wb[j1:j2])):
            continue  # negation cues ("not impossible" / "possible") and phrasal verbs ("went up")
        if any(_compatible(x, y) for x in side_a for y in side_b):
            continue  # synonyms, inflections, spelling variants
        text_a, text_b = new_doc.span(wa[i1].i, wa[i2 - 1].i), old_doc.span(wb[j1].i, wb[j2 - 1].i)
        if (scale := comparative_scale(text_a)) is not None and scale == comparative_scale(text_b):
            continue  # "cheaper" / "less expensive": one comparison in two wordings
        swaps.append((text_a, text_b))
    if not swaps:
        return []
    if all(_opposite_comparatives(a, b) for a, b in swaps):
        # "make cancer drugs *cheaper*" / "*more expensive*": one scale, two directions, as "rose" / "fell"
        reason = "comparison differs: " + "; ".join(f"{a} vs {b}" for a, b in swaps)
        return [Finding(Family.COMPARATIVES, Relation.NEGATION, reason, WEIGHT)]
    reason = "word differs: " + "; ".join(f"{a} vs {b}" for a, b in swaps)
    return [Finding(Family.SUBSTITUTION, Relation.CONFLICT, reason, WEIGHT)]
