"""The inbound e-mail webhook's payload (provider-neutral) and its shared-secret check."""

from __future__ import annotations

import base64
import binascii
import hmac
from email.message import EmailMessage
from typing import Annotated

from fastapi import Request
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from showroom.errors import ServiceUnavailable, Unauthorized, ValidationFailed

# Everything str.splitlines() breaks on: the e-mail library refuses each of them in a header (ValueError).
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _one_line(value: str) -> str:
    if any(char in _LINE_BREAKS for char in value):
        raise ValueError("must be a single line: no CR, LF or other line breaks (it becomes an e-mail header)")
    return value


# Values that become an e-mail header (To, From, Subject, a filename or content type).
OneLine = AfterValidator(_one_line)


def raw_bytes(raw: str) -> bytes:
    """A whole RFC 822 message posted as text: base64, else as it is."""
    try:
        decoded = base64.b64decode(raw, validate=True)
        if b":" in decoded[:200]:
            return decoded
    except (binascii.Error, ValueError):
        pass
    return raw.encode("utf-8", "replace")


class InboundAttachment(BaseModel):
    model_config = ConfigDict(extra="ignore")

    filename: Annotated[str, StringConstraints(max_length=255), OneLine] | None = None
    content_type: Annotated[str, StringConstraints(max_length=100), OneLine] = "application/octet-stream"
    content: str = Field(description="base64")

    def data(self) -> bytes:
        try:
            return base64.b64decode(self.content, validate=False)
        except (binascii.Error, ValueError):
            raise ValidationFailed(
                f"attachment {self.filename or ''} is not valid base64", field="attachments"
            ) from None


class InboundEmailIn(BaseModel):
    """What e-mail-to-webhook services post, in a neutral shape (map your provider's fields onto it)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    to: str | list[str] = Field(description="Recipient address(es): leads+<subdomain>@… routes the lead")
    sender: Annotated[str, OneLine] | None = Field(default=None, alias="from")
    subject: Annotated[str, StringConstraints(max_length=998), OneLine] | None = None
    text: str | None = None
    html: str | None = None
    attachments: list[InboundAttachment] = Field(default_factory=list, max_length=20)
    raw: str | None = Field(default=None, description="The whole RFC 822 message (base64 or plain), instead")

    @field_validator("to")
    @classmethod
    def _some_recipient(cls, value: str | list[str]) -> str | list[str]:
        if not value:
            raise ValueError("at least one recipient address is needed")
        for address in [value] if isinstance(value, str) else value:
            _one_line(address)
        return value

    def recipients(self) -> list[str]:
        return [self.to] if isinstance(self.to, str) else self.to

    def mime(self) -> bytes:
        """The message as RFC 822 bytes, whichever way it was posted."""
        if self.raw:
            return raw_bytes(self.raw)
        message = EmailMessage()
        message["To"] = ", ".join(self.recipients())
        if self.sender:
            message["From"] = self.sender
        message["Subject"] = self.subject or ""
        message.set_content(self.text or "")
        if self.html:
            message.add_alternative(self.html, subtype="html")
        for attachment in self.attachments:
            main, _, sub = attachment.content_type.partition("/")
            message.add_attachment(
                attachment.data(),
                maintype=main or "application",
                subtype=sub or "octet-stream",
                filename=attachment.filename,
            )
        return bytes(message)


def check_inbound_secret(request: Request, token: str | None) -> None:
    secret = request.app.state.settings.inbound_email_secret
    if secret is None:
        raise ServiceUnavailable("inbound e-mail is not configured: set SHOWROOM_INBOUND_EMAIL_SECRET")
    header = request.headers.get("authorization", "")
    sent = header[7:].strip() if header.lower().startswith("bearer ") else (token or "")
    if not hmac.compare_digest(sent.encode(), secret.get_secret_value().encode()):
        raise Unauthorized("wrong or missing inbound e-mail secret", field="Authorization")
