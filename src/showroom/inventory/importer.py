"""Feed import: stream a dealer's CSV/TSV feed into ``vehicles``, upserting by (dealership, VIN).

Rows are read one at a time and written in batches, so memory does not grow with the feed. For each batch the
existing units are read once; new VINs are inserted, changed ones updated, and unchanged ones only get their
``last_seen_at`` bumped. After a *full* feed, active units it did not list are marked inactive (never deleted:
leads keep pointing at them). The whole import is one transaction: a file-level error (not UTF-8, a missing
column) writes nothing; a broken row is reported with its line and the other rows still land.

``import_feed`` parses and writes in the caller's transaction (a small upload answered at once). An import run
(``inventory.runs``) stages the parsed rows first and applies them with the same ``write_batch`` / ``finish_apply``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO

from sqlalchemy import String, any_, bindparam, exists, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record
from showroom.inventory import matches
from showroom.inventory.feed import FeedRow, RowError, read_feed
from showroom.inventory.service import CATALOGS
from showroom.models import Vehicle
from showroom.vocabulary import VehicleCondition, VehicleStatus

BATCH = 500
MAX_REPORTED = 1000  # rejected rows and warnings listed in a report; the counts are always exact
MAX_AUDITED_IDS = 1000  # deactivated vehicles named in the audit row; beyond that, only their count


@dataclass
class RowProblem:
    line: int
    field: str | None
    reason: str


@dataclass
class ImportReport:
    filename: str | None
    full: bool
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    rejected: int = 0
    rejected_rows: list[RowProblem] = field(default_factory=list)
    warnings: int = 0
    warning_rows: list[RowProblem] = field(default_factory=list)
    seconds: float = 0.0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportReport:
        """The report as stored in ``inventory_imports.report`` (``dataclasses.asdict``)."""
        rejected = [RowProblem(**p) for p in data.get("rejected_rows", [])]
        warned = [RowProblem(**p) for p in data.get("warning_rows", [])]
        return cls(**{**data, "rejected_rows": rejected, "warning_rows": warned})

    def note_error(self, error: RowError) -> None:
        self.rejected += 1
        if len(self.rejected_rows) < MAX_REPORTED:
            self.rejected_rows.append(RowProblem(error.line, error.field, error.reason))

    def note_warnings(self, row: FeedRow) -> None:
        for warning in row.warnings:
            self.warnings += 1
            if len(self.warning_rows) < MAX_REPORTED:
                self.warning_rows.append(RowProblem(row.line, None, warning))


def _values(row: FeedRow) -> dict[str, Any]:
    """The feed row as vehicle columns; absent values never overwrite, NOT NULL columns keep their defaults."""
    return {k: v for k, v in row.vehicle.items() if v is not None and k in _COLUMNS}


_COLUMNS = frozenset(c.key for c in Vehicle.__table__.columns) - {
    "id",
    "dealership_id",
    "created_at",
    "updated_at",
    "search",
    "last_seen_at",
    "is_active",
}


async def import_feed(
    session: AsyncSession,
    dealership_id: int,
    stream: BinaryIO,
    *,
    actor: Actor,
    filename: str | None = None,
    full: bool = True,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a feed into the dealership's inventory (RLS-scoped session, one transaction: the caller commits)."""
    started = time.perf_counter()
    report = ImportReport(filename=filename, full=full)
    apply = await begin_apply(session, dealership_id)
    batch: dict[str, tuple[int, dict[str, Any]]] = {}
    for item in read_feed(stream, filename=filename):
        if isinstance(item, RowError):
            report.note_error(item)
            continue
        report.rows += 1
        report.note_warnings(item)
        values = _values(item)
        batch[values["vin"]] = (item.line, values)  # a VIN listed twice in one batch: the later row wins
        if len(batch) >= BATCH:
            await _write(session, dealership_id, batch, report, apply)
            batch = {}
            if progress:
                progress(report.rows + report.rejected)
    if batch:
        await _write(session, dealership_id, batch, report, apply)
    if progress:
        progress(report.rows + report.rejected)
    report.seconds = round(time.perf_counter() - started, 3)
    await finish_apply(session, dealership_id, report, apply, actor)
    return report


@dataclass
class Apply:
    """What one application of a feed to ``vehicles`` carries from its start to its end."""

    now: datetime  # the transaction's clock, stamped on every unit written
    had_stock: bool  # a dealership's first feed makes no inventory-driven follow-ups
    changes: matches.Changes = field(default_factory=matches.Changes)  # arrivals and price drops (issue 18)


async def begin_apply(session: AsyncSession, dealership_id: int) -> Apply:
    """Prepare the transaction that writes a feed into ``vehicles``: its clock (see below) and what it collects."""
    CATALOGS.changed(session, dealership_id)
    # The driver prepares statements it runs often, and PostgreSQL may then reuse one generic plan, made when the
    # dealership had few vehicles; while the feed fills the table that plan goes on scanning it all (a first
    # import of 50,000 slowed down with the square of its size). Plan each statement for its values instead.
    await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    # One clock for the whole import, the database's: every unit written is stamped with it, and after a full feed
    # exactly the units stamped earlier are the ones it no longer lists (a Python clock behind the database's would
    # deactivate units the feed just updated).
    now = await session.scalar(select(func.now()))
    assert now is not None
    had_stock = bool(await session.scalar(select(exists().where(Vehicle.is_active))))
    return Apply(now, had_stock)


async def write_batch(
    session: AsyncSession,
    dealership_id: int,
    rows: list[tuple[int, dict[str, Any]]],
    report: ImportReport,
    apply: Apply,
) -> None:
    """Upsert parsed rows (line, vehicle columns) in file order: a VIN listed twice, the later row wins."""
    batch: dict[str, tuple[int, dict[str, Any]]] = {}
    for line, vehicle in rows:
        values = {k: v for k, v in vehicle.items() if v is not None and k in _COLUMNS}
        batch[values["vin"]] = (line, values)
    await _write(session, dealership_id, batch, report, apply)


async def finish_apply(
    session: AsyncSession, dealership_id: int, report: ImportReport, apply: Apply, actor: Actor
) -> None:
    """After a full feed, deactivate the active units it did not list (stamped before ``now``); write the audit
    row; queue the inventory-driven follow-ups. Units that left the feed are kept (leads point at them) but
    inactive: the agent no longer offers them."""
    deactivated: list[int] = []
    if report.full and report.rows:
        result = await session.execute(
            update(Vehicle)
            .where(Vehicle.is_active, Vehicle.last_seen_at < apply.now)
            .values(is_active=False)
            .returning(Vehicle.id)
        )
        deactivated = sorted(result.scalars().all())
        report.deactivated = len(deactivated)
    await matches.queue(session, dealership_id, apply.changes, first_feed=not apply.had_stock)
    await record(
        session,
        actor,
        "inventory.import",
        dealership_id=dealership_id,
        resource_type="vehicle",
        details={
            "filename": report.filename,
            "full": report.full,
            "rows": report.rows,
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "deactivated": report.deactivated,
            **({"deactivated_ids": deactivated} if 0 < len(deactivated) <= MAX_AUDITED_IDS else {}),
            "rejected": report.rejected,
        },
    )


async def _write(
    session: AsyncSession,
    dealership_id: int,
    batch: dict[str, tuple[int, dict[str, Any]]],
    report: ImportReport,
    apply: Apply,
) -> None:
    now, changes = apply.now, apply.changes
    columns = [getattr(Vehicle, c) for c in sorted(_COLUMNS)]
    # One array parameter, not 500 (``vin IN (...)``): once the driver prepares this statement, PostgreSQL's generic
    # plan for 500 separate values scanned all of the dealership's vehicles (322 ms a batch at 20,000 vehicles).
    vins = bindparam("vins", list(batch), type_=ARRAY(String))
    existing = {
        row.vin: row
        for row in (
            await session.execute(select(Vehicle.id, Vehicle.is_active, *columns).where(Vehicle.vin == any_(vins)))
        ).all()
    }
    inserts, updates, seen = [], [], []
    for vin, (_, values) in batch.items():
        current = existing.get(vin)
        if current is None:
            inserts.append({"dealership_id": dealership_id, **values, "last_seen_at": now})
            changes.arrived.append(vin)
            continue
        if not current.is_active:
            changes.arrived.append(vin)
        elif (values.get("price") or 0) > 0 and (current.price or 0) > values["price"]:
            changes.cheaper.append(current.id)
        if not current.is_active or any(getattr(current, k) != v for k, v in values.items()):
            kept = {k: getattr(current, k) for k in _COLUMNS}  # absent values never overwrite
            updates.append(
                {
                    **kept,
                    **values,
                    "dealership_id": dealership_id,
                    "id": current.id,
                    "is_active": True,
                    "last_seen_at": now,
                }
            )
        else:
            seen.append(current.id)
    if inserts:
        await session.execute(insert(Vehicle), _uniform(inserts))
        report.added += len(inserts)
    # Whole rows, so that every update has the same columns and they go as one executemany; keyed by the table's
    # primary key (dealership_id, id).
    if updates:
        await session.execute(update(Vehicle), updates)
    report.updated += len(updates)
    if seen:
        await session.execute(update(Vehicle).where(Vehicle.id.in_(seen)).values(last_seen_at=now))
        report.unchanged += len(seen)


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """executemany needs one set of keys: fill absent optional columns with NULL, NOT NULL ones with defaults."""
    keys = set().union(*rows)
    defaults = {
        "condition": VehicleCondition.new,
        "status": VehicleStatus.available,
        "certified": False,
        "features": [],
        "images": [],
        "category_tags": [],
    }
    return [{k: row.get(k, defaults.get(k)) for k in keys} for row in rows]
