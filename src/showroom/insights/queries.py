"""Set-based statements of lead scoring: the daily decay of quiet leads."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.insights.scoring import LABELS
from showroom.vocabulary import LeadStatus

DECAY_VERSION = "decay-1"
OPEN = [s.value for s in LeadStatus if s not in (LeadStatus.sold, LeadStatus.lost, LeadStatus.archived)]

# One statement: the open leads with a score, quiet (no contact, else created) for more than the grace days and not
# decayed in the last 20 hours (the job may run twice a day: it decays once), lose their share; each gets its
# history row with the factor, in the shape of scoring.Scored.factors (mirrors scoring.decayed).
DECAY = text("""
WITH quiet AS (
    SELECT id, lead_score,
           floor(extract(epoch FROM now() - coalesce(last_contact_date, created_at)) / 86400)::int AS days
    FROM leads
    WHERE lead_score > 0 AND status = any(:open)
      AND coalesce(last_contact_date, created_at) < now() - make_interval(days => :grace + 1)
      AND NOT EXISTS (
          SELECT 1 FROM lead_scores s
          WHERE s.lead_id = leads.id AND s.model_version = :version AND s.created_at > now() - interval '20 hours')
    FOR NO KEY UPDATE SKIP LOCKED
), decayed AS (
    UPDATE leads l SET lead_score = q.lead_score - greatest(1, floor(q.lead_score * :percent / 100.0))::int
    FROM quiet q WHERE l.id = q.id
    RETURNING l.id, l.dealership_id, q.lead_score AS before, l.lead_score AS after, q.days
)
INSERT INTO lead_scores (id, dealership_id, lead_id, score, factors, model_version)
SELECT gen_random_uuid(), dealership_id, id, after,
       jsonb_build_object('previous', before, 'raised', '[]'::jsonb, 'lowered', jsonb_build_array(jsonb_build_object(
           'name', 'quiet', 'label', :label || ': no reply for ' || days || ' days', 'points', after - before))),
       :version
FROM decayed
""")


async def decay_quiet_leads(session: AsyncSession, weights: Mapping[str, int]) -> int:
    """Decay the caller's dealership's quiet leads (RLS scopes it); the number decayed."""
    if not weights["quiet_decay_percent"]:
        return 0
    params = {
        "open": OPEN,
        "grace": weights["quiet_grace_days"],
        "percent": weights["quiet_decay_percent"],
        "version": DECAY_VERSION,
        "label": LABELS["quiet"],
    }
    result = await session.execute(DECAY, params)
    return int(getattr(result, "rowcount", 0) or 0)
