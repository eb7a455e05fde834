"""The persona test chat: what the agent would answer a made-up customer, decided as a real turn decides
(``conversations.turn.rehearse``) and written nowhere, so no real customer or handover recipient is ever touched.
Unsaved persona edits are applied, so the test runs exactly what "Save" would keep.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.context import PersonaChoice, persona_for
from showroom.agent.personas import check_template
from showroom.agent.schemas import PersonaArguments
from showroom.auth.deps import Context, require
from showroom.brain.types import PersonaView
from showroom.conversations.turn import rehearse
from showroom.errors import NotFound
from showroom.models import Dealership
from showroom.services import services

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


async def _choice(session: AsyncSession, dealership: Dealership, body: TestChatIn) -> PersonaChoice:
    """The persona to try: the one named (else the default), with the unsaved edits of the form applied, so the
    test runs exactly what "Save" would keep."""
    choice = await persona_for(session, dealership, body.persona_id)
    if body.persona_id is not None and choice.persona_id != body.persona_id:
        raise NotFound(f"persona {body.persona_id} not found", field="persona_id")
    if choice.persona_id is None:
        return choice
    arguments = body.arguments.model_dump(exclude_none=True, mode="json") if body.arguments else choice.view.arguments
    template = body.prompt_template or choice.template
    check_template(template, dict(arguments))
    tone = str(arguments.get("tone") or dealership.persona_tone)
    return PersonaChoice(
        choice.persona_id, PersonaView(name=choice.view.name, tone=tone, arguments=arguments), template
    )


@router.post("/app/personas/test-chat", response_model=TestChatOut, response_model_by_alias=True)
async def test_chat(body: TestChatIn, ctx: Annotated[Context, Depends(require("persona.read"))]) -> TestChatOut:
    """Try a persona: the agent's real decisions and replies for a made-up customer, written nowhere."""
    dealership = await ctx.session.get(Dealership, ctx.dealership_id)
    assert dealership is not None  # the signed-in user's own dealership
    choice = await _choice(ctx.session, dealership, body)
    rehearsal = await rehearse(ctx.session, services(ctx.request), dealership, choice, body.messages)
    return TestChatOut(
        replies=[TestReply(sender=sender, content=text) for sender, text in rehearsal.replies],
        handed_over=rehearsal.handed_over,
        skipped=rehearsal.skipped,
    )
