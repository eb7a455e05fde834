"""The staff app and the chat widget's script: every UI router, registered with the app as one."""

from __future__ import annotations

from fastapi import APIRouter

from showroom.web import (
    admin_routes,
    assets,
    car_picker,
    crm_handoff_pages,
    crm_routes,
    customer_pages,
    dashboard,
    experiment_pages,
    feed_pages,
    inbox_routes,
    notify_routes,
    report_pages,
    saved_reply_pages,
    schedule_pages,
    team_pages,
    testchat,
    vehicle_pages,
    visit_pages,
    webhook_pages,
    widget_script,
)

router = APIRouter(include_in_schema=False)
PARTS = (
    assets,
    dashboard,
    inbox_routes,
    notify_routes,
    saved_reply_pages,
    car_picker,
    vehicle_pages,
    customer_pages,  # before crm_routes: /app/leads/new is not a lead id
    crm_routes,
    schedule_pages,
    admin_routes,
    team_pages,
    webhook_pages,
    crm_handoff_pages,
    feed_pages,
    report_pages,
    experiment_pages,
    testchat,
    visit_pages,
    widget_script,
)
for part in PARTS:
    router.routes.extend(part.router.routes)
