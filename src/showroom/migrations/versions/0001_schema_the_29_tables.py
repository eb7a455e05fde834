"""Schema: the 29 tables of DATA_MODEL.md (generated from the models, then reviewed).

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dealerships",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("subdomain", sa.String(length=100), nullable=False),
        sa.Column("contact_email", sa.String(length=255), nullable=False),
        sa.Column("contact_phone", sa.String(length=50), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("state", sa.String(length=50), nullable=True),
        sa.Column("zip", sa.String(length=20), nullable=True),
        sa.Column("website", sa.String(length=255), nullable=True),
        sa.Column("logo_url", sa.String(length=255), nullable=True),
        sa.Column("primary_color", sa.String(length=20), server_default=sa.text("'#000000'"), nullable=False),
        sa.Column("secondary_color", sa.String(length=20), server_default=sa.text("'#ffffff'"), nullable=False),
        sa.Column("accent_color", sa.String(length=20), server_default=sa.text("'#4f46e5'"), nullable=False),
        sa.Column(
            "font_family",
            sa.String(length=100),
            server_default=sa.text("'Inter, system-ui, sans-serif'"),
            nullable=False,
        ),
        sa.Column("persona_name", sa.String(length=100), server_default=sa.text("'Alex'"), nullable=False),
        sa.Column("persona_tone", sa.String(length=50), server_default=sa.text("'friendly'"), nullable=False),
        sa.Column("persona_template", sa.Text(), nullable=True),
        sa.Column("welcome_message", sa.Text(), nullable=True),
        sa.Column("operation_mode", sa.String(length=50), server_default=sa.text("'ai_agent'"), nullable=False),
        sa.Column("timezone", sa.String(length=64), server_default=sa.text("'America/New_York'"), nullable=False),
        sa.Column(
            "ai_config", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column(
            "agent_config",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "lead_routing",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "settings", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "operation_mode IN ('ai_agent', 'direct_agent')", name=op.f("ck_dealerships_operation_mode")
        ),
        sa.CheckConstraint(
            "persona_tone IN ('friendly', 'professional', 'casual', 'formal')", name=op.f("ck_dealerships_persona_tone")
        ),
        sa.CheckConstraint(
            "primary_color ~ '^#[0-9a-fA-F]{6}$' AND secondary_color ~ '^#[0-9a-fA-F]{6}$' AND accent_color ~ '^#[0-9a-fA-F]{6}$'",
            name=op.f("ck_dealerships_colors"),
        ),
        sa.CheckConstraint("subdomain ~ '^[a-z0-9-]{2,100}$'", name=op.f("ck_dealerships_subdomain")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dealerships")),
        sa.UniqueConstraint("subdomain", name=op.f("uq_dealerships_subdomain")),
    )
    op.create_index("ix_dealerships_is_active", "dealerships", ["is_active"], unique=False)
    op.create_table(
        "customers",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=True),
        sa.Column("last_name", sa.String(length=100), nullable=True),
        sa.Column("full_name", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("alternate_phone", sa.String(length=50), nullable=True),
        sa.Column("email_normalized", sa.String(length=255), nullable=True),
        sa.Column("phone_e164", sa.String(length=16), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("state", sa.String(length=50), nullable=True),
        sa.Column("zip_code", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=2), server_default=sa.text("'US'"), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("preferred_language", sa.String(length=20), server_default=sa.text("'en'"), nullable=False),
        sa.Column("preferred_contact", sa.String(length=20), nullable=True),
        sa.Column("lead_score", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("customer_value", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("segment", sa.String(length=50), nullable=True),
        sa.Column("gdpr_consent", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("marketing_opt_in", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("do_not_call", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("opted_out", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_contact_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_contact_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("total_leads", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("total_purchases", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "custom_fields",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("country ~ '^[A-Z]{2}$'", name=op.f("ck_customers_country")),
        sa.CheckConstraint("phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'", name=op.f("ck_customers_phone_e164")),
        sa.CheckConstraint(
            "preferred_contact IN ('email', 'phone', 'sms')", name=op.f("ck_customers_preferred_contact")
        ),
        sa.CheckConstraint("lead_score >= 0 AND lead_score <= 100", name=op.f("ck_customers_lead_score")),
        sa.CheckConstraint("opted_out = (opted_out_at IS NOT NULL)", name=op.f("ck_customers_opted_out")),
        sa.CheckConstraint("total_leads >= 0 AND total_purchases >= 0", name=op.f("ck_customers_totals")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_customers_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint(
            "dealership_id", "email_normalized", name=op.f("uq_customers_dealership_id_email_normalized")
        ),
        sa.UniqueConstraint("dealership_id", "phone_e164", name=op.f("uq_customers_dealership_id_phone_e164")),
    )
    op.create_index("ix_customers_dealership_id_full_name", "customers", ["dealership_id", "full_name"], unique=False)
    op.create_index(
        "ix_customers_dealership_id_last_contact_date",
        "customers",
        ["dealership_id", "last_contact_date"],
        unique=False,
    )
    op.create_table(
        "escalation_triggers",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "conditions", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
        sa.Column("match_mode", sa.String(length=3), server_default=sa.text("'all'"), nullable=False),
        sa.Column("priority", sa.SmallInteger(), server_default=sa.text("100"), nullable=False),
        sa.Column("action", sa.String(length=20), server_default=sa.text("'handover'"), nullable=False),
        sa.Column(
            "action_config",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("action IN ('handover', 'notify', 'tag')", name=op.f("ck_escalation_triggers_action")),
        sa.CheckConstraint("jsonb_typeof(conditions) = 'array'", name=op.f("ck_escalation_triggers_conditions")),
        sa.CheckConstraint("match_mode IN ('all', 'any')", name=op.f("ck_escalation_triggers_match_mode")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_escalation_triggers_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation_triggers")),
        sa.UniqueConstraint("dealership_id", "name", name=op.f("uq_escalation_triggers_dealership_id_name")),
    )
    op.create_table(
        "lead_sources",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "configuration",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("total_leads", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("conversion_rate", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("average_value", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "type IN ('adf_email', 'website_form', 'website_chat', 'phone_call', 'walk_in', 'referral', 'social_media', 'advertising', 'partner', 'manual', 'api')",
            name=op.f("ck_lead_sources_type"),
        ),
        sa.CheckConstraint(
            "conversion_rate >= 0 AND conversion_rate <= 100", name=op.f("ck_lead_sources_conversion_rate")
        ),
        sa.CheckConstraint("total_leads >= 0", name=op.f("ck_lead_sources_total_leads")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_lead_sources_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_sources")),
        sa.UniqueConstraint("dealership_id", "name", name=op.f("uq_lead_sources_dealership_id_name")),
    )
    op.create_index("ix_lead_sources_dealership_id_type", "lead_sources", ["dealership_id", "type"], unique=False)
    op.create_table(
        "personas",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("is_default", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("prompt_template", sa.Text(), nullable=False),
        sa.Column(
            "arguments", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_personas_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personas")),
        sa.UniqueConstraint("dealership_id", "name", name=op.f("uq_personas_dealership_id_name")),
    )
    op.create_index(
        "uq_personas_dealership_id_is_default",
        "personas",
        ["dealership_id"],
        unique=True,
        postgresql_where=sa.text("is_default"),
    )
    op.create_table(
        "prompt_experiments",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("hypothesis", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'draft'"), nullable=False),
        sa.Column("start_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("traffic_percentage", sa.SmallInteger(), server_default=sa.text("50"), nullable=False),
        sa.Column("primary_metric", sa.String(length=50), nullable=False),
        sa.Column(
            "secondary_metrics",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("confidence_level", sa.Numeric(precision=4, scale=3), server_default=sa.text("0.95"), nullable=False),
        sa.Column("minimum_sample_size", sa.Integer(), server_default=sa.text("100"), nullable=False),
        sa.Column("winner_variant_id", sa.Integer(), nullable=True),
        sa.Column(
            "results", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "primary_metric IN ('response_sent', 'customer_replied', 'handover', 'appointment_booked', 'lead_converted', 'opt_out', 'response_time_ms', 'tokens_used', 'customer_rating')",
            name=op.f("ck_prompt_experiments_primary_metric"),
        ),
        sa.CheckConstraint("status = 'draft' OR start_date IS NOT NULL", name=op.f("ck_prompt_experiments_start_date")),
        sa.CheckConstraint(
            "status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'archived')",
            name=op.f("ck_prompt_experiments_status"),
        ),
        sa.CheckConstraint(
            "confidence_level > 0 AND confidence_level < 1", name=op.f("ck_prompt_experiments_confidence_level")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date > start_date", name=op.f("ck_prompt_experiments_dates")
        ),
        sa.CheckConstraint("minimum_sample_size > 0", name=op.f("ck_prompt_experiments_minimum_sample_size")),
        sa.CheckConstraint(
            "traffic_percentage >= 1 AND traffic_percentage <= 100",
            name=op.f("ck_prompt_experiments_traffic_percentage"),
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_prompt_experiments_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt_experiments")),
    )
    op.create_index(
        "ix_prompt_experiments_dealership_id_status", "prompt_experiments", ["dealership_id", "status"], unique=False
    )
    op.create_index(
        "ix_prompt_experiments_winner_variant_id",
        "prompt_experiments",
        ["winner_variant_id"],
        unique=False,
        postgresql_where=sa.text("winner_variant_id IS NOT NULL"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=100), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("role", sa.String(length=50), server_default=sa.text("'user'"), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("is_verified", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("failed_login_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reset_token_hash", sa.String(length=64), nullable=True),
        sa.Column("reset_token_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(role = 'super_admin' AND dealership_id IS NULL) OR (role <> 'super_admin' AND (dealership_id IS NOT NULL OR NOT is_active))",
            name=op.f("ck_users_dealership_role"),
        ),
        sa.CheckConstraint("reset_token_hash ~ '^[0-9a-f]{64}$'", name=op.f("ck_users_reset_token_hash")),
        sa.CheckConstraint(
            "role IN ('super_admin', 'dealership_admin', 'manager', 'user')", name=op.f("ck_users_role")
        ),
        sa.CheckConstraint(
            "(reset_token_hash IS NULL) = (reset_token_expires_at IS NULL)", name=op.f("ck_users_reset_token")
        ),
        sa.CheckConstraint("email = lower(btrim(email))", name=op.f("ck_users_email")),
        sa.CheckConstraint("failed_login_count >= 0", name=op.f("ck_users_failed_login_count")),
        sa.CheckConstraint("username = lower(username)", name=op.f("ck_users_username")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_users_dealership_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.UniqueConstraint("reset_token_hash", name=op.f("uq_users_reset_token_hash")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_index(
        "ix_users_dealership_id",
        "users",
        ["dealership_id"],
        unique=False,
        postgresql_where=sa.text("dealership_id IS NOT NULL"),
    )
    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("vin", sa.String(length=17), nullable=False),
        sa.Column("stock_number", sa.String(length=50), nullable=True),
        sa.Column("make", sa.String(length=100), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("trim", sa.String(length=100), nullable=True),
        sa.Column("body_style", sa.String(length=100), nullable=True),
        sa.Column("exterior_color", sa.String(length=100), nullable=True),
        sa.Column("interior_color", sa.String(length=100), nullable=True),
        sa.Column("mileage", sa.Integer(), nullable=True),
        sa.Column("engine", sa.String(length=255), nullable=True),
        sa.Column("transmission", sa.String(length=100), nullable=True),
        sa.Column("drivetrain", sa.String(length=100), nullable=True),
        sa.Column("fuel_type", sa.String(length=50), nullable=True),
        sa.Column("fuel_economy", sa.Integer(), nullable=True),
        sa.Column("msrp", sa.Integer(), nullable=True),
        sa.Column("sale_price", sa.Integer(), nullable=True),
        sa.Column("price", sa.Integer(), nullable=True),
        sa.Column("condition", sa.String(length=50), server_default=sa.text("'new'"), nullable=False),
        sa.Column("status", sa.String(length=50), server_default=sa.text("'available'"), nullable=False),
        sa.Column("certified", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "features", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
        sa.Column(
            "category_tags",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "images", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
        sa.Column("video_url", sa.String(length=255), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column(
            "search",
            postgresql.TSVECTOR(),
            sa.Computed(
                "setweight(to_tsvector('english'::regconfig, (((make)::text || ' '::text) || (model)::text) || ' '::text || (COALESCE(trim, ''::character varying))::text), 'A'::\"char\") || setweight(to_tsvector('english'::regconfig, COALESCE(description, ''::text)), 'B'::\"char\")",
                persisted=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("condition <> 'certified' OR certified", name=op.f("ck_vehicles_certified")),
        sa.CheckConstraint("condition IN ('new', 'used', 'certified')", name=op.f("ck_vehicles_condition")),
        sa.CheckConstraint(
            "status IN ('available', 'pending', 'sold', 'in_transit', 'unavailable')", name=op.f("ck_vehicles_status")
        ),
        sa.CheckConstraint("vin ~ '^[A-HJ-NPR-Z0-9]{17}$'", name=op.f("ck_vehicles_vin")),
        sa.CheckConstraint("mileage >= 0", name=op.f("ck_vehicles_mileage")),
        sa.CheckConstraint("msrp >= 0 AND sale_price >= 0 AND price >= 0", name=op.f("ck_vehicles_prices")),
        sa.CheckConstraint("year >= 1900 AND year <= 2100", name=op.f("ck_vehicles_year")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_vehicles_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicles")),
        sa.UniqueConstraint("dealership_id", "vin", name=op.f("uq_vehicles_dealership_id_vin")),
    )
    op.create_index(
        "ix_vehicles_dealership_id_is_active_last_seen_at",
        "vehicles",
        ["dealership_id", "is_active", "last_seen_at"],
        unique=False,
    )
    op.create_index(
        "ix_vehicles_dealership_id_make_model",
        "vehicles",
        ["dealership_id", sa.literal_column("lower(make)"), sa.literal_column("lower(model)")],
        unique=False,
    )
    op.create_index(
        "ix_vehicles_dealership_id_stock_number", "vehicles", ["dealership_id", "stock_number"], unique=False
    )
    op.create_index("ix_vehicles_search", "vehicles", ["search"], unique=False, postgresql_using="gin")
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("key_prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "scopes", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("key_hash ~ '^[0-9a-f]{64}$'", name=op.f("ck_api_keys_key_hash")),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"], ["users.id"], name=op.f("fk_api_keys_created_by_user_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_api_keys_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_index(
        "ix_api_keys_created_by_user_id",
        "api_keys",
        ["created_by_user_id"],
        unique=False,
        postgresql_where=sa.text("created_by_user_id IS NOT NULL"),
    )
    op.create_index("ix_api_keys_dealership_id", "api_keys", ["dealership_id"], unique=False, postgresql_where=None)
    op.create_table(
        "customer_profiles",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.UUID(), nullable=False),
        sa.Column(
            "preferences",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("buying_timeline", sa.String(length=100), nullable=True),
        sa.Column("last_interaction", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_customer_profiles_customer_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_customer_profiles_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_profiles")),
        sa.UniqueConstraint("customer_id", name=op.f("uq_customer_profiles_customer_id")),
    )
    op.create_index(
        "ix_customer_profiles_dealership_id_last_interaction",
        "customer_profiles",
        ["dealership_id", "last_interaction"],
        unique=False,
    )
    op.create_table(
        "leads",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.UUID(), nullable=False),
        sa.Column("source_id", sa.UUID(), nullable=True),
        sa.Column("assigned_user_id", sa.Integer(), nullable=True),
        sa.Column("lead_number", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=50), server_default=sa.text("'new'"), nullable=False),
        sa.Column("lost_reason", sa.String(length=255), nullable=True),
        sa.Column("priority", sa.String(length=20), server_default=sa.text("'medium'"), nullable=False),
        sa.Column("request_type", sa.String(length=50), nullable=True),
        sa.Column("request_category", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("timeframe", sa.String(length=100), nullable=True),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("medium", sa.String(length=100), nullable=True),
        sa.Column("campaign", sa.String(length=100), nullable=True),
        sa.Column("keyword", sa.String(length=255), nullable=True),
        sa.Column("referrer", sa.String(length=500), nullable=True),
        sa.Column("landing_page", sa.String(length=500), nullable=True),
        sa.Column("lead_score", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("estimated_value", sa.Integer(), nullable=True),
        sa.Column("probability", sa.Numeric(precision=3, scale=2), nullable=True),
        sa.Column("first_contact_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_contact_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expected_close_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actual_close_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_follow_up_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("follow_up_notes", sa.Text(), nullable=True),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("source_key", sa.String(length=255), nullable=False),
        sa.Column(
            "original_payload",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "custom_fields",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("priority IN ('low', 'medium', 'high', 'urgent')", name=op.f("ck_leads_priority")),
        sa.CheckConstraint(
            "source IN ('adf_email', 'website_form', 'website_chat', 'phone_call', 'walk_in', 'referral', 'social_media', 'advertising', 'partner', 'manual', 'api')",
            name=op.f("ck_leads_source"),
        ),
        sa.CheckConstraint(
            "status IN ('new', 'contacted', 'qualified', 'appointment', 'negotiation', 'sold', 'lost', 'archived')",
            name=op.f("ck_leads_status"),
        ),
        sa.CheckConstraint(
            "(status = 'lost') = (lost_reason IS NOT NULL) OR status = 'archived'", name=op.f("ck_leads_lost_reason")
        ),
        sa.CheckConstraint("lead_score >= 0 AND lead_score <= 100", name=op.f("ck_leads_lead_score")),
        sa.CheckConstraint("probability >= 0 AND probability <= 1", name=op.f("ck_leads_probability")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_leads_version")),
        sa.ForeignKeyConstraint(
            ["assigned_user_id"], ["users.id"], name=op.f("fk_leads_assigned_user_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_leads_customer_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_leads_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["lead_sources.id"], name=op.f("fk_leads_source_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
        sa.UniqueConstraint("dealership_id", "lead_number", name=op.f("uq_leads_dealership_id_lead_number")),
        sa.UniqueConstraint("dealership_id", "source_key", name=op.f("uq_leads_dealership_id_source_key")),
    )
    op.create_index(
        "ix_leads_assigned_user_id",
        "leads",
        ["assigned_user_id"],
        unique=False,
        postgresql_where=sa.text("assigned_user_id IS NOT NULL"),
    )
    op.create_index("ix_leads_customer_id", "leads", ["customer_id"], unique=False, postgresql_where=None)
    op.create_index(
        "ix_leads_dealership_id_created_at",
        "leads",
        ["dealership_id", sa.literal_column("created_at DESC")],
        unique=False,
    )
    op.create_index(
        "ix_leads_dealership_id_lead_score",
        "leads",
        ["dealership_id", sa.literal_column("lead_score DESC")],
        unique=False,
    )
    op.create_index(
        "ix_leads_dealership_id_status_created_at", "leads", ["dealership_id", "status", "created_at"], unique=False
    )
    op.create_index(
        "ix_leads_source_id", "leads", ["source_id"], unique=False, postgresql_where=sa.text("source_id IS NOT NULL")
    )
    op.create_table(
        "magic_link_invitations",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=20), server_default=sa.text("'sign_in'"), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=50), server_default=sa.text("'user'"), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_user_id", sa.Integer(), nullable=True),
        sa.Column(
            "expires_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now() + interval '24 hours'"),
            nullable=False,
        ),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(role = 'super_admin') = (dealership_id IS NULL)", name=op.f("ck_magic_link_invitations_dealership_role")
        ),
        sa.CheckConstraint("purpose IN ('sign_in', 'invite')", name=op.f("ck_magic_link_invitations_purpose")),
        sa.CheckConstraint(
            "role IN ('super_admin', 'dealership_admin', 'manager', 'user')",
            name=op.f("ck_magic_link_invitations_role"),
        ),
        sa.CheckConstraint("token_hash ~ '^[0-9a-f]{64}$'", name=op.f("ck_magic_link_invitations_token_hash")),
        sa.ForeignKeyConstraint(
            ["dealership_id"],
            ["dealerships.id"],
            name=op.f("fk_magic_link_invitations_dealership_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_user_id"],
            ["users.id"],
            name=op.f("fk_magic_link_invitations_invited_by_user_id"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_magic_link_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_magic_link_invitations_token_hash")),
    )
    op.create_index(
        "ix_magic_link_invitations_dealership_id",
        "magic_link_invitations",
        ["dealership_id"],
        unique=False,
        postgresql_where=sa.text("dealership_id IS NOT NULL"),
    )
    op.create_index("ix_magic_link_invitations_email", "magic_link_invitations", ["email"], unique=False)
    op.create_index(
        "ix_magic_link_invitations_invited_by_user_id",
        "magic_link_invitations",
        ["invited_by_user_id"],
        unique=False,
        postgresql_where=sa.text("invited_by_user_id IS NOT NULL"),
    )
    op.create_table(
        "prompt_variants",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("prompt_template", sa.Text(), nullable=True),
        sa.Column("persona_id", sa.Integer(), nullable=True),
        sa.Column("is_control", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("traffic_allocation", sa.SmallInteger(), server_default=sa.text("50"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("num_nonnulls(prompt_template, persona_id) = 1", name=op.f("ck_prompt_variants_source")),
        sa.CheckConstraint(
            "traffic_allocation >= 0 AND traffic_allocation <= 100", name=op.f("ck_prompt_variants_traffic_allocation")
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_prompt_variants_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["prompt_experiments.id"],
            name=op.f("fk_prompt_variants_experiment_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["persona_id"], ["personas.id"], name=op.f("fk_prompt_variants_persona_id")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt_variants")),
        sa.UniqueConstraint("experiment_id", "id", name=op.f("uq_prompt_variants_experiment_id_id")),
        sa.UniqueConstraint("experiment_id", "name", name=op.f("uq_prompt_variants_experiment_id_name")),
    )
    op.create_index(
        "ix_prompt_variants_dealership_id", "prompt_variants", ["dealership_id"], unique=False, postgresql_where=None
    )
    op.create_index(
        "ix_prompt_variants_persona_id",
        "prompt_variants",
        ["persona_id"],
        unique=False,
        postgresql_where=sa.text("persona_id IS NOT NULL"),
    )
    op.create_index(
        "uq_prompt_variants_experiment_id_is_control",
        "prompt_variants",
        ["experiment_id"],
        unique=True,
        postgresql_where=sa.text("is_control"),
    )
    # The winner FK closes the experiments <-> variants cycle, so it comes after both tables (§5).
    op.create_foreign_key(
        "fk_prompt_experiments_winner_variant_id",
        "prompt_experiments",
        "prompt_variants",
        ["winner_variant_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_table(
        "report_schedules",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("report_type", sa.String(length=50), nullable=False),
        sa.Column("recipients", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("frequency", sa.String(length=20), nullable=False),
        sa.Column("day_of_week", sa.SmallInteger(), nullable=True),
        sa.Column("day_of_month", sa.SmallInteger(), nullable=True),
        sa.Column("time_of_day", sa.Time(), server_default=sa.text("'08:00'"), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column(
            "filters", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("format", sa.String(length=10), server_default=sa.text("'html'"), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(frequency = 'monthly') = (day_of_month IS NOT NULL)", name=op.f("ck_report_schedules_monthly")
        ),
        sa.CheckConstraint(
            "(frequency = 'weekly') = (day_of_week IS NOT NULL)", name=op.f("ck_report_schedules_weekly")
        ),
        sa.CheckConstraint("format IN ('html', 'csv', 'both')", name=op.f("ck_report_schedules_format")),
        sa.CheckConstraint("frequency IN ('daily', 'weekly', 'monthly')", name=op.f("ck_report_schedules_frequency")),
        sa.CheckConstraint(
            "jsonb_typeof(recipients) = 'array' AND jsonb_array_length(recipients) BETWEEN 1 AND 20",
            name=op.f("ck_report_schedules_recipients"),
        ),
        sa.CheckConstraint(
            "report_type IN ('lead_summary', 'conversation_summary', 'ai_performance', 'handover_sla', 'experiment_results')",
            name=op.f("ck_report_schedules_report_type"),
        ),
        sa.CheckConstraint("day_of_month >= 1 AND day_of_month <= 28", name=op.f("ck_report_schedules_day_of_month")),
        sa.CheckConstraint("day_of_week >= 0 AND day_of_week <= 6", name=op.f("ck_report_schedules_day_of_week")),
        sa.CheckConstraint("is_active = (next_run_at IS NOT NULL)", name=op.f("ck_report_schedules_next_run_at")),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_report_schedules_created_by_user_id"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_report_schedules_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_schedules")),
    )
    op.create_index(
        "ix_report_schedules_created_by_user_id",
        "report_schedules",
        ["created_by_user_id"],
        unique=False,
        postgresql_where=sa.text("created_by_user_id IS NOT NULL"),
    )
    op.create_index(
        "ix_report_schedules_dealership_id", "report_schedules", ["dealership_id"], unique=False, postgresql_where=None
    )
    op.create_index(
        "ix_report_schedules_next_run_at",
        "report_schedules",
        ["next_run_at"],
        unique=False,
        postgresql_where=sa.text("is_active"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=True),
        sa.Column(
            "data", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("ip", postgresql.INET(), nullable=True),
        sa.Column("user_agent", sa.Text(), nullable=True),
        sa.Column("csrf_secret", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id ~ '^[0-9a-f]{64}$'", name=op.f("ck_sessions_id")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_sessions_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sessions_user_id"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )
    op.create_index(
        "ix_sessions_dealership_id",
        "sessions",
        ["dealership_id"],
        unique=False,
        postgresql_where=sa.text("dealership_id IS NOT NULL"),
    )
    op.create_index("ix_sessions_expires_at", "sessions", ["expires_at"], unique=False)
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"], unique=False, postgresql_where=None)
    op.create_table(
        "user_invitations",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=50), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'pending'"), nullable=False),
        sa.Column(
            "expires_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now() + interval '7 days'"),
            nullable=False,
        ),
        sa.Column("invited_by_user_id", sa.Integer(), nullable=True),
        sa.Column("accepted_user_id", sa.Integer(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(role = 'super_admin') = (dealership_id IS NULL)", name=op.f("ck_user_invitations_dealership_role")
        ),
        sa.CheckConstraint(
            "(status = 'accepted') = (accepted_at IS NOT NULL)", name=op.f("ck_user_invitations_accepted_at")
        ),
        sa.CheckConstraint(
            "role IN ('super_admin', 'dealership_admin', 'manager', 'user')", name=op.f("ck_user_invitations_role")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'expired', 'cancelled')", name=op.f("ck_user_invitations_status")
        ),
        sa.CheckConstraint("token_hash ~ '^[0-9a-f]{64}$'", name=op.f("ck_user_invitations_token_hash")),
        sa.ForeignKeyConstraint(
            ["accepted_user_id"], ["users.id"], name=op.f("fk_user_invitations_accepted_user_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_user_invitations_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_user_id"],
            ["users.id"],
            name=op.f("fk_user_invitations_invited_by_user_id"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_invitations_token_hash")),
    )
    op.create_index(
        "ix_user_invitations_accepted_user_id",
        "user_invitations",
        ["accepted_user_id"],
        unique=False,
        postgresql_where=sa.text("accepted_user_id IS NOT NULL"),
    )
    op.create_index(
        "ix_user_invitations_dealership_id",
        "user_invitations",
        ["dealership_id"],
        unique=False,
        postgresql_where=sa.text("dealership_id IS NOT NULL"),
    )
    op.create_index("ix_user_invitations_email", "user_invitations", ["email"], unique=False)
    op.create_index(
        "ix_user_invitations_invited_by_user_id",
        "user_invitations",
        ["invited_by_user_id"],
        unique=False,
        postgresql_where=sa.text("invited_by_user_id IS NOT NULL"),
    )
    op.create_index(
        "uq_user_invitations_dealership_id_email",
        "user_invitations",
        ["dealership_id", "email"],
        unique=True,
        postgresql_where=sa.text("status = 'pending'"),
        postgresql_nulls_not_distinct=True,
    )
    op.create_table(
        "audit_logs",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=True),
        sa.Column("actor_type", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("api_key_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("resource_type", sa.String(length=100), nullable=True),
        sa.Column("resource_id", sa.String(length=64), nullable=True),
        sa.Column("before", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("after", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "details", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("ip_address", postgresql.INET(), nullable=True),
        sa.Column("user_agent", sa.Text(), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("actor_type IN ('user', 'api_key', 'system')", name=op.f("ck_audit_logs_actor_type")),
        sa.ForeignKeyConstraint(
            ["api_key_id"], ["api_keys.id"], name=op.f("fk_audit_logs_api_key_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_audit_logs_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_audit_logs_user_id"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_logs")),
    )
    op.create_index(
        "ix_audit_logs_api_key_id",
        "audit_logs",
        ["api_key_id"],
        unique=False,
        postgresql_where=sa.text("api_key_id IS NOT NULL"),
    )
    op.create_index(
        "ix_audit_logs_dealership_id_created_at",
        "audit_logs",
        ["dealership_id", sa.literal_column("created_at DESC")],
        unique=False,
    )
    op.create_index(
        "ix_audit_logs_resource_type_resource_id", "audit_logs", ["resource_type", "resource_id"], unique=False
    )
    op.create_index(
        "ix_audit_logs_user_id",
        "audit_logs",
        ["user_id"],
        unique=False,
        postgresql_where=sa.text("user_id IS NOT NULL"),
    )
    op.create_table(
        "conversations",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
        sa.Column("customer_id", sa.UUID(), nullable=False),
        sa.Column("assigned_user_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=255), nullable=True),
        sa.Column("status", sa.String(length=50), server_default=sa.text("'active'"), nullable=False),
        sa.Column("channel", sa.String(length=50), nullable=False),
        sa.Column("priority", sa.String(length=20), server_default=sa.text("'medium'"), nullable=False),
        sa.Column("is_ai_assisted", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("ai_paused", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("ai_persona_id", sa.Integer(), nullable=True),
        sa.Column("external_thread_id", sa.String(length=255), nullable=True),
        sa.Column(
            "tags", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
        sa.Column("message_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_customer_message_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_ai_message_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(status IN ('resolved', 'archived')) = (closed_at IS NOT NULL)", name=op.f("ck_conversations_closed_at")
        ),
        sa.CheckConstraint(
            "channel IN ('email', 'chat', 'sms', 'phone', 'api')", name=op.f("ck_conversations_channel")
        ),
        sa.CheckConstraint("priority IN ('low', 'medium', 'high', 'urgent')", name=op.f("ck_conversations_priority")),
        sa.CheckConstraint(
            "status IN ('active', 'waiting_response', 'escalated', 'resolved', 'archived')",
            name=op.f("ck_conversations_status"),
        ),
        sa.CheckConstraint("message_count >= 0", name=op.f("ck_conversations_message_count")),
        sa.ForeignKeyConstraint(
            ["ai_persona_id"], ["personas.id"], name=op.f("fk_conversations_ai_persona_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["assigned_user_id"], ["users.id"], name=op.f("fk_conversations_assigned_user_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_conversations_customer_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_conversations_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["lead_id"], ["leads.id"], name=op.f("fk_conversations_lead_id"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
        sa.UniqueConstraint(
            "dealership_id",
            "channel",
            "external_thread_id",
            name=op.f("uq_conversations_dealership_id_channel_external_thread_id"),
        ),
    )
    op.create_index(
        "ix_conversations_ai_persona_id",
        "conversations",
        ["ai_persona_id"],
        unique=False,
        postgresql_where=sa.text("ai_persona_id IS NOT NULL"),
    )
    op.create_index(
        "ix_conversations_assigned_user_id",
        "conversations",
        ["assigned_user_id"],
        unique=False,
        postgresql_where=sa.text("assigned_user_id IS NOT NULL"),
    )
    op.create_index(
        "ix_conversations_customer_id", "conversations", ["customer_id"], unique=False, postgresql_where=None
    )
    op.create_index(
        "ix_conversations_dealership_id_status_last_message_at",
        "conversations",
        ["dealership_id", "status", sa.literal_column("last_message_at DESC")],
        unique=False,
    )
    op.create_index("ix_conversations_lead_id", "conversations", ["lead_id"], unique=False, postgresql_where=None)
    op.create_table(
        "vehicle_interests",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=True),
        sa.Column("interest", sa.String(length=20), server_default=sa.text("'buy'"), nullable=False),
        sa.Column("is_primary", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("make", sa.String(length=100), nullable=True),
        sa.Column("model", sa.String(length=100), nullable=True),
        sa.Column("trim", sa.String(length=100), nullable=True),
        sa.Column("body_style", sa.String(length=100), nullable=True),
        sa.Column("vin", sa.String(length=17), nullable=True),
        sa.Column("stock_number", sa.String(length=50), nullable=True),
        sa.Column("condition", sa.String(length=20), nullable=True),
        sa.Column("condition_rating", sa.String(length=20), nullable=True),
        sa.Column("exterior_color", sa.String(length=100), nullable=True),
        sa.Column("interior_color", sa.String(length=100), nullable=True),
        sa.Column("min_price", sa.Integer(), nullable=True),
        sa.Column("max_price", sa.Integer(), nullable=True),
        sa.Column("price", sa.Integer(), nullable=True),
        sa.Column("mileage", sa.Integer(), nullable=True),
        sa.Column("mileage_max", sa.Integer(), nullable=True),
        sa.Column("fuel_type", sa.String(length=50), nullable=True),
        sa.Column("transmission", sa.String(length=50), nullable=True),
        sa.Column(
            "features", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("condition IN ('new', 'used', 'cpo', 'any')", name=op.f("ck_vehicle_interests_condition")),
        sa.CheckConstraint(
            "condition_rating IN ('excellent', 'good', 'fair', 'poor', 'unknown')",
            name=op.f("ck_vehicle_interests_condition_rating"),
        ),
        sa.CheckConstraint(
            "interest IN ('buy', 'lease', 'sell', 'trade-in', 'test-drive')", name=op.f("ck_vehicle_interests_interest")
        ),
        sa.CheckConstraint("mileage >= 0", name=op.f("ck_vehicle_interests_mileage")),
        sa.CheckConstraint("mileage_max >= 0", name=op.f("ck_vehicle_interests_mileage_max")),
        sa.CheckConstraint(
            "min_price >= 0 AND max_price >= 0 AND price >= 0", name=op.f("ck_vehicle_interests_prices")
        ),
        sa.CheckConstraint("year >= 1900 AND year <= 2100", name=op.f("ck_vehicle_interests_year")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_vehicle_interests_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name=op.f("fk_vehicle_interests_lead_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["vehicles.id"], name=op.f("fk_vehicle_interests_vehicle_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_interests")),
    )
    op.create_index(
        "ix_vehicle_interests_dealership_id_make_model",
        "vehicle_interests",
        ["dealership_id", "make", "model"],
        unique=False,
    )
    op.create_index(
        "ix_vehicle_interests_dealership_id_vin", "vehicle_interests", ["dealership_id", "vin"], unique=False
    )
    op.create_index(
        "ix_vehicle_interests_lead_id", "vehicle_interests", ["lead_id"], unique=False, postgresql_where=None
    )
    op.create_index(
        "ix_vehicle_interests_vehicle_id",
        "vehicle_interests",
        ["vehicle_id"],
        unique=False,
        postgresql_where=sa.text("vehicle_id IS NOT NULL"),
    )
    op.create_index(
        "uq_vehicle_interests_lead_id_is_primary",
        "vehicle_interests",
        ["lead_id"],
        unique=True,
        postgresql_where=sa.text("is_primary"),
    )
    op.create_table(
        "customer_interactions",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.UUID(), nullable=False),
        sa.Column("conversation_id", sa.UUID(), nullable=True),
        sa.Column("interaction_type", sa.String(length=50), nullable=False),
        sa.Column(
            "details", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "interaction_type IN ('lead_submitted', 'message_inbound', 'message_outbound', 'call', 'visit', 'test_drive', 'appointment', 'email_opened', 'link_clicked', 'purchase', 'other')",
            name=op.f("ck_customer_interactions_interaction_type"),
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_customer_interactions_conversation_id"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"],
            ["dealerships.id"],
            name=op.f("fk_customer_interactions_dealership_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["customer_profiles.id"],
            name=op.f("fk_customer_interactions_profile_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_interactions")),
    )
    op.create_index(
        "ix_customer_interactions_conversation_id",
        "customer_interactions",
        ["conversation_id"],
        unique=False,
        postgresql_where=sa.text("conversation_id IS NOT NULL"),
    )
    op.create_index(
        "ix_customer_interactions_dealership_id_created_at",
        "customer_interactions",
        ["dealership_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "ix_customer_interactions_profile_id_occurred_at",
        "customer_interactions",
        ["profile_id", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "experiment_variants",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("variant_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.UUID(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_experiment_variants_conversation_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_experiment_variants_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["experiment_id", "variant_id"],
            ["prompt_variants.experiment_id", "prompt_variants.id"],
            name="fk_experiment_variants_variant_id",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["prompt_experiments.id"],
            name=op.f("fk_experiment_variants_experiment_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiment_variants")),
        sa.UniqueConstraint(
            "experiment_id", "conversation_id", name=op.f("uq_experiment_variants_experiment_id_conversation_id")
        ),
    )
    op.create_index(
        "ix_experiment_variants_conversation_id",
        "experiment_variants",
        ["conversation_id"],
        unique=False,
        postgresql_where=None,
    )
    op.create_index(
        "ix_experiment_variants_dealership_id",
        "experiment_variants",
        ["dealership_id"],
        unique=False,
        postgresql_where=None,
    )
    op.create_index(
        "ix_experiment_variants_experiment_id_variant_id",
        "experiment_variants",
        ["experiment_id", "variant_id"],
        unique=False,
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
        sa.Column("conversation_id", sa.UUID(), nullable=True),
        sa.Column("customer_id", sa.UUID(), nullable=False),
        sa.Column("assigned_user_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("template", sa.String(length=100), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'scheduled'"), nullable=False),
        sa.Column("attempt_count", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("cancelled_reason", sa.Text(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(status = 'completed') = (completed_at IS NOT NULL)", name=op.f("ck_follow_ups_completed_at")
        ),
        sa.CheckConstraint(
            "channel IN ('email', 'sms', 'chat', 'phone', 'in_app')", name=op.f("ck_follow_ups_channel")
        ),
        sa.CheckConstraint("kind IN ('ai_nudge', 'staff_reminder')", name=op.f("ck_follow_ups_kind")),
        sa.CheckConstraint(
            "status IN ('scheduled', 'sent', 'completed', 'cancelled', 'failed')", name=op.f("ck_follow_ups_status")
        ),
        sa.CheckConstraint("attempt_count >= 0", name=op.f("ck_follow_ups_attempt_count")),
        sa.ForeignKeyConstraint(
            ["assigned_user_id"], ["users.id"], name=op.f("fk_follow_ups_assigned_user_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversations.id"], name=op.f("fk_follow_ups_conversation_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_follow_ups_customer_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_follow_ups_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["lead_id"], ["leads.id"], name=op.f("fk_follow_ups_lead_id"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    op.create_index("ix_follow_ups_assigned_user_id_status", "follow_ups", ["assigned_user_id", "status"], unique=False)
    op.create_index(
        "ix_follow_ups_conversation_id",
        "follow_ups",
        ["conversation_id"],
        unique=False,
        postgresql_where=sa.text("conversation_id IS NOT NULL"),
    )
    op.create_index("ix_follow_ups_customer_id", "follow_ups", ["customer_id"], unique=False, postgresql_where=None)
    op.create_index(
        "ix_follow_ups_dealership_id_status_scheduled_at",
        "follow_ups",
        ["dealership_id", "status", "scheduled_at"],
        unique=False,
    )
    op.create_index("ix_follow_ups_lead_id", "follow_ups", ["lead_id"], unique=False, postgresql_where=None)
    op.create_index(
        "ix_follow_ups_scheduled_at",
        "follow_ups",
        ["scheduled_at"],
        unique=False,
        postgresql_where=sa.text("status = 'scheduled'"),
    )
    op.create_table(
        "handovers",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.UUID(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
        sa.Column("escalation_trigger_id", sa.UUID(), nullable=True),
        sa.Column("reason", sa.String(length=50), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'pending'"), nullable=False),
        sa.Column("urgency", sa.String(length=20), server_default=sa.text("'medium'"), nullable=False),
        sa.Column("from_user_id", sa.Integer(), nullable=True),
        sa.Column("to_user_id", sa.Integer(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("sla_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "context", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column(
            "dossier", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("handover_notes", sa.Text(), nullable=True),
        sa.Column("resolution_notes", sa.Text(), nullable=True),
        sa.Column("customer_satisfaction", sa.SmallInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "reason IN ('complex_inquiry', 'technical_issue', 'pricing_negotiation', 'customer_request', 'ai_limitation', 'policy_escalation', 'other')",
            name=op.f("ck_handovers_reason"),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'in_progress', 'resolved', 'rejected')", name=op.f("ck_handovers_status")
        ),
        sa.CheckConstraint("urgency IN ('low', 'medium', 'high', 'urgent')", name=op.f("ck_handovers_urgency")),
        sa.CheckConstraint(
            "customer_satisfaction >= 1 AND customer_satisfaction <= 5", name=op.f("ck_handovers_customer_satisfaction")
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversations.id"], name=op.f("fk_handovers_conversation_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_handovers_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["escalation_trigger_id"],
            ["escalation_triggers.id"],
            name=op.f("fk_handovers_escalation_trigger_id"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["from_user_id"], ["users.id"], name=op.f("fk_handovers_from_user_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["lead_id"], ["leads.id"], name=op.f("fk_handovers_lead_id"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["users.id"], name=op.f("fk_handovers_requested_by_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["to_user_id"], ["users.id"], name=op.f("fk_handovers_to_user_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    op.create_index(
        "ix_handovers_conversation_id", "handovers", ["conversation_id"], unique=False, postgresql_where=None
    )
    op.create_index(
        "ix_handovers_dealership_id_status_requested_at",
        "handovers",
        ["dealership_id", "status", "requested_at"],
        unique=False,
    )
    op.create_index(
        "ix_handovers_dossier",
        "handovers",
        ["dossier"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"dossier": "jsonb_path_ops"},
    )
    op.create_index(
        "ix_handovers_escalation_trigger_id",
        "handovers",
        ["escalation_trigger_id"],
        unique=False,
        postgresql_where=sa.text("escalation_trigger_id IS NOT NULL"),
    )
    op.create_index(
        "ix_handovers_from_user_id",
        "handovers",
        ["from_user_id"],
        unique=False,
        postgresql_where=sa.text("from_user_id IS NOT NULL"),
    )
    op.create_index("ix_handovers_lead_id", "handovers", ["lead_id"], unique=False, postgresql_where=None)
    op.create_index(
        "ix_handovers_requested_by_id",
        "handovers",
        ["requested_by_id"],
        unique=False,
        postgresql_where=sa.text("requested_by_id IS NOT NULL"),
    )
    op.create_index(
        "ix_handovers_sla_due_at",
        "handovers",
        ["sla_due_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_handovers_to_user_id",
        "handovers",
        ["to_user_id"],
        unique=False,
        postgresql_where=sa.text("to_user_id IS NOT NULL"),
    )
    op.create_index(
        "uq_handovers_conversation_id",
        "handovers",
        ["conversation_id"],
        unique=True,
        postgresql_where=sa.text("status IN ('pending', 'accepted', 'in_progress')"),
    )
    op.create_table(
        "lead_scores",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
        sa.Column("conversation_id", sa.UUID(), nullable=True),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column(
            "factors", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("model_version", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("score >= 0 AND score <= 100", name=op.f("ck_lead_scores_score")),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversations.id"], name=op.f("fk_lead_scores_conversation_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_lead_scores_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["lead_id"], ["leads.id"], name=op.f("fk_lead_scores_lead_id"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_scores")),
    )
    op.create_index(
        "ix_lead_scores_conversation_id",
        "lead_scores",
        ["conversation_id"],
        unique=False,
        postgresql_where=sa.text("conversation_id IS NOT NULL"),
    )
    op.create_index(
        "ix_lead_scores_dealership_id_created_at", "lead_scores", ["dealership_id", "created_at"], unique=False
    )
    op.create_index("ix_lead_scores_lead_id_created_at", "lead_scores", ["lead_id", "created_at"], unique=False)
    op.create_table(
        "messages",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.UUID(), nullable=False),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.Column("sender", sa.String(length=20), nullable=False),
        sa.Column("sender_user_id", sa.Integer(), nullable=True),
        sa.Column("sender_name", sa.String(length=100), nullable=True),
        sa.Column("sender_email", sa.String(length=255), nullable=True),
        sa.Column("channel", sa.String(length=50), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=50), server_default=sa.text("'text'"), nullable=False),
        sa.Column(
            "attachments",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("delivery_status", sa.String(length=20), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivery_error", sa.Text(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=255), nullable=True),
        sa.Column("external_message_id", sa.String(length=255), nullable=True),
        sa.Column("in_reply_to", sa.UUID(), nullable=True),
        sa.Column("variant_id", sa.Integer(), nullable=True),
        sa.Column("ai_model", sa.String(length=100), nullable=True),
        sa.Column("ai_confidence", sa.Numeric(precision=3, scale=2), nullable=True),
        sa.Column("processing_time", sa.Integer(), nullable=True),
        sa.Column("is_read", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sentiment", sa.String(length=20), nullable=True),
        sa.Column(
            "entities", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column(
            "keywords", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(type = 'inbound' AND delivery_status IS NOT DISTINCT FROM 'received') OR (type = 'outbound' AND delivery_status IS NOT NULL AND delivery_status IN ('queued', 'sent', 'delivered', 'failed')) OR (type NOT IN ('inbound', 'outbound') AND delivery_status IS NULL)",
            name=op.f("ck_messages_delivery"),
        ),
        sa.CheckConstraint("channel IN ('email', 'chat', 'sms', 'phone', 'api')", name=op.f("ck_messages_channel")),
        sa.CheckConstraint("content_type IN ('text', 'html', 'markdown')", name=op.f("ck_messages_content_type")),
        sa.CheckConstraint(
            "delivery_status IN ('queued', 'sent', 'delivered', 'failed', 'received')",
            name=op.f("ck_messages_delivery_status"),
        ),
        sa.CheckConstraint("sender IN ('customer', 'ai', 'agent', 'system')", name=op.f("ck_messages_sender")),
        sa.CheckConstraint("sentiment IN ('positive', 'negative', 'neutral')", name=op.f("ck_messages_sentiment")),
        sa.CheckConstraint(
            "type IN ('inbound', 'outbound', 'internal_note', 'system', 'escalation')", name=op.f("ck_messages_type")
        ),
        sa.CheckConstraint("ai_confidence >= 0 AND ai_confidence <= 1", name=op.f("ck_messages_ai_confidence")),
        sa.CheckConstraint("processing_time >= 0", name=op.f("ck_messages_processing_time")),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversations.id"], name=op.f("fk_messages_conversation_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_messages_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["in_reply_to"], ["messages.id"], name=op.f("fk_messages_in_reply_to"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["sender_user_id"], ["users.id"], name=op.f("fk_messages_sender_user_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["variant_id"], ["prompt_variants.id"], name=op.f("fk_messages_variant_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sa.UniqueConstraint(
            "conversation_id", "idempotency_key", name=op.f("uq_messages_conversation_id_idempotency_key")
        ),
    )
    op.create_index(
        "ix_messages_conversation_id_created_at", "messages", ["conversation_id", "created_at"], unique=False
    )
    op.create_index("ix_messages_dealership_id_created_at", "messages", ["dealership_id", "created_at"], unique=False)
    op.create_index(
        "ix_messages_external_message_id",
        "messages",
        ["external_message_id"],
        unique=False,
        postgresql_where=sa.text("external_message_id IS NOT NULL"),
    )
    op.create_index(
        "ix_messages_in_reply_to",
        "messages",
        ["in_reply_to"],
        unique=False,
        postgresql_where=sa.text("in_reply_to IS NOT NULL"),
    )
    op.create_index(
        "ix_messages_sender_user_id",
        "messages",
        ["sender_user_id"],
        unique=False,
        postgresql_where=sa.text("sender_user_id IS NOT NULL"),
    )
    op.create_index(
        "ix_messages_variant_id",
        "messages",
        ["variant_id"],
        unique=False,
        postgresql_where=sa.text("variant_id IS NOT NULL"),
    )
    op.create_table(
        "customer_insights",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.UUID(), nullable=False),
        sa.Column("conversation_id", sa.UUID(), nullable=True),
        sa.Column("message_id", sa.UUID(), nullable=True),
        sa.Column("insight_type", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Numeric(precision=3, scale=2), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column(
            "context", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "insight_type IN ('budget', 'timeline', 'trade_in', 'financing', 'vehicle_preference', 'buying_intent', 'urgency', 'sentiment', 'contact_preference')",
            name=op.f("ck_customer_insights_insight_type"),
        ),
        sa.CheckConstraint("source IN ('rule', 'llm', 'agent')", name=op.f("ck_customer_insights_source")),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name=op.f("ck_customer_insights_confidence")),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_customer_insights_conversation_id"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_customer_insights_customer_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_customer_insights_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name=op.f("fk_customer_insights_message_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_insights")),
    )
    op.create_index(
        "ix_customer_insights_conversation_id",
        "customer_insights",
        ["conversation_id"],
        unique=False,
        postgresql_where=sa.text("conversation_id IS NOT NULL"),
    )
    op.create_index(
        "ix_customer_insights_customer_id_insight_type",
        "customer_insights",
        ["customer_id", "insight_type"],
        unique=False,
    )
    op.create_index(
        "ix_customer_insights_dealership_id_created_at",
        "customer_insights",
        ["dealership_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "ix_customer_insights_message_id",
        "customer_insights",
        ["message_id"],
        unique=False,
        postgresql_where=sa.text("message_id IS NOT NULL"),
    )
    op.create_table(
        "lead_activities",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("next_action", sa.Text(), nullable=True),
        sa.Column("duration", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=100), nullable=True),
        sa.Column("next_action_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.UUID(), nullable=True),
        sa.Column("handover_id", sa.UUID(), nullable=True),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "type IN ('lead_created', 'duplicate_received', 'possible_duplicate', 'status_changed', 'assigned', 'message_sent', 'ai_response', 'handover_requested', 'handover_updated', 'conversation_status_changed', 'follow_up_scheduled', 'follow_up_completed', 'email', 'call', 'meeting', 'note')",
            name=op.f("ck_lead_activities_type"),
        ),
        sa.CheckConstraint("duration >= 0", name=op.f("ck_lead_activities_duration")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_lead_activities_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["handover_id"], ["handovers.id"], name=op.f("fk_lead_activities_handover_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["lead_id"], ["leads.id"], name=op.f("fk_lead_activities_lead_id"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name=op.f("fk_lead_activities_message_id"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_lead_activities_user_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_activities")),
    )
    op.create_index(
        "ix_lead_activities_dealership_id_created_at", "lead_activities", ["dealership_id", "created_at"], unique=False
    )
    op.create_index(
        "ix_lead_activities_handover_id",
        "lead_activities",
        ["handover_id"],
        unique=False,
        postgresql_where=sa.text("handover_id IS NOT NULL"),
    )
    op.create_index("ix_lead_activities_lead_id_created_at", "lead_activities", ["lead_id", "created_at"], unique=False)
    op.create_index(
        "ix_lead_activities_message_id",
        "lead_activities",
        ["message_id"],
        unique=False,
        postgresql_where=sa.text("message_id IS NOT NULL"),
    )
    op.create_index(
        "ix_lead_activities_user_id",
        "lead_activities",
        ["user_id"],
        unique=False,
        postgresql_where=sa.text("user_id IS NOT NULL"),
    )
    op.create_table(
        "prompt_metrics",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("variant_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.UUID(), nullable=False),
        sa.Column("message_id", sa.UUID(), nullable=True),
        sa.Column("metric_name", sa.String(length=50), nullable=False),
        sa.Column("metric_value", sa.Numeric(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "metric_name <> 'customer_rating' OR metric_value BETWEEN 1 AND 5",
            name=op.f("ck_prompt_metrics_customer_rating"),
        ),
        sa.CheckConstraint(
            "metric_name IN ('response_sent', 'customer_replied', 'handover', 'appointment_booked', 'lead_converted', 'opt_out', 'response_time_ms', 'tokens_used', 'customer_rating')",
            name=op.f("ck_prompt_metrics_metric_name"),
        ),
        sa.CheckConstraint("metric_value >= 0", name=op.f("ck_prompt_metrics_metric_value")),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_prompt_metrics_conversation_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_prompt_metrics_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["experiment_id", "variant_id"],
            ["prompt_variants.experiment_id", "prompt_variants.id"],
            name="fk_prompt_metrics_variant_id",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["prompt_experiments.id"],
            name=op.f("fk_prompt_metrics_experiment_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name=op.f("fk_prompt_metrics_message_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt_metrics")),
    )
    op.create_index(
        "ix_prompt_metrics_conversation_id", "prompt_metrics", ["conversation_id"], unique=False, postgresql_where=None
    )
    op.create_index(
        "ix_prompt_metrics_dealership_id_created_at", "prompt_metrics", ["dealership_id", "created_at"], unique=False
    )
    op.create_index(
        "ix_prompt_metrics_experiment_id_variant_id_metric_name",
        "prompt_metrics",
        ["experiment_id", "variant_id", "metric_name"],
        unique=False,
    )
    op.create_index(
        "ix_prompt_metrics_message_id",
        "prompt_metrics",
        ["message_id"],
        unique=False,
        postgresql_where=sa.text("message_id IS NOT NULL"),
    )
    op.create_index(
        "uq_prompt_metrics_experiment_id_conversation_id_metric_name",
        "prompt_metrics",
        ["experiment_id", "conversation_id", "metric_name"],
        unique=True,
        postgresql_where=sa.text(
            "metric_name IN ('customer_replied', 'handover', 'appointment_booked', 'lead_converted', 'opt_out')"
        ),
    )
    op.create_table(
        "response_suggestions",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.UUID(), nullable=False),
        sa.Column("message_id", sa.UUID(), nullable=False),
        sa.Column("suggestion_type", sa.String(length=50), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("rank", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'offered'"), nullable=False),
        sa.Column("used_by_user_id", sa.Integer(), nullable=True),
        sa.Column(
            "metadata", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('offered', 'used', 'edited', 'dismissed')", name=op.f("ck_response_suggestions_status")
        ),
        sa.CheckConstraint(
            "suggestion_type IN ('greeting', 'product_info', 'pricing', 'follow_up', 'appointment', 'objection_handling', 'general')",
            name=op.f("ck_response_suggestions_suggestion_type"),
        ),
        sa.CheckConstraint("rank >= 1", name=op.f("ck_response_suggestions_rank")),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_response_suggestions_conversation_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"],
            ["dealerships.id"],
            name=op.f("fk_response_suggestions_dealership_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name=op.f("fk_response_suggestions_message_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["used_by_user_id"], ["users.id"], name=op.f("fk_response_suggestions_used_by_user_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_suggestions")),
    )
    op.create_index(
        "ix_response_suggestions_conversation_id_created_at",
        "response_suggestions",
        ["conversation_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "ix_response_suggestions_dealership_id_status",
        "response_suggestions",
        ["dealership_id", "status"],
        unique=False,
    )
    op.create_index(
        "ix_response_suggestions_message_id_rank", "response_suggestions", ["message_id", "rank"], unique=False
    )
    op.create_index(
        "ix_response_suggestions_used_by_user_id",
        "response_suggestions",
        ["used_by_user_id"],
        unique=False,
        postgresql_where=sa.text("used_by_user_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_response_suggestions_used_by_user_id",
        table_name="response_suggestions",
        postgresql_where=sa.text("used_by_user_id IS NOT NULL"),
    )
    op.drop_index("ix_response_suggestions_message_id_rank", table_name="response_suggestions")
    op.drop_index("ix_response_suggestions_dealership_id_status", table_name="response_suggestions")
    op.drop_index("ix_response_suggestions_conversation_id_created_at", table_name="response_suggestions")
    op.drop_table("response_suggestions")
    op.drop_index(
        "uq_prompt_metrics_experiment_id_conversation_id_metric_name",
        table_name="prompt_metrics",
        postgresql_where=sa.text(
            "metric_name IN ('customer_replied', 'handover', 'appointment_booked', 'lead_converted', 'opt_out')"
        ),
    )
    op.drop_index(
        "ix_prompt_metrics_message_id", table_name="prompt_metrics", postgresql_where=sa.text("message_id IS NOT NULL")
    )
    op.drop_index("ix_prompt_metrics_experiment_id_variant_id_metric_name", table_name="prompt_metrics")
    op.drop_index("ix_prompt_metrics_dealership_id_created_at", table_name="prompt_metrics")
    op.drop_index("ix_prompt_metrics_conversation_id", table_name="prompt_metrics", postgresql_where=None)
    op.drop_table("prompt_metrics")
    op.drop_index(
        "ix_lead_activities_user_id", table_name="lead_activities", postgresql_where=sa.text("user_id IS NOT NULL")
    )
    op.drop_index(
        "ix_lead_activities_message_id",
        table_name="lead_activities",
        postgresql_where=sa.text("message_id IS NOT NULL"),
    )
    op.drop_index("ix_lead_activities_lead_id_created_at", table_name="lead_activities")
    op.drop_index(
        "ix_lead_activities_handover_id",
        table_name="lead_activities",
        postgresql_where=sa.text("handover_id IS NOT NULL"),
    )
    op.drop_index("ix_lead_activities_dealership_id_created_at", table_name="lead_activities")
    op.drop_table("lead_activities")
    op.drop_index(
        "ix_customer_insights_message_id",
        table_name="customer_insights",
        postgresql_where=sa.text("message_id IS NOT NULL"),
    )
    op.drop_index("ix_customer_insights_dealership_id_created_at", table_name="customer_insights")
    op.drop_index("ix_customer_insights_customer_id_insight_type", table_name="customer_insights")
    op.drop_index(
        "ix_customer_insights_conversation_id",
        table_name="customer_insights",
        postgresql_where=sa.text("conversation_id IS NOT NULL"),
    )
    op.drop_table("customer_insights")
    op.drop_index("ix_messages_variant_id", table_name="messages", postgresql_where=sa.text("variant_id IS NOT NULL"))
    op.drop_index(
        "ix_messages_sender_user_id", table_name="messages", postgresql_where=sa.text("sender_user_id IS NOT NULL")
    )
    op.drop_index("ix_messages_in_reply_to", table_name="messages", postgresql_where=sa.text("in_reply_to IS NOT NULL"))
    op.drop_index(
        "ix_messages_external_message_id",
        table_name="messages",
        postgresql_where=sa.text("external_message_id IS NOT NULL"),
    )
    op.drop_index("ix_messages_dealership_id_created_at", table_name="messages")
    op.drop_index("ix_messages_conversation_id_created_at", table_name="messages")
    op.drop_table("messages")
    op.drop_index("ix_lead_scores_lead_id_created_at", table_name="lead_scores")
    op.drop_index("ix_lead_scores_dealership_id_created_at", table_name="lead_scores")
    op.drop_index(
        "ix_lead_scores_conversation_id",
        table_name="lead_scores",
        postgresql_where=sa.text("conversation_id IS NOT NULL"),
    )
    op.drop_table("lead_scores")
    op.drop_index(
        "uq_handovers_conversation_id",
        table_name="handovers",
        postgresql_where=sa.text("status IN ('pending', 'accepted', 'in_progress')"),
    )
    op.drop_index("ix_handovers_to_user_id", table_name="handovers", postgresql_where=sa.text("to_user_id IS NOT NULL"))
    op.drop_index("ix_handovers_sla_due_at", table_name="handovers", postgresql_where=sa.text("status = 'pending'"))
    op.drop_index(
        "ix_handovers_requested_by_id", table_name="handovers", postgresql_where=sa.text("requested_by_id IS NOT NULL")
    )
    op.drop_index("ix_handovers_lead_id", table_name="handovers", postgresql_where=None)
    op.drop_index(
        "ix_handovers_from_user_id", table_name="handovers", postgresql_where=sa.text("from_user_id IS NOT NULL")
    )
    op.drop_index(
        "ix_handovers_escalation_trigger_id",
        table_name="handovers",
        postgresql_where=sa.text("escalation_trigger_id IS NOT NULL"),
    )
    op.drop_index(
        "ix_handovers_dossier",
        table_name="handovers",
        postgresql_using="gin",
        postgresql_ops={"dossier": "jsonb_path_ops"},
    )
    op.drop_index("ix_handovers_dealership_id_status_requested_at", table_name="handovers")
    op.drop_index("ix_handovers_conversation_id", table_name="handovers", postgresql_where=None)
    op.drop_table("handovers")
    op.drop_index(
        "ix_follow_ups_scheduled_at", table_name="follow_ups", postgresql_where=sa.text("status = 'scheduled'")
    )
    op.drop_index("ix_follow_ups_lead_id", table_name="follow_ups", postgresql_where=None)
    op.drop_index("ix_follow_ups_dealership_id_status_scheduled_at", table_name="follow_ups")
    op.drop_index("ix_follow_ups_customer_id", table_name="follow_ups", postgresql_where=None)
    op.drop_index(
        "ix_follow_ups_conversation_id",
        table_name="follow_ups",
        postgresql_where=sa.text("conversation_id IS NOT NULL"),
    )
    op.drop_index("ix_follow_ups_assigned_user_id_status", table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_index("ix_experiment_variants_experiment_id_variant_id", table_name="experiment_variants")
    op.drop_index("ix_experiment_variants_dealership_id", table_name="experiment_variants", postgresql_where=None)
    op.drop_index("ix_experiment_variants_conversation_id", table_name="experiment_variants", postgresql_where=None)
    op.drop_table("experiment_variants")
    op.drop_index("ix_customer_interactions_profile_id_occurred_at", table_name="customer_interactions")
    op.drop_index("ix_customer_interactions_dealership_id_created_at", table_name="customer_interactions")
    op.drop_index(
        "ix_customer_interactions_conversation_id",
        table_name="customer_interactions",
        postgresql_where=sa.text("conversation_id IS NOT NULL"),
    )
    op.drop_table("customer_interactions")
    op.drop_index(
        "uq_vehicle_interests_lead_id_is_primary",
        table_name="vehicle_interests",
        postgresql_where=sa.text("is_primary"),
    )
    op.drop_index(
        "ix_vehicle_interests_vehicle_id",
        table_name="vehicle_interests",
        postgresql_where=sa.text("vehicle_id IS NOT NULL"),
    )
    op.drop_index("ix_vehicle_interests_lead_id", table_name="vehicle_interests", postgresql_where=None)
    op.drop_index("ix_vehicle_interests_dealership_id_vin", table_name="vehicle_interests")
    op.drop_index("ix_vehicle_interests_dealership_id_make_model", table_name="vehicle_interests")
    op.drop_table("vehicle_interests")
    op.drop_index("ix_conversations_lead_id", table_name="conversations", postgresql_where=None)
    op.drop_index("ix_conversations_dealership_id_status_last_message_at", table_name="conversations")
    op.drop_index("ix_conversations_customer_id", table_name="conversations", postgresql_where=None)
    op.drop_index(
        "ix_conversations_assigned_user_id",
        table_name="conversations",
        postgresql_where=sa.text("assigned_user_id IS NOT NULL"),
    )
    op.drop_index(
        "ix_conversations_ai_persona_id",
        table_name="conversations",
        postgresql_where=sa.text("ai_persona_id IS NOT NULL"),
    )
    op.drop_table("conversations")
    op.drop_index("ix_audit_logs_user_id", table_name="audit_logs", postgresql_where=sa.text("user_id IS NOT NULL"))
    op.drop_index("ix_audit_logs_resource_type_resource_id", table_name="audit_logs")
    op.drop_index("ix_audit_logs_dealership_id_created_at", table_name="audit_logs")
    op.drop_index(
        "ix_audit_logs_api_key_id", table_name="audit_logs", postgresql_where=sa.text("api_key_id IS NOT NULL")
    )
    op.drop_table("audit_logs")
    op.drop_index(
        "uq_user_invitations_dealership_id_email",
        table_name="user_invitations",
        postgresql_where=sa.text("status = 'pending'"),
        postgresql_nulls_not_distinct=True,
    )
    op.drop_index(
        "ix_user_invitations_invited_by_user_id",
        table_name="user_invitations",
        postgresql_where=sa.text("invited_by_user_id IS NOT NULL"),
    )
    op.drop_index("ix_user_invitations_email", table_name="user_invitations")
    op.drop_index(
        "ix_user_invitations_dealership_id",
        table_name="user_invitations",
        postgresql_where=sa.text("dealership_id IS NOT NULL"),
    )
    op.drop_index(
        "ix_user_invitations_accepted_user_id",
        table_name="user_invitations",
        postgresql_where=sa.text("accepted_user_id IS NOT NULL"),
    )
    op.drop_table("user_invitations")
    op.drop_index("ix_sessions_user_id", table_name="sessions", postgresql_where=None)
    op.drop_index("ix_sessions_expires_at", table_name="sessions")
    op.drop_index(
        "ix_sessions_dealership_id", table_name="sessions", postgresql_where=sa.text("dealership_id IS NOT NULL")
    )
    op.drop_table("sessions")
    op.drop_index(
        "ix_report_schedules_next_run_at", table_name="report_schedules", postgresql_where=sa.text("is_active")
    )
    op.drop_index("ix_report_schedules_dealership_id", table_name="report_schedules", postgresql_where=None)
    op.drop_index(
        "ix_report_schedules_created_by_user_id",
        table_name="report_schedules",
        postgresql_where=sa.text("created_by_user_id IS NOT NULL"),
    )
    op.drop_table("report_schedules")
    op.drop_index(
        "uq_prompt_variants_experiment_id_is_control",
        table_name="prompt_variants",
        postgresql_where=sa.text("is_control"),
    )
    op.drop_index(
        "ix_prompt_variants_persona_id",
        table_name="prompt_variants",
        postgresql_where=sa.text("persona_id IS NOT NULL"),
    )
    op.drop_index("ix_prompt_variants_dealership_id", table_name="prompt_variants", postgresql_where=None)
    op.drop_constraint("fk_prompt_experiments_winner_variant_id", "prompt_experiments", type_="foreignkey")
    op.drop_table("prompt_variants")
    op.drop_index(
        "ix_magic_link_invitations_invited_by_user_id",
        table_name="magic_link_invitations",
        postgresql_where=sa.text("invited_by_user_id IS NOT NULL"),
    )
    op.drop_index("ix_magic_link_invitations_email", table_name="magic_link_invitations")
    op.drop_index(
        "ix_magic_link_invitations_dealership_id",
        table_name="magic_link_invitations",
        postgresql_where=sa.text("dealership_id IS NOT NULL"),
    )
    op.drop_table("magic_link_invitations")
    op.drop_index("ix_leads_source_id", table_name="leads", postgresql_where=sa.text("source_id IS NOT NULL"))
    op.drop_index("ix_leads_dealership_id_status_created_at", table_name="leads")
    op.drop_index("ix_leads_dealership_id_lead_score", table_name="leads")
    op.drop_index("ix_leads_dealership_id_created_at", table_name="leads")
    op.drop_index("ix_leads_customer_id", table_name="leads", postgresql_where=None)
    op.drop_index(
        "ix_leads_assigned_user_id", table_name="leads", postgresql_where=sa.text("assigned_user_id IS NOT NULL")
    )
    op.drop_table("leads")
    op.drop_index("ix_customer_profiles_dealership_id_last_interaction", table_name="customer_profiles")
    op.drop_table("customer_profiles")
    op.drop_index("ix_api_keys_dealership_id", table_name="api_keys", postgresql_where=None)
    op.drop_index(
        "ix_api_keys_created_by_user_id",
        table_name="api_keys",
        postgresql_where=sa.text("created_by_user_id IS NOT NULL"),
    )
    op.drop_table("api_keys")
    op.drop_index("ix_vehicles_search", table_name="vehicles", postgresql_using="gin")
    op.drop_index("ix_vehicles_dealership_id_stock_number", table_name="vehicles")
    op.drop_index("ix_vehicles_dealership_id_make_model", table_name="vehicles")
    op.drop_index("ix_vehicles_dealership_id_is_active_last_seen_at", table_name="vehicles")
    op.drop_table("vehicles")
    op.drop_index("ix_users_dealership_id", table_name="users", postgresql_where=sa.text("dealership_id IS NOT NULL"))
    op.drop_table("users")
    op.drop_index(
        "ix_prompt_experiments_winner_variant_id",
        table_name="prompt_experiments",
        postgresql_where=sa.text("winner_variant_id IS NOT NULL"),
    )
    op.drop_index("ix_prompt_experiments_dealership_id_status", table_name="prompt_experiments")
    op.drop_table("prompt_experiments")
    op.drop_index("uq_personas_dealership_id_is_default", table_name="personas", postgresql_where=sa.text("is_default"))
    op.drop_table("personas")
    op.drop_index("ix_lead_sources_dealership_id_type", table_name="lead_sources")
    op.drop_table("lead_sources")
    op.drop_table("escalation_triggers")
    op.drop_index("ix_customers_dealership_id_last_contact_date", table_name="customers")
    op.drop_index("ix_customers_dealership_id_full_name", table_name="customers")
    op.drop_table("customers")
    op.drop_index("ix_dealerships_is_active", table_name="dealerships")
    op.drop_table("dealerships")
