"""Sentiment: -1 (furious) .. 1 (delighted) from weighted words, negation, intensifiers, emoji and shouting."""

from __future__ import annotations

import math
import re

from showroom.brain.nlu.text import _NEGATORS, TOKEN_RE, clean, rx, words


def _weights(table: str) -> dict[str, float]:
    pairs = (item.split(":") for item in table.split())
    return {word: float(weight) for word, weight in pairs}


_POSITIVE = _weights(
    "love:2 loved:2 loves:2 loving:2 like:0.3 likes:0.8 liked:0.8 great:1.5 awesome:2 amazing:2 excellent:2 "
    "perfect:1.5 nice:1 good:1 happy:1.5 glad:1.2 excited:1.5 thanks:0.8 thank:0.8 thx:0.8 appreciate:1.2 "
    "appreciated:1.2 helpful:1.5 wonderful:2 fantastic:2 beautiful:1.5 gorgeous:1.5 recommend:1.5 "
    "recommended:1.5 pleased:1.5 easy:1 smooth:1 friendly:1.5 cool:0.8 sweet:1 wow:1 yay:1.5 impressed:1.5 "
    "satisfied:1.5 super:0.8 dope:1 fair:0.5 interested:0.4 stoked:1.5 thrilled:2 lovely:1.5 best:0.5 "
    "reasonable:0.8 clean:0.5"
)
_NEGATIVE = _weights(
    "bad:1.5 terrible:2.5 horrible:2.5 awful:2.5 worst:3 hate:2.5 hated:2.5 angry:2.5 mad:2 upset:2 "
    "frustrated:2 frustrating:2 annoyed:2 annoying:2 ridiculous:2 unacceptable:2.5 disappointed:2 "
    "disappointing:2 useless:2.5 pathetic:2.5 stupid:2 dumb:1.5 scam:3 scammed:3 scammers:3 ripoff:3 lied:2.5 "
    "liar:3 liars:3 lying:2.5 rude:2 joke:1 waste:2 wasted:2 wasting:2 garbage:2.5 trash:2 sucks:2 suck:2 "
    "crap:1.5 shit:2 bullshit:3 fuck:2.5 fucking:1.5 wtf:2.5 disgusted:2.5 disgusting:2.5 furious:3 pissed:3 "
    "outraged:3 livid:3 shady:2 sketchy:1.5 dishonest:2.5 misleading:2 misled:2.5 problem:0.6 problems:0.8 "
    "issue:0.5 issues:0.6 broken:1.2 wrong:1 worse:1.5 ignored:2 ghosted:2 unhappy:2 sad:1 overpriced:1.5 "
    "hassle:1.5 nightmare:2.5 incompetent:2.5 unprofessional:2.5 complaint:1.5 complain:1.5 ripped:2.5 "
    "cheated:2.5 sick:1 tired:1 irritated:2 ugh:1.5 smh:1.5 horrendous:2.5 lemon:1.5 refund:1 nobody:0.8 "
    "poor:1.2 slow:0.8 pushy:2 greedy:2 insane:1 crazy:0.5 terribly:1.5 screw:2"
)
_POSITIVE_EMOJI = "😊🙂😀😃😄😁👍❤😍🙏🎉🤩😎🥰💯✅👌"
_NEGATIVE_EMOJI = "😡🤬😠👎😤😒🙄😞😢😭💢👿😩😫🤦"
_INTENSIFIERS = words("very really so extremely super totally absolutely incredibly freaking beyond truly")
_NEUTRALISED = rx(
    r"\b(?:best (?:price|deal|offer|you can do|number)|no problem|not a problem|no worries)\b",
    r"\b(?:holy (?:shit|crap|cow|moly|smokes)|damn (?:good|nice|fine)|bad ?ass|sick (?:ride|truck|car|whip))\b",
    r"\b(?:bad|poor|good|great|excellent|fair) credit\b|\bgood (?:morning|afternoon|evening)\b",
    r"\bmy bad\b|\bwrong (?:number|stock|one|car|link|model)\b",
    # the customer apologising for themself ("sorry my spanish is bad", "sorry for the typos") is no displeasure
    r"\b(?:sorry,? )?my (?:spanish|english|typing|spelling|grammar|texting|phone)(?: is| are|'s)?(?: so| really)?"
    r" (?:bad|terrible|awful|horrible|poor|rusty|not (?:good|great|the best))\b",
    r"\bsorry (?:for|about) (?:the|my|all the) (?:typos?|late reply|delay|spelling|english|spanish|questions?"
    r"|confusion)\b|\bsorry (?:to bother|i'?m late|for bothering)\b"
    r"|\b(?:lo )?siento,? (?:mi|es que mi) (?:ingl[eé]s|espa[nñ]ol)\b",
    # about another dealer or the car they are replacing, not about us
    r"\b(?:the |my )?(?:last|other|previous|old) (?:dealer(?:ship)?|place|car|truck|suv|van|vehicle"
    r"|ride)\b[^.?!,]{0,40}",
    # a taste about the product ("I hate the grey", "not a fan of the wheels") is not displeasure with the dealer
    r"\b(?:hate|hated|dislike|don'?t like|do not like|not a fan of|can'?t stand) (?:the|that|this|its|their|those|"
    r"these)(?: \w+)? (?:colou?rs?|paint|shade|looks?|styling|style|design|grille|interior|seats?|wheels?|rims?|shape|"
    r"trim|layout|dash(?:board)?|screen|console|one|ones)\b",
)
ACRONYMS = words("SUV SUVS AWD FWD RWD OTD APR VIN BBB USA CPO MPG KBB GPS MSRP ASAP FYI LOL OMG GMC BMW AMG")


def sentiment(text: str) -> float:
    """-1 (furious) .. 1 (delighted); 0 for a neutral question."""
    cleaned = clean(text)
    tokens = TOKEN_RE.findall(_NEUTRALISED.sub(" ", cleaned.lower()))
    pivot = max((k for k, w in enumerate(tokens) if w in ("but", "however", "although")), default=-1)
    total = 0.0
    for k, word in enumerate(tokens):
        score = _POSITIVE.get(word, 0.0) - _NEGATIVE.get(word, 0.0)
        if not score:
            continue
        if k and tokens[k - 1] in _INTENSIFIERS:
            score *= 1.5
        if any(w in _NEGATORS or w.endswith("n't") for w in tokens[max(0, k - 3) : k]):
            score *= -0.8 if score > 0 else -0.3
        if pivot >= 0:
            score *= 1.5 if k > pivot else 0.5
        total += score
    total += sum(1.0 for c in cleaned if c in _POSITIVE_EMOJI) - sum(1.5 for c in cleaned if c in _NEGATIVE_EMOJI)
    shouted = [w for w in re.findall(r"\b[A-Z]{3,}\b", cleaned) if w not in ACRONYMS]
    if total < 0 and (len(shouted) >= 2 or cleaned.count("!") >= 2 or "?!" in cleaned):
        total *= 1.4
    return max(-1.0, min(1.0, total / math.sqrt(total * total + 6.0)))
