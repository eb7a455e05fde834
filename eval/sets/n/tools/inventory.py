"""Load the dealer feed and format units the way set n cites them.

Only input: /work/shared/fixtures/inventory/world_hyundai_matteson.tsv
"""
import csv
import re

FEED = "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv"
GARBAGE_TRIM = "value matchLevel none matchedWords"


def load():
    with open(FEED, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {r["stock_number"]: r for r in rows}


UNITS = load()


def price_int(u):
    p = u["Price"].replace("$", "").replace(",", "").strip()
    return int(float(p)) if p else None


def miles_int(u):
    m = u["Mileage"].strip()
    return int(m) if m else None


def fmt_price(u):
    p = price_int(u)
    return f"${p:,}" if p is not None else "no price in feed"


def fmt_miles(u):
    m = miles_int(u)
    return f"{m:,} mi" if m is not None else "mileage not given in feed"


def fmt_colour(u):
    return u["Color"] or "colour not given in feed"


def fmt_trim(u):
    t = u["Trim"]
    if not t or t == GARBAGE_TRIM:
        return "(trim not given in feed)"
    return t


def desc(u):
    """'<Year> <Make> <Model> <Trim>' exactly as in the feed (garbage trim replaced)."""
    return f"{u['Year']} {u['Make']} {u['Model']} {fmt_trim(u)}"


def note_line(stock):
    """stock: <stock> = <Condition> <Year> <Make> <Model> <Trim>, <Colour>, <miles>, <price>"""
    u = UNITS[stock]
    return (f"stock: {stock} = {u['Condition']} {desc(u)}, {fmt_colour(u)}, "
            f"{fmt_miles(u)}, {fmt_price(u)}")


def ref(stock):
    """Inline reference for expect items: STOCK (<Year> <Make> <Model> <Trim>, <Colour>, <miles>, <price>)."""
    u = UNITS[stock]
    return f"{stock} ({desc(u)}, {fmt_colour(u)}, {fmt_miles(u)}, {fmt_price(u)})"


_REF = re.compile(r"\[\[([A-Za-z0-9]+)\]\]")


def expand(text):
    """Replace [[STOCK]] placeholders with ref(STOCK)."""
    return _REF.sub(lambda m: ref(m.group(1)), text)
