from __future__ import annotations

from claimmatch.stance.aligner import find_differences
from claimmatch.stance.casing import restore_case
from claimmatch.stance.tokens import analyze


def recased(text: str, other: str) -> str:
    return restore_case(analyze(text), analyze(other)).text


def test_names_the_other_text_capitalises_get_capitals() -> None:
    assert (
        recased(
            "pekka haavisto beat alexander stubb in the runoff, so close tho",
            "Alexander Stubb won the election, defeating Pekka Haavisto in the runoff.",
        )
        == "Pekka Haavisto beat Alexander Stubb in the runoff, so close tho"
    )


def test_gazetteer_names_and_rare_words_get_capitals() -> None:
    assert (
        recased("masayoshi amamiya took over as governor of the bank of japan", "Kazuo Ueda became governor.")
        == "Masayoshi Amamiya took over as governor of the Bank of Japan"
    )


def test_a_common_word_of_a_longer_name_stays_lower_case() -> None:
    # "Bank" is capitalised in "Bank of Canada" only: "central bank" is no name
    assert (
        recased("the bank of england was the first G7 central bank to cut", "the Bank of Canada was first.")
        == "the Bank of England was the first G7 central bank to cut"
    )


def test_chat_words_english_endings_and_compounds_stay_lower_case() -> None:
    text = "ngl the lockdown and the rationing got impeached lol"
    assert recased(text, "Officials said nothing.") == text


def test_a_rare_word_before_a_number_stays_lower_case() -> None:
    # "Quarantine 16" would read as a label such as "Apollo 11"
    assert recased("italy to quarantine 16 million people", "Italy quarantines people.") == (
        "Italy to quarantine 16 million people"
    )


def test_text_with_capitals_is_unchanged() -> None:
    doc = analyze("The Bank of Japan kept rates unchanged.")
    assert restore_case(doc, analyze("pekka haavisto won")) is doc
    # a text that starts in lower case but capitalises a name already is left alone
    doc = analyze("reminder: the Riksbank did not print money")
    assert restore_case(doc, analyze("The Riksbank printed money.")) is doc


def test_a_lower_case_post_gets_its_entity_conflict() -> None:
    reasons = [
        f.reason
        for f in find_differences(
            "masayoshi amamiya took over from haruhiko kuroda as BOJ governor in 2023",
            "In 2023 Kazuo Ueda succeeded Haruhiko Kuroda as governor of the Bank of Japan.",
        )
    ]
    assert reasons == ["entities differ: Masayoshi Amamiya vs Kazuo Ueda"]
