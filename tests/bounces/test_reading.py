"""Reading bounces (pure): the signed envelope sender and what a bounce says, in the forms mail servers send."""

from __future__ import annotations

import uuid
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage, Message

import pytest
from pydantic import ValidationError

from showroom.bounces import dsn
from showroom.bounces.address import (
    MessageRef,
    ReportRef,
    bounced_ref,
    envelope_sender,
    to_bounce_address,
    token_body,
)
from showroom.settings import Settings
from tests.bounces.samples import dsn as postfix_dsn
from tests.bounces.samples import qmail_bounce


def original() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"] = "Showroom <no-reply@showroom.test>", "gm@inbox-mail.net, gone@inbox-mail.net"
    message["Subject"], message["Message-ID"] = "Weekly", "<report-7-2026-11-30..2026-12-07@showroom.test>"
    message.set_content("The figures")
    return message


def parsed(raw: bytes) -> Message:
    return message_from_bytes(raw, policy=policy.default)


def test_the_envelope_sender_names_the_row_signed_and_short_enough() -> None:
    settings = Settings(inbound_email_domain="reply.example.com", secret_key="k" * 40)
    message = MessageRef(2_000_000_000, uuid.uuid4())
    report = ReportRef(2_000_000_000, 2_000_000_000, date(2026, 11, 30), date(2026, 12, 7))
    for ref in (message, report):
        sender = envelope_sender(settings, token_body(ref))
        assert sender is not None and sender.endswith("@reply.example.com") and sender.startswith("bounces+")
        assert len(sender.partition("@")[0]) <= 64
        assert bounced_ref(settings, f"Mail Delivery <{sender}>") == ref
        assert bounced_ref(settings, sender.upper()) == ref  # servers may change the case
        assert (
            bounced_ref(Settings(inbound_email_domain="reply.example.com", secret_key="j" * 40), sender) is None
        )  # another key
        local, _, host = sender.partition("@")
        assert bounced_ref(settings, f"{local[:-1]}{'a' if local[-1] != 'a' else 'b'}@{host}") is None
        assert bounced_ref(settings, f"{local}@elsewhere.example") is None
    assert envelope_sender(settings, None) == "bounces@reply.example.com"
    assert to_bounce_address(settings, "bounces+anything@reply.example.com") is True
    assert to_bounce_address(settings, "sales@reply.example.com") is False
    assert envelope_sender(Settings(), token_body(message)) is None  # no bounce address: the From address
    chosen = Settings(bounce_address="Returns@Mail.Example.com", inbound_email_domain="reply.example.com")
    assert envelope_sender(chosen, None) == "returns@mail.example.com"


@pytest.mark.parametrize("bad", ["bounces+x@example.com", "no-at-sign", "a@b", "x" * 21 + "@example.com"])
def test_a_bounce_address_that_cannot_carry_a_token_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="bounce_address"):
        Settings(bounce_address=bad)


def test_a_delivery_status_notification_says_who_failed_for_good_and_why() -> None:
    report = parsed(postfix_dsn(original(), "bounces+x@reply.example.com", "gone@inbox-mail.net"))
    assert dsn.looks_like_bounce(report)
    found = dsn.read(report)
    assert found.standard and found.delayed == []
    assert [(f.address, f.status) for f in found.permanent] == [("gone@inbox-mail.net", "5.1.1")]
    assert found.permanent[0].reason.startswith("550 5.1.1 <gone@inbox-mail.net>: Recipient address rejected")
    assert found.original_message_id == "<report-7-2026-11-30..2026-12-07@showroom.test>"
    headers_only = dsn.read(parsed(postfix_dsn(original(), "b@x.example", "gone@inbox-mail.net", headers_only=True)))
    assert headers_only.original_message_id == found.original_message_id and len(headers_only.permanent) == 1


def test_a_delay_is_not_a_bounce_yet() -> None:
    delayed = dsn.read(parsed(postfix_dsn(original(), "b@x.example", "gone@inbox-mail.net", status="4.4.1",
                                          action="delayed", diagnostic="smtp; 451 4.4.1 try later")))  # fmt: skip
    assert delayed.permanent == [] and delayed.delayed == ["gone@inbox-mail.net"]
    odd = dsn.read(parsed(postfix_dsn(original(), "b@x.example", "gone@inbox-mail.net", status="4.2.2")))
    assert odd.permanent == []  # "failed" with a 4.x.x status: a transient failure, not a permanent one


def test_an_older_servers_bounce_is_read_too() -> None:
    old = parsed(qmail_bounce("bounces@reply.example.com", "gone@inbox-mail.net", original()).as_bytes())
    assert dsn.looks_like_bounce(old)
    found = dsn.read(old)
    assert not found.standard and [f.address for f in found.permanent] == ["gone@inbox-mail.net"]
    assert "no mailbox here by that name" in found.permanent[0].reason and found.permanent[0].status == "5.1.1"
    assert found.original_message_id == "<report-7-2026-11-30..2026-12-07@showroom.test>"


def test_a_customers_message_about_an_address_is_not_a_bounce() -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "Robin <robin@inbox-mail.net>", "sales@x.example", "Re: car"
    message.set_content("My old address gone@inbox-mail.net: user unknown now, use this one. Delivery failed? (#5.1.1)")
    assert not dsn.looks_like_bounce(message)


def test_a_message_the_detectors_choke_on_is_no_bounce(monkeypatch: pytest.MonkeyPatch) -> None:
    def choke(message: Message) -> None:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "a mail server's odd bytes")

    monkeypatch.setattr(dsn, "all_failures", choke)  # fault injection: the detectors raise on some input
    old = parsed(qmail_bounce("bounces@reply.example.com", "gone@inbox-mail.net", original()).as_bytes())
    assert not dsn.looks_like_bounce(old) and dsn.read(old).permanent == []
