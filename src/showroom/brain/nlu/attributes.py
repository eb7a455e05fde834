"""Body styles, colours, drivetrains, fuels and features: the vocabularies slots are read with, and the
*_matches helpers compose and guardrails compare vehicles with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from showroom.brain.nlu.text import squash

_BODY_STYLES: tuple[tuple[str, str], ...] = (
    ("Minivan", r"\bmini[\s-]?vans?\b"),
    ("SUV", r"\bsuvs?\b|\bcrossovers?\b|\bsport utility\b|\bsport utilities\b"),
    ("Truck", r"\btrucks?\b|\bpick[\s-]?ups?\b"),
    ("Sedan", r"\bsedans?\b"),
    ("Coupe", r"\bcoupes?\b"),
    ("Hatchback", r"\bhatch(?:back)?s?\b"),
    ("Convertible", r"\bconvertibles?\b|\bdrop[\s-]?tops?\b"),
    ("Wagon", r"\bwagons?\b"),
    ("Van", r"(?<!mini )(?<!mini-)(?<!mini)\bvans?\b|\bcargo van\b"),
)
_COLORS: tuple[tuple[str, str], ...] = (
    ("White", r"\bwhite\b|\bpearl\b"),
    ("Black", r"\bblack\b"),
    ("Silver", r"\bsilver\b"),
    ("Gray", r"\bgr[ae]y\b|\bcharcoal\b|\bgraphite\b|\bgunmetal\b"),
    ("Red", r"\bred\b|\bmaroon\b|\bburgundy\b|\bcrimson\b"),
    ("Blue", r"\bblue\b|\bnavy\b"),
    ("Green", r"\bgreen\b"),
    ("Brown", r"\bbrown\b|\bbronze\b"),
    ("Beige", r"\bbeige\b|\btan\b|\bchampagne\b"),
    ("Gold", r"\bgold\b"),
    ("Orange", r"\borange\b"),
    ("Yellow", r"\byellow\b"),
    ("Purple", r"\bpurple\b"),
)
_DRIVETRAINS: tuple[tuple[str, str], ...] = (
    ("AWD", r"\bawd\b|\ball[\s-]?wheel(?:[\s-]drive)?\b"),
    ("4WD", r"\b4wd\b|\b4x4s?\b|\bfour[\s-]wheel(?:[\s-]drive)?\b|\b4[\s-]wheel[\s-]drive\b|\b4 by 4\b"),
    ("FWD", r"\bfwd\b|\bfront[\s-]wheel(?:[\s-]drive)?\b"),
    ("RWD", r"\brwd\b|\brear[\s-]wheel(?:[\s-]drive)?\b"),
)
_FUELS: tuple[tuple[str, str], ...] = (
    ("Plug-In Hybrid", r"\bplug[\s-]?in(?:[\s-]hybrids?)?\b|\bphevs?\b"),
    ("Hybrid", r"\bhybrids?\b|\bhevs?\b"),
    ("Electric", r"\bevs?\b|\belectric\b|\bbevs?\b|\bbattery[\s-]electric\b|\bzero[\s-]emissions?\b"),
    ("Diesel", r"\bdiesels?\b"),
    ("Gasoline", r"\bgasoline\b|\bgas[\s-](?:powered|engine|only)\b"),
)
FEATURES: tuple[tuple[str, str], ...] = (
    ("heated seats", r"heated (?:front |rear |leather )?seats?|seat heaters?|heated seating"),
    ("heated steering wheel", r"heated (?:steering )?wheel"),
    ("ventilated seats", r"(?:ventilated|cooled|cooling|air[\s-]conditioned) (?:front )?seats?"),
    ("leather seats", r"\bleather\b"),
    ("sunroof", r"sun\s?roof|moon\s?roof|panoramic|pano roof"),
    ("third row seating", r"(?:3rd|third|3)[\s-]row|\b(?:7|8|seven|eight)[\s-](?:seaters?|passengers?)\b"),
    ("apple carplay", r"apple\s?car\s?play|\bcarplay\b"),
    ("android auto", r"android auto"),
    ("backup camera", r"back\s?up cam|rear\s?(?:view)? cam|reverse cam|rearview camera"),
    ("360 camera", r"360(?:[\s-]degree)? cam|surround view|bird'?s[\s-]eye"),
    ("navigation", r"\bnav\b|navigation|\bgps\b"),
    ("remote start", r"remote (?:start|starter)"),
    ("towing package", r"\btow(?:ing)?\b|trailer hitch|\bhitch\b"),
    ("blind spot monitoring", r"blind[\s-]?spot"),
    ("adaptive cruise control", r"adaptive cruise|smart cruise|radar cruise"),
    ("lane keeping assist", r"lane (?:keep|keeping|assist|departure|centering)"),
    ("bluetooth", r"blue\s?tooth"),
    ("keyless entry", r"keyless|push[\s-]button start|push to start|proximity key"),
    ("premium audio", r"premium (?:audio|sound)|\bbose\b|harman|\bjbl\b|bang (?:and|&) olufsen|sound system"),
    ("wireless charging", r"wireless (?:phone )?(?:charging|charger)"),
    ("captain's chairs", r"captain'?s? chairs?"),
    ("power liftgate", r"(?:power|hands[\s-]free) (?:lift\s?gate|tail\s?gate|trunk|hatch)"),
    ("one owner", r"\bone[\s-]owner|\b1[\s-]owner|single owner"),
    ("clean history report", r"clean (?:carfax|autocheck|history|title)|\bcarfax\b|no accidents?"),
    ("fuel efficient", r"good (?:gas )?(?:mileage|mpg)|fuel[\s-]efficient|great (?:gas )?mileage|good on gas|high mpg"),
    ("low mileage", r"low (?:miles|mileage)"),
)


@cache
def _compiled(table: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((label, re.compile(pattern)) for label, pattern in table)


def _labels(text: str, table: tuple[tuple[str, str], ...]) -> list[str]:
    return [label for label, pattern in _compiled(table) if pattern.search(text)]


def body_matches(vehicle_body: str | None, wanted: str) -> bool:
    return bool(vehicle_body) and (
        wanted in _labels(str(vehicle_body).lower(), _BODY_STYLES) or squash(str(vehicle_body)) == squash(wanted)
    )


def color_matches(vehicle_color: str | None, wanted: str) -> bool:
    return bool(vehicle_color) and (
        wanted in _labels(str(vehicle_color).lower(), _COLORS) or squash(str(vehicle_color)) == squash(wanted)
    )


def drivetrain_matches(vehicle_drivetrain: str | None, wanted: str) -> bool:
    return bool(vehicle_drivetrain) and wanted in _labels(str(vehicle_drivetrain).lower(), _DRIVETRAINS)


def fuel_matches(vehicle_fuel: str | None, wanted: str) -> bool:
    if not vehicle_fuel:
        return False
    found = _labels(vehicle_fuel.lower(), _FUELS)
    return (
        wanted in found or (wanted == "Hybrid" and "Plug-In Hybrid" in found) or squash(vehicle_fuel) == squash(wanted)
    )


def feature_matches(features: Iterable[str], wanted: str) -> str | None:
    """The vehicle's own wording of a wanted feature ('Heated Front Seats' for 'heated seats'), or None."""
    pattern = dict(_compiled(FEATURES)).get(wanted)
    for feature in features:
        if (pattern and pattern.search(feature.lower())) or squash(wanted) in squash(feature):
            return feature
    return None


def model_matches(vehicle_model: str, wanted: str) -> bool:
    """'Santa Fe Hybrid' matches 'Santa Fe'; 'Civic Sedan' matches 'Civic'."""
    return squash(vehicle_model).startswith(squash(wanted))


def make_matches(vehicle_make: str, wanted: str) -> bool:
    return squash(vehicle_make) == squash(wanted)
