"""ADF documents into intake: routing to a dealership, mapping to IntakeLead, and the dead-letter list.

Routing is by the caller's dealership (API key, signed-in staff, ``--dealership``), else by the inbound address
(``leads+<subdomain>@…`` or ``<subdomain>@…``), else by an explicit vendor match configured per dealership
(``lead_routing.adf_vendor_names/ids``). A document that matches nothing is kept whole in
``intake_dead_letters`` for a platform admin; it is never assigned to a guessed dealership.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import getaddresses
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor
from showroom.db.tenancy import acting_for
from showroom.errors import AppError, ValidationFailed
from showroom.leads import consent
from showroom.leads.adf.extract import extract_adf_documents
from showroom.leads.adf.model import AdfContact, AdfError, ParsedLead
from showroom.leads.adf.parse import parse_prospects
from showroom.leads.contacts import normalize_email
from showroom.leads.intake import intake, record_resend
from showroom.leads.intake_model import IntakeContact, IntakeLead, IntakeResult, IntakeVehicle, primary_wanted
from showroom.leads.queries import customers_by_contact, lead_by_key
from showroom.leads.service import region, source_key
from showroom.models import IntakeDeadLetter, Lead, VehicleInterest
from showroom.vocabulary import ProspectOutcome

_SUBDOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass
class DocumentOutcome:
    """What became of one prospect of an ADF document: a lead (new, a duplicate, or the lead a resend repeats), or
    a rejection with its reason. ``prospect``: its position in its document (1-based), ``document`` that of the
    document in the payload."""

    result: IntakeResult | None = None
    error: str | None = None
    error_field: str | None = None
    dead_letter_id: uuid.UUID | None = None
    warnings: list[str] = field(default_factory=list)
    document: int = 1
    prospect: int = 1
    resend: bool = False
    source_name: str | None = None

    @property
    def outcome(self) -> ProspectOutcome:
        if self.result is None:
            return ProspectOutcome.rejected
        if self.resend and self.result.duplicate:
            return ProspectOutcome.resend
        return ProspectOutcome.duplicate if self.result.duplicate else ProspectOutcome.lead

    @property
    def why(self) -> str:
        """In words, for the per-prospect report."""
        if self.result is None:
            return self.error or "rejected"
        number = self.result.lead.lead_number
        if self.outcome == ProspectOutcome.resend:
            return f"a resend of {number}, recorded on it"
        if self.result.duplicate:
            return f"the same enquiry as {number}"
        return f"created {number}" + (f" from {self.source_name}" if self.source_name else "")


def _contact(c: AdfContact) -> IntakeContact:
    """The parser's primary phone goes with the E.164 form it computed (with the contact's own country), so intake
    does not normalise it a second time with the dealership's region; the next phone is the alternate. A contact
    with no valid e-mail or possible phone is passed on as given: intake keeps it, flagged (docs/identity.md)."""
    primary = c.primary_phone or (c.phones[0] if c.phones else None)
    others = [p for p in c.phones if p is not primary]
    alternate = next((p for p in others if p.e164), others[0] if others else None)
    country = (c.country or "").strip().upper()
    return IntakeContact(
        first_name=c.first_name,
        last_name=c.last_name,
        full_name=c.full_name,
        email=c.email or (c.invalid_emails[0] if c.invalid_emails else None),
        phone=primary.number if primary else None,
        phone_e164=primary.e164 if primary else None,
        alternate_phone=alternate.number if alternate else None,
        address=c.street,
        city=c.city,
        state=c.region,
        zip_code=c.postal_code,
        country=country if len(country) == 2 and country.isascii() and country.isalpha() else None,
        preferred_contact=c.preferred_contact,
    )


def provider_of(parsed: ParsedLead, sender: str | None = None) -> str | None:
    """The lead provider the document names (docs/identity.md): its provider name, else the source of its id,
    else the provider's web or e-mail address, else the address that sent it; None when it names none."""
    primary = parsed.primary_id
    contact = parsed.provider_contact
    for candidate in (
        parsed.provider_name,
        primary.source if primary else None,
        _domain(parsed.provider_url),
        _domain(contact.email if contact else None),
        _domain(sender),
    ):
        if candidate and candidate.strip():
            return candidate.strip()[:100]
    return None


def _domain(address: str | None) -> str | None:
    """``leads@autotrader.com`` / ``https://www.cargurus.com/x`` -> ``autotrader.com`` / ``cargurus.com``."""
    if not address:
        return None
    _, mail = getaddresses([address])[0] if "@" in address else ("", "")
    host = mail.rsplit("@", 1)[1] if "@" in mail else address.split("//", 1)[-1].split("/", 1)[0]
    host = host.lower().removeprefix("www.").strip(" .>")
    return host if "." in host else None


def _consent(parsed: ParsedLead, received: datetime) -> dict[str, Any] | None:
    """Consent to automated SMS the document carries: a consent element, else an explicit line in the comments."""
    if parsed.sms_consent is not None:
        granted, wording = parsed.sms_consent
        return consent.record("adf", wording, granted=granted, at=received)
    said = consent.from_text(parsed.comments)
    if said is None:
        return None
    return consent.record("adf comments", said[1], granted=said[0], at=received)


def to_intake(parsed: ParsedLead, raw: str, sender: str | None = None) -> IntakeLead:
    primary = parsed.primary_id
    provider = provider_of(parsed, sender)
    vehicles = [
        IntakeVehicle(
            interest=v.interest,
            condition=v.condition,
            year=v.year,
            make=v.make,
            model=v.model,
            trim=v.trim,
            body_style=v.body_style,
            vin=v.vin,
            stock_number=v.stock_number,
            exterior_color=v.exterior_color,
            interior_color=v.interior_color,
            mileage=v.mileage,
            price=v.price_cents,
            fuel_type=v.fuel_type,
            transmission=v.transmission,
            features=v.options[:50],
        )
        for v in parsed.vehicles
    ]
    comments = "\n\n".join(c for c in (parsed.comments, *[v.comments for v in parsed.vehicles]) if c) or None
    received = parsed.request_date or datetime.now(UTC)
    if abs(received - datetime.now(UTC)) > timedelta(days=2):
        received = datetime.now(UTC)  # a sender's clock or a stale template: the dedupe day is today's
    contact = _contact(parsed.customer)
    contact.sms_consent = _consent(parsed, received)
    return IntakeLead(
        source_type="adf_email",
        customer=contact,
        provider=(provider or "ADF Email")[:100],
        issuer=primary.source if primary else None,
        external_id=primary.value if primary else None,
        vehicles=vehicles,
        message=comments,
        timeframe=parsed.timeframe,
        request_type=parsed.request_type,
        request_category=f"not a sales lead: {parsed.non_sales_reason}"[:100] if not parsed.is_sales_lead else None,
        original={
            "format": "adf",
            "raw": raw,
            "status": parsed.status,
            "warnings": parsed.warnings,
            "vendor": parsed.vendor_name,
            "provider": parsed.provider_name,
        },
        open_conversation=parsed.is_sales_lead,
        received_at=received,
    )


async def dealership_for_address(session: AsyncSession, addresses: str | list[str] | None) -> int | None:
    """``leads+<subdomain>@domain`` or ``<subdomain>@domain``: the dealership the inbound address names."""
    if not addresses:
        return None
    joined = addresses if isinstance(addresses, str) else ", ".join(addresses)
    for _, address in getaddresses([joined]):
        local = address.split("@", 1)[0].lower()
        candidate = local.split("+", 1)[1] if "+" in local else local
        if _SUBDOMAIN.match(candidate):
            found = await session.scalar(text("select resolve_dealership(:s)"), {"s": candidate})
            if found is not None:
                return int(found)
    return None


async def dealership_for_vendor(session: AsyncSession, parsed: ParsedLead) -> int | None:
    found = await session.scalar(
        text("select resolve_adf_vendor(:n, :i)"), {"n": parsed.vendor_name, "i": parsed.vendor_id}
    )
    return int(found) if found is not None else None


async def dead_letter(
    session: AsyncSession,
    *,
    channel: str,
    reason: str,
    payload: bytes | str,
    content_type: str | None = None,
    sender: str | None = None,
    recipient: str | None = None,
    parsed: ParsedLead | None = None,
) -> uuid.UUID:
    """Keep an unroutable lead for a platform admin (the service role may insert, never read these)."""
    letter_id = uuid.uuid4()
    body = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
    await session.execute(
        insert(IntakeDeadLetter).values(
            id=letter_id,
            channel=channel,
            reason=reason[:2000],
            payload=body.replace("\x00", ""),
            content_type=(content_type or "")[:100] or None,
            sender=(sender or "")[:255] or None,
            recipient=(recipient or "")[:255] or None,
            vendor_name=parsed.vendor_name[:255] if parsed and parsed.vendor_name else None,
            provider_name=parsed.provider_name[:255] if parsed and parsed.provider_name else None,
        )
    )
    return letter_id


async def process_payload(
    session: AsyncSession,
    payload: bytes,
    *,
    content_type: str | None,
    actor: Actor,
    dealership_id: int | None,
    channel: str,
    recipients: str | list[str] | None = None,
    sender: str | None = None,
) -> list[DocumentOutcome]:
    """Every ADF document in ``payload`` (raw XML or a MIME e-mail), each routed and taken in.

    Each document gets its own savepoint: a bad one is reported and the others still land; a document without
    a dealership becomes a dead letter. The caller commits.
    """
    try:
        documents = extract_adf_documents(payload, content_type)
    except AdfError as exc:
        return [DocumentOutcome(error=exc.reason, error_field=exc.field)]
    if not documents:
        return [
            DocumentOutcome(
                error="no ADF document found (expected <adf> XML, in the body or an attachment)", error_field="body"
            )
        ]
    outcomes: list[DocumentOutcome] = []
    routed_by_address = dealership_id or await dealership_for_address(session, recipients)
    for number, document in enumerate(documents, start=1):
        for outcome in await _one(
            session,
            document,
            actor=actor,
            dealership_id=routed_by_address,
            channel=channel,
            content_type=content_type,
            sender=sender,
            recipients=recipients,
        ):
            outcome.document = number
            outcomes.append(outcome)
    return outcomes


async def _one(
    session: AsyncSession,
    document: bytes,
    *,
    actor: Actor,
    dealership_id: int | None,
    channel: str,
    content_type: str | None,
    sender: str | None,
    recipients: str | list[str] | None,
) -> list[DocumentOutcome]:
    """Every prospect of one document, each in its own savepoint: a lead, a duplicate, a resend recorded on its
    lead, or a rejection with its reason; one prospect's failure never costs another its lead."""
    phone_region = await region(session, dealership_id) if dealership_id else "US"
    try:
        prospects = parse_prospects(document, region=phone_region)
    except AdfError as exc:
        where = f" (line {exc.line}, column {exc.column})" if getattr(exc, "line", None) else ""
        return [DocumentOutcome(error=f"{exc.reason}{where}", error_field=exc.field)]
    raw = document.decode("utf-8", "replace")
    parsed_ok = [p for p in prospects if isinstance(p, ParsedLead)]
    target = dealership_id
    for candidate in parsed_ok:
        target = target or await dealership_for_vendor(session, candidate)
    if target is None:
        first = parsed_ok[0] if parsed_ok else None
        vendor = (first.vendor_name or first.vendor_id if first else None) or "none given"
        reason = (
            f"no dealership matches this ADF (vendor: {vendor}); configure the vendor in a dealership's "
            "lead routing, or post it with that dealership's API key"
        )
        letter = await dead_letter(
            session,
            channel=channel,
            reason=reason,
            payload=raw,
            content_type=content_type,
            sender=sender,
            recipient=", ".join(recipients) if isinstance(recipients, list) else recipients,
            parsed=first,
        )
        return [
            DocumentOutcome(error=reason, error_field="vendor", dead_letter_id=letter, warnings=first.warnings)
            if first
            else DocumentOutcome(error=reason, error_field="vendor", dead_letter_id=letter)
        ]
    outcomes: list[DocumentOutcome] = []
    earlier: list[tuple[ParsedLead, Lead]] = []  # this document's leads, for its resends
    async with acting_for(session, target, actor.user_id):  # outside the savepoints, which may roll back
        for index, read in enumerate(prospects, start=1):
            if isinstance(read, AdfError):
                where = f" (line {read.line}, column {read.column})" if read.line else ""
                outcome = DocumentOutcome(error=f"prospect {index}: {read.reason}{where}", error_field=read.field)
            else:
                outcome = await _prospect(session, target, read, raw, sender, actor, earlier)
                if outcome.result is not None:
                    earlier.append((read, outcome.result.lead))
            outcome.prospect = index
            outcomes.append(outcome)
    return outcomes


async def _prospect(
    session: AsyncSession,
    dealership_id: int,
    parsed: ParsedLead,
    raw: str,
    sender: str | None,
    actor: Actor,
    earlier: list[tuple[ParsedLead, Lead]],
) -> DocumentOutcome:
    """One prospect in its own savepoint: all of its rows, or (rolled back) none of them."""
    data = to_intake(parsed, raw, sender)
    resend = parsed.status == "resend"
    source = data.provider
    nested = await session.begin_nested()
    try:
        resent = await resent_lead(session, parsed, data, earlier) if resend else None
        if resent is not None:
            result = await record_resend(session, resent, data, actor)
        elif resend and not parsed.customer.has_contact:
            what = f"id {data.external_id}" if data.external_id else "no id"
            raise ValidationFailed(
                f"a resend ({what}) of a lead we do not have, with no customer contact to take it in as new",
                field="customer.contact",
            )
        else:
            result = await intake(session, dealership_id, data, actor)
    except AppError as exc:  # reported per prospect; the savepoint keeps the others
        await nested.rollback()
        return DocumentOutcome(error=exc.detail, error_field=exc.field, warnings=parsed.warnings, resend=resend)
    except DBAPIError as exc:  # a value or row the database refused (intake fits them all; this is the backstop)
        await nested.rollback()
        reason = str(exc.orig).splitlines()[0] if exc.orig is not None else "a value does not fit its column"
        return DocumentOutcome(
            error=f"the lead could not be stored: {reason}",
            error_field="prospect",
            warnings=parsed.warnings,
            resend=resend,
        )
    await nested.commit()
    source = result.source_name or source
    return DocumentOutcome(result=result, warnings=parsed.warnings, resend=resend, source_name=source)


async def resent_lead(
    session: AsyncSession, parsed: ParsedLead, data: IntakeLead, earlier: list[tuple[ParsedLead, Lead]]
) -> Lead | None:
    """The lead a ``status="resend"`` prospect repeats: one of the same document (same id, else the one before it
    when the resend names no id and no customer), else ours with the same provider id, else the latest lead of the
    same customer (e-mail or phone) about the same vehicle."""
    ident = parsed.primary_id
    for other, lead in reversed(earlier):
        if (
            ident
            and other.primary_id
            and (ident.value, ident.source) == (other.primary_id.value, other.primary_id.source)
        ):
            return lead
    if earlier and ident is None and not parsed.customer.has_contact:
        return earlier[-1][1]
    if data.external_id:
        key = source_key(
            issuer=data.issuer, external_id=data.external_id, email=None, phone=None, vehicle=None, day="", source=""
        )
        found = await lead_by_key(session, key)
        if found is not None:
            return await session.get(Lead, found)
    email = normalize_email(data.customer.email)
    phone = data.customer.phone_e164
    if not (email or phone):
        return None
    customers = await customers_by_contact(session, email, phone)
    if not customers:
        return None
    wanted = primary_wanted(data.vehicles)
    query = select(Lead).where(Lead.customer_id.in_(customers)).order_by(Lead.created_at.desc()).limit(1)
    if wanted is not None:
        same = select(VehicleInterest.lead_id).where(VehicleInterest.is_primary)
        same = (
            same.where(VehicleInterest.vin == wanted.vin)
            if wanted.vin
            else same.where(VehicleInterest.make == wanted.make, VehicleInterest.model == wanted.model)
        )
        query = query.where(Lead.id.in_(same))
    latest: Lead | None = await session.scalar(query)
    return latest
