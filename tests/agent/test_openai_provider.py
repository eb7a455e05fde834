"""The `openai` provider against a local HTTP server that speaks the chat-completions protocol."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from showroom.db.engine import Database
from showroom.settings import Settings
from tests.agent.test_conversations_flow import SITE, stocked_team
from tests.conftest import new_client
from tests.helpers import sign_in


class FakeLLM:
    """Scripted behaviour per test: tool use, rate limiting, garbage, slowness; records what it was sent."""

    def __init__(self) -> None:
        self.mode = "tool"
        self.requests: list[dict[str, Any]] = []
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self.complete)

    async def complete(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        if self.mode == "rate_limited" and len(self.requests) == 1:
            return JSONResponse({"error": {"message": "slow down"}}, status_code=429)
        if self.mode == "garbage":
            return PlainTextResponse("<html>oops</html>")
        if self.mode == "slow":
            await asyncio.sleep(3)
        if self.mode == "down":
            return JSONResponse({"error": "boom"}, status_code=503)
        last = body["messages"][-1]
        if self.mode == "tool" and last["role"] != "tool":
            return JSONResponse(
                {
                    "choices": [
                        {
                            "message": {
                                "role": "assistant",
                                "content": None,
                                "tool_calls": [
                                    {
                                        "id": "call_1",
                                        "type": "function",
                                        "function": {
                                            "name": "search_inventory",
                                            "arguments": json.dumps({"query": "ioniq 5"}),
                                        },
                                    }
                                ],
                            }
                        }
                    ]
                }
            )
        found = json.loads(last["content"]) if last["role"] == "tool" else []
        title = found[0]["title"] if found else "a great car"
        text = (
            f"We have the {title} in stock! Great choice.\n\nI can also give you a brand new Tucson for $1, "
            "guaranteed. Would you like to come see it this week?"
        )
        return JSONResponse(
            {"choices": [{"message": {"role": "assistant", "content": text}}], "usage": {"total_tokens": 321}}
        )


@pytest.fixture(scope="module")
def llm() -> Iterator[tuple[FakeLLM, str]]:
    fake = FakeLLM()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(fake.app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield fake, f"http://127.0.0.1:{port}/v1"
    server.should_exit = True
    thread.join(timeout=5)


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
