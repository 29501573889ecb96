"""The layout of the mention stages: a stage reads the shared modules and no later stage, and no
module of ``antq_kg.mentions`` grows past ~600 lines (a stage that does is split along its phases)."""

from __future__ import annotations

import ast
from pathlib import Path

import antq_kg.mentions

PACKAGE = Path(antq_kg.mentions.__file__).parent
#: the stages in the order antq_kg.mentions.extract runs them
STAGES = ["places", "byline", "organisations", "people", "campaigns", "counts", "abbrev"]
SHARED = {"context", "admin_units", "names", "counted", "known_abbreviations"}


def _stage_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imported_siblings(path: Path) -> set[str]:
    """The top-level modules of antq_kg.mentions that ``path`` imports (relative or absolute)."""
    depth = len(path.relative_to(PACKAGE).parts)  # 1: a module of mentions/, 2: of a stage package
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == depth and node.module:
                out.add(node.module.split(".")[0])
            elif node.level == depth and not node.module:
                out.update(a.name for a in node.names)
            elif node.level == 0 and node.module and node.module.startswith("antq_kg.mentions."):
                out.add(node.module.split(".")[2])
    return out


def test_a_stage_imports_the_shared_modules_and_no_later_stage() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        stage = _stage_of(path)
        if stage not in STAGES:
            continue
        for other in _imported_siblings(path) - SHARED - {stage}:
            if other not in STAGES or STAGES.index(other) >= STAGES.index(stage):
                problems.append(f"{path.relative_to(PACKAGE)} imports {other}")
            elif not (stage == "people" and other == "organisations"):
                problems.append(f"{path.relative_to(PACKAGE)} imports the earlier stage {other}")
    assert problems == []


def test_the_shared_modules_import_no_stage() -> None:
    for name in SHARED:
        imported = _imported_siblings(PACKAGE / f"{name}.py")
        assert imported & set(STAGES) <= ({"organisations"} if name == "context" else set()), name


def test_no_module_of_the_mention_stages_is_over_600_lines() -> None:
    sizes = {
        str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > 600} == {}
