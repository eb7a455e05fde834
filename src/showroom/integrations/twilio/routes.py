"""HTTP: Twilio's webhooks (public, signed by Twilio): an inbound text, and a text's delivery status."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response

from showroom.api.docs import errors
from showroom.auth.deps import DbSession, request_actor
from showroom.conversations import webhooks as hooks
from showroom.conversations.webhooks import SmsIn
from showroom.errors import ValidationFailed
from showroom.integrations.twilio import service
from showroom.services import services

router = APIRouter(prefix="/api/v1/webhooks/twilio", tags=["webhooks"])
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@router.post(
    "/sms",
    summary="An inbound text from Twilio (form-encoded, X-Twilio-Signature checked); answered with empty TwiML",
    responses=errors(403, 404, 422, 503),
)
async def inbound_sms(request: Request, session: DbSession) -> Response:
    settings = services(request).settings
    form = await service.verified_form(request, settings)
    try:
        body = SmsIn.model_validate(
            {
                "from": form.get("From"),
                "to": form.get("To"),
                "body": form.get("Body", ""),
                "message_id": form.get("MessageSid"),
            }
        )
    except ValueError as exc:
        raise ValidationFailed(f"not a Twilio message callback: {exc}".splitlines()[0], field="MessageSid") from None
    message, _created = await hooks.sms(session, services(request), body, request_actor(request))
    opt_out = (form.get("OptOutType") or "").upper()
    if opt_out in ("STOP", "START"):
        await service.keep_opt_out_in_step(session, message, opt_out)
    return Response(EMPTY_TWIML, media_type="text/xml")


@router.post(
    "/status",
    status_code=204,
    summary="A text's delivery status from Twilio (the StatusCallback we gave it; X-Twilio-Signature checked)",
    responses=errors(403, 503),
)
async def status_callback(
    request: Request, session: DbSession, dealership: int = Query(ge=1, le=2_147_483_647)
) -> Response:
    form = await service.verified_form(request, services(request).settings)
    await service.delivery_status(session, dealership, form)
    return Response(status_code=204)
