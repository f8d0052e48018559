"""core.options: a list of strings is taken as it is; any other item still names its error."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lint_news.core.options import OptionError, build_options


@dataclass(frozen=True)
class _Options:
    words: tuple[str, ...] = ()
    groups: dict[str, tuple[str, ...]] | None = None


def test_a_list_of_strings_becomes_a_tuple() -> None:
    options = build_options(_Options, {"words": ["Hà Nội", "iPhone"], "groups": {"a": ["x", "y"]}})
    assert options.words == ("Hà Nội", "iPhone")
    assert options.groups == {"a": ("x", "y")}


@pytest.mark.parametrize("value", [["ok", 3], [None], ["a", ["b"]]])
def test_a_list_with_another_item_is_an_error_naming_the_option(value: list[object]) -> None:
    with pytest.raises(OptionError, match="must be a string") as caught:
        build_options(_Options, {"words": value})
    assert caught.value.key == "words"
