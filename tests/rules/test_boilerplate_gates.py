"""boilerplate's gates: the cheap tests that let a line or a document skip a pattern search.

A gate must never hide a finding. Each test here puts a line right at a gate's edge (the last
characters a chrome item, a sign-off, a heading or link text can end with; a literal in an
unusual case) and checks that it is still found, and that the gates are read from the patterns
(a user's pattern widens them). All text is written for these tests.
"""

from __future__ import annotations

import json
import pickle
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.config import Config
from lint_news.core.document import Document
from lint_news.kinds.boilerplate.captions import _GLUED_CREDIT, _ends_in_credit, _letter_outside_ascii
from lint_news.kinds.boilerplate.chrome import search_end, tail_chrome
from lint_news.kinds.boilerplate.gates import (
    CASE_PAIRS,
    GLUED_CREDIT_WORDS,
    LOWER_TO_ASCII,
    UNSTABLE_CASE,
    WHITESPACE,
    WORDS_COUNTED,
    DocumentLiterals,
    EndGate,
    LiteralGate,
    _occurrences,
    line_facts,
)
from lint_news.kinds.boilerplate.options import Options
from lint_news.kinds.boilerplate.sections import _BLURB_MAX_WORDS, article_continues
from lint_news.text.regex.lazy import LazyPattern

from ..conftest import fix, lint, make_config, spans

RULE = "boilerplate"
TITLE = "Hà Nội opens its second metro line"
P1 = "The line links the old quarter with the western suburbs and carries trains every six minutes."
P2 = "City officials said forty thousand passengers used the line on its first weekend of service."
P3 = "Residents welcomed the trains but asked for more bus connections at the outer stations."


def article(*middle: str) -> str:
    return "\n\n".join([TITLE, P1, *middle, P2, P3]) + "\n"


def config_with(tmp_path: Path, **options: object) -> Config:
    body = json.dumps({"rules": {RULE: {k.replace("_", "-"): v for k, v in options.items()}}},
                      ensure_ascii=False)
    return make_config(RULE, tmp=tmp_path, yaml_text=body)


# ----- chrome glued to the end of a line: the line's last two characters --------------------
@pytest.mark.parametrize(("line", "kept"), [
    ("Đăng lúc 08:15 | Lượt xem: 1.234.", "Đăng lúc 08:15"),  # a counter ending in "."
    ("Đăng lúc 08:15 | Lượt xem: 1.234,", "Đăng lúc 08:15"),  # ... or in ","
    ("Cập nhật 08:15 | Bình luận (12)", "Cập nhật 08:15"),  # ")" after a digit
    ("Cập nhật 08:15 | Views: 3K", "Cập nhật 08:15"),  # a multiplier after a digit
    ("Cập nhật 08:15 ![]( )", "Cập nhật 08:15"),  # ")" after a space
    ("Cập nhật 08:15 ![]()", "Cập nhật 08:15"),  # ")" after "("
    ("Cập nhật 08:15 <IMG alt='x'>", "Cập nhật 08:15"),  # ">", and a tag in capitals
    ("Minh Anh ¦", "Minh Anh"),
])
def test_chrome_at_the_edge_of_the_end_gate_is_still_removed(line: str, kept: str) -> None:
    text = f"{TITLE}\n{line}\n\n{P1}\n\n{P2}\n"
    assert lint(text, RULE)
    assert fix(text, RULE) == f"{TITLE}\n{kept}\n\n{P1}\n\n{P2}\n"


@pytest.mark.parametrize("line", [
    "The second line opened to passengers in 2024.",  # passes the gate, holds no chrome
    "The new depot stands about 12 km",
    "Trains run every 6 minutes (peak hours)",
])
def test_lines_that_only_look_like_chrome_at_their_end_are_silent(line: str) -> None:
    assert lint(article(line + " and the city plans a third one soon after that."), RULE) == []
    assert lint(f"{TITLE}\n{line}\n\n{P1}\n\n{P2}\n", RULE) == []


def test_the_end_gate_follows_a_users_counter(tmp_path: Path) -> None:
    line = "Cập nhật 08:15 | Lượt nghe: 12 lần"
    text = f"{TITLE}\n{line}\n\n{P1}\n\n{P2}\n"
    assert lint(text, RULE) == []
    config = config_with(tmp_path, extend_counters=[r"Lượt nghe\s*:\s*\d+ lần"])
    assert spans(text, lint(text, RULE, config=config)) == [" | Lượt nghe: 12 lần"]


# ----- patterns anchored at the end of a line ------------------------------------------------
@pytest.mark.parametrize("mark", ["-VNA", "-VNA   ", " ./.", " (Reuters)", " — Xinhua"])
def test_sign_offs_at_the_edge_of_their_end_gate_still_end_the_article(mark: str) -> None:
    body = [P1, "Ships of up to 100,000 tonnes can now berth at the new terminal, its operator said." + mark,
            "A football club in the north signed two players from Brazil before the new season starts.",
            "Flower growers in the south expect strong sales before the lunar new year this winter."]
    text = "\n\n".join([TITLE, *body]) + "\n"
    findings = lint(text, RULE)
    assert [f.message.split(":")[0] for f in findings] == [
        "appended blurbs of other stories after the article's sign-off"]


@pytest.mark.parametrize("tail", [" Read the full story »", " Read the full story.", " [Xem thêm]",
                                  " READ THE FULL STORY"])
def test_link_text_at_the_edge_of_its_end_gate_is_found(tail: str) -> None:
    story = "The operator will publish the full timetable for the second line next week."
    text = article(story + tail)
    assert spans(text, lint(text, RULE)) == [tail.strip()]


@pytest.mark.parametrize("heading", ["Tin liên quan:", "RELATED NEWS", "Xem thêm"])
def test_related_headings_pass_the_heading_gate(heading: str) -> None:
    text = article() + f"\n{heading}\n\nMột tin khác về giao thông ở Hà Nội trong tuần này."
    findings = lint(text, RULE)
    assert len(findings) == 1 and findings[0].message.startswith("related-news section")


@pytest.mark.parametrize(("title", "tail"), [("Hà Nội mở tuyến metro thứ hai hinh anh 12", " hinh anh 12"),
                                             ("Hà Nội mở tuyến metro thứ hai - Ảnh 1", " - Ảnh 1")])
def test_alt_text_at_the_end_of_the_title_passes_its_gate(title: str, tail: str) -> None:
    text = f"{title}\n\n{P1}\n\n{P2}\n"
    assert spans(text, lint(text, RULE)) == [tail]


# ----- literals looked for in the whole document ---------------------------------------------
@pytest.mark.parametrize("promo", [
    "To read the timetable, CLICK HERE",
    "To read the timetable, clıck here",  # a dotless i: re.IGNORECASE matches it with "i"
    "To read the timetable, clic\u212a here",  # the Kelvin sign, lower-cased to "k"
    "Để xem lịch chạy tàu, NHẤN VÀO ĐÂY",
])
def test_promotions_in_any_case_pass_the_lower_cased_gate(promo: str) -> None:
    assert re.search("click here|nhấn vào đây", promo, re.IGNORECASE)
    text = article(promo)
    assert spans(text, lint(text, RULE)) == [promo]


def test_a_credit_in_a_document_without_other_credit_words_is_found() -> None:
    caption = "Passengers board a train at the depot (Video: Minh Quân)"
    text = article(caption)
    assert spans(text, lint(text, RULE)) == [caption]


def test_alt_text_caption_needs_a_number_after_the_word() -> None:
    caption = "Metro line opens ảnh 3Passengers board the first train at the station"
    assert spans(article(caption), lint(article(caption), RULE)) == [caption]
    assert lint(article("Anh Minh đi tàu điện từ Cầu Giấy đến ga Nhổn mỗi sáng"), RULE) == []


# ----- the gates themselves ------------------------------------------------------------------
def test_whitespace_is_every_character_str_isspace_takes() -> None:
    assert set(WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def _unstable(char: str) -> bool:
    low = char.lower()
    return (len(low) != 1 or ("A" + char).lower()[1:] != low or char.upper().lower() != low
            or low.upper().lower() != low)


def test_unstable_case_lists_every_character_lower_case_does_not_settle() -> None:
    every = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert {c for c in every if _unstable(c)} == UNSTABLE_CASE


def test_ignorecase_matches_stable_characters_only_with_the_same_lower_case() -> None:
    """What ``LiteralGate`` relies on: between characters outside ``UNSTABLE_CASE``,
    ``re.IGNORECASE`` matches one with the other only when their ``str.lower()`` are equal
    (checked for ASCII letters and the Vietnamese letters of the built-in literals)."""
    stable = "".join(chr(c) for c in range(sys.maxunicode + 1)
                      if not 0xD800 <= c <= 0xDFFF and chr(c) not in UNSTABLE_CASE)
    letters = "abcdefghijklmnopqrstuvwxyzàáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    for letter in letters:
        for found in re.finditer(re.escape(letter), stable, re.IGNORECASE):
            assert found.group().lower() == letter.lower(), (letter, found.group())


def _ends(pattern: str, text: str, **kind: bool) -> bool:
    return EndGate(re.compile(pattern, re.IGNORECASE), **kind).ends(text)


def test_end_gate_reads_the_last_two_characters_a_match_can_have() -> None:
    assert _ends(r"x[\d.]*", "ax.") and _ends(r"x[\d.]*", "a1.") and not _ends(r"x[\d.]*", "a.")
    assert _ends(r"count\d+k?", "COUNT9K") and not _ends(r"count\d+k?", "walk")
    assert _ends(r"(?<!\w)ab(?!\w)", "xab") and not _ends(r"(?<!\w)ab(?!\w)", "abc")
    assert not _ends(r"(?!)", "anything")


@pytest.mark.parametrize("pattern", [r"ab\s*", r"a[^b]", r"a.", r"(a)\1", r"(?i:ab)c?"])
def test_end_gate_opens_where_it_cannot_tell(pattern: str) -> None:
    """A match that may end in a space (a chain skips it), any character, a back reference,
    or a local flag: every line passes, as it did before the gate."""
    assert all(_ends(pattern, text) for text in ("zz", "q.", "1", "zab"))


def test_end_gate_reads_a_negated_class() -> None:
    assert _ends(r"a[^b\s]", "zac") and not _ends(r"a[^b\s]", "zab")


def test_anchored_end_gate() -> None:
    assert _ends(r"-\s*VNA\s*$", "said.-VNA", anchored=True)
    assert not _ends(r"-\s*VNA\s*$", "said.", anchored=True)
    # one alternative that may end anywhere: the gate cannot tell
    assert _ends(r"-\s*VNA\s*$|VNS", "said.", anchored=True)
    assert _ends(r"(?:related|more) news\s*:?", "Related news:", whole=True)
    assert not _ends(r"(?:related|more) news\s*:?", "Related news items.", whole=True)


def _gate(pattern: str, flags: int = 0) -> LiteralGate:
    return LiteralGate(LazyPattern(pattern, flags))


def test_literal_gate_looks_for_the_prefilters_strings() -> None:
    doc = Document("<t>", "Tàu chạy mỗi sáu phút.\nẢnh: Minh Quân\n")
    assert _gate("Photo|Ảnh").may_match(doc)
    assert not _gate("Photo|Video").may_match(doc)
    assert not _gate("ảnh").may_match(doc)  # case counts when the prefilter's does
    assert _gate("ảnh", re.IGNORECASE).may_match(doc)
    assert _gate(r"[\d]").may_match(Document("<t>", "no digit"))  # not literal: open
    assert _gate("").may_match(Document("<t>", "x"))  # the empty prefilter: open


def test_literal_gate_probe_tells_which_lines_can_match() -> None:
    doc = Document("<t>", "first line\nTo read it, CLICK HERE\nlast line\n")
    probe = _gate("click here", re.IGNORECASE).probe(doc)
    assert probe is not None
    lines = doc.lines
    assert [probe.holds(line.start, line.end) for line in lines] == [False, True, False]
    assert _gate("click here", re.IGNORECASE).piece_may_match("CLIC\u212a HERE")
    assert not _gate("click here", re.IGNORECASE).piece_may_match("click there")


def _options() -> Options:
    options: Options = next(r for r in make_config(RULE).rules if r.id == RULE).options
    return options


@pytest.mark.parametrize("line", [
    "Đăng lúc 08:15 | Lượt xem: 1.234.", "Cập nhật 08:15 | VIEWS: 3K", "Cập nhật 08:15 | Bình luận (12)",
    "Cập nhật 08:15 <IMG alt='x'>", "Cập nhật 08:15 ![]( )", "Minh Anh ¦  ",
    "Cập nhật 08:15 | lƯỢT XEM: 12", "x " * 120 + "| Shares: 12",  # its words at the window's edge
])
def test_chrome_words_gate_passes_every_line_that_ends_in_chrome(line: str) -> None:
    options = _options()
    assert options.chrome_words.piece_may_match(line[max(0, len(line) - 200):])
    assert tail_chrome(options, line) < len(line)


@pytest.mark.parametrize("line", [
    "The second line opened to passengers in 2024",  # a digit, no counter's word
    "Trains run every 6 minutes (peak hours): 12",
])
def test_chrome_words_gate_needs_a_word_of_an_item(line: str) -> None:
    options = _options()
    assert not options.chrome_words.piece_may_match(line)
    assert tail_chrome(options, line) == len(line)


@pytest.mark.parametrize("text", [
    "Ảnh: Minh Quân\nPhotos by the agency",  # "hoto" inside "Photo": both, overlapping
    "ẢNH VNA | Home | News",
    "Tàu chạy mỗi sáu phút.",
    "bad byte \udce1 then Anh",  # a file's undecodable byte, kept as a lone surrogate
])
def test_document_literals_are_the_strings_the_text_holds(text: str) -> None:
    strings = ("Anh", "Photo", "hoto", "ẢNH", "Ảnh", " | ", "★", "\udce1")
    literals = DocumentLiterals((), strings)
    from_text = Document("<t>", text)  # no bytes: the text is encoded
    assert literals.found(from_text) == {s for s in strings if s in text}
    raw = text.encode("utf-8", "surrogateescape")
    if "\udce1" not in text:
        from_bytes = Document.from_bytes(raw)
        assert literals.found(from_bytes) == {s for s in strings if s in text}


def test_document_literals_pickle_without_their_automaton() -> None:
    options = _options()
    doc = Document("<t>", "Tàu chạy.\nẢnh: Minh Quân\n")
    found = options.literals.found(doc)
    clone = pickle.loads(pickle.dumps(options))
    assert clone.literals.found(doc) == found and "Ảnh" in found


def test_gates_answer_from_the_document_literals_as_from_the_text() -> None:
    options = _options()
    for text in ("Tàu chạy.\nẢnh: Minh Quân\n", "Tàu chạy.\n![]()\n", "No credit here.\n",
                 "A <img src=''> tag\n"):
        doc = Document("<t>", text)
        credits = options.credit_gate
        assert (credits.probe(doc, options.literals) is None) == (credits.probe(doc) is None)
        assert options.image_gate.may_match(doc, options.literals) == options.image_gate.may_match(doc)


def test_case_pairs_are_the_only_characters_lower_cased_to_them() -> None:
    every = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for char in every:
        low = char.lower()
        if len(low) == 1 and low in CASE_PAIRS:
            assert char in (low, low.upper()), hex(ord(char))
        if not char.isascii() and any(c.isascii() and c.isalpha() for c in low):
            assert char in LOWER_TO_ASCII, hex(ord(char))


@pytest.mark.parametrize(("text", "passes"), [
    ("Để xem lịch chạy tàu, NHẤN VÀO ĐÂY", True),
    ("Để xem lịch chạy tàu, nhấn Vào đây", True),
    ("To read the timetable, CLIC\u212a HERE", True),  # the Kelvin sign
    ("To read the timetable, clıck here", True),  # a dotless i: the gate opens
    ("Nhấn mạnh vào chính sách mới của thành phố.", False),
])
def test_lowered_literals_answer_the_promotion_gate_as_the_lower_cased_text(text: str, passes: bool) -> None:
    options = _options()
    doc = Document("<t>", text + "\n")
    assert (options.promo_gate.probe(doc, options.lowered_literals) is not None) == passes
    assert (options.promo_gate.probe(Document("<t>", text + "\n")) is not None) == passes


def test_line_facts_strip_each_line_once() -> None:
    doc = Document("<t>", "  Title \n\n\ufeff \n\ufeffBody text here.\n")
    facts = line_facts(doc)
    assert facts.stripped == ["Title", "", "", "Body text here.", ""][: len(doc.lines)]
    assert [line.index for line in facts.nonblank] == [0, 3]
    assert facts.words[:4] == [1, 0, 0, 3]


@pytest.mark.parametrize("line", ["Read more: Hà Nội adds bus lines", "XEM THÊM: Giá vàng tăng"])
def test_read_more_lines_pass_their_gate(line: str) -> None:
    text = article(line)
    findings = lint(text, RULE)
    assert spans(text, findings) == [line]
    assert [f.message for f in findings] == ["\"read more\" link line"]


def test_read_more_words_without_their_mark_are_silent() -> None:
    text = article("Read more about the plan in the council's report.")
    assert spans(text, lint(text, RULE)) == []


@pytest.mark.parametrize("text", [
    "Title here\n\nOne two three four.\n",  # single spaces: counted from the spaces
    "Title here\n\nOne  two three\tfour.\n",  # a double space and a tab: split
    "Title here\n\nOne\u00a0two three four.\n",  # a no-break space: split
    "Title here\n\nOne\u3000two\x0bthree four.\n",
    "Title\n\n" + " ".join(["word"] * 30) + "\n",  # counted up to ``WORDS_COUNTED``
])
def test_line_facts_count_words_as_split_does(text: str) -> None:
    facts = line_facts(Document("<t>", text))
    assert facts.words == [len(t.split(None, WORDS_COUNTED - 1)) if t else 0 for t in facts.stripped]


# ----- credits searched one pattern at a time ------------------------------------------------
_CREDIT_LINES = [
    "Trains at the depot (Photo: VNA)", "Tàu điện ở ga Cát Linh. Ảnh: Minh Anh", "VNA/VNS Photo Minh Anh",
    "Tàu điện trên cầu. ẢNH TUẤN ANH", "A train at dawn (Ảnh tư liệu)", "Photo courtesy of Hanoi Metro.",
    "Anh Minh said the line would open.", "The trains (Photo: VNA) ran", "Nguồn: Hanoi Metro", "[Video: VTV]",
    "Ảnh minh họa", "Photo:", "Image: ", "Photos ", "ABC/XYZ PHOTO Jane Doe Roe", "", "(Photo", "Anh: a:b",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CREDIT_LINES), min_size=1, max_size=3).map(" ".join),
       st.integers(min_value=0, max_value=260))
def test_credits_searched_one_by_one_answer_as_their_alternation(line: str, pad: int) -> None:
    """``_ends_in_credit`` asks each built-in credit pattern alone: it must answer as the search
    of their alternation, also where the window (``WINDOW``) cuts the line."""
    options = _options()
    text = "x" * pad + " " + line
    assert options.credit_parts is not None
    assert _ends_in_credit(options, text) == (
        search_end(options.credit_regex, options.credit_prefilter, text) is not None)


def test_built_in_credit_patterns_hold_no_group_a_back_reference_could_name() -> None:
    parts = _options().credit_parts
    assert parts is not None and len(parts) == len(_options().caption_credits)
    assert all(re.compile(part.pattern).groups == 0 for part in parts)


def test_a_users_credit_pattern_is_searched_whole_under_its_time_limit(tmp_path: Path) -> None:
    config = config_with(tmp_path, extend_caption_credits=[r"\(Ảnh chụp\)\s*$"])
    rule = next(r for r in config.rules_for("<t>") if r.id == RULE)
    assert rule.options.credit_parts is None
    text = article("Tàu điện ở ga Cát Linh lúc sáng sớm (Ảnh chụp)")
    assert spans(text, lint(text, RULE, config=config)) == ["Tàu điện ở ga Cát Linh lúc sáng sớm (Ảnh chụp)"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab \t\u00a0\u3000", min_size=0, max_size=3), min_size=0, max_size=120)
       .map("".join))
def test_a_line_too_short_for_more_than_a_blurbs_words_is_not_split(line: str) -> None:
    """``article_continues`` splits only lines longer than twice ``_BLURB_MAX_WORDS``: more
    words than that need that many characters and a space between each two."""
    bound = _BLURB_MAX_WORDS
    if len(line) <= 2 * bound:
        assert len(line.split(None, bound)) <= bound


def test_a_paragraph_of_just_over_a_blurbs_words_continues_the_article() -> None:
    """The shortest line with more words than a blurb (one letter each, one space between)
    is long enough to be split, and tells an inline related box from a section."""
    bound = _BLURB_MAX_WORDS
    tightest = " ".join(["a"] * (bound + 1))
    assert len(tightest) == 2 * bound + 1
    doc = Document("<t>", f"Title\n\nRELATED NEWS\n\n{tightest}\n")
    assert article_continues(doc, 2)
    assert not article_continues(Document("<t>", f"Title\n\nRELATED NEWS\n\n{tightest[:-2]}\n"), 2)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAhoPt Ảnh\n", max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_a_probe_holds_a_span_exactly_where_the_literals_alternation_is_found(
        text: str, start: int, end: int) -> None:
    """``Probe.holds`` reads the places of every occurrence (overlapping ones too: "hoto"
    inside "Photo") found once: it must answer as the search of the literals' alternation in
    the span did."""
    atoms = ("Photo", "hoto", "Anh", "Ảnh", "a a")
    probe = _occurrences(text, atoms)
    alternation = re.compile("|".join(map(re.escape, atoms)))
    assert probe.holds(start, end) == (alternation.search(text, start, end) is not None)


# ----- whether a document may match, told from its literals ----------------------------------
_GATE_ALPHABET = "xemthôàđỌĐÔÀEMTH\u212a\u0130\u0131\u017f \n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_GATE_ALPHABET, max_size=40))
def test_may_match_answers_as_the_probe(text: str) -> None:
    """``LiteralGate.may_match`` answers from the document's literals without finding their
    places: it must say what ``probe`` says, for a lower-cased gate (letters of ``CASE_PAIRS``
    in either case, the Kelvin sign and dotted capital I that lower-case to ASCII, the
    characters that open it) and for a gate of literals as written."""
    options = _options()
    doc = Document("<t>", text)
    for gate, literals in ((options.read_more_words, options.lowered_literals),
                           (options.link_tail_gate, options.lowered_literals),
                           (options.promo_gate, options.lowered_literals),
                           (options.credit_gate, options.literals),
                           (_gate("xem thêm|đọc", re.IGNORECASE), DocumentLiterals(
                               (_gate("xem thêm|đọc", re.IGNORECASE),), lowered=True)),
                           (_gate("THÊM|ôm"), DocumentLiterals((_gate("THÊM|ôm"),)))):
        assert gate.may_match(doc, literals) == (gate.probe(doc, literals) is not None), gate
        assert gate.may_match(doc, literals) == (gate.probe(doc) is not None), gate


@pytest.mark.parametrize(("line", "found"), [
    ("Xem THÊM: giá vàng tăng", True), ("XEM THÊM: GIÁ VÀNG", True), ("Read More » Hà Nội", True),
    ("Tin liên quan: Hà Nội", True), ("xem them: hà nội", False), ("Đọc: thêm tin", False),
])
def test_the_read_more_gate_passes_every_read_more_line(line: str, found: bool) -> None:
    """A document without a read-more line's words is not matched line by line: the gate is
    read from the built-in pattern's words, in any case."""
    options = _options()
    doc = Document("<t>", f"Title\n\n{line}\n")
    assert options.read_more_words.may_match(doc, options.lowered_literals) == found
    assert (options.read_more_regex.match(line) is not None) <= found


def test_a_users_read_more_pattern_opens_its_gate(tmp_path: Path) -> None:
    config = config_with(tmp_path, extend_read_more=[r"đọc tiếp\s*:\s*\S"])
    rule = next(r for r in config.rules_for("<t>") if r.id == RULE)
    assert rule.options.read_more_words.may_match(Document("<t>", "Title\n"), rule.options.lowered_literals)
    text = article("Đọc tiếp: Hà Nội mở thêm tuyến xe buýt")
    assert spans(text, lint(text, RULE, config=config)) == ["Đọc tiếp: Hà Nội mở thêm tuyến xe buýt"]


@pytest.mark.parametrize("ending", ["Read the full story", "[xem thêm]", "Xem chi tiết bài viết",
                                    "READ THE FULL ARTICLE"])
def test_link_text_passes_the_document_gate(ending: str) -> None:
    text = article(f"Officials opened two more stations on the line this week. {ending}")
    messages = [f.message.split(":")[0] for f in lint(text, RULE)]
    assert messages == ["link text glued to the end of the paragraph"]


_GLUED_PIECES = ["(", "[", ")", "]", " ", ":", "Photo", "Photos", "PHOTO", "Ảnh", "ẢNH", "Anh", "Image",
                 "Video", "VNA", "/", "VNS", "x", "Hà Nội", "Ph", "oto", "A", "nh", "Ả"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_GLUED_PIECES), max_size=14).map("".join))
def test_every_glued_credit_holds_one_of_its_words(text: str) -> None:
    """A document that holds none of ``GLUED_CREDIT_WORDS`` is not searched line by line for a
    caption glued to the dateline: every match of its credit pattern holds one of them."""
    if _GLUED_CREDIT.search(text) is not None:
        assert any(word in text for word in GLUED_CREDIT_WORDS)


@pytest.mark.parametrize("line", [
    "Tàu điện trên cầu cạn (Ảnh: Minh Anh)Hà Nội (VNA) - Tuyến metro mới chở khách",
    "Trains at dawn on the new line. VNA/VNS Photo Minh Anh HÀ NỘI — The second metro line",
])
def test_a_glued_caption_passes_the_document_gate(line: str) -> None:
    text = f"{TITLE}\n\n{line} opened on Monday.\n\n{P1}\n\n{P2}\n"
    assert [f.message.split(":")[0] for f in lint(text, RULE)] == ["photo caption glued to the dateline"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ .“”—…ăĐé²½\u00a0\u3000x", max_size=30))
def test_a_letter_outside_ascii_is_found_as_a_scan_of_every_character_finds_it(text: str) -> None:
    assert _letter_outside_ascii(text) == (not all(c.isascii() for c in text if c.isalpha()))
