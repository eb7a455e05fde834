# Where the first big import's time goes (2026-11-26, 50,000 vehicles, statement timers on the app engine): ~75%
# is the importer's per-batch existence check, SELECT ... WHERE vin IN (500 binds). psycopg prepares it after 5
# executions; PostgreSQL's generic plan then scans the dealership's rows through a dealership_id-only index
# (ix_vehicles_dealership_id_make_model: the statistics do not yet know the rows this transaction inserted) and
# compares each with the 500 parameters unhashed: 322 ms per batch at 20,000 rows (EXPLAIN EXECUTE) against ~15 ms
# for a custom plan, so the cost grows with the square of the feed. Once ANALYZE knows the dealership's rows, the
# same import of an unchanged feed takes ~8 s instead of 50-100 s.
"""Inventory feed import: import_feed vs a raw psycopg COPY of the same parsed rows; speed and peak memory.

    python -m bench.inventory_import [--vehicles 50000]

The feed is synthesised in the Facebook/Google vehicle-catalog layout of
tests/fixtures/inventory/world_hyundai_matteson.tsv (same header, tab-separated, CRLF), streamed to a temporary file
row by row: unique VINs with a correct ISO 3779 check digit, varied makes/models/trims/prices (``$59,277.00``, ~2%
"call for price" rows without one), new/used/CPO. Every row derives from its own seeded RNG, so the same seed gives
the same feed and a variant (prices changed, rows removed) is the same feed with exactly those differences.

Each measured import is ``import_feed`` on an app-role session with the tenant set, one transaction, committed;
vehicles/s counts feed rows over wall time, commit included. Imports of N/10 and N vehicles into two fresh
dealerships show whether memory grows with the feed: Python's traced peak (tracemalloc, measured in a second pair of
imports into two more dealerships, because tracing slows Python down) and the growth of the process's peak RSS
(``ru_maxrss`` after the import minus ``ru_maxrss`` just after the kernel's high-water mark was reset to the current
RSS through /proc/self/clear_refs, so each import's own peak is seen; memory the allocator kept from earlier work is
reused, so this shows growth beyond it). Then the N feed is imported
again (all unchanged) and a third time with 10% of prices changed and 5% of the rows removed.

``ANALYZE vehicles`` runs (as the owner login) before each measurement, so that each starts from current planner
statistics whatever autovacuum did meanwhile. Every import writes into a dealership of its own except the second and
third, which re-import into the dealership of the first N-vehicle import.

Baseline in the same run, on its own dealership: ``read_feed`` over the same file (parsing is part of importing)
with every parsed row sent through one ``COPY vehicles FROM STDIN`` as the BYPASSRLS maintenance login, one
transaction, no upsert, no RLS, no audit. Parsing alone (``read_feed``, no database) is shown too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from bench.common import bench_database
from showroom.audit.service import SYSTEM
from showroom.db.engine import Database, open_database
from showroom.db.urls import libpq
from showroom.inventory import runs
from showroom.inventory.feed import FeedRow, read_feed
from showroom.inventory.importer import BATCH, ImportReport, import_feed
from showroom.inventory.vin import check_digit
from showroom.models import Dealership
from showroom.settings import Settings

HEADER = (
    "Condition", "Year", "Make", "Model", "VIN", "Advertiser Name", "Color", "Description", "Doors", "Drivetrain",
    "Formatted Price", "Fuel Type", "Image Type", "Image URL", "Mileage", "Price", "Title", "Transmission", "Trim",
    "Type", "URL", "Vehicle Type", "stock_number",
)  # fmt: skip
# make, WMI, models as (model, trims, body type, fuel, drivetrains, base price in dollars)
CATALOG: tuple[tuple[str, str, tuple[tuple[str, tuple[str, ...], str, str, tuple[str, ...], int], ...]], ...] = (
    ("Hyundai", "KM8", (
        ("Ioniq 5", ("SE", "SEL", "Limited AWD"), "SUV", "Electric", ("AWD", "RWD"), 45_000),
        ("Palisade", ("SEL AWD", "XRT AWD", "Calligraphy AWD"), "SUV", "Gasoline", ("AWD", "FWD"), 41_000),
        ("Santa Cruz", ("SE", "Limited AWD"), "Truck", "Gasoline", ("AWD", "FWD"), 30_000),
        ("Tucson", ("SE", "SEL", "Limited"), "SUV", "Hybrid", ("AWD", "FWD"), 29_000),
    )),
    ("Kia", "KNA", (
        ("K5", ("LXS Auto FWD", "GT-Line"), "Sedan", "Gasoline", ("FWD",), 26_000),
        ("Telluride", ("S AWD", "EX AWD", "SX X-Pro"), "SUV", "Gasoline", ("AWD",), 38_000),
        ("Niro Ev", ("EX FWD", "Wave"), "SUV", "Electric", ("FWD",), 40_000),
    )),
    ("Ford", "1FM", (
        ("Escape", ("S", "SE AWD", "Platinum"), "SUV", "Gasoline", ("4X4", "FWD"), 28_000),
        ("Edge", ("SE", "Titanium"), "SUV", "Gasoline", ("AWD",), 36_000),
        ("Ecosport", ("SE 4WD",), "Hatchback", "Gasoline", ("4X4",), 21_000),
    )),
    ("Chevrolet", "1G1", (
        ("Malibu", ("4dr Sdn 1LT", "RS"), "Sedan", "Gasoline", ("FWD",), 24_000),
        ("Equinox", ("FWD 4dr LT w/1LT", "RS AWD", "Premier"), "SUV", "Gasoline", ("FWD", "AWD"), 27_000),
    )),
    ("Toyota", "4T1", (
        ("Camry", ("LE", "SE", "XSE Hybrid"), "Sedan", "Hybrid", ("FWD",), 28_000),
        ("RAV4", ("LE", "XLE Premium", "Limited AWD"), "SUV", "Gasoline", ("AWD", "FWD"), 30_000),
    )),
    ("Jeep", "1C4", (
        ("Grand Cherokee", ("Limited 4x4", "Overland"), "SUV", "Gasoline", ("4X4",), 42_000),
        ("Cherokee", ("Latitude", "Limited 4x4"), "SUV", "Gasoline", ("4X4", "FWD"), 31_000),
    )),
    ("Nissan", "1N4", (
        ("Altima", ("2.5 S", "2.5 SV Sedan"), "Sedan", "Gasoline", ("FWD", "AWD"), 26_000),
        ("Rogue", ("S", "AWD SV", "Platinum"), "SUV", "Gasoline", ("AWD", "FWD"), 29_000),
    )),
    ("Bmw", "WBA", (
        ("5 Series", ("530e iPerformance Plug-In Hybrid", "540i xDrive"), "Sedan", "Hybrid", ("RWD", "AWD"), 58_000),
        ("X5", ("sDrive40i", "xDrive50e"), "SUV", "Gasoline", ("AWD",), 66_000),
    )),
    ("Porsche", "WP1", (("Macan", ("AWD", "S"), "SUV", "Gasoline", ("AWD",), 62_000),)),
)  # fmt: skip
COLORS = ("White", "Black", "Grey", "Silver", "Blue", "Red", "Green", "Orange", "Burgundy", "Brown")
TRANSMISSIONS = ("Automatic", "Automatic", "Automatic", "Manual", "CVT CVT")
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # 2010 = A


# --- the feed ---------------------------------------------------------------------------------------------------


@dataclass
class FeedStats:
    rows: int  # rows written
    removed: int  # rows of the base feed left out
    changed: int  # rows whose price differs from the base feed


def _money(dollars: int) -> tuple[str, str]:
    return f"${dollars:,}", f"${dollars:,}.00"  # Formatted Price, Price


def _row(seed: int, index: int, this_year: int) -> list[str]:
    rng = random.Random(f"{seed}:{index}")
    make, wmi, models = rng.choice(CATALOG)
    model, trims, body, fuel, drivetrains, base = rng.choice(models)
    condition = rng.choices(("New", "Used", "CPO"), weights=(30, 65, 5))[0]
    year = rng.choice((this_year, this_year + 1)) if condition == "New" else rng.randrange(2012, this_year + 1)
    serial = f"{index % 1_000_000:06d}"
    plant = VIN_CHARS[(index // 1_000_000) % len(VIN_CHARS)]
    draft = f"{wmi}{''.join(rng.choice(VIN_CHARS) for _ in range(5))}0{YEAR_CODES[(year - 2010) % 30]}{plant}{serial}"
    vin = draft[:8] + check_digit(draft) + draft[9:]
    age = this_year + 1 - year
    dollars = max(4_000, int(base * (0.88**age) * rng.uniform(0.9, 1.2)))
    formatted, price = _money(dollars) if rng.random() > 0.02 else ("", "")
    mileage = rng.randrange(5, 500) if condition == "New" else rng.randrange(3_000, 15_000) * min(age, 12)
    trim = rng.choice(trims)
    stock = str(20_000 + index) if condition == "New" else f"{rng.choice(('WV', 'KV', 'DT'))}{index}{rng.choice('AB')}"
    label = "Used" if condition == "CPO" else condition
    return [
        condition, str(year), make, model, vin, "Bench Motors of Matteson", rng.choice(COLORS),
        f"{label} {year} {make} {model}", rng.choice(("4", "4", "2")), rng.choice(drivetrains), formatted, fuel,
        "Stock", f"https://images.bench.example/{rng.getrandbits(64):016x}", str(mileage), price,
        f"{label} {year} {make} {model} {trim}", rng.choice(TRANSMISSIONS), trim, body,
        f"https://bench-motors.example/inventory/--{make}-{vin}", "Car_Truck", stock,
    ]  # fmt: skip


def write_feed(path: Path, n: int, *, seed: int, change_rate: float = 0.0, remove_rate: float = 0.0) -> FeedStats:
    """N vehicles, one row at a time; with rates, the same feed with some prices changed and some rows left out."""
    this_year = date.today().year
    stats = FeedStats(0, 0, 0)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\t".join(HEADER) + "\r\n")
        for index in range(n):
            row = _row(seed, index, this_year)
            roll = random.Random(f"{seed}:{index}:variant").random()
            if roll < remove_rate:
                stats.removed += 1
                continue
            if roll < remove_rate + change_rate:
                old = int(row[15].strip("$").replace(",", "").split(".")[0]) if row[15] else 30_000
                row[10], row[15] = _money(max(1_000, old - random.Random(f"{seed}:{index}:cut").randrange(250, 3000)))
                stats.changed += 1
            out.write("\t".join(row) + "\r\n")
            stats.rows += 1
    return stats


# --- memory -----------------------------------------------------------------------------------------------------


def _reset_peak_rss() -> bool:
    """Reset the kernel's RSS high-water mark (ru_maxrss) to the current RSS (Linux 4.0+)."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


@dataclass
class Run:
    name: str
    report: ImportReport | None
    rows: int
    seconds: float
    traced_peak: int | None = None  # bytes
    rss_growth: int | None = None  # KiB
    rss_peak: int | None = None  # KiB

    @property
    def rate(self) -> float:
        return self.rows / self.seconds


async def import_once(db: Database, dealership_id: int, path: Path, name: str, *, trace: bool = False) -> Run:
    _reset_peak_rss()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # the current RSS after a reset
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    async with db.session(dealership_id) as session, session.begin():
        with path.open("rb") as stream:
            report = await import_feed(session, dealership_id, stream, actor=SYSTEM, filename=path.name, full=True)
    seconds = time.perf_counter() - started
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return Run(name, report, report.rows, seconds, peak, None if trace else rss_peak - rss_before, rss_peak)


async def job_once(db: Database, dealership_id: int, path: Path, name: str) -> tuple[Run, float]:
    """The job path (issue 15): the file stored as an import run (one transaction), then staged in batches and
    applied in one final transaction (``inventory.runs.process``, as the ``inventory.import`` job runs it). Returns
    the run and the seconds of its longest transaction (the apply)."""
    marks: list[float] = []
    started = time.perf_counter()
    content = await asyncio.to_thread(path.read_bytes)
    async with db.session(dealership_id) as session:
        async with session.begin():
            run = await runs.create(session, dealership_id, content, actor=SYSTEM, filename=path.name,
                                    full=True, queue_job=False)  # fmt: skip
        await runs.process(session, run.id, SYSTEM, progress=lambda done, total: marks.append(time.perf_counter()))
        async with session.begin():
            stored = await runs.get(session, run.id)
            result = ImportReport.from_json(stored.report or {})
    seconds = time.perf_counter() - started
    apply = marks[-1] - marks[-2] if len(marks) >= 2 else seconds
    return Run(name, result, result.rows, seconds), apply


# --- baseline ---------------------------------------------------------------------------------------------------

COPY_COLUMNS = (
    "vin", "stock_number", "make", "model", "year", "trim", "body_style", "exterior_color", "interior_color",
    "mileage", "engine", "transmission", "drivetrain", "fuel_type", "fuel_economy", "msrp", "sale_price", "price",
    "condition", "certified", "description", "features", "images", "url", "status",
)  # fmt: skip
DEFAULTS = {"condition": "new", "status": "available"}


def parse_only(path: Path) -> Run:
    started = time.perf_counter()
    with path.open("rb") as stream:
        rows = sum(isinstance(item, FeedRow) for item in read_feed(stream, filename=path.name))
    return Run("parse only: read_feed, no database", None, rows, time.perf_counter() - started)


def raw_copy(maint_url: str, dealership_id: int, path: Path) -> Run:
    columns = ", ".join(("dealership_id", *COPY_COLUMNS))
    rows = 0
    with psycopg.connect(maint_url) as conn:
        started = time.perf_counter()
        with conn.cursor() as cur, cur.copy(f"COPY vehicles ({columns}) FROM STDIN") as copy, path.open("rb") as stream:
            for item in read_feed(stream, filename=path.name):
                if not isinstance(item, FeedRow):
                    continue
                v = item.vehicle
                values: list[Any] = [dealership_id]
                for column in COPY_COLUMNS:
                    value = v.get(column)
                    if column in ("features", "images"):
                        value = Jsonb(value or [])
                    elif value is None:
                        value = DEFAULTS.get(column)
                    values.append(value)
                copy.write_row(values)
                rows += 1
        conn.commit()
        seconds = time.perf_counter() - started
    return Run("raw: read_feed + COPY as maint (no upsert/RLS)", None, rows, seconds)


# --- main -------------------------------------------------------------------------------------------------------


async def dealerships(db: Database, labels: list[str]) -> dict[str, int]:
    ids = {}
    async with db.maint_session() as maint, maint.begin():
        for label in labels:
            d = Dealership(name=f"Bench Motors {label}", subdomain=f"bench-{label}", contact_email=f"{label}@b.example")
            maint.add(d)
            await maint.flush()
            ids[label] = d.id
    return ids


def active_vehicles(maint_url: str, dealership_id: int) -> tuple[int, int]:
    with psycopg.connect(maint_url) as conn:
        row = conn.execute(
            "select count(*) filter (where is_active), count(*) from vehicles where dealership_id = %s",
            [dealership_id],
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def _mib(value: float | None, unit: int, width: int) -> str:
    return f"{value / unit:>{width}.1f}" if value is not None else f"{'':>{width}}"


def report(baseline: Run, runs: list[Run]) -> None:
    print(
        f"{'run':<50}{'rows':>7}{'added':>7}{'updated':>8}{'unchgd':>7}{'deact':>7}{'rej':>5}"
        f"{'seconds':>8}{'veh/s':>8}{'x raw':>7}{'py MiB':>8}{'RSS MiB':>8}{'RSS +':>7}"
    )
    for r in runs:
        rep = r.report
        counts = (
            f"{rep.added:>7}{rep.updated:>8}{rep.unchanged:>7}{rep.deactivated:>7}{rep.rejected:>5}"
            if rep
            else f"{'':>7}{'':>8}{'':>7}{'':>7}{'':>5}"
        )
        print(
            f"{r.name:<50}{r.rows:>7}{counts}{r.seconds:>8.1f}{r.rate:>8.0f}{r.rate / baseline.rate:>7.2f}"
            f"{_mib(r.traced_peak, 1 << 20, 8)}{_mib(r.rss_peak, 1024, 8)}{_mib(r.rss_growth, 1024, 7)}"
        )


def expect(label: str, ok: bool, detail: str) -> str:
    return f"{'PASS' if ok else 'FAIL'} {label}: {detail}"


def analyze(owner_url: str) -> None:
    """Fresh planner statistics before each measurement, as autovacuum would eventually give: without this the
    results depend on whether autovacuum happened to analyze ``vehicles`` since the previous import."""
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute("analyze vehicles")


async def run_imports(
    settings: Settings, topo: Any, feeds: dict[str, Path], ids: dict[str, int], n: int, small: int
) -> tuple[list[Run], Run, float]:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    owner = libpq(topo.owner)
    plan = [
        ("small", "small", f"import_feed {small} vehicles (first import)", False),
        ("full", "full", f"import_feed {n} vehicles (first import)", False),
        ("full", "full", f"import_feed {n} again (all unchanged)", False),
        ("full", "changed", f"import_feed {n}: 10% prices changed, 5% removed", False),
        ("small-t", "small", f"  traced: {small} (first import)", True),
        ("full-t", "full", f"  traced: {n} (first import)", True),
    ]
    try:
        await import_once(db, ids["warm"], feeds["warm"], "warm-up")
        done = []
        for dealership, feed, name, trace in plan:
            analyze(owner)
            done.append(await import_once(db, ids[dealership], feeds[feed], name, trace=trace))
            print(f"{name}: {done[-1].rate:.0f} vehicles/s", flush=True)
        analyze(owner)
        job, apply = await job_once(db, ids["job"], feeds["full"], f"import run (job) {n} vehicles (first import)")
        print(f"{job.name}: {job.rate:.0f} vehicles/s, apply transaction {apply:.1f} s", flush=True)
        return done, job, apply
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vehicles", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    n, small = args.vehicles, max(1, args.vehicles // 10)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="shr-feed-") as tmp, bench_database() as (settings, topo):
        folder = Path(tmp)
        feeds = {name: folder / f"{name}.tsv" for name in ("warm", "small", "full", "changed")}
        write_feed(feeds["warm"], 1000, seed=args.seed + 1)
        write_feed(feeds["small"], small, seed=args.seed)
        full = write_feed(feeds["full"], n, seed=args.seed)
        changed = write_feed(feeds["changed"], n, seed=args.seed, change_rate=0.10, remove_rate=0.05)
        size = feeds["full"].stat().st_size
        print(f"feeds written in {time.perf_counter() - started:.1f} s: {n} vehicles, {size / (1 << 20):.1f} MiB")
        print(f"variant: {changed.changed} prices changed, {changed.removed} rows removed", flush=True)

        maint_url = libpq(topo.maint)
        labels = ["warm", "raw", "small", "full", "small-t", "full-t", "job"]
        ids = asyncio.run(_with_db(settings, topo, labels))
        parsed = parse_only(feeds["full"])
        analyze(libpq(topo.owner))
        baseline = raw_copy(maint_url, ids["raw"], feeds["full"])
        measured, job, apply = asyncio.run(run_imports(settings, topo, feeds, ids, n, small))
        active, total = active_vehicles(maint_url, ids["full"])
        raw_active, _ = active_vehicles(maint_url, ids["raw"])

    first_small, first, again, third, traced_small, traced_full = measured
    print(
        f"\n{os.cpu_count()} CPUs; x raw: vehicles/s against read_feed + COPY of the same {n}-vehicle feed; "
        f"py MiB: tracemalloc peak (traced runs); RSS MiB: the process's peak RSS during the import, RSS +: its "
        f"growth over the RSS at the start of the import; "
        f"total {time.perf_counter() - started:.0f} s"
    )
    report(baseline, [parsed, baseline, first_small, first, job, again, third, traced_small, traced_full])
    assert traced_small.traced_peak
    assert traced_full.traced_peak
    print(
        f"\nmemory, {small} -> {n} vehicles (x{n / small:.0f} feed): tracemalloc peak "
        f"{traced_small.traced_peak / (1 << 20):.1f} -> {traced_full.traced_peak / (1 << 20):.1f} MiB "
        f"(x{traced_full.traced_peak / traced_small.traced_peak:.2f}); peak RSS "
        f"{(first_small.rss_peak or 0) / 1024:.1f} -> {(first.rss_peak or 0) / 1024:.1f} MiB (growth during the "
        f"import {(first_small.rss_growth or 0) / 1024:.1f} -> {(first.rss_growth or 0) / 1024:.1f} MiB)"
    )
    print(f"import_feed / raw: {first.rate / baseline.rate:.2f}x (first import of {n})")
    print(
        f"import run (job path) / import_feed: {job.seconds / first.seconds:.2f}x the time (first import of {n}); "
        f"its longest transaction (the apply) {apply:.1f} s = {apply / first.seconds:.2f}x import_feed's one "
        f"transaction of {first.seconds:.1f} s\n"
    )
    removed, kept = changed.removed, n - changed.removed
    checks = [
        expect("raw", baseline.rows == n and raw_active == n, f"{baseline.rows} rows copied, {raw_active} in table"),
        expect("first import", first.report is not None and first.report.added == n and first.report.rejected == 0,
               f"{n} added, nothing rejected"),
        expect("second import", again.report is not None and again.report.unchanged == n and again.report.updated == 0
               and again.report.added == 0 and again.report.deactivated == 0, f"all {n} unchanged"),
        expect("third import", third.report is not None and third.report.updated == changed.changed
               and third.report.unchanged == kept - changed.changed and third.report.deactivated == removed
               and third.report.added == 0,
               f"{changed.changed} updated, {kept - changed.changed} unchanged, {removed} deactivated"),
        expect("job path", job.report is not None and job.report.added == n, f"{n} added through an import run"),
        expect("table", active == kept and total == full.rows, f"{active} active of {total} vehicles"),
    ]  # fmt: skip
    bounded = traced_full.traced_peak < 2 * traced_small.traced_peak
    if small >= 2 * BATCH:
        checks.append(expect("memory", bounded, "tracemalloc peak of the 10x feed below 2x the small one's"))
    else:  # below two batches the small feed does not fill the importer's batches: nothing to compare
        checks.append(f"INFO memory: the small feed ({small} rows) is under two {BATCH}-row batches: no comparison")
    for line in checks:
        print(line)


async def _with_db(settings: Settings, topo: Any, labels: list[str]) -> dict[str, int]:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        return await dealerships(db, labels)
    finally:
        await db.dispose()


if __name__ == "__main__":
    main()
