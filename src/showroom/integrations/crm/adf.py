"""Writing ADF 1.0 (Auto-lead Data Format) XML: pure, no database. The reader is ``leads.adf``; what this writes,
that reads back into the same lead (tests/integrations/test_crm_handoff.py).

The document follows the ADF 1.0 DTD's order (``<requestdate>``, ``<vehicle>``…, ``<customer>``, ``<vendor>``,
``<provider>``) and what the CRMs' intake parsers expect: ``<id sequence="1" source="Showroom">`` is stable per
lead (the lead's id), so a re-send is recognised as the same lead (and sent with ``status="resend"``); the
original source's own id follows as ``sequence="2"``. Prices are dollars, as ADF senders write them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from xml.etree.ElementTree import Element, SubElement, indent, tostring

SHOWROOM = "Showroom"


@dataclass
class AdfOutVehicle:
    interest: str = "buy"  # buy, lease, sell, trade-in, test-drive (ADF's values)
    status: str | None = None  # new, used (ADF's <vehicle status>)
    year: int | None = None
    make: str | None = None
    model: str | None = None
    trim: str | None = None
    vin: str | None = None
    stock: str | None = None
    body_style: str | None = None
    exterior_color: str | None = None
    interior_color: str | None = None
    transmission: str | None = None
    mileage: int | None = None
    price_cents: int | None = None
    comments: str | None = None


@dataclass
class AdfOutLead:
    lead_id: str
    request_date: datetime
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (number, ADF type: voice, cellphone…)
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    vehicles: list[AdfOutVehicle] = field(default_factory=list)
    appointment_date: date | None = None
    appointment_words: str | None = None
    timeframe: str | None = None
    comments: str | None = None
    source_name: str | None = None  # the original source (Cars.com, Website chat…)
    source_id: str | None = None  # the original source's own id for the lead
    dealership_name: str = ""
    dealership_email: str | None = None
    dealership_phone: str | None = None
    showroom_url: str | None = None
    resend: bool = False


def _add(parent: Element, tag: str, value: object, **attributes: str) -> Element | None:
    if value is None or value == "":
        return None
    child = SubElement(parent, tag, attributes)
    child.text = str(value)
    return child


def _vehicle(parent: Element, vehicle: AdfOutVehicle) -> None:
    attributes = {"interest": vehicle.interest}
    if vehicle.status:
        attributes["status"] = vehicle.status
    element = SubElement(parent, "vehicle", attributes)
    _add(element, "year", vehicle.year)
    _add(element, "make", vehicle.make)
    _add(element, "model", vehicle.model)
    _add(element, "vin", vehicle.vin)
    _add(element, "stock", vehicle.stock)
    _add(element, "trim", vehicle.trim)
    _add(element, "bodystyle", vehicle.body_style)
    _add(element, "transmission", vehicle.transmission)
    if vehicle.mileage is not None:
        _add(element, "odometer", vehicle.mileage, status="original", units="miles")
    if vehicle.exterior_color or vehicle.interior_color:
        colours = SubElement(element, "colorcombination")
        _add(colours, "interiorcolor", vehicle.interior_color)
        _add(colours, "exteriorcolor", vehicle.exterior_color)
        _add(colours, "preference", 1)
    if vehicle.price_cents:
        kind = "appraisal" if vehicle.interest in ("trade-in", "sell") else "asking"
        _add(element, "price", f"{vehicle.price_cents / 100:.2f}", type=kind, currency="USD")
    _add(element, "comments", vehicle.comments)


def _customer(parent: Element, lead: AdfOutLead) -> None:
    customer = SubElement(parent, "customer")
    contact = SubElement(customer, "contact", primarycontact="1")
    if lead.first_name or lead.last_name:
        _add(contact, "name", lead.first_name, part="first")
        _add(contact, "name", lead.last_name, part="last")
    else:
        _add(contact, "name", lead.full_name, part="full")
    for index, address in enumerate(lead.emails):
        if index == 0:
            _add(contact, "email", address, preferredcontact="1")
        else:
            _add(contact, "email", address)
    for number, kind in lead.phones:
        _add(contact, "phone", number, type=kind)
    if any((lead.street, lead.city, lead.region, lead.postal_code)):
        address_element = SubElement(contact, "address")
        _add(address_element, "street", lead.street, line="1")
        _add(address_element, "city", lead.city)
        _add(address_element, "regioncode", lead.region)
        _add(address_element, "postalcode", lead.postal_code)
        _add(address_element, "country", lead.country)
    if lead.appointment_date or lead.appointment_words or lead.timeframe:
        timeframe = SubElement(customer, "timeframe")
        words = f"Appointment requested: {lead.appointment_words}" if lead.appointment_words else lead.timeframe
        _add(timeframe, "description", words)
        if lead.appointment_date:
            _add(timeframe, "earliestdate", lead.appointment_date.isoformat())
            _add(timeframe, "latestdate", lead.appointment_date.isoformat())
    _add(customer, "comments", lead.comments)


def write_adf(lead: AdfOutLead) -> str:
    """The ADF 1.0 document of ``lead``: an XML declaration, the ``<?adf version="1.0"?>`` instruction, one
    ``<prospect>``. Text is escaped by the XML serializer (a customer's ``<`` or ``&`` cannot break it)."""
    root = Element("adf")
    prospect = SubElement(root, "prospect", status="resend" if lead.resend else "new")
    _add(prospect, "id", lead.lead_id, sequence="1", source=SHOWROOM)
    if lead.source_id:
        _add(prospect, "id", lead.source_id, sequence="2", source=lead.source_name or "original")
    _add(prospect, "requestdate", lead.request_date.isoformat(timespec="seconds"))
    for vehicle in lead.vehicles:
        _vehicle(prospect, vehicle)
    _customer(prospect, lead)
    vendor = SubElement(prospect, "vendor")
    _add(vendor, "vendorname", lead.dealership_name)
    vendor_contact = SubElement(vendor, "contact")
    _add(vendor_contact, "name", lead.dealership_name, part="full")
    _add(vendor_contact, "email", lead.dealership_email)
    _add(vendor_contact, "phone", lead.dealership_phone)
    provider = SubElement(prospect, "provider")
    _add(provider, "name", SHOWROOM, part="full")
    _add(provider, "service", lead.source_name)
    _add(provider, "url", lead.showroom_url)
    indent(root)  # one element a line: short lines, so the e-mail body stays plain text (no quoted-printable)
    body = tostring(root, encoding="unicode", short_empty_elements=True)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>\n{body}\n'
