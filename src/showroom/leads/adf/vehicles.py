"""ADF vehicles: `<vehicle>` and trade-in blocks, prices and numbers, vehicle data filled in from the
comments, and trade-ins that only mirror a wanted vehicle."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from showroom.inventory.vin import check_vin
from showroom.leads.adf.comments import rich_text
from showroom.leads.adf.elements import as_key, field, kid, kids, text
from showroom.leads.adf.model import INT4_MAX, AdfVehicle
from showroom.models.inventory import YEAR_MAX, YEAR_MIN
from showroom.vocabulary import Interest, InterestCondition


def _int4(value: int) -> int | None:
    """The value if an int column can hold it, else None (the caller warns, as for any unreadable value)."""
    return value if -INT4_MAX - 1 <= value <= INT4_MAX else None


def _integer(raw: str | None) -> int | None:
    """The first integer in the text; None if there is none or it does not fit an int column."""
    if raw is None:
        return None
    match = re.search(r"-?\d[\d,]*", raw)
    if match is None:
        return None
    digits = match.group(0).replace(",", "")
    return _int4(int(digits)) if len(digits) <= 20 else None


def _money_cents(raw: str) -> int | None:
    """Cents from '$59,277.00', '32500', 'USD 1.234,56' is not supported (US formats only). None if no number or
    more cents than an int column holds."""
    cleaned = re.sub(r"[^\d.\-]", "", raw.replace(",", ""))
    if not cleaned or cleaned in {"-", ".", "-."}:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not amount.is_finite() or abs(amount) > INT4_MAX:
        return None
    return _int4(int((amount * 100).to_integral_value()))


_INTEREST_ALIASES = {
    "buy": Interest.buy, "purchase": Interest.buy, "lease": Interest.lease, "sell": Interest.sell,
    "trade-in": Interest.trade_in, "tradein": Interest.trade_in, "trade": Interest.trade_in,
    "test-drive": Interest.test_drive, "testdrive": Interest.test_drive, "test-ride": Interest.test_drive,
    "testride": Interest.test_drive,
}  # fmt: skip
_CONDITION_ALIASES = {
    "new": InterestCondition.new, "used": InterestCondition.used, "pre-owned": InterestCondition.used,
    "preowned": InterestCondition.used, "cpo": InterestCondition.cpo, "certified": InterestCondition.cpo,
    "certified-pre-owned": InterestCondition.cpo, "certified-used": InterestCondition.cpo,
}  # fmt: skip
_PRICE_PREFERENCE = ("quote", "offer", "asking", "", "appraisal", "msrp", "invoice")


def _read_prices(element: Element, vehicle: AdfVehicle, where: str, warnings: list[str]) -> None:
    candidates: list[tuple[str, int, str | None]] = []
    for price in kids(element, "price"):
        raw = text(price)
        if not raw:
            continue
        cents = _money_cents(raw)
        price_type = (price.get("type") or "").strip().lower()
        if cents is None or cents < 0:
            warnings.append(f"{where}: price {raw!r} is not a usable amount; ignored")
            continue
        if cents == 0:
            continue  # "0.00" is a form placeholder, not a price
        currency = (price.get("currency") or "").strip() or None
        candidates.append((price_type, cents, currency))
        if price_type:
            vehicle.prices.setdefault(price_type, cents)
    if not candidates:
        return

    def rank(candidate: tuple[str, int, str | None]) -> int:
        return _PRICE_PREFERENCE.index(candidate[0]) if candidate[0] in _PRICE_PREFERENCE else len(_PRICE_PREFERENCE)

    price_type, vehicle.price_cents, vehicle.price_currency = min(candidates, key=rank)
    vehicle.price_type = price_type or None


def _read_options(element: Element) -> list[str]:
    options: list[str] = []
    for option in [
        *kids(element, "option"),
        *(o for group in kids(element, "options") for o in kids(group, "option")),
    ]:
        value = field(option, "optionname", "name") if len(option) else text(option)
        if value and value not in options:
            options.append(value)
    return options


def _read_vehicle(element: Element, index: int, warnings: list[str]) -> AdfVehicle:
    where = f"vehicle {index}"
    vehicle = AdfVehicle()
    interest = as_key(element.get("interest"))
    if interest:
        if interest in _INTEREST_ALIASES:
            vehicle.interest = _INTEREST_ALIASES[interest]
        else:
            warnings.append(f"{where}: unknown interest {element.get('interest')!r}; read as 'buy'")
    condition = as_key(element.get("status")) or as_key(field(element, "condition"))
    vehicle.condition = _CONDITION_ALIASES.get(condition)
    year = _integer(field(element, "year", "modelyear"))
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        warnings.append(f"{where}: year {year} is outside {YEAR_MIN}-{YEAR_MAX}; ignored")
        year = None
    vehicle.year = year
    vehicle.make = field(element, "make")
    vehicle.model = field(element, "model")
    vehicle.trim = field(element, "trim")
    vehicle.body_style = field(element, "bodystyle", "body_style", "body", "bodytype")
    vehicle.stock_number = field(element, "stock", "stocknumber", "stock_number", "stockno", "stocknum")
    colours = kid(element, "colorcombination")
    vehicle.exterior_color = field(colours, "exteriorcolor") or field(
        element, "exteriorcolor", "exterior_color", "color", "colour"
    )
    vehicle.interior_color = field(colours, "interiorcolor") or field(element, "interiorcolor", "interior_color")
    vehicle.transmission = field(element, "transmission")
    vehicle.fuel_type = field(element, "fuel", "fueltype", "fuel_type")
    vehicle.engine = field(element, "engine")
    vehicle.doors = _integer(field(element, "doors"))
    odometer = kid(element, "odometer", "mileage", "miles")
    if odometer is not None:
        raw = text(odometer)
        vehicle.mileage = _integer(raw)
        vehicle.mileage_units = (odometer.get("units") or odometer.get("unit") or "").strip().lower() or None
        if raw and (vehicle.mileage is None or vehicle.mileage < 0):
            warnings.append(f"{where}: odometer {raw!r} is not a number of miles; ignored")
            vehicle.mileage = None
    _read_prices(element, vehicle, where, warnings)
    vehicle.options = _read_options(element)
    comment = kid(element, "comments", "comment")
    vehicle.comments = rich_text(comment) if comment is not None else None
    _set_vin(vehicle, field(element, "vin"), where, warnings)
    return vehicle


_TRADE_BLOCKS = ("tradein", "trade-in", "trade_in", "trade", "tradeinvehicle")


def read_vehicles(prospect: Element, customer: Element | None, warnings: list[str]) -> list[AdfVehicle]:
    """`<vehicle>` elements in document order, then separate trade-in blocks (`<tradein>…</tradein>`, with or
    without a `<vehicle>` inside, under the prospect or the customer), which are trade-ins whatever they say."""
    vehicles: list[AdfVehicle] = []
    for element in kids(prospect, "vehicle"):
        vehicles.append(_read_vehicle(element, len(vehicles) + 1, warnings))
    for block in [*kids(prospect, *_TRADE_BLOCKS), *kids(customer, *_TRADE_BLOCKS)]:
        for element in kids(block, "vehicle") or [block]:
            vehicle = _read_vehicle(element, len(vehicles) + 1, warnings)
            vehicle.interest = Interest.trade_in
            vehicles.append(vehicle)
    return vehicles


def _set_vin(vehicle: AdfVehicle, raw: str | None, where: str, warnings: list[str]) -> None:
    if not raw:
        return
    check = check_vin(raw)
    if not check.valid:
        warnings.append(f"{where}: {check.message}; VIN ignored")
        return
    if check.check_digit_ok is False:
        warnings.append(f"{where}: {check.message}")
    vehicle.vin = check.vin


def is_empty(vehicle: AdfVehicle) -> bool:
    return not any((vehicle.year, vehicle.make, vehicle.model, vehicle.vin, vehicle.stock_number))


_COMMENT_KEYS: dict[str, tuple[str, ...]] = {
    "year": ("year", "model year", "inventory year", "vehicle year"),
    "make": ("make", "inventory make", "vehicle make"),
    "model": ("model", "inventory model", "vehicle model"),
    "trim": ("trim", "inventory trim"),
    "vin": ("vin", "inventory vin"),
    "stock_number": ("stock", "stock id", "stock number", "stock #", "stock no", "inventory stock id"),
    "mileage": ("mileage", "odometer", "miles"),
    "exterior_color": ("color", "exterior color", "colour"),
}


def _comment_target(vehicles: list[AdfVehicle]) -> AdfVehicle | None:
    target: AdfVehicle | None = None
    if len(vehicles) == 1:
        target = vehicles[0]
    else:
        gaps = [v for v in vehicles if v.interest != Interest.trade_in and not (v.year and v.make and v.model)]
        target = gaps[0] if gaps else None
    if target is None or (target.year and target.make and target.model):
        return None
    return target


def fill_from_comments(vehicles: list[AdfVehicle], fields: dict[str, str], warnings: list[str]) -> None:
    target = _comment_target(vehicles)
    if target is None:
        return
    where = f"vehicle {vehicles.index(target) + 1}"
    for attribute, keys in _COMMENT_KEYS.items():
        value = next((fields[key] for key in keys if fields.get(key)), None)
        if value is None or getattr(target, attribute):
            continue
        if attribute == "year":
            year = _integer(value)
            if year is None or not YEAR_MIN <= year <= YEAR_MAX:
                continue
            target.year = year
        elif attribute == "mileage":
            mileage = _integer(value)
            if mileage is None or mileage < 0:
                continue
            target.mileage = mileage
        elif attribute == "vin":
            _set_vin(target, value, where, warnings)
            if target.vin is None:
                continue
        else:
            setattr(target, attribute, value)
        target.from_comments.append(attribute)
    if target.from_comments:
        warnings.append(
            f"{where}: {', '.join(target.from_comments)} read from the comments (the <vehicle> left them empty)"
        )


def flag_mirrored_trades(vehicles: list[AdfVehicle], warnings: list[str]) -> None:
    """Warn about a trade-in that only repeats a wanted vehicle (a form-mapping artefact seen in real traffic)."""
    wanted = [v for v in vehicles if v.is_wanted and v.model]
    for index, trade in enumerate(vehicles, start=1):
        if trade.interest != Interest.trade_in or not trade.model or trade.year or trade.vin or trade.mileage:
            continue
        model = trade.model.lower()
        for other in wanted:
            same_make = (trade.make or "").lower() == (other.make or "").lower()
            other_model = (other.model or "").lower()
            if same_make and (model in other_model or other_model in model):
                warnings.append(
                    f"vehicle {index} (trade-in) only repeats the wanted {other.model!r}; it may not be a real trade"
                )
                break
