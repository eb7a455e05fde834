"""What understanding a customer message yields: intents (from INTENTS), slots (what they want, their
trade-in), sentiment, flags, the language it is written in and a specific time it proposes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from showroom.brain.nlu.when import TimeRequest

INTENTS = (
    "availability",
    "inventory_search",
    "trade_in",
    "financing",
    "lease",
    "test_drive",
    "hours_location",
    "service",
    "price",
    "vehicle_facts",
    "human_request",
    "stop",
    "not_interested",
    "thanks",
    "greeting",
    "other",
)


@dataclass
class TradeIn:
    year: int | None = None
    make: str | None = None
    model: str | None = None
    mileage: int | None = None
    payoff_cents: int | None = None  # what is still owed on it
    condition: str | None = None  # as the customer says it: "one owner, no accidents, small dent on the rear bumper"
    trim: str | None = None  # "XLE AWD"

    def describe(self) -> str:
        """'2015 Honda Civic, 98,000 miles, $6,000 owed'; '' when nothing is known."""
        parts = [" ".join(str(part) for part in (self.year, self.make, self.model, self.trim) if part)]
        if self.mileage is not None:
            parts.append(f"{self.mileage:,} miles")
        if self.condition:
            parts.append(self.condition)
        if self.payoff_cents is not None:
            parts.append(f"${self.payoff_cents // 100:,} owed")
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class WrongMake:
    """A model named with another make's name ("a Hyundai Camry"): the make said and the model's real make."""

    said: str
    model: str
    make: str


@dataclass
class Slots:
    makes: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    trims: list[str] = field(default_factory=list)  # named after a model: "Calligraphy", "XRT", "Night Edition"
    wrong_makes: list[WrongMake] = field(default_factory=list)  # the said make is left out of `makes`
    body_styles: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    drivetrains: list[str] = field(default_factory=list)
    fuel_types: list[str] = field(default_factory=list)
    transmissions: list[str] = field(default_factory=list)  # "Automatic" (CVT, dual-clutch...) or "Manual"
    condition: str | None = None  # a VehicleCondition
    budget_max_cents: int | None = None
    budget_min_cents: int | None = None
    monthly_budget_cents: int | None = None
    year_min: int | None = None
    year_max: int | None = None
    mileage_max: int | None = None
    mileage_about: bool = False  # the figure is a rounded one ("with like 8k miles"), not a limit ("under 8k miles")
    features: list[str] = field(default_factory=list)
    timeline: str | None = None  # asap, today, this weekend, this week, within 30 days, 1-3 months, 3+ months, ...
    trade_in: TradeIn | None = None
    stock_number: str | None = None
    vin: str | None = None
    down_payment_cents: int | None = None
    payoff_cents: int | None = None  # what the customer still owes on their own car ("i owe 14,500 on it")
    # what the customer turns down ("not red", "no palisades", "anything but a ford"): left out of the search, and out
    # of ``colors`` / ``models`` / ``makes`` above
    excluded_colors: list[str] = field(default_factory=list)
    excluded_models: list[str] = field(default_factory=list)
    excluded_makes: list[str] = field(default_factory=list)  # "no chevys"
    excluded_fuels: list[str] = field(default_factory=list)  # "a real electric, not a hybrid"
    excluded_body_styles: list[str] = field(default_factory=list)  # "anything awd thats not an suv"
    # makes named without a model of theirs beside models of other makes ("the audi q5 or a lexus": Lexus)
    lone_makes: list[str] = field(default_factory=list)

    def turns_down(self) -> bool:
        """Does the message turn a colour, model, make or fuel down ("not red", "no chevys", "not a hybrid")?"""
        return bool(
            self.excluded_colors
            or self.excluded_models
            or self.excluded_makes
            or self.excluded_fuels
            or self.excluded_body_styles
        )

    def has_vehicle_criteria(self) -> bool:
        """Does the customer describe what they want (anything the inventory search can filter on)?"""
        return any(
            (
                self.makes,
                self.models,
                self.trims,
                self.body_styles,
                self.colors,
                self.drivetrains,
                self.fuel_types,
                self.transmissions,
                self.features,
                self.condition,
                self.budget_max_cents,
                self.budget_min_cents,
                self.year_min,
                self.year_max,
                self.mileage_max,
                self.stock_number,
                self.vin,
            )
        )


@dataclass
class Understanding:
    intents: list[str] = field(default_factory=lambda: ["other"])  # most likely first, never empty
    slots: Slots = field(default_factory=Slots)
    sentiment: float = 0.0  # -1..1
    is_opt_out: bool = False  # the whole message is STOP / UNSUBSCRIBE / CANCEL / END / QUIT
    is_resume: bool = False  # the whole message is START / UNSTOP / SUBSCRIBE / RESUME (undoes an opt-out)
    is_question: bool = False
    text: str = ""  # the message, cleaned (seeds deterministic phrasing downstream)
    wants_human: bool = False  # an explicit, non-negated request for a person
    asks_if_bot: bool = False  # "are you a bot?"
    language: str = "en"  # a Language code: what the customer writes in (brain.nlu.language)
    language_enabled: bool = True  # the dealership's agent answers in `language`; False: the language hands over
    time_request: TimeRequest | None = None  # a specific day/time they propose ("tonite around 7")

    @property
    def primary(self) -> str:
        return self.intents[0] if self.intents else "other"
