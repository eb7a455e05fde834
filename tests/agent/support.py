"""Test support for the agent brain: the shared real dealer feed as VehicleViews, a stand-in inventory search,
and builders. Pure: nothing here touches the database."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from showroom.brain.nlu.attributes import (
    body_matches,
    color_matches,
    drivetrain_fits,
    feature_of,
    fuel_matches,
    make_matches,
    model_matches,
    vehicle_fuel,
)
from showroom.brain.nlu.vehicles import Catalog
from showroom.brain.types import PersonaView, VehicleView

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "world_hyundai_matteson.tsv"
URLS = {
    "trade_in_url": "https://worldhyundaimatteson.com/value-your-trade",
    "finance_application_url": "https://worldhyundaimatteson.com/finance/apply",
}


def _cents(price: str) -> int | None:
    digits = price.replace("$", "").replace(",", "").strip()
    return round(float(digits) * 100) if digits else None


def load_inventory() -> list[VehicleView]:
    """The vehicles of the shared feed as VehicleViews (ids in file order, from 1)."""
    with FEED.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    vehicles = []
    for index, row in enumerate(rows, 1):
        condition = row["Condition"].strip().lower()
        vehicles.append(
            VehicleView(
                id=index,
                year=int(row["Year"]),
                make=row["Make"].strip(),
                model=row["Model"].strip(),
                trim=row["Trim"].strip() or None,
                body_style=row["Type"].strip() or None,
                exterior_color=row["Color"].strip() or None,
                drivetrain=row["Drivetrain"].strip() or None,
                fuel_type=row["Fuel Type"].strip() or None,
                mileage=int(row["Mileage"]) if row["Mileage"].strip().isdigit() else None,
                price_cents=_cents(row["Price"]),
                condition=condition if condition in ("new", "used", "certified") else "used",
                stock_number=row["stock_number"].strip() or None,
                vin=row["VIN"].strip(),
                features=(),
                url=row["URL"].strip() or None,
            )
        )
    return vehicles


INVENTORY = load_inventory()
CATALOG = Catalog.from_vehicles(INVENTORY)


def search(terms: dict[str, Any], inventory: Sequence[VehicleView] = INVENTORY, limit: int = 5) -> list[VehicleView]:
    """A stand-in for the pipeline's inventory search, driven by compose.search_terms()."""

    def fits(v: VehicleView) -> bool:
        checks = [
            not terms["makes"] or any(make_matches(v.make, m) for m in terms["makes"]),
            not terms["models"] or any(model_matches(v.model, m) for m in terms["models"]),
            not terms["body_styles"] or any(body_matches(v.body_style, b) for b in terms["body_styles"]),
            not terms["colors"] or any(color_matches(v.exterior_color, c) for c in terms["colors"]),
            not terms["drivetrains"] or any(drivetrain_fits(v.drivetrain, d) for d in terms["drivetrains"]),
            not terms["fuel_types"]
            or any(fuel_matches(vehicle_fuel(v.fuel_type, v.model, v.trim), f) for f in terms["fuel_types"]),
            not terms["features"] or all(feature_of(v, f) for f in terms["features"]),
            not terms["condition"] or v.condition == terms["condition"],
            not terms["price_max_cents"] or (v.price_cents or 0) <= terms["price_max_cents"],
            not terms["year_min"] or v.year >= terms["year_min"],
            not terms["mileage_max"] or (v.mileage or 0) <= terms["mileage_max"],
            not terms["stock_number"] or (v.stock_number or "").upper() == terms["stock_number"],
        ]
        return all(checks)

    return [v for v in inventory if fits(v)][:limit]


def make_vehicle(**overrides: Any) -> VehicleView:
    values: dict[str, Any] = {
        "id": 1,
        "year": 2024,
        "make": "Hyundai",
        "model": "Palisade",
        "trim": "XRT AWD",
        "body_style": "SUV",
        "exterior_color": "Blue",
        "drivetrain": "AWD",
        "fuel_type": "Gasoline",
        "mileage": 119,
        "price_cents": 4_402_800,
        "condition": "new",
        "stock_number": "DT25256",
        "vin": "KM8R3DGE8RU801493",
        "features": ("Heated Front Seats", "Apple CarPlay", "Third Row Seating"),
        "url": "https://worldhyundaimatteson.com/inventory/--Hyundai-KM8R3DGE8RU801493",
    }
    values.update(overrides)
    return VehicleView(**values)


def persona(tone: str = "friendly", **arguments: Any) -> PersonaView:
    return PersonaView(name="Ava", tone=tone, arguments={**URLS, **arguments})
