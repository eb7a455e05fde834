"""The customer's own time zone, for quiet hours (docs/identity.md): from their address (US state or Canadian
province), else from their phone number's area code, else None (the caller uses the dealership's)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import timezone as phone_zones

from showroom.models import Customer

_EASTERN, _CENTRAL, _MOUNTAIN, _PACIFIC = "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"
# The zone most of each state's people live in (states split between zones take their larger part).
_STATES = {
    **dict.fromkeys(("CT", "DE", "DC", "FL", "GA", "IN", "KY", "ME", "MD", "MA", "MI", "NH", "NJ", "NY", "NC", "OH",
                     "PA", "RI", "SC", "VT", "VA", "WV", "ON", "QC", "NS", "NB", "PE"), _EASTERN),
    **dict.fromkeys(("AL", "AR", "IL", "IA", "KS", "LA", "MN", "MS", "MO", "NE", "ND", "OK", "SD", "TN", "TX", "WI",
                     "MB", "SK"), _CENTRAL),
    **dict.fromkeys(("CO", "ID", "MT", "NM", "UT", "WY", "AB"), _MOUNTAIN),
    **dict.fromkeys(("CA", "NV", "OR", "WA", "BC"), _PACIFIC),
    "AZ": "America/Phoenix", "AK": "America/Anchorage", "HI": "Pacific/Honolulu", "NL": "America/St_Johns",
    "PR": "America/Puerto_Rico",
}  # fmt: skip
_STATE_NAMES = {
    "texas": "TX", "california": "CA", "florida": "FL", "new york": "NY", "illinois": "IL", "arizona": "AZ",
    "colorado": "CO", "washington": "WA", "georgia": "GA", "ohio": "OH", "pennsylvania": "PA", "michigan": "MI",
}  # fmt: skip


def customer_zone(customer: Customer) -> ZoneInfo | None:
    """Where the customer is, by address then area code; None when neither says one zone."""
    state = (customer.state or "").strip()
    code = _STATE_NAMES.get(state.lower(), state.upper())
    if code in _STATES and (customer.country or "US") in ("US", "CA"):
        return ZoneInfo(_STATES[code])
    if customer.phone_e164:
        zones = phone_zones.time_zones_for_number(phonenumbers.parse(customer.phone_e164))
        if len(zones) == 1 and zones[0] != phone_zones.UNKNOWN_TIMEZONE:
            return ZoneInfo(zones[0])
    return None
