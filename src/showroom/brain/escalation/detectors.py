"""Custom detectors (condition type "custom", value = the detector's name): profanity, anger, complaint (sarcasm
included), bot question, opt-out, legal (any language), ready to buy, an existing customer's problem, a specific
appointment time, a language the agent does not answer in, and the learned model's opinion (``learned``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from showroom.brain.dialogue import refuses
from showroom.brain.escalation import learned
from showroom.brain.escalation.patterns import _ANGER, _ANGRY_EMOJI, _COMPLAINT, _LEGAL_WORDS, _STRONG_PROFANITY, _table
from showroom.brain.escalation.phrases import (
    AFTER_SALE,
    COMPLAINTS_MORE,
    EYE_ROLL,
    HOURS_QUESTION,
    LEGAL_HEARSAY,
    LEGAL_THREATS,
    NOT_SALES,
    READY_ES,
    RECALLS,
    SARCASM,
    SHOPPING,
    VISIT,
)
from showroom.brain.escalation.signals import _Context, _first, _keyword_hit
from showroom.brain.nlu.intents import DEFERRAL
from showroom.brain.nlu.language import language_name
from showroom.brain.nlu.sentiment import ACRONYMS
from showroom.brain.nlu.slots import answers_the_trade_question
from showroom.brain.nlu.text import is_negated, rx
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.when import find_day
from showroom.vocabulary import Sender


def _detect_profanity(ctx: _Context) -> str | None:
    m = _STRONG_PROFANITY.search(ctx.lower)
    return f'profanity "{m.group()}"' if m else None


def _detect_anger(ctx: _Context) -> str | None:
    found = _first(_ANGER, ctx.lower)
    if found:
        return f'anger ("{found}")' if found not in ("anger", "insult") else found
    if any(c in ctx.text for c in _ANGRY_EMOJI):
        return "angry emoji"
    shouted = [w for w in re.findall(r"\b[A-Z]{3,}\b", ctx.text) if w not in ACRONYMS]
    if len(shouted) >= 3 and ctx.u.sentiment < -0.2:
        return "shouting"
    if (ctx.text.count("!") >= 3 or "?!" in ctx.text or "!?" in ctx.text) and ctx.u.sentiment <= -0.4:
        return "exclamations with negative sentiment"
    return None


_READY = _table(
    (
        "ready to buy",
        r"\bready to (?:buy|purchase|sign|pull the trigger|make a deal|move forward|do this|do the deal)\b",
        r"\b(?:put|place|leave|make|send) (?:a |down a )?(?:\$?\d[\d,]*\s)?(?:deposit|hold)\b",
        r"\bhold (?:it|the \w+|that one|this one) for me\b",
        r"\b(?:can|could|would|will) (?:you|u|y'?all) (?:hold|save|put aside|set aside) (?:it|her|that one|this one"
        r"|the \w+(?: one)?)\b|\blet'?s go with (?:it|that one|this one|the)\b",
        r"\bi'?ll take (?:it|her|the \w+|that one|this one)\b|\blet'?s do (?:it|this|the deal)\b",
        r"\bhow (?:do|can) i (?:buy|purchase|reserve|secure|put a deposit|put a hold)\b",
        r"\bwant to (?:buy|purchase|reserve) (?:it|her|the \w+|this one|that one)\b",
        r"\bsign (?:the )?(?:papers|paperwork|contract)\b",
        r"\b(?:send|email|text|shoot|start|draw up|prepare) (?:me |us )?(?:over )?(?:the |a |your )?"
        r"(?:paperwork|papers|contract|buyers? order|purchase agreement|docusign|deal sheet|bill of sale)\b",
        r"\bwrite (?:it|her|this|that|me|the deal|one) up\b|\blet'?s make (?:it|this) happen\b",
        # "the green telluride is ours", "can i just buy the mustang online", "buy it sight unseen"
        r"\b(?:is|it'?s|its) (?:ours|mine)\b(?!\s*\?)"
        r"|\bbuy (?:it|her|this|that|the \w+(?: \w+)?) (?:online|remotely|sight unseen|over the phone)\b",
        r"\b(?:it'?s|its|she'?s|that one'?s) mine\b"
        r"|\b(?:don'?t|do not|dont) (?:sell|let anyone (?:else )?buy) (?:it|her)\b",
        r"\block (?:it|this|that|the (?:deal|price)) in\b|\block in (?:the|this|that|my) (?:deal|price)\b",
        r"\bwhere do (?:i|we) sign\b|\bhold (?:it|her|them|the|that|this|one)\b(?: \w+){0,3} for (?:me|us)\b"
        r"|\b(?:i'?d like|i would like|i want|i wanna|i'?m going|we'?d like) to (?:purchase|buy) (?:it|this|that|the"
        r"|stock"
        r"|one|her|them)\b|\b(?:do|close|make|finish) the deal\b|\bbring (?:a|the) (?:check|cashier'?s check|down "
        r"payment)\b",
        r"\bsign (?:everything|it all|the deal|online|today|tonight|electronically|digitally|remotely)\b"
        r"|\b(?:take|here'?s|send(?:ing)?|pay(?:ing)?|put(?:ting)?) (?:my|the|a) deposit\b|\blet'?s (?:finalize|close"
        r"|wrap "
        r"up) (?:it|this|the deal)\b",
        r"\b(?:do|start|handle|finish|get started on) (?:the )?paperwork\b|\bwhen can (?:i|we) (?:come )?(?:in )?"
        r"(?:and )?sign\b|\bcome (?:in |by )?(?:and |to )?sign\b|^\W*(?:ok(?:ay)?,? )?deal\s*[.!]",
        r"\bnext steps? (?:to|for) (?:buy|purchase|get|finaliz|secur|lock)\w*|\bfinaliz\w* (?:the |my |this )?"
        r"(?:deal|purchase|paperwork|sale)\b",
        r"\bhow soon can (?:i|we) (?:pick (?:it|her|them) up|get (?:it|her)|take (?:it|her) home|drive (?:it|her))\b",
        r"^\W*sold\s*[.!]|\b(?:i|we)'?ll (?:buy|take) (?:it|her|them|one|the \w+)\b|\bi want (?:it|her|this one"
        r"|that one)"
        r"\W*$|\bi want it\b[^.?!]{0,20}$|\bi'?m in[.!]|\bcount me in\b",
        r"\bring (?:it|her|me|them) up\b|\byou(?:'ve)? (?:convinced|sold) me\b|\bi'?m sold\b|\bwrap (?:it|her) up\b"
        r"|\bsold me on\b",
        # "ok i want the cheaper grey one, whats next", "ill take the grey 2025 one, what do i do now": a car chosen
        r"\b(?:i|we) (?:want|wanna|'?ll take|will take|am taking|choose|pick)\b[^.?!]{0,40}\b(?:one|it|that)\b"
        r"[^.?!]{0,5}[,.!]?\s*(?:so\s+)?(?:what'?s next|whats next|what (?:do|should) (?:i|we) do (?:next|now)"
        r"|next steps?|now what|how do (?:i|we) (?:proceed|get it|start))\b",
    ),
)


def _detect_ready_to_buy(ctx: _Context) -> str | None:
    return _first(_READY, ctx.lower) or _first(READY_ES, ctx.lower)


# A complaint reported about others ("a review that complained", "people say it's a scam") is hearsay.
_HEARSAY = re.compile(
    r"\b(?:reviews?|people|others|folks|customers|someone|somebody|everyone|everybody|a (?:friend|buddy|neighbou?r"
    r"|coworker|co-worker))\s+(?:(?:that|who|have|had|has|were|was|kept|always|often|also|all|mostly|online|said"
    r"|say|says|saying)\s+){0,3}$"
    # "i read a complaint online about kona fires", "my only complaint is i can't afford them": no complaint of theirs
    r"|\b(?:read|saw|seen|heard|found|see)\s+(?:a|an|some|the|about|of|many|lots of|a lot of)?\s*$|\bmy only\s+$"
)


_SHOUTED_NOT = rx(r"(?:\.{2,}|…|,|-)\s*NOT\b\W*$|\bNOT!+")
_EYE_ROLLED = rx(
    r"\b(?:thanks|thank|great|awesome|amazing|helpful|love|nice|perfect|wonderful|sure|right|really|another|again"
    r"|still|same|yet|wow|cool|super|fantastic|ok|okay|thorough|good job|great job|well done|impressive|bravo)\b"
)


def _detect_complaint(ctx: _Context) -> str | None:
    if any(c in ctx.text for c in EYE_ROLL) and _EYE_ROLLED.search(ctx.lower):
        return "sarcasm (eye-roll)"
    if _SHOUTED_NOT.search(ctx.text):
        return "sarcasm (... NOT)"
    for label, pattern in (*_COMPLAINT, *SARCASM, *COMPLAINTS_MORE):
        for m in pattern.finditer(ctx.lower):
            if is_negated(ctx.lower, m.start()):
                continue
            clause = re.split(r"[.!?;,]|\bbut\b", ctx.lower[: m.start()])[-1]
            if _HEARSAY.search(clause):
                continue
            return label or m.group().strip()
    return None


def _detect_bot_question(ctx: _Context) -> str | None:
    return "asked whether they are talking to a bot" if ctx.u.asks_if_bot else None


def _detect_opt_out(ctx: _Context) -> str | None:
    return "opted out" if ctx.u.is_opt_out or ctx.u.primary == "stop" else None


def _detect_legal(ctx: _Context) -> str | None:
    """A legal or regulator threat in any wording (English, Spanish, French, Portuguese, German, Italian), or a
    legal or compliance word in a message that is not plainly friendly; a lawyer friend is no threat."""
    if LEGAL_HEARSAY.search(ctx.lower):
        return None
    threat = _first(LEGAL_THREATS, ctx.lower)
    if threat:
        return threat
    if ctx.u.sentiment > 0.2:
        return None
    for word in _LEGAL_WORDS:
        if _keyword_hit(ctx.index, word):
            return f'legal term "{word}"'
    return None


def _detect_existing_customer(ctx: _Context) -> str | None:
    """The problem of someone who bought already: title, plates, registration, service, warranty, recall, billing
    (a problem with the car they have, told to explain why they shop for another, is shopping)."""
    other = _first(NOT_SALES, ctx.lower)
    if other:
        return f"not a sales enquiry: {other}"
    shopping = bool(SHOPPING.search(ctx.lower))
    for label, pattern in AFTER_SALE:
        if label in ("service", "after the sale") and shopping:
            continue
        if any(not is_negated(ctx.lower, m.start()) for m in pattern.finditer(ctx.lower)):
            return f"existing customer: {label}"
    return None


def _detect_recall(ctx: _Context) -> str | None:
    """A recall or a safety defect on the customer's car (not a shopper asking whether a used car had recalls)."""
    return _first(RECALLS, ctx.lower)


_STRONG_VISIT = rx(
    r"\b(?:come|coming|stop|swing|drop|pop|head|be there|be in|meet|see (?:you|u)|test[\s-]?driv\w*|appointment|appt"
    r"|schedul\w*|book|put me down|ir|pasar|llegar|cita)\b"
)
_AI_ASKED_WHEN = rx(
    r"\b(?:what|which) (?:day|time|days|times)\b|\bwhen (?:would|could|can|works)\b|\bcome (?:in|by|see)\b",
    r"\bqu[eé] (?:d[ií]a|hora)\b|\bvenir a ver\b|\bvisitarnos\b",
)


def _detect_appointment(ctx: _Context) -> str | None:
    """A specific day and time for a visit, a test drive or an appraisal, which the agent cannot book itself."""
    request = ctx.u.time_request
    if request is None:
        return None
    last_ai = next((t.text.lower() for t in reversed(ctx.history) if t.sender in (Sender.ai, Sender.agent)), "")
    asked = "?" in last_ai and bool(_AI_ASKED_WHEN.search(last_ai))
    # a day and a clock time that open the message are a visit too ("Saturday 9:30am for the Tacoma")
    opens_with_time = request.day is not None and ctx.lower.lstrip(" ,.!").startswith(request.words.lower())
    # "after my kid's game sat, so like 11:30? the telluride SX": a day and a clock time with the car to see
    with_the_car = (
        request.hour is not None
        and find_day(ctx.text) is not None  # the day in this message (not carried from one said before)
        and bool(ctx.u.slots.models or ctx.u.slots.stock_number or ctx.u.primary == "test_drive")
    )
    if not (asked or VISIT.search(ctx.lower) or opens_with_time or with_the_car):
        return None
    if HOURS_QUESTION.search(ctx.lower) and not _STRONG_VISIT.search(ctx.lower):
        return None  # "are you open till 8 tonight?": a question about the hours
    return f'asks for a specific time: "{request.words}"'


_ANOTHER = rx(
    r"\b(?:another|other|others|anything else|something else|what else|different one)\b",
    r"\b(?:hay otr[oa]s?|otr[oa]s?|algo m[aá]s)\b",
)


def _tells_the_trade(u: Understanding) -> bool:
    """The message tells the customer's trade-in (its miles, colour, condition), with no figure asked for it."""
    s = u.slots
    told = s.trade_in is not None and u.primary == "trade_in" and s.trade_in.payoff_cents is None
    return told and not (s.budget_max_cents or u.wants_human or "$" in u.text)


def _detect_learned(ctx: _Context) -> str | None:
    """The learned model's opinion (``learned``), for what no named trigger caught; only on a language the agent
    answers in (another language is the "language" detector's)."""
    if not ctx.u.language_enabled or not ctx.text.strip():
        return None
    if ctx.history and len(ctx.words) < learned.MIN_WORDS_IN_CONVERSATION:
        return None  # "and the lowest miles?": a follow-up reads only with what came before; the model reads alone
    if ctx.u.asks_if_bot and not ctx.u.wants_human and len(ctx.words) <= 8:
        return None  # "am i talking to a real person?": the agent says what it is, and offers one
    if ctx.u.primary == "test_drive" and ctx.u.time_request is None and not ctx.u.wants_human:
        return None  # "can i test drive it saturday": the agent asks for a time; a time is the appointment detector's
    if ctx.history and refuses(ctx.u) and _ANOTHER.search(ctx.lower):
        return None  # "no me gusta el gris, hay otra?": a car shown turned down for another one, which is browsing
    if DEFERRAL.search(ctx.lower) and not ctx.u.wants_human:
        return None  # "not ready yet, i'll reach out in spring": the door left open; a complaint in it is named above
    if ctx.history and _tells_the_trade(ctx.u) and answers_the_trade_question(ctx.history):
        return None  # "110k, blue, dent on the door" when asked its condition: the trade-in told, no problem of ours
    seen = learned.opinion(ctx.text)
    if seen.probability < learned.THRESHOLD or seen.reason == learned.VISIT:
        return None  # a visit is the appointment detector's and the booking's: they know a time from a wish
    return f"reads like {seen.reason} ({seen.probability:.0%} sure)"


def _detect_language(ctx: _Context) -> str | None:
    return None if ctx.u.language_enabled else f"writes in {language_name(ctx.u.language)}"


CUSTOM_DETECTORS: dict[str, Callable[[_Context], str | None]] = {
    "profanity": _detect_profanity,
    "anger": _detect_anger,
    "complaint": _detect_complaint,
    "bot_question": _detect_bot_question,
    "opt_out": _detect_opt_out,
    "legal": _detect_legal,
    "ready_to_buy": _detect_ready_to_buy,
    "existing_customer": _detect_existing_customer,
    "recall": _detect_recall,
    "appointment": _detect_appointment,
    "language": _detect_language,
    "learned": _detect_learned,
}
