"""The signed link that lets a customer see, move or cancel their appointment without signing in (issue 18).

The token is the appointment's id and dealership, signed with ``SHOWROOM_SECRET_KEY`` (itsdangerous, with a salt of
its own so that no other signed value can pass for it) and timestamped; it is refused after ``MAX_AGE``. Nothing is
stored: a leaked link gives access to that one appointment only, until it expires."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from showroom.errors import Gone, NotFound
from showroom.settings import Settings

SALT = "showroom.appointment-link"
MAX_AGE = 60 * 24 * 3600  # seconds: 60 days, longer than any booking horizon


@dataclass(frozen=True)
class LinkFor:
    appointment_id: uuid.UUID
    dealership_id: int


def _signer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt=SALT)


def token(settings: Settings, appointment_id: uuid.UUID, dealership_id: int) -> str:
    return str(_signer(settings).dumps({"a": str(appointment_id), "d": dealership_id}))


def url(settings: Settings, appointment_id: uuid.UUID, dealership_id: int) -> str:
    return f"{settings.base_url}/visit/{token(settings, appointment_id, dealership_id)}"


def read(settings: Settings, value: str) -> LinkFor:
    """The appointment a token names; an expired one is 410, a forged or damaged one 404."""
    try:
        data = _signer(settings).loads(value, max_age=MAX_AGE)
    except SignatureExpired:
        raise Gone("this link has expired; reply to our last message or call us to change your visit") from None
    except BadSignature:
        raise NotFound("this link is not valid") from None
    try:
        return LinkFor(uuid.UUID(str(data["a"])), int(data["d"]))
    except (KeyError, TypeError, ValueError):
        raise NotFound("this link is not valid") from None
