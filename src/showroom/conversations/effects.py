"""What a turn does besides answering: insights and the lead score, escalation triggers (handover, tag, heads-up),
tags, opt-outs, suggestions for staff, and the outbound messages it writes (stored, counted, queued for delivery).
``conversations.turn`` decides when; these write, in the caller's transaction."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.context import closed_days
from showroom.agent.personas import greeting_name
from showroom.agent.triggers import active_specs
from showroom.audit.service import SYSTEM, Actor, record
from showroom.brain.compose.context import safe_name
from showroom.brain.dialogue import DialogueState, contact_given, given_name, trade_told
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.escalation.specs import TriggerMatch, as_list
from showroom.brain.guardrails import price_text
from showroom.brain.i18n import contract, translate, writes
from showroom.brain.nlu.intents import DEFERRAL
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.vehicles import Catalog
from showroom.brain.nlu.when import WEEKDAYS, capitalise_weekdays, find_day, moves_the_time, part_of_day, weekday_said
from showroom.brain.types import Turn as AgentTurn
from showroom.brain.types import VehicleView
from showroom.conversations import experiment_hook
from showroom.conversations.channels import queue_delivery
from showroom.conversations.handover import hand_over
from showroom.conversations.hours import auto_greeting
from showroom.conversations.rows import Rider, TurnRows, count_message
from showroom.conversations.suggestions import offer
from showroom.experiments import assignment
from showroom.experiments import metrics as experiment_metrics
from showroom.insights.service import record_insights, rescore
from showroom.leads.consent import record as consent_record
from showroom.leads.consent import sms_consented
from showroom.leads.service import add_activity
from showroom.mail import Email, send_later
from showroom.models import Handover, Message
from showroom.services import Services
from showroom.vocabulary import Channel, MetricName, Sender


async def assess(
    session: AsyncSession,
    turn: TurnRows,
    inbound: Message | None,
    text: str,
    u: Understanding,
    turns: Sequence[AgentTurn],
    *,
    triggers: bool,
) -> TriggerMatch | None:
    """What the message says about the customer (insights, lead score), then the escalation trigger it fires
    (only when ``triggers``: the AI would answer)."""
    await record_insights(session, turn.customer, turn.conversation, inbound, text, u)
    await rescore(session, turn.lead, turn.customer, turn.conversation, u)
    if not triggers:
        return None
    match = evaluate(await active_specs(session), text, turns, u)
    day = (u.time_request.day or "").removeprefix("next ") if u.time_request is not None else ""
    if match is not None and _about_a_time(match) and day in closed_days(turn.dealership.agent_config):
        return None  # "can i see it sunday around 1" when Sundays are closed: the agent says so and asks another day
    return match


async def apply_trigger(
    session: AsyncSession,
    services: Services,
    turn: TurnRows,
    match: TriggerMatch,
    u: Understanding,
    actor: Actor,
    *,
    turns: Sequence[AgentTurn] | None,
) -> Handover | None:
    """Do what a fired trigger says (noted on the lead): hand over (the handover is returned), tag the
    conversation, or send a heads-up e-mail. ``turns``: the conversation so far, for the dossier (None: read)."""
    trigger = match.trigger
    await add_activity(
        session, turn.lead, "note", f"Escalation trigger '{trigger.name}' fired: {'; '.join(match.reasons)}", actor
    )
    if trigger.action == "handover":
        return await hand_over(
            session,
            services,
            turn.conversation,
            reason=match.reason,
            urgency=match.urgency,
            actor=actor,
            trigger_id=trigger.id,
            reasons=match.reasons,
            u=u,
            description=f"Trigger: {trigger.name}",
            turns=turns,
            sla_minutes=trigger.action_config.get("sla_minutes"),
            # plain questions still answered while the customer waits (not in a language the agent does not write);
            # after a complaint, a threat or a problem, sorry for the wait
            answers_while_waiting=u.language_enabled,
            hurt=hurts(match),
        )
    if trigger.action == "tag":
        tag = str(trigger.action_config.get("tag") or trigger.name)
        await retag(session, turn, sorted({*(turn.conversation.tags or []), tag}), actor)
    elif trigger.action == "notify":
        await notify(session, turn, as_list(trigger.action_config.get("emails")), match.reasons)
    return None


async def retag(session: AsyncSession, turn: TurnRows, tags: list[str], actor: Actor) -> None:
    """Set the conversation's tags (audited like a staff edit when they change)."""
    before = list(turn.conversation.tags or [])
    if tags == before:
        return
    turn.conversation.tags = tags
    await record(
        session,
        actor,
        "conversation.update",
        dealership_id=turn.conversation.dealership_id,
        resource_type="conversation",
        resource_id=turn.conversation.id,
        before={"tags": before},
        after={"tags": tags},
    )


async def say(
    session: AsyncSession,
    services: Services,
    turn: TurnRows,
    inbound: Message | None,
    text: str,
    *,
    model: str,
    confidence: float | None = None,
    elapsed_ms: int | None = None,
    entities: dict[str, object] | None = None,
    sender: str = "ai",
    dialogue_state: dict[str, Any] | None = None,
    variant_id: int | None = None,
    riders: Sequence[Rider] = (),
    message_id: uuid.UUID | None = None,
) -> Message:
    """An outbound message of the AI (or the system) on the turn's conversation: stored, counted, and queued for
    delivery (sent by a job after commit). An AI message carries the conversation's experiment variant
    (``variant_id``, else the one recorded: usually known to this process, so no statement)."""
    c = turn.conversation
    if sender == Sender.ai and variant_id is None:
        variant = await assignment.variant_for(session, c.dealership_id, c.id, c.created_at, enter=False)
        variant_id = variant.id if variant is not None else None
    message = Message(
        id=message_id or uuid.uuid4(),  # the delivery job refers to it
        dealership_id=turn.conversation.dealership_id,
        conversation_id=turn.conversation.id,
        type="outbound",
        sender=sender,
        channel=turn.conversation.channel,
        content=text,
        delivery_status="queued",
        in_reply_to=inbound.id if inbound else None,
        ai_model=model if sender == "ai" else None,
        ai_confidence=round(min(max(confidence, 0.0), 1.0), 2) if confidence is not None else None,
        processing_time=elapsed_ms,
        entities=entities or {},
        variant_id=variant_id if sender == Sender.ai else None,
        created_at=datetime.now(UTC),
    )
    session.add(message)
    await queue_delivery(session, services, message, turn.customer, turn.dealership, now=message.created_at)
    # Inserts the message as queue_delivery left it; the conversation's dialogue state goes with its counters.
    riders = [*riders, *(experiment_hook.answer_riders(session, c) if sender == Sender.ai else ())]
    counted = await count_message(session, c, message, dialogue_state=dialogue_state, riders=riders)
    experiment_hook.answer_counted(session, c, counted)  # the conversation entered its experiment with this answer
    return message


# The lead activity of an answer, as a rider of the statement that counts it (``rows.Rider``): the turn's last
# write, so its transaction ends with no flush of its own. The same row ``leads.service.add_activity`` adds.
ANSWERED_ACTIVITY = (
    "insert into lead_activities (id, dealership_id, lead_id, type, description, message_id, created_at) "
    "values (:activity_id, :activity_dealership_id, :activity_lead_id, :activity_type, :activity_description, "
    ":activity_message_id, :activity_created_at) returning id as value"
)


def answered_activity(turn: TurnRows, description: str, message_id: uuid.UUID) -> Rider:
    """The ``ai_response`` activity of the answer ``message_id`` (a system action: no user)."""
    params = {
        "activity_id": uuid.uuid4(),
        "activity_dealership_id": turn.lead.dealership_id,
        "activity_lead_id": turn.lead.id,
        "activity_type": "ai_response",
        "activity_description": description,
        "activity_message_id": message_id,
        "activity_created_at": datetime.now(UTC),
    }
    return Rider("activity", ANSWERED_ACTIVITY, params)


def opt_out_text(turn: TurnRows) -> str:
    channel = turn.conversation.channel
    return (
        f"You're unsubscribed from {channel.upper() if channel == 'sms' else channel} messages from "
        f"{turn.dealership.name}. Reply START to resubscribe."
    )


def handover_note(
    turn: TurnRows,
    language: str = "en",
    u: Understanding | None = None,
    match: TriggerMatch | None = None,
    about: VehicleView | None = None,
) -> str:
    """The note of ``_handover_note``, saying first what the agent is when the message asked ("are you even a real
    person?? this is useless": an honest answer, then the person)."""
    note = _handover_note(turn, language, u, match, about)
    return _honest_first(note, u, language) if u is not None else note


def _handover_note(
    turn: TurnRows,
    language: str = "en",
    u: Understanding | None = None,
    match: TriggerMatch | None = None,
    about: VehicleView | None = None,
) -> str:
    """What the customer reads when a person takes over, in their language when the agent writes it (also when the
    dealership has not enabled it: a fixed text is safe to send): by their name when known; an apology when what
    brought the person in hurts (a complaint, a problem, anger, a threat); a call or a text when they asked for one
    (at the number they gave); else, when they asked for a time, that the person confirms it ("to confirm Saturday
    around 10"), and the car it is about (``about``, the one under discussion)."""
    language = language if writes(language) else "en"
    name = safe_name((given_name(u.text) if u else None) or greeting_name(turn.customer))
    named = f", {name}" if name else ""
    upset = u is not None and (u.sentiment <= _UPSET or bool(_FED_UP.search(u.text)))
    if match is not None and (hurts(match) or (upset and _asked_for_person(match))):
        # "never called me back. still want the escape"; "i called yall about the titan and nobody called back" (a
        # complaint that names the car under discussion: never a problem with their own car, which is not ours)
        of_ours = about is not None and u is not None and _names_model(u, about) and not _their_own_car(match)
        if about is not None and ((upset and _asked_for_person(match)) or of_ours):
            sorry = translate(language, "I'm sorry about this{name}.").format(name=named)
            bring = translate(language, "I'm bringing in a member of our team{purpose}, who will reply here shortly.")
            purpose = translate(language, " about the {title}").format(title=_car_said(about, language))
            return contract(f"{sorry} {bring.format(purpose=purpose)}\n\n{_call_us(turn, language)}", language)
        sorry = translate(
            language, "I'm sorry about this{name}. I'm bringing in a member of our team, who will reply here shortly."
        ).format(name=named)
        return f"{sorry}\n\n{_call_us(turn, language)}"
    asked = _CALL_ME.search(u.text) if u else None
    if asked is not None and u is not None:  # "can someone call me back at 708-555-0143"
        _, phone = contact_given(u.text)
        texting = bool(re.search(r"\btext|\bmensaje|\bsms\b", asked.group(), re.IGNORECASE))
        if u.sentiment <= _UPSET or _GRIEVANCE.search(u.text):  # "my lawyer says i got a case. manager call me"
            sorry = translate(language, "I'm sorry about this{name}.").format(name=named)
            call = translate(language, "I've asked a member of our team to call you.")
            return f"{sorry} {call}\n\n{_call_us(turn, language)}"
        template = (
            "Thanks{name}. I've asked a member of our team to text you at {phone}."
            if texting and phone
            else "Thanks{name}. I've asked a member of our team to text you."
            if texting
            else "Thanks{name}. I've asked a member of our team to call you at {phone}."
            if phone
            else "Thanks{name}. I've asked a member of our team to call you."
        )
        thanks = translate(language, template).format(name=named, phone=phone)
        extra = _when_and_what(u, language, about)  # "... at 708-555-0142 tonight around 6 PM about the Tucson"
        if extra:
            thanks = f"{thanks[:-1]}{extra}."
        return f"{thanks}\n\n{_call_us(turn, language)}"
    email = contact_given(u.text)[0] if u is not None and _EMAIL_ASKED.search(u.text) else None
    if email:  # "send me the info at rosa.m@yahoo.com": who sends it, where, and about what
        thanks = translate(language, "Thanks{name}. I've asked a member of our team to e-mail you at {email}.").format(
            name=named, email=email
        )
        if about is not None:
            title = _car_said(about, language)
            thanks = f"{thanks[:-1]}{translate(language, ' about the {title}').format(title=title)}."
        return f"{thanks}\n\n{_call_us(turn, language)}"
    request = u.time_request if u else None
    when = ""
    if request is not None:  # "Thursday around 4 PM"; another language keeps the customer's words, tidied
        when = request.said() if language == "en" else _FILLER.sub("", capitalise_weekdays(request.words)).strip()
    if request is not None and request.in_minutes is not None:  # "20 min away"
        when = translate(language, "your visit in about {minutes} minutes").format(minutes=request.in_minutes)
    purpose = translate(language, " to confirm {when}").format(when=when) if when else ""
    if not purpose and match is not None and _about_financing(match):  # "my credit is like 520": finance, said
        purpose = translate(language, " to go over financing with you")
        owed = u.slots.trade_in.payoff_cents if u is not None and u.slots.trade_in is not None else None
        if owed:  # "i still owe like 6 grand on it": said back, so the customer knows it was heard
            purpose += translate(language, ", including the {owed} still owed on your car").format(
                owed=price_text(owed)
            )
    offer = u.slots.budget_max_cents if u is not None and match is not None and _about_offer(match) else None
    # "would you do 19k out the door": the offer said back, so the customer knows it was heard
    if not purpose and offer:
        otd = bool(u is not None and _OUT_THE_DOOR.search(u.text))
        purpose = translate(
            language, " about your offer of {offer} out the door" if otd else " about your offer of {offer}"
        ).format(offer=price_text(offer))
    if about is not None:  # "... to confirm Saturday at 10 AM for the 2022 Kia Telluride EX AWD (stock 15355A)"
        title = _car_said(about, language)
        purpose += translate(language, " for the {title}" if when or offer else " about the {title}").format(
            title=title
        )
    trade = _trade_said(turn, u) if offer and language == "en" else ""
    if trade:  # "... with your 2017 Chevrolet Malibu LT (104,000 miles) as a trade-in"
        purpose += f", with your {trade} as a trade-in"
    thanks = translate(
        language, "Thanks{name}. I'm bringing in a member of our team{purpose}, who will reply here shortly."
    ).format(name=named, purpose=purpose)
    return contract(f"{thanks}\n\n{_call_us(turn, language)}", language)


_EMAIL_ASKED = re.compile(r"\be-?mail\b|\bmail me\b|\bsend\b|\bm[aá]nd|\benv[ií]", re.IGNORECASE)


def _when_and_what(u: Understanding, language: str, about: VehicleView | None) -> str:
    """ " tonight around 6 PM about the 2024 Hyundai Tucson Hybrid Limited AWD (stock 24117)": the time the customer
    gave for the call or text and the car it is about, as an English note says them back (another language keeps the
    note as it is: the person confirms both)."""
    if language != "en":
        return ""
    request = u.time_request
    when = ""
    if request is not None and request.in_minutes is None:
        when = f" {request.said()}"
    elif part := part_of_day(u.text):  # "text me tmrw morning"
        day = (find_day(u.text) or ("", ""))[1]
        when = (
            f" this {part}" if day == "today" else f" {capitalise_weekdays(day)} {part}" if day else f" in the {part}"
        )
    what = f" about the {_car_said(about, language)}" if about is not None else ""
    return when + what


def _car_said(car: VehicleView, language: str) -> str:
    """ "2022 Kia Telluride EX AWD (stock 15355A)": the car a handover is about, as the note names it."""
    stock = translate(language, " (stock {stock})").format(stock=car.stock_number) if car.stock_number else ""
    return car.title + stock


_UPSET = -0.3
_GRIEVANCE = re.compile(
    r"\blawyer|\battorney|\bsue\b|\blawsuit|\bbbb\b|\brecall|\bcomplain|\bunacceptable|\bripped off|\bscam"
    r"|\babogado|\bdemanda|\bqueja",
    re.IGNORECASE,
)
# "call me", "can someone text me", "give me a call", "llámame": a person asked for on the phone
_CALL_ME = re.compile(
    r"\b(?:call|text|phone|ring)\s+(?:me|us)\b|\bgive (?:me|us) a (?:call|ring)\b|\bcall (?:me )?back\b"
    r"|\bll[aá]m(?:e|ame|enme)\b|\bm[aá]rqu(?:e|enme)|\bm[aá]rcame\b|\bm[aá]nd(?:e|ame|enme) (?:un )?mensaje\b",
    re.IGNORECASE,
)


# What a handover trigger answers that calls for an apology, not thanks: its detectors (``brain.escalation``)
_HURTING = frozenset({"legal", "recall", "existing_customer", "anger", "profanity", "complaint", "negative"})
_FILLER = re.compile(r"\b(?:like|maybe|probably|kinda|ish)\b\s*", re.IGNORECASE)  # "tomorrow like 2pm"


def hurts(match: TriggerMatch) -> bool:
    """Is what brought the person in a hurt (a complaint, a problem, anger, a threat), not a question?"""
    named = any(  # a staff trigger's value may be a list of keywords
        (isinstance(value := c.get("value"), str) and value in _HURTING) or c.get("type") == "repeated_questions"
        for c in match.trigger.conditions
    )
    # the learned model's reading ("reads like an existing customer's problem (84% sure)")
    return named or any(words in reason for reason in match.reasons for words in _HURTING_READ)


def _names_model(u: Understanding, car: VehicleView) -> bool:
    """Does the message name the car's model ("about the titan" of the 2022 Nissan Titan XD)?"""
    return any(car.model.lower().startswith(model.lower()) for model in u.slots.models)


def _their_own_car(match: TriggerMatch) -> bool:
    """Is what brought the person in a problem with a car the customer has (title, service, a recall)?"""
    named = any(c.get("value") in ("existing_customer", "recall", "legal") for c in match.trigger.conditions)
    return named or any("existing customer" in reason or "legal" in reason for reason in match.reasons)


def _asked_for_person(match: TriggerMatch) -> bool:
    return any(c.get("type") == "human_request" for c in match.trigger.conditions)


def _about_a_time(match: TriggerMatch) -> bool:
    return any(c.get("value") == "appointment" for c in match.trigger.conditions)


def _about_financing(match: TriggerMatch) -> bool:
    return any(c.get("value") == "financing" for c in match.trigger.conditions)


def _about_offer(match: TriggerMatch) -> bool:
    return any(c.get("value") == "negotiation" for c in match.trigger.conditions)


_OUT_THE_DOOR = re.compile(r"\bout[- ]the[- ]door\b|\botd\b|\bal salir\b|\btodo inclu[ií]do\b", re.IGNORECASE)


def _trade_said(turn: TurnRows, u: Understanding | None) -> str:
    """The trade-in told in the conversation or in this message ("2017 Chevrolet Malibu LT (104,000 miles)"), for a
    note about an offer that counts on it; '' when none was told."""
    trade = trade_told(DialogueState.from_json(turn.conversation.dialogue_state), u)
    car = " ".join(str(p) for p in (trade.year, trade.make, trade.model, trade.trim) if p)
    if not car:
        return ""
    return f"{car} ({trade.mileage:,} miles)" if trade.mileage is not None else car


_HURTING_READ = ("existing customer's problem", "a complaint", "frustration", "a legal threat")
# "3rd time u cant tell me anything. can a real person just check": a person asked for by someone fed up
_FED_UP = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth) time\b|\bcan'?t (?:tell|answer|help)\b|\buseless\b|\bridiculous\b"
    r"|\bfrustrat\w*|\bannoy\w*|\bfed up\b|\bwaste of (?:my )?time\b|\bnot helpful\b|\bno (?:me )?sirves?\b"
    r"|\bya (?:me )?cans[eé]\b"
    # "the salesman never called me back": let down already
    r"|\b(?:never|didn'?t|did not|hasn'?t|has not|haven'?t|no one|nobody)\s+(?:\w+\s+)?(?:called|call|got|gotten|get"
    r"|texted|emailed|responded|replied|answered)\b(?:\s+(?:me|us))?\s*(?:back)?",
    re.IGNORECASE,
)


_STILL_WAITING = "I'm sorry you're still waiting; our team has your messages and will reply here as soon as they can."


def holding_note(turn: TurnRows, u: Understanding, *, notes: int, hurt: bool = False) -> str:
    """``_holding_note``, saying first what the agent is when the message asked ("are you a bot or a person": an
    honest answer, then that a person is coming)."""
    return _honest_first(_holding_note(turn, u, notes=notes, hurt=hurt), u, u.language)


def _honest_first(note: str, u: Understanding, language: str) -> str:
    """The note, after "I'm a virtual assistant, not a person." when the message asked whether it was talking to one
    ("are you even a real person??")."""
    if not u.asks_if_bot:
        return note
    honest = translate(language if writes(language) else "en", "I'm a virtual assistant, not a person.")
    return f"{honest} {note}"


def _holding_note(turn: TurnRows, u: Understanding, *, notes: int, hurt: bool = False) -> str:
    """What a customer waiting for a person reads when they write again ("hello??", their phone number, "its Dana
    btw", "get me your manager NOW"): that the team has it, by their name when they give it, not silence; sorry for
    the wait when what brought the person in hurts (``hurt``); the first time (``notes``: how many were sent since
    the handover) with the number to call when it is urgent, later that number again."""
    language = u.language if writes(u.language) else "en"
    first = notes == 0
    email, phone = contact_given(u.text)
    name = safe_name(given_name(u.text))
    named = f", {name}" if name else ""
    told, when = _told_while_waiting(u, language, email, phone)
    if told:  # "my number is 708-555-0131", "robmiller55@gmail.com", "actually make it 6:30", "im at 41 out the door"
        said = translate(language, "Thanks{name}, I've passed {what} on to our team.").format(name=named, what=told)
        said = f"{said[:-1]}{when}." if when else said
    elif name:  # "its Dana btw"
        said = translate(language, "Thanks, {name}. I've passed that on to our team.").format(name=name)
    elif DEFERRAL.search(u.text.lower()) and not u.wants_human:  # "ok ill think about it": no pressure, no number
        return translate(language, "Of course, take your time. Our team has your messages whenever you're ready.")
    elif u.wants_human:  # "get me your manager NOW": asked again, said plainly
        said = translate(language, "I've asked our team to have a person reply to you here as soon as possible.")
    elif hurt and first:  # "??? anyone", "this is ridiculous" after a complaint
        said = translate(language, "I'm sorry for the wait. Your message is with our team.")
    elif first:
        said = translate(language, "I've let our team know.")
    elif notes == 1 and hurt:
        said = translate(language, _STILL_WAITING)
    elif notes == 1:
        said = translate(language, "Our team has your messages and will reply here as soon as they can.")
    elif notes == 2:  # the third: the way not to wait
        return _call_us(turn, language, instead=True)
    else:  # the fourth: not the same line again
        return translate(
            language,
            "I'm sorry for the wait. Everything you've written is with our team, and a person will answer here.",
        )
    if not first:
        return said
    waiting = translate(language, "A member of our team will reply here shortly.")
    return f"{said} {waiting}\n\n{_call_us(turn, language)}"


_ENGLISH_DAY = re.compile(rf"(?<!\bel )\b({'|'.join(WEEKDAYS)})\b", re.IGNORECASE)


def _in_spanish_days(words: str) -> str:
    """ "thursday a las 5:15" (the day told before, in the state's English) as "el jueves a las 5:15"."""
    return _ENGLISH_DAY.sub(lambda m: weekday_said(m.group(1).lower(), "es"), words)


def _told_while_waiting(u: Understanding, language: str, email: str | None, phone: str | None) -> tuple[str, str]:
    """What a message to a customer waiting for a person gives, said back: their number and e-mail, a visit time
    ("your new time, tomorrow at 6:30 PM"), a figure they offer ("your offer of $41,000 out the door"); and when to
    call or text the number given (", for a call after 5 PM"). ('', '') if none."""
    parts = [c for c in (phone, email) if c]
    when_to_call = ""
    request = u.time_request
    if request is not None:
        if request.in_minutes is not None:
            when = translate(language, "in about {minutes} minutes").format(minutes=request.in_minutes)
        else:  # another language keeps the customer's words, tidied ("el sábado a las 10")
            when = request.said() if language == "en" else _in_spanish_days(_FILLER.sub("", request.words).strip())
        new = moves_the_time(u.text)
        call = _CALL_ME.search(u.text)
        visit = call is None and "test_drive" in u.intents[:2]  # "el sabado a las 10 puedo ir? soy Carmen 773-..."
        if visit and not new:
            parts.append(translate(language, "a visit {when}").format(when=when))
        elif parts and (call is not None or not new):  # "my number is 708-555-0131, call after 5": when to call
            texting = call is not None and re.search(r"\btext|\bmensaje", call.group(), re.IGNORECASE)
            when_to_call = translate(language, ", for a text {when}" if texting else ", for a call {when}")
            when_to_call = when_to_call.format(when=when)
        else:
            parts.append(translate(language, "your new time, {when}").format(when=when) if new else when)
    offer = _OFFER.search(u.text)
    if offer is not None and request is None:
        figure = float(offer.group("n").replace(",", ""))
        dollars = figure * 1000 if figure < 1000 and (offer.group("k") or figure < 200) else figure
        if 1000 <= dollars <= 500_000:
            otd = bool(re.search(r"\bout the door\b|\botd\b", u.text, re.IGNORECASE))
            offered = translate(language, "your offer of {price}").format(price=price_text(round(dollars) * 100))
            parts.append(offered + (translate(language, " out the door") if otd else ""))
    return translate(language, " and ").join(parts), when_to_call


# "im at 41 out the door", "would u take 38k", "can u do 30k on the q5", "i'll pay 27,500": a figure offered
_OFFER = re.compile(
    r"\b(?:i'?m at|im at|at|do|take|offer(?:ing)?|pay|give (?:you|u)|doy|ofrezco|pago)\s+"
    r"\$?(?P<n>\d{2,3}(?:,\d{3})?(?:\.\d)?)\s*(?P<k>k|grand|mil)?\b(?!\s*(?:miles|mi|months|mo|a month|%|pm|am))",
    re.IGNORECASE,
)


def _call_us(turn: TurnRows, language: str, *, instead: bool = False) -> str:
    phone = turn.dealership.contact_phone
    call = (
        translate(language, "If you'd rather not wait, you can call {dealer} at {phone}.")
        if phone and instead
        else translate(language, "If you'd rather not wait, you can call {dealer}.")
        if instead
        else translate(language, "If it's urgent, you can also call {dealer} at {phone}.")
        if phone
        else translate(language, "If it's urgent, you can also call {dealer}.")
    )
    return call.format(dealer=turn.dealership.name, phone=phone)


async def opt_out(session: AsyncSession, services: Services, turn: TurnRows, message: Message) -> Message | None:
    """STOP (and friends): no automated message on this channel ever again; confirmed once (the confirmation is
    returned; None when the customer had opted out already)."""
    channel = turn.conversation.channel
    opted = dict(turn.customer.opted_out_channels or {})
    if channel in opted:
        return None
    opted[channel] = datetime.now(UTC).isoformat()
    turn.customer.opted_out_channels = opted
    await record(
        session,
        SYSTEM,
        "customer.opt_out",
        dealership_id=turn.customer.dealership_id,
        resource_type="customer",
        resource_id=turn.customer.id,
        after={"channel": channel},
    )
    await experiment_metrics.record(session, turn.conversation.id, MetricName.opt_out, message_id=message.id)
    reply = await say(
        session,
        services,
        turn,
        message,
        opt_out_text(turn),
        model="opt-out",
        sender="system",
        entities={"automated": False},  # the confirmation the rules require: sent despite the opt-out
    )
    await add_activity(session, turn.lead, "note", f"Customer opted out of {channel}", SYSTEM, message_id=message.id)
    return reply


async def resume(session: AsyncSession, turn: TurnRows) -> None:
    """START (and friends): automated messages on this channel again; by SMS it is also consent to automated
    texts, when none was granted (docs/identity.md)."""
    if turn.conversation.channel == Channel.sms and not sms_consented(turn.customer):
        turn.customer.sms_consent = consent_record("customer texted START", "START")
        await record(
            session,
            SYSTEM,
            "customer.sms_consent",
            dealership_id=turn.customer.dealership_id,
            resource_type="customer",
            resource_id=turn.customer.id,
            after={"sms_consent": turn.customer.sms_consent},
        )
    opted = dict(turn.customer.opted_out_channels or {})
    if opted.pop(turn.conversation.channel, None) is not None:
        turn.customer.opted_out_channels = opted
        await record(
            session,
            SYSTEM,
            "customer.opt_in",
            dealership_id=turn.customer.dealership_id,
            resource_type="customer",
            resource_id=turn.customer.id,
            after={"channel": turn.conversation.channel},
        )


async def for_staff(
    session: AsyncSession,
    services: Services,
    turn: TurnRows,
    message: Message,
    u: Understanding,
    known: Catalog,
    turns: Sequence[AgentTurn],
) -> None:
    """A human handles this conversation: suggested replies for the inbound message, and in direct-agent mode
    the greeting / away template the first time. ``turns``: the conversation before ``message``."""
    await offer(session, turn, message, u, known, turns)
    if turn.dealership.operation_mode == "direct_agent" and turn.conversation.message_count <= 1:
        text = auto_greeting(turn.dealership, turn.customer, datetime.now(UTC))
        await say(session, services, turn, message, text, model="template", sender="system")


async def notify(session: AsyncSession, turn: TurnRows, emails: list[str], reasons: list[str]) -> None:
    """A notify trigger's heads-up, to its addresses (else the handover ones), queued with the turn."""
    if not emails:
        emails = as_list(((turn.dealership.settings or {}).get("handover") or {}).get("emails"))
    if emails:
        await send_later(
            session,
            Email(
                to=emails,
                subject=f"[{turn.dealership.name}] Heads-up on {turn.customer.full_name}",
                text="; ".join(reasons),
            ),
        )
