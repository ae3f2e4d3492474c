from __future__ import annotations

import mmap
import os
import sys
from pathlib import Path

import numpy as np
import pytest

from claimmatch import ClaimIndex, ClaimMatcher, VerifiedClaim
from claimmatch.embedder import Embedder
from claimmatch.paging import advise_random, advise_random_mappings, advise_will_need, map_for_random_reads

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not hasattr(mmap, "MADV_RANDOM"), reason="madvise advice is Linux-only"
)


def _vm_flags(path: Path) -> list[set[str]]:
    """The kernel's VmFlags of every mapping of ``path`` in this process (``rr``: random-read advice)."""
    target = os.path.realpath(path)
    flags: list[set[str]] = []
    inside = False
    for line in Path("/proc/self/smaps").read_text(errors="replace").splitlines():
        fields = line.split(maxsplit=5)
        if "-" in fields[0] and len(fields) >= 5 and ":" not in fields[0]:
            inside = len(fields) == 6 and fields[5] == target
        elif inside and line.startswith("VmFlags:"):
            flags.append(set(line.split()[1:]))
    return flags


@pytest.fixture()
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.bin"
    path.write_bytes(bytes(range(256)) * 64)  # 16 KB: four pages
    return path


@linux_only
def test_advise_random_marks_the_mapping_for_random_reads(data_file: Path) -> None:
    with open(data_file, "rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    assert not any("rr" in flags for flags in _vm_flags(data_file))
    assert advise_random(mapped) is True
    assert _vm_flags(data_file) and all("rr" in flags for flags in _vm_flags(data_file))
    assert mapped[:256] == bytes(range(256))  # advice never changes what is read
    mapped.close()


@linux_only
def test_map_for_random_reads_maps_read_only_with_the_advice(data_file: Path, tmp_path: Path) -> None:
    mapped = map_for_random_reads(data_file)
    assert mapped[:256] == bytes(range(256)) and len(mapped) == 16_384
    assert _vm_flags(data_file) and all("rr" in flags for flags in _vm_flags(data_file))
    with pytest.raises(TypeError):
        mapped[0] = 1  # type: ignore[index]
    mapped.close()
    empty = tmp_path / "empty.bin"
    empty.write_bytes(b"")
    with pytest.raises(ValueError):
        map_for_random_reads(empty)


def test_advise_random_ignores_what_is_not_a_map() -> None:
    assert advise_random(b"bytes") is False
    assert advise_random(memoryview(b"bytes")) is False


@linux_only
def test_advise_will_need_accepts_unaligned_and_overlong_ranges(data_file: Path) -> None:
    with open(data_file, "rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    advise_will_need(mapped, 5000, 100)  # not page-aligned
    advise_will_need(mapped, 12_000, 10**9)  # past the end: clipped
    advise_will_need(mapped, 0, 0)  # empty: nothing
    advise_will_need(b"bytes", 0, 3)  # not a map: nothing
    assert mapped[5000:5004] == bytes(n % 256 for n in range(5000, 5004))
    mapped.close()


@linux_only
def test_advise_random_mappings_finds_maps_made_elsewhere(data_file: Path, tmp_path: Path) -> None:
    array = np.memmap(data_file, dtype=np.uint8, mode="r")  # a map this module did not make
    assert advise_random_mappings(data_file) == len(_vm_flags(data_file)) >= 1
    assert all("rr" in flags for flags in _vm_flags(data_file))
    assert int(array[300]) == 300 % 256
    other = tmp_path / "unmapped.bin"
    other.write_bytes(b"x" * 10)
    assert advise_random_mappings(other) == 0
    del array


@linux_only
@pytest.mark.parametrize("index_type", ["flat", "ivfpq"])
def test_a_mapped_index_advises_random_reads_on_its_files(
    small_claims: list[VerifiedClaim], embedder: Embedder, tmp_path: Path, index_type: str
) -> None:
    built = ClaimIndex.build(small_claims, embedder=embedder, index_type=index_type)
    path = built.save(tmp_path / "idx")
    loaded = ClaimIndex.load(path)
    mapped = ClaimIndex.load(path, mmap=True)
    data_files = [p for p in path.iterdir() if p.name != "manifest.json" and p.stat().st_size]
    mapped_files = [p for p in data_files if _vm_flags(p)]
    # claims, claim rows, BM25, vectors (and text vectors where claims have titles) are mapped
    assert {p.suffix for p in mapped_files} >= {".jsonl", ".rows", ".bm25", ".faiss", ".cols"}
    for file in mapped_files:
        # the filter columns are read end to end by a filter: they keep the kernel's read-ahead
        random_reads = file.suffix != ".cols"
        assert all(("rr" in flags) == random_reads for flags in _vm_flags(file)), file.name
    text = "Everest is 8,849 m high"
    assert ClaimMatcher(mapped).match(text) == ClaimMatcher(loaded).match(text)
