"""Organisations and persons of one article, with the posts they hold (W3C ORG, https://www.w3.org/TR/vocab-org/).

An organisation is an ``org:Organization`` with its canonical name as ``skos:prefLabel`` (the name as
written, when it differs, as ``skos:altLabel``) and its kind (``org:classification``); a Đảng ủy is
``org:linkedTo`` the department it is the Party organ of. A person is a ``foaf:Person`` with their
rank (``antq:rank``); each post they hold is an ``org:Post`` ``org:postIn`` the organisation (a Party
post in its Party committee) and a person with an organisation has an ``org:Membership`` of it. Who is
the same organisation or person is :mod:`antq_kg.identity`'s call.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..identity import ArticleIdentities, Identity
from ..iris import slugify
from ..model import Organization, Person
from ..orgnames import org_kind, party_committee_of
from ..text import Span, fold_key
from ..vocab import concept
from .places import Places
from .writer import NS, ArticleWriter, vi

__all__ = ["Agents"]


class Agents:
    """Writes the organisations and persons of one article."""

    def __init__(self, w: ArticleWriter, ids: ArticleIdentities, places: Places) -> None:
        self.w, self.ids, self.places = w, ids, places
        self._orgs: dict[str, tuple[ox.NamedNode, Identity]] = {}

    def organization(self, name: str, org: Organization | None = None) -> tuple[ox.NamedNode, Identity]:
        """The organisation node of a written name, and its identity."""
        w = self.w
        key = fold_key(name)
        found = self._orgs.get(key)
        if found is None:
            oid = self.ids.organization(name, org)
            node = w.node(w.m.mint(oid.identity))
            found = self._orgs[key] = (node, oid.identity)
            w.add(node, NS.type, NS.org.Organization)
            w.add(node, NS.skos.prefLabel, vi(oid.label))
            if fold_key(name) != fold_key(oid.label):
                w.add(node, NS.skos.altLabel, vi(name))
            w.identity(node, oid.identity.key, oid.identity.basis)
            kind = org_kind(oid.label)
            if kind:
                w.add(node, NS.org.classification, ox.NamedNode(str(concept("org-kind", kind))))
            from ..orgnames import expand_abbreviations

            canon = expand_abbreviations(name)
            if fold_key(canon).startswith("đảng ủy "):
                parts = canon.split(None, 2)
                parent_name = parts[2] if len(parts) == 3 else ""
                if parent_name and org_kind(parent_name):
                    w.add(node, NS.org.linkedTo, self.organization(parent_name)[0])
        node = found[0]
        if org is not None:
            w.evidence(node, org.spans)
            area = self.places.ref(org.place)
            if area is not None:
                w.add(node, NS.schema.areaServed, area)
        return found

    def person(self, p: Person) -> None:
        w = self.w
        org, org_identity = self.organization(p.organization) if p.organization else (None, None)
        identity = self.ids.person(p, org_identity, org.value if org is not None else None)
        node = w.node(w.m.mint(identity))
        w.identity(node, identity.key, identity.basis)
        w.add(node, NS.type, NS.foaf.Person)
        w.add(node, NS.type, NS.schema.Person)
        w.add(node, NS.foaf.name, vi(p.name))
        w.add(node, NS.label, vi(p.name))
        w.add(node, NS.prov.wasDerivedFrom, w.article)
        w.evidence(node, p.spans)
        if p.rank:
            rank = w.node(str(concept("rank", slugify(p.rank))))
            w.add(node, NS.antq.rank, rank)
            w.add(rank, NS.skos.altLabel, vi(p.rank))  # as written; the scheme is in the ontology
        if p.honorific:
            w.add(node, NS.antq.honorific, vi(p.honorific))
        first = p.spans[0] if p.spans else Span(0, 0)
        if org is not None:
            ms = w.node(w.m.fact("membership", p.name, p.organization, first.begin))
            w.fact(ms, NS.org.Membership, (*p.spans, *p.post_spans))
            w.add(ms, NS.org.member, node)
            w.add(ms, NS.org.organization, org)
            w.add(ms, NS.label, vi(f"{p.name} – {p.organization}"))
        aligned = len(p.post_spans) == len(p.posts)
        for i, post in enumerate(p.posts):
            if org is None or p.organization is None:
                w.add(node, NS.schema.jobTitle, vi(post))
                continue
            post_org, org_name = org, p.organization
            if "đảng ủy" in fold_key(post) and not fold_key(org_name).startswith("đảng ủy"):
                org_name = party_committee_of(p.organization)
                post_org = self.organization(org_name)[0]
            spans = (p.post_spans[i],) if aligned else (p.post_spans or p.spans)
            post_node = w.node(w.m.fact("post", p.name, post, org_name, spans[0].begin if spans else first.begin))
            w.fact(post_node, NS.org.Post, spans)
            w.add(post_node, NS.org.postIn, post_org)
            w.add(post_node, NS.org.role, w.concept("post", str(concept("post", slugify(post))), post))
            w.add(post_node, NS.org.heldBy, node)
            w.add(post_node, NS.label, vi(f"{post} – {org_name}"))
            w.add(node, NS.org.holds, post_node)
