"""The IMAP side of the intake, with the standard library's ``imaplib`` (blocking: called in a thread, never while
a database transaction is open). Two short sessions per poll: one fetches the messages after the last UID taken
(``BODY.PEEK[]``, so nothing is marked read before it is taken), one moves or flags them once they are committed."""

from __future__ import annotations

import imaplib
import re
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from showroom.vocabulary import MailboxSecurity

TIMEOUT = 10.0  # seconds per connection and command: a dead server must not hold a worker slot long
DONE_KEYWORD = "$Showroom"  # set on each message taken (with \\Seen) when it is not moved


class ImapFailure(Exception):
    """The mailbox could not be read: what went wrong, in words an admin can act on (never the password)."""


@dataclass(frozen=True)
class Account:
    host: str
    port: int
    security: str
    username: str
    password: str
    folder: str

    def __repr__(self) -> str:  # the password never reaches a log line or a traceback
        return f"Account({self.username}@{self.host}:{self.port}, {self.folder})"


@dataclass
class Fetched:
    uid_validity: int
    messages: list[tuple[int, bytes]]  # (uid, the RFC 822 message)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@contextmanager
def connected(account: Account, *, readonly: bool) -> Iterator[imaplib.IMAP4]:
    context = ssl.create_default_context()
    where = f"{account.host}:{account.port}"
    try:
        if account.security == MailboxSecurity.ssl:
            conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(account.host, account.port, ssl_context=context, timeout=TIMEOUT)
        else:
            conn = imaplib.IMAP4(account.host, account.port, timeout=TIMEOUT)
            if account.security == MailboxSecurity.starttls:
                conn.starttls(ssl_context=context)
    except (OSError, ssl.SSLError, imaplib.IMAP4.error) as exc:
        raise ImapFailure(
            f"cannot connect to {where}: {exc.strerror or exc if isinstance(exc, OSError) else exc}"
        ) from None
    try:
        try:
            conn.login(account.username, account.password)
        except imaplib.IMAP4.error:
            raise ImapFailure(f"{where} refused the user name or password of {account.username!r}") from None
        status, _ = conn.select(_quoted(account.folder), readonly=readonly)
        if status != "OK":
            raise ImapFailure(f"{where} has no folder {account.folder!r}")
        yield conn
    except (OSError, imaplib.IMAP4.error) as exc:  # a timeout is an OSError
        raise ImapFailure(f"{where} failed: {exc}") from None
    finally:
        with suppress(OSError, imaplib.IMAP4.error):
            conn.logout()


def fetch_new(account: Account, last_uid: int, uid_validity: int | None, limit: int) -> Fetched:
    """Up to ``limit`` messages after ``last_uid`` (all not taken yet when the folder's UIDVALIDITY changed),
    oldest first."""
    with connected(account, readonly=True) as conn:
        _, data = conn.response("UIDVALIDITY")
        validity = int(data[0]) if data and data[0] else 0
        start = last_uid + 1 if validity == uid_validity else 1
        status, found = conn.uid("SEARCH", f"UID {start}:*", "UNKEYWORD", DONE_KEYWORD)
        if status != "OK":
            raise ImapFailure(f"{account.host} refused to search {account.folder!r}")
        uids = sorted(int(u) for u in (found[0] or b"").split() if int(u) >= start)[:limit]  # "n:*" includes the last
        messages = []
        for uid in uids:
            status, parts = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
            raw = next((p[1] for p in parts if isinstance(p, tuple) and len(p) == 2), None)
            if status == "OK" and isinstance(raw, bytes):
                messages.append((uid, raw))
        return Fetched(validity, messages)


_MOVE = re.compile(rb"\bMOVE\b")


def mark_taken(account: Account, uids: list[int], move_to: str | None) -> None:
    """Move the messages taken to ``move_to`` (MOVE, else COPY + \\Deleted + EXPUNGE), or flag them \\Seen and
    $Showroom where they are."""
    if not uids:
        return
    numbers = ",".join(str(u) for u in uids)
    with connected(account, readonly=False) as conn:
        if not move_to:
            conn.uid("STORE", numbers, "+FLAGS", f"(\\Seen {DONE_KEYWORD})")
            return
        _, listed = conn.capability()  # asked after login: servers announce MOVE to signed-in users
        capabilities = b" ".join(c for c in listed if isinstance(c, bytes))
        status = _move(conn, numbers, move_to, bool(_MOVE.search(capabilities.upper())))
        if status != "OK":  # the folder may not exist yet ([TRYCREATE]): make it, once
            conn.create(_quoted(move_to))
            status = _move(conn, numbers, move_to, bool(_MOVE.search(capabilities.upper())))
        if status != "OK":
            conn.uid("STORE", numbers, "+FLAGS", f"(\\Seen {DONE_KEYWORD})")
            raise ImapFailure(f"cannot move messages to {move_to!r}; they were flagged {DONE_KEYWORD} instead")


def _move(conn: imaplib.IMAP4, numbers: str, move_to: str, can_move: bool) -> str:
    if can_move:
        status, _ = conn.uid("MOVE", numbers, _quoted(move_to))
        return str(status)
    status, _ = conn.uid("COPY", numbers, _quoted(move_to))
    if status == "OK":
        conn.uid("STORE", numbers, "+FLAGS", "(\\Deleted)")
        conn.expunge()
    return str(status)
