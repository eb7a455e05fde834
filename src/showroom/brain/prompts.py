"""Prompt templates: one syntax, ``{{variable}}``, every occurrence replaced, unknown names refused."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")

# What the pipeline always provides; a persona's own arguments add more names.
STANDARD_VARIABLES = frozenset({
    "persona_name", "tone", "dealership_name", "dealership_phone", "dealership_address", "dealership_website",
    "dealership_hours", "customer_name", "customer_first_name", "vehicle_of_interest", "inventory", "channel",
    "trade_in_url", "finance_application_url", "handover_email", "priority_features", "constraints", "greeting",
    "sign_off",
})  # fmt: skip


def variables(template: str) -> list[str]:
    return list(dict.fromkeys(PLACEHOLDER.findall(template)))


def unknown_variables(template: str, extra: Iterable[str] = ()) -> list[str]:
    known = STANDARD_VARIABLES | set(extra)
    return [name for name in variables(template) if name not in known]


def render(template: str, values: Mapping[str, Any]) -> str:
    """Replace every ``{{name}}``; lists are joined with commas, missing values become empty."""

    def value(match: re.Match[str]) -> str:
        raw = values.get(match.group(1))
        if raw is None:
            return ""
        if isinstance(raw, list | tuple):
            return ", ".join(str(item) for item in raw)
        return str(raw)

    return PLACEHOLDER.sub(value, template)
