#!/usr/bin/env python3
"""Cross-check set "o" against the inventory feed.  Standard library only.

    python3 tools/check.py                 # checks messages.jsonl, conversations.jsonl, README.md
    python3 tools/check.py --no-stale      # skip "generated files are up to date" check
    python3 tools/check.py --messages F --conversations F   # check other copies (used by selftest.py)

What is checked (every problem is printed; exit code 1 if any):
  * schema, ids (om###/oc##, unique, consecutive), reasons from set c's table, handover == side of reason,
    languages, gloss for non-en/es messages, HARD/Spanglish notes, duplicate texts, fictional phone numbers
    (555-01xx only), weekday/date pairs (e.g. "Tuesday 2026-12-08");
  * every stock-number-shaped token in texts, notes and expects exists in the feed (exact spelling);
  * notes: every "<stock> = ..." segment equals the feed's canonical line (condition, year, make, model, trim,
    colour, mileage, price);
  * expects: every "<stock> (...)" parenthetical (year/make/model/trim, condition, colour, miles, price,
    "no price in feed", ...) matches the feed; every stock has a described parenthetical once per conversation;
    every $ amount / mileage outside a parenthetical belongs to a stock in the same item, was stated by the
    customer, or is proven by @diff/@price_of;
  * filter-derived claims from the hidden checks in tools/data (@exact, @subset, @includes, @none, @count,
    @cheapest, @lowest_miles, @diff, @field), and "Lists exactly" / "cheapest" / "lowest-mileage" items must
    carry such a check;
  * conversations: 4-7 turns, exactly one handover expectation per turn, header's "ends in handover" matches;
  * aggregate targets (size, balance, Spanish share, HARD share, conversation mix);
  * messages.jsonl / conversations.jsonl / README.md equal what tools/build.py generates (unless --no-stale).
"""
import argparse
import collections
import datetime
import json
import os
import re
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import feed  # noqa: E402
import build  # noqa: E402

LANGS = {"en", "es", "pl", "uk", "zh", "pt", "hi", "ko", "fr", "vi", "ar", "tl", "ru"}
HANDOVER_RE = re.compile(r"^(Handover to a human \(([a-z_]+)\)|No handover|No handover needed|"
                         r"Handover not yet required|Handover optional)(\b|$)")
PHONE_RE = re.compile(r"\(?\b(\d{3})\)?[-. ]?(\d{3})[-. ](\d{4})\b")
MONEY_RE = re.compile(r"\$(\d{1,3}(?:,\d{3})+|\d+)(?![\d,]*\d)")
MILES_RE = re.compile(r"(?<![\w$,])(\d{1,3}(?:,\d{3})+|\d+) ?(?:mi|miles)\b")
DATE_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^0-9\n]{0,12}(\d{4})-(\d{2})-(\d{2})")
ISO_RE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
ANN_RE = re.compile(r"@(\w+)(?:\[([^\]]+)\])?((?:\s+(?!@)\S+)*)")
CHEAPEST_WORDS = re.compile(r"\b(cheapest|least expensive|lowest[- ]priced|más barata|más económica)\b", re.I)
LOWMILES_WORDS = re.compile(r"\b(lowest[- ]mileage|lowest miles|fewest miles|least miles|lowest mileage)\b", re.I)
TODAY = datetime.date(2026, 12, 7)


class Checker:
    def __init__(self, units):
        self.units = units
        self.problems = []

    def bad(self, where, msg):
        self.problems.append("%s: %s" % (where, msg))

    # ------------------------------------------------------------ helpers
    def stocks_in(self, text):
        """ordered unique stock-shaped tokens"""
        seen = []
        for m in feed.STOCK_RE.finditer(text):
            if m.group(1) not in seen:
                seen.append(m.group(1))
        return seen

    def known(self, tok):
        return tok in self.units

    def select(self, spec, where):
        spec = spec.strip()
        if spec == "all":
            return list(self.units.values())
        res = {}
        for part in spec.split(" + "):
            try:
                for u in feed.select(self.units, part):
                    res[u["stock"]] = u
            except ValueError as e:
                self.bad(where, "check filter error: %s" % e)
        return list(res.values())

    def check_phones(self, text, where):
        for m in PHONE_RE.finditer(text):
            if m.group(2) != "555" or not m.group(3).startswith("01"):
                self.bad(where, "phone number %s is not a fictional 555-01xx number" % m.group(0))

    def check_dates(self, text, where):
        for m in DATE_RE.finditer(text):
            try:
                d = datetime.date(int(m.group(2)), int(m.group(3)), int(m.group(4)))
            except ValueError:
                self.bad(where, "invalid date %s" % m.group(0))
                continue
            if d.strftime("%A") != m.group(1):
                self.bad(where, "%s-%s-%s is a %s, not %s" % (m.group(2), m.group(3), m.group(4),
                                                            d.strftime("%A"), m.group(1)))
        for m in ISO_RE.finditer(text):
            try:
                d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                self.bad(where, "invalid date %s" % m.group(0))
                continue
            if d < TODAY:
                self.bad(where, "date %s is before Monday 2026-12-07" % m.group(0))

    @staticmethod
    def customer_numbers(texts):
        """numbers a customer stated, with k/grand/mil expansions (22k -> 22000, 18.5 -> 18500)."""
        vals = set()
        for t in texts:
            for m in re.finditer(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k|grand|mil)?\b", t, re.I):
                n = float(m.group(1).replace(",", ""))
                vals.add(int(round(n)))
                if m.group(2) or n < 1000:
                    vals.add(int(round(n * 1000)))
        return vals

    # ------------------------------------------------- parenthetical pieces
    def check_piece(self, u, piece, where):
        p = piece.strip()
        low = p.lower()
        m = re.match(r"^(?:(new|used) )?(\d{4}) (.+)$", p, re.I)
        if m:
            if m.group(1) and m.group(1).lower() != u["cond"].lower():
                self.bad(where, "%s is %s, not %s" % (u["stock"], u["cond"], m.group(1)))
            if int(m.group(2)) != u["year"]:
                self.bad(where, "%s is a %d, not %s" % (u["stock"], u["year"], m.group(2)))
            trim = u["trim"] if u["trim"] != feed.GARBAGE_TRIM else None
            names = {"%s %s" % (u["make"], u["model"]), u["model"]}
            if trim:
                names |= {"%s %s %s" % (u["make"], u["model"], trim), "%s %s" % (u["model"], trim)}
            if m.group(3).lower() not in {n.lower() for n in names}:
                self.bad(where, "%s: %r does not match feed make/model/trim %r" %
                         (u["stock"], m.group(3), " ".join([u["make"], u["model"], u["trim"]])))
            return True
        if low in {c.lower() for c in feed.COLOURS}:
            if low != u["color"].lower():
                self.bad(where, "%s colour is %r in the feed, not %r" % (u["stock"], u["color"] or "empty", p))
            return True
        m = re.match(r"^(\d{1,3}(?:,\d{3})*) mi$", p)
        if m:
            if u["miles"] is None or int(m.group(1).replace(",", "")) != u["miles"]:
                self.bad(where, "%s mileage is %s in the feed, not %s" % (u["stock"], u["miles"], p))
            return True
        m = re.match(r"^\$(\d{1,3}(?:,\d{3})*)$", p)
        if m:
            if u["price"] is None or int(m.group(1).replace(",", "")) != u["price"]:
                self.bad(where, "%s price is %s in the feed, not %s" % (u["stock"], u["price"], p))
            return True
        flags = {"no price in feed": u["price"] is None, "no mileage in feed": u["miles"] is None,
                 "no colour in feed": u["color"] == "", "trim not given in feed": u["trim"] == feed.GARBAGE_TRIM}
        if low in flags:
            if not flags[low]:
                self.bad(where, "%s: %r is false for this unit" % (u["stock"], p))
            return True
        self.bad(where, "%s: unrecognised parenthetical piece %r" % (u["stock"], p))
        return False

    def parentheticals(self, text, where):
        """validates '<stock> (...)' groups; returns (set of stocks described with a name piece, text without them)"""
        described = set()
        spans = []
        for m in re.finditer(feed.STOCK_RE.pattern + r" \(([^()]*)\)", text):
            stock, inner = m.group(1), m.group(2)
            spans.append((m.start(2) - 1, m.end()))
            if not self.known(stock):
                continue
            u = self.units[stock]
            for piece in inner.split(", "):
                self.check_piece(u, piece, where)
                if re.match(r"^(?:(new|used) )?\d{4} ", piece.strip(), re.I):
                    described.add(stock)
        rest, last = [], 0
        for a, b in spans:
            rest.append(text[last:a])
            last = b
        rest.append(text[last:])
        return described, "".join(rest)

    # ---------------------------------------------------------- annotations
    def run_checks(self, ann, item_text, stocks, where, all_stocks=None, allowed_money=None):
        """Evaluates '@name[arg] filter' checks against the stocks of an item / note."""
        all_stocks = all_stocks if all_stocks is not None else stocks
        kinds = []
        for m in ANN_RE.finditer(ann or ""):
            kind, arg, spec = m.group(1), m.group(2), (m.group(3) or "").strip()
            kinds.append(kind)
            w = "%s @%s %s" % (where, kind, spec)
            if kind == "exact":
                want = {u["stock"] for u in self.select(spec, w)}
                got = set(stocks)
                if want != got:
                    self.bad(w, "lists %s but the feed gives %s (missing %s, extra %s)" % (
                        sorted(got), sorted(want), sorted(want - got), sorted(got - want)))
            elif kind == "subset":
                want = {u["stock"] for u in self.select(spec, w)}
                if not stocks:
                    self.bad(w, "no stock numbers to check")
                extra = set(stocks) - want
                if extra:
                    self.bad(w, "%s do not match the filter" % sorted(extra))
            elif kind == "includes":
                want = {u["stock"] for u in self.select(spec, w)}
                miss = want - set(all_stocks)
                if miss:
                    self.bad(w, "missing %s" % sorted(miss))
            elif kind == "none":
                got = self.select(spec, w)
                if got:
                    self.bad(w, "claimed none in stock but the feed has %s" % sorted(u["stock"] for u in got))
            elif kind == "count":
                n, _, spec2 = spec.partition(" ")
                got = self.select(spec2, w)
                if len(got) != int(n):
                    self.bad(w, "count is %d, not %s" % (len(got), n))
            elif kind in ("cheapest", "lowest_miles"):
                key = "price" if kind == "cheapest" else "miles"
                pool = [u for u in self.select(spec, w) if u[key] is not None]
                target = arg or (stocks[0] if stocks else None)
                if target is None:
                    self.bad(w, "no stock number named")
                    continue
                if target not in [x for x in all_stocks] and target not in item_text:
                    self.bad(w, "%s is not named in the item" % target)
                if not pool:
                    self.bad(w, "filter matches no unit with a %s" % key)
                    continue
                best = min(u[key] for u in pool)
                winners = sorted(u["stock"] for u in pool if u[key] == best)
                if target not in winners:
                    self.bad(w, "%s is not the %s; the feed gives %s (%s)" % (
                        target, kind.replace("_", " "), winners, best))
            elif kind == "closest_price":
                ref, _, spec2 = spec.partition(" ")
                ur = self.units.get(ref)
                if not ur or ur["price"] is None or not arg:
                    self.bad(w, "needs [STOCK] and a priced reference stock")
                    continue
                pool = [u for u in self.select(spec2, w) if u["price"] is not None and u["stock"] != ref]
                if not pool:
                    self.bad(w, "filter matches no priced unit")
                    continue
                best = min(abs(u["price"] - ur["price"]) for u in pool)
                winners = sorted(u["stock"] for u in pool if abs(u["price"] - ur["price"]) == best)
                if arg not in winners:
                    self.bad(w, "%s is not the closest in price to %s; the feed gives %s" % (arg, ref, winners))
                if arg not in item_text:
                    self.bad(w, "%s not named in the item" % arg)
            elif kind == "diff":
                a, _, b = spec.partition(" ")
                ua, ub = self.units.get(a), self.units.get(b)
                if not ua or not ub or ua["price"] is None or ub["price"] is None:
                    self.bad(w, "needs two priced stocks")
                    continue
                d = abs(ua["price"] - ub["price"])
                if allowed_money is not None:
                    allowed_money.add(d)
                if feed.fmt_money(d) not in item_text:
                    self.bad(w, "price difference is %s, not stated in the item" % feed.fmt_money(d))
                for s in (a, b):
                    if s not in item_text:
                        self.bad(w, "%s not named in the item" % s)
            elif kind == "price_of":
                u = self.units.get(spec)
                if not u or u["price"] is None:
                    self.bad(w, "needs a priced stock")
                elif allowed_money is not None:
                    allowed_money.add(u["price"])
            elif kind == "field":
                stock, _, kv = spec.partition(" ")
                key, _, val = kv.partition("=")
                u = self.units.get(stock)
                if not u:
                    self.bad(w, "unknown stock %s" % stock)
                    continue
                if key not in u:
                    self.bad(w, "unknown field %s" % key)
                    continue
                val = val.replace("_", " ")
                have = u[key]
                ok = (str(have) == val) if isinstance(have, int) else ((have or "").lower() == val.lower())
                if not ok:
                    self.bad(w, "%s %s is %r in the feed, not %r" % (stock, key, have, val))
                if stock not in item_text:
                    self.bad(w, "%s not named in the item" % stock)
            else:
                self.bad(w, "unknown check @%s" % kind)
        return kinds

    # ------------------------------------------------------------- messages
    def check_messages(self, msgs, src):
        ids = [m.get("id") for m in msgs]
        texts = collections.Counter()
        for i, m in enumerate(msgs, 1):
            where = "messages.jsonl:%d %s" % (i, m.get("id"))
            keys = set(m)
            if not {"id", "text", "handover", "reason", "language"} <= keys:
                self.bad(where, "missing keys %s" % sorted({"id", "text", "handover", "reason", "language"} - keys))
                continue
            if keys - {"id", "text", "handover", "reason", "language", "notes"}:
                self.bad(where, "unexpected keys %s" % sorted(keys - {"id", "text", "handover", "reason", "language", "notes"}))
            if m["id"] != "om%03d" % i:
                self.bad(where, "id should be om%03d" % i)
            if m["reason"] not in build.REASONS:
                self.bad(where, "reason %r is not in set c's table" % m["reason"])
            elif m["handover"] is not (m["reason"] in build.TRUE_REASONS):
                self.bad(where, "handover %r contradicts reason %s" % (m["handover"], m["reason"]))
            if m["language"] not in LANGS:
                self.bad(where, "unknown language %r" % m["language"])
            text, notes = m["text"], m.get("notes") or ""
            if not isinstance(text, str) or not text.strip():
                self.bad(where, "empty text")
                continue
            if "notes" in m and not notes.strip():
                self.bad(where, "empty notes")
            if m["language"] not in ("en", "es") and 'gloss: "' not in notes:
                self.bad(where, "non-English/Spanish message without an English gloss")
            if "Spanglish" in notes and m["language"] != "es":
                self.bad(where, "Spanglish messages are labelled es")
            if "HARD" in notes and not re.search(r"(^|\| )HARD: \S", notes):
                self.bad(where, "HARD must be written as a 'HARD: <why>' part")
            texts[re.sub(r"[^\w]+", " ", text.lower()).strip()] += 1
            self.check_phones(text, where)
            self.check_phones(notes, where)
            self.check_dates(notes, where)
            # stock tokens in the customer's text
            for tok in self.stocks_in(text):
                if not self.known(tok) and ("not in feed: " + tok) not in notes and ("ZIP " + tok) not in notes:
                    self.bad(where, "text mentions %s, which is not a stock number in the feed" % tok)
            # notes segments
            for tok in self.stocks_in(notes):
                if not self.known(tok):
                    self.bad(where, "notes mention unknown stock %s" % tok)
            for sm in re.finditer(feed.STOCK_RE.pattern + r" = ", notes):
                tok = sm.group(1)
                if not self.known(tok):
                    continue
                canon = feed.canonical_note(self.units[tok])
                seg = notes[sm.start(1):]
                if not seg.startswith(canon) or (len(seg) > len(canon) and seg[len(canon)] not in ";. |)"):
                    got = re.split(r";|\s\|\s| and \S+ = ", seg)[0]
                    self.bad(where, "note %r does not match the feed: %r" % (got, canon))
            stock_part = None
            for part in notes.split(" | "):
                if part.startswith("stock: "):
                    stock_part = part
            all_st = self.stocks_in(notes)
            primary = self.stocks_in(stock_part) if stock_part else all_st
            money_ok = {u["price"] for s in all_st if self.known(s) for u in [self.units[s]] if u["price"] is not None}
            money_ok |= self.customer_numbers([text])
            cleaned = re.sub(feed.STOCK_RE.pattern + r" = [^;|]*", "", notes)
            for mm in MONEY_RE.finditer(cleaned):
                if int(mm.group(1).replace(",", "")) not in money_ok:
                    self.bad(where, "notes amount $%s is not the price of a unit named in the notes" % mm.group(1))
            s = src.get(m["id"])
            if s is None:
                self.bad(where, "no source record for this id")
                continue
            if s["text"] != text and not self.selftest_mode:
                self.bad(where, "text differs from tools/data/messages.txt")
            self.run_checks(s.get("checks", ""), notes, primary, where, all_stocks=all_st)
            if re.search(r"\bnone in stock\b", notes) and "@none" not in s.get("checks", ""):
                self.bad(where, "'none in stock' claim without an @none check")
        dup = [t for t, n in texts.items() if n > 1]
        for t in dup:
            self.bad("messages.jsonl", "duplicate text: %r" % t)
        if len(set(ids)) != len(ids):
            self.bad("messages.jsonl", "duplicate ids")
        # aggregate targets
        n = len(msgs)
        if not 160 <= n <= 180:
            self.bad("messages.jsonl", "%d messages, expected about 170" % n)
        if n:
            ho = sum(1 for m in msgs if m.get("handover") is True)
            if not 0.45 <= ho / n <= 0.55:
                self.bad("messages.jsonl", "handover share %d/%d is not about half" % (ho, n))
            es = sum(1 for m in msgs if m.get("language") == "es")
            if not 0.13 <= es / n <= 0.18:
                self.bad("messages.jsonl", "Spanish share %d/%d is not about 15%%" % (es, n))
            hard = sum(1 for m in msgs if re.search(r"(^|\| )HARD: ", m.get("notes") or ""))
            if not 0.20 <= hard / n <= 0.30:
                self.bad("messages.jsonl", "HARD share %d/%d is not about a quarter" % (hard, n))
            other = {m.get("language") for m in msgs} - {"en", "es"}
            if len(other) < 4:
                self.bad("messages.jsonl", "only %d other languages" % len(other))
            rc = collections.Counter(m.get("reason") for m in msgs)
            for r in build.REASONS:
                if rc[r] < 2:
                    self.bad("messages.jsonl", "reason %s has %d messages (< 2)" % (r, rc[r]))

    # -------------------------------------------------------- conversations
    def check_conversations(self, convs, src):
        srcmap = {c["id"]: c for c in src}
        ends = 0
        langs = collections.Counter()
        for ci, c in enumerate(convs, 1):
            cw = "conversations.jsonl:%d %s" % (ci, c.get("id"))
            if set(c) != {"id", "language", "turns"}:
                self.bad(cw, "keys must be id, language, turns")
                continue
            if c["id"] != "oc%02d" % ci:
                self.bad(cw, "id should be oc%02d" % ci)
            if c["language"] not in ("en", "es"):
                self.bad(cw, "language %r not en/es" % c["language"])
            langs[c["language"]] += 1
            s = srcmap.get(c["id"])
            if s is None:
                self.bad(cw, "no source conversation")
                continue
            turns = c["turns"]
            if not 4 <= len(turns) <= 7:
                self.bad(cw, "%d customer turns (need 4-7)" % len(turns))
            customer_so_far = []
            described = set()
            mentioned = {}
            last_ho = None
            for ti, t in enumerate(turns):
                tw = "%s turn %d" % (cw, ti + 1)
                if set(t) != {"customer", "expect"} or not isinstance(t.get("expect"), list) or not t["expect"]:
                    self.bad(tw, "turn needs customer + non-empty expect list")
                    continue
                cust = t["customer"]
                customer_so_far.append(cust)
                if not cust.strip():
                    self.bad(tw, "empty customer text")
                self.check_phones(cust, tw)
                for tok in self.stocks_in(cust):
                    if not self.known(tok):
                        self.bad(tw, "customer mentions %s, not a stock number in the feed" % tok)
                cust_nums = self.customer_numbers(customer_so_far)
                hos = []
                src_turn = s["turns"][ti] if ti < len(s["turns"]) else {"checks": []}
                for ii, item in enumerate(t["expect"]):
                    iw = "%s item %d" % (tw, ii + 1)
                    ann = src_turn["checks"][ii] if ii < len(src_turn["checks"]) else ""
                    hm = HANDOVER_RE.match(item)
                    if hm:
                        hos.append(hm)
                        if hm.group(2) and hm.group(2) not in build.TRUE_REASONS:
                            self.bad(iw, "handover reason %r is not a handover reason of set c" % hm.group(2))
                    self.check_phones(item, iw)
                    self.check_dates(item, iw)
                    stocks = self.stocks_in(item)
                    for tok in stocks:
                        if not self.known(tok):
                            self.bad(iw, "unknown stock %s" % tok)
                        else:
                            mentioned.setdefault(tok, iw)
                    d, rest = self.parentheticals(item, iw)
                    described |= d
                    allowed = set(cust_nums)
                    for tok in stocks:
                        u = self.units.get(tok)
                        if u and u["price"] is not None:
                            allowed.add(u["price"])
                    kinds = self.run_checks(ann, item, [x for x in stocks if self.known(x)], iw,
                                            allowed_money=allowed)
                    for mm in MONEY_RE.finditer(rest):
                        if int(mm.group(1).replace(",", "")) not in allowed:
                            self.bad(iw, "$%s is neither the price of a unit named in the item, nor a customer figure, "
                                         "nor a checked difference" % mm.group(1))
                    mi_ok = set(cust_nums) | {self.units[x]["miles"] for x in stocks
                                              if self.known(x) and self.units[x]["miles"] is not None}
                    for mm in MILES_RE.finditer(rest):
                        if int(mm.group(1).replace(",", "")) not in mi_ok:
                            self.bad(iw, "%s is neither the mileage of a unit named in the item nor a customer figure"
                                     % mm.group(0))
                    known_here = [x for x in stocks if self.known(x)]
                    if len(known_here) == 1:
                        u1 = self.units[known_here[0]]
                        for cm in re.finditer(r"\b(%s)\b" % "|".join(feed.COLOURS), rest, re.I):
                            if cm.group(1).lower() != u1["color"].lower():
                                self.bad(iw, "%s is %s in the feed, but the item says %s"
                                         % (u1["stock"], u1["color"] or "colourless", cm.group(1)))
                    if "Lists exactly" in item and "exact" not in kinds:
                        self.bad(iw, "'Lists exactly' item without an @exact check")
                    if stocks and CHEAPEST_WORDS.search(item) and not ({"cheapest", "exact"} & set(kinds)):
                        self.bad(iw, "'cheapest' claim without a @cheapest check")
                    if stocks and LOWMILES_WORDS.search(item) and not ({"lowest_miles", "exact"} & set(kinds)):
                        self.bad(iw, "'lowest miles' claim without a @lowest_miles check")
                if len(hos) != 1:
                    self.bad(tw, "%d handover expectations (need exactly 1)" % len(hos))
                else:
                    last_ho = hos[0]
            for tok, iw in mentioned.items():
                if tok not in described:
                    self.bad(iw, "%s is never described with a '(year make model ...)' parenthetical in %s"
                             % (tok, c["id"]))
            ended = bool(last_ho and last_ho.group(2))
            if ended:
                ends += 1
            if ended != s["ends_handover"]:
                self.bad(cw, "source header says ends in handover=%s but the last turn says %r"
                         % (s["ends_handover"], last_ho.group(0) if last_ho else None))
        if len(convs) != 16:
            self.bad("conversations.jsonl", "%d conversations (need 16)" % len(convs))
        if langs["es"] != 3 or langs["en"] != 13:
            self.bad("conversations.jsonl", "languages %s (need en 13, es 3)" % dict(langs))
        if not 9 <= ends <= 11:
            self.bad("conversations.jsonl", "%d conversations end in a handover (need about 10)" % ends)

    selftest_mode = False


def load_jsonl(path, chk):
    rows = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except ValueError as e:
                        chk.bad("%s:%d" % (os.path.basename(path), n), "invalid JSON: %s" % e)
    except OSError as e:
        chk.bad(path, str(e))
    return rows


def run(messages_path, conversations_path, stale=True, selftest_mode=False, units=None):
    units = units or feed.load()
    chk = Checker(units)
    chk.selftest_mode = selftest_mode
    try:
        src_msgs = build.parse_messages(units)
        src_convs = build.parse_conversations(units)
    except build.SourceError as e:
        chk.bad("tools/data", str(e))
        return chk.problems
    msgs = load_jsonl(messages_path, chk)
    convs = load_jsonl(conversations_path, chk)
    chk.check_messages(msgs, {m["id"]: m for m in src_msgs})
    chk.check_conversations(convs, src_convs)
    if stale:
        for name, text in build.render(units).items():
            path = os.path.join(SET_DIR, name)
            try:
                with open(path, encoding="utf-8") as fh:
                    if fh.read() != text:
                        chk.bad(name, "out of date: re-run python3 tools/build.py")
            except OSError:
                chk.bad(name, "missing: run python3 tools/build.py")
    return chk.problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", default=os.path.join(SET_DIR, "messages.jsonl"))
    ap.add_argument("--conversations", default=os.path.join(SET_DIR, "conversations.jsonl"))
    ap.add_argument("--no-stale", action="store_true")
    a = ap.parse_args()
    problems = run(a.messages, a.conversations, stale=not a.no_stale)
    for p in problems:
        print("PROBLEM", p)
    print("%d problems" % len(problems))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
