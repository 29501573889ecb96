"""Oversized input (a 50 MB file, say): ``extract`` and ``build`` refuse a file
larger than ``--max-bytes`` (default 16 MiB) with one line on stderr, still process the good files,
and exit 2 at the end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antq_kg.cli import app

ARTICLE = (
    'Công an huyện Phù Cừ ra mắt mô hình "Camera an ninh" ở thôn Lỗ Xá, xã Nhân Hòa.\n\n'
    "Đại tá Trần Huy Ngạn cho biết toàn huyện có 161 ban hòa giải.\n\nPhương Thủy\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "c.txt").write_text(ARTICLE, encoding="utf-8")
    return d


def too_large(path: Path, size: int, limit: str) -> str:
    return f"Error: {path}: file too large: {size:,} bytes (limit {limit}; raise it with --max-bytes)"


def articles(stdout: str) -> list[str]:
    return [d["article"] for d in json.loads(stdout)]


def test_extract_a_folder_with_a_50_mb_file(folder: Path) -> None:
    big = folder / "b.txt"
    with big.open("wb") as f:  # sparse: refused by its size, never read
        f.truncate(50 * 1024 * 1024)
    result = CliRunner().invoke(app, ["extract", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [too_large(big, 52_428_800, "16 MiB")]
    assert articles(result.stdout) == [str(folder / "a.txt"), str(folder / "c.txt")]


@pytest.fixture
def long_file(folder: Path) -> Path:
    """A ~200 KB article of real text (the article repeated), between the two limits tried."""
    path = folder / "b.txt"
    path.write_text(ARTICLE * (200_000 // len(ARTICLE.encode())), encoding="utf-8")
    assert 100_000 < path.stat().st_size < 300_000
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_refuses_a_file_above_max_bytes(folder: Path, long_file: Path, jobs: str) -> None:
    result = CliRunner().invoke(app, ["extract", str(folder), "--max-bytes", "100000", "--jobs", jobs])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [too_large(long_file, long_file.stat().st_size, "100,000 bytes")]
    assert articles(result.stdout) == [str(folder / "a.txt"), str(folder / "c.txt")]


def test_max_bytes_above_the_size_lets_the_file_through(folder: Path, long_file: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(long_file), "--max-bytes", "300000"])
    assert result.exit_code == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["article"] == str(long_file)
    assert len(facts["counts"]) > 100  # the repeated "161 ban hòa giải" was read, not just the start


def test_build_refuses_a_file_above_max_bytes_and_builds_the_others(
    folder: Path, long_file: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(
        app, ["--store", str(store), "build", str(folder), "--max-bytes", "100000", "--no-reference"]
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == too_large(long_file, long_file.stat().st_size, "100,000 bytes")
    assert ": 2 added, 0 replaced, 0 unchanged, 0 removed, 1 failed (" in lines[1]
    assert len(lines) == 2


def test_max_bytes_must_be_positive(folder: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(folder), "--max-bytes", "0"])
    assert result.exit_code == 2
    assert "--max-bytes" in result.stderr
