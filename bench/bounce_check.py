"""What recognising bounces adds to every inbound e-mail (the IMAP intake and the e-mail webhooks ask
``bounces.service.is_bounce`` before anything else), against parsing the message, the work every path did already.

    python -m bench.bounce_check [--n 5000]

Pure CPU, no database: a customer's reply (the common case: not a bounce), a Postfix delivery status notification
and a qmail bounce (recognised, then read). Prints microseconds per message and the ratio to the parse alone
(figures in DESIGN.md).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage

from tests.bounces.samples import dsn as postfix_dsn
from tests.bounces.samples import qmail_bounce

from showroom.bounces import dsn
from showroom.bounces.service import is_bounce
from showroom.settings import Settings


def _reply() -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = "Robin <robin@inbox-mail.net>", "r-1-abc@reply.example.com"
    message["Subject"], message["Message-ID"] = "Re: your enquiry", "<reply-1@inbox-mail.net>"
    message.set_content("Yes please, Saturday at 10?\n\nOn Mon, Dealer wrote:\n> Any SUVs?\n" * 3)
    return bytes(message)


def _timed(n: int, work: Callable[[], object]) -> float:
    start = time.perf_counter()
    for _ in range(n):
        work()
    return (time.perf_counter() - start) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    n = parser.parse_args().n
    settings = Settings(inbound_email_domain="reply.example.com")
    original = message_from_bytes(_reply(), policy=policy.default)
    samples = {
        "customer reply": _reply(),
        "RFC 3464 report": postfix_dsn(original, "bounces+x@reply.example.com", "gone@inbox-mail.net"),
        "qmail bounce": qmail_bounce("bounces@reply.example.com", "gone@inbox-mail.net", original).as_bytes(),
    }
    print(f"{'message':<18} {'parse µs':>9} {'+ check (and read) µs':>22} {'ratio':>6}")
    for name, raw in samples.items():
        parse = _timed(n, lambda raw=raw: message_from_bytes(raw, policy=policy.default))

        def check(raw: bytes = raw) -> bool:
            message = message_from_bytes(raw, policy=policy.default)
            found = is_bounce(settings, message, str(message.get("To") or ""))
            if found:
                dsn.read(message)
            return found

        checked = _timed(n, check)
        print(f"{name:<18} {parse:>9.1f} {checked - parse:>22.1f} {checked / parse:>6.2f}")


if __name__ == "__main__":
    main()
