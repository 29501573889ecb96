"""The ``antq-kg`` command line: parse options, call the library, print, map errors.

Global options (``--store``, ``--base-iri``, ``--ontology``, ``--gazetteer-dir``, ``--debug``) go
before or after the command: ``antq-kg build FILE --store DIR`` is ``antq-kg --store DIR build FILE``
(:class:`GlobalOptionsAnywhere`). ``ANTQ_STORE`` and ``ANTQ_BASE_IRI`` set the defaults of the first two.

Commands: ``extract``, ``build``, ``load``, ``remove``, ``validate``, ``query``, ``export``, ``serve``, ``push``,
``explain``, ``score``, ``gazetteer export``, ``gazetteer lookup``, ``link``.

Exit codes:

====  ==========================================================================================
0     success; for ``validate``: the data conforms to the shapes
1     ``validate`` only: the data violates the shapes (the report says which and where)
2     an error: bad usage, a bad input file (each one reported on its own line, the good ones
      are still processed), a malformed query, a store that cannot be opened, or (with
      ``--no-wait``) a store another command is writing
====  ==========================================================================================

Errors are one line on stderr, ``Error: <file>: <problem>``, never a traceback for a user's mistake;
with ``--debug`` the line is followed by the chain of causes and the traceback (:func:`report_error`).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup, TyperOption

from .errors import AntqError, InputError, causes, error_kind
from .pipeline import DEFAULT_BASE_IRI
from .store import DEFAULT_STORE_PATH

if TYPE_CHECKING:
    from .gazetteer import AdminUnit, Gazetteer
    from .push import PushEvent
    from .remote import RemoteStore
    from .store import EmbeddedStore


def hoist_options(args: Sequence[str], options: dict[str, bool]) -> list[str]:
    """``args`` with every option named in ``options`` (name → takes a value) moved to the front,
    in order, with its value; ``--`` ends the options and everything after it stays in place.

    >>> hoist_options(["build", "a.txt", "--store", "s", "--debug"], {"--store": True, "--debug": False})
    ['--store', 's', '--debug', 'build', 'a.txt']
    >>> hoist_options(["query", "--store=s", "--", "--debug"], {"--store": True, "--debug": False})
    ['--store=s', 'query', '--', '--debug']
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name, eq, _value = arg.partition("=")
        if name in options and (eq or not options[name]):
            front.append(arg)
        elif name in options and i + 1 < len(args):
            front += args[i : i + 2]
            i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


class GlobalOptionsAnywhere(TyperGroup):
    """The top-level command: its options are accepted after the command name too.

    Before parsing, the global options and their values are moved in front of the command
    (:func:`hoist_options`), so ``antq-kg build FILE --store DIR`` works like ``antq-kg --store DIR
    build FILE``. No command has an option of the same name, so nothing is ambiguous.
    """

    def global_options(self) -> dict[str, bool]:
        """Option name → whether it takes a value, for every option of the top-level callback."""
        return {
            name: not p.is_flag
            for p in self.params
            if isinstance(p, TyperOption)
            for name in (*p.opts, *p.secondary_opts)
        }

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Parse ``args`` (default ``sys.argv[1:]``) with the global options hoisted, then run."""
        argv = hoist_options(sys.argv[1:] if args is None else list(args), self.global_options())
        return super().main(argv, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)


app = typer.Typer(
    cls=GlobalOptionsAnywhere, pretty_exceptions_enable=False, no_args_is_help=True, add_completion=False,
    help="Vietnamese ANTQ news → facts → validated RDF → SPARQL. Global options go before or after the command.",
)

P = ParamSpec("P")
R = TypeVar("R")

StoreOpt = Annotated[
    str,
    typer.Option("--store", envvar="ANTQ_STORE",
                 help="Store directory, or the URL of a SPARQL endpoint to read from (query, serve, export, "
                      "explain, validate; credentials from ANTQ_REMOTE_USER and ANTQ_REMOTE_PASSWORD, or "
                      "ANTQ_REMOTE_TOKEN)."),
]
BaseIriOpt = Annotated[
    str, typer.Option("--base-iri", help="Base IRI of the graph.", envvar="ANTQ_BASE_IRI")
]
OntologyOpt = Annotated[
    Path | None,
    typer.Option("--ontology", metavar="DIR", help="Folder with antq.ttl and shapes.ttl (default: the packaged ones)."),
]
GazetteerDirOpt = Annotated[
    Path | None,
    typer.Option("--gazetteer-dir", metavar="DIR", help="Folder with the gazetteer CSV files (default: the packaged ones)."),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="On an error, also print its causes and the traceback.")]
LinksOpt = Annotated[
    Path | None,
    typer.Option("--links", metavar="DIR", help="Folder of link files (*.ttl; default: the packaged data/links)."),
]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.")]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option("--max-bytes", min=1, metavar="N",
                 help="Refuse article files larger than N bytes (default 16 MiB; articles are kilobytes)."),
]
OutOpt = Annotated[Path, typer.Option("--output", "-o", help="Output file (format from its extension).")]
AllowServiceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--allow-service",
        help="A SPARQL endpoint that federated SERVICE clauses may call (repeatable); none by default.",
    ),
]
RdfFormatOpt = Annotated[
    str | None, typer.Option("--format", help="turtle, trig, ntriples, nquads, jsonld or rdfxml.")
]


@dataclass(frozen=True)
class Settings:
    """The global options, passed to every command through the click context (``remote``: the
    endpoint URL given as ``--store``, else ``None``)."""

    store: Path = DEFAULT_STORE_PATH
    base_iri: str = DEFAULT_BASE_IRI
    ontology: Path | None = None
    gazetteer_dir: Path | None = None
    debug: bool = False
    remote: str | None = None


def report_error(exc: BaseException, *, debug: bool = False) -> None:
    """``Error: <message>`` on stderr; with ``debug`` also one ``caused by`` line per cause and the traceback.

    A library error's message is its own (``path: problem``); anything else is a bug, named by its type.
    """
    message = str(exc) if isinstance(exc, AntqError) else f"unexpected {error_kind(exc)}: {exc}"
    typer.echo(f"Error: {' '.join(message.split())}", err=True)
    if not debug:
        return
    for cause in causes(exc):
        typer.echo(f"  caused by {error_kind(cause)}: {' '.join(str(cause).split())}", err=True)
    typer.echo("".join(traceback.format_exception(exc)).rstrip("\n"), err=True)


def _debug(kwargs: dict[str, Any]) -> bool:
    ctx = kwargs.get("ctx")
    return isinstance(ctx, typer.Context) and _settings(ctx).debug


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Map library errors to one line on stderr (with ``--debug``, the causes too) and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except AntqError as exc:
            report_error(exc, debug=_debug(kwargs))
            raise typer.Exit(2) from None

    return wrapper


def _print_version(value: bool) -> None:
    if value:
        from .version import __version__

        typer.echo(f"antq-kg {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    store: StoreOpt = str(DEFAULT_STORE_PATH),
    base_iri: BaseIriOpt = DEFAULT_BASE_IRI,
    ontology: OntologyOpt = None,
    gazetteer_dir: GazetteerDirOpt = None,
    debug: DebugOpt = False,
    version: Annotated[
        bool, typer.Option("--version", is_eager=True, callback=_print_version, help="Print the version and exit.")
    ] = False,
) -> None:
    """Vietnamese ANTQ news → facts → validated RDF → SPARQL."""
    from .remote import is_url

    remote = store if is_url(store) else None
    ctx.obj = Settings(store=DEFAULT_STORE_PATH if remote else Path(store), base_iri=base_iri, ontology=ontology,
                       gazetteer_dir=gazetteer_dir, debug=debug, remote=remote)


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_object(Settings)
    return obj if obj is not None else Settings()


def _local(ctx: typer.Context) -> Settings:
    """The settings of a command that writes: ``--store`` must be a directory."""
    s = _settings(ctx)
    if s.remote is not None:
        raise InputError(f"--store {s.remote}: this command writes to a local store; build or load into a "
                         "directory, then copy it with `antq-kg push --to URL`")
    return s


def _reader(ctx: typer.Context) -> EmbeddedStore | RemoteStore:
    """The store a reading command uses: the remote endpoint, or the local store opened read-only."""
    from .remote import RemoteStore, make_auth
    from .store import open_store

    s = _settings(ctx)
    if s.remote is None:
        return open_store(s.store, read_only=True)
    env = os.environ.get
    auth = make_auth(env("ANTQ_REMOTE_USER"), env("ANTQ_REMOTE_PASSWORD"), env("ANTQ_REMOTE_TOKEN"))
    return RemoteStore(s.remote, auth=auth)


def _gazetteer(ctx: typer.Context) -> Gazetteer:
    from .gazetteer import Gazetteer

    return Gazetteer.load(_settings(ctx).gazetteer_dir)


def _fail(ctx: typer.Context, exc: AntqError) -> None:
    """Report one bad input among several (the command goes on with the others)."""
    report_error(exc, debug=_settings(ctx).debug)


@app.command("extract")
@handles_errors
def extract_cmd(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders of *.txt.")],
    format: Annotated[str, typer.Option("--format", help="json or table.")] = "json",
    jobs: JobsOpt = 1,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Extract the facts of articles (one JSON object for one file, else a JSON array)."""
    from .export import facts_table, render_table
    from .model import facts_to_json
    from .pipeline import iter_facts

    if format not in ("json", "table"):
        raise typer.BadParameter(f"unknown format {format!r} (json or table)", param_hint="--format")
    single = len(paths) == 1 and paths[0].is_file()
    failed, first = False, True
    for item in iter_facts(paths, gazetteer=_gazetteer(ctx), jobs=jobs, max_bytes=max_bytes):
        if isinstance(item, AntqError):
            failed = True
            _fail(ctx, item)
        elif format == "table":
            typer.echo(f"# {item.path}\n{render_table(*facts_table(item))}\n")
        else:
            text = json.dumps(facts_to_json(item), ensure_ascii=False, indent=2)
            typer.echo(text if single else ("[" if first else ",") + text, nl=single)
            first = False
    if format == "json" and not single:
        typer.echo("[]" if first else "]")
    if failed:
        raise typer.Exit(2)


NoWaitOpt = Annotated[
    bool, typer.Option("--no-wait", help="Fail at once (exit 2) when another command is writing the store, instead of waiting.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the summary.")]


def _writable_store(s: Settings, *, no_wait: bool, echo: Callable[[str], None], create: bool = True) -> EmbeddedStore:
    """The on-disk store for a writing command: it waits for another writer (saying so) unless ``no_wait``."""
    from .store import open_store

    return open_store(s.store, wait=not no_wait, on_wait=echo, create=create)


def _recovered_notes(store: EmbeddedStore, echo: Callable[[str], None], *, building: bool = False) -> None:
    """One note per write of another process that was found interrupted and cleaned up."""
    from .pipeline import interrupted_note

    for entry in store.recovered:
        if not (building and entry.op == "build"):  # a build says it itself, and records the run
            echo(interrupted_note(entry))


@app.command("build")
@handles_errors
def build_cmd(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders of *.txt.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Empty the store first (the gazetteer graph is kept).")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Build every article again, even those whose text, sidecar and "
                                            "pipeline version are unchanged.")
    ] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write a dataset file instead.")] = None,
    format: RdfFormatOpt = None,
    jobs: JobsOpt = 1,
    reference: Annotated[
        bool, typer.Option("--reference/--no-reference", help="Also load the ontology, gazetteer and links graphs.")
    ] = True,
    links: LinksOpt = None,
    max_bytes: MaxBytesOpt = None,
    quiet: QuietOpt = False,
    no_wait: NoWaitOpt = False,
) -> None:
    """Build the graph of articles into the store (unchanged articles are skipped) or into a file.

    The summary line says how many articles were added, replaced, unchanged, removed (their files
    are gone from a folder built) and failed. On a terminal a bar shows the progress, otherwise a
    line every few seconds.
    """
    from .export import export_store
    from .pipeline import build
    from .progress import Progress
    from .store import EmbeddedStore

    s = _settings(ctx) if output else _local(ctx)
    with Progress("build", quiet=quiet) as progress:
        note = (lambda _m: None) if quiet else functools.partial(typer.echo, err=True)
        store = EmbeddedStore(None) if output else _writable_store(s, no_wait=no_wait, echo=note)
        result = build(paths, base_iri=s.base_iri, gazetteer=_gazetteer(ctx), jobs=jobs, store=store,
                       on_error=lambda e: _fail(ctx, e), reference=reference, links=links, max_bytes=max_bytes,
                       ontology=s.ontology, force=force, replace=replace and not output,
                       on_progress=progress.update, on_note=note)
        if output:
            export_store(store, output, format=format)
        _recovered_notes(store, note, building=True)
        store.close()
    typer.echo(result.summary(output or s.store), err=True)
    if not result.ok:
        raise typer.Exit(2)


@app.command("load")
@handles_errors
def load_cmd(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="RDF files (format from the extension; .gz allowed).")],
    format: RdfFormatOpt = None,
    no_wait: NoWaitOpt = False,
) -> None:
    """Load RDF files into the store, all in one commit; a bad file is reported and left out.

    Each file is read to its end by the parser before anything is written, so a syntax error
    anywhere names the file, line and column and loads nothing of that file.
    """
    from .formats import by_name
    from .store import check_rdf_file, rdf_file

    s = _local(ctx)
    fmt = by_name(format) if format else None
    checked = []
    for f in files:
        try:
            checked.append(check_rdf_file(rdf_file(f, fmt)))
        except AntqError as exc:
            _fail(ctx, exc)
    if checked:
        echo = functools.partial(typer.echo, err=True)
        with _writable_store(s, no_wait=no_wait, echo=echo) as store:
            with store.writer(op="load") as w:
                for c in checked:
                    w.bulk_load(c)
            _recovered_notes(store, echo)
        for c in checked:
            typer.echo(f"Loaded {c.quads} quads from {c.file.path}", err=True)
    if len(checked) < len(files):
        raise typer.Exit(2)


@app.command("remove")
@handles_errors
def remove_cmd(
    ctx: typer.Context,
    articles: Annotated[list[str], typer.Argument(help="Article files or folders (as built), article IRIs or "
                                                       "article graph IRIs.")],
    no_wait: NoWaitOpt = False,
) -> None:
    """Withdraw articles from the store: their graphs, their links in the build runs, their records."""
    from .pipeline import remove

    s = _local(ctx)
    echo = functools.partial(typer.echo, err=True)
    with _writable_store(s, no_wait=no_wait, echo=echo, create=False) as store:
        result = remove(articles, store=store, base_iri=s.base_iri)
        _recovered_notes(store, echo)
    for exc in result.errors:
        _fail(ctx, exc)
    typer.echo(f"Removed {len(result.removed)} article(s) → {s.store}", err=True)
    if result.errors:
        raise typer.Exit(2)


@app.command("validate")
@handles_errors
def validate_cmd(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(help="An RDF file; the store when omitted.")] = None,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Check the store (or a file) against the SHACL shapes: exit 0 conforms (warnings allowed), 1 violations, 2 error.

    Each article graph is checked on its own with the ontology and the gazetteer units it points to,
    then the cross-article rules run on the union. The reference graphs (ontology, gazetteer, links)
    are not checked themselves.
    """
    from .export import file_to_store
    from .resources import ontology_file, shapes_file
    from .validate import validate_store

    if format not in ("text", "json"):
        raise typer.BadParameter(f"unknown format {format!r} (text or json)", param_hint="--format")
    s = _settings(ctx)
    with file_to_store([file]) if file else _reader(ctx) as store:
        report = validate_store(store, shapes=shapes_file(s.ontology), ontology=ontology_file(s.ontology),
                                base_iri=s.base_iri)
    typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2) if format == "json" else report.text())
    if not report.conforms:
        raise typer.Exit(1)


GraphOpt = Annotated[
    list[str] | None,
    typer.Option("--default-graph", metavar="IRI",
                 help="A graph of the store in the default graph (repeatable; overrides the query's FROM)."),
]
NamedGraphOpt = Annotated[
    list[str] | None,
    typer.Option("--named-graph", metavar="IRI",
                 help="A graph of the store GRAPH can name (repeatable; overrides the query's FROM NAMED)."),
]


@app.command("query")
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
    from .export import format_result

    with _reader(ctx) as store:
        result = store.query(read_query(query), services=tuple(allow_service or ()),
                             default_graphs=default_graph, named_graphs=named_graph)
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


@app.command("export")
@handles_errors
def export_cmd(
    ctx: typer.Context,
    output: OutOpt,
    format: RdfFormatOpt = None,
    annotations: Annotated[
        bool,
        typer.Option("--annotations", help="Write the evidence of the article graphs as W3C Web Annotations "
                                           "(oa:Annotation per span) instead."),
    ] = False,
    everything: Annotated[
        bool, typer.Option("--all", help="Write the whole store, the whole gazetteer and ontology included.")
    ] = False,
    void: Annotated[
        bool, typer.Option("--void", help="Write the VoID description of the store (statistics, graphs, linksets).")
    ] = False,
    no_text: Annotated[
        bool, typer.Option("--no-text", help="Leave out the articles' full text (nif:isString); spans and quotes stay.")
    ] = False,
    sparql_endpoint: Annotated[
        str | None, typer.Option("--sparql-endpoint", metavar="URL", help="With --void: the endpoint serving the data.")
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
    from .export import export_annotations, export_articles, export_store, export_void, without_full_text
    from .store import EmbeddedStore

    s = _settings(ctx)
    with _reader(ctx) as source:
        store = source
        if no_text:
            store = EmbeddedStore(None)
            store.add_quads(list(without_full_text(q for g in (None, *source.graphs()) for q in source.quads(g))))
        if void:
            fmt = export_void(store, output, base_iri=s.base_iri, sparql_endpoint=sparql_endpoint, format=format)
            typer.echo(f"Wrote the VoID description as {fmt.name} → {output}", err=True)
        elif annotations:
            n, triples, fmt = export_annotations(store, output, base_iri=s.base_iri, format=format)
            typer.echo(f"Wrote {n} annotation(s), {triples} triples as {fmt.name} → {output}", err=True)
        elif everything:
            fmt = export_store(store, output, format=format)
            typer.echo(f"Wrote {len(store)} quads (the whole store) as {fmt.name} → {output}", err=True)
        else:
            n, fmt = export_articles(store, output, base_iri=s.base_iri, format=format)
            typer.echo(f"Wrote {n} quads (the article graphs and what they reference; --all for the whole store) "
                       f"as {fmt.name} → {output}", err=True)


@app.command("serve")
@handles_errors
def serve_cmd(
    ctx: typer.Context,
    files: Annotated[list[Path] | None, typer.Argument(help="RDF files to serve instead of the store.")] = None,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    get: Annotated[str | None, typer.Option("--get", help="Print the response to one GET and exit.")] = None,
    allow_service: AllowServiceOpt = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Query worker processes (default: four per core).")
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds a query may run before it is stopped (503).")
    ] = 30.0,
    max_rows: Annotated[
        int | None, typer.Option("--max-rows", min=1, help="At most this many result rows (SELECT) or triples.")
    ] = None,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1, metavar="BYTES", help="Largest request body (413 beyond).")
    ] = 1024 * 1024,
    in_memory_limit: Annotated[
        int, typer.Option("--in-memory-limit", min=0, metavar="QUADS",
                          help="Evaluate queries in memory for stores up to this many quads (~600 MB per million).")
    ] = 5_000_000,
    write_token: Annotated[
        str | None, typer.Option("--write-token", envvar="ANTQ_WRITE_TOKEN", metavar="TOKEN",
                                 help="Turn on /update and /store for requests with 'Authorization: Bearer TOKEN'.")
    ] = None,
    no_text: Annotated[
        bool, typer.Option("--no-text", help="Publish spans and quotes but not the articles' full text (nif:isString).")
    ] = False,
    queries: Annotated[
        Path | None,
        typer.Option("--queries", metavar="DIR", help="Folder of *.rq queries for the query page (default: the packaged ones)."),
    ] = None,
) -> None:
    """Serve the store (or the given files) as a SPARQL 1.1 endpoint with a query page."""
    from .export import file_to_store
    from .web import DEFAULT_MAX_QUERY_STRING, Limits, PoolSettings, create_app, serve_once

    s = _settings(ctx)
    store = file_to_store(files) if files else _reader(ctx)
    app_ = create_app(
        store, base_iri=s.base_iri, allow_services=tuple(allow_service or ()),
        pool=PoolSettings(workers=workers, timeout=timeout, max_rows=max_rows, in_memory_limit=in_memory_limit),
        limits=Limits(max_body=max_body), write_token=write_token, no_text=no_text,
        queries_dir=queries,
    )
    if get is not None:
        status, body = serve_once(app_, get)
        typer.echo(body, nl=False)
        raise typer.Exit(0 if status < 400 else 2)
    import uvicorn

    source = f" from {s.remote}" if s.remote and not files else ""
    typer.echo(f"Serving {len(store)} quads{source} at http://{host}:{port}/ (SPARQL at /sparql)", err=True)
    uvicorn.run(app_, host=host, port=port, log_level="info",
                h11_max_incomplete_event_size=DEFAULT_MAX_QUERY_STRING + 64 * 1024)


@app.command("push")
@handles_errors
def push_cmd(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="URL", help="The target's SPARQL query endpoint.")],
    graph_store: Annotated[str | None, typer.Option(
        "--graph-store", metavar="URL", help="Its Graph Store Protocol endpoint: each graph is PUT there.")] = None,
    update: Annotated[str | None, typer.Option(
        "--update", metavar="URL", help="Its SPARQL Update endpoint (default: --to), used without --graph-store.")] = None,
    user: Annotated[str | None, typer.Option("--user", envvar="ANTQ_REMOTE_USER", help="User (HTTP Basic or Digest).")] = None,
    password: Annotated[str | None, typer.Option("--password", envvar="ANTQ_REMOTE_PASSWORD", help="Password.")] = None,
    token: Annotated[str | None, typer.Option("--token", envvar="ANTQ_REMOTE_TOKEN", help="Bearer token.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Send every graph, even those the target holds unchanged.")] = False,
    batch: Annotated[int | None, typer.Option("--batch", min=1, metavar="N", help="Triples per request.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds to wait for the server.")] = 300.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines, only the summary.")] = False,
) -> None:
    """Copy the store into a SPARQL 1.1 server, graph by graph; an interrupted push resumes, unchanged graphs are skipped."""
    from .push import PushJournal, push
    from .remote import GRAPH_STORE_BATCH, UPDATE_BATCH, RemoteStore, is_url, make_auth
    from .store import open_store

    for name, url in (("--to", to), ("--graph-store", graph_store), ("--update", update)):
        if url is not None and not is_url(url):
            raise typer.BadParameter(f"not an http(s) URL: {url!r}", param_hint=name)
    s = _local(ctx)
    target = RemoteStore(to, update_url=update, graph_store_url=graph_store, auth=make_auth(user, password, token),
                         timeout=timeout, update_batch=batch or UPDATE_BATCH,
                         graph_store_batch=batch or GRAPH_STORE_BATCH)
    with open_store(s.store, read_only=True) as store, target:
        progress = None if quiet else _PushProgress()
        summary = push(store, target, journal=PushJournal.for_store(s.store, target), force=force,
                       on_progress=progress)
    typer.echo(summary.text(), err=True)
    if summary.union_default_graph is False:
        typer.echo(f"Note: {to}: queries there do not see the named graphs as their default graph; turn on its "
                   "union default graph (Oxigraph server: --union-default-graph; Fuseki: tdb2:unionDefaultGraph true)",
                   err=True)


class _PushProgress:
    """Plain progress lines on stderr, at most one every two seconds, and one per graph finished at the end."""

    def __init__(self, every: float = 2.0) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._last = self._clock()
        self._every = every

    def __call__(self, event: PushEvent) -> None:
        now = self._clock()
        last = event.graphs_done == event.graphs and event.action != "sending"
        if now - self._last < self._every and not last:
            return
        self._last = now
        rate = event.triples_done / max(now - self._start, 1e-6)
        share = 100 * event.triples_done / event.triples if event.triples else 100.0
        typer.echo(f"push: {event.graphs_done}/{event.graphs} graphs, {event.triples_done}/{event.triples} "
                   f"triples ({share:.0f}%), {rate:,.0f} triples/s", err=True)


@app.command("explain")
@handles_errors
def explain_cmd(
    ctx: typer.Context,
    iri: Annotated[str, typer.Argument(help="An IRI of the store, absolute or relative to --base-iri (id/org/…).")],
) -> None:
    """What an IRI is, its labels, the articles and spans behind it, and why mentions were merged."""
    from .explain import explain

    s = _settings(ctx)
    with _reader(ctx) as store:
        typer.echo(explain(store, iri, base_iri=s.base_iri).text())


@app.command("score")
@handles_errors
def score_cmd(
    ctx: typer.Context,
    predicted: Annotated[Path, typer.Argument(help="Predicted facts JSON (what extract prints), or a folder with --pairs.")],
    gold: Annotated[Path, typer.Argument(help="Gold facts JSON, or a folder of NN.json with --pairs.")],
    pairs: Annotated[bool, typer.Option("--pairs", help="Both arguments are folders; files pair by name.")] = False,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", min=0, max=1, help="Exit 1 when the overall F1 is below this.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the reports as JSON.")] = False,
) -> None:
    """Score extracted facts against gold facts (docs/FACTS.md): per category, per attribute, overall F1."""
    from .evaluate import score_files

    run = score_files(predicted, gold, pairs=pairs)
    typer.echo(run.json() if as_json else run.text())
    if min_f1 is not None and run.total["f1"] < min_f1:
        raise typer.Exit(1)


# -- gazetteer and links ----------------------------------------------------------------------------

gazetteer_app = typer.Typer(no_args_is_help=True, help="The administrative gazetteer: lookup and RDF export.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("export")
@handles_errors
def gazetteer_export_cmd(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write a dataset file instead.")] = None,
    format: RdfFormatOpt = None,
    links: LinksOpt = None,
    no_wait: NoWaitOpt = False,
) -> None:
    """The gazetteer as its own named graph (with the links of data/links in theirs): into the store, or a file."""
    from .export import export_store
    from .reference import load_gazetteer_graphs
    from .store import EmbeddedStore

    s = _settings(ctx) if output else _local(ctx)
    echo = functools.partial(typer.echo, err=True)
    with EmbeddedStore(None) if output else _writable_store(s, no_wait=no_wait, echo=echo) as store:
        with store.writer(op="gazetteer") as w:
            n = sum(load_gazetteer_graphs(w, _gazetteer(ctx), base_iri=s.base_iri, links=links,
                                          record=output is None).values())
        if output:
            export_store(store, output, format=format)
    typer.echo(f"Wrote {n} quads (gazetteer and links graphs) → {output or s.store}", err=True)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {text!r}", param_hint="--on") from None


@gazetteer_app.command("lookup")
@handles_errors
def gazetteer_lookup_cmd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A unit's name, with or without its type word (xã Nhân Hòa).")],
    type: Annotated[str | None, typer.Option("--type", help="Type word: tỉnh, huyện, xã, phường…")] = None,
    within: Annotated[str | None, typer.Option("--within", help="A unit key (p33), GSO code (33) or name the unit lies in.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Only units valid on this date (YYYY-MM-DD).")] = None,
) -> None:
    """Candidates for a place name: key, code, type, name, parent chain and validity."""
    from .export import render_table

    gaz, day = _gazetteer(ctx), _day(on)
    scopes: list[AdminUnit | None] = [None]
    if within is not None:
        scopes = ([gaz.get(within)] if within in gaz else [u for u in gaz if u.code == within]
                  if within.isdigit() else list(gaz.lookup(within)))
        if not scopes:
            raise InputError(f"--within: no administrative unit called {within!r}")
    found = {u.key: u for w in scopes for u in gaz.lookup(name, type=type, within=w, on=day)}
    if not found:
        typer.echo(f"No unit called {name!r}.", err=True)
        return
    rows = [
        [u.key, u.code, u.type, u.name, " › ".join(a.label for a in gaz.ancestors(u) if a.level),
         f"{u.valid_from or '…'} – {u.valid_to or '…'}"]
        for u in found.values()
    ]
    typer.echo(render_table(["key", "code", "type", "name", "chain", "valid"], rows))


@app.command("link")
@handles_errors
def link_cmd(
    ctx: typer.Context,
    wikidata: Annotated[bool, typer.Option("--wikidata", help="Reconcile with Wikidata (the only target).")] = False,
    endpoint: Annotated[str | None, typer.Option("--endpoint", help="SPARQL endpoint URL (default: Wikidata's public one).")] = None,
    scope: Annotated[str, typer.Option("--scope", help="provinces, districts, communes or all.")] = "all",
    province: Annotated[str | None, typer.Option("--province", help="Only this province (GSO code, e.g. 33).")] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "--out", "-o", help="The links file to write (merged with the links it holds)."),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds per request.")] = 60.0,
) -> None:
    """Link gazetteer units to Wikidata over SPARQL; the links (with evidence) go to the file -o names.

    Put the file in a folder of link files (``build --links DIR``) to load it with the articles;
    the repository's own links are in ``data/links/``.
    """
    from .link import WIKIDATA_ENDPOINT, reconcile_wikidata, select_units, write_links

    if not wikidata:
        raise typer.BadParameter("name what to link to (--wikidata)", param_hint="--wikidata")
    if output is None:
        raise typer.BadParameter("name the links file to write (-o FILE)", param_hint="--output")
    gaz = _gazetteer(ctx)
    units = select_units(gaz, scope, province=province)
    url = endpoint or WIKIDATA_ENDPOINT
    links = reconcile_wikidata(gaz, units, endpoint=url, timeout=timeout,
                               on_note=lambda m: typer.echo(f"note: {m}", err=True))
    kept = write_links(links, output)
    typer.echo(f"Linked {len(links)} unit(s) to Wikidata via {url}; {len(kept)} link(s) in {output}", err=True)


def main() -> None:
    """Console-script entry point (``antq-kg``): a usage mistake is one line on stderr and exit 2, too;
    so is a bug (an exception no library code raised on purpose), whose traceback ``--debug`` prints."""
    args = sys.argv[1:]
    debug = "--debug" in args[: args.index("--") if "--" in args else len(args)]
    try:
        code = app(args=args, standalone_mode=False)
    except typer.Abort:
        print("Error: aborted", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:  # the top of the program: whatever escaped is reported, not a traceback
        # click's usage errors (bad option value, missing argument, unknown command), whichever click
        # typer ships (it vendors one from 0.20): they carry a one-line ``format_message()``
        format_message = getattr(exc, "format_message", None)
        if format_message is not None and hasattr(exc, "exit_code"):
            print(f"Error: {format_message()}", file=sys.stderr)
        else:
            report_error(exc, debug=debug)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
