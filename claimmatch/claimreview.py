"""schema.org ClaimReview in and out.

Reading turns fact-checkers' structured data into :class:`VerifiedClaim` fields:

* ClaimReview JSON-LD: one object, a list, an ``@graph``, or ClaimReview nodes nested in
  other nodes (``mainEntity``, ``review``...); other node types are ignored;
* HTML pages with ``<script type="application/ld+json">`` blocks (stdlib ``html.parser``);
* Google Fact Check Tools ``claims:search`` responses (one claim per review);
* the Duke Reporters' Lab Fact-Check Insights JSON export (``{"claimReviews": [...]}``).

Each iterator yields ``(json_path, fields)`` for a usable record and ``(json_path, reason)``
for a malformed one, so that :func:`claimmatch.loaders.load_claims` can raise or skip it
and say where it was. The field mapping is documented in ``docs/formats.md``.

Writing (:func:`export_claimreview`) produces a JSON-LD ``@graph`` of ClaimReviews that
reads back into equal claims.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeAlias

from claimmatch.errors import ClaimFormatError, DuplicateIdError, InvalidArgumentError, InvalidTypeError
from claimmatch.models import MAX_ID_CHARS, Verdict, VerifiedClaim
from claimmatch.ratings import VERDICT_LABELS, VERDICT_SCORES, lookup_rating, rating_from_score
from claimmatch.storage import write_file_atomic

__all__ = [
    "CLAIMREVIEW_ID_KEYS",
    "DUKE_ID_KEYS",
    "METADATA_KEY",
    "RATING_KEY",
    "VERDICT_KEY",
    "Record",
    "claim_to_claimreview",
    "claimreview_to_fields",
    "export_claimreview",
    "extract_jsonld",
    "google_review_to_fields",
    "hashed_id",
    "iter_claimreview",
    "iter_duke",
    "iter_google",
    "iter_html",
    "parse_date",
]

#: One record found in a document: its JSON path, and its claim fields or why it is unusable.
Record: TypeAlias = tuple[str, "dict[str, Any] | str"]

#: Namespaced keys that :func:`export_claimreview` writes so that a claim reads back unchanged.
VERDICT_KEY = "claimmatch:verdict"
RATING_KEY = "claimmatch:rating"
METADATA_KEY = "claimmatch:metadata"

#: Where a ClaimReview's id is looked for, in order (then a hash of url and claim, see :func:`hashed_id`).
CLAIMREVIEW_ID_KEYS = ("@id", "identifier", "id")
#: Fact-Check Insights gives each entry its own unique ``id``; it wins over the publisher's ``@id``.
DUKE_ID_KEYS = ("id", "@id", "identifier")

_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ISO_DATE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_SCRIPT_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_LANGUAGE_NAMES = {
    "arabic": "ar",
    "dutch": "nl",
    "nederlands": "nl",
    "english": "en",
    "french": "fr",
    "francais": "fr",
    "français": "fr",
    "german": "de",
    "deutsch": "de",
    "hindi": "hi",
    "indonesian": "id",
    "italian": "it",
    "italiano": "it",
    "polish": "pl",
    "polski": "pl",
    "portuguese": "pt",
    "português": "pt",
    "portugues": "pt",
    "russian": "ru",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "turkish": "tr",
    "türkçe": "tr",
    "ukrainian": "uk",
}


# ---------------------------------------------------------------------- small readers
def _listify(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _deref(value: Any, refs: Mapping[str, Mapping[str, Any]]) -> Any:
    """Replace a bare ``{"@id": ...}`` reference by the node it names, where the document has it."""
    if isinstance(value, list):
        return [_deref(item, refs) for item in value]
    ref = value.get("@id") if isinstance(value, Mapping) else None
    if isinstance(ref, str) and ref in refs and set(value) <= {"@id", "@type"}:
        return refs[ref]
    return value


def _text(value: Any) -> str | None:
    """A plain text value: a string, a number, a JSON-LD ``{"@value": ...}``, or the first of a list."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Mapping) and "@value" in value:
        return _text(value["@value"])
    if isinstance(value, list):
        for item in value:
            text = _text(item)
            if text is not None:
                return text
    return None


def _name(value: Any) -> str | None:
    """The name of a Person/Organization node, or a plain string."""
    if isinstance(value, Mapping):
        return _text(value.get("name")) or _text(value.get("alternateName")) or _text(value.get("@value"))
    return _text(value) if not isinstance(value, list) else None


def _names(value: Any) -> str | None:
    """All names of one or several Person/Organization nodes, joined with ", "."""
    names = [name for name in (_name(item) for item in _listify(value)) if name]
    return ", ".join(dict.fromkeys(names)) or None


def _types(node: Mapping[str, Any]) -> list[str]:
    """The node's ``@type`` values without namespace (``schema:ClaimReview`` -> ``ClaimReview``)."""
    return [re.split(r"[/:#]", t)[-1] for t in _listify(node.get("@type")) if isinstance(t, str)]


def _is_claimreview(node: Mapping[str, Any]) -> bool:
    return "ClaimReview" in _types(node) or ("claimReviewed" in node and "@type" not in node)


def _first_mapping(value: Any) -> Mapping[str, Any]:
    for item in _listify(value):
        if isinstance(item, Mapping):
            return item
    return {}


def parse_date(value: Any, field: str) -> date | None:
    """Read an ISO 8601 date or date-time (``2024-05-01``, ``2024-05-01T12:00:00Z``) as a date.

    A date-time keeps the calendar date it was written in (no time-zone conversion).

    Raises:
        ClaimFormatError: the value is neither empty nor an ISO 8601 date; ``field`` names it.
    """
    text = _text(value)
    if text is None:
        if value is None or value == "" or value == []:
            return None
        raise ClaimFormatError(f"{field} must be a date such as 2024-05-01, got {value!r:.80}")
    match = _ISO_DATE.match(text)
    if match:
        with contextlib.suppress(ValueError):
            return date.fromisoformat(match.group(1))
    raise ClaimFormatError(f"{field} {text!r:.80} is not an ISO 8601 date such as 2024-05-01 or 2024-05-01T12:00:00Z")


def _language(value: Any) -> str | None:
    """A BCP-47 tag from ``inLanguage``/``languageCode``: a tag, a language name, or a Language node."""
    for item in _listify(value):
        candidates = (
            [item.get("alternateName"), item.get("@value"), item.get("name")] if isinstance(item, Mapping) else [item]
        )
        for candidate in candidates:
            if not isinstance(candidate, str) or not candidate.strip():
                continue
            tag = candidate.strip().replace("_", "-")
            if _BCP47.match(tag):
                return tag
            code = _LANGUAGE_NAMES.get(tag.casefold())
            if code:
                return code
    return None


def hashed_id(url: str | None, text: str) -> str:
    """A stable id for a review without one: ``"cr-"`` and 16 hex digits of sha1(url, claim text)."""
    digest = hashlib.sha1(f"{url or ''}\n{text}".encode(), usedforsecurity=False).hexdigest()
    return f"cr-{digest[:16]}"


def _record_id(node: Mapping[str, Any], keys: Iterable[str], url: str | None, text: str) -> str:
    for key in keys:
        value = node.get(key)
        if isinstance(value, Mapping):  # schema.org PropertyValue
            value = value.get("value", value.get("@value"))
        found = _text(value)
        if found:
            if len(found) > MAX_ID_CHARS:
                return hashed_id(None, found)
            return found
    return hashed_id(url, text)


def _claim_text(value: Any, field: str) -> str:
    text = _text(value)
    if text is None:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ClaimFormatError(f"no {field} (the claim text); every record needs one")
        raise ClaimFormatError(f"{field} must be text, got {type(value).__name__}: {value!r:.80}")
    return text


def _publisher(node: Mapping[str, Any], refs: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The reviewing organisation: an Organization among ``author``, else ``publisher``, else any author."""
    authors = _listify(_deref(node.get("author"), refs))
    for author in authors:
        if isinstance(author, Mapping) and any("Organization" in t for t in _types(author)):
            name = _name(author)
            if name:
                return name
    for candidate in [*_listify(_deref(node.get("publisher"), refs)), *authors]:
        name = _name(candidate)
        if name:
            return name
    return None


def _appearances(item: Mapping[str, Any]) -> list[str]:
    urls: list[str] = []
    for key in ("firstAppearance", "appearance"):
        for work in _listify(item.get(key)):
            url = _text(work.get("url")) if isinstance(work, Mapping) else _text(work)
            if url and url not in urls:
                urls.append(url)
    return urls


def _verdict(
    node: Mapping[str, Any], rating: str | None, rating_node: Mapping[str, Any], publisher: str | None
) -> Verdict:
    if VERDICT_KEY in node:
        try:
            return Verdict(node[VERDICT_KEY])
        except ValueError:
            choices = ", ".join(v.value for v in Verdict)
            raise ClaimFormatError(f"{VERDICT_KEY} {node[VERDICT_KEY]!r:.80} is not one of {choices}") from None
    known = lookup_rating(rating, publisher)
    if known is not None:
        return known
    if rating_node.get("ratingValue") is not None:
        return rating_from_score(
            rating_node.get("ratingValue"), rating_node.get("bestRating", 5), rating_node.get("worstRating", 1)
        )
    return Verdict.UNPROVEN


# ---------------------------------------------------------------------- ClaimReview -> fields
def claimreview_to_fields(
    node: Mapping[str, Any],
    *,
    refs: Mapping[str, Mapping[str, Any]] | None = None,
    id_keys: Iterable[str] = CLAIMREVIEW_ID_KEYS,
    page_url: str | None = None,
) -> dict[str, Any]:
    """Map one ClaimReview node to :class:`VerifiedClaim` fields (not yet validated).

    Args:
        node: The ClaimReview object.
        refs: Nodes of the same document by ``@id``, to resolve ``{"@id": ...}`` references.
        id_keys: Where to look for the id, in order; a hash of url and claim is the fallback.
        page_url: The URL of the page the node came from, used when the node has no ``url``.

    Raises:
        ClaimFormatError: no ``claimReviewed``, a date that is not ISO 8601, or a bad
            ``claimmatch:verdict``; the message says which.
    """
    refs = refs or {}
    text = _claim_text(node.get("claimReviewed"), "claimReviewed")
    url = _text(node.get("url")) or page_url
    rating_node = _first_mapping(_deref(node.get("reviewRating"), refs))
    rating = _text(rating_node.get("alternateName")) or _text(rating_node.get("name"))
    publisher = _publisher(node, refs)
    item = _first_mapping(_deref(node.get("itemReviewed"), refs))
    verdict = _verdict(node, rating, rating_node, publisher)
    if RATING_KEY in node:
        rating = _text(node[RATING_KEY])
    fields: dict[str, Any] = {
        "id": _record_id(node, id_keys, url, text),
        "text": text,
        "verdict": verdict.value,
        "rating": rating,
        "title": _text(node.get("name")) or _text(node.get("headline")),
        "review_url": url,
        "publisher": publisher,
        "claimant": _names(_deref(item.get("author"), refs)),
        "claim_date": parse_date(item.get("datePublished"), "itemReviewed.datePublished"),
        "review_date": parse_date(node.get("datePublished"), "datePublished"),
    }
    language = _language(node.get("inLanguage"))
    if language:
        fields["language"] = language
    metadata: dict[str, Any] = {}
    appearances = _appearances(item)
    if appearances:
        metadata["claim_appearances"] = appearances
    extra = node.get(METADATA_KEY)
    if extra is not None:
        if not isinstance(extra, Mapping):
            raise ClaimFormatError(f"{METADATA_KEY} must be a JSON object, got {type(extra).__name__}")
        metadata.update(extra)
    if metadata:
        fields["metadata"] = metadata
    return {key: value for key, value in fields.items() if value is not None}


def _collect_refs(data: Any, refs: dict[str, Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    if isinstance(data, Mapping):
        node_id = data.get("@id")
        if isinstance(node_id, str) and set(data) - {"@id", "@type"} and node_id not in refs:
            refs[node_id] = data
        for value in data.values():
            _collect_refs(value, refs)
    elif isinstance(data, list):
        for value in data:
            _collect_refs(value, refs)
    return refs


def _is_record_like(value: Any) -> bool:
    return isinstance(value, Mapping) and ("@type" in value or "claimReviewed" in value)


def iter_claimreview(
    data: Any,
    *,
    prefix: str = "$",
    page_url: str | None = None,
    id_keys: Iterable[str] = CLAIMREVIEW_ID_KEYS,
) -> Iterator[Record]:
    """Yield every ClaimReview in a JSON-LD document, with its JSON path.

    ClaimReview nodes are found at the top, in a list, in ``@graph`` or nested in other
    nodes; other node types are ignored. In a top-level list, an item that is not an
    object, or an object with neither ``@type`` nor ``claimReviewed``, is reported as
    malformed rather than ignored.

    Args:
        data: The parsed JSON.
        prefix: The path of ``data`` itself, e.g. ``"$"`` or ``"script 2 $"``.
        page_url: Default ``url`` for ClaimReviews without one (the page they came from).
        id_keys: Where to look for ids (see :data:`CLAIMREVIEW_ID_KEYS`).
    """
    refs = _collect_refs(data, {})
    keys = tuple(id_keys)

    def walk(value: Any, path: str) -> Iterator[Record]:
        if isinstance(value, Mapping):
            if _is_claimreview(value):
                try:
                    yield path, claimreview_to_fields(value, refs=refs, id_keys=keys, page_url=page_url)
                except ClaimFormatError as exc:
                    yield path, str(exc)
                return
            for key, child in value.items():
                if key != METADATA_KEY:
                    yield from walk(child, f"{path}.{key}")
        elif isinstance(value, list):
            for index, child in enumerate(value):
                yield from walk(child, f"{path}[{index}]")

    if isinstance(data, list):
        for index, item in enumerate(data):
            if not _is_record_like(item):
                yield f"{prefix}[{index}]", _not_a_record(item)
            else:
                yield from walk(item, f"{prefix}[{index}]")
    else:
        yield from walk(data, prefix)


def _not_a_record(item: Any) -> str:
    if isinstance(item, Mapping):
        return "not a ClaimReview: the object has neither @type nor claimReviewed"
    return f"expected a ClaimReview object, got {type(item).__name__}: {item!r:.60}"


# ---------------------------------------------------------------------- Fact-Check Insights
def iter_duke(data: Any) -> Iterator[Record]:
    """Yield the ClaimReviews of a Duke Reporters' Lab Fact-Check Insights JSON export.

    The export is an object whose ``claimReviews`` array holds ClaimReview records (its
    ``mediaReviews`` array, about images and videos, is not read). A top-level list of
    records, or an object with a ``data`` array, is accepted too. Each record's own ``id``
    (a UUID in the export) is used as the claim id.

    Raises:
        ClaimFormatError: the data has no array of records.
    """
    if isinstance(data, list):
        records, path = data, "$"
    elif isinstance(data, Mapping) and isinstance(data.get("claimReviews"), list):
        records, path = data["claimReviews"], "$.claimReviews"
    elif isinstance(data, Mapping) and isinstance(data.get("data"), list):
        records, path = data["data"], "$.data"
    elif isinstance(data, Mapping) and _is_claimreview(data):
        yield from iter_claimreview(data, id_keys=DUKE_ID_KEYS)
        return
    else:
        raise ClaimFormatError(
            "no records found: a Fact-Check Insights export is an object with a 'claimReviews' array "
            "(or a list of ClaimReview records); check the file or pass another format="
        )
    for index, record in enumerate(records):
        where = f"{path}[{index}]"
        if not isinstance(record, Mapping):
            yield where, _not_a_record(record)
            continue
        try:
            yield where, claimreview_to_fields(record, id_keys=DUKE_ID_KEYS)
        except ClaimFormatError as exc:
            yield where, str(exc)


# ---------------------------------------------------------------------- Google Fact Check Tools
def google_review_to_fields(claim: Mapping[str, Any], review: Mapping[str, Any]) -> dict[str, Any]:
    """Map one ``claimReview`` of a Google Fact Check Tools claim to :class:`VerifiedClaim` fields.

    Raises:
        ClaimFormatError: the claim has no ``text``, or a date is not ISO 8601.
    """
    text = _claim_text(claim.get("text"), "text")
    publisher_node = _first_mapping(review.get("publisher"))
    name, site = _text(publisher_node.get("name")), _text(publisher_node.get("site"))
    rating = _text(review.get("textualRating"))
    general = lookup_rating(rating)
    verdict = general or Verdict.UNPROVEN
    for candidate in (name, site):  # a row for this publisher wins over the general row
        specific = lookup_rating(rating, candidate)
        if specific is not None and specific is not general:
            verdict = specific
            break
    url = _text(review.get("url"))
    fields: dict[str, Any] = {
        "id": hashed_id(url, text),
        "text": text,
        "verdict": verdict.value,
        "rating": rating,
        "title": _text(review.get("title")),
        "review_url": url,
        "publisher": name or site,
        "claimant": _text(claim.get("claimant")),
        "claim_date": parse_date(claim.get("claimDate"), "claimDate"),
        "review_date": parse_date(review.get("reviewDate"), "reviewDate"),
        "language": _language(review.get("languageCode")),
        "metadata": {"publisher_site": site} if site else None,
    }
    return {key: value for key, value in fields.items() if value is not None}


def iter_google(data: Any) -> Iterator[Record]:
    """Yield one record per review in a Google Fact Check Tools ``claims:search`` response.

    The response is ``{"claims": [{"text", "claimant", "claimDate", "claimReview": [...]}],
    "nextPageToken": ...}``; an empty object (no results) or a bare list of claims is accepted.

    Raises:
        ClaimFormatError: ``claims`` is not a list.
    """
    if isinstance(data, Mapping):
        claims, path = data.get("claims", []), "$.claims"
    else:
        claims, path = data, "$"
    if not isinstance(claims, list):
        raise ClaimFormatError(
            f"'claims' must be a list of claims, got {type(claims).__name__}; "
            "is this a Google Fact Check Tools claims:search response?"
        )
    for index, claim in enumerate(claims):
        where = f"{path}[{index}]"
        if not isinstance(claim, Mapping):
            yield where, f"expected a claim object, got {type(claim).__name__}: {claim!r:.60}"
            continue
        reviews = claim.get("claimReview")
        if not isinstance(reviews, list) or not reviews:
            yield where, "no claimReview: the claim has no fact-check"
            continue
        for number, review in enumerate(reviews):
            at = f"{where}.claimReview[{number}]"
            if not isinstance(review, Mapping):
                yield at, f"expected a review object, got {type(review).__name__}"
                continue
            try:
                yield at, google_review_to_fields(claim, review)
            except ClaimFormatError as exc:
                yield at, str(exc)


# ---------------------------------------------------------------------- HTML pages
class _JsonLdParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.canonical: str | None = None
        self.og_url: str | None = None
        self._buffer: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key.lower(): (value or "").strip() for key, value in attrs}
        if tag == "script":
            kind = attributes.get("type", "").split(";")[0].strip().lower()
            self._buffer = [] if kind == "application/ld+json" else None
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
            self.canonical = self.canonical or attributes["href"]
        elif tag == "meta" and attributes.get("property", "").lower() == "og:url" and attributes.get("content"):
            self.og_url = self.og_url or attributes["content"]

    def handle_data(self, data: str) -> None:
        if self._buffer is not None:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._buffer is not None:
            self.scripts.append("".join(self._buffer))
            self._buffer = None


def extract_jsonld(html: str) -> tuple[list[str], str | None]:
    """Return the ``application/ld+json`` script bodies of an HTML page, and the page's URL.

    The URL is the ``<link rel="canonical">`` or, failing that, the ``og:url`` meta tag.
    HTML comment and CDATA wrappers around a script body are removed.
    """
    parser = _JsonLdParser()
    parser.feed(html)
    parser.close()
    scripts = [_SCRIPT_WRAPPERS.sub("", script).strip() for script in parser.scripts]
    return scripts, parser.canonical or parser.og_url


def iter_html(html: str) -> Iterator[Record]:
    """Yield every ClaimReview embedded in an HTML page's JSON-LD scripts.

    Paths read ``script N $...``, counting ld+json scripts from 1. A script that is not
    valid JSON is reported as malformed; scripts without ClaimReview (Organization,
    BreadcrumbList...) yield nothing. ClaimReviews without ``url`` get the page's URL.
    """
    scripts, page_url = extract_jsonld(html)
    for number, script in enumerate(scripts, start=1):
        if not script:
            continue
        try:
            data = json.loads(script)
        except json.JSONDecodeError as exc:
            yield f"script {number}", f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
            continue
        yield from iter_claimreview(data, prefix=f"script {number} $", page_url=page_url)


# ---------------------------------------------------------------------- export
def claim_to_claimreview(claim: VerifiedClaim) -> dict[str, Any]:
    """Map a claim to a ClaimReview node that :func:`claimreview_to_fields` reads back unchanged.

    The rating is ``reviewRating.alternateName`` (the verdict's label when the claim has no
    rating text, marked by ``"claimmatch:rating": null``) with ``ratingValue`` 1..5 from the
    verdict (none for ``unproven``); the verdict itself is kept in ``claimmatch:verdict`` and
    the metadata in ``claimmatch:metadata``.
    """
    if not isinstance(claim, VerifiedClaim):
        raise InvalidTypeError(f"export_claimreview takes VerifiedClaim objects, got {type(claim).__name__}")
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.rating or VERDICT_LABELS[claim.verdict]}
    if claim.verdict in VERDICT_SCORES:
        rating.update(ratingValue=VERDICT_SCORES[claim.verdict], bestRating=5, worstRating=1)
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = {"name": claim.claimant}
    if claim.claim_date:
        item["datePublished"] = claim.claim_date.isoformat()
    node: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": claim.id,
        "claimReviewed": claim.text,
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if claim.publisher:
        node["author"] = {"@type": "Organization", "name": claim.publisher}
    if claim.review_url:
        node["url"] = claim.review_url
    if claim.title:
        node["name"] = claim.title
    if claim.review_date:
        node["datePublished"] = claim.review_date.isoformat()
    node["inLanguage"] = claim.language
    node[VERDICT_KEY] = claim.verdict.value
    if claim.rating is None:
        node[RATING_KEY] = None
    if claim.metadata:
        node[METADATA_KEY] = claim.model_dump(mode="json", include={"metadata"})["metadata"]
    return node


def export_claimreview(claims: Iterable[VerifiedClaim], path: str | os.PathLike[str]) -> None:
    """Write claims as a JSON-LD document, ``{"@context": "https://schema.org", "@graph": [...]}``.

    The file is written to a temporary sibling and renamed over ``path``, so a reader never
    sees half a file. ``load_claims(path)`` returns claims equal to ``claims``.

    Raises:
        InvalidTypeError: an item is not a :class:`VerifiedClaim`.
        DuplicateIdError: two claims share an id (the file could not be read back).
        InvalidArgumentError: the folder of ``path`` does not exist.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    target = Path(path)
    graph: list[dict[str, Any]] = []
    seen: set[str] = set()
    for claim in claims:
        node = claim_to_claimreview(claim)
        if claim.id in seen:
            raise DuplicateIdError(f"claim id {claim.id!r} appears twice; ids must be unique to export")
        seen.add(claim.id)
        graph.append(node)
    if not target.parent.is_dir():
        raise InvalidArgumentError(f"cannot write {target}: the folder {target.parent} does not exist; create it first")
    document = {"@context": "https://schema.org", "@graph": graph}
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    write_file_atomic(target, data)
