"""Where an index keeps its verified claims: in memory, or decoded on demand from a mapped file.

:class:`ClaimTable` holds every claim as a pydantic object, keyed by its string id and by
the int64 id of its vector (about 1.4 KB per claim). :class:`MappedClaimTable` is what
``ClaimIndex.load(path, mmap=True)`` uses instead: the saved claims file stays on disk,
memory-mapped, and a small *row file* written beside it at every save
(``claimrows-<gen>.rows``) locates each claim without reading the rest. RAM then holds
32 bytes a claim (the row file's arrays) plus a bounded cache of decoded claims, so a
10M-claim collection needs ~0.3 GB for its claims instead of ~14 GB.

Row file layout (little-endian; every array starts at a multiple of 8 bytes)::

    b"claimmatch-rows\\n" | uint64 header length | JSON header {"format": 1, "count": n} (space padded)
    int_ids   int64[n]      ascending: the int64 id of line r of the claims file
    offsets   int64[n + 1]  byte offset of line r; offsets[n] is the claims file's size
    hashes    uint64[n]     ascending: the first 8 bytes of blake2b(utf-8 id), little-endian
    hash_rows int64[n]      the line holding the claim of hashes[i]

Both layouts iterate claims in ascending int64 id, which is the order they were added in
(a replaced claim keeps its slot), so ``index.claims`` is the same either way.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from claimmatch.errors import CorruptIndexError, IndexStateError
from claimmatch.filters import FilterColumns
from claimmatch.models import Verdict, VerifiedClaim
from claimmatch.paging import map_for_random_reads

__all__ = ["ClaimTable", "MappedClaimTable", "claim_id_hash", "encode_claims"]

_MAGIC = b"claimmatch-rows\n"
_ROWS_FORMAT = 1
#: Decoded claims a mapped table keeps (each ~1.4 KB as a pydantic object).
_CACHE_SIZE = 20_000


def claim_id_hash(claim_id: str) -> int:
    """A stable 64-bit hash of a claim id (the row file's lookup key)."""
    return int.from_bytes(hashlib.blake2b(claim_id.encode("utf-8"), digest_size=8).digest(), "little")


def _claim_line(int_id: int, claim: VerifiedClaim) -> bytes:
    record = {"int_id": int_id, "claim": claim.model_dump(mode="json")}
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def encode_claims(rows: Sequence[tuple[int, VerifiedClaim]]) -> tuple[bytes, bytes]:
    """The claims file (JSON lines, ascending int64 id) and its row file, for ``rows`` given in that order."""
    lines = [_claim_line(int_id, claim) for int_id, claim in rows]
    int_ids = np.fromiter((int_id for int_id, _ in rows), dtype="<i8", count=len(rows))
    if len(int_ids) > 1 and (np.diff(int_ids) <= 0).any():
        raise ValueError("encode_claims needs rows in strictly ascending int64 id")
    offsets = np.zeros(len(lines) + 1, dtype="<i8")
    np.cumsum(np.fromiter((len(line) for line in lines), dtype=np.int64, count=len(lines)), out=offsets[1:])
    hashes = np.fromiter((claim_id_hash(claim.id) for _, claim in rows), dtype="<u8", count=len(rows))
    hash_rows = np.argsort(hashes, kind="stable").astype("<i8")
    head = json.dumps({"format": _ROWS_FORMAT, "count": len(rows)}, sort_keys=True).encode("utf-8")
    head += b" " * (-(len(_MAGIC) + 8 + len(head)) % 8)
    arrays = [int_ids, offsets, hashes[hash_rows], hash_rows]
    row_file = b"".join([_MAGIC, struct.pack("<Q", len(head)), head, *(array.tobytes() for array in arrays)])
    return b"".join(lines), row_file


class ClaimTable:
    """Claims in memory, by string id and by int64 id (what a built or normally loaded index uses)."""

    is_mapped = False

    def __init__(self) -> None:
        self._claims: dict[str, VerifiedClaim] = {}
        self._int_ids: dict[str, int] = {}
        self._str_ids: dict[int, str] = {}

    @classmethod
    def from_jsonl(cls, data: bytes, where: Path) -> ClaimTable:
        """Read a saved claims file.

        Raises:
            CorruptIndexError: a line is invalid or repeats an id.
        """
        table = cls()
        for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                int_id = int(record["int_id"])
                claim = VerifiedClaim.model_validate(record["claim"])
            except Exception as exc:
                raise CorruptIndexError(f"{where}: claims line {number} is invalid ({exc}); rebuild the index") from exc
            if claim.id in table._claims or int_id in table._str_ids:
                raise CorruptIndexError(f"{where}: claims line {number} repeats id {claim.id!r}; rebuild the index")
            table.put(claim, int_id)
        return table

    def __len__(self) -> int:
        return len(self._claims)

    def __contains__(self, claim_id: object) -> bool:
        return isinstance(claim_id, str) and claim_id in self._claims

    def __iter__(self) -> Iterator[VerifiedClaim]:
        """The claims in ascending int64 id (the order they were first added)."""
        return iter(list(self._claims.values()))

    def get(self, claim_id: str) -> VerifiedClaim | None:
        """The claim with ``claim_id``, or ``None``."""
        return self._claims.get(claim_id)

    def int_id(self, claim_id: str) -> int | None:
        """The int64 id of ``claim_id``, or ``None``."""
        return self._int_ids.get(claim_id)

    def claim_at(self, int_id: int) -> VerifiedClaim:
        """The claim stored under ``int_id`` (``KeyError`` if none)."""
        return self._claims[self._str_ids[int_id]]

    def items(self) -> Iterator[tuple[int, VerifiedClaim]]:
        """``(int64 id, claim)`` pairs in ascending int64 id."""
        for claim_id, claim in list(self._claims.items()):
            yield self._int_ids[claim_id], claim

    def filter_columns(self) -> FilterColumns:
        """The claims' filter metadata as columns (see :class:`~claimmatch.filters.FilterColumns`)."""
        return FilterColumns.from_claims(self.items())

    def int_ids(self) -> npt.NDArray[np.int64]:
        """Every int64 id, ascending."""
        ids = np.fromiter(self._str_ids, dtype=np.int64, count=len(self._str_ids))
        ids.sort()
        return ids

    def put(self, claim: VerifiedClaim, int_id: int) -> None:
        """Store ``claim`` under ``int_id`` (replacing a claim with the same id, which keeps its slot)."""
        self._claims[claim.id] = claim
        self._int_ids[claim.id] = int_id
        self._str_ids[int_id] = claim.id

    def delete(self, claim_id: str) -> None:
        """Remove ``claim_id`` (``KeyError`` if absent)."""
        claim = self._claims.pop(claim_id)
        del self._str_ids[self._int_ids.pop(claim.id)]

    def encode(self) -> tuple[bytes, bytes]:
        """The claims file and its row file (see :func:`encode_claims`)."""
        order = sorted(self._str_ids)
        return encode_claims([(i, self._claims[self._str_ids[i]]) for i in order])


class MappedClaimTable:
    """Read-only claims decoded on demand from a memory-mapped claims file and its row file.

    Lookups cost a binary search in the row file's arrays and one JSON decode (cached).
    Call :meth:`materialize` for a writable :class:`ClaimTable` (``ClaimIndex`` does so on
    its first update).
    """

    is_mapped = True

    def __init__(self, claims_path: Path, rows_path: Path, where: Path) -> None:
        self.where = where
        self.claims_path = claims_path
        self._claims_map = _map(claims_path)
        rows_map = _map(rows_path)
        self._rows_map = rows_map
        try:
            view = memoryview(rows_map)
            if bytes(view[: len(_MAGIC)]) != _MAGIC:
                raise ValueError("it does not start with the row-file magic line")
            (head_len,) = struct.unpack_from("<Q", rows_map, len(_MAGIC))
            at = len(_MAGIC) + 8
            header = json.loads(bytes(view[at : at + head_len]))
            at += head_len
            if header.get("format") != _ROWS_FORMAT:
                raise ValueError(f"row file format {header.get('format')!r} is not {_ROWS_FORMAT}")
            n = int(header["count"])
            if len(rows_map) != at + 8 * (4 * n + 1):
                raise ValueError(f"{len(rows_map)} bytes where the header implies {at + 8 * (4 * n + 1)}")
            self._int_ids = np.frombuffer(rows_map, dtype="<i8", count=n, offset=at)
            self._offsets = np.frombuffer(rows_map, dtype="<i8", count=n + 1, offset=at + 8 * n)
            self._hashes = np.frombuffer(rows_map, dtype="<u8", count=n, offset=at + 8 * (2 * n + 1))
            self._hash_rows = np.frombuffer(rows_map, dtype="<i8", count=n, offset=at + 8 * (3 * n + 1))
            if n and (int(self._offsets[0]) != 0 or int(self._offsets[-1]) != len(self._claims_map)):
                raise ValueError("the line offsets do not span the claims file")
            if (np.diff(self._offsets) <= 0).any() or (n > 1 and (np.diff(self._int_ids) <= 0).any()):
                raise ValueError("line offsets or int64 ids are not ascending")
            if n and ((np.diff(self._hashes) < 0).any() or self._hash_rows.min() < 0 or self._hash_rows.max() >= n):
                raise ValueError("the id hashes are not sorted or point outside the file")
        except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError) as exc:
            raise CorruptIndexError(f"the claim row file in {where} is invalid ({exc}); rebuild the index") from exc
        self._cache: OrderedDict[int, VerifiedClaim] = OrderedDict()

    def __len__(self) -> int:
        return len(self._int_ids)

    def __contains__(self, claim_id: object) -> bool:
        return isinstance(claim_id, str) and self._row_of(claim_id) is not None

    def __iter__(self) -> Iterator[VerifiedClaim]:
        return (self._decode(row) for row in range(len(self)))

    def _decode(self, row: int) -> VerifiedClaim:
        cached = self._cache.get(row)
        if cached is not None:
            self._cache.move_to_end(row)
            return cached
        line = self._claims_map[int(self._offsets[row]) : int(self._offsets[row + 1])]
        try:
            record = json.loads(line)
            if int(record["int_id"]) != int(self._int_ids[row]):
                raise ValueError(f"int_id {record['int_id']} where the row file says {int(self._int_ids[row])}")
            claim = VerifiedClaim.model_validate(record["claim"])
        except Exception as exc:
            raise CorruptIndexError(
                f"{self.where}: claims line {row + 1} is invalid ({exc}); rebuild the index"
            ) from exc
        self._cache[row] = claim
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return claim

    def filter_columns(self) -> FilterColumns:
        """The claims' filter metadata as columns, read from the claims file without building claims.

        One JSON decode per line (no pydantic validation, no cache): the lines hold
        ``VerifiedClaim.model_dump(mode="json")``, so the fields are already valid.
        """
        offsets = self._offsets.tolist()
        int_ids = self._int_ids.tolist()

        def rows() -> Iterator[tuple[int, str, str | None, str | None, Verdict, date | None]]:
            for row, int_id in enumerate(int_ids):
                try:
                    claim = json.loads(self._claims_map[offsets[row] : offsets[row + 1]])["claim"]
                    reviewed = claim.get("review_date")
                    yield (
                        int_id,
                        claim["language"],
                        claim.get("publisher"),
                        claim.get("review_url"),
                        Verdict(claim["verdict"]),
                        date.fromisoformat(reviewed) if reviewed else None,
                    )
                except (ValueError, KeyError, TypeError) as exc:
                    raise CorruptIndexError(
                        f"{self.where}: claims line {row + 1} is invalid ({exc}); rebuild the index"
                    ) from exc

        return FilterColumns(rows())

    def _row_of(self, claim_id: str) -> int | None:
        key = np.uint64(claim_id_hash(claim_id))
        at = int(np.searchsorted(self._hashes, key, side="left"))
        while at < len(self._hashes) and self._hashes[at] == key:
            row = int(self._hash_rows[at])
            if self._decode(row).id == claim_id:
                return row
            at += 1
        return None

    def get(self, claim_id: str) -> VerifiedClaim | None:
        """The claim with ``claim_id``, or ``None``."""
        row = self._row_of(claim_id)
        return None if row is None else self._decode(row)

    def int_id(self, claim_id: str) -> int | None:
        """The int64 id of ``claim_id``, or ``None``."""
        row = self._row_of(claim_id)
        return None if row is None else int(self._int_ids[row])

    def claim_at(self, int_id: int) -> VerifiedClaim:
        """The claim stored under ``int_id`` (``KeyError`` if none)."""
        row = int(np.searchsorted(self._int_ids, int_id))
        if row >= len(self._int_ids) or int(self._int_ids[row]) != int_id:
            raise KeyError(int_id)
        return self._decode(row)

    def items(self) -> Iterator[tuple[int, VerifiedClaim]]:
        """``(int64 id, claim)`` pairs in ascending int64 id."""
        return ((int(self._int_ids[row]), self._decode(row)) for row in range(len(self)))

    def int_ids(self) -> npt.NDArray[np.int64]:
        """Every int64 id, ascending (a read-only view of the row file)."""
        return self._int_ids

    def put(self, claim: VerifiedClaim, int_id: int) -> None:
        raise IndexStateError("a memory-mapped claim table is read-only; call materialize() first")

    def delete(self, claim_id: str) -> None:
        raise IndexStateError("a memory-mapped claim table is read-only; call materialize() first")

    def materialize(self) -> ClaimTable:
        """Every claim decoded into a writable in-memory :class:`ClaimTable`.

        Raises:
            CorruptIndexError: a line is invalid or repeats an id.
        """
        table = ClaimTable()
        for int_id, claim in self.items():
            if claim.id in table:
                raise CorruptIndexError(f"{self.where}: the claims file repeats id {claim.id!r}; rebuild the index")
            table.put(claim, int_id)
        return table

    def encode(self) -> tuple[bytes, bytes]:
        """The mapped files' bytes, unchanged (a mapped table is never modified)."""
        return bytes(self._claims_map), bytes(self._rows_map)


def _map(path: Path) -> Any:
    """A read-only map of ``path`` (an empty file gives ``b""``: ``mmap`` cannot map zero bytes)."""
    if not path.stat().st_size:
        return b""
    return map_for_random_reads(path)  # claims are decoded, and ids looked up, one at a time
