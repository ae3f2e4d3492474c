"""claimmatch.distributed: batch matching on a local Ray (the optional extra ``claimmatch[ray]``).

Ray starts once for the module (``num_cpus=2``); each ``match_dataset`` call starts its
actors afresh (loading torch and the model), so the tests share runs where they can.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from claimmatch import ClaimIndex, ClaimMatcher, Match, VerifiedClaim
from claimmatch.embedder import Embedder
from claimmatch.errors import ClaimMatchError, InvalidArgumentError, InvalidTypeError
from claimmatch.text import MAX_TEXT_CHARS

DATA = Path(__file__).resolve().parent / "data"
SKIP_REASON = 'the Ray extra is not installed; install it with: pip install "claimmatch[ray]" (make test does)'

Row = dict[str, Any]

# Ray's own deprecation notices (its DataContext defaults), not claimmatch's.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")


def _queries() -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in (DATA / "match_queries.jsonl").read_text("utf-8").splitlines() if line]
    return [(f"q{number:03d}", row["query"]) for number, row in enumerate(rows)]


QUERIES = _queries()


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def ray_session() -> Iterator[Any]:
    """A local Ray with 2 CPUs for the whole module; workers import this checkout of claimmatch."""
    ray = pytest.importorskip("ray", reason=SKIP_REASON)
    pytest.importorskip("ray.data", reason=SKIP_REASON)
    pytest.importorskip("pyarrow", reason=SKIP_REASON)
    import claimmatch

    # Workers are child processes of the local Ray: give them the same claimmatch as this
    # process even when it is imported from a checkout rather than installed.
    package_root = str(Path(claimmatch.__file__).resolve().parents[1])
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, saved]))
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.execution_options.verbose_progress = False
    try:
        yield ray
    finally:
        ray.shutdown()
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


@pytest.fixture(scope="module")
def index_dir(
    tmp_path_factory: pytest.TempPathFactory, default_claims: list[VerifiedClaim], embedder: Embedder
) -> Path:
    """The default collection, saved once for the module."""
    path = tmp_path_factory.mktemp("distributed") / "index"
    ClaimIndex.build(default_claims, embedder=embedder).save(path)
    return path


@pytest.fixture(scope="module")
def local(index_dir: Path) -> ClaimMatcher:
    """The single-process matcher on the same saved index."""
    return ClaimMatcher(ClaimIndex.load(index_dir))


@pytest.fixture(scope="module")
def matched(ray_session: Any, index_dir: Path) -> Any:
    """All test queries matched from the shared directory by 2 actors, materialised once."""
    from claimmatch.distributed import match_dataset

    ds = ray_session.data.from_items([{"id": qid, "text": text} for qid, text in QUERIES])
    return match_dataset(ds, index_dir, id_column="id", top_k=3, concurrency=2, batch_size=16).materialize()


# ----------------------------------------------------------------------------- helpers


def _expected(ids: list[str], texts: list[str], found: list[list[Match]]) -> list[Row]:
    rows = []
    for qid, text, matches in zip(ids, texts, found, strict=True):
        for m in matches:
            rows.append(
                {
                    "query_id": qid,
                    "query": text,
                    "rank": m.rank,
                    "claim_id": m.claim.id,
                    "claim_text": m.claim.text,
                    "claim_title": m.claim.title,
                    "verdict": m.claim.verdict.value,
                    "rating": m.claim.rating,
                    "publisher": m.claim.publisher,
                    "review_url": m.claim.review_url,
                    "review_date": m.claim.review_date,
                    "claim_language": m.claim.language,
                    "score": m.score,
                    "stance": m.stance.value,
                    "confidence": m.confidence,
                    "reasons": m.reasons,
                    "implied_verdict": m.implied_verdict.value if m.implied_verdict else None,
                    "error": None,
                }
            )
    return rows


def _sorted(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: (str(row["query_id"]), row["rank"] or 0))


def assert_same_rows(got: list[Row], expected: list[Row]) -> None:
    """Equal row by row: ids, order, labels and reasons exactly; scores and confidences to 1e-5."""
    got, expected = _sorted(got), _sorted(expected)
    assert [(r["query_id"], r["rank"], r["claim_id"]) for r in got] == [
        (r["query_id"], r["rank"], r["claim_id"]) for r in expected
    ]
    for row, want in zip(got, expected, strict=True):
        for key, value in want.items():
            if key in ("score", "confidence"):
                assert math.isclose(row[key], value, abs_tol=1e-5), (row["query_id"], key, row[key], value)
            elif key == "reasons":
                assert list(row[key]) == value, row["query_id"]
            else:
                assert row[key] == value, (row["query_id"], key, row[key], value)


# ----------------------------------------------------------------------------- tests


def test_results_equal_the_single_process_matcher(matched: Any, local: ClaimMatcher) -> None:
    ids, texts = [q for q, _ in QUERIES], [t for _, t in QUERIES]
    expected = _expected(ids, texts, local.match_many(texts, 3))
    got = matched.take_all()
    assert len(expected) > len(QUERIES) // 2  # the queries do match: the comparison is not vacuous
    assert {r["stance"] for r in expected} == {"supports", "contradicts", "related"}
    assert_same_rows(got, expected)


def test_output_schema_and_parquet_round_trip(matched: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from claimmatch.distributed import OUTPUT_COLUMNS, output_schema

    matched.write_parquet(str(tmp_path / "out"))
    table = pq.read_table(tmp_path / "out")
    assert tuple(table.column_names) == OUTPUT_COLUMNS
    assert table.schema.equals(output_schema(pa.string()))
    assert table.schema.field("reasons").type == pa.list_(pa.string())
    assert table.num_rows == matched.count()
    assert_same_rows(table.to_pylist(), matched.take_all())


def test_object_store_index_with_filters(ray_session: Any, index_dir: Path, local: ClaimMatcher) -> None:
    from claimmatch.distributed import match_dataset, put_index

    texts = [text for _, text in QUERIES[:40]]
    ds = ray_session.data.from_items([{"text": text} for text in texts])
    filters: dict[str, Any] = {"verdict": ["false", "mostly_false"], "language": "en"}
    ref = put_index(index_dir)
    rows = match_dataset(ds, ref, top_k=2, min_score=0.3, concurrency=1, **filters).take_all()
    expected = _expected(texts, texts, local.match_many(texts, 2, min_score=0.3, **filters))
    assert expected and {r["verdict"] for r in expected} <= {"false", "mostly_false"}
    for row in rows:  # no id column: query_id is null; the text identifies the query here
        assert row["query_id"] is None
        row["query_id"] = row["query"]
    assert_same_rows(rows, expected)


def test_invalid_rows_are_recorded_and_unmatched_kept(ray_session: Any, index_dir: Path, local: ClaimMatcher) -> None:
    from claimmatch.distributed import match_dataset

    good = [QUERIES[1], ("unrelated", "The recipe needs two eggs and a cup of flour.")]
    bad = {"empty": "", "blank": "   ", "long": "x" * (MAX_TEXT_CHARS + 1), "null": None}
    items = [{"id": qid, "text": text} for qid, text in good] + [{"id": k, "text": v} for k, v in bad.items()]
    ds = ray_session.data.from_items(items)
    rows = match_dataset(ds, index_dir, id_column="id", on_error="record", keep_unmatched=True, concurrency=1)
    by_id: dict[str, list[Row]] = {}
    for row in rows.take_all():
        by_id.setdefault(row["query_id"], []).append(row)
    assert set(by_id) == {qid for qid, _ in good} | set(bad)
    for qid in bad:
        (row,) = by_id[qid]
        assert row["rank"] is None and row["claim_id"] is None and row["error"]
    assert "EmptyTextError" in by_id["empty"][0]["error"] and "EmptyTextError" in by_id["blank"][0]["error"]
    assert "TextTooLongError" in by_id["long"][0]["error"] and "InvalidTypeError" in by_id["null"][0]["error"]
    assert by_id["blank"][0]["query"] == "   " and by_id["null"][0]["query"] is None
    (unmatched,) = by_id["unrelated"]
    assert unmatched["rank"] is None and unmatched["error"] is None and unmatched["reasons"] is None
    qid, text = good[0]
    assert_same_rows(by_id[qid], _expected([qid], [text], local.match_many([text])))


def test_an_invalid_row_fails_the_job_by_default(ray_session: Any, index_dir: Path) -> None:
    from claimmatch.distributed import match_dataset

    ds = ray_session.data.from_items([{"id": "fine", "text": QUERIES[0][1]}, {"id": "bad-row", "text": " "}])
    with pytest.raises(Exception) as caught:  # Ray wraps the error in its own exception types
        match_dataset(ds, index_dir, id_column="id", concurrency=1).take_all()
    message = str(caught.value)  # Ray's message carries the worker's traceback
    assert "EmptyTextError" in message and "row 'bad-row'" in message and "on_error='record'" in message


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"top_k": 0}, InvalidArgumentError),
        ({"top_k": "3"}, InvalidTypeError),
        ({"min_score": 2.0}, InvalidArgumentError),
        ({"colour": "red"}, InvalidArgumentError),
        ({"verdict": "maybe"}, InvalidArgumentError),
        ({"on_error": "skip"}, InvalidArgumentError),
        ({"concurrency": 0}, InvalidArgumentError),
        ({"concurrency": (3, 1)}, InvalidArgumentError),
        ({"batch_size": 0}, InvalidArgumentError),
        ({"num_cpus": 0}, InvalidArgumentError),
        ({"matcher_options": {"min_scor": 0.4}}, InvalidArgumentError),
        ({"load_options": {"modle": "x"}}, InvalidArgumentError),
        ({"text_column": ""}, InvalidTypeError),
    ],
)
def test_bad_arguments_fail_before_the_job_starts(
    ray_session: Any, index_dir: Path, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    from claimmatch.distributed import match_dataset

    ds = ray_session.data.from_items([{"text": "Bats are blind."}])
    with pytest.raises(error):
        match_dataset(ds, index_dir, **kwargs)


def test_not_a_dataset(ray_session: Any, index_dir: Path) -> None:
    from claimmatch.distributed import match_dataset

    with pytest.raises(InvalidTypeError, match="from_items"):
        match_dataset(["Bats are blind."], index_dir)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="put_index"):
        match_dataset(ray_session.data.from_items([{"text": "Bats are blind."}]), 42)  # type: ignore[arg-type]


def test_missing_index_fails_in_put_index(ray_session: Any, tmp_path: Path) -> None:
    from claimmatch import MissingIndexError
    from claimmatch.distributed import put_index

    with pytest.raises(MissingIndexError):
        put_index(tmp_path / "nothing-here")


def test_without_ray_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimmatch.distributed as distributed

    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` raise ImportError
    monkeypatch.setitem(sys.modules, "ray.data", None)
    with pytest.raises(distributed.MissingExtraError, match=r'pip install "claimmatch\[ray\]"') as caught:
        distributed.match_dataset(object(), "index/default")  # type: ignore[arg-type]
    assert isinstance(caught.value, ImportError) and isinstance(caught.value, ClaimMatchError)


def test_object_store_copy_keeps_every_index_file(index_dir: Path) -> None:
    from claimmatch.distributed import _materialise, _PackedIndex
    from claimmatch.storage import read_index_dir

    loaded, name = _materialise(_PackedIndex(stored=read_index_dir(index_dir), source=str(index_dir)))
    original = ClaimIndex.load(index_dir)
    assert name.endswith("(object store)") and len(loaded) == len(original)
    assert loaded.keeps_text_vectors and len(original._text_ids) > 0
    assert np.array_equal(loaded._text_ids, original._text_ids)
    assert loaded.has_lexical
