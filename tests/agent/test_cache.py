"""The per-dealership caches (catalog, escalation triggers): never stale in this process after a commit, never
holding what a transaction wrote and then rolled back, never shared between tenants."""

from __future__ import annotations

from showroom.agent import triggers
from showroom.agent.schemas import TriggerIn
from showroom.audit.service import SYSTEM
from showroom.db.engine import Database
from showroom.inventory import service as inventory
from showroom.inventory.schemas import VehicleCreate
from tests.factories import vin
from tests.helpers import create_team


async def models(db: Database, dealership_id: int | None) -> set[str]:
    async with db.session(dealership_id) as session, session.begin():
        known = await inventory.catalog(session)
    return {model for names in known.makes.values() for model in names}


async def add_vehicle(db: Database, dealership_id: int, model: str, *, commit: bool) -> None:
    async with db.session(dealership_id) as session, session.begin() as tx:
        data = VehicleCreate(vin=vin(), make="Genesis", model=model, year=2025)
        await inventory.create(session, dealership_id, data, SYSTEM)
        assert model in {m for names in (await inventory.catalog(session)).makes.values() for m in names}
        if not commit:
            await tx.rollback()


async def test_the_catalog_follows_commits_and_ignores_rollbacks(db: Database) -> None:
    team, other = await create_team(db), await create_team(db)
    assert await models(db, team.id) == set()  # cached empty
    await add_vehicle(db, team.id, "GV70", commit=False)  # read through inside, never cached
    assert "GV70" not in await models(db, team.id)
    await add_vehicle(db, team.id, "GV80", commit=True)
    assert "GV80" in await models(db, team.id)  # the commit dropped the cached value
    assert await models(db, other.id) == set()  # per tenant


async def test_a_new_trigger_fires_on_the_next_turn(db: Database) -> None:
    team = await create_team(db)
    async with db.session(team.id) as session, session.begin():
        before = await triggers.active_specs(session)
    assert before and "Lawyer words" not in {t.name for t in before}
    async with db.session(team.id) as session, session.begin():
        data = TriggerIn(name="Lawyer words", conditions=[{"type": "keyword", "value": ["attorney"]}])
        await triggers.create(session, team.id, data, SYSTEM)
    async with db.session(team.id) as session, session.begin():
        after = await triggers.active_specs(session)
    assert "Lawyer words" in {t.name for t in after}
    assert len(after) == len(before) + 1
