from __future__ import annotations

import pytest

from claimmatch.errors import ClaimMatchError, EmptyTextError, InvalidTypeError, TextTooLongError
from claimmatch.text import MAX_TEXT_CHARS, validate_text


def test_strips_and_returns_text() -> None:
    assert validate_text("  Paris is the capital of France. \n") == "Paris is the capital of France."


@pytest.mark.parametrize("value", ["", "   ", "\n\t "])
def test_empty_text_is_rejected(value: str) -> None:
    with pytest.raises(EmptyTextError, match="empty"):
        validate_text(value)


def test_limit_is_inclusive_and_message_is_actionable() -> None:
    assert len(validate_text("a" * MAX_TEXT_CHARS)) == MAX_TEXT_CHARS
    with pytest.raises(TextTooLongError, match=r"split long documents") as info:
        validate_text("a" * (MAX_TEXT_CHARS + 1), what="query")
    assert str(MAX_TEXT_CHARS + 1) in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, ClaimMatchError)


@pytest.mark.parametrize("value", [b"bytes", 42, None, ["a list"]])
def test_wrong_types_are_rejected(value: object) -> None:
    with pytest.raises(InvalidTypeError, match="must be a str"):
        validate_text(value)
