"""Logging of the long-running processes (``showroom serve`` and ``showroom worker``): one configuration, given to
uvicorn (so every server process it starts applies it) and applied by the worker. INFO by default: the server's
requests, the worker's start and stop, and one line per failed job.

Every line carries the request id, the dealership and the user or API key it acts for (``ops.context``), and is
JSON (one object a line, for a log shipper) or, on a terminal, plain text (``SHOWROOM_LOG_FORMAT``: auto, json,
plain). Secrets are cut out of every line before it is written, uvicorn's access line included: tokens in query
strings (webhooks, the widget's visitor token, invitation previews), sign-in links, invitations and password resets
in paths, API keys, bearer tokens and passwords in URLs (:func:`redact`)."""

from __future__ import annotations

import copy
import logging
import logging.config
import re
import sys
from typing import Any

from pythonjsonlogger.json import JsonFormatter
from uvicorn.config import LOGGING_CONFIG

from showroom.ops import context

_QUIET_JOB_ACTIONS = frozenset({"job_success", "start_job", "loaded_job_info", "finish_task"})

REDACTED = "[redacted]"
_SECRETS = (
    # ?token=… &key=… (webhooks, the widget's visitor token, invitation previews, any signed link)
    (
        re.compile(
            r"([?&;](?:token|access_token|visitor_token|key|api_key|secret|password|signature|sig|code)=)"
            r"[^&;\s\"'#]+",
            re.IGNORECASE,
        ),
        r"\1" + REDACTED,
    ),
    # sign-in links, password resets and invitations carry their token in the path
    (re.compile(r"(/auth/(?:magic|reset)/|/invitations/)[A-Za-z0-9_\-.~%]{16,}"), r"\1" + REDACTED),
    (re.compile(r"\bshr_[A-Za-z0-9]{8,}"), "shr_" + REDACTED),
    (re.compile(r"(\bBearer\s+)[^\s\"',]+", re.IGNORECASE), r"\1" + REDACTED),
    # credentials in URLs (DATABASE_URL, SMTP): scheme://user:password@host
    (re.compile(r"(\b[a-z][a-z0-9+.\-]*://[^:/@\s]+:)[^@/\s]+(@)", re.IGNORECASE), r"\1" + REDACTED + r"\2"),
)


def redact(text: str) -> str:
    """``text`` without the secrets a log line may carry."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


def _redact_value(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class Redact(logging.Filter):
    """Cuts secrets out of the message and of its arguments, keeping their shape (uvicorn's access formatter
    unpacks its five arguments). Installed on every handler, so no logger can skip it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redact_value(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _redact_value(v) for k, v in record.args.items()}
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


class Context(logging.Filter):
    """Puts the request id, dealership, user or API key and job of the current request or job on the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        values = context.current()
        for field in context.FIELDS:
            setattr(record, field, values.get(field))
        return True


class JobOutcomes(logging.Filter):
    """procrastinate logs every job it starts and finishes, and a failure with its traceback. Keep one line per
    failed job (its exception's type and message; the traceback only at DEBUG) and drop the rest."""

    def filter(self, record: logging.LogRecord) -> bool:
        action = getattr(record, "action", None)
        if action in _QUIET_JOB_ACTIONS and record.levelno < logging.WARNING:
            return False
        failed = record.exc_info and action in ("job_error", "job_error_retry")
        if failed and not logging.getLogger("procrastinate").isEnabledFor(logging.DEBUG):
            error = record.exc_info[1] if record.exc_info else None
            record.msg = f"{record.getMessage()} - {type(error).__name__}: {error}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


class PlainFormatter(logging.Formatter):
    """One line for a person at a terminal: time, level, logger, message, then the context that is set."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        tags = " ".join(f"{f}={getattr(record, f)}" for f in context.FIELDS if getattr(record, f, None) is not None)
        return f"{line} [{tags}]" if tags else line


class JSONFormatter(JsonFormatter):
    """One JSON object a line: time, level, logger, message, the context, and for an access line its parts."""

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data.pop("color_message", None)  # uvicorn's copy of the message with terminal colour codes
        for field in context.FIELDS:
            log_data.setdefault(field, getattr(record, field, None))
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
            client, method, path, version, status = record.args
            log_data.update(client=client, method=method, path=path, http_version=version, status=status)


def use_json(log_format: str, stream: Any = None) -> bool:
    """``auto``: JSON unless the log goes to a terminal."""
    if log_format in ("json", "plain"):
        return log_format == "json"
    stream = stream or sys.stderr
    return not (hasattr(stream, "isatty") and stream.isatty())


def logging_config(level: str, log_format: str = "auto") -> dict[str, Any]:
    """uvicorn's loggers and Showroom's at ``level``, one line per record on stderr, JSON or plain, with the
    context and without secrets. procrastinate's other loggers (task registration, periodic deferrals) stay at
    WARNING."""
    config = copy.deepcopy(LOGGING_CONFIG)
    level = level.upper()
    as_json = use_json(log_format)
    config["formatters"] = {
        "plain": {"()": PlainFormatter, "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {
            "()": JSONFormatter,
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    }
    config["filters"] = {
        "job_outcomes": {"()": JobOutcomes},
        "redact": {"()": Redact},
        "context": {"()": Context},
    }
    handler = {
        "formatter": "json" if as_json else "plain",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "filters": ["job_outcomes", "context", "redact"],
    }
    config["handlers"] = {"default": handler, "access": copy.deepcopy(handler)}
    config["handlers"]["access"]["stream"] = "ext://sys.stdout"
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        config["loggers"][name]["level"] = level
    config["loggers"]["showroom"] = {"handlers": ["default"], "level": level, "propagate": False}
    config["loggers"]["procrastinate"] = {"handlers": ["default"], "level": "WARNING", "propagate": False}
    config["loggers"]["procrastinate.worker"] = {"level": level}
    config["root"] = {"handlers": ["default"], "level": "WARNING"}
    return config


def configure(level: str, log_format: str = "auto") -> None:
    logging.config.dictConfig(logging_config(level, log_format))
