"""The console script itself (``python -m antq_kg``): usage mistakes are one line on stderr, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "antq_kg", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("extract", "a.txt", "--format", "xml"),
            "Error: Invalid value for --format: unknown format 'xml' (json or table)\n",
        ),
        (("no-such-command",), "Error: No such command 'no-such-command'.\n"),
        (("extract",), "Error: Missing argument 'paths'.\n"),
    ],
)
def test_a_usage_mistake_is_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    result = _run(*args)
    assert (result.returncode, result.stderr) == (2, message)


def test_validate_exit_code_1_reaches_the_shell(tmp_path: Path) -> None:
    data = tmp_path / "person-without-name.ttl"
    data.write_text(
        "<https://w3id.org/antq/id/person/x> a <http://xmlns.com/foaf/0.1/Person> .\n", encoding="utf-8"
    )
    assert _run("validate", str(data)).returncode == 1
