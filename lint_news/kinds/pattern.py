"""Kind ``pattern``: report regular expressions and literal phrases, optionally replacing them.

This is how users write rules with no Python. Its option names are a contract (README,
``rules/README.md``): ``patterns``, ``phrases``, ``ignore-case``, ``ignore-accents``,
``word-boundary``, ``replacement`` and ``applicability``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..document import Document
from ..model import Applicability, Finding, Fix
from ..rules import Rule
from ..textutil import fold_accents


@dataclass(frozen=True)
class Options:
    patterns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    ignore_case: bool = False
    ignore_accents: bool = False
    word_boundary: bool = True
    replacement: str | None = None
    applicability: Literal["safe", "unsafe"] = "unsafe"
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        alternatives = []
        for index, pattern in enumerate(self.patterns):
            try:
                re.compile(pattern)
            except re.error as exc:
                error = ValueError(f"invalid regular expression {pattern!r}: {exc}")
                error.key = f"patterns.{index}"  # type: ignore[attr-defined]
                raise error from None
            alternatives.append(f"(?:{pattern})")
        for phrase in self.phrases:
            literal = re.escape(fold_accents(phrase) if self.ignore_accents else phrase)
            if self.word_boundary:
                literal = (r"(?<!\w)" if phrase[:1].isalnum() else "") + literal
                literal += r"(?!\w)" if phrase[-1:].isalnum() else ""
            alternatives.append(f"(?:{literal})")
        if not alternatives:
            raise ValueError("a pattern rule needs at least one entry in 'patterns' or 'phrases'")
        flags = re.IGNORECASE if self.ignore_case else 0
        object.__setattr__(self, "regex", re.compile("|".join(alternatives), flags | re.MULTILINE))


_GROUP_REF = re.compile(r"\\(?:g<([^>]*)>|(\d{1,2}))")


def validate(rule: Rule) -> None:
    if not rule.message:
        raise ValueError("a pattern rule needs a 'message'")
    replacement = rule.options.replacement
    if replacement is None:
        return
    regex = rule.options.regex
    for match in _GROUP_REF.finditer(replacement):
        name = match.group(1) if match.group(1) is not None else match.group(2)
        if name.isdigit():
            if int(name) > regex.groups:
                raise ValueError(f"replacement refers to missing group {name}")
        elif name not in regex.groupindex:
            raise ValueError(f"replacement refers to unknown group {name!r}")


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    message = rule.message or "{match!r}"
    applicability = Applicability(options.applicability)
    if rule.scope == "document":
        segments = [(0, doc.text)]
    else:
        segments = [(line.start, line.text) for line in doc.scope_lines(rule.scope)]
    for offset, text in segments:
        haystack = fold_accents(text) if options.ignore_accents else text
        for match in options.regex.finditer(haystack):
            if match.start() == match.end():
                continue
            original = text[match.start() : match.end()]
            fix = None
            if options.replacement is not None:
                if options.ignore_accents:
                    replacement = options.replacement
                else:
                    replacement = match.expand(options.replacement)
                fix = Fix.replace(
                    offset + match.start(),
                    offset + match.end(),
                    replacement,
                    f"Replace {original!r} with {replacement!r}" if replacement else f"Remove {original!r}",
                    applicability,
                )
            yield rule.finding(
                offset + match.start(),
                offset + match.end(),
                message.format(match=original, rule=rule.id),
                fix,
            )
