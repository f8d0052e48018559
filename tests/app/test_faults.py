"""Faults survived, nothing lost (issue 19): ``--fix`` writes only over the bytes it read.

The write is a compare-and-swap (the file must still be the one read, holding the bytes
read), stays inside the project unless ``--follow-symlinks``, and says what it did to a
hard-linked name. The fault-injection suite of ``benchmarks/faults.py`` runs here bounded
(one round of each kind, with one worker process and with two); the benchmark runs it longer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import lint_news.app.files as files
import lint_news.app.process as process
from lint_news.config import load_config

from ..conftest import ROOT, run

DIRTY = "Title\n\nA body line with a trailing space \n"
FIXED = "Title\n\nA body line with a trailing space\n"
APPENDED = "A line another program added.\n"

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import faults as suite
finally:
    sys.path.pop(0)

needs_links = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Dirty seeds in ``seeds/`` of a project (a config file at the top), as the working
    directory; no cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LINT_NEWS_NO_CACHE", "1")
    (tmp_path / ".lint-news.yaml").write_text("select: [whitespace]\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / "seeds" / name).write_text(DIRTY, encoding="utf-8")
    return tmp_path


def fix(*argv: str) -> tuple[int, str, str]:
    return run("--output-format", "concise", "--fix", *argv)


def during_write(monkeypatch: pytest.MonkeyPatch, fault: Callable[[str], None], moment: str = "write",
                 only: str = "b.txt") -> None:
    """Apply ``fault(path)`` to the file ending in ``only`` between its read and its write:
    before ``write_atomic`` (``"write"``) or after the temporary file is complete, right
    before the last check (``"rename"``). Forked workers (-j) inherit it."""
    if moment == "write":
        real_write = process.write_atomic

        def write_atomic(path: str, data: bytes, *args, **kwargs):  # type: ignore[no-untyped-def]
            if path.endswith(only):
                fault(path)
            return real_write(path, data, *args, **kwargs)

        monkeypatch.setattr(process, "write_atomic", write_atomic)
    else:
        real_check = files._still_as_read

        def still_as_read(path, *args):  # type: ignore[no-untyped-def]
            if path.endswith(only):
                fault(path)
            return real_check(path, *args)

        monkeypatch.setattr(files, "_still_as_read", still_as_read)


def append(path: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(APPENDED)


# ----- compare-and-swap -----------------------------------------------------------------------
@pytest.mark.parametrize("moment", ["write", "rename"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_changed_while_being_fixed_keeps_the_change(
        project: Path, monkeypatch: pytest.MonkeyPatch, moment: str, jobs: str) -> None:
    for number in range(10):  # enough files for -j 2 to start workers
        (project / "seeds" / f"more{number}.txt").write_text(DIRTY, encoding="utf-8")
    during_write(monkeypatch, append, moment)
    code, out, err = fix("--jobs", jobs, "seeds")
    assert code == 1
    assert "seeds/b.txt: warning: changed while being fixed; run again (the fix was not written)\n" in err
    assert "Fixing seeds/b.txt" not in err
    assert (project / "seeds" / "b.txt").read_text(encoding="utf-8") == DIRTY + APPENDED
    assert "seeds/b.txt:3:34: whitespace [*] trailing whitespace" in out, "reported as read"
    assert (project / "seeds" / "a.txt").read_text(encoding="utf-8") == FIXED
    assert not list(project.rglob(".lint-news-*"))


@pytest.mark.skipif(not files._PINNED, reason="the folder is pinned by a descriptor where dir_fd exists")
def test_a_write_in_the_last_window_is_put_back(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A program that had the file open writes after the last check and before the rename:
    its bytes land in the file read, which the rename unlinks. They are put back in place of
    the fix, and the file is reported as changed while being fixed."""
    real_replace = os.replace
    calls: list[str] = []

    def write_then_replace(src, dst, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(dst)
        if dst == "b.txt" and len(calls) == 2:  # a.txt's rename, then b.txt's
            append(str(project / "seeds" / "b.txt"))
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", write_then_replace)
    code, _, err = fix("--jobs", "1", "seeds")
    assert code == 1
    assert "seeds/b.txt: warning: changed while being fixed; run again (the fix was not written)\n" in err
    assert (project / "seeds" / "b.txt").read_text(encoding="utf-8") == DIRTY + APPENDED
    assert (project / "seeds" / "c.txt").read_text(encoding="utf-8") == FIXED
    assert not list(project.rglob(".lint-news-*"))


def test_changed_while_being_fixed_exits_1_even_with_exit_zero(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    during_write(monkeypatch, append)
    code, _, err = fix("--exit-zero", "seeds")
    assert code == 1, "the run did not do all it was asked"
    assert "changed while being fixed" in err


def test_a_same_size_rewrite_within_the_same_timestamp_is_caught_by_the_bytes(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock tick is coarse: a rewrite of as many bytes, stamped with the same mtime, keeps
    the identity; the bytes differ, and the fix is not written."""
    def rewrite_same_stamp(path: str) -> None:
        info = os.stat(path)
        with open(path, "r+b") as handle:
            handle.write(b"X")
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))

    during_write(monkeypatch, rewrite_same_stamp, "rename")
    code, _, err = fix("seeds")
    assert code == 1
    assert "seeds/b.txt: warning: changed while being fixed" in err
    assert (project / "seeds" / "b.txt").read_text(encoding="utf-8") == "X" + DIRTY[1:]


def test_an_editor_rename_save_is_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def rename_save(path: str) -> None:
        Path(path + "~").write_text("Saved by an editor  \n", encoding="utf-8")
        os.replace(path + "~", path)

    during_write(monkeypatch, rename_save, "rename")
    code, _, err = fix("seeds")
    assert code == 1
    assert "seeds/b.txt: warning: changed while being fixed" in err
    assert (project / "seeds" / "b.txt").read_text(encoding="utf-8") == "Saved by an editor  \n"


def test_a_file_replaced_by_a_folder_is_left_alone(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def to_folder(path: str) -> None:
        os.unlink(path)
        os.mkdir(path)

    during_write(monkeypatch, to_folder, "rename")
    code, _, err = fix("seeds")
    assert code == 1
    assert "seeds/b.txt: warning: changed while being fixed (it is a folder now); run again" in err
    assert (project / "seeds" / "b.txt").is_dir()


@needs_links
def test_a_file_replaced_by_a_symlink_is_not_written_through(
        project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    decoy = tmp_path_factory.mktemp("elsewhere") / "decoy.txt"
    decoy.write_text(DIRTY, encoding="utf-8")

    def to_link(path: str) -> None:
        os.unlink(path)
        os.symlink(decoy, path)

    during_write(monkeypatch, to_link, "rename")
    code, _, err = fix("seeds")
    assert code == 1
    assert "seeds/b.txt: warning: changed while being fixed" in err
    assert decoy.read_text(encoding="utf-8") == DIRTY


def test_a_file_deleted_while_being_fixed_stays_deleted(project: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    during_write(monkeypatch, os.unlink, "rename")
    code, _, err = fix("seeds")
    assert code == 2
    assert "seeds/b.txt: error: file vanished before the fix could be written" in err
    assert not (project / "seeds" / "b.txt").exists()


def test_a_file_made_read_only_while_being_fixed(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                 read_only: Callable[[Path], None]) -> None:
    during_write(monkeypatch, lambda path: read_only(Path(path)))
    code, _, err = fix("seeds")
    assert code == 2
    assert "seeds/b.txt: error: file is read-only; fix not written" in err
    assert (project / "seeds" / "b.txt").read_text(encoding="utf-8") == DIRTY


def test_the_disk_filling_up_mid_write_leaves_the_file_whole(project: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """RLIMIT_FSIZE on the writing process: the temporary file cannot be completed (EFBIG;
    Python ignores SIGXFSZ), it is removed, and the file is as it was."""
    resource = pytest.importorskip("resource")
    big = project / "seeds" / "b.txt"
    big.write_text("Title\n\n" + "A body line with a trailing space \n" * 3000, encoding="utf-8")
    before = big.read_bytes()
    real_write = process.write_atomic

    def write_atomic(path: str, data: bytes, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not path.endswith("b.txt"):
            return real_write(path, data, *args, **kwargs)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(data) // 2, hard))
        try:
            return real_write(path, data, *args, **kwargs)
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))

    monkeypatch.setattr(process, "write_atomic", write_atomic)
    code, _, err = fix("seeds")
    assert code == 2
    assert "seeds/b.txt: error: cannot write: File too large" in err
    assert big.read_bytes() == before
    assert (project / "seeds" / "a.txt").read_text(encoding="utf-8") == FIXED
    assert not list(project.rglob(".lint-news-*"))


def test_a_read_only_folder_is_reported(project: Path) -> None:
    """As root, permission bits do not stop writes: the folder is made immutable (chattr +i)
    as conftest.make_read_only does for files; skipped where neither is possible."""
    from ..conftest import make_read_only

    folder = project / "seeds"
    if os.geteuid() == 0:
        undo = make_read_only(folder)
    else:
        folder.chmod(0o555)

        def undo() -> None:
            folder.chmod(0o755)
    try:
        code, _, err = fix("seeds")
    finally:
        undo()
    assert code == 2
    assert "seeds/a.txt: error: cannot write in its folder" in err
    assert all(path.read_text(encoding="utf-8") == DIRTY for path in folder.iterdir())


def test_write_atomic_without_an_identity_writes_as_before(tmp_path: Path) -> None:
    """The baseline and other callers that pass no identity: a plain atomic replace."""
    path = tmp_path / "a.txt"
    path.write_text(DIRTY, encoding="utf-8")
    assert files.write_atomic(str(path), FIXED.encode()) is None
    assert path.read_text(encoding="utf-8") == FIXED


def test_write_atomic_with_the_identity_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DIRTY, encoding="utf-8")
    read = files.read_file(str(path), 10**6)
    assert not isinstance(read, files.FileProblem)
    raw, info = read
    assert files.write_atomic(str(path), FIXED.encode(), info, original=raw) is None
    assert path.read_text(encoding="utf-8") == FIXED
    # the identity of the bytes read before the fix: stale now
    problem = files.write_atomic(str(path), b"stale fix\n", info, original=raw)
    assert problem is not None and problem.level == "warning"
    assert problem.message.startswith("changed while being fixed")
    assert path.read_text(encoding="utf-8") == FIXED


def test_read_up_to_reads_on_through_short_reads_to_the_limit_or_the_end() -> None:
    """``files._read_up_to`` returns what a buffered ``read(limit)`` would: a pipe gives its
    bytes in pieces, and the pieces are joined up to the limit, or to the end."""
    reading, writing = os.pipe()
    try:
        for piece in (b"abc", b"defg", b"h"):
            os.write(writing, piece)
        assert files._read_up_to(reading, 5) == b"abcde"
        os.close(writing)
        writing = -1
        assert files._read_up_to(reading, 10) == b"fgh"  # the end comes first
        assert files._read_up_to(reading, 10) == b""
        assert files._read_up_to(reading, 0) == b""
    finally:
        os.close(reading)
        if writing >= 0:
            os.close(writing)


def test_read_file_reads_what_the_file_holds_and_refuses_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    read = files.read_file(str(path), 100)
    assert not isinstance(read, files.FileProblem) and read[0] == b"x" * 100 and read[1].st_size == 100
    problem = files.read_file(str(path), 99)
    assert isinstance(problem, files.FileProblem) and "over the max-file-size of 99" in problem.message
    folder = files.read_file(str(tmp_path), 100)
    assert isinstance(folder, files.FileProblem) and folder.message == "is a folder"


# ----- the project boundary -------------------------------------------------------------------
@needs_links
def test_a_link_to_a_file_outside_the_project_is_linted_not_written(
        project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text(DIRTY, encoding="utf-8")
    (project / "seeds" / "link.txt").symlink_to(outside)
    code, out, err = fix(".")
    assert code == 1
    assert "seeds/link.txt:3:34: whitespace [*] trailing whitespace" in out
    assert (f"seeds/link.txt: warning: symbolic link to {outside.resolve()}, outside the project "
            f"({project.resolve()}): linted, fix not written "
            "(--follow-symlinks writes through such links)") in err
    assert outside.read_text(encoding="utf-8") == DIRTY
    assert (project / "seeds" / "a.txt").read_text(encoding="utf-8") == FIXED
    assert not list(outside.parent.iterdir())[1:], "nothing created beside the target"


@needs_links
def test_a_linked_folder_outside_the_project(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    other = tmp_path_factory.mktemp("other")
    (other / "d.txt").write_text(DIRTY, encoding="utf-8")
    (project / "linked").symlink_to(other, target_is_directory=True)
    code, _, err = fix("linked")
    assert code == 1
    assert "linked/d.txt: warning: symbolic link to" in err
    assert (other / "d.txt").read_text(encoding="utf-8") == DIRTY
    code, _, err = fix("--follow-symlinks", "linked")
    assert code == 1
    assert "Fixing linked/d.txt" in err
    assert (other / "d.txt").read_text(encoding="utf-8") == FIXED


@needs_links
def test_a_link_inside_the_project_is_fixed_through(project: Path) -> None:
    (project / "real.txt").write_text(DIRTY, encoding="utf-8")
    (project / "seeds" / "link.txt").symlink_to("../real.txt")
    code, _, err = fix("seeds/link.txt")
    assert code == 1
    assert "Fixing seeds/link.txt" in err
    assert (project / "seeds" / "link.txt").is_symlink()
    assert (project / "real.txt").read_text(encoding="utf-8") == FIXED


@needs_links
def test_without_a_config_the_git_repository_is_the_project(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No config file: the repository around the working folder bounds the writes, so a
    link from one of its folders to another is written through, and one out of it is not."""
    monkeypatch.setenv("LINT_NEWS_NO_CACHE", "1")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "shared").mkdir()
    (repo / "shared" / "inside.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(DIRTY, encoding="utf-8")
    work = repo / "work"
    work.mkdir()
    (work / "in.txt").symlink_to(repo / "shared" / "inside.txt")
    (work / "out.txt").symlink_to(tmp_path / "outside.txt")
    monkeypatch.chdir(work)
    code, _, err = run("--isolated", "--select", "whitespace", "--fix", "in.txt", "out.txt")
    assert code == 1
    assert "Fixing in.txt" in err
    assert f"out.txt: warning: symbolic link to {(tmp_path / 'outside.txt').resolve()}" in err
    assert (repo / "shared" / "inside.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "outside.txt").read_text(encoding="utf-8") == DIRTY
    assert files.project_root(None, str(work), str(work)) == str(repo.resolve())
    config = load_config(isolated=True)
    assert config.root == str(work.resolve())


def test_a_plain_path_outside_the_project_is_the_users_choice(
        project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "named.txt"
    elsewhere.write_text(DIRTY, encoding="utf-8")
    code, _, err = fix(str(elsewhere))
    assert code == 1
    assert f"Fixing {elsewhere}" in err
    assert elsewhere.read_text(encoding="utf-8") == FIXED


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links")
def test_a_hard_linked_file_gets_its_own_copy_and_a_note(
        project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    other = project / "other-name.txt"
    os.link(project / "seeds" / "b.txt", other)
    code, _, err = fix("seeds")
    assert code == 1
    assert ("seeds/b.txt: note: has 1 other hard link: the fix gave this name its own copy, "
            "the other names keep the old text\n") in err
    assert "Fixing seeds/b.txt" in err
    assert (project / "seeds" / "b.txt").read_text(encoding="utf-8") == FIXED
    assert other.read_text(encoding="utf-8") == DIRTY


# ----- the fault suite, bounded -------------------------------------------------------------
def test_fault_injection_suite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One round of each kind with -j 1 and -j 2 (about ten seconds): every fault of
    ``benchmarks/faults.py`` injected once per run, and writers changing files under a
    concurrent ``--fix``. Nothing lost, every skip named."""
    figures = suite.suite(tmp_path, rounds=1, count=24, watched=10)
    with capsys.disabled():
        sys.stdout.write("\n" + suite.report(figures))
    assert figures.failures == []
    assert figures.bytes_lost == 0
    assert figures.runs == 4 and figures.files_under_writers == 20
    assert set(figures.faults) >= {kind for kind, _ in suite.INJECTED} - {"read-only", "read-only-folder"}


def test_repro_a_line_appended_during_the_fix_of_a_large_seed(tmp_path: Path) -> None:
    """Issue 19's report, at its size: a 5 MB seed, a line appended by another process once
    the run has read the file."""
    found = suite.repro(tmp_path)
    assert found["line_kept"], found
    assert found["exit"] == 1, found
    assert found["reported"] == ("big.txt: warning: changed while being fixed; "
                                 "run again (the fix was not written)")
    assert not found["fixed_anyway"]
