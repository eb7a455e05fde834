"""Prompt experiments, end to end: the plan (mode, inference, guardrails, baseline, effect, power, decision), a
variant's settings (persona arguments, timing), the ``contact_given`` metric (once per conversation), two covering
indexes for the results' counts (index-only scans under RLS); a variant may
now keep the dealership's persona and template (the control usually does), so the one-source CHECK goes.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_METRICS = (
    "'response_sent', 'customer_replied', 'handover', 'appointment_booked', 'lead_converted', 'opt_out', "
    "'response_time_ms', 'tokens_used', 'customer_rating'"
)
NEW_METRICS = (
    "'response_sent', 'customer_replied', 'handover', 'appointment_booked', 'lead_converted', 'opt_out', "
    "'contact_given', 'response_time_ms', 'tokens_used', 'customer_rating'"
)
OLD_ONCE = "metric_name IN ('customer_replied', 'handover', 'appointment_booked', 'lead_converted', 'opt_out')"
NEW_ONCE = (
    "metric_name IN ('customer_replied', 'handover', 'appointment_booked', 'lead_converted', 'opt_out', "
    "'contact_given')"
)
ONCE_INDEX = "uq_prompt_metrics_experiment_id_conversation_id_metric_name"


def _metric_checks(values: str) -> None:
    for table, column in (("prompt_metrics", "metric_name"), ("prompt_experiments", "primary_metric")):
        op.drop_constraint(op.f(f"ck_{table}_{column}"), table, type_="check")
        op.create_check_constraint(op.f(f"ck_{table}_{column}"), table, f"{column} IN ({values})")


def _once_index(where: str) -> None:
    op.drop_index(ONCE_INDEX, table_name="prompt_metrics")
    op.create_index(
        ONCE_INDEX,
        "prompt_metrics",
        ["experiment_id", "conversation_id", "metric_name"],
        unique=True,
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    add = op.add_column
    add(
        "prompt_experiments",
        sa.Column("guardrail_metrics", JSONB(), nullable=False, server_default=sa.text("'[]'::jsonb")),
    )
    add("prompt_experiments", sa.Column("mode", sa.String(20), nullable=False, server_default=sa.text("'fixed'")))
    add(
        "prompt_experiments",
        sa.Column("inference", sa.String(20), nullable=False, server_default=sa.text("'sequential'")),
    )
    add("prompt_experiments", sa.Column("baseline_rate", sa.Numeric(5, 4), nullable=True))
    add("prompt_experiments", sa.Column("minimum_detectable_effect", sa.Numeric(5, 4), nullable=True))
    add("prompt_experiments", sa.Column("power", sa.Numeric(4, 3), nullable=False, server_default=sa.text("0.8")))
    add("prompt_experiments", sa.Column("decision", sa.Text(), nullable=True))
    check = op.create_check_constraint
    check(op.f("ck_prompt_experiments_mode"), "prompt_experiments", "mode IN ('fixed', 'adaptive')")
    check(op.f("ck_prompt_experiments_inference"), "prompt_experiments", "inference IN ('sequential', 'fixed_horizon')")
    check(op.f("ck_prompt_experiments_power"), "prompt_experiments", "power > 0 AND power < 1")
    check(op.f("ck_prompt_experiments_baseline_rate"), "prompt_experiments", "baseline_rate > 0 AND baseline_rate < 1")
    check(
        op.f("ck_prompt_experiments_minimum_detectable_effect"),
        "prompt_experiments",
        "minimum_detectable_effect > 0 AND minimum_detectable_effect < 1",
    )
    add("prompt_variants", sa.Column("settings", JSONB(), nullable=False, server_default=sa.text("'{}'::jsonb")))
    op.drop_constraint(op.f("ck_prompt_variants_source"), "prompt_variants", type_="check")
    _metric_checks(NEW_METRICS)
    _once_index(NEW_ONCE)
    op.create_index(
        "ix_experiment_variants_experiment_id_assigned_at",
        "experiment_variants",
        ["experiment_id", "assigned_at"],
        postgresql_include=["variant_id", "dealership_id"],
    )
    op.create_index(
        "ix_prompt_metrics_experiment_id_metric_name_created_at",
        "prompt_metrics",
        ["experiment_id", "metric_name", "created_at"],
        postgresql_include=["variant_id", "dealership_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_prompt_metrics_experiment_id_metric_name_created_at", table_name="prompt_metrics")
    op.drop_index("ix_experiment_variants_experiment_id_assigned_at", table_name="experiment_variants")
    op.execute("DELETE FROM prompt_metrics WHERE metric_name = 'contact_given'")
    _once_index(OLD_ONCE)
    _metric_checks(OLD_METRICS)
    op.create_check_constraint(
        op.f("ck_prompt_variants_source"), "prompt_variants", "num_nonnulls(prompt_template, persona_id) = 1"
    )
    op.drop_column("prompt_variants", "settings")
    for name in ("minimum_detectable_effect", "baseline_rate", "inference", "mode", "power"):
        op.drop_constraint(op.f(f"ck_prompt_experiments_{name}"), "prompt_experiments", type_="check")
    for column in ("decision", "power", "minimum_detectable_effect", "baseline_rate", "inference", "mode"):
        op.drop_column("prompt_experiments", column)
    op.drop_column("prompt_experiments", "guardrail_metrics")
