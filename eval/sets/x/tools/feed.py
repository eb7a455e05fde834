"""Feed loader + filter for the World Hyundai of Matteson inventory TSV.

Every stock number, price and mileage that build.py writes into notes/expect is
produced by the functions here (never typed by hand).
"""
import csv
import os

TSV = os.environ.get(
    "FEED_TSV", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")
GARBAGE_TRIM = "value matchLevel none matchedWords"

_AWDISH = ("awd", "4x4", "4wd", "quattro", "4motion", "xdrive")
_2WDISH = ("fwd", "rwd", "2wd")


def _int(s):
    s = (s or "").replace("$", "").replace(",", "").strip()
    if not s:
        return None
    return int(round(float(s)))


def load(path=TSV):
    out = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            out.append({
                "stock": r["stock_number"].strip(),
                "cond": r["Condition"].strip(),
                "year": int(r["Year"]),
                "make": r["Make"].strip(),
                "model": r["Model"].strip(),
                "trim": r["Trim"].strip(),
                "colour": r["Color"].strip(),
                "drive": r["Drivetrain"].strip(),
                "fuel": r["Fuel Type"].strip(),
                "miles": _int(r["Mileage"]),
                "price": _int(r["Price"]),
                "trans": r["Transmission"].strip(),
                "body": r["Type"].strip(),
                "doors": r["Doors"].strip(),
                "image": r["Image Type"].strip(),
            })
    return out


FEED = load()
BY_STOCK = {u["stock"]: u for u in FEED}


def get(stock):
    return BY_STOCK[stock]


def money(n):
    return "${:,}".format(n)


def mi(n):
    return "{:,} mi".format(n)


def trim_s(u):
    return "trim not given in feed" if u["trim"] == GARBAGE_TRIM else u["trim"]


def price_s(u):
    return money(u["price"]) if u["price"] is not None else "no price in feed"


def miles_s(u):
    return mi(u["miles"]) if u["miles"] is not None else "no mileage in feed"


def colour_s(u):
    return u["colour"] if u["colour"] else "no colour in feed"


def drive_conflict(u):
    """Trim text names a drivetrain that disagrees with the Drivetrain field."""
    t = u["trim"].lower().replace("-", " ")
    d = u["drive"].lower()
    words = t.split()
    trim_awd = any(w in words for w in _AWDISH)
    trim_2wd = [w for w in words if w in _2WDISH]
    field_awd = d in ("awd", "4x4")
    if trim_awd and not field_awd:
        return True
    if trim_2wd and field_awd:
        return True
    if trim_2wd and d in ("fwd", "rwd") and trim_2wd[0] in ("fwd", "rwd") and trim_2wd[0] != d:
        return True
    return False


HYBRID_WORDS = ("hybrid", "hev", "plug-in", "prius")


def is_hybrid(u):
    s = (u["model"] + " " + u["trim"]).lower()
    return any(w in s for w in HYBRID_WORDS)


def quirks(u, img=False, trans=False):
    q = []
    if u["trim"] == GARBAGE_TRIM:
        q.append("garbage trim in feed")
    if drive_conflict(u):
        q.append("drivetrain field {} vs trim '{}' (conflict)".format(u["drive"], u["trim"]))
    if is_hybrid(u):
        q.append("hybrid with fuel field {}".format(u["fuel"] or "empty"))
    if not u["fuel"]:
        q.append("no fuel type in feed")
    if u["trans"] == "Manual" and ("ivt" in u["trim"].lower() or "cvt" in u["trim"].lower()):
        q.append("transmission field Manual vs trim '{}' (conflict)".format(u["trim"]))
    if trans and not u["trans"]:
        q.append("no transmission in feed")
    if u["cond"] == "New" and u["miles"] and u["miles"] >= 100:
        q.append("new with {}".format(mi(u["miles"])))
    if img and u["image"] != "Dealer":
        q.append("{} image".format(u["image"].lower()))
    if img and u["image"] == "Dealer":
        q.append("dealer photo")
    return q


def fmt(u, extra=True, img=False, trans=False):
    s = "{} = {} {} {} {} {}, {}, {}, {}".format(
        u["stock"], u["cond"], u["year"], u["make"], u["model"], trim_s(u),
        colour_s(u), miles_s(u), price_s(u))
    if extra:
        q = quirks(u, img=img, trans=trans)
        if q:
            s += " [" + ", ".join(q) + "]"
    return s


def short(u):
    """Compact form for expect items: '25713 (2024 Ioniq 5 Limited AWD, White, $59,277, 10 mi)'."""
    return "{} ({} {} {}, {}, {}, {})".format(
        u["stock"], u["year"], u["model"], trim_s(u), colour_s(u), price_s(u), miles_s(u))


def S(stock, extra=True, img=False, trans=False):
    return fmt(get(stock), extra, img, trans)


def L(units, extra=True, img=False, trans=False):
    if not units:
        return "none"
    return "; ".join(fmt(u, extra, img, trans) for u in units)


def stocks(units):
    return ", ".join(u["stock"] for u in units)


def shorts(units):
    return "; ".join(short(u) for u in units)


def find(cond=None, make=None, model=None, model_in=None, model_has=None, year=None,
         years=None, colour=None, drive=None, awd=None, body=None, fuel=None,
         price_max=None, price_min=None, miles_max=None, has_price=None,
         hybrid=None, trim_has=None, sort=None, pred=None):
    out = []
    for u in FEED:
        if cond and u["cond"] != cond:
            continue
        if make and u["make"].lower() != make.lower():
            continue
        if model and u["model"].lower() != model.lower():
            continue
        if model_in and u["model"].lower() not in [m.lower() for m in model_in]:
            continue
        if model_has and model_has.lower() not in u["model"].lower():
            continue
        if year and u["year"] != year:
            continue
        if years and u["year"] not in years:
            continue
        if colour and u["colour"].lower() != colour.lower():
            continue
        if drive and u["drive"].lower() != drive.lower():
            continue
        if awd is True and u["drive"] not in ("AWD", "4X4"):
            continue
        if awd is False and u["drive"] in ("AWD", "4X4"):
            continue
        if body and u["body"].lower() != body.lower():
            continue
        if fuel and u["fuel"].lower() != fuel.lower():
            continue
        if has_price is True and u["price"] is None:
            continue
        if has_price is False and u["price"] is not None:
            continue
        if price_max is not None and (u["price"] is None or u["price"] > price_max):
            continue
        if price_min is not None and (u["price"] is None or u["price"] < price_min):
            continue
        if miles_max is not None and (u["miles"] is None or u["miles"] > miles_max):
            continue
        if hybrid is not None and is_hybrid(u) != hybrid:
            continue
        if trim_has and trim_has.lower() not in u["trim"].lower():
            continue
        if pred and not pred(u):
            continue
        out.append(u)
    if sort == "price":
        out.sort(key=lambda u: (u["price"] is None, u["price"] or 0))
    elif sort == "miles":
        out.sort(key=lambda u: (u["miles"] is None, u["miles"] or 0))
    elif sort == "-year":
        out.sort(key=lambda u: -u["year"])
    return out


def cheapest(units):
    p = [u for u in units if u["price"] is not None]
    return min(p, key=lambda u: u["price"]) if p else None


def lowest_miles(units):
    p = [u for u in units if u["miles"] is not None]
    return min(p, key=lambda u: u["miles"]) if p else None


def pdiff(a, b):
    """'price difference A vs B = $X' (absolute)."""
    ua, ub = get(a), get(b)
    return "price difference {} vs {} = {}".format(a, b, money(abs(ua["price"] - ub["price"])))


def mdiff(a, b):
    ua, ub = get(a), get(b)
    return "mileage difference {} vs {} = {}".format(a, b, mi(abs(ua["miles"] - ub["miles"])))


if __name__ == "__main__":
    import sys
    for u in FEED:
        if not sys.argv[1:] or any(a.lower() in fmt(u).lower() for a in sys.argv[1:]):
            print(fmt(u))
