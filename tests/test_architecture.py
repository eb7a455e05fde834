"""The architecture's rules that a newcomer can see, checked: the import contracts (``pyproject.toml``
``[tool.importlinter]``, also run by CI as ``lint-imports``), and function-level imports only where a comment says
why (a cycle, start-up time, an optional tool)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import showroom.app

SRC = Path(showroom.app.__file__).parent
ROOT = SRC.parents[1]


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "importlinter.cli", "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def _uncommented_local_imports(source: str, name: str) -> list[str]:
    lines = source.splitlines()
    tree = ast.parse(source, filename=name)
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        previous_end = None
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            same_line = "#" in lines[node.lineno - 1]
            above = lines[node.lineno - 2].strip().startswith("#") if node.lineno >= 2 else False
            between = lines[previous_end : node.lineno - 1] if previous_end is not None else ["x"]
            in_block = not any(line.strip() for line in between)  # a block of imports shares one comment
            if not (same_line or above or in_block):
                found.append(f"{name}:{node.lineno}: {lines[node.lineno - 1].strip()}")
            if same_line or above or in_block:
                previous_end = node.end_lineno
    return found


def test_function_level_imports_say_why() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        offenders += _uncommented_local_imports(path.read_text(), path.relative_to(SRC).as_posix())
    assert offenders == [], "a function-level import needs a comment saying why:\n" + "\n".join(offenders)


def test_the_import_check_finds_an_uncommented_one() -> None:
    source = "def f():\n    import json\n\n\ndef g():\n    # lazy: slow to import\n    import csv\n    import io\n"
    assert _uncommented_local_imports(source, "x.py") == ["x.py:2: import json"]
