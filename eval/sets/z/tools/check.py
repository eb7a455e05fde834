"""Independent checker for set Z.

Re-parses the TSV itself (does not import feed.py or build.py) and verifies:
  * every stock-number-like token in customer texts, notes and expect items exists in the feed;
  * every $ price, mileage ("N mi"/"miles"/"millas"), "Nk" figure and colour word that follows a
    stock number (up to the next stock number or ';') matches that unit in the feed;
  * year and model inside a description attached to a stock number ("X (...)" or "X = ...") match;
  * schema: ids, reason label space, handover == reason mapping, languages, turn counts.
Prints every problem and a final count. Exit code 1 if any problem.
"""
import os
import csv
import json
import re
import sys

TSV = os.environ.get("FEED_TSV", "/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")
_SET = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MSG = sys.argv[1] if len(sys.argv) > 1 else os.path.join(_SET, "messages.jsonl")
CONV = sys.argv[2] if len(sys.argv) > 2 else os.path.join(_SET, "conversations.jsonl")

TRUE_R = {"complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation", "human_request",
          "appointment_time", "frustration", "financing_details", "trade_in_firm", "other_handover"}
FALSE_R = {"availability", "features", "price_question", "financing_general", "hours_location", "photos", "mileage",
           "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai"}

COLOURS = {
    "white": "white", "black": "black", "grey": "grey", "gray": "grey", "blue": "blue", "red": "red",
    "green": "green", "brown": "brown", "burgundy": "burgundy", "orange": "orange", "silver": "silver",
    "blanca": "white", "blanco": "white", "negra": "black", "negro": "black", "gris": "grey", "azul": "blue",
    "roja": "red", "rojo": "red", "verde": "green", "café": "brown", "vino": "burgundy", "naranja": "orange",
    "puting": "white",
}


def money(s):
    s = (s or "").replace("$", "").replace(",", "").strip()
    return int(round(float(s))) if s else None


def load_feed():
    feed = {}
    with open(TSV, newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            feed[r["stock_number"].strip().upper()] = {
                "stock": r["stock_number"].strip(),
                "year": int(r["Year"]),
                "make": r["Make"].strip().lower(),
                "model": r["Model"].strip().lower(),
                "colour": r["Color"].strip().lower(),
                "price": money(r["Price"]),
                "miles": money(r["Mileage"]),
            }
    return feed


FEED = load_feed()
STOCK_RE = re.compile(r"(?<![\w$,.\-])([A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]?)(?![\w]|,\d)")
PRICE_RE = re.compile(r"\$\s?(\d[\d,]*(?:\.\d\d)?)")
MILES_RE = re.compile(r"(?<![\d.$,])(\d[\d,]*)\s*(?:mi|miles|millas)\b", re.I)
K_RE = re.compile(r"(?<![\w.$])(\d+(?:\.\d)?)k\b(\s*(?:mi|miles|millas)\b)?", re.I)
YEAR_RE = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")
WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+")

problems = []
stats = {"stock_refs": 0, "prices": 0, "miles": 0, "colours": 0, "years": 0, "k": 0}


def attached_desc(text, end):
    """Description directly attached to a stock token: ' (...)' (balanced) or ' = ...' up to ';'."""
    rest = text[end:]
    if rest.startswith(" ("):
        depth = 0
        for i, ch in enumerate(rest[1:], 1):
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return rest[2:i]
        return rest[2:]
    if rest.startswith(" = "):
        return rest[3:].split(";")[0]
    return None


def check_text(where, text):
    if not text:
        return
    toks = list(STOCK_RE.finditer(text))
    # ignore tokens that are ZIP codes (preceded by 'zip')
    toks = [t for t in toks if not re.search(r"zip\W*$", text[max(0, t.start() - 8):t.start()], re.I)]
    for i, t in enumerate(toks):
        key = t.group(1).upper()
        stats["stock_refs"] += 1
        if key not in FEED:
            problems.append(f"{where}: stock '{t.group(1)}' not in feed")
            continue
        u = FEED[key]
        nxt = toks[i + 1].start() if i + 1 < len(toks) else len(text)
        seg = text[t.end():nxt].split(";")[0]
        for pm in PRICE_RE.finditer(seg):
            stats["prices"] += 1
            if u["price"] is None or money(pm.group(1)) != u["price"]:
                problems.append(f"{where}: {u['stock']} price {pm.group(0)} != feed {u['price']}")
        for mm in MILES_RE.finditer(seg):
            stats["miles"] += 1
            if u["miles"] is None or money(mm.group(1)) != u["miles"]:
                problems.append(f"{where}: {u['stock']} miles '{mm.group(0)}' != feed {u['miles']}")
        for km in K_RE.finditer(seg):
            stats["k"] += 1
            v = float(km.group(1)) * 1000
            cands = [u["miles"]] if km.group(2) else [u["price"], u["miles"]]
            if not any(c is not None and 0 <= c - v < 1000 for c in cands):
                problems.append(f"{where}: {u['stock']} approx '{km.group(0)}' matches neither price {u['price']} nor miles {u['miles']}")
        for w in WORD_RE.findall(seg):
            col = COLOURS.get(w.lower())
            if col:
                stats["colours"] += 1
                if col != u["colour"]:
                    problems.append(f"{where}: {u['stock']} colour '{w}' != feed '{u['colour'] or '(empty)'}'")
        desc = attached_desc(text, t.end())
        if desc:
            ym = YEAR_RE.search(desc)
            if ym:
                stats["years"] += 1
                if int(ym.group(1)) != u["year"]:
                    problems.append(f"{where}: {u['stock']} year {ym.group(1)} != feed {u['year']}")
                if u["model"] not in desc.lower():
                    problems.append(f"{where}: {u['stock']} model '{u['model']}' not in attached description")
            if ym and ("$" in desc or "no price" in desc) and (("no price" in desc) != (u["price"] is None)):
                problems.append(f"{where}: {u['stock']} price presence mismatch in '{desc}'")
            if "mileage not given" in desc and u["miles"] is not None:
                problems.append(f"{where}: {u['stock']} says mileage missing but feed has {u['miles']}")
            if "no colour" in desc and u["colour"]:
                problems.append(f"{where}: {u['stock']} says colour missing but feed has {u['colour']}")


def main():
    msgs = [json.loads(l) for l in open(MSG, encoding="utf-8") if l.strip()]
    convs = [json.loads(l) for l in open(CONV, encoding="utf-8") if l.strip()]
    ids = set()
    for k, mm in enumerate(msgs, 1):
        where = mm.get("id", f"line{k}")
        for f in ("id", "text", "handover", "reason", "language", "notes"):
            if f not in mm:
                problems.append(f"{where}: missing field {f}")
        if mm.get("id") != f"z{k:03d}":
            problems.append(f"{where}: id out of sequence (expected z{k:03d})")
        if mm.get("id") in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(mm.get("id"))
        r = mm.get("reason")
        if r not in TRUE_R | FALSE_R:
            problems.append(f"{where}: unknown reason {r}")
        elif mm.get("handover") is not (r in TRUE_R):
            problems.append(f"{where}: handover {mm.get('handover')} inconsistent with reason {r}")
        if not isinstance(mm.get("language"), str) or not re.fullmatch(r"[a-z]{2}", mm.get("language", "")):
            problems.append(f"{where}: bad language")
        check_text(f"{where}.text", mm.get("text", ""))
        check_text(f"{where}.notes", mm.get("notes", ""))
    texts = [mm["text"] for mm in msgs]
    if len(set(texts)) != len(texts):
        problems.append("duplicate message texts")
    if len(msgs) < 160:
        problems.append(f"only {len(msgs)} messages (< 160)")
    hard = sum("HARD:" in mm.get("notes", "") for mm in msgs)
    if hard * 3 < len(msgs):
        problems.append(f"HARD {hard} < a third of {len(msgs)}")
    for k, cv in enumerate(convs, 1):
        where = cv.get("id", f"conv{k}")
        if cv.get("id") != f"z{k:02d}":
            problems.append(f"{where}: id out of sequence")
        if cv.get("language") not in ("en", "es"):
            problems.append(f"{where}: language must be en|es")
        turns = cv.get("turns", [])
        if not 4 <= len(turns) <= 7:
            problems.append(f"{where}: {len(turns)} turns (need 4-7)")
        for j, tu in enumerate(turns, 1):
            if not tu.get("customer") or not tu.get("expect"):
                problems.append(f"{where}.t{j}: empty customer or expect")
            check_text(f"{where}.t{j}.customer", tu.get("customer", ""))
            for e_i, e in enumerate(tu.get("expect", []), 1):
                check_text(f"{where}.t{j}.expect{e_i}", e)
    if len(convs) != 15:
        problems.append(f"{len(convs)} conversations (need 15)")

    n_true = sum(mm["handover"] for mm in msgs)
    print(f"feed units: {len(FEED)}; messages: {len(msgs)} (handover {n_true} / not {len(msgs) - n_true}, HARD {hard}); "
          f"conversations: {len(convs)} ({sum(len(c['turns']) for c in convs)} turns)")
    print("checked: " + ", ".join(f"{k}={v}" for k, v in stats.items()))
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
