"""Graph scoping of SPARQL text for the set-at-a-time validator (:mod:`.sparql_engine`).

The validator's working store holds every data graph as a named graph (with the reference units it
names) and the ontology as the default graph. A data graph is judged on its own together with the
ontology, so a triple pattern ``s p o`` of a per-graph check reads "``s p o`` in the graph ``?_g``
being checked, or in the ontology"::

    { GRAPH ?_g { s p o } } UNION { s p o }

:func:`triple` writes that for one pattern with a property path (SPARQL 1.1 Query §9), expanding
sequence, alternative and inverse paths into triple patterns. A path with ``*``, ``+`` or ``?``
(§9.1, ArbitraryLength/ZeroOrOne) is read in each of the two graphs on its own; the engine copies the
ontology's triples of such a path's predicates into every data graph that states one of them, so a
chain that crosses from a data graph into the ontology is still found (:attr:`Scoper.closures`).

:func:`scope_select` rewrites the WHERE body of a SHACL-SPARQL ``sh:select`` query (SHACL §5) the
same way: every triple pattern of the body, of its OPTIONAL, UNION and MINUS groups, and of its
(NOT) EXISTS filters. Syntax this small rewriter does not know (GRAPH, SERVICE, sub-queries,
blank nodes and collections in patterns) raises :class:`~antq_kg.errors.OntologyError`: a check
never runs unscoped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import OntologyError

#: The variable naming the data graph being checked.
GRAPH_VAR = "?_g"

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+|\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[+-]?(?:[0-9]+\.[0-9]*(?:[eE][+-]?[0-9]+)?|\.?[0-9]+(?:[eE][+-]?[0-9]+)?))
  | (?P<pname>(?:[A-Za-z][\w\-.]*)?:(?:[\w\-.:%]*[\w\-:%])?|_:[\w\-.]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;|/^*+?!=<>\-])
    """,
    re.VERBOSE,
)


def tokens(text: str) -> list[str]:
    """The tokens of a SPARQL text (comments and white space dropped); OntologyError on a stray character."""
    return [text[a:b] for a, b in spans(text)]


def spans(text: str) -> list[tuple[int, int]]:
    """Where each token of :func:`tokens` starts and ends in ``text``."""
    out: list[tuple[int, int]] = []
    at = 0
    while at < len(text):
        m = _TOKEN.match(text, at)
        if m is None:
            raise OntologyError(f"cannot read the SPARQL text at {text[at : at + 20]!r}")
        if m.lastgroup != "ws":
            out.append(m.span())
        at = m.end()
    return out


def _joined(parts: list[str]) -> str:
    """Tokens joined by spaces, a function name kept next to its parenthesis (``STR(?x)``)."""
    return re.sub(r"\b([A-Za-z_][A-Za-z0-9_]*) \(", r"\1(", " ".join(parts))


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Presence:
    """Which predicates (and which classes, as objects of ``rdf:type``) a set of graphs holds; ``None``
    for "any". A scoped pattern reads only the side (checked graph, ontology) that can match it; for the
    data graphs only the ontology's predicates and classes matter (any other is read in the data only)."""

    predicates: frozenset[str] | None = None
    classes: frozenset[str] | None = None

    def has(self, predicate: str | None, classes: frozenset[str] | None = None) -> bool:
        """False only when no triple with ``predicate`` (of one of ``classes`` for ``rdf:type``) is there."""
        if self.predicates is None or predicate is None:
            return True
        if predicate == _RDF_TYPE and classes is not None and self.classes is not None:
            return bool(classes & self.classes)
        return predicate in self.predicates


@dataclass
class Scoper:
    """Writes graph-scoped patterns; fresh variables are numbered per scoper, and the predicates of
    ``*``/``+``/``?`` paths are collected in :attr:`closures`. ``ontology`` and ``data`` say what each
    side holds (a pattern no triple of one side can match reads the other side only); ``prefixes``
    expand the prefixed names of a SPARQL constraint."""

    per_graph: bool = True
    #: Across graphs: each pattern reads any named graph but these (and the ontology); ``None``: no
    #: scoping at all (the query reads its default graph).
    union_except: tuple[str, ...] | None = None
    counter: int = 0
    closures: set[str] = field(default_factory=set)
    ontology: Presence = field(default_factory=Presence)
    data: Presence = field(default_factory=Presence)
    prefixes: dict[str, str] = field(default_factory=dict)
    #: (predicate, object) IRIs of the patterns written across graphs (``None``: a variable or path).
    reads: set[tuple[str | None, str | None]] = field(default_factory=set)
    #: How many per-graph patterns written so far read the ontology (their solutions there leave
    #: ``?_g`` unbound): a group of patterns that adds none binds ``?_g`` in every solution.
    ontology_reads: int = 0

    def iri(self, name: str) -> str | None:
        """The IRI of ``<…>``, ``a`` or a declared prefixed name; ``None`` for a variable or a path."""
        if name == "a":
            return _RDF_TYPE
        if name.startswith("<") and name.endswith(">"):
            return name[1:-1]
        prefix, colon, local = name.partition(":")
        if colon and prefix in self.prefixes and not name.startswith(("?", "$", "(")):
            return self.prefixes[prefix] + local
        return None

    def sides(
        self, predicates: list[str], o: str = "", classes: frozenset[str] | None = None
    ) -> tuple[bool, bool]:
        """Whether the ontology, and whether the data, can hold a triple of one of ``predicates``."""
        iris = [self.iri(p) for p in predicates]
        if classes is None and o and (known := self.iri(o)) is not None:
            classes = frozenset({known})
        return (
            any(self.ontology.has(i, classes) for i in iris),
            any(self.data.has(i, classes) for i in iris),
        )

    def fresh(self) -> str:
        self.counter += 1
        return f"?_v{self.counter}"

    def quad(
        self,
        s: str,
        p: str,
        o: str,
        *,
        classes: frozenset[str] | None = None,
        predicates: list[str] | None = None,
    ) -> str:
        """One triple pattern (``p`` an IRI, ``a`` or a variable, or a closure path over ``predicates``)
        in the checked graph or the ontology; ``classes``: the classes a variable ``o`` of ``rdf:type`` takes."""
        if not self.per_graph and self.union_except is None:
            return f"{s} {p} {o} ."
        in_ontology, in_data = self.sides(predicates or [p], o, classes)
        graph = f"GRAPH {GRAPH_VAR} {{ {s} {p} {o} }}"
        if not self.per_graph:
            self.reads |= {(self.iri(q), self.iri(o)) for q in predicates or [p]}
            g = self.fresh()
            only = f" FILTER ({g} NOT IN ({', '.join(self.union_except)}))" if self.union_except else ""
            graph = f"GRAPH {g} {{ {s} {p} {o} }}{only}"
            if in_ontology and in_data:
                return f"{{ {graph} }} UNION {{ {s} {p} {o} }}"
            return f"{{ {s} {p} {o} }}" if in_ontology else f"{{ {graph} }}"
        self.ontology_reads += in_ontology
        if in_ontology and in_data:
            return f"{{ {graph} }} UNION {{ {s} {p} {o} }}"
        return f"{{ {s} {p} {o} }}" if in_ontology else graph

    def triple(self, s: str, path: Path, o: str) -> str:
        """The pattern ``s path o`` (a :data:`Path` tree), its steps each scoped by :meth:`quad`."""
        kind = path[0]
        if kind == "iri":
            return self.quad(s, str(path[1]), o)
        if kind == "inv":
            return self.triple(o, path[1], s)
        if kind == "seq":
            steps: list[Path] = list(path[1])
            nodes = [s, *(self.fresh() for _ in steps[1:]), o]
            return " ".join(self.triple(nodes[i], step, nodes[i + 1]) for i, step in enumerate(steps))
        if kind == "alt":
            return " UNION ".join(f"{{ {self.triple(s, alt, o)} }}" for alt in path[1])
        if kind == "mod":
            names = predicates(path)
            self.closures |= set(names)
            return self.quad(s, path_text(path), o, predicates=names)
        raise OntologyError(f"unknown path {path!r}")


#: A property path as a tree: ("iri", text) | ("inv", p) | ("seq", [p…]) | ("alt", [p…]) | ("mod", p, "*"|"+"|"?").
Path = tuple[Any, ...]


def path_text(path: Path) -> str:
    """A path tree in SPARQL syntax."""
    kind = path[0]
    if kind == "iri":
        return str(path[1])
    if kind == "inv":
        return f"^({path_text(path[1])})"
    if kind in ("seq", "alt"):
        sep = "/" if kind == "seq" else "|"
        return "(" + sep.join(path_text(p) for p in path[1]) + ")"
    return f"({path_text(path[1])}){path[2]}"


def predicates(path: Path) -> list[str]:
    """The IRIs (or prefixed names) a path tree names."""
    kind = path[0]
    if kind == "iri":
        return [str(path[1])]
    if kind in ("inv", "mod"):
        return predicates(path[1])
    return [p for sub in path[1] for p in predicates(sub)]


def arbitrary(path: Path) -> bool:
    """Whether a path tree has a ``*``, ``+`` or ``?`` step."""
    kind: str = path[0]
    if kind in ("iri", "mod"):
        return kind == "mod"
    steps: list[Path] = [path[1]] if kind == "inv" else list(path[1])
    return any(arbitrary(p) for p in steps)


def expand(name: str, prefixes: dict[str, str]) -> str:
    """A prefixed name or ``<IRI>`` as a full IRI."""
    if name.startswith("<"):
        return name[1:-1]
    prefix, _, local = name.partition(":")
    if prefix not in prefixes:
        raise OntologyError(f"the prefix {prefix!r} is not declared")
    return prefixes[prefix] + local


_KEYWORDS = {"FILTER", "OPTIONAL", "MINUS", "BIND", "VALUES", "GRAPH", "SERVICE", "UNION", "SELECT"}


class _Reader:
    """A recursive-descent reader of a WHERE body that writes it back graph-scoped."""

    def __init__(self, toks: list[str], scoper: Scoper) -> None:
        self.toks, self.at, self.s = toks, 0, scoper

    def peek(self, ahead: int = 0) -> str:
        i = self.at + ahead
        return self.toks[i] if i < len(self.toks) else ""

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if expected is not None and tok.upper() != expected.upper():
            raise OntologyError(f"expected {expected!r} in the SPARQL text, found {tok!r}")
        self.at += 1
        return tok

    def group(self) -> str:
        """``{ … }`` written back scoped."""
        self.take("{")
        if self.peek().upper() == "SELECT":
            if self.s.per_graph:
                raise OntologyError("a sub-query inside a per-graph SPARQL constraint is not supported")
            return "{ " + self.subquery() + " }"
        parts: list[str] = []
        while self.peek() != "}":
            if not self.peek():
                raise OntologyError("unbalanced braces in the SPARQL text")
            parts.append(self.element())
        self.take("}")
        return "{ " + " ".join(parts) + " }"

    def subquery(self) -> str:
        """``SELECT … WHERE { … } modifiers`` up to the closing brace of its group (left unread)."""
        head: list[str] = []
        while self.peek() != "{":
            if not self.peek():
                raise OntologyError("a sub-query without a WHERE clause")
            tok = self.take()
            head.append(tok if tok.upper() != "WHERE" else "WHERE")
        body = self.group()
        tail: list[str] = []
        while self.peek() != "}":
            if not self.peek():
                raise OntologyError("unbalanced braces in the SPARQL text")
            tail.append(self.take())
        self.take("}")
        return f"{_joined(head)} {body} {_joined(tail)}"

    def element(self) -> str:
        tok, up = self.peek(), self.peek().upper()
        if tok == "{":
            out = self.group()
            while self.peek().upper() == "UNION":
                self.take()
                out += " UNION " + self.group()
            return out
        if up in ("OPTIONAL", "MINUS"):
            self.take()
            return f"{up} {self.group()}"
        if up == "FILTER":
            self.take()
            return f"FILTER {self.constraint()}"
        if up == "BIND":
            self.take()
            return f"BIND {self.bracketed()}"
        if up == "VALUES":
            return self.values()
        if up in ("GRAPH", "SERVICE", "SELECT"):
            raise OntologyError(f"{up} inside a per-graph SPARQL constraint is not supported")
        if tok == ".":
            self.take()
            return ""
        return self.triples()

    def constraint(self) -> str:
        up = self.peek().upper()
        if up == "NOT" and self.peek(1).upper() == "EXISTS":
            self.at += 2
            return f"NOT EXISTS {self.group()}"
        if up == "EXISTS":
            self.take()
            return f"EXISTS {self.group()}"
        if self.peek() == "(":
            return self.bracketed()
        name = self.take()  # a function call: regex(…), bound(…)…
        return f"{name}{self.bracketed()}"

    def bracketed(self) -> str:
        """``( expression )`` copied, with the groups of its EXISTS / NOT EXISTS scoped."""
        self.take("(")
        parts, depth = ["("], 1
        while depth:
            tok = self.peek()
            if not tok:
                raise OntologyError("unbalanced parentheses in the SPARQL text")
            if tok.upper() == "EXISTS" and self.peek(1) == "{":
                self.take()
                parts.append(f"EXISTS {self.group()}")
                continue
            depth += (tok == "(") - (tok == ")")
            parts.append(self.take())
        return _joined(parts)

    def values(self) -> str:
        parts = [self.take()]
        while self.peek() != "{":
            parts.append(self.take())
        while self.peek() != "}":
            parts.append(self.take())
        parts.append(self.take())
        return " ".join(parts)

    def term(self) -> str:
        tok = self.take()
        if tok in ("[", "(") or tok.startswith("_:"):
            raise OntologyError(
                "blank nodes and collections in a per-graph SPARQL constraint's patterns are not supported"
            )
        if tok.startswith(("'", '"')):
            if self.peek().startswith("@"):
                tok += self.take()
            elif self.peek() == "^^":
                tok += self.take() + self.take()
        return tok

    def path(self) -> Path:
        alts = [self.sequence()]
        while self.peek() == "|":
            self.take()
            alts.append(self.sequence())
        return alts[0] if len(alts) == 1 else ("alt", alts)

    def sequence(self) -> Path:
        steps = [self.step()]
        while self.peek() == "/":
            self.take()
            steps.append(self.step())
        return steps[0] if len(steps) == 1 else ("seq", steps)

    def step(self) -> Path:
        inverse = self.peek() == "^"
        if inverse:
            self.take()
        tok = self.take()
        if tok == "(":
            inner = self.path()
            self.take(")")
        elif tok == "a" or tok.startswith(("<", "?", "$")) or ":" in tok:
            inner = ("iri", tok)
        else:
            raise OntologyError(f"the path element {tok!r} is not supported in a per-graph SPARQL constraint")
        if self.peek() in ("*", "+", "?"):
            inner = ("mod", inner, self.take())
        return ("inv", inner) if inverse else inner

    def triples(self) -> str:
        subject = self.term()
        out: list[str] = []
        while True:
            verb = self.path()
            while True:
                out.append(self.s.triple(subject, verb, self.term()))
                if self.peek() != ",":
                    break
                self.take()
            if self.peek() != ";":
                break
            self.take()
            if self.peek() in (".", "}"):
                break
        if self.peek() == ".":
            self.take()
        return " ".join(out)


@dataclass(frozen=True)
class Select:
    """A ``sh:select`` query taken apart: ``DISTINCT`` or not, the projected variables (without ``?``),
    and the WHERE body (its group's contents, without the braces)."""

    variables: tuple[str, ...]
    body: str


def split_select(text: str) -> Select:
    """The projection and WHERE body of ``SELECT [DISTINCT] ?a ?b WHERE { … }`` (SHACL §5.3.1); the
    modifiers the validator does not honour (GROUP BY, ORDER BY, LIMIT, expressions in the projection)
    raise :class:`OntologyError`."""
    places = spans(text)
    toks = [text[a:b] for a, b in places]
    i = 0
    while i < len(toks) and toks[i].upper() != "SELECT":
        if toks[i].upper() not in ("PREFIX", "BASE") and not toks[i].startswith("<") and ":" not in toks[i]:
            raise OntologyError(f"unexpected {toks[i]!r} before SELECT")
        i += 1
    if i == len(toks):
        raise OntologyError("a sh:select query must be a SELECT query")
    i += 1
    if i < len(toks) and toks[i].upper() in ("DISTINCT", "REDUCED"):
        i += 1
    variables: list[str] = []
    while i < len(toks) and toks[i].startswith(("?", "$")):
        variables.append(toks[i][1:])
        i += 1
    if i < len(toks) and toks[i] == "*":
        raise OntologyError("SELECT * in a sh:select query is not supported: name the variables")
    if i < len(toks) and toks[i].upper() == "WHERE":
        i += 1
    if i >= len(toks) or toks[i] != "{":
        raise OntologyError("expressions in the projection of a sh:select query are not supported")
    depth, start = 0, i
    for j in range(i, len(toks)):
        depth += (toks[j] == "{") - (toks[j] == "}")
        if depth == 0:
            if j + 1 != len(toks):
                raise OntologyError(
                    f"{toks[j + 1]!r} after the WHERE clause of a sh:select query is not supported"
                )
            return Select(tuple(variables), text[places[start][1] : places[j][0]].strip())
    raise OntologyError("unbalanced braces in the sh:select query")


def scope_body(body: str, scoper: Scoper) -> str:
    """A WHERE body (without its braces) with every triple pattern scoped (see the module docstring)."""
    reader = _Reader(tokens("{ " + body + " }"), scoper)
    out = reader.group()
    if reader.peek():
        raise OntologyError(f"unexpected {reader.peek()!r} after the WHERE clause")
    return out[1:-1].strip()


def rename_this(body: str) -> str:
    """``$this`` and ``?this`` are one variable (SPARQL 1.1 §19.8); written ``?this`` everywhere."""
    return re.sub(r"\$this\b", "?this", body)
