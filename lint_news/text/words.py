"""Words as corpus comparison sees them: case-folded runs of letters and digits, any script.

Shared by ``lint-news corpus`` (app/corpus/dedup.py) and the datatrove near-duplicate stages
(integrations/datatrove.py), so both sign the same shingles of a text.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded: case and punctuation differences are not new stories."""
    return _WORD.findall(text.casefold())
