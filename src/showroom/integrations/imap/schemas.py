"""HTTP shapes of the IMAP intake."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from showroom.vocabulary import MailboxSecurity

HOST = r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?$"


class MailboxIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    host: str = Field(min_length=1, max_length=255, pattern=HOST, description="The IMAP server, e.g. imap.example.com")
    port: int = Field(default=993, ge=1, le=65535)
    security: MailboxSecurity = MailboxSecurity.ssl
    username: str = Field(min_length=1, max_length=255)
    folder: str = Field(default="INBOX", min_length=1, max_length=255)
    move_to: str | None = Field(
        default=None,
        max_length=255,
        description="Folder messages are moved to once taken; null: flagged where they are",
    )
    enabled: bool = True


class Mailbox(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    host: str
    port: int
    security: MailboxSecurity
    username: str
    folder: str
    move_to: str | None
    enabled: bool
    last_uid: int
    messages_taken: int
    last_polled_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    password_env: str = Field(description="The environment variable the worker reads the password from")
    password_set: bool = Field(description="Whether this web process has that variable (workers need it too)")
