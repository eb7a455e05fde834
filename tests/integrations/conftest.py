"""Shared by the integration tests: a real SMTP server (aiosmtpd) on a free local port, and settings that use it."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from showroom.settings import Settings


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        found = [message_from_bytes(raw, policy=policy.default) for rcpt, raw in self.messages if address in rcpt]
        return [m for m in found if isinstance(m, EmailMessage)]


@pytest.fixture
async def smtp(settings: Settings) -> AsyncIterator[tuple[Settings, Inbox]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        configured = settings.model_copy(
            update={"smtp_url": f"smtp://127.0.0.1:{port}", "mail_from": "Showroom <no-reply@showroom.test>"}
        )
        yield Settings.model_validate(configured.model_dump()), inbox
    finally:
        controller.stop()
