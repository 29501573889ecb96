"""Link stage: reconcile gazetteer units with Wikidata and keep the links as data, so the graph
reaches other open-data graphs (``data/links/README.md``: files, columns, methods).

Reconciliation runs over the SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/: POST,
form-encoded ``query``, ``Accept: application/sparql-results+json``) against the public Wikidata
endpoint or any endpoint holding Wikidata-shaped data (the tests use a local Oxigraph server):

* provinces with an ISO 3166-2 code (``data/gazetteer/iso3166-2.csv``) by ``wdt:P300``
  (ISO 3166-2 is Wikidata's ``P300``); a code carried by two items links neither;
* every other unit (post-2025 provinces, districts, communes) by **label + parent + instance-of**:
  an item whose ``rdfs:label`` or ``skos:altLabel`` in ``@vi`` has the unit's name (type word and
  a ", X" / " (X)" disambiguation removed, case and tone placement folded with
  :func:`antq_kg.text.fold_key`, so "Nhân Hoà" = "Nhân Hòa"), whose ``P131`` is the item
  already linked to the unit's parent (Viet Nam is ``wd:Q881``), and whose ``P31`` is a class
  of Vietnamese units of that level (truthy ``wdt:`` or any non-deprecated statement, so former
  parents and classes count) (``data/links/wikidata-classes.csv``; ⚠ the QIDs there are
  unverified). Items with the class of the unit's own type win over other classes of its level
  (a Wikidata item describes Mỹ Hào across its 2019 change from huyện to thị xã, so both
  gazetteer versions link to it); two items still tied link neither.

Queries are batched (``VALUES`` blocks of :data:`BATCH` codes or parents), each bounded by
``timeout``; any transport, HTTP or format failure is one :class:`~antq_kg.errors.RemoteError`.

The links are kept as Turtle in ``data/links/wikidata.ttl`` (:func:`write_links`, sorted and
deterministic) and reused offline (:func:`load_links`, :func:`read_links`). For each link::

    <{base}id/place/{key}> skos:exactMatch wd:Q… .
    <{base}id/link/wikidata/{key}> a rdf:Statement ;        # the evidence node
        rdf:subject <{base}id/place/{key}> ; rdf:predicate skos:exactMatch ; rdf:object wd:Q… ;
        dcterms:type "iso3166-2" | "label+parent+class" ;   # the method
        rdfs:comment "…" ;                                  # what matched: code, label, parent, class
        prov:value "Nhân Hoà"@vi ;                          # the Wikidata label that matched
        dcterms:relation wd:Q… ;                            # the parent item (label matches)
        prov:wasDerivedFrom <endpoint> .

Federation: the embedded store (pyoxigraph 0.5) *does* evaluate ``SERVICE`` by HTTP and has no
switch to turn it off, so :meth:`antq_kg.store.EmbeddedStore.query` refuses every ``SERVICE``
endpoint not in its ``services`` allow-list; :func:`federated_query` allows Wikidata (or the
endpoints given). pyoxigraph sends the ``SERVICE`` block as written, without the bindings of the
rest of the query, and with no timeout of its own: the block must be selective by itself
(``queries/federated-wikidata.rq``).
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns
from rdflib.term import Node

from . import iris
from .errors import InputError, RemoteError
from .gazetteer import AdminUnit, Gazetteer, name_key, split_type_word
from .prefixes import PREFIXES
from .resources import links_dir
from .version import __version__
from .vocab import DEFAULT_BASE_IRI, WD

if TYPE_CHECKING:
    from .store import QueryResult, Store

__all__ = [
    "BATCH",
    "SCOPES",
    "WIKIDATA_ENDPOINT",
    "Link",
    "default_links_directory",
    "federated_query",
    "label_key",
    "links_graph_iri",
    "links_to_turtle",
    "load_classes",
    "load_links",
    "read_links",
    "reconcile_wikidata",
    "select_units",
    "sparql_select",
    "write_links",
]

#: The public Wikidata Query Service (never contacted by tests or ``make serve``).
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
#: Codes or parents per query.
BATCH = 25
WDT = Namespace("http://www.wikidata.org/prop/direct/")
#: Viet Nam in Wikidata (docs/VOCABULARY.md §1, ``wd``), the parent of every province.
VIET_NAM_QID = "Q881"
USER_AGENT = f"antq-kg/{__version__} (knowledge graph of Vietnamese ANTQ news; reconciliation of admin units)"

METHOD_ISO = "iso3166-2"
METHOD_LABEL = "label+parent+class"

_PREFIXES = (
    "PREFIX wd: <http://www.wikidata.org/entity/>\n"
    "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
    "PREFIX p: <http://www.wikidata.org/prop/>\n"
    "PREFIX ps: <http://www.wikidata.org/prop/statement/>\n"
    "PREFIX wikibase: <http://wikiba.se/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
)


@dataclass(frozen=True, slots=True, order=True)
class Link:
    """One gazetteer unit matched to one Wikidata item, and why."""

    unit_key: str
    wikidata_iri: str
    method: str
    evidence: str
    label: str = ""
    parent_iri: str = ""
    endpoint: str = ""

    @property
    def qid(self) -> str:
        """The item's id (``Q…``).

        >>> Link("p33", "http://www.wikidata.org/entity/Q1", "iso3166-2", "P300 = VN-66").qid
        'Q1'
        """
        return self.wikidata_iri.rsplit("/", 1)[-1]


# -- data files -------------------------------------------------------------------------------------


def default_links_directory() -> Path:
    """The links shipped with the package (the repository's ``data/links``, :mod:`antq_kg.resources`)."""
    return links_dir()


ClassTable = Mapping[tuple[int, str], frozenset[str]]


def load_classes(path: Path | None = None) -> dict[tuple[int, str], frozenset[str]]:
    """The Wikidata classes of Vietnamese unit types: ``(level, type word) → {QID, …}``.

    Read from ``data/links/wikidata-classes.csv`` (columns ``type,level,qid,label_en,verified``).
    """
    p = path or default_links_directory() / "wikidata-classes.csv"
    table: dict[tuple[int, str], set[str]] = defaultdict(set)
    try:
        with p.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                table[int(row["level"]), row["type"]].add(row["qid"].strip())
    except (OSError, KeyError, ValueError) as exc:
        raise InputError(f"cannot read the Wikidata class table: {exc}", path=p) from exc
    return {k: frozenset(v) for k, v in table.items()}


# -- the SPARQL protocol client ----------------------------------------------------------------------


def _one_line(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def sparql_select(
    endpoint: str, query: str, *, client: httpx.Client | None = None, timeout: float = 60.0
) -> list[dict[str, str]]:
    """Run a SELECT over the SPARQL 1.1 Protocol; each solution as ``{variable: value}``.

    Any failure (connection, timeout, HTTP status, a body that is not SPARQL JSON) is a
    :class:`RemoteError` naming the endpoint, in one line.
    """
    own = client is None
    http = client if client is not None else httpx.Client(headers={"User-Agent": USER_AGENT})
    try:
        response = http.post(
            endpoint,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
            timeout=timeout,
        )
    except httpx.TimeoutException as exc:
        raise RemoteError(f"no answer within {timeout:g} s", endpoint=endpoint) from exc
    except httpx.HTTPError as exc:
        raise RemoteError(
            f"cannot reach the SPARQL endpoint: {_one_line(str(exc)) or type(exc).__name__}",
            endpoint=endpoint,
        ) from exc
    finally:
        if own:
            http.close()
    if response.status_code >= 400:
        raise RemoteError(
            f"HTTP {response.status_code}: {_one_line(response.text) or response.reason_phrase}",
            endpoint=endpoint,
            status=response.status_code,
        )
    try:
        bindings = json.loads(response.content)["results"]["bindings"]
        return [{k: str(v["value"]) for k, v in b.items()} for b in bindings]
    except (ValueError, KeyError, TypeError) as exc:
        raise RemoteError(
            f"not a SPARQL JSON result (Content-Type {response.headers.get('content-type', '?')})",
            endpoint=endpoint,
            status=response.status_code,
        ) from exc


# -- queries ------------------------------------------------------------------------------------------


def _literal(text: str) -> str:
    return Literal(text).n3()


def province_query(codes: Sequence[str]) -> str:
    """Items carrying one of the ISO 3166-2 ``codes`` (``wdt:P300``), with their ``@vi`` label.

    >>> print(province_query(["VN-66"]).splitlines()[-1])
    SELECT ?item ?code ?label WHERE { VALUES ?code { "VN-66" } ?item wdt:P300 ?code . OPTIONAL { ?item rdfs:label ?label FILTER(LANG(?label) = "vi") } }
    """
    values = " ".join(_literal(c) for c in codes)
    return _PREFIXES + (
        f"SELECT ?item ?code ?label WHERE {{ VALUES ?code {{ {values} }} ?item wdt:P300 ?code . "
        'OPTIONAL { ?item rdfs:label ?label FILTER(LANG(?label) = "vi") } }'
    )


def _statement(prop: str, value: str, node: str) -> str:
    """A truthy ``wdt:`` value, or the value of any statement of ``prop`` not of deprecated rank
    (a unit's former parent or class, kept with an end date after a change)."""
    return (
        f"{{ ?item wdt:{prop} {value} }} UNION {{ ?item p:{prop} ?{node} . ?{node} ps:{prop} {value} . "
        f"FILTER NOT EXISTS {{ ?{node} wikibase:rank wikibase:DeprecatedRank }} }}"
    )


def children_query(parents: Sequence[str], classes: Collection[str]) -> str:
    """Items located in (``P131``) one of ``parents`` that are instances (``P31``) of one of
    ``classes``, by a truthy statement or any other non-deprecated one (so a commune whose parent
    changed in 2025 is still found under its old district), with every ``@vi`` label and alias.

    >>> q = children_query(["Q1"], ["Q2"])
    >>> "VALUES ?parent { wd:Q1 }" in q and "VALUES ?class { wd:Q2 }" in q
    True
    """
    p = " ".join(f"wd:{q}" for q in parents)
    c = " ".join(f"wd:{q}" for q in sorted(classes))
    return _PREFIXES + (
        f"SELECT ?item ?parent ?class ?label ?alias WHERE {{ VALUES ?parent {{ {p} }} VALUES ?class {{ {c} }} "
        f"{_statement('P131', '?parent', 's1')} {_statement('P31', '?class', 's2')} "
        "{ ?item rdfs:label ?label } UNION { ?item skos:altLabel ?label BIND(true AS ?alias) } "
        'FILTER(LANG(?label) = "vi") }'
    )


_DISAMBIGUATION = re.compile(r"\s*(?:\([^)]*\)|,.*)$")


def label_key(label: str) -> str:
    """The key a Wikidata label is compared by: disambiguation and type word dropped, folded.

    >>> label_key("Nhân Hoà") == label_key("phường Nhân Hòa") == label_key("Nhân Hòa, Mỹ Hào")
    True
    >>> label_key("Mỹ Hào (thị xã)")
    'mỹ hào'
    """
    base = _DISAMBIGUATION.sub("", label.strip()) or label
    return name_key(split_type_word(base)[1])


# -- reconciliation -------------------------------------------------------------------------------------


def _batches(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _with_ancestors(gazetteer: Gazetteer, units: Iterable[AdminUnit]) -> list[AdminUnit]:
    seen: dict[str, AdminUnit] = {}
    for u in units:
        for v in (u, *gazetteer.ancestors(u)):
            seen.setdefault(v.key, v)
    return sorted(seen.values(), key=lambda u: (u.level, u.key))


#: ``--scope`` of ``antq-kg link``: the levels it reconciles.
SCOPES: dict[str, frozenset[int]] = {
    "provinces": frozenset({1}),
    "districts": frozenset({2}),
    "communes": frozenset({3}),
    "all": frozenset({1, 2, 3}),
}


def select_units(gazetteer: Gazetteer, scope: str = "all", *, province: str | None = None) -> list[AdminUnit]:
    """The units of ``scope`` (:data:`SCOPES`), of every era, optionally in one province
    (GSO code, ``"33"`` or ``"p33"``; pre- and post-2025 units of that code)."""
    if scope not in SCOPES:
        raise InputError(f"unknown scope {scope!r} (provinces, districts, communes or all)")
    levels = SCOPES[scope]
    code = None
    if province is not None:
        code = province.strip().lstrip("np").zfill(2)
        if not any(u.level == 1 and u.code == code for u in gazetteer.units()):
            raise InputError(f"no province with GSO code {province!r}")
    out = []
    for u in gazetteer.units():
        if u.level not in levels:
            continue
        if code is not None:
            prov = gazetteer.province(u)
            if prov is None or prov.code != code:
                continue
        out.append(u)
    return out


def reconcile_wikidata(
    gazetteer: Gazetteer,
    units: Iterable[AdminUnit],
    *,
    endpoint: str = WIKIDATA_ENDPOINT,
    client: httpx.Client | None = None,
    timeout: float = 60.0,
    classes: ClassTable | None = None,
    batch: int = BATCH,
    on_note: Callable[[str], None] | None = None,
) -> list[Link]:
    """Match ``units`` (and their ancestors, needed for the parent check) with Wikidata items.

    See the module docstring for the methods. Units left unmatched or ambiguous are reported
    through ``on_note`` (one line each) and get no link. Returns the links sorted by unit key.
    """
    table = load_classes() if classes is None else classes
    note = on_note or (lambda _msg: None)
    todo = [u for u in _with_ancestors(gazetteer, units) if u.level > 0]

    own = client is None
    http = client if client is not None else httpx.Client(headers={"User-Agent": USER_AGENT})

    def ask(query: str) -> list[dict[str, str]]:
        return sparql_select(endpoint, query, client=http, timeout=timeout)

    try:
        return _reconcile(gazetteer, todo, table, note, ask, batch, endpoint)
    finally:
        if own:
            http.close()


def _reconcile(
    gazetteer: Gazetteer,
    todo: list[AdminUnit],
    table: ClassTable,
    note: Callable[[str], None],
    ask: Callable[[str], list[dict[str, str]]],
    batch: int,
    endpoint: str,
) -> list[Link]:
    linked: dict[str, Link] = {}
    qid_of: dict[str, str] = {u.key: VIET_NAM_QID for u in gazetteer.units() if u.level == 0}

    by_iso = {gazetteer.iso3166_2[u.key]: u for u in todo if u.level == 1 and u.key in gazetteer.iso3166_2}
    codes = sorted(by_iso)
    tried = {u.key for u in by_iso.values()}  # a province with a code is linked by its code only
    for chunk in _batches(codes, batch):
        items: dict[str, dict[str, str]] = defaultdict(dict)
        for row in ask(province_query(chunk)):
            items[row["code"]].setdefault(row["item"], row.get("label", ""))
        for code in chunk:
            unit, coded = by_iso[code], items.get(code, {})
            if len(coded) != 1:
                note(f"{unit.key} ({unit.label}): {len(coded)} items with P300 {code}, not linked")
                continue
            iri, label = next(iter(coded.items()))
            linked[unit.key] = Link(unit.key, iri, METHOD_ISO, f"P300 = {code}", label, "", endpoint)
            qid_of[unit.key] = iri.rsplit("/", 1)[-1]

    for level in (1, 2, 3):
        level_units = [u for u in todo if u.level == level and u.key not in linked and u.key not in tried]
        level_classes = {t: q for (lv, t), q in table.items() if lv == level}
        all_classes = frozenset().union(*level_classes.values()) if level_classes else frozenset()
        if not level_units:
            continue
        if not all_classes:
            note(
                f"no Wikidata class for level {level} in the class table; {len(level_units)} unit(s) not linked"
            )
            continue
        waiting: dict[str, list[AdminUnit]] = defaultdict(list)
        for u in level_units:
            parent_qid = qid_of.get(u.parent_key or "")
            if parent_qid is None:
                note(f"{u.key} ({u.label}): parent {u.parent_key} not linked, not linked")
            else:
                waiting[parent_qid].append(u)
        for chunk in _batches(sorted(waiting), batch):
            # parent QID → label key → item IRI → (matched labels, classes); labels before aliases
            found: dict[str, dict[str, dict[str, tuple[set[tuple[bool, str]], set[str]]]]] = defaultdict(
                lambda: defaultdict(dict)
            )
            for row in ask(children_query(chunk, all_classes)):
                parent = row["parent"].rsplit("/", 1)[-1]
                entry = found[parent][label_key(row["label"])].setdefault(row["item"], (set(), set()))
                entry[0].add(("alias" in row, row["label"]))
                entry[1].add(row["class"].rsplit("/", 1)[-1])
            for parent in chunk:
                for u in waiting[parent]:
                    cands = found[parent].get(name_key(u.name), {})
                    own = level_classes.get(u.type, frozenset())
                    best = {i: c for i, c in cands.items() if c[1] & own} or cands
                    if len(best) != 1:
                        what = "no item" if not best else f"{len(best)} items ({', '.join(sorted(best))})"
                        note(f"{u.key} ({u.label}): {what} with that @vi label in wd:{parent}, not linked")
                        continue
                    iri, (labels, cls) = next(iter(best.items()))
                    label = min(labels)[1]
                    shown = sorted(cls & own) or sorted(cls)
                    evidence = f"label {label!r}@vi; P131 wd:{parent}; P31 " + ", ".join(
                        f"wd:{c}" for c in shown
                    )
                    linked[u.key] = Link(u.key, iri, METHOD_LABEL, evidence, label, str(WD[parent]), endpoint)
                    qid_of[u.key] = iri.rsplit("/", 1)[-1]
    return sorted(linked.values())


# -- Turtle ---------------------------------------------------------------------------------------------

_TTL_PREFIXES = {p: PREFIXES[p] for p in ("dcterms", "prov", "rdf", "rdfs", "skos", "wd")}


def _iri(iri: str) -> str:
    return (
        f"wd:{iri[len(str(WD)) :]}"
        if iri.startswith(str(WD)) and re.fullmatch(r"[A-Z]\d+", iri[len(str(WD)) :])
        else f"<{iri}>"
    )


def links_to_turtle(links: Iterable[Link], *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The links as sorted, deterministic Turtle (see the module docstring for the shape).

    >>> ttl = links_to_turtle([Link("p33", str(WD.Q1), "iso3166-2", "P300 = VN-66", "Hưng Yên",
    ...                             endpoint="http://127.0.0.1:1/q")])
    >>> print(ttl.split("\\n\\n")[1].splitlines()[0])
    <https://w3id.org/antq/id/place/p33> skos:exactMatch wd:Q1 .
    """
    out = [
        "# Links from antq-kg gazetteer units to Wikidata, written by `antq-kg link --wikidata`.",
        "# Regenerate rather than edit; see src/antq_kg/link.py for the method of each link.",
    ]
    out += [f"@prefix {p}: <{ns}> ." for p, ns in sorted(_TTL_PREFIXES.items())]
    blocks = []
    for link in sorted(links):
        unit = f"<{iris.place_iri(link.unit_key, base_iri=base_iri)}>"
        item = _iri(link.wikidata_iri)
        lines = [
            f"{unit} skos:exactMatch {item} .",
            f"<{base_iri}id/link/wikidata/{link.unit_key}> a rdf:Statement ;",
            f"    rdf:subject {unit} ;",
            "    rdf:predicate skos:exactMatch ;",
            f"    rdf:object {item} ;",
            f"    dcterms:type {_literal(link.method)} ;",
            f"    rdfs:comment {_literal(link.evidence)} ;",
        ]
        if link.label:
            lines.append(f"    prov:value {Literal(link.label, lang='vi').n3()} ;")
        if link.parent_iri:
            lines.append(f"    dcterms:relation {_iri(link.parent_iri)} ;")
        if link.endpoint:
            lines.append(f"    prov:wasDerivedFrom <{link.endpoint}> ;")
        lines[-1] = lines[-1][:-2] + " ."
        blocks.append("\n".join(lines))
    return "\n".join(out) + "\n\n" + "\n\n".join(blocks) + ("\n" if blocks else "")


def _parse(path: Path) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except SyntaxError as exc:  # rdflib's BadSyntax
        raise InputError(f"Turtle syntax error: {_one_line(str(exc))}", path=path) from exc
    except (OSError, ValueError) as exc:  # unreadable, or not UTF-8
        raise InputError(f"cannot read links: {_one_line(str(exc))}", path=path) from exc
    return g


def read_links(path: Path, *, base_iri: str = DEFAULT_BASE_IRI) -> list[Link]:
    """The links written by :func:`write_links` (sorted; evidence nodes are the source)."""
    g = _parse(path)
    prefix = iris.place_iri("", base_iri=base_iri)
    out = []
    for node in g.subjects(rns.RDF.type, rns.RDF.Statement):
        subject = str(g.value(node, rns.RDF.subject) or "")
        if not subject.startswith(prefix):
            continue

        def text(p: URIRef, n: URIRef = URIRef(str(node))) -> str:
            v = g.value(n, p)
            return str(v) if v is not None else ""

        out.append(
            Link(
                subject[len(prefix) :],
                text(rns.RDF.object),
                text(rns.DCTERMS.type),
                text(rns.RDFS.comment),
                text(rns.PROV.value),
                text(rns.DCTERMS.relation),
                text(rns.PROV.wasDerivedFrom),
            )
        )
    return sorted(out)


def write_links(
    links: Iterable[Link], path: Path, *, merge: bool = True, base_iri: str = DEFAULT_BASE_IRI
) -> list[Link]:
    """Write ``links`` to ``path`` as Turtle; with ``merge`` the links already in the file for
    other units are kept. Returns what the file now holds."""
    new = {link.unit_key: link for link in links}
    old = read_links(path, base_iri=base_iri) if merge and path.is_file() else []
    everything = sorted({**{link.unit_key: link for link in old}, **new}.values())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(links_to_turtle(everything, base_iri=base_iri), encoding="utf-8")
    except OSError as exc:
        raise InputError(exc.strerror or "cannot write file", path=path) from exc
    return everything


def links_graph_iri(*, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The named graph the links are loaded into.

    >>> links_graph_iri()
    rdflib.term.URIRef('https://w3id.org/antq/id/graph/links')
    """
    return URIRef(iris.links_graph_iri(base_iri=base_iri))


def load_links(
    directory: Path | None = None, *, base_iri: str = DEFAULT_BASE_IRI, into: Graph | None = None
) -> Graph:
    """Every ``*.ttl`` of ``directory`` (default ``data/links``) in one graph, offline.

    The files are written with the default base IRI; another ``base_iri`` rewrites the project's
    IRIs to it. ``into`` adds the triples to an existing graph (a named graph of a ``Dataset``).
    """
    d = directory or default_links_directory()
    g = Graph() if into is None else into
    for prefix, ns in _TTL_PREFIXES.items():
        g.bind(prefix, ns)
    old = f"{DEFAULT_BASE_IRI}id/"

    def rebase(t: Node) -> Node:
        if base_iri != DEFAULT_BASE_IRI and isinstance(t, URIRef) and t.startswith(old):
            return URIRef(f"{base_iri}id/{t[len(old) :]}")
        return t

    for path in sorted(d.glob("*.ttl")) if d.is_dir() else []:
        for s, p, o in _parse(path):
            g.add((rebase(s), p, rebase(o)))
    return g


# -- federation ----------------------------------------------------------------------------------------


def federated_query(
    store: Store, query: str, *, allowed: Collection[str] = (WIKIDATA_ENDPOINT,)
) -> QueryResult:
    """Run a query with ``SERVICE`` calls allowed to the ``allowed`` endpoints only (by default
    Wikidata's); any other ``SERVICE`` endpoint, or a variable one, is a ``QueryError`` before
    anything runs (:func:`antq_kg.store.service_endpoints` finds them)."""
    return store.query(query, services=allowed)
