"""lint_news.output: the fast paths of the terminal report give the answers of the plain code."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.app.output.escape import _CONTROL, _UNSAFE, terminal_safe
from lint_news.app.output.full import _display_width, _window


def _plain_width(text: str) -> int:
    """Cells as wcwidth counts them; ASCII and control characters (escaped when shown) one."""
    from wcwidth import wcwidth

    return sum(1 if c.isascii() or wcwidth(c) < 0 else wcwidth(c) for c in text)


def test_unsafe_class_is_exactly_the_escaped_characters() -> None:
    unsafe = re.compile(_UNSAFE.pattern)
    assert {code for code in range(0x110000) if unsafe.match(chr(code))} == set(_CONTROL)


@pytest.mark.parametrize("text", ["plain", "tab\there", "ANSI \x1b[31m red", "bidi \u202e txt", "byte \udc80",
                                  "Việt Nam", "C1 \x85", "new\nline\r"])
def test_terminal_safe_same_as_translate(text: str) -> None:
    assert terminal_safe(text) == text.translate(_CONTROL)


@pytest.mark.parametrize("text", ["", "ascii only", "Việt Nam", "漢字 and ｆｕｌｌ", "e\u0301 combining",
                                  "emoji 😀", "\x00\x1b", "\u3000"])
def test_display_width_same_as_plain(text: str) -> None:
    assert _display_width(text) == _plain_width(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_display_width_any_text(text: str) -> None:
    assert _display_width(text) == _plain_width(text)


@pytest.mark.parametrize(("text", "cells"), [("zero\u200bwidth", 9), ("Vie\u0323\u0302t", 4), ("漢字", 4),
                                             ("soft\u00adhyphen", 11)])
def test_display_width_counts_cells_as_terminals_do(text: str, cells: int) -> None:
    assert _display_width(text) == cells


def test_window_caret_under_wide_characters() -> None:
    shown, caret, length = _window("漢字 x bad y", 5, 3)
    assert shown == "漢字 x bad y" and caret == 7 and length == 3
