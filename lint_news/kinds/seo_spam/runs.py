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
    elements = keywords + [
        e for e in ctx.aux_elements(line, keywords) if not any(_overlap(e, k) for k in keywords)
    ]
    elements = _drop_overlaps(elements)
    text = ctx.text
    chains: list[list[_Element]] = []
    for element in elements:
        if chains and _joinable(text[chains[-1][-1].end : element.start]):
            chains[-1].append(element)
        else:
            chains.append([element])
    runs = []
    for chain in chains:
        chain = _trim_numbers(chain, text, line)
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


def _overlap(a: _Element, b: _Element) -> bool:
    return a.start < b.end and b.start < a.end


def _drop_overlaps(elements: list[_Element]) -> list[_Element]:
    rank = {"kw": 0, "brand": 0, "name": 1, "aux": 2, "num": 3}
    ordered = sorted(elements, key=lambda e: (rank[e.kind], -(e.end - e.start), e.start))
    kept: list[_Element] = []
    for element in ordered:
        if not any(_overlap(element, k) for k in kept):
            kept.append(element)
    return sorted(kept, key=lambda e: e.start)


def _joinable(gap: str) -> bool:
    return gap == "" or (len(gap) <= 3 and all(c in _SPACE_CLASS for c in gap))


def _trim_numbers(chain: list[_Element], text: str, line: Line) -> list[_Element]:
    """A number belongs to the phrase between listed words, at the end of the line, or right
    after a keyword when it is no year ("soi cầu 568"); in "slovakia 2025 - 21:38" or
    "chelsea 1, 1987" it is the date's."""
    while chain and chain[0].kind == "num":
        chain = chain[1:]
    while chain and chain[-1].kind == "num":
        last = chain[-1]
        digits = text[last.start : last.end]
        if len(chain) > 1 and text[last.end : line.end].strip() == "" and not YEAR.fullmatch(digits):
            break  # "soi cầu 568" ends the line; "March 31,nhà cái 1987" keeps its year
        follows_keyword = len(chain) > 1 and chain[-2].kind in ("kw", "brand")
        if follows_keyword and not YEAR.fullmatch(digits) and text[last.end : last.end + 1] in ("", " "):
            break
        chain = chain[:-1]
    return chain




def _categories(run: _Run) -> set[str]:
    return {e.entry.category if e.entry else "betting" for e in run.keywords}
