"""Import a script of ``scripts/`` as a module, so that tests call its functions without running it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def load_script(filename: str, *, module: str | None = None) -> ModuleType:
    """``scripts/{filename}`` imported as the module ``module`` (default: the file's stem)."""
    spec = importlib.util.spec_from_file_location(module or Path(filename).stem, SCRIPTS / filename)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(loaded)
    return loaded
