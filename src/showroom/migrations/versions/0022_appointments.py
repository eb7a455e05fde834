"""Appointments (issue 18): a customer's visit at a time of the showroom, booked by staff or the agent.

A tenant table like the others: ``dealership_id`` NOT NULL, FORCEd row-level security with the tenant policy, the
``updated_at`` trigger, grants to the service and maintenance roles. Each slot's capacity is counted under a
transaction advisory lock per (dealership, slot), so two bookings of the last place cannot both win.

Revision ID: 0022
Revises: 0021
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from showroom.db.ddl import grant, roles, tenant_policy, updated_at_trigger

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    op.create_table(
        "appointments",
        sa.Column("id", postgresql.UUID(as_uuid=True), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("lead_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("customer_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=True),
        sa.Column("assigned_user_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'confirmed'"), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("cancelled_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('test_drive', 'sales_visit', 'trade_in_appraisal', 'delivery')", name=op.f("ck_appointments_kind")
        ),
        sa.CheckConstraint(
            "status IN ('requested', 'confirmed', 'rescheduled', 'cancelled', 'no_show', 'completed')",
            name=op.f("ck_appointments_status"),
        ),
        sa.CheckConstraint("source IN ('agent', 'staff', 'customer_link')", name=op.f("ck_appointments_source")),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_appointments_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_appointments_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["lead_id"], ["leads.id"], name=op.f("fk_appointments_lead_id"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_appointments_customer_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["vehicles.id"], name=op.f("fk_appointments_vehicle_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["assigned_user_id"], ["users.id"], name=op.f("fk_appointments_assigned_user_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
    )
    op.create_index("ix_appointments_dealership_id_starts_at", "appointments", ["dealership_id", "starts_at"])
    op.create_index("ix_appointments_assigned_user_id_starts_at", "appointments", ["assigned_user_id", "starts_at"])
    op.create_index("ix_appointments_lead_id", "appointments", ["lead_id"])
    op.create_index("ix_appointments_customer_id", "appointments", ["customer_id"])
    op.create_index(
        "ix_appointments_vehicle_id", "appointments", ["vehicle_id"], postgresql_where=sa.text("vehicle_id IS NOT NULL")
    )
    for stmt in tenant_policy("appointments"):
        op.execute(stmt)
    op.execute(updated_at_trigger("appointments"))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "appointments", app))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "appointments", maint))


def downgrade() -> None:
    op.drop_table("appointments")
