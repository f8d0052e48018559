"""Kind ``pattern``: report regular expressions and literal phrases, optionally replacing them.

This is how users write rules with no Python. Its option names are a contract (README,
``rules/README.md``): ``patterns``, ``phrases``, ``ignore-case``, ``ignore-accents``,
``word-boundary``, ``replacement``, ``applicability`` and ``timeout``.

Matching uses the ``regex`` package, whose matcher takes a timeout: a user's expression that
backtracks catastrophically ("(a+)+$") must not hang a CI gate. Patterns are compiled when
the config loads, and those of user rules are tried against a few adversarial probe strings
then, so most such expressions are rejected with a config error before any file is read. At
run time each rule gets ``timeout`` seconds per file (about: the clock is checked between
matches and each match attempt gets what remains); a rule that exceeds it raises
``PatternTimeout``, which the runner reports with the rule and the file (exit status 2).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import regex

from ..core.document import Document
from ..core.model import Applicability, Finding, Fix
from ..core.options import KindOptions, option_error
from ..core.rule import Rule
from ..text.folding import fold_accents
from ..text.regex.safety import check_regexes, slow_pattern, slow_pattern_message


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by KindOptions
class Options(KindOptions):
    patterns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    ignore_case: bool = False
    ignore_accents: bool = False
    word_boundary: bool = True
    replacement: str | None = None
    applicability: Literal["safe", "unsafe"] = "unsafe"
    timeout: float = 5.0
    regex: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise option_error("timeout", f"must be a positive number of seconds, not {self.timeout!r}")
        check_regexes("patterns", self.patterns, regex.compile, (regex.error,), bounded=False)
        # the text is matched accent-folded, so the pattern's own letters must be too
        alternatives = [
            f"(?:{fold_accents(pattern) if self.ignore_accents else pattern})" for pattern in self.patterns
        ]
        for phrase in self.phrases:
            literal = re.escape(fold_accents(phrase) if self.ignore_accents else phrase)
            if self.word_boundary:
                literal = (r"(?<!\w)" if phrase[:1].isalnum() else "") + literal
                literal += r"(?!\w)" if phrase[-1:].isalnum() else ""
            alternatives.append(f"(?:{literal})")
        if not alternatives:
            raise ValueError("a pattern rule needs at least one entry in 'patterns' or 'phrases'")
        flags = regex.IGNORECASE if self.ignore_case else 0
        object.__setattr__(self, "regex", regex.compile("|".join(alternatives), flags | regex.MULTILINE))


class PatternTimeout(TimeoutError):
    """A pattern rule used up its time on one file."""


def find_slow_pattern(options: Options) -> str | None:
    """The first pattern that takes over PROBE_TIMEOUT on a probe string, if any."""
    return slow_pattern(options.patterns, regex.IGNORECASE if options.ignore_case else 0)


_GROUP_REF = re.compile(r"\\(?:g<([^>]*)>|(\d{1,2}))")


def validate(rule: Rule) -> None:
    if not rule.message:
        raise ValueError("a pattern rule needs a 'message'")
    if not rule.builtin:  # built-in patterns are vetted by tests; keep start-up cheap
        slow = find_slow_pattern(rule.options)
        if slow is not None:
            raise option_error(_pattern_key(rule.options, slow), slow_pattern_message(slow, "pattern"))
    replacement = rule.options.replacement
    if replacement is None:
        return
    compiled = rule.options.regex
    for match in _GROUP_REF.finditer(replacement):
        name = match.group(1) if match.group(1) is not None else match.group(2)
        if name.isdigit():
            if int(name) > compiled.groups:
                raise option_error("replacement", f"replacement refers to missing group {name}")
        elif name not in compiled.groupindex:
            raise option_error("replacement", f"replacement refers to unknown group {name!r}")


def _pattern_key(options: Options, pattern: str) -> str:
    if pattern in options.patterns:
        return f"patterns.{options.patterns.index(pattern)}"
    return "phrases"


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    message = rule.message or "{match!r}"
    applicability = Applicability(options.applicability)
    if rule.scope == "document":
        segments = [(0, doc.text)]
    else:
        segments = [(line.start, line.text) for line in doc.scope_lines(rule.scope)]
    deadline = time.monotonic() + options.timeout
    for offset, text in segments:
        haystack = fold_accents(text) if options.ignore_accents else text
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _timeout(options)
        try:
            for match in options.regex.finditer(haystack, timeout=remaining):
                if time.monotonic() > deadline:
                    raise _timeout(options)
                yield from _finding(rule, options, message, applicability, offset, text, match)
        except PatternTimeout:
            raise
        except TimeoutError:
            raise _timeout(options) from None


def _timeout(options: Options) -> PatternTimeout:
    return PatternTimeout(
        f"matching took longer than {options.timeout:g}s (the rule's 'timeout' per file); "
        "its regular expression probably backtracks catastrophically"
    )


def _finding(rule: Rule, options: Options, message: str, applicability: Applicability, offset: int,
             text: str, match: Any) -> Iterator[Finding]:
    if match.start() == match.end():
        return
    original = text[match.start() : match.end()]
    fix = None
    if options.replacement is not None:
        replacement = options.replacement if options.ignore_accents else match.expand(options.replacement)
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
