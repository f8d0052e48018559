"""A document's findings-sized shadow: what the output formats need, without the text.

A run over a large corpus must not keep every file's text alive until the report is
written, nor ship it between processes or store it in the cache. ``DocumentView`` keeps only
the rows and columns of the offsets the findings and their fixes mention, the lines those
findings start on (for the source snippet), and the text of each finding's and edit's span.
It answers the same questions ``output.py`` asks a ``Document``: ``position``, ``lines[row]``,
``text[start:end]`` and ``binary``.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.document import Line

if TYPE_CHECKING:
    from ..core.document import Document
    from ..core.model import Finding

ViewState = tuple[str, bool, bool, int, tuple[tuple[int, int, int], ...],
                  tuple[tuple[int, int, int, int, str], ...], tuple[tuple[int, int, str], ...]]


class _Rows:
    """``view.lines``: the stored lines by 0-based index; truthy when the file had lines."""

    __slots__ = ("_count", "_rows")

    def __init__(self, rows: dict[int, Line], count: int) -> None:
        self._rows = rows
        self._count = count

    def __getitem__(self, index: int) -> Line:
        return self._rows[index]

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0


class _Spans:
    """``view.text[start:end]`` for the spans of findings and edits."""

    __slots__ = ("_spans",)

    def __init__(self, spans: dict[tuple[int, int], str]) -> None:
        self._spans = spans

    def __getitem__(self, key: slice) -> str:
        return self._spans[(key.start, key.stop)]


class DocumentView:
    """The parts of a ``Document`` that the report of ``findings`` needs (picklable, small).

    Read from the cache, the line texts and span texts (most of an entry; only the full
    format and baselines use them) stay a ``marshal`` blob until first asked for.
    """

    __slots__ = ("_lazy", "_positions", "_rows", "_spans", "binary", "line_count", "path", "undecodable")

    def __init__(self, path: str, binary: bool, undecodable: bool, line_count: int,
                 positions: dict[int, tuple[int, int]], rows: dict[int, Line],
                 spans: dict[tuple[int, int], str], lazy: bytes | None = None) -> None:
        self.path = path
        self.binary = binary
        self.undecodable = undecodable
        self.line_count = line_count
        self._positions = positions
        self._rows = rows
        self._spans = spans
        self._lazy = lazy  # marshal of (rows, spans) states, not yet read into _rows/_spans

    def _load(self) -> None:
        if self._lazy is not None:
            self._rows, self._spans = _texts(*marshal.loads(self._lazy))
            self._lazy = None

    @classmethod
    def of(cls, doc: Document, findings: Iterable[Finding]) -> DocumentView:
        positions: dict[int, tuple[int, int]] = {}
        rows: dict[int, Line] = {}
        spans: dict[tuple[int, int], str] = {}
        count = doc.line_count  # the lines themselves only where a finding starts
        text = doc.text
        for finding in findings:
            offsets = [(finding.start, finding.end)]
            if finding.fix is not None:
                offsets.extend((edit.start, edit.end) for edit in finding.fix.edits)
            for start, end in offsets:
                for offset in (start, end):
                    if offset not in positions:
                        positions[offset] = doc.position(offset)
                if (start, end) not in spans:
                    spans[(start, end)] = text[start:end]
            row = positions[finding.start][0] - 1
            if row not in rows and row < count:
                rows[row] = doc.lines[row]
        return cls(doc.path, doc.binary, doc.undecodable, count, positions, rows, spans)

    @property
    def lines(self) -> _Rows:
        self._load()
        return _Rows(self._rows, self.line_count)

    @property
    def text(self) -> _Spans:
        self._load()
        return _Spans(self._spans)

    def position(self, offset: int) -> tuple[int, int]:
        return self._positions[offset]

    def line_at(self, offset: int) -> Line | None:
        """The line a finding starts on (only those are kept)."""
        if offset not in self._positions:
            return None
        self._load()
        return self._rows.get(self._positions[offset][0] - 1)

    # ----- plain-data form, for the cache and for sending between processes ----------------
    def state(self) -> ViewState:
        self._load()
        return (
            self.path, self.binary, self.undecodable, self.line_count,
            tuple((offset, row, col) for offset, (row, col) in self._positions.items()),
            tuple((ln.index, ln.start, ln.end, ln.eol_end, ln.text) for ln in self._rows.values()),
            tuple((start, end, text) for (start, end), text in self._spans.items()),
        )

    def split_state(self) -> tuple[tuple[Any, ...], bytes]:
        """``state()`` as the cache stores it: what every report needs, and a ``marshal`` blob
        of the line and span texts."""
        name, binary, undecodable, count, positions, rows, spans = self.state()
        return (name, binary, undecodable, count, positions), marshal.dumps((rows, spans))

    @classmethod
    def from_split_state(cls, head: Any, lazy: bytes, path: str | None = None) -> DocumentView:
        name, binary, undecodable, count, positions = head
        if not isinstance(lazy, bytes):
            raise TypeError("not a view blob")
        return cls(
            name if path is None else path, bool(binary), bool(undecodable), int(count),
            {offset: (row, col) for offset, row, col in positions}, {}, {}, lazy,
        )

    @classmethod
    def from_state(cls, state: Any, path: str | None = None) -> DocumentView:
        name, binary, undecodable, count, positions, rows, spans = state
        return cls(
            name if path is None else path, bool(binary), bool(undecodable), int(count),
            {offset: (row, col) for offset, row, col in positions}, *_texts(rows, spans),
        )

    def __getstate__(self) -> ViewState:
        return self.state()

    def __setstate__(self, state: ViewState) -> None:
        other = DocumentView.from_state(state)
        for name in self.__slots__:
            object.__setattr__(self, name, getattr(other, name))


def _texts(rows: Any, spans: Any) -> tuple[dict[int, Line], dict[tuple[int, int], str]]:
    """The line and span texts of a view, from their plain-data state."""
    return {row[0]: Line(*row) for row in rows}, {(start, end): text for start, end, text in spans}
