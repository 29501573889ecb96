"""The Web Annotation export view of the NIF evidence (https://www.w3.org/TR/annotation-model/).

An rdflib view for ``antq-kg export --annotations``: the evidence model stays NIF in the store.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns

from ..iris import content_hash
from ..vocab import GAF, NIF, OA, PREFIXES

__all__ = ["annotations_view"]

RDF, XSD = ns.RDF, ns.XSD


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


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
