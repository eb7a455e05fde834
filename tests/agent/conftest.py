"""Fixtures for the agent tests: the brain's (pure) and the job worker's (on the test database)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from showroom import jobs
from showroom.brain.types import DealershipView, PersonaView, VehicleView
from showroom.db.engine import Database
from showroom.db.urls import Topology, libpq
from showroom.services import Services
from showroom.settings import Settings
from tests.agent.support import Worker, make_vehicle, persona


@pytest.fixture
async def worker(settings: Settings, db: Database, topo: Topology) -> AsyncIterator[Worker]:
    """Runs the queued jobs once, like `showroom worker` would (``await worker("mail")``: that queue only)."""
    app = jobs.build_app(libpq(topo.app))
    jobs._services = Services.build(settings, db)

    async def run(*queues: str) -> None:
        async with app.open_async():
            await app.run_worker_async(queues=list(queues) or None, wait=False, install_signal_handlers=False)

    try:
        yield run
    finally:
        jobs._services = None


@pytest.fixture
def palisade() -> VehicleView:
    return make_vehicle()


@pytest.fixture
def used_tucson() -> VehicleView:
    return make_vehicle(
        id=2,
        year=2021,
        model="Tucson",
        trim="SEL",
        exterior_color="Grey",
        drivetrain="FWD",
        mileage=31_250,
        price_cents=2_199_500,
        condition="used",
        stock_number="P1234",
        vin="KM8J33A45MU123456",
        features=("Backup Camera",),
        url=None,
    )


@pytest.fixture
def dealership() -> DealershipView:
    return DealershipView(
        name="World Hyundai of Matteson",
        phone="(708) 555-0100",
        address="4300 Lincoln Hwy",
        city="Matteson",
        state="IL",
        website="https://worldhyundaimatteson.com",
        hours_text="Mon-Sat 9am-8pm, Sun 11am-5pm",
        timezone="America/Chicago",
    )


@pytest.fixture
def bare_dealership() -> DealershipView:
    return DealershipView("Lakeside Motors", None, None, None, None, None, None, "America/New_York")


@pytest.fixture
def friendly() -> PersonaView:
    return persona("friendly")
