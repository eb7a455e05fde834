"""``showroom backup create`` / ``restore``: a consistent dump of the whole database, with a manifest to check it by.

A backup is one file, an uncompressed tar of two members:

* ``showroom.pgdump``: ``pg_dump --format=custom`` (compressed), taken in the exported snapshot of a
  repeatable-read transaction;
* ``manifest.json``: in that same snapshot, every table's row count and an order-independent checksum of its rows,
  its ACL and row-level security, the policies, the roles that own and use the schema, the migration revision, and
  the SHA-256 and size of the dump.

``tar xf`` and ``pg_restore`` work on it by hand. ``create`` writes a temporary file beside the target and renames it
only once complete and synced, so a failed backup leaves nothing under the final name. ``restore`` checks the whole
file against the manifest (a truncated or altered file is refused before anything is written), refuses a database
that is not empty, creates the roles, restores in one transaction, then compares every table, ACL and policy with
the manifest and runs the schema check of ``showroom db check``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL

from showroom.db import bootstrap
from showroom.db.urls import Topology, libpq
from showroom.errors import ShowroomError

FORMAT = "showroom-backup/1"
DUMP = "showroom.pgdump"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024

Progress = Callable[[int, int, str], None]  # (done, total, what): bytes of table data, as PostgreSQL sizes them


class BackupError(ShowroomError):
    """A backup or restore that cannot go on; the message says why in one line."""


# Every row of a table as text, hashed, summed: independent of row order, the same on any server for the same rows
# (the session's settings that shape ``row::text`` are pinned in :func:`_pin_output`).
_CHECKSUM = "select count(*), coalesce(sum(('x' || left(md5(t::text), 16))::bit(64)::bigint), 0)::text from {} t"
_TABLES = """
select c.relname, c.relrowsecurity, c.relforcerowsecurity, coalesce(c.relacl::text, ''), pg_table_size(c.oid)
  from pg_class c
 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
 order by c.relname
"""
_POLICIES = """
select tablename, policyname, cmd, coalesce(qual, ''), coalesce(with_check, ''), roles::text
  from pg_policies where schemaname = 'public' order by 1, 2
"""
_OWNED_BY = """
select p.oid::regprocedure::text from pg_proc p
 where p.pronamespace = 'public'::regnamespace and p.proowner = (select oid from pg_roles where rolname = %s)
 order by 1
"""


@dataclass
class Table:
    name: str
    rows: int
    checksum: str
    acl: str
    rls: bool
    force_rls: bool
    size: int


@dataclass
class Manifest:
    created_at: str
    server_version: int
    revision: str | None
    roles: dict[str, str]
    tables: list[Table]
    policies: list[list[str]]
    maint_functions: list[str]
    dump_sha256: str = ""
    dump_bytes: int = 0
    format: str = FORMAT

    def to_json(self) -> bytes:
        body = {**self.__dict__, "tables": [t.__dict__ for t in self.tables]}
        return json.dumps(body, indent=1).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise BackupError(f"not a Showroom backup (format {data.get('format')!r}, expected {FORMAT!r})")
        data["tables"] = [Table(**t) for t in data["tables"]]
        return cls(**data)

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables)


@dataclass
class Result:
    path: Path
    manifest: Manifest
    problems: list[str] = field(default_factory=list)


# --- tools -----------------------------------------------------------------------------------------------------


def tool(name: str) -> str:
    """``pg_dump`` / ``pg_restore``: from ``SHOWROOM_PG_BIN`` if set, else the ones the embedded PostgreSQL ships
    (PostgreSQL 16: they dump servers up to 16), else the PATH's."""
    where = os.environ.get("SHOWROOM_PG_BIN")
    if where:
        candidate = Path(where) / name
        if not candidate.is_file():
            raise BackupError(f"SHOWROOM_PG_BIN={where} has no {name}")
        return str(candidate)
    with contextlib.suppress(ImportError):
        import pgserver  # here: only backups need its binaries

        candidate = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found; install the PostgreSQL client tools or set SHOWROOM_PG_BIN")
    return found


def _tool_env(url: URL) -> tuple[str, dict[str, str]]:
    """The conninfo without its password (which would show in ``ps``) and the environment that carries it."""
    env = {**os.environ, "PGAPPNAME": "showroom-backup"}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return libpq(url.set(password=None)), env


def _connect(url: URL) -> psycopg.Connection[tuple[Any, ...]]:
    return bootstrap.connect(url, what="the database to back up or restore", autocommit=True)


def _pin_output(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    for name, value in (("timezone", "UTC"), ("datestyle", "ISO, YMD"), ("intervalstyle", "postgres")):
        conn.execute("select set_config(%s, %s, false)", (name, value))
    conn.execute("set extra_float_digits = 1")
    conn.execute("set bytea_output = 'hex'")


def _reader_role(conn: psycopg.Connection[tuple[Any, ...]], topo: Topology) -> str | None:
    """The role that may read every row: the login itself when superuser, else the maintenance role (BYPASSRLS; the
    owner login is a member): FORCEd row-level security binds the table owner too."""
    row = conn.execute("select rolsuper from pg_roles where rolname = current_user").fetchone()
    return None if row and row[0] else topo.maint_role


# --- what the database holds ------------------------------------------------------------------------------------


def describe(conn: psycopg.Connection[tuple[Any, ...]], topo: Topology, owner_role: str) -> Manifest:
    """The manifest of the database ``conn`` sees (in its snapshot, if it is in a transaction)."""
    _pin_output(conn)
    tables = []
    for name, rls, force, acl, size in conn.execute(_TABLES).fetchall():
        query = sql.SQL(_CHECKSUM).format(sql.Identifier("public", name))
        row = conn.execute(query).fetchone()
        assert row is not None
        tables.append(Table(name, int(row[0]), str(row[1]), acl, bool(rls), bool(force), int(size)))
    policies = [[str(v) for v in row] for row in conn.execute(_POLICIES).fetchall()]
    has_version = any(t.name == "alembic_version" for t in tables)
    revision = conn.execute("select version_num from alembic_version").fetchone() if has_version else None
    return Manifest(
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        server_version=conn.info.server_version,
        revision=str(revision[0]) if revision else None,
        roles={"owner": owner_role, "app": topo.app_role, "maint": topo.maint_role},
        tables=tables,
        policies=policies,
        maint_functions=[str(r[0]) for r in conn.execute(_OWNED_BY, (topo.maint_role,)).fetchall()],
    )


def _owner_role(conn: psycopg.Connection[tuple[Any, ...]]) -> str:
    row = conn.execute(
        "select r.rolname from pg_class c join pg_roles r on r.oid = c.relowner "
        "where c.relnamespace = 'public'::regnamespace and c.relname = 'alembic_version'"
    ).fetchone()
    if row is None:
        raise BackupError("the database has no Showroom schema to back up (run `showroom db upgrade` first?)")
    return str(row[0])


# --- create ------------------------------------------------------------------------------------------------------


def create(topo: Topology, path: Path, progress: Progress | None = None) -> Result:
    """Dump the database of ``topo`` to ``path`` (which must not exist), with its manifest."""
    if path.exists():
        raise BackupError(f"{path} already exists; choose another file name")
    if not path.parent.is_dir():
        raise BackupError(f"directory {path.parent} does not exist")
    fd, partial_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    partial = Path(partial_name)
    work = Path(tempfile.mkdtemp(prefix=".showroom-backup-", dir=path.parent))
    try:
        manifest = _dump(topo, work / DUMP, progress)
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            raw = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(raw), int(datetime.now(UTC).timestamp()), 0o600
            tar.addfile(info, io.BytesIO(raw))
            tar.add(work / DUMP, arcname=DUMP)
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        partial.chmod(0o600)
        os.replace(partial, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        return Result(path, manifest)
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def _dump(topo: Topology, target: Path, progress: Progress | None) -> Manifest:
    """pg_dump in the snapshot of an open repeatable-read transaction, the manifest read in the same snapshot."""
    with _connect(topo.owner) as conn:
        owner_role = _owner_role(conn)
        reader = _reader_role(conn, topo)
        if reader:
            conn.execute(sql.SQL("set role {}").format(sql.Identifier(reader)))
        conn.execute("begin isolation level repeatable read read only")
        row = conn.execute("select pg_export_snapshot()").fetchone()
        assert row is not None
        conninfo, env = _tool_env(topo.owner)
        sizes = {
            r[0]: int(r[1])
            for r in conn.execute(
                "select relname, pg_table_size(oid) from pg_class "
                "where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')"
            ).fetchall()
        }
        command = [tool("pg_dump"), "--format=custom", "--verbose", f"--snapshot={row[0]}", f"--file={target}"]
        if reader:
            command.append(f"--role={reader}")
        command.append(f"--dbname={conninfo}")
        proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)  # noqa: S603
        errors: list[str] = []
        follower = threading.Thread(
            target=_follow, args=(proc.stderr, "dumping contents of table", sizes, progress, errors), daemon=True
        )
        follower.start()
        try:
            manifest = describe(conn, topo, owner_role)  # meanwhile, in the same snapshot
        finally:
            code = proc.wait()
            follower.join()
        conn.execute("commit")
    if code != 0:
        raise BackupError(f"pg_dump failed: {_reason(errors)}")
    manifest.dump_sha256, manifest.dump_bytes = _sha256(target), target.stat().st_size
    return manifest


_TABLE_IN_LINE = re.compile(r'table "?(?:public"?\.)?"?([A-Za-z0-9_]+)"?')


def _follow(
    stream: IO[bytes] | None, marker: str, sizes: dict[str, int], progress: Progress | None, errors: list[str]
) -> None:
    """Read a pg_dump/pg_restore ``--verbose`` stderr: advance the progress by the size of each table it starts on,
    keep the lines that are not progress (the errors)."""
    if stream is None:
        return
    total = sum(sizes.values()) or 1
    done = 0
    previous = 0
    for raw in stream:
        line = raw.decode(errors="replace").rstrip()
        if marker in line:
            done += previous
            match = _TABLE_IN_LINE.search(line.split(marker, 1)[1])
            name = match.group(1) if match else ""
            previous = sizes.get(name, 0)
            if progress:
                progress(done, total, name)
        elif "error" in line.lower() or "fatal" in line.lower() or "could not" in line.lower():
            errors.append(line)
    if progress:
        progress(total, total, "")


def _reason(errors: list[str]) -> str:
    if not errors:
        return "see its messages above"
    return re.sub(r"^pg_(dump|restore): (error: )?", "", errors[0])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- restore -----------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def open_backup(path: Path) -> Iterator[tuple[Manifest, tarfile.TarFile, tarfile.TarInfo]]:
    """The manifest and the dump member of a backup file, after checking the dump's size and SHA-256 against the
    manifest: a truncated or altered file is refused here, before anything is written anywhere."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115 - closed by the `with tar` below
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{path} is not a Showroom backup (not a tar file: {exc})") from None
    with tar:
        try:
            names = {m.name: m for m in tar.getmembers()}
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"{path} is truncated or damaged ({exc})") from None
        if MANIFEST not in names or DUMP not in names:
            raise BackupError(f"{path} is not a Showroom backup (it needs {MANIFEST} and {DUMP})")
        manifest_file = tar.extractfile(names[MANIFEST])
        assert manifest_file is not None
        try:
            manifest = Manifest.from_json(manifest_file.read())
        except (ValueError, TypeError, KeyError) as exc:
            raise BackupError(f"{path}: its manifest is damaged ({exc})") from None
        dump = names[DUMP]
        if dump.size != manifest.dump_bytes:
            raise BackupError(
                f"{path} is truncated or damaged: the dump has {dump.size} bytes, "
                f"the manifest says {manifest.dump_bytes}"
            )
        digest = hashlib.sha256()
        source = tar.extractfile(dump)
        assert source is not None
        try:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"{path} is truncated or damaged ({exc})") from None
        if digest.hexdigest() != manifest.dump_sha256:
            raise BackupError(f"{path} is damaged: the dump's SHA-256 differs from the manifest's")
        yield manifest, tar, dump


def verify_file(path: Path) -> Manifest:
    with open_backup(path) as (manifest, _, _):
        return manifest


def restore(topo: Topology, secret: str, path: Path, *, embedded: bool, progress: Progress | None = None) -> Result:
    """Restore the backup at ``path`` into the empty database of ``topo``, then check it against the manifest."""
    with open_backup(path) as (manifest, tar, member):
        with _connect(topo.owner) as conn:
            _refuse_if_not_empty(conn)
            if conn.info.server_version // 10000 < manifest.server_version // 10000:
                raise BackupError(
                    f"the backup is of PostgreSQL {manifest.server_version // 10000}, the target is older "
                    f"({conn.info.server_version // 10000}); restore into the same major version or newer"
                )
        for role in ("app", "maint"):
            if manifest.roles[role] != getattr(topo, f"{role}_role"):
                raise BackupError(
                    f"the backup grants to the {role} role {manifest.roles[role]!r}, this install uses "
                    f"{getattr(topo, f'{role}_role')!r}; restore with the same role names"
                )
        prepared = bootstrap.prepare(topo, secret, embedded=embedded)
        sizes = {t.name: t.size for t in manifest.tables}
        _pg_restore(topo, prepared, tar, member, sizes, progress)
    with _connect(topo.owner) as conn:
        if prepared.owner_role != prepared.login_role:
            conn.execute(sql.SQL("set role {}").format(sql.Identifier(prepared.owner_role)))
        for function in manifest.maint_functions:  # SECURITY DEFINER lookups run as maint (migration 0004)
            row = conn.execute("select %s::regprocedure::text", (function,)).fetchone()  # the server's own spelling
            assert row is not None
            conn.execute(
                sql.SQL("alter function {} owner to {}").format(sql.SQL(row[0]), sql.Identifier(topo.maint_role))
            )
        conn.execute("reset role")
        reader = _reader_role(conn, topo)
        if reader:
            conn.execute(sql.SQL("set role {}").format(sql.Identifier(reader)))
        restored = describe(conn, topo, prepared.owner_role)
    return Result(path, manifest, compare(manifest, restored))


def _refuse_if_not_empty(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    rows = conn.execute(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%%' "
        "and n.nspname not like 'pg_toast_temp%%' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') order by 1"
    ).fetchall()
    if rows:
        names = ", ".join(str(r[0]) for r in rows[:3])
        raise BackupError(
            f"the target database is not empty ({len(rows)} relations, e.g. {names}); "
            "restore into a new, empty database"
        )


def _pg_restore(
    topo: Topology,
    prepared: bootstrap.Prepared,
    tar: tarfile.TarFile,
    member: tarfile.TarInfo,
    sizes: dict[str, int],
    progress: Progress | None,
) -> None:
    """pg_restore in one transaction (all or nothing), objects owned by the target's owner role, fed the dump
    straight from the backup file."""
    conninfo, env = _tool_env(topo.owner)
    command = [tool("pg_restore"), "--verbose", "--exit-on-error", "--single-transaction", "--no-owner"]
    if prepared.owner_role != prepared.login_role:
        command.append(f"--role={prepared.owner_role}")
    command.append(f"--dbname={conninfo}")
    proc = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stderr=subprocess.PIPE)  # noqa: S603
    errors: list[str] = []
    follower = threading.Thread(
        target=_follow, args=(proc.stderr, "processing data for table", sizes, progress, errors), daemon=True
    )
    follower.start()
    source = tar.extractfile(member)
    assert source is not None
    assert proc.stdin is not None
    try:
        while chunk := source.read(CHUNK):
            proc.stdin.write(chunk)
    except BrokenPipeError:
        pass  # pg_restore stopped: its exit code and message say why
    finally:
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
        code = proc.wait()
        follower.join()
    if code != 0:
        raise BackupError(f"pg_restore failed, nothing was restored: {_reason(errors)}")


def compare(expected: Manifest, found: Manifest) -> list[str]:
    """Every difference between the backup's manifest and the restored database, one line each."""
    problems = []
    mine = {t.name: t for t in found.tables}
    for table in expected.tables:
        got = mine.pop(table.name, None)
        if got is None:
            problems.append(f"{table.name}: missing")
            continue
        if (got.rows, got.checksum) != (table.rows, table.checksum):
            problems.append(
                f"{table.name}: {got.rows} rows (checksum {got.checksum}), the backup has {table.rows} "
                f"(checksum {table.checksum})"
            )
        if (got.rls, got.force_rls) != (table.rls, table.force_rls):
            problems.append(f"{table.name}: row-level security differs from the backup's")
        if _acl(got.acl, found.roles["owner"]) != _acl(table.acl, expected.roles["owner"]):
            problems.append(f"{table.name}: grants {got.acl or 'none'}, the backup has {table.acl or 'none'}")
    problems.extend(f"{name}: not in the backup" for name in mine)
    if found.policies != expected.policies:
        problems.append("row-level security policies differ from the backup's")
    if found.revision != expected.revision:
        problems.append(f"migration revision {found.revision}, the backup has {expected.revision}")
    return problems


def _acl(acl: str, owner: str) -> set[str]:
    """An ACL's grants to others than the owner, without their grantor (``role=privileges/grantor``)."""
    entries = (e.strip('"').split("/", 1)[0] for e in acl.strip("{}").split(",")) if acl else iter(())
    return {e for e in entries if e and not e.startswith(f"{owner}=")}
