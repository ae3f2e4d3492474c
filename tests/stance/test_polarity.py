from __future__ import annotations

import pytest

from claimmatch.stance.base import Family, Relation
from claimmatch.stance.lexicon import COMPLEMENTARY, CONTRARY, antonym_type, is_polar
from claimmatch.stance.polarity import compare_polarity
from claimmatch.stance.resources import read_tsv


def findings(new: str, old: str) -> list[tuple[Relation, str]]:
    return [(f.relation, f.reason) for f in compare_polarity(new, old)]


@pytest.mark.parametrize(
    ("new", "old", "relation", "reason"),
    [
        (
            "Prices rose in 2023",
            "Prices fell in 2023",
            Relation.NEGATION,
            "polarity differs: 'rose' vs 'fell'",
        ),
        (
            "Unemployment increased",
            "Unemployment decreased",
            Relation.NEGATION,
            "polarity differs: 'increased' vs 'decreased'",
        ),
        (
            "The Senate approved the bill",
            "The Senate rejected the bill",
            Relation.NEGATION,
            "polarity differs: 'approved' vs 'rejected'",
        ),
        (
            "Biden won the election",
            "Biden lost the election",
            Relation.NEGATION,
            "polarity differs: 'won' vs 'lost'",
        ),
        (
            "France will allow the drug",
            "France will ban the drug",
            Relation.NEGATION,
            "polarity differs: 'will allow' vs 'will ban'",
        ),
        ("Sweden joined NATO", "Sweden left NATO", Relation.NEGATION, "polarity differs: 'joined' vs 'left'"),
        (
            "Germany welcomed the plan",
            "Germany opposed the plan",
            Relation.NEGATION,
            "polarity differs: 'welcomed' vs 'opposed'",
        ),
        (
            "Rising prices hurt families",
            "Falling prices hurt families",
            Relation.NEGATION,
            "polarity differs: 'rising' vs 'falling'",
        ),
        (
            "It is impossible",
            "It is possible",
            Relation.NEGATION,
            "polarity differs: 'is impossible' vs 'is possible'",
        ),
        (
            "The ban is unconstitutional",
            "The ban is constitutional",
            Relation.NEGATION,
            "polarity differs: 'is unconstitutional' vs 'is constitutional'",
        ),
        (
            "The strike was illegal",
            "The strike was legal",
            Relation.NEGATION,
            "polarity differs: 'was illegal' vs 'was legal'",
        ),
        (
            "Prices did not rise",
            "Prices did not fall",
            Relation.NEGATION,
            "polarity differs: 'did not rise' vs 'did not fall'",
        ),
    ],
)
def test_antonym_swap(new: str, old: str, relation: Relation, reason: str) -> None:
    assert findings(new, old) == [(relation, reason)]
    assert compare_polarity(new, old)[0].family is Family.POLARITY


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The Senate did not approve the bill", "The Senate rejected the bill"),
        ("Prices did not rise", "Prices fell"),
        ("Biden won the election", "Trump lost the election"),  # converse with another subject
        ("Prices rose and wages fell", "Prices fell and wages rose"),  # both words on both sides
        ("Prices rose in 2023", "Prices went up in 2023"),
        ("The vaccine is safe", "The vaccine is safe and effective"),
    ],
)
def test_no_polarity_conflict(new: str, old: str) -> None:
    assert findings(new, old) == []


def test_lexicon_covers_inflections() -> None:
    assert antonym_type("rose", "fell") == CONTRARY
    assert antonym_type("rising", "falls") == CONTRARY
    assert antonym_type("won", "losing") == CONTRARY
    assert antonym_type("approves", "rejected") == CONTRARY
    assert antonym_type("bans", "allowed") == CONTRARY
    assert antonym_type("joined", "leaves") == CONTRARY
    assert antonym_type("possible", "impossible") == COMPLEMENTARY
    assert antonym_type("disagree", "agree") == COMPLEMENTARY
    assert antonym_type("rose", "rose") is None
    assert antonym_type("press", "impress") is None
    assert is_polar("ris")


def test_lexicon_file_is_well_formed() -> None:
    rows = read_tsv("antonyms.tsv")
    assert len(rows) > 100
    for row in rows:
        assert len(row) == 3 and row[2] in (COMPLEMENTARY, CONTRARY) and row[0] != row[1]
        assert row[0] == row[0].lower() and row[1] == row[1].lower()
