"""The dashboard: leads today and this week and the open handovers, then, for a date range (``from`` and ``to``,
local days, inclusive; the last 7 days by default), the scheduled report's figures (``reports.figures``: leads per
day, first-response times of the AI and of staff, AI-handled vs handed over, the handover SLA, appointments set and
shown, the funnel, cost per lead) and their breakdown per source and per salesperson, each chart drawn from them.

Every figure is an aggregate query over the dealership's rows (RLS-scoped), in the dealership's time zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.errors import ValidationFailed
from showroom.leads import sources as lead_sources
from showroom.reports import figures as report_figures
from showroom.reports.periods import Period, local_instant
from showroom.web import charts
from showroom.web.deps import HtmlRoute, Staff, StaffPage
from showroom.web.filters import label

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)


@dataclass
class Figures:
    leads_today: int
    leads_week: int
    per_day: list[tuple[str, int]]
    first_reply_median_s: float | None
    first_reply_ai_s: float | None
    claim_median_s: float | None
    ai_handled: int
    handed_over: int
    sources: list[tuple[str, int]]
    open_handovers: int
    appointments_set: int = 0  # booked in the last 30 days
    appointments_shown: int = 0  # visits of the last 30 days marked shown
    appointments_missed: int = 0  # ... and marked no-show

    @property
    def show_rate(self) -> str:
        marked = self.appointments_shown + self.appointments_missed
        return f"{100 * self.appointments_shown / marked:.0f}%" if marked else "—"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


_RESPONSE_SQL = text("""
    select percentile_cont(0.5) within group (order by extract(epoch from first_out - first_in)) as median_all,
           percentile_cont(0.5) within group (order by extract(epoch from first_out - first_in))
               filter (where first_sender = 'ai') as median_ai
    from (
        select coalesce(min(m.created_at) filter (where m.type = 'inbound'), c.created_at) as first_in,
               min(m.created_at) filter (where m.type = 'outbound' and m.sender in ('ai', 'agent')) as first_out,
               (array_agg(m.sender order by m.created_at) filter (
                    where m.type = 'outbound' and m.sender in ('ai', 'agent')))[1] as first_sender
        from conversations c join messages m on m.conversation_id = c.id
        where c.created_at >= :since and c.created_at < :until
        group by c.id, c.created_at
    ) r
    where first_out is not null and first_out >= first_in
""")


MAX_DAYS = 366


@dataclass(frozen=True)
class DateRange:
    first: date  # local days, inclusive
    last: date
    period: Period

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def date_range(params: Mapping[str, str], tz: str, now: datetime | None = None) -> DateRange:
    """The range asked for (``from``, ``to``: YYYY-MM-DD), else the last 7 days; a bad one is a 422 naming it."""
    zone = ZoneInfo(tz)
    today = (now or datetime.now(UTC)).astimezone(zone).date()
    found: dict[str, date] = {}
    for name, default in (("from", today - timedelta(days=6)), ("to", today)):
        raw = (params.get(name) or "").strip()
        try:
            found[name] = date.fromisoformat(raw) if raw else default
        except ValueError:
            raise ValidationFailed(f"{raw!r} is not a date like 2026-12-01", field=name) from None
    first, last = found["from"], found["to"]
    if first > last:
        raise ValidationFailed("the range ends before it starts", field="to")
    if (last - first).days + 1 > MAX_DAYS:
        raise ValidationFailed(f"a range is at most {MAX_DAYS} days", field="from")
    midnight = time(0, 0)
    period = Period(local_instant(first, midnight, zone), local_instant(last + timedelta(days=1), midnight, zone))
    return DateRange(first, last, period)


async def figures(
    session: AsyncSession, tz: str, now: datetime | None = None, range_: DateRange | None = None
) -> Figures:
    """The tiles (today, this week, open handovers) and, for ``range_`` (the last 7 days by default), leads per
    day, first replies, handover claims, AI-handled vs handed over and the top sources."""
    zone = ZoneInfo(tz)
    now = (now or datetime.now(UTC)).astimezone(zone)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week = today - timedelta(days=today.weekday())
    range_ = range_ or date_range({}, tz, now)
    since7, until = range_.period.start, range_.period.end
    counts = (
        await session.execute(
            text(
                "select count(*) filter (where created_at >= :today), count(*) filter (where created_at >= :week) "
                "from leads where created_at >= least(:today, :week)"
            ),
            {"today": today, "week": week},
        )
    ).one()
    days: dict[Any, int] = {
        row[0]: int(row[1])
        for row in (
            await session.execute(
                text(
                    "select (created_at at time zone :tz)::date as day, count(*) from leads "
                    "where created_at >= :since and created_at < :until group by day"
                ),
                {"tz": tz, "since": since7, "until": until},
            )
        ).all()
    }
    per_day = []
    for i in range(range_.days):
        day = range_.first + timedelta(days=i)
        per_day.append((f"{day.day} {day:%b}", int(days.get(day, 0))))
    window = {"since": since7, "until": until}
    response = (await session.execute(_RESPONSE_SQL, window)).one()
    claim = await session.scalar(
        text(
            "select percentile_cont(0.5) within group (order by extract(epoch from claimed_at - requested_at)) "
            "from handovers where requested_at >= :since and requested_at < :until and claimed_at is not null"
        ),
        window,
    )
    split = (
        await session.execute(
            text(
                "select count(*) filter (where not exists (select 1 from handovers h where h.conversation_id = c.id)),"
                " count(*) filter (where exists (select 1 from handovers h where h.conversation_id = c.id)) "
                "from conversations c where c.created_at >= :since and c.created_at < :until"
            ),
            window,
        )
    ).one()
    sources = (
        await session.execute(
            text(  # by lead source (the provider, as staff named it), else the channel
                "select coalesce(s.name, l.source) as name, count(*) as n from leads l "
                "left join lead_sources s on s.id = l.source_id where l.created_at >= :since "
                "and l.created_at < :until group by 1 order by n desc, 1 limit 6"
            ),
            window,
        )
    ).all()
    visits = (
        await session.execute(
            text(
                "select count(*) filter (where created_at >= :since), "
                "count(*) filter (where status = 'completed' and starts_at >= :since and starts_at <= :now), "
                "count(*) filter (where status = 'no_show' and starts_at >= :since and starts_at <= :now) "
                "from appointments where created_at >= :since or starts_at >= :since"
            ),
            {"since": now - timedelta(days=30), "now": now},
        )
    ).one()
    open_handovers = await session.scalar(
        text("select count(*) from handovers where status in ('pending', 'accepted', 'in_progress')")
    )
    return Figures(
        leads_today=int(counts[0]),
        leads_week=int(counts[1]),
        per_day=per_day,
        first_reply_median_s=None if response[0] is None else float(response[0]),
        first_reply_ai_s=None if response[1] is None else float(response[1]),
        claim_median_s=None if claim is None else float(claim),
        ai_handled=int(split[0]),
        handed_over=int(split[1]),
        sources=[(str(s) if s and s[0].isupper() else label(s), int(n)) for s, n in sources],
        open_handovers=int(open_handovers or 0),
        appointments_set=int(visits[0]),
        appointments_shown=int(visits[1]),
        appointments_missed=int(visits[2]),
    )


def _listing(items: list[tuple[str, int]]) -> str:
    return ", ".join(f"{name} {n}" for name, n in items) or "none"


async def render_dashboard(staff: Staff) -> HTMLResponse:
    tz = staff.dealership.timezone
    try:
        range_ = date_range(staff.request.query_params, tz)
    except ValidationFailed as exc:
        return staff.render(
            "dashboard.html", 422, error=exc.detail, f=None, r=None, span=None, query=staff.request.query_params
        )
    f = await figures(staff.session, tz, range_=range_)
    report = await report_figures.build(staff.session, range_.period)
    costs = await lead_sources.figures(staff.session, lead_sources.month_start(tz))
    when = range_.period.label()
    people = [(b.name, b.leads) for b in report.salespeople if b.leads]
    return staff.render(
        "dashboard.html",
        f=f,
        r=report,
        span=range_,
        costs=[c for c in costs if c.leads or c.source.monthly_cost is not None],
        duration=duration,
        per_day=charts.columns(f.per_day, f"Leads per day, {when}: " + _listing(f.per_day)),
        sources=charts.bars(f.sources, f"Top lead sources, {when}: " + _listing(f.sources)),
        people=charts.bars(people[:8], f"Leads by salesperson, {when}: " + _listing(people)),
        funnel=charts.bars(report.funnel, f"From lead to sold, {when}: " + _listing(report.funnel)),
        split=charts.split(
            [("AI-handled", f.ai_handled, "bar-a"), ("Handed over", f.handed_over, "bar-b")],
            f"Conversations, {when}: {f.ai_handled} handled by the AI, {f.handed_over} handed over",
        ),
    )


@router.get("/app")
async def dashboard(staff: StaffPage) -> HTMLResponse:
    return await render_dashboard(staff)
