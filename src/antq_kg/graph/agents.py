"""Organisations and persons of one article, and what the article says they hold (W3C ORG, https://www.w3.org/TR/vocab-org/).

- An organisation is an ``org:Organization``: its canonical name as the article spells it as ``rdfs:label``
  (the name as written, when it differs by more than case and tone placement, as ``skos:altLabel``); its
  one ``skos:prefLabel`` is chosen over every article in the corpus graph (:mod:`antq_kg.graph.corpus`),
  never stated by an article, since two articles may spell one organisation in two cases. Its kind (``org:classification``; a police
  department's kind from its unit's level). A Đảng ủy is ``org:linkedTo`` the department it is the Party
  organ of. The police hierarchy comes from the gazetteer: Công an xã/phường/thị trấn/đặc khu
  ``org:subOrganizationOf`` the police of the unit's parent (Công an huyện/quận/thị xã/thành phố until
  2025-03-01, or the province's after the reform), Công an tỉnh/thành phố ``org:subOrganizationOf`` Bộ
  Công an; a police Party committee ``org:subOrganizationOf`` the Party committee of the police above it
  (up to Đảng ủy Công an Trung ương). The organisations a link needs are described too.
- Reorganisations are ``org:ChangeEvent``s with ``org:originalOrganization``/``org:resultingOrganization``
  (``org:changedBy``/``org:resultedFrom`` on the organisations) and their date: the district police
  ended on 2025-03-01, their work going to the provincial police; the provincial police of the
  pre-2025 provinces became those of the merged provinces on 2025-07-01 (the gazetteer's succession).
  Only for organisations the article names.
- A person is a ``foaf:Person`` (who: :mod:`antq_kg.identity`). What changes with time is dated by the
  article: the rank it gives is an ``antq:RankStatement`` as of its publication instant; each post it
  names is an ``org:Membership`` (a fact node with its evidence: ``org:member`` the person,
  ``org:organization``, ``org:role`` the post concept, ``antq:post`` the shared ``org:Post``,
  ``org:memberDuring`` a ``time:ProperInterval`` that contains the publication instant, or ends
  before it for a former post, "nguyên Giám đốc"). The ``org:Post`` of an organisation and role is
  one across articles (``org:postIn``, ``org:role``, ``org:heldBy`` each holder). Where a post is held
  is read from its phrase (:func:`antq_kg.orgnames.read_post`): a post whose phrase names a body is a
  membership in that body with the role before it ("Ủy viên Ban Thường vụ Tỉnh ủy" → "Ủy viên" of the
  Ban Thường vụ Tỉnh ủy of the province, ``org:subOrganizationOf`` the Tỉnh ủy; "Bí thư Đảng ủy" beside
  a post in a department → the department's Party committee); a post written with its organisation
  ("nguyên Trưởng Công an huyện Kim Thành") is held in that organisation, resolved like any
  organisation name in the article's context; any other post is held in the person's organisation.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..identity.article import ArticleIdentities
from ..identity.lineage import DISTRICT_POLICE_END, district_police_end
from ..identity.records import OrgIdentity
from ..identity.rules import post, unit_organization
from ..iris import content_hash, place_iri
from ..model import Organization, Person, former_post, is_former
from ..orgnames import PostReading, expand_abbreviations, org_kind, read_post
from ..text import Span, fold_key
from ..vocab import concept
from .concepts import curated
from .places import Places
from .writer import NS, ArticleWriter, vi, xsd_date

if TYPE_CHECKING:
    from ..gazetteer import AdminUnit

__all__ = ["DISTRICT_POLICE_END", "Agents"]

_POLICE = "Công an"
_POLICE_PARTY = "Đảng ủy Công an"
#: The Party committee of the Ministry of Public Security, above the police Party committees.
CENTRAL_POLICE_PARTY = "Đảng ủy Công an Trung ương"
_MINISTRY = "Bộ Công an"
#: Kind of a police department by the depth of the unit it serves.
_POLICE_KINDS = {1: "cong-an-tinh", 2: "cong-an-huyen", 3: "cong-an-xa"}


class Agents:
    """Writes the organisations and persons of one article."""

    def __init__(self, w: ArticleWriter, ids: ArticleIdentities, places: Places) -> None:
        self.w, self.ids, self.places = w, ids, places
        self._orgs: dict[str, tuple[ox.NamedNode, OrgIdentity]] = {}
        self._described: dict[str, ox.NamedNode] = {}
        self._labels: dict[str, str] = {}

    # -- organisations ----------------------------------------------------------------------------

    def organization(self, name: str, org: Organization | None = None) -> tuple[ox.NamedNode, OrgIdentity]:
        """The organisation node of a written name, and its identity."""
        key = fold_key(name)
        found = self._orgs.get(key)
        if found is None:
            oid = self.ids.organization(name, org)
            node = self._describe(oid, written=name)
            found = self._orgs[key] = (node, oid)
        node = found[0]
        if org is not None:
            self.w.evidence(node, org.spans)
            area = self.places.ref(org.place)
            if area is not None:
                self.w.add(node, NS.schema.areaServed, area)
        return found

    def _describe(self, oid: OrgIdentity, *, written: str | None = None) -> ox.NamedNode:
        """State an organisation (once per article): label, kind, identity, and its links up."""
        w = self.w
        node = w.node(w.m.mint(oid.identity))
        if written is not None and fold_key(written) != fold_key(oid.label):
            w.add(node, NS.skos.altLabel, vi(written))
        w.add(node, NS.label, vi(oid.label))  # each spelling the article gives its canonical name
        if oid.identity.key in self._described:
            return node
        self._described[oid.identity.key] = node
        self._labels[node.value] = oid.label
        w.add(node, NS.type, NS.org.Organization)
        w.identity(node, oid.identity.key, oid.identity.basis)
        head = oid.head if oid.head is not None else oid.label
        kind = org_kind(oid.label)
        unit = self._unit(oid.unit_key)
        if unit is not None and fold_key(head) == fold_key(_POLICE):
            kind = _POLICE_KINDS.get(min(unit.level, 3), kind)
        if kind:
            w.add(node, NS.org.classification, w.node(str(concept("org-kind", kind))))
        canon = expand_abbreviations(oid.label)
        if fold_key(canon).startswith("đảng ủy "):
            body = canon.split(None, 2)[2] if len(canon.split(None, 2)) == 3 else ""
            if body and org_kind(body):
                w.add(node, NS.org.linkedTo, self.organization(body)[0])
        if unit is not None:
            # the unit version, described by the gazetteer graph: only named here, so that the article's
            # own places stay the ones it writes (a 2019 report does not describe the unit of 2025)
            w.add(node, NS.schema.areaServed, w.node(place_iri(unit.key, base_iri=w.m.base)))
            if fold_key(head) == fold_key(_POLICE):
                self._police_links(node, unit)
            elif fold_key(head) == fold_key(
                _POLICE_PARTY
            ):  # the police Party committees, up to the central one
                self._link_up(node, unit, _POLICE_PARTY, CENTRAL_POLICE_PARTY)
        return node

    def _unit(self, key: str | None) -> AdminUnit | None:
        gaz = self.ids.gazetteer
        return gaz.get(key) if key is not None and gaz is not None and key in gaz else None

    def _link_up(self, node: ox.NamedNode, unit: AdminUnit, head: str, top: str) -> None:
        """``org:subOrganizationOf`` the organisation of ``head`` serving the unit above ``unit`` in the
        gazetteer, or the organisation named ``top`` above a province."""
        gaz = self.ids.gazetteer
        assert gaz is not None
        parent = gaz.parent(unit)
        if unit.level == 1 or parent is None or parent.level < 1:
            above = self.organization(top)[0]
        else:
            above = self._describe(unit_organization(head, parent))
        self.w.add(node, NS.org.subOrganizationOf, above)

    def _police_links(self, node: ox.NamedNode, unit: AdminUnit) -> None:
        """The police above (the ministry above a province), and the reorganisations this department
        went through."""
        gaz = self.ids.gazetteer
        assert gaz is not None
        self._link_up(node, unit, _POLICE, _MINISTRY)
        province = district_police_end(gaz, unit)
        if province is not None:
            self._change(
                "district-police-end",
                (node,),
                (self._describe(unit_organization(_POLICE, province)),),
                DISTRICT_POLICE_END,
                f"Công an {unit.label} thôi hoạt động; nhiệm vụ chuyển về Công an {province.label} và Công an cấp xã",
            )
        if unit.level == 1:
            after = [u for u in gaz.successors(unit) if u.level == 1]
            for new in after:
                before = [u for u in gaz.predecessors(new) if u.level == 1]
                if new.valid_from is None:
                    continue
                originals = tuple(self._describe(unit_organization(_POLICE, u)) for u in before)
                resulting = self._describe(unit_organization(_POLICE, new))
                self._change(
                    f"{new.key}",
                    originals,
                    (resulting,),
                    new.valid_from,
                    f"Công an {', '.join(u.label for u in before)} thành Công an {new.label}",
                )

    def _change(
        self,
        what: str,
        originals: tuple[ox.NamedNode, ...],
        resulting: tuple[ox.NamedNode, ...],
        day: date,
        label: str,
    ) -> None:
        """An ``org:ChangeEvent`` (one IRI per change: its kind, date and resulting organisations)."""
        w = self.w
        key = content_hash(
            what, day, *sorted(r.value for r in resulting), *sorted(o.value for o in originals)
        )
        event = w.node(w.m.change("org", f"{day.isoformat()}-{key}"))
        w.add(event, NS.type, NS.org.ChangeEvent)
        w.add(event, NS.dcterms.date, xsd_date(day.isoformat()))
        w.add(event, NS.label, vi(label))
        for o in originals:
            w.add(event, NS.org.originalOrganization, o)
            w.add(o, NS.org.changedBy, event)
        for r in resulting:
            w.add(event, NS.org.resultingOrganization, r)
            w.add(r, NS.org.resultedFrom, event)

    # -- persons ------------------------------------------------------------------------------------

    def person(self, p: Person) -> None:
        w = self.w
        org = self.organization(p.organization) if p.organization else None
        identity = self.ids.person(p, org[1] if org is not None else None)
        node = w.node(w.m.mint(identity))
        w.identity(node, identity.key, identity.basis)
        w.add(node, NS.type, NS.foaf.Person)
        w.add(node, NS.type, NS.schema.Person)
        w.add(node, NS.foaf.name, vi(p.name))
        w.add(node, NS.label, vi(p.name))
        w.evidence(node, p.spans)
        if p.rank:
            self.rank(node, p)
        if p.honorific:
            w.add(node, NS.antq.honorific, vi(p.honorific))
        if org is not None and not p.posts:
            self.membership(node, p, org, None, p.spans)
        aligned = len(p.post_spans) == len(p.posts)
        held = [
            (written, (p.post_spans[i],) if aligned else (p.post_spans or p.spans))
            for i, written in enumerate(p.posts)
        ]
        for written, spans in held:
            former = is_former(written)
            reading = read_post(former_post(written))
            where = self._held_in(reading, p, org)
            if where is not None and reading.body is not None and reading.body.role == "before":
                self._body_evidence(where[0], written, reading, spans)
            if where is None:
                w.add(node, NS.schema.jobTitle, vi(written))
                continue
            self.membership(node, p, where, reading.role, spans, former=former)

    def _held_in(
        self, reading: PostReading, p: Person, org: tuple[ox.NamedNode, OrgIdentity] | None
    ) -> tuple[ox.NamedNode, OrgIdentity] | None:
        """Where a post is held: the body its phrase names, the organisation written after its role,
        else the person's organisation (``None`` when there is none)."""
        body = self.ids.body(reading, org[1] if org is not None else None, p.organization)
        if body is not None:
            node = self._describe(body.body)
            if body.within is not None:
                self.w.add(node, NS.org.subOrganizationOf, self._describe(body.within))
            return node, body.body
        if reading.organisation is not None:
            return self.organization(reading.organisation)
        return org

    def _body_evidence(
        self, body: ox.NamedNode, written: str, reading: PostReading, spans: tuple[Span, ...]
    ) -> None:
        """The words of a post's phrase that name its body ("Ban Thường vụ Tỉnh ủy" in "Ủy viên Ban
        Thường vụ Tỉnh ủy"), as the body's evidence, when the span quotes the phrase."""
        phrase = former_post(written)
        for span in spans:
            quoted = span.slice(self.w.text)
            at = quoted.find(phrase)
            if at < 0:
                continue
            begin = span.begin + at + len(reading.role)
            while begin < span.end and self.w.text[begin].isspace():
                begin += 1
            self.w.evidence(body, (Span(begin, span.begin + at + len(phrase)),))

    def membership(
        self,
        person: ox.NamedNode,
        p: Person,
        where: tuple[ox.NamedNode, OrgIdentity],
        role: str | None,
        spans: tuple[Span, ...],
        *,
        former: bool = False,
    ) -> None:
        """One holding: the person in an organisation (in the post ``role``, when named), at the
        article's date, or ended before it (``former``: "nguyên …")."""
        w = self.w
        org, org_identity = where
        anchor = spans[0].begin if spans else (p.spans[0].begin if p.spans else 0)
        ms = w.node(
            w.m.fact(
                "membership",
                p.name,
                p.organization,
                role,
                org.value,
                anchor,
                *(("former",) if former else ()),
            )
        )
        w.fact(ms, NS.org.Membership, (*p.spans, *spans) if role is not None else spans)
        w.add(ms, NS.org.member, person)
        w.add(ms, NS.org.organization, org)
        during = w.node(f"{ms.value}#during")
        w.add(ms, NS.org.memberDuring, during)
        w.add(during, NS.type, NS.time.ProperInterval)
        w.add(during, NS.time.before if former else NS.time.inside, w.publication)
        if role is None:
            w.add(ms, NS.label, vi(f"{p.name} – {self._label(org)}"))
            return
        role_node = w.concept("post", role)
        w.add(ms, NS.org.role, role_node)
        title = curated().label(role_node.value) or role
        pid = post(org_identity.identity, title)
        post_node = w.node(w.m.mint(pid))
        org_label = self._label(org)
        w.add(post_node, NS.type, NS.org.Post)
        w.add(post_node, NS.org.postIn, org)
        w.add(post_node, NS.org.role, role_node)
        w.add(post_node, NS.label, vi(f"{title} – {org_label}"))
        w.identity(post_node, pid.key, pid.basis)
        w.add(post_node, NS.org.heldBy, person)
        w.add(person, NS.org.holds, post_node)
        w.add(ms, NS.antq.post, post_node)
        w.add(ms, NS.label, vi(f"{p.name} – {'nguyên ' if former else ''}{title}, {org_label}"))

    def _label(self, org: ox.NamedNode) -> str:
        return self._labels.get(org.value, org.value)

    def rank(self, person: ox.NamedNode, p: Person) -> None:
        """The rank the article gives the person, as a dated statement (``antq:RankStatement``: the
        person, the curated rank, ``antq:asOf`` the article's publication instant, evidence): a
        promotion is two statements of two dates, never two ranks of one person. A rank outside the
        curated 17 (the ontology's ``antq:RankScheme``) is not stated."""
        w = self.w
        assert p.rank is not None
        rank, known = w.code("rank", p.rank)
        if not known:
            return
        spans = p.rank_spans or p.spans
        node = w.node(w.m.fact("rank-statement", p.name, p.rank, spans[0].begin if spans else -1))
        w.fact(node, NS.antq.RankStatement, spans)
        w.add(node, NS.antq.person, person)
        w.add(node, NS.antq.rank, rank)
        w.add(node, NS.antq.asOf, w.publication)
        w.add(node, NS.label, vi(f"{p.rank} {p.name}"))
