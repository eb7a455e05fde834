"""``/api/v1/experiments``: the plan, its bad inputs (422 with the field), the lifecycle and its audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import AuditLog, Persona
from tests.helpers import create_team, sign_in


def plan(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Warmer greeting",
        "hypothesis": "A warmer greeting gets more replies",
        "primary_metric": "customer_replied",
        "guardrail_metrics": ["opt_out", "handover"],
        "variants": [
            {"name": "Current", "is_control": True, "weight": 50},
            {
                "name": "Warm",
                "weight": 50,
                "settings": {"greeting": "Hi {name}! So glad you reached out.", "tone": "casual"},
            },
        ],
        "traffic_percentage": 80,
        "baseline_rate": 0.3,
        "minimum_detectable_effect": 0.05,
        "power": 0.8,
    }
    body.update(overrides)
    return body


async def test_a_manager_plans_an_experiment_and_sees_the_sample_it_needs(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    created = await manager.post("/api/v1/experiments", json=plan())
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "draft"
    assert [v["name"] for v in body["variants"]] == ["Current", "Warm"]
    assert body["variants"][1]["settings"] == {"greeting": "Hi {name}! So glad you reached out.", "tone": "casual"}
    # Cohen's h for 30% -> 35% at alpha 0.05 and 80% power: 1,376 per variant (statsmodels agrees).
    assert body["plan"]["sample_size_per_variant"] == 1376
    assert body["plan"]["conversations_needed"] == 2752
    assert body["plan"]["expected_days"] is None  # a new dealership has no recent traffic
    async with db.maint_session() as maint:
        audit = await maint.scalar(
            select(AuditLog).where(AuditLog.action == "experiment.create", AuditLog.resource_id == str(body["id"]))
        )
    assert audit is not None and audit.user_id == team.manager.id


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            {"variants": [{"name": "A", "is_control": True, "weight": 60}, {"name": "B", "weight": 30}]},
            "variants",
            "sum to 90",
        ),
        ({"variants": [{"name": "A", "is_control": True, "weight": 100}]}, "variants", "at least two"),
        ({"variants": [{"name": "A", "weight": 50}, {"name": "B", "weight": 50}]}, "variants", "control"),
        ({"primary_metric": "sales_per_hour"}, "primary_metric", "Input should be"),
        ({"primary_metric": "tokens_used"}, "primary_metric", "not a conversion metric"),
        ({"guardrail_metrics": ["opt_out", "nope"]}, "guardrail_metrics.1", "Input should be"),
        (
            {"variants": [{"name": "A", "is_control": True, "weight": 50}, {"name": "a", "weight": 50}]},
            "variants.1.name",
            "two variants",
        ),
        (
            {
                "variants": [
                    {"name": "A", "is_control": True, "weight": 50},
                    {"name": "B", "weight": 50, "prompt_template": "Hi {{nonsense}}"},
                ]
            },
            "variants.1.prompt_template",
            "{{nonsense}}",
        ),
        ({"minimum_detectable_effect": 0.8}, "minimum_detectable_effect", "between 0 and 1"),
    ],
)
async def test_bad_plans_are_422_with_the_field(
    app: FastAPI, db: Database, change: dict[str, Any], field: str, words: str
) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    response = await manager.post("/api/v1/experiments", json=plan(**change))
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert words in response.json()["detail"]


async def test_a_variant_naming_another_dealerships_persona_is_422(app: FastAPI, db: Database) -> None:
    team, other = await create_team(db), await create_team(db)
    async with db.maint_session() as maint:
        theirs = await maint.scalar(select(Persona.id).where(Persona.dealership_id == other.id))
        ours = await maint.scalar(select(Persona.id).where(Persona.dealership_id == team.id))
    manager = await sign_in(app, team.manager.email)
    variants = [{"name": "A", "is_control": True, "weight": 50}, {"name": "B", "weight": 50, "persona_id": theirs}]
    response = await manager.post("/api/v1/experiments", json=plan(variants=variants))
    assert response.status_code == 422
    assert response.json()["field"] == "variants.1.persona_id"
    variants[1]["persona_id"] = ours
    assert (await manager.post("/api/v1/experiments", json=plan(variants=variants))).status_code == 201


async def test_the_lifecycle_and_what_each_state_refuses(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    url = f"/api/v1/experiments/{(await manager.post('/api/v1/experiments', json=plan())).json()['id']}"
    edited = await manager.patch(url, json={"variants": plan()["variants"][::-1], "traffic_percentage": 50})
    assert edited.status_code == 200, edited.text  # a draft's variants may change
    assert (await manager.post(f"{url}/pause")).status_code == 409

    started = await manager.post(f"{url}/start")
    assert started.status_code == 200 and started.json()["status"] == "running"
    assert started.json()["start_date"] is not None
    refused = await manager.patch(url, json={"variants": plan()["variants"]})
    assert refused.status_code == 409
    assert refused.json()["field"] == "variants"
    assert "cannot change" in refused.json()["detail"]
    assert (await manager.patch(url, json={"traffic_percentage": 10})).status_code == 409
    assert (await manager.patch(url, json={"hypothesis": "Warmth wins"})).status_code == 200
    assert (await manager.post(f"{url}/archive")).status_code == 409  # stop it first

    paused = await manager.post(f"{url}/pause")
    assert paused.json()["status"] == "paused"
    assert (await manager.post(f"{url}/start")).json()["status"] == "running"
    stopped = await manager.post(f"{url}/stop", json={"decision": "No difference; keeping the current greeting"})
    assert stopped.status_code == 200, stopped.text
    assert stopped.json()["status"] == "completed" and stopped.json()["decision"].startswith("No difference")
    assert (await manager.patch(url, json={"hypothesis": "late"})).status_code == 409  # results are read-only
    frozen = await manager.get(f"{url}/results")
    assert frozen.status_code == 200 and frozen.json()["frozen"] is True
    assert (await manager.post(f"{url}/archive")).json()["status"] == "archived"

    async with db.maint_session() as maint:
        actions = (
            await maint.scalars(
                select(AuditLog.action)
                .where(AuditLog.dealership_id == team.id, AuditLog.action.like("experiment.%"))
                .order_by(AuditLog.created_at, AuditLog.id)
            )
        ).all()
    assert actions == [
        "experiment.create",
        "experiment.update",
        "experiment.start",
        "experiment.update",
        "experiment.pause",
        "experiment.start",
        "experiment.stop",
        "experiment.archive",
    ]


async def test_running_experiments_cannot_take_more_than_all_new_conversations(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    first = (await manager.post("/api/v1/experiments", json=plan(traffic_percentage=70))).json()["id"]
    second = (await manager.post("/api/v1/experiments", json=plan(traffic_percentage=40))).json()["id"]
    assert (await manager.post(f"/api/v1/experiments/{first}/start")).status_code == 200
    refused = await manager.post(f"/api/v1/experiments/{second}/start")
    assert refused.status_code == 409
    assert refused.json()["field"] == "traffic_percentage" and "30%" in refused.json()["detail"]


async def test_a_sales_agent_reads_but_cannot_change_experiments(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    assert (await agent.get("/api/v1/experiments")).status_code == 200
    assert (await agent.post("/api/v1/experiments", json=plan())).status_code == 403
