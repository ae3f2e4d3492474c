from __future__ import annotations

import pytest

from claimmatch.stance.base import Family, Relation
from claimmatch.stance.qualifiers import compare_qualifiers
from claimmatch.stance.quantities import compare_quantities, extract_quantities


def reasons(new: str, old: str) -> list[str]:
    return [f.reason for f in compare_quantities(new, old)]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The coalition includes leaders of 34 supporters of Ukraine",
            "The coalition includes leaders of 30 supporters of Ukraine",
            "numbers differ: 34 vs 30",
        ),
        (
            "Fewer than 20 people died in the attack",
            "34 people died in the attack",
            "numbers differ: fewer than 20 vs 34",
        ),
        (
            "Armstrong walked on the moon in July 1969",
            "Armstrong walked on the moon in 1972",
            "dates differ: July 1969 vs 1972",
        ),
        ("Unemployment is 3.9%", "Unemployment is 5 per cent", "numbers differ: 3.9% vs 5 per cent"),
        (
            "Between 100,000 and 200,000 people marched",
            "300,000 people marched",
            "numbers differ: between 100,000 and 200,000 vs 300,000",
        ),
        ("Dozens of people were injured", "500 people were injured", "numbers differ: dozens vs 500"),
        (
            "Mount Everest is 8,849 m tall",
            "Mount Everest is 8,611 metres tall",
            "numbers differ: 8,849 m vs 8,611 metres",
        ),
        ("Biden won the 2020 election", "Biden won the 2016 election", "dates differ: 2020 vs 2016"),
        ("Prices rose from 3% to 5%", "Prices rose from 3% to 4%", "numbers differ: 5% vs 4%"),
        ("A third of adults smoke", "Half of adults smoke", "numbers differ: a third vs half"),
        ("Spending doubled", "Spending tripled", "numbers differ: doubled vs tripled"),
    ],
)
def test_conflicting_quantities(new: str, old: str, expected: str) -> None:
    findings = compare_quantities(new, old)
    assert [f.reason for f in findings] == [expected]
    assert findings[0].family is Family.QUANTITIES and findings[0].relation is Relation.CONFLICT
    assert 0 < findings[0].weight <= 1


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The coalition includes thirty-four supporters", "The coalition includes 34 supporters"),
        ("A fifth of adults smoke", "20 percent of adults smoke"),
        ("One in five adults smoke", "20% of adults smoke"),
        ("Unemployment is 3.9%", "Unemployment is 3.9 per cent"),
        ("Unemployment is 3.9 percent", "Unemployment is 4%"),
        ("Mount Everest is 8,849 metres tall", "Mount Everest is 29,032 feet tall"),
        ("Mount Everest is 8849 m high", "Mount Everest is 8,849 metres tall"),
        ("More than 30 people died", "34 people died"),
        ("At least 34 people died", "34 people died"),
        ("Nearly 34 people died", "33 people died"),
        ("Up to 40 people died", "34 people died"),
        ("Between 100,000 and 200,000 people marched", "150,000 people marched"),
        ("Armstrong walked on the moon in July 1969", "Armstrong walked on the moon in 1969"),
        ("Armstrong walked on the moon on July 20, 1969", "Armstrong walked on the moon in the 1960s"),
        ("34 people died in 3 attacks", "34 people died"),
        ("A million people marched", "1,000,000 people marched"),
        ("1.2 million people marched", "1,234,000 people marched"),
        ("Dozens of people were injured", "30 people were injured"),
        ("It costs $5 million", "It costs 5 million dollars"),
        ("Temperatures hit 40°C", "Temperatures hit 104 degrees Fahrenheit"),
        ("The trip took two weeks", "The trip took 14 days"),
        ("COVID-19 spread in 2020", "COVID-19 spread in 2020"),
        ("The G7 met", "The G20 met"),
    ],
)
def test_harmless_variation_is_no_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_dropped_quantity_is_no_conflict() -> None:
    assert (
        reasons("The coalition includes leaders of 34 supporters", "The coalition includes leaders of supporters") == []
    )
    assert reasons("Supporters met", "34 supporters met") == []


def test_extraction_values() -> None:
    (q,) = extract_quantities("Mount Everest is 8,849 metres tall")
    assert q.dimension == "length" and q.lo == q.hi == 8849.0 and q.text == "8,849 metres"
    (p,) = extract_quantities("3.9 per cent of voters")
    assert p.dimension == "percent" and p.lo == pytest.approx(3.9)
    (b,) = extract_quantities("more than 50 people")
    assert b.lo == 50 and b.lo_open and b.hi == float("inf") and not b.exact
    (r,) = extract_quantities("between 100,000 and 200,000 people")
    assert (r.lo, r.hi) == (100_000, 200_000)
    (m,) = extract_quantities("between 1 and 2 million people")
    assert (m.lo, m.hi) == (1_000_000, 2_000_000)
    (w,) = extract_quantities("two hundred and five people")
    assert w.lo == 205


def test_identifiers_are_not_quantities_and_ordinals_are_their_own_dimension() -> None:
    assert extract_quantities("COVID-19 vaccines") == ()
    assert extract_quantities("Article 5 of the treaty") == ()
    assert [q.dimension for q in extract_quantities("on the 20th day")] == ["ordinal"]
    assert extract_quantities("on the 20th of July") == ()


def test_years_and_counts() -> None:
    assert [q.dimension for q in extract_quantities("2000 people died")] == ["count"]
    assert [q.dimension for q in extract_quantities("In 2000 the law passed")] == ["date"]


def test_units_are_separate_dimensions() -> None:
    # a length and a count are never aligned
    assert reasons("The wall is 30 metres long", "The wall has 34 towers") == []


# --- article units, ordinals, centuries, anchors, bounds, fractions of scales, "2m" ---------------


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        ("The ceasefire lasted a week", "The ceasefire lasted 72 hours", "numbers differ: a week vs 72 hours"),
        ("The strike lasted a month", "The strike lasted six weeks", "numbers differ: a month vs six weeks"),
        (
            "The team won its fifth league title",
            "The team won its third league title",
            "ordinals differ: fifth vs third",
        ),
        ("It was her 2nd Olympic gold", "It was her third Olympic gold", "ordinals differ: 2nd vs third"),
        (
            "The bridge was built in the 19th century",
            "The bridge was built in 1932",
            "dates differ: 19th century vs 1932",
        ),
        ("The wage will rise to $15 by 2025", "The wage will rise to $15 by 2028", "dates differ: by 2025 vs by 2028"),
        ("The law has applied since 2014", "The law has applied since 2016", "dates differ: since 2014 vs since 2016"),
        (
            "The tax applies to incomes above $400,000",
            "The tax applies to incomes above $250,000",
            "bounds differ: above $400,000 vs above $250,000",
        ),
        ("Half a million people marched", "50,000 people marched", "numbers differ: half a million vs 50,000"),
        (
            "The city passed 2m residents",
            "The city passed 3 million residents",
            "bounds differ: passed 2m vs passed 3 million",
        ),
    ],
)
def test_new_quantity_forms_conflict(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The ceasefire lasted a week", "The ceasefire lasted seven days"),
        ("The programme runs for a year", "The programme runs for 12 months"),
        ("The strike lasted a month", "The strike lasted about four weeks"),
        ("It took half an hour", "It took 30 minutes"),
        ("The treaty was signed in the 17th century", "The treaty was signed in 1648"),
        ("A 17th-century church burned", "A church built in 1650 burned"),
        ("The city passed 2m residents", "The city passed two million residents"),
        ("The wall is 2m high", "The wall is 2 metres high"),
        ("Around a quarter of a million people attended", "An estimated 250,000 people attended"),
        ("Half a dozen people were hurt", "Six people were hurt"),
        ("Inflation hit a 41-year high", "Inflation was the highest in 41 years"),
        ("The wall stretches for more than 20,000 km", "The wall is over 21,000 kilometres long"),
        ("It was her second Olympic gold", "She won her second Olympic gold medal"),
        ("It was her second gold", "It was the third day of the games"),  # ordinals need a shared noun
        ("The target must be met by 2030", "The target must be met by 2030"),
        ("The vaccine was developed within a year", "The vaccine was developed in ten months"),
    ],
)
def test_new_quantity_forms_agree(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_article_units_are_not_rates() -> None:
    assert [q.text for q in extract_quantities("He smoked 20 cigarettes a day")] == ["20"]
    assert [q.dimension for q in extract_quantities("The minimum wage is $15 an hour")] == ["money:usd"]
    assert extract_quantities("The pill is taken once a week") == ()
    (q,) = extract_quantities("The ceasefire lasted a week")
    assert q.dimension == "duration" and q.lo == q.hi == 7 * 86400


def test_ordinal_exclusions() -> None:
    assert extract_quantities("the second largest economy") == ()
    assert extract_quantities("The virus was first reported in Wuhan") == ()
    assert extract_quantities("Wait a second.") == ()
    (q,) = extract_quantities("a second term")
    assert q.dimension == "ordinal" and q.lo == 2 and q.needs_context


def test_ambiguous_m_keeps_both_readings() -> None:
    (q,) = extract_quantities("The city passed 2m last year")
    assert q.dimension == "length" and q.alt is not None
    assert q.alt.dimension == "count" and q.alt.lo == 2_000_000


def test_quantity_tokens() -> None:
    from claimmatch.stance.quantities import quantity_tokens

    # tokens: The deal is worth £ 2.5 bn . -> 4, 5 and 6 state the amount
    assert quantity_tokens("The deal is worth £2.5bn.") == frozenset({4, 5, 6})
    assert quantity_tokens("No numbers here") == frozenset()


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The result is binding if turnout exceeds 50%.", "The result is binding if turnout is above 50%."),
        ("Sales surpassed 1 million units.", "Sales were more than 1 million units."),
    ],
)
def test_verbs_of_exceeding_are_lower_bounds(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Dates without a year are compared with each other (by day of the year), never with dated ones.
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Results will be announced after 15 August.",
            "Results will be announced by 15 August.",
            ["dates differ: after 15 August vs by 15 August"],
        ),
        (
            "The results were certified on 22 November.",
            "The results were certified on 25 November.",
            ["dates differ: 22 November vs 25 November"],
        ),
        ("The results were certified on November 22.", "The results were certified on 22 November.", []),
        ("The results were certified on 22 November.", "The results were certified on 22 November 2024.", []),
        (
            "The results were certified on 22 November.",
            "The results were certified on 25 November 2024.",
            [],
        ),  # not compared
    ],
)
def test_dates_without_a_year(new: str, old: str, expected: list[str]) -> None:
    assert [f.reason for f in compare_quantities(new, old)] == expected


# Session 8: "no earlier than" / "no later than" and a negated "before" / "until" bound a date
@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The stadium will not reopen before 2027.", "The stadium will reopen no earlier than 2027."),
        ("The stadium will reopen by 2027.", "The stadium will reopen no later than 2027."),
        ("The road did not open until 2019.", "The road opened in 2020."),
    ],
)
def test_negated_and_comparative_date_bounds_agree(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        ("The road did not open until 2019.", "The road opened in 2017.", "dates differ: until 2019 vs 2017"),
        (
            "The stadium will reopen no later than 2027.",
            "The stadium will reopen after 2027.",
            "dates differ: no later than 2027 vs after 2027",
        ),
        (
            "The stadium will reopen earlier than 2027.",
            "The stadium will not reopen before 2027.",
            "dates differ: earlier than 2027 vs before 2027",
        ),
    ],
)
def test_negated_and_comparative_date_bounds_conflict(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_prior_to_and_ahead_of_bound_a_date() -> None:
    assert reasons("Applications must be sent before 30 June.", "Applications must be sent prior to 30 June.") == []
    assert reasons("The law passed ahead of 2020.", "The law passed in 2021.") == [
        "dates differ: ahead of 2020 vs 2021"
    ]


def test_a_year_that_names_an_event_is_no_date_bound() -> None:
    # "after 2023 protests": the protests of 2023, not "later than 2023"
    assert reasons("Ghana tightened rules after 2022 floods.", "Following floods in 2022, Ghana tightened rules.") == []
    assert reasons("Ghana tightened mining rules after 2022.", "Ghana tightened mining rules in 2022.") != []


def test_prior_to_a_year_at_the_sentence_start() -> None:
    assert (
        reasons(
            "Before 2016, no sitting leader had won the prize.", "Prior to 2016, no sitting leader had won the prize."
        )
        == []
    )


def test_tops_is_a_lower_bound() -> None:
    # "only if production exceeds 1 million" / "unless output tops 1 million": the same bound
    assert (
        compare_quantities(
            "Pensions rise only if production exceeds 1 million barrels a day.",
            "Unless output tops 1 million barrels a day, pensions do not rise.",
        )
        == []
    )


def test_younger_than_and_topping_are_bounds() -> None:
    assert compare_quantities("Adults younger than 50 get no free jab.", "Adults under 50 get no free jab.") == []
    assert (
        compare_quantities(
            "The average went up to a record, topping 1.5C.", "The average climbed to a record, exceeding 1.5C."
        )
        == []
    )


def test_longer_and_shorter_than_are_bounds() -> None:
    assert compare_quantities("Waiting lists are longer than 90 days.", "Waiting lists exceed 90 days.") == []
    assert compare_quantities("The tunnel is shorter than 5 km.", "The tunnel is under 5 km long.") == []


def test_session11_dates_meet_their_equals_and_from_a_date() -> None:
    # the same two years in both texts, in different places: no conflict
    assert (
        reasons(
            "The court upheld the 2019 reform in a ruling in 2023.",
            "In a 2023 ruling, the court struck down the 2019 reform.",
        )
        == []
    )
    # "from April 2025" (no range) is a start, which "after April 2025" does not contradict
    assert reasons("The tax was no longer charged from April 2025.", "People paid the tax after April 2025.") == []
    assert reasons("Prices rose from 2019 to 2021.", "Prices rose from 2019 to 2023.") != []


def test_session11_a_negated_before_ten_words_back() -> None:
    assert (
        reasons(
            "Not once before May 2024 had the navy tested the missile.",
            "The navy had never carried out a test of the new missile before May 2024.",
        )
        == []
    )


def test_session12_a_year_before_rules_is_no_bound() -> None:
    assert (
        reasons(
            "Mexico pays farmers the guaranteed maize price, 2024 rules say.",
            "Under 2024 rules, Mexico pays farmers its guaranteed price for maize.",
        )
        == []
    )
    assert reasons("Under 2000 people attended.", "Over 2000 people attended.") == [
        "numbers differ: under 2000 vs over 2000"
    ]


def test_session12_rising_past_is_above() -> None:
    assert reasons("Gold prices surged past $4,000 an ounce.", "The price of gold jumped above $4,000 an ounce.") == []


def test_session12_handed_over_is_no_bound() -> None:
    assert (
        reasons(
            "Airbus delivered 766 aircraft to customers in 2024.", "Airbus handed over 766 jets to customers in 2024."
        )
        == []
    )
    assert reasons("Airbus delivered 766 aircraft in 2024.", "Airbus delivered over 766 aircraft in 2024.") == [
        "numbers differ: 766 vs over 766"
    ]


def test_session16_a_negated_verb_of_passing_is_an_upper_bound() -> None:
    found = compare_quantities(
        "Ghana's cocoa output in 2023 did not exceed eight hundred thousand tonnes.",
        "Ghana produced more than 800,000 tonnes of cocoa in 2023.",
    )
    assert [f.reason for f in found] == [
        "numbers differ: did not exceed eight hundred thousand tonnes vs more than 800,000 tonnes"
    ]
    assert compare_quantities("Output never topped 11 million bags.", "Output was at most 11 million bags.") == []


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The Nikkei closed above the 40,000 mark in March.", "The Nikkei closed above 40,000 points in March."),
        ("Inflation stayed below the 2% threshold all year.", "Inflation stayed under 2% all year."),
    ],
)
def test_session17_a_bound_before_the_mark(new: str, old: str) -> None:
    assert compare_quantities(new, old) == []


def test_session17_a_bound_before_the_mark_still_differs() -> None:
    (finding,) = compare_quantities("Inflation stayed below the 2% threshold.", "Inflation stayed at 3%.")
    assert finding.reason == "numbers differ: below the 2% vs 3%"


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "The regulator imposed a 500 million rupee fine in 2024.",
            "The regulator levied a fine of 50 crore rupees in 2024.",
        ),
        ("The charity raised 25 lakh rupees.", "The charity raised 2.5 million rupees."),
        ("Police removed upward of 3,000 protesters.", "Police removed more than 3,000 protesters."),
    ],
)
def test_session17_crore_lakh_and_upward_of(new: str, old: str) -> None:
    assert compare_quantities(new, old) == []


def test_session17_a_rupee_adjective_is_money() -> None:
    (finding,) = compare_quantities(
        "The regulator imposed a 400 million rupee fine.", "The regulator levied a fine of 50 crore rupees."
    )
    assert finding.reason == "numbers differ: 400 million rupee vs 50 crore rupees"


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (  # a fronted "Before X," with a negated main clause = "never ... before X"
            "The airline never paid its cabin crew a bonus before 2020.",
            "Before 2020, the airline's cabin crew did not receive a bonus.",
        ),
        (  # "impossible before X" = "cannot ... before X"
            "The metro line cannot be finished before 2031, the city said.",
            "Finishing the metro line would be impossible before 2031, the city said.",
        ),
    ],
)
def test_session17_negated_before_a_date(new: str, old: str) -> None:
    assert compare_quantities(new, old) == []
    assert compare_qualifiers(new, old) == []


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("The battery charges in a minute and a half.", 90.0),
        ("The flight took two and a half hours.", 9000.0),
        ("The flight took two hours and a half.", 9000.0),
    ],
)
def test_session17_and_a_half(text: str, seconds: float) -> None:
    (quantity,) = extract_quantities(text)
    assert quantity.dimension == "duration" and quantity.lo == quantity.hi == seconds


def test_session17_and_a_half_still_differs() -> None:
    (finding,) = compare_quantities("The flight took two and a half hours.", "The flight took three hours.")
    assert finding.reason == "numbers differ: two and a half hours vs three hours"


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "New petrol cars will be banned from 2030.",
            "New petrol cars will be banned from 2035.",
            "dates differ: from 2030 vs from 2035",
        ),
        (
            "The rule takes effect from January 2025.",
            "The rule has applied since March 2025.",
            "dates differ: from January 2025 vs since March 2025",
        ),
    ],
)
def test_session18_two_start_dates_differ(new: str, old: str, reason: str) -> None:
    (finding,) = compare_quantities(new, old)
    assert finding.reason == reason


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The rule takes effect from January 2025.", "The rule has applied since January 2025."),
        ("Prices rose from 2019 to 2023.", "Prices rose between 2019 and 2023."),  # a range, not a start
    ],
)
def test_session18_the_same_start_agrees(new: str, old: str) -> None:
    assert compare_quantities(new, old) == []


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        ("Arsenal won 4-0 against Chelsea.", "Arsenal beat Chelsea 4-1.", "scores differ: 4-0 vs 4-1"),
        (
            "The Senate voted 52-48 to pass the bill.",
            "The bill passed the Senate 51-49.",
            "scores differ: 52-48 vs 51-49",
        ),
    ],
)
def test_session18_scores_and_tallies(new: str, old: str, reason: str) -> None:
    (finding,) = compare_quantities(new, old)
    assert finding.reason == reason


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("Arsenal won 4-0 against Chelsea.", "Chelsea lost 0-4 to Arsenal."),  # the same score, told by the loser
        ("Spain won 2\u20131 after extra time.", "Spain won 2-1 after extra time."),  # an en dash
        ("Sessions last 2-3 hours.", "Sessions last two to three hours."),  # a range: no score cue
    ],
)
def test_session18_one_score_in_two_forms(new: str, old: str) -> None:
    assert compare_quantities(new, old) == []


def test_session18_a_score_is_one_quantity() -> None:
    (score,) = extract_quantities("Liverpool beat Manchester United 2-0 at Anfield.")
    assert (score.dimension, score.text) == ("score", "2-0")
