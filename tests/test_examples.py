"""The runnable scripts in examples/ work against the repository's own claims."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_update_index_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _load("update_index").main(["--out", str(tmp_path / "idx")]) == 0
    out = capsys.readouterr().out
    assert "built 38 claims" in out and "saved 38 claims" in out  # +1 added, -1 removed
    assert (tmp_path / "idx" / "manifest.json").is_file()
    assert "bats-are-blind contradicts" in out or "bats-blind contradicts" in out  # a claim rated false


def test_explain_stance_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _load("explain_stance").main(["--index", str(tmp_path / "none")]) == 0
    out = capsys.readouterr().out
    assert "numbers differ: 30 vs 34" in out
    assert "qualifier differs: before vs only once" in out
    assert out.count("supports") >= 1 and out.count("contradicts") >= 2
