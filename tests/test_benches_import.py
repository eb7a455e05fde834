"""The benchmarks are not run by the suite, so a refactor can break one unseen (bench/chat_turn imported a scoring
function that moved): each bench module must at least import."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCHES = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "bench").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", BENCHES)
def test_every_bench_imports(name: str) -> None:
    importlib.import_module(f"bench.{name}")
