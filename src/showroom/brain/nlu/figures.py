"""Rated figures of US models that a dealer feed does not carry: an electric car's range, a car's fuel economy, how
much it may tow. Customers ask them first ("range?", "mpg on the hybrid", "can it pull 5000 lbs"), and a refusal
sends them to a search engine; a figure said as the maker's or the EPA's rating, as a range over the versions of the
model years listed, with the unit's own figure confirmed by a person, answers them honestly.

A small hand-kept table (EPA combined MPG and range estimates, makers' maximum towing ratings with the right
equipment), by model and model years, for the models a dealership's lot most often holds. A model is matched by
its longest known prefix, as ``knowledge`` does ('Santa Fe Hybrid' has its own entry, 'Tucson Hybrid' too); a model
or a model year the table does not list has no figure, and the agent says it will have it confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from showroom.brain.nlu.knowledge import _longest_prefix


@dataclass(frozen=True)
class Rated:
    """A rated figure over the versions of a model's years: ``low``..``high`` (equal when one figure)."""

    low: int
    high: int

    def said(self) -> str:
        return f"{self.low:,}" if self.low == self.high else f"{self.low:,}–{self.high:,}"


# topic -> model -> [(first model year, last model year, low, high)]
_Table = dict[str, list[tuple[int, int, int, int]]]

RANGE_MILES: _Table = {  # EPA-estimated range on a full charge (electric driving alone for plug-in hybrids)
    "Ioniq 5": [(2022, 2024, 220, 303), (2025, 2026, 245, 318)],
    "Ioniq 6": [(2023, 2026, 240, 361)],
    "Kona Electric": [(2019, 2023, 258, 258), (2024, 2026, 200, 261)],
    "Niro EV": [(2019, 2022, 239, 239), (2023, 2026, 253, 253)],
    "EV6": [(2022, 2026, 206, 310)],
    "Bolt EV": [(2017, 2019, 238, 238), (2020, 2023, 259, 259)],
    "Bolt EUV": [(2022, 2023, 247, 247)],
    "Leaf": [(2018, 2025, 149, 226)],
    "Mustang Mach-E": [(2021, 2024, 224, 320)],
    "ID.4": [(2021, 2024, 206, 291)],
    "Prius Prime": [(2017, 2022, 25, 25), (2023, 2026, 39, 44)],
    "RAV4 Prime": [(2021, 2026, 42, 42)],
    "5 Series Hybrid": [(2018, 2019, 16, 16), (2020, 2023, 18, 21)],  # the 530e
}  # fmt: skip
MPG_COMBINED: _Table = {  # EPA combined miles per gallon (hybrid driving for plug-in hybrids)
    "Tucson Hybrid": [(2022, 2026, 37, 38)],
    "Tucson": [(2016, 2021, 23, 29), (2022, 2026, 25, 28)],
    "Santa Fe Hybrid": [(2021, 2023, 33, 34), (2024, 2026, 34, 36)],
    "Santa Fe": [(2019, 2023, 22, 28), (2024, 2026, 22, 25)],
    "Palisade": [(2020, 2025, 21, 22)],
    "Telluride": [(2020, 2026, 21, 23)],
    "Elantra": [(2021, 2026, 31, 37)],
    "Kona": [(2018, 2023, 28, 32)],
    "Forte": [(2019, 2024, 30, 34)],
    "K5": [(2021, 2025, 27, 31)],
    "Optima Hybrid": [(2017, 2020, 41, 42)],
    "Niro": [(2017, 2022, 43, 50)],
    "Sportage": [(2017, 2022, 23, 26)],
    "Prius Prime": [(2017, 2022, 54, 54), (2023, 2026, 48, 52)],
    "Prius": [(2016, 2022, 52, 56), (2023, 2026, 49, 57)],
    "Camry": [(2018, 2024, 28, 34)],
    "Civic": [(2016, 2026, 30, 36)],
    "Altima": [(2019, 2026, 28, 32)],
    "Rogue": [(2021, 2026, 30, 33)],
    "Jetta": [(2019, 2026, 31, 34)],
    "Malibu": [(2016, 2024, 29, 30)],
    "Charger": [(2015, 2023, 19, 23)],
    "Edge": [(2019, 2024, 21, 23)],
    "Sorento": [(2016, 2020, 21, 24)],
    "Equinox": [(2018, 2024, 26, 28)],
    "Trailblazer": [(2021, 2026, 28, 31)],
    "Escape Hybrid": [(2020, 2022, 40, 41)],
    "Escape": [(2020, 2022, 26, 30)],
    "Compass": [(2017, 2025, 24, 26)],
    "Grand Cherokee": [(2014, 2021, 19, 22)],
    "Highlander": [(2014, 2019, 21, 23)],
    "Mazda3": [(2014, 2018, 28, 34), (2019, 2026, 26, 31)],
    "Santa Cruz": [(2022, 2026, 21, 23)],
    "Durango": [(2014, 2025, 15, 21)],
    "Challenger": [(2015, 2023, 15, 23)],
    "Mustang": [(2015, 2023, 15, 25)],
    "EcoSport": [(2018, 2022, 25, 27)],
    "Explorer": [(2020, 2024, 20, 24)],
    "Cherokee": [(2014, 2023, 22, 26)],
    "Terrain": [(2018, 2024, 24, 28)],
    "Canyon": [(2015, 2022, 19, 23)],
    "Tahoe": [(2015, 2020, 16, 18), (2021, 2025, 17, 21)],
    "Arteon": [(2019, 2023, 24, 25)],
    "Q5": [(2018, 2024, 23, 25)],
    "Q8": [(2019, 2024, 19, 20)],
    "X3": [(2018, 2024, 23, 26)],
    "Envision": [(2021, 2024, 24, 25)],
    "XT5": [(2017, 2024, 21, 23)],
    "Stelvio": [(2018, 2024, 19, 24)],
    "G70": [(2019, 2025, 20, 25)],
    "RX": [(2016, 2022, 22, 30)],
    "Corsair": [(2020, 2024, 23, 25)],
    "Nautilus": [(2019, 2023, 21, 23)],
    "Murano": [(2015, 2024, 23, 24)],
    "Macan": [(2019, 2021, 19, 21)],
    "QX60": [(2022, 2025, 22, 24)],
}  # fmt: skip
TOWING_LB: _Table = {  # the maker's maximum, with the towing package and the engine that allows it
    "Palisade": [(2020, 2025, 5000, 5000)],
    "Telluride": [(2020, 2026, 5000, 5000)],
    "Santa Fe Hybrid": [(2024, 2026, 2000, 2000)],
    "Santa Fe": [(2019, 2023, 2000, 3500), (2024, 2026, 3500, 4500)],
    "Santa Cruz": [(2022, 2026, 3500, 5000)],
    "Tucson Hybrid": [(2022, 2026, 2000, 2000)],
    "Tucson": [(2016, 2021, 1500, 2000), (2022, 2026, 2000, 2000)],
    "Highlander": [(2014, 2019, 5000, 5000)],
    "Explorer": [(2020, 2025, 5300, 5600)],
    "Durango": [(2014, 2025, 6200, 8700)],
    "Grand Cherokee": [(2014, 2021, 6200, 7200)],
    "Tahoe": [(2021, 2025, 7600, 8400)],
    "Sorento": [(2021, 2025, 3500, 3500)],
    "QX60": [(2014, 2020, 5000, 5000), (2022, 2025, 6000, 6000)],
    "Titan XD": [(2016, 2024, 10000, 11000)],
    "Canyon": [(2015, 2022, 3500, 7700)],
    "Silverado 1500": [(2014, 2018, 7600, 12500), (2019, 2024, 7900, 13300)],
    "F-150": [(2015, 2020, 5000, 13200), (2021, 2024, 5000, 14000)],
    "1500": [(2014, 2018, 4000, 10640), (2019, 2024, 6500, 12750)],  # the Ram 1500
    "Explorer Hybrid": [(2020, 2024, 5000, 5000)],
}  # fmt: skip
_TABLES = {"range and charging figures": RANGE_MILES, "fuel economy": MPG_COMBINED, "towing capacity": TOWING_LB}


def able_to_tow(pounds: int) -> list[str]:
    """The models the table rates to tow ``pounds`` or more in some version ("pull a 7000 lb boat"), for a search."""
    return [model for model, spans in TOWING_LB.items() if any(high >= pounds for _, _, _, high in spans)]


def rated(model: str, year: int | None, topic: str, fuel: str | None = None) -> Rated | None:
    """The rated figure of ``topic`` (a facts topic: "range and charging figures", "fuel economy", "towing
    capacity"; any other has none) for this model and year, or None when the table does not
    know it. ``fuel``: what the unit runs on (``attributes.vehicle_fuel``): a hybrid whose model name does not say so
    (an Escape "SE Hybrid") is looked up as the hybrid; an electric car has no MPG."""
    table = _TABLES.get(topic)
    if table is None or year is None or (fuel == "Electric" and table is MPG_COMBINED):
        return None
    names = tuple(table)
    hybrid = fuel in ("Hybrid", "Plug-In Hybrid") and "hybrid" not in model.lower()
    name = (_longest_prefix(f"{model} Hybrid", names) if hybrid else None) or _longest_prefix(model, names)
    if name is None:
        return None
    return next((Rated(low, high) for first, last, low, high in table[name] if first <= year <= last), None)
