from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimmatch import ClaimIndex, ClaimMatcher, Stance
from claimmatch.article import (
    MAX_SENTENCE_CHARS,
    ArticleReport,
    Span,
    boilerplate_reason,
    check_article,
    is_check_worthy,
    split_sentences,
)
from claimmatch.errors import EmptyTextError, InvalidTypeError, TextTooLongError
from claimmatch.models import Match
from tests.conftest import SHARED

SEED = SHARED / "seed-article" / "upi-2025-09-05-putin-reassurance-force.txt"
needs_seed = pytest.mark.skipif(
    not SEED.exists(), reason=f"seed article not found at {SEED} (../shared/data beside the repository)"
)


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared/data beside the repository)")
    return SEED.read_text("utf-8")


@pytest.fixture(scope="module")
def seed_report(seed_text: str, default_index: ClaimIndex) -> tuple[ArticleReport, list[int]]:
    matcher = ClaimMatcher(default_index)
    calls: list[int] = []
    batched = matcher.match_many

    def counting(texts: Sequence[str], *args: Any, **kwargs: Any) -> list[list[Match]]:
        calls.append(len(texts))
        return batched(texts, *args, **kwargs)

    matcher.match_many = counting  # type: ignore[method-assign]
    return check_article(matcher, seed_text), calls


# --------------------------------------------------------------------------- splitting


def _assert_exact(text: str, spans: Sequence[Span]) -> None:
    previous_end = 0
    for span in spans:
        start, end, piece = span.start, span.end, span.text
        assert text[start:end] == piece
        assert start >= previous_end and start < end
        assert piece == piece.strip() and piece
        previous_end = end


@needs_seed
def test_seed_offsets_are_exact_and_cover_all_words(seed_text: str) -> None:
    spans = split_sentences(seed_text)
    _assert_exact(seed_text, spans)
    covered = "".join(span.text for span in spans)
    assert "".join(seed_text.split()) == "".join(covered.split())  # nothing lost between spans


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from([*"abcXYZ 019.,!?;:\"'\n\r\t()-/“”é", "Photo by ", "Mr. ", "UPI", " (AP) -", "Bats are blind"]),
        max_size=120,
    ).map("".join)
)
def test_offsets_are_exact_for_any_text(text: str) -> None:
    _assert_exact(text, split_sentences(text))


@pytest.mark.parametrize("text", ["Photo by \nUPI", "Photo by Getty\nImages", "Jane Doe /\nReuters", "a\nPhoto:\nAP b"])
def test_a_credit_never_crosses_a_line_break(text: str) -> None:
    spans = split_sentences(text)  # the credit used to swallow the next line, which was split again
    _assert_exact(text, spans)
    assert all("\n" not in span.text for span in spans)


def test_credits_and_datelines_are_cut_out_as_their_own_spans() -> None:
    text = "Troops moved in on Monday. Photo by Jane Doe/UPI UPI The minister said 40 people died.\n"
    text += "LONDON (Reuters) - Prices rose 3% in May, the agency said."
    spans = [span.text for span in split_sentences(text)]
    assert spans == [
        "Troops moved in on Monday.",
        "Photo by Jane Doe/UPI UPI",
        "The minister said 40 people died.",
        "LONDON (Reuters) -",
        "Prices rose 3% in May, the agency said.",
    ]


def test_hard_wrapped_lines_are_one_sentence() -> None:
    text = "The council said on Monday\nthat 12 schools will close.\nA new paragraph starts here."
    spans = split_sentences(text)
    assert [s.text for s in spans] == ["The council said on Monday\nthat 12 schools will close.", spans[1].text]
    assert spans[1].text == "A new paragraph starts here."


def test_long_sentences_are_split_below_the_limit() -> None:
    clause = "the ministry reported 12 new cases in the northern region"
    text = "In 2024, " + ", ".join([clause] * 60) + "."
    assert len(text) > 3 * MAX_SENTENCE_CHARS
    spans = split_sentences(text)
    assert len(spans) >= 4
    assert all(len(span.text) <= MAX_SENTENCE_CHARS for span in spans)
    _assert_exact(text, spans)


def test_long_paragraphs_are_chunked_at_sentence_ends() -> None:
    text = "Prices rose 3% in May. Mr. Smith of the U.S. Treasury said so. " * 400  # one 25,000-character line
    spans = split_sentences(text)
    _assert_exact(text, spans)
    assert [s.text for s in spans] == ["Prices rose 3% in May.", "Mr. Smith of the U.S. Treasury said so."] * 400


def test_split_sentences_rejects_non_text() -> None:
    with pytest.raises(InvalidTypeError):
        split_sentences(b"bytes")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Photo by courtesy of Russian Presidential Press Office UPI", "photo credit"),
        ("Photo by Aaron Schwartz/UPI UPI", "photo credit"),
        ("Sept. 5 (UPI) --", "dateline"),
        ("File Photo: Soldiers at a checkpoint near the border.", "photo credit"),
        ("A protester in Paris on Thursday. Jane Doe/Getty Images", "photo credit"),
        ("Read more: Putin says troops would be targets", "boilerplate"),
        ("Subscribe to our newsletter for 50% off.", "boilerplate"),
        ("© 2025 United Press International. All Rights Reserved.", "copyright notice"),
    ],
)
def test_boilerplate_is_recognised(sentence: str, reason: str) -> None:
    assert boilerplate_reason(sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "The group includes leaders of 34 supporters of Ukraine.",
        "Photographers said 12 people were hurt.",
        "Reuters reported that the talks failed.",
    ],
)
def test_ordinary_sentences_are_not_boilerplate(sentence: str) -> None:
    assert boilerplate_reason(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("It includes leaders of 34 supporters of Ukraine.", "number"),
        ("The summit was held in Vladivostok last week.", "entity"),
        ('"We will not retreat," the minister said on Friday.', "attributed quote"),
        ("Vaccines cause autism in children.", "asserts a fact"),
        ("Bats are blind.", "asserts a fact"),
    ],
)
def test_check_worthy_sentences_are_kept_with_a_reason(sentence: str, why: str) -> None:
    worthy, reason = is_check_worthy(sentence)
    assert worthy, reason
    assert why in reason


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("Will Russia send 20,000 troops to Belarus?", "question"),
        ("I think the plan is a disaster for Europe.", "hedge"),
        ("Perhaps the deal will hold.", "hedge"),
        ("Governments should spend more on schools.", "opinion"),
        ('"Peace guarantees must be for both Russia and Ukraine."', "opinion"),
        ("Nice weather.", "too short"),
        ("...", "no words"),
        ("x" * (MAX_SENTENCE_CHARS + 1), "too long"),
        ("and so on and so forth, as it goes.", "no number, named entity"),
    ],
)
def test_not_check_worthy_sentences_are_dropped_with_a_reason(sentence: str, why: str) -> None:
    worthy, reason = is_check_worthy(sentence)
    assert not worthy
    assert why in reason


def test_quotes_are_kept_even_when_they_hedge() -> None:
    worthy, reason = is_check_worthy('"I think we can win," Zelensky told reporters in Kyiv.')
    assert worthy and reason.startswith("attributed quote")


# --------------------------------------------------------------------------- the seed article


@needs_seed
def test_seed_captions_credits_and_dateline_are_dropped(
    seed_text: str, seed_report: tuple[ArticleReport, list[int]]
) -> None:
    report, _ = seed_report
    reasons = {s.text: s.reason for s in report.skipped}
    assert reasons["Photo by Aaron Schwartz/UPI UPI"] == "photo credit"
    assert reasons["Photo by courtesy of Russian Presidential Press Office UPI"] == "photo credit"
    assert reasons["Sept. 5 (UPI) --"] == "dateline"
    assert sum(r.startswith("photo caption") for r in reasons.values()) == 3
    body_start = seed_text.index("Sept. 5 (UPI) --")
    for sentence in report.sentences:
        assert sentence.start > body_start, sentence.text  # nothing from the caption block
        assert "Photo by" not in sentence.text and "(UPI)" not in sentence.text
    # The lede is repeated at the top; only one copy is checked.
    assert (
        sum("legitimate targets for destruction" in s.text and "A day after" in s.text for s in report.sentences) == 1
    )
    assert any(s.reason.startswith("repeated later") for s in report.skipped)


@needs_seed
def test_seed_report_matches_the_key_claims(seed_text: str, seed_report: tuple[ArticleReport, list[int]]) -> None:
    report, calls = seed_report
    assert calls == [len(report.sentences)]  # one batched match_many call
    _assert_exact(seed_text, report.sentences)
    _assert_exact(seed_text, sorted([*report.sentences, *report.skipped], key=lambda s: s.start))

    def ids(fragment: str) -> list[str]:
        found = [s for s in report.sentences if fragment in s.text]
        assert len(found) == 1, fragment
        return [m.claim.id for m in found[0].matches]

    assert "coalition-34-supporters" in ids("34 supporters of Ukraine")
    assert "reassurance-force-after-peace-deal" in ids("military support only after any peace agreement")
    assert "putin-foreign-troops-legitimate-targets" in ids('become "legitimate targets for destruction."')
    assert ids('Coalition of the Willing" met in Paris')[0] == "coalition-paris-meeting-sept-4"
    assert not any("Peace guarantees must" in s.text for s in report.sentences)  # opinion


@needs_seed
def test_seed_summary_counts_are_consistent(seed_report: tuple[ArticleReport, list[int]]) -> None:
    report, _ = seed_report
    summary = report.summary
    assert summary.sentences_checked == len(report.sentences) >= 8
    assert summary.sentences_skipped == len(report.skipped) >= 8
    assert summary.sentences_total == summary.sentences_checked + summary.sentences_skipped
    assert summary.matched == sum(bool(s.matches) for s in report.sentences) >= 6
    assert summary.supported + summary.contradicted + summary.related_only == summary.matched
    for stance, count in (
        (Stance.SUPPORTS, summary.supported),
        (Stance.CONTRADICTS, summary.contradicted),
        (Stance.RELATED, summary.related_only),
    ):
        assert count == sum(s.stance is stance for s in report.sentences)
    for sentence in report.sentences:
        assert sentence.stance == (sentence.matches[0].stance if sentence.matches else None)
        assert len(sentence.matches) <= report.top_k == 3
        assert all(m.score >= report.min_score for m in sentence.matches)
    assert ArticleReport.model_validate_json(report.model_dump_json()) == report


# --------------------------------------------------------------------------- check_article edge cases


def test_check_article_errors(small_index: ClaimIndex) -> None:
    matcher = ClaimMatcher(small_index)
    with pytest.raises(InvalidTypeError):
        check_article(matcher, b"Mount Everest is 8,849 metres tall.")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        check_article(matcher, None)  # type: ignore[arg-type]
    with pytest.raises(EmptyTextError):
        check_article(matcher, " \n\t ")
    with pytest.raises(TextTooLongError, match="max_chars=100"):
        check_article(matcher, "Mount Everest is 8,849 metres tall. " * 5, max_chars=100)


def test_long_and_unbroken_sentences_never_raise(small_index: ClaimIndex) -> None:
    matcher = ClaimMatcher(small_index, min_score=-1.0)
    text = "Mount Everest is 8,849 metres tall, " * 80 + "and " + "x" * 2500 + " is a word.\nBats are blind."
    report = check_article(matcher, text, top_k=1)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in report.sentences)
    assert any(s.reason.startswith("not check-worthy: too long") for s in report.skipped)
    assert report.sentences[-1].text == "Bats are blind."
    assert all(len(s.matches) == 1 for s in report.sentences)


def test_article_without_check_worthy_sentences(small_index: ClaimIndex) -> None:
    report = check_article(ClaimMatcher(small_index), "Hello there. What now? I think so.")
    assert report.sentences == []
    assert report.summary.sentences_total == report.summary.sentences_skipped == 3
    assert report.summary.matched == 0


def test_offsets_refer_to_the_text_as_given(small_index: ClaimIndex, tmp_path: Path) -> None:
    text = "\r\n  Photo by Jane Doe/Reuters\r\nThe coalition includes leaders of 34 supporters of Ukraine.\r\n"
    report = check_article(ClaimMatcher(small_index), text)
    [sentence] = report.sentences
    assert text[sentence.start : sentence.end] == sentence.text
    assert sentence.matches[0].claim.id == "coalition"
    assert report.article_chars == len(text)
