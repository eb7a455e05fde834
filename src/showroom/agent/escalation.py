"""Escalation triggers: when the AI stops and a human takes the conversation.

A trigger is JSON (DATA_MODEL.md `escalation_triggers`): conditions `{type, value, threshold?}` combined with
`match_mode` all/any, evaluated lowest `priority` first; the first trigger that matches wins. `DEFAULT_TRIGGERS`
is the set a new dealership starts with. Everything is pure: text and history in, a match (with human-readable
reasons) out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from showroom.brain.nlu.flags import is_question
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.sentiment import ACRONYMS
from showroom.brain.nlu.text import TOKEN_RE, clean, edit_distance, is_negated, rx, squash, words
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.types import Turn

CONDITION_TYPES = (
    "keyword",
    "regex",
    "sentiment",
    "urgency",
    "repeated_questions",
    "message_count",
    "human_request",
    "pricing",
    "custom",
)
MATCH_MODES = ("all", "any")
ACTIONS = ("handover", "notify", "tag")
REASONS = (
    "complex_inquiry",
    "technical_issue",
    "pricing_negotiation",
    "customer_request",
    "ai_limitation",
    "policy_escalation",
    "other",
)
URGENCIES = ("low", "medium", "high", "urgent")
PRICING_SCOPES = ("negotiation", "financing", "any")
MAX_REGEX_LENGTH = 500
MAX_KEYWORDS = 200
RECENT_TURNS = 12


@dataclass(frozen=True)
class TriggerSpec:
    id: str | None
    name: str
    conditions: list[dict[str, Any]]
    match_mode: str
    priority: int
    action: str  # handover / notify / tag
    action_config: dict[str, Any]  # {reason, urgency} / {emails} / {tag}

    @cached_property
    def problems(self) -> list[str]:
        """What is wrong with the conditions (checked once: a spec is not changed after it is made)."""
        return validate_conditions(self.conditions)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: str | None = None) -> TriggerSpec:
        """A spec from a DEFAULT_TRIGGERS entry or an `escalation_triggers` row's columns."""
        return cls(
            id=id if id is not None else data.get("id"),
            name=str(data["name"]),
            conditions=list(data.get("conditions", [])),
            match_mode=str(data.get("match_mode", "all")),
            priority=int(data.get("priority", 100)),
            action=str(data.get("action", "handover")),
            action_config=dict(data.get("action_config", {})),
        )


@dataclass
class TriggerMatch:
    trigger: TriggerSpec
    reasons: list[str]  # human-readable, e.g. 'keyword "lawyer"'

    @property
    def reason(self) -> str:
        """The handover reason code (REASONS), 'other' when the trigger does not say."""
        value = self.trigger.action_config.get("reason")
        return value if value in REASONS else "other"

    @property
    def urgency(self) -> str:
        value = self.trigger.action_config.get("urgency")
        return value if value in URGENCIES else "medium"


# --------------------------------------------------------------------------------------------------------------
# Signals (shared by condition types and custom detectors)


@dataclass
class _Context:
    text: str
    lower: str
    words: list[str]
    u: Understanding
    history: Sequence[Turn]

    @cached_property
    def index(self) -> _Words:
        return _Words(self.words)


class _Words:
    """A message's words, indexed for keyword lookups (dozens of keywords are tried on every message): where each
    word is, which words could be typos of a keyword (by first letter), and 2-3 words written apart, glued."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.at: dict[str, list[int]] = {}
        self.maybe_typo: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            self.at.setdefault(word, []).append(i)
            if len(word) >= 5 and word.isalpha() and word not in _REAL_WORDS:
                self.maybe_typo.setdefault(word[0], []).append(i)
        self.glued = {"".join(words[i : i + n]) for i in range(len(words)) for n in (2, 3)}

    def starts(self, wanted: str) -> set[int]:
        """Where a word that :func:`_word_matches` ``wanted`` is."""
        found = {i for form in (wanted, wanted + "s", wanted + "es", wanted + "'s") for i in self.at.get(form, ())}
        if len(wanted) >= 6:
            found.update(i for i in self.maybe_typo.get(wanted[0], ()) if _word_matches(self.words[i], wanted))
        return found


def _first(patterns: Sequence[tuple[str, re.Pattern[str]]], lower: str, negatable: bool = True) -> str | None:
    """The label of the first pattern found (not negated, when `negatable`) in `lower`."""
    for label, pattern in patterns:
        for m in pattern.finditer(lower):
            if not negatable or not is_negated(lower, m.start()):
                return label or m.group().strip()
    return None


def _table(*rows: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(label, alternative, alternative...) rows -> (label, compiled pattern)."""
    return tuple((label, rx(*parts)) for label, *parts in rows)


_NEGOTIATION = _table(
    (
        "best price",
        r"\b(?:best|lowest|bottom|final|rock[\s-]bottom|cash|best cash) (?:price|deal|number|offer|dollar)\b",
    ),
    (
        "out-the-door price",
        r"\botd\b|\bout[\s-]?(?:the|da|tha)?[\s-]?door\b|\ball[\s-]in price\b|\btotal (?:price|cost) with\b",
        r"\btotal\b[^.?!]{0,25}\b(?:tax|taxes|title|fees|tags|registration)\b",
        r"\bdrive[\s-]?offs?\b|\bdue at (?:signing|delivery|inception)\b|\bamount due\b",
    ),
    (
        "counter-offer",
        r"\b(?:can|could|would|will) (?:you|u|ya|y'?all)(?: guys| all)? (?:do|go|take|accept|sell (?:it|her) for",
        r"let (?:it|her) go for|come down to|meet me at|make it)\s*\$?\s*\d",
        r"\b(?:i'?(?:ll|d)|i will|i would|i can|we can|we'?d) (?:pay|do|offer|give you|go)\s*\$?\s*\d",
        r"\bmy offer\b|\bmake (?:you |me )?an offer\b|\boffer (?:you|of)\b",
        r"\b(?:do|take|accept|sell (?:it|her|it to me) for|let (?:it|her) go for|go (?:down )?to|meet me at)\s*"
        r"(?:\$\s?\d[\d,.]*k?|\d{1,3}(?:,\d{3})+|\d{4,}|\d+(?:\.\d)?\s?k)\b",
    ),
    (
        "price match",
        r"\bprice[\s-]?match\w*|\bmatch (?:the|their|this|a|that|an?) (?:price|offer|deal|quote)\b",
        r"\bbeat (?:the|their|this|that|a|an) (?:price|offer|deal|quote)\b",
        r"\b(?:can|could|will|would) (?:you|u|y'?all|you guys|u guys) (?:match|beat)\b",
    ),
    (
        "competitor price",
        r"\b(?:another|other|different) dealer(?:ship)?\b[^.?!]{0,40}\b(?:cheaper|less|lower|offered|quoted|selling)\b",
        r"\bcheaper (?:somewhere else|elsewhere|at|online|down the street)\b|\bfor \$?\d[\d,]*k? less\b",
        r"\b(?:truecar|carmax|carvana|cargurus|autotrader|edmunds|vroom)\b[^.?!]{0,40}(?:\$|\d|price|cheaper|less)",
    ),
    (
        "negotiation",
        r"\bnegotia\w*|\bwiggle room\b|\bflexib\w* (?:on|with) (?:the )?price\b",
        r"\b(?:come|go|get it) down (?:on|in|a bit|some|any)\b",
        r"\b(?:knock|take) (?:some|anything|a (?:bit|few|grand|thousand|little)|a few (?:hundred|grand|bucks)"
        r"|\$?\d[\d,]*k?)(?: \w+)? off\b",
        r"\bmove on (?:the )?price\b|\bany room on\b|\bwork with me on\b",
    ),
    (
        "discount",
        r"\bdiscounts?\b",
        r"\b(?:military|first responder|employee|loyalty|college grad|student) (?:discount|pricing|rebate)\b",
    ),
    (
        "dealer fees",
        r"\b(?:dealer|doc|documentation|admin|hidden|prep|destination|processing) fees?\b",
        r"\bmark[\s-]?ups?\b|\bmarket adjustments?\b|\badm\b|\b(?:dealer )?add[\s-]?ons?\b",
    ),
    ("below sticker", r"\b(?:below|under|at) (?:msrp|sticker|invoice)\b|\binvoice price\b"),
    (
        "price too high",
        r"\btoo (?:high|expensive|pricey|steep|much)\b|\boverpriced\b|\blower (?:the|your|that) price\b",
        r"\bbest (?:you|u) can do\b|\blowest (?:you|u)(?:'ll| will| can| would)? go\b",
        r"\b(?:absolute|very|rock[\s-]bottom) (?:lowest|best|bottom)\b",
        r"\blowest\b[^.?!]{0,20}\b(?:sell|go|take|do|accept)\b",
        r"\b(?:lower|better|cheaper) (?:price|number|deal|offer)\b",
        r"\b(?:talk|run|crunch|work|go over) (?:the )?numbers\b",
        r"\bworth (?:way |a lot |much )?more than (?:what )?(?:you|u|they)\b",
    ),
)
_FINANCING = _table(
    (
        "credit",
        r"\b(?:bad|poor|no|low|limited|good|great|excellent|fair|bruised|rebuilding|damaged|messed up|terrible|shaky",
        r"ok|okay|decent|average) credit\b",
        r"\bcredit (?:score|history|check|report|app|application|issues?|problems?|union)\b",
        r"\bfico\b|\b\d{3} (?:credit|score|fico)\b|\bmy score\b",
        r"\b(?:ran|run|pulled|pull) my credit\b|\bhard (?:pull|inquiry)\b",
        r"\b(?:my|our|his|her) credit(?! cards?\b)\b",
        r"\b(?<!tax )(?<!store )credit (?:is|was|isn'?t|wasn'?t|ain'?t|'s|has been) \w+",
        r"\bbuy[\s-]here[\s-]pay[\s-]here\b|\bbhph\b|\bin[\s-]house (?:financing|loans?|credit)\b",
        r"\bmi cr[eé]dito\b|\bfinanciamiento\b|\bfinanciar\b|\bpagos? (?:mensual(?:es)?|al mes)\b",
    ),
    (
        "interest rate",
        r"\bapr\b|\binterest(?: rates?)?\b|\brates? (?:with|for|on|are|is|do you)\b|\bwhat rates?\b",
        r"\b\d+(?:\.\d+)?\s?%",
    ),
    (
        "down payment",
        r"\bdown[\s-]?payments?\b|\b(?:no|zero|\$?\d[\d,]*k?|nothing|money|little|much) down\b",
        r"\bput (?:\$?\d[\d,]*k? |money |something )?down\b",
    ),
    (
        "approval",
        r"\b(?:get|got|be|getting|been|gets) (?:pre[\s-]?)?(?:approved|qualified|denied|declined|turned down)\b",
        r"\bpre[\s-]?(?:approv\w*|qualif\w*)\b|\bapproval\b|\bqualify\b",
        # "no cosigner" describes the customer's situation, it does not negate the topic
        r"\b(?:(?:no|without(?: a)?|don'?t have (?:a|any)) )?co[\s-]?sign\w*",
        r"\b(?:get|getting|be|been|got) (?:me |us |myself )?financed\b"
        r"|\bfinance (?:it|her|the \w+|this|that|through (?:you|u|y'?all)|with (?:you|u|y'?all))\b",
    ),
    (
        "credit history",
        r"\bbankrupt\w*|\brepo(?:ssession|ssessed|'?d)?\b|\bcollections\b|\bcharge[\s-]?offs?\b",
        r"\bfirst[\s-]time buyer\b|\bself[\s-]employed\b|\bno ssn\b|\bitin\b|\bno (?:job|income) verification\b",
    ),
    (
        "monthly payment",
        r"\bmonthly payments?\b|\bpayments? (?:be|would|will|on|of|around|under|for|at)\b",
        r"\bhow much (?:would|will|is|are) (?:my|the|a) (?:monthly )?payments?\b",
        r"\b\$?\d[\d,]*\s?(?:/\s?mo(?:nth)?|a month|per month|monthly)\b",
    ),
    (
        "loan terms",
        r"\b(?:loan|financing|finance) (?:terms|options|rates|term|length|specials?|offers?|deals?)\b",
        r"\b(?:36|48|60|72|84) (?:months?|mo)\b|\bloan term\b",
    ),
    (
        "lease terms",
        r"\blease (?:deals?|specials?|payments?|terms|offers?|price|rates?|options)\b|\bmoney factor\b",
        r"\bresidual\b|\blease buy[\s-]?out\b|\bhow much (?:to|would it be to|is it to) lease\b",
    ),
    (
        "negative equity",
        r"\bnegative equity\b|\bupside down\b|\bowe (?:more|\$|\d|too much)\b|\bstill owe\b",
        r"\bpay ?off (?:my|the) (?:loan|car|truck)\b",
    ),
)
_ANY_PRICE = _table(
    ("price question", r"\bprice[ds]?\b|\bpricing\b|\bhow much\b|\bcost\b|\bmsrp\b|\bsticker\b|\$\s?\d")
)
_TIME_URGENT = _table(
    (
        "",
        r"\b(?:today|tonight|right now|asap|a\.s\.a\.p|immediately|right away|this (?:afternoon|evening|morning))\b",
        r"\b(?:within the hour|in an hour|on my way|omw|urgent(?:ly)?|as soon as possible|by tonight)\b",
        r"\bin (?:\d+|a few|a couple(?: of)?) (?:hours?|hrs?|mins?|minutes)\b",
        r"\bbefore (?:you|u) close\b|\bneed (?:it|one) (?:now|fast|quick(?:ly)?)\b",
    ),
)
_BUYING = _table(
    (
        "",
        r"\b(?:buy|buying|purchase|purchasing|sign|signing|paperwork|take delivery)\b",
        r"\b(?:close the deal|make a deal|do the deal)\b",
        r"\bpick (?:it |her |him |one |them |the \w+ )?up\b|\bpickup\b|\btake (?:it|her|one|the \w+) home\b",
        r"\bdrive (?:it|her|one) (?:home|off)\b|\bdrive off\b",
        r"\bready to (?:buy|go|sign|roll|move|deal|pull the trigger|do this|make a deal)\b|\bdeposit\b",
        r"\bput (?:a )?(?:hold|deposit) on\b|\bhold (?:it|the \w+|that one|one) (?:for me|until)\b|\bcash in hand\b",
        r"\bneed (?:a|an|the|another|one)(?: new| used| reliable| good| cheap)? (?:car|truck|suv|van|vehicle|ride)\b",
        r"\b(?:come|coming|stop|stopping|swing|head|heading|drive|driving|be)\s+(?:in|by|down|over|there)\b",
        r"\btest[\s-]?drive\b|\bon my way\b|\bomw\b|\bwant (?:it|this one|that one|the \w+ one)\b",
    ),
)
_STRONG_PROFANITY = rx(
    r"(?<![a-z])(?:f[u\*@#]+c?k+(?:ing|in|ed|er|ers|s|face|head)?|f[\*#@]{2,}|fck\w*|fuk\w*|fkn|fking|effing",
    r"motherf\w*|mofo|sh[i1!\*]+t(?:ty|s|show|head)?|bullsh[i1!\*]+t|bs|b[i1!\*]tch\w*|a[s\$\*]{2}holes?|dumbass",
    r"jackass|wtf|stfu|gtfo|dickheads?|dicks?|pos|screw (?:you|u|this|that|off)",
    r"piece of (?:crap|junk|garbage))(?![a-z])",
)
_ANGER = _table(
    (
        "anger",
        r"\b(?:angry|furious|pissed(?: off)?|livid|outraged|irate|enraged|fuming|infuriat\w*|mad as hell)\b",
        r"\b(?:i'?m|i am|so|really|very|getting|super) mad\b|\bfed up\b|\bsick and tired\b|\bhad (?:it|enough)\b",
        r"\bi'?m done\b|\blosing my patience\b",
    ),
    (
        "insult",
        r"\b(?:f[u\*]+c?k|screw|damn) (?:you|u|y'?all|this place|your dealership|off)\b|\bgo to hell\b|\bpiss off\b",
        r"\bshut up\b|\b(?:idiots?|morons?|clowns?|imbeciles?|incompetent)\b",
        r"\byou (?:people|guys) (?:suck|are (?:a joke|useless|pathetic|clowns|idiots))\b",
        r"\b(?:your|this) (?:dealership|company|service|team|place|store) "
        r"(?:sucks|is (?:a joke|garbage|trash|pathetic))\b",
    ),
)
_ANGRY_EMOJI = "😡🤬😠👿💢"
_COMPLAINT = _table(
    ("complaint", r"\bcomplain\w*|\bcomplaints?\b|\bgrievance\b|\bfile a report\b|\bunacceptable\b"),
    (
        "bad experience",
        r"\b(?:worst|terrible|horrible|awful|bad|poor|lousy|rude|disgusting|unprofessional) (?:service|experience",
        r"dealer(?:ship)?|customer service|communication|salesm[ae]n|sales ?(?:person|people|guy|rep|team)|staff",
        r"treatment)\b",
    ),
    (
        "misled",
        r"\b(?:you|u|y'?all|they|he|she|your (?:guys|salesman|salesperson|sales guy|rep|team|staff|people|dealership",
        r"website|ad))\s+(?:lied|lie|misled|ripped me off|scammed|cheated|tricked|never called|never responded",
        r"never got back|ghosted|hung up)\b",
    ),
    (
        "no response",
        r"\b(?:nobody|no one|noone|no1)\s+(?:has\s+)?(?:called|responded|got back|answered|returned|replied|contacted",
        r"reached out|followed up)\b|\bno (?:one|body) (?:ever )?(?:calls?|answers?) back\b",
        r"\bnever (?:heard back|got (?:a|any) (?:call|response|reply)|called (?:me )?back|responded|got back)\b",
        r"\b(?:still|been|i'?ve been|i am|i'?m) waiting\b[^.?!]{0,40}\b(?:days?|weeks?|hours?|call|response|reply",
        r"answer|back)\b",
    ),
    (
        "deceptive",
        r"\bbait[\s-]and[\s-]switch\b|\bfalse(?:ly)? advertis\w*|\bscam\w*|\brip[\s-]?off\b|\bripped (?:me )?off\b",
        r"\bmisleading\b|\bdishonest\b|\bshady\b|\bfraud\w*|\bdeceptive\b|\bhidden (?:fees|charges)\b",
    ),
    (
        "defect after sale",
        r"\b(?:broke|broken|breaking|broke down|died|stopped working|check engine light came on)\b[^.?!]{0,50}"
        r"\b(?:bought|purchased|just got|after|since|drove (?:it )?off|days? (?:later|after)|weeks? (?:later|after))\b",
        r"\b(?:bought|purchased|just got|picked up)\b[^.?!]{0,60}\b(?:check engine|engine light|warning light|broke",
        r"broken|died|stopped working|won'?t start|leak\w*|noise|problems?|issues?)\b",
        r"\b(?:sold|gave) (?:me|us) a (?:lemon|junk|piece of junk|bad car|broken)\b",
    ),
    (
        "problem after the sale",
        r"\b(?:you sold (?:me|us)|(?:i|we) bought (?:it|this|the \w+|a \w+|one)? ?(?:from you|here|there|last)"
        r"|(?:picked|got) it up|since (?:i|we) bought|after (?:i|we) (?:bought|picked)|when (?:i|we) (?:picked|got) it"
        r"|just bought|my new (?:\w+ )?(?:car|truck|suv|van)"
        r"|the (?:car|truck|suv|vehicle|one) (?:i|we) (?:bought|got))\b"
        r"[^.?!]{0,60}\b(?:problem|issue|broke|broken|dent|scratch|damage|leak|noise|light|won'?t start"
        r"|doesn'?t work|not working|stopped|died|smell|defect|missing|rattle|check engine|transmission|engine"
        r"|peel|crack|chip|rust|fad(?:ed|ing)|bubbl)\w*",
        r"\b(?:problem|issue|dent|scratch|damage|leak|noise|rattle|defect|smell|burning|vibrat|shak|overheat"
        r"|warning|peel|crack|chip|rust|bubbl)\w*\b[^.?!]{0,60}"
        r"\b(?:when (?:i|we) (?:picked|got|bought)|since (?:i|we) bought|after (?:i|we) bought|you sold"
        r"|after (?:the |my )?(?:purchase|purchasing|buying|delivery|pick[\s-]?up))\b",
        r"\bfile (?:a )?(?:claim|complaint|report|dispute)\b|\bown up to\b",
        r"\b(?:you|your (?:service|shop|techs?|mechanics?|guys|dept|department|people)|service dept|they)\b"
        r"[^.?!]{0,25}\b(?:damaged|scratched|dented|broke|lost|ruined|messed up)\b",
    ),
    (
        "conflicting information",
        r"\b(?:price|pricing|number|quote|payment)\b[^.?!]{0,40}\b(?:doesn'?t|does not|didn'?t|did not|not) match\b",
        r"\b(?:different|higher|more) (?:than|from) (?:what|the)\b[^.?!]{0,20}\b(?:advertised|listed|online|quoted|told"
        r"|said|promised)\b",
        r"\b(?:quoted|told|promised) (?:me|us)\b[^.?!]{0,40}\b(?:and now|but now|now it'?s|but|yet)\b",
        r"\bwhat (?:the|your|that) (?:salesman|salesperson|sales guy|sales rep|rep|manager|guy|lady) "
        r"(?:told|said|quoted"
        r"|promised)\b",
    ),
    (
        "frustration",
        r"\b(?:seriously|are you (?:kidding|serious)|you'?re kidding|come on|unbelievable|really)\s*\?{2,}",
        r"\bnobody (?:could|would|bothered to|even|ever|can)\b|\bno one (?:could|would|bothered to|even|can)\b",
        r"\bdrove (?:all the way|(?:\d+|an?|two|three|over an?) (?:hours?|hrs?|miles))\b[^.?!]{0,60}"
        r"\b(?:wasn'?t|was not|not|gone|sold|nobody|for nothing)\b",
    ),
    (
        "refund",
        r"\brefund\b|\bmoney back\b|\bcancel (?:the|my) (?:deal|purchase|contract)\b|\bundo the deal\b",
        r"\breturn the (?:car|truck|vehicle)\b",
    ),
    (
        "frustration",
        r"\bwaste(?:d)? (?:of )?(?:my )?time\b|\bwasting my time\b|\bridiculous\b|\bdisappoint\w*|\bdissatisfied\b",
        r"\bunhappy\b|\bnot happy\b|\bfrustrat\w*",
        r"\b(?:same|canned|generic|automated|robotic|copy[\s-]?paste\w*) (?:answers?|responses?|replies|messages?)\b",
    ),
    (
        "broken promise",
        r"\b(?:was|were) (?:told|promised|quoted|guaranteed)\b[^.?!]{0,60}\b(?:but|now|and then|yet|turns out",
        r"instead)\b|\bdidn'?t (?:honor|keep|deliver)\b|\bwent back on\b|\bchanged the (?:price|deal|numbers)\b",
        r"\bcharged (?:me|us) (?:for|twice|extra|more)\b",
    ),
)

_LEGAL_WORDS = (
    "lawyer",
    "attorney",
    "attorney general",
    "lawsuit",
    "legal action",
    "small claims",
    "bbb",
    "better business bureau",
    "lemon law",
    "consumer protection",
    "ftc",
    "class action",
    "litigation",
    "sue you",
    "sue u",
    "sue y'all",
    "sue the dealership",
    "sue your",
    "suing",
    "sued",
    "take you to court",
    "see you in court",
    "report you",
    "without permission",
    "without my permission",
    "without my consent",
    "without consent",
    "privacy",
    "personal information",
    "sold my info",
    "sold my information",
    "identity theft",
    "discrimination",
    "discriminated",
    "harassment",
    "harassing",
)
_RECALL_PATTERN = (
    r"\brecall(?:s|ed)?\b(?!\s+(?:the|what|which|how|if|that|exactly|correctly|seeing|him|her|it|you|when|who|where))"
    r"|\bsafety (?:issue|defect|notice|campaign)\b|\bnhtsa\b"
)
_TECH_PATTERN = (
    r"\b(?:link|website|site|page|app|form|application|portal|chat|button|pictures?|photos?|images?|video)\b[^.?!]{0,30}"
    r"\b(?:broken|not working|doesn'?t work|does not work|won'?t (?:load|work|open|submit)|isn'?t working|is down|"
    r"error|glitch\w*|crash\w*|freez\w*|keeps? (?:failing|crashing|loading))\b"
    r"|\b(?:can'?t|cannot|unable to|couldn'?t) (?:submit|log ?in|sign ?in|upload|open the (?:link|page|form)|load)\b"
    r"|\berror (?:message|code|page)\b|\b404\b"
)


def _buying(lower: str) -> str | None:
    return _first(_BUYING, lower)


def urgency_score(text: str, u: Understanding | None = None) -> float:
    """0..1: 'today / right now / asap' (0.6) together with a buying signal (0.4); service talk is never urgent."""
    lower = clean(text).lower()
    u = u or understand(text)
    if u.primary in ("service", "hours_location") and not _buying(lower):
        return 0.0
    score = 0.6 if _first(_TIME_URGENT, lower) else 0.0
    if _buying(lower):
        score += 0.4
    if u.slots.timeline in ("asap", "today") and score < 0.6:
        score += 0.3
    return min(1.0, score)


# --------------------------------------------------------------------------------------------------------------
# Custom detectors (condition type "custom", value = the detector's name)


def _detect_profanity(ctx: _Context) -> str | None:
    m = _STRONG_PROFANITY.search(ctx.lower)
    return f'profanity "{m.group()}"' if m else None


def _detect_anger(ctx: _Context) -> str | None:
    found = _first(_ANGER, ctx.lower)
    if found:
        return f'anger ("{found}")' if found not in ("anger", "insult") else found
    if any(c in ctx.text for c in _ANGRY_EMOJI):
        return "angry emoji"
    shouted = [w for w in re.findall(r"\b[A-Z]{3,}\b", ctx.text) if w not in ACRONYMS]
    if len(shouted) >= 3 and ctx.u.sentiment < -0.2:
        return "shouting"
    if (ctx.text.count("!") >= 3 or "?!" in ctx.text or "!?" in ctx.text) and ctx.u.sentiment <= -0.4:
        return "exclamations with negative sentiment"
    return None


_READY = _table(
    (
        "ready to buy",
        r"\bready to (?:buy|purchase|sign|pull the trigger|make a deal|move forward|do this|do the deal)\b",
        r"\b(?:put|place|leave|make|send) (?:a |down a )?(?:\$?\d[\d,]*\s)?(?:deposit|hold)\b",
        r"\bhold (?:it|the \w+|that one|this one) for me\b",
        r"\bi'?ll take (?:it|her|the \w+|that one|this one)\b|\blet'?s do (?:it|this|the deal)\b",
        r"\bhow (?:do|can) i (?:buy|purchase|reserve|secure|put a deposit|put a hold)\b",
        r"\bwant to (?:buy|purchase|reserve) (?:it|her|the \w+|this one|that one)\b",
        r"\bsign (?:the )?(?:papers|paperwork|contract)\b",
    ),
)


def _detect_ready_to_buy(ctx: _Context) -> str | None:
    return _first(_READY, ctx.lower)


# A complaint reported about others ("a review that complained", "people say it's a scam") is hearsay.
_HEARSAY = re.compile(
    r"\b(?:reviews?|people|others|folks|customers|someone|somebody|everyone|everybody|a (?:friend|buddy|neighbou?r"
    r"|coworker|co-worker))\s+(?:(?:that|who|have|had|has|were|was|kept|always|often|also|all|mostly|online|said"
    r"|say|says|saying)\s+){0,3}$"
)


def _detect_complaint(ctx: _Context) -> str | None:
    for label, pattern in _COMPLAINT:
        for m in pattern.finditer(ctx.lower):
            if is_negated(ctx.lower, m.start()):
                continue
            clause = re.split(r"[.!?;,]|\bbut\b", ctx.lower[: m.start()])[-1]
            if _HEARSAY.search(clause):
                continue
            return label or m.group().strip()
    return None


def _detect_bot_question(ctx: _Context) -> str | None:
    return "asked whether they are talking to a bot" if ctx.u.asks_if_bot else None


def _detect_opt_out(ctx: _Context) -> str | None:
    return "opted out" if ctx.u.is_opt_out or ctx.u.primary == "stop" else None


def _detect_legal(ctx: _Context) -> str | None:
    for word in _LEGAL_WORDS:
        if _keyword_hit(ctx.index, word):
            return f'legal term "{word}"'
    return None


CUSTOM_DETECTORS: dict[str, Callable[[_Context], str | None]] = {
    "profanity": _detect_profanity,
    "anger": _detect_anger,
    "complaint": _detect_complaint,
    "bot_question": _detect_bot_question,
    "opt_out": _detect_opt_out,
    "legal": _detect_legal,
    "ready_to_buy": _detect_ready_to_buy,
}


# --------------------------------------------------------------------------------------------------------------
# Condition types


# Everyday words one typo away from common trigger keywords ("layer" / lawyer, "using" / suing): never a typo.
_REAL_WORDS = words(
    "layer layers player prayer later latter lower lawn using suite suits sure cause count counts courts manger "
    "danger ranger anger hanger refine refined recall recalled retail detail attorneys legally legal illegal "
    "private primary prices priced pricey report reports resort support complain complained compliant "
    "lender tender bender slender fraught freud frau harass harassed"
)


def _word_matches(word: str, wanted: str) -> bool:
    """Same word, a plural, or one typo (two in long words) that is not itself an everyday word."""
    if word == wanted or word in (wanted + "s", wanted + "es", wanted + "'s"):
        return True
    if len(wanted) < 6 or len(word) < 5 or word[:1] != wanted[:1] or not word.isalpha() or word in _REAL_WORDS:
        return False
    limit = 2 if len(wanted) >= 9 else 1
    return edit_distance(word, wanted, limit) <= limit


@lru_cache(maxsize=4096)
def _keyword_words(keyword: str) -> tuple[tuple[str, ...], str]:
    return tuple(TOKEN_RE.findall(clean(keyword).lower())), squash(keyword)


def _keyword_hit(index: _Words, keyword: str) -> bool:
    """Whole-word, case-insensitive, tolerant of plurals and one typo (two for long words)."""
    wanted, joined = _keyword_words(keyword)
    if not wanted:
        return False
    words = index.words
    for i in index.starts(wanted[0]):
        if i + len(wanted) <= len(words) and all(_word_matches(words[i + k], w) for k, w in enumerate(wanted)):
            return True
    return len(wanted) == 1 and joined in index.glued  # "b b b", "lemon-law" written apart


def as_list(value: Any) -> list[str]:
    """A condition value or config entry that may be one string or a list of them, as a list of strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []


def _keyword(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    for keyword in as_list(cond.get("value")):
        if _keyword_hit(ctx.index, keyword):
            return f'keyword "{keyword}"'
    return None


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _regex_condition(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    pattern = cond.get("value")
    if not isinstance(pattern, str):
        return None
    m = _regex(pattern).search(ctx.text)
    return f'pattern "{m.group().strip()}"' if m else None


def _sentiment(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    threshold = float(cond.get("threshold", -0.5))
    score = ctx.u.sentiment
    if cond.get("value") == "positive":
        return f"sentiment {score:+.2f} (at or above {threshold:+.2f})" if score >= threshold else None
    return f"sentiment {score:+.2f} (at or below {threshold:+.2f})" if score <= threshold else None


def _urgency(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    threshold = float(cond.get("threshold", 0.7))
    score = urgency_score(ctx.text, ctx.u)
    extra = as_list(cond.get("value"))
    if extra and any(_keyword_hit(ctx.index, word) for word in extra) and _buying(ctx.lower):
        score = max(score, 1.0)
    if score >= threshold:
        when = _first(_TIME_URGENT, ctx.lower, negatable=False) or "urgent"
        return f'wants to buy now ("{when}")'
    return None


_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "do",
        "does",
        "did",
        "you",
        "u",
        "your",
        "ur",
        "i",
        "me",
        "my",
        "we",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "of",
        "to",
        "in",
        "on",
        "for",
        "at",
        "and",
        "or",
        "but",
        "so",
        "any",
        "anything",
        "still",
        "just",
        "can",
        "could",
        "would",
        "will",
        "what",
        "when",
        "where",
        "which",
        "how",
        "who",
        "there",
        "here",
        "have",
        "has",
        "got",
        "get",
        "please",
        "pls",
        "hi",
        "hey",
        "hello",
        "ok",
        "okay",
        "yes",
        "no",
        "again",
    ]
)


def _content(text: str) -> set[str]:
    words = TOKEN_RE.findall(clean(text).lower())
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOPWORDS}


def _similar(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    return min(len(a), len(b)) >= 2 and len(a & b) / len(a | b) >= 0.5


_SELF_REPEAT = _table(
    (
        "says they asked before",
        r"\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|\d+(?:st|nd|rd|th)) time (?:i'?m |i am |i'?ve |i have |im )?"
        r"(?:ask|asked|asking|tried|trying|reaching out|messaging|texting|emailing|requesting)\b",
        r"\b(?:asked|told you|said|requested|mentioned) (?:this |that |it |you )?"
        r"(?:twice|already|before|again|\d+ times"
        r"|two times|three times|multiple times|several times|many times|a bunch of times)\b",
        r"\bi (?:already|just) (?:asked|told you|said)\b|\b(?:asking|ask) (?:you )?again\b",
        r"\bfor the (?:last|third) time\b",
        r"\byou (?:didn'?t|did not|never|still haven'?t) (?:answer|respond|reply|tell me)\b|\bnot what i asked\b",
    ),
)


def _repeated(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    threshold = int(cond.get("threshold", 2))
    said = _first(_SELF_REPEAT, ctx.lower)
    if said:
        return said
    if not is_question(ctx.text):
        return None
    current = _content(ctx.text)
    earlier = [t.text for t in list(ctx.history)[-RECENT_TURNS:] if t.sender == "customer" and is_question(t.text)]
    count = 1 + sum(_similar(current, _content(text)) for text in earlier)
    return f"same question asked {count} times" if count >= threshold else None


def _message_count(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    threshold = int(cond.get("threshold", 20))
    count = 1 + sum(1 for t in ctx.history if t.sender == "customer")
    return f"{count} customer messages" if count >= threshold else None


def _human(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    return "asked for a person" if ctx.u.wants_human else None


def _pricing(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    scope = cond.get("value") or "negotiation"
    tables = {
        "negotiation": (_NEGOTIATION,),
        "financing": (_FINANCING,),
        "any": (_NEGOTIATION, _FINANCING, _ANY_PRICE),
    }.get(scope, ())
    for table in tables:
        found = _first(table, ctx.lower)
        if found:
            return found
    if scope in ("financing", "any") and (ctx.u.slots.monthly_budget_cents or ctx.u.slots.down_payment_cents):
        return "monthly payment"
    return None


def _custom(ctx: _Context, cond: Mapping[str, Any]) -> str | None:
    detector = CUSTOM_DETECTORS.get(str(cond.get("value")))
    return detector(ctx) if detector else None


_EVALUATORS: dict[str, Callable[[_Context, Mapping[str, Any]], str | None]] = {
    "keyword": _keyword,
    "regex": _regex_condition,
    "sentiment": _sentiment,
    "urgency": _urgency,
    "repeated_questions": _repeated,
    "message_count": _message_count,
    "human_request": _human,
    "pricing": _pricing,
    "custom": _custom,
}


# --------------------------------------------------------------------------------------------------------------
# Validation


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _validate_one(index: int, cond: Any) -> list[str]:
    where = f"condition {index + 1}"
    if not isinstance(cond, Mapping):
        return [f"{where}: must be an object with type, value and threshold"]
    errors = [f"{where}: unknown key {key!r}" for key in cond if key not in ("type", "value", "threshold")]
    kind = cond.get("type")
    if kind not in CONDITION_TYPES:
        return [*errors, f"{where}: unknown type {kind!r} (expected one of {', '.join(CONDITION_TYPES)})"]
    value, threshold = cond.get("value"), cond.get("threshold")
    if threshold is not None and not _is_number(threshold):
        return [*errors, f"{where}: threshold must be a number"]
    check = _VALIDATORS[str(kind)]
    return errors + [f"{where} ({kind}): {message}" for message in check(value, threshold)]


def _check_keyword(value: Any, threshold: Any) -> list[str]:
    words = value if isinstance(value, list) else [value]
    if not words or not all(isinstance(w, str) and w.strip() for w in words):
        return ["value must be a non-empty string or a list of non-empty strings"]
    if len(words) > MAX_KEYWORDS:
        return [f"at most {MAX_KEYWORDS} keywords"]
    return [f"keyword {w!r} is longer than 100 characters" for w in words if len(w) > 100]


def _check_regex(value: Any, threshold: Any) -> list[str]:
    if not isinstance(value, str) or not value:
        return ["value must be a non-empty regular expression"]
    if len(value) > MAX_REGEX_LENGTH:
        return [f"the pattern is longer than {MAX_REGEX_LENGTH} characters"]
    if re.search(r"\([^)]*[+*][^)]*\)[+*{]", value):
        return ["nested repetition (like (a+)+) can take forever; simplify the pattern"]
    try:
        re.compile(value)
    except re.error as exc:
        return [f"invalid regular expression: {exc}"]
    return []


def _check_sentiment(value: Any, threshold: Any) -> list[str]:
    errors = []
    if threshold is None:
        errors.append("threshold is required (-1..1, e.g. -0.5)")
    elif not -1 <= threshold <= 1:
        errors.append("threshold must be between -1 and 1")
    if value not in (None, "negative", "positive"):
        errors.append("value must be 'negative' (at or below the threshold) or 'positive'")
    return errors


def _check_urgency(value: Any, threshold: Any) -> list[str]:
    errors = [] if threshold is None or 0 <= threshold <= 1 else ["threshold must be between 0 and 1"]
    if value is not None and not as_list(value):
        errors.append("value must be a word or a list of extra urgency words")
    return errors


def _check_repeated(value: Any, threshold: Any) -> list[str]:
    if threshold is not None and (threshold != int(threshold) or not 2 <= threshold <= 20):
        return ["threshold must be a whole number between 2 and 20"]
    return []


def _check_count(value: Any, threshold: Any) -> list[str]:
    if threshold is None:
        return ["threshold is required (a number of customer messages)"]
    if threshold != int(threshold) or not 1 <= threshold <= 1000:
        return ["threshold must be a whole number between 1 and 1000"]
    return []


def _check_nothing(value: Any, threshold: Any) -> list[str]:
    return []


def _check_pricing(value: Any, threshold: Any) -> list[str]:
    if value is not None and value not in PRICING_SCOPES:
        return [f"value must be one of {', '.join(PRICING_SCOPES)}"]
    return []


def _check_custom(value: Any, threshold: Any) -> list[str]:
    if value not in CUSTOM_DETECTORS:
        return [f"value must name a detector: {', '.join(CUSTOM_DETECTORS)}"]
    return []


_VALIDATORS: dict[str, Callable[[Any, Any], list[str]]] = {
    "keyword": _check_keyword,
    "regex": _check_regex,
    "sentiment": _check_sentiment,
    "urgency": _check_urgency,
    "repeated_questions": _check_repeated,
    "message_count": _check_count,
    "human_request": _check_nothing,
    "pricing": _check_pricing,
    "custom": _check_custom,
}


def validate_conditions(conditions: list[dict[str, Any]]) -> list[str]:
    """Error messages for an `escalation_triggers.conditions` array; [] when it is valid."""
    if not isinstance(conditions, list):
        return ["conditions must be a list"]
    if not conditions:
        return ["at least one condition is required"]
    errors: list[str] = []
    for index, cond in enumerate(conditions):
        errors.extend(_validate_one(index, cond))
    return errors


def validate_trigger(spec: TriggerSpec) -> list[str]:
    """validate_conditions plus match mode, action and action config."""
    errors = validate_conditions(spec.conditions)
    if spec.match_mode not in MATCH_MODES:
        errors.append(f"match_mode must be one of {', '.join(MATCH_MODES)}")
    if spec.action not in ACTIONS:
        errors.append(f"action must be one of {', '.join(ACTIONS)}")
    config = spec.action_config
    if spec.action == "handover" and config.get("reason", "other") not in REASONS:
        errors.append(f"action_config.reason must be one of {', '.join(REASONS)}")
    if spec.action == "handover" and config.get("urgency", "medium") not in URGENCIES:
        errors.append(f"action_config.urgency must be one of {', '.join(URGENCIES)}")
    if spec.action == "notify" and not as_list(config.get("emails")):
        errors.append("action_config.emails must list at least one address")
    if spec.action == "tag" and not (isinstance(config.get("tag"), str) and config["tag"].strip()):
        errors.append("action_config.tag must be a non-empty string")
    return errors


# --------------------------------------------------------------------------------------------------------------
# Evaluation


def _matches(spec: TriggerSpec, ctx: _Context) -> list[str] | None:
    if not spec.conditions or spec.problems:
        return None  # an invalid trigger never fires (and never crashes the pipeline)
    reasons: list[str] = []
    for cond in spec.conditions:
        reason = _EVALUATORS[cond["type"]](ctx, cond)
        if reason is None and spec.match_mode != "any":
            return None
        if reason is not None:
            reasons.append(reason)
    return reasons or None


def evaluate(
    triggers: Sequence[TriggerSpec],
    text: str,
    history: Sequence[Turn] = (),
    understanding: Understanding | None = None,
) -> TriggerMatch | None:
    """The first trigger (lowest priority number; ties keep their order) whose conditions match, or None."""
    cleaned = clean(text)
    lower = cleaned.lower()
    ctx = _Context(
        text=cleaned,
        lower=lower,
        words=TOKEN_RE.findall(lower),
        u=understanding or understand(cleaned, history=history),
        history=history,
    )
    for spec in sorted(triggers, key=lambda s: s.priority):
        reasons = _matches(spec, ctx)
        if reasons:
            return TriggerMatch(spec, reasons)
    return None


def _handover(reason: str, urgency: str) -> dict[str, Any]:
    return {"reason": reason, "urgency": urgency}


DEFAULT_TRIGGERS: list[dict[str, Any]] = [
    {
        "name": "Customer asks for a person",
        "description": "An explicit request to talk to a human, a manager or a salesperson, or to be called.",
        "conditions": [{"type": "human_request"}],
        "match_mode": "any",
        "priority": 10,
        "action": "handover",
        "action_config": _handover("customer_request", "high"),
    },
    {
        "name": "Legal or compliance",
        "description": "Lawyers, lawsuits, the BBB, lemon law... unless the message is plainly friendly.",
        "conditions": [
            {"type": "keyword", "value": list(_LEGAL_WORDS)},
            {"type": "sentiment", "value": "negative", "threshold": 0.2},
        ],
        "match_mode": "all",
        "priority": 20,
        "action": "handover",
        "action_config": _handover("policy_escalation", "urgent"),
    },
    {
        "name": "Safety recall",
        "description": "Recalls and safety defects: only a person gives authoritative answers.",
        "conditions": [
            {"type": "regex", "value": _RECALL_PATTERN},
            {"type": "sentiment", "value": "negative", "threshold": 0.2},
        ],
        "match_mode": "all",
        "priority": 25,
        "action": "handover",
        "action_config": _handover("policy_escalation", "high"),
    },
    {
        "name": "Anger or abuse",
        "description": "Angry words, insults, angry emoji or shouting.",
        "conditions": [{"type": "custom", "value": "anger"}],
        "match_mode": "any",
        "priority": 30,
        "action": "handover",
        "action_config": _handover("other", "high"),
    },
    {
        "name": "Profanity",
        "description": "Strong language that is not plainly enthusiastic.",
        "conditions": [
            {"type": "custom", "value": "profanity"},
            {"type": "sentiment", "value": "negative", "threshold": 0.1},
        ],
        "match_mode": "all",
        "priority": 35,
        "action": "handover",
        "action_config": _handover("other", "high"),
    },
    {
        "name": "Complaint",
        "description": "Complaints about service, broken promises, no call back, deceptive practices, refunds.",
        "conditions": [{"type": "custom", "value": "complaint"}],
        "match_mode": "any",
        "priority": 40,
        "action": "handover",
        "action_config": _handover("other", "high"),
    },
    {
        "name": "Very negative sentiment",
        "description": "The customer is clearly unhappy.",
        "conditions": [{"type": "sentiment", "value": "negative", "threshold": -0.5}],
        "match_mode": "all",
        "priority": 50,
        "action": "handover",
        "action_config": _handover("other", "medium"),
    },
    {
        "name": "Same question asked again",
        "description": "The customer repeats a question: the AI's answer did not help.",
        "conditions": [{"type": "repeated_questions", "threshold": 2}],
        "match_mode": "all",
        "priority": 60,
        "action": "handover",
        "action_config": _handover("ai_limitation", "medium"),
    },
    {
        "name": "Price negotiation",
        "description": "Best price, out-the-door numbers, counter-offers, price matching, discounts and fees.",
        "conditions": [{"type": "pricing", "value": "negotiation"}],
        "match_mode": "all",
        "priority": 70,
        "action": "handover",
        "action_config": _handover("pricing_negotiation", "medium"),
    },
    {
        "name": "Financing and credit",
        "description": "Credit, rates, down payments, approvals, monthly payments and lease terms.",
        "conditions": [{"type": "pricing", "value": "financing"}],
        "match_mode": "all",
        "priority": 80,
        "action": "handover",
        "action_config": _handover("complex_inquiry", "medium"),
    },
    {
        "name": "Website or technical problem",
        "description": "A broken link, form or page.",
        "conditions": [{"type": "regex", "value": _TECH_PATTERN}],
        "match_mode": "all",
        "priority": 85,
        "action": "handover",
        "action_config": _handover("technical_issue", "medium"),
    },
    {
        "name": "Ready to buy now",
        "description": "A commitment (deposit, 'I'll take it'), or today / right now together with a buying signal.",
        "conditions": [{"type": "urgency", "threshold": 0.7}, {"type": "custom", "value": "ready_to_buy"}],
        "match_mode": "any",
        "priority": 90,
        "action": "handover",
        "action_config": _handover("customer_request", "urgent"),
    },
    {
        "name": "Long conversation",
        "description": "Tags conversations that run long, for review.",
        "conditions": [{"type": "message_count", "threshold": 20}],
        "match_mode": "all",
        "priority": 200,
        "action": "tag",
        "action_config": {"tag": "long_conversation"},
    },
]


@lru_cache(maxsize=1)
def default_specs() -> tuple[TriggerSpec, ...]:
    return tuple(TriggerSpec.from_dict(data) for data in DEFAULT_TRIGGERS)


def needs_human(text: str, history: Sequence[Turn] = ()) -> bool:
    """Would the default handover triggers stop the AI on this message?"""
    handovers = [spec for spec in default_specs() if spec.action == "handover"]
    return evaluate(handovers, text, history) is not None
