"""Imports run one way: use cases and models never reach up into the GraphQL layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOWER_LAYERS = ["models", "resolvers"]
UPPER = "schema"


def imported_modules(source: str) -> set[str]:
    """Every module an `import` or `from … import` names, at any depth of the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def reaches_up(module: str) -> bool:
    return module == UPPER or module.startswith(UPPER + ".")


@pytest.mark.parametrize("layer", LOWER_LAYERS)
def test_no_lower_module_imports_the_schema(layer: str) -> None:
    # given every module of the layer
    files = sorted((ROOT / layer).rglob("*.py"))
    assert files

    # when their imports are read, including those inside functions
    offending = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path.read_text()) if reaches_up(m)
        )
        for path in files
    }

    # then none names `schema`
    assert {path: mods for path, mods in offending.items() if mods} == {}


def test_the_check_sees_an_import_inside_a_function() -> None:
    source = "def f():\n    from schema.auth import issue_token\n    import schema.ids\n"

    assert {m for m in imported_modules(source) if reaches_up(m)} == {"schema.auth", "schema.ids"}
