"""The typer app of ``antq-kg``: global options accepted anywhere, the settings they make, the
option types the commands share, error reporting (one line, the causes with ``--debug``) and the
console-script entry point. The commands are in the sibling modules, registered by the package."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup, TyperOption

from ..errors import AntqError, InputError, causes, error_kind
from ..iris import DEFAULT_BASE_IRI
from ..store import DEFAULT_STORE_PATH

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..remote import RemoteStore
    from ..store import EmbeddedStore


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
    cls=GlobalOptionsAnywhere,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    help="Vietnamese ANTQ news → facts → validated RDF → SPARQL. Global options go before or after the command.",
)

P = ParamSpec("P")
R = TypeVar("R")

StoreOpt = Annotated[
    str,
    typer.Option(
        "--store",
        envvar="ANTQ_STORE",
        help="Store directory, or the URL of a SPARQL endpoint to read from (query, serve, export, "
        "explain, validate; credentials from ANTQ_REMOTE_USER and ANTQ_REMOTE_PASSWORD, or "
        "ANTQ_REMOTE_TOKEN).",
    ),
]
BaseIriOpt = Annotated[str, typer.Option("--base-iri", help="Base IRI of the graph.", envvar="ANTQ_BASE_IRI")]
OntologyOpt = Annotated[
    Path | None,
    typer.Option(
        "--ontology", metavar="DIR", help="Folder with antq.ttl and shapes.ttl (default: the packaged ones)."
    ),
]
GazetteerDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer-dir",
        metavar="DIR",
        help="Folder with the gazetteer CSV files (default: the packaged ones).",
    ),
]
DebugOpt = Annotated[
    bool, typer.Option("--debug", help="On an error, also print its causes and the traceback.")
]
LinksOpt = Annotated[
    Path | None,
    typer.Option(
        "--links", metavar="DIR", help="Folder of link files (*.ttl; default: the packaged data/links)."
    ),
]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.")]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        metavar="N",
        help="Refuse article files larger than N bytes (default 16 MiB; articles are kilobytes).",
    ),
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
    return isinstance(ctx, typer.Context) and settings_of(ctx).debug


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
        from ..version import __version__

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
        bool,
        typer.Option("--version", is_eager=True, callback=_print_version, help="Print the version and exit."),
    ] = False,
) -> None:
    """Vietnamese ANTQ news → facts → validated RDF → SPARQL."""
    from ..remote import is_url

    remote = store if is_url(store) else None
    ctx.obj = Settings(
        store=DEFAULT_STORE_PATH if remote else Path(store),
        base_iri=base_iri,
        ontology=ontology,
        gazetteer_dir=gazetteer_dir,
        debug=debug,
        remote=remote,
    )


def settings_of(ctx: typer.Context) -> Settings:
    obj = ctx.find_object(Settings)
    return obj if obj is not None else Settings()


def local_settings(ctx: typer.Context) -> Settings:
    """The settings of a command that writes: ``--store`` must be a directory."""
    s = settings_of(ctx)
    if s.remote is not None:
        raise InputError(
            f"--store {s.remote}: this command writes to a local store; build or load into a "
            "directory, then copy it with `antq-kg push --to URL`"
        )
    return s


def open_reader(ctx: typer.Context) -> EmbeddedStore | RemoteStore:
    """The store a reading command uses: the remote endpoint, or the local store opened read-only."""
    from ..remote import RemoteStore, make_auth
    from ..store import open_store

    s = settings_of(ctx)
    if s.remote is None:
        return open_store(s.store, read_only=True)
    env = os.environ.get
    auth = make_auth(env("ANTQ_REMOTE_USER"), env("ANTQ_REMOTE_PASSWORD"), env("ANTQ_REMOTE_TOKEN"))
    return RemoteStore(s.remote, auth=auth)


def load_gazetteer(ctx: typer.Context) -> Gazetteer:
    from ..gazetteer import Gazetteer

    return Gazetteer.load(settings_of(ctx).gazetteer_dir)


def report_failure(ctx: typer.Context, exc: AntqError) -> None:
    """Report one bad input among several (the command goes on with the others)."""
    report_error(exc, debug=settings_of(ctx).debug)


NoWaitOpt = Annotated[
    bool,
    typer.Option(
        "--no-wait",
        help="Fail at once (exit 2) when another command is writing the store, instead of waiting.",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the summary.")]


def writable_store(
    s: Settings, *, no_wait: bool, echo: Callable[[str], None], create: bool = True
) -> EmbeddedStore:
    """The on-disk store for a writing command: it waits for another writer (saying so) unless ``no_wait``."""
    from ..store import open_store

    return open_store(s.store, wait=not no_wait, on_wait=echo, create=create)


def recovered_notes(store: EmbeddedStore, echo: Callable[[str], None], *, building: bool = False) -> None:
    """One note per write of another process that was found interrupted and cleaned up."""
    from ..pipeline import interrupted_note

    for entry in store.recovered:
        if not (building and entry.op == "build"):  # a build says it itself, and records the run
            echo(interrupted_note(entry))


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
