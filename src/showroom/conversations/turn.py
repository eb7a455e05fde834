"""The one place a turn of the conversation runs: a customer's message (or a new lead) in, the agent's answer out.

Every channel comes here: the chat widget, the API, the SMS and e-mail webhooks (:func:`receive`), and a new lead's
first answer (:func:`first_reply`, a job). A turn takes three steps, so that nothing waits on the outside world
while a transaction is open:

1. **Decide**, in the caller's transaction: the customer's message is stored and counted (in SQL; the statement
   locks the conversation's row until commit, which orders concurrent messages of one conversation), and whatever
   needs no provider is done: an opt-out, insights and the lead score, an escalation trigger (handover), suggested
   replies when a human handles the conversation. If the agent is to answer, what the provider needs is read
   (persona, inventory, history). Then the transaction commits.
2. **Ask** the provider, with no transaction open and no pooled connection held (an LLM may take seconds; its
   inventory-search tool opens its own short read transactions).
3. **Write** the answer in a second short transaction, after checking under the conversation's row lock that
   nothing changed meanwhile: the AI still handles the conversation and no newer customer message arrived (its own
   turn answers, with this one in its history). Otherwise the answer is dropped, never written over a newer state.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from showroom.agent.context import (
    HISTORY_TURNS,
    PersonaChoice,
    agent_languages,
    dealership_view,
    history,
    relevant_vehicles,
    summarise_inventory,
    vehicle_by_reference,
    vehicles_by_id,
    which_fit,
)
from showroom.agent.personas import greeting_name, prompt_values
from showroom.agent.providers import Provider, ProviderReply, ReplyRequest, provider_for
from showroom.agent.triggers import active_specs
from showroom.audit.service import SYSTEM, Actor, record
from showroom.auth.principal import Principal
from showroom.brain import prompts
from showroom.brain.compose.general import knows_generally
from showroom.brain.compose.reply import reply_language, search_terms
from showroom.brain.dialogue import (
    SUBJECT_KEYS,
    Comparison,
    DialogueState,
    about_model_of,
    against_the_one_seen,
    asks_about_a_car,
    asks_colours,
    asks_for_more,
    asks_for_others,
    asks_same_price,
    asks_similar,
    asks_trims,
    asks_why_priced,
    beyond,
    comparison,
    contact_given,
    describe,
    describes_shown,
    may_quote,
    model_comparison,
    models_compared,
    next_page,
    next_question,
    own_wishes,
    passes,
    pick,
    price_gap,
    priced_like,
    priced_pointer,
    quoted,
    recall,
    refers_to_shown,
    refusal,
    refuses,
    remember,
    said_already,
    search_criteria,
    search_order,
    side_by_side,
    similar_to,
    still_about,
    superlative,
    the_one_with,
    tied,
    turned_down,
    unbeaten,
    which_one,
    whole_lot,
    with_criteria,
    with_trade_in,
    with_visit_day,
)
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.guardrails import (
    DEFAULT_CLOSING,
    Guarded,
    allowed_links,
    customer_cars,
    customer_figures,
    enforce,
)
from showroom.brain.i18n import translate
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.language import language_name
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.vehicles import Catalog
from showroom.brain.types import Turn as AgentTurn
from showroom.brain.types import VehicleView
from showroom.conversations import booking, effects, experiment_hook
from showroom.conversations.handover import hand_over
from showroom.conversations.rows import CONVERSATIONS, TurnRows, count_message, turn_rows
from showroom.conversations.schemas import MessageCreate
from showroom.conversations.service import CLOSED, get, repeat, staff_message
from showroom.errors import Conflict, ValidationFailed
from showroom.followups import service as followups
from showroom.inventory.service import catalog
from showroom.leads.adf.pasted import as_enquiry
from showroom.models import Conversation, Customer, Dealership, Handover, Lead, Message
from showroom.services import Services
from showroom.vocabulary import Channel, HandoverReason, HandoverStatus, Priority, Sender

# what a message may ask of the model under discussion without naming it ("the black one, SEL"), and what names a kind
_OF_THE_MODEL = frozenset({"colors", "trims", "year_min", "year_max", "drivetrains", "condition"})
_KIND_KEYS = frozenset({"makes", "models", "body_styles", "stock_number", "vin"})
# what narrows a search under way ("under 40k", "only awd", "2022 or newer"); turning something down is not
_NARROWING = frozenset(
    {"price_max_cents", "price_min_cents", "mileage_max", "year_min", "year_max", "drivetrains", "fuel_types",
     "transmissions", "features", "condition"}
)  # fmt: skip
_KINDS = frozenset({"fuel_types", "drivetrains", "transmissions", "features", "colors"})  # kinds of car, not subjects
HUMAN_HANDLES = "a human is handling this conversation"
# What the agent still answers while the customer waits for a person after a handover that allows it: the lot, a
# price, a fact, the hours. Anything else (a hello, a thanks, a phone number, a new grievance) gets a short holding
# note, at most ``MAX_HOLDING_NOTES`` of them (the third and later give the number to call), then silence until a
# person writes.
# ("i got a 2014 silverado to trade in": the trade's details are acknowledged for the appraisal)
_WAITING_NOTE = (
    "The customer is waiting for a person from the team, whom you already brought in: answer plainly, do not pitch a "
    "test drive or a visit, and do not promise anything the person will decide."
)
_WHILE_WAITING = frozenset({"availability", "inventory_search", "price", "vehicle_facts", "hours_location", "trade_in"})
MAX_HOLDING_NOTES = 4
BUYING_INTENTS = frozenset(
    {"availability", "inventory_search", "trade_in", "financing", "lease", "test_drive", "price", "hours_location"}
)
NOT_INTERESTED = "not_interested"  # the tag that keeps the AI quiet until the customer asks a buying question


@dataclass
class Outcome:
    reply: Message | None = None
    handover: Handover | None = None
    skipped: str | None = None  # why the AI did not answer


@dataclass
class Pending:
    """What step 1 leaves for steps 2 and 3: the question for the provider and what the answer is written with."""

    rows: TurnRows
    inbound: Message | None  # None: a new lead's first answer
    request: ReplyRequest
    provider: Provider
    choice: PersonaChoice
    vehicles: list[VehicleView]
    known: Catalog
    sms_max: int
    started: float
    state: DialogueState  # as read with the question
    criteria: dict[str, Any]  # the search terms this turn used (the conversation's, with the message's merged in)
    clarify: str | None = None  # the message points at shown vehicles ambiguously: ask which, not the provider
    waiting: bool = False  # asked while the customer waits for a person (``_Waiting``): written only if still so


# --- entry points -------------------------------------------------------------------------------------------


async def receive(
    session: AsyncSession,
    services: Services,
    conversation: Conversation,
    content: str,
    actor: Actor,
    *,
    sender_name: str | None = None,
    external_message_id: str | None = None,
    idempotency_key: str | None = None,
    subject: str | None = None,
) -> tuple[Message, bool, Outcome]:
    """A customer's message, from any channel: stored and acted on in the caller's transaction, which this
    commits; then answered (steps 2 and 3). Idempotent on the provider's key: a retry returns the first message
    and answers it only if the first run did not (:func:`_resume`). Returns the message, whether it is new, and what
    the agent did."""
    first = await repeat(session, conversation.id, idempotency_key)
    if first is not None:
        return first, False, await _resume(session, services, conversation, first)
    if conversation.status == "archived":
        raise Conflict("this conversation is archived; start a new one", field="conversation_id")
    message = Message(
        id=uuid.uuid4(),
        dealership_id=conversation.dealership_id,
        conversation_id=conversation.id,
        type="inbound",
        sender="customer",
        delivery_status="received",
        sender_name=sender_name,
        channel=conversation.channel,
        content=content,
        subject=subject,
        external_message_id=external_message_id,
        idempotency_key=idempotency_key,
        created_at=datetime.now(UTC),
    )
    session.add(message)
    await record(  # added before anything flushes: the message and its audit row go in one flush
        session,
        actor,
        "message.receive",
        dealership_id=conversation.dealership_id,
        resource_type="message",
        resource_id=message.id,
        after={"conversation_id": str(conversation.id)},
    )
    await followups.stop(session, conversation.lead_id, "the customer replied")  # issue 18: a reply ends the cadence
    riders = await experiment_hook.inbound_riders(session, conversation, message)  # issue 17: no statement of its own
    counted = await count_message(session, conversation, message, riders=riders)
    await experiment_hook.customer_message(session, conversation, message, counted)  # metric events
    decided = await _decide(session, services, await turn_rows(session, conversation), message, actor)
    await session.commit()
    if isinstance(decided, Outcome):
        return message, True, decided
    return message, True, await _answer(session, services, decided)


async def _resume(session: AsyncSession, services: Services, conversation: Conversation, message: Message) -> Outcome:
    """A message taken already by an earlier run of its turn (a provider's retry, a job run again): answered now if
    that run stored it and stopped before answering (its worker died during step 2), so that it is answered
    once. Step 1's writes (the count, insights, score, a trigger's handover, a booking, an opt-out) were committed
    with the message and are not done again: only the question and the answer are left. Nothing to do when it was
    answered (any reply to it), when the AI no longer answers, when a newer message's turn answers it, or when step
    1 decided to stay silent (an opt-out; "not interested" without a buying question)."""
    turn = await turn_rows(session, conversation)
    last = conversation.last_customer_message_at
    if ai_answers(turn) or (last is not None and last > message.created_at) or await _replied(session, message.id):
        return Outcome(skipped="already received")
    turns = _read(await history(session, conversation.id, exclude=message.id))
    known = await catalog(session)
    u = understand(_said(message.content), known, turns, languages=agent_languages(turn.dealership))
    u = with_visit_day(u, DialogueState.from_json(conversation.dialogue_state))
    # "not interested" without a buying question: step 1 stayed silent, unless the tag is this message's own (then
    # it answered); which one cannot be told afterwards, so the customer who said so is not written to
    uninterested = NOT_INTERESTED in (conversation.tags or []) and not set(u.intents[:2]) & BUYING_INTENTS
    if u.is_opt_out or uninterested:
        return Outcome(skipped="already received")
    pending = await _question(session, services, turn, message, u, known, turns)
    await session.commit()
    return await _answer(session, services, pending)


@dataclass(frozen=True)
class _Waiting:
    """A customer waiting for a person: an open handover no one has taken, and no staff reply since it."""

    answers: bool  # the handover lets the agent answer plain questions meanwhile (``handover.hand_over``)
    hurt: bool  # it was for a complaint, a problem or a threat
    notes: int  # holding notes sent since the handover


_HANDOVERS = Handover.__table__
_MESSAGES = Message.__table__
_WAITING = (
    select(
        _HANDOVERS.c.context["answers_while_waiting"].as_boolean().label("answers"),
        _HANDOVERS.c.context["hurt"].as_boolean().label("hurt"),
        select(func.count())
        .where(
            _MESSAGES.c.conversation_id == _HANDOVERS.c.conversation_id,
            _MESSAGES.c.ai_model == "holding",
            _MESSAGES.c.created_at >= _HANDOVERS.c.requested_at,
        )
        .scalar_subquery()
        .label("notes"),
    )
    .where(
        _HANDOVERS.c.conversation_id == bindparam("conversation_id", type_=_HANDOVERS.c.conversation_id.type),
        _HANDOVERS.c.status == HandoverStatus.pending,
        _HANDOVERS.c.requested_by_id.is_(None),
        _HANDOVERS.c.claimed_at.is_(None),
        ~select(_MESSAGES.c.id)
        .where(
            _MESSAGES.c.conversation_id == _HANDOVERS.c.conversation_id,
            _MESSAGES.c.sender == Sender.agent,
            _MESSAGES.c.created_at >= _HANDOVERS.c.requested_at,
        )
        .exists(),
    )
    .order_by(_HANDOVERS.c.requested_at.desc())
    .limit(1)
)


async def _waiting(session: AsyncSession, conversation_id: uuid.UUID) -> _Waiting | None:
    """Is the customer waiting for a person the AI called in (and may the AI answer meanwhile)? None otherwise: a
    person took the conversation, wrote in it, or asked for it themself (a staff take-over)."""
    row = (await session.execute(_WAITING, {"conversation_id": conversation_id})).first()
    return None if row is None else _Waiting(bool(row.answers), bool(row.hurt), int(row.notes))


async def _replied(session: AsyncSession, message_id: uuid.UUID) -> bool:
    return await session.scalar(select(_REPLIED), {"inbound_id": message_id}) or False


async def add_message(
    session: AsyncSession,
    services: Services,
    conversation_id: uuid.UUID,
    data: MessageCreate,
    principal: Principal,
    actor: Actor,
) -> tuple[Message, bool]:
    """``POST /conversations/{id}/messages``: staff write replies and notes; integrations (API keys) post the
    customer's messages, each a turn of the conversation (which commits the request's transaction)."""
    conversation = await get(session, conversation_id)
    if principal.kind != "api_key":
        return await staff_message(session, services, conversation, data, principal, actor)
    if data.type is not None or data.suggestion_id is not None:
        raise ValidationFailed("integrations post the customer's messages; leave type out", field="type")
    message, created, _ = await receive(
        session,
        services,
        conversation,
        data.content,
        actor,
        sender_name=data.sender_name,
        external_message_id=data.external_message_id,
        idempotency_key=data.idempotency_key,
    )
    return message, created


async def first_reply(session: AsyncSession, services: Services, conversation_id: uuid.UUID) -> Outcome:
    """A new lead's first answer, from the enquiry itself (its comments, or the vehicle it is about). ``session``
    acts for the dealership and has no transaction open (the ``conversation.first_reply`` job)."""
    async with session.begin():
        decided = await _decide_first(session, services, await get(session, conversation_id))
    if isinstance(decided, Outcome):
        return decided
    return await _answer(session, services, decided)


# --- step 1: decide ----------------------------------------------------------------------------------------------


def _said(text: str) -> str:
    """What a customer's message says: a lead document pasted into it (ADF) read as the lead form it is."""
    return as_enquiry(text) or text


def _read(turns: list[AgentTurn]) -> list[AgentTurn]:
    """The history as :func:`_said` reads each customer message."""
    return [replace(t, text=_said(t.text)) if t.sender == "customer" else t for t in turns]


def ai_answers(turn: TurnRows) -> str | None:
    """Why the AI must stay silent here, or None when it answers."""
    c, d = turn.conversation, turn.dealership
    if not d.is_active:
        return "dealership deactivated"
    if d.operation_mode != "ai_agent":
        return "the dealership works in direct-agent mode"
    if not c.is_ai_assisted or not turn.customer.ai_enabled:
        return "the AI is switched off for this conversation or customer"
    if c.ai_paused:
        return HUMAN_HANDLES
    if c.status in CLOSED:
        return f"the conversation is {c.status}"
    return None


async def _decide(
    session: AsyncSession, services: Services, turn: TurnRows, message: Message, actor: Actor
) -> Outcome | Pending:
    """Step 1 for a customer's message (stored already): what it changes, and the provider's question if the
    agent is to answer."""
    text = _said(message.content)
    turns = _read(await history(session, turn.conversation.id, exclude=message.id))
    known = await catalog(session)
    u = understand(text, known, turns, languages=agent_languages(turn.dealership))
    told = DialogueState.from_json(turn.conversation.dialogue_state)
    u = with_trade_in(with_visit_day(u, told), told)  # "saturday" ... "around 10"; "my accord" ... "what for it?"
    if u.is_opt_out:
        confirmation = await effects.opt_out(session, services, turn, message)
        return Outcome(reply=confirmation, skipped="opted out" if confirmation else "already opted out")
    if u.is_resume:
        await effects.resume(session, turn)
    silent = ai_answers(turn)
    waiting = await _waiting(session, turn.conversation.id) if silent == HUMAN_HANDLES else None
    match = await effects.assess(session, turn, message, text, u, turns, triggers=silent is None or waiting is not None)
    if silent:
        await effects.for_staff(session, services, turn, message, u, known, turns)
        if waiting is None:
            return Outcome(skipped=silent)
        # "while i wait, how much is it", "y cuantas millas"; "should i bring anything", "can u guarantee ill get
        # approved": the honest general answer, unless what the message fires hurts, the person still coming
        general = knows_generally(u.text)
        # "y la mas barata de esas cual es": of the cars shown, answered too
        plain = u.primary in _WHILE_WAITING or asks_about_a_car(u) or general or refers_to_shown(u, told)
        if waiting.answers and ((match is None and plain) or (general and not (match and effects.hurts(match)))):
            pending = await _question(session, services, turn, message, u, known, turns)
            # an LLM is told too: a plain answer, no visit pitched, the person still coming
            told_waiting = f"{pending.request.dialogue}\n{_WAITING_NOTE}".strip()
            request = replace(pending.request, waiting=True, dialogue=told_waiting)
            return replace(pending, waiting=True, request=request)
        recalled = recall(told, u)  # "u have my number right": said back, not a holding line
        if waiting.notes >= MAX_HOLDING_NOTES and recalled is None:
            return Outcome(skipped=silent)
        # "hello??": never silence at once; sorry for the wait after a handover for a complaint or a problem
        note = recalled or effects.holding_note(turn, u, notes=waiting.notes, hurt=waiting.hurt)
        state = remember(told, u=u, criteria=told.criteria, shown=[], reply=note)  # a phone, a trade told meanwhile
        return Outcome(
            reply=await effects.say(
                session, services, turn, message, note, model="holding", dialogue_state=state.to_json()
            )
        )
    if booked := await booking.try_book(session, services, turn, message, u, match, actor):
        return Outcome(reply=booked)  # issue 18: an offered slot picked or a free time asked for is booked
    if match is not None:
        with_inbound = [*turns, AgentTurn(sender="customer", text=text)][-HISTORY_TURNS:]
        handover = await effects.apply_trigger(session, services, turn, match, u, actor, turns=with_inbound)
        if handover is not None:
            # what the message gave ("need a third row ... around $550 a month") is remembered for the turns after
            # ("used is fine, under 36k" while the customer waits): the criteria, a trade-in, a visit, the contact
            # (a complaint's car is theirs, not a wish: "mi santa fe tiene una falla" leaves the search as it was)
            hurt = effects.hurts(match)
            criteria = told.criteria if hurt else whole_lot(u, search_criteria(search_terms(u), told))
            meant = await _car_meant(session, u, told, criteria, known, turn.lead.id)
            note = effects.handover_note(turn, u.language, u, match, about=meant)
            state = remember(told, u=u, criteria=criteria, shown=[meant.id] if meant else [], reply=note)
            reply = await effects.say(
                session, services, turn, message, note, model="handover", dialogue_state=state.to_json()
            )
            await effects.for_staff(session, services, turn, message, u, known, turns)
            return Outcome(reply=reply, handover=handover)
    recalled = recall(told, u)
    if recalled is not None:  # "wait what did i tell u the miles were": what they told, from the state
        closing = translate(reply_language(u), DEFAULT_CLOSING)
        state = remember(told, u=u, criteria=told.criteria, shown=[], reply=recalled)
        reply = await effects.say(
            session,
            services,
            turn,
            message,
            f"{recalled}\n\n{closing}",
            model="builtin",
            dialogue_state=state.to_json(),
        )
        await effects.for_staff(session, services, turn, message, u, known, turns)
        return Outcome(reply=reply)
    tags = list(turn.conversation.tags or [])
    if NOT_INTERESTED in tags:
        if not (set(u.intents[:2]) & BUYING_INTENTS):
            return Outcome(skipped="the customer said they are not interested")
        await effects.retag(session, turn, [t for t in tags if t != NOT_INTERESTED], actor)
    elif u.primary == NOT_INTERESTED:
        await effects.retag(session, turn, sorted({*tags, NOT_INTERESTED}), actor)
    return await _question(session, services, turn, message, u, known, turns)


async def _car_meant(
    session: AsyncSession,
    u: Understanding,
    told: DialogueState,
    criteria: dict[str, Any],
    known: Catalog,
    lead_id: uuid.UUID,
) -> VehicleView | None:
    """The one car a message hands over about, for the customer's note: the first of everything that fits when it
    ranks ("ill take the cheapest white one"), the one it points at among those shown ("ok the 23.5 one, can u hold
    it till saturday", "i want the white EX"), else the car under discussion, if the message is still about it;
    ``criteria``: what the message searches for with what was gathered before."""
    ranked = superlative(u)
    if ranked and told.criteria:
        found = [
            v for v in await relevant_vehicles(session, u, lead_id, known, terms=criteria, order=ranked) if v.exact
        ]
        if found:
            return found[0]
    ids = list(dict.fromkeys([*told.shown, *([told.focus] if told.focus is not None else [])]))
    if not ids and u.slots.models:  # "still want the red escape" with nothing shown yet: the one unit it names
        found = [v for v in await relevant_vehicles(session, u, lead_id, known, terms=criteria) if v.exact]
        return found[0] if len(found) == 1 else None
    if not ids:
        return None
    cars = await vehicles_by_id(session, list(dict.fromkeys([*ids, *told.discussed, *told.seen])))
    listed = [v for v in cars if v.id in ids]  # "can u do 30k on the q5": no car of an older list priced near 30k
    pointed = quoted(u, listed)[0] if may_quote(u) else []
    # "would u do 37 on the cheaper gray one": the figure is the offer, no limit on which car is meant
    u = replace(u, slots=replace(u.slots, budget_max_cents=None, budget_min_cents=None))
    if not pointed and told.shown and refers_to_shown(u, told):
        pointed = pick(u, told, [v for v in cars if v.id in told.shown])
    if not pointed and u.slots.colors:  # "can i come see the blue one saturday" after the black one: the blue one
        pointed = pick(
            u,
            told,
            listed,
            [v for v in cars if v.id in told.discussed and v.id not in ids],
            [v for v in cars if v.id in told.seen and v.id not in ids],
        )
    if len(pointed) == 1:
        return pointed[0]
    focus = next((v for v in cars if v.id == told.focus), None)
    return focus if focus is not None and not pointed and still_about(u, focus, known) else None


async def _decide_first(session: AsyncSession, services: Services, conversation: Conversation) -> Outcome | Pending:
    """Step 1 for a new lead: nothing to do if the AI is silent or someone answered already; its enquiry (the first
    customer message, from intake) is decided like any message; a lead without words gets an answer about the
    vehicle it names (a handover if that fires a trigger)."""
    turn = await turn_rows(session, conversation)
    silent = ai_answers(turn)
    if silent:
        return Outcome(skipped=silent)
    if await _answered(session, conversation.id):
        return Outcome(skipped="the conversation already has an answer")
    enquiry = await session.scalar(
        select(Message)
        .where(Message.conversation_id == conversation.id, Message.sender == Sender.customer)
        .order_by(Message.created_at.desc())
        .limit(1)
    )
    if enquiry is not None:  # the lead's own words are the conversation's first message: answered as any other
        return await _decide(session, services, turn, enquiry, SYSTEM)
    text = turn.lead.description or "I'm interested in a vehicle"
    known = await catalog(session)
    u = understand(text, known, languages=agent_languages(turn.dealership))
    match = await effects.assess(session, turn, None, text, u, (), triggers=True)
    if match is not None:
        handover = await effects.apply_trigger(session, services, turn, match, u, SYSTEM, turns=None)
        if handover is not None:
            return Outcome(handover=handover)
    return await _question(session, services, turn, None, u, known, ())


async def _answered(session: AsyncSession, conversation_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(Message.id)
        .where(Message.conversation_id == conversation_id, Message.sender.in_(("ai", "agent")))
        .limit(1)
    )
    return found is not None


async def _own_wishes_first(
    session: AsyncSession,
    u: Understanding,
    lead_id: Any,
    known: Catalog,
    terms: dict[str, Any],
    criteria: dict[str, Any],
    vehicles: list[VehicleView],
    *,
    order: str = "cheapest",
) -> tuple[list[VehicleView], dict[str, Any], dict[str, Any]]:
    """The cars and criteria to answer from when a message names a new make, model or kind and the limits carried
    from before left nothing that fits: what the message asks for by itself (``dialogue.own_wishes``; "the white
    equinox still there?" after new 2023+ Tucsons), if that finds any; else what was found. Third: the criteria
    carried from before that were left out (``ReplyRequest.relaxed``, said in the reply), else none."""
    own = own_wishes(terms, criteria)
    if own is None or any(v.exact for v in vehicles):
        return vehicles, criteria, {}
    alone = await relevant_vehicles(session, u, lead_id, known, terms=own, order=order)
    if not any(v.exact for v in alone):
        return vehicles, criteria, {}
    left_out = {
        k: v for k, v in criteria.items() if k not in own and v not in (None, [], "") and not k.startswith("exclude")
    }
    return alone, own, left_out


async def _question(
    session: AsyncSession,
    services: Services,
    turn: TurnRows,
    inbound: Message | None,
    u: Understanding,
    known: Catalog,
    turns: Sequence[AgentTurn],
    *,
    choice: PersonaChoice | None = None,
) -> Pending:
    """What the provider answers from: the persona (the conversation's, unless ``choice`` is given), at most five
    relevant units, the history, the prompt."""
    started = time.perf_counter()
    choice = choice or await experiment_hook.persona_choice(session, turn)  # a variant's persona, if any
    state = DialogueState.from_json(turn.conversation.dialogue_state)
    clarify = None
    vehicles: list[VehicleView] = []
    referred = False
    focus_read: list[VehicleView] | None = None

    async def the_focus() -> VehicleView | None:
        """The car under discussion, read once a turn when some step needs it."""
        nonlocal focus_read
        if focus_read is None:
            focus_read = await vehicles_by_id(session, [state.focus]) if state.focus is not None else []
        return focus_read[0] if focus_read else None

    pointed: list[VehicleView] = []
    focused = [state.focus] if state.focus is not None else []
    seen_ids = list(dict.fromkeys([*state.shown, *state.discussed, *focused, *state.seen]))
    if seen_ids and may_quote(u):  # "the one with 27k miles": that car
        pointed, u = quoted(u, await vehicles_by_id(session, seen_ids))
    if not pointed and state.criteria and (price := priced_pointer(u)) is not None:
        # "the 23.6k one" when no car seen is: the one of the search at that price, if it is one
        near = {**state.criteria, "price_min_cents": price - price // 50, "price_max_cents": price + price // 50}
        found = [v for v in await relevant_vehicles(session, u, turn.lead.id, known, terms=near) if v.exact]
        if 1 <= len(found) <= 2:
            pointed, u = found[:1], replace(u, slots=replace(u.slots, budget_max_cents=None, budget_min_cents=None))
    if asks_why_priced(u) and u.slots.models and u.slots.budget_max_cents:
        # "why is the 2020 mustang 34k": the price it asks about is no budget
        u = replace(u, slots=replace(u.slots, budget_max_cents=None, budget_min_cents=None))
    terms = search_terms(u)
    given = {k for k, v in terms.items() if v not in (None, [], "")}  # what the message itself asks for
    criteria = whole_lot(u, search_criteria(terms, state))
    if len(u.slots.trims) > 1 and not u.slots.colors:  # "the SEL or the Limited": each trim, in any colour
        criteria = {k: v for k, v in criteria.items() if k != "colors"}
    if (
        state.focus is not None
        and not pointed
        and given & {"colors", "trims"}
        and not criteria.keys() & _KIND_KEYS
        and not state.criteria.keys() - _OF_THE_MODEL - {"stock_number", "vin", "exclude_ids"}
    ):
        # "what about the black one, SEL" after a car found by its stock number: that car's model, in black
        focus_car = await the_focus()
        if focus_car is not None:
            criteria = {**criteria, "makes": [focus_car.make], "models": [focus_car.model]}
    turned = None
    relaxed: dict[str, Any] = {}  # what was carried from before and left out for the message's own wish
    shown_all: str | None = None  # every car that fits was shown already ("more": the next ones; "all": no others)
    if pointed:
        vehicles, referred, criteria = pointed, True, state.criteria
    elif refuses(u) and (state.shown or state.focus is not None):  # "not that one", "too many miles": that car out
        shown = await vehicles_by_id(session, state.shown or ([state.focus] if state.focus is not None else []))
        turned = refusal(u, state, shown)
    if turned is not None and turned.others:  # "the first one is too pricey, what about the other 2"
        criteria = turned_down(state.criteria, {"exclude_ids": turned.criteria["exclude_ids"]})
        vehicles, referred = turned.others, True
    elif turned is not None:
        # what the message itself asks ("too expensive, anything under 25k") wins over what follows from the car
        follows = {k: v for k, v in turned.criteria.items() if k not in given or k.startswith("exclude_")}
        criteria = turned_down({**criteria, **follows}, follows)
        if not any(k in criteria for k in SUBJECT_KEYS) and not given & _KINDS:
            # nothing gathered, and the message names no kind ("too expensive. anything electric"): cars of the kind
            # turned down
            criteria["body_styles"] = list(dict.fromkeys(v.body_style for v in turned.vehicles if v.body_style))
        vehicles = await relevant_vehicles(
            session, u, turn.lead.id, known, terms=criteria, order=superlative(u) or turned.order
        )
        # "too much. what about the kona?": the Kona
        vehicles, criteria, relaxed = await _own_wishes_first(
            session, u, turn.lead.id, known, terms, criteria, vehicles
        )
    elif refers_to_shown(u, state) and not models_compared(u):  # "it", "the white one": what was shown
        ranked_by = superlative(u)
        # "the cheapest", "which is newest": of all that fit, not only those shown (why it is priced so: of those)
        if ranked_by and state.criteria and not asks_why_priced(u):
            found = await relevant_vehicles(session, u, turn.lead.id, known, terms=criteria, order=ranked_by)
            vehicles = tied([v for v in found if v.exact], ranked_by)  # the one, or two that tie ("two 2025s")
            referred = bool(vehicles)
    compared: Comparison | None = None
    if turned is None and refers_to_shown(u, state) and not vehicles and not models_compared(u):
        listed = state.shown or ([state.focus] if state.focus else [])
        known_cars = await vehicles_by_id(session, list(dict.fromkeys([*listed, *state.discussed, *state.seen])))
        compared = comparison(u, state, known_cars)  # "which is cheaper": the cars compared, the winner first
        shown = [v for v in known_cars if v.id in listed]
        # "back to the palisade": a car discussed before (not every car of every list: "which would you pick" only)
        earlier = [v for v in known_cars if v.id not in listed and v.id in state.discussed]
        seen_before = [v for v in known_cars if v.id not in listed and v.id in state.seen]  # the lists before
        vehicles = compared.vehicles if compared is not None else pick(u, state, shown, earlier, seen_before)
        if vehicles:
            criteria, referred = state.criteria, True
        elif shown and not u.slots.has_vehicle_criteria():
            clarify, vehicles, criteria = which_one(shown, reply_language(u)), shown, state.criteria
    if not vehicles and turned is None:  # a new search, or narrowing the one under way ("under 45k", "in red")
        if state.focus is not None and (asks_colours(u) or asks_trims(u)):  # "what colours does it come in"
            criteria = about_model_of(criteria, await the_focus(), u)
        elif state.focus is not None and asks_similar(u):  # "anything similar with awd in that price"
            focus_car = await the_focus()
            criteria = similar_to(u, criteria, focus_car) if focus_car is not None else criteria
        elif state.focus is not None and asks_same_price(u):  # "any equinox around the same price": about the car's
            criteria = priced_like(u, criteria, await the_focus())
        if state.shown or state.focus is not None:  # "anything newer", "something cheaper": than what was shown
            ids = state.shown or ([state.focus] if state.focus is not None else [])
            seen = await vehicles_by_id(session, ids) if passes(u) else []
            # "something newer, 2020 or newer": the customer's own figure wins over the one past the car seen
            past = {k: v for k, v in beyond(u, state, seen).items() if k not in given}
            criteria = {**criteria, **past}
        else:
            past = {}
        # "what's the newest used car you have", "what trims do you have"; "anything newer than that": the cheapest
        # of the later years, as close to the car seen as can be
        order = "cheapest" if past else search_order(u)
        # "any others with less than 30k miles": besides the car under discussion and those shown; "more?", "the
        # rest": besides every car seen lately too (the pages shown before this one)
        paging = next_page(u, state)
        besides = [*state.shown, *([state.focus] if state.focus is not None else [])] if asks_for_others(u) else []
        if paging:
            besides = list(dict.fromkeys([*state.seen, *state.shown, *besides]))
        searched = {**criteria, "exclude_ids": [*criteria.get("exclude_ids", []), *besides]} if besides else criteria
        vehicles = await relevant_vehicles(
            session, u, turn.lead.id, known, terms=searched, order=order, everything=superlative(u) is not None
        )
        vehicles, criteria, relaxed = await _own_wishes_first(
            session, u, turn.lead.id, known, terms, criteria, vehicles, order=order
        )
        compared = model_comparison(u, vehicles)  # "whats cheaper, the tucson or the santa fe"
        if compared is None and state.focus is not None and side_by_side(u):  # "how does it compare to the palisade"
            compared = against_the_one_seen(u, await the_focus(), vehicles)
        if compared is None and past and not any(v.exact for v in vehicles):
            compared = unbeaten(past, state, seen)  # "anything cheaper?" when nothing is: the car seen is it
        elif compared is None and not besides and asks_for_more(u) and not any(v.exact for v in vehicles):
            # "anything under 25 thats still nice?" when no unit of the models named is: of other models
            narrow = ("makes", "models", "trims", "colors")
            wider = {k: v for k, v in searched.items() if k not in narrow}
            other = [] if wider == searched else await relevant_vehicles(session, u, turn.lead.id, known, terms=wider)
            if any(v.exact for v in other):
                vehicles, shown_all = [v for v in other if v.exact], "wider"
        if compared is None and besides and not any(v.exact for v in vehicles):
            # "any others?" when there are none: the ones seen that fit are all there is
            fitting = [v for v in await relevant_vehicles(session, u, turn.lead.id, known, terms=criteria) if v.exact]
            if paging and fitting:  # "more?" when every one was shown: said so, no list again
                vehicles, shown_all = fitting, "end"
            elif len(fitting) == 1:
                compared = Comparison(fitting, "only_one")
            elif fitting:
                vehicles, shown_all = fitting, "all"
        elif compared is None and paging:
            shown_all = "next"  # the next cars of the list: said as such, with how many are left
        elif compared is None and not besides and (state.shown or state.focus is not None) and given & _NARROWING:
            # a narrowing ("under 40k") that every car on view already fits (the car last answered about, else the
            # list shown): the next ones, never the same cars again
            on_view = [state.focus] if state.focus is not None else state.shown
            fits = {v.id for v in vehicles if v.exact}
            shown_ids = set(on_view)
            # "any electric SUVs" after sedans names another kind: a new search, none of those shown can fit it
            another = any(state.criteria.get(k) and searched.get(k) != state.criteria[k] for k in SUBJECT_KEYS)
            if (
                fits
                and not another
                and not shown_ids <= fits
                and (next(v for v in vehicles if v.exact).matching or 0) >= len(shown_ids)
            ):
                fits = await which_fit(session, known, searched, on_view)  # as many fit in all: are those on view?
            if shown_ids <= fits:  # every car on view still fits: the next ones
                # past the list before too: its cars that also fit were seen already ("never the same cars again")
                seen_ids = list(dict.fromkeys([*on_view, *state.shown]))
                past_shown = {**searched, "exclude_ids": [*searched.get("exclude_ids", []), *seen_ids]}
                more = await relevant_vehicles(session, u, turn.lead.id, known, terms=past_shown, order=order)
                more = [v for v in more if v.exact]
                vehicles, shown_all = (more, "more") if more else (vehicles, "all")
        if compared is None and the_one_with(u) and sum(v.exact for v in vehicles) > 1:
            vehicles = [next(v for v in vehicles if v.exact)]  # "that blue rogue with the low miles": the one
        if compared is not None:
            vehicles = compared.vehicles
    exact = [v for v in vehicles if v.exact]
    if not referred and exact and {v.id for v in exact} <= set(state.shown) and describes_shown(u, given):
        criteria = state.criteria  # "the 2 burgundy ones are the same price?": those shown, no burgundy wish kept
    if compared is None and len(exact) == 1 and state.focus is not None:  # "how much more is the black one": than
        compared = price_gap(u, exact[0], await the_focus())  # the car under discussion
        vehicles = compared.vehicles if compared is not None else vehicles
    channel = turn.conversation.channel
    sms_max = int((turn.dealership.agent_config or {}).get("sms_max_chars", 320))
    provider = provider_for(turn.dealership, services.settings)
    system_prompt = ""
    if provider.uses_system_prompt:
        values = await prompt_values(
            session,
            turn.dealership,
            dict(choice.view.arguments),
            choice.view.name,
            choice.view.tone,
            turn.lead,
            turn.customer,
            summarise_inventory(vehicles),
            channel,
        )
        system_prompt = prompts.render(choice.template, values)
    lead_id = turn.lead.id

    async def search(text: str) -> list[VehicleView]:  # the LLM's tool: its own short read transaction
        async with session.begin():
            return await relevant_vehicles(session, understand(text, known), lead_id, known)

    async def details(reference: str) -> VehicleView | None:  # the LLM's other tool: one unit, by stock or VIN
        async with session.begin():
            return await vehicle_by_reference(session, reference)

    dialogue = ""
    if provider.uses_system_prompt:
        shown_now = vehicles if referred else await vehicles_by_id(session, state.shown)
        dialogue = describe(state, shown_now)
        if u.language != "en" and u.language_enabled:
            dialogue += f"\nThe customer writes in {language_name(u.language)}: answer in {language_name(u.language)}."

    request = ReplyRequest(
        u if referred else with_criteria(u, criteria),
        choice.view,
        dealership_view(turn.dealership),
        vehicles,
        history=turns,
        channel=channel,
        # the customer's name, else the one they gave in this conversation ("this is Dana btw")
        customer_first_name=greeting_name(turn.customer) or state.contact.get("name"),
        system_prompt=system_prompt,
        sms_max_chars=sms_max,
        search=search,
        referred=referred,
        dialogue=dialogue,
        details=details,
        set_aside=turned.vehicles if turned is not None else [],
        compared=compared.measure if compared is not None else None,
        seen=shown_all,
        relaxed=relaxed,
    )
    return Pending(
        turn, inbound, request, provider, choice, vehicles, known, sms_max, started, state, criteria, clarify
    )


# --- steps 2 and 3: ask, then write ----------------------------------------------------------------------------


async def _answer(session: AsyncSession, services: Services, pending: Pending) -> Outcome:
    """Ask the provider (no transaction open), hold its answer to the guardrails, and write it if the conversation
    is still as it was when the question was asked."""
    if pending.clarify is not None:
        draft = ProviderReply(pending.clarify, "clarify", pending.vehicles, 0.6, "builtin-1", "builtin")
    else:
        draft = await pending.provider.reply(pending.request)
    guarded = _guard(draft, pending)
    if draft.needs_human:  # the model judged a person must take over: a handover, as a trigger's would be
        return await _hand_over_for_model(session, services, pending, draft.needs_human)
    if said_already(pending.state, guarded.text):  # never the same reply twice: one specific question instead
        guarded = _guard(
            ProviderReply(
                next_question(pending.state, draft.vehicles, reply_language(pending.request.u)),
                "clarify",
                draft.vehicles,
                0.5,
                draft.model,
                draft.provider,
            ),
            pending,
        )
    state = remember(
        pending.state,
        u=pending.request.u,
        criteria=pending.criteria,
        shown=[v.id for v in draft.vehicles],
        reply=guarded.text,
        focus=draft.vehicles[0].id if pending.request.compared and draft.vehicles else None,
    )
    async with session.begin():
        stale = await _changed(session, pending)
        if stale is not None:
            return Outcome(skipped=stale)
        turn = pending.rows
        reply_id = uuid.uuid4()
        reply = await effects.say(
            session,
            services,
            turn,
            pending.inbound,
            guarded.text,
            dialogue_state=state.to_json(),
            model=draft.model,
            confidence=draft.confidence,
            elapsed_ms=int((time.perf_counter() - pending.started) * 1000),
            entities={
                "intent": draft.intent,
                "vehicle_ids": [v.id for v in draft.vehicles],
                "violations": guarded.violations,
                "provider": draft.provider,
                "fallback": draft.fallback_reason,
                **({"tokens": draft.tokens} if draft.tokens is not None else {}),
            },
            variant_id=pending.choice.variant_id,
            message_id=reply_id,
            riders=[effects.answered_activity(turn, f"AI answered ({draft.intent})", reply_id)],  # in the count
        )
        experiment_hook.answered(session, pending.choice, reply, draft.tokens)  # no statement of its own
    return Outcome(reply=reply)


async def _hand_over_for_model(session: AsyncSession, services: Services, pending: Pending, why: str) -> Outcome:
    async with session.begin():
        stale = await _changed(session, pending)
        if stale is not None:
            return Outcome(skipped=stale)
        turn = pending.rows
        handover = await hand_over(
            session,
            services,
            turn.conversation,
            reason=HandoverReason.ai_limitation,
            urgency=Priority.medium,
            actor=SYSTEM,
            reasons=[f"the AI model judged a person is needed: {why}"],
            u=pending.request.u,
            description="The AI model asked for a person",
        )
        note = await effects.say(
            session,
            services,
            turn,
            pending.inbound,
            effects.handover_note(turn, pending.request.u.language),
            model="handover",
        )
    return Outcome(reply=note, handover=handover)


def _guard(draft: ProviderReply, pending: Pending) -> Guarded:
    request = pending.request
    links = allowed_links(pending.choice.view.arguments, request.dealership) + [v.url for v in draft.vehicles if v.url]
    return enforce(
        draft.text,
        vehicles=[*(draft.vehicles or pending.vehicles), *request.set_aside],  # "I'll leave the X out" names X
        dealership=request.dealership,
        allowed_urls=links,
        channel=request.channel,
        sms_max_chars=pending.sms_max,
        catalog=pending.known,
        language=reply_language(request.u),
        owned=customer_cars(request.u),
        figures=customer_figures(request.u, request.relaxed),
        phones=[p for p in (contact_given(request.u.text)[1], pending.state.contact.get("phone")) if p],
    )


_RECHECKED = ("status", "ai_paused", "is_ai_assisted", "last_customer_message_at", "message_count", "tags")


# FOR NO KEY UPDATE: it waits for another turn's write of the row, but not for new messages' foreign-key checks
# (KEY SHARE), as FOR UPDATE would; that wait deadlocked with concurrent messages of one conversation. Built once.
# Has the customer's message an answer (a reply, a handover note, a confirmation) already? Two runs of one turn (a
# job run again, a provider's retry while the first still waits on the provider) answer it once: checked with
# the re-check, under the conversation's row lock.
_REPLIED = (
    select(Message.id).where(Message.in_reply_to == bindparam("inbound_id", type_=Message.in_reply_to.type)).exists()
)
_RECHECK = (
    select(*(CONVERSATIONS.c[name] for name in _RECHECKED), Customer.ai_enabled, _REPLIED.label("replied"))
    .join_from(CONVERSATIONS, Customer, Customer.id == CONVERSATIONS.c.customer_id)
    .where(CONVERSATIONS.c.id == bindparam("conversation_id", type_=CONVERSATIONS.c.id.type))
    .with_for_update(of=CONVERSATIONS, key_share=True)
)


async def _changed(session: AsyncSession, pending: Pending) -> str | None:
    """Why the answer must not be written (None: it may): re-read under the conversation's row lock."""
    turn = pending.rows
    inbound = pending.inbound.id if pending.inbound is not None else None
    found = (await session.execute(_RECHECK, {"conversation_id": turn.conversation.id, "inbound_id": inbound})).first()
    if found is None:
        return "the conversation is gone"
    if found.replied:
        return "the message was answered already (its turn ran twice)"
    for name, value in zip(_RECHECKED, found, strict=False):
        set_committed_value(turn.conversation, name, value)
    set_committed_value(turn.customer, "ai_enabled", found.ai_enabled)
    conversation = turn.conversation
    silent = ai_answers(turn)
    if silent is not None and not (pending.waiting and silent == HUMAN_HANDLES):
        return silent
    if silent is not None and await _waiting(session, conversation.id) is None:
        return "a person took the conversation meanwhile"
    if pending.inbound is not None:
        last = conversation.last_customer_message_at
        if last is not None and last > pending.inbound.created_at:
            return "a newer customer message arrived; its turn answers"
    elif conversation.last_customer_message_at is not None:
        return "the customer wrote meanwhile; that message's turn answers"
    elif await _answered(session, conversation.id):
        return "the conversation already has an answer"
    return None


# --- rehearsal: a turn written nowhere --------------------------------------------------------------------------


@dataclass
class Rehearsal:
    replies: list[tuple[str, str]]  # (sender, text) of what answers the last message
    handed_over: bool
    skipped: str | None


async def rehearse(
    session: AsyncSession,
    services: Services,
    dealership: Dealership,
    choice: PersonaChoice,
    messages: Sequence[str],
) -> Rehearsal:
    """What the agent with persona ``choice`` would answer a made-up customer who wrote ``messages`` (the last one
    answered), decided as a real turn decides (opt-out, escalation triggers, not-interested, the provider behind
    the guardrails) and written nowhere: the persona test chat. Reads run in short transactions (the caller's one
    is committed first); the provider is asked with none open."""
    known = await catalog(session)
    specs = await active_specs(session)
    await session.commit()
    customer = Customer(dealership_id=dealership.id, first_name="Test", last_name="Chat", full_name="Test Chat")
    rows = TurnRows(
        Conversation(dealership_id=dealership.id, channel=Channel.chat, tags=[], ai_persona_id=choice.persona_id),
        Lead(dealership_id=dealership.id, description=None),
        customer,
        dealership,
    )
    turns: list[AgentTurn] = []
    silent: str | None = None
    handed_over = False
    result = Rehearsal([], False, None)
    for text in messages:
        u = understand(text, known, turns, languages=agent_languages(dealership))
        replies: list[tuple[str, str]] = []
        skipped = silent
        if silent is None and u.is_opt_out:
            replies.append(("system", effects.opt_out_text(rows)))
            silent = skipped = "opted out"
        elif silent is None:
            match = evaluate(specs, text, turns, u)
            if match is not None and match.trigger.action == "handover":
                replies.append(("ai", effects.handover_note(rows, u.language, u, match)))
                handed_over, silent = True, "a human is handling this conversation"
            elif NOT_INTERESTED in (rows.conversation.tags or []) and not (set(u.intents[:2]) & BUYING_INTENTS):
                skipped = "the customer said they are not interested"
            else:
                rows.conversation.tags = [NOT_INTERESTED] if u.primary == NOT_INTERESTED else []
                async with session.begin():
                    pending = await _question(session, services, rows, None, u, known, turns, choice=choice)
                draft = await pending.provider.reply(pending.request)
                replies.append(("ai", _guard(draft, pending).text))
        turns += [AgentTurn(sender="customer", text=text), *(AgentTurn(sender=s, text=t) for s, t in replies)]
        result = Rehearsal(replies, handed_over, skipped)
    return result
