"""Kind ``boilerplate``: page chrome that a scraper kept around the article.

Why it matters: a seed should hold the article and nothing else. Counters, empty images,
separators, captions and related-news boxes are not the author's text; they pollute the
vocabulary, and a related-news box or an appended run of other stories' blurbs puts other
articles' sentences into this one.

What is reported (the patterns are data, in ``rules/boilerplate.yaml``, English and
Vietnamese, and users can add to every list with ``extend-<option>``):

- chrome: a line holding only a separator ("|"), a view/share counter ("View count: 9",
  "Lượt xem: 1.234") or an empty image ("![]()", ``<img src="">``), and the same chrome glued
  to the end of a line ("… 12:43 PM | View count: 9", "…21:38![]() |", a byline's dangling
  "Khánh Minh |"). Fix ``safe``: only the chrome goes, so the text's words are untouched.
- photo captions and credits: lines ending in a credit ("Photo: VNA", "Anh: TTXVN",
  "VNA/VNS Photo"), and in English short name-heavy lines without a verb standing between
  paragraphs ("The Party Chief and former US Secretary of State John Kerry."). Fix ``unsafe``:
  a caption is a sentence, and only a person can tell it from one the article needs.
- section labels above the title ("FOREIGN RELATION NEWS"). Fix ``unsafe``: an all-caps title
  can look like a label.
- related-news sections: a heading line ("RELATED NEWS", "Tin liên quan", "Xem thêm") to the
  end of the file, an inline "Read more: …" line, and runs of headline / separator / blurb
  items without a heading. Fix ``unsafe`` (cut the section): it deletes many sentences.
- an appended tail of unrelated blurbs (seed 003 lines 12–34): paragraphs after the agency's
  sign-off ("…the world.-VNA") that share little vocabulary with the title and lead. Fix
  ``unsafe`` (cut the tail).

- furniture by shape and place (``_furniture``): credit-only lines, interface text, relative
  times and image names, captions marked by a position in the photo, printed twice or
  glued to the dateline, banners after the date prefix, labels above the title, runs of
  short lines after the article, link text glued to a paragraph. Each finding is a line, or a
  run of lines each of which is furniture; none removes a line of the article's prose.

Never reported: "related" or "photo" in a sentence (every pattern is anchored to a whole line
or to the end of one), and a byline alone ("Khánh Minh").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..core.document import BOM, Document, Line
from ..core.model import Applicability, Finding, Fix
from ..core.options import option_error
from ..core.rule import Rule
from ..text.regex.lazy import LazyPattern
from ..text.regex.prefilter import literal_prefilter
from ..text.regex.safety import compile_alternatives

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE
_WORD = LazyPattern(r"[^\W\d_][^\W\d_'’\-]*")
_WINDOW = 200  # characters at the end of a line searched for chrome, credits and sign-offs


@dataclass(frozen=True)
class Options:
    separator_lines: tuple[str, ...] = (r"[|¦]",)
    counters: tuple[str, ...] = ()
    empty_images: tuple[str, ...] = ()
    caption_credits: tuple[str, ...] = ()
    related_headings: tuple[str, ...] = ()
    read_more: tuple[str, ...] = ()
    sign_offs: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    credit_lines: tuple[str, ...] = ()
    agency_lines: tuple[str, ...] = ()
    ui_lines: tuple[str, ...] = ()
    relative_times: tuple[str, ...] = ()
    image_names: tuple[str, ...] = ()
    promo_lines: tuple[str, ...] = ()
    banners: tuple[str, ...] = ()
    position_markers: tuple[str, ...] = ()
    alt_text_tails: tuple[str, ...] = ()
    link_tails: tuple[str, ...] = ()
    unmarked_captions: bool = True
    min_related_items: int = 2
    tail_min_items: int = 2
    tail_max_overlap: float = 0.3
    separator_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    chrome_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    image_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    credit_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    heading_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    read_more_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    sign_off_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    stopword_set: frozenset[str] = field(init=False, repr=False, compare=False)
    verb_set: frozenset[str] = field(init=False, repr=False, compare=False)
    credit_line_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    agency_line_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    ui_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    relative_time_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    image_name_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    promo_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    promo_prefilter: LazyPattern = field(init=False, repr=False, compare=False)
    banner_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    marker_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    alt_tail_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    link_tail_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    link_tail_prefilter: LazyPattern = field(init=False, repr=False, compare=False)
    # literal prefilters (see ``textutil.literal_prefilter``): where they find nothing, the
    # pattern they stand for cannot match, and most lines are skipped at C speed
    chrome_prefilter: LazyPattern = field(init=False, repr=False, compare=False)
    credit_prefilter: LazyPattern = field(init=False, repr=False, compare=False)
    sign_off_prefilter: LazyPattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.min_related_items < 1 or self.tail_min_items < 1:
            key = "min-related-items" if self.min_related_items < 1 else "tail-min-items"
            raise option_error(key, "must be at least 1")
        if not 0.0 <= self.tail_max_overlap <= 1.0:
            raise option_error("tail-max-overlap", f"must be between 0 and 1, not {self.tail_max_overlap}")
        separator = compile_alternatives("separator-lines", self.separator_lines)
        counter = compile_alternatives("counters", self.counters, re.IGNORECASE)
        image = compile_alternatives("empty-images", self.empty_images, re.IGNORECASE)
        one = rf"(?:{separator.pattern}|{counter.pattern}|{image.pattern})"
        setattr_ = object.__setattr__
        setattr_(self, "separator_regex", separator)
        setattr_(self, "image_regex", image)
        # One chrome item; runs of items are walked in Python (_chain), never with a nested
        # quantifier, which could backtrack exponentially on a line such as "||||…|x".
        setattr_(self, "chrome_regex", re.compile(one, re.IGNORECASE))
        setattr_(self, "credit_regex", compile_alternatives("caption-credits", self.caption_credits))
        setattr_(self, "chrome_prefilter", literal_prefilter(self.chrome_regex))
        setattr_(self, "credit_prefilter", literal_prefilter(self.credit_regex))
        setattr_(self, "heading_regex",
                 compile_alternatives("related-headings", self.related_headings, re.IGNORECASE))
        setattr_(self, "read_more_regex", compile_alternatives("read-more", self.read_more, re.IGNORECASE))
        setattr_(self, "sign_off_regex", compile_alternatives("sign-offs", self.sign_offs))
        setattr_(self, "sign_off_prefilter", literal_prefilter(self.sign_off_regex))
        setattr_(self, "stopword_set", frozenset(w.casefold() for w in self.stopwords))
        setattr_(self, "verb_set", frozenset(w.casefold() for w in self.verbs))
        setattr_(self, "credit_line_regex", compile_alternatives("credit-lines", self.credit_lines))
        setattr_(self, "agency_line_regex", compile_alternatives("agency-lines", self.agency_lines))
        setattr_(self, "ui_regex", compile_alternatives("ui-lines", self.ui_lines, re.IGNORECASE))
        setattr_(self, "relative_time_regex",
                 compile_alternatives("relative-times", self.relative_times, re.IGNORECASE))
        setattr_(self, "image_name_regex",
                 compile_alternatives("image-names", self.image_names, re.IGNORECASE))
        setattr_(self, "promo_regex", compile_alternatives("promo-lines", self.promo_lines, re.IGNORECASE))
        setattr_(self, "promo_prefilter", literal_prefilter(self.promo_regex))
        setattr_(self, "banner_regex", compile_alternatives("banners", self.banners))
        setattr_(self, "marker_regex", compile_alternatives("position-markers", self.position_markers))
        setattr_(self, "alt_tail_regex", compile_alternatives("alt-text-tails", self.alt_text_tails))
        setattr_(self, "link_tail_regex",
                 compile_alternatives("link-tails", self.link_tails, re.IGNORECASE))
        setattr_(self, "link_tail_prefilter", literal_prefilter(self.link_tail_regex))


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    if not doc.lines:
        return
    taken: set[int] = set()
    for finding in _chrome_and_captions(doc, rule):
        first = doc.position(finding.start)[0] - 1
        last = doc.position(max(finding.start, finding.end - 1))[0] - 1
        taken.update(range(first, last + 1))
        yield finding
    yield from _furniture(doc, rule, rule.options, taken)


def _chrome_and_captions(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    lines = doc.lines
    yield from _section_labels(doc, rule)
    section_start = _related_section(doc, options)
    if section_start is not None and _article_continues(doc, section_start):
        heading = lines[section_start]
        start, end = doc.deletion_span(section_start, section_start)
        yield rule.finding(heading.start, heading.end,
                           f"related-news heading inside the article: {_show(heading.text.strip())}",
                           Fix.delete(start, end, "Delete the heading (the article continues below it)",
                                      UNSAFE))
    elif section_start is not None:
        yield _cut(doc, rule, section_start, "related-news section",
                   "Delete the related-news section (other stories' headlines and blurbs)")
    else:
        items_start = _item_run(doc, options)
        if items_start is not None:
            yield _cut(doc, rule, items_start, "related-news items (headline | blurb) without a heading",
                       "Delete the related-news items")
        else:
            tail_start = _appended_tail(doc, options)
            if tail_start is not None:
                yield _cut(doc, rule, tail_start,
                           "appended blurbs of other stories after the article's sign-off",
                           "Cut the appended tail")
    captions: list[Line] = []
    chrome_match = options.chrome_regex.match
    read_more = options.read_more_regex.match
    body_start = doc.body_start_line
    for line in lines:
        text = line.text
        stripped = text.strip().lstrip(BOM).strip()
        if not stripped and line.is_blank:  # (a blank line always strips to nothing)
            continue
        # a chrome line starts with a chrome item (``stripped`` starts with no space)
        if (len(stripped) <= _WINDOW and (not stripped or chrome_match(stripped))
                and _chain(options.chrome_regex, stripped, 0)):
            start, end = doc.deletion_span(line.index, line.index)
            yield rule.finding(line.start, line.end, f"page chrome line {_show(stripped)}",
                               Fix.delete(start, end, "Delete the chrome line", SAFE))
            continue
        if read_more(stripped) and section_start is None:
            start, end = doc.deletion_span(line.index, line.index)
            yield rule.finding(line.start, line.end, "\"read more\" link line",
                               Fix.delete(start, end, "Delete the read-more line", UNSAFE))
            continue
        cut = _tail_chrome(options, text)
        if cut < len(text) or _may_have_glued(options, text, cut):
            yield from _glued_chrome(rule, options, line, cut)
        # most lines have nothing to strip: then their chrome cut is the one just found
        if _is_caption(doc, options, line, stripped, cut if stripped == text else None,
                       line.index >= body_start and stripped.endswith(".")):
            captions.append(line)
    yield from _caption_findings(doc, rule, options, captions)


def _show(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


# ----- chrome ---------------------------------------------------------------------------
def _glued_chrome(rule: Rule, options: Options, line: Line, cut: int) -> Iterator[Finding]:
    """Chrome at the end of a line with text (from ``cut``, what ``_tail_chrome`` says), and
    empty images anywhere in a line."""
    text = line.text
    if cut < len(text):
        chrome = text[cut:].strip()
        what = "separator" if options.separator_regex.fullmatch(chrome) else "page chrome"
        yield rule.finding(line.start + cut, line.end,
                           f"{what} glued to the end of the line: {_show(chrome)}",
                           Fix.delete(line.start + cut, line.end, f"Remove {_show(chrome)}", SAFE))
    lead = _LEAD_SEPARATOR.match(text)
    if (lead is not None and lead.end() < cut
            and options.separator_regex.fullmatch(text[: lead.end()].strip())):
        yield rule.finding(line.start, line.start + lead.end(), "separator at the start of the line",
                           Fix.delete(line.start, line.start + lead.end(), "Remove the separator", SAFE))
    for match in options.image_regex.finditer(text, 0, cut):
        start, end = match.span()
        if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] == " "):
            end += 1  # keep one space between the words around the image
        yield rule.finding(line.start + match.start(), line.start + match.end(),
                           f"empty image {_show(match.group())}",
                           Fix.delete(line.start + start, line.start + end, "Remove the empty image", SAFE))


_LEAD_SEPARATOR = LazyPattern(r"\s*(?:[|¦]\s*)+")


def _may_have_glued(options: Options, text: str, cut: int) -> bool:
    """Whether ``_glued_chrome`` can find anything but tail chrome (which the caller checks):
    a separator leading the line, or an empty image before ``cut``. Most lines have neither,
    and this asks without starting the generator. (The image pattern is searched, not
    prefiltered: a slow pattern of the user's must still meet its time limit on every line.)"""
    return (_LEAD_SEPARATOR.match(text) is not None
            or options.image_regex.search(text, 0, cut) is not None)


def _chain(regex: re.Pattern[str], text: str, pos: int) -> bool:
    """Whether ``text[pos:]`` is nothing but chrome items and spaces."""
    length = len(text)
    while True:
        while pos < length and text[pos].isspace():
            pos += 1
        if pos == length:
            return True
        match = regex.match(text, pos)
        if match is None or match.end() == pos:
            return False
        pos = match.end()


def _tail_chrome(options: Options, text: str) -> int:
    """Where chrome glued to the end of ``text`` starts (with the spaces before it), or
    ``len(text)``. Only the last ``_WINDOW`` characters are looked at: chrome is short."""
    window = max(0, len(text) - _WINDOW)
    if options.chrome_prefilter.search(text, window) is None:
        return len(text)
    for match in options.chrome_regex.finditer(text, window):
        start = match.start()
        if match.end() > start and text[:start].strip() and _chain(options.chrome_regex, text, start):
            while start > 0 and text[start - 1].isspace():
                start -= 1
            return start
    return len(text)


def _search_end(regex: re.Pattern[str], prefilter: LazyPattern, text: str) -> re.Match[str] | None:
    """Search only the end of a line: credits and sign-offs are anchored there, and a bounded
    window keeps a pathological long line from costing quadratic time. ``prefilter``: the
    pattern's literal prefilter, searched first (cheap; most lines have none)."""
    window = max(0, len(text) - _WINDOW)
    if prefilter.search(text, window) is None:
        return None
    return regex.search(text, window)


# ----- captions ------------------------------------------------------------------------
def _is_caption(doc: Document, options: Options, line: Line, stripped: str, cut: int | None,
                may_be_unmarked: bool) -> bool:
    """``cut``: ``_tail_chrome(options, stripped)`` when the caller already knows it.
    ``may_be_unmarked``: whether the line is in the body and ends in a full stop, the first
    conditions of ``_unmarked_caption``, which most lines fail (asked here without a call)."""
    body = _without_tail_chrome(options, stripped) if cut is None else stripped[:cut]
    if _search_end(options.credit_regex, options.credit_prefilter, body):
        return True
    return may_be_unmarked and options.unmarked_captions and _unmarked_caption(doc, options, line, stripped)


def _without_tail_chrome(options: Options, text: str) -> str:
    return text[: _tail_chrome(options, text)]


def _unmarked_caption(doc: Document, options: Options, line: Line, text: str) -> bool:
    """An English caption with no credit: a short line of names and titles with no verb,
    ending in a full stop, standing alone between two body paragraphs.

    Why these conditions: each excludes a kind of real text. Subheadings have no full stop;
    bylines are two or three words; prose has a verb ("rose", "said", "-ed"); a sentence of
    prose rarely has more capitalised words than not; captions sit between paragraphs.
    """
    if line.index < doc.body_start_line or not text.endswith("."):
        return False
    if len(text.split(maxsplit=19)) > 18:  # at most 20 parts: more than 18 exactly when
        return False                        # there are more than 18 words
    words = _WORD.findall(text)
    if not 4 <= len(words) <= 16:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    if capitalised * 2 < len(words) or not all(c.isascii() for c in text if c.isalpha()):
        return False
    for word in words:
        low = word.casefold()
        if low in options.verb_set or (word[0].islower() and low.endswith(("ed", "ing", "es"))):
            return False
    before = _neighbour(doc, line.index, -1)
    after = _neighbour(doc, line.index, 1)
    return all(n is not None and len(n.text.split()) >= 15 for n in (before, after))


def _neighbour(doc: Document, index: int, step: int) -> Line | None:
    k = index + step
    while 0 <= k < len(doc.lines):
        if not doc.lines[k].is_blank:
            return doc.lines[k]
        k += step
    return None


def _caption_findings(doc: Document, rule: Rule, options: Options, captions: list[Line]) -> Iterator[Finding]:
    """Consecutive caption lines make one finding; a caption credit on the title line is
    reported alone (the title is kept, only the credit would go)."""
    groups: list[list[Line]] = []
    for line in captions:
        if groups and groups[-1][-1].index + 1 == line.index and line.index != doc.title_line:
            groups[-1].append(line)
        else:
            groups.append([line])
    for group in groups:
        first, last = group[0], group[-1]
        if first.index == doc.title_line and len(group) == 1:
            body = _without_tail_chrome(options, first.text)
            match = _search_end(options.credit_regex, options.credit_prefilter, body)
            if match is None:
                continue
            start = len(body[: match.start()].rstrip())
            yield rule.finding(first.start + match.start(), first.start + match.end(),
                               f"photo credit in the title line: {_show(match.group().strip())}",
                               Fix.delete(first.start + start, first.start + match.end(),
                                          "Remove the photo credit", UNSAFE))
            continue
        what = "photo caption" if len(group) == 1 else f"photo caption ({len(group)} lines)"
        start, end = doc.deletion_span(first.index, last.index)
        yield rule.finding(first.start, last.end, what, Fix.delete(start, end, "Delete the caption", UNSAFE))


# ----- section labels ------------------------------------------------------------------
def _section_labels(doc: Document, rule: Rule) -> Iterator[Finding]:
    labels = doc.section_label_lines
    if not labels or doc.title_line is None:
        return
    for index in labels:
        line = doc.lines[index]
        start, end = doc.deletion_span(index, index)
        yield rule.finding(line.start, line.end, f"section label above the title: {_show(line.text.strip())}",
                           Fix.delete(start, end, "Delete the section label", UNSAFE))


# ----- related news and appended tails --------------------------------------------------
def _last_nonblank(doc: Document) -> int:
    for line in reversed(doc.lines):
        if not line.is_blank:
            return line.index
    return -1  # pragma: no cover - callers check for text first


def _cut(doc: Document, rule: Rule, first: int, what: str, fix_message: str) -> Finding:
    last = _last_nonblank(doc)
    start, end = doc.deletion_span(first, last)
    lines = doc.lines
    message = f"{what}: lines {first + 1}–{last + 1}"
    fix = Fix.delete(start, end, fix_message, UNSAFE)
    return rule.finding(lines[first].start, lines[last].end, message, fix)


def _related_section(doc: Document, options: Options) -> int | None:
    """A related-news heading alone on a line, below the header, with the other stories
    after it, or alone at the end (the page lost its items)."""
    for line in doc.lines[doc.body_start_line :]:
        if line.index != doc.title_line and options.heading_regex.fullmatch(line.text.strip()):
            return line.index
    return None


def _article_continues(doc: Document, heading: int) -> bool:
    """Whether a paragraph longer than any blurb follows the heading: then the heading sits
    inside the article (an inline box), and cutting to the end would delete the article's
    own paragraphs. Real related sections hold headlines and blurbs of a sentence or two."""
    return any(len(line.text.split()) > _BLURB_MAX_WORDS for line in doc.lines[heading + 1 :])


def _item_run(doc: Document, options: Options) -> int | None:
    """Headline / separator line / blurb items running to the end of the file (seed 000's
    related box without its heading): a separator line between two text lines is the mark."""
    units = [line for line in doc.lines[doc.body_start_line :] if not line.is_blank]
    count = 0
    start: int | None = None
    k = len(units) - 1
    while k >= 2:
        blurb, sep, headline = units[k], units[k - 1], units[k - 2]
        if not options.separator_regex.fullmatch(sep.text.strip()) and not _byline_sep(sep.text):
            break
        if len(headline.text.split()) > 25 or _byline_sep(headline.text) or _byline_sep(blurb.text):
            break
        count += 1
        start = headline.index
        k -= 3
    if count >= options.min_related_items and k >= 0:
        return start
    return None


_BYLINE_SEP = LazyPattern(r"(?:[^\W\d_][^\W\d_.'’\-]*\.?\s+){0,3}[^\W\d_][^\W\d_'’\-]*\.?\s*[|¦]|[|¦]+")


def _byline_sep(text: str) -> bool:
    return _BYLINE_SEP.fullmatch(text.strip()) is not None


def _appended_tail(doc: Document, options: Options) -> int | None:
    """Paragraphs after the agency's sign-off that are each another story's blurb.

    Why the sign-off: a wire story ends with its agency's mark ("…the world.-VNA", "— VNS",
    "./."); prose after it is something the page appended. A mark ends a paragraph of prose
    that follows at least one other body paragraph: a dateline alone ("HCM City (VNA)") ends
    with the same mark but opens the story, and everything after it is the article.
    Vocabulary alone cannot tell a blurb from a paragraph that moves to a new aspect of the
    story, so it only confirms, and it confirms each paragraph: every one must be blurb-sized
    and share little vocabulary with the article before the sign-off (title and every
    paragraph). One paragraph that continues the article and nothing is cut.
    """
    units = [line for line in doc.lines[doc.body_start_line :] if not line.is_blank]
    for k, line in enumerate(units[:-1]):
        text = line.text.rstrip()
        match = _search_end(options.sign_off_regex, options.sign_off_prefilter, text)
        if match is None:
            continue
        if k < 1 or len(text[: match.start()].split()) < _SIGN_OFF_MIN_WORDS:
            continue  # a dateline or a short line with the agency's mark: not an ending
        after = units[k + 1 :]
        if len(after) < options.tail_min_items:
            return None
        profile = _words(options, doc.title.text if doc.title else "")
        for unit in units[: k + 1]:
            profile |= _words(options, unit.text)
        overlaps = []
        for unit in after:
            count = len(unit.text.split())
            if count < 6 or count > _BLURB_MAX_WORDS:
                return None  # a blurb is a sentence or two, not a heading nor a long paragraph
            words = _words(options, unit.text)
            overlap = len(words & profile) / len(words) if words else 0.0
            if overlap > _BLURB_ITEM_MAX_OVERLAP * options.tail_max_overlap:
                return None
            overlaps.append(overlap)
        if sum(overlaps) / len(overlaps) <= options.tail_max_overlap:
            return units[k + 1].index
        return None
    return None


_SIGN_OFF_MIN_WORDS = 6  # words of prose before a sign-off mark (a dateline has two or three)
_BLURB_MAX_WORDS = 90  # longer paragraphs are the article's, never another story's blurb
_BLURB_ITEM_MAX_OVERLAP = 1.5  # times ``tail-max-overlap``: the most any one blurb may share


_TOKEN = LazyPattern(r"[^\W\d_]{3,}")


def _words(options: Options, text: str) -> set[str]:
    return set(map(str.casefold, _TOKEN.findall(text))) - options.stopword_set



# ----- furniture by structure --------------------------------------------------------------
_DATE_PREFIX = LazyPattern(r"\s*date\s+\d{4}-\d{2}(?:-\d{2})?(?:\s+|$)")
_BULLETS = " \t•·●▪–-*"
_SENTENCE_END = (".", "!", "?", "…", ".”", ".\"", "?”", "!”")
_LIST_ITEM = LazyPattern(r"\s*(?:[-•*+▪●]|\d{1,2}[.)])\s")
_SLUG = LazyPattern(r"[a-z]+(?: [a-z]+){1,9}")
_GLUED_CREDIT = LazyPattern(
    r"[(\[]\s*(?:Photo|Photos|PHOTO|Ảnh|ẢNH|Anh|Image)\s*:\s*[^()\[\]\n]{1,60}[)\]]"
    r"|(?<![\w/])[A-Z]{2,6}(?:/[A-Z]{2,6})*\s+(?:Photo|PHOTO)\b"
)
_CAPS_DATELINE = LazyPattern(r"\s*([^\W\d_][^\W\d_.'’]*(?:[ ,]+[^\W\d_][^\W\d_.'’]*){0,3})\s*[—–-]{1,2}\s")
_AGENCY_DATELINE = LazyPattern(
    r"\s*[^\W\d_][\w.'’]*(?:[ ,]+[^\W\d_][\w.'’]*){0,3}\s*\([A-Z][A-Za-z/]{1,12}\)\s*[-–—:]?")
_NAME_WORD = LazyPattern(r"\s+[^\W\d_][\w.'’-]*")
_STARS = "★☆⭐"  # a rating legend or widget
# image alt text a page prints before a caption: "ảnh 1" glued to the caption's first word
# ("… ảnh 2Drought …") or set off by a dash ("… - ảnh 1 The …")
_ALT_TEXT = LazyPattern(r"(?:\s[-–]\s*|\s)(?:ảnh|hinh anh|hình ảnh)\s+\d{1,2}(?:[A-ZĐ]|\s+[A-ZĐ])")
_NAV_SEPARATORS = "|»›>•·"
# reported speech: a paragraph of the story ("Senator Jane Doe (R) said …"), never a caption
_REPORTED = LazyPattern(r"[\"“”«»]|(?<!\w)(?:said|says|told|according to|cho biết|nói|khẳng định)(?!\w)")


def _navigation(text: str) -> bool:
    """A navigation strip or breadcrumb: three or more items of one to four words, with no
    digit and no sentence punctuation, between the same separator ("Home » News » Politics",
    "Thời sự | Kinh doanh | Thể thao"). Dates and counters have digits; prose has no such
    separator between every few words."""
    for mark in _NAV_SEPARATORS:
        separator = f" {mark} "  # set off by spaces (mojibake has "»" and "›" inside words)
        if text.count(separator) < 2:
            continue
        items = [item.strip() for item in text.split(separator)]
        if len(items) >= 3 and all(
                item and len(item.split()) <= 4 and not any(c.isdigit() or c in ".!?:;," for c in item)
                for item in items):
            return True
    return False
_TWICE_MAX_WORDS = 25  # a caption printed twice; a longer paragraph twice is a standfirst
# a result, a score or a table's number cell: the story's data at its end, not furniture
_TABLE_CELL = LazyPattern(r"^\d[\d.,]*$|\d\s*[-–:]\s*\d")
_FURNITURE_MAX_WORDS = 10  # a line of page furniture (a label, a credit, a form field) is short
_CAPTION_MAX_WORDS = 60


def _furniture(doc: Document, rule: Rule, options: Options, taken: set[int]) -> Iterator[Finding]:
    """Lines that are page furniture by their shape and place, not by a phrase: credits,
    interface strings, relative times, image names, captions marked by a position in the
    photo or printed twice, labels above the title and the short lines after the article.

    Every finding is one line or a run of lines each of which is furniture; a fix never
    removes a line of the article's prose."""
    lines = doc.lines
    body_start = doc.body_start_line
    title = doc.title_line
    first_body = next((ln.index for ln in lines[body_start:] if not ln.is_blank), len(lines))
    nonblank = [ln for ln in lines if not ln.is_blank]
    last_prose = next((ln.index for ln in reversed(nonblank)
                       if ln.index not in taken and _prose(ln.text)), -1)
    for k, line in enumerate(nonblank):
        index = line.index
        if index in taken:
            continue
        text = line.text
        stripped = text.strip().lstrip(BOM).strip()
        if index == 0 and _DATE_PREFIX.match(text):
            found = _banner_or_caption_after_prefix(doc, rule, options, line)
            if found is not None:
                taken.add(index)
                yield found
            continue
        if index == title:
            finding = _line_furniture(doc, rule, options, line, stripped, False, False)
            finding = finding or _alt_text_tail(rule, options, line)
            if finding is not None:
                taken.add(index)
                yield finding
            continue
        finding = _line_furniture(doc, rule, options, line, stripped, index > first_body,
                                  index > last_prose)
        if finding is None and index >= body_start:
            nxt = nonblank[k + 1] if k + 1 < len(nonblank) else None
            if (nxt is not None and nxt.index not in taken and nxt.text.strip()[:16] == stripped[:16]
                    and _flat(nxt.text) == _flat(stripped)
                    and 4 <= len(stripped.split()) <= _TWICE_MAX_WORDS):
                start, end = doc.deletion_span(index, nxt.index)
                taken.update((index, nxt.index))
                yield rule.finding(line.start, nxt.end, "photo caption printed twice (alt text and caption)",
                                   Fix.delete(start, end, "Delete the caption", UNSAFE))
                continue
            finding = _glued_caption(doc, rule, line)
        if finding is not None:
            taken.add(index)
            yield finding
    yield from _labels_above_title(doc, rule, nonblank, taken)
    yield from _trailing_furniture(doc, rule, nonblank, taken)
    for line in nonblank:  # also on lines with a finding: a caption and a link in one line
        yield from _link_tail(rule, options, line)


def _link_tail(rule: Rule, options: Options, line: Line) -> Iterator[Finding]:
    """An aggregator's link text glued to the end of the paragraph ("… Read the full story",
    "[more - original story]"): only the link text goes."""
    text = line.text.rstrip()
    window = max(0, len(text) - 120)
    if options.link_tail_prefilter.search(text, window) is None:
        return
    match = options.link_tail_regex.search(text, window)
    if match is None or len(text[: match.start()].split()) < 3:
        return
    start = len(text[: match.start()].rstrip())
    yield rule.finding(line.start + match.start(), line.start + len(text),
                       f"link text glued to the end of the paragraph: {_show(match.group().strip())}",
                       Fix.delete(line.start + start, line.start + len(text), "Remove the link text", UNSAFE))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _whole_line(doc: Document, rule: Rule, line: Line, what: str, applicability: Applicability,
                stripped: str) -> Finding:
    start, end = doc.deletion_span(line.index, line.index)
    return rule.finding(line.start, line.end, f"{what}: {_show(stripped)}",
                        Fix.delete(start, end, f"Delete the {what.split(' (')[0]}", applicability))


def _prose(text: str) -> bool:
    """A line of the article's prose: longer than furniture, or ending like a sentence."""
    text = text.strip()
    return len(text.split()) > _FURNITURE_MAX_WORDS or text.endswith(_SENTENCE_END)


def _line_furniture(doc: Document, rule: Rule, options: Options, line: Line, stripped: str,
                    below_body: bool, after_article: bool) -> Finding | None:
    """One line that is furniture by its own text. Every fix here is unsafe: even an image
    name or a relative time is text of the page, and a safe pass (pre-commit) must leave a
    page without a real defect as it is; the others may look like a crosshead or a line of
    the story to a program, so a person confirms. An agency's initials ("VNA",
    "CPV/VNA") count only after the article's last paragraph (``after_article``): inside the
    body the same shape is a crosshead ("PSY") or a table's header ("TT")."""
    if not stripped or len(stripped) > 400:
        return None
    bare = stripped.strip(_BULLETS)
    words = stripped.split()
    count = len(words)
    short = count <= 12  # the whole-line classes are short: most lines of prose skip them
    if short:
        if count <= 2 and options.image_name_regex.fullmatch(bare):
            return _whole_line(doc, rule, line, "image file name", UNSAFE, stripped)
        if count <= 7 and options.relative_time_regex.fullmatch(bare):
            return _whole_line(doc, rule, line, "relative time", UNSAFE, stripped)
        if options.ui_regex.fullmatch(bare) or sum(stripped.count(c) for c in _STARS) >= 3:
            return _whole_line(doc, rule, line, "page interface text", UNSAFE, stripped)
        if below_body and (options.credit_line_regex.fullmatch(bare)
                           or (after_article and options.agency_line_regex.fullmatch(bare))):
            return _whole_line(doc, rule, line, "credit line", UNSAFE, stripped)
    if (count <= _CAPTION_MAX_WORDS and options.promo_prefilter.search(stripped) is not None
            and options.promo_regex.search(stripped)):
        return _whole_line(doc, rule, line, "promotional line", UNSAFE, stripped)
    if 3 <= count <= 24 and _navigation(stripped):
        return _whole_line(doc, rule, line, "navigation strip", UNSAFE, stripped)
    if line.index < doc.body_start_line:
        return None
    if (count <= _CAPTION_MAX_WORDS and ("ảnh" in stripped or "anh" in stripped)
            and _ALT_TEXT.search(stripped)):
        return _whole_line(doc, rule, line, "photo caption (with the image's alt text)", UNSAFE, stripped)
    if (3 <= count <= 45 and "(" in stripped and options.marker_regex.search(stripped)
            and sum(stripped.count(c) for c in ".!?") <= 2 and not _REPORTED.search(stripped)):
        return _whole_line(doc, rule, line, "photo caption (a position in the photo)", UNSAFE, stripped)
    if below_body and count <= 10 and _SLUG.fullmatch(stripped):
        return _whole_line(doc, rule, line, "image alt text", UNSAFE, stripped)
    return None


def _alt_text_tail(rule: Rule, options: Options, line: Line) -> Finding | None:
    """Image alt text ("ảnh 1", "hinh anh 1") glued to the end of the title: the title stays."""
    match = options.alt_tail_regex.search(line.text)
    if match is None or not line.text[: match.start()].strip():
        return None
    tail = match.group()
    return rule.finding(line.start + match.start(), line.start + match.end(),
                        f"image alt text at the end of the title: {_show(tail.strip())}",
                        Fix.delete(line.start + match.start(), line.start + match.end(),
                                   "Remove the alt text", UNSAFE))


def _banner_or_caption_after_prefix(doc: Document, rule: Rule, options: Options,
                                    line: Line) -> Finding | None:
    """After the corpus's " date YYYY-MM-DD " prefix: a site banner (a hotline, a notice with
    a close button) to the end of the line, or a caption glued to the dateline."""
    prefix = _DATE_PREFIX.match(line.text)
    assert prefix is not None
    rest = line.text[prefix.end():]
    if rest.strip() and options.banner_regex.search(rest):
        start = line.start + prefix.end()
        return rule.finding(start, line.end, f"site banner after the date prefix: {_show(rest.strip())}",
                            Fix.delete(start, line.end, "Remove the banner", UNSAFE))
    return _glued_caption(doc, rule, line, prefix.end())


def _glued_caption(doc: Document, rule: Rule, line: Line, begin: int = 0) -> Finding | None:
    """A photo caption and its credit glued to the dateline that opens the story
    ("… (Photo: VNA)Tokyo (VNA) - The …", "… — VNA/VNS Photo Name HÀ NỘI — …"): the caption
    goes, the story from its dateline stays."""
    text = line.text
    if len(text) - begin < 40:
        return None
    if "Photo" not in text and "PHOTO" not in text and not (":" in text and ("(" in text or "[" in text)):
        return None  # neither credit shape can match (a cheap gate: most lines have none)
    for match in _GLUED_CREDIT.finditer(text, begin, min(len(text), begin + 600)):
        pos = match.end()
        for _ in range(5):  # the credit's name: up to four words before the dateline
            if _dateline_at(text, pos):
                caption = text[begin:pos]
                if not 3 <= len(caption.split()) <= _CAPTION_MAX_WORDS:
                    return None
                while pos < len(text) and text[pos] == " ":
                    pos += 1
                start = line.start + begin
                return rule.finding(start, line.start + pos,
                                    f"photo caption glued to the dateline: {_show(caption.strip())}",
                                    Fix.delete(start, line.start + pos, "Remove the caption", UNSAFE))
            word = _NAME_WORD.match(text, pos)
            if word is None or not word.group().strip()[0].isupper():
                break
            pos = word.end()
    return None


def _dateline_at(text: str, pos: int) -> bool:
    caps = _CAPS_DATELINE.match(text, pos)
    if caps is not None and caps.group(1).isupper() and len(caps.group(1)) >= 2:
        return True
    agency = _AGENCY_DATELINE.match(text, pos)
    return agency is not None and text[pos:agency.end()].strip()[:1].isupper()


def _labels_above_title(doc: Document, rule: Rule, nonblank: list[Line],
                        taken: set[int]) -> Iterator[Finding]:
    """Site names and section labels above the title ("Business", "Thời sự"): short lines
    before the first headline-shaped line, when a body follows it. Only lines of one to three
    words without digits or punctuation count, so a short title over a standfirst stays, and
    lines the story never repeats: a short title over a deck names what the story is about."""
    labels: list[Line] = []
    headline: Line | None = None
    for line in nonblank[:6]:
        text = line.text.strip().lstrip(BOM).strip()
        if line.index == 0 and _DATE_PREFIX.match(line.text):
            continue
        words = text.split()
        if len(words) >= 4:
            headline = line
            break
        if any(not c.isalpha() and c not in " '’&" for c in text):
            return
        labels.append(line)
    if headline is None or not labels:
        return
    text = headline.text.strip()
    if len(text.split()) > 30 or text.endswith(_SENTENCE_END):
        return
    after = [ln for ln in nonblank if ln.index > headline.index][:4]
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
        yield _whole_line(doc, rule, line, "site name or section label above the title", UNSAFE,
                          line.text.strip())


def _repeats_above(nonblank: list[Line], k: int, text: str, first: dict[str, int]) -> bool:
    """Whether ``text`` (line ``k``) was printed before, not right above it. ``first``: where
    each line first occurs, filled on the first call (most files never get here)."""
    if not first:
        for at, line in enumerate(nonblank):
            first.setdefault(_flat(line.text), at)
    return first.get(_flat(text), k) < k - 1


def _outlet_name(text: str) -> bool:
    """One word alone after the article: an outlet's or site's name ("Zingnews"), never a
    byline, which names a person in two words or more."""
    word = text.strip()
    return len(word) >= 3 and word.isalpha() and word[0].isupper() and " " not in word


def _trailing_furniture(doc: Document, rule: Rule, nonblank: list[Line],
                        taken: set[int]) -> Iterator[Finding]:
    """The short lines after the article's last paragraph: form fields, buttons, credits,
    legends, other stories' headlines. Each must be short and not end like a sentence, and
    list items, scores and number cells stop the run (an article may end with a list, a
    table or results). One short line alone is a
    byline and stays (also next to furniture found otherwise), unless it is one word (an
    outlet's name); two or more go."""
    run: list[Line] = []
    seen: dict[str, int] = {}
    for k in range(len(nonblank) - 1, -1, -1):
        line = nonblank[k]
        text = line.text.strip().lstrip(BOM).strip()
        if line.index in taken:
            run.append(line)
            continue
        if (len(text.split()) > _FURNITURE_MAX_WORDS or text.endswith(_SENTENCE_END)
                or _LIST_ITEM.match(line.text) or _TABLE_CELL.search(text)
                or _repeats_above(nonblank, k, text, seen)):
            break  # a line printed again above is a repeat: duplicate-block's
        run.append(line)
    else:
        return  # nothing but short lines: no article to end
    run.reverse()
    fresh = [line for line in run if line.index not in taken]
    if len(fresh) == 1 and _outlet_name(fresh[0].text):
        line = fresh[0]
        taken.add(line.index)
        yield _whole_line(doc, rule, line, "credit line (an outlet's name)", UNSAFE, line.text.strip())
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
        yield rule.finding(first.start, last.end, f"{what}: {_show(first.text.strip())}",
                           Fix.delete(start, end, "Delete the furniture", UNSAFE))
