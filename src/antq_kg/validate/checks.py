"""The compiled checks (:class:`Check`, written by :mod:`.compile`), and those of one focus-node group
run as one query (:class:`Batch`): the focus nodes are found once.

Each compiled SHACL Core check (:mod:`.compile`) is a SELECT that starts from its focus nodes (SHACL
§2.1 targets: ``sh:targetClass``…) and then reads their value nodes. The checks of one shape's
properties, and of the shapes that share a target, start from the same focus-node group; finding those
nodes costs as much as a check's own work on the largest classes (``nif:Phrase``). :func:`batched`
joins such checks into one :class:`Batch` query of the same solutions:

* row checks (value type, range, string, ``sh:lessThan``, ``sh:disjoint``…; one solution per result):
  each check is a branch of a UNION, tagged by its position ``?_k``, joined with the focus nodes once.
  A branch is evaluated on its own before the join (SPARQL 1.1 §18.2.2: the filter of a group reads
  the group's solutions), so only the checks whose patterns bind every variable their filter reads
  are batched (:attr:`Check.where`);
* count checks (``sh:minCount``, ``sh:maxCount``, qualified counts; one solution per focus node):
  the value nodes of each check are a branch of one OPTIONAL UNION, counted per check
  (``COUNT(DISTINCT ?_wN)``, which the other branches' solutions leave unbound), and a focus node is a
  solution when one of the counts fails (:meth:`Check.failed`); when every branch reads the data graph
  only, the counts are taken per (graph, focus node) before the join with the focus nodes.

Each solution is handed back to its check, and the report is built from it as from the check's own
query. Oxigraph evaluates a branch with its filter before the join, so a batch costs about one scan of
the focus nodes and one scan of each check's value nodes; a group of one check is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

#: A solution's bound variables by name.
Bound = dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]

#: The graph name a check judged once (:attr:`Check.once`) binds ``?_g`` to: no graph of that name exists.
ALONE = "urn:x-antq-validate:ontology-alone"

#: Where a result's ``sh:value`` comes from (see :class:`Check`).
ValueFrom = Literal["value", "focus", "none"]


@dataclass(frozen=True, slots=True)
class Check:
    """One compiled (shape, constraint component): its SELECT and how to read a solution.

    ``value`` says where a result's ``sh:value`` comes from: the ``?value`` variable, the focus node
    (a SPARQL constraint of a node shape without ``?value``), or none (counts, ``sh:hasValue``).
    """

    shape: str
    component: str
    sparql: str
    path: str | None
    severity: str
    messages: tuple[tuple[str, str], ...]
    across: bool
    value: ValueFrom
    #: For a cross-graph SPARQL constraint, run over the union default graph: the (predicate, object)
    #: IRIs its patterns read (``None``: any), which the reference graphs must not hold.
    reads: frozenset[tuple[str | None, str | None]] | None = None
    #: For ``sh:minCount`` and ``sh:maxCount`` checked by one query (:attr:`component` ``"count"``): the
    #: two bounds; a solution's ``?_n`` (the focus node's number of value nodes) fails one or both.
    bounds: tuple[int, int] | None = None
    #: For a per-graph check that reads, of a data graph, only triples of the focus node itself: the
    #: same check on the focus nodes found in the ontology, judged once against the ontology alone
    #: (``?_g`` is :data:`ALONE`, a graph that holds nothing); its results stand for every data graph
    #: that holds no triple of the focus node in the :attr:`touches` positions. :attr:`sparql` then
    #: judges those nodes only in the data graphs that hold such a triple (and the data's own focus nodes).
    once: str | None = None
    #: Which triples of a focus node a data graph must hold to be judged by :attr:`sparql` rather than by
    #: :attr:`once`: (as subject, as object).
    touches: tuple[bool, bool] = (False, False)
    #: The focus-node group :attr:`sparql` starts from (and :attr:`once`'s), and the variables it binds
    #: (``?_g ?this``…): the checks of one focus-node group may run as one query (:class:`Batch`).
    focus: str = ""
    once_focus: str | None = None
    keys: str = ""
    #: A check that may run in a batch with the others of its focus nodes, one solution per result:
    #: the patterns and filter after the focus nodes, on their own (they bind ``?this`` and ``?value``,
    #: and ``?_g`` when the filter reads it), so that they can be a branch of a UNION joined with the
    #: focus nodes.
    where: str | None = None
    #: A count check (§4.2, §4.7.3) that may run in a batch: the pattern of the value nodes counted (on
    #: its own, as :attr:`where`), and what a count fails: (``"<"`` or ``">"``, n); see :attr:`bounds`.
    tally: str | None = None
    limit: tuple[str, int] | None = None
    #: A per-graph ``sh:node`` check: a name for it, and for the checks that report the nested shape's
    #: results on the value nodes that fail it (``sh:detail``), the names of the ``sh:node`` checks
    #: they depend on: they can have results only where those checks have.
    name: str = ""
    needs: tuple[str, ...] = ()
    #: Whether the value nodes are read in the data graph only (every solution of the value-node
    #: pattern binds ``?_g``): then counts can be taken per (``?_g``, ``?this``) before the join.
    own: bool = False

    def failed(self, n: int) -> list[str]:
        """The components a focus node with ``n`` value nodes fails, for a count check."""
        if self.bounds is not None:
            least, most = self.bounds
            return ["minCount"] * (n < least) + ["maxCount"] * (n > most)
        if self.limit is None:
            return [self.component]
        op, m = self.limit
        return [self.component] * ((n < m) if op == "<" else (n > m))


#: What a batch's solutions are: one per result (rows) or one per focus node failing a count (counts).
Kind = Literal["rows", "counts"]


@dataclass(frozen=True, slots=True)
class Batch:
    """Checks of one focus-node group run as one query (:attr:`sparql`, and :attr:`once` for the
    focus nodes found in the ontology alone, as :attr:`Check.once`)."""

    kind: Kind
    checks: tuple[Check, ...]
    sparql: str
    once: str | None
    touches: tuple[bool, bool]
    #: Batches are per graph, never read the union: as :attr:`Check.across` and ``reads``.
    across: bool = False
    reads: None = None

    @property
    def shape(self) -> str:
        """The first check's shape (a batch's name in errors and profiles)."""
        return self.checks[0].shape

    @property
    def component(self) -> str:
        return f"{len(self.checks)} {'row' if self.kind == 'rows' else 'count'} checks"

    def dispatch(self, bound: Bound) -> Iterator[tuple[int, str, Bound]]:
        """(check position, component failed, the solution as the check's own query binds it) for each
        result a solution stands for."""
        if self.kind == "rows":
            k = int(bound["_k"].value)
            yield k, self.checks[k].component, {n: t for n, t in bound.items() if n != "_k"}
            return
        own = {n: t for n, t in bound.items() if not re.fullmatch(r"_n\d+", n)}
        for k, check in enumerate(self.checks):
            n = bound[f"_n{k}"]
            for component in check.failed(int(n.value)):
                yield k, component, {**own, "_n": n} if check.bounds is not None else own


def batched(checks: Iterable[Check]) -> list[Check | Batch]:
    """``checks`` with those of one focus-node group (and kind) joined in a :class:`Batch`; the
    others, and a group of one, as they are."""
    out: list[Check | Batch] = []
    groups: dict[tuple[Kind, str, str | None, tuple[bool, bool], str], list[Check]] = {}
    for check in checks:
        kind: Kind | None = (
            "rows" if check.where is not None else "counts" if check.tally is not None else None
        )
        if kind is None or check.across or not check.focus:
            out.append(check)
            continue
        groups.setdefault((kind, check.focus, check.once_focus, check.touches, check.keys), []).append(check)
    for (kind, focus, once_focus, touches, keys), group in groups.items():
        if len(group) == 1:
            out += group
            continue
        query = _rows if kind == "rows" else _counts
        once = query(once_focus, keys, group) if once_focus is not None else None
        out.append(Batch(kind, tuple(group), query(focus, keys, group), once, touches))
    return out


def _rows(focus: str, keys: str, checks: list[Check]) -> str:
    """One solution per result of each row check: its ``where`` a UNION branch tagged ``?_k``."""
    branches = " UNION ".join(f"{{ {c.where} BIND ({k} AS ?_k) }}" for k, c in enumerate(checks))
    return f"SELECT DISTINCT ?_k {keys} ?value WHERE {{ {focus} {{ {branches} }} }}"


def _counts(focus: str, keys: str, checks: list[Check]) -> str:
    """One solution per focus node failing a count check, with each check's count ``?_nK``.

    When every check reads its value nodes in the data graph only, the value nodes are counted per
    (``?_g``, ``?this``) first and the counts joined with the focus nodes (a focus node with no value
    node has none: ``COALESCE`` to 0), which spares the join of every value node with its focus node."""
    branches = " UNION ".join(
        f"{{ {re.sub(r'[?]value(?![A-Za-z0-9_])', f'?_w{k}', c.tally or '')} }}" for k, c in enumerate(checks)
    )
    counted = [f"COUNT(DISTINCT ?_w{k})" for k in range(len(checks))]
    projected = " ".join(f"({count} AS ?_n{k})" for k, count in enumerate(counted))
    if all(c.own for c in checks):
        found = " ".join(f"({count} AS ?_m{k})" for k, count in enumerate(counted))
        counts = [f"COALESCE(?_m{k}, 0)" for k in range(len(checks))]
        return (
            f"SELECT {keys} {' '.join(f'({n} AS ?_n{k})' for k, n in enumerate(counts))} WHERE {{ {focus} "
            f"OPTIONAL {{ SELECT ?_g ?this {found} WHERE {{ {branches} }} GROUP BY ?_g ?this }} "
            f"FILTER ({_tests(counts, checks)}) }}"
        )
    return (
        f"SELECT {keys} {projected} WHERE {{ {focus} OPTIONAL {{ {branches} }} }} "
        f"GROUP BY {keys} HAVING ({_tests(counted, checks)})"
    )


def _tests(counts: list[str], checks: list[Check]) -> str:
    """A focus node fails one of ``checks`` (of ``counts`` value nodes each, in SPARQL)."""
    tests: list[str] = []
    for count, c in zip(counts, checks, strict=True):
        if c.bounds is not None:
            tests.append(f"{count} < {c.bounds[0]} || {count} > {c.bounds[1]}")
        elif c.limit is not None:
            tests.append(f"{count} {c.limit[0]} {c.limit[1]}")
    return " || ".join(tests)
