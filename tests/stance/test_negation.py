from __future__ import annotations

import pytest

from claimmatch.stance.base import Family, Relation
from claimmatch.stance.negation import compare_negation, negated_tokens, negation_scopes
from claimmatch.stance.tokens import analyze


def reasons(new: str, old: str) -> list[str]:
    return [f.reason for f in compare_negation(new, old)]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Putin said foreign troops would not be targets",
            "Putin said foreign troops would be legitimate targets",
            "negation differs: 'would not be targets' vs 'would be legitimate targets'",
        ),
        (
            "The Senate did not approve the bill",
            "The Senate approved the bill",
            "negation differs: 'did not approve' vs 'approved'",
        ),
        (
            "The Senate didn't approve the bill",
            "The Senate approved the bill",
            "negation differs: 'did not approve' vs 'approved'",
        ),
        (
            "The Senate approved the bill",
            "The Senate never approved the bill",
            "negation differs: 'approved' vs 'never approved'",
        ),
        (
            "Vaccines do not cause autism",
            "Vaccines cause autism",
            "negation differs: 'do not cause' vs 'cause'",
        ),
        (
            "Russia cannot win the war",
            "Russia can win the war",
            "negation differs: 'can not win' vs 'can win'",
        ),
        (
            "The law passed without a vote",
            "The law passed after a vote",
            "negation differs: 'without a vote' vs 'vote'",
        ),
        (
            "He denied that he approved the deal",
            "He approved the deal",
            "negation differs: 'denied that he approved' vs 'approved'",
        ),
        (
            "There is no evidence that vaccines cause autism",
            "Vaccines cause autism",
            "negation differs: 'is no evidence that vaccines cause autism' vs 'vaccines cause autism'",
        ),
    ],
)
def test_negation_mismatch(new: str, old: str, expected: str) -> None:
    findings = compare_negation(new, old)
    assert [f.reason for f in findings] == [expected]
    assert findings[0].relation is Relation.NEGATION and findings[0].family is Family.NEGATION


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The Senate did not approve the bill", "The Senate never approved the bill"),  # both negated
        ("The Senate did not approve the bill", "The Senate rejected the bill"),  # negated antonym
        ("It is not impossible", "It is possible"),  # double negation
        ("Not only did prices rise, wages rose too", "Prices rose and wages rose"),
        ("Troops will not leave until a ceasefire", "Troops will leave after a ceasefire"),
        ("No more than 50 people came", "50 people came"),
        ("They would send troops without waiting for a ceasefire", "They would send troops"),
        ("Trump, who did not attend, said taxes rose", "Trump said taxes rose"),  # negated word absent
        ("Biden did not win Texas", "Trump won Texas"),  # different named subjects
        ("The Senate approved the bill", "The Senate approved the bill"),
    ],
)
def test_no_negation_mismatch(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_scopes_and_heads() -> None:
    doc = analyze("The Senate did not approve the bill")
    (scope,) = negation_scopes(doc)
    assert doc.tokens[scope.head].lower == "approve"
    assert doc.span(scope.first, scope.head) == "did not approve"
    assert negated_tokens(doc) == frozenset({scope.head})
    (nobody,) = negation_scopes(analyze("No one knows"))
    assert analyze("No one knows").tokens[nobody.head].lower == "knows"
    assert negation_scopes("Not only prices rose") == ()


def test_contractions_are_expanded() -> None:
    assert analyze("They can't and won't").text == "They can not and will not"


# ---- round 2: implicit negatives, negated universals, epistemic verbs, copulas, denied reports


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("Studies show a lack of evidence that vitamin C prevents colds.", "Vitamin C prevents colds."),
        ("The autopsy showed an absence of drugs in the blood.", "The autopsy found drugs in the blood."),
        ("The treaty lacks an enforcement mechanism.", "The treaty has an enforcement mechanism."),
        ("Not all of the schools reopened in September.", "All of the schools reopened in September."),
        ("It has not been shown that the tea cures diabetes.", "The tea cures diabetes."),
        ("The museum did not remain open.", "The museum remained open."),
    ],
)
def test_round2_negations_found(new: str, old: str) -> None:
    found = compare_negation(new, old)
    assert found and all(f.relation is Relation.NEGATION for f in found)
    assert compare_negation(old, new)  # both directions


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("There is no evidence that the tea cures diabetes.", "It has not been shown that the tea cures diabetes."),
        (
            "Not all of the donated vaccines reached the clinics.",
            "Some of the donated vaccines did not reach the clinics.",
        ),
        ("Not all of the schools reopened.", "Some of the schools reopened."),
        ("The footballer denied the doping allegations.", "The footballer said the doping allegations were not true."),
        ("The treaty lacks any enforcement mechanism.", "The treaty has no enforcement mechanism."),
        ("The senator did not vote for the bill.", "The senator voted against the bill."),
        ("The museum did not remain open during the renovation.", "The museum stayed shut during the renovation."),
    ],
)
def test_round2_harmless_rewordings(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_round2_scopes() -> None:
    doc = analyze("The museum did not remain open")
    (scope,) = negation_scopes(doc)
    assert doc.tokens[scope.head].lower == "open"
    doc = analyze("The museum did not stay in the city")
    (scope,) = negation_scopes(doc)
    assert doc.tokens[scope.head].lower == "stay"  # a copula before a preposition is the head
    doc = analyze("Not all of the vaccines reached the clinics")
    (scope,) = negation_scopes(doc)
    assert {doc.tokens[j].lower for j in scope.clause} == {"vaccines", "reached", "clinics"}
    assert negation_scopes("An absence makes the heart grow fonder") == ()  # "absence" needs "of"


# Round 3: "ruled out", "hardly any", "declined to", destinations after "to", names after "halts".
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Police ruled out foul play in the singer's death.",
            "Police said foul play caused the singer's death.",
            "negation differs: 'ruled out foul' vs 'foul'",
        ),
        (
            "Hardly any of the new flats have been sold.",
            "Most of the new flats have been sold.",
            "negation differs: 'Hardly any of the new' vs 'new'",
        ),
    ],
)
def test_round3_negations(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The climbers never returned to the summit camp.", "The climbers did not come back to the summit camp."),
        ("The club declined to comment on the transfer.", "The club refused to comment on the transfer."),
        ("Judge halts Wyoming mine expansion pending review", "A judge paused the Wyoming mine expansion."),
    ],
)
def test_round3_harmless(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_declined_to_a_number_is_no_negation() -> None:
    assert negation_scopes("Exports declined to 3% of output") == ()
    assert negation_scopes("Turnout declined to the lowest level since 1945") == ()
    (scope,) = negation_scopes("The minister declined to resign")
    assert scope.cue == 2


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The launch was anything but smooth.",
            "The launch went smoothly.",
            "negation differs: 'was anything but smooth' vs 'smoothly'",
        ),
        (
            "Figures show zero arrests at the protest.",
            "Figures show arrests at the protest.",
            "negation differs: 'zero arrests' vs 'arrests'",
        ),
    ],
)
def test_round4_negations(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_dismissed_false_claims_negate_the_clause() -> None:
    (scope,) = negation_scopes("Police debunked false claims that the attacker was a migrant")
    assert scope.clause


# Round 6: "no evidence the X was Y" (no "that") negates the clause, like "no evidence that".
def test_round6_epistemic_clause_without_that() -> None:
    assert reasons("There is no evidence the bridge was damaged.", "The bridge was damaged.") == [
        "negation differs: 'is no evidence the bridge was damaged' vs 'bridge was damaged'"
    ]
    assert (
        reasons(
            "Engineers found no evidence the bridge was damaged.", "There is no evidence that the bridge was damaged."
        )
        == []
    )
    assert reasons("There is no evidence the group met.", "The group met in secret.") == []  # no verb after "the group"


# Round 7 (session 7).
def test_round7_a_wh_word_inside_a_sentence_is_no_question() -> None:
    # "The WHO has not ..." and "people who have not ..." are negations; "Why hasn't ...?" is not
    assert [s.cue for s in negation_scopes("The WHO has not yet approved the drug.")] == [3]
    assert len(negation_scopes("People who have not been vaccinated are at risk.")) == 1
    assert negation_scopes("Why hasn't the government acted?") == ()


def test_round7_no_proof_has_been_found_that_negates_the_clause() -> None:
    assert reasons("No proof has been found that the drug works.", "There is no evidence that the drug works.") == []
    assert reasons("No proof has been found that the drug cures cancer.", "The drug cures cancer.") == [
        "negation differs: 'No proof has been found that the drug cures cancer' vs 'drug cures cancer'"
    ]


def test_round7_a_verb_before_an_object_quantifier_is_negated() -> None:
    assert reasons("The company paid nothing in taxes last year.", "The company did not pay any taxes last year.") == []
    assert reasons("The company paid nothing in taxes last year.", "The company paid taxes last year.") == [
        "negation differs: 'paid nothing' vs 'paid'"
    ]


def test_round7_a_word_further_inside_the_other_negated_phrase_is_negated_there() -> None:
    new, old = "The mayor has not once been to Tarnby.", "The mayor has never visited the flooded village of Tarnby."
    assert reasons(new, old) == []
    assert reasons(new, "The mayor visited the flooded village of Tarnby.") != []


# Round 8 (session 7).
def test_round8_yet_to_and_far_from_are_negations() -> None:
    assert reasons("The report has not been published yet.", "The government has yet to publish the report.") == []
    assert reasons("The government has yet to pay compensation.", "The government has already paid compensation.") == [
        "negation differs: 'has yet to pay' vs 'has already paid'"
    ]
    assert reasons("A recession next year is far from certain.", "A recession next year is not certain.") == []
    assert negation_scopes("The village is far from the city.") == ()  # a distance, not a negation


def test_round8_none_of_them_got_more_than_half_is_a_negation_not_a_superlative() -> None:
    assert len(negation_scopes("None of the candidates received more than half of the votes.")) == 1
    assert negation_scopes("No mountain is higher than Everest.") == ()  # a superlative, as before
    new, old = (
        "Not one of the candidates got more than half of the votes.",
        "None of the candidates got more than half of the votes.",
    )
    assert reasons(new, old) == []


def test_round8_a_passive_agent_is_its_whole_name() -> None:
    new = "The new drug has not yet been approved by the European Medicines Agency."
    assert reasons(new, "The European Medicines Agency has approved the new drug.") == [
        "negation differs: 'has not yet been approved' vs 'has approved'"
    ]


# Fronted negations: "neither X nor Y V" and "Not once ... has S V" negate the verb V.
def test_neither_nor_negates_the_verb_once() -> None:
    doc = analyze("Neither the mayor nor her deputy attended the meeting.")
    assert [doc.tokens[s.head].text for s in negation_scopes(doc)] == ["attended"]
    new = "Neither France nor Germany sent troops to the mission."
    assert reasons(new, "France did not send troops to the mission, and Germany did not either.") == []
    assert reasons(new, "France and Germany sent troops to the mission.") == [
        "negation differs: 'Neither France nor Germany sent' vs 'sent'"
    ]


def test_a_fronted_not_once_negates_the_verb_after_the_inverted_subject() -> None:
    doc = analyze("Not once in his twenty years has the senator voted against his party.")
    assert [doc.tokens[s.head].text for s in negation_scopes(doc)] == ["voted"]
    assert reasons(doc.text, "The senator has never voted against his party in his twenty years.") == []
    assert negation_scopes("Not until 2020 did the law pass.") == ()  # "only in 2020": a qualifier


# Session 8 (rounds 12-13)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The province is far from meeting its housing target, the auditor said.",
            "The auditor said the province has met its housing target.",
            "negation differs: 'is far from meeting' vs 'has met'",
        ),
        (
            "The tribunal refused to hear the appeal of the dismissed workers.",
            "The appeal of the dismissed workers was heard by Kenya's Employment Tribunal.",
            "negation differs: 'refused to hear' vs 'was heard'",
        ),
        (
            "Not a single one of the 12 reactors passed the stress test.",
            "All 12 reactors passed the stress test.",
            "negation differs: 'Not a single one of the 12 reactors passed' vs 'passed'",
        ),
    ],
)
def test_round12_13_negations(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "None of the 12 reactors passed the stress test.",
            "Not a single one of the 12 reactors passed the stress test.",
        ),
        ("Not one of the bridges was inspected.", "None of the bridges was inspected."),
        # "did not X before Y" is a qualifier (only after); "failed to X by Y" is still not X
        (
            "The club did not sign the striker before the window closed.",
            "The club failed to sign the striker by the end of the window.",
        ),
    ],
)
def test_round12_13_same_negation(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_a_passive_agent_is_found_across_a_possessive() -> None:
    # "by India's Supreme Court": the agent is "Court" (the subject of "refused"), not "India"
    assert reasons(
        "The Indian Supreme Court refused to hear the petition.",
        "The petition was heard by India's Supreme Court.",
    ) == ["negation differs: 'refused to hear' vs 'was heard'"]
    # a different named agent: an entity question, not a negation
    assert (
        reasons(
            "The Indian Supreme Court refused to hear the petition.",
            "The petition was heard by Nepal's president.",
        )
        == []
    )


# Session 8 (rounds 14-15)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Investigators said nobody has been charged over the fire.",
            "Two managers have been charged over the fire, investigators said.",
            "negation differs: 'nobody has been charged' vs 'have been charged'",
        ),
        (
            "Nobody on the ferry survived the storm.",
            "Three passengers survived the storm on the ferry.",
            "negation differs: 'Nobody on the ferry survived' vs 'survived'",
        ),
        (
            "The probe found no trace of water ice in the crater.",
            "Water ice was detected in the crater by the probe.",
            "negation differs: 'no trace of water' vs 'water'",
        ),
        (
            "Nobody died in the blast.",
            "Four workers were killed in the blast.",
            "negation differs: 'Nobody died' vs 'were killed'",
        ),
        # a negated verb with no counterpart whose object the other text states plainly
        (
            "The singer never recorded a studio album in Japan.",
            "The singer made a studio album in Japan.",
            "negation differs: 'never recorded a studio album in Japan' vs 'made a studio album in Japan'",
        ),
    ],
)
def test_round14_15_negations(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # both negated, differently: the words after a negated verb are no plain counterpart
        ("Chile failed to qualify for the Copa America final.", "Chile did not make it to the Copa America final."),
        # a double negation asserts its clause
        ("It is not true that nobody was rescued.", "Rescuers saved 12 people."),
        ("It is not the case that the glacier isn't melting.", "The glacier is melting."),
        ("It is false that nobody survived the crash.", "Passengers survived the crash."),
        # "the eruption has stopped" = "no longer erupting"
        ("The volcano is no longer erupting.", "The eruption at the volcano has stopped."),
        # the subject of a negation ("the lander failed") is no counterpart of "did not land"
        ("The lander failed to touch down upright.", "The probe did not land upright."),
        # a name after "no proof" starts a clause
        ("There is no proof HAARP caused the storm.", "There is no evidence that the storm was caused by HAARP."),
        # the object fallback stays quiet on a paraphrased negation ("missed", "unchanged", "stayed")
        ("The team did not reach its sales target.", "The team missed its sales target."),
        ("The bank did not change interest rates in May.", "The bank left interest rates unchanged in May."),
        ("She never missed a vote on the budget.", "She attended every single vote on the budget."),
    ],
)
def test_round14_15_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Session 8 (rounds 16-17)
@pytest.mark.parametrize(
    ("new", "old"),
    [
        # a fronted "Unless X," / "Without X," before a negated clause states a condition
        (
            "The referendum binds the cabinet only if turnout tops half.",
            "Unless turnout tops half, the referendum is not binding.",
        ),
        (
            "Nurses may give the drug only with a doctor's consent.",
            "Without a doctor's consent, nurses cannot give the drug.",
        ),
        # "stopped being" = "no longer is"
        ("The island is no longer a member of the league.", "The island stopped being a member of the league."),
        # "no longer operates any flights": the words after a negated verb are no plain counterpart
        ("The carrier has stopped flying to Kabul.", "The carrier no longer operates any flights to Kabul."),
    ],
)
def test_round16_17_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_a_far_passive_agent_is_the_subject() -> None:
    assert reasons(
        "UEFA has NOT stripped Norway of the right to host the final.",
        "Norway has been stripped of the right to host the final by UEFA.",
    ) == ["negation differs: 'has NOT stripped' vs 'has been stripped'"]


def test_a_fronted_without_against_a_plain_statement_still_differs() -> None:
    assert reasons(
        "Without a visa, tourists cannot enter the country.", "Tourists can enter the country without a visa."
    ) == ["negation differs: 'visa' vs 'without a visa'"]


# Session 8 (rounds 18-19)
def test_an_agentless_passive_has_no_named_subject() -> None:
    # "women are conscripted into the army": "Women" is the object, not a rival subject of Norway
    assert reasons(
        "Norway has never conscripted women into its army.", "Women are conscripted into the Norwegian army."
    ) == ["negation differs: 'has never conscripted' vs 'are conscripted'"]


def test_a_name_in_a_place_phrase_is_no_subject() -> None:
    assert reasons(
        "Residents of Peru's Ica region received no warning at all.",
        "Authorities in Peru warned residents of the Ica region.",
    ) == ["negation differs: 'no warning' vs 'warned'"]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "except if X" = "unless X" = "if not X"
        ("Wages rise in July except if inflation falls.", "Wages rise in July if inflation does not fall."),
        # a word after a rejecting verb is no plain counterpart
        (
            "The court refused to extradite the banker.",
            "The court turned down the request for the banker's extradition.",
        ),
        # "At no point has X V" is a fronted negation of V
        ("The bowler has never been banned.", "At no point in his career has the bowler been banned."),
    ],
)
def test_round18_19_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_not_until_reaches_eight_words() -> None:
    # "will not resume peace talks with the rebels until X" = "will resume them only after X"
    assert (
        reasons(
            "Only after the hostages are freed will the government resume peace talks with the rebels.",
            "The government will not resume peace talks with the rebels until the hostages have been freed.",
        )
        == []
    )


# Session 8 (rounds 22-23)
@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "has not failed to pay" = "has paid"
        ("The province has not failed to pay its bondholders.", "The province kept paying its bondholders."),
        # "found nothing indicating X" = "no evidence that X"
        (
            "Inspectors found nothing indicating the rice was contaminated.",
            "There is no evidence that the rice was contaminated.",
        ),
        # "At no point did Peru's president resign" = "never resigned"
        ("At no point did Chile's president resign.", "Chile's president never resigned."),
        # one subject written within the other's noun phrase
        ("Ghana's Supreme Court has ruled on the appeal.", "The Supreme Court in Ghana has ruled on the appeal."),
    ],
)
def test_round22_23_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_has_yet_to_against_has_with_one_subject_in_two_phrasings() -> None:
    assert reasons(
        "Ghana's Supreme Court has yet to rule on the appeal.", "The Supreme Court in Ghana has ruled on the appeal."
    ) == ["negation differs: 'has yet to rule' vs 'has ruled'"]


# Session 8 (rounds 24-25)
def test_a_headline_passive_has_its_agent() -> None:
    assert reasons(
        "Chile refuses to sign joint statement on fisheries", "Joint statement on fisheries signed by Chile"
    ) == ["negation differs: 'refuses to sign' vs 'signed'"]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "without X" after a negated verb is a condition ("only with X"), not a negation of X
        (
            "Antibiotics cannot be sold without a prescription.",
            "The rules allow antibiotic sales only with a prescription.",
        ),
        # "the agency said aftershocks stopped": the subject is after "said"
        (
            "The agency said no further aftershocks were recorded after Sunday.",
            "The agency said aftershocks stopped after Sunday.",
        ),
    ],
)
def test_round24_25_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Session 8 (rounds 26-27)
def test_deaths_and_died() -> None:
    assert reasons("Miners died in the blast.", "There were no deaths in the blast.") == [
        "negation differs: 'died' vs 'were no deaths'"
    ]


def test_neither_nor_covers_its_names() -> None:
    assert (
        reasons("Neither Chile nor Peru signed the water deal.", "Chile did not sign the water deal, and nor did Peru.")
        == []
    )


# Session 9 (rounds 28-29)
def test_a_quantified_subject_negates_its_verb() -> None:
    assert reasons("None of the 30 miners died in the flood.", "Several of the 30 miners died in the flood.") == [
        "negation differs: 'None of the 30 miners died' vs 'died'"
    ]
    assert reasons("No one aboard the ferry survived.", "Everyone aboard the ferry survived.") == [
        "negation differs: 'No one aboard the ferry survived' vs 'survived'"
    ]
    # a participle that modifies the subject is not the verb the quantifier negates
    assert negated_tokens("None of the hikers stranded on the ridge died overnight.") == frozenset({3, 8})


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # a negated antonym of the other text's verb under a quantified subject: the same fact
        ("None of the 30 miners died in the flood.", "All 30 miners survived the flood."),
        ("No one on the ferry survived the storm.", "Everyone on the ferry died in the storm."),
        # "cannot V without X" = "need X to V": a condition, not a negation of V
        (
            "Foreign nationals cannot open a bank account without a tax number, the regulator said.",
            "The regulator said foreign nationals need a tax number to open a bank account.",
        ),
        # "banned from V-ing" = "may not V"
        (
            "Cruise ships are banned from docking in the old harbour in August.",
            "Cruise ships may not dock in the old harbour in August.",
        ),
        # "halted the issuing of" = "stopped issuing"
        (
            "The embassy halted the issuing of student visas in May.",
            "In May the embassy stopped issuing student visas.",
        ),
        # "will ban X" and "X cannot be ..." are both negative
        (
            "The city will ban diesel taxis in the centre from 2027.",
            "From 2027, diesel taxis cannot be licensed in the city centre.",
        ),
    ],
)
def test_round28_29_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_without_in_both_texts_keeps_the_negation() -> None:
    # "without X" on both sides is no condition of one text, and the word before a "without" is no
    # subject of a negation
    assert reasons("Officers cannot search cars without a warrant.", "Officers can search cars without a warrant.") == [
        "negation differs: 'can not search' vs 'can search'"
    ]


def test_not_stopped_is_a_double_negation() -> None:
    assert reasons("The strike has not stopped since Monday.", "The strike has gone on since Monday.") == []
    assert reasons("The reactor has not stopped operating since 1998.", "The reactor has operated since 1998.") == []


# Session 9 (rounds 30-31)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Peru's coffee harvest was far from a record in 2023.",
            "Peru had a record coffee harvest in 2023.",
            "negation differs: 'was far from a record' vs 'had a record'",
        ),
        (
            "The ministry denied on Monday that its drones had crossed the border.",
            "The ministry's drones crossed the border.",
            "negation differs: 'denied on Monday that its drones' vs 'drones'",
        ),
        (
            "None of the 5 regions surveyed reported shortages.",
            "All 5 regions surveyed reported shortages.",
            "negation differs: 'None of the 5 regions surveyed reported' vs 'reported'",
        ),
        # the subject of "without V-ing" is its clause's, not the nearest name
        (
            "Chile built the port near Arica without consulting local fishermen.",
            "Chile consulted local fishermen before it built the port near Arica.",
            "negation differs: 'without consulting' vs 'consulted'",
        ),
        # a negated "impose any ban on X" against "banned X": the ban is the object itself
        (
            "Kenya did not impose any ban on maize imports in 2023.",
            "Kenya banned maize imports in 2023.",
            "negation differs: 'did not impose any ban on maize imports' vs 'Kenya banned maize imports'",
        ),
        (
            "The general has never testified in court.",
            "The general gave testimony in court.",
            "negation differs: 'has never testified' vs 'testimony'",
        ),
    ],
)
def test_round30_31_negations(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # the other text negates the words after them: "is still awaiting", "is insufficient"
        (
            "The ministry has not yet approved the new rail link.",
            "The new rail link is still awaiting approval from the ministry.",
        ),
        (
            "There is not enough evidence to say the sweetener causes migraines.",
            "The evidence that the sweetener causes migraines is insufficient.",
        ),
        ("The bridge had not been maintained for decades.", "A lack of maintenance over decades weakened the bridge."),
        (
            "The council denied paying the contractor before the audit.",
            "The council said it had not paid the contractor before the audit.",
        ),
    ],
)
def test_round30_31_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Session 9 (rounds 32-33)
def test_far_from_being() -> None:
    assert reasons(
        "Far from being finalised, the merger was abandoned in 2020.", "In 2020 the merger was finalised."
    ) == ["negation differs: 'Far from being finalised' vs 'was finalised'"]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "no X can be V-ed without Y" = "X may be V-ed only with Y": a condition, not a negation
        (
            "No drone can be flown over the stadium without police approval.",
            "Drones may be flown over the stadium only after police approval.",
        ),
        # a fronted "Until X," makes the negated verb a qualifier's
        (
            "Until the inquiry reports, the plant cannot reopen.",
            "The plant may reopen only once the inquiry reports.",
        ),
        # "without a single country voting against" = "no country voted against"
        (
            "The treaty was adopted without a single country voting against it.",
            "No country voted against the treaty when it was adopted.",
        ),
    ],
)
def test_round32_33_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Session 9 (rounds 34-35)
def test_without_before_a_negated_verb_is_a_condition() -> None:
    assert (
        reasons(
            "All pilgrims must get a flu vaccine, and those without one will not be allowed to board.",
            "Pilgrims must be vaccinated against flu, and those without the vaccine will not be allowed to board.",
        )
        == []
    )


def test_a_possessive_name_after_subject_to_is_no_object() -> None:
    # "will not be subject to Australia's cap": the cap is the object, not Australia
    assert (
        reasons(
            "Australia's new migration cap is not going to apply to students.",
            "Students will not be subject to Australia's new cap on migration.",
        )
        == []
    )
    # but a plain name after "to" is: "will not move to Nusantara" / "relocate to Nusantara"
    assert reasons("The capital will not move to Nusantara in 2024.", "The capital will relocate to Nusantara in 2024.")


# Session 9 (rounds 36-37)
def test_a_hyphenated_amount_before_the_noun() -> None:
    # (since session 15 "held" and "staged" are synonyms, so the verb is the counterpart)
    assert reasons("The drivers held no 48-hour strike in March.", "The drivers staged a 48-hour strike in March.") == [
        "negation differs: 'held no 48-hour strike' vs 'staged'"
    ]


def test_impossible_to() -> None:
    assert reasons(
        "It is impossible for a vaccinated child to catch measles.", "A vaccinated child can catch measles."
    ) == ["negation differs: 'impossible for a vaccinated child to catch' vs 'can catch'"]


# Session 9 (rounds 38-39)
def test_a_quantifier_before_a_qualifier_still_does_not_assert_its_verb() -> None:
    # "no elections were held before X": "held" is no plain counterpart of "without holding"
    assert (
        reasons(
            "No elections were held before the interim government took power.",
            "The interim government took power without holding any elections.",
        )
        == []
    )


def test_a_never_passive_has_no_named_subject() -> None:
    assert reasons(
        "During the standoff, India closed the corridor to pilgrims.",
        "The corridor between India and Pakistan was never closed to pilgrims during the standoff.",
    ) == ["negation differs: 'closed' vs 'was never closed'"]


# Session 9 (rounds 42-43)
def test_a_cessation_after_the_object_words() -> None:
    # "schools stopped serving free lunches": the other text is negative too
    assert (
        reasons(
            "Free lunches are no longer provided in Quito's public schools.",
            "Quito's public schools stopped serving free lunches in 2024.",
        )
        == []
    )


def test_a_subject_written_around_a_name() -> None:
    assert reasons("Quito's metro Line 2 failed to open in 2023.", "Line 2 of the Quito metro opened in 2023.") == [
        "negation differs: 'failed to open' vs 'opened'"
    ]


# Session 10 (rounds 42, 44-45)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # a barring verb with its object before "from" negates the gerund
        (
            "The new code bars referees from talking to the press after matches.",
            "Under the new code, referees can keep talking to the press after matches.",
            "negation differs: 'bars referees from talking' vs 'can keep talking'",
        ),
        (
            "Fishing boats are banned from entering the bay in May.",
            "Fishing boats can enter the bay in May.",
            "negation differs: 'are banned from entering' vs 'can enter'",
        ),
        # "not been barred" against "barred": the negation falls on the barring verb
        (
            "The minister said students were barred from joining the union.",
            "The minister said students had not been barred from joining the union.",
            "negation differs: 'were barred' vs 'had not been barred'",
        ),
        # "the disputed fees" is an adjective, no negation of the other text's "paid"
        (
            "The airline has paid the disputed fees to the airport.",
            "The airline said it had not paid the disputed fees to the airport.",
            "negation differs: 'has paid' vs 'had not paid'",
        ),
        # a weekday after "that" is no subject: "on Friday that it plans"
        (
            "The chief executive told investors on Friday that it plans to sell the port.",
            "Corvel has no plans to sell the port, its chief executive told investors on Friday.",
            "negation differs: 'plans' vs 'has no plans'",
        ),
    ],
)
def test_session10_negations(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "won't stop X from V-ing": "not" negates "stop"; the barring verb is no cue of its own
        (
            "The council will not stop residents from parking here.",
            "The council will not stop residents from parking here.",
        ),
        ("Women were not barred from entering the stadium.", "Women were allowed to enter the stadium."),
        ("Women are no longer banned from driving.", "Women are now allowed to drive."),
        # "sections without a fence" / "unfenced sections", "no-deal" / "without a deal"
        ("Drones will patrol sections without a fence.", "Drones will patrol unfenced sections."),
        ("Leaving without a deal would raise prices.", "A no-deal exit would raise prices."),
        # "X would end": an intransitive ending negates its subject, as "stop V-ing" does
        (
            "The city will stop rationing water once the dam refills.",
            "Water rationing would end as soon as the dam refills.",
        ),
        # "none of the players had failed" negates the verb after its auxiliary
        ("Every player had passed the test.", "None of the squad's players had failed the test."),
        # a chain of place phrases before the verb: "on the capsized ferry in Lake Kivu"
        ("None of the passengers on the capsized ferry in Lake Kivu were injured.", "No passengers were hurt."),
        # "did not wait" / "without waiting": both negative
        (
            "The firm did not wait for approval before raising fares.",
            "The firm raised fares without waiting for approval.",
        ),
        # "by the end of 2025" is a noun, no ending of the clause's subject
        (
            "The government must complete the sale of the rail company by the end of 2025.",
            "The government must complete the sale of the rail company by the end of 2025.",
        ),
    ],
)
def test_session10_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_end_of_is_no_ending() -> None:
    assert reasons(
        "The government must complete the sale of the rail company by the end of 2025.",
        "The government may not complete the sale of the rail company before the end of 2025.",
    ) == ["negation differs: 'must complete' vs 'may not complete'"]


# Session 10 (rounds 46-47)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # synonyms of the negated verb (drop / withdraw), with an antonym elsewhere in the other
        # text ("to *increase* beds") that does not answer for it
        (
            "The ministry has refused to drop its plan to add hospital beds.",
            "The ministry withdrew its plan to increase hospital beds.",
            "negation differs: 'has refused to drop' vs 'withdrew'",
        ),
        # a capital at the start of a sentence is no named subject
        (
            "Visitors don't need a visa for a short stay in Chile.",
            "Chile requires visitors to hold a visa for a short stay.",
            "negation differs: 'do not need' vs 'requires'",
        ),
        # a body named after a place is that place as a subject
        (
            "The Suez Canal never cut daily transits during the storm.",
            "The Suez Canal Authority reduced daily transits during the storm.",
            "negation differs: 'never cut' vs 'reduced'",
        ),
    ],
)
def test_session10_more_negations(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "attempts to reproduce X failed" is a negation of its own
        (
            "Researchers could not replicate the fusion results reported by the Utah team.",
            "Efforts by researchers to reproduce the Utah team's fusion results failed.",
        ),
        # "is still waiting for" is not yet
        (
            "The town hasn't received a single dose of the vaccine yet.",
            "The town is still waiting for its first delivery of vaccine doses.",
        ),
    ],
)
def test_session10_more_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


# Session 10 (rounds 48-49)
@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "did not sign the statement" is the verb, no "no sign (that) X"
        (
            "The mayor refused to sign the joint statement on the strike.",
            "The mayor did not sign the joint statement issued on the strike, aides said.",
        ),
        # "is still in force" after the object denies its abolition
        ("The state has not abolished the curfew for minors.", "The curfew for minors is still in force in the state."),
        # a lexicon noun before "for" / an auxiliary is no verb: "the building permits for X were valid"
        (
            "Officials said all 9 permits for the hotel towers were invalid.",
            "None of the 9 permits for the hotel towers were valid, officials said.",
        ),
        # a negation inside an "if" clause states no fact; "even without" is no negation
        ("Pupils must pass the exam before they graduate.", "Pupils can graduate even if they do not pass the exam."),
        (
            "Owners get the licence once they pay, even without an inspection.",
            "Owners get the licence after an inspection.",
        ),
    ],
)
def test_session10_conditions_and_nouns(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_still_before_the_verb_asserts_it() -> None:
    assert reasons(
        "Nile Telecom still connects landlines free of charge for farms.",
        "Free landline connection for farms is no longer offered by Nile Telecom.",
    )


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "with none of the volunteers reporting X": the gerund is the quantified subject's verb
        (
            "No serious side effects were reported among 500 volunteers.",
            "The trial was safe, with none of the 500 volunteers reporting serious side effects.",
        ),
        # "not a single X remains closed" negates the predicate after the copula
        ("Not a single school in the city remains closed.", "Every school in the city is now open."),
        # "will halt approvals of" / "will stop approving": both stop
        ("The state will stop approving new mines next year.", "The state will halt approvals of new mines next year."),
        # "would halt the signing of" is a cessation after a modal
        (
            "The president said the country will stop signing new drilling contracts.",
            "The president said the country would halt the signing of new drilling contracts.",
        ),
        # "with no load shedding": a noun, not the quantifier's verb
        (
            "There has been no load shedding since March.",
            "The utility has kept the lights on since March, with no load shedding.",
        ),
    ],
)
def test_session10_round50_51_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_session10_claims_that_are_not_backed() -> None:
    assert (
        reasons(
            "There is no evidence that phone masts cause migraines, doctors say.",
            "Claims that phone masts cause migraines are not backed by any evidence.",
        )
        == []
    )


def test_withheld_is_a_negative_word() -> None:
    assert (
        reasons(
            "The company did not disclose the side effects seen in its Kenyan trial.",
            "Side effects recorded in the Kenyan trial were withheld by the company.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "stopped barring X from V-ing" is a double negation
        (
            "Since May, the city has allowed street vendors to trade.",
            "The city stopped barring street vendors from trading in May.",
        ),
        # "Nothing shows that X" denies X, as "no evidence (that) X" does
        (
            "There is no evidence that the tea cures malaria.",
            "Nothing shows that the tea can cure malaria, the agency says.",
        ),
        (
            "There is no evidence the tea cures malaria, the agency says.",
            "The agency says nothing shows that the tea can cure malaria.",
        ),
    ],
)
def test_session10_round55_no_negation_difference(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_x_free_is_a_negative_form() -> None:
    assert reasons("Citizens can travel to Kenya without a visa.", "Citizens can enter Kenya visa-free.") == []


def test_session10_round62_63() -> None:
    # an adverb between the auxiliary and the quantified subject's verb
    assert reasons(
        "Several of the 27 member states have formally recognised the new government.",
        "None of the 27 member states has formally recognised the new government.",
    ) == ["negation differs: 'have formally recognised' vs 'None of the 27 member states has formally recognised'"]
    # synonyms: "a previous record" / "no prior record"
    assert reasons(
        "Police said the suspect had a previous criminal record.",
        "The suspect had no prior criminal record, police said.",
    ) == ["negation differs: 'had a previous' vs 'had no prior'"]


def test_session11_object_quantifier_and_unchanged() -> None:
    # the verb before an object quantifier is the negated word: "seized nothing" / "was seized"
    assert reasons(
        "Customs officers seized nothing at the port of Durban, the agency insists.",
        "The agency admits that cocaine was seized at the port of Durban.",
    ) == ["negation differs: 'seized nothing' vs 'was seized'"]
    # not when the other text is quantified too ("recovered nothing" / "none ... recovered")
    assert (
        reasons(
            "Divers recovered nothing from the wreck off Malta, officials said.",
            "None of the cargo aboard the wreck off Malta has been recovered by divers, officials said.",
        )
        == []
    )
    # a negated "change" against a change of a direction
    assert reasons(
        "Electricity tariffs in Kenya did not change in March, the regulator said.",
        "Kenya's energy regulator cut electricity tariffs in March.",
    ) == ["negation differs: 'did not change' vs 'cut'"]


def test_session11_failure_against_success_and_refusals() -> None:
    # "failed to" against "successfully" / "managed to", sharing a word of the failed phrase
    assert reasons(
        "India's Chandrayaan-2 lander failed to touch down on the Moon in 2019.",
        "In 2019 the Chandrayaan-2 lander successfully landed on the Moon.",
    ) == ["negation differs: 'failed to touch' vs 'successfully landed'"]
    # not when the other text has a negation of its own
    assert (
        reasons(
            "India's Chandrayaan-2 lander failed to touch down on the Moon in 2019.",
            "In 2019 the Chandrayaan-2 lander did not successfully land on the Moon.",
        )
        == []
    )
    # "turned down" is a refusal: no plain statement of its object
    assert (
        reasons(
            "The club did not accept the offer to join the new European league.",
            "The club turned down the offer to join the new European league.",
        )
        == []
    )
    # "fall ill" is no change of a level: the object is still stated plainly
    assert (
        reasons(
            "Public clinics in Chile do not give free treatment to foreign visitors.",
            "Foreign visitors who fall ill in Chile get free treatment at public clinics.",
        )
        != []
    )


def test_session11_no_longer_against_still() -> None:
    # "no longer" against "still" / "continued to", the two clauses sharing two lower-case words
    assert reasons(
        "The state no longer charged the tourist tax from June 2024.",
        "Visitors continued to pay the tourist tax after June 2024.",
    ) == ["negation differs: 'no longer charged' vs 'continued to pay'"]
    assert reasons("The bank no longer sponsors the league.", "The bank still sponsors the league.") != []
    # not when the clauses share less
    assert reasons("The firm no longer makes cars.", "The founder still drives one of its old models.") == []


def test_session11_rounds_69_71_negations() -> None:
    # "refrained from V-ing" = did not V
    assert (
        reasons("The court refrained from issuing a ruling in 2024.", "The court did not issue a ruling in 2024.") == []
    )
    assert reasons("The court refrained from issuing a ruling in 2024.", "The court issued a ruling in 2024.") == [
        "negation differs: 'refrained from issuing' vs 'issued'"
    ]
    # "withheld approval" / "did not approve", "found not guilty" / "acquitted"
    assert (
        reasons("The board did not approve the merger in May.", "In May the board withheld approval for the merger.")
        == []
    )
    assert reasons("The singer was found not guilty by a Paris court.", "A Paris court acquitted the singer.") == []
    # "no X outside Y" = "only in Y"
    assert (
        reasons(
            "No final of the cup will be played outside Spain, the federation said.",
            "The federation said the cup final will be played only in Spain.",
        )
        == []
    )
    # "Neither X nor Y V-ed a N" against "both had N" (not "both were left off the N")
    assert (
        reasons(
            "Both Lima and Quito had observers at the summit in Brasilia.",
            "Neither Peru nor Ecuador sent an observer to the summit in Brasilia.",
        )
        != []
    )
    # the quantified noun phrase is negated up to its verb; "no COVID-19 cases" heads at "cases"
    assert (
        reasons(
            "None of the migrants rescued off Lampedusa in 2023 were deported, officials said.",
            "Officials said that no migrants rescued off Lampedusa in 2023 had been deported.",
        )
        == []
    )
    assert (
        reasons("The island recorded no COVID-19 cases in 2020.", "The island recorded zero cases of COVID-19 in 2020.")
        == []
    )
    # a subject that is negated after it: "Peru's congress failed to pass" / "did not make it through Peru's congress"
    assert (
        reasons(
            "Peru's congress failed to pass the 2024 pension bill.",
            "The 2024 pension bill did not make it through Peru's congress.",
        )
        == []
    )


def test_session11_rounds_72_75_negations() -> None:
    # an irregular past after a quantified subject is its verb ("No country *sent*")
    assert (
        reasons(
            "No airline sent planes to the island after the storm.",
            "Not a single airline dispatched planes to the island after the storm.",
        )
        == []
    )
    # "exempt from X" is negative on its own: no plain statement of X
    assert (
        reasons(
            "Pensioners will pay no property tax as long as they live in the house.",
            "Provided they live in the house, pensioners are exempt from property tax.",
        )
        == []
    )
    # a negated antonym of two words states the same: "opened late" / "opened on time"
    assert (
        reasons("Not a single polling station in Accra opened late.", "Every polling station in Accra opened on time.")
        == []
    )
    # "no <Name> <noun>": the noun is the negated word, the name with it
    assert reasons("There is no Telegram ban in Kenya.", "Kenya's government has banned Telegram.") == [
        "negation differs: 'is no Telegram ban' vs 'has banned'"
    ]


def test_session11_subjects_of_nouns() -> None:
    # a negated noun ("saw no increase") and a received one ("received approval") have no subject to compare
    assert reasons(
        "Peru saw no increase in mining exports in 2023.",
        "Official data show that mining exports from Peru's southern region increased in 2023.",
    ) == ["negation differs: 'no increase' vs 'increased'"]
    assert reasons(
        "In 2024 the regulator declined to approve the company's new drug.",
        "The company's new drug received approval from the regulator in 2024.",
    ) == ["negation differs: 'declined to approve' vs 'approval'"]


def test_session11_stayed_away_is_no_attendance() -> None:
    assert (
        reasons(
            "None of the EU leaders attended the parade in Beijing in September.",
            "All EU leaders stayed away from the parade held in Beijing in September.",
        )
        == []
    )


def test_session12_rounds_80_83_negations() -> None:
    # a noun the place name belongs to is the subject: "senators in Poland" / "the Polish Senate"
    assert reasons(
        "Senators in Poland voted to approve the new law on Thursday.",
        "The Polish Senate failed to approve the new law on Thursday.",
    ) == ["negation differs: 'approve' vs 'failed to approve'"]
    # ... but two places stay two subjects
    assert reasons("Doctors in Spain voted to strike.", "Doctors in France did not vote to strike.") == []
    # a passive refusal of a noun negates it: "were refused a pardon" = "were not pardoned"
    assert reasons(
        "The president pardoned the two former ministers.",
        "The two former ministers were refused a pardon by the president.",
    ) == ["negation differs: 'pardoned' vs 'were refused a pardon'"]
    # "cancelled" is a synonym of "abolished"
    assert reasons(
        "Bread subsidies in Egypt were not abolished in 2024.",
        "Egypt's government cancelled its bread subsidies in 2024.",
    ) == ["negation differs: 'were not abolished' vs 'cancelled'"]


def test_session12_ended_halted_and_stopped_govern_their_objects() -> None:
    # "ended its negative interest rate policy" is a negative on its own, as "no longer has" is
    assert (
        reasons(
            "The Bank of Japan no longer has negative interest rates since March 2024.",
            "In March 2024 the Bank of Japan ended its negative interest rate policy.",
        )
        == []
    )
    # past "all", a modifier or a name
    assert reasons("The armies agreed to stop firing straight away.", "The armies agreed to halt all firing.") == []
    assert (
        reasons(
            "Onion prices plunged after India stopped exporting onions.",
            "Onion prices plunged after India halted its onion exports.",
        )
        == []
    )


def test_session12_quantified_subjects() -> None:
    # a quantified subject after ", and" still negates its verb
    assert (
        reasons(
            "Putin and Trump met in Anchorage without reaching a ceasefire agreement.",
            "Putin and Trump met in Anchorage, and no ceasefire deal was reached.",
        )
        == []
    )
    # "not a single X was V-ed": the verb is denied, not the noun
    assert (
        reasons(
            "Not a single passenger was injured when the flight made an emergency landing in Makassar.",
            "All passengers escaped unhurt after the flight made an emergency landing in Makassar.",
        )
        == []
    )
    assert reasons("Not a single passenger was injured.", "Several passengers were injured.") == [
        "negation differs: 'Not a single passenger was injured' vs 'were injured'"
    ]


def test_session12_dismissed_reports_and_adjunct_possessors() -> None:
    # "claims that X were rejected": X is denied, like "denied that X"
    assert (
        reasons(
            "Uzbekistan's health ministry denied that any children had died after the vaccination campaign.",
            "Claims that children died after the vaccination campaign were rejected by the health ministry.",
        )
        == []
    )
    # the possessor in "failed to score in South Korea's win" is no object of "score"
    assert (
        reasons(
            "Son failed to score in South Korea's 2-0 win over Paraguay in Seoul.",
            "South Korea beat Paraguay 2-0 in Seoul, and Son did not get on the scoresheet.",
        )
        == []
    )
    assert reasons("He never performed a concert in Israel.", "He performed a concert in Israel.") == [
        "negation differs: 'never performed' vs 'performed'"
    ]


def test_session12_rounds_84_99_subjects_and_double_negatives() -> None:
    # a name inside "not a single <Name> <noun>" is negated with the noun
    assert (
        reasons(
            "Not a single Aerolíneas Argentinas flight was cancelled during the strike that the union called.",
            "Aerolíneas Argentinas cancelled no flights during the strike called by the union.",
        )
        == []
    )
    # past a participle modifier to the verb after an auxiliary
    assert reasons(
        "None of the 8 people detained after the clashes had been released.",
        "The 8 people detained after the clashes were released.",
    ) == ["negation differs: 'None of the 8 people detained after the clashes had been released' vs 'were released'"]
    # ... and past a relative clause
    assert (
        reasons(
            "None of the migrants aboard the boat that capsized off Djibouti survived.",
            "All the migrants on the boat that sank off Djibouti died.",
        )
        == []
    )
    # "impossible to V without X" = "must have X to V"; "found to be free of X" = "did not find X"
    assert (
        reasons(
            "Drivers must pass an eyesight test in order to renew their licence.",
            "The law makes it impossible to renew a driving licence without passing an eyesight test.",
        )
        == []
    )
    assert (
        reasons(
            "The count in the 12 constituencies was found to be free of irregularities, the commission said.",
            "The commission said it did not find any irregularities in the count in 12 constituencies.",
        )
        == []
    )
    assert reasons(
        "The WHO didn't certify Tajikistan as malaria-free.", "The WHO certified Tajikistan as free of malaria."
    ) == ["negation differs: 'did not certify' vs 'certified'"]


def test_session12_subject_names_before_the_nearest() -> None:
    # "EU citizens visiting the UK will need": the subject's name is EU, not UK
    assert reasons(
        "From April 2025, EU citizens visiting the UK will need an Electronic Travel Authorisation.",
        "EU citizens won't need an Electronic Travel Authorisation to visit the UK from April 2025.",
    ) == ["negation differs: 'will need' vs 'will not need'"]
    assert reasons(
        "The ELN and the Colombian government agreed in 2024 to extend their ceasefire.",
        "Colombia's government and the ELN guerrilla group failed to agree on extending their ceasefire in 2024.",
    ) == ["negation differs: 'agreed' vs 'failed to agree'"]


def test_session12_refused_entry_and_a_dispute_noun() -> None:
    # "refused entry" is a refusal without "to"; "the dispute over X" is a noun, no cue
    assert (
        reasons(
            "Samoa refused entry to the Chinese journalists covering the forum.",
            "Chinese journalists who were covering the forum were denied entry to Samoa.",
        )
        == []
    )
    assert (
        reasons(
            "Brazil has recalled its ambassador from Caracas amid the row over the election.",
            "Brazil recalled its ambassador to Venezuela amid the dispute over the election.",
        )
        == []
    )


def test_session12_rounds_108_111_negations() -> None:
    # "not one of X's 24 provinces was spared": the verb is denied, past the possessive and the number
    assert (
        reasons(
            "All 24 of Ecuador's provinces were hit by power cuts in 2024.",
            "Not one of Ecuador's 24 provinces was spared from the power cuts in 2024.",
        )
        == []
    )
    # "did not find any evidence linking X to Y" denies X ... Y, as "found no evidence that" does
    assert (
        reasons(
            "EU regulators found no evidence that weight-loss drugs such as Ozempic cause suicidal thoughts.",
            "The EU regulator did not find any evidence linking weight-loss drugs like Ozempic to suicidal thoughts.",
        )
        == []
    )
    # "publish" / "release"
    assert reasons(
        "The government has yet to publish the full audit of the fund.",
        "The full audit of the fund has been released by the government.",
    ) == ["negation differs: 'has yet to publish' vs 'has been released'"]


def test_session12_a_negated_verb_governs_its_infinitive() -> None:
    assert (
        reasons(
            "Not one of Kenya's 47 counties submitted its budget by the deadline.",
            "None of Kenya's 47 counties met the deadline to submit their budgets.",
        )
        == []
    )
    assert reasons("None of Kenya's 47 counties met the deadline.", "All of Kenya's 47 counties met the deadline.") == [
        "negation differs: 'None of Kenya's 47 counties met' vs 'met'"
    ]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # "far from" before an adjective or participle after "be" negates it
        (
            "The concert in Accra was far from sold out, the organisers said.",
            "The organisers said every ticket for the concert in Accra had been sold.",
            "negation differs: 'was far from sold' vs 'had been sold'",
        ),
        # an irregular past of a prefixed verb
        (
            "The city failed to repay the bank loan by the deadline.",
            "The city repaid its bank loan by the deadline.",
            "negation differs: 'failed to repay' vs 'repaid'",
        ),
        # not yet against already
        (
            "Residents of Lagos can already ride the new tram line, the operator said.",
            "According to the operator, the new tram line in Lagos is not yet open to passengers.",
            "negation differs: 'already ride the' vs 'not yet open'",
        ),
        (
            "Kenya has yet to receive the second tranche of the loan, the minister said.",
            "The minister said the second tranche of the loan has already been paid to Kenya.",
            "negation differs: 'yet to receive' vs 'already been paid'",
        ),
    ],
)
def test_session14_negations(new: str, old: str, expected: str) -> None:
    assert [f.reason for f in compare_negation(new, old)] == [expected]


def test_session14_far_from_a_place_is_no_negation() -> None:
    assert compare_negation("The camp is far from the coast.", "The camp lies on the coast.") == []


def test_session14_denying_determiner_on_both_sides() -> None:
    assert (
        compare_negation(
            "Officials said that no civilians were killed in the strike on the port.",
            "According to officials, the attack on the port caused zero civilian deaths.",
        )
        == []
    )
    assert (
        compare_negation(
            "Diesel buses are not any cleaner than petrol buses, a study found.",
            "A study found that diesel buses are no cleaner than petrol buses.",
        )
        == []
    )


def test_session14_neither_against_both_with_a_lexicon_word_nearby() -> None:
    # "closing" is an antonym-lexicon word but no denial: "neither ... signed" still negates "both had signed"
    assert (
        compare_negation(
            "Neither Chile nor Peru signed the regional water agreement, according to the final statement.",
            "The closing statement said both Peru and Chile had put their signatures to the regional water pact.",
        )
        != []
    )
    # a word that leaves them out is one: "both were left off" = "neither made"
    assert (
        compare_negation(
            "Neither Messi nor Ronaldo made the shortlist for the award.",
            "Messi and Ronaldo were both left off the award shortlist.",
        )
        == []
    )


def test_session14_short_irregular_forms() -> None:
    # "used" / "using" and "swam" / "swimming" are forms of one verb
    assert (
        compare_negation(
            "The model was trained without using any data from customers.",
            "Data from customers had been used to train the model.",
        )
        != []
    )
    assert (
        compare_negation(
            "Athletes swam in the river during the race.",
            "The race went ahead without any swimming in the river.",
        )
        != []
    )


def test_session14_a_counterpart_after_an_ending_verb() -> None:
    # "abolished the death penalty" = "does not have the death penalty any more"
    assert (
        compare_negation(
            "The country doesn't have the death penalty any more.",
            "The country has abolished the death penalty.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "refused" after a relative "that" is a verb, not an adjective ("the disputed taxes")
        (
            "Hungary was the only EU member state that refused to sign the summit conclusions.",
            "Hungary did not sign the summit conclusions.",
        ),
        # an adverb of repetition between "failed" and "to"
        ("The parliament failed once again to elect a president.", "The parliament did not elect a president."),
    ],
)
def test_session15_refusals_that_are_negations_agree(new: str, old: str) -> None:
    assert compare_negation(new, old) == []


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The parliament failed once again to elect a president.", "The parliament elected a president."),
        # synonyms: die / dead, exceed / breach
        (
            "Nobody died when the earthquake hit Taiwan in April 2024.",
            "The April 2024 earthquake in Taiwan left several people dead.",
        ),
        (
            "Global warming did not exceed the 1.5C Paris target over a full year in 2024.",
            "The 1.5C Paris target was breached over a full year in 2024.",
        ),
    ],
)
def test_session15_negations_found(new: str, old: str) -> None:
    findings = compare_negation(new, old)
    assert findings and findings[0].relation is Relation.NEGATION


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "Germany did not switch off its last three reactors in April 2023.",
            "Germany shut down its last three reactors in April 2023.",
        ),
        (
            "The Vienna concerts were not cancelled after the plot was uncovered.",
            "The Vienna concerts were called off after the plot was uncovered.",
        ),
        (
            "Police said nothing was stolen when thieves broke into the museum.",
            "Thieves who broke into the museum made off with jewels, police said.",
        ),
    ],
)
def test_session15_phrasal_verbs_match_their_synonyms(new: str, old: str) -> None:
    findings = compare_negation(new, old)
    assert findings and findings[0].relation is Relation.NEGATION


def test_session15_phrasal_synonyms() -> None:
    from claimmatch.stance.synonyms import synonyms

    assert synonyms("switched off", "shut down") and synonyms("cancelled", "called off")
    assert not synonyms("switched on", "shut down") and not synonyms("called", "cancelled")


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "None of the 176 passengers were hurt when the plane caught fire.",
            "All 176 passengers escaped unhurt after the plane caught fire.",
        ),
        (
            "None of the 18 provinces met the deadline for their budget plans.",
            "All 18 provinces missed the deadline for their budget plans.",
        ),
    ],
)
def test_session15_none_against_all_with_a_negative_predicate(new: str, old: str) -> None:
    assert compare_negation(new, old) == []


def test_session15_none_against_all_with_the_same_predicate() -> None:
    # "inspected" is no negative word: an in- word counts only when what follows the prefix is a word
    findings = compare_negation(
        "None of the 12 schools inspected met the new fire safety standards.",
        "Each of the 12 schools inspected met the new fire safety standards.",
    )
    assert findings and findings[0].relation is Relation.NEGATION


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "The Independence Day ceremony was not held in the new capital.",
            "The new capital hosted the Independence Day ceremony.",
        ),
        (
            "The ruling coalition failed to win a majority in the election.",
            "The ruling coalition secured a majority in the election.",
        ),
    ],
)
def test_session15_synonyms_of_claim_verbs(new: str, old: str) -> None:
    findings = compare_negation(new, old)
    assert findings and findings[0].relation is Relation.NEGATION


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (  # a "not" before a prefixed adjective asserts its base
            "It is not uncommon for mountain passes in the Pyrenees to close in early October.",
            "Mountain passes in the Pyrenees often close in early October, the roads office said.",
        ),
        ("Selling raw milk is not illegal in the state of Vermont.", "Vermont allows the sale of raw milk."),
        (  # "not untrue that X", "not impossible for X to": two negations cancel
            "It's not untrue that Vietnam is now the largest exporter of cashews.",
            "Vietnam is the world's largest cashew exporter.",
        ),
        (
            "It's not impossible for refugees in Kenya to get a work permit.",
            "Refugees in Kenya are able to obtain work permits.",
        ),
        (  # a quantified subject with a negative verb: every one of them did
            "Not a single Chilean region failed to hold the 2023 referendum.",
            "Every region of Chile held the referendum in 2023.",
        ),
        (
            "Not a single EU member state lacks a national cancer plan.",
            "Every EU member state has a national cancer plan.",
        ),
    ],
)
def test_session17_double_negatives(new: str, old: str) -> None:
    assert compare_negation(new, old) == []


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (  # the prefixed word itself, or an antonym of its base, on the other side
            "It is not uncommon for mountain passes in the Pyrenees to close in early October.",
            "It is uncommon for mountain passes in the Pyrenees to close in early October.",
        ),
        (
            "It is not uncommon for mountain passes in the Pyrenees to close in early October.",
            "It is rare for mountain passes in the Pyrenees to close in early October.",
        ),
        (  # one negation of the quantified subject's verb is still a negation
            "Not a single Chilean region held the 2023 referendum.",
            "Every region of Chile held the referendum in 2023.",
        ),
        (  # a negative verb in an earlier clause is no double negative of a later quantifier
            "The ministry still hasn't resumed recommending the vaccine; nothing changed in April.",
            "In April the ministry resumed recommending the vaccine.",
        ),
    ],
)
def test_session17_negations_beside_double_negatives(new: str, old: str) -> None:
    findings = compare_negation(new, old)
    assert findings and findings[0].relation is Relation.NEGATION


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (  # the subject's noun phrase holds both names: "ESA's Juice spacecraft" / "the Juice spacecraft"
            "NASA's Psyche probe failed to complete its planned Mars flyby in May.",
            "In May, the Psyche probe successfully completed its Mars flyby, the agency said.",
            "negation differs: 'failed to complete' vs 'completed'",
        ),
        (  # a date between the verb of refusing and its "to"
            "The tax council declined in 2024 to lower the levy on bicycles.",
            "In 2024 the tax council lowered the levy on bicycles.",
            "negation differs: 'declined in 2024 to lower' vs 'lowered'",
        ),
        (  # a possessive inside the place phrase after "nobody from"
            "Nobody from Peru's governing Fuerza party was charged in the 2023 bribery inquiry.",
            "Several Fuerza officials were charged in the 2023 bribery inquiry.",
            "negation differs: 'Nobody from Peru's governing Fuerza party was charged' vs 'were charged'",
        ),
    ],
)
def test_session17_subjects_and_cues_further_apart(new: str, old: str, reason: str) -> None:
    assert [f.reason for f in compare_negation(new, old)] == [reason]


def test_session17_declined_to_a_value_is_no_refusal() -> None:
    assert negation_scopes("Exports declined in 2024 to 3 million tonnes.") == ()


def test_session17_disputes_as_a_noun_is_no_cue() -> None:
    assert negation_scopes("Using force to settle international disputes has been banned since 1947.") == ()
    assert negation_scopes("Land disputes over grazing rights rose.") == ()
    assert len(negation_scopes("The ministry disputes that the dam was damaged.")) == 1


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "No passengers were aboard when the night bus caught fire near Graz, the operator said.",
            "The night bus that caught fire near Graz was empty of passengers, according to the operator.",
        ),
        ("Tenants in Wales can't be evicted during winter.", "Winter evictions of tenants are prohibited in Wales."),
    ],
)
def test_session17_negative_on_both_sides(new: str, old: str) -> None:
    assert compare_negation(new, old) == []


def test_session17_a_ban_elsewhere_is_no_double_negative() -> None:
    findings = compare_negation(
        "Tenants in Wales can't be evicted during winter.", "Winter evictions of tenants rose in Wales."
    )
    assert findings and findings[0].relation is Relation.NEGATION


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (  # (a guard: right before session 19 too)
            "Never in its history has the port of Mombasa handled more than two million containers in a year.",
            "Annual container traffic at the Kenyan port of Mombasa has not once topped two million.",
        ),
        (
            "The gold hoard found near Sohar has never been put on public display.",
            "Members of the public have not yet been able to see the gold hoard found near Sohar.",
        ),
    ],
)
def test_session19_a_word_before_the_other_texts_negated_verb_is_negated_there_too(new: str, old: str) -> None:
    assert compare_negation(new, old) == []


def test_session19_a_negated_verb_against_its_plain_subject_still_differs() -> None:
    (finding,) = compare_negation("Trading was not halted in Nairobi.", "The Nairobi exchange halted trading.")
    assert finding.relation is Relation.NEGATION
