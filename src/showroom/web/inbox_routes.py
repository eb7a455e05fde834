"""Staff pages: the inbox, one conversation, and the handover queue (plus the fragments their live updates fetch).

Actions (take over, hand back, reply, claim) go through the JSON API from the page's script; these routes only
read, so the first render is one round of queries and the page then follows server-sent events.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse

from showroom.conversations import saved_replies
from showroom.conversations.handover import queue as handover_queue
from showroom.conversations.service import mark_conversation_read
from showroom.web import conversation_view, inbox_queries
from showroom.web.deps import HtmlRoute, Staff, StaffPage, page_id, templates
from showroom.web.inbox_queries import TAB_LABELS, Tab

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
Search = Annotated[str | None, Query(max_length=200)]
Cursor = Annotated[str | None, Query(max_length=300)]
Label = Annotated[str | None, Query(max_length=50)]


def fragment(staff: Staff, template: str, **context: Any) -> str:
    return templates.get_template(template).render(staff=staff, brand=staff.brand, **context)


@router.get("/app/inbox")
async def inbox(
    staff: StaffPage, tab: Tab = Tab.open, q: Search = None, cursor: Cursor = None, label: Label = None
) -> HTMLResponse:
    staff.require("conversation.read")
    rows, next_cursor = await inbox_queries.page(staff.session, tab, staff.user_id, q, cursor, label=label)
    counts = await inbox_queries.counts(staff.session, staff.user_id)
    return staff.render(
        "inbox.html",
        rows=rows,
        next_cursor=next_cursor,
        counts=counts,
        tab=tab,
        tabs=TAB_LABELS,
        q=q or "",
        label=label or "",
        users=await conversation_view.staff_names(staff.session),
    )


@router.get("/app/inbox/rows")
async def inbox_rows(
    staff: StaffPage, tab: Tab = Tab.open, q: Search = None, cursor: Cursor = None, label: Label = None
) -> JSONResponse:
    """The rows (HTML) and tab counts, for live refresh and "load more"."""
    staff.require("conversation.read")
    rows, next_cursor = await inbox_queries.page(staff.session, tab, staff.user_id, q, cursor, label=label)
    counts = await inbox_queries.counts(staff.session, staff.user_id)
    users = await conversation_view.staff_names(staff.session)
    html = fragment(staff, "_inbox_rows.html", rows=rows, users=users)
    return JSONResponse(
        {"html": html, "next_cursor": next_cursor, "counts": {t.value: n for t, n in counts.items()}},
        headers={"Cache-Control": "no-store"},
    )


@router.get("/app/conversations/{conversation_id}")
async def conversation(conversation_id: str, staff: StaffPage) -> HTMLResponse:
    staff.require("conversation.read")
    cid = page_id(conversation_id, "conversation")
    await mark_conversation_read(staff.session, cid, staff.actor)
    view = await conversation_view.load(staff.session, staff.dealership, cid)
    return staff.render(
        "conversation.html",
        v=view,
        now=datetime.now(UTC),
        saved_replies=await saved_replies.filled(staff.session, view.conversation, staff.principal),
        known_labels=await inbox_queries.known_labels(staff.session),
    )


@router.get("/app/conversations/{conversation_id}/live")
async def conversation_live(conversation_id: str, staff: StaffPage) -> JSONResponse:
    """The parts of the conversation screen that change: thread, suggestions, state and side panel."""
    staff.require("conversation.read")
    cid = page_id(conversation_id, "conversation")
    await mark_conversation_read(staff.session, cid, staff.actor)
    view = await conversation_view.load(staff.session, staff.dealership, cid)
    parts = {
        name: fragment(staff, f"_conv_{name}.html", v=view, now=datetime.now(UTC))
        for name in ("thread", "suggestions", "state", "panel")
    }
    return JSONResponse(
        {**parts, "status": view.conversation.status, "human": view.human}, headers={"Cache-Control": "no-store"}
    )


async def queue_rows(staff: Staff) -> list[Any]:
    return await handover_queue(staff.session, sort="unclaimed_first", limit=200)


@router.get("/app/handovers")
async def handovers(staff: StaffPage) -> HTMLResponse:
    staff.require("handover.read")
    rows = await queue_rows(staff)
    users = await conversation_view.staff_names(staff.session)
    return staff.render("handovers.html", rows=rows, users=users, now=datetime.now(UTC))


@router.get("/app/handovers/rows")
async def handover_rows(staff: StaffPage) -> JSONResponse:
    staff.require("handover.read")
    rows = await queue_rows(staff)
    users = await conversation_view.staff_names(staff.session)
    html = fragment(staff, "_handover_rows.html", rows=rows, users=users, now=datetime.now(UTC))
    return JSONResponse({"html": html, "count": len(rows)}, headers={"Cache-Control": "no-store"})
