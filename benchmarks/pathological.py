"""Pathological inputs must cost time linear in their size (issue 9, "never hang").

Each case is generated at two sizes (the second ``FACTOR`` times the first), linted and fixed
in-process with every enabled rule (or ``--select``), and the ratio of the two timings is
reported next to the size ratio (CPU seconds of this process, which a busy machine does not
inflate as it does wall time): linear behaviour gives a time ratio close to the size
ratio; a quadratic one gives its square. The run exits 1 if any ratio exceeds
``--max-ratio`` (default: twice the size ratio) or any run raised.

Usage::

    python benchmarks/pathological.py                 # full sizes: a 50 MB single line, ...
    python benchmarks/pathological.py --scale 0.01    # quick
    python benchmarks/pathological.py --select ALL --json out.json

The test suite imports ``CASES`` and ``measure`` to check the same property at small sizes
(``tests/app/test_trust_pathological.py``). Other benchmarks in this folder belong to issue 8.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lint_news.config import Config, load_config
from lint_news.engine.runner import process_bytes

FACTOR = 2
PARAGRAPH = (
    "Hà Nội (VNA) – The State Bank of Vietnam kept its policy rate unchanged on Monday, "
    "saying inflation remained within the target set by the National Assembly for 2024.\n"
)


def single_line(size: int) -> bytes:
    """One line of ``size`` bytes: words, a few double spaces, no newline at all."""
    unit = "word  and the market rose sharply, "
    return (unit * (size // len(unit) + 1)).encode("utf-8")[:size]


def blank_lines(size: int) -> bytes:
    """A title, then ``size`` blank lines (and a body line at the end)."""
    return b"Title\n" + b"\n" * size + PARAGRAPH.encode("utf-8")


def repeated_blocks(size: int) -> bytes:
    """``size`` copies of one paragraph block, separated by blank lines."""
    return b"Title\n\n" + (PARAGRAPH.encode("utf-8") + b"\n") * size


def near_repeated_blocks(size: int) -> bytes:
    """``size`` paragraph blocks that differ in one number: near-duplicates."""
    return b"Title\n\n" + b"".join(
        PARAGRAPH.replace("2024", str(1000 + index % 9000)).encode("utf-8") + b"\n" for index in range(size)
    )


def many_findings(size: int) -> bytes:
    """``size`` lines each with trailing whitespace and a tab: a fixable finding per line."""
    return b"Title\n\n" + b"Some\ttext with trailing spaces   \n" * size


def mixed_line_endings(size: int) -> bytes:
    """``size`` short lines cycling through LF, CRLF and lone CR."""
    endings = (b"\n", b"\r\n", b"\r")
    return b"Title\n\n" + b"".join(b"line of text" + endings[i % 3] for i in range(size))


def giant_token(size: int) -> bytes:
    """One "word" of ``size`` letters and no space: what run-together once split at every
    cut, each cut slicing the whole token (a minified blob in a scraped page)."""
    return b"Title\n\n" + PARAGRAPH.encode("utf-8") + b"x" * size + b"\n"


def hex_line(size: int) -> bytes:
    """A line of ``size`` random hexadecimal digits (a dumped hash or key): seo-spam once
    searched a pattern over the whole line before each chance keyword in it ("de99")."""
    digits = random.Random(size).randbytes(size // 2).hex().encode()
    return b"Title\n\n" + PARAGRAPH.encode("utf-8") + digits + b"\n"


def base64_image(size: int) -> bytes:
    """An article holding an inline image of ``size`` base64 characters, as scraped pages do
    (``data:image/png;base64,...``): thousands of random mixed-case tokens, each a question
    run-together once answered by searching the whole text."""
    data = base64.b64encode(random.Random(size).randbytes(size * 3 // 4))
    return b"Title\n\n" + PARAGRAPH.encode("utf-8") + b'<img src="data:image/png;base64,' + data + b'">\n'


def keyword_stuffing(size: int) -> bytes:
    """A line stuffed with ``size`` glued betting keywords, as SEO-spam injection writes them:
    seo-spam once compared every keyword of the line with every other, and read the rest of
    the line again for each."""
    return b"Title\n\n" + PARAGRAPH.encode("utf-8") + "Tin mới,fb88 ".encode() * size + b"\n"


# name -> (generator, full size of the smaller run, unit)
CASES: dict[str, tuple[Callable[[int], bytes], int, str]] = {
    "single-line": (single_line, 25_000_000, "bytes"),
    "blank-lines": (blank_lines, 500_000, "lines"),
    "repeated-blocks": (repeated_blocks, 5_000, "blocks"),
    "near-repeated-blocks": (near_repeated_blocks, 5_000, "blocks"),
    "many-findings": (many_findings, 100_000, "lines"),
    "mixed-line-endings": (mixed_line_endings, 500_000, "lines"),
    "giant-token": (giant_token, 5_000_000, "bytes"),
    "hex-line": (hex_line, 2_000_000, "bytes"),
    "base64-image": (base64_image, 2_000_000, "bytes"),
    "keyword-stuffing": (keyword_stuffing, 50_000, "keywords"),
}


def measure(raw: bytes, config: Config, fix: bool, repeat: int = 1,
            clock: Callable[[], float] = time.process_time) -> float:
    """Best time of ``repeat`` runs of lint (or fix) over ``raw``: CPU time of this process by
    default, so that other work on the machine does not distort the ratios."""
    best = float("inf")
    for _ in range(repeat):
        started = clock()
        result = process_bytes(raw, "pathological.txt", config, fix=fix, unsafe=fix)
        best = min(best, clock() - started)
        crashes = [p.message for p in result.problems if "internal error" in p.message]
        if crashes:
            raise RuntimeError(crashes[0])
    return best


def run_case(name: str, config: Config, scale: float, fix: bool, repeat: int = 1) -> dict[str, float]:
    make, full, _ = CASES[name]
    small = max(int(full * scale), 10)
    first = make(small)
    second = make(small * FACTOR)
    t1 = measure(first, config, fix, repeat)
    t2 = measure(second, config, fix, repeat)
    return {"size": small, "bytes": len(second), "t_small": t1, "t_large": t2,
            "ratio": t2 / t1 if t1 > 0 else float("inf")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (default 1)")
    parser.add_argument("--select", default=None, help="comma-separated rules (default: the enabled ones)")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only these cases")
    parser.add_argument("--max-ratio", type=float, default=2.0 * FACTOR,
                        help="fail when a time ratio exceeds this (default 2x the size ratio)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per size")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    select = [part for part in args.select.split(",") if part] if args.select else None
    config = load_config(isolated=True, select=select)
    config = _no_size_limit(config)
    print(f"rules: {', '.join(rule.id for rule in config.rules)}")
    print(f"{'case':<22} {'mode':<5} {'size':>12} {'largest':>12} {'t(n)':>9} {'t(' + str(FACTOR) + 'n)':>9}"
          f" {'ratio':>6}")
    results: dict[str, dict[str, dict[str, float]]] = {}
    worst = 0.0
    failed = False
    for name in args.case or list(CASES):
        unit = CASES[name][2]
        results[name] = {}
        for mode in ("lint", "fix"):
            try:
                row = run_case(name, config, args.scale, mode == "fix", args.repeat)
            except Exception as exc:  # report and go on: one bad case must not hide the rest
                print(f"{name:<22} {mode:<5} FAILED: {type(exc).__name__}: {exc}")
                failed = True
                continue
            results[name][mode] = row
            worst = max(worst, row["ratio"])
            flag = "  <-- super-linear" if row["ratio"] > args.max_ratio else ""
            failed = failed or bool(flag)
            print(f"{name:<22} {mode:<5} {int(row['size']):>9,} {unit:<2.2} {row['bytes'] / 1e6:>9.1f} MB"
                  f" {row['t_small']:>8.2f}s {row['t_large']:>8.2f}s {row['ratio']:>6.2f}{flag}")
    print(f"worst time ratio {worst:.2f} for a size ratio of {FACTOR} (limit {args.max_ratio:g})")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


def _no_size_limit(config: Config) -> Config:
    from lint_news.config.model import replace

    return replace(config, max_file_size=10**12)


if __name__ == "__main__":
    raise SystemExit(main())
