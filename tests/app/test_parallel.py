"""--jobs: same report as one process, in input order, bounded work in flight; progress bar."""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from lint_news.app import parallel, progress
from lint_news.app.cli import main
from lint_news.app.parallel import RunOptions
from lint_news.config import load_config
from lint_news.engine.runner import FileResult

from ..conftest import run

CONFIG = "select: [whitespace]\n"
DIRTY = "Title line\n\nA body  line with a double space and a trailing space \n"
CLEAN = "Title line\n\nA clean body line.\n"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    (tmp_path / ".lint-news.yaml").write_text(CONFIG, encoding="utf-8")
    for folder in ("a", "b", "c"):
        for index in range(12):
            path = tmp_path / "corpus" / folder / f"{index:03d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(DIRTY if index % 3 else CLEAN, encoding="utf-8")
    return tmp_path / "corpus"


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "github", "sarif"])
def test_two_jobs_print_exactly_what_one_prints(corpus: Path, fmt: str) -> None:
    one = run("--no-cache", "-j", "1", "--output-format", fmt, "corpus")
    two = run("--no-cache", "-j", "2", "--output-format", fmt, "corpus")
    assert one == two
    assert one[0] == 1


def test_output_follows_input_order(corpus: Path) -> None:
    _, out, _ = run("--no-cache", "-j", "2", "--output-format", "json", "corpus/c", "corpus/a")
    names = [item["filename"] for item in json.loads(out)]
    expected = sorted(n for n in names if n.startswith("corpus/c")) + sorted(
        n for n in names if n.startswith("corpus/a"))
    assert names == expected


def test_fix_with_two_jobs_matches_one_job(corpus: Path, tmp_path: Path) -> None:
    code, _, err = run("--no-cache", "-j", "2", "--fix", "corpus")
    assert code == 1
    assert err.count("Fixing ") == 24
    fixed = {p.read_text(encoding="utf-8") for p in corpus.rglob("*.txt")}
    assert fixed == {CLEAN, "Title line\n\nA body line with a double space and a trailing space\n"}
    assert run("--no-cache", "-j", "2", "corpus")[0] == 0


def test_diff_with_two_jobs(corpus: Path) -> None:
    one = run("--no-cache", "-j", "1", "--diff", "corpus")
    two = run("--no-cache", "-j", "2", "--diff", "corpus")
    assert one == two
    assert two[1].count("+++ b/corpus/") == 24
    assert all(p.read_text(encoding="utf-8") in (DIRTY, CLEAN) for p in corpus.rglob("*.txt"))


def test_default_jobs_one_process_for_a_handful(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> Iterator[object]:
        raise AssertionError("a pool was started for a handful of files")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    files = [str(p) for p in sorted(corpus.rglob("*.txt"))][: parallel.SMALL_RUN]
    assert run("--no-cache", *files)[0] == 1
    with pytest.raises(AssertionError, match="pool"):
        run("--no-cache", "-j", "2", *files)


def test_default_jobs_all_cores_for_many(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = parallel._pooled

    def spy(items, config, options, cache, jobs):  # type: ignore[no-untyped-def]
        seen.append(jobs)
        return real(items, config, options, cache, jobs)

    monkeypatch.setattr(parallel, "_pooled", spy)
    monkeypatch.setattr(parallel, "available_cores", lambda: 3)
    assert run("--no-cache", "corpus")[0] == 1
    assert seen == [3]


def test_stdin_with_jobs(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(DIRTY.encode())))
    code, out, _ = run("-j", "2", "--output-format", "concise", "-")
    assert code == 1
    assert out.startswith("-:3:")


def test_chunks_shrink_at_the_end_so_workers_finish_together(tmp_path: Path) -> None:
    """Full chunks while the paths go on; the last ones smaller and smaller, down to one file,
    every path once and in order; the byte limit still cuts a chunk of large files."""
    size = parallel._CHUNK_FILES
    items = [f"-missing-{index}" for index in range(10 * size + 5)]
    chunks = list(parallel._chunks(iter(items), jobs=2))
    assert [item for chunk in chunks for item in chunk] == items
    lengths = [len(chunk) for chunk in chunks]
    assert lengths[:6] == [size] * 6  # 64 paths read ahead: the end is not seen before
    assert lengths[-1] == 1 and lengths == sorted(lengths, reverse=True)
    assert max(lengths[-4:]) <= 2
    assert [len(chunk) for chunk in parallel._chunks(iter(items[:3]), jobs=2)] == [1, 1, 1]
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (parallel._CHUNK_BYTES // 2))
    assert [len(chunk) for chunk in parallel._chunks(iter([str(big)] * 40), jobs=1)][:3] == [2, 2, 2]


def test_work_in_flight_is_bounded(tmp_path: Path) -> None:
    """The pool never pulls the whole input ahead of the consumer (flat memory)."""
    config = load_config(isolated=True, select=["whitespace"])
    path = tmp_path / "a.txt"
    path.write_text(DIRTY, encoding="utf-8")
    pulled = 0

    def items() -> Iterator[str]:
        nonlocal pulled
        for _ in range(100_000):
            pulled += 1
            yield str(path)

    stream = parallel.run(items(), config, RunOptions(), jobs=2)
    first = next(stream)
    assert isinstance(first, FileResult) and first.findings
    # the window of chunks in flight, the chunk being filled, and the paths read ahead
    assert pulled <= (2 * parallel._IN_FLIGHT_PER_JOB + 1 + 2 * 2) * parallel._CHUNK_FILES
    stream.close()  # type: ignore[attr-defined]


def test_the_parent_lints_a_share_and_the_workers_the_rest(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """-j 2: one worker process, and this process lints chunks too (not only the first file);
    every file once, the outcomes in input order."""
    import os

    config = load_config(isolated=True, select=["whitespace"])
    paths = []
    for index in range(200):
        path = tmp_path / f"{index:03d}.txt"
        path.write_text(DIRTY, encoding="utf-8")
        paths.append(str(path))
    record = tmp_path / "linted-by"
    record.mkdir()
    real = parallel.process_path

    def process_path(path: str, *args: object, **kwargs: object) -> FileResult:
        with open(record / str(os.getpid()), "a", encoding="utf-8") as handle:
            handle.write(path + "\n")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "process_path", process_path)
    outcomes = list(parallel.run(paths, config, RunOptions(), jobs=2))
    assert [outcome.path for outcome in outcomes] == paths  # type: ignore[union-attr]
    linted = {file.name: file.read_text(encoding="utf-8").split() for file in record.iterdir()}
    here = linted.pop(str(os.getpid()))
    (there,) = linted.values()
    assert sorted(here + there) == paths  # each file once, in one of the two processes
    assert len(here) > parallel._CHUNK_FILES and len(there) > parallel._CHUNK_FILES  # here: not only one


def test_outcome_is_findings_sized(tmp_path: Path) -> None:
    """What comes back from a worker does not carry the text of a large file."""
    config = load_config(isolated=True, select=["whitespace"])
    path = tmp_path / "big.txt"
    body = "A clean line of body text.\n" * 40_000
    path.write_text("Title\n\n" + body + "A  run.\nend \n", encoding="utf-8")
    outcome = parallel.process_path(str(path), config, RunOptions())
    assert len(outcome.findings) == 2
    assert path.stat().st_size > 1_000_000
    assert len(pickle.dumps(outcome)) < 5_000
    assert outcome.view is not None
    assert outcome.view.position(outcome.findings[0].start) == (40_003, 2)



def test_outcome_crosses_the_pipe_as_plain_data(tmp_path: Path) -> None:
    """A worker's outcome goes back as plain data and comes out the same: findings (fixes
    included), positions, lines and spans; what is not a plain outcome goes as it is."""
    config = load_config(isolated=True, select=["whitespace"])
    path = tmp_path / "a.txt"
    path.write_text(DIRTY + "Another  line \n", encoding="utf-8")
    outcome = parallel.process_path(str(path), config, RunOptions())
    assert len(outcome.findings) >= 3 and any(f.fix is not None for f in outcome.findings)
    wire = parallel._to_wire(outcome)
    assert type(wire) is tuple
    assert b"lint_news" not in pickle.dumps(wire)  # no object pickled by its class
    back = parallel._from_wire(pickle.loads(pickle.dumps(wire)))
    assert back.path == outcome.path and back.size == outcome.size
    assert back.findings == outcome.findings
    assert back.view is not None and outcome.view is not None
    assert back.view.state() == outcome.view.state()
    written = FileResult(str(path), written=True, changed=True)
    assert parallel._to_wire(written) is written
    assert parallel._to_wire("-") == "-"


def test_a_second_chunk_waits_only_when_its_message_is_small(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Two chunks queued per worker only with messages no socket buffer can refuse; long
    paths go one chunk at a time (the small-pipes test shows the hang otherwise)."""
    config = load_config(isolated=True, select=["whitespace"])
    sent: list[tuple[int, int]] = []  # (queued before, bytes)
    real_start = parallel._start_workers

    class Spy:
        def __init__(self, worker: parallel._Worker) -> None:
            self.conn, self.queued = worker.conn, worker.queued

        def __getattr__(self, name: str) -> object:
            return getattr(self.conn, name)

        def send_bytes(self, data: bytes) -> None:
            sent.append((len(self.queued), len(data)))
            self.conn.send_bytes(data)

    def start(*args: object) -> list[parallel._Worker]:
        workers = real_start(*args)  # type: ignore[arg-type]
        for worker in workers:
            worker.conn = Spy(worker)  # type: ignore[assignment]
        return workers

    monkeypatch.setattr(parallel, "_start_workers", start)
    short = tmp_path / "s"
    long = tmp_path / ("d" * 200) / ("e" * 200)
    for folder in (short, long):
        folder.mkdir(parents=True)
        for index in range(80):
            (folder / f"{index:03d}{'n' * (150 if folder is long else 0)}.txt").write_text(DIRTY)
    for folder in (short, long):
        sent.clear()
        paths = sorted(str(p) for p in folder.iterdir())
        outcomes = list(parallel.run(paths, config, RunOptions(), jobs=2))
        assert [o.path for o in outcomes] == paths  # type: ignore[union-attr]
        assert sent and all(size <= parallel._SMALL_MESSAGE for queued, size in sent if queued)
        if folder is long:  # full chunks of long paths are too large to queue (the last, short ones are not)
            assert any(size > parallel._SMALL_MESSAGE for _, size in sent)
            assert all(queued == 0 for queued, size in sent if size > parallel._SMALL_MESSAGE)
        else:
            assert any(queued for queued, _ in sent)

# ----- progress bar ------------------------------------------------------------------------------
class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_outside_ci() -> None:
    assert not progress.wanted(io.StringIO(), {})
    assert progress.wanted(_Tty(), {})
    assert not progress.wanted(_Tty(), {"CI": "true"})
    assert not progress.wanted(_Tty(), {"TERM": "dumb"})


def test_progress_waits_a_second_then_shows_files_rate_and_eta() -> None:
    now = [0.0]
    stream = _Tty()
    bar = progress.Progress(stream, total_files=10, clock=lambda: now[0])
    for _ in range(3):
        now[0] += 0.2
        bar.advance(1_000_000)
    assert stream.getvalue() == ""  # under a second: nothing drawn
    now[0] = 2.0
    bar.advance(1_000_000)
    line = stream.getvalue()
    assert "4/10 files" in line and "2.0 MB/s" in line and "ETA 0:03" in line
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_no_progress_bar_in_pipes_or_json(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    err = _Tty()
    monkeypatch.setattr(progress, "DELAY", 0.0)
    code = main(["--no-cache", "--output-format", "json", "corpus"], stdout=io.StringIO(), stderr=err)
    assert code == 1
    assert "files" not in err.getvalue()
    code = main(["--no-cache", "corpus"], stdout=io.StringIO(), stderr=io.StringIO())
    assert code == 1


def test_progress_bar_on_a_terminal(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    err = _Tty()
    out = io.StringIO()
    assert main(["--no-cache", "-q", "--exit-zero", "corpus"], stdout=out, stderr=err) == 0
    assert err.getvalue() == ""  # --quiet: no bar
    assert main(["--no-cache", "--exit-zero", "corpus"], stdout=out, stderr=err) == 0
    assert "/36 files" in err.getvalue()
    assert err.getvalue().endswith("\r\x1b[K")  # erased at the end


SMALL_PIPES = """
import os, socket, sys
from lint_news.app import parallel
from lint_news.app.cli import main

real = parallel._context


class SmallPipes:
    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def Pipe(self, duplex=True):
        ends = self.inner.Pipe(duplex)
        for end in ends:
            sock = socket.socket(fileno=os.dup(end.fileno()))
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
            sock.close()
        return ends


parallel._context = lambda: SmallPipes(real())
sys.exit(main(["--no-cache", "-j", "2", "--output-format", "json", "corpus"], stdout=open(os.devnull, "w")))
"""


def test_small_pipe_buffers_do_not_hang_the_run(tmp_path: Path) -> None:
    """macOS's socket buffers are 8 KB: a chunk of long paths and large results must still
    flow both ways. The kernel's smallest buffers stand in for them here; with two chunks
    queued per worker this run hung."""
    import subprocess
    import sys

    deep = tmp_path / "corpus" / ("d" * 120) / ("e" * 120) / ("f" * 120)
    deep.mkdir(parents=True)
    (tmp_path / ".lint-news.yaml").write_text(CONFIG, encoding="utf-8")
    body = "Title line\n\n" + "A body  line with  double spaces and a trailing space \n" * 60
    for index in range(120):
        (deep / f"{index:04d}-{'n' * 200}.txt").write_text(body, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", SMALL_PIPES], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1, done.stderr[-2000:]


def test_the_parent_objects_are_frozen_for_the_fork_only(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers start with the parent's objects frozen (their collections skip them); the
    parent's own collections see them again afterwards."""
    import gc

    config = load_config(isolated=True, select=["whitespace"])
    for index in range(40):
        (tmp_path / f"{index:03d}.txt").write_text(DIRTY, encoding="utf-8")
    frozen: list[int] = []
    real = parallel._context

    class Spy:
        def __init__(self, inner: object) -> None:
            self.inner = inner

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

        def Process(self, *args: object, **kwargs: object) -> object:
            frozen.append(gc.get_freeze_count())
            return self.inner.Process(*args, **kwargs)  # type: ignore[attr-defined]

    monkeypatch.setattr(parallel, "_context", lambda: Spy(real()))
    paths = sorted(str(p) for p in tmp_path.iterdir())
    assert len(list(parallel.run(paths, config, RunOptions(), jobs=2))) == 40
    assert len(frozen) == 1 and all(count > 1000 for count in frozen)  # -j 2: one worker and this process
    assert gc.get_freeze_count() == 0


def test_workers_collect_garbage_even_when_the_parent_paused_the_collector(tmp_path: Path) -> None:
    """``cli.main`` pauses the cyclic collector until the first outcome, which now comes after
    the fork: a worker turns it back on (its cycles must not pile up over a corpus)."""
    import subprocess
    import sys

    for index in range(40):
        (tmp_path / f"{index:03d}.txt").write_text(DIRTY, encoding="utf-8")
    script = (
        "import gc, os, sys\n"
        "from lint_news.app import parallel\n"
        "from lint_news.app.parallel import RunOptions\n"
        "from lint_news.config import load_config\n"
        "real, parent = parallel.process_path, os.getpid()\n"
        "def process_path(path, *args, **kwargs):\n"
        "    if os.getpid() != parent and not gc.isenabled():\n"
        "        raise RuntimeError('collector off in a worker')\n"
        "    return real(path, *args, **kwargs)\n"
        "parallel.process_path = process_path\n"
        "gc.disable()\n"
        "paths = sorted(os.path.join(sys.argv[1], name) for name in os.listdir(sys.argv[1]))\n"
        "config = load_config(isolated=True, select=['whitespace'])\n"
        "print(len(list(parallel.run(paths, config, RunOptions(), jobs=2))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "40", done.stderr[-2000:]


SLOW_FIRST_CHUNK = """
import sys, time
from lint_news.app import parallel
from lint_news.app.parallel import RunOptions
from lint_news.config import load_config

real = parallel.process_path
paths = sys.argv[1:]


def process_path(path, *args, **kwargs):
    if path == paths[1]:  # the first file of the first chunk a worker gets
        time.sleep(3)
    return real(path, *args, **kwargs)


parallel.process_path = process_path
parallel._QUEUED_PER_WORKER = 1  # the slow worker holds its one chunk, the other races ahead
config = load_config(isolated=True, select=["whitespace"])
print(len(list(parallel.run(paths, config, RunOptions(), jobs=2))))
"""


def test_a_slow_chunk_that_holds_back_the_window_does_not_hang_the_run(tmp_path: Path) -> None:
    """One worker stuck on a chunk while the other fills the window of chunks in flight:
    when the slow chunk comes back, every chunk is yielded and no worker has work; the pool
    must send more rather than wait for results that will never come (this run hung)."""
    import subprocess
    import sys

    paths = []
    for index in range(300):
        path = tmp_path / f"{index:04d}.txt"
        path.write_text(DIRTY, encoding="utf-8")
        paths.append(str(path))
    done = subprocess.run([sys.executable, "-c", SLOW_FIRST_CHUNK, *paths], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "300", done.stderr[-2000:]
