"""Tiny reader for the dealership feed used to write set m (no project code involved)."""
import csv

FEED = "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv"
GARBAGE_TRIM = "value matchLevel none matchedWords"


def load():
    with open(FEED, newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {r["stock_number"]: r for r in rows}


def price_num(r):
    p = r["Price"].replace("$", "").replace(",", "").strip()
    return int(round(float(p))) if p else None


def miles_num(r):
    m = r["Mileage"].strip()
    return int(m) if m else None


def fmt_price(r):
    p = price_num(r)
    return f"${p:,}" if p is not None else "no price in feed"


def fmt_miles(r):
    m = miles_num(r)
    return f"{m:,} mi" if m is not None else "mileage not in feed"


def fmt_colour(r):
    return r["Color"] if r["Color"].strip() else "colour not in feed"


def fmt_name(r):
    trim = r["Trim"]
    trim = "(trim not given in feed)" if trim == GARBAGE_TRIM else trim
    return f'{r["Condition"]} {r["Year"]} {r["Make"]} {r["Model"]} {trim}'


def fmt_unit(r):
    """Canonical '<Condition> <Year> <Make> <Model> <Trim>, <Colour>, <miles>, <price>'."""
    return f"{fmt_name(r)}, {fmt_colour(r)}, {fmt_miles(r)}, {fmt_price(r)}"


def quirks(r):
    q = []
    t = r["Trim"].upper()
    d = r["Drivetrain"].upper()
    if ("AWD" in t or "4WD" in t or "4X4" in t or "QUATTRO" in t or "4MOTION" in t or "XDRIVE" in t) and d in ("FWD", "RWD"):
        q.append(f"feed drivetrain {r['Drivetrain']} conflicts with trim")
    if "FWD" in t and d in ("AWD", "4X4", "RWD"):
        q.append(f"feed drivetrain {r['Drivetrain']} conflicts with trim")
    if "2WD" in t and d in ("AWD", "4X4"):
        q.append(f"feed drivetrain {r['Drivetrain']} conflicts with trim")
    name = (r["Model"] + " " + r["Trim"]).lower()
    if ("hybrid" in name or "hev" in name or "prime" in name) and r["Fuel Type"] != "Hybrid":
        q.append(f"hybrid, feed fuel type '{r['Fuel Type'] or 'empty'}'")
    if r["Transmission"] == "Manual" and "IVT" in r["Trim"]:
        q.append("feed transmission Manual conflicts with IVT (CVT) trim")
    return q
