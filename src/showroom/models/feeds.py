"""Inventory imports as jobs (issue 15, finding 4) and self-refreshing feed sources (issue 19).

``inventory_imports``: one run of a feed import (an upload, the CLI or a feed source's fetch): the file itself (until
the run ends), its progress, the report. ``inventory_import_rows``: the rows a running import parsed, staged in
batches and applied to ``vehicles`` in one final transaction (so a failed or cancelled run changes nothing).
``inventory_feed_sources``: where a dealership's feed is fetched from, on a schedule, and how the last runs went.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_in,
    check_range,
    created_at,
    fk_index,
    tenant,
    tenant_fk,
    updated_at,
    user_ref,
    uuid_pk,
    uuid_ref,
)
from showroom.vocabulary import FeedSourceKind, FeedSourceState, InventoryImportStatus


class InventoryFeedSource(Base):
    """A feed fetched on a schedule: an https URL (conditional GET with the last ``etag`` / ``last_modified``) or
    an SFTP file (``sftp://user@host:port/path``, the server's pinned ``host_key``)."""

    __tablename__ = "inventory_feed_sources"
    __table_args__ = (
        check_in("kind", FeedSourceKind),
        check_in("state", FeedSourceState),
        check_in("warned_state", FeedSourceState),
        check_range("interval_minutes", 5, 10080),
        check_range("stale_after_hours", 1, 8760),
        fk_index("inventory_feed_sources", "dealership_id", nullable=False),
        fk_index("inventory_feed_sources", "created_by_user_id", nullable=True),
        Index("ix_inventory_feed_sources_next_run_at", "next_run_at", postgresql_where=text("enabled")),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    url: Mapped[str] = mapped_column(String(2000))
    host_key: Mapped[str | None] = mapped_column(Text)
    password: Mapped[str | None] = mapped_column(String(200))
    full_feed: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    interval_minutes: Mapped[int] = mapped_column(Integer, server_default=text("60"))
    stale_after_hours: Mapped[int] = mapped_column(Integer, server_default=text("48"))
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    next_run_at: Mapped[datetime | None]
    last_run_at: Mapped[datetime | None]
    last_change_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(10), server_default=text("'ok'"))
    last_error: Mapped[str | None] = mapped_column(Text)
    warned_state: Mapped[str | None] = mapped_column(String(10))
    created_by_user_id: Mapped[int | None] = user_ref()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()

    @property
    def has_password(self) -> bool:
        return bool(self.password)


class InventoryImport(Base):
    """One import run. ``content`` holds the file until the run ends (then NULL); ``rows_done`` of ``rows_total``
    (lines of the file, an upper bound) is its progress; ``report`` the import report once done."""

    __tablename__ = "inventory_imports"
    __table_args__ = (
        check_in("status", InventoryImportStatus),
        Index("ix_inventory_imports_dealership_id_created_at", "dealership_id", "created_at"),
        tenant_fk("inventory_imports", "source_id", "inventory_feed_sources", "SET NULL"),
        fk_index("inventory_imports", "source_id", nullable=True),
        fk_index("inventory_imports", "created_by_user_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    source_id: Mapped[uuid.UUID | None] = uuid_ref()
    status: Mapped[str] = mapped_column(String(20), server_default=text("'queued'"))
    filename: Mapped[str | None] = mapped_column(String(255))
    full_feed: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, deferred_raiseload=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    rows_total: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    rows_done: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    report: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    error: Mapped[str | None] = mapped_column(Text)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    created_by_user_id: Mapped[int | None] = user_ref()
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class InventoryImportRow(Base):
    """A parsed feed row of a running import (the vehicle columns as JSON), until the run is applied or ends."""

    __tablename__ = "inventory_import_rows"
    __table_args__ = (
        tenant_fk("inventory_import_rows", "import_id", "inventory_imports", "CASCADE"),
        Index("ix_inventory_import_rows_dealership_id", "dealership_id"),
    )

    import_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    line: Mapped[int] = mapped_column(Integer, primary_key=True)
    dealership_id: Mapped[int] = tenant()
    vin: Mapped[str] = mapped_column(String(17))
    vehicle: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = created_at()
