"""Every real-world ADF sample in tests/fixtures/adf (see its README for provenance), with concrete assertions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from showroom.leads.adf.extract import extract_adf_documents
from showroom.leads.adf.model import AdfError, AdfId, ParsedLead
from showroom.leads.adf.parse import parse_adf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "adf"


def load(name: str) -> ParsedLead:
    return parse_adf((FIXTURES / name).read_bytes())


def test_every_fixture_file_is_covered_by_a_test_here() -> None:
    source = Path(__file__).read_text()
    names = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in {".xml", ".txt"})
    assert len(names) == 21
    assert [name for name in names if f'"{name}"' not in source] == []


def test_traffic_log_pro_lead_has_a_wanted_bike_and_a_trade_in() -> None:
    lead = load("hd_traffic_log_pro_buy_plus_trade.xml")
    assert lead.ids == [AdfId("11310", "Traffic Log Pro", 1)]
    assert lead.primary_id == AdfId("11310", "Traffic Log Pro", 1)
    assert lead.request_date == datetime(2026, 5, 27, 18, 35, 40, tzinfo=UTC)
    assert (lead.customer.first_name, lead.customer.last_name) == ("Alex", "Sample")
    assert lead.customer.emails == ["alexsample22@example.com"]  # normalised from Alexsample22@
    assert [(p.number, p.type, p.e164) for p in lead.customer.phones] == [("5855550149", "cellphone", "+15855550149")]
    buy, trade = lead.vehicles
    assert (buy.interest, buy.condition, buy.year, buy.make, buy.model) == (
        "buy",
        "used",
        2021,
        "HARLEY-DAVIDSON",
        "Street Glide Special",
    )
    assert buy.price_cents is None  # "0.00" is a placeholder
    assert buy.vin is None and buy.stock_number is None
    assert (trade.interest, trade.year, trade.model, trade.mileage, trade.mileage_units) == (
        "trade-in",
        2018,
        "FLHCS Heritage Class",
        None,
        "miles",
    )
    assert lead.provider_name == "Trade Accelerator - Trade In"
    assert lead.vendor_name is None
    assert lead.request_type == "purchase"
    assert lead.is_sales_lead
    assert lead.comments is not None
    assert lead.comments.startswith("Pre-Inspection Trade-In Value Estimate\nRough Trade In Wholesale: $7,925\n")
    assert "<br" not in lead.comments
    assert "\n\nEvent Name: PowerSports TV Trade In\n" in lead.comments
    assert lead.comment_fields["average retail"] == "$11,915"
    assert lead.comment_fields["email opt-in"] == "Yes"


def test_value_my_trade_lead_takes_the_bike_from_the_comment() -> None:
    lead = load("hd_marketplace_value_my_trade_sell.xml")
    (vehicle,) = lead.vehicles
    assert (vehicle.interest, vehicle.condition) == ("sell", None)
    assert (vehicle.year, vehicle.make, vehicle.model, vehicle.mileage) == (2008, "HARLEY-DAVIDSON", "XL883C", 13200)
    assert vehicle.from_comments == ["year", "make", "model", "mileage"]
    assert any("read from the comments" in warning for warning in lead.warnings)
    assert lead.customer.preferred_contact == "phone"  # "Preferred Contact Method: Phone"
    assert lead.request_type == "trade_in"
    assert lead.provider_name == "Marketplace - Value My Trade"
    assert lead.ids == [AdfId("11324", "HD Marketplace", 1)]
    assert lead.comment_fields["price"] == "$600 - $1600"


def test_truncated_models_are_kept_exactly_as_sent() -> None:
    lead = load("hd_trade_accelerator_truncated_model.xml")
    buy, trade = lead.vehicles
    assert (buy.interest, buy.year, buy.make, buy.model) == ("buy", 2026, "HARLEY-DAVIDSON", "Road Glide (Spec")
    assert (trade.interest, trade.year, trade.make, trade.model) == ("trade-in", 2008, "SUZUKI", "C50K8 Boulevard (Two")
    assert lead.comments == "trade-in appraisal request"
    assert lead.request_type == "purchase"  # a wanted bike with a trade-in


def test_credit_application_is_a_finance_request_for_the_bike_it_names() -> None:
    lead = load("hd_hdfs_credit_application.xml")
    assert lead.request_type == "finance"
    (vehicle,) = lead.vehicles
    assert (vehicle.interest, vehicle.condition, vehicle.year, vehicle.model) == ("buy", "new", 2020, "Low Rider S")
    assert vehicle.from_comments == []  # the block was complete: the comment is not used
    assert lead.comment_fields == {"app id": "1014003463", "model year": "2020", "model": "Low Rider S"}
    assert lead.provider_name == "HDFS COA Online"
    assert lead.customer.phones[0].e164 == "+17160000001"


def test_request_a_quote_reads_the_camel_case_contact_preference() -> None:
    lead = load("hd_com_request_a_quote_camelcase.xml")
    assert lead.customer.preferred_contact == "sms"  # "PreferredMethodOfContact - text(sms)"
    assert lead.customer.emails == ["rileysample0721@example.com"]
    (vehicle,) = lead.vehicles
    assert (vehicle.condition, vehicle.year, vehicle.make, vehicle.model) == (
        "new",
        2025,
        "HARLEY-DAVIDSON",
        "Low Rider ST",
    )
    assert lead.request_type == "purchase"
    assert lead.ids[0].source == "HD.com Request a Quote"


def test_trade_only_lead_has_no_wanted_vehicle() -> None:
    lead = load("hd_trade_only_single_vehicle.xml")
    (vehicle,) = lead.vehicles
    assert (vehicle.interest, vehicle.condition, vehicle.year, vehicle.model) == (
        "trade-in",
        "used",
        2019,
        "Road King Special",
    )
    assert (vehicle.mileage, vehicle.mileage_units) == (12000, "miles")
    assert not any(v.is_wanted for v in lead.vehicles)
    assert lead.request_type == "trade_in"
    assert lead.customer.emails == []  # a phone alone is enough contact
    assert lead.customer.primary_phone is not None
    assert lead.customer.primary_phone.e164 == "+17165551234"


def test_mirrored_trade_is_kept_but_flagged() -> None:
    lead = load("hd_room58_mirrored_trade.xml")
    buy, trade = lead.vehicles
    assert (buy.interest, buy.model) == ("buy", "FXD Super Glide")
    assert (trade.interest, trade.year, trade.model) == ("trade-in", None, "Super Glide")
    assert any("vehicle 2 (trade-in) only repeats the wanted" in warning for warning in lead.warnings)
    assert lead.provider_name is None
    assert lead.comments is not None and lead.comments.endswith("Is the super glide a good option?")
    assert lead.request_type == "purchase"


def test_room58_inventory_item_gets_year_stock_and_vin_from_the_html_comment() -> None:
    lead = load("hd_room58_inventory_item_html_comment.xml")
    (vehicle,) = lead.vehicles
    assert vehicle.model == "Full Line"  # sent values are never overwritten
    assert (vehicle.year, vehicle.stock_number, vehicle.vin) == (2022, "U876-22", "1HD1KNF12NB614098")
    assert vehicle.condition == "used"
    assert vehicle.from_comments == ["year", "vin", "stock_number"]
    assert lead.comments is not None
    assert (
        lead.comments.splitlines()[0] == "Inventory Item: Harley-Davidson Ultra Limited 2022 FLHTK U876-22 Vivid Black"
    )
    assert lead.comment_fields["your inquiry"] == "price?"
    assert lead.comment_fields["can we contact you via text"] == "Yes"
    assert (lead.customer.city, lead.customer.region, lead.customer.postal_code) == ("North Tonawanda", "NY", "14120")


def test_test_ride_request_is_a_test_drive_with_a_timeframe_from_the_comment() -> None:
    lead = load("hd_com_test_ride_request.xml")
    assert lead.request_type == "test_drive"
    assert lead.timeframe == "1-3 months"
    assert lead.ids == [AdfId("90007", "HD.COM ONLINE TEST RIDE REQUEST", 1)]
    assert lead.comment_fields["preferred date"] == "2026-06-03"
    assert lead.comment_fields["preferred time"] == "2:00 PM"
    (vehicle,) = lead.vehicles
    assert (vehicle.interest, vehicle.stock_number) == ("buy", "LR26")


def test_job_application_is_not_a_sales_lead() -> None:
    lead = load("hd_com_contact_us_hiring_not_a_lead.xml")
    assert lead.is_sales_lead is False
    assert lead.non_sales_reason is not None and "job application" in lead.non_sales_reason
    assert lead.vehicles == []  # the empty vehicle block is dropped
    assert any("vehicle 1 (buy) names no year" in warning for warning in lead.warnings)
    assert lead.request_type == "info"
    assert lead.customer.emails == ["chris@example.com"]


def test_html_escaped_email_body_yields_the_adf_inside_it() -> None:
    (document,) = extract_adf_documents((FIXTURES / "hd_email_body_html_escaped.txt").read_bytes())
    assert document.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert document.endswith(b"</adf>")
    lead = parse_adf(document)
    assert (lead.customer.first_name, lead.customer.last_name) == ("Email", "Lead")
    assert lead.customer.emails == ["email.lead@example.com"]
    assert lead.comments == "Your inquiry: Can you send more photos?"  # the CDATA survived the escaping
    (vehicle,) = lead.vehicles
    assert (vehicle.condition, vehicle.model, vehicle.stock_number, vehicle.vin) == (
        "used",
        "Street Bob",
        "U123-25",
        "1HD1ABC10PB123456",
    )


def test_quoted_printable_email_body_yields_the_same_lead_as_the_escaped_one() -> None:
    (document,) = extract_adf_documents((FIXTURES / "hd_email_body_quoted_printable.txt").read_bytes())
    assert b"=3D" not in document
    lead = parse_adf(document)
    (escaped,) = extract_adf_documents((FIXTURES / "hd_email_body_html_escaped.txt").read_bytes())
    assert lead == parse_adf(escaped)
    assert lead.ids == [AdfId("90011", "Marketplace - Contact a Dealer", 1)]


@pytest.mark.parametrize("name", ["dialect_capitalized_elements.xml", "dialect_bare_prospect_no_adf_root.xml"])
def test_vendor_dialects_read_like_standard_adf(name: str) -> None:
    lead = load(name)
    assert lead.status == "new"
    assert (lead.customer.first_name, lead.customer.last_name) == ("Dana", "Whitfield")
    assert lead.customer.emails == ["dana.whitfield@example.com"]
    assert [(p.type, p.e164) for p in lead.customer.phones] == [("cell", "+14195550188")]
    (vehicle,) = lead.vehicles
    assert (vehicle.interest, vehicle.year, vehicle.make, vehicle.model) == (
        "buy",
        2026,
        "Harley-Davidson",
        "Road Glide",
    )
    assert lead.request_type == "purchase"


def test_bare_prospect_keeps_its_stock_and_vin() -> None:
    lead = load("dialect_bare_prospect_no_adf_root.xml")
    vehicle = lead.vehicles[0]
    assert (vehicle.condition, vehicle.stock_number, vehicle.vin) == ("new", "U1234", "1HD1KRM12PB600001")
    assert any("fails the North American check digit" in warning for warning in lead.warnings)


def test_autotrader_lead_reads_every_block() -> None:
    lead = load("seorylie_autotrader_complete.xml")
    assert lead.ids == [AdfId("AT-12345-2024", "autotrader", None)]
    assert lead.request_date == datetime(2024, 1, 15, 10, 30, tzinfo=timezone(timedelta(hours=-5)))
    customer = lead.customer
    assert (customer.first_name, customer.last_name, customer.full_name) == ("Michael", "Johnson", "Michael Johnson")
    assert [(p.type, p.time, p.e164) for p in customer.phones] == [
        ("voice", "evening", "+15551234567"),
        ("cellphone", "anytime", "+15559876543"),
    ]
    assert (customer.street, customer.city, customer.region, customer.postal_code, customer.country) == (
        "456 Oak Avenue, Unit 2B",
        "Springfield",
        "IL",
        "62701",
        "US",
    )
    (vehicle,) = lead.vehicles
    assert (vehicle.year, vehicle.make, vehicle.model, vehicle.trim, vehicle.body_style) == (
        2024,
        "Toyota",
        "Camry",
        "LE Hybrid",
        "Sedan",
    )
    assert (vehicle.condition, vehicle.transmission, vehicle.fuel_type, vehicle.engine) == (
        "new",
        "CVT",
        "Hybrid",
        "2.5L 4-Cylinder Hybrid",
    )
    assert (vehicle.exterior_color, vehicle.interior_color) == ("Midnight Black Metallic", "Black")
    assert (vehicle.vin, vehicle.stock_number, vehicle.mileage, vehicle.doors) == (
        "4T1C11AK6PU123456",
        "TC2024LE001",
        5,
        4,
    )
    assert (vehicle.price_cents, vehicle.price_type, vehicle.price_currency) == (3_250_000, "asking", "USD")
    assert vehicle.options == ["Navigation System", "Backup Camera", "Heated Seats", "Bluetooth Connectivity"]
    assert lead.vendor_name == "Springfield Toyota"
    assert lead.vendor_url == "https://www.springfieldtoyota.com"
    assert lead.vendor_contact is not None
    assert lead.vendor_contact.full_name == "Springfield Toyota Sales Team"
    assert lead.vendor_contact.phones[0].e164 == "+15558696821"  # 555-TOYOTA-1
    assert (lead.provider_name, lead.provider_service, lead.provider_url) == (
        "AutoTrader.com",
        "web",
        "https://www.autotrader.com",
    )
    assert lead.timeframe == "within 2 weeks"
    assert lead.comments is not None and lead.comments.startswith("Looking for a reliable family vehicle")
    assert lead.request_type == "purchase"


def test_minimal_lead_applies_the_adf_defaults() -> None:
    lead = load("seorylie_minimal.xml")
    assert lead.ids == [] and lead.primary_id is None
    assert lead.request_date == datetime(2024, 1, 15, 10, 30, tzinfo=UTC)
    assert lead.customer.emails == ["jane.smith@example.com"]
    assert lead.customer.phones == []
    (vehicle,) = lead.vehicles
    assert (vehicle.interest, vehicle.condition, vehicle.year, vehicle.make, vehicle.model) == (
        "buy",
        None,
        2024,
        "Honda",
        "Accord",
    )
    assert lead.vendor_name == "Test Dealership"
    assert lead.provider_name is None
    assert lead.warnings == []


def test_namespaced_root_with_nested_name_parts() -> None:
    lead = load("seorylie_namespaced_nested_name.xml")
    customer = lead.customer
    assert (customer.first_name, customer.middle_name, customer.last_name) == ("John", "A", "Smith")
    assert customer.full_name == "John A Smith"
    assert customer.preferred_contact == "email"  # <email preferredcontact="true">
    assert [p.type for p in customer.phones] == ["mobile", "home"]
    assert lead.ids == [AdfId("LEAD-12345-20250601-001", None, None)]  # the vehicle's own <id> is not a lead id
    assert lead.request_date == datetime(2025, 6, 1, 10, 15, 30, tzinfo=UTC)  # no zone: UTC
    (vehicle,) = lead.vehicles
    assert (vehicle.mileage, vehicle.mileage_units) == (15, "miles")
    assert (vehicle.exterior_color, vehicle.interior_color) == ("Celestial Silver Metallic", "Black Leather")
    assert (vehicle.price_cents, vehicle.price_type) == (4_699_500, "quote")
    assert vehicle.prices == {"msrp": 4_899_500, "quote": 4_699_500}
    assert vehicle.options == ["Premium Audio System", "Towing Package"]
    assert vehicle.comments == "This vehicle includes the premium technology package and extended warranty."
    assert lead.timeframe == "Looking to buy within the next month (2025-06-15 to 2025-07-15)"
    assert (lead.timeframe_earliest, lead.timeframe_latest) == (date(2025, 6, 15), date(2025, 7, 15))
    assert (lead.vendor_name, lead.vendor_id) == ("Springfield Toyota", "DLR-789")
    assert lead.vendor_contact is not None and lead.vendor_contact.emails == ["sales@springfieldtoyota.example.com"]
    assert (lead.provider_name, lead.provider_id, lead.provider_service) == (
        "AutoLeads Connect",
        "PROV-001",
        "Lead Generation Platform",
    )
    assert lead.provider_url == "https://www.autoleadsconnect.example.com"
    assert lead.request_type == "test_drive"  # <requesttype><value>test_drive</value>


def test_malformed_document_is_recovered_by_the_fallback_and_says_so() -> None:
    lead = load("seorylie_malformed.xml")
    assert lead.recovered is True
    assert lead.warnings[0].startswith("malformed XML at line ")
    assert "tolerant fallback" in lead.warnings[0]
    customer = lead.customer
    assert (customer.first_name, customer.last_name) == ("Jane", "Doe")
    assert customer.emails == [] and customer.invalid_emails == ["janedoe.example.com"]
    assert [p.e164 for p in customer.phones] == ["+15551234567", "+15557654321"]  # the unclosed phone too
    assert (customer.street, customer.city, customer.postal_code) == (
        "456 Oak Avenue, Suite 7C",
        "Springfield",
        "ABC12",
    )
    assert lead.status is None  # "pending" is not an ADF status
    assert lead.request_date == datetime(2025, 6, 1, 10, 15, 30, tzinfo=UTC)
    (vehicle,) = lead.vehicles
    assert (vehicle.year, vehicle.make, vehicle.model, vehicle.body_style) == (2025, "Toyota", "Highlander", "SUV")
    assert (vehicle.price_cents, vehicle.price_currency) == (4_899_500, "$")
    assert lead.vendor_name == "Springfield Toyota"
    assert lead.comments == "I need a family car with good safety features"
    assert lead.request_type == "test_drive"


def test_malformed_document_without_fallback_content_raises_with_line_and_column() -> None:
    with pytest.raises(AdfError) as caught:
        parse_adf(b"<adf><prospect><customer><contact><name>Jo</contact></adf>")
    assert caught.value.line == 1 and caught.value.column is not None
    assert "malformed XML at line 1, column" in caught.value.reason


def test_xxe_fixture_is_refused_without_reading_the_file() -> None:
    with pytest.raises(AdfError) as caught:
        load("seorylie_xxe_attack.xml")
    assert "entity" in caught.value.reason and "xxe" in caught.value.reason
    assert "root:" not in caught.value.reason  # nothing from /etc/passwd


def test_missing_name_and_vehicle_still_make_a_lead() -> None:
    lead = load("seorylie_missing_name_no_vehicle.xml")
    customer = lead.customer
    assert (customer.first_name, customer.last_name, customer.full_name) == (None, None, None)
    assert customer.emails == ["missing.fields@example.com"]
    assert customer.phones[0].e164 == "+15559876543"
    assert lead.vehicles == []
    assert lead.request_type == "info"
    assert lead.is_sales_lead  # an enquiry without a vehicle is still a sales contact
    assert lead.ids == [AdfId("test-789", "dealersite", None)]


def test_dealersite_lead_reads_stocknumber_and_vendor_contact() -> None:
    lead = load("seorylie_dealersite_valid.xml")
    assert lead.status == "new"
    assert lead.primary_id == AdfId("test-123", "dealersite", None)
    (vehicle,) = lead.vehicles
    assert (vehicle.stock_number, vehicle.trim, vehicle.condition) == ("ABC123", "Sport", "new")
    assert lead.customer.phones[0].time == "morning"
    assert lead.comments == "I'm interested in the Honda Accord"
    assert lead.vendor_name == "Test Vendor"
    assert lead.vendor_contact is not None
    assert (lead.vendor_contact.full_name, lead.vendor_contact.emails) == ("Test Dealership", ["dealer@example.com"])
    assert lead.request_date == datetime(2023, 9, 1, 14, 30, tzinfo=UTC)
