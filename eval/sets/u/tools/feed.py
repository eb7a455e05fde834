"""Feed loader for World Hyundai of Matteson (standard library only).

Loads the dealership TSV once and exposes normalised units plus a few helpers
used by build.py (notes / expect text) and check.py (verification).
"""
import csv
import os
import re

FEED = os.environ.get(
    "WHM_FEED", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")

FOURISH = {"AWD", "4X4", "4WD"}
TWOISH = {"FWD", "RWD", "2WD"}


def _money(s):
    s = (s or "").strip().replace("$", "").replace(",", "")
    if not s:
        return None
    return int(round(float(s)))


def _int(s):
    s = (s or "").strip().replace(",", "")
    return int(s) if s else None


class Unit:
    def __init__(self, row):
        self.raw = row
        self.stock = row["stock_number"].strip()
        self.cond = row["Condition"].strip()
        self.year = int(row["Year"])
        self.make = row["Make"].strip()
        self.model = row["Model"].strip()
        self.trim = row["Trim"].strip()
        self.color = row["Color"].strip() or None
        self.drive = row["Drivetrain"].strip() or None
        self.fuel = row["Fuel Type"].strip() or None
        self.miles = _int(row["Mileage"])
        self.price = _money(row["Price"])
        self.trans = row["Transmission"].strip() or None
        self.body = row["Type"].strip() or None
        self.doors = _int(row["Doors"])
        self.vin = row["VIN"].strip()

    # ---- derived -------------------------------------------------------
    @property
    def garbage_trim(self):
        return "matchLevel" in self.trim

    @property
    def trim_txt(self):
        return "(trim not given in feed)" if self.garbage_trim else self.trim

    @property
    def trim_drive(self):
        """Drivetrain implied by the trim text: 'AWD' (incl. 4x4/4WD/quattro/
        4MOTION/xDrive), 'FWD', 'RWD', '2WD' or None."""
        t = " " + self.trim.upper().replace("-", " ") + " "
        for tok, val in ((" AWD ", "AWD"), (" 4X4 ", "AWD"), (" 4WD ", "AWD"),
                         (" QUATTRO ", "AWD"), (" 4MOTION ", "AWD"),
                         (" XDRIVE30I ", "AWD"), (" FWD ", "FWD"),
                         (" RWD ", "RWD"), (" 2WD ", "2WD")):
            if tok in t:
                return val
        return None

    @property
    def drive_conflict(self):
        td = self.trim_drive
        if td is None or self.drive is None:
            return False
        fd = "AWD" if self.drive.upper() in FOURISH else self.drive.upper()
        if td == fd:
            return False
        if td == "2WD" and fd in ("FWD", "RWD"):
            return False
        return True

    @property
    def is_hybrid(self):
        m = (self.model + " " + self.trim).lower()
        return ("hybrid" in m or " hev" in (" " + m) or "prius" in m
                or "530e" in m)

    @property
    def is_ev(self):
        return (self.fuel == "Electric" and not self.is_hybrid)

    @property
    def awd(self):
        """AWD/4x4 per the feed's Drivetrain column."""
        return (self.drive or "").upper() in FOURISH

    def name(self):
        return f"{self.year} {self.make} {self.model} {self.trim_txt}"

    def miles_txt(self):
        return "mileage not in feed" if self.miles is None else f"{self.miles:,} mi"

    def price_txt(self):
        return "no price in feed" if self.price is None else f"${self.price:,}"

    def color_txt(self):
        return self.color or "colour not in feed"

    def quirks(self):
        q = []
        if self.drive_conflict:
            q.append(f"feed drivetrain {self.drive} conflicts with trim")
        if (not self.drive_conflict and self.trim_drive is None and self.make == "Hyundai"
                and self.model in ("Palisade", "Santa Fe") and self.drive == "RWD"):
            q.append("feed drivetrain RWD, trim silent - not a layout this model is sold in")
        if self.is_hybrid and self.fuel != "Hybrid":
            q.append(f"hybrid labelled {self.fuel or 'no fuel type'} in feed")
        if self.model == "Forte" and self.trans == "Manual" and "IVT" in self.trim:
            q.append("transmission field Manual conflicts with IVT trim")
        if self.cond == "New" and self.miles and self.miles >= 100:
            q.append("new unit with demo-level miles")
        if self.cond == "Used" and self.miles is not None and self.miles < 1000:
            q.append("used unit with almost no miles")
        return q

    def note(self):
        """stock: X = Cond Year Make Model Trim, Colour, miles, price [quirks]"""
        s = (f"stock: {self.stock} = {self.cond} {self.name()}, {self.color_txt()}, "
             f"{self.miles_txt()}, {self.price_txt()}")
        q = self.quirks()
        if q:
            s += " [" + ", ".join(q) + "]"
        return s

    def ref(self, color=True, cond=False):
        """Short reference for expect text: stock X (2024 Palisade SEL AWD, Black, 11 mi, $47,371)"""
        parts = [f"{(self.cond + ' ') if cond else ''}{self.year} {self.make} {self.model} {self.trim_txt}"]
        if color:
            parts.append(self.color_txt())
        parts.append(self.miles_txt())
        parts.append(self.price_txt())
        return f"stock {self.stock} (" + ", ".join(parts) + ")"

    def __repr__(self):
        return self.note()


def load(path=FEED):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [Unit(r) for r in rows]


UNITS = load()
BY_STOCK = {u.stock: u for u in UNITS}


def get(stock):
    return BY_STOCK[stock]


def q(**kw):
    """Filter units. Keys: cond, make, model (exact, case-insensitive), model_in,
    year, year_min, year_max, color, price_max, price_min, miles_max, awd (bool),
    body, hybrid, ev, has_price, pred (callable)."""
    out = []
    for u in UNITS:
        ok = True
        for k, v in kw.items():
            if k == "cond":
                ok = u.cond.lower() == v.lower()
            elif k == "make":
                ok = u.make.lower() == v.lower()
            elif k == "model":
                ok = u.model.lower() == v.lower()
            elif k == "model_in":
                ok = u.model.lower() in [x.lower() for x in v]
            elif k == "year":
                ok = u.year == v
            elif k == "year_min":
                ok = u.year >= v
            elif k == "year_max":
                ok = u.year <= v
            elif k == "color":
                ok = (u.color or "").lower() == v.lower()
            elif k == "price_max":
                ok = u.price is not None and u.price <= v
            elif k == "price_min":
                ok = u.price is not None and u.price >= v
            elif k == "miles_max":
                ok = u.miles is not None and u.miles <= v
            elif k == "awd":
                ok = u.awd == v
            elif k == "body":
                ok = (u.body or "").lower() == v.lower()
            elif k == "hybrid":
                ok = u.is_hybrid == v
            elif k == "ev":
                ok = u.is_ev == v
            elif k == "has_price":
                ok = (u.price is not None) == v
            elif k == "trim_has":
                ok = v.lower() in u.trim.lower()
            elif k == "pred":
                ok = bool(v(u))
            else:
                raise KeyError(k)
            if not ok:
                break
        if ok:
            out.append(u)
    return out


def by_price(units):
    return sorted(units, key=lambda u: (u.price is None, u.price or 0, u.stock))


def by_miles(units):
    return sorted(units, key=lambda u: (u.miles is None, u.miles or 0, u.stock))


def stocks(units):
    return ", ".join(u.stock for u in units)


def money(n):
    return f"${n:,}"


# regex for stock-number-like tokens (used by check.py)
STOCK_RE = re.compile(r"\b(?:[A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]|\d{5})\b")
