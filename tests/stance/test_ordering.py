from __future__ import annotations

import pytest

from claimmatch.stance.base import Family, Relation
from claimmatch.stance.ordering import compare_order, extract_orders


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "New rules mean police can search your home first and get a court warrant afterwards.",
            "Police officers must obtain a court warrant before searching a private home.",
        ),
        (
            "The decree lets social media users post comments first and verify their accounts with a phone "
            "number afterwards.",
            "The decree requires social media users to verify their accounts with a phone number before "
            "they can post comments.",
        ),
        (
            "Jair Bolsonaro left Brazil for Florida only after Lula had been sworn in as president.",
            "Lula was sworn in as Brazil's president after Jair Bolsonaro had already left the country for Florida.",
        ),
        (
            "Protesters had already stormed her residence by the time the prime minister fled by helicopter.",
            "The prime minister left by helicopter before protesters stormed her residence.",
        ),
        (
            "Before the ceasefire talks started, the two sides swapped prisoners.",
            "The prisoner exchange between the two sides took place only after the ceasefire talks had ended.",
        ),
    ],
)
def test_opposite_orders_of_the_same_events_conflict(new: str, old: str) -> None:
    findings = compare_order(new, old)
    assert len(findings) == 1
    assert findings[0].family is Family.QUALIFIERS and findings[0].relation is Relation.CONFLICT
    assert findings[0].reason.startswith("order differs: ")


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # the same order, said the other way round
        (
            "The minister resigned before the report was published.",
            "The report was published after the minister resigned.",
        ),
        ("After the vote, the minister resigned.", "The minister stepped down following the vote."),
        # a rule with a modal: "will not reopen before X" = "will reopen only after X"
        (
            "The bridge will not reopen to traffic before safety inspections are complete.",
            "The bridge will reopen to traffic only after safety inspections are completed.",
        ),
        # a past negation says nothing of the order: "did not pass before the recess"
        (
            "The Senate did not pass the divorce bill before its recess.",
            "The divorce bill failed to pass the Senate before the recess.",
        ),
        # the events share words across the connective but not enough to be reversed
        (
            "After Bali brought in a levy on foreign tourists, visitor numbers to the island collapsed in 2024.",
            "Tourist arrivals in Bali plunged in 2024 after the island introduced a levy on foreign visitors.",
        ),
    ],
)
def test_the_same_order_is_no_conflict(new: str, old: str) -> None:
    assert compare_order(new, old) == []


def test_orders_read_from_each_connective() -> None:
    (order,) = extract_orders("Children may start school first and receive the vaccine later.")
    assert "school" in order.earlier and "vaccin" in order.later
    (fronted,) = extract_orders("Before it was authorised, the vaccine went through clinical trials.")
    assert "trial" in fronted.earlier and "authoris" in fronted.later
    (negated,) = extract_orders("Sanctions will not be lifted before the troops withdraw.")
    assert "troop" in negated.earlier and "lift" in negated.later
    assert extract_orders("The street was named after a poet.") == ()
    assert extract_orders("The parliament did not pass the bill before the recess.") == ()


@pytest.mark.parametrize(
    "text",
    [
        "Forum leaders finished their retreat in Apia, and the communique was published afterwards.",
        "The loan agreement was signed first; Ghana devalued the cedi afterwards.",
    ],
)
def test_session16_afterwards_after_a_comma_or_a_first_clause(text: str) -> None:
    (order,) = extract_orders(text)
    assert order.earlier and order.later and not order.earlier & order.later


def test_session16_reversed_across_a_clause_break() -> None:
    found = compare_order(
        "Ghana devalued the cedi before signing its loan agreement.",
        "The loan agreement was signed first; Ghana devalued the cedi afterwards.",
    )
    assert len(found) == 1 and found[0].relation is Relation.CONFLICT


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (  # "A, after which B": A came first
            "Officials said the runway had been closed before the cargo plane skidded off it.",
            "The cargo plane skidded off the runway, after which the runway was closed, officials said.",
        ),
        (  # "A, and only afterwards was B": A is the clause before the comma
            "The detention centre on the island was reopened before the government signed the new contract.",
            "The government signed the new contract, and only afterwards was the detention centre on the island "
            "reopened, a committee heard.",
        ),
    ],
)
def test_session17_orders_across_a_comma(new: str, old: str) -> None:
    (finding,) = compare_order(new, old)
    assert finding.family is Family.QUALIFIERS and finding.relation is Relation.CONFLICT


def test_session17_then_event_ends_at_its_clause() -> None:
    (order,) = extract_orders("The bank floated the pound, and only afterwards raised rates, analysts said.")
    assert "analyst" not in " ".join(order.later) and order.later


def test_session19_names_tell_events_apart_when_no_word_pairs_them_straight() -> None:
    # the two events share no content word across the texts except crosswise, and the names
    # (Kenya, Uganda, Tanzania) say which event is which
    new = "Kenya joined the trade bloc before Uganda signed its pipeline deal with Tanzania."
    swapped = "Uganda's pipeline agreement with Tanzania was signed before Kenya became a member of the trade bloc."
    same = "Kenya became a member of the trade bloc before Uganda's pipeline agreement with Tanzania was signed."
    assert [f.reason[:14] for f in compare_order(new, swapped)] == ["order differs:"]
    assert compare_order(new, same) == []
    (order,) = extract_orders(new)
    assert order.later_names == {"uganda", "tanzania"} and "uganda" not in order.later


def test_session19_names_do_not_override_content_words_paired_straight() -> None:
    # "levy" / "foreign" pair the events straight: a name read in the other event is no reversal
    new = "After Bali brought in a levy on foreign tourists, visitor numbers to the island collapsed in 2024."
    old = "Tourist arrivals in Bali plunged in 2024 after the island introduced a levy on foreign visitors."
    assert compare_order(new, old) == []
