"""The command line, in-process with typer's CliRunner: exit codes and exact messages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antq_kg.cli import app
from antq_kg.store import open_store

ARTICLE = (
    "Công an tỉnh Hưng Yên sơ kết phong trào\n\n"
    "Đại tá Trần Huy Ngạn, Giám đốc Công an tỉnh cho biết toàn tỉnh có 161 ban hòa giải ở xã Nhân Hòa, "
    "huyện Mỹ Hào.\n\nPhương Thủy\n"
)
TTL = (
    '@prefix ex: <http://example.org/> .\nex:a ex:label "xã Nhân Hòa"@vi .\nex:b ex:label "thôn Lỗ Xá"@vi .\n'
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "articles" / "a.txt"
    p.parent.mkdir()
    p.write_text(ARTICLE, encoding="utf-8")
    return p


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def run(runner: CliRunner, *args: str | Path) -> object:
    return runner.invoke(app, [str(a) for a in args])


# -- extract -------------------------------------------------------------------------------------


def test_extract_one_file_prints_one_json_object(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"] == str(article)
    for key in ("persons", "places", "campaigns", "counts", "organizations", "abbreviations"):
        assert key in data
    assert result.stderr == ""


def test_extract_table_format(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "table"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# {article}\nkind")


def test_extract_rejects_an_unknown_format(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "yaml"])
    assert result.exit_code == 2
    assert "unknown format 'yaml'" in result.stderr


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"Vi\xe1\xbb\x87t\x00\x01\x02", "binary file: NUL byte at byte offset 6"),
        (b"C\xc3\xb4ng an \xff t\xe1\xbb\x89nh", "not UTF-8 text: invalid byte 0xff at byte offset 9"),
    ],
)
def test_extract_bad_file_is_one_line_and_exit_2(
    runner: CliRunner, tmp_path: Path, content: bytes, problem: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {bad}: {problem}\n"
    assert "Traceback" not in result.output


def test_extract_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["extract", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {missing}: No such file or directory\n"


def test_extract_reads_utf16_with_bom(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes(ARTICLE.encode("utf-16"))
    result = runner.invoke(app, ["extract", str(p)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["article"] == str(p)


def test_extract_directory_with_good_and_bad_files(runner: CliRunner, article: Path) -> None:
    folder = article.parent
    (folder / "b.txt").write_bytes(b"")
    (folder / "sub").mkdir()
    (folder / "sub" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "d.txt").write_bytes(b"\xfe\xfa bad")
    (folder / "notes.md").write_text("not an article")
    result = runner.invoke(app, ["extract", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {folder / 'b.txt'}: empty file",
        f"Error: {folder / 'sub' / 'd.txt'}: not UTF-8 text: invalid byte 0xfe at byte offset 0",
    ]
    extracted = json.loads(result.stdout)
    assert [d["article"] for d in extracted] == [str(article), str(folder / "sub" / "c.txt")]


def test_extract_with_two_jobs_gives_the_same_output(runner: CliRunner, article: Path) -> None:
    for i in range(3):
        (article.parent / f"copy{i}.txt").write_text(ARTICLE, encoding="utf-8")
    one = runner.invoke(app, ["extract", str(article.parent)])
    two = runner.invoke(app, ["extract", str(article.parent), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


# -- build, load, query, export ------------------------------------------------------------------


def _graphs(store_dir: Path) -> list[str]:
    with open_store(store_dir, read_only=True) as s:
        return s.graphs()


def _len(store_dir: Path) -> int:
    with open_store(store_dir, read_only=True) as s:
        return len(s)


def test_build_into_the_store_and_rebuild_without_duplicates(
    runner: CliRunner, article: Path, store_dir: Path
) -> None:
    first = runner.invoke(app, ["--store", str(store_dir), "build", "--no-reference", str(article.parent)])
    assert first.exit_code == 0, first.stderr
    assert re.fullmatch(
        r"Build \S+: 1 added, 0 replaced, 0 unchanged, 0 removed, 0 failed \(\d+ quads\) → "
        + re.escape(str(store_dir))
        + "\n",
        first.stderr,
    )
    article_graphs = [
        g for g in _graphs(store_dir) if "/graph/run/" not in g and not g.endswith("/graph/corpus")
    ]
    assert len(article_graphs) == 1
    size = _len(store_dir)
    again = runner.invoke(app, ["--store", str(store_dir), "build", "--no-reference", str(article)])
    assert again.exit_code == 0
    assert ": 0 added, 0 replaced, 1 unchanged, 0 removed, 0 failed (0 quads)" in again.stderr
    forced = runner.invoke(
        app, ["--store", str(store_dir), "build", "--force", "--no-reference", str(article)]
    )
    assert ": 0 added, 1 replaced, 0 unchanged, 0 removed, 0 failed" in forced.stderr
    assert [
        g for g in _graphs(store_dir) if "/graph/run/" not in g and not g.endswith("/graph/corpus")
    ] == article_graphs
    runs = [g for g in _graphs(store_dir) if "/graph/run/" in g]
    assert len(runs) == 3  # each build's run record was added, the article graph replaced
    # the article graph did not grow: only the new run graphs' quads were added
    with open_store(store_dir, read_only=True) as s:
        q = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{article_graphs[0]}> {{ ?s ?p ?o }} }}"
        n_article = int(s.query(q).table()[1][0][0])
    assert _len(store_dir) < size + n_article


def test_build_replace_empties_the_store_first(
    runner: CliRunner, article: Path, store_dir: Path, tmp_path: Path
) -> None:
    ttl = tmp_path / "extra.ttl"
    ttl.write_text(TTL, encoding="utf-8")
    assert runner.invoke(app, ["--store", str(store_dir), "load", str(ttl)]).exit_code == 0
    assert _len(store_dir) == 2
    result = runner.invoke(
        app, ["--store", str(store_dir), "build", "--replace", "--no-reference", str(article)]
    )
    assert result.exit_code == 0
    with open_store(store_dir, read_only=True) as s:
        assert s.query('ASK { ?s ?p "thôn Lỗ Xá"@vi }').boolean is False


def test_build_with_a_bad_file_still_builds_the_good_ones(
    runner: CliRunner, article: Path, store_dir: Path
) -> None:
    (article.parent / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["--store", str(store_dir), "build", "--no-reference", str(article.parent)])
    assert result.exit_code == 2
    assert f"Error: {article.parent / 'empty.txt'}: empty file\n" in result.stderr
    assert ": 1 added, 0 replaced, 0 unchanged, 0 removed, 1 failed (" in result.stderr
    assert any("/graph/run/" not in g for g in _graphs(store_dir))


def test_build_to_a_file(runner: CliRunner, article: Path, tmp_path: Path, store_dir: Path) -> None:
    out = tmp_path / "out.nq"
    result = runner.invoke(
        app, ["--store", str(store_dir), "build", "--no-reference", str(article), "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and lines
    assert not store_dir.exists()


def test_load_reports_a_bad_file_with_its_line_and_keeps_the_good_one(
    runner: CliRunner, tmp_path: Path, store_dir: Path
) -> None:
    good = tmp_path / "good.ttl"
    good.write_text(TTL, encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text(TTL + "ex:c ex:label .\n", encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store_dir), "load", str(good), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [  # errors as they are found, in the syntax pass before loading
        f"Error: {bad}: Turtle syntax error at line 4, column 15: . is not a valid RDF object",
        f"Loaded 2 quads from {good}",
    ]
    assert _len(store_dir) == 2


def test_query_csv_by_default_when_not_a_terminal(runner: CliRunner, tmp_path: Path, store_dir: Path) -> None:
    ttl = tmp_path / "x.ttl"
    ttl.write_text(TTL, encoding="utf-8")
    runner.invoke(app, ["--store", str(store_dir), "load", str(ttl)])
    q = "SELECT ?l WHERE { ?s ?p ?l } ORDER BY ?l"
    result = runner.invoke(app, ["--store", str(store_dir), "query", q])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode() == "l\r\nthôn Lỗ Xá\r\nxã Nhân Hòa\r\n"
    table = runner.invoke(app, ["--store", str(store_dir), "query", q, "--format", "table"])
    assert table.stdout == "l\n-----------\nthôn Lỗ Xá\nxã Nhân Hòa\n(2 rows)\n"
    as_json = runner.invoke(app, ["--store", str(store_dir), "query", q, "--format", "json"])
    assert [b["l"]["value"] for b in json.loads(as_json.stdout)["results"]["bindings"]] == [
        "thôn Lỗ Xá",
        "xã Nhân Hòa",
    ]
    qfile = tmp_path / "q.rq"
    qfile.write_text("# count\nSELECT (COUNT(*) AS ?n) { ?s ?p ?o }\n", encoding="utf-8")
    from_file = runner.invoke(app, ["--store", str(store_dir), "query", str(qfile), "--format", "tsv"])
    assert from_file.stdout == "?n\n2\n"


def test_query_errors(runner: CliRunner, tmp_path: Path, store_dir: Path) -> None:
    missing = runner.invoke(app, ["--store", str(tmp_path / "none"), "query", "ASK {}"])
    assert missing.exit_code == 2
    assert (
        missing.stderr
        == f"Error: {tmp_path / 'none'}: no store here (run `antq-kg build` or `antq-kg load` first)\n"
    )
    open_store(store_dir).close()
    bad = runner.invoke(app, ["--store", str(store_dir), "query", "SELEC ?x"])
    assert bad.exit_code == 2
    assert bad.stderr.startswith("Error: SPARQL syntax error at line 1, column 9: expected")
    assert bad.stderr.count("\n") == 1
    nofile = runner.invoke(app, ["--store", str(store_dir), "query", "queries/does-not-exist.rq"])
    assert nofile.exit_code == 2
    assert nofile.stderr == "Error: queries/does-not-exist.rq: No such file or directory\n"


@pytest.mark.parametrize("ext", ["ttl", "trig", "nt", "nq", "jsonld", "rdf"])
def test_export_by_extension(runner: CliRunner, tmp_path: Path, store_dir: Path, ext: str) -> None:
    ttl = tmp_path / "x.ttl"
    ttl.write_text(TTL, encoding="utf-8")
    runner.invoke(app, ["--store", str(store_dir), "load", str(ttl)])
    out = tmp_path / f"out.{ext}"
    result = runner.invoke(app, ["--store", str(store_dir), "export", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    with open_store(None) as mem:
        assert mem.load_file(out) == 2


def test_export_unknown_extension_and_explicit_format(
    runner: CliRunner, tmp_path: Path, store_dir: Path
) -> None:
    open_store(store_dir).close()
    out = tmp_path / "out.txt"
    bad = runner.invoke(app, ["--store", str(store_dir), "export", "-o", str(out)])
    assert bad.exit_code == 2
    assert (
        bad.stderr == f"Error: {out}: cannot tell the RDF format from the extension '.txt' (use --format)\n"
    )
    ok = runner.invoke(app, ["--store", str(store_dir), "export", "-o", str(out), "--format", "nquads"])
    assert ok.exit_code == 0


def test_an_open_reader_does_not_block_a_load(runner: CliRunner, tmp_path: Path, store_dir: Path) -> None:
    ttl = tmp_path / "x.ttl"
    ttl.write_text(TTL, encoding="utf-8")
    with open_store(store_dir) as reader:
        result = runner.invoke(app, ["--store", str(store_dir), "load", str(ttl)])
        assert result.exit_code == 0, result.stderr
        assert len(reader) == 0  # its snapshot did not change under it
        assert reader.refresh() and len(reader) == 2


def test_serve_get_answers_one_request(runner: CliRunner, tmp_path: Path) -> None:
    ttl = tmp_path / "x.ttl"
    ttl.write_text(TTL, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "serve",
            str(ttl),
            "--get",
            "/sparql?query=ASK%20%7B%3Fs%20%3Fp%20%22th%C3%B4n%20L%E1%BB%97%20X%C3%A1%22%40vi%7D",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "extract" in result.output and "serve" in result.output


# -- validate --------------------------------------------------------------------------------------


def test_validate_the_built_seed_store_conforms(runner: CliRunner, seed_path: Path, store_dir: Path) -> None:
    assert (
        runner.invoke(app, ["--store", str(store_dir), "build", "--no-reference", str(seed_path)]).exit_code
        == 0
    )
    result = runner.invoke(app, ["--store", str(store_dir), "validate"])
    assert result.exit_code == 0, result.stdout[-3000:]
    assert "conforms" in result.stdout


def _mentions(path: Path, *statements: str) -> Path:
    """A Turtle file of ``statements`` (one a line) with the ``nif:`` prefix declared."""
    path.write_text(
        "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .\n"
        + "".join(f"{line}\n" for line in statements),
        encoding="utf-8",
    )
    return path


def test_validate_jobs_runs_the_checks_on_threads_with_the_same_report(
    runner: CliRunner, tmp_path: Path
) -> None:
    broken = _mentions(
        tmp_path / "broken.ttl",
        "<http://example.org/m> a nif:Phrase ; nif:beginIndex -3 ; nif:endIndex -5 .",
        "<http://example.org/n> a nif:Phrase ; nif:beginIndex 7 ; nif:endIndex 2 .",
    )
    outputs = [
        runner.invoke(app, ["validate", str(broken), "--format", "json", *jobs])
        for jobs in ([], ["--jobs", "1"], ["-j", "2"])
    ]
    assert [r.exit_code for r in outputs] == [1, 1, 1]
    assert len(json.loads(outputs[0].stdout)["results"]) > 2
    assert outputs[1].stdout == outputs[0].stdout
    assert outputs[2].stdout == outputs[0].stdout
    result = runner.invoke(app, ["validate", str(broken), "--jobs", "0"])
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


def test_validate_json_writes_each_result_on_a_line_of_its_own(runner: CliRunner, tmp_path: Path) -> None:
    broken = _mentions(
        tmp_path / "broken.ttl", "<http://example.org/m> a nif:Phrase ; nif:beginIndex -3 ; nif:endIndex -5 ."
    )
    result = runner.invoke(app, ["validate", str(broken), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["violations"] == len([r for r in report["results"] if r["severity"] == "Violation"]) > 1
    lines = result.stdout.splitlines()
    assert lines[:3] == ["{", '  "conforms": false,', f'  "violations": {report["violations"]},']
    begin = lines.index('  "results": [')
    found = [json.loads(line.strip().removesuffix(",")) for line in lines[begin + 1 : -2]]
    assert found == report["results"]
    assert lines[-2:] == ["  ]", "}"]


def test_validate_a_check_that_fails_while_evaluated_exits_2_naming_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A custom shape whose SPARQL constraint calls a function Oxigraph does not know: one line naming
    the shape, exit 2, with one thread or several."""
    from antq_kg.resources import ontology_file, shapes_file

    ontology = tmp_path / "ontology"
    ontology.mkdir()
    (ontology / "antq.ttl").write_bytes(ontology_file().read_bytes())
    (ontology / "shapes.ttl").write_text(
        shapes_file().read_text(encoding="utf-8")
        + """
<https://example.org/Broken> a sh:NodeShape ;
    sh:targetClass <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Phrase> ;
    sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o FILTER (<https://example.org/nope>(?o)) }" ] .
""",
        encoding="utf-8",
    )
    data = _mentions(
        tmp_path / "data.ttl", "<http://example.org/m> a nif:Phrase ; nif:beginIndex 3 ; nif:endIndex 5 ."
    )
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["--ontology", str(ontology), "validate", str(data), "--jobs", jobs])
        assert result.exit_code == 2, result.stdout[-2000:]
        assert result.stderr.startswith(
            "Error: the compiled check of <https://example.org/Broken> (sparql) failed: "
        )
        assert "nope" in result.stderr and result.stderr.count("\n") == 1


def test_validate_a_broken_file_reports_violations_with_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    broken = _mentions(tmp_path / "broken.ttl", "<http://example.org/m> a nif:Phrase ; nif:beginIndex -3 .")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert result.stdout.startswith("The graph does not conform")
    assert "Violation in the default graph: A mention" in result.stdout


def test_validate_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.ttl")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'missing.ttl'}: No such file or directory\n"
    result = runner.invoke(app, ["--store", str(tmp_path / "nostore"), "validate"])
    assert result.exit_code == 2
    assert "no store here" in result.stderr
