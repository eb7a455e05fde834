"""Dealer inventory feeds (CSV/TSV) read as rows for the `vehicles` table. Pure and streaming.

`read_feed` reads one physical line at a time (memory does not grow with the file) and yields a `FeedRow` per
good record or a `RowError` per broken one, so one bad row never stops an import. Whole-file problems raise
`FeedFormatError` from `read_feed` itself, before any row is yielded: no header, a missing required column, or
bytes that are not UTF-8 (a seekable stream is checked in a first pass; a pipe is checked as it is read, so there
the error can come after some rows). There is no cp1252 fallback: a clear error is better than silent mojibake.

Normalisation (documented choices):

* Headers match case-, space- and CamelCase-insensitively (`Stock Number`, `StockNumber`, `stock_no` all become
  `stock_number`); see `HEADER_ALIASES`. When several columns map to one field (`Price` and `Formatted Price`) the
  earlier alias in `HEADER_ALIASES` wins and the others fill in when it is empty.
* Money becomes integer cents (`$59,277.00`, `59277`, `59,277`, `59.277,00`); empty → None; 0 → None with a warning
  (feeds use 0 for "call for price"); unreadable text → None with a warning; negative → RowError. `price` falls
  back to the sale price when the feed has no plain price.
* Mileage: `12,345 mi` → 12345; kilometres are converted to miles (warning).
* Drivetrain: 4X4/4WD/four-wheel drive → 4WD, AWD/all-wheel drive → AWD, FWD/front-wheel drive → FWD,
  RWD/rear-wheel drive → RWD, 4X2/2WD → 2WD; anything else is kept as sent.
* Hybrids: the model's or trim's name decides the fuel (`Tucson Hybrid`, `SEL HEV`, `Prius Prime`, `Plug-In Hybrid`)
  whatever the fuel column says (feeds label hybrids `Electric` or `Gasoline`), with a warning.
* Listing text (trim, description, features) loses markup, search-index debris (`value matchLevel none
  matchedWords`), template placeholders, tracking parameters, starred flags in short fields (`*Ltd Avail*`) and
  sentences meant for staff (`brain.listing.clean_listing`); a trim left empty is stored empty, with a warning.
* Condition: New → new; Used/Pre-Owned → used; CPO/Certified/Certified Pre-Owned → certified (with certified=True);
  a true `certified` column turns used into certified. Unknown or empty → None (the table's default applies).
* Status: available/pending/sold/in_transit/unavailable from common spellings; empty → None (default applies).
* A row is rejected (RowError naming line and field) for a wrong number of fields, a VIN that is not 17 valid
  characters, an empty make/model, a year that is not a number or outside 1900..next year + 2, a negative price or
  mileage, or a value longer than its column. A North American VIN whose check digit fails is kept, with a warning.
* Line numbers are physical lines (the header is line 1 unless blank lines precede it); a record whose quoted
  field spans several lines is numbered by the line where it starts. Duplicate VINs are not detected here
  (that would need memory proportional to the feed): the importer's upsert decides.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import chain
from typing import Any, BinaryIO, Protocol

from showroom.api.types import is_http_url
from showroom.brain.listing import clean_listing
from showroom.brain.nlu.attributes import vehicle_fuel
from showroom.inventory.vin import check_vin
from showroom.models.inventory import YEAR_MIN, is_certified
from showroom.vocabulary import VehicleCondition, VehicleStatus

REQUIRED = ("vin", "make", "model", "year")
VEHICLE_COLUMNS = (
    "vin", "stock_number", "make", "model", "year", "trim", "body_style", "exterior_color", "interior_color",
    "mileage", "engine", "transmission", "drivetrain", "fuel_type", "fuel_economy", "msrp", "sale_price", "price",
    "condition", "certified", "description", "features", "images", "url", "status",
)  # fmt: skip

# normalised header -> vehicles column. Order matters: for one column, an earlier alias wins over a later one.
HEADER_ALIASES: dict[str, str] = {
    # identity
    "vin": "vin", "vin_number": "vin", "vehicle_vin": "vin", "vin_no": "vin", "vinnumber": "vin",
    "stock_number": "stock_number", "stock": "stock_number", "stock_no": "stock_number", "stock_num": "stock_number",
    "stocknumber": "stock_number", "stock_id": "stock_number", "stockno": "stock_number",
    "make": "make", "brand": "make", "manufacturer": "make",
    "model": "model", "model_name": "model",
    "year": "year", "model_year": "year", "modelyear": "year", "vehicle_year": "year",
    "trim": "trim", "trim_level": "trim", "trim_name": "trim",
    "body_style": "body_style", "bodystyle": "body_style", "body": "body_style", "body_type": "body_style",
    "type": "body_style", "vehicle_type": "body_style",
    # appearance and mechanics
    "exterior_color": "exterior_color", "color": "exterior_color", "colour": "exterior_color",
    "ext_color": "exterior_color", "exterior_colour": "exterior_color", "exteriorcolor": "exterior_color",
    "interior_color": "interior_color", "int_color": "interior_color", "interior_colour": "interior_color",
    "interiorcolor": "interior_color",
    "mileage": "mileage", "miles": "mileage", "odometer": "mileage", "mileage_value": "mileage",
    "odometer_value": "mileage",
    "engine": "engine", "engine_description": "engine",
    "transmission": "transmission", "trans": "transmission", "transmission_description": "transmission",
    "drivetrain": "drivetrain", "drive_train": "drivetrain", "drive_type": "drivetrain", "drive": "drivetrain",
    "fuel_type": "fuel_type", "fuel": "fuel_type", "fueltype": "fuel_type",
    "fuel_economy": "fuel_economy", "mpg": "fuel_economy", "combined_mpg": "fuel_economy",
    "mpg_combined": "fuel_economy",
    # money
    "msrp": "msrp", "list_price": "msrp", "sticker_price": "msrp", "retail_price": "msrp",
    "sale_price": "sale_price", "selling_price": "sale_price", "internet_price": "sale_price",
    "special_price": "sale_price", "sales_price": "sale_price", "sellingprice": "sale_price",
    "price": "price", "formatted_price": "price", "asking_price": "price", "current_price": "price",
    # condition and listing
    "condition": "condition", "state_of_vehicle": "condition", "new_used": "condition", "new_or_used": "condition",
    "certified": "certified", "is_certified": "certified", "cpo": "certified",
    "description": "description", "comments": "description", "vehicle_description": "description",
    "dealer_comments": "description", "title": "description",
    "features": "features", "options": "features", "equipment": "features",
    "images": "images", "image_url": "images", "image_urls": "images", "image_link": "images", "image": "images",
    "photo_urls": "images", "photos": "images",
    "url": "url", "link": "url", "vdp_url": "url", "vehicle_url": "url", "listing_url": "url",
    "status": "status", "availability": "status",
}  # fmt: skip

_DELIMITERS = ("\t", ",", ";", "|")
_DELIMITER_NAMES = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}
_MAX_LENGTH = {
    "vin": 17, "stock_number": 50, "make": 100, "model": 100, "trim": 100, "body_style": 100, "exterior_color": 100,
    "interior_color": 100, "engine": 255, "transmission": 100, "drivetrain": 100, "fuel_type": 50,
}  # fmt: skip
_MAX_INT = _MAX_CENTS = 2_147_483_647  # int columns (money in cents, mileage, fuel economy)
_DRIVETRAINS = {
    "4x4": "4WD", "4wd": "4WD", "4 wd": "4WD", "four wheel drive": "4WD", "4 wheel drive": "4WD",
    "awd": "AWD", "all wheel drive": "AWD", "fwd": "FWD", "front wheel drive": "FWD",
    "rwd": "RWD", "rear wheel drive": "RWD", "4x2": "2WD", "2wd": "2WD", "two wheel drive": "2WD",
}  # fmt: skip
_NEW, _USED, _CERTIFIED = VehicleCondition.new, VehicleCondition.used, VehicleCondition.certified
_CONDITIONS = {
    "new": _NEW, "used": _USED, "pre owned": _USED, "preowned": _USED,
    "cpo": _CERTIFIED, "certified": _CERTIFIED, "certified pre owned": _CERTIFIED, "certified used": _CERTIFIED,
    "certified preowned": _CERTIFIED,
}  # fmt: skip
_AVAILABLE, _PENDING, _IN_TRANSIT, _UNAVAILABLE = (
    VehicleStatus.available, VehicleStatus.pending, VehicleStatus.in_transit, VehicleStatus.unavailable
)  # fmt: skip
_STATUSES = {
    "available": _AVAILABLE, "in stock": _AVAILABLE, "instock": _AVAILABLE, "active": _AVAILABLE,
    "for sale": _AVAILABLE, "pending": _PENDING, "sale pending": _PENDING, "on hold": _PENDING,
    "sold": VehicleStatus.sold, "in transit": _IN_TRANSIT, "intransit": _IN_TRANSIT, "on order": _IN_TRANSIT,
    "unavailable": _UNAVAILABLE, "inactive": _UNAVAILABLE, "out of stock": _UNAVAILABLE,
}  # fmt: skip
_TRUE = frozenset({"1", "true", "yes", "y", "x", "t", "certified", "cpo"})
_KM_PER_MILE = Decimal("1.609344")


class FeedFormatError(ValueError):
    """The feed as a whole cannot be read. `str()` names the file and line."""

    def __init__(self, reason: str, line: int | None = None, filename: str | None = None):
        self.reason = reason
        self.line = line
        self.filename = filename
        where = filename or "feed"
        super().__init__(f"{where}: line {line}: {reason}" if line is not None else f"{where}: {reason}")


@dataclass
class FeedRow:
    line: int
    vehicle: dict[str, Any]  # keys: VEHICLE_COLUMNS; money in integer cents
    warnings: list[str] = field(default_factory=list)


@dataclass
class RowError:
    line: int
    field: str | None
    reason: str


class _Reject(Exception):
    def __init__(self, field: str | None, reason: str):
        super().__init__(reason)
        self.field = field
        self.reason = reason


def normalize_header(name: str) -> str:
    """'Stock Number', 'StockNumber', 'stock-number' -> 'stock_number'; 'MSRP' -> 'msrp'; 'Stock #' -> 'stock'."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip().lstrip("\ufeff"))
    return re.sub(r"[^a-z0-9]+", "_", spaced.lower()).strip("_")


def _accepted(column: str) -> str:
    return ", ".join(alias for alias, target in HEADER_ALIASES.items() if target == column)


# --- lines -----------------------------------------------------------------------------------------------------


def _not_utf8(raw: bytes, error: UnicodeDecodeError, line: int, filename: str | None) -> FeedFormatError:
    byte = raw[error.start]
    return FeedFormatError(
        f"not valid UTF-8: byte 0x{byte:02X} at byte {error.start + 1} of the line; save the feed as UTF-8",
        line=line,
        filename=filename,
    )


def _check_utf8(stream: BinaryIO, filename: str | None) -> None:
    start = stream.tell()
    for number, raw in enumerate(stream, start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _not_utf8(raw, error, number, filename) from None
    stream.seek(start)


def _lines(stream: BinaryIO, filename: str | None) -> Iterator[str]:
    for number, raw in enumerate(stream, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _not_utf8(raw, error, number, filename) from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _sniff(header: str) -> str | None:
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties: the earlier of tab, comma, semicolon, pipe
    return best if counts[best] else None


# --- values ----------------------------------------------------------------------------------------------------


def _cents(raw: str, column: str, warnings: list[str]) -> int | None:
    text = re.sub(r"(?i)usd|us\$|\$|\s", "", raw)
    if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+,\d{1,2}|-?\d+,\d{1,2}", text):  # 59.277,00 / 59277,5
        text = text.replace(".", "").replace(",", ".")
    text = text.replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        warnings.append(f"{column} {raw!r} is not an amount; left empty")
        return None
    if not amount.is_finite():
        warnings.append(f"{column} {raw!r} is not an amount; left empty")
        return None
    cents = int((amount * 100).to_integral_value())
    if cents < 0:
        raise _Reject(column, f"{column} {raw!r} is negative")
    if cents > _MAX_CENTS:
        raise _Reject(column, f"{column} {raw!r} is too large")
    if cents == 0:
        warnings.append(f"{column} is 0; read as not given")
        return None
    return cents


def _mileage(raw: str, warnings: list[str]) -> int | None:
    match = re.fullmatch(r"(-?\d[\d,]*)(?:\.\d+)?\s*(mi|miles?|km|kms|kilometers?|kilometres?)?\.?", raw.strip(), re.I)
    if match is None:
        warnings.append(f"mileage {raw!r} is not a number; left empty")
        return None
    digits = match.group(1).replace(",", "")
    if len(digits) > 12 or int(digits) > _MAX_INT:
        raise _Reject("mileage", f"mileage {raw!r} is too large")
    value = int(digits)
    if value < 0:
        raise _Reject("mileage", f"mileage {raw!r} is negative")
    if (match.group(2) or "").lower().startswith("k"):
        miles = int((Decimal(value) / _KM_PER_MILE).to_integral_value())
        warnings.append(f"mileage {raw!r} converted to {miles} miles")
        return miles
    return value


def _fuel_economy(raw: str, warnings: list[str]) -> int | None:
    numbers = [int(n) if len(n) <= 9 else _MAX_INT for n in re.findall(r"\d+", raw)]
    if len(numbers) == 1 and numbers[0] < _MAX_INT:
        return numbers[0]
    # city/highway: the EPA combined figure (55% city, 45% highway)
    if len(numbers) == 2 and all(0 < n < _MAX_INT for n in numbers):
        city, highway = numbers
        return round(1 / (0.55 / city + 0.45 / highway))
    warnings.append(f"fuel economy {raw!r} is not a combined MPG; left empty")
    return None


def _key(raw: str) -> str:
    return " ".join(re.sub(r"[-_/]+", " ", raw.lower()).split())


def _drivetrain(raw: str) -> str:
    return _DRIVETRAINS.get(_key(raw), raw)


# Which wheels each drivetrain drives: AWD and 4WD are both "all" (feeds mix them), 2WD is either front or rear.
_WHEELS = {"FWD": {"front"}, "RWD": {"rear"}, "2WD": {"front", "rear"}, "AWD": {"all"}, "4WD": {"all"}}


def _drivetrain_check(drivetrain: str | None, trim: str | None, warnings: list[str]) -> None:
    """Warn when the trim names a drivetrain the drivetrain column contradicts ("FWD 4dr LT" on an AWD unit): the
    agent answers from the column, so a customer asking for AWD would be offered that FWD unit."""
    if not drivetrain or not trim or drivetrain not in _WHEELS:
        return
    named = {_DRIVETRAINS[t] for t in re.findall(r"[a-z0-9]+", trim.lower()) if t in _DRIVETRAINS}
    if len(named) == 1 and not _WHEELS[drivetrain] & _WHEELS[next(iter(named))]:
        warnings.append(f"drivetrain {drivetrain} contradicts the trim {trim!r}; kept {drivetrain}: check the feed")


def _dedupe_words(raw: str) -> str:
    """'CVT CVT' -> 'CVT' (a feed quirk); anything else unchanged."""
    words = raw.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return raw


def _images(raw: str, warnings: list[str]) -> list[str]:
    """The photo addresses in a cell: http(s) only (a ``javascript:`` or ``data:`` address is dropped, said)."""
    urls = [u for u in re.findall(r"https?://[^\s,|;]+", raw) if is_http_url(u)]
    if not urls:
        warnings.append(f"images {raw[:80]!r} hold no http(s) address; left empty")
    return list(dict.fromkeys(urls))


def _features(raw: str) -> list[str]:
    separator = next((s for s in ("|", ";", ",") if s in raw), None)
    parts = raw.split(separator) if separator else [raw]
    return [cleaned for part in parts if (cleaned := clean_listing(part, short=True))]


def _clean_trim(vehicle: dict[str, Any], warnings: list[str]) -> None:
    """A trim is shown in every answer about the unit: markup, search-index debris and flags go."""
    raw = vehicle["trim"]
    cleaned = clean_listing(raw, short=True)
    if raw and cleaned != raw:
        warnings.append(
            f"trim {raw!r} cleaned to {cleaned!r}" if cleaned else f"trim {raw!r} is not a trim; left empty"
        )
    vehicle["trim"] = cleaned


def _fuel(vehicle: dict[str, Any], warnings: list[str]) -> None:
    """Hybrids are stored as hybrids whatever the feed's fuel column says (one feed labels them "Electric", another
    "Gasoline"): the model's or trim's name decides (``brain.nlu.attributes.vehicle_fuel``)."""
    raw = vehicle["fuel_type"]
    fuel = vehicle_fuel(raw, vehicle["model"], vehicle["trim"])
    if fuel != raw:
        said = f"fuel type {raw!r}" if raw else "no fuel type"
        warnings.append(f"{said} for a {vehicle['model']} {vehicle['trim'] or ''}".rstrip() + f"; stored {fuel!r}")
    vehicle["fuel_type"] = fuel


# --- rows ------------------------------------------------------------------------------------------------------


class _Row:
    def __init__(self, values: list[str], columns: dict[str, list[int]]):
        self.values = values
        self.columns = columns

    def get(self, column: str) -> str | None:
        for index in self.columns.get(column, ()):
            value = self.values[index].strip() if index < len(self.values) else ""
            if value:
                if "\x00" in value:
                    raise _Reject(column, f"{column} contains a NUL byte")
                max_length = _MAX_LENGTH.get(column)
                if max_length is not None and len(value) > max_length:
                    raise _Reject(column, f"{column} is {len(value)} characters long; the limit is {max_length}")
                return value
        return None


def _identity(row: _Row, vehicle: dict[str, Any], warnings: list[str], max_year: int) -> None:
    raw_vin = row.get("vin")
    if raw_vin is None:
        raise _Reject("vin", "vin is empty")
    check = check_vin(raw_vin)
    if not check.valid:
        raise _Reject("vin", check.message or "invalid VIN")
    if check.check_digit_ok is False and check.message:
        warnings.append(check.message)
    vehicle["vin"] = check.vin
    for column in ("make", "model"):
        value = row.get(column)
        if value is None:
            raise _Reject(column, f"{column} is empty")
        vehicle[column] = value
    raw_year = row.get("year")
    if raw_year is None:
        raise _Reject("year", "year is empty")
    if not re.fullmatch(r"\d{4}", raw_year):
        raise _Reject("year", f"year {raw_year!r} is not a 4-digit number")
    year = int(raw_year)
    if not YEAR_MIN <= year <= max_year:
        raise _Reject("year", f"year {year} is outside {YEAR_MIN}..{max_year}")
    vehicle["year"] = year


def _condition(row: _Row, vehicle: dict[str, Any], warnings: list[str]) -> None:
    raw = row.get("condition")
    body = vehicle["body_style"]
    if body and _key(body) in _CONDITIONS:  # some feeds' "Type" column says New/Used, not the body style
        vehicle["body_style"] = None
        raw = raw or body
    condition = _CONDITIONS.get(_key(raw)) if raw else None
    if raw and condition is None:
        warnings.append(f"condition {raw!r} is not new, used or certified; left empty")
    certified_raw = row.get("certified")
    certified = is_certified(condition) or (certified_raw is not None and _key(certified_raw) in _TRUE)
    if certified and condition == VehicleCondition.used:
        condition = VehicleCondition.certified
    vehicle["condition"] = condition
    vehicle["certified"] = certified


def _vehicle(row: _Row, warnings: list[str], max_year: int) -> dict[str, Any]:
    vehicle: dict[str, Any] = dict.fromkeys(VEHICLE_COLUMNS)
    _identity(row, vehicle, warnings, max_year)
    for column in ("stock_number", "trim", "body_style", "exterior_color", "interior_color", "engine", "fuel_type"):
        vehicle[column] = row.get(column)
    _clean_trim(vehicle, warnings)
    _fuel(vehicle, warnings)
    if vehicle["body_style"] and _key(vehicle["body_style"]) in {"car truck", "motorcycle", "powersport", "other"}:
        vehicle["body_style"] = None  # a catalog category (Vehicle Type), not a body style
    transmission, drivetrain = row.get("transmission"), row.get("drivetrain")
    vehicle["transmission"] = _dedupe_words(transmission) if transmission else None
    vehicle["drivetrain"] = _drivetrain(drivetrain) if drivetrain else None
    _drivetrain_check(vehicle["drivetrain"], vehicle["trim"], warnings)
    mileage, economy = row.get("mileage"), row.get("fuel_economy")
    vehicle["mileage"] = _mileage(mileage, warnings) if mileage else None
    vehicle["fuel_economy"] = _fuel_economy(economy, warnings) if economy else None
    for column in ("msrp", "sale_price", "price"):
        raw = row.get(column)
        vehicle[column] = _cents(raw, column, warnings) if raw else None
    if vehicle["price"] is None:
        vehicle["price"] = vehicle["sale_price"]
    _condition(row, vehicle, warnings)
    vehicle["description"] = clean_listing(row.get("description"))
    features, images = row.get("features"), row.get("images")
    vehicle["features"] = _features(features) if features else []
    vehicle["images"] = _images(images, warnings) if images else []
    url = row.get("url")
    vehicle["url"] = url if is_http_url(url) else None
    if url and vehicle["url"] is None:
        warnings.append(f"url {url[:80]!r} is not an http(s) address; left empty")
    status = row.get("status")
    vehicle["status"] = _STATUSES.get(_key(status)) if status else None
    if status and vehicle["status"] is None:
        warnings.append(f"status {status!r} is not a known status; left empty")
    return vehicle


class _Reader(Protocol):
    """What `_records` needs of a csv reader."""

    @property
    def line_num(self) -> int: ...

    def __next__(self) -> list[str]: ...


def _records(reader: _Reader, width: int, columns: dict[str, list[int]], max_year: int) -> Iterator[FeedRow | RowError]:
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield RowError(start, None, f"unreadable record: {error}")
            continue
        if not values or not any(value.strip() for value in values):
            continue
        if len(values) != width and (len(values) < width or any(v.strip() for v in values[width:])):
            yield RowError(start, None, f"expected {width} fields (as in the header), found {len(values)}")
            continue
        warnings: list[str] = []
        try:
            vehicle = _vehicle(_Row(values, columns), warnings, max_year)
        except _Reject as reject:
            yield RowError(start, reject.field, reject.reason)
            continue
        yield FeedRow(start, vehicle, warnings)


def _map_header(header: list[str], line: int, filename: str | None) -> dict[str, list[int]]:
    ranked: dict[str, list[tuple[int, int]]] = {}
    priority = {alias: rank for rank, alias in enumerate(HEADER_ALIASES)}
    for index, name in enumerate(header):
        normalised = normalize_header(name)
        column = HEADER_ALIASES.get(normalised)
        if column is not None:
            ranked.setdefault(column, []).append((priority[normalised], index))
    columns = {column: [index for _, index in sorted(pairs)] for column, pairs in ranked.items()}
    for required in REQUIRED:
        if required not in columns:
            raise FeedFormatError(
                f"required column {required!r} is missing; accepted headers (any case, spaces or CamelCase): "
                f"{_accepted(required)}",
                line=line,
                filename=filename,
            )
    return columns


def read_feed(stream: BinaryIO, *, filename: str | None = None) -> Iterator[FeedRow | RowError]:
    """Rows of a CSV/TSV/semicolon/pipe feed (delimiter sniffed from the header line), one at a time.

    Raises FeedFormatError here, before the first row, for whole-file problems (see the module docstring).
    """
    name = filename or (stream.name if isinstance(getattr(stream, "name", None), str) else None)
    if stream.seekable():
        _check_utf8(stream, name)
    lines = _lines(stream, name)
    leading: list[str] = []
    for line in lines:
        leading.append(line)
        if line.strip():
            break
    if not leading or not leading[-1].strip():
        raise FeedFormatError("the file is empty: no header line", line=None, filename=name)
    header_line = len(leading)
    delimiter = _sniff(leading[-1])
    if delimiter is None:
        raise FeedFormatError(
            "the header has a single column: no tab, comma, semicolon or pipe between column names",
            line=header_line,
            filename=name,
        )
    reader = csv.reader(chain(leading, lines), delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    header = next(reader)
    while not any(cell.strip() for cell in header):  # blank lines before the header
        header = next(reader)
    columns = _map_header(header, header_line, name)
    max_year = date.today().year + 2
    return _records(reader, len(header), columns, max_year)
