"""Load the dealership feed and render unit descriptors for notes/expect.

Standard library only. Every stock number, price and mileage that appears in
notes or expect of set W is produced by these functions from the TSV.
"""
import csv
import os

FEED = "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv"
GARBAGE_TRIM = "value matchLevel none matchedWords"


def load(path=FEED):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for r in rows:
        r["_price"] = int(float(r["Price"].replace("$", "").replace(",", ""))) if r["Price"].strip() else None
        r["_miles"] = int(r["Mileage"]) if r["Mileage"].strip() else None
        r["_year"] = int(r["Year"])
    return rows


ROWS = load()
BY_STOCK = {r["stock_number"]: r for r in ROWS}


def _match(val, want):
    if want is None:
        return True
    if isinstance(want, (list, tuple, set)):
        return any(_match(val, w) for w in want)
    return str(val).lower() == str(want).lower()


def q(cond=None, year=None, make=None, model=None, trim=None, color=None,
      price_max=None, price_min=None, miles_max=None, year_min=None,
      type=None, drive=None, fuel=None, trans=None, stocks=None,
      priced=None, sort=None):
    """Filter the feed. Exact (case-insensitive) matching for strings; lists
    mean 'any of'. trim = substring (case-insensitive). price_max/min only
    match units that have a price. priced=True/False filters on having a price.
    sort: 'price', 'miles', '-year', 'stock'."""
    out = []
    for r in ROWS:
        if stocks is not None and r["stock_number"] not in stocks:
            continue
        if not _match(r["Condition"], cond):
            continue
        if year is not None and not _match(r["_year"], year):
            continue
        if year_min is not None and r["_year"] < year_min:
            continue
        if not _match(r["Make"], make) or not _match(r["Model"], model):
            continue
        if trim is not None:
            ts = trim if isinstance(trim, (list, tuple)) else [trim]
            if not any(t.lower() in r["Trim"].lower() for t in ts):
                continue
        if not _match(r["Color"], color) or not _match(r["Type"], type):
            continue
        if not _match(r["Drivetrain"], drive) or not _match(r["Fuel Type"], fuel):
            continue
        if not _match(r["Transmission"], trans):
            continue
        if price_max is not None and (r["_price"] is None or r["_price"] > price_max):
            continue
        if price_min is not None and (r["_price"] is None or r["_price"] < price_min):
            continue
        if miles_max is not None and (r["_miles"] is None or r["_miles"] > miles_max):
            continue
        if priced is True and r["_price"] is None:
            continue
        if priced is False and r["_price"] is not None:
            continue
        out.append(r)
    if sort == "price":
        out.sort(key=lambda r: (r["_price"] is None, r["_price"] or 0))
    elif sort == "miles":
        out.sort(key=lambda r: (r["_miles"] is None, r["_miles"] or 0))
    elif sort == "-year":
        out.sort(key=lambda r: -r["_year"])
    return out


def money(n):
    return "${:,}".format(n)


def miles(n):
    return "{:,} mi".format(n)


def desc(r, extra=()):
    """'<stock> (<Cond> <Year> <Make> <Model> <Trim>, <Colour>, <miles>, <price>)'
    followed by optional '[feed <field>: <value>]' tags (fields: drivetrain,
    fuel, transmission, image, doors, type)."""
    trim = "[trim not given in feed]" if r["Trim"] == GARBAGE_TRIM else r["Trim"]
    colour = r["Color"] or "colour not in feed"
    mi = miles(r["_miles"]) if r["_miles"] is not None else "mileage not in feed"
    pr = money(r["_price"]) if r["_price"] is not None else "no price in feed"
    s = "%s (%s %s %s %s %s, %s, %s, %s)" % (r["stock_number"], r["Condition"], r["Year"],
                                             r["Make"], r["Model"], trim, colour, mi, pr)
    field = {"drivetrain": "Drivetrain", "fuel": "Fuel Type", "transmission": "Transmission",
             "image": "Image Type", "doors": "Doors", "type": "Type"}
    for e in extra:
        v = r[field[e]] or "empty"
        s += " [feed %s: %s]" % (e, v)
    return s


def S(stock, *extra):
    return desc(BY_STOCK[stock], extra)


def price(stock):
    return BY_STOCK[stock]["_price"]


def mi(stock):
    return BY_STOCK[stock]["_miles"]


def price_diff(a, b):
    return "price difference %s between %s and %s" % (money(abs(price(a) - price(b))), a, b)


def miles_diff(a, b):
    return "mileage difference %s between %s and %s" % (miles(abs(mi(a) - mi(b))), a, b)
