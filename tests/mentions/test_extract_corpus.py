"""Regression of the extractor on the seed, the development corpus and the held-out sets: overall
F1 ≥ 0.95, each scored category and attribute ≥ 0.90 (today all 1.0); and on the project's own corpus
(``data/articles``), each article at least at the figures it had when it joined.

Scored with :mod:`antq_kg.evaluate`, whose numbers are the evaluation scorer's
(``tests/mentions/test_evaluate.py``); the corpora and their gold files are in ``tests/data``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from antq_kg import evaluate
from antq_kg.gazetteer import Gazetteer
from antq_kg.mentions import extract
from antq_kg.model import facts_to_json
from antq_kg.text import read_document

SCORED = evaluate.SCORED
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return evaluate


@functools.cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _predict(path: Path) -> dict[str, Any]:
    """What ``antq-kg extract PATH --format json`` prints: extraction with the bundled gazetteer."""
    facts = extract(read_document(path), gazetteer=_gazetteer())
    return json.loads(json.dumps(facts_to_json(facts), ensure_ascii=False))


def _attribute_totals(reports: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    totals: dict[str, tuple[int, int]] = {}
    for report in reports:
        for category, r in report["categories"].items():
            for name, frac in r["attributes"].items():
                ok, n = (int(x) for x in frac.split("/"))
                key = f"{category}.{name}"
                a, b = totals.get(key, (0, 0))
                totals[key] = (a + ok, b + n)
    return totals


def test_seed_article_scores_f1_one_with_every_attribute_right(scorer: ModuleType, seed_path: Path) -> None:
    gold = json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))
    report = scorer.score(_predict(seed_path), gold)
    problems = {
        c: {k: r[k] for k in ("missed", "spurious", "wrong_attributes") if r[k]}
        for c, r in report["categories"].items()
        if c in SCORED and (r["missed"] or r["spurious"] or r["wrong_attributes"])
    }
    assert problems == {}
    assert report["author"] == "ok"
    assert report["f1"] == 1.0


def _figures(
    scorer: ModuleType, articles: Path, golds: Path
) -> tuple[float, dict[str, float], dict[str, float]]:
    """Overall f1, f1 per category (organisations included) and the share right of each attribute."""
    reports = []
    for gold_path in sorted(golds.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        reports.append(scorer.score(_predict(articles / f"{gold_path.stem}.txt"), gold))
    assert reports, f"no gold files in {golds}"
    tp = sum(r["tp"] for r in reports)
    fp = sum(r["fp"] for r in reports)
    fn = sum(r["fn"] for r in reports)
    overall = scorer.f1_parts(tp, fp, fn)["f1"]
    per_category = {
        c: scorer.f1_parts(
            sum(r["categories"][c]["tp"] for r in reports),
            sum(r["categories"][c]["fp"] for r in reports),
            sum(r["categories"][c]["fn"] for r in reports),
        )["f1"]
        for c in (*SCORED, "organizations")
    }
    attributes = {k: ok / n for k, (ok, n) in _attribute_totals(reports).items() if n}
    return overall, per_category, attributes


def _assert_issue_figures(scorer: ModuleType, articles: Path, golds: Path) -> None:
    """Overall f1 ≥ 0.95, each scored category ≥ 0.90, each attribute ≥ 0.90 (the project's figures)."""
    overall, per_category, attributes = _figures(scorer, articles, golds)
    assert overall >= 0.95, per_category
    assert {c: f for c, f in per_category.items() if f < 0.90 and c in SCORED} == {}
    assert {k: round(v, 3) for k, v in attributes.items() if v < 0.90 and k.split(".")[0] in SCORED} == {}


def test_development_corpus_reaches_the_issue_figures(scorer: ModuleType, dev_corpus: Path) -> None:
    _assert_issue_figures(scorer, dev_corpus / "articles", dev_corpus / "gold")


@pytest.mark.parametrize("folder", ["heldout", "heldout2"])
def test_held_out_articles_reach_the_issue_figures(scorer: ModuleType, folder: str) -> None:
    """Articles written for the project without looking at the rules (tests/data/heldout*/README.md)."""
    heldout = DATA / folder
    _assert_issue_figures(scorer, heldout / "articles", heldout / "gold")


#: the figures the third held-out set keeps (tests/data/heldout3/README.md: its first, unseen score was
#: overall 0.9654, organisations 0.789); raised as error classes are fixed, never lowered
HELDOUT3_FLOOR = {
    "overall": 0.992,
    "persons": 1.0,
    "places": 0.99,
    "campaigns": 0.97,
    "counts": 0.99,
    "organizations": 0.99,
    "persons.rank": 1.0,
    "persons.posts": 0.97,
    "persons.organization": 0.96,
    "places.parent chain": 1.0,
    "campaigns.kind": 1.0,
    "campaigns.place": 0.94,
    "counts.qualifier": 1.0,
}


#: the figures the fourth held-out set keeps (tests/data/heldout4/README.md: written by someone who never
#: read the rules; its first unseen score was overall 0.9681, organisations 0.748, and 0.9752 /
#: organisations 0.839 with the rules of the third set); raised as error classes are fixed, never lowered
HELDOUT4_FLOOR = {
    "overall": 0.994,
    "persons": 0.98,
    "places": 0.988,
    "campaigns": 1.0,
    "counts": 1.0,
    "organizations": 0.955,
    "persons.rank": 1.0,
    "persons.posts": 0.86,
    "persons.organization": 0.90,
    "places.parent chain": 0.95,
    "campaigns.kind": 1.0,
    "campaigns.place": 0.82,
    "counts.qualifier": 1.0,
}


#: the figures the fifth held-out set keeps (tests/data/heldout5/README.md: written by someone who never
#: read the rules nor any other set; its first unseen score was overall 0.9734, organisations 0.828, and
#: 0.9734 / organisations 0.865 with the rules of the fourth set); raised as error classes are fixed,
#: never lowered
HELDOUT5_FLOOR = {
    "overall": 0.984,
    "persons": 0.98,
    "places": 0.98,
    "campaigns": 0.968,
    "counts": 0.993,
    "organizations": 0.967,
    "persons.rank": 1.0,
    "persons.posts": 0.94,
    "persons.organization": 0.96,
    "places.parent chain": 1.0,
    "campaigns.kind": 1.0,
    "campaigns.place": 0.92,
    "counts.qualifier": 1.0,
}


@pytest.mark.parametrize(
    ("folder", "floors"),
    [("heldout3", HELDOUT3_FLOOR), ("heldout4", HELDOUT4_FLOOR), ("heldout5", HELDOUT5_FLOOR)],
)
def test_a_later_held_out_set_keeps_its_figures(scorer: ModuleType, folder: str, floors: dict[str, float]) -> None:
    """Organisation-dense articles written without looking at the rules (tests/data/heldout3/README.md,
    tests/data/heldout4/README.md, tests/data/heldout5/README.md)."""
    heldout = DATA / folder
    overall, per_category, attributes = _figures(scorer, heldout / "articles", heldout / "gold")
    figures = {"overall": overall, **per_category, **attributes}
    below = {k: round(figures[k], 4) for k, floor in floors.items() if figures[k] < floor}
    assert below == {}


#: The project's own corpus: the six dated reports of ``data/articles`` (gold in
#: ``tests/data/project-corpus/gold``), per article the f1 and every scored attribute under 1.0 when they
#: joined the regression sets, as (right, of), raised since by the organisation and post rules. Rule work
#: may only raise them; an attribute not listed stays at 1.0. Together: f1 0.9968.
PROJECT_CORPUS: dict[str, tuple[float, dict[str, tuple[int, int]]]] = {
    "hai-duong-2024-10-15": (1.0, {}),
    "hai-duong-2025-05-20": (
        1.0,
        {"persons.posts": (3, 4), "persons.organization": (3, 4), "places.parent chain": (2, 4)},
    ),
    "hung-yen-2024-12-20": (0.9825, {"persons.organization": (2, 3)}),
    "hung-yen-2025-08-19": (1.0, {}),
    "thai-binh-2023-08-18": (1.0, {}),
    "thai-binh-2024-08-16": (1.0, {}),
}
PROJECT_ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
PROJECT_GOLD = DATA / "project-corpus" / "gold"


@functools.cache
def _project_report(name: str) -> dict[str, Any]:
    gold = json.loads((PROJECT_GOLD / f"{name}.json").read_text(encoding="utf-8"))
    return evaluate.score(_predict(PROJECT_ARTICLES / f"{name}.txt"), gold)


def test_the_project_corpus_gold_covers_every_dated_report_of_data_articles() -> None:
    assert {p.stem for p in PROJECT_GOLD.glob("*.json")} == set(PROJECT_CORPUS)
    assert {p.stem for p in PROJECT_ARTICLES.glob("*.txt")} == {*PROJECT_CORPUS, "hung-yen-antq"}


@pytest.mark.parametrize("name", sorted(PROJECT_CORPUS))
def test_a_project_corpus_article_keeps_its_figures(name: str) -> None:
    """Articles written for the project by a colleague who never read the rules (tests/data/project-corpus/README.md)."""
    report = _project_report(name)
    floor, attributes = PROJECT_CORPUS[name]
    assert report["f1"] >= floor
    assert report["author"] == "ok"
    scored = {
        f"{category}.{attribute}": tuple(int(x) for x in fraction.split("/"))
        for category, r in report["categories"].items()
        if category in SCORED
        for attribute, fraction in r["attributes"].items()
    }
    below = {k: (ok, n) for k, (ok, n) in scored.items() if ok < n and ok / n < _ratio(attributes.get(k, (1, 1)))}
    assert below == {}, f"under the pinned figures {attributes}"


def test_the_project_corpus_scores_f1_0_9968_together() -> None:
    reports = [_project_report(name) for name in sorted(PROJECT_CORPUS)]
    tp, fp, fn = (sum(r[k] for r in reports) for k in ("tp", "fp", "fn"))
    assert evaluate.f1_parts(tp, fp, fn)["f1"] >= 0.9968


def _ratio(fraction: tuple[int, int]) -> float:
    return fraction[0] / fraction[1]
