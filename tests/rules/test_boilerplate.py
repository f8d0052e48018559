"""boilerplate: page chrome (safe fixes) and captions, labels, related news, tails (unsafe).

All article text here is written for these tests or taken from the seeds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint_news.config import Config
from lint_news.core.document import Document
from lint_news.core.errors import ConfigError
from lint_news.core.model import Applicability, Finding

from ..conftest import RAW_SEEDS, fix, lint, make_config, spans

RULE = "boilerplate"
SEEDS = sorted(RAW_SEEDS.glob("*.txt"))


def seed(prefix: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_text(encoding="utf-8")


def config_with(tmp_path: Path, **options: object) -> Config:
    body = json.dumps({"rules": {RULE: {k.replace("_", "-"): v for k, v in options.items()}}},
                      ensure_ascii=False)
    return make_config(RULE, tmp=tmp_path, yaml_text=body)


def rows(text: str, finding: Finding) -> tuple[int, int]:
    doc = Document("<t>", text)
    return doc.position(finding.start)[0], doc.position(finding.end)[0]


def by_row(text: str, findings: list[Finding]) -> dict[int, list[Finding]]:
    table: dict[int, list[Finding]] = {}
    for finding in findings:
        table.setdefault(rows(text, finding)[0], []).append(finding)
    return table


def applicability(finding: Finding) -> Applicability:
    assert finding.fix is not None
    return finding.fix.applicability


SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE
TITLE = "Hà Nội opens its second metro line"
P1 = "The line links the old quarter with the western suburbs and carries trains every six minutes."
P2 = "City officials said forty thousand passengers used the line on its first weekend of service."
P3 = "Residents welcomed the trains but asked for more bus connections at the outer stations."


def article(*middle: str) -> str:
    return "\n\n".join([TITLE, P1, *middle, P2, P3]) + "\n"


# ----- the seeds ------------------------------------------------------------------------
def test_seed_000_chrome_caption_and_related_section() -> None:
    text = seed("000")
    findings = lint(text, RULE)
    table = by_row(text, findings)
    # byline debris: the dangling separator after the byline, safe to drop
    assert spans(text, table[3]) == [" |"] and applicability(table[3][0]) is SAFE
    # the Vietnamese caption (typed without diacritics) and its English twin: one caption
    assert [rows(text, f) for f in table[17]] == [(17, 18)] and applicability(table[17][0]) is UNSAFE
    # the RELATED NEWS section, from its heading to the end of the file
    assert [rows(text, f) for f in table[29]] == [(29, 99)] and applicability(table[29][0]) is UNSAFE
    # lines holding only "|", and the bylines with a separator in the repeated box
    for row in (33, 39, 47, 53, 59, 65, 71, 77, 89):
        assert spans(text, table[row]) == ["|"] and applicability(table[row][0]) is SAFE
    for row, byline in ((83, "THANH TUẤN |"), (97, "Thanh Hà |")):
        assert spans(text, table[row]) == [" |"]
        assert text.split("\n")[row - 1] == byline
    assert 28 not in table  # "Khánh Minh" alone at the end of the story is a byline


def test_seed_000_safe_fix_keeps_the_section_and_drops_the_separators() -> None:
    text = seed("000")
    fixed = fix(text, RULE)
    assert "RELATED NEWS" in fixed and "\n|" not in fixed and " |" not in fixed
    assert "Khánh Minh\n\nGeneral Secretary To Lam affirmed" in fixed
    item = "General Secretary To Lam visits and works in Gia Lai province"
    assert f"{item}\n\nGeneral Secretary To Lam emphasized" in fixed


def test_seed_000_unsafe_fix_cuts_the_section() -> None:
    fixed = fix(seed("000"), RULE, unsafe=True)
    assert fixed.endswith("support Vietnam to achieve its goals.\n\nKhánh Minh")
    assert "Photo: VNA" not in fixed and "Anh: TTXVN" not in fixed


def test_seed_001_label_counter_and_captions() -> None:
    text = seed("001")
    table = by_row(text, lint(text, RULE))
    assert sorted(table) == [1, 4, 10, 20]
    assert spans(text, table[1]) == ["FOREIGN RELATION NEWS"] and applicability(table[1][0]) is UNSAFE
    assert spans(text, table[4]) == [" \u00a0|\u00a0View count: 9"] and applicability(table[4][0]) is SAFE
    assert spans(text, table[10]) == ["General Secretary and State President To Lam at the event."]
    assert spans(text, table[20])[0].startswith("The Party Chief and")
    assert all(applicability(table[row][0]) is UNSAFE for row in (10, 20))
    fixed = fix(text, RULE)
    assert fixed.split("\n")[3] == "Ngày đăng 23/09/2024 | 12:43 PM"
    assert fixed.replace("Ngày đăng 23/09/2024 | 12:43 PM", "") == text.replace(text.split("\n")[3], "")


def test_seed_002_is_silent() -> None:
    assert lint(seed("002"), RULE) == []


def test_seed_003_appended_tail_and_title_credit() -> None:
    text = seed("003")
    table = by_row(text, lint(text, RULE))
    assert sorted(table) == [1, 12]
    assert spans(text, table[1]) == ["(Photo: VNA)"] and applicability(table[1][0]) is UNSAFE
    assert [rows(text, f) for f in table[12]] == [(12, 34)] and applicability(table[12][0]) is UNSAFE
    fixed = fix(text, RULE, unsafe=True)
    lines = text.split("\n")
    assert fixed == "\n".join([lines[0].replace(" (Photo: VNA)", ""), *lines[1:11]])
    assert fix(text, RULE) == text  # nothing here is safe to remove


def test_seed_004_empty_image_and_caption() -> None:
    text = seed("004")
    table = by_row(text, lint(text, RULE))
    assert sorted(table) == [3, 4]
    assert spans(text, table[3]) == ["![]() |"] and applicability(table[3][0]) is SAFE
    assert sorted(applicability(f).value for f in table[4]) == ["safe", "unsafe"]  # " |", the caption
    fixed = fix(text, RULE).split("\n")
    assert fixed[2] == "March 20,ôLâsoi kèo slovakia 2025 - 21:38"
    assert fixed[3].endswith("on Thursday. VNA/VNS Photo")
    assert fixed[1] == "Party chief Tô Lâm receives US Senator"  # the repeated title stays


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("unsafe", [False, True])
def test_seed_fixes_are_idempotent(path: Path, unsafe: bool) -> None:
    once = fix(path.read_text(encoding="utf-8"), RULE, unsafe=unsafe)
    assert fix(once, RULE, unsafe=unsafe) == once
    assert not [f for f in lint(once, RULE) if applicability(f) is SAFE or unsafe]


# ----- every chrome kind ----------------------------------------------------------------
@pytest.mark.parametrize("chrome", ["|", "View count: 9", "Lượt xem: 1.234", "Views: 12,400", "Bình luận (3)",
                                    "![]()",
                                    "![ảnh]()", '<img src="">', "<img alt='x'>", "| View count: 9 |"])
def test_chrome_lines_are_deleted_safely(chrome: str) -> None:
    text = article(chrome)
    findings = lint(text, RULE)
    assert spans(text, findings) == [chrome]
    assert applicability(findings[0]) is SAFE
    assert fix(text, RULE) == article()


@pytest.mark.parametrize(("line", "kept"), [
    ("Ngày đăng 01/10/2020 | 08:15 | Lượt xem: 27", "Ngày đăng 01/10/2020 | 08:15"),
    ("Thứ năm, 01/10/2020 ![]()", "Thứ năm, 01/10/2020"),
    ("Lan Anh |", "Lan Anh"),
    ("| Minh Quân", "Minh Quân"),
])
def test_chrome_glued_to_a_line_is_removed_alone(line: str, kept: str) -> None:
    text = f"{TITLE}\n{line}\n\n{P1}\n\n{P2}\n"
    findings = lint(text, RULE)
    assert findings and all(applicability(f) is SAFE for f in findings)
    assert fix(text, RULE) == f"{TITLE}\n{kept}\n\n{P1}\n\n{P2}\n"


def test_empty_image_inside_a_line_keeps_one_space() -> None:
    text = f"{TITLE}\n\nThe new depot ![]() opens next year.\n\n{P2}\n"
    assert fix(text, RULE) == f"{TITLE}\n\nThe new depot opens next year.\n\n{P2}\n"


@pytest.mark.parametrize("caption", [
    "Hành khách lên tàu tại ga Cát Linh sáng 6/11. Ảnh: Ngọc Thành",
    "Passengers board a train at Cat Linh station. Photo: VNA",
    "Passengers board a train at Cat Linh station (Photo: Reuters)",
    "Đoàn tàu chạy thử trên cầu cạn (Ảnh minh họa)",
    "A train crosses the viaduct on Sunday. VNA/VNS Photo",
])
def test_captions_with_a_credit_are_unsafe(caption: str) -> None:
    text = article(caption)
    findings = lint(text, RULE)
    assert spans(text, findings) == [caption]
    assert applicability(findings[0]) is UNSAFE
    assert fix(text, RULE) == text
    assert fix(text, RULE, unsafe=True) == article()


@pytest.mark.parametrize("heading", ["RELATED NEWS", "Related articles", "Read more", "Tin liên quan",
                                     "Xem thêm:", "BÀI LIÊN QUAN"])
def test_related_news_section_from_its_heading(heading: str) -> None:
    box = "\n\n".join([heading, "Cầu Thăng Long đóng cửa để sửa chữa", "Xe buýt điện chạy thêm ba tuyến"])
    text = article() + "\n" + box
    findings = lint(text, RULE)
    assert spans(text, findings) == [box]
    assert applicability(findings[0]) is UNSAFE
    assert fix(text, RULE, unsafe=True) == article().rstrip("\n")  # the file had no final newline


def test_inline_read_more_line() -> None:
    line = "Xem thêm: Hà Nội lắp camera trên toàn tuyến đường sắt đô thị"
    text = article(line)
    findings = lint(text, RULE)
    assert spans(text, findings) == [line] and applicability(findings[0]) is UNSAFE


def test_related_items_without_a_heading() -> None:
    items = ["Bridge closes for repairs", "|", "The Thang Long bridge shuts for two months from May.",
             "Electric buses on three more routes", "|", "The new routes start at Long Bien station."]
    tail = "\n".join(items)
    text = article().rstrip("\n") + "\n" + tail
    findings = lint(text, RULE)
    section = [f for f in findings if applicability(f) is UNSAFE]
    assert spans(text, section) == [tail]
    assert fix(text, RULE, unsafe=True) == article().rstrip("\n")


def test_appended_tail_after_a_sign_off_in_vietnamese() -> None:
    body = ["Sáng 6/11, tuyến đường sắt Nhổn - ga Hà Nội chính thức đón khách sau nhiều năm thi công.",
            "Tuyến dài 12,5 km, có 12 nhà ga, thời gian chạy hết tuyến khoảng 30 phút./."]
    blurbs = ["Bão số 9 đổ bộ vào Quảng Ngãi với sức gió giật cấp 14, nhiều nhà dân bị tốc mái.",
              "Giá vàng miếng tăng lên mức cao kỷ lục trong phiên giao dịch sáng thứ Hai.",
              "Đội tuyển bóng đá nữ giành vé dự vòng chung kết châu Á sau trận thắng Nepal."]
    text = "\n".join(["Tuyến metro Nhổn - ga Hà Nội đón khách", *body, *blurbs])
    findings = lint(text, RULE)
    assert spans(text, findings) == ["\n".join(blurbs)]
    assert fix(text, RULE, unsafe=True) == "\n".join(["Tuyến metro Nhổn - ga Hà Nội đón khách", *body])


def test_paragraphs_about_the_story_after_a_sign_off_are_not_a_tail() -> None:
    body = ["The metro line opened on Sunday after years of delays. -VNA",
            "The metro line will run trains every six minutes at peak hours, the operator said.",
            "The metro operator expects the line to carry fifty thousand passengers a day."]
    assert lint("\n".join(["Hanoi metro line opens", *body]), RULE) == []


def test_a_related_heading_inside_the_article_goes_alone() -> None:
    """An inline box's heading with the article continuing below it in long paragraphs:
    only the heading goes, never the paragraphs after it."""
    long = " ".join([P1, P2, P3, P1, P2, P3, P1])
    text = article("Related news", long)
    findings = lint(text, RULE)
    assert spans(text, findings) == ["Related news"] and applicability(findings[0]) is UNSAFE
    assert fix(text, RULE, unsafe=True) == article(long)


def test_a_dateline_alone_is_not_a_sign_off_and_the_body_stays() -> None:
    """The agency's mark after a place name opens the story: nothing after it is a tail."""
    lines = ["Port city opens new container terminal",
             "The first deep-water terminal of the north is ready for the largest vessels.",
             "Hai Phong (VNA)",
             "Deep-water berths began operating in the northern harbour on Monday morning.",
             "Ships of up to 100,000 tonnes can now dock there, according to the operator.",
             "Cargo volumes rose by a fifth last year, customs data show.",
             "Officials expect shorter waiting times for exporters across the region."]
    text = "\n".join(lines)
    assert lint(text, RULE) == []
    assert fix(text, RULE, unsafe=True) == text


def test_a_tail_with_one_paragraph_that_continues_the_article_is_not_cut() -> None:
    """Each paragraph after a sign-off must be another story's blurb, or nothing is cut."""
    lines = ["Port city opens new container terminal",
             "A deep-water container terminal began operating in Hai Phong city on Monday.",
             "Ships of up to 100,000 tonnes can now berth at the new terminal, its operator said.-VNA",
             "Gold prices climbed to a record high in morning trading on the domestic market.",
             "The container terminal in Hai Phong will add two more berths for ships next year."]
    assert lint("\n".join(lines), RULE) == []


# ----- furniture by structure ----------------------------------------------------------
@pytest.mark.parametrize(("line", "safe"), [
    ("  • 20 phút trước", False),
    ("Cập nhật: 3 giờ trước", False),
    ("Updated: 2 hours ago", False),
    ("DSC_0042.JPG", False),
    ("hanoi-metro-line-2-opening.webp", False),
    ("Skip to main content", False),
    ("Leave a comment", False),
    ("Gửi bình luận", False),
    ("★ Poor ★★ Fair ★★★ Good", False),
    ("Source: Ministry of Transport", False),
    ("By Thu Hằng – Translated by Minh Anh", False),
    ("Deputy Minister Lê Văn Tâm (second from left) visits the depot on Monday.", False),
    ("Trains wait at the depot of the new line (left) and the old station (right)", False),
    ("To read the operator's timetable, click here", False),
    ("Trang chủ » Thời sự » Giao thông", False),
    ("News | Business | Sport | Life & Style", False),
    ("Metro line opens ảnh 1Passengers board the first train at Cầu Giấy station", False),
    ("Metro line opens - ảnh 2 Trains wait at the depot before the opening", False),
])
def test_a_furniture_line_in_the_body_is_one_finding(line: str, safe: bool) -> None:
    text = article(line)
    findings = lint(text, RULE)
    assert spans(text, findings) == [line]
    assert applicability(findings[0]) is (SAFE if safe else UNSAFE)
    assert fix(text, RULE, unsafe=True) == article()


@pytest.mark.parametrize("line", [
    "Ngày đăng 23/09/2024 | 12:43 PM | Tin nóng",  # a date line with separators has digits
    "Trade | Investment",  # two items are not a menu
    "The fares are: adults » 8,000 đồng, children » free, pensioners » free.",
    "Bức ảnh 1 triệu lượt thích được chụp ở ga Cát Linh vào sáng Chủ nhật tuần trước.",
    "Senator Jane Doe (R) said the bill would fund two more metro lines in the city.",
    "Ông Nguyễn Văn Tâm (phải) cho biết tuyến metro sẽ chạy thêm chuyến vào giờ cao điểm.",
])
def test_separators_and_photo_words_in_text_are_not_furniture(line: str) -> None:
    assert lint(article(line), RULE) == []


def test_agency_initials_count_after_the_article_only() -> None:
    """'VNA' after the last paragraph is a credit; the same shape in the body is a crosshead."""
    assert spans(article() + "VNA\n", lint(article() + "VNA\n", RULE)) == ["VNA"]
    assert spans(article() + "CPV/VNA", lint(article() + "CPV/VNA", RULE)) == ["CPV/VNA"]
    assert lint(article("ASEAN"), RULE) == []
    # one word alone after the article is an outlet's name; a byline has two or more
    assert spans(article() + "Metronews", lint(article() + "Metronews", RULE)) == ["Metronews"]
    assert lint(article("TT\nHọ tên\nChức vụ/Đơn vị"), RULE) == []


def test_a_run_of_short_lines_after_the_article_is_furniture() -> None:
    tail = "Comments\nYour name\nE-mail address\nPost"
    text = article() + tail
    findings = lint(text, RULE)
    # interface strings are found one by one; the rest of the run goes as one finding
    assert spans(text, findings) == ["Comments", "Your name", "E-mail address\nPost"]
    assert all(applicability(f) is UNSAFE for f in findings)
    assert fix(text, RULE, unsafe=True) == article().rstrip("\n")


def test_an_article_that_ends_with_a_list_or_a_byline_keeps_it() -> None:
    listed = article() + "The new fares are:\n- 8,000 đồng for one trip\n- 200,000 đồng for a month\n"
    assert lint(listed, RULE) == []
    assert lint(article() + "Thu Hằng\n", RULE) == []
    results = article() + "Results\nNam Định 2-1 Hải Phòng\nViettel 0-0 Hà Nội FC\n"
    assert lint(results, RULE) == []
    table = article() + "No.\nName\n1\nGS. Lê Anh Tuấn\n2\nPGS. Trần Thị Hà\n"
    assert lint(table, RULE) == []


def test_a_caption_printed_twice_goes_with_its_copy() -> None:
    caption = "Passengers board the first train at Cầu Giấy station on Sunday morning."
    text = article(caption, caption)
    findings = lint(text, RULE)
    assert spans(text, findings) == [f"{caption}\n\n{caption}"] and applicability(findings[0]) is UNSAFE
    assert fix(text, RULE, unsafe=True) == article()


def test_a_caption_glued_to_the_dateline_goes_and_the_story_stays() -> None:
    caption = "Workers assemble electric buses at a plant in Hải Phòng. (Photo: VNA)"
    story = "Hải Phòng (VNA) – The city will put 200 electric buses on its roads this year."
    text = "\n".join([TITLE, caption + story, P1, P2])
    findings = lint(text, RULE)
    assert spans(text, findings) == [caption]
    assert fix(text, RULE, unsafe=True) == "\n".join([TITLE, story, P1, P2])
    named = "Workers assemble electric buses. — VNA/VNS Photo Minh Đức HẢI PHÒNG — The city will buy more."
    assert spans(named, lint(named, RULE)) == ["Workers assemble electric buses. — VNA/VNS Photo Minh Đức "]


def test_a_site_banner_after_the_date_prefix() -> None:
    text = " date 2025-01-02 HOTLINE: 0912 345 678 - Đặt mua báo\n" + article()
    findings = lint(text, RULE)
    assert spans(text, findings) == ["HOTLINE: 0912 345 678 - Đặt mua báo"]
    assert fix(text, RULE, unsafe=True) == " date 2025-01-02 \n" + article()


def test_site_name_and_section_label_above_the_title() -> None:
    text = "Metro Weekly\n\nTransport\n\n" + article()
    findings = lint(text, RULE)
    assert spans(text, findings) == ["Metro Weekly", "Transport"]
    assert fix(text, RULE, unsafe=True) == article()
    # a short title over a standfirst that is a sentence stays a title
    short = "Metro opens\n\nThe second line of the city opened on Sunday after years of delay.\n\n" + P1
    assert lint(short, RULE) == []
    # and so does a short title over a deck, whose words the story uses
    deck = "Typhoon Yagi\n\nDeath toll rises as floods spread across the north\n\n" + P1.replace(
        "The line", "Typhoon Yagi") + "\n\n" + P2
    assert lint(deck, RULE) == []


def test_a_lone_related_heading_at_the_end_and_link_text() -> None:
    assert spans(article() + "Other News", lint(article() + "Other News", RULE)) == ["Other News"]
    story = "Bus routes to the outer stations will start next month, the operator said."
    linked = article(story + " Read the full story")
    findings = lint(linked, RULE)
    assert spans(linked, findings) == ["Read the full story"]
    assert fix(linked, RULE, unsafe=True) == article(story)


def test_alt_text_at_the_end_of_the_title() -> None:
    text = article().replace(TITLE, TITLE + " hinh anh 1", 1)
    findings = lint(text, RULE)
    assert spans(text, findings) == [" hinh anh 1"]
    assert fix(text, RULE, unsafe=True) == article()


# ----- must not fire --------------------------------------------------------------------
@pytest.mark.parametrize("prose", [
    "The museum's photo archive holds related documents from the 1950s.",
    "Reporters asked about related issues, and the minister showed a photo of the site.",
    "He bought 100 shares in the company and sold 20 views of the bay as postcards.",
    "Ảnh chụp từ vệ tinh cho thấy các vấn đề liên quan đến lũ lụt ở miền Trung.",
    "Anh nói rằng tin liên quan đến dự án sẽ được công bố vào tuần sau.",
    "The hotel offers rooms with a sea view 2",
    "Film previews: 3",
])
def test_prose_mentioning_related_or_photo_is_silent(prose: str) -> None:
    assert lint(article(prose), RULE) == []


def test_a_byline_at_the_end_is_silent() -> None:
    assert lint(article() + "\nKhánh Minh", RULE) == []
    assert lint(article("Khánh Minh"), RULE) == []


def test_subheading_and_short_prose_are_not_captions() -> None:
    assert lint(article("Ticket prices and opening hours"), RULE) == []
    assert lint(article("Prices rose 3 percent in October."), RULE) == []
    assert lint(article("The Transport Minister opened the line on Sunday."), RULE) == []


def test_separators_inside_a_line_are_kept() -> None:
    assert lint(f"{TITLE}\n23/09/2024 | 12:43 PM\n\n{P1}\n\n{P2}\n", RULE) == []


# ----- options --------------------------------------------------------------------------
def test_counters_extend_from_config(tmp_path: Path) -> None:
    text = article("Lượt nghe: 12")
    assert lint(text, RULE) == []
    config = config_with(tmp_path, extend_counters=[r"Lượt nghe\s*:\s*\d+"])
    assert spans(text, lint(text, RULE, config=config)) == ["Lượt nghe: 12"]


def test_headings_extend_from_config(tmp_path: Path) -> None:
    text = article() + "\nTin cùng tác giả\n\nMột tin khác của tác giả về giao thông ở Hà Nội trong tuần này."
    assert lint(text, RULE) == []
    config = config_with(tmp_path, extend_related_headings=["tin cùng tác giả"])
    assert len(lint(text, RULE, config=config)) == 1


def test_unmarked_captions_can_be_turned_off(tmp_path: Path) -> None:
    text = seed("001")
    config = config_with(tmp_path, unmarked_captions=False)
    assert sorted(by_row(text, lint(text, RULE, config=config))) == [1, 4]


def test_invalid_pattern_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="counters"):
        config_with(tmp_path, counters=["(unclosed"])
