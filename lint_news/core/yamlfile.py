"""Safe YAML loading that remembers where every key was, for error messages.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two duplicate keys;
a linter's config errors must say ``file:line: key: problem``, so we compose the node tree
(safe loader only: no tags, no code) and record the line of each key path.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, NamedTuple

from . import memo
from .errors import ConfigError
from .lazy import lazy_module

if TYPE_CHECKING:
    import yaml
else:
    yaml = lazy_module("yaml")  # not imported at all when every file is remembered

KeyPath = tuple[str | int, ...]


class YamlFile(NamedTuple):
    """Parsed YAML plus the 1-based line of each key path (``("rules", "x", "severity")``).
    (A named tuple: immutable, and cheaper than a frozen dataclass to define at start-up.)"""

    path: str
    data: Any
    lines: dict[KeyPath, int]

    def line_of(self, *key_path: str | int) -> int | None:
        while key_path:
            if key_path in self.lines:
                return self.lines[key_path]
            key_path = key_path[:-1]
        return None

    def error(self, message: str, *key_path: str | int) -> ConfigError:
        """A ConfigError at the key's line; a key that is absent (``missing 'message'``)
        or a whole-document problem is reported at line 1, as yamllint does."""
        key = ".".join(str(k) for k in key_path) if key_path else None
        line = self.line_of(*key_path)
        if line is None and self.lines:
            line = 1
        return ConfigError(message, self.path, line, key)


# ----- memo of parsed files ------------------------------------------------------------------
# Importing PyYAML and parsing the rule files is a fifth of a one-file run's start-up. A file
# whose exact text was parsed before is read back from the memo (``memo.py``, kept in the
# results cache by the CLI), and PyYAML is not imported at all when every file is known.
_SALT = b""


def _memo_path(text: str) -> str | None:
    global _SALT
    where = memo.folder("yaml")
    if where is None:
        return None
    if not _SALT:  # this module's code is part of the key: a changed parser never reads old entries
        _SALT = memo.source_salt(__file__)
    return os.path.join(where, memo.key(_SALT, text.encode("utf-8", "surrogatepass")))


def load_yaml(text: str, path: str) -> YamlFile:
    """Parse ``text`` safely; raise ConfigError with the position of any syntax error."""
    memo_path = _memo_path(text)
    if memo_path is not None:
        known = memo.read(memo_path)
        if known is not None:
            return YamlFile(path, known[0], known[1])
    result = _parse(text, path)
    if memo_path is not None:
        memo.write(memo_path, (result.data, result.lines))
    return result


def _parse(text: str, path: str) -> YamlFile:
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except RecursionError:  # the pure-Python composer recurses once per nesting level
        raise ConfigError("invalid YAML: nested deeper than Python's recursion limit", path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConfigError(f"invalid YAML: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", path) from None
    if node is None:
        return YamlFile(path, None, {})
    lines: dict[KeyPath, int] = {}
    data = _Builder(path, lines).build(node, ())
    return YamlFile(path, data, lines)


_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


MAX_VALUES = 100_000  # the largest built-in rule file holds about 500
MAX_DEPTH = 50  # configs nest four or five levels


class _Builder:
    """Turns a composed node tree into Python data, recording the line of each key."""

    def __init__(self, path: str, lines: dict[KeyPath, int]) -> None:
        self.path = path
        self.lines = lines
        self.constructor = yaml.constructor.SafeConstructor()
        self.budget = MAX_VALUES

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        # Aliases share nodes, so a few lines of anchors can expand to billions of values
        # ("billion laughs"): count what is built, not what is written.
        self.budget -= 1
        if self.budget < 0:
            raise ConfigError(f"the YAML expands to more than {MAX_VALUES:,} values (aliases nested "
                              "too deep?)", self.path, node.start_mark.line + 1)
        if len(key_path) > MAX_DEPTH:  # also stops an alias that contains itself
            raise ConfigError(f"the YAML nests deeper than {MAX_DEPTH} levels (a recursive alias?)",
                              self.path, node.start_mark.line + 1)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            # the safe constructor would reject it, but we build collections ourselves
            raise ConfigError(f"YAML tag {node.tag!r} is not allowed", self.path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                item_path = (*key_path, index)
                self.lines[item_path] = item.start_mark.line + 1
                items.append(self.build(item, item_path))
            return items
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConfigError("mapping keys must be plain strings", self.path, line)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ConfigError("YAML merge keys ('<<') are not supported", self.path, line)
            key = str(self._scalar(key_node))
            if key in result:
                dotted = ".".join(str(k) for k in (*key_path, key))
                raise ConfigError(f"duplicate key {key!r}", self.path, line, dotted)
            child_path = (*key_path, key)
            self.lines[child_path] = line
            result[key] = self.build(value_node, child_path)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            line = mark.line + 1 if mark is not None else None
            raise ConfigError(f"invalid YAML value: {exc.problem}", self.path, line) from None
