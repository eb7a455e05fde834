"""Loader + formatting helpers for the World Hyundai of Matteson inventory feed.

Every vehicle fact (stock number, year, trim, colour, price, mileage) that the
evaluation set quotes is produced by the helpers in this module from the TSV.
"""
import os
import csv
import math

TSV = os.environ.get("FEED_TSV", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")
GARBAGE_TRIM = "value matchLevel none matchedWords"
MAKE_FIX = {"Gmc": "GMC", "Bmw": "BMW"}


def _num(s):
    s = (s or "").replace("$", "").replace(",", "").strip()
    if not s:
        return None
    return int(round(float(s)))


class Unit:
    def __init__(self, r):
        self.stock = r["stock_number"].strip()
        self.cond = r["Condition"].strip()
        self.year = int(r["Year"])
        self.make = MAKE_FIX.get(r["Make"].strip(), r["Make"].strip())
        self.model = r["Model"].strip()
        raw_trim = r["Trim"].strip()
        self.trim_garbage = raw_trim == GARBAGE_TRIM
        self.trim = "" if self.trim_garbage else raw_trim
        self.colour = r["Color"].strip()
        self.drive = r["Drivetrain"].strip()
        self.fuel = r["Fuel Type"].strip()
        self.miles = _num(r["Mileage"])
        self.price = _num(r["Price"])
        self.trans = r["Transmission"].strip()
        self.type = r["Type"].strip()
        self.raw = r

    # -- derived flags -------------------------------------------------
    @property
    def used(self):
        return self.cond == "Used"

    @property
    def new(self):
        return self.cond == "New"

    def __repr__(self):
        return f"<{self.stock} {self.cond} {self.year} {self.make} {self.model} {self.trim}>"


def load(path=TSV):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    units = [Unit(r) for r in rows]
    return units


UNITS = load()
BY_STOCK = {u.stock.upper(): u for u in UNITS}


def get(stock):
    return BY_STOCK[stock.upper()]


def sel(pred, key=None):
    out = [u for u in UNITS if pred(u)]
    if key:
        out.sort(key=key)
    return out


# ---- formatting ------------------------------------------------------
def fmt_money(n):
    return f"${n:,}"


def price(s):
    u = get(s)
    return fmt_money(u.price) if u.price is not None else "no price in feed"


def miles(s):
    u = get(s)
    return f"{u.miles:,} mi" if u.miles is not None else "mileage not given in feed"


def colour(s):
    u = get(s)
    return u.colour if u.colour else "no colour in feed"


def trim(s):
    u = get(s)
    return u.trim if u.trim else "trim not given in feed"


def title(s, cond=True):
    u = get(s)
    t = u.trim if u.trim else "(trim not given in feed)"
    base = f"{u.year} {u.make} {u.model} {t}"
    return f"{u.cond} {base}" if cond else base


def desc(s):
    """'New 2024 Hyundai Santa Fe Calligraphy AWD, White, 13 mi, $48,769' (+ quirks)."""
    u = get(s)
    d = f"{title(s)}, {colour(s)}, {miles(s)}, {price(s)}"
    q = quirks(s)
    if q:
        d += " [" + " / ".join(q) + "]"
    return d


def quirks(s):
    u = get(s)
    q = []
    tl = (u.trim or "").lower()
    dl = u.drive.upper()
    claims = []
    if "awd" in tl or "4x4" in tl or "4wd" in tl or "quattro" in tl or "4motion" in tl or "xdrive" in tl:
        claims.append("AWD")
    if "fwd" in tl:
        claims.append("FWD")
    if "rwd" in tl or "2wd" in tl:
        claims.append("2WD")
    drive_class = {"AWD": "AWD", "4X4": "AWD", "FWD": "FWD", "RWD": "2WD"}.get(dl, dl)
    if claims and drive_class not in claims:
        q.append(f"trim vs drivetrain conflict: drivetrain field {u.drive}")
    if u.trans == "Manual" and ("IVT" in (u.trim or "") or "CVT" in (u.trim or "")):
        q.append("transmission field Manual vs IVT in trim")
    if u.model.endswith("Hybrid") or "HEV" in (u.trim or "") or "Hybrid" in (u.trim or ""):
        q.append(f"fuel field says {u.fuel or 'nothing'}")
    return q


def note(s):
    return f"stock: {get(s).stock} = {desc(s)}"


def ref(s):
    """Expect-style reference: '27110 (New 2024 Hyundai Santa Fe Calligraphy AWD, White, 13 mi, $48,769)'."""
    u = get(s)
    return f"{u.stock} ({title(s)}, {colour(s)}, {miles(s)}, {price(s)})"


def refs(stocks, last="and"):
    items = [ref(s) for s in stocks]
    if len(items) == 1:
        return items[0]
    return "; ".join(items[:-1]) + f"; {last} " + items[-1]


# ---- customer-text helpers (all values read from the feed) -------------
def S(s):
    return get(s).stock


def y(s):
    return str(get(s).year)


def yy(s):
    return str(get(s).year)[2:]


def c(s):
    return get(s).colour.lower()


def t(s):
    return trim(s).lower()


def P(s):
    return price(s)


def Pn(s):
    return f"{get(s).price:,}"


def Pk(s):
    """price floored to thousands, '48k'"""
    return f"{get(s).price // 1000}k"


def Pk1(s):
    """price floored to 0.1k, '48.7k'"""
    v = math.floor(get(s).price / 100) / 10
    return f"{v:.1f}k"


def M(s):
    return f"{get(s).miles:,}"


def Mk(s):
    return f"{get(s).miles // 1000}k"


def diff(a, b):
    return fmt_money(abs(get(a).price - get(b).price))


def kdiff(a, b):
    v = math.floor(abs(get(a).price - get(b).price) / 100) / 10
    return f"{v:.1f}k"


ES_COLOUR = {  # (feminine, masculine)
    "White": ("blanca", "blanco"), "Black": ("negra", "negro"), "Grey": ("gris", "gris"),
    "Blue": ("azul", "azul"), "Red": ("roja", "rojo"), "Green": ("verde", "verde"),
    "Brown": ("café", "café"), "Burgundy": ("color vino", "color vino"), "Orange": ("naranja", "naranja"),
}
TL_COLOUR = {"White": "puting", "Black": "itim na", "Grey": "gray na", "Red": "pulang"}


def es_c(s, fem=True):
    return ES_COLOUR[get(s).colour][0 if fem else 1]


def tl_c(s):
    return TL_COLOUR[get(s).colour]
