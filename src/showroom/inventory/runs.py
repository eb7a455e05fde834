"""Import runs: a feed stored first, then imported by the ``inventory.import`` job in bounded batches.

What a run does, and what "nothing imported from a failed run" means with batches:

1. **Stored** (``queued``): the request (or the CLI, or a feed source's fetch) stores the file in
   ``inventory_imports.content`` and queues the job in the same transaction; the upload's transaction ends there.
2. **Staged** (``running``): the job parses the file and writes its good rows to ``inventory_import_rows``,
   ``BATCH`` rows per short transaction, updating ``rows_done`` / ``rows_total`` (the progress bar) and checking
   ``cancel_requested`` between batches. Nothing in ``vehicles`` is touched (no row locks on the inventory).
3. **Applied** (``done``): one final transaction upserts the staged rows into ``vehicles`` (the same upsert as a
   direct import), deactivates what a full feed no longer lists, writes the audit row and the report, and deletes
   the staged rows and the file.

A run cancelled or failed (a file-level error found half way, a database error while applying) ends ``cancelled`` or
``failed`` with its staged rows deleted: the inventory is exactly as before, whatever batch it reached. A row the
feed gets wrong is not a failure: it is rejected, reported with its line, and the others land (as before).
A job run twice (a worker died) starts the run again from its stored file.
"""

from __future__ import annotations

import asyncio
import io
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor
from showroom.errors import Conflict, NotFound
from showroom.inventory.feed import FeedFormatError, FeedRow, RowError, read_feed
from showroom.inventory.importer import BATCH, ImportReport, begin_apply, finish_apply, write_batch
from showroom.models import InventoryImport, InventoryImportRow
from showroom.queue import defer
from showroom.vocabulary import InventoryImportStatus

log = logging.getLogger(__name__)
TASK = "inventory.import"
QUEUE = "imports"
FINISHED = frozenset({InventoryImportStatus.done, InventoryImportStatus.failed, InventoryImportStatus.cancelled})
Progress = Callable[[int, int], None]


async def create(
    session: AsyncSession,
    dealership_id: int,
    content: bytes,
    *,
    actor: Actor,
    filename: str | None,
    full: bool,
    source_id: uuid.UUID | None = None,
    queue_job: bool = True,
) -> InventoryImport:
    """Store a feed as a queued run and (unless the caller processes it itself, as the CLI does) queue its job in
    the caller's transaction."""
    run = InventoryImport(
        dealership_id=dealership_id,
        source_id=source_id,
        status=InventoryImportStatus.queued,
        filename=filename,
        full_feed=full,
        content=content,
        size_bytes=len(content),
        rows_total=max(content.count(b"\n") + (0 if content.endswith(b"\n") else 1) - 1, 0),
        rows_done=0,
        cancel_requested=False,
        created_by_user_id=actor.user_id,
    )
    session.add(run)
    await session.flush()
    if queue_job:
        await defer(
            session,
            TASK,
            queue=QUEUE,
            lock=f"inventory-import:{dealership_id}",  # one run at a time per dealership: they write the same rows
            dealership_id=dealership_id,
            import_id=str(run.id),
            actor={k: v for k, v in asdict(actor).items() if v is not None},
        )
    return run


async def get(session: AsyncSession, import_id: uuid.UUID) -> InventoryImport:
    run = await session.get(InventoryImport, import_id, populate_existing=True)
    if run is None:
        raise NotFound("no such import")
    return run


async def recent(session: AsyncSession, limit: int = 20) -> list[InventoryImport]:
    query = select(InventoryImport).order_by(InventoryImport.created_at.desc(), InventoryImport.id).limit(limit)
    return list((await session.scalars(query)).all())


async def cancel(session: AsyncSession, import_id: uuid.UUID) -> InventoryImport:
    """Ask a run to stop: a queued one ends at once, a running one at its next batch (nothing is applied). A run
    already applying its rows, or finished, cannot be cancelled (409)."""
    run = await session.get(InventoryImport, import_id, with_for_update=True, populate_existing=True)
    if run is None:
        raise NotFound("no such import")
    if run.status in FINISHED:
        raise Conflict(f"the import has already ended ({run.status})", field="status")
    if run.status == InventoryImportStatus.queued:
        _end(run, InventoryImportStatus.cancelled, "cancelled before it started")
    else:
        run.cancel_requested = True
    await session.flush()
    return run


def _end(run: InventoryImport, status: InventoryImportStatus, error: str | None = None) -> None:
    run.status, run.error, run.content, run.finished_at = status, error, None, datetime.now(UTC)


class _Forward(io.RawIOBase):
    """The stored file read front to back only: a file-level error (bytes that are not UTF-8) is then found where it
    is, possibly after batches were staged, and the run fails as a whole (one pass over the file instead of two)."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data[self._at : self._at + len(buffer)]
        buffer[: len(chunk)] = chunk
        self._at += len(chunk)
        return len(chunk)


def _take(rows: Iterator[FeedRow | RowError], count: int) -> list[FeedRow | RowError]:
    out: list[FeedRow | RowError] = []
    for item in rows:
        out.append(item)
        if len(out) >= count:
            break
    return out


async def process(
    session: AsyncSession, import_id: uuid.UUID, actor: Actor, *, progress: Progress | None = None
) -> str:
    """Run an import (``session`` acts for its dealership with no transaction open): stage, then apply. Returns
    the run's final status. Safe to run twice: a run found ``running`` starts again from its file."""
    started = time.perf_counter()
    async with session.begin():
        run = await session.get(InventoryImport, import_id, with_for_update=True, populate_existing=True)
        if run is None or run.status in FINISHED:
            return run.status if run else "gone"
        if run.cancel_requested:
            _end(run, InventoryImportStatus.cancelled, "cancelled before it started")
            return run.status
        content = await session.scalar(select(InventoryImport.content).where(InventoryImport.id == import_id))
        await session.execute(delete(InventoryImportRow).where(InventoryImportRow.import_id == import_id))
        run.status, run.started_at, run.rows_done, run.error = InventoryImportStatus.running, datetime.now(UTC), 0, None
        dealership_id, total = run.dealership_id, run.rows_total
        report = ImportReport(filename=run.filename, full=run.full_feed)
    try:
        reader = read_feed(_Forward(content or b""), filename=report.filename)  # type: ignore[arg-type]
        while items := await asyncio.to_thread(_take, reader, BATCH):
            if not await _stage(session, import_id, dealership_id, items, report):
                return await _stop(session, import_id, InventoryImportStatus.cancelled, "cancelled")
            if progress:
                progress(report.rows + report.rejected, total)
    except FeedFormatError as exc:
        where = f" (line {exc.line})" if exc.line else ""
        return await _stop(session, import_id, InventoryImportStatus.failed, f"{exc.reason}{where}; nothing imported")
    try:
        async with session.begin():
            await _apply(session, import_id, dealership_id, report, actor, started)
    except _Cancelled:
        return await _stop(session, import_id, InventoryImportStatus.cancelled, "cancelled")
    except Exception as exc:  # the apply rolled back: nothing of this run is in the inventory
        log.exception("inventory import %s failed while applying its rows", import_id)
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:500]
        return await _stop(session, import_id, InventoryImportStatus.failed, f"{reason}; nothing imported")
    if progress:
        progress(total, total)
    return InventoryImportStatus.done


async def _stage(
    session: AsyncSession,
    import_id: uuid.UUID,
    dealership_id: int,
    items: list[FeedRow | RowError],
    report: ImportReport,
) -> bool:
    """Write one batch of parsed rows (one short transaction); False if the run was cancelled meanwhile."""
    rows = []
    for item in items:
        if isinstance(item, RowError):
            report.note_error(item)
            continue
        report.rows += 1
        report.note_warnings(item)
        vehicle = {k: v for k, v in item.vehicle.items() if v is not None}
        rows.append({"import_id": import_id, "line": item.line, "dealership_id": dealership_id,
                     "vin": vehicle["vin"], "vehicle": vehicle})  # fmt: skip
    async with session.begin():
        cancelled = await session.scalar(
            select(InventoryImport.cancel_requested).where(InventoryImport.id == import_id).with_for_update()
        )
        if cancelled:
            return False
        if rows:
            await session.execute(insert(InventoryImportRow), rows)
        await session.execute(
            update(InventoryImport)
            .where(InventoryImport.id == import_id)
            .values(rows_done=report.rows + report.rejected)
        )
    return True


async def _apply(
    session: AsyncSession, import_id: uuid.UUID, dealership_id: int, report: ImportReport, actor: Actor, started: float
) -> None:
    run = await session.get(InventoryImport, import_id, with_for_update=True, populate_existing=True)
    if run is None or run.cancel_requested:
        raise _Cancelled
    apply = await begin_apply(session, dealership_id)
    after = 0
    while True:
        staged = (
            await session.execute(
                select(InventoryImportRow.line, InventoryImportRow.vehicle)
                .where(InventoryImportRow.import_id == import_id, InventoryImportRow.line > after)
                .order_by(InventoryImportRow.line)
                .limit(BATCH)
            )
        ).all()
        if not staged:
            break
        await write_batch(session, dealership_id, [(r.line, r.vehicle) for r in staged], report, apply)
        after = staged[-1].line
    report.seconds = round(time.perf_counter() - started, 3)
    await finish_apply(session, dealership_id, report, apply, actor)
    await session.execute(delete(InventoryImportRow).where(InventoryImportRow.import_id == import_id))
    run.rows_done = report.rows + report.rejected
    run.rows_total, run.report = max(run.rows_total, run.rows_done), _report_json(report)
    _end(run, InventoryImportStatus.done)
    await after_run(session, run)


class _Cancelled(Exception):
    pass


async def _stop(session: AsyncSession, import_id: uuid.UUID, status: InventoryImportStatus, error: str) -> str:
    async with session.begin():
        await session.execute(delete(InventoryImportRow).where(InventoryImportRow.import_id == import_id))
        run = await session.get(InventoryImport, import_id, with_for_update=True, populate_existing=True)
        if run is not None:
            if run.cancel_requested and status == InventoryImportStatus.failed:
                status, error = InventoryImportStatus.cancelled, "cancelled"
            _end(run, status, error)
            await after_run(session, run)
    return status


async def after_run(session: AsyncSession, run: InventoryImport) -> None:
    """A feed source's run tells its source how it went (the source's state, the admins' warning)."""
    if run.source_id is not None:
        from showroom.inventory.sources import import_ended  # the sources import this module

        await import_ended(session, run)


def _report_json(report: ImportReport) -> dict[str, Any]:
    return asdict(report)
