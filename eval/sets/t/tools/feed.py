"""Feed loader and filter helpers for evaluation set "t".

Reads ONLY /work/shared/fixtures/inventory/world_hyundai_matteson.tsv.
Python 3 standard library only.
"""
import csv
import os
import re

FEED = os.environ.get(
    "FEED_TSV", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")

GARBAGE_TRIM = "value matchLevel none matchedWords"


def _money(s):
    s = (s or "").strip()
    if not s:
        return None
    v = float(s.replace("$", "").replace(",", ""))
    return int(round(v))


def _int(s):
    s = (s or "").strip()
    return int(s) if s else None


def load(path=FEED):
    units = []
    with open(path, newline="", encoding="utf-8") as f:
        for i, r in enumerate(csv.DictReader(f, delimiter="\t")):
            u = {
                "row": i + 1,
                "stock": r["stock_number"].strip(),
                "cond": r["Condition"].strip(),
                "year": int(r["Year"]),
                "make": r["Make"].strip(),
                "model": r["Model"].strip(),
                "trim": r["Trim"].strip(),
                "color": r["Color"].strip(),
                "drive": r["Drivetrain"].strip(),
                "fuel": r["Fuel Type"].strip(),
                "miles": _int(r["Mileage"]),
                "price": _money(r["Price"]),
                "trans": r["Transmission"].strip(),
                "body": r["Type"].strip(),
                "doors": r["Doors"].strip(),
                "image": r["Image Type"].strip(),
                "vin": r["VIN"].strip(),
            }
            units.append(u)
    return units


UNITS = load()
BY_STOCK = {u["stock"]: u for u in UNITS}


def get(stock):
    return BY_STOCK[stock]


def sel(units=None, sort=None, **kw):
    """Filter units. Keyword values may be a plain value (case-insensitive
    equality), a tuple/list/set (membership) or a callable (predicate)."""
    out = []
    for u in (UNITS if units is None else units):
        ok = True
        for k, want in kw.items():
            if k == "max_price":
                ok = u["price"] is not None and u["price"] <= want
            elif k == "min_price":
                ok = u["price"] is not None and u["price"] >= want
            elif k == "max_miles":
                ok = u["miles"] is not None and u["miles"] <= want
            elif k == "min_year":
                ok = u["year"] >= want
            elif k == "make_model":
                ok = (u["make"] + " " + u["model"]).lower() == want.lower()
            elif callable(want):
                ok = bool(want(u[k]))
            elif isinstance(want, (tuple, list, set, frozenset)):
                ok = str(u[k]).lower() in {str(w).lower() for w in want}
            else:
                ok = str(u[k]).lower() == str(want).lower()
            if not ok:
                break
        if ok:
            out.append(u)
    if sort == "price":
        out.sort(key=lambda u: (u["price"] is None, u["price"] or 0, u["stock"]))
    elif sort == "miles":
        out.sort(key=lambda u: (u["miles"] is None, u["miles"] or 0, u["stock"]))
    elif sort == "year":
        out.sort(key=lambda u: (-u["year"], u["stock"]))
    elif callable(sort):
        out.sort(key=sort)
    return out


def priced(units):
    return [u for u in units if u["price"] is not None]


# ---- classification helpers (world knowledge, not in the feed) ----
AWD_WORDS = re.compile(r"\b(awd|4x4|4wd|quattro|xdrive\w*|4motion)\b", re.I)
TWO_WD_WORDS = re.compile(r"\b(fwd|rwd|2wd)\b", re.I)


def drive_conflict(u):
    """True when trim text and drivetrain column disagree."""
    t = u["trim"]
    if AWD_WORDS.search(t) and u["drive"] in ("FWD", "RWD"):
        return True
    if TWO_WD_WORDS.search(t) and u["drive"] in ("AWD", "4X4"):
        return True
    m = TWO_WD_WORDS.search(t)
    if m and m.group(1).upper() in ("FWD", "RWD") and u["drive"] in ("FWD", "RWD") \
            and m.group(1).upper() != u["drive"]:
        return True
    return False


def is_awd(u):
    """Drivetrain column says AWD/4X4 AND the trim does not contradict it."""
    return u["drive"] in ("AWD", "4X4") and not drive_conflict(u)


def maybe_awd(u):
    """Either column claims all-wheel/four-wheel drive."""
    return u["drive"] in ("AWD", "4X4") or bool(AWD_WORDS.search(u["trim"]))


def trans_conflict(u):
    t = u["trim"].lower()
    if u["trans"] == "Manual" and ("ivt" in t or "auto" in t or "cvt" in t):
        return True
    if u["trans"] in ("Automatic", "CVT CVT") and "manual" in t:
        return True
    return False


HYBRID_MODELS = re.compile(r"hybrid|hev|prius|530e|niro ev|ioniq", re.I)


def electrified(u):
    return bool(HYBRID_MODELS.search(u["model"] + " " + u["trim"])) or \
        u["fuel"] in ("Electric", "Hybrid")


THIRD_ROW = {  # models in the feed that have a third row (world knowledge)
    "Palisade", "Telluride", "Highlander", "Tahoe", "Durango", "Explorer",
    "Qx60", "Santa Fe", "Santa Fe Hybrid",
}


def third_row(u):
    if u["model"] == "Santa Fe" and u["year"] < 2024:
        return False  # 2021 Santa Fe is two-row
    return u["model"] in THIRD_ROW


# ---- formatting ----
def money(v):
    return "${:,}".format(v)


def miles(v):
    return "{:,} mi".format(v)


def trim_txt(u):
    return "(trim not given in feed)" if u["trim"] == GARBAGE_TRIM else u["trim"]


def name(u):
    return "{} {} {} {}".format(u["year"], u["make"], u["model"], trim_txt(u))


def fmt(u, extra=True):
    parts = ["{} = {} {}".format(u["stock"], u["cond"], name(u))]
    parts.append(u["color"] or "colour not given in feed")
    parts.append(miles(u["miles"]) if u["miles"] is not None
                 else "mileage not given in feed")
    parts.append(money(u["price"]) if u["price"] is not None
                 else "no price in feed")
    s = ", ".join(parts)
    if extra:
        q = []
        if drive_conflict(u):
            q.append("drivetrain column says " + u["drive"])
        if trans_conflict(u):
            q.append("transmission column says " + u["trans"])
        if u["fuel"] in ("Electric",) and not u["model"].lower().startswith("ioniq") \
                and "ev" not in u["model"].lower().split():
            q.append("fuel column says Electric")
        if u["fuel"] == "Gasoline" and electrified(u):
            q.append("hybrid, but fuel column says Gasoline")
        if u["fuel"] == "":
            q.append("fuel type not given in feed")
        if u["image"] == "Placeholder":
            q.append("placeholder photo only")
        if q:
            s += " [" + "; ".join(q) + "]"
    return s


def short(u):
    """stock + price/miles, for expect lines."""
    p = money(u["price"]) if u["price"] is not None else "no price in feed"
    m = miles(u["miles"]) if u["miles"] is not None else "mileage not given in feed"
    return "{} ({}, {}, {}, {})".format(
        u["stock"], name(u), u["color"] or "colour not given in feed", m, p)


def lst(units, f=fmt):
    return "; ".join(f(u) for u in units)


def stocks(units):
    return ", ".join(u["stock"] for u in units)


def S(units, prefix="stock: "):
    if not units:
        raise ValueError("empty selection")
    return prefix + lst(units)
