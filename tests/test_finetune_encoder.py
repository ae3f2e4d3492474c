"""training/finetune_encoder.py: it reads train queries only and builds clash-free batches.

The fine-tuning itself (minutes of CPU) is measured in docs/benchmarks.md, not run here.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "training" / "finetune_encoder.py"


@pytest.fixture(scope="module")
def finetune() -> ModuleType:
    spec = importlib.util.spec_from_file_location("finetune_encoder", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["finetune_encoder"] = module
    spec.loader.exec_module(module)
    return module


def _write_folder(folder: Path) -> None:
    claims = [
        {"id": "c1", "text": "The moon landing was staged.", "title": "Moon landing hoax"},
        {"id": "c2", "text": "Vaccines contain microchips.", "title": "Microchip claim"},
        {"id": "c3", "text": "The Eiffel Tower is for sale.", "title": "Tower sale"},
    ]
    queries = [
        {"id": "q1", "text": "the moon landing was faked https://t.co/x #hoax", "split": "train"},
        {"id": "q2", "text": "vaccines have microchips in them", "split": "train"},
        {"id": "q3", "text": "DEV TWEET that must never be read", "split": "dev"},
        {"id": "q4", "text": "a train query without gold", "split": "train"},
    ]
    folder.mkdir()
    (folder / "vclaims.jsonl").write_text("\n".join(json.dumps(c) for c in claims), "utf-8")
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in queries), "utf-8")
    (folder / "qrels.tsv").write_text("query_id\tclaim_id\nq1\tc1\nq2\tc2\nq3\tc3\n", "utf-8")


def test_read_folder_keeps_train_queries_with_gold_only(finetune: ModuleType, tmp_path: Path) -> None:
    _write_folder(tmp_path / "set")
    collection = finetune.read_folder(tmp_path / "set")
    assert set(collection.queries) == {"q1", "q2"}  # dev query dropped, train query without gold too
    assert collection.qrels == {"q1": {"c1"}, "q2": {"c2"}}
    assert "https" not in collection.queries["q1"] and "#" not in collection.queries["q1"]  # normalised
    assert all("DEV TWEET" not in text for text in collection.queries.values())
    assert collection.claim_texts["c1"].startswith("The moon landing was staged.")


def test_batches_never_repeat_a_claim(finetune: ModuleType) -> None:
    examples = [
        finetune.Example(query=f"q{n}", positive=f"s/c{n % 5}", negatives=[f"s/c{(n + 1) % 5}", f"s/c{(n + 2) % 5}"])
        for n in range(20)
    ]
    batches = finetune.make_batches(examples, 4, random.Random(13), hard=True)
    assert sorted(n for batch in batches for n, _ in batch) == list(range(20))  # every pair exactly once
    for batch in batches:
        positives = [examples[n].positive for n, _ in batch]
        negatives = [neg for _, neg in batch if neg]
        assert len(batch) <= 4
        assert len(set(positives)) == len(positives)
        assert not set(negatives) & set(positives)
        assert len(set(negatives)) == len(negatives)
