#!/usr/bin/env python3
"""Independent re-check of set V against the inventory feed.

Re-implements loading and querying (does not import feed.py/tags.py) and verifies:
  * schema, ids, label -> handover mapping, counts, shares (handover, HARD, Spanish);
  * conversations: schema, 5-7 turns, expect lists;
  * every unit description after a stock number ("<stock> = ..." / "<stock> (...)") equals the feed;
  * every [kind: query] {...} block equals a fresh evaluation of the query;
  * every stock-like token exists in the feed (or comes from customer text / is a model year);
  * every $ / mileage / 'k' figure outside a verified description is a verified price difference or a customer's own figure;
  * every stock mentioned in a record is described at least once in that record;
  * README counts table matches the data.
Prints the problems and finally 'N problems'.
"""
import collections
import csv
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEED = os.environ.get("FEED_TSV", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")
PROBLEMS = []


def problem(where, msg):
    PROBLEMS.append(f"{where}: {msg}")


# ------------------------------------------------------------------ feed
with open(FEED, newline="", encoding="utf-8") as f:
    ROWS = list(csv.DictReader(f, delimiter="\t"))
BY = {r["stock_number"]: r for r in ROWS}
YEARS = {r["Year"] for r in ROWS}


def price(r):
    p = r["Price"].strip()
    return int(round(float(p.replace("$", "").replace(",", "")))) if p else None


def miles(r):
    m = r["Mileage"].strip()
    return int(m) if m else None


def desc(r):
    trim = "(trim not given in feed)" if r["Trim"] == "value matchLevel none matchedWords" else r["Trim"]
    col = r["Color"] or "colour not given in feed"
    mi = f"{miles(r):,} mi" if miles(r) is not None else "mileage not given in feed"
    pr = f"${price(r):,}" if price(r) is not None else "no price in feed"
    return f"{r['Condition']} {r['Year']} {r['Make']} {r['Model']} {trim}, {col}, {mi}, {pr}"


def qmatch(r, q):
    for k, v in q.items():
        alts = [a.strip().lower() for a in v.split("|")]
        field = {"stock": "stock_number", "cond": "Condition", "make": "Make", "model": "Model", "color": "Color",
                 "drive": "Drivetrain", "fuel": "Fuel Type", "type": "Type", "trans": "Transmission"}
        if k in field:
            if r[field[k]].strip().lower() not in alts:
                return False
        elif k == "trim~":
            if not any(a in r["Trim"].lower() for a in alts):
                return False
        elif k == "name~":
            name = f"{r['Make']} {r['Model']} {r['Trim']}".lower()
            if not any(a in name for a in alts):
                return False
        elif k == "year":
            if r["Year"] not in alts:
                return False
        elif k in ("minyear", "maxyear"):
            y = int(r["Year"])
            if (k == "minyear" and y < int(v)) or (k == "maxyear" and y > int(v)):
                return False
        elif k in ("minprice", "maxprice"):
            p = price(r)
            if p is None or (k == "minprice" and p < int(v)) or (k == "maxprice" and p > int(v)):
                return False
        elif k in ("minmiles", "maxmiles"):
            m = miles(r)
            if m is None or (k == "minmiles" and m < int(v)) or (k == "maxmiles" and m > int(v)):
                return False
        elif k == "priced":
            if (price(r) is not None) != (alts[0] == "yes"):
                return False
        elif k == "image":
            if v.strip() not in BY or r["Image URL"] != BY[v.strip()]["Image URL"]:
                return False
        else:
            raise ValueError("unknown query key " + k)
    return True


def run(kind, q):
    res = [r for r in ROWS if qmatch(r, q)]
    if kind in ("cheapest", "priciest"):
        res = [r for r in res if price(r) is not None]
        if res:
            b = (min if kind == "cheapest" else max)(price(r) for r in res)
            res = [r for r in res if price(r) == b]
    elif kind in ("newest", "oldest"):
        if res:
            b = (max if kind == "newest" else min)(int(r["Year"]) for r in res)
            res = [r for r in res if int(r["Year"]) == b]
    elif kind in ("lowest-miles", "most-miles"):
        res = [r for r in res if miles(r) is not None]
        if res:
            b = (min if kind == "lowest-miles" else max)(miles(r) for r in res)
            res = [r for r in res if miles(r) == b]
    return res


# ------------------------------------------------------------- text checks
TAG = re.compile(r"\[(all|some|none|cheapest|priciest|newest|oldest|lowest-miles|most-miles|colors|count): ([^\]]*)\] \{([^}]*)\}")
TOKEN = re.compile(r"(?<![\w$])([A-Za-z]{0,2}\d{4,5}[A-Za-z]?)(?!\w)")
DIFFRE = re.compile(r"price difference \((\S+) minus (\S+)\) is \$([\d,]+)")
MONEY = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?\s?[kK]?")
MILES = re.compile(r"\b\d[\d,]*\s?(?:mi|miles)\b")
KAMT = re.compile(r"\b\d+(?:\.\d+)?[kK]\b")
STOCK_SET = set(BY)
MODEL_WORDS = {w for r in ROWS for w in (r["Model"] + " " + r["Trim"]).split()}


def parse_q(qs):
    q = {}
    for part in qs.split(";"):
        part = part.strip()
        if part:
            if "=" not in part:
                raise ValueError("bad query part " + part)
            k, v = part.split("=", 1)
            q[k.strip()] = v.strip()
    return q


def num(s):
    s = s.replace("$", "").replace(",", "").strip()
    mult = 1
    if s.lower().endswith("k"):
        mult, s = 1000, s[:-1]
    return round(float(s) * mult)


def customer_amounts(texts):
    vals = set()
    for t in texts:
        for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", t):
            try:
                v = float(m.group(0).replace(",", ""))
            except ValueError:
                continue
            vals.add(round(v))
            vals.add(round(v * 1000))
    return vals


def check_text(where, text, cust_texts, described, mentioned):
    """Verify one notes string or expect item. Collects described/mentioned stocks."""
    spans = []  # verified spans to blank out before the figure scan
    qspans = [(m.start(), m.start() + len(m.group(1)) + len(m.group(2)) + 4) for m in TAG.finditer(text)]
    # 1. descriptions after stock numbers
    for m in TOKEN.finditer(text):
        if any(s <= m.start() < e for s, e in spans + qspans):
            continue  # inside a verified description or a (re-run) query
        tok = m.group(1)
        if tok in STOCK_SET:
            mentioned.add(tok)
            rest = text[m.end():]
            exp = desc(BY[tok])
            if rest.startswith(" = "):
                if rest[3:3 + len(exp)] != exp:
                    problem(where, f"description of {tok} differs from feed: '{rest[3:3 + len(exp) + 10]}' vs '{exp}'")
                else:
                    described.add(tok)
                    spans.append((m.end() + 3, m.end() + 3 + len(exp)))
            elif rest.startswith(" ("):
                if rest[2:2 + len(exp) + 1] != exp + ")":
                    # a parenthesis after a stock number that is not a description is only allowed if it is short prose
                    if re.match(r" \((New|Used) ", rest):
                        problem(where, f"description of {tok} differs from feed: '{rest[2:2 + len(exp) + 10]}' vs '{exp}'")
                else:
                    described.add(tok)
                    spans.append((m.end() + 2, m.end() + 2 + len(exp)))
        else:
            joined = " ".join(cust_texts)
            if tok in MODEL_WORDS:
                continue
            if re.fullmatch(r"(19|20)\d\ds?", tok):
                if tok.rstrip("s") not in YEARS and tok.rstrip("s") not in joined and tok != "2026":
                    problem(where, f"year {tok} is neither a feed year nor in customer text")
            elif tok not in joined:
                problem(where, f"stock-like token {tok} not in feed and not from the customer")
    # 2. tag blocks
    for m in TAG.finditer(text):
        kind, qs, body = m.group(1), m.group(2), m.group(3)
        try:
            q = parse_q(qs)
            res = run("all" if kind in ("some", "none", "colors", "count") else kind, q)
        except (ValueError, KeyError) as e:
            problem(where, f"bad query [{kind}: {qs}]: {e}")
            continue
        listed = [t for t in TOKEN.findall(body) if t in STOCK_SET]
        got = {r["stock_number"] for r in res}
        if kind == "none":
            if res:
                problem(where, f"[none: {qs}] but feed has {sorted(got)}")
            if body != "none in stock":
                problem(where, f"[none: {qs}] body should be 'none in stock'")
        elif kind == "colors":
            cols = sorted({r["Color"] or "(not given)" for r in res})
            if body != ", ".join(cols):
                problem(where, f"[colors: {qs}] says {{{body}}}, feed gives {{{', '.join(cols)}}}")
        elif kind == "count":
            if body != str(len(res)):
                problem(where, f"[count: {qs}] says {body}, feed gives {len(res)}")
            spans.append((m.start(), m.end()))
        elif kind == "some":
            if not listed:
                problem(where, f"[some: {qs}] lists no units")
            for t in listed:
                if t not in got:
                    problem(where, f"[some: {qs}] lists {t} which does not match")
        else:
            if set(listed) != got or len(listed) != len(got):
                problem(where, f"[{kind}: {qs}] lists {sorted(listed)}, feed gives {sorted(got)}")
        spans.append((m.start(), m.start() + len(kind) + len(qs) + 4))  # the query text itself
    # 3. verified price differences
    for m in DIFFRE.finditer(text):
        a, b, v = m.group(1), m.group(2), num(m.group(3))
        if a not in BY or b not in BY or price(BY[a]) is None or price(BY[b]) is None:
            problem(where, f"price difference with unknown/unpriced unit: {m.group(0)}")
        elif price(BY[a]) - price(BY[b]) != v:
            problem(where, f"price difference {a}-{b} should be {price(BY[a]) - price(BY[b])}, says {v}")
        spans.append((m.start(), m.end()))
    # 4. figures outside verified spans
    blank = list(text)
    for s, e in spans:
        for i in range(s, min(e, len(blank))):
            blank[i] = " "
    rest = "".join(blank)
    allowed = customer_amounts(cust_texts)
    for rx in (MONEY, MILES, KAMT):
        for m in rx.finditer(rest):
            raw = re.sub(r"\s?(mi|miles)$", "", m.group(0))
            try:
                v = num(raw)
            except ValueError:
                problem(where, f"unparsable figure {m.group(0)}")
                continue
            if v not in allowed:
                problem(where, f"figure '{m.group(0)}' is not from the feed or the customer")


# ------------------------------------------------------------------ main
HANDOVER = {
    "complaint": True, "existing_customer_issue": True, "legal_threat": True, "ready_to_buy": True,
    "negotiation": True, "human_request": True, "appointment_time": True, "frustration": True,
    "financing_details": True, "trade_in_firm": True, "other_handover": True,
    "availability": False, "features": False, "price_question": False, "financing_general": False,
    "hours_location": False, "photos": False, "mileage": False, "comparison": False, "browsing": False,
    "small_talk": False, "vehicle_facts": False, "other_ai": False,
}
LANGS = {"en", "es", "pl", "ar", "vi", "tl", "ko", "uk", "fr", "zh"}
INVENTORY_REASONS = {"availability", "price_question", "mileage", "photos", "ready_to_buy"}


def main():
    # -------- messages
    msgs = []
    with open(os.path.join(ROOT, "messages.jsonl"), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                msgs.append(json.loads(line))
            except json.JSONDecodeError as e:
                problem(f"messages line {i}", f"bad JSON {e}")
    if len(msgs) < 170:
        problem("messages", f"only {len(msgs)} messages")
    texts = set()
    for i, m in enumerate(msgs, 1):
        w = m.get("id", f"line {i}")
        if set(m) != {"id", "text", "handover", "reason", "language", "notes"}:
            problem(w, f"keys {sorted(m)}")
            continue
        if m["id"] != f"v{i:03d}":
            problem(w, f"id out of sequence (expected v{i:03d})")
        if m["text"] in texts:
            problem(w, "duplicate text")
        texts.add(m["text"])
        if m["reason"] not in HANDOVER:
            problem(w, f"unknown reason {m['reason']}")
        elif m["handover"] is not HANDOVER[m["reason"]]:
            problem(w, "handover does not match reason")
        if m["language"] not in LANGS:
            problem(w, f"language {m['language']}")
        if m["language"] != "en" and "Gloss:" not in m["notes"] and m["language"] != "es":
            problem(w, "non-English message without Gloss")
        if m["language"] == "es" and "Gloss:" not in m["notes"] and "Spanglish" not in m["notes"]:
            pass  # plain Spanish may carry a gloss or not
        if m["notes"].count("HARD:") and not m["notes"].startswith("HARD:"):
            problem(w, "HARD: must come first in notes")
        if m["reason"] in INVENTORY_REASONS and "[" not in m["notes"] and "General" not in m["notes"]:
            problem(w, "inventory message without a tagged unit list")
        described, mentioned = set(), set()
        check_text(w, m["notes"], [m["text"]], described, mentioned)
        for s in mentioned - described:
            problem(w, f"stock {s} mentioned but never described")
    n = len(msgs)
    ho = sum(1 for m in msgs if m.get("handover") is True)
    hard = sum(1 for m in msgs if m.get("notes", "").startswith("HARD:"))
    es = sum(1 for m in msgs if m.get("language") == "es")
    if not 0.42 <= ho / n <= 0.58:
        problem("messages", f"handover share {ho}/{n}")
    if not 0.20 <= hard / n <= 0.32:
        problem("messages", f"HARD share {hard}/{n}")
    if not 0.12 <= es / n <= 0.18:
        problem("messages", f"Spanish share {es}/{n}")
    runs = sum(1 for a, b in zip(msgs, msgs[1:]) if a.get("reason") == b.get("reason"))
    if runs > n * 0.15:
        problem("messages", f"order does not look shuffled ({runs} adjacent same-reason pairs)")
    for r in HANDOVER:
        if not any(m.get("reason") == r for m in msgs):
            problem("messages", f"reason {r} unused")

    # -------- conversations
    convs = []
    with open(os.path.join(ROOT, "conversations.jsonl"), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                convs.append(json.loads(line))
            except json.JSONDecodeError as e:
                problem(f"conversations line {i}", f"bad JSON {e}")
    if len(convs) < 16:
        problem("conversations", f"only {len(convs)}")
    if sum(1 for c in convs if c.get("language") == "es") < 2:
        problem("conversations", "fewer than 2 Spanish conversations")
    ids = set()
    for c in convs:
        w = c.get("id", "?")
        if set(c) != {"id", "language", "turns"}:
            problem(w, f"keys {sorted(c)}")
            continue
        if w in ids:
            problem(w, "duplicate id")
        ids.add(w)
        if not 5 <= len(c["turns"]) <= 7:
            problem(w, f"{len(c['turns'])} turns")
        described, mentioned = set(), set()
        cust = []
        for j, t in enumerate(c["turns"], 1):
            if set(t) != {"customer", "expect"} or not isinstance(t["expect"], list) or not t["expect"]:
                problem(f"{w} turn {j}", "bad turn schema")
                continue
            cust.append(t["customer"])
            for e in t["expect"]:
                if not isinstance(e, str) or not e.strip():
                    problem(f"{w} turn {j}", "empty expect item")
                    continue
                check_text(f"{w} turn {j}", e, cust, described, mentioned)
                if re.search(r"\b(cheapest|cheaper|newest|newer|lowest|least|fewest)\b", e, re.I) and \
                        TOKEN.search(e) and "[" not in e and not re.search(r"'[^']*(cheap|new|low|least)[^']*'", e):
                    problem(f"{w} turn {j}", f"superlative without a query tag: {e}")
        for s in mentioned - described:
            problem(w, f"stock {s} mentioned but never described")

    # -------- README
    try:
        readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    except OSError:
        problem("README", "missing")
        readme = ""
    cnt = collections.Counter(m.get("reason") for m in msgs)
    hard_r = collections.Counter(m.get("reason") for m in msgs if m.get("notes", "").startswith("HARD:"))
    es_r = collections.Counter(m.get("reason") for m in msgs if m.get("language") == "es")
    for r in HANDOVER:
        row = f"| {r} | {str(HANDOVER[r]).lower()} | {cnt[r]} | {hard_r[r]} | {es_r[r]} |"
        if row not in readme:
            problem("README", f"table row missing or wrong: {row}")
    if f"| **total** | {ho} true / {n - ho} false | {n} | {hard} | {es} |" not in readme:
        problem("README", "total row missing or wrong")
    for tok in TOKEN.findall(readme):
        if re.fullmatch(r"(19|20)\d\ds?", tok) or tok in STOCK_SET or tok in MODEL_WORDS or tok in ("2026", "20261207"):
            continue
        problem("README", f"unknown stock-like token {tok}")
    for needle in ("2026-12-07", "world_hyundai_matteson.tsv", "eval/sets/c/README.md", "inventory/README.md"):
        if needle not in readme:
            problem("README", f"provenance lacks {needle}")

    for p in PROBLEMS:
        print(p)
    print(f"{len(PROBLEMS)} problems")
    return 1 if PROBLEMS else 0


if __name__ == "__main__":
    sys.exit(main())
