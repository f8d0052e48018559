"""How dates are written, at the level of single tokens: month names and their
abbreviations, numeric dates, years, Vietnamese weekday names.

The full date vocabulary of ``missing-date`` (formats, labels, orders) is rule data in
``rules/missing-date.yaml``; what is here is what other kinds need to *recognise* a date
so as to leave it alone ("Thứ năm, 01/10/2020" is a date line, "2021" is a year).
"""

from __future__ import annotations

import re

from .regex.lazy import LazyPattern

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
# The usual English abbreviations ("Sept" as well as "Sep"; "May" has none).
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
# A regex alternation of the month names and abbreviations, lower case.
MONTHS = "|".join((*(name.lower() for name in MONTH_NAMES), *MONTH_ABBREVIATIONS))
# Numeric dates: 21/04/2021 (either order) and 2021-04-21. Digits may touch letters: spam
# glued to a date leaves it a date ("21/04/2021win").
NUMERIC_DATE = r"(?<!\d)\d{1,2}/\d{1,2}/\d{2,4}(?!\d)|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)"
# Vietnamese weekdays: "thứ hai" (Monday) to "thứ bảy" (Saturday), "chủ nhật" (Sunday).
VIETNAMESE_WEEKDAYS = r"\bthứ (?:hai|ba|tư|năm|sáu|bảy)\b|\bchủ nhật\b"
# A date-like token: a numeric date, "March 5" / "Sept. 5", or a Vietnamese weekday.
DATE = LazyPattern(
    rf"{NUMERIC_DATE}|\b(?:{MONTHS})\.? \d{{1,2}}(?!\d)|{VIETNAMESE_WEEKDAYS}",
    re.IGNORECASE,
)
# A year of news: 1800-2099.
YEAR = LazyPattern(r"1[89]\d\d|20\d\d")
