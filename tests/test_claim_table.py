"""Claim tables: the in-memory table and the memory-mapped one agree, and a bad row file is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import claimmatch.claim_table as claim_table
from claimmatch import VerifiedClaim
from claimmatch.claim_table import ClaimTable, MappedClaimTable, encode_claims
from claimmatch.errors import CorruptIndexError, IndexStateError


def _claims(count: int = 40) -> list[tuple[int, VerifiedClaim]]:
    # int ids with gaps (removed claims leave holes), ids with non-ASCII characters and quotes
    return [
        (
            3 * n + 1,
            VerifiedClaim(
                id=f"claim-{n}" if n % 7 else f"clâim \"{n}\" ü",
                text=f"Claim number {n} says the figure is {n * 11}.",
                verdict="false" if n % 2 else "true",
                publisher="Fact Desk" if n % 3 else None,
                metadata={"n": n},
            ),
        )
        for n in range(count)
    ]


def _write(tmp_path: Path, rows: list[tuple[int, VerifiedClaim]]) -> MappedClaimTable:
    claims, claim_rows = encode_claims(rows)
    (tmp_path / "claims.jsonl").write_bytes(claims)
    (tmp_path / "claims.rows").write_bytes(claim_rows)
    return MappedClaimTable(tmp_path / "claims.jsonl", tmp_path / "claims.rows", tmp_path)


def _memory(rows: list[tuple[int, VerifiedClaim]]) -> ClaimTable:
    table = ClaimTable()
    for int_id, claim in rows:
        table.put(claim, int_id)
    return table


def test_mapped_table_reads_what_the_memory_table_holds(tmp_path: Path) -> None:
    rows = _claims()
    memory, mapped = _memory(rows), _write(tmp_path, rows)
    assert len(mapped) == len(memory) == len(rows)
    assert list(mapped) == list(memory) == [claim for _, claim in rows]
    assert list(mapped.items()) == list(memory.items())
    assert np.array_equal(mapped.int_ids(), memory.int_ids())
    for int_id, claim in rows:
        assert claim.id in mapped
        assert mapped.get(claim.id) == claim
        assert mapped.int_id(claim.id) == int_id == memory.int_id(claim.id)
        assert mapped.claim_at(int_id) == claim
    assert mapped.get("absent") is None and mapped.int_id("absent") is None and "absent" not in mapped
    assert 5 not in mapped  # not a str
    with pytest.raises(KeyError):
        mapped.claim_at(2)  # a gap between int ids
    with pytest.raises(KeyError):
        mapped.claim_at(10_000)


def test_encoding_is_the_saved_format_and_mapped_bytes_come_back_unchanged(tmp_path: Path) -> None:
    rows = _claims()
    mapped = _write(tmp_path, rows)
    assert mapped.encode() == _memory(rows).encode() == encode_claims(rows)
    again = ClaimTable.from_jsonl(encode_claims(rows)[0], tmp_path)
    assert list(again.items()) == rows


def test_hash_collisions_are_resolved_by_the_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claim_table, "claim_id_hash", lambda claim_id: len(claim_id) % 3)
    rows = _claims(30)
    mapped = _write(tmp_path, rows)
    for int_id, claim in rows:
        assert mapped.int_id(claim.id) == int_id
    assert mapped.get("claim-999") is None


def test_a_mapped_table_is_read_only_until_materialized(tmp_path: Path) -> None:
    rows = _claims(10)
    mapped = _write(tmp_path, rows)
    with pytest.raises(IndexStateError, match="read-only"):
        mapped.put(rows[0][1], 99)
    with pytest.raises(IndexStateError, match="read-only"):
        mapped.delete(rows[0][1].id)
    table = mapped.materialize()
    assert list(table.items()) == rows
    table.delete(rows[0][1].id)
    assert rows[0][1].id not in table and len(table) == 9


def test_an_empty_table_maps(tmp_path: Path) -> None:
    mapped = _write(tmp_path, [])
    assert len(mapped) == 0 and list(mapped) == [] and mapped.get("x") is None
    assert mapped.encode() == (b"", encode_claims([])[1])


@pytest.mark.parametrize(
    "damage",
    ["truncate", "magic", "offsets", "order"],
)
def test_a_damaged_row_file_is_refused(tmp_path: Path, damage: str) -> None:
    rows = _claims(12)
    claims, claim_rows = encode_claims(rows)
    data = bytearray(claim_rows)
    head = len(data) - 8 * (4 * len(rows) + 1)
    if damage == "truncate":
        data = data[:-8]
    elif damage == "magic":
        data[0:5] = b"XXXXX"
    elif damage == "offsets":
        at = head + 8 * len(rows) + 8 * len(rows)  # offsets[n]: the claims file's size
        data[at : at + 8] = (len(claims) + 5).to_bytes(8, "little")
    else:
        data[head : head + 8] = (10_000).to_bytes(8, "little")  # int_ids[0] larger than int_ids[1]
    (tmp_path / "claims.jsonl").write_bytes(claims)
    (tmp_path / "claims.rows").write_bytes(bytes(data))
    with pytest.raises(CorruptIndexError, match="row file"):
        MappedClaimTable(tmp_path / "claims.jsonl", tmp_path / "claims.rows", tmp_path)


def test_a_damaged_claim_line_names_its_line(tmp_path: Path) -> None:
    rows = _claims(5)
    claims, claim_rows = encode_claims(rows)
    lines = claims.split(b"\n")
    lines[2] = b"{" + lines[2][1:].replace(b'"int_id"', b'"int_Xd"')
    (tmp_path / "claims.jsonl").write_bytes(b"\n".join(lines))
    (tmp_path / "claims.rows").write_bytes(claim_rows)
    mapped = MappedClaimTable(tmp_path / "claims.jsonl", tmp_path / "claims.rows", tmp_path)
    assert mapped.claim_at(rows[1][0]) == rows[1][1]
    with pytest.raises(CorruptIndexError, match="claims line 3"):
        mapped.claim_at(rows[2][0])


def test_encode_claims_needs_ascending_int_ids() -> None:
    rows = _claims(3)
    with pytest.raises(ValueError, match="ascending"):
        encode_claims([rows[1], rows[0]])
