"""Prepare a PostgreSQL server for the migrations: database, roles, schema rights.

Runs as the owner login (``DATABASE_URL``, or the embedded superuser). Creates what it may and says in one
line what an operator must provide when it may not (managed services often forbid CREATE ROLE or BYPASSRLS).
Idempotent: every step checks before it acts.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL

from showroom.db.urls import EMBEDDED_DATABASE, OWNER_ROLE, Topology, libpq, role_password
from showroom.errors import ConfigError


@dataclass(frozen=True)
class Prepared:
    owner_role: str  # the role that owns the objects (SET ROLE to it when it differs from the login)
    login_role: str


def unreachable(exc: Exception, url: URL, what: str = "DATABASE_URL") -> ConfigError:
    """One line that says which server refused and why."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    first = text.splitlines()[0] if text else exc.__class__.__name__
    reason = first.rsplit(": ", 1)[-1].strip()
    where = url.host or url.query.get("host") or "localhost"
    return ConfigError(
        f"cannot connect to PostgreSQL at {where} as {url.username or 'default user'} ({reason}); check {what}"
    )


def connect(
    url: URL, *, what: str = "DATABASE_URL", autocommit: bool = True, timeout: int = 5
) -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(
            libpq(url), autocommit=autocommit, connect_timeout=timeout, application_name="showroom-migrate"
        )
    except psycopg.OperationalError as exc:
        raise unreachable(exc, url, what) from None


def ensure_embedded_database(superuser: URL) -> URL:
    """The embedded server: create the ``showroom`` database owned by ``showroom_owner``."""
    with connect(superuser, what="the embedded database") as conn:
        _ensure_role(conn, OWNER_ROLE, "NOLOGIN")
        if conn.execute("select 1 from pg_database where datname = %s", (EMBEDDED_DATABASE,)).fetchone() is None:
            conn.execute(
                sql.SQL("create database {} owner {}").format(
                    sql.Identifier(EMBEDDED_DATABASE), sql.Identifier(OWNER_ROLE)
                )
            )
    return superuser.set(database=EMBEDDED_DATABASE)


def prepare(topo: Topology, secret: str, *, embedded: bool) -> Prepared:
    """Create or check the roles and grants the migrations rely on."""
    try:
        return _prepare(topo, secret, embedded=embedded)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise ConfigError(
            f"the DATABASE_URL login lacks a privilege Showroom needs: {exc.diag.message_primary}; "
            "see docs/operations.md (roles)"
        ) from None


def _prepare(topo: Topology, secret: str, *, embedded: bool) -> Prepared:
    with connect(topo.owner) as conn:
        row = conn.execute(
            "select current_user, rolsuper, rolcreaterole, rolbypassrls from pg_roles where rolname = current_user"
        ).fetchone()
        assert row is not None
        login, is_super, can_create_role, has_bypass = str(row[0]), bool(row[1]), bool(row[2]), bool(row[3])
        server_version = conn.info.server_version
        if server_version < 150000:
            raise ConfigError(f"PostgreSQL {server_version // 10000} is too old: Showroom needs 15 or newer")
        owner = login
        if is_super:
            _ensure_role(conn, OWNER_ROLE, "NOLOGIN")
            owner = OWNER_ROLE
        db = conn.execute("select current_database()").fetchone()
        assert db is not None
        dbname = str(db[0])

        password = None if embedded else role_password(secret, topo.app_role)
        if topo.create_app_role:
            _create_login_role(
                conn,
                topo.app_role,
                password,
                bypass=False,
                allowed=is_super or can_create_role,
                env="SHOWROOM_APP_DATABASE_URL",
            )
        password = None if embedded else role_password(secret, topo.maint_role)
        if topo.create_maint_role:
            _create_login_role(
                conn,
                topo.maint_role,
                password,
                bypass=True,
                allowed=is_super or (can_create_role and has_bypass),
                env="SHOWROOM_MAINT_DATABASE_URL",
            )
        _check_roles(conn, topo.app_role, topo.maint_role)
        for role in (topo.app_role, topo.maint_role):
            if _role_exists(conn, role):
                conn.execute(
                    sql.SQL("grant connect on database {} to {}").format(sql.Identifier(dbname), sql.Identifier(role))
                )
            else:
                raise ConfigError(f"role {role} does not exist; create it or fix its database URL")
        # The owner creates functions owned by maint (ALTER ... OWNER TO needs membership) and
        # runs data migrations as maint (FORCE RLS binds the owner too).
        _grant_membership(conn, topo.maint_role, owner)
        if owner != login:
            _grant_membership(conn, owner, login)
            # PostgreSQL 15+ gives CREATE on public only to the database owner.
            conn.execute(sql.SQL("grant usage, create on schema public to {}").format(sql.Identifier(owner)))
        # maint owns the pre-tenant SECURITY DEFINER functions, which needs CREATE on the schema.
        conn.execute(sql.SQL("grant usage on schema public to {}").format(sql.Identifier(topo.app_role)))
        conn.execute(sql.SQL("grant usage, create on schema public to {}").format(sql.Identifier(topo.maint_role)))
        can_create = conn.execute("select has_schema_privilege(%s, 'public', 'CREATE')", (owner,)).fetchone()
        if not (can_create and can_create[0]):
            raise ConfigError(
                f"the DATABASE_URL login {login} may not create tables in schema public of "
                f"{dbname}; make it the database owner or GRANT CREATE ON SCHEMA public TO {login}"
            )
    return Prepared(owner_role=owner, login_role=login)


def _role_exists(conn: psycopg.Connection[tuple[object, ...]], role: str) -> bool:
    return conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone() is not None


def _ensure_role(conn: psycopg.Connection[tuple[object, ...]], role: str, options: str) -> None:
    if not _role_exists(conn, role):
        conn.execute(sql.SQL("create role {} " + options).format(sql.Identifier(role)))


def _create_login_role(
    conn: psycopg.Connection[tuple[object, ...]],
    role: str,
    password: str | None,
    *,
    bypass: bool,
    allowed: bool,
    env: str,
) -> None:
    exists = _role_exists(conn, role)
    if not allowed:
        if exists:
            return  # created earlier by someone allowed to; leave it as it is
        need = "SUPERUSER (or CREATEROLE with BYPASSRLS)" if bypass else "CREATEROLE"
        raise ConfigError(
            f"the DATABASE_URL login may not create role {role} (needs {need}); create a login for it and set {env}"
        )
    if exists:  # only what may drift; restating attributes needs superuser on PostgreSQL 15
        stmt = sql.SQL("alter role {} with login").format(sql.Identifier(role))
    else:
        attrs = "login nosuperuser nocreatedb nocreaterole noreplication " + ("bypassrls" if bypass else "nobypassrls")
        stmt = sql.SQL("create role {} with " + attrs).format(sql.Identifier(role))
    if password is not None:
        stmt = sql.SQL("{} password {}").format(stmt, sql.Literal(password))
    conn.execute(stmt)


def _check_roles(conn: psycopg.Connection[tuple[object, ...]], role: str, maint: str) -> None:
    row = conn.execute("select rolbypassrls or rolsuper from pg_roles where rolname = %s", (maint,)).fetchone()
    if row is not None and not row[0]:
        raise ConfigError(
            f"the maintenance role {maint} lacks BYPASSRLS; give it BYPASSRLS or use another login "
            "for SHOWROOM_MAINT_DATABASE_URL"
        )
    row = conn.execute("select rolsuper, rolbypassrls from pg_roles where rolname = %s", (role,)).fetchone()
    if row is not None and (row[0] or row[1]):
        raise ConfigError(
            f"the service role {role} is SUPERUSER or BYPASSRLS, which defeats tenant isolation; "
            "use a plain login for SHOWROOM_APP_DATABASE_URL"
        )


def _grant_membership(conn: psycopg.Connection[tuple[object, ...]], role: str, member: str) -> None:
    if role == member:
        return
    already = conn.execute("select pg_has_role(%s, %s, 'member')", (member, role)).fetchone()
    if already and already[0]:
        return
    try:
        conn.execute(sql.SQL("grant {} to {}").format(sql.Identifier(role), sql.Identifier(member)))
    except psycopg.errors.InsufficientPrivilege:
        raise ConfigError(
            f'cannot grant role {role} to {member}; ask an administrator to run "GRANT {role} TO {member}"'
        ) from None
