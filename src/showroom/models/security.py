"""``rate_counters``: request budgets that every server process shares."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import Base, check_range, created_at


class RateCounter(Base):
    """Hits of one budget (``key``: its name and a SHA-256 of what it counts, never an address or e-mail in clear)
    in one fixed window. Not tenant data: the budgets of sign-in and public routes are counted before a tenant is
    known. Old windows are deleted by the maintenance sweep."""

    __tablename__ = "rate_counters"
    __table_args__ = (
        check_range("hits", 0),
        Index("ix_rate_counters_window_start", "window_start"),
    )

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    created_at: Mapped[datetime] = created_at()
