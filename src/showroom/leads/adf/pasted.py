"""A lead document pasted into a chat or a text: what its customer asks, written as a lead form reads.

Customers paste what a listing site sent them, or what they submitted, into the chat ("<?xml ...><adf>..."). Read
as words, the markup reads like nothing a salesperson would answer (the agent handed it over). Read as the lead it
is, it says who writes (name, phone, e-mail), which car they want (year, make, model, trim, VIN, stock number),
which car they trade, and their own question: the lines a dealer-site form puts in an e-mail ("Name: ...",
"Vehicle of interest: ...", "Comments: ..."), which the agent understands. Pure: no database.
"""

from __future__ import annotations

import re

from showroom.leads.adf.extract import extract_adf_documents
from showroom.leads.adf.model import AdfError, AdfVehicle, ParsedLead
from showroom.leads.adf.parse import parse_adf

_CONDITIONS = {"new": "New ", "used": "Used ", "cpo": "Certified "}
_HINT = re.compile(r"<\s*(?:[\w.-]+:)?(?:adf|prospect)\b", re.IGNORECASE)
_DOCUMENT = re.compile(r"(?:<\?xml[^>]*\?>\s*)?<\s*((?:[\w.-]+:)?(?:adf|prospect))\b.*?</\s*\1\s*>", re.I | re.S)


def as_enquiry(text: str) -> str | None:
    """The lead form ``text`` carries (``"Name: ...\\nVehicle of interest: ...\\nComments: ..."``), or None when it
    holds no ADF document that parses (then it is answered as written). Words around the document are kept."""
    if not _HINT.search(text):
        return None
    try:
        documents = extract_adf_documents(text.encode())
        lead = parse_adf(documents[0]) if documents else None
    except AdfError:
        return None
    if lead is None:
        return None
    around = " ".join(_DOCUMENT.sub(" ", text).split())
    lines = [*_contact(lead), *(_vehicle(v) for v in lead.vehicles)]
    said = [part for part in (around, lead.comments, *(v.comments for v in lead.vehicles)) if part and part.strip()]
    if said:
        lines.append("Comments: " + " ".join(" ".join(part.split()) for part in said))
    return "\n".join(lines) or None


def _contact(lead: ParsedLead) -> list[str]:
    c = lead.customer
    name = c.full_name or " ".join(part for part in (c.first_name, c.last_name) if part)
    phone = c.primary_phone
    return [
        line
        for line in (
            f"Name: {name}" if name else "",
            f"Phone: {phone.number}" if phone else "",
            f"Email: {c.email}" if c.email else "",
        )
        if line
    ]


def _vehicle(v: AdfVehicle) -> str:
    label = "Vehicle of interest" if v.is_wanted else "Trade-in"
    title = " ".join(str(part) for part in (v.year, v.make, v.model, v.trim) if part)
    details = [
        f"{v.exterior_color}" if v.exterior_color else "",
        f"{v.mileage:,} miles" if v.mileage and not v.is_wanted else "",
        f"stock {v.stock_number}" if v.stock_number else "",
        f"VIN {v.vin}" if v.vin else "",
    ]
    condition = _CONDITIONS.get(v.condition or "", "") if v.is_wanted else ""
    extra = ", ".join(d for d in details if d)
    return f"{label}: {condition}{title}" + (f", {extra}" if extra else "")
