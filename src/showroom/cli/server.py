"""``showroom serve`` and ``showroom worker``: the long-running processes (web server, background jobs).
Plain functions here; ``showroom.cli`` registers them on the top-level app."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from showroom.cli.common import check_port, exit_on_sigterm, friendly, load_settings
from showroom.db import embedded


@friendly
def serve(
    demo: Annotated[bool, typer.Option(help="Seed a demo dealership when the database is empty.")] = False,
    host: Annotated[str | None, typer.Option(help="Interface to listen on [SHOWROOM_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [SHOWROOM_PORT].")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Server processes.")] = 1,
    worker: Annotated[
        bool,
        typer.Option(
            "--worker/--no-worker",
            help="Run the background jobs in the server process(es) too; --no-worker when `showroom worker` "
            "processes run them.",
        ),
    ] = True,
    migrate: Annotated[bool, typer.Option(help="Apply pending migrations first.")] = True,
) -> None:
    """Run the whole product: the web server and, unless --no-worker, the background jobs (migrating first; on
    the embedded database unless DATABASE_URL is set)."""
    # lazy: uvicorn, the job registry and migrations are heavy; keeps `showroom --help` fast
    import uvicorn

    from showroom import jobs, logs
    from showroom.db import migrate as migrations

    # A chat turn runs in a worker process, never on the web server's event loop (conversations.widget_turns).
    settings = load_settings(host=host, port=port, jobs_in_process=worker, chat_turns="worker")
    check_port(settings.host, settings.port)
    exit_on_sigterm()
    shared_metrics = _shared_metrics_dir() if workers > 1 else None
    chat: subprocess.Popen[bytes] | None = None
    try:
        topo = migrations.resolve(settings)
        if migrate:
            migrations.upgrade(settings, topo)
        if demo:
            from showroom.demo import seed_demo  # lazy: only --demo needs the demo data and its services

            for line in seed_demo(settings, topo):
                typer.echo(line)
        where = f"embedded PostgreSQL in {settings.data_dir}" if settings.embedded else "DATABASE_URL"
        if worker:
            each = "this process" if workers == 1 else f"each of the {workers} server processes"
            typer.echo(f"jobs: running in {each}, {len(jobs.registered())} tasks; chat turns in a worker process")
            chat = jobs.start_chat_worker(settings)
        else:
            typer.echo("jobs: not run here (--no-worker); start `showroom worker` processes to run them")
        typer.echo(f"Showroom is running at http://{settings.host}:{settings.port}/  (database: {where})")
        typer.echo("Press Ctrl+C to stop.")
        uvicorn.run(
            "showroom.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_config=logs.logging_config(settings.log_level, settings.log_format),
            proxy_headers=False,  # X-Forwarded-*: believed from SHOWROOM_TRUSTED_PROXIES only (api.middleware)
        )
    finally:
        if chat is not None:
            chat.terminate()
            try:
                chat.wait(timeout=settings.job_shutdown_seconds + 5)
            except subprocess.TimeoutExpired:
                chat.kill()
        if shared_metrics is not None:
            shutil.rmtree(shared_metrics, ignore_errors=True)
        embedded.stop()


def _shared_metrics_dir() -> Path | None:
    """Several server processes: one directory for their metrics, so that any process's /metrics counts them all
    (prometheus_client's multiprocess mode; set before the processes start). None if the operator chose one."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    path = Path(tempfile.mkdtemp(prefix="showroom-metrics-"))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(path)
    return path


@friendly
def worker(
    queue: Annotated[
        list[str] | None,
        typer.Option(
            "--queue",
            help="Run only this queue's jobs (repeat for several; default every queue), e.g. a worker kept for "
            "customer messages. A name that is not a queue is refused with the list of queues.",
        ),
    ] = None,
    metrics_port: Annotated[
        int | None,
        typer.Option(min=1, max=65535, help="Serve this process's Prometheus metrics on this port (at SHOWROOM_HOST)."),
    ] = None,
    nice: Annotated[
        int,
        typer.Option(min=0, max=19, help="Lower this process's CPU priority by this much (0-19)."),
    ] = 0,
) -> None:
    """Run the background jobs (first AI replies, deliveries, e-mail, maintenance) in this process; as many
    `showroom worker` processes as you like may run beside `showroom serve --no-worker`."""
    # lazy: logs imports uvicorn and jobs imports procrastinate and every task; keeps `showroom --help` fast
    from showroom import logs
    from showroom.jobs import queue_names, run_worker

    known = queue_names()
    unknown = [q for q in queue or [] if q not in known]
    if unknown:
        typer.echo(f"error: no queue named {', '.join(unknown)}; the queues are {', '.join(known)}", err=True)
        raise typer.Exit(2)
    settings = load_settings()
    logs.configure(settings.log_level, settings.log_format)
    if nice:
        os.nice(nice)
    if metrics_port is not None:
        from showroom.ops import metrics  # lazy: only a worker that serves its metrics needs the HTTP exporter

        check_port(settings.host, metrics_port)
        metrics.serve_process_metrics(settings.host, metrics_port)
    exit_on_sigterm()
    try:
        run_worker(settings, queues=queue or None)
    finally:
        embedded.stop()
