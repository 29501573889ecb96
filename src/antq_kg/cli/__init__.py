"""The ``antq-kg`` command line: parse options, call the library, print, map errors.

The package: :mod:`.app` (the typer app, global options, settings, error reporting, the entry point),
then the commands by what they work on: :mod:`.extraction` (``extract``, ``score``), :mod:`.build`
(``build``, ``load``, ``remove``, ``relabel``, ``push``), :mod:`.query` (``validate``, ``query``, ``export``, ``explain``),
:mod:`.serve` (``serve``) and :mod:`.reference` (``gazetteer export``, ``gazetteer lookup``, ``link``).
The commands are registered below, in the order ``antq-kg --help`` lists them.

Global options (``--store``, ``--base-iri``, ``--ontology``, ``--gazetteer-dir``, ``--debug``) go
before or after the command: ``antq-kg build FILE --store DIR`` is ``antq-kg --store DIR build FILE``
(:class:`.app.GlobalOptionsAnywhere`). ``ANTQ_STORE`` and ``ANTQ_BASE_IRI`` set the defaults of the first two.

Commands: ``extract``, ``build``, ``load``, ``remove``, ``relabel``, ``validate``, ``query``, ``export``, ``serve``, ``push``,
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

from .app import app, main, report_error
from .build import build_cmd, load_cmd, push_cmd, relabel_cmd, remove_cmd
from .extraction import extract_cmd, score_cmd
from .query import explain_cmd, export_cmd, query_cmd, validate_cmd
from .reference import gazetteer_app, link_cmd
from .serve import serve_cmd

app.command("extract")(extract_cmd)
app.command("build")(build_cmd)
app.command("load")(load_cmd)
app.command("remove")(remove_cmd)
app.command("relabel")(relabel_cmd)
app.command("validate")(validate_cmd)
app.command("query")(query_cmd)
app.command("export")(export_cmd)
app.command("serve")(serve_cmd)
app.command("push")(push_cmd)
app.command("explain")(explain_cmd)
app.command("score")(score_cmd)
app.add_typer(gazetteer_app, name="gazetteer")
app.command("link")(link_cmd)

__all__ = ["app", "main", "report_error"]
