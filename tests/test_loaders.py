from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimmatch import ClaimFormatError, DuplicateIdError, Verdict, load_claims, save_claims
from claimmatch.errors import InvalidArgumentError, InvalidTypeError
from claimmatch.loaders import parse_claim
from tests.conftest import ROOT


def test_default_collection_loads(default_claims: list) -> None:
    assert len(default_claims) >= 30
    verdicts = {claim.verdict for claim in default_claims}
    assert {Verdict.TRUE, Verdict.FALSE} <= verdicts


def test_jsonl_round_trip(tmp_path: Path) -> None:
    claims = load_claims(ROOT / "index" / "claims.jsonl")
    out = tmp_path / "copy.jsonl"
    save_claims(claims, out)
    assert load_claims(out) == claims


def test_csv_with_column_map_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(
        "claim_id,claim,verdict,rating,desk\n"
        'a1,"The force needs US support, leaders said.",true,True,europe\n'
        "a2,Bats are blind.,false,,science\n",
        encoding="utf-8",
    )
    claims = load_claims(path, column_map={"claim_id": "id", "claim": "text"})
    assert [c.id for c in claims] == ["a1", "a2"]
    assert claims[0].text == "The force needs US support, leaders said."
    assert claims[1].rating is None
    assert claims[1].metadata == {"desk": "science"}


def test_bad_line_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps({"id": "ok", "text": "Fine."})
        + "\n"
        + json.dumps({"id": "bad", "text": "X", "verdict": "maybe"})
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ClaimFormatError) as info:
        load_claims(path)
    message = str(info.value)
    assert "bad.jsonl:2" in message and "verdict" in message and "maybe" in message


def test_invalid_json_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "a", "text": "A."}\n{"id": \n', encoding="utf-8")
    with pytest.raises(ClaimFormatError, match=r"broken\.jsonl:2"):
        load_claims(path)


def test_duplicate_ids_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "a", "text": "A."}\n{"id": "a", "text": "B."}\n', encoding="utf-8")
    with pytest.raises(DuplicateIdError, match="line 1"):
        load_claims(path)


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(ClaimFormatError, match="no claims file"):
        load_claims(tmp_path / "nope.jsonl")
    odd = tmp_path / "claims.txt"
    odd.write_text('{"id": "a", "text": "A."}\n', encoding="utf-8")
    with pytest.raises(InvalidArgumentError, match="format="):
        load_claims(odd)
    assert load_claims(odd, format="jsonl")[0].id == "a"
    with pytest.raises(InvalidTypeError):
        load_claims(123)  # type: ignore[arg-type]


def test_parse_claim_rejects_non_mappings() -> None:
    with pytest.raises(InvalidTypeError, match="mapping"):
        parse_claim("just text")
