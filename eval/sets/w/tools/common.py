"""Shared helpers for build.py: query recording and message/turn collection."""
import feed
from feed import S, desc

PENDING = []   # queries made while composing the current message / turn
MSGS = []
CONVS = []


def Q(take=None, **kw):
    """Run a feed filter and record it so check.py can re-run it independently.
    take=n keeps the first n rows (negative: the last -n rows) after sorting."""
    rows = feed.q(**kw)
    if take is not None:
        rows = rows[:take] if take > 0 else rows[take:]
    PENDING.append({"query": kw, "take": take, "stocks": [r["stock_number"] for r in rows]})
    return rows


def L(rows, *extra):
    return "; ".join(desc(r, extra) for r in rows)


def U(*stocks, extra=()):
    return "; ".join(S(s, *extra) for s in stocks)


def m(text, reason, lang, notes="", hard=None):
    n = ("HARD: " + hard.strip() + " " if hard else "") + notes
    MSGS.append({"text": text, "reason": reason, "language": lang,
                 "notes": n.strip(), "queries": list(PENDING)})
    PENDING.clear()


class Conv:
    def __init__(self, cid, lang, about, ends_handover):
        self.cid, self.lang, self.about, self.ends = cid, lang, about, ends_handover
        self.turns = []
        CONVS.append(self)

    def t(self, customer, *expect):
        self.turns.append({"customer": customer, "expect": list(expect),
                           "queries": list(PENDING)})
        PENDING.clear()
