"""Feed loader/filter for set Y. Every stock number, price and mileage cited in set Y comes from here."""
import csv, os, re
TSV = os.environ.get("FEED_TSV", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")
GARBAGE_TRIM = "value matchLevel none matchedWords"

def _num(s):
    s = (s or "").strip().replace("$", "").replace(",", "")
    if not s: return None
    try: return int(round(float(s)))
    except ValueError: return None

def load(path=TSV):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            r = {k: (v or "").strip() for k, v in r.items()}
            r["price"] = _num(r["Price"]) if r["Price"] else _num(r["Formatted Price"])
            r["miles"] = _num(r["Mileage"])
            r["year"] = int(r["Year"])
            r["stock"] = r["stock_number"]
            rows.append(r)
    return rows

FEED = load()
BY_STOCK = {r["stock"]: r for r in FEED}

def get(stock):
    return BY_STOCK[stock]

def trim(r):
    t = r["Trim"]
    if not t or GARBAGE_TRIM in t: return "trim not given in feed"
    return t

def fmt_price(r):
    return f"${r['price']:,}" if r["price"] is not None else "no price in feed"

def fmt_miles(r):
    return f"{r['miles']:,} mi" if r["miles"] is not None else "mileage not in feed"

def desc(stock):
    r = get(stock) if isinstance(stock, str) else stock
    col = r["Color"] or "colour not in feed"
    return f"{r['stock']} = {r['Condition']} {r['year']} {r['Make']} {r['Model']} {trim(r)}, {col}, {fmt_miles(r)}, {fmt_price(r)}"

def short(stock):
    r = get(stock) if isinstance(stock, str) else stock
    return f"{r['stock']} ({r['year']} {r['Model']} {trim(r)}, {fmt_price(r)}, {fmt_miles(r)})"

def price(stock): return fmt_price(get(stock))
def miles(stock): return fmt_miles(get(stock))

def find(**kw):
    """Filter: condition, make, model, model_in, year, max_price, min_price, max_miles, color, drivetrain, fuel, type, trim_has"""
    out = []
    for r in FEED:
        if "condition" in kw and r["Condition"].lower() != kw["condition"].lower(): continue
        if "make" in kw and r["Make"].lower() != kw["make"].lower(): continue
        if "model" in kw and r["Model"].lower() != kw["model"].lower(): continue
        if "model_in" in kw and r["Model"].lower() not in [m.lower() for m in kw["model_in"]]: continue
        if "year" in kw and r["year"] != kw["year"]: continue
        if "min_year" in kw and r["year"] < kw["min_year"]: continue
        if "max_price" in kw and (r["price"] is None or r["price"] > kw["max_price"]): continue
        if "min_price" in kw and (r["price"] is None or r["price"] < kw["min_price"]): continue
        if "max_miles" in kw and (r["miles"] is None or r["miles"] > kw["max_miles"]): continue
        if "color" in kw and r["Color"].lower() != kw["color"].lower(): continue
        if "drivetrain_in" in kw and r["Drivetrain"].upper() not in kw["drivetrain_in"]: continue
        if "fuel" in kw and r["Fuel Type"].lower() != kw["fuel"].lower(): continue
        if "type" in kw and r["Type"].lower() != kw["type"].lower(): continue
        if "trim_has" in kw and kw["trim_has"].lower() not in r["Trim"].lower(): continue
        if "no_price" in kw and (r["price"] is None) != kw["no_price"]: continue
        out.append(r)
    key = kw.get("sort")
    if key == "price": out.sort(key=lambda r: (r["price"] is None, r["price"] or 0))
    elif key == "miles": out.sort(key=lambda r: (r["miles"] is None, r["miles"] or 0))
    elif key == "year": out.sort(key=lambda r: r["year"])
    return out

def stocks(rows): return [r["stock"] for r in rows]

if __name__ == "__main__":
    import sys
    for r in FEED:
        print("\t".join([r["stock"], r["Condition"], str(r["year"]), r["Make"], r["Model"], r["Trim"][:28], r["Color"] or "-", r["Drivetrain"] or "-", r["Fuel Type"], r["Type"], r["Transmission"] or "-", fmt_miles(r), fmt_price(r)]))
