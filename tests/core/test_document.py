"""Document: lines and positions, blocks, and the structure rules share (title, header, body)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint_news.core.document import Block, Document, Line, StructureOptions, looks_binary

from ..conftest import RAW_SEEDS


def seed(prefix: str) -> Document:
    path = next(RAW_SEEDS.glob(f"{prefix}_*.txt"))
    return Document.from_bytes(path.read_bytes(), str(path))


# ----- the seeds ------------------------------------------------------------------------------
def test_seed_001_section_label_is_not_the_title() -> None:
    doc = seed("001")
    assert doc.lines[0].text == "FOREIGN RELATION NEWS"
    assert doc.section_label_lines == [0]
    assert doc.title_line == 2
    assert doc.title is not None
    assert doc.title.text == "Vietnam aims for hi-tech cooperation as breakthrough in US relations"
    assert doc.lines[3].text.startswith("Ngày đăng 23/09/2024")
    assert 3 in doc.header_lines, "the date line belongs to the header zone"
    assert doc.body_start_line == 5
    assert doc.lines[5].text.startswith("The Vietnam-US ties have set a model")
    assert doc.header_lines == range(0, 6), "title to the end of the first body paragraph"


def test_seed_002_has_no_title() -> None:
    doc = seed("002")
    assert doc.title_line is None
    assert doc.title is None
    assert doc.scope_lines("title") == []
    assert doc.body_start_line == 0
    assert doc.lines[0].text.startswith(" date 2025-03-31 HÀ NỘI — Việt Nam consistently")
    assert doc.header_lines == range(0, 1)


def test_seed_000_title_byline_and_lead() -> None:
    doc = seed("000")
    assert doc.section_label_lines == []
    assert doc.title_line == 0
    assert doc.title is not None
    assert doc.title.text.startswith("General Secretary affirms that Vietnam attaches importance")
    assert doc.lines[2].text == "Khánh Minh |"
    assert doc.body_start_line == 4, "a byline is header, not body"
    assert list(doc.body_lines) == list(range(4, len(doc.lines)))


def test_seed_003_without_blank_lines_the_lead_is_one_line() -> None:
    doc = seed("003")
    assert doc.title_line == 0
    assert doc.lines[1].text.startswith("Hanoi (VNA) – General Secretary")
    assert doc.body_start_line == 1
    assert doc.header_lines == range(0, 2)
    assert doc.blocks == [Block(0, len(doc.lines) - 1)], "no blank line: one block"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_decode_and_round_trip(prefix: str) -> None:
    path = next(RAW_SEEDS.glob(f"{prefix}_*.txt"))
    raw = path.read_bytes()
    doc = Document.from_bytes(raw, str(path))
    assert not doc.undecodable
    assert not doc.binary
    assert doc.text.encode("utf-8") == raw
    assert "".join(doc.text[line.start:line.eol_end] for line in doc.lines) == doc.text
    assert not doc.has_final_newline, "DEFECTS.md: the seeds have no final newline"


# ----- lines and positions --------------------------------------------------------------------
def test_lines_keep_crlf_outside_the_line_text() -> None:
    doc = Document("x", "ab\r\ncd\nef")
    assert doc.lines == [Line(0, 0, 2, 4, "ab"), Line(1, 4, 6, 7, "cd"), Line(2, 7, 9, 9, "ef")]
    assert doc.text[doc.lines[0].end:doc.lines[0].eol_end] == "\r\n"


def test_a_lone_carriage_return_is_part_of_the_line() -> None:
    doc = Document("x", "a\rb\n")
    assert [line.text for line in doc.lines] == ["a\rb"]


def test_empty_and_newline_only_documents() -> None:
    empty = Document("x", "")
    assert empty.lines == []
    assert empty.blocks == []
    assert empty.title_line is None
    assert empty.position(0) == (1, 1)
    assert Document("x", "\n\n").blocks == []


def test_position_is_one_based_in_code_points() -> None:
    doc = Document("x", "Hà Nội\r\nđẹp 😀 x\nlast")
    assert doc.position(0) == (1, 1)
    assert doc.position(3) == (1, 4)  # "N": "à" is one code point
    assert doc.position(6) == (1, 7)  # the "\r": end of line 1
    assert doc.position(8) == (2, 1)
    assert doc.position(doc.text.index("x")) == (2, 7), "an emoji is one column"
    assert doc.position(len(doc.text)) == (3, 5), "the end of the text"


def test_line_at() -> None:
    doc = Document("x", "one\ntwo\n")
    assert doc.line_at(5) == doc.lines[1]
    assert Document("x", "").line_at(0) is None


def test_newline_style_and_final_newline() -> None:
    assert Document("x", "a\nb\n").newline == "\n"
    assert Document("x", "a\r\nb\r\n").newline == "\r\n"
    assert Document("x", "a\r\nb\nc\n").newline == "\n", "LF dominates"
    assert Document("x", "a\n").has_final_newline
    assert not Document("x", "a").has_final_newline


def test_blocks_are_separated_by_blank_or_whitespace_only_lines() -> None:
    doc = Document("x", "a\nb\n\nc\n \t\nd\n\n\n")
    assert doc.blocks == [Block(0, 1), Block(3, 3), Block(5, 5)]


# ----- title and header ---------------------------------------------------------------------
def test_title_after_a_byte_order_mark_and_blank_lines() -> None:
    body = "The body starts here and it goes on for quite a few words today.\n"
    doc = Document("x", "\ufeff\n\nA headline\n\n" + body)
    assert doc.title_line == 2
    assert doc.body_start_line == 4


def test_file_starting_with_a_sentence_has_no_title() -> None:
    doc = Document("x", "The minister said on Monday that the talks went well.\n\nMore text here.\n")
    assert doc.title_line is None
    assert doc.body_start_line == 0


def test_vietnamese_section_label() -> None:
    body = "Hà Nội — Nội dung bài viết bắt đầu ở đây và kéo dài nhiều chữ.\n"
    doc = Document("x", "THỜI SỰ\nTiêu đề bài báo\n\n" + body)
    assert doc.section_label_lines == [0]
    assert doc.title_line == 1


def test_an_all_caps_headline_is_not_a_section_label() -> None:
    body = "HÀ NỘI — The two countries signed a deal on Monday.\n"
    doc = Document("x", "VIETNAM AND US SIGN TRADE DEAL\n\n" + body)
    assert doc.section_label_lines == []
    assert doc.title_line == 0


def test_builtin_section_labels_match_only_upper_case_text() -> None:
    """What makes ``is_section_label``'s gate exact: the built-in label patterns hold no flag,
    no wildcard, no class or escape that matches a letter other than upper-case ones."""
    for pattern in StructureOptions().section_labels:
        literal = re.sub(r"\\.", "", pattern)  # the escapes used: \s (white space) and \- only
        assert set(re.findall(r"\\(.)", pattern)) <= {"s", "-"}, pattern
        assert "(?" not in literal.replace("(?:", ""), "no inline flag (such as (?i))"
        assert "." not in literal, "no wildcard"
        classes = re.findall(r"\[([^\]]*)\]", literal)
        assert all(c.replace("A-Z", "").strip("&'’") == "" for c in classes), classes
        assert not any(c.isalpha() and not c.isupper() for c in literal.replace("A-Z", "")), pattern


_LABELS = re.compile("|".join(f"(?:{p})" for p in StructureOptions().section_labels))


@given(st.text(alphabet="NEWSAZ&'’- \tĐỨỘabcđứộ\u01c5", max_size=24))
def test_section_label_gate_agrees_with_the_labels_regex(text: str) -> None:
    expected = _LABELS.fullmatch(text.strip()) is not None
    assert StructureOptions().is_section_label(text) == expected


@pytest.mark.parametrize("line", ["WORLD NEWS", "THỂ THAO", "Thể thao", "World News", "world news",
                                  "POLITICS ", "\ufeffECONOMY", "ǅ NEWS", "FOREIGN RELATION NEWS"])
def test_section_label_examples(line: str) -> None:
    expected = _LABELS.fullmatch(line.strip().lstrip("\ufeff")) is not None
    assert StructureOptions().is_section_label(line) == expected
    assert expected == line.strip().lstrip("\ufeff").isupper()


def test_section_labels_are_configurable() -> None:
    structure = StructureOptions(section_labels=("BREAKING",))
    doc = Document("x", "BREAKING\nTitle\n\nBody text that is long enough to count as body text.\n",
                   structure=structure)
    assert doc.section_label_lines == [0]
    assert doc.title_line == 1
    assert Document("x", "FOREIGN NEWS\nT\n", structure=structure).section_label_lines == []


def test_scope_lines() -> None:
    text = "Title\nMarch 20, 2025\n\nHÀ NỘI — The first paragraph of the article is here today.\n\nSecond.\n"
    doc = Document("x", text)
    assert [line.text for line in doc.scope_lines("title")] == ["Title"]
    assert [line.index for line in doc.scope_lines("header")] == [0, 1, 2, 3]
    assert [line.index for line in doc.scope_lines("body")] == [3, 4, 5]
    assert doc.scope_lines("line") == doc.lines == doc.scope_lines("document")


def test_header_is_bounded_when_no_body_is_found() -> None:
    text = "".join(f"short line {i}\n" for i in range(40))
    doc = Document("x", text)
    assert doc.body_start_line == StructureOptions().header_max_lines, "the header cannot swallow the file"


# ----- bytes ---------------------------------------------------------------------------------
def test_undecodable_bytes_keep_their_offsets() -> None:
    doc = Document.from_bytes(b"Caf\xe9 au lait\n", "x")
    assert doc.undecodable
    assert doc.text == "Caf\udce9 au lait\n"
    assert doc.text.encode("utf-8", "surrogateescape") == b"Caf\xe9 au lait\n"
    assert doc.raw == b"Caf\xe9 au lait\n"
    assert doc.with_text(doc.text.replace(" au", "")).undecodable
    assert not doc.with_text("Café au lait\n").undecodable


@pytest.mark.parametrize(("raw", "binary"), [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, True),
    (b"%PDF-1.7\n", True),
    (b"PK\x03\x04rest", True),
    (b"text " * 100 + b"\x00" * 20, True),
    (b"text with one stray NUL\x00 byte\n", False),
    ("Tiêu đề\n".encode(), False),
    (b"", False),
])
def test_binary_detection(raw: bytes, binary: bool) -> None:
    assert looks_binary(raw) is binary
    assert Document.from_bytes(raw, "x").binary is binary


def test_unusual_characters_are_the_non_ascii_and_control_characters() -> None:
    doc = Document.from_bytes("Tiêu đề\r\n\tbody “quoted” \x0c\n".encode())
    assert doc.unusual_characters == frozenset("êđề“”\x0c")
    assert Document.from_bytes(b"plain\n").unusual_characters == frozenset()
    undecodable = Document.from_bytes(b"bad \xff byte")
    assert undecodable.unusual_characters == frozenset("\udcff")


def test_derived_views_are_computed_once_per_document() -> None:
    calls: list[str] = []

    def word_count(doc: Document) -> int:
        calls.append(doc.path)
        return len(doc.text.split())

    first, second = Document("a.txt", "Hà Nội hôm nay\n"), Document("b.txt", "one two\n")
    assert first.derived(word_count) == 4
    assert first.derived(word_count) == 4
    assert second.derived(word_count) == 2
    assert calls == ["a.txt", "b.txt"]
    # a fixed text is a new document: nothing derived from the old text carries over
    assert first.with_text("x\n").derived(word_count) == 1


@pytest.mark.parametrize("text", ["", "a", "\n", "a\n", "a\nb", "\n\n", "a\r\nb\r\n", "\r\n", "x\n\ny\n\n",
                                  "Tiêu đề\u2028còn\nthân bài", "a\rb\nc"])
def test_line_starts_are_the_lines_starts_without_building_lines(text: str) -> None:
    doc = Document("x", text)
    starts = doc.line_starts
    assert "lines" not in doc.__dict__  # found without a Line per line
    assert starts == ([line.start for line in Document("x", text).lines] or [0])
    lined = Document("x", text)
    assert lined.lines is not None and lined.line_starts == starts
    for offset in range(len(text) + 1):
        assert doc.position(offset) == lined.position(offset)


@given(st.text(alphabet="ab\r\n\u2028 ", max_size=40))
def test_line_count_is_the_number_of_lines_without_building_them(text: str) -> None:
    doc = Document("x", text)
    count = doc.line_count
    assert "lines" not in doc.__dict__
    assert count == len(Document("x", text).lines)
    assert doc.lines is not None and doc.line_count == count  # and from the lines once built


@given(st.text(alphabet="ab\r\n\ufeff ", max_size=40))
def test_lines_cover_the_text_with_their_terminators(text: str) -> None:
    lines = Document("x.txt", text).lines
    assert "".join(text[line.start:line.eol_end] for line in lines) == text
    for number, line in enumerate(lines):
        assert line.index == number
        assert line.text == text[line.start:line.end]
        terminator = text[line.end:line.eol_end]
        assert terminator in ("\n", "\r\n") or (terminator == "" and line.eol_end == len(text))
        assert "\n" not in line.text



def _lines_by_loop(text: str) -> list[tuple[int, int, int, int, str]]:
    """The lines by the general loop of ``Document.lines`` (offsets found line by line)."""
    found = []
    start = 0
    parts = text.split("\n")
    last = parts.pop()
    for index, part in enumerate(parts):
        after = start + len(part)
        if part[-1:] == "\r":
            found.append((index, start, after - 1, after + 1, part[:-1]))
        else:
            found.append((index, start, after, after + 1, part))
        start = after + 1
    if last:
        found.append((len(parts), start, len(text), len(text), last))
    return found


@given(st.text(alphabet="ab\n\r\ufeff \u2028", max_size=40))
def test_lines_are_those_of_the_general_loop(text: str) -> None:
    """Texts without "\\r" take a fast path (running sums in C): the same lines, each a real
    ``Line``, as the general loop finds."""
    lines = Document("x.txt", text).lines
    assert all(type(line) is Line for line in lines)
    assert lines == _lines_by_loop(text)
