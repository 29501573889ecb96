"""The benchmarks' synthetic corpus (``bench/synth.py``): deterministic, of the genre, readable by the extractor."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from antq_kg.errors import AntqError
from antq_kg.gazetteer import Gazetteer
from antq_kg.model import Facts
from antq_kg.pipeline import iter_facts

ROOT = Path(__file__).resolve().parents[2]
SYNTH = ROOT / "bench" / "synth.py"


def synth(out: Path, *args: str) -> dict[str, str]:
    """Run the generator as the benchmarks do; returns relative path → SHA-256 of every file written."""
    subprocess.run([sys.executable, str(SYNTH), "--out", str(out), *args], check=True, capture_output=True)
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def test_the_same_seed_writes_byte_identical_corpora(tmp_path: Path) -> None:
    first = synth(tmp_path / "a", "--n", "15", "--seed", "7")
    second = synth(tmp_path / "b", "--n", "15", "--seed", "7")
    assert len(first) == 30  # an article and its sidecar each
    assert first == second
    other_seed = synth(tmp_path / "c", "--n", "15", "--seed", "8")
    assert other_seed.keys() == first.keys()
    assert not set(other_seed.values()) & set(first.values())


def test_a_smaller_corpus_is_the_start_of_a_larger_one(tmp_path: Path) -> None:
    small = synth(tmp_path / "small", "--n", "4", "--seed", "2")
    large = synth(tmp_path / "large", "--n", "9", "--seed", "2")
    assert small == {k: v for k, v in large.items() if k in small}
    assert len(large) == 18


def test_a_variant_rewrites_the_same_files_with_other_text(tmp_path: Path) -> None:
    base = synth(tmp_path / "v0", "--n", "6")
    edited = synth(tmp_path / "v1", "--n", "6", "--variant", "1")
    assert base.keys() == edited.keys()
    assert all(base[k] != edited[k] for k in base)


def test_articles_and_sidecars_look_like_the_genre(tmp_path: Path) -> None:
    synth(tmp_path, "--n", "40", "--seed", "5")
    articles = sorted(tmp_path.rglob("*.txt"))
    assert len(articles) == 40
    sizes = [a.stat().st_size for a in articles]
    assert min(sizes) >= 1800 and max(sizes) <= 5500, sizes
    days = []
    for article in articles:
        text = article.read_text(encoding="utf-8")
        meta = json.loads(article.with_name(article.stem + ".meta.json").read_text(encoding="utf-8"))
        assert meta["language"] == "vi"
        assert text.rstrip("\n").rsplit("\n", 1)[-1] == meta["author"]  # the byline closes the article
        assert text.split("\n", 1)[0] == meta["title"]
        when = meta["date"]
        days.append(date.fromisoformat(when["published"] or when["before"]))
    assert min(days) >= date(2019, 1, 1) and max(days) <= date(2027, 3, 1)
    assert len({d.year for d in days}) >= 5  # spread over the years, before and after the 2025 reform
    assert any(d < date(2025, 7, 1) for d in days) and any(d >= date(2025, 7, 1) for d in days)


def test_the_extractor_reads_every_synthetic_article_and_finds_its_facts(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    synth(tmp_path, "--n", "30", "--seed", "11")
    results = list(iter_facts([tmp_path], gazetteer=gazetteer))
    errors = [r for r in results if isinstance(r, AntqError)]
    assert not errors
    facts = [r for r in results if isinstance(r, Facts)]
    assert len(facts) == 30

    def share(found: list[bool]) -> float:
        return sum(found) / len(found)

    assert share([bool(f.persons) for f in facts]) >= 0.9
    assert share([any(p.rank for p in f.persons) for f in facts]) >= 0.8
    assert share([bool(f.places) for f in facts]) == 1.0
    assert share([bool(f.counts) for f in facts]) >= 0.9
    assert share([bool(f.campaigns) for f in facts]) >= 0.9
    assert share([f.author is not None for f in facts]) >= 0.9
    # places resolve against the gazetteer: most articles have at least one place with a GSO code
    assert share([any(p.code for p in f.places) for f in facts]) >= 0.9
