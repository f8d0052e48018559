"""Safe YAML loading that remembers where every key was, for error messages.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two duplicate keys;
a linter's config errors must say ``file:line: key: problem``, so we compose the node tree
(safe loader only: no tags, no code) and record the line of each key path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import ConfigError

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlFile:
    """Parsed YAML plus the 1-based line of each key path (``("rules", "x", "severity")``)."""

    path: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

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


def load_yaml(text: str, path: str) -> YamlFile:
    """Parse ``text`` safely; raise ConfigError with the position of any syntax error."""
    try:
        node = yaml.compose(text, Loader=_Loader)
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


class _Builder:
    """Turns a composed node tree into Python data, recording the line of each key."""

    def __init__(self, path: str, lines: dict[KeyPath, int]) -> None:
        self.path = path
        self.lines = lines
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
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
