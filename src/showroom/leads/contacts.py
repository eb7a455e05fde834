"""Contact normalisation: the keys customers are deduplicated on (DATA_MODEL.md `customers`).

Pure functions, no I/O: `email_validator` runs with `check_deliverability=False` (no DNS lookup).
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email

E164_PATTERN = re.compile(r"^\+[1-9][0-9]{6,14}$")

_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"})
_PARTICLES = frozenset({"da", "de", "del", "della", "der", "di", "du", "la", "le", "st", "van", "von", "bin", "al"})


@lru_cache(maxsize=4096)  # pure, and asked about the same address several times per lead (parser, doubts, intake)
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


@lru_cache(maxsize=4096)
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


# --- doubtful contacts (docs/identity.md) ------------------------------------------------------------------------

_RESERVED_DOMAINS = frozenset({"example.com", "example.org", "example.net", "test.com", "domain.com", "email.com"})
_RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")
_PLACEHOLDERS = frozenset(
    {"noemail", "no-email", "no_email", "none", "na", "n-a", "nobody", "null", "unknown", "fake", "test", "asdf",
     "noreply", "no-reply", "donotreply", "do-not-reply", "nomail", "no"}
)  # fmt: skip
_PHONE_TEXT = re.compile(r"^[\s()+.\-/0-9]*(?:(?:x|ext\.?|extension)\s*\d{1,6})?\s*$", re.IGNORECASE)


def looks_like_phone(raw: str | None) -> bool:
    """Digits and phone punctuation only, 7 or more digits: a phone number, wherever it was written."""
    if not raw:
        return False
    return bool(_PHONE_TEXT.match(raw)) and sum(ch.isdigit() for ch in raw) >= 7


def looks_like_email(raw: str | None) -> bool:
    return bool(raw) and "@" in (raw or "") and " " not in (raw or "").strip() and normalize_email(raw) is not None


def email_doubt(raw: str | None) -> str | None:
    """Why an e-mail address as given may not reach anyone (kept, but not used for automated mail), or None."""
    if not raw or not raw.strip():
        return None
    normalised = normalize_email(raw)
    if normalised is None:
        return "not a valid e-mail address"
    local, domain = normalised.rsplit("@", 1)
    if domain in _RESERVED_DOMAINS or domain.endswith(_RESERVED_SUFFIXES):
        return f"{domain} is a reserved or example domain"
    if local in _PLACEHOLDERS or domain.split(".", 1)[0] in _PLACEHOLDERS:
        return "looks like a placeholder, not a real address"
    return None


@lru_cache(maxsize=4096)
def phone_doubt(raw: str | None, e164: str | None, region: str = "US") -> str | None:
    """Why a phone number as given may not reach anyone (kept, not used for automated texts), or None."""
    if not raw or not raw.strip():
        return None
    if e164 is None:
        digits = sum(ch.isdigit() for ch in raw)
        if 7 <= digits <= 8 and not raw.strip().startswith("+"):
            return "has no area code"
        return "not a possible phone number"
    number = phonenumbers.parse(e164)
    if not phonenumbers.is_valid_number(number):
        return "not a number in use (no such area code or exchange)"
    kind = phonenumbers.number_type(number)
    if kind in (phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.PREMIUM_RATE):
        return "a toll-free or premium number: it cannot receive texts"
    return None


def _name_part(value: str | None) -> str:
    return "".join(ch for ch in (value or "").casefold() if ch.isalpha())


def names_conflict(first_a: str | None, last_a: str | None, first_b: str | None, last_b: str | None) -> bool:
    """Two names that cannot be the same person: both first names known and neither starts the other ("Jon" and
    "Jonathan" agree, "Jane" and "Michael" do not), or both last names known and different."""
    fa, fb, la, lb = _name_part(first_a), _name_part(first_b), _name_part(last_a), _name_part(last_b)
    if fa and fb and not (fa.startswith(fb) or fb.startswith(fa)):
        return True
    return bool(la and lb and la != lb)


_KEY_NOISE = re.compile(r"^(?:https?://)?(?:www\.)?|\.(?:com|net|org|co|io|us|ca)\b.*$|[^a-z0-9]", re.IGNORECASE)


def provider_key(name: str | None) -> str | None:
    """The key one provider's leads are counted under, whatever spelling it sends: "Cars.com", "cars.com" and
    "CARS.COM" are "cars"; "AutoTrader" and "Autotrader.com" are "autotrader"."""
    if not name or not name.strip():
        return None
    text = name.strip().lower()
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    for _ in range(2):
        text = _KEY_NOISE.sub("", text)
    return text[:100] or None
