"""Who sets the tenant: the dealership (and user) a session's transactions act for under row-level security.

Exactly three places set it, and ``tests/db/test_tenancy_path.py`` fails if any other code does:

* the request dependency (``auth.deps``): the statement that authenticates the caller sets it for the request's
  transaction, and :func:`remember_tenant` records it for the session's next transactions;
* the job runner (``jobs.tenant_task``): the job's session is opened for its ``dealership_id``
  (``Database.session``);
* :func:`acting_for`, for the few flows that learn the dealership in the middle of a request: the chat widget and
  the SMS/e-mail webhooks (from where the message was sent), ADF routing (from the document's vendor), signing in
  and accepting an invitation (from the account), a super admin switching dealership, and CLI commands given a
  dealership.

The setting itself is transaction-local (``set_config(..., true)``), applied at the start of every transaction
from ``session.info`` (``db.engine``), so nothing leaks through the pool.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.db.engine import apply_tenant
from showroom.ops import context as log_context


def remember_tenant(session: AsyncSession, dealership_id: int | None, user_id: int | None = None) -> None:
    """The request dependency's: record the tenant that the authenticating statement already set in this
    transaction (no round trip), so the session's next transactions carry it too."""
    session.info["dealership_id"] = dealership_id
    session.info["user_id"] = user_id
    log_context.bind(dealership_id=dealership_id, user_id=user_id)


@contextlib.asynccontextmanager
async def acting_for(
    session: AsyncSession, dealership_id: int | None, user_id: int | None = None
) -> AsyncIterator[AsyncSession]:
    """Within the block, ``session`` acts for ``dealership_id`` (and ``user_id``), in its current transaction and
    the ones it begins; afterwards for whom it acted before. What the block added or changed is flushed before the
    block ends, as that tenant. Use it outside savepoints: a setting made inside one that rolls back is undone
    while the session still names it."""
    before = session.info.get("dealership_id"), session.info.get("user_id")
    if before == (dealership_id, user_id):
        yield session
        return
    await apply_tenant(session, dealership_id, user_id)
    log_context.bind(dealership_id=dealership_id, user_id=user_id)
    try:
        yield session
    except BaseException:
        session.info["dealership_id"], session.info["user_id"] = before  # the transaction is rolled back anyway
        raise
    if session.in_transaction():
        await session.flush()
    await apply_tenant(session, *before)
