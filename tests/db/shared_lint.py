"""How the tests run the shared schema lint: like .ci/schema_lint.py, with the tenant tables added after the data
model's 29 (its MORE_TENANT_TABLES) held to the same rules."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

CI_WRAPPER = Path(__file__).resolve().parents[2] / ".ci" / "schema_lint.py"


def lint_command(lint: Path, url: str) -> list[str]:
    more = list(runpy.run_path(str(CI_WRAPPER), run_name="ci_schema_lint")["MORE_TENANT_TABLES"])
    run = (
        "import runpy, sys; lint = runpy.run_path(sys.argv[1], run_name='schema_lint'); "
        "lint['EXPECTED'].extend(sys.argv[3:]); sys.exit(lint['main'](sys.argv[2]))"
    )
    return [sys.executable, "-c", run, str(lint), url, *more]
