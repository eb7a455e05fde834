"""The outside world a process talks to, built once per process (web app lifespan, worker, CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from starlette.requests import Request

from showroom.db.engine import Database

# Imported for its flush listeners: every process that writes builds its Services, so a change that a webhook
# reports always writes its deliveries (integrations.webhooks_out.outbox), and a lead the CRM must hear of its
# hand-off (integrations.crm.outbox).
from showroom.integrations.crm import outbox as crm_outbox  # noqa: F401
from showroom.integrations.webhooks_out import outbox  # noqa: F401
from showroom.mail import Mailer
from showroom.settings import Settings
from showroom.sms import SmsProvider, sms_provider


@dataclass
class Services:
    settings: Settings
    db: Database
    mailer: Mailer
    sms: SmsProvider

    @classmethod
    def build(cls, settings: Settings, db: Database) -> Services:
        return cls(settings=settings, db=db, mailer=Mailer(settings), sms=sms_provider(settings))


def services(request: Request) -> Services:
    """The web process's services (built by the app's lifespan), for a route."""
    return cast(Services, request.app.state.services)
