"""A specific time the customer proposes ("i can be there tonite around 7", "monday 9am", "el sábado a las 10"),
found by patterns, and resolved to a date and time in the dealership's time zone for the handover dossier.

Finding is cheap and runs on every message: a clock time (digits with am/pm or minutes, "at/around 7",
"noon", "a las 10") is required; a day alone ("I might come Saturday") or a part of a day ("saturday morning") is
not specific, and the AI may ask for the time. Resolving runs once, when a dossier is written: the customer's
words are first put in a plain form ("saturday 10:00"); weekdays, today and tomorrow are date arithmetic, and
calendar dates in any spelling ("12/12", "Dec 12th", "15 de diciembre") go to ``dateparser`` (imported on first
use: ~50 ms, and ~90 ms for its first parse). On raw SMS words dateparser is wrong or silent ("saturday at 10" gave
a date ten months out, "tonite around 7" nothing), which is why the words are normalised first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from showroom.brain.nlu.text import clean, rx

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ES_WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")  # in WEEKDAYS' order
_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")


def weekday_said(day: str, language: str) -> str:
    """A weekday ("thursday") as a reply in ``language`` says it: "Thursday", "el jueves"."""
    return f"el {ES_WEEKDAYS[WEEKDAYS.index(day)]}" if language == "es" else day.capitalize()


def capitalise_weekdays(text: str) -> str:
    """ "saturday at 10" -> "Saturday at 10", as a reply says it back; "today" stays as it is."""
    return _WEEKDAY_WORD.sub(lambda m: m.group().capitalize(), text)


_DAY_WORDS: dict[str, str] = {
    **{w: "today" for w in ("today", "2day", "tday", "hoy", "this morning", "this afternoon", "this evening")},
    **{w: "today" for w in ("tonight", "tonite", "2nite", "2night", "tonigh", "esta noche", "esta tarde")},
    **{w: "tomorrow" for w in ("tomorrow", "tomorow", "tommorow", "tommorrow", "tmrw", "tmr", "tmrow", "2morrow")},
    **{w: "tomorrow" for w in ("2moro", "tomoro", "mañana", "manana")},
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
    "lunes": "monday",
    "martes": "tuesday",
    "miércoles": "wednesday",
    "miercoles": "wednesday",
    "jueves": "thursday",
    "viernes": "friday",
    "sábado": "saturday",
    "sabado": "saturday",
    "domingo": "sunday",
    **{d: d for d in WEEKDAYS},
}
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
    r"|noviembre|diciembre"
)
# "the 3rd row", "the 2nd owner": an ordinal that is no day of the month
_NOT_A_DATE = r"(?!\s*-?\s*(?:row|rows|seat|seats|owner|owners|gen|generation|key|keys|one|option)\b)"
_DAY = re.compile(
    r"\b(?:(?P<next>next|this|el|este|el próximo|el proximo)\s+)?(?P<word>"
    + "|".join(sorted((re.escape(w) for w in _DAY_WORDS), key=len, reverse=True))
    + r")(?:s(?<=days))?\b"  # "open on sundays"
    + rf"|\b(?P<date>\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"
    + rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?(?:{_MONTHS})|the\s+\d{{1,2}}(?:st|nd|rd|th){_NOT_A_DATE})\b",
    re.IGNORECASE,
)
_NOT_A_TIME = (
    r"(?!\s*(?:k\b|%|\$|,\d|\.\d|mil\b|miles?|mi\b|mph|days?|weeks?|months?|years?|yrs?|hours?|hrs?|minutes?|mins?"
    r"|times|grand|dollars|bucks|people|kids|seats|doors|cyl|owners?|percent|down|a month|/mo|per"
    # "show me like 5 under 17k", "like 3 options": a count of cars
    r"|options?|choices|cars?|ones|suvs?|trucks?|sedans?|of (?:them|those|these)|more|results))"
)
_CLOCK = re.compile(
    # 7pm, 7 p.m., 7p, 10:30am, 7:30, "at 7" / "around 7" / "@ 7" / "a las 7", noon, lunch time
    r"(?:(?P<lead>\b(?:at|around|arround|by|after|about|bout|like|say|til|till|before|a las|a la|tipo|como a las)"
    r"|@)\s*)?"
    r"(?<![\d$.,:/])\b(?P<h>\d{1,2})(?!\d)(?::(?P<m>[0-5]\d)(?!\d))?"
    r"(?:\s*(?P<ap>a\.?m\b\.?|p\.?m\b\.?)|(?P<ap1>[ap])\b)?(?:\s*(?P<ish>ish|o'?clock)\b)?"
    + _NOT_A_TIME
    + r"|\b(?P<noon>noon|midday|mediod[ií]a|lunch\s?time|lunch break|my lunch|at lunch)\b",
    re.IGNORECASE,
)
# "like 530", "at 1030am": a clock time written without its colon, after a word that says when (or with am/pm)
_COMPACT = re.compile(
    r"(?:\b(?:at|around|arround|by|after|about|bout|like|say|til|till|before|@"
    # "sat 1130ish", "tmrw 530": right after the day
    r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|today|tonight|tonite|tomorrow|tmrw|tmr)\s*"
    r"|(?=\d{3,4}\s*-?\s*(?:ish|a\.?m\b|p\.?m\b)))(?<![\d$.,:/])"  # "1130ish", "930am": the suffix says it
    r"(?P<h>\d{1,2})(?P<m>[0-5]\d)(?!\d)\s*(?P<ap>a\.?m\b\.?|p\.?m\b\.?)?(?:\s*-?\s*ish\b)?" + _NOT_A_TIME,
    re.IGNORECASE,
)
_SHOW_ME = rx(r"\b(?:show|send|give|list|text|email|pull up)\s+(?:me|us)?\s*$", flags=re.IGNORECASE)
_EVENING = rx(r"\b(?:tonight|tonite|2nite|2night|evening|after work|after \d|noche|tarde|pm)\b", flags=re.IGNORECASE)
_MORNING = rx(r"\b(?:morning|mañana por la|am|early)\b", flags=re.IGNORECASE)


@dataclass(frozen=True)
class TimeRequest:
    """A specific time the customer proposes: their words, and the day and clock time they name."""

    words: str  # as written: "tonite around 7"
    day: str | None  # "today", "tomorrow", a weekday, or a calendar date as written ("12/12"); None: not said
    hour: int  # 0..23, am/pm inferred when not written (7 in the evening, 9 in the morning)
    minute: int = 0
    in_minutes: int | None = None  # "20 min away", "be there in half an hour": from now (``day`` today, no clock)

    def said(self) -> str:
        """How an English reply says it back: 'Thursday at 4 PM', 'tomorrow around 2 PM' (not the customer's "after
        school around 4"); the customer's words for a calendar date or minutes from now."""
        if self.in_minutes is not None or (self.day is not None and "/" in self.day):
            return capitalise_weekdays(self.words)
        clock = (
            f"{self.hour % 12 or 12}{f':{self.minute:02d}' if self.minute else ''} {'AM' if self.hour < 12 else 'PM'}"
        )
        approx = re.search(r"\b(?:around|about|like|or so|roughly)\b|ish\b", self.words, re.IGNORECASE)
        bound = re.search(r"\b(?:after|before|by)\b", self.words, re.IGNORECASE)  # "after 5": not "at 5 PM"
        prep = "around" if approx else bound.group().lower() if bound else "at"
        if self.day is None:
            return f"{prep} {clock}"
        day = self.day.capitalize() if self.day in WEEKDAYS else self.day
        if re.search(r"\b(?:tonight|tonite|2nite)\b", self.words, re.IGNORECASE):
            day = "tonight"
        return f"{day} {prep} {clock}"

    def plain(self) -> str:
        """'saturday 10:00', 'in 20 minutes'."""
        if self.in_minutes is not None:
            return f"in {self.in_minutes} minutes"
        return f"{self.day or 'today'} {self.hour:02d}:{self.minute:02d}"


def _hour(raw: int, ap: str | None, text: str) -> int | None:
    if raw > 23:
        return None
    if ap:
        if raw > 12 or raw == 0:
            return None
        pm = ap.lower().startswith("p")
        return raw % 12 + (12 if pm else 0)
    if raw >= 13:
        return raw
    if _EVENING.search(text):
        return raw % 12 + 12
    if _MORNING.search(text) and raw != 12:
        return raw
    return raw + 12 if 1 <= raw <= 7 else raw  # business hours: "at 6" is the evening, "at 9" the morning


# Times no customer typed as a visit: ISO timestamps ("2026-12-06T21:14:00-06:00") and markup around them
_MACHINE_TIME = re.compile(r"<[^>]{1,200}>|\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")


def find_time_request(text: str) -> TimeRequest | None:
    """The clock time in ``text`` a visit or a call is asked at, with the day next to it, if the customer names one:
    the first, past a time that only says when they are free ("i get off at 3, could swing by like 3:30") and past
    "lunch" or "noon" when a clock time says it ("at lunch today, like 12:30")."""
    cleaned = _MACHINE_TIME.sub(lambda m: " " * len(m.group()), clean(text))  # an ADF's <requestdate>, markup
    found_times: list[tuple[re.Match[str], int, int, bool]] = []  # the clock, hour, minute, and whether a fallback
    for clock in _CLOCK.finditer(cleaned):
        groups = clock.groupdict()
        if groups["noon"]:
            found_times.append((clock, 12, 0, True))
            continue
        ap = groups["ap"] or groups["ap1"]
        if not (ap or groups["m"] or groups["lead"] or groups["ish"]):
            continue  # a bare number is a price, a year, a count
        if not (ap or groups["m"]) and int(groups["h"]) > 12:
            continue  # "insurance at 20 is gonna kill me": an age, a count; a 24-hour time is written 20:00
        if not (ap or groups["m"] or groups["ish"]) and _SHOW_ME.search(cleaned[: clock.start()]):
            continue  # "show me like 5", "send me about 3": how many cars, not when
        hour_found = _hour(int(groups["h"]), ap, cleaned)
        if hour_found is not None:
            free_from = bool(_OFF_WORK.search(cleaned[max(0, clock.start() - 24) : clock.start()]))
            found_times.append((clock, hour_found, int(groups["m"] or 0), free_from))
    if found_times:
        clock, hour, minute, _ = next((t for t in found_times if not t[3]), found_times[0])
    else:
        compact = _COMPACT.search(cleaned)  # "tmrw after work like 530": 5:30, when a day or am/pm says it is a time
        hour_said = int(compact.group("h")) if compact else 0
        ish = compact is not None and re.search(r"ish\W*$", compact.group(), re.IGNORECASE)
        if compact is None or not (1 <= hour_said <= 12) or not (compact.group("ap") or ish or _DAY.search(cleaned)):
            return _soon(cleaned)
        clock = compact
        compact_hour = _hour(hour_said, compact.group("ap"), cleaned)
        if compact_hour is None:
            return _soon(cleaned)
        hour, minute = compact_hour, int(compact.group("m"))
    days = list(_DAY.finditer(cleaned))
    day_match = min(days, key=lambda m: abs(m.start() - clock.start())) if days else None
    day: str | None = None
    if day_match is not None:
        word = (day_match.group("word") or "").lower()
        day = _DAY_WORDS.get(word) or day_match.group("date")
        if day in WEEKDAYS and (day_match.group("next") or "").lower() in ("next", "el próximo", "el proximo"):
            day = f"next {day}"
    start = min(clock.start(), day_match.start()) if day_match else clock.start()
    end = max(clock.end(), day_match.end()) if day_match else clock.end()
    return TimeRequest(words=cleaned[start:end].strip(), day=day, hour=hour, minute=minute)


# "i get off at 3", "work till 5", "done at 4", "salgo a las 5": when the customer is free, not the time asked for
_OFF_WORK = re.compile(
    r"\b(?:(?:get|i'?m|im|be|am) (?:off|out)(?: of work| work)?|work (?:till|til|until)|done(?: with work)?|finish\w*"
    r"|salgo(?: del trabajo)?)\s+(?:at|by|around|@|a las)?\s*$",
    re.IGNORECASE,
)


_SOON = rx(
    # "in 20 min", "20 mins away" (not "20 min from chicago"), "in an hour", "half an hour away"
    r"\b(?:in|en) (?P<n>\d{1,3})\s*(?:min|mins|minutes|minutos)\b",
    r"\b(?P<n2>\d{1,3})\s*(?:min|mins|minutes|minutos)\s+(?:away|out|de aqu[ií]|de distancia)\b",
    r"\b(?P<hour>(?:in|en) (?:an|1|one|una) (?:hour|hr|hora)|(?:an|1|one) (?:hour|hr) away)\b",
    r"\b(?P<half>(?:in|en) (?:half (?:an )?hour|media hora)|half (?:an )?hour away)\b",
    r"\b(?P<now>on my way|omw|heading (?:over|there) now|en camino|voy para all[aá])\b",
    flags=re.IGNORECASE,
)


def _soon(text: str) -> TimeRequest | None:
    """ "I'm 20 min away", "be there in half an hour", "on my way": a visit from now, not at a clock time."""
    found = _SOON.search(text)
    if found is None:
        return None
    number = found.group("n") or found.group("n2")
    minutes = int(number) if number else 60 if found.group("hour") else 30 if found.group("half") else 15
    if not 0 < minutes <= 180:
        return None
    return TimeRequest(words=found.group().strip(), day="today", hour=0, minute=0, in_minutes=minutes)


def find_day(text: str) -> tuple[str, str] | None:
    """The day a customer names without a clock time ("can I come saturday?", "el sábado"): its words as written
    and the day as ``TimeRequest.day`` holds it. None when no day is named."""
    cleaned = clean(text)
    match = _DAY.search(cleaned)
    if match is None:
        return None
    word = (match.group("word") or "").lower()
    day = _DAY_WORDS.get(word) or match.group("date")
    if day in WEEKDAYS and (match.group("next") or "").lower() in ("next", "el próximo", "el proximo"):
        day = f"next {day}"
    return (match.group(0).strip(), day) if day else None


_PART_OF_DAY = rx(r"\b(morning|afternoon|evening)s?\b", flags=re.IGNORECASE)
_MOVED = rx(
    r"\b(?:actually|instead|change|make it|move it|switch|rather|better at|can we do|could we do|push it"
    # "perdón, mejor a las 5:15", "mejor a las 4", "cambiarla a las 6", "en vez de"
    r"|mejor|cambi\w*|en vez|m[aá]s bien|mejor a las)\b",
    flags=re.IGNORECASE,
)


def part_of_day(text: str) -> str | None:
    """ "text me tmrw morning", "evenings are better": the part of the day named, if any ("morning")."""
    found = _PART_OF_DAY.search(text)
    return found.group(1).lower() if found else None


def moves_the_time(text: str) -> bool:
    """ "Actually make it 6:30", "can we change it to 4": a time given in place of one said before."""
    return bool(_MOVED.search(text))


def with_day(request: TimeRequest, words: str, day: str) -> TimeRequest:
    """A clock time given alone ("around 10") on the day named earlier in the conversation ("saturday")."""
    return TimeRequest(words=f"{words} {request.words}", day=day, hour=request.hour, minute=request.minute)


def _calendar_date(written: str, today: date) -> date | None:
    # dateparser: ~50 ms to import and ~90 ms for its first parse, so only when a dossier names a calendar date
    import dateparser

    found = dateparser.parse(
        written,
        languages=["en", "es"],
        settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": datetime.combine(today, datetime.min.time())},
    )
    return found.date() if found else None


def resolve(request: TimeRequest, now: datetime, timezone: str) -> datetime | None:
    """The moment ``request`` names, in ``timezone`` (aware), seen from ``now``: a weekday is the next one (today
    if the time is still ahead), no day is today (tomorrow once the time has passed). None if it cannot be read."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    local = now.astimezone(zone)
    if request.in_minutes is not None:  # "20 min away": from now, to the minute
        return (local + timedelta(minutes=request.in_minutes)).replace(second=0, microsecond=0)
    today = local.date()
    day = request.day
    if day is None or day == "today":
        when = today
    elif day == "tomorrow":
        when = today + timedelta(days=1)
    elif day.removeprefix("next ") in WEEKDAYS:
        name = day.removeprefix("next ")
        ahead = (WEEKDAYS.index(name) - today.weekday()) % 7
        when = today + timedelta(days=ahead or (7 if name != day else 0))
    else:
        parsed = _calendar_date(day, today)
        if parsed is None:
            return None
        when = parsed
    moment = datetime(when.year, when.month, when.day, request.hour, request.minute, tzinfo=zone)
    if moment < local - timedelta(minutes=30) and (day is None or day in WEEKDAYS):
        moment += timedelta(days=1 if day is None else 7)
    return moment


def describe(moment: datetime, timezone: str) -> str:
    """'Saturday 2026-12-12 10:00 America/Chicago'."""
    return f"{moment.strftime('%A %Y-%m-%d %H:%M')} {timezone}"
