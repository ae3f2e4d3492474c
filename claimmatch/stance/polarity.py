"""Polarity: antonyms in the same slot (rose / fell, approved / rejected, legal / illegal).

The lexicon is ``data/antonyms.tsv`` (see :mod:`claimmatch.stance.lexicon`). A swap counts when
neither word also appears in the other text, the two words share a neighbour (``prices rose`` /
``prices fell``), their named subjects do not differ (``Biden won`` / ``Trump lost`` is a converse,
not a swap), and both are negated alike (``did not approve`` / ``rejected`` agree).
Two words also fill the same slot when the first content words after them overlap
(``welcomed the idea of Ukraine joining NATO`` / ``reject any prospect of Ukraine joining NATO``),
or, in different voices, when their logical subjects or objects do (``the bill was rejected by
the Senate`` / ``the Senate approved the bill``; ``it is dangerous to mix bleach`` / ``mixing
bleach is safe``), unless both logical subjects are different names (a converse).

Every swap is a NEGATION: the contrast set's stance table (the specification of issue 4) treats
an antonym swap as negating the claim, so a *false* "prices rose" makes "prices fell" likely
(mostly) true. Complementary pairs (legal / illegal) weigh 0.75, contrary pairs (rise / fall,
which can both be false when prices stay flat) 0.7; negating a false claim only ever implies
*mostly_true* (see :mod:`claimmatch.stance.verdicts`), which covers the "both false" case in part.
"""

from __future__ import annotations

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.entities import entity_at, same_referent
from claimmatch.stance.lexicon import COMPLEMENTARY, antonym_type, in_lexicon, is_polar, is_prefixed, maybe_antonyms
from claimmatch.stance.negation import negated_tokens, negation_scopes, verb_phrase
from claimmatch.stance.qualifiers import extract_qualifiers
from claimmatch.stance.synonyms import same_sense
from claimmatch.stance.tokens import AUX, BE, CLAUSE_BREAKS, DATE_WORDS, MODALS, MONTHS, Doc, Token, as_doc, is_break

__all__ = ["compare_polarity", "neighbours"]

_WEIGHTS = {COMPLEMENTARY: 0.75, "contrary": 0.7}
_WINDOW = 4
_OBJECT_WORDS = 3
#: content words of an active subject, across "of" / "in" ("prices of old dwellings in Finland")
_SUBJECT_WORDS = 4
#: Particles of phrasal verbs ("laid off", "turned down"), tried with their verb in the lexicon.
_PARTICLES = frozenset({"off", "down", "up", "out", "back", "in", "on", "over", "away", "short", "ahead"})
#: Particles that reverse each other after one verb: "went up" / "went down", "opted in" / "opted out".
_OPPOSITE_PARTICLES = {"up": "down", "down": "up", "in": "out", "out": "in", "on": "off", "off": "on"}
#: "voted for" / "voted against", "argued in favour of" / "argued against".
_FOR = ("for", "in favour of", "in favor of")
#: The only words that can flip after one verb: a particle, or the first word of for / against.
_FLIP_WORDS = frozenset(_OPPOSITE_PARTICLES) | {"for", "against", "in"}
#: Verbs whose object is the loser: "X beat Y" = "Y lost to X", so "Y was beaten" = "Y lost".
_CONVERSE_VERBS = ("beat", "defeat", "outvot", "overpower", "thrash", "trounc", "rout")
_PHRASE_GLUE = frozenset(
    {"and", "or", "of", "the", "a", "an", "for", "in", "among", "'s", "'", "by", "to", "into", "from", "on", "at"}
)  # ("sea arrivals *to* Italy", "crossings *into* the EU")
_BE = BE | {"am"}
#: Participles that do not end in -ed / -en / -wn ("the bill was *upheld*").
_IRREGULAR_PARTICIPLES = frozenset(
    "lost won left held upheld shut kept cut sold bought built made put set struck sent spent brought caught "
    "fought told found led paid hit let shot begun".split()
)
_LOSE = frozenset({"lose", "los", "loss"})
_WINNING = ("win", "won", "beat", "defeat")
_ACTIVE_CONVERSE = frozenset("beat beats beating defeat defeats defeated defeating".split())
#: Linking verbs before a predicate adjective: "cannabis *remains* legal" / "cannabis *is now* illegal".
_LINKING = frozenset("remain remains remained stay stays stayed become becomes became now still".split())
#: Verbs that link a passive to a predicate adjective: "was *declared* unconstitutional".
_JUDGED = frozenset({"declared", "deemed", "ruled", "found", "considered", "judged", "proven", "proved"})
#: Adverbs between the auxiliaries and a participle ("was *narrowly* rejected").
_ADVERBS_BEFORE_PARTICIPLE = frozenset(
    "not also reportedly officially formally later then quickly narrowly unanimously overwhelmingly widely "
    "strongly".split()
)


def neighbours(doc: Doc, i: int) -> tuple[Token | None, Token | None]:
    """Return the nearest content words left and right of token ``i`` within its clause."""
    toks = doc.tokens
    negated_cues = {s.cue for s in negation_scopes(doc)}
    found: list[Token | None] = []
    for step in (-1, 1):
        hit: Token | None = None
        j = i + step
        while 0 <= j < len(toks) and abs(j - i) <= _WINDOW:
            t = toks[j]
            if t.lower in CLAUSE_BREAKS and t.lower not in ("and",):
                break
            if t.is_content and t.lower not in AUX and j not in negated_cues:
                hit = t
                break
            j += step
        found.append(hit)
    return found[0], found[1]


def _objects(doc: Doc, i: int) -> frozenset[str]:
    """Stems of the first :data:`_OBJECT_WORDS` content words after token ``i`` in its clause."""
    found: set[str] = set()
    for t in doc.tokens[i + 1 :]:
        if _acronym(t):
            found.add(t.stem)  # "criticised by the *WHO*" (not the relative pronoun "who")
        elif t.lower in CLAUSE_BREAKS and not _joins_numbers(doc.tokens, t.i):
            break
        elif t.is_content and t.lower not in AUX:
            found.add(t.stem)
            if len(found) == _OBJECT_WORDS:
                break
    return frozenset(found)


def _joins_numbers(toks: tuple[Token, ...], i: int) -> bool:
    """Whether the dash at ``i`` joins two numbers ("won *4-0* against Chelsea"), not two clauses."""
    return 0 < i < len(toks) - 1 and toks[i - 1].kind == "num" and toks[i + 1].kind == "num"


def _theme(doc: Doc, i: int) -> frozenset[str]:
    """ "a rise *in soft drink sales*", "the decline *of coal*": stems of the noun phrase a change
    noun is about (its run of content words after ``in`` / ``of`` and any determiners)."""
    toks = doc.tokens
    if i + 1 >= len(toks) or toks[i + 1].lower not in ("in", "of"):
        return frozenset()
    k = i + 2
    while k < len(toks) and toks[k].lower in ("the", "a", "an", "its", "their"):
        k += 1
    found: set[str] = set()
    while k < len(toks) and toks[k].is_content and toks[k].lower not in AUX and len(found) < _OBJECT_WORDS:
        found.add(toks[k].stem)
        k += 1
    return frozenset(found)


def _subject_words(doc: Doc, i: int) -> frozenset[str]:
    """Stems of the run of content words right before token ``i`` (auxiliaries skipped):
    ``soft drink sales`` in "Soft drink sales fell"."""
    return _subject_phrase(doc, _before_verb_group(doc.tokens, i), glue=frozenset())


def _nominal_slot(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """ "a decline in teen smoking" / "teen smoking increased": a change noun's theme is the
    other word's subject (one contains the other: not "bread prices" / "fuel prices")."""
    for doc_x, x, doc_y, y in ((doc_a, a, doc_b, b), (doc_b, b, doc_a, a)):
        theme, subject = _theme(doc_x, x.i), _subject_words(doc_y, y.i)
        if theme and subject and (theme <= subject or subject <= theme):
            return True
        # the subject's whole noun phrase: "a rise in measles cases" / "measles cases in Romania fell"
        if theme and len(theme) >= 2 and theme <= _noun_phrase(doc_y, _before_verb_group(doc_y.tokens, y.i)):
            return True
    return False


#: A word's voice and the stems of its logical subject and object (see :func:`_roles`).
_Roles = tuple[str, frozenset[str], frozenset[str]]


def _roles(doc: Doc, i: int) -> _Roles:
    """The voice of the word at ``i`` and the stems of its logical subject and object.

    * active ("the Senate *approved* the bill"): the content words before it, and after it;
    * passive ("the bill was *rejected* by the Senate"): the agent after ``by`` (empty without
      one), and the surface subject before the auxiliaries;
    * extraposed ("it is *dangerous* to mix bleach"): the words after ``to``, and none.
    """
    toks = doc.tokens
    k = _before_verb_group(toks, i)
    auxiliaries = {t.lower for t in toks[k + 1 : i]}
    if auxiliaries & _BE and k >= 0 and toks[k].lower == "it" and i + 1 < len(toks) and toks[i + 1].lower == "to":
        return "extraposed", _objects(doc, i + 1), frozenset()
    word = toks[i].lower
    keep = _keeping_verb(toks, i)
    if keep is not None:  # "Thailand *kept* its border crossings *open*" = kept them from closing
        objects = frozenset(t.stem for t in toks[keep + 1 : i] if t.is_content)
        return "active", _subject_phrase(doc, _before_verb_group(toks, keep), limit=_SUBJECT_WORDS), objects
    if auxiliaries & _REMAINING and (word in _STATES or word.endswith("ed")):
        # "the checkpoints would *remain shut*": a state of the subject, as a passive says
        return "passive", frozenset(), _noun_phrase(doc, k)
    participle = word.endswith(("ed", "en", "wn")) or word in _IRREGULAR_PARTICIPLES
    # "Ban rejected by voters" (not "prices dropped by 70%": an amount)
    headline = i + 2 < len(toks) and toks[i + 1].lower == "by" and toks[i + 2].kind != "num" and not auxiliaries
    if participle and (auxiliaries & _BE or headline):
        by = _agent_by(toks, i)
        agent = _objects(doc, by) | _name_list(doc, by + 1) if by is not None else frozenset()
        # the surface subject's whole noun phrase: "fares for sleeper class on India's trains were raised"
        return "passive", agent, _noun_phrase(doc, k)
    # across "with" too: "Vietnam's trade surplus *with* the US widened"
    return "active", _subject_phrase(doc, k, glue=_PHRASE_GLUE | {"with"}, limit=_SUBJECT_WORDS), _objects(doc, i)


_KEEPING = frozenset({"keep", "keeps", "kept", "keeping", "leave", "leaves", "left", "leaving"})
_REMAINING = frozenset({"remain", "remains", "remained", "stay", "stays", "stayed"})
#: states a "keep" or a "remain" holds: "kept the border *open*", "remained *shut*"
_STATES = frozenset({"open", "closed", "shut", "legal", "illegal", "unchanged", "intact", "active", "suspended"})
_KEEP_OBJECT_WORDS = 8


def _keeping_verb(toks: tuple[Token, ...], i: int) -> int | None:
    """Where a verb of keeping governs the state word at ``i`` across its object ("*kept* all of its
    border crossings with Cambodia *open*"), within :data:`_KEEP_OBJECT_WORDS` words; else None."""
    if toks[i].lower not in _STATES:
        return None
    for k in range(i - 2, max(-1, i - 2 - _KEEP_OBJECT_WORDS), -1):
        if is_break(toks[k]):
            return None
        if toks[k].lower in _KEEPING:
            return k
    return None


def _before_verb_group(toks: tuple[Token, ...], i: int) -> int:
    """The index of the last token before the auxiliaries and adverbs of the word at ``i`` ("the
    ban *will be legally* lifted", "the law *was declared* unconstitutional"); an -ly adverb or a
    verb of judging counts only right after an auxiliary."""
    k = i - 1
    while k >= 0:
        word = toks[k].lower
        after_aux = k > 0 and toks[k - 1].lower in AUX
        ly_adverb = len(word) > 4 and word.endswith("ly") and after_aux
        judged = (word in _JUDGED and after_aux) or word in _LINKING  # "*was declared* illegal", "*remains* legal"
        to_be = word == "to" and k + 1 < len(toks) and toks[k + 1].lower == "be"  # "were found *to* be illegal"
        if not (word in AUX or word in _ADVERBS_BEFORE_PARTICIPLE or ly_adverb or judged or to_be):
            break
        k -= 1
    return _before_apposition(toks, k)


_APPOSITION_WORDS = 8


def _before_apposition(toks: tuple[Token, ...], k: int) -> int:
    """Past an apposition that ends at token ``k`` ("the cocoa harvest in Ivory Coast*, the world's
    biggest producer,* shrank"): the index before its opening comma, else ``k``."""
    if k < 0 or toks[k].lower != ",":
        return k
    for j in range(k - 1, max(-1, k - 1 - _APPOSITION_WORDS), -1):
        if toks[j].lower == ",":
            return j - 1 if j > 0 else k
        if is_break(toks[j]):
            return k
    return k


def _overlap(stems_a: frozenset[str], stems_b: frozenset[str]) -> bool:
    """A stem in common, or two synonyms ("oil *output*" / "crude *production*")."""
    return bool(stems_a & stems_b) or any(same_sense(x, y) for x in stems_a for y in stems_b)


def _acronym(tok: Token) -> bool:
    """An all-capital word of two letters or more ("WHO", "EU")."""
    return tok.kind == "word" and len(tok.text) > 1 and tok.text.isupper()


def _noun_phrase(doc: Doc, k: int) -> frozenset[str]:
    """Stems of up to six content words of the noun phrase ending at token ``k``, across ``of``,
    ``for``, ``in``, ``on``, ``at``, ``to``, ``from``, articles and possessives."""
    return _subject_phrase(doc, k, glue=_PHRASE_GLUE | {"on", "at", "to", "from"}, limit=6)


def _name_list(doc: Doc, k: int) -> frozenset[str]:
    """Stems of a list of names starting at ``k``, across commas and "and": "by *Mali, Niger and
    Burkina Faso*"."""
    found: set[str] = set()
    for t in doc.tokens[k : k + 12]:
        if t.cap and t.is_content:
            found.add(t.stem)
        elif t.lower not in (",", "and", "the"):
            break
    return frozenset(found)


def _agent_by(toks: tuple[Token, ...], i: int) -> int | None:
    """The "by" of a passive's agent within its clause ("were extended to 14 hours *by* the
    ministry"), not of an amount ("raised by 10%"), else None."""
    for t in toks[i + 1 : i + 7]:
        if t.lower in CLAUSE_BREAKS and not _joins_numbers(toks, t.i):
            return None
        if t.lower == "by":
            after = toks[t.i + 1] if t.i + 1 < len(toks) else None
            return None if after is None or after.kind == "num" else t.i
    return None


def _subject_phrase(
    doc: Doc, k: int, glue: frozenset[str] = _PHRASE_GLUE, limit: int = _OBJECT_WORDS
) -> frozenset[str]:
    """Stems of up to ``limit`` content words of the noun phrase ending at token ``k``,
    across the ``glue`` words (``and`` / ``of`` / articles: "*mixing bleach and ammonia* is safe")."""
    found: set[str] = set()
    if k >= 0 and doc.tokens[k].lower == "to":
        return frozenset()  # "decided to *ease*": an infinitive, no subject phrase before it
    while k >= 0 and len(found) < limit:
        tok = doc.tokens[k]
        if (tok.is_content and tok.lower not in AUX) or _acronym(tok):  # "the *WHO* praised"
            found.add(tok.stem)
        elif tok.lower not in glue:
            break
        k -= 1
    return frozenset(found)


def _passive_converse(doc: Doc, tok: Token) -> bool:
    """ "was defeated", "were beaten": a verb whose passive means "lose" ("X was beaten" = "X lost")."""
    return tok.lower.startswith(_CONVERSE_VERBS) and _roles(doc, tok.i)[0] == "passive"


def _told_both_ways(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """An active converse verb against its passive: "the challenger *beat* the incumbent" / "the
    incumbent *was defeated*" tell one event."""
    passive_a, passive_b = _passive_converse(doc_a, a), _passive_converse(doc_b, b)
    return (passive_a and not passive_b and b.lower in _ACTIVE_CONVERSE) or (
        passive_b and not passive_a and a.lower in _ACTIVE_CONVERSE
    )


def _converse_swap(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """A win against a loss with subject and object swapped, both active: "South Africa *defeated*
    Morocco" / "Morocco's team *lost* to South Africa" tell one result; so do a win and a loss *to*
    the winner ("Fidesz *won* the election" / "the opposition *lost to* Fidesz")."""
    if not ({a.stem, b.stem} & _LOSE and (a.stem.startswith(_WINNING) or b.stem.startswith(_WINNING))):
        return False
    (voice_a, subject_a, object_a), (voice_b, subject_b, object_b) = _roles(doc_a, a.i), _roles(doc_b, b.i)
    if voice_a != voice_b or voice_a != "active":
        return False
    if subject_a & object_b and object_a & subject_b:
        return True
    # "Fidesz won the election" / "the opposition lost to Fidesz": the winner named after "lost to"
    for x, subject_x, doc_y, y, object_y in (
        (a, subject_a, doc_b, b, object_b),
        (b, subject_b, doc_a, a, object_a),
    ):
        if x.stem.startswith(_WINNING) and y.stem in _LOSE and _lost_to(doc_y, y) and subject_x & object_y:
            return True
    return False


def _lost_to(doc: Doc, tok: Token) -> bool:
    """Whether "to" (or "out to") follows a verb of losing: "lost *to* Fidesz"."""
    after = [t.lower for t in doc.tokens[tok.i + 1 : tok.i + 3]]
    return after[:1] == ["to"] or after == ["out", "to"]


def _named(doc: Doc, stems: frozenset[str]) -> bool:
    """Whether a capitalised word is among ``stems`` (at a sentence start too: "*Trump* lost")."""
    return any(t.cap and t.stem in stems for t in doc.tokens)


def _corefer(doc_a: Doc, stems_a: frozenset[str], doc_b: Doc, stems_b: frozenset[str]) -> bool:
    """Whether a capitalised word among ``stems_a`` names what one among ``stems_b`` names (an alias:
    ``EU`` / ``European Union``)."""
    names_b = [t.i for t in doc_b.tokens if t.cap and t.stem in stems_b]
    return any(
        same_referent(doc_a, t.i, doc_b, j) for t in doc_a.tokens if t.cap and t.stem in stems_a for j in names_b
    )


def _voice_slot(doc_a: Doc, roles_a: _Roles, doc_b: Doc, roles_b: _Roles) -> bool | None:
    """Whether two words in different voices fill one slot ("was rejected by the Senate" /
    "the Senate approved"), given their :func:`_roles`; ``None`` when the voices agree or the
    roles share nothing (the other tests decide: "construction *was halted*" / "construction
    *continued*")."""
    voice_a, subject_a, object_a = roles_a
    voice_b, subject_b, object_b = roles_b
    if voice_a == voice_b:
        return None
    if subject_a and subject_b and not subject_a & subject_b and _named(doc_a, subject_a) and _named(doc_b, subject_b):
        # "the election was won by Biden" / "Trump lost the election": a converse; but "were imposed
        # by the EU" / "the European Union lifted": one subject under two names
        return _corefer(doc_a, subject_a, doc_b, subject_b)
    return True if subject_a & subject_b or object_a & object_b else None


def _same_slot(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    if _nominal_slot(doc_a, a, doc_b, b):
        return True
    roles_a, roles_b = _roles(doc_a, a.i), _roles(doc_b, b.i)
    by_voice = _voice_slot(doc_a, roles_a, doc_b, roles_b)
    if by_voice is not None:
        return by_voice
    left_a, right_a = neighbours(doc_a, a.i)
    left_b, right_b = neighbours(doc_b, b.i)
    (voice_a, subject_a, object_a), (voice_b, subject_b, object_b) = roles_a, roles_b
    shared_subject = voice_a == voice_b and bool(subject_a & subject_b if voice_a == "active" else object_a & object_b)
    named_subjects_differ = (
        left_a is not None
        and left_b is not None
        and left_a.cap
        and left_b.cap
        and left_a.lower not in DATE_WORDS  # "said on *Monday* it had reopened": a date, no subject
        and left_b.lower not in DATE_WORDS
        and not _plain_initial(doc_a, left_a)  # "*Authorities* reopened": a capital at the start, no name
        and not _plain_initial(doc_b, left_b)
        and left_a.stem != left_b.stem
        and not same_referent(doc_a, left_a.i, doc_b, left_b.i)  # "Jakarta lifted" / "Indonesia imposed"
        and not shared_subject  # "the Supreme Court of India ruled" / "India's Supreme Court ruled"
    )  # "Biden won the election" / "Trump lost the election": a converse
    if _named_objects_differ(doc_a, a, doc_b, b):
        return False  # "left Paris Saint-Germain" / "joined Manchester City": two moves, not a swap
    if shared_subject and not named_subjects_differ:
        return True  # "the vaccination rate among children has fallen" / "... in Romania has increased"
    if not named_subjects_differ and _overlap(_objects(doc_a, a.i), _objects(doc_b, b.i)):
        return True  # "welcomed the idea of Ukraine joining" / "reject any prospect of Ukraine joining"
    if not named_subjects_differ and _shared_context(doc_a, a, doc_b, b) and not _answered(doc_a, a, doc_b, b):
        return True  # "Sea arrivals to Italy jumped 60% in 2024" / "arrivals by sea dropped by 60% in 2024"
    if not named_subjects_differ and voice_a == voice_b and _stem_prefixes(subject_a, subject_b):
        return True  # "measles cases in Europe decreased" / "infections across the European region increased"
    if not named_subjects_differ and _sole_polar_words(doc_a, a, doc_b, b):
        return True  # "Suez Canal earnings *climbed* in 2024" / "canal revenue in 2024 *dropped*"
    if left_a is not None and left_b is not None:  # "reported a profit" / "posted a loss"
        return left_a.stem == left_b.stem or same_sense(left_a.lower, left_b.lower)
    if right_a is not None and right_b is not None:
        return right_a.stem == right_b.stem
    return (left_a is None and left_b is None) or (right_a is None and right_b is None)


def _stem_prefixes(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether a stem of one set begins another of the other, at four letters or more: a word and
    its derivative ("europ" / "european", "german" / "germany")."""
    return any(len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x)) for x in a for y in b)


_SHARED_CLAIM_WORDS = 2


def _sole_polar_words(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """Whether the two words are the only antonym-lexicon words of their texts and the texts share
    two other content stems (or synonyms): one claim told two ways, whatever its subject phrase
    looks like ("China's factory activity *contracted* in May, the index showed" / "the index showed
    Chinese manufacturing *expanded* in May")."""
    stems_a, stems_b = doc_a.stems, doc_b.stems
    for doc, tok, other_stems in ((doc_a, a, stems_b), (doc_b, b, stems_a)):
        # (a polar word both texts hold, "potash *exports*" / "*exports* of potash", is no other contrast)
        if any(
            t.i != tok.i and t.is_content and not t.cap and is_polar(t.stem) and t.stem not in other_stems
            for t in doc.tokens
        ):
            return False
    near_a = {t.stem for t in doc_a.tokens if t.is_content and t.i != a.i}
    near_b = {t.stem for t in doc_b.tokens if t.is_content and t.i != b.i}
    shared = {x for x in near_a if x in near_b or any(same_sense(x, y) for y in near_b)}
    return len(shared) >= _SHARED_CLAIM_WORDS


_CONTEXT_WORDS = 5
_CONTEXT_SHARED = 2


def _shared_context(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """Whether the content words within five words of each word share two stems (or synonyms)."""

    def around(doc: Doc, i: int) -> set[str]:
        window = doc.tokens[max(0, i - _CONTEXT_WORDS) : i + _CONTEXT_WORDS + 1]
        return {t.stem for t in window if t.is_content and t.i != i and t.lower not in AUX}

    near_a, near_b = around(doc_a, a.i), around(doc_b, b.i)
    shared = {x for x in near_a if x in near_b or any(same_sense(x, y) for y in near_b)}
    return len(shared) >= _CONTEXT_SHARED


def _answered(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """Whether either word has a same-sense word in the other text ("home sales *plunged* ... rates
    soaring" / "home sales *slumped* ... rates *surged*": each direction is stated in both)."""
    return any(t.is_content and t.i != b.i and same_sense(a.lower, t.lower) for t in doc_b.tokens) or any(
        t.is_content and t.i != a.i and same_sense(b.lower, t.lower) for t in doc_a.tokens
    )


def _plain_initial(doc: Doc, tok: Token) -> bool:
    """A capitalised word at the start of a sentence that is no name ("Authorities", "Officials")."""
    return tok.initial and entity_at(doc, tok.i) is None


def _named_objects_differ(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """Whether both words are followed by a name (their object) and the names share no word and
    name nothing in common."""
    names_a, names_b = _object_names(doc_a, a.i), _object_names(doc_b, b.i)
    if not names_a or not names_b or {t.stem for t in names_a} & {t.stem for t in names_b}:
        return False
    return not any(same_referent(doc_a, x.i, doc_b, y.i) for x in names_a for y in names_b)


def _object_names(doc: Doc, i: int) -> list[Token]:
    """The name right after the word at ``i`` (an article between allowed): "left *Paris
    Saint-Germain*", "joined *the* EU"; not a date ("on April 1") nor a place phrase ("in Germany")."""
    toks = doc.tokens
    k = i + 2 if i + 2 < len(toks) and toks[i + 1].lower in ("the", "a", "an") else i + 1
    found: list[Token] = []
    while k < len(toks) and _name_word(toks[k]) and toks[k].lower not in MONTHS:
        found.append(toks[k])
        k += 1
    return found


def _phrase(doc: Doc, tok: Token) -> str:
    for scope in negation_scopes(doc):
        if scope.head == tok.i:
            return doc.span(scope.first, scope.head)
    return verb_phrase(doc, tok.i)


def _quoted(doc: Doc, tok: Token, form: str) -> str:
    """The words of a polar word as a reason quotes them: its verb phrase, and the rest of the
    lexicon form that matched ("has *brought forward*", "*came out against*")."""
    extra = form.count(" ")
    return _phrase(doc, tok) + (" " + doc.span(tok.i + 1, tok.i + extra) if extra else "")


def _forms(doc: Doc, tok: Token) -> tuple[str, ...]:
    """The word, and the word with its particle when it is a phrasal verb ("laid off"); "lose" for
    a passive converse ("was defeated" is compared as "lost": against "won", not against "lost")
    and for the noun "defeat"."""
    if _passive_converse(doc, tok):
        return ("lose",)
    if _defeat_noun(doc, tok):
        return (tok.lower, "lose")  # "a 2-1 *defeat* to Germany": a loss, against "a 2-1 win" too
    toks = doc.tokens
    if tok.i + 1 >= len(toks):
        return (tok.lower,)
    two = f"{tok.lower} {toks[tok.i + 1].lower}"
    if tok.i + 2 < len(toks) and in_lexicon(three := f"{two} {toks[tok.i + 2].lower}"):
        return (three, tok.lower)  # "came out against"
    if toks[tok.i + 1].lower in _PARTICLES or in_lexicon(two):  # "laid off", "lost ground"
        return (two, tok.lower)
    return (tok.lower,)


def _particle_flips(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "prices went up" / "prices went down", "voted for" / "voted against": one verb, opposite
    particles or prepositions, the same subject."""
    findings: list[Finding] = []
    flips_b = [
        b
        for b in old_doc.tokens[1:]
        if b.lower in _FLIP_WORDS and not _before_stance(old_doc, b.i) and not _preposition(old_doc, b.i)
    ]
    for a in new_doc.tokens[1:]:
        if a.lower not in _FLIP_WORDS or _before_stance(new_doc, a.i) or _preposition(new_doc, a.i):
            continue  # neither a particle nor for / against / in (favour of)
        verb_a = _verb_before(new_doc, a.i)
        if not verb_a.is_content or verb_a.cap or verb_a.lower in AUX:
            continue
        if verb_a.i == a.i - 1 and _noun_after_article(new_doc, verb_a.i):
            continue  # "the arrest warrant for" (not "the union came out against")
        for b in flips_b:
            verb_b = _verb_before(old_doc, b.i)
            if verb_b.stem != verb_a.stem:
                continue
            flip = _OPPOSITE_PARTICLES.get(a.lower) == b.lower or {_for_at(new_doc, a.i), _for_at(old_doc, b.i)} == {
                True,
                False,
            }
            if not flip or not _same_slot(new_doc, verb_a, old_doc, verb_b):
                continue
            if (verb_a.i in negated_tokens(new_doc)) != (verb_b.i in negated_tokens(old_doc)):
                continue
            text_a = new_doc.span(verb_a.i, _for_end(new_doc, a.i))
            text_b = old_doc.span(verb_b.i, _for_end(old_doc, b.i))
            findings.append(
                Finding(Family.POLARITY, Relation.NEGATION, f"polarity differs: '{text_a}' vs '{text_b}'", 0.7)
            )
            return findings
    return findings


def _preposition(doc: Doc, i: int) -> bool:
    """ "read *in* court", "sat *on* the board": an "in" / "on" before a noun phrase is a
    preposition, no particle that "out" / "off" reverses ("read out", "switched on" / "off")."""
    toks = doc.tokens
    if toks[i].lower not in ("in", "on") or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    if nxt.lower in ("favour", "favor"):
        return False  # "voted *in* favour of": the "for" of for / against
    return nxt.lower in ("the", "a", "an", "its", "their", "his", "her") or (nxt.is_content and nxt.kind == "word")


def _noun_after_article(doc: Doc, i: int) -> bool:
    """ "the arrest *warrant* for / against": an uninflected word one or two words after an
    article is a noun, whose "for" and "against" need not be opposites."""
    word = doc.tokens[i].lower
    if word.endswith(("ed", "ing")):
        return False
    return any(t.lower in ("the", "a", "an") for t in doc.tokens[max(0, i - 2) : i])


def _before_stance(doc: Doc, i: int) -> bool:
    """ "out" right before for / against ("came *out* against", "spoke out in favour of"): the
    stance word decides, not the particle ("went up for the third year" keeps its particle)."""
    return doc.tokens[i].lower == "out" and i + 1 < len(doc.tokens) and _for_at(doc, i + 1) is not None


def _verb_before(doc: Doc, i: int) -> Token:
    """The word before ``for`` / ``against`` at ``i``, past a particle: "came *out* against"
    -> ``came``, "spoke out in favour of" -> ``spoke``."""
    return doc.tokens[i - 2] if i > 1 and _before_stance(doc, i - 1) else doc.tokens[i - 1]


def _for_at(doc: Doc, i: int) -> bool | None:
    """True for "for"/"in favour of" at ``i``, False for "against", None otherwise."""
    if doc.tokens[i].lower == "against":
        return False
    rest = " ".join(t.lower for t in doc.tokens[i : i + 3])
    return True if any(rest == f or rest.startswith(f + " ") for f in _FOR) else None


def _for_end(doc: Doc, i: int) -> int:
    return i + 2 if doc.tokens[i].lower == "in" and i + 2 < len(doc.tokens) else i


def _qualified_apart(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """Whether the two words sit in the conditions of qualifiers of different kinds ("closed *as
    long as* the incursions *continue*" / "shut *until* they *stop*"): the qualifier family compares
    those conditions (and a flipped qualifier can cancel the antonym), so no swap is claimed here."""
    in_a = next((q for q in extract_qualifiers(doc_a) if a.stem in q.slot), None)
    in_b = next((q for q in extract_qualifiers(doc_b) if b.stem in q.slot), None)
    return in_a is not None and in_b is not None and in_a.kind != in_b.kind


def _defeat_noun(doc: Doc, tok: Token) -> bool:
    """ "a shock *defeat* to", "their *defeat* by": the noun, which means a loss."""
    if tok.lower not in ("defeat", "defeats"):
        return False
    prev = doc.tokens[tok.i - 1].lower if tok.i > 0 else ""
    nxt = doc.tokens[tok.i + 1].lower if tok.i + 1 < len(doc.tokens) else ""
    return nxt in ("to", "by", "in", "at") or prev in ("a", "the", "their", "its", "his", "her", "shock", "heavy")


def _name_word(tok: Token) -> bool:
    """A capitalised word mid-sentence, not one written in capitals for emphasis ("was LOWERED")."""
    return tok.cap and not tok.initial and not (tok.text.isupper() and len(tok.text) > 3)


def _common_stems(doc: Doc) -> frozenset[str]:
    """Stems of the words that are not part of a name mid-sentence: "is constitutional" is not
    written in "the Constitutional Court"."""
    return frozenset(t.stem for t in doc.tokens if not _name_word(t))


#: words after "declare" that make it an ending ("declare the emergency *over*", "no *longer* an emergency")
_DECLARED_OVER = frozenset({"over", "ended", "longer"})
#: participles that introduce a date ("*starting in* 2025", "*beginning on* 1 May")
_TEMPORAL_PARTICIPLES = frozenset({"starting", "beginning"})
_TEMPORAL_AFTER = frozenset({"in", "on", "from", "at"})


def _candidates(doc: Doc, other_stems: frozenset[str]) -> list[tuple[Token, bool, bool]]:
    """Content words the other text lacks (not names: "the *Constitutional* Court"), with whether
    one of their forms is in the antonym lexicon and whether one is prefixed (the two halves of
    :func:`maybe_antonyms`)."""
    found: list[tuple[Token, bool, bool]] = []
    for tok in doc.tokens:
        if tok.stem == "declar" and any(t.lower in _DECLARED_OVER for t in doc.tokens[tok.i + 1 : tok.i + 10]):
            continue  # "will declare the emergency over" = "declared that it was no longer an emergency" = "end it"
        nxt = doc.tokens[tok.i + 1] if tok.i + 1 < len(doc.tokens) else None
        if tok.lower in _TEMPORAL_PARTICIPLES and nxt is not None and nxt.lower in _TEMPORAL_AFTER:
            continue  # "*Starting in* 2025, the EU prohibited ...": a date, not a start against an end
        if tok.stem == "keep" and nxt is not None and nxt.lower.endswith("ing"):
            continue  # "the kwacha *kept weakening*": going on, not keeping (against "lost value")
        if tok.stem == "declin" and _refusal(doc, tok.i):
            continue  # "*declined to* make any statement": a refusal, not a fall (against "increase")
        content = tok.is_content or _backing_verb(doc, tok)
        # a phrasal verb of the lexicon counts even where the other text holds its verb alone
        # ("MPs *voted down* the bill" / "the bill passed its parliamentary *vote*")
        if not content or _name_word(tok):
            continue
        forms = _forms(doc, tok)
        phrasal = any(" " in form and in_lexicon(form) for form in forms)
        if tok.stem not in other_stems or phrasal:
            found.append((tok, any(in_lexicon(f) for f in forms), any(is_prefixed(f) for f in forms)))
    return found


def _refusal(doc: Doc, i: int) -> bool:
    """ "declined *to comment*", "declined *to make* a statement": "to" and a verb, not a value
    ("declined to 3%", "declined to a record low")."""
    toks = doc.tokens
    if i + 2 >= len(toks) or toks[i + 1].lower != "to":
        return False
    after = toks[i + 2]
    return after.kind == "word" and after.is_content and not after.cap and after.lower not in _LEVEL_WORDS


#: words after "declined to" that name a level, not an action ("declined to *record* lows")
_LEVEL_WORDS = frozenset({"record", "levels", "level", "lows", "low", "zero", "nothing", "almost", "about", "around"})


_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you"})
_BACK = frozenset({"back", "backs"})
_OBJECT_STARTS = frozenset({"the", "a", "an", "his", "her", "its", "their", "this", "these", "plans", "calls"})


def _backing_verb(doc: Doc, tok: Token) -> bool:
    """ "Most farmers *back* the deal": "back" as a verb of support (a function word elsewhere: "came
    back", "back in 2020"), before its object."""
    if tok.lower not in _BACK or tok.i == 0 or tok.i + 1 >= len(doc.tokens):
        return False
    before, after = doc.tokens[tok.i - 1], doc.tokens[tok.i + 1]
    subject = before.is_content or before.lower in MODALS or before.lower in _PRONOUNS
    moved = before.lower in ("come", "came", "go", "went")  # "came back the next day"
    return subject and not moved and (after.lower in _OBJECT_STARTS or after.cap)


def _relative_beside(doc: Doc, tok: Token, other: Token, negated: frozenset[int], other_negated: bool) -> bool:
    """Whether ``tok`` is the verb of a relative clause ("every sanction *it had imposed*", "the
    sanctions *that* were *imposed*") in a text whose main predicate has the other word's sense
    ("*removed* every sanction it had imposed" against "lifted")."""
    toks = doc.tokens
    k = tok.i - 1
    while k >= 0 and toks[k].lower in AUX:
        k -= 1
    if k >= 0 and toks[k].lower in _PRONOUNS:
        relative = k > 0 and (
            toks[k - 1].lower in ("that", "which") or (toks[k - 1].is_content and not toks[k - 1].cap)
        )
    else:
        relative = k >= 0 and toks[k].lower in ("that", "which")
    return relative and any(
        t.i != tok.i and t.is_content and same_sense(other.lower, t.lower) and (t.i in negated) == other_negated
        for t in toks
    )


def compare_polarity(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return findings for antonyms swapped in the same slot.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        Findings such as ``"polarity differs: 'rose' vs 'fell'"`` (CONFLICT for contrary pairs,
        NEGATION for complementary pairs).
    """
    new_doc, old_doc = as_doc(new), as_doc(old)
    new_stems, old_stems = _common_stems(new_doc), _common_stems(old_doc)
    new_neg, old_neg = negated_tokens(new_doc), negated_tokens(old_doc)
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    cands_a = _candidates(new_doc, old_stems)
    cands_b = _candidates(old_doc, new_stems)
    for a, lexical_a, prefixed_a in cands_a:
        for b, lexical_b, prefixed_b in cands_b:
            if not ((lexical_a and lexical_b) or prefixed_a or prefixed_b) or (a.stem, b.stem) in seen:
                continue  # no pair of their forms can be antonyms (see lexicon.maybe_antonyms)
            kind, form_a, form_b = next(
                (
                    (k, fa, fb)
                    for fa in _forms(new_doc, a)
                    for fb in _forms(old_doc, b)
                    if maybe_antonyms(fa, fb) and (k := antonym_type(fa, fb))
                ),
                (None, "", ""),
            )
            if kind is None or _told_both_ways(new_doc, a, old_doc, b) or not _same_slot(new_doc, a, old_doc, b):
                continue
            if _converse_swap(new_doc, a, old_doc, b):
                continue  # "South Africa defeated Morocco" / "Morocco lost to South Africa"
            if (a.i in new_neg) != (b.i in old_neg):
                continue  # "did not approve" vs "rejected": the same meaning
            if (_defeat_noun(new_doc, a) and b.stem in _LOSE) or (_defeat_noun(old_doc, b) and a.stem in _LOSE):
                continue  # "after a shock defeat to North Macedonia" / "after losing to": a loss either way
            if _qualified_apart(new_doc, a, old_doc, b):
                continue  # "as long as the incursions continue" / "until the incursions stop"
            if _relative_beside(old_doc, b, a, old_neg, a.i in new_neg) or _relative_beside(
                new_doc, a, b, new_neg, b.i in old_neg
            ):
                continue  # "lifted its sanctions" / "removed every sanction it had *imposed*"
            seen.add((a.stem, b.stem))
            relation = Relation.NEGATION  # both types: see the module docstring
            reason = f"polarity differs: '{_quoted(new_doc, a, form_a)}' vs '{_quoted(old_doc, b, form_b)}'"
            findings.append(Finding(Family.POLARITY, relation, reason, _WEIGHTS.get(kind, 0.7)))
    return findings or _particle_flips(new_doc, old_doc)
