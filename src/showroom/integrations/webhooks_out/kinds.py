"""The events an outbound webhook reports. Dotted names, as webhook receivers expect (``lead.created``); not a
column CHECK (``webhook_deliveries.event_type`` keeps what was sent even if a kind is retired), so not a
``showroom.vocabulary`` member."""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class WebhookEventType(StrEnum):
    """``webhook_endpoints.event_types`` and ``webhook_deliveries.event_type``: what an outbound webhook reports."""

    lead_created = "lead.created"
    lead_updated = "lead.updated"
    message_received = "message.received"
    message_sent = "message.sent"
    message_failed = "message.failed"
    conversation_handed_over = "conversation.handed_over"
