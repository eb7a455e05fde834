"""extract_adf_documents: ADF in raw XML, in e-mail bodies (plain, HTML, encoded) and in attachments."""

from __future__ import annotations

import time
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from showroom.leads.adf.extract import extract_adf_documents
from showroom.leads.adf.model import MAX_PAYLOAD_BYTES, AdfError
from showroom.leads.adf.parse import parse_adf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "adf"
ADF = (FIXTURES / "seorylie_dealersite_valid.xml").read_bytes()
QP_BODY = (FIXTURES / "hd_email_body_quoted_printable.txt").read_bytes()
ESCAPED_BODY = (FIXTURES / "hd_email_body_html_escaped.txt").read_bytes()


def lead_email(email_address: str = "john.doe@example.com") -> str:
    return ADF.decode().replace("john.doe@example.com", email_address)


def headers(subject: str = "New lead") -> str:
    return f"From: leads@cars.example\r\nTo: sales@dealer.example\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n"


def test_a_raw_adf_document_is_returned_untouched() -> None:
    assert extract_adf_documents(ADF) == [ADF]
    assert extract_adf_documents(ADF, "application/xml") == [ADF]


def test_a_raw_document_with_a_bom_is_returned_untouched() -> None:
    payload = b"\xef\xbb\xbf\n" + ADF
    assert extract_adf_documents(payload) == [payload]


def test_a_payload_without_adf_gives_no_documents() -> None:
    assert extract_adf_documents(b"Hello, please call me back.") == []
    assert extract_adf_documents((headers() + "\r\nJust a note, no lead.\r\n").encode()) == []


def test_a_plain_text_email_body_with_surrounding_text_yields_the_adf() -> None:
    message = headers() + "Content-Type: text/plain; charset=utf-8\r\n\r\nNew lead below:\r\n\r\n"
    message += lead_email() + "\r\n\r\n-- \r\nLead router\r\n"
    (document,) = extract_adf_documents(message.encode())
    assert parse_adf(document).customer.emails == ["john.doe@example.com"]


def test_an_mbox_from_line_before_the_headers_is_tolerated() -> None:
    message = "From leads@cars.example Mon Jan  1 00:00:00 2024\n" + headers().replace("\r\n", "\n")
    message += "Content-Type: text/plain\n\nLead:\n" + lead_email()
    (document,) = extract_adf_documents(message.encode())
    assert parse_adf(document).customer.emails == ["john.doe@example.com"]


def test_a_quoted_printable_email_body_is_decoded() -> None:
    message = headers() + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"
    (document,) = extract_adf_documents(message.encode() + b"\r\n" + QP_BODY)
    lead = parse_adf(document)
    assert lead.ids[0].value == "90011"
    assert lead.customer.emails == ["email.lead@example.com"]


def test_the_quoted_printable_fixture_body_alone_is_decoded() -> None:
    (document,) = extract_adf_documents(QP_BODY, "text/plain")
    assert document.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert parse_adf(document).customer.phones[0].e164 == "+17165551111"


def test_an_html_email_body_with_escaped_adf_and_line_breaks_is_unescaped() -> None:
    escaped = ESCAPED_BODY.decode().replace("\n", "<br>\n")
    message = EmailMessage()
    message["From"] = "leads@marketplace.example"
    message["Subject"] = "Contact a dealer"
    message.set_content(f"<html><body><p>{escaped}</p></body></html>", subtype="html")
    (document,) = extract_adf_documents(message.as_bytes())
    lead = parse_adf(document)
    assert (lead.customer.first_name, lead.customer.last_name) == ("Email", "Lead")
    assert lead.comments == "Your inquiry: Can you send more photos?"


def test_the_escaped_fixture_body_alone_is_unescaped() -> None:
    (document,) = extract_adf_documents(ESCAPED_BODY)
    assert b"&lt;" not in document
    assert parse_adf(document).vehicles[0].model == "Street Bob"


def test_an_xml_attachment_is_found_in_a_multipart_email() -> None:
    message = MIMEMultipart()
    message["From"] = "leads@autotrader.example"
    message["Subject"] = "Lead"
    message.attach(MIMEText("A new lead is attached.", "plain"))
    attachment = MIMEApplication(ADF, "xml", Name="lead.xml")  # base64-encoded by default
    attachment["Content-Disposition"] = 'attachment; filename="lead.xml"'
    message.attach(attachment)
    documents = extract_adf_documents(message.as_bytes())
    assert documents == [ADF]


def test_an_adf_attachment_with_a_generic_type_is_found_by_its_extension() -> None:
    message = MIMEMultipart()
    message["From"] = "leads@dealer.example"
    attachment = MIMEApplication(ADF, "octet-stream")
    attachment["Content-Disposition"] = 'attachment; filename="LEAD-1.ADF"'
    message.attach(attachment)
    assert extract_adf_documents(message.as_bytes()) == [ADF]


def test_the_same_adf_in_text_and_html_alternatives_is_returned_once() -> None:
    message = MIMEMultipart("alternative")
    message["From"] = "leads@cars.example"
    message.attach(MIMEText("Lead:\n" + lead_email(), "plain"))
    html = lead_email().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>\n")
    message.attach(MIMEText(f"<html><body>{html}</body></html>", "html"))
    (document,) = extract_adf_documents(message.as_bytes())
    assert parse_adf(document).customer.emails == ["john.doe@example.com"]


def test_two_different_leads_in_one_email_are_both_returned() -> None:
    message = MIMEMultipart()
    message["From"] = "leads@cars.example"
    message.attach(MIMEText(lead_email("one@example.com") + "\n\n" + lead_email("two@example.com"), "plain"))
    documents = extract_adf_documents(message.as_bytes())
    assert [parse_adf(d).customer.emails for d in documents] == [["one@example.com"], ["two@example.com"]]


def test_a_forwarded_email_is_searched_too() -> None:
    inner = MIMEText("Original lead:\n" + lead_email(), "plain")
    inner["Subject"] = "Lead"
    outer = EmailMessage()
    outer["From"] = "manager@dealer.example"
    outer["Subject"] = "Fwd: Lead"
    outer.set_content("See the forwarded lead.")
    outer.add_attachment(inner, filename="lead.eml")
    (document,) = extract_adf_documents(outer.as_bytes())
    assert parse_adf(document).ids[0].value == "test-123"


def test_a_multipart_http_body_is_read_with_the_boundary_from_its_content_type() -> None:
    message = MIMEMultipart(boundary="XyZ")
    message.attach(MIMEText(lead_email(), "plain"))
    body = message.as_bytes().split(b"\n\n", 1)[1]  # the HTTP body has no headers of its own
    (document,) = extract_adf_documents(body, 'multipart/mixed; boundary="XyZ"')
    assert parse_adf(document).customer.emails == ["john.doe@example.com"]


def test_a_latin1_body_is_decoded_and_its_declaration_made_utf8() -> None:
    text = lead_email().replace('<name part="first">John</name>', '<name part="first">José</name>')
    text = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    message = MIMEText("Lead:\n" + text, "plain", "iso-8859-1")
    message["From"] = "leads@cars.example"
    (document,) = extract_adf_documents(message.as_bytes())
    assert b'encoding="UTF-8"' in document
    assert parse_adf(document).customer.first_name == "José"


def test_a_payload_over_the_limit_is_refused() -> None:
    with pytest.raises(AdfError, match="the limit is"):
        extract_adf_documents(b" " * (MAX_PAYLOAD_BYTES + 1))


@pytest.mark.parametrize("unit", [b"<adf>", b"<adf ", b"&lt;adf&gt;", b"<prospect>"])
def test_a_hostile_body_of_unclosed_starts_is_scanned_in_linear_time(unit: bytes) -> None:
    payload = b"Lead: " + unit * (8 * 1024 * 1024 // len(unit))
    started = time.perf_counter()
    assert extract_adf_documents(payload) == []
    assert time.perf_counter() - started < 5.0
