from __future__ import annotations

import re

import pytest

from showroom.leads.contacts import E164_PATTERN, full_name, normalize_email, normalize_phone, split_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Alexsample22@Example.COM ", "alexsample22@example.com"),
        ("john.doe@example.com", "john.doe@example.com"),
        ("mailto:Jo@Example.com", "jo@example.com"),
        ("<jo@example.com>", "jo@example.com"),
    ],
)
def test_a_valid_email_is_trimmed_and_lower_cased(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    "raw", [None, "", "   ", "janedoe.example.com", "a@b", "user@exa mple.com", "two@@example.com"]
)
def test_an_invalid_or_missing_email_normalises_to_none(raw: str | None) -> None:
    assert normalize_email(raw) is None


@pytest.mark.parametrize(
    "raw", ["(312) 555-0100", "312.555.0100", "+1 312 555 0100", "312-555-0100", "1 (312) 555 0100", "3125550100"]
)
def test_any_common_us_phone_formatting_gives_the_same_e164_number(raw: str) -> None:
    assert normalize_phone(raw) == "+13125550100"


def test_vanity_letters_are_translated_to_digits() -> None:
    assert normalize_phone("555-TOYOTA-1") == "+15558696821"
    assert normalize_phone("1-800-FLOWERS") == "+18003569377"


def test_an_extension_is_dropped_from_the_e164_number() -> None:
    assert normalize_phone("312-555-0100 ext. 12") == "+13125550100"


def test_a_national_number_is_read_in_the_given_region() -> None:
    assert normalize_phone("020 7946 0958", "GB") == "+442079460958"
    assert normalize_phone("020 7946 0958") is None  # not a possible US number


@pytest.mark.parametrize("raw", [None, "", "12", "abc", "+0 123", "555-0100", "1234567890123456789"])
def test_something_that_is_not_a_possible_phone_number_normalises_to_none(raw: str | None) -> None:
    assert normalize_phone(raw) is None


@pytest.mark.parametrize("raw", ["7165550151", "+44 20 7946 0958", "555-123-4567", "+1 312 555 0100"])
def test_every_normalised_phone_matches_the_e164_check_of_the_customers_table(raw: str) -> None:
    normalised = normalize_phone(raw)
    assert normalised is not None
    assert re.match(r"^\+[1-9][0-9]{6,14}$", normalised)
    assert E164_PATTERN.match(normalised)


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("John Smith", ("John", "Smith")),
        ("  John   Smith  ", ("John", "Smith")),
        ("Madonna", ("Madonna", None)),
        ("John A. Smith", ("John A.", "Smith")),
        ("Smith, John", ("John", "Smith")),
        ("Dr. Jane Doe", ("Jane", "Doe")),
        ("Martin Luther King Jr.", ("Martin Luther", "King Jr.")),
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Juan de la Cruz", ("Juan", "de la Cruz")),
        ("", (None, None)),
        ("   ", (None, None)),
    ],
)
def test_split_name_separates_first_and_last_names(full: str, expected: tuple[str | None, str | None]) -> None:
    assert split_name(full) == expected


def test_full_name_joins_the_parts_that_are_present() -> None:
    assert full_name("Jane", "Smith") == "Jane Smith"
    assert full_name("Jane", None) == "Jane"
    assert full_name(None, " Smith ") == "Smith"


def test_full_name_falls_back_when_no_part_is_present() -> None:
    assert full_name(None, None) == "Unknown"
    assert full_name(" ", "", fallback="Anonymous") == "Anonymous"
