"""The `pattern` kind: the contract users write their own rules against (README, rules/README.md)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lint_news.config import Config, load_config
from lint_news.core.document import Document
from lint_news.core.model import Finding
from lint_news.engine.fixer import fix_document
from lint_news.engine.linter import lint_document

from ..conftest import spans

ARTICLE = "Title line\nMarch 20, 2025\n\n{body}\n"


def rule_config(tmp_path: Path, options: str, *, scope: str = "line",
                message: str = "found {match!r} ({rule})") -> Config:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "test-pattern.yaml").write_text(textwrap.dedent(f"""\
        id: test-pattern
        kind: pattern
        severity: warning
        scope: {scope}
        message: "{message}"
        description: "A pattern rule under test."
        options:
        """) + textwrap.indent(textwrap.dedent(options), "  "), encoding="utf-8")
    config_text = "rule-paths: [rules]\nselect: [test-pattern]\n"
    (tmp_path / ".lint-news.yaml").write_text(config_text, encoding="utf-8")
    return load_config(tmp_path / ".lint-news.yaml")


def lint(text: str, config: Config) -> list[Finding]:
    return lint_document(Document("x", text), config)


def fix(text: str, config: Config, unsafe: bool = False) -> str:
    return fix_document(Document("x", text), config, unsafe=unsafe).document.text


def test_patterns_and_phrases(tmp_path: Path) -> None:
    config = rule_config(tmp_path, """\
        patterns: ['\\bclick (here|now)\\b']
        phrases: ["read more", "(sponsored)"]
        """)
    text = "Click here or click now to read more (sponsored) items; readmore."
    assert spans(text, lint(text, config)) == ["click now", "read more", "(sponsored)"]


def test_message_template(tmp_path: Path) -> None:
    config = rule_config(tmp_path, "phrases: [lorem]\n")
    (finding,) = lint("a lorem b", config)
    assert finding.message == "found 'lorem' (test-pattern)"


def test_ignore_case(tmp_path: Path) -> None:
    config = rule_config(tmp_path, "phrases: [soi kèo]\nignore-case: true\n")
    assert spans("SOI KÈO và Soi kèo", lint("SOI KÈO và Soi kèo", config)) == ["SOI KÈO", "Soi kèo"]
    strict = rule_config(tmp_path, "phrases: [soi kèo]\n")
    assert spans("SOI KÈO và soi kèo", lint("SOI KÈO và soi kèo", strict)) == ["soi kèo"]


def test_ignore_accents_matches_with_or_without_diacritics(tmp_path: Path) -> None:
    text = "soi kèo, soi keo, sợi kéo, Soi Kèo"
    config = rule_config(tmp_path, "phrases: [soi keo]\nignore-accents: true\nignore-case: true\n")
    assert spans(text, lint(text, config)) == ["soi kèo", "soi keo", "sợi kéo", "Soi Kèo"]
    accented = rule_config(tmp_path, "phrases: [soi kèo]\nignore-accents: true\n")
    assert spans(text, lint(text, accented)) == ["soi kèo", "soi keo", "sợi kéo"]


def test_ignore_accents_applies_to_patterns_too(tmp_path: Path) -> None:
    text = "nhà cái uy tín, nha cai uy tin"
    config = rule_config(tmp_path, "patterns: ['nhà cái\\s+uy tín']\nignore-accents: true\n")
    assert spans(text, lint(text, config)) == ["nhà cái uy tín", "nha cai uy tin"]


def test_phrases_match_whole_words_unless_told_otherwise(tmp_path: Path) -> None:
    text = "cat, concatenate, cats, Cat"
    assert spans(text, lint(text, rule_config(tmp_path, "phrases: [cat]\n"))) == ["cat"]
    loose = rule_config(tmp_path, "phrases: [cat]\nword-boundary: false\n")
    assert spans(text, lint(text, loose)) == ["cat", "cat", "cat"]


@pytest.mark.parametrize(("scope", "expected"), [
    ("title", ["spam"]),
    ("header", ["spam", "spam", "spam"]),
    ("body", ["spam", "spam"]),
    ("line", ["spam"] * 4),
    ("document", ["spam"] * 4),
])
def test_scopes(tmp_path: Path, scope: str, expected: list[str]) -> None:
    text = ("Title spam\nMarch 20, 2025 spam\n\n"
            "HÀ NỘI — The first paragraph has spam and enough words to be the body.\n\nMore spam.\n")
    config = rule_config(tmp_path, "phrases: [spam]\n", scope=scope)
    assert spans(text, lint(text, config)) == expected


def test_line_scope_cannot_span_lines_but_document_can(tmp_path: Path) -> None:
    text = "Some lorem\nipsum here.\n"
    options = "patterns: ['lorem\\s+ipsum']\n"
    assert lint(text, rule_config(tmp_path, options, scope="line")) == []
    assert spans(text, lint(text, rule_config(tmp_path, options, scope="document"))) == ["lorem\nipsum"]


def test_no_title_means_nothing_in_title_scope(tmp_path: Path) -> None:
    text = "The minister said on Monday that spam was bad for everyone involved.\n"
    assert lint(text, rule_config(tmp_path, "phrases: [spam]\n", scope="title")) == []


def test_no_replacement_no_fix(tmp_path: Path) -> None:
    (finding,) = lint("a lorem b", rule_config(tmp_path, "phrases: [lorem]\n"))
    assert finding.fix is None


def test_replacement_fix_is_unsafe_by_default(tmp_path: Path) -> None:
    config = rule_config(tmp_path, "phrases: [teh]\nreplacement: the\n")
    (finding,) = lint("teh end", config)
    assert finding.fix is not None
    assert finding.fix.applicability.value == "unsafe"
    assert fix("teh end", config) == "teh end"
    assert fix("teh end", config, unsafe=True) == "the end"


def test_safe_replacement_with_groups(tmp_path: Path) -> None:
    config = rule_config(tmp_path, """\
        patterns: ['(\\d+)\\s*(?P<unit>km|kg)\\b']
        replacement: '\\1 \\g<unit>'
        applicability: safe
        """)
    assert fix("10km and 25 kg and 3kg", config) == "10 km and 25 kg and 3 kg"


def test_replacement_deletes_and_converges(tmp_path: Path) -> None:
    config = rule_config(tmp_path, "phrases: ['[ad]']\nreplacement: ''\napplicability: safe\n")
    assert fix("News [ad][ad] here", config) == "News  here"


def test_empty_matches_are_ignored(tmp_path: Path) -> None:
    config = rule_config(tmp_path, "patterns: ['x*']\n")
    text = "abc xx def"
    assert spans(text, lint(text, config)) == ["xx"]


def test_offsets_survive_crlf_and_a_byte_order_mark(tmp_path: Path) -> None:
    config = rule_config(tmp_path, "phrases: [lorem]\n")
    text = "\ufeffTitle\r\n\r\nA lorem line.\r\n"
    (finding,) = lint(text, config)
    assert text[finding.start:finding.end] == "lorem"
    assert Document("x", text).position(finding.start) == (3, 3)
