"""Loading of the curated data files shipped in ``claimmatch/stance/data``."""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["read_tsv"]


@cache
def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Return the rows of a shipped tab-separated data file, without comments and blank lines.

    Args:
        name: The file name inside ``claimmatch/stance/data``, e.g. ``"antonyms.tsv"``.

    Returns:
        One tuple of stripped fields per row. Lines starting with ``#`` are comments.
    """
    text = resources.files("claimmatch.stance").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    rows: list[tuple[str, ...]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(field.strip() for field in line.split("\t")))
    return tuple(rows)
