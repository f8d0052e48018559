"""``core.options`` reads an Options class's type hints with ``inspect.get_annotations``
(cheaper at start-up than ``typing.get_type_hints``); for every Options class lint-news builds,
the hints must be the very ones ``typing.get_type_hints`` gives, or an option would be coerced
(and its errors worded) differently."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from lint_news.config.registry import KINDS, load_kind
from lint_news.core.document import StructureOptions
from lint_news.core.options import _described, build_options


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_options_hints_are_get_type_hints(kind: str) -> None:
    options_type = load_kind(kind).Options
    assert dict(_described(options_type)[1]) == typing.get_type_hints(options_type)


def test_structure_options_hints_are_get_type_hints() -> None:
    assert dict(_described(StructureOptions)[1]) == typing.get_type_hints(StructureOptions)


@dataclasses.dataclass(frozen=True)
class _Base:
    size: int = 1
    label: str = "base"


@dataclasses.dataclass(frozen=True)
class _Derived(_Base):
    label: typing.Literal["a", "b"] = "a"  # a subclass's own hint wins, as in get_type_hints
    words: tuple[str, ...] = ()
    limit: float | None = None


def test_inherited_and_overridden_hints() -> None:
    assert dict(_described(_Derived)[1]) == typing.get_type_hints(_Derived)
    built = build_options(_Derived, {"size": 3, "label": "b", "words": ["x"], "limit": 2})
    assert built == _Derived(3, "b", ("x",), 2.0)
