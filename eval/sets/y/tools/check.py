"""Independent re-verification of set Y against the TSV. Does NOT import feed.py or build.py.
Prints each problem and finally '<n> problems'."""
import csv, json, re, sys, os
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
TSV = "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv"
feed = {}
with open(TSV, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        p = (r["Price"] or "").replace("$", "").replace(",", "").strip()
        m = (r["Mileage"] or "").replace(",", "").strip()
        feed[r["stock_number"].strip()] = dict(r, _p=int(float(p)) if p else None, _m=int(float(m)) if m else None)
problems = []
def bad(where, msg): problems.append(f"{where}: {msg}")

TOK = re.compile(r"(?<![\w$,.-])(?:(?:DT|KV|WV|WK|kv)\d{4,5}A?|\d{5}A?)(?![\w,])")
MONEY = re.compile(r"\$(\d{1,3}(?:,\d{3})+|\d+)(?!\s*/)")
MILES = re.compile(r"(?<![\w$])(\d{1,3}(?:,\d{3})+|\d+) mi\b")
FULL = re.compile(r"^ = (New|Used) (\d{4}) (.+?), ([^,]+), ([\d,]+ mi|mileage not in feed), (\$[\d,]+|no price in feed)")

def tokens(text):
    out = []
    for m in TOK.finditer(text):
        pre = text[max(0, m.start()-5):m.start()].lower()
        if "zip" in pre:  # ZIP codes, not stock numbers
            continue
        out.append(m)
    return out

def check_text(where, text, strict_figures):
    toks = tokens(text)
    for m in toks:
        if m.group(0) not in feed: bad(where, f"unknown stock {m.group(0)}")
    mentioned = [m.group(0) for m in toks if m.group(0) in feed]
    if strict_figures:
        head = text[:toks[0].start()] if toks else text
        for x in MONEY.finditer(head): bad(where, f"price {x.group(0)} not attached to a stock number")
        for x in MILES.finditer(head): bad(where, f"mileage {x.group(0)} not attached to a stock number")
    for i, m in enumerate(toks):
        s = m.group(0)
        if s not in feed: continue
        r = feed[s]
        seg = text[m.end(): toks[i+1].start() if i+1 < len(toks) else len(text)]
        seg = re.split(r"[;|]", seg)[0]
        fm = FULL.match(seg)
        if fm:
            cond, yr, mmt, col, mi, pr = fm.groups()
            if cond != r["Condition"] or yr != r["Year"]: bad(where, f"{s}: condition/year {cond} {yr} != feed")
            if not mmt.startswith(f"{r['Make']} {r['Model']}"): bad(where, f"{s}: make/model '{mmt}' != feed")
            if col != (r["Color"] or "colour not in feed"): bad(where, f"{s}: colour {col} != {r['Color']!r}")
        for x in MONEY.finditer(seg):
            v = int(x.group(1).replace(",", ""))
            if seg[max(0, x.start()-11):x.start()].strip().endswith("difference"):
                ps = [feed[t]["_p"] for t in mentioned if feed[t]["_p"] is not None]
                if not any(abs(a-b) == v for a in ps for b in ps): bad(where, f"difference ${v:,} matches no pair")
            elif v != r["_p"]: bad(where, f"{s}: price ${v:,} != feed {r['_p']}")
        for x in MILES.finditer(seg):
            v = int(x.group(1).replace(",", ""))
            if v != r["_m"]: bad(where, f"{s}: mileage {v:,} != feed {r['_m']}")
        if "no price in feed" in seg and r["_p"] is not None: bad(where, f"{s}: claims no price but feed has {r['_p']}")
        if "mileage not in feed" in seg and r["_m"] is not None: bad(where, f"{s}: claims no mileage but feed has {r['_m']}")
        if "colour not in feed" in seg and r["Color"]: bad(where, f"{s}: claims no colour but feed has {r['Color']}")
    # "has no price in feed" statements about named stocks anywhere in the item
    for x in re.finditer(r"((?:(?:DT|KV|WV|WK|kv)\d{4,5}A?|\d{5}A?)(?:(?:,| and) (?:(?:DT|KV|WV|WK|kv)\d{4,5}A?|\d{5}A?))*) (?:has|have) no price", text):
        for s in re.findall(r"(?:DT|KV|WV|WK|kv)\d{4,5}A?|\d{5}A?", x.group(1)):
            if s in feed and feed[s]["_p"] is not None: bad(where, f"{s}: said to have no price")

TRUE = {"complaint","existing_customer_issue","legal_threat","ready_to_buy","negotiation","human_request",
        "appointment_time","frustration","financing_details","trade_in_firm","other_handover"}
FALSE = {"availability","features","price_question","financing_general","hours_location","photos","mileage",
         "comparison","browsing","small_talk","vehicle_facts","other_ai"}
ids = set(); n = 0
for line in open(os.path.join(ROOT, "messages.jsonl"), encoding="utf-8"):
    m = json.loads(line); n += 1; w = m.get("id")
    if set(m) != {"id","text","handover","reason","language","notes"}: bad(w, f"keys {sorted(m)}")
    if w in ids: bad(w, "duplicate id")
    ids.add(w)
    if m["reason"] not in TRUE | FALSE: bad(w, f"unknown reason {m['reason']}")
    if m["handover"] != (m["reason"] in TRUE): bad(w, "handover inconsistent with reason")
    check_text(w + ".text", m["text"], False)
    check_text(w + ".notes", m["notes"], True)
texts = [json.loads(l)["text"] for l in open(os.path.join(ROOT, "messages.jsonl"), encoding="utf-8")]
if len(set(texts)) != len(texts): bad("messages", "duplicate text")
nc = 0
for line in open(os.path.join(ROOT, "conversations.jsonl"), encoding="utf-8"):
    c = json.loads(line); nc += 1
    if not 5 <= len(c["turns"]) <= 7: bad(c["id"], f"{len(c['turns'])} turns")
    for i, t in enumerate(c["turns"], 1):
        check_text(f"{c['id']}.t{i}.customer", t["customer"], False)
        for j, e in enumerate(t["expect"], 1):
            check_text(f"{c['id']}.t{i}.e{j}", e, True)
        if not any(e.startswith(("Handover to a human (", "No handover", "Handover not yet required", "Handover optional")) for e in t["expect"]):
            bad(f"{c['id']}.t{i}", "no handover expectation")
check_text("README.md", open(os.path.join(ROOT, "README.md"), encoding="utf-8").read(), False)
for p in problems: print(p)
print(f"checked {n} messages, {nc} conversations, {len(feed)} feed rows")
print(f"{len(problems)} problems")
sys.exit(1 if problems else 0)
