"""Tests for claimmatch.lexical: the incremental BM25 index."""

from __future__ import annotations

import random

import numpy as np
import pytest

from claimmatch.errors import (
    CorruptIndexError,
    DuplicateIdError,
    InvalidArgumentError,
    InvalidTypeError,
    UnknownIdError,
)
from claimmatch.lexical import ENGLISH_STOPWORDS, Analyzer, LexicalIndex

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
