"""The results cache: ``.lint-news-cache/`` beside the config file (or in the working folder).

An entry is the findings of one file's content under one configuration: its key hashes the
file's bytes and its path relative to the project root (per-file ignores and path-aware
rules), and it lives in a folder named after the lint-news version, a fingerprint of the
effective configuration and a fingerprint of the lint-news code and the libraries the rules
use. Anything that could change a result changes one of those, so an entry is never stale;
old folders are simply never read again (``--no-cache`` skips the cache; deleting the folder
is always safe).

Entries are plain data (``marshal``, never ``pickle``: a cache folder is not trusted to run
code), prefixed with a checksum, and written atomically (a temporary file renamed into
place), so two runs sharing the cache at the same time can only both write the same entry;
a truncated or corrupted entry fails the checksum and counts as a miss.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

try:
    from _blake2 import blake2b  # hashlib itself would also load OpenSSL: 2 ms of start-up
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

from . import __version__
from .config import Config
from .model import Applicability, Edit, Finding, Fix, Severity
from .view import DocumentView

CACHE_DIR = ".lint-news-cache"
_MAGIC = b"LNC1"
_CHECK = 8  # bytes of blake2b checksum
_README = "Results cache of lint-news: safe to delete. https://pypi.org/project/lint-news/\n"
_LIBRARIES = ("ftfy", "charset_normalizer", "wordfreq", "regex", "yaml")


def cache_root(config: Config, cwd: str | None = None) -> Path:
    """Beside the config file when there is one, else in the working folder."""
    if config.path is not None:
        return Path(config.path.split(" [tool.")[0]).resolve().parent / CACHE_DIR
    return Path(cwd or os.getcwd()) / CACHE_DIR


def code_fingerprint() -> str:
    """The lint-news sources and data, and the libraries the rules call.

    Every file of the package counts by name, size and modification time (as Python's own
    bytecode cache does): a development checkout never reads results computed by older code
    of the same version, and a run pays a few hundred ``stat`` calls, not reads.
    """
    digest = blake2b(digest_size=16)
    package = os.path.dirname(os.path.abspath(__file__))
    for directory, subdirs, files in os.walk(package):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".pyc", ".tmp")):
                continue
            path = os.path.join(directory, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            digest.update(f"{os.path.relpath(path, package)}:{info.st_size}:{info.st_mtime_ns}|".encode())
    digest.update(_library_versions().encode())
    return digest.hexdigest()


def _library_versions() -> str:
    """Where each library lives and when it was installed, without importing it."""
    import importlib.util

    parts = []
    for name in _LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin:
            try:
                stat = os.stat(origin)
                parts.append(f"{name}:{origin}:{stat.st_mtime_ns}:{stat.st_size}")
                continue
            except OSError:
                pass
        parts.append(f"{name}:-")
    return "|".join(parts)


class Cache:
    """Findings by file content, for one configuration; picklable (sent to workers)."""

    def __init__(self, root: Path, config: Config) -> None:
        self.root = root
        self.config_root = config.root
        namespace = blake2b(
            f"{__version__}|{config.fingerprint()}|{code_fingerprint()}".encode(), digest_size=12
        ).hexdigest()
        self.directory = root / f"v{__version__}-{namespace}"
        self._folder = str(self.directory)
        self._made: set[str] = set()

    def key(self, raw: bytes, relative_path: str) -> str:
        digest = blake2b(raw, digest_size=20)
        digest.update(b"\0" + relative_path.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def _entry(self, key: str) -> str:
        return os.path.join(self._folder, key[:2], key)  # strings: pathlib costs per file

    def get(self, key: str, path: str) -> tuple[DocumentView, list[Finding]] | None:
        try:
            with open(self._entry(key), "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        if len(data) < len(_MAGIC) + _CHECK or not data.startswith(_MAGIC):
            return None
        body = data[len(_MAGIC) + _CHECK:]
        if blake2b(body, digest_size=_CHECK).digest() != data[len(_MAGIC):len(_MAGIC) + _CHECK]:
            return None
        try:
            view_state, findings = marshal.loads(body)
            return DocumentView.from_state(view_state, path), [_finding(item) for item in findings]
        except Exception:  # a well-formed but foreign entry: ignore it
            return None

    def put(self, key: str, view: DocumentView, findings: list[Finding]) -> None:
        """Store an entry atomically; a cache that cannot be written is silently skipped."""
        body = marshal.dumps((view.state(), [_plain(f) for f in findings]))
        data = _MAGIC + blake2b(body, digest_size=_CHECK).digest() + body
        target = self._entry(key)
        folder = os.path.dirname(target)
        temp = f"{target}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        try:
            if folder not in self._made:
                self._prepare(Path(folder))
                self._made.add(folder)
            with open(temp, "xb") as handle:
                handle.write(data)
            os.replace(temp, target)
        except BaseException as exc:  # interrupted or unwritable: leave no temporary file
            with contextlib.suppress(OSError):
                os.unlink(temp)
            if not isinstance(exc, OSError):
                raise

    def _prepare(self, folder: Path) -> None:
        if not (self.root / "CACHEDIR.TAG").exists():
            self.root.mkdir(parents=True, exist_ok=True)
            for name, content in (("README", _README), (".gitignore", "*\n"), ("CACHEDIR.TAG", _TAG)):
                try:
                    with open(self.root / name, "x", encoding="utf-8") as handle:
                        handle.write(content)
                except OSError:
                    pass
        folder.mkdir(parents=True, exist_ok=True)

    def __getstate__(self) -> dict[str, Any]:
        return {"root": self.root, "config_root": self.config_root, "directory": self.directory}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._folder = str(self.directory)
        self._made = set()


_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# lint-news results cache (https://bford.info/cachedir/)\n"


def _plain(finding: Finding) -> tuple[Any, ...]:
    fix = finding.fix
    fix_data = None if fix is None else (
        fix.message, fix.applicability.value, tuple((e.start, e.end, e.content) for e in fix.edits)
    )
    return (finding.rule, int(finding.severity), finding.message, finding.start, finding.end, fix_data)


def _finding(item: Any) -> Finding:
    rule, severity, message, start, end, fix_data = item
    fix = None
    if fix_data is not None:
        fix_message, applicability, edits = fix_data
        fix = Fix(fix_message, tuple(Edit(*edit) for edit in edits), Applicability(applicability))
    return Finding(rule, Severity(severity), message, start, end, fix)
