"""The CRM hand-off: its settings (admins), a lead's sends and a person's re-send, and the ``crm.send`` job.

The job reads the hand-off and builds the ADF in one short transaction (taking a lease so a second job of the same
hand-off does nothing), e-mails it with no transaction open, and records sent or the error in a second; a failure is
retried with back-off (1 min, 5 min, 30 min, 2 h, 6 h), then the hand-off is failed with the reason. The e-mail's
Message-ID (``<crm-<id>@domain>``) is fixed by the first attempt, so a send repeated after a crash is the same
message. The body is the ADF XML as text/plain, as VinSolutions, Elead and DealerSocket read lead e-mails.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record
from showroom.bounces.address import HandoffRef, token_body
from showroom.errors import Conflict, NotFound, ServiceUnavailable
from showroom.integrations.crm import document
from showroom.integrations.crm.adf import write_adf
from showroom.integrations.crm.outbox import QUEUE, crm_settings, handoff_row
from showroom.integrations.crm.schemas import CrmSettings
from showroom.mail import Email, new_message_id
from showroom.models import CrmHandoff, Dealership, Lead
from showroom.queue import defer
from showroom.services import Services
from showroom.vocabulary import CrmHandoffStatus, CrmHandoffTrigger

RETRY_DELAYS = tuple(timedelta(seconds=s) for s in (60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600))
LEASE = timedelta(minutes=2)
MAX_LINE = 990  # SMTP allows 998 characters a line


async def _dealership(session: AsyncSession, dealership_id: int) -> Dealership:
    dealership = await session.get(Dealership, dealership_id)
    if dealership is None:
        raise NotFound("dealership not found")
    return dealership


async def get_settings(session: AsyncSession, dealership_id: int) -> CrmSettings:
    return CrmSettings.model_validate(crm_settings((await _dealership(session, dealership_id)).settings))


async def update_settings(session: AsyncSession, dealership_id: int, body: CrmSettings, actor: Actor) -> CrmSettings:
    dealership = await _dealership(session, dealership_id)
    before = crm_settings(dealership.settings)
    after = body.model_dump(mode="json")
    dealership.settings = {**(dealership.settings or {}), "crm": after}
    await session.flush()
    await record(
        session,
        actor,
        "crm_settings.update",
        dealership_id=dealership_id,
        resource_type="dealership",
        resource_id=dealership_id,
        before=before,
        after=after,
    )
    return body


async def _lead(session: AsyncSession, dealership_id: int, lead_id: uuid.UUID) -> Lead:
    lead = await session.scalar(select(Lead).where(Lead.id == lead_id, Lead.dealership_id == dealership_id))
    if lead is None:
        raise NotFound("lead not found", field="lead_id")
    return lead


async def list_handoffs(session: AsyncSession, dealership_id: int, lead_id: uuid.UUID) -> list[CrmHandoff]:
    await _lead(session, dealership_id, lead_id)
    query = select(CrmHandoff).where(CrmHandoff.dealership_id == dealership_id, CrmHandoff.lead_id == lead_id)
    return list((await session.scalars(query.order_by(CrmHandoff.created_at.desc(), CrmHandoff.id))).all())


async def resend(session: AsyncSession, dealership_id: int, lead_id: uuid.UUID, actor: Actor) -> CrmHandoff:
    """Send the lead to the CRM again now (``<prospect status="resend">``, the same ``<id>``, so the CRM updates
    the lead it has instead of making a second)."""
    lead = await _lead(session, dealership_id, lead_id)
    crm = crm_settings((await _dealership(session, dealership_id)).settings)
    if not crm.get("email"):
        raise Conflict("no CRM address is set: add it under Settings > CRM first", field="crm.email")
    row = handoff_row(dealership_id, lead.id, CrmHandoffTrigger.resend, crm["email"], actor.user_id)
    handoff = CrmHandoff(**row)
    session.add(handoff)
    await session.flush()
    await schedule(session, handoff)
    await record(
        session,
        actor,
        "crm_handoff.resend",
        dealership_id=dealership_id,
        resource_type="lead",
        resource_id=lead.id,
        after={"handoff_id": str(handoff.id), "to": handoff.to_address},
    )
    return handoff


async def schedule(session: AsyncSession, handoff: CrmHandoff) -> None:
    await defer(
        session,
        "crm.send",
        queue=QUEUE,
        at=handoff.next_attempt_at,
        lock=f"crm-handoff:{handoff.id}",
        dealership_id=handoff.dealership_id,
        handoff_id=str(handoff.id),
    )


async def send(session: AsyncSession, services: Services, handoff_id: uuid.UUID) -> str:
    """The ``crm.send`` job (``session`` acts for the dealership, no transaction open)."""
    async with session.begin():
        handoff = await session.get(CrmHandoff, handoff_id, with_for_update=True, populate_existing=True)
        now = datetime.now(UTC)
        if handoff is None or handoff.status != CrmHandoffStatus.queued:
            return "nothing to do"
        if handoff.next_attempt_at is not None and handoff.next_attempt_at > now:
            return "not due"
        lead = await document.build(
            session, handoff.lead_id, services.settings.base_url, resend=handoff.trigger == CrmHandoffTrigger.resend
        )
        if lead is None:
            handoff.status, handoff.last_error, handoff.next_attempt_at = (
                CrmHandoffStatus.failed,
                "the lead is gone",
                None,
            )
            return "failed"
        handoff.adf = write_adf(lead)
        handoff.message_id = handoff.message_id or new_message_id(services.settings.mail_from, key=f"crm-{handoff.id}")
        lease = handoff.next_attempt_at = now + LEASE
        email = Email(
            to=[handoff.to_address],
            subject=document.subject(lead),
            text=handoff.adf,
            headers={"Message-ID": handoff.message_id, "X-Showroom-Lead": str(handoff.lead_id)},
            bounce_token=token_body(HandoffRef(handoff.dealership_id, handoff.id)),  # a bounce fails the hand-off
            # The XML as written (no quoted-printable "=3D" for a CRM that reads the raw body), within SMTP's lines.
            text_encoding="8bit" if max(map(len, handoff.adf.splitlines())) <= MAX_LINE else None,
        )
    try:  # no transaction is open here
        await services.mailer.send(email)
        error = None
    except (OSError, ServiceUnavailable) as exc:
        error = str(exc)[:500]
    async with session.begin():
        handoff = await session.get(CrmHandoff, handoff_id, with_for_update=True, populate_existing=True)
        if handoff is None or handoff.status != CrmHandoffStatus.queued or handoff.next_attempt_at != lease:
            return "superseded"
        return await _record(session, handoff, error)


async def _record(session: AsyncSession, handoff: CrmHandoff, error: str | None) -> str:
    now = datetime.now(UTC)
    handoff.attempts += 1
    handoff.last_error = error
    if error is None:
        handoff.status, handoff.sent_at, handoff.next_attempt_at = CrmHandoffStatus.sent, now, None
        return "sent"
    if handoff.attempts > len(RETRY_DELAYS):
        handoff.status, handoff.next_attempt_at = CrmHandoffStatus.failed, None
        return "failed"
    handoff.next_attempt_at = now + RETRY_DELAYS[handoff.attempts - 1]
    await schedule(session, handoff)
    return "failed, retrying"


def out(handoff: CrmHandoff) -> dict[str, Any]:
    return {c.key: getattr(handoff, c.key) for c in CrmHandoff.__table__.columns}
