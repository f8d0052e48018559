"""lint-news in a real repository, as ruff behaves there: gitignore-style patterns, ignore
files, the nearest config above each file, paths printed as given (issue 17)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ..conftest import run

DIRTY = "Title\nMarch 20, 2025\n\nTwo  spaces here.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def linted(*argv: str) -> list[str]:
    """The files a run reports, in order (concise output, whitespace only, no cache)."""
    code, out, err = run("--no-cache", "--select", "whitespace", "--output-format", "concise", *argv)
    assert code in (0, 1), err
    return sorted({line.split(":")[0] for line in out.splitlines() if ":" in line})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("x/in/a.txt", "x/bo/b.txt", "x/other/c.txt", "000_x.txt", "keep.txt", "sub/gen.txt"):
        write(tmp_path / name, DIRTY)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ----- 1. gitignore semantics (the table of single patterns: tests/config/test_globs.py) -------
def test_bracket_folder_patterns_exclude(repo: Path) -> None:
    write(repo / ".lint-news.yaml", 'exclude: ["x/[ib]*/**"]\n')
    assert linted(".") == ["000_x.txt", "keep.txt", "sub/gen.txt", "x/other/c.txt"]


def test_negated_exclude_pattern_is_honoured(repo: Path) -> None:
    write(repo / ".lint-news.yaml", 'exclude: ["*.txt", "!keep.txt"]\n')
    assert linted(".") == ["keep.txt"]


@pytest.mark.parametrize("pattern", ["\\\\", "!"])
def test_unparsable_exclude_pattern_is_a_config_error(repo: Path, pattern: str) -> None:
    write(repo / ".lint-news.yaml", f'select: [whitespace]\nexclude:\n  - "*.md"\n  - "{pattern}"\n')
    code, _, err = run("--no-cache", ".")
    assert code == 2
    assert err.startswith("lint-news: error: .lint-news.yaml:4: exclude.1: cannot parse pattern"), err


def test_unparsable_per_file_ignores_pattern_is_a_config_error(repo: Path) -> None:
    write(repo / ".lint-news.yaml", 'per-file-ignores:\n  "\\\\": [whitespace]\n')
    code, _, err = run("--no-cache", ".")
    assert code == 2
    assert "per-file-ignores" in err and "cannot parse pattern" in err


def test_per_file_ignores_use_gitignore_patterns_and_negation(repo: Path) -> None:
    write(repo / ".lint-news.yaml",
          'per-file-ignores:\n  "x/[ib]*/": [whitespace]\n  "!sub/**": [whitespace]\n')
    assert linted(".") == ["sub/gen.txt"]


def test_gitignore_is_respected_in_a_git_work_tree(repo: Path) -> None:
    (repo / ".git").mkdir()
    write(repo / ".gitignore", "sub/\n*.txt\n!keep.txt\n!000_*.txt\n")
    write(repo / "x" / ".ignore", "other/\n")
    assert linted(".") == ["000_x.txt", "keep.txt"]
    assert linted("x") == [], "the ignore files above a named folder count too"
    assert linted("sub/gen.txt") == ["sub/gen.txt"], "a file named on the command line is linted"
    write(repo / ".lint-news.yaml", "respect-gitignore: false\n")
    assert len(linted(".")) == 6, ".ignore files are off too, as in ruff"


def test_gitignore_outside_a_git_work_tree_is_not_read(repo: Path) -> None:
    write(repo / ".gitignore", "*.txt\n")
    assert len(linted(".")) == 6


def test_respect_gitignore_must_be_a_boolean(repo: Path) -> None:
    write(repo / ".lint-news.yaml", "respect-gitignore: sometimes\n")
    code, _, err = run("--no-cache", ".")
    assert code == 2 and ".lint-news.yaml:1: respect-gitignore: must be true or false" in err


# ----- 2. the nearest config above each file ---------------------------------------------------
def test_config_of_a_repository_is_found_from_outside_it(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "userrepo"
    write(user / "a.txt", DIRTY)
    write(user / "drafts" / "b.txt", DIRTY)
    write(user / ".lint-news.yaml", "select: [whitespace]\nexclude: [drafts/]\n")
    monkeypatch.chdir(user)
    inside = run("--no-cache", "--output-format", "concise", ".")
    monkeypatch.chdir(tmp_path)
    outside = run("--no-cache", "--output-format", "concise", "userrepo/")
    assert inside[0] == outside[0] == 1
    assert inside[1].replace("a.txt", "userrepo/a.txt") == outside[1]
    assert "drafts" not in outside[1]


def test_a_folder_with_its_own_config_is_linted_under_it(repo: Path) -> None:
    write(repo / ".lint-news.yaml", "select: [whitespace]\n")
    write(repo / "sub" / ".lint-news.yaml", "select: [whitespace]\nexclude: [gen.txt]\n")
    write(repo / "sub" / "kept.txt", DIRTY)
    assert linted(".") == ["000_x.txt", "keep.txt", "sub/kept.txt",
                           "x/bo/b.txt", "x/in/a.txt", "x/other/c.txt"]
    assert linted("sub/gen.txt") == [], "a file named under sub/ is excluded by sub's config"
    assert "sub/gen.txt" in linted("--config", ".lint-news.yaml", "."), "--config overrides"


def test_paths_are_printed_as_given_without_a_leading_dot(repo: Path) -> None:
    assert linted("./000_x.txt") == ["000_x.txt"]
    assert "000_x.txt" in linted(".")
    assert linted() == linted("."), "no path: the working folder"


# ----- 4. the results cache's life ------------------------------------------------------------
def cache_folders(root: Path) -> list[str]:
    return sorted(p.name for p in (root / ".lint-news-cache").glob("v*"))


def test_cache_at_the_git_top_without_a_config(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".git").mkdir()
    monkeypatch.chdir(repo / "x")
    run("--select", "whitespace", ".")
    assert cache_folders(repo) and not (repo / "x" / ".lint-news-cache").exists()


def test_cache_in_the_user_folder_outside_any_project(repo: Path,
                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    run("--select", "whitespace", ".")
    assert not (repo / ".lint-news-cache").exists(), "no project root: the working folder stays clean"
    user = tmp_path_factory.getbasetemp() / "user-cache" / "lint-news"
    assert any(p.name == "CACHEDIR.TAG" for p in user.rglob("CACHEDIR.TAG"))


def test_cache_keeps_only_recent_configurations(repo: Path) -> None:
    write(repo / ".lint-news.yaml", "select: [whitespace]\n")
    variants = ["whitespace", "missing-date", "whitespace,missing-date", "mojibake", "encoding",
                "boilerplate"]
    for select in variants:
        run("--select", select, ".")
    assert len(cache_folders(repo)) == 4, "the current configuration and the three used last"
    old = repo / ".lint-news-cache" / "v0.0.1-0123456789abcdef01234567"
    old.mkdir()
    run("--select", "seo-spam", ".")
    assert not old.exists(), "another version's folder goes"


def test_cache_size_is_capped(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo / ".lint-news.yaml", "select: [whitespace]\n")
    for index in range(40):
        write(repo / "many" / f"{index:03d}.txt", DIRTY + f"Line {index} with  spaces.\n")
    monkeypatch.setenv("LINT_NEWS_CACHE_MAX_SIZE", "2K")
    run("-j", "1", "many")
    (folder,) = (repo / ".lint-news-cache").glob("v*")
    size = sum(p.stat().st_size for p in folder.glob("??/*"))
    assert 0 < size <= 2048
    assert run("many") == run("--no-cache", "many"), "a removed entry is a miss, never an error"


def test_clean_removes_the_caches(repo: Path) -> None:
    write(repo / ".lint-news.yaml", "select: [whitespace]\n")
    write(repo / "sub" / ".lint-news.yaml", "select: [whitespace]\n")
    run(".")
    assert (repo / ".lint-news-cache").is_dir() and (repo / "sub" / ".lint-news-cache").is_dir()
    (repo / "decoy" / ".lint-news-cache").mkdir(parents=True)  # not made by lint-news: kept
    code, out, _ = run("clean")
    assert code == 0
    assert out.count("Removing cache at: ") == 2
    assert not (repo / ".lint-news-cache").exists() and not (repo / "sub" / ".lint-news-cache").exists()
    assert (repo / "decoy" / ".lint-news-cache").exists()
    assert run("clean") == (0, "No cache to remove.\n", "")


# ----- 5. check-config runs every rule's examples ----------------------------------------------
USER_RULE = """\
id: no-lorem
kind: pattern
severity: warning
scope: line
message: "placeholder text {match!r}"
description: "Placeholder text left in an article."
options:
  patterns: ['\\blorem ipsum\\b']
examples:
  bad:
    - "lorem ipsum here"
    - "dolor sit amet"
  good: ["lorem alone"]
"""


def test_check_config_runs_user_rule_examples(repo: Path) -> None:
    write(repo / "lint-rules" / "no-lorem.yaml", USER_RULE)
    write(repo / ".lint-news.yaml", "rule-paths: [lint-rules]\n")
    code, out, err = run("check-config")
    assert code == 2, out
    assert err == ("lint-news: error: lint-rules/no-lorem.yaml:12: examples.bad: no-lorem does not report "
                   "this bad example: 'dolor sit amet'\n")
    write(repo / "lint-rules" / "no-lorem.yaml", USER_RULE.replace('    - "dolor sit amet"\n', ""))
    code, out, err = run("check-config")
    assert (code, err) == (0, "")
    assert "examples pass" in out


def test_check_config_runs_built_in_examples_too(repo: Path) -> None:
    code, out, _ = run("check-config")
    assert code == 0
    builtin = int(out.split(", ")[1].split()[0])
    write(repo / "lint-rules" / "no-lorem.yaml", USER_RULE.replace('    - "dolor sit amet"\n', ""))
    write(repo / ".lint-news.yaml", "rule-paths: [lint-rules]\n")
    assert int(run("check-config")[1].split(", ")[1].split()[0]) == builtin + 2
    assert builtin > 20


def test_a_named_folder_is_walked_even_when_an_ignore_file_names_it(repo: Path) -> None:
    """As ripgrep and ruff: `lint-news out/` lints out/ though the repository ignores it."""
    (repo / ".git").mkdir()
    write(repo / ".gitignore", "x/\n")
    assert "x/in/a.txt" not in linted(".")
    assert linted("x") == ["x/bo/b.txt", "x/in/a.txt", "x/other/c.txt"]
    assert linted("x/in") == ["x/in/a.txt"]
    write(repo / "x" / ".gitignore", "in/\n")
    assert linted("x") == ["x/bo/b.txt", "x/other/c.txt"], "ignore files below the named folder apply"


def test_known_translations_are_pathspecs() -> None:
    from lint_news.config.globs import KNOWN, _translate
    from lint_news.config.model import DEFAULT_EXCLUDE

    assert set(DEFAULT_EXCLUDE) <= set(KNOWN)
    assert _translate(list(KNOWN)) == list(KNOWN.values())


@pytest.mark.parametrize("patterns", [
    ["sub/", "*.txt", "/a.txt", ".git/**", "x/[ib]*/**", "**/deep/*.txt", "docs"],
    ["out/"], ["*.tmp.txt", "a/b/c.txt"],
])
def test_one_regex_for_files_decides_as_pattern_by_pattern(patterns: list[str]) -> None:
    from lint_news.config.globs import PathSpec

    spec = PathSpec(patterns)
    assert spec._own_files is not None
    slow = PathSpec(patterns)
    object.__setattr__(slow, "_own_files", None)
    for path in ["a.txt", "sub/a.txt", "x/in/a.txt", "x/other/a.txt", "q/deep/a.txt", "docs/a.txt",
                 "docs", "out/a.txt", "a/b/c.txt", "z/a.tmp.txt", "readme.md", "sub", "x/a.txt"]:
        assert spec.decide(path, own=True) == slow.decide(path, own=True), path
