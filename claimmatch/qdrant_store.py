"""The Qdrant vector store: vectors in a Qdrant collection, embedded or on a server.

Needs the ``claimmatch[qdrant]`` extra (``qdrant-client``). Two modes (see
``docs/vector-backends.md``):

* **embedded** (``url=None``): Qdrant's local mode inside this process, in memory or, with
  ``backend_options={"path": DIR}``, persisted by Qdrant under ``DIR``. Search is exact.
  The index directory stays self-contained: its vectors file holds every point (ids,
  vectors, filter payload), so ``save``/``load`` round-trip exactly like FAISS.
* **server** (``url="http://host:6333"``, API key from ``backend_options={"api_key": ...}``
  or ``QDRANT_API_KEY``): the collection lives on the Qdrant server or cluster and is
  changed in place by ``add``/``upsert``/``remove``. The vectors file then records where
  the collection is (URL without credentials, collection name) with the count and a
  checksum of the ids, and ``load`` verifies the collection against them.

Each point's id is the claim's int64 id; its payload holds the metadata that
:class:`~claimmatch.filters.ClaimFilter` filters on, so filters run inside Qdrant as
payload filters (:func:`payload_filter`).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import numpy.typing as npt

from claimmatch.errors import (
    BackendUnavailableError,
    CorruptIndexError,
    DimensionMismatchError,
    InvalidArgumentError,
    InvalidTypeError,
    MissingExtraError,
)
from claimmatch.filters import ClaimFilter
from claimmatch.models import Verdict, VerifiedClaim
from claimmatch.vector_store import SearchResult

if TYPE_CHECKING:
    from qdrant_client import QdrantClient
    from qdrant_client import models as qmodels

__all__ = ["INDEX_TYPES", "OPTIONS", "QdrantVectorStore", "claim_payload", "payload_filter"]

#: The index structures: ``"flat"`` (exact search), ``"hnsw"`` (Qdrant's HNSW graph, server
#: only), ``"auto"`` (``flat`` embedded, ``hnsw`` on a server).
INDEX_TYPES = ("auto", "flat", "hnsw")
#: The ``backend_options`` this store understands.
OPTIONS = ("api_key", "collection", "hnsw_ef", "on_disk", "path", "prefer_grpc", "recreate", "timeout")
#: Version of the payload layout written by :func:`claim_payload` (recorded in the manifest).
PAYLOAD_VERSION = 1
#: The ClaimFilter fields :func:`payload_filter` translates; any other field falls back to ids.
_FILTER_FIELDS = frozenset(
    {"language", "publisher", "verdict", "max_age_days", "reviewed_after", "reviewed_before", "as_of"}
)
#: Keyword and integer payload fields (indexed on a server).
_KEYWORD_FIELDS = ("language", "publisher_name", "publisher_sites", "verdict")
_INTEGER_FIELDS = ("review_day", "claim_day")
_DUMP_MAGIC = b"CLAIMMATCH-QDRANT-POINTS\n"
_REF_FORMAT = "claimmatch-qdrant-collection"
_BATCH = 512
_SCROLL = 2048
_INSTALL = 'pip install "claimmatch[qdrant]"'


def _qdrant() -> ModuleType:
    """Import ``qdrant_client`` on first use, with a claimmatch error if the extra is missing."""
    try:
        return importlib.import_module("qdrant_client")
    except ImportError as exc:
        raise MissingExtraError(
            f"backend='qdrant' needs the qdrant-client package, which is not installed ({exc}); "
            f"install the extra with: {_INSTALL}"
        ) from exc


def _models() -> Any:
    return _qdrant().models


def _connection_errors() -> tuple[type[BaseException], ...]:
    """The exceptions qdrant-client raises when a server cannot be reached or refuses a call."""
    from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse

    errors: list[type[BaseException]] = [ResponseHandlingException, UnexpectedResponse, OSError]
    with contextlib.suppress(ImportError):  # grpc ships with qdrant-client
        errors.append(importlib.import_module("grpc").RpcError)
    return tuple(errors)


# ---------------------------------------------------------------------- payloads and filters
def _language_prefixes(tag: str) -> list[str]:
    parts = tag.casefold().split("-")
    return ["-".join(parts[: n + 1]) for n in range(len(parts))]


def _host_suffixes(host: str) -> list[str]:
    """``host`` and every part after one of its dots: ``a.b.c`` -> ``a.b.c``, ``b.c``, ``c``."""
    return [host, *(host[n + 1 :] for n, char in enumerate(host) if char == ".")]


def claim_payload(claim: VerifiedClaim) -> dict[str, Any]:
    """The Qdrant payload of a claim: what :class:`ClaimFilter` filters on, as exact-match values.

    ``language`` holds every prefix of the casefolded tag (``en-gb`` -> ``en``, ``en-gb``), so
    a filter value matches exactly when :meth:`ClaimFilter.accepts` would; ``publisher_sites``
    holds the review URL's host and each of its dot-suffixes; dates are proleptic ordinals.
    """
    payload: dict[str, Any] = {
        "language": _language_prefixes(str(claim.language)),
        "verdict": Verdict(claim.verdict).value,  # also for a claim built with model_copy(update=...)
    }
    name = (claim.publisher or "").casefold()
    if name:
        payload["publisher_name"] = name
    host = ""
    if claim.review_url:
        try:
            host = (urlsplit(claim.review_url).hostname or "").casefold()
        except ValueError:  # an unparseable URL has no host
            host = ""
    if host:
        payload["publisher_sites"] = _host_suffixes(host)
    if claim.review_date is not None:
        payload["review_day"] = claim.review_date.toordinal()
    if claim.claim_date is not None:
        payload["claim_day"] = claim.claim_date.toordinal()
    return payload


def payload_filter(where: ClaimFilter) -> qmodels.Filter | None:
    """Translate ``where`` into a Qdrant payload filter over :func:`claim_payload` payloads.

    Returns ``None`` when ``where`` restricts nothing. Raises :class:`NotImplementedError`
    for filter fields it cannot express (none today; a later ``ClaimFilter`` field would
    make the store fall back to an id filter rather than silently ignore it).
    """
    unknown = {name for name in type(where).model_fields if getattr(where, name) is not None} - _FILTER_FIELDS
    if unknown:
        raise NotImplementedError(f"no Qdrant payload filter for {sorted(unknown)}")
    if where.is_empty:
        return None
    qm = _models()
    must: list[Any] = []
    if where.language is not None:
        wanted = sorted({item.casefold() for item in where.language})
        must.append(qm.FieldCondition(key="language", match=qm.MatchAny(any=wanted)))
    if where.publisher is not None:
        names = sorted({item.casefold().strip() for item in where.publisher})
        sites = sorted({name.removeprefix("www.") for name in names})
        must.append(
            qm.Filter(
                should=[
                    qm.FieldCondition(key="publisher_name", match=qm.MatchAny(any=names)),
                    qm.FieldCondition(key="publisher_sites", match=qm.MatchAny(any=sites)),
                ]
            )
        )
    if where.verdict is not None:
        verdicts = sorted({verdict.value for verdict in where.verdict})
        must.append(qm.FieldCondition(key="verdict", match=qm.MatchAny(any=verdicts)))
    earliest = where._earliest()  # the same bound ClaimFilter.accepts uses (max_age_days, reviewed_after)
    if earliest is not None or where.reviewed_before is not None:
        must.append(
            qm.FieldCondition(
                key="review_day",
                range=qm.Range(
                    gte=earliest.toordinal() if earliest is not None else None,
                    lte=where.reviewed_before.toordinal() if where.reviewed_before is not None else None,
                ),
            )
        )
    translated: qmodels.Filter = qm.Filter(must=must)
    return translated


# ---------------------------------------------------------------------- connection settings
def _public_url(url: str) -> str:
    """``url`` without user name and password, fit for a manifest."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _check_options(options: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise InvalidArgumentError(f"unknown qdrant backend_options {unknown}; known: {list(OPTIONS)}")
    return dict(options)


def _connect(url: str | None, options: Mapping[str, Any]) -> QdrantClient:
    """A client for ``url`` (server) or, with ``url=None``, an embedded Qdrant (memory or ``path``)."""
    client_class = _qdrant().QdrantClient
    if url is None:
        for server_only in ("api_key", "prefer_grpc", "timeout", "on_disk", "hnsw_ef"):
            if options.get(server_only) is not None:
                raise InvalidArgumentError(
                    f"backend_options[{server_only!r}] applies to a Qdrant server; pass url= too, or drop it"
                )
        path = options.get("path")
        if path is None:
            return client_class(location=":memory:")  # type: ignore[no-any-return]
        try:
            # ClaimIndex serialises every call under its lock, so SQLite's same-thread check is not needed.
            return client_class(path=os.fspath(path), force_disable_check_same_thread=True)  # type: ignore[no-any-return]
        except RuntimeError as exc:  # the path is locked by another client
            raise BackendUnavailableError(
                f"the embedded Qdrant storage at {path} is in use ({exc}); close the index that holds it "
                "(index.store.close()) or choose another path"
            ) from exc
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        raise InvalidArgumentError(
            f"url must be an http(s) URL of a Qdrant server, e.g. 'http://localhost:6333', got {url!r}"
        )
    if options.get("path") is not None:
        raise InvalidArgumentError("backend_options['path'] is for embedded Qdrant; drop it or drop url=")
    api_key = options.get("api_key") or os.environ.get("QDRANT_API_KEY") or None
    return client_class(  # type: ignore[no-any-return]
        url=url,
        api_key=api_key,
        prefer_grpc=bool(options.get("prefer_grpc", False)),
        timeout=options.get("timeout"),
        check_compatibility=False,  # the first real call below reports an unreachable server clearly
    )


# ---------------------------------------------------------------------- the vectors file
def _ids_digest(ids: Iterable[int]) -> str:
    ordered = np.sort(np.fromiter(ids, dtype=np.int64))
    return hashlib.sha256(ordered.astype("<i8").tobytes()).hexdigest()


def _encode_dump(
    dimension: int, ids: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32], payloads: list[Any]
) -> bytes:
    header = json.dumps(
        {"version": 1, "count": len(ids), "dimension": dimension, "payloads": payloads},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")
    return b"".join(
        [_DUMP_MAGIC, header, b"\n", ids.astype("<i8").tobytes(), vectors.astype("<f4", copy=False).tobytes()]
    )


def _decode_dump(data: bytes, where: Path) -> tuple[int, npt.NDArray[np.int64], npt.NDArray[np.float32], list[Any]]:
    end = data.find(b"\n", len(_DUMP_MAGIC))
    try:
        header = json.loads(data[len(_DUMP_MAGIC) : end].decode("utf-8"))
        count, dimension, payloads = int(header["count"]), int(header["dimension"]), list(header["payloads"])
    except Exception as exc:
        raise CorruptIndexError(
            f"the Qdrant vectors file in {where} cannot be read ({exc}); rebuild the index"
        ) from exc
    body = data[end + 1 :]
    if end < 0 or count < 0 or dimension <= 0 or len(payloads) != count or len(body) != count * (8 + 4 * dimension):
        raise CorruptIndexError(f"the Qdrant vectors file in {where} is truncated or inconsistent; rebuild the index")
    ids = np.frombuffer(body[: 8 * count], dtype="<i8").astype(np.int64)
    vectors = np.frombuffer(body[8 * count :], dtype="<f4").astype(np.float32).reshape(count, dimension)
    return dimension, ids, vectors, payloads


class QdrantVectorStore:
    """Unit vectors in a Qdrant collection (dot product on unit vectors = cosine).

    Create it through ``ClaimIndex(backend="qdrant", url=..., backend_options=...)``.

    Args:
        client: A connected ``QdrantClient``.
        dimension: The vector dimension.
        collection: The collection name.
        url: The server URL, or ``None`` for embedded Qdrant.
        index_type: ``"flat"`` or ``"hnsw"`` (already resolved from ``"auto"``).
        hnsw_ef: HNSW search breadth on a server (``None``: Qdrant's default).
    """

    backend = "qdrant"

    def __init__(
        self,
        client: QdrantClient,
        *,
        dimension: int,
        collection: str,
        url: str | None,
        index_type: str,
        hnsw_ef: int | None = None,
    ) -> None:
        self.dimension = dimension
        self.collection = collection
        self.url = url
        self.index_type = index_type
        self.hnsw_ef = hnsw_ef
        self._client = client
        self._ids: set[int] = set()
        self._bare: set[int] = set()  # ids added without claims: no payload, so filters fall back to ids

    @property
    def mode(self) -> str:
        """``"embedded"`` or ``"server"``."""
        return "embedded" if self.url is None else "server"

    @property
    def client(self) -> QdrantClient:
        """The underlying ``QdrantClient`` (advanced use)."""
        return self._client

    # ------------------------------------------------------------------ construction
    @classmethod
    def create(
        cls,
        dimension: int,
        *,
        index_type: str = "auto",
        url: str | None = None,
        options: Mapping[str, Any],
        _collection: str | None = None,
        _recreate: bool = False,
    ) -> QdrantVectorStore:
        """Create an empty collection (the :func:`~claimmatch.vector_store.create_vector_store` hook).

        Raises:
            BackendUnavailableError: ``qdrant-client`` is missing, or the server cannot be reached.
            InvalidArgumentError: bad options, or the collection exists already (pass
                ``backend_options={"recreate": True}`` to replace it).
        """
        options = _check_options(options)
        if index_type not in INDEX_TYPES:
            raise InvalidArgumentError(f"index_type must be one of {list(INDEX_TYPES)}, got {index_type!r}")
        if index_type == "auto":
            index_type = "flat" if url is None else "hnsw"
        if index_type == "hnsw" and url is None:
            raise InvalidArgumentError(
                "embedded Qdrant always searches exactly: use index_type='flat' (or 'auto'), or a server url= for HNSW"
            )
        collection = options.get("collection") or _collection or f"claimmatch-{uuid.uuid4().hex}"
        if not isinstance(collection, str):
            raise InvalidTypeError(f"backend_options['collection'] must be a str, got {collection!r}")
        hnsw_ef = options.get("hnsw_ef")
        if hnsw_ef is not None and (not isinstance(hnsw_ef, int) or isinstance(hnsw_ef, bool) or hnsw_ef < 1):
            raise InvalidArgumentError(f"backend_options['hnsw_ef'] must be a positive int, got {hnsw_ef!r}")
        store = cls(
            _connect(url, options),
            dimension=dimension,
            collection=collection,
            url=None if url is None else _public_url(url),
            index_type=index_type,
            hnsw_ef=hnsw_ef,
        )
        store._create_collection(
            recreate=bool(options.get("recreate", False)) or _recreate, on_disk=options.get("on_disk")
        )
        return store

    def _create_collection(self, *, recreate: bool, on_disk: Any) -> None:
        qm = _models()
        with self._calls("create the collection"):
            if self._client.collection_exists(self.collection):
                if not recreate:
                    raise InvalidArgumentError(
                        f"the Qdrant collection {self.collection!r} exists already; load the index that owns it "
                        "(ClaimIndex.load), choose another backend_options['collection'], or pass "
                        "backend_options={'recreate': True} to replace it"
                    )
                self._client.delete_collection(self.collection)
            self._client.create_collection(
                self.collection,
                vectors_config=qm.VectorParams(
                    size=self.dimension, distance=qm.Distance.DOT, on_disk=None if on_disk is None else bool(on_disk)
                ),
            )
            if self.mode == "server":  # payload indexes make filtered HNSW search fast; local mode has none
                for name in _KEYWORD_FIELDS:
                    self._client.create_payload_index(self.collection, name, qm.PayloadSchemaType.KEYWORD)
                for name in _INTEGER_FIELDS:
                    self._client.create_payload_index(self.collection, name, qm.PayloadSchemaType.INTEGER)

    @classmethod
    def open(
        cls,
        description: Mapping[str, Any],
        data: bytes,
        *,
        dimension: int,
        where: Path,
        url: str | None = None,
        options: Mapping[str, Any],
    ) -> QdrantVectorStore:
        """Re-open a saved store (the :func:`~claimmatch.vector_store.open_vector_store` hook).

        An embedded save (the points themselves) is loaded into a fresh collection: in
        memory, under ``options["path"]``, or on the server ``url`` when one is given. A
        server save (a reference) connects to ``url`` or the recorded URL and verifies the
        collection's dimension, count and ids.

        Raises:
            CorruptIndexError: the vectors file is unreadable, or the collection is missing or
                differs from the saved index.
            DimensionMismatchError: the vectors have another dimension than the manifest.
            BackendUnavailableError: ``qdrant-client`` is missing, or the server cannot be reached.
        """
        recorded = description.get("qdrant")
        recorded = dict(recorded) if isinstance(recorded, Mapping) else {}
        index_type = str(description.get("index_type", "auto"))
        if data.startswith(_DUMP_MAGIC):
            stored_dimension, ids, vectors, payloads = _decode_dump(data, where)
            if stored_dimension != dimension:
                raise DimensionMismatchError(
                    f"the Qdrant vectors file in {where} holds {stored_dimension}-dimensional vectors but the "
                    f"manifest says {dimension}; the directory is inconsistent: rebuild the index"
                )
            if url is not None and index_type == "flat":
                index_type = "auto"  # moving an embedded index to a server: use the server's default structure
            store = cls.create(
                dimension,
                index_type=index_type if index_type in INDEX_TYPES else "auto",
                url=url,
                options=options,
                _collection=recorded.get("collection") if isinstance(recorded.get("collection"), str) else None,
                _recreate=url is None,  # embedded: the vectors file is the truth; a server collection is never replaced
            )
            store._upsert(ids, vectors, payloads)
            return store
        try:
            reference = json.loads(data.decode("utf-8"))
            if reference.get("format") != _REF_FORMAT:
                raise ValueError("not a claimmatch Qdrant reference")
            collection, count = str(reference["collection"]), int(reference["count"])
            ref_dimension, digest = int(reference["dimension"]), str(reference["ids_sha256"])
            recorded_url = reference.get("url")
        except Exception as exc:
            raise CorruptIndexError(
                f"the Qdrant vectors file in {where} cannot be read ({exc}); rebuild the index"
            ) from exc
        if ref_dimension != dimension:
            raise DimensionMismatchError(
                f"the Qdrant collection recorded in {where} holds {ref_dimension}-dimensional vectors but the "
                f"manifest says {dimension}; the directory is inconsistent: rebuild the index"
            )
        target = url or recorded_url
        if not isinstance(target, str):
            raise CorruptIndexError(f"the Qdrant reference in {where} names no server; pass url= to load()")
        options = _check_options(options)
        if options.get("collection") not in (None, collection):
            raise InvalidArgumentError(
                f"the index at {where} uses the Qdrant collection {collection!r}; drop backend_options['collection']"
            )
        store = cls(
            _connect(target, options),
            dimension=dimension,
            collection=collection,
            url=_public_url(target),
            index_type=index_type if index_type in ("flat", "hnsw") else "hnsw",
            hnsw_ef=options.get("hnsw_ef"),
        )
        store._verify(count, digest, where)
        return store

    def _verify(self, count: int, digest: str, where: Path) -> None:
        with self._calls("open the collection"):
            if not self._client.collection_exists(self.collection):
                raise CorruptIndexError(
                    f"the index at {where} keeps its vectors in the Qdrant collection {self.collection!r} at "
                    f"{self.url}, which does not exist; restore the collection or rebuild the index"
                )
            params = self._client.get_collection(self.collection).config.params.vectors
            size = getattr(params, "size", None)
            if size != self.dimension:
                raise DimensionMismatchError(
                    f"the Qdrant collection {self.collection!r} holds {size}-dimensional vectors but the index at "
                    f"{where} has dimension {self.dimension}; rebuild the index"
                )
            found = self._scroll_ids()
        if len(found) != count or _ids_digest(found) != digest:
            raise CorruptIndexError(
                f"the Qdrant collection {self.collection!r} at {self.url} holds {len(found)} points that differ from "
                f"the {count} saved with the index at {where} (changed after the last save?); rebuild the index"
            )
        self._ids = set(found)

    def close(self) -> None:
        """Close the client (releases an embedded storage path)."""
        self._client.close()

    def drop(self) -> None:
        """Delete the collection (e.g. a server collection of an index that is no longer needed)."""
        with self._calls("delete the collection"):
            self._client.delete_collection(self.collection)
        self._ids.clear()
        self._bare.clear()

    # ------------------------------------------------------------------ the protocol
    def __len__(self) -> int:
        return len(self._ids)

    def add(
        self,
        vectors: npt.NDArray[np.float32],
        ids: npt.NDArray[np.int64],
        *,
        claims: Sequence[VerifiedClaim] | None = None,
    ) -> None:
        """Store unit ``vectors`` under ``ids``, with each claim's filter payload."""
        if claims is not None and len(claims) != len(ids):
            raise InvalidArgumentError(f"add() got {len(ids)} ids but {len(claims)} claims")
        payloads = [claim_payload(claim) for claim in claims] if claims is not None else [None] * len(ids)
        self._upsert(np.asarray(ids, dtype=np.int64), np.asarray(vectors, dtype=np.float32), payloads)

    def _upsert(self, ids: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32], payloads: Sequence[Any]) -> None:
        qm = _models()
        with self._calls("store vectors"):
            for start in range(0, len(ids), _BATCH):
                stop = start + _BATCH
                self._client.upsert(
                    self.collection,
                    points=qm.Batch(
                        ids=ids[start:stop].tolist(),
                        vectors=vectors[start:stop].tolist(),
                        payloads=[payload or {} for payload in payloads[start:stop]],
                    ),
                    wait=True,
                )
        for int_id, payload in zip(ids.tolist(), payloads, strict=True):
            self._ids.add(int_id)
            if payload is None:
                self._bare.add(int_id)
            else:
                self._bare.discard(int_id)

    def remove(self, ids: npt.NDArray[np.int64]) -> None:
        """Delete the points with these ids."""
        qm = _models()
        wanted = [int(i) for i in ids]
        with self._calls("delete vectors"):
            for start in range(0, len(wanted), _BATCH):
                self._client.delete(
                    self.collection, points_selector=qm.PointIdsList(points=wanted[start : start + _BATCH]), wait=True
                )
        self._ids.difference_update(wanted)
        self._bare.difference_update(wanted)

    def reconstruct(self, int_id: int) -> npt.NDArray[np.float32]:
        """Return the stored vector of ``int_id`` (exact: Qdrant keeps float32 vectors as given)."""
        with self._calls("read a vector"):
            points = self._client.retrieve(self.collection, ids=[int(int_id)], with_vectors=True, with_payload=False)
        if not points or points[0].vector is None:
            raise CorruptIndexError(
                f"the Qdrant collection {self.collection!r} lacks point {int_id}; rebuild the index"
            )
        return np.asarray(points[0].vector, dtype=np.float32)

    def search(
        self,
        queries: npt.NDArray[np.float32],
        k: int,
        *,
        allowed: npt.NDArray[np.int64] | None = None,
        where: ClaimFilter | None = None,
    ) -> SearchResult:
        """Dot-product search; ``where`` runs as a Qdrant payload filter (ids where it cannot)."""
        qm = _models()
        query_filter = self._filter(allowed, where)
        params = None
        if self.mode == "server":
            params = qm.SearchParams(exact=self.index_type == "flat", hnsw_ef=self.hnsw_ef)
        requests = [
            qm.QueryRequest(query=row.tolist(), limit=k, filter=query_filter, params=params, with_payload=False)
            for row in np.asarray(queries, dtype=np.float32)
        ]
        scores = np.zeros((len(requests), k), dtype=np.float32)
        found = np.full((len(requests), k), -1, dtype=np.int64)
        with self._calls("search"):
            responses = self._client.query_batch_points(self.collection, requests=requests) if requests else []
        for row, response in enumerate(responses):
            for column, point in enumerate(response.points[:k]):
                scores[row, column] = point.score
                found[row, column] = int(point.id)
        return scores, found

    def _filter(self, allowed: npt.NDArray[np.int64] | None, where: ClaimFilter | None) -> Any:
        if allowed is None and (where is None or where.is_empty):
            return None
        if where is not None and not self._bare:
            try:
                return payload_filter(where)
            except NotImplementedError:
                pass  # a filter field without a payload translation: restrict by ids instead
        if allowed is None:
            return None
        qm = _models()
        return qm.Filter(must=[qm.HasIdCondition(has_id=allowed.tolist())])

    def ids(self) -> npt.NDArray[np.int64]:
        """Return every stored id (kept in step by this store; verified against the collection on load)."""
        return np.fromiter(sorted(self._ids), dtype=np.int64, count=len(self._ids))

    def describe(self) -> dict[str, Any]:
        """Manifest entries: backend, index type, metric, and where the collection is."""
        qdrant: dict[str, Any] = {
            "mode": self.mode,
            "collection": self.collection,
            "distance": "dot",
            "payload_version": PAYLOAD_VERSION,
        }
        if self.url is not None:
            qdrant["url"] = self.url
        return {"backend": self.backend, "index_type": self.index_type, "metric": "inner_product", "qdrant": qdrant}

    def to_bytes(self) -> bytes:
        """Embedded: every point (ids, vectors, payloads). Server: a reference with the ids' checksum."""
        if self.mode == "server":
            reference = {
                "format": _REF_FORMAT,
                "version": 1,
                "url": self.url,
                "collection": self.collection,
                "dimension": self.dimension,
                "count": len(self._ids),
                "ids_sha256": _ids_digest(self._ids),
            }
            return json.dumps(reference, indent=2, sort_keys=True).encode("utf-8")
        ids, vectors, payloads = self._read_points()
        return _encode_dump(self.dimension, ids, vectors, payloads)

    # ------------------------------------------------------------------ helpers
    def _scroll_ids(self) -> list[int]:
        found: list[int] = []
        offset = None
        while True:
            records, offset = self._client.scroll(
                self.collection, limit=_SCROLL, offset=offset, with_payload=False, with_vectors=False
            )
            found.extend(int(record.id) for record in records)
            if offset is None:
                return found

    def _read_points(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32], list[Any]]:
        rows: dict[int, tuple[Any, Any]] = {}
        offset = None
        with self._calls("read the collection"):
            while True:
                records, offset = self._client.scroll(
                    self.collection, limit=_SCROLL, offset=offset, with_payload=True, with_vectors=True
                )
                for record in records:
                    rows[int(record.id)] = (record.vector, record.payload)
                if offset is None:
                    break
        order = sorted(rows)
        ids = np.asarray(order, dtype=np.int64)
        vectors = np.asarray([rows[i][0] for i in order], dtype=np.float32).reshape(len(order), self.dimension)
        payloads = [None if i in self._bare else (rows[i][1] or {}) for i in order]
        return ids, vectors, payloads

    @contextlib.contextmanager
    def _calls(self, what: str) -> Iterator[None]:
        """Turn qdrant-client's connection and HTTP errors from a server into :class:`BackendUnavailableError`."""
        try:
            yield
        except _connection_errors() as exc:
            if self.mode != "server":
                raise
            hint = "check the url and that the server is running"
            if getattr(exc, "status_code", None) in (401, 403):
                hint = "check the API key (backend_options={'api_key': ...} or QDRANT_API_KEY)"
            raise BackendUnavailableError(
                f"could not {what} in the Qdrant collection {self.collection!r} at {self.url} "
                f"({type(exc).__name__}: {str(exc)[:200]}); {hint}"
            ) from exc
