"""Custom detectors (condition type "custom", value = the detector's name): profanity, anger, complaint,
bot question, opt-out, legal, ready to buy.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from showroom.brain.escalation.patterns import _ANGER, _ANGRY_EMOJI, _COMPLAINT, _LEGAL_WORDS, _STRONG_PROFANITY, _table
from showroom.brain.escalation.signals import _Context, _first, _keyword_hit
from showroom.brain.nlu.sentiment import ACRONYMS
from showroom.brain.nlu.text import is_negated


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
        r"\bi'?ll take (?:it|her|the \w+|that one|this one)\b|\blet'?s do (?:it|this|the deal)\b",
        r"\bhow (?:do|can) i (?:buy|purchase|reserve|secure|put a deposit|put a hold)\b",
        r"\bwant to (?:buy|purchase|reserve) (?:it|her|the \w+|this one|that one)\b",
        r"\bsign (?:the )?(?:papers|paperwork|contract)\b",
    ),
)


def _detect_ready_to_buy(ctx: _Context) -> str | None:
    return _first(_READY, ctx.lower)


# A complaint reported about others ("a review that complained", "people say it's a scam") is hearsay.
_HEARSAY = re.compile(
    r"\b(?:reviews?|people|others|folks|customers|someone|somebody|everyone|everybody|a (?:friend|buddy|neighbou?r"
    r"|coworker|co-worker))\s+(?:(?:that|who|have|had|has|were|was|kept|always|often|also|all|mostly|online|said"
    r"|say|says|saying)\s+){0,3}$"
)


def _detect_complaint(ctx: _Context) -> str | None:
    for label, pattern in _COMPLAINT:
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
    for word in _LEGAL_WORDS:
        if _keyword_hit(ctx.index, word):
            return f'legal term "{word}"'
    return None


CUSTOM_DETECTORS: dict[str, Callable[[_Context], str | None]] = {
    "profanity": _detect_profanity,
    "anger": _detect_anger,
    "complaint": _detect_complaint,
    "bot_question": _detect_bot_question,
    "opt_out": _detect_opt_out,
    "legal": _detect_legal,
    "ready_to_buy": _detect_ready_to_buy,
}
