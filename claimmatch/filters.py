"""Metadata filters applied inside the search (language, publisher, verdict, dates)."""

from __future__ import annotations

import json
import struct
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from claimmatch.errors import CorruptIndexError
from claimmatch.models import Verdict, VerifiedClaim

__all__ = ["ClaimFilter", "FilterColumns"]


def _as_tuple(value: Any) -> Any:
    if value is None or isinstance(value, tuple):
        return value
    if isinstance(value, (str, Verdict)):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(value)
    return value


class ClaimFilter(BaseModel):
    """Which verified claims a search may return.

    Filters mirror Google Fact Check Tools (``languageCode``,
    ``reviewPublisherSiteFilter``, ``maxAgeDays``). Every field is optional; set fields
    combine with AND, values within one field with OR. A claim without the metadata a
    filter asks about (no ``review_date`` under a date filter, no publisher under a
    publisher filter) is excluded.

    Attributes:
        language: BCP-47 tags. ``"en"`` matches ``en`` and ``en-GB``; ``"en-GB"`` matches only ``en-GB``.
        publisher: Publisher names (case-insensitive) or sites: ``"politifact.com"``
            matches claims whose ``review_url`` host is that site or a subdomain of it.
        verdict: Allowed verdicts.
        max_age_days: Only claims reviewed at most this many days before ``as_of``.
        reviewed_after: Only claims reviewed on or after this date.
        reviewed_before: Only claims reviewed on or before this date.
        as_of: The reference day for ``max_age_days`` (default: today, UTC).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    language: tuple[str, ...] | None = None
    publisher: tuple[str, ...] | None = None
    verdict: tuple[Verdict, ...] | None = None
    max_age_days: int | None = Field(default=None, ge=0)
    reviewed_after: date | None = None
    reviewed_before: date | None = None
    as_of: date | None = None

    @field_validator("language", "publisher", "verdict", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _as_tuple(value)

    @field_validator("language", "publisher")
    @classmethod
    def _non_empty(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is not None and (not value or any(not item.strip() for item in value)):
            raise ValueError("give at least one non-empty value, or leave the filter unset")
        return value

    @model_validator(mode="after")
    def _ordered_dates(self) -> ClaimFilter:
        if self.reviewed_after and self.reviewed_before and self.reviewed_after > self.reviewed_before:
            raise ValueError(
                f"reviewed_after {self.reviewed_after} is later than reviewed_before {self.reviewed_before}"
            )
        return self

    @property
    def is_empty(self) -> bool:
        """True when no field restricts anything."""
        return all(
            getattr(self, name) is None
            for name in ("language", "publisher", "verdict", "max_age_days", "reviewed_after", "reviewed_before")
        )

    def _earliest(self) -> date | None:
        bounds = [self.reviewed_after] if self.reviewed_after else []
        if self.max_age_days is not None:
            today = self.as_of or datetime.now(timezone.utc).date()
            bounds.append(today - timedelta(days=self.max_age_days))
        return max(bounds) if bounds else None

    def accepts(self, claim: VerifiedClaim) -> bool:
        """Whether ``claim`` passes every set filter."""
        if self.language is not None and not self._language_ok(claim.language):
            return False
        if self.publisher is not None and not self._publisher_ok(claim.publisher, _host(claim.review_url)):
            return False
        if self.verdict is not None and claim.verdict not in self.verdict:
            return False
        earliest = self._earliest()
        if earliest is not None or self.reviewed_before is not None:
            reviewed = claim.review_date
            if reviewed is None:
                return False
            if earliest is not None and reviewed < earliest:
                return False
            if self.reviewed_before is not None and reviewed > self.reviewed_before:
                return False
        return True

    def _language_ok(self, language: str) -> bool:
        assert self.language is not None
        tag = language.casefold()
        return any(tag == want.casefold() or tag.startswith(want.casefold() + "-") for want in self.language)

    def _publisher_ok(self, publisher: str | None, host: str) -> bool:
        """``host``: the review URL's host name, case-folded (:func:`_host`)."""
        assert self.publisher is not None
        name = (publisher or "").casefold()
        for want in (item.casefold().strip() for item in self.publisher):
            if name and name == want:
                return True
            site = want.removeprefix("www.")
            if host and (host == site or host.endswith("." + site)):
                return True
        return False


_COLUMNS_MAGIC = b"claimmatch-cols\n"
_COLUMNS_FORMAT = 1


def _host(review_url: str | None) -> str:
    """The case-folded host name of a review URL ("" without one, or when it cannot be parsed)."""
    if not review_url:
        return ""
    try:
        return (urlsplit(review_url).hostname or "").casefold()
    except ValueError:  # "http://[::1": no host a publisher filter could match, and no crash
        return ""


def _claim_rows(
    items: Iterable[tuple[int, VerifiedClaim]],
) -> Iterator[tuple[int, str, str | None, str | None, Verdict, date | None]]:
    """The rows :class:`FilterColumns` reads, from ``(int64 id, claim)`` pairs."""
    return ((i, c.language, c.publisher, c.review_url, c.verdict, c.review_date) for i, c in items)


class _Codes:
    """One column: each claim's value as an index into the column's distinct values."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._index: dict[Any, int] = {}
        self._building: list[int] = []
        self.codes = np.zeros(0, dtype=np.int32)

    @classmethod
    def saved(cls, values: list[Any], codes: npt.NDArray[np.int32]) -> _Codes:
        """A column read back from a file (``codes`` may be a read-only view of it)."""
        column = cls()
        column.values = values
        column._index = {value: code for code, value in enumerate(values)}
        column.codes = codes
        return column

    def code(self, value: Any) -> int:
        """The code of ``value``, made on first sight."""
        code = self._index.get(value)
        if code is None:
            code = self._index[value] = len(self.values)
            self.values.append(value)
        return code

    def add(self, value: Any) -> None:
        """Append a claim's value while building (see :meth:`freeze`)."""
        self._building.append(self.code(value))

    def freeze(self) -> None:
        """Move the values added so far to the end of :attr:`codes`."""
        if self._building:
            self.codes = np.concatenate([self.codes, np.asarray(self._building, dtype=np.int32)])
            self._building = []

    def mask(self, keep: Callable[[Any], bool]) -> npt.NDArray[np.bool_]:
        """Per claim, whether ``keep`` accepts its value (``keep`` runs once per distinct value)."""
        accepted = np.fromiter((keep(value) for value in self.values), dtype=bool, count=len(self.values))
        return accepted[self.codes]


class FilterColumns:
    """A collection's filter metadata, one column per field, to run a :class:`ClaimFilter` over all of it at once.

    Each filter field is evaluated once per *distinct* value of its column (a few languages,
    publishers and verdicts) and then spread to the claims with numpy, so a new filter over a
    million claims takes milliseconds instead of a call of :meth:`ClaimFilter.accepts` per
    claim. :meth:`select` returns exactly the ids ``accepts`` would (tested).

    Args:
        rows: ``(int64 id, language, publisher, review_url, verdict, review_date)`` per claim,
            in ascending id order.
    """

    def __init__(self, rows: Iterable[tuple[int, str, str | None, str | None, Verdict, date | None]]) -> None:
        self.ids = np.zeros(0, dtype=np.int64)
        self._languages, self._publishers, self._verdicts = _Codes(), _Codes(), _Codes()
        self._reviewed = np.zeros(0, dtype=np.int64)  # date ordinals (they start at 1), 0 for none
        if not self._put(rows):
            raise ValueError("FilterColumns rows must come in ascending id order")

    @classmethod
    def from_claims(cls, items: Iterable[tuple[int, VerifiedClaim]]) -> FilterColumns:
        """Columns of ``(int64 id, claim)`` pairs, in ascending id order."""
        return cls(_claim_rows(items))

    def __len__(self) -> int:
        return len(self.ids)

    def put(self, items: Iterable[tuple[int, VerifiedClaim]]) -> bool:
        """Follow an update: replace the claims whose id is held, append the others.

        Returns ``False``, and the columns must be rebuilt, when a new id is not larger than
        every id held (ids of a :class:`~claimmatch.index.ClaimIndex` only grow).
        """
        return self._put(_claim_rows(items))

    def to_bytes(self) -> bytes:
        """The columns as a file (the ``filters`` file of a saved index; see ``docs/index-format.md``)."""
        header = {
            "format": _COLUMNS_FORMAT,
            "count": len(self.ids),
            "languages": self._languages.values,
            "publishers": [list(site) for site in self._publishers.values],
            "verdicts": [verdict.value for verdict in self._verdicts.values],
        }
        head = json.dumps(header, sort_keys=True, ensure_ascii=False).encode("utf-8")
        head += b" " * (-(len(_COLUMNS_MAGIC) + 8 + len(head)) % 8)
        arrays = [
            self.ids.astype("<i8", copy=False),
            self._reviewed.astype("<i8", copy=False),
            *(column.codes.astype("<i4", copy=False) for column in self._columns()),
        ]
        return b"".join([_COLUMNS_MAGIC, struct.pack("<Q", len(head)), head, *(a.tobytes() for a in arrays)])

    @classmethod
    def from_buffer(cls, buffer: Any, where: str) -> FilterColumns:
        """Columns read back from :meth:`to_bytes`'s output; ``buffer`` may be a memory map,
        which the columns then use without copying it (until an update changes a row).

        Raises:
            CorruptIndexError: the buffer is not such a file, or its content is inconsistent.
        """
        view = memoryview(buffer)
        try:
            if bytes(view[: len(_COLUMNS_MAGIC)]) != _COLUMNS_MAGIC:
                raise ValueError("it does not start with the filter-columns magic")
            (head_len,) = struct.unpack_from("<Q", view, len(_COLUMNS_MAGIC))
            start = len(_COLUMNS_MAGIC) + 8 + head_len
            header = json.loads(bytes(view[len(_COLUMNS_MAGIC) + 8 : start]))
            if header.get("format") != _COLUMNS_FORMAT:
                raise ValueError(f"unknown format {header.get('format')!r}")
            n = int(header["count"])
            if len(view) != start + n * (8 + 8 + 4 * 3):
                raise ValueError(f"{len(view)} bytes do not hold {n} rows")
            ids = np.frombuffer(buffer, dtype="<i8", count=n, offset=start)
            reviewed = np.frombuffer(buffer, dtype="<i8", count=n, offset=start + 8 * n)
            codes = [np.frombuffer(buffer, dtype="<i4", count=n, offset=start + 16 * n + 4 * n * k) for k in range(3)]
            values: list[list[Any]] = [
                [str(v) for v in header["languages"]],
                [(p, str(h)) for p, h in header["publishers"]],
                [Verdict(v) for v in header["verdicts"]],
            ]
            for column, distinct in zip(codes, values, strict=True):
                if n and (int(column.min()) < 0 or int(column.max()) >= len(distinct)):
                    raise ValueError("a code is out of range")
            if n > 1 and not (ids[1:] > ids[:-1]).all():
                raise ValueError("the ids do not ascend")
        except (ValueError, KeyError, TypeError, struct.error) as exc:
            raise CorruptIndexError(f"{where}: the filter columns file is invalid ({exc}); rebuild the index") from exc
        columns = cls(())
        columns.ids, columns._reviewed = ids, reviewed
        columns._languages, columns._publishers, columns._verdicts = (
            _Codes.saved(distinct, column) for column, distinct in zip(codes, values, strict=True)
        )
        return columns

    def _columns(self) -> tuple[_Codes, _Codes, _Codes]:
        return self._languages, self._publishers, self._verdicts

    def _own(self) -> None:
        """Copy arrays that are read-only views of a file before a row is changed in place."""
        if not self.ids.flags.writeable:
            self.ids, self._reviewed = self.ids.copy(), self._reviewed.copy()
            for column in self._columns():
                column.codes = column.codes.copy()

    def _put(self, rows: Iterable[tuple[int, str, str | None, str | None, Verdict, date | None]]) -> bool:
        """:meth:`put` for rows as :class:`FilterColumns` takes them (the constructor appends them all)."""
        self._own()
        languages, publishers, verdicts = self._columns()
        held_last = int(self.ids[-1]) if len(self.ids) else -1
        last = held_last
        new_ids: list[int] = []
        new_reviewed: list[int] = []
        for int_id, language, publisher, review_url, verdict, review_date in rows:
            site = (publisher, _host(review_url))
            reviewed = review_date.toordinal() if review_date is not None else 0
            if int_id <= held_last:  # a held id is replaced in its row
                at = int(np.searchsorted(self.ids, int_id))
                if at == len(self.ids) or int(self.ids[at]) != int_id:
                    return False
                for column, value in ((languages, language), (publishers, site), (verdicts, verdict)):
                    column.codes[at] = column.code(value)
                self._reviewed[at] = reviewed
                continue
            if int_id <= last:
                return False
            last = int_id
            new_ids.append(int_id)
            new_reviewed.append(reviewed)
            languages.add(language)
            publishers.add(site)
            verdicts.add(verdict)
        for column in (languages, publishers, verdicts):
            column.freeze()
        if new_ids:
            self.ids = np.concatenate([self.ids, np.asarray(new_ids, dtype=np.int64)])
            self._reviewed = np.concatenate([self._reviewed, np.asarray(new_reviewed, dtype=np.int64)])
        return True

    def delete(self, int_ids: Iterable[int]) -> None:
        """Follow a removal: drop the rows of ``int_ids`` (ids not held are ignored)."""
        keep = ~np.isin(self.ids, np.fromiter(int_ids, dtype=np.int64))
        self.ids, self._reviewed = self.ids[keep], self._reviewed[keep]
        for column in self._columns():
            column.codes = column.codes[keep]

    def select(self, where: ClaimFilter) -> npt.NDArray[np.int64]:
        """The ids, ascending, of the claims ``where`` accepts."""
        keep = np.ones(len(self.ids), dtype=bool)
        if where.language is not None:
            keep &= self._languages.mask(where._language_ok)
        if where.publisher is not None:
            keep &= self._publishers.mask(lambda pair: where._publisher_ok(*pair))
        if where.verdict is not None:
            allowed = where.verdict
            keep &= self._verdicts.mask(lambda verdict: verdict in allowed)
        earliest = where._earliest()
        if earliest is not None or where.reviewed_before is not None:
            keep &= self._reviewed > 0
            if earliest is not None:
                keep &= self._reviewed >= earliest.toordinal()
            if where.reviewed_before is not None:
                keep &= self._reviewed <= where.reviewed_before.toordinal()
        return self.ids[keep]
