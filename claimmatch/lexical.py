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

Serialised format (:meth:`LexicalIndex.to_bytes`, format 2; all numbers little-endian)::

    magic line       b"claimmatch-bm25\n"           16 bytes
    header length    uint64                          8 bytes
    JSON header      UTF-8, padded with spaces so the arrays start at a multiple of 8
    ids              int64    [documents]            ascending
    nnz              int32    [documents]            distinct terms per document
    terms            int32    [postings]             term ids, document by document, ascending
    tfs              int32    [postings]             term counts
    term_ptr         int64    [terms + 1]            term t owns postings term_ptr[t]:term_ptr[t+1]
    post_rows        int32    [postings]             rows into ``ids``, ascending within a term
    post_weights     float32  [postings]             the compiled BM25 weights

Each array is followed by zero bytes up to a multiple of 8, so every array starts 8-byte
aligned. The header holds the settings, the counts, the sorted vocabulary (term id = position)
and the table ``arrays`` (name, dtype, length). Format 1, still read, is the header and the
first four arrays without padding.

Memory-mapped mode: :meth:`LexicalIndex.map_file` maps a saved index read-only and searches
the stored postings in place, without per-document Python objects; the RAM it needs is about
the vocabulary (the operating system pages the arrays in and out). Scores are bit-identical to
the in-memory index. The first ``add`` / ``upsert`` / ``remove`` / ``clear`` turns it into an
ordinary in-memory index (loading every document) and then proceeds as usual.
"""

from __future__ import annotations

import json
import math
import mmap
import os
import re
import struct
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from claimmatch.errors import (
    ClaimMatchError,
    CorruptIndexError,
    DuplicateIdError,
    InvalidArgumentError,
    InvalidTypeError,
    UnknownIdError,
)
from claimmatch.paging import advise_will_need, map_for_random_reads

__all__ = ["ENGLISH_STOPWORDS", "FORMAT_VERSION", "Analyzer", "LexicalIndex", "SparseScores"]

#: Version of the :meth:`LexicalIndex.to_bytes` format (:meth:`LexicalIndex.from_bytes` also reads 1).
FORMAT_VERSION = 2
_READABLE_FORMATS = (1, 2)
_MAGIC = b"claimmatch-bm25\n"
_ALIGN = 8  # every array of format 2 starts at a multiple of this many bytes
_MAX_ROWS = 2**31 - 1  # format 2 stores row numbers as int32
_CHUNK = 1 << 22  # elements per validation step: bounded temporaries on a large mapped file
_INT64 = np.iinfo(np.int64)
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


_Array = npt.NDArray[Any]


def _v2_arrays(n_docs: int, n_post: int, n_terms: int) -> list[list[Any]]:
    """``[name, dtype, length]`` of each format-2 array in file order (the header's ``arrays``)."""
    return [
        ["ids", "<i8", n_docs],
        ["nnz", "<i4", n_docs],
        ["terms", "<i4", n_post],
        ["tfs", "<i4", n_post],
        ["term_ptr", "<i8", n_terms + 1],
        ["post_rows", "<i4", n_post],
        ["post_weights", "<f4", n_post],
    ]


def _pad(size: int) -> int:
    """Bytes of padding that bring ``size`` to a multiple of :data:`_ALIGN`."""
    return -size % _ALIGN


def _read_header(data: bytes | mmap.mmap) -> tuple[dict[str, Any], int]:
    """The JSON header of serialised bytes and the offset just after it.

    Raises:
        ValueError: (or ``struct.error`` / ``UnicodeDecodeError``) the bytes are not an index.
    """
    if data[: len(_MAGIC)] != _MAGIC:
        raise ValueError("it does not start with the lexical-index magic line")
    at = len(_MAGIC)
    (head_len,) = struct.unpack_from("<Q", data, at)
    at += 8
    if head_len > len(data) - at:
        raise ValueError(f"the header length {head_len} runs past the end ({len(data)} bytes)")
    header = json.loads(data[at : at + head_len].decode("utf-8"))
    if not isinstance(header, dict):
        raise ValueError("the header is not a JSON object")
    version = header.get("format")
    if type(version) is not int or version not in _READABLE_FORMATS:
        raise ValueError(f"format {version!r} is not one of {_READABLE_FORMATS}")
    return header, at + head_len


def _vocabulary(header: dict[str, Any]) -> list[str]:
    vocab = [str(term) for term in header["vocabulary"]]
    if len(set(vocab)) != len(vocab):
        raise ValueError("vocabulary repeats a term")
    return vocab


def _counts(header: dict[str, Any]) -> tuple[int, int]:
    n_docs, n_post = int(header["documents"]), int(header["postings"])
    if n_docs < 0 or n_post < 0:
        raise ValueError("negative document or posting count")
    return n_docs, n_post


def _v1_views(data: bytes, header: dict[str, Any], at: int) -> dict[str, _Array]:
    """The four arrays of a format-1 file (views into ``data``)."""
    n_docs, n_post = _counts(header)
    expected = at + 8 * n_docs + 4 * n_docs + 8 * n_post
    if len(data) != expected:
        raise ValueError(f"{len(data)} bytes where the header implies {expected}")
    views: dict[str, _Array] = {}
    for name, dtype, count in _v2_arrays(n_docs, n_post, 0)[:4]:
        views[name] = np.frombuffer(data, dtype=dtype, count=count, offset=at)
        at += views[name].nbytes
    return views


def _v2_views(data: bytes | mmap.mmap, header: dict[str, Any], at: int, n_terms: int) -> dict[str, _Array]:
    """The seven arrays of a format-2 file: read-only views into ``data``, 8-byte aligned."""
    n_docs, n_post = _counts(header)
    table = _v2_arrays(n_docs, n_post, n_terms)
    if header.get("arrays") != table:
        raise ValueError("the array table does not match the counts and the vocabulary")
    if at % _ALIGN:
        raise ValueError("the arrays do not start 8-byte aligned")
    sizes = [np.dtype(dtype).itemsize * count for _, dtype, count in table]
    expected = at + sum(size + _pad(size) for size in sizes)
    if len(data) != expected:
        raise ValueError(f"{len(data)} bytes where the header implies {expected}")
    views: dict[str, _Array] = {}
    for (name, dtype, count), size in zip(table, sizes, strict=True):
        views[name] = np.frombuffer(data, dtype=dtype, count=count, offset=at)
        at += size
        if data[at : at + _pad(size)].count(0) != _pad(size):
            raise ValueError(f"the padding after {name} is not zero")
        at += _pad(size)
    return views


def _ascending(values: _Array, *, strict: bool) -> bool:
    """Whether ``values`` never decrease (``strict``: always increase), in bounded steps."""
    for lo in range(0, len(values) - 1, _CHUNK):
        seg = values[lo : lo + _CHUNK + 1]
        ok = seg[1:] > seg[:-1] if strict else seg[1:] >= seg[:-1]
        if not ok.all():
            return False
    return True


def _check_documents(views: dict[str, _Array], n_terms: int) -> None:
    """Validate the document-major arrays (O(postings) numpy work, no loop over documents)."""
    ids, nnz, terms, tfs = views["ids"], views["nnz"], views["terms"], views["tfs"]
    if (len(nnz) and nnz.min() < 0) or int(nnz.sum(dtype=np.int64)) != len(terms) or not _ascending(ids, strict=True):
        raise ValueError("document table is inconsistent")
    if len(terms) and (terms.min() < 0 or terms.max() >= n_terms or tfs.min() < 1):
        raise ValueError("postings are out of range")


def _check_postings(views: dict[str, _Array], n_terms: int) -> None:
    """Validate the term-major arrays of format 2 against the document-major ones."""
    term_ptr, post_rows, weights = views["term_ptr"], views["post_rows"], views["post_weights"]
    n_docs, n_post = len(views["ids"]), len(views["terms"])
    if n_docs > _MAX_ROWS:
        raise ValueError(f"{n_docs} documents is more than format 2 supports ({_MAX_ROWS})")
    if term_ptr[0] != 0 or term_ptr[-1] != n_post or not _ascending(term_ptr, strict=False):
        raise ValueError(f"term pointers do not rise from 0 to the {n_post} postings")
    if not n_post:
        return
    if post_rows.min() < 0 or post_rows.max() >= n_docs:
        raise ValueError("posting rows are out of range")
    if not (weights.min() >= 0 and weights.max() < np.inf):  # NaN fails both comparisons
        raise ValueError("posting weights are negative or not finite")
    for lo in range(0, n_post - 1, _CHUNK):  # rows ascend within a term: every drop is a term start
        seg = post_rows[lo : lo + _CHUNK + 1]
        drops = np.flatnonzero(seg[1:] <= seg[:-1]) + (lo + 1)
        starts = term_ptr[np.minimum(np.searchsorted(term_ptr, drops), len(term_ptr) - 1)]
        if not np.array_equal(starts, drops):
            raise ValueError("posting rows do not ascend within a term")
    counts = np.zeros(n_terms, dtype=np.int64)
    step = max(_CHUNK, 4 * n_terms)  # bincount allocates n_terms per step
    for lo in range(0, n_post, step):
        counts += np.bincount(views["terms"][lo : lo + step], minlength=n_terms)
    if not np.array_equal(counts, np.diff(term_ptr)):
        raise ValueError("term-major and document-major postings disagree")


def _split_documents(views: dict[str, _Array]) -> dict[int, tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]]:
    """The per-document ``(term ids, term counts)`` of the in-memory index (copies)."""
    terms, tfs = views["terms"], views["tfs"]
    bounds = np.concatenate([[0], np.cumsum(views["nnz"], dtype=np.int64)]).tolist()
    docs = {}
    for row, int_id in enumerate(views["ids"].tolist()):
        lo, hi = bounds[row], bounds[row + 1]
        docs[int(int_id)] = (terms[lo:hi].astype(np.int32), tfs[lo:hi].astype(np.int32))
    return docs


def _rows_in(sorted_ids: npt.NDArray[np.int64], int_ids: Sequence[int] | npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """The row of each id in ``sorted_ids`` (ascending), -1 for an id that is not there."""
    rows = np.full(len(int_ids), -1, dtype=np.intp)
    if not len(sorted_ids) or not len(int_ids):
        return rows
    fits = np.asarray([_INT64.min <= i <= _INT64.max for i in int_ids], dtype=bool)
    query = np.asarray([i if ok else 0 for i, ok in zip(int_ids, fits.tolist(), strict=True)], dtype=np.int64)
    found = np.minimum(np.searchsorted(sorted_ids, query), len(sorted_ids) - 1)
    hit = fits & (sorted_ids[found] == query)
    rows[hit] = found[hit]
    return rows


class _Mapped:
    """A memory-mapped format-2 file and its document-major arrays (read-only views into it)."""

    __slots__ = ("data", "views")

    def __init__(self, data: mmap.mmap, views: dict[str, _Array]) -> None:
        self.data = data
        self.views = views


class LexicalIndex:
    """An incremental BM25 index keyed by int64 ids (the ids of the FAISS index).

    An index is either in memory (built with :meth:`add`, or read by :meth:`from_bytes`) or
    memory-mapped (:meth:`map_file`, see :attr:`is_mapped`); both answer every query alike.

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
        # Set while the index reads a mapped file: _docs and _df are then empty and
        # _compiled holds views of the stored postings; _materialise() fills them in.
        self._mapped: _Mapped | None = None

    # ------------------------------------------------------------------ updates
    @property
    def is_mapped(self) -> bool:
        """Whether the index still reads a file mapped by :meth:`map_file` (no update since)."""
        return self._mapped is not None

    def __len__(self) -> int:
        with self._lock:
            mapped = self._mapped
            return len(mapped.views["ids"]) if mapped is not None else len(self._docs)

    def __contains__(self, int_id: object) -> bool:
        return isinstance(int_id, (int, np.integer)) and self._present([int(int_id)])[0]

    @property
    def ids(self) -> list[int]:
        """The ids in the index, ascending."""
        with self._lock:
            mapped = self._mapped
            return [int(i) for i in mapped.views["ids"].tolist()] if mapped is not None else sorted(self._docs)

    def id_array(self) -> npt.NDArray[np.int64]:
        """The ids in the index, ascending, as an int64 array (read-only view of a mapped file)."""
        with self._lock:
            mapped = self._mapped
            if mapped is not None:
                return mapped.views["ids"]
            return np.fromiter(sorted(self._docs), dtype=np.int64, count=len(self._docs))

    def _present(self, ids: Sequence[int]) -> list[bool]:
        """Whether each id is in the index (without loading a mapped index)."""
        with self._lock:
            mapped = self._mapped
            if mapped is None:
                return [i in self._docs for i in ids]
            return [bool(row >= 0) for row in _rows_in(mapped.views["ids"], ids).tolist()]

    def _materialise(self) -> None:
        """Turn a mapped index into an in-memory one (before its first update); else nothing.

        O(documents) Python work: one pair of small arrays per document, as :meth:`from_bytes`.
        """
        mapped = self._mapped
        if mapped is None:
            return
        self._docs = _split_documents(mapped.views)
        self._df = np.diff(mapped.views["term_ptr"]).tolist()  # equals the bincount of terms (validated)
        self._mapped = None  # the map closes once the compiled views of it are dropped too

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

        On a mapped index (:attr:`is_mapped`) the first change loads every document into memory.

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
            present = [i for i, known in zip(ids, self._present(ids), strict=True) if known]
            if present and not replace:
                raise DuplicateIdError(f"ids already indexed: {present[:5]}; pass replace=True to replace them")
            if not ids:
                return
            self._materialise()
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

        On a mapped index (:attr:`is_mapped`) the first change loads every document into memory.

        Raises:
            UnknownIdError: an id is not in the index.
        """
        ids = list(dict.fromkeys(_check_ids(int_ids)))
        with self._lock:
            unknown = [i for i, known in zip(ids, self._present(ids), strict=True) if not known]
            if unknown:
                raise UnknownIdError(f"ids not in the lexical index: {unknown[:5]}; nothing was removed")
            if not ids:
                return
            self._materialise()
            for int_id in ids:
                self._drop(int_id)
            self._compiled = None

    def clear(self) -> None:
        """Remove every document (and the vocabulary); a mapped index lets go of its file."""
        with self._lock:
            self._vocab, self._terms, self._df, self._docs = {}, [], [], {}
            self._compiled = None
            self._mapped = None

    # ------------------------------------------------------------------ scoring
    def _compile(self) -> _Compiled:
        compiled = self._compiled  # always set while the index is mapped
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
            return compiled.row_ids.astype(np.int64), compiled.score(terms, weights)

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

    def top_scores(self, query: str, depth: int, allowed: npt.NDArray[np.int64] | None = None) -> SparseScores:
        """Like :meth:`sparse_scores` for a caller that needs only the ``depth`` best documents
        and the scores of chosen documents: :meth:`SparseScores.best` (up to ``depth``) and
        :meth:`SparseScores.get` return the same ids and bits, but the query's most common
        terms are scored only for the documents that can still reach the top (MaxScore: a
        document that has none of the rarer terms scores at most the sum of the common terms'
        largest weights, and when that is below the ``depth``-th best score found, it cannot
        be among the best). Falls back to :meth:`sparse_scores` when pruning cannot pay.
        With ``allowed`` (sorted, unique ids), only those documents count, as with
        ``sparse_scores(query).restrict(allowed)``.
        """
        with self._lock:
            compiled = self._compile()
            terms, weights = self._query_terms(query)
            return compiled.top_score(terms, weights, depth, allowed)

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
            rows = _rows_in(compiled.row_ids, ids)
            bad = [i for i, r in zip(ids, rows.tolist(), strict=True) if r < 0]
            if bad:
                raise UnknownIdError(f"ids not in the lexical index: {bad[:5]}")
            terms, weights = self._query_terms(query)
            return [float(s) for s in compiled.score(terms, weights)[rows]]

    # ------------------------------------------------------------------ persistence
    def to_bytes(self) -> bytes:
        """Serialise to bytes that depend only on the content and settings, not on history.

        The layout (format 2) is in the module docstring: the header, the documents' term
        counts and the compiled BM25 postings, each array 8-byte aligned. A mapped index
        that has not been changed returns its file's bytes as they are.

        Raises:
            ClaimMatchError: more than 2**31 - 1 documents (format 2 numbers rows in int32).
        """
        with self._lock:
            if self._mapped is not None:
                return self._mapped.data[:]
            if len(self._docs) > _MAX_ROWS:
                raise ClaimMatchError(
                    f"a lexical index of {len(self._docs)} documents is too large to save: the limit is {_MAX_ROWS}"
                )
            row_ids, nnz_array, old_terms, old_tfs = _doc_major(self._docs)
            # the live terms in vocabulary (string) order, renumbered 0..n-1
            present = np.unique(old_terms)
            live = sorted(present.tolist(), key=self._terms.__getitem__)
            remap = np.full(max(len(self._terms), 1), -1, dtype=np.int64)
            remap[live] = np.arange(len(live))
            new_terms = remap[old_terms]
            # each document's pairs in ascending new term id (a term occurs once per document)
            rows = np.repeat(np.arange(len(row_ids), dtype=np.int64), nnz_array)
            order = np.argsort(rows * max(len(live), 1) + new_terms, kind="stable")
            all_terms = new_terms[order].astype("<i4")
            all_tfs = old_tfs[order].astype("<i4")
            compiled = _Compiled.from_arrays(row_ids, nnz_array, all_terms, all_tfs, len(live), self.k1, self.b)
            table = _v2_arrays(len(row_ids), len(all_terms), len(live))
            header = {
                "format": FORMAT_VERSION,
                "scoring": "bm25-lucene",
                "k1": self.k1,
                "b": self.b,
                "analyzer": self.analyzer.config(),
                "documents": len(row_ids),
                "postings": len(all_terms),
                "vocabulary": [self._terms[tid] for tid in live],
                "arrays": table,
            }
            head = json.dumps(header, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            head += b" " * _pad(len(_MAGIC) + 8 + len(head))
            parts = [_MAGIC, struct.pack("<Q", len(head)), head]
            doc_major = [row_ids, nnz_array, all_terms, all_tfs]
            term_major = [compiled.term_ptr, compiled.post_rows, compiled.post_weights]
            for array, (_, dtype, _) in zip(doc_major + term_major, table, strict=True):
                raw = np.asarray(array, dtype=dtype).tobytes()
                parts += [raw, bytes(_pad(len(raw)))]
            return b"".join(parts)

    @classmethod
    def _from_header(cls, header: dict[str, Any]) -> LexicalIndex:
        analyzer = header["analyzer"]
        return cls(
            k1=float(header["k1"]),
            b=float(header["b"]),
            stemmer=analyzer["stemmer"],
            stopwords=list(analyzer["stopwords"]),
        )

    def _set_vocabulary(self, vocab: list[str]) -> None:
        self._terms = vocab
        self._vocab = {term: n for n, term in enumerate(vocab)}

    @classmethod
    def from_bytes(cls, data: bytes) -> LexicalIndex:
        """Rebuild an in-memory index from :meth:`to_bytes` output (format 1 or 2).

        Format 2 brings its compiled postings, so the first search does not compile.

        Raises:
            CorruptIndexError: the bytes are not a valid serialised lexical index.
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise InvalidTypeError(f"data must be bytes, got {type(data).__name__}")
        data = bytes(data)
        try:
            header, at = _read_header(data)
            index = cls._from_header(header)
            vocab = _vocabulary(header)
            if header["format"] == 1:
                views = _v1_views(data, header, at)
                _check_documents(views, len(vocab))
            else:
                views = _v2_views(data, header, at, len(vocab))
                _check_documents(views, len(vocab))
                _check_postings(views, len(vocab))
        except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError) as exc:
            raise CorruptIndexError(f"the lexical index bytes are invalid ({exc}); rebuild the index") from exc
        index._set_vocabulary(vocab)
        terms = views["terms"]
        index._df = np.bincount(terms, minlength=len(vocab)).tolist() if len(terms) else [0] * len(vocab)
        index._docs = _split_documents(views)
        if "term_ptr" in views:  # copies: the compiled arrays must not keep ``data`` alive
            index._compiled = _Compiled(
                views["ids"].astype(np.int64),
                views["term_ptr"].astype(np.int64),
                views["post_rows"].astype(np.int32),
                views["post_weights"].astype(np.float32),
            )
        return index

    @classmethod
    def map_file(cls, path: str | os.PathLike[str]) -> LexicalIndex:
        """Open a saved index (a file of :meth:`to_bytes` output) memory-mapped, read-only.

        The arrays stay in the file (numpy views of an ``mmap``): no per-document Python
        objects, and the postings are paged in by the operating system as queries touch
        them. Every read (``len``, ``in``, :attr:`ids`, :meth:`scores`, :meth:`sparse_scores`,
        :meth:`search`, :meth:`score_ids`, :meth:`to_bytes`) gives the results of the
        in-memory index, bit for bit; the first update loads the documents into memory
        (:attr:`is_mapped` turns false). Opening validates the arrays with O(postings)
        numpy work. The file must not be rewritten or truncated while it is mapped. A
        format-1 file is read into memory (:meth:`from_bytes`).

        Raises:
            CorruptIndexError: the file is not a valid serialised lexical index.
            OSError: the file cannot be opened.
        """
        try:
            data = map_for_random_reads(path)  # no read-around: posting lists are asked for below
        except ValueError as exc:  # an empty file cannot be mapped
            raise CorruptIndexError(f"the lexical index file {path} is empty; rebuild the index") from exc
        try:
            header, at = _read_header(data)
        except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError) as exc:
            raise CorruptIndexError(f"the lexical index file {path} is invalid ({exc}); rebuild the index") from exc
        if header["format"] == 1:
            whole = data[:]
            data.close()
            return cls.from_bytes(whole)
        try:
            index = cls._from_header(header)
            vocab = _vocabulary(header)
            views = _v2_views(data, header, at, len(vocab))
            _check_documents(views, len(vocab))
            _check_postings(views, len(vocab))
        except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError) as exc:
            raise CorruptIndexError(f"the lexical index file {path} is invalid ({exc}); rebuild the index") from exc
        index._set_vocabulary(vocab)
        index._mapped = _Mapped(data, {name: views[name] for name in ("ids", "nnz", "terms", "tfs", "term_ptr")})
        index._compiled = _Compiled(views["ids"], views["term_ptr"], views["post_rows"], views["post_weights"])
        # Queries read the postings of their terms: each posting list (and the small ids and
        # term pointers, read everywhere) is asked for in one go.
        base = _address(np.frombuffer(data, dtype=np.uint8))
        for name in ("ids", "term_ptr"):
            advise_will_need(data, _address(views[name]) - base, views[name].nbytes)
        index._compiled.prefetch = (
            data,
            _address(views["post_rows"]) - base,
            _address(views["post_weights"]) - base,
        )
        return index

    def __repr__(self) -> str:
        with self._lock:
            mapped = self._mapped
            if mapped is not None:
                terms = int(np.count_nonzero(np.diff(mapped.views["term_ptr"])))
            else:
                terms = sum(1 for df in self._df if df)
            return f"LexicalIndex(documents={len(self)}, terms={terms}, k1={self.k1}, b={self.b})"


def _doc_major(
    docs: dict[int, tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """The documents in ascending id order as flat arrays: ids, pairs per document, term ids, counts."""
    ids = sorted(docs)
    row_ids = np.asarray(ids, dtype=np.int64)
    if not ids:
        empty = np.zeros(0, dtype=np.int32)
        return row_ids, np.zeros(0, dtype=np.int64), empty, empty
    terms = np.concatenate([docs[i][0] for i in ids])
    tfs = np.concatenate([docs[i][1] for i in ids])
    nnz = np.fromiter((len(docs[i][0]) for i in ids), dtype=np.int64, count=len(ids))
    return row_ids, nnz, terms, tfs


def _address(array: _Array) -> int:
    """The memory address of an array's first byte."""
    return int(array.__array_interface__["data"][0])


def _top_k(row_ids: npt.NDArray[np.int64], scores: npt.NDArray[np.float32], k: int) -> list[LexicalHit]:
    nonzero = np.flatnonzero(scores > 0)
    if len(nonzero) > k:
        # keep every document tied with the k-th score, then order by (-score, id)
        kth = np.partition(scores[nonzero], len(nonzero) - k)[len(nonzero) - k]
        nonzero = nonzero[scores[nonzero] >= kth]
    order = np.lexsort((row_ids[nonzero], -scores[nonzero]))[:k]
    chosen = nonzero[order]
    return [(int(i), float(s)) for i, s in zip(row_ids[chosen], scores[chosen], strict=True)]


#: Queries with fewer postings than this are scored in full (pruning would not pay).
_PRUNE_FROM = 20_000
#: Shares of a query's postings scored in full before pruning is tried (then all of them).
_PRUNE_STAGES = (0.05, 0.3)
#: Below this rate of recent successes, pruning is tried only on every _PRUNE_RETRY-th query.
_PRUNE_GIVE_UP = 0.3
_PRUNE_RETRY = 16
#: At most this many documents get exact scores after pruning (else the next stage, or all scores).
_PRUNE_MAX_EXACT = 4000


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


class _PrunedScores(SparseScores):
    """:class:`SparseScores` of the documents that can reach a query's top ``depth`` (see
    :meth:`LexicalIndex.top_scores`); :meth:`get` scores any other document on demand."""

    __slots__ = ("_allowed", "_compiled", "_depth", "_terms", "_weights")

    def __init__(
        self,
        ids: npt.NDArray[np.int64],
        scores: npt.NDArray[np.float32],
        compiled: _Compiled,
        terms: npt.NDArray[np.int64],
        weights: npt.NDArray[np.float32],
        depth: int,
        allowed: npt.NDArray[np.int64] | None,
    ) -> None:
        super().__init__(ids, scores)
        self._compiled, self._terms, self._weights, self._depth = compiled, terms, weights, depth
        self._allowed = allowed

    def restrict(self, allowed: npt.NDArray[np.int64] | None) -> SparseScores:
        if allowed is None:
            return self
        raise ValueError("pruned BM25 scores cannot be restricted: use LexicalIndex.sparse_scores with a filter")

    def best(self, depth: int) -> npt.NDArray[np.int64]:
        if depth > self._depth:
            raise ValueError(f"these BM25 scores hold the best {self._depth} documents, not {depth}")
        return super().best(depth)

    def get(self, int_ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        out = super().get(int_ids)
        missing = ~np.isin(int_ids, self.ids)
        if self._allowed is not None:
            missing &= np.isin(int_ids, self._allowed)  # a document the filter excludes scores 0
        if missing.any():
            rows = _rows_in(self._compiled.row_ids, int_ids[missing])
            known = rows >= 0
            scored = np.zeros(len(rows), dtype=np.float32)
            scored[known] = self._compiled.rows_score(self._terms, self._weights, rows[known])
            out[missing] = scored
        return out


class _Compiled:
    """BM25 weights in term-major (inverted) order, rebuilt after every change.

    Built in memory (``post_rows`` int64), copied from format-2 bytes, or views of a mapped
    file (``post_rows`` int32, arrays read-only); scoring reads them alike.
    """

    def __init__(
        self,
        row_ids: npt.NDArray[np.int64],
        term_ptr: npt.NDArray[np.int64],
        post_rows: npt.NDArray[np.int64] | npt.NDArray[np.int32],
        post_weights: npt.NDArray[np.float32],
    ) -> None:
        self.row_ids = row_ids
        self.term_ptr = term_ptr
        self.post_rows = post_rows
        self.post_weights = post_weights
        #: For arrays in a mapped file: (the map, byte offset of post_rows, of post_weights);
        #: the posting lists a query reads are then requested from the disk in one go each.
        self.prefetch: tuple[mmap.mmap, int, int] | None = None
        self._term_max: npt.NDArray[np.float32] | None = None
        # How often pruning worked lately (a moving average): queries that look like the
        # documents (repeated claims) prune well, long loose ones (tweets) rarely do.
        self._prune_rate = 1.0
        self._prune_calls = 0

    @classmethod
    def build(
        cls,
        docs: dict[int, tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]],
        df: list[int],
        k1: float,
        b: float,
    ) -> _Compiled:
        """Compile the in-memory documents (``df`` is their document frequencies, one per term id)."""
        row_ids, nnz, terms, tfs = _doc_major(docs)
        return cls.from_arrays(row_ids, nnz, terms, tfs, len(df), k1, b)

    @classmethod
    def from_arrays(
        cls,
        row_ids: npt.NDArray[np.int64],
        nnz: _Array,
        terms: _Array,
        tfs: _Array,
        n_terms: int,
        k1: float,
        b: float,
    ) -> _Compiled:
        """Compile document-major arrays: ``nnz[r]`` (term id, count) pairs per row, rows in ``row_ids`` order.

        The one code path of :meth:`build` and :meth:`LexicalIndex.to_bytes`, so the stored
        weights equal the in-memory ones bit for bit. Document frequencies are the term counts
        of ``terms`` (a document lists each of its terms once).
        """
        n_docs = len(row_ids)
        if not n_docs:
            return cls(row_ids, np.zeros(n_terms + 1, dtype=np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
        terms = terms.astype(np.int64)
        tfs = tfs.astype(np.float32)
        rows = np.repeat(np.arange(n_docs, dtype=np.int64), nnz)
        lengths = np.bincount(rows, weights=tfs, minlength=n_docs).astype(np.float32)
        mean = float(lengths.mean()) or 1.0
        counts = np.bincount(terms, minlength=n_terms)
        dfs = counts.astype(np.float32)
        idf = np.log(np.float32(1.0) + (np.float32(n_docs) - dfs + np.float32(0.5)) / (dfs + np.float32(0.5)))
        norm = np.float32(k1) * (np.float32(1.0 - b) + np.float32(b) * lengths / np.float32(mean))
        weights = (idf[terms] * tfs / (tfs + norm[rows])).astype(np.float32)
        order = np.argsort(terms, kind="stable")
        term_ptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(counts, out=term_ptr[1:])
        return cls(row_ids, term_ptr, rows[order], weights[order])

    def _postings(
        self, terms: npt.NDArray[np.int64], weights: npt.NDArray[np.float32]
    ) -> tuple[npt.NDArray[np.int64] | npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """Rows and weighted contributions of every posting of ``terms``, term by term."""
        spans = list(zip(self.term_ptr[terms].tolist(), self.term_ptr[terms + 1].tolist(), strict=True))
        if self.prefetch is not None:
            data, rows_at, weights_at = self.prefetch
            for start, end in spans:
                advise_will_need(data, rows_at + 4 * start, 4 * (end - start))
                advise_will_need(data, weights_at + 4 * start, 4 * (end - start))
        rows = np.concatenate([self.post_rows[s:e] for s, e in spans])  # contiguous slices: no index array
        contribution = np.concatenate(
            [self.post_weights[s:e] * w for (s, e), w in zip(spans, weights.astype(np.float32), strict=True)]
        )
        return rows, contribution

    def term_max(self) -> npt.NDArray[np.float32]:
        """The largest posting weight of each term (0 for a term without postings), made once."""
        if self._term_max is None:
            starts, ends = self.term_ptr[:-1], self.term_ptr[1:]
            present = ends > starts
            out = np.zeros(len(starts), dtype=np.float32)
            if present.any():
                out[present] = np.maximum.reduceat(np.asarray(self.post_weights), starts[present])
            self._term_max = out
        return self._term_max

    def rows_score(
        self, terms: npt.NDArray[np.int64], weights: npt.NDArray[np.float32], rows: npt.NDArray[np.intp]
    ) -> npt.NDArray[np.float32]:
        """The scores of the (ascending, unique) ``rows``, bit for bit as :meth:`score` gives them:
        each row's contributions summed in float64 in the order of ``terms``."""
        at: list[npt.NDArray[np.intp]] = []
        contribution: list[npt.NDArray[np.float32]] = []
        for term, weight in zip(terms.tolist(), weights.astype(np.float32), strict=True):
            start, end = int(self.term_ptr[term]), int(self.term_ptr[term + 1])
            postings = self.post_rows[start:end]
            found = np.searchsorted(postings, rows)  # a term's postings are in ascending row order
            inside = found < len(postings)
            hit = np.zeros(len(rows), dtype=bool)
            hit[inside] = postings[found[inside]] == rows[inside]
            at.append(np.flatnonzero(hit))
            contribution.append(self.post_weights[start:end][found[hit]] * weight)
        sums = np.bincount(np.concatenate(at), weights=np.concatenate(contribution), minlength=len(rows))
        return sums.astype(np.float32)

    def top_score(
        self,
        terms: npt.NDArray[np.int64],
        weights: npt.NDArray[np.float32],
        depth: int,
        allowed: npt.NDArray[np.int64] | None = None,
    ) -> SparseScores:
        """:meth:`sparse_score` cut to the documents that can reach the top ``depth`` (MaxScore).

        The terms with the largest possible contribution (the rarest) are scored in full, as
        few as :data:`_PRUNE_STAGES` allow; the others (``rest``) can add at most the sum of
        their largest weights to a document. A document missing from the first scoring, or
        whose partial score plus that sum stays below the ``depth``-th best partial score,
        cannot reach the top; the few others get their exact scores.
        """
        postings = self.term_ptr[terms + 1] - self.term_ptr[terms] if len(terms) else np.zeros(0, dtype=np.int64)
        total = int(postings.sum())
        pruned = None
        if depth >= 1 and len(terms) >= 2 and total >= _PRUNE_FROM:
            self._prune_calls += 1
            # after a run of queries that did not prune, try only now and then
            if self._prune_rate >= _PRUNE_GIVE_UP or not self._prune_calls % _PRUNE_RETRY:
                pruned = self._pruned(terms, weights, depth, postings, total, allowed)
                self._prune_rate = 0.9 * self._prune_rate + (0.1 if pruned is not None else 0.0)
        return pruned if pruned is not None else self.sparse_score(terms, weights).restrict(allowed)

    def _pruned(
        self,
        terms: npt.NDArray[np.int64],
        weights: npt.NDArray[np.float32],
        depth: int,
        postings: npt.NDArray[np.int64],
        total: int,
        allowed: npt.NDArray[np.int64] | None,
    ) -> _PrunedScores | None:
        """:meth:`top_score` when pruning works for this query, else None."""
        bound = self.term_max()[terms].astype(np.float64) * weights.astype(np.float64)
        by_bound = np.argsort(-bound, kind="stable")
        spent = np.cumsum(postings[by_bound])
        tried = 0
        for share in _PRUNE_STAGES:
            cut = max(1, int(np.searchsorted(spent, share * total, side="right")))
            if cut >= len(terms) or cut <= tried:
                continue
            tried = cut
            essential = np.sort(by_bound[:cut])
            rest = float(bound[by_bound[cut:]].sum())
            if float(bound[essential].sum()) <= rest:
                continue  # no partial score can exceed `rest`: scoring these terms would be wasted
            partial = self.sparse_score(terms[essential], weights[essential]).restrict(allowed)
            if len(partial) < depth:
                continue
            kth = float(np.partition(partial.scores, len(partial) - depth)[len(partial) - depth])
            # a margin far above float32 rounding of the scores and bounds, so that a document
            # left out scores strictly below the depth-th best one, never level with it
            rest += 1e-5 * (rest + kth) + 1e-6
            if rest >= kth:
                continue
            # outside `partial` a document scores <= rest < kth; inside, <= its partial score + rest
            reach = partial.scores.astype(np.float64) + rest >= kth
            if int(np.count_nonzero(reach)) > _PRUNE_MAX_EXACT:
                continue  # near-duplicates all within reach: exact scores would cost more than all scores
            ids = partial.ids[reach]
            exact = self.rows_score(terms, weights, np.searchsorted(self.row_ids, ids))
            return _PrunedScores(ids, exact, self, terms, weights, depth, allowed)
        return None

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
            touched = np.flatnonzero(dense != 0)  # a bool scan: ~5x faster than nonzero() on float64, same rows
            sums = dense[touched]
        return SparseScores(self.row_ids[touched], sums.astype(np.float32))
