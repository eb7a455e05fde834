"""Load the World Hyundai of Matteson inventory feed and answer filter queries.

Every stock number, price and mileage that appears in notes/expect of set V is
produced through the helpers in this module (never typed by hand).
Standard library only.
"""
import csv
import os

FEED = os.environ.get(
    "FEED_TSV", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")
GARBAGE_TRIM = "value matchLevel none matchedWords"


class Unit:
    def __init__(self, row):
        self.row = row
        self.stock = row["stock_number"]
        self.cond = row["Condition"]
        self.year = int(row["Year"])
        self.make = row["Make"]
        self.model = row["Model"]
        self.trim = row["Trim"]
        self.color = row["Color"]
        self.drive = row["Drivetrain"]
        self.fuel = row["Fuel Type"]
        self.trans = row["Transmission"]
        self.type = row["Type"]
        self.image_type = row["Image Type"]
        self.image_url = row["Image URL"]
        m = row["Mileage"].strip()
        self.miles = int(m) if m else None
        p = row["Price"].strip()
        self.price = int(round(float(p.replace("$", "").replace(",", "")))) if p else None

    # ---- display -------------------------------------------------------
    def trim_display(self):
        return "(trim not given in feed)" if self.trim == GARBAGE_TRIM else self.trim

    def desc(self):
        colour = self.color or "colour not given in feed"
        miles = f"{self.miles:,} mi" if self.miles is not None else "mileage not given in feed"
        price = f"${self.price:,}" if self.price is not None else "no price in feed"
        return (f"{self.cond} {self.year} {self.make} {self.model} {self.trim_display()}, "
                f"{colour}, {miles}, {price}")

    def name(self):
        return f"{self.make} {self.model} {self.trim}"


_UNITS = None


def units():
    global _UNITS
    if _UNITS is None:
        with open(FEED, newline="", encoding="utf-8") as f:
            _UNITS = [Unit(r) for r in csv.DictReader(f, delimiter="\t")]
    return _UNITS


def by_stock(stock):
    for u in units():
        if u.stock == stock:
            return u
    raise KeyError(stock)


# ---- query language ------------------------------------------------------
# key=value pairs; '|' separates alternatives; matching is case-insensitive.
#   stock, cond, make, model, color, drive, fuel, type, trans : exact (one of)
#   trim~, name~ : substring (one of) of trim / "make model trim"
#   year, minyear, maxyear, maxprice, minprice, maxmiles, minmiles : numeric
#   priced=yes|no
#   image=<stock> : units whose Image URL equals that unit's
def _alts(v):
    return [a.strip().lower() for a in str(v).split("|")]


def matches(u, q):
    for k, v in q.items():
        alts = _alts(v)
        if k in ("stock", "cond", "make", "model", "color", "drive", "fuel", "type", "trans"):
            val = {"stock": u.stock, "cond": u.cond, "make": u.make, "model": u.model,
                   "color": u.color, "drive": u.drive, "fuel": u.fuel, "type": u.type,
                   "trans": u.trans}[k].lower()
            if val not in alts:
                return False
        elif k == "trim~":
            if not any(a in u.trim.lower() for a in alts):
                return False
        elif k == "name~":
            if not any(a in u.name().lower() for a in alts):
                return False
        elif k == "year":
            if str(u.year) not in alts:
                return False
        elif k == "minyear":
            if u.year < int(v):
                return False
        elif k == "maxyear":
            if u.year > int(v):
                return False
        elif k == "maxprice":
            if u.price is None or u.price > int(v):
                return False
        elif k == "minprice":
            if u.price is None or u.price < int(v):
                return False
        elif k == "maxmiles":
            if u.miles is None or u.miles > int(v):
                return False
        elif k == "minmiles":
            if u.miles is None or u.miles < int(v):
                return False
        elif k == "image":
            if u.image_url != by_stock(v.strip()).image_url:
                return False
        elif k == "priced":
            if (u.price is not None) != (alts[0] == "yes"):
                return False
        else:
            raise ValueError("unknown query key " + k)
    return True


def find(**q):
    q = {k.replace("_tilde", "~"): v for k, v in q.items()}
    return [u for u in units() if matches(u, q)]


def sort_key(u):
    return (u.price is None, u.price or 0, u.year, u.stock)


def select(kind, q):
    """kind: all | none | cheapest | priciest | newest | oldest | lowest-miles | most-miles"""
    res = [u for u in units() if matches(u, q)]
    if kind in ("all", "none", "some"):
        return res
    if kind in ("cheapest", "priciest"):
        res = [u for u in res if u.price is not None]
        if not res:
            return []
        best = (min if kind == "cheapest" else max)(u.price for u in res)
        return [u for u in res if u.price == best]
    if kind in ("newest", "oldest"):
        if not res:
            return []
        best = (max if kind == "newest" else min)(u.year for u in res)
        return [u for u in res if u.year == best]
    if kind in ("lowest-miles", "most-miles"):
        res = [u for u in res if u.miles is not None]
        if not res:
            return []
        best = (min if kind == "lowest-miles" else max)(u.miles for u in res)
        return [u for u in res if u.miles == best]
    raise ValueError(kind)
