"""Check kinds: the Python logic that rule files (pure data) point to with ``kind:``.

The registry is explicit, like yamllint's, and maps a kind to the module that implements
it; modules are imported only when a rule of that kind is enabled, so a run that needs no
heavy library never imports one. ``tests/test_registry.py`` keeps this table in step with
the modules on disk.

A kind module provides:

- ``Options``: a frozen dataclass of the kind's options with defaults;
- ``check(doc, rule) -> Iterable[Finding]``: never prints, never mutates ``doc`` or ``rule``;
- optionally ``HANDLES_UNDECODABLE = True`` (runs on files that are not valid UTF-8) and
  ``HANDLES_BINARY = True`` (runs on binary files, which have no text);
- optionally ``validate(rule)`` raising ValueError for problems the option types cannot express.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..document import Document
    from ..model import Finding
    from ..rules import Rule

KINDS: dict[str, str] = {
    "pattern": "lint_news.kinds.pattern",
    "whitespace": "lint_news.kinds.whitespace",
    "encoding": "lint_news.kinds.encoding",
    "mojibake": "lint_news.kinds.mojibake",
    "seo-spam": "lint_news.kinds.seo_spam",
    "run-together": "lint_news.kinds.run_together",
    "missing-date": "lint_news.kinds.missing_date",
    "duplicate-block": "lint_news.kinds.duplicate_block",
    "boilerplate": "lint_news.kinds.boilerplate",
}


class KindModule(Protocol):
    Options: type

    def check(self, doc: Document, rule: Rule) -> Iterable[Finding]: ...


def load_kind(name: str) -> Any:
    """The module implementing kind ``name`` (KeyError if there is none)."""
    module = KINDS[name]
    loaded = sys.modules.get(module)
    if loaded is None:
        __import__(module)  # importlib.import_module, without importing importlib (start-up)
        loaded = sys.modules[module]
    return loaded


def available_kinds() -> list[str]:
    """Kinds whose module exists in this installation."""
    import importlib.util

    return [name for name, module in KINDS.items() if importlib.util.find_spec(module) is not None]
