"""Inventory feed import through the API and the CLI: upsert by VIN, reports, deactivation, bad files."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import func, select

from showroom.db.engine import Database
from showroom.models import AuditLog, Vehicle
from showroom.settings import Settings
from tests.conftest import cli_env
from tests.helpers import create_team, sign_in

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "world_hyundai_matteson.tsv"


async def vehicles(db: Database, dealership_id: int, active: bool | None = None) -> int:
    async with db.maint_session() as maint:
        query = select(func.count()).select_from(Vehicle).where(Vehicle.dealership_id == dealership_id)
        if active is not None:
            query = query.where(Vehicle.is_active.is_(active))
        return int(await maint.scalar(query) or 0)


async def test_a_feed_is_upserted_and_reported(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    first = await manager.post(
        "/api/v1/inventory/import",
        content=FEED.read_bytes(),
        headers={"Content-Type": "text/tab-separated-values"},
        params={"filename": FEED.name},
    )
    assert first.status_code == 200, first.text
    report = first.json()
    assert (report["rows"], report["added"], report["rejected"]) == (143, 143, 0)
    again = (
        await manager.post("/api/v1/inventory/import", content=FEED.read_bytes(), headers={"Content-Type": "text/csv"})
    ).json()
    assert (again["added"], again["updated"], again["unchanged"], again["deactivated"]) == (0, 0, 143, 0)

    lines = FEED.read_text().splitlines()
    header, rows = lines[0], lines[1:]
    cols = header.split("\t")
    price_at = cols.index("Price")
    fields = rows[0].split("\t")
    fields[price_at] = "$1,234.00"
    smaller = "\n".join([header, "\t".join(fields), *rows[1:100]]) + "\n"
    third = (
        await manager.post(
            "/api/v1/inventory/import", content=smaller.encode(), headers={"Content-Type": "text/tab-separated-values"}
        )
    ).json()
    assert (third["updated"], third["unchanged"], third["deactivated"]) == (1, 99, 43)
    assert await vehicles(db, team.id) == 143 and await vehicles(db, team.id, active=False) == 43
    partial = (
        await manager.post(
            "/api/v1/inventory/import",
            content=FEED.read_bytes(),
            params={"mode": "partial"},
            headers={"Content-Type": "text/tab-separated-values"},
        )
    ).json()
    assert partial["updated"] == 44 and partial["deactivated"] == 0  # the price back, and 43 reactivated
    async with db.maint_session() as maint:
        audit = await maint.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.dealership_id == team.id, AuditLog.action == "inventory.import")
        )
    assert audit == 4


async def test_broken_rows_are_listed_and_the_rest_lands(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    feed = (
        "VIN,Make,Model,Year,Price,Stock Number\n"
        '5NMJCCAE1RH123456,Hyundai,Tucson,2024,"$29,995.00",T1\n'
        "SHORTVIN,Hyundai,Elantra,2023,$19000,E1\n"
        "KM8JBCAE0RU123456,Hyundai,Tucson,nineteen,$1,X1\n"
        "KMHLM4AG1PU123456,Hyundai,Elantra,2023,-5,E2\n"
        "5NMJCCAE1RH654321,Hyundai,Santa Fe,2025,,S1\n"
    )
    response = await manager.post(
        "/api/v1/inventory/import",
        content=feed.encode(),
        params={"mode": "partial"},
        headers={"Content-Type": "text/csv"},
    )
    report = response.json()
    assert response.status_code == 200 and report["added"] == 2 and report["rejected"] == 3
    problems = {(p["line"], p["field"]) for p in report["rejected_rows"]}
    assert problems == {(3, "vin"), (4, "year"), (5, "price")}
    async with db.maint_session() as maint:
        tucson = await maint.scalar(select(Vehicle).where(Vehicle.dealership_id == team.id, Vehicle.model == "Tucson"))
    assert tucson is not None and tucson.price == 2_999_500


async def test_bad_files_are_refused_whole(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    missing = await manager.post(
        "/api/v1/inventory/import",
        content=b"VIN,Make,Year\n5NMJCCAE1RH123456,Hyundai,2024\n",
        headers={"Content-Type": "text/csv"},
    )
    assert missing.status_code == 422 and "model" in missing.json()["detail"] and missing.json()["field"] == "file"
    latin1 = "VIN,Make,Model,Year\n5NMJCCAE1RH123456,Citroën,C4,2024\n".encode("latin-1")
    not_utf8 = await manager.post("/api/v1/inventory/import", content=latin1, headers={"Content-Type": "text/csv"})
    assert not_utf8.status_code == 422 and "line 2" in not_utf8.json()["detail"]
    wrong_type = await manager.post(
        "/api/v1/inventory/import", content=b"{}", headers={"Content-Type": "application/json"}
    )
    assert wrong_type.status_code == 415
    multipart = await manager.post(
        "/api/v1/inventory/import", files={"file": ("feed.tsv", io.BytesIO(FEED.read_bytes()))}
    )
    assert multipart.status_code == 200 and multipart.json()["filename"] == "feed.tsv"
    agent = await sign_in(app, team.agent.email)
    assert (await agent.post("/api/v1/inventory/import", content=FEED.read_bytes())).status_code == 403
    assert await vehicles(db, team.id) == 143


def test_cli_imports_a_feed_and_adf_files(settings: Settings, tmp_path: Path) -> None:
    import asyncio

    from tests.factories import create_dealership

    async def make() -> str:
        from showroom.db.engine import open_database
        from showroom.db.migrate import resolve

        topo = resolve(settings)
        db = open_database(settings, topo.app, topo.maint)
        async with db.maint_session() as maint, maint.begin():
            dealer = await create_dealership(maint)
        await db.dispose()
        return dealer.subdomain

    sub = asyncio.run(make())
    env = cli_env(settings)
    run = [sys.executable, "-m", "showroom", "import"]
    inventory = subprocess.run(
        [*run, "inventory", str(FEED), "--dealership", sub], env=env, capture_output=True, text=True, timeout=120
    )
    assert inventory.returncode == 0, inventory.stderr
    assert "143 rows: 143 added" in inventory.stdout
    broken = tmp_path / "broken.csv"
    broken.write_text("VIN,Make,Model,Year\nNOTAVIN,Kia,Soul,2020\n")
    bad = subprocess.run(
        [*run, "inventory", str(broken), "--dealership", sub, "--partial"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 1 and f"{broken}:2: vin:" in bad.stdout
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "adf"
    adf = subprocess.run(
        [*run, "adf", str(fixtures), "--dealership", sub], env=env, capture_output=True, text=True, timeout=120
    )
    assert adf.returncode == 1  # the XXE sample is rejected; the others land
    assert "created LEAD-" in adf.stdout and "seorylie_xxe_attack.xml: rejected" in adf.stdout
    assert adf.stdout.strip().splitlines()[-1].endswith("1 rejected")
    unknown = subprocess.run(
        [*run, "adf", str(fixtures), "--dealership", "no-such"], env=env, capture_output=True, text=True, timeout=120
    )
    assert unknown.returncode != 0 and "no active dealership with subdomain 'no-such'" in unknown.stderr
