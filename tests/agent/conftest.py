"""Fixtures for the agent tests: the brain's (pure). The job worker's (`worker`) is in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from showroom.brain.types import DealershipView, PersonaView, VehicleView
from tests.agent.fake_llm import FakeLLM, serve_fake_llm
from tests.agent.support import make_vehicle, persona


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


@pytest.fixture(scope="module")
def llm() -> Iterator[tuple[FakeLLM, str]]:
    """A fake OpenAI-compatible server on a local port, and its base URL."""
    yield from serve_fake_llm()
