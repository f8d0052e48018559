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

from ...core.document import Document, Line
from ...core.model import Finding, Fix
from ...core.rule import Rule
from .captions import caption_findings, glued_caption, is_caption, may_glue_caption
from .chrome import LEAD_SEPARATOR_CHARS, chain, glued_chrome, may_have_glued, tail_chrome
from .edges import labels_above_title, section_labels, trailing_furniture
from .findings import SAFE, UNSAFE, show
from .furniture import (
    ALT_TEXT_NEEDS,
    DATE_PREFIX,
    FURNITURE_MAX_WORDS,
    LINK_WINDOW,
    SENTENCE_END,
    TWICE_MAX_WORDS,
    alt_text_tail,
    banner_or_caption_after_prefix,
    flat,
    furniture_gates,
    line_furniture,
    link_tail,
    prose,
)
from .gates import GLUED_CREDIT_WORDS, SUFFIX, LineFacts, line_facts
from .options import WINDOW, Options
from .sections import appended_tail, article_continues, cut_to_end, item_run, related_section

__all__ = ["Options", "check"]


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    if not doc.lines:
        return
    facts = doc.derived(line_facts)
    taken: set[int] = set()
    for finding in _chrome_and_captions(doc, rule, facts):
        first = doc.position(finding.start)[0] - 1
        last = doc.position(max(finding.start, finding.end - 1))[0] - 1
        taken.update(range(first, last + 1))
        yield finding
    yield from _furniture(doc, rule, rule.options, taken, facts)


def _chrome_and_captions(doc: Document, rule: Rule, facts: LineFacts) -> Iterator[Finding]:
    """One pass over the non-blank lines for chrome, read-more lines and captions, after the
    related-news and appended-tail sections. The document's gates are asked once: most
    documents hold no separator to lead a line, no empty image and no credit, and most lines
    end in a way no chrome item can (``Options.chrome_ends``)."""
    options: Options = rule.options
    lines = doc.lines
    body_start = doc.body_start_line
    nonblank = facts.nonblank
    first_unit = 0
    while first_unit < len(nonblank) and nonblank[first_unit].index < body_start:
        first_unit += 1
    units = nonblank[first_unit:]
    yield from section_labels(doc, rule)
    section_start = related_section(doc, options, facts, units)
    if section_start is not None and article_continues(doc, section_start):
        heading = lines[section_start]
        start, end = doc.deletion_span(section_start, section_start)
        yield rule.finding(heading.start, heading.end,
                           f"related-news heading inside the article: {show(heading.text.strip())}",
                           Fix.delete(start, end, "Delete the heading (the article continues below it)",
                                      UNSAFE))
    elif section_start is not None:
        yield cut_to_end(doc, rule, section_start, "related-news section",
                         "Delete the related-news section (other stories' headlines and blurbs)")
    else:
        items_start = item_run(options, units)
        if items_start is not None:
            yield cut_to_end(doc, rule, items_start,
                             "related-news items (headline | blurb) without a heading",
                             "Delete the related-news items")
        else:
            tail_start = appended_tail(doc, options, units, facts)
            if tail_start is not None:
                yield cut_to_end(doc, rule, tail_start,
                                 "appended blurbs of other stories after the article's sign-off",
                                 "Cut the appended tail")
    captions: list[Line] = []
    chrome_regex = options.chrome_regex
    chrome_match = chrome_regex.match
    # a document without a read-more line's words has no read-more line: none is matched
    read_more = options.read_more_regex.match if section_start is None and options.read_more_words.may_match(
        doc, options.lowered_literals) else None
    ends = options.chrome_ends.ends
    known_ends = options.chrome_ends.known  # its answers so far, by a line's last characters
    # a user's image pattern is searched on every line: it must meet its time limit there
    literals = options.literals  # the gates' literals, found in one pass
    image = not isinstance(options.image_regex, re.Pattern) or options.image_gate.may_match(doc, literals)
    credits = options.credit_gate.probe(doc, literals)  # None: no line of the document ends in a credit
    stripped_of = facts.stripped
    words_of = facts.words
    unmarked = options.unmarked_captions
    for line in nonblank:
        text = line.text
        stripped = stripped_of[line.index]
        if not stripped:  # a line of nothing but byte-order marks: chrome too
            start, end = doc.deletion_span(line.index, line.index)
            yield rule.finding(line.start, line.end, f"page chrome line {show(stripped)}",
                               Fix.delete(start, end, "Delete the chrome line", SAFE))
            continue
        chrome_end = known_ends.get(stripped[-SUFFIX:])
        if chrome_end is None:
            chrome_end = ends(stripped)
        # a chrome line starts with a chrome item (``stripped`` starts with no space)
        if (chrome_end and len(stripped) <= WINDOW and chrome_match(stripped)
                and chain(chrome_regex, stripped, 0)):
            start, end = doc.deletion_span(line.index, line.index)
            yield rule.finding(line.start, line.end, f"page chrome line {show(stripped)}",
                               Fix.delete(start, end, "Delete the chrome line", SAFE))
            continue
        if read_more is not None and read_more(stripped):
            start, end = doc.deletion_span(line.index, line.index)
            yield rule.finding(line.start, line.end, "\"read more\" link line",
                               Fix.delete(start, end, "Delete the read-more line", UNSAFE))
            continue
        # (``stripped`` ends as ``text`` does, so its ending answers for both)
        cut = tail_chrome(options, text) if chrome_end or len(stripped) < SUFFIX else len(text)
        if cut < len(text) or ((image or stripped[0] in LEAD_SEPARATOR_CHARS)
                               and may_have_glued(options, text, cut)):
            yield from glued_chrome(rule, options, line, cut)
        # most lines have nothing to strip: then their chrome cut is the one just found
        # (more than 18 words: never an unmarked caption, ``_unmarked_caption``'s first test)
        unmarked_here = (unmarked and line.index >= body_start and words_of[line.index] <= 18
                         and stripped.endswith("."))
        # a line with nothing to strip is searched for a credit in its last WINDOW characters
        credit = credits is not None and (
            stripped != text or cut != len(text)
            or credits.holds(line.start + max(0, len(text) - WINDOW), line.start + len(text)))
        if (credit or unmarked_here) and is_caption(
                doc, options, line, stripped, cut if stripped == text else None, unmarked_here, credit,
                words_of[line.index]):
            captions.append(line)
    yield from caption_findings(doc, rule, options, captions)


def _furniture(doc: Document, rule: Rule, options: Options, taken: set[int],
               facts: LineFacts) -> Iterator[Finding]:
    """Lines that are page furniture by their shape and place, not by a phrase: credits,
    interface strings, relative times, image names, captions marked by a position in the
    photo or printed twice, labels above the title and the short lines after the article.

    Every finding is one line or a run of lines each of which is furniture; a fix never
    removes a line of the article's prose."""
    lines = doc.lines
    body_start = doc.body_start_line
    title = doc.title_line
    nonblank = facts.nonblank
    stripped_of = facts.stripped
    trimmed_of = facts.trimmed
    words_of = facts.words
    first_body = next((ln.index for ln in nonblank if ln.index >= body_start), len(lines))
    if stripped_of is trimmed_of:  # no byte-order mark: ``prose`` read from the facts
        last_prose = next((ln.index for ln in reversed(nonblank) if ln.index not in taken and (
            words_of[ln.index] > FURNITURE_MAX_WORDS or trimmed_of[ln.index].endswith(SENTENCE_END))), -1)
    else:
        last_prose = next((ln.index for ln in reversed(nonblank)
                           if ln.index not in taken and prose(ln.text)), -1)
    gates = furniture_gates(doc, options)
    holds = options.literals.found(doc)
    # (a caption glued to the dateline holds a credit's word: most documents hold none)
    glued = not holds.isdisjoint(GLUED_CREDIT_WORDS) and may_glue_caption(doc, holds)
    # (a line holds "Photo" or "PHOTO" only where the document does: not looked for in
    # each line of a document without them)
    photo = "Photo" in holds
    photo_caps = "PHOTO" in holds
    promo = gates.promo
    nav_marks = gates.nav_marks
    alt_text = gates.alt_text
    alt_needs = ALT_TEXT_NEEDS.search
    marker = options.marker_regex.search
    for k, line in enumerate(nonblank):
        index = line.index
        if index in taken:
            continue
        text = line.text
        stripped = stripped_of[index]
        if index == 0 and DATE_PREFIX.match(text):
            found = banner_or_caption_after_prefix(doc, rule, options, line)
            if found is not None:
                taken.add(index)
                yield found
            continue
        if index == title:
            finding = line_furniture(doc, rule, options, line, stripped, False, False, gates,
                                     words_of[index])
            finding = finding or alt_text_tail(rule, options, line)
            if finding is not None:
                taken.add(index)
                yield finding
            continue
        # a line of more than 12 words that no search of ``line_furniture`` for long lines
        # can find anything in is skipped here, as that function's first gate would skip it
        if (words_of[index] > 12 and not nav_marks
                and (promo is None or not promo.holds(line.start, line.end))
                and (index < body_start or not ((alt_text and alt_needs(stripped))
                                                or ("(" in stripped and marker(stripped))))):
            finding = None
        else:
            finding = line_furniture(doc, rule, options, line, stripped, index > first_body,
                                     index > last_prose, gates, words_of[index])
        if finding is None and index >= body_start:
            nxt = nonblank[k + 1] if k + 1 < len(nonblank) else None
            if (nxt is not None and nxt.index not in taken and trimmed_of[nxt.index][:16] == stripped[:16]
                    and flat(nxt.text) == flat(stripped)
                    and 4 <= len(stripped.split()) <= TWICE_MAX_WORDS):
                start, end = doc.deletion_span(index, nxt.index)
                taken.update((index, nxt.index))
                yield rule.finding(line.start, nxt.end, "photo caption printed twice (alt text and caption)",
                                   Fix.delete(start, end, "Delete the caption", UNSAFE))
                continue
            # (``glued_caption``'s own first tests, asked here without a call)
            finding = glued_caption(doc, rule, line) if glued and len(text) >= 40 and (
                (photo and "Photo" in text) or (photo_caps and "PHOTO" in text)
                or (":" in text and ("(" in text or "[" in text))) else None
        if finding is not None:
            taken.add(index)
            yield finding
    yield from labels_above_title(doc, rule, nonblank, taken)
    yield from trailing_furniture(doc, rule, nonblank, taken, facts)
    link_gate = options.link_tail_gate
    if not link_gate.may_match(doc, options.lowered_literals):
        return  # no line of the document holds the words of link text
    link_ends = options.link_tail_ends.ends
    link_known = options.link_tail_ends.known  # its answers so far, by a line's last characters
    for line in nonblank:  # also on lines with a finding: a caption and a link in one line
        # (a line stripped at both ends ends as one stripped at its end, unless it is shorter
        # than the characters read: then its end is read with the spaces before it)
        trimmed = trimmed_of[line.index]
        link_end = link_known.get(
            trimmed[-SUFFIX:] if len(trimmed) >= SUFFIX else line.text.rstrip()[-SUFFIX:])
        if link_end is False:
            continue
        text = line.text.rstrip()
        if link_end is None:
            link_end = link_ends(text)
        if link_end and link_gate.piece_may_match(text[max(0, len(text) - LINK_WINDOW):]):
            yield from link_tail(rule, options, line)
