"""Comparatives and superlatives: direction (more / fewer), swapped arguments, rank.

``"cats kill more birds than turbines"`` vs ``"turbines kill more birds than cats"``: the same
comparison with its arguments swapped, a conflict; swapped *and* reversed (``"turbines kill fewer
birds than cats"``) says the same thing. ``"higher than"`` vs ``"lower than"`` with the same
arguments conflicts. Superlatives conflict on direction (``largest`` / ``smallest``) or rank
(``largest`` / ``second-largest``) of the same noun; ``"one of the largest"`` is compatible with
``"the largest"``. Numeric bounds (``"more than 50"``) belong to :mod:`quantities`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claimmatch.stance.base import Family, Finding, Relation
from claimmatch.stance.entities import extract_entities
from claimmatch.stance.tokens import BE, CLAUSE_BREAKS, ORDINAL_WORDS, Doc, Token, as_doc

__all__ = [
    "Comparison",
    "Superlative",
    "comparative_scale",
    "compare_comparatives",
    "extract_comparisons",
    "extract_superlatives",
]

# word -> (scale, direction)
_COMPARATIVES: dict[str, tuple[str, int]] = {
    "more": ("amount", 1),
    "fewer": ("amount", -1),
    "less": ("amount", -1),
    "higher": ("height", 1),
    "lower": ("height", -1),
    "larger": ("size", 1),
    "bigger": ("size", 1),
    "greater": ("size", 1),
    "smaller": ("size", -1),
    "better": ("quality", 1),
    "worse": ("quality", -1),
    "older": ("age", 1),
    "younger": ("age", -1),
    "richer": ("wealth", 1),
    "wealthier": ("wealth", 1),
    "poorer": ("wealth", -1),
    "taller": ("length", 1),
    "longer": ("length", 1),
    "shorter": ("length", -1),
    "faster": ("speed", 1),
    "quicker": ("speed", 1),
    "slower": ("speed", -1),
    "stronger": ("strength", 1),
    "weaker": ("strength", -1),
    "hotter": ("heat", 1),
    "warmer": ("heat", 1),
    "colder": ("heat", -1),
    "cooler": ("heat", -1),
    "earlier": ("time", -1),
    "later": ("time", 1),
    "cheaper": ("price", -1),
    "costlier": ("price", 1),
    "dearer": ("price", 1),
    "pricier": ("price", 1),
    "stricter": ("strictness", 1),
    "tougher": ("strictness", 1),
    "looser": ("strictness", -1),
    "laxer": ("strictness", -1),
    "softer": ("strictness", -1),
    "safer": ("safety", 1),
    "deadlier": ("safety", -1),
    "heavier": ("weight", 1),
    "lighter": ("weight", -1),
    "deeper": ("depth", 1),
    "shallower": ("depth", -1),
    "wider": ("width", 1),
    "broader": ("width", 1),
    "narrower": ("width", -1),
    "thicker": ("thickness", 1),
    "thinner": ("thickness", -1),
    "newer": ("age", -1),
    "nearer": ("distance", -1),
    "closer": ("distance", -1),
    "farther": ("distance", 1),
    "wetter": ("wetness", 1),
    "drier": ("wetness", -1),
    "dryer": ("wetness", -1),
    "busier": ("activity", 1),
    "quieter": ("activity", -1),
    "denser": ("density", 1),
    "easier": ("difficulty", -1),
    "harder": ("difficulty", 1),
    "cleaner": ("cleanliness", 1),
    "dirtier": ("cleanliness", -1),
}
_SUPERLATIVES: dict[str, tuple[str, int]] = {
    "most": ("amount", 1),
    "fewest": ("amount", -1),
    "least": ("amount", -1),
    "highest": ("height", 1),
    "lowest": ("height", -1),
    "largest": ("size", 1),
    "biggest": ("size", 1),
    "greatest": ("size", 1),
    "smallest": ("size", -1),
    "best": ("quality", 1),
    "worst": ("quality", -1),
    "oldest": ("age", 1),
    "youngest": ("age", -1),
    "richest": ("wealth", 1),
    "wealthiest": ("wealth", 1),
    "poorest": ("wealth", -1),
    "tallest": ("length", 1),
    "longest": ("length", 1),
    "shortest": ("length", -1),
    "fastest": ("speed", 1),
    "slowest": ("speed", -1),
    "strongest": ("strength", 1),
    "weakest": ("strength", -1),
    "hottest": ("heat", 1),
    "warmest": ("heat", 1),
    "coldest": ("heat", -1),
    "coolest": ("heat", -1),
    "earliest": ("time", -1),
    "latest": ("time", 1),
    "cheapest": ("price", -1),
    "safest": ("safety", 1),
    "deadliest": ("safety", -1),
    "heaviest": ("weight", 1),
    "lightest": ("weight", -1),
    "deepest": ("depth", 1),
    "shallowest": ("depth", -1),
    "widest": ("width", 1),
    "broadest": ("width", 1),
    "narrowest": ("width", -1),
    "thickest": ("thickness", 1),
    "thinnest": ("thickness", -1),
    "newest": ("age", -1),
    "nearest": ("distance", -1),
    "closest": ("distance", -1),
    "farthest": ("distance", 1),
    "furthest": ("distance", 1),
    "wettest": ("wetness", 1),
    "driest": ("wetness", -1),
    "busiest": ("activity", 1),
    "quietest": ("activity", -1),
    "densest": ("density", 1),
    "first": ("order", -1),
    "last": ("order", 1),
}
# Adjectives compared with "more" / "less" that sit on a scale above: "more dangerous" is "less safe",
# so it conflicts with "safer"; "less expensive" is "cheaper".
_MORE_ADJECTIVES: dict[str, tuple[str, int]] = {
    "dangerous": ("safety", -1),
    "deadly": ("safety", -1),
    "risky": ("safety", -1),
    "hazardous": ("safety", -1),
    "expensive": ("price", 1),
    "costly": ("price", 1),
    "affordable": ("price", -1),
    "polluted": ("cleanliness", -1),
    "difficult": ("difficulty", 1),
    "lenient": ("strictness", -1),
    "restrictive": ("strictness", 1),
    "powerful": ("strength", 1),
    "common": ("amount", 1),
    "frequent": ("amount", 1),
}
# The base form of a comparative's adjective, for "as high as", "as safe as".
_BASES: dict[str, str] = {
    "many": "amount",
    "much": "amount",
    "high": "height",
    "low": "height",
    "large": "size",
    "big": "size",
    "great": "size",
    "small": "size",
    "good": "quality",
    "bad": "quality",
    "old": "age",
    "young": "age",
    "rich": "wealth",
    "wealthy": "wealth",
    "poor": "wealth",
    "tall": "length",
    "long": "length",
    "short": "length",
    "fast": "speed",
    "quick": "speed",
    "slow": "speed",
    "strong": "strength",
    "weak": "strength",
    "hot": "heat",
    "warm": "heat",
    "cold": "heat",
    "cheap": "price",
    "expensive": "price",
    "safe": "safety",
    "deadly": "safety",
    "dangerous": "safety",
    "heavy": "weight",
    "deep": "depth",
    "wide": "width",
}
# Verbs that compare their subject with their object: "women outnumber men" = more women than men.
_VERBS = frozenset(
    """
    outnumber outnumbers outnumbered outnumbering exceed exceeds exceeded exceeding surpass surpasses
    surpassed surpassing overtake overtakes overtook overtaken overtaking outstrip outstrips outstripped
    outstripping outpace outpaces outpaced outpacing outweigh outweighs outweighed outweighing outperform
    outperforms outperformed outperforming outsell outsells outsold outselling outspend outspends outspent
    outspending outgrow outgrows outgrew outgrown outgrowing outlive outlives outlived outliving outlast
    outlasts outlasted outlasting
    """.split()
)
# Scales that all say "more of it": "more", "higher", "larger", "exceeds", "outnumbers".
_MAGNITUDE = frozenset({"amount", "size", "height", "magnitude"})
_MULTIPLIERS = {"twice": 2.0, "thrice": 3.0, "half": 0.5}
_ORDINALS = {word: n for word, n in ORDINAL_WORDS.items() if 2 <= n <= 10} | {"2nd": 2, "3rd": 3}
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "thousand "
    "million billion half a an twice dozen dozens hundreds thousands millions".split()
)
_ARG_SKIP = frozenset("do does did is are was were has have had the a an".split())
_ADJECTIVE_ENDINGS = ("ous", "ive", "ful", "ent", "ant", "able", "ible", "al", "ic", "ing", "ed", "ly")
_MAX_THAN = 8
_PLACE_KINDS = frozenset({"country", "capital", "city", "region", "continent"})
_WEIGHT = 0.75


@dataclass(frozen=True, slots=True)
class Comparison:
    """A comparative with its arguments.

    Attributes:
        scale: What is compared (``"amount"``, ``"height"``, or the adjective after more/less).
        direction: ``1`` (more, higher) or ``-1`` (fewer, lower).
        text: The comparative as written, e.g. ``"more"`` or ``"less dangerous"``.
        left: Stems of the content words before it in its clause (the first argument).
        right: Stems of the content words after ``than`` (the second argument); empty when absent.
            Places and their demonyms are written as their gazetteer id (``@united_states`` for
            ``the US``, ``America``, ``the United States``), so aliases compare equal.
        phrase: The clause as written, for reasons.
        noun: For a comparative adjective used before a noun without ``than`` (``"older voters"``),
            the stem of that noun; ``""`` otherwise.
    """

    scale: str
    direction: int
    text: str
    left: frozenset[str]
    right: frozenset[str]
    phrase: str
    noun: str = ""


@dataclass(frozen=True, slots=True)
class Superlative:
    """A superlative, its rank and the noun it ranks.

    Attributes:
        scale: What is ranked.
        direction: ``1`` (largest) or ``-1`` (smallest).
        rank: 1 for "the largest", 2 for "the second-largest"; 0 for "one of the largest".
        text: As written, e.g. ``"second-largest"``.
        noun: Stem of the first content word after it, or ``""``.
        left: Stems of the content words before it in its clause.
        nouns: Stems of the content words among the three tokens after it (``"the last EU country"``
            -> ``eu``, ``country``), to match ``"the first country"``.
    """

    scale: str
    direction: int
    rank: int
    text: str
    noun: str
    left: frozenset[str]
    nouns: frozenset[str] = frozenset()


def _clause_start(toks: tuple[Token, ...], i: int) -> int:
    j = i - 1
    while j >= 0 and not (toks[j].lower in CLAUSE_BREAKS and toks[j].lower not in ("and",)):
        j -= 1
    return j + 1


def _stems(toks: tuple[Token, ...]) -> frozenset[str]:
    return frozenset(t.stem for t in toks if t.is_content and t.lower not in _ARG_SKIP)


@lru_cache(maxsize=8192)
def _place_ids(doc: Doc) -> dict[int, str]:
    """Token index -> ``@id`` for the tokens of known places (``the US`` and ``America`` agree)."""
    ids: dict[int, str] = {}
    for entity in extract_entities(doc):
        if entity.kind in _PLACE_KINDS:
            for j in range(entity.first, entity.last + 1):
                ids[j] = "@" + entity.key
    return ids


def _args(doc: Doc, start: int, end: int) -> frozenset[str]:
    """Stems of the content words of ``tokens[start:end]``, places as their gazetteer id."""
    ids = _place_ids(doc)
    out: set[str] = set()
    for t in doc.tokens[start:end]:
        if t.i in ids:
            out.add(ids[t.i])
        elif t.is_content and t.lower not in _ARG_SKIP:
            out.add(t.stem)
    return frozenset(out)


def _clause_end(toks: tuple[Token, ...], j: int) -> int:
    while j < len(toks) and toks[j].lower not in CLAUSE_BREAKS:
        j += 1
    return j


def _numeric(tok: Token | None) -> bool:
    return tok is None or tok.kind == "num" or tok.lower in _NUMBER_WORDS or tok.text in ("$", "€", "£")


@lru_cache(maxsize=8192)
def _comparisons(doc: Doc) -> tuple[Comparison, ...]:
    toks = doc.tokens
    found: list[Comparison] = []
    for i, tok in enumerate(toks):
        if tok.lower == "as":
            equal = _as_comparison(doc, i)
            if equal is not None:
                found.append(equal)
            continue
        verb = _verb_comparison(doc, i)
        if verb is not None:
            found.append(verb)
            continue
        if tok.lower not in _COMPARATIVES:
            continue
        if i > 0 and toks[i - 1].lower in ("no", "not"):
            continue  # "no more than 50" is a bound, "not higher" a negation
        scale, direction = _COMPARATIVES[tok.lower]
        text = tok.text
        k = i + 1
        if (
            tok.lower in ("more", "less")
            and k + 1 < len(toks)
            and toks[k].is_content
            and toks[k + 1].lower == "than"
            and toks[k].lower.endswith(_ADJECTIVE_ENDINGS)
        ):
            scale, text, k = toks[k].stem, f"{tok.text} {toks[k].text}", k + 1  # "more dangerous than"
            if toks[k - 1].lower in _MORE_ADJECTIVES:  # "more dangerous" = "less safe"
                scale, sign = _MORE_ADJECTIVES[toks[k - 1].lower]
                direction *= sign
        than = None
        for j in range(k, min(len(toks), k + _MAX_THAN)):
            if toks[j].lower == "than":
                than = j
                break
            if toks[j].lower in _COMPARATIVES or toks[j].lower in CLAUSE_BREAKS:
                break  # "older voters turned out in greater numbers than ...": not this one's "than"
        if than is not None and _numeric(toks[than + 1] if than + 1 < len(toks) else None):
            continue  # "more than 50", "less than half": quantities
        start = _clause_start(toks, i)
        left = _args(doc, start, i)
        right: frozenset[str] = frozenset()
        end = i
        noun = ""
        if than is not None:
            j = _clause_end(toks, than + 1)
            right = _args(doc, than + 1, j)
            end = j - 1
            # the words before "than" belong to the first argument: "there are more women than men",
            # "inflation is lower in France than in Germany"
            left |= _args(doc, k, than)
        elif tok.lower not in ("more", "less", "fewer") and k < len(toks) and toks[k].is_content:
            noun = toks[k].stem  # "older voters", "higher prices": an attribute, not a comparison
        found.append(Comparison(scale, direction, text, left, right, doc.quote(start, max(end, i)), noun))
    return tuple(found)


def _as_comparison(doc: Doc, i: int) -> Comparison | None:
    """ "as many fans as Wembley", "twice as much power as gas", "not as safe as": an equality or a
    multiple. Not a bound (``"as many as 50"``: quantities)."""
    toks = doc.tokens
    n = len(toks)
    if i + 1 >= n or (toks[i + 1].lower not in _BASES and not toks[i + 1].lower.endswith(_ADJECTIVE_ENDINGS)):
        return None
    if i > 0 and toks[i - 1].lower == "as":
        return None
    second = next((j for j in range(i + 2, min(n, i + 6)) if toks[j].lower == "as"), None)
    if second is None or _numeric(toks[second + 1] if second + 1 < n else None):
        return None
    if any(t.lower in CLAUSE_BREAKS for t in toks[i + 1 : second]):
        return None
    word = toks[i + 1].lower
    scale = _BASES.get(word, toks[i + 1].stem)
    direction = 0
    prefix = i
    prev = toks[i - 1].lower if i > 0 else ""
    if prev in _MULTIPLIERS or (prev == "times" and i > 1):
        factor = _MULTIPLIERS.get(prev, 2.0)
        direction = 1 if factor > 1 else -1
        prefix = i - 1 if prev != "times" else i - 2
    elif prev in ("not", "no") or (prev in ("so",) and i > 1 and toks[i - 2].lower == "not"):
        direction = -1  # "not as safe as": less safe
        prefix = i - 1
    text = doc.span(prefix, second)
    start = _clause_start(toks, prefix)
    left = _args(doc, start, prefix)
    if not left:
        left = _args(doc, i + 2, second)
    end = _clause_end(toks, second + 1)
    right = _args(doc, second + 1, end)
    if not right:
        return None
    return Comparison(scale, direction, text, left, right, doc.quote(start, end - 1))


def _verb_comparison(doc: Doc, i: int) -> Comparison | None:
    """ "women outnumber men", "exports exceeded imports", "coal was overtaken by wind"."""
    toks = doc.tokens
    tok = toks[i]
    if tok.kind != "word" or tok.lower not in _VERBS:
        return None
    direction = 1
    n = len(toks)
    nxt = i + 1
    passive = i > 0 and toks[i - 1].lower in BE and nxt < n and toks[nxt].lower == "by"
    obj_start = nxt + 1 if passive else nxt
    probe: Token | None = toks[obj_start] if obj_start < n else None
    if probe is not None and probe.lower == "the" and obj_start + 1 < n:
        probe = toks[obj_start + 1]
    if _numeric(probe):
        return None  # "exceeded 50%": quantities
    start = _clause_start(toks, i)
    end = _clause_end(toks, obj_start)
    subject = _args(doc, start, i)
    obj = _args(doc, obj_start, end)
    if not subject or not obj:
        return None
    left, right = (obj, subject) if passive else (subject, obj)
    return Comparison("magnitude", direction, tok.text, left, right, doc.quote(start, end - 1))


_AMOUNT_FILLERS = frozenset({"%", "percent", "per", "cent", "of"})


@lru_cache(maxsize=8192)
def _superlatives(doc: Doc) -> tuple[Superlative, ...]:
    toks = doc.tokens
    found: list[Superlative] = []
    for i, tok in enumerate(toks):
        parts = tok.lower.split("-")
        word = parts[-1]
        after_the = i > 0 and (
            toks[i - 1].lower == "the" or toks[i - 1].kind == "poss" or toks[i - 1].lower in _ORDINALS
        )  # "the most", "the world's most", "the second most"
        if word not in _SUPERLATIVES or (word in ("most", "least", "first", "last") and not after_the):
            continue
        if word in ("first", "last") and len(parts) > 1:
            continue
        scale, direction = _SUPERLATIVES[word]
        text = tok.text
        k = i + 1
        if (
            word in ("most", "least")
            and k < len(toks)
            and toks[k].is_content
            and toks[k].lower.endswith(_ADJECTIVE_ENDINGS)
        ):
            scale, text, k = toks[k].stem, f"{tok.text} {toks[k].text}", k + 1
        rank = 1
        if len(parts) == 2 and parts[0] in _ORDINALS:
            rank = _ORDINALS[parts[0]]
        elif i > 0 and toks[i - 1].lower in _ORDINALS:
            rank = _ORDINALS[toks[i - 1].lower]
            text = f"{toks[i - 1].text} {text}"
        window = [t.lower for t in toks[max(0, i - 4) : i]]
        if "one" in window and "of" in window:
            rank = 0
        while k < len(toks) and (toks[k].kind == "num" or toks[k].lower in _AMOUNT_FILLERS):
            k += 1  # "the poorest 10% of households": the noun after the amount
        noun = next((t.stem for t in toks[k : k + 3] if t.is_content), "")
        nouns = frozenset(t.stem for t in toks[k : k + 3] if t.is_content)
        left = _args(doc, _clause_start(toks, i), i)
        found.append(Superlative(scale, direction, rank, text, noun, left, nouns))
    return tuple(found)


def extract_comparisons(text: str | Doc) -> tuple[Comparison, ...]:
    """Return the comparatives of a text (numeric bounds excluded)."""
    return _comparisons(as_doc(text))


def extract_superlatives(text: str | Doc) -> tuple[Superlative, ...]:
    """Return the superlatives of a text."""
    return _superlatives(as_doc(text))


def comparative_scale(words: str) -> tuple[str, int] | None:
    """The scale and direction of a comparative written alone, as one word or with ``more`` /
    ``less``: ``"cheaper"`` -> ``("price", -1)``, ``"more expensive"`` -> ``("price", 1)``, ``"less
    dangerous"`` -> ``("safety", 1)``; None for anything else (``"more"`` alone is an amount)."""
    parts = words.lower().split()
    if len(parts) == 1 and parts[0] not in ("more", "less", "fewer"):
        return _COMPARATIVES.get(parts[0])
    if len(parts) == 2 and parts[0] in ("more", "less") and parts[1] in _MORE_ADJECTIVES:
        scale, direction = _MORE_ADJECTIVES[parts[1]]
        return scale, direction if parts[0] == "more" else -direction
    return None


def _same_scale(a: str, b: str) -> bool:
    """One scale, or two that both say "more of it"; a comparing verb (``outnumber``, ``outlive``)
    matches any scale, since its arguments alone say what is compared."""
    return a == b or (a in _MAGNITUDE and b in _MAGNITUDE) or "magnitude" in (a, b)


def _compare_pair(a: Comparison, b: Comparison) -> str | None:
    if not _same_scale(a.scale, b.scale):
        return None
    if a.right and b.right:
        # words on both sides of one comparison ("adults" in "young adults ... than older adults")
        # say nothing about which argument is which
        a_left, a_right = a.left - a.right, a.right - a.left
        b_left, b_right = b.left - b.right, b.right - b.left
        tail = (a_right & b_right) - (a.left | b.left)  # "... than X to be hospitalised" in both
        a_right, b_right = a_right - tail, b_right - tail
        swapped = bool(a_right & b_left) and bool(b_right & a_left) and not (a_right & b_right)
        same = bool(a.right & b.right) and not swapped
    else:
        swapped = False
        same = not a.right and not b.right and bool(a.left & b.left)
    if swapped and a.direction != -b.direction:
        if a.direction == b.direction:
            return f"comparison reversed: '{a.phrase}' vs '{b.phrase}'"
        return f"comparison differs: '{a.phrase}' vs '{b.phrase}'"
    if same and a.direction != b.direction:
        return f"comparison differs: {a.text} vs {b.text}"
    return None


def _attribute_shared(c: Comparison, others: tuple[Comparison, ...]) -> bool:
    """ "older voters" in one text and "older voters" anywhere in the other: a shared attribute."""
    return bool(c.noun) and any(o.noun == c.noun and o.text.lower() == c.text.lower() for o in others)


def compare_comparatives(new: str | Doc, old: str | Doc) -> list[Finding]:
    """Return findings for reversed comparisons and opposite comparatives or superlatives.

    Args:
        new: The new claim.
        old: The fact-checked claim.

    Returns:
        Findings such as ``"comparison reversed: 'cats kill more birds than turbines do' vs ..."``,
        ``"comparison differs: higher vs lower"`` or ``"superlative differs: largest vs second-largest"``.
    """
    findings: list[Finding] = []
    new_cs, old_cs = extract_comparisons(new), extract_comparisons(old)
    for ca in new_cs:
        if _attribute_shared(ca, old_cs):
            continue
        for cb in old_cs:
            if _attribute_shared(cb, new_cs):
                continue
            reason = _compare_pair(ca, cb)
            if reason is not None:
                # an opposite direction between the same terms reads as the polarity family's antonym
                # swap ("higher" / "lower" as "rose" / "fell"); a reversed comparison stays a conflict
                relation = Relation.NEGATION if reason.startswith("comparison differs") else Relation.CONFLICT
                findings.append(Finding(Family.COMPARATIVES, relation, reason, _WEIGHT))
                break
    for sa in extract_superlatives(new):
        for sb in extract_superlatives(old):
            same_noun = sa.noun == sb.noun or bool(sa.nouns & sb.nouns)
            if sa.scale != sb.scale or not same_noun or (not sa.noun and not sa.left & sb.left):
                continue
            if sa.direction != sb.direction or (sa.rank and sb.rank and sa.rank != sb.rank):
                reason = f"superlative differs: {sa.text} vs {sb.text}"
                # "highest" / "lowest": an antonym swap, as above; "largest" / "second-largest": a conflict
                relation = Relation.NEGATION if sa.direction != sb.direction else Relation.CONFLICT
                findings.append(Finding(Family.COMPARATIVES, relation, reason, _WEIGHT))
                break
    return findings
