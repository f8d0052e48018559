"""The fast paths of config.globs decide exactly as pattern-by-pattern matching does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.config.globs import PathSpec, PatternError, _name_only, glob_match

_PART = st.text(alphabet="ab.*?[]!-/\\ ", min_size=1, max_size=8)
_NAME = st.text(alphabet="ab.-/[]! ", min_size=1, max_size=6).filter(lambda s: "/" not in s)


def _by_pattern(spec: PathSpec, path: str) -> bool | None:
    slow = PathSpec(spec.patterns)
    object.__setattr__(slow, "_own_files", None)
    return slow.decide(path, own=True)


def _by_parts(spec: PathSpec, path: str) -> bool | None:
    regexes = spec.file_regexes()
    assert regexes is not None
    by_name, by_path = regexes
    name = path.rpartition("/")[2]
    if (by_name is not None and by_name.fullmatch(name)) or (by_path is not None and by_path.match(path)):
        return True
    return None


@pytest.mark.parametrize(("pattern", "path", "expected"), [
    # shell-style globs
    ("*.txt", "a/b/c.txt", True),
    ("drafts/**", "drafts/x/y.txt", True),
    ("drafts/**", "other/drafts/y.txt", False),
    ("**/drafts/*.txt", "a/drafts/y.txt", True),
    ("vendor/", "vendor/x.txt", True),
    ("seeds/00?_*.txt", "seeds/001_x.txt", True),
    ("seeds/00?_*.txt", "seeds/sub/001_x.txt", False),
    # gitignore meaning: classes, folder-only patterns, anchoring, negation
    ("x/[ib]*/**", "x/in/a.txt", True),
    ("x/[ib]*/**", "x/other/a.txt", False),
    ("[ib]*/", "x/in/a.txt", True),
    ("/a.txt", "sub/a.txt", False),
    ("/a.txt", "a.txt", True),
    ("!drafts/**", "final/a.txt", True),
    ("!drafts/**", "drafts/a.txt", False),
])
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


@pytest.mark.parametrize(("segment", "expected"), [
    ("[^/]*\\.py[cod]", True), ("foo", True), ("a\\[b", True), ("[^/]*\\.egg\\-info", True),
    ("a[^x]b", False),  # [!x] matches "/"
    ("a[+-0]b", False),  # a range across "/"
    ("a[/b]c", False), ("a(?:/.+)?b", False), ("a.b", False),
])
def test_a_pattern_is_name_only_when_it_cannot_match_a_slash(segment: str, expected: bool) -> None:
    assert _name_only(segment) is expected


@pytest.mark.parametrize("patterns", [["*.py[cod]", "build/", "/top.txt", "x/*/y.txt", "a[!x]b", "a[+-0]b"]])
@pytest.mark.parametrize("path", ["a.pyc", "d/e/a.pyo", "top.txt", "d/top.txt", "x/q/y.txt", "x/q/r/y.txt",
                                  "build", "build/a.txt", "d/a/b", "a/b", "axb", "d/a+b", "a.txt"])
def test_name_and_path_regexes_decide_as_each_pattern(patterns: list[str], path: str) -> None:
    spec = PathSpec(patterns)
    assert _by_parts(spec, path) == _by_pattern(spec, path)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=4), st.lists(_NAME, min_size=1, max_size=4))
def test_name_and_path_regexes_decide_as_each_pattern_always(patterns: list[str], parts: list[str]) -> None:
    try:
        spec = PathSpec(patterns)
    except PatternError:
        return
    if spec.file_regexes() is None:  # a "!" pattern: the pattern-by-pattern path is used
        assert any(p.strip().startswith("!") for p in patterns) or spec._own_files is None
        return
    path = "/".join(parts)
    assert _by_parts(spec, path) == _by_pattern(spec, path), (patterns, path)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab_.*?/!- #\u00e9", min_size=1, max_size=10))
def test_plain_translation_is_pathspecs(pattern: str) -> None:
    """The patterns translated without pathspec get exactly pathspec's regex and meaning."""
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    from lint_news.config.globs import _plain_translation

    plain = _plain_translation(pattern)
    if plain is None:
        return
    assert plain == GitIgnoreSpecPattern.pattern_to_regex(pattern), pattern


@pytest.mark.parametrize("pattern", ["seeds/000_x.txt", "*.txt", "docs/", "/top.txt", "a/**/b.txt",
                                     "**/x", "!drafts/**", "*", "**", "*/", "**/", "a?c", "x//y"])
def test_plain_translation_covers_the_usual_patterns(pattern: str) -> None:
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    from lint_news.config.globs import _plain_translation

    assert _plain_translation(pattern) == GitIgnoreSpecPattern.pattern_to_regex(pattern)


def test_per_file_ignores_without_the_cache_do_not_import_pathspec(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / ".lint-news.yaml").write_text("per-file-ignores:\n  docs/a.txt: [whitespace]\n"
                                              "  '*.draft.txt': [whitespace]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\n\nTwo  spaces.\n", encoding="utf-8")
    code = ("import sys; from lint_news.app.cli import main; main(['--no-cache', 'a.txt']);"
            "print('pathspec' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stdout + done.stderr


@pytest.mark.parametrize(("pattern", "path", "expected"), [
    ("[[]draft]*.txt", "[draft] a.txt", True),
    ("[[]draft]*.txt", "draft] a.txt", False),
    ("x[&&]y", "x&y", True),
    ("x[&&]y", "xay", False),
    ("[a||]b", "|b", True),
    ("[!~~]b", "~b", False),
    ("[!~~]b", "ab", True),
])
def test_a_class_with_set_syntax_matches_as_pathspec_reads_it_and_warns_nothing(
        pattern: str, path: str, expected: bool) -> None:
    """pathspec copies a glob's class into its regex as it is: "[[]" or "[&&]" there made
    ``re`` print a FutureWarning (a possible nested set or set operation) at every run."""
    import warnings

    from pathspec import PathSpec as TheirSpec

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert PathSpec([pattern]).match(path) is expected
        assert glob_match(pattern, f"a/{path}") is expected
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        assert TheirSpec.from_lines("gitignore", [pattern]).match_file(path) is expected
