"""DEFAULT_TRIGGERS: the escalation triggers a new dealership starts with."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from showroom.brain.escalation.patterns import _LEGAL_WORDS, _RECALL_PATTERN, _TECH_PATTERN
from showroom.brain.escalation.specs import TriggerSpec


def _handover(reason: str, urgency: str) -> dict[str, Any]:
    return {"reason": reason, "urgency": urgency}


DEFAULT_TRIGGERS: list[dict[str, Any]] = [
    {
        "name": "Customer asks for a person",
        "description": "An explicit request to talk to a human, a manager or a salesperson, or to be called.",
        "conditions": [{"type": "human_request"}],
        "match_mode": "any",
        "priority": 10,
        "action": "handover",
        "action_config": _handover("customer_request", "high"),
    },
    {
        "name": "Legal or compliance",
        "description": "Lawyers, lawsuits, the BBB, lemon law... unless the message is plainly friendly.",
        "conditions": [
            {"type": "keyword", "value": list(_LEGAL_WORDS)},
            {"type": "sentiment", "value": "negative", "threshold": 0.2},
        ],
        "match_mode": "all",
        "priority": 20,
        "action": "handover",
        "action_config": _handover("policy_escalation", "urgent"),
    },
    {
        "name": "Safety recall",
        "description": "Recalls and safety defects: only a person gives authoritative answers.",
        "conditions": [
            {"type": "regex", "value": _RECALL_PATTERN},
            {"type": "sentiment", "value": "negative", "threshold": 0.2},
        ],
        "match_mode": "all",
        "priority": 25,
        "action": "handover",
        "action_config": _handover("policy_escalation", "high"),
    },
    {
        "name": "Anger or abuse",
        "description": "Angry words, insults, angry emoji or shouting.",
        "conditions": [{"type": "custom", "value": "anger"}],
        "match_mode": "any",
        "priority": 30,
        "action": "handover",
        "action_config": _handover("other", "high"),
    },
    {
        "name": "Profanity",
        "description": "Strong language that is not plainly enthusiastic.",
        "conditions": [
            {"type": "custom", "value": "profanity"},
            {"type": "sentiment", "value": "negative", "threshold": 0.1},
        ],
        "match_mode": "all",
        "priority": 35,
        "action": "handover",
        "action_config": _handover("other", "high"),
    },
    {
        "name": "Complaint",
        "description": "Complaints about service, broken promises, no call back, deceptive practices, refunds.",
        "conditions": [{"type": "custom", "value": "complaint"}],
        "match_mode": "any",
        "priority": 40,
        "action": "handover",
        "action_config": _handover("other", "high"),
    },
    {
        "name": "Very negative sentiment",
        "description": "The customer is clearly unhappy.",
        "conditions": [{"type": "sentiment", "value": "negative", "threshold": -0.5}],
        "match_mode": "all",
        "priority": 50,
        "action": "handover",
        "action_config": _handover("other", "medium"),
    },
    {
        "name": "Same question asked again",
        "description": "The customer repeats a question: the AI's answer did not help.",
        "conditions": [{"type": "repeated_questions", "threshold": 2}],
        "match_mode": "all",
        "priority": 60,
        "action": "handover",
        "action_config": _handover("ai_limitation", "medium"),
    },
    {
        "name": "Price negotiation",
        "description": "Best price, out-the-door numbers, counter-offers, price matching, discounts and fees.",
        "conditions": [{"type": "pricing", "value": "negotiation"}],
        "match_mode": "all",
        "priority": 70,
        "action": "handover",
        "action_config": _handover("pricing_negotiation", "medium"),
    },
    {
        "name": "Financing and credit",
        "description": "Credit, rates, down payments, approvals, monthly payments and lease terms.",
        "conditions": [{"type": "pricing", "value": "financing"}],
        "match_mode": "all",
        "priority": 80,
        "action": "handover",
        "action_config": _handover("complex_inquiry", "medium"),
    },
    {
        "name": "Website or technical problem",
        "description": "A broken link, form or page.",
        "conditions": [{"type": "regex", "value": _TECH_PATTERN}],
        "match_mode": "all",
        "priority": 85,
        "action": "handover",
        "action_config": _handover("technical_issue", "medium"),
    },
    {
        "name": "Ready to buy now",
        "description": "A commitment (deposit, 'I'll take it'), or today / right now together with a buying signal.",
        "conditions": [{"type": "urgency", "threshold": 0.7}, {"type": "custom", "value": "ready_to_buy"}],
        "match_mode": "any",
        "priority": 90,
        "action": "handover",
        "action_config": _handover("customer_request", "urgent"),
    },
    {
        "name": "Long conversation",
        "description": "Tags conversations that run long, for review.",
        "conditions": [{"type": "message_count", "threshold": 20}],
        "match_mode": "all",
        "priority": 200,
        "action": "tag",
        "action_config": {"tag": "long_conversation"},
    },
]


@lru_cache(maxsize=1)
def default_specs() -> tuple[TriggerSpec, ...]:
    return tuple(TriggerSpec.from_dict(data) for data in DEFAULT_TRIGGERS)
