"""lint-news: a data-quality linter for plain-text news seed files.

The public API is small and stable: ``load_config``, ``lint_text``, ``fix_text``, and the
types in ``lint_news.model``. Heavy libraries load only when a rule needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "fix_text", "lint_text", "load_config"]

if TYPE_CHECKING:
    from .config import load_config
    from .engine.runner import fix_text, lint_text


def __getattr__(name: str) -> Any:
    if name == "load_config":
        from .config import load_config

        return load_config
    if name in ("lint_text", "fix_text"):
        from .engine import runner

        return getattr(runner, name)
    raise AttributeError(name)
