"""The fixed statements of leads, sent straight through psycopg on the session's connection (``db.engine.fetch_one``):
intake's, which run for every lead, and the plain read of one lead for read-only endpoints."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.db.engine import fetch_all, fetch_one

LOCK_NAMESPACE = "showroom-intake:"


async def lock(session: AsyncSession, dealership_id: int, *keys: str | None) -> None:
    """Transaction-level advisory locks on the keys given (None: skipped), in one round trip and in sorted order,
    so two transactions that want some of the same keys cannot deadlock."""
    names = sorted({LOCK_NAMESPACE + key for key in keys if key})
    if names:
        await fetch_one(
            session,
            "select pg_advisory_xact_lock(%(d)s, hashtext(k)) from unnest(%(ks)s::text[]) as k",
            {"d": dealership_id, "ks": names},
        )


@dataclass(frozen=True)
class LeadSlots:
    """What a new lead takes: its source (counted), its number, its assignee, and the units it names."""

    source_id: uuid.UUID
    source_name: str  # as staff named it: a renamed or merged source keeps the provider's leads
    lead_number: str
    assignee: int | None
    ours: dict[str, int]  # our vehicles the lead names, by ``vin:…`` and ``stock:…``


# One round trip: the lead source is found by its provider key (a renamed or merged source keeps its providers'
# keys), else by its name (a source made before keys, or by staff: the key is added), and counted, or created on
# first sight (data-modifying CTEs; the caller holds the ``source:<key>`` lock, so two intakes of a new provider make
# one source); then the last lead number of the year, the round-robin assignee (the active sales user given a lead
# longest ago, never first; a member of the new-leads team when there is one; nobody away) and our units named by
# VIN or stock number. RLS keeps every part to the session's dealership; = ANY on the vehicle columns is leakproof,
# so the (dealership_id, vin) and stock indexes serve it.
LEAD_SLOTS = """
with hit as (
  select id from lead_sources where %(key)s = any(provider_keys) or name = %(name)s
   order by %(key)s = any(provider_keys) desc, created_at limit 1
), bumped as (
  update lead_sources s set total_leads = s.total_leads + 1,
         provider_keys = case when %(key)s = any(s.provider_keys) then s.provider_keys
                              else array_append(s.provider_keys, %(key)s::varchar) end
    from hit where s.id = hit.id returning s.id, s.name
), made as (
  insert into lead_sources (dealership_id, name, type, total_leads, provider_keys)
  select %(d)s, %(name)s, %(type)s, 1, array[%(key)s]::varchar[] where not exists (select 1 from hit)
  returning id, name
)
select coalesce((select id from bumped), (select id from made)) as source_id,
       coalesce((select name from bumped), (select name from made)) as source_name,
       (select lead_number from leads
         where lead_number >= %(prefix)s and lead_number < %(after)s order by lead_number desc limit 1) as last,
       (select u.id from users u
         where %(round_robin)s and u.is_active and not u.is_away
           and (cardinality(%(team)s::int[]) = 0 or u.id = any(%(team)s::int[]))
           and (cardinality(%(team)s::int[]) > 0 or u.role in ('user', 'manager'))
         order by (select max(l.created_at) from leads l where l.assigned_user_id = u.id) asc nulls first, u.id
         limit 1) as assignee,
       (select coalesce(jsonb_agg(jsonb_build_array(v.id, v.vin, v.stock_number)), '[]'::jsonb) from vehicles v
         where v.vin = any(%(vins)s::text[]) or v.stock_number = any(%(stocks)s::text[])) as ours
"""


async def lead_slots(
    session: AsyncSession,
    dealership_id: int,
    *,
    source_name: str,
    source_key: str,
    source_type: str,
    when: datetime,
    round_robin: bool,
    vins: list[str],
    team: tuple[int, ...] = (),
    stocks: list[str],
) -> LeadSlots:
    """:data:`LEAD_SLOTS` for a lead received ``when``; its number is ``LEAD-YY-00001``, sequential per dealership
    and year. The caller holds the locks ``lead-number:YY`` and ``round-robin`` (``leads.intake``), so two intakes
    cannot take the same number or the same turn."""
    prefix = f"LEAD-{when.year % 100:02d}-"
    row = await fetch_one(
        session,
        LEAD_SLOTS,
        {
            "d": dealership_id,
            "name": source_name,
            "key": source_key,
            "type": source_type,
            "prefix": prefix,
            "after": prefix[:-1] + ".",
            "round_robin": round_robin,
            "team": list(team),
            "vins": vins,
            "stocks": stocks,
        },
    )
    assert row is not None  # the CTE inserts or counts exactly one source row
    assert row["source_id"] is not None
    last = row["last"]
    ours: dict[str, int] = {}
    for vehicle_id, vin, stock in row["ours"]:
        ours[f"vin:{vin}"] = vehicle_id
        if stock:
            ours[f"stock:{stock}"] = vehicle_id
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return LeadSlots(row["source_id"], row["source_name"], f"{prefix}{sequence:05d}", row["assignee"], ours)


async def lead_row(session: AsyncSession, lead_id: uuid.UUID) -> dict[str, Any] | None:
    """One lead as a plain row (RLS: only the session's dealership's)."""
    return await fetch_one(session, "select * from leads where id = %s", (lead_id,))


async def lead_by_key(session: AsyncSession, source_key: str) -> uuid.UUID | None:
    """The id of the lead with this dedupe key, if any (``uq_leads_dealership_id_source_key`` serves it)."""
    row = await fetch_one(session, "select id from leads where source_key = %s", (source_key,))
    return None if row is None else row["id"]


async def customers_by_contact(session: AsyncSession, email: str | None, phone: str | None) -> list[uuid.UUID]:
    """The ids of the customers with this normalised e-mail or E.164 phone (their unique indexes serve it)."""
    rows = await fetch_all(
        session,
        "select id from customers where email_normalized = %(e)s or phone_e164 = %(p)s",
        {"e": email, "p": phone},
    )
    return [row["id"] for row in rows]
