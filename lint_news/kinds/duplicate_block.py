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

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..core.document import BOM, Document, Line
from ..core.model import Applicability, Finding, Fix
from ..core.options import option_error
from ..core.rule import Rule
from ..text.regex.lazy import LazyPattern
from ..text.regex.safety import compile_alternatives

_NEAR_KEY = 24  # characters of a paragraph's start and end indexed to find near copies
_NEAR_MIN = 40  # paragraphs shorter than this are matched exactly only
_CHAR_COMPARE_MAX = 2000  # longer pairs of paragraphs are compared word by word
_WORD_COMPARE_MAX = 4000  # and pairs longer than this in words only by shared start and end
_TRAILING_MAX = 200  # paragraphs after a small copy for it to count as at the end
_WORK_PER_LINE = 64  # paragraph comparisons allowed per paragraph of the file (hard bound)


@dataclass(frozen=True)
class Options:
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


@dataclass(frozen=True, slots=True)
class _Run:
    """Original units ``i..i_end`` align with copy units ``j..j_end``; ``pairs`` paragraphs
    matched (short byline-like lines present on one side only are bridged, not counted)."""

    i: int
    i_end: int
    j: int
    j_end: int
    pairs: int
    chars: int


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    units = [line for line in doc.lines
             if not line.is_blank and not options.separator_regex.fullmatch(_clean(line.text))]
    if len(units) < 2:
        return
    printable = _printable(doc)
    flat = [_flatten(line.text, printable) for line in units]
    keys = [_key(text) for text in flat]
    title_copy = _title_without_tail(doc, units, flat, keys)
    if title_copy is not None:
        yield _title_copy_finding(doc, rule, units, title_copy)
    matcher = _Matcher(options, keys, flat)
    index = _Index(keys, options.max_candidates)
    budget = _WORK_PER_LINE * len(units) + 1000
    last_copy_end = -1
    j = 0
    while j < len(units):
        candidates = index.visit(j)
        best: _Run | None = None
        best_rank = (False, 0)
        for i in candidates:
            if budget <= 0:
                break
            run = _grow(matcher, i, j, last_copy_end, flat)
            budget -= run.j_end - run.j + 2
            rank = (_reportable(doc, options, units, flat, run), run.chars)
            if best is None or rank > best_rank:
                best, best_rank = run, rank
        if best is not None and best_rank[0]:
            yield _finding(doc, rule, units, best)
            last_copy_end = best.j_end
            for k in range(j + 1, last_copy_end + 1):
                index.visit(k)
            j = last_copy_end + 1
            continue
        j += 1


def _title_without_tail(doc: Document, units: list[Line], flat: list[str],
                        keys: list[str]) -> tuple[int, str] | None:
    """The title's next paragraph when it is the title with one piece cut out at word
    boundaries, the piece glued to the title without a space (``(unit, piece)``): seed 004's
    "Title_spam" over "Title".

    Why: once the piece is removed from the title (seo-spam's fix, or a person's), the two
    lines are the same title printed twice. Reported here, before that fix, so one pass of
    fixes leaves one title; an exact repeat of the title is left alone (pages print a title
    twice on purpose, and seo-spam reads the clean copy as proof). Deleting the copy loses no
    word: each of its words is in the title line."""
    title = doc.title_line
    if title is None:
        return None
    at = next((k for k, unit in enumerate(units) if unit.index == title), None)
    if at is None or at + 1 >= len(units):
        return None
    whole, copy = keys[at], keys[at + 1]
    if len(copy) < _TITLE_COPY_MIN or len(copy.split()) < 3 or len(copy) >= len(whole):
        return None
    head = min(_common_prefix(whole, copy), len(copy))
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
    if len(flat[at]) == len(whole):  # show the piece as written (keys are case folded)
        piece = flat[at][head : len(whole) - rest]
    return at + 1, piece


_TITLE_COPY_MIN = 20  # characters of a title copy (shorter lines are labels, not titles)


def _title_copy_finding(doc: Document, rule: Rule, units: list[Line], title_copy: tuple[int, str]) -> Finding:
    at, piece = title_copy
    line = units[at]
    start, end = doc.deletion_span(line.index, line.index)
    title = doc.title_line if doc.title_line is not None else 0
    message = (f"repeated title: line {line.index + 1} repeats the title (line {title + 1}) "
               f"without {_short(piece.strip())}")
    fix = Fix.delete(start, end, "Delete the repeated title (each of its words is in the title)",
                     Applicability.SAFE)
    return rule.finding(line.start, line.end, message, fix)


def _clean(text: str) -> str:
    return text.strip().lstrip(BOM).strip()


def _flatten(text: str, printable: bool = False) -> str:
    """Whitespace normalisation: what "exact copy" means for the safe fix.

    Most lines are already normal: printable (so no whitespace but the plain space, and no
    byte-order mark), no double space, none at either end. Those are returned as they are,
    which saves splitting them into words and joining them again (twice as fast).
    ``printable``: the caller knows every line of the file is (``_printable``)."""
    if (printable or text.isprintable()) and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.lstrip(BOM).split())


def _printable(doc: Document) -> bool:
    """Whether every line of ``doc`` is printable, from the file's unusual characters (a
    small set the document computes once for all kinds) instead of a pass over each line."""
    text = doc.text
    return "\t" not in text and "\r" not in text and all(c.isprintable() for c in doc.unusual_characters)


def _key(text: str) -> str:
    """The paragraph's key: NFC, case folded. ASCII text is its own NFC and folds as it
    lowers; ``lower`` has a fast path for ASCII that ``casefold`` lacks."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).casefold()


class _Index:
    """The paragraphs seen so far, by key and (those of ``_NEAR_MIN`` characters or more) by
    their first and by their last ``_NEAR_KEY`` characters, so that a paragraph with a small
    edit is found too. Only the first ``limit`` occurrences of each are kept (bounded work)."""

    def __init__(self, keys: list[str], limit: int) -> None:
        self.keys = keys
        self.limit = limit
        self.exact: dict[str, list[int]] = {}
        self.heads: dict[str, list[int]] = {}
        self.tails: dict[str, list[int]] = {}

    def visit(self, j: int) -> list[int]:
        """Index paragraph ``j``; return the earlier paragraphs that may be copies of it (at
        most ``2 * limit``: equal ones first, then those sharing the start, then the end).
        One pass does both, since every paragraph is looked up and then indexed."""
        key, limit = self.keys[j], self.limit
        slot = self.exact.setdefault(key, [])
        found = slot.copy()
        if len(slot) < limit:
            slot.append(j)
        if len(key) >= _NEAR_MIN:
            for table, near_key in ((self.heads, key[:_NEAR_KEY]), (self.tails, key[-_NEAR_KEY:])):
                slot = table.setdefault(near_key, [])
                for i in slot:
                    if i not in found:
                        found.append(i)
                if len(slot) < limit:
                    slot.append(j)
        return found[: limit * 2]


class _Matcher:
    """Paragraph equality up to case and whitespace, or similarity above the threshold."""

    def __init__(self, options: Options, keys: list[str], flat: list[str]) -> None:
        self.threshold = options.similarity
        self.keys = keys
        self.flat = flat
        self.cache: dict[tuple[int, int], bool] = {}

    def same(self, a: int, b: int) -> bool:
        ka, kb = self.keys[a], self.keys[b]
        if ka == kb:
            return True
        if self.threshold >= 1.0 or min(len(ka), len(kb)) < _NEAR_MIN:
            return False
        cached = self.cache.get((a, b))
        if cached is None:
            cached = self.cache[(a, b)] = (_similar(ka, kb, self.threshold)
                                           and not _distinct(self.flat[a], self.flat[b]))
        return cached


def _similar(a: str, b: str, threshold: float) -> bool:
    """At least ``threshold`` alike (difflib's ratio), computed cheaply where possible.

    The length ratio bounds the similarity from above; a shared start and end bound it from
    below (one local edit, the usual case); only then is difflib run: on characters for
    paragraphs of ordinary length, on words for long ones, whose character comparison would
    cost quadratic time; huge ones count as alike only through their shared start and end.
    """
    total = len(a) + len(b)
    if 2 * min(len(a), len(b)) / total < threshold:
        return False
    prefix = _common_prefix(a, b)
    suffix = _common_prefix(a[prefix:][::-1], b[prefix:][::-1])
    if 2 * (prefix + suffix) / total >= threshold:
        return True
    from ..text.similarity import Matcher, as_text  # difflib: imported only when a pair needs it

    if total <= _CHAR_COMPARE_MAX:
        matcher = Matcher(a, b)  # difflib's ratio, computed at C speed
        return matcher.quick_ratio() >= threshold and matcher.ratio_reaches(threshold)
    split_a, split_b = a.split(), b.split()
    if len(split_a) + len(split_b) > _WORD_COMPARE_MAX:
        return False  # beyond this only a shared start and end count (bounded cost)
    words = Matcher(*as_text(split_a, split_b))  # one character per distinct word
    return words.quick_ratio() >= threshold and words.ratio_reaches(threshold)


_DIGITS = LazyPattern(r"\d+")
_WORDS = LazyPattern(r"\w+")
_NEAR_EDIT_WORDS = 3  # words a near copy may change (or a tenth of its words, if more)


def _distinct(a: str, b: str) -> bool:
    """Whether two alike paragraphs are different texts rather than one text copied twice.

    Why: a scraper's second copy differs from the first in spacing, case, a byline or a slip
    of a word or two; it never changes a number or a name. Paragraphs that share most words
    but not their numbers or names are two texts of one template: two circulars' clauses,
    or gallery captions that all open with the title and the alt text ("ảnh 1", "ảnh 2").
    So: other numbers, a capitalised word replaced by another, or more changed words than a
    small edit.
    """
    if sorted(_DIGITS.findall(a)) != sorted(_DIGITS.findall(b)):
        return True
    from ..text.similarity import Matcher, as_text

    words_a, words_b = _WORDS.findall(a), _WORDS.findall(b)
    folded_a, folded_b = [w.casefold() for w in words_a], [w.casefold() for w in words_b]
    changed = 0
    for tag, a1, a2, b1, b2 in Matcher(*as_text(folded_a, folded_b)).get_opcodes():
        if tag == "equal":
            continue
        changed += max(a2 - a1, b2 - b1)
        if tag == "replace" and any(w[:1].isupper() for w in words_a[a1:a2] + words_b[b1:b2]):
            return True  # a name replaced by another (a credit added to one copy is not)
    return changed > max(_NEAR_EDIT_WORDS, min(len(words_a), len(words_b)) // 10)


def _common_prefix(a: str, b: str) -> int:
    """Length of the shared start (binary search on slice equality: C-speed comparisons)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _grow(matcher: _Matcher, i: int, j: int, last_copy_end: int, flat: list[str]) -> _Run:
    """The longest aligned run through (i, j): the original must end before the copy starts
    and the copy must not reach back into an already reported copy.

    A short byline-like line on one side only ("THANH TUẤN" where the first copy has none,
    once a fix has removed its "|") is bridged, so one differing byline never splits a copy
    into pieces whose removal would leave the others stranded.
    """
    if not matcher.same(i, j):
        return _Run(i, i, j, j, 0, 0)
    pairs = 1
    chars = len(flat[j])
    end_i, end_j = i, j
    while True:
        step = _step(matcher, flat, end_i, end_j, 1, lambda a, b: b < len(flat) and a < j)
        if step is None:
            break
        end_i, end_j = step
        pairs += 1
        chars += len(flat[end_j])
    start_i, start_j = i, j
    floor = max(last_copy_end, end_i)
    while True:
        step = _step(matcher, flat, start_i, start_j, -1, lambda a, b: a >= 0 and b > floor)
        if step is None:
            break
        start_i, start_j = step
        pairs += 1
        chars += len(flat[start_j])
    return _Run(start_i, end_i, start_j, end_j, pairs, chars)


def _step(matcher: _Matcher, flat: list[str], a: int, b: int, direction: int,
          inside: Callable[[int, int], bool]) -> tuple[int, int] | None:
    """The next aligned pair from (a, b): the neighbours, or one side skipping one or two
    short lines (a byline, a poster's name printed twice by a forum template)."""
    for da, db in ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1)):
        na, nb = a + da * direction, b + db * direction
        if not inside(na, nb):
            continue
        skipped = ([flat[a + k * direction] for k in range(1, da)]
                   + [flat[b + k * direction] for k in range(1, db)])
        if not all(_byline_like(text) for text in skipped):
            continue
        if matcher.same(na, nb):
            return na, nb
    return None


def _byline_like(text: str) -> bool:
    """A name or credit line: a few words, no sentence punctuation."""
    return len(text) <= 40 and len(text.split()) <= 4 and not text.endswith((".", "!", "?", ":"))


def _reportable(doc: Document, options: Options, units: list[Line], flat: list[str], run: _Run) -> bool:
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


def _finding(doc: Document, rule: Rule, units: list[Line], run: _Run) -> Finding:
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
                  if not line.is_blank and rule.options.separator_regex.fullmatch(_clean(line.text))]
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
    return [_flatten(line.text) for line in doc.lines[first : last + 1] if not line.is_blank]


def _difference(doc: Document, first: int, last: int, orig_first: int, orig_last: int) -> str:
    """The first line that differs between the copy and the first copy, in words."""
    # difflib's opcodes, from fastdiff: difflib itself is quadratic on long runs of equal lines
    from ..text.similarity import Matcher, as_text

    copy = [line for line in doc.lines[first : last + 1] if not line.is_blank]
    orig = [line for line in doc.lines[orig_first : orig_last + 1] if not line.is_blank]
    matcher = Matcher(*as_text([_flatten(o.text) for o in orig], [_flatten(c.text) for c in copy]))
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
    text = _flatten(text)
    return repr(text if len(text) <= width else text[: width - 1] + "…")
