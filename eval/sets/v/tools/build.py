#!/usr/bin/env python3
"""Build set V: messages.jsonl, conversations.jsonl and README.md in the parent directory.

Usage: python3 tools/build.py   (then: python3 tools/check.py)
All inventory figures come from feed.py filter calls (see tags.py); nothing is typed by hand.
"""
import collections
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.dirname(HERE)

import feed  # noqa: E402
from messages_data import MSGS  # noqa: E402
from conversations_data import CONVS  # noqa: E402

HANDOVER = {
    "complaint": True, "existing_customer_issue": True, "legal_threat": True, "ready_to_buy": True,
    "negotiation": True, "human_request": True, "appointment_time": True, "frustration": True,
    "financing_details": True, "trade_in_firm": True, "other_handover": True,
    "availability": False, "features": False, "price_question": False, "financing_general": False,
    "hours_location": False, "photos": False, "mileage": False, "comparison": False, "browsing": False,
    "small_talk": False, "vehicle_facts": False, "other_ai": False,
}
LANG_NAMES = {"en": "English", "es": "Spanish / Spanglish", "pl": "Polish", "ar": "Arabic", "vi": "Vietnamese",
              "tl": "Tagalog", "ko": "Korean", "uk": "Ukrainian", "fr": "French", "zh": "Chinese"}
SEED = 20261207


def build_messages():
    msgs = list(MSGS)
    texts = [m["text"] for m in msgs]
    assert len(texts) == len(set(texts)), "duplicate message text"
    random.Random(SEED).shuffle(msgs)
    out = []
    for i, m in enumerate(msgs, 1):
        out.append({"id": f"v{i:03d}", "text": m["text"], "handover": HANDOVER[m["reason"]],
                    "reason": m["reason"], "language": m["language"], "notes": m["notes"]})
    return out


def build_convs():
    return [{"id": c["id"], "language": c["language"], "turns": c["turns"]} for c in CONVS]


# ---------------------------------------------------------------- feed quirks
AWD_WORDS = ("awd", "4x4", "4wd", "xdrive", "quattro", "4motion")
TWO_WD_WORDS = ("fwd", "2wd", "rwd")


def drive_conflicts():
    out = []
    for u in feed.units():
        t = u.trim.lower()
        says_awd = any(w in t for w in AWD_WORDS)
        says_2wd = any(w in t.split() or w in t for w in TWO_WD_WORDS)
        d = u.drive.upper()
        if says_awd and d in ("FWD", "RWD"):
            out.append(f"{u.stock} ({u.year} {u.model} trim '{u.trim}', drivetrain {u.drive})")
        elif says_2wd and not says_awd and d in ("AWD", "4X4"):
            out.append(f"{u.stock} ({u.year} {u.model} trim '{u.trim}', drivetrain {u.drive})")
        elif says_2wd and not says_awd and d != "FWD" and "fwd" in t:
            out.append(f"{u.stock} ({u.year} {u.model} trim '{u.trim}', drivetrain {u.drive})")
    return out


def quirks():
    us = feed.units()
    q = []
    nop = [u.stock for u in us if u.price is None]
    q.append(f"Missing prices: {len(nop)} of {len(us)} units ({', '.join(nop)}). A good reply says the price is not listed and offers to get it.")
    q.append("Missing colour: " + ", ".join(u.stock for u in us if not u.color) + " (both new Tucson Hybrids, Image Type 'Placeholder').")
    q.append("Missing mileage: " + ", ".join(u.stock for u in us if u.miles is None) + ".")
    q.append("Garbage trim `" + feed.GARBAGE_TRIM + "`: " + ", ".join(f"{u.stock} ({u.model})" for u in us if u.trim == feed.GARBAGE_TRIM) +
             " — written as '(trim not given in feed)' in notes/expect.")
    q.append("Trim text vs Drivetrain column conflicts: " + "; ".join(drive_conflicts()) +
             ". Other new 2025 AWD-trim units list '4X4' rather than 'AWD'. A good reply does not state a conflicting drivetrain as fact.")
    hy = [u for u in us if "hybrid" in u.name().lower() or "hev" in u.trim.lower().split() or u.model == "Prius Prime"]
    q.append("Hybrid fuel labels are inconsistent: " + "; ".join(f"{u.stock} {u.model} {u.trim} = '{u.fuel or '(empty)'}'" for u in hy) +
             ". The Prius Prime (plug-in hybrid) and two Tucson Hybrids are labelled 'Electric'; only the Ioniq 5, Ioniq 6 and Niro EV are battery-electric.")
    et = [u.stock for u in us if not u.trans]
    q.append(f"Empty Transmission: {len(et)} units ({', '.join(et)}); 'CVT CVT' appears on {sum(1 for u in us if u.trans == 'CVT CVT')} units; "
             "15549A is trim 'LXS IVT' but Transmission 'Manual'.")
    hm = [f"{u.stock} ({u.miles:,} mi)" for u in us if u.cond == "New" and u.miles and u.miles >= 400]
    q.append("New units with notable mileage: " + ", ".join(hm) + ". The feed gives no reason (demo/loaner); do not invent one.")
    lo = [f"{u.stock} ({u.miles} mi)" for u in us if u.cond == "Used" and u.miles is not None and u.miles < 1000]
    q.append("Used units with almost no miles: " + ", ".join(lo) + ".")
    img = collections.Counter(u.image_url for u in us)
    url, n = img.most_common(1)[0]
    q.append(f"One Image URL is shared by {n} different vehicles (so it cannot be a photo of each; Image Type still 'Dealer'): " + ", ".join(u.stock for u in us if u.image_url == url) + ".")
    q.append("Image Type 'Placeholder': " + ", ".join(u.stock for u in us if u.image_type == "Placeholder") +
             "; Image Type 'Stock' on " + str(sum(1 for u in us if u.image_type == "Stock")) + " units, 'Dealer' on the rest.")
    emp = [u for u in us if not u.fuel or not u.row["Doors"] or not u.row["Vehicle Type"]]
    q.append("Empty Fuel Type, Doors and Vehicle Type: " + ", ".join(u.stock for u in emp) + " (also no price).")
    q.append("Spelling/casing: makes 'Gmc', 'Bmw'; models 'Xt5', 'Rx', 'Qx60', 'Niro Ev', 'Titan Xd'; stock number 'kv4958' is lower-case; "
             "stock numbers mix digits-only, letter prefixes (DT, KV, WV, WK) and an 'A' suffix.")
    q.append("Model naming: the 2024 Santa Fe 'SEL HEV' (27130) is filed under model 'Santa Fe' with fuel Gasoline, while 2025 hybrids are model 'Santa Fe Hybrid'; "
             "the Santa Cruz is Type 'Truck'; the two burgundy 2024 Tucson Limited AWDs (26989, 26966) have identical prices but different drivetrains.")
    d5 = [u.stock for u in us if u.row["Doors"] == "5"]
    n25 = [u.stock for u in us if u.cond == "New" and u.year == 2025]
    q.append(f"Doors = 5 on {len(d5)} units: all {len(n25)} new 2025 units plus " +
             ", ".join(s for s in d5 if s not in n25) + " (hatchback); other units list 2 or 4 doors, 15279A is empty.")
    return q


def table(rows, header):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(lines)


def readme(msgs, convs):
    n = len(msgs)
    ho = sum(m["handover"] for m in msgs)
    hard = sum(m["notes"].startswith("HARD:") for m in msgs)
    by_reason = collections.Counter(m["reason"] for m in msgs)
    hard_r = collections.Counter(m["reason"] for m in msgs if m["notes"].startswith("HARD:"))
    es_r = collections.Counter(m["reason"] for m in msgs if m["language"] == "es")
    rows = []
    for r in HANDOVER:
        rows.append([r, str(HANDOVER[r]).lower(), by_reason[r], hard_r[r], es_r[r]])
    rows.append(["**total**", f"{ho} true / {n - ho} false", n, hard, sum(es_r.values())])
    langs = collections.Counter(m["language"] for m in msgs)
    lrows = []
    for l, c in sorted(langs.items(), key=lambda x: -x[1]):
        lh = sum(1 for m in msgs if m["language"] == l and m["handover"])
        lrows.append([l, LANG_NAMES[l], c, lh, c - lh])
    hb = collections.Counter((m["handover"], m["notes"].startswith("HARD:")) for m in msgs)
    crow = []
    for c, meta in zip(convs, CONVS):
        handovers = [i + 1 for i, t in enumerate(c["turns"]) if any(e.startswith("Handover to a human") for e in t["expect"])]
        crow.append([c["id"], c["language"], len(c["turns"]), meta["about"], ", ".join(map(str, handovers)) or "—"])
    total_turns = sum(len(c["turns"]) for c in convs)
    clang = collections.Counter(c["language"] for c in convs)
    with_ho = sum(1 for r in crow if r[4] != "—")
    es_msgs = langs["es"]

    return f"""# Evaluation set "V" — World Hyundai of Matteson sales agent

Sealed set for a blind measurement. Do not tune prompts, rules or code against it, and do not show its
messages to the system under test before the measurement.

## Provenance

- Written by: a QA-writer helper session (AI assistant) started by the project, writing from scratch.
- Date: 2026-12-07.
- Inputs read, and nothing else:
  1. `/work/main/eval/sets/c/README.md` — only for the file schema, the reason/label space and the labelling conventions. None of its example phrases is reused.
  2. `/work/shared/fixtures/inventory/world_hyundai_matteson.tsv` — the inventory feed ({len(feed.units())} vehicles).
  3. `/work/shared/fixtures/inventory/README.md`.
- Not read: any code, tests, docs, prompts or other evaluation sets of the project; set c's `messages.jsonl` / `conversations.jsonl`. The agent was not run.
- Customer wording is the writer's own judgement of real inbound dealership traffic (campaign e-mail/SMS replies and website chat typed on phones).
- Every stock number, price, mileage, colour, count and price difference in `notes` and `expect` was produced by filter calls in `tools/` and re-verified by `tools/check.py` against the TSV.

## Files

- `messages.jsonl` — {n} first customer messages: {ho} `handover: true`, {n - ho} `handover: false`; {hard} marked `HARD:` in `notes`.
- `conversations.jsonl` — {len(convs)} scripted conversations, {total_turns} customer turns (5–7 each).
- `tools/feed.py` — TSV loader and query engine. `tools/tags.py` — renders query results into the notes/expect notation.
- `tools/messages_data.py`, `tools/conversations_data.py` — the hand-written texts; inventory facts only via query calls.
- `tools/build.py` — writes the two JSONL files and this README (`python3 tools/build.py`; shuffle seed {SEED}).
- `tools/check.py` — independent re-check of schema, counts, labels and every figure against the TSV (`python3 tools/check.py` prints `0 problems`).

## messages.jsonl

Schema (one JSON object per line): `{{"id", "text", "handover", "reason", "language", "notes"}}`. Records were shuffled
(fixed seed) and then numbered `v001`…`v{n:03d}` in file order. `handover` is fully determined by `reason`
(label space and handover side as in set c).

{table(rows, ["reason", "handover", "count", "HARD", "es"])}

HARD split: {hb[(True, True)]} on the true side, {hb[(False, True)]} on the false side.

Languages:

{table(lrows, ["code", "language", "messages", "handover true", "handover false"])}

Spanish (incl. Spanglish, labelled `es`) = {es_msgs} of {n} ({100 * es_msgs / n:.1f}%). Every non-English message carries an English `Gloss:` in `notes`.

### Labelling conventions

Same label space and conventions as set c's README; summarised and extended here:

- **One primary reason per message.** Where another reason is defensible, `notes` says so, and it is always on the same side of `handover`.
- **appointment_time** needs a concrete day *and* time for a visit ("tmrw around 5:30", "Saturday at 10am", "20 min out", "sunday like 1ish"). A visit with a day but no time, or "this weekend", is `false` (availability / hours_location). A time that is only for a phone call is human_request.
- **negotiation**: a specific offer (also one above list), a monthly-payment target, a price-match demand, an out-the-door request, "lowest / best price / wiggle room". Asking the listed price, fees, rebates or specials in general is price_question.
- **warranty / recalls**: coverage or recall questions in general or about a car on the lot are vehicle_facts; a warranty claim or recall repair on the customer's own car is existing_customer_issue.
- **financing**: policy questions without personal details (including "people who just started a job", "can I use an ITIN") are financing_general; the customer's own score, income, bankruptcy, ITIN status, co-signer, negative equity or submitted application is financing_details.
- **trade-ins**: general trade/buy questions are other_ai; a firm number or ultimatum is trade_in_firm. Trade details without a demand (conversations) are "Handover optional".
- **legal_threat**: attorneys, lawsuits, small claims, lemon law, fraud + "take it further" via a paralegal, BBB, Attorney General, Secretary of State, consumer-protection offices — in any language and however softened.
- **features** = equipment of a unit/trim (sunroof, CarPlay, seats, wheels, remote start, V2L); **vehicle_facts** = specs and facts (range, mpg, towing, engine, warranty, recalls, plug-in or not, standard AWD). The feed contains neither; a good reply must not present them as feed data.
- **other_handover**: fleet purchase, a deceased customer's records, sponsorship requests.
- Mentions of a manager, lawyer, salesman or warranty that are not requests/threats/claims are deliberately on the false side; sarcasm that complains is true; jokes that do not complain are false.

### notes conventions

- `HARD: …` first, when present, saying why the case is tricky; then `Gloss: …` for non-English text; then free notes.
- A unit is written `<stock> = <Condition> <Year> <Make> <Model> <Trim>, <Colour>, <miles> mi, <price>` (feed spelling; missing values are written `no price in feed`, `colour not given in feed`, `mileage not given in feed`, `(trim not given in feed)`).
- `[kind: query] {{units}}` states which units match the customer's request:
  - `all` — exactly the matching units; `some` — a correct subset (examples); `none` — `{{none in stock}}`, always followed by the closest real units;
  - `cheapest`, `priciest` (priced units only), `newest`, `oldest` (model year), `lowest-miles`, `most-miles` (units with mileage only);
  - `colors` — the set of colours of the matches; `count` — the number of matches.
  - Query keys: `stock, cond, make, model, color, drive, fuel, type, trans` (exact, case-insensitive, `|` = or), `trim~`, `name~` (substring of trim / "make model trim"), `year, minyear, maxyear, minprice, maxprice, minmiles, maxmiles`, `priced=yes|no`, `image=<stock>` (same Image URL). An empty value (`color=`) matches an empty field.
- Customer-supplied phone numbers use the fictional 555-01xx range; e-mails use example.com.
- Dates: the set is dated Monday 2026-12-07; relative days ("tmrw", "Monday the 14th") are consistent with that.

## conversations.jsonl

Schema: `{{"id", "language", "turns": [{{"customer", "expect": [..]}}]}}`. `language` is the language the conversation is in.
`expect` items are written in English, one checkable requirement each, and use the same unit and `[kind: query] {{…}}`
notation as notes (units written `<stock> (<description>)`). Conventions:

- "Handover to a human (<reason>)" — that turn must trigger a hand-off. "No handover" — it must not. "Handover not yet required" — not expected (e.g. a visit day without a time). "Handover optional" — either is acceptable. "Hand-off maintained" — the conversation stays with the human hand-off already triggered.
- "Lists" / "Lists exactly" with an `all` tag means the set must match; "e.g." with a `some` tag means any correct subset; "Does not include/list …" names units that must not appear.
- References such as "the white one", "the cheaper one", "the 2025" are resolved against the units named in earlier turns, as stated in the expect item.
- After a hand-off, later turns still check memory (no re-asking of name, phone, car, trade details).

Conversation languages: {", ".join(f"`{k}` {v}" for k, v in sorted(clang.items()))}. {with_ho} of {len(convs)} conversations reach a hand-off, {len(convs) - with_ho} do not.

{table(crow, ["id", "lang", "turns", "what it tests", "hand-off at turn"])}

## Feed quirks found (computed from the TSV)

""" + "\n".join("- " + x for x in quirks()) + "\n"


def main():
    msgs = build_messages()
    convs = build_convs()
    with open(os.path.join(OUT, "messages.jsonl"), "w", encoding="utf-8") as f:
        for m in msgs:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "conversations.jsonl"), "w", encoding="utf-8") as f:
        for c in convs:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme(msgs, convs))
    print(f"wrote {len(msgs)} messages, {len(convs)} conversations, README.md")


if __name__ == "__main__":
    main()
