"""Load the dealership feed and select units by filters.

Standard library only. Every stock number, price, mileage, colour and list
that appears in ../messages.jsonl notes or ../conversations.jsonl expect items
is produced through the helpers in this module (see build.py); nothing is
typed by hand.

Feed location: tests/fixtures/inventory/world_hyundai_matteson.tsv in the repository (a byte-identical copy of
/work/shared/fixtures/inventory/world_hyundai_matteson.tsv, pinned by SHA-256
below), or the path in the environment variable INVENTORY_TSV.
"""
import csv
import hashlib
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
# the repository's copy of the shared feed (the set was written against a byte-identical copy, pinned below)
FEED = os.environ.get("INVENTORY_TSV") or os.path.join(
    HERE, "..", "..", "..", "..", "tests", "fixtures", "inventory", "world_hyundai_matteson.tsv"
)
FEED_SHA256 = "6156bcb18a1b619bb71b63fecba3e2f71fcbfbdba404a80c68718d2b46069a86"
GARBAGE_TRIM = "value matchLevel none matchedWords"


def _money(s):
    s = (s or "").strip()
    if not s:
        return None
    return int(round(float(s.replace("$", "").replace(",", ""))))


def _int(s):
    s = (s or "").strip()
    return int(s.replace(",", "")) if s else None


class Unit:
    def __init__(self, row):
        self.row = row
        self.stock = row["stock_number"].strip()
        self.cond = row["Condition"].strip()
        self.year = int(row["Year"])
        self.make = row["Make"].strip()
        self.model = row["Model"].strip()
        self.trim = row["Trim"].strip()
        self.color = row["Color"].strip()
        self.drive = row["Drivetrain"].strip()
        self.fuel = row["Fuel Type"].strip()
        self.miles = _int(row["Mileage"])
        self.price = _money(row["Price"])
        self.trans = row["Transmission"].strip()
        self.body = row["Type"].strip()
        self.doors = _int(row["Doors"])
        self.image = row["Image Type"].strip()

    # ---- derived -------------------------------------------------------
    @property
    def garbage_trim(self):
        return self.trim == GARBAGE_TRIM

    @property
    def trim_text(self):
        return "trim not given in feed" if self.garbage_trim else self.trim

    @property
    def trim_drive(self):
        """Drivetrain implied by the trim text, or None."""
        t = self.trim.upper()
        if self.garbage_trim:
            return None
        if re.search(r"\b(AWD|4MOTION|QUATTRO|XDRIVE\w*)\b", t):
            return "AWD"
        if re.search(r"\b(4X4|4WD)\b", t):
            return "4X4"
        if re.search(r"\bFWD\b", t):
            return "FWD"
        if re.search(r"\b(RWD|2WD)\b", t):
            return "RWD"
        return None

    @property
    def drive_conflict(self):
        td = self.trim_drive
        if td is None:
            return False
        awdish = {"AWD", "4X4"}
        if td in awdish and self.drive in awdish:
            return False
        return td != self.drive

    @property
    def is_hybrid(self):
        """Hybrid or plug-in hybrid by name (the Fuel Type field is unreliable for these)."""
        return bool(re.search(r"hybrid|\bHEV\b|prius|530e", self.model + " " + self.trim, re.I))

    @property
    def is_ev(self):
        return self.fuel == "Electric" and not self.is_hybrid

    @property
    def trans_conflict(self):
        t = self.trim.upper()
        return self.trans == "Manual" and bool(re.search(r"\b(IVT|CVT|AUTO)\b", t))

    @property
    def fuel_note(self):
        """Fuel Type field, shown only where it matters (hybrids, EVs, flex, missing)."""
        if self.is_hybrid and self.fuel == "Hybrid":
            return "fuel field Hybrid"
        if self.is_hybrid:
            return f"fuel field {self.fuel or 'empty'} although a hybrid"
        if self.fuel in ("Electric", "Flex", ""):
            return f"fuel field {self.fuel or 'empty'}"
        return None

    @property
    def name(self):
        return f"{self.year} {self.make} {self.model}"

    def money(self):
        return f"${self.price:,}" if self.price is not None else "no price in feed"

    def mi(self):
        return f"{self.miles:,} mi" if self.miles is not None else "mileage not in feed"

    def colour(self):
        return self.color if self.color else "colour not in feed"

    # ---- renderings used in notes / expect ------------------------------
    def full(self):
        """Long form for notes:
        '<stock> = New 2024 Hyundai Palisade XRT AWD, Blue, drivetrain AWD, 119 mi, $44,028'."""
        drive = f"drivetrain {self.drive}"
        if self.drive_conflict:
            drive += " - conflicts with trim"
        parts = [f"{self.stock} = {self.cond} {self.year} {self.make} {self.model} {self.trim_text}",
                 self.colour(), drive]
        if self.fuel_note:
            parts.append(self.fuel_note)
        if self.trans_conflict:
            parts.append(f"transmission field {self.trans} - conflicts with trim")
        elif self.trans == "Manual":
            parts.append("manual transmission")
        parts += [self.mi(), self.money()]
        return ", ".join(parts)

    def short(self, *fields):
        """Short form for expect items: '<stock> (2024 Palisade XRT AWD, Blue, $44,028, 119 mi)'.
        fields: any of 'year','model','trim','colour','drive','price','miles','cond'."""
        fields = fields or ("year", "model", "trim", "colour", "price", "miles")
        out = []
        head = []
        if "cond" in fields:
            head.append(self.cond)
        if "year" in fields:
            head.append(str(self.year))
        if "make" in fields:
            head.append(self.make)
        if "model" in fields:
            head.append(self.model)
        if "trim" in fields:
            head.append(self.trim_text)
        if head:
            out.append(" ".join(head))
        if "colour" in fields:
            out.append(self.colour())
        if "drive" in fields:
            out.append(f"drivetrain field {self.drive}")
        if "price" in fields:
            out.append(self.money())
        if "miles" in fields:
            out.append(self.mi())
        return f"{self.stock} ({', '.join(out)})"

    def __repr__(self):
        return f"<{self.stock} {self.name} {self.trim}>"


def load(path=FEED):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [Unit(r) for r in rows]


def sha256(path=FEED):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


UNITS = load()
BY_STOCK = {u.stock: u for u in UNITS}


def _eq(a, b):
    return a.lower() == b.lower()


def q(cond=None, year=None, make=None, model=None, models=None, color=None, colors=None,
      drive=None, drives=None, body=None, bodies=None, trim_has=None, trim_not=None,
      price_max=None, price_min=None, has_price=None, miles_max=None, year_min=None,
      trans=None, hybrid=None, fuel=None, pred=None, sort="price"):
    """Filter the feed. Sorting: 'price' (missing prices last), 'miles' (missing last),
    'year', '-year', 'stock', or None (feed order)."""
    out = []
    for u in UNITS:
        if cond and u.cond != cond:
            continue
        if year is not None and u.year != year:
            continue
        if year_min is not None and u.year < year_min:
            continue
        if make and not _eq(u.make, make):
            continue
        if model and not _eq(u.model, model):
            continue
        if models and not any(_eq(u.model, m) for m in models):
            continue
        if color is not None and not _eq(u.color, color):
            continue
        if colors and not any(_eq(u.color, c) for c in colors):
            continue
        if drive and u.drive != drive:
            continue
        if drives and u.drive not in drives:
            continue
        if body and u.body != body:
            continue
        if bodies and u.body not in bodies:
            continue
        if trim_has and trim_has.lower() not in u.trim.lower():
            continue
        if trim_not and trim_not.lower() in u.trim.lower():
            continue
        if has_price is True and u.price is None:
            continue
        if has_price is False and u.price is not None:
            continue
        if price_max is not None and (u.price is None or u.price > price_max):
            continue
        if price_min is not None and (u.price is None or u.price < price_min):
            continue
        if miles_max is not None and (u.miles is None or u.miles > miles_max):
            continue
        if trans is not None and u.trans != trans:
            continue
        if hybrid is not None and u.is_hybrid != hybrid:
            continue
        if fuel is not None and u.fuel != fuel:
            continue
        if pred and not pred(u):
            continue
        out.append(u)
    return order(out, sort)


def order(units, sort="price"):
    units = list(units)
    if sort == "price":
        units.sort(key=lambda u: (u.price is None, u.price or 0, u.stock))
    elif sort == "-price":
        units.sort(key=lambda u: (u.price is None, -(u.price or 0), u.stock))
    elif sort == "miles":
        units.sort(key=lambda u: (u.miles is None, u.miles or 0, u.stock))
    elif sort == "year":
        units.sort(key=lambda u: (u.year, u.stock))
    elif sort == "-year":
        units.sort(key=lambda u: (-u.year, u.stock))
    elif sort == "stock":
        units.sort(key=lambda u: u.stock)
    return units


def one(**kw):
    """Exactly one unit must match; fails loudly otherwise."""
    r = q(**kw)
    if len(r) != 1:
        raise ValueError(f"one({kw}) matched {len(r)}: {r}")
    return r[0]


def stocks(units):
    return ", ".join(u.stock for u in units)


def shorts(units, *fields):
    return "; ".join(u.short(*fields) for u in units)


def fulls(units):
    return "; ".join(u.full() for u in units)
