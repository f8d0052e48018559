"""The data every part of lint-news exchanges: findings, fixes and the edits inside them.

Positions are offsets into the decoded text (code points, half-open ``[start, end)``), so
that kinds never have to think about rows and columns; the document turns offsets into
1-based rows and columns only when findings are shown.
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How bad a finding is. Ordered, so ``fail-on`` can compare."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


class Applicability(enum.Enum):
    """Whether ``--fix`` may apply a fix on its own (ruff's split).

    SAFE fixes never change what the text means; UNSAFE ones probably repair it but need a
    person's consent (``--unsafe-fixes``) because they may be wrong.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``content``; an insertion has ``start == end``."""

    start: int
    end: int
    content: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid edit span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Fix:
    """One repair: edits applied all together or not at all."""

    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def __post_init__(self) -> None:
        if not self.edits:
            raise ValueError("a fix needs at least one edit")
        ordered = tuple(sorted(self.edits, key=lambda e: (e.start, e.end)))
        for before, after in itertools.pairwise(ordered):
            if after.start < before.end:
                raise ValueError("the edits of one fix overlap")
        object.__setattr__(self, "edits", ordered)

    @classmethod
    def from_sorted(cls, message: str, edits: tuple[Edit, ...], applicability: Applicability) -> Fix:
        """A Fix from edits already sorted and disjoint (not checked again), such as those of a
        Fix the results cache stored: a warm run rebuilds tens of thousands."""
        if not edits:
            raise ValueError("a fix needs at least one edit")
        fix = object.__new__(cls)
        object.__setattr__(fix, "message", message)
        object.__setattr__(fix, "edits", edits)
        object.__setattr__(fix, "applicability", applicability)
        return fix

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)

    @classmethod
    def replace(
        cls,
        start: int,
        end: int,
        content: str,
        message: str,
        applicability: Applicability = Applicability.SAFE,
    ) -> Fix:
        return cls(message, (Edit(start, end, content),), applicability)

    @classmethod
    def delete(
        cls, start: int, end: int, message: str, applicability: Applicability = Applicability.SAFE
    ) -> Fix:
        return cls.replace(start, end, "", message, applicability)


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a rule found: where it is, what is wrong, and how it may be repaired."""

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Fix | None = None

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.rule, self.message)


def apply_edits(text: str, edits: list[Edit] | tuple[Edit, ...]) -> str:
    """Apply non-overlapping edits (in any order) to ``text``."""
    parts: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:
            raise ValueError("overlapping edits")
        parts.append(text[cursor : edit.start])
        parts.append(edit.content)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)
