"""The commands that write the local store (``build``, ``load``, ``remove``) and ``push``, which copies
it into a SPARQL 1.1 server."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import AntqError
from .app import (
    JobsOpt,
    LinksOpt,
    MaxBytesOpt,
    NoWaitOpt,
    QuietOpt,
    RdfFormatOpt,
    handles_errors,
    load_gazetteer,
    local_settings,
    recovered_notes,
    report_failure,
    settings_of,
    writable_store,
)

if TYPE_CHECKING:
    from ..push import PushEvent


@handles_errors
def build_cmd(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders of *.txt.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Empty the store first (the gazetteer graph is kept).")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Build every article again, even those whose text, sidecar and "
            "pipeline version are unchanged.",
        ),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write a dataset file instead.")
    ] = None,
    format: RdfFormatOpt = None,
    jobs: JobsOpt = 1,
    reference: Annotated[
        bool,
        typer.Option(
            "--reference/--no-reference", help="Also load the ontology, gazetteer and links graphs."
        ),
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
    from ..export import export_store
    from ..pipeline import build
    from ..progress import Progress
    from ..store import EmbeddedStore, heap

    heap.limit_arenas()  # before the loader and RocksDB threads allocate (:mod:`antq_kg.store.heap`)
    heap.map_large_blocks()
    s = settings_of(ctx) if output else local_settings(ctx)
    with Progress("build", quiet=quiet) as progress:
        note = (lambda _m: None) if quiet else functools.partial(typer.echo, err=True)
        store = EmbeddedStore(None) if output else writable_store(s, no_wait=no_wait, echo=note)
        result = build(
            paths,
            base_iri=s.base_iri,
            gazetteer=load_gazetteer(ctx),
            jobs=jobs,
            store=store,
            on_error=lambda e: report_failure(ctx, e),
            reference=reference,
            links=links,
            max_bytes=max_bytes,
            ontology=s.ontology,
            force=force,
            replace=replace and not output,
            on_progress=progress.update,
            on_note=note,
        )
        if output:
            export_store(store, output, format=format)
        recovered_notes(store, note, building=True)
        store.close()
    typer.echo(result.summary(output or s.store), err=True)
    if not result.ok:
        raise typer.Exit(2)


@handles_errors
def load_cmd(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="RDF files (format from the extension; .gz allowed).")],
    format: RdfFormatOpt = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="The named graphs of the files replace those of the same IRI in the store."
        ),
    ] = False,
    no_wait: NoWaitOpt = False,
) -> None:
    """Load RDF files into the store, all in one commit; a bad file is reported and left out.

    Each file is read to its end by the parser before anything is written, so a syntax error
    anywhere names the file, line and column and loads nothing of that file. The preferred labels
    of the organisations, initiatives and persons the files' graphs name are chosen again over every article
    in the store, in the same commit (a file's own corpus graph is not kept).
    """
    from ..formats import by_name
    from ..pipeline.load import load_files
    from ..store import check_rdf_file, rdf_file

    s = local_settings(ctx)
    fmt = by_name(format) if format else None
    checked = []
    for f in files:
        try:
            checked.append(check_rdf_file(rdf_file(f, fmt), graphs=True))
        except AntqError as exc:
            report_failure(ctx, exc)
    if checked:
        echo = functools.partial(typer.echo, err=True)
        with writable_store(s, no_wait=no_wait, echo=echo) as store:
            with store.writer(op="load") as w:
                load_files(w, checked, replace=replace, base_iri=s.base_iri)
            recovered_notes(store, echo)
        for c in checked:
            typer.echo(f"Loaded {c.quads} quads from {c.file.path}", err=True)
    if len(checked) < len(files):
        raise typer.Exit(2)


@handles_errors
def remove_cmd(
    ctx: typer.Context,
    articles: Annotated[
        list[str],
        typer.Argument(help="Article files or folders (as built), article IRIs or article graph IRIs."),
    ],
    no_wait: NoWaitOpt = False,
) -> None:
    """Withdraw articles from the store: their graphs, their links in the build runs, their records."""
    from ..pipeline import remove

    s = local_settings(ctx)
    echo = functools.partial(typer.echo, err=True)
    with writable_store(s, no_wait=no_wait, echo=echo, create=False) as store:
        result = remove(articles, store=store, base_iri=s.base_iri)
        recovered_notes(store, echo)
    for exc in result.errors:
        report_failure(ctx, exc)
    typer.echo(f"Removed {len(result.removed)} article(s) → {s.store}", err=True)
    if result.errors:
        raise typer.Exit(2)


@handles_errors
def relabel_cmd(ctx: typer.Context, no_wait: NoWaitOpt = False) -> None:
    """Choose every preferred label again over the articles of the store, in one commit.

    Build, load, remove and the endpoint's writes keep the labels right on their own; this mends a
    store written otherwise (by an earlier version, or by hand), which ``validate`` then reports as
    an organisation, initiative or person with two preferred labels.
    """
    from ..pipeline.corpus import CorpusLabels

    s = local_settings(ctx)
    echo = functools.partial(typer.echo, err=True)
    with writable_store(s, no_wait=no_wait, echo=echo, create=False) as store:
        with store.writer(op="relabel") as w:
            labels = CorpusLabels(w, base_iri=s.base_iri)
            changed = labels.recompute()
        recovered_notes(store, echo)
    echo(f"Chose the preferred labels of {labels.chosen} entities again, {changed} changed → {s.store}")


@handles_errors
def push_cmd(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="URL", help="The target's SPARQL query endpoint.")],
    graph_store: Annotated[
        str | None,
        typer.Option(
            "--graph-store", metavar="URL", help="Its Graph Store Protocol endpoint: each graph is PUT there."
        ),
    ] = None,
    update: Annotated[
        str | None,
        typer.Option(
            "--update",
            metavar="URL",
            help="Its SPARQL Update endpoint (default: --to), used without --graph-store.",
        ),
    ] = None,
    user: Annotated[
        str | None, typer.Option("--user", envvar="ANTQ_REMOTE_USER", help="User (HTTP Basic or Digest).")
    ] = None,
    password: Annotated[
        str | None, typer.Option("--password", envvar="ANTQ_REMOTE_PASSWORD", help="Password.")
    ] = None,
    token: Annotated[
        str | None, typer.Option("--token", envvar="ANTQ_REMOTE_TOKEN", help="Bearer token.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Send every graph, even those the target holds unchanged.")
    ] = False,
    batch: Annotated[
        int | None, typer.Option("--batch", min=1, metavar="N", help="Triples per request.")
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, help="Seconds to wait for the server.")
    ] = 300.0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress lines, only the summary.")
    ] = False,
) -> None:
    """Copy the store into a SPARQL 1.1 server, graph by graph; an interrupted push resumes, unchanged graphs are skipped."""
    from ..push import PushJournal, push
    from ..remote import GRAPH_STORE_BATCH, UPDATE_BATCH, RemoteStore, is_url, make_auth
    from ..store import open_store

    for name, url in (("--to", to), ("--graph-store", graph_store), ("--update", update)):
        if url is not None and not is_url(url):
            raise typer.BadParameter(f"not an http(s) URL: {url!r}", param_hint=name)
    s = local_settings(ctx)
    target = RemoteStore(
        to,
        update_url=update,
        graph_store_url=graph_store,
        auth=make_auth(user, password, token),
        timeout=timeout,
        update_batch=batch or UPDATE_BATCH,
        graph_store_batch=batch or GRAPH_STORE_BATCH,
    )
    with open_store(s.store, read_only=True) as store, target:
        progress = None if quiet else _PushProgress()
        summary = push(
            store,
            target,
            journal=PushJournal.for_store(s.store, target),
            force=force,
            on_progress=progress,
            base_iri=s.base_iri,
        )
    typer.echo(summary.text(), err=True)
    if summary.union_default_graph is False:
        typer.echo(
            f"Note: {to}: queries there do not see the named graphs as their default graph; turn on its "
            "union default graph (Oxigraph server: --union-default-graph; Fuseki: tdb2:unionDefaultGraph true)",
            err=True,
        )


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
        typer.echo(
            f"push: {event.graphs_done}/{event.graphs} graphs, {event.triples_done}/{event.triples} "
            f"triples ({share:.0f}%), {rate:,.0f} triples/s",
            err=True,
        )
