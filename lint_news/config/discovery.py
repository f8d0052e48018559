"""Which configuration governs a file: the nearest config file above it (ruff's rule).

``lint-news userrepo/`` run from elsewhere reads ``userrepo/.lint-news.yaml``, and a folder
below with its own config file is linted under that one; ``--config`` and ``--isolated``
override all of this.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import ConfigError
from ..core.lazy import lazy_module

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
elif sys.version_info >= (3, 11):
    tomllib = lazy_module("tomllib")  # only where a pyproject.toml is met
else:  # pragma: no cover - Python 3.10
    tomllib = lazy_module("tomli")

CONFIG_NAMES = (".lint-news.yaml", ".lint-news.yml")


def locate_config(config_path: str | os.PathLike[str] | None, cwd: str, *,
                  isolated: bool = False) -> str | None:
    """The config file a run uses: ``config_path``, else (unless ``isolated``) the nearest."""
    if config_path is not None:
        return str(Path(config_path))
    return None if isolated else find_config(cwd)


def find_config(start: str | os.PathLike[str]) -> str | None:
    """The nearest ``.lint-news.yaml`` or ``pyproject.toml`` with ``[tool.lint-news]``."""
    candidate_dir = os.path.realpath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(candidate_dir, name)
            if Path(candidate).is_file():
                return candidate
        pyproject = os.path.join(candidate_dir, "pyproject.toml")
        if Path(pyproject).is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
        parent = os.path.dirname(candidate_dir)
        if parent == candidate_dir:
            return None
        candidate_dir = parent


def config_for(path: str) -> str | None:
    """The config file governing ``path`` (a file, a folder, or "-": the working folder)."""
    if path == "-":
        return find_config(os.getcwd())
    folder = path if os.path.isdir(path) else (os.path.dirname(path) or ".")
    return find_config(folder if os.path.isdir(folder) else os.getcwd())


def holds_config(folder: str, filenames: list[str]) -> bool:
    """Whether a walked folder (its ``filenames`` listed by the walk: no extra ``stat``) has
    its own config file, so that its files are linted under it."""
    if any(name in filenames for name in CONFIG_NAMES):
        return True
    if "pyproject.toml" in filenames:
        try:
            return _pyproject_section(os.path.join(folder, "pyproject.toml")) is not None
        except ConfigError:
            return True  # its own, broken: reported when it is loaded
    return False


def _pyproject_section(path: str) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise ConfigError("invalid TOML: nested deeper than Python's recursion limit", str(path)) from None
    section = data.get("tool", {}).get("lint-news")
    return section if isinstance(section, dict) else None
