"""Bounces as mail servers write them, built here: a Postfix-style RFC 3464 report (permanent or delayed) and a
qmail-style non-standard one."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.utils import format_datetime


def dsn(original: Message, to: str, failed: str, *, status: str = "5.1.1", action: str = "failed",
        diagnostic: str = "smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table",
        headers_only: bool = False) -> bytes:  # fmt: skip
    """The report a Postfix server sends to the envelope sender ``to`` when ``failed`` cannot take ``original``,
    as the bytes that reach the mailbox."""
    words = "could not be delivered" if action == "failed" else "has not been delivered yet; I will keep trying"
    subject = "Undelivered Mail Returned to Sender" if action == "failed" else "Delayed Mail (still being retried)"
    said = diagnostic.format(rcpt=failed)
    if headers_only:
        returned = "Content-Type: text/rfc822-headers\n\n" + "".join(f"{k}: {v}\n" for k, v in original.items())
    else:
        returned = "Content-Type: message/rfc822\n\n" + original.as_string()
    text = f"""Return-Path: <>
Delivered-To: {to}
From: MAILER-DAEMON@mx.inbox-mail.net (Mail Delivery System)
To: {to}
Subject: {subject}
Date: {format_datetime(datetime.now(UTC))}
Message-ID: <{uuid.uuid4().hex}.dsn@mx.inbox-mail.net>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"

This is a MIME-encapsulated message.

--B0UND
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.inbox-mail.net.

I'm sorry to have to inform you that your message {words}
to one or more recipients.

<{failed}>: host inbox-mail.net said: {said}

--B0UND
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.inbox-mail.net
X-Postfix-Queue-ID: 4ABC123
Arrival-Date: Sun, 6 Dec 2026 19:00:00 +0000

Final-Recipient: rfc822; {failed}
Original-Recipient: rfc822;{failed}
Action: {action}
Status: {status}
Remote-MTA: dns; inbox-mail.net
Diagnostic-Code: {said}

--B0UND
{returned}
--B0UND--
"""
    return text.replace("\n", "\r\n").encode()


def qmail_bounce(to: str, failed: str, original: Message) -> EmailMessage:
    """A qmail server's bounce: no report, the failure in words."""
    message = EmailMessage()
    message["From"] = "MAILER-DAEMON@mail.old-isp.example"
    message["To"] = to
    message["Subject"] = "failure notice"
    body = "".join(f"{k}: {v}\n" for k, v in original.items())
    message.set_content(
        "Hi. This is the qmail-send program at mail.old-isp.example.\nI'm afraid I wasn't able to deliver your "
        "message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
        f"<{failed}>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
        "--- Below this line is a copy of the message.\n\n" + body + "\nthe text\n"
    )
    return message
