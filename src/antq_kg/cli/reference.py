"""The reference data: ``gazetteer export``, ``gazetteer lookup`` and ``link`` (gazetteer units to Wikidata)."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import InputError
from .app import (
    LinksOpt,
    NoWaitOpt,
    RdfFormatOpt,
    handles_errors,
    load_gazetteer,
    local_settings,
    settings_of,
    writable_store,
)

if TYPE_CHECKING:
    from ..gazetteer import AdminUnit


gazetteer_app = typer.Typer(no_args_is_help=True, help="The administrative gazetteer: lookup and RDF export.")


@gazetteer_app.command("export")
@handles_errors
def gazetteer_export_cmd(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write a dataset file instead.")
    ] = None,
    format: RdfFormatOpt = None,
    links: LinksOpt = None,
    no_wait: NoWaitOpt = False,
) -> None:
    """The gazetteer as its own named graph (with the links of data/links in theirs): into the store, or a file."""
    from ..export import export_store
    from ..reference import load_gazetteer_graphs
    from ..store import EmbeddedStore

    s = settings_of(ctx) if output else local_settings(ctx)
    echo = functools.partial(typer.echo, err=True)
    with EmbeddedStore(None) if output else writable_store(s, no_wait=no_wait, echo=echo) as store:
        with store.writer(op="gazetteer") as w:
            n = sum(
                load_gazetteer_graphs(
                    w, load_gazetteer(ctx), base_iri=s.base_iri, links=links, record=output is None
                ).values()
            )
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
    within: Annotated[
        str | None, typer.Option("--within", help="A unit key (p33), GSO code (33) or name the unit lies in.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Only units valid on this date (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Candidates for a place name: key, code, type, name, parent chain and validity."""
    from ..export import render_table

    gaz, day = load_gazetteer(ctx), _day(on)
    scopes: list[AdminUnit | None] = [None]
    if within is not None:
        scopes = (
            [gaz.get(within)]
            if within in gaz
            else [u for u in gaz if u.code == within]
            if within.isdigit()
            else list(gaz.lookup(within))
        )
        if not scopes:
            raise InputError(f"--within: no administrative unit called {within!r}")
    found = {u.key: u for w in scopes for u in gaz.lookup(name, type=type, within=w, on=day)}
    if not found:
        typer.echo(f"No unit called {name!r}.", err=True)
        return
    rows = [
        [
            u.key,
            u.code,
            u.type,
            u.name,
            " › ".join(a.label for a in gaz.ancestors(u) if a.level),
            f"{u.valid_from or '…'} – {u.valid_to or '…'}",
        ]
        for u in found.values()
    ]
    typer.echo(render_table(["key", "code", "type", "name", "chain", "valid"], rows))


@handles_errors
def link_cmd(
    ctx: typer.Context,
    wikidata: Annotated[
        bool, typer.Option("--wikidata", help="Reconcile with Wikidata (the only target).")
    ] = False,
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", help="SPARQL endpoint URL (default: Wikidata's public one).")
    ] = None,
    scope: Annotated[str, typer.Option("--scope", help="provinces, districts, communes or all.")] = "all",
    province: Annotated[
        str | None, typer.Option("--province", help="Only this province (GSO code, e.g. 33).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "--out", "-o", help="The links file to write (merged with the links it holds)."
        ),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds per request.")] = 60.0,
) -> None:
    """Link gazetteer units to Wikidata over SPARQL; the links (with evidence) go to the file -o names.

    Put the file in a folder of link files (``build --links DIR``) to load it with the articles;
    the repository's own links are in ``data/links/``.
    """
    from ..link import WIKIDATA_ENDPOINT, reconcile_wikidata, select_units, write_links

    if not wikidata:
        raise typer.BadParameter("name what to link to (--wikidata)", param_hint="--wikidata")
    if output is None:
        raise typer.BadParameter("name the links file to write (-o FILE)", param_hint="--output")
    gaz = load_gazetteer(ctx)
    units = select_units(gaz, scope, province=province)
    url = endpoint or WIKIDATA_ENDPOINT
    links = reconcile_wikidata(
        gaz, units, endpoint=url, timeout=timeout, on_note=lambda m: typer.echo(f"note: {m}", err=True)
    )
    kept = write_links(links, output)
    typer.echo(
        f"Linked {len(links)} unit(s) to Wikidata via {url}; {len(kept)} link(s) in {output}", err=True
    )
