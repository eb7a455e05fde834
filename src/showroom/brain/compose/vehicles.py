"""Vehicles in a reply: how they are described, whether they fit what the customer asked for, and how they
differ from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from showroom.brain.compose.context import _Ctx
from showroom.brain.guardrails import price_text
from showroom.brain.nlu.attributes import (
    body_matches,
    color_matches,
    drivetrain_matches,
    feature_matches,
    fuel_matches,
    make_matches,
    model_matches,
)
from showroom.brain.nlu.understanding import Slots
from showroom.brain.types import VehicleView
from showroom.vocabulary import VehicleCondition


def _describe(v: VehicleView, ctx: _Ctx, *, note: str = "") -> str:
    """'2024 Hyundai Palisade XRT AWD, Blue, $44,028, 119 miles' (shorter for SMS)."""
    parts = [v.short_title if ctx.sms else v.title]
    if v.exterior_color and not ctx.sms:
        parts.append(v.exterior_color)
    if v.price_cents is not None:
        parts.append(price_text(v.price_cents))
    if v.mileage is not None and (v.condition != VehicleCondition.new or v.mileage >= 1000):
        parts.append(f"{v.mileage:,} miles")
    text = ", ".join(parts)
    return f"{text} ({note})" if note else text


def _fits(v: VehicleView, s: Slots) -> bool:
    """Does the vehicle match everything the customer asked for?"""
    used_ok = s.condition == VehicleCondition.used and v.condition == VehicleCondition.certified
    return all(
        (
            not s.makes or any(make_matches(v.make, m) for m in s.makes),
            not s.models or any(model_matches(v.model, m) for m in s.models),
            not s.colors or any(color_matches(v.exterior_color, c) for c in s.colors),
            not s.body_styles or any(body_matches(v.body_style, b) for b in s.body_styles),
            not s.drivetrains or any(drivetrain_matches(v.drivetrain, d) for d in s.drivetrains),
            not s.fuel_types or any(fuel_matches(v.fuel_type, f) for f in s.fuel_types),
            not s.condition or v.condition == s.condition or used_ok,
            all(feature_matches(v.features, f) for f in s.features),
            not _number_mismatches(v, s),
        )
    )


def _notes(v: VehicleView, s: Slots) -> list[str]:
    """The differences worth spelling out next to a close option (make, model and body show in its title)."""
    out: list[str] = []
    if s.colors and not any(color_matches(v.exterior_color, c) for c in s.colors):
        out.append(f"not {s.colors[0].lower()}")
    if s.drivetrains and not any(drivetrain_matches(v.drivetrain, d) for d in s.drivetrains):
        out.append(f"not {s.drivetrains[0]}")
    if s.fuel_types and not any(fuel_matches(v.fuel_type, f) for f in s.fuel_types):
        out.append(f"not {s.fuel_types[0].lower()}")
    out.extend(_number_mismatches(v, s))
    missing = [f for f in s.features if not feature_matches(v.features, f)]
    if missing:
        out.append(f"no {missing[0]} listed")
    return out


def _number_mismatches(v: VehicleView, s: Slots) -> list[str]:
    out: list[str] = []
    if s.budget_max_cents and v.price_cents is not None and v.price_cents > s.budget_max_cents:
        out.append("above your budget")
    if s.budget_min_cents and v.price_cents is not None and v.price_cents < s.budget_min_cents * 0.8:
        out.append("below your price range")
    if s.year_min and v.year < s.year_min:
        out.append("older than you asked for")
    if s.year_max and v.year > s.year_max:
        out.append("newer than you asked for")
    if s.mileage_max and v.mileage is not None and v.mileage > s.mileage_max:
        out.append("more miles than you asked for")
    return out


def _wanted(s: Slots) -> str:
    """'a red AWD SUV', 'a Tahoe': what the customer asked for, without prices (enforce() would drop them)."""
    words: list[str] = [c.lower() for c in s.colors[:1]]
    if s.condition == VehicleCondition.new:
        words.append("new")
    elif s.condition in (VehicleCondition.used, VehicleCondition.certified):
        words.append("pre-owned" if s.condition == VehicleCondition.used else "certified pre-owned")
    words += s.drivetrains[:1] + [f.lower() if f != "Plug-In Hybrid" else "plug-in hybrid" for f in s.fuel_types[:1]]
    if s.models:
        words.append(" or ".join(s.models[:2]))
    elif s.makes:
        words.append(" or ".join(s.makes[:2]))
    if s.body_styles:
        words.append(s.body_styles[0] if s.body_styles[0] == "SUV" else s.body_styles[0].lower())
    if not s.models and not s.makes and not s.body_styles:
        words.append("vehicle")
    phrase = " ".join(words)
    if s.features:
        phrase += f" with {_with_article(s.features[0])}"
    article = "an" if re.match(r"[aeiouAEIOU]|SUV|AWD|FWD|RWD|4WD|8", phrase) else "a"
    return f"{article} {phrase}"


def _highlights(v: VehicleView, ctx: _Ctx) -> list[str]:
    """Up to two of the vehicle's own features: the ones asked for, then the persona's priority features."""
    wanted = [*ctx.u.slots.features, *ctx.persona.list_argument("priority_features")]
    found: list[str] = []
    for feature in wanted:
        own = feature_matches(v.features, feature)
        if own and own not in found:
            found.append(own)
    return found[:2]


def _list_block(vehicles: Sequence[VehicleView], ctx: _Ctx, notes: dict[int, str] | None = None) -> str:
    notes = notes or {}
    if ctx.sms:
        return "; ".join(_describe(v, ctx, note=notes.get(v.id, "")) for v in vehicles) + "."
    return "\n".join(f"- {_describe(v, ctx, note=notes.get(v.id, ''))}" for v in vehicles)


_GENERIC_TRIM_WORDS = frozenset({"awd", "fwd", "rwd", "4wd", "4x4", "2wd", "4dr", "2dr", "ivt", "dct", "auto", "cvt"})


def _named_trim_first(vehicles: list[VehicleView], text: str) -> list[VehicleView]:
    """'Is the Palisade XRT available?': when the customer names a trim, the vehicles with that trim."""
    said = set(re.findall(r"[a-z0-9]+", text.lower()))
    named = [
        v
        for v in vehicles
        if v.trim and any(w in said and w not in _GENERIC_TRIM_WORDS for w in re.findall(r"[a-z0-9]+", v.trim.lower()))
    ]
    return named or vehicles


def _by_identifier(ctx: _Ctx) -> VehicleView | None:
    s = ctx.u.slots
    for v in ctx.vehicles:
        if (s.vin and v.vin.upper() == s.vin) or (s.stock_number and (v.stock_number or "").upper() == s.stock_number):
            return v
    return None


def _with_article(feature: str) -> str:
    countable = ("sunroof", "backup camera", "360 camera", "towing package", "power liftgate", "heated steering wheel")
    return f"a {feature}" if feature in countable else feature
