"""Literal prefilters remembered between runs (derived data, ``core.memo``): a second process
reads what the first worked out, and gets the very same source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lint_news.core import context
from lint_news.text.regex import prefilter
from lint_news.text.regex.prefilter import literal_prefilter

PATTERNS = [
    (r"(?<![\w])(?:Ảnh|Nguồn|Photo)\s*:\s*\S+", re.IGNORECASE),
    (r"\b\d{1,2}/\d{1,2}/\d{4}\b", 0),
    (r"(?:xổ số|soi cầu)\s+\w+", re.IGNORECASE),
    (r"\s+$", 0),  # no literal: the empty prefilter is remembered too
]


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_a_remembered_prefilter_is_the_one_worked_out(tmp_path: Path, source: str, flags: int) -> None:
    pattern = re.compile(source, flags)
    expected = prefilter._derive_prefilter_source(pattern)
    with context.using(context.RunContext(derived=str(tmp_path))):
        assert prefilter._prefilter_source(pattern) == expected  # worked out and stored
        stored = list((tmp_path / "regex").iterdir())
        assert len(stored) == 1
        assert literal_prefilter(pattern).pattern == expected  # read back
    # another pattern (or the same text with other flags) is another entry
    with context.using(context.RunContext(derived=str(tmp_path))):
        prefilter._prefilter_source(re.compile(source, flags ^ re.IGNORECASE))
    assert len(list((tmp_path / "regex").iterdir())) == 2


def test_a_damaged_entry_is_worked_out_again(tmp_path: Path) -> None:
    pattern = re.compile(PATTERNS[0][0], PATTERNS[0][1])
    with context.using(context.RunContext(derived=str(tmp_path))):
        expected = prefilter._prefilter_source(pattern)
        (entry,) = (tmp_path / "regex").iterdir()
        entry.write_bytes(entry.read_bytes()[:-2])
        assert prefilter._prefilter_source(pattern) == expected


def test_nothing_is_stored_without_a_derived_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pattern = re.compile(PATTERNS[1][0])
    assert prefilter._prefilter_source(pattern) == prefilter._derive_prefilter_source(pattern)
    assert not any(tmp_path.iterdir())


def _first_literal(pattern: re.Pattern[str]) -> tuple[str, int]:
    return (pattern.pattern[:3], pattern.flags)


def _other_analysis(pattern: re.Pattern[str]) -> tuple[str, int]:
    return (pattern.pattern[-3:], 0)


def test_each_analysis_of_a_pattern_is_its_own_entry(tmp_path: Path) -> None:
    pattern = re.compile(r"abc\d+xyz")
    with context.using(context.RunContext(derived=str(tmp_path))):
        assert prefilter.remembered(pattern, _first_literal) == ("abc", pattern.flags)
        assert prefilter.remembered(pattern, _other_analysis) == ("xyz", 0)
        assert prefilter.remembered(pattern, _first_literal) == ("abc", pattern.flags)  # read back
    assert len(list((tmp_path / "regex").iterdir())) == 2
