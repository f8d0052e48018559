"""``--diff`` to a file or a pipe is a patch: applied to the original it gives, byte for byte,
what ``--fix`` writes, whatever the line endings (LF, CRLF, CR, mixed, none at the end)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import run

ARGS = ("--no-cache", "--isolated", "--select", "whitespace,encoding", "-j1")

BODY = ["Tin  nhanh", "Ngày 12/03/2024", "", "Giá iPhone tại\tPetroVietnam giảm. ", "Kết thúc bài."]
CASES = {
    "lf": "\n".join(BODY).encode() + b"\n",
    "crlf": "\r\n".join(BODY).encode() + b"\r\n",
    "cr": "\r".join(BODY).encode() + b"\r",
    "mixed": "Tin  nhanh\r\nNgày 12/03/2024\n\r\nGiá iPhone  here. \rKết thúc.\n".encode(),
    "lf-no-final-newline": "\n".join(BODY).encode() + b"  trailing ",
    "crlf-no-final-newline": "\r\n".join(BODY).encode(),
    "bom-crlf": b"\xef\xbb\xbf" + "\r\n".join(BODY).encode() + b"\r\n",
    "last-line-fixed": b"Market update\nMarch 20, 2025\n\nGovTech  shares rose.",
    # characters str.splitlines also cuts at, which patch does not: one line each here
    "line-separators": "Title\n\nOne  line \u2028and\u2029 more.\r\nEnd.\n".encode(),
}


def _cut(data: bytes) -> list[bytes]:
    """Lines as patch cuts them: after each line feed, which they keep."""
    parts = data.split(b"\n")
    return [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _apply(original: bytes, diff: bytes) -> bytes:
    """A unified diff of one file applied to ``original``, strictly: every context and
    removed line must be the original's very bytes (its line endings included)."""
    old = _cut(original)
    patch_lines = _cut(diff)
    assert patch_lines[0].startswith(b"--- a/") and patch_lines[1].startswith(b"+++ b/")
    hunks: list[tuple[int, list[list[bytes]]]] = []  # (first old line, [tag, text] entries)
    for line in patch_lines[2:]:
        header = re.fullmatch(rb"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@\n", line)
        if header:
            hunks.append((int(header.group(1)) - (header.group(2) != b"0"), []))
        elif line == b"\\ No newline at end of file\n":
            last = hunks[-1][1][-1]
            assert last[1].endswith(b"\n")
            last[1] = last[1][:-1]
        else:
            assert line[:1] in (b" ", b"-", b"+"), line
            hunks[-1][1].append([line[:1], line[1:]])
    new: list[bytes] = []
    position = 0
    for start, entries in hunks:
        new += old[position:start]
        position = start
        for tag, text in entries:
            if tag != b"+":
                assert old[position] == text, (position, old[position], text)
                position += 1
            if tag != b"-":
                new.append(text)
    return b"".join(new + old[position:])


def _diff_and_fix(folder: Path, content: bytes) -> tuple[bytes, bytes]:
    (folder / "seed.txt").write_bytes(content)
    code, diff, err = run(*ARGS, "--diff", "seed.txt")
    assert code == 1 and err == "", err
    assert (folder / "seed.txt").read_bytes() == content, "--diff writes nothing"
    run(*ARGS, "--fix", "seed.txt")
    return diff.encode("utf-8", "surrogateescape"), (folder / "seed.txt").read_bytes()


@pytest.mark.parametrize("case", CASES)
def test_the_diff_applied_gives_what_fix_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                case: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    content = CASES[case]
    diff, fixed = _diff_and_fix(tmp_path, content)
    assert fixed != content
    assert _apply(content, diff) == fixed
    if not content.endswith(b"\n"):
        assert b"\n\\ No newline at end of file\n" in diff
    else:
        assert b"No newline" not in diff


def test_the_applier_refuses_a_diff_whose_line_endings_differ() -> None:
    """The check above can fail: a CRLF file's diff written with LF lines does not apply."""
    original = b"Tin  nhanh\r\nEnd.\r\n"
    lf_diff = b"--- a/s\n+++ b/s\n@@ -1,2 +1,2 @@\n-Tin  nhanh\n+Tin nhanh\n End.\n"
    with pytest.raises(AssertionError):
        _apply(original, lf_diff)


def test_crlf_lines_keep_their_carriage_return_in_the_diff(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    diff, _ = _diff_and_fix(tmp_path, CASES["crlf"])
    assert b"-Tin  nhanh\r\n+Tin nhanh\r\n Ng\xc3\xa0y 12/03/2024\r\n" in diff


def test_control_characters_that_could_take_over_a_terminal_are_still_escaped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seed.txt").write_text("Title\n\nClear\x1b[2J  screen \u202eexe.\r\n", encoding="utf-8")
    out = run(*ARGS, "--diff", "seed.txt")[1]
    assert "\x1b" not in out and "\u202e" not in out
    assert "-Clear\\x1b[2J  screen \\u202eexe.\r\n" in out


@pytest.mark.skipif(shutil.which("patch") is None, reason="no patch program")
@pytest.mark.parametrize("case", ["crlf", "cr", "mixed", "crlf-no-final-newline"])
def test_patch_applies_the_diff_of_a_real_run(tmp_path: Path, case: str) -> None:
    """Through a real process (the diff as bytes on a pipe) and GNU/BSD ``patch``."""
    content = CASES[case]
    (tmp_path / "seed.txt").write_bytes(content)
    command = [sys.executable, "-m", "lint_news", *ARGS]
    done = subprocess.run([*command, "--diff", "seed.txt"], cwd=tmp_path, capture_output=True, timeout=60)
    assert done.returncode == 1, done.stderr
    subprocess.run([*command, "--fix", "seed.txt"], cwd=tmp_path, capture_output=True, timeout=60)
    fixed = (tmp_path / "seed.txt").read_bytes()
    (tmp_path / "seed.txt").write_bytes(content)
    applied = subprocess.run(["patch", "-p1", "--binary", "-s"], input=done.stdout, cwd=tmp_path,
                             capture_output=True, timeout=60)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (tmp_path / "seed.txt").read_bytes() == fixed


def test_a_coloured_diff_is_for_reading_and_shows_no_carriage_returns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    (tmp_path / "seed.txt").write_bytes(CASES["crlf"])
    out = run(*ARGS, "--diff", "seed.txt")[1]
    assert "\x1b[31m-Tin  nhanh\x1b[0m\n" in out and "\r" not in out


def test_an_output_file_holds_the_same_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    diff, fixed = _diff_and_fix(tmp_path, CASES["crlf"])
    (tmp_path / "seed.txt").write_bytes(CASES["crlf"])
    assert run(*ARGS, "--diff", "--output-file", "out/fix.diff", "seed.txt")[:2] == (1, "")
    assert (tmp_path / "out" / "fix.diff").read_bytes() == diff
    assert _apply(CASES["crlf"], diff) == fixed
