"""Admin pages: dealership profile and branding, hours, handover, widget; team and invitations; API keys;
escalation triggers; the audit log. Plain HTML forms (POST, CSRF field, redirect), calling the same services as
the JSON API, so each change is validated and audited the same way."""

from __future__ import annotations

import contextlib
import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select

from showroom.agent import triggers
from showroom.agent.schemas import TriggerIn, TriggerUpdate
from showroom.api.types import DbId
from showroom.auth import api_keys, users
from showroom.auth.permissions import SCOPES
from showroom.auth.schemas import ApiKeyCreate, InvitationCreate, UserUpdate
from showroom.dealerships import service as dealerships
from showroom.dealerships.schemas import (
    AgentConfig,
    DealershipSettings,
    DealershipUpdate,
    Weekday,
)
from showroom.errors import AppError, ValidationFailed
from showroom.models import AuditLog, User, UserInvitation
from showroom.vocabulary import HandoverReason, InvitationStatus, MatchMode, Priority, TriggerAction, UserRole
from showroom.vocabulary import TriggerConditionType as ConditionType
from showroom.web.cadence_form import parse_steps
from showroom.web.deps import HtmlRoute, Staff, StaffForm, StaffPage
from showroom.web.widget_script import snippet

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
DAYS = [(d, d.value.title()) for d in Weekday]


def invalid(exc: ValidationError) -> ValidationFailed:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    return ValidationFailed(f"{where}: {first.get('msg')}" if where else str(first.get("msg")), field=where)


def back(path: str, saved: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?saved={saved}", status_code=303)


def form_values(request: Request) -> dict[str, Any]:
    form = request._form  # parsed (and cached) by the StaffForm dependency
    assert form is not None
    return {k: v for k, v in form.multi_items() if isinstance(v, str)}


# --- dealership settings ---------------------------------------------------------------------------------


async def settings_page(staff: Staff, status_code: int = 200, error: str | None = None) -> HTMLResponse:
    staff.require("dealership.update")
    d = staff.dealership
    base = staff.request.app.state.settings.base_url
    return staff.render(
        "settings.html",
        status_code,
        d=d,
        error=error,
        saved=staff.request.query_params.get("saved"),
        days=DAYS,
        hours=(d.agent_config or {}).get("working_hours") or {},
        quiet=(d.agent_config or {}).get("quiet_hours") or {"start": "21:00", "end": "08:00"},
        languages=AgentConfig.model_validate(d.agent_config or {}).languages,
        cadence=AgentConfig.model_validate(d.agent_config or {}),
        language_choices=AgentConfig.language_choices(),
        handover=(d.settings or {}).get("handover") or {},
        origins=(d.settings or {}).get("widget_allowed_origins") or [],
        snippet=snippet(base, d.subdomain),
        base_url=base,
    )


@router.get("/app/settings")
async def settings(staff: StaffPage) -> HTMLResponse:
    return await settings_page(staff)


async def _update(staff: Staff, data: dict[str, Any], saved: str) -> Response:
    staff.require("dealership.update")
    try:
        update = DealershipUpdate.model_validate(data)
        await dealerships.update(staff.session, staff.dealership.id, update, staff.actor)
    except ValidationError as exc:
        return await settings_page(staff, 422, invalid(exc).detail)
    except AppError as exc:
        return await settings_page(staff, exc.status_code, exc.detail)
    return back("/app/settings", saved)


PROFILE_FIELDS = (
    "name",
    "contact_email",
    "contact_phone",
    "website",
    "logo_url",
    "address",
    "city",
    "state",
    "zip",
    "timezone",
    "primary_color",
    "secondary_color",
    "accent_color",
    "persona_name",
    "welcome_message",
)
OPTIONAL = {"contact_phone", "website", "logo_url", "address", "city", "state", "zip", "welcome_message"}


@router.post("/app/settings/profile")
async def save_profile(staff: StaffForm) -> Response:
    form = form_values(staff.request)
    data: dict[str, Any] = {}
    for key in PROFILE_FIELDS:
        value = (form.get(key) or "").strip()
        if value or key in OPTIONAL:
            data[key] = value or None
    return await _update(staff, data, "profile")


@router.post("/app/settings/hours")
async def save_hours(staff: StaffForm) -> Response:
    form = form_values(staff.request)
    config = dict(staff.dealership.agent_config or {})
    week: dict[str, Any] = {}
    for day, _ in DAYS:
        opened, closed = form.get(f"{day.value}_open"), form.get(f"{day.value}_close")
        week[day.value] = None if form.get(f"{day.value}_closed") or not opened else {"open": opened, "close": closed}
    config["working_hours"] = week
    config["quiet_hours"] = {"start": form.get("quiet_start") or "21:00", "end": form.get("quiet_end") or "08:00"}
    try:
        agent_config = AgentConfig.model_validate(config)
    except ValidationError as exc:
        return await settings_page(staff, 422, invalid(exc).detail)
    return await _update(staff, {"agent_config": agent_config.model_dump(mode="json")}, "hours")


@router.post("/app/settings/follow-ups")
async def save_follow_ups(staff: StaffForm) -> Response:
    """The cadences (days, each with its channel word), the per-customer gap, working days, slot length, capacity
    and reminders."""
    form = form_values(staff.request)
    config = dict(staff.dealership.agent_config or {})
    try:
        for key in ("follow_up_days", "no_show_follow_up_days", "handover_follow_up_days"):
            config[key] = parse_steps(form.get(key) or "", key)
    except ValidationFailed as exc:
        return await settings_page(staff, 422, exc.detail)
    words = [w for w in (form.get("appointment_reminder_hours") or "").replace(";", ",").replace(" ", ",").split(",")]
    try:
        config["appointment_reminder_hours"] = [int(w) for w in words if w]
    except ValueError:
        return await settings_page(staff, 422, "appointment_reminder_hours: whole numbers, separated by commas")
    for key in ("follow_up_gap_hours", "appointment_slot_minutes", "appointment_capacity"):
        config[key] = form.get(key) or config.get(key)
    config["follow_up_working_days"] = bool(form.get("follow_up_working_days"))
    try:
        agent_config = AgentConfig.model_validate(config)
    except ValidationError as exc:
        return await settings_page(staff, 422, invalid(exc).detail)
    return await _update(staff, {"agent_config": agent_config.model_dump(mode="json")}, "follow-ups")


@router.post("/app/settings/languages")
async def save_languages(staff: StaffForm) -> Response:
    form = staff.request._form  # parsed (and cached) by the StaffForm dependency; a checkbox per language
    assert form is not None
    config = dict(staff.dealership.agent_config or {})
    config["languages"] = [v for v in form.getlist("languages") if isinstance(v, str)]
    try:
        agent_config = AgentConfig.model_validate(config)
    except ValidationError as exc:
        return await settings_page(staff, 422, invalid(exc).detail)
    return await _update(staff, {"agent_config": agent_config.model_dump(mode="json")}, "languages")


def _settings_with(staff: Staff, **changes: Any) -> dict[str, Any]:
    current = DealershipSettings.model_validate(staff.dealership.settings or {}).model_dump(mode="json")
    current.update(changes)
    return current


def _lines(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").replace(",", "\n").splitlines() if part.strip()]


@router.post("/app/settings/handover")
async def save_handover(staff: StaffForm) -> Response:
    form = form_values(staff.request)
    try:
        sla = int(form.get("sla_hours") or 24)
        urgent = int(form.get("sla_minutes_urgent") or 15)
    except ValueError:
        return await settings_page(staff, 422, "the reply deadlines must be whole numbers (hours, minutes)")
    handover = {
        "enabled": bool(form.get("enabled")),
        "emails": _lines(form.get("emails")),
        "sla_hours": sla,
        "sla_minutes_urgent": urgent,
    }
    try:
        data = {"settings": _settings_with(staff, handover=handover)}
    except ValidationError as exc:
        return await settings_page(staff, 422, invalid(exc).detail)
    return await _update(staff, data, "handover")


@router.post("/app/settings/widget")
async def save_widget(staff: StaffForm) -> Response:
    form = form_values(staff.request)
    origins = [o.rstrip("/").lower() for o in _lines(form.get("origins"))]
    try:
        data = {"settings": _settings_with(staff, widget_allowed_origins=origins)}
    except ValidationError as exc:
        return await settings_page(staff, 422, invalid(exc).detail)
    return await _update(staff, data, "widget")


# --- team: users and invitations --------------------------------------------------------------------------


async def team_page(staff: Staff, status_code: int = 200, error: str | None = None) -> HTMLResponse:
    staff.require("user.read")
    people = (
        await staff.session.scalars(
            select(User).where(User.dealership_id == staff.dealership.id).order_by(User.is_active.desc(), User.name)
        )
    ).all()
    invitations = []
    if staff.can("invitation.manage"):
        invitations = list(
            (
                await staff.session.scalars(
                    select(UserInvitation)
                    .where(UserInvitation.status == InvitationStatus.pending)
                    .order_by(UserInvitation.created_at.desc())
                )
            ).all()
        )
    return staff.render(
        "team.html",
        status_code,
        people=people,
        invitations=invitations,
        error=error,
        saved=staff.request.query_params.get("saved"),
        roles=[UserRole.user, UserRole.manager, UserRole.dealership_admin],  # who a dealership invites
    )


@router.get("/app/settings/team")
async def team(staff: StaffPage) -> HTMLResponse:
    return await team_page(staff)


@router.post("/app/settings/invitations")
async def invite(staff: StaffForm) -> Response:
    staff.require("invitation.manage")
    form = form_values(staff.request)
    try:
        data = InvitationCreate.model_validate({"email": form.get("email", ""), "role": form.get("role") or "user"})
        await users.invite(
            staff.session,
            staff.principal,
            staff.dealership.id,
            data,
            staff.actor,
            staff.request.app.state.settings,
            dealership_name=staff.dealership.name,
        )
    except ValidationError as exc:
        return await team_page(staff, 422, invalid(exc).detail)
    except AppError as exc:
        return await team_page(staff, exc.status_code, exc.detail)
    return back("/app/settings/team", "invited")


@router.post("/app/settings/invitations/{invitation_id}/cancel")
async def cancel_invitation(invitation_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("invitation.manage")
    await users.cancel_invitation(staff.session, invitation_id, staff.actor)
    return back("/app/settings/team", "cancelled")


@router.post("/app/settings/users/{user_id}")
async def update_user(user_id: DbId, staff: StaffForm) -> Response:
    staff.require("user.manage")
    form = form_values(staff.request)
    try:
        if form.get("action") == "deactivate":
            await users.deactivate(staff.session, staff.principal, user_id, staff.actor)
        elif form.get("action") == "activate":
            await users.update(staff.session, staff.principal, user_id, UserUpdate(is_active=True), staff.actor)
        else:
            data = UserUpdate.model_validate({"role": form.get("role")})
            await users.update(staff.session, staff.principal, user_id, data, staff.actor)
    except ValidationError as exc:
        return await team_page(staff, 422, invalid(exc).detail)
    except AppError as exc:
        if exc.status_code == 404:
            raise
        return await team_page(staff, exc.status_code, exc.detail)
    return back("/app/settings/team", "user")


# --- API keys -----------------------------------------------------------------------------------------------


async def keys_page(
    staff: Staff, status_code: int = 200, error: str | None = None, created: str | None = None
) -> HTMLResponse:
    staff.require("api_key.manage")
    return staff.render(
        "api_keys.html",
        status_code,
        keys=await api_keys.list_keys(staff.session),
        scopes=sorted(SCOPES),
        error=error,
        created=created,
        saved=staff.request.query_params.get("saved"),
    )


@router.get("/app/settings/api-keys")
async def keys(staff: StaffPage) -> HTMLResponse:
    return await keys_page(staff)


@router.post("/app/settings/api-keys")
async def create_key(staff: StaffForm) -> HTMLResponse:
    staff.require("api_key.manage")
    form = staff.request._form
    assert form is not None
    scopes = [s for s in form.getlist("scopes") if isinstance(s, str)]
    try:
        data = ApiKeyCreate.model_validate(
            {"name": form.get("name") or "", "description": form.get("description") or None, "scopes": scopes}
        )
        _, key = await api_keys.create(staff.session, staff.dealership.id, data, staff.actor)
    except ValidationError as exc:
        return await keys_page(staff, 422, invalid(exc).detail)
    return await keys_page(staff, 201, created=key)  # shown once: this response only, never stored


@router.post("/app/settings/api-keys/{key_id}/revoke")
async def revoke_key(key_id: DbId, staff: StaffForm) -> Response:
    staff.require("api_key.manage")
    await api_keys.revoke(staff.session, key_id, staff.actor)
    return back("/app/settings/api-keys", "revoked")


# --- escalation triggers ------------------------------------------------------------------------------------


TRIGGER_ACTIONS = {
    TriggerAction.handover: "Hand over to a person",
    TriggerAction.notify: "Notify (AI keeps answering)",
    TriggerAction.tag: "Tag the conversation",
}


async def triggers_page(staff: Staff, status_code: int = 200, error: str | None = None) -> HTMLResponse:
    staff.require("trigger.read")
    rows = await triggers.list_all(staff.session)
    return staff.render(
        "triggers.html",
        status_code,
        rows=rows,
        error=error,
        saved=staff.request.query_params.get("saved"),
        actions=TRIGGER_ACTIONS,
        urgencies=list(Priority),
        default_urgency=Priority.medium,
    )


@router.get("/app/settings/triggers")
async def trigger_list(staff: StaffPage) -> HTMLResponse:
    return await triggers_page(staff)


@router.post("/app/settings/triggers")
async def create_trigger(staff: StaffForm) -> Response:
    staff.require("trigger.write")
    form = form_values(staff.request)
    words = _lines(form.get("keywords"))
    try:
        data = TriggerIn.model_validate(
            {
                "name": form.get("name") or "",
                "description": form.get("description") or None,
                "conditions": [{"type": ConditionType.keyword, "value": words}],
                "match_mode": MatchMode.any,
                "priority": int(form.get("priority") or 100),
                "action": form.get("action") or TriggerAction.handover,
                "action_config": {
                    "reason": HandoverReason.other,
                    "urgency": form.get("urgency") or Priority.medium,
                    **({"sla_minutes": int(form["sla_minutes"])} if form.get("sla_minutes") else {}),
                },
            }
        )
        await triggers.create(staff.session, staff.dealership.id, data, staff.actor)
    except ValidationError as exc:
        return await triggers_page(staff, 422, invalid(exc).detail)
    except ValueError:
        return await triggers_page(staff, 422, "priority and reply minutes must be whole numbers")
    except AppError as exc:
        return await triggers_page(staff, exc.status_code, exc.detail)
    return back("/app/settings/triggers", "created")


@router.post("/app/settings/triggers/{trigger_id}")
async def change_trigger(trigger_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("trigger.write")
    action = form_values(staff.request).get("action")
    if action == "delete":
        await triggers.delete(staff.session, trigger_id, staff.actor)
    elif action in ("enable", "disable"):
        await triggers.update(staff.session, trigger_id, TriggerUpdate(is_active=action == "enable"), staff.actor)
    else:  # a form this page did not render: change nothing
        return await triggers_page(staff, 422, "unknown action: use enable, disable or delete")
    return back("/app/settings/triggers", "updated")


# --- audit log ------------------------------------------------------------------------------------------------


@router.get("/app/audit")
async def audit(
    staff: StaffPage,
    action: Annotated[str | None, Query(max_length=100)] = None,
    resource_type: Annotated[str | None, Query(max_length=100)] = None,
    before: Annotated[str | None, Query(max_length=64)] = None,
) -> HTMLResponse:
    staff.require("audit.read")
    query = select(AuditLog).where(AuditLog.dealership_id == staff.dealership.id)
    if action:
        query = query.where(AuditLog.action.startswith(action))
    if resource_type:
        query = query.where(AuditLog.resource_type == resource_type)
    if before:
        with contextlib.suppress(ValueError):
            query = query.where(AuditLog.created_at < datetime.fromisoformat(before))
    rows = (await staff.session.scalars(query.order_by(AuditLog.created_at.desc()).limit(100))).all()
    names = {
        r.id: r.name or r.email for r in (await staff.session.execute(select(User.id, User.name, User.email))).all()
    }
    return staff.render(
        "audit.html",
        rows=rows,
        action=action or "",
        resource_type=resource_type or "",
        names=names,
        older=rows[-1].created_at.isoformat() if len(rows) == 100 else None,
    )
