"""Staff pages of the CRM hand-off and the IMAP mailbox: the admin's settings (the CRM's lead-intake address, when
to send; the mailbox leads and replies are collected from, with its last poll and last error) and a lead's "Send to
CRM again" button. Plain HTML forms calling the services of the JSON API (``integrations.crm``, ``.imap``)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select

from showroom.errors import AppError, Conflict, ValidationFailed
from showroom.integrations.crm import service
from showroom.integrations.crm.schemas import CrmSettings
from showroom.integrations.imap import service as imap
from showroom.integrations.imap.schemas import MailboxIn
from showroom.models import InboundMailbox
from showroom.vocabulary import CrmSendWhen, MailboxSecurity
from showroom.web.deps import HtmlRoute, Staff, StaffForm, StaffPage

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
PAGE = "/app/settings/crm"


def _mailbox_values(mailbox: InboundMailbox) -> dict[str, str]:
    names = ("host", "port", "security", "username", "folder", "move_to")
    return {name: str(getattr(mailbox, name) or "") for name in names} | {"enabled": "true" if mailbox.enabled else ""}


async def crm_page(
    staff: Staff,
    status_code: int = 200,
    error: str | None = None,
    form: dict[str, str] | None = None,
    mailbox_form: dict[str, str] | None = None,
) -> HTMLResponse:
    staff.require("webhook.manage")
    current = await service.get_settings(staff.session, staff.dealership.id)
    mailbox = await staff.session.scalar(
        select(InboundMailbox).where(InboundMailbox.dealership_id == staff.dealership.id)
    )
    return staff.render(
        "crm.html",
        status_code,
        mailbox=mailbox,
        mailbox_form=mailbox_form or (_mailbox_values(mailbox) if mailbox else {"port": "993", "folder": "INBOX"}),
        password_env=imap.password_env(staff.dealership.subdomain),
        securities=[m.value for m in MailboxSecurity],
        crm=form or {"email": current.email or "", "send_when": current.send_when.value},
        choices=[
            (CrmSendWhen.qualified.value, "Once, when a lead is qualified or handed over to a person"),
            (CrmSendWhen.new_lead.value, "Every new lead"),
        ],
        error=error,
        saved=staff.request.query_params.get("saved"),
    )


@router.get(PAGE)
async def crm_settings(staff: StaffPage) -> HTMLResponse:
    return await crm_page(staff)


@router.post(PAGE)
async def save_crm_settings(staff: StaffForm) -> Response:
    staff.require("webhook.manage")
    form = staff.request._form  # parsed (and cached) by the StaffForm dependency
    assert form is not None
    given = {"email": str(form.get("email") or "").strip(), "send_when": str(form.get("send_when") or "")}
    try:
        body = CrmSettings.model_validate({"email": given["email"] or None, "send_when": given["send_when"]})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = ValidationFailed(f"{where}: {first.get('msg')}", field=where).detail
        return await crm_page(staff, 422, message, given)
    await service.update_settings(staff.session, staff.dealership.id, body, staff.actor)
    return RedirectResponse(f"{PAGE}?saved=1", status_code=303)


@router.post("/app/leads/{lead_id}/crm-resend")
async def resend(lead_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("lead.write")
    try:
        await service.resend(staff.session, staff.dealership.id, lead_id, staff.actor)
    except Conflict:  # the only expected refusal: no CRM address (a fixed word: no text reflected from the URL)
        return RedirectResponse(f"/app/leads/{lead_id}?crm=no-address", status_code=303)
    return RedirectResponse(f"/app/leads/{lead_id}?crm=queued", status_code=303)


@router.post(PAGE + "/mailbox")
async def save_mailbox(staff: StaffForm) -> Response:
    staff.require("webhook.manage")
    form = staff.request._form
    assert form is not None
    names = ("host", "port", "security", "username", "folder", "move_to")
    given = {name: str(form.get(name) or "").strip() for name in names} | {"enabled": str(form.get("enabled") or "")}
    try:
        body = MailboxIn.model_validate(
            {**{k: v for k, v in given.items() if v and k != "enabled"}, "enabled": given["enabled"] == "true"}
        )
        await imap.put_mailbox(staff.session, staff.dealership.id, body, staff.actor, staff.services.settings)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return await crm_page(staff, 422, f"mailbox {where}: {first.get('msg')}", mailbox_form=given)
    except AppError as exc:
        return await crm_page(staff, exc.status_code, f"mailbox: {exc.detail}", mailbox_form=given)
    return RedirectResponse(f"{PAGE}?saved=1", status_code=303)
