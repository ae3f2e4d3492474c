"""Access-pattern advice for memory-mapped index files.

A memory-mapped index (``ClaimIndex.load(path, mmap=True)``) reads its files at random: a
query re-scores a few hundred vector rows, decodes five claims, looks up a few ids. By
default the kernel answers a page fault on a mapped file by reading a whole window around
the page ("read-around", the device's read-ahead size: 128 KB on many machines, several MB
on some virtual disks), which under memory pressure turns each 4 KB row into megabytes of
I/O and evicts the pages other queries need. ``madvise(MADV_RANDOM)`` turns read-around off
for a mapping; ``MADV_WILLNEED`` asks for one known range (a BM25 posting list) in a single
read-ahead. Advice changes only how pages are read, never what a read returns, and where it
is unavailable (not Linux, or an old Python) every function here does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import mmap
import os
import sys
from functools import lru_cache
from typing import Any

__all__ = ["advise_random", "advise_random_mappings", "advise_will_need", "map_for_random_reads", "map_for_scans"]

_PAGE = mmap.PAGESIZE


def advise_random(buffer: Any) -> bool:
    """Advise that ``buffer`` (an ``mmap.mmap``) is read at random: no read-around on a fault.

    Returns:
        Whether the advice was given.
    """
    advice = getattr(mmap, "MADV_RANDOM", None)
    if advice is None or not isinstance(buffer, mmap.mmap):
        return False
    try:
        buffer.madvise(advice)
    except (OSError, ValueError):
        return False
    return True


def map_for_random_reads(path: str | os.PathLike[str]) -> mmap.mmap:
    """Map the file ``path`` read-only, advised for random reads (:func:`advise_random`).

    The one way claimmatch maps an index file (claims, claim rows, BM25, IVF-PQ vectors).

    Raises:
        OSError: the file cannot be opened.
        ValueError: the file is empty (``mmap`` cannot map zero bytes).
    """
    mapped = map_for_scans(path)
    advise_random(mapped)
    return mapped


def map_for_scans(path: str | os.PathLike[str]) -> mmap.mmap:
    """Map the file ``path`` read-only with the kernel's default read-ahead, for a file that is
    read from end to end (the filter columns: a filter scans whole columns).

    Raises:
        OSError: the file cannot be opened.
        ValueError: the file is empty.
    """
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def advise_will_need(buffer: Any, start: int, length: int) -> None:
    """Ask the kernel to read bytes ``[start, start + length)`` of ``buffer`` ahead, in one go.

    ``start`` need not be page-aligned (it is rounded down). Does nothing for a non-mmap
    buffer, an empty range, or where ``MADV_WILLNEED`` is unavailable.
    """
    advice = getattr(mmap, "MADV_WILLNEED", None)
    if advice is None or not isinstance(buffer, mmap.mmap) or length <= 0:
        return
    aligned = start - start % _PAGE
    try:
        buffer.madvise(advice, aligned, min(length + (start - aligned), len(buffer) - aligned))
    except (OSError, ValueError):
        return


@lru_cache(maxsize=1)
def _libc_madvise() -> Any:
    name = ctypes.util.find_library("c")
    if not sys.platform.startswith("linux") or name is None:
        return None
    try:
        function = ctypes.CDLL(name, use_errno=True).madvise
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    function.restype = ctypes.c_int
    return function


def advise_random_mappings(path: str | os.PathLike[str]) -> int:
    """Advise ``MADV_RANDOM`` for every mapping of the file ``path`` in this process.

    For maps that claimmatch does not own, such as the one FAISS makes for
    ``faiss.IO_FLAG_MMAP_IFC``: the mappings are found in ``/proc/self/maps`` (Linux).

    Returns:
        How many mappings were advised (0 where this is not possible).
    """
    advice = getattr(mmap, "MADV_RANDOM", None)
    madvise = _libc_madvise()
    if advice is None or madvise is None:
        return 0
    target = os.path.realpath(path)
    advised = 0
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            lines = maps.readlines()
    except OSError:
        return 0
    for line in lines:
        fields = line.rstrip("\n").split(maxsplit=5)
        if len(fields) < 6 or fields[5] != target:
            continue
        low, high = (int(bound, 16) for bound in fields[0].split("-"))
        if madvise(low, high - low, advice) == 0:
            advised += 1
    return advised
