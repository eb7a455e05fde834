"""ADF contacts: names, address, e-mails and phones of a `<contact>`, and the preferred way to reach it."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from showroom.leads.adf.elements import field, kid, kids, own_text, text
from showroom.leads.adf.model import AdfContact, AdfPhone
from showroom.leads.contacts import normalize_email, normalize_phone, split_name
from showroom.vocabulary import ContactPreference

_TRUE = frozenset({"1", "true", "yes", "y", "on"})


PREFERRED_IN_TEXT = re.compile(
    r"(?:preferred\s*(?:method\s*of\s*)?contact(?:\s*method)?|contact\s*preference|best\s*way\s*to\s*contact(?:\s*you)?)"
    r"\s*[:=\-]\s*(?P<value>[A-Za-z][A-Za-z()/ -]{0,30})",
    re.IGNORECASE,
)


def contact_preference(value: str) -> ContactPreference | None:
    lowered = value.lower()
    if "sms" in lowered or "text" in lowered:
        return ContactPreference.sms
    if "mail" in lowered:
        return ContactPreference.email
    if any(word in lowered for word in ("phone", "call", "voice", "cell", "mobile")):
        return ContactPreference.phone
    return None


def _read_names(element: Element, contact: AdfContact) -> None:
    for name in kids(element, "name"):
        part = (name.get("part") or "").strip().lower()
        nested = {child.tag: text(child) for child in name if child.tag in {"first", "last", "middle", "full"}}
        if any(nested.values()):
            contact.first_name = contact.first_name or nested.get("first")
            contact.last_name = contact.last_name or nested.get("last")
            contact.middle_name = contact.middle_name or nested.get("middle")
            contact.full_name = contact.full_name or nested.get("full")
            continue
        value = text(name)
        if not value:
            continue
        if part == "first":
            contact.first_name = contact.first_name or value
        elif part == "last":
            contact.last_name = contact.last_name or value
        elif part == "middle":
            contact.middle_name = contact.middle_name or value
        elif part == "company":
            contact.company = contact.company or value
        else:
            contact.full_name = contact.full_name or value
    contact.first_name = contact.first_name or field(element, "firstname", "first_name", "first")
    contact.last_name = contact.last_name or field(element, "lastname", "last_name", "last")
    contact.company = contact.company or field(element, "company", "companyname")
    if contact.full_name and not (contact.first_name or contact.last_name):
        contact.first_name, contact.last_name = split_name(contact.full_name)
    if not contact.full_name and (contact.first_name or contact.last_name):
        parts = (contact.first_name, contact.middle_name, contact.last_name)
        contact.full_name = " ".join(part for part in parts if part)


def _read_address(element: Element, contact: AdfContact) -> None:
    found = kid(element, "address")
    address = found if found is not None else element  # (an Element without children is falsy: no `or`)
    streets = [value for value in (own_text(s) or text(s) for s in kids(address, "street")) if value]
    apartment = field(address, "apartment", "suite", "unit")
    contact.street = ", ".join([*streets, *([apartment] if apartment else [])]) or None
    contact.city = field(address, "city")
    contact.region = field(address, "regioncode", "region", "state", "province")
    contact.postal_code = field(address, "postalcode", "postal_code", "zip", "zipcode", "zip_code")
    contact.country = field(address, "country", "countrycode")


def _phone_region(contact: AdfContact, default: str) -> str:
    country = (contact.country or "").strip().upper()
    if len(country) == 2 and country.isalpha():
        return country
    return default


def read_contact(element: Element, region: str, where: str, warnings: list[str]) -> AdfContact:
    contact = AdfContact()
    _read_names(element, contact)
    _read_address(element, contact)
    for email_element in kids(element, "email"):
        raw = text(email_element)
        if not raw:
            continue
        normalised = normalize_email(raw)
        if normalised is None:
            contact.invalid_emails.append(raw)
            warnings.append(f"{where}: {raw!r} is not a valid e-mail address; kept as given, unverified")
            continue
        if normalised not in contact.emails:
            contact.emails.append(normalised)
        if (email_element.get("preferredcontact") or "").strip().lower() in _TRUE:
            contact.preferred_contact = contact.preferred_contact or ContactPreference.email
    phone_region = _phone_region(contact, region)
    for phone_element in kids(element, "phone"):
        raw = own_text(phone_element) or text(phone_element)
        if not raw:
            continue
        phone = AdfPhone(
            number=raw,
            type=(phone_element.get("type") or "").strip().lower() or None,
            time=(phone_element.get("time") or "").strip().lower() or None,
            e164=normalize_phone(raw, phone_region),
            preferred=(phone_element.get("preferredcontact") or "").strip().lower() in _TRUE,
        )
        if phone.e164 is None:
            warnings.append(f"{where}: {raw!r} is not a possible phone number for {phone_region}; kept, unverified")
        contact.phones.append(phone)
        if phone.preferred and phone.e164:
            contact.preferred_contact = contact.preferred_contact or (
                ContactPreference.sms if phone.type in {"sms", "text"} else ContactPreference.phone
            )
    return contact


def customer_contact(customer: Element) -> Element:
    contacts = kids(customer, "contact")
    primary = [c for c in contacts if (c.get("primarycontact") or "").strip().lower() in _TRUE]
    return (primary or contacts or [customer])[0]
