"""``serve``: the store (or RDF files) as a SPARQL 1.1 endpoint with a query page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import AllowServiceOpt, handles_errors, open_reader, settings_of


@handles_errors
def serve_cmd(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None, typer.Argument(help="RDF files to serve instead of the store.")
    ] = None,
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
        int | None,
        typer.Option("--max-rows", min=1, help="At most this many result rows (SELECT) or triples."),
    ] = None,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1, metavar="BYTES", help="Largest request body (413 beyond).")
    ] = 1024 * 1024,
    in_memory_limit: Annotated[
        int,
        typer.Option(
            "--in-memory-limit",
            min=0,
            metavar="QUADS",
            help="Evaluate queries in memory for stores up to this many quads (~600 MB per million).",
        ),
    ] = 5_000_000,
    write_token: Annotated[
        str | None,
        typer.Option(
            "--write-token",
            envvar="ANTQ_WRITE_TOKEN",
            metavar="TOKEN",
            help="Turn on /update and /store for requests with 'Authorization: Bearer TOKEN'.",
        ),
    ] = None,
    no_text: Annotated[
        bool,
        typer.Option(
            "--no-text", help="Publish spans and quotes but not the articles' full text (nif:isString)."
        ),
    ] = False,
    queries: Annotated[
        Path | None,
        typer.Option(
            "--queries",
            metavar="DIR",
            help="Folder of *.rq queries for the query page (default: the packaged ones).",
        ),
    ] = None,
) -> None:
    """Serve the store (or the given files) as a SPARQL 1.1 endpoint with a query page."""
    from ..export import file_to_store
    from ..web import DEFAULT_MAX_QUERY_STRING, Limits, PoolSettings, create_app, serve_once

    s = settings_of(ctx)
    store = file_to_store(files, base_iri=s.base_iri) if files else open_reader(ctx)
    app_ = create_app(
        store,
        base_iri=s.base_iri,
        allow_services=tuple(allow_service or ()),
        pool=PoolSettings(
            workers=workers, timeout=timeout, max_rows=max_rows, in_memory_limit=in_memory_limit
        ),
        limits=Limits(max_body=max_body),
        write_token=write_token,
        no_text=no_text,
        queries_dir=queries,
    )
    if get is not None:
        status, body = serve_once(app_, get)
        typer.echo(body, nl=False)
        raise typer.Exit(0 if status < 400 else 2)
    import uvicorn

    source = f" from {s.remote}" if s.remote and not files else ""
    typer.echo(f"Serving {len(store)} quads{source} at http://{host}:{port}/ (SPARQL at /sparql)", err=True)
    uvicorn.run(
        app_,
        host=host,
        port=port,
        log_level="info",
        h11_max_incomplete_event_size=DEFAULT_MAX_QUERY_STRING + 64 * 1024,
    )
