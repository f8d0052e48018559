"""Kind ``whitespace``: spaces that flattening HTML leaves behind, all safely fixable.

Trailing and leading spaces, runs of spaces, tabs, and no-break spaces standing in for
plain spaces (``&nbsp;`` flattened). A no-break space is kept where typography wants one:
between digit groups ("10 000"), between a number and its unit or symbol, and before or
after French punctuation ("« Bonjour »", "Attention !").

One regular expression over the whole text finds only the interesting runs (a single plain
space between words never matches), so this costs little even on large files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..core.document import Document
from ..core.model import Finding, Fix
from ..core.options import KindOptions
from ..core.rule import Rule
from ..text.regex.lazy import LazyPattern

_SPECIAL = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"  # every space but the plain one
_SPACE = " " + _SPECIAL
# A reported run is a whole run of spaces that holds a special space, or two or more
# spaces, or is one plain space at the start of a line (or after a leading byte-order
# mark) or at its end. The pattern starts with one character class, not with alternatives,
# so the regex engine skips to the next space in C instead of trying each alternative at
# every position: about 3.5 times faster on the benchmark corpus, same matches.
# Compiled on first use: most documents pass ``_may_match`` and never reach it (start-up).
_RUNS = LazyPattern(
    rf"(?m)[{_SPACE}]"
    rf"(?:[{_SPACE}]+"  # a run of two or more
    rf"|(?<=[{_SPECIAL}])"  # one special space
    r"|(?<=^ )"  # one leading space
    r"|(?<=\A\ufeff )"  # one leading space after a byte-order mark
    r"|(?=\r?$))"  # one trailing space
)
_SPECIAL_CHARACTERS = frozenset("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                                "\u200a\u202f\u205f\u3000")  # ``_SPECIAL`` but the tab
_KEEP_BEFORE = frozenset("%‰°€$£¥₫»!?:;")
_KEEP_AFTER = frozenset("«$€£")


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by KindOptions
class Options(KindOptions):
    trailing: bool = True
    leading: bool = True
    runs: bool = True
    tabs: bool = True
    no_break_spaces: bool = True


def _may_match(doc: Document) -> bool:
    """Whether ``_RUNS`` can match: most files have no tab, no special space, no two spaces
    in a row and no space at either end of a line, and C's substring search says so
    several times faster than the pattern, which stops at every space.

    A match is a space of ``_SPACE`` that is special (a tab, or one of the document's
    unusual characters), or a plain one next to another, after a line start ("\\n", the
    start, a leading byte-order mark) or before a line end ("\\n", "\\r\\n", the end)."""
    text = doc.text
    if "\t" in text or not (text.isascii() or doc.unusual_characters.isdisjoint(_SPECIAL_CHARACTERS)):
        return True
    if text.startswith((" ", "\ufeff ")) or text.endswith(" "):
        return True
    # (most files have no "\r" at all, which one memchr says)
    return (_NEWLINE_SPACE.search(text) is not None or "  " in text
            or ("\r" in text and " \r" in text))


# A space after or before a newline ("\n " or " \n"): a pattern that starts with the rare
# "\n" lets the regex engine skip to each newline with ``memchr`` and look at its two
# neighbours there, one pass instead of two substring searches that stop at every space
# (3.8 MB of news: 1.8 ms against 7.0).
_NEWLINE_SPACE = LazyPattern(r"\n(?: |(?<= \n))")


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    if not _may_match(doc):
        return
    text = doc.text
    length = len(text)
    for match in _RUNS.finditer(text):
        start, end = match.span()
        run = text[start:end]
        at_start = start == 0 or text[start - 1] == "\n" or (start == 1 and text[0] == "\ufeff")
        at_end = end == length or text[end] in "\r\n"
        if at_end:
            if options.trailing:
                what = "whitespace-only line" if at_start else "trailing whitespace"
                yield rule.finding(start, end, _describe(what, run),
                                   Fix.delete(start, end, "Remove trailing whitespace"))
            continue
        if at_start:
            if options.leading:
                yield rule.finding(start, end, _describe("leading whitespace", run),
                                   Fix.delete(start, end, "Remove leading whitespace"))
            continue
        yield from _inside(rule, options, text, start, end, run)


def _inside(rule: Rule, options: Options, text: str, start: int, end: int, run: str) -> Iterator[Finding]:
    if len(run) == 1:
        if run == "\t":
            if options.tabs:
                fix = Fix.replace(start, end, " ", "Replace the tab with a space")
                yield rule.finding(start, end, "tab inside a line", fix)
            return
        if run != "\u00a0":
            return  # a single thin, narrow or ideographic space is typography
        if options.no_break_spaces and not _typographic_nbsp(text[start - 1], text[end]):
            yield rule.finding(start, end, "no-break space used as a plain space",
                               Fix.replace(start, end, " ", "Replace the no-break space with a space"))
        return
    if "\t" in run:
        if not options.tabs:
            return
        message = "tab inside a line"
    elif run.strip(" "):
        if not options.no_break_spaces:
            return
        message = _describe("no-break or special space next to another space", run)
    else:
        if not options.runs:
            return
        message = f"run of {len(run)} spaces"
    yield rule.finding(start, end, message, Fix.replace(start, end, " ", "Replace with a single space"))


def _typographic_nbsp(before: str, after: str) -> bool:
    """After a digit ("10 000", "10 km", "25 %") or around French punctuation."""
    return before.isdigit() or after in _KEEP_BEFORE or before in _KEEP_AFTER


def _describe(what: str, run: str) -> str:
    names = []
    if "\t" in run:
        names.append("tab")
    if "\u00a0" in run:
        names.append("no-break space")
    if any(c not in " \t\u00a0" for c in run):
        names.append("special space")
    return f"{what} ({', '.join(names)})" if names else what
