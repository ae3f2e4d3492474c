"""Validation of the texts that enter claimmatch (claims and queries)."""

from __future__ import annotations

from typing import Any

from claimmatch.errors import EmptyTextError, InvalidTypeError, TextTooLongError

__all__ = ["MAX_TEXT_CHARS", "validate_text"]

#: Longest accepted claim or query, in characters. A claim is a sentence or a short
#: paragraph; anything longer is an article and should be split into sentences first.
MAX_TEXT_CHARS = 2000


def validate_text(value: Any, *, what: str = "text", max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return ``value`` stripped of surrounding whitespace, or raise a specific error.

    Args:
        value: The candidate text.
        what: How to name the value in error messages (e.g. ``"query"``).
        max_chars: The length limit, in characters.

    Raises:
        InvalidTypeError: ``value`` is not a ``str``.
        EmptyTextError: ``value`` is empty or whitespace only.
        TextTooLongError: ``value`` is longer than ``max_chars`` characters.
    """
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{what} must be a str, got {type(value).__name__}: {value!r:.80}; "
            "decode bytes or convert the value with str() first"
        )
    stripped = value.strip()
    if not stripped:
        raise EmptyTextError(f"{what} is empty or only whitespace; pass a sentence to match")
    if len(stripped) > max_chars:
        raise TextTooLongError(
            f"{what} has {len(stripped)} characters, more than the limit of {max_chars}; "
            "split long documents into sentences or claims before matching"
        )
    return stripped
