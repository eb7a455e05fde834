"""A customer waiting for a person after a handover (issue 13, ninth round): until someone takes the conversation or
writes in it, plain questions about the lot are still answered (after a handover for a person, a price or a visit;
never after a complaint), anything else gets a short holding note (at most two), then silence. Through the public
widget API with the real feed; the staff side through the API."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Conversation, Handover, Message
from tests.agent.test_conversations_flow import stocked_team
from tests.agent.test_following_through import Visitor
from tests.helpers import sign_in


def _replies(body: dict[str, object]) -> list[str]:
    return [str(r["content"]) for r in body["replies"]]  # type: ignore[attr-defined]


async def test_while_waiting_for_a_person_questions_are_answered_and_the_rest_is_held(
    app: FastAPI, db: Database
) -> None:
    team = await stocked_team(app, db)
    chat = Visitor(app, team.dealership.subdomain)
    asked = await chat.say("can i talk to a real person")
    assert asked["handed_over"] is True and asked["human"] is True
    hello = await chat.say("hello??")
    held = _replies(hello)
    assert len(held) == 1 and held[0].startswith("I've let our team know.") and "If it's urgent" in held[0]
    price = await chat.say("ok while i wait how much is the ioniq 6")
    assert price["human"] is True and "$51,378" in _replies(price)[0]  # the lot still answered
    number = await chat.say("my number is 708-555-0131, call after 5")
    assert _replies(number) == ["Thanks, I've passed 708-555-0131 on to our team, for a call after 5 PM."]
    third = _replies(await chat.say("???"))
    assert len(third) == 1 and third[0].startswith("If you'd rather not wait, you can call")
    manager = _replies(await chat.say("get me your manager NOW"))
    assert manager == ["I've asked our team to have a person reply to you here as soon as possible."]
    assert _replies(await chat.say("hello?")) == []  # four notes at most, then silence
    async with db.maint_session() as maint:
        handover = await maint.scalar(select(Handover).where(Handover.dealership_id == team.id))
        assert handover is not None and handover.status == "pending" and handover.context["answers_while_waiting"]
        conversation = await maint.get(Conversation, handover.conversation_id)
        assert conversation is not None and conversation.ai_paused  # still the person's to take

    agent = await sign_in(app, team.agent.email)
    wrote = await agent.post(f"/api/v1/conversations/{handover.conversation_id}/messages", json={"content": "Hi!"})
    assert wrote.status_code == 201, wrote.text
    assert _replies(await chat.say("how much is the ioniq 5")) == []  # a person wrote: the AI keeps out


async def test_after_a_complaint_the_notes_say_sorry_and_plain_questions_are_answered(
    app: FastAPI, db: Database
) -> None:
    team = await stocked_team(app, db)
    chat = Visitor(app, team.dealership.subdomain)
    hurt = await chat.say("my tucson has a check engine light on and i bought it 3 weeks ago")
    assert hurt["handed_over"] is True and "I'm sorry" in _replies(hurt)[0]
    first = _replies(await chat.say("??? anyone"))
    assert len(first) == 1 and first[0].startswith("I'm sorry for the wait. Your message is with our team.")
    second = _replies(await chat.say("this is ridiculous"))
    assert second == [
        "I'm sorry you're still waiting; our team has your messages and will reply here as soon as they can."
    ]
    hours = _replies(await chat.say("what time do you close saturday"))
    assert len(hours) == 1 and "sorry" not in hours[0].lower()  # a plain question: answered
    async with db.maint_session() as maint:
        handover = await maint.scalar(select(Handover).where(Handover.dealership_id == team.id))
        assert handover is not None and handover.context["hurt"] and handover.context["answers_while_waiting"]
        notes = await maint.scalars(select(Message.ai_model).where(Message.conversation_id == handover.conversation_id))
        assert list(notes).count("holding") == 2


async def test_a_claimed_handover_keeps_the_ai_silent(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    chat = Visitor(app, team.dealership.subdomain)
    await chat.say("can someone call me about a 2024 palisade")
    async with db.maint_session() as maint:
        handover = await maint.scalar(select(Handover).where(Handover.dealership_id == team.id))
    assert handover is not None
    agent = await sign_in(app, team.agent.email)
    assert (await agent.post(f"/api/v1/handovers/{handover.id}/claim")).status_code == 200
    assert _replies(await chat.say("hello?")) == []
    assert _replies(await chat.say("how much is the ioniq 6")) == []


async def test_a_name_given_while_waiting_is_thanked_and_a_hurt_customer_gets_an_apology(
    app: FastAPI, db: Database
) -> None:
    team = await stocked_team(app, db)
    chat = Visitor(app, team.dealership.subdomain)
    await chat.say("can i talk to a real person")
    named = _replies(await chat.say("its Dana btw"))
    assert named[0].startswith("Thanks, Dana. I've passed that on to our team.")
    spanish = Visitor(app, team.dealership.subdomain)
    await spanish.say("quiero hablar con una persona")
    held = _replies(await spanish.say("hola??"))
    assert held[0].startswith("Ya le avisé a nuestro equipo.")


async def test_a_question_about_the_car_is_answered_while_waiting(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db, agent_config={"languages": ["en", "es"]})
    chat = Visitor(app, team.dealership.subdomain)
    await chat.say("quiero hablar con una persona")
    await chat.say("cual es la mas barata de 3 filas")
    assert _replies(await chat.say("de que color es?")) == [
        "El 2015 Toyota Highlander AWD 4dr V6 XLE es color Verde.\n\n¿Hay algo más en lo que le pueda ayudar?"
    ]
    miles = _replies(await chat.say("y cuantas millas"))
    assert miles[0].startswith("El 2015 Toyota Highlander AWD 4dr V6 XLE tiene 71,339 millas.")


def test_are_you_still_there_is_no_question_about_a_car() -> None:
    from showroom.brain.nlu.intents import understand

    assert understand("hello?? u still there").primary != "availability"
    assert understand("is the palisade still there").primary == "availability"
