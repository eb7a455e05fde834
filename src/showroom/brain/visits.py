"""Visits the agent books (issue 18): which of the slots it offered the customer chose, and the words of an offer
and of a confirmation, in English or Spanish.

The customer answers an offer ("I have Saturday at 10:00 AM or 11:30 AM") in many ways: by position ("the first
one", "la segunda"), by time ("the 11:30", "10am"), by day and time ("sat 10"), loosely ("tonite around 7"), or by
the day alone when only one slot that day was offered ("saturday works"). ``chosen`` reads which offered slot that
is, or None when it cannot tell (the message is then answered as any other). Pure: no database, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from showroom.brain.i18n import say, translate
from showroom.brain.nlu.when import ES_WEEKDAYS, WEEKDAYS, find_day

_POSITIONS = {
    "first": 0,
    "1st": 0,
    "earlier": 0,
    "earliest": 0,
    "former": 0,
    "either": 0,
    "whichever": 0,
    "second": 1,
    "2nd": 1,
    "later": -1,
    "latest": -1,
    "latter": -1,
    "last": -1,
    "primero": 0,
    "primera": 0,
    "cualquiera": 0,
    "segundo": 1,
    "segunda": 1,
    "ultimo": -1,
    "último": -1,
    "ultima": -1,
    "última": -1,
}
_WORDS = "|".join(sorted(map(re.escape, _POSITIONS), key=len, reverse=True))
# "the first one", "first option", "1st", "el primero", "la segunda", "either is fine", "the later one"
_POSITION = re.compile(
    rf"\b(?:the|el|la)\s+({_WORDS})\b|\b({_WORDS})\s+(?:one|option|slot|time|works|is fine|please|opci[oó]n|hora)\b"
    rf"|^\W*({_WORDS})\W*$|\b(either|whichever|cualquiera)\b",
    re.IGNORECASE,
)
_NONE = re.compile(r"\b(?:neither|none|no(?:ne)? of (?:those|them)|ninguno|ninguna|not those)\b", re.IGNORECASE)
# a clock time: "10", "11:30", "10am", "7 pm", "noon"; a bare number is read only against the times offered
_CLOCK = re.compile(
    r"(?<![\d$.,/])\b(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s*(?P<ap>a\.?m\b\.?|p\.?m\b\.?|[ap]\b)?(?![\w%$])"
    r"(?!\s*(?:miles?|mi\b|k\b|mil\b|days?|weeks?|months?|years?|people|dollars|percent|%))"
    r"|\b(?P<noon>noon|midday|mediod[ií]a)\b",
    re.IGNORECASE,
)
_LOOSE = re.compile(r"\b(?:around|about|ish|or so|approx|como|tipo|m[aá]s o menos|cerca de)\b", re.IGNORECASE)
_EVENING = re.compile(r"\b(?:tonight|tonite|2nite|evening|after work|noche|tarde)\b", re.IGNORECASE)
# a question about the car ("is the first one awd?") is not a pick of a slot
_ABOUT_CAR = re.compile(
    r"\b(?:awd|4wd|4x4|miles|mileage|price|cost|colou?r|how much|trim|millas|precio|cu[aá]nto)\b", re.IGNORECASE
)
LOOSE_MINUTES = 60  # "around 7" takes the offered slot nearest to 7 within this


def chosen(text: str, offered: Sequence[datetime], now: datetime) -> datetime | None:
    """The offered slot (its start, as given) the customer's ``text`` picks, or None when it picks none or cannot
    be told apart. ``offered`` are aware datetimes in the dealership's zone; ``now`` too."""
    if not offered or _NONE.search(text) or _ABOUT_CAR.search(text):
        return None
    ordered = sorted(offered)
    position = _POSITION.search(text)
    if position is not None and not _CLOCK.search(text):
        word = next(g for g in position.groups() if g).lower()
        return ordered[_POSITIONS[word]]
    on_day = _on_day(text, ordered, now)
    if on_day is None:
        return None
    clock = _clock(text)
    if clock is None:
        day_named = len(on_day) < len(ordered)
        return on_day[0] if day_named and len(on_day) == 1 else None
    hour, minute, meridiem = clock
    exact = [s for s in on_day if _same_time(s, hour, minute, meridiem)]
    if len(exact) == 1:
        return exact[0]
    if exact or not _LOOSE.search(text):
        return None
    wanted = [_at(s, h, minute or 0) for s in on_day for h in _hours(hour, meridiem, text)]
    near = [
        (abs((s - w).total_seconds()), s)
        for s in on_day
        for w in wanted
        if w.date() == s.date() and abs(s - w) <= timedelta(minutes=LOOSE_MINUTES)
    ]
    return min(near)[1] if near else None


def _on_day(text: str, ordered: list[datetime], now: datetime) -> list[datetime] | None:
    """The offered slots on the day the message names (all of them when it names none); None: a day none is on."""
    found = find_day(text)
    if found is None:
        return ordered
    day = found[1].removeprefix("next ")
    today = now.astimezone(ordered[0].tzinfo).date()
    if day == "today":
        picked = [s for s in ordered if s.date() == today]
    elif day == "tomorrow":
        picked = [s for s in ordered if s.date() == today + timedelta(days=1)]
    elif day in WEEKDAYS:
        picked = [s for s in ordered if s.weekday() == WEEKDAYS.index(day)]
    else:
        return ordered  # a calendar date ("12/12"): the time decides
    return picked or None


def _clock(text: str) -> tuple[int, int | None, str | None] | None:
    for match in _CLOCK.finditer(text):
        if match.group("noon"):
            return 12, 0, "p"
        hour = int(match.group("h"))
        ap = (match.group("ap") or "")[:1].lower() or None
        if hour > 23 or (ap and not 1 <= hour <= 12):
            continue
        return hour, int(match.group("m")) if match.group("m") else None, ap
    return None


def _hours(hour: int, meridiem: str | None, text: str) -> list[int]:
    if meridiem:
        return [hour % 12 + (12 if meridiem == "p" else 0)]
    if hour >= 13 or hour == 0:
        return [hour]
    if _EVENING.search(text):
        return [hour % 12 + 12]
    return [hour, hour + 12] if hour < 12 else [12]


def _same_time(slot: datetime, hour: int, minute: int | None, meridiem: str | None) -> bool:
    return slot.hour in _hours(hour, meridiem, "") and slot.minute == (minute or 0)


def _at(slot: datetime, hour: int, minute: int) -> datetime:
    return slot.replace(hour=hour % 24, minute=minute, second=0, microsecond=0)


# --- words ---------------------------------------------------------------------------------------------------------

_ES_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)


def when_words(moment: datetime, today: date, language: str = "en") -> str:
    """'today at 11:00 AM', 'Saturday, December 12 at 10:00 AM'; 'hoy a las 11:00', 'el sábado 12 de diciembre a
    las 10:00'. ``moment`` is in the dealership's zone."""
    if language == "es":
        clock = f"{'a la' if moment.hour == 1 else 'a las'} {moment.strftime('%H:%M')}"
        if moment.date() == today:
            return f"hoy {clock}"
        return f"el {ES_WEEKDAYS[moment.weekday()]} {moment.day} de {_ES_MONTHS[moment.month - 1]} {clock}"
    day = "today" if moment.date() == today else moment.strftime("%A, %B %-d")
    return f"{day} at {moment.strftime('%-I:%M %p')}"


def offer_text(language: str, asked: datetime | None, offer: Sequence[datetime], today: date) -> str:
    """'Saturday, December 12 at 10:00 AM is not available. I can do … or …. Which works for you?' (without the
    first sentence when no time was asked for)."""
    choices = translate(language, " or ").join(when_words(s, today, language) for s in offer)
    if asked is None:
        return say(language, "I can do {choices}. Which works for you?", choices=choices)
    words = when_words(asked, today, language)
    text = say(
        language, "{asked} is not available. I can do {choices}. Which works for you?", asked=words, choices=choices
    )
    return text[0].upper() + text[1:]


def booked_text(
    language: str,
    *,
    test_drive: bool,
    when: str,
    dealer: str,
    address: str,
    vehicle: str | None,
    invited: bool,
) -> str:
    """The confirmation: what, when, where, and the vehicle that will be ready."""
    if test_drive:
        text = say(
            language,
            "You're booked: your test drive is {when} at {dealer}, {address}.",
            when=when,
            dealer=dealer,
            address=address,
        )
    else:
        text = say(
            language,
            "You're booked: your visit is {when} at {dealer}, {address}.",
            when=when,
            dealer=dealer,
            address=address,
        )
    if vehicle is not None:
        text += say(language, " We'll have the {vehicle} ready for you.", vehicle=vehicle)
    if invited:
        text += translate(language, " A calendar invitation is on its way to your e-mail.")
    return text


# --- changes by reply ----------------------------------------------------------------------------------------------

# about the visit itself: "cancel my appointment", "I have to cancel", "can't make it"; not "cancel the warranty"
_CANCEL = re.compile(
    r"\bcancel(?:l?ed|l?ing)?\s+(?:my |the |our |this |that )?(?:appointment|appt|visit|test drive|booking|it)\b"
    r"|\b(?:have|need|got|going|want) to cancel\b|\bcan'?t make it\b|\bcannot make it\b|\bwon'?t make it\b"
    r"|\bnot (?:going to|gonna) make it\b|\bcall(?:ing)? it off\b|\bcancelar (?:la|mi) (?:cita|visita|prueba)\b"
    r"|\bno (?:voy a poder|puedo) (?:ir|llegar)\b",
    re.IGNORECASE,
)
_MOVE = re.compile(
    r"\breschedul\w*|\bmove (?:it|my appointment|my visit|the appointment|the visit)\b"
    r"|\bchange (?:the|my) (?:time|day|appointment|visit)\b|\b(?:another|different) (?:time|day)\b|\bpush it back\b"
    r"|\bcambiar (?:la|mi) (?:cita|hora|visita)\b|\botro d[ií]a\b|\botra hora\b|\breprogramar\b",
    re.IGNORECASE,
)


def change_request(text: str) -> str | None:
    """What a customer with a visit booked asks to do with it: "cancel", "move", or None."""
    if _CANCEL.search(text):
        return "cancel"
    if _MOVE.search(text):
        return "move"
    return None


def cancelled_text(language: str, when: str) -> str:
    return say(
        language,
        "Done: your visit {when} is cancelled. If you'd like another time, just tell me a day and time.",
        when=when,
    )


def reminder_text(language: str, *, test_drive: bool, when: str, dealer: str, address: str, link: str) -> str:
    if test_drive:
        text = say(
            language,
            "A reminder: your test drive is {when} at {dealer}, {address}.",
            when=when,
            dealer=dealer,
            address=address,
        )
    else:
        text = say(
            language,
            "A reminder: your visit is {when} at {dealer}, {address}.",
            when=when,
            dealer=dealer,
            address=address,
        )
    return text + say(language, " To move or cancel it, reply here or use this link: {link}", link=link)
