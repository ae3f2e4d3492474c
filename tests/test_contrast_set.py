"""Schema and label-consistency checks for the hand-written stance contrast set.

The files are ``tests/data/stance_contrast.jsonl`` and its dev-only extension
``tests/data/stance_contrast_dev_extra.jsonl`` (see ``tests/data/README.md``). These tests check the
data only; they never run the stance engine, so they stay fast and do not depend on its rules.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "stance_contrast.jsonl"
EXTRA = Path(__file__).parent / "data" / "stance_contrast_dev_extra.jsonl"

FIELDS = {
    "id",
    "new_claim",
    "verified_claim",
    "verdict",
    "expected_stance",
    "family",
    "direction",
    "split",
    "note",
}
VERDICTS = {"true", "mostly_true", "mixed", "mostly_false", "false", "unproven"}
STANCES = {"supports", "contradicts", "related"}
FAMILIES = {"quantities", "negation", "polarity", "qualifiers", "entities", "comparatives", "paraphrase"}
DIRECTIONS = {"conflict", "harmless"}
SPLITS = {"dev", "test"}
HARMLESS_ONLY = {"paraphrase"}
NEGATING_FAMILIES = {"negation", "polarity"}
MIN_ROWS = 240
MIN_CONFLICT, MIN_HARMLESS = 15, 12

# The stance table: relation of the new claim to the fact-checked claim x the fact-check's verdict.
# mostly_true counts as true and mostly_false as false; mixed and unproven give "related" everywhere.
_VERDICT_CLASS = {"true": "true", "mostly_true": "true", "false": "false", "mostly_false": "false"}
TABLE = {
    "same": {"true": "supports", "false": "contradicts"},
    "conflicting_detail": {"true": "contradicts", "false": "related"},
    "negates": {"true": "contradicts", "false": "supports"},
}


def expected_stance(family: str, direction: str, verdict: str) -> str:
    """What the table says for a row, independent of any implementation."""
    if direction == "harmless":
        relation = "same"
    elif family in NEGATING_FAMILIES:
        relation = "negates"
    else:
        relation = "conflicting_detail"
    return TABLE[relation].get(_VERDICT_CLASS.get(verdict, "other"), "related")


def _load(path: Path = DATA) -> list[dict[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - only on a broken file
                pytest.fail(f"line {number} is not valid JSON: {exc}")
    return rows


ROWS = _load()
EXTRA_ROWS = _load(EXTRA)
ALL_ROWS = ROWS + EXTRA_ROWS


def test_enough_rows() -> None:
    assert len(ROWS) >= MIN_ROWS


def test_the_extension_is_dev_only_and_covers_every_family() -> None:
    assert len(EXTRA_ROWS) >= 200 and {row["split"] for row in EXTRA_ROWS} == {"dev"}
    cells = Counter((row["family"], row["direction"]) for row in EXTRA_ROWS)
    for family in FAMILIES:
        assert cells[(family, "harmless")] >= MIN_HARMLESS, family
        if family not in HARMLESS_ONLY:
            assert cells[(family, "conflict")] >= MIN_CONFLICT, family


def test_fields_and_types() -> None:
    for row in ALL_ROWS:
        assert set(row) == FIELDS, row.get("id")
        for key in FIELDS:
            assert isinstance(row[key], str), (row["id"], key)
            assert row[key] == row[key].strip(), (row["id"], key)
        assert row["new_claim"] and row["verified_claim"] and row["note"], row["id"]
        assert row["new_claim"] != row["verified_claim"], row["id"]


def test_unique_ids_and_pairs() -> None:
    ids = Counter(row["id"] for row in ALL_ROWS)
    assert not [i for i, n in ids.items() if n > 1]
    pairs = Counter((row["new_claim"], row["verified_claim"]) for row in ALL_ROWS)
    assert not [p for p, n in pairs.items() if n > 1]


def test_labels_are_valid() -> None:
    for row in ALL_ROWS:
        assert row["verdict"] in VERDICTS, row["id"]
        assert row["expected_stance"] in STANCES, row["id"]
        assert row["family"] in FAMILIES, row["id"]
        assert row["direction"] in DIRECTIONS, row["id"]
        assert row["split"] in SPLITS, row["id"]


def test_every_family_covers_both_directions_in_both_splits() -> None:
    cells = Counter((row["family"], row["direction"], row["split"]) for row in ROWS)
    for family in FAMILIES:
        directions = {"harmless"} if family in HARMLESS_ONLY else DIRECTIONS
        for direction in directions:
            for split in SPLITS:
                assert cells[(family, direction, split)] > 0, (family, direction, split)
    for family in HARMLESS_ONLY:
        assert not any(f == family and d == "conflict" for f, d, _ in cells), family


def test_minimum_cases_per_family_and_direction() -> None:
    counts = Counter((row["family"], row["direction"]) for row in ROWS)
    for family in FAMILIES:
        assert counts[(family, "harmless")] >= MIN_HARMLESS, family
        if family not in HARMLESS_ONLY:
            assert counts[(family, "conflict")] >= MIN_CONFLICT, family


def test_splits_alternate_within_family_and_direction() -> None:
    groups: dict[tuple[str, str], list[str]] = {}
    for row in ROWS:
        groups.setdefault((row["family"], row["direction"]), []).append(row["split"])
    for key, splits in groups.items():
        assert all(a != b for a, b in itertools.pairwise(splits)), key


def test_verdict_mix() -> None:
    """Each family x direction has claims rated false-ish and true-ish, and the set has mixed/unproven."""
    for family in FAMILIES:
        for direction in DIRECTIONS:
            verdicts = {r["verdict"] for r in ROWS if r["family"] == family and r["direction"] == direction}
            if not verdicts:
                continue
            assert verdicts & {"false", "mostly_false"}, (family, direction)
            assert verdicts & {"true", "mostly_true"}, (family, direction)
            assert verdicts & {"mixed", "unproven"}, (family, direction)


def test_expected_stance_follows_the_table() -> None:
    wrong = [
        (row["id"], row["expected_stance"], expected_stance(row["family"], row["direction"], row["verdict"]))
        for row in ALL_ROWS
        if row["expected_stance"] != expected_stance(row["family"], row["direction"], row["verdict"])
    ]
    assert not wrong


@pytest.mark.parametrize(
    ("family", "direction", "verdict", "stance"),
    [
        ("paraphrase", "harmless", "true", "supports"),
        ("entities", "harmless", "mostly_false", "contradicts"),
        ("quantities", "harmless", "unproven", "related"),
        ("quantities", "conflict", "true", "contradicts"),
        ("entities", "conflict", "false", "related"),
        ("comparatives", "conflict", "mixed", "related"),
        ("negation", "conflict", "mostly_true", "contradicts"),
        ("polarity", "conflict", "false", "supports"),
        ("negation", "conflict", "unproven", "related"),
    ],
)
def test_table_itself(family: str, direction: str, verdict: str, stance: str) -> None:
    assert expected_stance(family, direction, verdict) == stance


def test_seed_article_cases_present() -> None:
    seed = [row for row in ROWS if row["note"].startswith("seed article")]
    assert len(seed) >= 10
    text = " ".join(row["new_claim"] + " " + row["verified_claim"] for row in seed)
    needles = ("34", "30", "only after", "before", "Paris", "Berlin", "Macron", "Starmer", "Merz", "Meloni")
    for needle in (*needles, "Vladivostok", "legitimate targets"):
        assert needle in text, needle
