"""The Qdrant backend's own behaviour: payload filters, modes, persistence and errors.

The shared index tests (tests/test_index.py) run on both backends; these cover what only
Qdrant has. No Qdrant server is needed: embedded mode runs in process, and "server" mode
is exercised against an in-memory client standing in for the server.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimmatch import (
    BackendUnavailableError,
    ClaimFilter,
    ClaimIndex,
    ClaimMatcher,
    CorruptIndexError,
    DimensionMismatchError,
    Verdict,
    VerifiedClaim,
)
from claimmatch.embedder import Embedder
from claimmatch.errors import InvalidArgumentError
from tests.conftest import HAS_QDRANT, NO_QDRANT, ROOT

requires_qdrant = pytest.mark.skipif(not HAS_QDRANT, reason=NO_QDRANT)
pytestmark = [
    # "server" mode runs against an in-memory client here, which warns that it ignores
    # search parameters and payload indexes.
    pytest.mark.filterwarnings("ignore:Local mode performs exact:UserWarning"),
    pytest.mark.filterwarnings("ignore:Payload indexes have no effect:UserWarning"),
]

if HAS_QDRANT:
    from qdrant_client import QdrantClient
    from qdrant_client import models as qm

    from claimmatch import qdrant_store
    from claimmatch.qdrant_store import QdrantVectorStore, claim_payload, payload_filter

DIM = 8
AS_OF = date(2025, 9, 5)


# ---------------------------------------------------------------------- payload filters
def _varied_claims() -> list[VerifiedClaim]:
    """Claims whose metadata covers what filters distinguish (tags, names, hosts, dates, gaps)."""
    languages = ["en", "en-GB", "EN-us", "es", "pt-BR", "pt", "de-CH-1996"]
    publishers = [None, "Full Fact", "PolitiFact", "maldita", "AFP Factuel"]
    urls = [
        None,
        "https://fullfact.org/x",
        "https://www.politifact.com/z",
        "https://maldita.es/y",
        "https://factuel.afp.com/a",
        "https://news.sub.politifact.com/b",
        "not a url",
    ]
    verdicts = list(Verdict)
    claims = []
    for n in range(70):
        reviewed = None if n % 6 == 0 else AS_OF - timedelta(days=(n * 37) % 1500)
        claims.append(
            VerifiedClaim(
                id=f"c{n}",
                text=f"Claim number {n}.",
                language=languages[n % len(languages)],
                publisher=publishers[n % len(publishers)],
                review_url=urls[(n * 3) % len(urls)],
                verdict=verdicts[(n * 5) % len(verdicts)],
                review_date=reviewed,
                claim_date=None if reviewed is None else reviewed - timedelta(days=3),
            )
        )
    return claims


VARIED = _varied_claims() if HAS_QDRANT else []

filters = st.builds(
    ClaimFilter,
    language=st.none()
    | st.lists(st.sampled_from(["en", "EN-gb", "en-us", "es", "pt", "pt-br", "de-ch", "fr"]), min_size=1, max_size=3),
    publisher=st.none()
    | st.lists(
        st.sampled_from(
            [
                "full fact",
                "PolitiFact",
                "politifact.com",
                "www.politifact.com",
                "sub.politifact.com",
                "com",
                "maldita.es",
                "afp.com",
                "Factuel.AFP.com",
                "fullfact.org",
                "nobody",
            ]
        ),
        min_size=1,
        max_size=2,
    ),
    verdict=st.none() | st.lists(st.sampled_from(list(Verdict)), min_size=1, max_size=3),
    max_age_days=st.none() | st.integers(0, 1600),
    reviewed_after=st.none() | st.dates(date(2021, 1, 1), date(2023, 6, 1)),
    reviewed_before=st.none() | st.dates(date(2023, 6, 2), date(2026, 1, 1)),
    as_of=st.just(AS_OF),
)


@pytest.fixture(scope="module")
def payload_collection() -> Any:
    client = QdrantClient(location=":memory:")
    client.create_collection("c", vectors_config=qm.VectorParams(size=2, distance=qm.Distance.DOT))
    client.upsert(
        "c",
        points=qm.Batch(
            ids=list(range(len(VARIED))),
            vectors=[[1.0, 0.0]] * len(VARIED),
            payloads=[claim_payload(c) for c in VARIED],
        ),
    )
    return client


@requires_qdrant
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=filters)
def test_payload_filter_selects_exactly_what_claim_filter_accepts(payload_collection: Any, where: ClaimFilter) -> None:
    translated = payload_filter(where)
    records, _ = payload_collection.scroll("c", scroll_filter=translated, limit=1000)
    assert {VARIED[int(r.id)].id for r in records} == {c.id for c in VARIED if where.accepts(c)}


@requires_qdrant
def test_payload_and_filter_translation() -> None:
    claim = VerifiedClaim(
        id="x",
        text="A claim.",
        language="en-GB",
        publisher="PolitiFact",
        review_url="https://www.PolitiFact.com/a",
        verdict="false",
        review_date="2024-05-05",
    )
    assert claim_payload(claim) == {
        "language": ["en", "en-gb"],
        "verdict": "false",
        "publisher_name": "politifact",
        "publisher_sites": ["www.politifact.com", "politifact.com", "com"],
        "review_day": date(2024, 5, 5).toordinal(),
    }
    where = ClaimFilter(
        language="en-GB",
        publisher="www.PolitiFact.com",
        verdict=["false", "mostly_false"],
        reviewed_after="2024-01-01",
        reviewed_before="2024-12-31",
    )
    translated = payload_filter(where)
    assert translated is not None and len(translated.must) == 4
    language, publisher, verdict, dates = translated.must
    assert language.key == "language" and language.match.any == ["en-gb"]
    names, sites = publisher.should
    assert names.match.any == ["www.politifact.com"] and sites.match.any == ["politifact.com"]
    assert verdict.key == "verdict" and verdict.match.any == ["false", "mostly_false"]
    assert dates.key == "review_day"
    assert (dates.range.gte, dates.range.lte) == (date(2024, 1, 1).toordinal(), date(2024, 12, 31).toordinal())
    assert payload_filter(ClaimFilter()) is None


# ---------------------------------------------------------------------- same results as FAISS
@pytest.fixture(scope="module")
def pair(embedder: Embedder) -> tuple[ClaimIndex, ClaimIndex]:
    """The varied claims (real embeddings) in a FAISS and a Qdrant index with identical vectors."""
    faiss_index = ClaimIndex.build(VARIED, embedder=embedder)
    vectors = np.stack([faiss_index.vector(c.id) for c in VARIED])
    return faiss_index, ClaimIndex.build(VARIED, embedder=embedder, vectors=vectors, backend="qdrant")


def _hits(index: ClaimIndex, query: np.ndarray, k: int, where: ClaimFilter | None) -> list[tuple[str, float]]:
    return [(c.id, s) for c, s in index.search(query, k, where=where)[0]]


def _assert_same(a: list[tuple[str, float]], b: list[tuple[str, float]]) -> None:
    assert [i for i, _ in a] == [i for i, _ in b]
    assert [s for _, s in a] == pytest.approx([s for _, s in b], abs=1e-5)


@requires_qdrant
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=filters, k=st.integers(1, 12))
def test_filtered_search_equals_faiss(pair: tuple[ClaimIndex, ClaimIndex], where: ClaimFilter, k: int) -> None:
    faiss_index, qdrant_index = pair
    query = faiss_index.vector("c7")[None, :] * 0.6 + faiss_index.vector("c40")[None, :] * 0.4
    _assert_same(_hits(qdrant_index, query, k, where), _hits(faiss_index, query, k, where))


@requires_qdrant
def test_id_fallback_gives_the_same_results(
    pair: tuple[ClaimIndex, ClaimIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    faiss_index, qdrant_index = pair
    query = faiss_index.vector("c3")[None, :]
    where = ClaimFilter(language="en", verdict=["false", "true"], max_age_days=900, as_of=AS_OF)
    expected = _hits(faiss_index, query, 10, where)
    # a ClaimFilter field without a payload translation: the store restricts by ids instead
    monkeypatch.setattr(qdrant_store, "_FILTER_FIELDS", qdrant_store._FILTER_FIELDS - {"verdict"})
    with pytest.raises(NotImplementedError):
        payload_filter(where)
    _assert_same(_hits(qdrant_index, query, 10, where), expected)


@requires_qdrant
def test_points_added_without_claims_fall_back_to_ids() -> None:
    store = QdrantVectorStore.create(DIM, options={})
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((4, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store.add(vectors, np.arange(4, dtype=np.int64))  # no claims: no payload
    _, found = store.search(vectors[:1], 4, allowed=np.asarray([1, 3]), where=ClaimFilter(language="en"))
    assert sorted(found[0][found[0] >= 0].tolist()) == [1, 3]


@requires_qdrant
def test_matcher_end_to_end_equals_faiss(default_index: ClaimIndex, embedder: Embedder) -> None:
    claims = default_index.claims
    vectors = np.stack([default_index.vector(c.id) for c in claims])
    qdrant_index = ClaimIndex.build(claims, embedder=embedder, vectors=vectors, backend="qdrant")
    texts = (ROOT / "examples" / "sample_claims.txt").read_text("utf-8").splitlines()[:6]
    dates = sorted(c.review_date for c in claims if c.review_date)
    for kwargs in ({}, {"verdict": ["true", "mostly_true"]}, {"reviewed_after": dates[len(dates) // 2]}):
        expected = ClaimMatcher(default_index, min_score=-1.0).match_many(texts, top_k=4, **kwargs)
        got = ClaimMatcher(qdrant_index, min_score=-1.0).match_many(texts, top_k=4, **kwargs)
        for want, have in zip(expected, got, strict=True):
            assert [(m.claim.id, m.stance, m.rank) for m in have] == [(m.claim.id, m.stance, m.rank) for m in want]
            assert [m.score for m in have] == pytest.approx([m.score for m in want], abs=1e-5)
            assert [m.confidence for m in have] == pytest.approx([m.confidence for m in want], abs=1e-5)
    assert any(expected)


# ---------------------------------------------------------------------- embedded mode on disk
def _claims(n: int = 5) -> tuple[list[VerifiedClaim], np.ndarray]:
    rng = np.random.default_rng(n)
    claims = [
        VerifiedClaim(id=f"k{i}", text=f"Known claim {i}.", verdict="false" if i % 2 else "true") for i in range(n)
    ]
    return claims, rng.standard_normal((n, DIM)).astype(np.float32)


@requires_qdrant
def test_embedded_on_disk_path(tmp_path: Path) -> None:
    claims, vectors = _claims()
    index = ClaimIndex(dimension=DIM, backend="qdrant", backend_options={"path": tmp_path / "qdrant"})
    index.add(claims, vectors=vectors)
    assert (tmp_path / "qdrant").is_dir() and index.store.describe()["qdrant"]["mode"] == "embedded"
    with pytest.raises(BackendUnavailableError, match="in use"):  # Qdrant locks its storage folder
        ClaimIndex(dimension=DIM, backend="qdrant", backend_options={"path": tmp_path / "qdrant"})
    saved = index.save(tmp_path / "idx")
    query = index.vector("k1")[None, :]
    before = _hits(index, query, 3, ClaimFilter(verdict="false"))
    vector = index.vector("k3")
    index.store.close()  # type: ignore[attr-defined]
    # the index directory is self-contained: load it into memory, or back into the same folder
    for options in (None, {"path": tmp_path / "qdrant"}):
        loaded = ClaimIndex.load(saved, backend_options=options)
        assert loaded.backend == "qdrant" and len(loaded.store) == 5
        _assert_same(_hits(loaded, query, 3, ClaimFilter(verdict="false")), before)
        assert np.array_equal(loaded.vector("k3"), vector)
        loaded.store.close()  # type: ignore[attr-defined]


@requires_qdrant
def test_truncated_vectors_file_is_corrupt(tmp_path: Path) -> None:
    claims, vectors = _claims()
    built = ClaimIndex(dimension=DIM, backend="qdrant")
    built.add(claims, vectors=vectors)
    data = built.store.to_bytes()
    description = built.store.describe()
    for damaged in (data[:-4], data[:30], data.replace(b'"count":5', b'"count":6')):
        with pytest.raises(CorruptIndexError, match="rebuild"):
            QdrantVectorStore.open(description, damaged, dimension=DIM, where=tmp_path, options={})
    with pytest.raises(DimensionMismatchError, match="16"):
        QdrantVectorStore.open(description, data, dimension=16, where=tmp_path, options={})


# ---------------------------------------------------------------------- server mode (stand-in server)
@pytest.fixture()
def fake_server(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """``url=`` connects to one in-memory client (standing in for a server); records connection settings."""
    server: dict[str, Any] = {"client": QdrantClient(location=":memory:"), "connections": []}
    real_connect = qdrant_store._connect

    def connect(url: str | None, options: Any) -> Any:
        if url is None:
            return real_connect(url, options)
        server["connections"].append({"url": url, **dict(options)})
        return server["client"]

    monkeypatch.setattr(qdrant_store, "_connect", connect)
    return server


@requires_qdrant
def test_server_mode_saves_a_reference_without_secrets(fake_server: dict[str, Any], tmp_path: Path) -> None:
    claims, vectors = _claims()
    index = ClaimIndex(
        dimension=DIM,
        backend="qdrant",
        url="https://user:password@qdrant.example:6333",
        backend_options={"api_key": "s3cret-key", "collection": "fact-checks"},
    )
    index.add(claims, vectors=vectors)
    description = index.store.describe()
    assert description["index_type"] == "hnsw"  # "auto" on a server
    assert description["qdrant"] == {
        "mode": "server",
        "url": "https://qdrant.example:6333",
        "collection": "fact-checks",
        "distance": "dot",
        "payload_version": 1,
    }
    saved = index.save(tmp_path / "idx")
    manifest = json.loads((saved / "manifest.json").read_text())
    reference = json.loads((saved / manifest["files"]["vectors"]["path"]).read_text())
    assert reference["collection"] == "fact-checks" and reference["count"] == 5
    everything = b"".join(p.read_bytes() for p in saved.iterdir())
    assert b"s3cret" not in everything and b"password" not in everything

    query = index.vector("k2")[None, :]
    loaded = ClaimIndex.load(saved, backend_options={"api_key": "s3cret-key"})
    assert fake_server["connections"][-1] == {"url": "https://qdrant.example:6333", "api_key": "s3cret-key"}
    assert loaded.store.describe() == description
    _assert_same(
        _hits(loaded, query, 5, ClaimFilter(verdict="true")), _hits(index, query, 5, ClaimFilter(verdict="true"))
    )

    # updates go straight to the collection; the directory must be saved again to match it
    loaded.remove(["k0"])
    with pytest.raises(CorruptIndexError, match="changed after the last save"):
        ClaimIndex.load(saved)
    loaded.save()
    assert len(ClaimIndex.load(saved)) == 4
    ClaimIndex.load(saved, url="http://other-host:6333")  # the recorded url can be overridden
    assert fake_server["connections"][-1]["url"] == "http://other-host:6333"

    manifest = json.loads((saved / "manifest.json").read_text())
    manifest["dimension"] = 16
    (saved / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(DimensionMismatchError, match="16"):
        ClaimIndex.load(saved)
    manifest["dimension"] = DIM
    (saved / "manifest.json").write_text(json.dumps(manifest))
    fake_server["client"].delete_collection("fact-checks")
    with pytest.raises(CorruptIndexError, match="does not exist"):
        ClaimIndex.load(saved)


@requires_qdrant
def test_existing_server_collection_is_not_clobbered(fake_server: dict[str, Any]) -> None:
    url = "http://qdrant.example:6333"
    claims, vectors = _claims(2)
    first = ClaimIndex(dimension=DIM, backend="qdrant", url=url, backend_options={"collection": "shared"})
    first.add(claims, vectors=vectors)
    with pytest.raises(InvalidArgumentError, match="exists already"):
        ClaimIndex(dimension=DIM, backend="qdrant", url=url, backend_options={"collection": "shared"})
    again = ClaimIndex(
        dimension=DIM, backend="qdrant", url=url, backend_options={"collection": "shared", "recreate": True}
    )
    assert len(again.store) == 0 and fake_server["client"].count("shared").count == 0
    again.store.drop()  # type: ignore[attr-defined]
    assert not fake_server["client"].collection_exists("shared")


@requires_qdrant
def test_embedded_index_moves_to_a_server_on_load(fake_server: dict[str, Any], tmp_path: Path) -> None:
    claims, vectors = _claims()
    index = ClaimIndex(dimension=DIM, backend="qdrant")
    index.add(claims, vectors=vectors)
    saved = index.save(tmp_path / "idx")
    moved = ClaimIndex.load(saved, url="http://qdrant.example:6333", backend_options={"collection": "moved"})
    assert moved.store.describe()["qdrant"]["mode"] == "server" and fake_server["client"].count("moved").count == 5
    query = index.vector("k4")[None, :]
    _assert_same(_hits(moved, query, 3, None), _hits(index, query, 3, None))


@requires_qdrant
def test_api_key_comes_from_options_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, Any]] = []

    class Recorder:
        def __init__(self, **kwargs: Any) -> None:
            seen.append(kwargs)

    monkeypatch.setattr("qdrant_client.QdrantClient", Recorder)
    monkeypatch.setenv("QDRANT_API_KEY", "from-env")
    qdrant_store._connect("http://qdrant.example:6333", {})
    qdrant_store._connect("http://qdrant.example:6333", {"api_key": "explicit", "timeout": 5})
    assert [s["api_key"] for s in seen] == ["from-env", "explicit"] and seen[1]["timeout"] == 5
    monkeypatch.delenv("QDRANT_API_KEY")
    qdrant_store._connect("http://qdrant.example:6333", {})
    assert seen[-1]["api_key"] is None


@requires_qdrant
def test_unreachable_server_is_reported() -> None:
    with pytest.raises(BackendUnavailableError, match="check the url"):
        ClaimIndex(dimension=DIM, backend="qdrant", url="http://127.0.0.1:9", backend_options={"timeout": 2})


# ---------------------------------------------------------------------- arguments and the missing extra
@requires_qdrant
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"backend_options": {"colection": "x"}}, "unknown qdrant backend_options"),
        ({"backend_options": {"api_key": "k"}}, "applies to a Qdrant server"),
        ({"index_type": "hnsw"}, "always searches exactly"),
        ({"index_type": "ivf"}, "index_type must be one of"),
        ({"url": "qdrant:6333"}, "http"),
        ({"url": "http://q:6333", "backend_options": {"path": "/tmp/x"}}, "embedded"),
        ({"backend_options": {"hnsw_ef": 0}}, "hnsw_ef"),
    ],
)
def test_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        ClaimIndex(dimension=DIM, backend="qdrant", **kwargs)


def test_missing_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs with or without the extra: without it, this is the real behaviour."""
    monkeypatch.setitem(sys.modules, "qdrant_client", None)  # import qdrant_client now raises ImportError
    with pytest.raises(BackendUnavailableError, match=r'pip install "claimmatch\[qdrant\]"'):
        ClaimIndex(dimension=DIM, backend="qdrant")
    assert issubclass(BackendUnavailableError, RuntimeError)
