"""Fault injection: ``--fix`` writes only over the bytes it read (issue 19).

Two kinds of rounds, each a real ``lint-news --fix`` run in a subprocess:

- **injected**: every file gets one fault, applied inside the run at a chosen moment between
  the read and the rename (just before ``write_atomic``, or after the temporary file is
  complete, right before the last check): another program appends, truncates, rename-saves
  (as editors do), rewrites the same number of bytes within the same timestamp, deletes the
  file, makes it or its folder read-only, replaces it by a folder or a symbolic link, or the
  disk fills up (``RLIMIT_FSIZE`` on the writing process); beside them, hard-linked files,
  links out of the project and untouched files;
- **concurrent**: threads append, truncate-and-rewrite and rename-save files at random while
  ``--fix`` runs over all of them, with no coordination at all.

The invariant after each round: every file holds either the last bytes the other writer left
in it or a complete fix of exactly those bytes (never a fix of stale bytes, never part of a
file), no temporary file is left, and the run's messages name every file that was skipped
with the reason, its exit status saying the worst (2 for an error, 1 for a skipped fix).

Usage::

    python benchmarks/faults.py                     # 20 rounds of each kind, -j 1 and -j 2
    python benchmarks/faults.py --rounds 3 --files 24 --json out.json

``tests/app/test_faults.py`` runs a few rounds of each (bounded for CI). Exit status 1 if any
invariant failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lint_news.config import load_config  # noqa: E402
from lint_news.engine.runner import fix_text  # noqa: E402

ARGS = ["--isolated", "--no-cache", "--select", "whitespace", "--output-format", "concise"]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
LINE = "Một dòng tin tức với khoảng trắng  thừa ở cuối dòng \n"
EXTRA = "A line another program added.\n"

# Faults injected in the run: (kind, moment). "write" is just before write_atomic (its
# early checks), "rename" after the temporary file is complete, right before the last check.
INJECTED = [
    ("append", "write"), ("append", "rename"), ("truncate", "write"), ("truncate", "rename"),
    ("rename-save", "write"), ("rename-save", "rename"), ("same-stamp", "write"), ("same-stamp", "rename"),
    ("delete", "write"), ("delete", "rename"), ("folder", "write"), ("folder", "rename"),
    ("symlink-swap", "rename"), ("read-only", "write"), ("read-only-folder", "write"), ("disk-full", "write"),
]
SETUPS = ["hard-link", "link-out", "plain"]

# The run, with a fault applied to the files named in LINT_NEWS_FAULTS (JSON: path -> [kind,
# moment]) at the chosen moment; forked workers (-j) inherit the patches.
INJECTOR = r"""
import json, os, resource, sys
import lint_news.app.files as files
import lint_news.app.process as process

FAULTS = json.loads(os.environ["LINT_NEWS_FAULTS"])
EXTRA = os.environ["LINT_NEWS_EXTRA"].encode()
done = set()


def inject(path, kind):
    real = os.path.realpath(path)
    if kind == "append":
        with open(real, "ab") as handle:
            handle.write(EXTRA)
    elif kind == "truncate":
        with open(real, "r+b") as handle:
            handle.truncate(os.path.getsize(real) // 2)
    elif kind == "rename-save":
        temp = real + ".editor-save"
        with open(temp, "wb") as handle:
            handle.write(EXTRA * 3)
        os.replace(temp, real)
    elif kind == "same-stamp":
        info = os.stat(real)
        with open(real, "r+b") as handle:
            handle.write(b"X")
        os.utime(real, ns=(info.st_atime_ns, info.st_mtime_ns))
    elif kind == "delete":
        os.unlink(real)
    elif kind == "folder":
        os.unlink(real)
        os.mkdir(real)
    elif kind == "symlink-swap":
        os.unlink(real)
        os.symlink(os.environ["LINT_NEWS_DECOY"], real)


def fault_for(path, moment):
    fault = FAULTS.get(path)
    if fault is None or fault[1] != moment or path in done:
        return None
    done.add(path)
    return fault[0]


real_write = process.write_atomic


def write_atomic(path, data, *args, **kwargs):
    kind = fault_for(path, "write")
    if kind == "disk-full":
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(data) // 2, hard))
        try:
            return real_write(path, data, *args, **kwargs)
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    if kind is not None:
        inject(path, kind)
    return real_write(path, data, *args, **kwargs)


process.write_atomic = write_atomic
real_check = files._still_as_read


def still_as_read(path, folder, name, expected, original):
    kind = fault_for(path, "rename")
    if kind is not None:
        inject(path, kind)
    return real_check(path, folder, name, expected, original)


files._still_as_read = still_as_read
from lint_news.app.cli import main
sys.exit(main(sys.argv[1:]))
"""

# what the run must say about a file, by fault (None: nothing) and whether it is fixed after
EXPECTED = {
    "append": ("changed while being fixed; run again", False),
    "truncate": ("changed while being fixed; run again", False),
    "rename-save": ("changed while being fixed; run again", False),
    "same-stamp": ("changed while being fixed; run again", False),
    "delete": ("file vanished before the fix could be written", False),
    "folder": ("changed while being fixed (it is a folder now)", False),
    "symlink-swap": ("changed while being fixed", False),
    "read-only": ("file is read-only; fix not written", False),
    "read-only-folder": ("cannot write in its folder", False),
    "disk-full": ("cannot write: File too large", False),
    "hard-link": ("note: has 1 other hard link", True),
    "link-out": ("warning: symbolic link to", False),
    "plain": (None, True),
}


@dataclass
class Figures:
    runs: int = 0
    files: int = 0
    files_under_writers: int = 0
    writer_operations: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    skipped_changed: int = 0
    fixed: int = 0
    # a writer had the file open across the fix's rename and wrote after it: its write went to
    # the file the rename replaced (the window no rename-based writer can close; step 7 of
    # docs/faults.md puts back what arrives before it looks)
    window_hits: int = 0
    window_bytes: int = 0  # of those writes, bytes not put back
    bytes_lost: int = 0  # to a fix of stale bytes: must be 0
    failures: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"runs": self.runs, "files": self.files, "files_under_writers": self.files_under_writers,
                "writer_operations": dict(self.writer_operations), "faults_injected": dict(self.faults),
                "skipped_changed": self.skipped_changed, "fixed": self.fixed,
                "window_hits": self.window_hits, "window_bytes": self.window_bytes,
                "bytes_lost": self.bytes_lost, "failures": self.failures}


_CONFIG = None


def fixed(data: bytes) -> bytes:
    """A complete fix of ``data``, as the run would write it."""
    global _CONFIG
    if _CONFIG is None:
        _CONFIG = load_config(isolated=True, select=["whitespace"])
    return fix_text(data.decode("utf-8"), _CONFIG).encode("utf-8")


def seed(rng: random.Random, lines: int) -> bytes:
    body = "".join(LINE if rng.random() < 0.5 else LINE.replace("  ", " ").rstrip() + "\n"
                   for _ in range(lines))
    return ("Tiêu đề số " + str(rng.randrange(10**6)) + "\n\n" + body).encode("utf-8")


def _lint_news(args: list[str], cwd: Path, env: dict[str, str] | None = None,
               injector: bool = False) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", INJECTOR] if injector else [sys.executable, "-m", "lint_news"]
    return subprocess.Popen([*command, *ARGS, *args], cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _chattr(path: Path, flag: str) -> bool:
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    return subprocess.run([chattr, flag, str(path)], capture_output=True).returncode == 0


def _make_read_only(path: Path, undo: list[tuple[Path, int | None]]) -> bool:
    """Unwritable for this user for real: mode bits, or as root (who ignores them) the
    immutable attribute. False where neither works."""
    if not IS_ROOT:
        mode = stat.S_IMODE(path.stat().st_mode)
        path.chmod(0o555 if path.is_dir() else 0o444)
        undo.append((path, mode))
        return True
    if _chattr(path, "+i"):
        undo.append((path, None))
        return True
    return False


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".lint-news-*") if p.name.endswith(".tmp")]


def injected_round(folder: Path, rng: random.Random, jobs: int, figures: Figures) -> None:
    """One run where every file gets one fault (or set-up) from INJECTED and SETUPS."""
    project = folder / "project"
    outside = folder / "outside"
    for where in (project, outside):
        shutil.rmtree(where, ignore_errors=True)
        where.mkdir(parents=True)
    (project / "seeds").mkdir()
    decoy = outside / "decoy.txt"
    decoy_bytes = seed(rng, 5)
    decoy.write_bytes(decoy_bytes)
    kinds = [f"{kind}@{moment}" for kind, moment in INJECTED] + SETUPS * 2
    rng.shuffle(kinds)
    faults: dict[str, list[str]] = {}
    files: dict[str, tuple[str, bytes]] = {}  # name as passed -> (kind, bytes before the run)
    undo: list[tuple[Path, int | None]] = []
    others: dict[str, Path] = {}
    for number, label in enumerate(kinds):
        kind = label.split("@")[0]
        data = seed(rng, rng.randrange(20, 400))
        base = project / "seeds"
        if kind == "read-only-folder":
            base = base / f"locked{number}"
            base.mkdir()
        name = str((base / f"{number:03d}-{kind}.txt").relative_to(project))
        if kind == "link-out":
            target = outside / f"{number:03d}.txt"
            target.write_bytes(data)
            (project / name).symlink_to(target)
        else:
            (project / name).write_bytes(data)
        if kind == "hard-link":
            other = outside / f"{number:03d}-other-name.txt"
            os.link(project / name, other)
            others[name] = other
        if "@" in label:
            faults[name] = label.split("@")
        files[name] = (kind, data)
    try:
        for name, (kind, _) in files.items():
            if kind == "read-only" and not _make_read_only(project / name, undo):
                files[name] = ("plain", files[name][1])
                del faults[name]
            if kind == "read-only-folder" and not _make_read_only((project / name).parent, undo):
                files[name] = ("plain", files[name][1])
                del faults[name]
        env = {"LINT_NEWS_FAULTS": json.dumps(faults), "LINT_NEWS_EXTRA": EXTRA,
               "LINT_NEWS_DECOY": str(decoy)}
        proc = _lint_news(["--jobs", str(jobs), "--fix", "seeds"], project, env, injector=True)
        _, err = proc.communicate(timeout=300)
    finally:
        for path, mode in reversed(undo):
            if mode is None:
                _chattr(path, "-i")
            else:
                path.chmod(mode)
    figures.runs += 1
    figures.files += len(files)
    figures.faults.update(kind for kind, _ in files.values() if kind != "plain")
    fail = figures.failures.append
    worst = 0
    for name, (kind, before) in files.items():
        message, fixed_after = EXPECTED[kind]
        path = project / name
        lines = [line for line in err.splitlines() if line.startswith(name + ":")]
        if message is None:
            if lines:
                fail(f"{name} ({kind}): unexpected message {lines}")
        elif not any(message in line for line in lines):
            fail(f"{name} ({kind}): expected {message!r}, got {lines}")
        if kind in EXPECTED and message is not None:
            worst = max(worst, 2 if any(": error:" in line for line in lines) else 1 if any(
                ": warning:" in line for line in lines) else 0)
        wrote = f"Fixing {name}" in err
        if wrote != fixed_after:
            fail(f"{name} ({kind}): {'written' if wrote else 'not written'}")
        figures.fixed += wrote
        figures.skipped_changed += any("changed while being fixed" in line for line in lines)
        # the invariant: the other writer's last bytes or a complete fix of exactly them
        if kind == "delete":
            ok = not os.path.lexists(path)
        elif kind == "folder":
            ok = path.is_dir() and not path.is_symlink()
        elif kind == "symlink-swap":
            ok = path.is_symlink() and decoy.read_bytes() == decoy_bytes
        else:
            now = path.read_bytes()
            last = _after_fault(kind, before)
            ok = now == (fixed(last) if fixed_after else last)
            if not ok:
                figures.bytes_lost += max(len(last) - _common(now, last), 1)
            if kind == "hard-link" and others[name].read_bytes() != before:
                fail(f"{name}: the other hard-linked name changed")
        if not ok:
            fail(f"{name} ({kind}): invariant broken")
    if decoy.read_bytes() != decoy_bytes:
        fail("a file outside the project was written")
    if proc.returncode != max(worst, 1):
        fail(f"exit status {proc.returncode}, expected {max(worst, 1)}")
    if _temp_files(project) or _temp_files(outside):
        fail(f"temporary files left: {_temp_files(project) + _temp_files(outside)}")


def _common(one: bytes, two: bytes) -> int:
    """The length of the longest common prefix."""
    size = 0
    for left, right in zip(one, two, strict=False):
        if left != right:
            break
        size += 1
    return size


def _after_fault(kind: str, before: bytes) -> bytes:
    """The bytes the fault leaves (the other writer's last bytes)."""
    if kind == "append":
        return before + EXTRA.encode()
    if kind == "truncate":
        return before[: len(before) // 2]
    if kind == "rename-save":
        return EXTRA.encode() * 3
    if kind == "same-stamp":
        return b"X" + before[1:]
    return before


class _Writer(threading.Thread):
    """Changes its files at random, as editors and other tools do, until told to stop;
    remembers the bytes it last left in each."""

    def __init__(self, paths: list[Path], start: dict[Path, bytes], rng: random.Random,
                 figures: Figures) -> None:
        super().__init__(daemon=True)
        self.paths, self.initial, self.rng, self.figures = paths, start, rng, figures
        self.last: dict[Path, bytes] = {}
        self.stranded: set[Path] = set()  # the last write went to a file already replaced
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            path = self.rng.choice(self.paths)
            # the invariant holds at every moment, not only at the end (where a later save
            # would hide a stale fix): the file holds this writer's last bytes or their fix
            mine = self.last.get(path, self.initial[path])
            seen = path.read_bytes()
            if seen != mine and seen != fixed(mine):
                lost = max(len(mine) - _common(seen, mine), 1)
                if path in self.stranded:
                    self.figures.window_bytes += lost
                else:
                    self.figures.bytes_lost += lost
                    self.figures.failures.append(f"{path.name}: a fix of stale bytes replaced the writer's")
            operation = self.rng.choice(("append", "truncate-rewrite", "rename-save"))
            self.last[path], hit = self._apply(path, operation)
            (self.stranded.add if hit else self.stranded.discard)(path)
            self.figures.writer_operations[operation] += 1
            time.sleep(self.rng.uniform(0, 0.01))

    def _apply(self, path: Path, operation: str) -> tuple[bytes, bool]:
        """The bytes the operation left, and whether they went to a file already replaced."""
        if operation == "rename-save":
            data = seed(self.rng, self.rng.randrange(50, 600))
            temp = path.with_name(path.name + ".save~")
            temp.write_bytes(data)
            os.replace(temp, path)
            return data, False
        flags = os.O_RDWR | (os.O_APPEND if operation == "append" else os.O_TRUNC)
        fd = os.open(path, flags)
        try:
            data = EXTRA.encode() if operation == "append" else seed(self.rng, self.rng.randrange(50, 600))
            os.write(fd, data)
            # a write that went to a replaced file is always seen here: the rename came first
            hit = os.fstat(fd).st_ino != os.stat(path).st_ino
            self.figures.window_hits += hit
            size = os.fstat(fd).st_size
            return os.pread(fd, size + 1, 0), hit
        finally:
            os.close(fd)


def concurrent_round(folder: Path, rng: random.Random, jobs: int, figures: Figures, count: int = 40,
                     watched: int = 16, writers: int = 2) -> None:
    """``--fix`` over ``count`` files while ``writers`` threads change ``watched`` of them."""
    project = folder / "project"
    shutil.rmtree(project, ignore_errors=True)
    (project / "seeds").mkdir(parents=True)
    paths = [project / "seeds" / f"{number:03d}.txt" for number in range(count)]
    start: dict[Path, bytes] = {}
    for path in paths:
        start[path] = seed(rng, rng.randrange(200, 3000))
        path.write_bytes(start[path])
    changing = paths[:watched]
    fixed(b"")  # the configuration, loaded before the threads need it
    threads = [_Writer(changing[index::writers], start, random.Random(rng.random()), figures)
               for index in range(writers)]
    proc = _lint_news(["--jobs", str(jobs), "--fix", "seeds"], project)
    for thread in threads:
        thread.start()
    _, err = proc.communicate(timeout=300)
    for thread in threads:
        thread.stop.set()
    for thread in threads:
        thread.join()
    figures.runs += 1
    figures.files += count
    figures.files_under_writers += watched
    fail = figures.failures.append
    last: dict[Path, bytes] = {}
    stranded: set[Path] = set()
    for thread in threads:
        last.update(thread.last)
        stranded |= thread.stranded
    for path in paths:
        name = str(path.relative_to(project))
        now = path.read_bytes()
        before = last.get(path, start[path])
        lines = [line for line in err.splitlines() if line.startswith(name + ":")]
        wrote = f"Fixing {name}" in err
        figures.fixed += wrote
        skipped = any("changed while being fixed; run again" in line for line in lines)
        figures.skipped_changed += skipped
        if now not in (before, fixed(before)):
            if path in stranded:
                figures.window_bytes += max(len(before) - _common(now, before), 1)
            else:
                figures.bytes_lost += max(len(before) - _common(now, before), 1)
                fail(f"{name}: holds neither the writer's last bytes nor their fix")
        if path not in last and not wrote:
            fail(f"{name}: untouched by writers, yet not fixed ({lines})")
        if wrote and skipped:
            fail(f"{name}: reported both fixed and skipped")
        if any(": error:" in line for line in lines):
            fail(f"{name}: error {lines}")
    expected = 1  # files were fixed (or skipped): exit 1
    if proc.returncode != expected:
        fail(f"exit status {proc.returncode}, expected {expected}: {err[-500:]}")
    if _temp_files(project):
        fail(f"temporary files left: {_temp_files(project)}")


def repro(folder: Path, megabytes: float = 5.0, select: str = "whitespace",
          patience: float = 60.0, settle: float = 0.5, command: list[str] | None = None) -> dict[str, object]:
    """Issue 19's report: a large seed is being fixed when another process appends a line.
    The line must be kept, and the file reported as changed while being fixed (exit 1).

    The append is made ``settle`` seconds after the run has started reading the file (an
    append during the read itself is read with the rest): its access time moves then (the
    file's atime is set before its mtime first, so that even a ``relatime`` mount records the
    read); where it never moves (``noatime``), after ``patience`` seconds. ``command`` runs
    another lint-news (``[python, -c, ...]``), to compare with an older version."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "big.txt"
    line = "Dòng tin thứ {} có khoảng trắng  thừa ở cuối \n"
    count = int(megabytes * 1e6 / len(line.format(0).encode()))
    body = "".join(line.format(number) for number in range(count))
    path.write_text("Tiêu đề\n\n" + body, encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_mtime_ns - 10**10, info.st_mtime_ns))
    before = path.stat().st_atime_ns
    appended = "A line appended by another program while the fix runs.\n"
    started = time.monotonic()
    command = [*(command or [sys.executable, "-m", "lint_news"]), "--isolated", "--no-cache",
               "--select", select, "--fix", "-q", path.name]
    proc = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while path.stat().st_atime_ns == before and time.monotonic() - started < patience and proc.poll() is None:
        time.sleep(0.002)
    time.sleep(settle)  # the read is done by then (milliseconds); the fix takes seconds
    read_after = time.monotonic() - started
    subprocess.run(["sh", "-c", f"printf '%s' '{appended}' >> {path.name}"], cwd=folder, check=True)
    _, err = proc.communicate(timeout=600)
    data = path.read_bytes()
    return {"bytes": info.st_size, "appended_after_s": round(read_after, 3),
            "run_s": round(time.monotonic() - started, 2), "exit": proc.returncode,
            "line_kept": data.endswith(appended.encode()), "reported": err.strip(),
            "fixed_anyway": b"  " not in data}


def suite(folder: Path, rounds: int, seed_value: int = 19, jobs: tuple[int, ...] = (1, 2),
          count: int = 40, watched: int = 16) -> Figures:
    rng = random.Random(seed_value)
    figures = Figures()
    for number in range(rounds):
        for job_count in jobs:
            injected_round(folder / f"injected-{number}-{job_count}", rng, job_count, figures)
            concurrent_round(folder / f"concurrent-{number}-{job_count}", rng, job_count, figures,
                             count, watched)
    return figures


def report(figures: Figures) -> str:
    faults = ", ".join(f"{kind} {count}" for kind, count in sorted(figures.faults.items()))
    operations = ", ".join(f"{kind} {count}" for kind, count in sorted(figures.writer_operations.items()))
    return (f"runs: {figures.runs}\nfiles: {figures.files} ({figures.files_under_writers} under concurrent "
            f"writers)\nwriter operations: {operations}\nfaults injected: {faults}\n"
            f"fixes written: {figures.fixed}; "
            f"skipped as changed while being fixed: {figures.skipped_changed}\n"
            f"writes through a descriptor opened before the fix's rename and written after it: "
            f"{figures.window_hits} ({figures.window_bytes} bytes of them not put back)\n"
            f"bytes lost to a fix of stale bytes: {figures.bytes_lost}\n"
            f"invariant failures: {len(figures.failures)}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--files", type=int, default=40, help="files per concurrent round")
    parser.add_argument("--watched", type=int, default=16, help="of them, changed by the writers")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--keep", metavar="FOLDER", help="work here and keep the files")
    args = parser.parse_args()
    import tempfile

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lint-news-faults-"))
    started = time.monotonic()
    try:
        figures = suite(folder, args.rounds, args.seed, count=args.files, watched=args.watched)
        found = repro(folder / "repro")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(report(figures) + f"seconds: {time.monotonic() - started:.1f}")
    print("repro (5 MB seed, a line appended during --fix): " + json.dumps(found, ensure_ascii=False))
    reported = "changed while being fixed" in str(found["reported"])
    if not (found["line_kept"] and found["exit"] == 1 and reported):
        figures.failures.append("repro: the appended line was lost or not reported")
    for failure in figures.failures[:50]:
        print("FAIL", failure)
    if args.json:
        Path(args.json).write_text(json.dumps({**figures.as_json(), "repro": found}, indent=2,
                                              ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if figures.failures or figures.bytes_lost else 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
