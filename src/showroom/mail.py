"""The one way Showroom sends e-mail: SMTP when ``SHOWROOM_SMTP_URL`` is set, otherwise an outbox.

The outbox writes each message as an ``.eml`` file under ``<data dir>/outbox/`` and logs it, so a local
install works without a mail server and nothing sent is lost. Nothing leaves the building inside a transaction:
mail that belongs to a business write (a sign-in link, an invitation, a password reset, a handover notice, a
trigger's heads-up) is queued with ``send_later`` in that write's transaction and sent by the worker after commit,
with a Message-ID fixed when it was queued, so a re-run of the job re-sends the same message.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import smtplib
import ssl
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.bounces.address import envelope_sender
from showroom.errors import ConfigError, ServiceUnavailable
from showroom.queue import defer
from showroom.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Email:
    to: list[str]
    subject: str
    text: str
    html: str | None = None
    reply_to: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    # {"filename", "content_type", "data" (base64), "cid" (optional: an image the HTML shows as cid:<cid>)}
    attachments: list[dict[str, str]] = field(default_factory=list)
    calendar: str | None = None  # an iCalendar (RFC 5545) text, attached as invite.ics (text/calendar)
    # The text part's Content-Transfer-Encoding ("8bit": as written, for machine readers such as a CRM's ADF
    # intake); None: the e-mail library chooses (quoted-printable when a line is long).
    text_encoding: str | None = None
    # The From display name (a dealership's name), on the address of ``mail_from``: mail goes out under the
    # dealership's name without claiming its domain (SPF/DKIM stay Showroom's).
    from_name: str | None = None
    # What a bounce of this message concerns (``bounces.address.token_body``: a customer's message, a report's
    # period), signed into its envelope sender; None: the bare bounce address.
    bounce_token: str | None = None


def new_message_id(sender: str | None = None, *, key: str | None = None) -> str:
    """A Message-ID on the domain of the address ``sender`` (``mail_from``), else on showroom.local: ``<key@domain>``
    when the message has an identity of its own (an outbound message's id, so a re-send is recognisably the same
    and a reply's In-Reply-To finds it), else a fresh one."""
    domain = parseaddr(sender or "")[1].rpartition("@")[2].strip() or "showroom.local"
    return f"<{key}@{domain}>" if key else make_msgid(domain=domain)


def _given_message_id(email: Email) -> str | None:
    return next((value for name, value in email.headers.items() if name.lower() == "message-id"), None)


def build_message(email: Email, sender: str) -> EmailMessage:
    """The MIME message of ``email``; its Message-ID is the one in ``email.headers`` (fixed by ``send_later``, so
    a re-sent job is the same message), else a new one."""
    msg = EmailMessage()
    msg["From"] = formataddr((email.from_name, parseaddr(sender)[1])) if email.from_name else sender
    msg["To"] = ", ".join(email.to)
    msg["Subject"] = email.subject
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = _given_message_id(email) or make_msgid(domain="showroom.local")
    if email.reply_to:
        msg["Reply-To"] = email.reply_to
    for name, value in email.headers.items():
        if name.lower() != "message-id":
            msg[name] = value
    msg.set_content(email.text, cte=email.text_encoding)
    if email.html:
        msg.add_alternative(email.html, subtype="html")
    for item in email.attachments:
        maintype, _, subtype = item["content_type"].partition("/")
        data = base64.b64decode(item["data"])
        html_part = msg.get_body(preferencelist=("html",)) if item.get("cid") else None
        if html_part is not None:  # an image the HTML shows (cid:...): related to that part, inline
            html_part.add_related(data, maintype, subtype, cid=f"<{item['cid']}>", filename=item["filename"])
        else:
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=item["filename"])
    if email.calendar:
        method = "CANCEL" if "METHOD:CANCEL" in email.calendar else "REQUEST"
        msg.add_attachment(
            email.calendar.encode(),
            maintype="text",
            subtype="calendar",
            filename="invite.ics",
            params={"method": method, "charset": "utf-8"},
        )
    return msg


async def send_later(session: AsyncSession, email: Email, *, sender: str | None = None) -> int:
    """Queue ``email`` as a ``mail.send`` job in the caller's transaction (``queue.defer``): it is sent iff that
    transaction commits, and an SMTP failure is retried by the worker instead of failing the caller.

    The Message-ID is fixed here, in the job's headers (on the domain of ``sender``, the ``mail_from`` address,
    else showroom.local): a job run again after a crash between sending and being marked done re-sends the same
    message, which receiving servers and clients can recognise."""
    headers = dict(email.headers)
    if _given_message_id(email) is None:
        headers["Message-ID"] = new_message_id(sender)
    return await defer(session, "mail.send", queue="mail", **asdict(replace(email, headers=headers)))


@dataclass(frozen=True)
class Sent:
    """What the mail server said of one message: its Message-ID, and the recipients it refused at RCPT time with
    the server's code and words (``bounced``: the permanent, 5xx, refusals)."""

    message_id: str
    refused: dict[str, tuple[int, str]] = field(default_factory=dict)

    @property
    def bounced(self) -> dict[str, str]:
        return {to: f"{code} {words}".strip() for to, (code, words) in self.refused.items() if 500 <= code < 600}


def _refusals(found: dict[str, tuple[int, bytes]]) -> dict[str, tuple[int, str]]:
    return {to: (int(code), words.decode(errors="replace")) for to, (code, words) in found.items()}


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self.sender = settings.mail_from
        self.settings = settings
        self.outbox = settings.data_dir / "outbox"
        self.smtp = urlsplit(settings.smtp_url.get_secret_value()) if settings.smtp_url else None
        if self.smtp and self.smtp.scheme not in ("smtp", "smtps"):
            raise ConfigError("SHOWROOM_SMTP_URL must start with smtp:// (STARTTLS when offered) or smtps://")

    async def send(self, email: Email) -> str:
        """Deliver (or store) one message; returns its Message-ID. Raises ServiceUnavailable on SMTP failure."""
        return (await self.deliver(email)).message_id

    async def deliver(self, email: Email, *, permanent_refusals_ok: bool = False) -> Sent:
        """Deliver (or store) one message, and say which recipients the server refused at RCPT time (the others
        got it). Raises ServiceUnavailable on SMTP failure, or when every recipient was refused, unless all those
        refusals are permanent (5xx) and ``permanent_refusals_ok``: a retry could not change them."""
        message = build_message(email, self.sender)
        envelope = envelope_sender(self.settings, email.bounce_token)
        refused: dict[str, tuple[int, str]] = {}
        if self.smtp is None:
            if envelope:  # what the receiving server would record; shows where a bounce would go
                message["Return-Path"] = f"<{envelope}>"
            await asyncio.to_thread(self._store, message)
        else:
            try:
                refused = _refusals(await asyncio.to_thread(self._deliver, message, envelope))
            except smtplib.SMTPRecipientsRefused as exc:
                refused = _refusals(exc.recipients)
                if not permanent_refusals_ok or any(code < 500 for code, _ in refused.values()):
                    log.error("mail to %s refused: %s", email.to, refused)
                    raise ServiceUnavailable("the mail server refused every recipient; nothing was changed") from exc
            except (OSError, smtplib.SMTPException) as exc:
                log.error("mail to %s failed: %s", email.to, exc)
                raise ServiceUnavailable("the mail server refused or is unreachable; nothing was changed") from exc
        if refused:
            log.warning("mail %s: the server refused %s", message["Message-ID"], sorted(refused))
        return Sent(str(message["Message-ID"]), refused)

    def _store(self, message: EmailMessage) -> None:
        self.outbox.mkdir(parents=True, exist_ok=True)
        path = self.outbox / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(bytes(message))
        log.info("mail (outbox) to %s: %s -> %s", message["To"], message["Subject"], path)

    def _deliver(self, message: EmailMessage, envelope: str | None) -> dict[str, tuple[int, bytes]]:
        assert self.smtp is not None
        host = self.smtp.hostname or "localhost"
        if self.smtp.scheme == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, self.smtp.port or 465, timeout=15, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(host, self.smtp.port or 587, timeout=15)
        with client:
            client.ehlo()
            if self.smtp.scheme == "smtp" and client.has_extn("starttls"):
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if self.smtp.username:
                client.login(unquote(self.smtp.username), unquote(self.smtp.password or ""))
            refused = client.send_message(message, from_addr=envelope)  # None: the From address
        log.info("mail (smtp %s) to %s: %s", host, message["To"], message["Subject"])
        return refused


def outbox_messages(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "outbox").glob("*.eml"))
