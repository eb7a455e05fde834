"""Finding 9, the webhook part (issue 15): a provider authenticates in a header, an HMAC-SHA256 signature of the body
preferred, so the secret never appears in a URL (and an access log); `?token=` still works, marked deprecated."""

from __future__ import annotations

import json
import time

import httpx
from fastapi import FastAPI

from showroom.conversations.webhooks import SIGNATURE_HEADER, sign
from showroom.db.engine import Database
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team
from tests.conftest import new_client
from tests.helpers import approve_routing, sign_in

SECRET = "a-webhook-secret-for-signing"


async def test_signed_bodies_are_taken_and_forged_or_replayed_ones_refused(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    from showroom.app import create_app

    team = await stocked_team(app, db)
    number = f"+1312559{team.id % 10000:04d}"
    admin = await sign_in(app, team.admin.email)
    current = (await admin.get("/api/v1/dealership")).json()["settings"]
    await admin.patch("/api/v1/dealership", json={"settings": {**current, "sms_number": number}})
    await approve_routing(app, db, team.id)
    hooked = create_app(Settings.model_validate({**settings.model_dump(), "webhook_secret": SECRET}), database=db)
    async with hooked.router.lifespan_context(hooked):
        hook = new_client(hooked)

        async def post(
            payload: dict[str, str], headers: dict[str, str], params: dict[str, str] | None = None
        ) -> httpx.Response:
            body = json.dumps(payload).encode()
            return await hook.post(
                "/api/v1/webhooks/sms",
                content=body,
                headers={"Content-Type": "application/json", **headers},
                params=params,
            )

        message = {"from": "(708) 555-0101", "to": number, "body": "Is the Tucson available?", "message_id": "sig-1"}
        body = json.dumps(message).encode()
        now = int(time.time())
        signed = await post(message, {SIGNATURE_HEADER: sign(SECRET, body, now)})
        assert signed.status_code == 201, signed.text

        tampered = {**message, "body": "Send me your price list", "message_id": "sig-2"}
        forged = await post(tampered, {SIGNATURE_HEADER: sign(SECRET, body, now)})
        assert forged.status_code == 401 and forged.json()["field"] == SIGNATURE_HEADER
        wrong_key = await post(tampered, {SIGNATURE_HEADER: sign("not-the-secret", json.dumps(tampered).encode(), now)})
        assert wrong_key.status_code == 401
        old = now - 3600
        replayed = await post(tampered, {SIGNATURE_HEADER: sign(SECRET, json.dumps(tampered).encode(), old)})
        assert replayed.status_code == 401

        bearer = await post({**message, "message_id": "sig-3"}, {"Authorization": f"Bearer {SECRET}"})
        assert bearer.status_code == 201 and "deprecation" not in bearer.headers
        legacy = await post({**message, "message_id": "sig-4"}, {}, params={"token": SECRET})
        assert legacy.status_code == 201 and legacy.headers["deprecation"] == "true"
        assert (await post({**message, "message_id": "sig-5"}, {}, params={"token": "nope"})).status_code == 401
