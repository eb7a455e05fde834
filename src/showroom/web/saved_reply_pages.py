"""The saved replies page: everyone reads them (and inserts them from a conversation's reply box); managers add,
edit and delete them. Plain HTML forms calling the same service as the API."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from showroom.brain.saved_replies import VARIABLES
from showroom.conversations import saved_replies
from showroom.conversations.schemas import SavedReplyCreate, SavedReplyUpdate
from showroom.errors import AppError
from showroom.web.admin_routes import back, form_values, invalid
from showroom.web.deps import HtmlRoute, Staff, StaffForm, StaffPage

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
PATH = "/app/saved-replies"


async def replies_page(staff: Staff, status_code: int = 200, error: str | None = None) -> HTMLResponse:
    staff.require("conversation.read")
    return staff.render(
        "saved_replies.html",
        status_code,
        rows=await saved_replies.list_replies(staff.session),
        variables=VARIABLES,
        error=error,
        saved=staff.request.query_params.get("saved"),
    )


@router.get(PATH)
async def saved_reply_list(staff: StaffPage) -> HTMLResponse:
    return await replies_page(staff)


@router.post(PATH)
async def create_saved_reply(staff: StaffForm) -> Response:
    staff.require("saved_reply.manage")
    form = form_values(staff.request)
    try:
        data = SavedReplyCreate.model_validate({"title": form.get("title", ""), "body": form.get("body", "")})
        await saved_replies.create(staff.session, staff.dealership.id, data, staff.principal, staff.actor)
    except ValidationError as exc:
        return await replies_page(staff, 422, invalid(exc).detail)
    except AppError as exc:
        return await replies_page(staff, exc.status_code, exc.detail)
    return back(PATH, "created")


@router.post(PATH + "/{reply_id}")
async def change_saved_reply(reply_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("saved_reply.manage")
    form = form_values(staff.request)
    action = form.get("action")
    try:
        if action == "delete":
            await saved_replies.delete(staff.session, reply_id, staff.actor)
        elif action == "save":
            data = SavedReplyUpdate.model_validate({"title": form.get("title", ""), "body": form.get("body", "")})
            await saved_replies.update(staff.session, reply_id, data, staff.actor)
        else:  # a form this page did not render: change nothing
            return await replies_page(staff, 422, "unknown action: use save or delete")
    except ValidationError as exc:
        return await replies_page(staff, 422, invalid(exc).detail)
    except AppError as exc:
        if exc.status_code == 404:
            raise
        return await replies_page(staff, exc.status_code, exc.detail)
    return back(PATH, "deleted" if action == "delete" else "updated")
