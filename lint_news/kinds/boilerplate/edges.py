"""Furniture found by its place: labels above the title, and the run of short lines after the
article's last paragraph. Both look at the document's edges only, and each line they take is
marked in ``taken`` so that no other detector reports it again."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...core.document import BOM, Document, Line
from ...core.model import Finding, Fix
from ...core.rule import Rule
from ...text.regex.lazy import LazyPattern
from .findings import UNSAFE, show, whole_line
from .furniture import DATE_PREFIX, FURNITURE_MAX_WORDS, SENTENCE_END, flat
from .gates import LineFacts

_LIST_ITEM = LazyPattern(r"\s*(?:[-•*+▪●]|\d{1,2}[.)])\s")
# a result, a score or a table's number cell: the story's data at its end, not furniture
_TABLE_CELL = LazyPattern(r"^\d[\d.,]*$|\d\s*[-–:]\s*\d")


def section_labels(doc: Document, rule: Rule) -> Iterator[Finding]:
    labels = doc.section_label_lines
    if not labels or doc.title_line is None:
        return
    for index in labels:
        line = doc.lines[index]
        start, end = doc.deletion_span(index, index)
        yield rule.finding(line.start, line.end, f"section label above the title: {show(line.text.strip())}",
                           Fix.delete(start, end, "Delete the section label", UNSAFE))


def labels_above_title(doc: Document, rule: Rule, nonblank: list[Line],
                        taken: set[int]) -> Iterator[Finding]:
    """Site names and section labels above the title ("Business", "Thời sự"): short lines
    before the first headline-shaped line, when a body follows it. Only lines of one to three
    words without digits or punctuation count, so a short title over a standfirst stays, and
    lines the story never repeats: a short title over a deck names what the story is about."""
    labels: list[Line] = []
    headline: Line | None = None
    after_headline = 0  # where in ``nonblank`` the lines after the headline start
    for k, line in enumerate(nonblank[:6]):
        text = line.text.strip().lstrip(BOM).strip()
        if line.index == 0 and DATE_PREFIX.match(line.text):
            continue
        words = text.split()
        if len(words) >= 4:
            headline = line
            after_headline = k + 1
            break
        if any(not c.isalpha() and c not in " '’&" for c in text):
            return
        labels.append(line)
    if headline is None or not labels:
        return
    text = headline.text.strip()
    if len(text.split()) > 30 or text.endswith(SENTENCE_END):
        return
    after = nonblank[after_headline:after_headline + 4]  # (``nonblank`` is in line order)
    if not any(len(ln.text.split()) >= 15 for ln in after):
        return
    story = " ".join(ln.text for ln in (headline, *after)).casefold()
    for line in labels:
        if line.index in taken:
            continue
        phrase = " ".join(line.text.casefold().split())
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", story):
            continue  # a short title over a deck: the story names it again; a label it doesn't
        taken.add(line.index)
        yield whole_line(doc, rule, line, "site name or section label above the title", UNSAFE,
                          line.text.strip())


def _repeats_above(nonblank: list[Line], k: int, text: str, first: dict[str, int],
                   trimmed: list[str]) -> bool:
    """Whether ``text`` (line ``k``) was printed before, not right above it. Only lines that
    start with the same character and are at least as long can be the same line (``flat``
    only shortens a line); ``first`` (where each line first occurs) serves the rare text
    that strips to nothing. ``trimmed``: each line stripped (``LineFacts.trimmed``)."""
    target = flat(text)
    if not target:
        if not first:
            for at, line in enumerate(nonblank):
                first.setdefault(flat(line.text), at)
        return first.get(target, k) < k - 1
    head = target[0]
    size = len(target)
    for at in range(k - 1):
        other = trimmed[nonblank[at].index]
        if other[:1] == head and len(other) >= size and flat(other) == target:
            return True
    return False


def _outlet_name(text: str) -> bool:
    """One word alone after the article: an outlet's or site's name ("Zingnews"), never a
    byline, which names a person in two words or more."""
    word = text.strip()
    return len(word) >= 3 and word.isalpha() and word[0].isupper() and " " not in word


def trailing_furniture(doc: Document, rule: Rule, nonblank: list[Line],
                        taken: set[int], facts: LineFacts) -> Iterator[Finding]:
    """The short lines after the article's last paragraph: form fields, buttons, credits,
    legends, other stories' headlines. Each must be short and not end like a sentence, and
    list items, scores and number cells stop the run (an article may end with a list, a
    table or results). One short line alone is a
    byline and stays (also next to furniture found otherwise), unless it is one word (an
    outlet's name); two or more go. ``facts``: each line stripped, and its words counted up
    to a number above ``FURNITURE_MAX_WORDS``."""
    run: list[Line] = []
    seen: dict[str, int] = {}
    stripped, trimmed, words = facts.stripped, facts.trimmed, facts.words
    for k in range(len(nonblank) - 1, -1, -1):
        line = nonblank[k]
        if line.index in taken:
            run.append(line)
            continue
        text = stripped[line.index]
        if (words[line.index] > FURNITURE_MAX_WORDS or text.endswith(SENTENCE_END)
                or _LIST_ITEM.match(line.text) or _TABLE_CELL.search(text)
                or _repeats_above(nonblank, k, text, seen, trimmed)):
            break  # a line printed again above is a repeat: duplicate-block's
        run.append(line)
    else:
        return  # nothing but short lines: no article to end
    run.reverse()
    fresh = [line for line in run if line.index not in taken]
    if len(fresh) == 1 and _outlet_name(fresh[0].text):
        line = fresh[0]
        taken.add(line.index)
        yield whole_line(doc, rule, line, "credit line (an outlet's name)", UNSAFE, line.text.strip())
        return
    if len(fresh) < 2:
        return
    groups: list[list[Line]] = []
    for line in run:
        if line.index in taken:
            groups.append([])
        elif groups and groups[-1]:
            groups[-1].append(line)
        else:
            groups.append([line])
    for group in groups:
        if not group:
            continue
        first, last = group[0], group[-1]
        taken.update(line.index for line in group)
        start, end = doc.deletion_span(first.index, last.index)
        what = "page furniture after the article" + (f" ({len(group)} lines)" if len(group) > 1 else "")
        yield rule.finding(first.start, last.end, f"{what}: {show(first.text.strip())}",
                           Fix.delete(start, end, "Delete the furniture", UNSAFE))
