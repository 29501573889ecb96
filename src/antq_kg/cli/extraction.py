"""``extract`` (articles → facts JSON or tables) and ``score`` (facts against gold facts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import AntqError
from .app import JobsOpt, MaxBytesOpt, handles_errors, load_gazetteer, report_failure


@handles_errors
def extract_cmd(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders of *.txt.")],
    format: Annotated[str, typer.Option("--format", help="json or table.")] = "json",
    jobs: JobsOpt = 1,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Extract the facts of articles (one JSON object for one file, else a JSON array)."""
    from ..export import facts_table, render_table
    from ..model import facts_to_json
    from ..pipeline import iter_facts

    if format not in ("json", "table"):
        raise typer.BadParameter(f"unknown format {format!r} (json or table)", param_hint="--format")
    single = len(paths) == 1 and paths[0].is_file()
    failed, first = False, True
    for item in iter_facts(paths, gazetteer=load_gazetteer(ctx), jobs=jobs, max_bytes=max_bytes):
        if isinstance(item, AntqError):
            failed = True
            report_failure(ctx, item)
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


@handles_errors
def score_cmd(
    ctx: typer.Context,
    predicted: Annotated[
        Path, typer.Argument(help="Predicted facts JSON (what extract prints), or a folder with --pairs.")
    ],
    gold: Annotated[Path, typer.Argument(help="Gold facts JSON, or a folder of NN.json with --pairs.")],
    pairs: Annotated[
        bool, typer.Option("--pairs", help="Both arguments are folders; files pair by name.")
    ] = False,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", min=0, max=1, help="Exit 1 when the overall F1 is below this.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the reports as JSON.")] = False,
) -> None:
    """Score extracted facts against gold facts (docs/FACTS.md): per category, per attribute, overall F1."""
    from ..evaluate import score_files

    run = score_files(predicted, gold, pairs=pairs)
    typer.echo(run.json() if as_json else run.text())
    if min_f1 is not None and run.total["f1"] < min_f1:
        raise typer.Exit(1)
