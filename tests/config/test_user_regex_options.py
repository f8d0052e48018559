"""Regex-valued options of built-in kinds set by the user (issue 9, never hang).

A value the user supplies for ``boilerplate``'s, ``duplicate-block``'s or ``seo-spam``'s regular
expression options is probed when the config loads (a catastrophic one is a config error
pointing at the option) and matched under a time limit per rule and file (``userregex``);
built-in values keep running with ``re``, unprobed.
"""

from __future__ import annotations

import contextvars
import dataclasses
import pickle
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lint_news.config import load_config
from lint_news.core import context
from lint_news.core import timed as userregex
from lint_news.core.errors import ConfigError
from lint_news.core.timed import TimedPattern
from lint_news.text.regex.lazy import LazyPattern

from ..conftest import run

BODY = "First body paragraph with enough words to count as the body of the article.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LINT_NEWS_NO_CACHE", "1")
    (tmp_path / "seeds").mkdir()
    return tmp_path


def configure(project: Path, rules: str) -> None:
    (project / ".lint-news.yaml").write_text("rules:\n" + rules, encoding="utf-8")


@pytest.mark.parametrize(("rules", "where"), [
    ("  boilerplate:\n    counters: ['(a+)+$']\n", "rules.boilerplate.counters.0"),
    ("  boilerplate:\n    extend-sign-offs: ['(x+x+)+y']\n", "rules.boilerplate"),
    ("  duplicate-block:\n    separator-lines: ['[|]+', '(a|aa)+$']\n",
     "rules.duplicate-block.separator-lines.1"),
    ("  duplicate-block:\n    options:\n      extend-separator-lines: ['(a+)+$']\n",
     "rules.duplicate-block.options"),
    ("  seo-spam:\n    brand-patterns: ['(\\w+\\s?)+$']\n", "rules.seo-spam.brand-patterns.0"),
])
def test_catastrophic_user_option_is_rejected_when_the_config_loads(project: Path, rules: str,
                                                                    where: str) -> None:
    configure(project, rules)
    code, _, err = run("check-config")
    assert code == 2
    assert err.startswith("lint-news: error: .lint-news.yaml:")
    assert where in err
    assert "backtracks catastrophically" in err and "rewrite it" in err
    with pytest.raises(ConfigError, match=r"takes over 0\.1s on a 3,000-character test string"):
        load_config(project / ".lint-news.yaml")
    assert run("seeds")[0] == 2


def test_builtin_values_are_trusted_and_run_with_re(project: Path) -> None:
    """Not probed, not wrapped: the default configuration is exactly as fast as before."""
    config = load_config(isolated=True, validate_all=True)
    for rule in config.all_rules:
        for item in dataclasses.fields(rule.options):
            assert not isinstance(getattr(rule.options, item.name), TimedPattern), (rule.id, item.name)
    # the user restating a built-in value is not a user value either
    builtin = load_config(isolated=True, select=["duplicate-block"]).rules[0].options.separator_lines
    import yaml

    (project / ".lint-news.yaml").write_text(yaml.safe_dump(
        {"rules": {"duplicate-block": {"separator-lines": list(builtin)}}}), encoding="utf-8")
    options = load_config(project / ".lint-news.yaml", select=["duplicate-block"]).rules[0].options
    assert options.separator_lines == builtin
    # built-in values only: compiled on first use, never under a time limit
    assert isinstance(options.separator_regex, LazyPattern)
    assert options.separator_regex.fullmatch("|") is not None


def test_loading_the_default_config_does_not_import_regex() -> None:
    code = ("import sys; from lint_news.config import load_config; "
            "load_config(isolated=True, validate_all=True).build(); print('regex' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_only_attributes_built_from_user_values_are_bounded(project: Path) -> None:
    configure(project, "  boilerplate:\n    extend-empty-images: ['\\w*\\d']\n")
    options = load_config(project / ".lint-news.yaml", select=["boilerplate"]).rules[0].options
    assert isinstance(options.image_regex, TimedPattern)
    assert options.image_regex.keys == ("empty-images",)
    assert isinstance(options.chrome_regex, TimedPattern)  # separators | counters | images
    # built-in values only: plain ``re`` patterns, compiled on first use
    assert isinstance(options.credit_regex, LazyPattern)
    assert isinstance(options.separator_regex, LazyPattern)
    clone = pickle.loads(pickle.dumps(options.image_regex))  # spawned workers
    assert clone.pattern == options.image_regex.pattern and clone.flags == options.image_regex.flags


def test_user_option_values_still_find_what_they_should(project: Path) -> None:
    configure(project, "  boilerplate:\n    extend-empty-images: ['\\bimg\\d+\\b']\n"
                       "  seo-spam:\n    brand-patterns: ['\\bfoo ?bar\\b']\n")
    (project / "seeds" / "a.txt").write_text(
        f"Title of the story\n\n{BODY}A line with img12 in it and more words.\n", encoding="utf-8")
    code, out, err = run("--select", "boilerplate", "--output-format", "concise", "seeds")
    assert code == 1, err
    assert "seeds/a.txt:4:13: boilerplate [*] empty image 'img12'" in out


def test_slow_user_option_hits_the_time_limit_other_files_still_linted(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # '\w*\d' passes the load-time probes (about 0.08 s on 3,000 letters) but is quadratic:
    # searched through a 30,000-letter line it would take seconds per line.
    configure(project, "  boilerplate:\n    extend-empty-images: ['\\w*\\d']\n")
    assert run("check-config")[0] == 0
    _regex_budget(monkeypatch, 0.3)
    (project / "seeds" / "a.txt").write_text(
        f"Title of the story\n\n{BODY}\n" + "a" * 30_000 + "\n", encoding="utf-8")
    (project / "seeds" / "b.txt").write_text(
        f"Title of the story\n\n{BODY}A line with image3 in it.\n", encoding="utf-8")
    started = time.monotonic()
    code, out, err = run("--select", "boilerplate,whitespace", "--output-format", "concise",
                         "--jobs", "1", "seeds")
    elapsed = time.monotonic() - started
    assert code == 2
    assert ("seeds/a.txt: error: rule 'boilerplate' exceeded its time limit: matching the regular "
            "expression of option 'empty-images' from the configuration took longer than 0.3s "
            "on this file") in err
    assert "seeds/b.txt:4:13: boilerplate [*] empty image 'image3'" in out
    assert "seeds/a.txt" not in out
    assert elapsed < 5


def test_user_rule_file_of_a_builtin_kind_is_probed_too(project: Path) -> None:
    (project / "my-rules").mkdir()
    (project / "my-rules" / "my-chrome.yaml").write_text(
        "id: my-chrome\nkind: boilerplate\nseverity: warning\ndescription: Mine.\n"
        "options:\n  counters: ['(a+)+$']\n", encoding="utf-8")
    (project / ".lint-news.yaml").write_text("rule-paths: [my-rules]\n", encoding="utf-8")
    code, _, err = run("check-config")
    assert code == 2
    assert "my-chrome.yaml" in err and "backtracks catastrophically" in err


def test_builtin_regex_values_compile_one_by_one() -> None:
    """Built-in values skip compile-validation when the config loads (start-up); here they
    are checked as a user's are: built again outside a config load, each pattern alone."""
    config = load_config(isolated=True, validate_all=True)
    assert config.all_rules
    for rule in config.all_rules:
        values = {f.name: getattr(rule.options, f.name) for f in dataclasses.fields(rule.options) if f.init}
        type(rule.options)(**values)  # check_regexes compiles every pattern: raises if one is bad


def test_timed_pattern_answers_like_re() -> None:
    source, flags = r"(?:\bimg(\d+)\b)|(?:[|¦]+)", re.IGNORECASE
    timed, plain = TimedPattern(source, flags | re.UNICODE, ("empty-images",)), re.compile(source, flags)
    text = "An IMG12 here | and img7, ¦ end"
    assert timed.search(text).span() == plain.search(text).span()
    assert timed.search(text, 10).span() == plain.search(text, 10).span()
    assert timed.match(text) is None and plain.match(text) is None
    assert timed.fullmatch("||") is not None and timed.fullmatch("|x") is None
    assert [m.span() for m in timed.finditer(text, 0, 20)] == [m.span() for m in plain.finditer(text, 0, 20)]
    assert timed.findall(text) == plain.findall(text)
    assert timed.sub("", text) == plain.sub("", text) and timed.subn("", text) == plain.subn("", text)
    assert timed.split(text) == plain.split(text)
    assert (timed.groups, dict(timed.groupindex)) == (plain.groups, dict(plain.groupindex))


def test_timed_pattern_stops_when_the_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    timed = TimedPattern(r"\w*\d", re.UNICODE, ("empty-images",))
    token = context.rule_deadline(time.monotonic() - 1)  # the rule has used up its time
    try:
        with pytest.raises(userregex.OptionTimeout, match="option 'empty-images' from the configuration"):
            timed.search("a1")
        with pytest.raises(TimeoutError):
            list(timed.finditer("a1"))
    finally:
        context.end_rule(token)
    _regex_budget(monkeypatch, 0.05)  # outside lint_document: per call
    with pytest.raises(TimeoutError):
        list(timed.finditer("a" * 50_000))
    assert timed.search("a1") is not None


def test_slow_user_section_label_hits_the_time_limit_other_files_still_linted(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``document: section-labels`` are matched on every file's first lines, whatever rule
    asks: the user's own labels run under the time budget too ('[a-z]*[a-z]*\\d' passes the
    load-time probes but needs seconds to fail on a 30,000-letter line)."""
    (project / ".lint-news.yaml").write_text(
        "document:\n  section-labels: ['NEWS', '[a-z]*[a-z]*\\d']\n", encoding="utf-8")
    assert run("check-config")[0] == 0
    _regex_budget(monkeypatch, 0.3)
    (project / "seeds" / "a.txt").write_text("b" * 30_000 + f"\n\n{BODY}", encoding="utf-8")
    (project / "seeds" / "b.txt").write_text(f"Title of the story \n\n{BODY}", encoding="utf-8")
    started = time.monotonic()
    code, out, err = run("--select", "missing-date,whitespace", "--output-format", "concise",
                         "--jobs", "1", "seeds")
    elapsed = time.monotonic() - started
    assert code == 2
    assert ("expression of option 'document.section-labels' from the configuration took longer "
            "than 0.3s on this file") in err
    assert "seeds/a.txt: error: rule '" in err
    assert "seeds/b.txt:1:19: whitespace" in out
    assert "seeds/a.txt" not in out
    assert elapsed < 5


def test_builtin_section_labels_run_with_re() -> None:
    from lint_news.core.document import StructureOptions, _label_regex

    assert isinstance(_label_regex(StructureOptions().section_labels), re.Pattern)
    assert isinstance(_label_regex(("EXTRA",)), TimedPattern)


def test_timed_patterns_keep_re_flags_meaning() -> None:
    """re.ASCII's bit is regex.VERSION1's: flags are mapped one by one, in version 0."""
    timed = TimedPattern("straße", re.IGNORECASE | re.ASCII, ("counters",))
    plain = re.compile("straße", re.IGNORECASE | re.ASCII)
    for text in ("STRAßE", "strasse", "STRASSE"):
        assert (timed.search(text) is None) == (plain.search(text) is None), text
    assert TimedPattern("a.b", re.DOTALL, ("counters",)).search("a\nb") is not None
    assert TimedPattern("^b", re.MULTILINE, ("counters",)).search("a\nb") is not None


def test_an_inline_flag_in_a_joined_option_is_a_config_error(project: Path) -> None:
    """Kinds join an option's patterns with '|': '(?i)x+' compiles alone, not joined; that is
    a clear config error (exit 2), not a traceback."""
    configure(project, '  duplicate-block:\n    extend-separator-lines: ["(?i)x+"]\n')
    code, out, err = run("check-config")
    assert (code, out) == (2, "")
    assert "global flags not at the start" in err and "'(?i:...)'" in err
    assert "Traceback" not in err


def _regex_budget(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Run the rest of the test with a user-regex budget of ``seconds`` per rule and file."""
    default = contextvars.ContextVar("lint_news_run", default=context.RunContext(regex_budget=seconds))  # noqa: B039
    monkeypatch.setattr(context, "_CURRENT", default)
