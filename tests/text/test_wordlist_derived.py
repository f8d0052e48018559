"""The long word list as a trie in the derived-data folder (issue 16: a fast first file).

The trie must answer exactly as the dict it replaces, be built once and reused by later
processes, be built again when its sources change or its file is damaged, and never stop a run
(a folder that cannot be written, the derived data switched off).
"""

from __future__ import annotations

import os
import pickle
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import marisa_trie  # type: ignore[import-not-found,unused-ignore]
import pytest

from lint_news.core import context, memo
from lint_news.text import wordlist

ROOT = Path(__file__).resolve().parents[2]


def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a new process: no list read, no trie loaded, no compound answered."""
    for name, value in (("_CACHE", {}), ("_BUCKETS", {}), ("_TRIES", {}), ("_TAILS", {}),
                        ("_UNBUILDABLE", set()), ("_COMPOUNDS", {}), ("_SORTED", []),
                        ("_BY_ENDING", []), ("_LINES", []), ("LOAD_STATS", {})):
        monkeypatch.setattr(wordlist, name, value)
    monkeypatch.setattr(wordlist, "_SEARCHES", {True: 0, False: 0})


@pytest.fixture
def remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    forget(monkeypatch)
    root = tmp_path / "derived"
    with context.using(context.RunContext(derived=str(root))):
        yield root


@pytest.fixture(scope="module")
def plain() -> dict[str, int]:
    """The long list built as a plain dict (no derived data)."""
    saved = wordlist._CACHE.pop("large_en", None)
    try:
        with context.using(context.RunContext(derived=None)):
            table = wordlist.large("en")
        assert type(table) is dict
        return table
    finally:
        if saved is not None:
            wordlist._CACHE["large_en"] = saved


def stored(root: Path, form: str) -> Path:
    (path,) = (p for p in (root / "words").iterdir() if p.name.startswith(f"large_en-{form}-"))
    return path


def test_the_trie_answers_every_word_as_the_dict(remembered: Path, plain: dict[str, int]) -> None:
    listed = wordlist.large("en")
    assert isinstance(listed, wordlist._Listed) and isinstance(listed, dict)
    assert all(listed.get(word) == value for word, value in plain.items())
    assert all(word in listed and listed[word] == value for word, value in list(plain.items())[::97])
    for absent in ("zzqxqz", "", "Việt", "a\x00b", "the\x00", "a\udcffb", "\U0010ffff", "THE"):
        assert absent not in plain
        assert absent not in listed and listed.get(absent) is None and listed.get(absent, 0) == 0
        with pytest.raises(KeyError):
            listed[absent]
    assert listed.get(3, -1) == -1 and None not in listed  # type: ignore[call-overload,comparison-overlap]
    assert not listed._filled and listed  # answered without building the dict


def test_the_trie_fills_into_the_very_dict_it_stands_for(remembered: Path, plain: dict[str, int]) -> None:
    listed = wordlist.large("en")
    assert len(listed) == len(plain) and listed._filled  # anything but a lookup fills it
    assert list(listed) == list(plain) and listed == plain
    assert listed.get("the") == plain["the"] and "zzqxqz" not in listed
    again = pickle.loads(pickle.dumps(listed))
    assert type(again) is dict and again == plain


@pytest.mark.parametrize("first", [True, False])
def test_compounds_from_the_tries_count_as_the_scan(remembered: Path, first: bool) -> None:
    rng = random.Random(7)
    words = sorted(wordlist.large("en"))
    parts = {"in", "less", "line", "wide", "multi", "counter", "up", "zzqx", "café", "\U0010ffff"}
    parts |= {word[: rng.randint(1, len(word))] for word in rng.sample(words, 8)}
    parts |= {word[-rng.randint(1, len(word)) :] for word in rng.sample(words, 8)}
    for limit in (1, 5, 50):
        for part in parts:
            expected = wordlist._scan_compounds(part, first, limit)
            wordlist._COMPOUNDS.clear()
            got = wordlist.compounding(part, limit) if first else wordlist.tail_compounding(part, limit)
            assert got is expected, (part, limit)
    assert wordlist._SEARCHES == {True: 0, False: 0} and not wordlist._LINES  # the tries answered
    # a part marisa cannot be asked about exactly is searched as before
    for part in ("multi\x00", "less\x00", "a\udcff"):
        assert wordlist._count_compounds(part, first, 1) is wordlist._scan_compounds(part, first, 1)


def test_built_once_and_read_back_without_building(remembered: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert wordlist.tail_compounding("less")
    trie, tails = stored(remembered, "trie"), stored(remembered, "tails")
    before = (trie.stat().st_mtime_ns, tails.stat().st_mtime_ns)
    forget(monkeypatch)
    monkeypatch.setattr(wordlist, "_unpack", lambda path: pytest.fail("unpacked again"))
    monkeypatch.setattr(marisa_trie, "Trie", _only_loading(marisa_trie.Trie))  # the module, not the stand-in
    assert wordlist.large("en").get("the") and wordlist.tail_compounding("less")
    assert wordlist.compounding("multi") and not wordlist.compounding("highly")
    assert (trie.stat().st_mtime_ns, tails.stat().st_mtime_ns) == before


def _only_loading(trie_class: type) -> object:
    def make(*args: object) -> object:
        if args:
            pytest.fail("a trie was built again")
        return trie_class()
    return make


@pytest.mark.parametrize("form", ["trie", "tails"])
def test_a_damaged_trie_file_is_built_again(remembered: Path, monkeypatch: pytest.MonkeyPatch,
                                            plain: dict[str, int], form: str) -> None:
    assert wordlist.tail_compounding("less")
    path = stored(remembered, form)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # behind the checksum: marisa must never see it
    path.write_bytes(bytes(data))
    forget(monkeypatch)
    assert wordlist.tail_compounding("less") and not wordlist.tail_compounding("trust")
    assert wordlist.large("en").get("berggruen") == plain["berggruen"]
    assert memo.read(str(path)) is not None  # written again, whole


def test_a_trie_of_another_format_is_built_again(remembered: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wordlist.large("en")
    path = stored(remembered, "trie")
    memo.write(str(path), (b"not a trie", b""))
    forget(monkeypatch)
    assert wordlist.large("en").get("the") == 773
    assert memo.read(str(path))[0] != b"not a trie"


def test_a_new_word_list_or_module_is_a_new_trie(remembered: Path, monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(Path(wordlist._data_dir()) / "large_en.msgpack.gz", data)
    monkeypatch.setattr(wordlist, "_data_dir", lambda: str(data))
    wordlist.large("en")
    first = stored(remembered, "trie")
    forget(monkeypatch)
    os.utime(data / "large_en.msgpack.gz", ns=(1, 1))  # an upgraded wordfreq
    wordlist.large("en")
    names = {p.name for p in (remembered / "words").iterdir()}
    assert first.name in names and len(names) == 2
    forget(monkeypatch)
    monkeypatch.setattr(memo, "source_salt", lambda path: b"another lint-news" if path == wordlist.__file__
                        else b"same")
    wordlist.large("en")
    assert len({p.name for p in (remembered / "words").iterdir()}) == 3


def test_a_folder_that_cannot_be_written_falls_back_to_the_dict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: dict[str, int]) -> None:
    forget(monkeypatch)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    with context.using(context.RunContext(derived=str(blocker / "cache"))):
        table = wordlist.large("en")
        assert type(table) is dict and table == plain
        assert wordlist.tail_compounding("less") and not wordlist.tail_compounding("trust")
        assert wordlist.small("en")["the"] == 773


def test_read_only_folder_is_asked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forget(monkeypatch)
    monkeypatch.setattr(wordlist, "_writable", lambda path: False)
    built: list[str] = []
    monkeypatch.setattr(wordlist, "_new_trie", lambda words: built.append("x"))
    with context.using(context.RunContext(derived=str(tmp_path / "ro"))):
        assert type(wordlist.large("en")) is dict
        assert wordlist._trie("large_en") is None and wordlist._tails("large_en") is None
    assert built == [] and len(wordlist._UNBUILDABLE) == 1


def test_switched_off_nothing_is_read_or_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forget(monkeypatch)
    monkeypatch.setenv(memo.NO_DERIVED_ENV, "1")
    with context.using(context.RunContext(derived=str(tmp_path / "derived"))):
        assert memo.folder("words") is None
        assert type(wordlist.large("en")) is dict and wordlist.small("en")["the"] == 773
    assert not (tmp_path / "derived").exists()
    monkeypatch.setenv(memo.NO_DERIVED_ENV, "0")
    assert memo.remembering()


def _cli(cwd: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    environ.pop(memo.NO_DERIVED_ENV, None)
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "lint_news", "--isolated", "--exit-zero", *argv],
                          cwd=cwd, env=environ, capture_output=True, text=True, check=True)


def test_a_second_process_reuses_what_the_first_built(tmp_path: Path) -> None:
    """``--no-cache`` is about results: derived data is built by the first process, read by
    the next; ``LINT_NEWS_NO_DERIVED_CACHE=1`` neither reads nor writes it."""
    seed = tmp_path / "a.txt"
    seed.write_text("Tin tuc\n\nThe multicurrency loan and theCommunist leaders met on Friday.\n",
                    encoding="utf-8")
    cache = tmp_path / "cache"
    first = _cli(tmp_path, "--no-cache", "a.txt", LINT_NEWS_CACHE_DIR=str(cache))
    words = sorted(p.name for p in (cache / "words").iterdir())
    assert any(name.startswith("large_en-trie-") for name in words)
    assert not any(p.name.startswith("v") for p in cache.iterdir())  # no results cached
    times = {p.name: p.stat().st_mtime_ns for p in (cache / "words").iterdir()}
    second = _cli(tmp_path, "--no-cache", "a.txt", LINT_NEWS_CACHE_DIR=str(cache))
    assert second.stdout == first.stdout
    assert {p.name: p.stat().st_mtime_ns for p in (cache / "words").iterdir()} == times
    off = tmp_path / "off"
    third = _cli(tmp_path, "--no-cache", "a.txt", LINT_NEWS_CACHE_DIR=str(off),
                 LINT_NEWS_NO_DERIVED_CACHE="1")
    assert third.stdout == first.stdout and not off.exists()
