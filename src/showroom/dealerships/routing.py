"""Routing identifiers: a dealership's texting number and ADF vendor names/ids route other parties' messages to
it, across tenants. Its admins request them (``settings.sms_number``, ``lead_routing.adf_vendor_names/ids``); they
route only once a super admin approved them (``dealerships.approved_routing``, migration 0012)."""

from __future__ import annotations

from typing import Any


def requested_routing(settings: dict[str, Any], lead_routing: dict[str, Any]) -> dict[str, Any]:
    """The routing identifiers a dealership's admins have set: its texting number, ADF vendor names and ids."""
    requested: dict[str, Any] = {}
    if (settings or {}).get("sms_number"):
        requested["sms_number"] = settings["sms_number"]
    for key in ("adf_vendor_names", "adf_vendor_ids"):
        values = [value for value in (lead_routing or {}).get(key) or () if value]
        if values:
            requested[key] = values
    return requested


def pending_routing(settings: dict[str, Any], lead_routing: dict[str, Any], approved: dict[str, Any]) -> dict[str, Any]:
    """The identifiers requested but not approved (migration 0012): they route nothing until a super admin
    approves them."""
    pending: dict[str, Any] = {}
    for key, value in requested_routing(settings, lead_routing).items():
        if isinstance(value, list):
            missing = [v for v in value if v not in (approved or {}).get(key, [])]
            if missing:
                pending[key] = missing
        elif value != (approved or {}).get(key):
            pending[key] = value
    return pending
