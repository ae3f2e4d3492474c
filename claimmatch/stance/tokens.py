"""Text normalisation, tokenisation and a small stemmer shared by the rule families.

Every family works on a :class:`Doc`, built once per distinct text by :func:`analyze`
(cached), so the matcher pays for tokenisation once per claim, not once per family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimmatch.stance.resources import read_tsv

__all__ = [
    "AUX",
    "BANS",
    "BE",
    "CLAUSE_BREAKS",
    "DATE_WORDS",
    "FAIL_TO",
    "LIMITED_TO",
    "MODALS",
    "MONTHS",
    "ORDINAL_WORDS",
    "REFUSE",
    "RESTRICTORS",
    "STOPWORDS",
    "WEEKDAYS",
    "Doc",
    "Token",
    "analyze",
    "as_doc",
    "clause_start",
    "is_break",
    "is_irregular_form",
    "normalize",
    "ruled_out",
    "stem",
    "stem_phrase",
]

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
_EM_DASH = re.compile(r"\s*\u2014\s*")
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(c)an't\b", re.I), r"\1an not"),
    (re.compile(r"\b(c)annot\b", re.I), r"\1an not"),
    (re.compile(r"\b(w)on't\b", re.I), r"\1ill not"),
    (re.compile(r"\b(s)han't\b", re.I), r"\1hall not"),
    (re.compile(r"\b(a)in't\b", re.I), r"\1re not"),
    (re.compile(r"\b([A-Za-z]+)n't\b"), r"\1 not"),
    (re.compile(r"\b(it|that|there|here|what|who|he|she|where|how)'s\b", re.I), r"\1 is"),
    (re.compile(r"\b(l)et's\b", re.I), r"\1et us"),
    (re.compile(r"\b([A-Za-z]+)'re\b"), r"\1 are"),
    (re.compile(r"\b([A-Za-z]+)'ve\b"), r"\1 have"),
    (re.compile(r"\b([A-Za-z]+)'ll\b"), r"\1 will"),
    (re.compile(r"\b([Ii])'m\b"), r"\1 am"),
    (re.compile(r"\b([A-Za-z]+)'d\b"), r"\1 would"),
)
#: An abbreviated title or place word before a name: its full stop ends no sentence ("St. Louis",
#: "Dr. Jones", "Gen. Milley" read as "St Louis", "Dr Jones", "Gen Milley").
_TITLE_STOP = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|St|Ste|Mt|Ft|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Prof|Rev|Pres|Adm|Maj|Supt|Insp|Det|Hon)"
    r"\.(?= [A-Z])"
)
_SPACES = re.compile(r"\s+")
_TOKEN_RE = re.compile(
    r"(?P<acr>(?:[A-Za-z]\.){2,})"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<word>[A-Za-z\u00c0-\u024f]+(?:['\-][A-Za-z\u00c0-\u024f]+)*)"
    r"|(?P<sym>\S)"
)
#: Month names, lower case.
MONTHS = frozenset("january february march april may june july august september october november december".split())
#: Weekday names, lower case.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: Month and weekday names: capitalised, but no names of the claim ("said on *Monday*").
DATE_WORDS = MONTHS | WEEKDAYS
# always capitalised, so they say nothing about headline case ("may" is also a verb)
_ALWAYS_CAP = (MONTHS - {"may"}) | WEEKDAYS
#: Ordinal words and their values, shared by the quantities and comparatives families.
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
_SENTENCE_END = frozenset({".", "!", "?", ":", ";"})
_OPENERS = frozenset({'"', "'", "(", "[", "-"})

#: Tokens that end a clause for scope and argument extraction.
CLAUSE_BREAKS = frozenset(
    {
        ",", ";", ":", ".", "!", "?", "(", ")", '"', "-",
        "and", "but", "or", "because", "while", "whereas", "although", "though", "which", "who",
        "whom", "whose", "so", "yet", "however",
    }
)

#: Auxiliary and modal verbs ("did not", "has never", "will not").
AUX = frozenset(
    "be am is are was were been being have has had do does did will would shall should can could may might must".split()
)
#: The forms of "be" (copula and passive auxiliary).
BE = frozenset({"be", "is", "are", "was", "were", "been", "being"})
#: Modal verbs ("can", "must", "would"...).
MODALS = frozenset({"can", "could", "may", "might", "must", "will", "would", "shall", "should"})
#: Verbs that deny the infinitive after them: "*failed* to pay", "*refused* to sign".
FAIL_TO = frozenset("fail fails failed failing refuse refuses refused refusing".split())
#: The refusing verbs among them ("*refused* entry", "*refused* to sign").
REFUSE = frozenset(w for w in FAIL_TO if w.startswith("refus"))
#: Verbs of banning: "will *ban* gas connections", "candidates are *barred* from a resit".
BANS = frozenset(
    "ban bans banned banning prohibit prohibits prohibited forbid forbids forbidden outlaw outlaws outlawed "
    "barred".split()
)
#: Words that restrict a rule to part of what it could cover: "*only* at weekends", "*solely* to members".
RESTRICTORS = frozenset({"only", "exclusively", "solely"})
#: Participles that restrict before "to": "*limited* to the first weeks", "*confined* to Kigali".
LIMITED_TO = frozenset({"limited", "restricted", "confined"})

#: Verbs before "out" that exclude what follows: "*ruled out* a tax rise".
_RULE = frozenset({"rule", "rules", "ruled", "ruling"})


def ruled_out(toks: tuple[Token, ...], i: int) -> bool:
    """Whether token ``i`` is the "out" of "ruled out" / "rules out" (a negation of what follows)."""
    return toks[i].lower == "out" and i > 0 and toks[i - 1].lower in _RULE


#: Function words: never a content word, never a scope head.
STOPWORDS = frozenset(
    """
    a an the this that these those some any each every either neither both all such own
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    one ones oneself itself himself herself themselves ourselves yourself myself
    be am is are was were been being have has had having do does did doing done
    will would shall should can could may might must ought
    to of in on at by for with from into onto upon about as than then so too very also just
    and or but nor if because while whereas although though unless until till since
    after before during once when whenever where wherever what which who whom whose why how
    there here not no never without only even ever yet still already again further
    up down out over under off away back
    s 's said say says saying according reportedly allegedly
    """.split()
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a normalised text.

    Attributes:
        i: Position in the token list.
        text: The token as written (after normalisation).
        lower: Lower-cased text.
        kind: ``"word"``, ``"num"``, ``"acr"`` (dotted acronym), ``"poss"`` (``'s``) or ``"sym"``.
        start: Character offset in :attr:`Doc.text`.
        end: Character offset just past the token.
        stem: A crude stem (see :func:`stem`); equal to ``lower`` for non-words.
        cap: The first character is upper case.
        initial: The token starts a sentence (so its capital letter says nothing).
    """

    i: int
    text: str
    lower: str
    kind: str
    start: int
    end: int
    stem: str
    cap: bool
    initial: bool

    @property
    def is_word(self) -> bool:
        """Return True for word tokens."""
        return self.kind == "word"

    @property
    def is_content(self) -> bool:
        """Return True for a word that is not a function word."""
        return self.kind == "word" and self.lower not in STOPWORDS and len(self.lower) > 1


@dataclass(frozen=True, slots=True, eq=False)
class Doc:
    """A normalised, tokenised text.

    Docs compare and hash by :attr:`text` alone: the tokens are a function of it, and the rule
    families cache their results per ``Doc``, so hashing every token on each lookup would cost
    more than the lookup saves.

    Attributes:
        text: The normalised text that token offsets refer to.
        tokens: The tokens.
        title_case: Most words are capitalised (a headline), so capitals do not mark names.
    """

    text: str
    tokens: tuple[Token, ...]
    title_case: bool

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Doc) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def span(self, first: int, last: int) -> str:
        """Return the text from token ``first`` to token ``last`` inclusive."""
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def quote(self, first: int, last: int) -> str:
        """Return :meth:`span` as quoted inside a reason: lower-case first letter when token
        ``first`` starts a sentence (its capital says nothing), e.g. ``"only after"``."""
        text = self.span(first, last)
        return text[:1].lower() + text[1:] if self.tokens[first].initial else text

    @property
    def stems(self) -> frozenset[str]:
        """Return the stems of the content words."""
        return frozenset(t.stem for t in self.tokens if t.is_content)

    @property
    def caseless(self) -> bool:
        """No capital letter anywhere, or none at its start (a lower-case post: "lagos is the first
        state to ..."): capitals cannot mark names here."""
        first = next((c for c in self.text if c.isalpha()), "")
        return first.islower() or not any(c.isupper() for c in self.text)


#: auxiliaries that headline Title Case writes capitalised ("Bill Is Signed"), so in lower case they
#: mark a sentence
_TITLE_CASE_VERBS = frozenset("is are was were has have had will would can could be been".split())


def is_break(tok: Token) -> bool:
    """Return True for a punctuation clause break ("," ";" "." ...), not a conjunction."""
    return tok.kind == "sym" and tok.lower in CLAUSE_BREAKS


def clause_start(toks: tuple[Token, ...], i: int) -> int:
    """Return the first token of the clause of token ``i`` (after the last punctuation break before it)."""
    return max((k + 1 for k in range(i) if is_break(toks[k])), default=0)


def normalize(text: str) -> str:
    """Return ``text`` with plain quotes and dashes, expanded contractions and single spaces.

    ``"didn't"`` becomes ``"did not"``, ``"can't"`` and ``"cannot"`` become ``"can not"``, and the
    full stop of a title before a name goes (``"St. Louis"`` -> ``"St Louis"``).
    """
    text = text.translate(_QUOTES)
    text = _EM_DASH.sub(", ", text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _SPACES.sub(" ", text).strip()
    return _TITLE_STOP.sub(r"\1", text)


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("irregular.tsv") if len(row) >= 2}


def is_irregular_form(word_lower: str) -> bool:
    """Whether a lower-case word is an irregular inflection of ``data/irregular.tsv`` ("sold",
    "rose", "won"): a verb form, though it ends in neither -ed nor -s."""
    return word_lower in _irregular()


_UNDOUBLE = frozenset("bgmnprt")


def _strip_e(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("e") and not word.endswith("ee") else word


def _undouble(word: str) -> str:
    if len(word) > 3 and word[-1] == word[-2] and word[-1] in _UNDOUBLE:
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a crude stem so that inflections of one word compare equal.

    ``approve``, ``approves``, ``approved`` and ``approving`` all give ``approv``; irregular forms
    (``rose`` -> ``rise``) come from ``data/irregular.tsv`` first. The stems are not words; they
    are only compared with each other.
    """
    return _single_l(_stem(word.lower()))


@lru_cache(maxsize=65536)
def stem_phrase(words: str) -> str:
    """Return the stems of the words of a phrase: "laid off" -> ``lay off``; one word's stem."""
    return " ".join(stem(w) for w in words.split())


def _stem(word: str) -> str:
    w = _irregular().get(word, word)
    if len(w) <= 3 or "-" in w:
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ing") and len(w) > 5:
        return _eed(_strip_e(_undouble(w[:-3])))
    if w.endswith("eed") and len(w) > 4:
        return _strip_e(w[:-1])
    if w.endswith("ed") and len(w) > 4:
        return _eed(_strip_e(_undouble(w[:-2])))
    if w.endswith(("sses", "xes", "zes", "ches", "shes", "ses")):
        return _strip_e(w[:-2])
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return _eed(_strip_e(w[:-1]))
    return _eed(_strip_e(w))


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _single_l(w: str) -> str:
    """A final double l of a word of two or more syllables is one: "cancelled" / "cancel",
    "controlling" / "control", "enroll" / "enrol", "install" / "instal" (but "kill", "fell")."""
    if len(w) >= 6 and w.endswith("ll") and len(_VOWEL_GROUPS.findall(w)) >= 2:
        return w[:-1]
    return w


def _eed(w: str) -> str:
    """ "succeed" (base) and "succeeded" -> "succeed" both give ``succee``, like "agreed" -> ``agree``."""
    return w[:-1] if len(w) >= 6 and w.endswith("eed") else w


def _is_initial(tokens: list[Token], kind_texts: list[str]) -> bool:
    j = len(tokens) - 1
    while j >= 0 and kind_texts[j] in _OPENERS:
        j -= 1
    return j < 0 or kind_texts[j] in _SENTENCE_END


@lru_cache(maxsize=8192)
def analyze(text: str) -> Doc:
    """Return the :class:`Doc` of ``text`` (normalised and tokenised; cached)."""
    norm = normalize(text)
    tokens: list[Token] = []
    texts: list[str] = []

    def add(value: str, kind: str, start: int, end: int) -> None:
        lower = value.lower()
        initial = _is_initial(tokens, texts)
        token_stem = stem(lower) if kind == "word" else lower
        tokens.append(
            Token(len(tokens), value, lower, kind, start, end, token_stem, value[:1].isupper(), initial)
        )
        texts.append(value)

    for match in _TOKEN_RE.finditer(norm):
        kind = match.lastgroup or "sym"
        value = match.group()
        start, end = match.span()
        if kind == "word" and value.lower().endswith("'s") and len(value) > 2:
            add(value[:-2], "word", start, end - 2)
            add(value[-2:], "poss", end - 2, end)
            continue
        add(value, kind, start, end)
    words = [
        t for t in tokens if t.kind == "word" and not t.initial and len(t.lower) > 3 and t.lower not in _ALWAYS_CAP
    ]
    lower_content = sum(not t.cap and t.lower not in STOPWORDS for t in words)
    # a headline capitalises its verbs too: one lower-case content word in five words, or two in
    # any length, mean prose full of names ("Nancy Pelosi visited Taiwan in August", "campaigner
    # Nasrin Sotoudeh was awarded the Nobel Peace Prize"), not "Biden Signs Climate Bill"
    # ... and so does a lower-case auxiliary, which Title Case capitalises ("... was held in Guam")
    lower_aux = any(t.lower in _TITLE_CASE_VERBS and not t.cap for t in tokens)
    title_case = (
        len(words) >= 3
        and sum(t.cap for t in words) >= 0.7 * len(words)
        and lower_content * 5 < len(words)
        and lower_content < 2
        and not lower_aux
    )
    return Doc(norm, tuple(tokens), title_case)


def as_doc(text: str | Doc) -> Doc:
    """Return ``text`` analysed, or unchanged when it already is a :class:`Doc`."""
    return text if isinstance(text, Doc) else analyze(text)
