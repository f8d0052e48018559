"""Kind ``duplicate-block``: a run of paragraphs that the scraper picked up twice.

Why it matters: a repeated block skews every statistic a seed feeds (token counts, n-gram
frequencies, near-duplicate detection between articles) and is never what the author wrote.
Scrapers produce it in two ways: a page renders the same body paragraphs twice, or a
"RELATED NEWS" box is rendered again below itself (seed 000: three items, lines 31–49 again at
81–99, the second copy carrying bylines such as "THANH TUẤN |" where the first has a bare "|").

How it works, and why this way:

- The unit is a non-blank line (a paragraph in both layouts: with blank lines between
  paragraphs and without). Lines that hold only a separator or a byline with a separator
  ("|", "THANH TUẤN |") are left out of the sequence, so the two copies of seed 000 align even
  though their debris differs, and blank-line layout never matters.
- Each paragraph gets a key (whitespace collapsed, NFC, case folded) and is looked up in a hash
  index of the earlier ones; a few earlier occurrences at most are tried (``max-candidates``),
  and a paragraph with a small edit is found through an index of its first and last characters.
  A seed pair is then grown forwards and backwards while the paired paragraphs are equal or at
  least ``similarity`` alike. Similarity (difflib) is only computed on such aligned pairs, so
  the cost stays linear in the file, never quadratic.
- A single repeated paragraph is normal in news: Vietnamese pages repeat the title or the lead
  as a photo caption, and seed 004 repeats its title on line 2 (``seo-spam`` uses that copy as
  proof of the clean title). One paragraph is reported only from ``long-paragraph`` characters,
  and a repeat of the title line never. Short lists and short quotes stay under ``min-chars``.
- Two short paragraphs reprinted in the middle of the body, away from their first copy, are what
  a page's photo captions look like (the lead and a caption printed again under a photo); such a
  small block is reported only where scrapers put repeats: right after its first copy, or at the
  end of the file.

The later copy is reported, pointing at the first. Fix: delete the later copy together with its
blank lines (so the paragraph spacing around it stays as it was). ``safe`` when every line of the
copy equals the first copy's after whitespace normalisation (nothing can be lost); ``unsafe``
when it is a near copy (case, bylines or small edits differ: the message says which line).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...core.document import BOM, Document, Line
from ...core.lazy import lazy_module
from ...core.model import Applicability, Finding, Fix
from ...core.options import KindOptions, option_error
from ...core.rule import Rule
from ...text.paragraphs import paragraph_keys
from ...text.regex.lazy import LazyPattern
from ...text.regex.prefilter import literal_prefilter
from ...text.regex.safety import compile_alternatives
from .align import _NEAR_KEY, _NEAR_MIN, Index, Matcher, Run, common_prefix, flatten, grow

if TYPE_CHECKING:  # the type checker sees the real module
    from ...text import similarity
else:  # difflib, for the message of a near copy
    similarity = lazy_module("lint_news.text.similarity")

__all__ = ["Options", "check"]

_TRAILING_MAX = 200  # paragraphs after a small copy for it to count as at the end
_WORK_PER_LINE = 64  # paragraph comparisons allowed per paragraph of the file (hard bound)


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by KindOptions
class Options(KindOptions):
    similarity: float = 0.9
    min_paragraphs: int = 2
    min_chars: int = 100
    long_paragraph: int = 200
    max_candidates: int = 8
    separator_lines: tuple[str, ...] = (
        r"[|¦•·*_=~\-–—/\\]+",
        r"(?:[^\W\d_][^\W\d_.'’\-]*\.?\s+){0,3}[^\W\d_][^\W\d_'’\-]*\.?\s*\|",
        r"\|\s*(?:[^\W\d_][^\W\d_.'’\-]*\.?\s+){0,3}[^\W\d_][^\W\d_'’\-]*\.?",
    )
    separator_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    # what every separator line holds ("|", a dash...): a line without it is no separator
    separator_prefilter: LazyPattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 0.5 <= self.similarity <= 1.0:
            raise option_error("similarity", f"must be between 0.5 and 1.0, not {self.similarity}")
        for key, value in (("min-paragraphs", self.min_paragraphs), ("min-chars", self.min_chars),
                           ("long-paragraph", self.long_paragraph),
                           ("max-candidates", self.max_candidates)):
            if value < 1:
                raise option_error(key, f"must be at least 1, not {value}")
        separator = compile_alternatives("separator-lines", self.separator_lines)
        object.__setattr__(self, "separator_regex", separator)
        object.__setattr__(self, "separator_prefilter", literal_prefilter(separator))

    def is_separator(self, text: str) -> bool:
        """Whether a line holds only a separator or a byline with one (not a paragraph)."""
        return (self.separator_prefilter.search(text) is not None
                and self.separator_regex.fullmatch(_clean(text)) is not None)


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    keys = doc.derived(paragraph_keys)
    shared = _sharing(doc, options, keys)
    if not shared:
        # no paragraph has an earlier one to align with: only the title's copy may be reported
        pair = _title_and_next(doc, options, keys)
        if pair is not None:
            title, copy = pair
            piece = _title_without_tail(keys[title.index], keys[copy.index], flatten(title.text))
            if piece is not None:
                yield _title_copy_finding(doc, rule, copy, piece)
        return
    units = [line for line in doc.lines if keys[line.index] and not options.is_separator(line.text)]
    if len(units) < 2:
        return
    flat = [flatten(line.text) for line in units]
    unit_keys = [keys[line.index] for line in units]
    at = next((k for k, unit in enumerate(units) if unit.index == doc.title_line), None)
    if at is not None and at + 1 < len(units):
        piece = _title_without_tail(unit_keys[at], unit_keys[at + 1], flat[at])
        if piece is not None:
            yield _title_copy_finding(doc, rule, units[at + 1], piece)
    matcher = Matcher(options.similarity, unit_keys, flat)
    index = Index(unit_keys, options.max_candidates)
    budget = _WORK_PER_LINE * len(units) + 1000
    last_copy_end = -1
    j = 0
    while j < len(units):
        # a paragraph that shares nothing with another is never a candidate nor has one
        candidates = index.visit(j) if units[j].index in shared else []
        best: Run | None = None
        best_rank = (False, 0)
        for i in candidates:
            if budget <= 0:
                break
            run = grow(matcher, i, j, last_copy_end, flat)
            budget -= run.j_end - run.j + 2
            rank = (_reportable(doc, options, units, flat, run), run.chars)
            if best is None or rank > best_rank:
                best, best_rank = run, rank
        if best is not None and best_rank[0]:
            yield _finding(doc, rule, units, best)
            last_copy_end = best.j_end
            for k in range(j + 1, last_copy_end + 1):
                if units[k].index in shared:
                    index.visit(k)
            j = last_copy_end + 1
            continue
        j += 1


_HEAD = operator.itemgetter(slice(None, _NEAR_KEY))
_TAIL = operator.itemgetter(slice(-_NEAR_KEY, None))


def _sharing(doc: Document, options: Options, keys: list[str]) -> set[int]:
    """The paragraphs (line indices) that ``Index`` could pair with another: those sharing
    their key, or (both at least ``_NEAR_MIN`` long) their first or last ``_NEAR_KEY``
    characters, with another paragraph; separator lines are no paragraphs.

    Why: most files repeat nothing, and then aligning is wasted work. Two set sizes over the
    keys (shared with any rule that asks for them) answer for most files in C: equal keys
    have equal starts, so when no two lines share a start or an end, nothing is shared. Only
    otherwise are the lines grouped, and only the grouped ones tested as separators (a file
    whose only repeats are its "|" lines skips the alignment too). The alignment then indexes
    only these paragraphs: the others are nobody's candidates.
    """
    blank = keys.count("")
    distinct = len(keys) - blank + (1 if blank else 0)
    if len(set(map(_HEAD, keys))) == distinct and len(set(map(_TAIL, keys))) == distinct:
        return set()
    # equal keys (short lines), equal starts and equal ends (the others): a table each, so
    # that no key is built for a line (the groups are the same)
    exact: dict[str, list[int]] = {}
    heads: dict[str, list[int]] = {}
    tails: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if not key:
            continue
        if len(key) < _NEAR_MIN:
            exact.setdefault(key, []).append(index)
        else:
            heads.setdefault(key[:_NEAR_KEY], []).append(index)
            tails.setdefault(key[-_NEAR_KEY:], []).append(index)
    lines = doc.lines
    shared: set[int] = set()
    for table in (exact, heads, tails):
        for members in table.values():
            if len(members) > 1:
                paragraphs = [i for i in members if not options.is_separator(lines[i].text)]
                if len(paragraphs) > 1:
                    shared.update(paragraphs)
    return shared


def _title_and_next(doc: Document, options: Options, keys: list[str]) -> tuple[Line, Line] | None:
    """The title line and the paragraph after it (separator lines left out), when the title
    is a paragraph itself."""
    title = doc.title_line
    if title is None:
        return None
    lines = doc.lines
    if options.is_separator(lines[title].text):
        return None
    for line in lines[title + 1 :]:
        if keys[line.index] and not options.is_separator(line.text):
            return lines[title], line
    return None


def _title_without_tail(whole: str, copy: str, title: str) -> str | None:
    """The piece cut out of the title (keys ``whole``, flattened text ``title``) when the
    title's next paragraph (key ``copy``) is the title with one piece cut out at word
    boundaries, the piece glued to the title without a space: seed 004's "Title_spam" over
    "Title".

    Why: once the piece is removed from the title (seo-spam's fix, or a person's), the two
    lines are the same title printed twice. Reported here, before that fix, so one pass of
    fixes leaves one title; an exact repeat of the title is left alone (pages print a title
    twice on purpose, and seo-spam reads the clean copy as proof). Deleting the copy loses no
    word: each of its words is in the title line."""
    if (len(copy) < _TITLE_COPY_MIN or len(copy) >= len(whole) or len(copy.split()) < 3
            or (copy[0] != whole[0] and copy[-1] != whole[-1])):
        # (the copy either starts as the title does or ends as it does: most lines after a
        # title do neither, and are not compared further)
        return None
    head = min(common_prefix(whole, copy), len(copy))
    rest = len(copy) - head
    if rest and whole[len(whole) - rest :] != copy[head:]:
        return None
    piece = whole[head : len(whole) - rest]
    edges = (whole[head - 1 : head + 1], whole[len(whole) - rest - 1 : len(whole) - rest + 1])
    split_word = any(len(edge) == 2 and edge.isalnum() for edge in edges)
    if not piece.strip() or piece != piece.strip() or split_word:
        # a piece set off by spaces is a subtitle or a site name ("Title - Site"), a page's
        # own choice; one that splits a word makes a different title, not a copy
        return None
    if len(title) == len(whole):  # show the piece as written (keys are case folded)
        piece = title[head : len(whole) - rest]
    return piece


_TITLE_COPY_MIN = 20  # characters of a title copy (shorter lines are labels, not titles)


def _title_copy_finding(doc: Document, rule: Rule, line: Line, piece: str) -> Finding:
    start, end = doc.deletion_span(line.index, line.index)
    title = doc.title_line if doc.title_line is not None else 0
    message = (f"repeated title: line {line.index + 1} repeats the title (line {title + 1}) "
               f"without {_short(piece.strip())}")
    fix = Fix.delete(start, end, "Delete the repeated title (each of its words is in the title)",
                     Applicability.SAFE)
    return rule.finding(line.start, line.end, message, fix)


def _clean(text: str) -> str:
    return text.strip().lstrip(BOM).strip()



def _reportable(doc: Document, options: Options, units: list[Line], flat: list[str], run: Run) -> bool:
    if run.pairs == 0:
        return False
    longest = max(len(flat[k]) for k in range(run.j, run.j_end + 1))
    if run.pairs < options.min_paragraphs:
        if run.pairs == 1 and units[run.i].index == doc.title_line:
            return False  # a repeated title is a caption or the clean copy of a spammed title
        if run.j == run.i_end + 1:
            return False  # one paragraph twice in a row: a template's standfirst or caption
        return longest >= options.long_paragraph
    if run.chars < options.min_chars:
        return False
    if run.pairs >= 3 or longest >= options.long_paragraph:
        return True
    # Two short paragraphs: captions when reprinted mid-body; a scraper's repeat when they sit
    # right after their first copy or at the end of the file.
    adjacent = run.j == run.i_end + 1
    return adjacent or _trailing(doc, units, run.j_end + 1)


def _trailing(doc: Document, units: list[Line], after: int) -> bool:
    """Whether only page furniture follows unit ``after - 1``: short lines (bylines, sources,
    headings) and the headlines and blurbs of a related-news box (paragraphs next to a
    separator line). A copy with more than ``_TRAILING_MAX`` paragraphs after it is not at the
    end of the file (and that bound keeps this check cheap)."""
    rest = units[after:]
    if len(rest) > _TRAILING_MAX:
        return False
    limit = doc.structure.body_min_words
    lines = doc.lines
    for k, unit in enumerate(rest, start=after):
        if len(unit.text.split()) < limit:
            continue
        before = units[k - 1].index if k > 0 else -1
        following = units[k + 1].index if k + 1 < len(units) else len(lines)
        near_separator = any(not line.is_blank for line in lines[before + 1 : unit.index]) or any(
            not line.is_blank for line in lines[unit.index + 1 : following])
        if not near_separator:
            return False
    return True


def _finding(doc: Document, rule: Rule, units: list[Line], run: Run) -> Finding:
    first, last = units[run.j], units[run.j_end]
    orig_first, orig_last = units[run.i], units[run.i_end]
    copy_lines = _nonblank_texts(doc, first.index, last.index)
    orig_lines = _nonblank_texts(doc, orig_first.index, orig_last.index)
    where = (f"lines {first.index + 1}–{last.index + 1} repeat lines "
             f"{orig_first.index + 1}–{orig_last.index + 1}")
    if run.j == run.j_end and run.i == run.i_end:
        where = f"line {first.index + 1} repeats line {orig_first.index + 1}"
    what = "paragraph" if run.pairs == 1 else f"{run.pairs} paragraphs"
    # Related-news items are headline / separator / blurb: count them by their separators.
    separators = [line for line in doc.lines[first.index : last.index + 1]
                  if not line.is_blank and rule.options.is_separator(line.text)]
    if separators:
        items = len(separators)
        what = f"{items} related-news item{'s' if items > 1 else ''}, {what}"
    start, end = doc.deletion_span(first.index, last.index)
    if copy_lines == orig_lines:
        message = f"repeated block ({what}): {where}"
        fix = Fix.delete(start, end, "Delete the repeated copy", Applicability.SAFE)
    else:
        difference = _difference(doc, first.index, last.index, orig_first.index, orig_last.index)
        message = f"near-repeated block ({what}): {where}; {difference}"
        fix = Fix.delete(start, end, f"Delete the near copy ({difference})", Applicability.UNSAFE)
    return rule.finding(first.start, last.end, message, fix)


def _nonblank_texts(doc: Document, first: int, last: int) -> list[str]:
    return [flatten(line.text) for line in doc.lines[first : last + 1] if not line.is_blank]


def _difference(doc: Document, first: int, last: int, orig_first: int, orig_last: int) -> str:
    """The first line that differs between the copy and the first copy, in words."""
    # difflib's opcodes, from fastdiff: difflib itself is quadratic on long runs of equal lines
    copy = [line for line in doc.lines[first : last + 1] if not line.is_blank]
    orig = [line for line in doc.lines[orig_first : orig_last + 1] if not line.is_blank]
    matcher = similarity.Matcher(*similarity.as_text([flatten(o.text) for o in orig],
                                                     [flatten(c.text) for c in copy]))
    for tag, o1, _o2, c1, _c2 in matcher.get_opcodes():
        if tag == "replace":
            a, b = copy[c1], orig[o1]
            return f"differs at line {a.index + 1} {_short(a.text)} vs line {b.index + 1} {_short(b.text)}"
        if tag == "insert":
            return f"line {copy[c1].index + 1} {_short(copy[c1].text)} is only in the copy"
        if tag == "delete":
            return f"line {orig[o1].index + 1} {_short(orig[o1].text)} is only in the first copy"
    return "differs in spacing"  # pragma: no cover - callers only ask when the lines differ


def _short(text: str, width: int = 40) -> str:
    text = flatten(text)
    return repr(text if len(text) <= width else text[: width - 1] + "…")
