"""The wheel works where a newcomer installs it: built from the sources, installed into a fresh
virtual environment without any package index, and run from an empty folder — ``build`` of the seed
article, ``validate``, ``query`` and ``serve`` answering a real request on 127.0.0.1.

The fresh environment gets the dependencies from the project's own environment through a ``.pth``
path entry; ``.pth`` files inside a path entry are not processed, so the project's editable
``antq_kg`` stays invisible, and the test checks that every module and data file comes from the
installed wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from web_support import free_port

ROOT = Path(__file__).resolve().parents[2]
#: What a source distribution of the project holds (the rest of the checkout is not needed to build).
SOURCES = ("pyproject.toml", "setup.py", "README.md", "src", "ontology", "data", "queries")
LEADER = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?name WHERE { ?post org:heldBy ?p . ?p foaf:name ?name } ORDER BY ?name"""


@dataclass(frozen=True)
class Installed:
    """A fresh environment with the wheel installed, and an empty folder to work in."""

    wheel: Path
    venv: Path
    workdir: Path

    @property
    def antq_kg(self) -> Path:
        return self.venv / "bin" / "antq-kg"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_", "ANTQ_"))}
        return {**env, "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}

    def run(self, *args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args],
            cwd=self.workdir,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def _pip(*args: str | Path, cwd: Path, python: Path | None = None) -> None:
    """pip of the project's environment (acting on ``python``'s environment when given), offline and
    ignoring any configured index or link."""
    target = ["--python", str(python)] if python else []
    done = subprocess.run(
        [sys.executable, "-m", "pip", *target, "--isolated", "--disable-pip-version-check", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name,
                source / name,
                ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".antq"),
            )
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    dist = base / "dist"
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", dist, source, cwd=base)
    [wheel] = dist.glob("antq_kg-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    [site] = venv.glob("lib/python3*/site-packages")
    (site / "project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _pip("install", "--no-index", "--no-deps", wheel, cwd=base, python=venv / "bin" / "python")
    workdir = base / "empty"
    workdir.mkdir()
    return Installed(wheel, venv, workdir)


def _shipped() -> set[str]:
    """What the wheel must hold: every file of the package, and the data files of the top-level folders."""
    package = ROOT / "src" / "antq_kg"
    files = {
        f"antq_kg/{p.relative_to(package).as_posix()}"
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    for folder, package_name, patterns in (
        ("ontology", "ontology", ("*.ttl", "__init__.py")),
        ("data", "data", ("gazetteer/*.csv", "links/*.csv", "links/*.ttl", "__init__.py")),
        ("queries", "queries", ("*.rq", "__init__.py")),
    ):
        for pattern in patterns:
            files |= {
                f"antq_kg/{package_name}/{p.relative_to(ROOT / folder).as_posix()}"
                for p in (ROOT / folder).glob(pattern)
            }
    return files


def test_the_wheel_carries_the_package_and_its_data_and_not_the_rest_of_the_checkout(
    installed: Installed,
) -> None:
    names = {n for n in zipfile.ZipFile(installed.wheel).namelist() if ".dist-info/" not in n}
    expected = _shipped()
    assert {
        "antq_kg/ontology/shapes.ttl",
        "antq_kg/data/gazetteer/units.csv",
        "antq_kg/queries/03-mediation-total.rq",
        "antq_kg/lexicons/people_ranks.tsv",
        "antq_kg/web/templates/index.html",
    } <= expected
    assert names == expected
    assert not [n for n in names if "/articles/" in n or n.endswith(".md")]


def test_the_installed_package_and_its_files_come_from_the_wheel(installed: Installed) -> None:
    probe = (
        "import antq_kg, antq_kg.resources as r, antq_kg.version as v; "
        "print(antq_kg.__file__); print(r.ontology_dir()); print(r.gazetteer_dir()); print(r.queries_dir()); "
        "print(r.lexicon_file('people_ranks')); print(v.__version__)"
    )
    done = installed.run(installed.venv / "bin" / "python", "-c", probe)
    assert done.returncode == 0, done.stderr
    *paths, version = done.stdout.splitlines()
    assert all(Path(p).is_relative_to(installed.venv) and Path(p).exists() for p in paths), paths
    assert version == installed.wheel.name.split("-")[1]


def test_build_validate_and_query_from_an_empty_folder(installed: Installed, seed_path: Path) -> None:
    built = installed.run(installed.antq_kg, "build", seed_path)
    assert built.returncode == 0, built.stderr
    assert built.stderr.startswith("Build ")
    assert ": 1 added, 0 replaced, 0 unchanged, 0 removed, 0 failed (" in built.stderr
    assert built.stderr.endswith(
        "; 3 reference graph(s) loaded) → .antq/store\n"
    )  # ontology, gazetteer, shipped links
    validated = installed.run(installed.antq_kg, "validate")
    assert validated.returncode == 0
    assert validated.stdout.startswith(  # the seed's date is bounded with low confidence; its 18 counts' area defaulted
        "The graph conforms to the antq-kg shapes (1 graph checked one by one, then their union), with 19 warnings:\n"
    )
    answered = installed.run(installed.antq_kg, "query", LEADER, "--format", "csv")
    assert answered.returncode == 0, answered.stderr
    assert "Trần Huy Ngạn" in answered.stdout.splitlines()


@pytest.fixture
def server(installed: Installed, seed_path: Path) -> Iterator[str]:
    if not (installed.workdir / ".antq" / "store").is_dir():
        assert installed.run(installed.antq_kg, "build", seed_path).returncode == 0
    port = free_port()
    process = subprocess.Popen(
        [str(installed.antq_kg), "serve", "--port", str(port)],
        cwd=installed.workdir,
        env=installed.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/sparql", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "antq-kg serve did not start"
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_answers_sparql_and_shows_the_packaged_queries(server: str) -> None:
    answer = httpx.get(
        f"{server}/sparql", params={"query": LEADER}, headers={"Accept": "text/csv"}, timeout=30
    )
    assert answer.status_code == 200
    assert "Trần Huy Ngạn" in answer.text.splitlines()
    page = httpx.get(f"{server}/", timeout=30)
    assert page.status_code == 200
    assert "Ai lãnh đạo Công an tỉnh Hưng Yên" in page.text  # queries/01-provincial-police-leader.rq
    assert httpx.get(f"{server}/static/style.css", timeout=30).status_code == 200
