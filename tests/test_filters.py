from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from claimmatch import ClaimIndex, ClaimMatcher, Verdict, VerifiedClaim
from claimmatch.embedder import Embedder
from claimmatch.errors import InvalidArgumentError, InvalidTypeError
from claimmatch.filters import ClaimFilter

EVEREST = "Mount Everest is 8,849 metres tall."


@pytest.fixture()
def index(embedder: Embedder, backend: str) -> ClaimIndex:
    claims = [
        VerifiedClaim(
            id="en-new",
            text=EVEREST,
            verdict="true",
            language="en",
            publisher="Full Fact",
            review_url="https://fullfact.org/x",
            review_date="2025-09-01",
        ),
        VerifiedClaim(
            id="es-old",
            text="El monte Everest mide 8.849 metros.",
            verdict="true",
            language="es",
            publisher="Maldita",
            review_url="https://maldita.es/y",
            review_date="2021-01-10",
        ),
        VerifiedClaim(
            id="gb-false",
            text="Mount Everest is 9,000 metres tall.",
            verdict="false",
            language="en-GB",
            publisher="PolitiFact",
            review_url="https://www.politifact.com/z",
            review_date="2024-05-05",
        ),
        VerifiedClaim(id="undated", text="Everest is the tallest mountain above sea level.", verdict="true"),
        VerifiedClaim(id="bats", text="Bats are blind.", verdict="false", review_date="2025-01-01"),
    ]
    return ClaimIndex.build(claims, embedder=embedder, backend=backend)


def _ids(index: ClaimIndex, **filters: object) -> list[str]:
    matches = ClaimMatcher(index, min_score=-1.0).match(EVEREST, top_k=5, **filters)
    return [m.claim.id for m in matches]


def test_unfiltered_nearest_neighbour(index: ClaimIndex) -> None:
    assert _ids(index)[0] == "en-new" and len(_ids(index)) == 5


def test_filters_exclude_the_nearest_neighbour_inside_the_search(index: ClaimIndex) -> None:
    # top_k=1: a post-hoc trim of the unfiltered top-1 would return nothing at all.
    matches = ClaimMatcher(index, min_score=-1.0).match(EVEREST, top_k=1, verdict="false")
    assert [m.claim.id for m in matches] == ["gb-false"]
    assert _ids(index, verdict=[Verdict.FALSE]) == ["gb-false", "bats"]


def test_language_prefixes(index: ClaimIndex) -> None:
    assert set(_ids(index, language="en")) == {"en-new", "gb-false", "undated", "bats"}
    assert _ids(index, language="en-gb") == ["gb-false"]
    assert _ids(index, language=["es", "en-GB"])[0] in {"es-old", "gb-false"}
    assert set(_ids(index, language=["es", "en-GB"])) == {"es-old", "gb-false"}


def test_publisher_by_name_or_site(index: ClaimIndex) -> None:
    assert _ids(index, publisher="full fact") == ["en-new"]
    assert _ids(index, publisher="politifact.com") == ["gb-false"]
    assert _ids(index, publisher=["maldita.es", "Full Fact"]) == ["en-new", "es-old"]


def test_dates(index: ClaimIndex) -> None:
    assert set(_ids(index, max_age_days=500, as_of=date(2025, 9, 5))) == {"en-new", "bats", "gb-false"}
    assert set(_ids(index, max_age_days=487, as_of=date(2025, 9, 5))) == {"en-new", "bats"}
    assert _ids(index, reviewed_before=date(2022, 1, 1)) == ["es-old"]
    window = _ids(index, reviewed_after="2024-01-01", reviewed_before="2024-12-31")
    assert window == ["gb-false"]  # undated claims never pass a date filter


def test_filters_combine_with_and_and_can_match_nothing(index: ClaimIndex) -> None:
    assert _ids(index, language="es", verdict="false") == []
    where = ClaimFilter(language="en")
    assert _ids(index, where=where, verdict="false") == ["gb-false", "bats"]


def test_bad_filters_are_reported(index: ClaimIndex) -> None:
    matcher = ClaimMatcher(index)
    with pytest.raises(InvalidArgumentError, match="unknown filter"):
        matcher.match(EVEREST, langauge="en")
    with pytest.raises(InvalidArgumentError, match="verdict"):
        matcher.match(EVEREST, verdict="probably")
    with pytest.raises(InvalidArgumentError, match="later than"):
        matcher.match(EVEREST, reviewed_after="2025-01-02", reviewed_before="2025-01-01")
    with pytest.raises(InvalidTypeError):
        matcher.match(EVEREST, where={"language": "en"})  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        ClaimFilter(max_age_days=-1)


def test_empty_filter_is_no_filter() -> None:
    assert ClaimFilter().is_empty and not ClaimFilter(verdict="true").is_empty
