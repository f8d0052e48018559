"""Deferred imports live in one place (issue 15): a module that is worth importing late is
bound at the top of the module that uses it through ``core.lazy.lazy_module``, never
imported inside a function, where no reader (and no import-linter contract) sees it.

The one exception is an optional extra's guard: an import in a ``try`` whose ``except
ImportError`` tells the user which extra to install.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lint_news"
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield str(path.relative_to(PACKAGE.parent)), ast.parse(path.read_text(encoding="utf-8"))


def _guards_import_error(node: ast.Try) -> bool:
    """An ``except`` of this ``try`` catches ImportError (or ModuleNotFoundError)."""
    for handler in node.handlers:
        caught = handler.type
        names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        if any(isinstance(name, ast.Name) and name.id in ("ImportError", "ModuleNotFoundError")
               for name in names):
            return True
    return False


def _function_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports inside a function body that are not an optional extra's guard."""

    def visit(node: ast.AST, in_function: bool, guarded: bool) -> Iterator[ast.Import | ast.ImportFrom]:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and in_function and not guarded:
            yield node
        if isinstance(node, ast.Try) and _guards_import_error(node):
            for child in node.body:
                yield from visit(child, in_function, True)
            for part in (node.handlers, node.orelse, node.finalbody):
                for child in part:
                    yield from visit(child, in_function, guarded)
            return
        for child in ast.iter_child_nodes(node):
            yield from visit(child, in_function or isinstance(node, _FUNCTIONS), guarded)

    yield from visit(tree, False, False)


def _lazy_calls(tree: ast.Module) -> Iterator[tuple[ast.Call, bool]]:
    """Each ``lazy_module(...)`` call, and whether it is inside a function."""

    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[ast.Call, bool]]:
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "lazy_module"):
            yield node, in_function
        for child in ast.iter_child_nodes(node):
            yield from visit(child, in_function or isinstance(node, _FUNCTIONS))

    yield from visit(tree, False)


def test_the_checks_see_what_they_look_for() -> None:
    tree = ast.parse(
        "def f():\n    import json\n"
        "def g():\n    try:\n        import pygls\n    except ImportError:\n        raise\n"
        "def h():\n    x = lazy_module('json')\n"
        "import os\n"
    )
    assert [node.lineno for node in _function_imports(tree)] == [2]
    assert [(call.lineno, inside) for call, inside in _lazy_calls(tree)] == [(9, True)]


def test_no_import_inside_a_function() -> None:
    found = [f"{name}:{node.lineno}: {ast.unparse(node)}"
             for name, tree in _modules() for node in _function_imports(tree)]
    assert not found, ("imports inside functions (bind the module at the top with "
                       "core.lazy.lazy_module instead):\n" + "\n".join(found))


def test_lazy_modules_are_bound_at_module_level_to_modules_that_exist() -> None:
    problems = []
    for name, tree in _modules():
        for call, inside in _lazy_calls(tree):
            where = f"{name}:{call.lineno}"
            if inside:
                problems.append(f"{where}: lazy_module inside a function (bind it at the top)")
            argument = call.args[0] if call.args else None
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                problems.append(f"{where}: lazy_module takes the module's name as a literal")
            elif argument.value.startswith("lint_news.") and importlib.util.find_spec(argument.value) is None:
                problems.append(f"{where}: no module {argument.value!r}")
    assert not problems, "\n".join(problems)


def test_no_import_cycle() -> None:
    """No module imports itself through others, not even for type annotations only (the
    shared type belongs to the lower module). import-linter checks the layers between
    packages; this checks the modules inside them."""
    grimp = pytest.importorskip("grimp")  # import-linter's graph builder (the test extra)
    graph = grimp.build_graph("lint_news")
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if module < imported and graph.chain_exists(importer=imported, imported=module):
                chain = graph.find_shortest_chain(importer=imported, imported=module)
                cycles.append(f"{module} -> {' -> '.join(chain)}")
    assert not cycles, "import cycles:\n" + "\n".join(cycles)
