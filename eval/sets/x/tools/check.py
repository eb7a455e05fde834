#!/usr/bin/env python3
"""Independent re-verification of set X against the inventory TSV.

Does NOT import feed.py. Reads the TSV with its own parser and checks, in every
`notes` string of messages.jsonl and every `expect` item of conversations.jsonl:

* every stock-number-shaped token exists in the feed (or is declared
  `unknown stock: X` and really is absent);
* text is split into unit segments (from a stock number up to the next stock
  number or `;`); inside a unit segment every `$N` must equal that unit's price,
  every `N mi` its mileage, `= <Condition> <Year>` must match, colour words must
  match the unit's colour, `drivetrain field X` must match, and the phrases
  `no price in feed` / `no mileage in feed` / `no colour in feed` must be true;
* `price difference A vs B = $X` and `mileage difference A vs B = N mi` are
  recomputed;
* outside unit segments a `$` or `mi` figure is only allowed as a customer
  figure: inside double quotes, per-month (`/mo`), or after a threshold word.
Also checks schema, ids, handover==f(reason), and conversation shape.
Prints every problem and finally "<n> problems".
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)
TSV = os.environ.get("FEED_TSV", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")

TRUE_REASONS = {"complaint", "existing_customer_issue", "legal_threat", "ready_to_buy",
                "negotiation", "human_request", "appointment_time", "frustration",
                "financing_details", "trade_in_firm", "other_handover"}
FALSE_REASONS = {"availability", "features", "price_question", "financing_general",
                 "hours_location", "photos", "mileage", "comparison", "browsing",
                 "small_talk", "vehicle_facts", "other_ai"}
COLOURS = {"white", "black", "grey", "gray", "blue", "red", "green", "brown",
           "burgundy", "orange", "silver", "beige", "gold", "yellow", "purple", "maroon"}
THRESH = re.compile(r"(under|below|over|above|budget|max|maximum|target|offer|offers|"
                    r"at most|less than|more than|up to|around|about|cap|limit|within|"
                    r"no more than|≤|<|>|≥)\s*$", re.I)

VERDICTS = ("Handover to a human (", "Handover not yet required", "Handover optional", "No handover")
problems = []


def bad(where, msg):
    problems.append("{}: {}".format(where, msg))


def num(s):
    return int(round(float(s.replace("$", "").replace(",", ""))))


feed = {}
with open(TSV, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        feed[r["stock_number"].strip()] = {
            "price": num(r["Price"]) if r["Price"].strip() else None,
            "miles": num(r["Mileage"]) if r["Mileage"].strip() else None,
            "colour": r["Color"].strip().lower(),
            "year": r["Year"].strip(),
            "cond": r["Condition"].strip(),
            "drive": r["Drivetrain"].strip().upper(),
        }

STOCK_RE = re.compile(r"(?<![\w$.,/-])((?:[A-Za-z]{2}\d{4,5}[A-Za-z]?)|(?:\d{5}[A-Za-z]?))(?![\w,])")
MONEY_RE = re.compile(r"\$\d[\d,]*(?:\.\d\d)?(?:k\b)?")
MILES_RE = re.compile(r"(?<![\w$.,])(\d[\d,]*)\s?(?:mi|miles)\b")
QUOTE_RE = re.compile(r"\"[^\"]*\"|“[^”]*”")
DIFF_RE = re.compile(r"(price|mileage) difference (\S+) vs (\S+) = (\$[\d,]+|[\d,]+ mi)")
UNKNOWN_RE = re.compile(r"unknown stock: (\S+?)(?=[\s,;)\]]|$)")
ZIP_RE = re.compile(r"\bZIP \d{5}\b")
PHONE_RE = re.compile(r"\b\d{3}-555-01\d\d\b")

stats = {"stock_refs": 0, "prices": 0, "miles": 0, "diffs": 0, "texts": 0}


def check_text(where, text):
    stats["texts"] += 1
    t = QUOTE_RE.sub(" ", text)
    t = ZIP_RE.sub(" ", t)
    t = PHONE_RE.sub(" ", t)
    for m in UNKNOWN_RE.finditer(t):
        if m.group(1) in feed:
            bad(where, "declared unknown stock {} is in the feed".format(m.group(1)))
    t = UNKNOWN_RE.sub(" ", t)

    def diff(m):
        kind, a, b, v = m.groups()
        stats["diffs"] += 1
        if a not in feed or b not in feed:
            bad(where, "diff with unknown stock {} / {}".format(a, b))
            return " "
        key = "price" if kind == "price" else "miles"
        if feed[a][key] is None or feed[b][key] is None:
            bad(where, "diff over missing {}: {} vs {}".format(key, a, b))
            return " "
        if abs(feed[a][key] - feed[b][key]) != num(v.replace(" mi", "")):
            bad(where, "{} difference {} vs {} is {}, text says {}".format(
                kind, a, b, abs(feed[a][key] - feed[b][key]), v))
        return " "
    t = DIFF_RE.sub(diff, t)

    for clause in re.split(r"[;\n]", t):
        hits = list(STOCK_RE.finditer(clause))
        pre = clause[: hits[0].start()] if hits else clause
        check_free(where, pre)
        for i, h in enumerate(hits):
            st = h.group(1)
            seg = clause[h.end(): hits[i + 1].start() if i + 1 < len(hits) else len(clause)]
            stats["stock_refs"] += 1
            if st not in feed:
                bad(where, "stock {} not in feed".format(st))
                continue
            check_unit(where, st, seg)


def check_free(where, s):
    for m in MONEY_RE.finditer(s):
        after = s[m.end(): m.end() + 6]
        if after.startswith("/mo") or after.startswith("/month") or after.startswith(" a month") \
                or THRESH.search(s[: m.start()]):
            continue
        bad(where, "unattributed price figure {} in: {!r}".format(m.group(0), s.strip()[:120]))
    for m in MILES_RE.finditer(s):
        if THRESH.search(s[: m.start()]):
            continue
        bad(where, "unattributed mileage figure {} in: {!r}".format(m.group(0), s.strip()[:120]))


def check_unit(where, st, seg):
    u = feed[st]
    low = seg.lower()
    for m in MONEY_RE.finditer(seg):
        stats["prices"] += 1
        if THRESH.search(seg[: m.start()]) or seg[m.end(): m.end() + 3] == "/mo":
            continue
        if u["price"] is None:
            bad(where, "{} has no price in feed but text gives {}".format(st, m.group(0)))
        elif num(m.group(0)) != u["price"]:
            bad(where, "{} price is {}, text says {}".format(st, u["price"], m.group(0)))
    for m in MILES_RE.finditer(seg):
        stats["miles"] += 1
        if THRESH.search(seg[: m.start()]):
            continue
        if u["miles"] is None:
            bad(where, "{} has no mileage in feed but text gives {}".format(st, m.group(0)))
        elif num(m.group(1)) != u["miles"]:
            bad(where, "{} mileage is {}, text says {}".format(st, u["miles"], m.group(0)))
    if "no price in feed" in low and u["price"] is not None:
        bad(where, "{} says no price but feed has one".format(st))
    if "no mileage in feed" in low and u["miles"] is not None:
        bad(where, "{} says no mileage but feed has one".format(st))
    if "no colour in feed" in low and u["colour"]:
        bad(where, "{} says no colour but feed has {}".format(st, u["colour"]))
    m = re.match(r"\s*=\s*(New|Used)\s+(\d{4})", seg)
    if m and (m.group(1) != u["cond"] or m.group(2) != u["year"]):
        bad(where, "{} is {} {}, text says {} {}".format(st, u["cond"], u["year"], *m.groups()))
    m = re.search(r"\((\d{4}) ", seg[:8])
    if m and m.group(1) != u["year"]:
        bad(where, "{} is {}, text says {}".format(st, u["year"], m.group(1)))
    for m in re.finditer(r"drivetrain field (?:says |is )?(AWD|FWD|RWD|4X4)\b", seg, re.I):
        if m.group(1).upper() != u["drive"]:
            bad(where, "{} drivetrain field is {}, text says {}".format(st, u["drive"], m.group(1)))
    # colour words: only the first clause-part up to a '[' (quirk notes) or '—'
    head = re.split(r"[\[—]", seg)[0].lower()
    for w in re.findall(r"[a-z]+", head):
        if w in COLOURS:
            c = "grey" if w == "gray" else w
            if c != u["colour"]:
                bad(where, "{} colour is {!r}, text says {}".format(st, u["colour"] or "(none)", w))


def main():
    mp = os.path.join(SET, "messages.jsonl")
    cp = os.path.join(SET, "conversations.jsonl")
    ids = set()
    n_true = n_false = 0
    with open(mp, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            r = json.loads(line)
            w = "messages:{}".format(r.get("id", ln))
            if set(r) - {"id", "text", "handover", "reason", "language", "notes"} or \
                    not {"id", "text", "handover", "reason", "language"} <= set(r):
                bad(w, "bad keys {}".format(sorted(r)))
            if r["id"] in ids:
                bad(w, "duplicate id")
            ids.add(r["id"])
            if not re.fullmatch(r"x\d{3}", r["id"]):
                bad(w, "id format")
            if r["reason"] in TRUE_REASONS:
                exp = True
            elif r["reason"] in FALSE_REASONS:
                exp = False
            else:
                bad(w, "unknown reason {}".format(r["reason"]))
                exp = None
            if exp is not None and r["handover"] is not exp:
                bad(w, "handover {} inconsistent with reason {}".format(r["handover"], r["reason"]))
            n_true += r["handover"] is True
            n_false += r["handover"] is False
            check_text(w, r.get("notes", ""))
            # stock-shaped tokens typed by the customer must be real or declared unknown
            for m in STOCK_RE.finditer(PHONE_RE.sub(" ", r["text"])):
                tok = m.group(1)
                if tok not in feed and "unknown stock: " + tok not in r.get("notes", "") \
                        and "ZIP " + tok not in r.get("notes", ""):
                    bad(w, "customer text token {} neither in feed nor declared".format(tok))
    cids = set()
    n_conv = n_turns = 0
    with open(cp, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            r = json.loads(line)
            w0 = "conversations:{}".format(r.get("id", ln))
            if r["id"] in cids:
                bad(w0, "duplicate id")
            cids.add(r["id"])
            n_conv += 1
            turns = r["turns"]
            if not 5 <= len(turns) <= 7:
                bad(w0, "{} turns".format(len(turns)))
            for i, t in enumerate(turns, 1):
                n_turns += 1
                w = "{} turn {}".format(w0, i)
                if not t.get("customer") or not t.get("expect"):
                    bad(w, "empty turn")
                ho = [e for e in t["expect"] if e.startswith(VERDICTS)]
                if len(ho) != 1:
                    bad(w, "needs exactly one handover verdict, has {}".format(len(ho)))
                for e in t["expect"]:
                    check_text(w, e)
                for m in STOCK_RE.finditer(PHONE_RE.sub(" ", t["customer"])):
                    if m.group(1) not in feed:
                        bad(w, "customer text token {} not in feed".format(m.group(1)))
    print("checked {} texts: {} stock refs, {} price figures, {} mileage figures, {} differences".format(
        stats["texts"], stats["stock_refs"], stats["prices"], stats["miles"], stats["diffs"]))
    print("messages: {} ({} handover true, {} false); conversations: {} ({} turns)".format(
        n_true + n_false, n_true, n_false, n_conv, n_turns))
    for p in problems:
        print("PROBLEM", p)
    print("{} problems".format(len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
