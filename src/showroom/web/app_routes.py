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
    inbox_routes,
    testchat,
    webhook_pages,
    widget_script,
)

router = APIRouter(include_in_schema=False)
PARTS = (
    assets,
    dashboard,
    inbox_routes,
    car_picker,
    customer_pages,  # before crm_routes: /app/leads/new is not a lead id
    crm_routes,
    admin_routes,
    webhook_pages,
    crm_handoff_pages,
    experiment_pages,
    testchat,
    widget_script,
)
for part in PARTS:
    router.routes.extend(part.router.routes)
