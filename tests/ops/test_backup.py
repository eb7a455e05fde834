"""`showroom backup create` / `restore`: a seeded database round-trips table for table, with its roles, grants and
row-level security; bad files and non-empty targets are refused before anything is written; a failed backup leaves
no file under its name."""

from __future__ import annotations

import os
import stat
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL

from showroom.db.engine import Database
from showroom.db.urls import Topology, libpq
from showroom.ops import backup
from showroom.settings import Settings
from tests.conftest import cli_env
from tests.factories import create_world
from tests.test_cli import showroom

# The rows of a table as text, in order, hashed: another method than the manifest's order-independent sum.
TABLE_DIGEST = "select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from {} t"
PIN = "set timezone = 'UTC'; set datestyle = 'ISO, YMD'; set extra_float_digits = 1"


@pytest.fixture
def empty_database(topo: Topology) -> Iterator[URL]:
    """A new, empty database on the test server (the owner login creates it, as an operator would)."""
    name = f"restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq(topo.owner), autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    yield topo.owner.set(database=name)
    with psycopg.connect(libpq(topo.owner), autocommit=True) as conn:
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


def env_for(settings: Settings, url: URL, **extra: str) -> dict[str, str]:
    env = cli_env(settings, **extra)
    env["DATABASE_URL"] = url.render_as_string(hide_password=False)
    return env


def digests(url: URL) -> dict[str, tuple[int, str]]:
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        conn.execute(PIN)
        names = [
            r[0]
            for r in conn.execute(
                "select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'"
            )
        ]
        out = {}
        for name in names:
            row = conn.execute(sql.SQL(TABLE_DIGEST).format(sql.Identifier(name))).fetchone()
            assert row is not None
            out[name] = (row[0], row[1])
    return out


def relations(url: URL) -> int:
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        row = conn.execute("select count(*) from pg_class where relnamespace = 'public'::regnamespace").fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture(scope="module")
def backup_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("backups") / "seeded.backup"


async def test_a_seeded_database_round_trips_every_table_with_its_grants_and_rls(
    settings: Settings, topo: Topology, db: Database, empty_database: URL, backup_file: Path
) -> None:
    async with db.maint_session() as maint, maint.begin():
        first = await create_world(maint)
        await create_world(maint)
    made = showroom("backup", "create", str(backup_file), env=cli_env(settings))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"wrote {backup_file}: ")
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
    assert not [p for p in backup_file.parent.iterdir() if p.name.startswith(".")]

    restored = showroom("backup", "restore", str(backup_file), env=env_for(settings, empty_database))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "every table matches the manifest" in restored.stdout

    source, copy = digests(topo.owner), digests(empty_database)
    assert copy == source
    assert copy["messages"][0] >= 2 and copy["leads"][0] >= 2 and copy["alembic_version"][0] == 1
    checked = showroom("db", "check", env=env_for(settings, empty_database))
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # The service login of the restored database sees one dealership's rows, as in the original.
    with psycopg.connect(libpq(empty_database.set(username=topo.app_role, password=None)), autocommit=True) as conn:
        conn.execute("select set_config('app.dealership_id', %s, false)", (str(first.id),))
        seen = conn.execute("select distinct dealership_id from leads").fetchall()
        functions = conn.execute(
            "select count(*) from pg_proc p join pg_roles r on r.oid = p.proowner where r.rolname = %s",
            (topo.maint_role,),
        ).fetchone()
    assert seen == [(first.id,)]
    assert functions is not None and functions[0] > 0  # the SECURITY DEFINER lookups belong to maint again


def test_restore_refuses_a_database_that_is_not_empty(settings: Settings, topo: Topology, backup_file: Path) -> None:
    if not backup_file.exists():
        pytest.skip("needs the backup of the round-trip test")
    before = digests(topo.owner)
    refused = showroom("backup", "restore", str(backup_file), env=env_for(settings, topo.owner))
    assert refused.returncode == 1
    assert refused.stderr.startswith("showroom: error: the target database is not empty (")
    assert len(refused.stderr.strip().splitlines()) == 1
    assert digests(topo.owner) == before


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "not a backup"])
def test_a_damaged_backup_is_refused_before_anything_is_written(
    settings: Settings, empty_database: URL, backup_file: Path, tmp_path: Path, damage: str
) -> None:
    if not backup_file.exists():
        pytest.skip("needs the backup of the round-trip test")
    data = bytearray(backup_file.read_bytes())
    bad = tmp_path / "bad.backup"
    if damage == "truncated":
        bad.write_bytes(data[: len(data) * 2 // 3])
    elif damage == "flipped byte":
        with tarfile.open(backup_file) as tar:
            offset = tar.getmember(backup.DUMP).offset_data
        data[offset + 100] ^= 0xFF
        bad.write_bytes(data)
    else:
        bad.write_bytes(b"PGDMP" + bytes(4096))
    refused = showroom("backup", "restore", str(bad), env=env_for(settings, empty_database))
    assert refused.returncode == 1, refused.stdout
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    expected = {"truncated": "truncated or damaged", "flipped byte": "damaged", "not a backup": "not a Showroom backup"}
    assert expected[damage] in refused.stderr
    assert relations(empty_database) == 0  # no role, table or row was written


def test_a_failed_backup_leaves_no_file_under_its_name(settings: Settings, topo: Topology, tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    dump = fake / "pg_dump"
    dump.write_text(
        '#!/bin/sh\nfor a; do case "$a" in --file=*) printf PGDMP > "${a#--file=}";; esac; done\n'
        'echo "pg_dump: error: could not write: No space left on device" >&2\nexit 1\n'
    )
    dump.chmod(0o755)
    target = tmp_path / "out" / "fails.backup"
    target.parent.mkdir()
    failed = showroom("backup", "create", str(target), env=cli_env(settings, SHOWROOM_PG_BIN=str(fake)))
    assert failed.returncode == 1
    assert failed.stderr.strip() == "showroom: error: pg_dump failed: could not write: No space left on device"
    assert os.listdir(target.parent) == []

    target.write_bytes(b"keep me")
    exists = showroom("backup", "create", str(target), env=cli_env(settings))
    assert exists.returncode == 1 and "already exists" in exists.stderr
    assert target.read_bytes() == b"keep me"
