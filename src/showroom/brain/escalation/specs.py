"""Trigger specs (conditions, match mode, priority, action), the match they produce, and their validation."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from showroom.brain.escalation.detectors import CUSTOM_DETECTORS
from showroom.vocabulary import HandoverReason, MatchMode, Priority, TriggerAction, TriggerConditionType, values

PRICING_SCOPES = ("negotiation", "financing", "any")
MAX_REGEX_LENGTH = 500
MAX_KEYWORDS = 200
RECENT_TURNS = 12


@dataclass(frozen=True)
class TriggerSpec:
    id: str | None
    name: str
    conditions: list[dict[str, Any]]
    match_mode: str
    priority: int
    action: str  # a TriggerAction (validate_trigger says when it is not)
    action_config: dict[str, Any]  # {reason, urgency, sla_minutes?} / {emails} / {tag}

    @cached_property
    def problems(self) -> list[str]:
        """What is wrong with the conditions (checked once: a spec is not changed after it is made)."""
        return validate_conditions(self.conditions)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: str | None = None) -> TriggerSpec:
        """A spec from a DEFAULT_TRIGGERS entry or an `escalation_triggers` row's columns."""
        return cls(
            id=id if id is not None else data.get("id"),
            name=str(data["name"]),
            conditions=list(data.get("conditions", [])),
            match_mode=str(data.get("match_mode", MatchMode.all)),
            priority=int(data.get("priority", 100)),
            action=str(data.get("action", TriggerAction.handover)),
            action_config=dict(data.get("action_config", {})),
        )


@dataclass
class TriggerMatch:
    trigger: TriggerSpec
    reasons: list[str]  # human-readable, e.g. 'keyword "lawyer"'

    @property
    def reason(self) -> HandoverReason:
        """The handover reason the trigger names, 'other' when it does not say."""
        value = self.trigger.action_config.get("reason")
        return HandoverReason(value) if value in values(HandoverReason) else HandoverReason.other

    @property
    def urgency(self) -> Priority:
        value = self.trigger.action_config.get("urgency")
        return Priority(value) if value in values(Priority) else Priority.medium


def as_list(value: Any) -> list[str]:
    """A condition value or config entry that may be one string or a list of them, as a list of strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _validate_one(index: int, cond: Any) -> list[str]:
    where = f"condition {index + 1}"
    if not isinstance(cond, Mapping):
        return [f"{where}: must be an object with type, value and threshold"]
    errors = [f"{where}: unknown key {key!r}" for key in cond if key not in ("type", "value", "threshold")]
    kind = cond.get("type")
    if kind not in values(TriggerConditionType):
        return [*errors, f"{where}: unknown type {kind!r} (expected one of {', '.join(TriggerConditionType)})"]
    value, threshold = cond.get("value"), cond.get("threshold")
    if threshold is not None and not _is_number(threshold):
        return [*errors, f"{where}: threshold must be a number"]
    check = _VALIDATORS[TriggerConditionType(kind)]
    return errors + [f"{where} ({kind}): {message}" for message in check(value, threshold)]


def _check_keyword(value: Any, threshold: Any) -> list[str]:
    words = value if isinstance(value, list) else [value]
    if not words or not all(isinstance(w, str) and w.strip() for w in words):
        return ["value must be a non-empty string or a list of non-empty strings"]
    if len(words) > MAX_KEYWORDS:
        return [f"at most {MAX_KEYWORDS} keywords"]
    return [f"keyword {w!r} is longer than 100 characters" for w in words if len(w) > 100]


def _check_regex(value: Any, threshold: Any) -> list[str]:
    if not isinstance(value, str) or not value:
        return ["value must be a non-empty regular expression"]
    if len(value) > MAX_REGEX_LENGTH:
        return [f"the pattern is longer than {MAX_REGEX_LENGTH} characters"]
    if re.search(r"\([^)]*[+*][^)]*\)[+*{]", value):
        return ["nested repetition (like (a+)+) can take forever; simplify the pattern"]
    try:
        re.compile(value)
    except re.error as exc:
        return [f"invalid regular expression: {exc}"]
    return []


def _check_sentiment(value: Any, threshold: Any) -> list[str]:
    errors = []
    if threshold is None:
        errors.append("threshold is required (-1..1, e.g. -0.5)")
    elif not -1 <= threshold <= 1:
        errors.append("threshold must be between -1 and 1")
    if value not in (None, "negative", "positive"):
        errors.append("value must be 'negative' (at or below the threshold) or 'positive'")
    return errors


def _check_urgency(value: Any, threshold: Any) -> list[str]:
    errors = [] if threshold is None or 0 <= threshold <= 1 else ["threshold must be between 0 and 1"]
    if value is not None and not as_list(value):
        errors.append("value must be a word or a list of extra urgency words")
    return errors


def _check_repeated(value: Any, threshold: Any) -> list[str]:
    if threshold is not None and (threshold != int(threshold) or not 2 <= threshold <= 20):
        return ["threshold must be a whole number between 2 and 20"]
    return []


def _check_count(value: Any, threshold: Any) -> list[str]:
    if threshold is None:
        return ["threshold is required (a number of customer messages)"]
    if threshold != int(threshold) or not 1 <= threshold <= 1000:
        return ["threshold must be a whole number between 1 and 1000"]
    return []


def _check_nothing(value: Any, threshold: Any) -> list[str]:
    return []


def _check_pricing(value: Any, threshold: Any) -> list[str]:
    if value is not None and value not in PRICING_SCOPES:
        return [f"value must be one of {', '.join(PRICING_SCOPES)}"]
    return []


def _check_custom(value: Any, threshold: Any) -> list[str]:
    if value not in CUSTOM_DETECTORS:
        return [f"value must name a detector: {', '.join(CUSTOM_DETECTORS)}"]
    return []


_VALIDATORS: dict[TriggerConditionType, Callable[[Any, Any], list[str]]] = {
    TriggerConditionType.keyword: _check_keyword,
    TriggerConditionType.regex: _check_regex,
    TriggerConditionType.sentiment: _check_sentiment,
    TriggerConditionType.urgency: _check_urgency,
    TriggerConditionType.repeated_questions: _check_repeated,
    TriggerConditionType.message_count: _check_count,
    TriggerConditionType.human_request: _check_nothing,
    TriggerConditionType.pricing: _check_pricing,
    TriggerConditionType.custom: _check_custom,
}


def validate_conditions(conditions: list[dict[str, Any]]) -> list[str]:
    """Error messages for an `escalation_triggers.conditions` array; [] when it is valid."""
    if not isinstance(conditions, list):
        return ["conditions must be a list"]
    if not conditions:
        return ["at least one condition is required"]
    errors: list[str] = []
    for index, cond in enumerate(conditions):
        errors.extend(_validate_one(index, cond))
    return errors


def validate_trigger(spec: TriggerSpec) -> list[str]:
    """validate_conditions plus match mode, action and action config."""
    errors = validate_conditions(spec.conditions)
    if spec.match_mode not in values(MatchMode):
        errors.append(f"match_mode must be one of {', '.join(MatchMode)}")
    if spec.action not in values(TriggerAction):
        errors.append(f"action must be one of {', '.join(TriggerAction)}")
    config = spec.action_config
    handover = spec.action == TriggerAction.handover
    if handover and config.get("reason", HandoverReason.other) not in values(HandoverReason):
        errors.append(f"action_config.reason must be one of {', '.join(HandoverReason)}")
    if handover and config.get("urgency", Priority.medium) not in values(Priority):
        errors.append(f"action_config.urgency must be one of {', '.join(Priority)}")
    minutes = config.get("sla_minutes")
    if handover and minutes is not None and not (isinstance(minutes, int) and 1 <= minutes <= 1440):
        errors.append("action_config.sla_minutes must be a whole number of minutes from 1 to 1440")
    if spec.action == TriggerAction.notify and not as_list(config.get("emails")):
        errors.append("action_config.emails must list at least one address")
    if spec.action == TriggerAction.tag and not (isinstance(config.get("tag"), str) and config["tag"].strip()):
        errors.append("action_config.tag must be a non-empty string")
    return errors
