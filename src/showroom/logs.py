"""Logging of the long-running processes (``showroom serve`` and ``showroom worker``): one configuration, given to
uvicorn (so every server process it starts applies it) and applied by the worker. INFO by default: the server's
requests, the worker's start and stop, and one line per failed job."""

from __future__ import annotations

import copy
import logging
import logging.config
from typing import Any

from uvicorn.config import LOGGING_CONFIG

_QUIET_JOB_ACTIONS = frozenset({"job_success", "start_job", "loaded_job_info", "finish_task"})


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


def logging_config(level: str) -> dict[str, Any]:
    """uvicorn's own configuration, plus Showroom's and the job worker's loggers at ``level``, one line per record
    on stderr. procrastinate's other loggers (task registration, periodic deferrals) stay at WARNING."""
    config = copy.deepcopy(LOGGING_CONFIG)
    level = level.upper()
    config["formatters"]["plain"] = {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    config["filters"] = {"job_outcomes": {"()": JobOutcomes}}
    config["handlers"]["plain"] = {
        "formatter": "plain",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "filters": ["job_outcomes"],
    }
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        config["loggers"][name]["level"] = level
    config["loggers"]["showroom"] = {"handlers": ["plain"], "level": level, "propagate": False}
    config["loggers"]["procrastinate"] = {"handlers": ["plain"], "level": "WARNING", "propagate": False}
    config["loggers"]["procrastinate.worker"] = {"level": level}
    return config


def configure(level: str) -> None:
    logging.config.dictConfig(logging_config(level))
