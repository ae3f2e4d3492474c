"""The FAISS index types: same results as exact search, updates, manifests, auto selection, mmap."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from claimmatch import ClaimIndex, VerifiedClaim
from claimmatch.errors import CorruptIndexError, InvalidArgumentError
from claimmatch.faiss_store import DEFAULT_PARAMS, FaissVectorStore, auto_nlist
from claimmatch.filters import ClaimFilter

DIM = 384
N = 2_000
# Small but realistic: 2,000 unit vectors in 80 topics (claims on one topic are close, as
# paraphrases are), queries near claims. These settings make the approximate types
# exhaustive (every list probed, every candidate re-scored), so their top results must
# equal exact search; test_approximate_settings_keep_high_recall uses realistic ones.
EXHAUSTIVE: dict[str, dict[str, Any]] = {
    "flat": {},
    "hnsw": {"ef_search": 400, "exact_below": 50},
    "ivfpq": {"train_at": 1_000, "nlist": 16, "nprobe": 16, "k_factor": 200, "pq_m": 24, "exact_below": 50},
}
TYPES = list(EXHAUSTIVE)


def _unit(matrix: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
    return (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def data() -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    rng = np.random.default_rng(7)
    topics = rng.standard_normal((80, DIM))
    vectors = _unit(topics[rng.integers(0, 80, N)] + 0.6 * rng.standard_normal((N, DIM)))
    queries = _unit(vectors[rng.choice(N, 30, replace=False)] + 0.4 * rng.standard_normal((30, DIM)))
    return vectors, queries


def _publisher(i: int) -> str:
    return "rare.org" if i % 40 == 0 else "common.org" if i % 3 == 0 else "other.org"


def _claims(count: int, start: int = 0) -> list[VerifiedClaim]:
    return [
        VerifiedClaim(id=f"c{i}", text=f"Verified claim number {i}.", verdict="false", publisher=_publisher(i))
        for i in range(start, count)
    ]


def _index(index_type: str, vectors: npt.NDArray[np.float32], **options: Any) -> ClaimIndex:
    index = ClaimIndex(
        dimension=DIM, lexical=False, index_type=index_type, backend_options={**EXHAUSTIVE[index_type], **options}
    )
    index.add(_claims(len(vectors)), vectors=vectors)
    return index


@pytest.fixture(scope="module")
def built(data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]) -> dict[str, ClaimIndex]:
    return {index_type: _index(index_type, data[0]) for index_type in TYPES}


def _top(index: ClaimIndex, queries: npt.NDArray[np.float32], k: int = 10, **kwargs: Any) -> list[list[str]]:
    return [[claim.id for claim, _ in hits] for hits in index.search(queries, k, **kwargs)]


@pytest.mark.parametrize("index_type", TYPES)
def test_same_top_results_as_exact_search(
    index_type: str, built: dict[str, ClaimIndex], data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]
) -> None:
    _, queries = data
    index, flat = built[index_type], built["flat"]
    assert index.store.describe()["index_type"] == index_type
    assert _top(index, queries) == _top(flat, queries)
    scores = [[s for _, s in hits] for hits in index.search(queries, 10)]
    exact = [[s for _, s in hits] for hits in flat.search(queries, 10)]
    assert np.allclose(scores, exact, atol=1e-5)  # scores are exact cosines for every type


@pytest.mark.parametrize(
    ("index_type", "options"),
    [("hnsw", {"ef_search": 32}), ("ivfpq", {"nprobe": 8, "k_factor": 32})],
)
def test_approximate_settings_keep_high_recall(
    index_type: str,
    options: dict[str, Any],
    built: dict[str, ClaimIndex],
    data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]],
) -> None:
    vectors, queries = data
    index = _index(index_type, vectors, **options)
    exact = _top(built["flat"], queries)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(_top(index, queries), exact, strict=True)])
    assert recall >= (0.9 if index_type == "hnsw" else 0.8), recall  # 2,000 vectors: 5-bit PQ codes


@pytest.mark.parametrize("index_type", TYPES)
def test_filtered_search_matches_exact(index_type: str, built: dict[str, ClaimIndex]) -> None:
    vectors = np.stack([built["flat"].vector(f"c{i}") for i in (5, 500, 1500)])
    for publishers in (("rare.org",), ("rare.org", "common.org")):  # 50 allowed (exact path), ~690 (selector)
        allowed = {f"c{i}" for i in range(N) if _publisher(i) in publishers}
        where = ClaimFilter(publisher=publishers)
        got, exact = _top(built[index_type], vectors, 5, where=where), _top(built["flat"], vectors, 5, where=where)
        assert all(set(row) <= allowed for row in got)
        assert got == exact


@pytest.mark.parametrize("index_type", TYPES)
def test_add_upsert_remove(index_type: str, data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]) -> None:
    vectors, queries = data
    index = _index(index_type, vectors[:1_500])
    reference = _index("flat", vectors[:1_500])
    for target in (index, reference):
        target.add(_claims(N, 1_500), vectors=vectors[1_500:])
        target.remove([f"c{i}" for i in range(0, 400, 2)])
        # metadata-only upsert keeps the exact vector; a new vector replaces it
        target.upsert([VerifiedClaim(id="c1", text="Verified claim number 1.", verdict="true", publisher="x.org")])
        target.upsert(
            [VerifiedClaim(id="c3", text="A different text now.")], vectors=vectors[1_999:2_000] + vectors[7:8]
        )
    assert len(index) == len(reference) == N - 200
    assert index.get("c1").verdict.value == "true"
    assert np.allclose(index.vector("c1"), vectors[1], atol=1e-6)
    assert np.allclose(index.vector("c3"), reference.vector("c3"), atol=1e-6)
    assert _top(index, queries) == _top(reference, queries)
    removed = {f"c{i}" for i in range(0, 400, 2)}
    assert not removed & {claim for row in _top(index, vectors[:400:2], 10) for claim in row}


def test_hnsw_tombstones_then_rebuild(data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]) -> None:
    vectors, _ = data
    index = _index("hnsw", vectors, max_tombstones=0.1)
    index.remove([f"c{i}" for i in range(150)])
    assert index.store.describe()["index_params"]["tombstones"] == 150  # below 10%: marked only
    assert all(int(c[1:]) >= 150 for row in _top(index, vectors[:150], 10) for c in row)
    index.remove([f"c{i}" for i in range(150, 250)])  # 250 > 10% of 2,000: rebuilt
    assert index.store.describe()["index_params"]["tombstones"] == 0
    assert len(index) == len(index.store) == N - 250


def test_auto_converts_as_the_collection_grows(data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]) -> None:
    vectors, queries = data
    options = {"auto_hnsw_at": 500, "auto_ivfpq_at": 1_500, **EXHAUSTIVE["ivfpq"], "ef_search": 400}
    index = ClaimIndex(dimension=DIM, lexical=False, backend_options=options)  # index_type="auto"
    steps = []
    for stop in (400, 1_000, N):
        start = len(index)
        index.add(_claims(stop, start), vectors=vectors[start:stop])
        steps.append(index.store.describe()["index_type"])
    assert steps == ["flat", "hnsw", "ivfpq"]
    assert index.store.describe()["index_type_requested"] == "auto"
    assert _top(index, queries) == _top(_index("flat", vectors), queries)
    index.remove([f"c{i}" for i in range(1_000)])  # never converts back
    assert index.store.describe()["index_type"] == "ivfpq"


def test_auto_defaults_and_nlist() -> None:
    assert DEFAULT_PARAMS["auto_hnsw_at"] < DEFAULT_PARAMS["auto_ivfpq_at"]
    assert FaissVectorStore(DIM).index_type == "flat"
    assert auto_nlist(1_000_000) == 1024 and auto_nlist(10_000_000) == 4096 and auto_nlist(100) == 16


def test_ivfpq_trains_at_threshold_and_retrains_on_growth(
    data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]],
) -> None:
    vectors, _ = data
    store = FaissVectorStore(DIM, index_type="ivfpq", params={"train_at": 600, "retrain_growth": 2.0, "pq_m": 24})
    ids = np.arange(N, dtype=np.int64)
    store.add(vectors[:500], ids[:500])
    assert store.describe()["index_params"]["trained_count"] == 0  # untrained: exact search
    store.add(vectors[500:700], ids[500:700])
    assert store.describe()["index_params"]["trained_count"] == 700
    store.add(vectors[700:1_300], ids[700:1_300])
    assert store.describe()["index_params"]["trained_count"] == 700  # < 2 x 700
    store.add(vectors[1_300:1_500], ids[1_300:1_500])
    assert store.describe()["index_params"]["trained_count"] == 1_500


@pytest.mark.parametrize("index_type", TYPES)
def test_manifest_round_trip_and_mmap(
    index_type: str,
    built: dict[str, ClaimIndex],
    data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]],
    tmp_path: Path,
) -> None:
    _, queries = data
    index = built[index_type]
    index.save(tmp_path / "idx")
    manifest = json.loads((tmp_path / "idx" / "manifest.json").read_text())
    assert manifest["index_type"] == index_type and manifest["index_type_requested"] == index_type
    assert manifest["index_params"]["ef_search"] == EXHAUSTIVE[index_type].get("ef_search", DEFAULT_PARAMS["ef_search"])
    expected = _top(index, queries)
    loaded = ClaimIndex.load(tmp_path / "idx")
    mapped = ClaimIndex.load(tmp_path / "idx", mmap=True)
    assert loaded.store.describe() == index.store.describe() == mapped.store.describe()
    assert _top(loaded, queries) == _top(mapped, queries) == expected
    assert np.array_equal(mapped.vector("c42"), index.vector("c42"))
    # a mapped index can still be updated and saved; the file it maps is left intact
    mapped.remove(["c42"])
    mapped.add(_claims(N + 1, N), vectors=queries[:1])
    mapped.save()
    again = ClaimIndex.load(tmp_path / "idx", mmap=True)
    assert len(again) == N and "c42" not in again and _top(again, queries[:1], 1) == [[f"c{N}"]]
    assert _top(loaded, queries) == expected


def test_search_params_overridable_on_load_build_params_not(built: dict[str, ClaimIndex], tmp_path: Path) -> None:
    built["hnsw"].save(tmp_path / "idx")
    loaded = ClaimIndex.load(tmp_path / "idx", backend_options={"ef_search": 32})
    assert loaded.store.describe()["index_params"]["ef_search"] == 32
    with pytest.raises(InvalidArgumentError, match="fixed when the index structure is built"):
        ClaimIndex.load(tmp_path / "idx", backend_options={"hnsw_m": 8})
    with pytest.raises(InvalidArgumentError, match="unknown faiss backend option"):
        ClaimIndex(dimension=DIM, backend_options={"efsearch": 3})
    with pytest.raises(InvalidArgumentError, match="index_type"):
        ClaimIndex(dimension=DIM, index_type="lsh")


@pytest.mark.parametrize("index_type", ["flat", "ivfpq"])
@pytest.mark.parametrize("mmap", [False, True])
def test_corrupt_vectors_file(index_type: str, mmap: bool, built: dict[str, ClaimIndex], tmp_path: Path) -> None:
    built[index_type].save(tmp_path / "idx")
    manifest = json.loads((tmp_path / "idx" / "manifest.json").read_text())
    path = tmp_path / "idx" / manifest["files"]["vectors"]["path"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptIndexError, match="checksum"):
        ClaimIndex.load(tmp_path / "idx", mmap=mmap)
    path.write_bytes(bytes(data[: len(data) // 3]))
    with pytest.raises(CorruptIndexError):
        ClaimIndex.load(tmp_path / "idx", mmap=mmap)


def test_a_flat_index_saved_before_index_types_still_loads(
    data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]], tmp_path: Path
) -> None:
    vectors, queries = data
    index = _index("flat", vectors[:300])
    index.save(tmp_path / "idx")
    manifest_path = tmp_path / "idx" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for key in ("index_type_requested", "index_params"):  # as written by earlier releases
        del manifest[key]
    manifest_path.write_text(json.dumps(manifest))
    loaded = ClaimIndex.load(tmp_path / "idx")
    assert loaded.store.describe()["index_type"] == "flat"
    assert _top(loaded, queries) == _top(index, queries)


@pytest.mark.parametrize("index_type", TYPES)
def test_a_single_query_runs_on_one_openmp_thread_with_the_batch_results(
    index_type: str, data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]
) -> None:
    import faiss

    from claimmatch import faiss_store

    vectors, queries = data
    store = FaissVectorStore(DIM, index_type=index_type, params=EXHAUSTIVE[index_type])
    store.add(vectors, np.arange(N, dtype=np.int64))
    seen: list[int] = []
    original = store._search

    def spy(*args: Any) -> Any:
        seen.append(faiss.omp_get_max_threads())
        return original(*args)

    store._search = spy  # type: ignore[method-assign, assignment]
    before = faiss.omp_get_max_threads()
    batch_scores, batch_ids = store.search(queries, 5)
    singles = [store.search(query[None, :], 5) for query in queries]
    assert faiss.omp_get_max_threads() == before  # restored after every single query
    assert seen == [before] + [1] * len(queries)
    assert np.array_equal(np.vstack([ids for _, ids in singles]), batch_ids)
    assert np.allclose(np.vstack([scores for scores, _ in singles]), batch_scores, atol=1e-6)
    with faiss_store._openmp_threads(before):  # already the count: nothing to change
        assert faiss.omp_get_max_threads() == before
