"""empty-article: a file with no text, or only white space, is one finding; anything else is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import fix, lint, run


@pytest.mark.parametrize("text", ["", " ", "\n", "\r\n\r\n", "\t \n  \n", "\ufeff", "\ufeff \n",
                                  "\ufeff\ufeff", "\u3000\u00a0\n", " \ufeff\n"])
def test_empty_or_blank_file_is_one_finding(text: str) -> None:
    findings = lint(text, "empty-article")
    assert [(f.rule, f.start, f.end) for f in findings] == [("empty-article", 0, len(text))]
    assert fix(text, "empty-article", unsafe=True) == text  # no fix: nothing to restore


@pytest.mark.parametrize("text", ["x", "Tin mới\n", "\n\nA headline only\n", "\ufeffViệt Nam", "1",
                                  " x", "\ufeff\ufeffx", "\n\u3000\u00a0.", "\ufeff \ufeff x\n", "x\ufeff"])
def test_any_text_is_not_empty(text: str) -> None:
    assert lint(text, "empty-article") == []


def test_an_empty_file_fails_the_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "blank.txt").write_bytes(b"\n\n")
    (tmp_path / "ok.txt").write_text("A title\n\nSome text of the article.\n", encoding="utf-8")
    code, out, _ = run("--isolated", "--select", "empty-article", "--output-format", "concise",
                       "blank.txt", "ok.txt")
    assert code == 1
    assert out.splitlines()[0] == ("blank.txt:1:1: empty-article empty article: the file holds only "
                                   "white space; there is no text to keep")
