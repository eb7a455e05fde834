"""Saved replies' ``{{variables}}``: which names a reply may use, and filling them in for one conversation.

The syntax is the prompts' (``{{name}}``, spaces allowed inside the braces) with dotted names. A name with no value
for this conversation is left as it was written, so the person sending sees what is missing before it goes out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*(?:\.[a-zA-Z_][a-zA-Z0-9_]*)?)\s*\}\}")

# Every name a saved reply may use, with what it becomes (shown to staff next to the editor).
VARIABLES: dict[str, str] = {
    "customer.first_name": "the customer's first name",
    "customer.last_name": "the customer's last name",
    "customer.name": "the customer's full name",
    "customer.email": "the customer's e-mail",
    "customer.phone": "the customer's phone",
    "vehicle": "the lead's vehicle of interest (year, make, model, trim)",
    "agent.name": "your name",
    "agent.first_name": "your first name",
    "agent.email": "your e-mail",
    "dealership.name": "the dealership's name",
    "dealership.phone": "the dealership's phone",
    "dealership.address": "the dealership's address",
    "dealership.website": "the dealership's website",
    "lead.number": "the lead's number",
}


def unknown_variables(body: str) -> list[str]:
    """The names in ``body`` that no conversation can fill, each once, in the order written."""
    return list(dict.fromkeys(name for name in PLACEHOLDER.findall(body) if name not in VARIABLES))


@dataclass(frozen=True)
class Filled:
    text: str
    missing: list[str]  # names with no value here, left in the text as written


def fill(body: str, values: Mapping[str, str | None]) -> Filled:
    """Replace each ``{{name}}`` that has a value; the others stay and are listed in ``missing``."""
    missing: list[str] = []

    def value(match: re.Match[str]) -> str:
        found = values.get(match.group(1))
        if found is None or not str(found).strip():
            if match.group(1) not in missing:
                missing.append(match.group(1))
            return match.group(0)
        return str(found).strip()

    return Filled(PLACEHOLDER.sub(value, body), missing)
