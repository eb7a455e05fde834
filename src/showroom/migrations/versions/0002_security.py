"""Security: updated_at triggers, row-level security on every tenant table, grants (DATA_MODEL.md §0, §4).

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

from showroom.db.ddl import USER_SETTING, grant, quote_ident, roles, tenant_policy, updated_at_trigger

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The 23 plain tenant tables (NOT NULL dealership_id).
TENANT = (
    "vehicles",
    "personas",
    "api_keys",
    "report_schedules",
    "prompt_experiments",
    "prompt_variants",
    "experiment_variants",
    "prompt_metrics",
    "lead_sources",
    "customers",
    "vehicle_interests",
    "leads",
    "conversations",
    "messages",
    "handovers",
    "lead_activities",
    "escalation_triggers",
    "lead_scores",
    "follow_ups",
    "customer_profiles",
    "customer_interactions",
    "customer_insights",
    "response_suggestions",
)
# Tenant rows plus platform rows (NULL dealership): the app sees only its tenant's; the rest is maintenance's.
NULLABLE_TENANT = ("magic_link_invitations", "user_invitations", "audit_logs")
APPEND_ONLY = (
    "lead_activities",
    "audit_logs",
    "prompt_metrics",
    "customer_interactions",
    "lead_scores",
    "experiment_variants",
)
ALL_TABLES = ("dealerships", "users", "sessions", *TENANT, *NULLABLE_TENANT)
WITH_UPDATED_AT = tuple(t for t in ALL_TABLES if t not in APPEND_ONLY and t != "sessions")


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    op.execute("""
        CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.updated_at := now();
            RETURN NEW;
        END $$""")
    for table in WITH_UPDATED_AT:
        op.execute(updated_at_trigger(table))

    # A staff account outlives its deleted dealership but must not work without one (DATA_MODEL.md users).
    op.execute("""
        CREATE FUNCTION users_deactivate_orphan() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.dealership_id IS NULL AND NEW.role <> 'super_admin' THEN
                NEW.is_active := false;
            END IF;
            RETURN NEW;
        END $$""")
    op.execute(
        "CREATE TRIGGER tg_users_deactivate_orphan BEFORE UPDATE OF dealership_id ON users "
        "FOR EACH ROW EXECUTE FUNCTION users_deactivate_orphan()"
    )

    for table in (*TENANT, *NULLABLE_TENANT, "users"):
        for stmt in tenant_policy(table):
            op.execute(stmt)
    for stmt in tenant_policy("dealerships", key="id"):
        op.execute(stmt)
    op.execute(
        f"CREATE POLICY pol_users_self ON users FOR SELECT USING (dealership_id IS NULL AND id = {USER_SETTING})"
    )

    # Schema rights (USAGE for the app, CREATE for maint) are granted by `showroom db upgrade` as the
    # login that owns the schema (showroom.db.bootstrap); the owner role here may not own it.
    for table in ALL_TABLES:
        op.execute(grant("SELECT, INSERT, UPDATE, DELETE", table, maint))
        if table in APPEND_ONLY:
            op.execute(grant("SELECT, INSERT", table, app))
        elif table == "dealerships":
            op.execute(grant("SELECT, UPDATE", table, app))
        elif table == "users":
            op.execute(grant("SELECT, INSERT, UPDATE", table, app))
        else:
            op.execute(grant("SELECT, INSERT, UPDATE, DELETE", table, app))
    for role in (app, maint):
        op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quote_ident(role)}")


def downgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    for role in (app, maint):
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quote_ident(role)}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {quote_ident(role)}")
    op.execute("DROP POLICY pol_users_self ON users")
    for table in (*TENANT, *NULLABLE_TENANT, "users", "dealerships"):
        op.execute(f"DROP POLICY pol_{table}_tenant ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP TRIGGER tg_users_deactivate_orphan ON users")
    op.execute("DROP FUNCTION users_deactivate_orphan()")
    for table in WITH_UPDATED_AT:
        op.execute(f"DROP TRIGGER tg_{table}_updated_at ON {table}")
    op.execute("DROP FUNCTION set_updated_at()")
