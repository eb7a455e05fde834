"""A niced process's PostgreSQL backends are niced too (``db.priority``; issue 15, finding 3): the chat worker runs
at nice 19, and the backends that do most of its turns' work ran at full priority, each (PostgreSQL backends call
``setsid()``) an autogroup of its own, weighed like the web server's whole session."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from showroom.db import priority
from showroom.db.urls import Topology, libpq
from showroom.settings import Settings

_autogroup_nice = priority.autogroup_nice


def test_an_empty_autogroup_file_means_no_autogroup() -> None:
    """A process in a CPU cgroup of its own (containers, CI runners) or with autogroups off has the file, empty: the
    CI run of b5ee85d failed reading it as a number."""
    assert priority.parse_autogroup("") is None
    assert priority.parse_autogroup("/autogroup-182104 nice 0\n") == 0
    assert priority.parse_autogroup("/autogroup-7 nice -5\n") == -5
    assert priority.parse_autogroup("garbage") is None


@pytest.fixture
def leader() -> Iterator[int]:
    """A process leading a session of its own, as a PostgreSQL backend does."""
    proc = subprocess.Popen(["sleep", "60"], start_new_session=True)  # coreutils' sleep
    try:
        yield proc.pid
    finally:
        proc.kill()
        proc.wait()


def test_a_backend_gets_the_niceness_and_its_own_autogroup_the_same(leader: int) -> None:
    assert priority.follow(leader, nice=7)
    assert os.getpriority(os.PRIO_PROCESS, leader) == 7
    assert _autogroup_nice(leader) in (7, None)  # None: a kernel without autogroups
    assert not priority.follow(leader, nice=3)  # never raised back
    assert os.getpriority(os.PRIO_PROCESS, leader) == 7


def test_a_process_of_another_session_keeps_its_session_group() -> None:
    """Not a session leader (its autogroup is its session's, shared with others): only its own nice value moves."""
    proc = subprocess.Popen(["sleep", "60"])  # in this test's session
    try:
        before = _autogroup_nice(proc.pid)
        assert priority.follow(proc.pid, nice=5)
        assert os.getpriority(os.PRIO_PROCESS, proc.pid) == 5
        assert _autogroup_nice(proc.pid) == before
    finally:
        proc.kill()
        proc.wait()


def test_an_idle_process_puts_its_backends_under_sched_idle(leader: int) -> None:
    """SCHED_IDLE: a normal task that wakes takes the CPU from them at once (a nice value only weighs them)."""
    assert priority.follow(leader, nice=0, idle=True)
    assert os.sched_getscheduler(leader) == os.SCHED_IDLE
    assert os.getpriority(os.PRIO_PROCESS, leader) == 0
    assert not priority.follow(leader, nice=0, idle=True)  # already


def test_a_process_at_nice_0_or_a_gone_backend_changes_nothing_and_raises_nothing(leader: int) -> None:
    assert not priority.follow(leader, nice=0, idle=False)
    assert not priority.follow(2**22 + 12345, nice=10, idle=True)  # no such process: ignored
    assert os.getpriority(os.PRIO_PROCESS, leader) == 0


SCRIPT = """
import asyncio, os, sys
from sqlalchemy import text
from sqlalchemy.engine import make_url
from showroom.db.engine import make_engine
from showroom.jobs import _connector
from showroom.settings import Settings

os.nice(6)
os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
settings = Settings(environment="test", data_dir=sys.argv[3], database_url=None)

async def main() -> None:
    engine = make_engine(make_url(sys.argv[1]), settings, application_name="showroom-test")
    async with engine.connect() as conn:
        pid = (await conn.execute(text("select pg_backend_pid()"))).scalar_one()
        print("engine", os.getpriority(os.PRIO_PROCESS, pid), os.sched_getscheduler(pid) == os.SCHED_IDLE)
    await engine.dispose()
    connector = _connector(sys.argv[2], True)
    await connector.open_async()
    async with connector.pool.connection() as conn:
        backend = conn.info.backend_pid
        print("jobs", os.getpriority(os.PRIO_PROCESS, backend), os.sched_getscheduler(backend) == os.SCHED_IDLE)
    await connector.close_async()

asyncio.run(main())
"""


def test_a_niced_idle_process_connections_to_the_embedded_database_run_at_its_priority(
    settings: Settings, topo: Topology
) -> None:
    if not settings.embedded:
        pytest.skip("only the embedded database's backends are on this machine")
    url = topo.app.render_as_string(hide_password=False)
    done = subprocess.run(  # this interpreter, our own script
        [sys.executable, "-c", SCRIPT, url, libpq(topo.app), str(settings.data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["engine", "6", "True", "jobs", "6", "True"]
