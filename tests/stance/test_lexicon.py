from __future__ import annotations

from claimmatch.stance.lexicon import COMPLEMENTARY, CONTRARY, antonym_type, in_lexicon
from claimmatch.stance.resources import read_tsv


def test_scale_rows_pair_every_word_across_their_poles() -> None:
    # {increase|rise|grow|expand|...} against {decrease|fall|decline|...}: pairs no row spells out
    assert antonym_type("expanded", "declined") == CONTRARY
    assert antonym_type("went down", "climbed") == CONTRARY
    assert antonym_type("lengthened", "shorter") == CONTRARY
    assert antonym_type("lowered", "higher") == CONTRARY
    assert antonym_type("passed", "repeal") == CONTRARY
    assert antonym_type("outlawed", "legal") == CONTRARY
    assert antonym_type("damages", "protect") == CONTRARY
    assert antonym_type("hire", "cut") == CONTRARY
    assert antonym_type("restored", "severed") == CONTRARY
    assert antonym_type("warmed", "cooled") == CONTRARY
    # two words of one pole are not antonyms
    assert antonym_type("expanded", "climbed") is None
    assert antonym_type("declined", "fell") is None
    assert in_lexicon("balloon")


def test_a_row_of_its_own_wins_over_a_scale() -> None:
    # "legal" sits in the permitting pole (contrary to "ban"), but legal / illegal is its own row
    assert antonym_type("legal", "illegal") == COMPLEMENTARY
    assert antonym_type("legal", "banned") == CONTRARY


def test_scale_rows_are_well_formed() -> None:
    scales = [row for row in read_tsv("antonyms.tsv") if row[0].startswith("{")]
    assert scales
    for row in scales:
        assert row[0].endswith("}") and row[1].startswith("{") and row[1].endswith("}")
        first, second = set(row[0][1:-1].split("|")), set(row[1][1:-1].split("|"))
        assert not first & second and all(w and w == w.lower() for w in first | second)
