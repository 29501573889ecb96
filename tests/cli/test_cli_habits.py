"""The command line's habits, with exact messages: global options before or after the command,
``ANTQ_STORE``, the ``<stem>.meta.json`` sidecar, ``--debug``, the article export, the data overrides
(``--ontology``, ``--gazetteer-dir``, ``serve --queries``), ``link -o`` and ``--version``."""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import rdflib
from typer.testing import CliRunner

from antq_kg.cli import app, report_error
from antq_kg.errors import InputError
from antq_kg.pipeline import read_sidecar
from antq_kg.resources import gazetteer_dir, ontology_dir

ARTICLE = "Công an tỉnh Hưng Yên\n\nĐại tá Trần Huy Ngạn, Giám đốc Công an tỉnh, làm việc ở xã Nhân Hòa, huyện Mỹ Hào.\n"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def run(*args: str | Path, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """A store built from the seed article, with the reference graphs (ontology, gazetteer)."""
    store = tmp_path_factory.mktemp("habits") / "store"
    result = run("build", seed_path, "--store", store)
    assert result.exit_code == 0, result.stderr
    return store


# -- global options anywhere ------------------------------------------------------------------------


def test_global_options_after_the_command_work_like_before_it(article: Path, tmp_path: Path) -> None:
    after, before = tmp_path / "s1", tmp_path / "s2"
    built_after = run("build", "--no-reference", article, "--store", after, "--base-iri", "http://e.org/")
    built_before = run("--store", before, "--base-iri", "http://e.org/", "build", "--no-reference", article)
    assert built_after.exit_code == built_before.exit_code == 0, built_after.stderr
    run_id = re.compile(r"^Build \S+:")  # each build is a run of its own
    assert run_id.sub("", built_after.stderr.replace(str(after), str(before))) == run_id.sub(
        "", built_before.stderr
    )
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER STRSTARTS(STR(?s), 'http://e.org/id/') }"
    for where in (after, before):
        result = run("query", query, f"--store={where}", "--format", "csv")
        assert result.exit_code == 0, result.stderr
        assert int(result.stdout.split()[1]) > 50


def test_a_double_dash_ends_the_options_that_move(tmp_path: Path) -> None:
    result = run("--store", tmp_path / "none", "query", "--", "--store")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: {tmp_path / 'none'}: no store here (run `antq-kg build` or `antq-kg load` first)\n"
    )


def test_antq_store_is_the_default_store_and_store_overrides_it(article: Path, tmp_path: Path) -> None:
    env_store = tmp_path / "from-env"
    built = run("build", "--no-reference", article, env={"ANTQ_STORE": str(env_store)})
    assert built.exit_code == 0, built.stderr
    assert built.stderr.endswith(f"→ {env_store}\n")
    assert run("query", COUNT, "--format", "csv", env={"ANTQ_STORE": str(env_store)}).exit_code == 0
    other = tmp_path / "other"
    result = run("query", COUNT, "--store", other, env={"ANTQ_STORE": str(env_store)})
    assert result.stderr == f"Error: {other}: no store here (run `antq-kg build` or `antq-kg load` first)\n"


def test_version_is_the_package_metadata() -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"antq-kg {importlib.metadata.version('antq-kg')}\n")


# -- the sidecar is <stem>.meta.json only --------------------------------------------------------------


def test_extract_into_a_json_file_beside_the_article_works(article: Path) -> None:
    """What ``antq-kg extract a.txt > a.json`` does: the shell creates an empty ``a.json`` first."""
    antq_kg = Path(sys.executable).with_name("antq-kg")
    done = subprocess.run(
        f"'{antq_kg}' extract a.txt > a.json",
        shell=True,
        cwd=article.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    facts = json.loads((article.parent / "a.json").read_text(encoding="utf-8"))
    assert facts["persons"][0]["name"] == "Trần Huy Ngạn"


def test_a_stem_json_beside_the_article_is_not_metadata(article: Path) -> None:
    article.with_suffix(".json").write_text("[1, 2]", encoding="utf-8")  # would be a bad sidecar
    result = run("extract", article)
    assert (result.exit_code, result.stderr) == (0, "")
    assert read_sidecar(article) == {}
    article.with_name("a.meta.json").write_text('{"author": "Phương Thủy"}', encoding="utf-8")
    assert read_sidecar(article) == {"author": "Phương Thủy"}


# -- --debug -------------------------------------------------------------------------------------------


def test_an_error_is_one_line_and_debug_adds_the_causes_and_the_traceback(article: Path) -> None:
    sidecar = article.with_name("a.meta.json")
    sidecar.write_text('{"language": "vi",\n "author": }', encoding="utf-8")
    line = f"Error: {sidecar}: bad JSON at line 2, column 12: Expecting value\n"
    plain = run("extract", article)
    assert (plain.exit_code, plain.stderr) == (2, line)
    debug = run("extract", article, "--debug")
    assert debug.exit_code == 2
    lines = debug.stderr.splitlines()
    assert lines[:3] == [
        line.rstrip("\n"),
        "  caused by json.decoder.JSONDecodeError: Expecting value: line 2 column 12 (char 30)",
        "Traceback (most recent call last):",
    ]
    assert "The above exception was the direct cause of the following exception:" in lines
    assert (
        lines[-1] == f"antq_kg.errors.InputError: {sidecar}: bad JSON at line 2, column 12: Expecting value"
    )


def test_a_bug_is_one_line_naming_its_type(capsys: pytest.CaptureFixture[str]) -> None:
    report_error(KeyError("x"))
    assert capsys.readouterr().err == "Error: unexpected KeyError: 'x'\n"
    try:
        raise InputError("outer", path="f.txt") from ValueError("inner")
    except InputError as exc:
        report_error(exc, debug=True)
    assert capsys.readouterr().err.splitlines()[:2] == [
        "Error: f.txt: outer",
        "  caused by ValueError: inner",
    ]


def test_the_console_script_takes_global_options_after_the_command(article: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = subprocess.run(
        [sys.executable, "-m", "antq_kg", "build", str(article), "--no-reference", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(
        rf"Build \S+: 1 added, 0 replaced, 0 unchanged, 0 removed, 0 failed \(\d+ quads\) → "
        rf"{re.escape(str(store))}\n",
        done.stderr,
    )


# -- export: the articles and what they reference, or --all ------------------------------------------------


def test_export_writes_the_articles_and_what_they_reference(seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.nq"
    result = run("export", "-o", out, "--store", seed_store)
    assert result.exit_code == 0, result.stderr
    m = re.fullmatch(
        r"Wrote (\d+) quads \(the article graphs and what they reference; --all for the whole "
        rf"store\) as nquads → {re.escape(str(out))}\n",
        result.stderr,
    )
    assert m is not None, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == int(m[1])
    everything = run("export", "-o", tmp_path / "all.nq", "--all", "--store", seed_store)
    assert everything.stderr.startswith("Wrote 2")
    assert len((tmp_path / "all.nq").read_text(encoding="utf-8").splitlines()) > 50 * len(lines)
    text = "\n".join(lines)
    assert "<https://w3id.org/antq/id/place/p33>" in text  # the province the article is about
    assert "<https://w3id.org/antq/id/place/p01>" not in text  # Hà Nội: nothing points to it
    assert "<https://w3id.org/antq/id/concept/rank/dai-ta>" in text
    assert "<https://w3id.org/antq/id/concept/rank/binh-nhi>" not in text  # a rank no one holds
    dataset = rdflib.Dataset()
    dataset.parse(out, format="nquads")
    admin = rdflib.URIRef("https://w3id.org/antq/id/place/p33")
    gazetteer = dataset.graph(rdflib.URIRef("https://w3id.org/antq/id/graph/gazetteer"))
    assert (admin, rdflib.RDFS.label, None) in gazetteer  # reference quads keep their graph


def test_turtle_exports_write_prefixed_names(seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.ttl"
    assert run("export", "-o", out, "--store", seed_store).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "@prefix antq: <https://w3id.org/antq/ontology#> ." in text
    assert text.count("<https://w3id.org/antq/ontology#") == 1  # the prefix declaration only
    assert "antq:rank" in text and "skos:prefLabel" in text


# -- overrides of the packaged data -------------------------------------------------------------------------


def test_ontology_names_the_folder_of_the_shapes_validate_uses(seed_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with (folder / "shapes.ttl").open("a", encoding="utf-8") as f:
        f.write(
            "\n<urn:test:EveryPersonHasAnEmail> a sh:NodeShape ; sh:targetClass foaf:Person ;\n"
            '    sh:property [ sh:path foaf:mbox ; sh:minCount 1 ; sh:message "no e-mail" ] .\n'
        )
    assert run("validate", "--store", seed_store).exit_code == 0
    result = run("validate", "--store", seed_store, "--ontology", folder)
    assert result.exit_code == 1
    assert re.search(r"^Violation in <[^>]+/id/graph/\w+>: no e-mail \(", result.stdout, re.M), result.stdout
    missing = run("validate", "--store", seed_store, "--ontology", tmp_path / "none")
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"Error: {tmp_path / 'none' / 'shapes.ttl'}: file not found\n",
    )


def test_gazetteer_dir_names_the_gazetteer_folder(tmp_path: Path) -> None:
    copy = tmp_path / "gazetteer"
    shutil.copytree(gazetteer_dir(), copy)
    found = run("gazetteer", "lookup", "Nhân Hòa", "--within", "33", "--gazetteer-dir", copy)
    assert found.exit_code == 0, found.stderr
    assert "c12118" in found.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("gazetteer", "lookup", "Nhân Hòa", "--gazetteer-dir", empty)
    assert (result.exit_code, result.stderr) == (2, f"Error: {empty}: missing units.csv\n")


def test_serve_queries_names_the_folder_the_query_page_lists(tmp_path: Path) -> None:
    ttl = tmp_path / "x.ttl"
    ttl.write_text('<http://e.org/a> <http://e.org/p> "x" .\n', encoding="utf-8")
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "only.rq").write_text(
        "# Câu hỏi duy nhất\n# The only question\nSELECT * { ?s ?p ?o }\n", encoding="utf-8"
    )
    page = run("serve", ttl, "--get", "/", "--queries", queries)
    assert page.exit_code == 0, page.stderr
    assert "Câu hỏi duy nhất" in page.stdout
    assert "Ai lãnh đạo" not in run("serve", ttl, "--get", "/", "--queries", queries).stdout
    assert "Ai lãnh đạo" in run("serve", ttl, "--get", "/").stdout  # the packaged queries by default


def test_link_writes_only_where_told() -> None:
    result = run("link", "--wikidata", "--endpoint", "http://127.0.0.1:9/sparql")
    assert result.exit_code == 2
    assert "name the links file to write (-o FILE)" in result.stderr
