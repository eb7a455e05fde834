"""Run the shared schema lint as CI does (.ci/schema_lint.py): the tenant tables added after the data model's 29
(its ``MORE_TENANT_TABLES``) are held to the same rules."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED

LINT = SHARED / "tools" / "schema_lint.py"
CI_WRAPPER = Path(__file__).resolve().parents[2] / ".ci" / "schema_lint.py"


def more_tenant_tables() -> list[str]:
    return list(runpy.run_path(str(CI_WRAPPER), run_name="ci_schema_lint")["MORE_TENANT_TABLES"])


def run_lint(url: str) -> subprocess.CompletedProcess[str]:
    run = (
        "import runpy, sys; lint = runpy.run_path(sys.argv[1], run_name='schema_lint'); "
        "lint['EXPECTED'].extend(sys.argv[3:]); sys.exit(lint['main'](sys.argv[2]))"
    )
    command = [sys.executable, "-c", run, str(LINT), url, *more_tenant_tables()]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
