"""An English word list for telling rare words (often names) from common ones.

The list is the 30,522-entry uncased WordPiece vocabulary of the shipped stance model
(``claimmatch/stance/model/tokenizer.json``): whole words only, no ``##`` pieces. A word is
*common* when it, or its base after a regular inflection or derivation (``officials``,
``reopened``, ``studies``), is in the list. The entity family uses it for a capitalised word
at the start of a sentence, where the capital says nothing: ``Rosatom was chosen`` starts with a
name, ``Officials said`` does not.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources

__all__ = ["is_common_word"]

_SUFFIXES = ("ing", "ed", "es", "s", "ly", "ers", "er", "ments", "ment", "tions", "tion", "ness", "ies", "ied")


@cache
def _words() -> frozenset[str]:
    text = resources.files("claimmatch.stance").joinpath("model").joinpath("tokenizer.json").read_text(encoding="utf-8")
    vocab = json.loads(text)["model"]["vocab"]
    return frozenset(w for w in vocab if w.isalpha())


@lru_cache(maxsize=8192)
def is_common_word(word_lower: str) -> bool:
    """Return True when a lower-case word, or its base before a regular suffix, is in the list.

    Args:
        word_lower: One lower-case word, e.g. ``"officials"``.

    Returns:
        True for ``"officials"`` or ``"studies"`` (``stud`` + y), False for ``"rosatom"``.
    """
    words = _words()
    if word_lower in words or not word_lower.isalpha():
        return True  # (a hyphenated or numeric word is nobody's name on this evidence)
    for suffix in _SUFFIXES:
        base = word_lower[: -len(suffix)]
        if not word_lower.endswith(suffix) or len(base) < 3:
            continue
        doubled = base[-1:] == base[-2:-1] and base[:-1] in words  # "banned" -> "ban"
        if doubled or base in words or base + "e" in words or base + "y" in words:
            return True
    return False
