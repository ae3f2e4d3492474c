"""Batch matching on Ray Data: many claims against one index, on one machine or a cluster.

Needs the optional extra ``claimmatch[ray]`` (``pip install "claimmatch[ray]"``); importing
this module does not, only calling it does. See ``docs/scale-out.md``.

:func:`match_dataset` maps a Ray Dataset of texts to a Dataset of matches with
``map_batches`` on an actor pool. Each actor loads the saved index and the embedding model
once, in its constructor, and then runs :meth:`ClaimMatcher.match_many
<claimmatch.matcher.ClaimMatcher.match_many>` on each batch, so the matches (ids, order,
scores, stance, confidence, reasons) are those of the single-process matcher.

The index comes either from a directory that every node can read (shared storage), or from
the object store: :func:`put_index` reads and verifies a saved index once, on the driver,
and puts its bytes into the object store; each actor writes them to a private temporary
directory, loads them with :meth:`ClaimIndex.load <claimmatch.index.ClaimIndex.load>` and
deletes the directory.

The output has one row per (query, match), columns in :data:`OUTPUT_COLUMNS`, ready for
``write_parquet``::

    import ray
    from claimmatch.distributed import match_dataset, put_index

    ray.init()                                       # or ray.init(address="auto") on a cluster
    texts = ray.data.read_parquet("tweets.parquet")  # columns: id, text, ...
    matches = match_dataset(texts, put_index("index/default"), id_column="id", top_k=3, language="en")
    matches.write_parquet("matches/")
"""

from __future__ import annotations

import inspect
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from claimmatch.errors import (
    InvalidArgumentError,
    InvalidTextError,
    InvalidTypeError,
    MissingExtraError,
    MissingIndexError,
)
from claimmatch.filters import ClaimFilter
from claimmatch.index import ClaimIndex
from claimmatch.matcher import ClaimMatcher, _check_min_score, _check_top_k, _combine_filters
from claimmatch.models import Match
from claimmatch.storage import StoredIndex, read_index_dir, write_stored_index
from claimmatch.text import validate_text

if TYPE_CHECKING:
    import pyarrow as pa
    import ray
    import ray.data

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "OUTPUT_COLUMNS",
    "MissingExtraError",
    "OnError",
    "match_dataset",
    "output_schema",
    "put_index",
]

#: Rows per ``map_batches`` call. Small enough to spread a few thousand texts over several
#: actors, large enough that the per-batch overhead (Arrow conversion, one FAISS search) is
#: negligible next to embedding.
DEFAULT_BATCH_SIZE = 256

#: The columns of the Dataset that :func:`match_dataset` returns, in order.
OUTPUT_COLUMNS = (
    "query_id",
    "query",
    "rank",
    "claim_id",
    "claim_text",
    "claim_title",
    "verdict",
    "rating",
    "publisher",
    "review_url",
    "review_date",
    "claim_language",
    "score",
    "stance",
    "confidence",
    "reasons",
    "implied_verdict",
    "error",
)

#: What to do with an input row whose text is unusable (not a str, empty, too long).
OnError = Literal["raise", "record"]

_INSTALL_HINT = 'pip install "claimmatch[ray]"'
_MATCHER_OPTIONS = frozenset(inspect.signature(ClaimMatcher.__init__).parameters) - {"self", "index"}
_LOAD_OPTIONS = frozenset(inspect.signature(ClaimIndex.load).parameters) - {"cls", "path"}


@dataclass(frozen=True)
class _PackedIndex:
    """A saved index as bytes, checksums verified, for the object store."""

    stored: StoredIndex
    source: str


def _require_ray() -> Any:
    """Import and return ``ray`` (with ``ray.data``), or raise :class:`MissingExtraError`."""
    try:
        import pyarrow  # noqa: F401
        import ray
        import ray.data
    except ImportError as exc:
        raise MissingExtraError(
            f"claimmatch.distributed needs Ray Data and pyarrow ({exc}); install them with: {_INSTALL_HINT}"
        ) from exc
    return ray


def output_schema(query_id_type: pa.DataType | None = None) -> pa.Schema:
    """The Arrow schema of :func:`match_dataset`'s output.

    Args:
        query_id_type: The type of the input's id column; ``query_id`` keeps it (string
            when the input has no id column).
    """
    _require_ray()
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("query_id", query_id_type if query_id_type is not None else pa.string()),
            pa.field("query", pa.string()),
            pa.field("rank", pa.int32()),
            pa.field("claim_id", pa.string()),
            pa.field("claim_text", pa.string()),
            pa.field("claim_title", pa.string()),
            pa.field("verdict", pa.string()),
            pa.field("rating", pa.string()),
            pa.field("publisher", pa.string()),
            pa.field("review_url", pa.string()),
            pa.field("review_date", pa.date32()),
            pa.field("claim_language", pa.string()),
            pa.field("score", pa.float64()),
            pa.field("stance", pa.string()),
            pa.field("confidence", pa.float64()),
            pa.field("reasons", pa.list_(pa.string())),
            pa.field("implied_verdict", pa.string()),
            pa.field("error", pa.string()),
        ]
    )


def put_index(path: str | os.PathLike[str]) -> ray.ObjectRef[Any]:
    """Read a saved index once, verify it, and put its bytes into the Ray object store.

    Pass the returned reference to :func:`match_dataset` instead of a path when the index
    directory is not on storage that every node can read. Keep the reference alive (a
    variable) until the job has finished.

    Args:
        path: A directory written by :meth:`ClaimIndex.save <claimmatch.index.ClaimIndex.save>`.

    Raises:
        MissingExtraError: Ray is not installed.
        MissingIndexError: no index at ``path``.
        CorruptIndexError: the directory is partial or altered.
    """
    ray = _require_ray()
    stored = read_index_dir(path)  # verifies every checksum before anything is shipped
    return ray.put(_PackedIndex(stored=stored, source=str(path)))  # type: ignore[no-any-return]


def _materialise(source: Any, load_options: Mapping[str, Any] | None = None) -> tuple[ClaimIndex, str]:
    """Return a loaded :class:`ClaimIndex` from a path or a :func:`put_index` reference, and its name."""
    import ray

    options = dict(load_options or {})
    if isinstance(source, (ray.ObjectRef, _PackedIndex)):
        packed = ray.get(source) if isinstance(source, ray.ObjectRef) else source
        if not isinstance(packed, _PackedIndex):
            raise InvalidTypeError(
                f"the object reference holds a {type(packed).__name__}, not an index; create it with put_index(path)"
            )
        scratch = Path(tempfile.mkdtemp(prefix="claimmatch-index-"))
        try:
            write_stored_index(scratch / "index", packed.stored)
            return ClaimIndex.load(scratch / "index", **options), f"{packed.source} (object store)"
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    try:
        return ClaimIndex.load(source, **options), str(source)
    except MissingIndexError as exc:
        raise MissingIndexError(
            f"{exc} (on node {os.uname().nodename}); on a cluster the index directory must exist on every node "
            "(shared storage), or pass put_index(path) to ship it through the object store"
        ) from exc


class _MatchBatches:
    """The ``map_batches`` callable: one per actor, holding the index and the matcher."""

    def __init__(
        self,
        *,
        source: Any,
        load_options: Mapping[str, Any],
        matcher_options: Mapping[str, Any],
        top_k: int,
        min_score: float | None,
        where: ClaimFilter | None,
        text_column: str,
        id_column: str | None,
        on_error: OnError,
        keep_unmatched: bool,
        threads: int,
    ) -> None:
        import torch

        torch.set_num_threads(threads)
        index, self.index_name = _materialise(source, load_options)
        self.matcher = ClaimMatcher(index, **dict(matcher_options))
        _ = self.matcher.index.embedder  # load the model now, not inside the first batch
        self.top_k = top_k
        self.min_score = min_score
        self.where = where
        self.text_column = text_column
        self.id_column = id_column
        self.on_error = on_error
        self.keep_unmatched = keep_unmatched

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        for column in (self.text_column, self.id_column):
            if column is not None and column not in batch.column_names:
                raise InvalidArgumentError(
                    f"the dataset has no column {column!r}; its columns are {', '.join(batch.column_names)}: "
                    "pass text_column= (and id_column=) naming the right ones"
                )
        texts: list[Any] = batch.column(self.text_column).to_pylist()
        ids: list[Any] = batch.column(self.id_column).to_pylist() if self.id_column is not None else [None] * len(texts)
        valid: list[int] = []
        errors: dict[int, str] = {}
        for row, text in enumerate(texts):
            try:
                validate_text(text, what="query")
            except (InvalidTextError, InvalidTypeError) as exc:
                if self.on_error == "raise":
                    where = (
                        f"row {ids[row]!r}" if self.id_column is not None else f"a row of column {self.text_column!r}"
                    )
                    raise type(exc)(
                        f"{where}: {exc}; fix the row, or pass on_error='record' to get it back as an error row"
                    ) from exc
                errors[row] = f"{type(exc).__name__}: {exc}"
            else:
                valid.append(row)
        found = self.matcher.match_many(
            [texts[row] for row in valid], self.top_k, min_score=self.min_score, where=self.where
        )
        matches: dict[int, list[Match]] = dict(zip(valid, found, strict=True))
        columns: dict[str, list[Any]] = {name: [] for name in OUTPUT_COLUMNS if name != "query_id"}
        source_rows: list[int] = []
        for row, text in enumerate(texts):
            hits = matches.get(row, [])
            if hits:
                for match in hits:
                    source_rows.append(row)
                    _append_match(columns, text, match)
            elif row in errors or self.keep_unmatched:
                source_rows.append(row)
                _append_empty(columns, text if isinstance(text, str) else None, errors.get(row))
        if self.id_column is not None:
            id_array = batch.column(self.id_column).take(pa.array(source_rows, type=pa.int64()))
            schema = output_schema(batch.schema.field(self.id_column).type)
        else:
            id_array = pa.nulls(len(source_rows), type=pa.string())
            schema = output_schema()
        arrays = [id_array] + [
            pa.array(columns[field.name], type=field.type) for field in schema if field.name != "query_id"
        ]
        return pa.Table.from_arrays(arrays, schema=schema)


def _append_match(columns: dict[str, list[Any]], text: str, match: Match) -> None:
    claim = match.claim
    values: dict[str, Any] = {
        "query": text,
        "rank": match.rank,
        "claim_id": claim.id,
        "claim_text": claim.text,
        "claim_title": claim.title,
        "verdict": claim.verdict.value,
        "rating": claim.rating,
        "publisher": claim.publisher,
        "review_url": claim.review_url,
        "review_date": claim.review_date,
        "claim_language": claim.language,
        "score": match.score,
        "stance": match.stance.value,
        "confidence": match.confidence,
        "reasons": list(match.reasons),
        "implied_verdict": match.implied_verdict.value if match.implied_verdict is not None else None,
        "error": None,
    }
    for name, value in values.items():
        columns[name].append(value)


def _append_empty(columns: dict[str, list[Any]], text: str | None, error: str | None) -> None:
    for name, values in columns.items():
        values.append(text if name == "query" else error if name == "error" else None)


def match_dataset(
    ds: ray.data.Dataset,
    index_path: str | os.PathLike[str] | ray.ObjectRef[Any],
    *,
    top_k: int = 5,
    text_column: str = "text",
    id_column: str | None = None,
    min_score: float | None = None,
    where: ClaimFilter | None = None,
    on_error: OnError = "raise",
    keep_unmatched: bool = False,
    concurrency: int | tuple[int, int] | None = None,
    num_cpus: float = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    matcher_options: Mapping[str, Any] | None = None,
    load_options: Mapping[str, Any] | None = None,
    **filters: Any,
) -> ray.data.Dataset:
    """Match every text of a Ray Dataset against a saved index, on an actor pool.

    The result is lazy, like every Ray Dataset: nothing runs (and no row error is raised)
    until it is consumed (``write_parquet``, ``take_all``, ``materialize``, iteration).

    Args:
        ds: The queries, one per row, in column ``text_column``.
        index_path: A saved index directory readable on every node, or the reference
            returned by :func:`put_index` (the index then travels through the object store).
        top_k: Most matches per query (as in :meth:`ClaimMatcher.match_many`).
        text_column: The column holding the query texts.
        id_column: A column identifying each row (any Arrow type); copied to ``query_id``.
            Without it ``query_id`` is null. Ray Data does not keep row order by default,
            so give an id to join the matches back to the input.
        min_score: Cosine cut-off for this job; defaults to the matcher's.
        where: A :class:`~claimmatch.filters.ClaimFilter`, applied inside the search.
        on_error: For a row whose text is not a str, is empty or is too long: ``"raise"``
            fails the job with the row's id and the reason; ``"record"`` matches the other
            rows and returns this one as a single row with the reason in ``error``.
        keep_unmatched: Also return one row (match columns null) for each query with no match.
        concurrency: Actors: ``n`` for a fixed pool, ``(min, max)`` for an autoscaling one;
            default: autoscaling from 1 up to what the cluster's CPUs allow.
        num_cpus: CPUs reserved per actor; each actor's torch uses that many threads
            (rounded, at least 1).
        batch_size: Rows per ``map_batches`` call.
        matcher_options: Keyword arguments for :class:`ClaimMatcher` in each actor
            (``min_score``, ``nli``, ``retrieval``, ``hybrid``, ``normalizer``, ...).
        load_options: Keyword arguments for :meth:`ClaimIndex.load` in each actor
            (``embedding_backend="onnx-int8"``, ``url=`` and ``backend_options=`` for a
            vector-database backend, ...).
        **filters: The ``ClaimFilter`` shortcuts of :meth:`ClaimMatcher.match`
            (``language="en"``, ``publisher=...``, ``verdict=[...]``, ``max_age_days=365``,
            ``reviewed_after=...``, ``reviewed_before=...``). ``max_age_days`` is counted
            from the driver's date (UTC) unless ``as_of`` is given, so every actor uses the same day.

    Returns:
        A Dataset with one row per (query, match) and the columns of :func:`output_schema`:
        ``query_id``, ``query`` (the text as given), ``rank`` (1 = best), the verified
        claim (``claim_id``, ``claim_text``, ``claim_title``, ``verdict``, ``rating``,
        ``publisher``, ``review_url``, ``review_date``, ``claim_language``), ``score``
        (cosine), ``stance``, ``confidence``, ``reasons`` (list of str),
        ``implied_verdict`` and ``error`` (null except for recorded errors).

    Raises:
        MissingExtraError: Ray Data or pyarrow is not installed.
        InvalidTypeError: ``ds`` is not a Ray Dataset, or an option has the wrong type.
        InvalidArgumentError: an unknown filter or matcher option, or an out-of-range value.
    """
    ray = _require_ray()
    if not isinstance(ds, ray.data.Dataset):
        raise InvalidTypeError(
            f"ds must be a ray.data.Dataset, got {type(ds).__name__}; "
            "wrap a list of texts with ray.data.from_items([{'text': t} for t in texts])"
        )
    if not isinstance(index_path, (str, os.PathLike, ray.ObjectRef)):
        raise InvalidTypeError(
            f"index_path must be an index directory or put_index(path), got {type(index_path).__name__}"
        )
    k = _check_top_k(top_k)
    cut = None if min_score is None else _check_min_score(min_score)
    condition = _combine_filters(where, filters)
    if condition is not None and condition.max_age_days is not None and condition.as_of is None:
        condition = condition.model_copy(update={"as_of": datetime.now(timezone.utc).date()})
    for name, value in (("text_column", text_column), ("id_column", id_column)):
        if value is not None and (not isinstance(value, str) or not value):
            raise InvalidTypeError(f"{name} must be a non-empty str, got {value!r}")
    if on_error not in ("raise", "record"):
        raise InvalidArgumentError(f"on_error must be 'raise' or 'record', got {on_error!r}")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise InvalidArgumentError(f"batch_size must be a positive int, got {batch_size!r}")
    if isinstance(num_cpus, bool) or not isinstance(num_cpus, (int, float)) or num_cpus <= 0:
        raise InvalidArgumentError(f"num_cpus must be a positive number, got {num_cpus!r}")
    options = dict(matcher_options or {})
    unknown = sorted(set(options) - _MATCHER_OPTIONS)
    if unknown:
        raise InvalidArgumentError(
            f"unknown matcher option(s) {', '.join(unknown)}; use {', '.join(sorted(_MATCHER_OPTIONS))}"
        )
    loading = dict(load_options or {})
    unknown = sorted(set(loading) - _LOAD_OPTIONS)
    if unknown:
        raise InvalidArgumentError(
            f"unknown load option(s) {', '.join(unknown)}; use {', '.join(sorted(_LOAD_OPTIONS))}"
        )
    compute = _compute_strategy(concurrency)
    return ds.map_batches(  # type: ignore[no-any-return]
        _MatchBatches,
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=compute,
        num_cpus=num_cpus,
        fn_constructor_kwargs={
            "source": index_path if isinstance(index_path, ray.ObjectRef) else os.fspath(index_path),
            "load_options": loading,
            "matcher_options": options,
            "top_k": k,
            "min_score": cut,
            "where": condition,
            "text_column": text_column,
            "id_column": id_column,
            "on_error": on_error,
            "keep_unmatched": bool(keep_unmatched),
            "threads": max(1, round(num_cpus)),
        },
    )


def _compute_strategy(concurrency: int | tuple[int, int] | None) -> Any:
    """The ``ActorPoolStrategy`` for ``concurrency`` (see :func:`match_dataset`)."""
    from ray.data import ActorPoolStrategy

    def positive(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1

    if concurrency is None:
        return ActorPoolStrategy(min_size=1, max_size=None)
    if isinstance(concurrency, int) and positive(concurrency):
        return ActorPoolStrategy(size=concurrency)
    if (
        isinstance(concurrency, tuple)
        and len(concurrency) == 2
        and all(positive(v) for v in concurrency)
        and concurrency[0] <= concurrency[1]
    ):
        return ActorPoolStrategy(min_size=concurrency[0], max_size=concurrency[1])
    raise InvalidArgumentError(
        f"concurrency must be a positive int (a fixed pool) or a (min, max) tuple, got {concurrency!r}"
    )
