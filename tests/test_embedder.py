from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimmatch import ClaimIndex
from claimmatch.embedder import (
    BACKENDS,
    DEFAULT_BACKEND,
    DEFAULT_MODEL,
    Embedder,
    EmbedderLike,
    load_embedder,
    normalize_rows,
    resolve_model,
)
from claimmatch.errors import CorruptIndexError, InvalidArgumentError, InvalidTypeError, ModelLoadError


def test_default_model_is_the_packaged_minilm(embedder: Embedder) -> None:
    assert embedder.name == DEFAULT_MODEL
    assert embedder.dimension == 384
    assert resolve_model(DEFAULT_MODEL).endswith("model")
    assert load_embedder() is embedder  # loaded once per process


def test_vectors_are_unit_float32_and_semantic(embedder: Embedder) -> None:
    vectors = embedder.encode(
        ["Mount Everest is 8,849 metres tall.", "Everest stands 8,849 m high.", "Bats are blind."]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    paraphrase, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert paraphrase > 0.7 > 0.3 > unrelated


def test_progress_is_reported_per_batch(embedder: Embedder) -> None:
    done: list[int] = []
    embedder.encode([f"claim number {i}" for i in range(5)], batch_size=2, progress=done.append)
    assert done == [2, 2, 1]


def test_empty_input_gives_an_empty_matrix(embedder: Embedder) -> None:
    assert embedder.encode([]).shape == (0, 384)


def test_normalize_rows_keeps_zero_rows() -> None:
    out = normalize_rows(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert np.allclose(out, [[0.6, 0.8], [0.0, 0.0]]) and out.dtype == np.float32


def test_unloadable_model_raises_an_actionable_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="no model directory"):
        Embedder(str(tmp_path / "no-such-model"))
    with pytest.raises(ModelLoadError, match="could not load embedding model"):
        Embedder(str(tmp_path))  # a directory, but no model in it
    with pytest.raises(InvalidTypeError):
        Embedder("")


def test_backend_is_torch_and_the_default_is_known(embedder: Embedder) -> None:
    assert embedder.backend == "torch" and "backend='torch'" in repr(embedder)
    assert DEFAULT_BACKEND in BACKENDS
    assert isinstance(embedder, EmbedderLike)


def test_length_sorted_batches_keep_the_input_order(embedder: Embedder) -> None:
    texts = ["Bats are blind.", "A much longer claim about Mount Everest being 8,849 metres tall, says a post.", "OK"]
    together = embedder.encode(texts, batch_size=2)
    alone = np.vstack([embedder.encode([text]) for text in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_manifest_records_the_embedding_backend(small_index: ClaimIndex, tmp_path: Path) -> None:
    assert small_index.embedding_backend == "torch"
    path = small_index.save(tmp_path / "idx")
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["embedding_backend"] == "torch" and manifest["embedding_library"] == "sentence-transformers"
    loaded = ClaimIndex.load(path)
    assert loaded.embedding_backend == "torch"
    assert loaded.embedder is load_embedder(backend="torch")


def test_an_index_saved_before_the_backend_was_recorded_loads_as_torch(small_index: ClaimIndex, tmp_path: Path) -> None:
    path = small_index.save(tmp_path / "idx")
    manifest_path = path / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["embedding_backend"]
    manifest_path.write_text(json.dumps(manifest))
    assert ClaimIndex.load(path).embedding_backend == "torch"
    manifest["embedding_backend"] = "onnx-int4"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CorruptIndexError, match="onnx-int4"):
        ClaimIndex.load(path)


def test_embedding_backend_arguments_are_checked(embedder: Embedder) -> None:
    assert ClaimIndex(embedding_backend="torch", dimension=384).embedding_backend == "torch"
    assert ClaimIndex(dimension=384).embedding_backend == DEFAULT_BACKEND
    with pytest.raises(InvalidArgumentError, match="unknown embedding backend"):
        ClaimIndex(embedding_backend="onnx", dimension=384)
    with pytest.raises(InvalidTypeError):
        ClaimIndex(embedding_backend=8, dimension=384)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="runs 'torch'"):
        ClaimIndex(embedder=embedder, embedding_backend="onnx-int8")
