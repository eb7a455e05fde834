"""The persona test chat: the real reply pipeline on a throwaway customer, lead and conversation, rolled back.

Everything happens inside a savepoint that is always rolled back: the rows, their audit entries, queued jobs and
the NOTIFY events all vanish, and the mailer given to the pipeline sends nothing, so no real customer (and no
handover recipient) is ever touched. Unsaved persona edits are applied to the persona row inside the savepoint,
so the test runs exactly what "Save" would keep.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.personas import check_template
from showroom.agent.schemas import PersonaArguments
from showroom.audit.service import Actor
from showroom.auth.deps import Context, require
from showroom.conversations.service import receive
from showroom.errors import NotFound
from showroom.mail import Email, Mailer
from showroom.models import Conversation, Customer, Lead, Message, Persona
from showroom.services import Services, services

router = APIRouter(include_in_schema=False)


class TestChatIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    persona_id: int | None = None
    prompt_template: Annotated[str, StringConstraints(min_length=1, max_length=20_000)] | None = None
    arguments: PersonaArguments | None = None
    messages: list[Annotated[str, StringConstraints(min_length=1, max_length=2000)]] = Field(
        min_length=1, max_length=20, description="The customer's messages so far; the last one is answered"
    )


class TestReply(BaseModel):
    sender: str = Field(serialization_alias="from")
    content: str


class TestChatOut(BaseModel):
    replies: list[TestReply]
    handed_over: bool
    skipped: str | None


class DiscardMailer(Mailer):
    """The pipeline may decide to notify someone: in a test chat, nobody is."""

    async def send(self, email: Email) -> str:
        return f"<test-chat-{uuid.uuid4().hex}@discarded>"


async def _persona(session: AsyncSession, body: TestChatIn) -> Persona | None:
    if body.persona_id is not None:
        persona = await session.get(Persona, body.persona_id)
        if persona is None:
            raise NotFound(f"persona {body.persona_id} not found", field="persona_id")
    else:
        persona = await session.scalar(select(Persona).where(Persona.is_default))
    if persona is not None:
        arguments = body.arguments.model_dump(exclude_none=True, mode="json") if body.arguments else persona.arguments
        template = body.prompt_template or persona.prompt_template
        check_template(template, arguments)
        persona.prompt_template, persona.arguments = template, arguments
    return persona


async def run(
    session: AsyncSession, services: Services, dealership_id: int, body: TestChatIn, actor: Actor
) -> TestChatOut:
    savepoint = await session.begin_nested()
    try:
        persona = await _persona(session, body)
        tag = uuid.uuid4().hex[:10]
        customer = Customer(dealership_id=dealership_id, first_name="Test", last_name="Chat", full_name="Test Chat")
        session.add(customer)
        await session.flush()
        lead = Lead(
            dealership_id=dealership_id,
            customer_id=customer.id,
            lead_number=f"TEST-{tag}",
            source="website_chat",
            source_key=f"test-chat:{tag}",
        )
        session.add(lead)
        await session.flush()
        conversation = Conversation(
            dealership_id=dealership_id,
            lead_id=lead.id,
            customer_id=customer.id,
            channel="chat",
            ai_persona_id=persona.id if persona else None,
        )
        session.add(conversation)
        await session.flush()
        outcome: Any = None
        last: Message | None = None
        for text in body.messages:
            last, _, outcome = await receive(session, services, conversation, text, actor)
        assert last is not None
        rows = await session.scalars(
            select(Message)
            .where(Message.conversation_id == conversation.id, Message.type == "outbound")
            .where(Message.created_at >= last.created_at)
            .order_by(Message.created_at, Message.id)
        )
        replies = [TestReply(sender=m.sender, content=m.content) for m in rows]
        return TestChatOut(replies=replies, handed_over=outcome.handover is not None, skipped=outcome.skipped)
    finally:
        await savepoint.rollback()


@router.post("/app/personas/test-chat", response_model=TestChatOut, response_model_by_alias=True)
async def test_chat(body: TestChatIn, ctx: Annotated[Context, Depends(require("persona.read"))]) -> TestChatOut:
    """Try a persona: the real pipeline on a throwaway conversation, rolled back."""
    live = services(ctx.request)
    quiet = Services(settings=live.settings, db=live.db, mailer=DiscardMailer(live.settings), sms=live.sms)
    return await run(ctx.session, quiet, ctx.dealership_id, body, ctx.actor)
