"""Reading a bounce (pure: an e-mail in, what failed out; no database).

A delivery status notification (RFC 3464: ``multipart/report; report-type=delivery-status``) is read with the
standard library: each recipient's ``Final-Recipient``, ``Action``, ``Status`` and ``Diagnostic-Code``. Only a
permanent failure counts (``Action: failed``, a 5.x.x status); a delay (4.x.x, ``Action: delayed``) is not a bounce
yet. The older, non-standard forms (qmail, Exim, Yahoo, …) are read by ``flufl.bounce``, Mailman's detectors.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from email import message_from_string, policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr

from flufl.bounce import all_failures

log = logging.getLogger(__name__)
# Who sends bounces: RFC 3464 says the null sender (<>), and every server signs as one of these.
DAEMONS = frozenset({"mailer-daemon", "postmaster", "mail-daemon", "mailer_daemon", "mdaemon"})
_STATUS = re.compile(r"\b([245])\.[0-9]{1,3}\.[0-9]{1,3}\b")


@dataclass(frozen=True)
class Failure:
    address: str  # lower case
    status: str  # "5.1.1"; "" when the bounce gives none
    reason: str  # the server's words, else the status


@dataclass
class Bounce:
    """What a bounce says: the recipients that failed for good, those only delayed, and the Message-ID of the
    message it returns (when it returns its headers)."""

    permanent: list[Failure] = field(default_factory=list)
    delayed: list[str] = field(default_factory=list)
    original_message_id: str | None = None
    standard: bool = False  # an RFC 3464 report


def is_report(message: Message) -> bool:
    return message.get_content_type() == "multipart/report" and (
        str(message.get_param("report-type", "", header="content-type")).lower() == "delivery-status"
    )


def from_daemon(message: Message) -> bool:
    """Sent by a mail server about a message, not by a person: a mailer-daemon sender or the null return path."""
    if str(message.get("Return-Path") or "").strip() == "<>":
        return True
    local = parseaddr(str(message.get("From") or ""))[1].rpartition("@")[0].lower()
    return local in DAEMONS


def looks_like_bounce(message: Message) -> bool:
    """A bounce whoever it was sent to: a delivery report, or a mail server's message that names failed
    recipients. (Mail to our bounce address is a bounce anyway: ``bounces.address.to_bounce_address``.)"""
    if is_report(message):
        return True
    if not from_daemon(message):
        return False
    temporary, permanent = _detected(message)
    return bool(temporary or permanent)


def _detected(message: Message) -> tuple[frozenset[bytes], frozenset[bytes]]:
    """flufl.bounce's detectors on mail from anyone: a message they choke on is no bounce, never a failed poll that
    would stop the mailbox at that message."""
    try:
        return all_failures(message)
    except Exception:  # heuristics over untrusted input: whatever they raise, the answer is "none"
        log.warning("bounce detectors failed on %s", message.get("Message-ID"), exc_info=True)
        return frozenset(), frozenset()


def read(message: Message) -> Bounce:
    """What failed: from the RFC 3464 report if it is one, else from the non-standard forms."""
    if is_report(message):
        return _report(message)
    return _nonstandard(message)


def _fields(part: Message) -> list[Message]:
    """The field groups of a ``message/delivery-status`` part: one for the message, then one per recipient."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    text = str(payload or "")
    return [message_from_string(block.strip() + "\n", policy=policy.compat32) for block in re.split(r"\n\s*\n", text)]


def _address(value: str) -> str:
    """``rfc822; user@example.com`` -> ``user@example.com``."""
    kind, _, address = value.partition(";")
    address = address if address else kind
    return (parseaddr(address.strip())[1] or address.strip().strip("<>")).lower()


def _one_line(value: object) -> str:
    return " ".join(str(value or "").split())


def _report(message: Message) -> Bounce:
    bounce = Bounce(standard=True)
    for part in message.walk():
        kind = part.get_content_type()
        if kind in ("message/delivery-status", "message/global-delivery-status"):
            for group in _fields(part):
                _recipient(bounce, group)
        elif kind in ("message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"):
            bounce.original_message_id = bounce.original_message_id or _message_id(part)
    return bounce


def _recipient(bounce: Bounce, group: Message) -> None:
    final = group.get("Final-Recipient") or group.get("Original-Recipient")
    if not final:
        return  # the per-message group
    address = _address(str(final))
    action = str(group.get("Action") or "").strip().lower()
    status = _STATUS.search(str(group.get("Status") or ""))
    code = status.group(0) if status else ""
    diagnostic = _one_line(group.get("Diagnostic-Code")).partition(";")[2].strip() or _one_line(
        group.get("Diagnostic-Code")
    )
    if (action == "failed" and not code.startswith("4")) or (not action and code.startswith("5")):
        bounce.permanent.append(Failure(address, code, (diagnostic or code or "failed")[:500]))
    elif action == "delayed" or code.startswith("4"):
        bounce.delayed.append(address)


def _message_id(part: Message) -> str | None:
    if part.get_content_type() in ("text/rfc822-headers", "message/global-headers"):
        payload = part.get_payload(decode=True)
        text = payload.decode(errors="replace") if isinstance(payload, bytes) else str(part.get_payload())
        headers: object = message_from_string(text, policy=policy.compat32)
    else:
        inner = part.get_payload()
        headers = inner[0] if isinstance(inner, list) and inner else None
    value = headers.get("Message-ID") if isinstance(headers, Message) else None
    return _one_line(value) or None


def _nonstandard(message: Message) -> Bounce:
    temporary, permanent = _detected(message)
    text = _text(message)
    bounce = Bounce(delayed=sorted(a.decode(errors="replace").lower() for a in temporary - permanent))
    for raw in sorted(permanent):
        address = raw.decode(errors="replace").lower()
        bounce.permanent.append(Failure(address, *_words_about(text, address)))
    for part in message.walk():
        if part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
            bounce.original_message_id = _message_id(part)
            break
    else:
        found = re.search(r"^\s*Message-ID:\s*(<[^>\s]+>)", text, re.IGNORECASE | re.MULTILINE)
        bounce.original_message_id = found.group(1) if found else None
    return bounce


def _text(message: Message) -> str:
    chunks = []
    for part in message.walk():
        if part.get_content_maintype() == "text" and part.get_content_type() != "text/rfc822-headers":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                chunks.append(payload.decode(part.get_content_charset() or "utf-8", errors="replace"))
    return "\n".join(chunks)


def _words_about(text: str, address: str) -> tuple[str, str]:
    """The status and the server's words about ``address`` in a non-standard bounce: the line that names it, and
    the next one when that line is only the address."""
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        if address in line.lower():
            words = " ".join(w for w in (line, *lines[index + 1 : index + 3]) if w)
            status = _STATUS.search(words)
            return (status.group(0) if status else ""), _one_line(words)[:500]
    return "", "returned by the recipient's mail server"


def recipients_of(message: EmailMessage) -> list[str]:
    """The addresses a message was delivered to, as its headers tell (a bounce's: our envelope sender)."""
    values = [str(v) for name in ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")
              for v in message.get_all(name, [])]  # fmt: skip
    return [address.lower() for _, address in getaddresses(values) if address]
