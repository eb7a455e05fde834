"""A follow-up cadence as staff type it in the settings (issue 18): days in order, a channel word after a day where
the step has one (``1, 2 sms, 4 email, 7 call, 13``); the API takes the same steps as ``[{"day", "channel"}]``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from showroom.errors import ValidationFailed
from showroom.vocabulary import CadenceChannel

_TOKENS = re.compile(r"[\s,;]+")


def steps_text(steps: Iterable[Any]) -> str:
    """``[CadenceStep(day=1), CadenceStep(day=2, channel=sms)]`` → ``"1, 2 sms"``."""
    words = []
    for step in steps:
        channel = str(step.channel)
        words.append(str(step.day) if channel == CadenceChannel.same else f"{step.day} {channel}")
    return ", ".join(words)


def parse_steps(text: str, field: str) -> list[dict[str, Any]]:
    """The steps of ``text`` (validated by ``AgentConfig`` afterwards: order, range); a word that is neither a day
    nor a channel after one is a 422 naming ``field``."""
    steps: list[dict[str, Any]] = []
    for token in (t for t in _TOKENS.split(text.strip().lower()) if t):
        if re.fullmatch(r"-?\d+", token):
            steps.append({"day": int(token)})
        elif token in set(CadenceChannel) and steps and "channel" not in steps[-1]:
            steps[-1]["channel"] = token
        else:
            choices = ", ".join(c.value for c in CadenceChannel if c != CadenceChannel.same)
            raise ValidationFailed(
                f"{field}: {token!r} is not a day, nor a channel after a day ({choices}); e.g. 1, 2 sms, 7 call",
                field=field,
            )
    return steps
