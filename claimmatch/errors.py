"""The exception hierarchy of claimmatch.

Every error the library raises on purpose derives from :class:`ClaimMatchError`, so a
caller can catch one class. Each subclass also derives from the closest built-in
exception (``ValueError``, ``TypeError``, ``LookupError``) so that generic handlers keep
working. Messages say what went wrong *and* what to do about it.
"""

from __future__ import annotations

__all__ = [
    "BackendUnavailableError",
    "ClaimFormatError",
    "ClaimMatchError",
    "CorruptIndexError",
    "DimensionMismatchError",
    "DuplicateIdError",
    "EmptyTextError",
    "IndexStateError",
    "InvalidArgumentError",
    "InvalidSimilarityError",
    "InvalidTextError",
    "InvalidTypeError",
    "MissingExtraError",
    "MissingIndexError",
    "ModelLoadError",
    "ModelMismatchError",
    "SkippedRecordWarning",
    "TextTooLongError",
    "UnknownIdError",
]


class ClaimMatchError(Exception):
    """Base class of every error raised by claimmatch."""


class InvalidTextError(ClaimMatchError, ValueError):
    """A text argument is unusable (see the subclasses)."""


class EmptyTextError(InvalidTextError):
    """A text is empty or only whitespace."""


class TextTooLongError(InvalidTextError):
    """A text is longer than :data:`claimmatch.text.MAX_TEXT_CHARS`."""


class InvalidTypeError(ClaimMatchError, TypeError):
    """An argument has the wrong type (e.g. bytes where a ``str`` is expected)."""


class ClaimFormatError(ClaimMatchError, ValueError):
    """A verified-claim record or file cannot be parsed or validated."""


class DuplicateIdError(ClaimMatchError, ValueError):
    """An id is already in the index (``add``) or repeated within one batch."""


class UnknownIdError(ClaimMatchError, LookupError):
    """An id is not in the index (``remove``, ``get``)."""

    def __str__(self) -> str:  # LookupError would repr() the message
        return str(self.args[0]) if self.args else ""


class IndexStateError(ClaimMatchError):
    """Base class for problems with a saved index directory."""


class MissingIndexError(IndexStateError, FileNotFoundError):
    """The index directory, or its manifest, does not exist."""


class CorruptIndexError(IndexStateError, ValueError):
    """The index directory is partial, altered or inconsistent."""


class ModelMismatchError(ClaimMatchError, ValueError):
    """The embedding model differs from the one the index was built with."""


class DimensionMismatchError(ModelMismatchError):
    """Vector dimensions differ (model vs index, or supplied vectors vs index)."""


class ModelLoadError(ClaimMatchError, OSError):
    """An embedding or NLI model could not be loaded."""


class InvalidArgumentError(ClaimMatchError, ValueError):
    """An argument has the right type but an unusable value (e.g. ``top_k=0``)."""


class SkippedRecordWarning(ClaimMatchError, UserWarning):  # noqa: N818 (a warning, named as one)
    """A malformed record was skipped while loading claims with ``on_error="skip"``.

    The message names the record's position (file and line, or file and JSON path) and the
    reason. It is a :class:`UserWarning` (filter it with ``warnings``); deriving from
    :class:`ClaimMatchError` too means ``warnings.simplefilter("error")`` raises a claimmatch error.
    """


class InvalidSimilarityError(InvalidArgumentError):
    """A similarity or threshold is not a finite number in its allowed range."""


class BackendUnavailableError(ClaimMatchError, RuntimeError):
    """A backend cannot be used: its optional extra is not installed (see
    :class:`MissingExtraError`), or its server cannot be reached or refuses the API key."""


class MissingExtraError(BackendUnavailableError, ImportError):
    """An optional dependency is not installed; the message gives the ``pip install "claimmatch[...]"`` command."""
