"""The phrase tables triggers look for: price negotiation, financing, urgency and buying signals, profanity,
anger, complaints, legal words, recalls and technical problems.
"""

from __future__ import annotations

import re

from showroom.brain.nlu.text import rx


def _table(*rows: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(label, alternative, alternative...) rows -> (label, compiled pattern)."""
    return tuple((label, rx(*parts)) for label, *parts in rows)


_NEGOTIATION = _table(
    (
        "best price",
        # "what's the lowest price on a new tucson" asks which Tucson is cheapest; "your lowest price on it" haggles
        r"\b(?:best|lowest(?!\s+price\s+(?:on|for)\s+(?:a|an|any)\b)|bottom|final|rock[\s-]bottom|cash|best cash)"
        r" (?:price|deal|number|offer|dollar)\b",
    ),
    (
        "out-the-door price",
        r"\botd\b|\bout[\s-]?(?:the|da|tha)?[\s-]?door\b|\ball[\s-]in price\b|\btotal (?:price|cost) with\b",
        r"\btotal\b[^.?!]{0,25}\b(?:tax|taxes|title|fees|tags|registration)\b",
        r"\bdrive[\s-]?offs?\b|\bdue at (?:signing|delivery|inception)\b|\bamount due\b",
        r"\b(?:send|email|text|give|get|shoot|work up|put together)\s+(?:me|us)?\s*(?:a |an |the |your )?"
        r"(?:price |purchase |lease |written )?quote\b|\bquote me\b",  # "send me a quote": the numbers, in writing
    ),
    (
        "counter-offer",
        r"\b(?:can|could|would|will) (?:you|u|ya|y'?all)(?: guys| all)? (?:do|go|take|accept|sell (?:it|her) for",
        r"let (?:it|her) go for|come down to|meet me at|make it)\s*\$?\s*\d",
        r"\b(?:i'?(?:ll|d)|i will|i would|i can|we can|we'?d) (?:pay|do|offer|give you|go)\s*\$?\s*\d",
        r"\bmy offer\b|\bmake (?:you |me )?an offer\b|\boffer (?:you|of)\b",
        # "can you do the q5 at 33 plus ttl", "would you take 28 for the sx"
        r"\b(?:can|could|would|will) (?:you|u|ya|y'?all) (?:do|take|sell|let)\b[^.?!]{0,30}\b(?:at|for)\s*\$?\s*"
        r"\d[\d,.]*\s?k?\b(?!\s*(?:miles|mi\b|years|months|down\b|a month|/mo|per month))",
        r"\b(?:do|take|accept|sell (?:it|her|it to me) for|let (?:it|her) go for|go (?:down )?to|meet me at)\s*"
        r"(?:\$\s?\d[\d,.]*k?|\d{1,3}(?:,\d{3})+|\d{4,}|\d+(?:\.\d)?\s?k)\b",
    ),
    (
        "price match",
        r"\bprice[\s-]?match\w*|\bmatch (?:the|their|this|a|that|an?) (?:price|offer|deal|quote)\b",
        r"\bbeat (?:the|their|this|that|a|an) (?:price|offer|deal|quote)\b",
        r"\b(?:can|could|will|would) (?:you|u|y'?all|you guys|u guys) (?:match|beat)\b",
        r"\bbeat (?:it|that|them|their (?:price|number|deal|offer))\b",
        r"\b(?:has|have|had|offered|offering|quoted|selling|listed|list)\b[^.?!]{0,40}\b(?:at|for) \$\s?\d[\d,.]*k?\b"
        r"[^.?!]{0,10}[.!,]?\s*(?:can|could|will|would|beat|match|do better)\b",
    ),
    (
        "firm trade-in number",
        r"\b(?:not|won'?t|wont|never|ain'?t) (?:trade|trading|sell|selling|let (?:it|her|him|my \w+"
        r"|the \w+) go)\b[^.?!]{0,40}\b(?:for )?"
        r"(?:less than|under|below)\b",
        r"\b(?:need|want|have to get|gotta get|must get|looking to get|expect)\s+(?:at least\s+)?\$?\s?\d[\d,.]*\s?k?"
        r"\b[^.?!]{0,25}\bfor (?:it|her|my \w+|the trade)\b[^.?!]{0,15}\b(?:firm|minimum|min|period|or no deal)\b",
        r"\b(?:trade|my \w+|for it|por mi)\b[^.?!]{0,60}\b(?:firm|non[\s-]?negotiable"
        r"|take it or leave it|not a (?:penny|dollar|cent) (?:less|under|below|lower)|nothing (?:less|under|below)"
        r"|bottom dollar|m[ií]nimo|no menos)\b",
        r"\btrade\b[^.?!]{0,40}\b\d[\d,.]*\s?k?\s+(?:minimum|at (?:the )?least)\b",  # "my trade is worth 20k minimum"
        # "if you're not at 15 don't bother", "12 or i walk": an ultimatum on a number
        r"\bif (?:you'?re|you are|youre|ur|u r|you|u) (?:not|aren'?t|arent|can'?t|cant|won'?t|wont)\b[^.?!]{0,25}"
        r"\b(?:don'?t|dont|do not) (?:even )?(?:bother|waste)\b",
        r"\b\d[\d,.]*\s?k?\b[^.?!]{0,25}\bor (?:i|we|i'?ll|ill|we'?ll) (?:walk|leave|go (?:elsewhere|somewhere else)"
        r"|take it elsewhere)\b",
        # "if i dont get 11k for it im not coming in": an ultimatum on what their car fetches
        r"\bif (?:i|we) (?:don'?t|dont|do not|can'?t|cant|cannot) get\s+(?:at least\s+)?\$?\s?\d[\d,.]*\s?k?\b"
        r"[^.?!]{0,30}\b(?:i'?m not|im not|i won'?t|i wont|we'?re not|no deal|i'?ll walk|i walk|forget it|i'?ll go)",
        r"\b(?:quiero|pido|necesito)\b[^.?!]{0,20}\b\d[\d,.]*\s?(?:mil|k)?\b[^.?!]{0,25}\bpor mi\b",
    ),
    (
        "fleet or business purchase",
        r"\btax[\s-]?exempt\b|\bfleet (?:pricing|quote|account|sale|discount|purchase|deal|program|rates?)\b"
        r"|\bpurchase order\b|\bfor (?:our|the|my) (?:company )?fleet\b|\bbusiness accounts?\b"
        r"|\bcommercial (?:account|accounts|pricing|fleet|purchase)\b",
        r"\b(?:need|needs|want|looking for|buying|getting)\s+(?:[3-9]|\d{2}|three|four|five|six|several|multiple)\s+"
        r"(?:vehicles|trucks|cars|vans|units|pickups|suvs)\b",
        r"\b(?:government|municipal|city|county|state|school district|park district|non[\s-]?profit) (?:pricing|quote"
        r"|purchase|account|fleet)\b|\b(?:buy|purchase|buying|quote (?:for|on)) (?:\d+|two|three|four|five|several"
        r"|multiple) (?:vehicles|trucks|cars|vans|units)\b",
    ),
    (
        "competitor price",
        r"\b(?:another|other|different) dealer(?:ship)?\b[^.?!]{0,40}\b(?:cheaper|less|lower|offered|quoted|selling)\b",
        r"\bcheaper (?:somewhere else|elsewhere|at|online|down the street)\b|\bfor \$?\d[\d,]*k? less\b",
        # "a quote from another hyundai store, 1500 less than yours"
        r"\b(?:another|other|different) (?:\w+ )?(?:store|dealer(?:ship)?|lot|place)\b[^.?!]{0,60}"
        r"\b(?:cheaper|less|lower)\b"
        r"|\b\$?\d[\d,.]*\s?k? (?:less|cheaper|lower) than (?:yours|you|your|ur|u)\b"
        r"|\b(?:store|dealer(?:ship)?|lot|place)\b[^.?!]{0,50}\b\$?\d[\d,.]*\s?k? (?:cheaper|less|lower)\b",
        r"\b(?:truecar|carmax|carvana|cargurus|autotrader|edmunds|vroom)\b[^.?!]{0,40}(?:\$|\d|price|cheaper|less)",
    ),
    (
        "negotiation",
        r"\bnegotia\w*|\bwiggle room\b|\bflexib\w* (?:on|with|in) (?:the |that |this |your |ur )?price\b"
        r"|\b(?:any|some|a little) give\b",
        r"\b(?:do|go) (?:any |a (?:little |bit |tad )?)?better (?:on|than|with)\b|\bany better (?:on|than)\b",
        r"\b(?:least|lowest|most) (?:you|u|ya)(?:'d|'ll)? (?:would |will |could |can )?(?:take|accept|sell|go|do)\b",
        r"\b(?:come|go|get it) down (?:on|in|a bit|some|any)\b",
        r"\b(?:knock|take) (?:some|anything|a (?:bit|few|grand|thousand|little)|a few (?:hundred|grand|bucks)"
        r"|\$?\d[\d,]*k?)(?: \w+)? off\b",
        r"\bmove on (?:the )?price\b|\bany room on\b|\bwork with me on\b",
        r"\b(?:is|are) (?:the |that |this |your |ur )?(?:price|prices|number|it) (?:on [^.?!]{1,30} )?firm\b"
        r"|\bfirm (?:on|in) (?:the |that |this |your )?price\b|\bor is there (?:any |some )?room\b"
        r"|\broom (?:on|in|with) (?:the |that |this |your )?(?:price|number)\b"
        r"|\broom (?:to|for) (?:negotiat\w*|move)\b",
    ),
    (
        "discount",
        r"\bdiscounts?\b",
        r"\b(?:military|first responder|employee|loyalty|college grad|student) (?:discount|pricing|rebate)\b",
    ),
    (
        # a fee fought over ("waive the doc fee", "no dealer fees or no deal"); asking what the fees are, or whether
        # the price includes them, is a price question the agent answers
        "dealer fees",
        r"\b(?:waive|waived|waiving|drop|remove|take off|knock off|eat|cover|skip|get rid of|without|no|minus|zero)\b"
        r"[^.?!]{0,25}\b(?:dealer|doc|documentation|admin|hidden|prep|destination|processing) fees?\b",
        r"\b(?:dealer|doc|documentation|admin|prep|processing) fees?\b[^.?!]{0,20}\b(?:waived|removed|off|dropped"
        r"|negotiable|a rip[\s-]?off|ridiculous|too high)\b",
        # "are there add-ons" asks what comes on top, a price question; "no add-ons" fights them
        r"\bmark[\s-]?ups?\b|\bmarket adjustments?\b|\badm\b"
        r"|(?<!are there )(?<!are there any )(?<!is there )(?<!any )(?<!what )\b(?:dealer )?add[\s-]?ons?\b",
    ),
    (
        "below sticker",
        r"\b(?:below|under|at) (?:msrp|sticker|invoice)\b|\binvoice price\b",
        r"\$?\d[\d,.]*k? (?:over|under|above|below|off|from) (?:invoice|msrp|sticker|dealer cost|cost)\b",
    ),
    (
        "conditional offer",
        r"\b(?:give me|get me|knock|take|drop(?: it)?|shave|cut)\s+\$?\d[\d,.]*\s?k?\s*(?:off|down)\b",
        r"\b(?:and|then|&) (?:we(?:'ve| have|'re)?|you(?:'ve| have)?|it'?s|its) (?:got )?(?:a deal|yours|done)\b",
        r"\bhow low (?:can|will|would|could) (?:you|u|ya|y'?all)\b|\bgo (?:any )?lower\b",
        r"\bwhat if i (?:offered|paid|did|gave|put)\b|\b(?:competing|another|other|better|outside) (?:offer|quote)\b"
        r"|\btalk (?:price|numbers|money)\b",
        r"\bif (?:you|u|ya|y'?all) (?:can |could |will |would )?(?:do|take|drop|knock|throw|give|get|include|waive"
        r"|match"
        r"|beat|come down|lose|remove)\b[^.?!]{0,60}\b(?:i'?ll|i will|we'?ll|i'?m in|deal|it'?s yours|buy|sign)\b",
        r"\b(?:take|knock|leave|drop) off (?:the )?[^.?!]{0,50}\band (?:i'?ll|i will|we'?ll) (?:do it|buy|take it"
        r"|sign)\b",
        r"\bthrow(?:ing)? in\b|\bwaive\w*|\bwhat can (?:you|u|ya|y'?all) do (?:for me|on|with|about)\b",
        r"\b(?:yes or no|deal or no deal|take it or leave it)\b[^.?!]{0,5}$",
    ),
    (
        "price too high",
        r"\btoo (?:high|expensive|pricey|steep|much)\b|\boverpriced\b|\blower (?:the|your|that) price\b",
        r"\bbest (?:you|u) can do\b|\blowest (?:you|u)(?:'ll| will| can| would)? go\b",
        r"\b(?:absolute|very|rock[\s-]bottom) (?:lowest|best|bottom)\b",
        r"\blowest\b[^.?!]{0,20}\b(?:sell|go|take|do|accept)\b",
        # "which is the better deal" compares two cars seen: no offer in it
        r"(?<!the )\b(?:lower|better|cheaper) (?:price|number|deal|offer)\b",
        r"\b(?:talk|run|crunch|work|go over) (?:the )?numbers\b",
        r"\bworth (?:way |a lot |much )?more than (?:what )?(?:you|u|they)\b",
    ),
)
# "chapter 7 discharged last year", "ch 13 dismissed 2 years ago": a bankruptcy the customer tells of, their own
BANKRUPTCY_TOLD = (
    r"\b(?:chapter|ch\.?) ?(?:7|13|seven|thirteen)\b[^.?!]{0,30}\b(?:discharged|dismissed|filed|last year|ago)\b"
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
        r"\bmi cr[eé]dito\b|\bfinanciamiento\b|\bfinanciar\b|\bpagos? (?:mensual(?:es)?|al mes)\b|\benganche\b"
        r"|\bpago inicial\b|\bmensualidad(?:es)?\b|\bsin cr[eé]dito\b|\bpr[eé]stamo\b|\b(?:aval|fiador|cofirmante)\b",
    ),
    (
        "interest rate",
        # "vehicle of interest" on a lead form is no rate
        r"\bapr\b|(?<!of )\binterest(?: rates?)?\b(?!\s*:)|\brates? (?:with|for|on|are|is|do you)\b|\bwhat rates?\b",
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
        r"\bbankrupt\w*|\brepo(?:ssession|ssessed|'?d)?\b|\bcollections\b|\bcharge[\s-]?offs?\b"
        r"|\b(?:filed|file|in|out of|discharged from) (?:for )?(?:a )?(?:chapter|ch\.?) ?(?:7|13|seven|thirteen)\b"
        rf"|{BANKRUPTCY_TOLD}",
        # "i owe 6k more than my car is worth", "upside down on my loan", "roll it into a new one": negative equity
        r"\bowe\b[^.?!]{0,30}\bmore than (?:it'?s|its|it is|my \w+ is|the \w+ is|what it'?s) worth\b"
        r"|\bupside[\s-]down\b|\bunderwater on\b|\bnegative equity\b"
        r"|\broll (?:it|that|the (?:rest|balance|difference|loan)|what i owe)(?: over)? into\b",
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
        r"\b(?:nobody|no one|noone|no1)\b(?: \w+){0,5} (?:ever )?(?:calls?|called|answers?|responds?|returns?|gets?)"
        r" back\b",
        r"\b(?:nobody|no one|noone|no1)\s+(?:has\s+)?(?:called|responded|got back|answered|returned|replied|contacted",
        r"reached out|followed up)\b|\bno (?:one|body) (?:ever )?(?:calls?|answers?) back\b",
        r"\bnever (?:heard back|got (?:a|any) (?:call|response|reply)|called (?:me )?back|responded|got back)\b",
        r"\b(?:still|been|i'?ve been|i am|i'?m) waiting\b[^.?!]{0,40}\b(?:days?|weeks?|hours?|call|response|reply",
        r"answer|back)\b",
    ),
    (
        "deceptive",
        r"\bbait[\s-]and[\s-]switch\b|\bfalse(?:ly)? advertis\w*|\bscam\w*|\brip[\s-]?off\b|\bripped (?:me )?off\b",
        r"\bmisleading\b|\bdishonest\b|\bshady\b|\bfraud\w*|\bdeceptive\b"
        r"|(?<!\bany )(?<!there )(?<!\bno )\bhidden (?:fees|charges)\b",
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
        # "are you kidding me. its a used car", "wow u cant even tell me if ... great.", "u keep saying u'll check"
        r"\b(?:are|r) (?:you|u) (?:kidding|joking|serious) (?:me|rn|right now)\b|\byou'?ve got to be kidding\b",
        r"\b(?:you|u|y'?all) (?:can'?t|cant|cannot|couldn'?t|don'?t|dont) even (?:tell|answer|say|know|give|check"
        r"|find|get)\b",
        r"\b(?:you|u|y'?all) keep (?:saying|telling me|asking|sending|repeating)\b",
        r"\bnobody (?:could|would|bothered to|even|ever|can)\b|\bno one (?:could|would|bothered to|even|can)\b",
        r"\bdrove (?:all the way|(?:\d+|an?|two|three|over an?) (?:hours?|hrs?|miles))\b[^.?!]{0,60}"
        r"\b(?:wasn'?t|was not|not|gone|sold|nobody|for nothing)\b",
    ),
    (
        "refund",
        r"\b(?<!tax )refund\b|\bmoney back\b|\bcancel (?:the|my) (?:deal|purchase|contract)\b|\bundo the deal\b",
        r"\breturn the (?:car|truck|vehicle)\b",
    ),
    (
        "frustration",
        r"\bwaste(?:d)? (?:of )?(?:my )?time\b|\bwasting my time\b|\bridiculous\b|\bdisappoint\w*|\bdissatisfied\b",
        r"\bunhappy\b|\bnot happy\b|\bfrustrat\w*",
        # "this is taking forever, just tell me what the kona costs": tired of the chat itself
        r"\b(?:this|you|u|ur|you'?re|this chat) (?:is |are |r )?taking (?:forever|so long|too long|ages)\b",
        r"\b(?:same|canned|generic|automated|robotic|copy[\s-]?paste\w*) (?:answers?|responses?|repl(?:y|ies)"
        r"|messages?|texts?)\b",
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
_TECH_PATTERN = (
    r"\b(?:link|website|site|page|app|form|application|portal|chat|button|pictures?|photos?|images?"
    r"|video)\b[^.?!]{0,30}"
    r"\b(?:broken|not working|doesn'?t work|does not work|won'?t (?:load|work|open|submit)|isn'?t working|is down|"
    r"error|glitch\w*|crash\w*|freez\w*|keeps? (?:failing|crashing|loading))\b"
    r"|\b(?:can'?t|cannot|unable to|couldn'?t) (?:submit|log ?in|sign ?in|upload|open the (?:link|page|form)|load)\b"
    r"|\berror (?:message|code|page)\b|\b404\b"
)
