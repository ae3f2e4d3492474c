"""Negations phrased differently from the claim they negate (issue: rephrased negation).

Every rule is tested in both directions: a pair where it must fire and a harmless variant where it
must not. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from claimmatch.models import Stance, Verdict, VerifiedClaim
from claimmatch.stance import Relation, StanceEngine, find_differences
from claimmatch.stance.entities import same_referent
from claimmatch.stance.negation import compare_negation, negation_scopes
from claimmatch.stance.tokens import analyze


def negation_reasons(new: str, old: str) -> list[str]:
    return [f.reason for f in compare_negation(new, old)]


# --------------------------------------------------------------------------- fires


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # named subjects that are aliases or a place within the other: Beijing / China
        (
            "Beijing no longer objects to the trade deal.",
            "China rejects the trade deal.",
            "negation differs: 'no longer objects' vs 'rejects'",
        ),
        # nominalisation against a passive verb; the passive agent is the subject
        (
            "France isn't the leader of the alliance.",
            "The alliance is led by France.",
            "negation differs: 'is not the leader' vs 'is led'",
        ),
        # multi-word names: "Kingdom" (left of the verb) and "United" (after "by") are one name
        (
            "The United Kingdom is not the leader of the pact.",
            "The pact is led by the United Kingdom.",
            "negation differs: 'is not the leader' vs 'is led'",
        ),
        # negated passive against an active verb
        (
            "The alliance is not led by France.",
            "France leads the alliance.",
            "negation differs: 'is not led' vs 'leads'",
        ),
        # active negated against the passive with the same agent
        (
            "Germany did not beat France.",
            "France was beaten by Germany.",
            "negation differs: 'did not beat' vs 'was beaten'",
        ),
        # can not be seen / visible
        (
            "The comet cannot be seen from Earth.",
            "The comet is visible from Earth.",
            "negation differs: 'can not be seen' vs 'is visible'",
        ),
        (
            "The comet can't be seen with the naked eye.",
            "The comet is visible to the naked eye.",
            "negation differs: 'can not be seen' vs 'is visible'",
        ),
        # a noun after a quantifier cue against the verb it derives from
        (
            "There was no deployment of troops to the border.",
            "Troops were deployed to the border.",
            "negation differs: 'was no deployment' vs 'were deployed'",
        ),
        # "no X has ever Y": the quantifier covers the predicate after the auxiliary
        (
            "No astronaut has ever walked on Mars.",
            "People have walked on Mars.",
            "negation differs: 'No astronaut has ever walked' vs 'have walked'",
        ),
        # a number between the cue and the predicate is skipped (quantities compare it)
        (
            "The vaccine is not 95% effective.",
            "The vaccine is 95% effective.",
            "negation differs: 'is not 95% effective' vs 'effective'",
        ),
        # an antonym present in both texts is no counterpart
        (
            "The enzyme triggers fusion and is not blocked by the drug.",
            "The enzyme triggers fusion and is mainly blocked by the drug.",
            "negation differs: 'is not blocked' vs 'is mainly blocked'",
        ),
    ],
)
def test_rephrased_negation_fires(new: str, old: str, expected: str) -> None:
    assert expected in negation_reasons(new, old)


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("It is not true that the dam was destroyed.", "The dam was destroyed."),
        ("It's not the case that the dam was destroyed.", "The dam was destroyed."),
        ("It is false that the dam was destroyed by rebels.", "The dam was destroyed by rebels."),
        ("It is untrue that the minister resigned.", "The minister resigned last week."),
        ("The dam was destroyed.", "It is a myth that the dam was destroyed."),  # the other way round
    ],
)
def test_truth_denials_negate_their_clause(new: str, old: str) -> None:
    reasons = negation_reasons(new, old)
    assert len(reasons) == 1 and reasons[0].startswith("negation differs:")


# --------------------------------------------------------------------------- must not fire


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # negated on both sides, with different words
        ("Beijing no longer objects to the trade deal.", "China does not reject the trade deal."),
        ("It is not true that the dam was destroyed.", "It is false that the dam was destroyed."),
        ("The comet can not be seen from Earth.", "The comet is invisible from Earth."),
        # rhetorical and tag questions
        ("Isn't it true that the dam was destroyed?", "The dam was destroyed."),
        ("Doesn't the vaccine cause autism?", "The vaccine causes autism."),
        ("Why isn't the dam destroyed?", "The dam is destroyed."),
        ("The dam was destroyed, wasn't it?", "The dam was destroyed."),
        # not a negation of what follows
        ("Not only did China approve the deal, it also funded it.", "China approved the deal."),
        ("There is no doubt that the dam was destroyed.", "The dam was destroyed."),
        ("The comet is not just visible from Earth but bright.", "The comet is visible from Earth."),
        ("The villagers had nothing but rice to eat.", "The villagers had rice to eat."),
        ("The US is not the only leader of the coalition.", "The coalition is led by the US."),
        ("France is not merely a member of the alliance.", "France is a member of the alliance."),
        # a negated word of another clause, absent from the other text
        ("The rebels, who did not surrender, destroyed the dam.", "The rebels destroyed the dam."),
        ("No one doubts that the dam was destroyed.", "The dam was destroyed."),
        # different named subjects, including passive agents
        ("Germany is not the leader of the alliance.", "The alliance is led by France."),
        ("France was not beaten by Germany.", "France beat Germany."),
        ("Germany did not beat France.", "France beat Germany."),
        # a continent is not the country within it
        ("France does not ban the drug.", "Europe bans the drug."),
        # a negated synonym against an antonym: the same meaning
        ("Moscow does not object to the plan.", "Russia welcomes the plan."),
        # a bound is a quantity, not a negation
        ("Not 30 but 34 people died.", "34 people died."),
    ],
)
def test_harmless_variants_do_not_fire(new: str, old: str) -> None:
    assert negation_reasons(new, old) == []


def test_inverted_question_has_no_scope() -> None:
    assert negation_scopes("Isn't it true that the dam was destroyed?") == ()
    assert negation_scopes("Doesn't the vaccine cause autism?") == ()
    # a declarative "is not this guidance" stays a negation ("this" is a determiner here)
    assert negation_scopes("The agency is not this guidance's author")


def test_truth_denial_scope_covers_the_clause() -> None:
    doc = analyze("It is not true that the dam was destroyed")
    (scope,) = negation_scopes(doc)
    assert [doc.tokens[j].lower for j in scope.clause] == ["dam", "destroyed"]
    (false_scope,) = negation_scopes("It is false that the dam was destroyed")
    assert false_scope.clause
    # "false" as a plain adjective is no cue
    assert negation_scopes("The rumour was false.") == ()
    assert negation_scopes("He made false claims that the dam collapsed.") == ()


def test_same_referent() -> None:
    moscow, russia, europe = analyze("Moscow said"), analyze("Russia said"), analyze("Europe said")
    assert same_referent(moscow, 0, russia, 0) is True
    assert same_referent(analyze("France said"), 0, europe, 0) is False  # continents are too broad
    assert same_referent(analyze("Paris said"), 0, analyze("Berlin said"), 0) is False
    assert same_referent(analyze("the plan said"), 1, russia, 0) is None


# --------------------------------------------------------------------------- end to end


def _claim(text: str, verdict: Verdict) -> VerifiedClaim:
    return VerifiedClaim(id="c1", text=text, verdict=verdict)


def test_engine_negation_flips_the_stance() -> None:
    engine = StanceEngine(nli=None)
    true_claim = _claim("The alliance is led by France.", Verdict.TRUE)
    result = engine.assess("France isn't the leader of the alliance.", true_claim, 0.8)
    assert result.relation is Relation.NEGATION and result.stance is Stance.CONTRADICTS
    false_claim = _claim("China rejects the trade deal.", Verdict.FALSE)
    result = engine.assess("Beijing no longer objects to the trade deal.", false_claim, 0.75)
    assert result.relation is Relation.NEGATION and result.stance is Stance.SUPPORTS
    # a harmless rewording stays the same claim
    same = engine.assess("The alliance is headed by France.", true_claim, 0.9)
    assert same.relation is Relation.SAME and same.stance is Stance.SUPPORTS


def test_find_differences_keeps_harmless_rewordings_clean() -> None:
    assert find_differences("France leads the alliance.", "The alliance is led by France.") == ()
    assert find_differences("The comet can be seen from Earth.", "The comet is visible from Earth.") == ()


def test_quantifier_covers_only_the_verb_after_the_auxiliary() -> None:
    assert negation_reasons("No charges were filed against the officer.", "The officer shot the man.") == []
    assert negation_reasons("No charges were filed against the officer.", "Charges were filed against the officer.")
    assert negation_reasons("No astronaut has ever walked on Mars.", "Humans have walked on Mars.") == [
        "negation differs: 'No astronaut has ever walked' vs 'have walked'"
    ]


# --- cessation, inability, dismissed reports, negated phrases (contrast-set generalisation work) ---


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The mine has stopped producing coal.", "The mine is producing coal."),
        ("The plant ceased operating in 2019.", "The plant was operating in 2019."),
        ("The hospital was unable to treat the patients.", "The hospital treated the patients."),
        ("The union rejected reports that the strike had ended.", "The strike had ended, the union said."),
    ],
)
def test_cessation_inability_and_dismissals_negate(new: str, old: str) -> None:
    findings = compare_negation(new, old)
    assert findings and all(f.relation is Relation.NEGATION for f in findings)


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The mine is no longer producing coal.", "The mine has stopped producing coal."),
        ("The hospital could not treat the patients.", "The hospital was unable to treat the patients."),
        ("The mayor dismissed claims that she had taken bribes.", "The mayor denied taking bribes."),
        ("The flour does not contain gluten.", "There is no gluten in the flour."),
        ("The king has never been to Australia.", "The king has not once visited Australia."),
    ],
)
def test_both_negative_rephrasings_do_not_fire(new: str, old: str) -> None:
    assert compare_negation(new, old) == []


def test_stop_with_an_object_is_no_cue() -> None:
    assert negation_scopes("Police stopped the march.") == ()
    assert negation_scopes("The team stopped training.") != ()


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "Travellers must quarantine if they are not vaccinated.",
            "Travellers must quarantine unless they are vaccinated.",
        ),
        ("The law passes if the senate does not object.", "The law passes unless the senate objects."),
    ],
)
def test_unless_cancels_an_if_not_negation(new: str, old: str) -> None:
    assert compare_negation(new, old) == [] and compare_negation(old, new) == []


def test_unless_alone_never_creates_a_negation() -> None:
    # "X unless Y" does not say that Y is false
    assert compare_negation("The strike goes ahead unless wages rise.", "Wages rise this year, the union says.") == []
    # a plain "not" against the unless condition still negates nothing it did not negate before
    assert compare_negation("The senate did not object.", "The senate objected.") != []
