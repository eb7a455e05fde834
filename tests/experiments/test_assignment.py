"""Assignment (sticky, deterministic, weighted, one experiment per conversation, nothing while a draft), the
variant changing what the agent says, and the metric events recorded as they happen."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.experiments.assignment import ActiveExperiment, ActiveVariant, choose
from showroom.experiments.schemas import CONVERSION_METRICS
from showroom.models import Conversation, ExperimentVariant, PromptMetric, PromptVariant
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.factories import create_experiment
from tests.helpers import sign_in

START = datetime(2026, 1, 1, tzinfo=UTC)


def _experiment(id: int, traffic: int, weights: tuple[float, ...], status: str = "running") -> ActiveExperiment:
    variants = tuple(
        ActiveVariant(id * 10 + i, id, chr(65 + i), i == 0, w, None, None, {}) for i, w in enumerate(weights)
    )
    return ActiveExperiment(id, status, START, traffic, variants)


def test_assignment_is_deterministic_and_honours_the_traffic_share_and_the_weights() -> None:
    experiments = [_experiment(1, 50, (80, 20))]
    ids = [uuid.UUID(int=i * 7919 + 13) for i in range(20_000)]
    picks = [choose(experiments, 3, c, START + timedelta(days=1)) for c in ids]
    assert picks == [choose(experiments, 3, c, START + timedelta(days=1)) for c in ids]  # same input, same arm
    entered = [p for p in picks if p is not None]
    assert abs(len(entered) / len(ids) - 0.50) < 0.015
    assert abs(sum(p.name == "A" for p in entered) / len(entered) - 0.80) < 0.015


def test_two_experiments_share_new_conversations_without_overlap() -> None:
    experiments = [_experiment(1, 30, (50, 50)), _experiment(2, 60, (50, 50))]
    ids = [uuid.UUID(int=i * 104729 + 1) for i in range(20_000)]
    picks = [choose(experiments, 3, c, START + timedelta(days=1)) for c in ids]
    first = sum(p is not None and p.experiment_id == 1 for p in picks) / len(ids)
    second = sum(p is not None and p.experiment_id == 2 for p in picks) / len(ids)
    assert abs(first - 0.30) < 0.015 and abs(second - 0.60) < 0.015


def test_nothing_enters_a_paused_experiment_or_before_its_start() -> None:
    conversation = uuid.UUID(int=5)
    assert choose([_experiment(1, 100, (50, 50), status="paused")], 3, conversation, START + timedelta(days=1)) is None
    assert choose([_experiment(1, 100, (50, 50))], 3, conversation, START - timedelta(days=1)) is None


async def test_a_running_experiment_changes_the_agent_and_records_what_happens(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    async with db.maint_session() as maint, maint.begin():
        draft = await create_experiment(maint, team.id, status="draft", weights=(0, 100))
    guest = visitor(app)
    sub = team.dealership.subdomain
    first = await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "Do you have a used Tucson?"})
    assert first.status_code == 201
    async with db.maint_session() as maint:
        assert await maint.scalar(select(ExperimentVariant).where(ExperimentVariant.experiment_id == draft.id)) is None

    manager = await sign_in(app, team.manager.email)
    async with db.maint_session() as maint, maint.begin():
        running = await create_experiment(maint, team.id, status="draft", weights=(0, 100))
        b = await maint.scalar(
            select(PromptVariant).where(PromptVariant.experiment_id == running.id, PromptVariant.name == "B")
        )
        assert b is not None
        b.settings = {"sign_off": "Talk soon, the B team"}
    started = await manager.post(f"/api/v1/experiments/{running.id}/start")
    assert started.status_code == 200, started.text

    answer = await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "Do you have a used Tucson?"})
    body = answer.json()
    assert "Talk soon, the B team" in body["replies"][0]["content"]  # the variant's sign-off
    conversation_id = uuid.UUID(body["conversation_id"])
    token = body["token"]
    again = await guest.post(
        f"/api/v1/widget/{sub}/messages", json={"token": token, "content": "Great, email me at ann@example.com"}
    )
    assert "Talk soon, the B team" in again.json()["replies"][0]["content"]
    await guest.post(f"/api/v1/widget/{sub}/messages", json={"token": token, "content": "and what colours?"})
    async with db.maint_session() as maint:
        assigned = (
            await maint.scalars(select(ExperimentVariant).where(ExperimentVariant.conversation_id == conversation_id))
        ).all()
        events = (
            await maint.scalars(select(PromptMetric.metric_name).where(PromptMetric.conversation_id == conversation_id))
        ).all()
    assert [(a.experiment_id, a.variant_id) for a in assigned] == [(running.id, b.id)]  # once, sticky
    assert sorted(e for e in events if e in CONVERSION_METRICS) == ["contact_given", "customer_replied"]  # once
    assert events.count("response_time_ms") == 3  # each answer's (test_variant_effects)

    results = (await manager.get(f"/api/v1/experiments/{running.id}/results")).json()
    by_name = {v["name"]: v for v in results["variants"]}
    assert by_name["B"]["conversations"] == 1 and by_name["B"]["conversions"] == 1
    assert results["history"] and results["history"][-1]["rates"][str(b.id)] == 1.0

    await guest.post(f"/api/v1/widget/{sub}/messages", json={"token": token, "content": "STOP"})
    async with db.maint_session() as maint:
        conversation = await maint.get(Conversation, conversation_id)
    assert conversation is not None
    booked = await manager.patch(f"/api/v1/leads/{conversation.lead_id}", json={"status": "appointment"})
    assert booked.status_code == 200, booked.text
    async with db.maint_session() as maint:
        events = (
            await maint.scalars(select(PromptMetric.metric_name).where(PromptMetric.conversation_id == conversation_id))
        ).all()
    assert sorted(e for e in events if e in CONVERSION_METRICS) == [
        "appointment_booked",
        "contact_given",
        "customer_replied",
        "lead_converted",
        "opt_out",
    ]

    paused = await manager.post(f"/api/v1/experiments/{running.id}/pause")
    assert paused.status_code == 200
    late = await visitor(app).post(f"/api/v1/widget/{sub}/messages", json={"content": "Any Santa Fe?"})
    async with db.maint_session() as maint:
        entered = await maint.scalar(
            select(ExperimentVariant).where(
                ExperimentVariant.conversation_id == uuid.UUID(late.json()["conversation_id"])
            )
        )
    assert entered is None
    assert "Talk soon, the B team" not in late.json()["replies"][0]["content"]
