"""Body styles, colours, drivetrains, fuels and features: the vocabularies slots are read with, and the
*_matches helpers compose and guardrails compare vehicles with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from showroom.brain.nlu.knowledge import model_fuel, thirty_mpg, three_rows
from showroom.brain.nlu.text import squash
from showroom.brain.types import VehicleView

_BODY_STYLES: tuple[tuple[str, str], ...] = (
    ("Minivan", r"\bmini[\s-]?vans?\b"),
    ("SUV", r"\bsuvs?\b|\bcrossovers?\b|\bsport utility\b|\bsport utilities\b|\bcamionetas?\b(?! de carga)"),
    (
        "Truck",
        r"\btrucks?\b|\bpick[\s-]?ups?\b|\btrocas?\b|\bcamionetas? de carga\b"
        r"|\b(?:half|1/2|three[\s-]quarter|3/4|one)[\s-]tons?\b",  # "a half ton 4x4": a full-size pickup
    ),
    ("Sedan", r"\bsed[aá]n(?:es|s)?\b"),
    ("Coupe", r"\bcoupes?\b"),
    ("Hatchback", r"\bhatch(?:back)?s?\b"),
    ("Convertible", r"\bconvert[ai]bles?\b|\bdrop[\s-]?tops?\b|\bcabrio(?:let)?s?\b|\bdescapotables?\b"),
    ("Wagon", r"\bwagons?\b"),
    ("Van", r"(?<!mini )(?<!mini-)(?<!mini)\bvans?\b|\bcargo van\b"),
)
# Colour families: a customer's word and a feed's stored colour ("Grey", "Magnetic Gray Metallic", "Burgundy") both map
# to a family label, and search compares families, so "grey" finds "Gray", "navy" finds "Blue" and "maroon" "Burgundy".
_COLORS: tuple[tuple[str, str], ...] = (
    # "snow" and "frost" name a paint only beside another paint word ("snow white pearl"); "good in the snow" is
    # the weather
    ("White", r"\bwhite\b|\bpearl\b|\bivory\b|\b(?:snow|frost)(?= (?:white|pearl|metallic))\b|\bblanc[oa]s?\b"),
    # "jet black", not "my jet ski"
    ("Black", r"\bblack\b|\bebony\b|\bonyx\b|\bobsidian\b|\bjet\b(?!\s*-?\s*skis?\b)|\bphantom\b|\bnegr[oa]s?\b"),
    ("Silver", r"\bsilver\b|\bplatinum metallic\b|\baluminum\b|\bsilvery\b|\bplata\b|\bplatead[oa]s?\b"),
    ("Gray", r"\bgr[ae]y(?:ish)?\b|\bcharcoal\b|\bgraphite\b|\bgunmetal\b|\bslate\b|\bgrigio\b|\bgris\b"),
    (
        "Red",
        r"\bred\b|\bmaroon\b|\bburgundy\b|\bcrimson\b|\bruby\b|\bgarnet\b|\bscarlet\b|\bcherry\b|\bwine\b|\broj[oa]s?\b|\bvino\b|\bguinda\b",
    ),
    ("Blue", r"\bblue\b|\bnavy\b|\bcobalt\b|\bsapphire\b|\bindigo\b|\bazure\b|\bteal\b|\bazul(?:es)?\b|\bmarino\b"),
    ("Green", r"\bgreen\b|\bolive\b|\bemerald\b|\bsage\b|\bverdes?\b"),
    ("Brown", r"\bbrown\b|\bbronze\b|\bmocha\b|\bespresso\b|\bchestnut\b|\bmahogany\b|\bcaf[eé]\b|\bmarr[oó]n\b"),
    # "tan barata", "tan caro": Spanish "so", not the colour
    (
        "Beige",
        r"\bbeige\b|\btan\b(?!\s+(?:barat|car[oa]|buen|bonit|grande|viej|nuev|lej|r[aá]pid|poc|mal)\w*)"
        r"|\bchampagne\b|\bsand\b|\bkhaki\b|\bcream\b",
    ),
    ("Gold", r"\bgold\b"),
    ("Orange", r"\borange\b|\bcopper\b"),
    ("Yellow", r"\byellow\b"),
    ("Purple", r"\bpurple\b|\bviolet\b|\bplum\b"),
)
_DRIVETRAINS: tuple[tuple[str, str], ...] = (
    (
        "AWD",
        r"\bawd\b|\ball[\s-]?wheel(?:[\s-]drive)?\b|\bquattro\b|\b4motion\b|\bxdrive\b|\b4matic\b|\bhtrac\b"
        r"|\btracci[oó]n (?:total|integral|en las cuatro)\b"
        # "good in the snow": the wheels that drive in it (a 4WD fits an AWD wish too)
        r"|\b(?:good|great|better|best|safe) (?:in|on|for) (?:the )?(?:snow|ice|winter)\b|\bwinter driving\b"
        r"|\bpara (?:la )?nieve\b",
    ),
    ("4WD", r"\b4wd\b|\b4x4s?\b|\bfour[\s-]wheel(?:[\s-]drive)?\b|\b4[\s-]wheel[\s-]drive\b|\b4 by 4\b"),
    ("FWD", r"\bfwd\b|\bfront[\s-]wheel(?:[\s-]drive)?\b"),
    ("RWD", r"\brwd\b|\brear[\s-]wheel(?:[\s-]drive)?\b"),
    ("2WD", r"\b2wd\b|\b4x2\b|\btwo[\s-]wheel(?:[\s-]drive)?\b"),
)
# How the gears change, as a shopper asks and a feed stores it ("Automatic", "CVT CVT", "8-Speed DCT", "6-Speed
# Manual"): a CVT, a dual-clutch or an automated manual is an automatic to a buyer who "can't drive stick".
_TRANSMISSIONS: tuple[tuple[str, str], ...] = (
    (
        "Manual",
        r"\bmanual(?:es)?\b(?! (?:for|del|de usuario))(?<!owner's manual)(?<!owners manual)(?<!user manual)"
        r"|\bstick(?:[\s-]?shift)?\b|\bstandard (?:transmission|shift)\b|\best[aá]ndar\b|\bmt\b"
        r"|\b\d[\s-]?speed manual\b",
    ),
    (
        "Automatic",
        r"\bautomatic(?:s)?\b|\bautos?\b(?= (?:trans|transmission|only|please|pls)\b)|\bauto trans\b|\bcvt\b|\bivt\b"
        r"|\bdct\b|\bdual[\s-]clutch\b|\bautom[aá]tic[oa]s?\b|\btiptronic\b|\bshiftronic\b|\bsteptronic\b",
    ),
)
# Which wheels a drivetrain drives: search and matching treat AWD and 4WD as one wish (feeds and shoppers mix them
# up: "4x4" on an AWD crossover), 2WD as front or rear.
_WHEELS: dict[str, frozenset[str]] = {
    "AWD": frozenset({"all"}),
    "4WD": frozenset({"all"}),
    "FWD": frozenset({"front"}),
    "RWD": frozenset({"rear"}),
    "2WD": frozenset({"front", "rear"}),
}
_FUELS: tuple[tuple[str, str], ...] = (
    ("Plug-In Hybrid", r"\bplug[\s-]?in(?:[\s-]hybrids?)?\b|\bphevs?\b"),
    ("Hybrid", r"\bhybrids?\b|\bhevs?\b|\bh[ií]brid[oa]s?\b"),
    (
        "Electric",
        r"\bevs?\b|\belectric\b|\bbevs?\b|\bbattery[\s-]electric\b|\bzero[\s-]emissions?\b|\bel[eé]ctric[oa]s?\b",
    ),
    ("Diesel", r"\bdiesels?\b"),
    ("Flex Fuel", r"\bflex(?:[\s-]?fuel)?\b|\be85\b"),
    ("Gasoline", r"\bgasoline\b|\bgas[\s-](?:powered|engine|only)\b"),
)
FEATURES: tuple[tuple[str, str], ...] = (
    (
        "heated seats",
        r"heated (?:front |rear |leather )?seats?|seat heaters?|heated seating|asientos (?:con )?calefac\w+",
    ),
    ("heated steering wheel", r"heated (?:steering )?wheel"),
    ("ventilated seats", r"(?:ventilated|cooled|cooling|air[\s-]conditioned) (?:front )?seats?|\bventilated\b"),
    ("leather seats", r"\bleather\b|\basientos de piel\b"),
    ("sunroof", r"sun\s?roof|moon\s?roof|panoramic|pano roof|quemacocos|techo (?:solar|panor[aá]mico)"),
    (
        "third row seating",
        r"(?:\b3rd|\bthird|\b3|\bthree)[\s-]?rows?\b|\b(?:7|8|seven|eight)[\s-]?(?:seaters?|seats?|passengers?|pass)\b"
        r"|\b(?:seats?|seating for|room for|fits?)\s+(?:7|8|seven|eight)\b"
        r"|\btercera fila\b|\b3 filas\b|\btres filas\b|\b(?:7|8|siete|ocho) (?:pasajeros|asientos|plazas|personas)\b"
        r"|\bpara (?:7|8|siete|ocho)\b",
    ),
    ("apple carplay", r"apple\s?car\s?play|\bcarplay\b"),
    ("android auto", r"android auto"),
    ("backup camera", r"back\s?up cam|rear\s?(?:view)? cam|reverse cam|rearview camera|c[aá]mara de reversa"),
    ("360 camera", r"360(?:[\s-]degree)? cam|surround view|bird'?s[\s-]eye"),
    ("navigation", r"\bnav\b|navigation|\bgps\b"),
    ("remote start", r"remote (?:start|starter)"),
    # a package or hitch; "a truck that can tow" wants a truck, not a feature list that says "towing"
    ("towing package", r"\btow(?:ing)?[\s-](?:package|pkg|pack|hitch|prep)\b|trailer hitch|\bhitch\b"),
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
    (
        "fuel efficient",
        r"good (?:gas )?(?:mileage|mpg)|fuel[\s-]efficient|great (?:gas )?mileage|good on gas|high mpg"
        r"|(?:better|best) on gas|(?:better|best) (?:gas )?(?:mileage|mpg)|(?:more|most) fuel[\s-]efficient"
        r"|poca gasolina|gaste poco|ahorrador[oa]?(?: de gasolina)?|rinda (?:bien )?(?:la )?gasolina"
        r"|econ[oó]mic[oa] (?:en|de) gasolina|buen rendimiento",
    ),
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


def attribute_label(column: str, text: str) -> str:
    """A word for a column as the agent names it ("pickup" -> "Truck", "4x4" -> "4WD", "EV" -> "Electric", "grey" ->
    "Gray"), or the text itself when it names none. ``column``: body_style, exterior_color, drivetrain, fuel_type."""
    table = {"body_style": _BODY_STYLES, "exterior_color": _COLORS, "drivetrain": _DRIVETRAINS, "fuel_type": _FUELS}
    found = _labels(text.lower(), table[column]) if column in table else []
    return found[0] if found else text


def color_family(color: str | None) -> str | None:
    """The family of a colour as stored or said ("Magnetic Gray Metallic" -> "Gray"), or None when unknown."""
    found = _labels(color.lower(), _COLORS) if color else []
    return found[0] if found else None


def drivetrain_matches(vehicle_drivetrain: str | None, wanted: str) -> bool:
    """Exactly the drivetrain asked about ("is it AWD?")."""
    return bool(vehicle_drivetrain) and wanted in _labels(str(vehicle_drivetrain).lower(), _DRIVETRAINS)


def drivetrains_named(text: str | None) -> list[str]:
    """The drivetrains a text names ('FWD 4dr LT' -> ['FWD'], 'Limited 4x4' -> ['4WD'])."""
    return _labels(text.lower(), _DRIVETRAINS) if text else []


def drivetrain_fits(vehicle_drivetrain: str | None, wanted: str) -> bool:
    """Does the unit drive the wheels asked for? AWD and 4WD (and 4x4) fit each other; 2WD is front or rear."""
    if not vehicle_drivetrain:
        return False
    wheels = _WHEELS.get(wanted, frozenset())
    found = _labels(str(vehicle_drivetrain).lower(), _DRIVETRAINS)
    return wanted in found or any(_WHEELS[label] & wheels for label in found)


def transmissions_named(text: str | None) -> list[str]:
    """The kinds of transmission a text names ('6-Speed Manual' -> ['Manual'], 'LXS IVT' -> ['Automatic'])."""
    return _labels(text.lower(), _TRANSMISSIONS) if text else []


def transmission_matches(vehicle_transmission: str | None, wanted: str) -> bool:
    """Does the unit's listed transmission ('Automatic', 'CVT', '7-Speed DCT') fit the kind asked for?"""
    return wanted in transmissions_named(vehicle_transmission)


def gearbox_fits(v: VehicleView, wanted: str) -> bool:
    """The unit's transmission column fits the kind asked for, and its trim names no other kind ("Grand Touring
    Manual" listed as Automatic is no automatic to a customer reading its title)."""
    named = transmissions_named(v.trim)
    return transmission_matches(v.transmission, wanted) and (not named or wanted in named)


def fuel_matches(vehicle_fuel: str | None, wanted: str) -> bool:
    if not vehicle_fuel:
        return False
    found = _labels(vehicle_fuel.lower(), _FUELS)
    return (
        wanted in found or (wanted == "Hybrid" and "Plug-In Hybrid" in found) or squash(vehicle_fuel) == squash(wanted)
    )


def vehicle_fuel(fuel: str | None, model: str, trim: str | None = None) -> str | None:
    """What the unit runs on: the model's or trim's name wins over a feed's fuel column, which labels hybrids
    "Electric" or "Gasoline" ('Tucson Hybrid' is a hybrid, 'Prius Prime' a plug-in hybrid); else the column."""
    named = model_fuel(model, trim)
    if named is None or (fuel and named in _labels(fuel.lower(), _FUELS)):
        return fuel
    return named


def trim_words(trim: str | None) -> tuple[str, ...]:
    """A trim's words, lower-case, letters and digits ('GT-Line Auto FWD' -> ('gt', 'line', 'auto', 'fwd'))."""
    return tuple(re.findall(r"[a-z0-9]+", trim.lower())) if trim else ()


def trim_matches(vehicle_trim: str | None, wanted: str) -> bool:
    """Is the trim asked for ('Calligraphy', 'Night Edition', 'SE') part of the unit's trim, word for word ('SE' is not
    'SEL')?"""
    have, want = trim_words(vehicle_trim), trim_words(wanted)
    n = len(want)
    return bool(n) and any(have[i : i + n] == want for i in range(len(have) - n + 1))


# A rear-view camera is required on every new light vehicle built for the US from May 2018 (FMVSS 111): every
# model year 2019 has one, whatever its listing says.
REAR_CAMERA_RULE = 2019
_FUEL_SAVERS = frozenset({"Hybrid", "Plug-In Hybrid", "Electric"})
GOOD_MPG = 30  # combined MPG from which a petrol unit counts as "good on gas"
MODEL_MPG = "about 30 MPG combined"  # what is known of a thirty-MPG model when the feed gives no figure


def feature_of(v: VehicleView, wanted: str) -> str | None:
    """The unit's own wording of a wanted feature ('Heated Front Seats' for 'heated seats'), or what is known of its
    model ('third row seating' on a Palisade, 'hybrid' for 'fuel efficient'), or None."""
    if wanted == "third row seating" and three_rows(v.model, v.year):
        return "third row seating"
    if wanted == "backup camera" and v.year >= REAR_CAMERA_RULE:
        return "backup camera"
    if wanted == "fuel efficient":
        fuel = vehicle_fuel(v.fuel_type, v.model, v.trim)
        if fuel in _FUEL_SAVERS:
            return str(fuel).lower()
        if v.fuel_economy is not None:
            return f"{v.fuel_economy} MPG combined" if v.fuel_economy >= GOOD_MPG else None
        if thirty_mpg(v.model):
            return MODEL_MPG
    return feature_matches(v.features, wanted)


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
