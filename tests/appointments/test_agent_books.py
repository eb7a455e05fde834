"""The agent books (issue 18): a free slot asked for is booked and confirmed with the date, time, address and
vehicle; a full or closed time gets the two nearest free slots; asking for a person still hands over."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Appointment, Conversation, Lead
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.agent.test_spanish_and_visits import _known, _say
from tests.factories import create_customer, create_lead

CHICAGO = ZoneInfo("America/Chicago")
EVERY_DAY = {d: {"open": "09:00", "close": "19:00"} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def tomorrow_at(hour: int) -> datetime:
    day = (datetime.now(UTC).astimezone(CHICAGO) + timedelta(days=1)).date()
    return datetime(day.year, day.month, day.day, hour, tzinfo=CHICAGO)


async def _shop(app: FastAPI, db: Database, capacity: int = 1):  # type: ignore[no-untyped-def]
    config = {
        "working_hours": EVERY_DAY,
        "appointment_capacity": capacity,
        "quiet_hours": {"start": "00:00", "end": "00:00"},
    }
    return await stocked_team(app, db, timezone="America/Chicago", agent_config=config, address="1 Lake Rd")


async def _appointments(db: Database, dealership_id: int) -> list[Appointment]:
    async with db.maint_session() as maint:
        rows = await maint.scalars(select(Appointment).where(Appointment.dealership_id == dealership_id))
        return list(rows.all())


async def test_a_free_time_is_booked_and_confirmed_with_date_time_address_and_vehicle(
    app: FastAPI, db: Database
) -> None:
    team = await _shop(app, db)
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "do you have a tucson")
    await _known(guest, sub, first["token"])
    cheapest = await _say(guest, sub, "how many miles on the cheapest one?", first["token"])
    assert cheapest["handed_over"] is False
    said = await _say(guest, sub, "can i come test drive it tomorrow at 11am", first["token"])
    assert said["handed_over"] is False, said
    reply = said["replies"][0]["content"]
    assert reply.startswith("You're booked") and "11:00 AM" in reply and "1 Lake Rd" in reply, reply
    assert "Tucson" in reply, reply
    [booked] = await _appointments(db, team.id)
    assert booked.starts_at == tomorrow_at(11) and booked.source == "agent" and booked.kind == "test_drive"
    assert booked.vehicle_id is not None and booked.status == "confirmed"
    async with db.maint_session() as maint:
        conversation = await maint.get(Conversation, __import__("uuid").UUID(first["conversation_id"]))
        assert conversation is not None and not conversation.ai_paused  # no handover
        lead = await maint.get(Lead, conversation.lead_id)
    assert lead is not None and lead.status == "appointment"


async def test_a_full_slot_gets_the_two_nearest_free_slots_and_books_nothing(app: FastAPI, db: Database) -> None:
    team = await _shop(app, db, capacity=1)
    async with db.maint_session() as maint, maint.begin():
        other = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, other.id)
        maint.add(
            Appointment(
                dealership_id=team.id,
                lead_id=lead.id,
                customer_id=other.id,
                kind="sales_visit",
                source="staff",
                starts_at=tomorrow_at(11),
                ends_at=tomorrow_at(11) + timedelta(minutes=30),
            )
        )
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "do you have a tucson")
    await _known(guest, sub, first["token"])
    said = await _say(guest, sub, "can i come in tomorrow at 11am", first["token"])
    assert said["handed_over"] is False, said
    reply = said["replies"][0]["content"]
    assert "is not available" in reply and "10:30 AM or" in reply and "11:30 AM" in reply, reply
    assert len(await _appointments(db, team.id)) == 1


async def test_a_time_outside_the_hours_gets_the_nearest_open_slots(app: FastAPI, db: Database) -> None:
    team = await _shop(app, db)
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "do you have a tucson")
    await _known(guest, sub, first["token"])
    said = await _say(guest, sub, "can i come in tomorrow at 8pm", first["token"])
    assert said["handed_over"] is False, said
    reply = said["replies"][0]["content"]
    assert "is not available" in reply and "6:00 PM" in reply and "6:30 PM" in reply, reply
    assert await _appointments(db, team.id) == []


async def test_asking_for_a_person_still_hands_over(app: FastAPI, db: Database) -> None:
    team = await _shop(app, db)
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "do you have a tucson")
    await _known(guest, sub, first["token"])
    said = await _say(guest, sub, "i want to talk to a real person, not a bot", first["token"])
    assert said["handed_over"] is True
    assert await _appointments(db, team.id) == []


async def test_an_anonymous_visitor_s_time_goes_to_a_person_with_the_time_in_the_dossier(
    app: FastAPI, db: Database
) -> None:
    """Nobody can confirm a visit to a chat that left no e-mail or phone: a person takes it, as before issue 18."""
    team = await _shop(app, db)
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "do you have a tucson")
    said = await _say(guest, sub, "can i come test drive it tomorrow at 11am", first["token"])
    assert said["handed_over"] is True, said
    assert await _appointments(db, team.id) == []


async def test_the_customer_picks_one_of_the_offered_slots_and_it_is_booked(app: FastAPI, db: Database) -> None:
    """After "11 is not available, I can do 10:30 or 11:30", "the 11:30" books 11:30 tomorrow (no trigger fires on
    those words alone: the offer kept in the dialogue state is what they answer)."""
    team = await _shop(app, db, capacity=1)
    async with db.maint_session() as maint, maint.begin():
        other = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, other.id)
        maint.add(
            Appointment(
                dealership_id=team.id,
                lead_id=lead.id,
                customer_id=other.id,
                kind="sales_visit",
                source="staff",
                starts_at=tomorrow_at(11),
                ends_at=tomorrow_at(11) + timedelta(minutes=30),
            )
        )
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "do you have a tucson")
    await _known(guest, sub, first["token"])
    offered = await _say(guest, sub, "can i come in tomorrow at 11am", first["token"])
    assert "10:30 AM or" in offered["replies"][0]["content"]
    said = await _say(guest, sub, "the 11:30", first["token"])
    assert said["handed_over"] is False, said
    reply = said["replies"][0]["content"]
    assert reply.startswith("You're booked") and "11:30 AM" in reply and "1 Lake Rd" in reply, reply
    mine = [a for a in await _appointments(db, team.id) if a.lead_id != lead.id]
    assert [a.starts_at for a in mine] == [tomorrow_at(11) + timedelta(minutes=30)]
    assert mine[0].source == "agent" and mine[0].status == "confirmed"


async def test_the_first_one_books_the_earlier_offered_slot(app: FastAPI, db: Database) -> None:
    team = await _shop(app, db)
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "do you have a tucson")
    await _known(guest, sub, first["token"])
    offered = await _say(guest, sub, "can i come in tomorrow at 8pm", first["token"])
    assert "6:00 PM" in offered["replies"][0]["content"]
    said = await _say(guest, sub, "the first one", first["token"])
    reply = said["replies"][0]["content"]
    assert reply.startswith("You're booked") and "6:00 PM" in reply, reply
    [booked] = await _appointments(db, team.id)
    assert booked.starts_at == tomorrow_at(18)


async def test_an_offer_is_answered_by_the_next_message_only(app: FastAPI, db: Database) -> None:
    """Once the conversation moved on, "the first one" is about the cars again, not the slots offered earlier."""
    team = await _shop(app, db)
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "do you have a tucson")
    await _known(guest, sub, first["token"])
    await _say(guest, sub, "can i come in tomorrow at 8pm", first["token"])
    other = await _say(guest, sub, "how many miles on it?", first["token"])
    assert "booked" not in other["replies"][0]["content"]
    said = await _say(guest, sub, "the first one", first["token"])
    assert "booked" not in said["replies"][0]["content"]
    assert await _appointments(db, team.id) == []


async def test_a_spanish_customer_is_offered_and_booked_in_spanish(app: FastAPI, db: Database) -> None:
    config = {
        "working_hours": EVERY_DAY,
        "appointment_capacity": 1,
        "quiet_hours": {"start": "00:00", "end": "00:00"},
        "languages": ["en", "es"],
    }
    team = await stocked_team(app, db, timezone="America/Chicago", agent_config=config, address="1 Lake Rd")
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "hola, tienen la tucson gris?")
    await _known(guest, sub, first["token"])
    offered = await _say(guest, sub, "puedo ir mañana a las 8 de la noche?", first["token"])
    text = offered["replies"][0]["content"]
    assert "no está disponible" in text and "a las 18:00" in text and "18:30" in text, text
    said = await _say(guest, sub, "la segunda por favor", first["token"])
    reply = said["replies"][0]["content"]
    assert reply.startswith("Listo, su") and "a las 18:30" in reply and "1 Lake Rd" in reply, reply
    [booked] = await _appointments(db, team.id)
    assert booked.starts_at == tomorrow_at(18) + timedelta(minutes=30)
