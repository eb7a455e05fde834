"""Evaluation: the first trigger (lowest priority number) whose conditions match a message."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from showroom.brain.escalation.conditions import _EVALUATORS
from showroom.brain.escalation.defaults import default_specs
from showroom.brain.escalation.signals import _Context
from showroom.brain.escalation.specs import TriggerMatch, TriggerSpec
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.spelling import correct
from showroom.brain.nlu.text import TOKEN_RE, clean
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.types import Turn
from showroom.vocabulary import Language, MatchMode, TriggerAction


def _matches(spec: TriggerSpec, ctx: _Context) -> list[str] | None:
    if not spec.conditions or spec.problems:
        return None  # an invalid trigger never fires (and never crashes the pipeline)
    reasons: list[str] = []
    for cond in spec.conditions:
        reason = _EVALUATORS[cond["type"]](ctx, cond)
        if reason is None and spec.match_mode != MatchMode.any:
            return None
        if reason is not None:
            reasons.append(reason)
    return reasons or None


def evaluate(
    triggers: Sequence[TriggerSpec],
    text: str,
    history: Sequence[Turn] = (),
    understanding: Understanding | None = None,
    languages: Collection[str] = (Language.en,),
) -> TriggerMatch | None:
    """The first trigger (lowest priority number; ties keep their order) whose conditions match, or None.
    ``languages``: those the agent answers in, when the understanding is made here."""
    cleaned = clean(text)
    lower = correct(cleaned).lower()  # the phrase tables read "my tittle" as "my title"
    ctx = _Context(
        text=cleaned,
        lower=lower,
        words=TOKEN_RE.findall(lower),
        u=understanding or understand(cleaned, history=history, languages=languages),
        history=history,
    )
    for spec in sorted(triggers, key=lambda s: s.priority):
        reasons = _matches(spec, ctx)
        if reasons:
            return TriggerMatch(spec, reasons)
    return None


def needs_human(text: str, history: Sequence[Turn] = (), languages: Collection[str] = (Language.en,)) -> bool:
    """Would the default handover triggers stop the AI on this message (the agent answering in ``languages``)?"""
    handovers = [spec for spec in default_specs() if spec.action == TriggerAction.handover]
    return evaluate(handovers, text, history, languages=languages) is not None
