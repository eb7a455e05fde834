"""Cross-check set n against the feed.

    python3 eval/sets/n/tools/check.py      (from /work/main); exit code 1 on any problem

Checks
 1. schema of messages.jsonl / conversations.jsonl; handover determined by reason; unique ids; 3-7 turns;
    every conversation turn carries exactly one handover expectation.
 2. every stock-like token anywhere (texts, notes, expects) is a stock number of the feed, a listed real
    Illinois ZIP, or a listed deliberately non-existent stock number whose note says so.
 3. every `stock: X = ...` line in notes equals the line generated from the feed.
 4. every $ amount and every `N mi` figure between a stock number and the next stock number (notes and
    expects) equals that unit's price / mileage (budget words such as 'under', 'below' exempt the figure);
    a unit without price/mileage in the feed must not get one.
 5. every parenthetical right after a stock number: a year must be the unit's year, a capitalised feed colour
    must be the unit's colour; a full '(Year Make Model Trim, Colour, miles, price)' must equal the feed.
 6. every capitalised feed colour between a stock number and the next one is the unit's colour.
 7. phone numbers are 555-01xx.
 8. every 'Lists exactly' / 'Answers' set in the conversations that comes from a filter is recomputed from
    the feed with that filter and must equal the stock numbers written in the expect item.
 9. self-test: deliberately wrong figures, colours, references, stock numbers and phones are caught.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from inventory import UNITS, note_line, ref, price_int, miles_int  # noqa: E402

TRUE_REASONS = {"complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation",
                "human_request", "appointment_time", "frustration", "financing_details", "trade_in_firm",
                "other_handover"}
FALSE_REASONS = {"availability", "features", "price_question", "financing_general", "hours_location", "photos",
                 "mileage", "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai"}
# real Illinois ZIP codes used in the set
IL_ZIPS = {"60466": "Park Forest", "61101": "Rockford", "60471": "Richton Park"}
# stock numbers that are deliberately NOT in the feed (customer asks about a non-existent unit)
FAKE_STOCKS = {"27999"}
COLOURS = sorted({u["Color"] for u in UNITS.values() if u["Color"]})

STOCK_RE = re.compile(r"(?<![\w$.,/-])([A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]?)(?![\w-])")
MONEY_RE = re.compile(r"\$(\d{1,3}(?:,\d{3})+|\d+)(?![\d,]*\s*k\b)(?:\.\d\d)?")
MILES_RE = re.compile(r"(?<![\d,$])(\d{1,3}(?:,\d{3})+|\d+) mi\b")
PHONE_RE = re.compile(r"\b\d{3}-\d{3}-\d{4}\b")
BUDGET_WORDS = re.compile(r"(under|over|below|above|than|budget|max(imum)?|at most|up to|limit|≤|<|>)\W*$", re.I)
COLOUR_RE = re.compile(r"\b(" + "|".join(COLOURS) + r")\b")
HANDOVER_ITEMS = ("Handover to a human (", "No handover", "Handover not yet required", "Handover optional")

problems = []
stats = {"stock_tokens": 0, "money_checked": 0, "miles_checked": 0, "stock_lines": 0, "full_refs": 0,
         "colours_checked": 0}


def bad(where, msg):
    problems.append(f"{where}: {msg}")


def tokens(text):
    return [(m.start(), m.end(), m.group(1)) for m in STOCK_RE.finditer(text)]


def check_tokens(where, text, notes_for_fake=""):
    for _, _, tok in tokens(text):
        stats["stock_tokens"] += 1
        if tok in UNITS:
            continue
        if tok in IL_ZIPS:
            continue
        if tok in FAKE_STOCKS:
            if "not a stock number in the feed" not in notes_for_fake:
                bad(where, f"fake stock {tok} without a note saying so")
            continue
        bad(where, f"stock-like token {tok!r} is not in the feed")


def check_figures(where, text):
    toks = [t for t in tokens(text) if t[2] in UNITS]
    for i, (s, e, tok) in enumerate(toks):
        end = toks[i + 1][0] if i + 1 < len(toks) else len(text)
        seg = text[e:end]
        u = UNITS[tok]
        for m in MONEY_RE.finditer(seg):
            if BUDGET_WORDS.search(seg[max(0, m.start() - 14):m.start()]):
                continue
            stats["money_checked"] += 1
            val = int(m.group(1).replace(",", ""))
            if price_int(u) != val:
                bad(where, f"{tok}: ${m.group(1)} but feed price is {u['Price'] or 'empty'}")
        for m in MILES_RE.finditer(seg):
            if BUDGET_WORDS.search(seg[max(0, m.start() - 14):m.start()]):
                continue
            stats["miles_checked"] += 1
            val = int(m.group(1).replace(",", ""))
            if miles_int(u) != val:
                bad(where, f"{tok}: {m.group(1)} mi but feed mileage is {u['Mileage'] or 'empty'}")
        for m in COLOUR_RE.finditer(seg):
            stats["colours_checked"] += 1
            if m.group(1) != u["Color"]:
                bad(where, f"{tok}: colour {m.group(1)} but feed colour is {u['Color'] or 'empty'}")
        # parenthetical right after the stock number
        pm = re.match(r" \(([^()]*)\)", text[e:])
        if pm:
            inner = pm.group(1)
            for y in re.findall(r"\b(20\d\d)\b", inner):
                if y != u["Year"]:
                    bad(where, f"{tok}: year {y} but feed year is {u['Year']}")
            if re.match(r"20\d\d .*, .*, .*, .*", inner):
                stats["full_refs"] += 1
                if f"{tok} ({inner})" != ref(tok):
                    bad(where, f"{tok}: reference {inner!r} != feed {ref(tok)!r}")


def check_stock_lines(where, notes):
    for m in re.finditer(r"stock: (\S+) = ([^;]*)", notes):
        stats["stock_lines"] += 1
        tok = m.group(1)
        if tok not in UNITS:
            bad(where, f"stock line for unknown {tok}")
            continue
        if m.group(0).rstrip() != note_line(tok):
            bad(where, f"stock line {m.group(0)!r} != feed {note_line(tok)!r}")


def check_phones(where, text):
    for p in PHONE_RE.findall(text):
        if not re.fullmatch(r"\d{3}-555-01\d\d", p):
            bad(where, f"phone {p} not in 555-01xx")


def P(u):
    return price_int(u)


def Mi(u):
    return miles_int(u)


def used(u):
    return u["Condition"] == "Used"


def new(u):
    return u["Condition"] == "New"


def cheapest(pred):
    cands = [u for u in UNITS.values() if pred(u) and P(u) is not None]
    low = min(P(u) for u in cands)
    return lambda u: u in cands and P(u) == low


def lowest_miles(pred):
    cands = [u for u in UNITS.values() if pred(u) and Mi(u) is not None]
    low = min(Mi(u) for u in cands)
    return lambda u: u in cands and Mi(u) == low


# (conversation id, turn, prefix of the expect item, filter over the feed) -> the stock numbers in that item
FILTERS = [
    ("nc01", 1, "Lists exactly the six", lambda u: u["Model"] == "Escape"),
    ("nc01", 2, "Lists exactly", lambda u: u["Model"] == "Escape" and P(u)),
    ("nc01", 3, "Recognises that three", lambda u: u["Model"] == "Escape" and P(u) and u["Color"] == "Blue"),
    ("nc01", 4, "Identifies", lambda u: u["Model"] == "Escape" and P(u) and u["Color"] == "Blue" and u["Year"] == "2022"),
    ("nc02", 3, "Lists exactly 15394A", lambda u: u["Model"] == "Telluride" and P(u) and P(u) < 37900 and u["Color"] != "Brown"),
    ("nc03", 2, "Lists exactly", lambda u: used(u) and u["Type"] == "SUV" and P(u) and P(u) <= 20000
        and u["Make"] not in ("Ford", "Chevrolet")),
    ("nc04", 1, "Lists exactly", lambda u: u["Type"] == "Sedan" and P(u) and P(u) <= 20000),
    ("nc04", 2, "Lists exactly", lambda u: u["Type"] == "Sedan" and P(u) and P(u) <= 20000 and int(u["Year"]) >= 2021),
    ("nc04", 3, "Answers", lowest_miles(lambda u: u["Type"] == "Sedan" and P(u) and P(u) <= 20000
        and int(u["Year"]) >= 2021)),
    ("nc05", 2, "Gives the Tucson Hybrid", lambda u: new(u) and u["Model"] == "Tucson Hybrid"),
    ("nc06", 2, "Shows WV15156", lambda u: used(u) and u["Type"] == "Truck" and u["Make"] != "Ford"
        and ("4x4" in u["Trim"].lower() or "4wd" in u["Trim"].lower() or u["Drivetrain"] == "4X4")),
    ("nc07", 1, "Includes", lambda u: "hybrid" in (u["Model"] + u["Trim"] + u["Fuel Type"]).lower()
        and "plug-in" not in u["Trim"].lower() and P(u) and P(u) < 25000),
    ("nc08", 2, "Lists exactly", lambda u: new(u) and u["Model"] == "Palisade" and "Calligraphy" in u["Trim"]
        and u["Color"] != "Black"),
    ("nc08", 3, "Answers", cheapest(lambda u: new(u) and u["Model"] == "Palisade" and "Calligraphy" in u["Trim"]
        and u["Color"] != "Black")),
    ("nc08", 5, "Carries over", lambda u: new(u) and u["Model"] == "Santa Fe" and "Calligraphy" in u["Trim"]
        and u["Color"] != "Black"),
    ("nc08", 6, "Answers", cheapest(lambda u: new(u) and u["Model"] == "Santa Fe" and "Calligraphy" in u["Trim"]
        and u["Color"] != "Black" and u["Drivetrain"] in ("AWD", "4X4"))),
    ("nc10", 1, "Lists exactly", lambda u: (u["Model"] == "Rogue" and u["Year"] == "2021")
        or (u["Model"] == "Equinox" and u["Year"] == "2023")),
    ("nc10", 2, "Lists exactly", lambda u: ((u["Model"] == "Rogue" and u["Year"] == "2021")
        or (u["Model"] == "Equinox" and u["Year"] == "2023")) and Mi(u) < 50000),
    ("nc10", 3, "Resolves", lambda u: u["Model"] == "Rogue" and u["Year"] == "2021" and Mi(u) < 50000
        and u["Color"] == "Blue"),
    ("nc11", 1, "Lists exactly", lambda u: u["Model"] in ("Ioniq 5", "Ioniq 6") or u["Model"].endswith(" Ev")),
    ("nc12", 3, "Lists exactly", lambda u: u["Type"] == "Sedan" and P(u) and P(u) <= 22000 and Mi(u)
        and Mi(u) < 50000 and int(u["Year"]) >= 2022),
    ("nc12", 4, "Lists exactly", lambda u: u["Type"] == "Sedan" and P(u) and P(u) <= 22000 and Mi(u)
        and Mi(u) < 50000 and int(u["Year"]) >= 2022 and u["Model"] != "Forte"),
    ("nc14", 2, "Lists exactly", lambda u: used(u) and u["Make"] == "Hyundai" and u["Model"] == "Tucson"),
    ("nc14", 3, "Lists exactly", lambda u: used(u) and u["Make"] == "Hyundai" and u["Model"] == "Tucson"
        and int(u["Year"]) >= 2021 and P(u)),
    ("nc16", 1, "Answers", cheapest(lambda u: True)),
]


# (start of the message text, filter over the feed) -> the units in that message's `stock:` lines
MSG_FILTERS = [
    ("yall got any jeeps", lambda u: u["Make"] == "Jeep"),
    ("Any Ioniq 5s", lambda u: u["Model"] == "Ioniq 5"),
    ("do you have the new palisade in green", lambda u: new(u) and u["Model"] == "Palisade" and u["Color"] == "Green"),
    ("¿Tienen pickups 4x4", lambda u: u["Type"] == "Truck" and ("4x4" in u["Trim"].lower() or "4wd" in u["Trim"].lower()
        or u["Drivetrain"] in ("4X4", "AWD"))),
    ("Do you have la Santa Fe nueva en blanco", lambda u: new(u) and u["Model"].startswith("Santa Fe") and u["Color"] == "White"),
    ("what's the cheapest NEW hyundai", cheapest(lambda u: new(u) and u["Make"] == "Hyundai")),
    ("my wallet is crying", cheapest(lambda u: True)),
    ("what's the price difference between the two brown", lambda u: u["Model"] == "Telluride" and u["Color"] == "Brown"),
    ("Need my payment under", lambda u: u["Model"].startswith("Santa Fe") and "Calligraphy" in u["Trim"]),
    ("have a salesperson call me after 6pm", lambda u: u["Model"] == "Santa Fe" and u["Year"] == "2025"),
    ("heated steering wheel on the Tucson Limited", lambda u: new(u) and u["Model"] == "Tucson" and "Limited" in u["Trim"]),
    ("Does the 2025 Santa Fe Calligraphy", lambda u: u["Model"] == "Santa Fe" and u["Year"] == "2025" and "Calligraphy" in u["Trim"]),
    ("Ioniq 5 or Tucson Hybrid", lambda u: u["Model"] in ("Ioniq 5", "Tucson Hybrid")),
    ("do u have any santa fe hybrids", lambda u: u["Model"] == "Santa Fe Hybrid" or (u["Model"] == "Santa Fe" and "HEV" in u["Trim"])),
    ("I'll be there around 5:30 today", lambda u: u["Model"] == "Equinox" and u["Color"] == "White"),
    ("Booking a test drive for Tues", lambda u: u["Model"] == "Telluride" and u["Color"] == "Brown" and u["Trim"].startswith("EX")),
    ("text me instead of this chat", lambda u: u["Model"] == "Murano"),
    ("Carvana has a 2022 Escape SE", lambda u: u["Model"] == "Escape" and u["Year"] == "2022" and u["Trim"].startswith("SE ")),
    ("anything with a manual transmission", lambda u: u["Transmission"] == "Manual" or "Manual" in u["Trim"]),
    ("ok me llevo el Rogue azul", lambda u: u["Model"] == "Rogue" and u["Color"] == "Blue"),
    ("Is the Niro EV", lambda u: u["Model"] == "Niro Ev"),
    ("got any Hondas", lambda u: u["Make"] == "Honda"),
    ("how many miles on the Tahoe", lambda u: u["Model"] == "Tahoe"),
    ("miles on the grey sportage", lambda u: u["Model"] == "Sportage"),
    ("price on the lexus rx", lambda u: u["Make"] == "Lexus"),
    ("how much for the orange Forte", lambda u: u["Model"] == "Forte" and u["Color"] == "Orange"),
    ("take my money", lambda u: u["Model"] == "K5" and u["Color"] == "Orange"),
    ("Wife finally said yes", lambda u: u["Model"] == "Palisade" and u["Color"] == "Blue" and "XRT" in u["Trim"]),
    ("Ya me decidí, quiero la Tucson híbrida blanca", lambda u: u["Model"] == "Tucson Hybrid" and u["Color"] == "White"),
    ("Would you do 36k on the white 2022 Telluride EX", lambda u: u["Model"] == "Telluride" and u["Year"] == "2022"
        and u["Color"] == "White" and u["Trim"].startswith("EX")),
    ("¿Qué es lo menos que me dejan la Grand Cherokee gris 2020", lambda u: u["Model"] == "Grand Cherokee"
        and u["Year"] == "2020" and u["Color"] == "Grey"),
    ("¿Puedo pasar mañana a las 4 a ver la Santa Fe roja", lambda u: u["Model"].startswith("Santa Fe") and u["Color"] == "Red"),
    ("on my way, like 20 min out", lambda u: u["Model"] == "Jetta" and u["Color"] == "Grey"),
    ("lunch break is 12-1", lambda u: u["Model"] == "Kona"),
    ("¿Me puede mandar fotos de la Palisade café", lambda u: u["Model"] == "Palisade" and u["Color"] == "Brown"),
    ("lowest mileage used Hyundai", lambda u: u in sorted(
        (x for x in UNITS.values() if used(x) and x["Make"] == "Hyundai" and Mi(x)), key=Mi)[:2]),
    ("need a cheap safe car for my 16 yo", lambda u: u in sorted((x for x in UNITS.values() if P(x)), key=P)[:2]),
]


def check_msg_filters(msgs):
    for prefix, pred in MSG_FILTERS:
        hits = [r for r in msgs if r["text"].startswith(prefix)]
        if len(hits) != 1:
            bad("msg filter", f"{prefix!r} matches {len(hits)} messages")
            continue
        r = hits[0]
        want = {s for s, u in UNITS.items() if pred(u)}
        got = set(re.findall(r"stock: (\S+) =", r.get("notes", "")))
        stats["msg_filters_checked"] = stats.get("msg_filters_checked", 0) + 1
        if want != got:
            bad(r["id"], f"filter gives {sorted(want)}, notes list {sorted(got)}")


def check_filters(convs):
    by_id = {c["id"]: c for c in convs}
    for cid, turn, prefix, pred in FILTERS:
        items = [e for e in by_id[cid]["turns"][turn - 1]["expect"] if e.startswith(prefix)]
        if len(items) != 1:
            bad(f"{cid} turn {turn}", f"filter item starting {prefix!r} found {len(items)} times")
            continue
        want = {s for s, u in UNITS.items() if pred(u)}
        got = {t for _, _, t in tokens(items[0]) if t in UNITS}
        stats["filters_checked"] = stats.get("filters_checked", 0) + 1
        # units mentioned only as excluded / unpriced extras are allowed after the words below
        head = re.split(r"; drops |[Dd]oes not|, drops |\(the unpriced|\(a short|\(27205", items[0])[0]
        got_head = {t for _, _, t in tokens(head) if t in UNITS}
        if got_head != want:
            bad(f"{cid} turn {turn}", f"filter gives {sorted(want)}, expect lists {sorted(got_head)} (all tokens {sorted(got)})")


def selftest():
    saved = list(problems)
    del problems[:]
    check_figures("s1", "Refers to KV5566 (2022 Chevrolet Malibu 4dr Sdn LT, $19,400)")
    check_figures("s2", "KV5563 has 66,000 mi")
    check_figures("s3", "KV5454A has 12,000 mi")
    check_figures("s4", "Refers to WV15147 (Black)")
    check_figures("s5", "15549A (2022 Kia Forte LXS IVT, Grey, 14,437 mi, $18,900)")
    check_tokens("s6", "is stock KV9999 there")
    check_stock_lines("s7", "stock: KV5554 = Used 2020 Jeep Grand Cherokee Limited 4x4, Grey, 26,538 mi, $26,901")
    check_phones("s8", "call 708-555-1234")
    caught = {p.split(":")[0] for p in problems}
    del problems[:]
    check_figures("ok1", "drops KV5540 (66,435 mi); under 50,000 mi; KV5529 under $30,000")
    clean = not problems
    del problems[:]
    problems.extend(saved)
    want = {f"s{i}" for i in range(1, 9)}
    if caught != want or not clean:
        bad("selftest", f"caught {sorted(caught)} of {sorted(want)}, clean={clean}")
    else:
        print("selftest: 8/8 planted errors caught, 0 false alarms")


def main():
    selftest()
    ids = set()
    msgs = [json.loads(line) for line in open(os.path.join(SET_DIR, "messages.jsonl"), encoding="utf-8")]
    for r in msgs:
        w = r.get("id", "?")
        if set(r) - {"id", "text", "handover", "reason", "language", "notes"} or not {"id", "text", "handover", "reason", "language"} <= set(r):
            bad(w, f"schema keys {sorted(r)}")
        if w in ids:
            bad(w, "duplicate id")
        ids.add(w)
        if r["reason"] in TRUE_REASONS:
            if r["handover"] is not True:
                bad(w, "handover must be true for " + r["reason"])
        elif r["reason"] in FALSE_REASONS:
            if r["handover"] is not False:
                bad(w, "handover must be false for " + r["reason"])
        else:
            bad(w, "unknown reason " + r["reason"])
        notes = r.get("notes", "")
        check_tokens(w + " text", r["text"], notes)
        check_tokens(w + " notes", notes, notes)
        check_stock_lines(w, notes)
        check_figures(w + " notes", notes)
        check_phones(w, r["text"] + " " + notes)
    texts = [r["text"] for r in msgs]
    if len(set(texts)) != len(texts):
        bad("messages", "duplicate texts")

    convs = [json.loads(line) for line in open(os.path.join(SET_DIR, "conversations.jsonl"), encoding="utf-8")]
    for c in convs:
        w = c["id"]
        if set(c) != {"id", "language", "turns"}:
            bad(w, f"schema keys {sorted(c)}")
        if not 3 <= len(c["turns"]) <= 7:
            bad(w, f"{len(c['turns'])} turns")
        for i, t in enumerate(c["turns"], 1):
            tw = f"{w} turn {i}"
            if set(t) != {"customer", "expect"} or not t["expect"]:
                bad(tw, "schema")
            ho = [e for e in t["expect"] if e.startswith(HANDOVER_ITEMS)]
            if len(ho) != 1:
                bad(tw, f"{len(ho)} handover expectations")
            for e in ho:
                m = re.match(r"Handover to a human \((\w+)\)", e)
                if e.startswith("Handover to a human") and (not m or m.group(1) not in TRUE_REASONS):
                    bad(tw, f"bad handover reason in {e!r}")
            check_tokens(tw + " customer", t["customer"])
            check_phones(tw, t["customer"])
            for e in t["expect"]:
                check_tokens(tw + " expect", e)
                check_figures(tw + " expect", e)
                check_phones(tw, e)

    check_filters(convs)
    check_msg_filters(msgs)
    print(f"messages: {len(msgs)}, conversations: {len(convs)}, turns: {sum(len(c['turns']) for c in convs)}")
    print("checked:", ", ".join(f"{k}={v}" for k, v in stats.items()))
    if problems:
        print(f"{len(problems)} PROBLEM(S):")
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("OK: all stock numbers exist; all prices, mileages, colours, years and references next to stock numbers match the feed")


if __name__ == "__main__":
    main()
