"""Where ``lint-news report -o FILE`` writes: a regular file is replaced whole, a symbolic link
is written through, and a FIFO or a descriptor link is written to, never replaced by a file.

Only files, links and FIFOs made in ``tmp_path`` are written (and one ``/proc/self/fd`` link
to such a file): a bug here would replace whatever ``-o`` names.
"""

from __future__ import annotations

import io
import os
import stat
import threading
from pathlib import Path

import pytest

from lint_news.app.cli import main
from lint_news.app.corpus.command import write_report

pytest.importorskip("plotly")

ARTICLE = ("Hà Nội mở thêm tuyến buýt\n\nNgày 12/03/2024\n\nSở Giao thông cho biết PetroVietnam và "
           "GovTech sẽ hỗ trợ hệ thống vé điện tử trên iPhone từ tháng tới.\n")
PAGE = "<!DOCTYPE html>\n<p>Báo cáo: 3 tệp, 0 cụm trùng lặp.</p>\n".encode()

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _report(tmp_path: Path, output: Path | str) -> tuple[int, str, str]:
    article = tmp_path / "corpus" / "tin.txt"
    article.parent.mkdir(exist_ok=True)
    article.write_text(ARTICLE, "utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = main(["report", "--isolated", "--no-cache", "--no-duplicates", str(article.parent),
                   "-o", str(output)], out, err)
    return status, out.getvalue(), err.getvalue()


def _leftovers(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(".lint-news")]


def test_a_symbolic_link_is_written_through_to_its_file(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old report\n", "utf-8")
    link = tmp_path / "link.html"
    link.symlink_to("real.html")
    status, out, err = _report(tmp_path, link)
    assert status == 0, err
    assert link.is_symlink() and os.readlink(link) == "real.html"
    assert real.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert f"Wrote {link}" in out
    assert _leftovers(tmp_path) == []


def test_a_dangling_link_creates_its_file_in_an_existing_folder(tmp_path: Path) -> None:
    link = tmp_path / "link.html"
    link.symlink_to("later.html")
    write_report(str(link), PAGE)
    assert link.is_symlink() and (tmp_path / "later.html").read_bytes() == PAGE


def test_a_regular_file_is_replaced_whole_keeping_its_mode(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text("old report\n", "utf-8")
    page.chmod(0o640)
    before = page.stat().st_ino
    assert write_report(str(page), PAGE) is False
    assert page.read_bytes() == PAGE
    assert page.stat().st_ino != before  # renamed into place, not rewritten in place
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_new_path_gets_its_folders(tmp_path: Path) -> None:
    status, _, err = _report(tmp_path, tmp_path / "out" / "year" / "report.html")
    assert status == 0, err
    assert (tmp_path / "out" / "year" / "report.html").read_text("utf-8").startswith("<!DOCTYPE html>")


@needs_fifo
def test_a_fifo_gets_the_report_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    same_pipe = tmp_path / "same-pipe"
    os.link(fifo, same_pipe)  # reaches the pipe even if the name were replaced by a file
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(same_pipe.read_bytes()), daemon=True)
    reader.start()
    status, out, err = _report(tmp_path, fifo)
    reader.join(timeout=30)
    if reader.is_alive():  # never written to: give the reader its end of file
        os.close(os.open(same_pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
    assert status == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len(received) == 1 and received[0].startswith(b"<!DOCTYPE html>")
    assert received[0].rstrip().endswith(b"</html>")
    assert f"Wrote {fifo}" in out
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc descriptor links")
def test_a_descriptor_link_appends_to_the_open_file(tmp_path: Path) -> None:
    """``-o /dev/stdout >> log``: the log the shell opened keeps its inode and its lines."""
    log = tmp_path / "log.txt"
    log.write_text("earlier line\n", "utf-8")
    before = log.stat().st_ino
    with open(log, "ab") as held:
        status, out, err = _report(tmp_path, f"/proc/self/fd/{held.fileno()}")
    assert status == 0, err
    assert log.stat().st_ino == before
    text = log.read_text("utf-8")
    assert text.startswith("earlier line\n<!DOCTYPE html>")
    assert out == "" and "Wrote /proc/self/fd/" in err  # not written into (or over) the page


def test_a_link_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.html"
    link.symlink_to("gone/report.html")
    status, out, err = _report(tmp_path, link)
    assert status == 2
    assert f"lint-news report: error: -o: cannot write {link}: symbolic link to" in err
    assert "in a missing folder" in err and out == ""
    assert not (tmp_path / "gone").exists() and link.is_symlink()


def test_a_path_below_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("not a folder\n", "utf-8")
    status, out, err = _report(tmp_path, tmp_path / "plain" / "report.html")
    assert status == 2 and out == ""
    assert err.startswith("lint-news report: error: -o: cannot write ") and "Not a directory" in err


def test_a_folder_is_not_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    status, _, err = _report(tmp_path, folder)
    assert status == 2 and "Is a directory" in err
    assert folder.is_dir() and os.listdir(folder) == []
