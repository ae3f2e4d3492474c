"""Metadata filters applied inside the search (language, publisher, verdict, dates)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from claimmatch.models import Verdict, VerifiedClaim

__all__ = ["ClaimFilter"]


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
        if self.language is not None:
            tag = claim.language.casefold()
            if not any(tag == want.casefold() or tag.startswith(want.casefold() + "-") for want in self.language):
                return False
        if self.publisher is not None and not self._publisher_ok(claim):
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

    def _publisher_ok(self, claim: VerifiedClaim) -> bool:
        assert self.publisher is not None
        name = (claim.publisher or "").casefold()
        host = (urlsplit(claim.review_url).hostname or "").casefold() if claim.review_url else ""
        for want in (item.casefold().strip() for item in self.publisher):
            if name and name == want:
                return True
            site = want.removeprefix("www.")
            if host and (host == site or host.endswith("." + site)):
                return True
        return False
