"""What intake makes of a contact as sent (docs/identity.md): fields the sender swapped are put right, and every
e-mail or phone that looks undeliverable is kept as given and flagged with the reason (no automated message uses a
flagged contact until a person confirms it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from showroom.leads.contacts import (
    email_doubt,
    looks_like_email,
    looks_like_phone,
    normalize_phone,
    phone_doubt,
)
from showroom.leads.intake_model import IntakeContact


def has_contact_text(contact: IntakeContact) -> bool:
    """Any e-mail or phone text at all: only without one is a lead rejected for "no contact"."""
    return any((value or "").strip() for value in (contact.email, contact.phone, contact.alternate_phone))


def tidy(contact: IntakeContact, region: str) -> tuple[IntakeContact, dict[str, str]]:
    """The contact with swapped fields put right (an e-mail written as the name, a phone written in the e-mail
    field), and the doubts about its e-mail and phone: ``{"email"|"phone": reason}``."""
    doubts: dict[str, str] = {}
    email, phone, name = contact.email, contact.phone, contact.full_name
    if email and looks_like_phone(email) and not looks_like_email(email) and not phone:
        phone, email = email, None
        doubts["phone"] = "was given in the e-mail field"
    for part in ("full_name", "first_name", "last_name"):
        value = getattr(contact, part)
        if value and looks_like_email(value):
            if not email:
                email = value
            contact = replace(contact, **{part: None})
            name = contact.full_name
    if name is None and not (contact.first_name or contact.last_name):
        name = None
    tidied = replace(contact, email=email, phone=phone, full_name=name)
    if tidied.phone != contact.phone:
        tidied = replace(tidied, phone_e164=None)
    email_reason = email_doubt(tidied.email)
    if email_reason:
        doubts["email"] = email_reason
    e164 = tidied.phone_e164 or normalize_phone(tidied.phone, region)
    phone_reason = phone_doubt(tidied.phone, e164, region)
    if phone_reason:
        doubts["phone"] = f"{doubts['phone']}; {phone_reason}" if "phone" in doubts else phone_reason
    return tidied, doubts


def flags(contact: IntakeContact, doubts: dict[str, str], when: datetime | None = None) -> dict[str, Any]:
    """``customers.contact_flags`` for these doubts: the value as given, the reason and since when."""
    at = (when or datetime.now(UTC)).isoformat()
    values = {"email": contact.email, "phone": contact.phone}
    return {key: {"value": values[key], "reason": reason, "since": at} for key, reason in doubts.items()}


def usable(customer_flags: dict[str, Any], key: str, value: str | None) -> bool:
    """An address an automated message may use: present and not flagged."""
    return bool(value) and key not in (customer_flags or {})
