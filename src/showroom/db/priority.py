"""A niced process's database work runs niced too (the embedded database: the same machine).

The chat worker runs at nice 19 so that staff requests come first (``showroom serve``; issue 15, finding 3), but
most of a chat turn's CPU is not its own: it is the PostgreSQL backends that serve its connections, which run at the
postmaster's priority. Profiled under ``bench/public_flood.py``, those backends took 0.12-0.20 of a core beside the
worker's 0.15-0.35, at full priority. Worse, every PostgreSQL backend calls ``setsid()``, so with Linux's autogroup
scheduling (``/proc/sys/kernel/sched_autogroup_enabled``, on by default on desktops and many servers) each backend
is a group of its own, weighed as much as the whole session of the web server: a task's nice value counts only
within its group.

So a process whose niceness is above 0 gives each backend it connects to the same niceness: ``setpriority`` (what
counts without autogroups) and, when the backend leads its own session (its own autogroup, so nobody else's priority
moves), that group's nice value (``/proc/<pid>/autogroup``); a process under ``SCHED_IDLE`` (the chat worker by
default) puts its backends under it too, so that a staff request's work preempts theirs at once. Only for the
embedded database: a backend pid of a remote server means nothing here. A refusal (another OS user, no ``/proc``) is
ignored: priority is an optimisation, never a reason to fail a connection.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def own_niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, 0)


def own_idle() -> bool:
    """Does this process run under ``SCHED_IDLE`` (Linux; the chat worker, ``SHOWROOM_CHAT_WORKER_IDLE``)?"""
    return hasattr(os, "SCHED_IDLE") and os.sched_getscheduler(0) == os.SCHED_IDLE


def make_idle(pid: int) -> bool:
    """Run ``pid`` under ``SCHED_IDLE``: the CPU only when nothing else wants it, and any normal task that wakes
    takes the CPU from it at once (a nice value only weighs it: a nice-19 task keeps the CPU for its slice). Threads
    it starts afterwards inherit it. False where Linux's policy does not exist or is refused."""
    if not hasattr(os, "SCHED_IDLE"):
        return False
    try:
        if os.sched_getscheduler(pid) != os.SCHED_IDLE:
            os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))
            return True
    except OSError as exc:
        log.debug("could not make %s idle: %s", pid, exc)
    return False


def follow(backend_pid: int, nice: int | None = None, idle: bool | None = None) -> bool:
    """Give the backend ``backend_pid`` this process's niceness and ``SCHED_IDLE`` (or ``nice``, ``idle``), never
    raising its priority; True if anything changed."""
    nice = own_niceness() if nice is None else nice
    idle = own_idle() if idle is None else idle
    if backend_pid <= 0 or (nice <= 0 and not idle):
        return False
    changed = idle and make_idle(backend_pid)
    try:
        if nice > 0 and os.getpriority(os.PRIO_PROCESS, backend_pid) < nice:
            os.setpriority(os.PRIO_PROCESS, backend_pid, nice)
            changed = True
        group_nice = autogroup_nice(backend_pid) if nice > 0 and _leads_own_session(backend_pid) else None
        if group_nice is not None and group_nice < nice:
            Path(f"/proc/{backend_pid}/autogroup").write_text(str(nice))
            changed = True
    except OSError as exc:  # EPERM (another user), ESRCH (gone), no /proc: leave it as it is
        log.debug("could not lower the priority of backend %s: %s", backend_pid, exc)
    return changed


def autogroup_nice(pid: int) -> int | None:
    """The nice value of ``pid``'s autogroup, or None where it has none: no ``/proc/<pid>/autogroup`` (a kernel
    without autogroups), or an empty one (autogroups switched off, or the process in a cgroup of its own with the
    CPU controller, as in many containers and CI runners: the kernel then prints nothing)."""
    try:
        text = Path(f"/proc/{pid}/autogroup").read_text()  # "/autogroup-123 nice 0"
    except OSError:
        return None
    return parse_autogroup(text)


def parse_autogroup(text: str) -> int | None:
    """``"/autogroup-123 nice 5"`` -> 5; anything else (empty above all) -> None."""
    words = text.split()
    if len(words) == 3 and words[1] == "nice" and words[2].lstrip("-").isdigit():
        return int(words[2])
    return None


def _leads_own_session(pid: int) -> bool:
    """Is ``pid`` its session's leader (so its autogroup holds it alone among PostgreSQL's processes)?"""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rfind(")") + 2 :].split()
    return int(fields[3]) == pid  # state, ppid, pgrp, session


def on_connect(dbapi_connection: Any, _record: Any) -> None:
    """SQLAlchemy ``connect`` event: the new connection's backend gets this process's niceness."""
    follow(dbapi_connection.driver_connection.info.backend_pid)


async def configure(connection: Any) -> None:
    """psycopg_pool ``configure`` (procrastinate's pool): the same for the job runner's own connections."""
    follow(connection.info.backend_pid)
