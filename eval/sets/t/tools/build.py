"""Build evaluation set "t": messages.jsonl, conversations.jsonl, README.md.

Reproducible: fixed seed, no network, Python 3 standard library only.
Usage: python3 tools/build.py   (from /tmp/sett or anywhere)
"""
import collections
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import feed  # noqa: E402
from messages_src import MESSAGES  # noqa: E402
from conversations_src import CONVS  # noqa: E402

SEED = 20261207

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
REASON_ORDER = list(HANDOVER)
LANG_NAMES = {"en": "English", "es": "Spanish", "pl": "Polish", "ar": "Arabic",
              "tl": "Tagalog", "fr": "French"}


def compose_notes(m):
    parts = []
    if m["hard"]:
        parts.append("HARD: " + m["hard"])
    if m["gloss"]:
        parts.append("EN: " + m["gloss"])
    if m["note"]:
        parts.append(m["note"])
    if m["units"]:
        prefix = "none in stock; closest real units: " if m["none"] else "stock: "
        parts.append(feed.S(m["units"], prefix=prefix))
    elif m["none"]:
        parts.append("none in stock")
    return " ".join(parts)


def build_messages():
    rows = []
    for m in MESSAGES:
        rows.append({
            "text": m["text"],
            "handover": HANDOVER[m["reason"]],
            "reason": m["reason"],
            "language": m["language"],
            "notes": compose_notes(m),
        })
    rng = random.Random(SEED)
    rng.shuffle(rows)
    out = []
    for i, r in enumerate(rows, 1):
        d = {"id": "t%03d" % i}
        d.update(r)
        out.append(d)
    return out


def build_convs():
    out = []
    for i, c in enumerate(CONVS, 1):
        out.append({"id": "tc%02d" % i, "language": c["language"], "turns": c["turns"]})
    return out


def ends_handover(conv):
    """A conversation 'ends in a handover' when some turn requires one and no
    later turn requires 'No handover' (later turns may be 'Handover optional')."""
    req = [i for i, t in enumerate(conv["turns"])
           if any(e.startswith("Handover to a human") for e in t["expect"])]
    if not req:
        return False
    return not any(e == "No handover" for t in conv["turns"][req[-1] + 1:] for e in t["expect"])


def readme(msgs, convs):
    n = len(msgs)
    ht = sum(m["handover"] for m in msgs)
    hard = [m for m in msgs if m["notes"].startswith("HARD:")]
    es = [m for m in msgs if m["language"] == "es"]
    spanglish = [m for m in es if "Spanglish" in m["notes"]]
    by = collections.defaultdict(lambda: collections.Counter())
    for m in msgs:
        c = by[m["reason"]]
        c["n"] += 1
        c["hard"] += m["notes"].startswith("HARD:")
        c["es"] += m["language"] == "es"
        c["other"] += m["language"] not in ("en", "es")
    langs = collections.Counter(m["language"] for m in msgs)
    nturns = sum(len(c["turns"]) for c in convs)
    clangs = collections.Counter(c["language"] for c in convs)
    nho = sum(ends_handover(c) for c in convs)
    quirks = feed_quirks()

    L = []
    w = L.append
    w('# Evaluation set "t" — World Hyundai of Matteson sales agent')
    w("")
    w("Sealed set for a final measurement. Do not tune prompts, rules or code against it.")
    w("")
    w("## Provenance")
    w("")
    w("- Written by: a QA-writer helper session (AI assistant) started by the project, writing from scratch.")
    w("- Date: 2026-12-07.")
    w("- Inputs read, and nothing else: `/work/main/eval/sets/c/README.md` (schema, label space, labelling conventions only; "
      "none of its example phrases reused), `/work/shared/fixtures/inventory/world_hyundai_matteson.tsv` (143 vehicles) and "
      "`/work/shared/fixtures/inventory/README.md`, plus the writer's own judgement of how real customers write. "
      "No code, tests, docs or other evaluation sets of the project were read, and the agent was not run.")
    w("- Every stock number, year, trim, colour, price and mileage in `notes` and `expect` is produced by filter calls in "
      "`tools/messages_src.py` / `tools/conversations_src.py` over the feed loaded by `tools/feed.py` — none typed by hand. "
      "`tools/check.py` re-reads the TSV independently and verifies them.")
    w("")
    w("## Files")
    w("")
    w("- `messages.jsonl` — {} first customer messages, {} with `handover: true` and {} with `handover: false`; {} are marked `HARD:` in `notes`.".format(n, ht, n - ht, len(hard)))
    w("- `conversations.jsonl` — {} scripted conversations, {} customer turns in total ({}–{} each).".format(
        len(convs), nturns, min(len(c["turns"]) for c in convs), max(len(c["turns"]) for c in convs)))
    w("- `tools/feed.py` — TSV loader, filters (`sel`), quirk detectors (trim-vs-drivetrain, transmission, hybrid labels) and formatters.")
    w("- `tools/messages_src.py`, `tools/conversations_src.py` — the sources (text, label, filters).")
    w("- `tools/build.py` — builds both JSONL files and this README (seed {}; ids assigned after a seeded shuffle; rerunning gives byte-identical output).".format(SEED))
    w("- `tools/check.py` — verifier: schema, ids, reason→handover, every stock number exists, every price/mileage next to a stock number matches the feed, label counts vs this README; prints `0 problems`.")
    w("")
    w("Rebuild and verify: `python3 tools/build.py && python3 tools/check.py`.")
    w("")
    w("## messages.jsonl")
    w("")
    w('Schema: `{"id", "text", "handover", "reason", "language", "notes"}`. `handover` is fully determined by `reason`:')
    w("")
    w("| reason | handover | count | HARD | es | other non-en |")
    w("|---|---|---|---|---|---|")
    for r in REASON_ORDER:
        c = by[r]
        w("| {} | {} | {} | {} | {} | {} |".format(r, str(HANDOVER[r]).lower(), c["n"], c["hard"], c["es"], c["other"]))
    w("| **total** | | **{}** | **{}** | **{}** | **{}** |".format(
        n, len(hard), len(es), sum(by[r]["other"] for r in REASON_ORDER)))
    w("")
    ht_hard = sum(1 for m in hard if m["handover"])
    es_t = sum(1 for m in es if m["handover"])
    w("Handover true: {} ({} HARD, {} es). Handover false: {} ({} HARD, {} es).".format(
        ht, ht_hard, es_t, n - ht, len(hard) - ht_hard, len(es) - es_t))
    w("")
    w("Languages: " + ", ".join("`{}` {}".format(k, v) for k, v in langs.most_common()) + ". "
      "Spanish = {} ({:.1f}%), of which {} handover and {} not; {} are Spanglish (labelled `es`, said so in `notes`). "
      "Every non-English message carries an English gloss in `notes` (`EN: …`).".format(
          len(es), 100.0 * len(es) / n, es_t, len(es) - es_t, len(spanglish)))
    w("")
    w("Style: first messages as typed into a website chat widget — lower case, no punctuation, SMS abbreviations "
      "(u, r, tmrw, otd, rn, yall), typos, emoji, sarcasm, a few very formal ones, Spanish and Spanglish "
      "('troca', 'out the door', 'mi husband').")
    w("")
    w("### Labelling conventions (same as set c)")
    w("")
    w("- **One primary reason per message.** Where another reason is defensible, `notes` names it; it is always on the same side of `handover`.")
    w("- **appointment_time** needs a concrete day *and* time for a visit or test drive (here e.g. 'tmrw at 11', 'monday after work ~5:30', "
      "'be there in 20 min', 'samedi vers 14h'). A visit with only a day or a vague period ('this weekend', 'puedo ir el sábado', "
      "'might swing by saturday') is `handover: false` (availability / hours_location). A time that is only for a phone call is human_request.")
    w("- **negotiation** = a concrete offer, a monthly-payment target on a unit, a price-match demand, an out-the-door quote, the lowest/best price, "
      "or pushing back on fees. Asking the listed price, rebates, or what the listed price includes in general is price_question.")
    w("- **warranty / recalls**: general coverage or recall questions, or about a unit on the lot, are vehicle_facts; a claim or recall repair "
      "on the customer's own car is existing_customer_issue.")
    w("- **financing**: policy questions without personal details (buy-here-pay-here, rates, first-time buyers, ITIN accepted?, a rough monthly "
      "on a price) are financing_general; the customer's own score, income, bankruptcy, repo, ITIN status, co-signer, negative equity or "
      "submitted application is financing_details.")
    w("- **trade-ins**: general trade questions (a motorcycle? do you buy cars outright?) are other_ai; a firm number or an ultimatum is trade_in_firm.")
    w("- **legal_threat** covers attorneys, lawsuits, small claims, lemon law, BBB, Attorney General, Secretary of State / other regulators, "
      "in any language or tone (including 'not trying to threaten anyone but…').")
    w("- The words *manager*, *lawyer*, *warranty*, *recall*, *payment*, *price* and *bot* appear on the false side on purpose "
      "(the customer's boss, a 'manager's special', a playful 'robot' question, a general payment question).")
    w("- Sarcasm that complains is true (complaint); joking that does not complain is false.")
    w("- **other_handover**: needs a person but fits no other reason (lost property in a test-drive car; a fleet / tax-exempt business purchase).")
    w("")
    w("### notes conventions")
    w("")
    w("- `HARD: …` (always first) marks a deliberately tricky case and says why.")
    w("- `EN: …` is the English gloss of a non-English message.")
    w("- `stock: <stock> = <Condition> <Year> <Make> <Model> <Trim>, <Colour>, <miles> mi, $<price>` lists the matching units from the feed, "
      "separated by `;`. `none in stock; closest real units: …` is used when nothing matches. Missing values are written "
      "`no price in feed`, `mileage not given in feed`, `colour not given in feed`, `(trim not given in feed)`.")
    w("- Square brackets after a unit spell out a feed quirk that matters for the reply (drivetrain/transmission column disagreeing with the "
      "trim, hybrid labels, placeholder photo).")
    w("- Phone numbers in messages use the fictional 555-01xx range; names are invented.")
    w("")
    w("### Feed quirks (computed by `tools/feed.py`)")
    w("")
    for q in quirks:
        w("- " + q)
    w("")
    w("A good reply must not invent a missing value and must not state a conflicting drivetrain/transmission as fact.")
    w("")
    w("## conversations.jsonl")
    w("")
    w('Schema: `{"id", "language", "turns": [{"customer", "expect": [..]}]}`. `language` is the language the conversation starts in. '
      "Each `expect` item is one checkable requirement for the reply to that turn, in English even for Spanish conversations. Conventions inside `expect`:")
    w("- \"Handover to a human (<reason>)\" — that turn must trigger a handover. \"No handover\" — it must not. "
      "\"Handover not yet required\" — a handover there is not expected (usually a visit day with no time yet). \"Handover optional\" — either is fine.")
    w("- \"Lists exactly …\" means the set must match; \"e.g.\" / \"may\" means any correct subset is fine.")
    w("- References such as 'the second one', 'the cheaper one', 'the white one' are checked against what the agent itself listed in the "
      "previous reply; where the expect names a unit it also says which list order that assumes.")
    w("- Every turn carries exactly one handover requirement; stock numbers, prices and miles come from `tools/conversations_src.py`.")
    w("")
    w("Conversation languages: " + ", ".join("`{}` {}".format(k, v) for k, v in clangs.most_common()) +
      ". {} conversations end in a handover, {} do not.".format(nho, len(convs) - nho))
    w("")
    w("| id | lang | turns | what it tests | ends in handover |")
    w("|---|---|---|---|---|")
    for c, src in zip(convs, CONVS):
        w("| {} | {} | {} | {} | {} |".format(c["id"], c["language"], len(c["turns"]), src["tests"],
                                          "yes" if ends_handover(c) else "no"))
    w("")
    return "\n".join(L) + "\n"


def feed_quirks():
    U = feed.UNITS
    nop = [u for u in U if u["price"] is None]
    nom = [u for u in U if u["miles"] is None]
    noc = [u for u in U if not u["color"]]
    garb = [u for u in U if u["trim"] == feed.GARBAGE_TRIM]
    conf = [u for u in U if feed.drive_conflict(u)]
    tconf = [u for u in U if feed.trans_conflict(u)]
    el_h = [u for u in U if u["fuel"] == "Electric" and "Hybrid" in u["model"]]
    gas_h = [u for u in U if u["fuel"] == "Gasoline" and feed.electrified(u)]
    ph = [u for u in U if u["image"] == "Placeholder"]
    notr = [u for u in U if not u["trans"]]
    nofuel = [u for u in U if not u["fuel"]]
    lower = [u for u in U if u["stock"] != u["stock"].upper()]
    new_miles = [u for u in U if u["cond"] == "New" and (u["miles"] or 0) > 1000]
    ids = lambda us: ", ".join(u["stock"] for u in us)  # noqa: E731
    return [
        "{} vehicles ({} new, {} used).".format(len(U), sum(u["cond"] == "New" for u in U), sum(u["cond"] == "Used" for u in U)),
        "No price: {} units.".format(len(nop)),
        "No mileage: {}.".format(ids(nom)),
        "No colour: {}.".format(ids(noc)),
        "Garbage trim `{}`: {} (shown as \"trim not given in feed\").".format(feed.GARBAGE_TRIM, ids(garb)),
        "Trim vs drivetrain column disagree ({}): {}.".format(len(conf), ids(conf)),
        "Trim vs transmission column disagree: {}.".format(", ".join("{} (trim '{}', column {})".format(u["stock"], u["trim"], u["trans"]) for u in tconf)),
        "Hybrids labelled Electric: {}; hybrids labelled Gasoline: {}.".format(ids(el_h), ids(gas_h)),
        "Placeholder photo only: {}.".format(ids(ph)),
        "Empty transmission: {} units; empty fuel type: {}.".format(len(notr), ids(nofuel)),
        "Lower-case stock number: {}.".format(ids(lower)),
        "New units with more than 1,000 mi (demo/loaner?): {}.".format(ids(new_miles)),
        "Drivetrain values include `4X4` as well as AWD/FWD/RWD; type `Hatchback` is used for the Ford EcoSports.",
    ]


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
    print("wrote {} messages, {} conversations".format(len(msgs), len(convs)))


if __name__ == "__main__":
    main()
