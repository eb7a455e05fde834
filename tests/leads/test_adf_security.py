"""Hostile ADF documents are refused safely: nothing is expanded, fetched or allowed to exhaust memory."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from showroom.leads.adf.model import MAX_DEPTH, MAX_DOCUMENT_BYTES, AdfError
from showroom.leads.adf.parse import parse_adf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "adf"
CONTACT = "<customer><contact><email>jo@example.com</email></contact></customer>"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE adf [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<adf><prospect><customer><contact><name part="first">&lol9;</name><email>jo@example.com</email></contact>
</customer></prospect></adf>"""


def nested(levels: int) -> str:
    """An otherwise valid lead whose elements reach `levels` levels of nesting in total."""
    base = 4  # adf > prospect > customer > contact
    extra = max(levels - base, 0)
    return (
        "<adf><prospect><customer><contact><email>jo@example.com</email>"
        + "<x>" * extra
        + "</x>" * extra
        + "</contact></customer></prospect></adf>"
    )


def test_the_xxe_fixture_is_refused_before_the_entity_is_resolved() -> None:
    with pytest.raises(AdfError) as caught:
        parse_adf((FIXTURES / "seorylie_xxe_attack.xml").read_bytes())
    assert "entity 'xxe'" in caught.value.reason
    assert "XXE" in caught.value.reason


def test_billion_laughs_is_refused_quickly_without_expanding_anything() -> None:
    started = time.perf_counter()
    with pytest.raises(AdfError) as caught:
        parse_adf(BILLION_LAUGHS)
    assert time.perf_counter() - started < 1.0
    assert "billion laughs" in caught.value.reason
    assert "nothing was expanded" in caught.value.reason


def test_a_quadratic_blowup_entity_is_refused() -> None:
    document = f'<!DOCTYPE adf [<!ENTITY a "{"x" * 50_000}">]><adf><prospect>{"&a;" * 1000}{CONTACT}</prospect></adf>'
    with pytest.raises(AdfError, match="declares the entity 'a'"):
        parse_adf(document)


def test_a_parameter_entity_pointing_outside_is_refused() -> None:
    document = f'<!DOCTYPE adf [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]><adf><prospect>{CONTACT}'
    document += "</prospect></adf>"
    with pytest.raises(AdfError, match="entity declarations are refused"):
        parse_adf(document)


def test_a_plain_doctype_without_declarations_is_tolerated_and_never_loaded() -> None:
    document = f'<!DOCTYPE adf SYSTEM "http://127.0.0.1:9/adf.dtd"><adf><prospect>{CONTACT}</prospect></adf>'
    assert parse_adf(document).customer.emails == ["jo@example.com"]


def test_an_entity_from_an_external_dtd_is_refused_and_not_recovered_by_the_fallback() -> None:
    document = '<!DOCTYPE adf SYSTEM "file:///etc/passwd"><adf><prospect><customer><contact>'
    document += "<name>&xxe;</name><email>jo@example.com</email></contact></customer></prospect></adf>"
    with pytest.raises(AdfError) as caught:
        parse_adf(document)
    assert "undefined entity" in caught.value.reason
    assert caught.value.line == 1


def test_the_fallback_never_expands_unknown_entities() -> None:
    document = "<adf><prospect><customer><contact><name>&xxe; & co</name><email>jo@example.com</email></contact>"
    document += "</customer></prospect></adf>"
    lead = parse_adf(document)
    assert lead.recovered is True
    assert lead.customer.full_name == "&xxe; & co"


def test_a_document_over_one_mebibyte_is_refused() -> None:
    document = nested(4).replace("<adf>", "<adf><!--" + "x" * MAX_DOCUMENT_BYTES + "-->")
    with pytest.raises(AdfError) as caught:
        parse_adf(document.encode())
    assert "the limit is 1,048,576 bytes (1 MiB)" in caught.value.reason


def test_a_text_document_over_one_mebibyte_once_encoded_is_refused() -> None:
    padding = "é" * (MAX_DOCUMENT_BYTES // 2 + 1)  # fewer characters than the limit, more bytes
    with pytest.raises(AdfError, match="1 MiB"):
        parse_adf(nested(4).replace("<adf>", f"<adf><!--{padding}-->"))


def test_a_document_of_exactly_one_mebibyte_is_accepted() -> None:
    document = nested(4)
    padding = MAX_DOCUMENT_BYTES - len(document.encode()) - len("<!---->")
    document = document.replace("<adf>", "<adf><!--" + "x" * padding + "-->")
    assert len(document.encode()) == MAX_DOCUMENT_BYTES
    assert parse_adf(document).customer.emails == ["jo@example.com"]


def test_nesting_up_to_the_limit_is_accepted() -> None:
    assert parse_adf(nested(MAX_DEPTH)).customer.emails == ["jo@example.com"]


def test_nesting_one_level_deeper_than_the_limit_is_refused() -> None:
    with pytest.raises(AdfError) as caught:
        parse_adf(nested(MAX_DEPTH + 1))
    assert "nested deeper than 32 levels" in caught.value.reason


def test_a_hundred_thousand_levels_of_nesting_are_refused_quickly() -> None:
    document = nested(100_000)
    assert len(document) < MAX_DOCUMENT_BYTES
    started = time.perf_counter()
    with pytest.raises(AdfError, match="nested deeper than 32 levels"):
        parse_adf(document)
    assert time.perf_counter() - started < 1.0


def test_deep_nesting_in_a_malformed_document_is_refused_by_the_fallback_too() -> None:
    document = "<adf><prospect>& " + "<x>" * 1000 + CONTACT + "</prospect></adf>"
    with pytest.raises(AdfError, match="nested deeper than 32 levels"):
        parse_adf(document)


@pytest.mark.parametrize("unit", ["<!x", "<a x='1'", "<!--", "&#", "</a"])
def test_the_fallback_reads_hostile_malformed_markup_in_linear_time(unit: str) -> None:
    document = "<adf><prospect>" + unit * ((MAX_DOCUMENT_BYTES - 100) // len(unit))
    started = time.perf_counter()
    with pytest.raises(AdfError):
        parse_adf(document)
    assert time.perf_counter() - started < 5.0
