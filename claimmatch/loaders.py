"""Reading verified claims from files and from plain mappings.

Formats: JSONL, CSV, schema.org ClaimReview (JSON-LD or HTML pages), Google Fact Check
Tools ``claims:search`` responses and the Fact-Check Insights export; see ``docs/formats.md``.
A malformed record either stops the load (``on_error="raise"``, the default) or is skipped
with a :class:`~claimmatch.errors.SkippedRecordWarning` naming its position.
"""

from __future__ import annotations

import csv
import json
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import ValidationError

from claimmatch import claimreview
from claimmatch.errors import (
    ClaimFormatError,
    DuplicateIdError,
    InvalidArgumentError,
    InvalidTypeError,
    SkippedRecordWarning,
)
from claimmatch.models import VerifiedClaim

__all__ = [
    "ClaimFileFormat",
    "LoadReport",
    "OnError",
    "SkippedRecord",
    "describe_validation_error",
    "detect_json_format",
    "load_claims",
    "load_claims_report",
    "parse_claim",
    "save_claims",
]

ClaimFileFormat = Literal["jsonl", "csv", "claimreview", "google", "duke", "html"]
OnError = Literal["raise", "skip"]
_FORMATS: tuple[str, ...] = get_args(ClaimFileFormat)
_FIELDS = frozenset(VerifiedClaim.model_fields)


def describe_validation_error(exc: ValidationError) -> str:
    """Render a pydantic error as ``field 'x': problem (got value)`` clauses."""
    parts = []
    for error in exc.errors():
        field = ".".join(str(item) for item in error["loc"]) or "record"
        value = error.get("input")
        parts.append(f"field {field!r}: {error['msg']} (got {value!r:.80})")
    return "; ".join(parts)


def parse_claim(record: Any, *, where: str = "claim") -> VerifiedClaim:
    """Validate one record (a :class:`VerifiedClaim` or a mapping) into a ``VerifiedClaim``.

    Raises:
        InvalidTypeError: ``record`` is neither a ``VerifiedClaim`` nor a mapping.
        ClaimFormatError: a field is missing or invalid; the message names it and its value.
    """
    if isinstance(record, VerifiedClaim):
        return record
    if not isinstance(record, Mapping):
        raise InvalidTypeError(
            f"{where} must be a VerifiedClaim or a mapping of its fields, got {type(record).__name__}"
        )
    try:
        return VerifiedClaim.model_validate(dict(record))
    except ValidationError as exc:
        raise ClaimFormatError(f"{where}: {describe_validation_error(exc)}; fix the record and retry") from exc
    except InvalidTypeError as exc:  # raised as is by a field validator (e.g. text that is not a str)
        raise InvalidTypeError(f"{where}: {exc}") from exc


@dataclass(frozen=True)
class SkippedRecord:
    """A record that was not loaded.

    Attributes:
        position: Where it is: ``claims.jsonl:7`` (file and line) or ``claims.jsonld: $.@graph[2]``
            (file and JSON path; HTML pages add ``script N``).
        reason: What is wrong with it.
    """

    position: str
    reason: str

    def __str__(self) -> str:
        return f"{self.position}: {self.reason}"


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_claims_report` read from a file.

    Attributes:
        path: The file.
        format: The format it was read as (after detection).
        claims: The claims loaded, in file order.
        skipped: The records skipped, in file order.
    """

    path: Path
    format: ClaimFileFormat
    claims: list[VerifiedClaim] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)


@dataclass(frozen=True)
class _Problem:
    reason: str


# position (for messages), label (for "already used <label>"), and a record or a problem
_Entry = tuple[str, str, Any]


def _detect_format(path: Path, format: ClaimFileFormat | None) -> ClaimFileFormat | Literal["json"]:
    if format is not None:
        if format not in _FORMATS:
            choices = ", ".join(repr(name) for name in _FORMATS)
            raise InvalidArgumentError(f"format must be one of {choices}, got {format!r}")
        return format
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".json", ".jsonld"):
        return "json"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    raise InvalidArgumentError(
        f"cannot tell the format of {path.name!r} from its extension; pass format= one of "
        + ", ".join(repr(name) for name in _FORMATS)
    )


def detect_json_format(data: Any) -> Literal["claimreview", "google", "duke"] | None:
    """Tell what a parsed JSON document holds, or ``None`` when it is none of the known shapes.

    ``{"claims": [...]}`` is a Google Fact Check Tools response, ``{"claimReviews": [...]}`` a
    Fact-Check Insights export, and an object with ``@type``, ``@graph`` or ``claimReviewed``
    (or a list of such objects) ClaimReview JSON-LD.
    """
    if isinstance(data, Mapping):
        if isinstance(data.get("claims"), list):
            return "google"
        if isinstance(data.get("claimReviews"), list):
            return "duke"
        if "@graph" in data or "@type" in data or "claimReviewed" in data:
            return "claimreview"
        if isinstance(data.get("data"), list):
            return "duke"
        return None
    if isinstance(data, list):
        first = next((item for item in data if isinstance(item, Mapping)), None)
        if first is not None and "claimReview" in first and "claimReviewed" not in first:
            return "google"
        return "claimreview"
    return None


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClaimFormatError(f"{path}: not UTF-8 text (byte {exc.start}); re-save the file as UTF-8") from exc


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hint = " (one object per line? name it .jsonl or pass format='jsonl')" if exc.msg == "Extra data" else ""
        raise ClaimFormatError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}){hint}; fix the file"
        ) from exc


def _read_jsonl(path: Path) -> Iterator[_Entry]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record: Any = json.loads(line)
            except json.JSONDecodeError as exc:
                record = _Problem(f"not valid JSON ({exc.msg}); fix the line")
            yield f"{path}:{number}", f"on line {number}", record


def _csv_row(row: Mapping[str | None, Any], rename: Mapping[str, str]) -> dict[str, Any] | _Problem:
    record: dict[str, Any] = {}
    metadata: dict[str, Any] = {}
    for column, cell in row.items():
        if column is None:
            return _Problem("more cells than header columns")
        name = rename.get(column, column)
        if cell is None or cell == "":
            continue
        if name == "metadata":
            try:
                metadata.update(json.loads(cell))
            except (json.JSONDecodeError, TypeError, ValueError):
                return _Problem("the metadata cell is not a JSON object")
        elif name in _FIELDS:
            record[name] = cell
        else:
            metadata[name] = cell
    if metadata:
        record["metadata"] = metadata
    return record


def _read_csv(path: Path, column_map: Mapping[str, str] | None) -> Iterator[_Entry]:
    rename = dict(column_map or {})
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        for number, row in enumerate(reader, start=2):  # line 1 is the header
            yield f"{path}:{number}", f"on line {number}", _csv_row(row, rename)


def _structured_entries(path: Path, kind: ClaimFileFormat | Literal["json"]) -> tuple[ClaimFileFormat, list[_Entry]]:
    text = _read_text(path)
    if kind == "html" or (kind == "claimreview" and text.lstrip().startswith("<")):
        kind, records = "html", list(claimreview.iter_html(text))
    else:
        data = _parse_json(path, text)
        if kind == "json":
            detected = detect_json_format(data)
            if detected is None:
                raise ClaimFormatError(
                    f"{path}: cannot tell what this JSON holds; expected ClaimReview JSON-LD (@type, @graph or "
                    "claimReviewed), a Google Fact Check Tools response (claims) or a Fact-Check Insights export "
                    "(claimReviews); pass format='claimreview', 'google' or 'duke'"
                )
            kind = detected
        try:
            if kind == "google":
                records = list(claimreview.iter_google(data))
            elif kind == "duke":
                records = list(claimreview.iter_duke(data))
            else:
                records = list(claimreview.iter_claimreview(data))
        except ClaimFormatError as exc:
            raise ClaimFormatError(f"{path}: {exc}") from exc
    entries: list[_Entry] = [
        (f"{path}: {where}", f"at {where}", payload if isinstance(payload, dict) else _Problem(payload))
        for where, payload in records
    ]
    return kind, entries


def _load(
    path: str | os.PathLike[str],
    format: ClaimFileFormat | None,
    column_map: Mapping[str, str] | None,
    on_error: OnError,
    *,
    warn_stacklevel: int | None,
) -> LoadReport:
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    if on_error not in ("raise", "skip"):
        raise InvalidArgumentError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
    file = Path(path)
    if not file.is_file():
        raise ClaimFormatError(f"no claims file at {file}; check the path")
    kind = _detect_format(file, format)
    entries: Iterable[_Entry]
    if kind == "jsonl":
        entries = _read_jsonl(file)
    elif kind == "csv":
        entries = _read_csv(file, column_map)
    else:
        kind, entries = _structured_entries(file, kind)
    report = LoadReport(path=file, format=kind)
    seen: dict[str, str] = {}
    try:
        for position, label, record in entries:
            claim, reason = _claim_or_reason(record, position, on_error)
            if claim is not None and claim.id in seen:
                reason = f"id {claim.id!r} already used {seen[claim.id]}; ids must be unique"
                if on_error == "raise":
                    raise DuplicateIdError(f"{position}: {reason}")
            if claim is None or reason is not None:
                skipped = SkippedRecord(position, reason or "unusable record")
                report.skipped.append(skipped)
                if warn_stacklevel is not None:
                    warnings.warn(f"{skipped}; record skipped", SkippedRecordWarning, stacklevel=warn_stacklevel)
                continue
            seen[claim.id] = label
            report.claims.append(claim)
    except UnicodeDecodeError as exc:
        raise ClaimFormatError(f"{file}: not UTF-8 text (byte {exc.start}); re-save the file as UTF-8") from exc
    return report


def _claim_or_reason(record: Any, position: str, on_error: OnError) -> tuple[VerifiedClaim | None, str | None]:
    if isinstance(record, _Problem):
        if on_error == "raise":
            raise ClaimFormatError(f"{position}: {record.reason}; fix the record, or pass on_error='skip' to skip it")
        return None, record.reason
    if on_error == "raise":
        return parse_claim(record, where=position), None
    if isinstance(record, VerifiedClaim):
        return record, None
    if not isinstance(record, Mapping):
        return None, f"expected an object with the claim fields, got {type(record).__name__}: {record!r:.60}"
    try:
        return VerifiedClaim.model_validate(dict(record)), None
    except ValidationError as exc:
        return None, describe_validation_error(exc)
    except InvalidTypeError as exc:
        return None, str(exc)


def load_claims(
    path: str | os.PathLike[str],
    *,
    format: ClaimFileFormat | None = None,
    column_map: Mapping[str, str] | None = None,
    on_error: OnError = "raise",
) -> list[VerifiedClaim]:
    """Read verified claims from a file.

    * JSONL: one JSON object per line with the :class:`VerifiedClaim` fields.
    * CSV: a header row; ``column_map`` renames columns to fields (e.g. ``{"claim": "text"}``),
      unknown columns go to ``metadata``, and empty cells are left unset.
    * ClaimReview: schema.org JSON-LD (an object, a list or an ``@graph``), or an HTML page
      embedding it; Google Fact Check Tools ``claims:search`` responses; the Fact-Check
      Insights export. Ratings are normalised with :func:`claimmatch.ratings.normalize_rating`.

    Args:
        path: The file. Detected by extension: ``.jsonl``/``.ndjson``, ``.csv``/``.tsv``,
            ``.html``/``.htm``, and ``.json``/``.jsonld`` by content (see :func:`detect_json_format`).
        format: ``"jsonl"``, ``"csv"``, ``"claimreview"``, ``"google"``, ``"duke"`` or ``"html"``
            to override detection.
        column_map: CSV column name to field name.
        on_error: ``"raise"`` stops at the first malformed record; ``"skip"`` leaves it out and
            emits a :class:`~claimmatch.errors.SkippedRecordWarning` naming its position and reason.

    Raises:
        ClaimFormatError: no such file, the file cannot be parsed, or (with ``on_error="raise"``)
            a record is malformed; the message gives the file, the line or JSON path, and the field.
        DuplicateIdError: two records share an id (with ``on_error="raise"``).
        InvalidArgumentError: unknown ``format`` or ``on_error``, or an extension that says nothing.
    """
    return _load(path, format, column_map, on_error, warn_stacklevel=3).claims


def load_claims_report(
    path: str | os.PathLike[str],
    *,
    format: ClaimFileFormat | None = None,
    column_map: Mapping[str, str] | None = None,
    on_error: OnError = "skip",
) -> LoadReport:
    """Read claims like :func:`load_claims`, and report the records that were skipped.

    With the default ``on_error="skip"`` every malformed or duplicate record is listed in
    :attr:`LoadReport.skipped` (no warnings are emitted: the report is the account).

    Raises:
        The errors of :func:`load_claims`; record errors only with ``on_error="raise"``.
    """
    return _load(path, format, column_map, on_error, warn_stacklevel=None)


def save_claims(claims: Iterable[VerifiedClaim], path: str | os.PathLike[str]) -> None:
    """Write claims as JSONL (the format :func:`load_claims` reads)."""
    lines = [claim.model_dump_json(exclude_defaults=True) for claim in claims]
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
