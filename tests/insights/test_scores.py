"""Scores people can read (issue 20): a reason per point, negative signals, per-dealership weights, decay of quiet
leads, hot leads, and the lead page's "why" and history chart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from showroom.brain.nlu.intents import understand
from showroom.db.engine import Database
from showroom.insights import scoring
from showroom.models import Lead, LeadScore
from showroom.queue import defer
from tests.conftest import Worker
from tests.factories import create_customer, create_lead
from tests.helpers import create_team, sign_in


def labels(factors: list[scoring.Factor]) -> list[str]:
    return [f.as_json()["label"] for f in factors]


def test_each_point_comes_with_its_reason() -> None:
    scored = scoring.score(understand("Can I test drive the Tucson this weekend?"), 0)
    assert scored.value == 10 + 25 + 8 + 2 * 5 + 15
    assert labels(scored.raised) == [
        "Asked for a test drive",
        "Searched the inventory",
        "Specific details given: make, model",
        "Wants to buy this week: this weekend",
    ]
    assert scored.lowered == []


def test_small_talk_keeps_the_score_and_negative_signals_lower_it() -> None:
    assert scoring.score(understand("ok thanks"), 60).value == 60
    assert scoring.score(understand("STOP"), 60).value == 0
    not_interested = scoring.score(understand("not interested anymore, thanks"), 60)
    assert (not_interested.value, labels(not_interested.lowered)) == (20, ["Said not interested"])
    complaint = scoring.score(understand("This is unacceptable, your salesman was rude"), 60)
    assert (complaint.value, labels(complaint.lowered)) == (40, ["Complained"])
    browsing = scoring.score(understand("just browsing for now"), 60)
    assert (browsing.value, labels(browsing.lowered)) == (45, ["Just browsing"])


def test_a_dealerships_weights_replace_the_defaults_and_bad_ones_are_refused() -> None:
    weights = scoring.weights({"test_drive": 40, "just_browsing": 0})
    assert scoring.score(understand("Can I book a test drive?"), 0, weights).value == 10 + 40
    assert scoring.score(understand("just browsing for now"), 50, weights).lowered == []
    with pytest.raises(scoring.BadWeights) as unknown:
        scoring.weights({"test_drives": 40})
    assert unknown.value.field == "test_drives"
    with pytest.raises(scoring.BadWeights):
        scoring.weights({"quiet_decay_percent": 150})


def test_a_quiet_lead_decays_after_the_grace_days() -> None:
    assert scoring.decayed(80, 3) is None
    after = scoring.decayed(80, 4)
    assert after is not None and after.value == 72 and labels(after.lowered) == ["Quiet: no reply for 4 days"]
    assert scoring.decayed(5, 10) is not None and scoring.decayed(5, 10).value == 4  # type: ignore[union-attr]


async def test_the_daily_job_decays_quiet_open_leads_once_a_day(app: FastAPI, db: Database, worker: Worker) -> None:
    team = await create_team(db)
    long_ago = datetime.now(UTC) - timedelta(days=10)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        quiet = await create_lead(maint, team.id, customer.id, lead_score=80, last_contact_date=long_ago)
        recent = await create_lead(maint, team.id, customer.id, lead_score=80, last_contact_date=datetime.now(UTC))
        sold = await create_lead(maint, team.id, customer.id, lead_score=80, status="sold", last_contact_date=long_ago)
    for run in range(2):  # twice the same day (a retry, two workers): decayed once
        async with db.maint_session() as maint, maint.begin():
            await defer(maint, "scores.decay_sweep", queue="maintenance", timestamp=run)
        await worker("maintenance")
    async with db.maint_session() as maint:
        scores = {
            lead.id: lead.lead_score
            for lead in (await maint.scalars(select(Lead).where(Lead.customer_id == customer.id)))
        }
        history = (await maint.scalars(select(LeadScore).where(LeadScore.lead_id == quiet.id))).all()
    assert scores == {quiet.id: 72, recent.id: 80, sold.id: 80}
    assert len(history) == 1 and history[0].score == 72
    assert history[0].factors["lowered"] == [{"name": "quiet", "label": "Quiet: no reply for 10 days", "points": -8}]


async def test_hot_leads_filter_follows_the_dealerships_threshold(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        hot = await create_lead(maint, team.id, customer.id, lead_score=85)
        warm = await create_lead(maint, team.id, customer.id, lead_score=45)
        await create_lead(maint, team.id, customer.id, lead_score=95, status="sold")
    admin = await sign_in(app, team.admin.email)
    found = (await admin.get("/api/v1/leads?hot=true")).json()["items"]
    assert [lead["id"] for lead in found] == [str(hot.id)]
    bad = await admin.patch("/api/v1/dealership", json={"settings": {"score_weights": {"hot": 40}}})
    assert bad.status_code == 422 and "unknown score weight 'hot'" in bad.text
    changed = await admin.patch("/api/v1/dealership", json={"settings": {"score_weights": {"hot_threshold": 40}}})
    assert changed.status_code == 200, changed.text
    found = (await admin.get("/api/v1/leads?hot=true&sort=-lead_score")).json()["items"]
    assert [lead["id"] for lead in found] == [str(hot.id), str(warm.id)]
    page = await admin.get("/app/leads?view=table&hot=true")
    assert page.status_code == 200 and "scored 40 or more" in page.text


async def test_the_lead_page_says_why_and_charts_the_history(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    now = datetime.now(UTC)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id, lead_score=45)
        for hours, (u, previous) in enumerate(
            ((understand("Can I test drive the Tucson this weekend?"), 0), (understand("just browsing for now"), 63))
        ):
            scored = scoring.score(u, previous)
            maint.add(
                LeadScore(
                    dealership_id=team.id,
                    lead_id=lead.id,
                    score=scored.value,
                    factors=scored.factors(previous),
                    model_version=scoring.MODEL_VERSION,
                    created_at=now - timedelta(hours=2 - hours),
                )
            )
    agent = await sign_in(app, team.agent.email)
    page = await agent.get(f"/app/leads/{lead.id}")
    assert page.status_code == 200
    assert "Why 45" in page.text
    assert "+25</strong> Asked for a test drive" in page.text
    assert "-15</strong> Just browsing" in page.text
    assert page.text.count("<circle") == 2 and "data-score-history" in page.text
