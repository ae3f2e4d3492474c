"""Tests for claimmatch.lexical: the incremental BM25 index."""

from __future__ import annotations

import json
import random
import struct
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from claimmatch import lexical
from claimmatch.errors import (
    ClaimMatchError,
    CorruptIndexError,
    DuplicateIdError,
    InvalidArgumentError,
    InvalidTypeError,
    UnknownIdError,
)
from claimmatch.lexical import ENGLISH_STOPWORDS, Analyzer, LexicalIndex, _Compiled

DOCS = [
    "A viral video shows a 10-meter-long anaconda swimming across a river in Brazil.",
    "McDonald's restaurants are offering $1 Any Size Fries between May 18 and 31.",
    "100 Facebook shares will secure a heart transplant for a child.",
    "A $100 Target coupon circulated via Facebook is real.",
    "Police in Danville, Virginia put the hoods of their cars up to block dash cameras.",
    "The U.S. Army is contacting people about a military draft by text message.",
    "Cracker Barrel is changing its name because customers were offended.",
    "A photograph shows a Quran stained with blood after a drone strike in Somalia.",
    "Barron Trump was born before Melania Trump became a U.S. citizen.",
    "Tide put Tide Pods in plastic boxes because people were eating them.",
]
QUERIES = [
    "anaconda swimming in a river",
    "Facebook shares heart transplant child",
    "Facebook coupon",
    "army draft text messages",
    "police cars hoods dash cams",
    "nothing relevant zzzz",
    "Trump Trump citizen",
    "the a of",  # only stopwords
]


def _index(docs: list[str] = DOCS, **kwargs: object) -> LexicalIndex:
    index = LexicalIndex(**kwargs)  # type: ignore[arg-type]
    index.add(list(range(len(docs))), docs)
    return index


def test_analyzer_lowercases_drops_stopwords_and_stems() -> None:
    assert Analyzer()("The Cats are RUNNING to a claim") == ["cat", "run", "claim"]
    assert Analyzer(stemmer=None, stopwords=None)("The cats") == ["the", "cats"]
    assert Analyzer(stopwords=["cats"])("the cats") == ["the"]
    assert "the" in ENGLISH_STOPWORDS


def test_search_finds_the_right_document() -> None:
    index = _index()
    hits = index.search(QUERIES[:5], k=3)
    assert [h[0][0] for h in hits] == [0, 2, 3, 5, 4]
    assert all(score > 0 for row in hits for _, score in row)
    assert hits[2][0][1] > hits[2][1][1]  # best first


def test_no_shared_token_returns_nothing() -> None:
    index = _index()
    assert index.search(["nothing relevant zzzz", "the a of"], k=5) == [[], []]


def test_repeated_query_tokens_count_again() -> None:
    index = _index()
    once = dict(index.search(["Trump citizen"], 10)[0])
    twice = dict(index.search(["Trump Trump citizen"], 10)[0])
    assert twice[8] > once[8]


def test_ties_are_broken_by_smaller_id() -> None:
    index = LexicalIndex()
    index.add([7, 3, 5], ["same words here", "same words here", "other"])
    assert [i for i, _ in index.search(["same words"], 2)[0]] == [3, 7]


def test_score_formula_by_hand() -> None:
    index = LexicalIndex(stemmer=None, stopwords=None, k1=1.2, b=0.5)
    index.add([0, 1, 2], ["apple banana", "apple apple cherry cherry", "banana"])
    n, df, avg = 3, 2, (2 + 4 + 1) / 3
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    tf, length = 2, 4
    expected = idf * tf / (tf + 1.2 * (1 - 0.5 + 0.5 * length / avg))
    assert index.score_ids("apple", [1])[0] == pytest.approx(expected, rel=1e-5)


def test_parity_with_bm25s() -> None:
    bm25s = pytest.importorskip("bm25s")
    stemmer = pytest.importorskip("Stemmer").Stemmer("english")
    rng = random.Random(4)
    words = " ".join(DOCS).split()
    corpus = DOCS + [" ".join(rng.choice(words) for _ in range(rng.randint(3, 25))) for _ in range(200)]
    queries = QUERIES[:5] + [" ".join(rng.choice(words) for _ in range(6)) for _ in range(20)]
    reference = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    reference.index(bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False)
    ours = _index(corpus)
    for query in queries:
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False)[0]
        expected = reference.get_scores(tokens)
        ids, got = ours.scores(query)
        assert ids.tolist() == list(range(len(corpus)))
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_incremental_updates_equal_a_fresh_build() -> None:
    index = LexicalIndex()
    index.add([0, 1, 2, 3], DOCS[:4])
    index.search(["warm the compiled arrays"], 1)
    index.add([4, 5, 6], DOCS[4:7])
    index.remove([1, 5])
    index.upsert([2], [DOCS[9]])
    fresh = LexicalIndex()
    fresh.add([0, 2, 3, 4, 6], [DOCS[0], DOCS[9], DOCS[3], DOCS[4], DOCS[6]])
    assert index.search(QUERIES, 10) == fresh.search(QUERIES, 10)
    assert index.to_bytes() == fresh.to_bytes()
    assert len(index) == 5 and 2 in index and 1 not in index
    assert index.ids == [0, 2, 3, 4, 6]


def test_serialisation_round_trip_is_deterministic() -> None:
    forward = _index()
    backward = LexicalIndex()
    order = list(range(len(DOCS)))[::-1]
    backward.add(order, [DOCS[i] for i in order])
    data = forward.to_bytes()
    assert data == backward.to_bytes()
    loaded = LexicalIndex.from_bytes(data)
    assert loaded.to_bytes() == data
    assert loaded.search(QUERIES, 5) == forward.search(QUERIES, 5)
    assert (loaded.k1, loaded.b) == (forward.k1, forward.b)
    empty = LexicalIndex().to_bytes()
    assert len(LexicalIndex.from_bytes(empty)) == 0


def test_settings_survive_serialisation() -> None:
    index = _index(k1=0.9, b=0.4, stemmer=None, stopwords=["river"])
    loaded = LexicalIndex.from_bytes(index.to_bytes())
    assert (loaded.k1, loaded.b) == (0.9, 0.4)
    assert loaded.analyzer("rivers river the") == ["rivers", "the"]
    assert loaded.search(QUERIES, 3) == index.search(QUERIES, 3)


@pytest.mark.parametrize("cut", [0, 5, 20, -1, -9])
def test_corrupt_bytes_are_rejected(cut: int) -> None:
    data = _index().to_bytes()
    with pytest.raises(CorruptIndexError):
        LexicalIndex.from_bytes(data[:cut] if cut else b"not an index")


def test_corrupt_header_is_rejected() -> None:
    data = bytearray(_index().to_bytes())
    at = data.index(b'"k1"')
    data[at : at + 4] = b'"kX"'
    with pytest.raises(CorruptIndexError):
        LexicalIndex.from_bytes(bytes(data))


def test_errors() -> None:
    index = _index()
    with pytest.raises(DuplicateIdError):
        index.add([0], ["again"])
    with pytest.raises(DuplicateIdError):
        LexicalIndex().add([1, 1], ["a b", "c d"])
    with pytest.raises(UnknownIdError):
        index.remove([0, 99])
    assert 0 in index  # nothing removed
    with pytest.raises(UnknownIdError):
        index.score_ids("anaconda", [99])
    with pytest.raises(InvalidArgumentError):
        index.search(["x"], 0)
    with pytest.raises(InvalidTypeError):
        index.search("a single string", 3)
    with pytest.raises(InvalidTypeError):
        index.add(["7"], ["text"])  # type: ignore[list-item]
    with pytest.raises(InvalidArgumentError):
        index.add([20, 21], ["only one"])
    with pytest.raises(InvalidArgumentError):
        LexicalIndex(b=2.0)
    with pytest.raises(InvalidArgumentError):
        LexicalIndex(stemmer="klingon")


def test_vocabulary_is_compacted_after_churn() -> None:
    index = LexicalIndex(stemmer=None)
    for n in range(30):
        index.add([n], [" ".join(f"w{n}x{j}" for j in range(100))])
        if n:
            index.remove([n - 1])
    index.search(["w29x1"], 1)
    assert len(index._terms) < 3000
    assert index.search(["w29x1 w28x1"], 3)[0][0][0] == 29


def test_empty_index_searches() -> None:
    index = LexicalIndex()
    assert index.search(["anything"], 3) == [[]]
    index.add([1], ["something"])
    index.remove([1])
    assert index.search(["something"], 3) == [[]]


@pytest.mark.parametrize(
    ("size", "rare"),
    [(10, 0), (2000, 0), (2000, 20_000)],  # queries with many postings (dense scratch) and few (sorted grouping)
)
def test_sparse_scores_equal_the_dense_scores_bit_for_bit(size: int, rare: int) -> None:
    rng = random.Random(7)
    words = [w for doc in DOCS for w in doc.split()] + [f"rare{n}" for n in range(rare)]
    docs = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(size)]
    index = LexicalIndex()
    ids = rng.sample(range(10 * size), size)  # ids with gaps, not in insertion order
    index.add(ids, docs)
    for query in [*QUERIES, *(" ".join(rng.choice(words) for _ in range(5)) for _ in range(20))]:
        all_ids, dense = index.scores(query)
        sparse = index.sparse_scores(query)
        nonzero = dense > 0
        assert np.array_equal(sparse.ids, all_ids[nonzero]) and np.array_equal(sparse.scores, dense[nonzero])
        assert np.array_equal(sparse.get(all_ids), dense)  # 0 for the documents without a shared token
        depth = 7
        order = np.argsort(-dense, kind="stable")[:depth]
        assert sparse.best(depth).tolist() == all_ids[order[dense[order] > 0]].tolist()
        allowed = np.sort(np.asarray(ids[::3], dtype=np.int64))
        kept = sparse.restrict(allowed)
        mask = np.isin(all_ids, allowed) & nonzero
        assert np.array_equal(kept.ids, all_ids[mask]) and np.array_equal(kept.scores, dense[mask])
    assert len(index.sparse_scores("zzzz qqqq")) == 0


def test_best_keeps_every_tie_in_id_order() -> None:
    index = _index(["same words here"] * 5 + ["other"])
    assert index.sparse_scores("same words").best(3).tolist() == [0, 1, 2]
    assert index.sparse_scores("same words").best(10).tolist() == [0, 1, 2, 3, 4]


# ---------------------------------------------------------------- format 2 and the mapped mode
_V1_ARRAYS = ("ids", "nnz", "terms", "tfs")


def _layout(data: bytes) -> tuple[dict[str, object], dict[str, tuple[int, int]]]:
    """The JSON header of format-2 bytes and the ``(offset, size)`` of each array."""
    (head_len,) = struct.unpack_from("<Q", data, 16)
    header = json.loads(data[24 : 24 + head_len])
    at, spans = 24 + head_len, {}
    for name, dtype, count in header["arrays"]:
        size = np.dtype(dtype).itemsize * count
        spans[name] = (at, size)
        at += size + -size % 8
    return header, spans


def _array(data: bytes, name: str) -> np.ndarray:
    header, spans = _layout(data)
    dtype = {entry[0]: entry[1] for entry in header["arrays"]}[name]  # type: ignore[attr-defined]
    at, size = spans[name]
    return np.frombuffer(data, dtype=dtype, count=size // np.dtype(dtype).itemsize, offset=at)


def _as_v1(data: bytes) -> bytes:
    """The format-1 bytes of the same index, as releases before format 2 wrote them."""
    header, spans = _layout(data)
    del header["arrays"]
    header["format"] = 1
    head = json.dumps(header, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    arrays = b"".join(data[at : at + size] for name, (at, size) in spans.items() if name in _V1_ARRAYS)
    return b"claimmatch-bm25\n" + struct.pack("<Q", len(head)) + head + arrays


def _write(tmp_path: Path, data: bytes, name: str = "index.bm25") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _corpus(size: int = 300, seed: int = 11) -> tuple[list[int], list[str], list[str]]:
    """Synthetic documents under ids with gaps (negative and huge ones too) and many queries."""
    rng = random.Random(seed)
    words = [w for doc in DOCS for w in doc.split()] + [f"rare{n}" for n in range(200)]
    docs = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 20))) for _ in range(size)]
    ids = [-7, 2**62, *rng.sample(range(10 * size), size - 2)]
    queries = [*QUERIES, *(" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(120))]
    return ids, docs, queries


def _assert_same_reads(got: LexicalIndex, want: LexicalIndex, queries: list[str]) -> None:
    """Every read of ``got`` equals that of ``want``, scores bit for bit."""
    assert len(got) == len(want) and got.ids == want.ids and repr(got) == repr(want)
    assert np.array_equal(got.id_array(), want.id_array())
    for k in (1, 5, 50):
        assert got.search(queries, k) == want.search(queries, k)
    ids = want.ids
    for query in queries:
        got_ids, got_scores = got.scores(query)
        want_ids, want_scores = want.scores(query)
        assert np.array_equal(got_ids, want_ids) and got_scores.tobytes() == want_scores.tobytes()
        got_sparse, want_sparse = got.sparse_scores(query), want.sparse_scores(query)
        assert np.array_equal(got_sparse.ids, want_sparse.ids)
        assert got_sparse.scores.tobytes() == want_sparse.scores.tobytes()
        some = ids[::7][::-1]
        assert got.score_ids(query, some) == want.score_ids(query, some)


def test_format_2_is_aligned_and_carries_the_compiled_postings() -> None:
    ids, docs, _ = _corpus(50)
    index = LexicalIndex()
    index.add(ids, docs)
    data = index.to_bytes()
    header, spans = _layout(data)
    assert header["format"] == lexical.FORMAT_VERSION == 2
    assert [name for name, _, _ in header["arrays"]] == [  # type: ignore[attr-defined]
        *_V1_ARRAYS,
        "term_ptr",
        "post_rows",
        "post_weights",
    ]
    assert all(at % 8 == 0 for at, _ in spans.values()) and len(data) % 8 == 0
    (head_len,) = struct.unpack_from("<Q", data, 16)
    assert data[24 : 24 + head_len].rstrip(b" ").endswith(b"}")  # padded with spaces
    for at, size in spans.values():
        assert data[at + size : at + size + -size % 8] == bytes(-size % 8)
    # the stored postings are what _Compiled.build gives for the same documents, bit for bit
    loaded = LexicalIndex.from_bytes(data)
    built = _Compiled.build(loaded._docs, loaded._df, loaded.k1, loaded.b)
    assert np.array_equal(_array(data, "ids"), built.row_ids)
    assert np.array_equal(_array(data, "term_ptr"), built.term_ptr)
    assert np.array_equal(_array(data, "post_rows"), built.post_rows)
    assert _array(data, "post_weights").tobytes() == built.post_weights.astype("<f4").tobytes()


def test_format_2_round_trip() -> None:
    ids, docs, queries = _corpus(120)
    index = LexicalIndex(k1=1.2, b=0.6)
    index.add(ids, docs)
    data = index.to_bytes()
    loaded = LexicalIndex.from_bytes(data)
    assert loaded.to_bytes() == data and not loaded.is_mapped
    _assert_same_reads(loaded, index, queries)
    loaded.add([10**6], ["a brand new anaconda"])
    index.add([10**6], ["a brand new anaconda"])
    _assert_same_reads(loaded, index, queries)


def test_format_1_bytes_still_load(tmp_path: Path) -> None:
    ids, docs, queries = _corpus(80)
    index = LexicalIndex()
    index.add(ids, docs)
    data = index.to_bytes()
    old = _as_v1(data)
    assert json.loads(old[24 : 24 + struct.unpack_from("<Q", old, 16)[0]])["format"] == 1
    loaded = LexicalIndex.from_bytes(old)
    assert loaded.to_bytes() == data  # saved again as format 2
    _assert_same_reads(loaded, index, queries)
    mapped = LexicalIndex.map_file(_write(tmp_path, old))  # format 1 is read into memory
    assert not mapped.is_mapped and mapped.to_bytes() == data
    _assert_same_reads(mapped, index, queries)
    for bad in (old[:-1], old + b"\0"):
        with pytest.raises(CorruptIndexError):
            LexicalIndex.from_bytes(bad)
        with pytest.raises(CorruptIndexError):
            LexicalIndex.map_file(_write(tmp_path, bad, "bad.bm25"))


def test_mapped_index_reads_like_the_in_memory_one(tmp_path: Path) -> None:
    ids, docs, queries = _corpus()
    index = LexicalIndex()
    index.add(ids, docs)
    data = index.to_bytes()
    mapped = LexicalIndex.map_file(_write(tmp_path, data))
    assert mapped.is_mapped and mapped._docs == {}  # no per-document objects
    compiled = mapped._compiled
    assert compiled is not None and not compiled.post_weights.flags.owndata  # views of the map
    assert not compiled.post_rows.flags.writeable
    _assert_same_reads(mapped, index, queries)
    _assert_same_reads(mapped, LexicalIndex.from_bytes(data), queries)
    assert -7 in mapped and 2**62 in mapped and np.int64(-7) in mapped
    assert -8 not in mapped and 2**70 not in mapped and "x" not in mapped
    with pytest.raises(UnknownIdError):
        mapped.score_ids("anaconda", [ids[0], 2**70])
    assert mapped.is_mapped and mapped.to_bytes() == data  # reads change nothing


def test_to_bytes_of_an_unchanged_mapped_index_is_the_file(tmp_path: Path) -> None:
    data = _index().to_bytes()
    mapped = LexicalIndex.map_file(_write(tmp_path, data))
    assert mapped.to_bytes() == data
    mapped.search(QUERIES, 3)
    assert mapped.to_bytes() == data and mapped.is_mapped


def _add(index: LexicalIndex) -> None:
    index.add([5000, 5001], ["a completely new zebra document", "another anaconda in the river"])


def _upsert(index: LexicalIndex) -> None:
    index.upsert([index.ids[3], 6000], ["replaced text about Facebook coupons", "zebra crossing"])


def _remove(index: LexicalIndex) -> None:
    index.remove(index.ids[::4])


def _clear(index: LexicalIndex) -> None:
    index.clear()
    index.add([1, 2], ["after a clear", "the anaconda again"])


def _replace(index: LexicalIndex) -> None:
    index.add(index.ids[:3], ["x y z", "anaconda", "Trump citizen"], replace=True)


def _many(index: LexicalIndex) -> None:
    _remove(index)
    _add(index)
    _upsert(index)
    _replace(index)
    index.remove([5000])


@pytest.mark.parametrize("update", [_add, _upsert, _remove, _clear, _replace, _many])
def test_updates_on_a_mapped_index_equal_those_in_memory(
    tmp_path: Path, update: Callable[[LexicalIndex], None]
) -> None:
    ids, docs, queries = _corpus(200)
    index = LexicalIndex()
    index.add(ids, docs)
    index.search(["warm the compiled arrays"], 1)
    mapped = LexicalIndex.map_file(_write(tmp_path, index.to_bytes()))
    update(index)
    update(mapped)
    assert not mapped.is_mapped
    _assert_same_reads(mapped, index, [*queries, "zebra", "replaced coupons"])
    assert mapped.to_bytes() == index.to_bytes()
    again = LexicalIndex.map_file(_write(tmp_path, mapped.to_bytes(), "again.bm25"))
    _assert_same_reads(again, index, queries)


def test_failed_or_empty_updates_leave_a_mapped_index_mapped(tmp_path: Path) -> None:
    data = _index().to_bytes()
    mapped = LexicalIndex.map_file(_write(tmp_path, data))
    with pytest.raises(DuplicateIdError):
        mapped.add([99, 0], ["new", "present"])
    with pytest.raises(UnknownIdError):
        mapped.remove([0, 99])
    with pytest.raises(InvalidTypeError):
        mapped.add(["7"], ["text"])  # type: ignore[list-item]
    mapped.add([], [])
    mapped.remove([])
    assert mapped.is_mapped and mapped.to_bytes() == data and 99 not in mapped and 0 in mapped


def test_mapped_index_of_zero_documents(tmp_path: Path) -> None:
    data = LexicalIndex().to_bytes()
    assert len(data) % 8 == 0
    mapped = LexicalIndex.map_file(_write(tmp_path, data))
    assert mapped.is_mapped and len(mapped) == 0 and mapped.ids == [] and 0 not in mapped
    assert mapped.search(["anything"], 3) == [[]] and len(mapped.sparse_scores("anything")) == 0
    all_ids, scores = mapped.scores("anything")
    assert len(all_ids) == 0 and len(scores) == 0
    assert mapped.score_ids("anything", []) == []
    assert mapped.to_bytes() == data and repr(mapped) == repr(LexicalIndex())
    mapped.add([3], ["something new"])
    fresh = LexicalIndex()
    fresh.add([3], ["something new"])
    assert mapped.search(["something"], 3) == fresh.search(["something"], 3)
    assert mapped.to_bytes() == fresh.to_bytes()


def _set(name: str, element: int, value: float) -> Callable[[bytearray], None]:
    """An alteration that writes ``value`` into element ``element`` of array ``name``."""

    def alter(data: bytearray) -> None:
        header, spans = _layout(bytes(data))
        dtype = {entry[0]: entry[1] for entry in header["arrays"]}[name]  # type: ignore[attr-defined]
        at, size = spans[name]
        itemsize = np.dtype(dtype).itemsize
        count = size // itemsize
        code = {"<i8": "<q", "<i4": "<i", "<f4": "<f"}[dtype]
        struct.pack_into(code, data, at + (element % count) * itemsize, value)

    return alter


def _swap_rows_within_a_term(data: bytearray) -> None:
    ptr = _array(bytes(data), "term_ptr")
    start = int(ptr[:-1][np.diff(ptr) >= 2][0])
    rows = _array(bytes(data), "post_rows")
    _set("post_rows", start, int(rows[start + 1]))(data)
    _set("post_rows", start + 1, int(rows[start]))(data)


def _swap_first_ids(data: bytearray) -> None:
    ids = _array(bytes(data), "ids")
    _set("ids", 0, int(ids[1]))(data)
    _set("ids", 1, int(ids[0]))(data)


def _other_term(data: bytearray) -> None:
    terms = _array(bytes(data), "terms")
    _set("terms", 0, (int(terms[0]) + 1) % (len(_array(bytes(data), "term_ptr")) - 1))(data)


def _nonzero_padding(data: bytearray) -> None:
    at, size = next(span for span in _layout(bytes(data))[1].values() if span[1] % 8)
    data[at + size] = 1


def _header_text(old: bytes, new: bytes) -> Callable[[bytearray], None]:
    def alter(data: bytearray) -> None:
        at = data.index(old)
        data[at : at + len(old)] = new

    return alter


@pytest.mark.parametrize(
    "alter",
    [
        lambda data: data.__delitem__(slice(-1, None)),
        lambda data: data.__delitem__(slice(-8, None)),
        lambda data: data.__delitem__(slice(len(data) // 2, None)),
        lambda data: data.extend(bytes(8)),
        _set("post_rows", 0, 9),  # a row past the 9 documents
        _set("post_rows", 3, -1),
        _set("term_ptr", -1, 10**6),
        _set("term_ptr", 0, 1),
        _set("term_ptr", 2, 0),
        _set("post_weights", 5, float("nan")),
        _set("post_weights", 5, -1.0),
        _set("nnz", 0, -1),
        _set("tfs", 0, 0),
        _set("terms", 0, 10**6),
        _swap_rows_within_a_term,
        _swap_first_ids,
        _other_term,
        _nonzero_padding,
        _header_text(b'"format":2', b'"format":3'),
        _header_text(b'"format":2', b'"format":1'),
        _header_text(b'"documents":9', b'"documents":8'),
        _header_text(b'["nnz","<i4",9]', b'["nnz","<i8",9]'),
    ],
)
def test_corrupt_format_2_is_rejected(tmp_path: Path, alter: Callable[[bytearray], None]) -> None:
    data = bytearray(_index(DOCS[:9]).to_bytes())  # 9 documents: 36 bytes of nnz, 4 of padding
    alter(data)
    with pytest.raises(CorruptIndexError):
        LexicalIndex.from_bytes(bytes(data))
    with pytest.raises(CorruptIndexError):
        LexicalIndex.map_file(_write(tmp_path, bytes(data)))


def test_map_file_rejects_an_empty_or_foreign_file(tmp_path: Path) -> None:
    with pytest.raises(CorruptIndexError):
        LexicalIndex.map_file(_write(tmp_path, b""))
    with pytest.raises(CorruptIndexError):
        LexicalIndex.map_file(_write(tmp_path, b"not an index at all, but long enough to read"))
    with pytest.raises(FileNotFoundError):
        LexicalIndex.map_file(tmp_path / "missing.bm25")


def test_too_many_documents_for_format_2(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _index().to_bytes()
    monkeypatch.setattr(lexical, "_MAX_ROWS", 9)
    with pytest.raises(ClaimMatchError, match="too large"):
        _index().to_bytes()
    with pytest.raises(CorruptIndexError):
        LexicalIndex.from_bytes(data)


@pytest.mark.parametrize("chunk", [1, 2, 3, 64])
def test_validation_in_small_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(lexical, "_CHUNK", chunk)  # the checks of a large file run in steps
    ids, docs, queries = _corpus(60)
    index = LexicalIndex()
    index.add(ids, docs)
    data = index.to_bytes()
    _assert_same_reads(LexicalIndex.map_file(_write(tmp_path, data)), index, queries[:10])
    for alter in (_swap_rows_within_a_term, _swap_first_ids, _set("ids", -1, -(2**63)), _set("term_ptr", -2, 0)):
        bad = bytearray(data)
        alter(bad)
        with pytest.raises(CorruptIndexError):
            LexicalIndex.map_file(_write(tmp_path, bytes(bad), "bad.bm25"))


# ---------------------------------------------------------------- pruned top scores (MaxScore)
def _zipf_index(rng: random.Random, size: int, vocabulary: int) -> tuple[LexicalIndex, list[str]]:
    words = [f"w{n}x" for n in range(vocabulary)]
    weights = [1.0 / (n + 1) for n in range(vocabulary)]  # a few very common words, many rare ones
    docs = [" ".join(rng.choices(words, weights, k=rng.randint(3, 14))) for _ in range(size)]
    index = LexicalIndex(stemmer=None, stopwords=None)
    index.add(rng.sample(range(10 * size), size), docs)
    return index, words


@pytest.mark.parametrize("mapped", [False, True])
def test_top_scores_give_the_best_documents_and_any_score_bit_for_bit(
    mapped: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexical, "_PRUNE_FROM", 200)  # prune at this size too,
    monkeypatch.setattr(lexical, "_PRUNE_STAGES", (0.05, 0.3, 0.6))  # harder,
    monkeypatch.setattr(lexical, "_PRUNE_GIVE_UP", 0.0)  # and every time
    rng = random.Random(13)
    index, words = _zipf_index(rng, 3000, 400)
    if mapped:
        path = tmp_path / "bm25"
        path.write_bytes(index.to_bytes())
        index = LexicalIndex.map_file(path)
    all_ids = index.id_array()
    pruned = 0
    for _ in range(150):
        query = " ".join(rng.choice(words[:8]) for _ in range(3)) + " " + " ".join(rng.sample(words[8:], 2))
        depth = rng.choice([1, 5, 30])
        full, top = index.sparse_scores(query), index.top_scores(query, depth)
        pruned += isinstance(top, lexical._PrunedScores)
        for d in (1, depth // 2 or 1, depth):
            assert top.best(d).tolist() == full.best(d).tolist(), (query, d)
        probe = np.concatenate([rng.sample(list(all_ids), 50), [10**12]]).astype(np.int64)  # and an unknown id
        assert np.array_equal(top.get(probe), full.get(probe)), query
        assert np.array_equal(top.get(top.ids), full.get(top.ids))
    assert pruned > 75  # most of these queries (3 common words and 2 rare ones) were pruned
    # with a filter: the same as the full scores restricted to the allowed documents
    pruned = 0
    for _ in range(100):
        query = " ".join(rng.choice(words[:8]) for _ in range(3)) + " " + " ".join(rng.sample(words[8:], 2))
        allowed = np.sort(rng.sample(list(all_ids), len(all_ids) // 2)).astype(np.int64)
        full, top = index.sparse_scores(query).restrict(allowed), index.top_scores(query, 10, allowed)
        pruned += isinstance(top, lexical._PrunedScores)
        assert top.best(10).tolist() == full.best(10).tolist(), query
        probe = np.asarray(rng.sample(list(all_ids), 60), dtype=np.int64)  # allowed or not
        assert np.array_equal(top.get(probe), full.get(probe)), query
    assert pruned > 50
    some = next(
        t
        for t in (index.top_scores(f"{words[0]} {words[1]} {w}", 2) for w in words[300:])
        if isinstance(t, lexical._PrunedScores)
    )
    with pytest.raises(ValueError, match="hold the best 2 documents, not 3"):
        some.best(3)


def test_top_scores_fall_back_to_every_score_when_pruning_cannot_pay() -> None:
    index = _index(DOCS)
    for query in QUERIES:
        top = index.top_scores(query, 3)  # a handful of postings: scored in full
        full = index.sparse_scores(query)
        assert not isinstance(top, lexical._PrunedScores)
        assert np.array_equal(top.ids, full.ids) and np.array_equal(top.scores, full.scores)


def test_top_scores_stop_trying_to_prune_after_failures_and_retry_now_and_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lexical, "_PRUNE_FROM", 200)
    rng = random.Random(17)
    index, words = _zipf_index(rng, 3000, 400)
    attempts: list[bool] = []
    compiled = index._compile()
    real = compiled._pruned

    def counting(*args: object) -> object:
        found = real(*args)  # type: ignore[arg-type]
        attempts.append(found is not None)
        return found

    monkeypatch.setattr(compiled, "_pruned", counting)
    common = " ".join(words[:12])  # only common words: pruning cannot work
    for _ in range(100):
        top = index.top_scores(common, 5)
        assert top.best(5).tolist() == index.sparse_scores(common).best(5).tolist()
    assert not any(attempts)
    assert 10 <= len(attempts) < 20  # ~11 tries until the success rate falls below 0.3, then 1 in 16
