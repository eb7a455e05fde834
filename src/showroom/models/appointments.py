"""``appointments``: a customer's visit (test drive, sales visit, appraisal, delivery) at a time of the showroom."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_in,
    created_at,
    fk_index,
    member_ref,
    tenant,
    tenant_fk,
    updated_at,
    uuid_pk,
    uuid_ref,
)
from showroom.vocabulary import AppointmentKind, AppointmentSource, AppointmentStatus

# Statuses that hold a place in their slot.
HOLDING = ("requested", "confirmed", "rescheduled")


class Appointment(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        tenant_fk("appointments", "lead_id", "leads", "CASCADE"),
        tenant_fk("appointments", "customer_id", "customers", "CASCADE"),
        tenant_fk("appointments", "vehicle_id", "vehicles", "SET NULL"),
        tenant_fk("appointments", "assigned_user_id", "users", "SET NULL"),
        check_in("kind", AppointmentKind),
        check_in("status", AppointmentStatus),
        check_in("source", AppointmentSource),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_appointments_dealership_id_starts_at", "dealership_id", "starts_at"),
        Index("ix_appointments_assigned_user_id_starts_at", "assigned_user_id", "starts_at"),
        fk_index("appointments", "lead_id", nullable=False),
        fk_index("appointments", "customer_id", nullable=False),
        fk_index("appointments", "vehicle_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    lead_id: Mapped[uuid.UUID] = uuid_ref()
    customer_id: Mapped[uuid.UUID] = uuid_ref()
    vehicle_id: Mapped[int | None] = mapped_column(Integer)
    assigned_user_id: Mapped[int | None] = member_ref()
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), server_default=text("'confirmed'"))
    source: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    notes: Mapped[str | None] = mapped_column(Text)
    cancelled_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
