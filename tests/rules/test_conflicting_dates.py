"""Rule ``conflicting-dates``: two publication dates in the header that cannot both be right.

Test sentences are written for these tests; none are copied from the dev-eval set or from the
real pages used to check the rule.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from lint_news.config import Config
from lint_news.core.document import Document
from lint_news.core.model import Finding, Severity

from ..conftest import ROOT, fix, lint, make_config, spans

RULE = "conflicting-dates"
LEAD = "HÀ NỘI — The minister said on Tuesday that the two countries would deepen trade ties."


def article(date_lines: str | None, title: str = "Vietnam and US deepen trade ties", prefix: str = "") -> str:
    head = prefix + title
    lines = [head] + ([date_lines] if date_lines is not None else []) + ["", LEAD]
    return "\n".join(lines) + "\n"


def config_with(tmp_path: Path, **options: object) -> Config:
    body = json.dumps({"rules": {RULE: {k.replace("_", "-"): v for k, v in options.items()}}},
                      ensure_ascii=False)
    return make_config(RULE, tmp=tmp_path, yaml_text=body)


def heads(findings: list[Finding]) -> list[str]:
    return [f.message.split(":")[0] for f in findings]


def row_of(text: str, finding: Finding) -> int:
    return Document("<t>", text).position(finding.start)[0]


# ----- what conflicts ----------------------------------------------------------------------


def test_two_date_lines_a_year_apart() -> None:
    text = article("Ngày đăng 23/09/2024 | 12:43 PM\nMarch 20, 2025 - 21:38")
    findings = lint(text, RULE)
    assert spans(text, findings) == ["March 20, 2025"]
    assert findings[0].message == ("conflicting dates in the header: 'March 20, 2025' (2025-03-20) "
                                   "but line 2 has '23/09/2024' (2024-09-23)")
    assert findings[0].severity is Severity.WARNING
    assert findings[0].fix is None
    assert fix(text, RULE, unsafe=True) == text


def test_the_date_prefix_and_a_date_line_a_week_apart() -> None:
    text = article("Thứ tư, 26/03/2025 08:15", prefix=" date 2025-03-19 ")
    findings = lint(text, RULE)
    assert spans(text, findings) == ["26/03/2025"]
    assert findings[0].message == ("conflicting dates in the header: '26/03/2025' (2025-03-26) "
                                   "but the date prefix has '2025-03-19' (2025-03-19)")
    assert row_of(text, findings[0]) == 2


def test_the_nearest_label_decides_which_date_is_the_update() -> None:
    text = article("Cập nhật 25/09/2024 08:00 | Ngày đăng 23/09/2024\n25/09/2024")
    findings = lint(text, RULE)
    assert heads(findings) == ["conflicting dates in the header"]
    assert row_of(text, findings[0]) == 3


def test_decomposed_vietnamese_labels() -> None:
    both = unicodedata.normalize("NFD", "Cập nhật 25/09/2024 | Ngày đăng 23/09/2024") + "\n25/09/2024"
    assert heads(lint(article(both), RULE)) == ["conflicting dates in the header"]


def test_date_order_decides_what_conflicts(tmp_path: Path) -> None:
    pair = article("03/04/2025\nApril 3, 2025")
    assert lint(pair, RULE) == []  # day-first: both are 3 April
    month_first = config_with(tmp_path, date_order="month-first")
    assert heads(lint(pair, RULE, config=month_first)) == ["conflicting dates in the header"]


# ----- what does not -----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    # a day apart: one moment in two time zones (a site stamping pages in US Pacific time)
    article("March 19, 2025 | 17:05 PDT", prefix=" date 2025-03-20 "),
    article("Thursday, March 20, 2025\nFriday, 21/03/2025"),
    article("31/12/2024 | 23:10 GMT\nJanuary 1, 2025"),  # across a new year
    # the same date twice
    article("23/09/2024\nMonday, September 23, 2024"),
    article("September 23, 2024", prefix=" date 2024-09-23 "),
    # an update, a modification or a repost
    article("Ngày đăng 23/09/2024\nCập nhật 25/09/2024 08:00"),
    article("Published 23/09/2024 | Updated 25/09/2024"),
    article("March 20, 2025\nOriginally published 02/01/2019"),
    article("March 20, 2025\nFirst published on January 2, 2019"),
    article("Đăng lại ngày 20/03/2025\nNgày 02/01/2019"),
    article("Modified 2025-03-28 | Posted 2025-03-20", prefix=" date 2025-03-20 "),
    # two dates on one line: a range
    article("10/10/2020 - 15/10/2020"),
    # a date inside a photo caption is the day of the event
    article("VinFast workers at the Hải Phòng plant on March 12, 2025 (Photo: VNA)",
            prefix=" date 2025-03-20 "),
    # the prefix alone, a month-only prefix, and no date at all are not conflicts
    article(None, prefix=" date 2025-03-20 "),
    article("March 2, 2025", prefix=" date 2025-03 "),
    article(None),
    "",
])
def test_no_conflict(text: str) -> None:
    assert lint(text, RULE) == []


def test_a_dateline_in_the_lead_is_part_of_the_story() -> None:
    text = ("Vietnam and US deepen trade ties\nMarch 20, 2025\n\n"
            "HÀ NỘI, March 12, 2025 — The minister said the two countries would deepen ties.\n")
    assert lint(text, RULE) == []


def test_tolerance_is_an_option(tmp_path: Path) -> None:
    text = article("March 19, 2025 | 17:05 PDT", prefix=" date 2025-03-20 ")
    strict = config_with(tmp_path, conflict_tolerance_days=0)
    assert heads(lint(text, RULE, config=strict)) == ["conflicting dates in the header"]
    loose = config_with(tmp_path, conflict_tolerance_days=10)
    assert lint(article("Thứ tư, 26/03/2025", prefix=" date 2025-03-19 "), RULE, config=loose) == []


def test_missing_date_and_conflicting_dates_report_apart() -> None:
    text = article("Ngày đăng 23/09/2024 | 12:43 PM\nMarch 20, 2025 - 21:38")
    assert lint(text, "missing-date") == []
    assert [f.rule for f in lint(text, "missing-date", RULE)] == [RULE]


# ----- the date vocabulary is the one missing-date reads ----------------------------------


def test_the_date_vocabulary_is_missing_dates() -> None:
    def options(rule: str) -> dict[str, object]:
        data = yaml.safe_load((ROOT / "rules" / f"{rule}.yaml").read_text(encoding="utf-8"))
        return dict(data["options"])

    mine, theirs = options(RULE), options("missing-date")
    assert mine.pop("check") == "conflicting" and theirs.pop("check") == "missing"
    assert mine.pop("conflict-tolerance-days") == 1
    for only_missing in ("partial-date-formats", "normalise", "normalised-line", "event-dates",
                         "caption-credits"):
        theirs.pop(only_missing)
    assert mine == theirs
