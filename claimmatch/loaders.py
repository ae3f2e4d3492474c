"""Reading verified claims from files (JSONL and CSV) and from plain mappings."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from claimmatch.errors import ClaimFormatError, DuplicateIdError, InvalidArgumentError, InvalidTypeError
from claimmatch.models import VerifiedClaim

__all__ = ["ClaimFileFormat", "describe_validation_error", "load_claims", "parse_claim", "save_claims"]

ClaimFileFormat = Literal["jsonl", "csv"]
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


def _detect_format(path: Path, format: ClaimFileFormat | None) -> ClaimFileFormat:
    if format is not None:
        if format not in ("jsonl", "csv"):
            raise InvalidArgumentError(f"format must be 'jsonl' or 'csv', got {format!r}")
        return format
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    raise InvalidArgumentError(
        f"cannot tell the format of {path.name!r} from its extension; pass format='jsonl' or format='csv'"
    )


def _read_jsonl(path: Path) -> Iterable[tuple[int, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise ClaimFormatError(f"{path}:{number}: not valid JSON ({exc.msg}); fix the line") from exc


def _read_csv(path: Path, column_map: Mapping[str, str] | None) -> Iterable[tuple[int, Any]]:
    rename = dict(column_map or {})
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        for number, row in enumerate(reader, start=2):  # line 1 is the header
            record: dict[str, Any] = {}
            metadata: dict[str, Any] = {}
            for column, cell in row.items():
                if column is None:
                    raise ClaimFormatError(f"{path}:{number}: more cells than header columns")
                field = rename.get(column, column)
                if cell is None or cell == "":
                    continue
                if field == "metadata":
                    try:
                        metadata.update(json.loads(cell))
                    except (json.JSONDecodeError, TypeError, ValueError) as exc:
                        raise ClaimFormatError(f"{path}:{number}: the metadata cell is not a JSON object") from exc
                elif field in _FIELDS:
                    record[field] = cell
                else:
                    metadata[field] = cell
            if metadata:
                record["metadata"] = metadata
            yield number, record


def load_claims(
    path: str | os.PathLike[str],
    *,
    format: ClaimFileFormat | None = None,
    column_map: Mapping[str, str] | None = None,
) -> list[VerifiedClaim]:
    """Read verified claims from a JSONL or CSV file.

    JSONL has one JSON object per line with the :class:`VerifiedClaim` fields. CSV has a
    header row; ``column_map`` renames columns to fields (e.g. ``{"claim": "text"}``),
    unknown columns go to ``metadata``, and empty cells are left unset.

    Args:
        path: The file. ``.jsonl``/``.ndjson`` and ``.csv``/``.tsv`` are recognised.
        format: ``"jsonl"`` or ``"csv"`` to override detection by extension.
        column_map: CSV column name to field name.

    Raises:
        ClaimFormatError: no such file, or a line is malformed; the message gives the file, line and field.
        DuplicateIdError: two records share an id.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    file = Path(path)
    if not file.is_file():
        raise ClaimFormatError(f"no claims file at {file}; check the path")
    kind = _detect_format(file, format)
    rows = _read_jsonl(file) if kind == "jsonl" else _read_csv(file, column_map)
    claims: list[VerifiedClaim] = []
    seen: dict[str, int] = {}
    for number, record in rows:
        claim = parse_claim(record, where=f"{file}:{number}")
        if claim.id in seen:
            raise DuplicateIdError(
                f"{file}:{number}: id {claim.id!r} already used on line {seen[claim.id]}; ids must be unique"
            )
        seen[claim.id] = number
        claims.append(claim)
    return claims


def save_claims(claims: Iterable[VerifiedClaim], path: str | os.PathLike[str]) -> None:
    """Write claims as JSONL (the format :func:`load_claims` reads)."""
    lines = [claim.model_dump_json(exclude_defaults=True) for claim in claims]
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
