"""Record what lint-news prints and writes on some folders, and compare two records.

A refactoring promises "the same findings, fixes and messages, byte for byte". This checks it:

    python benchmarks/reference.py record before.json DIR...     # with the code before
    python benchmarks/reference.py record after.json DIR...      # with the code after
    python benchmarks/reference.py compare before.json after.json

For each folder it records, with every rule selected and no configuration or cache: the JSON
and the full report (``--output-format json`` / ``full``), then the exit status, the output
and the SHA-256 of every file after ``--fix`` and after ``--fix --unsafe-fixes`` on a scratch
copy. ``--cmd`` names the command to run (default: this interpreter's ``-m lint_news``), so
the two records may come from two checkouts (``--cmd "python -m lint_news"`` with a
different ``PYTHONPATH``). The folders are read, never written.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BASE = ["--isolated", "--no-cache", "--select", "ALL", "--color", "never"]


def _run(cmd: list[str], cwd: Path, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("LINT_NEWS_OUTPUT_FORMAT", None)
    done = subprocess.run([*cmd, *BASE, *args], cwd=cwd, capture_output=True, env=env, check=False)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.txt") if p.is_file())


def _hashes(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in _files(folder)}


def record_folder(cmd: list[str], folder: Path, jobs: str) -> dict[str, Any]:
    names = _files(folder)
    out: dict[str, Any] = {"files": len(names)}
    for fmt in ("json", "full"):
        code, stdout, stderr = _run(cmd, folder, "-j", jobs, "--output-format", fmt, *names)
        if fmt == "json":
            with contextlib.suppress(ValueError):
                stdout = json.dumps(sorted(json.loads(stdout), key=json.dumps), ensure_ascii=False, indent=0)
        out[fmt] = {"exit": code, "stdout": stdout, "stderr": stderr}
    for label, extra in (("fix", ["--fix"]), ("fix-unsafe", ["--fix", "--unsafe-fixes"])):
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "copy"
            shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".lint-news-cache"))
            code, stdout, stderr = _run(cmd, copy, "-j", jobs, "--output-format", "concise", *extra, *names)
            out[label] = {"exit": code, "stdout": stdout, "stderr": stderr, "hashes": _hashes(copy)}
    return out


def record(path: Path, folders: list[Path], cmd: list[str], jobs: str) -> None:
    data = {str(folder): record_folder(cmd, folder.resolve(), jobs) for folder in folders}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"recorded {len(folders)} folder(s) in {path}")


def compare(before_path: Path, after_path: Path) -> int:
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    differences = 0
    for folder in sorted(set(before) | set(after)):
        one, two = before.get(folder), after.get(folder)
        if one is None or two is None:
            print(f"{folder}: recorded only in {'after' if one is None else 'before'}")
            differences += 1
            continue
        for part in ("json", "full", "fix", "fix-unsafe"):
            for key in ("exit", "stdout", "stderr", "hashes"):
                if key not in one[part] and key not in two[part]:
                    continue
                if one[part].get(key) != two[part].get(key):
                    differences += 1
                    print(f"{folder}: {part} {key} differs")
                    if key == "hashes":
                        changed = [n for n in one[part][key] if one[part][key][n] != two[part][key].get(n)]
                        print("   files:", ", ".join(changed[:10]), "..." if len(changed) > 10 else "")
                    else:
                        _show(str(one[part].get(key)), str(two[part].get(key)))
    print("same" if differences == 0 else f"{differences} difference(s)")
    return 0 if differences == 0 else 1


def _show(a: str, b: str) -> None:
    import difflib

    lines = list(difflib.unified_diff(a.splitlines(), b.splitlines(), "before", "after", lineterm="", n=1))
    for line in lines[:40]:
        print("   ", line[:200])
    if len(lines) > 40:
        print(f"    ... {len(lines) - 40} more lines")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("output", type=Path)
    rec.add_argument("folders", type=Path, nargs="+")
    rec.add_argument("--cmd", default=f"{shlex.quote(sys.executable)} -m lint_news")
    rec.add_argument("--jobs", default="2")
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "record":
        record(args.output, args.folders, shlex.split(args.cmd), args.jobs)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
