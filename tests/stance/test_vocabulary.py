from __future__ import annotations

import pytest

from claimmatch.stance.vocabulary import is_common_word


@pytest.mark.parametrize("word", ["officials", "the", "warned", "reopened", "studies", "banning", "well-known"])
def test_common_words_and_their_inflections(word: str) -> None:
    assert is_common_word(word)


@pytest.mark.parametrize("word", ["rosatom", "pemex", "gazprom", "petrobras"])
def test_rare_words_are_not_common(word: str) -> None:
    assert not is_common_word(word)
