"""Rules added for issue 4, each tested both ways (it fires / a harmless variant does not)."""

from __future__ import annotations

from pathlib import Path

from claimmatch.models import Stance, VerifiedClaim
from claimmatch.stance import StanceEngine, calibration
from claimmatch.stance.comparatives import compare_comparatives
from claimmatch.stance.entities import compare_entities
from claimmatch.stance.negation import compare_negation
from claimmatch.stance.polarity import compare_polarity
from claimmatch.stance.qualifiers import compare_qualifiers
from claimmatch.stance.quantities import compare_quantities, extract_quantities


def claim(text: str, verdict: str = "true") -> VerifiedClaim:
    return VerifiedClaim(id="c", text=text, verdict=verdict)


# negation
def test_negation_reaches_past_a_light_verb() -> None:
    found = compare_negation(
        "Putin said troops would not be treated as legitimate targets",
        "Putin said troops would be legitimate targets",
    )
    assert found and found[0].reason.startswith("negation differs")
    # but not past a verb with its own object
    assert compare_negation("The Senate did not sign the bill", "The Senate passed the bill") == []


def test_negation_matches_synonyms_and_derivations() -> None:
    assert compare_negation("Moscow does not oppose the plan", "Moscow rejects the plan")
    assert compare_negation("The minister said the border would not be closed", "The border would be closed")
    assert (
        compare_negation(
            "The minister said the border would not be closed", "The minister denied that the border would be closed"
        )
        == []
    )


def test_no_x_is_more_than_y_is_a_superlative_not_a_negation() -> None:
    assert compare_negation("No mountain is higher than Everest", "Everest is the highest mountain") == []
    assert compare_negation("No mountain was climbed", "The mountain was climbed")


# polarity
def test_antonyms_with_the_same_object_fill_one_slot() -> None:
    found = compare_polarity(
        "Russia welcomed the idea of Ukraine joining NATO",
        "Moscow continues to reject any prospect of Ukraine joining NATO",
    )
    assert [f.reason for f in found] == ["polarity differs: 'welcomed' vs 'reject'"]
    assert compare_polarity("Russia welcomed the idea of a ceasefire", "Moscow rejected new sanctions on oil") == []


def test_new_lexicon_pairs() -> None:
    assert compare_polarity("The bank lowered interest rates", "The bank raised interest rates")
    assert compare_polarity("Italy joined the initiative", "Italy withdrew from the initiative")
    assert compare_polarity("The bank raised interest rates", "The bank increased interest rates") == []


def test_polarity_swap_against_a_false_claim_supports() -> None:
    engine = StanceEngine(nli=None)
    result = engine.assess("Arctic sea ice has decreased", claim("Arctic sea ice has increased", "false"), 0.85)
    assert result.stance is Stance.SUPPORTS


# qualifiers
def test_wider_anchor_finds_the_same_event() -> None:
    assert compare_qualifiers(
        "Ukraine could join NATO during the war", "NATO membership for Ukraine would come only after the war ends"
    )
    assert compare_qualifiers("Troops will stay until the election", "Troops will leave after the election") == []


def test_condition_differs() -> None:
    found = compare_qualifiers(
        "The EU will lift sanctions on Russia only after Russian troops withdraw",
        "The EU will lift sanctions on Russia once a ceasefire is signed",
    )
    assert found and found[0].reason.startswith("condition differs")
    assert (
        compare_qualifiers(
            "The EU will lift sanctions on Russia only after the war ends",
            "The EU will lift sanctions on Russia once the fighting ends",
        )
        == []
    )


def test_while_still_pending_means_before() -> None:
    assert (
        compare_qualifiers(
            "Asylum seekers get payments while their claims are still being decided",
            "Asylum seekers get payments before their claims are decided",
        )
        == []
    )
    assert compare_qualifiers("Payments are made during the war", "Payments are made before the war")


# comparatives
def test_ordinal_before_most() -> None:
    found = compare_comparatives(
        "India is the world's second most populous country", "India is the world's most populous country"
    )
    assert [f.reason for f in found] == ["superlative differs: second most populous vs most populous"]
    assert (
        compare_comparatives(
            "India is one of the world's most populous countries", "India is the world's most populous country"
        )
        == []
    )


def test_swapped_arguments_with_a_shared_tail() -> None:
    assert compare_comparatives(
        "Young adults are more likely than older adults to be hospitalised",
        "Older adults are more likely than young adults to be hospitalised",
    )
    assert (
        compare_comparatives(
            "Young adults are less likely than older adults to be hospitalised",
            "Older adults are more likely than young adults to be hospitalised",
        )
        == []
    )


# entities
def test_sentence_initial_article_is_not_a_name() -> None:
    assert compare_entities("The World Bank approved the loan", "The IMF approved the loan")
    assert compare_entities("The United States produces most cobalt", "China produces most cobalt")
    assert compare_entities("The US approved the loan", "The United States approved the loan") == []


# quantities
def test_hyphenated_number_and_unit() -> None:
    (q,) = extract_quantities("Goldfish have a three-second memory")
    assert q.dimension == "duration" and q.lo == q.hi == 3.0
    assert compare_quantities("Goldfish remember things for 10 seconds", "Goldfish have a three-second memory")
    assert compare_quantities("Goldfish remember things for 3 seconds", "Goldfish have a three-second memory") == []
    assert compare_quantities("She ran a five-mile race", "She ran an 8 km race") == []


# calibration
def test_calibration_is_monotone_and_bounded() -> None:
    fitted = calibration.fit_isotonic([(x / 100, float(x > 50)) for x in range(100)])
    values = [v for _, v, _ in fitted]
    assert values == sorted(values) and all(0 < v < 1 for v in values)
    for stance in ("supports", "contradicts", "related"):
        for name in (calibration.TABLE_NAME, calibration.MODEL_TABLE_NAME):
            out = [calibration.calibrate(stance, r / 20, name) for r in range(21)]
            assert out == sorted(out) and all(0.05 <= v <= 0.97 for v in out)
    assert calibration.table(calibration.MODEL_TABLE_NAME) != calibration.table()  # two fits, two tables


def test_calibration_can_be_switched_off() -> None:
    raw = StanceEngine(nli=None, calibrated=False).assess(
        "Vaccines cause autism", claim("Vaccines cause autism"), 0.9
    )
    cal = StanceEngine(nli=None).assess("Vaccines cause autism", claim("Vaccines cause autism"), 0.9)
    assert raw.stance is cal.stance and 0 < raw.confidence <= 1 and 0 < cal.confidence <= 1


def test_write_table_round_trips_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "table.tsv"
    calibration.write_table([("supports", 0.8, 0.75, 10.0)], path, header=("a test table",))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# a test table" and lines[-1] == "supports\t0.8000\t0.7500\t10.0"


def test_smoothed_calibration_blocks_stay_in_order() -> None:
    # a large block with one miss, then small all-correct blocks: Laplace smoothing alone would rank
    # the small blocks lower; the fit pools them so the map stays non-decreasing
    points = [(0.70, 1.0)] * 40 + [(0.70, 0.0)] + [(0.90, 1.0)] * 12
    values = [v for _, v, _ in calibration.fit_isotonic(points)]
    assert values == sorted(values) and len(values) >= 1
