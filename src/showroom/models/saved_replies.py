"""``saved_replies``: a dealership's reply texts with ``{{variables}}``, inserted from the staff reply box."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import Base, created_at, fk_index, tenant, updated_at, user_ref, uuid_pk


class SavedReply(Base):
    __tablename__ = "saved_replies"
    __table_args__ = (
        UniqueConstraint("dealership_id", "title"),
        fk_index("saved_replies", "created_by_user_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    created_by_user_id: Mapped[int | None] = user_ref()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
