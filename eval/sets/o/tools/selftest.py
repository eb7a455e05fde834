#!/usr/bin/env python3
"""Self-test for tools/check.py: plants errors in temporary copies of the set and checks that each is caught.

    python3 tools/selftest.py

First the clean files must give 0 problems; then every planted error must produce at least one problem whose
text contains the expected keyword.  Standard library only; nothing in the set folder is modified.
"""
import copy
import json
import os
import re
import sys

sys.dont_write_bytecode = True
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import check  # noqa: E402
import feed  # noqa: E402


def load(name):
    with open(os.path.join(SET_DIR, name), encoding="utf-8") as fh:
        return [json.loads(l) for l in fh if l.strip()]


class Missing(Exception):
    pass


def find_msg(msgs, pred):
    for m in msgs:
        if pred(m):
            return m
    raise Missing("no message matches")


def sub_once(s, old, new):
    if old not in s:
        raise Missing("%r not found" % old)
    return s.replace(old, new, 1)


def conv(convs, cid):
    for c in convs:
        if c["id"] == cid:
            return c
    raise Missing(cid)


def edit_item(convs, cid, turn, pred, fn):
    t = conv(convs, cid)["turns"][turn]
    for i, it in enumerate(t["expect"]):
        if pred(it):
            t["expect"][i] = fn(it)
            return
    raise Missing("%s turn %d: no item matches" % (cid, turn + 1))


# ---------------------------------------------------------------- mutations
def m_note_price(msgs, convs):
    m = find_msg(msgs, lambda m: "26898 = New 2024 Hyundai Santa Cruz" in (m.get("notes") or ""))
    m["notes"] = sub_once(m["notes"], "$42,425", "$42,245")


def m_note_miles(msgs, convs):
    m = find_msg(msgs, lambda m: "KV5425 = " in (m.get("notes") or ""))
    m["notes"] = sub_once(m["notes"], "79,735 mi", "79,375 mi")


def m_note_colour(msgs, convs):
    m = find_msg(msgs, lambda m: "DT25256 = " in (m.get("notes") or ""))
    m["notes"] = sub_once(m["notes"], "XRT AWD, Blue", "XRT AWD, Black")


def m_note_year(msgs, convs):
    m = find_msg(msgs, lambda m: "WV15144 = " in (m.get("notes") or ""))
    m["notes"] = sub_once(m["notes"], "Used 2019 Porsche", "Used 2020 Porsche")


def m_note_unknown_stock(msgs, convs):
    m = find_msg(msgs, lambda m: "KV5552 = " in (m.get("notes") or ""))
    m["notes"] = sub_once(m["notes"], "KV5552 = ", "KV5553 = ")


def m_exp_price(msgs, convs):
    edit_item(convs, "oc04", 0, lambda s: "26898 (" in s, lambda s: sub_once(s, "$42,425", "$41,425"))


def m_exp_miles(msgs, convs):
    edit_item(convs, "oc05", 2, lambda s: "KV5526 (" in s, lambda s: sub_once(s, "30,247 mi", "30,427 mi"))


def m_exp_colour(msgs, convs):
    edit_item(convs, "oc14", 2, lambda s: "DT25256 (" in s, lambda s: sub_once(s, "(Blue,", "(Grey,"))


def m_exp_year(msgs, convs):
    edit_item(convs, "oc13", 0, lambda s: "26122 (" in s, lambda s: sub_once(s, "new 2024 Hyundai Palisade", "new 2025 Hyundai Palisade"))


def m_exp_condition(msgs, convs):
    edit_item(convs, "oc14", 0, lambda s: "KV5435 (" in s, lambda s: sub_once(s, "(used 2024", "(new 2024"))


def m_exp_unknown_stock(msgs, convs):
    edit_item(convs, "oc04", 4, lambda s: "26898" in s, lambda s: sub_once(s, "26898", "26899"))


def m_exp_missing_price_flag(msgs, convs):
    edit_item(convs, "oc08", 0, lambda s: "26233A (" in s, lambda s: sub_once(s, "no price in feed", "$36,900"))


def m_lists_exactly_drop(msgs, convs):
    def fn(s):
        s2 = re.sub(r", WV15156 \([^()]*\)", "", s)
        if s2 == s:
            raise Missing("WV15156 not in list")
        return s2
    edit_item(convs, "oc05", 0, lambda s: s.startswith("Lists exactly"), fn)


def m_lists_exactly_extra(msgs, convs):
    edit_item(convs, "oc16", 1, lambda s: s.startswith("Lists exactly"),
              lambda s: s + ", " + feed.paren(check.feed.load()["25607A"]))


def m_wrong_cheapest(msgs, convs):
    edit_item(convs, "oc03", 1, lambda s: "cheapest" in s,
              lambda s: sub_once(s, "27103 ($41,046)", "27023 ($41,078)"))


def m_wrong_lowest_miles(msgs, convs):
    edit_item(convs, "oc02", 5, lambda s: "lowest-mileage" in s,
              lambda s: sub_once(s, "14729A (6,532 mi, $19,500)", "15239A (15,150 mi, $21,610)"))


def m_wrong_diff(msgs, convs):
    edit_item(convs, "oc09", 4, lambda s: "difference" in s, lambda s: sub_once(s, "$4,600", "$4,500"))


def m_loose_money(msgs, convs):
    edit_item(convs, "oc06", 0, lambda s: "DT25256 (" in s, lambda s: s + "; quotes it at $43,500 after rebates")


def m_loose_colour(msgs, convs):
    edit_item(convs, "oc14", 0, lambda s: "listing colour of KV5435 is Green" in s,
              lambda s: sub_once(s, "is Green", "is Grey"))


def m_loose_miles(msgs, convs):
    edit_item(convs, "oc12", 1, lambda s: s.startswith('"la blanca"'), lambda s: sub_once(s, "79,735 mi", "97,735 mi"))


def m_handover_flip(msgs, convs):
    m = find_msg(msgs, lambda m: m["reason"] == "negotiation")
    m["handover"] = False


def m_bad_reason(msgs, convs):
    m = find_msg(msgs, lambda m: m["reason"] == "photos")
    m["reason"] = "pictures"


def m_dup_id(msgs, convs):
    msgs[5]["id"] = msgs[4]["id"]


def m_dup_text(msgs, convs):
    msgs[10]["text"] = msgs[11]["text"]


def m_two_handovers(msgs, convs):
    conv(convs, "oc04")["turns"][4]["expect"].append("No handover")


def m_no_handover(msgs, convs):
    t = conv(convs, "oc09")["turns"][0]
    t["expect"] = [e for e in t["expect"] if e != "No handover"]


def m_bad_handover_reason(msgs, convs):
    edit_item(convs, "oc05", 5, lambda s: s.startswith("Handover to a human"),
              lambda s: "Handover to a human (price_question)")


def m_ends_mismatch(msgs, convs):
    edit_item(convs, "oc11", 4, lambda s: s.startswith("Handover to a human"), lambda s: "No handover")


def m_real_phone(msgs, convs):
    edit_item(convs, "oc06", 5, lambda s: "708-555-0163" in s, lambda s: sub_once(s, "708-555-0163", "708-555-2163"))


def m_real_phone_msg(msgs, convs):
    m = find_msg(msgs, lambda m: "312-555-0142" in m["text"])
    m["text"] = sub_once(m["text"], "312-555-0142", "312-481-0142")


def m_wrong_weekday(msgs, convs):
    edit_item(convs, "oc01", 4, lambda s: "Tuesday 2026-12-08" in s,
              lambda s: sub_once(s, "Tuesday 2026-12-08", "Tuesday 2026-12-09"))


def m_missing_gloss(msgs, convs):
    m = find_msg(msgs, lambda m: m["language"] == "pl")
    m["notes"] = re.sub(r'gloss: "[^"]*"', "", m["notes"]).strip(" |") or "Polish"


def m_customer_unknown_stock(msgs, convs):
    t = conv(convs, "oc01")["turns"][0]
    t["customer"] = sub_once(t["customer"], "25713", "25731")


def m_msg_unknown_stock(msgs, convs):
    m = find_msg(msgs, lambda m: "15218A" in m["text"])
    m["text"] = sub_once(m["text"], "15218A", "15281A")


def m_lists_exactly_unchecked(msgs, convs):
    conv(convs, "oc04")["turns"][1]["expect"].append("Lists exactly " + feed.paren(check.feed.load()["26898"]))


def m_bad_conv_language(msgs, convs):
    conv(convs, "oc12")["language"] = "es-en"


def m_too_few_turns(msgs, convs):
    c = conv(convs, "oc07")
    c["turns"] = c["turns"][:3]


def m_none_in_stock_unchecked(msgs, convs):
    m = find_msg(msgs, lambda m: "KV5526 = " in (m.get("notes") or "") and m["reason"] == "negotiation")
    m["notes"] += " | none in stock (no Frontier)"


def m_garbage_trim(msgs, convs):
    edit_item(convs, "oc05", 0, lambda s: "WK15091 (" in s,
              lambda s: sub_once(s, "Ford F-150, trim not given in feed", "Ford F-150 value matchLevel none matchedWords"))


MUTATIONS = [
    (m_note_price, "match the feed"), (m_note_miles, "match the feed"), (m_note_colour, "match the feed"),
    (m_note_year, "match the feed"), (m_note_unknown_stock, "unknown stock"),
    (m_exp_price, "price is"), (m_exp_miles, "mileage is"), (m_exp_colour, "colour is"),
    (m_exp_year, "is a 2024"), (m_exp_condition, "is Used"), (m_exp_unknown_stock, "unknown stock"),
    (m_exp_missing_price_flag, "price is None"),
    (m_lists_exactly_drop, "missing ['WV15156']"), (m_lists_exactly_extra, "extra ['25607A']"),
    (m_wrong_cheapest, "not the cheapest"), (m_wrong_lowest_miles, "not the lowest miles"),
    (m_wrong_diff, "price difference"), (m_loose_money, "$43,500"), (m_loose_miles, "97,735"), (m_loose_colour, "but the item says Grey"),
    (m_handover_flip, "contradicts reason"), (m_bad_reason, "not in set c"), (m_dup_id, "id should be"),
    (m_dup_text, "duplicate text"), (m_two_handovers, "2 handover expectations"),
    (m_no_handover, "0 handover expectations"), (m_bad_handover_reason, "not a handover reason"),
    (m_ends_mismatch, "ends in handover"), (m_real_phone, "fictional"), (m_real_phone_msg, "fictional"),
    (m_wrong_weekday, "is a Wednesday"), (m_missing_gloss, "gloss"),
    (m_customer_unknown_stock, "25731"), (m_msg_unknown_stock, "15281A"),
    (m_lists_exactly_unchecked, "without an @exact"), (m_bad_conv_language, "not en/es"),
    (m_too_few_turns, "need 4-7"), (m_none_in_stock_unchecked, "without an @none"),
    (m_garbage_trim, "does not match feed make/model/trim"),
]


# checks of the hidden-annotation logic itself (wrong annotations must be reported)
LOGIC = [
    ("@closest_price[26240] KV5435 cond=New model=Palisade", "26240 is the closest", "not the closest in price"),
    ("@cheapest[27023] cond=New model=Tucson_Hybrid", "27023", "not the cheapest"),
    ("@lowest_miles[KV5540] model=Rogue", "KV5540", "not the lowest miles"),
    ("@none model=Telluride", "", "claimed none"),
    ("@count 4 cond=Used type=Truck", "", "count is 5"),
    ("@field 25881 drive=AWD", "25881", "drive is 'RWD'"),
    ("@includes cond=Used type=Truck", "KV5526 WV15156", "missing"),
    ("@subset cond=New", "KV5526", "do not match the filter"),
    ("@exact model=Rogue", "KV5540 KV5529", "missing ['WV15120']"),
    ("@diff KV5544 KV5529", "KV5544 KV5529 $4,500", "price difference is $4,600"),
    ("@exact bogus=1", "", "check filter error"),
]


def logic_tests():
    failures = 0
    units = check.feed.load()
    for ann, text, keyword in LOGIC:
        chk = check.Checker(units)
        stocks = [s for s in chk.stocks_in(text) if s in units]
        chk.run_checks(ann, text, stocks, "logic", allowed_money=set())
        hit = [p for p in chk.problems if keyword in p]
        if hit:
            print("ok   logic %-45s caught: %s" % (ann, hit[0][:110]))
        else:
            failures += 1
            print("FAIL logic %-45s not caught: %s" % (ann, chk.problems))
    return failures


def run_on(msgs, convs, tmp):
    mp, cp = os.path.join(tmp, "messages.jsonl"), os.path.join(tmp, "conversations.jsonl")
    with open(mp, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(m, ensure_ascii=False) + "\n" for m in msgs)
    with open(cp, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c in convs)
    return check.run(mp, cp, stale=False, selftest_mode=True)


def main():
    msgs, convs = load("messages.jsonl"), load("conversations.jsonl")
    failures = 0
    with tempfile.TemporaryDirectory(prefix=".selftest-", dir=HERE) as tmp:
        base = run_on(msgs, convs, tmp)
        if base:
            failures += 1
            print("FAIL clean copy has %d problems:" % len(base))
            for p in base:
                print("   ", p)
        else:
            print("ok   clean copy: 0 problems")
        for fn, keyword in MUTATIONS:
            mm, cc = copy.deepcopy(msgs), copy.deepcopy(convs)
            try:
                fn(mm, cc)
            except Missing as e:
                failures += 1
                print("FAIL %s: could not plant the error (%s)" % (fn.__name__, e))
                continue
            probs = run_on(mm, cc, tmp)
            hit = [p for p in probs if keyword in p]
            if hit:
                print("ok   %-28s caught: %s" % (fn.__name__, hit[0][:150]))
            else:
                failures += 1
                print("FAIL %-28s not caught (%d other problems: %s)" % (fn.__name__, len(probs), probs[:2]))
    failures += logic_tests()
    print("selftest: %d planted errors + %d wrong checks, %d not caught / failures" % (len(MUTATIONS), len(LOGIC), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
