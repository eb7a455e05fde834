"""``report_schedules``: recurring e-mailed reports."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Index, SmallInteger, String, Time, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_in,
    check_range,
    created_at,
    fk_index,
    identity_pk,
    jsonb_object,
    tenant,
    updated_at,
    user_ref,
)
from showroom.vocabulary import ReportFormat, ReportFrequency, ReportType


class ReportSchedule(Base):
    __tablename__ = "report_schedules"
    __table_args__ = (
        check_in("report_type", ReportType),
        CheckConstraint(
            "jsonb_typeof(recipients) = 'array' AND jsonb_array_length(recipients) BETWEEN 1 AND 20", name="recipients"
        ),
        check_in("frequency", ReportFrequency),
        check_range("day_of_week", 0, 6),
        check_range("day_of_month", 1, 28),
        check_in("format", ReportFormat),
        CheckConstraint("(frequency = 'weekly') = (day_of_week IS NOT NULL)", name="weekly"),
        CheckConstraint("(frequency = 'monthly') = (day_of_month IS NOT NULL)", name="monthly"),
        CheckConstraint("is_active = (next_run_at IS NOT NULL)", name="next_run_at"),
        Index("ix_report_schedules_next_run_at", "next_run_at", postgresql_where=text("is_active")),
        fk_index("report_schedules", "dealership_id", nullable=False),
        fk_index("report_schedules", "created_by_user_id", nullable=True),
    )

    id: Mapped[int] = identity_pk()
    dealership_id: Mapped[int] = tenant()
    name: Mapped[str] = mapped_column(String(255))
    report_type: Mapped[str] = mapped_column(String(50))
    recipients: Mapped[list[Any]] = mapped_column(JSONB)
    frequency: Mapped[str] = mapped_column(String(20))
    day_of_week: Mapped[int | None] = mapped_column(SmallInteger)
    day_of_month: Mapped[int | None] = mapped_column(SmallInteger)
    time_of_day: Mapped[time] = mapped_column(Time, server_default=text("'08:00'"))
    timezone: Mapped[str] = mapped_column(String(64))
    filters: Mapped[dict[str, Any]] = jsonb_object()
    format: Mapped[str] = mapped_column(String(10), server_default=text("'html'"))
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    last_run_at: Mapped[datetime | None]
    next_run_at: Mapped[datetime | None]
    created_by_user_id: Mapped[int | None] = user_ref()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
