"""Rule ``missing-date``: a full, plausible publication date near the top of every article.

Test sentences are written for these tests (or come from ``seeds/``); none are copied from the
dev-eval set.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from re import Pattern

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint_news.config import Config
from lint_news.core.document import Document
from lint_news.core.errors import ConfigError
from lint_news.core.model import Applicability, Finding
from lint_news.engine.linter import lint_document
from lint_news.kinds.missing_date import header
from lint_news.kinds.missing_date.options import (
    _ASCII_YEAR_DIGITS,
    _YEAR_DIGITS,
    _Format,
    _Formats,
    _items,
    _literal_runs,
    _required,
    _starts,
)

from ..conftest import RAW_SEEDS, fix, lint, make_config, spans

RULE = "missing-date"
LEAD = "The minister said on Tuesday that the two countries would deepen trade and investment ties."
LEAD_VI = "Bộ trưởng cho biết hai nước sẽ tiếp tục làm sâu sắc quan hệ thương mại và đầu tư."


def article(date_line: str | None, title: str = "Vietnam and US deepen trade ties", lead: str = LEAD,
            rest: str = "") -> str:
    lines = [title] + ([date_line] if date_line is not None else []) + ["", lead]
    if rest:
        lines += ["", rest]
    return "\n".join(lines) + "\n"


def config_with(tmp_path: Path, **options: object) -> Config:
    """Built-in rules plus this rule's options as a user would write them (kebab-case keys)."""
    body = json.dumps({"rules": {RULE: {k.replace("_", "-"): v for k, v in options.items()}}},
                      ensure_ascii=False)
    return make_config(RULE, tmp=tmp_path, yaml_text=body)  # JSON is YAML


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


def row_of(text: str, finding: Finding) -> int:
    return Document("<t>", text).position(finding.start)[0]


# ----- the seeds ---------------------------------------------------------------------------


def seed(name: str) -> str:
    return (RAW_SEEDS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["001_528f4e815e3bd9f1.txt", "002_3bc2ab35fc607fe9.txt",
                                  "004_21d1dcadd64c6f9f.txt"])
def test_seeds_with_a_date_are_silent(name: str) -> None:
    assert lint(seed(name), RULE) == []


def test_seed_000_has_no_date_before_the_body() -> None:
    text = seed("000_4a8ceda156b61973.txt")
    findings = lint(text, RULE)
    assert len(findings) == 1
    assert findings[0].message.startswith("no publication date")
    assert row_of(text, findings[0]) == 2  # right after the title, where the date line belongs
    assert findings[0].start == findings[0].end
    assert findings[0].fix is None


def test_seed_003_day_and_month_in_the_lead_is_a_partial_date_where_it_is() -> None:
    text = seed("003_a1d7acd1c509a34b.txt")
    findings = lint(text, RULE)
    assert len(findings) == 1
    assert findings[0].message.startswith("partial date 'July 8': day and month without a year")
    assert row_of(text, findings[0]) == 2
    assert spans(text, findings) == ["July 8"]


def test_seed_004_date_line_with_spam_glued_into_it_still_has_a_date() -> None:
    # "March 20,ôLâsoi kèo slovakia 2025 - 21:38": the spam is seo-spam's business
    line = seed("004_21d1dcadd64c6f9f.txt").splitlines()[2]
    assert lint(article(line), RULE) == []


# ----- formats recognised ------------------------------------------------------------------


@pytest.mark.parametrize("date_line", [
    "2025-03-31",
    "date: 2025-03-31",
    "2025/03/31",
    "31/03/2025",
    "31/3/2025",
    "1/4/2025",
    "31-03-2025",
    "31.03.2025",
    "March 31, 2025",
    "March 31 2025",
    "31 March 2025",
    "31st March 2025",
    "Mar. 31, 2025",
    "Mar 31, 2025 11:48 GMT",
    "Sept. 4, 2025",
    "Monday, March 31, 2025",
    "Mon, 31 Mar 2025 09:15:00 +0700",
    "March 31, 2025 - 21:38",
    "Posted on March 31, 2025 at 9:15 a.m. EDT",
    "By Lan Anh | March 31, 2025",
    "31/03/2025 | 12:43 PM",
    "ngày 31 tháng 3 năm 2025",
    "Hà Nội, ngày 31 tháng 03 năm 2025",
    "31 tháng 3, 2025",
    "Ngày đăng 23/09/2024 | 12:43 PM",
    "Cập nhật 31/03/2025 08:00 (GMT+7)",
    "Thứ tư, 28/04/2021",
    "Thứ hai, 31/3/2025 - 07:30",
    "Cập nhật: 10h30 ngày 31/03/2025",
    "2025-03-31T10:00:00.000Z",
    "Chủ nhật, 30/03/2025",
    "28/04/2021",
    "Wednesday,betting tips euro 2024 April 1, 2025",  # spam glued in front of the date
    "Aprilbetting odds chelsea 1, 2025 - 11:12",  # spam glued inside the month name
    "Apr 2,top bookmakers euro 2024 2025 09:34 GMT",  # spam and its own year inside
])
def test_each_format_is_recognised(date_line: str) -> None:
    assert lint(article(date_line), RULE) == []


def test_vietnamese_article_with_labelled_date() -> None:
    text = "Tổng Bí thư tiếp Đại sứ Hoa Kỳ\nNgày đăng 31/03/2025 | 10:05\n\n" + LEAD_VI + "\n"
    assert lint(text, RULE) == []


@pytest.mark.parametrize("lead", [
    " date 2025-03-31 HÀ NỘI — Việt Nam regards the US as a top strategic partner, the Party chief said.",
    "HÀ NỘI, March 31, 2025 — Việt Nam regards the US as a top strategic partner, the Party chief said.",
    "WASHINGTON, March 31, 2025 (Reuters) - The dollar rose against the yen on Monday, dealers said.",
    "Hà Nội, ngày 31 tháng 3 năm 2025 — Tổng Bí thư đã tiếp Đại sứ Hoa Kỳ tại trụ sở Trung ương Đảng.",
])
def test_a_dateline_opening_the_lead_counts(lead: str) -> None:
    assert lint(article(None, lead=lead), RULE) == []
    assert lint(lead + "\n\n" + LEAD + "\n", RULE) == []  # no title at all (as in seed 002)


def test_dateline_in_a_file_starting_with_a_byte_order_mark() -> None:
    lead = "\ufeffHÀ NỘI, March 31, 2025 — The minister said the two countries would deepen ties."
    assert lint(lead + "\n" + LEAD + "\n", RULE) == []
    lowercase = "\ufeffExports rose on March 31, 2025, as the minister said the two countries met."
    assert len(lint(lowercase + "\n" + LEAD + "\n", RULE)) == 1


@pytest.mark.parametrize("date_line", ["31/03/2025", "2025-03-31T10:00:00+07:00", "Thứ hai, 31/3/2025 07:30"])
def test_a_date_line_before_the_title_counts(date_line: str) -> None:
    assert lint(date_line + "\nVietnam and US deepen trade ties\n\n" + LEAD + "\n", RULE) == []


def test_decomposed_vietnamese_labels() -> None:
    line = unicodedata.normalize("NFD", "Ngày đăng 31/03/2025")
    assert lint(line + "\nTổng Bí thư tiếp Đại sứ Hoa Kỳ\n\n" + LEAD_VI + "\n", RULE) == []
    both = unicodedata.normalize("NFD", "Cập nhật 25/09/2024 | Ngày đăng 23/09/2024") + "\n25/09/2024"
    assert lint(article(both), RULE) == []  # dated; the conflict is conflicting-dates' business


def test_crlf_and_bom() -> None:
    text = "\ufeffVietnam and US deepen trade ties\r\nMarch 31, 2025\r\n\r\n" + LEAD + "\r\n"
    assert lint(text, RULE) == []
    assert len(lint(text.replace("March 31, 2025", "March 31"), RULE)) == 1


# ----- failure kinds, each with its own message --------------------------------------------


def test_no_date_points_at_the_line_after_the_title() -> None:
    text = article(None)
    findings = lint(text, RULE)
    assert len(findings) == 1
    assert findings[0].start == findings[0].end == len("Vietnam and US deepen trade ties\n")
    assert findings[0].message.startswith("no publication date near the top")


def test_no_date_in_layout_without_blank_lines() -> None:
    text = "Vietnam and US deepen trade ties\n" + LEAD + "\n" + LEAD + "\n"
    findings = lint(text, RULE)
    assert [row_of(text, f) for f in findings] == [2]


def test_body_full_of_years_does_not_hide_a_missing_date() -> None:
    lead = ("HANOI - Exports rose 12 percent in 2024 from 2023, and the ministry expects "
            "growth to continue through 2025 and 2026, officials said.")
    rest = ("Trade between the two countries has grown every year since 1995, and reached a record "
            "on March 31, 2024, when the ministry published its 2023/24 figures.")
    findings = lint(article(None, lead=lead, rest=rest), RULE)
    assert messages(findings)[0].startswith("no publication date")
    assert len(findings) == 1


@pytest.mark.parametrize("lead", [
    "On March 31, 2025, the ministry said exports to the United States had doubled.",
    "On March 31, 2025 the ministry said exports to the United States had doubled.",
    "Ngày 31/12/2024, ông Nguyễn Văn An đã ký văn bản gửi các bộ, ngành liên quan.",
])
def test_a_date_opening_the_first_sentence_is_not_a_dateline(lead: str) -> None:
    # what happened on that day, not when the article was published
    assert messages(lint(article(None, lead=lead), RULE))[0].startswith("no publication date")


def test_a_full_date_deep_in_the_lead_is_not_the_publication_date() -> None:
    lead = ("The ministry said the two countries had signed a long list of trade and investment "
            "agreements on March 31, 2025, at a ceremony in the capital.")
    assert messages(lint(article(None, lead=lead), RULE))[0].startswith("no publication date")


def test_a_date_in_the_headline_is_not_the_publication_date() -> None:
    findings = lint(article(None, title="Stock markets rally on March 31, 2025 after rate cut"), RULE)
    assert messages(findings)[0].startswith("no publication date")


def test_a_date_line_right_after_the_lead_counts() -> None:
    # some sites print the date under the summary paragraph
    assert lint(article(None, rest="Thứ hai, 31/03/2025 - 07:30"), RULE) == []


def test_dates_further_down_do_not_count() -> None:
    sentence = "The agreement signed on 31/03/2025 takes effect next year, the minister said."
    assert messages(lint(article(None, rest=sentence), RULE))[0].startswith("no publication date")
    deep = "\n\n".join([LEAD, LEAD, "31/03/2025"])
    assert messages(lint(article(None, rest=deep), RULE))[0].startswith("no publication date")


@pytest.mark.parametrize(("date_line", "partial"), [
    ("March 20", "March 20"),
    ("On January 7", "January 7"),
    ("Mar 18 - 04:55", "Mar 18"),
    ("7 January", "7 January"),
    ("Thứ sáu, 23/04", "23/04"),
    ("Ngày đăng 01/05 | 00:00", "01/05"),
    ("1 tháng 10", "1 tháng 10"),
])
def test_partial_date_is_pointed_at(date_line: str, partial: str) -> None:
    text = article(date_line)
    findings = lint(text, RULE)
    assert spans(text, findings) == [partial]
    assert findings[0].message.startswith(f"partial date {partial!r}: day and month without a year")


@pytest.mark.parametrize(("date_line", "partial"), [
    ("March 2025", "March 2025"),
    ("tháng 3/2025", "tháng 3/2025"),
    ("Cập nhật tháng 3 năm 2025", "tháng 3 năm 2025"),
])
def test_month_and_year_without_a_day_is_partial(date_line: str, partial: str) -> None:
    text = article(date_line)
    findings = lint(text, RULE)
    assert spans(text, findings) == [partial]
    assert findings[0].message.startswith(f"partial date {partial!r}: month and year without a day")


@pytest.mark.parametrize("date_line", ["31/03/25", "31.03.25 | 07:30", "Thứ hai, 31-3-25"])
def test_two_digit_year_is_partial(date_line: str) -> None:
    findings = lint(article(date_line), RULE)
    assert len(findings) == 1
    assert "a two-digit year does not say which century" in findings[0].message


def test_partial_dateline_at_the_start_of_the_lead() -> None:
    # the date line was dropped; the wire dateline keeps only the day and month
    text = article(None, lead="HAMBURG, March 16 - Gold prices will rise again in 1987, the bank said.")
    findings = lint(text, RULE)
    assert spans(text, findings) == ["March 16"]
    assert "without a year" in findings[0].message


@pytest.mark.parametrize(("date_line", "bad", "detail"), [
    ("31/02/2025", "31/02/2025", "February has no day 31 in 2025"),
    ("29/02/2025", "29/02/2025", "February has no day 29 in 2025"),
    ("15/13/2025", "15/13/2025", "there is no month 13"),
    ("2025-00-10", "2025-00-10", "there is no month 0"),
    ("April 31, 2025", "April 31, 2025", "April has no day 31 in 2025"),
])
def test_impossible_date(date_line: str, bad: str, detail: str) -> None:
    text = article(date_line)
    findings = lint(text, RULE)
    assert spans(text, findings) == [bad]
    assert findings[0].message == f"impossible date {bad!r}: {detail}"


def test_leap_day_is_possible() -> None:
    assert lint(article("29/02/2024"), RULE) == []


def test_future_date_is_implausible(tmp_path: Path) -> None:
    config = config_with(tmp_path, reference_date="2025-03-01")
    text = article("31/03/2025")
    findings = lint(text, RULE, config=config)
    assert spans(text, findings) == ["31/03/2025"]
    assert findings[0].message.startswith("implausible date '31/03/2025' (2025-03-31): in the future")
    assert lint(article("01/03/2025"), RULE, config=config) == []
    assert lint(article("02/03/2025"), RULE, config=config) == []  # a day's tolerance for zones


def test_date_before_the_earliest_year_is_implausible(tmp_path: Path) -> None:
    text = article("March 31, 1850")
    findings = lint(text, RULE)
    assert spans(text, findings) == ["March 31, 1850"]
    assert "before 1900" in findings[0].message and findings[0].message.startswith("implausible")
    assert lint(text, RULE, config=config_with(tmp_path, earliest_year=1800)) == []


def test_ambiguous_numeric_date_with_auto_order(tmp_path: Path) -> None:
    config = config_with(tmp_path, date_order="auto")
    text = article("03/04/2025")
    findings = lint(text, RULE, config=config)
    assert spans(text, findings) == ["03/04/2025"]
    assert findings[0].message.startswith("ambiguous numeric date '03/04/2025'")
    # a day above 12 decides; so does another numeric date in the header
    assert lint(article("13/04/2025"), RULE, config=config) == []
    assert lint(article("04/13/2025"), RULE, config=config) == []
    assert lint(article("03/03/2025"), RULE, config=config) == []
    both = article("Ngày đăng 03/04/2025\nCập nhật 13/04/2025 09:00")
    assert lint(both, RULE, config=config) == []
    assert lint(article("03/04/2025\nApril 3, 2025"), RULE, config=config) == []
    assert lint(article("04/03/2025\nApril 3, 2025"), RULE, config=config) == []


def test_a_weekday_settles_the_order_in_auto_mode(tmp_path: Path) -> None:
    config = config_with(tmp_path, date_order="auto")
    # 3 April 2025 was a Thursday, 4 March 2025 a Tuesday
    assert lint(article("Thursday, 03/04/2025"), RULE, config=config) == []
    assert lint(article("Thứ ba, 03/04/2025"), RULE, config=config) == []
    assert messages(lint(article("Sunday, 03/04/2025"), RULE, config=config))[0].startswith("ambiguous")


def test_default_day_first_is_never_ambiguous() -> None:
    assert lint(article("03/04/2025"), RULE) == []


def test_conflicting_dates_are_not_a_missing_date() -> None:
    # two dates a year apart: the article is dated, and conflicting-dates reports the clash
    assert lint(article("Ngày đăng 23/09/2024 | 12:43 PM\nMarch 20, 2025 - 21:38"), RULE) == []


# ----- the corpus date prefix ---------------------------------------------------------------


@pytest.mark.parametrize("rest", [
    " HÀ NỘI — The minister said on Tuesday that the two countries would deepen trade ties.",
    " Vietnam and US deepen trade ties",  # the title
    " Workers assemble VinFast cars at the Hải Phòng plant (Photo: VNA)",  # a photo caption
    " Economy",  # a section label
    " HOTLINE: 0900 000 000 - ĐẶT MUA BÁO",  # a site banner, digits and all
    " Thị trường",
    " ",  # nothing on the line but the prefix
    "",
])
def test_the_date_prefix_is_a_date_whatever_follows_it(rest: str) -> None:
    text = " date 2025-03-31" + rest + "\n\n" + LEAD + "\n"
    assert lint(text, RULE) == []
    assert lint("\ufeff" + text.replace("\n", "\r\n"), RULE) == []


def test_the_date_prefix_before_a_long_first_paragraph() -> None:
    lead = " ".join([LEAD] * 4)  # the first line is the body itself, no title
    assert lint(" date 2024-11-28 " + lead + "\n", RULE) == []


def test_a_year_and_month_prefix_is_accepted() -> None:
    assert lint(" date 2024-04 Giá cà phê tăng mạnh trong tuần qua\n\n" + LEAD_VI + "\n", RULE) == []
    assert lint(" date 2016-12 " + LEAD_VI + "\n", RULE) == []


@pytest.mark.parametrize("text", [
    "Vietnam and US deepen trade ties to date 2025-03-31\n\n" + LEAD + "\n",  # not at the start
    " date 20250331 Vietnam and US deepen trade ties\n\n" + LEAD + "\n",  # not the prefix's form
    " update 2025-03-31 Vietnam and US deepen trade ties\n\n" + LEAD + "\n",
])
def test_only_the_prefix_opening_the_file_counts(text: str) -> None:
    assert messages(lint(text, RULE))[0].startswith("no publication date")


@pytest.mark.parametrize(("prefix", "message"), [
    (" date 2025-02-30", "impossible date '2025-02-30': February has no day 30 in 2025"),
    (" date 2025-13", "impossible date '2025-13': there is no month 13"),
    (" date 1850-05-01", "implausible date '1850-05-01' (1850-05-01): before 1900"),
])
def test_an_impossible_prefix_is_reported(prefix: str, message: str) -> None:
    text = prefix + " Vietnam and US deepen trade ties\n\n" + LEAD + "\n"
    findings = lint(text, RULE)
    assert len(findings) == 1 and findings[0].message.startswith(message)
    assert spans(text, findings) == [prefix.removeprefix(" date ")]


def test_prefix_formats_are_validated(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="prefix-formats"):
        config_with(tmp_path, prefix_formats=["date {day}/{first}"])
    config = config_with(tmp_path, prefix_formats=["published:\\s*{day}\\.{month}\\.{year}"])
    assert lint("published: 31.03.2025 Vietnam and US deepen trade ties\n\n" + LEAD + "\n", RULE,
                config=config) == []


def test_normalise_moves_the_prefix_to_its_own_line(tmp_path: Path) -> None:
    config = config_with(tmp_path, normalise=True)
    text = " date 2025-03-31 Vietnam and US deepen trade ties\n\n" + LEAD + "\n"
    fixed = fix(text, RULE, unsafe=True, config=config)
    assert fixed == "date: 2025-03-31\nVietnam and US deepen trade ties\n\n" + LEAD + "\n"
    assert fix(fixed, RULE, unsafe=True, config=config) == fixed
    alone = " date 2025-03-31 \nVietnam and US deepen trade ties\n\n" + LEAD + "\n"
    assert fix(alone, RULE, unsafe=True, config=config) == (
        "date: 2025-03-31\nVietnam and US deepen trade ties\n\n" + LEAD + "\n")


# ----- time stamps glued to a byline or a headline ----------------------------------------


@pytest.mark.parametrize(("line", "stamp"), [
    ("MAI LAN, VnExpress staff writerApril 2, 2024 09:15 ICT", "April 2, 2024"),  # lost space
    ("By Tran Minh | GovTech desk March 20, 2025 - 21:38", "March 20, 2025"),
    ("Hải Phòng mở tuyến xe buýt điện VinFast 06/12/2025 17:07", "06/12/2025"),
])
def test_a_time_stamp_closing_a_line_is_the_publication_date(tmp_path: Path, line: str, stamp: str) -> None:
    # after the lead (a byline printed under the first paragraph) and as the title line
    assert lint(article(None, rest=line), RULE) == []
    text = line + "\n\n" + LEAD + "\n"
    assert lint(text, RULE) == []
    # the stamp is what was read: with a different date line beside it, the two conflict
    other = line + "\n" + "Ngày đăng 01/01/2020" + "\n\n" + LEAD + "\n"
    assert spans(other, lint(other, "conflicting-dates")) == ["01/01/2020"]
    assert stamp in line


@pytest.mark.parametrize("line", [
    "Ferries to Cát Bà resume on April 2, 2024 at 09:15 after the storm",  # the time of the event
    "Ferries to Cát Bà resumed on April 2, 2024",
    "Ferries to Cát Bà resume 06/12/2025 17:07 and again at noon",  # the stamp does not end the line
])
def test_a_date_in_a_headline_is_still_news(line: str) -> None:
    assert messages(lint(line + "\n\n" + LEAD + "\n", RULE))[0].startswith("no publication date")


def test_a_month_glued_to_a_lower_case_word_is_read() -> None:
    assert lint(article("Lan Anh, staff writerMarch 20, 2025"), RULE) == []
    # a capitalised word glued to a lower-case one only: "Smarch" and "remay" are no months
    text = article("Smarch 20, 2025\nremay 20, 2025")
    assert messages(lint(text, RULE))[0].startswith("no publication date")


# ----- partial dates are reported where they are -------------------------------------------


def test_a_dateline_without_a_year_as_the_first_line() -> None:
    text = "HÀ NỘI, June 14 -\n\n" + LEAD + "\n"
    findings = lint(text, RULE)
    assert spans(text, findings) == ["June 14"]
    assert row_of(text, findings[0]) == 1
    assert findings[0].message == ("partial date 'June 14': day and month without a year; "
                                   "the article has no full publication date near the top")


def test_a_day_and_month_in_the_lead_is_reported_on_its_line() -> None:
    lead = ("HÀ NỘI — The provincial authority granted the company an investment certificate for "
            "its battery plant in Hà Tĩnh on June 14, allowing work to begin.")
    text = article(None, lead=lead)
    findings = lint(text, RULE)
    assert spans(text, findings) == ["June 14"]
    assert row_of(text, findings[0]) == 3


def test_a_day_and_month_in_a_vietnamese_headline() -> None:
    text = "Học sinh cả nước tựu trường sáng 5/9\n\n" + LEAD_VI + "\n"
    findings = lint(text, RULE)
    assert spans(text, findings) == ["5/9"]
    assert row_of(text, findings[0]) == 1


@pytest.mark.parametrize(("title", "message"), [
    ("PetroVietnam hotline now open 7/24", "no publication date"),  # day-first: no month 24
    ("GovTech team wins 40/50 seats", "no publication date"),
    ("VinFast sells 3/4 of its stock", "partial date '3/4'"),  # could be 3 April: reported
])
def test_numbers_that_cannot_be_a_day_and_month_are_no_partial_date(title: str, message: str) -> None:
    findings = lint(title + "\n\n" + LEAD + "\n", RULE)
    assert len(findings) == 1 and findings[0].message.startswith(message)


def test_the_full_date_of_an_event_is_neither_a_date_nor_a_partial_date() -> None:
    lead = ("The two prime ministers held talks in Phnom Penh on November 10, 2022, and agreed "
            "to raise trade between their countries.")
    text = article(None, lead=lead)
    findings = lint(text, RULE)
    assert messages(findings)[0].startswith("no publication date")
    assert row_of(text, findings[0]) == 2


def test_a_partial_date_in_the_story_after_the_lead_is_not_near_the_top() -> None:
    rest = "By the evening of June 14, rescuers had reached the village."
    text = article(None, rest=rest)
    assert messages(lint(text, RULE))[0].startswith("no publication date")


# ----- day-first / month-first -------------------------------------------------------------


def test_date_order_is_honoured(tmp_path: Path) -> None:
    month_first = config_with(tmp_path, date_order="month-first")
    # 04/13/2025 is 13 April month-first, but month 13 day-first
    assert lint(article("04/13/2025"), RULE, config=month_first) == []
    assert messages(lint(article("04/13/2025"), RULE))[0].startswith("impossible date")
    # 03/04/2025 is 3 April day-first and 4 March month-first: seen through a named date beside it
    pair = article("03/04/2025\nApril 3, 2025")
    assert lint(pair, RULE) == []
    assert lint(pair, RULE, config=month_first) == []  # a conflict, not a missing date


# ----- configuration -----------------------------------------------------------------------


def test_user_can_extend_formats_and_month_names(tmp_path: Path) -> None:
    config = config_with(tmp_path, extend_date_formats=["{year}年{month}月{day}日"],
                         extend_month_names={"3": ["mars"]})
    assert lint(article("2025年3月31日"), RULE, config=config) == []
    assert lint(article("31 mars 2025"), RULE, config=config) == []
    assert lint(article("March 31, 2025"), RULE, config=config) == []  # built-ins still there
    assert lint(article("2025年3月31日"), RULE) != []


def test_header_size_is_an_option(tmp_path: Path) -> None:
    text = article("By Lan Anh\nStaff reporter\nHà Nội bureau\nMarch 31, 2025")
    assert lint(text, RULE) == []
    assert messages(lint(text, RULE, config=config_with(tmp_path, header_lines=2)))[0].startswith(
        "no publication date")


@pytest.mark.parametrize(("options", "key"), [
    ({"reference-date": "31/03/2025"}, "reference-date"),
    ({"date-order": "year-first"}, "date-order"),
    ({"extend-date-formats": ["{year}-(unclosed"]}, "date-formats"),
    ({"month-names": {"13": ["smarch"]}}, "month-names"),
    ({"normalised-line": "date: today"}, "normalised-line"),
    ({"extend-date-formats": ["{day}/{month}"]}, "date-formats"),
    ({"weekdays": {"8": ["someday"]}}, "weekdays"),
])
def test_bad_options_are_config_errors(tmp_path: Path, options: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError, match=key):
        config_with(tmp_path, **{k.replace("-", "_"): v for k, v in options.items()})


def test_empty_and_blank_files_are_left_alone() -> None:
    assert lint("", RULE) == []
    assert lint("\n\n  \n", RULE) == []


# ----- no invented dates; optional normalisation -------------------------------------------


def test_no_fix_without_normalisation() -> None:
    for text in (article(None), article("March 20"), article("Thursday, March 20, 2025 - 21:38")):
        assert all(f.fix is None for f in lint(text, RULE))
        assert fix(text, RULE, unsafe=True) == text


def test_normalise_rewrites_a_date_line(tmp_path: Path) -> None:
    config = config_with(tmp_path, normalise=True)
    text = article("Thursday, March 20, 2025 - 21:38")
    findings = lint(text, RULE, config=config)
    assert spans(text, findings) == ["March 20, 2025"]
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.UNSAFE
    assert fix(text, RULE, config=config) == text  # unsafe: not applied by plain --fix
    fixed = fix(text, RULE, unsafe=True, config=config)
    assert fixed == article("date: 2025-03-20")
    assert lint(fixed, RULE, config=config) == []
    assert fix(fixed, RULE, unsafe=True, config=config) == fixed


@pytest.mark.parametrize(("date_line", "iso"), [
    ("Ngày đăng 23/09/2024 | 12:43 PM", "2024-09-23"),
    ("Thứ tư, 28/04/2021", "2021-04-28"),
    ("Mar 31, 2025 11:48 GMT", "2025-03-31"),
    ("ngày 31 tháng 3 năm 2025", "2025-03-31"),
])
def test_normalise_recognised_lines(tmp_path: Path, date_line: str, iso: str) -> None:
    config = config_with(tmp_path, normalise=True)
    assert fix(article(date_line), RULE, unsafe=True, config=config) == article(f"date: {iso}")


def test_normalise_leaves_lines_with_other_content(tmp_path: Path) -> None:
    config = config_with(tmp_path, normalise=True)
    text = article("Ngày đăng 23/09/2024 | 12:43 PM  | View count: 9")
    assert lint(text, RULE, config=config) == []
    assert fix(text, RULE, unsafe=True, config=config) == text


def test_normalise_moves_a_labelled_date_out_of_the_lead(tmp_path: Path) -> None:
    config = config_with(tmp_path, normalise=True)
    text = seed("002_3bc2ab35fc607fe9.txt")
    fixed = fix(text, RULE, unsafe=True, config=config)
    assert fixed.startswith("date: 2025-03-31\nHÀ NỘI — Việt Nam consistently regards")
    assert fixed[len("date: 2025-03-31\n"):] == text[len(" date 2025-03-31 "):]
    assert fix(fixed, RULE, unsafe=True, config=config) == fixed
    # an unlabelled dateline is part of the story's text: left alone
    lead = "HÀ NỘI, March 31, 2025 — The minister said the two countries would deepen ties."
    assert lint(article(None, lead=lead), RULE, config=config) == []


def test_performance_reads_only_the_header() -> None:
    body = ("Exports rose in 2024 and on March 31, 2025 the ministry said so again. " * 20 + "\n") * 5000
    text = "Vietnam and US deepen trade ties\nMarch 20, 2025\n\n" + body
    assert lint(text, RULE) == []
    findings = lint("Vietnam and US deepen trade ties\n\n" + body, RULE)
    assert len(findings) == 1


# ----- a page dated only by its own event ---------------------------------------------------

STANDFIRST = ("Deputy Prime Minister Tran Van Binh met the visiting Lao transport minister in "
              "Vientiane on March 3, 2024.")
BODY = ("The two sides agreed to speed up the railway link and to open two new border gates, "
        "and VinFast and PetroVietnam will invest in charging stations along the route in 2024.")


def test_a_standfirst_closing_on_a_full_date_dates_the_page() -> None:
    text = article(None, title="Vietnam and Laos speed up railway link", lead=STANDFIRST, rest=BODY)
    assert lint(text, RULE) == []
    vietnamese = "Phó Thủ tướng Trần Văn Bình tiếp Bộ trưởng Giao thông Lào tại Hà Nội ngày 3/3/2024."
    assert lint(article(None, title="Việt Nam và Lào đẩy nhanh tuyến đường sắt", lead=vietnamese), RULE) == []


@pytest.mark.parametrize("caption", [
    "Railway link - ảnh 1The minister visits the GovTech hub in Hải Phòng on 12/05/2024. (Photo: VNA)",
    "Bộ trưởng thăm trung tâm điều hành ngày 12/5/2024 (Ảnh: Minh Anh)",
    "The minister visits the GovTech hub in Hải Phòng on May 12, 2024. Photo: VNA",
])
def test_a_photo_caption_with_a_full_date_near_the_top_dates_the_page(caption: str) -> None:
    # under the lead (a caption after the summary) or before it (a caption under the title)
    assert lint(article(None, rest=caption + "\n\n" + BODY), RULE) == []
    text = "Vietnam and Laos speed up railway link\n" + caption + "\n\n" + LEAD + "\n"
    assert lint(text, RULE) == []


@pytest.mark.parametrize("lead", [
    # the story's first sentence opens on the date: what happened then
    "Ngày 3/3/2024, ông Trần Văn Bình đã ký quyết định thành lập tổ công tác.",
    "On March 3, 2024, the ministry said railway freight had doubled.",
    # a date inside the standfirst, not closing it: the day something was passed or began
    "The law, passed on March 3, 2024, takes effect next year, the minister said.",
    # a long first paragraph closing on a date is the story, not a standfirst
    ("The ministry said the railway link between the two capitals, long delayed by land "
     "clearance and by the loans it needs, would at last carry freight from July 1, 2024."),
])
def test_an_event_date_in_the_first_paragraph_does_not_hide_a_removed_date_line(lead: str) -> None:
    findings = lint(article(None, lead=lead, rest=BODY), RULE)
    assert messages(findings)[0].startswith("no publication date")
    assert len(findings) == 1


def test_a_date_closing_a_body_paragraph_without_a_credit_is_not_a_caption() -> None:
    rest = "Work on the line began in the northern province on May 12, 2024."
    findings = lint(article(None, rest=rest), RULE)
    assert messages(findings)[0].startswith("no publication date")


def test_an_event_date_older_than_a_year_the_page_mentions_is_background(tmp_path: Path) -> None:
    config = config_with(tmp_path, reference_date="2025-06-01")
    later = BODY.replace("in 2024", "in 2025")
    assert messages(lint(article(None, lead=STANDFIRST, rest=later), RULE, config=config))[0].startswith(
        "no publication date")
    archive = "The first train on the old line in 2019. (Photo: VNA archive, March 3, 2019)"
    findings = lint(article(None, rest=archive + "\n\n" + later), RULE, config=config)
    assert messages(findings)[0].startswith("no publication date")
    # a target year after the reference date, and numbers that are not years, are no later year
    target = "The ministry wants 2025.5 km of new track by 2030 and 12.500 new wagons."
    assert lint(article(None, lead=STANDFIRST, rest=target), RULE, config=config) == []


def test_an_event_date_hides_a_partial_date_too() -> None:
    caption = "The minister visits the GovTech hub in Hải Phòng on May 12, 2024. (Photo: VNA)"
    text = "Vietnam and Laos speed up railway link\nMay 12\n\n" + LEAD + "\n" + caption + "\n"
    assert lint(text, RULE) == []
    assert messages(lint(text.replace(", 2024", ""), RULE))[0].startswith("partial date 'May 12'")


def test_event_dates_can_be_switched_off(tmp_path: Path) -> None:
    config = config_with(tmp_path, event_dates=False)
    findings = lint(article(None, lead=STANDFIRST, rest=BODY), RULE, config=config)
    assert messages(findings)[0].startswith("no publication date")


def test_an_impossible_or_future_event_date_does_not_date_the_page(tmp_path: Path) -> None:
    lead = STANDFIRST.replace("March 3", "February 30")
    assert messages(lint(article(None, lead=lead), RULE))[0].startswith("no publication date")
    config = config_with(tmp_path, reference_date="2023-06-01")
    assert messages(lint(article(None, lead=STANDFIRST), RULE, config=config))[0].startswith(
        "no publication date")


def test_caption_credits_are_validated(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="caption-credits"):
        config_with(tmp_path, caption_credits=["(Photo"])
    config = config_with(tmp_path, caption_credits=["—\\s*picture by [A-Z][a-z]+$"])
    caption = "The minister visits the hub on May 12, 2024 — picture by Lan"
    assert lint(article(None, rest=caption), RULE, config=config) == []
    assert messages(lint(article(None, rest=caption), RULE))[0].startswith("no publication date")


# ----- one reading of the header; regexes that skip ahead -----------------------------------
def test_both_rules_of_the_kind_read_the_header_once() -> None:
    config = make_config(RULE, "conflicting-dates")
    text = article("March 20, 2025 - 21:38\nPublished 18/03/2024")
    doc = Document("<t>", text, structure=config.structure)
    findings = lint_document(doc, config)
    assert [f.rule for f in findings] == ["conflicting-dates"]
    readings = doc.derived(header._readings)
    assert len(readings) == 1  # missing-date found conflicting-dates' reading
    (reading,) = readings.values()
    assert [[d.text for d in dates] for dates in reading.dates.values()] == [
        ["March 20, 2025", "18/03/2024"]]


def test_rules_that_read_dates_differently_do_not_share_a_reading(tmp_path: Path) -> None:
    text = article("03/04/2025\nMarch 4, 2025")
    assert [f.rule for f in lint(text, RULE, "conflicting-dates")] == ["conflicting-dates"]
    body = json.dumps({"rules": {"conflicting-dates": {"date-order": "month-first"}}})
    config = make_config(RULE, "conflicting-dates", tmp=tmp_path, yaml_text=body)
    doc = Document("<t>", text, structure=config.structure)
    assert lint_document(doc, config) == []  # 03/04 is March 4 for conflicting-dates only
    assert len(doc.derived(header._readings)) == 2


_TOKENS = st.sampled_from(["March", "mar", "MAY", "Dec.", "ſep", "\u212aT", "writerOctober", "remay",
                           " ", ", ", "-", "/", ".", "1", "20", "31", "2025", "ngày", "NGÀY ĐĂNG",
                           "Cập nhật", "cập nhật lúc", "Thứ hai", "CN", "chủ nhật", "GMT", "ict",
                           "12:43", "PM", "+07:00", "Updated", "published on", "tháng", "năm", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, max_size=14).map("".join))
def test_first_character_lookaheads_change_no_match(text: str) -> None:
    """Month names, labels, weekdays and the residue start with a lookahead on their words'
    first characters (``_starts``): without it, every pattern finds the same matches."""
    rule = make_config(RULE).rule(RULE)
    assert rule is not None
    options = rule.options
    noise = (*options.published_labels, *options.updated_labels, *options.days, *options.time_zones)
    cases: list[tuple[Pattern[str], str]] = [
        *((fmt.regex.compiled(), _starts(sorted(options.months, key=len, reverse=True)))
          for fmt in (*options.strict, *options.loose, *options.partial)),
        (options.label_regex.compiled(), _starts((*options.updated_labels, *options.published_labels))),
        (options.weekday_regex.compiled(), _starts(tuple(options.days))),
        (options.residue_regex.compiled(), _starts(noise)),
    ]
    for regex, lookahead in cases:
        assert lookahead
        plain = re.compile(regex.pattern.replace(lookahead, ""), regex.flags)
        assert [(m.span(), m.groupdict()) for m in regex.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)]


@pytest.mark.parametrize("line", ["31/03/2025win", "Ngày đăng: 2025-03-31T10:00:00.000Z",
                                  "ĐĂNG NGÀY 31 THÁNG 3 NĂM 2025", "staff writerOctober 11, 2023 18:44 JST"])
def test_dates_glued_to_other_text_are_read(line: str) -> None:
    """Only lines without four digits in a row are skipped; these all hold a full date."""
    assert lint(article(line), RULE) == []


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, max_size=14).map("".join))
def test_format_gates_change_no_match(text: str) -> None:
    """A format is skipped on a line without its gate (a month name, a "/" or "-" or "."):
    with every gate removed, the matches are the same."""
    rule = make_config(RULE).rule(RULE)
    assert rule is not None
    options = rule.options
    for formats in (options.strict, options.loose, options.partial):
        ungated = _Formats([_Format(fmt.regex, fmt.source) for fmt in formats])
        assert [m.span() for m in header.date_matches(formats, text)] == [
            m.span() for m in header.date_matches(ungated, text)]


def test_formats_with_a_month_name_are_gated_by_it_and_optional_ones_are_not(tmp_path: Path) -> None:
    rule = make_config(RULE).rule(RULE)
    assert rule is not None
    gates = {fmt.source: fmt.gate for fmt in rule.options.strict}
    assert gates["{year}-{month}-{day}"] is gates["{first}-{second}-{year}"]  # one search a line
    slash = gates["{first}/{second}/{year}"]
    assert slash is not None and slash.char == "/"
    month_gate = gates["{month-name}\\s*{day}(?:st|nd|rd|th)?,?\\s+{year}"]
    assert month_gate is not None and month_gate.found("on MARCH 3")
    optional_name = "(?:{month-name}\\s+)?{day}\\s+{month}\\s+{year}"
    body = json.dumps({"rules": {RULE: {"date-formats": [optional_name]}}})
    config = make_config(RULE, tmp=tmp_path, yaml_text=body)
    optional = config.rule(RULE)
    assert optional is not None and optional.options.strict[0].gate is None
    assert lint(article("31 3 2025"), RULE, config=config) == []


@pytest.mark.parametrize(("source", "required"), [
    ("{year}-{month}-{day}", ["{year}", "-", "{month}", "-", "{day}"]),
    ("{first}\\.{second}\\.{year}", ["{first}", ".", "{second}", ".", "{year}"]),
    ("{month-name}\\s*{day}(?:st|nd|rd|th)?,?\\s+{year}", ["{month-name}", "{day}", "{year}"]),
    ("(?<![^\\W\\d_]){month-name}(?![^\\W\\d_]),?\\s+{year}", ["{month-name}", "{year}"]),
    ("(?:{month-name}\\s+)?{day}/{month}/{year}", ["{day}", "/", "{month}", "/", "{year}"]),
    ("{day}-?{month}-*{year}", ["{day}", "{month}", "{year}"]),  # optional dashes
    ("{day}-{0,2}{month}/{1,2}{year}", ["{day}", "{month}", "/", "{year}"]),
    ("{day}[-/]{month}[]/]{year}", ["{day}", "{month}", "{year}"]),  # classes stand for nothing
    ("{day}\\x2d{month}\\N{EN DASH}{year}", ["{day}", "{month}", "{year}"]),  # nor such escapes
    ("{day}(?#a-comment(){month}-{year}", ["{day}", "{month}", "-", "{year}"]),
    ("{day}/{month}/{year}|{year}-{month}-{day}", []),  # an alternative outside a group
    ("(?x){day} / {month} / {year}", []),  # verbose: spaces and "#" mean something else
    ("(?P<d>{day})-\\1-{year}", ["-", "-", "{year}"]),  # a back-reference consumes its group's
    ("({day})\\12-{year}", ["-", "{year}"]),  # match, not its digits ("\\12": group 12)
    ("{day}\\0552{year}", ["{day}", "2", "{year}"]),  # an octal escape ("\\055", a "-") then a "2"
    ("{day}\\1234{year}", ["{day}", "4", "{year}"]),  # three octal digits are a character
    ("{day}\\/+{month}\\.?{year}", ["{day}", "/", "{month}", "{year}"]),  # "+": at least one
    ("{day}a]b{{year}", ["{day}", "a", "]", "b", "{", "{year}"]),  # literal "]" and "{"
])
def test_what_every_match_of_a_format_holds_is_read_from_its_text(source: str, required: list[str]) -> None:
    assert _required(source) == required


_USER_FORMATS = ("{day}-?{month}-*{year}", "{day}-{0,2}{month}/{1,2}{year}",
                 "{day}\\x2f{month}\\N{SOLIDUS}{year}", "(?:{month-name}\\s+)?{day}/{month}/{year}",
                 "{day}[-/.]{month}\\.?{year}", "{day}(?:/|-){month}\\/{year}",
                 "{day}\\s*THÁNG\\s*{month},?\\s*{year}")


@pytest.fixture(scope="module")
def user_formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, _Formats]:
    formats = {}
    for index, source in enumerate(_USER_FORMATS):
        body = json.dumps({"rules": {RULE: {"date-formats": [source]}}})
        rule = make_config(RULE, tmp=tmp_path_factory.mktemp(f"f{index}"), yaml_text=body).rule(RULE)
        assert rule is not None
        formats[source] = rule.options.strict
    return formats


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_TOKENS, max_size=14).map("".join), st.sampled_from(_USER_FORMATS))
def test_gates_of_users_formats_change_no_match(user_formats: dict[str, _Formats], text: str,
                                                source: str) -> None:
    """Gates read from a user's format text are necessary conditions: with them removed, the
    matches are the same."""
    formats = user_formats[source]
    ungated = _Formats([_Format(fmt.regex, fmt.source) for fmt in formats])
    assert [m.span() for m in header.date_matches(formats, text)] == [
        m.span() for m in header.date_matches(ungated, text)]


def test_user_formats_are_gated_where_their_text_tells(user_formats: dict[str, _Formats]) -> None:
    chars = {source: None if f[0].gate is None else f[0].gate.char for source, f in user_formats.items()}
    assert chars == {_USER_FORMATS[0]: None, _USER_FORMATS[1]: "/", _USER_FORMATS[2]: None,
                     _USER_FORMATS[3]: "/", _USER_FORMATS[4]: None, _USER_FORMATS[5]: "/",
                     _USER_FORMATS[6]: None}
    word = user_formats[_USER_FORMATS[6]][0].gate  # a word, searched in any case
    assert word is not None and word.found("31 tháng 3, 2025") and not word.found("31 thang 3")


@pytest.mark.parametrize(("source", "runs"), [
    ("(?:ngày\\s+)?{day}\\s+tháng\\s+{month}(?:\\s+năm\\s+|\\s*,\\s*|\\s+){year}", ["tháng"]),
    ("{day}th of {month-name}", ["th of "]),
    ("abc+de", ["ab", "de"]),  # a repeated character is next to neither neighbour for sure
    ("ab{2}cd?e", ["a", "c", "e"]),
    ("xy{,3}zzz", ["x", "zzz"]),
    ("[abc]def\\.ghi", ["def", "ghi"]),  # classes and escapes end a run
    ("ab\\N{EN DASH}cd\\x2def\\u00e9gh", ["ab", "cd", "ef", "gh"]),
    ("(?P<s>a)xyz\\1234w", ["xyz", "4w"]),  # an octal escape (\123), then "4w"
    ("(?P<s>a)xyz\\1-4w", ["xyz", "-4w"]),  # a back-reference: one digit
    ("a]b{c}d", ["a]b{c}d"]),  # "]", "{" and "}" stand for themselves here
    ("(?:ngày){day}", []),  # in a group: may be an alternative or optional
    ("tháng {day}|{day}", []),
    ("(?x)tháng {day}", []),
])
def test_runs_of_letters_every_match_holds_are_read_from_the_text(source: str, runs: list[str]) -> None:
    assert _literal_runs(source) == runs


_REGEX_PIECES = st.sampled_from([
    "a", "b", "-", "/", "]", "{", "}", "\\-", "\\/", "\\.", "[ab]", "[]a]", "[^-]", "(?:a|b)", "(a)",
    "(?P<g>-)", "\\1", "\\2", "\\055", "\\0", "\\x2d", "\\N{SOLIDUS}", "\\d", "(?#a)", "?", "*", "+",
    "??", "{2}", "{0,2}", "{,2}", "{1,}", ".", "^", "$", "|", "(", ")", "(?P=g)", "(?i)", "(?=a)",
    "(?<!b)", "(?(1)a|b)",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_REGEX_PIECES, min_size=1, max_size=8).map("".join),
       st.lists(st.sampled_from(["a", "b", "-", "/", "]", "{", "}", ".", "1", "2", "aa", "--"]),
                max_size=12).map("".join))
def test_both_readings_of_a_format_hold_for_every_match(source: str, text: str) -> None:
    """What ``_required`` and ``_literal_runs`` read from a format's text is in every match
    of it, in that order (the scanners share one tokenizer, ``_items``)."""
    try:
        pattern = re.compile(source)
    except re.error:
        return
    required, runs = _required(source), _literal_runs(source)
    for match in pattern.finditer(text):
        found = match.group()
        for run in runs:
            assert run in found
        at = 0
        for item in required:
            at = found.index(item, at) + 1  # ValueError: not in the match after the last one


def test_the_tokenizer_reads_escapes_classes_comments_groups_and_back_references() -> None:
    items = _items("(?P<d>{day})\\1\\.\\d[]/]?(?#x)a{0,2}\\N{SOLIDUS}\\x2d\\0552|b")
    assert [(item.kind, item.text, item.depth) for item in items] == [
        ("open", "(?P<d>", 0), ("macro", "{day}", 1), ("close", "", 0), ("other", "", 0),
        ("escape", ".", 0), ("other", "", 0), ("other", "", 0), ("quantifier", "?", 0),
        ("other", "", 0), ("plain", "a", 0), ("quantifier", "{0,2}", 0), ("other", "", 0),
        ("other", "", 0), ("other", "", 0), ("plain", "2", 0), ("alternative", "", 0),
        ("plain", "b", 0)]
    groups = _items("(?:a)(?=b)(?<!c)(?i:d)(?P=d)(?i)(?(1)e)(f)")
    assert [(item.kind, item.text, item.depth) for item in groups] == [
        ("open", "(?:", 0), ("plain", "a", 1), ("close", "", 0),
        ("open", "(?=", 0), ("plain", "b", 1), ("close", "", 0),
        ("open", "(?<!", 0), ("plain", "c", 1), ("close", "", 0),
        ("open", "(?i:", 0), ("plain", "d", 1), ("close", "", 0),
        ("other", "", 0), ("other", "", 0),
        ("open", "(?(1)", 0), ("plain", "e", 1), ("close", "", 0),
        ("open", "(", 0), ("plain", "f", 1), ("close", "", 0)]


def test_a_format_with_only_a_word_to_go_by_is_gated_by_it() -> None:
    rule = make_config(RULE).rule(RULE)
    assert rule is not None
    gates = {fmt.source: fmt.gate for fmt in rule.options.strict}
    thang = gates["(?:ngày\\s+)?{day}\\s+tháng\\s+{month}(?:\\s+năm\\s+|\\s*,\\s*|\\s+){year}"]
    assert thang is not None and thang.char is None
    assert thang.found("HÀ NỘI, NGÀY 31 THÁNG 3 NĂM 2025") and not thang.found("31/3/2025")
    assert lint(article("Hà Nội, ngày 31 THÁNG 3 năm 2025"), RULE) == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["A", "b", "U.S", ".", "!", "?", "…", "。", "”", "\"", ")", "»", "'",
                                 " ", "\t", "\u00a0", "x."]), max_size=10).map("".join))
def test_sentence_end_searched_from_the_end_agrees_with_the_pattern(text: str) -> None:
    assert header._ends_sentence(text) is (header._SENTENCE_END.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=30), st.text("0123456789", max_size=6))
def test_a_year_on_an_ascii_line_is_found_by_the_range_as_by_digit(head: str, digits: str) -> None:
    text = head + digits + head
    assert (_ASCII_YEAR_DIGITS.search(text) is None) is (_YEAR_DIGITS.search(text) is None)


def test_a_line_beyond_ascii_is_searched_for_any_decimal_digits() -> None:
    doc = Document("<t>", "Tiêu đề\nNgày ٢٠٢٥\n\n" + LEAD + "\n")
    line = doc.lines[1]
    assert header._searchable(make_config(RULE).rule(RULE).options, line, "header") == line.text  # type: ignore[union-attr]
