"""The commands that read the store, local or remote: ``validate``, ``query``, ``export``, ``explain``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from .app import AllowServiceOpt, OutOpt, RdfFormatOpt, handles_errors, open_reader, settings_of


@handles_errors
def validate_cmd(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(help="An RDF file; the store when omitted.")] = None,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="sparql: threads running the checks (default: the CPUs available, at most 4); "
            "pyshacl: worker processes checking the article graphs (default 1).",
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="sparql: the shapes compiled to SPARQL, run by Oxigraph over every graph at once; "
            "pyshacl: pySHACL graph by graph (the reference).",
        ),
    ] = "sparql",
) -> None:
    """Check the store (or a file) against the SHACL shapes: exit 0 conforms (warnings allowed), 1 violations, 2 error.

    Each article graph is checked on its own with the ontology and the gazetteer units it points to,
    then the cross-article rules run on the union. The reference graphs (ontology, gazetteer, links)
    are not checked themselves. Both engines give the same report.
    """
    from ..export import file_to_store
    from ..resources import ontology_file, shapes_file
    from ..validate import ENGINES, validate_store

    if format not in ("text", "json"):
        raise typer.BadParameter(f"unknown format {format!r} (text or json)", param_hint="--format")
    if engine not in ENGINES:
        raise typer.BadParameter(f"unknown engine {engine!r} ({' or '.join(ENGINES)})", param_hint="--engine")
    s = settings_of(ctx)
    with file_to_store([file]) if file else open_reader(ctx) as store:
        report = validate_store(
            store,
            shapes=shapes_file(s.ontology),
            ontology=ontology_file(s.ontology),
            base_iri=s.base_iri,
            jobs=jobs,
            engine=engine,
        )
    typer.echo(report.json_text() if format == "json" else report.text())
    if not report.conforms:
        raise typer.Exit(1)


GraphOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--default-graph",
        metavar="IRI",
        help="A graph of the store in the default graph (repeatable; overrides the query's FROM).",
    ),
]
NamedGraphOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--named-graph",
        metavar="IRI",
        help="A graph of the store GRAPH can name (repeatable; overrides the query's FROM NAMED).",
    ),
]


@handles_errors
def query_cmd(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="A SPARQL query, or a file holding one (e.g. queries/x.rq).")],
    format: Annotated[
        str | None, typer.Option("--format", help="table, csv, tsv, json, xml (or an RDF format).")
    ] = None,
    allow_service: AllowServiceOpt = None,
    default_graph: GraphOpt = None,
    named_graph: NamedGraphOpt = None,
) -> None:
    """Run a SPARQL query over the store (a table on a terminal, CSV otherwise).

    The dataset: --default-graph / --named-graph when given, else the query's FROM / FROM NAMED,
    else the union of all graphs as the default graph.
    """
    from ..export import format_result

    with open_reader(ctx) as store:
        result = store.query(
            read_query(query),
            services=tuple(allow_service or ()),
            default_graphs=default_graph,
            named_graphs=named_graph,
        )
    fmt = format or ("table" if sys.stdout.isatty() else "turtle" if result.kind == "graph" else "csv")
    out = format_result(result, fmt)
    typer.echo(out, nl=isinstance(out, str))  # bytes go out unchanged (CSV keeps its CRLF)


def read_query(arg: str) -> str:
    """The query text: the argument itself, or the content of the file it names."""
    p = Path(arg)
    if arg.endswith((".rq", ".sparql")) or ("\n" not in arg and len(arg) < 256 and p.is_file()):
        try:
            return p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(getattr(exc, "strerror", None) or str(exc), path=p) from exc
    return arg


@handles_errors
def export_cmd(
    ctx: typer.Context,
    output: OutOpt,
    format: RdfFormatOpt = None,
    annotations: Annotated[
        bool,
        typer.Option(
            "--annotations",
            help="Write the evidence of the article graphs as W3C Web Annotations "
            "(oa:Annotation per span) instead.",
        ),
    ] = False,
    everything: Annotated[
        bool, typer.Option("--all", help="Write the whole store, the whole gazetteer and ontology included.")
    ] = False,
    void: Annotated[
        bool,
        typer.Option(
            "--void", help="Write the VoID description of the store (statistics, graphs, linksets)."
        ),
    ] = False,
    no_text: Annotated[
        bool,
        typer.Option(
            "--no-text", help="Leave out the articles' full text (nif:isString); spans and quotes stay."
        ),
    ] = False,
    sparql_endpoint: Annotated[
        str | None,
        typer.Option("--sparql-endpoint", metavar="URL", help="With --void: the endpoint serving the data."),
    ] = None,
) -> None:
    """Write the article graphs and what they reference to a file (Turtle, TriG, N-Triples, N-Quads,
    JSON-LD, RDF/XML).

    By default the file holds every graph but the reference graphs, plus the administrative units,
    concepts and ontology terms those graphs point to (:func:`antq_kg.export.article_quads`);
    ``--all`` writes the whole store. With ``--annotations`` the file holds the Web Annotation view
    of the article graphs instead (:func:`antq_kg.graph.annotations_view`: a TextPositionSelector
    and a TextQuoteSelector per evidence span). With ``--void`` it holds the VoID description of
    the store (:func:`antq_kg.void.void_turtle`). ``--no-text`` leaves out the articles' full text.
    """
    from ..export import export_annotations, export_articles, export_store, export_void, without_full_text
    from ..store import EmbeddedStore

    s = settings_of(ctx)
    with open_reader(ctx) as source:
        store = source
        if no_text:
            store = EmbeddedStore(None)
            store.add_quads(
                list(without_full_text(q for g in (None, *source.graphs()) for q in source.quads(g)))
            )
        if void:
            fmt = export_void(
                store, output, base_iri=s.base_iri, sparql_endpoint=sparql_endpoint, format=format
            )
            typer.echo(f"Wrote the VoID description as {fmt.name} → {output}", err=True)
        elif annotations:
            n, triples, fmt = export_annotations(store, output, base_iri=s.base_iri, format=format)
            typer.echo(f"Wrote {n} annotation(s), {triples} triples as {fmt.name} → {output}", err=True)
        elif everything:
            fmt = export_store(store, output, format=format)
            typer.echo(f"Wrote {len(store)} quads (the whole store) as {fmt.name} → {output}", err=True)
        else:
            n, fmt = export_articles(store, output, base_iri=s.base_iri, format=format)
            typer.echo(
                f"Wrote {n} quads (the article graphs and what they reference; --all for the whole store) "
                f"as {fmt.name} → {output}",
                err=True,
            )


@handles_errors
def explain_cmd(
    ctx: typer.Context,
    iri: Annotated[
        str, typer.Argument(help="An IRI of the store, absolute or relative to --base-iri (id/org/…).")
    ],
) -> None:
    """What an IRI is, its labels, the articles and spans behind it, and why mentions were merged."""
    from ..explain import explain

    s = settings_of(ctx)
    with open_reader(ctx) as store:
        typer.echo(explain(store, iri, base_iri=s.base_iri).text())
