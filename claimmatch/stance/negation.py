"""Negation: "not", "no", "never", "n't", "cannot", "without", "deny"... and their scope.

A negation cue scopes over the first content word after it (skipping auxiliaries, determiners,
pronouns and adverbs): ``"did not approve"`` -> ``approve``; ``"would not be targets"`` ->
``targets``; ``"no evidence"`` -> ``evidence``. The texts differ in negation when a scoped word
appears in the other text un-negated. Both negated, or a negated antonym (``"did not approve"``
vs ``"rejected"``, ``"not impossible"`` vs ``"possible"``) is no difference.

The counterpart may be phrased differently: a synonym or derivation (``"no longer objects"`` /
``"rejects"``, ``"is not the leader"`` / ``"is led by"``, ``"can not be seen"`` / ``"is
visible"``), with named subjects compared through aliases and passive agents. ``"it is not true
that X"`` and ``"it is false that X"`` negate the clause X; inverted questions (``"Isn't it
true that X?"``) negate nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.entities import entity_at, same_referent
from claimmatch.stance.lexicon import antonym_type, is_polar, is_prefixed
from claimmatch.stance.synonyms import same_sense, synonym_words, synonyms
from claimmatch.stance.tokens import (
    AUX,
    BE,
    CLAUSE_BREAKS,
    DATE_WORDS,
    FAIL_TO,
    REFUSE,
    Doc,
    Token,
    as_doc,
    clause_start,
    is_break,
    ruled_out,
    stem,
)
from claimmatch.stance.vocabulary import is_common_word

__all__ = ["CUE_WORDS", "NegationScope", "compare_negation", "negated_tokens", "negation_scopes", "verb_phrase"]

_CUES = frozenset({"not", "no", "never", "without", "nobody", "none", "nothing", "neither", "nor", "nowhere"})
_VERB_CUES = frozenset(
    {
        "deny",
        "denies",
        "denied",
        "denying",
        "refuse",
        "refuses",
        "refused",
        "refusing",
        "fail",
        "fails",
        "failed",
        "failing",
        "unable",
        "decline",
        "declines",
        "declined",
        "declining",
        "dispute",
        "disputes",
        "disputed",
        "disputing",
        "refrain",
        "refrains",
        "refrained",
        "refraining",
    }
)
#: Words whose count differing between two texts suggests one negates the other (``engine``'s NLI mapping).
CUE_WORDS = _CUES | _VERB_CUES | {"yet", "longer"}
#: words after "dispute(s)" that make it a noun ("disputes *over* land", "disputes *between* states")
_NOUN_LINKS = frozenset({"over", "between", "with", "about", "of", "since", "in", "among", "involving"})
_DENY = frozenset({"deny", "denies", "denied", "denying", "dispute", "disputes", "disputed", "disputing"})
# "rejected claims that X", "dismissed reports that X", "denied allegations that X": X is denied
_DISMISS = frozenset(
    "deny denies denied denying reject rejects rejected rejecting dismiss dismisses dismissed dismissing "
    "refute refutes refuted refuting debunk debunks debunked debunking dispute disputes disputed disputing".split()
)
_REPORTS = frozenset(
    "claim claims report reports allegation allegations suggestion suggestions accusation accusations "
    "rumour rumours rumor rumors assertion assertions idea notion".split()
)
# "rejected the false claims that", "dismissed unfounded reports that"
_REPORT_MODIFIERS = frozenset(
    "the any all these those such false baseless unfounded unsubstantiated misleading viral online "
    "recent widespread".split()
)
# "stopped operating", "has ceased trading", "ceased to exist": the activity no longer goes on
_CESSATION = frozenset(
    "stop stops stopped stopping cease ceases ceased ceasing quit quits quitting halt halts halted halting".split()
)
# "rationing would *end*": verbs of ending after their subject (and an auxiliary)
_ENDING = frozenset({"end", "ends", "ended"})
# words after an intransitive "stopped" that are no object ("has stopped *completely*", "stopped *after*")
_AFTER_CESSATION = frozenset("completely altogether entirely abruptly suddenly now after since in on at".split())
# "a lack of evidence", "lacks approval", "an absence of drugs": implicit negatives of what follows
_LACK = frozenset({"lack", "lacks", "lacked", "lacking"})
#: words of a date between "denied" and "that" ("denied in 2024 that", "denied on Monday that")
_DATE_LINKS = frozenset({"in", "on", "last", "again", "publicly", "repeatedly", "flatly", "strongly", "firmly"})
#: stems of verbs that keep someone from doing what follows "from" ("banned from fishing")
_BARRING = frozenset({"ban", "bar", "prohibit", "forbid", "forbidden", "prevent", "block", "stop"})
#: of those, the ones whose object does not happen ("will *ban* gas connections")
_BANNING = frozenset({"ban", "bar", "prohibit", "forbid", "forbidden", "outlaw"})
_ABSENCE = frozenset({"absence"})
# "not all the vaccines reached the clinics" = "some of the vaccines did not reach the clinics":
# the negation covers the clause after the quantifier, not its noun
_UNIVERSALS = frozenset({"all", "every", "everyone", "everybody", "everything", "each"})
# "some/many of the vaccines did not reach ..." is compatible with "not all ... reached"
_EXISTENTIALS = frozenset({"some", "many", "most", "several", "few", "part"})
# "it has not been shown / proven that X": like "there is no evidence that X", X is negated
_SHOWN = frozenset("shown proven proved established demonstrated confirmed found".split())
# "did not remain open", "has not become law": the negation falls on the predicate after the copula
_COPULAS = frozenset(
    "remain remains remained remaining stay stays stayed staying become becomes became becoming "
    "seem seems seemed appear appears appeared".split()
)
_MORE_WORDS = 2
#: "found nothing *indicating* (that) X": X is negated, as after "no evidence that"
_INDICATING = frozenset(
    {"indicating", "suggesting", "showing", "proving", "linking", "indicate", "suggest", "show", "prove"}
    | {"indicates", "suggests", "shows", "proves"}  # "Nothing shows that X"
)
#: stems of verbs of staying or missing, a plain statement's opposite of change ("kept rates", "skipped")
_SUBORDINATORS = frozenset({"when", "where", "while", "as", "since", "because", "although", "though", "whereas"})
#: words after a phrase that deny it: "(the evidence that X) is *insufficient*", "(X) is *not* ..."
_NEGATIVE_AFTER = frozenset("not never insufficient inadequate unproven unfounded baseless untrue false".split())
_STAYING = frozenset(
    "stay remain kept keep hold held freez frozen miss skip lack avoid absent spar escap await wait pend "
    "withheld withhold conceal".split()
)
#: "no trace of X", "no sign of X": light heads whose negation falls on X
_TRACES = frozenset({"trace", "traces", "sign", "signs", "hint", "record", "records", "indication", "evidence"})
_LIGHT_LINKS = frozenset({"as", "to", "like", "for", "only", "just", "more", "than", "into"})
_NEEDS_TO = FAIL_TO | {"unable"}
#: what is refused without a "to": "refused *entry*", "refused *bail*"
_REFUSED_THINGS = frozenset({"entry", "permission", "access", "bail", "asylum", "visas", "landing", "approval"})
# "declined to comment" is a refusal, "declined to 3%" a fall: these need "to" and then a verb
_DECLINE = frozenset({"decline", "declines", "declined", "declining"})
# "hardly any of the units", "barely anyone": an almost-universal negative
_HARDLY = frozenset({"hardly", "barely", "scarcely"})
_ANY = frozenset({"any", "anyone", "anybody", "anything", "ever"})
# "returned to the base camp", "moved into a new office": a destination, not the predicate
_DETERMINERS = frozenset("the a an his her its their our my your this that these those".split())
# a cue followed by these words is not a negation of what follows
_NOT_NEGATION = frozenset(
    {
        "only",
        "just",
        "least",
        "doubt",
        "but",
        "matter",
        "until",
        "till",
        "before",
        "later",
        "earlier",
        "more",
        "less",
        "fewer",
        "longer-term",
        "waiting",
        "mention",
        "sooner",
        "surprisingly",
    }
)
_ADVERBS = frozenset(
    "ever yet even also longer really actually necessarily immediately always currently officially formally "
    "legally fully entirely completely directly explicitly publicly previously initially originally still "
    "anymore any single one".split()
)
_EPISTEMIC = frozenset({"evidence", "proof", "indication", "sign", "signs", "basis"})
# "it is not true that X", "it is not the case that X": the negation covers the clause X
#: "Not once has ...", "Not since 1990 has ...", "Not even once did ...": a fronted negation.
_FRONTED_AFTER_NOT = frozenset({"once", "since", "even", "one", "until", "in", "a"})
_INVERTING_AUX = frozenset("has have had did does do is was were are will would can could".split())
_AMOUNT_WORDS = frozenset("half a an one two three four five ten hundred thousand million twice double".split())
#: "far from certain": adjectives after which "far from" negates (not "far from the city").
_FAR_FROM = frozenset(
    "certain clear sure settled over finished complete guaranteed proven perfect ideal enough true accurate "
    "safe resolved secure convincing conclusive universal unanimous".split()
)
_FINDING = frozenset(
    "found produced presented offered shown provided given seen emerged uncovered discovered exists exist".split()
)
_CLAUSE_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "any"})
_TRUTH = frozenset({"true", "correct", "accurate", "case", "so"})
# "it is false that X", "it is untrue that X": a cue of its own, covering the clause X
_FALSITY = frozenset({"false", "untrue", "incorrect", "wrong", "myth"})
# "is not it ...", "does not he ...": an inverted (rhetorical or tag) question, no negation
_SUBJECT_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "you", "i"})
_WH = frozenset({"why", "how", "what", "who", "where", "when"})
# "is not the only leader", "not merely": the cue does not negate the word after these
_RESTRICTORS = frozenset({"only", "just", "merely", "sole", "solely", "simply"})
# "no X": the quantifier also covers the predicate after an auxiliary ("no astronaut has walked")
_QUANTIFIER_CUES = frozenset({"no", "nobody", "none", "nothing", "zero"})
_MAX_GAP = 6
_PASSIVE_IRREGULAR = frozenset("held kept made built sold paid sent told found given shot".split())
_PLACE_PREPOSITIONS = frozenset({"on", "in", "at", "aboard", "inside", "from"})
_PLACE_WORDS = 3
#: how close an antonym must be to the counterpart of a negated word to answer for it
_NEAR = 3
#: how far "to" may follow "impossible" ("impossible for a child who has had two doses ... *to* catch")
_IMPOSSIBLE_REACH = 16
#: prepositions after a participle that modifies a noun ("the boys *trapped in* the cave")
_MODIFIER_LINKS = _PLACE_PREPOSITIONS | {"by", "during", "near", "under", "for", "with"}
#: words before a name that make it a modifier of the noun after it ("in *Jezero* crater")
_MODIFIER_BEFORE = _PLACE_PREPOSITIONS | {"near", "into", "'s"}
_NOT_A_SINGLE = (("a", "single", "one", "of"), ("one", "of"), ("a", "single"))
_PREDICATE_WORDS = 4
_QUALIFIER_WORDS = frozenset({"until", "till", "before", "after", "unless", "if"})
_MAX_CLAUSE = 12
#: Reporting verbs: a subject is not looked for before them ("police *said* nobody was arrested").
_REPORTING = frozenset("said says say told tells claimed claims reported reports announced announces confirmed".split())
_CLAUSE_WORDS = frozenset({"but", "because", "which", "although"})
_WEIGHT = 0.8
_CHANGE = frozenset({stem("change"), stem("alter")})


@dataclass(frozen=True, slots=True)
class NegationScope:
    """A negation cue and the word it negates.

    Attributes:
        first: Index of the first token of the negated phrase (an auxiliary before the cue, or the cue).
        cue: Index of the cue.
        head: Index of the negated content word.
        clause: For "no evidence that X" and "denied that X", the content words of X, which the
            negation covers.
        more: Up to two further content words of the negated phrase (``not treated as legitimate
            targets`` -> ``legitimate``, ``targets``), tried when the head has no counterpart.
    """

    first: int
    cue: int
    head: int
    clause: tuple[int, ...] = ()
    more: tuple[int, ...] = ()


def _is_adverb(tok: Token) -> bool:
    return tok.lower in _ADVERBS or (tok.lower.endswith("ly") and len(tok.lower) > 6 and not tok.cap)


def _inverted_question(toks: tuple[Token, ...], i: int) -> bool:
    """ "Isn't it true that ...", "Doesn't the drug work?", "..., wasn't it?": no negation."""
    if i == 0 or toks[i - 1].lower not in AUX:
        return False
    aux = toks[i - 1]
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    before = toks[i - 2].lower if i > 1 else ""
    # "Why hasn't ...": a wh-word that starts the sentence; not "people who have not ..." nor "the WHO has not"
    return nxt in _SUBJECT_PRONOUNS or aux.initial or (before in _WH and toks[i - 2].initial)


def _falsity_cue(toks: tuple[Token, ...], i: int) -> bool:
    """ "it is false that", "it is a myth that": a cue that negates the clause after "that"."""
    if toks[i].lower not in _FALSITY or i + 1 >= len(toks) or toks[i + 1].lower != "that":
        return False
    return any(t.lower in BE for t in toks[max(0, i - 3) : i])


_BEFORE_TO = frozenset({"again", "once", "repeatedly", "so", "far", "also", "even", "still"})


def _past_adverbs(toks: tuple[Token, ...], k: int) -> int:
    """The index of the first word from ``k`` on that is not an adverb of repetition or a date
    ("failed *once again* to elect", "declined *in 2024* to lower"); ``len(toks)`` if none."""
    if (
        k + 2 < len(toks)
        and toks[k].lower in ("in", "on")
        and (toks[k + 1].kind == "num" or toks[k + 1].lower in DATE_WORDS)
    ):
        k += 2
    last = k + 2
    while k < min(len(toks), last) and toks[k].lower in _BEFORE_TO:
        k += 1
    return min(k, len(toks))


def _is_cue(toks: tuple[Token, ...], i: int) -> bool:
    tok = toks[i]
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if tok.lower in _CUES:
        if nxt in _NOT_NEGATION or (tok.lower == "not" and _inverted_question(toks, i)):
            return False
        if tok.lower == "not" and i > 1 and toks[i - 1].lower == "or" and toks[i - 2].lower == "whether":
            return False
        if tok.lower == "without" and i > 0 and toks[i - 1].lower == "even":
            return False  # "even without an inspection": regardless of it, a qualifier
        return not (tok.lower == "not" and i > 0 and toks[i - 1].lower == "if")
    if tok.lower in _VERB_CUES:
        to_at = _past_adverbs(toks, i + 1)
        to_next = to_at < len(toks) and toks[to_at].lower == "to"  # "failed (once again) to elect"
        relative = i > 0 and toks[i - 1].lower == "that" and to_next  # "the state that refused to sign"
        if i > 0 and toks[i - 1].lower in _DETERMINERS and not relative:
            return False  # "the *disputed* taxes", "a *failed* coup", "the *dispute* over": an adjective or a noun
        if tok.lower in ("dispute", "disputes") and (
            nxt in AUX or nxt in _NOUN_LINKS or nxt in CLAUSE_BREAKS or not nxt
        ):
            return False  # "to settle international *disputes* has been prohibited", "disputes over land": a noun
        if tok.lower in REFUSE and nxt in _REFUSED_THINGS:
            return True  # "Samoa *refused* entry to the journalists" = "did not let them in"
        if tok.lower in _DECLINE:
            if not to_next:
                return False
            after = toks[to_at + 1] if to_at + 1 < len(toks) else None
            return after is not None and after.kind == "word" and after.lower not in _DETERMINERS
        if tok.lower == "refused" and i > 0 and toks[i - 1].lower in BE:
            return True  # "were *refused* a pardon" = "were not pardoned"
        return tok.lower not in _NEEDS_TO or to_next
    if ruled_out(toks, i):
        return True
    if tok.lower == "yet":  # "has yet to publish" = "has not published"
        return nxt == "to" and i > 0 and toks[i - 1].lower in AUX
    if tok.lower == "far":  # "is far from certain" = "is not certain", "far from eliminating" = not
        if nxt != "from" or i + 2 >= len(toks):
            return False
        # "was far from a record" = "was not a record" (not "is far from the coast": a distance)
        # ... nor "is far from new", "was far from sold out": an adjective or participle after a "be"
        after = toks[i + 2]
        predicate = (
            i > 0
            and toks[i - 1].lower in BE
            and (after.lower in ("a", "an") or (after.is_content and not after.cap and after.lower not in _DETERMINERS))
        )
        being = toks[i + 2].lower == "being"  # "far from being finalised"
        return toks[i + 2].lower in _FAR_FROM or _gerund(toks[i + 2]) or predicate or being
    if tok.lower in _HARDLY:
        return nxt in _ANY
    if tok.lower == "impossible":  # "it is impossible for a child to catch measles" = "cannot catch"
        return _impossible_head(toks, i) is not None
    if tok.lower == "but" and i > 0 and toks[i - 1].lower == "anything":
        return True  # "anything but smooth" = "not smooth"
    if tok.lower == "zero" and i + 1 < len(toks) and toks[i + 1].kind == "word" and toks[i + 1].is_content:
        return True  # "zero crossings" = "no crossings"
    if _barred_gerund(toks, i) is not None:
        return True  # "are banned from fishing", "bars candidates from campaigning" = may not
    if tok.lower in _LACK or tok.lower in _ABSENCE:
        return nxt == "of" or tok.lower in _LACK  # "lacks (any) enforcement", "an absence of drugs"
    if tok.lower in _CESSATION:
        gerund = i + 1 < len(toks) and (_gerund(toks[i + 1]) or nxt == "being")  # "stopped being a member"
        # "halted the issuing of visas": an action noun in -ing after an article
        gerund = gerund or (
            (tok.lower.endswith("ed") or (i > 0 and toks[i - 1].lower in AUX))  # "would halt the signing of"
            and nxt == "the"
            and i + 3 < len(toks)
            and _gerund(toks[i + 2])
            and toks[i + 3].lower == "of"
        )
        return gerund or (tok.lower.startswith("ceas") and nxt == "to")
    return _dismissal(toks, i) is not None or _falsity_cue(toks, i)


_FINDING_VERBS = frozenset({"find", "finds", "found", "see", "saw", "seen"})


def _evidence_after(toks: tuple[Token, ...], head: int) -> int | None:
    """Where the clause starts after "find (any) evidence that / linking" following ``head``."""
    k = head + 1
    while k < len(toks) and toks[k].lower in ("any", "a", "the"):
        k += 1
    if k + 1 >= len(toks) or toks[k].lower not in _EPISTEMIC:
        return None
    nxt = toks[k + 1].lower
    return k + 2 if nxt == "that" else k + 1 if nxt in _INDICATING else None


def _gerund(tok: Token) -> bool:
    """A lower-case -ing word of more than five letters ("eliminating", not "king")."""
    return tok.kind == "word" and not tok.cap and len(tok.lower) > 5 and tok.lower.endswith("ing")


def _dismissal(toks: tuple[Token, ...], i: int) -> int | None:
    """ "rejected (the) claims that X": the index of "that", else None."""
    if toks[i].lower not in _DISMISS:
        return None
    k = i + 1
    while k < len(toks) and toks[k].lower in _REPORT_MODIFIERS:
        k += 1
    if k + 1 < len(toks) and toks[k].lower in _REPORTS and toks[k + 1].lower == "that":
        return k + 1
    return None


@lru_cache(maxsize=8192)
def _scopes(doc: Doc) -> tuple[NegationScope, ...]:
    toks = doc.tokens
    scopes: list[NegationScope] = []
    for i, _tok in enumerate(toks):
        if not _is_cue(toks, i):
            continue
        if _not_all(toks, i):
            rest = _clause(toks, i + 2)
            if rest:
                scopes.append(NegationScope(i, i, rest[0], rest))
            continue
        if toks[i].lower == "nor" and _after_neither(toks, i):
            continue  # "neither X nor Y V": one negation, of V (the "neither" scope below)
        barred = _barred_gerund(toks, i)
        double = toks[i].lower in _NEEDS_TO or toks[i].lower in _CESSATION or barred is not None
        double = double or toks[i].lower in _FALSITY or toks[i].lower == "impossible"
        if double and i > 0 and toks[i - 1].lower in ("not", "never"):
            continue  # "has not failed to pay" = "has paid", "has not stopped erupting", "it is not untrue
            # that X", "it is not impossible to X": two negations cancel (the "not" finds no head past them)
        fronted = _fronted_head(toks, i) if toks[i].lower != "impossible" else _impossible_head(toks, i)
        if fronted is not None:
            scopes.append(NegationScope(i, i, fronted, (), _more(toks, fronted)))
            continue
        head = barred if barred is not None else _head_after(toks, i)
        if head is None and _denies_clause(toks, i):
            head = i + 1  # "it is false that nobody survived": the clause's first word, set below
        if head is None or _before_until(toks, head) or _universal_comparison(toks, i) or _after_condition(toks, i):
            continue
        first = i - 1 if toks[i].lower in ("out", "but") else i  # "ruled out", "anything but"
        while first > 0 and toks[first - 1].lower in AUX:
            first -= 1
        clause: tuple[int, ...] = ()
        after_head = toks[head + 1].lower if head + 1 < len(toks) else ""
        # "no sign (that) X", not the verb of "did not *sign* the statement"
        epistemic = toks[head].lower in _EPISTEMIC and toks[head - 1].lower not in ("not", "never", "to")
        if epistemic and after_head in ("that", "of"):
            clause = _clause(toks, head + 2)
        elif epistemic and (that := _reported_that(toks, head + 1)) is not None:
            clause = _clause(toks, that + 1)  # "no proof has been found that X", "no evidence exists that X"
        elif toks[head].lower in _FINDING_VERBS and (evidence := _evidence_after(toks, head)) is not None:
            clause = _clause(toks, evidence)  # "did not find any evidence linking X to Y", "... that X"
        elif toks[i].lower == "nothing" and toks[head].lower in _INDICATING:
            clause = _clause(toks, head + (2 if after_head == "that" else 1))  # "found nothing indicating X"
        elif epistemic and _thatless_clause(toks, head + 1):
            clause = _clause(toks, head + 1)  # "no evidence the water is contaminated"
        elif toks[head].lower in _SHOWN and after_head == "that" and toks[i].lower in ("not", "never"):
            clause = _clause(toks, head + 2)  # "it has not been shown that the tea cures diabetes"
            if not clause:
                continue
        elif toks[head].lower in _TRUTH and after_head == "that" and toks[i].lower == "not":
            clause = _clause(toks, head + 2)  # "it is not true that the dam was destroyed"
            if not clause:
                continue
        elif (that := _that_after(toks, i)) is not None and _denies_clause(toks, i):
            clause = _clause(toks, that + 1)  # "denied that the border would be closed", "it is false that ..."
            if not clause:
                continue
            head = clause[0]
        elif (that := _dismissal(toks, i)) is not None:
            clause = _clause(toks, that + 1)  # "rejected claims that she had lied"
            if not clause:
                continue
            head = clause[0]
        scopes.append(NegationScope(first, i, head, clause, _more(toks, head)))
    return _cancel_double_negations(toks, scopes)


def _after_condition(toks: tuple[Token, ...], i: int) -> bool:
    """A negation in the main clause after a fronted "Unless X," / "Without X," (or that "without"
    itself): "Unless a majority agrees, the result is not binding" and "Without the consent of both
    parents, doctors cannot ..." state a condition ("only if"), the qualifier family's, not a
    negation."""
    breaks = [k for k in range(len(toks)) if is_break(toks[k])]
    before = [k for k in breaks if k < i]
    if toks[i].lower == "without" and (not before or before[-1] == i - 1):
        comma = next((k for k in breaks if k > i), None)  # the fronted "without" itself
        if comma is None or toks[comma].lower != ",":
            return False
        end = next((k for k in breaks if k > comma), len(toks))
        return any(t.lower in ("not", "never") for t in toks[comma + 1 : end])
    start = _fronted_clause_start(toks, i)
    return start is not None and toks[start].lower in ("unless", "without")


def _fronted_clause_start(toks: tuple[Token, ...], i: int) -> int | None:
    """Where the clause before the comma that opens the clause of token ``i`` starts ("*Unless* a
    majority agrees, the result is not binding"), or None when no comma opens that clause."""
    breaks = [k for k in range(i) if is_break(toks[k])]
    if not breaks or toks[breaks[-1]].lower != ",":
        return None
    return breaks[-2] + 1 if len(breaks) > 1 else 0


def _denies_clause(toks: tuple[Token, ...], i: int) -> bool:
    """ "denied that X", "it is false that X": cue ``i`` negates the clause after "that"."""
    return (toks[i].lower in _DENY or toks[i].lower in _FALSITY) and _that_after(toks, i) is not None


def _that_after(toks: tuple[Token, ...], i: int) -> int | None:
    """The "that" right after token ``i``, or after a date or a short adverbial between them
    ("denied *in 2024* that", "denied *on Monday* that", "*flatly* denied"), else None."""
    for k in range(i + 1, min(len(toks), i + 5)):
        if toks[k].lower == "that":
            return k
        if not (toks[k].kind == "num" or toks[k].lower in _DATE_LINKS or (toks[k].cap and k > i + 1)):
            return None
    return None


def _cancel_double_negations(toks: tuple[Token, ...], scopes: list[NegationScope]) -> tuple[NegationScope, ...]:
    """ "It is not true that nobody survived", "it's not the case that the sea isn't shrinking": a
    denied clause that is itself negated asserts its predicate, so both negations are dropped; so
    are "has not failed to pay" and "never refused to sign"."""
    dropped: set[int] = set()
    for k, outer in enumerate(scopes):
        if toks[outer.cue].lower in ("not", "never") and toks[outer.head].lower in _NEEDS_TO:
            inner = [m for m, s in enumerate(scopes) if m != k and s.cue == outer.head]
            if inner:  # "has not failed to pay" = "has paid"
                dropped.update((k, *inner))
                continue
        negative_verbs = [m for m, s in enumerate(scopes) if m != k and _negated_predicate(toks, outer, s)]
        if negative_verbs:  # "not a single province failed to hold", "no state lacks": all did, all have
            dropped.update((k, *negative_verbs))
            continue
        if not outer.clause or not (toks[outer.head].lower in _TRUTH or toks[outer.cue].lower in _FALSITY):
            continue
        inner = [m for m, s in enumerate(scopes) if m != k and outer.cue < s.cue <= outer.clause[-1] + 1]
        if inner:
            dropped.update((k, *inner))
    return tuple(s for m, s in enumerate(scopes) if m not in dropped)


#: negative verbs of a quantified subject that cancel its quantifier ("no state *lacks* ...")
_NEGATIVE_PREDICATES = _NEEDS_TO | _LACK | {"not", "never"}
#: how many words may stand between a quantified subject's noun and its negative verb
_SUBJECT_GAP = 4


def _negated_predicate(toks: tuple[Token, ...], outer: NegationScope, inner: NegationScope) -> bool:
    """Whether ``inner`` negates the verb of the subject that ``outer`` quantifies: "Not a single
    province *failed to* hold the vote" (every province held it), "no US state *lacks* a Medicaid
    programme", "none of the clubs has *refused to* pay": the two negations cancel."""
    if inner.cue <= outer.head or toks[inner.cue].lower not in _NEGATIVE_PREDICATES:
        return False
    if not _quantified_subject(toks, outer):
        return False
    between = toks[outer.head + 1 : inner.cue]
    return len(between) <= _SUBJECT_GAP and not any(
        is_break(t) or t.lower in _SUBORDINATORS or t.lower in _CLAUSE_WORDS or t.lower in ("that", "which", "who")
        for t in between
    )


def _head_after(toks: tuple[Token, ...], i: int) -> int | None:
    """The first content word after cue ``i`` (skipping auxiliaries, adverbs, numbers and a copula
    before its predicate), within its clause; None if there is none."""
    start = i + 1
    if toks[i].lower == "not":  # "not a single one of the schools" = "none of the schools"
        words = [t.lower for t in toks[start : start + 4]]
        start += next((len(w) for w in _NOT_A_SINGLE if tuple(words[: len(w)]) == w), 0)
    elif _fronted_quantifier(toks, i):
        if toks[i].lower == "no":
            start += 1  # "no one" = "nobody"
        if start < len(toks) and toks[start].lower in _PLACE_PREPOSITIONS:
            start = _after_place_phrase(toks, start)  # "nobody *on board* survived": the verb is negated
    for j in range(start, min(len(toks), start + _MAX_GAP)):
        t = toks[j]
        if t.lower == "-" and j > 0 and toks[j - 1].kind == "num":
            continue  # "no 48-hour strike": a hyphen inside an amount, no clause break
        if j > 1 and toks[j - 1].lower == "-" and toks[j - 2].kind == "num":
            continue  # ... and its unit modifies the noun after it
        if (t.kind in ("sym", "num") and t.lower in CLAUSE_BREAKS) or t.lower in ("but", "and", "or"):
            return None
        if _is_cue(toks, j) or t.lower in _RESTRICTORS:
            return None
        if t.kind == "num":  # "is not 95% effective": the number is left to quantities
            continue
        if _numbered_label(toks, j):
            return j + 3  # "no COVID-19 *cases*": a label with a number modifies the noun after it
        if toks[i].lower == "no" and j == i + 1 and _name_modifier(toks, j):
            return j + 1  # "there is no TikTok *ban*": a name modifies the noun after it
        if toks[i].lower == "not" and j == start > i + 1 and (noun := _after_name(toks, j)) is not None:
            return noun  # "not a single Aerolíneas Argentinas *flight*"
        if t.is_content and not _is_adverb(t) and t.lower not in AUX:
            if t.lower in _COPULAS and j + 1 < len(toks) and toks[j + 1].is_content:
                continue  # "did not remain open": the predicate is "open"
            return j
    return None


def _name_modifier(toks: tuple[Token, ...], j: int) -> bool:
    """A capitalised word (not at the start) before a lower-case content word: "*TikTok* ban"."""
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return toks[j].cap and not toks[j].initial and nxt is not None and nxt.is_content and not nxt.cap


def _after_name(toks: tuple[Token, ...], j: int) -> int | None:
    """The lower-case content word after a name of capitalised words starting at ``j`` (past a
    possessive and a number), else None."""
    k = j
    while k < len(toks) and toks[k].cap and not toks[k].initial:
        k += 1
    if j < k < len(toks) and toks[k].kind == "poss":
        k += 1  # "not one of *Ecuador's* 24 provinces"
        while k < len(toks) and toks[k].kind == "num":
            k += 1
    return k if j < k < len(toks) and toks[k].is_content and not toks[k].cap else None


def _numbered_label(toks: tuple[Token, ...], j: int) -> bool:
    """A capitalised word, a hyphen and a number before a content word: "*COVID-19* cases"."""
    return (
        toks[j].cap
        and j + 3 < len(toks)
        and toks[j + 1].lower == "-"
        and toks[j + 2].kind == "num"
        and toks[j + 3].is_content
    )


def _fronted_quantifier(toks: tuple[Token, ...], i: int) -> bool:
    """ "Nobody" or "nothing" as the subject: at the start of its clause or after "said" / "that"
    (not the object of "paid nothing in taxes")."""
    no_one = toks[i].lower == "no" and i + 1 < len(toks) and toks[i + 1].lower == "one"
    if toks[i].lower not in ("nobody", "nothing") and not no_one:
        return False
    before = toks[i - 1].lower if i > 0 else ","
    return before in CLAUSE_BREAKS or before in _REPORTING or before == "that"


def _after_place_phrase(toks: tuple[Token, ...], k: int) -> int:
    """The index after a short prepositional phrase at ``k`` ("on board", "in the building"): its
    preposition, determiners and up to :data:`_PLACE_WORDS` content words or numbers before a verb,
    and one more such phrase after it ("on the capsized ferry in Lake Kivu")."""
    for _ in range(2):  # "on the capsized ferry in Lake Victoria": two phrases at most
        k += 1
        while k < len(toks) and toks[k].lower in _DETERMINERS:
            k += 1
        words = 0
        while k < len(toks) and (toks[k].is_content or toks[k].kind in ("num", "poss")) and words < _PLACE_WORDS:
            if toks[k].kind == "poss":  # "from Mexico*'s* ruling party"
                k += 1
                continue
            after_article = words == 0 and toks[k - 1].lower in _DETERMINERS  # "the *capsized* ferry"
            if _verb_like(toks[k]) and not after_article:
                break  # "on board *survived*": the verb
            words += toks[k].kind != "num"  # "aboard Ethiopian Airlines flight *302*"
            k += 1
        if k >= len(toks) or toks[k].lower not in _PLACE_PREPOSITIONS:
            break
    return k


@lru_cache(maxsize=8192)
def _qualified_heads(doc: Doc) -> frozenset[int]:
    """Heads negated only up to a qualifier, "did not pass *before* the session ended": the
    qualifier family compares these ("only after"), but the word is still not asserted, so it is
    no plain counterpart of "failed to pass" in the other text."""
    toks = doc.tokens
    heads = set()
    for i in range(len(toks)):
        if _is_cue(toks, i) and (head := _head_after(toks, i)) is not None and _before_until(toks, head):
            heads.add(head)
            # "no elections were *held* before X": the quantifier's verb is not asserted either
            heads.update(_extension(doc, NegationScope(i, i, head)) if toks[i].lower in _QUANTIFIER_CUES else ())
    return frozenset(heads)


def _after_neither(toks: tuple[Token, ...], i: int) -> bool:
    """Whether the "nor" at ``i`` closes a "neither" of its clause."""
    for t in reversed(toks[max(0, i - _MAX_GAP) : i]):
        if t.lower == "neither":
            return True
        if is_break(t):
            return False
    return False


def _after_noun_phrase(toks: tuple[Token, ...], k: int) -> int | None:
    """The first content word after the noun phrase that starts at ``k`` (determiners, one word
    and the capitalised words after it): the verb of "(nor) *her deputy* attended", "(has) *the
    senator* voted", "(nor) *Germany* sent"."""
    while k < len(toks) and toks[k].lower in _DETERMINERS:
        k += 1
    if k >= len(toks) or not toks[k].is_content:
        return None
    k += 1
    while k < len(toks) and toks[k].cap and toks[k].is_content:
        k += 1
    if k + 1 < len(toks) and toks[k].kind == "poss" and toks[k + 1].is_content:
        k += 2  # "(did) *Peru's president* resign"
    while k < len(toks) and (_is_adverb(toks[k]) or toks[k].lower in AUX):
        k += 1
    if k < len(toks) and toks[k].is_content and not is_break(toks[k]):
        return k
    return None


def _fronted_head(toks: tuple[Token, ...], i: int) -> int | None:
    """The verb a fronted negation negates: "Neither X nor Y *attended*", "Not once ... has the
    senator *voted*", "Never before has the city *banned*", "At no point has the bowler *received*"
    (None for any other cue)."""
    cue = toks[i].lower
    if cue == "neither":
        for k in range(i + 1, min(len(toks), i + 1 + _MAX_GAP)):
            if toks[k].lower == "nor":
                return _after_noun_phrase(toks, k + 1)
            if is_break(toks[k]):
                return None
        return None
    if cue == "no" and i > 0 and toks[i - 1].lower in ("at", "in") and toks[i - 1].initial:
        # "At no point in his career has the bowler received a ban", "In no way did ..."
        for k in range(i + 2, min(len(toks), i + 2 + _MAX_CLAUSE)):
            if toks[k].lower in _INVERTING_AUX:
                return _after_noun_phrase(toks, k + 1)
        return None
    if cue not in ("not", "never") or not toks[i].initial:
        return None
    if cue == "not" and (i + 1 >= len(toks) or toks[i + 1].lower not in _FRONTED_AFTER_NOT):
        return None
    for k in range(i + 1, min(len(toks), i + 1 + _MAX_CLAUSE)):
        if is_break(toks[k]):
            return None
        if toks[k].lower in _INVERTING_AUX and k > i + 1:
            return _after_noun_phrase(toks, k + 1)  # the subject after the auxiliary, then its verb
    return None


def _subject_verb(toks: tuple[Token, ...], scope: NegationScope) -> tuple[int, ...]:
    """The verb after a quantified subject at the start of its clause, "None of the 40 passengers
    *died*", "no patients on the ward *survived*", "none of the boys trapped in the cave *died*":
    a past-tense or lexicon verb, which the quantifier negates (empty elsewhere)."""
    if not _quantified_subject(toks, scope):
        return ()  # (not "found no X": an object; "with none of the volunteers reporting" is a subject)
    cue = scope.cue
    before = toks[cue - 1] if cue > 0 else None
    k = scope.head + 1
    # "with none of the volunteers *reporting*" (not "with no load *shedding*": a noun)
    absolute = before is not None and before.lower == "with" and toks[cue].lower in ("none", "nobody")
    if toks[scope.head].cap and k + 1 < len(toks) and toks[k].kind == "poss":
        k += 1  # "none of *Kenya's* 47 counties met"
        while k < len(toks) and toks[k].kind == "num":
            k += 1
    for _ in range(2):  # the rest of the noun phrase: "none of the 3 Canadian *provinces* ..."
        if k < len(toks) and absolute and _gerund(toks[k]):
            return (k,)
        if k >= len(toks) or toks[k].lower in _PLACE_PREPOSITIONS:
            break  # "the 157 people *aboard* the flight": a place phrase, read below
        if toks[k].is_content and not toks[k].cap and (not _verb_like(toks[k]) or _noun_at(toks, k)):
            k += 1
    if k < len(toks) and (toks[k].lower in _PLACE_PREPOSITIONS or toks[k].lower == "for"):
        k = _after_place_phrase(toks, k)  # "none of the children *in the study* developed", "permits *for X*"
    if k < len(toks) and toks[k].lower in ("that", "which", "who"):
        # past a relative clause: "none of the migrants aboard the boat *that capsized off Djibouti* survived"
        verbs = [t.i for t in toks[k + 1 : k + 1 + _MAX_CLAUSE] if _verb_like(t)]
        return (verbs[1],) if len(verbs) >= 2 else ()
    if k < len(toks) - 2 and toks[k].lower in AUX and _is_adverb(toks[k + 1]) and _verb_like(toks[k + 2]):
        k += 2  # "none of the countries has formally *recognised*"
    while k < len(toks) - 1 and toks[k].lower in AUX and _verb_like(toks[k + 1]):
        k += 1  # "none of the players *had* failed"
    if k < len(toks) - 1 and toks[k].lower in _COPULAS and _verb_like(toks[k + 1]):
        k += 1  # "not a single hospital *remains* closed"
    if k < len(toks) and absolute and _gerund(toks[k]):
        return (k,)
    if k >= len(toks) or not _verb_like(toks[k]):
        return ()
    if k + 1 < len(toks) and _verb_like(toks[k + 1]):
        return (k + 1,)  # "the provinces *assessed met* their targets": a participle, then the verb
    if k + 1 < len(toks) and toks[k + 1].lower in _MODIFIER_LINKS and toks[k - 1].lower not in AUX:
        # "trapped *in* the cave ... died": a participle modifier when a verb follows in the clause
        # (not "*was* cancelled during the strike that the union called": the verb itself)
        for t in toks[k + 2 : k + 2 + _MAX_CLAUSE]:
            if is_break(t) or t.lower in _SUBORDINATORS or t.lower in _CLAUSE_WORDS:
                break
            if _verb_like(t) and _past_form(t) and toks[t.i - 1].lower not in _DETERMINERS:
                return (t.i,)
    if toks[k - 1].lower not in AUX and (later := _finite_verb_after(toks, k)) is not None:
        return (later,)  # "none of the 8 people *detained* after the clashes *had been released*"
    return (k,)


def _quantified_subject(toks: tuple[Token, ...], scope: NegationScope) -> bool:
    """Whether the scope's cue quantifies the subject of its clause: "*None of* the 40 passengers",
    "*Not a single* province", "*no* patients on the ward" at the start of a clause, after "said"
    or "that", or after ", and"."""
    cue = scope.cue
    after_not = tuple(t.lower for t in toks[cue + 1 : cue + 5])
    not_a_single = toks[cue].lower == "not" and any(after_not[: len(w)] == w for w in _NOT_A_SINGLE)
    if (toks[cue].lower not in _QUANTIFIER_CUES and not not_a_single) or scope.clause:
        return False
    before = toks[cue - 1] if cue > 0 else None
    # ", and no ceasefire deal was reached": a clause after a comma and a conjunction
    conjoined = before is not None and before.lower in ("and", "but") and cue > 1 and toks[cue - 2].lower == ","
    starts = before is None or is_break(before) or before.lower in _REPORTING or before.lower in ("that", "with")
    return starts or conjoined


def _finite_verb_after(toks: tuple[Token, ...], k: int) -> int | None:
    """A verb after an auxiliary later in the clause of a participle at ``k``, else None."""
    for t in toks[k + 1 : k + 1 + _MAX_CLAUSE]:
        if is_break(t) or t.lower in _SUBORDINATORS or t.lower in _CLAUSE_WORDS or t.lower == "that":
            return None
        if t.lower in AUX and t.i + 1 < len(toks):
            j = t.i + 1
            while j < len(toks) - 1 and toks[j].lower in AUX:
                j += 1
            return j if _verb_like(toks[j]) else None
    return None


def _noun_at(toks: tuple[Token, ...], k: int) -> bool:
    """A lexicon word that is a noun by what follows it: "the building *permits* for ...", "the
    *permits* were"."""
    nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
    if toks[k].lower.endswith("ed"):
        return False  # "the boys *trapped* in the cave": a participle modifier, read below
    return nxt in AUX or nxt in _PLACE_PREPOSITIONS or nxt in ("for", "of")


def _verb_like(tok: Token) -> bool:
    """A lower-case past-tense ("died", "sent") or antonym-lexicon ("survive") word."""
    return tok.is_content and not tok.cap and tok.lower not in AUX and (_past_form(tok) or is_polar(tok.stem))


def _past_form(tok: Token) -> bool:
    """A regular ("died") or irregular ("sent") past form."""
    return tok.lower.endswith("ed") or tok.lower in _IRREGULAR_PAST


#: irregular simple past forms ("sent", "took", "fled"): those of ``data/irregular.tsv`` (the
#: stemmer's table, which also lists participles and plurals and so cannot be used as it is)
_IRREGULAR_PAST = frozenset(
    "fell won lost left grew shrank began broke kept gave took made told sold bought paid sent spent built led met "
    "went came saw knew thought found held brought fought caught taught sought struck stood withdrew forbade drove "
    "rode wrote ate drank flew froze hid chose spoke stole swore threw wore beat upheld withheld overthrew forgot "
    "fled shot sank slid stuck dealt meant lent drew ran sat arose rebuilt undertook overcame swept spun bent heard "
    "shook overtook underwent forgave swung wept woke".split()
)


def _impossible_head(toks: tuple[Token, ...], i: int) -> int | None:
    """The verb after "impossible (for X) to": "impossible for a vaccinated child *to catch*"."""
    if i == 0 or toks[i - 1].lower not in BE:
        return None
    for k in range(i + 1, min(len(toks) - 1, i + 1 + _IMPOSSIBLE_REACH)):
        if is_break(toks[k]):
            return None
        if toks[k].lower == "to" and toks[k + 1].is_content:
            return k + 1
    return None


def _not_all(toks: tuple[Token, ...], i: int) -> bool:
    """ "Not all (of the) vaccines ...", "not every school ...": a negated universal."""
    return toks[i].lower == "not" and i + 1 < len(toks) and toks[i + 1].lower in _UNIVERSALS


def _predicate(toks: tuple[Token, ...], scope: NegationScope) -> tuple[int, ...]:
    """The content words of the rest of a negated verb phrase (up to :data:`_PREDICATE_WORDS`,
    not past a clause break or a qualifier): "never visited *the flood-hit town of Lismore*"."""
    return () if scope.clause else _more(toks, scope.head, words=_PREDICATE_WORDS, gap=2 * _MAX_GAP)


def _more(toks: tuple[Token, ...], head: int, words: int = _MORE_WORDS, gap: int = _MAX_GAP) -> tuple[int, ...]:
    """Up to ``words`` content words within ``gap`` tokens after ``head``, not past a clause break
    or a qualifier."""
    found: list[int] = []
    for j in range(head + 1, min(len(toks), head + 1 + gap)):
        t = toks[j]
        if t.lower in CLAUSE_BREAKS or t.lower in _QUALIFIER_WORDS:
            break
        if t.is_content and not _is_adverb(t) and t.lower not in AUX:
            found.append(j)
            if len(found) == words:
                break
    return tuple(found)


def _extension(doc: Doc, scope: NegationScope) -> tuple[int, ...]:
    """Further words a negation covers after a light head: "not *treated as* legitimate targets",
    "never *used to* stop", "do not *last only* three seconds"; none after "did not sign the bill".
    After a quantifier's noun, the predicate: "no astronaut *has ever walked* on Mars"."""
    nxt = scope.head + 1
    if doc.tokens[scope.head].lower in _TRACES and nxt < len(doc.tokens) and doc.tokens[nxt].lower == "of":
        return scope.more  # "found no *trace of* organic molecules": the molecules are denied
    if nxt < len(doc.tokens) and doc.tokens[nxt].lower in _LIGHT_LINKS:
        after = doc.tokens[nxt + 1].lower if nxt + 1 < len(doc.tokens) else ""
        after_tok = doc.tokens[nxt + 1] if nxt + 1 < len(doc.tokens) else None
        # "will not be subject to *Australia's* cap": the possessed noun is the object, not the name
        name = (
            after_tok is not None and after_tok.cap and nxt + 2 < len(doc.tokens) and doc.tokens[nxt + 2].kind == "poss"
        )
        if doc.tokens[nxt].lower in ("to", "into") and (after in _DETERMINERS or name):
            return ()  # "never returned to the base camp": the negation covers the verb only
        return scope.more
    if doc.tokens[scope.cue].lower in _QUANTIFIER_CUES and nxt < len(doc.tokens) and doc.tokens[nxt].lower in AUX:
        # only the verb right after the auxiliaries: "no charges were filed against the officer"
        # covers "filed", not "officer"
        k = nxt
        while k < len(doc.tokens) and (doc.tokens[k].lower in AUX or _is_adverb(doc.tokens[k])):
            k += 1
        return (k,) if k < len(doc.tokens) and doc.tokens[k].is_content else ()
    return ()


def _universal_comparison(toks: tuple[Token, ...], i: int) -> bool:
    """ "No mountain is higher than Everest", "no country has more people than India": a superlative."""
    if toks[i].lower not in ("no", "nothing", "nobody", "none"):
        return False
    for k, t in enumerate(toks[i + 1 : i + 1 + _MAX_CLAUSE], start=i + 1):
        if t.lower == "than":
            after = toks[k + 1] if k + 1 < len(toks) else None
            # "none received more than half": an amount, left to the quantities family, not a superlative
            return after is None or (after.kind != "num" and after.lower not in _AMOUNT_WORDS)
        if t.lower in CLAUSE_BREAKS and t.lower != "and":
            return False
    return False


def _reported_that(toks: tuple[Token, ...], start: int) -> int | None:
    """ "(no proof) *has been found that*", "(no evidence) *exists that*": the index of "that" after
    auxiliaries and a verb of finding, else None."""
    k = start
    while k < len(toks) and (toks[k].lower in AUX or toks[k].lower in _FINDING):
        k += 1
    return k if start < k < len(toks) and toks[k].lower == "that" else None


def _thatless_clause(toks: tuple[Token, ...], start: int) -> bool:
    """Whether a clause without "that" starts at ``start``: a determiner, then a verb within a
    few words ("evidence *the lake's water is* contaminated", "proof *the drug caused* deaths")."""
    first = toks[start] if start < len(toks) else None
    if first is None or not (first.lower in _CLAUSE_DETERMINERS or (first.cap and first.is_content)):
        return False  # "evidence *the* lake is ...", "no proof *HAARP* triggered ..."
    for t in toks[start + 1 : start + 6]:
        if is_break(t) or t.lower in _CLAUSE_WORDS:
            return False
        if t.lower in AUX or (t.lower.endswith("ed") and (t.i > start + 1 or toks[start].cap)):
            return True
    return False


def _clause(toks: tuple[Token, ...], start: int) -> tuple[int, ...]:
    found: list[int] = []
    for j in range(start, min(len(toks), start + _MAX_CLAUSE)):
        t = toks[j]
        if is_break(t) or t.lower in _CLAUSE_WORDS:
            break
        if t.is_content:
            found.append(j)
    return tuple(found)


def negation_scopes(text: str | Doc) -> tuple[NegationScope, ...]:
    """Return the negation scopes of a text, in order."""
    return _scopes(as_doc(text))


def negated_tokens(text: str | Doc) -> frozenset[int]:
    """Return the indices of the tokens that a negation cue negates, including those negated only
    up to a qualifier ("will not reopen *before* X")."""
    return _negated(as_doc(text))


@lru_cache(maxsize=8192)
def _negated(doc: Doc) -> frozenset[int]:
    scopes = negation_scopes(doc)
    verbs = (j for s in scopes for j in _subject_verb(doc.tokens, s))  # "none of the passengers *died*"
    # "never *stopped* accepting", "has not *failed* to pay": a negated negative verb, whose own
    # scope was dropped as a double negation
    doubled = frozenset(
        i
        for i, t in enumerate(doc.tokens)
        if (t.lower in _NEEDS_TO or t.lower in _CESSATION) and _after_not(doc.tokens, i)
    )
    return frozenset(s.head for s in scopes) | frozenset(verbs) | _qualified_heads(doc) | doubled


@lru_cache(maxsize=8192)
def _covered(doc: Doc) -> frozenset[int]:
    """Every token under a negation: heads, the words a light head extends to, negated clauses,
    and the head of an "unless" condition ("unless they are vaccinated" = "if they are not
    vaccinated"). "unless" only cancels a negation of the other text; it never creates one, since
    "X unless Y" does not assert that Y is false."""
    toks = doc.tokens
    covered = {
        j
        for s in _scopes(doc)
        for j in (
            s.head,
            *_extension(doc, s),
            *s.clause,
            *_denied_subject(toks, s),
            *_quantified_object_verb(toks, s),
            *_subject_verb(toks, s),
        )
    }
    covered.update(j for i in range(len(toks)) if (end := _unless_at(toks, i)) for j in _clause(toks, end))
    covered.update(_qualified_heads(doc))
    # "Neither Zambia nor Zimbabwe signed": the named subjects are under the negation too
    covered.update(j for s in _scopes(doc) if toks[s.cue].lower == "neither" for j in range(s.cue + 1, s.head))
    # "no *Russian* athlete", "not a single *Aerolíneas Argentinas* flight": a name before the
    # negated noun is negated with it
    covered.update(
        s.cue + 1
        for s in _scopes(doc)
        if toks[s.cue].lower == "no" and s.head == s.cue + 2 and _name_modifier(toks, s.cue + 1)
    )
    covered.update(
        k
        for s in _scopes(doc)
        if toks[s.cue].lower == "not" and s.head - s.cue > 3 and _after_name(toks, s.cue + 3) == s.head
        for k in range(s.cue + 3, s.head)
    )
    # "no refugees *evacuated from Libya* had been returned": the quantified noun phrase, up to its verb
    covered.update(j for s in _scopes(doc) for verb in _subject_verb(toks, s)[:1] for j in range(s.head + 1, verb))
    covered.update(_ceased_subjects(toks))
    covered.update(_barred(toks))
    covered.update(_denied_reports(toks))
    # "without a single country *voting* against it": the gerund after the subject of "without"
    covered.update(
        t.i
        for s in _scopes(doc)
        if toks[s.cue].lower == "without"
        for t in toks[s.head + 1 : s.head + 3]
        if _gerund(t) and not any(x.kind == "sym" for x in toks[s.head + 1 : t.i])
    )
    return frozenset(covered)


def _denied_reports(toks: tuple[Token, ...]) -> set[int]:
    """ "Claims that *5G masts spread COVID-19* are not backed by any evidence": a reported clause
    whose own predicate denies it."""
    found: set[int] = set()
    for k in range(len(toks) - 2):
        if toks[k].lower not in _REPORTS or toks[k + 1].lower != "that":
            continue
        # the reported clause ends at its predicate's verb: "claims that X *are* not backed"
        verb = next((t.i for t in toks[k + 3 : k + 3 + _MAX_CLAUSE] if t.lower in BE or is_break(t)), None)
        if verb is None or is_break(toks[verb]):
            continue
        after = toks[verb + 1 : verb + 3]
        # (or dismissed: "claims that children died were *rejected* by the ministry")
        if any(t.lower in ("not", "never") or t.lower in _NEGATIVE_AFTER or t.lower in _DISMISS for t in after):
            found.update(t.i for t in toks[k + 2 : verb] if t.is_content)
    return found


def _barred(toks: tuple[Token, ...]) -> set[int]:
    """ "are banned from *fishing*": the gerund; "will ban gas *connections*", "prohibits the
    *sale* of", "is awaiting *approval*": the first two words of the object (what is banned or
    awaited does not happen)."""
    found: set[int] = set()
    for i in range(len(toks) - 1):
        if toks[i].cap:
            continue
        if (gerund := _barred_gerund(toks, i)) is not None:
            found.add(gerund)  # "are banned from *fishing*", "bars candidates from *campaigning*"
        elif toks[i].stem in _BANNING or toks[i].stem == "await":
            found.update(_more(toks, i, words=2, gap=4))  # "is still *awaiting* approval": not yet
    return found


#: words between a barring verb and its "from": "bars *candidates* from", "stopped *the
#: two men* from"
_BARRED_GAP = 5
_NOT_WORDS = frozenset({"not", "n't", "never", "longer"}) | _CESSATION  # "stopped *barring* X from V-ing"


def _after_not(toks: tuple[Token, ...], i: int) -> bool:
    """Whether a negation word or a verb of stopping comes right before token ``i``, past
    auxiliaries ("had not *been* barred", "are no longer banned", "stopped barring")."""
    k = i - 1
    while k >= 0 and toks[k].lower in AUX and toks[k].lower not in _NOT_WORDS:
        k -= 1
    return k >= 0 and toks[k].lower in _NOT_WORDS


def _barred_gerund(toks: tuple[Token, ...], i: int) -> int | None:
    """The gerund that a barring verb at ``i`` keeps from happening ("banned from *fishing*",
    "bars candidates from *campaigning*"), else None."""
    if toks[i].cap or toks[i].stem not in _BARRING or _after_not(toks, i):
        return None  # "could not prevent the fire from reaching": "not" negates "prevent"
    if i + 1 < len(toks) and toks[i + 1].stem in _BARRING:
        return None  # "stopped *barring* X from V-ing": the barring verb after it bars
    return _from_gerund(toks, i)


def _from_gerund(toks: tuple[Token, ...], i: int) -> int | None:
    """The gerund after "from" that follows token ``i``, directly or after its object, within its
    clause ("bars candidates from *campaigning*"), else None."""
    for k in range(i + 1, min(len(toks) - 1, i + 2 + _BARRED_GAP)):
        if toks[k].lower == "from":
            return k + 1 if _gerund(toks[k + 1]) else None
        if is_break(toks[k]) or toks[k].kind != "word":
            return None
    return None


def _unless_at(toks: tuple[Token, ...], i: int) -> int:
    """Where the condition of an "unless" / "except if" / "except when" at ``i`` starts, else 0."""
    if toks[i].lower == "unless":
        return i + 1
    if toks[i].lower == "except" and i + 1 < len(toks) and toks[i + 1].lower in ("if", "when"):
        return i + 2
    return 0


def _ceased_subjects(toks: tuple[Token, ...]) -> set[int]:
    """ "The eruption at Fagradalsfjall has *stopped*": an intransitive cessation verb (nothing
    content right after it) negates the first noun of its clause, as "is no longer erupting" does."""
    found: set[int] = set()
    for i, tok in enumerate(toks):
        if tok.lower not in _CESSATION or _is_cue(toks, i):
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and nxt.is_content and nxt.lower not in _AFTER_CESSATION:
            continue  # "the factory stopped production": the object is what stopped
        k = i - 1
        while k > 0 and not is_break(toks[k - 1]):
            if toks[k - 1].lower in _REPORTING or toks[k - 1].lower == "that":
                break  # "the agency said *aftershocks* stopped"
            k -= 1
        # the subject's nouns: "*electricity rationing* would end"
        found.update(t.i for t in toks[k:i] if t.is_content and not t.cap and t.lower not in AUX)
    return found


def _quantified_object_verb(toks: tuple[Token, ...], scope: NegationScope) -> tuple[int, ...]:
    """ "paid *nothing*", "gave *no* reason": the verb before an object quantifier is negated too
    ("did not pay any tax"); not after an auxiliary ("has no plans") nor before "no evidence"."""
    cue = scope.cue
    if toks[cue].lower not in ("no", "nothing", "none") or scope.first != cue or cue == 0 or scope.clause:
        return ()
    if cue + 1 < len(toks) and toks[cue + 1].lower == "longer":
        return ()  # "the economist *no longer* works": no object
    verb = toks[cue - 1]
    if not verb.is_content or verb.lower in AUX or verb.cap or _is_adverb(verb):
        return ()
    return (cue - 1,)


def _denied_subject(toks: tuple[Token, ...], scope: NegationScope) -> tuple[int, ...]:
    """ "the doping allegations were not true" = "denied the doping allegations": the content words
    right before the copula are negated too."""
    if scope.clause or toks[scope.head].lower not in _TRUTH or scope.first == scope.cue:
        return ()
    if not any(toks[k].lower in BE for k in range(scope.first, scope.cue)):
        return ()
    found: list[int] = []
    k = scope.first - 1
    while k >= 0 and toks[k].is_content and len(found) < 4:
        found.append(k)
        k -= 1
    return tuple(found)


def verb_phrase(doc: Doc, i: int) -> str:
    """Return token ``i`` with the auxiliaries before it, e.g. ``"would be legitimate targets"``."""
    toks = doc.tokens
    first = i
    for j in range(i - 1, max(-1, i - 4), -1):
        if toks[j].lower in AUX:
            first = j
        elif toks[j].kind != "word" or toks[j].lower in CLAUSE_BREAKS:
            break
    return doc.quote(first, i)


def _finding(negated_text: str, plain_text: str, negated_is_new: bool) -> Finding:
    """A "negation differs" finding, the new claim's words first."""
    new_text, old_text = (negated_text, plain_text) if negated_is_new else (plain_text, negated_text)
    return Finding(Family.NEGATION, Relation.NEGATION, f"negation differs: '{new_text}' vs '{old_text}'", _WEIGHT)


def _passive_agent(doc: Doc, i: int) -> Token | None:
    """ "is led by the United States" -> ``States``: the named agent of a passive verb at ``i``,
    its last capitalised word, across a possessive (as :func:`_subject` finds a subject written
    before its verb)."""
    toks = doc.tokens
    headline = i + 1 < len(toks) and toks[i + 1].lower == "by"  # "statement signed by India"
    if not headline and not any(t.lower in BE for t in toks[max(0, i - 4) : i]):
        return None
    k = next((t.i for t in toks[i + 1 : i + 11] if t.lower in ("by",) or t.lower in CLAUSE_BREAKS), len(toks))
    if k >= len(toks) or toks[k].lower != "by":
        return None  # "stripped of the right to host the World Cup *by* FIFA": the agent, within the clause
    for t in toks[k + 1 : k + 4]:
        if t.is_content:
            if not t.cap:
                return None
            last = t.i
            while last + 1 < len(toks):
                if toks[last + 1].cap and toks[last + 1].is_content:
                    last += 1
                elif toks[last + 1].lower == "'s" and last + 2 < len(toks) and toks[last + 2].cap:
                    last += 2  # "by India's Supreme Court" -> Court
                else:
                    break
            return toks[last]
    return None


def _subject(doc: Doc, i: int, verb: int | None = None) -> Token | None:
    """Return the named subject of the predicate at ``verb`` (its passive agent, ``is led by the
    United States``), else the nearest capitalised content word left of ``i`` in its clause."""
    if verb is not None:
        agent = _passive_agent(doc, verb)
        if agent is not None:
            return agent
        if _passive(doc.tokens, verb):
            return None  # "women are conscripted into the army": the surface subject is the object
    for j in range(i - 1, max(-1, i - 6), -1):
        t = doc.tokens[j]
        if t.lower in CLAUSE_BREAKS or t.lower in _REPORTING or t.lower == "that":
            return None  # "police said *nobody* has been arrested": the subject is after "said"
        if t.is_content and t.cap and not _place_modifier(doc.tokens, j) and t.lower not in DATE_WORDS:
            if t.initial and entity_at(doc, j) is None:
                continue  # "*Pilgrims* don't need": a capital at the start of a sentence, no name
            return t
    return None


def _scope_subject(doc: Doc, scope: NegationScope) -> Token | None:
    """The named subject of a negated predicate (:func:`_subject`); for "without" + a gerund, the
    subject of its clause ("*Laos* built the dam on the Mekong without carrying out a study")."""
    toks = doc.tokens
    if toks[scope.cue].lower == "without" and _gerund(toks[scope.head]):
        return next(
            (
                t
                for t in toks[clause_start(toks, scope.cue) : scope.cue]
                if t.is_content and t.cap and not _place_modifier(toks, t.i)
            ),
            None,
        )
    return _subject(doc, scope.first, scope.head)


def _place_modifier(toks: tuple[Token, ...], j: int) -> bool:
    """A name in a place phrase before its noun: "samples in *Jezero* crater contain" (not the
    subject of "contain"), unlike "pharmacists in *Oregon* cannot"."""
    before = toks[j - 1].lower if j > 0 else ""
    after = toks[j + 1] if j + 1 < len(toks) else None
    if after is None or not after.is_content or after.cap or after.lower in AUX or after.lower.endswith("ed"):
        return False  # no noun after the name ("in Peru *warned*": a verb)
    return before in _MODIFIER_BEFORE  # "Chile's *Atacama* region"


def _passive(toks: tuple[Token, ...], i: int) -> bool:
    """A participle after a form of "be" (up to two adverbs or auxiliaries between)."""
    word = toks[i].lower
    if not (word.endswith(("ed", "en")) or word in _PASSIVE_IRREGULAR):
        return False
    k = i - 1
    while k >= 0 and k >= i - 3 and (_is_adverb(toks[k]) or toks[k].lower in ("not", "never", "been", "being")):
        if toks[k].lower in ("been", "being"):
            return True
        k -= 1
    return k >= 0 and toks[k].lower in BE


def _name_words(doc: Doc, i: int) -> frozenset[str]:
    """Stems of the run of capitalised content words around token ``i`` ("United States")."""
    toks = doc.tokens
    first, last = i, i
    while first > 0 and toks[first - 1].cap and toks[first - 1].is_content:
        first -= 1
    while last + 1 < len(toks) and toks[last + 1].cap and toks[last + 1].is_content:
        last += 1
    return frozenset(stem(p) for t in toks[first : last + 1] for p in t.lower.replace("'", "-").split("-") if p)


def _one_phrase(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """Each subject written within the other's noun phrase: "*Colombia's* Constitutional *Court*" /
    "the Constitutional *Court* in *Colombia*"."""
    near_a = {t.stem for t in doc_a.tokens[max(0, a.i - 4) : a.i + 4]}  # "*Line* 2 of the *Lima* metro"
    near_b = {t.stem for t in doc_b.tokens[max(0, b.i - 4) : b.i + 4]}
    return b.stem in near_a and a.stem in near_b


def _same_subject(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """Same stem, the same name (``States`` / ``United``), an alias or a place within the other
    (``Moscow`` / ``Russia``)."""
    if a.stem == b.stem or _one_phrase(doc_a, a, doc_b, b):
        return True
    pairs = ((_placed_noun(doc_a, a), b), (a, _placed_noun(doc_b, b)))
    if any(x is not None and y is not None and same_sense(x.lower, y.lower) for x, y in pairs):
        return True  # "*senators* in Poland" / "the Polish *Senate*": the noun the place belongs to
    words_a, words_b = _name_words(doc_a, a.i), _name_words(doc_b, b.i)
    if len(words_a) > 1 and len(words_b) > 1 and (words_a <= words_b or words_b <= words_a):
        return True  # "the Panama Canal" / "the Panama Canal Authority": a body named after it
    referent = same_referent(doc_a, a.i, doc_b, b.i)
    if referent is not None:
        return referent
    return bool(words_a & words_b)


def _shared_subject_name(doc_a: Doc, a: Token, doc_b: Doc, b: Token, ends: tuple[int, int] = (0, 0)) -> bool:
    """Whether the names of two subject phrases meet: besides the name nearest the verb, the
    names before it in its clause ("*EU* citizens visiting the UK will need" / "*EU* citizens
    won't need", "the *ELN* and the Colombian government" / "Colombia's government and the ELN"),
    and the names between it and the verb at ``ends`` ("ESA's *Juice* spacecraft failed" / "the
    *Juice* spacecraft completed")."""
    names_a = _names_before(doc_a, a.i) + _names_after(doc_a, a.i, ends[0])
    names_b = _names_before(doc_b, b.i) + _names_after(doc_b, b.i, ends[1])
    return any(_same_subject(doc_a, x, doc_b, y) for x in names_a for y in names_b if (x, y) != (a, b))


def _names_after(doc: Doc, i: int, end: int) -> list[Token]:
    """The capitalised content words between a subject name at ``i`` and its verb at ``end``,
    in one clause: the names of its noun phrase ("ESA's *Juice* spacecraft")."""
    found: list[Token] = []
    for t in doc.tokens[i + 1 : end]:
        if is_break(t) or t.lower in _REPORTING:
            break
        if t.is_content and t.cap and t.lower not in DATE_WORDS:
            found.append(t)
    return found


def _names_before(doc: Doc, i: int) -> list[Token]:
    """The subject name at ``i`` and the capitalised content words before it in its clause (up to
    :data:`_SUBJECT_NAMES`)."""
    found = [doc.tokens[i]]
    for t in reversed(doc.tokens[max(0, i - 2 * _SUBJECT_NAMES) : i]):
        if (is_break(t) and t.lower != "and") or t.lower in _REPORTING or t.lower == "that":
            break
        if t.is_content and t.cap and not (t.initial and entity_at(doc, t.i) is None) and t.lower not in DATE_WORDS:
            found.append(t)
            if len(found) > _SUBJECT_NAMES:
                break
    return found


_SUBJECT_NAMES = 3


def _placed_noun(doc: Doc, name: Token) -> Token | None:
    """The lower-case noun a place name follows, "*senators* in Poland", else None."""
    i = name.i
    if i < 2 or doc.tokens[i - 1].lower not in ("in", "from"):
        return None
    noun = doc.tokens[i - 2]
    return noun if noun.is_content and (noun.initial or not noun.cap) else None


def _before_until(toks: tuple[Token, ...], head: int) -> bool:
    """ "will not leave until X" means "will leave only after X", "will not take effect before X" the
    same, and "cannot be evicted unless X" means "only if X": qualifiers (the qualifier family compares
    them), not negations."""
    for t in toks[head + 1 : head + 9]:
        if t.lower in ("until", "till", "unless") or (t.lower == "before" and t.i <= head + 4):
            return True  # "will not resume peace talks with the guerrillas until ...": up to eight words
        if t.lower in CLAUSE_BREAKS:
            break
    return _fronted_until(toks, head)


def _fronted_until(toks: tuple[Token, ...], head: int) -> bool:
    """ "*Until* a new deal is signed, boats cannot return": a fronted until / unless clause, at the
    start of the sentence or of a "that" clause, that ends with the comma before the negated clause."""
    start = _fronted_clause_start(toks, head)
    if start is None:
        return False
    if start > 0 and toks[start - 1].lower not in (".", ":", ";"):
        return False
    first = start + 1 if toks[start].lower == "that" else start
    return first < len(toks) and toks[first].lower in ("until", "till", "unless")


#: prefixes that a "not" before an adjective cancels: "not *un*common", "not *il*legal"
_LITOTES_PREFIXES = ("un", "in", "im", "il", "ir")


def _litotes(toks: tuple[Token, ...], scope: NegationScope) -> str | None:
    """ "is not uncommon", "was not unusual", "is not illegal": a "not" right before a prefixed
    adjective whose base is a word of its own asserts the base ("common", "usual", "legal"), which
    is returned; a double negative, not a denial (not a verb: "did not inform", "is not
    improving"). None for any other scope."""
    if toks[scope.cue].lower not in ("not", "never") or scope.head != scope.cue + 1 or scope.clause:
        return None
    word = toks[scope.head].lower
    prefix = next((p for p in _LITOTES_PREFIXES if word.startswith(p)), "")
    if not prefix or not is_prefixed(word) or word.endswith("ing") or (prefix != "un" and word.endswith("ed")):
        return None
    before = toks[scope.cue - 1].lower if scope.cue > 0 else ","
    base = word[len(prefix) :]
    return base if (before in BE or before in CLAUSE_BREAKS) and is_common_word(base) else None


def _denied_base(head: Token, base: str, other: Doc) -> bool:
    """Whether the other text holds the prefixed word itself ("not uncommon" / "uncommon") or an
    antonym of its base ("not uncommon" / "rare"): then the litotes does differ."""
    return any(t.stem == head.stem or _opposed(base, t.lower) for t in other.tokens if t.is_content)


def _opposed(word: str, other: str) -> bool:
    """An antonym of the word or of one of its synonyms: "object" / "welcome" (via "oppose")."""
    if antonym_type(word, other):
        return True
    return any(antonym_type(syn, other) for syn in synonym_words(word) if syn != word)


def _one_way(negated_doc: Doc, other: Doc, negated_is_new: bool) -> list[Finding]:
    findings: list[Finding] = []
    other_negated = _covered(other)
    # words of a phrase the other text negates: "does not contain microchips" / "no microchips",
    # "has never visited the flood-hit town of Lismore" / "has not once been to Lismore"
    other_phrase = frozenset(j for s in _scopes(other) for j in (*s.more, *_predicate(other.tokens, s)))
    # "the SLIM *lander* failed to touch down": the subject of a negation is no counterpart of "land"
    # (not before a "without": "can search cars *without* a warrant" has no subject there)
    negated_subjects = {s.first - k for s in _scopes(other) if other.tokens[s.cue].lower != "without" for k in (1, 2)}
    for scope in negation_scopes(negated_doc):
        if _without_after_negation(negated_doc.tokens, scope) or (
            _negated_before_without(negated_doc.tokens, scope) and not any(t.lower == "without" for t in other.tokens)
        ):
            continue  # "cannot be sold without a prescription" = "sold only with a prescription"
        if _in_condition(negated_doc.tokens, scope.cue):
            continue  # "can graduate even if they do *not* pass": a condition's, the qualifier family's
        if _outside(negated_doc.tokens, scope) and any(t.lower == "only" for t in other.tokens):
            continue  # "no match will be played outside Pakistan" = "played only in Pakistan"
        base = _litotes(negated_doc.tokens, scope)
        if base is not None and not _denied_base(negated_doc.tokens[scope.head], base, other):
            continue  # "it is not uncommon for passes to close" = "passes often close": no negation
        if scope.clause:
            finding = _clause_flip(negated_doc, other, scope, other_negated, negated_is_new)
            if finding is not None:
                findings.append(finding)
            continue
        # the head, else the next content words of the negated phrase, matched loosely
        # (same stem, synonym, derivation): "not the leader" / "is led by"; an antonym written in
        # both texts ("triggers fusion ... is not inhibited") is no counterpart
        own = negated_doc.stems
        candidates = [t for t in other.tokens if t.is_content and t.stem not in own]
        head, same, opposed = negated_doc.tokens[scope.head], [], False
        # "stopped barring vendors from trading": the barring verb is negated, not what it bars
        extension = () if _negated_barring(negated_doc.tokens, scope) else _extension(negated_doc, scope)
        # the verb before an object quantifier, "stole *nothing*" / "data was stolen" (not
        # "recovered nothing" / "none ... recovered": quantified on both sides)
        quantified = any(t.lower in _QUANTIFIER_CUES for t in other.tokens)
        verbs = () if quantified else _quantified_object_verb(negated_doc.tokens, scope)
        neither = negated_doc.tokens[scope.cue].lower == "neither" and not extension
        if neither:
            extension = scope.more  # "Neither X nor Y sent a *delegation*" / "both had delegations"
        subject_verb = _subject_verb(negated_doc.tokens, scope)
        # "Not a single passenger was *injured*" / "all passengers escaped unhurt": with a verb, the
        # quantified noun itself is not denied
        # ... and "None of the 176 passengers were hurt" / "All 176 passengers escaped unhurt": a
        # universal with a negative or opposite predicate on the other side
        dual = bool(subject_verb) and _dual_universal(negated_doc, scope, subject_verb, other)
        quantified_noun = negated_doc.tokens[scope.cue].lower == "not" or dual
        rest = () if subject_verb and quantified_noun else (scope.head, *extension)
        for j in (*subject_verb, *verbs, *rest):
            head = negated_doc.tokens[j]
            same = [
                t
                for t in other.tokens
                if t.is_content
                and t.i not in negated_subjects
                and (
                    same_sense(head.lower, t.lower)
                    or _changed(head, t)
                    or _phrasal_synonyms(negated_doc, head, other, t)
                )
            ]
            opposed = any(_opposed(head.lower, t.lower) for t in candidates) or _opposed_phrase(head.lower, other)
            if same or opposed:
                break
        if not same and not opposed:
            finding = (
                _object_flip(negated_doc, other, scope, negated_is_new)
                or _success_flip(negated_doc, other, scope, negated_is_new)
                or _still_flip(negated_doc, other, scope, negated_is_new)
            )
            if finding is not None:
                findings.append(finding)
            continue
        if not same or any(
            t.i in other_negated
            or _in_negated_clause(other, t.i)
            or _negated_infinitive(other.tokens, t.i, negated_tokens(other))
            or _subject_of_negated_verb(other, t.i)
            for t in same
        ):
            continue  # nothing to compare, or negated on both sides
        if (
            neither
            and head.i != scope.head
            and any(
                _negative_word(other.tokens[k]) or other.tokens[k].lower in _LEFT_OUT
                for t in same
                for k in range(clause_start(other.tokens, t.i), t.i)
            )
        ):
            continue  # "Neither X nor Y made the shortlist" / "both were *left off* the shortlist"
        if any(_negative_compound(t, head) for t in other.tokens):
            continue  # "sections without a fence" / "unfenced sections": negative on both sides
        if any(
            _ends_after(other.tokens, t.i) or _failed_after(other.tokens, t.i) or _ceased(other.tokens, t.i)
            for t in same
        ):
            continue  # "will stop rationing" / "rationing would end", "attempts to reproduce X failed"
        if any(_negative_before(other.tokens, t.i) for t in same):
            continue  # "no civilians were killed" / "zero civilian deaths": negative on both sides
        if any(_banned_after(other.tokens, t.i) for t in same):
            continue  # "tenants can't be evicted in winter" / "winter evictions are prohibited"
        if any(_absent_after(other.tokens, t.i) or _free_of_after(other.tokens, t.i) for t in same):
            continue  # "will pay no tuition fees" / "are exempt from tuition fees", "the train was empty of
            # passengers": negative on both sides
        if any(t.i > 0 and other.tokens[t.i - 1].lower == "without" for t in same):
            continue  # "did not wait for" / "without waiting for" (a qualifier cue, no scope of its own)
        if head.i == scope.head and all(t.i in other_phrase for t in same):
            continue  # "there are no microchips" / "does not contain microchips": both negative
        # an antonym of the head beside its counterpart ("did not approve" / "approved the rival
        # plan and rejected this one"), not one elsewhere ("withdrew its plan to *increase*")
        opposite = [
            t for t in candidates if _opposed(head.lower, t.lower) and any(abs(t.i - x.i) <= _NEAR for x in same)
        ]
        if any(t.i not in other_negated for t in opposite):
            continue  # "did not approve" vs "rejected"
        counterpart = same[0]
        counterpart = next((t for t in same if t.stem == head.stem), counterpart)  # "drive" before "drivers"
        if _opposite_particles(negated_doc, head.i, other, counterpart.i):
            continue  # "did not vote for the bill" / "voted against the bill": the same meaning
        # no subject to compare for a negated noun ("Brazil saw *no increase* in deforestation") or
        # a received one ("the vaccine *received approval* from the FDA")
        noun_head = head.i == scope.head == scope.cue + 1 and negated_doc.tokens[scope.cue].lower == "no"
        subject_a = None if noun_head else _scope_subject(negated_doc, scope)
        subject_b = None if _received(other.tokens, counterpart.i) else _subject(other, counterpart.i, counterpart.i)
        if (
            subject_a is not None
            and subject_b is not None
            and not _same_subject(negated_doc, subject_a, other, subject_b)
            and not (
                subject_a.i < scope.first  # (a passive's agent after its verb is no subject phrase)
                and subject_b.i < counterpart.i
                and _shared_subject_name(negated_doc, subject_a, other, subject_b, (scope.first, counterpart.i))
            )
        ):
            continue  # different named subjects: an entity question, not a negation
        # up to the matched word, or from a verb before an object quantifier ("stole nothing")
        # ... and on to the noun after "no": "held no 48-hour strike" (not past "nothing")
        object_noun = head.i in verbs and negated_doc.tokens[scope.cue].lower == "no"
        last = max(scope.cue, head.i, scope.head) if object_noun else max(scope.cue, head.i)
        negated_text = negated_doc.span(min(scope.first, head.i), last)
        plain_text = verb_phrase(other, counterpart.i)
        findings.append(_finding(negated_text, plain_text, negated_is_new))
    return findings


#: particles of a phrasal verb: "switched *off*", "called *off*", "taken *offline*"
_PARTICLES = frozenset({"off", "down", "up", "out", "away", "offline"})


def _phrasal(doc: Doc, tok: Token) -> str:
    """The word with its particle ("switched off"), or the word."""
    nxt = doc.tokens[tok.i + 1] if tok.i + 1 < len(doc.tokens) else None
    return f"{tok.lower} {nxt.lower}" if nxt is not None and nxt.lower in _PARTICLES else tok.lower


def _phrasal_synonyms(doc_a: Doc, a: Token, doc_b: Doc, b: Token) -> bool:
    """Synonyms when a phrasal verb is read whole: "did not *switch off*" / "*shut down*", "were not
    *cancelled*" / "were *called off*"."""
    phrase_a, phrase_b = _phrasal(doc_a, a), _phrasal(doc_b, b)
    return (" " in phrase_a or " " in phrase_b) and synonyms(phrase_a, phrase_b)


#: quantifiers that deny a whole group: "*none* of the passengers", "*nobody* on board"
_NONE_CUES = frozenset({"none", "nobody", "no"})


def _dual_universal(negated_doc: Doc, scope: NegationScope, verbs: tuple[int, ...], other: Doc) -> bool:
    """ "*None* of the passengers were *hurt*" / "*All* passengers escaped *unhurt*", "*None* met the
    target" / "*all* missed it": a universal in the other text whose predicate is negative of its own
    or an antonym of the denied verb (two negations: the same claim)."""
    if negated_doc.tokens[scope.cue].lower not in _NONE_CUES or not any(t.lower in _UNIVERSALS for t in other.tokens):
        return False
    denied = [negated_doc.tokens[j].lower for j in verbs]
    return any(
        _negative_word(t, word_after_prefix=True) or any(_opposed(v, t.lower) for v in denied) for t in other.tokens
    )


#: determiners that deny what follows: "*zero* civilian deaths", "are *no* cleaner"
_DENYING = frozenset({"no", "zero"})
#: verbs that put an end to what follows: "*ending* nuclear power generation", "*abolished* the death penalty"
_ENDS_WHAT_FOLLOWS = frozenset(
    "ending ended abolished abolishing scrapped scrapping suspended suspending halted halting banned banning".split()
)
_NEGATIVE_REACH = 3


def _negative_before(toks: tuple[Token, ...], i: int) -> bool:
    """Whether a denying determiner comes within three words before token ``i``, in its clause:
    "caused *zero* civilian deaths", "are *no* cleaner" (not any negative word: "*kept* the tax"
    is no denial of it)."""
    for k in range(i - 1, max(-1, i - 1 - _NEGATIVE_REACH), -1):
        if is_break(toks[k]):
            return False
        if toks[k].lower in _DENYING or toks[k].lower in _ENDS_WHAT_FOLLOWS:
            return True
    return False


def _changed(head: Token, tok: Token) -> bool:
    """Whether ``tok`` names a change of a direction that a negated "change" denies: "did not
    *change* the price" / "*raised* the price" (the lexicon's contraries of "unchanged")."""
    return head.stem in _CHANGE and antonym_type("unchanged", tok.lower) is not None


def _ends_after(toks: tuple[Token, ...], i: int) -> bool:
    """Whether a verb of ending follows token ``i`` as its predicate, past auxiliaries
    ("rationing *would end*", "the curfew *has been lifted*" aside)."""
    k = i + 1
    while k < len(toks) and toks[k].lower in AUX:
        k += 1
    return k > i + 1 and k < len(toks) and toks[k].lower in _ENDING


def _negated_barring(toks: tuple[Token, ...], scope: NegationScope) -> bool:
    """Whether a scope negates a barring verb with its "from V-ing" ("has not barred X from
    V-ing", "stopped barring X from V-ing"): a double negation, no negation of V."""
    return toks[scope.head].stem in _BARRING and _from_gerund(toks, scope.head) is not None


#: words that leave a place or a group out: "no match *outside* Pakistan", "nobody *except* members"
_OUTSIDE = frozenset({"outside", "except", "beyond", "apart"})


def _outside(toks: tuple[Token, ...], scope: NegationScope) -> bool:
    """Whether a quantified negation leaves out a place or group in its clause ("no match would be
    played *outside* Pakistan"), which says "only there"."""
    if toks[scope.cue].lower not in _QUANTIFIER_CUES:
        return False
    for t in toks[scope.cue + 1 : scope.cue + 1 + _MAX_CLAUSE]:
        if is_break(t):
            return False
        if t.lower in _OUTSIDE:
            return True
    return False


def _in_condition(toks: tuple[Token, ...], cue: int) -> bool:
    """Whether a negation cue sits in an "if" / "unless" / "whether" clause ("even if they do not
    pass", "whether or not"), which states no fact."""
    for k in range(cue - 1, -1, -1):
        if is_break(toks[k]):
            return False
        if toks[k].lower in ("if", "unless", "whether"):
            return True
    return False


#: words between a verb and the noun it governs: a determiner, "all", "any" ("*received* all approvals")
_GOVERNOR_SKIP = _DETERMINERS | {"all", "any"}


#: adjectives of absence before "of": "the train was *empty of* passengers"
_EMPTY = frozenset({"empty", "devoid"})
#: predicates after a noun that ban what it names: "winter evictions *are prohibited*"
_BANNED_PREDICATES = frozenset("banned prohibited forbidden outlawed illegal barred unlawful".split())
_BANNED_REACH = 6


def _banned_after(toks: tuple[Token, ...], i: int) -> bool:
    """Whether a noun at ``i`` is the subject of a ban later in its clause ("winter *evictions* of
    tenants *are prohibited*"): a negative predicate on the other side too."""
    for k in range(i + 1, min(len(toks) - 1, i + 1 + _BANNED_REACH)):
        if is_break(toks[k]):
            return False
        if toks[k].lower in BE and toks[k + 1].lower in _BANNED_PREDICATES:
            return True
    return False


def _governor(toks: tuple[Token, ...], i: int) -> int:
    """The index of the word before token ``i``, past one determiner, "all" or "any" ("*stopped* the
    sale", "*received* approval"); -1 at the start."""
    k = i - 1
    if k >= 0 and toks[k].lower in _GOVERNOR_SKIP:
        k -= 1
    return k


def _ceased(toks: tuple[Token, ...], i: int) -> bool:
    """Whether a verb of stopping, ending or withholding governs token ``i`` (up to four words back):
    "will *halt* approvals of", "*stopped* the sale of", "*withheld* approval for"."""
    for k in range(i - 1, max(-1, i - 1 - _GOVERNOR_REACH), -1):
        word = toks[k].lower
        if word in _CESSATION or word in _WITHHOLDING or word in _ENDING:
            return True
        # past a determiner, a modifier or a name: "*halted* its onion exports", "*stopped* France 24 broadcasts"
        if not (word in _GOVERNOR_SKIP or toks[k].kind == "num" or toks[k].is_content):
            return False
    return False


_GOVERNOR_REACH = 4


_WITHHOLDING = frozenset({"withheld", "withhold", "withholds", "withholding"})


def _failed_after(toks: tuple[Token, ...], i: int) -> bool:
    """Whether an intransitive "failed" closes the clause of token ``i``: "attempts to *reproduce*
    the results *failed*" (not "failed to")."""
    for t in toks[i + 1 :]:
        if is_break(t):
            return False
        if t.lower in ("failed", "fails", "fail") and (t.i + 1 >= len(toks) or toks[t.i + 1].lower != "to"):
            return True
    return False


def _negative_compound(tok: Token, head: Token) -> bool:
    """Whether ``tok`` is a negative form of ``head``: "unfenced" / "fence", "no-deal" / "deal",
    "visa-free" / "visa"."""
    if tok.lower.endswith("-free") and len(tok.lower) > 6:
        return same_sense(tok.lower[:-5], head.lower)
    for prefix in ("un", "no-", "non-"):
        if tok.lower.startswith(prefix) and len(tok.lower) > len(prefix) + 3:
            return same_sense(tok.lower[len(prefix) :], head.lower)
    return False


def _in_negated_clause(doc: Doc, i: int) -> bool:
    """Whether a negated verb comes earlier in the clause of token ``i``: "did not make it to the
    *World Cup*" (the words after a negated verb are no plain counterpart either)."""
    toks = doc.tokens
    for k in range(i - 1, max(-1, i - _MAX_CLAUSE), -1):
        if is_break(toks[k]):
            break
        nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
        if (toks[k].lower in _DISMISS and nxt in _DETERMINERS) or _turned_down(toks, k):
            return True  # "turned down the request for the hacker's *extradition*" (not "the dismissed workers")
    for s in _scopes(doc):
        if not _verbal(doc.tokens, s) or not s.first < i <= s.head + _MAX_CLAUSE:
            continue  # "Lack of immunity suggests vaccines protect": a noun phrase is negated, not the verb
        if not any(is_break(t) for t in doc.tokens[s.first : i]):
            return True
    return False


#: how far after a subject word a negated verb may come ("annual *cruise* arrivals at the harbour
#: have *not* once topped")
_SUBJECT_REACH = 10
#: the cues of a plain negated verb (``tokens.normalize`` has made "can't" / "cannot" "can not")
_PLAIN_NEGATORS = frozenset({"not", "never"})


def _subject_of_negated_verb(doc: Doc, i: int) -> bool:
    """Whether token ``i`` stands before a verb negated by "not" / "never" in its clause, within a
    few words: the subject of a negated predicate ("Annual *cruise* arrivals have not once topped
    800,000"), so that a negation of the other text matched to it is made on both sides."""
    toks = doc.tokens
    for s in _scopes(doc):
        near = i < s.cue <= i + _SUBJECT_REACH and not any(is_break(t) for t in toks[i : s.cue])
        if toks[s.cue].lower in _PLAIN_NEGATORS and near and _verbal(toks, s):  # (not "halted")
            return True
    return False


def _verbal(toks: tuple[Token, ...], scope: NegationScope) -> bool:
    """A negation of a verb: "not", "never", "no longer" or a negative verb ("failed to")."""
    cue = toks[scope.cue].lower
    nxt = toks[scope.cue + 1].lower if scope.cue + 1 < len(toks) else ""
    return cue in ("not", "never") or cue in _VERB_CUES or (cue == "no" and nxt == "longer")


def _negated_before_without(toks: tuple[Token, ...], scope: NegationScope) -> bool:
    """A negated verb with a "without" after it in its clause, "cannot *enter* without a visa" =
    "need a visa to enter": a condition (only with X), the qualifier family's, not a negation of
    the verb."""
    # "*no* film can be shown without": a quantified subject, over its whole clause
    quantifier = toks[scope.cue].lower in ("no", "nobody", "none") and not scope.clause
    plain_cue = toks[scope.cue].lower in ("not", "never", "impossible", "unable")  # "impossible to renew without"
    if not quantifier and (not _verbal(toks, scope) or not plain_cue):
        return False
    for t in toks[scope.head + 1 : scope.head + 1 + (_MAX_CLAUSE if quantifier else _MAX_GAP)]:
        if is_break(t):
            return False
        if t.lower == "without":
            return True
    return False


def _without_after_negation(toks: tuple[Token, ...], scope: NegationScope) -> bool:
    """A "without" after a negated verb of its clause, or before one: a double negative that states
    a condition."""
    if toks[scope.cue].lower != "without":
        return False
    for t in reversed(toks[max(0, scope.cue - _MAX_CLAUSE) : scope.cue]):
        if is_break(t):
            break
        if t.lower in ("not", "never", "no", "nobody", "none", "impossible", "unable"):
            return True  # "cannot be sold without", "no film can be shown without", "impossible to X without"
    # "those *without* the vaccine will *not* be allowed to depart": a negated verb after it
    for t in toks[scope.head + 1 : scope.head + 1 + _MAX_GAP]:
        if is_break(t):
            return False
        if t.lower in ("not", "never"):
            return True
    return False


def _free_of_after(toks: tuple[Token, ...], i: int) -> bool:
    """ "was *found to be free of* irregularities": the counterpart states an absence (not "treated
    free of charge")."""
    words = [t.lower for t in toks[i + 1 : i + 6]]
    return (
        words[:2] == ["to", "be"] and words[2] in ("free", "clear") and words[3:4] == ["of"] and words[4:] != ["charge"]
    )


def _negated_infinitive(toks: tuple[Token, ...], i: int, negated: frozenset[int]) -> bool:
    """ "None of the counties *met* the deadline to *submit*": an infinitive whose verb, a few words
    back, is negated."""
    return i > 1 and toks[i - 1].lower == "to" and any(k in negated for k in range(max(0, i - 5), i - 1))


def _place_name(toks: tuple[Token, ...], k: int) -> bool:
    """A capitalised word of a possessor after a place preposition: "failed to score *in South
    Korea's* win" (an adjunct's owner, not the object; not "a concert *in Israel*")."""
    if not toks[k].cap:
        return False
    j = k
    while j > 0 and toks[j].cap:
        j -= 1
    end = k
    while end + 1 < len(toks) and toks[end + 1].cap:
        end += 1
    possessor = end + 1 < len(toks) and toks[end + 1].kind == "poss"
    return possessor and j < k and toks[j].lower in _PLACE_PREPOSITIONS


def _object_flip(negated_doc: Doc, other: Doc, scope: NegationScope, negated_is_new: bool) -> Finding | None:
    """A negated verb with no counterpart whose object the other text states plainly: "did not
    perform any *live concert*" / "played a *live concert*", "never received the *Nobel Peace
    Prize*" / "was awarded the *Nobel Peace Prize*". Two or more object words must match, and the
    other text's clause up to them must hold no negative word of any kind ("missed", "unchanged",
    "stayed"), so that a paraphrased negation is not read as an assertion."""
    toks, other_toks = negated_doc.tokens, other.tokens
    if _negated_barring(toks, scope):
        return None  # "stopped barring vendors from trading": what it barred now happens
    if not _verbal(toks, scope) or _negative_word(toks[scope.head]):
        return None  # "no one was killed", "without input": no verb; "never missed": a double negative
    if any(t.lower in _QUALIFIER_WORDS for t in toks[scope.head : scope.head + 2 * _MAX_GAP]):
        return None  # "won't approve the drug for children before the trial ends": a qualifier
    objects = []
    for k in _predicate(toks, scope):
        if any(t.lower in _SUBORDINATORS for t in toks[scope.head : k]):
            break  # "did not sleep *when* the earthquake struck": the object ends at the subordinate clause
        if toks[k].kind == "word" and not _place_name(toks, k):
            objects.append(k)
    matched = {k: hit for k in objects if (hit := _first_with_stem(other_toks, toks[k].stem)) is not None}
    if len({t.i for t in matched.values()}) < 2:
        return None
    first, last = min(t.i for t in matched.values()), max(t.i for t in matched.values())
    start = clause_start(other_toks, first)
    end = next((k for k in range(last + 1, len(other_toks)) if is_break(other_toks[k])), len(other_toks))
    other_negated = _covered(other)
    head = toks[scope.head].lower
    object_stems = {toks[k].stem for k in objects}
    if object_stems & _BANNING and any(t.stem in _BANNING and t.lower.endswith("ed") for t in other_toks):
        other_negated -= _barred(other_toks)  # "did not impose a *ban* on exports" / "*banned* exports"
    for t in other_toks[start : last + 1]:
        if t.i in other_negated or _is_cue(other_toks, t.i) or _turned_down(other_toks, t.i):
            return None  # (also "*turned down* the invitation" / "did not accept the invitation")
        if t.stem not in object_stems and (_polar_or_negative(other_toks, t.i) or _opposed(head, t.lower)):
            return None  # "did not approve the plan" / "rejected the plan": the same meaning; but "did
            # not impose any *ban* on exports" / "*banned* exports": the object itself
    if (
        any(
            t.lower in _NEGATIVE_AFTER
            or t.stem in _STAYING
            or t.lower in _CESSATION
            or (t.lower == "still" and other_toks[t.i - 1].lower in BE)  # "is still in force"
            for t in other_toks[last + 1 : end]
        )
        or _failed_after(other_toks, last)
        or any(
            t.lower in _VERB_CUES and t.i + 1 < end and other_toks[t.i + 1].lower == "to"
            for t in other_toks[last + 1 : end]
        )
    ):
        return None  # "household electricity prices won't go up", "the evidence that X is *insufficient*",
        # "the deal is still *awaiting* ratification", "Kenya's parliament *failed to* pass": the
        # words are negated after them
    verb = next((k for k in range(first - 1, max(start - 1, first - 4), -1) if other_toks[k].is_content), first)
    subject_a = _scope_subject(negated_doc, scope)
    subject_b = _subject(other, verb, verb)
    if subject_a is not None and subject_b is not None and not _same_subject(negated_doc, subject_a, other, subject_b):
        return None
    negated_text = negated_doc.span(scope.first, max(matched))
    plain_text = other.span(verb, last)
    return _finding(negated_text, plain_text, negated_is_new)


#: words that say an attempt worked: "*successfully* entered orbit", "*managed to* land"
_SUCCESS = frozenset({"successfully", "managed", "succeeded"})
_FAILED = frozenset({"fail", "fails", "failed", "unable"})


def _success_flip(negated_doc: Doc, other: Doc, scope: NegationScope, negated_is_new: bool) -> Finding | None:
    """ "*failed to* make it into lunar orbit" / "*successfully* entered orbit around the Moon":
    a failure against a success word, when the other text holds no negation of its own and shares
    a content word of the failed phrase."""
    toks, other_toks = negated_doc.tokens, other.tokens
    if toks[scope.cue].lower not in _FAILED or negation_scopes(other):
        return None
    success = next((t for t in other_toks if t.lower in _SUCCESS), None)
    if success is None or any(t.lower in _FAILED for t in other_toks):
        return None
    failed = {toks[k].stem for k in (scope.head, *_predicate(toks, scope)) if toks[k].is_content}
    if not any(t.stem in failed for t in other_toks[success.i + 1 :] if t.is_content):
        return None
    last = success.i + 1 if success.i + 1 < len(other_toks) else success.i
    negated_text = negated_doc.span(scope.first, scope.head)
    plain_text = other.span(success.i, last)
    return _finding(negated_text, plain_text, negated_is_new)


#: words that say something goes on: "*still* had to present", "*continued to* pay"
_STILL = frozenset({"still", "continued", "continues", "continue", "kept", "keeps"})
_MIN_STILL_SHARED = 2


def _clause_words(doc: Doc, i: int) -> set[str]:
    """Stems of the lower-case content words of the clause of token ``i`` (between breaks)."""
    toks = doc.tokens
    start = clause_start(toks, i)
    end = next((k for k in range(i + 1, len(toks)) if is_break(toks[k])), len(toks))
    return {t.stem for t in toks[start:end] if t.is_content and not t.cap}


#: words that say something has happened by now, against "has yet to" / "not yet"
_ALREADY = frozenset({"already"})


#: words that leave someone out of a thing ("both were *left* off the shortlist"), against a "neither"
_LEFT_OUT = frozenset({"left", "dropped", "excluded", "omitted", "missing", "absent"})


def _still_flip(negated_doc: Doc, other: Doc, scope: NegationScope, negated_is_new: bool) -> Finding | None:
    """ "*no longer* charged from April 2025" / "Canadians *continued to* pay the consumer carbon
    tax after April 2025": a stop against a going on, and "has *yet to* receive the tranche" /
    "the tranche has *already* been paid out": not yet against already, when the other text holds
    no negation and the two clauses share two lower-case content words."""
    toks, other_toks = negated_doc.tokens, other.tokens
    cue = scope.cue
    nxt = toks[cue + 1].lower if cue + 1 < len(toks) else ""
    if negation_scopes(other):
        return None
    if toks[cue].lower == "no" and nxt == "longer":
        going_on = _STILL
    elif toks[cue].lower == "yet" or (toks[cue].lower == "not" and nxt == "yet"):
        going_on = _ALREADY  # "has *yet to* receive" / "has *already* been paid out", "*not yet* open"
    else:
        return None
    still = next((t for t in other_toks if t.lower in going_on), None)
    if still is None or len(_clause_words(negated_doc, cue) & _clause_words(other, still.i)) < _MIN_STILL_SHARED:
        return None
    negated_text = negated_doc.span(cue, scope.head)
    plain_text = other.span(still.i, min(still.i + 2, len(other_toks) - 1))
    return _finding(negated_text, plain_text, negated_is_new)


#: words whose "from X" says X does not apply: "*exempt from* tuition fees", "*spared from* the cuts"
_EXEMPT = frozenset({"exempt", "exempted", "exempts", "spared", "freed"})


def _absent_after(toks: tuple[Token, ...], i: int) -> bool:
    """Whether token ``i`` follows "exempt from" or "empty of" (and their kin; a determiner may
    come between): what it names does not apply, or is not there."""
    k = _governor(toks, i)
    if k < 1:
        return False
    return (toks[k].lower == "from" and toks[k - 1].lower in _EXEMPT) or (
        toks[k].lower == "of" and toks[k - 1].lower in _EMPTY
    )


def _opposed_phrase(word: str, other: Doc) -> bool:
    """Whether the other text has a two-word antonym of ``word``: "opened *late*" / "*on time*"."""
    toks = other.tokens
    return any(
        toks[k].kind == "word" and toks[k + 1].kind == "word" and antonym_type(word, other.span(k, k + 1).lower())
        for k in range(len(toks) - 1)
    )


#: verbs whose object noun names what the subject got, not what it did ("*received* approval")
_RECEIVING = frozenset("received receives receive got gets won wins secured secures obtained gained".split())


def _received(toks: tuple[Token, ...], i: int) -> bool:
    """Whether token ``i`` is the object of a verb of receiving (a determiner may come between)."""
    k = _governor(toks, i)
    return k >= 0 and toks[k].lower in _RECEIVING


def _turned_down(toks: tuple[Token, ...], k: int) -> bool:
    """Whether token ``k`` starts "turn(ed) down", a refusal."""
    return toks[k].stem == "turn" and k + 1 < len(toks) and toks[k + 1].lower == "down"


def _first_with_stem(toks: tuple[Token, ...], word_stem: str) -> Token | None:
    return next((t for t in toks if t.is_content and t.stem == word_stem), None)


def _negative_word(tok: Token, word_after_prefix: bool = False) -> bool:
    """A word that carries a negative or a "no change" meaning of its own: a negative verb
    ("refused", "rejected"), an un-/in- word ("unchanged", "unbeaten") or a verb of staying or
    missing ("kept", "remained", "missed"); "never *missed* a vote" is a double negative. With
    ``word_after_prefix``, an un-/in- word counts only when what follows the prefix is a word of
    its own ("*un*hurt", not "*in*spected")."""
    word = tok.lower
    if not tok.is_content or tok.cap:
        return False
    if word in _VERB_CUES or word in _DISMISS or tok.stem in _STAYING:
        return True
    if not (word.startswith(("un", "in", "non")) and is_prefixed(word)):
        return False
    return not word_after_prefix or is_common_word(word[3:] if word.startswith("non") else word[2:])


#: words after "fall" that make it no change of a level: "tourists who *fall ill*"
_FALL_INTO = frozenset({"ill", "sick", "asleep", "pregnant", "victim", "silent"})


def _polar_or_negative(toks: tuple[Token, ...], i: int) -> bool:
    """A negative word (:func:`_negative_word`) or any word of the antonym lexicon ("missed",
    "banned", "left"), which may be a paraphrased negation; not "fall ill"."""
    tok = toks[i]
    if tok.stem == "fall" and i + 1 < len(toks) and toks[i + 1].lower in _FALL_INTO:
        return False
    return _negative_word(tok) or (tok.is_content and not tok.cap and is_polar(tok.stem))


_OPPOSITE = {("for", "against"), ("against", "for"), ("up", "down"), ("down", "up"), ("in", "out"), ("out", "in")}


def _opposite_particles(doc_a: Doc, i: int, doc_b: Doc, j: int) -> bool:
    """ "vote *for*" / "vote *against*", "go *up*" / "go *down*": one verb, opposite particles."""
    a = doc_a.tokens[i + 1].lower if i + 1 < len(doc_a.tokens) else ""
    b = doc_b.tokens[j + 1].lower if j + 1 < len(doc_b.tokens) else ""
    return (a, b) in _OPPOSITE


def _clause_flip(
    negated_doc: Doc, other: Doc, scope: NegationScope, other_negated: frozenset[int], negated_is_new: bool
) -> Finding | None:
    """ "no evidence that vaccines cause autism" vs "vaccines cause autism"."""
    wanted = {negated_doc.tokens[j].stem for j in scope.clause}
    matched = [t for t in other.tokens if t.is_content and t.stem in wanted]
    if len({t.stem for t in matched}) < min(2, len(wanted)) or any(t.i in other_negated for t in matched):
        return None
    matched_at = {t.i for t in matched}
    if any(s.clause or s.head in matched_at or matched_at & set(s.more) for s in negation_scopes(other)):
        return None  # (also "no evidence *the herbal drink* cures dengue": a negated phrase over the words)
    if _not_all(negated_doc.tokens, scope.cue) and any(t.lower in _EXISTENTIALS for t in other.tokens):
        return None  # "not all the vaccines arrived" / "some of the vaccines arrived": compatible
    if negated_doc.tokens[scope.cue].lower in _DISMISS:  # "denied that he approved" vs "approved"
        verb = next(j for j in scope.clause if negated_doc.tokens[j].stem in {t.stem for t in matched})
        counterpart = next(t for t in matched if t.stem == negated_doc.tokens[verb].stem)
        negated_text = negated_doc.span(scope.first, verb)
        plain_text = verb_phrase(other, counterpart.i)
    else:
        negated_text = negated_doc.span(scope.first, scope.clause[-1])
        plain_text = other.quote(matched[0].i, matched[-1].i)
    return _finding(negated_text, plain_text, negated_is_new)


def compare_negation(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return NEGATION findings where one text negates what the other asserts.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        Findings such as ``"negation differs: 'did not approve' vs 'approved'"``.
    """
    new_doc, old_doc = as_doc(new), as_doc(old)
    return _one_way(new_doc, old_doc, True) + _one_way(old_doc, new_doc, False)
