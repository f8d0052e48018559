"""The names given on the command line are read as ``str(pathlib.Path(name))``; the common
ones are seen to be in that form already, without importing pathlib (start-up)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.app.files import _as_given

pytestmark = pytest.mark.skipif(os.sep != "/", reason="the shortcut is for POSIX names")


@pytest.mark.parametrize("name", [".", "..", "a", "a/b.txt", "/a/b", "/", "//a", "///a", "./a", "a/",
                                  "a//b", "a/./b", "a/.", "../a", "a/../b", ".a/b.", "a\\b", " a / b "])
def test_as_given_is_pathlibs_form(name: str) -> None:
    assert _as_given(name) == str(Path(name))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="a./\\ ", min_size=1, max_size=12))
def test_as_given_is_pathlibs_form_always(name: str) -> None:
    assert _as_given(name) == str(Path(name))
