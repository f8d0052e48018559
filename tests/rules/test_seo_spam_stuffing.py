"""Rule ``seo-spam`` on keyword stuffing: one long line packed with thousands of keywords.

That is what an injection looks like in a scraped page, and the rule once did work for each
keyword in proportion to the number of keywords or to the line (100 KB: 40 s to minutes).
The work must grow linearly; the helpers that replaced the per-keyword reading of the line
must answer as the expressions they replaced. Every text here is written for this suite.
"""

from __future__ import annotations

import re
import sys
import time
from itertools import pairwise
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.config import load_config
from lint_news.core.document import Document, Line
from lint_news.kinds.seo_spam import Options
from lint_news.kinds.seo_spam.context import _Context
from lint_news.kinds.seo_spam.evidence import _LineText, _mentions_topic, _topic_outside
from lint_news.kinds.seo_spam.fixes import _TRAILING_SEPARATOR, _mend
from lint_news.kinds.seo_spam.options import _Element
from lint_news.kinds.seo_spam.patterns import _ASCII_WORD, _LETTERS, _SPACE_CLASS
from lint_news.kinds.seo_spam.runs import _drop_overlaps, _Run
from lint_news.kinds.seo_spam.spans import _Fragments
from lint_news.text import sentences
from lint_news.text.urls import ADDRESS
from lint_news.text.vietnamese import VIETNAMESE_ONLY

from ..conftest import lint, spans

RULE = "seo-spam"
HEAD = "Tin nhanh\nNgày 12/03/2024\n\n"
BODY = "\nGiá lúa gạo tại đồng bằng ổn định.\nNông dân phấn khởi vì được mùa.\nThương lái thu mua đều.\n"

# One stuffed line each, as ``unit * hits``: keywords glued into one token, glued after a
# comma, glued inside letters, one sales phrase after another (on a topic the article never
# names), a brand and a number.
STUFFING = {
    "glued-brands": "tinfb88",
    "after-commas": "Tin mới,fb88 ",
    "inside-letters": "tinkubettin",
    "sales-phrases": "fb88 uy tín, ",
    "brand-and-year": "fb88 2024 ",
}


def _options() -> Options:
    rule = load_config(isolated=True).rule(RULE)
    assert rule is not None
    options: Options = rule.options
    return options


def _stuffed(unit: str, hits: int) -> str:
    return HEAD + "Giá vàng. " + unit * hits + " xong.\n" + BODY


def _calls(text: str) -> int:
    """Function calls (Python and built-in) made to lint ``text``: the work, counted."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        lint(text, RULE)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("unit", STUFFING.values(), ids=STUFFING.keys())
def test_work_grows_linearly_with_the_keywords_on_a_line(unit: str) -> None:
    lint(_stuffed(unit, 10), RULE)  # (patterns compile and word lists load once)
    small, large = _calls(_stuffed(unit, 300)), _calls(_stuffed(unit, 1200))
    # linear: about 4 times the calls for 4 times the keywords; the quadratic code made 8 to 16
    assert large < 5 * small, (small, large)


def test_a_stuffed_line_of_100_kb_is_checked_in_a_moment() -> None:
    text = HEAD + "tinfb88" * 15_000 + "\n"  # about 40 s before
    started = time.perf_counter()
    findings = lint(text, RULE)
    assert time.perf_counter() - started < 10
    assert len(findings) == 1 and "spam line" in findings[0].message


def test_stuffed_lines_are_still_reported_phrase_by_phrase() -> None:
    text = _stuffed("Tin mới,fb88 ", 50)
    assert spans(text, lint(text, RULE)) == ["fb88"] * 50
    clean = HEAD + "Giá vàng, iPhone và PetroVietnam; GovTech tăng trưởng mạnh. " * 300 + "\n" + BODY
    assert lint(clean, RULE) == []


# ----- the helpers answer as the expressions they replaced --------------------------------
_PIECES = [
    "fb88", "soi kèo", "tin", "Tin", "mới", "Ngày", "iPhone", "eSports", "chàoMừng", "ôLâ", "ĐÀ", "the",
    "news", "x.com", "a@b.vn", "http", "://", "2024", "12/03", " ", "  ", "\u00a0", "\t", ",", ";", ".",
    ". ", "(", ")", '"', "“", "»", "_", "|", "-", "Mr", "U.S", "ß", "Σ", "İ", "²",
]  # fmt: skip

lines_and_runs = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).flatmap(
    lambda pieces: st.tuples(
        st.just("".join(pieces)),
        st.integers(0, len("".join(pieces)) - 1),
        st.integers(1, len("".join(pieces))),
    )
)


def _line_and_run(line_text: str, a: int, b: int) -> tuple[str, Line, _Run]:
    text = "Title\n" + line_text + "\nEnd\n"
    doc = Document("<test>", text)
    line = doc.lines[1]
    start, end = line.start + min(a, b - 1), line.start + max(b, a + 1)
    return text, line, _Run(line, [_Element(start, end, "kw")])


@settings(max_examples=1500, deadline=None)
@given(lines_and_runs)
def test_line_text_answers_as_the_cut_out_line_did(case: tuple[str, int, int]) -> None:
    text, line, run = _line_and_run(*case)
    view = _LineText(text, line)
    before, after = text[line.start : run.start], text[run.end : line.end]
    outside = before + " " + after
    accented = sum(
        1 for word in _LETTERS.findall(outside)
        if not word.isascii() and word == word.lower() and VIETNAMESE_ONLY.search(word)
    )
    assert view.outside_words(run) == (accented, len(_ASCII_WORD.findall(outside)))
    assert view.vietnamese_outside(run) == len(VIETNAMESE_ONLY.findall(outside))
    head = before.rsplit(None, 1)[-1] if before.strip() and not before[-1].isspace() else ""
    tail = after.split(None, 1)[0] if after.strip() and not after[0].isspace() else ""
    assert view.in_address(run) is (ADDRESS.search(head + "x" + tail) is not None)
    assert view.outside_stripped_length(run) == len(outside.strip())
    assert view.last_before(run) == before.rstrip()[-1:]
    assert view.first_after(run) == after.lstrip()[:1]
    assert (run.end >= view.content_end) is (after.strip() == "")
    sentence_end = sentences.follows_sentence_end(before)
    assert sentences.follows_sentence_end(text, line.start, run.start) is sentence_end
    assert sentences.starts_sentence(text, run.end, line.end) is sentences.starts_sentence(after)



def _debris(text: str, line: Line, start: int) -> str:
    """``_Fragments.debris`` read directly, back from ``start`` each time (what seo-spam did
    before, quadratic on a stuffed line): the reference its counts must agree with."""
    frag_start = start
    while frag_start > line.start and text[frag_start - 1].isalnum():
        frag_start -= 1
    fragment = text[frag_start:start]
    if not fragment or any(c.isdigit() for c in fragment) or not fragment[0].islower():
        return ""
    if len(fragment) >= 4 and fragment[1].isupper() and fragment[2:].islower():
        return ""  # "iPhone", "eSports": a brand written with one inner capital
    before = text[frag_start - 1] if frag_start > line.start else ""
    mixed = any(a.islower() and b.isupper() for a, b in pairwise(fragment))
    return fragment if (before != "" and before in ",;") or mixed else ""

@settings(max_examples=1500, deadline=None)
@given(lines_and_runs)
def test_fragments_answer_as_debris(case: tuple[str, int, int]) -> None:
    text, line, _ = _line_and_run(*case)
    fragments = _Fragments(text, line)
    for start in range(line.start, line.end + 1):
        assert fragments.debris(start) == _debris(text, line, start)


def _old_mend(text: str, line: Line, start: int, end: int) -> tuple[int, int, str]:
    """``fixes._mend`` as it was, reading copies of the line on either side of the phrase."""
    left = text[line.start : start]
    right = text[end : line.end]
    if not right.strip():
        end = line.end
        start = line.start + len(left.rstrip())
        separator = _TRAILING_SEPARATOR.search(text[line.start : start])
        if separator is not None and text[line.start : line.start + separator.start()].strip():
            start = line.start + separator.start()
        return start, end, ""
    if not left or left[-1] in _SPACE_CLASS:
        if right[0] in _SPACE_CLASS:
            end += len(right) - len(right.lstrip(_SPACE_CLASS))
        elif left and not right[0].isalnum():
            start -= len(left) - len(left.rstrip(_SPACE_CLASS))
        return start, end, ""
    if right[0].isalnum() and left[-1].isalnum():
        return start, end, " "
    return start, end, ""


@settings(max_examples=1500, deadline=None)
@given(lines_and_runs)
def test_mend_answers_as_before(case: tuple[str, int, int]) -> None:
    text, line, run = _line_and_run(*case)
    assert _mend(text, line, run.start, run.end) == _old_mend(text, line, run.start, run.end)


_KINDS = ["kw", "brand", "name", "aux", "num"]


def _old_drop_overlaps(elements: list[_Element]) -> list[_Element]:
    rank = {"kw": 0, "brand": 0, "name": 1, "aux": 2, "num": 3}
    ordered = sorted(elements, key=lambda e: (rank[e.kind], -(e.end - e.start), e.start))
    kept: list[_Element] = []
    for element in ordered:
        if not any(element.start < k.end and k.start < element.end for k in kept):
            kept.append(element)
    return sorted(kept, key=lambda e: e.start)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6), st.sampled_from(_KINDS))))
def test_drop_overlaps_keeps_what_it_kept(raw: list[tuple[int, int, str]]) -> None:
    elements = [_Element(start, start + length, kind) for start, length, kind in raw]  # (some empty)
    assert _drop_overlaps(elements) == _old_drop_overlaps(elements)


_TOPIC_PIECES = ["nhà cái", "cá độ", "gambling", "sports", "betting", "sportsbetting", "casino", "fb88", "x",
                 " ", "\n", ",", "bóng đá", "vé số", "2024", "tin"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_TOPIC_PIECES), min_size=1, max_size=16), st.data())
def test_topic_outside_answers_as_the_search_without_it(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    ctx = _Context(Document("<test>", text), _options())
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for category in ("betting", "casino", "football", "lottery"):
        expected = _mentions_topic(ctx, [category], ctx.folded[:start] + "\n" + ctx.folded[end:])
        assert _topic_outside(ctx, category, start, end) is expected, category


class _SearchSpy:
    """A topic pattern that notes the length of each text it searches."""

    def __init__(self, pattern: Any, searched: list[int]) -> None:
        self._pattern = pattern
        self._searched = searched

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        self._searched.append(len(string))
        result: re.Match[str] | None = self._pattern.search(string, *args)
        return result

    def finditer(self, string: str) -> Any:
        return self._pattern.finditer(string)


def test_a_stuffed_line_off_topic_searches_no_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = HEAD + "fb88 uy tín, " * 2000 + "\n" + BODY
    ctx = _Context(Document("<test>", text), _options())
    searched: list[int] = []
    spy = _SearchSpy(ctx.options.topic_regex["betting"], searched)
    monkeypatch.setitem(ctx.options.topic_regex, "betting", spy)
    line = ctx.doc.lines[3]
    for start in range(line.start, line.end - 13, 13):
        assert not _topic_outside(ctx, "betting", start, start + 4)
    assert searched and max(searched) < 100  # a window around the phrase, never the text
