"""Statistics by source (issue 18): folder, source-pattern, source line; text and JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

from lint_news.app.cli import main

DIRTY = "A title\n\nMarch 1, 2024\n\nBody text with trailing blanks.   \n"
CLEAN = "A title\n\nMarch 1, 2024\n\nBody text without a problem.\n"


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def test_by_source_text_and_json(tmp_path: Path) -> None:
    for name, text in (
        ("alpha/a.txt", DIRTY),
        ("alpha/b.txt", DIRTY),
        ("beta/c.txt", CLEAN),
        ("beta/d.txt", DIRTY),
        ("top.txt", DIRTY),
        ("beta/e.txt", "A title\nSource: https://www.example.vn/tin/1\n\nBody.   \n"),
    ):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    argv = [
        "--isolated",
        "--no-cache",
        "--select",
        "whitespace",
        "--statistics",
        "--by-source",
        str(tmp_path),
    ]
    status, out, _ = _run(*argv)
    assert status == 1
    assert out == (
        "5\twhitespace\n"
        "2\t  alpha [2 fixable]\n"
        "1\t  (top) [1 fixable]\n"
        "1\t  beta [1 fixable]\n"
        "1\t  example.vn [1 fixable]\n"
        "(top): 0 of 1 file(s) clean\n"
        "alpha: 0 of 2 file(s) clean\n"
        "beta: 1 of 2 file(s) clean\n"
        "example.vn: 0 of 1 file(s) clean\n"
    )
    status, out, _ = _run(*argv, "--output-format", "json")
    data = json.loads(out)
    assert data["sources"]["beta"] == {"files": 2, "clean_files": 1}
    assert data["rules"] == [
        {
            "rule": "whitespace",
            "count": 5,
            "by_source": {
                "(top)": {"count": 1, "fixable": 1},
                "alpha": {"count": 2, "fixable": 2},
                "beta": {"count": 1, "fixable": 1},
                "example.vn": {"count": 1, "fixable": 1},
            },
        }
    ]


def test_source_pattern_from_the_config(tmp_path: Path) -> None:
    (tmp_path / ".lint-news.yaml").write_text(
        "select: [whitespace]\nsource-pattern: '^(?P<source>[a-z]+)_'\n", "utf-8"
    )
    (tmp_path / "vnexpress_001.txt").write_text(DIRTY, "utf-8")
    (tmp_path / "tuoitre_002.txt").write_text(DIRTY, "utf-8")
    (tmp_path / "tuoitre_003.txt").write_text(DIRTY, "utf-8")
    status, out, _ = _run(
        "--config",
        str(tmp_path / ".lint-news.yaml"),
        "--no-cache",
        "--statistics",
        "--by-source",
        str(tmp_path),
    )
    assert out.splitlines()[:3] == ["3\twhitespace", "2\t  tuoitre [2 fixable]", "1\t  vnexpress [1 fixable]"]
    (tmp_path / ".lint-news.yaml").write_text("source-pattern: '(unclosed'\n", "utf-8")
    status, _, err = _run(
        "--config",
        str(tmp_path / ".lint-news.yaml"),
        "--no-cache",
        "--statistics",
        "--by-source",
        str(tmp_path),
    )
    assert status == 2 and "source-pattern" in err


def test_by_source_needs_statistics(tmp_path: Path) -> None:
    status, _, err = _run("--isolated", "--by-source", str(tmp_path))
    assert status == 2 and "--by-source groups the counts of --statistics" in err
