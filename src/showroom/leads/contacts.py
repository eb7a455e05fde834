"""Contact normalisation: the keys customers are deduplicated on (DATA_MODEL.md `customers`).

Pure functions, no I/O: `email_validator` runs with `check_deliverability=False` (no DNS lookup).
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

E164_PATTERN = re.compile(r"^\+[1-9][0-9]{6,14}$")

_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"})
_PARTICLES = frozenset({"da", "de", "del", "della", "der", "di", "du", "la", "le", "st", "van", "von", "bin", "al"})


def normalize_email(raw: str | None) -> str | None:
    """The trimmed, lower-cased address if it is syntactically valid, else None.

    A `mailto:` prefix and surrounding angle brackets are tolerated; display names ("Jo <jo@x.com>") are not.
    """
    if raw is None:
        return None
    candidate = raw.strip().strip("<>").strip()
    if candidate.lower().startswith("mailto:"):
        candidate = candidate[len("mailto:") :].strip()
    if not candidate:
        return None
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return None
    return result.normalized.lower()


def normalize_phone(raw: str | None, region: str = "US") -> str | None:
    """E.164 (`+13125550100`) for any common formatting, vanity letters included; None if not a possible number.

    "Possible" is phonenumbers' length check for the region, so fictional 555 numbers pass; numbers that are
    only dialable locally (7-digit US numbers without an area code) are refused because they have no E.164
    form. An extension ("x12", "ext. 12") is dropped.
    """
    if raw is None or not raw.strip():
        return None
    try:
        number = phonenumbers.parse(raw.strip(), region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return formatted if E164_PATTERN.match(formatted) else None


def _plain(token: str) -> str:
    return token.lower().strip(".,")


def split_name(full: str) -> tuple[str | None, str | None]:
    """Split a free-text name into (first, last).

    Rules: "Last, First" is reversed; honorifics (Mr, Dr…) are dropped; the last name is the final word plus
    any lower-case particles before it ("van der Berg") and trailing suffixes (Jr, III); everything before it
    is the first name, middle names included ("John A." / "Smith"). A single word is a first name.
    """
    text = " ".join(full.split())
    if not text:
        return None, None
    if text.count(",") == 1:
        last_part, first_part = (part.strip() for part in text.split(","))
        if first_part and last_part and _plain(first_part) not in _SUFFIXES:
            return first_part, last_part
    tokens = text.replace(",", " ").split()
    while len(tokens) > 1 and _plain(tokens[0]) in _HONORIFICS:
        tokens.pop(0)
    suffixes: list[str] = []
    while len(tokens) > 2 and _plain(tokens[-1]) in _SUFFIXES:
        suffixes.insert(0, tokens.pop())
    if len(tokens) == 1:
        return tokens[0], (" ".join(suffixes) or None)
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].islower() and _plain(tokens[start - 1]) in _PARTICLES:
        start -= 1
    return " ".join(tokens[:start]), " ".join(tokens[start:] + suffixes)


def full_name(first: str | None, last: str | None, fallback: str = "Unknown") -> str:
    """ "first last" from the parts that are present, else the fallback (DATA_MODEL.md customers.full_name)."""
    parts = [part.strip() for part in (first, last) if part and part.strip()]
    return " ".join(parts) if parts else fallback
