import subprocess
import sys

import pytest

from lint_news.core.lazy import lazy_module


def test_the_module_is_imported_on_first_use_only() -> None:
    code = ("import sys\nfrom lint_news.core.lazy import lazy_module\n"
            "fractions = lazy_module('fractions')\n"
            "assert 'fractions' not in sys.modules\n"
            "assert fractions.Fraction(1, 2) * 2 == 1\n"
            "assert 'fractions' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_stand_in_follows_later_changes_of_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    import textwrap

    lazy = lazy_module("textwrap")
    assert lazy.dedent("  a\n  b\n") == "a\nb\n"
    monkeypatch.setattr(textwrap, "dedent", lambda text: "patched")
    assert lazy.dedent("  a\n") == "patched"
    assert lazy_module("textwrap") is lazy


def test_a_missing_module_fails_at_first_use_with_its_import_error() -> None:
    missing = lazy_module("lint_news_no_such_module")
    with pytest.raises(ModuleNotFoundError, match="lint_news_no_such_module"):
        missing.anything  # noqa: B018



def test_a_name_cannot_be_set_on_the_stand_in() -> None:
    """It would change nothing the module's functions see: patch the module itself."""
    lazy = lazy_module("textwrap")
    with pytest.raises(AttributeError, match="on the module 'textwrap' itself"):
        lazy.dedent = lambda text: text
    with pytest.raises(AttributeError, match="on the module 'textwrap' itself"):
        del lazy.dedent
    assert lazy.dedent("  a\n") == "a\n"
