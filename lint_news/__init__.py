"""lint-news: a data-quality linter for plain-text news seed files.

The public API is small and stable: ``load_config``, ``lint_text``, ``fix_text``, and the
types in ``lint_news.model``. Heavy libraries load only when a rule needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core.lazy import lazy_module

__version__ = "0.1.0"
__all__ = ["__version__", "fix_text", "lint_text", "load_config"]

if TYPE_CHECKING:
    from . import config as _config
    from .config import load_config
    from .engine import runner as _runner
    from .engine.runner import fix_text, lint_text
else:  # ``import lint_news`` (the CLI's first step) imports neither
    _config = lazy_module("lint_news.config")
    _runner = lazy_module("lint_news.engine.runner")


def __getattr__(name: str) -> Any:
    if name == "load_config":
        return _config.load_config
    if name in ("lint_text", "fix_text"):
        return getattr(_runner, name)
    raise AttributeError(name)
