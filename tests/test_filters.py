from __future__ import annotations

import hashlib
import json
import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from claimmatch import ClaimIndex, ClaimMatcher, Verdict, VerifiedClaim
from claimmatch.claim_table import MappedClaimTable
from claimmatch.embedder import Embedder
from claimmatch.errors import CorruptIndexError, InvalidArgumentError, InvalidTypeError
from claimmatch.filters import ClaimFilter, FilterColumns, _host

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


def _random_claims(rng: random.Random, count: int) -> list[VerifiedClaim]:
    languages = ["en", "en-GB", "EN-us", "es", "pt-BR", "pt", "de"]
    publishers = [None, "Full Fact", "full fact", "PolitiFact", "Maldita", "AFP"]
    urls = [
        None,
        "https://www.politifact.com/a",
        "https://politifact.com/b",
        "https://fullfact.org/c",
        "https://news.fullfact.org/d",
        "https://maldita.es/e",
        "https://notpolitifact.com/f",
        "https://FACTCHECK.afp.com/g",
    ]
    return [
        VerifiedClaim(
            id=f"c{n}",
            text=f"Claim number {n} about something.",
            verdict=rng.choice(list(Verdict)),
            language=rng.choice(languages),
            publisher=rng.choice(publishers),
            review_url=rng.choice(urls),
            review_date=rng.choice([None, date(2019, 1, 1), date(2021, 6, 30), date(2024, 2, 29), date(2025, 9, 1)]),
        )
        for n in range(count)
    ]


def _random_filter(rng: random.Random) -> ClaimFilter:
    fields: dict[str, object] = {}
    if rng.random() < 0.5:
        fields["language"] = rng.sample(["en", "en-gb", "pt", "es", "fr", "EN"], rng.randint(1, 2))
    if rng.random() < 0.5:
        fields["publisher"] = rng.sample(
            ["politifact.com", "www.politifact.com", "Full Fact", "fullfact.org", "afp.com", "maldita.es", "afp"],
            rng.randint(1, 2),
        )
    if rng.random() < 0.4:
        fields["verdict"] = rng.sample(list(Verdict), rng.randint(1, 3))
    if rng.random() < 0.3:
        fields["max_age_days"] = rng.choice([0, 400, 2000])
        fields["as_of"] = date(2025, 9, 1)
    if rng.random() < 0.3:
        fields["reviewed_after"] = rng.choice([date(2019, 1, 1), date(2021, 7, 1)])
    if rng.random() < 0.3:
        fields["reviewed_before"] = rng.choice([date(2021, 6, 30), date(2025, 12, 31)])
    try:
        return ClaimFilter.model_validate(fields)
    except ValidationError:  # reviewed_after later than reviewed_before
        return ClaimFilter()


def test_filter_columns_select_exactly_what_accepts_accepts() -> None:
    rng = random.Random(7)
    claims = _random_claims(rng, 300)
    columns = FilterColumns.from_claims(enumerate(claims))
    for _ in range(300):
        where = _random_filter(rng)
        expected = [i for i, claim in enumerate(claims) if where.accepts(claim)]
        assert columns.select(where).tolist() == expected, where


def test_a_mapped_index_filters_from_its_claims_file_like_a_loaded_one(embedder: Embedder, tmp_path: Path) -> None:
    rng = random.Random(11)
    claims = _random_claims(rng, 120)
    path = ClaimIndex.build(claims, embedder=embedder).save(tmp_path / "idx")
    loaded, mapped = ClaimIndex.load(path), ClaimIndex.load(path, mmap=True)
    assert isinstance(mapped._table, MappedClaimTable)
    query = loaded.embed_queries(["Claim number 3 about something."])
    for _ in range(60):
        where = _random_filter(rng)
        expected = {claim.id for claim in claims if where.accepts(claim)}
        for index in (loaded, mapped):
            hits = index.search(query, len(claims), where=where)[0]
            assert {claim.id for claim, _ in hits} == expected, where
    # an update drops the columns: the next filter sees the new metadata
    loaded.upsert(claims[0].model_copy(update={"language": "fr"}))
    assert [c.id for c, _ in loaded.search(query, 5, where=ClaimFilter(language="fr"))[0]] == ["c0"]


def test_a_review_url_urlsplit_rejects_has_no_host() -> None:
    assert _host("http://[::1/fact-check") == ""  # urlsplit raises on it: no host, no crash


def test_a_malformed_review_url_fails_a_publisher_filter_and_no_other(embedder: Embedder) -> None:
    claims = [
        VerifiedClaim(id="bad", text=EVEREST, verdict="true", review_url="http://[::1/x", publisher="Full Fact"),
        VerifiedClaim(id="good", text=EVEREST + " Really.", verdict="true", review_url="https://fullfact.org/y"),
    ]
    index = ClaimIndex.build(claims, embedder=embedder)
    query = index.embed_queries([EVEREST])
    assert {c.id for c, _ in index.search(query, 2, where=ClaimFilter(language="en"))[0]} == {"bad", "good"}
    assert [c.id for c, _ in index.search(query, 2, where=ClaimFilter(publisher="fullfact.org"))[0]] == ["good"]
    assert [c.id for c, _ in index.search(query, 2, where=ClaimFilter(publisher="full fact"))[0]] == ["bad"]


def test_filter_columns_follow_updates_like_a_rebuild() -> None:
    rng = random.Random(5)
    claims = dict(enumerate(_random_claims(rng, 150)))
    columns = FilterColumns.from_claims(sorted(claims.items()))
    next_id = len(claims)
    for _ in range(40):
        if rng.random() < 0.3 and claims:
            gone = rng.sample(sorted(claims), rng.randint(1, 5))
            columns.delete(gone)
            for int_id in gone:
                del claims[int_id]
        else:
            batch: list[tuple[int, VerifiedClaim]] = []
            for fresh in _random_claims(rng, rng.randint(1, 6)):
                if claims and rng.random() < 0.5:  # replace a held claim: it keeps its id
                    batch.append((rng.choice(sorted(claims)), fresh))
                else:
                    batch.append((next_id, fresh))
                    next_id += 1
            assert columns.put(batch)
            claims.update(batch)
        rebuilt = FilterColumns.from_claims(sorted(claims.items()))
        for _ in range(10):
            where = _random_filter(rng)
            expected = [i for i, claim in sorted(claims.items()) if where.accepts(claim)]
            assert columns.select(where).tolist() == rebuilt.select(where).tolist() == expected, where
    missing = next(i for i in range(max(claims)) if i not in claims)  # removed above
    assert not columns.put([(missing, claims[max(claims)])])  # a new id below the held ones: rebuild


def test_an_index_keeps_its_filter_columns_in_step_with_updates(embedder: Embedder) -> None:
    rng = random.Random(17)
    claims = {c.id: c for c in _random_claims(rng, 60)}
    index = ClaimIndex.build(list(claims.values()), embedder=embedder)
    query = index.embed_queries(["Claim number 3 about something."])
    index.search(query, 5, where=ClaimFilter(language="en"))  # builds the columns
    assert index._filter_columns is not None
    for round_ in range(6):
        changed = [
            c.model_copy(update={"language": rng.choice(["fr", "en-GB", "pt"]), "verdict": rng.choice(list(Verdict))})
            for c in rng.sample(list(claims.values()), 5)
        ]
        added = [c.model_copy(update={"id": f"new{round_}-{n}"}) for n, c in enumerate(_random_claims(rng, 3))]
        index.upsert(changed + added)
        removed = rng.sample(sorted(claims), 2)
        index.remove(removed)
        claims.update({c.id: c for c in changed + added})
        for claim_id in removed:
            del claims[claim_id]
        assert index._filter_columns is not None  # kept in step, not rebuilt
        for _ in range(8):
            where = _random_filter(rng)
            expected = {c.id for c in claims.values() if where.accepts(c)}
            assert {c.id for c, _ in index.search(query, len(claims), where=where)[0]} == expected, where


def test_filter_columns_read_back_from_their_file_select_the_same_ids() -> None:
    rng = random.Random(23)
    claims = dict(enumerate(_random_claims(rng, 200)))
    columns = FilterColumns.from_claims(sorted(claims.items()))
    data = columns.to_bytes()
    assert len(data) % 4 == 0 and data.startswith(b"claimmatch-cols\n")
    read = FilterColumns.from_buffer(data, "here")
    assert not read.ids.flags.writeable  # views of the buffer, not copies
    for _ in range(100):
        where = _random_filter(rng)
        assert read.select(where).tolist() == columns.select(where).tolist(), where
    # updates copy the views first, and then behave like a rebuild
    replaced = [(3, claims[7]), (10, claims[0])]
    appended = [(200 + n, claim) for n, claim in enumerate(_random_claims(rng, 4))]
    assert read.put(replaced + appended)
    claims.update(replaced + appended)
    read.delete([5, 6])
    del claims[5], claims[6]
    rebuilt = FilterColumns.from_claims(sorted(claims.items()))
    for _ in range(50):
        where = _random_filter(rng)
        assert read.select(where).tolist() == rebuilt.select(where).tolist(), where
    assert FilterColumns.from_buffer(read.to_bytes(), "here").select(ClaimFilter(language="pt")).tolist() == (
        rebuilt.select(ClaimFilter(language="pt")).tolist()
    )
    assert len(FilterColumns.from_buffer(FilterColumns(()).to_bytes(), "here")) == 0


def _columns_file(**changes: object) -> bytes:
    """A valid filter columns file of three claims, with header fields or arrays changed."""
    claims = _random_claims(random.Random(3), 3)
    columns = FilterColumns.from_claims(enumerate(claims))
    for name, value in changes.items():
        setattr(columns, name, value)
    return columns.to_bytes()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"claimmatch-rows\n" + _columns_file()[16:], "magic"),
        (_columns_file()[:-4], "bytes do not hold 3 rows"),
        (_columns_file() + b"\0" * 4, "bytes do not hold 3 rows"),
        (_columns_file(ids=np.array([0, 2, 2], dtype=np.int64)), "ids do not ascend"),
        (_columns_file()[:20], "buffer"),  # too short for its header length
    ],
)
def test_a_damaged_filter_columns_file_is_reported(data: bytes, problem: str) -> None:
    with pytest.raises(CorruptIndexError, match=f"idx: the filter columns file is invalid.*{problem}.*rebuild"):
        FilterColumns.from_buffer(data, "idx")


def test_a_filter_columns_file_with_a_code_out_of_range_is_reported() -> None:
    columns = FilterColumns.from_claims(enumerate(_random_claims(random.Random(3), 3)))
    columns._verdicts.values = [Verdict.TRUE]  # one value, and codes up to 1
    columns._verdicts.codes = np.array([0, 0, 1], dtype=np.int32)
    with pytest.raises(CorruptIndexError, match="code is out of range"):
        FilterColumns.from_buffer(columns.to_bytes(), "idx")


@pytest.mark.parametrize("mmap", [False, True])
def test_a_saved_index_filters_from_its_saved_columns(embedder: Embedder, tmp_path: Path, mmap: bool) -> None:
    rng = random.Random(29)
    claims = {c.id: c for c in _random_claims(rng, 80)}
    path = ClaimIndex.build(list(claims.values()), embedder=embedder).save(tmp_path / "idx")
    index = ClaimIndex.load(path, mmap=mmap)
    assert index._filter_columns is not None  # read from the filters file: no pass over the claims
    assert not index._filter_columns.ids.flags.writeable
    query = index.embed_queries(["Claim number 3 about something."])
    for _ in range(30):
        where = _random_filter(rng)
        expected = {c.id for c in claims.values() if where.accepts(c)}
        assert {c.id for c, _ in index.search(query, len(claims), where=where)[0]} == expected, where
    changed = claims["c4"].model_copy(update={"language": "fr"})
    index.upsert([changed, VerifiedClaim(id="fresh", text="A fresh claim.", language="fr")])
    claims.update({"c4": changed})
    hits = index.search(query, len(claims) + 1, where=ClaimFilter(language="fr"))[0]
    assert {c.id for c, _ in hits} == {c.id for c in claims.values() if c.language == "fr"} | {"fresh"}
    index.save()
    assert ClaimIndex.load(path)._filter_columns.select(ClaimFilter(language="fr")).size == len(hits)  # type: ignore[union-attr]


def test_an_index_saved_without_filter_columns_builds_them_on_the_first_filter(
    embedder: Embedder, tmp_path: Path
) -> None:
    claims = _random_claims(random.Random(31), 40)
    path = ClaimIndex.build(claims, embedder=embedder).save(tmp_path / "idx")
    manifest = json.loads((path / "manifest.json").read_text())
    (path / manifest["files"].pop("filters")["path"]).unlink()
    manifest["format_version"] = 2  # as written before the filters file
    (path / "manifest.json").write_text(json.dumps(manifest))
    for mmap in (False, True):
        index = ClaimIndex.load(path, mmap=mmap)
        assert index._filter_columns is None
        query = index.embed_queries(["Claim number 3 about something."])
        hits = index.search(query, 40, where=ClaimFilter(language="es"))[0]
        assert {c.id for c, _ in hits} == {c.id for c in claims if c.language == "es"}


def test_filter_columns_that_disagree_with_the_claims_are_a_corrupt_index(embedder: Embedder, tmp_path: Path) -> None:
    claims = _random_claims(random.Random(37), 10)
    path = ClaimIndex.build(claims, embedder=embedder).save(tmp_path / "idx")
    manifest = json.loads((path / "manifest.json").read_text())
    entry = manifest["files"]["filters"]
    other = FilterColumns.from_claims((n + 1, claim) for n, claim in enumerate(claims)).to_bytes()  # ids shifted
    (path / entry["path"]).write_bytes(other)
    entry["sha256"], entry["bytes"] = hashlib.sha256(other).hexdigest(), len(other)
    (path / "manifest.json").write_text(json.dumps(manifest))
    for mmap in (False, True):
        with pytest.raises(CorruptIndexError, match="filter columns and the claims disagree; rebuild"):
            ClaimIndex.load(path, mmap=mmap)
    (path / entry["path"]).write_bytes(other[:-1])  # and a file changed after the save: its checksum
    with pytest.raises(CorruptIndexError, match="checksum"):
        ClaimIndex.load(path, mmap=True)
