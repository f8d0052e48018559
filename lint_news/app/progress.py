"""A one-line progress bar on stderr: files done, MB/s and time left.

Shown only when stderr is a terminal, the run is not in CI (the ``CI`` variable) and it has
already taken more than about a second; it is redrawn at most ten times a second and erased
before anything else is printed and at the end, so it never ends up in logs or pipes.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

DELAY = 1.0
INTERVAL = 0.1


def wanted(stream: TextIO, environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """True when a progress bar may be drawn on ``stream``."""
    env = os.environ if environ is None else environ
    if env.get("CI") or env.get("LINT_NEWS_NO_PROGRESS") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


class Progress:
    """Counts files and bytes; draws on ``stream`` once the run is older than ``delay``."""

    def __init__(self, stream: TextIO, total_files: int | None = None, total_bytes: int | None = None,
                 *, delay: float | None = None, clock: object = None) -> None:
        self.stream = stream
        self.total_files = total_files
        self.total_bytes = total_bytes
        self.delay = DELAY if delay is None else delay
        self._clock = clock if callable(clock) else time.monotonic
        self.started = self._clock()
        self.files = 0
        self.bytes = 0
        self._drawn_at = 0.0
        self._visible = False

    def advance(self, size: int) -> None:
        self.files += 1
        self.bytes += size
        now = self._clock()
        if now - self.started < self.delay or now - self._drawn_at < INTERVAL:
            return
        self._drawn_at = now
        self._draw(now)

    def line(self, now: float | None = None) -> str:
        now = self._clock() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.bytes / elapsed / 1e6
        done = f"{self.files:,}"
        eta = ""
        fraction: float | None = None
        if self.total_bytes:
            fraction = min(self.bytes / self.total_bytes, 1.0)
        elif self.total_files:
            fraction = min(self.files / self.total_files, 1.0)
        if self.total_files:
            done += f"/{self.total_files:,}"
        if fraction is not None and fraction > 0:
            left = round(elapsed * (1 - fraction) / fraction)
            eta = f" ETA {left // 60}:{left % 60:02d}"
        bar = ""
        if fraction is not None:
            width = 24
            filled = int(width * fraction)
            bar = "[" + "#" * filled + "-" * (width - filled) + f"] {fraction * 100:3.0f}% "
        return f"lint-news {bar}{done} files {rate:.1f} MB/s{eta}"

    def _draw(self, now: float) -> None:
        try:
            self.stream.write("\r\x1b[K" + self.line(now))
            self.stream.flush()
            self._visible = True
        except (OSError, ValueError):
            pass

    def clear(self) -> None:
        """Erase the bar (before other output, and at the end)."""
        if not self._visible:
            return
        try:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        except (OSError, ValueError):
            pass
        self._visible = False

    def resume(self) -> None:
        """Redraw after other output, if the bar was showing."""
        if self.files and self._clock() - self.started >= self.delay:
            self._draw(self._clock())

    def guard(self, out: TextIO) -> TextIO:
        """``out`` for the report: on a terminal, the bar is erased before each write."""
        isatty = getattr(out, "isatty", None)
        try:
            shared = bool(isatty and isatty())
        except (OSError, ValueError):
            shared = False
        return _Guarded(out, self) if shared else out  # type: ignore[return-value]


class _Guarded:
    """A text stream that erases the progress bar before writing to the same terminal."""

    def __init__(self, out: TextIO, progress: Progress) -> None:
        self._out = out
        self._progress = progress

    def write(self, text: str) -> int:
        self._progress.clear()
        return self._out.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._out, name)
