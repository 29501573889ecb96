"""Evaluation: score extracted facts against hand-annotated gold facts (``antq-kg score``).

Both sides are facts JSON (``docs/FACTS.md``): ``persons``, ``places``, ``campaigns``, ``counts``,
``organizations``, ``author``. Extra keys (IRIs, offsets, codes) are ignored, so a richer output
scores the same. The rules are those of the project's evaluation scorer, ported with types; the
numbers are identical (``tests/mentions/test_evaluate.py`` compares them with that scorer's recorded output):

* names compare after NFC, case folding, whitespace folding and a canonical tone placement
  (:func:`canon`: "hoà" = "hòa", "thuý" = "thúy");
* gold and predicted items are matched one-to-one, greedily in gold order (:func:`match`): persons
  and campaigns by name, places by their own (type, name), counts by value and a compatible unit
  (one unit is the other with a qualifying tail), organisations by compatible names;
* a matched pair is then checked attribute by attribute (:func:`attribute_checks`): a person's rank,
  posts (the gold's are a subset) and organisation; a place's parent chain (the predicted chain
  starts with the gold one); a campaign's kind and place; a count's qualifier;
* precision, recall and F1 count persons, places, campaigns, counts and the author; organisations
  are reported but left out (their surface forms vary too much between correct readings).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = [
    "CATEGORIES",
    "SCORED",
    "ScoreRun",
    "canon",
    "f1_parts",
    "report_text",
    "score",
    "score_files",
]

#: The combining tone marks of Vietnamese (grave, acute, tilde, hook above, dot below).
TONES = frozenset({"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"})
CATEGORIES = ("persons", "places", "campaigns", "counts", "organizations")
#: The categories the overall F1 counts (organisations are reported only).
SCORED = ("persons", "places", "campaigns", "counts")
#: Qualifiers older gold files wrote under another name.
QUALIFIER_ALIASES = {"approximately_below": "at_most"}

Item = dict[str, Any]
Report = dict[str, Any]


def canon(text: str | None) -> str:
    """A comparison key: case folded, whitespace folded, tone marks moved to the end of each syllable.

    >>> canon("Nhân Hoà") == canon("nhân  hòa")
    True
    >>> canon(None)
    ''
    """
    if text is None:
        return ""
    text = unicodedata.normalize("NFD", str(text).casefold())
    words = []
    for word in text.replace("\u201c", '"').replace("\u201d", '"').split():
        tones = "".join(ch for ch in word if ch in TONES)
        base = "".join(ch for ch in word if ch not in TONES)
        words.append(unicodedata.normalize("NFC", base) + tones)
    return " ".join(words).strip(" .,;:\"'")


def compatible(a: str | None, b: str | None) -> bool:
    """Equal, or one reading is the other with a qualifying tail.

    >>> compatible("tổ an ninh", "tổ an ninh nhân dân"), compatible("tổ", "tổ hòa giải"), compatible("", "")
    (True, True, False)
    """
    ca, cb = canon(a), canon(b)
    return bool(ca) and bool(cb) and (ca == cb or ca.startswith(cb + " ") or cb.startswith(ca + " "))


def chain(place: Item | None) -> list[tuple[str, str]]:
    """The place and its ancestors, child first, as (type, name) keys."""
    out = []
    while place:
        out.append((canon(place.get("type")), canon(place.get("name"))))
        place = place.get("parent")
    return out


def same_unit(g: tuple[str, str], p: tuple[str, str]) -> bool:
    """Same name; same type word where both give one."""
    return g[1] == p[1] and (not g[0] or not p[0] or g[0] == p[0])


def chain_holds(gold: Item | None, pred: Item | None) -> bool:
    """The predicted chain starts with the gold chain; a correct higher ancestor beyond it is no error."""
    g, p = chain(gold), chain(pred)
    return len(p) >= len(g) and all(same_unit(a, b) for a, b in zip(g, p, strict=False))


def match(
    gold: Sequence[Any], pred: Sequence[Any], same: Callable[[Any, Any], bool]
) -> list[tuple[Any, Any]]:
    """Greedy one-to-one matching in gold order."""
    free = list(pred)
    pairs = []
    for g in gold:
        for p in free:
            if same(g, p):
                pairs.append((g, p))
                free.remove(p)
                break
    return pairs


def _same_person(g: Item, p: Item) -> bool:
    return canon(g.get("name")) == canon(p.get("name"))


def _same_place(g: Item, p: Item) -> bool:
    return same_unit(chain(g)[0], chain(p)[0]) if chain(g) and chain(p) else False


def _same_campaign(g: Item, p: Item) -> bool:
    return canon(g.get("name")) == canon(p.get("name"))


def _qualifier(count: Item) -> str | None:
    q = count.get("qualifier")
    return QUALIFIER_ALIASES.get(q, q) if isinstance(q, str) else q


def _same_count(g: Item, p: Item) -> bool:
    if g.get("value") is None:
        return (
            p.get("value") is None
            and _qualifier(g) == _qualifier(p)
            and compatible(g.get("unit"), p.get("unit"))
        )
    return bool(g.get("value") == p.get("value") and compatible(g.get("unit"), p.get("unit")))


def _same_org(g: Item | str, p: Item | str) -> bool:
    return compatible(g if isinstance(g, str) else g.get("name"), p if isinstance(p, str) else p.get("name"))


SAME: dict[str, Callable[[Any, Any], bool]] = {
    "persons": _same_person,
    "places": _same_place,
    "campaigns": _same_campaign,
    "counts": _same_count,
    "organizations": _same_org,
}


def attribute_checks(category: str, g: Item, p: Item) -> dict[str, bool]:
    """The attributes of a matched pair and whether each is right (see the module docstring)."""
    if category == "persons":
        return {
            "rank": canon(g.get("rank")) == canon(p.get("rank")),
            "posts": {canon(x) for x in g.get("posts", [])} <= {canon(x) for x in p.get("posts", [])},
            "organization": not g.get("organization")
            or compatible(g.get("organization"), p.get("organization")),
        }
    if category == "places":
        return {"parent chain": chain_holds(g, p)}
    if category == "campaigns":
        checks = {"kind": canon(g.get("kind")) == canon(p.get("kind"))}
        if g.get("place"):
            checks["place"] = bool(p.get("place")) and _same_place(g["place"], p["place"])
        return checks
    if category == "counts":
        return {"qualifier": _qualifier(g) == _qualifier(p)}
    return {}


def score(pred: Item, gold: Item) -> Report:
    """The report of one article: per category tp/fp/fn, attribute fractions, the missed, spurious
    and wrong items; the author; and the overall tp/fp/fn, precision, recall and F1.

    >>> gold = {"author": "Phương Thủy", "persons": [{"name": "Trần Huy Ngạn", "rank": "Đại tá"}]}
    >>> r = score({"author": "Phương Thủy", "persons": [{"name": "Trần Huy Ngạn", "rank": "Thượng tá"}]}, gold)
    >>> r["f1"], r["categories"]["persons"]["attributes"]
    (1.0, {'rank': '0/1', 'posts': '1/1', 'organization': '1/1'})
    """
    report: Report = {"categories": {}}
    tp_all = fp_all = fn_all = 0
    for category in CATEGORIES:
        g_items, p_items = gold.get(category, []), pred.get(category, [])
        pairs = match(g_items, p_items, SAME[category])
        tp, fp, fn = len(pairs), len(p_items) - len(pairs), len(g_items) - len(pairs)
        attrs: dict[str, list[int]] = {}
        wrong = []
        for g, p in pairs:
            for name, ok in attribute_checks(category, g, p).items():
                attrs.setdefault(name, [0, 0])
                attrs[name][0] += ok
                attrs[name][1] += 1
                if not ok:
                    wrong.append({"attribute": name, "gold": g, "predicted": p})
        matched_p = [id(p) for _, p in pairs]
        matched_g = [id(g) for g, _ in pairs]
        report["categories"][category] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "attributes": {k: f"{v[0]}/{v[1]}" for k, v in attrs.items()},
            "missed": [g for g in g_items if id(g) not in matched_g],
            "spurious": [p for p in p_items if id(p) not in matched_p],
            "wrong_attributes": wrong,
        }
        if category in SCORED:
            tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    if gold.get("author"):
        ok = canon(gold["author"]) == canon(pred.get("author"))
        tp_all, fn_all = tp_all + ok, fn_all + (not ok)
        fp_all += bool(pred.get("author")) and not ok
        report["author"] = "ok" if ok else f"expected {gold['author']!r}, got {pred.get('author')!r}"
    report.update(f1_parts(tp_all, fp_all, fn_all))
    return report


def f1_parts(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """tp, fp, fn with precision, recall and F1 rounded to four places.

    >>> f1_parts(9, 1, 0)
    {'tp': 9, 'fp': 1, 'fn': 0, 'precision': 0.9, 'recall': 1.0, 'f1': 0.9474}
    """
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def report_text(name: str, report: Report) -> str:
    """One article's report as the lines a person reads (categories, misses, wrong attributes, F1)."""
    lines = [f"== {name}"]
    for category, r in report["categories"].items():
        attrs = " ".join(f"{k}={v}" for k, v in r["attributes"].items())
        lines.append(f"  {category:13} tp={r['tp']:3} fp={r['fp']:3} fn={r['fn']:3} {attrs}")
        lines += [f"    missed:   {_json(g)}" for g in r["missed"]]
        lines += [f"    spurious: {_json(p)}" for p in r["spurious"]]
        for w in r["wrong_attributes"]:
            lines.append(f"    wrong {w['attribute']}: gold {_json(w['gold'])}")
            lines.append(f"               got  {_json(w['predicted'])}")
    if "author" in report:
        lines.append(f"  author: {report['author']}")
    lines.append(f"  precision={report['precision']} recall={report['recall']} f1={report['f1']}")
    return "\n".join(lines)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class ScoreRun:
    """The reports of several articles (file name of the gold → report) and their pooled total."""

    reports: dict[str, Report]
    names: dict[str, str]
    total: dict[str, Any]

    def text(self) -> str:
        """Every article's report, then the overall line."""
        blocks = [report_text(self.names[k], r) for k, r in self.reports.items()]
        overall = f"overall: precision={self.total['precision']} recall={self.total['recall']} f1={self.total['f1']}"
        return "\n".join([*blocks, overall])

    def json(self) -> str:
        """``{"files": {gold file name: report}, "total": …}`` as indented JSON."""
        return json.dumps({"files": self.reports, "total": self.total}, ensure_ascii=False, indent=2)


def read_facts(path: Path) -> Item:
    """A facts JSON file as a dict (:class:`InputError` naming the file when it is not one)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"bad JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(getattr(exc, "strerror", None) or str(exc), path=path) from exc
    if not isinstance(data, dict):
        raise InputError("facts must be a JSON object", path=path)
    return data


def score_files(predicted: Path, gold: Path, *, pairs: bool = False) -> ScoreRun:
    """Score one predicted file against one gold file, or (``pairs``) every ``*.json`` of the gold
    folder against the file of the same name in the predicted folder (a missing prediction scores as
    empty facts)."""
    if pairs:
        for folder in (predicted, gold):
            if not folder.is_dir():
                raise InputError("not a folder (--pairs compares two folders)", path=folder)
        todo = [(predicted / g.name, g) for g in sorted(gold.glob("*.json"))]
    else:
        todo = [(predicted, gold)]
    reports: dict[str, Report] = {}
    names: dict[str, str] = {}
    tp = fp = fn = 0
    for pred_path, gold_path in todo:
        pred = read_facts(pred_path) if pred_path.exists() or not pairs else {}
        report = score(pred, read_facts(gold_path))
        reports[gold_path.name] = report
        names[gold_path.name] = gold_path.name if pred_path.exists() else f"{gold_path.name} (no prediction)"
        tp, fp, fn = tp + report["tp"], fp + report["fp"], fn + report["fn"]
    return ScoreRun(reports, names, f1_parts(tp, fp, fn))
