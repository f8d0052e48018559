"""lint_news.lazyre.LazyPattern behaves as the compiled pattern, compiled once on first use."""

from __future__ import annotations

import pickle
import re

from lint_news.text.regex.lazy import LazyPattern


def test_compiles_on_first_use_and_once() -> None:
    calls: list[int] = []

    def source() -> str:
        calls.append(1)
        return r"(?P<w>\w+)"

    lazy = LazyPattern(source, re.IGNORECASE)
    assert calls == []
    assert lazy.search("  Hà Nội").group("w") == "Hà"  # type: ignore[union-attr]
    assert [m.group() for m in lazy.finditer("a b")] == ["a", "b"]
    assert lazy.findall("a b") == ["a", "b"]
    assert lazy.sub("x", "a b") == "x x" and lazy.subn("x", "a b") == ("x x", 2)
    assert lazy.match("a") and lazy.fullmatch("ab") and lazy.split("a b") == ["", "a", " ", "b", ""]
    assert lazy.pattern == r"(?P<w>\w+)" and lazy.flags & re.IGNORECASE
    assert calls == [1]


def test_pickles_as_its_source() -> None:
    lazy = LazyPattern("a+")
    assert lazy.search("baa") is not None
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy.search("caaa").group() == "aaa"  # type: ignore[union-attr]
