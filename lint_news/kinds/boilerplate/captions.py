"""Photo captions and credits: lines ending in a credit, English captions without one, and a
caption glued to the dateline that opens the story.

Every fix here is unsafe: a caption is a sentence, and only a person can tell it from one the
article needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.document import Document, Line
from ...core.model import Finding, Fix
from ...core.rule import Rule
from ...text.regex.lazy import LazyPattern
from .chrome import search_end, without_tail_chrome
from .findings import UNSAFE, show
from .options import WINDOW, Options

_WORD = LazyPattern(r"[^\W\d_][^\W\d_'’\-]*")
CAPTION_MAX_WORDS = 60
_GLUED_CREDIT = LazyPattern(
    r"[(\[]\s*(?:Photo|Photos|PHOTO|Ảnh|ẢNH|Anh|Image)\s*:\s*[^()\[\]\n]{1,60}[)\]]"
    r"|(?<![\w/])[A-Z]{2,6}(?:/[A-Z]{2,6})*\s+(?:Photo|PHOTO)\b"
)
_CAPS_DATELINE = LazyPattern(r"\s*([^\W\d_][^\W\d_.'’]*(?:[ ,]+[^\W\d_][^\W\d_.'’]*){0,3})\s*[—–-]{1,2}\s")
_AGENCY_DATELINE = LazyPattern(
    r"\s*[^\W\d_][\w.'’]*(?:[ ,]+[^\W\d_][\w.'’]*){0,3}\s*\([A-Z][A-Za-z/]{1,12}\)\s*[-–—:]?")
_NAME_WORD = LazyPattern(r"\s+[^\W\d_][\w.'’-]*")


def is_caption(doc: Document, options: Options, line: Line, stripped: str, cut: int | None,
               may_be_unmarked: bool, may_have_credit: bool = True, words: int | None = None) -> bool:
    """``cut``: ``tail_chrome(options, stripped)`` when the caller already knows it.
    ``may_be_unmarked``: whether the line is in the body and ends in a full stop, the first
    conditions of ``_unmarked_caption``, which most lines fail (asked here without a call).
    ``may_have_credit``: False when the document holds no literal of the credit pattern
    (``Options.credit_gate``), so no line of it ends in a credit. ``words``: the words of
    ``stripped`` counted up to 20 (``LineFacts.words``), when known."""
    if may_have_credit:
        body = without_tail_chrome(options, stripped) if cut is None else stripped[:cut]
        if _ends_in_credit(options, body):
            return True
    return may_be_unmarked and options.unmarked_captions and _unmarked_caption(doc, options, line, stripped,
                                                                                words)


def _ends_in_credit(options: Options, text: str) -> bool:
    """Whether ``search_end(options.credit_regex, options.credit_prefilter, text)`` finds a
    match: the alternation ``(?:a)|(?:b)|…`` matches at a place exactly when one of its
    patterns does (none of the built-in ones has a group a back reference could name), so
    each is searched alone (``Options.credit_parts``)."""
    parts = options.credit_parts
    if parts is None:
        return search_end(options.credit_regex, options.credit_prefilter, text) is not None
    window = max(0, len(text) - WINDOW)
    if options.credit_prefilter.search(text, window) is None:
        return False
    return any(part.search(text, window) is not None for part in parts)


def _unmarked_caption(doc: Document, options: Options, line: Line, text: str,
                      counted: int | None = None) -> bool:
    """An English caption with no credit: a short line of names and titles with no verb,
    ending in a full stop, standing alone between two body paragraphs.

    Why these conditions: each excludes a kind of real text. Subheadings have no full stop;
    bylines are two or three words; prose has a verb ("rose", "said", "-ed"); a sentence of
    prose rarely has more capitalised words than not; captions sit between paragraphs.
    """
    if line.index < doc.body_start_line or not text.endswith("."):
        return False
    if counted is None:
        counted = len(text.split(maxsplit=19))  # at most 20 parts: more than 18 exactly when
    if counted > 18:                            # there are more than 18 words
        return False
    # a letter outside ASCII rules a line out: asked first, cheaply (most lines that reach
    # here are Vietnamese prose, and an ASCII line needs no look at its characters)
    if not text.isascii() and _letter_outside_ascii(text):
        return False
    words = _WORD.findall(text)
    if not 4 <= len(words) <= 16:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    if capitalised * 2 < len(words):
        return False
    for word in words:
        low = word.casefold()
        if low in options.verb_set or (word[0].islower() and low.endswith(("ed", "ing", "es"))):
            return False
    before = _neighbour(doc, line.index, -1)
    after = _neighbour(doc, line.index, 1)
    return all(n is not None and len(n.text.split()) >= 15 for n in (before, after))


_OUTSIDE_ASCII = LazyPattern(r"[^\x00-\x7f]")


def _letter_outside_ascii(text: str) -> bool:
    """Whether a character of ``text`` outside ASCII is a letter (``str.isalpha``). Each
    character outside ASCII is found by a search in C, and only those are asked: in
    Vietnamese prose the first is a letter, and English has few (quotes, dashes), where a
    generator over every character cost a step per character."""
    search = _OUTSIDE_ASCII.search
    found = search(text)
    while found is not None:
        if found.group().isalpha():
            return True
        found = search(text, found.end())
    return False


def _neighbour(doc: Document, index: int, step: int) -> Line | None:
    k = index + step
    while 0 <= k < len(doc.lines):
        if not doc.lines[k].is_blank:
            return doc.lines[k]
        k += step
    return None


def caption_findings(doc: Document, rule: Rule, options: Options, captions: list[Line]) -> Iterator[Finding]:
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
            body = without_tail_chrome(options, first.text)
            match = search_end(options.credit_regex, options.credit_prefilter, body)
            if match is None:
                continue
            start = len(body[: match.start()].rstrip())
            yield rule.finding(first.start + match.start(), first.start + match.end(),
                               f"photo credit in the title line: {show(match.group().strip())}",
                               Fix.delete(first.start + start, first.start + match.end(),
                                          "Remove the photo credit", UNSAFE))
            continue
        what = "photo caption" if len(group) == 1 else f"photo caption ({len(group)} lines)"
        start, end = doc.deletion_span(first.index, last.index)
        yield rule.finding(first.start, last.end, what, Fix.delete(start, end, "Delete the caption", UNSAFE))


def may_glue_caption(doc: Document, found: frozenset[str] | None = None) -> bool:
    """Whether any line of ``doc`` can pass the cheap test at the top of ``glued_caption``.
    ``found``: the document's literals (``Options.literals``), when they were asked for
    "Photo" and "PHOTO"."""
    text = doc.text
    words = text if found is None else found
    return "Photo" in words or "PHOTO" in words or (":" in text and ("(" in text or "[" in text))


def glued_caption(doc: Document, rule: Rule, line: Line, begin: int = 0) -> Finding | None:
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
                if not 3 <= len(caption.split()) <= CAPTION_MAX_WORDS:
                    return None
                while pos < len(text) and text[pos] == " ":
                    pos += 1
                start = line.start + begin
                return rule.finding(start, line.start + pos,
                                    f"photo caption glued to the dateline: {show(caption.strip())}",
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
