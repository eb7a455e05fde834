from __future__ import annotations

import csv
from pathlib import Path

import pytest

from showroom.inventory.vin import check_digit, check_vin

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "world_hyundai_matteson.tsv"


@pytest.mark.parametrize(
    "vin",
    [
        "1HGCM82633A004352",  # the textbook Honda Accord example
        "3GNAXUEV5KL361880",  # Mexico-built Chevrolet from the feed
        "1N4BL4DVXRN331977",  # check digit X (remainder 10), from the feed
        "5NMP5DGL0RH048828",  # Alabama-built Hyundai from the feed: check digit 0
    ],
)
def test_a_real_north_american_vin_passes_its_check_digit(vin: str) -> None:
    check = check_vin(vin)
    assert (check.valid, check.north_american, check.check_digit_ok, check.message) == (True, True, True, None)


def test_every_north_american_vin_of_the_dealer_feed_passes_its_check_digit() -> None:
    with FEED.open(newline="") as handle:
        vins = [row["VIN"] for row in csv.DictReader(handle, delimiter="\t")]
    checks = [check_vin(vin) for vin in vins]
    assert len(checks) == 143 and all(check.valid for check in checks)
    north_american = [check for check in checks if check.north_american]
    assert len(north_american) == 99
    assert all(check.check_digit_ok for check in north_american)


def test_a_vin_built_outside_north_america_has_no_check_digit_to_verify() -> None:
    check = check_vin("KM8KRDDF3RU249012")  # Korea
    assert (check.valid, check.north_american, check.check_digit_ok, check.message) == (True, False, None, None)


def test_the_vin_is_stripped_and_upper_cased() -> None:
    assert check_vin("  1hgcm82633a004352\n").vin == "1HGCM82633A004352"


def test_a_single_typo_breaks_the_north_american_check_digit() -> None:
    check = check_vin("1HGCM82633A004353")
    assert (check.valid, check.check_digit_ok) == (True, False)
    assert check.message == (
        "VIN 1HGCM82633A004353 fails the North American check digit: position 9 is '3', expected '5'"
    )


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "VIN is empty"),
        ("1HGCM82633A00435", "has 16 characters; a VIN has exactly 17"),
        ("1HGCM82633A0043521", "has 18 characters"),
        ("1HGCM8263OA004352", "contains 'O' at position 10; I, O and Q are never used"),
        ("1HGCM82633A00435I", "contains 'I' at position 17"),
        ("1HGCM8-633A004352", "contains '-' at position 7; only letters and digits"),
    ],
)
def test_a_malformed_vin_is_invalid_with_a_precise_message(raw: str, fragment: str) -> None:
    check = check_vin(raw)
    assert check.valid is False
    assert check.check_digit_ok is None
    assert check.message is not None and fragment in check.message


def test_a_malformed_vin_still_reports_its_region_of_manufacture() -> None:
    assert check_vin("1ABC").north_american is True
    assert check_vin("WABC").north_american is False


def test_the_check_digit_is_computed_from_the_weighted_transliteration() -> None:
    assert check_digit("1M8GDM9AXKP042788") == "X"
    assert check_digit("11111111111111111") == "1"
