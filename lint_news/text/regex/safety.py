"""Regular expressions the user supplies: rejected when they backtrack catastrophically.

A rule's regex options and ``pattern`` rules run on every line of every file: one
catastrophic pattern ("(a+)+") would hang a whole run. The config load tries each user
pattern on adversarial probe strings under a short time limit (``slow_pattern``), and the
kinds check their list options through ``check_regexes``/``compile_alternatives``, which know
(from ``core.options``) which values are built in and which the user wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

from ...core.lazy import lazy_module
from ...core.options import _BUILDING, option_error
from .lazy import LazyPattern

if TYPE_CHECKING:
    import regex
else:  # the probes need its timeout; only user patterns are probed
    regex = lazy_module("regex")

PROBE_TIMEOUT = 0.1
PROBE_LENGTH = 3000


def probe_strings(patterns: tuple[str, ...]) -> list[str]:
    """Inputs that make backtracking blow up: long runs of one character, then a mismatch."""
    chars = ["a", "0", " ", "A"]
    for pattern in patterns:
        for char in pattern:
            if char.isalnum() and char not in chars and len(chars) < 12:
                chars.append(char)
    probes = [char * PROBE_LENGTH + "!" for char in chars]
    probes.append("a " * (PROBE_LENGTH // 2) + "!")
    probes.append("aaaa aaaa, " * (PROBE_LENGTH // 11) + "!")
    return probes


def slow_pattern(patterns: Iterable[str], flags: int = 0) -> str | None:
    """The first of ``patterns`` that takes over PROBE_TIMEOUT on a probe string, if any
    (also used for the user's ``document: section-labels``)."""
    for pattern in patterns:
        compiled = regex.compile(pattern, flags | regex.MULTILINE)
        for probe in probe_strings((pattern,)):
            try:
                for _ in compiled.finditer(probe, timeout=PROBE_TIMEOUT):
                    pass
            except TimeoutError:
                return pattern
    return None


def slow_pattern_message(pattern: str, noun: str = "regular expression") -> str:
    """What to tell the user about a pattern ``slow_pattern`` found (one wording for every
    place a user pattern is probed: rule options, pattern rules, section labels)."""
    return (f"{noun} {pattern!r} takes over {PROBE_TIMEOUT:g}s on a {PROBE_LENGTH:,}-character "
            "test string: it backtracks catastrophically (nested quantifiers such as '(a+)+' or "
            "overlapping alternatives); rewrite it")


def compile_alternatives(key: str, patterns: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """``check_regexes(key, patterns)``, then one regex matching any of them (never matching
    when there are none): the option values of the built-in kinds that are lists of regexes.

    Built only from built-in values (vetted by the test suite), it is a ``LazyPattern``
    (typed as the pattern it stands for): compiled on first use, so a run that never reaches
    it never pays for it (start-up). With any pattern of the user's it is compiled now, so
    that one which only fails joined with the others is still a configuration error."""
    patterns = tuple(patterns)
    user = check_regexes(key, patterns)
    source = "|".join(f"(?:{p})" for p in patterns) or r"(?!)"
    if user:
        return re.compile(source, flags)
    return cast("re.Pattern[str]", LazyPattern(source, flags))


def check_regexes(
    key: str,
    patterns: Iterable[str],
    compile_: Callable[[str], object] = re.compile,
    errors: tuple[type[Exception], ...] = (re.error,),
    *,
    bounded: bool = True,
) -> bool:
    """Raise ``option_error("<key>.<index>", ...)`` for the first pattern that does not compile.

    Inside ``build_options`` (a rule built from a configuration), a pattern the user supplied
    (not a built-in value) is also tried against adversarial probe strings: one that
    backtracks catastrophically is an error that points at it, and the options' compiled
    attributes made from user patterns are then matched under a time limit (``userregex``).
    ``bounded=False``: the caller bounds its patterns itself (the ``pattern`` kind).
    Returns whether any pattern is not a trusted built-in value (outside ``build_options``,
    every pattern counts as not trusted).
    """
    patterns = tuple(patterns)
    state = _BUILDING.get() if bounded else None
    # Built-in values are vetted by the test suite and compiled by the kind right after:
    # compiling them here too would only cost start-up time.
    trusted = state.trusted(key) if state is not None else frozenset()
    user = False
    for index, pattern in enumerate(patterns):
        if pattern in trusted:
            continue
        user = True
        try:
            compile_(pattern)
        except errors as exc:
            raise option_error(f"{key}.{index}", f"invalid regular expression {pattern!r}: {exc}") from None
    if state is None:
        return user
    for index, pattern in enumerate(patterns):
        if pattern in trusted:
            continue
        if pattern not in state.checked:
            if slow_pattern((pattern,)) is not None:
                raise option_error(f"{key}.{index}", slow_pattern_message(pattern))
            state.checked.add(pattern)
        state.user.setdefault(pattern, []).append(key)
    return user
