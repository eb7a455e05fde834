"""Verifier for evaluation set "t". Prints the problems found and a final
'<n> problems' line. Reads the TSV itself (does not import feed.py), so the
figures in notes/expect are checked against an independent parse.
Python 3 standard library only.
"""
import collections
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
FEED = os.environ.get("FEED_TSV", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")

HANDOVER = {
    "complaint": True, "existing_customer_issue": True, "legal_threat": True,
    "ready_to_buy": True, "negotiation": True, "human_request": True,
    "appointment_time": True, "frustration": True, "financing_details": True,
    "trade_in_firm": True, "other_handover": True,
    "availability": False, "features": False, "price_question": False,
    "financing_general": False, "hours_location": False, "photos": False,
    "mileage": False, "comparison": False, "browsing": False,
    "small_talk": False, "vehicle_facts": False, "other_ai": False,
}
LANGS = {"en", "es", "pl", "ar", "tl", "fr"}
HO_PREFIXES = ("Handover to a human (", "No handover", "Handover not yet required", "Handover optional")
GARBAGE = "value matchLevel none matchedWords"

problems = []


def P(where, msg):
    problems.append("{}: {}".format(where, msg))


# ------------------------------------------------------------------ feed
def load_feed():
    feed = {}
    with open(FEED, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            s = r["stock_number"].strip()
            price = r["Price"].strip()
            price = int(round(float(price.replace("$", "").replace(",", "")))) if price else None
            mi = r["Mileage"].strip()
            feed[s] = {
                "cond": r["Condition"].strip(), "year": int(r["Year"]),
                "make": r["Make"].strip(), "model": r["Model"].strip(),
                "trim": r["Trim"].strip(), "color": r["Color"].strip(),
                "drive": r["Drivetrain"].strip(), "trans": r["Transmission"].strip(),
                "miles": int(mi) if mi else None, "price": price,
            }
    return feed


FEEDD = load_feed()
if len(FEEDD) != 143:
    P("feed", "expected 143 vehicles, got {}".format(len(FEEDD)))

STOCK_RE = re.compile(r"(?<![\w$])(?:[A-Za-z]{2}\d{4,5}A?|\d{5}A?)(?![\w])")
MONEY_RE = re.compile(r"\$(\d{1,3}(?:,\d{3})+|\d+)(?![\d,]*[kK])(?!\d)")
MILES_RE = re.compile(r"(?<![\d,$])(\d{1,3}(?:,\d{3})+|\d+) mi\b")
TRIM_RE = re.compile(r"trim '([^']*)'")
DRIVE_RE = re.compile(r"drivetrain column (?:says )?(AWD|FWD|RWD|4X4)\b")
TRANS_RE = re.compile(r"transmission column (?:says )?(?:'([^']*)'|(\w+))")
DIFF_RE = re.compile(r"\$([\d,]+) \((\S+) at \$([\d,]+) (?:minus|vs) (\S+) at \$([\d,]+)\)")
BEFORE_RE = re.compile(r"(\$[\d,]+|[\d,]+ mi) for (\S+?)(?=[\s,;.)]|$)")


def num(s):
    return int(s.replace(",", ""))


def segment(text, start, next_start):
    """Text attributed to a stock number: a parenthesised group that
    immediately follows it, else up to ';', '. ', an unbalanced ')' or the
    next stock number."""
    end = next_start if next_start is not None else len(text)
    rest = text[start:end]
    if rest.startswith(" ("):
        depth = 0
        for i, ch in enumerate(rest):
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return rest[: i + 1]
        return rest
    depth = 0
    for i, ch in enumerate(rest):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return rest[:i]
        elif depth == 0 and ch == ";":
            return rest[:i]
        elif depth == 0 and ch == "." and (i + 1 == len(rest) or rest[i + 1] == " "):
            return rest[:i]
    return rest


def expected_name(u):
    trim = "(trim not given in feed)" if u["trim"] == GARBAGE else u["trim"]
    return "{} {} {}".format(u["make"], u["model"], trim)


def check_segment(where, stock, seg):
    u = FEEDD[stock]
    for m in MONEY_RE.finditer(seg):
        v = num(m.group(1))
        if u["price"] != v:
            P(where, "{}: price ${:,} quoted, feed has {}".format(stock, v, u["price"]))
    for m in MILES_RE.finditer(seg):
        v = num(m.group(1))
        if u["miles"] != v:
            P(where, "{}: {:,} mi quoted, feed has {}".format(stock, v, u["miles"]))
    if "no price" in seg and u["price"] is not None:
        P(where, "{}: says no price but feed has {}".format(stock, u["price"]))
    if "mileage not given" in seg and u["miles"] is not None:
        P(where, "{}: says no mileage but feed has {}".format(stock, u["miles"]))
    for m in TRIM_RE.finditer(seg):
        if m.group(1) != u["trim"]:
            P(where, "{}: trim '{}' quoted, feed has '{}'".format(stock, m.group(1), u["trim"]))
    for m in DRIVE_RE.finditer(seg):
        if m.group(1) != u["drive"]:
            P(where, "{}: drivetrain {} quoted, feed has {}".format(stock, m.group(1), u["drive"]))
    for m in TRANS_RE.finditer(seg):
        t = m.group(1) if m.group(1) is not None else m.group(2)
        if t != u["trans"]:
            P(where, "{}: transmission '{}' quoted, feed has '{}'".format(stock, t, u["trans"]))
    # structured unit descriptions: "= Used 2022 Make Model Trim, Colour, ..." or "(2022 Make ...)"
    m = re.match(r"^\s*(?:=\s*(New|Used)\s+|\()(\d{4}) (.*)$", seg, re.S)
    if m:
        cond, year, rest = m.group(1), int(m.group(2)), m.group(3)
        if cond and cond != u["cond"]:
            P(where, "{}: condition {} quoted, feed has {}".format(stock, cond, u["cond"]))
        if year != u["year"]:
            P(where, "{}: year {} quoted, feed has {}".format(stock, year, u["year"]))
        nm = expected_name(u)
        if not rest.startswith(nm):
            P(where, "{}: name '{}' does not start with feed name '{}'".format(stock, rest[:60], nm))
        else:
            after = rest[len(nm):]
            col = u["color"] or "colour not given in feed"
            if not after.startswith(", " + col + ","):
                P(where, "{}: colour after name is '{}', feed has '{}'".format(stock, after[:30], col))


def check_text(where, text):
    hits = list(STOCK_RE.finditer(text))
    for i, h in enumerate(hits):
        s = h.group(0)
        if s not in FEEDD:
            P(where, "unknown stock number {!r}".format(s))
            continue
        nxt = hits[i + 1].start() if i + 1 < len(hits) else None
        check_segment(where, s, segment(text, h.end(), nxt))
    for m in BEFORE_RE.finditer(text):
        val, s = m.group(1), m.group(2)
        if s not in FEEDD:
            continue
        u = FEEDD[s]
        if val.startswith("$"):
            if u["price"] != num(val[1:]):
                P(where, "{}: '{}' quoted before it, feed price {}".format(s, val, u["price"]))
        elif u["miles"] != num(val[:-3]):
            P(where, "{}: '{}' quoted before it, feed miles {}".format(s, val, u["miles"]))
    for m in DIFF_RE.finditer(text):
        d, a, pa, b, pb = m.groups()
        for s, p in ((a, pa), (b, pb)):
            if s in FEEDD and FEEDD[s]["price"] != num(p):
                P(where, "{}: price {} in difference, feed {}".format(s, p, FEEDD[s]["price"]))
        if abs(num(pa) - num(pb)) != num(d):
            P(where, "difference ${} != |{} - {}|".format(d, pa, pb))
    return len(hits)


def check_customer_text(where, text):
    for h in STOCK_RE.finditer(text):
        if h.group(0) not in FEEDD:
            P(where, "customer text has unknown stock number {!r}".format(h.group(0)))
    for m in re.finditer(r"\b\d{3}-(\d{3})-(\d{4})\b", text):
        if m.group(1) != "555" or not m.group(2).startswith("01"):
            P(where, "phone number not in the fictional 555-01xx range: " + m.group(0))


# ------------------------------------------------------------- messages
def read_jsonl(name):
    rows = []
    with open(os.path.join(OUT, name), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                P(name, "empty line {}".format(ln))
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                P(name, "line {} not JSON: {}".format(ln, e))
    return rows


msgs = read_jsonl("messages.jsonl")
KEYS = {"id", "text", "handover", "reason", "language", "notes"}
texts = collections.Counter()
n_stock_refs = 0
for i, m in enumerate(msgs, 1):
    w = m.get("id", "line %d" % i)
    if set(m) != KEYS:
        P(w, "keys {}".format(sorted(m)))
        continue
    if m["id"] != "t%03d" % i:
        P(w, "id out of sequence (expected t%03d)" % i)
    if m["reason"] not in HANDOVER:
        P(w, "unknown reason " + m["reason"])
    elif m["handover"] is not HANDOVER[m["reason"]]:
        P(w, "handover {} does not match reason {}".format(m["handover"], m["reason"]))
    if m["language"] not in LANGS:
        P(w, "language " + m["language"])
    if not m["text"].strip():
        P(w, "empty text")
    texts[m["text"].strip().lower()] += 1
    if "HARD:" in m["notes"] and not m["notes"].startswith("HARD:"):
        P(w, "HARD: not at the start of notes")
    if m["language"] != "en" and "EN: " not in m["notes"]:
        P(w, "non-English message without an EN: gloss")
    check_customer_text(w, m["text"])
    n_stock_refs += check_text(w + " notes", m["notes"])
for t, c in texts.items():
    if c > 1:
        P("messages", "duplicate text: " + t)

n = len(msgs)
ht = sum(1 for m in msgs if m.get("handover") is True)
hard = sum(1 for m in msgs if m.get("notes", "").startswith("HARD:"))
es = sum(1 for m in msgs if m.get("language") == "es")
other = sum(1 for m in msgs if m.get("language") not in ("en", "es"))
if n < 170:
    P("messages", "only {} messages (< 170)".format(n))
if not 0.45 <= ht / n <= 0.55:
    P("messages", "handover balance {}/{}".format(ht, n))
if not 0.20 <= hard / n <= 0.30:
    P("messages", "HARD share {}/{}".format(hard, n))
if not 0.13 <= es / n <= 0.18:
    P("messages", "Spanish share {}/{}".format(es, n))
if other < 2:
    P("messages", "fewer than 2 messages in other languages")
for r in HANDOVER:
    if not any(m.get("reason") == r for m in msgs):
        P("messages", "reason {} unused".format(r))

# -------------------------------------------------------- conversations
convs = read_jsonl("conversations.jsonl")
ends = 0
es_conv = 0
for i, c in enumerate(convs, 1):
    w = c.get("id", "conv %d" % i)
    if set(c) != {"id", "language", "turns"}:
        P(w, "keys {}".format(sorted(c)))
        continue
    if c["id"] != "tc%02d" % i:
        P(w, "id out of sequence")
    if c["language"] not in LANGS:
        P(w, "language " + c["language"])
    es_conv += c["language"] == "es"
    if not 5 <= len(c["turns"]) <= 7:
        P(w, "{} turns (want 5-7)".format(len(c["turns"])))
    req = []
    for j, t in enumerate(c["turns"], 1):
        tw = "{} turn {}".format(w, j)
        if set(t) != {"customer", "expect"} or not t["customer"].strip() or not t["expect"]:
            P(tw, "bad turn")
            continue
        check_customer_text(tw, t["customer"])
        hs = [e for e in t["expect"] if e.startswith(HO_PREFIXES)]
        if len(hs) != 1:
            P(tw, "needs exactly one handover requirement, has {}".format(len(hs)))
        if any(e.startswith("Handover to a human (") for e in hs):
            m = re.match(r"Handover to a human \((\w+)\)", hs[0])
            if not m or HANDOVER.get(m.group(1)) is not True:
                P(tw, "handover reason not a true-side reason: " + hs[0])
            req.append(j)
        for e in t["expect"]:
            if not e.strip():
                P(tw, "empty expect")
            n_stock_refs += check_text(tw, e)
    if req:
        later = [e for t in c["turns"][req[-1]:] for e in t["expect"] if e == "No handover"]
        if later:
            P(w, "'No handover' after the required handover")
        else:
            ends += 1
if len(convs) < 16:
    P("conversations", "only {} conversations".format(len(convs)))
if es_conv < 3:
    P("conversations", "only {} Spanish conversations".format(es_conv))
if not 8 <= ends <= 12:
    P("conversations", "{} end in a handover (want about 10)".format(ends))

# --------------------------------------------------- README consistency
try:
    readme = open(os.path.join(OUT, "README.md"), encoding="utf-8").read()
except OSError:
    readme = ""
    P("README.md", "missing")
cnt = collections.Counter(m["reason"] for m in msgs)
hcnt = collections.Counter(m["reason"] for m in msgs if m["notes"].startswith("HARD:"))
ecnt = collections.Counter(m["reason"] for m in msgs if m["language"] == "es")
for r in HANDOVER:
    row = "| {} | {} | {} | {} | {} |".format(r, str(HANDOVER[r]).lower(), cnt[r], hcnt[r], ecnt[r])
    if row not in readme:
        P("README.md", "counts row for {} missing or wrong (want {})".format(r, row))
if "**{}**".format(n) not in readme or "{} first customer messages".format(n) not in readme:
    P("README.md", "total message count not stated")
for c in convs:
    if "| {} | {} | {} |".format(c["id"], c["language"], len(c["turns"])) not in readme:
        P("README.md", "conversation row {} missing or wrong".format(c["id"]))
if "{} conversations end in a handover".format(ends) not in readme:
    P("README.md", "conversation handover count not stated as {}".format(ends))

print("messages: {} ({} handover, {} not; {} HARD; {} es; {} other non-en)".format(n, ht, n - ht, hard, es, other))
print("conversations: {} ({} turns; {} es; {} end in a handover)".format(
    len(convs), sum(len(c["turns"]) for c in convs), es_conv, ends))
print("stock references checked: {}".format(n_stock_refs))
for p in problems:
    print("PROBLEM " + p)
print("{} problems".format(len(problems)))
sys.exit(1 if problems else 0)
