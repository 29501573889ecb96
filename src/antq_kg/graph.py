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

The build run (``prov:Activity``: tool version, start time) and the ``prov:wasGeneratedBy`` links
of each article graph live in a separate run graph, so the article graphs are byte-identical
across runs (issue 2, "deterministic IRIs"). No blank nodes are emitted.
"""

from __future__ import annotations

import contextlib
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

from . import __version__
from .iris import Minter, article_slug, slugify
from .model import Campaign, Count, Facts, Organization, Person, Place
from .text import NORMALIZATION, Span, fold_key
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
    PERIOD_NOT_STATED,
    PREFIXES,
    QUALIFIER_SLUGS,
    SCHEMA,
    SCHEMES,
    VAGUE_MAGNITUDES,
    WHOLE_AREA,
    concept,
)

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

RDF, RDFS, XSD, SKOS, PROV, ORG, FOAF, QB, DCTERMS = (
    ns.RDF,
    ns.RDFS,
    ns.XSD,
    ns.SKOS,
    ns.PROV,
    ns.ORG,
    ns.FOAF,
    ns.QB,
    ns.DCTERMS,
)

__all__ = [
    "ONTOLOGY_GRAPH",
    "BuildRun",
    "add_article",
    "add_ontology",
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
        ctx = m.context
        self.add(ctx, RDF.type, NIF.Context)
        self.add(ctx, NIF.isString, Literal(f.text))
        self.add(ctx, NIF.beginIndex, _int(0))
        self.add(ctx, NIF.endIndex, _int(len(f.text)))
        self.add(ctx, ANTQ.sha256, Literal(self.text_sha))
        self.add(ctx, ANTQ.normalization, Literal(NORMALIZATION))
        self.add(ctx, PROV.wasDerivedFrom, self.article)

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
        key = self._chain_key(place)
        iri = self._places.get(key)
        if iri is None:
            iri = self.m.place([(p.type, p.name) for p in place.chain()])
            self._places[key] = iri
            level = level_slug(place)
            self.add(iri, RDF.type, SCHEMA.AdministrativeArea)
            self.add(iri, SCHEMA.name, vi(place.name))
            self.add(iri, RDFS.label, vi(f"{place.type} {place.name}"))
            self.add(iri, ANTQ.adminLevel, concept("admin-level", level))
            if place.parent is not None:
                self.add(iri, SCHEMA.containedInPlace, self.place(place.parent))
            unit = self._admin_unit(place, level)
            if unit is not None:
                self.add(iri, ANTQ.adminUnit, unit)
            if place.former:
                self.add(iri, ANTQ.former, Literal(True))
        self.evidence(iri, place.spans)
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
        key = fold_key(name)
        iri = self._orgs.get(key)
        if iri is None:
            iri = self.m.org(name)
            self._orgs[key] = iri
            self.add(iri, RDF.type, ORG.Organization)
            self.add(iri, SKOS.prefLabel, vi(name))
            kind = org_kind(name)
            if kind:
                self.add(iri, ORG.classification, concept("org-kind", kind))
            if key.startswith("đảng ủy "):
                parent_name = name.split(None, 2)[2] if len(name.split(None, 2)) == 3 else ""
                if parent_name and org_kind(parent_name):
                    self.add(iri, ORG.linkedTo, self.organization(parent_name))
        if org is not None:
            self.evidence(iri, org.spans)
            area = self.place_ref(org.place)
            if area is not None:
                self.add(iri, SCHEMA.areaServed, area)
        return iri

    def person(self, p: Person) -> None:
        iri = self.m.person(p.name)
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
        org = self.organization(p.organization) if p.organization else None
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
                org_name = f"Đảng ủy {p.organization}"
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
        if str(iri).endswith("/toan-dan-bao-ve-an-ninh-to-quoc"):
            self.add(iri, SKOS.prefLabel, vi("Toàn dân bảo vệ an ninh Tổ quốc"))
            if fold_key(c.name) != fold_key("Toàn dân bảo vệ an ninh Tổ quốc"):
                self.add(iri, SKOS.altLabel, vi(c.name))
        else:
            self.add(iri, SKOS.prefLabel, vi(c.name))
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
        for n in self.facts.counts:
            self.count(n, ds)

    def count(self, n: Count, ds: URIRef) -> None:
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
        ):
            if phrase:
                self.add(node, prop, vi(phrase))


#: The shared Data Cube structure: (component property, kind, required) — mirrors ontology/antq.ttl.
STRUCTURE: tuple[tuple[URIRef, URIRef, bool], ...] = (
    (ANTQ.refArea, QB.dimension, True),
    (ANTQ.unitType, QB.dimension, True),
    (ANTQ.criterion, QB.dimension, True),
    (ANTQ.scope, QB.dimension, True),
    (ANTQ.withinUnit, QB.dimension, True),
    (ANTQ.period, QB.dimension, True),
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
