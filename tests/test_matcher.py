from __future__ import annotations

import os
import signal
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimmatch import (
    DEFAULT_MIN_SCORE,
    ClaimIndex,
    ClaimMatcher,
    ClaimMatchError,
    EmptyTextError,
    Stance,
    TextTooLongError,
    VerifiedClaim,
)
from claimmatch import matcher as matcher_module
from claimmatch.embedder import Embedder
from claimmatch.errors import InvalidArgumentError, InvalidTypeError


@pytest.fixture()
def matcher(small_index: ClaimIndex) -> ClaimMatcher:
    return ClaimMatcher(small_index)


def test_best_first_with_ranks_and_scores(small_index: ClaimIndex) -> None:
    matches = ClaimMatcher(small_index, min_score=-1.0).match("Everest is 8,849 m high", top_k=3)
    assert [m.rank for m in matches] == [1, 2, 3]
    assert matches[0].claim.id == "everest"
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(m.reasons and 0.0 <= m.confidence <= 1.0 for m in matches)


def test_min_score_drops_weak_matches(matcher: ClaimMatcher) -> None:
    assert matcher.min_score == DEFAULT_MIN_SCORE
    assert matcher.match("The recipe needs two eggs and a cup of flour.") == []
    everything = matcher.match("The recipe needs two eggs and a cup of flour.", min_score=-1.0)
    assert len(everything) == 3 and all(m.score < DEFAULT_MIN_SCORE for m in everything)
    strict = matcher.match("Mount Everest is 8,849 metres tall.", min_score=0.99)
    assert [m.claim.id for m in strict] == ["everest"]


def test_top_k_limits(matcher: ClaimMatcher) -> None:
    assert len(matcher.match("Everest height", top_k=1, min_score=-1.0)) == 1
    for bad in (0, 101):
        with pytest.raises(InvalidArgumentError, match="top_k"):
            matcher.match("Everest height", top_k=bad)
    with pytest.raises(InvalidTypeError):
        matcher.match("Everest height", top_k="5")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="min_score"):
        matcher.match("Everest height", min_score=2.0)


def test_match_many_equals_match_one_by_one(matcher: ClaimMatcher) -> None:
    texts = ["Everest is 8,849 m high", "You can see the Great Wall from the Moon", "Two eggs and flour"]
    batched = matcher.match_many(texts, top_k=2)
    assert len(batched) == 3
    for text, matches in zip(texts, batched, strict=True):
        single = matcher.match(text, top_k=2)
        assert [(m.claim.id, m.stance) for m in matches] == [(m.claim.id, m.stance) for m in single]
        assert [m.score for m in matches] == pytest.approx([m.score for m in single], abs=1e-5)
    assert matcher.match_many([]) == []


def test_a_single_hybrid_match_embeds_beside_bm25_with_the_same_results(
    matcher: ClaimMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["Everest is 8,849 m high", "You can see the Great Wall from the Moon", "Two eggs and flour"]
    embedded: list[str] = []
    encode = matcher.index.embedder.encode

    def spy(batch: list[str], **options: object) -> object:
        embedded.append(threading.current_thread().name)
        return encode(batch, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(matcher.index.embedder, "encode", spy)
    monkeypatch.setattr(matcher_module, "_OVERLAP_FROM", 0)  # a small index embeds first by default
    overlapped = [matcher.match(text, top_k=3, min_score=-1.0) for text in texts]
    assert all(name.startswith("claimmatch-embed") for name in embedded)  # not the calling thread
    monkeypatch.setattr(matcher_module, "_OVERLAP_FROM", len(matcher.index) + 1)
    assert [matcher.match(text, top_k=3, min_score=-1.0) for text in texts] == overlapped
    assert embedded[len(texts) :] == [threading.current_thread().name] * len(texts)


def test_a_batch_matched_beside_bm25_in_chunks_equals_the_plain_batch(
    matcher: ClaimMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [
        "Everest is 8,849 m high",
        "You can see the Great Wall from the Moon",
        "Two eggs and flour",
        "Mount Everest is 9,000 metres tall",
        "The Great Wall is visible from space",
    ]
    plain = matcher.match_many(texts, top_k=3, min_score=-1.0)  # a small index: embedded first
    monkeypatch.setattr(matcher_module, "_OVERLAP_FROM", 0)
    monkeypatch.setattr(matcher_module, "_CHUNK", 2)  # three chunks, the last of one text
    chunked = matcher.match_many(texts, top_k=3, min_score=-1.0)
    assert len(chunked) == len(texts)
    for got, want in zip(chunked, plain, strict=True):
        # torch pads each embedding batch to its longest text, so the floats may move in the last bits
        assert [(m.claim.id, m.rank, m.stance, m.reasons) for m in got] == [
            (m.claim.id, m.rank, m.stance, m.reasons) for m in want
        ]
        assert [m.score for m in got] == pytest.approx([m.score for m in want], abs=1e-5)


def test_stance_on_an_altered_number(matcher: ClaimMatcher) -> None:
    top = matcher.match("The coalition includes leaders of 30 supporters of Ukraine.")[0]
    assert top.claim.id == "coalition"
    assert top.stance is Stance.CONTRADICTS
    assert any("34" in reason and "30" in reason for reason in top.reasons)


def test_stance_on_repeating_a_false_claim(matcher: ClaimMatcher) -> None:
    top = matcher.match("You can see the Great Wall of China from the Moon with the naked eye.")[0]
    assert top.claim.id == "wall"
    assert top.stance is Stance.CONTRADICTS


def test_stance_on_a_negated_false_claim(matcher: ClaimMatcher) -> None:
    top = matcher.match("The Great Wall of China is not visible from the Moon with the naked eye.")[0]
    assert top.claim.id == "wall"
    assert top.stance is Stance.SUPPORTS


def test_bad_input_raises_specific_errors(matcher: ClaimMatcher) -> None:
    with pytest.raises(EmptyTextError):
        matcher.match("   ")
    with pytest.raises(TextTooLongError):
        matcher.match("word " * 1000)
    with pytest.raises(InvalidTypeError, match="match_many"):
        matcher.match(["a list"])  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="match\\(\\)"):
        matcher.match_many("one string")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        matcher.match_many(["fine", None])  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError):
        ClaimMatcher("index/default")  # type: ignore[arg-type]


def test_empty_index_matches_nothing(embedder: Embedder) -> None:
    assert ClaimMatcher(ClaimIndex(embedder=embedder)).match("Anything at all") == []


def test_removed_claims_are_never_returned(small_index: ClaimIndex) -> None:
    small_index.remove(["everest"])
    matches = ClaimMatcher(small_index, min_score=-1.0).match("Mount Everest is 8,849 metres tall.")
    assert "everest" not in [m.claim.id for m in matches]
    small_index.add([VerifiedClaim(id="everest2", text="Mount Everest is 8,849 metres tall.", verdict="true")])
    assert ClaimMatcher(small_index).match("Mount Everest is 8,849 metres tall.")[0].claim.id == "everest2"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.one_of(
        st.text(max_size=300), st.text(min_size=1990, max_size=2100), st.binary(max_size=20), st.integers(), st.none()
    )
)
def test_arbitrary_input_only_raises_claimmatch_errors(matcher: ClaimMatcher, text: object) -> None:
    try:
        matches = matcher.match(text)  # type: ignore[arg-type]
    except ClaimMatchError:
        return
    assert isinstance(matches, list)
    assert all(m.stance in set(Stance) for m in matches)


def test_dense_and_hybrid_retrieval_agree_on_clear_cases(small_index: ClaimIndex) -> None:
    text = "Everest is 8,849 m high"
    hybrid = ClaimMatcher(small_index).match(text, top_k=1)
    dense = ClaimMatcher(small_index, retrieval="dense").match(text, top_k=1)
    assert hybrid[0].claim.id == dense[0].claim.id == "everest"
    assert hybrid[0].score == pytest.approx(dense[0].score, abs=1e-5)  # score stays the cosine
    with pytest.raises(InvalidArgumentError, match="retrieval"):
        ClaimMatcher(small_index, retrieval="sparse")  # type: ignore[arg-type]


def test_social_media_noise_is_removed_before_matching(small_index: ClaimIndex) -> None:
    noisy = "Mount #Everest is 8,849 metres tall https://t.co/abc123 pic.twitter.com/xyz"
    matcher = ClaimMatcher(small_index)
    assert matcher.match(noisy)[0].claim.id == "everest"
    clean = matcher.match("Mount Everest is 8,849 metres tall")[0].score
    assert matcher.match(noisy)[0].score == pytest.approx(clean, abs=0.02)


def test_stance_model_is_the_default_and_can_be_turned_off(small_index: ClaimIndex) -> None:
    from claimmatch.stance import DEFAULT_NLI
    from claimmatch.stance.nli import default_nli_available

    rules = ClaimMatcher(small_index, nli=None)
    assert rules.stance_engine.nli_name is None and rules.stance_engine._nli is None
    if default_nli_available() is None:
        assert ClaimMatcher(small_index).stance_engine.nli_name == DEFAULT_NLI


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")
def test_a_forked_child_gets_its_own_background_threads(
    matcher: ClaimMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matcher_module, "_OVERLAP_FROM", 0)  # embed on the background pool
    matcher.match("Everest is 8,849 m high")  # the parent's pool now has a thread
    pid = os.fork()
    if pid == 0:  # the child: a hybrid match must not wait for the parent's (absent) threads
        ok = False
        try:
            signal.alarm(30)
            ok = bool(matcher.match("Everest is 8,849 m high", min_score=-1.0))
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
