"""The ADF entry points `parse_adf` and `parse_adf_all`: a prospect read into a `ParsedLead`, with its
request date, timeframe, vendor and provider."""

from __future__ import annotations

from datetime import UTC, date, datetime
from xml.etree.ElementTree import Element

from showroom.leads.adf.classify import non_sales_reason, request_type, request_values
from showroom.leads.adf.comments import comment_fields, join_comments
from showroom.leads.adf.contacts import PREFERRED_IN_TEXT, contact_preference, customer_contact, read_contact
from showroom.leads.adf.elements import field, kid, kids, text
from showroom.leads.adf.loading import as_bytes, find_prospects, load
from showroom.leads.adf.model import TIMEFRAME_MAX_LENGTH, AdfError, AdfId, ParsedLead
from showroom.leads.adf.vehicles import fill_from_comments, flag_mirrored_trades, is_empty, read_vehicles

_DATE_FORMATS = (
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S %z",
)  # fmt: skip


def _request_date(raw: str | None, warnings: list[str]) -> datetime | None:
    if not raw:
        return None
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        for pattern in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(raw, pattern)
                break
            except ValueError:
                continue
        else:
            warnings.append(f"requestdate {raw!r} is not a date; ignored")
            return None
        warnings.append(f"requestdate {raw!r} is not ISO 8601; read as {parsed.isoformat()}")
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _iso_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _timeframe(lead: ParsedLead, element: Element | None, warnings: list[str]) -> None:
    if element is None:
        for key in ("purchase timeframe", "timeframe", "time frame", "when do you plan to purchase"):
            if lead.comment_fields.get(key):
                lead.timeframe = lead.comment_fields[key][:TIMEFRAME_MAX_LENGTH]
                return
        return
    description = field(element, "description") or (text(element) if not len(element) else None)
    earliest_raw, latest_raw = field(element, "earliestdate"), field(element, "latestdate")
    lead.timeframe_earliest, lead.timeframe_latest = _iso_date(earliest_raw), _iso_date(latest_raw)
    span = " to ".join(value for value in (earliest_raw, latest_raw) if value)
    if earliest_raw and not latest_raw:
        span = f"from {earliest_raw}"
    elif latest_raw and not earliest_raw:
        span = f"by {latest_raw}"
    timeframe = f"{description} ({span})" if description and span else description or span or None
    if timeframe and len(timeframe) > TIMEFRAME_MAX_LENGTH:
        warnings.append(f"timeframe is longer than {TIMEFRAME_MAX_LENGTH} characters; cut")
        timeframe = timeframe[:TIMEFRAME_MAX_LENGTH]
    lead.timeframe = timeframe


def _parse_prospect(prospect: Element, root: Element, region: str, warnings: list[str]) -> ParsedLead:
    customer_element = kid(prospect, "customer")
    contact_element = customer_contact(customer_element) if customer_element is not None else None
    if contact_element is None:
        raise AdfError("ADF has no customer contact: need an email or a phone (no <customer> element)",
                       field="customer.contact")  # fmt: skip
    customer = read_contact(contact_element, region, "customer.contact", warnings)
    if not customer.has_contact:
        sent = [repr(v) for v in customer.invalid_emails] + [repr(p.number) for p in customer.phones]
        detail = f" (unusable: {', '.join(sent)})" if sent else ""
        raise AdfError(f"ADF has no customer contact: need an email or a phone{detail}", field="customer.contact")
    lead = ParsedLead(customer=customer, warnings=warnings)
    for id_element in kids(prospect, "id"):
        value = text(id_element)
        if value:
            sequence = (id_element.get("sequence") or "").strip()
            lead.ids.append(AdfId(value, (id_element.get("source") or "").strip() or None,
                                  int(sequence) if sequence.isdigit() else None))  # fmt: skip
    status = (prospect.get("status") or "").strip().lower()
    lead.status = status if status in {"new", "resend"} else None
    if status and lead.status is None:
        warnings.append(f"prospect status {prospect.get('status')!r} is neither 'new' nor 'resend'; ignored")
    version = (root.get("version") or "").strip()
    if version and version != "1.0":
        warnings.append(f"ADF version {version!r}; read as 1.0")
    lead.request_date = _request_date(field(prospect, "requestdate"), warnings)
    comment_elements = [*kids(customer_element, "comments", "comment"), *kids(contact_element, "comment", "comments")]
    lead.comments = join_comments([*comment_elements, *kids(prospect, "comments")])
    lead.comment_fields = comment_fields(lead.comments)
    if customer.preferred_contact is None:
        match = PREFERRED_IN_TEXT.search(lead.comments or "")
        customer.preferred_contact = contact_preference(match.group("value")) if match else None
    vehicles = read_vehicles(prospect, customer_element, warnings)
    fill_from_comments(vehicles, lead.comment_fields, warnings)
    for index, vehicle in enumerate(vehicles, start=1):
        if is_empty(vehicle):
            warnings.append(f"vehicle {index} ({vehicle.interest}) names no year, make, model, VIN or stock; dropped")
    lead.vehicles = [vehicle for vehicle in vehicles if not is_empty(vehicle)]
    flag_mirrored_trades(lead.vehicles, warnings)
    timeframe = kid(customer_element, "timeframe")
    _timeframe(lead, timeframe if timeframe is not None else kid(prospect, "timeframe"), warnings)
    _read_parties(prospect, lead, region)
    lead.non_sales_reason = non_sales_reason(lead.comments, lead.vehicles)
    lead.is_sales_lead = lead.non_sales_reason is None
    sources = " ".join(filter(None, [lead.provider_name, lead.provider_service, *(i.source for i in lead.ids)]))
    lead.request_type = request_type(lead, request_values(prospect, customer_element), sources)
    return lead


def _read_parties(prospect: Element, lead: ParsedLead, region: str) -> None:
    """Vendor (the dealership) and provider (the lead source); their contacts' problems are not the lead's."""
    vendor = kid(prospect, "vendor")
    if vendor is not None:
        lead.vendor_name = field(vendor, "vendorname", "name")
        lead.vendor_id = field(vendor, "id")
        lead.vendor_url = field(vendor, "url")
        contact = kid(vendor, "contact")
        lead.vendor_contact = read_contact(contact, region, "vendor.contact", []) if contact is not None else None
    provider = kid(prospect, "provider")
    if provider is not None:
        lead.provider_name = field(provider, "name")
        lead.provider_id = field(provider, "id")
        lead.provider_service = field(provider, "service")
        lead.provider_url = field(provider, "url")
        contact = kid(provider, "contact")
        lead.provider_contact = read_contact(contact, region, "provider.contact", []) if contact is not None else None


def parse_adf_all(document: bytes | str, *, region: str = "US") -> list[ParsedLead]:
    """Every prospect of an ADF document (ADF allows several). `region` is the default for national phones."""
    warnings: list[str] = []
    data = as_bytes(document, warnings)
    root, malformed = load(data, warnings)
    prospects = find_prospects(root)
    if not prospects:
        raise AdfError(f"not an ADF document: root element <{root.tag}> has no <prospect>", field="prospect")
    try:
        leads = [_parse_prospect(prospect, root, region, list(warnings)) for prospect in prospects]
    except AdfError as error:
        if malformed is None:
            raise
        raise AdfError(
            f"{malformed.reason}; the tolerant fallback could not make a lead of it either: {error.reason}",
            field=error.field,
            line=malformed.line,
            column=malformed.column,
        ) from None
    for lead in leads:
        lead.recovered = malformed is not None
    return leads


def parse_adf(document: bytes | str, *, region: str = "US") -> ParsedLead:
    """The (first) prospect of an ADF document; raises AdfError on anything that cannot become a lead."""
    leads = parse_adf_all(document, region=region)
    if len(leads) > 1:
        leads[0].warnings.append(f"the document has {len(leads)} prospects; only the first was read")
    return leads[0]
