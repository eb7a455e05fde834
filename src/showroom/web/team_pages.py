"""Assignment on the Team page: who is away (round robin skips them; everyone sets their own, admins anyone's) and
the assignment teams (``lead_routing.teams``: round robin per team for new leads and handovers; admins)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import ValidationError

from showroom.api.types import DbId
from showroom.auth import users
from showroom.auth.schemas import UserUpdate
from showroom.dealerships import service as dealerships
from showroom.dealerships.schemas import DealershipUpdate
from showroom.errors import AppError
from showroom.web.admin_routes import back, form_values, invalid, team_page
from showroom.web.deps import HtmlRoute, StaffForm

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
TEAM = "/app/settings/team"


@router.post("/app/settings/users/{user_id}/away")
async def set_away(user_id: DbId, staff: StaffForm) -> Response:
    """Away or back: your own, or anyone's as an admin (``users.update`` decides)."""
    staff.require("user.read")
    away = form_values(staff.request).get("away") == "1"
    try:
        await users.update(staff.session, staff.principal, user_id, UserUpdate(is_away=away), staff.actor)
    except AppError as exc:
        if exc.status_code == 404:
            raise
        return await team_page(staff, exc.status_code, exc.detail)
    return back(TEAM, "away" if away else "back")


def _teams(staff: StaffForm) -> list[dict[str, object]]:
    return [dict(team) for team in (staff.dealership.lead_routing or {}).get("teams") or []]


async def _save(staff: StaffForm, teams: list[dict[str, object]], saved: str) -> Response:
    try:
        data = DealershipUpdate.model_validate({"lead_routing": {"teams": teams}})
        await dealerships.update(staff.session, staff.dealership.id, data, staff.actor)
    except ValidationError as exc:
        return await team_page(staff, 422, invalid(exc).detail)
    except AppError as exc:
        return await team_page(staff, exc.status_code, exc.detail)
    return back(TEAM, saved)


@router.post("/app/settings/teams")
async def add_team(staff: StaffForm) -> Response:
    staff.require("dealership.update")
    form = staff.request._form
    assert form is not None
    members = [int(v) for v in form.getlist("user_ids") if isinstance(v, str) and v.isdigit()]
    team = {
        "name": str(form.get("name") or "").strip(),
        "user_ids": members,
        "new_leads": form.get("new_leads") == "1",
        "handovers": form.get("handovers") == "1",
    }
    return await _save(staff, [*_teams(staff), team], "team")


@router.post("/app/settings/teams/delete")
async def delete_team(staff: StaffForm) -> Response:
    staff.require("dealership.update")
    name = form_values(staff.request).get("name", "")
    return await _save(staff, [t for t in _teams(staff) if t.get("name") != name], "team")
