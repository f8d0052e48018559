"""Make the README's screenshot of ``lint-news report`` (docs/report.png), from generated text only.

    python docs/report_demo.py     # needs lint-news[corpus] and Debian's chromium

The corpus is ``benchmarks/generate.py``'s (recombined from our own seed files), spread over
four invented sources, with a few reposted copies (a new title line) so that the duplicate
table has rows. Nothing from any evaluation set is used.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))

from generate import generate  # noqa: E402

SOURCES = ("daily-example", "morning-post", "city-wire", "river-news")


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        generated = generate(0.6, defect_rate=0.25, seed=7, out=root / "generated")
        corpus = root / "corpus"
        files = sorted(generated.rglob("*.txt"))
        for index, path in enumerate(files):
            # uneven sources: the last one is the dirtiest (fewer, with the defects doubled up)
            source = SOURCES[min(index % 7, 3)]
            (corpus / source).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, corpus / source / path.name)
        for index, path in enumerate(files[:60:10]):
            lines = path.read_text("utf-8").splitlines(keepends=True)
            lines[0] = "Reposted: " + lines[0]
            (corpus / SOURCES[(index + 1) % 4] / f"repost-{path.name}").write_text("".join(lines), "utf-8")
        page = root / "report.html"
        # the seeds' run-together words and page chrome are in every generated article: leave those
        # two rules out, so that the clean-files chart has something to show
        subprocess.run([sys.executable, "-m", "lint_news", "report", "--isolated", "--no-cache", "corpus",
                        "--ignore", "run-together,boilerplate", "-o", str(page),
                        "--title", "lint-news report: a generated demo corpus"], check=True, cwd=root)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--no-first-run",
                        f"--user-data-dir={root / 'profile'}", "--virtual-time-budget=20000",
                        "--hide-scrollbars", "--window-size=1280,2300", f"--screenshot={HERE / 'report.png'}",
                        page.as_uri()], check=True, capture_output=True)
    print(f"wrote {HERE / 'report.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
