"""The antonym lexicon (``data/antonyms.tsv``) and prefix antonyms (legal / illegal)."""

from __future__ import annotations

from functools import lru_cache

from claimmatch.stance.resources import read_tsv
from claimmatch.stance.tokens import stem_phrase

__all__ = ["COMPLEMENTARY", "CONTRARY", "antonym_type", "in_lexicon", "is_polar", "is_prefixed", "maybe_antonyms"]

#: Antonyms that cannot both be false: swapping one for the other negates a claim.
COMPLEMENTARY = "complementary"
#: Antonyms that can both be false (rise / fall): swapping one for the other is a conflicting detail.
CONTRARY = "contrary"

_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-")
_MIN_BASE = 5
_NOT_PREFIXED = frozenset(
    {"formation", "corporate", "stall", "count", "press", "dependent", "credible", "famous", "valuable"}
)


def _pole(field: str) -> tuple[str, ...]:
    """The words of one side of a lexicon row: ``rise`` or a scale's pole ``{rise|climb|soar}``."""
    if field.startswith("{") and field.endswith("}"):
        return tuple(word.strip() for word in field[1:-1].split("|") if word.strip())
    return (field,)


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], str]:
    """Stemmed pairs in both orders; a scale row (two poles in braces) stands for every pair across
    its poles, and a pair written out on its own row wins over one a scale implies."""
    table: dict[tuple[str, str], str] = {}
    scaled: dict[tuple[str, str], str] = {}
    for row in read_tsv("antonyms.tsv"):
        if len(row) < 3 or row[2] not in (COMPLEMENTARY, CONTRARY):
            continue
        target = scaled if row[0].startswith("{") or row[1].startswith("{") else table
        for first in _pole(row[0]):
            for second in _pole(row[1]):
                a, b = stem_phrase(first), stem_phrase(second)
                target[(a, b)] = row[2]
                target[(b, a)] = row[2]
    return {**scaled, **table}


@lru_cache(maxsize=1)
def _stems() -> frozenset[str]:
    return frozenset(a for a, _ in _table())


def is_polar(word_stem: str) -> bool:
    """Return True when the stem has an entry in the antonym lexicon."""
    return word_stem in _stems()


@lru_cache(maxsize=65536)
def in_lexicon(word_lower: str) -> bool:
    """Whether the word (or phrasal verb) has an entry in the antonym lexicon."""
    return stem_phrase(word_lower) in _stems()


@lru_cache(maxsize=65536)
def is_prefixed(word_lower: str) -> bool:
    """Whether the word could be the prefixed half of a prefix antonym, or a pro-/anti- word."""
    return word_lower.startswith(("pro-", "anti-")) or (
        len(word_lower) >= _MIN_BASE + 2 and word_lower.startswith(_PREFIXES)
    )


def maybe_antonyms(a_lower: str, b_lower: str) -> bool:
    """A cheap necessary condition for :func:`antonym_type` to find a pair (both words in the
    lexicon, or one of them prefixed); comparing every word of two claims calls this first."""
    return (in_lexicon(a_lower) and in_lexicon(b_lower)) or is_prefixed(a_lower) or is_prefixed(b_lower)



def antonym_type(a_lower: str, b_lower: str) -> str | None:
    """Return :data:`COMPLEMENTARY`, :data:`CONTRARY` or None for two lower-case words.

    Lexicon pairs match through their stems (``rose`` / ``fell``), phrasal verbs as the verb and
    its particle (``hired`` / ``laid off``); ``pro-X`` / ``anti-X`` are contrary; prefix antonyms
    (``constitutional`` / ``unconstitutional``, bases of five letters or more) are complementary.
    """
    found = _table().get((stem_phrase(a_lower), stem_phrase(b_lower)))
    if found is not None:
        return found
    if " " in a_lower or " " in b_lower:
        return None
    for pro, anti in ((a_lower, b_lower), (b_lower, a_lower)):
        if pro.startswith("pro-") and anti.startswith("anti-") and pro[4:] == anti[5:] and pro[4:]:
            return CONTRARY  # "pro-Russian" / "anti-Russian"
    for base, other in ((a_lower, b_lower), (b_lower, a_lower)):
        if len(base) >= _MIN_BASE and base not in _NOT_PREFIXED:
            for prefix in _PREFIXES:
                if other == prefix + base:
                    return COMPLEMENTARY
    return None
