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
from claimmatch.stance.lexicon import COMPLEMENTARY, antonym_type, is_prefixed
from claimmatch.stance.periods import states_a_closure
from claimmatch.stance.quantities import unit_words
from claimmatch.stance.synonyms import same_sense, synonyms
from claimmatch.stance.tokens import (
    BANS,
    BE,
    CLAUSE_BREAKS,
    DATE_WORDS,
    FAIL_TO,
    LIMITED_TO,
    MODALS,
    MONTHS,
    REFUSE,
    RESTRICTORS,
    Doc,
    Token,
    as_doc,
    clause_start,
    is_break,
    ruled_out,
    stem,
)

__all__ = ["Qualifier", "compare_qualifiers", "extract_qualifiers"]

# surface (lower-case words) -> class
_CUES: dict[tuple[str, ...], str] = {
    ("only", "after"): "only_after",
    ("only", "once"): "only_after",
    ("not", "until"): "only_after",
    ("not", "before"): "only_after",
    ("only", "when"): "only_if",
    ("only", "if"): "only_if",
    ("solely", "if"): "only_if",
    ("only", "with"): "only_if",  # "may be given only with a doctor's approval"
    # a condition that must hold ("bail on condition that he surrenders his passport"): only if
    ("provided", "that"): "only_if",
    ("providing", "that"): "only_if",
    ("on", "condition", "that"): "only_if",
    ("on", "the", "condition", "that"): "only_if",
    ("as", "long", "as"): "only_if",
    ("so", "long", "as"): "only_if",
    ("subject", "to"): "only_if",
    ("contingent", "on"): "only_if",
    ("contingent", "upon"): "only_if",
    ("conditional", "on"): "only_if",
    ("conditional", "upon"): "only_if",
    ("dependent", "on"): "only_if",
    ("depends", "on"): "only_if",
    ("depend", "on"): "only_if",
    ("in", "exchange", "for"): "only_if",  # "returned the villages in exchange for a commitment"
    ("in", "return", "for"): "only_if",
    ("only", "in", "case", "of"): "only_if",
    ("only", "in", "the", "event", "of"): "only_if",
    ("in", "case", "of"): "if",
    ("in", "case"): "if",
    ("in", "the", "event", "that"): "if",
    ("in", "the", "event", "of"): "if",
    ("if", "and", "only", "if"): "only_if",
    ("if",): "if",
    ("unless",): "unless",
    ("except", "if"): "unless",
    ("except", "when"): "unless",
    ("except", "where"): "unless",
    ("save", "for", "cases", "where"): "unless",
    ("after",): "after",
    ("following",): "after",
    ("once",): "after",
    ("as", "soon", "as"): "after",
    ("upon",): "after",
    ("since",): "after",
    ("in", "the", "wake", "of"): "after",
    ("in", "the", "aftermath", "of"): "after",
    ("only", "starting"): "only_after",
    ("only", "start", "at"): "only_after",
    ("only", "starts", "at"): "only_after",
    ("only", "take", "effect", "from"): "only_after",
    ("only", "takes", "effect", "from"): "only_after",
    ("only", "took", "effect", "from"): "only_after",
    ("only", "apply", "from"): "only_after",
    ("only", "applies", "from"): "only_after",
    ("only", "come", "into", "force", "from"): "only_after",
    ("only", "comes", "into", "force", "from"): "only_after",
    ("no", "earlier", "than"): "only_after",
    ("not", "earlier", "than"): "only_after",
    ("no", "sooner", "than"): "only_after",
    ("not", "sooner", "than"): "only_after",
    ("the", "moment"): "after",
    ("the", "minute"): "after",
    ("immediately", "after"): "after",
    ("immediately", "upon"): "after",
    ("immediately", "following"): "after",
    ("right", "after"): "after",
    ("straight", "after"): "after",
    ("directly", "after"): "after",
    ("when",): "when",
    ("whenever",): "when",
    ("before",): "before",
    ("no", "later", "than"): "before",
    ("not", "later", "than"): "before",
    ("in", "the", "run-up", "to"): "before",
    ("in", "the", "lead-up", "to"): "before",
    ("prior", "to"): "before",
    ("ahead", "of"): "before",
    ("in", "advance", "of"): "before",
    ("without", "waiting", "for"): "before",
    ("without", "waiting"): "before",
    ("without", "first"): "before",  # "may vote without first registering" = before registering
    ("without", "prior"): "before",  # "without prior approval"
    ("by", "the", "time"): "before",
    ("by", "the", "end", "of"): "before",
    ("until",): "until",
    ("till",): "until",
    ("during",): "during",
    ("while",): "during",
    ("whilst",): "during",
    ("amid",): "during",
    ("amidst",): "during",
    ("in", "the", "middle", "of"): "during",
    ("in", "the", "course", "of"): "during",
    ("throughout",): "during",
    ("at", "the", "same", "time", "as"): "during",  # simultaneous: not before, not after
    ("on", "the", "same", "day", "as"): "during",
    ("in", "parallel", "with"): "during",
    ("simultaneously", "with"): "during",
    # "outside the rainy season", "outside peak hours": at any time but that one (against "during")
    ("outside",): "outside",
    ("outside", "of"): "outside",
    ("except", "during"): "outside",  # "every day except during rush hour" = "outside peak hours"
    ("except", "in"): "outside",
    ("apart", "from", "during"): "outside",
    ("regardless", "of"): "regardless",
    ("regardless", "of", "who"): "regardless",  # "regardless of who is coaching": past the wh-word
    ("regardless", "of", "what"): "regardless",
    ("regardless", "of", "how"): "regardless",
    ("irrespective", "of", "who"): "regardless",
    ("regardless", "of", "whether"): "regardless",
    ("irrespective", "of", "whether"): "regardless",
    ("irrespective", "of"): "regardless",
    ("even", "if"): "regardless",
    ("even", "when"): "regardless",
    ("even", "while"): "regardless",  # "elections would go ahead even while fighting continued"
    ("even", "without"): "regardless",
    ("whether", "or", "not"): "regardless",
    ("no", "matter", "whether"): "regardless",
    ("no", "matter", "what"): "regardless",
    ("no", "matter", "how"): "regardless",
    ("no", "matter", "who"): "regardless",
    ("whatever",): "regardless",  # "whatever the result of the election"
    ("even", "in", "the", "event", "that"): "regardless",
    ("even", "in", "the", "event", "of"): "regardless",
    ("even", "in", "case", "of"): "regardless",
    ("starting", "from"): "after",
    ("only", "from"): "only_after",  # "takes effect only from the next election cycle"
    ("starting", "in"): "after",  # "will become free starting in 2026"
    ("as", "from"): "after",
    # a start "from" a time: "the ban starts from the end of the dry season" (against "until")
    ("starts", "from"): "after",
    ("start", "from"): "after",
    ("started", "from"): "after",
    ("begins", "from"): "after",
    ("begin", "from"): "after",
    ("effective", "from"): "after",
}
# "provided" / "providing" alone are conditions only after a comma ("paid, provided they apply"):
# elsewhere they are verbs ("the government provided aid").
_COMMA_CUES: dict[str, str] = {"provided": "only_if", "providing": "only_if"}
# ... or before a subject pronoun: "free *provided they* register" (not "provided aid")
_PRONOUN_AFTER = frozenset({"they", "he", "she", "we", "you", "it"})
# Cues that say "at once" ("as soon as X", "the moment X"): they conflict with a delay ("three months
# after X", "no sooner than 90 days after X").
_AT_ONCE = frozenset(
    {
        ("as", "soon", "as"),
        ("the", "moment"),
        ("the", "minute"),
        ("immediately", "after"),
        ("immediately", "upon"),
        ("immediately", "following"),
        ("right", "after"),
        ("straight", "after"),
        ("directly", "after"),
        ("upon",),
    }
)
_WELL_AFTER = frozenset({("well", "after"), ("long", "after")})
# an after-qualifier whose event is a wait: "only after a delay of several months", "after a waiting period"
_DELAY_WORDS = frozenset({"delay", "wait", "waiting", "months", "years", "weeks", "decades", "period", "lengthy"})
# words right before a cue that make it "at once": "*immediately* when the law takes effect"
_AT_ONCE_BEFORE = frozenset({"immediately", "instantly", "directly"})
# the words of an amount before a duration unit ("three months after", "a year after"); the units
# themselves are the quantities family's (quantities.unit_words("duration"))
_NUMBER_WORDS = frozenset(
    "a an one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
    "sixty ninety hundred few several".split()
)
# a duration without an amount that still means a delay ("only started months after launch")
_PLURAL_DELAYS = frozenset({"hours", "days", "weeks", "months", "years", "decades"})
# "from 2020 onwards", "from next year on": after (and including) the event between the words
_ONWARDS = frozenset({"onwards", "onward"})
# "until further notice", "indefinitely" against a fixed term ("for an initial period of 30 days")
#: words between a negator and a term that keep it negated: "not *meant to be* permanent"
_NOT_TERM_LINKS = frozenset({"meant", "intended", "designed", "supposed", "to", "be", "a", "an"})
_TERMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("until", "further", "notice"), "indefinite"),
    (("indefinitely",), "indefinite"),
    (("permanently",), "permanent"),
    (("for", "good"), "permanent"),
    (("forever",), "permanent"),
    (("temporarily",), "temporary"),
    (("for", "now"), "temporary"),
    (("temporary",), "temporary"),
    (("time-limited",), "temporary"),
    (("for", "the", "duration", "of"), "temporary"),
    (("for", "a", "limited", "time"), "temporary"),
    (("for", "a", "limited", "period"), "temporary"),
    (("fixed", "term"), "fixed"),  # "hold office only for a fixed term" / "stay in office permanently"
    (("fixed", "period"), "fixed"),
    (("fixed", "terms"), "fixed"),
    (("permanent",), "permanent"),
    (("lifelong",), "permanent"),
    (("for", "life"), "permanent"),
    (("indefinite",), "indefinite"),
    (("open-ended",), "indefinite"),
    (("no", "end", "date"), "indefinite"),
    (("only", "until"), "fixed"),  # "will last only until Sunday morning" / "until further notice"
    (("retroactively",), "retroactive"),
    (("retroactive",), "retroactive"),
    (("retrospectively",), "retroactive"),
    (("retrospective",), "retroactive"),
    (("backdated",), "retroactive"),
    (("from", "now", "on"), "prospective"),
    (("going", "forward"), "prospective"),
)
#: words before a fixed length of time: "*for* 30 days", "*lasted* about three weeks", "will *last* one year only"
_TERM_STARTS = frozenset({"for", "last", "lasts", "lasted"})
# a negated term: "not permanent" = temporary, "not temporary" = permanent
_NOT_TERM = {"permanent": "temporary", "temporary": "permanent"}
# open-ended or permanent against temporary or a fixed term
_TERM_CONFLICTS = frozenset(
    frozenset(pair)
    for pair in (
        ("indefinite", "fixed"),
        ("permanent", "fixed"),
        ("permanent", "temporary"),
        ("indefinite", "temporary"),
        ("retroactive", "prospective"),
    )
)
# "without preconditions", "unconditionally", "without anything in return": no condition at all,
# against a condition of the same predicate in the other text
_UNCONDITIONAL: tuple[tuple[str, ...], ...] = (
    ("without", "preconditions"),
    ("without", "any", "preconditions"),
    ("without", "conditions"),
    ("with", "no", "conditions"),
    ("without", "any", "conditions"),
    ("with", "no", "preconditions"),
    ("without", "attaching", "conditions"),
    ("without", "attaching", "any", "conditions"),
    ("unconditionally",),
    ("no", "strings", "attached"),
    ("anything", "in", "return"),
    ("nothing", "in", "return"),
    ("without", "requiring"),  # "covers surgery without requiring patients to first join a list"
    ("without", "needing"),
    ("automatically",),  # "permits are renewed automatically" / "renewed only if they apply"
)
# "all year round", "at any time", "emergency or not": no restriction of when or whether, against
# "only during the summer", "only in an emergency" of the same predicate
_ALWAYS: tuple[tuple[str, ...], ...] = (
    ("all", "year", "round"),
    ("all", "year", "long"),
    ("year-round",),
    ("all", "year"),
    ("at", "any", "time"),
    ("at", "any", "point"),
    ("at", "all", "hours"),
    ("regardless", "of"),  # "every county, regardless of local flu levels" / "only in counties where"
    ("at", "all", "times"),
    ("around", "the", "clock"),
    ("round", "the", "clock"),
    ("at", "any", "hour"),
    ("day", "and", "night"),
    ("all", "day", "long"),
    ("the", "whole", "day"),
    ("throughout", "the", "day"),
    ("throughout", "the", "year"),
    ("or", "not"),
)
# "immediately", "straight away": no delay at all, against "only after X" or "three months after X"
_AT_ONCE_WORDS: tuple[tuple[str, ...], ...] = (
    ("immediately",),
    ("instantly",),
    ("right", "away"),
    ("straight", "away"),
    ("at", "once"),
    ("from", "day", "one"),
    ("with", "immediate", "effect"),
    ("on", "arrival"),
    ("without", "delay"),
    ("immediate",),  # "an *immediate* licence suspension"
    ("on", "the", "very", "day"),
    ("on", "the", "same", "day"),
    ("from", "the", "very", "first", "day"),
    ("from", "the", "first", "day"),
)
# after "only", what makes it a restriction of time or occasion ("only during", "only in an emergency")
_RESTRICTED = frozenset({"during", "in", "on", "at", "when", "while", "between", "within"})
#: times of day or week that "at" / "on" restrict to ("only applies at *night*")
_TIME_NOUNS = frozenset({"night", "nights", "night-time", "weekends", "weekend", "weekdays", "sundays", "daytime"})
#: ... and the ones that restrict a time further on ("can *only* be registered by clubs *during*")
_RESTRICTED_LATER = frozenset({"during", "while", "between", "within"})
_TERM_FILLERS = frozenset(
    {
        "a",
        "an",
        "the",
        "initial",
        "limited",
        "fixed",
        "first",
        "period",
        "of",
        "trial",
        "about",
        "around",
        "only",
        "just",
    }
)
# "pending X" = until X ("payments are frozen pending the audit"), but not the adjective after a
# form of "be" or "still" ("while the case is still pending").
_PENDING_NOT_AFTER = BE | {"remain", "remains", "still"}
_BY_LENGTH = tuple(sorted(_CUES.items(), key=lambda item: -len(item[0])))
# the same cues grouped by first word, longest first: a token is checked only against its own
_BY_FIRST_WORD: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
for _words, _kind in _BY_LENGTH:
    _BY_FIRST_WORD[_words[0]] = (*_BY_FIRST_WORD.get(_words[0], ()), (_words, _kind))

_CONFLICTS = frozenset(
    frozenset(pair)
    for pair in (
        ("before", "after"),
        ("before", "only_after"),
        ("before", "during"),
        ("before", "if"),
        ("before", "only_if"),
        ("before", "unless"),
        ("until", "after"),
        ("until", "only_after"),
        ("until", "during"),
        ("until", "from"),  # "applies until 2035" / "applies from 2035"
        ("during", "outside"),
        ("during", "after"),
        ("during", "only_after"),
        ("if", "unless"),
        ("only_if", "unless"),
        ("unless", "after"),
        ("unless", "only_after"),
        ("regardless", "only_after"),
        ("regardless", "only_if"),
        ("regardless", "unless"),
        ("regardless", "until"),
        ("regardless", "if"),
        ("regardless", "after"),
        ("regardless", "when"),
        ("when", "before"),
        ("when", "unless"),
    )
)
# Conditions that are complements of each other when one text says "unless" and the other "if":
# "unless the stock falls below" = "as long as the stock stays above".
_OPPOSITE_WORDS = frozenset(
    frozenset(pair)
    for pair in (
        ("above", "below"),
        ("over", "under"),
        ("higher", "lower"),
        ("more", "less"),
        ("more", "fewer"),
        ("exceeds", "below"),
        ("exceed", "below"),
    )
)
_CONDITIONAL = frozenset({"if", "only_if"})
_NEGATORS = frozenset({"not", "never", "no", "neither", "none", "nobody", "nothing", "unable"})
_DENIED = frozenset({"deny", "denies", "denied", "denying"})
_SLOT_WORDS = 4
#: adverbs right before a cue that modify it, not the predicate ("*well* before", "*shortly* after")
_CUE_MODIFIERS = frozenset({"well", "long", "shortly", "just", "soon", "right", "straight", "directly", "immediately"})
_NEGATION_REACH = 10
_ANCHOR_WORDS = 6
_CONDITION_WEIGHT = 0.6
_WEIGHT = 0.75


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A qualifier and the event it qualifies.

    Attributes:
        kind: The class (``"before"``, ``"after"``, ``"only_after"``, ``"during"``, ``"until"``,
            ``"from"`` (a date: "from 2035"), ``"if"``, ``"only_if"``, ``"unless"``, ``"regardless"``).
        text: The cue as written, e.g. ``"only after"``.
        slot: Stems of the first content words of the qualified event.
        first: Index of the first cue token.
        anchor: Stems of the content words before the cue (nearest first): what is qualified.
        words: Lower-case content words of the qualified clause (for antonyms between conditions).
        timing: ``"at_once"`` (``as soon as``, ``the moment``), ``"delayed"`` (``three months
            after``) or ``""``.
    """

    kind: str
    text: str
    slot: frozenset[str]
    first: int
    anchor: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    timing: str = ""

    def same_event(self, other: Qualifier) -> bool:
        """Return True when both qualify the same event attached to the same predicate."""
        shared = self.slot & other.slot or _shared_prefix(self.slot, other.slot)
        if not shared and not any(synonyms(x, y) for x in self.slot for y in other.slot):
            return False  # (synonyms count: "after the *referendum*" / "after the *vote*")
        if not self.anchor or not other.anchor:
            return True
        if set(self.anchor) & set(other.anchor):
            # a word of what is qualified in common: "the *hostages* would be released only after" /
            # "the *hostages* were to be freed before"; "*troops* stay until" / "*troops* leave
            # after" are one event too, and the antonym predicates make them agree (compare_qualifiers)
            return True
        # or the nearest words are synonyms: "vowed to quit unless" / "would resign if"
        return any(synonyms(self.anchor[0], x) for x in other.anchor) or any(
            synonyms(other.anchor[0], x) for x in self.anchor
        )


def _slot(toks: tuple[Token, ...], start: int) -> tuple[set[str], set[str], int]:
    """The event a cue ending at ``start`` introduces: the stems and words of its first
    :data:`_SLOT_WORDS` content words (numbers count) before a clause break or another cue, and
    the end of its clause."""
    slot: set[str] = set()
    slot_words: set[str] = set()
    clause_end = start
    for t in toks[start:]:
        if t.lower in ("and", "or") and _joins_names(toks, t.i):
            continue  # "once Moscow and Kyiv have reached a deal", "a US or Schengen visa": one clause
        if t.lower == "and" and len(slot) == 1 and t.i + 1 < len(toks) and toks[t.i + 1].is_content:
            continue  # "whether unions and employers sign": a coordinated subject
        if _breaks(t) or (t.lower,) in _CUES or len(slot) >= _SLOT_WORDS:
            break
        clause_end = t.i + 1
        if t.is_content or t.kind == "num" or (t.text.isupper() and len(t.text) > 1):  # "before 2020", "a US visa"
            slot.add(t.stem)
            slot_words.add(t.lower)
    return slot, slot_words, clause_end


def _shared_prefix(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two slot words of one root written as different parts of speech ("renovated" /
    "renovation", "prequalified" / "prequalification"): a common beginning of six letters."""
    return any(len(x) >= 6 and len(y) >= 6 and x[:6] == y[:6] for x in a for y in b)


@lru_cache(maxsize=8192)
def _extract(doc: Doc) -> tuple[Qualifier, ...]:
    toks = doc.tokens
    lowers = [t.lower for t in toks]
    found: list[Qualifier] = []
    i = 0
    while i < len(toks):
        onwards = _onwards(doc, i)
        if onwards is not None:
            found.append(onwards)
            i = onwards.first + 1
            continue
        cue = _cue_at(lowers, i)
        if cue is None:
            i += 1
            continue
        words, kind = cue
        end = i + len(words)
        well_after = kind in ("until", "before") and tuple(lowers[end : end + 2]) in _WELL_AFTER
        slot, slot_words, clause_end = _slot(toks, end + 2 if well_after else end)
        if slot:
            text = doc.quote(i, end - 1)
            if kind in ("if", "unless") and any(lowers[k] in _NEGATORS for k in range(end, clause_end)):
                # "if they are not vaccinated" = "unless they are vaccinated", and the reverse
                kind, text = ("unless", text + " ... not") if kind == "if" else ("if", text + " ... not")
            elif words == ("whenever",) and any(lowers[k] in _NEGATORS for k in range(end, clause_end)):
                kind, text = "unless", text + " ... not"  # "whenever no candidate wins" = "if none wins"
            # (a deadline keeps its kind: "if no drilling begins within 2 years" is a condition's negation)
            if (
                kind in ("until", "before")
                and words != ("within",)
                and not _negated_condition(doc, i)
                and not _negated_stop(doc, i)
                and (_negated_clause(doc, i) or _negated_main(doc, i, clause_end))
            ):
                kind, text = "only_after", "not " + text  # "will not leave until X", "not reopen before X"
            elif kind == "until" and words == ("until",) and (put_off := _postponed(toks, i)) is not None:
                kind, text = "only_after", f"{lowers[put_off]} ... until"
            elif kind == "unless" and (
                _negated_clause(doc, i) or _negated_main(doc, i, clause_end, bans=True) or _banned(doc, i)
            ):
                kind, text = "only_if", "not ... " + text  # "can not be evicted unless X" = only if X
            only = next((k for k in (i - 2, i - 3) if k >= 0 and lowers[k] == "only"), None)
            if (
                kind in ("after", "if")
                and only is not None
                and all(t.is_content or t.lower in BE for t in toks[only + 1 : i])
            ):
                kind, text = "only_" + kind, doc.quote(only, end - 1)  # "will only (take effect|be paid) after X"
            if kind == "during" and _unfinished(toks, end):
                kind = "before"  # "while their claims are still being decided" = before decided
            anchor = _anchor(doc, i)
            at_once = words in _AT_ONCE or (i > 0 and lowers[i - 1] in _AT_ONCE_BEFORE)  # "immediately when"
            timing = "at_once" if at_once else ""
            if kind in _AFTER_LIKE and not timing and i > 0 and lowers[i - 1] in ("long", "well"):
                timing = "delayed"  # "kept the restrictions long after the drought ended"
            delay = _delay(doc, i) if kind in _AFTER_LIKE and not timing else None
            if kind == "before" and (lead := _delay(doc, i)) is not None:
                anchor = _anchor(doc, lead)  # "*Months* before the election, ...": the duration is the cue's
            if delay is not None and words == ("after",) and _at_most(lowers, delay):
                kind, text = "before", doc.quote(delay, end - 1)  # "no more than 24 hours after X" = within
            elif delay is not None:
                timing, text = "delayed", doc.quote(delay, end - 1)
                anchor = _anchor(doc, delay)  # "*Weeks* after the election, ...": the duration is the cue's
            elif (kind == "only_after" and well_after) or (kind in _AFTER_LIKE and _names_a_wait(slot_words)):
                timing = "delayed"  # "not until well after he took office", "only after a delay of months"
            found.append(Qualifier(kind, text, frozenset(slot), i, anchor, frozenset(slot_words), timing))
        i = end
    return tuple(found)


def _delay(doc: Doc, i: int) -> int | None:
    """ "three months after X", "90 days after X", "a (full) year after X", "months after X": the
    index where the duration before the cue at ``i`` starts, else None."""
    toks = doc.tokens
    if i < 1 or toks[i - 1].lower not in unit_words("duration"):
        return None
    if i >= 3 and toks[i - 2].lower in ("full", "whole", "entire"):
        i -= 1  # "a full day after"
    amount = toks[i - 2] if i >= 2 else None
    if amount is not None and (amount.kind == "num" or amount.lower in _NUMBER_WORDS):
        return i - 2
    return i - 1 if toks[i - 1].lower in _PLURAL_DELAYS else None  # "months after reaching orbit"


def _onwards(doc: Doc, i: int) -> Qualifier | None:
    """ "from 2020 onwards": an after-qualifier of the words between; "from 1 May", "from the end of
    August", "will start on Thursday": a start at a date (a "from" qualifier)."""
    toks = doc.tokens
    if toks[i].lower in _STARTS and i + 2 < len(toks) and toks[i + 1].lower in ("on", "in"):
        dated = _from_date(toks, i + 1)  # "the disruption will start on Thursday": from Thursday
        return None if dated is None else _spanned(doc, "from", i, i + 2, dated)
    if toks[i].lower != "from":
        return None
    dated = _from_date(toks, i)
    if dated is not None:
        return _spanned(doc, "from", i, i + 1, dated)
    for j in range(i + 2, min(len(toks), i + 6)):
        if toks[j].lower in CLAUSE_BREAKS:
            return None
        if toks[j].lower in _ONWARDS:
            return _spanned(doc, "after", i, i + 1, j - 1, quote_last=j)
    return None


def _spanned(doc: Doc, kind: str, i: int, first: int, last: int, quote_last: int | None = None) -> Qualifier | None:
    """A qualifier of ``kind`` whose cue starts at ``i`` and whose slot is the content words and
    numbers of tokens ``first`` to ``last`` (None without any); quoted up to ``quote_last`` (else
    ``last``)."""
    between = [t for t in doc.tokens[first : last + 1] if t.is_content or t.kind == "num"]
    if not between:
        return None
    slot = frozenset(t.stem for t in between)
    text = doc.quote(i, last if quote_last is None else quote_last)
    return Qualifier(kind, text, slot, i, _anchor(doc, i), frozenset(t.lower for t in between))


#: words that close a "from X to Y" span: no start of something, a range
_SPAN_ENDS = frozenset({"to", "until", "till", "through", "-", "and", "onwards", "onward", "on"})
_YEARS = (1900, 2100)
_STARTS = frozenset("start starts started begin begins began".split())  # ("starting in" is a cue)
_PART_OF = frozenset(("the", part, "of") for part in ("end", "start", "beginning", "middle", "close"))


def _from_date(toks: tuple[Token, ...], i: int) -> int | None:
    """ "applies *from 2035*", "*From 1 January*, the drug will be sold", "from March 2025": a start
    at a date, which contradicts an end at it ("until 2035"); the date's last token, or None for
    other uses of "from" ("from Paris", "from 2019 to 2023", "from 20% to 30%"). "From the end of
    August" starts at a date too."""
    k = i + 1
    if tuple(t.lower for t in toks[k : k + 3]) in _PART_OF:
        k += 3  # "from the end of August", "from the start of 2026"
    if k < len(toks) and toks[k].kind == "num" and k + 1 < len(toks) and toks[k + 1].lower in MONTHS:
        k += 1  # "from 1 January"
    if k >= len(toks):
        return None
    if toks[k].lower in DATE_WORDS:
        if k + 1 < len(toks) and toks[k + 1].kind == "num" and _is_year(toks[k + 1].text):
            k += 1  # "from March 2025"
    elif not (toks[k].kind == "num" and _is_year(toks[k].text)):
        return None
    if any(t.lower in _SPAN_ENDS for t in toks[k + 1 : k + 4]):
        return None
    return k


def _is_year(text: str) -> bool:
    return text.isdigit() and _YEARS[0] <= int(text) <= _YEARS[1]


def _breaks(t: Token) -> bool:
    """A clause break, but not the acronym "WHO" (lower-cased "who")."""
    return t.lower in CLAUSE_BREAKS and not (t.text.isupper() and len(t.text) > 1)


def _joins_names(toks: tuple[Token, ...], i: int) -> bool:
    """ "and" between two capitalised words mid-sentence ("Moscow and Kyiv"): a coordination of names."""
    if i == 0 or i + 1 >= len(toks):
        return False
    before, after = toks[i - 1], toks[i + 1]
    return before.cap and not before.initial and after.cap and after.kind == "word"


def _cue_at(lowers: list[str], i: int) -> tuple[tuple[str, ...], str] | None:
    """The longest cue starting at token ``i``: its words and its class, or None."""
    for words, kind in _BY_FIRST_WORD.get(lowers[i], ()):
        if tuple(lowers[i : i + len(words)]) == words:
            return words, kind
    pronoun_after = i + 1 < len(lowers) and lowers[i + 1] in _PRONOUN_AFTER
    if lowers[i] in _COMMA_CUES and ((i > 0 and lowers[i - 1] == ",") or pronoun_after):
        return (lowers[i],), _COMMA_CUES[lowers[i]]  # ", provided ...", "provided they register"
    if lowers[i] == "pending" and (i == 0 or lowers[i - 1] not in _PENDING_NOT_AFTER):
        return ("pending",), "until"
    if lowers[i] == "within" and _within_duration(lowers, i):
        return ("within",), "before"  # "within 12 hours of birth": before the time runs out
    return None


#: words before an amount that make a duration a deadline ("*no more than* 24 hours after X")
_AT_MOST: tuple[tuple[str, ...], ...] = (
    ("no", "more", "than"),
    ("not", "more", "than"),
    ("no", "later", "than"),
    ("at", "most"),
    ("up", "to"),
    ("less", "than"),
)


def _at_most(lowers: list[str], k: int) -> bool:
    """Whether an upper bound ends right before token ``k``."""
    return any(tuple(lowers[max(0, k - len(w)) : k]) == w for w in _AT_MOST)


def _within_duration(lowers: list[str], i: int) -> bool:
    """ "within 12 hours of", "within a few days of": an amount, a duration unit, then "of";
    "within the first 5 years" (counted from a start, with no "of")."""
    k = i + 1
    first = lowers[k : k + 2] == ["the", "first"]
    k += 2 if first else 0
    while k < len(lowers) and k < i + 4 and (lowers[k][:1].isdigit() or lowers[k] in _NUMBER_WORDS):
        k += 1
    if k == i + (3 if first else 1) or k >= len(lowers) or lowers[k] not in unit_words("duration"):
        return False
    return first or (k + 1 < len(lowers) and lowers[k + 1] == "of")


def _unfinished(toks: tuple[Token, ...], start: int) -> bool:
    """ "while X is *still* pending / *being* decided": the time before X is done (not "while he
    was still sidelined": a state, during it)."""
    for t in toks[start : start + 6]:
        if t.lower in CLAUSE_BREAKS:
            return False
        if t.lower in ("being", "pending"):
            return True
        nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
        if t.lower == "still" and nxt is not None and (nxt.lower in _STILL_PROCESS or nxt.lower.endswith("ing")):
            return True  # "while talks are still under way", "while they were still negotiating"
    return False


#: words after "still" that make a process under way, not a state
_STILL_PROCESS = frozenset({"being", "pending", "under", "awaiting", "to", "in", "subject"})


def _banned(doc: Doc, i: int) -> bool:
    """A verb of banning (``tokens.BANS``) earlier in the clause of an "unless" at ``i``: "will ban
    gas connections unless X" = "connections are not allowed unless X" = only if X."""
    toks = doc.tokens
    for t in reversed(toks[max(0, i - _NEGATION_REACH) : i]):
        # a "non-" word after a linking verb ("tickets are *non-refundable*"; not "*non-essential* services")
        non_predicate = t.lower.startswith("non-") and t.i > 0 and toks[t.i - 1].lower in _LINKING
        turned_away = t.lower == "away" and t.i > 0 and toks[t.i - 1].lower in _TURN  # "*turn away* patients unless"
        if t.lower in BANS or t.lower in _ILLEGAL or non_predicate or turned_away:
            return True  # (and "abortion is *illegal* unless X", "tickets are *non-refundable* except when")
        inner_hyphen = t.lower == "-" and 0 < t.i < len(toks) - 1 and toks[t.i - 1].end == t.start
        inner_hyphen = inner_hyphen and t.end == toks[t.i + 1].start
        if t.lower in CLAUSE_BREAKS and not inner_hyphen:  # ("tattooing under-16s unless")
            return False
    return False


_ILLEGAL = frozenset({"illegal", "unlawful"})
_TURN = frozenset({"turn", "turns", "turned", "turning"})


def _negated_condition(doc: Doc, i: int) -> bool:
    """A negator that belongs to an "if" / "unless" condition around the cue at ``i``: "cancelled
    *if* the city has *not* finished the venues two years *ahead of* the Games" (the deadline keeps
    its kind; the condition is read as "unless")."""
    negated = False
    for j in range(i - 1, max(-1, i - 1 - 2 * _NEGATION_REACH), -1):
        t = doc.tokens[j]
        if is_break(t):
            return False
        negated = negated or t.lower in _NEGATORS
        if t.lower in ("if", "unless") and negated:
            return True
    return False


#: verbs that put something off until an event: "postponed the launch until X" = launched only after X
#: (not "suspended X until Y", which compares with "suspended X pending Y" as an "until" of its own)
_POSTPONING = frozenset("postpone postpones postponed delay delays delayed defer defers deferred".split())
_POSTPONE_REACH = 6


def _postponed(toks: tuple[Token, ...], i: int) -> int | None:
    """Where a verb of putting off governs the "until" at ``i`` within its clause: "*postponed*
    the Nuri rocket launch until engineers fixed X" (= launched only after X); else None."""
    return _word_before(toks, i, _POSTPONING, _POSTPONE_REACH)


def _word_before(toks: tuple[Token, ...], i: int, words: frozenset[str], reach: int) -> int | None:
    """The nearest of ``words`` before token ``i`` in its clause, within ``reach`` words; else None."""
    for t in reversed(toks[max(0, i - reach) : i]):
        if is_break(t):
            return None
        if t.lower in words:
            return t.i
    return None


#: prepositions before a gerund ("for *failing* to vote"): the failing is a noun phrase's
_GERUND_PREPOSITIONS = frozenset({"for", "of", "over", "about", "after", "without"})


def _negated_clause(doc: Doc, i: int) -> bool:
    """A negator ("not", "never", "nobody"...) or "failed to" earlier in the cue's clause: "did not
    announce the detection of gravitational waves until ..." (up to :data:`_NEGATION_REACH` words
    back)."""
    for j in range(i - 1, max(-1, i - 1 - _NEGATION_REACH), -1):
        t = doc.tokens[j]
        nxt = doc.tokens[j + 1]
        if t.lower in _NEGATORS and nxt.lower in FAIL_TO:
            return False  # "did *not fail to* publish the list before": a double negative
        if t.lower in FAIL_TO and nxt.lower == "to" and j > 0 and doc.tokens[j - 1].lower in _NEGATORS:
            return False
        if t.lower in FAIL_TO and j > 0 and doc.tokens[j - 1].lower in _GERUND_PREPOSITIONS:
            continue  # "fines *for failing to* vote will be issued unless": a noun phrase, no negated clause
        if t.lower in _NEGATORS or (t.lower in FAIL_TO and nxt.lower == "to") or t.lower in REFUSE:
            # "did not ... before", "nobody had been vaccinated before", "refused entry ahead of" (a
            # refusal needs no "to" here; "failed exams" is a result)
            return True
        if t.lower == "impossible":
            return True  # "would be impossible before 2035" = "cannot be built before 2035"
        if t.lower in _DENIED and nxt.lower.endswith("ing"):
            return True  # "denied paying the referee before the derby" = "did not pay ... before"
        if ruled_out(doc.tokens, j):
            return True  # "ruled out cutting rates before 2025" = "would not cut rates before 2025"
        if j > 0 and doc.tokens[j - 1].lower in _LINKING and t.lower.startswith("un") and is_prefixed(t.lower):
            return True  # "stays *unenforceable* until the ruling" = "cannot be enforced until"
        if t.lower in CLAUSE_BREAKS:
            return False
    start = clause_start(doc.tokens, i)
    # "No new quotas will be issued by the ministry until X": a negated subject far before the cue
    return start < i and doc.tokens[start].lower in ("no", "none", "nobody", "nothing", "neither", "never")


def _negative_participle(tok: Token) -> bool:
    """ "unbeaten", "undefeated", "unchanged": an un- participle, a negated verb of its own."""
    return tok.lower.startswith("un") and tok.lower.endswith(("ed", "en")) and len(tok.lower) > _MIN_UN_WORD


_MIN_UN_WORD = 6
#: verbs that link a subject to an un- participle that describes it ("went unbeaten", "remained
#: unchanged"; not "police uncovered a network": a verb of its own)
_LINKING = BE | frozenset("went go goes remained remain remains stayed stay stays".split())


#: how far into the main clause after a fronted qualifier a negation is looked for ("Unless they
#: provide a note, pupils in Ireland who miss an exam *cannot* resit it")
_MAIN_REACH = 12
_RELATIVES = frozenset({"who", "whose", "whom"})


_STOPPING = frozenset("stop stops stopped cease ceases ceased halt halts halted quit quits".split())


def _negated_stop(doc: Doc, i: int) -> bool:
    """ "did not *stop* erupting until late May" = "kept erupting until late May": a negated verb of
    stopping before the cue keeps it an until (within its clause, two words after the negator)."""
    toks = doc.tokens
    for t in reversed(toks[max(0, i - _NEGATION_REACH) : i]):
        if is_break(t):
            return False
        if t.lower in _STOPPING and any(x.lower in _NEGATORS for x in toks[max(0, t.i - 3) : t.i]):
            return True
    return False


def _negated_main(doc: Doc, i: int, clause_end: int, bans: bool = False) -> bool:
    """A fronted qualifier whose main clause is negated: "Until the inquiry reports, no charges will
    be brought" (= only after), "Unless they pay, tenants can not be evicted" (= only if)."""
    toks = doc.tokens
    if i > 0 and toks[i - 1].lower not in CLAUSE_BREAKS:
        return False
    # the first punctuation break ("Until a deal between the EU and Morocco is signed, ...": not "and")
    comma = next(
        (k for k in range(clause_end, min(len(toks), clause_end + 8)) if is_break(toks[k])),
        None,
    )
    if comma is None or toks[comma].lower != ",":
        return False
    for t in toks[comma + 1 : comma + 1 + _MAIN_REACH]:
        # ("between 18 and 60": no clause break)
        numbers = 0 < t.i < len(toks) - 1 and toks[t.i - 1].kind == toks[t.i + 1].kind == "num"
        between_numbers = t.lower == "and" and numbers
        if t.lower in CLAUSE_BREAKS and t.lower not in _RELATIVES and not between_numbers:
            return False  # (a subject's relative clause goes on to the main verb: "pupils *who* miss ... cannot")
        if t.lower in _NEGATORS or (_negative_participle(t) and toks[t.i - 1].lower in _LINKING):
            return True  # "Until the semi-finals, Morocco went *unbeaten*" = did not lose until
        if bans and t.lower in BANS and t.lower.endswith(("ed", "en")) and toks[t.i - 1].lower in BE:
            return True  # "Unless X, candidates are *barred* from a resit" (not "lifted its ban")
    return False


def _anchor(doc: Doc, i: int) -> tuple[str, ...]:
    return tuple(t.stem for t in _anchor_tokens(doc, i))


def _anchor_tokens(doc: Doc, i: int) -> list[Token]:
    """Up to :data:`_ANCHOR_WORDS` content words before token ``i`` in its clause, nearest first;
    none for a cue fronted in a "that" clause ("said that *starting from* May, visitors ...")."""
    if _fronted_after_that(doc.tokens, i):
        return []
    found: list[Token] = []
    toks = doc.tokens
    for j in range(i - 1, -1, -1):
        t = toks[j]
        if t.lower == "," and 0 < j < len(toks) - 1 and toks[j - 1].cap and toks[j + 1].cap and not toks[j - 1].initial:
            continue  # "in Santiago, Chile happened": a place and its country
        if t.lower == "-" and 0 < j < len(toks) - 1 and toks[j - 1].kind == "num":
            continue  # "his 3-match ban": a hyphen inside an amount, no clause break
        if is_break(t):
            break
        if t.is_content and not (j == i - 1 and t.lower in _CUE_MODIFIERS):  # "*well* before X"
            found.append(t)
            if len(found) == _ANCHOR_WORDS:
                break
    return found


def _fronted_after_that(toks: tuple[Token, ...], i: int) -> bool:
    """A cue that starts a "that" clause and ends at a comma, "said that *starting from* May,
    visitors will ...": like a cue at the start of a sentence, the words before it (the reporting
    clause) are not what it qualifies."""
    if i == 0 or toks[i - 1].lower != "that":
        return False
    comma = next((t.i for t in toks[i + 1 : i + 1 + 2 * _ANCHOR_WORDS] if t.lower == ","), None)
    return comma is not None and not any(is_break(t) for t in toks[i + 1 : comma])


#: a state that goes on against its end: antonyms only around "until" / "once" ("continue until X"
#: = "end once X"); elsewhere "continue" and "end" need not conflict, so they are not in the lexicon
_GOES_ON_ENDS = frozenset(
    frozenset(pair) for pair in (("continu", "end"), ("continu", "stop"), ("continu", "lift"), ("remain", "end"))
)


def _ends_and_waits(a: Qualifier, b: Qualifier) -> bool:
    """An end-of-state qualifier (*until*, *during*) against an after-qualifier: with antonym
    predicates they agree ("stay *closed until* the inspection" / "not *reopen before* it",
    "postponed the trial *pending* a report" / "will not *resume until* the report")."""
    return bool({a.kind, b.kind} & {"until", "during"} and {a.kind, b.kind} & _AFTER_LIKE)


def _state_until_against_not_before(doc_a: Doc, a: Qualifier, doc_b: Doc, b: Qualifier) -> bool:
    """A state that lasts *until* X against a change that may *not* come *before* X: one wait, told
    twice ("will miss matches until he is cleared" / "won't play again before doctors clear him",
    "will stay on strike until paid" / "will not return to work before they are paid"). Not a
    deadline ("gave the petitioners *until* March 14 to file" / "could not file before March 14")."""
    for x_doc, x, y in ((doc_a, a, b), (doc_b, b, a)):
        negated_before = y.kind == "only_after" and y.text.lower().startswith("not ") and "until" not in y.text.lower()
        if x.kind == "until" and negated_before and not _deadline(x_doc, x.first):
            return True
    return False


#: verbs that give time up to a deadline: "*gave* the petitioners until March 14 to file"
_GIVING = frozenset({"gave", "give", "given", "gives", "has", "have", "had", "granted", "allowed"})


def _deadline(doc: Doc, i: int) -> bool:
    """An "until" at ``i`` that sets a deadline: a verb of giving before it in its clause."""
    toks = doc.tokens
    for t in reversed(toks[max(0, i - _NEGATION_REACH) : i]):
        if is_break(t):
            return False
        if t.lower in _GIVING:
            return True
    return False


#: verbs that stop something for a while: "*paused* applications pending a review"
_PAUSING = frozenset(
    "pause pauses paused suspend suspends suspended halt halts halted freeze freezes froze frozen "
    "withhold withholds withheld postpone postpones postponed defer defers deferred hold".split()
)  # ("hold": "elections are on *hold* pending the new map", "will *hold* off on cuts till")


def _paused_against_not_until(doc_a: Doc, a: Qualifier, doc_b: Doc, b: Qualifier) -> bool:
    """ "*paused* new applications *pending* a review" / "will *not* take new applications *until* the
    review": an until whose clause pauses the event, against a negated until (two ways of one wait)."""
    for doc_x, x, doc_y, y in ((doc_a, a, doc_b, b), (doc_b, b, doc_a, a)):
        if x.kind == "until" and y.kind == "only_after" and y.text.lower().startswith("not "):
            # (not "did *not suspend* the talks until 2028": the pause itself is denied there)
            return _pauses(doc_x, x.first) and not _pauses(doc_y, y.first)
    return False


def _pauses(doc: Doc, i: int) -> bool:
    """A verb of pausing in the clause before token ``i``."""
    return _word_before(doc.tokens, i, _PAUSING, i) is not None


def _banned_during_against_outside(doc_a: Doc, a: Qualifier, doc_b: Doc, b: Qualifier) -> bool:
    """ "*bars* trawlers *while* cod are spawning" / "trawlers may fish *only outside* the spawning
    season": a ban during a time against a permission outside it tell one rule."""
    if {a.kind, b.kind} != {"during", "outside"}:
        return False
    return states_a_closure(doc_a) != states_a_closure(doc_b)


def _antonym_anchors(doc_a: Doc, a: Qualifier, doc_b: Doc, b: Qualifier) -> bool:
    """Whether the predicates the two qualifiers attach to are antonyms (words before the cues)."""
    words_a = [t.lower for t in _anchor_tokens(doc_a, a.first)]
    words_b = [t.lower for t in _anchor_tokens(doc_b, b.first)]
    if any(frozenset((stem(x), stem(y))) in _GOES_ON_ENDS for x in words_a for y in words_b):
        return True  # "rationing will *continue until* X" / "will *end once* X"
    return any(antonym_type(x, y) is not None for x in words_a for y in words_b)


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
    new_doc, old_doc = as_doc(new), as_doc(old)
    findings: list[Finding] = []
    used: set[int] = set()
    quals_a, quals_b = extract_qualifiers(new_doc), extract_qualifiers(old_doc)
    for qa in quals_a:
        if _has_twin(qa, quals_b):
            continue  # "unless extraction starts *within* 3 years" / "if no extraction begins *within* 3 years"
        for qb in quals_b:
            if qb.first in used or _has_twin(qb, quals_a):
                continue
            if not qa.same_event(qb) and not _eventless_pair(qa, qb) and not _waiver_of_condition(qa, qb):
                continue
            if _incompatible(qa, qb):  # unless antonym predicates agree: "stay closed until" / "reopen after"
                agree = _ends_and_waits(qa, qb) and _antonym_anchors(new_doc, qa, old_doc, qb)
                agree = agree or _state_until_against_not_before(new_doc, qa, old_doc, qb)
                agree = agree or _banned_during_against_outside(new_doc, qa, old_doc, qb)
                conflict = not (agree or _paused_against_not_until(new_doc, qa, old_doc, qb))
            else:  # "stay until X" / "be removed before X": compatible cues, antonym predicates
                conflict = {qa.kind, qb.kind} == {"until", "before"} and _antonym_anchors(new_doc, qa, old_doc, qb)
            if conflict:
                used.add(qb.first)
                reason = f"qualifier differs: {qa.text} vs {qb.text}"
                findings.append(Finding(Family.QUALIFIERS, _relation(qa, qb), reason, _WEIGHT))
                break
    if not findings:
        findings += _term_differs(new_doc, old_doc)
    if not findings:
        findings += _bound_differs(new_doc, old_doc)
    if not findings:
        findings += _unconditional_differs(new_doc, old_doc)
    if not findings:
        findings += _without_differs(new_doc, old_doc)
    if not findings:
        findings += _condition_differs(new_doc, old_doc)
    if not findings:
        findings += _restriction_differs(new_doc, old_doc)
    if not findings:
        findings += _scope_differs(new_doc, old_doc)
    if not findings:
        findings += _waived_differs(new_doc, old_doc)
    if not findings:
        findings += _waived_against_only(new_doc, old_doc)
    if not findings:
        findings += _immediacy_differs(new_doc, old_doc)
    if not findings:
        findings += _waived_in_condition(new_doc, old_doc)
    if not findings:  # last: a waived or a scope condition says more than "every" / "only"
        findings += _only_against_every(new_doc, old_doc, True) or _only_against_every(old_doc, new_doc, False)
    if not findings:
        findings += _extent_differs(new_doc, old_doc)
    return findings


#: what a text does without: "*without* a prescription", "*without having to* apply",
#: "*regardless of whether* it owns a television"
_WAIVERS: tuple[tuple[str, ...], ...] = (
    ("without", "having", "to"),
    ("regardless", "of", "whether"),
    ("irrespective", "of", "whether"),
    ("without",),
)
#: words of a waived condition that say nothing of it ("without *any* prescription")
_WAIVER_FILLERS = frozenset({"a", "an", "the", "any", "first", "their", "its", "it", "they", "he", "she"})


def _waived_against_only(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "can be bought *without* a prescription" / "dispensed *only* with a doctor's prescription",
    "paid automatically *without having to* apply" / "paid *only* to those who apply": what one text
    waives, the other makes the only way (its word within a few words after "only")."""
    for doc_a, doc_b, a_is_new in ((new_doc, old_doc, True), (old_doc, new_doc, False)):
        onlys = _onlys(doc_b)
        if not onlys or any(t.lower in _NEGATORS for t in doc_a.tokens):
            continue  # "cannot be sold without a prescription", "Without X, doctors cannot": the same condition
        for first, last in _phrases(doc_a, _WAIVERS):
            waived = [t for t in _group(doc_a, last + 1, 1)[:2] if t.lower not in _WAIVER_FILLERS]
            for i in onlys:
                if waived and _shared_words(waived[:2], _after_only(doc_b, i)):
                    (finding,) = _condition_finding(doc_a.quote(first, last), doc_b.quote(i, i), a_is_new)
                    return [finding]
    return []


def _condition_stems(doc: Doc, q: Qualifier) -> set[str]:
    """The stems of the content words of a qualifier's clause, from its cue to the next break."""
    end = next((t.i for t in doc.tokens[q.first :] if is_break(t)), len(doc.tokens))
    return {t.stem for t in doc.tokens[q.first : end] if t.is_content}


def _waived_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "even without an engineering inspection", "without waiting for the fire inspection" /
    "only after the fee is paid *and* the building passes an engineering inspection": what one text
    waives is part of the other's necessary condition (two words of it, anywhere in that clause)."""
    for doc_a, doc_b, a_is_new in ((new_doc, old_doc, True), (old_doc, new_doc, False)):
        for qa in extract_qualifiers(doc_a):
            waived = qa.kind == "regardless" or (qa.kind == "before" and qa.text.lower().startswith("without"))
            if not waived:
                continue
            for qb in extract_qualifiers(doc_b):
                if qb.kind not in _RESTRICTIVE:
                    continue
                if len(qa.slot & _condition_stems(doc_b, qb)) >= 2:
                    return _condition_finding(qa.text, qb.text, a_is_new)
    return []


#: a wait in so many words: "a *grace period*", "a two-year *transition period*"
_WAITS: tuple[tuple[str, ...], ...] = (
    ("grace", "period"),
    ("transition", "period"),
    ("transitional", "period"),
    ("waiting", "period"),
)
#: words right before a wait that waive it: "*with no* waiting period", "*without any* grace period"
_NO_WAIT = frozenset({"no", "without"})
# the first words of both lists: a text with none of them is not scanned
_AT_ONCE_FIRST = frozenset(words[0] for words in _AT_ONCE_WORDS)
_WAIT_FIRST = frozenset(words[0] for words in _WAITS)


def _timing_marks(doc: Doc) -> tuple[str | None, str | None]:
    """The words by which a text says its event happens at once ("immediately", "with no waiting
    period") and those by which it makes it wait ("only after a six-month wait", "a grace period"),
    each the first found or None. A negated "immediately" ("did not take effect immediately") is
    neither."""
    toks = doc.tokens
    present = {t.lower for t in toks}
    at_once: str | None = None
    for first, last in _phrases(doc, _AT_ONCE_WORDS) if present & _AT_ONCE_FIRST else ():
        if not any(t.lower in _NEGATORS for t in toks[max(0, first - 3) : first]):
            at_once = at_once or doc.quote(first, last)
    wait: str | None = None
    for first, last in _phrases(doc, _WAITS) if present & _WAIT_FIRST else ():
        before = {t.lower for t in toks[max(0, first - 2) : first]}
        if before & _NO_WAIT:
            at_once = at_once or doc.quote(max(0, first - 2), last)
        else:
            wait = wait or doc.quote(first, last)
    for q in extract_qualifiers(doc):
        if q.timing == "delayed":  # "only after a delay of two days", "six months after"
            start = _delay(doc, q.first)  # quote the wait too: "several days after the attack"
            wait = wait or (doc.quote(start, q.first - 1) + " " if start is not None else "") + _clause_text(doc, q)
    return at_once, wait or _duration_wait(doc)


#: words before an amount of time that make an event wait for it: "to be freed *in* 30 days", "get
#: *up to* 30 days to report", "*after* five days overdrawn"
_WAIT_BEFORE: tuple[tuple[str, ...], ...] = (("in",), ("after",), ("up", "to"), ("within",))


def _duration_wait(doc: Doc) -> str | None:
    """ "in 30 days", "up to 30 days", "after five days", "within a week", "two weeks later", "have
    30 days to comply": an amount of time the event waits for (quoted), else None."""
    toks = doc.tokens
    durations = unit_words("duration")
    for i, tok in enumerate(toks):
        if tok.lower not in durations or i < 1:
            continue
        amount = toks[i - 1]
        if not (amount.kind == "num" or amount.lower in _NUMBER_WORDS or amount.lower in ("a", "an")):
            continue
        for words in _WAIT_BEFORE:
            start = i - 1 - len(words)
            if start >= 0 and tuple(t.lower for t in toks[start : i - 1]) == words:
                return doc.quote(start, i)
        if i + 1 < len(toks) and toks[i + 1].lower == "later":
            return doc.quote(i - 1, i + 1)  # "two weeks later"
        if i + 1 < len(toks) and toks[i + 1].lower == "to":
            return doc.quote(i - 1, i)  # "have 30 days to comply"
    return None


def _immediacy_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "took effect *immediately*" / "came into force *only after a delay of two days*", "may retake
    the test immediately, with no waiting period" / "only after a six-month wait": one text says the
    event happens at once, the other makes it wait, and neither says both."""
    at_new, wait_new = _timing_marks(new_doc)
    at_old, wait_old = _timing_marks(old_doc)
    for at_once, wait, other_at_once, other_wait, at_once_is_new in (
        (at_new, wait_old, at_old, wait_new, True),
        (at_old, wait_new, at_new, wait_old, False),
    ):
        if at_once and wait and not other_at_once and not other_wait:
            new_text, old_text = (at_once, wait) if at_once_is_new else (wait, at_once)
            reason = f"qualifier differs: {new_text} vs {old_text}"
            return [Finding(Family.QUALIFIERS, Relation.CONFLICT, reason, _WEIGHT)]
    return []


#: words that end a waived phrase: "without a visa *on* condition that", "without a visa *for* stays"
_WAIVED_ENDS = frozenset({"on", "for", "in", "at", "from", "by", "with", "during", "after", "before", "until", "as"})
#: "*with no* prior warning": a waiver too, beside :data:`_WAIVERS`
_WAIVED_WITH_NO: tuple[tuple[str, ...], ...] = (*_WAIVERS, ("with", "no"))


def _waived_in_condition(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "come into force *without any referendum*" / "take effect *only after* voters approve it in a
    national referendum", "*without having to commit to* any reforms" / "*in exchange for* pledging
    reforms": what one text waives is named in the other's necessary condition (a content word of
    the waived thing in that condition's clause), and the waiving text is not itself negated."""
    for doc_a, doc_b, a_is_new in ((new_doc, old_doc, True), (old_doc, new_doc, False)):
        restrictive = [q for q in extract_qualifiers(doc_b) if q.kind in _RESTRICTIVE]
        if not restrictive:
            continue
        for first, last in _phrases(doc_a, _WAIVED_WITH_NO):
            if any(t.lower in _NEGATORS and not first <= t.i <= last for t in doc_a.tokens):
                continue  # "cannot be sold without a prescription" = only with one
            waived: set[str] = set()  # the waived phrase up to a preposition: "without a *visa* | on condition that"
            for t in doc_a.tokens[last + 1 : last + 8]:
                if is_break(t) or t.lower in _WAIVED_ENDS or len(waived) >= 3:
                    break
                if t.is_content and t.lower not in _WAIVER_FILLERS:
                    waived.add(t.stem)
            for q in restrictive:
                if q.text.lower().startswith("not "):
                    continue  # "can no longer travel *not without first* getting a visa": a negation's
                if waived & _condition_stems(doc_b, q):
                    return _condition_finding(doc_a.quote(first, last), q.text, a_is_new)
    return []


def _has_twin(q: Qualifier, others: tuple[Qualifier, ...]) -> bool:
    """Whether ``q`` is a deadline ("within 3 years of", "by the end of 2024") that the other text
    has too, for the same event: then it agrees with it, and is not compared with the other text's
    other qualifiers (a deadline inside a condition: "expire unless X starts within 3 years")."""
    return q.kind == "before" and any(o.kind == q.kind and o.timing == q.timing and q.same_event(o) for o in others)


def _relation(a: Qualifier, b: Qualifier) -> Relation:
    """NEGATION when one text only negates the other's "before" ("did not test positive *ahead
    of* the fight" / "tested positive *ahead of* the fight": the event did not happen before, which
    negates the claim rather than moving its time); CONFLICT otherwise."""
    for x, y in ((a, b), (b, a)):
        negated_before = x.text.startswith("not ") and _CUES.get(tuple(x.text[4:].lower().split())) == "before"
        if x.kind == "only_after" and negated_before and y.kind == "before":
            return Relation.NEGATION  # "not until X" (which says it happened, later) stays a CONFLICT
    return Relation.CONFLICT


_MIN_SHARED_ANCHOR = 2


def _names_a_wait(words: frozenset[str] | set[str]) -> bool:
    """Whether an event's words name a wait: "a delay of days", "a *months*-long review"."""
    return any(part in _DELAY_WORDS for w in words for part in w.split("-"))


def _eventless_pair(a: Qualifier, b: Qualifier) -> bool:
    """ "beamed back its first pictures only after a delay of several days" / "transmitted its
    first images immediately after touching down": a bare wait names no event of its own, so at
    once against it is one predicate's when its anchors share two words (or synonyms). So is
    "regardless of results" against "only if they win it"."""
    for x, y in ((a, b), (b, a)):
        wait = y.timing == "delayed" and _names_a_wait(y.words)
        if (x.timing == "at_once" and wait) or (x.kind == "regardless" and y.kind == "only_if"):
            shared = {w for w in x.anchor if any(w == v or synonyms(w, v) for v in y.anchor)}
            return len(shared) >= _MIN_SHARED_ANCHOR
    return False


def _waiver_of_condition(a: Qualifier, b: Qualifier) -> bool:
    """ "go ahead *only if* the local council gives its approval" / "be built *even if* local
    councillors vote against it": a necessary condition against a waiver of the same thing (a
    shared word of the two conditions) is one decision, whatever verb each text hangs it on."""
    if {a.kind, b.kind} != {"only_if", "regardless"}:
        return False
    return bool(a.slot & b.slot) or _shared_prefix(a.slot, b.slot)


def _incompatible(a: Qualifier, b: Qualifier) -> bool:
    """Whether two qualifiers (of one event) are incompatible: at once against a delay, or
    conflicting classes whose conditions are not complements of each other."""
    if {a.timing, b.timing} == {"at_once", "delayed"}:
        return True
    unfinished = any(x.kind == "before" and x.text.lower() == "while" for x in (a, b))
    if {a.kind, b.kind} == {"before", "during"} and unfinished:
        return False  # "broke out *while* the building was being renovated" / "caught fire *during* renovation"
    return frozenset((a.kind, b.kind)) in _CONFLICTS and not _complementary(a, b)


#: Bounds on a time, before or after it: "in 2027 at the earliest", "at the latest 30 days after".
_TIME_BOUNDS = {("at", "the", "earliest"): "earliest", ("at", "the", "latest"): "latest"}


def _time_bound(doc: Doc) -> tuple[str, frozenset[str], int] | None:
    """The first time bound, the stems of the numbers and content words within two tokens of
    it (the time it bounds), and its index."""
    lowers = [t.lower for t in doc.tokens]
    for words, kind in _TIME_BOUNDS.items():
        i = _find(lowers, words)
        if i is not None:
            near = doc.tokens[max(0, i - 2) : i] + doc.tokens[i + 3 : i + 5]
            return kind, frozenset(t.stem for t in near if t.kind == "num" or t.is_content), i
    return None


def _bound_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "opens in 2027 at the earliest" / "opens in 2027 at the latest": one time, bounded from
    opposite sides (the bounds touch at 2027, so the quantities family sees no conflict)."""
    a, b = _time_bound(new_doc), _time_bound(old_doc)
    if a is None or b is None or a[0] == b[0] or not a[1] & b[1]:
        return []
    text_a, text_b = new_doc.quote(a[2], a[2] + 2), old_doc.quote(b[2], b[2] + 2)
    return [Finding(Family.QUALIFIERS, Relation.CONFLICT, f"qualifier differs: {text_a} vs {text_b}", _WEIGHT)]


def _find(lowers: list[str], words: tuple[str, ...]) -> int | None:
    """The first index where ``words`` occur in ``lowers``, else None."""
    first = words[0]
    for i, word in enumerate(lowers):
        if word == first and tuple(lowers[i : i + len(words)]) == words:
            return i
    return None


@lru_cache(maxsize=8192)
def _term(doc: Doc) -> tuple[str, str] | None:
    """The kind of term and its words: ("indefinite", "until further notice"), ("permanent",
    "permanently"), ("temporary", "temporarily") or ("fixed", "for an initial period of 30 days")."""
    lowers = [t.lower for t in doc.tokens]
    present = set(lowers)
    time_units = unit_words("duration")
    for words, kind in _TERMS:
        if words[0] in present and (i := _find(lowers, words)) is not None:
            if _rejected(lowers, i):
                continue  # "would expire after a month *rather than* remain in place indefinitely"
            negator = next((k for k in range(i - 1, max(-1, i - 5), -1) if lowers[k] in ("not", "never")), None)
            between = lowers[negator + 1 : i] if negator is not None else []
            if negator is not None and kind in _NOT_TERM and all(w in _NOT_TERM_LINKS for w in between):
                # "is not permanent" = temporary, and "is not meant to be permanent"
                return _NOT_TERM[kind], doc.quote(negator, i + len(words) - 1)
            return kind, doc.quote(i, i + len(words) - 1)
    for i, word in enumerate(lowers) if present & _TERM_STARTS else ():
        if word not in _TERM_STARTS:
            continue
        j = i + 1  # "for 30 days", "for a month", "for an initial period of 30 days", "lasted about three weeks"
        while j + 1 < len(lowers) and lowers[j] in _TERM_FILLERS and lowers[j + 1] not in time_units:
            j += 1
        unit = j + 1 < len(lowers) and lowers[j + 1] in time_units
        if unit and (doc.tokens[j].kind == "num" or lowers[j] in _NUMBER_WORDS):
            return "fixed", doc.quote(i, j + 1)
    forward = _forward_only(doc)  # "only from April", "only to offences committed after", "no backdating"
    return ("prospective", _extent_phrase(doc, forward)) if forward is not None else None


def _rejected(lowers: list[str], i: int) -> bool:
    """Whether "rather than" / "instead of" comes within five words before index ``i``."""
    before = " ".join(lowers[max(0, i - 6) : i])
    return "rather than" in before or "instead of" in before


@lru_cache(maxsize=8192)
def _unconditional(doc: Doc) -> tuple[int, int] | None:
    """First and last token of a "no condition" phrase ("without preconditions"), else None."""
    lowers = [t.lower for t in doc.tokens]
    present = set(lowers)
    for words in _UNCONDITIONAL:
        if words[0] in present and (i := _find(lowers, words)) is not None:
            # "without getting anything in return": quote from "without"
            start = next((k for k in range(i - 1, max(-1, i - 3), -1) if lowers[k] in ("without", "for")), i)
            return start, i + len(words) - 1
    return None


def _condition_finding(free_text: str, other_text: str, free_is_new: bool) -> list[Finding]:
    """A "condition differs" finding, the new claim's words first, for a text with no condition
    (``free_text``) against one with a condition."""
    new_text, old_text = (free_text, other_text) if free_is_new else (other_text, free_text)
    reason = f"condition differs: {new_text} vs {old_text}"
    return [Finding(Family.QUALIFIERS, Relation.CONFLICT, reason, _CONDITION_WEIGHT)]


def _without_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "lifted the ban without imposing any minimum export price" / "lifted the ban on condition
    that shipments respect a minimum export price": what one text does without, the other makes a
    condition (two words of the condition after "without")."""
    for free_doc, other_doc, free_is_new in ((new_doc, old_doc, True), (old_doc, new_doc, False)):
        for t in free_doc.tokens:
            if t.lower != "without" or any(x.lower in ("not", "never") for x in free_doc.tokens):
                continue  # "Without their consent, doctors cannot ...", "would not recognise it without": "only with"
            after = {x.stem for x in free_doc.tokens[t.i + 1 : t.i + 7] if x.is_content}
            for q in extract_qualifiers(other_doc):
                if q.kind in ("only_if", "if") and len(after & q.slot) >= 2:
                    return _condition_finding(free_doc.quote(t.i, t.i), q.text, free_is_new)
    return []


def _unconditional_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "offered talks without preconditions" / "would return to talks only if sanctions were
    lifted": no condition against a condition (only if, if, only after) of the same predicate."""
    for free_doc, other_doc, free_is_new in ((new_doc, old_doc, True), (old_doc, new_doc, False)):
        span = _unconditional(free_doc)
        if span is None or _unconditional(other_doc) is not None:
            continue  # (both say it: "expires automatically unless" / "automatically expires if")
        anchor = set(_anchor(free_doc, span[0]))
        for q in extract_qualifiers(other_doc):
            if q.kind in ("only_if", "if", "only_after", "after") and anchor & set(q.anchor):
                return _condition_finding(free_doc.quote(*span), q.text, free_is_new)
    return []


def _term_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "closed until further notice" / "closed for two weeks": an open-ended term against a fixed one."""
    a, b = _term(new_doc), _term(old_doc)
    if a is None or b is None or frozenset((a[0], b[0])) not in _TERM_CONFLICTS:
        return []
    reason = f"duration differs: {a[1]} vs {b[1]}"
    return [Finding(Family.QUALIFIERS, Relation.CONFLICT, reason, _CONDITION_WEIGHT)]


_AFTER_LIKE = frozenset({"after", "only_after"})
_RESTRICTIVE = frozenset({"only_after", "only_if"})


def _waits(a: str, b: str) -> bool:
    """Both make the predicate wait for an event: after-like on both sides, or a necessary condition
    ("only if a ceasefire is agreed") against an after-like or necessary one ("as soon as fighting
    breaks out")."""
    if a in _AFTER_LIKE and b in _AFTER_LIKE:
        return True
    return bool({a, b} & {"only_if"}) and {a, b} <= _AFTER_LIKE | _RESTRICTIVE


def _complementary(a: Qualifier, b: Qualifier) -> bool:
    """ "unless X falls below" / "as long as X stays above": opposite words make the conditions one."""
    if {a.kind, b.kind} - _CONDITIONAL != {"unless"} or not ({a.kind, b.kind} & _CONDITIONAL):
        return False
    # only antonyms that cannot both be false: "unless the president vetoes" is not "only if he signs"
    # (he may do neither)
    return any(
        frozenset((x, y)) in _OPPOSITE_WORDS or antonym_type(x, y) == COMPLEMENTARY for x in a.words for y in b.words
    )


def _condition_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "lift sanctions only after troops withdraw" / "lift sanctions once a ceasefire is signed".

    The same predicate (at least two anchor words in common) made to wait for two different events
    (no slot word in common, none a synonym of the other).
    """
    for qa in extract_qualifiers(new_doc):
        for qb in extract_qualifiers(old_doc):
            if not _waits(qa.kind, qb.kind):
                continue
            if len(set(qa.anchor) & set(qb.anchor)) < 2 or not _event_like(qa) or not _event_like(qb):
                continue
            if qa.slot & qb.slot or any(same_sense(x, y) for x in qa.slot for y in qb.slot):
                continue
            reason = f"condition differs: '{_clause_text(new_doc, qa)}' vs '{_clause_text(old_doc, qb)}'"
            return [Finding(Family.QUALIFIERS, Relation.CONFLICT, reason, _CONDITION_WEIGHT)]
    return []


def _phrase_at(lowers: list[str], phrases: tuple[tuple[str, ...], ...]) -> tuple[int, int] | None:
    """First and last index of the first of ``phrases`` in ``lowers``: "or not" only at the end
    of a clause after a word, whose span it then includes ("emergency or not"); none before a cue
    word ("immediately after")."""
    for words in phrases:
        i = _find(lowers, words)
        if i is None:
            continue
        end = i + len(words)
        nxt = lowers[end] if end < len(lowers) else "."
        if words == ("or", "not") and (i == 0 or nxt not in CLAUSE_BREAKS or lowers[i - 1] == "whether"):
            continue
        if nxt in ("after", "upon", "following", "before", "when", "once"):
            continue
        return (i - 1 if words == ("or", "not") else i), end - 1  # quote "emergency or not"
    return None


def _restriction_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """ "allowed only during the summer" / "permitted all year round", and "eligible immediately" /
    "eligible only after a waiting period": no restriction against a restriction of the same
    predicate (two anchor words in common)."""
    for free_doc, other_doc, free_is_new in ((new_doc, old_doc, True), (old_doc, new_doc, False)):
        free_lowers = [t.lower for t in free_doc.tokens]
        always = _phrase_at(free_lowers, _ALWAYS)
        at_once = _phrase_at(free_lowers, _AT_ONCE_WORDS)
        for span, restrictions in ((always, _only_restrictions(other_doc)), (at_once, _waits_for(other_doc))):
            if span is None:
                continue
            anchor = _anchor_tokens(free_doc, span[0])
            if len(anchor) < 3:  # "to any patient, emergency or not", "a cap, in force all year round"
                comma = next((k for k in range(span[0] - 1, -1, -1) if free_lowers[k] == ","), None)
                anchor += _anchor_tokens(free_doc, comma) if comma is not None else []
            for at, text in restrictions:
                if _shared_words(anchor, _wide_anchor(other_doc, at)) >= 2:
                    return _condition_finding(free_doc.quote(*span), text, free_is_new)
    return []


def _wide_anchor(doc: Doc, i: int) -> list[Token]:
    """The anchor of token ``i``, or, when a break leaves it under three words ("will reopen to
    refugees, a step aid groups urged, *but only after* a delay"), with the anchors of up to two
    clauses before it."""
    anchor = _anchor_tokens(doc, i)
    if len(anchor) >= 3:
        return anchor
    at, clauses = i, 0
    while clauses < 2:
        brk = next((k for k in range(at - 1, -1, -1) if _breaks(doc.tokens[k])), None)
        if brk is None:
            break
        more = _anchor_tokens(doc, brk)
        anchor += more
        clauses += bool(more)  # ", but": no clause between two breaks
        at = brk
    return anchor


def _shared_words(a: list[Token], b: list[Token]) -> int:
    """How many distinct words of ``a`` have a word of ``b`` of the same stem or sense ("paid" /
    "payments")."""
    return len({x.stem for x in a if any(x.stem == y.stem or same_sense(x.lower, y.lower) for y in b)})


def _only_restrictions(doc: Doc) -> list[tuple[int, str]]:
    """ "only during", "only in", "only when": where each starts, and its words."""
    toks = doc.tokens
    found: list[tuple[int, str]] = []
    for i in _onlys(doc):
        # "only during", and "can only be registered by the clubs during": the first restricting word
        for k in range(i + 1, min(len(toks), i + 2 + _ONLY_REACH)):
            if is_break(toks[k]):
                break
            if k == i + 1 and toks[k].lower in _RESTRICTED:
                found.append((i, doc.quote(i, k)))
                break
            later = toks[k].lower in _RESTRICTED_LATER
            if later or (toks[k].lower in ("at", "on") and k + 1 < len(toks) and toks[k + 1].lower in _TIME_NOUNS):
                found.append((i, doc.quote(i, i) + " ... " + doc.quote(k, k)))  # "only applies *at* night"
                break
    return found


#: words that spread a change over time: "phased in gradually", "in stages"
_GRADUAL: tuple[tuple[str, ...], ...] = (("gradually",), ("phased", "in"), ("phased", "out"), ("in", "stages"))


def _waits_for(doc: Doc) -> list[tuple[int, str]]:
    """The qualifiers that make their predicate wait ("only after X", "months after X") and the
    words that spread it over time ("phased in gradually"), not rejected ("rather than being
    phased in"): where each starts, and its words."""
    waits = [(q.first, q.text) for q in extract_qualifiers(doc) if q.kind == "only_after" or q.timing == "delayed"]
    lowers = [t.lower for t in doc.tokens]
    waits += [(i, doc.quote(i, last)) for i, last in _phrases(doc, _GRADUAL) if not _rejected(lowers, i)]
    return waits


def _event_like(q: Qualifier) -> bool:
    """At least two words that are no number and no duration ("after 49 days" is left to the
    quantities family)."""
    if q.words & unit_words("duration"):
        return False
    return sum(not w.replace(".", "").replace(",", "").isdigit() for w in q.words) >= 2


def _clause_text(doc: Doc, q: Qualifier) -> str:
    last = q.first
    for j in range(q.first + 1, len(doc.tokens)):
        if doc.tokens[j].lower in CLAUSE_BREAKS:
            break
        last = j
    return doc.quote(q.first, last)


#: "except for those over 12", "excluding tenants": who is left out of what the claim says
_EXCLUSIONS: tuple[tuple[str, ...], ...] = (
    ("with", "the", "exception", "of"),
    ("except", "for"),
    ("apart", "from"),
    ("other", "than"),
    ("save", "for"),
    ("excluding",),
    ("except",),
)
#: "including those over 12", "tourists as well as residents": who is explicitly in it
_INCLUSIONS: tuple[tuple[str, ...], ...] = (
    ("as", "well", "as"),
    ("along", "with"),
    ("together", "with"),
    ("alongside",),
    ("including",),
)
#: after a group, at the end of a clause: "Saudi citizens *included*"
_INCLUDED = frozenset({"included"})
#: words between "only" and the group it restricts to ("only *to the* residents")
_ONLY_FILLERS = frozenset({"to", "for", "the", "a", "an", "those", "people", "by"})
_SCOPE_WORDS = 4


def _phrases(doc: Doc, cues: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """Where each of ``cues`` occurs: its first and last index (longest cue first at a place)."""
    lowers = [t.lower for t in doc.tokens]
    found: list[tuple[int, int]] = []
    for i in range(len(lowers)):
        if any(i <= last for _, last in found):
            continue
        for words in cues:
            if tuple(lowers[i : i + len(words)]) == words:
                found.append((i, i + len(words) - 1))
                break
    return found


def _group(doc: Doc, start: int, step: int) -> list[Token]:
    """The content words and numbers of a group from token ``start`` on, forward (``step`` 1) or
    backward (-1), up to a punctuation break: "except for *those who already own property*"."""
    found: list[Token] = []
    j = start
    while 0 <= j < len(doc.tokens) and len(found) < _SCOPE_WORDS:
        t = doc.tokens[j]
        if is_break(t) or t.lower in BE or t.lower in MODALS:
            break  # "all other hotels | must pay the levy"
        if t.is_content or t.kind == "num":
            found.append(t)
        j += step
    return found


def _exclusions(doc: Doc) -> list[tuple[int, list[Token]]]:
    """Each exclusion ("except for X", "apart from X"): where it starts, and the group it leaves out."""
    found: list[tuple[int, list[Token]]] = []
    for first, last in _phrases(doc, _EXCLUSIONS):
        nxt = doc.tokens[last + 1].lower if last + 1 < len(doc.tokens) else ""
        if doc.tokens[last].lower == "except" and nxt in ("if", "when", "where", "that", "to"):
            continue  # "except if": a condition (unless), not a group
        group = _group(doc, last + 1, 1)
        if group:
            found.append((first, group))
    return found


def _inclusions(doc: Doc) -> list[tuple[str, list[Token]]]:
    """Each inclusion: its words, and the groups it names on either side ("street stalls *as well
    as* all other vendors", "*including* those over 12", "Saudi citizens *included*")."""
    found: list[tuple[str, list[Token]]] = []
    for first, last in _phrases(doc, _INCLUSIONS):
        after = _group(doc, last + 1, 1)
        before = _group(doc, first - 1, -1)[:2] if doc.tokens[first].lower != "including" else []
        if after or before:
            text = doc.quote(before[-1].i if before else first, after[-1].i if after else last)
            found.append((text, before + after))
    for t in doc.tokens:
        nxt = doc.tokens[t.i + 1] if t.i + 1 < len(doc.tokens) else None
        if t.lower in _INCLUDED and (nxt is None or is_break(nxt)) and (before := _group(doc, t.i - 1, -1)):
            found.append((doc.quote(before[-1].i, t.i), before))
    return found


def _scope_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """Who a claim applies to: "covers all schoolchildren, *except for* those over 12" /
    "*including* those over 12"; "*only* residents are subject to the ban" / "applies to
    tourists *as well as* residents"."""
    for doc_a, doc_b, a_is_new in ((new_doc, old_doc, True), (old_doc, new_doc, False)):
        excluded_b = [group for _, group in _exclusions(doc_b)]
        for first, left_out in _exclusions(doc_a):
            if any(_shared_words(left_out, group) for group in excluded_b):
                continue  # both leave the group out
            for text_b, put_in in _inclusions(doc_b):
                if _shared_words(left_out, put_in) >= 1:
                    return [_scope_finding(doc_a.quote(first, left_out[-1].i), text_b, a_is_new)]
        finding = (
            _only_against_both(doc_a, doc_b, a_is_new)
            or _only_against_not_just(doc_a, doc_b, a_is_new)
            or _only_against_included(doc_a, doc_b, a_is_new)
        )
        if finding:
            return finding
    return []


#: "not just celebrities", "not only drivers": the group and more
_NOT_JUST = (("not", "just"), ("not", "only"), ("not", "merely"), ("not", "simply"))
#: how far after "only" its group may come ("would only *shield* public figures such as *celebrities*")
_ONLY_REACH = 7


def _only_against_not_just(doc_a: Doc, doc_b: Doc, a_is_new: bool) -> list[Finding]:
    """ "would apply to every citizen, *not just* celebrities" / "would *only* shield public figures
    such as celebrities": a group said to be more than itself against a restriction to it."""
    for first, last in _phrases(doc_a, _NOT_JUST):
        group = _group(doc_a, last + 1, 1)[:2]
        if not group:
            continue
        for i in _onlys(doc_b):
            if _shared_words(group, _after_only(doc_b, i)):
                return [_scope_finding(doc_a.quote(first, group[-1].i), doc_b.quote(i, i + 1), a_is_new)]
    return []


def _only_against_both(doc_a: Doc, doc_b: Doc, a_is_new: bool) -> list[Finding]:
    """ "*only* residents" / "tourists *as well as* residents": the group that text A restricts to
    is coordinated in text B with another group that A names outside its "only"."""
    toks_a = doc_a.tokens
    for i in _onlys(doc_a):  # (not "not only X but also Y": it names both)
        k = i + 1
        while k < len(toks_a) and toks_a[k].lower in _ONLY_FILLERS:
            k += 1
        if k >= len(toks_a) or not toks_a[k].is_content or (toks_a[k].lower,) in _CUES:
            continue
        group = toks_a[k]
        restricted_end = next((j for j in range(k + 1, len(toks_a)) if is_break(toks_a[j])), len(toks_a))
        elsewhere = [x for x in toks_a if x.is_content and (x.i < i or x.i >= restricted_end)]
        for first_b, last_b in _phrases(doc_b, _INCLUSIONS):
            before = _group(doc_b, first_b - 1, -1)[:2]
            after = _group(doc_b, last_b + 1, 1)[:1]
            for mine, other in ((before, after), (after, before)):
                if _shared_words([group], mine) and other and _shared_words(other[:1], elsewhere):
                    other_text = doc_b.quote(before[-1].i if before else first_b, last_b + 1)
                    return [_scope_finding(doc_a.quote(i, k), other_text, a_is_new)]
    return []


def _only_against_included(doc_a: Doc, doc_b: Doc, a_is_new: bool) -> list[Finding]:
    """ "a curfew on weekends *only*" / "every night of the week, weekends *included*": a group that
    one text restricts to (after "only" or before a closing "only") the other names as part of more."""
    toks = doc_a.tokens
    for i, t in enumerate(toks):
        if t.lower != "only":
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (nxt is None or is_break(nxt)) and i > 0 and toks[i - 1].is_content:
            group = [toks[i - 1]]  # "on weekends only."
        elif nxt is not None and nxt.is_content and not (i > 0 and toks[i - 1].lower == "not"):
            group = [nxt]  # "only weekends"
        else:
            continue
        for text_b, put_in in _inclusions(doc_b):
            if _shared_words(group, put_in) and text_b.endswith(("included", "includes")):
                return [_scope_finding(doc_a.quote(min(i, group[0].i), max(i, group[0].i)), text_b, a_is_new)]
    return []


_EVERY = frozenset({"every", "all", "each"})


def _only_against_every(doc_a: Doc, doc_b: Doc, a_is_new: bool) -> list[Finding]:
    """ "past 6pm at *every* polling unit" / "*only* at polling units that opened late": a group
    taken whole by one text and restricted by the other (which says "every" / "all" nowhere)."""
    if any(t.lower in _EVERY for t in doc_b.tokens):
        return []
    for t in doc_a.tokens:
        group = _group(doc_a, t.i + 1, 1)[:2] if t.lower in _EVERY else []
        if not group or any(x.kind == "num" for x in group):
            continue
        for i in _onlys(doc_b):
            after = _after_only(doc_b, i)[:3]
            if after and after[0].kind != "num" and _shared_words(group, after):
                return [_scope_finding(doc_a.quote(t.i, group[-1].i), doc_b.quote(i, after[-1].i), a_is_new)]
    return []


def _scope_finding(a_text: str, b_text: str, a_is_new: bool) -> Finding:
    """A "scope differs" finding, the new claim's words first."""
    new_text, old_text = (a_text, b_text) if a_is_new else (b_text, a_text)
    return Finding(Family.QUALIFIERS, Relation.CONFLICT, f"scope differs: {new_text} vs {old_text}", _CONDITION_WEIGHT)


def _onlys(doc: Doc) -> list[int]:
    """Where "only" restricts what follows it (not in "not only X but also Y")."""
    toks = doc.tokens
    return [i for i, t in enumerate(toks) if t.lower == "only" and not (i > 0 and toks[i - 1].lower == "not")]


def _after_only(doc: Doc, i: int) -> list[Token]:
    """The content words after the "only" at ``i``, up to a punctuation break, within
    :data:`_ONLY_REACH` words ("would only *shield public figures such as celebrities*")."""
    found: list[Token] = []
    for t in doc.tokens[i + 1 : i + 1 + _ONLY_REACH]:
        if is_break(t):
            break
        if t.is_content:
            found.append(t)
    return found


#: how far a rule reaches (see :func:`_extent_differs`)
_EXTENT_PREPOSITIONS = frozenset(
    {"during", "at", "on", "in", "to", "for", "within", "between", "outside", "inside", "from", "after", "until"}
)
_EXTENT_AFTER_NOUN = frozenset({"only", "alone"})
# "the whole school day", "every night", "throughout the flight", "all year round", "nationwide"
_EXTENT_WHOLE = frozenset(
    {"whole", "entire", "every", "throughout", "alike", "round-the-clock", "nationwide", "countrywide"}
)
_EXTENT_ALL = (
    ("as", "well"),
    ("all", "year"),
    ("year", "round"),
    ("year-round",),
    ("all", "day"),
    ("around", "the", "clock"),
    ("24", "/", "7"),
)
# no restriction at all: "regardless of salary", "at any time", "of any age", "seven days a week" (a
# text that restricts by the same word, "only to tenants under the age of 35", is no list of it)
_EXTENT_UNRESTRICTED = (
    ("regardless", "of"),
    ("irrespective", "of"),
    ("at", "any", "time"),
    ("at", "any", "hour"),
    ("at", "any", "point"),
    ("at", "any", "moment"),
    ("on", "any", "day"),
    ("of", "any", "age"),
    ("no", "time", "limit"),
    ("seven", "days", "a", "week"),
    ("7", "days", "a", "week"),
    ("seven", "nights", "a", "week"),
    ("twelve", "months", "a", "year"),
    ("12", "months", "a", "year"),
    ("365", "days", "a", "year"),
    ("24", "hours", "a", "day"),
)
_EXTENT_INCLUDED = frozenset({"included", "including"})
_EXTENT_EVEN = frozenset({"even"})
_EXTENT_EVEN_AT = frozenset({"during", "outside", "inside", "on", "at", "in", "for", "when", "while"})
_FORWARD_ONLY = frozenset({"from", "after", "onwards", "future", "forward"})
_APPLY = frozenset({"apply", "applies", "applied"})
_EXTENT_WORDS = (
    _EXTENT_WHOLE | {w for words in _EXTENT_ALL + _EXTENT_UNRESTRICTED for w in words} | _EXTENT_INCLUDED | _EXTENT_EVEN
)


def _restricted_extent_at(toks: tuple[Token, ...], i: int) -> bool:
    low = toks[i].lower
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if low in RESTRICTORS and nxt in _EXTENT_PREPOSITIONS:
        return True  # "only during lessons", "only to individuals"
    if low in RESTRICTORS and i + 1 < len(toks) and _verb_then_time(toks, i + 1) is not None:
        return True  # "may only operate on weekends", "only lasts through the winter months"
    if low in LIMITED_TO and nxt == "to":
        return True  # "limited to the first weeks"
    if low in RESTRICTORS and nxt in _APPLY and i + 2 < len(toks) and toks[i + 2].lower == "to":
        return True  # "only applies to vehicles under three years old"
    if low in _EXTENT_AFTER_NOUN and i > 0 and toks[i - 1].is_content and _common_or_day(toks[i - 1]):
        # "weekends only", "banks alone", "lesson time only": at the end of a phrase
        return nxt in ("", ".", ",", ";", "and", "with", "leaving", "so", "but") or toks[i + 1].kind == "sym"
    return False


def _common_or_day(tok: Token) -> bool:
    """A word in lower case, or the name of a day or month ("on Fridays and *Saturdays* only")."""
    return not tok.cap or tok.lower.removesuffix("s") in DATE_WORDS


#: how many words may stand between "only" + its verb and the time it restricts the verb to
_VERB_TIME_REACH = 3
#: prepositions of the time or place a verb after "only" is restricted to ("only operate *on* weekends")
_VERB_TIME_PREPOSITIONS = (_EXTENT_PREPOSITIONS - {"to", "from", "after", "until", "for"}) | {"through"}


def _verb_then_time(toks: tuple[Token, ...], k: int) -> int | None:
    """For a verb at ``k`` ("operate", "lasts", "need") followed within a few words by a preposition
    of time or place, what "only" before the verb restricts ("only operate *on* weekends"): the
    preposition's index, else None."""
    verb = toks[k]
    if not (verb.kind == "word" and verb.is_content and not verb.cap and verb.lower not in _ONLY_NOT_VERBS):
        return None
    for t in toks[k + 1 : k + 2 + _VERB_TIME_REACH]:
        if is_break(t) or t.kind == "num":
            return None
        if t.lower in _VERB_TIME_PREPOSITIONS:
            return t.i
    return None


#: words after "only" that are no verb of the rule ("only *one*", "only *half*", "only *a few*")
_ONLY_NOT_VERBS = frozenset({"one", "half", "few", "some", "once", "twice", "recently", "partly", "just", "about"})


@lru_cache(maxsize=8192)
def _restricted_extent(doc: Doc) -> int | None:
    toks = doc.tokens
    return next((i for i in range(len(toks)) if _restricted_extent_at(toks, i)), None)


@lru_cache(maxsize=8192)
def _whole_extent(doc: Doc) -> int | None:
    toks = doc.tokens
    lows = [t.lower for t in toks]
    for i, low in enumerate(lows):
        if low in _EXTENT_WHOLE:
            return i
        if any(tuple(lows[i : i + len(words)]) == words for words in _EXTENT_ALL + _EXTENT_UNRESTRICTED):
            return i
        at_end = i + 1 == len(toks) or toks[i + 1].kind == "sym"
        if low in _EXTENT_INCLUDED and i > 0 and toks[i - 1].is_content and at_end:
            return i  # "breaks included"
        if low in _EXTENT_EVEN and i + 1 < len(toks) and lows[i + 1] in _EXTENT_EVEN_AT:
            return i  # "even during the semester"
        if low == "all" and _all_of_a_group(toks, i):
            return i  # "all retailers"
    return None


def _all_of_a_group(toks: tuple[Token, ...], i: int) -> bool:
    """Whether the "all" at ``i`` takes a group whole: "all retailers" (not "not all retailers",
    "almost all", "all 27 members", "all of Europe")."""
    if i + 1 >= len(toks) or not toks[i + 1].is_content or toks[i + 1].cap:
        return False
    return not (i > 0 and toks[i - 1].lower in ("not", "almost", "nearly"))


def _forward_only(doc: Doc) -> int | None:
    """ "only from April", "only to offences committed after", "only to future pay", "no backdating"."""
    toks = doc.tokens
    for i, tok in enumerate(toks):
        if tok.lower == "backdating" and i > 0 and toks[i - 1].lower in ("no", "without"):
            return i
        if tok.lower in RESTRICTORS:
            window = {t.lower for t in toks[i + 1 : i + 8]}
            if window & _FORWARD_ONLY:
                return i
    return None


def _extent_differs(new_doc: Doc, old_doc: Doc) -> list[Finding]:
    """How far a rule reaches: limited to part of something ("*only during* lessons", "weekends
    *only*", "banks *alone*", "*limited to* the first weeks") against all of it ("the *whole* school
    day", "*every* night", "*all year* round", "*as well as* during it", "breaks *included*", "*even
    during* the semester", "*all* retailers") or with no restriction ("*regardless of* income", "*at
    any time*", "*of any age*", "*seven days a week*", "with *no time limit*"). (A retroactive rule
    against "*only* from April" is a term: :func:`_term`.)"""
    for a, b in ((new_doc, old_doc), (old_doc, new_doc)):
        restricted = _restricted_extent(a)
        if restricted is not None and _restricted_extent(b) is None:
            wide = _whole_extent(b)
            if wide is not None and _whole_extent(a) is None and not _listed_in(b, wide, a, restricted):
                return [_scope_finding(_extent_phrase(a, restricted), _extent_phrase(b, wide), a is new_doc)]
    return []


def _listed_in(wide: Doc, j: int, narrow: Doc, i: int) -> bool:
    """Whether a group restriction (``only to`` / ``only for`` at ``i``) names every word around the
    marker at ``j``: "open *to tourists as well as residents*" / "open only to residents and
    tourists" name one list."""
    toks = narrow.tokens
    lows = tuple(t.lower for t in wide.tokens[j : j + 4])
    if any(lows[: len(words)] == words for words in _EXTENT_UNRESTRICTED):
        return False
    if toks[i].lower not in RESTRICTORS or i + 1 >= len(toks) or toks[i + 1].lower not in ("to", "for"):
        return False
    around = {t.stem for t in wide.tokens[max(0, j - 2) : j + 4] if t.is_content and t.lower not in _EXTENT_WORDS}
    return bool(around) and around <= narrow.stems


def _extent_phrase(doc: Doc, i: int) -> str:
    """The words around the scope marker at ``i``, for reasons: "only during lessons", "weekends only",
    "breaks included", "the whole school day"."""
    toks = doc.tokens
    last = len(toks) - 1
    low = toks[i].lower
    time = _verb_then_time(toks, i + 1) if low in RESTRICTORS and i + 1 <= last else None
    after_noun = low in _EXTENT_AFTER_NOUN and not (i + 1 <= last and toks[i + 1].lower in _EXTENT_PREPOSITIONS)
    unrestricted = next((w for w in _EXTENT_UNRESTRICTED if tuple(t.lower for t in toks[i : i + len(w)]) == w), None)
    if time is not None:  # "only operate on weekends", "only lasts through the winter months"
        first, end = i, min(last, time + 2)
    elif unrestricted is not None:  # "of any age", "regardless of season", "regardless of their income"
        first, end = i, i + len(unrestricted) - 1
        if unrestricted[-1] == "of":
            end = next((t.i for t in toks[end + 1 : end + 4] if t.is_content), end)
    elif low in RESTRICTORS and i + 1 <= last and toks[i + 1].lower in _APPLY:
        first, end = i, min(last, i + 4)  # "only applies to vehicles under"
    elif after_noun or low in _EXTENT_INCLUDED or low == "alike":
        first, end = max(0, i - 2), i
    else:
        first, end = i, min(last, i + 3)
    while end > first and toks[end].kind == "sym":
        end -= 1
    return doc.span(first, end)
