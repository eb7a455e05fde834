"""Migrate a fresh embedded database, check the Citus rules on it (showroom.db.citus: every distributed table's keys
and tenant foreign keys carry dealership_id, every other table is named reference or coordinator-local), then run
../shared/tools/schema_lint.py against it. Exit 1 on any finding."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from showroom.db import citus, embedded, migrate
from showroom.db.urls import Topology, libpq
from showroom.settings import Environment, Settings

LINT = Path(__file__).resolve().parents[2] / "shared" / "tools" / "schema_lint.py"
# Tenant tables added after the 29 of the data model (DATA_MODEL.md): the lint holds them to the same rules (RLS
# forced, the tenant policy, dealership_id NOT NULL, created_at...), instead of reading their policy as a stranger's.
MORE_TENANT_TABLES: list[str] = [
    "webhook_endpoints",
    "webhook_deliveries",
    "appointments",
    "saved_replies",
    "inventory_feed_sources",
    "inventory_imports",
    "inventory_import_rows",
    "crm_handoffs",
    "inbound_mailboxes",
]


def citus_rules(topo: Topology) -> int:
    """Print where each table goes on Citus and why, then every broken rule; 1 if any."""
    with migrate.owner_connection(topo) as conn:
        schema = citus.inspect(conn)
    for kind in ("reference", "local"):
        for t in sorted(t.name for t in schema.tables.values() if t.kind == kind):
            print(
                f"citus: {t} is {'a reference' if kind == 'reference' else 'a coordinator-local'} table: "
                f"{citus.reason(t)}"
            )
    distributed = sorted(t.name for t in schema.tables.values() if t.kind == "distributed")
    print(f"citus: {len(distributed)} tables distributed by dealership_id: {', '.join(distributed)}")
    for problem in schema.problems:
        print(f"citus: RULE BROKEN: {problem}")
    print(f"citus: {len(schema.problems)} findings")
    return 1 if schema.problems else 0


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="shr-lint-", dir="/tmp"))
    data_dir.chmod(0o755)
    try:
        settings = Settings(environment=Environment.test, data_dir=data_dir, database_url=None)
        topo = migrate.resolve(settings)
        migrate.upgrade(settings, topo)
        failed = citus_rules(topo)
        if not LINT.exists():
            print(f"schema lint: {LINT} not found on this machine; skipped (tests/db/test_migrations.py runs it too)")
            return failed
        run = (
            "import runpy, sys; lint = runpy.run_path(sys.argv[1], run_name='schema_lint'); "
            "lint['EXPECTED'].extend(sys.argv[3:]); sys.exit(lint['main'](sys.argv[2]))"
        )
        command = [sys.executable, "-c", run, str(LINT), libpq(topo.owner), *MORE_TENANT_TABLES]
        return subprocess.run(command, check=False).returncode or failed  # noqa: S603 (our own interpreter and file)
    finally:
        embedded.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
