"""The frozen ``Config`` a run works with, its fingerprint for the caches, and ``replace``.

``config/loader.py`` reads the config chain and rule files into one; everything below the
configuration layer reads it and never changes it.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from ..core.document import StructureOptions
from ..core.memo import blake2b
from ..core.model import Severity
from ..core.rule import Rule, RuleFile
from .discovery import CONFIG_NAMES as CONFIG_NAMES  # re-exported
from .globs import PathSpec


class _Plan(Protocol):
    """What a ``Config`` builds its rules from on first use (``loader._Plan``; declared here
    so that the model, below the loader, does not import it)."""

    def sources(self) -> str: ...

    def build(self) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]: ...

CONFIG_KEYS = frozenset(
    {
        "extends",
        "source-pattern",  # app/corpus/stats.py: a file name pattern naming its source
        "rules",
        "rule-paths",
        "select",
        "ignore",
        "per-file-ignores",
        "exclude",
        "fail-on",
        "document",
        "max-file-size",
        "baseline",
        "respect-gitignore",
    }
)
DEFAULT_EXCLUDE = (".git/**", ".venv/**", "**/node_modules/**", ".lint-news-cache/**")


class Config:
    """Everything a run needs, resolved; safe to pickle to worker processes.

    The rules may be built lazily (``load_config(..., lazy=True)``): everything else is
    settled when the configuration is read, and the rules (their kinds imported, options
    validated, patterns compiled) on first use of ``rules`` or ``all_rules``. A run whose
    files are all in the results cache never builds them. ``fingerprint()`` needs no rules.
    """

    __slots__ = (
        "_all_rules",
        "_excluder",
        "_per_file",
        "_plan",
        "_rules",
        "_source",
        "baseline",
        "exclude",
        "fail_on",
        "known_rules",
        "max_file_size",
        "path",
        "per_file_ignores",
        "respect_gitignore",
        "root",
        "rule_files",
        "structure",
    )

    known_rules: tuple[str, ...]
    root: str
    path: str | None
    fail_on: Severity
    exclude: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...]
    structure: StructureOptions
    max_file_size: int
    baseline: str | None
    rule_files: tuple[RuleFile, ...]
    _rules: tuple[Rule, ...] | None
    _all_rules: tuple[Rule, ...] | None
    _plan: _Plan | None
    _source: str | None
    _excluder: PathSpec | None
    _per_file: tuple[tuple[bool, PathSpec, frozenset[str]], ...] | None
    respect_gitignore: bool

    def __init__(
        self,
        rules: tuple[Rule, ...] | None,
        known_rules: tuple[str, ...],
        root: str,
        path: str | None = None,
        fail_on: Severity = Severity.WARNING,
        exclude: tuple[str, ...] = DEFAULT_EXCLUDE,
        per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = (),
        structure: StructureOptions | None = None,
        max_file_size: int = 20_000_000,
        baseline: str | None = None,
        all_rules: tuple[Rule, ...] = (),
        rule_files: tuple[RuleFile, ...] = (),
        respect_gitignore: bool = True,
        *,
        _plan: _Plan | None = None,
        _source: str | None = None,
    ) -> None:
        setter = object.__setattr__
        setter(self, "_rules", rules)
        setter(self, "_all_rules", all_rules if rules is not None else None)
        setter(self, "_plan", _plan if rules is None else None)
        setter(self, "_source", _source)
        setter(self, "_excluder", None)
        setter(self, "_per_file", None)
        setter(self, "respect_gitignore", respect_gitignore)
        setter(self, "known_rules", known_rules)
        setter(self, "root", root)
        setter(self, "path", path)
        setter(self, "fail_on", fail_on)
        setter(self, "exclude", exclude)
        setter(self, "per_file_ignores", per_file_ignores)
        setter(self, "structure", structure if structure is not None else StructureOptions())
        setter(self, "max_file_size", max_file_size)
        setter(self, "baseline", baseline)
        setter(self, "rule_files", rule_files)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Config is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Config is frozen: cannot delete {name!r}")

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The enabled rules, in rule-id order (built now if they were not yet)."""
        if self._rules is None:
            self.build()
        assert self._rules is not None
        return self._rules

    @property
    def all_rules(self) -> tuple[Rule, ...]:
        """Every rule that was built: the enabled ones, or all with ``validate_all``."""
        if self._all_rules is None:
            self.build()
        assert self._all_rules is not None
        return self._all_rules

    @property
    def built(self) -> bool:
        return self._rules is not None

    def build(self) -> Config:
        """Build the rules now (raises ConfigError for an invalid option); returns self."""
        if self._rules is None:
            assert self._plan is not None
            all_rules, enabled = self._plan.build()
            object.__setattr__(self, "_all_rules", all_rules)
            object.__setattr__(self, "_rules", enabled)
            object.__setattr__(self, "_plan", None)
        return self

    _FIELDS = ("rules", "known_rules", "root", "path", "fail_on", "exclude", "per_file_ignores",
               "structure", "max_file_size", "baseline", "all_rules", "rule_files", "respect_gitignore")

    def _values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._FIELDS}

    def __getstate__(self) -> dict[str, Any]:
        # pickled built (a spawned worker or a datatrove task never builds rules itself, and
        # an invalid option shows up in the process that loaded the configuration)
        return {**self._values(), "_source": self._source}

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        source = state.pop("_source", None)
        Config.__init__(self, **state, _source=source)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Config):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in self._values().items())
        return f"Config({inner})"

    def rule(self, rule_id: str) -> Rule | None:
        for rule in self.all_rules or self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def rules_for(self, path: str) -> tuple[Rule, ...]:
        """The enabled rules minus those ``per-file-ignores`` turns off for ``path``."""
        if not self.per_file_ignores:
            return self.rules
        compiled = self._per_file
        if compiled is None:
            compiled = tuple((pattern.startswith("!"), PathSpec([pattern.removeprefix("!")]), ids)
                             for pattern, ids in self.per_file_ignores)
            object.__setattr__(self, "_per_file", compiled)
        relative = self.relative(path)
        ignored: set[str] = set()
        for negated, spec, ids in compiled:
            if spec.match(relative) is not negated:
                ignored |= ids
        return tuple(rule for rule in self.rules if rule.id not in ignored)

    def is_excluded(self, path: str) -> bool:
        return self.is_excluded_relative(self.relative(path))

    def is_excluded_relative(self, relative: str) -> bool:
        """``is_excluded`` for a path already made relative (``relative``)."""
        excluder = self._excluder
        if excluder is None:
            excluder = PathSpec(self.exclude)
            object.__setattr__(self, "_excluder", excluder)
        return excluder.match(relative)

    def relative(self, path: str) -> str:
        """``path`` relative to the root, with "/" separators (string operations: this runs
        for every file, twice, and ``pathlib`` would cost more than reading a cached result)."""
        absolute = os.path.abspath(path)
        root = self.root.rstrip(os.sep) or os.sep
        if absolute == root:
            return "."
        prefix = root if root.endswith(os.sep) else root + os.sep
        if absolute.startswith(prefix):
            relative = absolute[len(prefix):]
            return relative if os.sep == "/" else relative.replace(os.sep, "/")
        return Path(path).as_posix()

    def fingerprint(self) -> str:
        """Identifies everything in the configuration that changes findings, for caches.

        Stable across processes and runs (sets are sorted, compiled state is left out: it is
        derived from the options), so a cache written by one run is found by the next.
        (The baseline is left out: it filters findings after the cache.) A configuration
        read by ``load_config`` is identified by what the rules are built from (each enabled
        rule's file and the options the config chain gives it, the document options,
        per-file ignores and the root), so this needs no rules built; the built options
        follow from those and the lint-news code, which the cache keys separately.
        """
        if self._source is not None:
            return self._source
        state = (self.rules, self.structure, self.per_file_ignores, self.root)
        return _digest(repr(_canonical(state)))


def _digest(text: str) -> str:
    return blake2b(text.encode("utf-8", "surrogateescape")).hexdigest()


def _canonical(value: Any) -> Any:
    """A plain, deterministic form of a configuration value (for ``Config.fingerprint``)."""
    skip = ("examples", "description", "docs", "yaml")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # Rule, kinds' Options
        fields = [f for f in dataclasses.fields(value) if f.init and f.name not in skip]
        return (type(value).__qualname__, tuple((f.name, _canonical(getattr(value, f.name))) for f in fields))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(_canonical(v)) for v in value)))
    if isinstance(value, Mapping):
        return ("map", tuple((repr(k), _canonical(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags)
    if isinstance(value, (str, int, float, bool, bytes)) or value is None:
        return value
    return (type(value).__qualname__, repr(value))


def replace(config: Config, **changes: Any) -> Config:
    """A copy of ``config`` with some fields changed (its rules built)."""
    values = config._values()
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"Config has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return Config(**values)
