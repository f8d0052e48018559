"""Runs of keywords: a listed phrase with the listed words that cling to it.

Prefixes, modifiers, names and numbers join a keyword when nothing but a space or a
separator stands between them; the evidence and the fixes are about runs, not single keywords.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from ...core.document import Line
from ...text.dates import YEAR
from .options import _Element
from .patterns import _SPACE_CLASS
from .spans import _squeezed

if TYPE_CHECKING:  # (the context builds the elements runs are made of)
    from .context import _Context


# ----- runs -----------------------------------------------------------------------------
# (no __eq__/__repr__: nothing compares, hashes or prints one, and Python compiles each
# generated method from source when the class is made)
@dataclass(eq=False, repr=False)
class _Run:
    line: Line
    elements: list[_Element]
    glue_left: str = ""  # "", "alnum", "punct", "underscore"
    glue_right: bool = False
    glue_inside: bool = False

    @property
    def start(self) -> int:
        return self.elements[0].start

    @property
    def end(self) -> int:
        return self.elements[-1].end

    @property
    def keywords(self) -> list[_Element]:
        return [e for e in self.elements if e.kind in ("kw", "brand")]

    @property
    def category(self) -> str:
        for element in self.keywords:
            if element.entry is not None:
                return element.entry.category
        return "betting"


def _build_runs(ctx: _Context, line: Line, keywords: list[_Element]) -> list[_Run]:
    by_keywords = _Occupied(line.start, line.end)
    for keyword in keywords:
        by_keywords.take(keyword)
    elements = keywords + [e for e in ctx.aux_elements(line, keywords) if not by_keywords.overlaps(e)]
    elements = _drop_overlaps(elements)
    text = ctx.text
    chains: list[list[_Element]] = []
    for element in elements:
        if chains and _joinable(text[chains[-1][-1].end : element.start]):
            chains[-1].append(element)
        else:
            chains.append([element])
    runs = []
    content_end = line.start + len(text[line.start : line.end].rstrip())
    for chain in chains:
        chain = _trim_numbers(chain, text, content_end)
        if not chain or not any(e.kind in ("kw", "brand") for e in chain):
            continue
        run = _Run(line, chain)
        before = text[run.start - 1] if run.start > line.start else ""
        before2 = text[run.start - 2] if run.start - 2 >= line.start else ""
        if before.isalnum():
            run.glue_left = "alnum"
        elif before == "_" and before2.isalnum():
            run.glue_left = "underscore"
        elif (before in ",;:.!?" and before2.isalnum()) or before == "|":
            run.glue_left = "punct"
        run.glue_right = run.end < line.end and text[run.end].isalnum()
        run.glue_inside = any(a.end == b.start for a, b in pairwise(chain)) or any(
            _squeezed(text[e.start : e.end], e.entry) for e in chain if e.kind == "kw"
        )
        runs.append(run)
    return runs


class _Occupied:
    """The characters of ``start:end`` that elements taken so far cover. Whether an element
    overlaps one of them (``a.start < b.end and b.start < a.end``) then costs its own length,
    not a comparison with each, which made a line stuffed with thousands of keywords
    quadratic.

    By that test an empty element overlaps a taken one that holds its position strictly
    inside, and a taken empty one overlaps an element that holds it strictly inside; no step
    makes empty elements, but the answers stay the same for them."""

    def __init__(self, start: int, end: int) -> None:
        self._start = start
        size = max(end - start, 0) + 1
        self._covered = bytearray(size)  # a character of a taken element
        self._inner = bytearray(size)  # a character after the first of a taken element
        self._points = bytearray(size)  # where a taken empty element stands

    def take(self, element: _Element) -> None:
        a, b = element.start - self._start, element.end - self._start
        if a < b:
            self._covered[a:b] = b"\x01" * (b - a)
            self._inner[a + 1 : b] = b"\x01" * (b - a - 1)
        else:
            self._points[a] = 1

    def overlaps(self, element: _Element) -> bool:
        a, b = element.start - self._start, element.end - self._start
        if a < b:
            return self._covered.find(1, a, b) >= 0 or self._points.find(1, a + 1, b) >= 0
        return bool(self._inner[a])


def _drop_overlaps(elements: list[_Element]) -> list[_Element]:
    if not elements:
        return []
    rank = {"kw": 0, "brand": 0, "name": 1, "aux": 2, "num": 3}
    ordered = sorted(elements, key=lambda e: (rank[e.kind], -(e.end - e.start), e.start))
    occupied = _Occupied(min(e.start for e in elements), max(e.end for e in elements))
    kept: list[_Element] = []
    for element in ordered:
        if not occupied.overlaps(element):
            kept.append(element)
            occupied.take(element)
    return sorted(kept, key=lambda e: e.start)


def _joinable(gap: str) -> bool:
    return gap == "" or (len(gap) <= 3 and all(c in _SPACE_CLASS for c in gap))


def _trim_numbers(chain: list[_Element], text: str, content_end: int) -> list[_Element]:
    """A number belongs to the phrase between listed words, at the end of the line, or right
    after a keyword when it is no year ("soi cầu 568"); in "slovakia 2025 - 21:38" or
    "chelsea 1, 1987" it is the date's. ``content_end`` is where the line's text ends before
    its trailing white space (found once a line: asking each run made a long line quadratic)."""
    first, end = 0, len(chain)
    while first < end and chain[first].kind == "num":
        first += 1
    while end > first and chain[end - 1].kind == "num":
        last = chain[end - 1]
        digits = text[last.start : last.end]
        if end - first > 1 and last.end >= content_end and not YEAR.fullmatch(digits):
            break  # "soi cầu 568" ends the line; "March 31,nhà cái 1987" keeps its year
        follows_keyword = end - first > 1 and chain[end - 2].kind in ("kw", "brand")
        if follows_keyword and not YEAR.fullmatch(digits) and text[last.end : last.end + 1] in ("", " "):
            break
        end -= 1
    return chain[first:end]




def _categories(run: _Run) -> set[str]:
    return {e.entry.category if e.entry else "betting" for e in run.keywords}
