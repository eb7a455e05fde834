"""Feed loader, filter language and unit formatting for eval set "r".

Standard library only. Paths are relative to the set folder (the parent of tools/).

Filter language (used inside {{...}} placeholders in the source files):

    cond & cond & ... | opt, opt

  cond  = field op value
  op    = "="  equals one of the "/"-separated values (case-insensitive; empty value = field missing)
          "!=" equals none of them ("price!=" = has a price)
          "~"  contains one of the "/"-separated values (case-insensitive)
          "!~" contains none of them
          "<" "<=" ">" ">="  numeric (units with the field missing never match)
  field = cond year make model trim color drive fuel miles price stock type trans doors img
          kind   computed: ev | phev | hybrid | gas   (see kind() below)
          awd    computed: yes | no   (feed drivetrain AWD or 4X4)
          clash  computed: yes | no   (trim/drivetrain or trim/transmission disagree, see flags())
          photo  computed: real | stock | placeholder | shared   (see photo())
  opts  = sort=price|miles|year|stock   desc   n=N (first N)   i=N (only the N-th, 0-based)
"""
import csv
import os
import re

SET_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the repository's copy of the shared feed (the set was written against a byte-identical copy, pinned below)
FEED_PATH = os.path.join(SET_DIR, "..", "..", "..", "tests", "fixtures", "inventory", "world_hyundai_matteson.tsv")
FEED_SHA256 = "6156bcb18a1b619bb71b63fecba3e2f71fcbfbdba404a80c68718d2b46069a86"

FIELDS = {
    "cond": "Condition", "year": "Year", "make": "Make", "model": "Model", "trim": "Trim",
    "color": "Color", "colour": "Color", "drive": "Drivetrain", "fuel": "Fuel Type",
    "miles": "Mileage", "price": "Price", "stock": "stock_number", "type": "Type",
    "trans": "Transmission", "doors": "Doors", "img": "Image Type",
}
NUMERIC = {"year", "miles", "price", "doors"}
GARBAGE_TRIM = "value matchLevel none matchedWords"
EV_MODELS = {"ioniq 5", "ioniq 6", "niro ev"}
PHEV_HINTS = ("prius prime", "plug-in")
HYBRID_HINTS = ("hybrid", "hev")

_ROWS = None


def rows():
    global _ROWS
    if _ROWS is None:
        with open(FEED_PATH, newline="", encoding="utf-8") as f:
            _ROWS = list(csv.DictReader(f, delimiter="\t"))
    return _ROWS


def by_stock():
    return {r["stock_number"]: r for r in rows()}


def num(v):
    v = (v or "").replace("$", "").replace(",", "").strip()
    if not v:
        return None
    return int(float(v))


def price(r):
    return num(r["Price"])


def miles(r):
    return num(r["Mileage"])


def kind(r):
    name = (r["Model"] + " " + r["Trim"]).lower()
    if r["Model"].lower() in EV_MODELS:
        return "ev"
    if any(h in name for h in PHEV_HINTS):
        return "phev"
    if any(re.search(r"\b" + h + r"\b", name) for h in HYBRID_HINTS) or r["Fuel Type"] == "Hybrid":
        return "hybrid"
    return "gas"


def trim_drive(r):
    t = " " + r["Trim"].lower() + " "
    if re.search(r"\b(awd|4x4|4wd|xdrive\w*|quattro|4motion)\b", t):
        return "AWD"
    if re.search(r"\b(fwd)\b", t):
        return "FWD"
    if re.search(r"\b(rwd|2wd)\b", t):
        return "RWD"
    return None


SHARED_IMG = None


def photo(r):
    global SHARED_IMG
    if SHARED_IMG is None:
        from collections import Counter
        c = Counter(x["Image URL"] for x in rows())
        SHARED_IMG = {u for u, n in c.items() if n > 1}
    if r["Image URL"] in SHARED_IMG:
        return "shared"
    return {"Dealer": "real", "Stock": "stock", "Placeholder": "placeholder"}.get(r["Image Type"], "?")


def flags(r):
    out = []
    td = trim_drive(r)
    d = r["Drivetrain"]
    dd = "AWD" if d in ("AWD", "4X4") else d
    if td and td != dd:
        tword = {"AWD": "AWD/4x4", "FWD": "FWD", "RWD": "RWD/2WD"}[td]
        out.append("trim says %s but feed drivetrain is %s" % (tword, d))
    elif not td and d == "RWD" and r["Make"] == "Hyundai":
        out.append("feed drivetrain RWD, which this model is not sold with")
    k = kind(r)
    if k in ("hybrid", "phev") and r["Fuel Type"] != "Hybrid":
        out.append("%s, but feed fuel type is '%s'" % ("plug-in hybrid" if k == "phev" else "hybrid",
                                                      r["Fuel Type"] or "(empty)"))
    if not r["Fuel Type"]:
        out.append("fuel type not in feed")
    if re.search(r"\b(ivt|cvt)\b", r["Trim"].lower()) and r["Transmission"] == "Manual":
        out.append("trim says IVT (automatic) but feed transmission is 'Manual'")
    return out


def clash(r):
    return any(f.startswith("trim says") or f.startswith("feed drivetrain") for f in flags(r))


def money(v):
    return "${:,}".format(v)


def mi(v):
    return "{:,} mi".format(v)


def desc(r, show=()):
    trim = "(trim not given in feed)" if r["Trim"] == GARBAGE_TRIM else r["Trim"]
    parts = ["%s = %s %s %s %s %s" % (r["stock_number"], r["Condition"], r["Year"], r["Make"], r["Model"], trim)]
    parts.append(r["Color"] or "colour not in feed")
    parts.append("drive " + r["Drivetrain"])
    m = miles(r)
    parts.append(mi(m) if m is not None else "mileage not in feed")
    p = price(r)
    parts.append(money(p) if p is not None else "no price in feed")
    if "trans" in show:
        parts.append("transmission " + (r["Transmission"] or "not in feed"))
    if "fuel" in show:
        parts.append("fuel type " + (r["Fuel Type"] or "not in feed"))
    if "img" in show:
        parts.append({"real": "dealer photo", "stock": "stock photo only",
                      "placeholder": "placeholder image", "shared": "generic image shared by 25 units"}[photo(r)])
    s = ", ".join(parts)
    f = flags(r)
    if f:
        s += " [" + " / ".join(f) + "]"
    return s


def value(r, field):
    if field == "kind":
        return kind(r)
    if field == "awd":
        return "yes" if r["Drivetrain"] in ("AWD", "4X4") else "no"
    if field == "clash":
        return "yes" if clash(r) else "no"
    if field == "photo":
        return photo(r)
    col = FIELDS[field]
    if field in NUMERIC:
        return num(r[col])
    return r[col]


_OPS = ["!=", "!~", ">=", "<=", "=", "~", "<", ">"]


def parse_cond(c):
    c = c.strip()
    for op in _OPS:
        i = c.find(op)
        if i > 0:
            field = c[:i].strip().lower()
            val = c[i + len(op):].strip()
            if field not in FIELDS and field not in ("kind", "awd", "clash", "photo"):
                raise ValueError("unknown field %r in %r" % (field, c))
            return field, op, val
    raise ValueError("bad condition %r" % c)


def match(r, field, op, val):
    v = value(r, field)
    if op in ("<", "<=", ">", ">="):
        if v is None:
            return False
        x = num(val.replace("k", "000")) if val.endswith("k") else num(val)
        return {"<": v < x, "<=": v <= x, ">": v > x, ">=": v >= x}[op]
    sv = "" if v is None else str(v).lower()
    alts = [a.strip().lower() for a in val.split("/")] if val else [""]
    if op == "=":
        return sv in alts
    if op == "!=":
        return sv not in alts
    if op == "~":
        return any(a in sv for a in alts)
    if op == "!~":
        return not any(a in sv for a in alts)
    raise ValueError(op)


def query(spec):
    """Return the list of feed rows matching a filter spec (see module doc)."""
    spec = spec.strip()
    opts = ""
    if "|" in spec:
        spec, opts = spec.split("|", 1)
    conds = [parse_cond(c) for c in spec.split("&") if c.strip()] if spec.strip() and spec.strip() != "*" else []
    out = [r for r in rows() if all(match(r, *c) for c in conds)]
    o = {}
    for item in opts.split(","):
        item = item.strip()
        if not item:
            continue
        if "=" in item:
            k, v = item.split("=", 1)
            o[k.strip()] = v.strip()
        else:
            o[item] = True
    key = o.get("sort")
    if key:
        big = 10 ** 12

        def sk(r):
            v = value(r, key)
            if key in NUMERIC:
                return (v is None, v if v is not None else big, r["stock_number"])
            return (v is None, str(v), r["stock_number"])
        out.sort(key=sk, reverse=False)
        if o.get("desc"):
            have = [r for r in out if value(r, key) is not None]
            miss = [r for r in out if value(r, key) is None]
            out = list(reversed(have)) + miss
    if "n" in o:
        out = out[: int(o["n"])]
    if "i" in o:
        i = int(o["i"])
        out = out[i:i + 1]
    return out


if __name__ == "__main__":
    import sys
    for r in query(" ".join(sys.argv[1:]) or "*"):
        print(desc(r, show=("trans", "fuel", "img")))
