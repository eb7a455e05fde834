"""Authentication before a tenant is known: SECURITY DEFINER functions owned by maintenance (DATA_MODEL.md §4),
and the indexes sign-in throttling needs.

Each function returns the minimum, is callable only by the service role, and runs with a fixed search_path.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from showroom.db.ddl import quote_ident, roles

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HEADER = "SECURITY DEFINER SET search_path = pg_catalog, public"

FUNCTIONS = {
    "auth_user_by_email(text)": f"""
        CREATE FUNCTION auth_user_by_email(p_email text)
        RETURNS TABLE (id int, dealership_id int, role varchar, password_hash varchar, is_active boolean,
                       dealership_active boolean, name varchar)
        LANGUAGE sql STABLE {HEADER} AS $$
            SELECT u.id, u.dealership_id, u.role, u.password_hash, u.is_active,
                   coalesce(d.is_active, u.dealership_id IS NULL), u.name
            FROM users u LEFT JOIN dealerships d ON d.id = u.dealership_id
            WHERE u.email = lower(btrim(p_email))
        $$""",
    "auth_login_failures(inet,text,timestamptz)": f"""
        CREATE FUNCTION auth_login_failures(p_ip inet, p_email text, p_since timestamptz)
        RETURNS TABLE (by_ip int, by_email int)
        LANGUAGE sql STABLE {HEADER} AS $$
            SELECT (SELECT count(*)::int FROM audit_logs
                    WHERE action = 'user.login_failed' AND ip_address = p_ip AND created_at > p_since),
                   (SELECT count(*)::int FROM audit_logs
                    WHERE action = 'user.login_failed' AND details ->> 'email' = lower(btrim(p_email))
                      AND created_at > p_since)
        $$""",
    "auth_record_login(int,text,boolean,inet,text,text,int,interval)": f"""
        CREATE FUNCTION auth_record_login(p_user_id int, p_email text, p_success boolean, p_ip inet,
                                          p_user_agent text, p_reason text, p_max_failures int, p_lock interval)
        RETURNS void
        LANGUAGE plpgsql VOLATILE {HEADER} AS $$
        DECLARE v_dealership int;
        BEGIN
            IF p_user_id IS NOT NULL AND p_success THEN
                UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now()
                WHERE id = p_user_id RETURNING dealership_id INTO v_dealership;
            ELSIF p_user_id IS NOT NULL THEN
                UPDATE users SET
                    failed_login_count = CASE WHEN failed_login_count + 1 >= p_max_failures THEN 0
                                              ELSE failed_login_count + 1 END,
                    locked_until = CASE WHEN failed_login_count + 1 >= p_max_failures THEN now() + p_lock
                                        ELSE locked_until END
                WHERE id = p_user_id RETURNING dealership_id INTO v_dealership;
            END IF;
            INSERT INTO audit_logs (dealership_id, actor_type, user_id, action, resource_type, resource_id,
                                    details, ip_address, user_agent)
            VALUES (v_dealership, CASE WHEN p_user_id IS NULL THEN 'system' ELSE 'user' END, p_user_id,
                    CASE WHEN p_success THEN 'user.login' ELSE 'user.login_failed' END, 'user', p_user_id::text,
                    jsonb_strip_nulls(jsonb_build_object('email', lower(btrim(p_email)), 'reason', p_reason)),
                    p_ip, p_user_agent);
        END $$""",
    "auth_api_key(text)": f"""
        CREATE FUNCTION auth_api_key(p_key_hash text)
        RETURNS TABLE (id int, dealership_id int, name varchar, scopes jsonb, dealership_active boolean)
        LANGUAGE plpgsql VOLATILE {HEADER} AS $$
        BEGIN
            -- last_used_at is written at most once a minute, never on every request.
            UPDATE api_keys k SET last_used_at = now()
            WHERE k.key_hash = p_key_hash AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
            RETURN QUERY
                SELECT k.id, k.dealership_id, k.name, k.scopes, d.is_active
                FROM api_keys k JOIN dealerships d ON d.id = k.dealership_id
                WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
                  AND (k.expires_at IS NULL OR k.expires_at > now());
        END $$""",
    "auth_session(text,interval,interval)": f"""
        CREATE FUNCTION auth_session(p_id text, p_idle interval, p_absolute interval)
        RETURNS TABLE (user_id int, dealership_id int, csrf_secret varchar, expires_at timestamptz, role varchar,
                       email varchar, name varchar, user_active boolean, dealership_active boolean)
        LANGUAGE plpgsql VOLATILE {HEADER} AS $$
        BEGIN
            -- Slide the idle expiry, writing at most once a minute.
            UPDATE sessions s SET last_seen_at = now(),
                                  expires_at = least(now() + p_idle, s.created_at + p_absolute)
            WHERE s.id = p_id AND s.expires_at > now() AND s.last_seen_at < now() - interval '1 minute';
            RETURN QUERY
                SELECT s.user_id, s.dealership_id, s.csrf_secret, s.expires_at, u.role, u.email, u.name,
                       u.is_active, coalesce(d.is_active, u.dealership_id IS NULL)
                FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN dealerships d ON d.id = u.dealership_id
                WHERE s.id = p_id AND s.expires_at > now();
        END $$""",
    "auth_consume_magic_link(text)": f"""
        CREATE FUNCTION auth_consume_magic_link(p_token_hash text)
        RETURNS TABLE (outcome text, id int, dealership_id int, purpose varchar, email varchar, role varchar)
        LANGUAGE plpgsql VOLATILE {HEADER} AS $$
        DECLARE r magic_link_invitations%ROWTYPE;
        BEGIN
            SELECT * INTO r FROM magic_link_invitations m WHERE m.token_hash = p_token_hash FOR UPDATE;
            IF NOT FOUND THEN
                RETURN QUERY SELECT 'unknown'::text, NULL::int, NULL::int, NULL::varchar, NULL::varchar, NULL::varchar;
            ELSIF r.used_at IS NOT NULL THEN
                RETURN QUERY SELECT 'used'::text, r.id, r.dealership_id, r.purpose, r.email, r.role;
            ELSIF r.expires_at <= now() THEN
                RETURN QUERY SELECT 'expired'::text, r.id, r.dealership_id, r.purpose, r.email, r.role;
            ELSE
                UPDATE magic_link_invitations SET used_at = now() WHERE magic_link_invitations.id = r.id;
                RETURN QUERY SELECT 'ok'::text, r.id, r.dealership_id, r.purpose, r.email, r.role;
            END IF;
        END $$""",
    "auth_user_invitation(text)": f"""
        CREATE FUNCTION auth_user_invitation(p_token_hash text)
        RETURNS TABLE (id uuid, dealership_id int, email varchar, role varchar, status varchar,
                       expires_at timestamptz, dealership_name varchar)
        LANGUAGE sql STABLE {HEADER} AS $$
            SELECT i.id, i.dealership_id, i.email, i.role, i.status, i.expires_at, d.name
            FROM user_invitations i LEFT JOIN dealerships d ON d.id = i.dealership_id
            WHERE i.token_hash = p_token_hash
        $$""",
    "auth_password_reset(text)": f"""
        CREATE FUNCTION auth_password_reset(p_token_hash text)
        RETURNS TABLE (user_id int, dealership_id int, expires_at timestamptz, is_active boolean)
        LANGUAGE sql STABLE {HEADER} AS $$
            SELECT u.id, u.dealership_id, u.reset_token_expires_at, u.is_active
            FROM users u WHERE u.reset_token_hash = p_token_hash
        $$""",
    "resolve_dealership(text)": f"""
        CREATE FUNCTION resolve_dealership(p_subdomain text)
        RETURNS int
        LANGUAGE sql STABLE {HEADER} AS $$
            SELECT d.id FROM dealerships d WHERE d.subdomain = lower(btrim(p_subdomain)) AND d.is_active
        $$""",
}


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    op.create_index(
        "ix_audit_logs_login_failed_ip",
        "audit_logs",
        ["ip_address", "created_at"],
        postgresql_where=sa.text("action = 'user.login_failed'"),
    )
    op.create_index(
        "ix_audit_logs_login_failed_email",
        "audit_logs",
        ["created_at", sa.literal_column("(details ->> 'email')")],
        postgresql_where=sa.text("action = 'user.login_failed'"),
    )
    for signature, ddl in FUNCTIONS.items():
        op.execute(ddl)
        op.execute(f"ALTER FUNCTION {signature} OWNER TO {quote_ident(maint)}")
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {quote_ident(app)}")


def downgrade() -> None:
    for signature in FUNCTIONS:
        op.execute(f"DROP FUNCTION {signature}")
    op.drop_index("ix_audit_logs_login_failed_email", table_name="audit_logs")
    op.drop_index("ix_audit_logs_login_failed_ip", table_name="audit_logs")
