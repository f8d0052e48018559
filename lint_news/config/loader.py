"""Find, read and validate the configuration into one frozen, picklable ``Config``.

Sources, lowest priority first: the built-in rule files, then the config chain
(``extends``), then command-line ``--select``/``--ignore``. Every error names the file, the
line and the key, and stops the run with exit status 2 before any file is read.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.document import StructureOptions
from ..core.errors import ConfigError, as_yaml, did_you_mean
from ..core.lazy import lazy_module
from ..core.model import Severity
from ..core.options import OptionError, build_options
from ..core.rule import Rule, RuleFile
from ..core.yamlfile import KeyPath, YamlFile, load_yaml
from .discovery import CONFIG_NAMES as CONFIG_NAMES  # re-exported
from .discovery import _pyproject_section, locate_config
from .globs import PathSpec, PatternError
from .model import CONFIG_KEYS, DEFAULT_EXCLUDE, Config, _canonical, _digest
from .rules import _severity, build_rule, builtin_rules_dir, read_rule_dir

if TYPE_CHECKING:
    from ..text.regex import safety
else:
    safety = lazy_module("lint_news.text.regex.safety")  # only for user section labels


def _read_config_file(path: str) -> YamlFile:
    if os.path.basename(path) == "pyproject.toml":
        section = _pyproject_section(path)
        return YamlFile(f"{path} [tool.lint-news]", section or {}, {})
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise ConfigError("config file not found", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file: {exc}", str(path)) from None
    doc = load_yaml(text, str(path))
    if doc.data is None:
        return YamlFile(doc.path, {}, {})
    if not isinstance(doc.data, dict):
        raise doc.error("the config must be a mapping of keys")
    return doc


# ----- loading -----------------------------------------------------------------------------
@dataclasses.dataclass(eq=False, repr=False)  # never compared or printed: no methods to compile
class _Layer:
    """One config file of the ``extends`` chain."""

    doc: YamlFile
    directory: str  # absolute, symbolic links resolved


def load_config(
    config_path: str | os.PathLike[str] | None = None,
    *,
    cwd: str | os.PathLike[str] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    isolated: bool = False,
    validate_all: bool = False,
    lazy: bool = False,
) -> Config:
    """Load the configuration: ``config_path``, else the nearest config file, else defaults.

    Only enabled rules are built (their kind imported, options validated) unless
    ``validate_all``, which ``check-config`` and ``lint-news rule`` use: a run that selects
    two rules does not pay for the other seven. Derived data (parsed YAML, word lists) is
    remembered where the run context says (``core.context``; the CLI sets it), not here.
    ``lazy`` leaves the rules to be built on first use (``Config.build``), so a run whose
    results are all cached imports no kind; errors in their options then surface there.
    """
    start = str(Path(cwd or os.getcwd()))
    path = locate_config(config_path, start, isolated=isolated)
    layers: list[_Layer] = []
    if path is not None:
        _collect_layers(path, layers, [])
    root = layers[-1].directory if layers else os.path.realpath(start)

    rule_files = {rf.id: rf for rf in read_rule_dir(builtin_rules_dir(), builtin=True)}
    for layer in layers:
        paths = _get(layer.doc, "rule-paths", list, [])
        for index, folder in enumerate(paths):
            if not isinstance(folder, str):
                raise layer.doc.error("must be a list of folder paths", "rule-paths", index)
            directory = os.path.realpath(os.path.join(layer.directory, folder))
            if not Path(directory).is_dir():
                raise layer.doc.error(f"rule folder not found: {folder}", "rule-paths", index)
            for rule_file in read_rule_dir(directory, builtin=False):
                if rule_file.id in rule_files:
                    other = rule_files[rule_file.id].source
                    raise rule_file.yaml.error(
                        f"rule id {rule_file.id!r} is already defined in {other}", "id"
                    )
                rule_files[rule_file.id] = rule_file
    known = tuple(sorted(rule_files))
    for rule_file in rule_files.values():
        for index, target in enumerate(rule_file.defer_to):
            if target not in rule_files:
                raise rule_file.yaml.error(
                    f"unknown rule {target!r}{did_you_mean(target, known)}", "defer-to", index)

    severities: dict[str, Severity | None] = {rid: rf.severity for rid, rf in rule_files.items()}
    option_layers: dict[str, list[tuple[YamlFile | None, KeyPath, Mapping[str, Any]]]] = {
        rid: [] for rid in rule_files
    }
    selected: set[str] | None = None
    ignored: set[str] = set()
    fail_on = Severity.WARNING
    exclude = list(DEFAULT_EXCLUDE)
    per_file: dict[str, frozenset[str]] = {}
    structure_values: dict[str, Any] = {}
    max_file_size = 20_000_000
    baseline: str | None = None
    respect_gitignore = True

    for layer in layers:
        doc = layer.doc
        data = doc.data
        for key, value in _get(doc, "rules", dict, {}).items():
            if key not in rule_files:
                raise doc.error(f"unknown rule {key!r}{did_you_mean(key, known)}", "rules", key)
            if isinstance(value, str) or value is False:
                severities[key] = _severity(doc, value, ("rules", key))
                continue
            if value is None:
                continue
            if not isinstance(value, dict):
                raise doc.error("must be a severity or a mapping of severity and options", "rules", key)
            settings = dict(value)
            if "severity" in settings:
                severities[key] = _severity(doc, settings.pop("severity"), ("rules", key, "severity"))
            nested = settings.pop("options", None)
            if nested is not None:
                if not isinstance(nested, dict):
                    raise doc.error("options must be a mapping", "rules", key, "options")
                option_layers[key].append((doc, ("rules", key, "options"), nested))
            if settings:
                option_layers[key].append((doc, ("rules", key), settings))
        if "select" in data:
            selected = set(_rule_list(doc, "select", known))
        if "ignore" in data:
            ignored = set(_rule_list(doc, "ignore", known))
        if "fail-on" in data:
            value = data["fail-on"]
            try:
                fail_on = Severity.parse(value) if isinstance(value, str) else Severity.parse("?")
            except ValueError:
                raise doc.error(f"must be error, warning or info, not {as_yaml(value)}", "fail-on") from None
        if "exclude" in data:
            exclude = list(DEFAULT_EXCLUDE) + _patterns(doc, _string_list(doc, "exclude"), "exclude")
        if "respect-gitignore" in data:
            if not isinstance(data["respect-gitignore"], bool):
                raise doc.error("must be true or false", "respect-gitignore")
            respect_gitignore = data["respect-gitignore"]
        for pattern, ids in _get(doc, "per-file-ignores", dict, {}).items():
            if not isinstance(ids, list):
                raise doc.error("must be a list of rule ids", "per-file-ignores", pattern)
            _patterns(doc, [str(pattern).removeprefix("!")], "per-file-ignores", pattern)
            for index, rid in enumerate(ids):
                if rid not in rule_files:
                    raise doc.error(
                        f"unknown rule {rid!r}{did_you_mean(str(rid), known)}",
                        "per-file-ignores", pattern, index,
                    )
            per_file[pattern] = frozenset(ids)
        structure_values.update(_get(doc, "document", dict, {}))
        if "max-file-size" in data:
            size = data["max-file-size"]
            if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
                raise doc.error("must be a positive number of bytes", "max-file-size")
            max_file_size = size
        if "baseline" in data:
            if not isinstance(data["baseline"], str):
                raise doc.error("must be a file path", "baseline")
            baseline = os.path.realpath(os.path.join(layer.directory, data["baseline"]))

    if select is not None:
        selected = set(_validate_ids(select, known, "--select"))
    ignored |= set(_validate_ids(ignore, known, "--ignore"))

    try:
        structure = build_options(StructureOptions, structure_values)
        if {"section-labels", "extend-section-labels"} & set(structure_values):
            # user labels: validated here (the built-in ones are known to compile, and are
            # compiled when a document first needs them)
            for pattern in structure.section_labels:
                re.compile(pattern)
            _reject_slow_labels(layers[-1].doc, structure.section_labels)
    except OptionError as exc:
        source = layers[-1].doc if layers else None
        if source is None:
            raise ConfigError(str(exc), key=f"document.{exc.key}") from None
        raise source.error(str(exc), "document", exc.key) from None
    except re.error as exc:
        raise layers[-1].doc.error(
            f"invalid regular expression: {exc}", "document", "section-labels"
        ) from None

    enabled_ids = tuple(
        rule_id for rule_id in known
        if not (severities[rule_id] is None or rule_id in ignored
                or (selected is not None and rule_id not in selected))
    )
    plan = _Plan(rule_files, severities, option_layers, known, enabled_ids, validate_all)
    per_file_ignores = tuple(sorted(per_file.items()))
    sources = _digest(repr((
        plan.sources(), _canonical(structure), _canonical(per_file_ignores), str(root),
    )))
    config = Config(
        None,
        known_rules=known,
        root=str(root),
        path=str(path) if path is not None else None,
        fail_on=fail_on,
        exclude=tuple(exclude),
        per_file_ignores=per_file_ignores,
        structure=structure,
        max_file_size=max_file_size,
        baseline=baseline,
        rule_files=tuple(rule_files[rid] for rid in known),
        respect_gitignore=respect_gitignore,
        _plan=plan,
        _source=sources,
    )
    return config if lazy else config.build()


class _Plan:
    """What the rules are built from, settled; ``build`` imports the kinds and validates."""

    def __init__(self, rule_files: dict[str, RuleFile], severities: dict[str, Severity | None],
                 option_layers: dict[str, list[tuple[YamlFile | None, KeyPath, Mapping[str, Any]]]],
                 known: tuple[str, ...], enabled: tuple[str, ...], validate_all: bool) -> None:
        self.rule_files = rule_files
        self.severities = severities
        self.option_layers = option_layers
        self.known = known
        self.enabled = enabled
        self.validate_all = validate_all

    def sources(self) -> str:
        """What determines the enabled rules, as text (for ``Config.fingerprint``). Options
        are parsed YAML (dicts in file order, lists and scalars), whose ``repr`` is already
        deterministic: no canonical form to build (that cost 2 ms a run)."""
        parts = []
        for rule_id in self.enabled:
            rf = self.rule_files[rule_id]
            severity = self.severities[rule_id] or rf.severity
            layers = [values for _, _, values in self.option_layers[rule_id]]
            parts.append(repr((rule_id, rf.kind, int(severity), rf.scope, rf.message, rf.source, rf.builtin,
                               rf.defer_to, rf.options, layers)))
        return "\n".join(parts)

    def build(self) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
        all_rules: list[Rule] = []
        enabled: list[Rule] = []
        wanted = set(self.enabled)
        for rule_id in self.known:
            rule_file = self.rule_files[rule_id]
            is_enabled = rule_id in wanted
            if not (is_enabled or self.validate_all):
                continue
            severity = self.severities[rule_id] or rule_file.severity
            rule = build_rule(rule_file, severity, self.option_layers[rule_id])
            all_rules.append(rule)
            if is_enabled:
                enabled.append(rule)
        return tuple(all_rules), tuple(enabled)


def _reject_slow_labels(doc: YamlFile, patterns: Sequence[str]) -> None:
    """User section labels must not backtrack catastrophically (they run on every file)."""
    slow = safety.slow_pattern(patterns)
    if slow is not None:
        raise doc.error(safety.slow_pattern_message(slow, "pattern"), "document", "section-labels")


def _collect_layers(path: str, layers: list[_Layer], chain: list[str]) -> None:
    resolved = os.path.realpath(path)
    if resolved in chain:
        raise ConfigError("circular 'extends'", path, key="extends")
    doc = _read_config_file(path)
    unknown = sorted(k for k in doc.data if k not in CONFIG_KEYS)
    if unknown:
        hint = did_you_mean(unknown[0], sorted(CONFIG_KEYS))
        raise doc.error(f"unknown key {unknown[0]!r}{hint}", unknown[0])
    parents = doc.data.get("extends", "default")
    if isinstance(parents, str):
        parents = [parents]
    if not isinstance(parents, list):
        raise doc.error("must be 'default', a config path or a list of them", "extends")
    folder = os.path.dirname(resolved)
    for index, parent in enumerate(parents):
        if parent == "default":
            continue
        if not isinstance(parent, str):
            raise doc.error("must be 'default' or a config path", "extends", index)
        parent_path = str(Path(folder, parent))
        if not Path(parent_path).is_file():
            raise doc.error(f"extended config not found: {parent}", "extends")
        if os.path.realpath(parent_path) in (*chain, resolved):
            loop = (*chain, resolved, os.path.realpath(parent_path))
            cycle = " -> ".join(os.path.basename(p) for p in loop)
            raise doc.error(f"circular 'extends': {cycle}", "extends")
        _collect_layers(parent_path, layers, [*chain, resolved])
    layers.append(_Layer(doc, folder))


def _get(doc: YamlFile, key: str, kind: type, default: Any) -> Any:
    value = doc.data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, kind):
        expected = "a mapping" if kind is dict else "a list" if kind is list else kind.__name__
        raise doc.error(f"must be {expected}", key)
    return value


def _string_list(doc: YamlFile, key: str) -> list[str]:
    value = doc.data.get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise doc.error("must be a list of strings", key)
    return value


def _patterns(doc: YamlFile, patterns: list[str], *key: str | int) -> list[str]:
    """``patterns``, checked: gitignore syntax (``config/globs.py``), or a config error."""
    try:
        PathSpec(patterns)
    except PatternError as exc:
        where: tuple[str | int, ...] = key
        if key[0] == "exclude" and isinstance(doc.data.get("exclude"), list):
            where = (*key, doc.data["exclude"].index(exc.pattern))
        raise doc.error(f"{exc} (gitignore syntax)", *where) from None
    return patterns


def _rule_list(doc: YamlFile, key: str, known: Sequence[str]) -> list[str]:
    values = _string_list(doc, key)
    for index, value in enumerate(values):
        if value not in known and value != "ALL":
            raise doc.error(f"unknown rule {value!r}{did_you_mean(value, known)}", key, index)
    return list(known) if "ALL" in values else values


def _validate_ids(values: Sequence[str], known: Sequence[str], flag: str) -> list[str]:
    result: list[str] = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        if value == "ALL":
            result.extend(known)
            continue
        if value not in known:
            raise ConfigError(f"{flag}: unknown rule {value!r}{did_you_mean(value, known)}")
        result.append(value)
    return result
