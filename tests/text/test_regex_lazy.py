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


def test_source_and_flags_are_read_without_compiling() -> None:
    """A gate or prefilter reads ``pattern`` and ``flags``: both as ``re`` gives them, and
    the pattern stays uncompiled unless the text sets flags for the whole pattern."""
    for source, flags in ((r"a|b", 0), (r"(?i:x)y", 0), (r"\w+", re.IGNORECASE),
                          (r"\w", re.ASCII), (r"(?m)^a", 0), (r"(?x) a b", re.IGNORECASE)):
        lazy = LazyPattern(source, flags)
        assert lazy.pattern == source
        assert lazy.flags == re.compile(source, flags).flags, source
    lazy = LazyPattern(r"a|b", re.IGNORECASE)
    assert lazy.pattern and lazy.flags and lazy._compiled is None


def test_builtin_option_patterns_wait_and_match_as_compiled() -> None:
    """The built-in rules' option patterns are compiled on first use, and then match exactly
    as the same source compiled at once."""
    from lint_news.config import load_config

    config = load_config(isolated=True, validate_all=True)
    lazy_fields = 0
    texts = ["| Home | News |", "Ảnh: Reuters", "Xem thêm: bài viết", "12/10/2023 08:30",
             "Photo: AFP", "Thứ Hai, 5/6/2023", "theiPhone 15 VinFast", "", "1.234"]
    for rule in config.all_rules:
        for name, value in vars(rule.options).items():
            if not isinstance(value, LazyPattern) or callable(value._source):
                continue
            lazy_fields += 1
            eager = re.compile(value.pattern, value.flags)
            for text in texts:
                assert ([m.span() for m in value.finditer(text)]
                        == [m.span() for m in eager.finditer(text)]), (rule.id, name, text)
    assert lazy_fields > 10
