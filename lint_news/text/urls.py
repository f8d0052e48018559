"""URLs, e-mail addresses and domain names in prose, found so that kinds leave them alone.

A kind that splits words or cuts phrases must not touch "vietnamplus.vn", "desk@example.com"
or "http://x.org/a?b=1". Two signals find them: a mark ("://", "www.", "@") and a domain
ending (a dot and a top-level domain). The top-level domains are listed here only, in three
lists because a wrong "address" costs each caller something different:

- ``DOMAIN_TLDS``: endings that are no English word, so that "x.com" in running text is an
  address and never a lost space ("to.me" is a lost space; "me" is not listed).
- ``TLDS``: those and the endings that are also words or abbreviations ("co", "us", "fm"),
  for text already shaped like a domain ("Example.Com" after a full stop).
- ``SPAM_SITE_TLDS``: the endings of the sites spam links to (cheap and betting registries:
  "top", "club", "bet", "xyz"), looked for only around a spam keyword.
"""

from __future__ import annotations

import re

from .regex.lazy import LazyPattern

DOMAIN_TLDS = ("com", "net", "org", "gov", "edu", "vn", "uk", "io")
TLDS = frozenset((*DOMAIN_TLDS, "info", "biz", "co", "us", "fm"))
SPAM_SITE_TLDS = (
    "com", "net", "org", "info", "vn", "io", "co", "tv", "me", "top", "club", "bet", "xyz", "asia",
)

_MARKS = r"://|www\.|@"
URL_MARK = LazyPattern(_MARKS)  # rare: looked for only when a substring test finds one
# A domain ending after a word character or hyphen. (The look-behind comes after the dot, so
# that the scan jumps from dot to dot. Compiled on first use: a run of one clean file often
# imports this module without asking for URL spans.)
DOMAIN_END = LazyPattern(r"\.(?<=[\w-]\.)(?:" + "|".join(DOMAIN_TLDS) + r")\b")
# Either signal, any case, with the spam sites' endings: for the text around one phrase.
ADDRESS = LazyPattern(_MARKS + r"|\.(?:" + "|".join(SPAM_SITE_TLDS) + r")\b", re.I)


def url_spans(text: str) -> list[tuple[int, int]]:
    """The chunks of non-space text around each URL mark or domain ending, in order.

    The same spans as ``\\S*(?:mark)\\S*``, which tries every offset of the text: here the
    marks are found first (the literal ones only when a substring test finds one) and
    widened to their chunk.
    """
    marks = [match.start() for match in DOMAIN_END.finditer(text)]
    if "://" in text or "www." in text or "@" in text:
        marks += [match.start() for match in URL_MARK.finditer(text)]
        marks.sort()
    spans: list[tuple[int, int]] = []
    end = 0
    size = len(text)
    for start in marks:
        if start < end:
            continue  # a second mark in the same chunk
        end = start
        while start > 0 and not text[start - 1].isspace():  # str.isspace is regex \s
            start -= 1
        while end < size and not text[end].isspace():
            end += 1
        spans.append((start, end))
    return spans
