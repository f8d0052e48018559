"""Rule `whitespace`: exact spans, typographic no-break spaces kept, safe fixes, options."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.core.document import Document
from lint_news.kinds.whitespace import _RUNS, _SPECIAL, _SPECIAL_CHARACTERS, _may_match

from ..conftest import fix, lint, make_config, spans

NBSP = "\u00a0"


@pytest.mark.parametrize(("text", "expected"), [
    ("two  words", ["  "]),
    ("trailing space \nnext", [" "]),
    ("trailing tab\t\r\nnext", ["\t"]),
    (" leading", [" "]),
    ("   \n", ["   "]),
    ("a\tb", ["\t"]),
    (f"and{NBSP} former", [f"{NBSP} "]),
    (f"Ngày đăng 23/09/2024 | 12:43 PM {NBSP}|{NBSP}View", [f" {NBSP}", NBSP]),
    ("\ufeff Title", [" "]),
    ("wide\u3000\u3000gap", ["\u3000\u3000"]),
])
def test_reports_exact_spans(text: str, expected: list[str]) -> None:
    findings = lint(text, "whitespace")
    assert spans(text, findings) == expected
    assert {f.rule for f in findings} == {"whitespace"}


@pytest.mark.parametrize("text", [
    "Hà Nội, ngày 31 tháng 3 năm 2025 — Thủ tướng phát biểu.",
    f"Prices rose 10{NBSP}% to 10{NBSP}000 dong, or 25{NBSP}km.",
    f"« Bonjour{NBSP}», dit-il{NBSP}!",
    "iPhone, PetroVietnam and YouTube.\r\nSecond line.\r\n",
    "Narrow\u202fno-break space in 10\u202f000.",
    "",
    "\n\n",
])
def test_clean_text_is_silent(text: str) -> None:
    assert lint(text, "whitespace") == []


@pytest.mark.parametrize(("before", "after"), [
    ("two  words ", "two words"),
    (" date 2025-03-31 HÀ NỘI", "date 2025-03-31 HÀ NỘI"),
    (f"and{NBSP} former\tUS", "and former US"),
    ("line one  \r\nline  two\r\n", "line one\r\nline two\r\n"),
    ("\ufeff  Title\n", "\ufeffTitle\n"),
])
def test_fix_round_trip_and_idempotence(before: str, after: str) -> None:
    assert fix(before, "whitespace") == after
    assert fix(after, "whitespace") == after
    assert lint(after, "whitespace") == []


def test_fixes_are_safe() -> None:
    findings = lint(f"a  b\tc{NBSP} d ", "whitespace")
    assert findings
    assert all(f.fix is not None and f.fix.applicability.value == "safe" for f in findings)


@pytest.mark.parametrize(("option", "text"), [
    ("trailing", "end "),
    ("leading", " start"),
    ("runs", "a  b"),
    ("tabs", "a\tb"),
    ("no-break-spaces", f"a{NBSP}b"),
])
def test_each_check_can_be_turned_off(tmp_path: Path, option: str, text: str) -> None:
    assert lint(text, "whitespace")
    yaml_text = f"rules:\n  whitespace:\n    {option}: false\n"
    config = make_config("whitespace", tmp=tmp_path, yaml_text=yaml_text)
    assert lint(text, config=config) == []


def test_disabled_rule_is_silent(tmp_path: Path) -> None:
    config = make_config(tmp=tmp_path, yaml_text="rules:\n  whitespace: 'off'\n")
    assert [f for f in lint("a  b ", config=config) if f.rule == "whitespace"] == []


# The pattern before it was rewritten to start with one character class (speed): kept here
# as the specification the fast pattern must match exactly.
_REFERENCE_RUNS = re.compile(
    r"(?m)[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*"
    r"|  [ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*"
    r"|^ "
    r"|(?<=\A\ufeff) "
    r"| (?=\r?$)"
)


_ALPHABET = ["a", "1", " ", "\t", NBSP, "\u2009", "\u3000", "\n", "\r", "\ufeff"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40))
def test_fast_pattern_matches_the_reference(text: str) -> None:
    def runs(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text)]

    assert runs(_RUNS) == runs(_REFERENCE_RUNS)


@pytest.mark.parametrize("text", [" ", "  ", " \r", " \r\n", " \rx", "\ufeff ", "\ufeff  x", "x \n y",
                                  f"a{NBSP}b", f"a {NBSP} b", "a\u2009b", "\t", "a \u3000", "\r\n \r\n"])
def test_fast_pattern_edges(text: str) -> None:
    assert [m.span() for m in _RUNS.finditer(text)] == [m.span() for m in _REFERENCE_RUNS.finditer(text)]


# ----- the document gate (issue 16): C substring tests before the pattern -----------------
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from([*_ALPHABET, "\u202f", "\u2000", "ạ", "中"]), max_size=30))
def test_gate_passes_every_text_the_pattern_matches(text: str) -> None:
    if _RUNS.search(text):
        assert _may_match(Document("<test>", text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Hà Nội hôm nay ", [" "]),  # the last character, no final newline
    ("Hà Nội hôm nay \r\nNgày mai", [" "]),
    ("Hà Nội hôm nay \r", [" "]),
    (" Hà Nội", [" "]),  # the first character
    ("Tin tức\n Hà Nội", [" "]),
    ("\ufeff Hà Nội", [" "]),
    ("Hà  Nội", ["  "]),
    ("Hà\tNội", ["\t"]),
    (f"Hà{NBSP}Nội", [NBSP]),
    ("Hà\u202f\u202fNội", ["\u202f\u202f"]),
])
def test_gate_edges_still_find_the_run(text: str, expected: list[str]) -> None:
    assert spans(text, lint(text, "whitespace")) == expected


@pytest.mark.parametrize("text", [
    "Thủ tướng nói: “Chúng ta sẽ làm được.”\r\nGiá tăng 2,5%.\r\n",
    "Bắc Kinh (北京) và Tokyo.\n\nVinFast, iPhone.\n",
    "Hà\u2009Nội\n",  # one thin space is typography: the gate lets it through, the rule keeps it
    "",
])
def test_gate_clean_text_is_silent(text: str) -> None:
    assert lint(text, "whitespace") == []
    if not text:
        assert not _may_match(Document("<test>", text))


def test_special_characters_are_the_special_class() -> None:
    special = re.compile(f"[{_SPECIAL}]")
    assert {c for c in map(chr, range(0x10000)) if special.fullmatch(c)} == _SPECIAL_CHARACTERS | {"\t"}
