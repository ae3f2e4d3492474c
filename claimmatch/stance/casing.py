"""Capitals for names in a text written in lower case.

Social-media posts are often typed without capitals (``pekka haavisto beat alexander stubb``),
and the rule families find names by their capitals. :func:`restore_case` gives such a text its
capitals back before the comparison, from three kinds of evidence:

* the other text of the pair writes the same words with capitals inside a sentence (``Stubb``,
  ``Great Barrier Reef``; not ``bank`` in ``central bank`` for ``Bank of Canada``);
* the word starts a name of the gazetteer (``new south wales``, ``the imf``), under the rules the
  entity family applies to lower-case text;
* the word is rare: not in the shipped English word list (:mod:`claimmatch.stance.vocabulary`),
  four letters or more, no chat abbreviation, and neither an English ending (``rationing``), a
  prefix on a listed word (``refill``) nor two listed words (``lockdown``): ``amamiya``,
  ``equinor``; not ``ngl``.

Reasons then quote the text with those capitals.
"""

from __future__ import annotations

from claimmatch.stance.entities import caseless_spelling, is_demonym_pair
from claimmatch.stance.tokens import Doc, analyze
from claimmatch.stance.vocabulary import is_common_word

__all__ = ["restore_case"]

_MIN_RARE = 4
#: chat abbreviations and contractions typed without an apostrophe: rare words, but no names
_CHAT = frozenset(
    "ngl lol lmao lmfao rofl smh imo imho omg idk btw irl tbh wtf cuz coz yall thx pls plz srsly fyi afaik "
    "bruh ffs ikr nvm dont doesnt didnt cant wont isnt arent wasnt werent hasnt havent hadnt shouldnt "
    "wouldnt couldnt aint ive youre theyre thats whats hes shes theres lets gotta kinda sorta dunno "
    "yeah yep nope okay haha hahaha lmk tho".split()
)


#: endings of English verbs and nouns that the word list misses ("rationing", "impeached"), no names
_WORD_ENDINGS = tuple(
    "ing ed tion tions sion ment ments ness ist ists ism ity ous ful less able ible ary ies ance ances ence "
    "ences".split()
)
_PREFIXES = ("re", "un", "pre", "mal", "anti", "over", "under", "out", "non", "dis", "mis", "co", "sub", "cyber")
_MIN_PART = 3


def _rare(word: str) -> bool:
    """A word that is probably a name: four letters or more, no chat abbreviation, not in the word
    list, and no English ending, prefix or compound of listed words ("lockdown", "refill")."""
    if len(word) < _MIN_RARE or word in _CHAT or is_common_word(word) or word.endswith(_WORD_ENDINGS):
        return False
    if any(word.startswith(p) and is_common_word(word[len(p) :]) for p in _PREFIXES if len(word) - len(p) >= _MIN_PART):
        return False
    parts = range(_MIN_PART, len(word) - _MIN_PART + 1)
    return not any(is_common_word(word[:k]) and is_common_word(word[k:]) for k in parts)


_CONNECTORS = frozenset({"of", "de", "del", "da", "van", "von", "der", "al", "and", "&"})


def _names_elsewhere(other: Doc) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """The capitalised runs of the other text ("Bank of Canada", "Stubb"), by first lower-case word:
    (lower-case words, words as written), longest first. A capital at a sentence start counts
    only on a rare word."""
    toks = other.tokens

    def named(k: int) -> bool:
        t = toks[k]
        return t.kind == "word" and t.cap and (not t.initial or not is_common_word(t.lower))

    runs: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    i = 0
    while i < len(toks):
        if not named(i):
            i += 1
            continue
        last = i
        j = i + 1
        while j < len(toks):
            if named(j):
                last = j
            elif not (toks[j].lower in _CONNECTORS and j + 1 < len(toks) and named(j + 1)):
                break
            j += 1
        run = toks[i : last + 1]
        runs.setdefault(run[0].lower, []).append((tuple(t.lower for t in run), tuple(t.text for t in run)))
        i = last + 1
    for found in runs.values():
        found.sort(key=lambda r: -len(r[0]))
    return runs


def _same_words(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """The run's words, the last one also as a place for its adjective ("south australia" for
    "South Australian")."""
    if len(words) != len(run) or words[:-1] != run[:-1]:
        return False
    return words[-1] == run[-1] or (len(run) > 1 and is_demonym_pair(words[-1], run[-1]))


def restore_case(doc: Doc, other: Doc) -> Doc:
    """Return ``doc`` with capitals for its names when it is written in lower case, else ``doc``.

    Args:
        doc: The text to recase: unchanged unless it starts in lower case and has no capitalised
            word (acronyms aside).
        other: The other text of the pair, whose capitals are evidence.

    Returns:
        The analysed recased text, e.g. ``Pekka Haavisto beat Alexander Stubb`` for
        ``pekka haavisto beat alexander stubb`` against a text that names ``Alexander Stubb``.
    """
    if not doc.caseless or any(t.cap and not t.text.isupper() for t in doc.tokens):
        return doc  # capitals mark names already (an acronym such as "G7" or "FAO" is no evidence)
    runs = _names_elsewhere(other)
    spelled: dict[int, str] = {}
    toks = doc.tokens
    lowers = tuple(t.lower for t in toks)
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind != "word" or not tok.text.islower():
            i += 1
            continue
        run = next((r for r in runs.get(tok.lower, ()) if _same_words(lowers[i : i + len(r[0])], r[0])), None)
        known = (i + len(run[0]) - 1, run[1]) if run is not None else caseless_spelling(toks, i)
        if known is not None:
            last, texts = known
            for k, text in zip(range(i, last + 1), texts, strict=True):
                if toks[k].text.islower() and toks[k].text == text.lower() and text[:1].isupper():
                    spelled[k] = text
            i = last + 1
            continue
        before_number = i + 1 < len(toks) and toks[i + 1].kind == "num"  # "quarantine 16": no "Apollo 11"
        if _rare(tok.lower) and not before_number:
            spelled[i] = tok.text[:1].upper() + tok.text[1:]
        i += 1
    if not spelled:
        return doc
    text = doc.text
    for k in sorted(spelled, reverse=True):
        text = text[: toks[k].start] + spelled[k] + text[toks[k].end :]
    return analyze(text)
