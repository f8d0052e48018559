"""A rule as data: the rule file as written, and the rule the configuration resolved.

Rule files are YAML, one per rule, pointing at a Python check kind (``lint_news/kinds/``);
``config/rules.py`` reads them and builds ``Rule``s. Nothing here knows about kinds or
configuration files: kinds receive a ``Rule`` and build findings with ``Rule.finding``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .model import Finding, Fix, Severity
from .yamlfile import YamlFile


class Examples(NamedTuple):
    """Example texts, used as documentation and run as tests. (This and ``RuleDocs`` are
    named tuples: immutable, and cheaper than frozen dataclasses to define at start-up.)"""

    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    fixed: tuple[tuple[str, str], ...] = ()


class RuleDocs(NamedTuple):
    """A rule's documentation in ruff's sections, each a field of the rule file's ``docs:``
    (``lint-news rule NAME`` prints them; a test checks every built-in rule has them)."""

    what: str = ""  # what it finds
    why: str = ""  # why that matters in a corpus
    example: str = ""  # a short before/after, in words or text
    fix_safety: str = ""  # what the fix does, and why it is safe or unsafe

    @property
    def complete(self) -> bool:
        return all((self.what, self.why, self.example, self.fix_safety))


@dataclass(frozen=True)
class RuleFile:
    """A rule file as written, before the user's configuration is applied."""

    id: str
    kind: str
    severity: Severity
    scope: str
    description: str
    message: str | None
    options: Mapping[str, Any]
    examples: Examples
    source: str
    builtin: bool
    yaml: YamlFile = field(repr=False, compare=False)
    defer_to: tuple[str, ...] = ()
    docs: RuleDocs = RuleDocs()  # noqa: RUF009 - an immutable named tuple, safe to share


@dataclass(frozen=True)
class Rule:
    """A rule ready to run: its file, and the severity and typed options the configuration
    resolved for it."""

    file: RuleFile
    severity: Severity
    options: Any

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def kind(self) -> str:
        return self.file.kind

    @property
    def scope(self) -> str:
        return self.file.scope

    @property
    def description(self) -> str:
        return self.file.description

    @property
    def message(self) -> str | None:
        return self.file.message

    @property
    def docs(self) -> RuleDocs:
        return self.file.docs

    @property
    def examples(self) -> Examples:
        return self.file.examples

    @property
    def source(self) -> str:
        return self.file.source

    @property
    def builtin(self) -> bool:
        return self.file.builtin

    @property
    def defer_to(self) -> tuple[str, ...]:
        return self.file.defer_to

    def finding(self, start: int, end: int, message: str, fix: Fix | None = None) -> Finding:
        return Finding(self.id, self.severity, message, start, end, fix)


def summary(description: str) -> str:
    """The first sentence of a description's first paragraph, on one line."""
    paragraph = " ".join(description.strip().split("\n\n")[0].split())
    match = re.search(r"[.!?](?=\s|$)", paragraph)
    return paragraph[: match.end()] if match else paragraph
