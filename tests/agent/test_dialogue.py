"""The conversation remembers: the dialogue state (brain.dialogue) resolves follow-ups against what was shown and
gathered, is stored with the conversation, and the agent never gives the same reply twice. The pure part first,
then the issue's examples through the public widget API with the real feed."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy import func, select

from showroom.brain.dialogue import (
    DialogueState,
    fingerprint,
    given_name,
    pick,
    refers_to_shown,
    remember,
    said_already,
    search_criteria,
    which_one,
)
from showroom.brain.nlu.intents import understand
from showroom.brain.types import VehicleView
from showroom.db.engine import Database
from showroom.models import Conversation, Vehicle
from tests.agent.support import make_vehicle
from tests.agent.test_conversations_flow import stocked_team, visitor

BROWN = make_vehicle(id=1, year=2021, model="Telluride", make="Kia", exterior_color="Brown", price_cents=2_990_000)
GREY = make_vehicle(id=2, year=2022, model="Telluride", make="Kia", exterior_color="Gray", price_cents=3_390_000)
WHITE = make_vehicle(id=3, year=2021, model="Telluride", make="Kia", exterior_color="White", price_cents=3_590_000)
SHOWN = [BROWN, GREY, WHITE]


def _state(**kw: Any) -> DialogueState:
    return DialogueState(shown=[v.id for v in SHOWN], **kw)


def _picked(text: str, state: DialogueState | None = None) -> list[int]:
    state = state or _state()
    u = understand(text)
    assert refers_to_shown(u, state), text
    return [v.id for v in pick(u, state, SHOWN)]


def test_references_resolve_against_the_vehicles_shown() -> None:
    assert _picked("the second one") == [2]
    assert _picked("how about the last one?") == [3]
    assert _picked("how many miles on the white one") == [3]
    assert _picked("is the grey one awd?") == [2]  # Grey asked, Gray in the feed
    assert _picked("the cheaper one") == [1]
    assert _picked("which of those is newest") == [2]
    assert _picked("what's the price on it?", _state(focus=3)) == [3]
    assert _picked("are they all AWD?") == [1, 2, 3]
    assert _picked("the green one") == []  # none is green: the caller asks which, or searches again


def test_a_new_vehicle_is_a_new_search_and_anything_else_narrows() -> None:
    state = _state(criteria={"models": ["Telluride"], "price_max_cents": 4_000_000})
    assert not refers_to_shown(understand("do you have a Palisade?"), state)
    narrowed = search_criteria({"price_max_cents": 3_500_000, "models": []}, state)
    assert narrowed == {"models": ["Telluride"], "price_max_cents": 3_500_000}
    fresh = search_criteria({"models": ["Palisade"]}, state)
    assert fresh == {"models": ["Palisade"], "price_max_cents": 4_000_000}  # the budget carries over


def test_the_state_round_trips_and_distrusts_what_it_does_not_know() -> None:
    state = remember(
        DialogueState(),
        u=understand("any tellurides?"),
        criteria={"models": ["Telluride"]},
        shown=[1, 2, 3],
        reply="Here are 3 that match",
    )
    again = DialogueState.from_json(state.to_json())
    assert again == state and again.shown == [1, 2, 3] and again.focus is None and again.turns == 1
    assert said_already(again, "here are 3 that match!")
    focused = remember(again, u=understand("the white one"), criteria=again.criteria, shown=[3], reply="It has")
    assert focused.focus == 3 and focused.shown == [1, 2, 3]  # the list stays to point at
    junk = DialogueState.from_json({"shown": ["x", 4], "focus": "1", "criteria": [], "said": [1, "a"]})
    assert junk.shown == [4] and junk.focus is None and junk.criteria == {} and junk.said == ["a"]
    assert fingerprint("Hi, Dana!") == fingerprint("hi dana")


def test_an_ambiguous_pointer_gets_one_specific_question() -> None:
    question = which_one(SHOWN)
    assert "2021 Telluride XRT AWD in Brown" in question and "2022 Telluride XRT AWD in Gray" in question
    assert question.endswith("?") and question.count("the 20") == 3


def _only(vehicles: list[VehicleView]) -> VehicleView:
    assert len(vehicles) == 1
    return vehicles[0]


async def test_follow_ups_resolve_through_the_widget_and_the_state_is_stored(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    guest = visitor(app)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"

    async def say(text: str, token: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"content": text, **({"token": token} if token else {})}
        response = await guest.post(url, json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    first = await say("Do you have an Ioniq 5?")
    token = first["token"]
    assert "$59,277" in first["replies"][0]["content"]
    price = (await say("What's the price on it?", token))["replies"][0]["content"]
    assert "$59,277" in price and "Which vehicle" not in price

    tellurides = await say("any tellurides?", token)
    listed = tellurides["replies"][0]["content"]
    assert "Telluride" in listed and "White" in listed
    miles = (await say("how many miles on the white one", token))["replies"][0]["content"]
    assert "47,844 miles" in miles and "EcoSport" not in miles
    newest = (await say("which of those is newest", token))["replies"][0]["content"]
    assert "2022 Kia Telluride" in newest
    cheaper = (await say("under 35k?", token))["replies"][0]["content"]
    assert "Telluride" in cheaper and "$35,900" not in cheaper  # narrowed, not started over

    async with db.maint_session() as maint:
        stored = await maint.scalar(
            select(Conversation.dialogue_state).where(Conversation.id == first["conversation_id"])
        )
    state = DialogueState.from_json(stored)
    assert state.turns >= 6 and state.criteria.get("models") == ["Telluride"] and state.shown
    assert state.criteria.get("price_max_cents") == 3_500_000


async def test_the_same_reply_is_never_given_twice(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    guest = visitor(app)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"
    first = (await guest.post(url, json={"content": "hmm"})).json()
    replies = [first["replies"][0]["content"]]
    for text in ("hmm ok", "hmmm"):
        answer = (await guest.post(url, json={"content": text, "token": first["token"]})).json()
        replies += [r["content"] for r in answer["replies"]]
    assert len(replies) == len(set(replies)), replies


async def test_staff_see_what_the_agent_knows(app: FastAPI, db: Database) -> None:
    from tests.helpers import sign_in

    team = await stocked_team(app, db)
    guest = visitor(app)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"
    first = (await guest.post(url, json={"content": "any tellurides under 40k?"})).json()
    await guest.post(url, json={"content": "the white one, how many miles?", "token": first["token"]})
    staff = await sign_in(app, team.agent.email)
    api = (await staff.get(f"/api/v1/conversations/{first['conversation_id']}")).json()
    assert api["dialogue_state"]["criteria"]["models"] == ["Telluride"] and api["dialogue_state"]["focus"]
    page = await staff.get(f"/app/conversations/{first['conversation_id']}")
    assert page.status_code == 200
    assert "What the agent knows" in page.text and "Budget up to" in page.text and "$40,000" in page.text
    assert "Shown to the customer" in page.text and "discussed" in page.text


def test_a_comparison_is_made_within_what_the_message_says() -> None:
    front = make_vehicle(id=7, model="Equinox", make="Chevrolet", drivetrain="FWD", price_cents=1_690_000)
    awd = make_vehicle(id=8, model="Equinox", make="Chevrolet", drivetrain="AWD", price_cents=1_730_000)
    pricey = make_vehicle(id=9, model="Equinox", make="Chevrolet", drivetrain="AWD", price_cents=2_400_000)
    state = DialogueState(shown=[7, 8, 9])
    u = understand("which is the cheapest awd one?")
    assert refers_to_shown(u, state)
    assert [v.id for v in pick(u, state, [front, awd, pricey])] == [8]  # not the FWD, though it costs less


def test_contact_details_given_in_the_chat_are_remembered() -> None:
    u = understand("sure, text me at (312) 555-0199 or dana.k@example.com")
    state = remember(DialogueState(), u=u, criteria={}, shown=[], reply=None)
    assert state.contact["email"] == "dana.k@example.com" and "555-0199" in state.contact["phone"]


async def test_a_comparison_is_over_everything_that_fits_unless_it_names_those_shown(
    app: FastAPI, db: Database
) -> None:
    """ "Which is newest" after a list of three of eleven Tellurides means the newest of the eleven; "which of those
    is cheapest" the cheapest of the three; a one-word "miles?" is about the unit under discussion; "ok thanks"
    after a test-drive question is a goodbye, not a yes."""
    team = await stocked_team(app, db)
    guest = visitor(app)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"

    async def say(text: str, token: str | None = None) -> tuple[str, str]:
        body: dict[str, Any] = {"content": text, **({"token": token} if token else {})}
        response = await guest.post(url, json=body)
        assert response.status_code == 201, response.text
        return response.json()["token"], response.json()["replies"][0]["content"]

    token, listed = await say("any used tellurides?")
    async with db.maint_session() as maint:
        newest_year = await maint.scalar(
            select(func.max(Vehicle.year)).where(Vehicle.model == "Telluride", Vehicle.status == "available")
        )
        fewest = await maint.scalar(
            select(func.min(Vehicle.mileage)).where(Vehicle.model == "Telluride", Vehicle.status == "available")
        )
    assert f"{newest_year} Kia Telluride" not in listed  # the list shows the cheapest three
    _, newest = await say("which one is the newest?", token)
    assert f"{newest_year} Kia Telluride" in newest, newest
    _, low = await say("and the lowest miles?", token)
    assert f"{fewest:,} miles" in low, low
    _, miles = await say("miles?", token)
    assert f"{fewest:,} miles" in miles and "tell me a bit more" not in miles, miles
    _, bye = await say("ok cool thanks", token)
    assert "What day and time" not in bye and "test drive" not in bye.lower(), bye


def test_a_name_given_in_the_chat_is_remembered_with_the_contact() -> None:
    state = remember(
        DialogueState(), u=understand("around 10. im Dana 708-555-0188"), criteria={}, shown=[], reply=None
    )
    assert state.contact == {"phone": "708-555-0188", "name": "Dana"}
    assert given_name("I'm interested in the tucson") is None and given_name("Im good thanks") is None
    assert given_name("me llamo ana") == "Ana" and given_name("my name is luis") == "Luis"


async def test_a_narrowing_that_finds_nothing_says_what_was_searched(app: FastAPI, db: Database) -> None:
    """'under 23k' after 'any lincolns?': no Lincoln is that cheap, and the reply says 'Lincoln', not 'a vehicle'
    (there are plenty of vehicles under $23k)."""
    team = await stocked_team(app, db)
    guest = visitor(app)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"
    first = (await guest.post(url, json={"content": "any lincolns?"})).json()
    narrowed = (await guest.post(url, json={"content": "under 20k?", "token": first["token"]})).json()
    reply = narrowed["replies"][0]["content"]
    assert "Lincoln" in reply.split("\n")[0] and "a vehicle within your budget" not in reply, reply
