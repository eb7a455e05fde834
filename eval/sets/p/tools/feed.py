"""Inventory feed access for set p (standard library only).

Loads the dealership TSV, formats vehicle descriptors in the canonical forms used in
notes/expect, and evaluates the small filter language used by the data files.

Filter language: clauses separated by ';', each key=value. Values may list alternatives
with '|'. Keys:
  cond, year, make, model, type, fuel, trans, drive, color   exact match (case-insensitive),
                                                             'color=' with empty value = no colour
  modelhas, trimhas                                          substring (case-insensitive)
  minyear, maxyear, minprice, maxprice, minmiles, maxmiles   numeric bounds (inclusive);
                                                             a price/miles bound excludes units
                                                             whose value is missing in the feed
  priced=1|0, hasmiles=1|0                                   value present / missing
  hybrid=1                                                   hybrid by model/trim wording
                                                             (Hybrid, HEV, 530e, Prius), whatever
                                                             the feed's Fuel Type says
  notstock=A|B                                               exclude stock numbers
  stock=A|B                                                  explicit stock numbers
  sort=price|-price|miles|-miles|year|-year                  order (missing values last)
  limit=N                                                    keep the first N after sorting
"""
import csv
import os

DEFAULT_FEED = "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv"
GARBAGE_TRIM = "value matchLevel none matchedWords"
COLOURS = ["White", "Black", "Grey", "Blue", "Red", "Green", "Brown", "Burgundy", "Orange"]


def feed_path():
    return os.environ.get("SET_P_FEED", DEFAULT_FEED)


def money(v):
    return "${:,}".format(v)


def miles_fmt(v):
    return "{:,} mi".format(v)


class Feed:
    def __init__(self, path=None):
        path = path or feed_path()
        with open(path, newline="", encoding="utf-8") as fh:
            self.rows = list(csv.DictReader(fh, delimiter="\t"))
        self.by_stock = {}
        for r in self.rows:
            r["_price"] = int(float(r["Price"].replace("$", "").replace(",", ""))) if r["Price"].strip() else None
            r["_miles"] = int(r["Mileage"]) if r["Mileage"].strip() else None
            r["_year"] = int(r["Year"])
            r["_garbage_trim"] = r["Trim"].strip() == GARBAGE_TRIM
            self.by_stock[r["stock_number"]] = r

    def __contains__(self, stock):
        return stock in self.by_stock

    def get(self, stock):
        return self.by_stock[stock]

    # ---------------------------------------------------------------- descriptors
    def name(self, r, with_cond=True):
        parts = []
        if with_cond:
            parts.append(r["Condition"])
        parts += [r["Year"], r["Make"], r["Model"]]
        s = " ".join(parts)
        if r["_garbage_trim"]:
            return s + ", trim not given in feed"
        return s + " " + r["Trim"]

    def components(self, r, extras="", with_cond=True):
        comps = [self.name(r, with_cond)]
        comps.append(r["Color"] if r["Color"] else "colour not in feed")
        comps.append(miles_fmt(r["_miles"]) if r["_miles"] is not None else "mileage not in feed")
        comps.append(money(r["_price"]) if r["_price"] is not None else "no price in feed")
        for flag in extras:
            if flag == "d":
                comps.append("drivetrain " + r["Drivetrain"])
            elif flag == "f":
                comps.append("fuel " + (r["Fuel Type"] or "not in feed"))
            elif flag == "t":
                comps.append("transmission " + (r["Transmission"] or "not in feed"))
            elif flag == "i":
                comps.append("image type " + r["Image Type"])
            elif flag == "k":
                comps.append("body " + r["Type"])
            else:
                raise ValueError("unknown descriptor flag %r" % flag)
        return comps

    def long_desc(self, stock, extras=""):
        r = self.get(stock)
        return "%s = %s" % (stock, ", ".join(self.components(r, extras)))

    def short_desc(self, stock, extras=""):
        r = self.get(stock)
        return "%s (%s)" % (stock, ", ".join(self.components(r, extras, with_cond=False)))

    # ---------------------------------------------------------------- filters
    @staticmethod
    def parse_filter(spec):
        out = []
        for clause in spec.split(";"):
            clause = clause.strip()
            if not clause:
                continue
            if "=" not in clause:
                raise ValueError("bad filter clause %r in %r" % (clause, spec))
            k, v = clause.split("=", 1)
            out.append((k.strip(), v.strip()))
        return out

    def filter(self, spec):
        clauses = self.parse_filter(spec)
        rows = list(self.rows)
        sort_key = None
        limit = None
        exact = {"cond": "Condition", "year": "Year", "make": "Make", "model": "Model", "type": "Type",
                 "fuel": "Fuel Type", "trans": "Transmission", "drive": "Drivetrain", "color": "Color"}
        for k, v in clauses:
            alts = [a.strip().lower() for a in v.split("|")]
            if k in exact:
                col = exact[k]
                rows = [r for r in rows if r[col].strip().lower() in alts]
            elif k == "modelhas":
                rows = [r for r in rows if any(a in r["Model"].lower() for a in alts)]
            elif k == "trimhas":
                rows = [r for r in rows if any(a in r["Trim"].lower() for a in alts)]
            elif k in ("minyear", "maxyear"):
                n = int(v)
                rows = [r for r in rows if (r["_year"] >= n if k == "minyear" else r["_year"] <= n)]
            elif k in ("minprice", "maxprice", "minmiles", "maxmiles"):
                n = int(v)
                f = "_price" if "price" in k else "_miles"
                rows = [r for r in rows if r[f] is not None and (r[f] >= n if k.startswith("min") else r[f] <= n)]
            elif k == "priced":
                rows = [r for r in rows if (r["_price"] is not None) == (v == "1")]
            elif k == "hasmiles":
                rows = [r for r in rows if (r["_miles"] is not None) == (v == "1")]
            elif k == "hybrid":
                rows = [r for r in rows if self.is_hybrid(r) == (v == "1")]
            elif k == "notstock":
                rows = [r for r in rows if r["stock_number"] not in v.split("|")]
            elif k == "stock":
                wanted = v.split("|")
                for w in wanted:
                    if w not in self.by_stock:
                        raise ValueError("filter names unknown stock %r" % w)
                rows = [self.by_stock[w] for w in wanted]
            elif k == "sort":
                sort_key = v
            elif k == "limit":
                limit = int(v)
            else:
                raise ValueError("unknown filter key %r in %r" % (k, spec))
        if sort_key:
            rev = sort_key.startswith("-")
            f = {"price": "_price", "miles": "_miles", "year": "_year"}[sort_key.lstrip("-")]
            have = [r for r in rows if r[f] is not None]
            missing = [r for r in rows if r[f] is None]
            have.sort(key=lambda r: r[f], reverse=rev)
            rows = have + missing
        if limit is not None:
            rows = rows[:limit]
        return [r["stock_number"] for r in rows]

    @staticmethod
    def is_hybrid(r):
        text = (r["Model"] + " " + r["Trim"]).lower()
        return ("hybrid" in text or " hev" in " " + text or "530e" in text or "prius" in text
                or r["Fuel Type"].lower() == "hybrid")
