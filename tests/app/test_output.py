"""lint_news.app.output: the fast paths of the report give the answers of the plain code
(the terminal's cell widths; orjson's JSON against the standard library's)."""

from __future__ import annotations

import importlib
import io
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.app import output
from lint_news.app.output import Settings
from lint_news.app.output.escape import _CONTROL, _UNSAFE, terminal_safe
from lint_news.app.output.full import _display_width, _window
from lint_news.config import load_config
from lint_news.core.document import Document
from lint_news.core.model import Applicability, Edit, Finding, Fix, Severity
from lint_news.engine.result import FileResult
from lint_news.engine.view import DocumentView


def _plain_width(text: str) -> int:
    """Cells as wcwidth counts them; ASCII and control characters (escaped when shown) one."""
    from wcwidth import wcwidth

    return sum(1 if c.isascii() or wcwidth(c) < 0 else wcwidth(c) for c in text)


def test_unsafe_class_is_exactly_the_escaped_characters() -> None:
    unsafe = re.compile(_UNSAFE.pattern)
    assert {code for code in range(0x110000) if unsafe.match(chr(code))} == set(_CONTROL)


@pytest.mark.parametrize("text", ["plain", "tab\there", "ANSI \x1b[31m red", "bidi \u202e txt", "byte \udc80",
                                  "Việt Nam", "C1 \x85", "new\nline\r"])
def test_terminal_safe_same_as_translate(text: str) -> None:
    assert terminal_safe(text) == text.translate(_CONTROL)


@pytest.mark.parametrize("text", ["", "ascii only", "Việt Nam", "漢字 and ｆｕｌｌ", "e\u0301 combining",
                                  "emoji 😀", "\x00\x1b", "\u3000"])
def test_display_width_same_as_plain(text: str) -> None:
    assert _display_width(text) == _plain_width(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_display_width_any_text(text: str) -> None:
    assert _display_width(text) == _plain_width(text)


@pytest.mark.parametrize(("text", "cells"), [("zero\u200bwidth", 9), ("Vie\u0323\u0302t", 4), ("漢字", 4),
                                             ("soft\u00adhyphen", 11)])
def test_display_width_counts_cells_as_terminals_do(text: str, cells: int) -> None:
    assert _display_width(text) == cells


def test_window_caret_under_wide_characters() -> None:
    shown, caret, length = _window("漢字 x bad y", 5, 3)
    assert shown == "漢字 x bad y" and caret == 7 and length == 3


# ----- orjson (the ``fast`` extra) and the standard library write the same JSON ----------------
_JSON_TEXT = st.lists(st.one_of(
    st.sampled_from(["\x1b[2J", "\x00", "\x1f", "\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\ufeff",
                     "\udc80", "\ud800", '"', "\\", "/", "\t", "\r\n", "Việt Nam", "漢字", "😀", "%0A"]),
    st.text(max_size=6)), max_size=8).map("".join)
_JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), _JSON_TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_JSON_TEXT, inner, max_size=4)),
    max_leaves=12)


def _without_orjson() -> Any:
    json_report = importlib.import_module("lint_news.app.output.json_report")  # the module, not a stand-in

    class Plain:
        def __enter__(self) -> None:
            self.saved, json_report.orjson = json_report.orjson, None

        def __exit__(self, *exc: object) -> None:
            json_report.orjson = self.saved

    return Plain()


@settings(max_examples=300, deadline=None)
@given(value=_JSON_VALUE)
def test_dumps_gives_the_standard_librarys_text(value: Any) -> None:
    from lint_news.app.output.json_report import dumps

    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    with _without_orjson():
        assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=100, deadline=None)
@given(path=_JSON_TEXT, message=_JSON_TEXT, source=_JSON_TEXT.filter(bool), content=_JSON_TEXT,
       data=st.data())
def test_json_sarif_and_gitlab_reports_are_the_same_bytes_with_or_without_orjson(
        path: str, message: str, source: str, content: str, data: st.DataObject) -> None:
    pytest.importorskip("orjson")
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, len(source)))
    fix = Fix(message, (Edit(start, end, content),), Applicability.UNSAFE)
    findings = [Finding("whitespace", Severity.WARNING, message, start, end, fix),
                Finding("whitespace", Severity.ERROR, message, 0, len(source))]
    doc = Document(path, source)
    results = [FileResult(path, findings=findings, view=DocumentView.of(doc, findings)),
               FileResult("clean.txt", findings=[], view=DocumentView.of(Document("clean.txt", "ok"), []))]
    settings_ = Settings(config=load_config(isolated=True, select=["whitespace"]))
    for fmt in ("json", "sarif", "gitlab"):
        fast, plain = io.StringIO(), io.StringIO()
        output.write(fast, fmt, results, settings_)
        with _without_orjson():
            output.write(plain, fmt, results, settings_)
        assert fast.getvalue().encode("utf-8") == plain.getvalue().encode("utf-8"), fmt


def test_json_report_uses_orjson_when_installed_and_the_standard_library_without() -> None:
    pytest.importorskip("orjson")
    json_report = importlib.import_module("lint_news.app.output.json_report")
    assert json_report.orjson is not None
    surrogate = {"a": "x\udc80"}  # orjson refuses it: the standard library writes it
    assert json_report.dumps(surrogate) == json.dumps(surrogate, ensure_ascii=False, indent=2)
    with _without_orjson():
        assert json_report.orjson is None


def _json_item_by_item(results: list[FileResult]) -> str:
    """The JSON report as it was written before files were serialised whole: finding by finding."""
    from lint_news.app.output.escape import json_safe, valid_unicode
    from lint_news.app.output.json_report import dumps, finding_json

    out, first = [], True
    for result in results:
        assert result.view is not None
        for finding in result.findings:
            item = json_safe(valid_unicode(dumps(finding_json(result.path, result.view, finding))))
            out.append(("[\n  " if first else ",\n  ") + item.replace("\n", "\n  "))
            first = False
    out.append("[]\n" if first else "\n]\n")
    return "".join(out)


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(st.tuples(_JSON_TEXT, _JSON_TEXT, _JSON_TEXT.filter(bool)), max_size=3),
       data=st.data())
def test_json_report_written_file_by_file_is_the_text_written_finding_by_finding(
        texts: list[tuple[str, str, str]], data: st.DataObject) -> None:
    results = []
    for path, message, source in [*texts, ("bytes.txt", "m\udcc3", "a\udcc3\udca9b\u202e")]:
        start = data.draw(st.integers(0, len(source)))
        findings = [Finding("whitespace", Severity.WARNING, message, start, len(source),
                            Fix(message, (Edit(start, len(source), message),), Applicability.SAFE)),
                    Finding("whitespace", Severity.INFO, "x\u0085", 0, start)]
        doc = Document(path, source)
        results.append(FileResult(path, findings=findings, view=DocumentView.of(doc, findings)))
        empty = Document("empty.txt", "ok")
        results.append(FileResult("empty.txt", findings=[], view=DocumentView.of(empty, [])))
    for plain in (False, True):
        out = io.StringIO()
        if plain:
            with _without_orjson():
                output.write(out, "json", results, Settings())
                expected = _json_item_by_item(results)
        else:
            output.write(out, "json", results, Settings())
            expected = _json_item_by_item(results)
        assert out.getvalue() == expected
