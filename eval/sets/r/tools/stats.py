"""Print the count tables used in README.md (reason, language, conversations). Standard library only.
    python3 tools/stats.py
"""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build  # noqa: E402
import feed  # noqa: E402
import src_conversations  # noqa: E402


def load(name):
    with open(os.path.join(feed.SET_DIR, name), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def reason_counts(msgs):
    c = collections.Counter(m["reason"] for m in msgs)
    return [(r, r in build.TRUE_REASONS, c[r]) for r in build.TRUE_REASONS + build.FALSE_REASONS]


def main():
    msgs = load("messages.jsonl")
    convs = load("conversations.jsonl")
    hard = collections.Counter(m["reason"] for m in msgs if m["notes"].startswith("HARD: "))
    print("| reason | handover | count | of which HARD |")
    print("|---|---|---|---|")
    for r, h, n in reason_counts(msgs):
        print("| %s | %s | %d | %d |" % (r, "true" if h else "false", n, hard[r]))
    print("| **total** | | **%d** | **%d** |" % (len(msgs), sum(hard.values())))
    print()
    lt = collections.Counter((m["language"], m["handover"]) for m in msgs)
    langs = sorted({m["language"] for m in msgs}, key=lambda l: -(lt[(l, True)] + lt[(l, False)]))
    print("| language | count | handover true | handover false |")
    print("|---|---|---|---|")
    for l in langs:
        print("| %s | %d | %d | %d |" % (l, lt[(l, True)] + lt[(l, False)], lt[(l, True)], lt[(l, False)]))
    print()
    print("| id | lang | turns | handover at turn (reason) | what it tests |")
    print("|---|---|---|---|---|")
    for c in convs:
        hs = []
        for k, t in enumerate(c["turns"], 1):
            for e in t["expect"]:
                m = re.match(r"Handover to a human \((\w+)\)", e)
                if m:
                    hs.append("%d (%s)" % (k, m.group(1)))
        print("| %s | %s | %d | %s | %s |" % (c["id"], c["language"], len(c["turns"]), ", ".join(hs) or "none",
                                            src_conversations.TESTS[c["id"]]))


if __name__ == "__main__":
    main()
