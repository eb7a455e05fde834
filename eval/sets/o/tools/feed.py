"""Feed helpers for eval set "o" (standard library only).

Loads the dealership TSV, formats units canonically and evaluates the small
filter language used by the @exact / @cheapest / ... annotations in data/.
"""
import csv
import os
import re

FEED = os.environ.get(
    "O_FEED", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")
GARBAGE_TRIM = "value matchLevel none matchedWords"
COLOURS = ["White", "Grey", "Black", "Brown", "Blue", "Burgundy", "Red",
           "Green", "Orange", "Silver", "Gray", "Beige", "Gold", "Yellow", "Purple"]
# stock-number shaped tokens: 25713, 25426A, KV5561, WV15148, DT15464A, kv4958
STOCK_RE = re.compile(r"(?<![\w$])(?<!\d[,.])([A-Za-z]{2}\d{4,5}A?|\d{5}A?)(?!\w|[,.]\d)")


def money(v):
    """'$47,371.00' -> 47371 (int) or None."""
    v = (v or "").replace("$", "").replace(",", "").strip()
    if not v:
        return None
    return int(round(float(v)))


def load(path=FEED):
    units = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            u = {
                "stock": r["stock_number"].strip(),
                "cond": r["Condition"].strip(),
                "year": int(r["Year"]),
                "make": r["Make"].strip(),
                "model": r["Model"].strip(),
                "trim": r["Trim"].strip(),
                "color": r["Color"].strip(),
                "drive": r["Drivetrain"].strip(),
                "fuel": r["Fuel Type"].strip(),
                "trans": r["Transmission"].strip(),
                "type": r["Type"].strip(),
                "miles": int(r["Mileage"]) if r["Mileage"].strip() else None,
                "price": money(r["Price"]),
                "image": r["Image Type"].strip(),
            }
            units[u["stock"]] = u
    return units


def fmt_money(n):
    return "${:,}".format(n)


def fmt_miles(n):
    return "{:,} mi".format(n)


def name(u, make=True, trim=True):
    parts = [str(u["year"])]
    if make:
        parts.append(u["make"])
    parts.append(u["model"])
    if trim and u["trim"] and u["trim"] != GARBAGE_TRIM:
        parts.append(u["trim"])
    s = " ".join(parts)
    if trim and u["trim"] == GARBAGE_TRIM:
        s += ", trim not given in feed"
    return s


def colour(u):
    return u["color"] or "no colour in feed"


def miles(u):
    return fmt_miles(u["miles"]) if u["miles"] is not None else "no mileage in feed"


def price(u):
    return fmt_money(u["price"]) if u["price"] is not None else "no price in feed"


def canonical_note(u):
    """notes form: 26609 = New 2024 Hyundai Palisade SEL AWD, Black, 11 mi, $47,371"""
    return "{} = {} {}, {}, {}, {}".format(
        u["stock"], u["cond"], name(u), colour(u), miles(u), price(u))


def paren(u, fields="nycmp"):
    """expect form: 26609 (new 2024 Hyundai Palisade SEL AWD, Black, 11 mi, $47,371)"""
    out = []
    if "y" in fields:
        s = name(u)
        if "n" in fields:
            s = u["cond"].lower() + " " + s
        out.append(s)
    if "c" in fields:
        out.append(colour(u))
    if "m" in fields:
        out.append(miles(u))
    if "p" in fields:
        out.append(price(u))
    return "{} ({})".format(u["stock"], ", ".join(out))


# ---------------------------------------------------------------- filters
FIELD = {"cond": "cond", "year": "year", "make": "make", "model": "model",
         "trim": "trim", "color": "color", "drive": "drive", "fuel": "fuel",
         "type": "type", "trans": "trans", "price": "price", "miles": "miles",
         "stock": "stock"}
COND_RE = re.compile(r"^(\w+)(<=|>=|!=|!~|=|<|>|~)(.*)$")


def parse_filter(spec):
    """'cond=Used make!=Ford|Kia price<25000 trim~AWD color=none' -> list of conds.
    Values may contain spaces when written with underscores (Santa_Fe)."""
    conds = []
    for tok in spec.split():
        m = COND_RE.match(tok)
        if not m or m.group(1) not in FIELD:
            raise ValueError("bad filter token: %r" % tok)
        key, op, val = m.groups()
        vals = [v.replace("_", " ") for v in val.split("|")]
        conds.append((FIELD[key], op, vals))
    return conds


def _match(u, cond):
    key, op, vals = cond
    v = u[key]
    if op in ("<", ">", "<=", ">="):
        if v is None:
            return False
        lim = float(vals[0])
        return {"<": v < lim, ">": v > lim, "<=": v <= lim, ">=": v >= lim}[op]
    if op in ("~", "!~"):
        hit = any(x.lower() in str(v or "").lower() for x in vals)
        return hit if op == "~" else not hit
    def eq(x):
        if x == "none":
            return v in (None, "")
        if isinstance(v, int):
            return v == int(x)
        return str(v or "").lower() == x.lower()
    hit = any(eq(x) for x in vals)
    return hit if op == "=" else not hit


def select(units, spec):
    conds = parse_filter(spec)
    return [u for u in units.values() if all(_match(u, c) for c in conds)]


if __name__ == "__main__":
    import sys
    us = load()
    spec = " ".join(sys.argv[1:])
    res = select(us, spec)
    res.sort(key=lambda u: (u["price"] is None, u["price"] or 0))
    for u in res:
        print(canonical_note(u), "|", u["drive"], u["fuel"], u["trans"] or "-", u["type"])
    print(len(res), "units")
