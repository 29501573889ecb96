"""What the mention stages share while reading one article: the :class:`Context`.

The context holds the text, its match view and its layout, the records each stage adds, and two
indexes the later stages read instead of each building their own:

* :class:`PlaceIndex` — every place mention in text order with the place it names (the places
  stage fills it): which place a stretch of text names, which unit of some types was named last,
  whether two units share a name;
* :class:`SpanSet` — the spans the earlier stages read as names (``Context.claims``: place,
  person and campaign names), which later stages must not read numbers or names from; campaigns
  keep a few more of their own (quotations, names already taken).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import TYPE_CHECKING

from ..model import Abbreviation, Campaign, Count, Organization, Person, Place
from ..text import Document, Layout, Span, fold, name_key

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from .organisations.keys import OrgMention


class SpanSet:
    """Spans in the order they were added, with an overlap test in O(log n).

    >>> s = SpanSet([Span(2, 5), Span(8, 9)])
    >>> s.overlaps(4, 6), s.overlaps(5, 8), s.overlaps(0, 3)
    (True, False, True)
    >>> s.add(Span(5, 8)); s.overlaps(5, 6), [(x.begin, x.end) for x in s]
    (True, [(2, 5), (8, 9), (5, 8)])
    """

    __slots__ = ("_begins", "_ends", "_spans")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._spans: list[Span] = []
        #: the spans merged into disjoint half-open ranges, sorted
        self._begins: list[int] = []
        self._ends: list[int] = []
        self.extend(spans)

    def add(self, span: Span) -> None:
        """Add ``span``, merging it with the ranges it overlaps or touches."""
        self._spans.append(span)
        b, e = span.begin, span.end
        if e <= b:
            return  # an empty span overlaps nothing
        i = bisect_left(self._ends, b)
        j = bisect_right(self._begins, e)
        if i < j:
            b, e = min(b, self._begins[i]), max(e, self._ends[j - 1])
        self._begins[i:j] = [b]
        self._ends[i:j] = [e]

    def extend(self, spans: Iterable[Span]) -> None:
        for span in spans:
            self.add(span)

    def overlaps(self, begin: int, end: int) -> bool:
        """True when ``[begin, end)`` shares a position with a span."""
        i = bisect_right(self._ends, begin)
        return i < len(self._begins) and self._begins[i] < end

    def starts(self) -> frozenset[int]:
        """Where the spans begin."""
        return frozenset(s.begin for s in self._spans)

    def __iter__(self) -> Iterator[Span]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


def chain_key(place: Place) -> tuple[tuple[str, str], ...]:
    """The folded (type, name) of a place and its ancestors, child first: its identity in an article."""
    return tuple((name_key(p.type), name_key(p.name)) for p in place.chain())


class PlaceIndex:
    """The article's place mentions in text order, each with the place it names.

    The places stage adds every mention (:meth:`add`) and lists each place once in ``listed`` (the
    context's ``places``); later stages ask which place a stretch of text names (:meth:`at`), which
    unit of some types the text named last (:meth:`before`), whether two units share a name
    (:meth:`homonyms`). Ask once the places stage is done.
    """

    def __init__(self, listed: list[Place] | None = None) -> None:
        #: every place the article names, once each (the context's ``places``)
        self.listed: list[Place] = listed if listed is not None else []
        #: where each mention begins, in text order
        self.starts: list[int] = []
        #: (span, place) of each mention, in text order
        self.mentions: list[tuple[Span, Place]] = []
        self._longest = 0
        self._canon: dict[int, Place] = {}

    def add(self, span: Span, place: Place) -> None:
        """Index a mention of ``place`` (after those that begin where it begins)."""
        i = bisect_right(self.starts, span.begin)
        self.starts.insert(i, span.begin)
        self.mentions.insert(i, (span, place))
        self._longest = max(self._longest, span.end - span.begin)
        self.__dict__.pop("ends", None)

    def __iter__(self) -> Iterator[tuple[Span, Place]]:
        return iter(self.mentions)

    def __len__(self) -> int:
        return len(self.mentions)

    @cached_property
    def ends(self) -> frozenset[int]:
        """Where a mention ends."""
        return frozenset(span.end for span, _ in self.mentions)

    def overlapping(self, begin: int, end: int) -> list[tuple[Span, Place]]:
        """The mentions that share a position with ``[begin, end)``, in text order."""
        lo = bisect_left(self.starts, begin - self._longest)
        hi = bisect_left(self.starts, end)
        return [(s, p) for s, p in islice(self.mentions, lo, hi) if s.end > begin]

    def at(self, begin: int, end: int) -> Place | None:
        """The place named by the mention overlapping ``[begin, end)`` (the last to begin when several do)."""
        found = self.overlapping(begin, end)
        return found[-1][1] if found else None

    def starting_at(self, pos: int) -> tuple[Span, Place] | None:
        """The first mention that begins at ``pos``."""
        i = bisect_left(self.starts, pos)
        return self.mentions[i] if i < len(self.starts) and self.starts[i] == pos else None

    def first_from(self, pos: int) -> tuple[Span, Place] | None:
        """The first mention that begins at or after ``pos``."""
        i = bisect_left(self.starts, pos)
        return self.mentions[i] if i < len(self.mentions) else None

    def last_before(self, pos: int, *, within: int = 200) -> Place | None:
        """The place of the last mention ending at or before ``pos``, at most ``within`` characters back."""
        best: Place | None = None
        for span, place in islice(
            self.mentions, bisect_left(self.starts, pos - within - self._longest), None
        ):
            if span.begin >= pos:
                break
            if span.end <= pos and pos - span.end <= within:
                best = place
        return best

    # -- places as listed ---------------------------------------------------------------------------

    def canonical(self, place: Place) -> Place:
        """The listed place with this chain (a parent in a chain may be a copy without spans)."""
        found = self._canon.get(id(place))
        if found is None:
            found = self._canon[id(place)] = self._find_canonical(place)
        return found

    def _find_canonical(self, place: Place) -> Place:
        key = chain_key(place)
        for p in self.listed:
            if chain_key(p) == key:
                return p
        for p in self.listed:
            k = chain_key(p)
            if k[0] == key[0] and (k[: len(key)] == key or key[: len(k)] == k):
                return p
        return place

    def of_type(self, place: Place, types: tuple[str, ...]) -> Place | None:
        """``place`` or its nearest ancestor whose folded type is one of ``types`` (listed form)."""
        for p in place.chain():
            if name_key(p.type) in types:
                return self.canonical(p)
        return None

    def before(
        self, pos: int, types: tuple[str, ...], *, since: int = 0, lookback: int = 100
    ) -> Place | None:
        """The nearest unit of one of ``types`` named in ``[since, pos)``, through the chains of the
        last ``lookback`` mentions (which keeps long texts linear)."""
        i = bisect_left(self.starts, pos) - 1
        stop = max(-1, i - lookback)
        while i > stop and self.starts[i] >= since:
            found = self.of_type(self.mentions[i][1], types)
            if found is not None:
                return found
            i -= 1
        return None

    @cached_property
    def _chains(self) -> dict[tuple[str, str], set[tuple[tuple[str, str], ...]]]:
        out: dict[tuple[str, str], set[tuple[tuple[str, str], ...]]] = {}
        for p in self.listed:
            key = chain_key(p)
            out.setdefault(key[0], set()).add(key)
        return out

    def homonyms(self, place: Place) -> bool:
        """True when the article names two units of this type and name under different parents."""
        return len(self._chains.get((name_key(place.type), name_key(place.name)), ())) > 1


@dataclass
class Context:
    """What the stages share while reading one article.

    ``text`` is the NFC text all spans index; ``folded`` its same-length match view
    (:func:`antq_kg.text.fold`): search in ``folded``, slice surfaces from ``text``.
    """

    doc: Document
    gazetteer: Gazetteer | None = None
    text: str = ""
    folded: str = ""
    places: list[Place] = field(default_factory=list)
    province: Place | None = None
    organizations: list[Organization] = field(default_factory=list)
    #: every organisation mention read (by :mod:`.organisations`, and by :mod:`.people` in posts)
    org_mentions: list[OrgMention] = field(default_factory=list)
    #: a department's code the article defines in parentheses, keyed by the head and the code
    #: ("phòng pv05" → "Phòng Xây dựng phong trào bảo vệ an ninh Tổ quốc"; filled by :mod:`.organisations`)
    sub_codes: dict[str, str] = field(default_factory=dict)
    persons: list[Person] = field(default_factory=list)
    author: str | None = None
    author_spans: tuple[Span, ...] = ()
    title: str | None = None
    #: the headline's span when ``title`` is set (filled by :mod:`.byline`)
    title_span: Span | None = None
    campaigns: list[Campaign] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    #: spans that later stages must not read numbers or names from (place names, campaign names…)
    claims: SpanSet = field(default_factory=SpanSet)
    #: every place mention in text order, with the place it names (filled by :mod:`.places`)
    place_index: PlaceIndex = field(init=False)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.doc.text
        if not self.folded:
            self.folded = fold(self.text)
        self.place_index = PlaceIndex(self.places)

    @cached_property
    def layout(self) -> Layout:
        """The paragraphs and sentences of the text (:class:`antq_kg.text.Layout`)."""
        return Layout(self.text)
