from __future__ import annotations

import pytest

from claimmatch.stance.tokens import DATE_WORDS, FAIL_TO, analyze, clause_start, is_break, stem


@pytest.mark.parametrize(
    ("forms", "same"),
    [
        (("approve", "approves", "approved", "approving"), True),
        (("rose", "rise", "rising", "risen"), True),
        (("hear", "heard", "hearing"), True),
        # a final double l of a word of two or more syllables is one (British doubling)
        (("cancel", "cancelled", "cancelling", "canceled"), True),
        (("annul", "annulled", "annulling"), True),
        (("control", "controlled", "controlling"), True),
        (("enrol", "enroll", "enrolled"), True),
        (("install", "installed"), True),
        # one syllable keeps it
        (("kill", "killed"), True),
        (("fill", "fell"), False),
    ],
)
def test_stems_of_inflections(forms: tuple[str, ...], same: bool) -> None:
    assert (len({stem(f) for f in forms}) == 1) is same


def test_kill_and_kiln_stay_apart() -> None:
    assert stem("killed") == "kill"
    assert stem("kill") != stem("kiln")


def test_contractions_and_tokens() -> None:
    doc = analyze("It won't reopen before 2026.")
    assert [t.lower for t in doc.tokens] == ["it", "will", "not", "reopen", "before", "2026", "."]


def test_clause_breaks_and_starts() -> None:
    doc = analyze("Officials said on Monday, after the vote, that the border would reopen.")
    breaks = [t.i for t in doc.tokens if is_break(t)]
    assert [doc.tokens[k].lower for k in breaks] == [",", ",", "."]
    assert not is_break(doc.tokens[1])  # a word, not punctuation
    that = next(t.i for t in doc.tokens if t.lower == "that")
    assert clause_start(doc.tokens, that) == breaks[1] + 1
    assert clause_start(doc.tokens, 0) == 0
    assert {"failed", "refused"} <= FAIL_TO and {"monday", "may"} <= DATE_WORDS


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The river fell near St. Louis in October.", ["near", "St", "Louis", "in"]),
        ("Gen. Milley spoke first.", ["Gen", "Milley", "spoke"]),
    ],
)
def test_session18_a_title_stop_ends_no_sentence(text: str, words: list[str]) -> None:
    toks = [t.text for t in analyze(text).tokens]
    start = toks.index(words[0])
    assert toks[start : start + len(words)] == words
    assert not any(t.initial for t in analyze(text).tokens[start + 1 : start + len(words)])


def test_session18_a_title_stop_before_a_lower_case_word_stays() -> None:
    toks = [t.text for t in analyze("We asked the Dr. about it.").tokens]
    assert toks[toks.index("Dr") + 1] == "."
