"""Finding 1 (issue 15): the chat widget reveals nothing stored about a customer, and a visitor joins a known
customer only by proving the contact (a code sent there, through the outbox) or by a staff member's confirmation."""

from __future__ import annotations

import re
import uuid
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import AuditLog, Conversation, Customer, CustomerInsight
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.auth.test_links import mails_to
from tests.conftest import Worker
from tests.helpers import Team, create_team, sign_in


async def _known(app: FastAPI, team: Team, address: str, name: str = "Dana") -> str:
    admin = await sign_in(app, team.admin.email)
    known = await admin.post("/api/v1/leads", json={"customer": {"email": address, "first_name": name}})
    assert known.status_code == 201, known.text
    return str(known.json()["customer_id"])


async def _customer_of(db: Database, conversation_id: str) -> uuid.UUID:
    async with db.maint_session() as maint:
        found = await maint.scalar(select(Conversation.customer_id).where(Conversation.id == conversation_id))
    assert found is not None
    return found


def _code_for(settings: Settings, address: str) -> str:
    mails = mails_to(settings, address)
    assert mails, f"no code e-mailed to {address}"
    body = mails[-1].get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(r"\b(\d{6})\b", body.get_content())
    assert found
    return found.group(1)


def _public(answer: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answer.items() if k != "conversation_id"}


async def test_the_contact_route_reveals_nothing_and_merges_nothing_until_the_code_is_typed(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    address = f"dana{team.id}@example.com"
    known_id = await _known(app, team, address, name="Danarella")
    guest = visitor(app)
    first = (await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "AWD SUV under 40k"})).json()
    token, conversation_id = first["token"], first["conversation_id"]
    anonymous = await _customer_of(db, conversation_id)

    said = await guest.post(
        f"/api/v1/widget/{sub}/contact", json={"token": token, "email": address.upper(), "phone": "(312) 555-0199"}
    )
    assert said.status_code == 200, said.text
    assert "Danarella" not in said.text and "customer" not in said.json()
    assert sorted(said.json()["code_sent_to"]) == ["email", "phone"]
    assert await _customer_of(db, conversation_id) == anonymous  # not joined on the visitor's word

    # A visitor naming an address nobody has gets the same answer: the widget is no oracle.
    other = visitor(app)
    other_token = (await other.post(f"/api/v1/widget/{sub}/messages", json={"content": "hello"})).json()["token"]
    fresh = await other.post(
        f"/api/v1/widget/{sub}/contact",
        json={"token": other_token, "email": f"new{team.id}@example.com", "phone": "(312) 555-0142"},
    )
    assert _public(fresh.json()) == _public(said.json())

    await worker("mail", "delivery")
    code = _code_for(settings, address)
    wrong = "000000" if code != "000000" else "111111"
    refused = await guest.post(f"/api/v1/widget/{sub}/contact/verify", json={"token": token, "code": wrong})
    assert refused.status_code == 422 and refused.json()["field"] == "code" and "tries left" in refused.json()["detail"]
    assert await _customer_of(db, conversation_id) == anonymous

    proved = await guest.post(f"/api/v1/widget/{sub}/contact/verify", json={"token": token, "code": code})
    assert proved.status_code == 200, proved.text
    assert "Danarella" not in proved.text
    assert str(await _customer_of(db, conversation_id)) == known_id
    async with db.maint_session() as maint:
        dana = await maint.get(Customer, uuid.UUID(known_id))
        assert await maint.get(Customer, anonymous) is None  # merged away: it had nothing else
        merged = (
            await maint.scalars(
                select(AuditLog).where(AuditLog.resource_id == known_id, AuditLog.action == "customer.merge")
            )
        ).all()
        insights = (
            await maint.scalars(
                select(CustomerInsight.customer_id).where(CustomerInsight.conversation_id == conversation_id)
            )
        ).all()
    assert insights and {str(i) for i in insights} == {known_id}  # the budget said in the chat moved with the visit
    assert dana is not None and dana.phone_e164 == "+13125550199"  # the phone given in the chat came along
    assert len(merged) == 1 and merged[0].details["merged_customer_id"] == str(anonymous)


async def test_an_e_mail_in_the_first_message_does_not_join_a_known_customer(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    address = f"first{team.id}@example.com"
    known_id = await _known(app, team, address)
    guest = visitor(app)
    first = await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "hi", "email": address})
    assert first.status_code == 201, first.text
    assert first.json()["code_sent_to"] == ["email"]
    assert str(await _customer_of(db, first.json()["conversation_id"])) != known_id
    await worker("mail")
    assert _code_for(settings, address)


async def test_five_wrong_codes_end_the_claim(app: FastAPI, db: Database, settings: Settings, worker: Worker) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    address = f"guess{team.id}@example.com"
    known_id = await _known(app, team, address)
    guest = visitor(app)
    token = (await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "hi"})).json()["token"]
    said = await guest.post(f"/api/v1/widget/{sub}/contact", json={"token": token, "email": address})
    assert said.status_code == 200
    await worker("mail")
    code = _code_for(settings, address)
    wrong = [c for c in ("111111", "222222", "333333", "444444", "555555", "666666") if c != code][:5]
    answers = [
        (await guest.post(f"/api/v1/widget/{sub}/contact/verify", json={"token": token, "code": c})).status_code
        for c in wrong
    ]
    assert answers == [422] * 5
    late = await guest.post(f"/api/v1/widget/{sub}/contact/verify", json={"token": token, "code": code})
    assert late.status_code == 410
    conversation_id = (await guest.get(f"/api/v1/widget/{sub}/messages", params={"token": token})).json()
    assert str(await _customer_of(db, conversation_id["conversation_id"])) != known_id


async def test_codes_to_one_address_are_limited(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    address = f"flood{team.id}@example.com"
    statuses = []
    for _ in range(5):
        guest = visitor(app)
        token = (await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "hi"})).json()["token"]
        said = await guest.post(f"/api/v1/widget/{sub}/contact", json={"token": token, "email": address})
        statuses.append(said.status_code)
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]


async def test_staff_confirm_the_match_and_outsiders_cannot(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    address = f"staff{team.id}@example.com"
    known_id = await _known(app, team, address)
    guest = visitor(app)
    first = (await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "hi"})).json()
    conversation_id = first["conversation_id"]
    await guest.post(f"/api/v1/widget/{sub}/contact", json={"token": first["token"], "email": address})

    outsider = await sign_in(app, (await create_team(db)).agent.email)
    url = f"/api/v1/conversations/{conversation_id}/contact-claims"
    assert (await outsider.get(url)).status_code == 404
    agent = await sign_in(app, team.agent.email)
    listed = await agent.get(url)
    assert listed.status_code == 200, listed.text
    [claim] = listed.json()
    assert claim["email"] == address and claim["matches_customer_id"] == known_id
    assert (await outsider.post(f"{url}/{claim['id']}/confirm")).status_code == 404
    assert str(await _customer_of(db, conversation_id)) != known_id
    confirmed = await agent.post(f"{url}/{claim['id']}/confirm")
    assert confirmed.status_code == 204, confirmed.text
    assert str(await _customer_of(db, conversation_id)) == known_id
    assert (await agent.post(f"{url}/{claim['id']}/confirm")).status_code == 410
