"""Configuration: discovery, keys, and errors that name the file, the line and the key.

Every config error must stop the run with exit status 2 before any file is read, with a
message of the form ``<file>:<line>: <key>: <problem>`` (yamllint's and ruff's shape).
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from lint_news.config import load_config
from lint_news.core.errors import ConfigError

from ..conftest import run

# Two whitespace findings (a run and a trailing space). Tests that count on exit codes select
# `whitespace` only, so that rules added later cannot change what they prove.
DIRTY = "Title\nMarch 20, 2025\n\nTwo  spaces here. \n"
ONLY = "select: [whitespace]\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one dirty seed, as the working directory."""
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def shown(path: Path) -> str:
    """How lint-news shows a path below the working directory: relative to it."""
    return os.path.relpath(path)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


USER_RULE = """\
    id: no-lorem
    kind: pattern
    severity: warning
    scope: line
    message: "placeholder text {match!r}"
    description: "Placeholder text left in an article."
    options:
      patterns: ['\\blorem ipsum\\b']
      phrases: ["dolor sit amet"]
      ignore-case: true
    examples: {bad: ["lorem ipsum"], good: ["lorem"]}
"""


# ----- every config error: exit 2, file, line and key ----------------------------------------
CONFIG_ERRORS = [
    # (name, config text, line, key, message fragment)
    ("bad-yaml", "rules:\n  whitespace: [error\nfail-on: error\n", 3, None, "invalid YAML"),
    ("unknown-key", "fail-on: error\nrulez: {}\n", 2, "rulez", "unknown key 'rulez' (did you mean 'rules'?)"),
    ("unknown-rule", "rules:\n  whitespac: error\n", 2, "rules.whitespac",
     "unknown rule 'whitespac' (did you mean 'whitespace'?)"),
    ("bad-severity", "rules:\n  whitespace:\n    severity: fatal\n", 3, "rules.whitespace.severity",
     "unknown severity 'fatal'"),
    ("bad-severity-short", "rules:\n  whitespace: loud\n", 2, "rules.whitespace", "unknown severity 'loud'"),
    ("wrong-type-option", "rules:\n  whitespace:\n    tabs: 'yes'\n", 3, "rules.whitespace.tabs",
     "rule 'whitespace': must be true or false, not 'yes'"),
    ("wrong-type-nested-option", "rules:\n  whitespace:\n    options:\n      runs: 3\n", 4,
     "rules.whitespace.options.runs", "must be true or false, not 3"),
    ("unknown-option", "rules:\n  whitespace:\n    tabz: true\n", 3, "rules.whitespace.tabz",
     "unknown option 'tabz' (did you mean 'tabs'?)"),
    ("wrong-type-rules", "rules: [whitespace]\n", 1, "rules", "must be a mapping"),
    ("wrong-type-exclude", "exclude: 3\n", 1, "exclude", "must be a list of strings"),
    ("duplicate-key", "rules:\n  whitespace: error\n  whitespace: info\n", 3, "rules.whitespace",
     "duplicate key 'whitespace'"),
    ("bad-fail-on", "fail-on: fatal\n", 1, "fail-on", "must be error, warning or info, not 'fatal'"),
    # values named as the YAML that gave them, not as Python's None, True or [1]
    ("null-fail-on", "fail-on: null\n", 1, "fail-on", "must be error, warning or info, not null"),
    ("null-severity", "rules:\n  whitespace:\n    severity: ~\n", 3, "rules.whitespace.severity",
     "severity must be error, warning, info or off, not null"),
    ("null-option", "rules:\n  whitespace:\n    tabs:\n", 3, "rules.whitespace.tabs",
     "must be true or false, not null"),
    ("list-option", "rules:\n  whitespace:\n    tabs: [1]\n", 3, "rules.whitespace.tabs",
     "must be true or false, not a list"),
    ("unknown-select", "select:\n  - whitespace\n  - whitespac\n", 3, "select.1", "unknown rule 'whitespac'"),
    ("unknown-ignore", "ignore: [nope]\n", 1, "ignore.0", "unknown rule 'nope'"),
    ("unknown-per-file-ignore", "per-file-ignores:\n  'drafts/*.txt': [whitespace, nope]\n", 2,
     "per-file-ignores.drafts/*.txt.1", "unknown rule 'nope'"),
    ("missing-rule-path", "fail-on: error\nrule-paths: [my-rules]\n", 2, "rule-paths.0",
     "rule folder not found: my-rules"),
    ("missing-extends", "extends: nowhere.yaml\n", 1, "extends", "extended config not found: nowhere.yaml"),
    ("not-a-mapping", "- rules\n- select\n", 1, None, "the config must be a mapping"),
    ("yaml-tag", "fail-on: !!python/name:os.system error\n", 1, None, "invalid YAML value"),
]


@pytest.mark.parametrize(("text", "line", "key", "fragment"),
                         [case[1:] for case in CONFIG_ERRORS], ids=[case[0] for case in CONFIG_ERRORS])
def test_config_error_exits_2_naming_file_line_and_key(
    project: Path, text: str, line: int, key: str | None, fragment: str
) -> None:
    config = write(project / ".lint-news.yaml", text)
    code, out, err = run("a.txt")
    assert code == 2
    assert out == ""
    prefix = f"lint-news: error: {shown(config)}:{line}: " + (f"{key}: " if key else "")
    assert err.startswith(prefix), err
    assert fragment in err
    assert err.count("\n") == 1, "one line, no traceback"


def test_config_error_stops_before_any_file_is_read_or_fixed(project: Path) -> None:
    write(project / ".lint-news.yaml", "rules:\n  whitespac: error\n")
    code, _, _ = run("--fix", "a.txt")
    assert code == 2
    assert (project / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_circular_extends_names_the_chain(project: Path) -> None:
    write(project / ".lint-news.yaml", "extends: base.yaml\n")
    base = write(project / "base.yaml", "fail-on: error\nextends: .lint-news.yaml\n")
    code, _, err = run("a.txt")
    assert code == 2
    assert err == (
        f"lint-news: error: {shown(base)}:2: extends: circular 'extends': "
        ".lint-news.yaml -> base.yaml -> .lint-news.yaml\n"
    )


def test_self_extends_is_circular(project: Path) -> None:
    config = write(project / ".lint-news.yaml", "extends: .lint-news.yaml\n")
    code, _, err = run("a.txt")
    assert code == 2
    assert err.startswith(f"lint-news: error: {shown(config)}:1: extends: circular 'extends'")


def test_missing_config_file_given_with_option(project: Path) -> None:
    code, _, err = run("--config", "nope.yaml", "a.txt")
    assert code == 2
    assert err == "lint-news: error: nope.yaml: config file not found\n"


def test_invalid_toml_in_pyproject(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.lint-news\nfail-on = 'error'\n")
    code, _, err = run("a.txt")
    assert code == 2
    assert "pyproject.toml: invalid TOML" in err


def test_unknown_cli_rule_is_a_usage_error(project: Path) -> None:
    code, _, err = run("--select", "whitespace,nope", "a.txt")
    assert code == 2
    assert err == "lint-news: error: --select: unknown rule 'nope'\n"
    code, _, err = run("--ignore", "whitespac", "a.txt")
    assert code == 2
    assert "--ignore: unknown rule 'whitespac' (did you mean 'whitespace'?)" in err


# ----- user rules (rule-paths) ------------------------------------------------------------
def test_user_pattern_rule_from_rule_paths(project: Path) -> None:
    write(project / ".lint-news.yaml", "rule-paths: [my-rules]\n")
    write(project / "my-rules" / "no-lorem.yaml", USER_RULE)
    (project / "b.txt").write_text("Title\n\nSome Lorem Ipsum and dolor sit amet.\n", encoding="utf-8")
    code, out, _ = run("--output-format", "concise", "--select", "no-lorem", "b.txt")
    assert code == 1
    assert out.splitlines()[:2] == [
        "b.txt:3:6: no-lorem placeholder text 'Lorem Ipsum'",
        "b.txt:3:22: no-lorem placeholder text 'dolor sit amet'",
    ]


def test_rule_paths_are_relative_to_the_config_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".lint-news.yaml", "rule-paths: [my-rules]\n")
    write(project / "my-rules" / "no-lorem.yaml", USER_RULE)
    sub = project / "deep" / "er"
    sub.mkdir(parents=True)
    (sub / "c.txt").write_text("Title\n\nlorem ipsum.\n", encoding="utf-8")
    monkeypatch.chdir(sub)
    code, out, _ = run("--output-format", "concise", "c.txt")
    assert code == 1
    assert "c.txt:3:1: no-lorem placeholder text 'lorem ipsum'" in out


CASE = "      ignore-case: true\n"
USER_RULE_ERRORS = [
    ("invalid-regex", USER_RULE.replace("['\\blorem ipsum\\b']", "['lorem (ipsum']"), 8, "options.patterns.0",
     "rule 'no-lorem': invalid regular expression 'lorem (ipsum'"),
    ("id-not-file-name", USER_RULE.replace("id: no-lorem", "id: lorem"), 1, "id",
     "rule id 'lorem' must equal the file name 'no-lorem'"),
    ("id-not-kebab", USER_RULE.replace("id: no-lorem", "id: No_Lorem"), 1, "id", "must be kebab-case"),
    ("unknown-kind", USER_RULE.replace("kind: pattern", "kind: patern"), 2, "kind", "unknown kind 'patern'"),
    ("bad-severity", USER_RULE.replace("severity: warning", "severity: fatal"), 3, "severity",
     "unknown severity 'fatal'"),
    ("off-severity", USER_RULE.replace("severity: warning", "severity: 'off'"), 3, "severity",
     "a rule file's severity cannot be 'off'"),
    ("bad-scope", USER_RULE.replace("scope: line", "scope: page"), 4, "scope", "scope must be one of"),
    ("unknown-top-key", USER_RULE + "    fix: {}\n", 12, "fix", "unknown key 'fix' in rule file"),
    ("missing-message", USER_RULE.replace('    message: "placeholder text {match!r}"\n', ""), 1, "message",
     "a pattern rule needs a 'message'"),
    ("missing-description", USER_RULE.replace('    description: "Placeholder text left in an article."\n',
                                               ""),
     1, None, "missing required key 'docs' (or a 'description')"),
    ("unknown-template-field", USER_RULE.replace("{match!r}", "{matched}"), 5, "message",
     "message uses unknown field {matched}"),
    ("option-wrong-type", USER_RULE.replace("ignore-case: true", "ignore-case: sometimes"), 10,
     "options.ignore-case", "must be true or false, not 'sometimes'"),
    ("unknown-option", USER_RULE.replace("ignore-case: true", "ignore-kase: true"), 10, "options.ignore-kase",
     "unknown option 'ignore-kase' (did you mean 'ignore-case'?)"),
    ("bad-applicability",
     USER_RULE.replace(CASE, CASE + "      replacement: ''\n      applicability: maybe\n"), 12,
     "options.applicability", "must be one of 'safe', 'unsafe', not 'maybe'"),
    ("replacement-group", USER_RULE.replace(CASE, CASE + "      replacement: '\\\\2'\n"), 11,
     "options.replacement",
     "replacement refers to missing group 2"),
    ("defer-to-unknown",
     USER_RULE.replace("scope: line", "scope: line\n    defer-to: [seo-spam, whitspace]"), 5,
     "defer-to.1", "unknown rule 'whitspace' (did you mean 'whitespace'?)"),
    ("defer-to-itself", USER_RULE.replace("scope: line", "scope: line\n    defer-to: [no-lorem]"), 5,
     "defer-to.0", "a rule cannot defer to itself"),
    ("defer-to-not-a-list", USER_RULE.replace("scope: line", "scope: line\n    defer-to: seo-spam"), 5,
     "defer-to", "must be a list of rule ids"),
    ("no-patterns", USER_RULE.replace("      patterns: ['\\blorem ipsum\\b']\n", "").replace(
        '      phrases: ["dolor sit amet"]\n', ""), 7, "options",
     "a pattern rule needs at least one entry in 'patterns' or 'phrases'"),
]


@pytest.mark.parametrize(("rule_text", "line", "key", "fragment"),
                         [case[1:] for case in USER_RULE_ERRORS], ids=[case[0] for case in USER_RULE_ERRORS])
def test_user_rule_error_exits_2_naming_rule_file_line_and_key(
    project: Path, rule_text: str, line: int, key: str | None, fragment: str
) -> None:
    write(project / ".lint-news.yaml", "rule-paths: [my-rules]\n")
    rule_file = write(project / "my-rules" / "no-lorem.yaml", rule_text)
    code, out, err = run("a.txt")
    assert (code, out) == (2, "")
    prefix = f"lint-news: error: {shown(rule_file)}:{line}: " + (f"{key}: " if key else "")
    assert err.startswith(prefix), err
    assert fragment in err


def test_user_rule_cannot_shadow_a_builtin(project: Path) -> None:
    write(project / ".lint-news.yaml", "rule-paths: [my-rules]\n")
    rule_file = write(project / "my-rules" / "whitespace.yaml", USER_RULE.replace("no-lorem", "whitespace"))
    code, _, err = run("a.txt")
    assert code == 2
    prefix = f"lint-news: error: {shown(rule_file)}:1: id: rule id 'whitespace' is already defined in "
    assert err.startswith(prefix)


def test_invalid_regex_given_in_the_config_points_at_the_config(project: Path) -> None:
    """An option overridden in the config is reported where the config sets it."""
    config = write(project / ".lint-news.yaml", """
        rule-paths: [my-rules]
        rules:
          no-lorem:
            patterns: ['ok', '(unclosed']
    """)
    write(project / "my-rules" / "no-lorem.yaml", USER_RULE)
    code, _, err = run("a.txt")
    assert code == 2
    assert err.startswith(f"lint-news: error: {shown(config)}:4: rules.no-lorem.patterns.1: rule 'no-lorem': "
                          "invalid regular expression '(unclosed'")


# ----- discovery --------------------------------------------------------------------------
def test_config_is_found_from_the_working_directory_upward(project: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".lint-news.yaml", ONLY + "rules:\n  whitespace: 'off'\n")
    sub = project / "one" / "two"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(DIRTY, encoding="utf-8")
    monkeypatch.chdir(sub)
    assert run("a.txt")[0] == 0
    # a nearer config wins over the one further up
    write(project / "one" / ".lint-news.yaml", ONLY + "fail-on: warning\n")
    assert run("a.txt")[0] == 1


def test_yml_extension_is_found_too(project: Path) -> None:
    write(project / ".lint-news.yml", ONLY + "rules:\n  whitespace: 'off'\n")
    assert run("a.txt")[0] == 0


def test_pyproject_tool_section(project: Path) -> None:
    write(project / "pyproject.toml", """
        [project]
        name = "corpus"

        [tool.lint-news]
        fail-on = "error"
        select = ["whitespace"]

        [tool.lint-news.rules.whitespace]
        severity = "info"
    """)
    code, out, _ = run("--output-format", "json", "a.txt")
    assert code == 0, "info findings are below fail-on"
    assert '"severity": "info"' in out


def test_pyproject_without_section_is_skipped_for_a_config_further_up(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project / ".lint-news.yaml", ONLY + "rules:\n  whitespace: 'off'\n")
    sub = project / "pkg"
    write(sub / "pyproject.toml", "[project]\nname = 'x'\n")
    (sub / "a.txt").write_text(DIRTY, encoding="utf-8")
    monkeypatch.chdir(sub)
    assert run("a.txt")[0] == 0


def test_pyproject_config_errors_name_the_section(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.lint-news]\nrulez = 1\n")
    code, _, err = run("a.txt")
    assert code == 2
    assert "lint-news: error: pyproject.toml [tool.lint-news]: rulez: unknown key 'rulez'" in err
    assert "rulez: unknown key 'rulez'" in err


def test_config_option_overrides_discovery(project: Path) -> None:
    write(project / ".lint-news.yaml", ONLY + "rules:\n  whitespace: 'off'\n")
    other = write(project / "strict.yaml", ONLY + "rules:\n  whitespace: error\n")
    assert run("a.txt")[0] == 0
    code, out, _ = run("--config", str(other), "--output-format", "json", "a.txt")
    assert code == 1
    assert '"severity": "error"' in out


def test_isolated_ignores_config_files(project: Path) -> None:
    write(project / ".lint-news.yaml", "rules:\n  whitespace: 'off'\n")
    assert run("--isolated", "a.txt")[0] == 1


def test_empty_config_file_means_defaults(project: Path) -> None:
    write(project / ".lint-news.yaml", "# nothing yet\n")
    config = load_config(cwd=project)
    assert config.path == str(project / ".lint-news.yaml")
    assert {rule.id for rule in config.rules} == set(config.known_rules)


def test_yaml_1_1_off_means_off(project: Path) -> None:
    """PyYAML reads an unquoted `off` as false: it still means the rule is off."""
    write(project / ".lint-news.yaml", ONLY + "rules:\n  whitespace: off\n")
    assert load_config(cwd=project).rules == ()
    write(project / ".lint-news.yaml", ONLY + "rules:\n  whitespace:\n    severity: off\n")
    assert load_config(cwd=project).rules == ()


def test_empty_select_runs_nothing(project: Path) -> None:
    write(project / ".lint-news.yaml", "select: []\n")
    assert load_config(cwd=project).rules == ()
    assert run("a.txt")[0] == 0


def test_no_config_means_builtin_defaults(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path, isolated=True)
    assert config.path is None
    assert "whitespace" in {rule.id for rule in config.rules}


# ----- keys -------------------------------------------------------------------------------
def test_extends_merges_parent_then_child(project: Path) -> None:
    write(project / "base.yaml", """
        fail-on: error
        rules:
          whitespace:
            severity: error
            tabs: false
    """)
    write(project / ".lint-news.yaml", """
        extends: base.yaml
        rules:
          whitespace:
            runs: false
    """)
    config = load_config(cwd=project)
    rule = config.rule("whitespace")
    assert rule is not None
    assert rule.severity.label == "error"
    assert (rule.options.tabs, rule.options.runs, rule.options.trailing) == (False, False, True)
    assert config.fail_on.label == "error"


def test_extends_default_is_accepted(project: Path) -> None:
    write(project / ".lint-news.yaml", "extends: default\nfail-on: info\n")
    assert load_config(cwd=project).fail_on.label == "info"


def test_rule_severity_off_disables_it(project: Path) -> None:
    write(project / ".lint-news.yaml", ONLY + "rules:\n  whitespace: 'off'\n")
    assert load_config(cwd=project).rules == ()
    write(project / ".lint-news.yaml", "rules:\n  whitespace: 'off'\n")
    assert "whitespace" not in {rule.id for rule in load_config(cwd=project).rules}
    assert "whitespace" in load_config(cwd=project).known_rules


def test_select_and_ignore_in_config_and_on_the_command_line(project: Path) -> None:
    write(project / ".lint-news.yaml", "rule-paths: [my-rules]\nselect: [no-lorem]\n")
    write(project / "my-rules" / "no-lorem.yaml", USER_RULE)
    assert [r.id for r in load_config(cwd=project).rules] == ["no-lorem"]
    assert run("a.txt")[0] == 0, "whitespace is not selected"
    assert run("--select", "whitespace", "a.txt")[0] == 1, "--select replaces the config's select"
    assert run("--select", "whitespace,no-lorem", "--ignore", "whitespace", "a.txt")[0] == 0
    assert [r.id for r in load_config(cwd=project, select=["ALL"]).rules] == list(load_config(
        cwd=project).known_rules)
    write(project / ".lint-news.yaml", "rule-paths: [my-rules]\nignore: [whitespace]\n")
    ids = {r.id for r in load_config(cwd=project).rules}
    assert "no-lorem" in ids
    assert "whitespace" not in ids


def test_per_file_ignores(project: Path) -> None:
    write(project / ".lint-news.yaml", ONLY + "per-file-ignores:\n  'drafts/**': [whitespace]\n")
    write(project / "drafts" / "x" / "b.txt", DIRTY)
    code, out, _ = run("--output-format", "concise", ".")
    assert code == 1
    assert "a.txt" in out
    assert "b.txt" not in out


def test_exclude_applies_to_folders_and_named_files(project: Path) -> None:
    write(project / ".lint-news.yaml", ONLY + "exclude: ['vendor/', '*.tmp.txt']\n")
    write(project / "vendor" / "v.txt", DIRTY)
    write(project / "c.tmp.txt", DIRTY)
    code, out, _ = run("--quiet", "--output-format", "concise", ".")
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()} == {"a.txt"}, "no leading ./"
    assert run("c.tmp.txt")[0] == 0, "an excluded file named on the command line is skipped too"


@pytest.mark.parametrize(("fail_on", "severity", "code"), [
    ("error", "warning", 0), ("warning", "warning", 1), ("info", "info", 1), ("warning", "info", 0),
    ("error", "error", 1),
])
def test_fail_on(project: Path, fail_on: str, severity: str, code: int) -> None:
    write(project / ".lint-news.yaml", ONLY + f"fail-on: {fail_on}\nrules:\n  whitespace: {severity}\n")
    result, out, _ = run("a.txt")
    assert result == code
    assert "whitespace" in out, "findings below fail-on are still shown"


def test_extend_option_adds_to_a_list(project: Path) -> None:
    write(project / ".lint-news.yaml", """
        rule-paths: [my-rules]
        rules:
          no-lorem:
            extend-phrases: ["consectetur"]
    """)
    write(project / "my-rules" / "no-lorem.yaml", USER_RULE)
    rule = load_config(cwd=project).rule("no-lorem")
    assert rule is not None
    assert rule.options.phrases == ("dolor sit amet", "consectetur")
    assert rule.options.patterns == ("\\blorem ipsum\\b",), "the list it extends is kept"


def test_extend_option_must_be_a_list(project: Path) -> None:
    config = write(project / ".lint-news.yaml", """
        rule-paths: [my-rules]
        rules:
          no-lorem:
            extend-phrases: consectetur
    """)
    write(project / "my-rules" / "no-lorem.yaml", USER_RULE)
    code, _, err = run("a.txt")
    assert code == 2
    assert err.startswith(f"lint-news: error: {shown(config)}:4: rules.no-lorem.extend-phrases: ")
    assert "must be a list" in err


def test_extend_of_a_non_list_option_is_an_error(project: Path) -> None:
    write(project / ".lint-news.yaml", "rules:\n  whitespace:\n    extend-tabs: [true]\n")
    code, _, err = run("a.txt")
    assert code == 2
    assert "rules.whitespace.extend-tabs: rule 'whitespace': option 'tabs' is not a list or mapping" in err


def test_check_config_command(project: Path) -> None:
    write(project / ".lint-news.yaml", ONLY + "rules:\n  whitespace: 'off'\n")
    code, out, _ = run("check-config")
    assert code == 0
    assert out.startswith(".lint-news.yaml: OK (0 of ")
    write(project / ".lint-news.yaml", "rules:\n  whitespace:\n    tabs: 2\n")
    code, _, err = run("check-config")
    assert code == 2
    assert ":3: rules.whitespace.tabs:" in err


def test_check_config_validates_disabled_rules_too(project: Path) -> None:
    """A run skips building rules that are off; check-config still catches their errors."""
    write(project / ".lint-news.yaml", ONLY + "rules:\n  whitespace:\n    severity: 'off'\n    tabs: 2\n")
    assert run("a.txt")[0] == 0
    assert run("check-config")[0] == 2


def test_config_error_type_carries_position() -> None:
    error = ConfigError("boom", "x.yaml", 3, "rules.a")
    assert str(error) == "x.yaml:3: rules.a: boom"
    assert (error.path, error.line, error.key) == ("x.yaml", 3, "rules.a")


def test_error_paths_are_relative_below_the_working_directory(project: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    config = write(project / ".lint-news.yaml", "rulez: 1\n")
    assert run("a.txt")[2].startswith("lint-news: error: .lint-news.yaml:1: rulez: ")
    sub = project / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert run("../a.txt")[2].startswith(f"lint-news: error: {config}:1: rulez: "), "absolute above it"


def test_extends_a_list_in_order_with_paths_relative_to_each_file(project: Path) -> None:
    write(project / "shared" / "rules" / "no-lorem.yaml", USER_RULE)
    write(project / "shared" / "base.yaml", "rule-paths: [rules]\nfail-on: info\n")
    write(project / "strict.yaml", "fail-on: error\nrules:\n  whitespace: error\n")
    write(project / ".lint-news.yaml", "extends: [shared/base.yaml, strict.yaml]\n")
    config = load_config(cwd=project)
    assert "no-lorem" in config.known_rules, "rule-paths resolved from shared/"
    assert config.fail_on.label == "error", "later parents override earlier ones"
    rule = config.rule("whitespace")
    assert rule is not None and rule.severity.label == "error"


def test_extends_a_pyproject(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.lint-news]\nfail-on = 'info'\n")
    write(project / "sub" / ".lint-news.yaml", "extends: ../pyproject.toml\n")
    assert load_config(cwd=project / "sub").fail_on.label == "info"


def test_yaml_alias_bomb_is_refused_quickly(project: Path) -> None:
    """"Billion laughs": nine lines of nested aliases would expand to 387 million values."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    config = write(project / ".lint-news.yaml", "\n".join(lines) + "\n")
    code, _, err = run("a.txt")
    assert code == 2
    assert err.startswith(f"lint-news: error: {shown(config)}:")
    assert "the YAML expands to more than 100,000 values" in err


def test_yaml_aliases_within_reason_work(project: Path) -> None:
    write(project / ".lint-news.yaml", """
        select: &mine [whitespace]
        per-file-ignores:
          "drafts/*.txt": *mine
    """)
    config = load_config(cwd=project)
    assert [rule.id for rule in config.rules] == ["whitespace"]
    assert config.per_file_ignores == (("drafts/*.txt", frozenset({"whitespace"})),)


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "x: " + "[" * 5000 + "]" * 5000 + "\n"],
                         ids=["recursive-alias", "deep-nesting"])
def test_yaml_nesting_is_bounded(project: Path, text: str) -> None:
    config = write(project / ".lint-news.yaml", text)
    code, _, err = run("a.txt")
    assert code == 2
    assert err.startswith(f"lint-news: error: {shown(config)}:1: ")
    assert "Traceback" not in err


def test_deeply_nested_toml_is_a_config_error(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.lint-news]\nx = " + "[" * 3000 + "]" * 3000 + "\n")
    code, _, err = run("a.txt")
    assert code == 2
    assert err == ("lint-news: error: pyproject.toml: invalid TOML: "
                   "nested deeper than Python's recursion limit\n")


# ----- lazily built rules (the CLI with the results cache) ---------------------------------------
def test_lazy_config_builds_its_rules_on_first_use(project: Path) -> None:
    import pickle

    from lint_news.config.model import replace

    eager = load_config(cwd=project)
    lazy = load_config(cwd=project, lazy=True)
    assert not lazy.built and eager.built
    assert lazy.fingerprint() == eager.fingerprint()  # needs no rule built
    assert not lazy.built
    assert lazy.rules == eager.rules and lazy.built
    clone = pickle.loads(pickle.dumps(load_config(cwd=project, lazy=True)))  # pickled built
    assert clone.built and clone == eager and clone.fingerprint() == eager.fingerprint()
    bigger = replace(eager, max_file_size=10)
    assert bigger.max_file_size == 10 and bigger.rules == eager.rules
    with pytest.raises(AttributeError):
        eager.root = "/elsewhere"  # type: ignore[misc]


def test_lazy_config_raises_option_errors_when_built(project: Path) -> None:
    write(project / ".lint-news.yaml", """
        rules:
          whitespace:
            runs: 3
    """)
    lazy = load_config(cwd=project, lazy=True)
    with pytest.raises(ConfigError, match="must be true or false"):
        lazy.build()
    with pytest.raises(ConfigError, match="must be true or false"):
        load_config(cwd=project)


def test_the_fingerprint_follows_what_the_rules_are_built_from(project: Path) -> None:
    base = load_config(cwd=project, lazy=True).fingerprint()
    write(project / ".lint-news.yaml", "# only a comment\n")
    assert load_config(cwd=project, lazy=True).fingerprint() == base
    write(project / ".lint-news.yaml", "rules:\n  whitespace:\n    runs: false\n")
    assert load_config(cwd=project, lazy=True).fingerprint() != base
    write(project / ".lint-news.yaml", "rules:\n  whitespace: info\n")
    assert load_config(cwd=project, lazy=True).fingerprint() != base
