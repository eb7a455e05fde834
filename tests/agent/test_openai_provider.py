"""The `openai` provider against a local HTTP server that speaks the chat-completions protocol."""

from __future__ import annotations

from typing import Any

import pytest

from showroom.db.engine import Database
from showroom.settings import Settings
from tests.agent.fake_llm import FakeLLM
from tests.agent.test_conversations_flow import SITE, stocked_team
from tests.conftest import new_client
from tests.helpers import sign_in


async def chat(settings: Settings, db: Database, base_url: str, text: str) -> tuple[dict[str, Any], Any]:
    from showroom.app import create_app

    configured = Settings.model_validate(
        {**settings.model_dump(), "llm_base_url": base_url, "llm_timeout": 1.0, "llm_retries": 2}
    )
    application = create_app(configured, database=db)
    async with application.router.lifespan_context(application):
        team = await stocked_team(application, db)
        admin = await sign_in(application, team.admin.email)
        await admin.patch("/api/v1/dealership", json={"ai_config": {"provider": "openai", "model": "test-model"}})
        guest = new_client(application)
        guest.headers["Origin"] = SITE
        response = await guest.post(f"/api/v1/widget/{team.dealership.subdomain}/messages", json={"content": text})
        assert response.status_code == 201, response.text
        from showroom.models import Message

        async with db.maint_session() as maint:
            reply = await maint.get(Message, response.json()["replies"][0]["id"])
        return response.json(), reply


async def test_tool_use_answers_from_inventory_and_the_rules_still_apply(
    llm: tuple[FakeLLM, str], db: Database, settings: Settings
) -> None:
    fake, url = llm
    fake.mode, fake.requests = "tool", []
    body, reply = await chat(settings, db, url, "Do you have an Ioniq 5?")
    text = body["replies"][0]["content"]
    assert "Ioniq 5" in text and "$1" not in text and "guaranteed" not in text
    assert reply.ai_model == "test-model" and reply.entities["provider"] == "openai"
    assert reply.entities.get("violations")
    assert len(fake.requests) == 2 and fake.requests[0]["tools"][0]["function"]["name"] == "search_inventory"
    assert "Rules you must follow" in fake.requests[0]["messages"][0]["content"]


async def test_rate_limits_are_retried(llm: tuple[FakeLLM, str], db: Database, settings: Settings) -> None:
    fake, url = llm
    fake.mode, fake.requests = "rate_limited", []
    _, reply = await chat(settings, db, url, "hello, any hybrid suvs?")
    assert len(fake.requests) >= 2 and reply.entities["provider"] == "openai"


@pytest.mark.parametrize("mode", ["garbage", "slow", "down"])
async def test_a_failing_llm_falls_back_to_the_builtin_agent(
    llm: tuple[FakeLLM, str], db: Database, settings: Settings, mode: str
) -> None:
    fake, url = llm
    fake.mode, fake.requests = mode, []
    body, reply = await chat(settings, db, url, "Is the Tucson available?")
    assert body["replies"][0]["content"]  # never silence
    assert reply.entities["provider"] == "builtin" and reply.entities["fallback"]


async def test_the_model_can_hand_over_and_look_a_unit_up(
    llm: tuple[FakeLLM, str], db: Database, settings: Settings
) -> None:
    fake, url = llm
    fake.mode, fake.requests = "details", []
    body, reply = await chat(settings, db, url, "tell me about stock 25713")
    assert "$59,277" in body["replies"][0]["content"] and "25713" in body["replies"][0]["content"]
    tools = {t["function"]["name"] for t in fake.requests[0]["tools"]}
    assert tools == {"search_inventory", "vehicle_details", "request_human"}
    assert "request_human" in fake.requests[0]["messages"][0]["content"]  # the rule for when to call it

    fake.mode, fake.requests = "human", []
    body, reply = await chat(settings, db, url, "ok so what can you do on the price, be honest")
    assert body["handed_over"] is True
    assert reply.sender == "ai" and "member of our team" in reply.content  # the handover note, not the model's


async def test_the_model_gets_the_conversations_state(
    llm: tuple[FakeLLM, str], db: Database, settings: Settings
) -> None:
    from showroom.app import create_app

    fake, url = llm
    fake.mode, fake.requests = "garbage", []  # the builtin agent answers; the state is what the model was sent
    configured = Settings.model_validate({**settings.model_dump(), "llm_base_url": url, "llm_timeout": 1.0})
    application = create_app(configured, database=db)
    async with application.router.lifespan_context(application):
        team = await stocked_team(application, db)
        admin = await sign_in(application, team.admin.email)
        await admin.patch("/api/v1/dealership", json={"ai_config": {"provider": "openai", "model": "test-model"}})
        guest = new_client(application)
        guest.headers["Origin"] = SITE
        path = f"/api/v1/widget/{team.dealership.subdomain}/messages"
        first = (await guest.post(path, json={"content": "any tellurides?"})).json()
        await guest.post(path, json={"content": "how many miles on the white one", "token": first["token"]})
    system = fake.requests[-1]["messages"][0]["content"]
    assert "vehicles shown to the customer, in order: 1." in system and "Telluride" in system


async def test_the_model_is_told_when_the_customer_waits_for_a_person(
    llm: tuple[FakeLLM, str], db: Database, settings: Settings
) -> None:
    from showroom.app import create_app

    fake, url = llm
    fake.mode, fake.requests = "garbage", []  # the builtin agent answers; what the model was sent is looked at
    configured = Settings.model_validate({**settings.model_dump(), "llm_base_url": url, "llm_timeout": 1.0})
    application = create_app(configured, database=db)
    async with application.router.lifespan_context(application):
        team = await stocked_team(application, db)
        admin = await sign_in(application, team.admin.email)
        await admin.patch("/api/v1/dealership", json={"ai_config": {"provider": "openai", "model": "test-model"}})
        guest = new_client(application)
        guest.headers["Origin"] = SITE
        path = f"/api/v1/widget/{team.dealership.subdomain}/messages"
        first = (await guest.post(path, json={"content": "any tellurides?"})).json()
        await guest.post(path, json={"content": "can i talk to a real person", "token": first["token"]})
        await guest.post(path, json={"content": "how many miles on the white one", "token": first["token"]})
    system = fake.requests[-1]["messages"][0]["content"]
    assert "The customer is waiting for a person from the team" in system  # no visit pitched meanwhile
