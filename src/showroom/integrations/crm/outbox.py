"""The CRM hand-off's outbox: a lead that meets the dealership's rule gets a ``crm_handoffs`` row and a ``crm.send``
job in the transaction of the change, so the CRM hears of it iff the change commits.

As for outbound webhooks (``integrations.webhooks_out.outbox``), mapper events note what happened while the session
flushes (a lead created; a lead whose status moved past "contacted": qualified, an appointment, a negotiation, a
sale; a handover to a person), and once the flush is written the rule in ``dealerships.settings.crm`` decides:
``new_lead`` sends each new lead, ``qualified`` sends a lead once, the first time it is qualified or handed over.
Every writer (the turn, intake, the staff API, the booking) triggers it without knowing about CRMs.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, exists, insert, inspect, select
from sqlalchemy.orm import Mapper, Session, object_session
from sqlalchemy.orm.attributes import get_history

from showroom.db.engine import OrderedSession
from showroom.models import CrmHandoff, Dealership, Handover, Lead
from showroom.vocabulary import CrmHandoffTrigger, CrmSendWhen, LeadStatus

QUEUE = "crm"
PENDING = "crm_handoffs"
QUALIFIED = frozenset({LeadStatus.qualified, LeadStatus.appointment, LeadStatus.negotiation, LeadStatus.sold})

_DEFER_MANY = (
    "select count(*) as n from unnest(procrastinate_defer_jobs_v1(array(select row(%(queue)s::text, "
    "%(task)s::text, 0, 'crm-handoff:' || h, null::text, jsonb_build_object('dealership_id', %(dealership_id)s::int, "
    "'handoff_id', h), null::timestamptz)::procrastinate_job_to_defer_v1 from unnest(%(ids)s::text[]) as h)))"
)


def _note(target: Any, lead_id: Any, trigger: CrmHandoffTrigger) -> None:
    session = object_session(target)
    dealership_id = inspect(target).dict.get("dealership_id")
    if session is not None and dealership_id is not None and lead_id is not None:
        session.info.setdefault(PENDING, []).append((int(dealership_id), lead_id, trigger))


@event.listens_for(Lead, "after_insert")
def _lead_created(mapper: Mapper[Any], connection: Any, target: Lead) -> None:
    _note(target, target.id, CrmHandoffTrigger.new_lead)


@event.listens_for(Lead, "after_update")
def _lead_updated(mapper: Mapper[Any], connection: Any, target: Lead) -> None:
    history = get_history(target, "status")
    if history.added and history.added[0] in QUALIFIED and not any(s in QUALIFIED for s in history.deleted):
        _note(target, target.id, CrmHandoffTrigger.qualified)


@event.listens_for(Handover, "after_insert")
def _handed_over(mapper: Mapper[Any], connection: Any, target: Handover) -> None:
    _note(target, inspect(target).dict.get("lead_id"), CrmHandoffTrigger.handed_over)


def wanted(send_when: str, trigger: CrmHandoffTrigger) -> bool:
    if send_when == CrmSendWhen.new_lead:
        return trigger is CrmHandoffTrigger.new_lead
    return trigger in (CrmHandoffTrigger.qualified, CrmHandoffTrigger.handed_over)


def crm_settings(settings: dict[str, Any] | None) -> dict[str, Any]:
    """The dealership's ``settings.crm`` ({email, send_when}), with the default rule."""
    crm = dict((settings or {}).get("crm") or {})
    crm.setdefault("send_when", CrmSendWhen.qualified.value)
    return crm


def handoff_row(dealership_id: int, lead_id: uuid.UUID, trigger: str, to: str, user_id: int | None) -> dict[str, Any]:
    handoff_id = uuid.uuid4()
    return {
        "id": handoff_id,
        "dealership_id": dealership_id,
        "lead_id": lead_id,
        "trigger": trigger,
        "to_address": to,
        "next_attempt_at": datetime.now(UTC),
        "requested_by_user_id": user_id,
    }


def defer_sends(session: Session, dealership_id: int, ids: list[uuid.UUID]) -> None:
    """One ``crm.send`` job per hand-off, on the session's connection (same transaction)."""
    session.connection().exec_driver_sql(
        _DEFER_MANY,
        {
            "queue": QUEUE,
            "task": "showroom:crm.send",
            "dealership_id": dealership_id,
            "ids": [str(i) for i in ids],
        },
    )


@event.listens_for(OrderedSession, "after_flush_postexec")
def _write_handoffs(session: Session, flush_context: Any) -> None:
    noted = session.info.pop(PENDING, None)
    if not noted:
        return
    by_dealership: dict[int, dict[Any, CrmHandoffTrigger]] = {}
    for dealership_id, lead_id, trigger in noted:
        by_dealership.setdefault(dealership_id, {}).setdefault(lead_id, trigger)  # the first reason of a lead wins
    with session.no_autoflush:
        for dealership_id, leads in by_dealership.items():
            dealership = session.get(Dealership, dealership_id)  # usually in the session already: no statement
            crm = crm_settings(dealership.settings if dealership is not None else None)
            if not crm.get("email"):
                continue
            chosen = [(lead, trigger) for lead, trigger in leads.items() if wanted(crm["send_when"], trigger)]
            if crm["send_when"] == CrmSendWhen.qualified:
                chosen = [(lead, trigger) for lead, trigger in chosen if not _sent_before(session, lead)]
            if not chosen:
                continue
            rows = [handoff_row(dealership_id, lead, trigger, crm["email"], None) for lead, trigger in chosen]
            session.execute(insert(CrmHandoff), rows)
            defer_sends(session, dealership_id, [row["id"] for row in rows])


def _sent_before(session: Session, lead_id: Any) -> bool:
    """Whether the lead went to the CRM automatically already (a person's re-send does not count)."""
    query = select(exists().where(CrmHandoff.lead_id == lead_id, CrmHandoff.trigger != CrmHandoffTrigger.resend))
    return bool(session.execute(query).scalar())


@event.listens_for(OrderedSession, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)
