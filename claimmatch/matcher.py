"""Matching new claims against an index: retrieval, score cut-off and stance."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import ValidationError

from claimmatch.embedder import EmbedderLike
from claimmatch.errors import InvalidArgumentError, InvalidTypeError
from claimmatch.filters import ClaimFilter
from claimmatch.index import ClaimIndex, HybridHit, SearchHit
from claimmatch.loaders import describe_validation_error
from claimmatch.models import Match, VerifiedClaim
from claimmatch.normalize import RETRIEVAL_NORMALIZER, QueryNormalizer
from claimmatch.onnx_embedder import OnnxEmbedder
from claimmatch.rerank import DEFAULT_HYBRID, HybridConfig
from claimmatch.stance import DEFAULT_NLI, StanceEngine
from claimmatch.text import validate_text

if TYPE_CHECKING:
    from claimmatch.article import ArticleReport

__all__ = ["DEFAULT_MIN_SCORE", "MAX_TOP_K", "ClaimMatcher"]

#: Cosine below which a verified claim is not returned at all. Calibrated on the dev half
#: of ``tests/data/match_queries.jsonl`` with ``benchmarks/calibrate.py``; see docs/matching.md.
DEFAULT_MIN_SCORE = 0.5
#: Most matches one query may ask for.
MAX_TOP_K = 100


def _check_top_k(top_k: object) -> int:
    if not isinstance(top_k, int) or isinstance(top_k, bool):
        raise InvalidTypeError(f"top_k must be an int, got {type(top_k).__name__}")
    if not 1 <= top_k <= MAX_TOP_K:
        raise InvalidArgumentError(f"top_k must be between 1 and {MAX_TOP_K}, got {top_k}")
    return top_k


def _check_min_score(min_score: object) -> float:
    if not isinstance(min_score, (int, float)) or isinstance(min_score, bool):
        raise InvalidTypeError(f"min_score must be a number, got {type(min_score).__name__}")
    if not -1.0 <= float(min_score) <= 1.0:
        raise InvalidArgumentError(f"min_score is a cosine similarity in [-1, 1], got {min_score}")
    return float(min_score)


def _combine_filters(where: ClaimFilter | None, filters: dict[str, Any]) -> ClaimFilter | None:
    if where is not None and not isinstance(where, ClaimFilter):
        raise InvalidTypeError(f"where must be a ClaimFilter, got {type(where).__name__}")
    if not filters:
        return where
    unknown = sorted(set(filters) - set(ClaimFilter.model_fields))
    if unknown:
        raise InvalidArgumentError(
            f"unknown filter(s) {', '.join(unknown)}; use one of {', '.join(ClaimFilter.model_fields)}"
        )
    base = where.model_dump(exclude_none=True) if where is not None else {}
    try:
        return ClaimFilter.model_validate({**base, **filters})
    except ValidationError as exc:
        raise InvalidArgumentError(f"invalid filter: {describe_validation_error(exc)}") from exc


#: Claims from which hybrid queries are embedded (and searched with FAISS) on background threads
#: while the calling thread scores BM25 (:meth:`ClaimMatcher._match_beside_bm25`). Below it,
#: BM25 takes less time than the second thread saves the embedding of a single text (~0.5 ms),
#: so the queries are embedded first. Measured on 2 cores, single-query p50 without vs with:
#: 100k claims 4.38 vs 4.69 ms, 300k 5.55 vs 5.12 ms, 1M 9.17 vs 6.73 ms
#: (``benchmarks/single_query_threads.py --setting overlap``, docs/performance.md).
_OVERLAP_FROM = 200_000
#: Texts per chunk of a batch matched beside BM25: each chunk's BM25 scores are held until its
#: embedding is done (~4 MB a text at 1M claims).
_CHUNK = 16
_BACKGROUND: tuple[int, ThreadPoolExecutor] | None = None  # (the process that made it, the pool)
_BACKGROUND_LOCK = threading.Lock()


def _cosine_hits(fused: list[list[HybridHit]]) -> list[list[SearchHit]]:
    """Hybrid hits as ``(claim, cosine)`` pairs, in fused order (the stance step needs the cosine)."""
    return [[(claim, cosine) for claim, cosine, _ in hits] for hits in fused]


def _background() -> ThreadPoolExecutor:
    """The threads that embed a query while the calling thread scores it with BM25.

    One pool per process: a child made by ``fork`` has none of its parent's threads, so it
    makes its own instead of queueing work that no thread would ever run.
    """
    global _BACKGROUND
    with _BACKGROUND_LOCK:
        if _BACKGROUND is None or _BACKGROUND[0] != os.getpid():
            pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="claimmatch-embed")
            _BACKGROUND = (os.getpid(), pool)
        return _BACKGROUND[1]


def _encode_beside(embedder: EmbedderLike, texts: list[str]) -> npt.NDArray[np.float32]:
    """Embed ``texts`` on one core, leaving the others to the caller."""
    if isinstance(embedder, OnnxEmbedder):
        return embedder.encode(texts, one_thread=True)
    return embedder.encode(texts)


class ClaimMatcher:
    """Finds earlier fact-checks for new claims and says how each one bears on them.

    Args:
        index: The verified claims to search.
        min_score: Default cosine cut-off; nothing below it is returned.
        nli: The stance engine's NLI model: ``"default"``
            (:data:`~claimmatch.stance.DEFAULT_NLI`, the default) for the rules with claimmatch's
            own shipped stance model (loaded on first use, asked only where the rules saw a
            difference they could not place), ``None`` for rules only, or a cross-encoder name
            or local path.
        stance_engine: A configured :class:`~claimmatch.stance.StanceEngine`; overrides ``nli``.
        retrieval: ``"hybrid"`` (dense + BM25, fused; used when the index has a BM25 part)
            or ``"dense"`` (embeddings only).
        hybrid: How to fuse dense and BM25 candidates (see ``docs/benchmarks.md``).
        normalizer: Cleans social-media queries (links, hashtag marks) before retrieval;
            ``None`` to search the text as given.
    """

    def __init__(
        self,
        index: ClaimIndex,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        nli: str | None = DEFAULT_NLI,
        stance_engine: StanceEngine | None = None,
        retrieval: Literal["hybrid", "dense"] = "hybrid",
        hybrid: HybridConfig = DEFAULT_HYBRID,
        normalizer: QueryNormalizer | None = RETRIEVAL_NORMALIZER,
    ) -> None:
        if not isinstance(index, ClaimIndex):
            raise InvalidTypeError(f"index must be a ClaimIndex, got {type(index).__name__}")
        if retrieval not in ("hybrid", "dense"):
            raise InvalidArgumentError(f"retrieval must be 'hybrid' or 'dense', got {retrieval!r}")
        self.index = index
        self.retrieval = retrieval
        self.hybrid = hybrid
        self.normalizer = normalizer
        self.min_score = _check_min_score(min_score)
        self.stance_engine = stance_engine if stance_engine is not None else StanceEngine(nli=nli)

    def match(
        self,
        text: str,
        top_k: int = 5,
        *,
        min_score: float | None = None,
        where: ClaimFilter | None = None,
        **filters: Any,
    ) -> list[Match]:
        """Return the verified claims that match ``text``, best first, each with a stance.

        Args:
            text: The new claim (at most :data:`claimmatch.text.MAX_TEXT_CHARS` characters).
            top_k: Most matches to return.
            min_score: Cosine cut-off for this call; defaults to the matcher's.
            where: A :class:`~claimmatch.filters.ClaimFilter`, applied inside the search.
            **filters: Shortcuts for the ``ClaimFilter`` fields (``language="en"``,
                ``publisher="politifact.com"``, ``verdict="false"``, ``max_age_days=365``,
                ``reviewed_after=date(...)``, ``reviewed_before=...``).

        Raises:
            InvalidTextError: ``text`` is empty or too long.
            InvalidTypeError: ``text`` is not a ``str``.
        """
        if isinstance(text, (list, tuple)):
            raise InvalidTypeError("match() takes one str; use match_many() for a list of texts")
        return self.match_many([text], top_k, min_score=min_score, where=where, **filters)[0]

    def match_many(
        self,
        texts: Sequence[str],
        top_k: int = 5,
        *,
        min_score: float | None = None,
        where: ClaimFilter | None = None,
        **filters: Any,
    ) -> list[list[Match]]:
        """Match many texts with batched embedding and search.

        Takes the same options as :meth:`match`. Returns one list of matches per input
        text, in input order. With hybrid retrieval over :data:`_OVERLAP_FROM` claims or
        more, the texts are embedded on background threads, in chunks, while this thread
        scores them with BM25 (see ``docs/performance.md``); otherwise in one pass.
        """
        if isinstance(texts, (str, bytes)) or not isinstance(texts, Sequence):
            raise InvalidTypeError(
                f"texts must be a list of str, got {type(texts).__name__}; use match() for a single text"
            )
        k = _check_top_k(top_k)
        condition = _combine_filters(where, filters)
        cut = self.min_score if min_score is None else _check_min_score(min_score)
        if not texts:
            return []
        cleaned = [validate_text(text, what="query") for text in texts]
        if self.normalizer is not None:
            cleaned = [self.normalizer(text) for text in cleaned]
        if self.retrieval == "hybrid" and self.index.has_lexical:
            if len(self.index) >= _OVERLAP_FROM:
                return self._match_beside_bm25(cleaned, k, cut, condition)
            queries = self.index.embedder.encode(cleaned)  # already validated above
            fused = self.index.hybrid_search(cleaned, queries, k, where=condition, config=self.hybrid)
            found = _cosine_hits(fused)
        else:
            queries = self.index.embedder.encode(cleaned)
            found = self.index.search(queries, k, where=condition)
        return self._matches(cleaned, queries, found, cut)

    def _match_beside_bm25(
        self, cleaned: list[str], k: int, cut: float, condition: ClaimFilter | None
    ) -> list[list[Match]]:
        """Hybrid matching with the embedding on background threads, so that both cores work.

        The texts go in chunks of :data:`_CHUNK`. While this thread scores chunk ``c`` with
        BM25 (and then fuses and assesses its stances), a background thread embeds it and runs
        its FAISS search, and another embeds chunk ``c + 1``: onnxruntime, torch and FAISS
        release the GIL. Each chunk is searched under the index lock, like a call of its own.
        """
        chunks = [cleaned[at : at + _CHUNK] for at in range(0, len(cleaned), _CHUNK)]
        pool, embedder = _background(), self.index.embedder
        pending = pool.submit(_encode_beside, embedder, chunks[0])
        results: list[list[Match]] = []
        for number, chunk in enumerate(chunks):
            current = pending
            if number + 1 < len(chunks):
                pending = pool.submit(_encode_beside, embedder, chunks[number + 1])
            fused = self.index.hybrid_search(chunk, current, k, where=condition, config=self.hybrid)
            found = _cosine_hits(fused)
            results.extend(self._matches(chunk, current.result(), found, cut))
        return results

    def _matches(
        self, texts: list[str], queries: npt.NDArray[np.float32], found: list[list[SearchHit]], cut: float
    ) -> list[list[Match]]:
        """The score cut-off, the stances and the :class:`Match` objects of searched texts."""
        kept = [[(claim, score) for claim, score in hits if score >= cut] for hits in found]
        assessments = iter(self.stance_engine.assess_many(self._stance_pairs(texts, queries, kept)))
        results: list[list[Match]] = []
        for hits in kept:
            matches = []
            for rank, (claim, score) in enumerate(hits, start=1):
                stance = next(assessments)
                matches.append(
                    Match(
                        claim=claim,
                        score=round(score, 6),
                        rank=rank,
                        stance=stance.stance,
                        confidence=stance.confidence,
                        reasons=list(stance.reasons),
                        implied_verdict=stance.implied_verdict,
                    )
                )
            results.append(matches)
        return results

    def check_article(
        self,
        text: str,
        *,
        top_k: int = 3,
        min_score: float | None = None,
        where: ClaimFilter | None = None,
        **filters: Any,
    ) -> ArticleReport:
        """Split an article into sentences, keep the check-worthy ones, and match them all.

        Returns an :class:`~claimmatch.article.ArticleReport`: one item per kept sentence
        with ``text``, ``start``/``end`` offsets into ``text`` and ``matches``, plus the
        skipped sentences with reasons and a summary. See ``docs/article-mode.md``.
        """
        from claimmatch.article import check_article

        return check_article(self, text, top_k=top_k, min_score=min_score, where=where, **filters)

    def _stance_pairs(
        self, texts: Sequence[str], queries: npt.NDArray[np.float32], kept: list[list[SearchHit]]
    ) -> list[tuple[str, VerifiedClaim, float]]:
        """(new claim, verified claim, cosine of the two *texts*) for the stance engine.

        The search score may include the review title; the stance engine compares claim
        with claim, so it gets the cosine against the verified claim's text alone.
        """
        flat = [(row, claim) for row, hits in enumerate(kept) for claim, _ in hits]
        if not flat:
            return []
        vectors = self.index.text_vectors([claim for _, claim in flat])
        sims = np.einsum("ij,ij->i", queries[[row for row, _ in flat]], vectors)
        return [
            (texts[row], claim, float(min(1.0, max(-1.0, sim)))) for (row, claim), sim in zip(flat, sims, strict=True)
        ]
