"""Concepts: a phrase of the text → the curated concept of the ontology it names, else one minted from it.

The ontology (``ontology/antq.ttl``) curates the concept schemes: ranks, posts, unit types, admin
levels, initiative kinds, qualifiers, organisation kinds. A phrase names a curated concept when its
folded name (:func:`antq_kg.iris.folded_name`: case, tone placement, spacing, punctuation) equals one
of the concept's Vietnamese labels (``skos:prefLabel``, ``skos:altLabel``, ``skos:hiddenLabel``):
"ban hoà giải" is ``unit-type/ban-hoa-giai``. A curated concept is stated in the ontology graph only,
so an article graph never gives it a label equal to its ``skos:prefLabel`` (SKOS S13). Any other
phrase mints a concept under the data base IRI (``{base}id/concept/{scheme}/{slug}``), stated in the
article graph with the phrase as ``skos:altLabel`` (it has no ``skos:prefLabel``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pyoxigraph as ox

from ..iris import folded_name, slug
from ..vocab import PREFIXES, SCHEMES

__all__ = ["Curated", "curated"]

_SKOS = PREFIXES["skos"]
_LABELS = {f"{_SKOS}prefLabel", f"{_SKOS}altLabel", f"{_SKOS}hiddenLabel"}


@dataclass(frozen=True, slots=True, eq=False)
class Curated:
    """The curated concepts of the ontology: per scheme, each folded Vietnamese label → the concept."""

    by_label: dict[str, dict[str, str]]
    #: each curated concept's Vietnamese ``skos:prefLabel``
    pref: dict[str, str]

    def label(self, iri: str) -> str | None:
        """The Vietnamese ``skos:prefLabel`` of a curated concept (``None`` for any other IRI).

        >>> curated().label("https://w3id.org/antq/id/concept/post/giam-doc")
        'Giám đốc'
        """
        return self.pref.get(iri)

    def find(self, scheme: str, phrase: str) -> str | None:
        """The curated concept of ``scheme`` the phrase names, if any.

        >>> curated().find("unit-type", "ban hoà giải")
        'https://w3id.org/antq/id/concept/unit-type/ban-hoa-giai'
        >>> curated().find("post", "Bí thư Chi đoàn") is None
        True
        """
        return self.by_label.get(scheme, {}).get(folded_name(phrase))

    def labels(self, scheme: str) -> dict[tuple[str, ...], str]:
        """Each folded Vietnamese label of ``scheme``'s curated concepts as words → the concept."""
        return _words(self, scheme)

    def nearest(self, scheme: str, phrase: str, *, inside: bool = False) -> str | None:
        """The curated concept of ``scheme`` whose label is the longest run of whole words the phrase
        starts with (``inside``: holds anywhere): the phrase names it, or something narrower.

        >>> curated().nearest("unit-type", "vụ trộm cắp tài sản")
        'https://w3id.org/antq/id/concept/unit-type/vu-viec'
        >>> curated().nearest("criterion", "được công nhận không có tội phạm", inside=True)
        'https://w3id.org/antq/id/concept/criterion/khong-co-toi-pham'
        """
        words = tuple(folded_name(phrase).split())
        best: tuple[int, str] | None = None
        for label, concept in self.labels(scheme).items():
            n = len(label)
            if best is not None and n <= best[0]:
                continue
            starts = range(len(words) - n + 1) if inside else range(1 if n <= len(words) else 0)
            if any(words[i : i + n] == label for i in starts):
                best = (n, concept)
        return None if best is None else best[1]

    def minted_slug(self, phrase: str) -> str:
        """The slug of a concept minted from ``phrase``."""
        return slug(phrase)


@functools.cache
def _words(c: Curated, scheme: str) -> dict[tuple[str, ...], str]:
    return {tuple(label.split()): concept for label, concept in c.by_label.get(scheme, {}).items()}


@functools.cache
def curated() -> Curated:
    """The curated concepts of ``ontology/antq.ttl`` (read once)."""
    from ..resources import ontology_file

    schemes = {str(iri): name for name, iri in SCHEMES.items()}
    in_scheme: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    pref: dict[str, str] = {}
    for t in ox.parse(path=str(ontology_file()), format=ox.RdfFormat.TURTLE):
        s, p, o = t.subject, t.predicate.value, t.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == f"{_SKOS}inScheme" and isinstance(o, ox.NamedNode) and o.value in schemes:
            in_scheme[s.value] = schemes[o.value]
        elif p in _LABELS and isinstance(o, ox.Literal) and o.language == "vi":
            labels.setdefault(s.value, []).append(o.value)
            if p == f"{_SKOS}prefLabel":
                pref[s.value] = o.value
    by_label: dict[str, dict[str, str]] = {}
    for concept, scheme in sorted(in_scheme.items()):
        table = by_label.setdefault(scheme, {})
        for label in labels.get(concept, ()):
            table.setdefault(folded_name(label), concept)
    return Curated(by_label, {iri: label for iri, label in pref.items() if iri in in_scheme})
