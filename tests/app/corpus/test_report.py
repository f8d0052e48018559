"""``lint-news report`` (issue 18): one self-contained page, checked in a real headless browser.

Chromium (Debian's ``chromium`` package; ``.ci/run`` installs it) loads the page from a file
with every network request sent to a dead proxy, so a page that needed the network would show
errors. The test reads the DOM after load: no script error, Plotly drew three charts (its SVG
is in the DOM), and the tables hold the duplicate cluster and the worst files with links to
their findings; the screenshot is a real, non-blank PNG.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lint_news.app.cli import main

pytest.importorskip("plotly")
pytest.importorskip("datasketch")

STORY = ("The city council approved a new budget for public transport on Monday, adding twelve "
         "bus routes and extending the evening service on four tram lines, the mayor's office said. "
         "The plan also funds two hundred new shelters and a study of a second metro line, which "
         "officials expect to complete before the end of next year.")
WORST_ROWS = 4  # files with findings: two, three, four, five
OTHER = ("Farmers in the delta began the rice harvest a week early this year after a dry spring, "
         "and local cooperatives said yields were close to last season despite the heat. Exporters "
         "expect prices to stay firm while demand from regional buyers remains strong through the "
         "summer months, according to the provincial trade department.")


def make_corpus(root: Path) -> None:
    """Three invented sources with dates in two months, defects, and one duplicated story."""
    files = {
        "alpha/one.txt": f"Transport budget approved\n\nMarch 3, 2024\n\n{STORY}\n",
        "alpha/two.txt": f"Early harvest in the delta\n\nApril 9, 2024\n\n{OTHER}   \n",
        "beta/three.txt": f"Council backs more buses\n\nApril 12, 2024\n\n{STORY}  \n",
        "beta/four.txt": "Short note\n\nApril 20, 2024\n\nThe office will be closed on Friday.\t\n",
        "gamma/five.txt": f"No date here\n\n{OTHER.replace('harvest', 'harvest ')}\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser(executable: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
         "--proxy-server=127.0.0.1:9", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=20000", "--window-size=1280,2200", *args],
        capture_output=True, text=True, timeout=180)


def test_report_renders_in_a_headless_browser(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    page = tmp_path / "out" / "report.html"
    out, err = io.StringIO(), io.StringIO()
    status = main(["report", "--isolated", "--no-cache", str(corpus), "-o", str(page)], out, err)
    assert status == 0, err.getvalue()
    html = page.read_text("utf-8")
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=", html), "the page fetches something"
    assert html.count("class='cluster-row'") == 4, "two clusters of two"
    assert html.count("class='worst-row'") == WORST_ROWS
    executable = _chromium()
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does)")
    url = page.as_uri()
    dumped = _browser(executable, tmp_path / "profile", "--dump-dom", url)
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = dumped.stdout
    console = [line for line in dumped.stderr.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if re.search(r"error|uncaught", line, re.IGNORECASE)], console
    assert re.search(r"<pre id=\"js-errors\"[^>]*></pre>", dom), "a script failed"
    assert 'data-charts="3"' in dom, "Plotly did not finish drawing the three charts"
    for chart in ("chart-rules", "chart-clean", "chart-months"):
        block = dom[dom.index(f'id="{chart}"'):]
        assert "main-svg" in block[:20000], chart
    assert dom.count("class=\"trace bars\"") >= 3
    assert 'href="#file-1"' in dom and 'id="file-1"' in dom
    shot = tmp_path / "report.png"
    taken = _browser(executable, tmp_path / "profile2", f"--screenshot={shot}", url)
    assert taken.returncode == 0, taken.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
