"""Cross-check set p against the inventory feed.

    python3 -B tools/check.py             # check ../messages.jsonl, ../conversations.jsonl, ../README.md
    python3 -B tools/check.py --selftest  # plant errors in copies and verify each one is caught

What is checked
  schema   ids, fields, reasons (exactly set c's label space), handover == reason's side, languages,
           duplicate texts, 4-7 turns per conversation, exactly one handover expectation per turn,
           no unexpanded macros, phone numbers only in the fictional 555-01xx range
  stock    every stock-number token in notes/expect exists in the feed (exact spelling); stock-like
           tokens in customer text exist unless declared fake in the data file
  values   every descriptor after a stock number ("S = ..." or "S (...)") matches the feed: condition,
           year, make/model/trim, colour, mileage, price, drivetrain, fuel, transmission, image type,
           body, including the explicit "no price in feed" / "mileage not in feed" / "colour not in
           feed" / "trim not given in feed" markers
  free     every other $ amount, mileage, year and colour word in an item must be derivable: a value of
           a unit mentioned in the same item, a difference of two such values, or something the
           customer wrote (message text / conversation turns so far)
  lists    "stock:" lists in message notes produced by a filter, and every "Lists exactly" expect item,
           must contain exactly the units the filter selects from the feed
  counts   README reason table, language counts, HARD count and conversation table agree with the data
"""
import copy
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "data"))

from feed import Feed, COLOURS, GARBAGE_TRIM  # noqa: E402
from labels import HANDOVER, LANGUAGES, HANDOVER_FORMS  # noqa: E402
import build  # noqa: E402

STOCK_RE = re.compile(r"(?<![\w$#/.-])([A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]?)(?![\w/-])(?!,\d)")
CUST_STOCK_RE = re.compile(r"(?:#|\bstock\s*#?\s*|\bstk\s*#?\s*)([A-Za-z]{0,2}\d{4,5}[A-Za-z]?)\b|\b([A-Za-z]{2}\d{4,5}[A-Za-z]?)\b", re.I)
LONG_RE = re.compile(r" = (.*?)(?=; |\. | \| |;$|\.$|$)")
SHORT_RE = re.compile(r" \(([^()]*)\)")
MONEY_RE = re.compile(r"\$(\d[\d,]*(?:\.\d+)?)(k\b)?", re.I)
MILES_RE = re.compile(r"(?<![\d$,.])(\d[\d,]*)\s?(?:mi|miles)\b")
YEAR_RE = re.compile(r"(?<![\d$,.-])(20[012]\d|199\d)(?![\d,-])")
PHONE_RE = re.compile(r"(?<![\d$])(?:\+?1[-. ]?)?(?:\(?\d{3}\)?[-. ]?)?\d{3}[-. ]\d{4}(?!\d)")
FICTIONAL_PHONE = re.compile(r"^(?:\(?\d{3}\)?[-. ]?)?555[-. ]01\d\d$")
HANDOVER_RE = re.compile(r"^Handover to a human \(([a-z_]+)\)")
COLOUR_WORDS = {c.lower(): c for c in COLOURS}
COLOUR_WORDS["gray"] = "Grey"
SPANISH_COLOURS = {"blanca": "White", "blanco": "White", "negra": "Black", "negro": "Black", "gris": "Grey",
                   "azul": "Blue", "roja": "Red", "rojo": "Red", "verde": "Green", "café": "Brown",
                   "cafe": "Brown", "marrón": "Brown", "vino": "Burgundy", "guinda": "Burgundy",
                   "naranja": "Orange", "anaranjado": "Orange", "plateada": "Silver", "plateado": "Silver"}
EXTRA_COLOURS = ["silver", "yellow", "tan"]  # colours that can only come from the customer
NUM_WORD = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(k\b|grand\b|mil\b|thousand\b)?", re.I)


# ============================================================================ helpers
def customer_numbers(texts):
    nums = set()
    for t in texts:
        for m in NUM_WORD.finditer(t):
            raw = m.group(1).rstrip(",.")
            try:
                v = float(raw.replace(",", ""))
            except ValueError:
                continue
            if m.group(2):
                nums.add(int(round(v * 1000)))
            else:
                nums.add(int(round(v)))
                if v < 1000:
                    nums.add(int(round(v * 1000)))
    return nums


def customer_colours(texts):
    out = set()
    for t in texts:
        low = t.lower()
        for w in re.findall(r"[a-záéíóúñ]+", low):
            if w in COLOUR_WORDS:
                out.add(COLOUR_WORDS[w])
            if w in SPANISH_COLOURS:
                out.add(SPANISH_COLOURS[w])
            if w in EXTRA_COLOURS:
                out.add(w.capitalize())
    return out


def parse_int(s):
    return int(s.replace(",", ""))


class Checker:
    def __init__(self, feed):
        self.feed = feed
        self.problems = []
        self.stats = {"stock mentions": 0, "descriptors": 0, "descriptor fields": 0, "free values": 0,
                      "filter lists (notes)": 0, "exact lists (expect)": 0}

    def p(self, where, msg):
        self.problems.append("%s: %s" % (where, msg))

    # ------------------------------------------------------------------ descriptors
    def check_component(self, where, stock, comp, r):
        comp = comp.strip()
        m = re.match(r"^(New|Used) (\d{4}) (.+)$", comp)
        m2 = re.match(r"^(\d{4}) (.+)$", comp)
        if m or m2:
            if m:
                cond, year, name = m.group(1), m.group(2), m.group(3)
                if cond != r["Condition"]:
                    self.p(where, "%s condition %s, feed says %s" % (stock, cond, r["Condition"]))
            else:
                year, name = m2.group(1), m2.group(2)
            if year != r["Year"]:
                self.p(where, "%s year %s, feed says %s" % (stock, year, r["Year"]))
            want = ("%s %s" % (r["Make"], r["Model"])) if r["_garbage_trim"] else \
                ("%s %s %s" % (r["Make"], r["Model"], r["Trim"]))
            if name.lower() != want.lower():
                self.p(where, "%s name %r, feed says %r" % (stock, name, want))
            return
        pm = re.match(r"^\$(\d[\d,]*)$", comp)
        if pm:
            if r["_price"] is None:
                self.p(where, "%s given price %s but the feed has no price" % (stock, comp))
            elif parse_int(pm.group(1)) != r["_price"]:
                self.p(where, "%s price %s, feed says $%s" % (stock, comp, "{:,}".format(r["_price"])))
            return
        if comp == "no price in feed":
            if r["_price"] is not None:
                self.p(where, "%s marked 'no price in feed' but feed has a price" % stock)
            return
        mm = re.match(r"^(\d[\d,]*) mi$", comp)
        if mm:
            if r["_miles"] is None:
                self.p(where, "%s given mileage %s but the feed has none" % (stock, comp))
            elif parse_int(mm.group(1)) != r["_miles"]:
                self.p(where, "%s mileage %s, feed says %s" % (stock, comp, r["_miles"]))
            return
        if comp == "mileage not in feed":
            if r["_miles"] is not None:
                self.p(where, "%s marked 'mileage not in feed' but feed has mileage" % stock)
            return
        if comp in COLOURS or comp.lower() in COLOUR_WORDS:
            if COLOUR_WORDS.get(comp.lower(), comp) != r["Color"]:
                self.p(where, "%s colour %s, feed says %r" % (stock, comp, r["Color"]))
            return
        if comp == "colour not in feed":
            if r["Color"]:
                self.p(where, "%s marked 'colour not in feed' but feed says %s" % (stock, r["Color"]))
            return
        if comp == "trim not given in feed":
            if not r["_garbage_trim"]:
                self.p(where, "%s marked 'trim not given in feed' but feed trim is %r" % (stock, r["Trim"]))
            return
        for key, col in (("drivetrain", "Drivetrain"), ("fuel", "Fuel Type"), ("transmission", "Transmission"),
                         ("image type", "Image Type"), ("body", "Type")):
            if comp.startswith(key + " "):
                val = comp[len(key) + 1:]
                want = r[col] or "not in feed"
                if val != want:
                    self.p(where, "%s %s %r, feed says %r" % (stock, key, val, want))
                return
        self.p(where, "%s unrecognised descriptor component %r" % (stock, comp))

    def scan_item(self, where, text, cust_texts):
        """Check stock tokens, descriptors and free values in one notes/expect string."""
        mentioned = []
        spans = []
        for m in STOCK_RE.finditer(text):
            tok = m.group(1)
            before = text[max(0, m.start() - 4):m.start()]
            if before.endswith("ZIP "):
                continue
            if tok not in self.feed:
                hint = " (feed spells it %s)" % [s for s in self.feed.by_stock if s.lower() == tok.lower()][0] \
                    if any(s.lower() == tok.lower() for s in self.feed.by_stock) else ""
                if not self.is_declared_fake(tok):
                    self.p(where, "stock %s not in feed%s" % (tok, hint))
                continue
            r = self.feed.get(tok)
            mentioned.append(tok)
            self.stats["stock mentions"] += 1
            rest = text[m.end():]
            lm = LONG_RE.match(rest)
            sm = SHORT_RE.match(rest)
            desc = None
            if lm:
                desc = lm.group(1)
                spans.append((m.end(), m.end() + lm.end()))
            elif sm:
                desc = sm.group(1)
                spans.append((m.end(), m.end() + sm.end()))
            if desc is not None:
                self.stats["descriptors"] += 1
                for comp in desc.split(", "):
                    self.stats["descriptor fields"] += 1
                    self.check_component(where, tok, comp, r)
        # free values outside descriptors
        free = []
        last = 0
        for a, b in spans:
            free.append(text[last:a])
            last = b
        free.append(text[last:])
        free_text = " ".join(free)
        # remove stock tokens themselves from the free text so that e.g. 15355A is no year
        free_text = STOCK_RE.sub(" ", free_text)
        cnum = customer_numbers(cust_texts)
        prices = [self.feed.get(s)["_price"] for s in mentioned if self.feed.get(s)["_price"] is not None]
        miles = [self.feed.get(s)["_miles"] for s in mentioned if self.feed.get(s)["_miles"] is not None]
        ok_money = set(prices) | {abs(a - b) for a in prices for b in prices} | cnum
        ok_miles = set(miles) | {abs(a - b) for a in miles for b in miles} | cnum
        for m in MONEY_RE.finditer(free_text):
            self.stats["free values"] += 1
            v = float(m.group(1).replace(",", ""))
            v = int(round(v * 1000)) if m.group(2) else int(round(v))
            if v not in ok_money:
                self.p(where, "amount $%s is neither a feed value of a unit named in the item, a difference of two, "
                              "nor something the customer wrote" % m.group(1))
        for m in MILES_RE.finditer(free_text):
            self.stats["free values"] += 1
            v = parse_int(m.group(1))
            if v not in ok_miles:
                self.p(where, "mileage %s mi is not derivable from the feed or the customer's words" % m.group(1))
        years = {self.feed.get(s)["_year"] for s in mentioned} | {2026}
        cust_years = set()
        for t in cust_texts:
            cust_years |= {int(y) for y in re.findall(r"(?<!\d)(20[0-2]\d|199\d)(?!\d)", t)}
        for m in YEAR_RE.finditer(free_text):
            self.stats["free values"] += 1
            y = int(m.group(1))
            if y not in years and y not in cust_years:
                self.p(where, "year %d not of a unit named in the item nor from the customer" % y)
        cols = {self.feed.get(s)["Color"] for s in mentioned} | customer_colours(cust_texts)
        for w in re.findall(r"[A-Za-z]+", free_text):
            lw = w.lower()
            if lw in COLOUR_WORDS or lw in EXTRA_COLOURS:
                self.stats["free values"] += 1
                c = COLOUR_WORDS.get(lw, lw.capitalize())
                if c not in cols:
                    self.p(where, "colour word %r: no unit named in the item has it and the customer did not say it" % w)
        return mentioned

    fake_allow = set()

    def is_declared_fake(self, tok):
        return tok in self.fake_allow

    def check_customer_text(self, where, text, fake):
        for m in CUST_STOCK_RE.finditer(text):
            tok = m.group(1) or m.group(2)
            if re.fullmatch(r"[Hh]-?1[Bb]", tok or ""):
                continue
            if tok in self.feed or tok in (fake or []):
                continue
            if m.group(2) and not re.fullmatch(r"(?i)(kv|wv|wk|dt)\d{4,5}[a-z]?", tok):
                continue  # letters+digits that do not look like this dealer's stock numbers
            self.p(where, "customer text names stock %s, not in feed and not declared fake" % tok)

    def check_phones(self, where, text):
        for m in PHONE_RE.finditer(text):
            s = m.group(0).strip()
            digits = re.sub(r"\D", "", s)
            if len(digits) < 7:
                continue
            if not FICTIONAL_PHONE.match(s):
                self.p(where, "phone number %r is not in the fictional 555-01xx range" % s)

    # ------------------------------------------------------------------ messages
    def check_messages(self, records):
        seen_ids, seen_texts = set(), {}
        for i, (mid, src, obj) in enumerate(records):
            w = obj.get("id", "message#%d" % i)
            keys = set(obj)
            if not {"id", "text", "handover", "reason", "language"} <= keys or keys - {"id", "text", "handover", "reason", "language", "notes"}:
                self.p(w, "bad field set %s" % sorted(keys))
            if not re.fullmatch(r"pm\d{3}", str(obj.get("id"))):
                self.p(w, "id must be pm + 3 digits")
            if obj.get("id") in seen_ids:
                self.p(w, "duplicate id")
            seen_ids.add(obj.get("id"))
            reason = obj.get("reason")
            if reason not in HANDOVER:
                self.p(w, "unknown reason %r" % reason)
            elif obj.get("handover") is not HANDOVER[reason]:
                self.p(w, "handover %r contradicts reason %s" % (obj.get("handover"), reason))
            if obj.get("language") not in LANGUAGES:
                self.p(w, "unknown language %r" % obj.get("language"))
            text = obj.get("text") or ""
            if not text.strip():
                self.p(w, "empty text")
            norm = re.sub(r"\W+", " ", text.lower()).strip()
            if norm in seen_texts:
                self.p(w, "duplicate text of %s" % seen_texts[norm])
            seen_texts[norm] = w
            notes = obj.get("notes", "")
            if "notes" in obj and not isinstance(notes, str):
                self.p(w, "notes must be a string")
                notes = ""
            if "{" in notes or "}" in notes:
                self.p(w, "unexpanded macro in notes")
            if obj.get("language") not in ("en",) and "Gloss" not in notes and obj.get("language") != "es":
                self.p(w, "non-English, non-Spanish message without an English gloss in notes")
            if obj.get("language") == "es" and "Gloss" not in notes:
                self.p(w, "Spanish message without gloss")
            self.check_phones(w, text)
            self.check_phones(w, notes)
            self.check_customer_text(w, text, src.get("fake"))
            self.fake_allow = set(src.get("fake") or [])
            self.scan_item(w + " notes", notes, [text])
            self.fake_allow = set()
            # filter lists
            for kind, flags, arg in build.macros_in(src.get("n", "")):
                if kind != "Q":
                    continue
                want = self.feed.filter(arg)
                self.stats["filter lists (notes)"] += 1
                segs = [s for s in notes.split(" | ") if s.startswith("stock: ")]
                got_sets = [[t for t in STOCK_RE.findall(s) if t in self.feed] for s in segs]
                if want == [] and not any(s == "stock: none in stock" for s in segs):
                    self.p(w, "filter %r selects nothing but notes do not say 'none in stock'" % arg)
                elif want and want not in got_sets:
                    self.p(w, "notes list for filter %r is not exactly %s" % (arg, want))
                for s in segs:
                    if "none in stock" in s and want:
                        pass
        return seen_ids

    # ------------------------------------------------------------------ conversations
    def check_conversations(self, records):
        seen = set()
        for i, (cid, src, obj) in enumerate(records):
            w = obj.get("id", "conv#%d" % i)
            if set(obj) != {"id", "language", "turns"}:
                self.p(w, "bad field set %s" % sorted(obj))
            if not re.fullmatch(r"pc\d{2}", str(obj.get("id"))):
                self.p(w, "id must be pc + 2 digits")
            if obj.get("id") in seen:
                self.p(w, "duplicate id")
            seen.add(obj.get("id"))
            if obj.get("language") not in ("en", "es"):
                self.p(w, "conversation language must be en or es")
            turns = obj.get("turns") or []
            if not 4 <= len(turns) <= 7:
                self.p(w, "%d customer turns, need 4-7" % len(turns))
            cust = []
            for t_i, turn in enumerate(turns, 1):
                tw = "%s turn %d" % (w, t_i)
                if set(turn) != {"customer", "expect"}:
                    self.p(tw, "bad turn fields %s" % sorted(turn))
                c = turn.get("customer", "")
                if not c.strip():
                    self.p(tw, "empty customer text")
                cust.append(c)
                self.check_phones(tw, c)
                self.check_customer_text(tw, c, (src.get("fake") or []))
                exp = turn.get("expect") or []
                if not exp:
                    self.p(tw, "no expectations")
                hand = []
                for e_i, e in enumerate(exp):
                    ew = "%s expect %d" % (tw, e_i + 1)
                    if not isinstance(e, str) or not e.strip():
                        self.p(ew, "empty expectation")
                        continue
                    if "{" in e or "}" in e:
                        self.p(ew, "unexpanded macro")
                    self.check_phones(ew, e)
                    hm = HANDOVER_RE.match(e)
                    if hm:
                        hand.append(e)
                        if HANDOVER.get(hm.group(1)) is not True:
                            self.p(ew, "handover reason %r is not a handover reason" % hm.group(1))
                    elif e.split(";")[0].split(" (")[0].strip().rstrip(".") in HANDOVER_FORMS:
                        hand.append(e)
                    elif re.match(r"(?i)^(no )?handover", e):
                        self.p(ew, "unrecognised handover expectation %r" % e)
                    self.fake_allow = set(src.get("fake") or [])
                    self.scan_item(ew, e, cust)
                    self.fake_allow = set()
                    # exact lists
                    src_e = src["turns"][t_i - 1]["e"][e_i] if t_i - 1 < len(src["turns"]) and e_i < len(src["turns"][t_i - 1]["e"]) else ""
                    if e.startswith("Lists exactly"):
                        ls = [(k, a) for k, f, a in build.macros_in(src_e) if k == "L"]
                        if len(ls) != 1:
                            self.p(ew, "'Lists exactly' item must come from exactly one {L:filter} macro")
                        else:
                            want = self.feed.filter(ls[0][1])
                            self.stats["exact lists (expect)"] += 1
                            got = [t for t in STOCK_RE.findall(e) if t in self.feed]
                            if sorted(set(got)) != sorted(set(want)):
                                self.p(ew, "exact list %s differs from filter %r -> %s" % (got, ls[0][1], want))
                            if not want and "none" not in e:
                                self.p(ew, "empty exact list must say 'none'")
                if len(hand) != 1:
                    self.p(tw, "needs exactly one handover expectation, has %d" % len(hand))
        return seen

    # ------------------------------------------------------------------ set-level counts
    def check_counts(self, msgs, convs, readme_text):
        objs = [o for _, _, o in msgs]
        n = len(objs)
        ho = sum(1 for o in objs if o["handover"])
        es = sum(1 for o in objs if o["language"] == "es")
        hard = sum(1 for o in objs if o.get("notes", "").startswith("HARD:"))
        if not 150 <= n <= 170:
            self.p("set", "%d messages, want about 160" % n)
        if not 0.45 <= ho / n <= 0.55:
            self.p("set", "handover share %.2f, want about half" % (ho / n))
        if not 0.13 <= es / n <= 0.17:
            self.p("set", "Spanish share %.2f, want about 15%%" % (es / n))
        if not 0.20 <= hard / n <= 0.30:
            self.p("set", "HARD share %.2f, want about a quarter" % (hard / n))
        for o in objs:
            if "HARD" in o.get("notes", "") and not o["notes"].startswith("HARD:"):
                self.p(o["id"], "HARD marker must start the notes")
        cobjs = [o for _, _, o in convs]
        if len(cobjs) != 16:
            self.p("set", "%d conversations, want 16" % len(cobjs))
        langs = [o["language"] for o in cobjs]
        if langs.count("en") != 13 or langs.count("es") != 3:
            self.p("set", "conversation languages en=%d es=%d, want 13/3" % (langs.count("en"), langs.count("es")))
        ends = sum(1 for o in cobjs if o["turns"] and HANDOVER_RE.match(
            [e for e in o["turns"][-1]["expect"] if HANDOVER_RE.match(e) or e.split(";")[0].split(" (")[0].strip() in HANDOVER_FORMS][0]))
        if ends != 10:
            self.p("set", "%d conversations end in a handover, want 10" % ends)
        if readme_text is None:
            return
        # README reason table
        for reason in HANDOVER:
            cnt = sum(1 for o in objs if o["reason"] == reason)
            m = re.search(r"^\| %s \| (true|false) \| (\d+) \|" % re.escape(reason), readme_text, re.M)
            if not m:
                self.p("README", "reason %s missing from table" % reason)
            elif int(m.group(2)) != cnt or (m.group(1) == "true") != HANDOVER[reason]:
                self.p("README", "reason %s row says %s/%s, data has %s/%d" % (reason, m.group(1), m.group(2), HANDOVER[reason], cnt))
        m = re.search(r"^\| \*\*total\*\* \| \| \*\*(\d+)\*\* \|", readme_text, re.M)
        if not m or int(m.group(1)) != n:
            self.p("README", "total row does not say %d" % n)
        for code in LANGUAGES:
            cnt = sum(1 for o in objs if o["language"] == code)
            if cnt and not re.search(r"`%s` %d\b" % (code, cnt), readme_text):
                self.p("README", "language count `%s` %d not stated" % (code, cnt))
        if not re.search(r"%d are marked `HARD:`" % hard, readme_text):
            self.p("README", "HARD count %d not stated" % hard)
        if not re.search(r"%d with `handover: true` and %d with `handover: false`" % (ho, n - ho), readme_text):
            self.p("README", "handover split %d/%d not stated" % (ho, n - ho))
        total_turns = sum(len(o["turns"]) for o in cobjs)
        if not re.search(r"%d customer turns in total" % total_turns, readme_text):
            self.p("README", "total turns %d not stated" % total_turns)
        for o in cobjs:
            last = o["turns"][-1]["expect"]
            ends_h = any(HANDOVER_RE.match(e) for e in last)
            m = re.search(r"^\| %s \| (\w+) \| (\d+) \| .* \| (yes|no) \|$" % o["id"], readme_text, re.M)
            if not m:
                self.p("README", "conversation %s missing from table" % o["id"])
                continue
            if m.group(1) != o["language"] or int(m.group(2)) != len(o["turns"]) or (m.group(3) == "yes") != ends_h:
                self.p("README", "conversation row %s disagrees with data" % o["id"])


def run(msgs, convs, readme_text, feed, stats=None):
    ck = Checker(feed)
    ck.check_messages(msgs)
    ck.check_conversations(convs)
    ck.check_counts(msgs, convs, readme_text)
    if stats is not None:
        stats.update(ck.stats)
    return ck.problems


def load_written(feed):
    """Pair the written jsonl objects with their data-file sources (ids are regenerated the same way)."""
    msgs_src = build.message_records(feed)
    convs_src = build.conversation_records(feed)
    with open(os.path.join(SET_DIR, "messages.jsonl"), encoding="utf-8") as fh:
        mobjs = [json.loads(l) for l in fh if l.strip()]
    with open(os.path.join(SET_DIR, "conversations.jsonl"), encoding="utf-8") as fh:
        cobjs = [json.loads(l) for l in fh if l.strip()]
    problems = []
    if len(mobjs) != len(msgs_src) or len(cobjs) != len(convs_src):
        problems.append("written files differ in length from the data files; re-run build.py")
    srcm = {i: s for i, s, _ in msgs_src}
    srcc = {i: s for i, s, _ in convs_src}
    msgs = [(o.get("id"), srcm.get(o.get("id"), {}), o) for o in mobjs]
    convs = [(o.get("id"), srcc.get(o.get("id"), {"turns": []}), o) for o in cobjs]
    # the written files must be exactly what build.py produces from the data files
    fresh_m, fresh_c = build.build(feed, write=False)
    if [o for _, _, o in fresh_m] != mobjs or [o for _, _, o in fresh_c] != cobjs:
        problems.append("written jsonl files are stale or hand-edited; re-run build.py")
    return msgs, convs, problems


def selftest(feed):
    msgs, convs = build.build(feed, write=False)
    readme = open(os.path.join(SET_DIR, "README.md"), encoding="utf-8").read() if os.path.exists(os.path.join(SET_DIR, "README.md")) else None
    base = run(msgs, convs, readme, feed)
    if base:
        print("selftest needs a clean set first; %d problems" % len(base))
        return False

    def first_msg(pred):
        for k, (_, src, o) in enumerate(msgs):
            if pred(o):
                return k
        raise AssertionError("no message for mutation")

    def first_exp(pred):
        for ci, (_, src, o) in enumerate(convs):
            for ti, t in enumerate(o["turns"]):
                for ei, e in enumerate(t["expect"]):
                    if pred(e):
                        return ci, ti, ei
        raise AssertionError("no expectation for mutation")

    def mut_msg_notes(pattern, repl):
        def f(m, c):
            k = first_msg(lambda o: re.search(pattern, o.get("notes", "")))
            m[k][2]["notes"] = re.sub(pattern, repl, m[k][2]["notes"], count=1)
        return f

    def mut_exp(pattern, repl):
        def f(m, c):
            ci, ti, ei = first_exp(lambda e: re.search(pattern, e))
            c[ci][2]["turns"][ti]["expect"][ei] = re.sub(pattern, repl, c[ci][2]["turns"][ti]["expect"][ei], count=1)
        return f

    def bump_price(mo):
        v = parse_int(mo.group(1)) + 1000
        return "$" + "{:,}".format(v)

    def drop_from_exact(m, c):
        ci, ti, ei = first_exp(lambda e: e.startswith("Lists exactly") and e.count("; ") >= 1)
        e = c[ci][2]["turns"][ti]["expect"][ei]
        parts = e[len("Lists exactly "):].split("; ")
        c[ci][2]["turns"][ti]["expect"][ei] = "Lists exactly " + "; ".join(parts[1:])

    def add_to_exact(m, c):
        ci, ti, ei = first_exp(lambda e: e.startswith("Lists exactly") and "KV5435" not in e)
        c[ci][2]["turns"][ti]["expect"][ei] += "; KV5435"

    def drop_from_notes_list(m, c):
        k = first_msg(lambda o: o.get("notes", "").count("stock: ") == 1 and re.search(r"stock: [^|]*; ", o["notes"]))
        n = m[k][2]["notes"]
        m[k][2]["notes"] = re.sub(r"(stock: )[^;|]*; ", r"\1", n, count=1)

    def flip_handover(m, c):
        m[0][2]["handover"] = not m[0][2]["handover"]

    def bad_reason(m, c):
        m[1][2]["reason"] = "test_drive"

    def dup_id(m, c):
        m[2][2]["id"] = m[3][2]["id"]

    def real_phone(m, c):
        m[4][2]["text"] += " call me at 708-555-2368"

    def two_handovers(m, c):
        c[0][2]["turns"][0]["expect"].append("No handover")

    def no_handover(m, c):
        c[1][2]["turns"][0]["expect"] = [e for e in c[1][2]["turns"][0]["expect"]
                                         if not (HANDOVER_RE.match(e) or e.split(";")[0].split(" (")[0].strip() in HANDOVER_FORMS)]

    def fake_stock(m, c):
        ci, ti, ei = first_exp(lambda e: re.search(r"\b27181\b", e) or re.search(r"\b26898\b", e))
        e = c[ci][2]["turns"][ti]["expect"][ei]
        c[ci][2]["turns"][ti]["expect"][ei] = re.sub(r"\b(27181|26898)\b", "27999", e, count=1)

    def free_money(m, c):
        c[2][2]["turns"][0]["expect"].append("Quotes a $1,234 dealer fee")

    def free_year(m, c):
        c[3][2]["turns"][0]["expect"].append("Mentions the 2011 model year")

    def free_colour(m, c):
        k = first_msg(lambda o: o["reason"] == "small_talk")
        m[k][2]["notes"] = (m[k][2].get("notes", "") + " | the yellow one").strip(" |")

    def wrong_diff(m, c):
        k = first_msg(lambda o: "differ by $" in o.get("notes", ""))
        m[k][2]["notes"] = re.sub(r"differ by \$[\d,]+", "differ by $431", m[k][2]["notes"])

    def missing_price_given(m, c):
        ci, ti, ei = first_exp(lambda e: "no price in feed" in e)
        c[ci][2]["turns"][ti]["expect"][ei] = c[ci][2]["turns"][ti]["expect"][ei].replace("no price in feed", "$31,500", 1)

    def price_marked_missing(m, c):
        k = first_msg(lambda o: re.search(r" = [^|;]*, \$[\d,]+", o.get("notes", "")))
        m[k][2]["notes"] = re.sub(r"(= [^|;]*?), \$[\d,]+", r"\1, no price in feed", m[k][2]["notes"], count=1)

    def short_turns(m, c):
        c[5][2]["turns"] = c[5][2]["turns"][:3]

    mutations = [
        ("price in a notes descriptor", mut_msg_notes(r"\$(\d[\d,]*)", bump_price)),
        ("price in an expect descriptor", mut_exp(r"\$(\d[\d,]*)\)", lambda mo: bump_price(mo) + ")")),
        ("mileage in a descriptor", mut_msg_notes(r", (\d[\d,]*) mi,", lambda mo: ", " + "{:,}".format(parse_int(mo.group(1)) + 7) + " mi,")),
        ("colour in a descriptor", mut_msg_notes(r", White, ", ", Black, ")),
        ("year in a descriptor", mut_msg_notes(r"= New 2024 ", "= New 2023 ")),
        ("condition in a descriptor", mut_msg_notes(r"= Used ", "= New ")),
        ("trim in a descriptor", mut_exp(r"Calligraphy AWD", "Limited AWD")),
        ("drivetrain in a descriptor", mut_msg_notes(r"drivetrain RWD", "drivetrain AWD")),
        ("fuel in a descriptor", mut_msg_notes(r"fuel Gasoline", "fuel Hybrid")),
        ("nonexistent stock number", fake_stock),
        ("stock number case", mut_exp(r"\bKV5529\b", "kv5529")),
        ("unit dropped from exact list", drop_from_exact),
        ("unit added to exact list", add_to_exact),
        ("unit dropped from notes list", drop_from_notes_list),
        ("handover flipped", flip_handover),
        ("unknown reason", bad_reason),
        ("duplicate id", dup_id),
        ("real-looking phone", real_phone),
        ("two handover expectations", two_handovers),
        ("no handover expectation", no_handover),
        ("invented amount", free_money),
        ("invented year", free_year),
        ("invented colour", free_colour),
        ("wrong price difference", wrong_diff),
        ("price given to an unpriced unit", missing_price_given),
        ("priced unit marked unpriced", price_marked_missing),
        ("too few turns", short_turns),
    ]
    ok = True
    for name, fn in mutations:
        m2, c2 = copy.deepcopy(msgs), copy.deepcopy(convs)
        try:
            fn(m2, c2)
        except (AssertionError, ValueError, IndexError, KeyError) as e:
            print("SELFTEST could not plant %-34s (%s)" % (name, e))
            ok = False
            continue
        probs = run(m2, c2, readme, feed)
        if probs:
            print("caught  %-36s -> %s" % (name, probs[0]))
        else:
            print("MISSED  %s" % name)
            ok = False
    return ok


def main():
    feed = Feed()
    if "--selftest" in sys.argv:
        ok = selftest(feed)
        print("selftest: %s" % ("all planted errors caught" if ok else "FAILED"))
        sys.exit(0 if ok else 1)
    msgs, convs, problems = load_written(feed)
    readme_path = os.path.join(SET_DIR, "README.md")
    readme = open(readme_path, encoding="utf-8").read() if os.path.exists(readme_path) else None
    if readme is None:
        problems.append("README.md missing")
    stats = {}
    problems += run(msgs, convs, readme, feed, stats)
    for p in problems:
        print(p)
    print("checked: " + ", ".join("%d %s" % (v, k) for k, v in stats.items()))
    objs = [o for _, _, o in msgs]
    print("%d messages (%d handover), %d conversations; %d problems" % (
        len(objs), sum(1 for o in objs if o.get("handover")), len(convs), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
