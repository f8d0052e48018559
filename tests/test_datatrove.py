"""The datatrove step, run for real with ``LocalPipelineExecutor(tasks=2)`` (forkserver workers)."""

from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.executor.local import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from lint_news import fix_text, lint_text, load_config
from lint_news.integrations.datatrove import LintNews, documents

RAW_SEEDS = Path(__file__).resolve().parent / "fixtures" / "raw-seeds"
DIRTY = "Title line\n\nA body  line with a double space and a trailing space \n"
CLEAN = "Title line\n\nA clean body line.\n"


def write_corpus(folder: Path) -> dict[str, str]:
    """Two input files (one per task): the raw seeds plus small clean and dirty texts."""
    texts = {f"seed-{p.stem}": p.read_text(encoding="utf-8") for p in sorted(RAW_SEEDS.glob("*.txt"))}
    texts.update({"clean-1": CLEAN, "dirty-1": DIRTY, "clean-2": CLEAN, "dirty-2": DIRTY})
    folder.mkdir(parents=True)
    items = sorted(texts.items())
    for index in range(2):
        with gzip.open(folder / f"part-{index}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for identifier, text in items[index::2]:
                handle.write(json.dumps({"id": identifier, "text": text}) + "\n")
    return texts


def read_output(folder: Path) -> dict[str, dict[str, object]]:
    docs = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                docs[item["id"]] = item
    return docs


def run_pipeline(tmp_path: Path, step: LintNews, name: str,
                 **executor: object) -> dict[str, dict[str, object]]:
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")), step, JsonlWriter(str(tmp_path / name))],
        tasks=2,
        logging_dir=str(tmp_path / f"logs-{name}"),
        **executor,  # type: ignore[arg-type]
    ).run()
    return read_output(tmp_path / name)


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, str]:
    return write_corpus(tmp_path / "in")


def test_annotates_every_document_like_the_api(tmp_path: Path, corpus: dict[str, str]) -> None:
    config = load_config(isolated=True)
    out = run_pipeline(tmp_path, LintNews(config), "annotated")
    assert set(out) == set(corpus)
    for identifier, text in corpus.items():
        meta = out[identifier]["metadata"]["lint_news"]  # type: ignore[index]
        expected = lint_text(text, config, path=identifier)
        assert out[identifier]["text"] == text
        assert meta["finding_count"] == len(expected)
        assert [(f["rule"], f["start"], f["end"]) for f in meta["findings"]] == [
            (f.rule, f.start, f.end) for f in expected][:100]
        assert meta["fixed"] is False
    dirty = out["dirty-1"]["metadata"]["lint_news"]  # type: ignore[index]
    assert dirty["max_severity"] == max(f.severity for f in lint_text(DIRTY, config)).label
    assert {(f["line"], f["column"]) for f in dirty["findings"]} >= {(3, 7)}


def test_fix_and_drop_by_severity(tmp_path: Path, corpus: dict[str, str]) -> None:
    (tmp_path / ".lint-news.yaml").write_text("select: [whitespace]\nrules:\n  whitespace: error\n",
                                              encoding="utf-8")
    path = str(tmp_path / ".lint-news.yaml")
    fixed = run_pipeline(tmp_path, LintNews(path, fix=True), "fixed")
    config = load_config(path)
    for identifier, text in corpus.items():
        assert fixed[identifier]["text"] == fix_text(text, config)
    assert fixed["dirty-1"]["metadata"]["lint_news"]["fixed"] is True  # type: ignore[index]
    assert fixed["dirty-1"]["metadata"]["lint_news"]["finding_count"] == 0  # type: ignore[index]

    kept = run_pipeline(tmp_path, LintNews(path, drop_severity="error"), "filtered")
    assert set(kept) == {i for i, t in corpus.items() if not lint_text(t, config)}
    assert "clean-1" in kept and "dirty-1" not in kept


def test_skip_completed_tasks(tmp_path: Path, corpus: dict[str, str]) -> None:
    config = load_config(isolated=True, select=["whitespace"])
    first = run_pipeline(tmp_path, LintNews(config), "once")
    for path in (tmp_path / "once").glob("*.jsonl.gz"):
        path.unlink()
    run_pipeline(tmp_path, LintNews(config), "once")  # same logging folder: both tasks done
    assert first and not list((tmp_path / "once").glob("*.jsonl.gz"))
    again = run_pipeline(tmp_path, LintNews(config), "once", skip_completed=False)
    assert again == first


def test_step_and_config_pickle() -> None:
    step = LintNews(load_config(isolated=True), fix=True)
    assert step.process(next(documents(iter([("x", DIRTY)])))) is True
    clone = pickle.loads(pickle.dumps(step))
    assert clone._config is None and clone.config.fingerprint() == step.config.fingerprint()
    doc = next(documents(iter([("x", DIRTY)])))
    assert clone.process(doc) is True
    assert doc.text == fix_text(DIRTY, step.config)


DOCS = Path(__file__).resolve().parent.parent / "docs" / "datatrove.md"


def documented_example(heading: str) -> str:
    """The first ```python block under ``heading`` in docs/datatrove.md."""
    section = DOCS.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize("heading", ["Local", "Slurm"])
def test_documented_scripts_guard_their_main(heading: str) -> None:
    """datatrove's forkserver workers import the main script again: unguarded, each worker
    starts the pipeline anew and the parent never exits."""
    source = documented_example(heading)
    assert 'if __name__ == "__main__":' in source
    compile(source, f"{heading}.py", "exec")
    body = source.split('if __name__ == "__main__":', 1)[1]
    assert ".run()" in body and ".run()" not in source.split('if __name__ == "__main__":', 1)[0]


def test_documented_local_example_runs_as_a_script(tmp_path: Path) -> None:
    """The Local example, pasted into a script file as a user would, finishes (timeout)."""
    import subprocess
    import sys

    texts = write_corpus(tmp_path / "data" / "news")
    (tmp_path / ".lint-news.yaml").write_text("select: [whitespace]\n", encoding="utf-8")
    script = documented_example("Local").replace("tasks=8, workers=8", "tasks=2, workers=2")
    assert script != documented_example("Local"), "the test shrinks the documented task count"
    (tmp_path / "lint_local.py").write_text(script, encoding="utf-8")
    done = subprocess.run([sys.executable, "lint_local.py"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr.count("Traceback") == 0
    out = read_output(tmp_path / "data" / "news-linted")
    assert set(out) == set(texts)
    assert "  " not in str(out["dirty-1"]["text"]), "fix=True applied the safe fixes"
