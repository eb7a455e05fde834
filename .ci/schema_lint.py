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
# Tenant tables added after the 29 of the data model (DATA_MODEL.md): the lint holds them to the same rules (RLS
# forced, the tenant policy, dealership_id NOT NULL, created_at...), instead of reading their policy as a stranger's.
MORE_TENANT_TABLES: list[str] = ["webhook_endpoints", "webhook_deliveries", "appointments", "crm_handoffs", "inbound_mailboxes"]


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
        run = (
            "import runpy, sys; lint = runpy.run_path(sys.argv[1], run_name='schema_lint'); "
            "lint['EXPECTED'].extend(sys.argv[3:]); sys.exit(lint['main'](sys.argv[2]))"
        )
        command = [sys.executable, "-c", run, str(LINT), libpq(topo.owner), *MORE_TENANT_TABLES]
        return subprocess.run(command, check=False).returncode  # noqa: S603 (our own interpreter and file)
    finally:
        embedded.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
