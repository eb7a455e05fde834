"""Working hours in the dealership's own time zone, and the direct-agent templates that depend on them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from showroom.agent.context import DAYS
from showroom.agent.personas import greeting_name
from showroom.brain import prompts
from showroom.models import Customer, Dealership


def is_open(dealership: Dealership, now: datetime) -> bool:
    local = now.astimezone(ZoneInfo(dealership.timezone))
    slot = ((dealership.agent_config or {}).get("working_hours") or {}).get(DAYS[local.weekday()])
    if not slot:
        return False
    return bool(slot["open"] <= local.strftime("%H:%M") < slot["close"])


def auto_greeting(dealership: Dealership, customer: Customer, now: datetime) -> str:
    config = dealership.agent_config or {}
    key = "greeting_template" if is_open(dealership, now) else "away_template"
    template = config.get(key) or (
        "Thanks for reaching out to {{dealership_name}}! A member of our team will be with you shortly."
    )
    first = greeting_name(customer) or "there"
    return prompts.render(
        template,
        {"dealership_name": dealership.name, "customer_first_name": first, "customer_name": customer.full_name},
    )
