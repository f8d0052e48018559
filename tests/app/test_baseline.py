"""Baselines: adopt lint-news on an existing corpus; only new findings are reported and fail."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from lint_news.app.baseline import Baseline, fingerprint, load, normalise_line
from lint_news.app.cli import main
from lint_news.core.document import Document
from lint_news.core.model import Finding, Severity

DEFECT = "The market rose sharply today. \n"  # trailing space: one `whitespace` finding
CLEAN = "Prices were steady in Hà Nội.\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--output-format", "concise", *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LINT_NEWS_NO_CACHE", "1")
    (tmp_path / ".lint-news.yaml").write_text(
        "select: [whitespace]\nbaseline: lint-news-baseline.json\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Title A\n\n" + CLEAN + DEFECT + CLEAN, encoding="utf-8")
    (seeds / "b.txt").write_text("Title B\n\n" + CLEAN * 3, encoding="utf-8")
    return tmp_path


def generate() -> dict[str, object]:
    code, _, err = run("--generate-baseline", "lint-news-baseline.json", "seeds")
    assert code == 0, err
    data = json.loads(Path("lint-news-baseline.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_baselined_findings_are_not_reported(corpus: Path) -> None:
    assert run("seeds")[0] == 2  # configured but not generated yet: a clear error
    data = generate()
    assert list(data["files"]) == ["seeds/a.txt"]  # type: ignore[call-overload]
    code, out, err = run("seeds")
    assert code == 0, out
    assert out.startswith("All checks passed")
    assert "1 finding(s) recorded in the baseline not shown" in err


def test_moving_lines_keeps_a_baselined_finding_suppressed(corpus: Path) -> None:
    generate()
    (corpus / "seeds" / "a.txt").write_text(
        "Title A\n\nA new first paragraph.\n\n" + CLEAN * 4 + "\n" + DEFECT, encoding="utf-8")
    code, out, _ = run("seeds")
    assert code == 0, out
    # a second finding of the same rule on that line is new: only one was recorded
    (corpus / "seeds" / "a.txt").write_text("Title A\n\n" + DEFECT.replace(" ", "  ", 1), encoding="utf-8")
    code, out, _ = run("seeds")
    assert code == 1
    assert len(out.splitlines()) == 3  # one finding, then the summary


def test_a_new_copy_of_the_defect_in_another_file_is_reported(corpus: Path) -> None:
    generate()
    (corpus / "seeds" / "b.txt").write_text("Title B\n\n" + DEFECT, encoding="utf-8")
    code, out, _ = run("seeds")
    assert code == 1
    assert out.splitlines()[0].startswith("seeds/b.txt:3:")
    assert "seeds/a.txt" not in out


def test_duplicates_are_counted(corpus: Path) -> None:
    generate()
    (corpus / "seeds" / "a.txt").write_text("Title A\n\n" + DEFECT + CLEAN + DEFECT, encoding="utf-8")
    code, out, _ = run("seeds")
    assert code == 1
    assert len([line for line in out.splitlines() if "seeds/a.txt" in line]) == 1


def test_regenerating_shrinks_the_baseline(corpus: Path) -> None:
    (corpus / "seeds" / "b.txt").write_text("Title B\n\n" + DEFECT + DEFECT, encoding="utf-8")
    data = generate()
    assert sorted(data["files"]) == ["seeds/a.txt", "seeds/b.txt"]  # type: ignore[call-overload]
    assert data["files"]["seeds/b.txt"][0]["count"] == 2  # type: ignore[index]
    assert run("--fix", "seeds/a.txt")[0] == 1  # fixes the baselined finding
    data = generate()
    assert list(data["files"]) == ["seeds/b.txt"]  # type: ignore[call-overload]
    assert len(load("lint-news-baseline.json")) == 2


def test_generating_for_a_subset_keeps_other_files_entries(corpus: Path) -> None:
    (corpus / "seeds" / "b.txt").write_text("Title B\n\n" + DEFECT, encoding="utf-8")
    generate()
    code, _, _ = run("--generate-baseline", "lint-news-baseline.json", "seeds/b.txt")
    assert code == 0
    assert len(load("lint-news-baseline.json")) == 2
    (corpus / "seeds" / "a.txt").unlink()  # a deleted file's entries go
    run("--generate-baseline", "lint-news-baseline.json", "seeds/b.txt")
    assert list(load("lint-news-baseline.json").files) == ["seeds/b.txt"]


def test_paths_are_relative_to_the_config_root(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate()
    monkeypatch.chdir(corpus / "seeds")
    code, out, _ = run("a.txt")
    assert code == 0, out


def test_generate_baseline_refuses_fix(corpus: Path) -> None:
    code, _, err = run("--fix", "--generate-baseline", "x.json", "seeds")
    assert code == 2
    assert "--generate-baseline cannot be combined" in err


@pytest.mark.parametrize("content", ["{", "[]", '{"lint-news-baseline": 1, "files": {"a": [{"rule": 3}]}}'])
def test_malformed_baseline_is_a_clear_error(corpus: Path, content: str) -> None:
    (corpus / "lint-news-baseline.json").write_text(content, encoding="utf-8")
    code, _, err = run("seeds")
    assert code == 2
    assert "lint-news-baseline.json" in err


def test_fingerprint_ignores_position_and_whitespace() -> None:
    assert normalise_line("  a \t b\u00a0c  ") == "a b c"
    assert normalise_line("Vie\u0302\u0323t") == normalise_line("Việt")  # NFC
    assert fingerprint("r", "x  y ") == fingerprint("r", "x y")
    assert fingerprint("r", "x y") != fingerprint("s", "x y")
    doc = Document("p", "one\ntwo \n")
    finding = Finding("whitespace", Severity.WARNING, "m", 7, 8)
    baseline = Baseline()
    baseline.record("p", doc, [finding])
    moved = Document("p", "zero\n\none\ntwo \n")
    kept, suppressed = baseline.filter("p", moved, [Finding("whitespace", Severity.WARNING, "m", 13, 14)])
    assert (kept, suppressed) == ([], 1)
    kept, suppressed = baseline.filter("q", moved, [Finding("whitespace", Severity.WARNING, "m", 13, 14)])
    assert suppressed == 0 and len(kept) == 1
