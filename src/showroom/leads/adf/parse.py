"""The ADF entry points `parse_prospects`, `parse_adf` and `parse_adf_all`: a prospect read into a `ParsedLead`,
with its request date, timeframe, vendor and provider."""

from __future__ import annotations

from datetime import UTC, date, datetime
from xml.etree.ElementTree import Element

from showroom.leads.adf.classify import non_sales_reason, request_type, request_values
from showroom.leads.adf.comments import comment_fields, join_comments
from showroom.leads.adf.contacts import PREFERRED_IN_TEXT, contact_preference, customer_contact, read_contact
from showroom.leads.adf.elements import field, kid, kids, own_text, text
from showroom.leads.adf.loading import as_bytes, find_prospects, load
from showroom.leads.adf.model import TIMEFRAME_MAX_LENGTH, AdfContact, AdfError, AdfId, ParsedLead
from showroom.leads.adf.vehicles import fill_from_comments, flag_mirrored_trades, is_empty, read_vehicles
from showroom.leads.consent import is_yes as consent_is_yes

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
    status = (prospect.get("status") or "").strip().lower()
    customer_element = kid(prospect, "customer")
    contact_element = customer_contact(customer_element) if customer_element is not None else None
    # A resend may carry nothing but the ids of the lead it repeats: intake matches it (leads.adf_intake).
    if contact_element is None and status != "resend":
        raise AdfError("the prospect has no customer contact: no <customer> element", field="customer.contact")
    customer = (
        read_contact(contact_element, region, "customer.contact", warnings)
        if contact_element is not None
        else AdfContact()
    )
    if not customer.has_contact and status != "resend":
        raise AdfError("the prospect has no customer contact: no e-mail or phone at all", field="customer.contact")
    lead = ParsedLead(customer=customer, warnings=warnings)
    for id_element in kids(prospect, "id"):
        value = text(id_element)
        if value:
            sequence = (id_element.get("sequence") or "").strip()
            lead.ids.append(AdfId(value, (id_element.get("source") or "").strip() or None,
                                  int(sequence) if sequence.isdigit() else None))  # fmt: skip
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
    lead.sms_consent = _sms_consent([prospect, customer_element, contact_element])
    lead.non_sales_reason = non_sales_reason(lead.comments, lead.vehicles)
    lead.is_sales_lead = lead.non_sales_reason is None
    sources = " ".join(filter(None, [lead.provider_name, lead.provider_service, *(i.source for i in lead.ids)]))
    lead.request_type = request_type(lead, request_values(prospect, customer_element), sources)
    return lead


_CONSENT_TAGS = ("consent", "smsconsent", "sms_consent", "smsoptin", "textoptin", "tcpaconsent", "optin")


def _sms_consent(parents: list[Element | None]) -> tuple[bool, str] | None:
    """A consent element (not in ADF 1.0; senders add one): ``<consent type="sms">yes</consent>``, ``<smsoptin>1``
    ``</smsoptin>``... with its ``wording``/``text`` attribute or child as the words agreed to."""
    for parent in parents:
        for element in kids(parent, *_CONSENT_TAGS):
            kind = (element.get("type") or element.get("channel") or "sms").strip().lower()
            if kind not in {"sms", "text", "texting", "mobile", "tcpa"}:
                continue
            value = element.get("value") or element.get("granted") or own_text(element) or text(element)
            granted = consent_is_yes(value)
            if granted is None:
                continue
            wording = element.get("wording") or element.get("text") or field(element, "wording", "text", "language")
            return granted, (wording or f"<{element.tag}> {value}").strip()
    return None


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


def parse_prospects(document: bytes | str, *, region: str = "US") -> list[ParsedLead | AdfError]:
    """Every prospect of an ADF document (ADF allows several), each read on its own: a prospect that cannot become
    a lead is its `AdfError` in its place, and never costs the others theirs. Raises `AdfError` only for the
    document as a whole (not XML even to the tolerant reader, no `<prospect>`). `region`: for national phones."""
    warnings: list[str] = []
    data = as_bytes(document, warnings)
    root, malformed = load(data, warnings)
    prospects = find_prospects(root)
    if not prospects:
        raise AdfError(f"not an ADF document: root element <{root.tag}> has no <prospect>", field="prospect")
    results: list[ParsedLead | AdfError] = []
    for prospect in prospects:
        try:
            lead = _parse_prospect(prospect, root, region, list(warnings))
        except AdfError as error:
            if malformed is not None:
                error = AdfError(
                    f"{malformed.reason}; the tolerant fallback could not make a lead of it either: {error.reason}",
                    field=error.field,
                    line=malformed.line,
                    column=malformed.column,
                )
            results.append(error)
            continue
        lead.recovered = malformed is not None
        results.append(lead)
    return results


def parse_adf_all(document: bytes | str, *, region: str = "US") -> list[ParsedLead]:
    """Every prospect of an ADF document; raises the first prospect's `AdfError` if any cannot become a lead."""
    leads = []
    for result in parse_prospects(document, region=region):
        if isinstance(result, AdfError):
            raise result
        leads.append(result)
    return leads


def parse_adf(document: bytes | str, *, region: str = "US") -> ParsedLead:
    """The (first) prospect of an ADF document; raises AdfError on anything that cannot become a lead."""
    results = parse_prospects(document, region=region)
    first = results[0]
    if isinstance(first, AdfError):
        raise first
    if len(results) > 1:
        first.warnings.append(f"the document has {len(results)} prospects; only the first was read")
    return first
