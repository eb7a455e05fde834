"""Background jobs: the procrastinate app and the one registry of tasks.

Tasks are declared on :data:`tasks` (a procrastinate Blueprint) by the domain ``tasks.py`` modules listed in
:data:`TASK_MODULES`; the worker imports them when it starts, never at import time of the web app.
A task receives ids, opens its own session with the tenant set, and is safe to run twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import importlib
import logging
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from procrastinate import App, Blueprint, JobContext, PsycopgConnector, RetryStrategy
from sqlalchemy import delete

from showroom.brain.escalation import learned
from showroom.db import priority
from showroom.db.engine import Database, open_database
from showroom.db.migrate import resolve
from showroom.db.urls import libpq
from showroom.errors import ServiceUnavailable
from showroom.mail import Email
from showroom.models import Session
from showroom.ops import context as log_context
from showroom.ops import stats
from showroom.services import Services
from showroom.settings import Settings

log = logging.getLogger(__name__)

tasks = Blueprint()
TASK_MODULES: tuple[str, ...] = (
    "showroom.conversations.tasks",
    "showroom.conversations.followup_tasks",
    "showroom.conversations.visit_tasks",
    "showroom.conversations.inventory_tasks",
    "showroom.insights.tasks",
    "showroom.reports.tasks",
    "showroom.integrations.tasks",
    "showroom.inventory.tasks",
    "showroom.conversations.widget_turns",
)
CHAT_QUEUE = "chat"  # a widget visitor's turn, waited for by their request (conversations.widget_turns)

# The services of the job runner a task runs in: a context variable, so that two runners of one process (the web
# process's chat runner and a test's worker) each give their jobs their own, and neither ends the other's.
_services: contextvars.ContextVar[Services | None] = contextvars.ContextVar("showroom_job_services", default=None)


def services() -> Services:
    """The worker process's pools and outside-world clients (set by :func:`run_jobs`)."""
    found = _services.get()
    if found is None:
        raise RuntimeError("the job services are not open; tasks run inside `showroom worker`")
    return found


def database() -> Database:
    return services().db


R = TypeVar("R")
TenantJob = Callable[..., Awaitable[R]]


def tenant_task(
    *, name: str, queue: str, retry: bool | int | RetryStrategy = False
) -> Callable[[TenantJob[R]], TenantJob[R]]:
    """Declare a task that acts for one dealership. The job runner opens its session for the job's
    ``dealership_id`` (with the request dependency, one of the two places a tenant is set: DESIGN.md §4) and
    calls ``func(session, services, **the job's other arguments)``; the session has no transaction open, so the
    task opens as many short ones as it needs (``async with session.begin()``)."""

    def register(func: TenantJob[R]) -> TenantJob[R]:
        async def run(dealership_id: int, **args: Any) -> R:
            log_context.open_context(dealership_id=dealership_id, job=name)
            s = services()
            async with s.db.session(dealership_id) as session:
                return await func(session, s, **args)

        run.__name__ = run.__qualname__ = func.__name__
        run.__module__, run.__doc__ = func.__module__, func.__doc__
        tasks.task(name=name, queue=queue, retry=retry)(run)
        return func

    return register


_apps: dict[str, App] = {}
_users: dict[int, int] = {}  # id(app) -> runners using its pool


@contextlib.asynccontextmanager
async def opened(app: App) -> AsyncIterator[App]:
    """The app's connection pool open for the block; the last block of this process to end closes it, so two job
    runners of one process (the web process's chat runner, a test's worker) never close each other's pool."""
    _users[id(app)] = _users.get(id(app), 0) + 1
    try:
        await app.open_async()  # a no-op when open already
        yield app
    finally:
        _users[id(app)] -= 1
        if not _users[id(app)]:
            await app.close_async()


def _connector(conninfo: str, embedded: bool) -> PsycopgConnector:
    # embedded: a niced worker's backends are niced too (db.priority)
    kwargs = {"application_name": "showroom-jobs"}
    if embedded:
        return PsycopgConnector(conninfo=conninfo, kwargs=kwargs, configure=priority.configure)
    return PsycopgConnector(conninfo=conninfo, kwargs=kwargs)


def build_app(conninfo: str, *, embedded: bool = False) -> App:
    """The procrastinate app of this process (a blueprint's tasks bind to one app, so it is built once)."""
    if conninfo not in _apps:
        registered()
        app = App(connector=_connector(conninfo, embedded))
        app.add_tasks_from(tasks, namespace="showroom")
        _apps[conninfo] = app
    return _apps[conninfo]


@tasks.periodic(cron="*/15 * * * *", periodic_id="sessions.purge_expired")
@tasks.task(name="sessions.purge_expired", queue="maintenance")
async def purge_expired_sessions(timestamp: int) -> int:
    """Delete sign-in sessions past their expiry (sessions have no tenant, so no tenant is set)."""
    async with database().session() as session, session.begin():
        result = await session.execute(delete(Session).where(Session.expires_at < datetime.now(UTC)))
    count = int(getattr(result, "rowcount", 0) or 0)
    log.info("purged %d expired sessions", count)
    return count


@tasks.periodic(cron="23 * * * *", periodic_id="jobs.purge_finished")
@tasks.task(name="jobs.purge_finished", queue="maintenance", pass_context=True)
async def purge_finished_jobs(context: JobContext, timestamp: int) -> int:
    """Delete the jobs that ended over ``SHOWROOM_JOB_RETENTION_DAYS`` ago (succeeded, failed, cancelled or
    aborted), with their events: a job's arguments hold what it was given (a widget message, an e-mail address).
    The deletion is procrastinate's own (``delete_old_jobs``, what its builtin ``remove_old_jobs`` task runs), here
    as our task so that it runs on our maintenance queue with the setting read at run time. Returns the hours kept."""
    hours = services().settings.job_retention_days * 24  # a periodic task's last job is unlinked by its trigger
    await context.app.job_manager.delete_old_jobs(
        nb_hours=hours, include_failed=True, include_cancelled=True, include_aborted=True
    )
    log.info("purged the jobs that ended over %d days ago", hours // 24)
    return hours


@tasks.periodic(cron="* * * * *", periodic_id="jobs.retry_stalled")
@tasks.task(name="jobs.retry_stalled", queue="maintenance", pass_context=True)
async def retry_stalled(context: JobContext, timestamp: int) -> int:
    """Jobs left running by a worker process that died (no heartbeat for ``SHOWROOM_JOB_STALLED_SECONDS``) run
    again. Tasks are safe to run twice; a message a dead worker may have sent already goes again with the same
    idempotency key."""
    return await recover_stalled(context.app, services().settings.job_stalled_seconds)


async def recover_stalled(app: App, stalled_seconds: float) -> int:
    """Put the jobs of dead workers back in the queue (``retry_stalled`` every minute, and a starting worker at
    once and when a worker that just died would count as dead, so a restart after a crash recovers in seconds)."""
    manager = app.job_manager
    stalled = list(await manager.get_stalled_jobs(seconds_since_heartbeat=stalled_seconds))
    for job in stalled:
        await manager.retry_job(job)
    if stalled:
        log.info(
            "retrying %d jobs left by a stopped worker: %s", len(stalled), ", ".join(j.call_string for j in stalled)
        )
    return len(stalled)


@tasks.task(
    name="mail.send",
    queue="mail",
    retry=RetryStrategy(max_attempts=6, exponential_wait=4, retry_exceptions=[ServiceUnavailable, OSError]),
)
async def send_mail(
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    reply_to: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[dict[str, str]] | None = None,
    calendar: str | None = None,
    text_encoding: str | None = None,
    from_name: str | None = None,
    bounce_token: str | None = None,
) -> str:
    """Send one e-mail queued by ``mail.send_later`` (its transaction committed); retried while SMTP fails.
    Returns the Message-ID."""
    email = Email(
        to=to,
        subject=subject,
        text=text,
        html=html,
        reply_to=reply_to,
        headers=headers or {},
        attachments=attachments or [],
        calendar=calendar,
        text_encoding=text_encoding,
        from_name=from_name,
        bounce_token=bounce_token,
    )
    return await services().mailer.send(email)


def registered() -> dict[str, Any]:
    """Every task (name -> procrastinate task), once the domain ``tasks`` modules are imported."""
    for module in TASK_MODULES:
        importlib.import_module(module)
    return dict(tasks.tasks)


def queue_names() -> list[str]:
    """The queues the registered tasks use, sorted."""
    return sorted({task.queue for task in registered().values()})


async def run_jobs(
    services: Services,
    *,
    wait: bool = True,
    queues: list[str] | None = None,
    install_signal_handlers: bool = False,
) -> None:
    """Run the job worker on every queue with ``services`` as the jobs' :func:`services`, until cancelled (or,
    with ``wait=False``, until no job is left). ``showroom worker`` runs it alone; ``showroom serve`` runs it in
    the web process beside the server. Runners of one process share the app's pool (:func:`opened`)."""
    await asyncio.to_thread(learned.warm)  # jobs read customer messages too (SMS, e-mail): fitted off the loop
    app = build_app(libpq(services.db.app_url), embedded=services.settings.embedded)
    token = _services.set(services)
    settings = services.settings
    try:
        async with opened(app):
            if wait:
                log.info(
                    "jobs: worker started, %d tasks, queues: %s (up to %d at a time)",
                    len(registered()),
                    ", ".join(queues or queue_names()),
                    settings.job_concurrency,
                )
            recovery = asyncio.create_task(_recover_after_start(app, settings.job_stalled_seconds)) if wait else None
            try:
                await app.run_worker_async(
                    update_heartbeat_interval=min(10.0, settings.job_stalled_seconds / 3),
                    stalled_worker_timeout=settings.job_stalled_seconds,
                    wait=wait,
                    queues=queues or None,  # type: ignore[arg-type]  # None: every queue (procrastinate's default)
                    concurrency=settings.job_concurrency,
                    shutdown_graceful_timeout=settings.job_shutdown_seconds,
                    install_signal_handlers=install_signal_handlers,
                    name="showroom",
                    fetch_job_polling_interval=_polling(queues),
                )
            finally:
                if recovery is not None:
                    recovery.cancel()
    finally:
        _services.reset(token)
        if wait:
            log.info("jobs: worker stopped")


def _polling(queues: list[str] | None) -> float:
    """Seconds between two looks for a job besides the new-job notifications. A visitor waits on a chat turn: its
    runner looks every half second, as procrastinate can miss a notification that comes while it is fetching (it
    clears its "new job" flag after the fetch) and would otherwise leave the turn for its default 5 s."""
    chat = queues is None or any(q == CHAT_QUEUE or q.startswith(CHAT_QUEUE + ".") for q in queues)
    return 0.5 if chat else 5.0


async def keep_running(services: Services, queues: list[str] | None = None, pause: float = 1.0) -> None:
    """:func:`run_jobs` in a web process, until cancelled: started again after ``pause`` seconds when it stops on
    an error (the database went away; another worker, taking this one for dead, deleted its row), so that the web
    process never goes on without its jobs (its visitors' chat turns)."""
    while True:
        try:
            await run_jobs(services, queues=queues)
            return
        except Exception as exc:  # any failure of the runner: log it, then run again
            log.error("jobs: the worker stopped on an error (%s: %s); starting it again", type(exc).__name__, exc)
            await asyncio.sleep(pause)


async def _recover_after_start(app: App, stalled_seconds: float) -> None:
    """At start, and once a worker that died just before would count as dead."""
    for delay in (0.0, stalled_seconds + 1):
        await asyncio.sleep(delay)
        try:
            await recover_stalled(app, stalled_seconds)
        except Exception as exc:  # the periodic retry_stalled catches up; never stop the worker for this
            log.warning("jobs: could not look for stalled jobs: %s", exc)


def queues_here(settings: Settings, chat_queue: str) -> list[str] | None:
    """The queues a web process serves in its own event loop: every one with ``SHOWROOM_JOBS_IN_PROCESS`` (but the
    chat queue when a worker process takes the chat turns), and its own chat queue (``chat_queue``) when chat turns
    are the web's (``SHOWROOM_CHAT_TURNS=web``); ``[]``: none. None: every queue."""
    here = [chat_queue] if settings.chat_turns == "web" else []
    if settings.jobs_in_process:
        return [q for q in queue_names() if q != CHAT_QUEUE] + here
    return here


def chat_queue(settings: Settings) -> str:
    """Where a web process queues its visitors' turns: ``chat`` when worker processes run them, else a queue of
    its own (``chat.<random>``), so that the process whose visitor waits runs the turn, with its own settings."""
    return CHAT_QUEUE if settings.chat_turns == "worker" else f"{CHAT_QUEUE}.{uuid.uuid4().hex[:16]}"


def start_chat_worker(settings: Settings) -> subprocess.Popen[bytes]:
    """The process that runs the chat turns beside the web server (``showroom serve``): ``showroom worker --queue
    chat``, at a lower CPU priority (``SHOWROOM_CHAT_WORKER_NICE``, and ``SCHED_IDLE`` with
    ``SHOWROOM_CHAT_WORKER_IDLE``) so that staff and API requests come first."""
    command = [sys.executable, "-m", "showroom", "worker", "--queue", CHAT_QUEUE]
    proc = subprocess.Popen(command, env={**os.environ, "SHOWROOM_CHAT_TURNS": "worker"})  # noqa: S603  # our own CLI
    os.setpriority(os.PRIO_PROCESS, proc.pid, os.getpriority(os.PRIO_PROCESS, 0) + settings.chat_worker_nice)
    if settings.chat_worker_idle:
        priority.make_idle(proc.pid)
    return proc


def run_worker(settings: Settings, queues: list[str] | None = None) -> None:
    """``showroom worker``: the job worker alone in this process (on ``queues``, else every queue), until
    SIGINT/SIGTERM."""
    topo = resolve(settings)

    async def main() -> None:
        services = Services.build(settings, open_database(settings, topo.app, topo.maint, process="worker"))
        timings = asyncio.create_task(stats.keep_writing(settings.data_dir, "worker"))
        try:
            await run_jobs(services, queues=queues, install_signal_handlers=True)
        finally:
            timings.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await timings
            await services.db.dispose()

    asyncio.run(main())
