"""Article mode: split a news article into sentences, keep the check-worthy ones, match them.

The pipeline (see ``docs/article-mode.md``):

1. :func:`split_sentences` cuts the article into :class:`Span` objects whose offsets point
   into the original text (``article[span.start:span.end] == span.text``). Photo credits
   and wire datelines glued onto sentences are cut out as spans of their own.
2. :func:`boilerplate_reason` and the caption and duplicate rules drop photo captions,
   credits, datelines and "Read more"/"Subscribe" boilerplate.
3. :func:`is_check_worthy` keeps sentences that state something checkable.
4. :func:`check_article` matches every kept sentence with one batched
   :meth:`~claimmatch.matcher.ClaimMatcher.match_many` call and returns an
   :class:`ArticleReport`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pysbd  # type: ignore[import-untyped]
from pydantic import BaseModel, ConfigDict, Field

from claimmatch.errors import EmptyTextError, InvalidArgumentError, InvalidTypeError, TextTooLongError
from claimmatch.filters import ClaimFilter
from claimmatch.models import Match, Stance

if TYPE_CHECKING:
    from claimmatch.matcher import ClaimMatcher

__all__ = [
    "DEFAULT_ARTICLE_TOP_K",
    "MAX_ARTICLE_CHARS",
    "MAX_SENTENCE_CHARS",
    "MIN_SENTENCE_CHARS",
    "MIN_SENTENCE_WORDS",
    "ArticleReport",
    "ArticleSentence",
    "ArticleSummary",
    "SkippedSentence",
    "Span",
    "boilerplate_reason",
    "check_article",
    "is_check_worthy",
    "split_sentences",
]

#: Longest article :func:`check_article` accepts by default, in characters.
MAX_ARTICLE_CHARS = 200_000
#: Matches per kept sentence by default.
DEFAULT_ARTICLE_TOP_K = 3
#: Sentences longer than this are split at clause boundaries; a piece that is still longer
#: (one unbroken token) is skipped as too long. Well below the matcher's 2000-character limit.
MAX_SENTENCE_CHARS = 600
#: Fragments shorter than this (characters or words) are not check-worthy.
MIN_SENTENCE_CHARS = 12
MIN_SENTENCE_WORDS = 3


# --------------------------------------------------------------------------- models


class Span(BaseModel):
    """A stretch of the article: ``article[start:end] == text``."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int = Field(ge=0, description="Offset of the first character in the original article.")
    end: int = Field(ge=0, description="Offset one past the last character in the original article.")


class SkippedSentence(Span):
    """A sentence that was not matched, and why."""

    reason: str


class ArticleSentence(Span):
    """A check-worthy sentence and the earlier fact-checks found for it."""

    reason: str = Field(description="Why the sentence is check-worthy.")
    matches: list[Match] = Field(default_factory=list)
    stance: Stance | None = Field(default=None, description="Stance of the top match; None without matches.")


class ArticleSummary(BaseModel):
    """Counts over one article.

    ``supported + contradicted + related_only == matched`` (each matched sentence is
    counted by the stance of its top match) and
    ``sentences_checked + sentences_skipped == sentences_total``.
    """

    model_config = ConfigDict(frozen=True)

    sentences_total: int = Field(ge=0, description="Sentences and fragments found by the splitter.")
    sentences_checked: int = Field(ge=0, description="Check-worthy sentences sent to the matcher.")
    sentences_skipped: int = Field(ge=0, description="Captions, credits, boilerplate and not check-worthy.")
    matched: int = Field(ge=0, description="Checked sentences with at least one match.")
    supported: int = Field(ge=0, description="Matched sentences whose top match supports them.")
    contradicted: int = Field(ge=0, description="Matched sentences whose top match contradicts them.")
    related_only: int = Field(ge=0, description="Matched sentences whose top match is only related.")


class ArticleReport(BaseModel):
    """The result of :func:`check_article`."""

    model_config = ConfigDict(frozen=True)

    article_chars: int = Field(ge=0, description="Length of the article the offsets refer to.")
    top_k: int
    min_score: float
    sentences: list[ArticleSentence] = Field(description="One item per kept (check-worthy) sentence, in order.")
    skipped: list[SkippedSentence] = Field(default_factory=list, description="Everything else, with reasons.")
    summary: ArticleSummary


# --------------------------------------------------------------------------- splitting

# Blanks within a line: a credit never crosses a line break.
_SP = r"[^\S\n]"
# News agencies and credit words that end a photo credit ("Photo by Jane Doe/UPI UPI").
_AGENCY = (
    rf"(?:UPI|Reuters|AP|AFP|Getty{_SP}+Images|EPA(?:-EFE)?|Shutterstock|Bloomberg|Pool|Handout|dpa|ANP|"
    rf"Xinhua|TASS|Sputnik|Anadolu|Alamy|Press{_SP}+Office|Press{_SP}+Service)"
)
# A credit glued onto the text: "Photo by courtesy of X Press Office UPI", "File Photo by ... /UPI",
# "Photograph: Jane Doe/Getty Images", "Jane Doe/Reuters". Never crosses a line break.
# Only the credit words are case-insensitive; agency names and "Name/Agency" are not.
_CREDIT = re.compile(
    rf"(?:\b(?i:(?:File{_SP}+)?(?:Photo|Image|Picture|Photograph|Video)(?:{_SP}+by|{_SP}+courtesy{_SP}+of|{_SP}*:))"
    rf"{_SP}+[^\n]{{0,100}}?\b{_AGENCY}\b(?:{_SP}+{_AGENCY}\b)*"
    rf"|\b[A-Z][\w.'-]+(?:{_SP}+[A-Z][\w.'-]+){{0,3}}{_SP}*/{_SP}*{_AGENCY}\b(?:{_SP}+{_AGENCY}\b)*"
    rf"|\((?i:(?:File{_SP}+)?Photo(?::|{_SP}+by)?)[^()\n]{{0,80}}\)"
    rf"|\b(?i:File{_SP}+Photo)\b)"
)
# A wire dateline at the start of a line: "Sept. 5 (UPI) --", "LONDON (Reuters) -".
_DATELINE = re.compile(
    r"^[ \t]*[^\n()]{0,60}?\((?:UPI|Reuters|AP|AFP|CNN|dpa|Bloomberg|AFP/Getty)\)[ \t]*(?:--|—|\u2013|-)",
    re.MULTILINE,
)
_LONG_CUT = re.compile(r"[;:,—\u2013)](?=\s)|\s[-—\u2013]\s")
# Paragraphs longer than this go to pysbd in chunks (see _chunks).
_CHUNK_CHARS = 3000
_CHUNK_END = re.compile(r"(?<=[a-z]{2}[.!?])[\"”\u2019)]?\s+(?=[\"“(]?[A-Z0-9])")
_SENT_END = re.compile(r"[.!?:;\"”'\u2019)\]]\s*$")


def _soft_unwrap(text: str) -> str:
    """Replace hard line wraps inside a paragraph by spaces (same length, so offsets hold).

    A single newline counts as a wrap when the line before it does not end a sentence and
    the next line starts with a lower-case letter or a digit.
    """
    chars = list(text)
    for found in re.finditer(r"(?<=\S)[ \t]*\n(?=[ \t]*[a-z0-9])", text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        if not _SENT_END.search(text[line_start : found.start()]):
            chars[found.end() - 1] = " "
    return "".join(chars)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_spans(work: str) -> list[tuple[int, int]]:
    """Credit and dateline matches, sorted and without overlaps."""
    found = sorted(
        [m.span() for m in _CREDIT.finditer(work)] + [_strip(work, *m.span()) for m in _DATELINE.finditer(work)]
    )
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into pieces of at most MAX_SENTENCE_CHARS, at clauses or spaces."""
    pieces: list[tuple[int, int]] = []
    pos = start
    while end - pos > MAX_SENTENCE_CHARS:
        limit = pos + MAX_SENTENCE_CHARS
        cuts = [m.end() for m in _LONG_CUT.finditer(text, pos, limit) if m.end() - pos >= MAX_SENTENCE_CHARS // 4]
        if not cuts:
            cuts = [m.start() for m in re.finditer(r"\s", text[pos:limit])]
            cuts = [pos + c for c in cuts if c > 0]
        if cuts:
            cut = cuts[-1]
        else:  # one unbroken token longer than the limit: keep it whole (skipped later as too long)
            space = re.search(r"\s", text[limit:end])
            cut = end if space is None else limit + space.start()
        piece = _strip(text, pos, cut)
        if piece[0] < piece[1]:
            pieces.append(piece)
        pos = cut
    piece = _strip(text, pos, end)
    if piece[0] < piece[1]:
        pieces.append(piece)
    return pieces


def _chunks(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a long paragraph into pieces of about _CHUNK_CHARS at likely sentence ends.

    pysbd's time grows faster than linearly with paragraph length; chunking keeps a
    200,000-character single-line article fast. A chunk ends after a word of two or more
    lower-case letters and ``.!?`` (so not after "Mr." or "U.S."), else at a space.
    """
    pieces: list[tuple[int, int]] = []
    pos = start
    while end - pos > _CHUNK_CHARS:
        limit = pos + _CHUNK_CHARS
        ends = [m.end() for m in _CHUNK_END.finditer(work, pos + _CHUNK_CHARS // 2, limit)]
        if not ends:
            ends = [m.end() for m in re.finditer(r"\s", work[pos + _CHUNK_CHARS // 2 : limit])]
            ends = [pos + _CHUNK_CHARS // 2 + e for e in ends]
        cut = ends[-1] if ends else limit
        pieces.append((pos, cut))
        pos = cut
    pieces.append((pos, end))
    return pieces


def _segment_region(segmenter: Any, work: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets in ``work[start:end]`` from pysbd, with any gaps kept as spans."""
    if end - start > _CHUNK_CHARS:
        return [span for s, e in _chunks(work, start, end) for span in _segment_region(segmenter, work, s, e)]
    region = work[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in segmenter.segment(region):
        s, e = int(piece.start), int(piece.end)
        if s < cursor or region[s:e] != piece.sent:  # pysbd lost its place: keep text, not offsets
            continue
        if region[cursor:s].strip():
            spans.append((cursor, s))
        spans.append((s, e))
        cursor = e
    if region[cursor:].strip():
        spans.append((cursor, len(region)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = _strip(work, start + s, start + e)
        if s < e:
            out.extend(_split_long(work, s, e))
    return out


def split_sentences(text: str) -> list[Span]:
    """Split an article into sentences with exact offsets into ``text``.

    Lines are split separately (one paragraph per line; hard-wrapped lines are joined),
    each with pysbd. Photo credits ("Photo by Jane Doe/UPI UPI") and wire datelines
    ("Sept. 5 (UPI) --") are cut out as spans of their own, so a credit glued between two
    captions leaves three spans. Sentences longer than :data:`MAX_SENTENCE_CHARS` are
    split further at clause boundaries. Spans never start or end with whitespace.

    Raises:
        InvalidTypeError: ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise InvalidTypeError(f"article text must be a str, got {type(text).__name__}")
    work = _soft_unwrap(text)
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    cuts = _cut_spans(work)  # sorted; none crosses a line break
    next_cut = 0
    offsets: list[tuple[int, int]] = []
    line_start = 0
    for line in work.split("\n"):
        line_end = line_start + len(line)
        pos = line_start
        while next_cut < len(cuts) and cuts[next_cut][0] < line_end:
            cut_start, cut_end = cuts[next_cut]
            next_cut += 1
            if work[pos:cut_start].strip():
                offsets.extend(_segment_region(segmenter, work, pos, cut_start))
            offsets.append((cut_start, cut_end))
            pos = cut_end
        if work[pos:line_end].strip():
            offsets.extend(_segment_region(segmenter, work, pos, line_end))
        line_start = line_end + 1
    return [Span(text=text[s:e], start=s, end=e) for s, e in offsets]


# --------------------------------------------------------------------------- filters

_BOILERPLATE = [
    (re.compile(r"^(?:File\s+)?(?:Photo|Image|Picture|Photograph)\s*(?:by\b|:|courtesy\b)", re.I), "photo credit"),
    (re.compile(r"^File\s+photo\b", re.I), "photo caption"),
    (re.compile(r"\b(?:Getty\s+Images|Shutterstock|AFP\s+via\s+Getty)\W*$", re.I), "photo credit"),
    (
        re.compile(
            r"^\W*(?:Read\s+(?:more|also|next)|Related(?:\s+stories)?\s*:|See\s+also|Subscribe|Sign\s+up|"
            r"Click\s+here|Follow\s+us|Share\s+(?:this|on)|Advertisement|Watch\s*:|Listen\s*:|"
            r"Download\s+(?:the|our)\s+app|Newsletter)\b",
            re.I,
        ),
        "boilerplate",
    ),
    (re.compile(r"(?:©|\bAll\s+rights\s+reserved\b|^Copyright\b)", re.I), "copyright notice"),
]


def boilerplate_reason(sentence: str) -> str | None:
    """Say why ``sentence`` is a credit, dateline or boilerplate, or return None.

    Credits and datelines are the spans :func:`split_sentences` cut out; boilerplate starts
    with "Read more", "Subscribe", "Sign up", "Advertisement" and similar, or is a
    copyright notice.
    """
    stripped = sentence.strip()
    if _DATELINE.fullmatch(stripped):
        return "dateline"
    if _CREDIT.fullmatch(stripped):
        return "photo credit"
    for pattern, reason in _BOILERPLATE:
        if pattern.search(stripped):
            return reason
    return None


_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*|\d[\d.,:%]*")
_QUOTED = re.compile(r"[\"“„«]([^\"“”„«»]{1,2000}?)[\"”»]")
_ATTRIBUTION = re.compile(
    r"(?<!-)\b(?:said|says|say|told|tells|stated|states|claimed|claims|added|adds|confirmed|confirms|announced|"
    r"announces|warned|warns|wrote|writes|tweeted|posted|argued|argues|insisted|insists|denied|denies|"
    r"admitted|admits|declared|declares|according\s+to|replied|noted|explained|reported|testified|"
    r"promised|pledged|vowed|calling|called)\b",
    re.I,
)
_HEDGES = re.compile(
    r"\b(?:(?:I|we)\s+(?:\w+\s+)?(?:think|believe|feel|guess|suppose|hope|wonder|suspect|reckon|imagine)\b"
    r"|in\s+(?:my|our)\s+(?:opinion|view)\b|it\s+seems\s+to\s+me\b|personally\b|IMO\b|IMHO\b"
    r"|I'm\s+(?:not\s+)?sure\b|maybe\b|perhaps\b)",
    re.I,
)
_OPINION = re.compile(
    r"\b(?:should|ought\s+to|must|(?:I|we)\s+(?:love|hate|like|prefer|want)|"
    r"(?:is|are|was|were)\s+(?:so\s+|very\s+|really\s+)?(?:great|terrible|awful|wonderful|shameful|"
    r"disgraceful|amazing|horrible|beautiful|ugly|stupid|brilliant))\b",
    re.I,
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozens?|"
    r"half|twice|percent|per\s+cent)\b",
    re.I,
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|did|does|do|can|could|said|says|shows?|showed|"
    r"includes?|included|contains?|causes?|caused|became|becomes?|remains?|reached|killed|won|lost|"
    r"rose|fell|increased|decreased)\b",
    re.I,
)
_FUNCTION_WORDS = frozenset(
    "a an the and or but if in on at for of to as so by with from into than then that this these those it its "
    "he she they we you i me my our your his her their them us is are was were be been being has have had do "
    "does did will would can could may might not no yes when while after before because also any all some "
    "such there here what which who whom whose how why where very just only about over under again".split()
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def is_check_worthy(sentence: str) -> tuple[bool, str]:
    """Say whether a sentence states something a fact-checker could check, and why.

    Dropped, in this order: pieces longer than :data:`MAX_SENTENCE_CHARS`, fragments with
    fewer than :data:`MIN_SENTENCE_WORDS` words or :data:`MIN_SENTENCE_CHARS` characters,
    questions, first-person hedges ("I think", "perhaps") and opinions ("should",
    "must", "is terrible"). Hedges and opinions are looked for outside quotation marks,
    so a quote attributed to someone is kept whatever it says. Kept: attributed quotes
    (quotation marks plus a verb such as "said"), then sentences with a number, with a
    named entity (a capitalised word that does not start the sentence), or asserting a
    fact (a finite verb of being, having or saying plus two content words).

    Returns:
        ``(True, why_kept)`` or ``(False, why_dropped)``.
    """
    if not isinstance(sentence, str):
        raise InvalidTypeError(f"sentence must be a str, got {type(sentence).__name__}")
    text = " ".join(sentence.split())
    words = _words(text)
    if not any(w[0].isalpha() for w in words):
        return False, "no words"
    if len(text) > MAX_SENTENCE_CHARS:
        return False, f"too long ({len(text)} characters, limit {MAX_SENTENCE_CHARS})"
    if len(words) < MIN_SENTENCE_WORDS or len(text) < MIN_SENTENCE_CHARS:
        return False, f"too short ({len(words)} words)"
    if re.search(r"\?[\"”'\u2019)\]]*$", text):
        return False, "question"
    quoted = bool(_QUOTED.search(text))
    outside = _outside_quotes(text)
    attribution = _ATTRIBUTION.search(outside)
    if quoted and attribution:
        return True, f"attributed quote ({attribution.group(0).lower()})"
    # A sentence that is only a quote is judged by what it says.
    judged = outside if len(_words(outside)) >= MIN_SENTENCE_WORDS else text.strip('"“”„«» ')
    hedge = _HEDGES.search(judged)
    if hedge:
        return False, f"first-person hedge ({hedge.group(0).lower()})"
    opinion = _OPINION.search(judged)
    if opinion:
        return False, f"opinion ({opinion.group(0).lower()})"
    number = _NUMBER.search(text)
    if number:
        token = next((w for w in words if _NUMBER.search(w)), number.group(0))
        return True, f"contains a number ({token})"
    names = _named_entities(text)
    if names:
        return True, f"names an entity ({', '.join(names[:3])})"
    finite = _FINITE.search(outside)
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS and w[0].isalpha() and len(w) > 2]
    if finite and len(content) >= 2:
        return True, f"asserts a fact ({finite.group(0).lower()})"
    return False, "no number, named entity or factual assertion"


def _named_entities(text: str) -> list[str]:
    """Capitalised words that do not start the sentence (or a quotation), deduplicated."""
    names: list[str] = []
    first = True
    for found in re.finditer(r"[\"“„«(]?\s*([^\W\d_][\w'\u2019.-]*)", text):
        word = found.group(1)
        starts_quote = found.group(0)[0] in '"“„«('
        if not first and not starts_quote and word[0].isupper() and word.lower() not in _FUNCTION_WORDS:
            name = word.rstrip(".'\u2019-")
            if name and name not in names:
                names.append(name)
        first = False
    return names


def _dedupe_key(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def _classify(text: str, spans: list[Span]) -> tuple[list[tuple[Span, str]], list[SkippedSentence]]:
    """Split spans into kept (with the check-worthy reason) and skipped (with why)."""
    reasons: list[str | None] = [boilerplate_reason(span.text) for span in spans]
    # A caption is the sentence right before a photo credit, on the same line.
    for i, span in enumerate(spans[:-1]):
        after = spans[i + 1]
        if reasons[i] is None and reasons[i + 1] == "photo credit" and "\n" not in text[span.end : after.start]:
            reasons[i] = "photo caption (followed by a credit)"
    # Repeated sentences (a lede repeated in the headline or a caption): check the last copy.
    last_seen: dict[str, int] = {}
    for i, span in enumerate(spans):
        if reasons[i] is None:
            last_seen[_dedupe_key(span.text)] = i
    for i, span in enumerate(spans):
        if reasons[i] is None:
            last = last_seen[_dedupe_key(span.text)]
            if last != i and _dedupe_key(span.text):
                reasons[i] = f"repeated later at offset {spans[last].start}"
    kept: list[tuple[Span, str]] = []
    skipped: list[SkippedSentence] = []
    for span, reason in zip(spans, reasons, strict=True):
        if reason is None:
            worthy, why = is_check_worthy(span.text)
            if worthy:
                kept.append((span, why))
                continue
            reason = f"not check-worthy: {why}"
        skipped.append(SkippedSentence(text=span.text, start=span.start, end=span.end, reason=reason))
    return kept, skipped


def check_article(
    matcher: ClaimMatcher,
    text: str,
    *,
    top_k: int = DEFAULT_ARTICLE_TOP_K,
    min_score: float | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
    where: ClaimFilter | None = None,
    **filters: Any,
) -> ArticleReport:
    """Find earlier fact-checks for every check-worthy sentence of an article.

    Args:
        matcher: The matcher to search with.
        text: The article as plain text (see :func:`claimmatch.report.read_article`).
        top_k: Most matches per sentence.
        min_score: Cosine cut-off; defaults to the matcher's.
        max_chars: Longest article accepted.
        where: Search filters, as in :meth:`ClaimMatcher.match`.
        **filters: Filter shortcuts, as in :meth:`ClaimMatcher.match`.

    Returns:
        An :class:`ArticleReport`: one :class:`ArticleSentence` per kept sentence, the
        skipped sentences with reasons, and a summary. Offsets refer to ``text`` as given.

    Raises:
        InvalidTypeError: ``text`` is not a ``str``.
        EmptyTextError: ``text`` is empty or whitespace only.
        TextTooLongError: ``text`` is longer than ``max_chars``.
    """
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"article text must be a str, got {type(text).__name__}; decode bytes or read the file first"
        )
    if not isinstance(max_chars, int) or isinstance(max_chars, bool):
        raise InvalidTypeError(f"max_chars must be an int, got {type(max_chars).__name__}")
    if max_chars < 1:
        raise InvalidArgumentError(f"max_chars must be positive, got {max_chars}")
    if not text.strip():
        raise EmptyTextError("article text is empty or only whitespace; pass the article's text")
    if len(text) > max_chars:
        raise TextTooLongError(
            f"article has {len(text)} characters, more than max_chars={max_chars}; "
            "split it into parts or raise max_chars"
        )
    spans = split_sentences(text)
    kept, skipped = _classify(text, spans)
    queries = [" ".join(span.text.split()) for span, _ in kept]
    results = matcher.match_many(queries, top_k, min_score=min_score, where=where, **filters)
    sentences = [
        ArticleSentence(
            text=span.text,
            start=span.start,
            end=span.end,
            reason=why,
            matches=matches,
            stance=matches[0].stance if matches else None,
        )
        for (span, why), matches in zip(kept, results, strict=True)
    ]
    stances = [s.stance for s in sentences if s.stance is not None]
    summary = ArticleSummary(
        sentences_total=len(spans),
        sentences_checked=len(sentences),
        sentences_skipped=len(skipped),
        matched=len(stances),
        supported=stances.count(Stance.SUPPORTS),
        contradicted=stances.count(Stance.CONTRADICTS),
        related_only=stances.count(Stance.RELATED),
    )
    return ArticleReport(
        article_chars=len(text),
        top_k=top_k,
        min_score=matcher.min_score if min_score is None else float(min_score),
        sentences=sentences,
        skipped=skipped,
        summary=summary,
    )
