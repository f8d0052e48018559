"""duplicate-block: repeated paragraph blocks, exact (safe fix) and near (unsafe fix).

All article text here is written for these tests or taken from the seeds.
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.config import Config
from lint_news.core.document import Document
from lint_news.core.model import Applicability, Finding
from lint_news.kinds.duplicate_block import Options, _sharing, _title_without_tail
from lint_news.kinds.duplicate_block.align import (
    all_printable,
    common_prefix,
    flatten,
    paragraph_key,
)
from lint_news.text.paragraphs import paragraph_keys

from ..conftest import RAW_SEEDS, fix, lint, make_config, spans

RULE = "duplicate-block"
SEED_000 = (RAW_SEEDS / "000_4a8ceda156b61973.txt").read_text(encoding="utf-8")
SEEDS = sorted(RAW_SEEDS.glob("*.txt"))

P1 = "Hà Nội has opened a new metro line that links the old quarter with the western suburbs."
P2 = "The city says forty thousand passengers used the line on its first weekend of service."
P3 = "Officials plan two more lines by 2030, funded partly by loans from Japan and the ADB."
P4 = "Residents welcomed the trains but asked for more bus connections at the outer stations."
LONG = ("The report, published on Tuesday by the Ministry of Planning and Investment, finds that "
        "foreign direct investment rose by a fifth in the first half of the year, led by electronics "
        "makers moving production from China to the northern provinces.")


def config_with(tmp_path: Path, **options: object) -> Config:
    body = json.dumps({"rules": {RULE: {k.replace("_", "-"): v for k, v in options.items()}}},
                      ensure_ascii=False)
    return make_config(RULE, tmp=tmp_path, yaml_text=body)


def rows(text: str, finding: Finding) -> tuple[int, int]:
    doc = Document("<t>", text)
    return doc.position(finding.start)[0], doc.position(finding.end)[0]


# ----- seed 000 -------------------------------------------------------------------------
def test_seed_000_related_items_repeated_once_found_with_range() -> None:
    findings = lint(SEED_000, RULE)
    assert len(findings) == 1
    finding = findings[0]
    assert rows(SEED_000, finding) == (81, 99)
    assert "lines 81–99 repeat lines 31–49" in finding.message
    assert "3 related-news items" in finding.message
    assert "THANH TUẤN" in finding.message  # says what differs
    # the three repeated items: each headline and blurb of the copy is inside the span
    copy = spans(SEED_000, findings)[0]
    for headline in ("General Secretary To Lam visits and works in Gia Lai province",
                     "Speech by General Secretary To Lam at the meeting with intellectuals and scientists",
                     "Proposing the US to remove restrictions on high-tech exports to Vietnam"):
        assert copy.count(headline) == 1
        assert SEED_000.count(headline) == 2


def test_seed_000_near_copy_is_unsafe_and_removed_exactly() -> None:
    finding = lint(SEED_000, RULE)[0]
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fix(SEED_000, RULE) == SEED_000  # safe fixes only: left for a person
    lines = SEED_000.split("\n")
    expected = "\n".join(lines[:79])  # lines 1–79; the file has no final newline, nor will it
    assert fix(SEED_000, RULE, unsafe=True) == expected


def test_seed_000_with_bylines_restored_is_an_exact_copy_and_safe() -> None:
    text = SEED_000.replace("THANH TUẤN |", "|").replace("Thanh Hà |", "|")
    finding = lint(text, RULE)[0]
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert "near" not in finding.message
    assert fix(text, RULE) == "\n".join(text.split("\n")[:79])


@pytest.mark.parametrize("seed", [p for p in SEEDS if p.name[:3] not in ("000", "004")],
                         ids=lambda p: p.name[:3])
def test_other_seeds_are_silent(seed: Path) -> None:
    assert lint(seed.read_text(encoding="utf-8"), RULE) == []


SEED_004 = next(p for p in SEEDS if p.name.startswith("004")).read_text(encoding="utf-8")
TITLE_004 = "Party chief Tô Lâm receives US Senator"


def test_seed_004_title_copy_under_a_spammed_title_is_one_safe_finding() -> None:
    findings = lint(SEED_004, RULE)
    assert len(findings) == 1 and spans(SEED_004, findings) == [TITLE_004]
    assert rows(SEED_004, findings[0]) == (2, 2)
    assert "without '_soi kèo slovakia'" in findings[0].message
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.SAFE


def test_seed_004_safe_fixes_of_all_rules_leave_one_title_and_are_clean_again() -> None:
    """Through the public API with every default rule: seo-spam cleans the title and this
    rule removes its copy in the same pass, so the file keeps one title."""
    from lint_news import fix_text, lint_text

    fixed = fix_text(SEED_004)
    lines = fixed.split("\n")
    assert lines[0] == TITLE_004 and lines[1].startswith("March 20,")
    assert fixed.count(TITLE_004) == 1
    assert fix_text(fixed) == fixed
    again = lint_text(fixed)
    assert [f for f in again if f.rule == RULE] == []
    assert [f for f in again if f.fix is not None and f.fix.applicability is Applicability.SAFE] == []


@pytest.mark.parametrize("text", [
    # a title printed twice as it is: pages do this, and seo-spam reads the copy as proof
    "Hà Nội opens its second metro line\nHà Nội opens its second metro line\n" + P1,
    # a subtitle or site name set off by spaces is the page's own title
    "Hà Nội opens its second metro line - VnExpress\nHà Nội opens its second metro line\n" + P1,
    "GovTech fund backs VinFast chargers | Business\nGovTech fund backs VinFast chargers\n" + P1,
    # a shortened headline is not a copy (the cut would split the title's words)
    "Hà Nội opens its second metro line today\nHà Nội opens its second metro line\n" + P1,
    "PetroVietnam profits rises\nPetroVietnam profits rise\n" + P1,
])
def test_titles_printed_twice_by_the_page_are_silent(text: str) -> None:
    assert lint(text, RULE) == []


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_fixes_are_idempotent(seed: Path) -> None:
    once = fix(seed.read_text(encoding="utf-8"), RULE, unsafe=True)
    assert fix(once, RULE, unsafe=True) == once
    assert lint(once, RULE) == []


# ----- positives and exact fixes --------------------------------------------------------
def test_blank_line_layout_copy_in_the_middle_is_removed_with_its_blank_lines() -> None:
    text = f"Metro opens\n\n{P1}\n\n{P2}\n\n{P1}\n\n{P2}\n\n{P3}\n"
    findings = lint(text, RULE)
    assert [rows(text, f) for f in findings] == [(7, 9)]
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.SAFE
    assert fix(text, RULE) == f"Metro opens\n\n{P1}\n\n{P2}\n\n{P3}\n"


def test_no_blank_line_layout_copy_right_after_itself() -> None:
    text = f"Metro opens\n{P1}\n{P2}\n{P3}\n{P1}\n{P2}\n{P3}\n{P4}"
    findings = lint(text, RULE)
    assert [rows(text, f) for f in findings] == [(5, 7)]
    assert fix(text, RULE) == f"Metro opens\n{P1}\n{P2}\n{P3}\n{P4}"


@pytest.mark.parametrize("final", ["", "\n"])
def test_copy_at_the_end_keeps_the_final_newline_as_it_was(final: str) -> None:
    text = f"Metro opens\n\n{P1}\n\n{P2}\n\n{P3}\n\n{P2}\n\n{P3}{final}"
    assert fix(text, RULE) == f"Metro opens\n\n{P1}\n\n{P2}\n\n{P3}{final}"


def test_crlf_file() -> None:
    text = f"Metro opens\r\n\r\n{P1}\r\n\r\n{P2}\r\n\r\n{P1}\r\n\r\n{P2}\r\n\r\n{P3}\r\n"
    assert fix(text, RULE) == f"Metro opens\r\n\r\n{P1}\r\n\r\n{P2}\r\n\r\n{P3}\r\n"


def test_whitespace_differences_still_make_an_exact_copy() -> None:
    text = f"Metro opens\n\n{P1}\n\n{P2}\n\n{P3}\n\n  {P1.replace(' ', '  ')}\n\n{P2} \n"
    finding = lint(text, RULE)[0]
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert fix(text, RULE) == f"Metro opens\n\n{P1}\n\n{P2}\n\n{P3}\n"


def test_near_copy_with_an_edit_is_unsafe_and_says_what_differs() -> None:
    edited = P2.replace("forty", "fourty")
    text = f"Metro opens\n\n{P1}\n\n{P2}\n\n{P3}\n\n{P1}\n\n{edited}\n"
    finding = lint(text, RULE)[0]
    assert rows(text, finding) == (9, 11)
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert "line 11" in finding.message and "line 5" in finding.message
    assert fix(text, RULE) == text
    assert fix(text, RULE, unsafe=True) == f"Metro opens\n\n{P1}\n\n{P2}\n\n{P3}\n"


def test_case_difference_is_a_near_copy() -> None:
    text = f"Metro opens\n{P1}\n{P2}\n{P3}\n{P1.upper()}\n{P2}"
    finding = lint(text, RULE)[0]
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE


def test_a_block_repeated_three_times_reports_both_later_copies() -> None:
    text = f"Metro opens\n{P1}\n{P2}\n{P1}\n{P2}\n{P1}\n{P2}\n{P3}"
    findings = lint(text, RULE)
    assert [rows(text, f) for f in findings] == [(4, 5), (6, 7)]
    assert fix(text, RULE) == f"Metro opens\n{P1}\n{P2}\n{P3}"


def test_related_box_repeated_with_its_heading_in_vietnamese() -> None:
    items = ["Giá xăng giảm lần thứ ba liên tiếp", "|",
             "Giá xăng RON95 giảm 500 đồng mỗi lít từ chiều nay.",
             "Hà Nội mở thêm tuyến buýt điện", "|",
             "Tuyến mới nối Long Biên với Gia Lâm, chạy 15 phút một chuyến."]
    box = "\n\n".join(["TIN LIÊN QUAN", *items])
    text = f"Tàu điện Nhổn - ga Hà Nội chạy thử\n\n{P1}\n\n{box}\n\n{box}"
    finding = lint(text, RULE)[0]
    assert spans(text, [finding]) == [box]
    assert fix(text, RULE) == f"Tàu điện Nhổn - ga Hà Nội chạy thử\n\n{P1}\n\n{box}"


def test_a_single_long_paragraph_repeat_is_reported() -> None:
    text = f"Investment report\n{LONG}\n{P1}\n{P2}\n{LONG}"
    findings = lint(text, RULE)
    assert [rows(text, f) for f in findings] == [(5, 5)]
    assert fix(text, RULE) == f"Investment report\n{LONG}\n{P1}\n{P2}"


def test_one_long_paragraph_printed_twice_in_a_row_is_the_template_and_silent() -> None:
    """Pages print the standfirst again as the first body paragraph, and a photo story its
    captions twice: one paragraph twice in a row is the page's layout, not a scraper's."""
    assert lint(f"Investment report\n{LONG}\n{LONG}\n{P1}\n{P2}", RULE) == []
    assert lint(f"Investment report\n\n{LONG}\n\n{LONG}\n\n{P1}\n\n{P2}\n", RULE) == []


def test_two_short_paragraphs_at_the_end_are_reported() -> None:
    short1 = "Talks resume on Monday in Geneva after a pause of three weeks."
    short2 = "Both sides sent their deputy ministers and a dozen advisers to the table."
    text = f"Talks\n{P1}\n{short1}\n{short2}\n{P3}\n{P4}\n{short1}\n{short2}\n"
    assert [rows(text, f) for f in lint(text, RULE)] == [(7, 8)]


def test_two_short_paragraphs_before_a_related_box_at_the_end_are_reported() -> None:
    short1 = "Talks resume on Monday in Geneva after a pause of three weeks."
    short2 = "Both sides sent their deputy ministers and a dozen advisers to the table."
    box = ["RELATED NEWS", "Flood warnings issued for three central provinces", "|",
           "Heavy rain is expected to last until the end of the week across the central region.",
           "Rice exports rise for the fourth month", "|",
           "Shipments to the Philippines and Indonesia drove the increase, according to customs data."]
    text = "\n\n".join(["Talks", P1, short1, short2, P3, P4, short1, short2, *box])
    findings = lint(text, RULE)
    assert [rows(text, f) for f in findings] == [(13, 15)]


# ----- negatives ------------------------------------------------------------------------
def test_repeated_title_line_is_not_reported() -> None:
    text = f"Party chief Tô Lâm receives US Senator\nParty chief Tô Lâm receives US Senator\n{P1}\n{P2}"
    assert lint(text, RULE) == []


def test_a_caption_line_repeated_is_not_reported() -> None:
    caption = "Hành khách xếp hàng chờ lên tàu tại ga Cát Linh sáng 6/11."
    text = f"Metro opens\n{P1}\n{caption}\n{P2}\n{P3}\n{caption}\n{P4}"
    assert lint(text, RULE) == []


def test_two_short_captions_reprinted_mid_body_are_not_reported() -> None:
    lead = "Cuốn sổ tay dày 80 trang, ghi lại toàn bộ lịch sử ngôi làng qua ba thế kỷ."
    caption = "Những trang viết tay được trình bày bằng mực nhiều màu."
    body = ["Thầy giáo bắt đầu ghi chép từ năm 2009, khi về dạy ở trường làng ven biển Quảng Trị.",
            "Mỗi tối, thầy dành hai giờ để hỏi chuyện các cụ cao niên và chép lại những điều được kể.",
            "Học sinh của thầy cũng góp sức, mang đến trường những tấm ảnh cũ và giấy tờ của gia đình.",
            "Năm ngoái, cuốn sổ được một nhà xuất bản ở Huế đề nghị in thành sách để phát hành rộng rãi.",
            "Thầy nói sẽ dành toàn bộ tiền nhuận bút để mua sách cho thư viện của trường."]
    text = "\n".join(["Cuốn sổ tay của thầy giáo làng", "2020-11-01", lead, caption, *body[:3],
                      lead, caption, *body[3:]])
    assert lint(text, RULE) == []


def test_a_sentence_quoted_twice_on_purpose_is_not_reported() -> None:
    quote = "“We will not give up,” she said."
    text = f"Flood relief\n{P1}\n{quote}\n{P2}\n{P3}\n{quote}\n{P4}"
    assert lint(text, RULE) == []


def test_a_list_with_repeated_short_items_is_not_reported() -> None:
    text = "Opening hours\nMonday: 8–17\nTuesday: 8–17\nWednesday: closed\nMonday: 8–17\nTuesday: 8–17\n"
    assert lint(text, RULE) == []


def test_related_box_with_only_separator_lines_in_common_is_not_reported() -> None:
    text = "\n\n".join(["Metro opens", P1, "RELATED NEWS", "Headline one", "|", "Blurb one is here.",
                       "Headline two", "|", "Blurb two is there."])
    assert lint(text, RULE) == []


def test_different_paragraphs_are_not_near_copies() -> None:
    text = f"Metro opens\n{P1}\n{P2}\n{P3}\n{P4}\n{P1.replace('western', 'eastern')[:40]}"
    assert lint(text, RULE) == []


def test_clauses_of_two_circulars_that_differ_in_numbers_are_not_copies() -> None:
    """Two regulations of one template share most words; their numbers make them two texts."""
    first = ["Circular 12/2024/TT-BTC takes effect on July 1, 2024 and requires every firm to file "
             "its tax report through the online portal within 30 days of the quarter's end.",
             "Firms that file late under Circular 12/2024/TT-BTC pay a fine of 2 million đồng for "
             "each report, and the tax office publishes their names on its website."]
    second = [p.replace("12/2024", "18/2024").replace("July 1", "September 15").replace("30 days", "45 days")
              .replace("2 million", "5 million") for p in first]
    text = "\n".join(["Tax reports move online", *first, P1, *second])
    assert lint(text, RULE) == []


def test_paragraphs_that_differ_in_names_are_not_copies() -> None:
    first = ["Minister of Finance Nguyễn Văn Thắng told the National Assembly on Tuesday that the "
             "budget deficit would stay within the limit set for this year.",
             "Minister of Finance Nguyễn Văn Thắng said spending on roads and railways would rise "
             "as planned, with most projects starting before the end of the year."]
    second = [p.replace("Nguyễn Văn Thắng", "Hồ Đức Phớc") for p in first]
    text = "\n".join(["Ministers answer questions", *first, P1, *second])
    assert lint(text, RULE) == []


def test_gallery_captions_that_open_with_the_same_title_are_not_copies() -> None:
    title = "Floods cut off villages in the northern highlands ảnh "
    captions = [title + "1Rescue teams wade through a flooded street in Sa Pa town, Lào Cai (Photo: VNA)",
                title + "2Floodwater covers about 300ha of rice in Yên Bái province (Photo: VNA)",
                title + "3Soldiers carry food to families stranded in Bảo Yên district (Photo: VNA)",
                title + "4A landslide blocks National Highway 70 near the town (Photo: VNA)",
                title + "5Rescue teams wade through a flooded street in Bắc Hà town, Lào Cai (Photo: VNA)",
                title + "6Floodwater covers about 500ha of rice in Yên Bái province (Photo: VNA)"]
    text = "\n".join(["Floods cut off villages in the northern highlands", P1, P2, *captions, "VNA"])
    assert lint(text, RULE) == []


@pytest.mark.parametrize("edit", [
    lambda p: p.replace("first weekend", "frist weekend"),  # a slip of one word
    lambda p: p + " (Photo: VNA)",  # a credit added to one copy
])
def test_a_near_copy_with_a_small_edit_is_still_found(edit: Callable[[str], str]) -> None:
    text = f"Metro opens\n{P1}\n{P2}\n{P3}\n{P1}\n{edit(P2)}\n"
    findings = lint(text, RULE)
    assert len(findings) == 1 and "near-repeated" in findings[0].message


def test_title_and_standfirst_printed_again_at_the_end_across_two_short_lines() -> None:
    """A forum template prints the poster's name twice between the title and the standfirst;
    the page repeats title and standfirst at its end. Two short lines are bridged."""
    title = "Hà Nội opens its second metro line"
    standfirst = "The new line links the old quarter with the western districts, and more lines follow."
    lines = [title, "minhanh", "minhanh", standfirst, P1, P2, title, standfirst]
    text = "\n\n".join(lines)
    findings = lint(text, RULE)
    assert len(findings) == 1 and rows(text, findings[0]) == (13, 15)
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.UNSAFE
    assert fix(text, RULE, unsafe=True) == "\n\n".join(lines[:6])


# ----- options --------------------------------------------------------------------------
def test_long_paragraph_option(tmp_path: Path) -> None:
    text = f"Metro opens\n{P1}\n{P2}\n{P3}\n{P1}"
    assert lint(text, RULE) == []
    assert len(lint(text, RULE, config=config_with(tmp_path, long_paragraph=50))) == 1


def test_min_chars_option(tmp_path: Path) -> None:
    text = "Opening hours\nMonday: 8–17\nTuesday: 8–17\nWednesday: closed\nMonday: 8–17\nTuesday: 8–17\n"
    assert len(lint(text, RULE, config=config_with(tmp_path, min_chars=10))) == 1


def test_similarity_one_turns_off_near_copies(tmp_path: Path) -> None:
    text = f"Metro opens\n{P1}\n{P2}\n{P3}\n{P4}\n{P1}\n{P2.replace('forty', 'fourty')}\n{P3}"
    assert len(lint(text, RULE)) == 1
    assert lint(text, RULE, config=config_with(tmp_path, similarity=1.0)) == []


def test_invalid_similarity_is_a_config_error(tmp_path: Path) -> None:
    from lint_news.core.errors import ConfigError

    with pytest.raises(ConfigError, match="similarity"):
        config_with(tmp_path, similarity=0.1)


# ----- cost -----------------------------------------------------------------------------
def test_large_file_stays_fast() -> None:
    paragraphs = [f"Paragraph {n} of a long file, about item {n * 7 % 1000} and topic {n % 37}."
                  for n in range(20000)]
    text = "\n\n".join(paragraphs + paragraphs[:500] + ["|"] * 2000 + ["same line"] * 3000)
    started = time.perf_counter()
    findings = lint(text, RULE)
    assert time.perf_counter() - started < 10
    assert findings


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([" ", "a", "b", "\t", "\ufeff", "\u00a0", "\u2028", "\x1c", "\u200b",
                                         "\u3000", "\x85", "\u1680", "\r"]), max_size=12))
def test_flatten_fast_path_is_the_plain_normalisation(text: str) -> None:
    assert flatten(text) == " ".join(text.lstrip("\ufeff").split())


_PIECES = st.sampled_from([" ", "a", "B", "\t", "\ufeff", "\u00a0", "\x1c", "\u200b", "\x85", "\r",
                           "\u0110", "\u1ec7", "e\u0302\u0323", "\u00df", "\u0130"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=8).map("".join), max_size=5))
def test_flatten_and_key_with_what_the_file_says(lines: list[str]) -> None:
    doc = Document("<t>", "\n".join(lines))
    printable = all_printable(doc)
    for line in doc.lines:
        assert not printable or line.text.isprintable()
        assert flatten(line.text, printable) == " ".join(line.text.lstrip("\ufeff").split())
        flat = flatten(line.text)
        assert paragraph_key(flat) == unicodedata.normalize("NFC", flat).casefold()


# ----- the quick path: nothing shared, nothing aligned -----------------------------------------
def _options() -> Options:
    rule = make_config(RULE).rule(RULE)
    assert rule is not None
    options: Options = rule.options
    return options


def _shared(text: str) -> set[int]:
    doc = Document("<t>", text)
    return _sharing(doc, _options(), paragraph_keys(doc))


def test_copies_that_share_only_a_start_or_only_an_end_are_still_found() -> None:
    """No key repeats: the first copy is edited at its start (it shares only its end with the
    original), the second at its end (it shares only its start). The quick path must let both
    through."""
    start_edit = P1.replace("has opened", "has now opened")
    end_edit = P2 + " (Photo: VNA)"
    text = f"Metro opens\n{P1}\n{P2}\n{P3}\n{start_edit}\n{end_edit}\n"
    assert _shared(text) == {1, 2, 4, 5}
    findings = lint(text, RULE)
    assert [rows(text, f) for f in findings] == [(5, 6)]
    assert "near-repeated" in findings[0].message


def test_nothing_shared_but_separators_takes_the_quick_path() -> None:
    text = f"Metro opens\n{P1}\n|\n{P2}\n|\n{P3}\nTHANH TUẤN |\n{P4}\n|\n"
    assert _shared(text) == set()
    assert lint(text, RULE) == []


def test_a_paragraph_shared_across_separators_is_aligned() -> None:
    text = f"Metro opens\n{P1}\n|\n{P2}\n|\n{P3}\n|\n{P1}\n|\n{P2}\n"
    assert _shared(text) == {1, 3, 7, 9}
    assert [rows(text, f) for f in lint(text, RULE)] == [(8, 10)]


def test_short_lines_repeated_are_shared_only_when_equal() -> None:
    # short lines (under the near-copy length) count only as exact repeats, not by their start
    assert _shared("Title\nPhoto: VNA\nBody one.\nPhoto: VNA\n") == {1, 3}
    assert _shared("Title\nPhoto: VNA one\nBody one.\nPhoto: VNA two\n") == set()


@pytest.mark.parametrize("line", ["|", "||", "———", "* * *", "***", "THANH TUẤN |", "| Minh Anh",
                                  "\ufeff | ", "Hà Nội | Việt Nam | 2025", "A line - with a dash",
                                  "Text / more text", P1, "", "VNA"])
def test_separator_prefilter_agrees_with_the_separator_patterns(line: str) -> None:
    options = _options()
    expected = options.separator_regex.fullmatch(line.strip().lstrip("\ufeff").strip()) is not None
    assert options.is_separator(line) is expected


def _title_without_tail_ungated(whole: str, copy: str, title: str) -> str | None:
    """``_title_without_tail`` without its first- and last-character gate (as it was)."""
    if len(copy) < 20 or len(copy.split()) < 3 or len(copy) >= len(whole):
        return None
    head = min(common_prefix(whole, copy), len(copy))
    rest = len(copy) - head
    if rest and whole[len(whole) - rest :] != copy[head:]:
        return None
    piece = whole[head : len(whole) - rest]
    edges = (whole[head - 1 : head + 1], whole[len(whole) - rest - 1 : len(whole) - rest + 1])
    if not piece.strip() or piece != piece.strip() or any(len(e) == 2 and e.isalnum() for e in edges):
        return None
    return title[head : len(whole) - rest] if len(title) == len(whole) else piece


_TITLE_WORDS = st.sampled_from(["Hà", "Nội", "VinFast", "ra", "mắt", "xe", "_soi", "kèo", " ", "-", "mới"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_TITLE_WORDS, min_size=3, max_size=14).map("".join), st.data())
def test_title_copy_gate_changes_no_answer(title: str, data: st.DataObject) -> None:
    """A copy that is the title with a piece cut out starts as the title does or ends as it
    does: the gate on those two characters changes no answer."""
    start = data.draw(st.integers(0, len(title)))
    end = data.draw(st.integers(start, len(title)))
    copy = data.draw(st.sampled_from([title[:start] + title[end:], title[start:end], title[::-1][:end]]))
    whole = title.lower()
    key = copy.lower()
    assert _title_without_tail(whole, key, title) == _title_without_tail_ungated(whole, key, title)
