"""The results cache: hits give the same report, anything that changes results misses, corrupt
entries are ignored, fix runs still fix, and two runs can share it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lint_news.app import cache as cache_module
from lint_news.app import parallel
from lint_news.app.cache import CACHE_DIR, Cache, cache_root
from lint_news.app.files import read_file
from lint_news.config import load_config

from ..conftest import run

CONFIG = "select: [whitespace]\n"
DIRTY = "Title line\n\nA body  line with a double space and a trailing space \n"
CLEAN = "Title line\n\nA clean body line.\n"
FIXED = "Title line\n\nA body line with a double space and a trailing space\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".lint-news.yaml").write_text(CONFIG, encoding="utf-8")
    for index in range(12):
        path = tmp_path / "corpus" / f"{index:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DIRTY if index % 2 else CLEAN, encoding="utf-8")
    return tmp_path


@pytest.fixture
def no_linting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the files that had to be linted (a cache hit lints nothing)."""
    linted: list[str] = []
    real = parallel.process_file

    def spy(path: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        linted.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "process_file", spy)
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)  # the spy sees this process only
    return linted


def entries(project: Path) -> list[Path]:
    folder = project / CACHE_DIR
    return [p for p in folder.rglob("*") if p.is_file() and p.parent.parent.name.startswith("v")]


def test_warm_run_reads_the_cache_and_prints_the_same(project: Path, no_linting: list[str]) -> None:
    for fmt in ("full", "json", "sarif"):
        cold = run("-j", "1", "--output-format", fmt, "corpus")
        assert cold[0] == 1
        warm = run("-j", "1", "--output-format", fmt, "corpus")
        assert warm == cold
    assert len(no_linting) == 12  # only the first run linted
    assert len(entries(project)) == 12
    assert (project / CACHE_DIR / "CACHEDIR.TAG").exists()
    assert (project / CACHE_DIR / ".gitignore").read_text() == "*\n"


def test_warm_run_with_jobs_starts_no_workers(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = run("-j", "2", "corpus")

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("workers started although every file was cached")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    assert run("-j", "2", "corpus") == cold


def test_changed_file_is_linted_again(project: Path, no_linting: list[str]) -> None:
    run("corpus")
    (project / "corpus" / "000.txt").write_text(DIRTY, encoding="utf-8")
    no_linting.clear()
    _, out, _ = run("--output-format", "concise", "corpus")
    assert no_linting == [os.path.join("corpus", "000.txt")]
    assert "corpus/000.txt:3:7" in out


def test_config_changes_change_the_namespace(project: Path) -> None:
    config = load_config(cwd=project)
    other = load_config(cwd=project, select=["whitespace"], ignore=[])
    assert Cache(cache_root(config), config).directory == Cache(cache_root(other), other).directory
    (project / ".lint-news.yaml").write_text(CONFIG + "rules:\n  whitespace: error\n", encoding="utf-8")
    severity = load_config(cwd=project)
    (project / ".lint-news.yaml").write_text(CONFIG + "rules:\n  whitespace:\n    runs: false\n",
                                             encoding="utf-8")
    option = load_config(cwd=project)
    directories = {Cache(cache_root(c), c).directory for c in (config, severity, option)}
    assert len(directories) == 3
    _, out, _ = run("--output-format", "concise", "corpus")
    assert "run of" not in out and "trailing" in out


def test_fingerprint_is_stable_across_processes(project: Path) -> None:
    code = ("from lint_news.config import load_config; from lint_news.app.cache import Cache, cache_root; "
            "c = load_config(); print(Cache(cache_root(c), c).directory)")
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True,
                              text=True, check=True)
        seen.add(done.stdout)
    assert len(seen) == 1


def test_per_file_ignores_are_part_of_the_key(project: Path) -> None:
    (project / ".lint-news.yaml").write_text(CONFIG + "per-file-ignores:\n  'corpus/001.txt': [whitespace]\n",
                                             encoding="utf-8")
    (project / "corpus" / "003.txt").write_text(DIRTY, encoding="utf-8")
    for _ in range(2):
        _, out, _ = run("--output-format", "concise", "corpus")
        assert "corpus/001.txt" not in out and "corpus/003.txt" in out


def test_corrupt_entries_are_ignored(project: Path) -> None:
    cold = run("corpus")
    files = entries(project)
    files[0].write_bytes(b"garbage")
    files[1].write_bytes(files[1].read_bytes()[:-3])
    data = bytearray(files[2].read_bytes())
    data[-1] ^= 0xFF
    files[2].write_bytes(bytes(data))
    files[3].write_bytes(b"")
    assert run("corpus") == cold
    assert run("corpus") == cold  # the bad entries were rewritten


def test_no_cache_neither_reads_nor_writes(project: Path, no_linting: list[str]) -> None:
    run("--no-cache", "corpus")
    assert not (project / CACHE_DIR).exists()
    run("corpus")
    no_linting.clear()
    run("--no-cache", "corpus")
    assert len(no_linting) == 12


def test_fix_still_fixes_after_a_cached_lint(project: Path, no_linting: list[str]) -> None:
    run("corpus")
    no_linting.clear()
    code, _, err = run("--fix", "corpus")
    assert code == 1 and err.count("Fixing") == 6
    assert sorted(no_linting) == [os.path.join("corpus", f"{i:03d}.txt") for i in range(1, 12, 2)]
    assert {p.read_text(encoding="utf-8") for p in (project / "corpus").glob("*.txt")} == {CLEAN, FIXED}
    no_linting.clear()
    assert run("corpus")[0] == 0  # the fixed texts were cached when written
    assert run("--fix", "corpus")[0] == 0
    assert no_linting == []


def test_unsafe_fixes_are_not_skipped_by_a_safe_only_entry(project: Path) -> None:
    (project / ".lint-news.yaml").write_text(
        "select: [spelling]\nrule-paths: [rules]\n", encoding="utf-8")
    rules = project / "rules"
    rules.mkdir()
    (rules / "spelling.yaml").write_text(
        "id: spelling\nkind: pattern\nseverity: warning\ndescription: A test rule.\n"
        "message: 'misspelt {match}'\noptions:\n  phrases: [teh]\n  replacement: the\n"
        "  applicability: unsafe\n", encoding="utf-8")
    (project / "corpus" / "000.txt").write_text("Title\n\nteh end\n", encoding="utf-8")
    assert run("corpus/000.txt")[0] == 1
    assert run("--fix", "corpus/000.txt")[0] == 1
    assert (project / "corpus" / "000.txt").read_text(encoding="utf-8") == "Title\n\nteh end\n"
    assert run("--fix", "--unsafe-fixes", "corpus/000.txt")[0] == 1
    assert (project / "corpus" / "000.txt").read_text(encoding="utf-8") == "Title\n\nthe end\n"


def test_two_runs_sharing_the_cache(project: Path) -> None:
    for index in range(12, 200):
        (project / "corpus" / f"{index:03d}.txt").write_text(DIRTY if index % 2 else CLEAN, encoding="utf-8")
    expected = run("--no-cache", "--output-format", "concise", "corpus")
    command = [sys.executable, "-m", "lint_news", "--output-format", "concise", "-j", "2", "corpus"]
    runs = [subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    for process in runs:
        out, err = process.communicate(timeout=120)
        assert (process.returncode, out, err) == expected
    assert not [p for p in (project / CACHE_DIR).rglob("*.tmp")]
    assert run("--output-format", "concise", "corpus") == expected


def test_cache_beside_the_config_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sub = project / "corpus"
    monkeypatch.chdir(sub)
    run("000.txt")
    assert (project / CACHE_DIR).is_dir()
    assert not (sub / CACHE_DIR).exists()


def test_unwritable_cache_is_skipped(project: Path) -> None:
    (project / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    cold = run("--no-cache", "corpus")
    assert run("corpus") == cold


# ----- the stat index ---------------------------------------------------------------------------
def settle(project: Path) -> None:
    """Wait until the file system's clock has moved past every corpus file's last change, so
    that the next run may trust them (a file changed in the run's own timestamp is re-read)."""
    newest = max(p.stat().st_ctime_ns for p in (project / "corpus").glob("*.txt"))
    probe = project / "clock-probe"
    for _ in range(500):
        probe.write_bytes(b"")
        if probe.stat().st_mtime_ns > newest:
            break
        time.sleep(0.01)
    probe.unlink()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the corpus files whose content was read (the stat index spares unchanged ones)."""
    seen: list[str] = []

    def spy(path: str, limit: int):  # type: ignore[no-untyped-def]
        seen.append(path)
        return read_file(path, limit)

    monkeypatch.setattr(parallel, "read_file", spy)
    return seen


def test_unchanged_files_are_not_even_read(project: Path, no_linting: list[str], reads: list[str]) -> None:
    settle(project)
    cold = run("--output-format", "concise", "corpus")
    assert len(no_linting) == 12
    no_linting.clear()
    reads.clear()
    assert run("--output-format", "concise", "corpus") == cold
    assert no_linting == [] and reads == []


def test_a_warm_run_builds_no_rule(project: Path) -> None:
    settle(project)
    code = ("import sys; from lint_news.app.cli import main; main(['corpus']); "
            "print(sorted(m for m in sys.modules if m.startswith('lint_news.kinds.')"
            " or m in ('lint_news.engine.runner', 'lint_news.engine.linter', 'lint_news.app.process')))")
    runs = [subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True,
                           check=True).stdout.splitlines()[-1] for _ in range(2)]
    assert runs[0] == ("['lint_news.app.process', 'lint_news.engine.linter', 'lint_news.engine.runner', "
                       "'lint_news.kinds.whitespace']")
    assert runs[1] == "[]"  # neither the kinds nor the engine are imported
    one = code.replace("'corpus'", "'corpus/001.txt'")  # a few files: found by content, no index
    assert subprocess.run([sys.executable, "-c", one], cwd=project, capture_output=True, text=True,
                          check=True).stdout.splitlines()[-1] == "[]"


def test_an_invalid_option_still_stops_the_run_before_any_file_is_read(project: Path,
                                                                         reads: list[str]) -> None:
    run("corpus")
    (project / ".lint-news.yaml").write_text(CONFIG + "rules:\n  whitespace:\n    runs: 3\n",
                                             encoding="utf-8")
    reads.clear()
    code, out, err = run("corpus")
    assert (code, out, reads) == (2, "", [])
    assert "runs" in err and "must be true or false" in err


def test_a_touched_but_identical_file_is_still_a_hit(project: Path, no_linting: list[str],
                                                      reads: list[str]) -> None:
    settle(project)
    cold = run("corpus")
    os.utime(project / "corpus" / "001.txt")
    no_linting.clear()
    reads.clear()
    assert run("corpus") == cold
    assert no_linting == []  # read and hashed again, found in the cache
    assert reads == [os.path.join("corpus", "001.txt")]


def test_a_change_within_the_timestamp_granularity_is_not_served_stale(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a file system whose timestamps only move every 1000 seconds: rewriting a file with
    # the same size leaves its size, mtime, ctime and inode unchanged
    def coarse(info: os.stat_result) -> tuple[int, int, int, int]:
        tick = 10**12
        return (info.st_size, info.st_mtime_ns // tick * tick, info.st_ctime_ns // tick * tick, info.st_ino)

    monkeypatch.setattr(cache_module, "signature", coarse)
    target = project / "corpus" / "002.txt"
    target.write_text(CLEAN, encoding="utf-8")
    assert "corpus/002.txt" not in run("--output-format", "concise", "corpus")[1]
    same_size = CLEAN.replace("A clean body line.", "A dirty line  here")
    assert len(same_size) == len(CLEAN)
    target.write_text(same_size, encoding="utf-8")
    assert "corpus/002.txt:3:13" in run("--output-format", "concise", "corpus")[1]


def test_a_change_after_the_read_is_seen_even_when_the_files_clock_lags(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the corpus's file system stamps times far behind the cache folder's clock (a lagging
    # NFS server), so the racy-clean rule trusts every file; the file changes just after it
    # was read. The index must record the state that was read, not the changed one.
    settle(project)
    monkeypatch.setattr(Cache, "clock", lambda self: 2**62)
    target = project / "corpus" / "002.txt"
    real = parallel.read_file

    def read_then_change(path: str, limit: int):  # type: ignore[no-untyped-def]
        read = real(path, limit)
        if path.endswith("002.txt"):
            target.write_text(DIRTY, encoding="utf-8")
        return read

    monkeypatch.setattr(parallel, "read_file", read_then_change)
    assert "corpus/002.txt" not in run("-j", "1", "--output-format", "concise", "corpus")[1]
    monkeypatch.setattr(parallel, "read_file", real)
    assert "corpus/002.txt:3:" in run("-j", "1", "--output-format", "concise", "corpus")[1]


def test_a_damaged_index_counts_as_empty(project: Path, no_linting: list[str]) -> None:
    settle(project)
    cold = run("corpus")
    (index,) = (project / CACHE_DIR).glob("v*/index")
    index.write_bytes(index.read_bytes()[:-5])
    no_linting.clear()
    assert run("corpus") == cold
    assert no_linting == []  # the entries are still found by content
    assert run("corpus") == cold


_WRITER = """
import sys
from lint_news.app.cache import Cache, StatIndex, cache_root
from lint_news.config import load_config
config = load_config()
cache = Cache(cache_root(config), config)
me = int(sys.argv[1])
for round in range(40):
    index = StatIndex(cache)
    index.added = {f"/file-{me}-{i}": (i, round, round, me, f"{me:02d}{round:02d}" * 10) for i in range(300)}
    index.save()
"""


def test_concurrent_writers_cannot_corrupt_the_index(project: Path) -> None:
    config = load_config()
    cache = Cache(cache_root(config), config)
    cache.clock()  # creates the folder
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(n)], cwd=project) for n in range(3)]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    entries = cache_module.StatIndex(cache).entries
    assert entries, "the index must read back whole"
    for path, (size, _, _, who, key) in entries.items():
        assert path == f"/file-{who}-{size}" and key[:2] == f"{who:02d}"
    assert not [p for p in (project / CACHE_DIR).rglob("*.tmp")]


def test_a_lower_max_file_size_is_applied_to_files_the_index_knows(project: Path) -> None:
    """The size limit is not part of the cache key: a file the stat index knows is read
    again when it is over the limit, so that the limit is reported as without a cache."""
    settle(project)
    assert run("corpus")[0] == 1
    (project / ".lint-news.yaml").write_text(CONFIG + "max-file-size: 50\n", encoding="utf-8")
    code, _, err = run("corpus")
    assert code == 2
    assert err.count("over the max-file-size of 50; skipped") == 6  # the dirty files: 67 bytes


def test_excluded_folders_are_not_entered(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder glob ('**/node_modules/**') prunes the walk at the folder itself: it is not
    listed (costly when large, an error when unreadable)."""
    (project / "corpus" / "node_modules" / "pkg").mkdir(parents=True)
    (project / "corpus" / "node_modules" / "pkg" / "README.txt").write_text(DIRTY, encoding="utf-8")
    walked: list[str] = []
    real_walk = os.walk

    def spy(top: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for directory, subdirs, files in real_walk(top, *args, **kwargs):  # type: ignore[call-overload]
            walked.append(os.path.relpath(directory, project))
            yield directory, subdirs, files

    monkeypatch.setattr(os, "walk", spy)
    run("--no-cache", "corpus")
    assert walked == ["corpus"]


def test_the_index_forgets_files_a_complete_walk_no_longer_lists(project: Path) -> None:
    """Deleted (or newly excluded) files leave the stat index when their folder is walked
    whole, so the index does not grow with every file a corpus ever had; files outside the
    folders named keep their entries."""
    other = project / "other" / "kept.txt"
    other.parent.mkdir()
    other.write_text(CLEAN, encoding="utf-8")
    settle(project)
    run("corpus", "other")
    config = load_config()
    before = set(cache_module.StatIndex(Cache(cache_root(config), config)).entries)
    assert len(before) == 13
    (project / "corpus" / "000.txt").unlink()
    (project / "corpus" / "001.txt").unlink()
    run("corpus")  # 'other' not named: its entry stays
    after = set(cache_module.StatIndex(Cache(cache_root(config), config)).entries)
    assert after == before - {str(project / "corpus" / "000.txt"),
                                           str(project / "corpus" / "001.txt")}


@pytest.mark.parametrize("order", [1, -1])
def test_stat_index_keys_files_by_their_absolute_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      order: int) -> None:
    """The index works a folder out once and reuses it for the folder's other files: the
    key must still be ``os.path.abspath`` of each path, however the path is written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d" / "e").mkdir(parents=True)
    config = load_config(isolated=True, select=["whitespace"])
    index = cache_module.StatIndex(Cache(cache_root(config), config))
    paths = ["a.txt", "./a.txt", "d/a.txt", "d//b.txt", "d/./c.txt", "d/../a.txt", "d/e/../f.txt",
             "../x.txt", str(tmp_path / "d" / "g.txt"), "/a.txt", "//a.txt", "//b.txt", "d/", "d/..",
             "d/.", "./", ".", "d/e/h.txt", "d/e/i.txt"][::order]
    for _ in range(2):
        for path in paths:
            index.asked.clear()
            index.find(path)
            assert index.asked == {os.path.abspath(path)}, path


def test_an_entry_reads_as_the_memo_reads_it(tmp_path: Path) -> None:
    """Entries are read with os.read (the warm path), with the memo's checks: a truncated,
    damaged, foreign or missing entry is a miss; a large one is read whole."""
    from lint_news.core.memo import derived_bytes, read_derived

    small = derived_bytes(cache_module._MAGIC, ("head", [("r", 2, "m", 0, 1, None)], b"lazy"))
    large = derived_bytes(cache_module._MAGIC, ("x" * 300_000, [], b"y" * 100_000))
    variants = {"small": small, "large": large, "truncated": small[:-3], "damaged": small[:-1] + b"?",
                "foreign": b"LNM2" + small[4:], "empty": b"", "short": small[:5]}
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "folder").mkdir()
    for name in [*variants, "folder", "missing"]:
        path = str(tmp_path / name)
        assert cache_module._read_entry(path) == read_derived(path, cache_module._MAGIC), name
    assert cache_module._read_entry(str(tmp_path / "large")) is not None
    assert cache_module._read_entry(str(tmp_path / "damaged")) is None


def test_code_fingerprint_follows_every_package_file_and_nothing_else(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's size or time, a new file, a file in a sub-folder change it; bytecode, temporary
    files, ``__pycache__`` and hidden folders do not, nor a link to a folder outside."""
    package = tmp_path / "lint_news"
    (package / "app").mkdir(parents=True)
    (package / "kinds" / "deep").mkdir(parents=True)
    (package / "app" / "cache.py").write_text("x")
    (package / "kinds" / "deep" / "a.py").write_text("a")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "big.py").write_text("b")
    (package / "link").symlink_to(outside, target_is_directory=True)
    monkeypatch.setattr(cache_module, "__file__", str(package / "app" / "cache.py"))
    monkeypatch.setattr(cache_module, "_library_versions", lambda: "")
    before = cache_module.code_fingerprint()
    for quiet in ("app/x.pyc", "app/y.py.123.tmp", "__pycache__/z.py", ".hidden/w.py"):
        (package / quiet).parent.mkdir(exist_ok=True)
        (package / quiet).write_text("q")
    (outside / "more.py").write_text("m")
    assert cache_module.code_fingerprint() == before
    (package / "kinds" / "deep" / "a.py").write_text("aa")
    changed = cache_module.code_fingerprint()
    assert changed != before
    (package / "kinds" / "new.py").write_text("")
    assert cache_module.code_fingerprint() not in (before, changed)
