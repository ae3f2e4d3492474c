"""Synonym groups (``data/synonyms.tsv``) and a loose "same word" test shared by the rule families.

:func:`same_sense` says whether two words can stand for each other in a claim: the same stem
(``approved`` / ``approves``), a shared synonym group (``approved`` / ``authorised``), a
derivation (``leader`` / ``led``, ``vaccination`` / ``vaccinated``) or the same hyphenated parts
(``three-second`` / ``seconds``). It is deliberately generous: it is used to *suppress* findings
(a substitution of synonyms is no conflict) and to find the counterpart of a negated word.
"""

from __future__ import annotations

from functools import lru_cache

from claimmatch.stance.resources import read_tsv
from claimmatch.stance.tokens import stem, stem_phrase

__all__ = ["derived", "same_sense", "synonym_words", "synonyms"]

_SUFFIXES = (
    "ations",
    "ation",
    "ition",
    "ions",
    "ion",
    "ment",
    "ments",
    "ers",
    "er",
    "ors",
    "or",
    "ness",
    "ity",
    "al",
    "ly",
    "s",
)
_MIN_ROOT = 4


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.lower() for w in row if w) for row in read_tsv("synonyms.tsv"))


@lru_cache(maxsize=1)
def _groups() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = {}
    for g, row in enumerate(_rows()):
        for word in row:
            index.setdefault(stem_phrase(word), set()).add(g)
    return {k: frozenset(v) for k, v in index.items()}


def synonyms(a_lower: str, b_lower: str) -> bool:
    """Return True when the two words or phrasal verbs (lower case: ``"cancelled"`` / ``"called
    off"``) share a synonym group."""
    groups = _groups()
    return bool(groups.get(stem_phrase(a_lower), frozenset()) & groups.get(stem_phrase(b_lower), frozenset()))


@lru_cache(maxsize=8192)
def synonym_words(word_lower: str) -> frozenset[str]:
    """Return the words (lower case, as listed) of every synonym group of ``word_lower``."""
    rows = _rows()
    return frozenset(w for g in _groups().get(stem(word_lower), frozenset()) for w in rows[g])


@lru_cache(maxsize=65536)
def _root(word: str) -> str:
    w = stem(word)
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_ROOT:
            return w[: -len(suffix)].rstrip("e")
    return w.rstrip("e")


def derived(a_lower: str, b_lower: str) -> bool:
    """Return True for derivations of one root: ``leader`` / ``led``, ``infection`` / ``infected``."""
    ra, rb = _root(a_lower), _root(b_lower)
    if ra == rb:
        return True
    short, long = sorted((ra, rb), key=len)
    return len(short) >= 5 and long.startswith(short) and len(long) - len(short) <= 3


def _degree_bases(word: str, suffix: str) -> tuple[str, ...]:
    """Possible base adjectives of a comparative or superlative: "bigger" -> big, "larger" -> large,
    "happier" -> happy, "faster" -> fast; empty when ``word`` does not end in ``suffix``."""
    if not word.endswith(suffix) or len(word) - len(suffix) < 2:
        return ()
    root = word[: -len(suffix)]
    bases = [root, root + "e"]
    if len(root) > 2 and root[-1] == root[-2]:
        bases.append(root[:-1])
    if root.endswith("i"):
        bases.append(root[:-1] + "y")
    return tuple(bases)


def _same_degree_synonyms(a_lower: str, b_lower: str) -> bool:
    """Comparatives or superlatives of synonyms: "bigger" / "larger", "largest" / "biggest"."""
    for suffix in ("er", "est"):
        bases_a, bases_b = _degree_bases(a_lower, suffix), _degree_bases(b_lower, suffix)
        if bases_a and bases_b and any(synonyms(x, y) for x in bases_a for y in bases_b):
            return True
    return False


def same_sense(a_lower: str, b_lower: str) -> bool:
    """Return True when two words can stand for each other (see the module docstring)."""
    if a_lower == b_lower or stem(a_lower) == stem(b_lower):
        return True
    if "-" in a_lower or "-" in b_lower:
        parts_a, parts_b = {stem(p) for p in a_lower.split("-")}, {stem(p) for p in b_lower.split("-")}
        if parts_a & parts_b and (len(parts_a) == 1 or len(parts_b) == 1):
            return True  # "three-second" / "seconds"; not "cytokine-mediated" / "cytokine-independent"
    return synonyms(a_lower, b_lower) or derived(a_lower, b_lower) or _same_degree_synonyms(a_lower, b_lower)
