"""Consent to automated SMS (docs/identity.md): who agreed, where, when, and to which words.

A customer gets automated texts only with a granted record: the chat widget's opt-in box, a consent field of a JSON
or ADF lead (``sms_consent`` / ``<consent type="sms">`` / an explicit "SMS consent: yes" line in the comments), or
the customer texting the dealership first. STOP withdraws it on that channel (``opted_out_channels``), START gives
it back. Pure: no database.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from showroom.models import Customer

# "SMS consent: Yes", "Text opt-in: yes", "TCPA consent: Y", "I agree to receive (automated) text messages".
_YES_FIELD = re.compile(
    r"\b(?:sms|text(?:ing)?|tcpa|mobile)[\s_-]*(?:messages?\s*)?(?:consent|opt[\s_-]?in)\s*[:=]\s*(?:yes|y|true|1|agreed)\b",
    re.IGNORECASE,
)
_AGREE = re.compile(
    r"\bI\s+(?:agree|consent)\s+to\s+receive\s+(?:automated\s+|marketing\s+)?(?:text|sms)\s+messages?\b[^.\n]*",
    re.IGNORECASE,
)
_NO_FIELD = re.compile(
    r"\b(?:sms|text(?:ing)?|tcpa|mobile)[\s_-]*(?:consent|opt[\s_-]?in)\s*[:=]\s*(?:no|n|false|0)\b", re.IGNORECASE
)
_TRUE = frozenset({"1", "y", "yes", "true", "granted", "agreed", "opt-in", "optin", "on"})


def record(source: str, wording: str | None, *, granted: bool = True, at: datetime | None = None) -> dict[str, Any]:
    """A consent record as stored in ``customers.sms_consent``."""
    return {
        "granted": granted,
        "source": source,
        "at": (at or datetime.now(UTC)).isoformat(),
        "wording": (wording or "").strip()[:1000] or None,
    }


def sms_consented(customer: Customer) -> bool:
    consent = customer.sms_consent
    return bool(consent and consent.get("granted"))


def from_text(text: str | None) -> tuple[bool, str] | None:
    """An explicit consent (or refusal) written in a lead's comments: (granted, the words), else None."""
    if not text:
        return None
    refused = _NO_FIELD.search(text)
    if refused:
        return False, refused.group(0)
    found = _YES_FIELD.search(text) or _AGREE.search(text)
    if found is None:
        return None
    line = next((ln.strip() for ln in text.splitlines() if found.group(0) in ln), found.group(0))
    return True, line


def is_yes(value: str | None) -> bool | None:
    """A consent field's value: True, False, or None when it says neither."""
    if value is None or not value.strip():
        return None
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in {"0", "n", "no", "false", "denied", "refused", "opt-out", "optout", "off"}:
        return False
    return None
