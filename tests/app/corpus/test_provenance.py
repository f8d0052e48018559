"""Fix provenance (issue 18): the log replays exactly, line by line, whatever the fix passes."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from lint_news import __version__
from lint_news.app.cli import main
from lint_news.app.corpus.provenance import replay
from lint_news.config import load_config
from tests.conftest import RAW_SEEDS


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(argv, out, err), err.getvalue()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_log_replays_to_the_written_bytes(tmp_path: Path, jobs: str) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(RAW_SEEDS, corpus)
    before = {p.name: p.read_bytes() for p in corpus.glob("*.txt")}
    # a file with an invented defect that needs a second pass (trailing blanks, then lines)
    text = "Tiêu đề bài viết\n\nHà Nội, 2024 -  VinFast   ra mắt.   \n\n\n\n"
    (corpus / "extra.txt").write_bytes(text.encode())
    before["extra.txt"] = (corpus / "extra.txt").read_bytes()
    log = tmp_path / "lineage" / "fixes.jsonl"
    status, err = _run(
        [
            "--isolated",
            "--no-cache",
            "-q",
            "-j",
            jobs,
            "--fix",
            "--unsafe-fixes",
            "--provenance",
            str(log),
            str(corpus),
        ]
    )
    assert status == 1, err
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    changed = {p.name for p in corpus.glob("*.txt") if p.read_bytes() != before[p.name]}
    assert {Path(r["path"]).name for r in records} == changed and len(records) == len(changed)
    fingerprint = load_config(isolated=True).fingerprint()
    multi_pass = 0
    for record in records:
        name = Path(record["path"]).name
        after = (corpus / name).read_bytes()
        assert replay(before[name], record) == after
        assert record["lint_news_version"] == __version__
        assert record["config_fingerprint"] == fingerprint
        for fix in record["fixes"]:
            assert set(fix) >= {"rule", "applicability", "span", "edits", "pass"}
            assert fix["applicability"] in ("safe", "unsafe")
            for edit in fix["edits"]:
                assert set(edit) == {"start", "end", "replaced", "new"}
        multi_pass += len({fix["pass"] for fix in record["fixes"]}) > 1
    assert multi_pass, "no record exercised a second fix pass"


def test_replay_refuses_other_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Title\n\nBody text here.   \n")
    log = tmp_path / "p.jsonl"
    assert _run(["--isolated", "--no-cache", "-q", "--fix", "--provenance", str(log), str(path)])[0] == 1
    record = json.loads(log.read_text(encoding="utf-8"))
    assert replay(b"Title\n\nBody text here.   \n", record) == path.read_bytes()
    with pytest.raises(ValueError):
        replay(b"Title\n\nOther text here.   \n", record)
    # a second run changes nothing and appends nothing
    _run(["--isolated", "--no-cache", "-q", "--fix", "--provenance", str(log), str(path)])
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1


def test_provenance_needs_fix(tmp_path: Path) -> None:
    status, err = _run(["--isolated", "--provenance", str(tmp_path / "p.jsonl"), str(tmp_path)])
    assert status == 2 and "use it with --fix" in err
