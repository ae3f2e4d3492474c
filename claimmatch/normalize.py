"""Query normalisation for social-media posts (tweets) before retrieval.

Tweets carry material that says nothing about the claim in them: links, ``pic.twitter.com``
image links, the ``— Name (@handle) Month D, YYYY`` signature that copies of embedded tweets
end with, and ``#`` marks glued to words. :func:`normalize_query` removes that noise; for
retrieval use :data:`RETRIEVAL_NORMALIZER`, which keeps the signature (it helps retrieval).
Neither returns an empty string for a text that had content: if everything would be
stripped, the original (with whitespace collapsed) is returned instead.

Example::

    >>> normalize_query("Wow #FakeNews https://t.co/x pic.twitter.com/y — Jo (@jo) May 1, 2019")
    'Wow Fake News'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from claimmatch.errors import InvalidTypeError

__all__ = ["RETRIEVAL_NORMALIZER", "QueryNormalizer", "normalize_query", "split_camel_case"]

_MONTHS = (
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    "Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# "— Name (@handle) Month D, YYYY", as pasted from an embedded tweet. The name is optional and
# may be anything but another dash or a line break (display names such as "Jo )0v0(" exist);
# the dash may be an em dash, an en dash or " -".
_SIGNATURE = re.compile(
    r"\s*(?:\u2014|\u2013|--|\s-)\s*(?P<name>[^\u2014\u2013\n]{0,80}?)\s*\(@\w{1,20}\)\s*"
    rf"(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}})?",
    re.IGNORECASE,
)
_PIC_LINK = re.compile(r"(?:https?://)?pic\.twitter\.com/\S*", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:t\.co|bit\.ly|goo\.gl|ow\.ly|tinyurl\.com)/\S+", re.IGNORECASE)
_HASHTAG = re.compile(r"#(\w+)")
_MENTION = re.compile(r"(?<![\w@])@(\w{1,30})")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_SPACES = re.compile(r"\s+")


def split_camel_case(word: str) -> str:
    """Split ``"StopTheHate"`` into ``"Stop The Hate"`` and ``"COVID19"`` into ``"COVID 19"``.

    Underscores become spaces; all-lower-case or all-upper-case words are left whole.
    """
    return _SPACES.sub(" ", _CAMEL.sub(" ", word.replace("_", " "))).strip()


def _tag_words(match: re.Match[str], split: bool) -> str:
    word = match.group(1)
    return f" {split_camel_case(word) if split else word} "


@dataclass(frozen=True)
class QueryNormalizer:
    """A configured query cleaner; calling it is :func:`normalize_query` with these settings.

    Attributes:
        urls: Remove ``http(s)://`` and ``www.`` links and bare short links (``t.co/...``).
        pic_links: Remove ``pic.twitter.com/...`` image links.
        signatures: Remove ``— Name (@handle) Month D, YYYY`` tweet signatures, wherever they are
            (threads pasted together carry one per tweet).
        signature_names: When removing a signature, keep the author's display name (it can name
            the person a claim is about). Off by default.
        hashtags: Drop the ``#`` of hashtags and keep the word.
        split_hashtags: Split CamelCase hashtags into words (``#FakeNews`` -> ``Fake News``).
        mentions: Drop the ``@`` of mentions and split the handle into words.
        unescape: Decode HTML entities (``&amp;`` -> ``&``) first.
    """

    urls: bool = True
    pic_links: bool = True
    signatures: bool = True
    signature_names: bool = False
    hashtags: bool = True
    split_hashtags: bool = True
    mentions: bool = False
    unescape: bool = True

    def __call__(self, text: str) -> str:
        """Return the normalised ``text`` (see :func:`normalize_query`)."""
        if not isinstance(text, str):
            raise InvalidTypeError(f"query must be a str, got {type(text).__name__}: {text!r:.80}")
        original = _SPACES.sub(" ", text).strip()
        out = html.unescape(text) if self.unescape else text
        if self.signatures:
            keep = self.signature_names
            out = _SIGNATURE.sub(lambda m: f" {m.group('name')} " if keep else " ", out)
        if self.pic_links:
            out = _PIC_LINK.sub(" ", out)
        if self.urls:
            out = _URL.sub(" ", out)
        if self.hashtags:
            out = _HASHTAG.sub(lambda m: _tag_words(m, self.split_hashtags), out)
        if self.mentions:
            out = _MENTION.sub(lambda m: _tag_words(m, True), out)
        out = _SPACES.sub(" ", out).strip()
        return out if any(ch.isalnum() for ch in out) else original

    def many(self, texts: list[str]) -> list[str]:
        """Normalise a list of texts."""
        return [self(text) for text in texts]


#: The settings chosen for retrieval on the CheckThat! *train* tweets (see docs/benchmarks.md):
#: links removed, hashtags and @mentions split into words, and the tweet signature *kept*, since
#: who posted a claim and when is often part of the fact-checked claim ("Trump tweeted in July
#: 2019 that ..."). Removing signatures cost 3 to 5 MAP@5 points there.
RETRIEVAL_NORMALIZER = QueryNormalizer(signatures=False, mentions=True)


def normalize_query(
    text: str,
    *,
    urls: bool = True,
    pic_links: bool = True,
    signatures: bool = True,
    hashtags: bool = True,
    mentions: bool = False,
    signature_names: bool = False,
    split_hashtags: bool = True,
) -> str:
    """Strip links, tweet signatures and hashtag marks from a social-media post.

    Args:
        text: The post.
        urls: Remove web links.
        pic_links: Remove ``pic.twitter.com`` links.
        signatures: Remove ``— Name (@handle) Month D, YYYY`` signatures.
        hashtags: Keep hashtag words but drop the ``#``.
        mentions: Drop the ``@`` of mentions and split handles into words.
        signature_names: Keep the author name of a removed signature.
        split_hashtags: Split CamelCase hashtags into words.

    Returns:
        The cleaned text with whitespace collapsed, or the original text (whitespace
        collapsed) if cleaning would leave no letters or digits.

    Raises:
        InvalidTypeError: ``text`` is not a ``str``.
    """
    normalizer = QueryNormalizer(
        urls=urls,
        pic_links=pic_links,
        signatures=signatures,
        signature_names=signature_names,
        hashtags=hashtags,
        split_hashtags=split_hashtags,
        mentions=mentions,
    )
    return normalizer(text)
