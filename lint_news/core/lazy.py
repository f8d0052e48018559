"""Modules imported on first use: the one place where lint-news defers an import.

Why: a linter runs once per commit on one file, so its start-up is paid on every run, and
most runs never need ftfy, charset-normalizer, wordfreq, difflib or the fixer. Instead of
imports hidden inside functions all over the code, a module that is worth deferring is
bound once, at the top of the module that uses it, to a stand-in that imports it on the
first attribute access::

    from typing import TYPE_CHECKING

    from ..core.lazy import lazy_module

    if TYPE_CHECKING:  # the type checker sees the real module
        import ftfy
    else:
        ftfy = lazy_module("ftfy")

An import that fails (an optional extra that is not installed) raises its ``ImportError``
at that first use, where the caller can say which extra to install.
"""

from __future__ import annotations

import importlib
import types
from typing import Any


class _LazyModule(types.ModuleType):
    """Stands in for module ``__name__`` until an attribute is asked for."""

    def _module(self) -> types.ModuleType:
        module = self.__dict__.get("_real")
        if module is None:
            module = self.__dict__["_real"] = importlib.import_module(self.__name__)
        return module

    def __getattr__(self, attribute: str) -> Any:
        # Every lookup goes to the real module (nothing is copied), so a name the module
        # rebinds later, or a test monkeypatches, is seen here too; ~0.2 µs a lookup.
        return getattr(self._module(), attribute)

    def __setattr__(self, attribute: str, value: Any) -> None:
        # A name set on the stand-in would be seen by no function of the module (nor undone
        # right by pytest's monkeypatch, which restores the stand-in's own ``__dict__``):
        # refuse, rather than let a test patch nothing.
        self._refuse(attribute)

    def __delattr__(self, attribute: str) -> None:
        self._refuse(attribute)

    def _refuse(self, attribute: str) -> None:
        raise AttributeError(f"{attribute!r}: change it on the module {self.__name__!r} itself "
                             f"(importlib.import_module({self.__name__!r})), not on its lazy stand-in")


_STAND_INS: dict[str, types.ModuleType] = {}


def lazy_module(name: str) -> Any:
    """A stand-in for module ``name`` (absolute, e.g. ``"lint_news.engine.fixer"``) that
    imports it on the first attribute access; one stand-in per module name."""
    stand_in = _STAND_INS.get(name)
    if stand_in is None:
        stand_in = _STAND_INS[name] = _LazyModule(name)
    return stand_in
