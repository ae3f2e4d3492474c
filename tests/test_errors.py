from __future__ import annotations

import inspect

import claimmatch
from claimmatch import errors


def test_every_error_derives_from_the_base_and_is_exported() -> None:
    classes = [obj for _, obj in inspect.getmembers(errors, inspect.isclass) if issubclass(obj, Exception)]
    assert len(classes) >= 14
    for cls in classes:
        assert issubclass(cls, errors.ClaimMatchError), cls
        assert cls.__name__ in errors.__all__
        assert getattr(claimmatch, cls.__name__) is cls


def test_builtin_bases_keep_generic_handlers_working() -> None:
    assert issubclass(errors.EmptyTextError, ValueError)
    assert issubclass(errors.InvalidTypeError, TypeError)
    assert issubclass(errors.UnknownIdError, LookupError)
    assert issubclass(errors.MissingIndexError, FileNotFoundError)
    assert issubclass(errors.DimensionMismatchError, errors.ModelMismatchError)


def test_unknown_id_message_is_not_quoted() -> None:
    assert str(errors.UnknownIdError("no claim with id 'x'")) == "no claim with id 'x'"


def test_public_api_names_are_stable() -> None:
    for name in ["ClaimIndex", "ClaimMatcher", "VerifiedClaim", "Verdict", "Stance", "Match", "load_claims"]:
        assert name in claimmatch.__all__
        assert hasattr(claimmatch, name)
