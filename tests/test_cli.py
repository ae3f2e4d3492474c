from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimmatch import ClaimIndex
from claimmatch.cli import app
from tests.conftest import ROOT

runner = CliRunner()


def test_build_then_match_json(tmp_path: Path) -> None:
    out = tmp_path / "idx"
    built = runner.invoke(app, ["build", str(ROOT / "index" / "claims.jsonl"), "--out", str(out)])
    assert built.exit_code == 0, built.output
    assert "indexed" in built.output
    assert len(ClaimIndex.load(out)) >= 30
    result = runner.invoke(
        app,
        [
            "match",
            "--index",
            str(out),
            "--json",
            "--top-k",
            "2",
            "The Coalition of the Willing includes 30 supporters of Ukraine.",
            "My cat prefers tuna to salmon.",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [item["query"] for item in payload] == [
        "The Coalition of the Willing includes 30 supporters of Ukraine.",
        "My cat prefers tuna to salmon.",
    ]
    first = payload[0]["matches"][0]
    assert first["claim"]["id"] == "coalition-34-supporters"
    assert first["stance"] == "contradicts"
    assert payload[1]["matches"] == []
    # the same matches with the index files left on disk, memory-mapped
    mapped = runner.invoke(
        app,
        ["match", "--index", str(out), "--mmap", "--json", "--top-k", "2", *[item["query"] for item in payload]],
    )
    assert mapped.exit_code == 0, mapped.output
    assert json.loads(mapped.output) == payload


def test_match_table_and_file_input(tmp_path: Path) -> None:
    out = tmp_path / "idx"
    assert runner.invoke(app, ["build", str(ROOT / "index" / "claims.jsonl"), "-o", str(out)]).exit_code == 0
    claims_file = tmp_path / "in.txt"
    claims_file.write_text("Bats are blind.\n\nThe bakery on Main Street opens at 7 am.\n", encoding="utf-8")
    result = runner.invoke(app, ["match", "--index", str(out), "--file", str(claims_file)])
    assert result.exit_code == 0, result.output
    assert "Bats are blind." in result.output and "no earlier fact-check matches" in result.output


def test_errors_exit_2_with_a_message(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["match", "--index", str(tmp_path / "none"), "anything"])
    assert missing.exit_code == 2 and "claimmatch build" in missing.output
    nothing = runner.invoke(app, ["match", "--index", str(tmp_path)])
    assert nothing.exit_code == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n', encoding="utf-8")
    failed = runner.invoke(app, ["build", str(bad), "--out", str(tmp_path / "x")])
    assert failed.exit_code == 2 and "text" in failed.output


def test_serve_reports_a_missing_index(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--index", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code == 2 and "claimmatch build" in result.output
