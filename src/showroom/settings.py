"""Configuration: one pydantic-settings class, read from the environment.

Every knob has a safe default for a local install; production sets ``DATABASE_URL`` and
``SHOWROOM_SECRET_KEY`` (and, for managed PostgreSQL, the role URLs). ``docs/configuration.md``
lists them all.
"""

from __future__ import annotations

import ipaddress
import re
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-insecure-secret-change-me"  # noqa: S105 - the placeholder we refuse in production


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("showroom", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHOWROOM_", extra="ignore", populate_by_name=True)

    environment: Environment = Environment.development

    # --- database -------------------------------------------------------------------------
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "SHOWROOM_DATABASE_URL"),
        description="Owner login that runs migrations. Unset: the embedded PostgreSQL in data_dir.",
    )
    app_database_url: str | None = Field(
        default=None, description="Login of the service role (no BYPASSRLS, owns nothing)."
    )
    maint_database_url: str | None = Field(
        default=None, description="Login of the maintenance role (BYPASSRLS), for cross-tenant work."
    )
    data_dir: Path = Field(default_factory=default_data_dir, description="Embedded database and files.")

    db_pool_size: int = Field(default=10, ge=1, le=200, description="Connections kept open per process.")
    db_max_overflow: int = Field(default=10, ge=0, le=200, description="Extra connections under load.")
    db_pool_timeout: float = Field(default=10.0, gt=0, description="Seconds to wait for a free connection.")
    db_pool_recycle: int = Field(default=1800, ge=60, description="Seconds before a connection is renewed.")
    db_connect_timeout: int = Field(default=5, ge=1, description="Seconds to establish a connection.")
    db_statement_timeout_ms: int = Field(default=30_000, ge=0, description="Per statement; 0 = none.")
    maint_pool_size: int = Field(default=2, ge=1, le=20, description="Maintenance pool size.")

    # --- HTTP -----------------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str | None = Field(default=None, description="Base URL used in e-mailed links.")
    secret_key: SecretStr = SecretStr(DEV_SECRET)
    log_level: str = "info"
    log_format: Literal["auto", "json", "plain"] = Field(
        default="auto", description="Log lines as JSON or plain text; auto: plain on a terminal, JSON otherwise."
    )

    # --- operations --------------------------------------------------------------------------------
    metrics_enabled: bool = Field(
        default=True, description="Count requests, pool use and statements for /metrics (off: /metrics is a 404)."
    )
    metrics_token: SecretStr | None = Field(
        default=None, description="When set, /metrics wants 'Authorization: Bearer <token>'; unset: open."
    )
    ready_heartbeat_seconds: float = Field(
        default=60.0, gt=0, description="/readyz fails when no job worker has beaten for this long."
    )

    # --- background jobs ------------------------------------------------------------------------------
    jobs_in_process: bool = Field(
        default=False,
        description="Run the job worker inside each web process (`showroom serve` sets it unless --no-worker).",
    )
    job_concurrency: int = Field(default=10, ge=1, le=100, description="Jobs one worker runs at the same time.")
    chat_turns: Literal["web", "worker"] = Field(
        default="web",
        description="Who runs a chat-widget turn (the `chat` queue): `web`, each web process in its own event loop "
        "(one process, tests); `worker`, a job worker process (`showroom serve` sets it and starts one beside the "
        "web server, so a turn's CPU never delays a staff request).",
    )
    chat_turn_seconds: float = Field(
        default=30.0,
        gt=0,
        le=300,
        description="How long a widget message waits for its turn; a turn not started by then is withdrawn and "
        "answered 503 with Retry-After.",
    )
    chat_worker_nice: int = Field(
        default=19,
        ge=0,
        le=19,
        description="CPU niceness of the chat worker process `showroom serve` starts: its turns take the CPU staff and "
        "API requests leave (bench/public_flood.py: 19 keeps a staff read's p99 closest to idle). On the embedded "
        "database the PostgreSQL backends serving its connections get the same niceness (db.priority).",
    )
    chat_worker_idle: bool = Field(
        default=True,
        description="Run the chat worker `showroom serve` starts (and, on the embedded database, the PostgreSQL "
        "backends serving it) under Linux's SCHED_IDLE policy: the CPU only when nothing else wants it, and a staff "
        "request's work takes the CPU from a turn at once instead of after its time slice (elsewhere: ignored).",
    )
    job_stalled_seconds: float = Field(
        default=30.0,
        ge=2,
        description="A worker silent this long is dead: its running jobs run again (it beats every third of it).",
    )
    job_retention_days: int = Field(
        default=7,
        ge=1,
        le=3650,
        description="Finished jobs (succeeded, failed, cancelled) are deleted this many days after they ended, with "
        "their events: their arguments hold customers' messages and e-mail addresses (an hourly maintenance job).",
    )
    job_shutdown_seconds: float = Field(
        default=30.0, ge=0, description="On stop, how long running jobs may finish before they are aborted."
    )

    # --- sign-in ----------------------------------------------------------------------------------
    session_idle_minutes: int = Field(default=12 * 60, ge=5, description="Sign-out after this much inactivity.")
    session_absolute_hours: int = Field(default=7 * 24, ge=1, description="Sign-out this long after sign-in.")
    login_max_failures: int = Field(
        default=5, ge=1, description="Failed sign-ins of one account from one address before that pair is paused."
    )
    login_max_failures_per_ip: int = Field(default=10, ge=1, description="Failed sign-ins per IP before a pause.")
    login_max_failures_per_account: int = Field(
        default=50,
        ge=1,
        description="Failed sign-ins of one account from everywhere before addresses it never signed in from pause.",
    )
    login_lockout_minutes: int = Field(default=15, ge=1, description="The window those are counted in.")
    mail_links_per_account: int = Field(
        default=5, ge=1, description="Sign-in links and password resets e-mailed to one address per hour."
    )
    mail_links_per_ip: int = Field(default=20, ge=1, description="Such e-mails requested from one IP per hour.")
    magic_link_hours: int = Field(default=24, ge=1)
    invitation_days: int = Field(default=7, ge=1)
    password_reset_minutes: int = Field(default=60, ge=5)
    cookie_secure: bool | None = Field(default=None, description="Secure cookies; default: when served over TLS.")

    # --- mail -----------------------------------------------------------------------------------------
    smtp_url: SecretStr | None = Field(
        default=None, description="smtp://user:pass@host:587 (STARTTLS), smtps://…:465; unset = outbox"
    )
    mail_from: str = "Showroom <no-reply@showroom.local>"
    bounce_address: str | None = Field(
        default=None,
        description="Envelope sender (MAIL FROM) of everything Showroom e-mails, where mail servers return bounces: "
        "each message goes out as <local>+<signed token>@<domain> (VERP), so a bounce names what bounced. Its mail "
        "must reach Showroom (the IMAP mailbox or the e-mail webhook). Unset: bounces@SHOWROOM_INBOUND_EMAIL_DOMAIN "
        "when that is set, else the From address (bounces are then not read)",
    )

    # --- LLM (the `openai` provider; a dealership opts in with ai_config.provider = "openai") -------------
    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible base URL, e.g. https://api.openai.com/v1"
    )
    llm_api_key: SecretStr | None = None
    llm_model: str = "gpt-4o-mini"
    llm_timeout: float = Field(default=15.0, gt=0, description="Seconds per request")
    llm_retries: int = Field(default=2, ge=0, le=5, description="Retries on 429/5xx, with backoff")

    # --- SMS and channels -------------------------------------------------------------------------------
    sms_webhook_url: str | None = Field(default=None, description="Relay for outgoing SMS; unset = outbox")
    webhook_secret: SecretStr | None = Field(
        default=None, description="Shared secret of the SMS and e-mail reply webhooks (unset: they are off)"
    )
    twilio_account_sid: str | None = Field(
        default=None, description="Twilio account (AC…) that dealerships with settings.sms_provider = twilio send from"
    )
    twilio_auth_token: SecretStr | None = Field(
        default=None, description="Its auth token: authenticates the REST calls and checks X-Twilio-Signature"
    )
    twilio_api_url: str = Field(default="https://api.twilio.com", description="Twilio's REST API base URL")

    # --- outbound webhooks (issue 19) ---------------------------------------------------------------
    webhook_allow_private_targets: bool = Field(
        default=False,
        description="Allow webhook endpoints on private, loopback or link-local addresses (refused by default: SSRF)",
    )
    webhook_timeout: float = Field(default=10.0, gt=0, le=60, description="Seconds per webhook delivery attempt")
    webhook_disable_after_hours: float = Field(
        default=72, gt=0, description="An endpoint whose deliveries have failed this long is disabled"
    )

    # --- inventory imports and feeds (issues 15 and 19) -------------------------------------------------
    import_sync_max_bytes: int = Field(
        default=1024 * 1024,
        ge=0,
        description="POST /api/v1/inventory/import answers with the report for a feed up to this size; a larger one "
        "is stored and imported by a job (202 with the run to follow)",
    )
    feed_timeout: float = Field(default=60.0, gt=0, le=600, description="Seconds to fetch a feed source's file")
    feed_allow_private_targets: bool = Field(
        default=False,
        description="Allow feed sources on private, loopback or link-local addresses (refused by default: SSRF)",
    )

    # --- intake -----------------------------------------------------------------------------------------
    inbound_email_domain: str | None = Field(
        default=None,
        description="Domain whose mail reaches Showroom (the e-mail webhook or the IMAP mailbox): a conversation's "
        "e-mails carry a Reply-To on it that routes the customer's answer back (unset: the dealership's contact "
        "e-mail)",
    )
    imap_allow_private_hosts: bool = Field(
        default=False,
        description="Allow IMAP mailboxes on private, loopback or link-local addresses (refused by default)",
    )
    inbound_email_secret: SecretStr | None = Field(
        default=None, description="Shared secret of POST /api/v1/inbound/email (unset: the route is off)"
    )

    # --- HTTP limits ------------------------------------------------------------------------------
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated IPs or networks of reverse proxies whose X-Forwarded-For/-Proto are believed "
        "(none by default: the peer's address is the client's).",
    )
    public_max_concurrent: int = Field(
        default=8,
        ge=1,
        le=200,
        description="Widget and webhook requests in flight per process (beyond: a fast 503 with Retry-After); keep "
        "it under the pool size so staff and API calls always find connections.",
    )
    public_wait_seconds: float = Field(default=2, ge=0, le=10, description="How long such a request may queue.")
    public_max_lag_ms: float = Field(
        default=100,
        gt=0,
        description="Widget and webhook requests are refused (503) while the event loop runs this late on average "
        "(the process is busy: staff and API calls come first).",
    )
    widget_messages_per_address: int = Field(
        default=120,
        ge=1,
        description="Widget messages per IP per minute (an office or a showroom's Wi-Fi is one address for many "
        "visitors; each chat has its own, lower budget).",
    )
    widget_messages_per_conversation: int = Field(default=12, ge=1, description="Widget messages per chat per minute.")
    widget_messages_per_dealership: int = Field(
        default=600, ge=1, description="Widget messages one dealership takes per minute, from all visitors."
    )
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024, description="Larger request bodies get 413.")
    max_upload_bytes: int = Field(
        default=200 * 1024 * 1024,
        ge=1024,
        description="Limit for file uploads (inventory feeds), which are spooled to disk, not held in memory.",
    )

    @field_validator("inbound_email_domain")
    @classmethod
    def _domain(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}", value.lower()):
            raise ValueError(f"{value!r} is not a domain name like reply.example.com")
        return value.lower() if value else None

    @field_validator("bounce_address")
    @classmethod
    def _bounce_address(cls, value: str | None) -> str | None:
        if not value:
            return None
        local, _, domain = value.strip().lower().rpartition("@")
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,19}", local) or not re.fullmatch(
            r"(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}", domain
        ):
            raise ValueError(
                f"{value!r} is not an address like bounces@reply.example.com (a local part of up to 20 letters, "
                "digits, dots, dashes or underscores, no '+': Showroom adds +<token>)"
            )
        return f"{local}@{domain}"

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: str) -> str:
        for item in (part.strip() for part in value.split(",")):
            if item:
                try:
                    ipaddress.ip_network(item, strict=False)
                except ValueError as exc:
                    raise ValueError(f"{item!r} is not an IP address or network") from exc
        return value

    @model_validator(mode="after")
    def _refuse_placeholders(self) -> Settings:
        if self.environment is Environment.production:
            if self.secret_key.get_secret_value() == DEV_SECRET or len(self.secret_key.get_secret_value()) < 32:
                raise ValueError("SHOWROOM_SECRET_KEY must be set to a random value of 32+ characters in production")
            if self.database_url is None:
                raise ValueError("DATABASE_URL must be set in production (the embedded database is for one box)")
        return self

    @property
    def embedded(self) -> bool:
        return self.database_url is None

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
