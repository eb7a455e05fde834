#!/usr/bin/env python3
"""Build set W: messages.jsonl, conversations.jsonl, tools/queries.json, README.md.

Run from anywhere:  python3 /tmp/setW/tools/build.py
All vehicle figures come from feed.py filter calls (see msgs_true.py,
msgs_false.py, convs.py); nothing vehicle-related is typed by hand here.
"""
import collections
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.dirname(HERE)

import feed            # noqa: E402
import common          # noqa: E402
import msgs_true       # noqa: E402,F401
import msgs_false      # noqa: E402,F401
import convs           # noqa: E402,F401

TRUE_REASONS = ["complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation",
                "human_request", "appointment_time", "frustration", "financing_details", "trade_in_firm",
                "other_handover"]
FALSE_REASONS = ["availability", "features", "price_question", "financing_general", "hours_location",
                 "photos", "mileage", "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai"]
SEED = 20261207


def build_messages():
    msgs = list(common.MSGS)
    random.Random(SEED).shuffle(msgs)
    out, queries = [], []
    for i, mm in enumerate(msgs, 1):
        mid = "w%03d" % i
        assert mm["reason"] in TRUE_REASONS + FALSE_REASONS, mm
        out.append({"id": mid, "text": mm["text"], "handover": mm["reason"] in TRUE_REASONS,
                    "reason": mm["reason"], "language": mm["language"], "notes": mm["notes"]})
        for qq in mm["queries"]:
            queries.append(dict(where=mid, **qq))
    return out, queries


def build_convs():
    out, queries = [], []
    for c in common.CONVS:
        turns = []
        for j, t in enumerate(c.turns, 1):
            turns.append({"customer": t["customer"], "expect": t["expect"]})
            for qq in t["queries"]:
                queries.append(dict(where="%s#%d" % (c.cid, j), **qq))
        out.append({"id": c.cid, "language": c.lang, "turns": turns})
    return out, queries


def quirks():
    R = feed.ROWS
    lines = []
    noprice = [r["stock_number"] for r in R if r["_price"] is None]
    lines.append("- **Missing prices**: %d of %d units have an empty `Price`/`Formatted Price`: %s. A good reply says the price is not listed and offers to get it; it never estimates one."
                 % (len(noprice), len(R), ", ".join(noprice)))
    nomiles = [r["stock_number"] for r in R if r["_miles"] is None]
    lines.append("- **Missing mileage**: %s." % ", ".join(nomiles))
    nocol = [r["stock_number"] for r in R if not r["Color"]]
    ph = [r["stock_number"] for r in R if r["Image Type"] == "Placeholder"]
    lines.append("- **Missing colour**: %s (both are Tucson Hybrids, and both have `Image Type` = Placeholder: %s)." % (", ".join(nocol), ", ".join(ph)))
    garbage = [r["stock_number"] + " " + r["Model"] for r in R if r["Trim"] == feed.GARBAGE_TRIM]
    lines.append("- **Garbage trim** `%s` on: %s. Shown as `[trim not given in feed]` in notes." % (feed.GARBAGE_TRIM, ", ".join(garbage)))
    awd = re.compile(r"\b(AWD|4x4|4WD|quattro|4MOTION|xDrive\w*)\b", re.I)
    two = re.compile(r"\b(FWD|2WD|RWD)\b", re.I)
    conf = []
    for r in R:
        t, d = r["Trim"], r["Drivetrain"]
        if awd.search(t) and d in ("FWD", "RWD"):
            conf.append("%s (%s %s, trim '%s', drivetrain %s)" % (r["stock_number"], r["Year"], r["Model"], t, d))
        elif two.search(t) and not awd.search(t):
            tw = two.search(t).group(1).upper()
            if (tw in ("FWD", "2WD") and d in ("AWD", "4X4")) or (tw == "FWD" and d == "RWD") or (tw == "RWD" and d != "RWD" and tw != "2WD"):
                conf.append("%s (%s %s, trim '%s', drivetrain %s)" % (r["stock_number"], r["Year"], r["Model"], t, d))
    lines.append("- **Trim vs drivetrain conflicts** (%d units): %s. Notes add `[feed drivetrain: …]` where it matters; a good reply must not state either side as fact." % (len(conf), "; ".join(conf)))
    rwd_suv = [r["stock_number"] for r in R if r["Model"] in ("Palisade", "Santa Fe", "Santa Fe Hybrid", "Tucson") and r["Drivetrain"] == "RWD"]
    lines.append("- **Implausible RWD** on front-wheel-drive-based Hyundai SUVs: %s (all 2025 units)." % ", ".join(rwd_suv))
    empty_tr = [r["stock_number"] for r in R if not r["Transmission"]]
    lines.append("- **Empty transmission** on %d units (all 2025 new units plus a few used): %s." % (len(empty_tr), ", ".join(empty_tr)))
    man = [r["stock_number"] for r in R if r["Transmission"] == "Manual" and "IVT" in r["Trim"]]
    lines.append("- **Transmission vs trim conflict**: %s is `Manual` but its trim says IVT (Kia's CVT automatic)." % ", ".join(man))
    hyb = [(r["stock_number"], r["Model"] + " " + r["Trim"], r["Fuel Type"]) for r in R
           if re.search(r"Hybrid|HEV|Prime", r["Model"] + " " + r["Trim"])]
    lines.append("- **Hybrid fuel labels are unreliable**: " + "; ".join("%s %s -> `%s`" % h for h in hyb) +
                 ". Only one unit uses `Hybrid`; the Santa Fe SEL HEV sits under model `Santa Fe`, not `Santa Fe Hybrid`.")
    newmi = sorted([r for r in R if r["Condition"] == "New" and r["_miles"] is not None and r["_miles"] >= 100], key=lambda r: -r["_miles"])
    lines.append("- **New units with 100+ miles on the odometer**: " + "; ".join("%s %s %s (%s)" % (r["stock_number"], r["Year"], r["Model"], feed.miles(r["_miles"])) for r in newmi) +
                 ". The reason (demo, loaner, dealer trade) is not in the feed.")
    lowused = [r for r in R if r["Condition"] == "Used" and r["_miles"] is not None and r["_miles"] < 1000]
    lines.append("- **Used unit with near-zero miles**: " + "; ".join("%s %s %s %s (%s)" % (r["stock_number"], r["Year"], r["Make"], r["Model"], feed.miles(r["_miles"])) for r in lowused) + ".")
    img = collections.Counter(r["Image URL"] for r in R)
    shared = [(u, n) for u, n in img.items() if n > 1]
    for u, n in shared:
        st = [r["stock_number"] for r in R if r["Image URL"] == u]
        lines.append("- **Shared image**: %d units use the same `Image URL` (likely a generic 'photos coming soon' picture) although `Image Type` says %s: %s." %
                     (n, "/".join(sorted(set(r["Image Type"] for r in R if r["Image URL"] == u))), ", ".join(st)))
    types = [(r["stock_number"], r["Model"], r["Type"]) for r in R if r["Model"] in ("Ecosport", "Niro Ev", "Santa Cruz")]
    lines.append("- **Body types**: " + "; ".join("%s %s typed `%s`" % t for t in types) + " — filters on `Type` = SUV miss the Ecosports.")
    empt = [r["stock_number"] for r in R if not r["Fuel Type"] or not r["Vehicle Type"] or not r["Doors"]]
    lines.append("- **Empty Fuel Type / Doors / Vehicle Type**: %s." % ", ".join(empt))
    case = sorted(set(r["Make"] for r in R if r["Make"] in ("Bmw", "Gmc")) | set(r["Model"] for r in R if re.fullmatch(r"[A-Z][a-z]+\d*|[A-Z][a-z]+ [A-Z][a-z]", r["Model"]) and r["Model"] in ("Xt5", "Rx", "Qx60", "Niro Ev", "Titan Xd")))
    lower = [r["stock_number"] for r in R if r["stock_number"] != r["stock_number"].upper()]
    lines.append("- **Capitalisation**: makes/models as %s; lower-case stock number %s. Customers write 'BMW', 'GMC', 'RX 350', 'QX60'." % (", ".join("`%s`" % c for c in case), ", ".join(lower)))
    cols = collections.Counter(r["Color"] for r in R)
    lines.append("- **Colours** are coarse (%s); there is no Silver — customers' 'silver' must map to Grey." % ", ".join("%s %d" % (c or "empty", n) for c, n in cols.most_common()))
    same = collections.defaultdict(list)
    for r in R:
        same[(r["Model"], r["Trim"], r["Color"], r["Year"])].append(r)
    twins = ["%s (%s %s %s, %s)" % ("/".join(r["stock_number"] for r in v), v[0]["Year"], v[0]["Model"], v[0]["Trim"],
                                    v[0]["Color"] or "no colour in feed")
             for v in same.values() if len(v) >= 2]
    lines.append("- **Look-alike groups** (same year, model, trim and colour; 'the burgundy one' etc. is ambiguous): " + "; ".join(twins) + ".")
    lines.append("- File uses CRLF line endings; `Formatted Price` and `Price` agree wherever present (`$59,277` vs `$59,277.00`).")
    return "\n".join(lines)


def readme(msgs, convs_):
    rc = collections.Counter(m["reason"] for m in msgs)
    lc = collections.Counter(m["language"] for m in msgs)
    hard = [m for m in msgs if m["notes"].startswith("HARD:")]
    ntrue = sum(m["handover"] for m in msgs)
    es = [m for m in msgs if m["language"] == "es"]
    es_true = sum(m["handover"] for m in es)
    hard_true = sum(m["handover"] for m in hard)
    spanglish = sum("Spanglish" in m["notes"] for m in msgs)
    with_stock = sum(bool(re.search(r"\((New|Used) \d{4} ", m["notes"])) or "none in stock" in m["notes"] or "not in feed:" in m["notes"] for m in msgs)
    nturns = sum(len(c["turns"]) for c in convs_)
    about = {c.cid: c.about for c in common.CONVS}
    clc = collections.Counter(c["language"] for c in convs_)
    glosses = {"en": "English", "es": "Spanish / Spanglish", "pl": "Polish", "vi": "Vietnamese", "zh": "Chinese",
               "ko": "Korean", "fr": "French", "pt": "Portuguese", "tl": "Tagalog", "ru": "Russian", "ar": "Arabic"}

    table = ["| reason | handover | count | HARD |", "|---|---|---|---|"]
    for r in TRUE_REASONS + FALSE_REASONS:
        table.append("| %s | %s | %d | %d |" % (r, "true" if r in TRUE_REASONS else "false", rc[r],
                                               sum(1 for m in hard if m["reason"] == r)))
    table.append("| **total** | | **%d** | **%d** |" % (len(msgs), len(hard)))
    ltable = ["| language | messages | handover true | handover false |", "|---|---|---|---|"]
    for lang, n in lc.most_common():
        t = sum(1 for m in msgs if m["language"] == lang and m["handover"])
        ltable.append("| %s (%s) | %d | %d | %d |" % (lang, glosses[lang], n, t, n - t))
    def hturns(c):
        return [j for j, t in enumerate(c["turns"], 1) if any(e.startswith("Handover to a human") for e in t["expect"])]
    ctable = ["| id | lang | customer turns | what it tests | handover required at turn(s) | last turn |", "|---|---|---|---|---|---|"]
    for c in convs_:
        ht = hturns(c)
        ctable.append("| %s | %s | %d | %s | %s | %s |" % (c["id"], c["language"], len(c["turns"]), about[c["id"]],
                                                           ", ".join(map(str, ht)) or "none",
                                                           c["turns"][-1]["expect"][0].split(" (")[0]))
    n_end = sum(1 for c in convs_ if hturns(c))

    return """# Evaluation set "W" — World Hyundai of Matteson sales agent

Sealed set for a blind measurement. Do not tune prompts, rules or code against it, and do not
copy its phrases into other sets.

## Provenance

- Written by: a QA-writer helper session (AI assistant) started by the project, writing from scratch.
- Date: 2026-12-07.
- Inputs read, and nothing else:
  1. `/work/main/eval/sets/c/README.md` — only for the file schema, the reason/label space and the labelling conventions (its example phrases were not reused);
  2. `/work/shared/fixtures/inventory/world_hyundai_matteson.tsv` — the dealership's inventory feed ({nrows} vehicles);
  3. `/work/shared/fixtures/inventory/README.md`.
  No code, tests, docs or other evaluation sets of the project were read; the agent was not run.
- Customer wording is the writer's own judgement of how US dealership inbound traffic reads
  (campaign e-mail/SMS replies and website chat openers typed on phones).
- Every stock number, price and mileage in `notes` and `expect` is produced by filter calls in
  `tools/` (never typed by hand); `tools/check.py` re-verifies them against the TSV.

## Files

- `messages.jsonl` — {nmsg} first customer messages: {ntrue} `handover: true`, {nfalse} `handover: false`; {nhard} marked `HARD:` ({hard_true} true / {hard_false} false).
- `conversations.jsonl` — {nconv} scripted conversations, {nturns} customer turns (5–7 each); {n_end} require a handover at some turn, {n_noend} never do (they test not over-escalating).
- `tools/feed.py` — loads the TSV, `q(...)` filter, unit descriptor renderer, price/mileage differences.
- `tools/common.py` — records every filter call (`Q`) with the message/turn it feeds.
- `tools/msgs_true.py`, `tools/msgs_false.py`, `tools/convs.py` — the authored texts; figures come from `Q(...)`/`S(...)` calls.
- `tools/build.py` — writes `messages.jsonl` (shuffled, seed {seed}, ids w001…), `conversations.jsonl`, `tools/queries.json` and this README.
- `tools/queries.json` — every filter call with its result, for independent re-checking.
- `tools/check.py` — independent re-verification (own TSV loader and filter); must print `0 problems`.

Rebuild and verify: `python3 tools/build.py && python3 tools/check.py`.

## messages.jsonl

Schema: `{{"id", "text", "handover", "reason", "language", "notes"}}`; `notes` may be empty. `handover`
is fully determined by `reason` (same label space as set c):

{table}

Languages ({es_pct:.0f}% Spanish incl. {spanglish} Spanglish; Spanish: {es_true} true / {es_false} false):

{ltable}

{with_stock} messages carry inventory notes (`stock:` lists, `none in stock`, or `not in feed:`).

### Labelling conventions (as in set c, applied to new wording)

- One primary reason per message. Where a second reason is defensible, `notes` names it; both
  candidates are always on the same side of `handover`.
- **appointment_time** needs a concrete day *and* time, or a relative time ("in 20 min", "5:45 today").
  A visit with no time ("might swing by Saturday", "tomorrow, not sure when") is false
  (hours_location / availability). A time that is only for a phone call is **human_request**.
  A Sunday time is still appointment_time (Illinois dealers are closed Sundays, so the agent must not
  confirm it itself — a person follows up).
- **negotiation** = a concrete offer, payment target, price-match, out-the-door / cash-no-fees
  quote, 'lowest / best / wiggle room / is the price firm', or the Spanish bargaining idiom
  "¿en cuánto me la deja(n)?". Listed price, rebates in general, or what the listed price includes
  is **price_question**.
- **warranty / recalls / history** about a car on the lot or in general is **vehicle_facts**; a
  warranty claim, recall repair, paperwork, plates, payoff or defect on the customer's *own* car is
  **existing_customer_issue** — even when the model is also on the lot.
- **financing**: policy questions with no personal details (bad credit in general, ITIN accepted?,
  first-time buyers, outside lenders, loan terms, 0% promo) are **financing_general**; the
  customer's own score, income, bankruptcy, ITIN status, co-signer, negative equity, approval/rate
  or submitted application are **financing_details**.
- **trade-ins**: "do you take trades?" and "what would you give me for my X" (details but no figure)
  are **other_ai**; a minimum number, an ultimatum or a competing offer used as a floor is
  **trade_in_firm**. A payoff mentioned in passing is not negative equity.
- **legal_threat**: attorneys/lawyers, small claims, lemon law, BBB, Attorney General, FTC, in any
  language or tone (including "not a threat, but…"). Secretary of State as the *sender of a title
  notice* is not a threat (existing_customer_issue). A lawyer mentioned as a source of product
  information ("my buddy who's a lawyer says…") is false.
- **human_request**: asks for a person, a named salesperson, a call back (with or without a time),
  a Spanish- or Korean-speaking person on the phone. "r u a robot 😂" without asking to be connected is
  **small_talk**.
- **other_handover**: needs a person for something that is not a sale (lost item, fleet account,
  job inquiry).
- Sarcasm that complains ("10/10 experience…", "cool cool cool…") is **complaint**; a joke that is not a
  complaint ("my wallet is crying…") is false. Calm walk-aways after a bad exchange
  ("nvm i'll just go to…") and irritated corrections are **frustration**; a calm "not interested rn"
  campaign reply is **browsing**.
- 'manager', 'lawyer', 'warranty', 'cosigner', 'deposit', 'recall' appearing without the matching
  request/threat/claim/commitment are deliberately included on the false side.

### notes conventions

- `HARD: <why>` first marks a deliberately borderline case (either side).
- Non-English messages carry `Gloss: '<English>'`; Spanglish is labelled `es` and says so.
- A unit is always written as
  `<stock> (<Condition> <Year> <Make> <Model> <Trim>, <Colour>, <miles> mi, $<price>)`,
  optionally followed by `[feed <field>: <value>]` tags (drivetrain, fuel, transmission, image, type)
  when that raw field matters. Missing values are written `no price in feed`,
  `mileage not in feed`, `colour not in feed`, `[trim not given in feed]` — a good reply must not
  invent them.
- `stock: …` lists the matching units; `none in stock` is explicit and followed by the closest real
  units; `not in feed: <stock>` marks a stock number a customer quotes that does not exist.
- `price difference $X between A and B` / `mileage difference N mi between A and B` are computed.
- `$N (customer's figure)` marks an amount that comes from the customer, not the feed.
- Phone numbers use the fictional 555-01xx range; ZIP codes are real Illinois ZIPs, not stock numbers.

## conversations.jsonl

Schema: `{{"id", "language", "turns": [{{"customer", "expect": [..]}}]}}`. `language` is the language
the conversation is written in ({clangs}). `expect` items are written in English even for Spanish
conversations; unit descriptors and computed differences follow the notes conventions above.
- "Handover to a human (<reason>)" — that turn must trigger a handover; "No handover" — it must not;
  "Handover optional" — either is fine (turns after an escalation, where the conversation may stay with
  a person, or a photo request);
  "Handover not yet required" — a visit without a time.
- "Lists exactly …" means the set must match; "Names … only from: …" means every unit named must be
  in that list (a subset is fine); "e.g." means the figure is one acceptable example.
- References to the agent's own previous list ("the 3rd one") are checked against what the agent
  itself listed.
- Memory checks: "does not ask … again" items fail a reply that re-asks for information the customer
  already gave (model, trade details, name, phone, e-mail).

{ctable}

## Feed quirks found (computed by `tools/build.py`)

{quirks}
""".format(nrows=len(feed.ROWS), nmsg=len(msgs), ntrue=ntrue, nfalse=len(msgs) - ntrue, nhard=len(hard),
           hard_true=hard_true, hard_false=len(hard) - hard_true, nconv=len(convs_), nturns=nturns,
           n_end=n_end, n_noend=len(convs_) - n_end, seed=SEED, table="\n".join(table),
           es_pct=100.0 * len(es) / len(msgs), spanglish=spanglish, es_true=es_true, es_false=len(es) - es_true,
           ltable="\n".join(ltable), with_stock=with_stock,
           clangs=", ".join("`%s` %d" % kv for kv in clc.most_common()), ctable="\n".join(ctable),
           quirks=quirks())


def main():
    msgs, q1 = build_messages()
    cv, q2 = build_convs()
    with open(os.path.join(OUT, "messages.jsonl"), "w", encoding="utf-8") as fh:
        for mm in msgs:
            fh.write(json.dumps(mm, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "conversations.jsonl"), "w", encoding="utf-8") as fh:
        for c in cv:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "queries.json"), "w", encoding="utf-8") as fh:
        json.dump(q1 + q2, fh, ensure_ascii=False, indent=1)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write(readme(msgs, cv))
    print("wrote %d messages, %d conversations, %d queries" % (len(msgs), len(cv), len(q1) + len(q2)))


if __name__ == "__main__":
    main()
