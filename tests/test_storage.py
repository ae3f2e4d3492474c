"""Crash safety of index saves: SIGKILL a saving process at random points, then load."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from claimmatch import ClaimIndex, VerifiedClaim
from claimmatch.embedder import Embedder
from claimmatch.storage import MANIFEST_NAME, read_index_dir, write_index_dir
from tests.conftest import ROOT

# The child alternates between two states of one index (A: n claims, B: n + 1 claims),
# saving each to the same directory as fast as it can, until it is killed.
CHILD = r"""
import sys
import numpy as np
from claimmatch import ClaimIndex, VerifiedClaim
target, vectors_file = sys.argv[1], sys.argv[2]
vectors = np.load(vectors_file)
claims = [VerifiedClaim(id=f"c{i}", text=f"Verified claim number {i}.") for i in range(len(vectors))]
state_a = ClaimIndex(dimension=vectors.shape[1])
state_a.add(claims[:-1], vectors=vectors[:-1])
state_b = ClaimIndex(dimension=vectors.shape[1])
state_b.add(claims, vectors=vectors)
print("ready", flush=True)
state_b.save(target)
print("saved", flush=True)
while True:
    state_a.save(target)
    state_b.save(target)
"""


@pytest.fixture(scope="module")
def real_vectors(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    texts = [f"Verified claim number {i}." for i in range(200)]
    path = tmp_path_factory.mktemp("vectors") / "vectors.npy"
    np.save(path, embedder.encode(texts))
    return path


def test_write_then_read_verifies_content(tmp_path: Path) -> None:
    manifest = write_index_dir(tmp_path / "x", b"vectors", b"claims\n", {"model": "m"})
    stored = read_index_dir(tmp_path / "x")
    assert (stored.vectors, stored.claims) == (b"vectors", b"claims\n")
    assert stored.manifest == manifest and manifest["generation"] == 1


def test_leftovers_of_a_crashed_first_save_are_cleaned(tmp_path: Path) -> None:
    (tmp_path / ".x.new-abc").mkdir()
    (tmp_path / ".x.new-abc" / "vectors-000001.faiss").write_bytes(b"half")
    write_index_dir(tmp_path / "x", b"v", b"c", {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x"]


@pytest.mark.slow
def test_sigkill_during_saves_always_leaves_a_loadable_index(tmp_path: Path, real_vectors: Path) -> None:
    rng = random.Random(1234)
    trials, outcomes = 25, {199: 0, 200: 0}
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for trial in range(trials):
        target = tmp_path / f"idx{trial}"
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(target), str(real_vectors)],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        # Kill at a random point: in the first five trials during the very first save,
        # later once an index exists, while it is being overwritten.
        if trial < 5:
            time.sleep(rng.choice([0.0, 0.001, 0.003]))
        else:
            assert child.stdout.readline().strip() == "saved"
            time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        if not (target / MANIFEST_NAME).exists():
            assert trial < 5, "only a kill during the first save may leave no index"
            continue
        index = ClaimIndex.load(target)  # raises if anything is partial or altered
        assert len(index) in outcomes
        outcomes[len(index)] += 1
        assert [c.id for c in index][: len(index)] == [f"c{i}" for i in range(len(index))]
        # The next save into a directory a crash left behind succeeds and cleans up.
        index.add([VerifiedClaim(id="after", text="Saved after the crash.")], vectors=np.ones((1, 384), np.float32))
        index.save()
        assert len(ClaimIndex.load(target)) == len(index)
        names = {p.name for p in target.iterdir()}
        manifest = json.loads((target / MANIFEST_NAME).read_text())
        assert names == {MANIFEST_NAME} | {entry["path"] for entry in manifest["files"].values()}
    assert sum(outcomes.values()) >= trials - 5
    assert outcomes[199] and outcomes[200], f"kills should land in both states, got {outcomes}"


def test_write_stored_index_copies_every_file(small_index: ClaimIndex, tmp_path: Path) -> None:
    from claimmatch.errors import IndexStateError
    from claimmatch.storage import write_stored_index

    small_index.save(tmp_path / "a")
    stored = read_index_dir(tmp_path / "a")
    assert stored.lexical is not None and stored.text_vectors is not None  # every optional role is present
    write_stored_index(tmp_path / "b", stored)
    copy = read_index_dir(tmp_path / "b")
    assert (copy.vectors, copy.claims, copy.lexical, copy.text_vectors) == (
        stored.vectors,
        stored.claims,
        stored.lexical,
        stored.text_vectors,
    )
    assert copy.manifest["files"].keys() == stored.manifest["files"].keys()
    with pytest.raises(IndexStateError, match="mmap_vectors"):
        write_stored_index(tmp_path / "c", read_index_dir(tmp_path / "a", mmap_vectors=True))
