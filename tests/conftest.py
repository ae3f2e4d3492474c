"""Shared fixtures: the real default model and the default claim collection, built once."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from claimmatch import ClaimIndex, VerifiedClaim, load_claims
from claimmatch.embedder import Embedder, load_embedder

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared" / "data"

HAS_QDRANT = importlib.util.find_spec("qdrant_client") is not None
NO_QDRANT = 'the qdrant extra is not installed (pip install "claimmatch[qdrant]"): Qdrant backend tests skipped'
#: The vector-store backends the shared index tests run on (``backend`` fixture).
BACKEND_PARAMS = [
    pytest.param("faiss", id="faiss"),
    pytest.param("qdrant", id="qdrant", marks=pytest.mark.skipif(not HAS_QDRANT, reason=NO_QDRANT)),
]


@pytest.fixture(params=BACKEND_PARAMS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each vector-store backend in turn; Qdrant runs embedded (in memory), so no server is needed."""
    return str(request.param)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return load_embedder()


@pytest.fixture(scope="session")
def default_claims() -> list[VerifiedClaim]:
    return load_claims(ROOT / "index" / "claims.jsonl")


@pytest.fixture(scope="session")
def default_index(default_claims: list[VerifiedClaim], embedder: Embedder) -> ClaimIndex:
    """The default collection, indexed once per session. Tests must not modify it."""
    return ClaimIndex.build(default_claims, embedder=embedder)


@pytest.fixture()
def small_claims() -> list[VerifiedClaim]:
    return [
        VerifiedClaim(id="everest", text="Mount Everest is 8,849 metres tall.", verdict="true", rating="True"),
        VerifiedClaim(
            id="wall",
            text="The Great Wall of China is visible from the Moon with the naked eye.",
            verdict="false",
            rating="False",
        ),
        VerifiedClaim(
            id="coalition",
            text="The coalition includes leaders of 34 supporters of Ukraine.",
            verdict="true",
            title="Yes, 34 supporters of Ukraine attended",
        ),
    ]


@pytest.fixture()
def small_index(small_claims: list[VerifiedClaim], embedder: Embedder) -> ClaimIndex:
    return ClaimIndex.build(small_claims, embedder=embedder)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
