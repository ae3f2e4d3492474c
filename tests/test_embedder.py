from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimmatch.embedder import DEFAULT_MODEL, Embedder, load_embedder, normalize_rows, resolve_model
from claimmatch.errors import InvalidTypeError, ModelLoadError


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
