"""Backup and restore of a database of 1M messages: ``showroom backup create`` / ``restore`` (with the manifest's
checksums and the checks after restore) against bare ``pg_dump -Fc`` / ``pg_restore`` of the same database, same run.

    python -m bench.backup_restore [--messages 1000000] [--vehicles 20000]

Figures for docs/operations.md; not a test (it takes minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

from bench.chat_turn import seed
from bench.common import bench_database
from showroom.db import bootstrap
from showroom.db.urls import libpq, topology
from showroom.ops import backup


def fresh_database(owner_url, name: str) -> None:  # type: ignore[no-untyped-def]
    with psycopg.connect(libpq(owner_url), autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--vehicles", type=int, default=20_000)
    args = parser.parse_args()
    with bench_database() as (settings, topo), tempfile.TemporaryDirectory(dir="/tmp") as scratch:
        seeded = asyncio.run(seed(settings, topo, messages=args.messages, vehicles=args.vehicles))
        print(f"seeded {seeded.messages:,} messages, {seeded.vehicles:,} vehicles in {seeded.seconds:.0f} s")
        secret = settings.secret_key.get_secret_value()
        conninfo, env = backup._tool_env(topo.owner)

        raw_dump = Path(scratch) / "raw.pgdump"
        mark = time.perf_counter()
        subprocess.run(
            [backup.tool("pg_dump"), "-Fc", f"--file={raw_dump}", f"--dbname={conninfo}"], env=env, check=True
        )
        raw_dump_s = time.perf_counter() - mark

        path = Path(scratch) / "showroom.backup"
        mark = time.perf_counter()
        result = backup.create(topo, path)
        dump_s = time.perf_counter() - mark

        raw_target = f"raw_{uuid.uuid4().hex[:6]}"
        fresh_database(topo.owner, raw_target)
        raw_topo = topology(
            topo.owner.set(database=raw_target), app_url=None, maint_url=None, secret=secret, embedded=True
        )
        bootstrap.prepare(raw_topo, secret, embedded=True)  # the roles' rights on the new database, as restore does
        conninfo_raw, _ = backup._tool_env(topo.owner.set(database=raw_target))
        mark = time.perf_counter()
        subprocess.run(
            [backup.tool("pg_restore"), "--single-transaction", "--no-owner", "--role=showroom_owner",
             f"--dbname={conninfo_raw}", str(raw_dump)],
            env=env,
            check=True,
        )  # fmt: skip
        raw_restore_s = time.perf_counter() - mark

        target = f"restored_{uuid.uuid4().hex[:6]}"
        fresh_database(topo.owner, target)
        target_topo = topology(
            topo.owner.set(database=target), app_url=None, maint_url=None, secret=secret, embedded=True
        )
        mark = time.perf_counter()
        restored = backup.restore(target_topo, secret, path, embedded=True)
        restore_s = time.perf_counter() - mark
        assert not restored.problems, restored.problems
        size, raw_size = path.stat().st_size, raw_dump.stat().st_size

    print(
        f"\n{result.manifest.total_rows:,} rows in {len(result.manifest.tables)} tables, "
        f"{seeded.messages:,} messages; {os.cpu_count()} CPUs, embedded PostgreSQL 16, same disk"
    )
    print(f"{'':<44}{'seconds':>9}{'x bare':>8}")
    print(f"{'bare pg_dump -Fc':<44}{raw_dump_s:>9.1f}{1:>8.2f}")
    print(f"{'showroom backup create (dump + manifest)':<44}{dump_s:>9.1f}{dump_s / raw_dump_s:>8.2f}")
    print(f"{'bare pg_restore --single-transaction':<44}{raw_restore_s:>9.1f}{1:>8.2f}")
    print(f"{'showroom backup restore (+ checks)':<44}{restore_s:>9.1f}{restore_s / raw_restore_s:>8.2f}")
    print(f"backup file {size / 1024 / 1024:.1f} MiB (bare dump {raw_size / 1024 / 1024:.1f} MiB)")


if __name__ == "__main__":
    main()
