"""CI outputs (issue 17): --output-file, junit, gitlab, --statistics as JSON, FORCE_COLOR and
a coloured --diff."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from ..conftest import run
from .test_cli import validate_sarif

DIRTY = "Title\nMarch 20, 2025\n\nTwo  spaces here.\nAnd  again  here.\n"
CLEAN = "Title\nMarch 20, 2025\n\nAll fine here.\n"
ARGS = ("--no-cache", "--isolated", "--select", "whitespace")

# GitLab's Code Quality report, as its documentation lists the fields it reads (a Code Climate
# subset): the required ones, their types, and the severities it knows.
GITLAB_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("FORCE_COLOR", "NO_COLOR", "LINT_NEWS_OUTPUT_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_junit_report_has_one_failing_case_per_finding(project: Path) -> None:
    code, out, _ = run(*ARGS, "--output-format", "junit", "a.txt", "clean.txt")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["a.txt", "clean.txt"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert int(suite.get("failures", "-1")) == sum(1 for c in cases if c.find("failure") is not None)
        for case in cases:
            assert case.get("classname") == suite.get("name") and case.get("name")
    failures = [c.find("failure") for c in suites[0].findall("testcase")]
    assert len(failures) == 3
    assert failures[0] is not None and failures[0].text == "line 4, col 4, run of 2 spaces"
    assert suites[1].find("testcase/failure") is None, "a clean file passes"
    assert int(root.get("failures", "-1")) == 3 and int(root.get("tests", "-1")) == 4


def test_junit_survives_control_characters_and_markup(project: Path) -> None:
    text = "Ti<t>le & \x1b[31m\nMarch 20, 2025\n\nTwo  spaces \"x\".\n"
    (project / "b.txt").write_text(text, encoding="utf-8")
    code, out, _ = run("--no-cache", "--isolated", "--output-format", "junit", "b.txt")
    assert code == 1
    ET.fromstring(out)  # well-formed XML


def test_gitlab_code_quality_report_is_schema_valid(project: Path) -> None:
    import jsonschema

    code, out, _ = run(*ARGS, "--output-format", "gitlab", "a.txt", "clean.txt")
    assert code == 1
    issues = json.loads(out)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("whitespace", "a.txt", 4), ("whitespace", "a.txt", 5), ("whitespace", "a.txt", 5)]
    assert len({i["fingerprint"] for i in issues}) == 3, "the same finding twice keeps apart"
    moved = "Title\nMarch 20, 2025\n\nNew line.\n" + DIRTY.split("\n\n", 1)[1]
    (project / "a.txt").write_text(moved, encoding="utf-8")
    again = json.loads(run(*ARGS, "--output-format", "gitlab", "a.txt")[1])
    assert {i["fingerprint"] for i in again} == {i["fingerprint"] for i in issues}, "stable when lines move"


def test_output_file_takes_the_report(project: Path) -> None:
    code, out, _ = run(*ARGS, "--output-format", "json", "--output-file", "reports/out.json", "a.txt")
    assert code == 1 and out == ""
    assert len(json.loads((project / "reports" / "out.json").read_text(encoding="utf-8"))) == 3


def test_output_file_with_a_format_gives_sarif_and_annotations_from_one_run(project: Path) -> None:
    code, out, _ = run(*ARGS, "--output-format", "github", "--output-file", "sarif:lint.sarif", "a.txt")
    assert code == 1
    assert out.count("::warning file=a.txt,") == 3
    log = json.loads((project / "lint.sarif").read_text(encoding="utf-8"))
    validate_sarif(log)
    assert len(log["runs"][0]["results"]) == 3


def test_output_file_that_cannot_be_written_is_an_error(project: Path) -> None:
    (project / "blocker").write_text("", encoding="utf-8")
    code, _, err = run(*ARGS, "--output-file", "blocker/out.json", "a.txt")
    assert code == 2 and "--output-file: cannot write" in err


def test_statistics_as_json(project: Path) -> None:
    code, out, _ = run(*ARGS, "--statistics", "--output-format", "json", "a.txt")
    assert code == 1
    assert json.loads(out) == [{"code": "whitespace", "count": 3, "fixable": True, "fixable_count": 3}]


def test_force_color_colours_output_and_diff(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in run(*ARGS, "a.txt")[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run(*ARGS, "a.txt")[1]
    diff = run(*ARGS, "--diff", "a.txt")[1]
    assert "\x1b[31m-Two  spaces here.\x1b[0m" in diff and "\x1b[32m+Two spaces here.\x1b[0m" in diff
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(*ARGS, "--diff", "a.txt")[1], "NO_COLOR wins"
    assert "\x1b[" not in run(*ARGS, "--color", "never", "a.txt")[1]
