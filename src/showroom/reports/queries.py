"""The report's per-source and per-salesperson breakdown: one statement per dimension, aggregated by PostgreSQL.

Each row of the union is one lead created in the period (counted in ``leads``, ``appointment_or_later``, ``sold``),
one appointment booked in the period (``appointments_set``), or one appointment due in it and not cancelled
(``shown``, ``no_show``); an appointment counts for its lead's source, and for the salesperson who runs it (else
the lead's). Under RLS every table is filtered to the dealership.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

REACHED_APPOINTMENT = ("appointment", "negotiation", "sold")

_UNION = """
select {key} as key, 1 as leads, (l.status = any(:reached))::int as reached, (l.status = 'sold')::int as sold,
       0 as booked, 0 as shown, 0 as no_show
from leads l {join_lead}
where l.created_at >= :start and l.created_at < :end
union all
select {key}, 0, 0, 0, 1, 0, 0
from appointments a join leads l on l.id = a.lead_id {join_appointment}
where a.created_at >= :start and a.created_at < :end
union all
select {key}, 0, 0, 0, 0, (a.status = 'completed')::int, (a.status = 'no_show')::int
from appointments a join leads l on l.id = a.lead_id {join_appointment}
where a.starts_at >= :start and a.starts_at < :end and a.status <> 'cancelled'
"""

_GROUPED = """
select key, sum(leads) as leads, sum(reached) as reached, sum(sold) as sold, sum(booked) as booked,
       sum(shown) as shown, sum(no_show) as no_show
from ({union}) x
group by key
order by sum(leads) desc, key
"""

BY_SOURCE = text(
    _GROUPED.format(
        union=_UNION.format(
            key="coalesce(s.name, l.source)",
            join_lead="left join lead_sources s on s.id = l.source_id",
            join_appointment="left join lead_sources s on s.id = l.source_id",
        )
    )
)
BY_SALESPERSON = text(
    _GROUPED.format(
        union=_UNION.format(
            key="coalesce(u.name, u.email, 'Unassigned')",
            join_lead="left join users u on u.id = l.assigned_user_id",
            join_appointment="left join users u on u.id = coalesce(a.assigned_user_id, l.assigned_user_id)",
        )
    )
)


# Per conversation started in the period: its first customer message and the first AI or staff reply after it, each
# one probe of ix_messages_conversation_id_created_at (two short index scans per conversation, whatever its length;
# grouping the period's messages instead read all of them three times: 0.61 s for a week of 100,000-lead
# dealership's 1,000,000 messages, now ~0.05 s, bench/weekly_report).
FIRST_RESPONSE = text("""
select r.sender as who, count(*) as n,
       percentile_cont(0.5) within group (order by extract(epoch from r.created_at - q.created_at)) as median,
       percentile_cont(0.9) within group (order by extract(epoch from r.created_at - q.created_at)) as p90
from conversations c
cross join lateral (
    select m.created_at from messages m
    where m.conversation_id = c.id and m.sender = 'customer'
    order by m.created_at limit 1
) q
cross join lateral (
    select m.sender, m.created_at from messages m
    where m.conversation_id = c.id and m.created_at > q.created_at and m.sender in ('ai', 'agent')
    order by m.created_at limit 1
) r
where c.created_at >= :start and c.created_at < :end
group by r.sender
""")


@dataclass(frozen=True)
class Breakdown:
    name: str
    leads: int
    appointment_or_later: int  # leads of the period that reached appointment, negotiation or sold
    sold: int
    appointments_set: int
    shown: int
    no_show: int

    @property
    def show_rate(self) -> float | None:
        decided = self.shown + self.no_show
        return self.shown / decided if decided else None


async def breakdown(session: AsyncSession, statement: Any, start: datetime, end: datetime) -> list[Breakdown]:
    rows = await session.execute(statement, {"start": start, "end": end, "reached": list(REACHED_APPOINTMENT)})
    return [Breakdown(str(r.key), *(int(v) for v in r[1:])) for r in rows]
