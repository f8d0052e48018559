"""The registry of check kinds: which module implements each ``kind:`` a rule file names.

Explicit, like yamllint's, and read only here: a kind's module is imported when a rule of
that kind is enabled, so a run that needs no heavy library never imports one.
``tests/config/test_registry.py`` keeps this table in step with the modules on disk.
"""


from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..core.document import Document
    from ..core.model import Finding
    from ..core.rule import Rule

KINDS: dict[str, str] = {
    "pattern": "lint_news.kinds.pattern",
    "whitespace": "lint_news.kinds.whitespace",
    "empty": "lint_news.kinds.empty",
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


_LOADED: dict[str, Any] = {}


def load_kind(name: str) -> Any:
    """The module implementing kind ``name`` (KeyError if there is none).

    Asked once per rule per document: the module is remembered, since even a cached
    ``import_module`` costs ~10 µs (0.1 s on 13,000 rule runs).
    """
    try:
        return _LOADED[name]
    except KeyError:
        module = _LOADED[name] = importlib.import_module(KINDS[name])
        return module


def available_kinds() -> list[str]:
    """Kinds whose module exists in this installation."""
    return [name for name, module in KINDS.items() if importlib.util.find_spec(module) is not None]
