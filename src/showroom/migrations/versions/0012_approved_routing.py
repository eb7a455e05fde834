"""Dealerships: routing identifiers (texting number, ADF vendor names and ids) route only once a super admin
approved them.

They route other parties' messages across tenants: the SMS webhook finds the dealership by the number texted, ADF
intake by the vendor named in the lead. Until now the first dealership to set one got it, so an admin could take a
number or a lead provider's vendor name that belongs to another dealership which had not set it up yet, and
receive that dealership's customers. Now a dealership's admins *request* identifiers (``settings.sms_number``,
``lead_routing.adf_vendor_names/ids``, as before) and the resolvers use only ``approved_routing``, which only the
platform writes (``POST /api/v1/dealerships/{id}/routing/approve``).

The resolvers route an identifier only while the dealership both requests it and has it approved, so giving one
up needs no approval. The service login may not change ``approved_routing`` at all (a trigger refuses it): only
the maintenance login, used by the platform's approval, writes it. Existing claims are approved by this
migration, so running installations keep routing as they did.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from showroom.db.ddl import quote_literal, roles

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BY_SMS = """
    CREATE OR REPLACE FUNCTION resolve_dealership_by_sms(p_number text)
    RETURNS int
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        -- The dealership whose approved texting number (E.164) received the message; NULL when none or
        -- several have it.
        SELECT CASE WHEN count(*) = 1 THEN min(d.id) END FROM dealerships d
        WHERE d.is_active AND d.{column} ->> 'sms_number' = btrim(p_number){requested}
    $$"""
REQUESTED_NUMBER = " AND d.settings ->> 'sms_number' = btrim(p_number)"

BY_VENDOR = """
    CREATE OR REPLACE FUNCTION resolve_adf_vendor(p_name text, p_id text)
    RETURNS int
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        -- Only an explicit, unambiguous match: the dealership approved for this vendor name or id. Two
        -- candidates (or none) is NULL: never a guess, never a fallback tenant.
        SELECT CASE WHEN count(*) = 1 THEN min(d.id) END
        FROM dealerships d
        WHERE d.is_active AND (
            (p_name IS NOT NULL AND EXISTS (
                SELECT 1 FROM jsonb_array_elements_text(d.{column} -> 'adf_vendor_names') AS v(name)
                WHERE lower(btrim(v.name)) = lower(btrim(p_name))){requested_name})
            OR (p_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM jsonb_array_elements_text(d.{column} -> 'adf_vendor_ids') AS v(id)
                WHERE btrim(v.id) = btrim(p_id)){requested_id}))
    $$"""
REQUESTED_NAME = """ AND EXISTS (
                SELECT 1 FROM jsonb_array_elements_text(d.lead_routing -> 'adf_vendor_names') AS r(name)
                WHERE lower(btrim(r.name)) = lower(btrim(p_name)))"""
REQUESTED_ID = """ AND EXISTS (
                SELECT 1 FROM jsonb_array_elements_text(d.lead_routing -> 'adf_vendor_ids') AS r(id)
                WHERE btrim(r.id) = btrim(p_id))"""

GUARD = """
    CREATE FUNCTION dealerships_guard_approved_routing() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
    BEGIN
        RAISE EXCEPTION 'approved_routing is written by the platform''s approval only'
            USING ERRCODE = 'insufficient_privilege';
    END $$"""


def upgrade() -> None:
    op.add_column(
        "dealerships",
        sa.Column(
            "approved_routing", sa.dialects.postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
    )
    op.execute(
        "UPDATE dealerships SET approved_routing = jsonb_strip_nulls(jsonb_build_object("
        "'sms_number', settings -> 'sms_number', "
        "'adf_vendor_names', lead_routing -> 'adf_vendor_names', "
        "'adf_vendor_ids', lead_routing -> 'adf_vendor_ids'))"
    )
    op.execute(BY_SMS.format(column="approved_routing", requested=REQUESTED_NUMBER))
    op.execute(BY_VENDOR.format(column="approved_routing", requested_name=REQUESTED_NAME, requested_id=REQUESTED_ID))
    op.execute(GUARD)
    op.execute(
        "CREATE TRIGGER tg_dealerships_guard_approved_routing BEFORE UPDATE OF approved_routing ON dealerships "
        "FOR EACH ROW WHEN (OLD.approved_routing IS DISTINCT FROM NEW.approved_routing "
        f"AND current_user = {quote_literal(roles()['app'])}) "
        "EXECUTE FUNCTION dealerships_guard_approved_routing()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER tg_dealerships_guard_approved_routing ON dealerships")
    op.execute("DROP FUNCTION dealerships_guard_approved_routing()")
    op.execute(BY_SMS.format(column="settings", requested=""))
    op.execute(BY_VENDOR.format(column="lead_routing", requested_name="", requested_id=""))
    op.drop_column("dealerships", "approved_routing")
