#!/usr/bin/env python3
"""Build messages.jsonl, conversations.jsonl and README.md of set "o" from tools/data/.

Standard library only.  Usage (from the set folder or anywhere):
    python3 tools/build.py            # writes the three files
    python3 tools/build.py --dry-run  # only reports what it would write
"""
import collections
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
sys.path.insert(0, HERE)
import feed  # noqa: E402

TRUE_REASONS = ["complaint", "existing_customer_issue", "legal_threat", "ready_to_buy",
                "negotiation", "human_request", "appointment_time", "frustration",
                "financing_details", "trade_in_firm", "other_handover"]
FALSE_REASONS = ["availability", "features", "price_question", "financing_general",
                 "hours_location", "photos", "mileage", "comparison", "browsing",
                 "small_talk", "vehicle_facts", "other_ai"]
REASONS = TRUE_REASONS + FALSE_REASONS
LANG_NAMES = {"en": "English", "es": "Spanish", "pl": "Polish", "uk": "Ukrainian",
              "zh": "Chinese", "pt": "Portuguese", "hi": "Hindi", "ko": "Korean"}
SHUFFLE_SEED = 20261207

S_RE = re.compile(r"\{S:([^}]+)\}")
U_RE = re.compile(r"\{U:([^}:]+)(?::([nycmp]+))?\}")


class SourceError(Exception):
    pass


def _unit(units, stock, where):
    if stock not in units:
        raise SourceError("%s: unknown stock %r in placeholder" % (where, stock))
    return units[stock]


def expand_notes(text, units, where):
    return S_RE.sub(lambda m: feed.canonical_note(_unit(units, m.group(1), where)), text)


def expand_expect(text, units, where):
    return U_RE.sub(lambda m: feed.paren(_unit(units, m.group(1), where), m.group(2) or "nycmp"), text)


# ------------------------------------------------------------------ messages
def parse_messages(units, path=None):
    """Returns records in output order, each with id/text/handover/reason/language/notes/checks."""
    path = path or os.path.join(DATA, "messages.txt")
    recs, cur = [], None
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            key, _, val = line.partition(": ")
            if key == "r":
                reason, _, lang = [x.strip() for x in val.partition("|")]
                cur = {"reason": reason, "language": lang, "text": None, "notes": None,
                       "checks": "", "line": n}
                recs.append(cur)
            elif cur is None:
                raise SourceError("messages.txt:%d: text before first r: line" % n)
            elif key == "t":
                cur["text"] = val
            elif key == "n":
                cur["notes"] = expand_notes(val, units, "messages.txt:%d" % n)
            elif key == "c":
                cur["checks"] = val
            else:
                raise SourceError("messages.txt:%d: unknown key %r" % (n, key))
    order = list(range(len(recs)))
    random.Random(SHUFFLE_SEED).shuffle(order)
    out = []
    for i, idx in enumerate(order, 1):
        r = recs[idx]
        r["id"] = "om%03d" % i
        r["handover"] = r["reason"] in TRUE_REASONS
        out.append(r)
    return out


def message_json(r):
    d = collections.OrderedDict()
    d["id"] = r["id"]
    d["text"] = r["text"]
    d["handover"] = r["handover"]
    d["reason"] = r["reason"]
    d["language"] = r["language"]
    if r.get("notes"):
        d["notes"] = r["notes"]
    return d


# ------------------------------------------------------------- conversations
def parse_conversations(units, path=None):
    path = path or os.path.join(DATA, "conversations.txt")
    convs, cur = [], None
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            where = "conversations.txt:%d" % n
            if line.startswith("=== "):
                parts = [p.strip() for p in line[4:].split("|")]
                if len(parts) != 4:
                    raise SourceError(where + ": header needs 4 fields")
                cur = {"id": parts[0], "language": parts[1], "ends_handover": parts[2] == "yes",
                       "tests": parts[3], "turns": [], "line": n}
                convs.append(cur)
            elif line.startswith("> "):
                cur["turns"].append({"customer": line[2:], "expect": [], "checks": []})
            elif line.startswith("- "):
                body = line[2:]
                text, _, checks = body.partition(" ## ")
                cur["turns"][-1]["expect"].append(expand_expect(text, units, where))
                cur["turns"][-1]["checks"].append(checks.strip())
            else:
                raise SourceError(where + ": cannot parse line")
    return convs


def conversation_json(c):
    d = collections.OrderedDict()
    d["id"] = c["id"]
    d["language"] = c["language"]
    d["turns"] = [collections.OrderedDict([("customer", t["customer"]), ("expect", list(t["expect"]))])
                  for t in c["turns"]]
    return d


# -------------------------------------------------------------------- README
def readme(msgs, convs):
    with open(os.path.join(DATA, "README.tmpl"), encoding="utf-8") as fh:
        tmpl = fh.read()
    cnt = collections.Counter(m["reason"] for m in msgs)
    rows = ["| reason | handover | count |", "|---|---|---|"]
    for r in REASONS:
        rows.append("| %s | %s | %d |" % (r, "true" if r in TRUE_REASONS else "false", cnt[r]))
    rows.append("| **total** | | **%d** |" % len(msgs))
    langs = collections.Counter(m["language"] for m in msgs)
    lang_order = sorted(langs, key=lambda l: (-langs[l], l))
    es = [m for m in msgs if m["language"] == "es"]
    es_true = sum(1 for m in es if m["handover"])
    spanglish = sum(1 for m in es if "Spanglish" in (m.get("notes") or ""))
    others = [l for l in lang_order if l not in ("en", "es")]
    hard = [m for m in msgs if (m.get("notes") or "").startswith("HARD:") or " | HARD:" in (m.get("notes") or "")]
    hard_true = sum(1 for m in hard if m["handover"])
    ctab = ["| id | lang | turns | what it tests | ends in handover |", "|---|---|---|---|---|"]
    for c in convs:
        ctab.append("| %s | %s | %d | %s | %s |" % (c["id"], c["language"], len(c["turns"]),
                                                   c["tests"], "yes" if c["ends_handover"] else "no"))
    clang = collections.Counter(c["language"] for c in convs)
    vals = {
        "MSG_TOTAL": str(len(msgs)),
        "MSG_TRUE": str(sum(1 for m in msgs if m["handover"])),
        "MSG_FALSE": str(sum(1 for m in msgs if not m["handover"])),
        "HARD": str(len(hard)),
        "HARD_TRUE": str(hard_true),
        "HARD_FALSE": str(len(hard) - hard_true),
        "HARD_PCT": "%d" % round(100.0 * len(hard) / len(msgs)),
        "REASON_TABLE": "\n".join(rows),
        "LANG_LINE": ", ".join("`%s` %d" % (l, langs[l]) for l in lang_order),
        "ES": str(len(es)),
        "ES_PCT": "%d" % round(100.0 * len(es) / len(msgs)),
        "ES_TRUE": str(es_true),
        "ES_FALSE": str(len(es) - es_true),
        "SPANGLISH": str(spanglish),
        "OTHER_LANGS": ", ".join("%s (`%s`)" % (LANG_NAMES.get(l, l), l) for l in others),
        "OTHER_N": str(sum(langs[l] for l in others)),
        "CONV_N": str(len(convs)),
        "CONV_TURNS": str(sum(len(c["turns"]) for c in convs)),
        "CONV_MIN": str(min(len(c["turns"]) for c in convs)),
        "CONV_MAX": str(max(len(c["turns"]) for c in convs)),
        "CONV_EXPECTS": str(sum(len(t["expect"]) for c in convs for t in c["turns"])),
        "CONV_LANGS": ", ".join("`%s` %d" % (l, clang[l]) for l in sorted(clang, key=lambda l: -clang[l])),
        "CONV_HO": str(sum(1 for c in convs if c["ends_handover"])),
        "CONV_NOHO": str(sum(1 for c in convs if not c["ends_handover"])),
        "CONV_TABLE": "\n".join(ctab),
        "FEED_N": str(len(feed.load())),
    }
    def sub(m):
        if m.group(1) not in vals:
            raise SourceError("README.tmpl: unknown placeholder %s" % m.group(1))
        return vals[m.group(1)]
    return re.sub(r"\{\{(\w+)\}\}", sub, tmpl)


# --------------------------------------------------------------------- build
def render(units=None):
    """Returns {filename: text} for the three generated files."""
    units = units or feed.load()
    msgs = parse_messages(units)
    convs = parse_conversations(units)
    mtxt = "".join(json.dumps(message_json(m), ensure_ascii=False) + "\n" for m in msgs)
    ctxt = "".join(json.dumps(conversation_json(c), ensure_ascii=False) + "\n" for c in convs)
    return {"messages.jsonl": mtxt, "conversations.jsonl": ctxt, "README.md": readme(msgs, convs)}


def main():
    out = render()
    for name, text in out.items():
        path = os.path.join(SET_DIR, name)
        if "--dry-run" in sys.argv:
            print("would write %s (%d bytes)" % (path, len(text.encode("utf-8"))))
            continue
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        print("wrote %s (%d lines)" % (path, text.count("\n")))


if __name__ == "__main__":
    main()
