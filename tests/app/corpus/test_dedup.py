"""Near-duplicate clusters (issue 18): exact on a corpus built at test time.

The corpus is the dev set's documents (read from ``../shared/dev-eval/set/docs``, never copied
into the repository) plus copies made here: an identical copy in another folder, a copy with
a new title and a later date line, a copy wrapped in page chrome, and a longer article that
contains one. The clusters must be exactly the connected groups of an exhaustive comparison of
every pair (so LSH missed nothing and confirmed nothing wrong), and each made copy must sit in
its original's cluster, with the original kept where the rule (earliest date, then cleanest)
decides it.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from lint_news.app.cli import main
from lint_news.app.corpus.dedup import THRESHOLD, cluster_texts, similarity, words
from tests.conftest import ROOT

pytest.importorskip("datasketch")
pytest.importorskip("rapidfuzz")


def _dev_docs() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent):  # a clone beside ../shared, or a worktree below it
        docs = base / "shared" / "dev-eval" / "set" / "docs"
        if docs.is_dir():
            return docs
    return None


NAV = "Home | World | Business | Sports | Technology\nSubscribe now  Log in\n"
FOOTER = (
    "\nShare this article on Facebook  Twitter  Email\n"
    "Related: More stories from our newsroom this week\n"
    "© 2025 The Daily Example. All rights reserved. Terms of use | Privacy policy\n"
)
EXTRA = (
    "\nEditor's note: this story was updated with comments from the ministry, which said on "
    "Tuesday that a full review of the programme would be published before the end of the "
    "year and that the findings would be shared with the provinces concerned.\n"
)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def _components(texts: dict[str, str]) -> set[frozenset[str]]:
    """Every pair compared exactly (rapidfuzz's cdist), grouped into connected components."""
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    names = sorted(texts)
    vocabulary: dict[str, int] = {}
    sequences = [[vocabulary.setdefault(w, len(vocabulary)) for w in words(texts[n])] for n in names]
    distances = cdist(sequences, sequences, scorer=Indel.distance, workers=-1, dtype=np.int32)
    parent = list(range(len(names)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            a, b = len(sequences[i]), len(sequences[j])
            if min(a, b) < 30:
                continue
            common = (a + b - int(distances[i, j])) // 2
            if common / min(a, b) >= THRESHOLD:
                parent[find(i)] = find(j)
    groups: dict[int, set[str]] = {}
    for i, name in enumerate(names):
        groups.setdefault(find(i), set()).add(name)
    return {frozenset(g) for g in groups.values() if len(g) > 1}


def test_clusters_are_exact_on_a_built_corpus(tmp_path: Path) -> None:
    docs = _dev_docs()
    if docs is None:
        pytest.skip("../shared/dev-eval/set/docs is not here")
    corpus = tmp_path / "corpus"
    shutil.copytree(docs, corpus)
    clean = sorted((corpus / "clean").glob("*.txt"))
    # originals for the copies: clean documents of more than 150 words in no natural cluster
    natural = _components({str(p): p.read_text("utf-8", "surrogateescape") for p in corpus.rglob("*.txt")})
    in_natural = set().union(*natural) if natural else set()
    originals = [p for p in clean if str(p) not in in_natural and len(words(p.read_text("utf-8"))) > 150]
    exact, retitled, wrapped, contained, vi = (
        originals[0],
        originals[1],
        originals[2],
        originals[3],
        next(p for p in originals[4:] if p.stem.endswith("vi")),
    )
    made = corpus / "made"
    (made / "mirror").mkdir(parents=True)
    shutil.copy(exact, made / "mirror" / exact.name)
    expected_kept: dict[str, str] = {}
    for original, name in ((retitled, "retitled.txt"), (vi, "retitled_vi.txt")):
        lines = original.read_text("utf-8").splitlines(keepends=True)
        lines[0] = "A completely different headline for the same story\n"
        lines[1] = "December 1, 2026 - 08:00\n"  # a later date line: the original is kept
        (made / name).write_text("".join(lines), "utf-8")
        expected_kept[str(made / name)] = str(original)
    (made / "wrapped.txt").write_text(NAV + wrapped.read_text("utf-8") + FOOTER, "utf-8")
    text = contained.read_text("utf-8")
    (made / "contains.txt").write_text(text.rstrip("\n") + "\n" + EXTRA, "utf-8")

    status, out, err = _run("corpus", "--isolated", "--no-cache", "--output-format", "json", str(corpus))
    assert status == 1, (out, err)
    report = json.loads(out)
    found = {frozenset(m["path"] for m in c["members"]): c for c in report["clusters"]}
    texts = {str(p): p.read_text("utf-8", "surrogateescape") for p in corpus.rglob("*.txt")}
    expected = _components(texts)
    assert set(found) == expected
    for copy, original in (
        (made / "mirror" / exact.name, exact),
        (made / "retitled.txt", retitled),
        (made / "retitled_vi.txt", vi),
        (made / "wrapped.txt", wrapped),
        (made / "contains.txt", contained),
    ):
        assert frozenset({str(copy), str(original)}) in found, copy.name
    for copy, original in expected_kept.items():
        cluster = found[frozenset({copy, original})]
        assert cluster["kept"] == original
        assert next(m["similarity"] for m in cluster["members"] if m["path"] == copy) < 1
    for cluster in report["clusters"]:
        for member in cluster["members"]:
            assert member["similarity"] >= THRESHOLD
    assert found[frozenset({str(made / "wrapped.txt"), str(wrapped)})]["kept"] == str(wrapped)
    assert found[frozenset({str(made / "contains.txt"), str(contained)})]["members"][1]["similarity"] == 1.0


BASE = (
    "The provincial people's committee approved a plan on Monday to build three new schools "
    "in mountainous districts, where thousands of children still walk more than ten kilometres "
    "to class every day, officials said. Construction will begin in the spring and the schools "
    "are due to open before the next academic year, with places for about two thousand pupils."
)
OTHER = (
    "VinFast said on Thursday it had delivered its first electric buses to a transport company "
    "in Ho Chi Minh City, part of a wider plan to replace diesel fleets in large cities by the "
    "end of the decade. The company expects to deliver another hundred buses this year and "
    "will open a new charging network along the main highways from the north to the south."
)


def test_retitled_and_dated_copies_cluster_with_the_earliest_kept() -> None:
    texts = {
        "b.txt": "A different title\n\nMarch 3, 2024\n\n" + BASE + "\n",
        "a.txt": "Schools for mountain districts\n\nMarch 1, 2024\n\n" + BASE + "\n",
        "c.txt": "Electric buses\n\nMarch 1, 2024\n\n" + OTHER + "\n",
    }
    clusters = cluster_texts(texts.items())
    assert [sorted(p for p, _ in c.members) for c in clusters] == [["a.txt", "b.txt"]]


def test_a_page_quoting_two_stories_does_not_join_them() -> None:
    texts = {"base.txt": BASE, "other.txt": OTHER, "both.txt": BASE + "\n\n" + OTHER}
    clusters = cluster_texts(texts.items(), lsh_threshold=0.3)
    for cluster in clusters:  # never base and other in one cluster unless the kept one holds both
        members = {p for p, _ in cluster.members}
        if {"base.txt", "other.txt"} <= members:
            assert cluster.kept == "both.txt"
    assert similarity(words(BASE), words(BASE + " " + OTHER)) == 1.0
    assert similarity(words(BASE), words(OTHER)) < 0.5


def test_fix_deletes_only_with_unsafe_fixes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Schools\n\nMarch 1, 2024\n\n" + BASE + "\n", "utf-8")
    (tmp_path / "b.txt").write_text("Other title\n\nMarch 9, 2024\n\n" + BASE + "\n", "utf-8")
    (tmp_path / "c.txt").write_text("Buses\n\nMarch 1, 2024\n\n" + OTHER + "\n", "utf-8")
    status, out, _ = _run("corpus", "--isolated", "--no-cache", str(tmp_path))
    assert status == 1 and "keep 1.000" in out and "b.txt" in out
    status, _, err = _run("corpus", "--isolated", "--no-cache", "--fix", str(tmp_path))
    assert status == 2 and "--unsafe-fixes" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt"]
    status, out, _ = _run("corpus", "--isolated", "--no-cache", "--fix", "--unsafe-fixes", str(tmp_path))
    assert status == 0 and "Deleted 1 duplicate file(s)" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "c.txt"]
    assert _run("corpus", "--isolated", "--no-cache", str(tmp_path))[0] == 0
