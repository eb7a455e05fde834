"""Plain, database-free views of what the agent brain reads: vehicles, the persona, the dealership and turns.

The pipeline builds these from ORM rows; the pure modules of `showroom.brain` (nlu, escalation, compose,
guardrails, insights) never touch the database, so they are trivially testable and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from showroom.brain.listing import clean_listing


@dataclass(frozen=True)
class VehicleView:
    id: int
    year: int
    make: str
    model: str
    trim: str | None
    body_style: str | None
    exterior_color: str | None
    drivetrain: str | None
    fuel_type: str | None
    mileage: int | None
    price_cents: int | None
    condition: str  # a VehicleCondition
    stock_number: str | None
    vin: str
    features: tuple[str, ...]
    url: str | None
    fuel_economy: int | None = None  # combined MPG, when the feed gives it
    transmission: str | None = None  # as the feed lists it ("Automatic", "CVT CVT", "6-Speed Manual")
    # False: the search found nothing that fits every wish, and this is one of the closest units it offers instead
    # (it differs in something asked for: compose and providers must never present it as a match); only a unit
    # ``from_search`` and exact is known to fit what the search compared, its description included
    exact: bool = True
    from_search: bool = False  # found by the search for the customer's wishes (exact: it fits every one of them)
    matching: int | None = None  # how many units the search that found it matched in all (it reads at most five)
    matching_new: int | None = None  # how many of those are new
    new_from: int | None = None  # the lowest price of the new ones, and of the others (cents)
    used_from: int | None = None

    def __post_init__(self) -> None:
        """Listing text fit for a customer whoever built the view (``brain.listing``: rows stored before the import
        cleaned them, test data, API-created units)."""
        trim = clean_listing(self.trim, short=True)
        if trim != self.trim:
            object.__setattr__(self, "trim", trim)
        features = tuple(c for f in self.features if (c := clean_listing(str(f), short=True)))
        if features != self.features:
            object.__setattr__(self, "features", features)

    @property
    def title(self) -> str:
        """'2024 Hyundai Palisade XRT AWD': year, make, model and trim, as a customer reads them."""
        return " ".join([str(self.year), display_name(self.make), *self._model_and_trim()])

    @property
    def short_title(self) -> str:
        """'2024 Palisade XRT AWD': for SMS, where the make is usually implied."""
        return " ".join([str(self.year), *self._model_and_trim()])

    def _model_and_trim(self) -> list[str]:
        """The model and the trim; the model once when the trim repeats it (the feed's 'Rx' + 'RX 350 AWD')."""
        model = display_name(self.model)
        if not self.trim:
            return [model]
        if self.trim.split()[0].lower() == self.model.lower():
            return [self.trim]
        return [model, self.trim]


# Make and model words a feed may case as a word ("Bmw", "Titan Xd", "Niro Ev", "Xt5", "Rav4"), written as brands do
_UPPER_WORDS = frozenset({"bmw", "gmc", "ev", "xd", "rx", "nx", "es", "gx", "ux", "lx", "is", "ls", "lc", "rc", "srt"})
_UPPER_CODE = re.compile(r"[a-z]{1,3}\d{1,3}[a-z]?|[a-z]{1,2}-\d{1,2}")


def display_name(name: str) -> str:
    """A make or model as its brand writes it: 'Bmw' -> 'BMW', 'Titan Xd' -> 'Titan XD', 'Xt5' -> 'XT5', 'Rav4' ->
    'RAV4'; other words as the feed spells them ('Mazda3', 'Grand Cherokee')."""
    return " ".join(
        word.upper() if word.lower() in _UPPER_WORDS or _UPPER_CODE.fullmatch(word.lower()) else word
        for word in name.split(" ")
    )


@dataclass(frozen=True)
class PersonaView:
    name: str
    tone: str  # a Tone, as configured (compose falls back to friendly for anything else)
    arguments: Mapping[str, Any]  # trade_in_url, finance_application_url, priority_features, constraints, ...

    def text_argument(self, key: str) -> str | None:
        """A non-empty string argument, stripped, or None."""
        value = self.arguments.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        return None

    def list_argument(self, key: str) -> list[str]:
        """A list-of-strings argument (a comma-separated string is accepted too)."""
        value = self.arguments.get(key)
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list | tuple):
            return [str(part).strip() for part in value if str(part).strip()]
        return []


@dataclass(frozen=True)
class DealershipView:
    name: str
    phone: str | None
    address: str | None
    city: str | None
    state: str | None
    website: str | None
    hours_text: str | None
    timezone: str
    closed_days: tuple[str, ...] = ()  # weekdays ("sunday") the dealership is closed, from its working hours
    hours_es: str | None = None  # ``hours_text`` in Spanish

    @property
    def location(self) -> str | None:
        """'123 Main St, Matteson, IL' from whichever parts are known."""
        place = ", ".join(part for part in (self.city, self.state) if part)
        parts = [part for part in (self.address, place) if part]
        return ", ".join(parts) or None


@dataclass(frozen=True)
class Turn:
    sender: str  # a Sender
    text: str
