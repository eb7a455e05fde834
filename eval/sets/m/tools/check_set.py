#!/usr/bin/env python3
"""Independent cross-check of set m against the feed TSV.

Re-reads the TSV itself (does not import feed.py or build_set.py) and checks:
 1. schema, unique ids, unique texts, handover <-> reason, language codes;
 2. every stock-like token in any text/notes/customer/expect exists in the feed (case-insensitive),
    except real Illinois ZIP codes from an explicit list;
 3. every full unit description "stock = ..." (notes) or "stock (New|Used ...)" (expect) equals the feed;
 4. every "$" figure and every "<n> mi" figure in notes/expect belongs to the nearest preceding stock
    number in the same clause (split on ';' and on expect items) and equals that unit's feed price/miles;
    figures with no preceding stock number must be on the explicit allowlist (budgets, offers, gaps);
 5. phone numbers are 555-01xx; no figure claims a price/mileage for a unit the feed lacks;
 6. conversation shape: 3-7 turns, non-empty expect lists, each turn states its handover expectation.
Exit code 1 on any failure.
"""
import collections
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
TSV = "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv"

TRUE = {"complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation", "human_request",
        "appointment_time", "frustration", "financing_details", "trade_in_firm", "other_handover"}
FALSE = {"availability", "features", "price_question", "financing_general", "hours_location", "photos", "mileage",
         "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai"}
LANGS = {"en", "es", "pl", "uk", "ar", "zh", "pt", "fr", "hi"}
IL_ZIPS = {"60443": "Matteson", "60471": "Richton Park"}
# $ figures that are not a unit's price (customer budgets, offers, price gaps) and are allowed
# only where no stock number precedes them in the clause.
ALLOWED_FREE_DOLLARS = {"$35,000", "$25,000", "$20,000", "$40,000", "$15,000", "$36,000", "$17,000",
                        "$383", "$2", "$45k", "$25k", "$20k"}

STOCK_RE = re.compile(r"(?<![\w$])([A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]?)(?!\w)")
DOLLAR_RE = re.compile(r"\$\d{1,3}(?:,\d{3})*(?:k\b)?")
MILES_RE = re.compile(r"(?<![\w.$,])(\d{1,3}(?:,\d{3})*) mi\b")
PHONE_RE = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b")

errors = []
stats = collections.Counter()


def err(where, msg):
    errors.append(f"{where}: {msg}")


# ------------------------------------------------------------------ feed
rows = list(csv.DictReader(open(TSV, newline=""), delimiter="\t"))
assert len(rows) == 143, len(rows)
FEED = {r["stock_number"].upper(): r for r in rows}


def f_price(r):
    p = r["Price"].strip()
    if not p:
        return None
    return "$" + format(int(round(float(p.replace("$", "").replace(",", "")))), ",")


def f_miles(r):
    m = r["Mileage"].strip()
    return None if not m else format(int(m), ",") + " mi"


def f_desc(r):
    trim = r["Trim"]
    if trim == "value matchLevel none matchedWords":
        trim = "(trim not given in feed)"
    col = r["Color"].strip() or "colour not in feed"
    miles = f_miles(r) or "mileage not in feed"
    price = f_price(r) or "no price in feed"
    return f'{r["Condition"]} {r["Year"]} {r["Make"]} {r["Model"]} {trim}, {col}, {miles}, {price}'


def stock_tokens(text):
    out = []
    for m in STOCK_RE.finditer(text):
        tok = m.group(1)
        if tok.isdigit() and tok in IL_ZIPS:
            stats["zip tokens (allowed IL ZIPs)"] += 1
            continue
        out.append((m.start(), tok))
    return out


def check_tokens(where, text):
    for _, tok in stock_tokens(text):
        stats["stock tokens checked"] += 1
        if tok.upper() not in FEED:
            err(where, f"stock-like token {tok!r} not in feed")
    for m in re.finditer(r"\b\d{5}\b", text):
        z = m.group(0)
        if z.startswith("6") and z not in IL_ZIPS:
            err(where, f"5-digit number {z} looks like a ZIP but is not on the IL ZIP list")


def check_phones(where, text):
    for m in PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        stats["phone numbers checked"] += 1
        if not (digits[3:6] == "555" and digits[6:8] == "01"):
            err(where, f"phone {m.group(0)} not in 555-01xx")


def check_figures(where, text):
    """Each $/mi figure must match the nearest preceding stock token of its clause."""
    for clause in text.split(";"):
        toks = stock_tokens(clause)
        for rx, kind in ((DOLLAR_RE, "$"), (MILES_RE, "mi")):
            for m in rx.finditer(clause):
                fig = m.group(0)
                prev = [t for pos, t in toks if pos < m.start()]
                if not prev:
                    if kind == "$" and fig in ALLOWED_FREE_DOLLARS:
                        stats["free $ figures (allowlisted budgets/offers/gaps)"] += 1
                    else:
                        err(where, f"figure {fig!r} with no preceding stock number: {clause.strip()[:90]!r}")
                    continue
                r = FEED.get(prev[-1].upper())
                if r is None:
                    continue
                want = f_price(r) if kind == "$" else f_miles(r)
                stats[f"{kind} figures matched to a stock number"] += 1
                if want is None:
                    err(where, f"{fig} given for {prev[-1]} but the feed has no {'price' if kind == '$' else 'mileage'}")
                elif fig != want:
                    err(where, f"{fig} for {prev[-1]} but feed says {want}")


def check_notes_units(where, notes):
    for m in re.finditer(r"stock: (\S+) = ([^;\[]+?)(?=\s*(?:\[|;|$))", notes):
        stats["note unit lines checked"] += 1
        r = FEED.get(m.group(1).upper())
        if r is None:
            err(where, f"note unit {m.group(1)} not in feed")
            continue
        if m.group(2).strip() != f_desc(r):
            err(where, f"note unit {m.group(1)}: {m.group(2).strip()!r} != feed {f_desc(r)!r}")


def check_expect_units(where, text):
    for m in re.finditer(r"(?<![\w(])([A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]?) \(((?:New|Used) [^)]*(?:\([^)]*\)[^)]*)?)\)", text):
        stats["expect unit descriptions checked"] += 1
        r = FEED.get(m.group(1).upper())
        if r is None:
            err(where, f"expect unit {m.group(1)} not in feed")
            continue
        if m.group(2) != f_desc(r):
            err(where, f"expect unit {m.group(1)}: {m.group(2)!r} != feed {f_desc(r)!r}")


# ------------------------------------------------------------------ messages
msgs = [json.loads(l) for l in open(os.path.join(SET, "messages.jsonl"), encoding="utf-8")]
ids, texts = set(), set()
for m in msgs:
    w = m.get("id", "?")
    keys = set(m)
    if not {"id", "text", "handover", "reason", "language"} <= keys or keys - {"id", "text", "handover", "reason", "language", "notes"}:
        err(w, f"bad keys {sorted(keys)}")
    if m["id"] in ids:
        err(w, "duplicate id")
    ids.add(m["id"])
    norm = re.sub(r"\W+", " ", m["text"].lower()).strip()
    if norm in texts:
        err(w, "duplicate text")
    texts.add(norm)
    if m["reason"] not in TRUE | FALSE:
        err(w, f"unknown reason {m['reason']}")
    elif m["handover"] != (m["reason"] in TRUE):
        err(w, "handover does not match reason")
    if m["language"] not in LANGS:
        err(w, f"language {m['language']}")
    check_tokens(w + " text", m["text"])
    check_phones(w + " text", m["text"])
    if "notes" in m:
        check_tokens(w + " notes", m["notes"])
        check_figures(w + " notes", m["notes"])
        check_notes_units(w + " notes", m["notes"])

# ------------------------------------------------------------------ conversations
convs = [json.loads(l) for l in open(os.path.join(SET, "conversations.jsonl"), encoding="utf-8")]
HO_MARKERS = ("Handover to a human", "No handover", "Handover not yet required", "Handover optional")
for c in convs:
    w = c.get("id", "?")
    if set(c) != {"id", "language", "turns"}:
        err(w, f"bad keys {sorted(c)}")
    if not 3 <= len(c["turns"]) <= 7:
        err(w, f"{len(c['turns'])} turns")
    for i, t in enumerate(c["turns"], 1):
        tw = f"{w} turn {i}"
        if set(t) != {"customer", "expect"} or not t["expect"]:
            err(tw, "bad turn")
        check_tokens(tw + " customer", t["customer"])
        check_phones(tw + " customer", t["customer"])
        if sum(1 for e in t["expect"] if e.startswith(HO_MARKERS)) != 1:
            err(tw, "needs exactly one handover expectation")
        for e in t["expect"]:
            stats["expect items"] += 1
            check_tokens(tw + " expect", e)
            check_figures(tw + " expect", e)
            check_expect_units(tw + " expect", e)

# ------------------------------------------------------------------ report
cnt = collections.Counter(m["reason"] for m in msgs)
print(f"messages: {len(msgs)}  true={sum(m['handover'] for m in msgs)}  false={sum(not m['handover'] for m in msgs)}"
      f"  HARD={sum(1 for m in msgs if m.get('notes', '').startswith('HARD:'))}")
print("languages:", dict(collections.Counter(m["language"] for m in msgs).most_common()))
print(f"conversations: {len(convs)}  turns={sum(len(c['turns']) for c in convs)}  languages:",
      dict(collections.Counter(c["language"] for c in convs)))
for k, v in sorted(stats.items()):
    print(f"  {k}: {v}")
if errors:
    print(f"\n{len(errors)} ERRORS")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("\ncross-check OK: 0 errors")
