"""Layering: only ``web/`` and ``cli/`` may import the web and CLI frameworks;
the library (text, mentions, graph, store, pipeline…) stays usable without them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "antq_kg"
FRAMEWORKS = {"fastapi", "starlette", "typer", "click", "uvicorn", "jinja2"}
ALLOWED = {PACKAGE / "__main__.py"}
FRONT_ENDS = (PACKAGE / "web", PACKAGE / "cli")


def imported_roots(path: Path) -> set[str]:
    """Top-level module names a file imports (absolute imports only; relative ones stay inside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def library_modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p not in ALLOWED and not any(d in p.parents for d in FRONT_ENDS)
    )


@pytest.mark.parametrize("path", library_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_library_module_does_not_import_web_or_cli_frameworks(path: Path) -> None:
    assert not imported_roots(path) & FRAMEWORKS


@pytest.mark.parametrize("path", library_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_library_module_does_not_import_cli_or_web(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {a.name for a in node.names}
            assert not (
                module.split(".")[-1] in {"cli", "web"}
                or module.startswith(("antq_kg.cli", "antq_kg.web"))
                or (node.level and not module and names & {"cli", "web"})
            ), ast.dump(node)


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import typer\nfrom fastapi import FastAPI\nfrom . import text\n")
    assert imported_roots(bad) & FRAMEWORKS == {"typer", "fastapi"}


def test_web_is_the_only_fastapi_code() -> None:
    users = {p for p in PACKAGE.rglob("*.py") if "fastapi" in imported_roots(p)}
    assert users and all((PACKAGE / "web") in p.parents for p in users)
