"""A local stand-in of Twilio's REST API (the Messages resource), started by the tests: it checks the account's
Basic auth, records each text, answers like Twilio (201 with a ``sid``; 400 with Twilio's error 21610 for a number
that texted STOP; 401 for a wrong token), and signs callbacks the way Twilio does."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from twilio.request_validator import RequestValidator

from tests.servers import serve

ACCOUNT = "AC" + "0123456789abcdef" * 2
TOKEN = "twilio-auth-token-for-tests"
UNSUBSCRIBED = "+17085550199"


class Twilio:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.app = FastAPI()
        self.app.post("/2010-04-01/Accounts/{account}/Messages.json")(self.messages)

    async def messages(self, account: str, request: Request) -> JSONResponse:
        expected = "Basic " + base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
        if account != ACCOUNT or request.headers.get("authorization") != expected:
            return JSONResponse({"code": 20003, "message": "Authenticate", "status": 401}, status_code=401)
        form = dict(await request.form())
        if form.get("To") == UNSUBSCRIBED:
            body = {"code": 21610, "message": "Attempt to send to unsubscribed recipient", "status": 400}
            return JSONResponse(body, status_code=400)
        sid = f"SM{len(self.sent):032x}"
        self.sent.append({**form, "sid": sid})
        return JSONResponse({"sid": sid, "status": "queued", "to": form.get("To"), "body": form.get("Body")}, 201)


def signed(url: str, form: dict[str, str], token: str = TOKEN) -> dict[str, str]:
    """The X-Twilio-Signature Twilio would send for a POST of ``form`` to ``url``."""
    return {"X-Twilio-Signature": RequestValidator(token).compute_signature(url, form)}


def running() -> Iterator[tuple[Twilio, str]]:
    fake = Twilio()
    for base in serve(fake.app):
        yield fake, base
