#!/usr/bin/env python3
"""Independent re-verification of set W against the inventory feed.

Does not import feed.py/build.py: it has its own TSV loader and filter.
Checks: schema, ids, reason->handover, counts and README tables, every unit
descriptor and [feed ...] tag, every computed price/mileage difference, every
other $/mi figure (must be a customer's figure present in the customer text),
every stock-like token, and re-runs every recorded filter call.
Prints the problems and finally 'N problems'.
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FEED = "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv"
GARBAGE = "value matchLevel none matchedWords"
TRUE = {"complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation", "human_request",
        "appointment_time", "frustration", "financing_details", "trade_in_firm", "other_handover"}
FALSE = {"availability", "features", "price_question", "financing_general", "hours_location", "photos", "mileage",
         "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai"}
LANGS = {"en", "es", "pl", "vi", "zh", "ko", "fr", "pt", "tl", "ru", "ar"}

problems = []


def P(msg):
    problems.append(msg)


# ------------------------------------------------------------------ feed
with open(FEED, newline="", encoding="utf-8") as fh:
    ROWS = list(csv.DictReader(fh, delimiter="\t"))
BY = {r["stock_number"]: r for r in ROWS}


def num(s):
    s = s.strip().replace("$", "").replace(",", "")
    return None if s == "" else int(round(float(s)))


# ------------------------------------------------------------------ descriptor checks
DESC = re.compile(r"(?P<stock>[A-Za-z0-9]+) \((?P<cond>New|Used) (?P<year>\d{4}) (?P<body>[^,()]+), "
                  r"(?P<colour>[^,()]+), (?P<miles>[\d,]+ mi|mileage not in feed), "
                  r"(?P<price>\$[\d,]+|no price in feed)\)(?P<tags>(?: \[feed [a-z]+: [^\]]+\])*)")
TAG = re.compile(r"\[feed ([a-z]+): ([^\]]+)\]")
FIELD = {"drivetrain": "Drivetrain", "fuel": "Fuel Type", "transmission": "Transmission", "image": "Image Type",
         "doors": "Doors", "type": "Type"}
PDIFF = re.compile(r"price difference \$([\d,]+) between ([A-Za-z0-9]+) and ([A-Za-z0-9]+)")
MDIFF = re.compile(r"mileage difference ([\d,]+) mi between ([A-Za-z0-9]+) and ([A-Za-z0-9]+)")
MONEY = re.compile(r"\$[\d,]+(?:\.\d+)?")
MILES = re.compile(r"\b[\d,]+ mi\b")
STOCKLIKE = re.compile(r"\b(?:DT|KV|WV|WK|kv)\d{4,5}A?\b|\b\d{5}A\b|\b2[4-8]\d{3}\b|\b1[0-9]\d{3}A\b")
CUST = " (customer's figure)"


def check_descriptor(mo, where):
    st = mo.group("stock")
    r = BY.get(st)
    if r is None:
        P("%s: descriptor for unknown stock %s" % (where, st))
        return
    if mo.group("cond") != r["Condition"]:
        P("%s: %s condition %s != %s" % (where, st, mo.group("cond"), r["Condition"]))
    if mo.group("year") != r["Year"]:
        P("%s: %s year %s != %s" % (where, st, mo.group("year"), r["Year"]))
    trim = "[trim not given in feed]" if r["Trim"] == GARBAGE else r["Trim"]
    body = "%s %s %s" % (r["Make"], r["Model"], trim)
    if mo.group("body") != body:
        P("%s: %s body '%s' != '%s'" % (where, st, mo.group("body"), body))
    col = r["Color"] or "colour not in feed"
    if mo.group("colour") != col:
        P("%s: %s colour %s != %s" % (where, st, mo.group("colour"), col))
    m_feed = num(r["Mileage"])
    m_txt = mo.group("miles")
    if m_feed is None:
        if m_txt != "mileage not in feed":
            P("%s: %s mileage %s but feed has none" % (where, st, m_txt))
    elif m_txt == "mileage not in feed" or num(m_txt.replace(" mi", "")) != m_feed:
        P("%s: %s mileage %s != %s" % (where, st, m_txt, m_feed))
    p_feed = num(r["Price"])
    p_txt = mo.group("price")
    if p_feed is None:
        if p_txt != "no price in feed":
            P("%s: %s price %s but feed has none" % (where, st, p_txt))
    elif p_txt == "no price in feed" or num(p_txt) != p_feed:
        P("%s: %s price %s != %s" % (where, st, p_txt, p_feed))
    if r["Formatted Price"].strip() and num(r["Formatted Price"]) != p_feed:
        P("feed: %s Formatted Price disagrees with Price" % st)
    for k, v in TAG.findall(mo.group("tags")):
        if k not in FIELD:
            P("%s: %s unknown tag %s" % (where, st, k))
            continue
        fv = r[FIELD[k]] or "empty"
        if v != fv:
            P("%s: %s tag %s=%s but feed has %s" % (where, st, k, v, fv))


def money_forms(n):
    forms = {"{:,}".format(n), str(n)}
    if n % 1000 == 0:
        k = n // 1000
        forms |= {"%dk" % k, "%d k" % k, "%d grand" % k, "%d mil" % k, "%d flat" % k, "%d even" % k}
        forms.add(str(k))
    if n % 100 == 0 and n >= 1000:
        forms.add(("%.1fk" % (n / 1000.0)).replace(".0k", "k"))
    return forms


def customer_has(source, n):
    low = source.lower()
    for f in money_forms(n):
        if re.search(r"(?<![\d,.])" + re.escape(f.lower()) + r"(?![\d,])", low):
            return True
    return False


def check_text(s, where, source):
    """s: notes or expect item; source: the customer text it belongs to."""
    spans = []
    for mo in DESC.finditer(s):
        check_descriptor(mo, where)
        spans.append(mo.span())
    rest = list(s)
    for a, b in spans:
        for i in range(a, b):
            rest[i] = " "
    rest = "".join(rest)
    for rx, kind in ((PDIFF, "price"), (MDIFF, "mileage")):
        for mo in rx.finditer(rest):
            val, a, b = num(mo.group(1)), mo.group(2), mo.group(3)
            ra, rb = BY.get(a), BY.get(b)
            if ra is None or rb is None:
                P("%s: %s difference with unknown stock %s/%s" % (where, kind, a, b))
                continue
            fa = num(ra["Price"] if kind == "price" else ra["Mileage"])
            fb = num(rb["Price"] if kind == "price" else rb["Mileage"])
            if fa is None or fb is None or abs(fa - fb) != val:
                P("%s: %s difference %s between %s and %s is wrong (feed %s vs %s)" % (where, kind, val, a, b, fa, fb))
        rest = rx.sub(lambda mo: " " * len(mo.group(0)), rest)
    for mo in MONEY.finditer(rest):
        after = rest[mo.end():mo.end() + len(CUST)]
        if after != CUST:
            P("%s: amount %s is neither a feed descriptor, a computed difference nor a customer's figure" % (where, mo.group(0)))
        elif not customer_has(source, num(mo.group(0))):
            P("%s: customer's figure %s not found in the customer text" % (where, mo.group(0)))
    for mo in MILES.finditer(rest):
        after = rest[mo.end():mo.end() + len(CUST)]
        if after != CUST:
            P("%s: mileage %s is not from a descriptor/difference/customer" % (where, mo.group(0)))
    for mo in STOCKLIKE.finditer(rest):
        tok = mo.group(0)
        if tok in BY:
            continue
        if re.search(r"not in feed: " + re.escape(tok) + r"\b", s):
            continue
        P("%s: stock-like token %s is not in the feed" % (where, tok))


# ------------------------------------------------------------------ messages
def load_jsonl(p):
    out = []
    with open(p, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            try:
                out.append(json.loads(line))
            except ValueError as e:
                P("%s line %d: bad JSON (%s)" % (os.path.basename(p), i, e))
    return out


msgs = load_jsonl(os.path.join(ROOT, "messages.jsonl"))
KEYS = ["id", "text", "handover", "reason", "language", "notes"]
ids = set()
for i, m in enumerate(msgs, 1):
    w = m.get("id", "?")
    if list(m.keys()) != KEYS:
        P("%s: keys %s" % (w, list(m.keys())))
    if w != "w%03d" % i:
        P("%s: expected id w%03d" % (w, i))
    if w in ids:
        P("%s: duplicate id" % w)
    ids.add(w)
    if m.get("reason") not in TRUE | FALSE:
        P("%s: unknown reason %s" % (w, m.get("reason")))
    elif m.get("handover") is not (m["reason"] in TRUE):
        P("%s: handover %s does not match reason %s" % (w, m.get("handover"), m["reason"]))
    if m.get("language") not in LANGS:
        P("%s: language %s" % (w, m.get("language")))
    if not str(m.get("text", "")).strip():
        P("%s: empty text" % w)
    notes = m.get("notes", "")
    if m.get("language") != "en" and "Gloss:" not in notes:
        P("%s: non-English message without Gloss" % w)
    check_text(notes, w + " notes", m["text"])
    for mo in re.finditer(r"(?:stock|stk|#)\s*#?\s*([A-Za-z]{0,2}\d{4,5}A?)\b", m["text"], re.I):
        tok = mo.group(1)
        if tok not in BY and ("not in feed: " + tok) not in notes:
            P("%s: text quotes stock %s which is not in the feed and notes do not say so" % (w, tok))

texts = [m["text"].strip().lower() for m in msgs]
if len(set(texts)) != len(texts):
    P("duplicate message texts")

n = len(msgs)
nt = sum(1 for m in msgs if m["handover"])
nes = sum(1 for m in msgs if m["language"] == "es")
nh = sum(1 for m in msgs if m["notes"].startswith("HARD:"))
if n < 170:
    P("only %d messages" % n)
if not 0.42 <= nt / float(n) <= 0.58:
    P("handover share %.2f not roughly half" % (nt / float(n)))
if not 0.12 <= nes / float(n) <= 0.19:
    P("Spanish share %.2f not ~15%%" % (nes / float(n)))
if not 0.20 <= nh / float(n) <= 0.32:
    P("HARD share %.2f not ~25%%" % (nh / float(n)))
for r in TRUE | FALSE:
    if not any(m["reason"] == r for m in msgs):
        P("reason %s unused" % r)

# ------------------------------------------------------------------ conversations
convs = load_jsonl(os.path.join(ROOT, "conversations.jsonl"))
if len(convs) < 16:
    P("only %d conversations" % len(convs))
if sum(1 for c in convs if c.get("language") == "es") < 2:
    P("fewer than 2 Spanish conversations")
for c in convs:
    cid = c.get("id", "?")
    if list(c.keys()) != ["id", "language", "turns"]:
        P("%s: keys %s" % (cid, list(c.keys())))
    if not 5 <= len(c["turns"]) <= 7:
        P("%s: %d turns" % (cid, len(c["turns"])))
    said = ""
    for j, t in enumerate(c["turns"], 1):
        said += " " + t["customer"]   # customer's figures may come from any earlier turn
        if list(t.keys()) != ["customer", "expect"] or not t["expect"]:
            P("%s#%d: bad turn" % (cid, j))
        for e in t["expect"]:
            check_text(e, "%s#%d expect" % (cid, j), said)
        if not any(e.startswith(("Handover to a human (", "No handover", "Handover optional", "Handover not yet required"))
                   for e in t["expect"]):
            P("%s#%d: no handover expectation" % (cid, j))
        for e in t["expect"]:
            mo = re.match(r"Handover to a human \((\w+)\)", e)
            if mo and mo.group(1) not in TRUE:
                P("%s#%d: handover reason %s not a true-side reason" % (cid, j, mo.group(1)))

# ------------------------------------------------------------------ recorded filter calls
def ieq(a, b):
    return str(a).lower() == str(b).lower()


def anyof(val, want):
    if want is None:
        return True
    if isinstance(want, list):
        return any(ieq(val, w) for w in want)
    return ieq(val, want)


def run(qd):
    out = []
    for r in ROWS:
        pr, mi, yr = num(r["Price"]), num(r["Mileage"]), int(r["Year"])
        if qd.get("stocks") is not None and r["stock_number"] not in qd["stocks"]:
            continue
        if not anyof(r["Condition"], qd.get("cond")) or not anyof(yr, qd.get("year")):
            continue
        if qd.get("year_min") is not None and yr < qd["year_min"]:
            continue
        if not anyof(r["Make"], qd.get("make")) or not anyof(r["Model"], qd.get("model")):
            continue
        if qd.get("trim") is not None:
            ts = qd["trim"] if isinstance(qd["trim"], list) else [qd["trim"]]
            if not any(t.lower() in r["Trim"].lower() for t in ts):
                continue
        if not anyof(r["Color"], qd.get("color")) or not anyof(r["Type"], qd.get("type")):
            continue
        if not anyof(r["Drivetrain"], qd.get("drive")) or not anyof(r["Fuel Type"], qd.get("fuel")):
            continue
        if not anyof(r["Transmission"], qd.get("trans")):
            continue
        if qd.get("price_max") is not None and (pr is None or pr > qd["price_max"]):
            continue
        if qd.get("price_min") is not None and (pr is None or pr < qd["price_min"]):
            continue
        if qd.get("miles_max") is not None and (mi is None or mi > qd["miles_max"]):
            continue
        if qd.get("priced") is True and pr is None:
            continue
        if qd.get("priced") is False and pr is not None:
            continue
        out.append(r)
    s = qd.get("sort")
    if s == "price":
        out.sort(key=lambda r: (num(r["Price"]) is None, num(r["Price"]) or 0))
    elif s == "miles":
        out.sort(key=lambda r: (num(r["Mileage"]) is None, num(r["Mileage"]) or 0))
    elif s == "-year":
        out.sort(key=lambda r: -int(r["Year"]))
    return [r["stock_number"] for r in out]


with open(os.path.join(HERE, "queries.json"), encoding="utf-8") as fh:
    queries = json.load(fh)
M_BY = {m["id"]: m for m in msgs}
C_BY = {c["id"]: c for c in convs}
KNOWN = {"cond", "year", "make", "model", "trim", "color", "price_max", "price_min", "miles_max", "year_min",
         "type", "drive", "fuel", "trans", "stocks", "priced", "sort"}
for qq in queries:
    where, qd, take = qq["where"], qq["query"], qq.get("take")
    bad = set(qd) - KNOWN
    if bad:
        P("%s: query uses unknown keys %s" % (where, bad))
    got = run(qd)
    if take is not None:
        got = got[:take] if take > 0 else got[take:]
    if got != qq["stocks"]:
        P("%s: query %s re-run gives %s, recorded %s" % (where, qd, got, qq["stocks"]))
    if not got:
        P("%s: query %s matches nothing" % (where, qd))
    if "#" in where:
        cid, j = where.split("#")
        target = " ".join(C_BY[cid]["turns"][int(j) - 1]["expect"])
    else:
        target = M_BY[where]["notes"]
    for st in got:
        if not re.search(re.escape(st) + r" \((New|Used) ", target):
            P("%s: query result %s is not written out as a unit descriptor" % (where, st))

# ------------------------------------------------------------------ README tables
with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
    readme = fh.read()
for r in sorted(TRUE | FALSE):
    cnt = sum(1 for m in msgs if m["reason"] == r)
    hc = sum(1 for m in msgs if m["reason"] == r and m["notes"].startswith("HARD:"))
    row = "| %s | %s | %d | %d |" % (r, "true" if r in TRUE else "false", cnt, hc)
    if row not in readme:
        P("README: row missing or wrong: %s" % row)
if "| **total** | | **%d** | **%d** |" % (n, nh) not in readme:
    P("README: total row wrong")
for needle in ("2026-12-07", "/work/main/eval/sets/c/README.md", "world_hyundai_matteson.tsv",
               "/work/shared/fixtures/inventory/README.md", "%d first customer messages" % n,
               "%d `handover: true`" % nt, "%d scripted conversations" % len(convs)):
    if needle not in readme:
        P("README: missing '%s'" % needle)
for lang in sorted(set(m["language"] for m in msgs)):
    cnt = sum(1 for m in msgs if m["language"] == lang)
    if not re.search(r"\| %s \([^)]*\) \| %d \|" % (lang, cnt), readme):
        P("README: language row for %s wrong" % lang)
for c in convs:
    if not re.search(r"\| %s \| %s \| %d \|" % (c["id"], c["language"], len(c["turns"])), readme):
        P("README: conversation row for %s wrong" % c["id"])

for p in problems:
    print(p)
print("%d problems" % len(problems))
sys.exit(1 if problems else 0)
