"""Turn a rule's ``options:`` mapping into the kind's frozen, typed Options dataclass.

Each kind declares its options as a frozen dataclass with defaults (yamllint's CONF/DEFAULT
split, made typed). YAML keys are kebab-case; fields are snake_case. Unknown keys and wrong
types are errors that name the key. ``extend-<name>`` appends to a list option (and merges
into a mapping of lists), so users can add keywords without restating the built-in list.
"""

from __future__ import annotations

import contextvars
import dataclasses
import functools
import inspect
import re
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar, cast

from .errors import as_yaml, did_you_mean
from .timed import TimedPattern

T = TypeVar("T")


class OptionError(ValueError):
    """A bad option value; ``key`` is the kebab-case option name."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def option_error(key: str, message: str) -> ValueError:
    """A ValueError for an Options ``__post_init__`` that points the config error at ``key``."""
    error = ValueError(message)
    error.key = key  # type: ignore[attr-defined]
    return error


@dataclasses.dataclass(eq=False, repr=False)  # never compared or printed: no methods to compile
class _Building:
    """What ``check_regexes`` needs to know while ``build_options`` builds one Options."""

    options_type: type
    builtin_values: Mapping[str, Any]  # option -> the built-in rule file's value
    checked: set[str] = dataclasses.field(default_factory=set)  # user patterns probed
    user: dict[str, list[str]] = dataclasses.field(default_factory=dict)  # user pattern -> options

    def trusted(self, key: str) -> frozenset[str]:
        """The option's built-in values: the kind's default and the built-in rule file's."""
        field_name = _described(self.options_type)[0].get(key)
        default = getattr(self.options_type, field_name, None) if field_name else None
        return frozenset(_strings(self.builtin_values.get(key))) | frozenset(_strings(default))


class KindOptions:
    """The base of every kind's Options: compared, hashed and shown by the values of its fields
    (those a dataclass's generated ``__eq__``, ``__hash__`` and ``__repr__`` would use), with
    one definition for all kinds. A kind declares ``@dataclass(frozen=True, eq=False,
    repr=False)``: Python 3.11 compiles each generated method from source at import, and for
    the kinds' long field lists that was 18 M instructions (about 4 % of a one-file run) of
    every run's start-up, for methods that only tests and the rare cache lookup call."""

    __slots__ = ()

    def _compared(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in dataclasses.fields(self)  # type: ignore[arg-type]
                     if f.compare)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in dataclasses.fields(self)  # type: ignore[arg-type]
                          if (f.compare if f.hash is None else f.hash)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}"
                          for f in dataclasses.fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{self.__class__.__qualname__}({shown})"


_BUILDING: contextvars.ContextVar[_Building | None] = contextvars.ContextVar("lint_news_building",
                                                                             default=None)


def trusted_values(key: str) -> frozenset[str]:
    """The strings of option ``key`` that are built-in values (the kind's default and the
    built-in rule file's) while ``build_options`` builds an Options; none outside it. A kind
    need not compile such a value to validate it (start-up), only a user's."""
    state = _BUILDING.get()
    return state.trusted(key) if state is not None else frozenset()


class MergedOptions(dict[str, Any]):
    """``merge_option_layers``'s result: the merged values, and the built-in rule file's
    values (trusted, like the kind's defaults)."""

    builtin_values: Mapping[str, Any]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)


def field_names(options_type: type) -> dict[str, str]:
    """kebab-case option name -> dataclass field name."""
    return dict(_described(options_type)[0])


@functools.cache
def _described(options_type: type) -> tuple[Mapping[str, str], Mapping[str, Any]]:
    """The option names and type hints of an Options class, worked out once per process.

    The hints are the class's annotations (and its bases') evaluated by
    ``inspect.get_annotations(eval_str=True)``: for the plain types options use (``str``,
    ``tuple[str, ...]``, ``Mapping[...]``, ``Literal``, unions) the same objects
    ``typing.get_type_hints`` returns (``tests/core/test_options_hints.py`` holds every kind's
    Options to that), for a third less of a one-file run's option building: it evaluates
    each string once, without making, checking and rebuilding a ``ForwardRef`` per hint.
    """
    names = {f.name.replace("_", "-"): f.name for f in dataclasses.fields(options_type) if f.init}
    hints: dict[str, Any] = {}
    for base in reversed(options_type.__mro__):  # as get_type_hints: a base's, then its own
        hints.update(inspect.get_annotations(base, eval_str=True))
    return types.MappingProxyType(names), types.MappingProxyType(hints)


def defaults_as_yaml(options_type: type) -> dict[str, Any]:
    """The kind's defaults, keyed by option name, for ``lint-news rule NAME``."""
    instance = options_type()
    return {
        name.replace("_", "-"): _plain(getattr(instance, name))
        for name in (f.name for f in dataclasses.fields(options_type) if f.init)
    }


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def merge_option_layers(options_type: type, layers: list[Mapping[str, Any]],
                        builtin: bool = True) -> MergedOptions:
    """Merge option mappings in order; ``extend-x`` adds to whatever ``x`` is by then.

    ``layers[0]`` is the rule file's; its values are trusted when ``builtin`` (a built-in
    rule file); those of later layers (configurations) are the user's.
    """
    names, hints = _described(options_type)
    merged = MergedOptions()
    merged.builtin_values = layers[0] if builtin and layers else {}
    for layer in layers:
        for key, value in layer.items():
            if key.startswith("extend-") and key[len("extend-"):] in names:
                base_key = key[len("extend-"):]
                current = merged.get(base_key)
                if current is None:
                    current = _plain(getattr(options_type(), names[base_key]))
                merged[base_key] = _extend(base_key, current, value, hints[names[base_key]])
            else:
                if key not in names:
                    raise OptionError(key, f"unknown option {key!r}" + did_you_mean(key, names))
                merged[key] = value
    return merged


def _extend(key: str, current: Any, extra: Any, hint: Any) -> Any:
    if isinstance(current, list):
        if not isinstance(extra, list):
            raise OptionError("extend-" + key, "must be a list")
        return current + [item for item in extra if item not in current]
    if isinstance(current, dict):
        if not isinstance(extra, dict):
            raise OptionError("extend-" + key, "must be a mapping")
        result = dict(current)
        for name, items in extra.items():
            existing = result.get(name, [])
            if isinstance(existing, list) and isinstance(items, list):
                result[name] = existing + [i for i in items if i not in existing]
            else:
                result[name] = items
        return result
    raise OptionError("extend-" + key, f"option {key!r} is not a list or mapping")




def build_options(options_type: type[T], values: Mapping[str, Any]) -> T:
    """Validate ``values`` (kebab-case keys, already merged) into ``options_type``."""
    names, hints = _described(cast(type, options_type))
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in names:
            raise OptionError(key, f"unknown option {key!r}" + did_you_mean(key, names))
        field_name = names[key]
        kwargs[field_name] = _coerce(key, value, hints[field_name])
    # Values equal to the kind's defaults or, through ``merge_option_layers``, to the built-in
    # rule file's are trusted; any other regex value is the user's (``check_regexes``).
    state = _Building(cast(type, options_type), getattr(values, "builtin_values", {}))
    token = _BUILDING.set(state)
    try:
        options = options_type(**kwargs)
    except OptionError:
        raise
    except (TypeError, ValueError) as exc:
        # A check across options (``__post_init__``) names its option with ``exc.key``;
        # without one the error belongs to the ``options`` mapping as a whole.
        key = getattr(exc, "key", None) or ""
        raise OptionError(key, str(exc)) from None
    except re.error as exc:  # each pattern compiled alone, but not joined with the others
        raise OptionError("", f"invalid regular expression: {exc}; a kind joins an option's "
                              "patterns with '|', so an inline flag must be a group: '(?i:...)', "
                              "not '(?i)...'") from None
    finally:
        _BUILDING.reset(token)
    if state.user:
        _bound_user_patterns(options, state.user)
    return options


def _bound_user_patterns(options: Any, user: Mapping[str, list[str]]) -> None:
    """Replace each compiled attribute made from user patterns with a ``TimedPattern``."""
    for item in dataclasses.fields(options):
        compiled = getattr(options, item.name, None)
        if item.init or not isinstance(compiled, re.Pattern):
            continue
        source = compiled.pattern
        keys = sorted({key for pattern, pattern_keys in user.items() for key in pattern_keys
                       if source == pattern or f"(?:{pattern})" in source})
        if keys:
            try:
                timed = TimedPattern(source, compiled.flags, tuple(keys))
            except Exception as exc:  # never keep running it unbounded
                raise OptionError(keys[0], f"regular expression {source!r} cannot be matched under a "
                                           f"time limit (the regex package refuses it: {exc})") from None
            object.__setattr__(options, item.name, timed)


def holds_user_regex(options: Any) -> bool:
    """Whether ``options`` hold a user regex (a ``TimedPattern``), whose calls read the rule's
    deadline; options that are not a dataclass count as holding one.

    Why here: ``_bound_user_patterns`` makes a ``TimedPattern`` only as a compiled attribute
    of a rule's options, so this is the one place that knows where to look. The linter gives
    a rule a deadline (a new run context per rule per file, most of its own cost per file)
    only when this says so, or when the section labels are the user's
    (``StructureOptions.user_labels``): a rule with neither would run out of none.
    """
    if not dataclasses.is_dataclass(options):
        return options is not None
    return any(isinstance(getattr(options, item.name, None), TimedPattern)
               for item in dataclasses.fields(options))


def _coerce(key: str, value: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        errors = []
        for option in args:
            if option is type(None):
                if value is None:
                    return None
                continue
            try:
                return _coerce(key, value, option)
            except OptionError as exc:
                errors.append(str(exc))
        raise OptionError(key, errors[0] if errors else "invalid value")
    if origin is typing.Literal:
        if value not in args:
            choices = ", ".join(repr(a) for a in args)
            raise OptionError(key, f"must be one of {choices}, not {as_yaml(value)}")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise OptionError(key, f"must be true or false, not {as_yaml(value)}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise OptionError(key, f"must be an integer, not {as_yaml(value)}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise OptionError(key, f"must be a number, not {as_yaml(value)}")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise OptionError(key, f"must be a string, not {as_yaml(value)}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise OptionError(key, f"must be a list, not {as_yaml(value)}")
        item_hint = args[0] if args else Any
        if item_hint is str and all(isinstance(item, str) for item in value):
            return tuple(value)  # the common case (lists of words and patterns), checked in C
        return tuple(_coerce(key, item, item_hint) for item in value)
    if origin in (dict, Mapping, typing.Mapping) or hint is dict:
        if not isinstance(value, dict):
            raise OptionError(key, f"must be a mapping, not {as_yaml(value)}")
        key_hint, value_hint = args if args else (Any, Any)
        return {
            _coerce(key, k, key_hint): _coerce(f"{key}.{k}", v, value_hint)
            for k, v in value.items()
        }
    if hint is Any:
        return value
    raise TypeError(f"unsupported option type {hint!r} for {key}")
