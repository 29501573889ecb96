"""``antq-kg score`` (:mod:`antq_kg.evaluate`) gives the evaluation scorer's numbers, text and JSON.

``tests/data/scorer`` holds predictions for the development corpus altered so that every path of the
scorer is taken, and what the original scorer printed for them (its README says how).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from antq_kg.cli import app
from antq_kg.evaluate import canon, score, score_files

DATA = Path(__file__).resolve().parents[1] / "data"
PRED = DATA / "scorer" / "pred"
GOLD = DATA / "dev" / "gold"


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, ["score", *map(str, args)])


def test_the_text_report_is_the_reference_scorers_byte_for_byte() -> None:
    result = run("--pairs", PRED, GOLD)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (DATA / "scorer" / "reference.txt").read_text(encoding="utf-8")


def test_the_json_report_is_the_reference_scorers() -> None:
    result = run("--pairs", PRED, GOLD, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(
        (DATA / "scorer" / "reference.json").read_text(encoding="utf-8")
    )


def test_the_reference_exercises_misses_spurious_items_wrong_attributes_and_a_missing_file() -> None:
    reports = json.loads((DATA / "scorer" / "reference.json").read_text(encoding="utf-8"))["files"]
    categories = [c for r in reports.values() for c in r["categories"].values()]
    assert all(any(c[k] for c in categories) for k in ("missed", "spurious", "wrong_attributes"))
    wrong = {w["attribute"] for c in categories for w in c["wrong_attributes"]}
    assert wrong == {"rank", "posts", "organization", "parent chain", "kind", "place", "qualifier"}
    assert not (PRED / "06.json").exists() and reports["06.json"]["tp"] == 0
    assert {r.get("author", "ok")[:8] for r in reports.values()} == {"ok", "expected"}


def test_one_file_scores_alone_and_min_f1_sets_the_exit_code() -> None:
    one = run(PRED / "01.json", GOLD / "01.json")
    assert one.exit_code == 0
    assert one.stdout.splitlines()[0] == "== 01.json"
    total = score_files(PRED / "01.json", GOLD / "01.json").total
    assert one.stdout.splitlines()[-1] == (
        f"overall: precision={total['precision']} recall={total['recall']} f1={total['f1']}"
    )
    assert total["f1"] < 1.0
    assert run(PRED / "01.json", GOLD / "01.json", "--min-f1", "0.99").exit_code == 1
    assert run(GOLD / "01.json", GOLD / "01.json", "--min-f1", "1").exit_code == 0


def test_a_bad_prediction_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "01.json"
    bad.write_text('{"persons": [', encoding="utf-8")
    result = run(bad, GOLD / "01.json")
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {bad}: bad JSON at line 1, column 14: Expecting value\n",
    )


def test_pairs_needs_two_folders(tmp_path: Path) -> None:
    result = run("--pairs", PRED / "01.json", GOLD)
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {PRED / '01.json'}: not a folder (--pairs compares two folders)\n",
    )


@pytest.mark.parametrize(
    ("a", "b"), [("Nhân Hoà", "nhân hòa"), ("Thuý", "THÚY"), ("“Tiếng loa”", '"tiếng loa"'), ("a  b.", "a b")]
)
def test_names_compare_folding_case_tone_placement_quotes_and_spacing(a: str, b: str) -> None:
    assert canon(a) == canon(b)


def test_a_count_without_a_number_matches_on_qualifier_and_unit() -> None:
    gold = {"counts": [{"value": None, "unit": "vụ việc", "qualifier": "hundreds"}]}
    assert score({"counts": [{"value": None, "unit": "vụ việc", "qualifier": "hundreds"}]}, gold)["f1"] == 1.0
    assert score({"counts": [{"value": None, "unit": "vụ việc", "qualifier": "tens"}]}, gold)["f1"] == 0.0
