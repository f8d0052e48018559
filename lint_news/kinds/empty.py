"""Kind ``empty``: a seed file that holds no text, or nothing but white space.

A scraper that saved an error page as nothing, a download cut off before the body, a file
truncated by hand: such an article passes every other rule, because there is nothing in it to
find, and a corpus gate would call it clean. It gets its own finding. There is no fix: what the
article said cannot be known (scrape it again, or delete the file).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..core.document import BOM, Document
from ..core.model import Finding
from ..core.options import KindOptions
from ..core.rule import Rule

HANDLES_UNDECODABLE = False


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by KindOptions
class Options(KindOptions):
    """No options: a file is empty or it is not."""


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    first = text[:1]
    if first and first != BOM and not first.isspace():
        return  # (most files: no copy of the text is made to know it)
    if text.replace(BOM, "").strip():
        return
    what = "the file is empty" if not text else "the file holds only white space"
    yield rule.finding(0, len(text), f"empty article: {what}; there is no text to keep")
