"""``rate_counters``: request budgets that every server process shares (``api.ratelimit``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import Base, created_at


class RateCounter(Base):
    """One budget's bucket for one subject (``key``: the budget's name and a SHA-256 per part of what it counts, never
    an address or e-mail in clear): ``tat``, its theoretical arrival time (GCRA), runs at most a window ahead of now;
    ``refused``: whether the last hit did not fit. Not tenant data: the budgets of sign-in and public routes are
    counted before a tenant is known. Buckets idle for a month are deleted by the maintenance sweep."""

    __tablename__ = "rate_counters"
    __table_args__ = (Index("ix_rate_counters_tat", "tat"),)

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    tat: Mapped[datetime]
    refused: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    created_at: Mapped[datetime] = created_at()
