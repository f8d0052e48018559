"""Rule files: one YAML file per rule, data only, pointing at a Python check kind.

A rule file is read once into a ``RuleFile`` (its raw options kept, not yet merged with
the user's config); ``config.py`` merges the user's overrides and builds the final, frozen
``Rule`` with typed options. Built-in rules ship inside the package (``lint_news/rules``
in the wheel); in a source checkout they are read from the top-level ``rules/`` folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import ConfigError, as_yaml, did_you_mean
from ..core.lazy import lazy_module
from ..core.model import Severity
from ..core.options import OptionError, build_options, merge_option_layers
from ..core.rule import Examples, Rule, RuleDocs, RuleFile
from ..core.yamlfile import YamlFile, load_yaml
from ..text.regex.lazy import LazyPattern
from .registry import KINDS, load_kind

if TYPE_CHECKING:
    import string
else:
    string = lazy_module("string")  # only rules with a message template (pattern rules)

RULE_ID = LazyPattern(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")  # kebab-case, starting with a letter


def _is_rule_id(value: str) -> bool:
    # (a hand-written check avoided compiling RULE_ID: 0.15 ms, too little for a second
    # implementation of the pattern)
    return RULE_ID.match(value) is not None
SCOPES = ("title", "header", "body", "line", "document")
RULE_KEYS = frozenset(
    {"id", "kind", "severity", "scope", "message", "description", "docs", "options", "examples", "defer-to"}
)



def builtin_rules_dir() -> Path:
    """Where the built-in rule files are: inside the package (``lint_news/rules`` in the wheel),
    or ``rules/`` beside the package in a checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "rules"
    return packaged if packaged.is_dir() else package.parent / "rules"


def read_rule_dir(directory: str | os.PathLike[str], builtin: bool) -> list[RuleFile]:
    folder = Path(directory)
    if not folder.is_dir():
        raise ConfigError(f"rule folder not found: {folder}")
    return [read_rule_file(path, builtin) for path in sorted(folder.glob("*.yaml"))]


def read_rule_file(path: str | os.PathLike[str], builtin: bool = False) -> RuleFile:
    display = str(Path(path))
    try:
        with open(display, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read rule file: {exc}", display) from None
    doc = load_yaml(text, display)
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error("a rule file must be a mapping")
    unknown = sorted(set(data) - RULE_KEYS)
    if unknown:
        raise doc.error(f"unknown key {unknown[0]!r} in rule file", unknown[0])
    for required in ("id", "kind", "severity"):
        if required not in data:
            raise doc.error(f"missing required key {required!r}")
    if "description" not in data and not isinstance(data.get("docs"), dict):
        raise doc.error("missing required key 'docs' (or a 'description')")
    rule_id = data["id"]
    if not isinstance(rule_id, str) or not _is_rule_id(rule_id):
        raise doc.error(f"rule id must be kebab-case, not {as_yaml(rule_id)}", "id")
    stem = Path(display).stem
    if rule_id != stem:
        raise doc.error(f"rule id {rule_id!r} must equal the file name {stem!r}", "id")
    kind = data["kind"]
    if kind not in KINDS:
        raise doc.error(f"unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})", "kind")
    severity = _severity(doc, data["severity"], ("severity",))
    if severity is None:
        raise doc.error("a rule file's severity cannot be 'off'; disable it in the config", "severity")
    scope = data.get("scope", "document" if kind != "pattern" else "line")
    if scope not in SCOPES:
        raise doc.error(f"scope must be one of {', '.join(SCOPES)}, not {as_yaml(scope)}", "scope")
    for key in ("description", "message"):
        if key in data and not isinstance(data[key], str):
            raise doc.error("must be a string", key)
    options = data.get("options") or {}
    if not isinstance(options, dict):
        raise doc.error("options must be a mapping", "options")
    defer_to = data.get("defer-to") or []
    if not isinstance(defer_to, list) or not all(isinstance(i, str) for i in defer_to):
        raise doc.error("must be a list of rule ids", "defer-to")
    if rule_id in defer_to:
        raise doc.error("a rule cannot defer to itself", "defer-to", defer_to.index(rule_id))
    docs = _docs(doc, data.get("docs"))
    description = data["description"].strip() if "description" in data else docs.what
    return RuleFile(
        id=rule_id,
        kind=kind,
        severity=severity,
        scope=scope,
        description=description,
        message=data.get("message"),
        options=options,
        examples=_examples(doc, data.get("examples")),
        source=display,
        builtin=builtin,
        yaml=doc,
        defer_to=tuple(defer_to),
        docs=docs,
    )


DOCS_KEYS = ("what", "why", "example", "fix-safety")


def _docs(doc: YamlFile, data: Any) -> RuleDocs:
    if data is None:
        return RuleDocs()
    if not isinstance(data, dict):
        raise doc.error(f"docs must be a mapping of {', '.join(DOCS_KEYS)}", "docs")
    unknown = sorted(set(data) - set(DOCS_KEYS))
    if unknown:
        raise doc.error(f"unknown key {unknown[0]!r}{did_you_mean(str(unknown[0]), DOCS_KEYS)}",
                        "docs", unknown[0])
    if "what" not in data:
        raise doc.error("missing required key 'what'", "docs")
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise doc.error("must be a non-empty string", "docs", key)
    # Paragraphs and lists are kept, ``what`` included: a built-in rule's ``what`` lists the
    # cases it reports, and ``summary`` takes the first sentence on one line for --list-rules.
    return RuleDocs(**{key.replace("-", "_"): value.strip() for key, value in data.items()})


def _severity(doc: YamlFile, value: Any, key_path: tuple[str, ...]) -> Severity | None:
    if value == "off" or value is False:
        return None
    if not isinstance(value, str):
        raise doc.error(f"severity must be error, warning, info or off, not {as_yaml(value)}", *key_path)
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise doc.error(str(exc), *key_path) from None


def _examples(doc: YamlFile, data: Any) -> Examples:
    if data is None:
        return Examples()
    if not isinstance(data, dict):
        raise doc.error("examples must be a mapping of bad/good/fixed", "examples")
    unknown = sorted(set(data) - {"bad", "good", "fixed"})
    if unknown:
        raise doc.error(f"unknown key {unknown[0]!r}", "examples", unknown[0])
    lists = {}
    for key in ("bad", "good"):
        items = data.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise doc.error("must be a list of strings", "examples", key)
        lists[key] = tuple(items)
    fixed = data.get("fixed") or []
    pairs = []
    for index, pair in enumerate(fixed if isinstance(fixed, list) else [None]):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise doc.error("each fixed example is a [before, after] pair", "examples", "fixed", index)
        pairs.append((pair[0], pair[1]))
    return Examples(lists["bad"], lists["good"], tuple(pairs))


def build_rule(
    rule_file: RuleFile,
    severity: Severity,
    option_layers: Iterable[tuple[YamlFile | None, tuple[str | int, ...], Mapping[str, Any]]],
) -> Rule:
    """Merge option layers (rule file first, then configs) and validate them."""
    try:
        module = load_kind(rule_file.kind)
    except ImportError as exc:  # a kind listed in KINDS whose module (or its library) is missing
        raise rule_file.yaml.error(f"kind {rule_file.kind!r} cannot be loaded: {exc}", "kind") from None
    layers = [(rule_file.yaml, ("options",), rule_file.options), *option_layers]
    merged: dict[str, Any] = {}
    try:
        merged = merge_option_layers(module.Options, [layer for _, _, layer in layers],
                                     builtin=rule_file.builtin)
        options = build_options(module.Options, merged)
    except OptionError as exc:
        message = f"rule {rule_file.id!r}: {exc}"
        if not exc.key:  # about the options together: point at the last layer that set some
            source, prefix = next(((s, p) for s, p, values in reversed(layers) if values), layers[0][:2])
            if source is None:
                raise ConfigError(message) from None
            raise source.error(message, *prefix) from None
        source, prefix = _layer_for_key(layers, exc.key)
        if source is None:
            raise ConfigError(message, key=exc.key) from None
        parts = [int(p) if p.isdigit() else p for p in exc.key.split(".")]
        raise source.error(message, *prefix, *parts) from None
    rule = Rule(rule_file, severity, options)
    try:
        if rule.message is not None:
            _check_template(rule.message)
    except ValueError as exc:
        raise rule_file.yaml.error(f"rule {rule.id!r}: {exc}", "message") from None
    validate = getattr(module, "validate", None)
    try:
        if validate is not None:
            validate(rule)
    except ValueError as exc:
        # A kind names the option at fault with ``exc.key`` ("replacement", "patterns.0");
        # point at the layer (rule file or config) that set it, else at the rule's id.
        key = getattr(exc, "key", None)
        message = f"rule {rule.id!r}: {exc}"
        if not key:
            raise rule_file.yaml.error(message, "message" if "message" in str(exc) else "id") from None
        source, prefix = _layer_for_key(layers, key)
        parts = [int(p) if p.isdigit() else p for p in key.split(".")]
        if source is None:
            raise ConfigError(message, key=key) from None
        raise source.error(message, *prefix, *parts) from None
    return rule


def _layer_for_key(
    layers: list[tuple[YamlFile | None, tuple[str | int, ...], Mapping[str, Any]]], key: str
) -> tuple[YamlFile | None, tuple[str | int, ...]]:
    base = key.split(".")[0]
    for source, prefix, values in reversed(layers):
        if base in values or f"extend-{base}" in values:
            return source, prefix
    return layers[0][0], layers[0][1]


def _check_template(template: str) -> None:
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None and name.split(".")[0].split("[")[0] not in _TEMPLATE_FIELDS:
            raise ValueError(
                f"message uses unknown field {{{name}}} (known: {', '.join(sorted(_TEMPLATE_FIELDS))})"
            )


_TEMPLATE_FIELDS = frozenset({"match", "rule", "line", "detail", "category", "suggestion"})
