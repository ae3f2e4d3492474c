"""Entities: a different person, place, organisation or country in the same slot.

Names come from a curated gazetteer (``data/gazetteer.tsv``: countries with demonyms and
capitals, regions, cities, seas, leaders, organisations) and from capitalised spans. Aliases
agree (``US`` = ``U.S.`` = ``America`` = ``American``), so do a place and its ancestors
(``Kyiv`` / ``Ukraine``, ``the Kremlin`` / ``Russia``) and ``"Ukraine's capital"`` = ``Kyiv``.
Two unmatched names conflict when they fill the same slot: same kind and the same neighbouring
word, or the only unmatched names of their kind. A dropped name is no conflict. Capitalised
words that start a sentence, and every unknown name in headline-case text, are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.lexicon import antonym_type
from claimmatch.stance.resources import read_tsv
from claimmatch.stance.synonyms import synonyms
from claimmatch.stance.tokens import (
    AUX,
    BE,
    DATE_WORDS,
    MODALS,
    STOPWORDS,
    Doc,
    Token,
    analyze,
    as_doc,
    is_break,
    is_irregular_form,
    stem,
)
from claimmatch.stance.vocabulary import is_common_word

__all__ = [
    "Entity",
    "caseless_spelling",
    "compare_entities",
    "entity_at",
    "extract_entities",
    "is_demonym_pair",
    "same_referent",
    "unmatched_names",
]

_PLACE_TYPES = frozenset({"country", "capital", "city", "region", "continent", "water", "mountain"})
# In a text without any capital letter ("posts say the shooter was from venezuela"), gazetteer
# names match in lower case too, except these, which are also common words.
_CASELESS_STOP = frozenset(
    "amazon apple bible bush chad china christian christians commons congress conservatives democrat "
    "democratic democrats earth english fed ford georgia god internet islam jewish jews jordan labour "
    "lao lincoln lords mars mecca meta moon musk muslim muslims pis polish pope republican republicans "
    "senate shell sun swift tories tory turkey twitter uber wagner xi".split()
)
# "East Palestine", "New Mexico City": a direction or "New" before a known name that the gazetteer
# does not list as a whole makes another, unknown, name.
_PREFIX_WORDS = frozenset({"east", "west", "north", "south", "new", "upper", "lower", "greater", "anglo"})
_TITLES = frozenset(
    "president prime minister chancellor king queen prince princess pope senator sen rep governor gov mayor "
    "mr mrs ms dr sir dame general gen secretary foreign defence defense vice premier leader former late "
    "st saint lord lady judge justice speaker chief ceo duke duchess archbishop bishop cardinal emperor empress "
    "emir sheikh ayatollah councillor councilor councilman councilwoman alderman commissioner sheriff chairman "
    "chairwoman cfo coo cto mp mep deputy pm".split()
)
#: Words after a place name that make it an institution's ("the Kerala government").
_INSTITUTIONS = frozenset(
    "government governments council parliament assembly legislature police court courts ministry authorities "
    "officials administration cabinet premier governor state".split()
)
#: Words after a name that make it a geographic feature ("the Dniester river", "Lake Chad" aside).
_FEATURES = frozenset(
    "river rivers lake sea ocean strait gulf bay canal dam island islands peninsula valley desert mountains "
    "glacier delta basin".split()
)
# Sentence-initial words that are common nouns, not names, although nothing else marks them as such.
_COMMON_INITIAL = frozenset(
    "police government parliament military army navy industry science research everyone everybody someone "
    "management staff media press court council administration opposition state city country company "
    "nature history evidence data public society".split()
)
_NOT_NAMES = DATE_WORDS | {"i"}
#: capitalised only at a sentence start: "*Other* West African states", "*Several* EU members"
_QUANTIFIER_STARTS = frozenset("other another several many most some both each every few various numerous".split())
#: common words that are names when written in capitals
_CAPITAL_STOPWORDS = frozenset({"WHO", "US", "UN", "IT", "AI", "EU"})
_CONNECTORS = frozenset({"of", "de", "del", "da", "van", "von", "der", "al", "bin", "la", "le", "du", "and", "&"})
_ARTICLES = frozenset({"the", "a", "an"})
#: Prepositions of place before a name: the same one before two unmatched names marks one slot.
_PLACE_WORDS = frozenset({"at", "in", "near", "from", "to"})
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&"})
_COORDINATION = frozenset({"and", ",", "or", "&"})


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    kind: str
    parent: str
    display: str
    #: what else the name stands for, as a metonym: "Brussels" for the EU (a fifth column)
    stands_for: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A name found in a text.

    Attributes:
        key: The gazetteer id, or ``"?"`` + the lower-cased name when unknown.
        kind: The gazetteer type (``country``, ``capital``, ``person``, ``org``...) or ``"unknown"``.
        text: The name as written.
        first: Index of its first token.
        last: Index of its last token.
        words: Lower-cased words of all its names (to match ``"Biden"`` with ``"Joe Biden"``).
        left: The word before it (``"<s>"`` at the start), skipping articles.
        right: The word after it (``"</s>"`` at the end).
    """

    key: str
    kind: str
    text: str
    first: int
    last: int
    words: frozenset[str]
    left: str
    right: str

    @property
    def group(self) -> str:
        """Return the kind group: ``place``, ``person``, ``org``, ``body``, ``topic`` or ``unknown``."""
        return "place" if self.kind in _PLACE_TYPES else self.kind


_Name = tuple[tuple[str, ...], tuple[str, ...], _Entry]  # lower-case words, words as written, entry


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    entries: dict[str, _Entry]
    names: dict[str, tuple[_Name, ...]]  # first word -> names starting with it, longest first
    words: dict[str, frozenset[str]]
    capitals: dict[str, str]


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    entries: dict[str, _Entry] = {}
    names: dict[str, list[_Name]] = {}
    words: dict[str, set[str]] = {}
    capitals: dict[str, str] = {}
    for row in read_tsv("gazetteer.tsv"):
        if len(row) < 4:
            continue
        key, kind, parent, raw_names = row[0], row[1], row[2], row[3]
        aliases = [n for n in raw_names.split("|") if n]
        stands_for = tuple(k for k in row[4].split("|") if k) if len(row) > 4 else ()
        entry = _Entry(key, kind, parent, aliases[0], stands_for)
        entries[key] = entry
        if kind == "capital" and parent and parent not in capitals:
            capitals[parent] = key
        for name in aliases:
            toks = tuple(t for t in analyze(name).tokens if t.kind != "sym" or t.text not in (".",))
            lowers = tuple(t.lower for t in toks)
            texts = tuple(t.text for t in toks)
            names.setdefault(lowers[0], []).append((lowers, texts, entry))
            words.setdefault(key, set()).update(w for w in lowers if w not in _ACRONYM_SKIP)
    return _Gazetteer(
        entries,
        {k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in names.items()},
        {k: frozenset(v) for k, v in words.items()},
        capitals,
    )


@lru_cache(maxsize=4096)
def _ancestors(key: str) -> frozenset[str]:
    """The parents of a gazetteer id up its chain, and what it stands for as a metonym with that
    one's chain ("brussels" -> belgium, europe, eu)."""
    entries = _gazetteer().entries
    found: set[str] = set()
    todo = [key]
    while todo:
        current = entries.get(todo.pop())
        if current is None:
            continue
        for up in (current.parent, *current.stands_for):
            if up and up not in found and up != key:
                found.add(up)
                todo.append(up)
    return frozenset(found)


def _case_ok(tok: Token, written: str) -> bool:
    if written.isupper() and len(written) > 1:
        return tok.text.replace(".", "") == written.replace(".", "")
    if written[:1].isupper():
        return tok.cap
    return True


def _match_name(toks: tuple[Token, ...], i: int, caseless: bool = False) -> tuple[_Entry, int] | None:
    """The longest gazetteer name at token ``i``: its entry and last token. ``caseless``: the text
    has no capital letters, so names written capitalised match in lower case (acronyms never)."""
    gaz = _gazetteer()
    for lowers, texts, entry in gaz.names.get(toks[i].lower, ()):
        end = i + len(lowers)
        if end > len(toks) or tuple(t.lower for t in toks[i:end]) != lowers:
            continue
        if all(_case_ok(tok, text) for tok, text in zip(toks[i:end], texts, strict=True)):
            return entry, end - 1
        if caseless and " ".join(lowers) not in _CASELESS_STOP and _caseless_ok(lowers, texts):
            return entry, end - 1
    word = toks[i]
    if word.cap and len(word.lower) > 5 and word.lower.endswith("ans"):  # "Estonians": a country's people
        for lowers, _texts, entry in gaz.names.get(word.lower[:-1], ()):
            if len(lowers) == 1 and entry.kind == "country":
                return entry, i
    return None


def caseless_spelling(toks: tuple[Token, ...], i: int) -> tuple[int, tuple[str, ...]] | None:
    """The gazetteer name at token ``i`` of a lower-case text (``"new south wales"``): its last
    token and its words as the gazetteer writes them, else None (see :func:`_match_name`)."""
    for lowers, texts, _entry in _gazetteer().names.get(toks[i].lower, ()):
        end = i + len(lowers)
        if end > len(toks) or tuple(t.lower for t in toks[i:end]) != lowers:
            continue
        if " ".join(lowers) not in _CASELESS_STOP and _caseless_ok(lowers, texts):
            return end - 1, texts
    return None


def _caseless_ok(lowers: tuple[str, ...], texts: tuple[str, ...]) -> bool:
    """Whether a name matches in a lower-case text: no acronym in it, except one word of three
    letters or more that is no common word ("the imf approved", not "who")."""
    if not any(t.isupper() and len(t) > 1 for t in texts):
        return True
    return len(lowers) == 1 and len(lowers[0]) >= 3 and lowers[0] not in STOPWORDS


def _context(toks: tuple[Token, ...], first: int, last: int) -> tuple[str, str]:
    j = first - 1
    while j >= 0 and toks[j].lower in ("the", "a", "an"):
        j -= 1
    left = toks[j].lower if j >= 0 else "<s>"
    k = last + 1
    if k < len(toks) and toks[k].kind == "poss":
        k += 1
    right = toks[k].lower if k < len(toks) else "</s>"
    return left, right


def _make(doc: Doc, entry: _Entry | None, first: int, last: int) -> Entity:
    toks = doc.tokens
    left, right = _context(toks, first, last)
    text = doc.span(first, last)
    # a hashtag, known name or not ("deadliest disease *#TB*", "*#amsterdam*"), tags a topic; it fills no slot
    tagged = first > 0 and toks[first - 1].text == "#"
    if entry is None:
        words = frozenset(t.lower for t in toks[first : last + 1] if t.lower not in _ACRONYM_SKIP)
        key = "?" + " ".join(sorted(words))
        kind = "topic" if tagged else "unknown"
        return Entity(key, kind, text, first, last, words | _of_names(toks, first, last), left, right)
    words = _gazetteer().words.get(entry.key, frozenset())
    return Entity(entry.key, "topic" if tagged else entry.kind, text, first, last, words, left, right)


def _of_names(toks: tuple[Token, ...], first: int, last: int) -> frozenset[str]:
    """The words of a known place named after "of" inside an unknown name: "the Football
    Association of *Iceland*" is Iceland's, as "the Canadian Parliament" is Canada's."""
    for k in range(first + 1, last + 1):
        hit = _match_name(toks, k) if toks[k - 1].lower == "of" else None
        if hit is not None and hit[1] <= last and hit[0].kind in _PLACE_TYPES:
            return _gazetteer().words.get(hit[0].key, frozenset())
    return frozenset()


def _capital_phrase(doc: Doc, entry: _Entry, first: int, last: int) -> tuple[_Entry, int] | None:
    """ "Ukraine's capital", "the Ukrainian capital" -> Kyiv."""
    toks = doc.tokens
    if entry.kind != "country":
        return None
    capital = _gazetteer().capitals.get(entry.key)
    if capital is None:
        return None
    k = last + 1
    if k < len(toks) and toks[k].kind == "poss":
        k += 1
    if k < len(toks) and toks[k].lower in ("capital", "capital city"):
        if k + 1 < len(toks) and (named := _match_name(toks, k + 1)) is not None and named[0].key == capital:
            return named[0], named[1]  # "the Moroccan capital Rabat": one name
        return _gazetteer().entries[capital], k
    return None


#: nouns that make a person's name the name of a place or a body ("the Narendra Modi Stadium")
_NAMED_AFTER = frozenset(
    "stadium airport arena university hospital foundation bridge institute centre center park street avenue "
    "square school college prize award trophy library museum".split()
)


def _national_compound(doc: Doc, entry: _Entry, last: int) -> int | None:
    """ "Canadian Parliament", "British Museum", "US Senate": a country name or demonym followed by
    capitalised words that are no known name and no title form one name; so do a company or a city
    and such words ("Bayer Leverkusen", "Manchester City", "Paris Saint-Germain"). Returns its last
    token."""
    toks = doc.tokens
    if entry.kind == "person" and not doc.title_case:
        # "the Narendra Modi *Stadium*", "the John F. Kennedy *Airport*": a place named after a person
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        return last + 1 if nxt is not None and nxt.cap and nxt.lower in _NAMED_AFTER else None
    if entry.kind not in ("country", "org", "city", "capital", "region") or doc.title_case:
        return None
    end = None
    j = last + 1
    while j < len(toks):
        t = toks[j]
        if (
            t.kind != "word"
            or not t.cap
            or t.initial
            or t.lower in STOPWORDS
            or t.lower in _TITLES
            or t.lower in _NOT_NAMES
            or _match_name(toks, j) is not None
        ):
            # "Kenya National Union *of Teachers*": an institution goes on past "of"
            if end is not None and t.lower == "of" and toks[end].lower in _OF_HEADS and _of_name_at(toks, j + 1):
                j += 1
                continue
            break
        end = j
        j += 1
    return end


def _of_name_at(toks: tuple[Token, ...], j: int) -> bool:
    """Whether a capitalised word that is no known name starts at ``j`` (after "the")."""
    if j < len(toks) and toks[j].lower == "the":
        j += 1
    return j < len(toks) and toks[j].kind == "word" and toks[j].cap and _match_name(toks, j) is None


def _compound_entity(doc: Doc, entry: _Entry, first: int, last: int) -> Entity:
    """The name of a national institution: unknown, but compatible with its country (its words
    include the country's names) and with itself written without the country."""
    toks = doc.tokens
    left, right = _context(toks, first, last)
    own = frozenset(t.lower for t in toks[first + 1 : last + 1])
    words = own | _gazetteer().words.get(entry.key, frozenset())
    key = "?" + " ".join(sorted(own | {entry.key}))
    return Entity(key, "unknown", doc.span(first, last), first, last, words, left, right)


def _prefixes(tok: Token, known: _Entry) -> bool:
    """Whether an unknown capitalised word starts one name with the known name after it: a
    direction word ("East Palestine"), or any word before a city ("Real Madrid", "Inter Milan")."""
    return tok.lower in _PREFIX_WORDS or known.kind in ("city", "capital")


#: Titles that begin a place's name before a capitalised word ("St Louis", "Saint Lawrence", "Mt Kenya").
_PLACE_TITLES = frozenset({"st", "saint", "ste", "mt", "ft"})


def _is_name_start(toks: tuple[Token, ...], i: int, title_case: bool) -> bool:
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if not title_case and tok.lower in _PLACE_TITLES and tok.cap and nxt is not None and nxt.kind == "word":
        return nxt.cap and nxt.lower not in _TITLES and nxt.lower not in STOPWORDS
    if title_case or tok.kind != "word" or not tok.cap or tok.lower in _NOT_NAMES or tok.lower in _TITLES:
        return False
    if tok.initial:
        if nxt is None:
            return False
        if tok.text.isupper() and len(tok.text) > 1 and nxt.kind == "word":
            return True  # "RBI hikes ...", "WHO warns ...": an acronym
        if tok.lower in STOPWORDS or tok.lower in _QUANTIFIER_STARTS:
            return False  # "The World Bank", "Other West African states": the name starts after it
        if tok.lower.endswith("ed") and _match_name(toks, i + 1) is not None:
            return False  # "Imprisoned Iranian campaigner ...": a participle before a known name
        if nxt.kind == "poss" or (nxt.kind == "word" and nxt.cap and nxt.lower not in _TITLES):
            return True
        # "Rosatom was chosen", "Pemex, the state oil company" (not "Lawmakers", "Deforestation")
        return not is_common_word(tok.lower) and not tok.lower.endswith(_COMMON_ENDINGS)
    # an all-capital common word is emphasis ("win gold AGAIN"), except the acronyms it spells
    return tok.lower not in STOPWORDS or tok.text in _CAPITAL_STOPWORDS


#: endings of common words missing from the word list ("Lawmakers", "Vaping", "Ridership")
_COMMON_ENDINGS = ("s", "ing", "ed", "tion", "ity", "ism", "ship", "ness")


#: last words of a name of two words or more that go on past "of" ("the Football Association of
#: Iceland", "the Democratic Republic of Congo", "the State Bank of India")
_OF_HEADS = frozenset(
    "bank court university college institute museum society association federation union league republic "
    "kingdom academy school council commission committee department ministry office board agency authority "
    "church party front movement organisation organization foundation fund centre center hospital company "
    "corporation bureau service forces army order house assembly parliament administration".split()
)


def _and_in_name(toks: tuple[Token, ...], first: int, j: int) -> bool:
    """Whether the "and" at ``j`` joins two parts of one institution's name that went on past
    "of" ("Party of Action and Solidarity") or end in its head noun ("Food and Agriculture
    Organization"), rather than two names ("Bosnia and Serbia")."""
    if j + 1 >= len(toks) or not toks[j + 1].cap or _match_name(toks, j + 1) is not None:
        return False
    k = j + 1
    while k + 1 < len(toks) and toks[k + 1].cap and toks[k + 1].kind == "word":
        k += 1
    if k > j + 1 and toks[k].lower in _OF_HEADS:
        return True  # "the Food and Agriculture Organization": the words after "and" end in a head noun
    words = [t.lower for t in toks[first:j]]
    return "of" in words[1:] and words[words.index("of", 1) - 1] in _OF_HEADS


def _capital_after_the(toks: tuple[Token, ...], j: int) -> bool:
    """Whether ``toks[j]`` is "the" and a capitalised word follows it."""
    return j + 1 < len(toks) and toks[j].lower == "the" and toks[j + 1].cap


def _caps_label(toks: tuple[Token, ...], i: int) -> bool:
    """Whether all-capital words starting at ``i`` end in a colon ("JUST IN: ...")."""
    j = i
    while j < len(toks) and toks[j].kind == "word" and toks[j].text.isupper():
        j += 1
    return j > i and j < len(toks) and toks[j].lower == ":"


def _continues_name(toks: tuple[Token, ...], j: int) -> bool:
    """A capitalised word after a possessive inside an unknown name ("People's Party")."""
    t = toks[j]
    return (
        t.kind == "word"
        and t.cap
        and t.lower not in _NOT_NAMES
        and t.lower not in _TITLES
        and _match_name(toks, j) is None
    )


def _hyphenated_name(tok: Token, parts: list[str], title_case: bool) -> bool:
    """A capitalised word whose every part is capitalised and alphabetic, mid-sentence: a name."""
    if title_case or tok.initial or len(parts) < 2:
        return False
    # every part capitalised and alphabetic ("Notre-Dame"); a one-letter part is an initial ("Jay-Z")
    return all(p.isalpha() and p[:1].isupper() and (len(p) == 1 or not p.isupper()) for p in parts) and any(
        len(p) > 1 for p in parts
    )


@lru_cache(maxsize=8192)
def _extract(doc: Doc) -> tuple[Entity, ...]:
    toks = doc.tokens
    gaz = _gazetteer()
    caseless = doc.caseless
    found: list[Entity] = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if tok.initial and _caps_label(toks, i):
            while toks[i].lower != ":":
                i += 1  # "BREAKING NEWS:", "JUST IN:", "FACT CHECK:": a label, no name
            continue
        if tok.lower == "capital" and i + 2 < n and toks[i + 1].lower == "of":
            hit = _match_name(toks, i + 2)
            if hit is not None and hit[0].kind == "country" and hit[0].key in gaz.capitals:
                found.append(_make(doc, gaz.entries[gaz.capitals[hit[0].key]], i, hit[1]))
                i = hit[1] + 1
                continue
        hit = _match_name(toks, i, caseless) if tok.kind in ("word", "acr") else None
        if hit is not None:
            entry, last = hit
            capital = _capital_phrase(doc, entry, i, last)
            if capital is not None:
                entry, last = capital
            compound = _national_compound(doc, entry, last)
            if compound is not None:
                found.append(_compound_entity(doc, entry, i, compound))
                i = compound + 1
                continue
            found.append(_make(doc, entry, i, last))
            i = last + 1
            continue
        if tok.kind == "word" and "-" in tok.text and tok.cap:
            parts = tok.text.split("-")
            hits = False
            for part in parts:
                part_hit = _match_name(analyze(part).tokens, 0) if part[:1].isupper() else None
                if part_hit is not None:
                    hits = True
                    found.append(_make(doc, part_hit[0], i, i))
            if not hits and _hyphenated_name(tok, parts, doc.title_case):
                found.append(_make(doc, None, i, i))  # "Notre-Dame", "Saint-Denis"
            i += 1
            continue
        if _is_name_start(toks, i, doc.title_case):
            last = i
            j = i + 1
            while j < n:
                t = toks[j]
                after_of = toks[j - 1].lower in _CONNECTORS and toks[j - 1].lower != "and"
                if after_of and toks[j - 1].lower == "of" and j - 2 > i and toks[j - 2].lower not in _OF_HEADS:
                    break  # "Ollanta Humala | of Peru": only an institution's name goes on past "of"
                after_of = after_of or (toks[j - 1].lower == "the" and toks[j - 2].lower == "of")
                if (
                    t.kind == "word"
                    and t.cap
                    and t.lower not in _NOT_NAMES
                    and (after_of or _match_name(toks, j) is None)  # "University of Manchester"
                ):
                    last = j
                    j += 1
                elif t.kind == "poss" and j + 1 < n and _continues_name(toks, j + 1):
                    j += 1  # "the People's Party"
                elif last == i and t.cap and (known := _match_name(toks, j)) and _prefixes(tok, known[0]):
                    last = j = known[1]  # "East Palestine", "Real Madrid": one unknown name, not two
                    j += 1
                elif t.lower in _CONNECTORS and t.lower != "and" and j + 1 < n and toks[j + 1].cap:
                    j += 1
                elif t.lower == "and" and _and_in_name(toks, i, j):
                    j += 1  # "the Party of Action and Solidarity", "the Ministry of Trade and Industry"
                elif t.lower == "of" and last == i and tok.lower in _HEAD_CLASSES and _capital_after_the(toks, j + 1):
                    j += 2  # "the University of the Witwatersrand": a head noun's name goes on past "of the"
                elif t.lower == "." and len(toks[j - 1].text) == 1 and j + 1 < n and toks[j + 1].cap:
                    j += 1  # a middle initial: "Franklin D. Roosevelt"
                else:
                    break
            found.append(_make(doc, _state_form(toks, i, last), i, last))
            i = last + 1
            continue
        i += 1
    return tuple(found)


#: the first words of a country's formal name: "the Kingdom of Denmark", "the Republic of Korea"
_STATE_FORMS = frozenset({"kingdom", "republic", "state", "commonwealth", "principality", "sultanate", "federation"})


def _state_form(toks: tuple[Token, ...], first: int, last: int) -> _Entry | None:
    """The country of a formal name, "Kingdom of Denmark" (the words up to "of" are state forms
    or their adjectives, "Federal Republic of"), else None."""
    words = [t.lower for t in toks[first : last + 1]]
    if "of" not in words or words[0] not in _STATE_FORMS | {"federal", "islamic", "united", "people", "democratic"}:
        return None
    k = first + words.index("of") + 1
    hit = _match_name(toks, k) if k <= last else None
    if hit is None or hit[1] != last or hit[0].kind != "country":
        return None
    return hit[0] if toks[k - 2].lower in _STATE_FORMS else None


def extract_entities(text: str | Doc) -> tuple[Entity, ...]:
    """Return the names in a text, in order."""
    return _extract(as_doc(text))


def entity_at(text: str | Doc, i: int) -> Entity | None:
    """Return the name that token ``i`` of a text is part of, or None."""
    return next((e for e in _extract(as_doc(text)) if e.first <= i <= e.last), None)


def same_referent(doc_a: Doc, i: int, doc_b: Doc, j: int) -> bool | None:
    """Whether token ``i`` of ``doc_a`` and token ``j`` of ``doc_b`` name the same thing.

    True for the same name, an alias or an ancestor that is not a continent (``Moscow`` /
    ``Russia``, ``United States`` / ``US``); False for two different names; None when either
    token is not part of a name.
    """
    a, b = entity_at(doc_a, i), entity_at(doc_b, j)
    if a is None or b is None:
        return None
    if "continent" in (a.kind, b.kind) and a.key != b.key:
        return False
    return _compatible(a, b)


def _acronym(short: Entity, long: Entity) -> bool:
    if len(short.words) != 1 or not (short.kind == "unknown" or short.text.isupper()):
        return False  # (a known acronym too: "NASA" / "National Aeronautics and Space Administration")
    words = long.text.lower().replace("-", " ").split()
    letters = "".join(w[0] for w in words if w not in _ACRONYM_SKIP)
    every = "".join(w[0] for w in words if w not in _ARTICLES)  # "MoD" / "Ministry of Defence"
    # a demonym read as a name of its own before the rest: "*Asian* Football Confederation" / "AFC"
    before = long.left[0] + letters if long.left.isalpha() and long.left not in STOPWORDS else ""
    return len(letters) > 1 and next(iter(short.words)).replace(".", "") in (letters, every, before)


def _compatible(a: Entity, b: Entity) -> bool:
    if a.key == b.key or a.key in _ancestors(b.key) or b.key in _ancestors(a.key):
        return True
    if a.kind == "unknown" or b.kind == "unknown":
        if a.words <= b.words or b.words <= a.words or _acronym(a, b) or _acronym(b, a) or _demonym(a, b):
            return True
        if _shortened(a.text, b.text) or _acronym_head(a.text, b.text) or _camel_blend(a.text, b.text):
            return True
        if _cognates(a.text, b.text):
            return True
        return a.text.lower().replace("-", " ") == b.text.lower().replace("-", " ")
    return False


def _short_form(a: Entity, b: Entity) -> bool:
    """Whether one name may shorten the other: an acronym ("TEPCO"), a blend of its words
    ("Banxico" / "Bank of Mexico", "Pemex" / "Petróleos Mexicanos") or the same first word."""
    words_a, words_b = a.text.lower().split(), b.text.lower().split()
    if words_a[0] == words_b[0]:
        return True
    for short, full in ((a, words_b), (b, words_a)):
        word = short.text.lower()
        if len(short.words) != 1:
            continue
        blend = word[:2] == full[0][:2] and any(w[:3] in word[2:] for w in full[1:])  # "Pe-mex"
        # (the same last letters only against a name of two words or more: "Gotland" / "Öland" are two)
        tail = len(full) > 1 and word[-3:] == full[-1][-3:]
        if short.text.isupper() or word[:3] == full[0][:3] or tail or blend:
            return True
    return False


def _cognates(x: str, y: str) -> bool:
    """ "Berliner Philharmoniker" / "Berlin Philharmonic": names of two words or more, word for word
    the same but for their endings (each pair shares at least 80 % of the shorter word and five
    letters; "Austrian Open" / "Australian Open" share only "austr")."""
    words_x, words_y = x.lower().split(), y.lower().split()
    if len(words_x) < 2 or len(words_x) != len(words_y) or words_x == words_y:
        return False
    for a, b in zip(words_x, words_y, strict=True):
        shared = next((k for k, (p, q) in enumerate(zip(a, b, strict=False)) if p != q), min(len(a), len(b)))
        if a != b and (shared < 5 or shared < 0.8 * min(len(a), len(b))):
            return False
    return True


def _acronym_head(x: str, y: str) -> bool:
    """ "the AI Act" / "the Artificial Intelligence Act", "the NSW Rural Fire Service" / "the New
    South Wales Rural Fire Service": the same last words, and the first word of the one the
    initials of the other's words before them."""
    words_x, words_y = x.split(), y.split()
    short, long = sorted((words_x, words_y), key=len)
    tail = len(short) - 1  # the words after the initials: "the *NSW Rural Fire Service*" / "New South Wales ..."
    if tail < 1 or len(long) < tail + 2 or not short[0].isupper():
        return False
    if [w.lower() for w in short[1:]] != [w.lower() for w in long[-tail:]]:
        return False
    return short[0].lower() == "".join(w[0] for w in long[:-tail] if w.lower() not in _ACRONYM_SKIP).lower()


def _camel_blend(x: str, y: str) -> bool:
    """ "TurkStat" / "Turkish Statistical Institute": the parts of a camel-cased word start
    successive words of the other name."""
    for short, long in ((x, y), (y, x)):
        parts = [p.lower() for p in re.findall(r"[A-Z][a-z]+", short)]
        words = long.lower().split()
        if " " in short or len(parts) < 2 or "".join(parts) != short.lower():
            continue
        if any(
            all(w.startswith(p) for p, w in zip(parts, words[k:], strict=False))
            for k in range(len(words) - len(parts) + 1)
        ):
            return True
    return False


def _shortened(x: str, y: str) -> bool:
    """ "Man City" / "Manchester City", "Man United" / "Manchester United": the same words but
    the first, one the start of the other."""
    words_x, words_y = x.lower().split(), y.lower().split()
    if len(words_x) != len(words_y) or len(words_x) < 2 or words_x[1:] != words_y[1:]:
        return False
    short, long = sorted((words_x[0], words_y[0]), key=len)
    return len(short) >= 3 and short != long and long.startswith(short)


def _demonym(a: Entity, b: Entity) -> bool:
    """ "Alaska" / "Alaskan", "Texas" / "Texan", "Florida" / "Floridian": one word and its adjective
    (the only word that differs: "South Australia" / "South Australian")."""
    only_a, only_b = a.words - b.words, b.words - a.words
    return len(only_a) == 1 and len(only_b) == 1 and is_demonym_pair(next(iter(only_a)), next(iter(only_b)))


def is_demonym_pair(x: str, y: str) -> bool:
    """Whether two lower-case words are a place and its adjective (``texas`` / ``texan``,
    ``australia`` / ``australian``): :func:`_demonym` for two words."""
    short, long = sorted((x, y), key=len)
    if len(short) < 4:
        return False
    if {short[-1], long[-1]} == {"s", "n"} and short[:-1] == long[:-1]:
        return True  # Texas / Texan
    return 1 <= len(long) - len(short) <= 3 and long.startswith(short[:-1]) and long.endswith(("n", "ese", "ish", "i"))


def _matched(entity: Entity, others: tuple[Entity, ...], own: tuple[Entity, ...]) -> bool:
    """Whether a name of the other text stands for ``entity``: the same name or an alias, or an
    ancestor or a vaguer name that the entity's own text does not also contain. In "Texas has the
    largest population of any US state" / "California ... any US state", "US" is matched by "US"
    and is no counterpart for Texas, so Texas and California are compared."""
    own_keys = {e.key for e in own if e is not entity}
    feature = _feature(entity)
    # (not an ancestor when the other text names another place of the same kind: "spans the *Yangtze
    # River*" / "China built ... on the *Yellow River*")
    rival = feature is not None and any(_feature(o) == feature and o.key != entity.key for o in others)
    return any(
        other.key == entity.key
        or (
            other.key not in own_keys
            and _compatible(entity, other)
            and not _claimed(other, entity, others)
            and not (rival and other.key in _ancestors(entity.key))
        )
        for other in others
    )


def _claimed(vague: Entity, entity: Entity, others: tuple[Entity, ...]) -> bool:
    """Whether an ancestor of ``entity`` in the other text already stands for another name of the
    same rank or group there: in "the Moroccan city of Casablanca", Morocco is Casablanca's, and is
    no counterpart for "Rabat" in the first text; in "Chinese carmaker BYD", China is BYD's, not
    Geely's."""
    if vague.key not in _ancestors(entity.key):
        return False
    rank = _rank(entity)
    return any(
        o is not vague
        and o.key != entity.key
        and (
            (vague.key in _ancestors(o.key) and _rank(o) == rank)
            # "Ethiopia's Amhara region": an unknown part named right after it, against a known part
            or (o.kind == "unknown" and o.left == "'s" and o.first == vague.last + 2 and rank != "country")
        )
        for o in others
    )


def _written(entity: Entity, other: Doc) -> bool:
    """Whether an unknown name's last word is written capitalised in the other text, where it was
    not read as a name (at a sentence start: "*Mbappé* joined ..." / "Kylian Mbappé left ..."), or
    is a part of a hyphenated word there."""
    last = entity.text.split()[-1].lower()
    if entity.kind != "unknown":
        return False
    # ... or inside a hyphenated word of the other text: "Mercosur" / "the *EU-Mercosur* deal"
    return any(
        (t.cap and t.lower == last and entity_at(other, t.i) is None) or ("-" in t.lower and last in t.lower.split("-"))
        for t in other.tokens
    )


def _evidence(a: Entity, b: Entity, singles: bool) -> float:
    """Return how strongly two unmatched names fill the same slot (0: not at all)."""
    if "topic" in (a.group, b.group):
        return 0.0
    if a.right not in ("</s>",) and antonym_type(a.right, b.right):
        return 0.0  # "Biden won" vs "Trump lost": a converse, not a substitution
    # the same word before both, or synonyms ("*shut* Siargao to" / "*closed* Boracay to")
    same_left = a.left == b.left or (a.left.isalpha() and a.left not in STOPWORDS and synonyms(a.left, b.left))
    same_right = a.right == b.right
    same_word_after = same_right and a.right.isalpha() and a.right not in STOPWORDS  # "the X government"
    feature = _feature(a)
    if feature is not None and feature == _feature(b) and "person" not in (a.group, b.group):
        return 1.0  # "the Dnipro river" / "the Dniester river": two names of one kind of place
    if a.group == "unknown" and b.group == "unknown":
        if same_left and same_right:
            return 2.0
        one_plain = any(len(x.words) >= 2 for x in (a, b)) and a.text.split()[0] != b.text.split()[0]
        if one_plain and same_left and (a.left in _PLACE_WORDS or a.left == "of"):
            return 1.0  # "at the Stade de France" / "at Wembley", "the state of Minas Gerais" / "of Bahia"
        if not singles:
            return 0.0
        # The only unmatched names of both texts, two words or more each (or one camel-cased
        # word) with different first words, after the same word or title ("in Santa Barbara
        # County" / "in San Luis Obispo County", "councillor Tomasz Wierzbicki" / "Councillor
        # Priya Raghunathan", "operated by Blue Origin" / "operated by OceanGate") or before
        # the same word; or two acronyms ("arrested by the ICPC" / "the EFCC arrested")
        plainly = all(len(x.words) >= 2 or _camel_case(x.text) for x in (a, b))  # "Blue Origin" / "OceanGate"
        distinct_names = plainly and a.text.split()[0] != b.text.split()[0]
        # ... or a rare word in a sentence ("from Sriharikota" / "from Thiruvananthapuram")
        rare = all(len(x.words) >= 2 or _camel_case(x.text) or _rare_name(x) for x in (a, b)) and not _short_form(a, b)
        if (distinct_names or (rare and a.text != b.text)) and ((same_left and a.left != "<s>") or same_word_after):
            return 1.0
        # the only unmatched names, each its sentence's subject, one of them plainly a name:
        # "Reminder that Davido was the first ..." / "Burna Boy became the first ..."
        subjects = a.left in _SUBJECT_LEFT and b.left in _SUBJECT_LEFT
        if subjects and any(len(x.words) >= 2 for x in (a, b)) and not _short_form(a, b):
            return 0.5
        first_a, first_b = a.text.split()[0].lower(), b.text.split()[0].lower()
        shortened = first_a.startswith(first_b) or first_b.startswith(first_a)  # "Man United" / "Manchester United"
        if distinct_names and not (shortened and a.text.split()[-1] == b.text.split()[-1]):
            return 0.5  # the only unmatched full names of both texts: "Cate Blanchett" / "Juliette Binoche"
        words_a, words_b = a.text.split(), b.text.split()
        if len(words_a) == len(words_b) == 3 and words_a[:2] == words_b[:2] and words_a[1] == "of":
            return 0.5  # "the Ministry of Health" / "the Ministry of Migration": one kind, two bodies
        rest_a, rest_b = set(a.text.lower().split()[1:]), set(b.text.lower().split()[1:])
        if words_a[0] == words_b[0] and rest_a and rest_b and not rest_a & rest_b:
            return 0.5  # "Best Sound" / "Best Visual Effects", "Hurricane Milton" / "Hurricane Helene"
        if _is_acronym(a) and _is_acronym(b):
            return 0.5
        # the only unmatched names of both texts, one word each, neither a form of the other:
        # "carried out by the LockBit gang" / "Rhysida ... carried out", "in Gujarat" / "in Assam"
        distinct = not _short_form(a, b) and not (a.words & b.words)
        one_word = len(a.words) == len(b.words) == 1
        if distinct and one_word and not (_is_acronym(a) or _is_acronym(b)):
            return 0.5
        # ... or a full name against a rare one-word name: "City Power" / "Eskom", "Rio Tinto" /
        # "Glencore", "Tokayev" / "Nursultan Nazarbayev"
        long, short = (a, b) if len(a.words) >= 2 else (b, a)
        mixed = len(long.words) >= 2 and len(short.words) == 1 and _rare_name(short) and long.left != "<s>"
        return 0.5 if distinct and mixed else 0.0
    if a.group == "unknown" or b.group == "unknown":
        known = b if a.group == "unknown" else a
        if known.group not in ("person", "org", "place"):
            return 0.0
        if same_left and same_right:
            return 1.5
        if same_left and a.left != "<s>":
            return 1.0
        unknown = a if a.group == "unknown" else b
        # The only unmatched names of both texts, the unknown one plainly a name: two or more
        # capitalised words ("Sanna Marin" / "Jacinda Ardern"), or an organisation's acronym
        # ("raided by the ATF" / "the FBI raided").
        plain_name = len(unknown.words) >= 2 if known.group == "person" else _is_acronym(unknown)
        if singles and known.group != "place" and plain_name:
            return 0.5
        # the only unmatched names, before the same word: "Orpo announced" / "Keir Starmer
        # announced"; for a place, the same institution: "the Queensland government" / "the
        # Victorian government" (not "Podil district reported" / "Ukraine reported": a place within)
        institution = known.group != "place" or a.right in _INSTITUTIONS
        return 1.0 if singles and same_word_after and institution else 0.0
    if a.group != b.group:
        return 0.0
    if a.kind != b.kind and a.group == "place" and {a.kind, b.kind} & {"continent", "water"}:
        return 1.0 if same_left and same_right else 0.0
    score = float(same_left) + float(same_right)
    if score:
        return score
    # The only unmatched names of their group, with no shared neighbour: the same slot only when
    # they are the same kind of place ("met in Paris" / "led by the United States" are not).
    return 0.5 if singles and (a.group != "place" or _place_rank(a) == _place_rank(b)) else 0.0


#: Nouns that say what kind of thing a name is, by class: "the miner SQM", "the port city of
#: Beira", "the Morena party", "the University of Cape Town", "the HUN Party".
_HEAD_CLASSES: dict[str, str] = {
    **dict.fromkeys("city town village port capital municipality township suburb".split(), "settlement"),
    **dict.fromkeys("province state region county district prefecture governorate territory oblast".split(), "region"),
    **dict.fromkeys(
        "company firm miner maker carmaker automaker drugmaker chipmaker carrier airline lender bank insurer "
        "retailer operator giant conglomerate startup start-up producer manufacturer developer supplier "
        "broadcaster publisher utility refiner shipbuilder".split(),
        "company",
    ),
    "party": "party",
    "university": "university",
    "college": "university",
    "court": "court",
    "tribunal": "court",
    "club": "club",
    "asteroid": "asteroid",
    "comet": "asteroid",
    "volcano": "volcano",
    "rocket": "rocket",
    "launcher": "rocket",
    "lake": "water",
    "stadium": "venue",
    "arena": "venue",
    "airport": "airport",
    "mount": "mountain",
    "river": "water",
    **dict.fromkeys("gulf bay sea strait ocean".split(), "water"),
}
#: what comes before a name that starts its sentence: the start, "that", a label's colon
_SUBJECT_LEFT = frozenset({"<s>", "that", ":"})
#: evidence for two names said to be the same class of thing: above a shared neighbour (1.0), so
#: "the Narendra Modi Stadium" / "Wankhede Stadium" pair before "at the X" / "at Mumbai's"
_SAME_CLASS_SCORE = 1.25
#: classes that a name before "of" can head: "the city of X", "the province of X"
_OF_CLASSES = frozenset({"settlement", "region"})


def _head_class(doc: Doc, entity: Entity) -> str | None:
    """The class of thing a name is said to be, from a noun inside or around it, else None: its
    own head ("HUN *Party*", "*University* of Cape Town"), the noun after it ("the Morena
    *party*"), or a descriptor before it ("the *miner* SQM", "the port *city* of Beira")."""
    if entity.kind in ("city", "capital"):
        return "settlement"  # a known town: "the capital, Port Vila" / "the town of Luganville"
    if entity.kind == "region":
        return "region"  # "Hokkaido" / "Kumamoto prefecture"
    if entity.kind == "water":
        return "water"  # "the river Thames" / "down the Seine" (with the river class below)
    words = entity.text.lower().split()
    if "of" in words[1:]:
        head = words[words.index("of") - 1]
    elif len(words) >= 2:
        head = words[-1] if words[-1] in _HEAD_CLASSES else words[0]  # "HUN *Party*", "*Mount* Etna"
    else:
        head = ""
    if head in _HEAD_CLASSES and _HEAD_CLASSES[head] not in _OF_CLASSES:
        return _HEAD_CLASSES[head]  # not "Manchester *City*", "Islamic *State*": a club, a group
    if (
        entity.right in _HEAD_CLASSES
        and entity.right not in ("capital", "state", "port")
        and not _possessor(doc, entity)
    ):
        return _HEAD_CLASSES[entity.right]  # (not "Keir Starmer's *party*": what the name owns)
    toks = doc.tokens
    if entity.left in _HEAD_CLASSES and entity.left != "state" and entity.first > 0 and not toks[entity.first - 1].cap:
        return _HEAD_CLASSES[entity.left]
    if entity.left == "of" and entity.first >= 2 and _HEAD_CLASSES.get(toks[entity.first - 2].lower) in _OF_CLASSES:
        return _HEAD_CLASSES[toks[entity.first - 2].lower]
    return None


def _same_class(classes_a: list[str | None], classes_b: list[str | None], ia: int, ib: int) -> bool:
    """Whether two unmatched names are said to be the same class of thing and are the only
    unmatched names of that class in their texts ("the miner SQM" / "the chemicals firm Albemarle")."""
    kind = classes_a[ia]
    return kind is not None and kind == classes_b[ib] and classes_a.count(kind) == 1 and classes_b.count(kind) == 1


def _same_frame(doc_a: Doc, a: Entity, doc_b: Doc, b: Entity) -> bool:
    """Two unknown one-word names after the same two words ("the Nobel Prize *in* Chemistry" /
    "the Nobel Prize *in* Physics"): one slot."""
    if (
        a.kind != "unknown"
        or b.kind != "unknown"
        or len(a.words) != 1
        or len(b.words) != 1
        or a.first < 2
        or b.first < 2
    ):
        return False
    before_a = [t.lower for t in doc_a.tokens[a.first - 2 : a.first]]
    before_b = [t.lower for t in doc_b.tokens[b.first - 2 : b.first]]
    return before_a == before_b and before_a[0].isalpha() and before_a[0] not in STOPWORDS


def _only_of_group(doc: Doc, free: list[Entity]) -> list[bool]:
    """For each unmatched name, whether it is the only one of its group (of its rank, for a
    place). Names in a closing attribution (", Spanish officials said.") do not count against the
    claim's own names; among themselves they do."""
    source = [_in_attribution(doc, e) for e in free]
    # places count by rank: "the *Caribbean* arts festival ... in *Trinidad and Tobago*" leaves one country
    ranks = [_rank(e) for e in free]
    # one name written twice counts once ("Baku, the capital of Azerbaijan")
    return [
        len({free[k].key for k in range(len(free)) if ranks[k] == ranks[i] and (source[i] or not source[k])}) == 1
        for i in range(len(free))
    ]


#: verbs that close an attribution clause (", Spanish officials said.")
_REPORTING = frozenset("said says told reported announced claimed confirmed stated added warned".split())


def _in_attribution(doc: Doc, entity: Entity) -> bool:
    """Whether a name is in a closing attribution: after the last comma of its sentence, in a
    clause that ends with a reporting verb and optional time words (", Spanish officials said on
    Monday.")."""
    toks = doc.tokens
    comma = next((k for k in range(entity.first - 1, -1, -1) if toks[k].lower in (",", ".", ";", ":")), None)
    if comma is None or toks[comma].lower != ",":
        return False
    for k in range(entity.last + 1, len(toks)):
        if toks[k].lower in _REPORTING:
            return all(t.kind == "sym" or t.lower in ("on", "in", "last", "this") or t.cap for t in toks[k + 1 :])
        if toks[k].kind == "sym" or toks[k].cap:
            return False
    return False


def _feature(entity: Entity) -> str | None:
    """The kind of geographic feature a name is of, from its own last word or the word after it
    ("Dnipro River", "the Dniester river"), else None."""
    last = entity.text.split()[-1].lower()
    return last if last in _FEATURES else entity.right if entity.right in _FEATURES else None


def _is_acronym(entity: Entity) -> bool:
    """ "ATF", "UNRWA": one all-capital word of two to six letters."""
    return len(entity.words) == 1 and entity.text.isalpha() and entity.text.isupper() and 2 <= len(entity.text) <= 6


def _place_rank(entity: Entity) -> str:
    """The kind of place, with a capital counted as a city."""
    return "city" if entity.kind == "capital" else entity.kind


def _rank(entity: Entity) -> str:
    """A place's rank (:func:`_place_rank`), any other name's group: what "the only unmatched name
    of its kind" counts by."""
    return _place_rank(entity) if entity.group == "place" else entity.group


def _initial_swap(
    doc: Doc, other: Doc, free: list[Entity], other_ents: tuple[Entity, ...], reverse: bool
) -> list[Finding]:
    """ "Amazon bought MGM" / "Apple bought MGM": a known name that starts one text against a
    capitalised word that starts the other, followed by the same word. A capitalised word at the
    start of a sentence is usually no name (``Regulators approved``), so it counts only against a
    known name at the same place, with the same article (``The FDA`` / ``Regulators`` is a vaguer
    wording), and not when it is plural or a common collective noun (``Police``)."""
    toks, otoks = doc.tokens, other.tokens
    if not otoks or other.title_case:
        return []
    articled = otoks[0].lower in ("the", "a", "an")
    w = 1 if articled else 0
    if w >= len(otoks) - 1:
        return []
    word = otoks[w]
    if (
        word.kind != "word"
        or not word.cap
        or word.lower in STOPWORDS
        or word.lower in _TITLES
        or word.lower in _NOT_NAMES
        or word.lower in _COMMON_INITIAL
        or (word.lower.endswith("s") and not word.lower.endswith("ss") and not _camel_case(word.text))
        or otoks[w + 1].cap
        or any(e.first <= w <= e.last for e in other_ents)
        or word.lower in {t.lower for t in toks}
    ):
        return []
    k = w + 1
    if otoks[k].kind == "poss":
        k += 1
    right = otoks[k].lower if k < len(otoks) else "</s>"
    for e in free:
        if e.group not in ("person", "org", "place") or e.left != "<s>" or e.right != right:
            continue
        if right == "</s>" or (e.first > 0) != articled or any(is_demonym_pair(word.lower, w) for w in e.words):
            continue
        text_a, text_b = (word.text, e.text) if reverse else (e.text, word.text)
        return [Finding(Family.ENTITIES, Relation.CONFLICT, f"entities differ: {text_a} vs {text_b}", 0.6)]
    return []


# Verbs whose two arguments can swap without changing the claim ("Biden met Xi" = "Xi met Biden").
_SYMMETRIC = frozenset(
    stem(w)
    for w in "meet met meets meeting play played plays face faced faces draw drew tie tied talk talked talks "
    "negotiate negotiated marry married merge merged clash clashed border borders bordered ally allied "
    "trade traded compete competed debate debated fight fought fights partner partnered".split()
)
# Words that make the order of two names meaningless or reversed: coordination, comparison, passive.
_NO_ROLES = frozenset(
    {"and", "or", ",", "&", "with", "between", "than", "as", "by", "vs", "versus", "v", "nor"}
    # a condition or time clause between them: two clauses ("X could reopen only if Y reached ...")
    | {"if", "unless", "once", "until", "after", "before", "when", "while", "because", "during"}
)
_ROLE_GAP = 6
_DISTANT_ROLE_GAP = 12


def _counterpart(entity: Entity, others: tuple[Entity, ...]) -> Entity | None:
    """The one name of the other text that stands for ``entity`` (the same name first, else an alias)."""
    same = [o for o in others if o.key == entity.key]
    if same and not entity.key.startswith("?"):
        return same[0]  # a known name written twice ("Cricket Australia confirmed that Australia won") is one
    found = same or [o for o in others if _compatible(entity, o)]
    return found[0] if len(found) == 1 else None


def _role_words(doc: Doc, first: Entity, second: Entity, distant: bool = False) -> frozenset[str] | None:
    """Stems of the content words between two names (the verb that relates them), or None when
    the names are far apart or coordinated, compared or in a passive. A noun before "of" the
    second name, or the first word between them when a modal follows it, is a name's own
    ("*Uzbek citizens* can enter", "lets *citizens of Uzbekistan*"), no relation. ``distant``
    reads further, past commas of an apposition ("Hansen Civil is suing its former director,
    Mark Ellery"), other names and an object ("JERA buys a stake in the Scarborough project from
    Woodside"), but not past another clause break."""
    between = doc.tokens[first.last + 1 : second.first]
    gap, no_roles = (_DISTANT_ROLE_GAP, _NO_ROLES - {","}) if distant else (_ROLE_GAP, _NO_ROLES)
    if not between or len(between) > gap or any(t.lower in no_roles for t in between):
        return None
    if distant and any(is_break(t) and t.lower != "," for t in between):
        return None  # (commas only around an apposition: "its former director*,* Mark Ellery")
    if any(t.lower in BE and n.lower.endswith(("ed", "en")) for t, n in pairwise(between)):
        return None  # "the activist *will be deported* from Poland": a passive without "by"
    own = {t.i for t, n in pairwise(between) if n.lower == "of" or (t is between[0] and n.lower in MODALS)}
    if between[-1].lower == "of" and len(between) > 1:
        own.add(between[-2].i)
    return frozenset(t.stem for t in between if t.is_content and t.i not in own)


#: stems of verbs whose subject is the receiver: "Indonesia *received* 478 objects from the Netherlands"
_RECEIVING = frozenset({"receiv", "got", "get", "obtain"})


def _role_swaps(new_doc: Doc, old_doc: Doc, ents_a: tuple[Entity, ...], ents_b: tuple[Entity, ...]) -> list[Finding]:
    """ "France beat Argentina" / "Argentina beat France", "Mexican police stormed the Ecuadorian
    embassy" / "Ecuadorian police stormed the Mexican embassy": the same two names on either side
    of the same verb, in swapped places. Symmetric verbs (met, played) and passives are skipped."""
    if len(ents_a) < 2 or len(ents_b) < 2:
        return []
    for x, xb, y, yb, distant in (
        (*names, distant) for distant in (False, True) for names in _placed_pairs(ents_a, ents_b, swapped=True)
    ):
        words_a, words_b = _role_words(new_doc, x, y, distant), _role_words(old_doc, yb, xb, distant)
        if not words_a or not words_b:
            continue
        if _possessor(new_doc, x) != _possessor(old_doc, yb):
            continue  # "Denmark's cod stocks in the Baltic" / "Baltic cod stocks off Denmark": no roles
        if bool(words_a & _RECEIVING) != bool(words_b & _RECEIVING):
            continue  # "the Netherlands returned objects to Indonesia" / "Indonesia received objects": converses
        # the same verb, or synonyms ("beat" / "defeated"), not after an article in either text
        common_a = {w for w in words_a if any(_same_role_verb(w, v) for v in words_b)}
        common_b = {v for v in words_b if any(_same_role_verb(w, v) for w in words_a)}
        verbs_a, verbs_b = (
            _verb_like(new_doc, x, y, frozenset(common_a)),
            _verb_like(old_doc, yb, xb, frozenset(common_b)),
        )
        if not verbs_a or not verbs_b or (verbs_a | verbs_b) & _SYMMETRIC:
            continue
        if distant and not (_verb_follows(new_doc, x, verbs_a) and _verb_follows(old_doc, yb, verbs_b)):
            continue  # far apart, the first name must be the verb's subject
        if _modifier(new_doc, x, verbs_a) or _modifier(old_doc, yb, verbs_b):
            continue  # "the Ukraine *peace summit* in Switzerland" / "the Swiss-hosted *peace summit* on Ukraine"
        text_a, text_b = new_doc.span(x.first, y.last), old_doc.span(yb.first, xb.last)
        return [Finding(Family.ENTITIES, Relation.CONFLICT, f"roles swapped: '{text_a}' vs '{text_b}'", 0.75)]
    return []


#: stems of verbs of beating someone: one relation between winner and loser, whatever the verb
#: ("Molde *knocked* Rosenborg out" / "Rosenborg *eliminated* Molde")
_DEFEATING = frozenset(
    stem(w)
    for w in "beat beats beaten defeated defeats defeat eliminated eliminates eliminate knocked knocks knock "
    "edged edges ousted ousts oust overcame overcome overcomes thrashed thrashes routed routs outplayed "
    "pipped downed toppled topples dumped".split()
)


def _same_role_verb(a: str, b: str) -> bool:
    """Whether two verb stems relate two names the same way: the same stem, synonyms, or two verbs
    of beating someone."""
    return a == b or synonyms(a, b) or (a in _DEFEATING and b in _DEFEATING)


#: the most words of an apposition after a subject: "Mark Ellery*, a former director,* is suing"
_APPOSITION = 6


def _verb_follows(doc: Doc, subject: Entity, stems: frozenset[str]) -> bool:
    """Whether the first content word after a name, past an apposition between commas and any
    auxiliaries, is one of the verb ``stems``: the name is that verb's subject ("Mark Ellery, a
    former director, *is suing*", "Piaggio Aerospace *has taken over*")."""
    toks = doc.tokens
    k = subject.last + 1
    if _possessor(doc, subject):
        return False  # "*Morocco's* ban on ...": a possessor, no subject
    plural_noun = k + 1 < len(toks) and toks[k].is_content and not toks[k].cap and toks[k].lower.endswith("s")
    if _demonym_form(subject) and plural_noun:
        k += 1  # "*Mexican officials* handed ...": a demonym before the subject's plural noun
    if k < len(toks) and toks[k].lower == ",":
        close = next((j for j in range(k + 1, min(len(toks), k + 2 + _APPOSITION)) if toks[j].lower == ","), None)
        if close is None:
            return False
        k = close + 1
    while k < len(toks) and (toks[k].lower in AUX or not toks[k].is_content):
        if is_break(toks[k]):
            return False
        k += 1
    return k < len(toks) and toks[k].stem in stems and not toks[k].cap  # (not "the *Champions* Trophy")


def _placed_pairs(
    ents_a: tuple[Entity, ...], ents_b: tuple[Entity, ...], swapped: bool
) -> Iterator[tuple[Entity, Entity, Entity, Entity]]:
    """Two names of the new text in order (``x`` before ``y``, no alias of each other), each with
    exactly one counterpart in the old text (``xb``, ``yb``), the counterparts in swapped order or
    in the same order."""
    placed = [(x, xb) for x in ents_a if x.group != "topic" and (xb := _counterpart(x, ents_b)) is not None]
    for ia, (x, xb) in enumerate(placed):
        for y, yb in placed[ia + 1 :]:
            in_order = (yb.last < xb.first) if swapped else (xb.last < yb.first)
            if xb is not yb and in_order and not _compatible(x, y):
                yield x, xb, y, yb


def _voiced_verb(doc: Doc, first: Entity, second: Entity) -> tuple[str, bool] | None:
    """The verb between two names and whether it is a passive with its agent ("Morocco *were beaten*
    1-0 *by* Portugal" -> ``("beat", True)``; "Morocco *beat* Portugal" -> ``("beat", False)``), or
    None when the words between are no single verb phrase."""
    between = doc.tokens[first.last + 1 : second.first]
    if not between or len(between) > _ROLE_GAP or any(t.lower in _NO_ROLES and t.lower != "by" for t in between):
        return None
    words = [t for t in between if t.is_content and t.kind == "word"]
    if len(words) != 1:
        return None
    verb = words[0]
    after_be = verb.i > 0 and doc.tokens[verb.i - 1].lower in BE
    by = between[-1].lower == "by"
    if after_be != by:
        return None  # "was deported from Australia": a passive without its agent; "rose by": an amount
    return verb.stem, by


def _voice_swaps(new_doc: Doc, old_doc: Doc, ents_a: tuple[Entity, ...], ents_b: tuple[Entity, ...]) -> list[Finding]:
    """ "Morocco beat Portugal" / "Morocco were beaten by Portugal": the same two names in the same
    order around one verb, active in one text and passive in the other (the roles swapped)."""
    for x, xb, y, yb in _placed_pairs(ents_a, ents_b, swapped=False):
        va, vb = _voiced_verb(new_doc, x, y), _voiced_verb(old_doc, xb, yb)
        if va is None or vb is None or va[1] == vb[1] or not _same_role_verb(va[0], vb[0]):
            continue
        if va[0] in _SYMMETRIC:
            continue
        text_a, text_b = new_doc.span(x.first, y.last), old_doc.span(xb.first, yb.last)
        return [Finding(Family.ENTITIES, Relation.CONFLICT, f"roles swapped: '{text_a}' vs '{text_b}'", 0.75)]
    return []


def _modifier(doc: Doc, first: Entity, stems: frozenset[str]) -> bool:
    """Whether a name modifies the role word right after it, and no role word is a verb ("*Ukraine*
    peace summit"), rather than being their subject ("*France* beat", "*Mexican* police stormed")."""
    nxt = doc.tokens[first.last + 1] if first.last + 1 < len(doc.tokens) else None
    if nxt is None or nxt.stem not in stems:
        return False
    role_words = [t for t in doc.tokens[first.last + 1 :] if t.stem in stems]
    return not any(
        t.lower in _WIN_VERBS or t.lower.endswith(("ed", "s")) or is_irregular_form(t.lower) for t in role_words
    )  # ("the Sinaloa Cartel *sold* cocaine to": an irregular past is a verb)


#: verbs whose subject (or agent after "by") won: "Weah *beat* Boakai", "*was won by* Boakai"
_WIN_VERBS = frozenset("won win wins beat beats beaten defeated defeats defeat topped tops".split())
#: "took the most (seats)", "won the most": a verb of taking before "the most"
_TAKING = frozenset({"took", "take", "takes", "won", "wins", "got", "gets"})
#: "came first", "finished top", "ranked first", "finished ahead of": a verb of placing and a first place
_PLACING = frozenset({"came", "comes", "finished", "finishes", "placed", "ended", "ranked", "ranks"})
#: words between a winner and its verb: "X, who *narrowly* beat", "X *has* won"
_WINNER_SKIP = frozenset("who has have had narrowly comfortably easily eventually finally also".split())
#: words between "only" and the name it restricts: "hit *only* Trondheim", "only *in* Bergen"
_ONLY_SKIP = frozenset({"in", "at", "on", "to", "for", "the"})


def _winner(doc: Doc, ents: tuple[Entity, ...]) -> tuple[Entity, int] | None:
    """The name that a text says won, and the index of the verb that says so: the subject of
    "won" / "beat" / "came first" / "took the most", the agent of "was won by" / "defeated by"."""
    toks = doc.tokens
    for i, t in enumerate(toks):
        nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
        if t.lower == "crowned" and i > 0 and toks[i - 1].lower in BE:
            k = i - 2  # "Egypt *were crowned* champions"
            found = next((e for e in ents if e.last == k), None)
        elif nxt == "by" and t.lower in _WIN_VERBS:
            k = i + 2  # the agent (not "lost to X": a polarity question beside "X won")
            while k < len(toks) and toks[k].lower in _ARTICLES:
                k += 1
            found = next((e for e in ents if e.first == k), None)
            if found is not None and _possessor(doc, found):
                # "beaten by *Finland's* Social Democrats": the name after the possessor, to its last word
                found = next((e for e in ents if e.first == found.last + 2), found)
                while (after := next((e for e in ents if e.first == found.last + 1), None)) is not None:
                    found = after
        elif (
            t.lower in _WIN_VERBS
            or (t.lower in _PLACING and nxt in ("first", "top"))
            or (t.lower in _PLACING and nxt == "ahead" and i + 2 < len(toks) and toks[i + 2].lower == "of")
            or (t.lower in _TAKING and nxt == "the" and i + 2 < len(toks) and toks[i + 2].lower == "most")
        ):
            k = i - 1
            while k >= 0 and (toks[k].lower in _WINNER_SKIP or (toks[k].lower == "," and toks[k + 1].lower == "who")):
                k -= 1
            found = next((e for e in ents if e.last == k), None)
            if found is not None and found.first > 1 and toks[found.first - 1].lower == "of":
                # "the Black Ferns of New Zealand beat England": the name before "of"
                found = next((e for e in ents if e.last == found.first - 2), found)
        else:
            continue
        if found is not None:
            return found, i
    return None


def _only_name(doc: Doc, ents: tuple[Entity, ...]) -> tuple[Entity, int] | None:
    """The name a text restricts to with "only" ("hit *only Trondheim*", "*Only Bergen* was
    affected"), and where its "only" is."""
    toks = doc.tokens
    for i, t in enumerate(toks):
        if t.lower != "only" or (i > 0 and toks[i - 1].lower == "not"):
            continue
        k = i + 1
        while k < len(toks) and toks[k].lower in _ONLY_SKIP:
            k += 1
        found = next((e for e in ents if e.first == k), None)
        if found is not None:
            return found, i
    return None


def _focus_swaps(new_doc: Doc, old_doc: Doc, ents_a: tuple[Entity, ...], ents_b: tuple[Entity, ...]) -> list[Finding]:
    """ "Weah beat Boakai" / "the runoff was won by Boakai, who defeated Weah", "hit only Trondheim,
    with Bergen running normally" / "only Bergen was affected": both texts name both names, and
    give the winner (or the only one) as different ones."""
    for kind, find in (("winner", _winner), ("the only one named", _only_name)):
        found_a, found_b = find(new_doc, ents_a), find(old_doc, ents_b)
        if found_a is None or found_b is None:
            continue
        (a, ia), (b, ib) = found_a, found_b
        if _compatible(a, b) or a.group == "topic" or b.group == "topic":
            continue
        in_b, in_a = _counterpart(a, ents_b), _counterpart(b, ents_a)
        if in_b is None or in_a is None or in_b is b or in_a is a:
            continue  # each text must name the other's winner too, as someone else
        text_a, text_b = _focus_text(new_doc, a, ia), _focus_text(old_doc, b, ib)
        return [Finding(Family.ENTITIES, Relation.CONFLICT, f"{kind} differs: '{text_a}' vs '{text_b}'", 0.75)]
    return []


def _focus_text(doc: Doc, entity: Entity, cue: int) -> str:
    """The name and its cue as written: "Weah beat", "won by Boakai", "came first", "only Bergen"."""
    last = max(entity.last, cue)
    if last == cue and last + 1 < len(doc.tokens) and doc.tokens[last + 1].lower in ("first", "top", "the"):
        last += 1 if doc.tokens[last + 1].lower != "the" else 2  # "came first", "took the most"
    return doc.span(entity.first, last) if entity.first < cue else doc.quote(cue, last)


def _possessor(doc: Doc, entity: Entity) -> bool:
    """Whether a possessive "'s" follows a name ("*Russia's* attack on Ukraine")."""
    return entity.last + 1 < len(doc.tokens) and doc.tokens[entity.last + 1].kind == "poss"


#: possessive determiners, which make the word after them a noun ("his business *partner*")
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_NOUN_DETERMINERS = _ARTICLES | _POSSESSIVES


def _verb_like(doc: Doc, first: Entity, second: Entity, stems: frozenset[str]) -> frozenset[str]:
    """The ``stems`` between two names that are not nouns after an article or a possessive, or
    the second of two words after one ("the *final* of", "his business *partner*")."""
    between = doc.tokens[first.last + 1 : second.first]
    return frozenset(
        t.stem
        for k, t in enumerate(between)
        if t.stem in stems
        and not (k > 0 and between[k - 1].lower in _NOUN_DETERMINERS)
        and not (k > 1 and between[k - 2].lower in _POSSESSIVES and between[k - 1].is_content)
    )


def _rare_name(entity: Entity) -> bool:
    """One word inside a sentence that is no common English word (:func:`is_common_word`) and no
    acronym: plainly a name."""
    text = entity.text
    plain = len(entity.words) == 1 and text.isalpha() and not text.isupper() and entity.left != "<s>"
    return plain and not is_common_word(text.lower())


def _camel_case(text: str) -> bool:
    """ "TotalEnergies", "OpenAI": a capital inside the word marks a name, even one ending in -s."""
    return any(c.isupper() for c in text[1:]) and not text.isupper()


def _unmatched(own: tuple[Entity, ...], others: tuple[Entity, ...], other_doc: Doc) -> list[Entity]:
    """The names of one text that no name of the other stands for (topics, names written in the
    other text and acronyms of a name of their own text aside)."""
    return [
        e
        for e in own
        if e.group != "topic"
        and not _matched(e, others, own)
        and not _written(e, other_doc)
        and not _own_acronym(e, own)
    ]


def _demonym_form(entity: Entity) -> bool:
    """A country's name as a one-word adjective: "Russian", "Ukrainian", "Turkish", "Chinese"."""
    return entity.kind == "country" and " " not in entity.text and entity.text.endswith(_DEMONYM_ENDINGS)


_DEMONYM_ENDINGS = ("an", "ish", "ese", "i")


def _second_mentions(own: tuple[Entity, ...], others: tuple[Entity, ...]) -> list[Entity]:
    """The names of a text that mention a name more often than the other text does, written in a
    form the other text never uses for it ("Ukrainian" beside "Ukraine", where the other text
    only has "Ukraine")."""
    found = []
    for e in own:
        mine = sum(x.key == e.key for x in own)
        theirs = [x for x in others if x.key == e.key]
        if e.group != "topic" and 0 < len(theirs) < mine and all(x.text != e.text for x in theirs):
            found.append(e)
    return found


def _own_acronym(entity: Entity, own: tuple[Entity, ...]) -> bool:
    """ "the James Webb Space Telescope (JWST)": an acronym of another name of its own text."""
    return any(o is not entity and _acronym(entity, o) for o in own)


def _coordinated(doc: Doc, first: Entity, second: Entity) -> bool:
    between = doc.tokens[first.last + 1 : second.first]
    return 0 < len(between) <= 2 and all(t.lower in _COORDINATION for t in between)


def unmatched_names(new: str | Doc, old: str | Doc) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the names of each text that no name of the other stands for, as written.

    Both tuples non-empty means each text names someone or something the other does not: a
    candidate for a swapped name that :func:`compare_entities` could not place in one slot
    (``"Samsung became the top seller"`` / ``"Xiaomi overtook Apple"``). Topics (hashtags, diseases)
    are left out.
    """
    *_, free_a, free_b = _names(as_doc(new), as_doc(old))
    return tuple(e.text for e in free_a), tuple(e.text for e in free_b)


def _names(new_doc: Doc, old_doc: Doc) -> tuple[tuple[Entity, ...], tuple[Entity, ...], list[Entity], list[Entity]]:
    """The names of both texts, then those of each that no name of the other stands for."""
    ents_a, ents_b = extract_entities(new_doc), extract_entities(old_doc)
    ents_a, ents_b = _with_initial_name(new_doc, ents_a, ents_b), _with_initial_name(old_doc, ents_b, ents_a)
    return ents_a, ents_b, _unmatched(ents_a, ents_b, old_doc), _unmatched(ents_b, ents_a, new_doc)


def _with_initial_name(doc: Doc, own: tuple[Entity, ...], others: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """The names of a text, with its first word added when the other text names it as a name of
    one word ("*Rafael* will supply the radar for Elbit" / "... for *Rafael*'s new battery"): a
    capitalised word at a sentence start is otherwise no name (``Regulators approved``)."""
    toks = doc.tokens
    if not toks or toks[0].kind != "word" or not toks[0].cap or any(e.first == 0 for e in own):
        return own
    if not any(o.first > 0 and o.first == o.last and o.text == toks[0].text for o in others):
        return own
    return (_make(doc, None, 0, 0), *own)


def compare_entities(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return findings for names substituted in the same slot.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        Findings such as ``"entities differ: Paris vs Berlin"`` or
        ``"entities differ: Macron and Starmer vs Merz and Meloni"``.
    """
    new_doc, old_doc = as_doc(new), as_doc(old)
    ents_a, ents_b, free_a, free_b = _names(new_doc, old_doc)
    # "a *Russian* missile strike destroyed the dam in southern Ukraine" / "... in southern Ukraine
    # by a *Ukrainian* missile strike": a second mention of a shared name, as an adjective, can fill
    # the slot of the other text's adjective
    if free_a and not free_b and all(_demonym_form(f) for f in free_a):
        free_b = [m for m in _second_mentions(ents_b, ents_a) if _demonym_form(m)]
    elif free_b and not free_a and all(_demonym_form(f) for f in free_b):
        free_a = [m for m in _second_mentions(ents_a, ents_b) if _demonym_form(m)]
    candidates: list[tuple[float, int, int]] = []
    single_a, single_b = _only_of_group(new_doc, free_a), _only_of_group(old_doc, free_b)
    classes_a = [_head_class(new_doc, a) for a in free_a]
    classes_b = [_head_class(old_doc, b) for b in free_b]
    for ia, a in enumerate(free_a):
        for ib, b in enumerate(free_b):
            score = _evidence(a, b, single_a[ia] and single_b[ib])
            same_kind = _same_class(classes_a, classes_b, ia, ib) or _same_frame(new_doc, a, old_doc, b)
            # (not "the Amazon" / "Brazil's Amazon region": one name; "Lake X" / "Lake Y" share only the head)
            if same_kind and not (a.words & b.words) - _HEAD_CLASSES.keys():
                score = max(score, _SAME_CLASS_SCORE)
            if score > 0:
                candidates.append((score, ia, ib))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    pairs: list[tuple[Entity, Entity, float]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for score, ia, ib in candidates:
        if ia not in used_a and ib not in used_b:
            used_a.add(ia)
            used_b.add(ib)
            pairs.append((free_a[ia], free_b[ib], score))
    pairs.sort(key=lambda p: p[0].first)
    groups: list[list[tuple[Entity, Entity, float]]] = []
    for pair in pairs:
        if (
            groups
            and _coordinated(new_doc, groups[-1][-1][0], pair[0])
            and _coordinated(old_doc, groups[-1][-1][1], pair[1])
        ):
            groups[-1].append(pair)
        else:
            groups.append([pair])
    findings: list[Finding] = (
        _role_swaps(new_doc, old_doc, ents_a, ents_b)
        or _voice_swaps(new_doc, old_doc, ents_a, ents_b)
        or _focus_swaps(new_doc, old_doc, ents_a, ents_b)
    )
    paired = {id(a) for a, _, _ in pairs} | {id(b) for _, b, _ in pairs}
    findings += _initial_swap(new_doc, old_doc, [a for a in free_a if id(a) not in paired], ents_b, False)
    if not findings:
        findings += _initial_swap(old_doc, new_doc, [b for b in free_b if id(b) not in paired], ents_a, True)
    for group in groups:
        text_a = new_doc.span(group[0][0].first, group[-1][0].last)
        text_b = old_doc.span(group[0][1].first, group[-1][1].last)
        best = max(score for _, _, score in group)
        weight = 0.75 if best >= 1.0 else 0.65
        if any(a.kind == "unknown" or b.kind == "unknown" for a, b, _ in group):
            weight = 0.6
        reason = f"entities differ: {text_a} vs {text_b}"
        findings.append(Finding(Family.ENTITIES, Relation.CONFLICT, reason, weight))
    return findings
