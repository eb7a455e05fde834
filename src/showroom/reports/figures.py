"""A report's figures for one period, read under the dealership's RLS: plain numbers, rendered elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.models import Appointment, Conversation, Handover, Lead, LeadSource, PromptExperiment, User
from showroom.reports import queries
from showroom.reports.periods import Period
from showroom.vocabulary import AppointmentStatus, ExperimentStatus, LeadStatus, Sender

FUNNEL = (
    ("Leads", LeadStatus.new),
    ("Contacted", LeadStatus.contacted),
    ("Qualified", LeadStatus.qualified),
    ("Appointment", LeadStatus.appointment),
    ("Negotiation", LeadStatus.negotiation),
    ("Sold", LeadStatus.sold),
)
RANK = {status: i for i, (_, status) in enumerate(FUNNEL)}
DAYS_PER_MONTH = 30.44


@dataclass
class ResponseTimes:
    replies: int = 0
    median_seconds: float | None = None
    p90_seconds: float | None = None


@dataclass
class Appointments:
    """Visits booked in the period (``set``, by who booked them), and those due in it (``due``: not cancelled) with
    their outcome: shown, no-show, or not recorded yet."""

    set: int = 0
    set_by: list[tuple[str, int]] = field(default_factory=list)  # agent, staff, customer_link
    due: int = 0
    shown: int = 0
    no_show: int = 0

    @property
    def show_rate(self) -> float | None:
        """Shown among those with an outcome recorded (a pending one counts neither way)."""
        decided = self.shown + self.no_show
        return self.shown / decided if decided else None


@dataclass
class Figures:
    period: Period
    leads: int = 0
    by_source: list[tuple[str, int]] = field(default_factory=list)
    by_salesperson: list[tuple[str, int]] = field(default_factory=list)
    cost_per_lead: list[tuple[str, int, int | None]] = field(default_factory=list)  # source, leads, cents per lead
    first_response: dict[str, ResponseTimes] = field(default_factory=dict)  # "ai", "staff"
    conversations: int = 0
    handed_over: int = 0
    handovers: int = 0
    sla_met: int = 0
    funnel: list[tuple[str, int]] = field(default_factory=list)
    experiments: list[tuple[str, str]] = field(default_factory=list)  # name, status
    appointments: Appointments = field(default_factory=Appointments)
    sources: list[queries.Breakdown] = field(default_factory=list)  # per source: leads, funnel, appointments
    salespeople: list[queries.Breakdown] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.leads or self.conversations or self.handovers or self.appointments.set or self.appointments.due
        )

    @property
    def ai_handled(self) -> int:
        return self.conversations - self.handed_over


def _in(column: Any, period: Period) -> Any:
    return and_(column >= period.start, column < period.end)


async def _leads(session: AsyncSession, figures: Figures) -> None:
    period = figures.period
    source_name = func.coalesce(LeadSource.name, Lead.source)
    rows = (
        await session.execute(
            select(source_name, func.count(), func.max(LeadSource.monthly_cost))
            .select_from(Lead)
            .outerjoin(LeadSource, LeadSource.id == Lead.source_id)
            .where(_in(Lead.created_at, period))
            .group_by(source_name)
            .order_by(func.count().desc(), source_name)
        )
    ).all()
    figures.by_source = [(str(name), int(n)) for name, n, _ in rows]
    figures.leads = sum(n for _, n in figures.by_source)
    days = (period.end - period.start).total_seconds() / 86400
    figures.cost_per_lead = [
        (str(name), int(n), round(cost * days / DAYS_PER_MONTH / n) if cost else None) for name, n, cost in rows
    ]
    person = func.coalesce(User.name, User.email, literal_column("'Unassigned'"))
    people = (
        await session.execute(
            select(person, func.count())
            .select_from(Lead)
            .outerjoin(User, User.id == Lead.assigned_user_id)
            .where(_in(Lead.created_at, period))
            .group_by(person)
            .order_by(func.count().desc(), person)
        )
    ).all()
    figures.by_salesperson = [(str(name), int(n)) for name, n in people]
    by_status = select(Lead.status, func.count()).where(_in(Lead.created_at, period)).group_by(Lead.status)
    statuses: dict[str, int] = {str(s): int(n) for s, n in (await session.execute(by_status)).all()}
    reached = []
    for label, status in FUNNEL:
        count = sum(n for s, n in statuses.items() if RANK.get(LeadStatus(s), -1) >= RANK[status])
        reached.append((label, count if status != LeadStatus.new else figures.leads))
    figures.funnel = reached


async def _response_times(session: AsyncSession, figures: Figures) -> None:
    """Per conversation started in the period: from its first customer message to the first reply, by who replied
    (``queries.FIRST_RESPONSE``)."""
    period = figures.period
    rows = await session.execute(queries.FIRST_RESPONSE, {"start": period.start, "end": period.end})
    found = {str(w): ResponseTimes(int(n), float(m), float(p)) for w, n, m, p in rows}
    figures.first_response = {
        "ai": found.get(Sender.ai, ResponseTimes()),
        "staff": found.get(Sender.agent, ResponseTimes()),
    }


async def _handling(session: AsyncSession, figures: Figures) -> None:
    period = figures.period
    handed = select(Handover.id).where(Handover.conversation_id == Conversation.id).exists()
    row = (
        await session.execute(
            select(func.count(), func.count().filter(handed)).where(_in(Conversation.created_at, period))
        )
    ).one()
    figures.conversations, figures.handed_over = int(row[0]), int(row[1])
    met = case((and_(Handover.claimed_at.is_not(None), Handover.claimed_at <= Handover.sla_due_at), 1), else_=0)
    row = (
        await session.execute(
            select(func.count(), func.coalesce(func.sum(met), 0)).where(
                _in(Handover.requested_at, period), Handover.sla_due_at.is_not(None)
            )
        )
    ).one()
    figures.handovers, figures.sla_met = int(row[0]), int(row[1])
    running = (
        await session.execute(
            select(PromptExperiment.name, PromptExperiment.status)
            .where(PromptExperiment.status.in_([ExperimentStatus.running, ExperimentStatus.paused]))
            .order_by(PromptExperiment.name)
        )
    ).all()
    figures.experiments = [(str(n), str(s)) for n, s in running]


async def _appointments(session: AsyncSession, figures: Figures) -> None:
    period = figures.period
    booked = (
        await session.execute(
            select(Appointment.source, func.count())
            .where(_in(Appointment.created_at, period))
            .group_by(Appointment.source)
            .order_by(func.count().desc(), Appointment.source)
        )
    ).all()
    a = figures.appointments
    a.set_by = [(str(source), int(n)) for source, n in booked]
    a.set = sum(n for _, n in a.set_by)
    status = Appointment.status
    row = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(status == AppointmentStatus.completed),
                func.count().filter(status == AppointmentStatus.no_show),
            ).where(_in(Appointment.starts_at, period), status != AppointmentStatus.cancelled)
        )
    ).one()
    a.due, a.shown, a.no_show = int(row[0]), int(row[1]), int(row[2])


async def build(session: AsyncSession, period: Period) -> Figures:
    figures = Figures(period)
    await _leads(session, figures)
    await _response_times(session, figures)
    await _handling(session, figures)
    await _appointments(session, figures)
    figures.sources = await queries.breakdown(session, queries.BY_SOURCE, period.start, period.end)
    figures.salespeople = await queries.breakdown(session, queries.BY_SALESPERSON, period.start, period.end)
    return figures


def when(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
