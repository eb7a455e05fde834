"""Vehicles in a reply: how they are described, whether they fit what the customer asked for, and how they
differ from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from showroom.brain.compose.context import _Ctx
from showroom.brain.guardrails import price_text
from showroom.brain.i18n import colour_name, say, translate
from showroom.brain.nlu.attributes import (
    body_matches,
    color_matches,
    drivetrain_fits,
    drivetrains_named,
    feature_matches,
    feature_of,
    fuel_matches,
    gearbox_fits,
    make_matches,
    model_matches,
    transmissions_named,
    trim_matches,
    vehicle_fuel,
)
from showroom.brain.nlu.knowledge import luxury
from showroom.brain.nlu.understanding import Slots, WrongMake
from showroom.brain.types import VehicleView
from showroom.vocabulary import VehicleCondition


def _describe(v: VehicleView, ctx: _Ctx, *, note: str = "") -> str:
    """'2024 Hyundai Palisade XRT AWD, Blue, $44,028, 119 miles' (shorter for SMS)."""
    parts = [v.short_title if ctx.sms else v.title]
    if v.exterior_color and not ctx.sms:
        parts.append(ctx.colour(v.exterior_color))
    if v.price_cents is not None:
        parts.append(price_text(v.price_cents))
    if v.mileage is not None and (v.condition != VehicleCondition.new or v.mileage >= 1000):
        parts.append(ctx.t("{miles} miles", miles=f"{v.mileage:,}"))
    if v.price_cents is None and not ctx.sms:
        parts.append(ctx.t("price not listed yet"))  # said, so that no one reads a missing price as an oversight
    text = ", ".join(parts)
    return f"{text} ({note})" if note else text


def _fits(v: VehicleView, s: Slots) -> bool:
    """Does the vehicle match everything the customer asked for? A unit the search offered as one of the closest
    (``exact`` False) never does, whatever this check would say."""
    used_ok = s.condition == VehicleCondition.used and v.condition == VehicleCondition.certified
    return v.exact and all(
        (
            not s.makes or any(make_matches(v.make, m) for m in s.makes),
            # a unit the search found exact for a make named alone ("the audi q5 or a lexus") fits that make
            not s.models
            or any(model_matches(v.model, m) for m in s.models)
            or (v.from_search and any(make_matches(v.make, m) for m in s.makes)),
            not s.trims or any(trim_matches(v.trim, t) for t in s.trims),
            not s.colors or any(color_matches(v.exterior_color, c) for c in s.colors),
            not s.body_styles or any(body_matches(v.body_style, b) for b in s.body_styles),
            not s.drivetrains or any(_drive_fits(v, d) for d in s.drivetrains),
            not s.fuel_types or any(fuel_matches(vehicle_fuel(v.fuel_type, v.model, v.trim), f) for f in s.fuel_types),
            not s.transmissions or any(gearbox_fits(v, t) for t in s.transmissions),
            not s.condition or v.condition == s.condition or used_ok,
            # the search also reads the description, which the view does not carry: a unit it found has them
            v.from_search or all(feature_of(v, f) for f in s.features),
            not _number_mismatches(v, s),
        )
    )


def _drive_fits(v: VehicleView, wanted: str) -> bool:
    """The drivetrain column fits, and so does the trim when it names one: a feed may list a unit as AWD whose trim
    (shown in its title) says FWD, and it is no match for AWD to a customer reading it."""
    named = drivetrains_named(v.trim)
    return drivetrain_fits(v.drivetrain, wanted) and (len(named) != 1 or drivetrain_fits(named[0], wanted))


_CONDITION_WORDS: dict[str, str] = {
    VehicleCondition.new: "new",
    VehicleCondition.used: "pre-owned",
    VehicleCondition.certified: "certified pre-owned",
}


def _notes(v: VehicleView, s: Slots, language: str = "en") -> list[str]:
    """How a close option differs from what was asked ('a 2024 instead of a 2023', 'in White instead of gray'); the
    make, model and trim show in its title, and a model not on the lot is never named (guardrails drop sentences
    naming unlisted vehicles)."""

    out: list[str] = []
    if s.trims and not any(trim_matches(v.trim, w) for w in s.trims):
        out.append(
            say(language, "{trim} instead of {wanted}", trim=v.trim, wanted=s.trims[0])
            if v.trim
            else say(language, "not the {wanted} trim", wanted=s.trims[0])
        )
    if s.year_min is not None and s.year_min == s.year_max and v.year != s.year_min:
        out.append(say(language, "a {year} instead of a {wanted}", year=v.year, wanted=s.year_min))
    if s.colors and not any(color_matches(v.exterior_color, c) for c in s.colors):
        wanted = s.colors[0].lower()
        out.append(
            say(
                language,
                "in {colour} instead of {wanted}",
                colour=colour_name(v.exterior_color, language),
                wanted=wanted,
            )
            if v.exterior_color
            else say(language, "colour not listed, not {wanted}", wanted=wanted)
        )
    if s.drivetrains and not any(_drive_fits(v, d) for d in s.drivetrains):
        named = drivetrains_named(v.trim)
        shown = named[0] if len(named) == 1 and not drivetrain_fits(named[0], s.drivetrains[0]) else v.drivetrain
        out.append(
            say(language, "{drive} instead of {wanted}", drive=shown, wanted=s.drivetrains[0])
            if shown
            else say(language, "drivetrain not listed")
        )
    if s.transmissions and not any(gearbox_fits(v, t) for t in s.transmissions):
        named = transmissions_named(v.trim) or transmissions_named(v.transmission)
        out.append(
            say(language, "{gearbox} instead of {wanted}", gearbox=say(language, named[0].lower()),
                wanted=say(language, s.transmissions[0].lower()))
            if named
            else say(language, "transmission not listed")
        )  # fmt: skip
    fuel = vehicle_fuel(v.fuel_type, v.model, v.trim)
    if s.fuel_types and not any(fuel_matches(fuel, f) for f in s.fuel_types):
        wanted = s.fuel_types[0].lower()
        out.append(
            say(language, "{fuel} instead of {wanted}", fuel=fuel.lower(), wanted=wanted)
            if fuel
            else say(language, "fuel type not listed, not {wanted}", wanted=wanted)
        )
    used_ok = s.condition == VehicleCondition.used and v.condition == VehicleCondition.certified
    if s.condition and v.condition != s.condition and not used_ok:
        out.append(
            say(
                language,
                "{condition} instead of {wanted}",
                condition=say(language, _CONDITION_WORDS.get(v.condition, v.condition)),
                wanted=say(language, _CONDITION_WORDS[s.condition]),
            )
        )
    one_year = s.year_min is not None and s.year_min == s.year_max  # said above: "a 2024 instead of a 2023"
    out.extend(_number_mismatches(v, s, language, years=not one_year))
    missing = [f for f in s.features if not feature_of(v, f)]
    if missing:
        out.append(say(language, "no {feature} listed", feature=say(language, _feature_phrase(missing[0]))))
    return out


def _number_mismatches(v: VehicleView, s: Slots, language: str = "en", *, years: bool = True) -> list[str]:
    out: list[str] = []
    if s.budget_max_cents and v.price_cents is not None and v.price_cents > s.budget_max_cents:
        out.append(say(language, "priced higher" if _below_a_price(s.budget_max_cents) else "above your budget"))
    if s.budget_min_cents and v.price_cents is not None and v.price_cents < s.budget_min_cents * 0.8:
        out.append(say(language, "below your price range"))
    if years and s.year_min and v.year < s.year_min:
        out.append(say(language, "a {year}, older than you asked for", year=v.year))
    if years and s.year_max and v.year > s.year_max:
        out.append(say(language, "a {year}, newer than you asked for", year=v.year))
    if s.mileage_max and v.mileage is not None and v.mileage > s.mileage_max:
        out.append(say(language, "more miles" if _below_a_mileage(s.mileage_max) else "more miles than you asked for"))
    return out


def _below_a_price(cents: int | None) -> bool:
    """Whether a price limit is one the agent set itself ("anything cheaper than that": the car's price less a cent),
    not the customer's budget, which is whole dollars: the reply must not call it "your budget"."""
    return cents is not None and cents % 100 == 99


def _below_a_mileage(miles: int | None) -> bool:
    """Whether a mileage limit is one the agent set itself ("fewer miles than that": the car's miles less one), not
    the customer's ("under 50k miles"), which is in thousands."""
    return miles is not None and miles % 1000 != 0


def _wanted(s: Slots, language: str = "en") -> str:
    """'a red AWD SUV', 'a 2023 Palisade Calligraphy', 'a Tahoe': what the customer asked for, without prices
    (enforce() would drop them)."""
    if language == "es":
        return _wanted_es(s)
    words: list[str] = [c.lower() for c in s.colors[:1]]
    if s.condition == VehicleCondition.new:
        words.append("new")
    elif s.condition in (VehicleCondition.used, VehicleCondition.certified):
        words.append("pre-owned" if s.condition == VehicleCondition.used else "certified pre-owned")
    one_year = s.year_min is not None and s.year_min == s.year_max
    if one_year and (s.models or s.makes or s.body_styles):
        words.append(str(s.year_min))
    words += s.drivetrains[:1] + [f.lower() if f != "Plug-In Hybrid" else "plug-in hybrid" for f in s.fuel_types[:1]]
    if s.models:
        words.append(" or ".join(s.models[:2]) + (f" {s.trims[0]}" if s.trims else ""))
    elif len(s.makes) > 2 and all(luxury(m) for m in s.makes):  # "any luxury suvs"
        words.append("luxury-brand")
    elif s.makes:
        words.append(", ".join(s.makes[:-1]) + " or " + s.makes[-1] if len(s.makes) > 1 else s.makes[0])
    if s.body_styles:
        words.append(s.body_styles[0] if s.body_styles[0] == "SUV" else s.body_styles[0].lower())
    if not s.models and not s.makes and not s.body_styles:
        words.append("vehicle")
    phrase = " ".join(words)
    if s.trims and not s.models:
        phrase += f" in the {s.trims[0]} trim"
    if one_year and not (s.models or s.makes or s.body_styles):
        phrase += f" from {s.year_min}"
    elif not one_year and s.year_min is not None:
        phrase += f", {s.year_min} or newer"
    elif not one_year and s.year_max is not None:
        phrase += f", {s.year_max} or older"
    extras = (
        [f"{'a manual' if s.transmissions[0] == 'Manual' else 'an automatic'} transmission"] if s.transmissions else []
    )
    if s.features:
        extras.append(_with_article(_feature_phrase(s.features[0])))
    if extras:
        phrase += " with " + " and ".join(extras)
    limits = [  # everything the search compared must be said, or "we don't have X" would be untrue
        ("for less than that one" if _below_a_price(s.budget_max_cents) else "within your budget")
        if s.budget_max_cents
        else "",
        "in your price range" if s.budget_min_cents and not s.budget_max_cents else "",
        ("with fewer miles than that one" if _below_a_mileage(s.mileage_max) else "with the miles you asked for")
        if s.mileage_max
        else "",
        f"with stock number {s.stock_number}" if s.stock_number else "",
        "with that VIN" if s.vin and not s.stock_number else "",
    ]
    phrase = " ".join([phrase, *(limit for limit in limits if limit)])
    article = "an" if re.match(r"[aeiouAEIOU]|SUV|AWD|FWD|RWD|4WD|8|18", phrase) else "a"
    return f"{article} {phrase}"


_BODY_ES = {
    "SUV": "una SUV",
    "Truck": "una camioneta pickup",
    "Sedan": "un sedán",
    "Van": "una van",
    "Minivan": "una minivan",
}
_FUEL_ES = {"Electric": "eléctrico", "Hybrid": "híbrido", "Plug-In Hybrid": "híbrido enchufable", "Diesel": "diésel"}


_KIND_ES = {"SUV": "SUV", "Truck": "pickup", "Sedan": "sedán", "Minivan": "minivan", "Coupe": "coupé"}


def _wanted_es(s: Slots) -> str:
    """'un Tucson 2024, color gris, AWD': the same facts as ``_wanted``, as a Spanish noun and a list of details
    (no adjective agreement to get wrong)."""
    if s.models:
        noun = "un " + " o ".join(s.models[:2]) + (f" {s.trims[0]}" if s.trims else "")
    elif len(s.makes) > 2 and all(luxury(m) for m in s.makes):
        noun = "un vehículo de marca de lujo"
    elif s.makes:
        noun = "un " + (", ".join(s.makes[:-1]) + " o " + s.makes[-1] if len(s.makes) > 1 else s.makes[0])
    elif s.body_styles:
        noun = _BODY_ES.get(s.body_styles[0], f"un {s.body_styles[0].lower()}")
    else:
        noun = "un vehículo"
    one_year = s.year_min is not None and s.year_min == s.year_max
    if one_year:
        noun += f" {s.year_min}"
    details: list[str] = []
    if (s.models or s.makes) and s.body_styles:  # "un Ram, tipo SUV": the kind searched must be said too
        details.append(f"tipo {_KIND_ES.get(s.body_styles[0], s.body_styles[0].lower())}")
    if s.trims and not s.models:
        details.append(f"versión {s.trims[0]}")
    details += [f"color {c.lower()}" for c in s.colors[:1]]
    if s.condition:
        details.append({"new": "nuevo", "used": "usado"}.get(s.condition, "seminuevo certificado"))
    details += s.drivetrains[:1] + [_FUEL_ES.get(f, f.lower()) for f in s.fuel_types[:1]]
    if not one_year and s.year_min is not None:
        details.append(f"{s.year_min} o más reciente")
    elif not one_year and s.year_max is not None:
        details.append(f"{s.year_max} o anterior")
    if s.transmissions:
        details.append("transmisión " + ("manual" if s.transmissions[0] == "Manual" else "automática"))
    if s.features:
        details.append("con " + translate("es", _feature_phrase(s.features[0])))
    details += [
        text
        for wanted, text in (
            (s.budget_max_cents and not _below_a_price(s.budget_max_cents), "dentro de su presupuesto"),
            (_below_a_price(s.budget_max_cents), "por menos que ese"),
            (s.budget_min_cents and not s.budget_max_cents, "en su rango de precio"),
            (s.mileage_max and not _below_a_mileage(s.mileage_max), "con las millas que pidió"),
            (_below_a_mileage(s.mileage_max), "con menos millas que ese"),
            (s.stock_number, f"con el número de inventario {s.stock_number}"),
            (s.vin and not s.stock_number, "con ese VIN"),
        )
        if wanted
    ]
    return ", ".join([noun, *details])


def differences(v: VehicleView, s: Slots) -> list[str]:
    """How a unit differs from what the customer asked for (empty: it fits)."""
    return [] if _fits(v, s) else _notes(v, s) or ["not an exact match"]


def wrong_make_line(fix: WrongMake, language: str = "en") -> str:
    """'The Camry is made by Toyota, not Hyundai.'"""
    return translate(language, "Just so you know, the {model} is made by {make}, not {said}.").format(
        model=fix.model, make=fix.make, said=fix.said
    )


_FEATURE_PHRASES = {"fuel efficient": "good fuel economy", "third row seating": "third-row seating"}


def _feature_phrase(feature: str) -> str:
    return _FEATURE_PHRASES.get(feature, feature)


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
    """One line per vehicle; two units that read the same are told apart by their stock numbers."""
    notes = notes or {}
    lines = [_describe(v, ctx) for v in vehicles]
    lines = [
        line + ctx.t(" (stock {stock})", stock=v.stock_number) if v.stock_number and lines.count(line) > 1 else line
        for line, v in zip(lines, vehicles, strict=True)
    ]
    lines = [f"{line} ({notes[v.id]})" if notes.get(v.id) else line for line, v in zip(lines, vehicles, strict=True)]
    if ctx.sms:
        return "; ".join(lines) + "."
    return "\n".join(f"- {line}" for line in lines)


_GENERIC_TRIM_WORDS = frozenset(
    {"awd", "fwd", "rwd", "4wd", "4x4", "2wd", "4dr", "2dr", "ivt", "dct", "auto", "cvt", "hybrid", "plug", "in", "hev"}
    | {"electric", "ev", "phev", "sedan", "crew", "cab", "box", "w", "with", "edition", "package", "sport"}
)


def _named_trim_first(vehicles: list[VehicleView], text: str) -> list[VehicleView]:
    """'Is the Palisade XRT available?': when the customer names a trim, the vehicles with that trim (of its model:
    in "an ioniq 6 or a bmw 530e" the 530e names the BMW's trim, and the Ioniq 6 stays)."""
    said = set(re.findall(r"[a-z0-9]+", text.lower()))
    named = [
        v
        for v in vehicles
        if v.trim and any(w in said and w not in _GENERIC_TRIM_WORDS for w in re.findall(r"[a-z0-9]+", v.trim.lower()))
    ]
    trimmed = {v.model for v in named}
    return [v for v in vehicles if v in named or v.model not in trimmed]


def _by_identifier(ctx: _Ctx) -> VehicleView | None:
    s = ctx.u.slots
    for v in ctx.vehicles:
        if (s.vin and v.vin.upper() == s.vin) or (s.stock_number and (v.stock_number or "").upper() == s.stock_number):
            return v
    return None


def _with_article(feature: str, ctx: _Ctx | None = None) -> str:
    """'a sunroof', 'heated seats'; in another language, the feature's name in it ('techo solar')."""
    if ctx is not None and ctx.language != "en":
        return ctx.t(feature)
    countable = ("sunroof", "backup camera", "360 camera", "towing package", "power liftgate", "heated steering wheel")
    return f"a {feature}" if feature in countable else feature
