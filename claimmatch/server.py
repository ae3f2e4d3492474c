"""A small REST service over the library: ``claimmatch serve`` (extra ``claimmatch[server]``).

Endpoints: ``POST /match``, ``POST /check-article``, ``GET/PUT/DELETE /claims/{id}``,
``GET /health`` and ``GET /stats``. Writes need an API key; every write is saved
atomically before it is acknowledged (or, with ``durability="interval"``, within
``flush_interval_s``). See ``docs/service.md``.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from claimmatch._version import __version__
from claimmatch.errors import (
    ClaimFormatError,
    ClaimMatchError,
    DuplicateIdError,
    IndexStateError,
    InvalidArgumentError,
    InvalidTextError,
    InvalidTypeError,
    ModelLoadError,
    UnknownIdError,
)
from claimmatch.filters import ClaimFilter
from claimmatch.index import ClaimIndex
from claimmatch.loaders import describe_validation_error
from claimmatch.matcher import ClaimMatcher
from claimmatch.models import Match, Verdict, VerifiedClaim
from claimmatch.stance.nli import parse_nli_option

__all__ = ["ClaimService", "ServerSettings", "create_app", "main"]

logger = logging.getLogger("claimmatch.server")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ServerSettings(BaseModel):
    """How the service runs. :meth:`from_env` reads the key from the environment.

    Attributes:
        index_path: The index directory to serve (and to save writes into).
        api_key: The key that writes (and, with ``protect_reads``, reads) must present as
            ``Authorization: Bearer <key>``. Without one, writes are refused.
        protect_reads: Require the key for ``/match``, ``/check-article`` and ``GET /claims``.
        max_body_bytes: Larger request bodies get 413.
        max_batch: Most texts in one ``/match`` request.
        max_article_chars: Longest article ``/check-article`` accepts.
        durability: ``"every-write"`` saves before acknowledging; ``"interval"`` saves
            at most ``flush_interval_s`` later (faster, but a crash can lose that window).
        flush_interval_s: The flush period for ``durability="interval"``.
        mmap: Load the index with ``ClaimIndex.load(..., mmap=True)``: its files stay on
            disk, memory-mapped (the first write reads claims and BM25 into memory).
    """

    model_config = ConfigDict(frozen=True)

    index_path: Path
    api_key: SecretStr | None = None
    protect_reads: bool = False
    max_body_bytes: int = Field(default=1_000_000, gt=0)
    max_batch: int = Field(default=64, gt=0)
    max_article_chars: int = Field(default=100_000, gt=0)
    durability: Literal["every-write", "interval"] = "every-write"
    flush_interval_s: float = Field(default=2.0, gt=0)
    min_score: float | None = None
    nli: str | None = "default"  # "default": rules + claimmatch's shipped stance model; None or "none": rules only
    mmap: bool = False

    @classmethod
    def from_env(cls, index_path: str | os.PathLike[str], **overrides: Any) -> ServerSettings:
        """Settings with the key from ``CLAIMMATCH_API_KEY`` or the file named by ``CLAIMMATCH_API_KEY_FILE``."""
        key = os.environ.get("CLAIMMATCH_API_KEY")
        key_file = os.environ.get("CLAIMMATCH_API_KEY_FILE")
        if not key and key_file:
            key = Path(key_file).read_text("utf-8").strip()
        values: dict[str, Any] = {"index_path": Path(index_path), "api_key": key or None}
        if os.environ.get("CLAIMMATCH_PROTECT_READS", "").lower() in ("1", "true", "yes"):
            values["protect_reads"] = True
        values.update({name: value for name, value in overrides.items() if value is not None})
        return cls(**values)


class ClaimService:
    """The index behind the service, with durable, serialised writes.

    Reads and writes may run on many threads. A write (``upsert``/``remove``) is applied
    under the index's lock, so a reader sees the collection before or after it, never half
    of it; writes are serialised among themselves, and with ``every-write`` durability
    each one is saved (atomically) before it returns.
    """

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.index = ClaimIndex.load(settings.index_path, mmap=settings.mmap)
        self.index.embedder  # noqa: B018 - load the model at start-up, not on the first request
        kwargs: dict[str, Any] = {"nli": parse_nli_option(settings.nli)}
        if settings.min_score is not None:
            kwargs["min_score"] = settings.min_score
        self.matcher = ClaimMatcher(self.index, **kwargs)
        self._write_lock = threading.Lock()
        self._dirty = threading.Event()
        self._stop = threading.Event()
        self._flusher: threading.Thread | None = None
        if settings.durability == "interval":
            self._flusher = threading.Thread(target=self._flush_loop, name="claimmatch-flush", daemon=True)
            self._flusher.start()

    def _persist(self) -> None:
        if self.settings.durability == "every-write":
            self.index.save()
        else:
            self._dirty.set()

    def _flush_loop(self) -> None:
        while not self._stop.wait(self.settings.flush_interval_s):
            self.flush()

    def flush(self) -> None:
        """Save pending writes now (a no-op when nothing changed)."""
        if self._dirty.is_set():
            self._dirty.clear()
            self.index.save()

    def close(self) -> None:
        """Stop the flusher and save pending writes."""
        self._stop.set()
        if self._flusher is not None:
            self._flusher.join(timeout=10)
        self.flush()

    def put(self, claims: list[VerifiedClaim]) -> bool:
        """Upsert claims durably; return True when the first id was new."""
        with self._write_lock:
            created = claims[0].id not in self.index
            self.index.upsert(claims)
            self._persist()
            return created

    def delete(self, claim_id: str) -> None:
        """Remove a claim durably."""
        with self._write_lock:
            self.index.remove([claim_id])
            self._persist()


# ---------------------------------------------------------------- request and response bodies
class FilterBody(BaseModel):
    """Search filters, as in :class:`~claimmatch.filters.ClaimFilter`."""

    model_config = ConfigDict(extra="forbid")

    language: list[str] | None = Field(default=None, max_length=20)
    publisher: list[str] | None = Field(default=None, max_length=20)
    verdict: list[Verdict] | None = None
    max_age_days: int | None = Field(default=None, ge=0, le=100_000)
    reviewed_after: date | None = None
    reviewed_before: date | None = None


class MatchRequest(BaseModel):
    """One text (``text``) or a batch (``texts``) to match."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    texts: list[str] | None = Field(default=None, min_length=1)
    top_k: int = Field(default=5, ge=1, le=50)
    min_score: float | None = Field(default=None, ge=-1.0, le=1.0)
    filters: FilterBody | None = None

    @model_validator(mode="after")
    def _one_of(self) -> MatchRequest:
        if (self.text is None) == (self.texts is None):
            raise ValueError("send exactly one of 'text' or 'texts'")
        return self


class MatchResult(BaseModel):
    """The matches of one input text."""

    text: str
    matches: list[Match]


class MatchResponse(BaseModel):
    """One result per input text, in input order."""

    results: list[MatchResult]


class ArticleRequest(BaseModel):
    """An article to check sentence by sentence."""

    model_config = ConfigDict(extra="forbid")

    text: str
    top_k: int = Field(default=3, ge=1, le=20)


class StatsResponse(BaseModel):
    """What the service is serving."""

    claims: int
    model: str
    dimension: int
    backend: str
    index_type: str
    durability: str
    updated_at: str
    version: str


class ErrorBody(BaseModel):
    """The body of every 4xx/5xx response."""

    error: dict[str, str]


# ---------------------------------------------------------------- errors
_STATUS: list[tuple[type[Exception], int]] = [
    (UnknownIdError, 404),
    (DuplicateIdError, 409),
    (InvalidTextError, 422),
    (InvalidTypeError, 422),
    (InvalidArgumentError, 422),
    (ClaimFormatError, 422),
    (IndexStateError, 503),
    (ModelLoadError, 503),
    (ClaimMatchError, 400),
]


def _error(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status, headers=headers)


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413, before parsing."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        too_big = _error(413, "PayloadTooLarge", f"request body over {self.limit} bytes; send smaller batches")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await too_big(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLargeError
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLargeError:
            await too_big(scope, receive, send)


class _TooLargeError(Exception):
    pass


# ---------------------------------------------------------------- the app
def create_app(settings: ServerSettings, service: ClaimService | None = None) -> FastAPI:
    """Build the FastAPI app for ``settings`` (the index loads at start-up)."""
    state: dict[str, ClaimService] = {"service": service} if service is not None else {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        if "service" not in state:
            state["service"] = ClaimService(settings)
        try:
            yield
        finally:
            state["service"].close()

    app = FastAPI(
        title="claimmatch",
        version=__version__,
        description="Find earlier fact-checks for new claims, with stance and reasons.",
        lifespan=lifespan,
        responses={400: {"model": ErrorBody}, 422: {"model": ErrorBody}},
    )
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    bearer = HTTPBearer(auto_error=False)
    key = settings.api_key.get_secret_value().encode() if settings.api_key else None

    def _check(credentials: HTTPAuthorizationCredentials | None) -> None:
        if key is None:
            raise _RefusedError(403, "writes are disabled: start the server with CLAIMMATCH_API_KEY set")
        given = credentials.credentials.encode() if credentials is not None else b""
        if not hmac.compare_digest(given, key):
            raise _RefusedError(401, "missing or wrong API key: send 'Authorization: Bearer <key>'")

    def writer(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
        _check(credentials)

    def reader(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
        if settings.protect_reads:
            _check(credentials)

    def current() -> ClaimService:
        return state["service"]

    @app.exception_handler(_RefusedError)
    async def _refused(_: Request, exc: _RefusedError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(exc.status, "Unauthorized" if exc.status == 401 else "Forbidden", exc.message, headers)

    @app.exception_handler(ClaimMatchError)
    async def _library_error(_: Request, exc: ClaimMatchError) -> JSONResponse:
        status = next(code for cls, code in _STATUS if isinstance(exc, cls))
        return _error(status, type(exc).__name__, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', 'invalid')}" for err in exc.errors()
        )
        return _error(422, "RequestValidationError", problems or "invalid request")

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error", exc_info=exc)
        return _error(500, "InternalError", "internal error; see the server log")

    @app.get("/health")
    def health() -> dict[str, str]:
        """Liveness."""
        return {"status": "ok"}

    @app.get("/stats", response_model=StatsResponse)
    def stats(_: None = Depends(reader)) -> StatsResponse:
        """Counts, model and index type."""
        index = current().index
        return StatsResponse(
            claims=len(index),
            model=index.model,
            dimension=index.dimension,
            backend=index.backend,
            index_type=str(index.store.describe().get("index_type", "flat")),
            durability=settings.durability,
            updated_at=index.updated_at,
            version=__version__,
        )

    @app.post("/match", response_model=MatchResponse)
    def match(body: MatchRequest, _: None = Depends(reader)) -> MatchResponse:
        """Match one text or a batch, with stance and reasons."""
        texts = [body.text] if body.text is not None else list(body.texts or [])
        if len(texts) > settings.max_batch:
            raise InvalidArgumentError(f"{len(texts)} texts in one request; send at most {settings.max_batch}")
        where = _filter_from_body(body.filters)
        results = current().matcher.match_many(texts, body.top_k, min_score=body.min_score, where=where)
        return MatchResponse(results=[MatchResult(text=t, matches=m) for t, m in zip(texts, results, strict=True)])

    @app.post("/check-article")
    def check_article(body: ArticleRequest, _: None = Depends(reader)) -> Any:
        """Check an article sentence by sentence; returns the article report."""
        from claimmatch.article import check_article as run_check

        report = run_check(current().matcher, body.text, top_k=body.top_k, max_chars=settings.max_article_chars)
        return report.model_dump(mode="json")

    @app.get("/claims/{claim_id}", response_model=VerifiedClaim)
    def get_claim(claim_id: str, _: None = Depends(reader)) -> VerifiedClaim:
        """Read a fact-check."""
        return current().index.get(claim_id)

    @app.put("/claims/{claim_id}", response_model=VerifiedClaim, status_code=200)
    def put_claim(claim_id: str, body: dict[str, Any], response: Response, _: None = Depends(writer)) -> VerifiedClaim:
        """Create or replace a fact-check: VerifiedClaim fields, or one ClaimReview JSON-LD object."""
        claim = _claim_from_body(claim_id, body)
        created = current().put([claim])
        response.status_code = 201 if created else 200
        return claim

    @app.delete("/claims/{claim_id}", status_code=204)
    def delete_claim(claim_id: str, _: None = Depends(writer)) -> Response:
        """Delete a fact-check."""
        current().delete(claim_id)
        return Response(status_code=204)

    return app


class _RefusedError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _filter_from_body(filters: BaseModel | None) -> ClaimFilter | None:
    """The request's search filters as a :class:`ClaimFilter` (a 400 when a value is unusable)."""
    if filters is None:
        return None
    try:
        return ClaimFilter(**filters.model_dump(exclude_none=True))
    except ValidationError as exc:
        raise InvalidArgumentError(f"invalid filters: {describe_validation_error(exc)}") from exc


def _claim_from_body(claim_id: str, body: dict[str, Any]) -> VerifiedClaim:
    if "claimReviewed" in body or body.get("@type") == "ClaimReview":
        from claimmatch.claimreview import iter_claimreview

        records = list(iter_claimreview(body))
        if len(records) != 1:
            raise ClaimFormatError(f"expected one ClaimReview in the body, found {len(records)}")
        where, fields = records[0]
        if isinstance(fields, str):
            raise ClaimFormatError(f"invalid ClaimReview at {where}: {fields}")
        record = {**fields, "id": claim_id}
    else:
        record = dict(body)
        if record.setdefault("id", claim_id) != claim_id:
            raise InvalidArgumentError(f"the body's id {record['id']!r} differs from the URL's {claim_id!r}")
    try:
        return VerifiedClaim.model_validate(record)
    except ValidationError as exc:
        raise ClaimFormatError(f"invalid claim: {describe_validation_error(exc)}") from exc


def main(argv: list[str] | None = None) -> None:
    """Run the service with uvicorn: ``python -m claimmatch.server --index DIR``."""
    import argparse

    parser = argparse.ArgumentParser(description="Serve a claimmatch index over HTTP.")
    parser.add_argument("--index", type=Path, default=Path("index/default"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default=8000, type=int)
    parser.add_argument("--durability", choices=["every-write", "interval"], default=None)
    parser.add_argument("--openapi", type=Path, help="write the OpenAPI document to this file and exit")
    parser.add_argument("--mmap", action="store_true", help="leave the index files on disk, memory-mapped")
    args = parser.parse_args(argv)
    if args.openapi is not None:
        document = create_app(ServerSettings(index_path=args.index)).openapi()
        args.openapi.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return
    try:
        serve(args.index, host=args.host, port=args.port, durability=args.durability, mmap=args.mmap)
    except ClaimMatchError as exc:
        raise SystemExit(f"error: {exc}") from None


def serve(
    index: Path, *, host: str = "127.0.0.1", port: int = 8000, durability: str | None = None, mmap: bool = False
) -> None:
    """Load the index and serve it until interrupted."""
    import uvicorn

    settings = ServerSettings.from_env(index, durability=durability, mmap=mmap or None)
    service = ClaimService(settings)  # load before binding, so a bad index fails fast and clearly
    uvicorn.run(create_app(settings, service=service), host=host, port=port, log_level="info")


if __name__ == "__main__":  # pragma: no cover
    main()
