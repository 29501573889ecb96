"""Every write of the endpoint keeps the corpus graph right, in its own transaction, over real HTTP: a Graph
Store PUT, POST or DELETE of an article graph chooses again the preferred labels of what it names, a SPARQL
Update those of what the graphs its text writes name (every label when its text does not fix them), each
leaving the corpus graph ``antq-kg relabel`` would choose; the corpus graph itself is never written from
outside."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

import sparql_servers
from antq_kg.formats import RDF_FORMATS
from antq_kg.gazetteer import Gazetteer
from antq_kg.pipeline import build
from antq_kg.remote import RemoteStore
from antq_kg.store import EmbeddedStore, open_store
from antq_kg.validate import validate_store
from antq_kg.web import create_app
from labels_support import (
    BOARD_LOWER,
    BOARD_UPPER,
    CORPUS,
    LOWER,
    ORG,
    RDFS,
    SKOS,
    UPPER,
    article,
    cli,
    corpus_graph,
    pref_of,
    preferred,
    rows,
    two_spellings,
)
from web_support import serve_in_thread

TOKEN = "labels-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GRAPH = "https://w3id.org/antq/id/graph/"
NQUADS = RDF_FORMATS["nquads"]


@dataclass
class Served:
    url: str
    store: Path
    articles: Path
    tmp: Path


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture
def served(tmp_path: Path, gazetteer: Gazetteer) -> Iterator[Served]:
    """Articles a ("Toàn dân", the earlier) and b ("toàn dân") built into a store served with writes."""
    folder = two_spellings(tmp_path / "in")
    path = tmp_path / "store"
    with open_store(path) as s:
        build([folder], store=s, gazetteer=gazetteer, reference=False)
    reader = EmbeddedStore(path, read_only=True)
    with serve_in_thread(create_app(reader, base_iri="https://w3id.org/antq/", write_token=TOKEN)) as url:
        yield Served(url, path, folder, tmp_path)
    reader.close()


def built_graphs(s: Served, name: str) -> dict[str, bytes]:
    """Article ``name`` built on its own (``build -o``): each of its graphs as N-Triples."""
    out = s.tmp / f"{name}.nq"
    cli("--store", s.tmp / "unused", "build", "--no-reference", s.articles / f"{name}.txt", "-o", out)
    graphs: dict[str, list[ox.Triple]] = {}
    for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS):
        assert isinstance(q.graph_name, ox.NamedNode)
        graphs.setdefault(q.graph_name.value, []).append(q.triple)
    return {g: ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES) or b"" for g, ts in graphs.items()}


def send(s: Served, method: str, graph: str, body: bytes = b"") -> httpx.Response:
    headers = {**AUTH, "Content-Type": "application/n-triples"}
    return httpx.request(method, f"{s.url}/store", params={"graph": graph}, content=body, headers=headers)


def update(s: Served, text: str) -> None:
    r = httpx.post(
        f"{s.url}/update", content=text, headers={**AUTH, "Content-Type": "application/sparql-update"}
    )
    assert r.status_code == 204, r.text


def corpus_of(s: Served, gazetteer: Gazetteer, names: list[str]) -> list[str]:
    """The corpus graph a build of the articles ``names`` (as their files are now) states."""
    with open_store(s.tmp / f"built-{'-'.join(names)}") as built:
        build([s.articles / f"{n}.txt" for n in names], store=built, gazetteer=gazetteer, reference=False)
        return corpus_graph(built)


def stored(s: Served) -> EmbeddedStore:
    return open_store(s.store, read_only=True)


def test_graph_store_writes_of_article_graphs_choose_the_labels_again(
    served: Served, gazetteer: Gazetteer
) -> None:
    s = served
    with stored(s) as st:
        assert pref_of(st, BOARD_LOWER) == BOARD_UPPER  # one article each: the earlier
    article(s.articles, "c", LOWER, "2024-05-01", village="Nam")
    for graph, body in built_graphs(s, "c").items():  # POST c's graphs (its corpus graph is refused below)
        assert send(s, "POST", graph, body).status_code == (405 if graph == CORPUS else 204)
    with stored(s) as st:
        assert pref_of(st, BOARD_UPPER) == BOARD_LOWER  # two against one
        assert corpus_graph(st) == corpus_of(s, gazetteer, ["a", "b", "c"])
        assert validate_store(st).conforms
    article(s.articles, "b", UPPER, "2024-04-09", village="Tây")  # b now spells it like a
    assert send(s, "PUT", f"{GRAPH}b", built_graphs(s, "b")[f"{GRAPH}b"]).status_code == 204
    with stored(s) as st:
        assert pref_of(st, BOARD_LOWER) == BOARD_UPPER
        assert corpus_graph(st) == corpus_of(s, gazetteer, ["a", "b", "c"])
    assert send(s, "DELETE", f"{GRAPH}a").status_code == 204
    with stored(s) as st:  # b against c: the earlier, b
        assert pref_of(st, BOARD_LOWER) == BOARD_UPPER
        derived = {q.object.value for q in st.quads(CORPUS) if q.predicate.value.endswith("wasDerivedFrom")}
        assert derived == {f"{GRAPH}b", f"{GRAPH}c"}
    (s.articles / "a.txt").unlink()
    with stored(s) as st:
        assert corpus_graph(st) == corpus_of(s, gazetteer, ["b", "c"])


def test_the_corpus_graph_is_not_written_through_the_graph_store(served: Served) -> None:
    with stored(served) as st:
        before = corpus_graph(st)
    (org,) = {e for e, labels in preferred_of(served).items() if BOARD_UPPER in labels}
    body = f'<{org}> <{SKOS}prefLabel> "Ban khác"@vi .\n'.encode()
    for method in ("PUT", "POST", "DELETE"):
        r = send(served, method, CORPUS, body if method != "DELETE" else b"")
        assert r.status_code == 405, (method, r.text)
        assert r.headers["allow"] == "GET"
        assert "corpus graph" in r.text and "article graphs" in r.text
    got = httpx.get(
        f"{served.url}/store", params={"graph": CORPUS}, headers={**AUTH, "Accept": "application/n-triples"}
    )
    assert got.status_code == 200 and BOARD_UPPER in got.text
    with stored(served) as st:
        assert corpus_graph(st) == before


def preferred_of(s: Served) -> dict[str, list[str]]:
    with stored(s) as st:
        return preferred(st)


LAMP = "Đèn đường an ninh"
LABEL = f"<{RDFS}label>"


@pytest.fixture
def several(served: Served, gazetteer: Gazetteer) -> Served:
    """Four articles: a and d write the board "Toàn dân", b and c "toàn dân" (a tie: the earlier, a's, wins);
    only d names the model "Đèn đường an ninh"."""
    s = served
    article(s.articles, "c", LOWER, "2024-05-01", village="Nam")
    article(s.articles, "d", {**UPPER, "model": LAMP}, "2024-06-01", village="Bắc")
    for name in ("c", "d"):
        for graph, body in built_graphs(s, name).items():
            if graph != CORPUS:
                assert send(s, "POST", graph, body).status_code == 204
    with stored(s) as st:
        assert pref_of(st, BOARD_LOWER) == BOARD_UPPER
        assert pref_of(st, LAMP) == LAMP
    return s


def entity(s: Served, label: str) -> str:
    """The organisation or initiative some article spells ``label``."""
    with stored(s) as st:
        (iri,) = {e for (e,) in rows(st, f'SELECT DISTINCT ?e {{ ?e {LABEL} "{label}"@vi }}')}
    return iri


def relabelled(s: Served) -> list[str]:
    """The corpus graph ``antq-kg relabel`` chooses over a copy of the served store as it is now."""
    copy = s.tmp / f"copy-{len(list(s.tmp.glob('copy-*')))}"
    with stored(s) as st, open_store(copy) as c:
        c.load_bytes(st.dump(NQUADS), NQUADS)
    cli("--store", copy, "relabel")
    with open_store(copy, read_only=True) as c:
        return corpus_graph(c)


#: updates of one article graph: the text (``BOARD``, ``LAMP_MODEL``: the entities' IRIs), the board's
#: preferred label after it, whether the model only d names keeps one
ONE_GRAPH_UPDATES = {
    "insert data": (
        f'INSERT DATA {{ GRAPH <{GRAPH}d> {{ BOARD {LABEL} "{BOARD_LOWER}"@vi }} }}',
        BOARD_LOWER,
        True,
    ),
    "delete data of an only spelling": (
        f'DELETE DATA {{ GRAPH <{GRAPH}d> {{ LAMP_MODEL {LABEL} "{LAMP}"@vi }} }}',
        BOARD_UPPER,
        False,
    ),
    "drop graph": (f"DROP GRAPH <{GRAPH}a>", BOARD_LOWER, True),
    "with … delete/insert": (
        f"WITH <{GRAPH}d> DELETE {{ ?o {LABEL} ?l }} INSERT {{ ?o {LABEL} ?new }} "
        f'WHERE {{ ?o a <{ORG}> ; {LABEL} ?l FILTER (?l = "{BOARD_UPPER}"@vi) '
        f'BIND (STRLANG("{BOARD_LOWER}", "vi") AS ?new) }}',
        BOARD_LOWER,
        True,
    ),
}


@pytest.mark.parametrize("case", ONE_GRAPH_UPDATES, ids=list(ONE_GRAPH_UPDATES))
def test_an_update_of_one_article_graph_leaves_the_corpus_graph_as_relabel_would(
    several: Served, case: str
) -> None:
    s = several
    text, board, lamp_kept = ONE_GRAPH_UPDATES[case]
    board_iri, lamp_iri = entity(s, BOARD_UPPER), entity(s, LAMP)
    update(s, text.replace("LAMP_MODEL", f"<{lamp_iri}>").replace("BOARD", f"<{board_iri}>"))
    with stored(s) as st:
        labels = preferred(st)
        assert labels[board_iri] == [board]
        assert (lamp_iri in labels) == lamp_kept
        # an initiative left with no spelling breaks the shapes (one label in each article naming it, one
        # preferred label over all): the update's doing, which relabel does not mend either
        assert validate_store(st).conforms == lamp_kept
        after = corpus_graph(st)
    assert after == relabelled(s)


def test_an_update_whose_template_has_a_graph_variable_has_every_label_chosen_again(several: Served) -> None:
    s = several
    # every article writes the board as b does
    update(
        s,
        f"DELETE {{ GRAPH ?g {{ ?o {LABEL} ?l }} }} INSERT {{ GRAPH ?g {{ ?o {LABEL} ?new }} }} "
        f'WHERE {{ GRAPH ?g {{ ?o a <{ORG}> ; {LABEL} ?l FILTER (?l = "{BOARD_UPPER}"@vi) }} '
        f'BIND (STRLANG("{BOARD_LOWER}", "vi") AS ?new) }}',
    )
    with stored(s) as st:
        assert pref_of(st, BOARD_LOWER) == BOARD_LOWER
        assert validate_store(st).conforms
        after = corpus_graph(st)
    assert after == relabelled(s)
    # a graph variable may name the corpus graph: what it writes there does not survive the update
    board = entity(s, BOARD_LOWER)
    update(
        s,
        f'INSERT {{ GRAPH ?g {{ <{board}> <{SKOS}prefLabel> "Ban khác"@vi }} }} WHERE {{ VALUES ?g {{ <{CORPUS}> }} }}',
    )
    with stored(s) as st:
        assert preferred(st)[board] == [BOARD_LOWER]
        assert corpus_graph(st) == after
    update(s, " ; ".join(f"DROP GRAPH <{GRAPH}{name}>" for name in "abcd"))
    with stored(s) as st:
        assert CORPUS not in st.graphs()  # nothing left to label


def test_an_update_rdflib_cannot_parse_runs_with_every_label_chosen_again(several: Served) -> None:
    """Oxigraph's LATERAL: the graphs cannot be read from the text, the update still runs."""
    s = several
    update(
        s,
        f"INSERT {{ GRAPH <{GRAPH}d> {{ ?o {LABEL} ?l }} }} WHERE {{ GRAPH <{GRAPH}b> {{ ?o a <{ORG}> }} "
        f"LATERAL {{ SELECT ?o ?l WHERE {{ GRAPH <{GRAPH}b> {{ ?o {LABEL} ?l }} }} LIMIT 1 }} }}",
    )
    with stored(s) as st:
        assert pref_of(st, BOARD_LOWER) == BOARD_LOWER
        after = corpus_graph(st)
    assert after == relabelled(s)


def test_an_update_writing_the_corpus_graph_is_refused_and_changes_nothing(several: Served) -> None:
    s = several
    board = entity(s, BOARD_UPPER)
    with stored(s) as st:
        before = st.dump(NQUADS)
    for text in (
        f'INSERT DATA {{ GRAPH <{GRAPH}d> {{ <{board}> {LABEL} "{BOARD_LOWER}"@vi }} }} ; '
        f'INSERT DATA {{ GRAPH <{CORPUS}> {{ <{board}> <{SKOS}prefLabel> "Ban khác"@vi }} }}',
        f"WITH <{CORPUS}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
        f"DROP GRAPH <{CORPUS}>",
        f"COPY <{GRAPH}a> TO <{CORPUS}>",
    ):
        r = httpx.post(
            f"{s.url}/update", content=text, headers={**AUTH, "Content-Type": "application/sparql-update"}
        )
        assert r.status_code == 400, (text, r.text)
        assert f"writes the corpus graph <{CORPUS}>" in r.text and "article graphs" in r.text
    with stored(s) as st:
        assert st.dump(NQUADS) == before


def test_a_syntax_error_is_oxigraphs(several: Served) -> None:
    r = httpx.post(
        f"{several.url}/update",
        content=f"INSERT DATA {{ GRAPH <{CORPUS}> {{ <a> }} }}",
        headers={**AUTH, "Content-Type": "application/sparql-update"},
    )
    assert r.status_code == 400 and r.text.startswith("SPARQL syntax error at line 1, column "), r.text


def test_writes_through_to_a_remote_store_keep_its_labels_by_queries_and_updates(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """``serve --store URL --write-token``: the same refresh runs through the store protocol (each request
    atomic on the server, not the whole write)."""
    folder = two_spellings(tmp_path / "in")
    article(folder, "c", LOWER, "2024-05-01", village="Nam")
    with open_store(tmp_path / "all") as both:
        build([folder], store=both, gazetteer=gazetteer, reference=False)
        expected = corpus_graph(both)
    s = Served("", tmp_path / "unused-store", folder, tmp_path)
    with (
        sparql_servers.oxigraph_server() as server,
        RemoteStore(server.query, update_url=server.update) as remote,
        serve_in_thread(create_app(remote, base_iri="https://w3id.org/antq/", write_token=TOKEN)) as url,
    ):
        s.url = url
        for name in ("a", "b", "c"):
            for graph, body in built_graphs(s, name).items():
                if graph != CORPUS:
                    assert send(s, "POST", graph, body).status_code == 204
        assert sorted(map(str, remote.quads(CORPUS))) == expected
        update(s, f"DROP GRAPH <{GRAPH}c>")
        assert pref_of(remote, BOARD_LOWER) == BOARD_UPPER  # type: ignore[arg-type]
