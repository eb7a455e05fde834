"""Condition types: keyword, regex, sentiment, urgency, repeated questions, message count, human request,
pricing and custom; each returns a human-readable reason or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from showroom.brain.escalation.detectors import CUSTOM_DETECTORS
from showroom.brain.escalation.patterns import (
    _ANY_PRICE,
    _FINANCING,
    _NEGOTIATION,
    _TIME_URGENT,
    BANKRUPTCY_TOLD,
    _table,
)
from showroom.brain.escalation.phrases import FRUSTRATION, IMPATIENT, NUDGE, OFFER_ES
from showroom.brain.escalation.signals import _buying, _Context, _first, _keyword_hit, urgency_score
from showroom.brain.escalation.specs import RECENT_TURNS, as_list
from showroom.brain.nlu.flags import is_question
from showroom.brain.nlu.text import TOKEN_RE, clean, rx, words
from showroom.vocabulary import Sender, TriggerConditionType


def _keyword(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    for keyword in as_list(cond.get("value")):
        if _keyword_hit(ctx.index, keyword):
            return f'keyword "{keyword}"'
    return None


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _regex_condition(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    pattern = cond.get("value")
    if not isinstance(pattern, str):
        return None
    m = _regex(pattern).search(ctx.text)
    return f'pattern "{m.group().strip()}"' if m else None


SHOPPING_MARGIN = 0.15  # how much more negative a message must read when it is also asking for cars


# Words that aim a feeling at the dealership, its people or this chat ("your prices are insane", "this bot")
_AT_US = rx(
    r"\b(?:you|u|your|ur|y'?all|you guys|dealer\w*|sales\w*|manager|staff|service|people there|this (?:bot|chat|place"
    r"|store)|nobody|no one|ignor\w*|wait\w*|again)\b"
)


def _sentiment(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    threshold = float(cond.get("threshold", -0.5))
    score = ctx.u.sentiment
    if cond.get("value") == "positive":
        return f"sentiment {score:+.2f} (at or above {threshold:+.2f})" if score >= threshold else None
    shopping = ctx.u.slots.has_vehicle_criteria() or bool(_ASKS_FOR_OTHERS.search(ctx.lower))
    if shopping and ctx.u.is_question and not _AT_US.search(ctx.lower):
        return None  # "any awd sedans? i hate driving in the snow": a feeling about the road, not about the dealership
    if shopping:
        threshold -= SHOPPING_MARGIN  # "ugh. whats the newest one under 36k then": a sigh while shopping, not anger
    return f"sentiment {score:+.2f} (at or below {threshold:+.2f})" if score <= threshold else None


def _urgency(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    threshold = float(cond.get("threshold", 0.7))
    score = urgency_score(ctx.text, ctx.u)
    extra = as_list(cond.get("value"))
    if extra and any(_keyword_hit(ctx.index, word) for word in extra) and _buying(ctx.lower):
        score = max(score, 1.0)
    if score >= threshold:
        when = _first(_TIME_URGENT, ctx.lower, negatable=False) or "urgent"
        return f'wants to buy now ("{when}")'
    return None


_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "do",
        "does",
        "did",
        "you",
        "u",
        "your",
        "ur",
        "i",
        "me",
        "my",
        "we",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "of",
        "to",
        "in",
        "on",
        "for",
        "at",
        "and",
        "or",
        "but",
        "so",
        "any",
        "anything",
        "still",
        "just",
        "can",
        "could",
        "would",
        "will",
        "what",
        "when",
        "where",
        "which",
        "how",
        "who",
        "there",
        "here",
        "have",
        "has",
        "got",
        "get",
        "please",
        "pls",
        "hi",
        "hey",
        "hello",
        "ok",
        "okay",
        "yes",
        "no",
        "again",
        "one",  # "the black one" and "any cheaper ones in black" are two questions
        "ones",
    ]
)


def _content(text: str) -> set[str]:
    words = TOKEN_RE.findall(clean(text).lower())
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOPWORDS}


_NEXT_WORDS = words("more rest next else other others más mas resto demás demas")


# Words that make two questions two questions however much else they share ("blue ioniq 5?", "any 2025 ioniq 5")
_DISTINCT = words(
    "white black grey gray silver red blue green brown beige gold orange yellow purple burgundy blanco blanca negro "
    "negra gris rojo roja azul verde cheaper cheapest newer newest older awd fwd 4x4 4wd hybrid electric next second "
    "other another"
)


def _similar(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    if any(w.isdigit() or w in _DISTINCT for w in a ^ b):
        return False
    return min(len(a), len(b)) >= 2 and len(a & b) / len(a | b) >= 0.5


_SELF_REPEAT = _table(
    (
        "says they asked before",
        r"\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|\d+(?:st|nd|rd|th)) time (?:i'?m |i am |i'?ve |i have |im )?"
        r"(?:ask|asked|asking|tried|trying|reaching out|messaging|texting|emailing|requesting)\b",
        r"\b(?:asked|told you|said|requested|mentioned) (?:this |that |it |you )?"
        r"(?:twice|already|before|again|\d+ times"
        r"|two times|three times|multiple times|several times|many times|a bunch of times)\b",
        r"\bi (?:already|just) (?:asked|told you|said)\b|\b(?:asking|ask) (?:you )?again\b",
        r"\bfor the (?:last|third) time\b",
        r"\b(?:ya )?(?:te|les) (?:pregunt[eé]|ped[ií]|dije)\b|\botra vez lo mismo\b|\bno es lo que (?:te )?ped[ií]\b",
        r"\byou (?:didn'?t|did not|never|still haven'?t) (?:answer|respond|reply|tell me)\b|\bnot what i asked\b",
    ),
)


def _unanswered(ctx: _Context) -> int:
    """How many of the customer's messages just before this one got no answer."""
    count = 0
    for turn in reversed(ctx.history):
        if turn.sender != Sender.customer:
            break
        count += 1
    return count


_REMINDER = rx(r"\bagain\W*$|\bremind me\b|\bwhat (?:was|were) (?:the|it|its|that)\b|\bone more time\W*$")


def _repeated(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    threshold = int(cond.get("threshold", 2))
    said = _first(_SELF_REPEAT, ctx.lower) or _first(FRUSTRATION, ctx.lower)
    if said:
        return said
    if IMPATIENT.search(ctx.lower):  # "is it awd or not": impatient when it was asked before, not the first time
        asked = _content(IMPATIENT.sub("", ctx.lower))
        if any(t.sender == Sender.customer and _similar(asked, _content(t.text)) for t in ctx.history):
            return "impatient: asked before"
    if NUDGE.search(ctx.lower) and _unanswered(ctx) >= 1:
        return f"nudges again after {_unanswered(ctx)} unanswered message{'s' if _unanswered(ctx) > 1 else ''}"
    if not is_question(ctx.text):
        return None
    current = _content(ctx.text)
    if current <= _NEXT_WORDS:  # "more?" after "any more?": the next cars each time, never the same question
        return None
    if _REMINDER.search(ctx.lower):  # "whats the jetta price again": a reminder of an answer given, not a failure
        return None
    earlier = [t.text for t in list(ctx.history)[-RECENT_TURNS:] if t.sender == Sender.customer and is_question(t.text)]
    count = 1 + sum(_similar(current, _content(text)) for text in earlier)
    return f"same question asked {count} times" if count >= threshold else None


def _message_count(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    threshold = int(cond.get("threshold", 20))
    count = 1 + sum(1 for t in ctx.history if t.sender == Sender.customer)
    return f"{count} customer messages" if count >= threshold else None


def _human(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    return "asked for a person" if ctx.u.wants_human else None


def _pricing(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    scope = cond.get("value") or "negotiation"
    tables = {
        "negotiation": (_NEGOTIATION, OFFER_ES),
        "financing": (_FINANCING,),
        "any": (_NEGOTIATION, OFFER_ES, _FINANCING, _ANY_PRICE),
    }.get(scope, ())
    for table in tables:
        found = _first(table, ctx.lower)
        if found and table is _FINANCING and _general_finance_question(ctx.lower):
            continue
        if found == "out-the-door price" and _INCLUDES_FEES.search(ctx.lower):
            continue  # "is that price out the door or r there fees": what a listed price includes, answered
        if found == "price too high" and _ASKS_FOR_OTHERS.search(ctx.lower):
            # "too pricey. anything under 23k?", "too much. anything cheaper", "the first one is too pricey, what
            # about the other 2": other cars, not a negotiation
            continue
        if found:
            return found
    if scope in ("financing", "any") and (ctx.u.slots.monthly_budget_cents or ctx.u.slots.down_payment_cents):
        return "monthly payment"
    return None


# "is that price out the door", "is the 20,999 otd or are there fees": whether a listed price includes the fees
_INCLUDES_FEES = rx(
    r"^\W*(?:and\s+|so\s+|ok\s+)?(?:is|does)\s+(?:that|the|this|it|its|it'?s)\s*(?:listed\s+)?"
    r"(?:price|number|\$?\d[\d,.]*k?)?\s*(?:\w+\s+)?(?:the\s+)?"
    r"(?:out[\s-]?the[\s-]?door|otd|include (?:tax|taxes|fees))\b"
)


# How financing works, asked by anyone ("can I get pre-approved online?", "do you finance people with no credit
# history?", "how long can loans go?"): the AI answers it (with the finance application link). The customer's own
# credit, income, score or deal goes to a person. So: a question about financing is general unless it tells the
# customer's own situation, which is the first person next to a word of money or credit, or a score.
_MONEY_WORDS = (
    r"(?:credit|score|fico|income|job|work|loans?|payments?|bankrupt\w*|repo\w*|down|co[\s-]?sign\w*|itin|ssn"
    r"|approved|approval|denied|declined|upside|owe|behind|disability|unemployed|self[\s-]employed|collections"
    r"|debt|salary|paycheck|bank|rate|apr|make|makes|making|earn|earns|earning|chapter|\d+k)"
)
_OWN_SITUATION = rx(
    r"\b(?:my|our|mine)\s+(?:\w+\s+){0,2}?" + _MONEY_WORDS + r"\b",
    r"\b(?:i|we|i'?m|im|i'?ve|ive|we'?re|we'?ve)\b[^.?!,]{0,30}?\b" + _MONEY_WORDS + r"\b",
    r"\b[3-8]\d\d\b(?!\s*(?:k\b|hp\b|miles|mi\b|months?|mo\b))",
    BANKRUPTCY_TOLD,
    r"\b(?:mi|mis|nuestro|nuestra|tengo|tenemos|yo|mi esposo|mi esposa)\b[^.?!,]{0,30}?\b(?:cr[eé]dito|puntaje"
    r"|ingresos?|trabajo|sueldo|pr[eé]stamo|enganche|aval|fiador|bancarrota|deuda)\b",
)
_ASKED = rx(r"^\s*(?:do|does|can|could|would|will|how|what|which|is|are|who|where|any)\b")


_ASKS_FOR_OTHERS = rx(
    r"\b(?:any|anything|something|what (?:do you have|else)|show me|options?|alternatives?)\b",
    r"\b(?:cheaper|less expensive|lower[- ]priced|m[aá]s barat[oa]s?|m[aá]s econ[oó]mic[oa]s?)\b",
    r"\bback to the\b|\b(?:let'?s|lets) (?:look at|see|go back to|try)\b|\bvolvamos a\b",  # "back to the tucson"
    r"\bthe others?\b|\bother ones?\b|\bwhat about the\b|\bhow about the\b",
    r"\b(?:under|below|less than|no more than|max|menos de|debajo de)\s*\$?\s*\d",  # "tellurides under 36k?"
    r"\bthe \$?\d[\d,.]*k? one\b",  # "too pricey. the 18k one?": another car of the list
)


def _general_finance_question(lower: str) -> bool:
    return (is_question(lower) or bool(_ASKED.search(lower))) and not _OWN_SITUATION.search(lower)


def _custom(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    detector = CUSTOM_DETECTORS.get(str(cond.get("value")))
    return detector(ctx) if detector else None


_EVALUATORS: dict[TriggerConditionType, Callable[[_Context, Mapping[str, Any]], str | None]] = {
    TriggerConditionType.keyword: _keyword,
    TriggerConditionType.regex: _regex_condition,
    TriggerConditionType.sentiment: _sentiment,
    TriggerConditionType.urgency: _urgency,
    TriggerConditionType.repeated_questions: _repeated,
    TriggerConditionType.message_count: _message_count,
    TriggerConditionType.human_request: _human,
    TriggerConditionType.pricing: _pricing,
    TriggerConditionType.custom: _custom,
}
