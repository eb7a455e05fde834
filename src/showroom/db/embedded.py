"""The embedded PostgreSQL (the ``pgserver`` wheel) used when ``DATABASE_URL`` is unset.

Pitfalls (DESIGN.md §8): it listens on a unix socket only (trust auth); with a long data-dir path it moves
the socket elsewhere, so the URI always comes from ``get_uri()``; run as root it creates a ``pgserver`` OS
user and makes every parent of the data dir world-readable (o+rx); its atexit hook does not run under
SIGTERM, so whoever starts it stops it explicitly (:func:`stop`).
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy.engine import URL

from showroom.db.urls import parse_url
from showroom.errors import ConfigError

log = logging.getLogger(__name__)

_server: Any = None


def pgdata_path(data_dir: Path) -> Path:
    return data_dir / "pg"


def check_data_dir(data_dir: Path) -> None:
    """Create the data dir, or say in one line why it cannot be used."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"cannot create data directory {data_dir}: {exc.strerror}; set SHOWROOM_DATA_DIR to a writable directory"
        ) from None
    if not os.access(data_dir, os.W_OK | os.X_OK):
        raise ConfigError(f"data directory {data_dir} is not writable; set SHOWROOM_DATA_DIR to a writable directory")


def start(data_dir: Path) -> URL:
    """Start (or attach to) the embedded server and return its superuser URL."""
    global _server
    check_data_dir(data_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on headless boxes
        from pgserver.postgres_server import get_server  # here: importing it warns, and the filter is set

        try:
            _server = get_server(pgdata_path(data_dir), cleanup_mode="stop")
        except Exception as exc:
            logfile = pgdata_path(data_dir) / "log"
            raise ConfigError(
                f"the embedded PostgreSQL in {data_dir} did not start ({exc.__class__.__name__}); see {logfile}"
            ) from None
    _forget_dead_handles(_server)
    return parse_url(_server.get_uri(), what="embedded database URL")


def _forget_dead_handles(server: Any) -> None:
    """pgserver refcounts handles by pid; a killed process never removes its own, so prune them."""
    for pid in server.global_process_id_list.get():
        if not psutil.pid_exists(pid):
            server.global_process_id_list.get_and_remove(pid)


def stop() -> None:
    """Release this process's handle; the server stops when no other process holds one."""
    global _server
    if _server is None:
        return
    try:
        _server.cleanup()
    except Exception:  # already stopped by someone else: nothing to do
        log.debug("embedded PostgreSQL was already stopped", exc_info=True)
    _server = None
