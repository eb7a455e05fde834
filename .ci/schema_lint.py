"""Migrate a fresh embedded database and run ../shared/tools/schema_lint.py against it (exit 1 on findings)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from showroom.db import embedded, migrate
from showroom.db.urls import libpq
from showroom.settings import Environment, Settings

LINT = Path(__file__).resolve().parents[2] / "shared" / "tools" / "schema_lint.py"


def main() -> int:
    if not LINT.exists():
        print(f"schema lint: {LINT} not found on this machine; skipped (tests/db/test_migrations.py runs it too)")
        return 0
    data_dir = Path(tempfile.mkdtemp(prefix="shr-lint-", dir="/tmp"))
    data_dir.chmod(0o755)
    try:
        settings = Settings(environment=Environment.test, data_dir=data_dir, database_url=None)
        topo = migrate.resolve(settings)
        migrate.upgrade(settings, topo)
        return subprocess.run([sys.executable, str(LINT), libpq(topo.owner)], check=False).returncode
    finally:
        embedded.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
