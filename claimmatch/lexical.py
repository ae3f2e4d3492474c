"""BM25 keyword search over verified claims, kept in step with the dense index.

Why an own implementation rather than ``bm25s``: the library needs an index that follows
``add`` / ``upsert`` / ``remove`` one claim at a time and serialises to deterministic bytes
(so a saved index can be checksummed). ``bm25s`` indexes a whole corpus at once and saves
to several files (``.npz`` archives carry timestamps). This module keeps the tokenised
documents (term counts) and compiles the BM25 weights lazily; its scores equal those of
``bm25s.BM25(method="lucene")`` with the same tokenisation (tested in ``tests/test_lexical.py``).

Scoring is Lucene's BM25: for a query term ``t`` and document ``d``::

    idf(t) * tf / (tf + k1 * (1 - b + b * len(d) / avglen)),   idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))

summed over the query's tokens (a repeated query token counts again). Tokenisation follows
``bm25s.tokenize``: lower-case, the regex ``(?u)\\b\\w\\w+\\b``, English stopwords removed,
then the Snowball English stemmer (PyStemmer).

Cost of updates: ``add`` and ``remove`` only tokenise the changed documents and update
document frequencies (O(changed tokens)). Because every weight depends on ``N`` and the
average length, the weight arrays are recompiled on the first search after a change:
O(total postings), about 40 ms for 14k claims (0.5M postings) on one core.
"""

from __future__ import annotations

import json
import math
import re
import struct
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from claimmatch.errors import (
    CorruptIndexError,
    DuplicateIdError,
    InvalidArgumentError,
    InvalidTypeError,
    UnknownIdError,
)

__all__ = ["ENGLISH_STOPWORDS", "FORMAT_VERSION", "Analyzer", "LexicalIndex", "SparseScores"]

#: Version of the :meth:`LexicalIndex.to_bytes` format.
FORMAT_VERSION = 1
_MAGIC = b"claimmatch-bm25\n"
_TOKEN_PATTERN = r"(?u)\b\w\w+\b"

#: The English stopwords of ``bm25s`` (Lucene's English stop set).
ENGLISH_STOPWORDS: tuple[str, ...] = tuple(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there "
    "these they this to was will with".split()
)

LexicalHit = tuple[int, float]


class Analyzer:
    """Turns text into BM25 tokens: lower-case words of 2+ characters, stopwords out, stemmed.

    Args:
        stemmer: A Snowball stemmer language known to PyStemmer (``"english"``), or ``None``.
        stopwords: ``"english"``, ``None`` (keep all words), or an explicit list of words.
    """

    def __init__(self, stemmer: str | None = "english", stopwords: str | Sequence[str] | None = "english") -> None:
        if stopwords == "english":
            words: tuple[str, ...] = ENGLISH_STOPWORDS
        elif stopwords is None:
            words = ()
        elif isinstance(stopwords, str):
            raise InvalidArgumentError(f"stopwords must be 'english', None or a list of words, got {stopwords!r}")
        else:
            words = tuple(sorted({str(word).lower() for word in stopwords}))
        self.stopwords = words
        self._stop = frozenset(words)
        self.stemmer_language = stemmer
        self._stem: Any = None
        if stemmer is not None:
            import Stemmer  # PyStemmer

            try:
                self._stem = Stemmer.Stemmer(stemmer)
            except KeyError as exc:
                raise InvalidArgumentError(f"PyStemmer has no stemmer for {stemmer!r}") from exc
        self._split = re.compile(_TOKEN_PATTERN).findall
        self._cache: dict[str, str] = {}

    def config(self) -> dict[str, Any]:
        """The settings that define the tokens (stored with a serialised index)."""
        return {
            "lower": True,
            "token_pattern": _TOKEN_PATTERN,
            "stemmer": self.stemmer_language,
            "stopwords": list(self.stopwords),
        }

    def __call__(self, text: str) -> list[str]:
        """Return the tokens of ``text``."""
        words = [word for word in self._split(text.lower()) if word not in self._stop]
        if self._stem is None:
            return words
        cache = self._cache
        missing = [word for word in set(words) if word not in cache]
        if missing:
            if len(cache) > 500_000:  # bound the memory of a long-running process
                cache.clear()
            cache.update(zip(missing, self._stem.stemWords(missing), strict=True))
        return [cache[word] for word in words]


def _check_ids(int_ids: Iterable[int]) -> list[int]:
    if isinstance(int_ids, (str, bytes)):
        raise InvalidTypeError("int_ids must be a sequence of ints")
    ids = []
    for item in int_ids:
        if isinstance(item, bool) or not isinstance(item, (int, np.integer)):
            raise InvalidTypeError(f"int_ids must be ints, got {type(item).__name__}: {item!r:.40}")
        ids.append(int(item))
    return ids


class LexicalIndex:
    """An incremental BM25 index keyed by int64 ids (the ids of the FAISS index).

    Args:
        k1: BM25 term-frequency saturation.
        b: BM25 length normalisation.
        stemmer: Snowball language for PyStemmer, or ``None`` for no stemming.
        stopwords: ``"english"``, ``None`` or an explicit list.
    """

    def __init__(
        self,
        *,
        k1: float = 1.5,
        b: float = 0.75,
        stemmer: str | None = "english",
        stopwords: str | Sequence[str] | None = "english",
    ) -> None:
        if not (isinstance(k1, (int, float)) and math.isfinite(k1) and k1 >= 0):
            raise InvalidArgumentError(f"k1 must be a finite number >= 0, got {k1!r}")
        if not (isinstance(b, (int, float)) and 0.0 <= b <= 1.0):
            raise InvalidArgumentError(f"b must be between 0 and 1, got {b!r}")
        self.k1 = float(k1)
        self.b = float(b)
        self.analyzer = Analyzer(stemmer, stopwords)
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._df: list[int] = []
        self._docs: dict[int, tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]] = {}
        self._lock = threading.RLock()
        self._compiled: _Compiled | None = None

    # ------------------------------------------------------------------ updates
    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, int_id: object) -> bool:
        return isinstance(int_id, (int, np.integer)) and int(int_id) in self._docs

    @property
    def ids(self) -> list[int]:
        """The ids in the index, ascending."""
        return sorted(self._docs)

    def _term_id(self, term: str) -> int:
        tid = self._vocab.get(term)
        if tid is None:
            tid = len(self._terms)
            self._vocab[term] = tid
            self._terms.append(term)
            self._df.append(0)
        return tid

    def _encode(self, text: str) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        counts = Counter(self._term_id(token) for token in self.analyzer(text))
        order = sorted(counts)
        return np.asarray(order, dtype=np.int32), np.asarray([counts[t] for t in order], dtype=np.int32)

    def _drop(self, int_id: int) -> None:
        terms, _ = self._docs.pop(int_id)
        for tid in terms.tolist():
            self._df[tid] -= 1

    def add(self, int_ids: Sequence[int], texts: Sequence[str], *, replace: bool = False) -> None:
        """Index ``texts`` under ``int_ids``; nothing changes if an argument is invalid.

        Args:
            int_ids: One id per text.
            texts: The documents (e.g. claim text, title and subtitle joined by spaces).
            replace: Replace documents whose id is already present instead of raising.

        Raises:
            DuplicateIdError: an id is present (and ``replace`` is false) or repeated in ``int_ids``.
        """
        ids = _check_ids(int_ids)
        if isinstance(texts, str) or len(ids) != len(texts):
            raise InvalidArgumentError(f"need one text per id: {len(ids)} ids, texts={type(texts).__name__}")
        for text in texts:
            if not isinstance(text, str):
                raise InvalidTypeError(f"texts must be str, got {type(text).__name__}")
        if len(set(ids)) != len(ids):
            raise DuplicateIdError("an id is repeated within one add(); each id must appear once")
        with self._lock:
            present = [i for i in ids if i in self._docs]
            if present and not replace:
                raise DuplicateIdError(f"ids already indexed: {present[:5]}; pass replace=True to replace them")
            for int_id, text in zip(ids, texts, strict=True):
                if int_id in self._docs:
                    self._drop(int_id)
                terms, tfs = self._encode(text)
                for tid in terms.tolist():
                    self._df[tid] += 1
                self._docs[int_id] = (terms, tfs)
            self._compiled = None

    def upsert(self, int_ids: Sequence[int], texts: Sequence[str]) -> None:
        """Add or replace documents (``add(..., replace=True)``)."""
        self.add(int_ids, texts, replace=True)

    def remove(self, int_ids: Iterable[int]) -> None:
        """Remove documents; nothing is removed if any id is unknown.

        Raises:
            UnknownIdError: an id is not in the index.
        """
        ids = list(dict.fromkeys(_check_ids(int_ids)))
        with self._lock:
            unknown = [i for i in ids if i not in self._docs]
            if unknown:
                raise UnknownIdError(f"ids not in the lexical index: {unknown[:5]}; nothing was removed")
            for int_id in ids:
                self._drop(int_id)
            if ids:
                self._compiled = None

    def clear(self) -> None:
        """Remove every document (and the vocabulary)."""
        with self._lock:
            self._vocab, self._terms, self._df, self._docs = {}, [], [], {}
            self._compiled = None

    # ------------------------------------------------------------------ scoring
    def _compile(self) -> _Compiled:
        compiled = self._compiled
        if compiled is None:
            if sum(1 for df in self._df if df == 0) > max(1000, len(self._df) // 2):
                self._compact()
            compiled = _Compiled.build(self._docs, self._df, self.k1, self.b)
            self._compiled = compiled
        return compiled

    def _compact(self) -> None:
        """Forget terms that no document holds any more (after many removals)."""
        live = [tid for tid, df in enumerate(self._df) if df > 0]
        remap = np.full(len(self._df), -1, dtype=np.int32)
        remap[live] = np.arange(len(live), dtype=np.int32)
        self._terms = [self._terms[tid] for tid in live]
        self._df = [self._df[tid] for tid in live]
        self._vocab = {term: n for n, term in enumerate(self._terms)}
        self._docs = {i: (remap[terms], tfs) for i, (terms, tfs) in self._docs.items()}

    def _query_terms(self, query: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        if not isinstance(query, str):
            raise InvalidTypeError(f"queries must be str, got {type(query).__name__}: {query!r:.40}")
        counts = Counter(self._vocab[t] for t in self.analyzer(query) if t in self._vocab)
        terms = sorted(counts)
        return np.asarray(terms, dtype=np.int64), np.asarray([counts[t] for t in terms], dtype=np.float32)

    def scores(self, query: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """Return ``(int_ids, scores)`` of every document, ids ascending (zeros included).

        O(documents) per query; :meth:`sparse_scores` costs only the query's postings.
        """
        with self._lock:
            compiled = self._compile()
            terms, weights = self._query_terms(query)
            return compiled.row_ids.copy(), compiled.score(terms, weights)

    def sparse_scores(self, query: str) -> SparseScores:
        """The BM25 scores of the documents that share a token with ``query`` (all others score 0).

        The same scores, bit for bit, as :meth:`scores`, without touching the documents
        the query cannot match: the cost follows the postings of the query's terms, not
        the size of the index.
        """
        with self._lock:
            compiled = self._compile()
            terms, weights = self._query_terms(query)
            return compiled.sparse_score(terms, weights)

    def search(self, queries: Sequence[str], k: int) -> list[list[LexicalHit]]:
        """Return the ``k`` best ``(int_id, score)`` per query, best first.

        Only documents that share a token with the query (score > 0) are returned; ties are
        broken by the smaller id, so results are deterministic.
        """
        if isinstance(queries, str):
            raise InvalidTypeError("search() takes a list of queries; wrap a single query in a list")
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise InvalidArgumentError(f"k must be a positive int, got {k!r}")
        with self._lock:
            compiled = self._compile()
            results: list[list[LexicalHit]] = []
            for query in queries:
                terms, weights = self._query_terms(query)
                sparse = compiled.sparse_score(terms, weights)
                results.append(_top_k(sparse.ids, sparse.scores, k))
            return results

    def score_ids(self, query: str, int_ids: Sequence[int]) -> list[float]:
        """BM25 scores of ``query`` against the given documents (for fusion of candidate lists).

        Raises:
            UnknownIdError: an id is not in the index.
        """
        ids = _check_ids(int_ids)
        with self._lock:
            compiled = self._compile()
            rows = np.searchsorted(compiled.row_ids, np.asarray(ids, dtype=np.int64))
            bad = [
                i
                for i, r in zip(ids, rows.tolist(), strict=True)
                if r >= len(compiled.row_ids) or compiled.row_ids[r] != i
            ]
            if bad:
                raise UnknownIdError(f"ids not in the lexical index: {bad[:5]}")
            terms, weights = self._query_terms(query)
            return [float(s) for s in compiled.score(terms, weights)[rows]]

    # ------------------------------------------------------------------ persistence
    def to_bytes(self) -> bytes:
        """Serialise to bytes that depend only on the content and settings, not on history.

        Layout: a magic line, a little-endian uint64 header length, a JSON header (settings,
        counts, the sorted vocabulary), then little-endian arrays: ids (int64, ascending),
        distinct terms per document (int32), term ids (int32) and term counts (int32).
        """
        with self._lock:
            live = sorted(
                {tid for terms, _ in self._docs.values() for tid in terms.tolist()}, key=self._terms.__getitem__
            )
            remap = np.full(max(len(self._terms), 1), -1, dtype=np.int64)
            remap[live] = np.arange(len(live))
            ids = sorted(self._docs)
            nnz, term_chunks, tf_chunks = [], [], []
            for int_id in ids:
                terms, tfs = self._docs[int_id]
                new = remap[terms]
                order = np.argsort(new, kind="stable")
                nnz.append(len(terms))
                term_chunks.append(new[order].astype("<i4"))
                tf_chunks.append(tfs[order].astype("<i4"))
            header = {
                "format": FORMAT_VERSION,
                "scoring": "bm25-lucene",
                "k1": self.k1,
                "b": self.b,
                "analyzer": self.analyzer.config(),
                "documents": len(ids),
                "postings": int(sum(nnz)),
                "vocabulary": [self._terms[tid] for tid in live],
            }
            head = json.dumps(header, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            empty = np.zeros(0, dtype="<i4")
            return b"".join(
                [
                    _MAGIC,
                    struct.pack("<Q", len(head)),
                    head,
                    np.asarray(ids, dtype="<i8").tobytes(),
                    np.asarray(nnz, dtype="<i4").tobytes(),
                    np.concatenate(term_chunks).tobytes() if term_chunks else empty.tobytes(),
                    np.concatenate(tf_chunks).tobytes() if tf_chunks else empty.tobytes(),
                ]
            )

    @classmethod
    def from_bytes(cls, data: bytes) -> LexicalIndex:
        """Rebuild an index from :meth:`to_bytes` output.

        Raises:
            CorruptIndexError: the bytes are not a valid serialised lexical index.
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise InvalidTypeError(f"data must be bytes, got {type(data).__name__}")
        data = bytes(data)
        try:
            if not data.startswith(_MAGIC):
                raise ValueError("it does not start with the lexical-index magic line")
            at = len(_MAGIC)
            (head_len,) = struct.unpack_from("<Q", data, at)
            at += 8
            header = json.loads(data[at : at + head_len].decode("utf-8"))
            at += head_len
            if header.get("format") != FORMAT_VERSION:
                raise ValueError(f"format {header.get('format')!r} is not {FORMAT_VERSION}")
            analyzer = header["analyzer"]
            index = cls(
                k1=float(header["k1"]),
                b=float(header["b"]),
                stemmer=analyzer["stemmer"],
                stopwords=list(analyzer["stopwords"]),
            )
            n_docs, n_post = int(header["documents"]), int(header["postings"])
            vocab = [str(term) for term in header["vocabulary"]]
            expected = at + 8 * n_docs + 4 * n_docs + 8 * n_post
            if len(data) != expected:
                raise ValueError(f"{len(data)} bytes where the header implies {expected}")
            ids = np.frombuffer(data, dtype="<i8", count=n_docs, offset=at)
            at += 8 * n_docs
            nnz = np.frombuffer(data, dtype="<i4", count=n_docs, offset=at)
            at += 4 * n_docs
            terms = np.frombuffer(data, dtype="<i4", count=n_post, offset=at).astype(np.int32)
            at += 4 * n_post
            tfs = np.frombuffer(data, dtype="<i4", count=n_post, offset=at).astype(np.int32)
            if int(nnz.sum()) != n_post or (nnz < 0).any() or (n_docs > 1 and (np.diff(ids) <= 0).any()):
                raise ValueError("document table is inconsistent")
            if n_post and (terms.min() < 0 or terms.max() >= len(vocab) or tfs.min() < 1):
                raise ValueError("postings are out of range")
            if len(set(vocab)) != len(vocab):
                raise ValueError("vocabulary repeats a term")
        except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError) as exc:
            raise CorruptIndexError(f"the lexical index bytes are invalid ({exc}); rebuild the index") from exc
        index._terms = vocab
        index._vocab = {term: n for n, term in enumerate(vocab)}
        index._df = np.bincount(terms, minlength=len(vocab)).tolist() if n_post else [0] * len(vocab)
        bounds = np.concatenate([[0], np.cumsum(nnz)]).tolist()
        for row, int_id in enumerate(ids.tolist()):
            lo, hi = bounds[row], bounds[row + 1]
            index._docs[int(int_id)] = (terms[lo:hi].copy(), tfs[lo:hi].copy())
        return index

    def __repr__(self) -> str:
        return f"LexicalIndex(documents={len(self)}, terms={sum(1 for df in self._df if df)}, k1={self.k1}, b={self.b})"


def _top_k(row_ids: npt.NDArray[np.int64], scores: npt.NDArray[np.float32], k: int) -> list[LexicalHit]:
    nonzero = np.flatnonzero(scores > 0)
    if len(nonzero) > k:
        # keep every document tied with the k-th score, then order by (-score, id)
        kth = np.partition(scores[nonzero], len(nonzero) - k)[len(nonzero) - k]
        nonzero = nonzero[scores[nonzero] >= kth]
    order = np.lexsort((row_ids[nonzero], -scores[nonzero]))[:k]
    chosen = nonzero[order]
    return [(int(i), float(s)) for i, s in zip(row_ids[chosen], scores[chosen], strict=True)]


class SparseScores:
    """BM25 scores of one query over the documents that share a token with it.

    Every other document scores 0. Produced by :meth:`LexicalIndex.sparse_scores`.

    Attributes:
        ids: int64 ids of the scored documents, ascending.
        scores: Their BM25 scores (float32, all > 0), aligned with ``ids``.
    """

    __slots__ = ("ids", "scores")

    def __init__(self, ids: npt.NDArray[np.int64], scores: npt.NDArray[np.float32]) -> None:
        self.ids = ids
        self.scores = scores

    def __len__(self) -> int:
        return len(self.ids)

    def restrict(self, allowed: npt.NDArray[np.int64] | None) -> SparseScores:
        """Only the documents whose id is in ``allowed`` (sorted, unique); all of them for ``None``."""
        if allowed is None:
            return self
        keep = np.isin(self.ids, allowed, assume_unique=True)
        return SparseScores(self.ids[keep], self.scores[keep])

    def best(self, depth: int) -> npt.NDArray[np.int64]:
        """Ids of the ``depth`` best documents, best first; equal scores in ascending id order.

        The same order as a stable ``argsort`` of the negated dense score vector.
        """
        scores = self.scores
        chosen = np.arange(len(scores))
        if len(scores) > depth > 0:
            kth = np.partition(scores, len(scores) - depth)[len(scores) - depth]
            chosen = np.flatnonzero(scores >= kth)  # every document tied with the depth-th one
        order = chosen[np.argsort(-scores[chosen], kind="stable")][: max(depth, 0)]
        return self.ids[order]

    def get(self, int_ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        """Scores of ``int_ids`` (0 for a document that shares no token with the query)."""
        out = np.zeros(len(int_ids), dtype=np.float32)
        if len(self.ids) and len(int_ids):
            positions = np.searchsorted(self.ids, int_ids)
            clipped = np.minimum(positions, len(self.ids) - 1)
            hit = self.ids[clipped] == int_ids
            out[hit] = self.scores[clipped[hit]]
        return out


class _Compiled:
    """BM25 weights in term-major (inverted) order, rebuilt after every change."""

    def __init__(
        self,
        row_ids: npt.NDArray[np.int64],
        term_ptr: npt.NDArray[np.int64],
        post_rows: npt.NDArray[np.int64],
        post_weights: npt.NDArray[np.float32],
    ) -> None:
        self.row_ids = row_ids
        self.term_ptr = term_ptr
        self.post_rows = post_rows
        self.post_weights = post_weights

    @classmethod
    def build(
        cls,
        docs: dict[int, tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]],
        df: list[int],
        k1: float,
        b: float,
    ) -> _Compiled:
        ids = sorted(docs)
        n_terms = len(df)
        row_ids = np.asarray(ids, dtype=np.int64)
        if not ids:
            return cls(row_ids, np.zeros(n_terms + 1, dtype=np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
        terms = np.concatenate([docs[i][0] for i in ids]).astype(np.int64)
        tfs = np.concatenate([docs[i][1] for i in ids]).astype(np.float32)
        nnz = np.fromiter((len(docs[i][0]) for i in ids), dtype=np.int64, count=len(ids))
        rows = np.repeat(np.arange(len(ids), dtype=np.int64), nnz)
        lengths = np.bincount(rows, weights=tfs, minlength=len(ids)).astype(np.float32)
        mean = float(lengths.mean()) or 1.0
        n_docs = len(ids)
        dfs = np.asarray(df, dtype=np.float32)
        idf = np.log(np.float32(1.0) + (np.float32(n_docs) - dfs + np.float32(0.5)) / (dfs + np.float32(0.5)))
        norm = np.float32(k1) * (np.float32(1.0 - b) + np.float32(b) * lengths / np.float32(mean))
        weights = (idf[terms] * tfs / (tfs + norm[rows])).astype(np.float32)
        order = np.argsort(terms, kind="stable")
        term_ptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=n_terms), out=term_ptr[1:])
        return cls(row_ids, term_ptr, rows[order], weights[order])

    def _postings(
        self, terms: npt.NDArray[np.int64], weights: npt.NDArray[np.float32]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """Rows and weighted contributions of every posting of ``terms``, term by term."""
        spans = list(zip(self.term_ptr[terms].tolist(), self.term_ptr[terms + 1].tolist(), strict=True))
        rows = np.concatenate([self.post_rows[s:e] for s, e in spans])  # contiguous slices: no index array
        contribution = np.concatenate(
            [self.post_weights[s:e] * w for (s, e), w in zip(spans, weights.astype(np.float32), strict=True)]
        )
        return rows, contribution

    def score(self, terms: npt.NDArray[np.int64], weights: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        n = len(self.row_ids)
        if len(terms) == 0 or n == 0:
            return np.zeros(n, dtype=np.float32)
        rows, contribution = self._postings(terms, weights)
        return np.bincount(rows, weights=contribution, minlength=n).astype(np.float32)

    def sparse_score(self, terms: npt.NDArray[np.int64], weights: npt.NDArray[np.float32]) -> SparseScores:
        """:meth:`score` restricted to the rows it makes non-zero, with the same bits.

        Each row's contributions are summed in the same order (postings order, in float64)
        as :meth:`score` does; only the bookkeeping differs: few postings are grouped by a
        sort, many by a dense scratch vector (a scan of every row is then cheaper).
        """
        n = len(self.row_ids)
        if len(terms) == 0 or n == 0:
            return SparseScores(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        rows, contribution = self._postings(terms, weights)
        if len(rows) * 8 < n:
            touched, inverse = np.unique(rows, return_inverse=True)
            sums = np.bincount(inverse, weights=contribution, minlength=len(touched))
            if not sums.all():  # a zero weight (idf rounds to 0 in float32 past ~10M documents)
                touched, sums = touched[sums > 0], sums[sums > 0]
        else:
            dense = np.bincount(rows, weights=contribution, minlength=n)
            touched = np.flatnonzero(dense)
            sums = dense[touched]
        return SparseScores(self.row_ids[touched], sums.astype(np.float32))
