"""The memo of derived data (parsed YAML, word lists) kept in the cache folder, with or without
the results cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lint_news.core import context, memo, yamlfile
from lint_news.core.yamlfile import load_yaml
from lint_news.kinds.run_together import memo as rt_memo
from lint_news.text import wordlist

from ..conftest import run


@pytest.fixture
def remembered(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / ".lint-news-cache"
    with context.using(context.RunContext(derived=str(root))):
        yield root


def test_values_come_back_as_written(remembered: Path) -> None:
    path = str(remembered / "words" / "x")
    value = {"the": 773, "Việt": 500, "b": 0}
    memo.write(path, value)
    back = memo.read(path)
    assert back == value
    assert list(back) == list(value)  # order kept: callers may iterate


@pytest.mark.parametrize("damage", [
    lambda data: data[:-3],                      # truncated
    lambda data: b"XXXX" + data[4:],              # foreign magic
    lambda data: data[:20] + b"\x00" + data[21:],  # a flipped byte behind the checksum
    lambda data: b"",                             # empty
])
def test_a_damaged_file_is_a_miss(remembered: Path, damage: object) -> None:
    path = remembered / "words" / "x"
    memo.write(str(path), {"word": 1})
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert memo.read(str(path)) is None


def test_values_marshal_cannot_hold_are_not_remembered(remembered: Path) -> None:
    path = remembered / "yaml" / "x"
    memo.write(str(path), {"when": object()})
    assert not path.exists()


def test_nothing_is_remembered_without_a_folder() -> None:
    assert memo.folder("yaml") is None


@pytest.fixture
def fresh_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    forget_lists(monkeypatch)


def forget_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a new process: no list read yet."""
    monkeypatch.setattr(wordlist, "_CACHE", {})
    monkeypatch.setattr(wordlist, "_BUCKETS", {})


def test_a_remembered_word_list_equals_the_unpacked_one(remembered: Path, fresh_lists: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    unpacked = wordlist.small("en")
    (stored,) = (remembered / "words").iterdir()
    assert stored.name.startswith("small_en-")
    forget_lists(monkeypatch)
    monkeypatch.setattr(wordlist, "_unpack", lambda path: pytest.fail("unpacked again"))
    back = wordlist.small("en")
    assert back == unpacked
    assert list(back) == list(unpacked)


def test_a_damaged_word_list_is_unpacked_again(remembered: Path, fresh_lists: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    unpacked = dict(wordlist.small("vi"))
    (stored,) = (remembered / "words").iterdir()
    stored.write_bytes(stored.read_bytes()[:100])
    forget_lists(monkeypatch)
    assert wordlist.small("vi") == unpacked
    assert memo.read(str(stored)) == unpacked  # and remembered again


def test_parsed_yaml_is_read_back_without_parsing(remembered: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "rules:\n  whitespace:\n    severity: error\n"
    first = load_yaml(text, "a.yaml")
    monkeypatch.setattr(yamlfile, "_parse", lambda text, path: pytest.fail("parsed again"))
    second = load_yaml(text, "b.yaml")
    assert (second.data, second.lines, second.path) == (first.data, first.lines, "b.yaml")
    assert second.line_of("rules", "whitespace", "severity") == 3


def test_the_cli_remembers_derived_data_also_without_the_results_cache(
        tmp_path: Path, fresh_lists: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--no-cache`` switches the results cache off, not derived data (issue 16), which then
    lives in the user's cache folder; the derived-data switch is LINT_NEWS_NO_DERIVED_CACHE.
    (With the results cache, derived data lives beside it: the test below.)"""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".lint-news.yaml").write_text("fail-on: warning\n", encoding="utf-8")  # a project root
    (tmp_path / "a.txt").write_text("A title\n\nBy Staff, March 3, 2024\n\nThey met theCommunist leaders.\n",
                                    encoding="utf-8")
    cache = tmp_path / ".lint-news-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    derived = tmp_path / "user" / "lint-news" / "derived"
    assert memo.derived_root() == str(derived)
    monkeypatch.setenv(memo.NO_DERIVED_ENV, "1")
    assert run("--no-cache", "a.txt")[0] == 1
    assert not cache.exists() and not derived.exists()
    monkeypatch.delenv(memo.NO_DERIVED_ENV)
    forget_lists(monkeypatch)
    monkeypatch.setattr(rt_memo, "_MEMOS", {})
    assert run("--no-cache", "a.txt")[0] == 1
    assert memo.folder("yaml") is None  # the run's context ended with the run
    assert not cache.exists()  # --no-cache writes nothing into the project
    assert any((derived / "yaml").iterdir())
    assert any(p.name.startswith("small_en-") for p in (derived / "words").iterdir())
    forget_lists(monkeypatch)
    monkeypatch.setattr(rt_memo, "_MEMOS", {})
    monkeypatch.setattr(yamlfile, "_parse", lambda text, path: pytest.fail("parsed again"))
    assert run("--no-cache", "a.txt")[0] == 1  # read back, not parsed


def test_with_the_results_cache_derived_data_lives_beside_it(tmp_path: Path, fresh_lists: None,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".lint-news.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A title\n\nBy Staff, March 3, 2024\n\nThey met theCommunist leaders.\n",
                                    encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    monkeypatch.setattr(rt_memo, "_MEMOS", {})
    assert run("a.txt")[0] == 1
    cache = tmp_path / ".lint-news-cache"
    assert any((cache / "yaml").iterdir())
    assert any(p.name.startswith("small_en-") for p in (cache / "words").iterdir())
    assert not (tmp_path / "user" / "lint-news" / "derived").exists()
