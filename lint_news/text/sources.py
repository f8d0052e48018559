"""Where an article says it came from: the domain of a ``Source:``/``URL:`` line near its top.

Shared by ``--statistics --by-source`` (app/corpus/stats.py) and the datatrove stats step.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HEAD_LINES = 15
_SOURCE_LINE = re.compile(
    r"^\s*(?:(?:source|url|link|nguồn|original)\s*[:：]\s*)?(?P<url>(?:https?://|www\.)[^\s<>\"']+)\s*$",
    re.IGNORECASE,
)


def domain(url: str) -> str | None:
    """The host of ``url`` without ``www.``, or None if it has no dotted host."""
    if not re.match(r"https?://", url, re.IGNORECASE):
        url = "http://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def source_line_domain(head: str) -> str | None:
    """The domain of a source or URL line among the first lines of a file, if there is one."""
    for line in head.splitlines()[:HEAD_LINES]:
        match = _SOURCE_LINE.match(line)
        if match:
            found = domain(match.group("url"))
            if found:
                return found
    return None
