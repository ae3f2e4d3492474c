"""claimmatch: find earlier fact-checks for new claims, and say whether they support or contradict them.

Quickstart::

    from claimmatch import ClaimIndex, ClaimMatcher, load_claims

    index = ClaimIndex.build(load_claims("index/claims.jsonl"))
    for match in ClaimMatcher(index).match("The coalition has 30 members"):
        print(match.rank, match.score, match.stance.value, match.reasons)
"""

from __future__ import annotations

from claimmatch._version import __version__
from claimmatch.embedder import DEFAULT_MODEL, Embedder, load_embedder
from claimmatch.errors import (
    BackendUnavailableError,
    ClaimFormatError,
    ClaimMatchError,
    CorruptIndexError,
    DimensionMismatchError,
    DuplicateIdError,
    EmptyTextError,
    IndexStateError,
    InvalidArgumentError,
    InvalidSimilarityError,
    InvalidTextError,
    InvalidTypeError,
    MissingExtraError,
    MissingIndexError,
    ModelLoadError,
    ModelMismatchError,
    SkippedRecordWarning,
    TextTooLongError,
    UnknownIdError,
)
from claimmatch.filters import ClaimFilter
from claimmatch.index import ClaimIndex
from claimmatch.loaders import LoadReport, load_claims, load_claims_report, save_claims
from claimmatch.matcher import DEFAULT_MIN_SCORE, ClaimMatcher
from claimmatch.models import Match, Stance, Verdict, VerifiedClaim
from claimmatch.ratings import normalize_rating
from claimmatch.text import MAX_TEXT_CHARS

__all__ = [
    "DEFAULT_MIN_SCORE",
    "DEFAULT_MODEL",
    "MAX_TEXT_CHARS",
    "BackendUnavailableError",
    "ClaimFilter",
    "ClaimFormatError",
    "ClaimIndex",
    "ClaimMatchError",
    "ClaimMatcher",
    "CorruptIndexError",
    "DimensionMismatchError",
    "DuplicateIdError",
    "Embedder",
    "EmptyTextError",
    "IndexStateError",
    "InvalidArgumentError",
    "InvalidSimilarityError",
    "InvalidTextError",
    "InvalidTypeError",
    "LoadReport",
    "Match",
    "MissingExtraError",
    "MissingIndexError",
    "ModelLoadError",
    "ModelMismatchError",
    "SkippedRecordWarning",
    "Stance",
    "TextTooLongError",
    "UnknownIdError",
    "Verdict",
    "VerifiedClaim",
    "__version__",
    "load_claims",
    "load_claims_report",
    "load_embedder",
    "normalize_rating",
    "save_claims",
]
