"""Adaptive mode moves new traffic toward the better variant; stopping with a decision promotes the winner."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select, text

from showroom.db.engine import Database
from showroom.experiments import assignment, metrics
from showroom.experiments.assignment import ACTIVE_EXPERIMENTS, active
from showroom.models import AuditLog, ExperimentVariant, Persona, PromptExperiment, PromptMetric, PromptVariant
from showroom.vocabulary import MetricName
from tests.factories import create_conversation, create_customer, create_experiment, create_lead
from tests.helpers import create_team, sign_in


async def _fill(db: Database, team_id: int, experiment_id: int, counts: dict[str, tuple[int, int]]) -> None:
    async with db.maint_session() as maint, maint.begin():
        variants = {
            v.name: v
            for v in (await maint.scalars(select(PromptVariant).where(PromptVariant.experiment_id == experiment_id)))
        }
        for name, (n, k) in counts.items():
            for i in range(n):
                customer = await create_customer(maint, team_id)
                conversation = await create_conversation(maint, await create_lead(maint, team_id, customer.id))
                row = dict(dealership_id=team_id, experiment_id=experiment_id, variant_id=variants[name].id)
                maint.add(ExperimentVariant(**row, conversation_id=conversation.id))
                await maint.flush()
                if i < k:
                    maint.add(PromptMetric(**row, conversation_id=conversation.id, metric_name="customer_replied"))


async def test_adaptive_mode_sends_most_new_conversations_to_the_better_variant(db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        experiment = await create_experiment(maint, team.id, status="running", mode="adaptive")
    await _fill(db, team.id, experiment.id, {"A": (60, 3), "B": (60, 30)})
    ACTIVE_EXPERIMENTS.drop(team.id)
    async with db.session(team.id) as session:
        (loaded,) = await active(session)
    weights = {v.name: v.weight for v in loaded.variants}
    assert weights["B"] > 90 and weights["A"] >= 5  # Thompson shares, with a floor that keeps learning
    async with db.maint_session() as maint, maint.begin():
        fixed = await create_experiment(maint, team.id, status="running", traffic_percentage=1)
    ACTIVE_EXPERIMENTS.drop(team.id)
    async with db.session(team.id) as session:
        by_id = {e.id: e for e in await active(session)}
    assert [v.weight for v in by_id[fixed.id].variants] == [50, 50]  # fixed mode: the planned weights


async def test_stopping_with_a_winner_makes_its_settings_the_default_persona(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    variants = [
        {"name": "Current", "is_control": True, "weight": 50},
        {"name": "Warm", "weight": 50, "settings": {"tone": "casual", "greeting": "Hey {name}!"}},
    ]
    body = {"name": "Warmth", "primary_metric": "customer_replied", "variants": variants}
    created = (await manager.post("/api/v1/experiments", json=body)).json()
    url = f"/api/v1/experiments/{created['id']}"
    assert (await manager.post(f"{url}/start")).status_code == 200
    warm = next(v["id"] for v in created["variants"] if v["name"] == "Warm")
    stopped = await manager.post(f"{url}/stop", json={"winner_variant_id": warm, "decision": "Warm wins"})
    assert stopped.status_code == 200, stopped.text
    assert stopped.json()["winner_variant_id"] == warm
    async with db.maint_session() as maint:
        default = await maint.scalar(select(Persona).where(Persona.dealership_id == team.id, Persona.is_default))
        audit = await maint.scalar(
            select(AuditLog).where(AuditLog.dealership_id == team.id, AuditLog.action == "experiment.promote")
        )
    assert default is not None and default.arguments["tone"] == "casual"
    assert default.arguments["greeting"] == "Hey {name}!"
    assert audit is not None and audit.after["variant_id"] == warm and audit.user_id == team.manager.id

    other = await manager.post(f"{url}/stop", json={"decision": "again"})
    assert other.status_code == 409  # stopped once; its results are read-only


async def test_a_winner_from_another_experiment_is_422(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        first = await create_experiment(maint, team.id, status="running", traffic_percentage=1)
        second = await create_experiment(maint, team.id, status="running", traffic_percentage=1)
        foreign = await maint.scalar(select(PromptVariant.id).where(PromptVariant.experiment_id == second.id))
    manager = await sign_in(app, team.manager.email)
    response = await manager.post(
        f"/api/v1/experiments/{first.id}/stop", json={"winner_variant_id": foreign, "decision": "x"}
    )
    assert response.status_code == 422 and response.json()["field"] == "winner_variant_id"


async def test_a_scheduled_experiment_takes_no_one_before_its_start_and_runs_after(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    variants = [{"name": "A", "is_control": True, "weight": 50}, {"name": "B", "weight": 50}]
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    body = {"name": "Later", "primary_metric": "contact_given", "variants": variants, "planned_start": later}
    created = (await manager.post("/api/v1/experiments", json=body)).json()
    started = await manager.post(f"/api/v1/experiments/{created['id']}/start")
    assert started.json()["status"] == "scheduled"

    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        conversation = await create_conversation(maint, await create_lead(maint, team.id, customer.id))
    async with db.session(team.id) as session, session.begin():
        now = datetime.now(UTC)
        assert await assignment.variant_for(session, team.id, conversation.id, now) is None  # not yet

    async with db.maint_session() as maint, maint.begin():  # an hour later
        experiment = await maint.get(PromptExperiment, created["id"])
        assert experiment is not None
        experiment.start_date = datetime.now(UTC) - timedelta(minutes=1)
    ACTIVE_EXPERIMENTS.drop(team.id)
    assignment.MEMO.clear()
    async with db.maint_session() as maint, maint.begin():
        fresh = await create_conversation(maint, await create_lead(maint, team.id, customer.id))
    async with db.session(team.id) as session, session.begin():
        entered = await assignment.variant_for(session, team.id, fresh.id, datetime.now(UTC))
        assert entered is not None and entered.experiment_id == created["id"]
        await metrics.record(session, fresh.id, MetricName.contact_given)
    async with db.maint_session() as maint:
        events = (
            await maint.scalars(select(PromptMetric.metric_name).where(PromptMetric.conversation_id == fresh.id))
        ).all()
    assert events == ["contact_given"]
    assert (await manager.get(f"/api/v1/experiments/{created['id']}")).json()["status"] == "running"


async def test_a_variants_first_reply_delay_schedules_the_new_leads_first_answer(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        experiment = await create_experiment(maint, team.id, status="running", weights=(0, 100))
        b = await maint.scalar(
            select(PromptVariant).where(PromptVariant.experiment_id == experiment.id, PromptVariant.name == "B")
        )
        assert b is not None
        b.settings = {"first_reply_delay_seconds": 600}
    ACTIVE_EXPERIMENTS.drop(team.id)
    admin = await sign_in(app, team.admin.email)
    created = await admin.post(
        "/api/v1/leads",
        json={"customer": {"first_name": "Ana", "email": f"ana-{team.id}@inbox-mail.net"}, "message": "Any Tucson?"},
    )
    assert created.status_code == 201, created.text
    conversation_id = created.json()["conversation_id"]
    async with db.maint_session() as maint:
        delay = await maint.scalar(
            text(
                "select extract(epoch from scheduled_at - now()) from procrastinate_jobs "
                "where task_name = 'showroom:conversation.first_reply' and args->>'conversation_id' = :c"
            ),
            {"c": conversation_id},
        )
        entered = await maint.scalar(
            select(ExperimentVariant.variant_id).where(ExperimentVariant.conversation_id == uuid.UUID(conversation_id))
        )
    assert entered == b.id  # it entered the experiment at intake
    assert delay is not None and 540 < float(delay) <= 600
