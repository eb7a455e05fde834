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

from sqlalchemy import insert, text
from sqlalchemy.exc import DataError
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor
from showroom.db.tenancy import acting_for
from showroom.errors import AppError
from showroom.leads.adf.extract import extract_adf_documents
from showroom.leads.adf.model import AdfContact, AdfError, ParsedLead
from showroom.leads.adf.parse import parse_adf
from showroom.leads.intake import intake
from showroom.leads.intake_model import IntakeContact, IntakeLead, IntakeResult, IntakeVehicle
from showroom.leads.service import region
from showroom.models import IntakeDeadLetter

_SUBDOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass
class DocumentOutcome:
    """What became of one ADF document: a lead (new or duplicate), or a rejection with its reason."""

    result: IntakeResult | None = None
    error: str | None = None
    error_field: str | None = None
    dead_letter_id: uuid.UUID | None = None
    warnings: list[str] = field(default_factory=list)


def _contact(c: AdfContact) -> IntakeContact:
    """The parser's primary phone goes with the E.164 form it computed (with the contact's own country), so intake
    does not normalise it a second time with the dealership's region; the next phone is the alternate."""
    primary = c.primary_phone
    others = [p for p in c.phones if p is not primary]
    alternate = next((p for p in others if p.e164), others[0] if others else None)
    country = (c.country or "").strip().upper()
    return IntakeContact(
        first_name=c.first_name,
        last_name=c.last_name,
        full_name=c.full_name,
        email=c.email,
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


def to_intake(parsed: ParsedLead, raw: str) -> IntakeLead:
    primary = parsed.primary_id
    provider = parsed.provider_name or parsed.provider_service or (primary.source if primary else None)
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
    return IntakeLead(
        source_type="adf_email",
        customer=_contact(parsed.customer),
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
    outcomes = []
    routed_by_address = dealership_id or await dealership_for_address(session, recipients)
    for document in documents:
        outcomes.append(
            await _one(
                session,
                document,
                actor=actor,
                dealership_id=routed_by_address,
                channel=channel,
                content_type=content_type,
                sender=sender,
                recipients=recipients,
            )
        )
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
) -> DocumentOutcome:
    phone_region = await region(session, dealership_id) if dealership_id else "US"
    try:
        parsed = parse_adf(document, region=phone_region)
    except AdfError as exc:
        where = f" (line {exc.line}, column {exc.column})" if getattr(exc, "line", None) else ""
        return DocumentOutcome(error=f"{exc.reason}{where}", error_field=exc.field)
    target = dealership_id or await dealership_for_vendor(session, parsed)
    raw = document.decode("utf-8", "replace")
    if target is None:
        vendor = parsed.vendor_name or parsed.vendor_id or "none given"
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
            parsed=parsed,
        )
        return DocumentOutcome(error=reason, error_field="vendor", dead_letter_id=letter, warnings=parsed.warnings)
    async with acting_for(session, target, actor.user_id):  # outside the savepoint, which may roll back
        nested = await session.begin_nested()
        try:
            result = await intake(session, target, to_intake(parsed, raw), actor)
        except AppError as exc:  # reported per document; the savepoint keeps the others
            await nested.rollback()
            return DocumentOutcome(error=exc.detail, error_field=exc.field, warnings=parsed.warnings)
        except DataError as exc:  # a value the database refused (intake fits them all; this is the backstop)
            await nested.rollback()
            reason = str(exc.orig).splitlines()[0] if exc.orig is not None else "a value does not fit its column"
            return DocumentOutcome(
                error=f"the lead could not be stored: {reason}", error_field="prospect", warnings=parsed.warnings
            )
        await nested.commit()
    return DocumentOutcome(result=result, warnings=parsed.warnings)
