"""The ``antq-kg`` command line: thin over the library (placeholder)."""

from __future__ import annotations

import json
import sys

import typer

from .errors import AntqError
from .mentions import extract
from .model import facts_to_json
from .text import read_document

app = typer.Typer(pretty_exceptions_enable=False, no_args_is_help=True, add_completion=False)


@app.command("extract")
def extract_cmd(path: str, format: str = typer.Option("json", "--format")) -> None:
    """Extract the facts of an article."""
    facts = extract(read_document(path))
    print(json.dumps(facts_to_json(facts), ensure_ascii=False, indent=2))


@app.command("version")
def version_cmd() -> None:
    """Print the version."""
    from . import __version__

    print(__version__)


def main() -> None:
    """Entry point: run the app, mapping library errors to one line on stderr and exit 2."""
    try:
        app()
    except AntqError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(2)
