"""Graph stage: :class:`~antq_kg.model.Facts` → an RDF ``Dataset``, one named graph per article (issue 2).

The model (``../shared/docs/VOCAB.md`` §1–2, ``ontology/antq.ttl``):

- the article is a ``schema:NewsArticle``; its NFC text a ``nif:Context`` (``nif:isString``, SHA-256,
  the ingest normalisation, ``prov:wasDerivedFrom`` the article);
- every mention is a ``nif:Phrase`` (``nif:referenceContext``, ``nif:beginIndex``, ``nif:endIndex``,
  ``nif:anchorOf`` = the exact slice); count mentions also point to their ``nif:Sentence``;
- every fact is its own node with ``gaf:denotedBy`` ≥ 1 phrase and ``prov:wasDerivedFrom`` the
  article: ``org:Post`` (a post held by a person in an organisation), ``org:Membership``,
  ``qb:Observation``/``antq:Count`` (one ``qb:DataSet`` per article, the shared DSD
  ``antq:CountStructure``), ``antq:VagueCount`` (no number, no magnitude: outside the cube),
  ``antq:CampaignParticipation`` (an initiative run in a place);
- entities: ``foaf:Person`` with ``antq:rank`` → a rank concept; ``org:Organization`` (a Đảng ủy
  is ``org:linkedTo`` its police department); ``schema:AdministrativeArea`` with an admin-level
  concept, the ``schema:containedInPlace`` chain and ``antq:adminUnit`` → the gazetteer unit;
  ``antq:Initiative`` with a kind concept (the ANTQ movement is one IRI in all its written forms).

Cross-article identity (issue 4 "In the graph"; IRI layout in :mod:`antq_kg.iris`). Each entity
node records ``antq:identityKey`` (what was compared) and ``antq:identityBasis`` (why, in English)
so that ``antq-kg explain`` can say on what basis mentions were merged:

- a place the gazetteer resolves is ``id/place/{key}``, whatever the written chain, with the
  gazetteer's name, level and parent chain (so two articles writing different parents agree); a
  residential unit is keyed by its resolved commune; unresolved places stay in their article;
- an organisation naming a unit is its head (abbreviations expanded: "CA" → "Công an") plus its
  unit's gazetteer key, so "CA tỉnh Hưng Yên" and "Công an tỉnh Hưng Yên" are one IRI while the
  pre- and post-2025 police of a province are two; a bare "Công an tỉnh" stays in its article;
- a person is merged across articles only on the same folded name AND the same organisation AND
  the same rank (or no rank stated), never on the name alone; with no organisation the person
  belongs to its article;
- the ANTQ movement is one IRI in all its written forms (``lexicons/campaigns_antq.tsv``).

The build run (``prov:Activity``: tool version, start time) and the ``prov:wasGeneratedBy`` links
of each article graph live in a separate run graph, so the article graphs are byte-identical
across runs (issue 2, "deterministic IRIs"). No blank nodes are emitted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns

from .iris import Minter, article_slug, content_hash, is_movement, slugify
from .lexicon import rows
from .model import Abbreviation, Campaign, Count, Facts, Organization, Person, Place
from .text import NORMALIZATION, Span, fold_key
from .version import __version__
from .vocab import (
    ANTQ,
    ANY_CRITERION,
    AREA_NOT_STATED,
    CENTRAL_CITIES,
    COUNT_STRUCTURE,
    DEFAULT_BASE_IRI,
    GAF,
    LEVEL_DEPTH,
    NIF,
    NOT_NESTED,
    OA,
    PERIOD_NOT_STATED,
    PREFIXES,
    QUALIFIER_SLUGS,
    SCHEMA,
    SCHEMES,
    SOLE_STATEMENT,
    VAGUE_MAGNITUDES,
    WHOLE_AREA,
    concept,
)

if TYPE_CHECKING:
    from .gazetteer import AdminUnit, Gazetteer

RDF, RDFS, XSD, SKOS, PROV, ORG, FOAF, QB, DCTERMS, TIME = (
    ns.RDF,
    ns.RDFS,
    ns.XSD,
    ns.SKOS,
    ns.PROV,
    ns.ORG,
    ns.FOAF,
    ns.QB,
    ns.DCTERMS,
    ns.TIME,
)

__all__ = [
    "ONTOLOGY_GRAPH",
    "BuildRun",
    "add_article",
    "add_ontology",
    "annotations_view",
    "build_graph",
    "new_dataset",
    "run_graph_iri",
]

#: The named graph the ontology is loaded into (:func:`add_ontology`).
ONTOLOGY_GRAPH = URIRef("https://w3id.org/antq/ontology")


@dataclass(frozen=True, slots=True)
class BuildRun:
    """One build: a ``prov:Activity`` with the tool version and its start time."""

    id: str
    started: datetime
    tool_version: str = __version__

    @classmethod
    def new(cls, *, now: datetime | None = None) -> BuildRun:
        """A fresh run stamped ``now`` (UTC) with a unique id."""
        started = (now or datetime.now(UTC)).replace(microsecond=0)
        return cls(id=f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}", started=started)


def new_dataset() -> Dataset:
    """An empty ``Dataset`` with the project's prefixes bound."""
    ds = Dataset()
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri, replace=True)
    return ds


def run_graph_iri(run: BuildRun, *, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The named graph holding the record of ``run``."""
    return URIRef(f"{Minter(base_iri, '').run_graph_prefix}{run.id}")


def build_graph(
    facts: Iterable[Facts],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    run: BuildRun | None = None,
) -> Dataset:
    """Build the dataset of ``facts``: one named graph per article plus one run graph."""
    ds = new_dataset()
    run = run or BuildRun.new()
    for f in facts:
        add_article(ds, f, base_iri=base_iri, gazetteer=gazetteer, run=run)
    return ds


def add_article(
    ds: Dataset,
    facts: Facts,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    run: BuildRun | None = None,
) -> URIRef:
    """Add (or replace) one article's named graph in ``ds``; returns the graph IRI."""
    text_sha = hashlib.sha256(facts.text.encode("utf-8")).hexdigest()
    m = Minter(base_iri, article_slug(facts.path, text_sha))
    g = ds.graph(m.graph)
    g.remove((None, None, None))
    _ArticleBuilder(g, m, facts, text_sha, gazetteer).build()
    run = run or BuildRun.new()
    _record_run(ds, m, run)
    return m.graph


def add_ontology(ds: Dataset, *, path: str | Path | None = None) -> URIRef:
    """Load ``ontology/antq.ttl`` (or ``path``) into its own named graph of ``ds``.

    The competency queries read labels, rank order, level depths and unit-type hierarchy from it,
    so a store that answers them holds this graph beside the article graphs.
    """
    from .validate import DEFAULT_ONTOLOGY, load_graph

    g = ds.graph(ONTOLOGY_GRAPH)
    g.remove((None, None, None))
    g += load_graph(path, DEFAULT_ONTOLOGY)
    return ONTOLOGY_GRAPH


def _record_run(ds: Dataset, m: Minter, run: BuildRun) -> None:
    rg = ds.graph(URIRef(f"{m.run_graph_prefix}{run.id}"))
    act = m.run(run.id)
    rg.add((act, RDF.type, PROV.Activity))
    rg.add((act, RDF.type, ANTQ.BuildRun))
    rg.add((act, RDFS.label, Literal(f"antq-kg build {run.id}", lang="en")))
    rg.add((act, PROV.startedAtTime, Literal(run.started.isoformat(), datatype=XSD.dateTime)))
    rg.add((act, ANTQ.toolVersion, Literal(run.tool_version)))
    rg.add((m.graph, RDF.type, PROV.Entity))
    rg.add((m.graph, RDF.type, ANTQ.ArticleGraph))
    rg.add((m.graph, PROV.wasGeneratedBy, act))
    rg.add((m.graph, PROV.wasDerivedFrom, m.news_article))


# -- helpers ----------------------------------------------------------------------------------------


def vi(text: str) -> Literal:
    """A Vietnamese literal."""
    return Literal(text, lang="vi")


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


def _dec(value: Decimal) -> Literal:
    return Literal(value, datatype=XSD.decimal)


def level_slug(place: Place) -> str:
    """The admin-level concept slug of a place's type word (``thành phố`` split by its position).

    >>> level_slug(Place("thị xã", "Mỹ Hào"))
    'thi-xa'
    >>> level_slug(Place("thành phố", "Hà Nội")), level_slug(Place("thành phố", "Hưng Yên"))
    ('thanh-pho-tw', 'thanh-pho')
    >>> level_slug(Place("Thành phố", "Huế", parent=Place("tỉnh", "X")))
    'thanh-pho'
    """
    slug = slugify(place.type)
    if slug == "thanh-pho-truc-thuoc-trung-uong":
        return "thanh-pho-tw"
    if slug == "thanh-pho" and place.parent is None and fold_key(place.name) in CENTRAL_CITIES:
        return "thanh-pho-tw"
    return slug


#: Organisation kinds by name prefix (folded), longest first; VOCAB.md §3(b) organisation kinds.
ORG_KINDS: tuple[tuple[str, str], ...] = (
    ("đảng ủy", "dang-uy"),
    ("bộ công an", "bo-cong-an"),
    ("công an tỉnh", "cong-an-tinh"),
    ("công an thành phố", "cong-an-tinh"),
    ("công an huyện", "cong-an-huyen"),
    ("công an quận", "cong-an-huyen"),
    ("công an thị xã", "cong-an-huyen"),
    ("công an xã", "cong-an-xa"),
    ("công an phường", "cong-an-xa"),
    ("công an thị trấn", "cong-an-xa"),
    ("công an đặc khu", "cong-an-xa"),
    ("ủy ban mặt trận tổ quốc", "ubmttq"),
    ("ủy ban mttq", "ubmttq"),
    ("mặt trận tổ quốc", "ubmttq"),
    ("ủy ban nhân dân", "ubnd"),
    ("ubnd", "ubnd"),
    ("hội đồng nhân dân", "hdnd"),
    ("hđnd", "hdnd"),
    ("ban chỉ đạo", "ban-chi-dao"),
)


def org_kind(name: str) -> str | None:
    """The organisation-kind concept slug of an organisation name, if its prefix is known.

    >>> org_kind("Công an tỉnh Hưng Yên"), org_kind("Đảng ủy Công an tỉnh Hưng Yên"), org_kind("Hội X")
    ('cong-an-tinh', 'dang-uy', None)
    """
    key = fold_key(name)
    for prefix, slug in ORG_KINDS:
        if key.startswith(prefix):
            return slug
    return None


#: Administrative type words that may follow an organisation's head ("Công an" + "tỉnh Hưng Yên"),
#: two-word ones first (VOCAB.md §3c).
ORG_UNIT_TYPES: tuple[tuple[str, ...], ...] = tuple(
    tuple(t.split())
    for t in ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
)


@functools.cache
def _abbreviations() -> dict[str, str]:
    """Short form → expansion from ``lexicons/abbrev_known.tsv`` (VOCAB.md §3e), misspellings
    mapped to their canonical form's expansion."""
    table = {r[0]: r[1] for r in rows("abbrev_known") if len(r) > 1}
    for r in rows("abbrev_known"):
        if len(r) > 2 and r[2] in table:
            table[r[0]] = table[r[2]]
    return table


def expand_abbreviations(name: str) -> str:
    """An organisation name with its upper-case abbreviations written out (issue 4: "CA tỉnh
    Hưng Yên" and "Công an tỉnh Hưng Yên" are one organisation).

    >>> expand_abbreviations("CA tỉnh Hưng Yên")
    'Công an tỉnh Hưng Yên'
    >>> expand_abbreviations("Ủy ban MTQT tỉnh Hưng Yên")
    'Ủy ban Mặt trận Tổ quốc tỉnh Hưng Yên'
    >>> expand_abbreviations("Công an tỉnh Hưng Yên")
    'Công an tỉnh Hưng Yên'

    An expansion is expanded in turn, and does not repeat the word before it:

    >>> expand_abbreviations("Phòng PV05 Công an tỉnh Quảng Ngãi")
    'Phòng Xây dựng phong trào bảo vệ an ninh Tổ quốc Công an tỉnh Quảng Ngãi'
    """
    table = _abbreviations()
    out: list[str] = []
    todo = name.split()
    budget = 2 * len(todo)  # expansions of expansions, bounded
    while todo:
        word = todo.pop(0)
        full = table.get(word) if len(word) > 1 and word.isupper() and budget > 0 else None
        if full is None:
            out.append(word)
            continue
        budget -= 1
        words = full.split()
        if out and words and fold_key(words[0]) == fold_key(out[-1]):
            words = words[1:]
        todo[:0] = words
    text = " ".join(out)
    return text[:1].upper() + text[1:]


#: Heads of the people's councils, committees and fronts of a territorial unit: their Party committee is
#: the unit's own ("Bí thư Đảng ủy, Chủ tịch HĐND xã Ô Lâm" → Đảng ủy xã Ô Lâm), not one inside the body.
_TERRITORIAL_BODIES = frozenset(
    fold_key(h)
    for h in (
        "UBND",
        "Ủy ban nhân dân",
        "HĐND",
        "Hội đồng nhân dân",
        "Ủy ban MTTQ",
        "Ủy ban MTTQ Việt Nam",
        "Ủy ban Mặt trận Tổ quốc",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "MTTQ",
        "Mặt trận Tổ quốc",
    )
)


def party_committee_of(organization: str) -> str:
    """The Party committee (Đảng ủy) a "Bí thư Đảng ủy" post beside a post in ``organization`` belongs to.

    A department has its own (VOCAB.md §1 ORG notes: "Đảng ủy Công an tỉnh"); a council, committee or front
    of a territorial unit shares the unit's.

    >>> party_committee_of("Công an tỉnh Hưng Yên")
    'Đảng ủy Công an tỉnh Hưng Yên'
    >>> party_committee_of("HĐND xã Ô Lâm")
    'Đảng ủy xã Ô Lâm'
    """
    head, unit = split_org_name(organization)
    if unit is not None and fold_key(head) in _TERRITORIAL_BODIES:
        return f"Đảng ủy {unit.type} {unit.name}"
    return f"Đảng ủy {organization}"


def split_org_name(name: str, place: Place | None = None) -> tuple[str, Place | None]:
    """``(head, unit)`` of an organisation name: the unit is the place the record names (when the
    name ends with it) or the trailing "type word + name"; ``None`` when the name names no unit.

    >>> split_org_name("Đảng ủy Công an tỉnh Hưng Yên")
    ('Đảng ủy Công an', Place(type='tỉnh', name='Hưng Yên', parent=None, spans=(), code=None, former=False))
    >>> split_org_name("Công an Hưng Yên", Place("tỉnh", "Hưng Yên"))[0]
    'Công an'
    >>> split_org_name("Công an xã Tân Lập (Mộc Châu)")[1].parent.name
    'Mộc Châu'
    >>> split_org_name("Bộ Công an"), split_org_name("Công an tỉnh")
    (('Bộ Công an', None), ('Công an tỉnh', None))
    """
    words = name.split()
    folded = [fold_key(w) for w in words]
    if place is not None:
        for tail in (f"{place.type} {place.name}", place.name):
            t = fold_key(tail).split()
            if 0 < len(t) < len(folded) and folded[-len(t) :] == t:
                return " ".join(words[: -len(t)]), place
    for i in range(1, len(words)):
        for type_words in ORG_UNIT_TYPES:
            n = len(type_words)
            if tuple(folded[i : i + n]) == type_words and i + n < len(words):
                unit_name, _, rest = " ".join(words[i + n :]).partition("(")
                inner = rest.split(")", 1)[0].strip()
                parent = Place("", inner) if inner else None  # "xã Tân Lập (Mộc Châu)": a typeless parent
                return " ".join(words[:i]), Place(" ".join(words[i : i + n]), unit_name.strip(), parent)
    return name, None


def names_a_bare_unit(name: str) -> bool:
    """Whether an organisation name ends with a type word and no name ("Công an tỉnh"), so that
    it means a different unit in each article.

    >>> names_a_bare_unit("Công an tỉnh"), names_a_bare_unit("Công an tỉnh Hưng Yên")
    (True, False)
    """
    folded = tuple(fold_key(name).split())
    return any(len(folded) > len(t) and folded[-len(t) :] == t for t in ORG_UNIT_TYPES)


_SENTENCE_END = re.compile(r"(?:[.!?…]+[\"”’)]*)(?=\s+\S)|\n")


def sentence_span(text: str, span: Span) -> Span:
    """The sentence (or line) around ``span``: cut at line breaks and at ``. ! ? …`` before a space.

    >>> t = "Một câu. Hai có 5 tổ; 6 đội.\\nBa"
    >>> sentence_span(t, Span(16, 19)).slice(t)
    'Hai có 5 tổ; 6 đội.'
    """
    begin, end = 0, len(text)
    for mt in _SENTENCE_END.finditer(text):
        if mt.end() <= span.begin:
            begin = mt.end()
        elif mt.start() >= span.end:
            end = mt.end() if mt.group() != "\n" else mt.start()
            break
    while begin < span.begin and text[begin].isspace():
        begin += 1
    while end > span.end and text[end - 1].isspace():
        end -= 1
    return Span(begin, end)


# -- the builder ------------------------------------------------------------------------------------


@dataclass
class _ArticleBuilder:
    g: Graph
    m: Minter
    facts: Facts
    text_sha: str
    gazetteer: Gazetteer | None
    _places: dict[tuple[tuple[str, str], ...], URIRef] = field(default_factory=dict)
    _orgs: dict[str, URIRef] = field(default_factory=dict)
    _province: URIRef | None = None
    _province_name: str | None = None
    _date: date | None = None
    _keys: dict[tuple[tuple[str, str], ...], str | None] = field(default_factory=dict)
    _reasons: dict[tuple[tuple[str, str], ...], str] = field(default_factory=dict)
    _units: set[str] = field(default_factory=set)

    @property
    def article(self) -> URIRef:
        return self.m.news_article

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def build(self) -> None:
        self._article()
        roots = [top.chain()[-1] for top in self.facts.places]
        provinces = [r.name for r in roots if LEVEL_DEPTH.get(level_slug(r)) == 1]
        self._province_name = max(provinces, key=provinces.count) if provinces else None
        for top in self.facts.places:
            self.place(top)
        self._province = self._article_province()
        for org in self.facts.organizations:
            self.organization(org.name, org)
        for person in self.facts.persons:
            self.person(person)
        for campaign in self.facts.campaigns:
            self.campaign(campaign)
        self._counts()
        for abbreviation in self.facts.abbreviations:
            self.abbreviation(abbreviation)

    # -- article and evidence -----------------------------------------------------------------

    def _article(self) -> None:
        f, m = self.facts, self.m
        meta: dict[str, Any] = f.metadata or {}
        self.add(self.article, RDF.type, SCHEMA.NewsArticle)
        self.add(self.article, SCHEMA.inLanguage, Literal(str(meta.get("language") or "vi")))
        self.add(self.article, ANTQ.sourcePath, Literal(PurePath(f.path).name))
        title = f.title or meta.get("title")
        if title:
            self.add(self.article, SCHEMA.headline, vi(str(title)))
        when = meta.get("date")
        published = when.get("published") if isinstance(when, dict) else None
        if published:
            self.add(self.article, SCHEMA.datePublished, Literal(str(published), datatype=XSD.date))
            with contextlib.suppress(ValueError):
                self._date = date.fromisoformat(str(published))
        if f.author:
            author = URIRef(f"{self.article}#author")
            self.add(author, RDF.type, SCHEMA.Person)
            self.add(author, SCHEMA.name, vi(f.author))
            self.evidence(author, f.author_spans)
            self.add(self.article, SCHEMA.author, author)
            self.add(self.article, DCTERMS.creator, author)
        if isinstance(when, dict):
            self._date_bounds(when)
        ctx = m.context
        self.add(ctx, RDF.type, NIF.Context)
        self.add(ctx, NIF.isString, Literal(f.text))
        self.add(ctx, NIF.beginIndex, _int(0))
        self.add(ctx, NIF.endIndex, _int(len(f.text)))
        self.add(ctx, ANTQ.sha256, Literal(self.text_sha))
        self.add(ctx, ANTQ.normalization, Literal(NORMALIZATION))
        self.add(ctx, PROV.wasDerivedFrom, self.article)

    def _date_bounds(self, when: dict[str, Any]) -> None:
        """What is known of the publication date (VOCAB.md §2.4): a ``time:Instant`` the article
        ``antq:publicationInstant``, with ``time:inXSDDate`` when the date is known, and bounds
        (``date.before``/``date.after`` of the sidecar) as ``time:before``/``time:after`` another
        instant, each with its evidence spans (``antq:boundEvidence``; only spans whose quoted text
        is the article's slice), reason and confidence: derived bounds are claims with evidence."""
        bounds = [(TIME.before, "before"), (TIME.after, "after")]
        if not when.get("published") and not any(when.get(k) for _, k in bounds):
            return
        instant = URIRef(f"{self.article}#publication")
        self.add(self.article, ANTQ.publicationInstant, instant)
        self.add(instant, RDF.type, TIME.Instant)
        published = when.get("published")
        if published:
            self.add(instant, TIME.inXSDDate, Literal(str(published), datatype=XSD.date))
        for prop, k in bounds:
            day = when.get(k)
            if not day:
                continue
            bound = URIRef(f"{self.article}#published-{k}")
            self.add(instant, prop, bound)
            self.add(bound, RDF.type, TIME.Instant)
            self.add(bound, TIME.inXSDDate, Literal(str(day), datatype=XSD.date))
            if when.get("reason"):
                self.add(bound, ANTQ.boundReason, Literal(str(when["reason"]), lang="en"))
            if when.get("confidence"):
                self.add(bound, ANTQ.boundConfidence, Literal(str(when["confidence"])))
            for ev in when.get("evidence") or ():
                span = _evidence_span(ev, self.facts.text)
                if span is not None:
                    self.add(bound, ANTQ.boundEvidence, self.phrase(span))

    def identity(self, node: URIRef, key: str, basis: str) -> None:
        """Record why ``node`` is the IRI it is (issue 4: every merge is explainable)."""
        self.add(node, ANTQ.identityKey, Literal(key))
        self.add(node, ANTQ.identityBasis, Literal(basis, lang="en"))

    def phrase(self, span: Span, *, with_sentence: bool = False) -> URIRef:
        """The ``nif:Phrase`` of ``span`` (added once)."""
        iri = self.m.phrase(span.begin, span.end)
        self.add(iri, RDF.type, NIF.Phrase)
        self.add(iri, NIF.referenceContext, self.m.context)
        self.add(iri, NIF.beginIndex, _int(span.begin))
        self.add(iri, NIF.endIndex, _int(span.end))
        self.add(iri, NIF.anchorOf, Literal(span.slice(self.facts.text)))
        if with_sentence:
            sent = sentence_span(self.facts.text, span)
            s_iri = self.m.phrase(sent.begin, sent.end)
            self.add(s_iri, RDF.type, NIF.Sentence)
            self.add(s_iri, NIF.referenceContext, self.m.context)
            self.add(s_iri, NIF.beginIndex, _int(sent.begin))
            self.add(s_iri, NIF.endIndex, _int(sent.end))
            self.add(s_iri, NIF.anchorOf, Literal(sent.slice(self.facts.text)))
            self.add(iri, NIF.sentence, s_iri)
        return iri

    def evidence(self, node: URIRef, spans: Iterable[Span], *, with_sentence: bool = False) -> None:
        for span in spans:
            self.add(node, GAF.denotedBy, self.phrase(span, with_sentence=with_sentence))

    def fact(self, node: URIRef, cls: URIRef, spans: Iterable[Span], *, with_sentence: bool = False) -> None:
        self.add(node, RDF.type, cls)
        self.add(node, PROV.wasDerivedFrom, self.article)
        self.evidence(node, spans, with_sentence=with_sentence)

    def concept(self, scheme: str, label: str, *, slug: str | None = None) -> URIRef:
        """A concept minted from a phrase, stated in this graph with the phrase as ``altLabel``."""
        iri = concept(scheme, slug or slugify(label))
        self.add(iri, RDF.type, SKOS.Concept)
        self.add(iri, SKOS.inScheme, SCHEMES[scheme])
        self.add(iri, SKOS.altLabel, vi(label))
        return iri

    # -- places ---------------------------------------------------------------------------------

    def _chain_key(self, place: Place) -> tuple[tuple[str, str], ...]:
        return tuple((fold_key(p.type), fold_key(p.name)) for p in place.chain())

    def place(self, place: Place) -> URIRef:
        """The place node of a written place (added once per chain), with its evidence."""
        key = self._chain_key(place)
        iri = self._places.get(key)
        if iri is None:
            iri = self._places[key] = self._new_place(place)
        self.evidence(iri, place.spans)
        return iri

    def _new_place(self, place: Place) -> URIRef:
        level = level_slug(place)
        chain = [(p.type, p.name) for p in place.chain()]
        parent = self.place(place.parent) if place.parent is not None else None
        written = f"{place.type} {place.name}"
        gkey = self._gazetteer_key(place) if self.gazetteer is not None else None
        if gkey is None:
            scoped = self.gazetteer is not None
            iri = self.m.scoped_place(chain) if scoped else self.m.place(chain)
            self._describe_place(iri, place.name, written, level, parent)
            unit = self._admin_unit(place, level)
            if unit is not None:
                self.add(iri, ANTQ.adminUnit, unit)
            if scoped:
                why = self._reasons.get(self._chain_key(place), "no gazetteer unit")
                self.identity(
                    iri,
                    f"place|{self.m.article}|{'/'.join(fold_key(f'{t} {n}') for t, n in reversed(chain))}",
                    f"not resolved by the gazetteer ({why}): this article's place only",
                )
        else:
            assert self.gazetteer is not None
            iri = self.m.place_key(gkey)
            why = self._reasons.get(self._chain_key(place), "")
            if gkey in self.gazetteer:
                self._unit_place(self.gazetteer.get(gkey))
                if fold_key(written) != fold_key(self.gazetteer.get(gkey).label):
                    self.add(iri, SKOS.altLabel, vi(written))
                basis = f"resolved by the gazetteer to unit {gkey} as of the article's date ({why})"
            else:  # a residential unit, keyed by its commune
                self._describe_place(iri, place.name, written, level, parent)
                self.add(iri, ANTQ.adminUnit, self.m.admin_unit(gkey))
                basis = (
                    f"residential unit '{fold_key(written)}' of the commune the gazetteer resolved ({gkey})"
                )
            self.identity(iri, gkey, basis)
        if place.former:
            self.add(iri, ANTQ.former, Literal(True))
        return iri

    def _describe_place(self, iri: URIRef, name: str, label: str, level: str, parent: URIRef | None) -> None:
        self.add(iri, RDF.type, SCHEMA.AdministrativeArea)
        self.add(iri, SCHEMA.name, vi(name))
        self.add(iri, RDFS.label, vi(label))
        self.add(iri, ANTQ.adminLevel, concept("admin-level", level))
        if parent is not None:
            self.add(iri, SCHEMA.containedInPlace, parent)

    def _unit_place(self, unit: AdminUnit) -> URIRef:
        """The place node of a gazetteer unit: official name and level, parent chain from the
        gazetteer (up to the province), so every article says the same of it."""
        from .gazetteer_rdf import level_slug as unit_level

        assert self.gazetteer is not None
        iri = self.m.place_key(unit.key)
        if unit.key in self._units:
            return iri
        self._units.add(unit.key)
        parent = self.gazetteer.parent(unit)
        parent_iri = self._unit_place(parent) if parent is not None and parent.level >= 1 else None
        self._describe_place(iri, unit.name, unit.label, unit_level(unit), parent_iri)
        self.add(iri, ANTQ.adminUnit, self.m.admin_unit(unit.key))
        return iri

    def _admin_unit(self, place: Place, level: str) -> URIRef | None:
        """The gazetteer unit of ``place``: resolved by the gazetteer when given, else from ``code``.

        Without a gazetteer a GSO code is read as a pre-2025 unit (``p``/``d``/``c`` + code), the
        key scheme of ``data/gazetteer/units.csv``.
        """
        if self.gazetteer is not None:
            key = self._gazetteer_key(place)
            if key:
                return self.m.admin_unit(key)
        if place.code:
            prefix = {1: "p", 2: "d", 3: "c"}.get(LEVEL_DEPTH.get(level, 0))
            if prefix:
                return self.m.admin_unit(prefix + place.code)
        return None

    def _gazetteer_key(self, place: Place) -> str | None:
        """Key of the unit a written chain means, as of the article's date and in its province
        (issue 4); a residential unit (thôn, tổ dân phố…) is keyed by its resolved commune."""
        from .gazetteer import residential_key

        assert self.gazetteer is not None
        chain = self._chain_key(place)
        if chain in self._keys:
            return self._keys[chain]
        key: str | None = None
        if LEVEL_DEPTH.get(level_slug(place)) == 4:
            parent_key = self._gazetteer_key(place.parent) if place.parent is not None else None
            if parent_key:
                key = residential_key(parent_key, place.type, place.name)
        else:
            res = self.gazetteer.resolve_chain(place, on=self._date, province_hint=self._province_name)
            key = res.unit.key if res.unit is not None else None
            self._reasons[chain] = res.reason
        self._keys[chain] = key
        return key

    def _article_province(self) -> URIRef | None:
        """The province most of the article's places sit in (the refArea of counts with none)."""
        roots: Counter[tuple[tuple[str, str], ...]] = Counter()
        first: dict[tuple[tuple[str, str], ...], int] = {}
        for i, top in enumerate(self.facts.places):
            root = top.chain()[-1]
            if LEVEL_DEPTH.get(level_slug(root)) == 1:
                k = self._chain_key(root)
                roots[k] += 1
                first.setdefault(k, i)
        if not roots:
            return None
        best = max(roots, key=lambda k: (roots[k], -first[k]))
        return self._places[best]

    def place_ref(self, place: Place | None) -> URIRef | None:
        return None if place is None else self.place(place)

    # -- organisations and persons --------------------------------------------------------------

    def organization(self, name: str, org: Organization | None = None) -> URIRef:
        """The organisation node of a written name (identity: see the module docstring)."""
        key = fold_key(name)
        iri = self._orgs.get(key)
        if iri is None:
            canon = expand_abbreviations(name)
            iri, label, ident, basis = self._org_identity(canon, org)
            self._orgs[key] = iri
            self.add(iri, RDF.type, ORG.Organization)
            self.add(iri, SKOS.prefLabel, vi(label))
            if fold_key(name) != fold_key(label):
                self.add(iri, SKOS.altLabel, vi(name))
            self.identity(iri, ident, basis)
            kind = org_kind(label)
            if kind:
                self.add(iri, ORG.classification, concept("org-kind", kind))
            if fold_key(canon).startswith("đảng ủy "):
                parent_name = canon.split(None, 2)[2] if len(canon.split(None, 2)) == 3 else ""
                if parent_name and org_kind(parent_name):
                    self.add(iri, ORG.linkedTo, self.organization(parent_name))
        if org is not None:
            self.evidence(iri, org.spans)
            area = self.place_ref(org.place)
            if area is not None:
                self.add(iri, SCHEMA.areaServed, area)
        return iri

    def _org_identity(self, canon: str, org: Organization | None) -> tuple[URIRef, str, str, str]:
        """``(IRI, label, identity key, basis)`` of an organisation with a canonical name."""
        head, unit_place = split_org_name(canon, org.place if org is not None else None)
        if unit_place is None:
            if names_a_bare_unit(canon):
                return (
                    self.m.scoped_org(canon),
                    canon,
                    f"org|{self.m.article}|{fold_key(canon)}",
                    "names no particular unit (a bare type word): this article's organisation only",
                )
            return (
                self.m.org(canon),
                canon,
                f"org|{fold_key(canon)}",
                "same name, folded (case, tone placement) with abbreviations written out",
            )
        if self.gazetteer is None:
            return (
                self.m.org(canon),
                canon,
                f"org|{fold_key(canon)}",
                "same name, folded (case, tone placement) with abbreviations written out (no gazetteer)",
            )
        written = self._article_place(unit_place)
        gkey = self._gazetteer_key(written)
        if gkey is None:
            return (
                self.m.scoped_org(canon),
                canon,
                f"org|{self.m.article}|{fold_key(canon)}",
                f"its unit '{unit_place.type} {unit_place.name}' is not resolved by the gazetteer: "
                "this article's organisation only",
            )
        unit_label = (
            self.gazetteer.get(gkey).label if gkey in self.gazetteer else f"{written.type} {written.name}"
        )
        label = f"{head} {unit_label}"
        return (
            self.m.org_in(head, gkey),
            label[:1].upper() + label[1:],
            f"org|{fold_key(head)}|{gkey}",
            f"same head '{fold_key(head)}' (abbreviations written out) and the same gazetteer unit {gkey}",
        )

    def _article_place(self, place: Place) -> Place:
        """The article's own written chain for ``place`` (same type word and name, and a parent of
        the same name when ``place`` has one), else ``place``."""
        from .gazetteer import split_type_word

        want = (fold_key(place.type), fold_key(place.name))
        parent = fold_key(split_type_word(place.parent.name)[1]) if place.parent is not None else None
        for top in self.facts.places:
            chain = top.chain()
            for i, p in enumerate(chain):
                if (fold_key(p.type), fold_key(p.name)) != want:
                    continue
                if parent is None or any(fold_key(a.name) == parent for a in chain[i + 1 :]):
                    return p
        return place

    def person(self, p: Person) -> None:
        org = self.organization(p.organization) if p.organization else None
        if org is not None:
            iri = self.m.person_in(org, p.name, p.rank)
            rank = slugify(p.rank) if p.rank else "-"
            self.identity(
                iri,
                f"person|{fold_key(p.name)}|{org}|{rank}",
                f"the same folded name '{fold_key(p.name)}', organisation <{org}> and rank "
                f"'{p.rank or 'none stated'}': one person across articles (never merged on the name alone)",
            )
        else:
            iri = self.m.person(p.name)
            self.identity(
                iri,
                f"person|{self.m.article}|{fold_key(p.name)}",
                "no organisation stated: this article's person only (never merged on the name alone)",
            )
        self.add(iri, RDF.type, FOAF.Person)
        self.add(iri, RDF.type, SCHEMA.Person)
        self.add(iri, FOAF.name, vi(p.name))
        self.add(iri, RDFS.label, vi(p.name))
        self.add(iri, PROV.wasDerivedFrom, self.article)
        self.evidence(iri, p.spans)
        if p.rank:
            rank = concept("rank", slugify(p.rank))
            self.add(iri, ANTQ.rank, rank)
            self.add(rank, SKOS.altLabel, vi(p.rank))  # as written; the scheme is in the ontology
        if p.honorific:
            self.add(iri, ANTQ.honorific, vi(p.honorific))
        first = p.spans[0] if p.spans else Span(0, 0)
        if org is not None:
            ms = self.m.fact("membership", p.name, p.organization, first.begin)
            self.fact(ms, ORG.Membership, (*p.spans, *p.post_spans))
            self.add(ms, ORG.member, iri)
            self.add(ms, ORG.organization, org)
            self.add(ms, RDFS.label, vi(f"{p.name} – {p.organization}"))
        aligned = len(p.post_spans) == len(p.posts)
        for i, post in enumerate(p.posts):
            if org is None or p.organization is None:
                self.add(iri, SCHEMA.jobTitle, vi(post))
                continue
            post_org, org_name = org, p.organization
            if "đảng ủy" in fold_key(post) and not fold_key(org_name).startswith("đảng ủy"):
                org_name = party_committee_of(p.organization)
                post_org = self.organization(org_name)
            spans = (p.post_spans[i],) if aligned else (p.post_spans or p.spans)
            node = self.m.fact("post", p.name, post, org_name, spans[0].begin if spans else first.begin)
            self.fact(node, ORG.Post, spans)
            self.add(node, ORG.postIn, post_org)
            self.add(node, ORG.role, self.concept("post", post))
            self.add(node, ORG.heldBy, iri)
            self.add(node, RDFS.label, vi(f"{post} – {org_name}"))
            self.add(iri, ORG.holds, node)

    # -- initiatives ------------------------------------------------------------------------------

    def campaign(self, c: Campaign) -> None:
        iri = self.m.initiative(c.name)
        self.add(iri, RDF.type, ANTQ.Initiative)
        if is_movement(c.name):
            self.add(iri, SKOS.prefLabel, vi("Toàn dân bảo vệ an ninh Tổ quốc"))
            if fold_key(c.name) != fold_key("Toàn dân bảo vệ an ninh Tổ quốc"):
                self.add(iri, SKOS.altLabel, vi(c.name))
            self.identity(
                iri,
                "initiative|toàn dân bảo vệ an ninh tổ quốc",
                "a written form of the movement Toàn dân bảo vệ an ninh Tổ quốc "
                "(forms listed in lexicons/campaigns_antq.tsv): one movement in every article",
            )
        else:
            self.add(iri, SKOS.prefLabel, vi(c.name))
            self.identity(
                iri,
                f"initiative|{slugify(c.name)}",
                "the same name, folded (case, tone placement, punctuation): one initiative across articles",
            )
        if c.kind:
            self.add(iri, ANTQ.initiativeKind, self.concept("initiative-kind", c.kind))
        self.evidence(iri, c.spans)
        site = self.place_ref(c.place)
        if site is not None and c.place is not None:
            first = c.spans[0].begin if c.spans else 0
            node = self.m.fact(
                "participation", c.name, *(f"{p.type} {p.name}" for p in c.place.chain()), first
            )
            self.fact(node, ANTQ.CampaignParticipation, (*c.spans, *c.place.spans))
            self.add(node, ANTQ.initiative, iri)
            self.add(node, ANTQ.site, site)
            self.add(node, RDFS.label, vi(f"{c.name} – {c.place.type} {c.place.name}"))

    # -- counts -----------------------------------------------------------------------------------

    def _counts(self) -> None:
        if not self.facts.counts:
            return
        ds = self.m.dataset
        self.add(ds, RDF.type, QB.DataSet)
        self.add(ds, QB.structure, COUNT_STRUCTURE)
        self.add(ds, RDFS.label, vi(f"Số liệu của bài {PurePath(self.facts.path).name}"))
        self.add(ds, PROV.wasDerivedFrom, self.article)
        _add_structure(self.g)
        for n, context in zip(self.facts.counts, self._statement_contexts(ds), strict=True):
            self.count(n, ds, context)

    def _dimensions(self, n: Count) -> tuple[URIRef, ...]:
        """The values of the cube dimensions (other than the statement) of count ``n``."""
        return (
            self.place_ref(n.place) or self._province or AREA_NOT_STATED,
            concept("unit-type", slugify(n.unit)),
            concept("criterion", slugify(n.criterion)) if n.criterion else ANY_CRITERION,
            concept("scope", slugify(n.scope)) if n.scope else WHOLE_AREA,
            concept("unit-type", slugify(n.within)) if n.within else NOT_NESTED,
            concept("period", slugify(n.period)) if n.period else PERIOD_NOT_STATED,
        )

    def _statement_contexts(self, ds: URIRef) -> list[URIRef]:
        """The ``antq:statementContext`` of each count (Data Cube IC-12: no two observations of
        one data set share every dimension value).

        A count whose other dimensions are unique in its article gets ``antq:soleStatement``; two
        or more that agree on every other dimension ("3 tập thể"/"24 tập thể" that differ only by
        a note the cube does not model) each get the ``nif:Phrase`` of their first evidence span,
        or ``{dataset}#count-{n}`` (n = its order in the article, from 1) when they share it.
        """
        counts = self.facts.counts
        dims = [
            self._dimensions(n) if n.value is not None or n.qualifier in VAGUE_MAGNITUDES else None
            for n in counts
        ]
        seen = Counter(d for d in dims if d is not None)
        out: list[URIRef] = []
        for i, (n, d) in enumerate(zip(counts, dims, strict=True)):
            if d is None or seen[d] == 1:
                out.append(SOLE_STATEMENT)
            else:
                out.append(
                    self.m.phrase(n.spans[0].begin, n.spans[0].end)
                    if n.spans
                    else URIRef(f"{ds}#count-{i + 1}")
                )
        clash = Counter(zip(dims, out, strict=True))
        return [
            URIRef(f"{ds}#count-{i + 1}") if o != SOLE_STATEMENT and clash[(d, o)] > 1 else o
            for i, (d, o) in enumerate(zip(dims, out, strict=True))
        ]

    def count(self, n: Count, ds: URIRef, context: URIRef = SOLE_STATEMENT) -> None:
        first = n.spans[0].begin if n.spans else -1
        qualifier = n.qualifier if n.qualifier in QUALIFIER_SLUGS else "exact"
        value = n.value
        lower: Decimal | None = None
        upper: Decimal | None = None
        if value is None and qualifier in VAGUE_MAGNITUDES:
            magnitude, lo, hi = VAGUE_MAGNITUDES[qualifier]
            value, lower, upper = Decimal(magnitude), Decimal(lo), Decimal(hi)
        elif value is not None:
            if qualifier == "exact":
                lower = upper = value
            elif qualifier == "at_least":
                lower = value
            elif qualifier == "at_most":
                upper = value
        node = self.m.fact("obs", n.unit, n.value, qualifier, n.criterion, n.scope, n.within, n.period, first)
        label = f"{n.value if n.value is not None else qualifier} {n.unit}"
        unit_type = self.concept("unit-type", n.unit)
        area = self.place_ref(n.place) or self._province or AREA_NOT_STATED
        if value is None:
            self.fact(node, ANTQ.VagueCount, n.spans, with_sentence=True)
        else:
            self.fact(node, QB.Observation, n.spans, with_sentence=True)
            self.add(node, RDF.type, ANTQ.Count)
            self.add(node, QB.dataSet, ds)
            self.add(node, ANTQ.statedValue, _dec(value))
            if lower is not None:
                self.add(node, ANTQ.lowerBound, _dec(lower))
            if upper is not None:
                self.add(node, ANTQ.upperBound, _dec(upper))
            self.add(
                node,
                ANTQ.criterion,
                self.concept("criterion", n.criterion) if n.criterion else ANY_CRITERION,
            )
            self.add(node, ANTQ.scope, self.concept("scope", n.scope) if n.scope else WHOLE_AREA)
            self.add(node, ANTQ.period, self.concept("period", n.period) if n.period else PERIOD_NOT_STATED)
            self.add(node, ANTQ.withinUnit, self.concept("unit-type", n.within) if n.within else NOT_NESTED)
            self.add(node, ANTQ.statementContext, context)
        self.add(node, RDFS.label, vi(label))
        self.add(node, ANTQ.unitType, unit_type)
        self.add(node, ANTQ.refArea, area)
        self.add(node, ANTQ.quantityQualifier, concept("qualifier", QUALIFIER_SLUGS[qualifier]))
        self.add(node, ANTQ.unitPhrase, vi(n.unit))
        if n.of is not None:
            self.add(node, ANTQ.denominator, _dec(n.of))
        for prop, phrase in (
            (ANTQ.criterionPhrase, n.criterion),
            (ANTQ.scopePhrase, n.scope),
            (ANTQ.periodPhrase, n.period),
            (ANTQ.note, n.note),
        ):
            if phrase:
                self.add(node, prop, vi(phrase))

    # -- abbreviations ------------------------------------------------------------------------------

    def abbreviation(self, a: Abbreviation) -> None:
        """An abbreviation as a SKOS concept of ``antq:AbbreviationScheme`` (one per standard short
        form across articles: the short form and its expansion as ``skos:altLabel``, a known
        misspelling as ``skos:hiddenLabel``, VOCAB.md §1 SKOS) and, when the article writes it, an
        ``antq:AbbreviationUse`` fact: where the text uses it and whether it defines it there."""
        short = a.canonical or a.short
        iri = _abbreviation_concept(short)
        self.add(iri, RDF.type, SKOS.Concept)
        self.add(iri, SKOS.inScheme, SCHEMES["abbreviation"])
        self.add(iri, SKOS.notation, Literal(short))
        self.add(iri, SKOS.altLabel, vi(short))
        if a.canonical and a.canonical != a.short:
            self.add(iri, SKOS.hiddenLabel, vi(a.short))
        if a.expansion:
            self.add(iri, SKOS.altLabel, vi(a.expansion))
        if not a.spans:
            return
        node = self.m.fact("abbreviation", a.short, a.expansion, a.spans[0].begin)
        self.fact(node, ANTQ.AbbreviationUse, a.spans)
        self.add(node, ANTQ.abbreviation, iri)
        self.add(node, ANTQ.definedInText, Literal(a.defined))
        self.add(node, RDFS.label, vi(f"{a.short} = {a.expansion}" if a.expansion else a.short))
        if a.expansion:
            self.add(node, ANTQ.expansion, vi(a.expansion))


def _abbreviation_concept(short: str) -> URIRef:
    return concept("abbreviation", slugify(short))


def _evidence_span(ev: Any, text: str) -> Span | None:
    """A sidecar evidence entry ``{"begin", "end", "text"}`` as a span of ``text``, or ``None``
    when it is malformed or its ``text`` is not the slice (a stale sidecar never yields a wrong span).

    >>> _evidence_span({"begin": 2, "end": 4, "text": "cd"}, "abcdef"), _evidence_span({"begin": 2, "end": 4, "text": "x"}, "abcdef")
    (Span(begin=2, end=4), None)
    """
    if not isinstance(ev, dict):
        return None
    try:
        begin, end = int(ev["begin"]), int(ev["end"])
    except (KeyError, TypeError, ValueError):
        return None
    if not 0 <= begin < end <= len(text):
        return None
    if "text" in ev and text[begin:end] != ev["text"]:
        return None
    return Span(begin, end)


#: The shared Data Cube structure: (component property, kind, required) — mirrors ontology/antq.ttl.
STRUCTURE: tuple[tuple[URIRef, URIRef, bool], ...] = (
    (ANTQ.refArea, QB.dimension, True),
    (ANTQ.unitType, QB.dimension, True),
    (ANTQ.criterion, QB.dimension, True),
    (ANTQ.scope, QB.dimension, True),
    (ANTQ.withinUnit, QB.dimension, True),
    (ANTQ.period, QB.dimension, True),
    (ANTQ.statementContext, QB.dimension, True),
    (ANTQ.statedValue, QB.measure, True),
    (ANTQ.quantityQualifier, QB.attribute, True),
    (ANTQ.lowerBound, QB.attribute, False),
    (ANTQ.upperBound, QB.attribute, False),
    (ANTQ.denominator, QB.attribute, False),
)


def component_iri(prop: URIRef) -> URIRef:
    """The component specification of ``prop`` in ``antq:CountStructure``.

    >>> str(component_iri(ANTQ.refArea))
    'https://w3id.org/antq/ontology#CountStructure-refArea'
    """
    return URIRef(f"{COUNT_STRUCTURE}-{str(prop).rsplit('#', 1)[1]}")


def _add_structure(g: Graph) -> None:
    """The DSD triples (also in ``ontology/antq.ttl``) so each article's cube is self-contained."""
    g.add((COUNT_STRUCTURE, RDF.type, QB.DataStructureDefinition))
    for order, (prop, kind, required) in enumerate(STRUCTURE, start=1):
        spec = component_iri(prop)
        g.add((COUNT_STRUCTURE, QB.component, spec))
        g.add((spec, RDF.type, QB.ComponentSpecification))
        g.add((spec, kind, prop))
        g.add((spec, QB.order, Literal(order)))
        if kind == QB.attribute:
            g.add((spec, QB.componentRequired, Literal(required)))


# -- Web Annotation export view (VOCAB.md §1 "Web Annotation") ---------------------------------------


def annotations_view(ds: Graph | Dataset, *, context_chars: int = 32) -> Graph:
    """The evidence of ``ds`` as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), an
    export view of the NIF model, as a new graph (no blank nodes, same input → same triples).

    For every ``gaf:denotedBy`` link from an entity or fact to a ``nif:Phrase`` (context ``C``,
    offsets ``b``, ``e``, quote ``s``): an ``oa:Annotation`` with ``oa:hasBody`` the entity or fact,
    ``oa:motivatedBy oa:identifying`` and ``oa:hasTarget`` an ``oa:SpecificResource``
    (``oa:hasSource C``) with a ``oa:TextPositionSelector`` (``oa:start b``, ``oa:end e``, code
    points of the NFC text as NIF counts them) and a ``oa:TextQuoteSelector`` (``oa:exact s`` plus
    up to ``context_chars`` characters of ``oa:prefix``/``oa:suffix``). IRIs are fragments of the
    context: ``C#oa-target-char=b,e``, ``C#oa-position-char=b,e``, ``C#oa-quote-char=b,e``, and
    ``C#oa-{hash of body and offsets}`` for the annotation.
    """
    out = Graph()
    for prefix, iri in PREFIXES.items():
        out.bind(prefix, iri, replace=True)
    src: Graph = ds
    if isinstance(ds, Dataset):
        src = Graph()
        for s, p, o, _g in ds.quads((None, None, None, None)):
            src.add((s, p, o))
    texts: dict[URIRef, str] = {}
    for body, phrase in src.subject_objects(GAF.denotedBy):
        if not isinstance(phrase, URIRef) or not isinstance(body, URIRef):
            continue
        ctx = src.value(phrase, NIF.referenceContext)
        b, e, exact = (
            src.value(phrase, NIF.beginIndex),
            src.value(phrase, NIF.endIndex),
            src.value(phrase, NIF.anchorOf),
        )
        if not isinstance(ctx, URIRef) or b is None or e is None or exact is None:
            continue
        begin, end = int(b), int(e)  # type: ignore[call-overload]
        if ctx not in texts:
            texts[ctx] = str(src.value(ctx, NIF.isString) or "")
        text = texts[ctx]
        where = f"char={begin},{end}"
        target, pos, quote = (URIRef(f"{ctx}#oa-{kind}-{where}") for kind in ("target", "position", "quote"))
        anno = URIRef(f"{ctx}#oa-{content_hash(body, begin, end)}")
        out.add((anno, RDF.type, OA.Annotation))
        out.add((anno, OA.hasBody, body))
        out.add((anno, OA.hasTarget, target))
        out.add((anno, OA.motivatedBy, OA.identifying))
        out.add((target, RDF.type, OA.SpecificResource))
        out.add((target, OA.hasSource, ctx))
        out.add((target, OA.hasSelector, pos))
        out.add((target, OA.hasSelector, quote))
        out.add((pos, RDF.type, OA.TextPositionSelector))
        out.add((pos, OA.start, _int(begin)))
        out.add((pos, OA.end, _int(end)))
        out.add((quote, RDF.type, OA.TextQuoteSelector))
        out.add((quote, OA.exact, Literal(str(exact))))
        if text:
            if begin > 0:
                out.add((quote, OA.prefix, Literal(text[max(0, begin - context_chars) : begin])))
            if end < len(text):
                out.add((quote, OA.suffix, Literal(text[end : end + context_chars])))
    return out
