"""Tests for claimmatch.normalize: cleaning tweets before retrieval."""

from __future__ import annotations

import dataclasses

import pytest

from claimmatch.errors import InvalidTypeError
from claimmatch.normalize import QueryNormalizer, normalize_query, split_camel_case

TWEET = (
    "Police in Danville are putting the hoods of their cars up. pic.twitter.com/oCwQglQTXg "
    "— Shaun King (@ShaunKing) September 26, 2016"
)


def test_removes_pic_link_and_signature() -> None:
    assert normalize_query(TWEET) == "Police in Danville are putting the hoods of their cars up."


def test_removes_urls_of_every_kind() -> None:
    text = "Read this https://t.co/RDCRlsgKPD and http://example.com/a?b=1 or www.snopes.com/x t.co/abc now"
    assert normalize_query(text) == "Read this and or now"


def test_hashtags_keep_the_word_and_split_camel_case() -> None:
    assert normalize_query("Not a citizen.#ImpeachTrump#StopTheHate") == "Not a citizen. Impeach Trump Stop The Hate"
    assert normalize_query("#MAGA rally", split_hashtags=False) == "MAGA rally"
    assert normalize_query("#FakeNews", hashtags=False) == "#FakeNews"


def test_signature_forms() -> None:
    # en dash, a display name with brackets, and two pasted tweets, each with its signature
    assert normalize_query("Hello \u2013 Jo (@jo) May 1, 2019") == "Hello"
    assert normalize_query("Trump parade — (((Dean))) (@DeanO) July 5, 2019") == "Trump parade"
    thread = "First part (1/2) — Jack B (@jjb) December 29, 2017 Second part (2/2) — Jack B (@jjb) December 29, 2017"
    assert normalize_query(thread) == "First part (1/2) Second part (2/2)"


def test_signature_names_can_be_kept() -> None:
    text = "Rip him from his mother — Peter Fonda (@iamfonda) June 20, 2018"
    assert normalize_query(text, signature_names=True) == "Rip him from his mother Peter Fonda"


def test_signature_off_keeps_it() -> None:
    assert "(@ShaunKing)" in normalize_query(TWEET, signatures=False)


def test_mentions_are_kept_by_default_and_split_on_request() -> None:
    text = "Thank you @AMCTheatres and @real_Donald"
    assert normalize_query(text) == text
    assert normalize_query(text, mentions=True) == "Thank you AMC Theatres and real Donald"


def test_hyphens_inside_text_are_not_signatures() -> None:
    text = "A 10-meter anaconda - seen in Brazil - swims across a river"
    assert normalize_query(text) == text


def test_html_entities_and_whitespace() -> None:
    assert normalize_query("  Salt &amp; pepper\n\n  shakers\t") == "Salt & pepper shakers"


@pytest.mark.parametrize(
    "text", ["https://t.co/abc", "pic.twitter.com/xyz — Someone (@someone) January 1, 2020", "#  "]
)
def test_never_returns_empty(text: str) -> None:
    out = normalize_query(text)
    assert out
    assert out == " ".join(text.split())


def test_normalizer_is_frozen_and_matches_function() -> None:
    normalizer = QueryNormalizer(signature_names=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        normalizer.urls = False  # type: ignore[misc]
    assert normalizer(TWEET) == normalize_query(TWEET, signature_names=True)
    assert normalizer.many([TWEET, "x"]) == [normalizer(TWEET), "x"]


def test_rejects_non_strings() -> None:
    with pytest.raises(InvalidTypeError):
        normalize_query(b"bytes")  # type: ignore[arg-type]


def test_split_camel_case() -> None:
    assert split_camel_case("StopTheHate") == "Stop The Hate"
    assert split_camel_case("COVID19") == "COVID 19"
    assert split_camel_case("NYCMarathon") == "NYC Marathon"
    assert split_camel_case("lowercase") == "lowercase"
