"""Other stories appended to the article: a related-news section (with or without its heading)
and blurbs after the agency's sign-off. Each is cut from its first line to the end of the file,
an unsafe fix because it deletes many sentences."""

from __future__ import annotations

from ...core.document import Document, Line
from ...core.model import Finding, Fix
from ...core.rule import Rule
from ...text.regex.lazy import LazyPattern
from .chrome import search_end
from .findings import UNSAFE
from .gates import LINE_TEXT, SUFFIX, LineFacts
from .options import Options


def _last_nonblank(doc: Document) -> int:
    for line in reversed(doc.lines):
        if not line.is_blank:
            return line.index
    return -1  # pragma: no cover - callers check for text first


def cut_to_end(doc: Document, rule: Rule, first: int, what: str, fix_message: str) -> Finding:
    last = _last_nonblank(doc)
    start, end = doc.deletion_span(first, last)
    lines = doc.lines
    message = f"{what}: lines {first + 1}–{last + 1}"
    fix = Fix.delete(start, end, fix_message, UNSAFE)
    return rule.finding(lines[first].start, lines[last].end, message, fix)


def related_section(doc: Document, options: Options, facts: LineFacts, units: list[Line]) -> int | None:
    """A related-news heading alone on a line, below the header, with the other stories
    after it, or alone at the end (the page lost its items). ``units``: the non-blank lines
    of the body."""
    fullmatch = options.heading_regex.fullmatch
    ends = options.heading_ends.ends  # most lines cannot end as a heading: not matched
    known = options.heading_ends.known  # its answers so far, by a line's last characters
    trimmed = facts.trimmed
    title = doc.title_line
    empty: bool | None = None  # whether a line stripped to nothing is a heading (asked once)
    if facts.stripped is trimmed and fullmatch("") is None:
        # no byte-order mark (a line strips to something exactly when it is not blank) and
        # no blank line is a heading: only the non-blank lines are asked, in the same order
        for line in units:
            index = line.index
            if index == title:
                continue
            text = trimmed[index]
            end = known.get(text[-SUFFIX:])
            if end is None:
                end = ends(text)
            if end and fullmatch(text):
                return index
        return None
    for index in range(doc.body_start_line, len(doc.lines)):
        if index == title:
            continue
        text = trimmed[index]
        if text:
            end = known.get(text[-SUFFIX:])
            if end is None:
                end = ends(text)
            if end and fullmatch(text):
                return index
        else:
            if empty is None:
                empty = fullmatch(text) is not None
            if empty:
                return index
    return None


def article_continues(doc: Document, heading: int) -> bool:
    """Whether a paragraph longer than any blurb follows the heading: then the heading sits
    inside the article (an inline box), and cutting to the end would delete the article's
    own paragraphs. Real related sections hold headlines and blurbs of a sentence or two."""
    # (a split that stops past the bound: a long paragraph is not cut into all its words;
    # and a line of more than ``_BLURB_MAX_WORDS`` words holds that many words and a space
    # between each two, so a line no longer than twice the bound is not split at all)
    bound = _BLURB_MAX_WORDS
    return any(len(text) > 2 * bound and len(text.split(None, bound)) > bound
               for text in map(LINE_TEXT, doc.lines[heading + 1 :]))


def item_run(options: Options, units: list[Line]) -> int | None:
    """Headline / separator line / blurb items running to the end of the file (seed 000's
    related box without its heading): a separator line between two text lines is the mark.
    ``units``: the non-blank lines of the body."""
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
    text = text.strip()  # (both alternatives end in a separator: most lines are not asked)
    return text[-1:] in _SEPARATORS and _BYLINE_SEP.fullmatch(text) is not None


_SEPARATORS = ("|", "¦")


def appended_tail(doc: Document, options: Options, units: list[Line], facts: LineFacts) -> int | None:
    """Paragraphs after the agency's sign-off that are each another story's blurb.

    Why the sign-off: a wire story ends with its agency's mark ("…the world.-VNA", "— VNS",
    "./."); prose after it is something the page appended. A mark ends a paragraph of prose
    that follows at least one other body paragraph: a dateline alone ("HCM City (VNA)") ends
    with the same mark but opens the story, and everything after it is the article.
    Vocabulary alone cannot tell a blurb from a paragraph that moves to a new aspect of the
    story, so it only confirms, and it confirms each paragraph: every one must be blurb-sized
    and share little vocabulary with the article before the sign-off (title and every
    paragraph). One paragraph that continues the article and nothing is cut. ``units``: the
    non-blank lines of the body.
    """
    ends = options.sign_off_ends.ends  # most lines cannot end in a sign-off: not searched
    known = options.sign_off_ends.known  # its answers so far, by a line's last characters
    trimmed = facts.trimmed
    for k, line in enumerate(units[:-1]):
        # (a line stripped at both ends ends as one stripped at its end, unless it is shorter
        # than the characters read)
        text = trimmed[line.index]
        end = known.get(text[-SUFFIX:]) if len(text) >= SUFFIX else None
        if end is False:
            continue
        text = line.text.rstrip()
        if end is None:
            end = ends(text)
        if not end:
            continue
        match = search_end(options.sign_off_regex, options.sign_off_prefilter, text)
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

