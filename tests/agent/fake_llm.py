"""A local HTTP server that speaks the chat-completions protocol, scripted per test (the `llm` fixture)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from tests.servers import serve


class FakeLLM:
    """Scripted behaviour per test: tool use, rate limiting, garbage, slowness; records what it was sent."""

    def __init__(self) -> None:
        self.mode = "tool"
        self.requests: list[dict[str, Any]] = []
        self.gate = threading.Event()  # mode "gated": each request waits here until the test opens it
        self.waiting = threading.Semaphore(0)  # released once per request that reached the gate
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
        if self.mode == "gated":
            self.waiting.release()
            await asyncio.to_thread(self.gate.wait, 20)
        if self.mode == "down":
            return JSONResponse({"error": "boom"}, status_code=503)
        last = body["messages"][-1]
        if self.mode in ("human", "details") and last["role"] != "tool":
            name, arguments = (
                ("request_human", {"reason": "wants the manager"})
                if self.mode == "human"
                else ("vehicle_details", {"stock_number_or_vin": "25713"})
            )
            call = {"id": "call_1", "type": "function", "function": {"name": name, "arguments": json.dumps(arguments)}}
            return JSONResponse(
                {"choices": [{"message": {"role": "assistant", "content": None, "tool_calls": [call]}}]}
            )
        if self.mode == "details" and last["role"] == "tool":
            unit = json.loads(last["content"])
            text = f"The {unit['title']} (stock {unit['stock_number']}) is listed at {unit['price']}. Want to see it?"
            return JSONResponse({"choices": [{"message": {"role": "assistant", "content": text}}]})
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


def serve_fake_llm() -> Iterator[tuple[FakeLLM, str]]:
    fake = FakeLLM()
    for base in serve(fake.app):
        yield fake, f"{base}/v1"
