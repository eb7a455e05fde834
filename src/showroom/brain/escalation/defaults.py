"""DEFAULT_TRIGGERS: the escalation triggers a new dealership starts with."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from showroom.brain.escalation.patterns import _TECH_PATTERN
from showroom.brain.escalation.specs import TriggerSpec
from showroom.vocabulary import HandoverReason, MatchMode, Priority, TriggerAction
from showroom.vocabulary import TriggerConditionType as Type


def _handover(reason: HandoverReason, urgency: Priority) -> dict[str, Any]:
    return {"reason": reason, "urgency": urgency}


DEFAULT_TRIGGERS: list[dict[str, Any]] = [
    {
        "name": "Customer asks for a person",
        "description": "An explicit request to talk to a human, a manager or a salesperson, or to be called.",
        "conditions": [{"type": Type.human_request}],
        "match_mode": MatchMode.any,
        "priority": 10,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.customer_request, Priority.high),
    },
    {
        "name": "Legal or compliance",
        "description": "Legal or regulator threats in any wording or language (a lawyer, a lawsuit, the attorney "
        "general, the BBB, 'una demanda'), and legal or privacy words unless the message is plainly friendly.",
        "conditions": [{"type": Type.custom, "value": "legal"}],
        "match_mode": MatchMode.all,
        "priority": 20,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.policy_escalation, Priority.urgent),
    },
    {
        "name": "Safety recall",
        "description": "A recall or a safety defect on the customer's car: only a person gives authoritative answers "
        "(a shopper asking whether a used car had recalls stays with the AI).",
        "conditions": [{"type": Type.custom, "value": "recall"}],
        "match_mode": MatchMode.all,
        "priority": 25,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.policy_escalation, Priority.high),
    },
    {
        "name": "Existing customer's problem",
        "description": "Someone who bought already: title, plates, registration, service, warranty, recalls, billing.",
        "conditions": [{"type": Type.custom, "value": "existing_customer"}],
        "match_mode": MatchMode.all,
        "priority": 27,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.complex_inquiry, Priority.high),
    },
    {
        "name": "Anger or abuse",
        "description": "Angry words, insults, angry emoji or shouting.",
        "conditions": [{"type": Type.custom, "value": "anger"}],
        "match_mode": MatchMode.any,
        "priority": 30,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.other, Priority.high),
    },
    {
        "name": "Profanity",
        "description": "Strong language that is not plainly enthusiastic.",
        "conditions": [
            {"type": Type.custom, "value": "profanity"},
            {"type": Type.sentiment, "value": "negative", "threshold": 0.1},
        ],
        "match_mode": MatchMode.all,
        "priority": 35,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.other, Priority.high),
    },
    {
        "name": "Complaint",
        "description": "Complaints about service, broken promises, no call back, deceptive practices, refunds.",
        "conditions": [{"type": Type.custom, "value": "complaint"}],
        "match_mode": MatchMode.any,
        "priority": 40,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.other, Priority.high),
    },
    {
        "name": "Very negative sentiment",
        "description": "The customer is clearly unhappy.",
        "conditions": [{"type": Type.sentiment, "value": "negative", "threshold": -0.5}],
        "match_mode": MatchMode.all,
        "priority": 50,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.other, Priority.medium),
    },
    {
        "name": "Same question asked again",
        "description": "The customer repeats a question: the AI's answer did not help.",
        "conditions": [{"type": Type.repeated_questions, "threshold": 2}],
        "match_mode": MatchMode.all,
        "priority": 60,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.ai_limitation, Priority.medium),
    },
    {
        "name": "Price negotiation",
        "description": "Best price, out-the-door numbers, counter-offers, price matching, discounts and fees.",
        "conditions": [{"type": Type.pricing, "value": "negotiation"}],
        "match_mode": MatchMode.all,
        "priority": 70,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.pricing_negotiation, Priority.medium),
    },
    {
        "name": "Financing and credit",
        "description": "Credit, rates, down payments, approvals, monthly payments and lease terms.",
        "conditions": [{"type": Type.pricing, "value": "financing"}],
        "match_mode": MatchMode.all,
        "priority": 80,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.complex_inquiry, Priority.medium),
    },
    {
        "name": "Website or technical problem",
        "description": "A broken link, form or page.",
        "conditions": [{"type": Type.regex, "value": _TECH_PATTERN}],
        "match_mode": MatchMode.all,
        "priority": 85,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.technical_issue, Priority.medium),
    },
    {
        "name": "Ready to buy now",
        "description": "A commitment (deposit, 'I'll take it'), or today / right now together with a buying signal.",
        "conditions": [{"type": Type.urgency, "threshold": 0.7}, {"type": Type.custom, "value": "ready_to_buy"}],
        "match_mode": MatchMode.any,
        "priority": 90,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.customer_request, Priority.urgent),
    },
    {
        "name": "Specific appointment time",
        "description": "A day and time to come in, test drive or bring a trade ('tonite around 7', 'monday 9am'): "
        "the dossier carries the time, resolved in the dealership's time zone.",
        "conditions": [{"type": Type.custom, "value": "appointment"}],
        "match_mode": MatchMode.all,
        "priority": 95,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.customer_request, Priority.high),
    },
    {
        "name": "Writes in another language",
        "description": "The customer writes in a language the dealership's agent does not answer in "
        "(agent settings: languages); the reason says which ('writes in Spanish').",
        "conditions": [{"type": Type.custom, "value": "language"}],
        "match_mode": MatchMode.all,
        "priority": 97,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.ai_limitation, Priority.high),
    },
    {
        "name": "Reads like a message for a person",
        "description": "A model trained on labelled customer messages finds this one like those staff answer "
        "(complaints, negotiations, an owner's problem...) although no other trigger named it; the reason says "
        "what it resembles.",
        "conditions": [{"type": Type.custom, "value": "learned"}],
        "match_mode": MatchMode.all,
        "priority": 150,
        "action": TriggerAction.handover,
        "action_config": _handover(HandoverReason.complex_inquiry, Priority.medium),
    },
    {
        "name": "Long conversation",
        "description": "Tags conversations that run long, for review.",
        "conditions": [{"type": Type.message_count, "threshold": 20}],
        "match_mode": MatchMode.all,
        "priority": 200,
        "action": TriggerAction.tag,
        "action_config": {"tag": "long_conversation"},
    },
]


@lru_cache(maxsize=1)
def default_specs() -> tuple[TriggerSpec, ...]:
    return tuple(TriggerSpec.from_dict(data) for data in DEFAULT_TRIGGERS)
