"""Page furniture recognised by a line's own shape: image names, relative times, interface
text, credit lines, promotions, navigation strips, captions marked by alt text or a position
in the photo, banners after the date prefix and link text glued to a paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...core.document import Document, Line
from ...core.model import Finding, Fix
from ...core.rule import Rule
from ...text.regex.lazy import LazyPattern
from ...text.sentences import PROSE_ENDINGS
from .captions import CAPTION_MAX_WORDS, glued_caption
from .findings import UNSAFE, show, whole_line
from .gates import NAV_SEPARATORS, STARS, Probe
from .options import Options

DATE_PREFIX = LazyPattern(r"\s*date\s+\d{4}-\d{2}(?:-\d{2})?(?:\s+|$)")
_BULLETS = " \t•·●▪–-*"
SENTENCE_END = PROSE_ENDINGS  # a line that ends so is prose, not furniture
_SLUG = LazyPattern(r"[a-z]+(?: [a-z]+){1,9}")
_STARS = STARS  # a rating legend or widget
# image alt text a page prints before a caption: "ảnh 1" glued to the caption's first word
# ("… ảnh 2Drought …") or set off by a dash ("… - ảnh 1 The …")
_ALT_TEXT = LazyPattern(r"(?:\s[-–]\s*|\s)(?:ảnh|hinh anh|hình ảnh)\s+\d{1,2}(?:[A-ZĐ]|\s+[A-ZĐ])")
# what every match of ``_ALT_TEXT`` holds, searched fast from its literal start ("nh")
ALT_TEXT_NEEDS = LazyPattern(r"nh\s+\d")
_NAV_SEPARATORS = NAV_SEPARATORS
# reported speech: a paragraph of the story ("Senator Jane Doe (R) said …"), never a caption
_REPORTED = LazyPattern(r"[\"“”«»]|(?<!\w)(?:said|says|told|according to|cho biết|nói|khẳng định)(?!\w)")
TWICE_MAX_WORDS = 25  # a caption printed twice; a longer paragraph twice is a standfirst
LINK_WINDOW = 120  # characters at the end of a paragraph searched for link text
FURNITURE_MAX_WORDS = 10  # a line of page furniture (a label, a credit, a form field) is short


def _navigation(text: str, marks: str = _NAV_SEPARATORS) -> bool:
    """A navigation strip or breadcrumb: three or more items of one to four words, with no
    digit and no sentence punctuation, between the same separator ("Home » News » Politics",
    "Thời sự | Kinh doanh | Thể thao"). Dates and counters have digits; prose has no such
    separator between every few words. ``marks``: the separators worth trying (``gates``)."""
    for mark in marks:
        separator = f" {mark} "  # set off by spaces (mojibake has "»" and "›" inside words)
        if text.count(separator) < 2:
            continue
        items = [item.strip() for item in text.split(separator)]
        if len(items) >= 3 and all(
                item and len(item.split()) <= 4 and not any(c.isdigit() or c in ".!?:;," for c in item)
                for item in items):
            return True
    return False


@dataclass(frozen=True, slots=True)
class FurnitureGates:
    """What one document can hold, asked once so that ``line_furniture`` skips, on every line,
    the searches that cannot find anything in it."""

    promo: Probe | None  # the lines that can hold a promotion (``Options.promo_gate``)
    nav_marks: str  # the navigation separators found twice set off by spaces
    alt_text: bool  # what every match of ``_ALT_TEXT`` holds (``ALT_TEXT_NEEDS``)
    stars: bool  # a rating star


def furniture_gates(doc: Document, options: Options) -> FurnitureGates:
    """(The marks are looked up in the document's literals, ``Options.literals``, found in one
    pass: a separator is counted only in a document that holds it.)"""
    text = doc.text
    found = options.literals.found(doc)
    marks = "" if found.isdisjoint(_SPACED_SEPARATORS) else "".join(
        mark for mark, spaced in zip(_NAV_SEPARATORS, _SPACED_SEPARATORS, strict=True)
        if spaced in found and text.count(spaced) >= 2)
    return FurnitureGates(options.promo_gate.probe(doc, options.lowered_literals), marks,
                          ALT_TEXT_NEEDS.search(text) is not None, not found.isdisjoint(_STARS))


_SPACED_SEPARATORS = tuple(f" {mark} " for mark in _NAV_SEPARATORS)  # as ``_navigation`` splits


OPEN_GATES = FurnitureGates(Probe(None, None), _NAV_SEPARATORS, True, True)


def link_tail(rule: Rule, options: Options, line: Line) -> Iterator[Finding]:
    """An aggregator's link text glued to the end of the paragraph ("… Read the full story",
    "[more - original story]"): only the link text goes."""
    text = line.text.rstrip()
    window = max(0, len(text) - LINK_WINDOW)
    if options.link_tail_prefilter.search(text, window) is None:
        return
    match = options.link_tail_regex.search(text, window)
    if match is None or len(text[: match.start()].split()) < 3:
        return
    start = len(text[: match.start()].rstrip())
    yield rule.finding(line.start + match.start(), line.start + len(text),
                       f"link text glued to the end of the paragraph: {show(match.group().strip())}",
                       Fix.delete(line.start + start, line.start + len(text), "Remove the link text", UNSAFE))


def flat(text: str) -> str:
    return " ".join(text.split())



def prose(text: str) -> bool:
    """A line of the article's prose: longer than furniture, or ending like a sentence."""
    text = text.strip()
    return len(text.split()) > FURNITURE_MAX_WORDS or text.endswith(SENTENCE_END)


def line_furniture(doc: Document, rule: Rule, options: Options, line: Line, stripped: str,
                    below_body: bool, after_article: bool,
                    gates: FurnitureGates = OPEN_GATES, words: int | None = None) -> Finding | None:
    """One line that is furniture by its own text. Every fix here is unsafe: even an image
    name or a relative time is text of the page, and a safe pass (pre-commit) must leave a
    page without a real defect as it is; the others may look like a crosshead or a line of
    the story to a program, so a person confirms. An agency's initials ("VNA",
    "CPV/VNA") count only after the article's last paragraph (``after_article``): inside the
    body the same shape is a crosshead ("PSY") or a table's header ("TT"). ``gates``: what
    the document can hold (``furniture_gates``); ``words``: the words of ``stripped`` counted up
    to a number above 12 (``LineFacts.words``), when known."""
    if not stripped or len(stripped) > 400:
        return None
    count = len(stripped.split(None, 12)) if words is None else words  # exact up to 12 words
    if count <= 12:  # the whole-line classes are short: most lines of prose skip them
        bare = stripped.strip(_BULLETS)
        if count <= 2 and options.image_name_regex.fullmatch(bare):
            return whole_line(doc, rule, line, "image file name", UNSAFE, stripped)
        if count <= 7 and options.relative_time_regex.fullmatch(bare):
            return whole_line(doc, rule, line, "relative time", UNSAFE, stripped)
        if options.ui_regex.fullmatch(bare) or (gates.stars and sum(stripped.count(c) for c in _STARS) >= 3):
            return whole_line(doc, rule, line, "page interface text", UNSAFE, stripped)
        if below_body and (options.credit_line_regex.fullmatch(bare)
                           or (after_article and options.agency_line_regex.fullmatch(bare))):
            return whole_line(doc, rule, line, "credit line", UNSAFE, stripped)
    else:
        promo = gates.promo is not None and gates.promo.holds(line.start, line.end)
        if not (promo or gates.nav_marks or (line.index >= doc.body_start_line and (
                (gates.alt_text and ALT_TEXT_NEEDS.search(stripped))
                or ("(" in stripped and options.marker_regex.search(stripped))))):
            return None  # a long line, and none of the searches below can find anything in it
        # the exact count up to 60 words, else 61: every test below answers as with the count
        count = len(stripped.split(None, CAPTION_MAX_WORDS))
    if (count <= CAPTION_MAX_WORDS and gates.promo is not None and gates.promo.holds(line.start, line.end)
            and options.promo_prefilter.search(stripped) is not None
            and options.promo_regex.search(stripped)):
        return whole_line(doc, rule, line, "promotional line", UNSAFE, stripped)
    if 3 <= count <= 24 and gates.nav_marks and _navigation(stripped, gates.nav_marks):
        return whole_line(doc, rule, line, "navigation strip", UNSAFE, stripped)
    if line.index < doc.body_start_line:
        return None
    if (count <= CAPTION_MAX_WORDS and gates.alt_text and ("ảnh" in stripped or "anh" in stripped)
            and ALT_TEXT_NEEDS.search(stripped) and _ALT_TEXT.search(stripped)):
        return whole_line(doc, rule, line, "photo caption (with the image's alt text)", UNSAFE, stripped)
    if (3 <= count <= 45 and "(" in stripped and options.marker_regex.search(stripped)
            and sum(stripped.count(c) for c in ".!?") <= 2 and not _REPORTED.search(stripped)):
        return whole_line(doc, rule, line, "photo caption (a position in the photo)", UNSAFE, stripped)
    if below_body and count <= 10 and _SLUG.fullmatch(stripped):
        return whole_line(doc, rule, line, "image alt text", UNSAFE, stripped)
    return None


def alt_text_tail(rule: Rule, options: Options, line: Line) -> Finding | None:
    """Image alt text ("ảnh 1", "hinh anh 1") glued to the end of the title: the title stays."""
    if not options.alt_tail_ends.ends(line.text.rstrip()):
        return None  # the pattern ends at the end of the line, and the line cannot end so
    match = options.alt_tail_regex.search(line.text)
    if match is None or not line.text[: match.start()].strip():
        return None
    tail = match.group()
    return rule.finding(line.start + match.start(), line.start + match.end(),
                        f"image alt text at the end of the title: {show(tail.strip())}",
                        Fix.delete(line.start + match.start(), line.start + match.end(),
                                   "Remove the alt text", UNSAFE))


def banner_or_caption_after_prefix(doc: Document, rule: Rule, options: Options,
                                    line: Line) -> Finding | None:
    """After the corpus's " date YYYY-MM-DD " prefix: a site banner (a hotline, a notice with
    a close button) to the end of the line, or a caption glued to the dateline."""
    prefix = DATE_PREFIX.match(line.text)
    assert prefix is not None
    rest = line.text[prefix.end():]
    if rest.strip() and options.banner_regex.search(rest):
        start = line.start + prefix.end()
        return rule.finding(start, line.end, f"site banner after the date prefix: {show(rest.strip())}",
                            Fix.delete(start, line.end, "Remove the banner", UNSAFE))
    return glued_caption(doc, rule, line, prefix.end())

