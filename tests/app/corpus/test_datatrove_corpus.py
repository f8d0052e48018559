"""The datatrove adapter's corpus-level parts (issue 18), run on ``LocalPipelineExecutor``:
datatrove's MinHash deduplication stages with lint-news's words, and lint-news counts by rule
and source in datatrove's stats layout (merged as datatrove's ``StatsMerger`` does)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.executor.local import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from lint_news.integrations.datatrove import (
    LintNews,
    LintNewsStats,
    merged_stats,
    minhash_config,
    near_duplicate_stages,
)
from tests.app.corpus.test_dedup import BASE, OTHER

THIRD = ("Hà Nội sẽ mở thêm ba tuyến xe buýt điện trong năm nay, nối các khu đô thị mới ở phía tây "
         "với trung tâm thành phố, theo kế hoạch của sở giao thông. Mỗi tuyến dài khoảng hai mươi "
         "cây số và sẽ chạy từ năm giờ sáng đến mười một giờ đêm, với giá vé như các tuyến hiện có.")
DOCS = {
    "a": ("Schools for mountain districts\n\nMarch 1, 2024\n\n" + BASE + "\n", "https://www.example.com/a"),
    "b": ("A new title for the same story\n\nMarch 4, 2024\n\n" + BASE + "\n", "https://news.example.org/b"),
    "c": ("Electric buses\n\nMarch 1, 2024\n\n" + OTHER + "  \n", "https://www.example.com/c"),
    "d": ("Xe buýt điện cho Hà Nội\n\nNgày 2/3/2024\n\n" + THIRD + "\n", None),
}


def _write_input(folder: Path) -> None:
    folder.mkdir(parents=True)
    items = sorted(DOCS.items())
    for index in range(2):
        with gzip.open(folder / f"part-{index}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for identifier, (text, url) in items[index::2]:
                metadata = {"url": url} if url else {}
                handle.write(json.dumps({"id": identifier, "text": text, "metadata": metadata}) + "\n")


def _read(folder: Path) -> dict[str, dict[str, object]]:
    found = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                found[item["id"]] = item
    return found


def test_minhash_stages_drop_the_retitled_copy(tmp_path: Path) -> None:
    _write_input(tmp_path / "in")
    config = minhash_config(num_buckets=8, hashes_per_bucket=4)
    stages = near_duplicate_stages(JsonlReader(str(tmp_path / "in")), str(tmp_path / "work"),
                                   JsonlWriter(str(tmp_path / "kept")),
                                   exclusion_writer=JsonlWriter(str(tmp_path / "removed")), config=config)
    for number, (pipeline, tasks) in enumerate(zip(stages, (2, config.num_buckets, 1, 2), strict=True)):
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=1,
                              logging_dir=str(tmp_path / f"logs-{number}")).run()
    kept, removed = _read(tmp_path / "kept"), _read(tmp_path / "removed")
    assert sorted(kept) in (["a", "c", "d"], ["b", "c", "d"])
    assert sorted(removed) == sorted({"a", "b"} - set(kept))


def test_stats_by_rule_and_source_merge(tmp_path: Path) -> None:
    _write_input(tmp_path / "in")
    LocalPipelineExecutor(pipeline=[JsonlReader(str(tmp_path / "in")), LintNews(),
                                    LintNewsStats(str(tmp_path / "stats"))],
                          tasks=2, workers=1, logging_dir=str(tmp_path / "logs-stats")).run()
    merged = merged_stats(str(tmp_path / "stats"))

    def metric(group: str, name: str) -> dict[str, float]:
        return merged[group][name]

    assert metric("summary", "documents") == {"summary": 4}
    assert metric("source", "documents") == {"example.com": 2, "news.example.org": 1, "(unknown)": 1}
    assert metric("source", "rule_whitespace") == {"example.com": 1}
    assert metric("source", "clean_documents") == {"example.com": 1, "news.example.org": 1, "(unknown)": 1}
