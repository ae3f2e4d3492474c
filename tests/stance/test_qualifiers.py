from __future__ import annotations

import pytest

from claimmatch.stance.base import Family, Relation
from claimmatch.stance.qualifiers import compare_qualifiers, extract_qualifiers
from claimmatch.stance.quantities import compare_quantities
from claimmatch.stance.tokens import stem


def reasons(new: str, old: str) -> list[str]:
    return [f.reason for f in compare_qualifiers(new, old)]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Britain and France would provide military support only after any peace agreement",
            "Britain and France would provide military support before a peace agreement",
            "qualifier differs: only after vs before",
        ),
        (
            "They would send troops without waiting for a ceasefire",
            "They would send troops only after a ceasefire",
            "qualifier differs: without waiting for vs only after",
        ),
        (
            "Aid will flow if Congress approves",
            "Aid will flow unless Congress approves",
            "qualifier differs: if vs unless",
        ),
        ("Troops stay during the war", "Troops stay after the war", "qualifier differs: during vs after"),
        (
            "Sanctions stay until the election",
            "Sanctions stay after the election",
            "qualifier differs: until vs after",
        ),
        (
            "Troops will not leave until a ceasefire",
            "Troops will leave before a ceasefire",
            "qualifier differs: not until vs before",
        ),
        (
            "Aid flows regardless of a ceasefire",
            "Aid flows only if there is a ceasefire",
            "qualifier differs: regardless of vs only if",
        ),
    ],
)
def test_conflicting_qualifiers(new: str, old: str, expected: str) -> None:
    findings = compare_qualifiers(new, old)
    assert [f.reason for f in findings] == [expected]
    assert findings[0].relation is Relation.CONFLICT and findings[0].family is Family.QUALIFIERS


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("They would send troops after a ceasefire", "They would send troops only after a ceasefire"),
        ("They would send troops not until a ceasefire", "They would send troops only after a ceasefire"),
        ("Sanctions stay until the election", "Sanctions stay before the election"),
        ("He left before the vote", "He left"),  # only one text has a qualifier
        ("He left before the vote", "He left after the debate"),  # different events
        (
            "Troops will stay until the election",
            "Troops will leave after the election",
        ),  # different predicates
        ("After all, the tax rose", "Before the tax rose, wages fell"),
    ],
)
def test_no_qualifier_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_extraction() -> None:
    (q,) = extract_qualifiers("would provide support only after any peace agreement")
    assert q.kind == "only_after" and q.text == "only after"
    assert q.slot == frozenset({stem("peace"), stem("agreement")})
    assert "support" in q.anchor


# --- new cues, negated conditions, complementary conditions ---------------------------------------


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Troops will leave when the elections are over",
            "Troops will leave before the elections",
            "qualifier differs: when vs before",
        ),
        (
            "Schools will not reopen before all teachers are vaccinated",
            "Schools will reopen before all teachers are vaccinated",
            "qualifier differs: not before vs before",
        ),
        (
            "The law took effect in the run-up to the election",
            "The law took effect after the election",
            "qualifier differs: in the run-up to vs after",
        ),
        (
            "Dividends were paid whilst the crisis lasted",
            "Dividends were paid after the crisis",
            "qualifier differs: whilst vs after",
        ),
        (
            "Aid continues so long as the ceasefire holds",
            "Aid continues unless the ceasefire holds",
            "qualifier differs: so long as vs unless",
        ),
        (
            "Visitors must quarantine if they are vaccinated",
            "Visitors must quarantine if they are not vaccinated",
            "qualifier differs: if vs if ... not",
        ),
    ],
)
def test_new_qualifier_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "Visitors need to quarantine if they are not vaccinated",
            "Visitors must quarantine unless they have been vaccinated",
        ),
        ("The bill passes unless the Senate objects", "The bill passes if the Senate does not object"),
        (
            "Fishing is allowed unless the stock falls below a safe level",
            "Fishing is allowed as long as the stock stays above a safe level",
        ),
        ("The ban will be lifted after the summit", "The ban will be lifted in the wake of the summit"),
        ("The law took effect before the election", "The law took effect in the run-up to the election"),
        ("Aid continues as long as the ceasefire holds", "Aid continues, provided the ceasefire holds"),
    ],
)
def test_new_qualifier_forms_agree(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_provided_is_a_cue_only_after_a_comma() -> None:
    assert [q.kind for q in extract_qualifiers("The government provided aid after the storm")] == ["after"]
    assert [q.kind for q in extract_qualifiers("Aid flows, provided the ceasefire holds")] == ["only_if"]
    (q,) = extract_qualifiers("Visitors quarantine if they are not vaccinated")
    assert (q.kind, q.text) == ("unless", "if ... not")


# Round 2: more cues and negated main clauses (both directions).
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Citizens may vote in the referendum without first registering.",
            "Citizens may vote in the referendum only once they have registered.",
            "qualifier differs: without first vs only once",
        ),
        (
            "The driving licence stays suspended regardless of the court ruling.",
            "The driving licence stays suspended pending a court ruling.",
            "qualifier differs: regardless of vs pending",
        ),
        (
            "Troops will leave by the end of the year.",
            "Troops will leave only after the end of the year.",
            "qualifier differs: by the end of vs only after",
        ),
        (
            "Until the inquiry reports, charges will be brought.",
            "Charges will be brought only after the inquiry reports.",
            "qualifier differs: until vs only after",
        ),
        (
            "The factory will close if a buyer is found.",
            "The factory will close if no buyer is found.",
            "qualifier differs: if vs if ... not",
        ),
        (
            "The UN will send peacekeepers as soon as fighting breaks out.",
            "The UN will send peacekeepers only if a ceasefire is agreed.",
            "condition differs: 'as soon as fighting breaks out' vs 'only if a ceasefire is agreed'",
        ),
    ],
)
def test_round2_conflicts(new: str, old: str, expected: str) -> None:
    assert expected in reasons(new, old)


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "Payments to the charity are frozen pending the audit.",
            "Payments to the charity are frozen until the audit.",
        ),
        ("The factory will close unless a buyer is found.", "The factory will close if no buyer is found."),
        ("The deal will collapse unless both sides compromise.", "The deal will collapse if neither side compromises."),
        ("Tenants can not be evicted unless they fail to pay.", "Tenants can be evicted only if they fail to pay."),
        ("Unless they fail to pay, tenants can not be evicted.", "Tenants can be evicted only if they fail to pay."),
        (
            "Until the inquiry reports, no charges will be brought.",
            "Charges will be brought only after the inquiry reports.",
        ),
        (
            "The UN will send peacekeepers only if a ceasefire is agreed.",
            "The UN will send peacekeepers once a ceasefire is agreed.",
        ),
        ("Citizens may vote without prior registration.", "Citizens may vote before registration."),
    ],
)
def test_round2_forms_agree(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_pending_is_no_cue_after_be() -> None:
    assert [q.kind for q in extract_qualifiers("The case is still pending in the high court.")] == []
    assert [q.kind for q in extract_qualifiers("Payments are frozen pending the audit.")] == ["until"]


def test_coordinated_names_stay_in_the_qualified_event() -> None:
    # "and" between two names does not end the condition: its slot reaches "peace agreement"
    (q,) = extract_qualifiers("Aid would flow only once Moscow and Kyiv have reached a peace agreement.")
    assert {"moscow", "kyiv", "peac"} <= q.slot
    (q,) = extract_qualifiers("Aid would flow only once sanctions end and talks resume.")
    assert "talk" not in q.slot  # a real second clause still ends it


def test_only_once_against_before_with_a_longer_predicate() -> None:
    new = "The reassurance force would deploy before a peace agreement is signed."
    old = (
        "The reassurance force would give Ukraine military support only once Moscow and Kyiv "
        "have reached a peace agreement."
    )
    assert reasons(new, old) == ["qualifier differs: before vs only once"]
    harmless = "The reassurance force would deploy only after Moscow and Kyiv reach a peace agreement."
    assert reasons(harmless, old) == []


# Round 3: at once vs a delay, open-ended vs fixed terms, conditions that must hold ("subject to",
# "on condition that") against "regardless", "from X onwards", numbers as the qualified event.
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Refugees may work as soon as they apply for asylum.",
            "Refugees may work six months after they apply for asylum.",
            "qualifier differs: as soon as vs six months after",
        ),
        (
            "The rules took effect the moment the law was signed.",
            "The rules take effect no sooner than 30 days after the law is signed.",
            "qualifier differs: the moment vs 30 days after",
        ),
        (
            "The border crossing is closed until further notice.",
            "The border crossing is closed for two weeks.",
            "duration differs: until further notice vs for two weeks",
        ),
        (
            "The loan is paid out subject to a vote in parliament.",
            "The loan is paid out regardless of the vote in parliament.",
            "qualifier differs: subject to vs regardless of",
        ),
        (
            "The mine will close once the new plant is running.",
            "The mine will close whether or not the new plant is running.",
            "qualifier differs: once vs whether or not",
        ),
        (
            "The rebate covers cars bought before 2022.",
            "The rebate covers cars bought from 2022 onwards.",
            "qualifier differs: before vs from 2022 onwards",
        ),
        (
            "Aid convoys move only in case of a ceasefire.",
            "Aid convoys move even before a ceasefire.",
            "qualifier differs: only in case of vs before",
        ),
    ],
)
def test_round3_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "Refunds are paid as soon as the form is received.",
            "Refunds are paid immediately after the form is received.",
        ),
        ("The park is closed for two weeks.", "The park is closed for 14 days."),
        ("The minister quit after 49 days.", "The minister resigned after seven weeks in office."),
        (
            "Bail was granted provided that he hands in his passport.",
            "Bail was granted on condition that he hands in his passport.",
        ),
    ],
)
def test_round3_harmless(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Round 4: conditions stated as "contingent on" / "in exchange for", simultaneity, no condition at
# all ("without preconditions"), permanent vs temporary, a negation further back in the clause.
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The grant is contingent on the city cutting emissions.",
            "The grant is paid regardless of the city's emissions.",
            "qualifier differs: contingent on vs regardless of",
        ),
        (
            "The two studies were run in parallel with the main trial.",
            "The two studies were run only after the main trial had ended.",
            "qualifier differs: in parallel with vs only after",
        ),
        (
            "The union offered to end the strike without preconditions.",
            "The union offered to end the strike only if wages rise by 5%.",
            "condition differs: without preconditions vs only if",
        ),
        (
            "The ministry handed back the land without getting anything in return.",
            "The ministry handed back the land in exchange for a new road.",
            "condition differs: without getting anything in return vs in exchange for",
        ),
        (
            "The bridge has been closed permanently.",
            "The bridge has been closed temporarily for repairs.",
            "duration differs: permanently vs temporarily",
        ),
        (
            "Italy's lockdown began only after the WHO had declared a pandemic.",
            "Italy's lockdown was in force by the time the WHO declared a pandemic.",
            "qualifier differs: only after vs by the time",
        ),
    ],
)
def test_round4_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "The agency did not publish the figures on unemployment until the audit was finished.",
            "The agency published the unemployment figures only after the audit was finished.",
        ),
        (
            "The grant is contingent on the city cutting emissions.",
            "The grant is conditional on emissions cuts by the city.",
        ),
        ("The bridge has been closed for good.", "The bridge has been closed permanently."),
    ],
)
def test_round4_harmless(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Round 7: a time bounded from opposite sides, the bound before or after the time.
@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The line will open in 2027 at the earliest.", "The line will open in 2027 at the latest."),
        (
            "Refunds come 30 days at the earliest after a complaint.",
            "Refunds come at the latest 30 days after a complaint.",
        ),
    ],
)
def test_round7_opposite_time_bounds(new: str, old: str) -> None:
    assert reasons(new, old) == ["qualifier differs: at the earliest vs at the latest"]


def test_round7_the_same_time_bound_agrees() -> None:
    assert reasons("The line will open in 2027 at the latest.", "The line will open by 2027 at the latest.") == []


# Session 8 (rounds 12-13): terms as adjectives, "whatever", "starting from", a restriction against
# none ("only during" / "all year round", "only in" / "X or not"), no delay against a wait.
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The city set up a temporary camp for flood victims near the stadium.",
            "A permanent camp for flood victims was set up by the city near the stadium.",
            "duration differs: temporary vs permanent",
        ),
        (
            "The athlete received a lifelong ban from the federation.",
            "The federation banned the athlete for two years.",
            "duration differs: lifelong vs for two years",
        ),
        (
            "The mayor vowed to build the tram line whatever the outcome of the referendum.",
            "The mayor vowed to build the tram line only if the referendum approves it.",
            "qualifier differs: whatever vs only if",
        ),
        (
            "Fares will be frozen starting from the spring of next year.",
            "Fares will be frozen until the spring of next year.",
            "qualifier differs: starting from vs until",
        ),
        (
            "The lender paid out the credit line without any conditions.",
            "The lender paid out the credit line in return for spending cuts.",
            "condition differs: without any conditions vs in return for",
        ),
        (
            "The ski lifts on the glacier run only during the winter season.",
            "On the glacier, the ski lifts run all year round.",
            "condition differs: only during vs all year round",
        ),
        (
            "Pharmacists can hand out the pill only in an emergency.",
            "Pharmacists can hand out the pill to any customer, emergency or not.",
            "condition differs: only in vs emergency or not",
        ),
        (
            "Refugees receive work permits immediately on arrival in the country.",
            "Refugees in the country receive work permits only after a six-month wait.",
            "condition differs: immediately vs only after",
        ),
        (
            "The probe sent back data as soon as it landed.",
            "The probe only sent back data weeks after it landed.",
            "qualifier differs: as soon as vs weeks after",
        ),
    ],
)
def test_round12_13_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The ski lifts run all year round.", "The ski lifts run at any time of the year."),
        (
            "Refugees receive work permits immediately on arrival.",
            "Refugees receive work permits straight away when they arrive.",
        ),
        ("The museum opens immediately after the ceremony.", "The museum opens only after the ceremony."),
        (
            "The company did not pay the fine before the deadline.",
            "The company failed to pay the fine before the deadline.",
        ),
        ("The camp is temporary, the city said.", "The city said the camp is only temporary."),
    ],
)
def test_round12_13_harmless(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Session 8 (rounds 14-15)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The new toll applies with immediate effect, the ministry said.",
            "The ministry said the new toll applies only after a six-month grace period.",
            "condition differs: with immediate effect vs only after",
        ),
        (
            "The tax rise takes effect immediately, officials said.",
            "Officials said the tax rise will only apply after a one-year delay.",
            "condition differs: immediately vs only apply after",
        ),
        (
            "The ferry runs only during the summer.",
            "The ferry runs every day, in service all year round.",
            "condition differs: only during vs all year round",
        ),
    ],
)
def test_round14_15_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_even_in_the_event_that_is_even_if() -> None:
    assert (
        reasons(
            "Fares will stay frozen even if fuel prices rise.",
            "Fares will stay frozen even in the event that fuel prices rise.",
        )
        == []
    )


# Session 8 (rounds 18-19)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # slot words of one root written as different parts of speech
        (
            "Landlords may raise rents only if the flat has been renovated.",
            "Landlords may raise rents unless the flat has undergone a renovation.",
            "qualifier differs: only if vs unless",
        ),
        # "immediately when" is at once
        (
            "The higher fees apply immediately when the law takes effect.",
            "The higher fees are phased in gradually over several years after the law takes effect.",
            "qualifier differs: when vs several years after",
        ),
        # no condition against a plain "once"
        (
            "The tariffs were lifted unconditionally.",
            "The tariffs were lifted once the exporter agreed to quotas.",
            "condition differs: unconditionally vs once",
        ),
    ],
)
def test_round18_19_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_a_negated_before_against_before_is_a_negation() -> None:
    found = compare_qualifiers(
        "The sprinter did not test positive ahead of the final.", "The sprinter tested positive before the final."
    )
    assert [(f.relation, f.reason) for f in found] == [(Relation.NEGATION, "qualifier differs: not ahead of vs before")]
    # "not until X" says it happened, later: a timing conflict
    found = compare_qualifiers("The ferry did not leave until noon.", "The ferry left before noon.")
    assert [f.relation for f in found] == [Relation.CONFLICT]


def test_a_quantifier_negates_before_like_not() -> None:
    assert (
        reasons(
            "Nobody in the village had been vaccinated before the outbreak.",
            "Before the outbreak, not one villager had been vaccinated.",
        )
        == []
    )


# Session 8 (rounds 20-21)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The fare rise takes effect immediately, the regulator said.",
            "The regulator said the fare rise will only take effect after a delay of several months.",
            "condition differs: immediately vs only take effect after",
        ),
        (
            "The referendum on the new flag will take place ahead of the general election.",
            "The referendum on the new flag will be held on the same day as the general election.",
            "qualifier differs: ahead of vs on the same day as",
        ),
        # "until" against "before" is compatible, unless the predicates are antonyms
        (
            "Fuel subsidies will stay in place until the end of winter.",
            "Fuel subsidies will be removed before the end of winter.",
            "qualifier differs: until vs before",
        ),
        # "not until well after X" is a delay
        (
            "The controls were lifted as soon as the president took office.",
            "The president did not scrap the controls until well after he took office.",
            "qualifier differs: as soon as vs not until",
        ),
        (
            "The new features are free only for a limited time.",
            "The new features will stay free permanently.",
            "duration differs: for a limited time vs permanently",
        ),
    ],
)
def test_round20_21_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


# Session 8 (rounds 22-23)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # a wait named in the event is a delay
        (
            "The new mayor scrapped the parking fees immediately after taking office.",
            "The parking fees were scrapped by the new mayor only after a delay of several months in office.",
            "qualifier differs: immediately after vs only after",
        ),
        # what one text does without, the other makes a condition
        (
            "The ban was lifted without imposing any minimum export price.",
            "The ban was lifted on condition that exporters respect a minimum export price.",
            "condition differs: without vs on condition that",
        ),
    ],
)
def test_round22_23_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_without_under_a_negation_is_a_condition_too() -> None:
    assert (
        reasons(
            "Brazil would not recognise the result without published tally sheets.",
            "Brazil would not recognise the result unless tally sheets were published.",
        )
        == []
    )


# Session 8 (rounds 26-27)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # "long after X" is a delay
        (
            "The city lifted the water limits long after the drought ended.",
            "The city lifted the water limits as soon as the drought ended.",
            "qualifier differs: after vs as soon as",
        ),
    ],
)
def test_round26_27_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_synonymous_conditions_agree() -> None:
    assert (
        reasons(
            "Exports will resume once the rail link is repaired.",
            "Exports will restart as soon as the railway line is fixed.",
        )
        == []
    )


# Session 9 (rounds 28-29)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # a cue fronted in a "that" clause qualifies the main clause after its comma
        (
            "Students can apply for the grant until the end of June, the ministry said.",
            "The ministry said that starting from the end of June, students can apply for the grant.",
            "qualifier differs: until vs starting from",
        ),
        # "within N hours of X" is a deadline: before
        (
            "Mothers get the first postnatal visit within 48 hours of delivery.",
            "Mothers get the first postnatal visit only after the first 48 hours of delivery.",
            "qualifier differs: within vs only after",
        ),
        (
            "The rule applies retroactively to contracts already signed.",
            "The rule applies only to contracts signed from now on.",
            "duration differs: retroactively vs from now on",
        ),
        (
            "The lender released the loan without attaching any conditions.",
            "The lender released the loan in exchange for pension reforms.",
            "condition differs: without attaching any conditions vs in exchange for",
        ),
    ],
)
def test_round28_29_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "no more than 24 hours after X" = "within 24 hours of X"
        (
            "Airlines must report a data breach no more than 72 hours after discovering it.",
            "Airlines must report a data breach within 72 hours of discovering it.",
        ),
        # "bans X unless Y" = "X cannot happen unless Y" = "X is banned if not Y"
        (
            "The new code bans night flights unless the minister grants an exemption.",
            "Night flights cannot take place unless the minister grants an exemption.",
        ),
        (
            "The new code bans night flights unless the minister grants an exemption.",
            "Under the new code night flights are banned if the minister does not grant an exemption.",
        ),
        (
            "Night flights cannot take place if the minister does not grant an exemption.",
            "Night flights cannot take place unless the minister grants an exemption.",
        ),
    ],
)
def test_round28_29_same_condition(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Session 9 (rounds 30-31)
def test_a_place_and_its_country_stay_in_the_anchor() -> None:
    assert reasons(
        "Most arrests in Lima, Peru happened during the curfew.",
        "Most arrests in Lima were made after the curfew had been lifted.",
    ) == ["qualifier differs: during vs after"]


def test_goes_on_until_is_ends_once() -> None:
    assert (
        reasons(
            "Fuel rationing will continue until the tanks are full.", "Fuel rationing will end once the tanks are full."
        )
        == []
    )
    assert (
        reasons(
            "Fuel rationing will continue until the tanks are full.",
            "Fuel rationing will continue once the tanks are full.",
        )
        != []
    )


# Session 9 (rounds 32-33)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Every passenger must pay the fee in advance, even when it is included in the ticket.",
            "Passengers must pay the fee in advance, except where it is included in the ticket.",
            "qualifier differs: even when vs except where",
        ),
        (
            "Students ride the trams free regardless of whether they have registered.",
            "Students ride the trams free provided they have registered.",
            "qualifier differs: regardless of whether vs provided",
        ),
        # contrary antonyms in two conditions are no complements: the president may neither veto nor sign
        (
            "A bill becomes law unless the president vetoes it within 30 days.",
            "A bill becomes law only if the president signs it within 30 days.",
            "qualifier differs: unless vs only if",
        ),
    ],
)
def test_round32_33_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # a deadline inside a condition that both texts have is not compared with the condition
        (
            "Permits expire unless drilling starts within 2 years of issue.",
            "Permits lapse if no drilling begins within 2 years of issue.",
        ),
        # a fronted "Until X," before a negated clause, with "and" inside X
        (
            "Until a deal between Chile and Peru is signed, trawlers cannot fish in the bay.",
            "Trawlers may fish in the bay only once a deal between Chile and Peru is signed.",
        ),
    ],
)
def test_round32_33_same_condition(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Session 9 (rounds 34-35)
def test_whenever_and_regardless_of_who() -> None:
    assert reasons(
        "Players go to a tiebreak unless the game ends in a draw.",
        "Players go to a tiebreak whenever the game ends in a draw.",
    ) == ["qualifier differs: unless vs whenever"]
    assert reasons(
        "He will return to the club regardless of who is coaching the team.",
        "He will return to the club only if his friend is coaching the team.",
    ) == ["qualifier differs: regardless of who vs only if"]


# Session 9 (rounds 36-37)
def test_only_with_and_a_coordinated_subject() -> None:
    assert reasons(
        "The drug may be sold only with a doctor's written approval.",
        "The drug may be sold without a doctor's written approval.",
    ) == ["condition differs: only with vs without"]
    assert reasons(
        "The wage rises in May regardless of whether unions and employers sign the deal.",
        "The wage rises in May provided that unions and employers sign the deal.",
    ) == ["qualifier differs: regardless of whether vs provided that"]
    # "barred from X except if Y" = "cannot X unless Y"
    assert (
        reasons(
            "Pharmacists are barred from renewing prescriptions except if a doctor signs off.",
            "Pharmacists cannot renew prescriptions unless a doctor signs off.",
        )
        == []
    )


# Session 9 (rounds 40-41)
def test_a_deadline_inside_a_negated_if_keeps_its_kind() -> None:
    assert (
        reasons(
            "The games are cancelled if the host has not finished every venue two years ahead of them.",
            "The games are cancelled unless the host finishes every venue two years before them.",
        )
        == []
    )


def test_unable_negates_a_fronted_before() -> None:
    assert (
        reasons(
            "Prior to the fall of the wall in 1989, East Germans were unable to travel freely to the West.",
            "Until the wall fell in 1989, East Germans could not travel freely to the West.",
        )
        == []
    )


# Session 9 (rounds 42-43)
def test_a_negated_term() -> None:
    assert reasons("The fuel subsidy is not permanent.", "The fuel subsidy is temporary.") == []
    assert reasons("The fuel subsidy is not temporary.", "The fuel subsidy is temporary.") == [
        "duration differs: not temporary vs temporary"
    ]


# Session 10 (rounds 42, 44-45)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # who a rule covers: an exclusion against an inclusion of the same group
        (
            "The free bus pass covers all pupils, except for those over 16.",
            "All pupils, including those over 16, get the free bus pass.",
            "scope differs: except for those over 16 vs including those over 16",
        ),
        (
            "The levy applies to all hotels apart from guest houses, which are exempt.",
            "Guest houses as well as all other hotels must pay the levy.",
            "scope differs: apart from guest houses vs guest houses as well as all other hotels",
        ),
        (
            "The vaccine mandate covers all teachers, private schools included.",
            "The vaccine mandate covers all teachers except private schools.",
            "scope differs: private schools included vs except private schools",
        ),
        # "only X" against "Y as well as X", where the first text names Y outside its "only"
        (
            "The subsidy is paid only to farmers, not to traders.",
            "Traders as well as farmers can claim the subsidy.",
            "scope differs: only to farmers vs traders as well as farmers",
        ),
        # "immediately" against "only once X", with the anchors matched by sense (paid / payments)
        (
            "Victims will receive compensation payments immediately, officials said.",
            "Officials said victims would be paid compensation only once an inquiry had ended.",
            "condition differs: immediately vs only once",
        ),
        # "only" before the verb: "will only be suspended after X"
        (
            "Players will only be suspended after a panel has heard their appeal.",
            "Players will be suspended immediately, and a panel will hear their appeal later.",
            "condition differs: only be suspended after vs immediately",
        ),
        (
            "Refugees will be granted work permits only after a waiting period.",
            "Refugees will be granted work permits on arrival.",
            "condition differs: only after vs on arrival",
        ),
        (
            "Tuition will become free starting in 2027.",
            "Tuition will remain free until 2027.",
            "qualifier differs: starting in vs until",
        ),
    ],
)
def test_session10_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # one group left out by both texts, or named by both
        ("The ban covers all boats except ferries.", "All boats apart from ferries are covered by the ban."),
        (
            "The grants are open only to residents and tourists.",
            "The grants are open to tourists as well as residents.",
        ),
        # "except if" is a condition, no group
        ("Shops must close on Sundays except if they sell food.", "Shops must close on Sundays, including bakeries."),
        # "not only X but also Y" names both
        ("The rule covers not only drivers but also cyclists.", "The rule covers cyclists as well as drivers."),
    ],
)
def test_session10_no_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_session10_refused_before_is_not_before() -> None:
    # "refused to set a date before X" = "did not set a date before X": no qualifier or date conflict
    new, old = (
        "The junta refused to set an election date before 2026.",
        "The junta did not set an election date before 2026.",
    )
    assert reasons(new, old) == []
    assert compare_quantities(new, old) == []


def test_session10_only_against_not_just() -> None:
    assert reasons(
        "The law would only protect public figures such as actors.",
        "The law would protect every citizen, not just actors.",
    ) == ["scope differs: only protect vs not just actors"]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The ban takes effect immediately, the parliament decided.",
            "The parliament decided that the ban takes effect only from the next season.",
            "condition differs: immediately vs only from",
        ),
        # what one text waives is part of the other's necessary condition
        (
            "Owners get legal status once they pay the fee, even without a structural inspection.",
            "Owners get legal status only after they pay the fee and pass a structural inspection.",
            "condition differs: even without vs only after",
        ),
        (
            "Building may begin once the permit is issued, without waiting for the safety inspection.",
            "Building may begin only after the permit is issued and the safety inspection is complete.",
            "condition differs: without waiting for vs only after",
        ),
    ],
)
def test_session10_waivers_and_only_from(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # a clause that starts with "No" negates a cue far after it: "not pending X" = "not until X"
        (
            "The ministry will issue no new fishing quotas pending the stock report.",
            "No new fishing quotas will be issued by the ministry until the stock report is out.",
        ),
        # "whenever no X" = "if no X"
        (
            "If no party wins a majority, the region holds a second vote.",
            "The region holds a second vote whenever no party wins a majority.",
        ),
        # a cue that itself starts with "No" is not negated by it
        (
            "No later than the end of 2026, all new phones must use the same charger.",
            "All new phones must use the same charger by the end of 2026.",
        ),
    ],
)
def test_session10_more_no_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The scheme covers hip surgery only if the patient has first waited on a public list.",
            "The scheme covers hip surgery without requiring patients to first join a public list.",
            "condition differs: only if vs without requiring",
        ),
        (
            "New fishing licences are handed out forever.",
            "New fishing licences are time-limited.",
            "duration differs: forever vs time-limited",
        ),
        # "but only after" far from its predicate: the anchors of the clauses before it count
        (
            "The border will reopen to traders immediately, the minister said.",
            "The minister said the border will reopen to traders, a step unions had urged, "
            "but only after a delay of weeks.",
            "condition differs: immediately vs only after",
        ),
    ],
)
def test_session10_round50_51_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_solely_if_is_only_if() -> None:
    assert (
        reasons(
            "A runoff is held only if no candidate wins more than half the vote.",
            "A runoff is held solely if no candidate wins more than half the vote.",
        )
        == []
    )


# Session 10 (rounds 52-53)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Tourists get a visa on arrival, provided they hold a US or UK visa.",
            "Tourists get a visa on arrival even if they have no US or UK visa.",
            "qualifier differs: provided vs even if",
        ),
        (
            "The curfew in the capital is now permanent.",
            "The curfew in the capital applies only for the duration of the festival.",
            "duration differs: permanent vs for the duration of",
        ),
        (
            "Foreigners can buy flats in the complex without needing a residence permit.",
            "Foreigners can buy flats in the complex only if they hold a residence permit.",
            "condition differs: without needing vs only if",
        ),
        (
            "Pupils return to school on Monday, but only in districts where cases have fallen.",
            "Schools in every district reopen on Monday, regardless of local case numbers.",
            "condition differs: only in vs regardless of",
        ),
        (
            "Clubs may sign foreign players at any point in the season.",
            "Foreign players can only be signed by clubs during the transfer window.",
            "condition differs: at any point vs only ... during",
        ),
        (
            "The city imposes a curfew on teenagers on weekends only.",
            "A curfew for teenagers applies every night, weekends included.",
            "scope differs: weekends only vs weekends included",
        ),
    ],
)
def test_session10_round52_53_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


# Session 10 (round 54)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # what one text waives, the other makes the only way
        (
            "Families get the rebate automatically, without having to apply.",
            "The rebate is paid only to families who apply for it.",
            "condition differs: without having to vs only",
        ),
        (
            "Every household pays the licence fee regardless of whether it owns a radio.",
            "The licence fee is charged only to households that own a radio.",
            "condition differs: regardless of whether vs only",
        ),
        # an adverb before a cue modifies the cue, not the predicate: "well before X"
        (
            "The channel will start airing the debates only once the session opens.",
            "The channel has already started airing the debates, well before the session opens.",
            "qualifier differs: only once vs before",
        ),
    ],
)
def test_session10_round54_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_without_against_only_with_is_a_conflict() -> None:
    # not a negation: "sold only with a prescription" being false does not make "sold without
    # one" true (the pills may not be sold at all), so a False verdict leaves the new claim related
    findings = compare_qualifiers(
        "The pills can be sold without a prescription.", "The pills are sold only with a prescription."
    )
    assert [(f.relation, f.reason) for f in findings] == [(Relation.CONFLICT, "condition differs: without vs only")]
    # a negated sentence keeps "without" a condition: the same rule
    assert (
        reasons("The pills cannot be sold without a prescription.", "The pills are sold only with a prescription.")
        == []
    )


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # a duration before a fronted cue is the cue's, not the predicate's anchor
        (
            "The parties struck their coalition deal ahead of the 2024 election.",
            "Weeks after the 2024 election, the parties agreed to form a coalition.",
            "qualifier differs: ahead of vs weeks after",
        ),
        # "a full day after" is a delay
        (
            "The truce took effect immediately after it was signed.",
            "The truce took effect only a full day after it was signed.",
            "qualifier differs: immediately after vs a full day after",
        ),
        # anchors that are synonyms: "vowed to quit unless" / "would resign if"
        (
            "The minister vowed to quit unless parliament passed the budget.",
            "The minister said he would resign if parliament passed the budget.",
            "qualifier differs: unless vs if",
        ),
    ],
)
def test_session10_round55_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


# Session 10 (rounds 56-57)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # a hyphenated amount is no clause break in an anchor: "his 3-match ban during X"
        (
            "The captain will serve his 3-match ban during the Asian Cup.",
            "The captain will serve his 3-match suspension only after the Asian Cup has ended.",
            "qualifier differs: during vs only after",
        ),
        (
            "The scooter ban only applies at night, officials said.",
            "Officials said the scooter ban applies at all hours of the day and night.",
            "condition differs: only ... at vs at all hours",
        ),
        (
            "The government blocked the app indefinitely in May.",
            "In May the government blocked the app only temporarily.",
            "duration differs: indefinitely vs temporarily",
        ),
    ],
)
def test_session10_round56_57_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_rather_than_rejects_a_term() -> None:
    assert (
        reasons(
            "The state of emergency is temporary and will lapse after a month.",
            "The state of emergency will expire after a month rather than remain in place indefinitely.",
        )
        == []
    )


def test_session10_round58_59() -> None:
    # "Unless X, people are barred from Y" = "Y only if X"
    assert (
        reasons(
            "Candidates cannot resit the exam except if they present a medical certificate.",
            "Unless they have a medical certificate, candidates are barred from a resit.",
        )
        == []
    )
    # "stay suspended until X" / "restart before X": until against before with antonym predicates
    assert reasons(
        "Exports would stay suspended until the company agreed to build a refinery.",
        "The company could restart exports before committing to build a refinery.",
    ) == ["qualifier differs: until vs before"]


def test_session10_round60_61() -> None:
    assert reasons(
        "In Jordan, refugees' work permits are renewed automatically each year.",
        "Refugees in Jordan get their work permits renewed each year only if they submit a new application.",
    ) == ["condition differs: automatically vs only if"]
    # both say "automatically": no difference of condition
    assert (
        reasons(
            "The deal automatically expires in 2026 if the members do not agree to extend it.",
            "The deal expires automatically in 2026 unless the members agree to extend it.",
        )
        == []
    )
    # a duration before "before" is the cue's: "Months before the election, X raised pay"
    assert reasons(
        "Months before the 2024 election, the government raised teachers' salaries by 10%.",
        "The government raised teachers' pay by 10% after the 2024 election.",
    ) == ["qualifier differs: before vs after"]


def test_session11_within_the_first_and_every_against_only() -> None:
    # "within the first N years" is a deadline (before), against "only after" the same span
    assert reasons(
        "Buyers of subsidised flats in Hong Kong may rent them out within the first 3 years.",
        "Owners of subsidised flats in Hong Kong may rent them out only after a 3-year waiting period.",
    ) == ["qualifier differs: within vs only after"]
    # a group taken whole against the same group restricted
    assert reasons(
        "Free school meals will be served at every primary school in the region from January.",
        "From January free school meals will be served only at primary schools in poorer districts.",
    ) == ["scope differs: every primary school vs only at primary schools in poorer"]
    # synonym events: "once the referendum result" / "a month after the vote"
    assert reasons(
        "The treaty took effect immediately once the referendum result was announced.",
        "The treaty took effect only a month after the vote.",
    ) == ["qualifier differs: once vs a month after"]
    # both texts say "all": no restriction against it
    assert (
        reasons(
            "All polling stations stayed open late, but only polling stations in the capital ran out of ballots.",
            "Polling stations all stayed open late; only those in the capital ran out of ballots.",
        )
        == []
    )


def test_session11_postponed_until_and_a_bare_wait() -> None:
    # "postponed X until Y" = X only after Y, against "X before Y"
    assert reasons(
        "The agency launched the satellite before engineers had replaced the faulty valve.",
        "The agency postponed the satellite launch until engineers replaced the faulty valve.",
    ) == ["qualifier differs: before vs postponed ... until"]
    # a bare wait ("only after a delay of weeks") against "immediately after" another event,
    # on one predicate (two anchor words, synonyms counted)
    assert reasons(
        "The probe sent back its first photos from Mars only after a delay of several weeks.",
        "The probe transmitted its first images immediately after landing on Mars.",
    ) == ["qualifier differs: only after vs immediately after"]
    # "not V until X" ten words back, and a fronted "until" with an un- participle
    assert (
        reasons(
            "The regulator did not allow the new Boeing jet to fly again until the fix was approved.",
            "The new Boeing jet was allowed to fly again only after the fix was approved.",
        )
        == []
    )
    assert (
        reasons(
            "Until the final, the team went unbeaten at the tournament.",
            "The team did not lose a single match at the tournament until the final.",
        )
        == []
    )


def test_session11_rounds_67_68() -> None:
    # "regardless of X" against "only if Y" on one predicate (two anchor words shared)
    assert reasons(
        "The champions will keep their top seeding for the 2026 draw regardless of results.",
        "The champions keep their top seeding for the 2026 draw only if they win the final.",
    ) == ["qualifier differs: regardless of vs only if"]
    # a "months-long" wait is a wait
    assert reasons(
        "The agency certified the record wind speed immediately after it was measured.",
        "The record wind speed was certified by the agency only after a months-long review.",
    ) == ["qualifier differs: immediately after vs only after"]
    # "while he was still sidelined" is a state (during it), not a process before its end
    assert (
        reasons(
            "The striker signed the new contract during his long injury layoff.",
            "The striker signed the new contract while he was still sidelined by injury.",
        )
        == []
    )
    assert extract_qualifiers("They voted while the count was still under way.")[0].kind == "before"


def test_session11_rounds_69_71_qualifiers() -> None:
    # gradual against at once (a rejected "rather than being phased in" is no gradual)
    assert reasons(
        "The new minimum wage is being phased in gradually until 2027, the ministry said.",
        "The new minimum wage applied in full straight away, rather than being phased in until 2027.",
    ) == ["condition differs: phased in vs straight away"]
    # "did not fail to V before X" is a double negative: V before X
    assert (
        reasons(
            "The council did not fail to publish the budget before the legal deadline.",
            "Before the legal deadline, the council published the budget.",
        )
        == []
    )
    # a fronted "unless" whose main clause is negated past a subject's relative clause
    assert (
        reasons(
            "Unless they show a medical certificate, students in Spain who miss the exam cannot retake it.",
            "Spanish students who miss the exam may retake it only if they show a medical certificate.",
        )
        == []
    )


def test_session11_an_un_verb_is_no_negated_main_clause() -> None:
    # "Before X, police uncovered ..." states the event before X ("uncovered" is a verb of its own)
    assert (
        reasons(
            "Police said that prior to the election they had uncovered a vote-buying ring.",
            "Before the election, police uncovered a vote-buying ring, they said.",
        )
        == []
    )


def test_session11_refused_before_is_not_before() -> None:
    # "refused entry ahead of the vote" = "were not allowed in before the vote"
    assert (
        reasons(
            "Serbia refused entry to the foreign observers ahead of the vote.",
            "The foreign observers were not allowed into Serbia before the vote.",
        )
        == []
    )


def test_session12_paused_pending_is_not_until() -> None:
    assert (
        reasons(
            "Quebec has paused new applications to its programme pending a review of quotas.",
            "Until a review of quotas is completed, Quebec will not take new applications to its programme.",
        )
        == []
    )


def test_session12_not_stopping_until_goes_on_until() -> None:
    assert [(q.kind, q.text) for q in extract_qualifiers("The volcano did not stop erupting until late May.")] == [
        ("until", "until")
    ]
    assert [(q.kind, q.text) for q in extract_qualifiers("The volcano did not erupt until late May.")] == [
        ("only_after", "not until")
    ]


def test_session12_illegal_and_banned_unless() -> None:
    kinds = [
        [(q.kind, q.text) for q in extract_qualifiers(text)]
        for text in (
            "Abortion in Poland is illegal unless the pregnancy results from a crime.",
            "New Zealand law forbids tattooing under-16s except if a parent gives consent.",
        )
    ]
    assert kinds == [[("only_if", "not ... unless")], [("only_if", "not ... except if")]]


def test_session12_ruled_out_and_unenforceable_until() -> None:
    assert [(q.kind, q.text) for q in extract_qualifiers("The bank ruled out cutting rates before 2025.")] == [
        ("only_after", "not before")
    ]
    assert reasons("The bank ruled out cutting rates before 2025.", "The bank would not lower rates before 2025.") == []
    assert (
        compare_quantities(
            "The bank ruled out cutting rates before 2025.", "The bank would not lower rates before 2025."
        )
        == []
    )
    assert (
        reasons(
            "Pending a final court ruling, the TikTok ban cannot be enforced, a judge said.",
            "A judge said the TikTok ban stays unenforceable until a court issues its final ruling.",
        )
        == []
    )


def test_session12_non_refundable_except_when() -> None:
    assert [
        (q.kind, q.text) for q in extract_qualifiers("Tickets are non-refundable except when the operator cancels.")
    ] == [("only_if", "not ... except when")]


def test_session12_a_non_adjective_in_the_object_is_no_ban() -> None:
    assert [
        (q.kind, q.text)
        for q in extract_qualifiers(
            "Unless parliament approves the budget, the government will shut non-essential services."
        )
    ] == [("unless", "unless")]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # one event (two slot words) hung on synonyms the lexicon lacks ("released" / "freed")
        (
            "The strikers said the hostages would be released only after a truce took hold.",
            "According to the strikers, the hostages were to be freed before any truce took hold.",
            "qualifier differs: only after vs before",
        ),
        # a necessary condition against a waiver of the same thing, on different verbs
        (
            "The minister said the dam would be built only if the regional assembly approves it.",
            "The dam will go ahead even if the regional assembly votes against it, the minister said.",
            "qualifier differs: only if vs even if",
        ),
        (
            "Conscription will return only if too few volunteers enlist, the ministry said.",
            "According to the ministry, conscription will be reinstated regardless of how many volunteers enlist.",
            "qualifier differs: only if vs regardless of how",
        ),
        # at once against a wait, with no shared event to hang the wait on
        (
            "Signed in Doha, the truce took effect immediately.",
            "The Doha truce came into force only after a delay of three days.",
            "qualifier differs: immediately vs only after a delay of three days",
        ),
        (
            "Drivers who fail can retake the test only after a three-month wait, the agency says.",
            "The agency says failed drivers may book a new test immediately, with no waiting period.",
            "condition differs: only after vs immediately",
        ),
        (
            "The tariff on imported steel applies at once to every shipment, the ministry said.",
            "Importers get a six-month grace period before the steel tariff applies, the ministry said.",
            "qualifier differs: at once vs grace period",
        ),
    ],
)
def test_session14_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # what one text waives, the other's necessary condition names
        (
            "The new constitution can take effect only after voters have approved it in a national referendum.",
            "The government said the new constitution will come into force without any referendum being held.",
            "condition differs: only after vs without",
        ),
        (
            "The country got the loan in exchange for pledging spending cuts.",
            "The country received the loan without having to commit to any spending cuts in return.",
            "condition differs: in exchange for vs without having to",
        ),
        (
            "Drivers caught speeding will lose their licence only after a formal warning.",
            "Speeding now leads to an immediate loss of the licence, with no formal warning given.",
            "condition differs: only after vs with no",
        ),
        # a restriction of time against every hour
        (
            "Trucks may cross the bridge only during daylight hours, the ministry said.",
            "The ministry said trucks are allowed to cross the bridge at any hour, including overnight.",
            "condition differs: only during vs at any hour",
        ),
    ],
)
def test_session14_waived_and_unrestricted(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # at once in both, in different words
        (
            "The truce took effect immediately after it was signed.",
            "The truce came into force as soon as it was signed.",
        ),
        # a negated "immediately" says nothing about a wait
        (
            "The truce did not take effect immediately; it came into force only after a delay of three days.",
            "The truce came into force only after a delay of three days.",
        ),
        # a waived wait on both sides
        (
            "Refugees can work immediately, with no waiting period.",
            "Refugees may take a job straight away, without any waiting period.",
        ),
        # a condition and a waiver of different things
        (
            "The grant is paid only if the firm hires locally, regardless of its size.",
            "Firms get the grant only if they hire local staff, whatever their size.",
        ),
    ],
)
def test_session14_harmless(new: str, old: str) -> None:
    assert reasons(new, old) == []


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "while it was being renovated" is during the renovation, not before it
        (
            "The blaze broke out while the museum was being renovated, firefighters said.",
            "The museum caught fire during renovation work, firefighters said.",
        ),
        # a pause pending X is not doing it until X
        (
            "The central bank said it will not cut rates until inflation falls below 30%.",
            "The central bank will hold off on any rate cuts till inflation drops under 30%.",
        ),
    ],
)
def test_session14_more_harmless(new: str, old: str) -> None:
    assert reasons(new, old) == []


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "The school phone ban applies only during lessons, so pupils can use phones at lunch.",
            "The phone ban in schools covers the whole school day, lunch breaks included.",
            "scope differs: only during lessons vs whole school day",
        ),
        (
            "The smoking ban on beaches applies during the summer season only.",
            "The ban on smoking at beaches is in force all year round.",
            "scope differs: summer season only vs all year round",
        ),
        (
            "The new scam rules cover banks alone, leaving telecom providers exempt.",
            "The new scam rules apply to banks, telecom providers and digital platforms alike.",
            "scope differs: cover banks alone vs digital platforms alike",
        ),
        (
            "The tax change applies retroactively, covering income earned in earlier years.",
            "The tax change applies only to income earned after it took effect.",
            "duration differs: retroactively vs only to income earned",
        ),
        (
            "Students may work unlimited hours only during semester breaks.",
            "Students can work unlimited hours even during the semester.",
            "scope differs: only during semester breaks vs even during the semester",
        ),
    ],
)
def test_session15_restricted_against_whole_extent_conflicts(new: str, old: str, reason: str) -> None:
    findings = compare_qualifiers(new, old)
    assert [(f.family, f.relation, f.reason) for f in findings] == [(Family.QUALIFIERS, Relation.CONFLICT, reason)]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # both restricted, or both unrestricted
        ("The ban applies only during lessons.", "Phones are banned in lessons only."),
        ("The curfew applies every night.", "The curfew is enforced throughout the week, every night."),
        # a restriction with nothing unrestricted on the other side: a dropped detail
        ("The ban applies only during lessons.", "Phones are banned in French schools."),
        # "only" on a name or a number is no scope
        ("Only Hungary refused to sign the conclusions.", "Every other member signed the conclusions."),
    ],
)
def test_session15_no_extent_conflict(new: str, old: str) -> None:
    assert compare_qualifiers(new, old) == []


def test_session15_extent_markers_need_a_phrase() -> None:
    # "only" before a name, "exclusively" before an adverb: no restricted extent
    assert (
        compare_qualifiers("Tickets are sold exclusively online.", "Tickets are sold online as well as at the office.")
        == []
    )
    assert compare_qualifiers(
        "Rationing was limited to the first weeks of summer.", "Rationing lasted for the whole summer."
    )


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "Kenya's ban on logging in public forests remains in force until 2026, the ministry said.",
            "The ministry said a ban on logging in Kenya's public forests will only take effect from 2026.",
        ),
        (
            "Rabat has suspended customs duties on imported cattle until the end of 2024.",
            "Morocco's suspension of customs duties on imported cattle will only start at the end of 2024.",
        ),
    ],
)
def test_session15_until_against_only_from(new: str, old: str) -> None:
    findings = compare_qualifiers(new, old)
    assert findings and findings[0].reason.startswith("qualifier differs: until vs only")
    # the same start in both texts is no conflict
    assert compare_qualifiers(old, old.replace("will only", "will")) == []


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "Men aged 18 to 60 are not allowed to leave the country unless they hold an exemption.",
            "Except if they have an exemption, men between 18 and 60 are barred from leaving.",
        ),
        (
            "Hospitals will turn away dengue patients unless they show a negative test.",
            "Hospitals will not admit dengue patients except if they show a negative test.",
        ),
    ],
)
def test_session15_negative_predicates_before_unless(new: str, old: str) -> None:
    assert compare_qualifiers(new, old) == []


def test_session15_a_state_until_x_is_a_change_not_before_x() -> None:
    assert (
        compare_qualifiers(
            "The captain will miss matches until he is cleared by doctors.",
            "The captain won't play again before doctors clear him.",
        )
        == []
    )
    # a deadline is no state: "gave them until March 14 to file" / "could not file before March 14"
    assert compare_qualifiers(
        "The court gave the petitioners until March 14 to file their evidence.",
        "The court said the petitioners could not file their evidence before March 14.",
    )


def test_session15_not_meant_to_be_permanent_is_temporary() -> None:
    assert (
        compare_qualifiers(
            "The suspension of beef exports was only a temporary measure.",
            "The beef export suspension was not meant to be permanent.",
        )
        == []
    )
    assert compare_qualifiers(
        "The suspension of beef exports was only a temporary measure.",
        "The beef export suspension was meant to be permanent.",
    )


def test_session15_a_fixed_term_against_a_permanent_one() -> None:
    findings = compare_qualifiers(
        "Judges elected by popular vote hold office only for a fixed term.",
        "The reform lets judges stay in office permanently once they are elected.",
    )
    assert [f.reason for f in findings] == ["duration differs: fixed term vs permanently"]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "The rolling blackouts in Luzon were carried out during peak evening hours.",
            "Rolling blackouts in Luzon were scheduled outside the evening peak.",
        ),
        (
            "Kenya suspends trawling licences during the long rains.",
            "Trawling licences in Kenya are suspended outside of the long rains.",
        ),
    ],
)
def test_session16_during_against_outside(new: str, old: str) -> None:
    reasons = [f.reason for f in compare_qualifiers(new, old)]
    assert len(reasons) == 1 and reasons[0].startswith("qualifier differs: during vs outside")


def test_session16_outside_the_same_time_agrees() -> None:
    assert (
        compare_qualifiers(
            "Trawling is banned outside the rainy season.", "Outside the rainy season, trawling is banned."
        )
        == []
    )


def test_session16_a_start_from_a_time_against_until_it() -> None:
    reasons = [
        f.reason
        for f in compare_qualifiers(
            "The burning ban in Beni lasts until the end of the dry season.",
            "The ban on burning in Beni starts from the end of the dry season.",
        )
    ]
    assert reasons == ["qualifier differs: until vs starts from"]


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "The ban on new gas boilers in Vienna applies until 2030.",
            "Vienna's ban on new gas boilers applies from 2030.",
            "qualifier differs: until vs from 2030",
        ),
        (
            "Free bus travel for pupils in Lyon will be offered until September 2026.",
            "Lyon starts offering free bus travel to pupils from September 2026.",
            "qualifier differs: until vs from September 2026",
        ),
        (
            "The cough syrup may be sold without a prescription until 1 July.",
            "From 1 July, the cough syrup will be available without a prescription.",
            "qualifier differs: until vs from 1 July",
        ),
    ],
)
def test_session17_until_against_from_a_date(new: str, old: str, reason: str) -> None:
    assert [f.reason for f in compare_qualifiers(new, old)] == [reason]


@pytest.mark.parametrize(
    "text",
    ["Prices rose from 2019 to 2023.", "The delegation flew in from Paris.", "Sales grew from 2019 onwards."],
)
def test_session17_from_without_a_start_date(text: str) -> None:
    assert not any(q.kind == "from" for q in extract_qualifiers(text))


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "Under the new Accra rules, street vendors may only operate on weekends.",
            "New Accra rules let street vendors trade every day of the week.",
            "scope differs: only operate on weekends vs every day of the",
        ),
        (
            "Lisbon's freeze on eviction orders only lasts through the winter months.",
            "Lisbon's freeze on eviction orders is in force all year round.",
            "scope differs: only lasts through the winter vs all year round",
        ),
        (
            "Uganda's ban on plastic bags applies only within Kampala.",
            "Uganda enforces its ban on plastic bags nationwide.",
            "scope differs: only within Kampala vs nationwide",
        ),
    ],
)
def test_session17_a_restricted_verb_against_a_whole_extent(new: str, old: str, reason: str) -> None:
    assert [f.reason for f in compare_qualifiers(new, old)] == [reason]


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "Jordan has closed its airspace to civilian flights until further notice.",
            "Jordan's closure of its airspace to civilian flights will last only until Sunday.",
            "duration differs: until further notice vs only until",
        ),
        (
            "The bonus for rooftop solar owners will last one year only.",
            "The payment to rooftop solar owners has no end date.",
            "duration differs: last one year vs no end date",
        ),
        (
            "The 2022 halt on palm oil exports was open-ended.",
            "The palm oil export ban of 2022 lasted about three weeks.",
            "duration differs: open-ended vs lasted about three weeks",
        ),
    ],
)
def test_session17_more_terms(new: str, old: str, reason: str) -> None:
    assert [f.reason for f in compare_qualifiers(new, old)] == [reason]


def test_session17_except_during_is_outside() -> None:
    assert (
        compare_qualifiers(
            "Bikes may be taken on the trains every day except during rush hour.",
            "Bikes are allowed on the trains at all times outside peak hours.",
        )
        == []
    )
    (finding,) = compare_qualifiers(
        "Bikes may be taken on the trains every day except during rush hour.",
        "Bikes are allowed on the trains only during rush hour.",
    )
    assert finding.reason == "qualifier differs: except during vs during"


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Pensioners in Tirana receive the winter fuel payment regardless of income.",
            "Tirana pays the winter fuel payment only to pensioners on the lowest incomes.",
            "scope differs: regardless of income vs only to pensioners on",
        ),
        (  # (a guard: the condition rule found this one before session 19)
            "The city pool in Ghent can be used at any time of the year.",
            "The city pool in Ghent can only be used during the summer months.",
            "condition differs: at any time vs only ... during",
        ),
        (
            "Members of any age may join the rowing club in Bled.",
            "The rowing club in Bled is open only to members under the age of 25.",
            "scope differs: of any age vs only to members under",
        ),
        (
            "The ferry to Hvar sails seven days a week.",
            "The ferry to Hvar sails only at weekends.",
            "scope differs: seven days a week vs only at weekends",
        ),
        (
            "The new surcharge only applies to trucks heavier than 12 tonnes.",
            "The new surcharge applies to all vehicles entering the city centre.",
            "scope differs: only applies to trucks heavier vs all vehicles entering the",
        ),
        (
            "The film can be streamed for free for 30 days only.",
            "The film can be streamed for free with no time limit.",
            "scope differs: 30 days only vs no time limit",
        ),
    ],
)
def test_session19_unrestricted_extent_against_a_restriction(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]
    kind, words = expected.split(": ", 1)
    assert reasons(old, new) == [f"{kind}: {' vs '.join(reversed(words.split(' vs ')))}"]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "at any" before a place, "all" after "not": no unrestricted extent
        (
            "Students must pass the entrance exam before they can enrol at any state university.",
            "Enrolment at a state university is possible only after passing the entrance exam.",
        ),
        (
            "Not all retailers will have to charge the bag tax.",
            "The bag tax applies only to large supermarkets.",
        ),
        # both texts restrict
        ("The ferry sails only at weekends.", "The ferry only sails on Saturdays and Sundays."),
    ],
)
def test_session19_no_unrestricted_extent(new: str, old: str) -> None:
    assert not [r for r in reasons(new, old) if r.startswith("scope differs")]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The fishing ban in the Gulf of Riga applies until the end of June.",
            "The fishing ban in the Gulf of Riga takes effect from the end of June.",
            "qualifier differs: until vs from the end of June",
        ),
        (
            "From the start of 2027, e-scooters will be banned from Madrid's pavements.",
            "E-scooters may be ridden on Madrid's pavements until the start of 2027.",
            "qualifier differs: from the start of 2027 vs until",
        ),
        (
            "The closure of the A1 motorway near Ljubljana will start on Friday.",
            "The closure of the A1 motorway near Ljubljana will last until Friday.",
            "qualifier differs: start on Friday vs until",
        ),
    ],
)
def test_session19_a_start_at_a_date_against_an_end_at_it(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_session19_start_and_end_of_one_span_agree() -> None:
    # "start on Monday and last until Friday" = "from Monday until Friday"
    assert (
        reasons(
            "The strike at the port of Gdansk will start on Monday and last until Friday.",
            "Dock workers in Gdansk will strike from Monday until Friday.",
        )
        == []
    )
    assert reasons("The festival starts in the middle of town.", "The festival lasts until midnight.") == []


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The court in Osh ordered the immediate release of the journalist.",
            "The journalist is to be freed in 30 days under a court order issued in Osh.",
            "qualifier differs: immediate vs in 30 days",
        ),
        (
            "Lithuanian insurers must report a cyber attack immediately.",
            "Lithuanian insurers get up to 14 days to report a cyber attack.",
            "qualifier differs: immediately vs up to 14 days",
        ),
        (
            "Late fees on Kenyan electricity bills are charged from the first day a bill is overdue.",
            "Kenya Power charges late fees on electricity bills only after a bill is overdue for ten days.",
            "condition differs: from the first day vs only after",
        ),
        (
            "The sugar tax took effect on the same day the king signed it.",
            "The sugar tax took effect two weeks later, after the king signed it.",
            "qualifier differs: on the same day vs two weeks later",
        ),
    ],
)
def test_session19_at_once_against_an_amount_of_waiting(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_session19_an_amount_of_time_in_both_texts_is_no_immediacy_conflict() -> None:
    assert (
        reasons(
            "The law takes effect immediately and firms have 30 days to comply.",
            "Firms get up to 30 days to comply with the law.",
        )
        == []
    )
    assert reasons("The results were published immediately.", "The report was 40 pages long in 2 editions.") == []


def test_session19_a_ban_during_a_time_is_a_permission_outside_it() -> None:
    assert (
        reasons(
            "While turtles are nesting, Oman bars fishing boats from the Ras al Jinz coast.",
            "Fishing boats may work the Ras al Jinz coast only outside the turtle nesting season.",
        )
        == []
    )
    # both texts ban: the times still differ
    assert reasons(
        "The closure of the lobster fishery runs outside the breeding season.",
        "The lobster fishing ban applies during the breeding season.",
    ) == ["qualifier differs: outside vs during"]


def test_session19_failing_after_a_preposition_negates_no_clause() -> None:
    # "fines for failing to vote": a noun phrase; the main clause ("will be issued unless") is positive
    assert (
        reasons(
            "Peruvian voters who skip the election will be fined except if they give a valid excuse.",
            "Fines for failing to vote in Peru will be issued unless voters give a valid excuse.",
        )
        == []
    )
    assert (
        reasons(
            "Peruvian voters who skip the election will be fined unless they give a valid excuse.",
            "Voters who failed to vote were not fined unless they had no valid excuse.",
        )
        != []
    )


def test_session19_named_days_before_only_restrict() -> None:
    assert reasons(
        "The night bus in Cork runs on Fridays and Saturdays only.",
        "The night bus in Cork runs seven nights a week.",
    ) == ["scope differs: and Saturdays only vs seven nights a week"]
    # a name before "only" is no restricted extent ("Paris only" against "every" is another rule's)
    assert reasons("The tour visits Lyon only.", "The tour visits Lyon seven days a week.") == []
