"""The rule folder is listed without ``Path.glob`` (start-up): the same names, in the same order."""

from __future__ import annotations

from pathlib import Path

from lint_news.config.rules import _yaml_names


def test_same_names_and_order_as_the_glob(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yaml", ".hidden.yaml", ".yaml", "Z.yaml", "c.yml", "d.yaml.bak",
                 "e.YAML", "f.yaml~", "ä.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    expected = [path.name for path in sorted(tmp_path.glob("*.yaml"))]
    assert _yaml_names(tmp_path) == expected
    assert "c.yml" not in expected and ".hidden.yaml" in expected


def test_an_empty_folder(tmp_path: Path) -> None:
    assert _yaml_names(tmp_path) == [] == list(tmp_path.glob("*.yaml"))
