from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from showroom.inventory.feed import (
    HEADER_ALIASES,
    REQUIRED,
    VEHICLE_COLUMNS,
    FeedFormatError,
    FeedRow,
    RowError,
    normalize_header,
    read_feed,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "world_hyundai_matteson.tsv"
VIN = "1HGCM82633A004352"  # valid, North American check digit correct
HEADER = "VIN,Year,Make,Model,Price\n"


def read(text: str | bytes, filename: str | None = "feed.csv") -> list[FeedRow | RowError]:
    data = text.encode() if isinstance(text, str) else text
    return list(read_feed(io.BytesIO(data), filename=filename))


def only_row(text: str) -> FeedRow:
    (row,) = read(text)
    assert isinstance(row, FeedRow), row
    return row


def vehicle(extra_header: str, extra_value: str) -> dict[str, Any]:
    return only_row(f"vin,year,make,model,{extra_header}\n{VIN},2020,Honda,Accord,{extra_value}\n").vehicle


class OneWay(io.RawIOBase):
    """A stream that cannot seek, like a pipe or an upload read once."""

    def __init__(self, data: bytes):
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


# --- the real feed ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_rows() -> list[FeedRow | RowError]:
    with FIXTURE.open("rb") as stream:
        return list(read_feed(stream))


def by_vin(rows: list[FeedRow | RowError], vin: str) -> FeedRow:
    return next(row for row in rows if isinstance(row, FeedRow) and row.vehicle["vin"] == vin)


def test_every_row_of_the_real_dealer_feed_parses(fixture_rows: list[FeedRow | RowError]) -> None:
    # The README says 142 vehicles; the file holds 143 data rows (144 lines, the last without a newline).
    assert [row for row in fixture_rows if isinstance(row, RowError)] == []
    assert len(fixture_rows) == 143
    assert [row.line for row in fixture_rows] == list(range(2, 145))
    assert all(set(row.vehicle) == set(VEHICLE_COLUMNS) for row in fixture_rows if isinstance(row, FeedRow))


def test_the_first_vehicle_of_the_feed_is_read_completely(fixture_rows: list[FeedRow | RowError]) -> None:
    row = fixture_rows[0]
    assert isinstance(row, FeedRow) and row.line == 2 and row.warnings == []
    assert row.vehicle == {
        "vin": "KM8KRDDF3RU249012",
        "stock_number": "25713",
        "make": "Hyundai",
        "model": "Ioniq 5",
        "year": 2024,
        "trim": "Limited AWD",
        "body_style": "SUV",
        "exterior_color": "White",
        "interior_color": None,
        "mileage": 10,
        "engine": None,
        "transmission": "Automatic",
        "drivetrain": "AWD",
        "fuel_type": "Electric",
        "fuel_economy": None,
        "msrp": None,
        "sale_price": None,
        "price": 5_927_700,
        "condition": "new",
        "certified": False,
        "description": "New 2024 Hyundai Ioniq 5",
        "features": [],
        "images": ["https://storage.googleapis.com/wackk-images-production-4f204ab/qnahp9rkvpo3adppu9kjfph2slto"],
        "url": "https://worldhyundaimatteson.com/inventory/--Hyundai-KM8KRDDF3RU249012",
        "status": None,
    }


def test_used_vehicles_of_the_feed_keep_their_quirks_normalised(fixture_rows: list[FeedRow | RowError]) -> None:
    equinox = by_vin(fixture_rows, "3GNAXUEV5KL361880").vehicle
    assert (equinox["condition"], equinox["year"], equinox["mileage"], equinox["price"]) == (
        "used",
        2019,
        73398,
        1_730_000,
    )
    assert (equinox["stock_number"], equinox["trim"]) == ("KV5413", "AWD 4dr LT w/1LT")
    altima = by_vin(fixture_rows, "1N4BL4DVXRN331977").vehicle
    assert altima["transmission"] == "CVT"  # "CVT CVT" in the feed
    compass = by_vin(fixture_rows, "3C4NJCBB2JT502841").vehicle
    assert (compass["price"], compass["fuel_type"], compass["body_style"]) == (None, None, "SUV")  # empty in the feed
    sportage = by_vin(fixture_rows, "KNDPM3ACXL7679624").vehicle
    assert sportage["mileage"] is None


def test_the_feed_drivetrains_are_normalised(fixture_rows: list[FeedRow | RowError]) -> None:
    drivetrains = {row.vehicle["drivetrain"] for row in fixture_rows if isinstance(row, FeedRow)}
    assert drivetrains == {"AWD", "FWD", "4WD", "RWD"}  # 24 rows say 4X4


def test_a_drivetrain_the_trim_contradicts_is_kept_with_a_warning(fixture_rows: list[FeedRow | RowError]) -> None:
    """The agent searches the drivetrain column, and its answers show the trim: a customer asking for AWD was
    offered "2020 Chevrolet Equinox FWD 4dr LT" (the real feed says AWD there). 24 of its 143 rows disagree."""
    equinox = by_vin(fixture_rows, "2GNAXJEV7L6197357")
    assert equinox.vehicle["drivetrain"] == "AWD"
    assert "drivetrain AWD contradicts the trim 'FWD 4dr LT w/2FL'; kept AWD: check the feed" in equinox.warnings
    rows = [row for row in fixture_rows if isinstance(row, FeedRow)]
    assert sum(any("contradicts the trim" in w for w in row.warnings) for row in rows) == 24
    text = "VIN,Year,Make,Model,Trim,Drivetrain\n"
    for trim, drivetrain in (("SLT 2WD", "RWD"), ("Limited 4WD", "AWD"), ("Sport", "FWD"), ("AWD FWD", "RWD")):
        text += f"{VIN},2020,GMC,Canyon,{trim},{drivetrain}\n"  # agree, or the trim names none or two
    assert all(isinstance(row, FeedRow) and not row.warnings for row in read(text))


def test_search_index_debris_in_the_trim_is_left_out_with_a_warning(fixture_rows: list[FeedRow | RowError]) -> None:
    """Six trims of the feed are a search index's highlight metadata ("value matchLevel none matchedWords"): every
    answer about those units showed it. One carries a web page's flag ("SE AWD *Ltd Avail*")."""
    debris = [r for r in fixture_rows if isinstance(r, FeedRow) and any("is not a trim" in w for w in r.warnings)]
    assert sorted(r.vehicle["model"] for r in debris) == ["Edge", "Edge", "Edge", "Edge", "F-150", "Mustang"]
    assert all(r.vehicle["trim"] is None for r in debris)
    assert "trim 'value matchLevel none matchedWords' is not a trim; left empty" in debris[0].warnings
    trims = {r.vehicle["trim"] for r in fixture_rows if isinstance(r, FeedRow)}
    assert "SE AWD" in trims and not any("*" in t or "match" in t for t in trims if t)


def test_hybrids_are_stored_as_hybrids_whatever_the_fuel_column_says(fixture_rows: list[FeedRow | RowError]) -> None:
    """The feed labels its hybrids "Electric" (or "Gasoline"): a customer asking for an EV was offered them."""
    fuel = {
        (r.vehicle["model"], r.vehicle["trim"], r.vehicle["fuel_type"]) for r in fixture_rows if isinstance(r, FeedRow)
    }
    assert ("Tucson Hybrid", "Limited AWD", "Hybrid") in fuel and (
        "Tucson Hybrid",
        "Limited AWD",
        "Electric",
    ) not in fuel
    assert ("Santa Fe", "SEL HEV", "Hybrid") in fuel and ("Prius Prime", "LE", "Plug-In Hybrid") in fuel
    assert ("5 Series", "530e iPerformance Plug-In Hybrid", "Plug-In Hybrid") in fuel
    electric = sorted(model for model, _, f in fuel if f == "Electric")
    assert electric == ["Ioniq 5", "Ioniq 6", "Niro Ev"]
    tucson = next(r for r in fixture_rows if isinstance(r, FeedRow) and r.vehicle["vin"] == "KM8JECD13RU242325")
    assert "fuel type 'Electric' for a Tucson Hybrid Limited AWD; stored 'Hybrid'" in tucson.warnings


def test_listing_text_loses_markup_debris_and_staff_notes() -> None:
    row = only_row(
        "vin,year,make,model,trim,description,features\n"
        f'{VIN},2020,Honda,Accord,EX-L <b>*Sale*</b>,"<p>One owner!</p>Internal note: ACV 9k. Call Bob.",'
        '"Heated Seats|value matchLevel none matchedWords|Sunroof"\n'
    )
    assert row.vehicle["trim"] == "EX-L"
    assert row.vehicle["description"] == "One owner!"
    assert row.vehicle["features"] == ["Heated Seats", "Sunroof"]
    assert any("trim" in w for w in row.warnings)


def test_the_feed_prices_are_integer_cents(fixture_rows: list[FeedRow | RowError]) -> None:
    prices = [row.vehicle["price"] for row in fixture_rows if isinstance(row, FeedRow)]
    assert sum(price is None for price in prices) == 29
    assert all(isinstance(price, int) and price % 100 == 0 for price in prices if price is not None)


# --- headers -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("StockNumber", "stock_number"),
        ("stock_no", "stock_no"),
        ("Stock #", "stock"),
        ("Formatted Price", "formatted_price"),
        ("MSRP", "msrp"),
        ("ExteriorColor", "exterior_color"),
        ("\ufeffVIN", "vin"),
        ("Image URL", "image_url"),
    ],
)
def test_headers_are_normalised_to_snake_case(header: str, expected: str) -> None:
    assert normalize_header(header) == expected


def test_every_alias_is_already_normalised_and_targets_a_vehicle_column() -> None:
    assert all(normalize_header(alias) == alias for alias in HEADER_ALIASES)
    assert set(HEADER_ALIASES.values()) <= set(VEHICLE_COLUMNS)
    assert all(column in HEADER_ALIASES.values() for column in REQUIRED)


def test_a_camel_case_feed_maps_to_the_vehicle_columns() -> None:
    text = (
        "VIN,ModelYear,Make,Model,StockNumber,ExteriorColor,InteriorColor,BodyStyle,Miles,MSRP,SellingPrice,"
        "InternetPrice,DriveTrain,FuelType,Certified,Condition\n"
        f'{VIN},2020,Honda,Accord,H123,Red,Black,Sedan,"12,345","$30,000",28500,27999.99,4x4,Gasoline,Yes,Used\n'
    )
    car = only_row(text).vehicle
    assert (car["year"], car["stock_number"], car["exterior_color"], car["interior_color"]) == (
        2020,
        "H123",
        "Red",
        "Black",
    )
    assert (car["body_style"], car["mileage"], car["drivetrain"], car["fuel_type"]) == (
        "Sedan",
        12345,
        "4WD",
        "Gasoline",
    )
    assert (car["msrp"], car["sale_price"], car["price"]) == (3_000_000, 2_850_000, 2_850_000)
    assert (car["condition"], car["certified"]) == ("certified", True)


def test_a_snake_case_feed_maps_to_the_vehicle_columns() -> None:
    text = (
        "vin\tyear\tmake\tmodel\tstock_no\texterior_color\todometer\tsale_price\tlist_price\tbody_type\tstatus\n"
        f"{VIN}\t2020\tHonda\tAccord\tH9\tBlue\t1000\t$21,000.00\t$23,000.00\tSedan\tIn Stock\n"
    )
    car = only_row(text).vehicle
    assert (car["stock_number"], car["exterior_color"], car["mileage"]) == ("H9", "Blue", 1000)
    assert (car["sale_price"], car["msrp"], car["price"], car["body_style"]) == (
        2_100_000,
        2_300_000,
        2_100_000,
        "Sedan",
    )
    assert car["status"] == "available"


def test_the_plain_price_wins_over_the_formatted_price_and_fills_in_for_it() -> None:
    text = f'VIN,Year,Make,Model,Formatted Price,Price\n{VIN},2020,Honda,Accord,"$1,000","$2,000.00"\n'
    text += f'{VIN},2020,Honda,Accord,"$1,000",\n'
    first, second = read(text)
    assert isinstance(first, FeedRow) and isinstance(second, FeedRow)
    assert (first.vehicle["price"], second.vehicle["price"]) == (200_000, 100_000)


def test_a_missing_required_column_is_named_with_its_accepted_aliases() -> None:
    with pytest.raises(FeedFormatError) as caught:
        read("VIN,Make,Model,Price\n1HGCM82633A004352,Honda,Accord,1\n", filename="dealer.csv")
    error = caught.value
    assert error.line == 1
    assert "required column 'year' is missing" in error.reason
    assert "model_year" in error.reason and "modelyear" in error.reason
    assert str(error).startswith("dealer.csv: line 1: required column 'year'")


def test_an_empty_file_has_no_header() -> None:
    with pytest.raises(FeedFormatError, match="no header line"):
        read("\n\n  \n")


def test_a_header_without_any_delimiter_is_refused() -> None:
    with pytest.raises(FeedFormatError, match="single column") as caught:
        read("vin\n1HGCM82633A004352\n")
    assert caught.value.line == 1


def test_blank_lines_before_the_header_are_skipped_and_counted() -> None:
    (row,) = read(f"\n\n{HEADER}{VIN},2020,Honda,Accord,1\n")
    assert row.line == 4


# --- delimiters, encoding, quoting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_the_delimiter_is_sniffed_from_the_header(delimiter: str) -> None:
    line = delimiter.join(["VIN", "Year", "Make", "Model", "Price"]) + "\n"
    line += delimiter.join([VIN, "2020", "Honda", "Accord", "19999"]) + "\n"
    car = only_row(line).vehicle
    assert (car["vin"], car["model"], car["price"]) == (VIN, "Accord", 1_999_900)


def test_a_semicolon_feed_with_european_prices_reads_cents() -> None:
    car = only_row(f"VIN;Year;Make;Model;Price\n{VIN};2020;Honda;Accord;59.277,00\n").vehicle
    assert car["price"] == 5_927_700


def test_a_utf8_bom_is_ignored() -> None:
    car = only_row("\ufeff" + HEADER + f"{VIN},2020,Citroën,C4,1\n").vehicle
    assert (car["vin"], car["make"]) == (VIN, "Citroën")


def test_a_quoted_field_with_embedded_newlines_keeps_the_starting_line_number() -> None:
    text = (
        "VIN,Year,Make,Model,Description\n"
        f'{VIN},2020,Honda,Accord,"One owner.\nNew tyres.\n""Clean"" title."\n'
        f"{VIN},2021,Honda,Civic,plain\n"
        f"BAD,2021,Honda,Civic,x\n"
    )
    first, second, third = read(text)
    assert isinstance(first, FeedRow) and isinstance(second, FeedRow) and isinstance(third, RowError)
    assert first.vehicle["description"] == 'One owner.\nNew tyres.\n"Clean" title.'
    assert (first.line, second.line, third.line) == (2, 5, 6)


def test_crlf_line_endings_are_read() -> None:
    rows = read(f"VIN,Year,Make,Model\r\n{VIN},2020,Honda,Accord\r\n{VIN},2021,Honda,Civic\r\n")
    assert [row.line for row in rows] == [2, 3]
    assert all(isinstance(row, FeedRow) and "\r" not in row.vehicle["model"] for row in rows)


def test_a_non_utf8_file_is_refused_naming_the_line_and_byte() -> None:
    data = (HEADER + f"{VIN},2020,Honda,Accord,1\n{VIN},2020,Citroën,C4,1\n").encode("cp1252")
    with pytest.raises(FeedFormatError) as caught:
        read(data, filename="latin.csv")
    error = caught.value
    assert error.line == 3
    assert "not valid UTF-8: byte 0xEB at byte 29 of the line" in error.reason
    assert str(error).startswith("latin.csv: line 3:")


def test_a_seekable_non_utf8_file_is_refused_before_any_row_is_yielded() -> None:
    data = (HEADER + f"{VIN},2020,Honda,Accord,1\n{VIN},2020,Citroën,C4,1\n").encode("cp1252")
    with pytest.raises(FeedFormatError):
        read_feed(io.BytesIO(data))  # raised by the call itself, not by iterating


def test_a_non_seekable_non_utf8_stream_fails_at_the_bad_line() -> None:
    data = (HEADER + f"{VIN},2020,Honda,Accord,1\n{VIN},2020,Citroën,C4,1\n").encode("cp1252")
    rows = read_feed(io.BufferedReader(OneWay(data)), filename="pipe")
    first = next(rows)
    assert isinstance(first, FeedRow) and first.line == 2
    with pytest.raises(FeedFormatError, match="pipe: line 3: not valid UTF-8"):
        next(rows)


def test_the_filename_defaults_to_the_stream_name(tmp_path: Path) -> None:
    path = tmp_path / "stock.csv"
    path.write_text("VIN,Make\n")
    with path.open("rb") as stream, pytest.raises(FeedFormatError) as caught:
        read_feed(stream)
    assert str(caught.value).startswith(f"{path}: line 1:")


# --- broken rows -----------------------------------------------------------------------------------------------------


def test_broken_rows_are_reported_with_line_and_field_and_the_stream_continues() -> None:
    next_year = date.today().year + 2
    lines = [
        HEADER.strip(),
        f"{VIN},2020,Honda,Accord,1",  # 2 ok
        f"{VIN},2020,Honda",  # 3 too few fields
        "1HGCM82633A00435,2020,Honda,Accord,1",  # 4 VIN of 16
        "1HGCM8263OA004352,2020,Honda,Accord,1",  # 5 VIN with O
        f"{VIN},twenty,Honda,Accord,1",  # 6 year not a number
        f"{VIN},1899,Honda,Accord,1",  # 7 year too old
        f"{VIN},{next_year + 1},Honda,Accord,1",  # 8 year too new
        f"{VIN},2020,Honda,Accord,-5",  # 9 negative price
        f"{VIN},2020,,Accord,1",  # 10 no make
        ",2020,Honda,Accord,1",  # 11 no VIN
        f"{VIN},2020,Honda,Accord,1,extra",  # 12 too many fields
        f"{VIN},{next_year},Honda,Accord,1",  # 13 ok: the newest model year allowed
    ]
    rows = read("\n".join(lines) + "\n")
    summary = [(row.line, row.field) if isinstance(row, RowError) else (row.line, "ok") for row in rows]
    assert summary == [
        (2, "ok"),
        (3, None),
        (4, "vin"),
        (5, "vin"),
        (6, "year"),
        (7, "year"),
        (8, "year"),
        (9, "price"),
        (10, "make"),
        (11, "vin"),
        (12, None),
        (13, "ok"),
    ]
    reasons = {row.line: row.reason for row in rows if isinstance(row, RowError)}
    assert reasons[3] == "expected 5 fields (as in the header), found 3"
    assert "has 16 characters; a VIN has exactly 17" in reasons[4]
    assert "contains 'O' at position 10" in reasons[5]
    assert reasons[6] == "year 'twenty' is not a 4-digit number"
    assert reasons[8] == f"year {next_year + 1} is outside 1900..{next_year}"
    assert reasons[9] == "price '-5' is negative"
    assert reasons[11] == "vin is empty"


def test_a_trailing_empty_field_is_not_a_broken_row() -> None:
    assert isinstance(only_row(f"{HEADER}{VIN},2020,Honda,Accord,1,\n"), FeedRow)


def test_a_vin_that_fails_its_check_digit_is_kept_with_a_warning() -> None:
    row = only_row(f"{HEADER}1HGCM82633A004353,2020,Honda,Accord,1\n")
    assert row.vehicle["vin"] == "1HGCM82633A004353"
    assert row.warnings == [
        "VIN 1HGCM82633A004353 fails the North American check digit: position 9 is '3', expected '5'"
    ]


def test_a_value_longer_than_its_column_rejects_the_row() -> None:
    (row,) = read(f"{HEADER}{VIN},2020,{'X' * 101},Accord,1\n")
    assert isinstance(row, RowError)
    assert (row.field, row.reason) == ("make", "make is 101 characters long; the limit is 100")


def test_a_nul_byte_rejects_the_row_naming_the_field() -> None:
    rows = read(f"{HEADER}{VIN},2020,Honda,Acc\0ord,1\n{VIN},2021,Honda,Civic,1\n")
    assert rows[0] == RowError(2, "model", "model contains a NUL byte")
    assert isinstance(rows[1], FeedRow) and rows[1].line == 3


def test_a_field_over_the_csv_size_limit_is_an_unreadable_record_and_the_stream_continues() -> None:
    rows = read(f"{HEADER}{VIN},2020,Honda,Accord,{'9' * 200_000}\n{VIN},2021,Honda,Civic,1\n")
    assert isinstance(rows[0], RowError) and rows[0].line == 2
    assert rows[0].reason == "unreadable record: field larger than field limit (131072)"
    assert isinstance(rows[1], FeedRow) and rows[1].line == 3


# --- values ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "cents"),
    [
        ('"$59,277.00"', 5_927_700),
        ("59277", 5_927_700),
        ('"59,277"', 5_927_700),
        ("USD 12.5", 1250),
        ("", None),
    ],
)
def test_prices_become_integer_cents(raw: str, cents: int | None) -> None:
    assert vehicle("Price", raw)["price"] == cents


@pytest.mark.parametrize("raw", ["0", "$0.00", "Call for price"])
def test_a_zero_or_unreadable_price_is_left_empty_with_a_warning(raw: str) -> None:
    row = only_row(f"{HEADER}{VIN},2020,Honda,Accord,{raw}\n")
    assert row.vehicle["price"] is None
    assert len(row.warnings) == 1 and "price" in row.warnings[0]


@pytest.mark.parametrize(
    ("raw", "miles"), [('"12,345 mi"', 12345), ("12345", 12345), ("8 miles", 8), ('"20,000 km"', 12427), ("", None)]
)
def test_mileage_is_read_in_miles(raw: str, miles: int | None) -> None:
    assert vehicle("Mileage", raw)["mileage"] == miles


def test_a_negative_mileage_rejects_the_row() -> None:
    (row,) = read(f"vin,year,make,model,mileage\n{VIN},2020,Honda,Accord,-3\n")
    assert isinstance(row, RowError) and row.field == "mileage"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4X4", "4WD"),
        ("4wd", "4WD"),
        ("Four-Wheel Drive", "4WD"),
        ("All Wheel Drive", "AWD"),
        ("front-wheel drive", "FWD"),
        ("RWD", "RWD"),
        ("4x2", "2WD"),
        ("Part-time 4WD", "Part-time 4WD"),
    ],
)
def test_drivetrains_are_normalised(raw: str, expected: str) -> None:
    assert vehicle("Drivetrain", raw)["drivetrain"] == expected


@pytest.mark.parametrize(
    ("raw", "condition", "certified"),
    [
        ("New", "new", False),
        ("Used", "used", False),
        ("Pre-Owned", "used", False),
        ("CPO", "certified", True),
        ("Certified Pre-Owned", "certified", True),
        ("certified", "certified", True),
        ("", None, False),
    ],
)
def test_conditions_are_normalised(raw: str, condition: str | None, certified: bool) -> None:
    car = vehicle("Condition", raw)
    assert (car["condition"], car["certified"]) == (condition, certified)


def test_an_unknown_condition_is_left_empty_with_a_warning() -> None:
    row = only_row(f"vin,year,make,model,condition\n{VIN},2020,Honda,Accord,Demo\n")
    assert row.vehicle["condition"] is None
    assert row.warnings == ["condition 'Demo' is not new, used or certified; left empty"]


@pytest.mark.parametrize(
    ("raw", "status"), [("Available", "available"), ("In Transit", "in_transit"), ("SOLD", "sold"), ("", None)]
)
def test_statuses_are_normalised(raw: str, status: str | None) -> None:
    assert vehicle("Status", raw)["status"] == status


def test_several_image_urls_become_a_list() -> None:
    car = vehicle("Image URLs", '"https://img.example/1.jpg, https://img.example/2.jpg|https://img.example/1.jpg"')
    assert car["images"] == ["https://img.example/1.jpg", "https://img.example/2.jpg"]


def test_features_are_split_on_the_first_separator_they_use() -> None:
    assert vehicle("Features", '"Sunroof|Heated seats, front|Tow hitch"')["features"] == [
        "Sunroof",
        "Heated seats, front",
        "Tow hitch",
    ]
    assert vehicle("Options", '"Sunroof, Navigation"')["features"] == ["Sunroof", "Navigation"]


def test_a_city_highway_mpg_pair_becomes_the_combined_figure() -> None:
    assert vehicle("MPG", "25/32")["fuel_economy"] == 28
    assert vehicle("MPG", "30")["fuel_economy"] == 30


def test_the_catalog_vehicle_type_is_not_taken_for_a_body_style() -> None:
    assert vehicle("Vehicle Type", "Car_Truck")["body_style"] is None


def test_a_type_column_that_says_new_or_used_is_read_as_the_condition() -> None:
    car = vehicle("Type", "Used")
    assert (car["body_style"], car["condition"]) == (None, "used")


# --- streaming ------------------------------------------------------------------------------------------------------


def write_feed(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Condition\tYear\tMake\tModel\tVIN\tColor\tDescription\tDrivetrain\tMileage\tPrice\tURL\n")
        for index in range(rows):
            handle.write(
                f"Used\t{2010 + index % 15}\tHyundai\tTucson\t{VIN}\tGrey\tUsed Hyundai Tucson number {index}\t4X4\t"
                f"{index * 7}\t${15000 + index % 5000:,}.00\thttps://dealer.example/inventory/{index}\n"
            )
    return path


def peak_memory_while_reading(path: Path) -> tuple[int, int]:
    count = 0
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            rows: Iterator[FeedRow | RowError] = read_feed(stream)
            for row in rows:
                assert isinstance(row, FeedRow)
                count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak


def test_reading_a_large_feed_keeps_peak_memory_flat(tmp_path: Path) -> None:
    small_count, small_peak = peak_memory_while_reading(write_feed(tmp_path / "small.tsv", 5_000))
    large_count, large_peak = peak_memory_while_reading(write_feed(tmp_path / "large.tsv", 50_000))
    assert (small_count, large_count) == (5_000, 50_000)
    # Ten times the rows: a reader that kept rows would peak ~10x higher. Streaming stays about the same.
    assert large_peak < 2 * small_peak, (small_peak, large_peak)
