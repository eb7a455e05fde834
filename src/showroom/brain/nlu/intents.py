"""Intents from weighted rules (and replies to the AI's last question), and `understand`, the entry point
that puts intents, slots, sentiment and flags together.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from showroom.brain.nlu.flags import _OPT_OUT_RE, _RESUME_RE, asks_if_bot, is_question, wants_human
from showroom.brain.nlu.language import detect_language
from showroom.brain.nlu.sentiment import sentiment
from showroom.brain.nlu.slots import extract_slots
from showroom.brain.nlu.spelling import correct
from showroom.brain.nlu.text import clean, is_negated, rx, words
from showroom.brain.nlu.understanding import INTENTS, Slots, Understanding
from showroom.brain.nlu.vehicles import Catalog
from showroom.brain.nlu.when import find_time_request
from showroom.brain.types import Turn
from showroom.vocabulary import Language, Sender

_YOU = r"(?:you|u|ya|y'?all|ya'?ll|you guys|u guys|you all|your dealership|they|the dealership)"
_IT = r"(?:it|they|that|this|that one|this one|the \w+|the \w+ one)"
# Taking time to decide ("ill think about it", "let me talk to my wife"): a close, not a question to answer again.
DEFERRAL = rx(
    r"\b(?:i'?ll|ill|i will|let me|lemme|gonna|going to|i need to|i have to|need to|have to|i want to|i wanna)"
    r" (?:think (?:about it|it over|on it|about that)|sleep on it|mull it over|run it by"
    r"|talk (?:it over |about it )?(?:to|with) (?:(?:my|the) (?:wife|husband|partner|spouse|family|parents|dad|mom|son"
    r"|daughter|kids?|boss|bank|girlfriend|boyfriend)|him|her|them))\b",
    # "i'll circle back in march", "not ready yet, i'll reach out": the customer will come back, nobody is needed now
    r"\b(?:i'?ll|ill|i will|we'?ll|we will) (?:circle back|reach (?:back )?out|get back (?:to|with) (?:you|u|ya)"
    r"|let (?:you|u|ya) know|be in touch|hit (?:you|u|ya) up|touch base)\b"
    r"|\b(?:not|aren'?t|am not|are not) ready (?:yet|to (?:buy|pull the trigger|commit))\b",
    r"\b(?:lo voy a pensar|d[eé]jeme pensarlo|lo pienso|lo platico con mi (?:esposa|esposo|familia))\b"
    r"|\btodav[ií]a no estoy list[oa]\b|\b(?:le|les) (?:aviso|escribo|llamo) (?:despu[eé]s|luego|m[aá]s adelante)\b",
)
_RULES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("availability", 2.0, rx(rf"\b(?:do|does|did)\s+{_YOU}\s+(?:still\s+)?(?:have|got|carry|stock|sell|get|has)\b")),
    (
        "availability",
        2.0,
        rx(
            r"\b(?:is|are|was)\s+(?:it|they|that|this|the|those|these|there)\b[^.?!]{0,50}\b(?:still )?"
            r"(?:available|avail|in stock|for sale|on the lot|around|sold|gone|left)\b",
            # "is it still there"; not "u still there?" (is anyone reading)
            r"(?<!\byou )(?<!\bu )(?<!\bya )\bstill\s+(?:available|avail|for sale|there|have (?:it|that|one|them)"
            r"|got (?:it|that|one)|in stock)\b",
            r"\bstill\s+(?:around|on the lot)\b",
            # "is it really there", "the white sx sold yesterday??": whether the car is there, not its colour
            r"\bis (?:it|she|that one|this one) (?:really|actually|even) (?:there|available|on the lot)\b"
            r"|\b(?:sold|got sold|was sold) (?:yesterday|already|today|last week)\b",
        ),
    ),
    ("availability", 1.5, rx(r"\b(?:in stock|on (?:the|your) lot|on hand|availability)\b")),
    ("availability", 1.5, rx(r"\bany\s+(?:\w+\s+){0,3}(?:available|in stock|on the lot|left|coming in)\b")),
    (
        "availability",
        1.0,
        rx(r"^(?:u |you )?(?:got|have|has)\s+(?:any|a|an|the)\b|\bavailable\b|\bis it (?:still )?there\b"),
    ),
    ("availability", 1.5, rx(r"\b(?:has|did) (?:it|that|the \w+) sell\b|\bbeen sold\b")),
    (
        "availability",
        2.0,
        rx(
            rf"\b(?:does|do|did)\s+{_IT}\s+(?:have|has|come with|include|got|offer)\b",
            rf"\b(?:is|are)\s+{_IT}\s+(?:an?\s+)?(?:awd|4wd|4x4|fwd|rwd|all[\s-]wheel|hybrid|electric|automatic)\b",
            rf"\b(?:is|are)\s+{_IT}\s+(?:an?\s+)?(?:manual|new|used|certified|leather|one owner)\b",
            r"\bwhat colou?r\b|\bhow many (?:miles|owners)\b|\bwhat(?:'s| is) the (?:mileage|trim|colou?r|mpg)\b",
        ),
    ),
    (
        "inventory_search",
        2.0,
        rx(r"\b(?:looking|searching|shopping|hunting|lookin)\s+(?:for|at|around for)\b|\bin the market for\b"),
    ),
    (
        "inventory_search",
        1.5,
        rx(
            r"\b(?:want|need|interested in|wanting|considering|thinking about|after|wanna get|want to (?:buy|get))\b"
            r"[^.?!]{0,30}\b(?:car|suv|truck|van|minivan|sedan|vehicle|ride|something|crossover|hatchback|coupe|"
            r"convertible|wagon|one)\b"
        ),
    ),
    (
        "inventory_search",
        1.5,
        rx(
            r"\bshow me\b|\bwhat (?:do you have|have you got|(?:\w+ )?(?:options|inventory|choices))\b|\boptions\b",
            r"\b(?:can|could|would|what do|which do|what would) (?:you|u) (?:recommend|suggest)\b",
            r"\brecommendations?\b|\bwhat'?s (?:in stock|available|on the lot)\b|\binventory\b|\bselection\b",
        ),
    ),
    (
        "trade_in",
        2.5,
        rx(
            r"\btrad(?:e|es|ing|ed)\b|\btrade-?ins?\b|\btradein\b",
            r"\bwhat (?:would|will|could|can) (?:you|u|y'?all) (?:give|offer|pay) (?:me )?for (?:it|her|him|mine|my)\b",
            # "so what would u give me", "cuanto me dan por el": the trade-in's value, asked alone
            r"\bwhat (?:would|will|could|can) (?:you|u|y'?all) (?:give|offer) (?:me|us)\W*$",
            r"\bcu[aá]nto me (?:dan|dar[ií]an|ofrecen|pagan)\b",
        ),
    ),
    (
        "trade_in",
        2.0,
        rx(
            r"\bsell(?:ing)?\s+(?:you\s+)?(?:my|our)\b|\b(?:pay|give|offer) (?:me |us )?for (?:my|our)\b",
            r"\bhow much (?:would|will|can|could) (?:you|u) (?:give|offer|pay)\b|\bbuy my (?:car|truck|vehicle)\b",
            # "i have a 2016 civic with 90k miles, what can i get for it"
            r"\bwhat (?:can|could|would|will) (?:i|we) get for (?:it|my|her|him|that)\b",
            r"\bhow much (?:is|would) (?:it|my)\b[^.?!]{0,25}\b(?:get|bring|fetch)\b",
        ),
    ),
    (
        "trade_in",
        1.5,
        rx(
            r"\bwhat(?:'s| is| would| will)\b[^.?!]{0,30}\bworth\b|\bapprais\w*|\bkbb\b|\bkelley blue book\b",
            r"\bblue book\b|\bvalue (?:my|of my)\b|\bnegative equity\b|\bupside down\b|\bowe\b|\bpayoff\b",
        ),
    ),
    (
        "financing",
        2.0,
        rx(
            r"\bfinanc\w*|\bcredit\b|\bloans?\b|\bdown ?payment\b|\bpre[\s-]?approv\w*|\bapproved\b|\bapproval\b",
            r"\bco[\s-]?sign\w*|\bcosign\w*|\bbankrupt\w*|\brepo(?:ssession|ssessed|'d)?\b",
        ),
    ),
    (
        "financing",
        1.5,
        rx(
            r"\bapr\b|\binterest rates?\b|\brates?\b|\blenders?\b|\bbanks?\b|\bcredit union\b|\bmonthly\b",
            r"\bpayments?\b|\ba month\b|\bper month\b|/mo\b|\bmoney down\b|\bput (?:\$?[\d,]+k? )?down\b|\bqualify\b",
        ),
    ),
    (
        "financing",
        1.0,
        rx(r"\bpay(?:ing)? (?:in )?cash\b|\bcash (?:buyer|deal|purchase)\b|\boutside financing\b|\bmy own bank\b"),
    ),
    ("lease", 3.0, rx(r"\bleas(?:e|es|ed|ing)\b|\bmoney factor\b|\bresidual\b|\blease buyout\b")),
    (
        "test_drive",
        3.0,
        rx(
            r"\btest[\s-]?driv\w*|\btestdrive\b|\btest it out\b|\btake it for a (?:spin|drive|ride)\b",
            r"\btake (?:it|one) out\b",
        ),
    ),
    (
        "test_drive",
        1.5,
        rx(
            # "does it come in white" asks a colour, not to come in
            r"\b(?:come|stop|swing|drop|head|go)\s+(?:in|by|down|over|out)\b(?!\s+(?:a\s+|any\s+|other\s+)?(?:white|black"
            r"|gr[ae]y|silver|red|blue|green|brown|beige|gold|orange|yellow|purple|burgundy|maroon|navy|tan|colou?rs?|awd"
            r"|4wd|hybrid|manual|automatic)\b)|\bin person\b|\bvisit\b",
            r"\b(?:see|look at|check out|view|sit in|drive)\s+(?:it|them|both|the \w+|one|that one|this one)\b",
            # "i can come look saturday", "could swing by tomorrow to see it": a visit on a day
            r"\b(?:come|stop|swing|drop|head)\s+(?:look|see|check|by|in)\b[^.?!]{0,25}\b(?:today|tonight|tomorrow|tmrw"
            r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|this weekend)\b",
            # "can i bring my trailer by wednesday", "ill bring my wife by": coming in, with someone or something
            r"\b(?:i|we|i'?ll|ill|we'?ll|i'?d|id|let me|gonna)\s+(?:\w+\s+)?bring\s+(?:\w+\s+){0,3}(?:by|in|over)\b",
            # "can i bring it tuesday", "ill bring the camry saturday", "i could do thursday": a day to come in
            r"\b(?:i|we|i'?ll|ill|we'?ll|let me|gonna)\s+(?:\w+\s+)?bring\s+(?:it|her|him|them|my \w+|the \w+)\s+"
            r"(?:on\s+|this\s+|next\s+)?(?:today|tonight|tomorrow|tmrw|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
            r"\b(?:i|we)\s+(?:can|could|'?ll|will)\s+(?:do|make)\s+(?:it\s+)?(?:on\s+|this\s+|next\s+)?"
            r"(?:today|tonight|tomorrow|tmrw|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
            # "me and my wife want to come thurs after work", "can we come down saturday"
            r"\b(?:come|stop|swing|drop|head|pop)(?:\s+(?:in|by|down|over|out|up|thru|through))?\s+(?:on\s+|this\s+|next\s+)?"
            r"(?:today|tonight|tonite|tomorrow|tmrw|tmr|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|weekend)\b",
        ),
    ),
    ("test_drive", 1.5, rx(r"\b(?:appointment|appt|schedule|book|reserve)\b")),
    # "k. sat?", "tmrw?", "how about saturday": a day said alone, to come in
    (
        "test_drive",
        2.0,
        rx(
            r"^\W*(?:(?:ok(?:ay)?|k|kk|cool|sure|great|alright|perfect|sounds good)\W+)?(?:(?:how|what) about |maybe |"
            r"(?:could|can) (?:i|we) do )?(?:this |next )?(?:today|tonight|tonite|tomorrow|tmrw|tmr|"
            r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)(?: (?:morning|afternoon|evening))?\W*$",
        ),
    ),
    (
        "test_drive",
        1.5,
        rx(
            r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b[^.?!]{0,15}\b\d{1,2}(?::\d\d)?\s*(?:am|pm)?\b",
            r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b",
        ),
    ),
    (
        "hours_location",
        2.0,
        rx(
            rf"\bhours\b|\bwhat time (?:do|does|are|is|will|r)\b|\b(?:are|r) {_YOU} open\b",
            r"\bopen (?:on|today|tomorrow|tonight|late|now|until|till|til|sunday|saturday|sundays|saturdays|sun|sat)\b",
            rf"\b(?:when|what time) (?:do|does|are) (?:{_YOU}|the \w+) (?:open|close)\b",
            r"\bclos(?:e|es|ing) time\b|\bopening time\b",
            # "what time yall close on saturday", "yall open both days?", "u open sunday"
            rf"\bwhat time (?:{_YOU} )?(?:open|close)\b|\b{_YOU} (?:open|closed)\b(?! (?:to|for|up|the|a)\b)",
        ),
    ),
    (
        "hours_location",
        2.5,
        rx(
            r"\bwhere (?:are|r|is) (?:you|u|y'?all|you guys|the dealership|your dealership|your lot|the lot|ur)\b",
            r"\blocated\b|\blocation\b|\baddress\b|\bdirections\b",
            r"\bhow (?:do|can) i (?:get|find) (?:there|to you|you)\b",
            r"\bhow far\b(?![^.?!]{0,30}\b(?:go|get|drive|travel)\b[^.?!]{0,12}\b(?:charge|battery|tank))"
            r"|\bwhere(?:'s| is) (?:the|your) (?:dealership|store|showroom)\b",
        ),
    ),
    ("hours_location", 1.0, rx(r"\bphone number\b|\bnumber to call\b|\bcontact info\b")),
    (
        "service",
        3.0,
        rx(
            r"\bservice (?:dept|department|center|centre|appointment|appt|advisor|writer|desk)\b",
            r"\boil change\b|\bmaintenance\b|\bcheck engine\b|\bengine light\b",
        ),
    ),
    (
        "service",
        1.5,
        rx(
            r"\b(?:repairs?|repaired|fix|fixed|brakes?|rotation|alignment|recalls?|inspection|diagnostic|noise)\b",
            r"\b(?:warranty (?:work|repair|claim)|leak(?:ing|s)?|parts (?:department|dept)|body shop|detailing)\b",
            r"\b(?:tune[\s-]?up|needs? (?:new )?tires)\b",
        ),
    ),
    ("service", 1.0, rx(r"\bservice\b")),
    (
        "price",
        2.0,
        rx(
            r"\bprice[ds]?\b|\bpricing\b|\bhow much\b|\bcosts?\b|\bmsrp\b|\bsticker\b|\basking price\b",
            r"\bwhat are (?:you|u) asking\b|\blisted (?:at|for)\b|\bwhat(?:'s| is) it going for\b",
        ),
    ),
    (
        "price",
        3.0,
        rx(
            r"\botd\b|\bout[\s-]?the[\s-]?door\b|\bbest (?:price|deal|offer|number)\b",
            r"\blowest\b(?!\s+(?:miles|mileage|mi\b))|\bnegotiat\w*",
            r"\bdiscount\w*|\bcheaper\b|\bcan (?:you|u|ya) (?:do|go|take|sell)\b[^.?!]{0,12}\$?\d",
            r"\bwould (?:you|u) (?:take|accept|do)\b[^.?!]{0,12}\$?\d|\bprice match\b|\brebates?\b|\bincentives?\b",
            r"\b(?:dealer|doc|documentation|admin) fees?\b|\bmark[\s-]?up\b|\bmarket adjustment\b|\bbottom line\b",
            r"\bwiggle room\b|\bdeals?\b",
        ),
    ),
    (
        "not_interested",
        4.0,
        rx(
            r"\bnot interested\b(?!\s+in\s+(?:a|an|the)?\s*\w)|\bno longer interested\b",
            r"\bno (?:thanks|thank you|thx|ty)\b",
            r"\bnot (?:looking|shopping|in the market) (?:anymore|any more|right now|now)\b",
            r"\bno longer (?:looking|shopping|need)\w*\b",
        ),
    ),
    (
        "not_interested",
        3.0,
        rx(
            r"\b(?:already )?(?:bought|purchased|got|found) (?:one|a car|a truck|a vehicle|something|a \w+)\b"
            r"[^.?!]{0,30}\b(?:elsewhere|already|another|different|other)\b",
            r"\balready (?:bought|purchased|got|found)\b",
            r"\b(?:bought|purchased)(?: (?:one|it|a car|a truck|a vehicle))? (?:elsewhere|somewhere else)\b",
            r"\b(?:went|going|go) with (?:another|a different|someone else)\b",
            r"\bchanged my mind\b|\bnot (?:going to|gonna) (?:buy|purchase|move forward)\b|\bdecided (?:not|against)\b",
            r"\bwe'?re good\b|\bi'?m good\b(?!\s+with)|\bpass\b",
        ),
    ),
    ("not_interested", 1.5, rx(r"\bnever ?mind\b|\bnvm\b|\bnot (?:right )?now\b|\bmaybe later\b|\bnot interested\b")),
    (
        "thanks",
        2.0,
        rx(
            r"\b(?:thanks|thank you|thank u|thanx|thnx|thx|ty|tysm|tyvm|much appreciated|cheers)\b",
            r"\bappreciate (?:it|you|that|the help|your help)\b",
            DEFERRAL.pattern,
        ),
    ),
    (
        "greeting",
        1.5,
        rx(
            r"^\W*(?:hi+|hello+|hey+|hiya|howdy|yo|good (?:morning|afternoon|evening)|greetings|sup|what'?s up)\b",
            r"^\W*(?:hola|morning|afternoon|evening)\b",
        ),
    ),
)
# Specifications, coverage and history a listing does not carry: the agent says what it knows and who confirms it.
_FACTS = rx(
    r"\bhow long (?:does it |will it |would it )?(?:take )?to (?:fully )?charge\b|\bcharg(?:e|ing) times?\b",
    # "can adults actually sit in the 3rd row", "how much room in the third row": its room, not a wish for one
    r"\b(?:adults?|grown[\s-]?ups?|tall|legroom|leg room|headroom|room|space|comfortable|cramped|fit)\b[^.?!]{0,30}"
    r"\b(?:3rd|third) row\b|\b(?:3rd|third) row\b[^.?!]{0,20}\b(?:legroom|room|space|comfortable|cramped|for adults)\b",
    # "would that even make 140 miles round trip in winter": its range
    r"\b(?:would|will|can|could|does|do) (?:it|that|she|this|the \w+)(?: even| really| actually)?"
    r" (?:make|do|handle|go|get)(?: me)?\s+\d[\d,]*\s*(?:mi|miles)\b",
    # "range?", "towing?", "and the mpg": a one-word follow-up about the car under discussion
    r"^\W*(?:(?:and|so|ok|what about|how about|what'?s|whats)\s+)?(?:the\s+|its\s+)?(?:range|towing|tow capacity"
    r"|towing capacity|tow rating|cargo(?: space| room)?|engine|horsepower|hp|mpg|gas mileage|warranty"
    r"|autonom[ií]a|garant[ií]a)\s*\??\s*$",
    # "ionic 6 range?", "tucson hybrid mpg?": the model's figure, asked after its name
    r"\b(?:range|mpg|gas mileage|towing|tow rating|towing capacity)\s*\?+\W*$",
    # "what's the range", "range on that vs the ioniq 5"; not "range kinda scares me, what EVs do u have"
    r"\b(?:(?:the|how much|how'?s the|its|it'?s|driving|electric|real[\s-]world|epa|battery|most|more|longer|best"
    r"|better) range|range (?:on|of|for|is|does|do|would|will)|miles per charge"
    r"|how far (?:can|does|will|would) (?:it|she|the \w+(?: \w+)?(?: \d)?) (?:go|get|drive|travel)"
    r"|on (?:a|one) (?:full |single )?(?:charge|tank)|charg(?:e|es|ing) (?:time|speed)"
    r"|(?:dc )?fast[\s-]?charg\w*|level 2|kwh|battery (?:size|capacity|life|health)|heat pump)\b",
    r"\b(?:mpg|gas mileage|fuel (?:economy|efficiency|mileage)|miles per gallon|gas (?:does it|it) (?:use|get))\b",
    # "is the santa fe hybrid good on gas", "how are they on gas": the rating asked, not a wish for a thrifty car
    r"\b(?:is|are|how'?s|how is|how are) (?:it|they|that|this|those|these|the \w+(?: (?!compare|stack)\w+){0,2})"
    r" (?:(?:good|great|easy|decent|bad|ok|okay|any good) )?on (?:gas|fuel)\b",
    r"\b(?:horsepower|hp|torque|towing capacity|tow(?:ing)? (?:capacity|rating|limit)|how much (?:can it|does it) tow"
    r"|what about towing|(?:can|could) (?:it|the \w+) tow|how much can (?:it|the \w+) tow"
    r"|(?:is|does) (?:it|that|the \w+)(?: \w+)? (?:a |have a |got a )?"
    r"(?:v[\s-]?6|v[\s-]?8|hemi|ecoboost|turbo|4[\s-]?cyl\w*|four[\s-]cylinder|six[\s-]cylinder)"
    r"|cargo (?:space|room|capacity)|ground clearance|0[\s-]?60|safety (?:ratings?|scores?)|crash (?:test|rating)"
    r"|iihs|nhtsa|reliab\w*|resale|holds? (?:its |their )?value|depreciat\w*|dimensions|how (?:big|long|wide) is"
    r"|bigger|larger|roomier|more (?:room|space|legroom))\b",
    r"(?<!price )(?<!precio )\b(?:difference|differences|diferencia|diferencias) (?:between|entre)\b"
    r"(?![^.?!]{0,30}\bprice)",
    r"\b(?:faster|fastest|quicker|quickest|more powerful|most powerful|how fast|top speed|acceleration|engine size"
    r"|what engine|which engine|v6 or|v8 or|turbo or|m[aá]s r[aá]pid[oa]|m[aá]s potente)\b",
    r"\bwarranty\b[^.?!]{0,40}\b(?:cover\w*|how long|last|left|transfer\w*|include|length|years?|miles)\b"
    r"|\b(?:how long|what) (?:is|does) (?:the |hyundai'?s? |kia'?s? )?warranty\b",
    r"\bwarranty on (?:a|the) (?:new|used)\b",
    r"\b(?:any|open|were there) recalls?\b|\brecalls? (?:on|for) (?:the|a|that|this)\b",
    r"\b(?:carfax|autocheck|history report|accidents?|accident[\s-]free|been in an accident"
    r"|how many (?:previous )?owners|one[\s-]owner|clean title|salvage|rebuilt title|flood(?:ed)?|accidentes?|choques?"
    r"|chocad[oa])\b",
    r"\b(?:tiene|trae|viene con|queda|con) (?:alguna |algo de |)garant[ií]a\b|\bcome with (?:a |any )?warranty\b"
    r"|\b(?:any|some) warranty\b",
    r"\b(?:autonom[ií]a|rinde|rendimiento|cu[aá]nto gasta|consumo de gasolina|garant[ií]a (?:cubre|de|dura)"
    r"|caballos de fuerza|capacidad de (?:carga|remolque)|carga r[aá]pida|cargar(?:la|lo)? r[aá]pid[oa]"
    r"|cu[aá]nto tarda en cargar\w*|(?:puede|pueden|podr[ií]a) (?:jalar|remolcar|arrastrar)|cu[aá]nto (?:puede )?"
    r"(?:jala|remolca|arrastra|jalar|remolcar|arrastrar))\b",
    r"\b(?:the|its|what'?s the) towing\b|\btowing (?:on|of|for) (?:it|that|this|the)\b"
    r"|\bwhat (?:can|does|will) (?:it|the \w+(?: \w+)?) tow\b|\bwhat'?s? it tow\b|\bwhats it tow\b",
    # "bed length?", "how long is the bed": a truck's bed; "has it been smoked in?", "any pets in it": its interior
    r"\bbed (?:length|size)\b|\bhow (?:long|big) is the bed\b|\b(?:long|short) bed\b\s*\?",
    r"\b(?:smoked in|smoker'?s? car|smoke smell|smells? like smoke|non[\s-]?smok\w*|pets?|dog hair|odou?rs?)\b"
    r"[^.?!]{0,20}\?|\bbeen smoked\b|\bfumad(?:o|or)\b",
)
_RULES = (*_RULES, ("vehicle_facts", 3.5, _FACTS), ("vehicle_facts", 2.0, rx(r"\bgarant[ií]as?\b|\bwarranty\b")))

# Spanish, as customers text it (accents often left out).
_RULES_ES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    (
        "availability",
        2.0,
        rx(
            r"\b(?:tienen|tiene|hay|manejan|venden)\b[^.?!]{0,40}(?:\?|disponible|en existencia|todav[ií]a)",
            r"\b(?:todav[ií]a|a[uú]n)\s+(?:est[aá]|la tienen|lo tienen|disponible|hay)\b|\bdisponibles?\b",
            r"\bya (?:se )?vendi[oó]\b",
        ),
    ),
    ("availability", 1.5, rx(r"^\W*(?:hola\W+)?(?:tienen|tiene|hay)\b")),
    # "es nuevo o usado": the condition of the car under discussion
    ("availability", 2.0, rx(r"\bnuev[oa]s? o usad[oa]s?\b|\busad[oa]s? o nuev[oa]s?\b|^\W*(?:es|son) (?:nuev|usad)")),
    (
        "inventory_search",
        2.0,
        rx(
            r"\b(?:busco|buscando|ando buscando|estoy buscando|necesito|quiero|me interesa|nos interesa)\b",
            r"\bqu[eé] (?:tienen|opciones|hay)\b|\bopciones\b|\binventario\b|\brecomienda\w*",
        ),
    ),
    (
        "price",
        2.0,
        rx(
            r"\bcu[aá]nto (?:cuesta|vale|sale|est[aá]|es|piden|cobran)\b|\bprecios?\b|\bcu[aá]l es el precio\b",
            r"\ben cu[aá]nto\b|\bqu[eé] precio\b",
        ),
    ),
    ("price", 3.0, rx(r"\bdescuentos?\b|\bmejor precio\b|\bprecio final\b|\bnegociar\b|\bofertas?\b")),
    (
        "trade_in",
        2.5,
        rx(
            r"\ba cuenta\b|\bintercambi\w*|\bcu[aá]nto (?:me )?dan por\b|\bval[uú]o\b|\baval[uú]o\b|\ba cambio\b",
            r"\b(?:como |de |en )?parte de(?:l)? pago\b|\bdar (?:mi|la|el) \w+ (?:a cuenta|a cambio|de enganche)\b",
            r"\brecib(?:en|an|ir|e)n? (?:mi|carros?|autos?|trocas?)\b|\bacept(?:an|a)n? (?:mi|carros?|autos?)\b",
            r"\bcambiar (?:mi|el) (?:carro|coche|auto|troca|camioneta|van)\b",
        ),
    ),
    (
        "financing",
        2.0,
        rx(
            r"\bfinanciamiento\b|\bfinanciar\b|\bfinancian\b|\bcr[eé]dito\b|\bpr[eé]stamo\b|\benganche\b",
            r"\bmensualidad(?:es)?\b|\bpagos? (?:mensual|al mes)\w*|\bal mes\b|\bitin\b|\bsin seguro social\b",
        ),
    ),
    ("lease", 3.0, rx(r"\barrendamiento\b|\brentar\b|\bleasing\b")),
    (
        "test_drive",
        3.0,
        rx(
            r"\bprueba de manejo\b|\bmanejarl[oa]s?\b|\bprobarl[oa]s?\b|\bir a (?:verl[oa]s?|probarl[oa]s?)\b",
            # "quiero ir el sabado a verlo": a visit on a day, said around the day
            r"\b(?:quiero|queremos|puedo|podemos|voy a|vamos a)\s+(?:ir|pasar|venir)\b[^.?!]{0,25}"
            r"\ba (?:verl[oa]s?|probarl[oa]s?)\b",
            # "quiero verla mañana en la tarde": to see it on a day is a visit
            r"\b(?:quiero|queremos|quisiera|quisi[eé]ramos|puedo|podemos|me gustar[ií]a|voy a|vamos a|paso a)\s+"
            r"(?:ir a\s+)?verl[oa]s?\b"
            r"[^.?!]{0,20}\b(?:hoy|ma[nñ]ana|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|esta tarde"
            r"|este fin)\b",
        ),
    ),
    (
        "test_drive",
        1.5,
        rx(
            r"\b(?:puedo|podemos|quiero|queremos|quisiera|me gustar[ií]a)\s+"
            r"(?:ir|pasar|llegar|visitar\w*|verl[oa]s?)\b",
            r"\bcita\b|\bagendar\b|\bapartar\b|\bpaso (?:ma[nñ]ana|hoy|el)\b",
            # "voy el jueves", "el sábado voy", "llego mañana", "nos vemos el viernes": coming in on a day
            r"\b(?:voy|vamos|vengo|venimos|llego|llegamos|paso|pasamos|nos vemos|ah[ií] estar[eé])\s+"
            r"(?:para\s+all[aá]\s+)?(?:el\s+|este\s+|ma[nñ]ana|hoy|esta tarde)"
            r"(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|fin|\b)",
            r"\b(?:el\s+)?(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)\s+(?:voy|vamos|vengo|paso|llego)\b(?!\s+a\s)",
        ),
    ),
    (
        "hours_location",
        2.5,
        rx(
            r"\bhorarios?\b|\ba qu[eé] hora (?:abren|cierran|habren)\b|\b(?:abren|cierran|est[aá]n abiertos)\b",
            r"\bd[oó]nde (?:est[aá]n|quedan|se encuentran|est[aá] la agencia)\b|\bdirecci[oó]n\b|\bubicaci[oó]n\b",
        ),
    ),
    ("service", 2.0, rx(r"\bservicio\b|\bcambio de aceite\b|\bmantenimiento\b|\bfrenos\b|\btaller\b")),
    (
        "not_interested",
        4.0,
        rx(r"\bya no me interesa\b|\bya (?:compr[eé]|encontr[eé])\b|\bno,? gracias\b|\bno me interesa\b"),
    ),
    ("thanks", 2.0, rx(r"\bgracias\b|\bmuy amable\b|\bse lo agradezco\b")),
    ("greeting", 1.5, rx(r"^\W*(?:hola|buenas(?: tardes| noches)?|buenos d[ií]as|qu[eé] tal)\b")),
)
_RULES = _RULES + _RULES_ES

_AFFIRMATIVE = rx(
    r"^\W*(?:yes|yeah|yea|yep|yup|ya|sure|ok|okay|k|sounds good|definitely|absolutely|please|that works|perfect",
    r"of course|for sure|i do|we do|i'?d like that|let'?s do it|works for me|s[ií]|claro|va|dale|perfecto)\b",
)
_NOT_AN_ANSWER = rx(
    r"\b(?:thanks|thank you|thx|ty|gracias|think about it|pensarlo|later|luego)\b",
    r"^\W*(?:ok(?:ay)?|yes|yeah|sure|k)\W+(?:and|what about|how about|but|also|y)\b",  # "ok and the white sx"
    r"\b(?:which|what|what'?s|how|how'?s|who|cu[aá]l|cu[aá]les|qu[eé]|c[oó]mo|cu[aá]nt[oa]s?)\b",
)
_COMES_IN = rx(r"\b(?:does|do|did|can)\s+(?:it|they|that|this|the\s+\w+(?:\s+\w+)?)\s+come\s+in\b")
_HOURS_ASKED = rx(r"\b(?:open|close|closing|closed|hours|horario|abren|abiertos|cierran)\b")
_DAY_TIME = rx(
    r"\b(?:today|tomorrow|tmrw|tonight|this weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day|sat|sun|morning",
    r"afternoon|evening|\d{1,2}(?::\d\d)?\s*(?:am|pm)|hoy|ma[nñ]ana|s[aá]bado|domingo|lunes|martes|mi[eé]rcoles",
    r"jueves|viernes|a las \d{1,2})\b",
    # "around 2?" after a day was said
    r"^\W*(?:around|about|like|maybe|at|ok(?:ay)?\s+(?:around|at))\s+\d{1,2}(?::\d\d)?\s*(?:am|pm|ish)?\W*$",
)
_AI_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "test_drive",
        rx(
            r"test drive|come (?:in|by|see)|stop by|visit|what day|what time|schedule|appointment|prueba de manejo",
            r"another day|other day|qu[eé] d[ií]a|qu[eé] hora|visita|otro d[ií]a",
        ),
    ),
    ("trade_in", rx(r"trade")),
    ("financing", rx(r"financ|pre-?approv|credit application|apply")),
)
_STOP_RE = rx(
    r"\b(?:stop|quit|cease)\s+(?:texting|messaging|contacting|emailing|calling|sending|bugging|spamming)\b",
    r"\bunsubscribe\b|\b(?:remove|take) me (?:off|from)\b|\bopt[\s-]?(?:me )?out\b|\bleave me alone\b",
    r"\b(?:do not|don'?t|dont|never)\s+(?:text|contact|message|email)\s+(?:me|us|this number)\b",
    r"\bno more (?:texts|messages|emails|calls)\b|\blose my number\b",
)


_TRADE_VALUE = rx(
    r"\bworth\b|\b(?:what|how much) (?:would|will|could|can|do) (?:you|u|ya|y'?all) (?:give|offer|pay)\b",
    r"\bcu[aá]nto (?:me )?(?:dan|dar[ií]an|vale)\b",
)


def _score_intents(lower: str, slots: Slots, history: Sequence[Turn]) -> dict[str, float]:
    scores: dict[str, float] = dict.fromkeys(INTENTS, 0.0)
    for intent, weight, pattern in _RULES:
        if pattern.search(lower):
            scores[intent] += weight
    if slots.has_vehicle_criteria():
        scores["inventory_search"] += 1.0
        if scores["not_interested"] < 3.0:  # "nevermind, any color is fine, under 20k": a change of mind, not a no
            scores["not_interested"] = 0.0
    if slots.stock_number or slots.vin:
        scores["availability"] += 1.5
    if scores["availability"] >= 2.0 and slots.models:
        scores["availability"] += 1.0
    if slots.trade_in is not None:
        scores["trade_in"] += 1.5
        if slots.trade_in.model and _TRADE_VALUE.search(lower):  # "2017 civic lx 98k, clean title, whats it worth"
            scores["trade_in"] += 3.0
        if not slots.has_vehicle_criteria():  # "tiene como 150 mil millas": its miles, not a question of ours
            scores["trade_in"] += 1.5
    if slots.monthly_budget_cents or slots.down_payment_cents:
        scores["financing"] += 1.0
    if scores["lease"] and scores["financing"] < 2.5:
        scores["financing"] = min(scores["financing"], 1.0)
    stop = _STOP_RE.search(lower)
    if stop and not is_negated(lower, stop.start()):
        scores["stop"] += 5.0
    if _COMES_IN.search(lower):  # "what colors does the k5 come in": how it is made, not a visit
        scores["test_drive"] = max(0.0, scores["test_drive"] - 1.5)
    # "ok the kia then, under 36k" after "want to come see any of these?": a narrower search, no yes to a visit
    shopping = bool(slots.budget_max_cents or slots.makes or slots.models or slots.body_styles or slots.condition)
    _score_follow_up(lower, scores, history, shopping=shopping)
    return scores


def _score_follow_up(lower: str, scores: dict[str, float], history: Sequence[Turn], *, shopping: bool = False) -> None:
    """A reply to the AI's last question ('yes', 'saturday at 10') continues that topic; an "ok" that goes on to ask
    for other cars says no yes to a visit."""
    last_ai = next((t for t in reversed(history) if t.sender in ("ai", "agent")), None)
    if last_ai is None or "?" not in last_ai.text:
        return
    asked = last_ai.text.lower().rsplit("?", 1)[0]
    # "ok cool thanks" closes, "y cuál es la más nueva?" asks: neither says yes to the question
    answered = bool(_AFFIRMATIVE.search(lower)) and not _NOT_AN_ANSWER.search(lower)
    for intent, pattern in _AI_TOPICS:
        # "saturday at 10" answers "want to come in?"; "how late are you open today" asks the hours
        day_given = intent == "test_drive" and _DAY_TIME.search(lower) and not _HOURS_ASKED.search(lower)
        if intent == "test_drive" and shopping and not day_given:
            continue
        if pattern.search(asked) and (answered or day_given):
            scores[intent] += 2.5
            return


def _rank(scores: dict[str, float]) -> list[str]:
    if any(scores[i] >= 1.0 for i in INTENTS if i not in ("greeting", "thanks", "other")):
        scores["greeting"] = min(scores["greeting"], 0.5)
        scores["thanks"] = min(scores["thanks"], 0.9)
    minimum = {"greeting": 0.5, "thanks": 0.5}
    ranked = sorted(
        (i for i in INTENTS if scores[i] >= minimum.get(i, 1.0)), key=lambda i: (-scores[i], INTENTS.index(i))
    )
    return ranked or ["other"]


# The agent's offer of a person: "Would you like a finance specialist to reach out to you?", "... a team member to
# confirm it for you?", "¿Quiere que alguien de nuestro equipo ...?"
_PERSON_OFFERED = rx(
    r"\b(?:a|our) (?:team member|finance specialist|specialist|salesperson|sales manager|manager|person)\b"
    r"[^?]{0,80}\?\s*$",
    r"\b(?:connect you|have someone|bring in)\b[^?]{0,80}\?\s*$",
    r"\b(?:alguien de nuestro equipo|especialista|un asesor)\b[^?]{0,80}\?\s*$",
)


def _accepts_a_person(lower: str, history: Sequence[Turn]) -> bool:
    """A short yes to the agent's own offer of a person ("yes please", "ok", "sure") asks for one."""
    last_ai = next((t for t in reversed(history) if t.sender in ("ai", "agent")), None)
    if last_ai is None or not _PERSON_OFFERED.search(last_ai.text.lower()):
        return False
    yes = _AFFIRMATIVE.search(lower)
    if yes is None or _NOT_AN_ANSWER.search(lower):
        return False
    rest = re.findall(r"[a-záéíóúñ']+", lower[yes.end() :])
    return all(word in _YES_FILLER for word in rest)  # "ok show me tellurides" asks for something else


_YES_FILLER = words(
    "please pls plz thanks thank you ty that would be great sure go ahead do it works sounds good yes yeah ok okay "
    "that'd perfect of course por favor gracias claro si sí"
)


# A question about one car's figure: asked again of another car by "and the white one?" (``carried``).
_ASKED = re.compile(
    r"\bhow many (?:miles|owners)\b|\bwhat(?:'?s| is| are) the (?:mileage|miles|price|colou?r|year|trim)\b"
    r"|\bwhat colou?r\b|\bhow much\b|\bwhat year\b|\bwhat trim\b|\bmileage\b|\bmiles on\b|\bthe price\b"
    r"|\bis it (?:awd|4wd|4x4|fwd|rwd|automatic|manual|a hybrid|hybrid|electric|new|used|certified)\b"
    r"|\bcu[aá]nt[oa]s? millas\b|\bmillaje\b|\bqu[eé] color\b|\bqu[eé] a[nñ]o\b|\bcu[aá]nto (?:cuesta|vale|sale)\b"
    r"|\bel precio\b|\bqu[eé] precio\b",
    re.IGNORECASE,
)
# "does the cheaper one have a 3rd row", "is that one awd": a yes/no question of one car, asked again of another
_ASKED_OF_ONE = re.compile(
    r"^\W*(?:(?:and|so|ok|okay)\W+)?(is|does|has)\s+(?:it|that one|this one|that|the\s+(?:\w+\s+){0,2}one)\s+"
    r"([a-z0-9][\w\s'-]{1,40}?)\W*$",
    re.IGNORECASE,
)
# "and the white one?", "what about the second one", "y la segunda?": nothing asked but which car
_ELLIPSIS = re.compile(
    r"^\W*(?:and|what about|how about|same for|same with|and for|y|y para|y de|también|tambien)\b[^?.!,;]{0,40}\W*$",
    re.IGNORECASE,
)


_ELLIPSIS_LEAD = re.compile(
    r"^\W*(?:and|what about|how about|same for|same with|and for|y|y para|y de|también|tambien)\b", re.IGNORECASE
)
_OWN_QUESTION = re.compile(
    r"\b(?:which|what|who|why|how|when|where|cu[aá]l|cu[aá]les|qu[eé]|por ?qu[eé]|cheap\w*|pric\w*|new(?:er|est)"
    r"|old(?:er|est)|best|worst|barat\w*|car[oa]s?|nuev[oa]s?)\b",
    re.IGNORECASE,
)
_HOW_MANY_ON = re.compile(r"\bhow many (?=on (?:it|that|this|the|those|these)\b|(?:does it|it) (?:have|got)\b)", re.I)


def carried(text: str, history: Sequence[Turn] = ()) -> str:
    """A message that names only another car ("and the second one?", "y la blanca?") asks what the customer's
    previous message asked of the car before: that question is carried over ("... how many miles?"). Any other
    message is returned as it is."""
    text = _HOW_MANY_ON.sub("how many miles ", text)  # "how many on the sportage": its miles
    if len(text.split()) > 7 or not _ELLIPSIS.match(text) or _ASKED.search(text):
        return text
    if _OWN_QUESTION.search(_ELLIPSIS_LEAD.sub("", text)):  # "and which is the cheapest": a question of its own
        return text
    last = next((t.text for t in reversed(history) if t.sender == Sender.customer), "")
    asked = _ASKED.search(last)
    if asked:
        return f"{text.rstrip(' ?!.')}, {asked.group(0)}?"
    of_one = _ASKED_OF_ONE.match(last)  # "does the cheaper one have a 3rd row": "... does it have a 3rd row?"
    return f"{text.rstrip(' ?!.')}, {of_one.group(1).lower()} it {of_one.group(2)}?" if of_one else text


def understand(
    text: str,
    catalog: Catalog | None = None,
    history: Sequence[Turn] = (),
    languages: Collection[str] = (Language.en,),
) -> Understanding:
    """Intents (most likely first), slots, sentiment and flags of one customer message, the language it is in and
    whether the dealership's agent answers in it (``languages``: the ones it does, ``agent_config.languages``)."""
    cleaned = carried(clean(text), history)
    language = detect_language(cleaned, [t.text for t in history[-6:] if t.sender == Sender.customer])
    lower = cleaned.lower()
    slots = extract_slots(cleaned, catalog, history)
    scores = _score_intents(lower, slots, history)
    opt_out = bool(_OPT_OUT_RE.match(cleaned))
    asking = is_question(cleaned)
    if not asking and (slots.budget_max_cents or slots.body_styles) and not (slots.models or slots.stock_number):
        # "safe and reliable, under 20k": what the car should be, a search; not a question about a car's record
        scores["vehicle_facts"] = min(scores["vehicle_facts"], max(0.0, scores["inventory_search"] - 0.1))
    spelled = correct(cleaned)  # "can i speak to the manger"
    human, bot = wants_human(spelled) or _accepts_a_person(lower, history), asks_if_bot(spelled)
    scores["human_request"] += 3.0 if human else 1.0 if bot else 0.0
    scores["stop"] += 10.0 if opt_out else 0.0
    return Understanding(
        intents=_rank(scores),
        slots=slots,
        sentiment=round(sentiment(cleaned), 3),
        is_opt_out=opt_out,
        is_resume=bool(_RESUME_RE.match(cleaned)),
        is_question=asking,
        text=cleaned,
        wants_human=human,
        asks_if_bot=bot,
        language=language,
        language_enabled=language in languages,
        time_request=find_time_request(cleaned),
    )
