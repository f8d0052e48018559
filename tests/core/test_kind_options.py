"""Every kind's Options compares, hashes and prints by its fields' values (``KindOptions``),
as the dataclass methods it no longer generates did."""

from __future__ import annotations

import dataclasses

import pytest

from lint_news.config.registry import load_kind
from lint_news.core.options import KindOptions

KINDS = ["boilerplate", "duplicate-block", "empty", "encoding", "missing-date", "pattern",
         "run-together", "seo-spam", "whitespace"]


def _options_type(kind: str) -> type:
    return load_kind(kind).Options  # type: ignore[no-any-return]


def _make(kind: str) -> KindOptions:
    """The kind's defaults (a pattern rule needs a pattern)."""
    values = {"patterns": ("x",)} if kind == "pattern" else {}
    return _options_type(kind)(**values)  # type: ignore[no-any-return]


def _hashes_alike(first: object, second: object) -> bool:
    """Equal hashes, or both unhashable (a field holds a dict: so did the generated hash)."""
    try:
        return hash(first) == hash(second)
    except TypeError:
        with pytest.raises(TypeError):
            hash(second)
        return True


@pytest.mark.parametrize("kind", KINDS)
def test_every_kinds_options_compare_by_value(kind: str) -> None:
    options_type = _options_type(kind)
    assert issubclass(options_type, KindOptions)
    params = options_type.__dataclass_params__
    assert params.frozen and not params.eq and not params.repr
    first, second = _make(kind), _make(kind)
    assert first is not second
    assert first == second and _hashes_alike(first, second)
    assert first != object() and first != "Options()"
    shown = ", ".join(f"{f.name}={getattr(first, f.name)!r}" for f in dataclasses.fields(first) if f.repr)
    assert repr(first) == f"Options({shown})"


def test_a_different_value_makes_options_unequal() -> None:
    options_type = _options_type("whitespace")
    assert options_type(tabs=False) != options_type()
    assert options_type(tabs=False) == options_type(tabs=False)
    assert hash(options_type(tabs=False)) == hash(options_type(tabs=False))
    shown = repr(options_type(tabs=False))
    assert shown.startswith("Options(trailing=True, leading=True, runs=True, tabs=False")


def test_fields_left_out_of_comparison_stay_out() -> None:
    """boilerplate's derived regexes (``compare=False, repr=False``) neither decide equality nor
    show in the repr, as with the generated methods."""
    options_type = _options_type("boilerplate")
    options = options_type()
    hidden = [f.name for f in dataclasses.fields(options) if not f.compare]
    assert hidden
    other = options_type()
    object.__setattr__(other, hidden[0], None)
    assert options == other and hash(options) == hash(other)
    assert all(f"{name}=" not in repr(options) for name in hidden)
