"""Every output format escapes control characters (issue 19): file names, messages and
source text carrying ANSI escape sequences, C1 controls, bidirectional overrides, line breaks
or undecodable bytes never reach the output raw, in any format; the machine formats keep the
values exact (JSON escapes) and the GitHub annotations stay one line per finding."""

from __future__ import annotations

import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.app import output
from lint_news.app.output import FORMATS, Palette, Settings
from lint_news.app.output.escape import _CONTROL, escape_controls, json_safe, terminal_safe, valid_unicode
from lint_news.config import load_config
from lint_news.core.document import Document
from lint_news.core.model import Applicability, Edit, Finding, Fix, Severity
from lint_news.engine.result import FileResult
from lint_news.engine.view import DocumentView

CONFIG = load_config(isolated=True, select=["whitespace"])
# what a hostile file or file name may hold, mixed with ordinary text
HOSTILE = st.sampled_from(["\x1b[2J", "\x1b]0;title\x07", "\x00", "\x7f", "\x85", "\x9b31m", "\u202e",
                           "\u2066", "\u200f", "\r", "\n", "\t", "\udc80", "\udcff", "\ud800", "%0A::error::",
                           ",:", "Việt", "漢字", " "])
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=4)), max_size=8).map("".join)
UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROL if c != 0x0A) + "]")


def render(fmt: str, path: str, doc: Document, findings: list[Finding]) -> str:
    out = io.StringIO()
    results = [FileResult(path, findings=findings, view=DocumentView.of(doc, findings))]
    if fmt == "statistics":
        output.write_statistics(out, "full", results)
    elif fmt in FORMATS:  # a new format is covered as soon as it is in the table
        output.write(out, fmt, results, Settings(Palette(False), show_fixes=True, config=CONFIG))
    else:
        raise AssertionError(f"output format {fmt!r} is not covered by this test")
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(path=TEXT, message=TEXT, fix_message=TEXT, source=TEXT.filter(bool), content=TEXT,
       data=st.data())
def test_no_format_prints_a_control_character_raw(path: str, message: str, fix_message: str, source: str,
                                                  content: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, len(source)))
    fix = Fix(fix_message, (Edit(start, end, content),), Applicability.SAFE)
    findings = [Finding("whitespace", Severity.WARNING, message, start, end, fix),
                Finding("whitespace", Severity.ERROR, message, 0, len(source))]
    doc = Document(path, source)
    for fmt in (*FORMATS, "statistics"):
        out = render(fmt, path, doc, findings)
        raw = UNSAFE.search(out.replace("\t", "") if fmt == "statistics" else out)
        assert raw is None, (fmt, out)
        out.encode("utf-8")  # valid UTF-8 (no lone surrogates)
        if fmt == "json":
            items = json.loads(out)
            assert [item["filename"] for item in items] == [valid_unicode(path)] * 2
            assert [item["message"] for item in items] == [valid_unicode(message)] * 2
            assert items[0]["fix"]["edits"][0]["content"] == valid_unicode(content)
        elif fmt == "sarif":
            results = json.loads(out)["runs"][0]["results"]
            assert [r["message"]["text"] for r in results] == [valid_unicode(message)] * 2
            replacement = results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
            assert replacement["insertedContent"]["text"] == valid_unicode(content)
        elif fmt == "github":
            lines = out.splitlines()
            assert len(lines) == 2
            assert all(line.startswith(("::warning file=", "::error file=")) for line in lines)
        elif fmt == "gitlab":
            issues = json.loads(out)
            assert [issue["description"] for issue in issues] == [valid_unicode(message)] * 2
        elif fmt == "junit":
            import xml.dom.minidom

            xml.dom.minidom.parseString(out)  # well-formed XML whatever the names and messages hold
        elif fmt in ("full", "concise"):
            assert terminal_safe(path) in out
            assert terminal_safe(message) in out


def test_one_escaping_three_tables() -> None:
    """terminal_safe is escape_controls with its defaults; JSON text gets JSON escapes of
    the same characters, which decode back to them."""
    assert terminal_safe is escape_controls
    assert terminal_safe("a\x1b[31mb\u202e\x85") == "a\\x1b[31mb\\u202e\\x85"
    text = json.dumps({"k": "a\x1b\u202e\x85\n"}, ensure_ascii=False)
    assert json_safe(text) == '{"k": "a\\u001b\\u202e\\u0085\\n"}'
    assert json.loads(json_safe(text)) == {"k": "a\x1b\u202e\x85\n"}


def test_github_escapes_a_file_name_with_an_escape_sequence() -> None:
    """The case of the issue: an ESC sequence in a file name reached the github output raw."""
    doc = Document("seeds/a\x1b[2Jb.txt", "Title \n")
    findings = [Finding("whitespace", Severity.WARNING, "trailing \x1b[31mwhitespace", 5, 6)]
    out = render("github", doc.path, doc, findings)
    assert out == ("::warning file=seeds/a\\x1b[2Jb.txt,line=1,endLine=1,col=6,endColumn=7,"
                   "title=lint-news whitespace::trailing \\x1b[31mwhitespace\n")
