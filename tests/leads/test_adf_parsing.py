"""Liberal-reading rules of parse_adf, one scenario per test, on small hand-written documents."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime

import pytest

from showroom.leads.adf.model import AdfError, AdfId
from showroom.leads.adf.parse import parse_adf, parse_adf_all

CONTACT = "<contact><name part='first'>Jo</name><name part='last'>Ray</name><email>jo@example.com</email></contact>"


def adf(body: str, *, customer: str = CONTACT, declaration: bool = True, prospect_attrs: str = "") -> str:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>\n' if declaration else ""
    return f"{head}<adf><prospect{prospect_attrs}>{body}<customer>{customer}</customer></prospect></adf>"


def test_a_document_without_xml_declaration_parses() -> None:
    lead = parse_adf(adf("", declaration=False))
    assert lead.customer.emails == ["jo@example.com"]


def test_a_utf8_bom_and_leading_whitespace_are_ignored() -> None:
    lead = parse_adf(codecs.BOM_UTF8 + b"\n\n   " + adf("").encode())
    assert lead.customer.first_name == "Jo"


def test_a_utf16_document_with_its_byte_order_mark_parses() -> None:
    document = adf("", declaration=False).replace("Jo</name>", "Zoë</name>")
    lead = parse_adf(codecs.BOM_UTF16_LE + document.encode("utf-16-le"))
    assert lead.customer.first_name == "Zoë"


def test_a_latin1_document_is_decoded_as_its_declaration_says() -> None:
    document = adf("").replace("UTF-8", "ISO-8859-1").replace("Jo</name>", "José</name>")
    assert parse_adf(document.encode("latin-1")).customer.first_name == "José"


def test_a_str_document_that_claims_another_encoding_is_read_as_the_text_it_is() -> None:
    document = adf("").replace("UTF-8", "ISO-8859-1").replace("Jo</name>", "José</name>")
    assert parse_adf(document).customer.first_name == "José"


def test_text_before_the_xml_is_skipped_with_a_warning() -> None:
    lead = parse_adf("Lead follows:\n" + adf(""))
    assert lead.customer.first_name == "Jo"
    assert lead.warnings == ["ignored 14 bytes of text before the XML"]


def test_upper_and_mixed_case_element_and_attribute_names_are_matched() -> None:
    document = (
        "<ADF><PROSPECT STATUS='RESEND'><Customer><Contact><Name Part='First'>Jo</Name>"
        "<EMAIL>JO@EXAMPLE.COM</EMAIL></Contact></Customer>"
        "<Vehicle Interest='Trade-In' Status='Used'><YEAR>2015</YEAR><Make>Ford</Make><Model>F-150</Model></Vehicle>"
        "</PROSPECT></ADF>"
    )
    lead = parse_adf(document)
    assert lead.status == "resend"
    assert lead.customer.emails == ["jo@example.com"]
    (vehicle,) = lead.vehicles
    assert (vehicle.interest, vehicle.condition, vehicle.year, vehicle.model) == ("trade-in", "used", 2015, "F-150")


def test_a_prefixed_namespaced_root_is_read() -> None:
    document = f"<adf:adf xmlns:adf='http://www.adf.org/schema/1.0'><adf:prospect><adf:customer>{CONTACT}"
    document += "</adf:customer></adf:prospect></adf:adf>"
    assert parse_adf(document).customer.emails == ["jo@example.com"]


def test_a_default_namespace_does_not_hide_the_elements() -> None:
    document = f"<adf xmlns='urn:wrong'><prospect><customer>{CONTACT}</customer></prospect></adf>"
    assert parse_adf(document).customer.last_name == "Ray"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("<name part='full'>John Smith</name>", ("John", "Smith", "John Smith")),
        ("<name>Mary Ann van Dyke</name>", ("Mary Ann", "van Dyke", "Mary Ann van Dyke")),
        ("<name>Smith, John</name>", ("John", "Smith", "Smith, John")),
        ("<name part='full'><first>Ann</first><last>Lee</last></name>", ("Ann", "Lee", "Ann Lee")),
        ("<firstname>Bo</firstname><lastname>Di</lastname>", ("Bo", "Di", "Bo Di")),
        ("<name part='last'>Lee</name>", (None, "Lee", "Lee")),
    ],
)
def test_names_are_read_in_every_common_shape(name: str, expected: tuple[str | None, str | None, str]) -> None:
    lead = parse_adf(adf("", customer=f"<contact>{name}<email>a@example.com</email></contact>"))
    assert (lead.customer.first_name, lead.customer.last_name, lead.customer.full_name) == expected


def test_a_company_name_part_is_not_a_person_name() -> None:
    lead = parse_adf(adf("", customer="<contact><name part='company'>Acme</name><phone>3125550100</phone></contact>"))
    assert (lead.customer.company, lead.customer.first_name, lead.customer.full_name) == ("Acme", None, None)


def test_phones_of_any_format_and_type_are_normalised() -> None:
    phones = (
        "<phone type='voice' time='morning'>(312) 555-0100</phone><phone type='fax'>312.555.0101</phone>"
        "<phone type='Cellphone'>+1 312 555 0102</phone><phone type='work'>1-312-555-0103 ext. 9</phone>"
    )
    lead = parse_adf(adf("", customer=f"<contact><name>Jo</name>{phones}</contact>"))
    assert [(p.type, p.e164) for p in lead.customer.phones] == [
        ("voice", "+13125550100"),
        ("fax", "+13125550101"),
        ("cellphone", "+13125550102"),
        ("work", "+13125550103"),
    ]
    assert lead.customer.phones[0].time == "morning"
    assert lead.customer.phones[0].number == "(312) 555-0100"  # as received


def test_a_phone_that_is_not_a_number_is_kept_raw_with_a_warning() -> None:
    customer = "<contact><email>jo@example.com</email><phone>call me</phone></contact>"
    lead = parse_adf(adf("", customer=customer))
    assert [(p.number, p.e164) for p in lead.customer.phones] == [("call me", None)]
    assert lead.customer.primary_phone is None
    assert "customer.contact: 'call me' is not a possible phone number for US; kept, unverified" in lead.warnings


def test_the_contact_country_decides_how_national_phone_numbers_are_read() -> None:
    customer = "<contact><phone>020 7946 0958</phone><address><country>GB</country></address></contact>"
    assert parse_adf(adf("", customer=customer)).customer.phones[0].e164 == "+442079460958"


def test_the_default_region_can_be_given_by_the_caller() -> None:
    customer = "<contact><phone>020 7946 0958</phone></contact>"
    assert parse_adf(adf("", customer=customer), region="GB").customer.phones[0].e164 == "+442079460958"


def test_a_preferred_phone_sets_the_contact_preference_and_the_primary_phone() -> None:
    customer = (
        "<contact><phone>3125550100</phone><phone type='cellphone' preferredcontact='1'>3125550199</phone></contact>"
    )
    lead = parse_adf(adf("", customer=customer))
    assert lead.customer.preferred_contact == "phone"
    assert lead.customer.primary_phone is not None and lead.customer.primary_phone.e164 == "+13125550199"


def test_several_vehicles_keep_their_order_and_interests() -> None:
    vehicles = (
        "<vehicle interest='lease' status='new'><year>2025</year><make>Kia</make><model>EV6</model></vehicle>"
        "<vehicle interest='test drive'><year>2025</year><make>Kia</make><model>EV9</model></vehicle>"
        "<vehicle interest='trade-in' status='used'><year>2016</year><make>Ford</make><model>Focus</model></vehicle>"
        "<vehicle interest='SELL'><make>Honda</make><model>Fit</model></vehicle>"
    )
    lead = parse_adf(adf(vehicles))
    assert [(v.interest, v.model) for v in lead.vehicles] == [
        ("lease", "EV6"),
        ("test-drive", "EV9"),
        ("trade-in", "Focus"),
        ("sell", "Fit"),
    ]
    assert lead.request_type == "test_drive"


def test_a_separate_trade_in_block_is_a_trade_in_vehicle() -> None:
    body = (
        "<vehicle><year>2025</year><make>Kia</make><model>EV6</model></vehicle>"
        "<tradein><year>2016</year><make>Ford</make><model>Focus</model>"
        "<odometer units='mi'>88,000</odometer></tradein>"
        "<trade-in><vehicle interest='buy'><make>Mazda</make><model>3</model></vehicle></trade-in>"
    )
    lead = parse_adf(adf(body))
    assert [(v.interest, v.make, v.mileage) for v in lead.vehicles] == [
        ("buy", "Kia", None),
        ("trade-in", "Ford", 88000),
        ("trade-in", "Mazda", None),
    ]
    assert lead.request_type == "purchase"


def test_an_unknown_interest_reads_as_buy_with_a_warning() -> None:
    lead = parse_adf(adf("<vehicle interest='rent'><make>Kia</make><model>EV6</model></vehicle>"))
    assert lead.vehicles[0].interest == "buy"
    assert "vehicle 1: unknown interest 'rent'; read as 'buy'" in lead.warnings


@pytest.mark.parametrize(
    ("status", "condition"),
    [("new", "new"), ("USED", "used"), ("CPO", "cpo"), ("certified", "cpo"), ("", None), ("demo", None)],
)
def test_the_vehicle_status_attribute_gives_the_condition(status: str, condition: str | None) -> None:
    lead = parse_adf(adf(f"<vehicle status='{status}'><make>Kia</make><model>EV6</model></vehicle>"))
    assert lead.vehicles[0].condition == condition


@pytest.mark.parametrize(
    ("price", "cents"),
    [
        ("<price currency='USD'>$59,277.00</price>", 5_927_700),
        ("<price>32500</price>", 3_250_000),
        ("<price type='quote' currency='USD'> 19,999.99 </price>", 1_999_999),
        ("<price currency='USD'>0.00</price>", None),
        ("<price>call for price</price>", None),
        ("<price/>", None),
    ],
)
def test_prices_become_cents(price: str, cents: int | None) -> None:
    lead = parse_adf(adf(f"<vehicle><make>Kia</make><model>EV6</model>{price}</vehicle>"))
    assert lead.vehicles[0].price_cents == cents


def test_the_quote_is_preferred_over_the_msrp() -> None:
    prices = "<price type='msrp'>50000</price><price type='invoice'>47000</price><price type='quote'>48000</price>"
    vehicle = parse_adf(adf(f"<vehicle><make>Kia</make><model>EV6</model>{prices}</vehicle>")).vehicles[0]
    assert (vehicle.price_cents, vehicle.price_type) == (4_800_000, "quote")
    assert vehicle.prices == {"msrp": 5_000_000, "invoice": 4_700_000, "quote": 4_800_000}


@pytest.mark.parametrize(
    ("odometer", "mileage", "units"),
    [
        ("<odometer units='km'>12,500</odometer>", 12500, "km"),
        ("<odometer unit='MILES'></odometer>", None, "miles"),
        ("<mileage>42</mileage>", 42, None),
        ("<odometer>about 15 miles</odometer>", 15, None),
    ],
)
def test_odometer_readings_are_read_with_their_units(odometer: str, mileage: int | None, units: str | None) -> None:
    vehicle = parse_adf(adf(f"<vehicle><make>Kia</make><model>EV6</model>{odometer}</vehicle>")).vehicles[0]
    assert (vehicle.mileage, vehicle.mileage_units) == (mileage, units)


def test_non_standard_vehicle_children_are_read() -> None:
    body = (
        "<vehicle><make>Kia</make><model>EV6</model><stocknumber>K1</stocknumber><exteriorcolor>Red</exteriorcolor>"
        "<interior_color>Black</interior_color><fuel>Electric</fuel><body>SUV</body></vehicle>"
    )
    vehicle = parse_adf(adf(body)).vehicles[0]
    assert (vehicle.stock_number, vehicle.exterior_color, vehicle.interior_color, vehicle.fuel_type) == (
        "K1",
        "Red",
        "Black",
        "Electric",
    )
    assert vehicle.body_style == "SUV"


def test_a_vin_of_the_wrong_length_is_dropped_with_a_warning() -> None:
    vehicle_xml = "<vehicle><make>Kia</make><model>EV6</model><vin>KNDC3DLC5N50</vin></vehicle>"
    lead = parse_adf(adf(vehicle_xml))
    assert lead.vehicles[0].vin is None
    assert any("12 characters" in warning and "VIN ignored" in warning for warning in lead.warnings)


def test_a_valid_vin_is_upper_cased() -> None:
    vehicle_xml = "<vehicle><make>Honda</make><model>Accord</model><vin> 1hgcm82633a004352 </vin></vehicle>"
    lead = parse_adf(adf(vehicle_xml))
    assert lead.vehicles[0].vin == "1HGCM82633A004352"
    assert lead.warnings == []


def test_cdata_comments_with_html_breaks_become_plain_lines() -> None:
    comment = "<comments><![CDATA[Hi &amp; hello<br />Line&nbsp;two<br/><br/><b>bold</b> end]]></comments>"
    lead = parse_adf(adf("", customer=CONTACT + comment))
    assert lead.comments == "Hi & hello\nLine two\n\nbold end"


def test_break_elements_in_comments_become_newlines() -> None:
    lead = parse_adf(adf("", customer=CONTACT + "<comments>one<br/>two<br/>three</comments>"))
    assert lead.comments == "one\ntwo\nthree"


def test_comparison_signs_in_comments_are_not_taken_for_tags() -> None:
    lead = parse_adf(adf("", customer=CONTACT + "<comments><![CDATA[budget < 20k and > 10k]]></comments>"))
    assert lead.comments == "budget < 20k and > 10k"


def test_a_plain_timeframe_is_kept_as_text() -> None:
    lead = parse_adf(adf("", customer=CONTACT + "<timeframe>ASAP</timeframe>"))
    assert lead.timeframe == "ASAP"


def test_a_structured_timeframe_is_summarised_and_its_dates_parsed() -> None:
    timeframe = "<timeframe><description>Soon</description><latestdate>2026-01-31</latestdate></timeframe>"
    lead = parse_adf(adf("", customer=CONTACT + timeframe))
    assert lead.timeframe == "Soon (by 2026-01-31)"
    assert lead.timeframe_latest is not None and lead.timeframe_latest.isoformat() == "2026-01-31"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-01-15T10:30:00Z", datetime(2024, 1, 15, 10, 30, tzinfo=UTC)),
        ("2024-01-15T10:30:00", datetime(2024, 1, 15, 10, 30, tzinfo=UTC)),
        ("2024-01-15T05:30:00-05:00", datetime(2024, 1, 15, 10, 30, tzinfo=UTC)),
        ("2024/01/15 10:30:00", datetime(2024, 1, 15, 10, 30, tzinfo=UTC)),
        ("01/15/2024 10:30 AM", datetime(2024, 1, 15, 10, 30, tzinfo=UTC)),
        ("yesterday", None),
    ],
)
def test_request_dates_are_timezone_aware(raw: str, expected: datetime | None) -> None:
    lead = parse_adf(adf(f"<requestdate>{raw}</requestdate>"))
    assert lead.request_date == expected
    if lead.request_date is not None:
        assert lead.request_date.tzinfo is not None


def test_the_primary_id_is_the_one_with_the_lowest_sequence() -> None:
    ids = "<id sequence='2' source='B'>b-2</id><id source='C'>c</id><id sequence='1' source='A'> a-1 </id><id/>"
    lead = parse_adf(adf(ids))
    assert lead.ids == [AdfId("b-2", "B", 2), AdfId("c", "C", None), AdfId("a-1", "A", 1)]
    assert lead.primary_id == AdfId("a-1", "A", 1)


def test_the_vendor_and_provider_blocks_are_read() -> None:
    parties = (
        "<vendor><id>D-1</id><vendorname>Demo Motors</vendorname><url>https://demo.example</url></vendor>"
        "<provider><id sequence='1'>P-9</id><name part='full'>Cars.com</name><service>Lead</service>"
        "<url>https://cars.com</url><email>leads@cars.com</email></provider>"
    )
    lead = parse_adf(adf(parties))
    assert (lead.vendor_id, lead.vendor_name, lead.vendor_url) == ("D-1", "Demo Motors", "https://demo.example")
    assert (lead.provider_id, lead.provider_name, lead.provider_service, lead.provider_url) == (
        "P-9",
        "Cars.com",
        "Lead",
        "https://cars.com",
    )


def test_a_resend_status_is_reported() -> None:
    assert parse_adf(adf("", prospect_attrs=" status='resend'")).status == "resend"


def test_a_document_with_two_prospects_gives_two_leads() -> None:
    one = f"<prospect><id>1</id><customer>{CONTACT}</customer></prospect>"
    two = "<prospect><id>2</id><customer><contact><phone>3125550100</phone></contact></customer></prospect>"
    leads = parse_adf_all(f"<adf>{one}{two}</adf>")
    assert [lead.ids[0].value for lead in leads] == ["1", "2"]
    first = parse_adf(f"<adf>{one}{two}</adf>")
    assert first.ids[0].value == "1"
    assert "the document has 2 prospects; only the first was read" in first.warnings


def test_a_customer_without_email_or_phone_is_refused() -> None:
    with pytest.raises(AdfError) as caught:
        parse_adf(adf("", customer="<contact><name part='first'>Jo</name></contact>"))
    assert caught.value.reason == "the prospect has no customer contact: no e-mail or phone at all"
    assert caught.value.field == "customer.contact"


def test_a_customer_with_only_doubtful_contact_details_is_kept_as_given() -> None:
    """Issue 14: "no contact" only without any e-mail or phone text; doubtful ones are flagged by intake."""
    lead = parse_adf(adf("", customer="<contact><email>not-an-email</email><phone>12</phone></contact>"))
    assert lead.customer.invalid_emails == ["not-an-email"] and [p.number for p in lead.customer.phones] == ["12"]
    assert lead.customer.has_contact and not lead.customer.usable


def test_a_prospect_without_customer_is_refused() -> None:
    with pytest.raises(AdfError) as caught:
        parse_adf("<adf><prospect><vehicle><make>Kia</make></vehicle></prospect></adf>")
    assert caught.value.field == "customer.contact"
    assert caught.value.reason == "the prospect has no customer contact: no <customer> element"


def test_a_document_that_is_not_adf_is_refused() -> None:
    with pytest.raises(AdfError) as caught:
        parse_adf("<html><body>hello</body></html>")
    assert caught.value.field == "prospect"
    assert "<html>" in caught.value.reason


@pytest.mark.parametrize("document", [b"", b"   ", "no markup at all"])
def test_an_empty_or_markup_free_document_is_refused(document: bytes | str) -> None:
    with pytest.raises(AdfError, match="no XML markup"):
        parse_adf(document)


def test_an_unescaped_ampersand_is_recovered_by_the_fallback() -> None:
    lead = parse_adf(adf("", customer=CONTACT + "<comments>Tom & Jerry &amp; co</comments>"))
    assert lead.recovered is True
    assert lead.comments == "Tom & Jerry & co"
    assert lead.warnings[0].startswith("malformed XML at line 3, column ")


def test_a_well_formed_document_is_not_marked_recovered() -> None:
    assert parse_adf(adf("")).recovered is False


def test_a_lead_that_mentions_a_job_but_names_a_vehicle_stays_a_sales_lead() -> None:
    comment = "<comments>I start a new job and need a reliable car; can I apply for financing?</comments>"
    lead = parse_adf(adf("<vehicle><make>Kia</make><model>EV6</model></vehicle>", customer=CONTACT + comment))
    assert lead.is_sales_lead is True
    assert lead.request_type == "purchase"


def test_a_buyer_who_mentions_a_new_job_without_naming_a_vehicle_stays_a_sales_lead() -> None:
    comment = "<comments>Just got a new job and I need a car. Can I apply for financing?</comments>"
    lead = parse_adf(adf("", customer=CONTACT + comment))
    assert lead.is_sales_lead is True
    assert lead.non_sales_reason is None


def test_an_enquiry_about_a_position_without_employment_words_stays_a_sales_lead() -> None:
    comment = "<comments>Where can I apply? What position am I on the waiting list?</comments>"
    assert parse_adf(adf("", customer=CONTACT + comment)).is_sales_lead is True


def test_a_job_application_without_a_vehicle_is_not_a_sales_lead() -> None:
    comment = "<comments>Please find my resume attached for the technician job opening.</comments>"
    lead = parse_adf(adf("", customer=CONTACT + comment))
    assert lead.is_sales_lead is False
    assert lead.non_sales_reason == (
        "not a sales enquiry: the comments read as a job application ('job', 'resume') and no vehicle is named"
    )
    assert lead.request_type == "info"


def test_a_vendor_solicitation_is_not_a_sales_lead() -> None:
    comment = "<comments>We offer SEO and web design services to grow your dealership!</comments>"
    lead = parse_adf(adf("", customer=CONTACT + comment))
    assert lead.is_sales_lead is False
    assert lead.non_sales_reason is not None and "vendor solicitation" in lead.non_sales_reason


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<vehicle interest='lease'><make>Kia</make><model>EV6</model></vehicle>", "lease"),
        ("<vehicle><make>Kia</make><model>EV6</model></vehicle>", "purchase"),
        ("<vehicle interest='trade-in'><make>Kia</make><model>EV6</model></vehicle>", "trade_in"),
        ("", "info"),
        ("<provider><name>Capital One Auto Finance prequalification</name></provider>", "finance"),
    ],
)
def test_the_request_type_is_derived_from_the_lead(body: str, expected: str) -> None:
    assert parse_adf(adf(body)).request_type == expected


def test_comment_preferences_are_mapped_to_email_phone_or_sms() -> None:
    comment = "<comments>Best way to contact you: E-mail please</comments>"
    assert parse_adf(adf("", customer=CONTACT + comment)).customer.preferred_contact == "email"


def test_a_placeholder_phone_never_wins_over_a_real_one_after_it() -> None:
    customer = "<contact><email>r@inbox-mail.net</email><phone>0000000000</phone><phone>303.555.0148</phone></contact>"
    lead = parse_adf(adf("", customer=customer))
    primary = lead.customer.primary_phone
    assert primary is not None and primary.e164 == "+13035550148"
