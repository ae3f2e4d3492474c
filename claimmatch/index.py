"""The verified-claim index: claims, their embeddings in FAISS, and safe updates."""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, wait
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from claimmatch._version import __version__
from claimmatch.claim_table import ClaimTable, MappedClaimTable
from claimmatch.embedder import (
    BACKENDS,
    DEFAULT_BACKEND,
    DEFAULT_MODEL,
    EmbedderLike,
    check_backend,
    load_embedder,
    normalize_rows,
)
from claimmatch.errors import (
    ClaimMatchError,
    CorruptIndexError,
    DimensionMismatchError,
    DuplicateIdError,
    InvalidArgumentError,
    InvalidTypeError,
    ModelMismatchError,
    UnknownIdError,
)
from claimmatch.faiss_store import FaissVectorStore
from claimmatch.filters import ClaimFilter, FilterColumns
from claimmatch.lexical import LexicalIndex
from claimmatch.loaders import parse_claim
from claimmatch.models import VerifiedClaim
from claimmatch.paging import map_for_scans
from claimmatch.rerank import DEFAULT_HYBRID, HybridConfig
from claimmatch.storage import read_index_dir, write_index_dir
from claimmatch.text import validate_text
from claimmatch.vector_store import VectorStore, create_vector_store, open_vector_store

__all__ = ["ClaimIndex", "HybridHit", "SearchHit"]

#: One search result before stance detection: the claim and its cosine similarity.
SearchHit = tuple[VerifiedClaim, float]
#: One hybrid search result: the claim, its cosine similarity, and its fused score.
HybridHit = tuple[VerifiedClaim, float, float]
ClaimsInput = Iterable[VerifiedClaim | dict[str, Any]] | VerifiedClaim
#: Backends that give the same vectors (to float rounding) share a family.
_VECTOR_FAMILY = {"torch": "fp32", "onnx-fp32": "fp32", "onnx-int8": "int8"}
#: How many title-less text vectors (for stance) an index keeps in memory.
_TEXT_CACHE_SIZE = 50_000
_T = TypeVar("_T")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _saved_filter_columns(
    data: bytes, path: Path | None, claim_ids: npt.NDArray[np.int64], where: Path
) -> FilterColumns:
    """The filter columns of a saved index (memory-mapped when ``path`` is given), checked against its claims."""
    columns = FilterColumns.from_buffer(map_for_scans(path) if path is not None else data, str(where))
    if not np.array_equal(columns.ids, claim_ids):
        raise CorruptIndexError(f"{where}: the filter columns and the claims disagree; rebuild the index")
    return columns


def _preview(ids: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(repr(i) for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _settle(future: Future[_T], compute: Callable[[], _T]) -> None:
    """Give ``future`` the result of ``compute()``, or the exception it raises."""
    try:
        future.set_result(compute())
    except BaseException as exc:  # noqa: BLE001  (handed on to whoever waits on the future)
        future.set_exception(exc)


class ClaimIndex:
    """A searchable collection of verified claims.

    Claims are embedded (text, plus the review title where there is one) into unit
    vectors and kept in a vector store (by default an exact FAISS inner-product index),
    so scores are cosine similarities. String ids map to stable int64 ids, so ``upsert``
    and ``remove`` need no rebuild. The embedding model is loaded lazily, on the first
    call that embeds.

    Args:
        model: ``DEFAULT_MODEL`` (offline), a sentence-transformers hub name, or a local path.
        dimension: The vector dimension; read from the model when omitted.
        embed_title: Embed ``text`` together with ``title`` (recommended: titles help retrieval).
        embedder: An already loaded embedder (:class:`~claimmatch.embedder.Embedder`,
            :class:`~claimmatch.onnx_embedder.OnnxEmbedder`) to use instead of loading ``model``;
            its ``name`` and ``backend`` are the index's model and embedding backend.
        embedding_backend: How ``model`` is run: one of
            :data:`~claimmatch.embedder.BACKENDS`, default
            :data:`~claimmatch.embedder.DEFAULT_BACKEND`. Recorded in the manifest, and used
            again by :meth:`load`.
        lexical: Keep a BM25 keyword index (text, title and subtitle) beside the vectors, for
            hybrid search (the default; see ``docs/benchmarks.md``).
        backend: Where the vectors live: ``"faiss"`` (in process, saved in the index
            directory) or ``"qdrant"`` (the ``claimmatch[qdrant]`` extra; see
            ``docs/vector-backends.md``).
        index_type: The vector index structure; ``"auto"`` picks one by collection size
            (see ``docs/performance.md``).
        url: The server of a server backend, e.g. ``"http://localhost:6333"``.
        backend_options: Further backend settings (e.g. ``{"api_key": ...}`` for Qdrant).
        text_vectors: Also embed and keep the text alone of claims whose embedded text
            includes their title (the stance engine compares texts, not titles), so that
            matching never embeds a matched claim. Costs one more embedding per such claim
            when it is added and ``4 * dimension`` bytes of memory; ``False`` embeds them on
            first match instead (and caches them).
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        dimension: int | None = None,
        embed_title: bool = True,
        embedder: EmbedderLike | None = None,
        embedding_backend: str | None = None,
        lexical: bool = True,
        backend: str = "faiss",
        index_type: str = "auto",
        url: str | None = None,
        backend_options: dict[str, Any] | None = None,
        text_vectors: bool = True,
    ) -> None:
        if embedding_backend is not None:
            check_backend(embedding_backend, what="embedding_backend")
        if embedder is not None:
            model = embedder.name
            own = str(getattr(embedder, "backend", "torch"))  # an embedder without one: sentence-transformers
            if embedding_backend is not None and embedding_backend != own:
                raise InvalidArgumentError(
                    f"embedding_backend={embedding_backend!r} but the embedder given runs {own!r}; pass one of them"
                )
            embedding_backend = own
        if not isinstance(model, str) or not model.strip():
            raise InvalidTypeError(f"model must be a non-empty str (a name or a path), got {model!r}")
        self.model = model
        #: How the model is run (``"torch"``, ``"onnx-fp32"``, ``"onnx-int8"``); in the manifest.
        self.embedding_backend = embedding_backend or DEFAULT_BACKEND
        self.embed_title = bool(embed_title)
        self._embedder = embedder
        if dimension is None:
            dimension = self.embedder.dimension
        if not isinstance(dimension, int) or dimension <= 0:
            raise InvalidArgumentError(f"dimension must be a positive int, got {dimension!r}")
        self.dimension = dimension
        self._store: VectorStore = create_vector_store(
            backend, dimension, index_type=index_type, url=url, options=backend_options
        )
        self._lexical: LexicalIndex | None = LexicalIndex() if lexical else None
        #: Whether added claims get their text-only vector stored (see ``text_vectors``).
        self.keeps_text_vectors = bool(text_vectors) and self.embed_title
        self._text_store = FaissVectorStore(dimension, index_type="flat")
        #: The int64 ids that have a stored text-only vector, ascending.
        self._text_ids = np.empty(0, dtype=np.int64)
        self._table: ClaimTable | MappedClaimTable = ClaimTable()
        self._next_int = 0
        self._lock = threading.RLock()
        self._save_lock = threading.Lock()
        self._text_cache: dict[tuple[str, str], npt.NDArray[np.float32]] = {}
        self._allowed_cache: dict[tuple[str, str], npt.NDArray[np.int64]] = {}  # emptied by every update
        self._filter_columns: FilterColumns | None = None  # made by the first filtered search, kept in step
        self.created_at = _now()
        self.updated_at = self.created_at
        self.path: Path | None = None

    # ------------------------------------------------------------------ construction
    @classmethod
    def build(
        cls,
        claims: ClaimsInput,
        *,
        model: str = DEFAULT_MODEL,
        embed_title: bool = True,
        vectors: npt.ArrayLike | None = None,
        text_only_vectors: npt.ArrayLike | None = None,
        embedder: EmbedderLike | None = None,
        embedding_backend: str | None = None,
        lexical: bool = True,
        progress: Callable[[int], None] | None = None,
        backend: str = "faiss",
        index_type: str = "auto",
        url: str | None = None,
        backend_options: dict[str, Any] | None = None,
        text_vectors: bool = True,
    ) -> ClaimIndex:
        """Create an index and add ``claims`` to it (see :meth:`add` and the class arguments)."""
        index = cls(
            model,
            embed_title=embed_title,
            embedder=embedder,
            embedding_backend=embedding_backend,
            lexical=lexical,
            backend=backend,
            index_type=index_type,
            url=url,
            backend_options=backend_options,
            text_vectors=text_vectors,
        )
        index.add(claims, vectors=vectors, text_only_vectors=text_only_vectors, progress=progress)
        return index

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        model: str | None = None,
        override_model: bool = False,
        embedding_backend: str | None = None,
        url: str | None = None,
        backend_options: dict[str, Any] | None = None,
        mmap: bool = False,
        verify: bool = True,
    ) -> ClaimIndex:
        """Load a saved index directory, verifying checksums, counts and dimension.

        Args:
            path: The directory written by :meth:`save`.
            model: Expected model; defaults to the one in the manifest.
            override_model: Use ``model`` even though the manifest names another one
                (e.g. a local copy of a hub model). Its dimension must still match.
            embedding_backend: How to run the model for queries and new claims; defaults to
                the manifest's ``embedding_backend`` (``"torch"`` for indexes saved before it
                was recorded). Another backend of the same model is allowed: ``torch`` and
                ``onnx-fp32`` give the same vectors, and mixing either with ``onnx-int8``
                (which emits a ``UserWarning``) moves cosines by ~0.01 (at most ~0.03), see
                ``docs/performance.md``. The manifest then records the backend in use.
            url: For a server backend, the server to use instead of the one recorded.
            backend_options: Further backend settings (e.g. a Qdrant ``api_key``, or FAISS
                search parameters such as ``{"nprobe": 32}``; see ``docs/performance.md``).
            mmap: FAISS backend: leave the data files on disk, memory-mapped, instead of
                reading them (their checksums are still verified, by streaming): the vectors,
                the claims (decoded when a search returns them; an index saved before the
                claim row file existed reads its claims as before), the BM25 postings and the
                text vectors. RAM then holds tens of bytes per claim besides the vector index
                (see ``docs/performance.md``). The first update reads the claims, the BM25
                index and flat or HNSW vectors into memory; IVF-PQ keeps its exact vectors on
                disk.
            verify: With ``mmap=True``, ``False`` skips the sha256 of the mapped files and
                checks only their sizes against the manifest (a 1M-claim index then loads in
                ~0.2 s instead of ~2 s from the page cache; ~20 s of hashing at 10M). For
                trusted storage only: a file altered without a change of size goes unnoticed.
                Without ``mmap`` every file is read and hashed regardless.

        Raises:
            MissingIndexError: no index there.
            CorruptIndexError: the directory is partial, altered or inconsistent.
            ModelMismatchError: ``model`` differs from the manifest and ``override_model`` is false.
        """
        stored = read_index_dir(path, mapped=mmap, verify=verify)
        paths = stored.paths or {}
        manifest = stored.manifest
        where = Path(path)
        try:
            recorded_model = str(manifest["model"])
            dimension = int(manifest["dimension"])
            count = int(manifest["count"])
            next_int = int(manifest["next_int_id"])
            embed_fields = list(manifest["embed_fields"])
            recorded_backend = str(manifest.get("embedding_backend") or "torch")  # older manifests: torch
        except (KeyError, TypeError, ValueError) as exc:
            raise CorruptIndexError(f"{where}/manifest.json lacks or garbles {exc}; rebuild the index") from exc
        if recorded_backend not in BACKENDS:
            raise CorruptIndexError(
                f"{where}/manifest.json names embedding backend {recorded_backend!r}, which this claimmatch "
                f"does not know ({', '.join(BACKENDS)}); upgrade claimmatch or pass embedding_backend="
            )
        if embedding_backend is not None:
            check_backend(embedding_backend, what="embedding_backend")
            if _VECTOR_FAMILY[embedding_backend] != _VECTOR_FAMILY[recorded_backend]:
                warnings.warn(
                    f"the index at {where} was embedded with the {recorded_backend} backend and will be queried "
                    f"with {embedding_backend}: cosines differ by ~0.01 (at most ~0.03) between the two; rebuild "
                    "the index with one backend to remove the difference",
                    UserWarning,
                    stacklevel=2,
                )
        if model is not None and model != recorded_model and not override_model:
            raise ModelMismatchError(
                f"the index at {where} was built with model {recorded_model!r}, not {model!r}; load it without "
                "model=, rebuild it with the new model, or pass override_model=True for a copy of the same model"
            )
        index = cls(
            model or recorded_model,
            dimension=dimension,
            embed_title="title" in embed_fields,
            embedding_backend=embedding_backend or recorded_backend,
            lexical=stored.lexical is not None,
            text_vectors=bool(manifest.get("text_vectors", False)),
        )
        if mmap and manifest.get("backend", "faiss") != "faiss":
            raise InvalidArgumentError("mmap=True is only for the faiss backend, which keeps its vectors on disk")
        index._store = open_vector_store(
            manifest,
            stored.vectors,
            dimension=dimension,
            where=where,
            url=url,
            options={**(backend_options or {}), "mmap": True} if mmap else backend_options,
        )
        if "claimrows" in paths:
            index._table = MappedClaimTable(paths["claims"], paths["claimrows"], where)
        else:
            index._table = ClaimTable.from_jsonl(stored.claims, where)
        claim_ids = index._table.int_ids()
        if (
            len(index._table) != count
            or len(index._store) != count
            or not np.array_equal(np.sort(index._store.ids()), claim_ids)
        ):
            raise CorruptIndexError(
                f"{where} is inconsistent: manifest count {count}, {len(index._table)} claims, "
                f"{len(index._store)} vectors; rebuild the index"
            )
        if stored.lexical is not None:
            try:
                if "lexical" in paths:
                    index._lexical = LexicalIndex.map_file(paths["lexical"])
                else:
                    index._lexical = LexicalIndex.from_bytes(stored.lexical)
            except ClaimMatchError as exc:
                raise CorruptIndexError(f"the BM25 file in {where} cannot be read ({exc}); rebuild the index") from exc
            if not np.array_equal(index._lexical.id_array(), claim_ids):
                raise CorruptIndexError(f"{where}: the BM25 index and the claims disagree; rebuild the index")
        if stored.text_vectors is not None:
            description: dict[str, Any] = {"index_type": "flat"}
            if "textvectors" in paths:
                description["files"] = {"vectors": {"path": paths["textvectors"].name}}
            index._text_store = FaissVectorStore.open(
                description,
                stored.text_vectors,
                dimension=dimension,
                where=where,
                options={"mmap": True} if "textvectors" in paths else {},
            )
            index._text_ids = np.sort(index._text_store.ids())
            if not np.isin(index._text_ids, claim_ids, assume_unique=True).all():
                raise CorruptIndexError(f"{where}: the text vectors and the claims disagree; rebuild the index")
        if stored.filters is not None:
            index._filter_columns = _saved_filter_columns(stored.filters, paths.get("filters"), claim_ids, where)
        index._next_int = max(next_int, int(claim_ids[-1]) + 1 if len(claim_ids) else 0)
        index.created_at = str(manifest.get("created_at", index.created_at))
        index.updated_at = str(manifest.get("updated_at", index.updated_at))
        index.path = where
        return index

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the index to a directory atomically and return the directory.

        A crash at any point leaves the previous index loadable. Defaults to the path the
        index was loaded from or last saved to. The index is snapshotted under its lock and
        written to disk outside it, so searches and updates do not wait for the disk;
        concurrent saves are serialised.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise InvalidArgumentError("this index has no path yet; call save(path) with a directory")
        with self._save_lock:
            claims, claim_rows, vectors, lexical, text_vectors, filters, manifest = self._snapshot()
            write_index_dir(
                target,
                vectors,
                claims,
                manifest,
                lexical=lexical,
                text_vectors=text_vectors,
                claim_rows=claim_rows,
                filters=filters,
            )
        self.path = target
        return target

    def _snapshot(self) -> tuple[bytes, bytes, bytes, bytes | None, bytes | None, bytes, dict[str, Any]]:
        with self._lock:
            claims, claim_rows = self._table.encode()
            if self._filter_columns is None:  # saved, so that the loaded index filters at once
                self._filter_columns = self._table.filter_columns()
            filters = self._filter_columns.to_bytes()
            vectors = self._store.to_bytes()
            lexical = self._lexical.to_bytes() if self._lexical is not None else None
            text_vectors = self._text_store.to_bytes() if len(self._text_ids) else None
            manifest = {
                "claimmatch_version": __version__,
                **self._store.describe(),
                "normalized": True,
                "model": self.model,
                "embedding_backend": self.embedding_backend,
                "embedding_library": "sentence-transformers" if self.embedding_backend == "torch" else "onnxruntime",
                "dimension": self.dimension,
                "count": len(self._table),
                "next_int_id": self._next_int,
                "embed_fields": ["text", "title"] if self.embed_title else ["text"],
                "text_vectors": self.keeps_text_vectors,
                "lexical": {"kind": "bm25", "fields": ["text", "title", "subtitle"]} if lexical is not None else None,
                "created_at": self.created_at,
                "updated_at": self.updated_at,
                "saved_at": _now(),
            }
        return claims, claim_rows, vectors, lexical, text_vectors, filters, manifest

    def export_claimreview(self, path: str | os.PathLike[str]) -> None:
        """Write every claim as schema.org ClaimReview JSON-LD (reads back equal with ``load_claims``)."""
        from claimmatch.claimreview import export_claimreview

        export_claimreview(self.claims, path)

    # ------------------------------------------------------------------ embedding
    @property
    def embedder(self) -> EmbedderLike:
        """The embedding model, loaded on first use (with :attr:`embedding_backend`) and checked
        against the index dimension."""
        if self._embedder is None:
            self._embedder = load_embedder(self.model, backend=self.embedding_backend)
        dimension = getattr(self, "dimension", None)
        if dimension is not None and self._embedder.dimension != dimension:
            raise DimensionMismatchError(
                f"model {self.model!r} makes {self._embedder.dimension}-dimensional vectors but this index holds "
                f"{dimension}-dimensional ones; use the model the index was built with or rebuild the index"
            )
        return self._embedder

    def embedding_text(self, claim: VerifiedClaim) -> str:
        """The text that represents ``claim`` in the vector space."""
        if self.embed_title and claim.title and claim.title.casefold() != claim.text.casefold():
            return f"{claim.text} {claim.title}"
        return claim.text

    def lexical_text(self, claim: VerifiedClaim) -> str:
        """The text that represents ``claim`` for BM25: text, title and ``metadata["subtitle"]``."""
        parts = [claim.text, claim.title or ""]
        subtitle = claim.metadata.get("subtitle")
        if isinstance(subtitle, str):
            parts.append(subtitle)
        return " ".join(part for part in parts if part)

    @property
    def has_lexical(self) -> bool:
        """Whether the index keeps a BM25 keyword index for hybrid search."""
        return self._lexical is not None

    def text_vectors(self, claims: Sequence[VerifiedClaim]) -> npt.NDArray[np.float32]:
        """Unit vectors of the claims' ``text`` alone (without the title), for stance detection.

        Where the stored vector already embeds the text alone it is reused, as is a text
        vector stored when the claim was added (``text_vectors=True``); otherwise the text is
        embedded once and kept in a bounded cache.
        """
        out = np.zeros((len(claims), self.dimension), dtype=np.float32)
        missing: list[int] = []
        with self._lock:
            for row, claim in enumerate(claims):
                key = (claim.id, claim.text)
                cached = self._text_cache.get(key)
                if cached is not None:
                    out[row] = cached
                elif self._table.get(claim.id) == claim:
                    int_id = self._known_int_id(claim.id)
                    if self._has_text_vector(int_id):
                        out[row] = self._text_store.reconstruct(int_id)
                    elif self.embedding_text(claim) == claim.text:
                        out[row] = self._store.reconstruct(int_id)
                    else:
                        missing.append(row)
                else:
                    missing.append(row)
        if missing:
            fresh = self.embedder.encode([claims[row].text for row in missing])
            with self._lock:
                for row, vector in zip(missing, fresh, strict=True):
                    out[row] = vector
                    self._text_cache[(claims[row].id, claims[row].text)] = vector
                while len(self._text_cache) > _TEXT_CACHE_SIZE:
                    self._text_cache.pop(next(iter(self._text_cache)))
        return out

    def embed_queries(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Validate and embed query texts into unit vectors."""
        clean = [validate_text(text, what="query") for text in texts]
        return self.embedder.encode(clean)

    def _check_vectors(self, vectors: npt.ArrayLike, count: int, what: str = "vectors") -> npt.NDArray[np.float32]:
        if not isinstance(vectors, np.ndarray):
            raise InvalidTypeError(
                f"{what} must be a numpy array of shape (n, {self.dimension}), got {type(vectors).__name__}"
            )
        if vectors.ndim != 2 or vectors.shape[0] != count:
            raise InvalidArgumentError(
                f"{what} has shape {vectors.shape}, expected ({count}, {self.dimension}): one row per claim"
            )
        if vectors.shape[1] != self.dimension:
            raise DimensionMismatchError(
                f"{what} have dimension {vectors.shape[1]} but the index holds {self.dimension}-dimensional "
                f"vectors from {self.model!r}; embed with the same model"
            )
        if not np.issubdtype(vectors.dtype, np.number) or not np.isfinite(vectors).all():
            raise InvalidArgumentError(f"{what} must be finite numbers (no NaN or inf)")
        return normalize_rows(vectors)

    # ------------------------------------------------------------------ updates
    @staticmethod
    def _coerce(claims: ClaimsInput) -> list[VerifiedClaim]:
        if isinstance(claims, VerifiedClaim):
            return [claims]
        if isinstance(claims, (str, bytes)) or not isinstance(claims, Iterable):
            raise InvalidTypeError(f"claims must be an iterable of VerifiedClaim, got {type(claims).__name__}")
        parsed = [parse_claim(item, where=f"claims[{n}]") for n, item in enumerate(claims)]
        ids = [claim.id for claim in parsed]
        if len(set(ids)) != len(ids):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            raise DuplicateIdError(f"ids repeated within one batch: {_preview(repeated)}; each id must appear once")
        return parsed

    def _vectors_for(
        self, claims: list[VerifiedClaim], vectors: npt.ArrayLike | None, progress: Callable[[int], None] | None
    ) -> npt.NDArray[np.float32]:
        if vectors is not None:
            return self._check_vectors(vectors, len(claims))
        return self.embedder.encode([self.embedding_text(claim) for claim in claims], progress=progress)

    def _own_text_vectors(
        self, claims: list[VerifiedClaim], precomputed: bool, given: npt.ArrayLike | None = None
    ) -> dict[str, npt.NDArray[np.float32]]:
        """Text-only vectors to store for ``claims`` (by id): ``given`` rows if passed, else the stored
        vector when the text is unchanged, else a fresh embedding (none when ``vectors`` were precomputed)."""
        if given is not None:
            rows = self._check_vectors(given, len(claims), what="text_only_vectors")
            if not self.keeps_text_vectors:
                return {}
            return {c.id: rows[n] for n, c in enumerate(claims) if self.embedding_text(c) != c.text}
        if not self.keeps_text_vectors or precomputed:
            return {}
        out: dict[str, npt.NDArray[np.float32]] = {}
        to_embed: list[VerifiedClaim] = []
        for claim in claims:
            if self.embedding_text(claim) == claim.text:
                continue
            old = self._table.get(claim.id)
            int_id = self._table.int_id(claim.id)
            if old is not None and int_id is not None and old.text == claim.text and self._has_text_vector(int_id):
                out[claim.id] = self._text_store.reconstruct(int_id)
            else:
                to_embed.append(claim)
        if to_embed:
            fresh = self.embedder.encode([claim.text for claim in to_embed])
            out.update({claim.id: vector for claim, vector in zip(to_embed, fresh, strict=True)})
        return out

    def _insert(
        self,
        claims: list[VerifiedClaim],
        vectors: npt.NDArray[np.float32],
        text_vectors: dict[str, npt.NDArray[np.float32]] | None = None,
    ) -> None:
        int_ids = []
        for claim in claims:
            int_id = self._table.int_id(claim.id)
            if int_id is None:
                int_id = self._next_int
                self._next_int += 1
            int_ids.append(int_id)
        if claims:
            self._store.add(vectors, np.asarray(int_ids, dtype=np.int64), claims=claims)
            if self._lexical is not None:
                self._lexical.upsert(int_ids, [self.lexical_text(claim) for claim in claims])
            self._drop_text_vectors(int_ids)
            if text_vectors:
                rows = [
                    (int_id, text_vectors[c.id])
                    for c, int_id in zip(claims, int_ids, strict=True)
                    if c.id in text_vectors
                ]
                self._text_store.add(
                    np.stack([vector for _, vector in rows]), np.asarray([i for i, _ in rows], dtype=np.int64)
                )
                self._text_ids = np.union1d(self._text_ids, np.asarray([i for i, _ in rows], dtype=np.int64))
        for claim, int_id in zip(claims, int_ids, strict=True):
            self._table.put(claim, int_id)
        self._allowed_cache.clear()
        if self._filter_columns is not None and not self._filter_columns.put(zip(int_ids, claims, strict=True)):
            self._filter_columns = None  # rebuilt by the next filtered search
        self.updated_at = _now()

    def _has_text_vector(self, int_id: int) -> bool:
        at = int(np.searchsorted(self._text_ids, int_id))
        return at < len(self._text_ids) and int(self._text_ids[at]) == int_id

    def _drop_text_vectors(self, int_ids: Sequence[int]) -> None:
        stale = np.asarray([i for i in int_ids if self._has_text_vector(i)], dtype=np.int64)
        if len(stale):
            self._text_store.remove(stale)
            self._text_ids = np.setdiff1d(self._text_ids, stale, assume_unique=True)

    def _known_int_id(self, claim_id: str) -> int:
        int_id = self._table.int_id(claim_id)
        if int_id is None:  # pragma: no cover - callers check first
            raise UnknownIdError(f"no claim with id {claim_id!r} in the index")
        return int_id

    def _writable(self) -> None:
        """Read a memory-mapped claim table into memory before its first update (call under the lock)."""
        if isinstance(self._table, MappedClaimTable):
            self._table = self._table.materialize()

    def add(
        self,
        claims: ClaimsInput,
        *,
        vectors: npt.ArrayLike | None = None,
        text_only_vectors: npt.ArrayLike | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Add new claims; nothing is added if any id is already present.

        Args:
            claims: ``VerifiedClaim`` objects (or mappings of their fields).
            vectors: Optional precomputed ``(n, dimension)`` embeddings, one row per claim,
                for bulk builds; rows are L2-normalised on the way in.
            text_only_vectors: Optional precomputed embeddings of each claim's text alone
                (same shape), kept for titled claims when the index stores text vectors.
                Without it, precomputed ``vectors`` mean no text vector is stored (the stance
                engine then embeds a matched claim's text on first use).
            progress: Called with the number of claims embedded after each batch.

        Raises:
            DuplicateIdError: an id is already in the index or repeated in ``claims``.
            DimensionMismatchError: ``vectors`` has the wrong width.
        """
        batch = self._coerce(claims)
        with self._lock:
            self._writable()
            present = [claim.id for claim in batch if claim.id in self._table]
            if present:
                raise DuplicateIdError(
                    f"already in the index: {_preview(present)}; use upsert() to replace existing claims"
                )
            embedded = self._vectors_for(batch, vectors, progress)
            own_text = self._own_text_vectors(batch, precomputed=vectors is not None, given=text_only_vectors)
            self._insert(batch, embedded, own_text)

    def upsert(
        self,
        claims: ClaimsInput,
        *,
        vectors: npt.ArrayLike | None = None,
        text_only_vectors: npt.ArrayLike | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Add claims, replacing any with the same id (an id keeps its int64 slot).

        A replaced claim whose embedded text is unchanged keeps its vector: metadata-only
        updates (a new rating, a corrected URL) are not re-embedded. ``vectors`` and
        ``text_only_vectors`` are as in :meth:`add`.
        """
        batch = self._coerce(claims)
        with self._lock:
            self._writable()
            if vectors is not None:
                embedded = self._check_vectors(vectors, len(batch))
            else:
                embedded = np.zeros((len(batch), self.dimension), dtype=np.float32)
                to_embed = []
                for row, claim in enumerate(batch):
                    old = self._table.get(claim.id)
                    if old is not None and self.embedding_text(old) == self.embedding_text(claim):
                        embedded[row] = self._store.reconstruct(self._known_int_id(claim.id))
                    else:
                        to_embed.append(row)
                if to_embed:
                    fresh = self.embedder.encode([self.embedding_text(batch[r]) for r in to_embed], progress=progress)
                    embedded[to_embed] = fresh
            own_text = self._own_text_vectors(batch, precomputed=vectors is not None, given=text_only_vectors)
            replaced = [i for i in (self._table.int_id(claim.id) for claim in batch) if i is not None]
            if replaced:
                self._store.remove(np.asarray(replaced, dtype=np.int64))
            self._insert(batch, embedded, own_text)

    def remove(self, ids: str | Iterable[str]) -> None:
        """Remove claims by id; nothing is removed if any id is unknown.

        Raises:
            UnknownIdError: an id is not in the index.
        """
        wanted = [ids] if isinstance(ids, str) else list(ids)
        for item in wanted:
            if not isinstance(item, str):
                raise InvalidTypeError(f"ids must be strings, got {type(item).__name__}: {item!r:.40}")
        with self._lock:
            self._writable()
            unknown = [item for item in wanted if item not in self._table]
            if unknown:
                raise UnknownIdError(f"not in the index: {_preview(unknown)}; nothing was removed")
            unique = list(dict.fromkeys(wanted))
            int_ids = [self._known_int_id(item) for item in unique]
            if int_ids:
                self._store.remove(np.asarray(int_ids, dtype=np.int64))
                if self._lexical is not None:
                    self._lexical.remove(int_ids)
                self._drop_text_vectors(int_ids)
            for item in unique:
                self._table.delete(item)
            self._allowed_cache.clear()
            if self._filter_columns is not None:
                self._filter_columns.delete(int_ids)
            self.updated_at = _now()

    # ------------------------------------------------------------------ reading
    def get(self, claim_id: str) -> VerifiedClaim:
        """Return the claim with ``claim_id``.

        Raises:
            UnknownIdError: no such id.
        """
        if not isinstance(claim_id, str):
            raise InvalidTypeError(f"claim id must be a str, got {type(claim_id).__name__}")
        with self._lock:
            claim = self._table.get(claim_id)
        if claim is None:
            raise UnknownIdError(f"no claim with id {claim_id!r} in the index")
        return claim

    def vector(self, claim_id: str) -> npt.NDArray[np.float32]:
        """Return the stored unit vector of a claim."""
        self.get(claim_id)
        with self._lock:
            return np.asarray(self._store.reconstruct(self._known_int_id(claim_id)), dtype=np.float32)

    def search(self, queries: npt.ArrayLike, k: int, *, where: ClaimFilter | None = None) -> list[list[SearchHit]]:
        """Return the ``k`` nearest claims for each query vector, best first.

        Args:
            queries: ``(q, dimension)`` query embeddings (normalised on the way in).
            k: Neighbours per query.
            where: Only claims this filter accepts are searched: the filter runs inside
                the vector store (a FAISS ID selector, a Qdrant payload filter), so the
                ``k`` results are the nearest *allowed* claims, not a trimmed top-k.
        """
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise InvalidArgumentError(f"k must be a positive int, got {k!r}")
        matrix = np.asarray(queries)
        if matrix.ndim == 1:
            matrix = matrix[None, :]
        checked = self._check_vectors(matrix, matrix.shape[0])
        with self._lock:
            return self._dense_search(checked, k, self._allowed_ids(where), where)

    def _allowed_ids(self, where: ClaimFilter | None) -> npt.NDArray[np.int64] | None:
        """The int64 ids ``where`` accepts (ascending, read-only), or ``None`` when it restricts nothing.

        The first filtered search reads every claim's metadata into columns
        (:class:`~claimmatch.filters.FilterColumns`; a mapped index decodes only the JSON, no
        claim objects), which updates then keep in step; a new filter costs a few numpy
        operations, and the answer is kept until the next update, so a filter that comes
        back (the usual case for a service) costs a dictionary lookup. Call under the lock.
        """
        if where is None or where.is_empty:
            return None
        relative = where.max_age_days is not None and where.as_of is None  # "the last N days" moves with the date
        key = (where.model_dump_json(), datetime.now(timezone.utc).date().isoformat() if relative else "")
        cached = self._allowed_cache.get(key)
        if cached is not None:
            return cached
        if self._filter_columns is None:  # one pass over the claims, then every filter is a few numpy ops
            self._filter_columns = self._table.filter_columns()
        ids = self._filter_columns.select(where)  # ascending: the columns hold ids in ascending order
        ids.flags.writeable = False
        if len(self._allowed_cache) >= 64:
            self._allowed_cache.pop(next(iter(self._allowed_cache)))
        self._allowed_cache[key] = ids
        return ids

    def _dense_search(
        self,
        checked: npt.NDArray[np.float32],
        k: int,
        allowed: npt.NDArray[np.int64] | None,
        where: ClaimFilter | None = None,
    ) -> list[list[SearchHit]]:
        """Vector search of unit query vectors, restricted to ``allowed`` ids; call under the lock."""
        return [
            [(self._table.claim_at(i), score) for i, score in hits]
            for hits in self._dense_ids(checked, k, allowed, where)
        ]

    def _dense_ids(
        self,
        checked: npt.NDArray[np.float32],
        k: int,
        allowed: npt.NDArray[np.int64] | None,
        where: ClaimFilter | None = None,
    ) -> list[list[tuple[int, float]]]:
        """:meth:`_dense_search` as ``(int64 id, cosine)`` pairs; call under the lock."""
        count = len(self._table) if allowed is None else len(allowed)
        if not count:
            return [[] for _ in range(len(checked))]
        scores, found = self._store.search(checked, min(k, count), allowed=allowed, where=where)
        return [
            [(int(i), float(s)) for s, i in zip(row_scores, row_ids, strict=True) if i >= 0]
            for row_scores, row_ids in zip(scores, found, strict=True)
        ]

    def hybrid_search(
        self,
        texts: Sequence[str],
        queries: npt.ArrayLike | Future[npt.NDArray[np.float32]],
        k: int,
        *,
        where: ClaimFilter | None = None,
        config: HybridConfig = DEFAULT_HYBRID,
    ) -> list[list[HybridHit]]:
        """Dense + BM25 search, fused: ``(claim, cosine, fused score)`` per query, best fused first.

        The candidates are the union of the dense top-``depth`` and the BM25 top-``depth``
        (both restricted by ``where``); every candidate gets its exact cosine and its exact
        BM25 score, and ``config`` fuses the two (``DEFAULT_HYBRID``: z-score fusion with
        the weights chosen on CheckThat! train tweets). Falls back to dense search when the
        index has no BM25 part.

        Args:
            texts: The query texts (for BM25), one per row of ``queries``.
            queries: ``(q, dimension)`` query embeddings, or a :class:`~concurrent.futures.Future`
                of them (still being embedded): every text's BM25 scores are then computed
                while it runs, and kept until it is done, so pass a future for a few texts
                only (:class:`~claimmatch.matcher.ClaimMatcher` does, for one text or a chunk
                of 16).
            k: Results per query.
            where: Search filters.
            config: How to fuse.
        """
        if isinstance(texts, str):
            raise InvalidArgumentError("hybrid_search needs one query text per query vector, got a str")
        depth = max(config.depth, k)
        with self._lock:
            allowed = self._allowed_ids(where)  # one scan of the metadata serves both searches
            lexical = self._lexical if len(self._table) else None
            early = None
            if isinstance(queries, Future):
                # the thread that embeds the queries also runs the dense search (this thread holds
                # the lock meanwhile, so nothing changes under it) while this one scores BM25
                searched: Future[tuple[npt.NDArray[np.float32], list[list[tuple[int, float]]]]] = Future()

                def search(done: Future[npt.NDArray[np.float32]]) -> None:
                    _settle(searched, lambda: self._dense_part(texts, done.result(), depth, allowed, where))

                queries.add_done_callback(search)
                try:
                    if lexical is not None:
                        early = [lexical.top_scores(text, depth, allowed) for text in texts]
                finally:
                    wait([searched])  # never leave the lock while that search may still run
                unit, dense = searched.result()
            else:
                unit, dense = self._dense_part(texts, queries, depth, allowed, where)
            if lexical is None:
                return [[(self._table.claim_at(i), score, score) for i, score in hits[:k]] for hits in dense]
            results: list[list[HybridHit]] = []
            for row, (text, hits) in enumerate(zip(texts, dense, strict=True)):
                # only the (allowed) claims that can reach BM25's top `depth`: the cost follows the rare terms' postings
                bm25 = early[row] if early is not None else lexical.top_scores(text, depth, allowed)
                cosine = dict(hits)
                for int_id in bm25.best(depth).tolist():
                    if int_id not in cosine:
                        cosine[int_id] = float(unit[row] @ self._store.reconstruct(int_id))
                candidates = np.fromiter(cosine, dtype=np.int64, count=len(cosine))
                lexical_scores = dict(zip(cosine, bm25.get(candidates).tolist(), strict=True))
                fused = config.fuse(cosine, lexical_scores, limit=k)
                results.append([(self._table.claim_at(i), cosine[i], score) for i, score in fused])
            return results

    def _dense_part(
        self,
        texts: Sequence[str],
        queries: npt.ArrayLike,
        depth: int,
        allowed: npt.NDArray[np.int64] | None,
        where: ClaimFilter | None,
    ) -> tuple[npt.NDArray[np.float32], list[list[tuple[int, float]]]]:
        """The unit query vectors of :meth:`hybrid_search` and their dense top ``depth``; call under the lock."""
        matrix = np.asarray(queries)
        if matrix.ndim == 1:
            matrix = matrix[None, :]
        if len(texts) != len(matrix):
            raise InvalidArgumentError("hybrid_search needs one query text per query vector")
        unit = self._check_vectors(matrix, matrix.shape[0])
        return unit, self._dense_ids(unit, depth, allowed, where)

    @property
    def claims(self) -> list[VerifiedClaim]:
        """All claims, in insertion order."""
        with self._lock:
            return list(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, claim_id: object) -> bool:
        with self._lock:
            return isinstance(claim_id, str) and claim_id in self._table

    def __iter__(self) -> Iterator[VerifiedClaim]:
        return iter(self.claims)

    @property
    def backend(self) -> str:
        """Where the vectors live: ``"faiss"`` or ``"qdrant"``."""
        return self._store.backend

    @property
    def store(self) -> VectorStore:
        """The vector store (advanced use: its :meth:`~VectorStore.describe` says how it is built)."""
        return self._store

    def __repr__(self) -> str:
        return (
            f"ClaimIndex(model={self.model!r}, dimension={self.dimension}, claims={len(self)}, "
            f"backend={self.backend!r})"
        )
