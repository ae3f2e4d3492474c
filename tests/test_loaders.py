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


# ---------------------------------------------------------------------- on_error, reports, more formats
def _jsonl_with_bad_lines(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "a", "text": "A."}\n'
        '{"id": "b", "text": \n'
        '{"id": "c", "text": "C.", "verdict": "maybe"}\n'
        '["not", "an", "object"]\n'
        '{"id": "a", "text": "A again."}\n'
        '{"id": "d", "text": "D."}\n',
        encoding="utf-8",
    )
    return path


def test_jsonl_skip_warns_per_bad_line(tmp_path: Path) -> None:
    from claimmatch.errors import SkippedRecordWarning

    path = _jsonl_with_bad_lines(tmp_path)
    with pytest.raises(ClaimFormatError, match=r"mixed\.jsonl:2"):
        load_claims(path)
    with pytest.warns(SkippedRecordWarning) as caught:
        claims = load_claims(path, on_error="skip")
    assert [claim.id for claim in claims] == ["a", "d"]
    messages = [str(warning.message) for warning in caught]
    assert len(messages) == 4
    assert "mixed.jsonl:2" in messages[0] and "not valid JSON" in messages[0]
    assert "mixed.jsonl:3" in messages[1] and "maybe" in messages[1]
    assert "mixed.jsonl:4" in messages[2] and "list" in messages[2]
    assert "mixed.jsonl:5" in messages[3] and "already used on line 1" in messages[3]
    assert issubclass(SkippedRecordWarning, UserWarning)


def test_report_for_jsonl(tmp_path: Path) -> None:
    import warnings

    from claimmatch.loaders import LoadReport, SkippedRecord, load_claims_report

    path = _jsonl_with_bad_lines(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = load_claims_report(path)
    assert isinstance(report, LoadReport) and report.format == "jsonl" and report.path == path
    assert [claim.id for claim in report.claims] == ["a", "d"]
    assert [skipped.position for skipped in report.skipped] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert all(isinstance(skipped, SkippedRecord) and skipped.reason for skipped in report.skipped)
    with pytest.raises(ClaimFormatError):
        load_claims_report(path, on_error="raise")


def test_csv_skip(tmp_path: Path) -> None:
    from claimmatch.errors import SkippedRecordWarning

    path = tmp_path / "claims.csv"
    path.write_text(
        "id,text,metadata\n"
        'a,"Fine.",\n'
        'b,"Too many cells.",{},extra\n'
        'c,"Bad metadata.",not json\n'
        'd,"",\n'
        'e,"Also fine.","{""desk"": ""science""}"\n',
        encoding="utf-8",
    )
    with pytest.raises(ClaimFormatError, match=r"claims\.csv:3"):
        load_claims(path)
    with pytest.warns(SkippedRecordWarning) as caught:
        claims = load_claims(path, on_error="skip")
    assert [claim.id for claim in claims] == ["a", "e"]
    assert claims[1].metadata == {"desk": "science"}
    messages = [str(warning.message) for warning in caught]
    assert [m.split(":")[1] for m in (message.split(str(tmp_path))[1] for message in messages)] == ["3", "4", "5"]
    assert "more cells" in messages[0] and "metadata" in messages[1] and "text" in messages[2]


def test_bad_arguments_and_new_extensions(tmp_path: Path) -> None:
    path = tmp_path / "claims.ndjson"
    path.write_text('{"id": "a", "text": "A."}\n', encoding="utf-8")
    assert load_claims(path)[0].id == "a"
    with pytest.raises(InvalidArgumentError, match="on_error"):
        load_claims(path, on_error="ignore")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="'claimreview'"):
        load_claims(path, format="xml")  # type: ignore[arg-type]
    tsv = tmp_path / "claims.tsv"
    tsv.write_text("id\ttext\nt1\tTabbed.\n", encoding="utf-8")
    assert load_claims(tsv)[0].text == "Tabbed."
    page = tmp_path / "page.htm"
    page.write_text(
        '<script type="application/ld+json; charset=utf-8">'
        '{"@type": "ClaimReview", "@id": "h1", "claimReviewed": "From a page."}</script>',
        encoding="utf-8",
    )
    assert load_claims(page)[0].id == "h1"
    assert load_claims(page, format="html")[0].id == "h1"


def test_non_string_text_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "typed.jsonl"
    path.write_text('{"id": "a", "text": 42}\n', encoding="utf-8")
    with pytest.raises(InvalidTypeError, match=r"typed\.jsonl:1: claim text must be a str"):
        load_claims(path)
    from claimmatch.errors import SkippedRecordWarning
    from claimmatch.loaders import load_claims_report

    with pytest.warns(SkippedRecordWarning, match=r"typed\.jsonl:1"):
        assert load_claims(path, on_error="skip") == []

    [skipped] = load_claims_report(path).skipped
    assert "must be a str" in skipped.reason
