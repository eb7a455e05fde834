"""Phrase tables of what hurts, beyond ``patterns``: legal or regulator threats in any wording or language, the
problems of existing customers, sarcasm, repeated frustration, a visit at a specific time, and the Spanish (and a
few other languages') wording of complaints, offers, readiness to buy and requests for a person.

Each table is (label, alternative, alternative...) rows: the label is what the handover's reasons say.
"""

from __future__ import annotations

from showroom.brain.escalation.patterns import _table
from showroom.brain.nlu.text import rx

# --- legal or regulator threats -----------------------------------------------------------------------------------
LEGAL_THREATS = _table(
    (
        "legal threat",
        r"\b(?:my|our|a|the) (?:lawyers?|attorneys?|attorny|laywer|legal (?:team|counsel|department|dept))\b",
        r"\b(?:contact|call|calling|contacting|talk(?:ing)? to|consult(?:ing)?|get(?:ting)?|hire|hiring|speak(?:ing)? "
        r"(?:to|with)) (?:a |my |an )?(?:lawyer|attorney|legal counsel)\b",
        r"\b(?:suing|sued|lawsuit|class action|litigation|legal action|small claims)\b",
        # "sue" as a verb, not Sue from sales
        r"\bsue (?:you|u|y'?all|the|your|them|this|over|for)\b|\b(?:to|gonna|will|'ll|could|should|can|might) sue\b",
        r"\bsee (?:you|u|y'?all) in court\b|\btake (?:you|u|y'?all|this|it|them) to court\b",
        r"\bhearing from my (?:lawyer|attorney|legal)\b",
    ),
    (
        "regulator",
        r"\b(?:the )?state ag\b|\battorney general\b|\b(?:the )?ag'?s office\b|\bconsumer (?:protection|affairs|fraud"
        r"|financial)\b",
        r"\b(?:better business bureau|bbb|ftc|cfpb|dealer (?:board|licensing))\b[^.?!]{0,40}"
        r"\b(?:report\w*|complain\w*|hear about|letter|review)\b",
        r"\b(?:report\w*|complain\w*|complaint|fil(?:e|ed|ing)|contact\w*|call(?:ing)?|notify\w*|going to|write to)\b"
        r"[^.?!]{0,40}\b(?:better business bureau|bbb|ftc|cfpb|dmv|dealer (?:board|licensing)|state board"
        r"|secretary of state|consumer (?:protection|affairs))\b",
        r"\breport(?:ing)? (?:you|u|y'?all|this|it|the dealership|your dealership)\b",
        r"\b(?:lemon law|odometer fraud|title washing|title fraud|illegal|unlawful|against the law)\b",
        r"\bdispute (?:the|this) charge\b|\bcharge ?back\b",
    ),
    (
        "legal threat (Spanish)",
        r"\b(?:demandar(?:los|las|te|le|les)?|demandar[eé]|abogad[oa]s?|procuradur[ií]a|profeco|tribunal)\b",
        r"\b(?:poner|pongo|levantar|meter|hacer|presentar) (?:una )?(?:queja|denuncia|demanda)\b"
        r"|\bdenunci(?:ar|arlos|ar[eé])\b|\bvoy a (?:demandar|denunciar)\b",
        r"\bprotecci[oó]n al consumidor\b|\bacci[oó]n legal\b",
    ),
    (
        "legal threat (other language)",
        r"\b(?:avocat|porter plainte|poursuivre en justice|tribunal|proc[eè]s)\b",  # French
        r"\b(?:advogad[oa]|processar|procon|justi[cç]a)\b",  # Portuguese
        r"\b(?:anwalt|klage|verklagen|gericht)\b",  # German
        r"\b(?:avvocato|denuncia|tribunale)\b",  # Italian
    ),
)
# A lawyer mentioned as a relative or a friend, or in praise, is not a threat: "my lawyer friend recommended you".
LEGAL_HEARSAY = rx(
    r"\b(?:lawyer|attorney)\s+(?:friend|buddy|brother|sister|cousin|neighbou?r|uncle|aunt|wife|husband|dad|mom)\b",
    r"\b(?:friend|buddy|brother|sister|cousin|neighbou?r|uncle|aunt|wife|husband|dad|mom|father|mother|son|daughter)"
    r"\s+(?:is|was) (?:a|an) (?:lawyer|attorney)\b",
    r"\b(?:i'?m|i am|as) (?:a|an) (?:lawyer|attorney)\b",
    # "my lawyer has a g70 and won't shut up about it": a person who owns a car, not a threat
    r"\b(?:my|our) (?:lawyer|attorney)\s+(?:has|had|drives|drove|owns|owned|bought|got|loves|likes|recommended)\b",
)

# --- problems of existing customers: title, plates, registration, service, warranty, recalls, billing ----------
# A recall on the customer's own car (a buyer asking whether a used car had recalls is asking about the car).
_RECALL_ON_THEIR_CAR = (
    "recall",
    r"\b(?:recall (?:letter|notice|repair|work)|recall(?:ed)? (?:on|for) (?:my|our) (?:\d{4}\s)?\w+)\b",
    r"\bmy (?:\w+ )?(?:car|truck|suv|van|vehicle|\d{4} \w+)? ?(?:has|had|got|is under|is in) (?:an? )?(?:open "
    r"|safety )?"
    r"recall\b|\b(?:get|bring|take) (?:my|our) (?:\w+ ){0,2}in for (?:the|a|its) recall\b",
    r"\brecall\b[^.?!]{0,40}\b(?:my|our)\b[^.?!]{0,20}\b(?:car|truck|suv|van|\d{4}|engine|airbags?|seat ?belts?|"
    r"brakes?)\b|\b(?:my|our)\b[^.?!]{0,30}\brecall\b[^.?!]{0,30}\b(?:bought|purchased|nobody told|no one told"
    r"|never told|won'?t fix|didn'?t fix)\b",
    r"\brecall\b[^.?!]{0,60}\b(?:i|we) (?:bought|purchased|got) (?:it |the \w+ |a \w+ )?(?:from|here|there)\b",
)
_OWNED = (
    r"(?:i|we) (?:bought|purchased|got|leased|picked up)|since (?:i|we) bought|(?:bought|purchased|leased) "
    r"(?:it |the car |the truck |from you |here |there )|my (?:new |used )?(?:car|truck|suv|van|vehicle)"
)
# The customer's own car, or what they were sold or promised: with a problem word nearby, an after-sale problem.
_OWNERSHIP = (
    r"my (?:new |used )\w+|my (?:car|truck|suv|van|vehicle|ride|\d{4} \w+)|the (?:car|truck|suv|vehicle|one|\w+) "
    r"(?:i|we) (?:bought|got|purchased|leased|picked up)|(?:i|we) (?:bought|purchased|leased) (?:it|the \w+|my \w+|a "
    r"\w+|one)? ?(?:from (?:you|u|y'?all|your)|here|there|last|in|on)|since (?:i|we) bought|you (?:sold|promised|told)"
    r"|(?:he|she|they|salesman|salesperson|sales guy) promised|at delivery|when (?:i|we) picked (?:it )?up"
)
_AFTER_SALE_PROBLEM = (
    r"title|plates?|tags|registration|keys?|key fob|warranty|recall|transmission|engine|brakes?|battery|check engine"
    r"|rattl\w*|squeak\w*|clunk\w*|vibrat\w*|grind\w*"
    r"|warning light|noise|leak\w*|refund|charged|paperwork|floor mats|slipping|stalling|overheating"
    r"|broke|broken|damage|damaged|scratch\w*|dent|tires|bald|worn|dead|cracked|rust\w*|smell\w*|smoke"
    r"|never (?:came|arrived|showed|got)|(?:isn'?t|not|won'?t|doesn'?t) "
    r"(?:working|work|start|came)"
)

AFTER_SALE = _table(
    (
        "title",
        r"\bmy (?:\w+ )?title\b[^.?!]{0,40}\b(?:yet|never|still|lost|missing|wrong|mistake|delay\w*|expired|days|weeks"
        r"|months)\b|\btitle (?:yet|in the mail|application|transfer|was never|has not|hasn'?t|never|is still|still)\b",
        r"\b(?:no|still no|haven'?t (?:got|gotten|received|seen)|never (?:got|received|gotten)|where(?:'s| is)|waiting "
        r"(?:on|for)) (?:my |the |a |our )?title\b",
        rf"\btitle\b[^.?!]{{0,50}}\b(?:{_OWNED}|days ago|weeks ago|months ago)\b",
        r"\b(?:t[ií]tulo)\b[^.?!]{0,40}\b(?:no me|todav[ií]a|a[uú]n|cu[aá]ndo)\b",
        r"\bpaid (?:it |the (?:car|truck|loan) |my \w+ )?off\b[^.]{0,80}\btitle\b|\btitle\b[^.?!]{0,40}\b(?:to|with)"
        r" (?:you|u|y'?all|you guys|the dealership)\b",
        r"\b(?:bank|lender|dmv|credit union|finance company)\b[^.?!]{0,30}\b(?:hasn'?t|hasnt|never|didn'?t"
        r"|still hasn'?t"
        r"|has not|not) (?:received|gotten|got)\b[^.?!]{0,20}\btitle\b",
    ),
    (
        "plates",
        r"\b(?:where|when)\b[^.?!]{0,30}\bmy (?:license |permanent |metal |real )?(?:plates?|tags)\b"
        r"|\btemp(?:orary)? (?:tags?|plates?|registration)\b[^.?!]{0,40}\b(?:expir\w*|still|yet|ran out|run out|days"
        r"|weeks|friday|monday|tomorrow|today|again)\b",
        r"\bpaper (?:tags?|plates?)\b|\bplates? (?:yet|ready|came|in the mail|expired?|expir\w+|haven'?t|never)\b",
        r"\b(?:no|still no|don'?t have|dont have|haven'?t (?:got|gotten|received)|never (?:got|received)|waiting "
        r"(?:on|for)|when do (?:i|we) get) (?:my |the |our )?(?:license )?(?:plates?|tags)\b",
        r"\b(?:placas|permiso temporal)\b[^.?!]{0,40}\b(?:no me|todav[ií]a|a[uú]n|cu[aá]ndo|no han|mis|de mi)\b"
        r"|\b(?:no me (?:han )?(?:dado|llegan|llegado|entregado)|mis|todav[ií]a no)\b[^.?!]{0,30}\bplacas\b",
    ),
    (
        "registration",
        r"\bmy (?:\w+ )?registration\b[^.?!]{0,40}\b(?:yet|never|still|expired|wrong|days|weeks|months|mail)\b"
        r"|\b(?:haven'?t|never|didn'?t) (?:got|gotten|received|get) (?:my|the) registration\b"
        r"|\bregistration (?:yet|in the mail|expired|was never|never)\b",
        r"\b(?:my |the )?(?:plates?|tags|title|registration|sticker)\b[^.?!]{0,15}\b(?:still )?(?:haven'?t|havent"
        r"|hasn'?t"
        r"|hasnt|never|not|didn'?t) (?:come|came|arrived|shown up|show up|been (?:sent|mailed|filed))\b"
        r"|\b(?:plates?|tags|title|registration)\b[^.?!]{0,10}\b(?:still )?(?:not|isn'?t|hasn'?t been) (?:done|ready"
        r"|processed|filed|complete|finished)\b|\bhow (?:do|can|will|would) (?:i|we) get (?:my|our) (?:title|plates"
        r"|tags"
        r"|registration)\b",
        r"\b(?:registered|titled) (?:yet|in my name)\b|\bthe dmv (?:says|said|has no|doesn'?t have|never)\b",
    ),
    (
        "paperwork not received",
        r"\bno me han (?:dado|entregado|mandado|enviado|llegado)\b[^.?!]{0,30}\b(?:t[ií]tulo|placas|registro|papeles"
        r"|factura|llaves?)\b",
    ),
    (
        "warranty claim",
        r"\bmy (?:\w+ )?(?:warranty|extended warranty|service contract)\b|\bwarranty (?:claim|says|won'?t|wont|will "
        r"not|denied|refused)\b",
        r"\b(?:warranty|garant[ií]a)\b[^.?!]{0,40}\b(?:denied|won'?t cover|wont cover|refuse\w*|claim)\b",
        r"\b(?:is|isn'?t|should(?:n'?t)?|would(?:n'?t)?|will|won'?t)\b[^.?!]{0,10}\bmy\b[^.?!]{0,25}\b(?:covered|under "
        r"warranty)\b",
        r"\b(?:it'?s|its|it is|she'?s) (?:still )?under (?:the )?(?:factory |powertrain )?warranty\b",
    ),
    _RECALL_ON_THEIR_CAR,
    (
        "service",
        r"\b(?:schedule|book|need|make|set up) (?:a |an |my )?(?:service|oil change|maintenance|repair|inspection"
        r"|tire rotation|alignment|brake job)\b[^.?!]{0,30}\b(?:for my|on my|my)\b",
        r"\b(?:in|at) (?:your|the) (?:service|shop|service dept|service department)\b[^.?!]{0,40}\b(?:days?|weeks?"
        r"|update|still|since)\b",
        r"\bmy (?!(?:wife|husband|son|daughter|kid|kids|mom|dad|friend|boss|family|partner)\b)(?:\w+ ){0,2}(?:is|keeps"
        r"|has been|started|won'?t|makes?|making|has)\b[^.?!]{0,30}\b(?:(?:a |an |this |weird |loud |strange )?noise"
        r"|grinding|leak\w*|overheat\w*|stall\w*|shak(?:e|es|ing)|vibrat\w*|won'?t start|not starting|check engine"
        r"|warning light|burning smell|squeal\w*|clunk\w*)\b",
        rf"\b(?:{_OWNED})\b[^.?!]{{0,60}}\b(?:stopped|broke|died|won'?t|check engine|light came on|leak\w*|noise"
        r"|not working|quit|keeps? (?:coming on|dying|stalling|beeping|shutting off))\b",
        rf"\b(?:stopped|broke|died|won'?t start|check engine|light came on|leak\w*|noise|not working|quit|keeps? "
        rf"(?:coming on|dying|stalling|beeping|shutting off))\b[^.?!]{{0,60}}"
        rf"\b(?:{_OWNED}|bought (?:it |the car |the truck )?(?:here|from (?:you|u)))\b",
        r"\b(?:need|get|have|bring) my (?:\w+ ){0,2}(?:serviced|looked at|checked out|fixed|repaired|inspected"
        r"|in for)\b"
        r"|\boverdue for (?:an? )?(?:oil|service|maintenance)\b",
        r"\b(?:check engine|engine|warning|tpms|abs|airbag|battery|oil|service) light\b[^.?!]{0,20}\b(?:is on|came on"
        r"|comes on|keeps|on again|flashing|blinking|went on)\b",
        r"\bmy (?:\d+k?[\s-]?(?:mile|mi)s?\s)?(?:service|maintenance|oil change|inspection|tune[\s-]?up)\b"
        r"|\b(?:schedule|book|make|set up) (?:a |an |my )?(?:service|oil change|maintenance)\b",
        r"\bcita de servicio\b|\bservicio (?:para|a|de) mi\b|\bcambio de aceite\b",
        r"\bstill (?:at|in) (?:your|the) (?:service|shop|body shop)\b|\bwhen will (?:it|my \w+|the \w+) be (?:ready"
        r"|done"
        r"|fixed|finished)\b",
        r"\bis my (?:\w+ )?(?:car|truck|suv|van|vehicle|\w+) (?:done|ready|fixed)\b|\bdropped (?:it|my \w+) off (?:at"
        r"|for|"
        r"with) (?:service|the shop|your shop|the service)\b",
        r"\bdesde que (?:lo|la) (?:compr[eé]|compramos|saqu[eé]|sacamos)\b|\b(?:mi|el) (?:carro|coche|auto|camioneta|"
        r"troca)\b[^.?!]{0,30}\b(?:falla|fallas|ruido|se apaga|no prende|no arranca|luz de check)\b",
        # "compre una santa fe aqui hace un mes y ya tiene una falla": bought here, and a fault since
        r"\b(?:compr[eé]|compramos|me vendieron|nos vendieron|saqu[eé])\b[^.?!]{0,60}\b(?:falla|fallas|ruido|se apaga"
        r"|no prende|no arranca|luz de check|se descompuso|gotea|problema|problemas)\b",
        r"\b(?:check engine|warning|engine) light\b[^.?!]{0,40}\b(?:i bought|bought from|from (?:you|u)|you sold)\b",
        r"\b(?:came|got (?:it|her|him|my \w+)|picked (?:it|her|him|my \w+) up) back from (?:your "
        r"|the )?(?:detail\w*|service"
        r"|shop|body shop|dealership|car wash)\b[^.?!]{0,50}\b(?:scratch\w*|swirl\w*|dent\w*|damage\w*|broke\w*|leak\w*"
        r"|noise|missing|stain\w*|light|worse|smell\w*|chip\w*)\b"
        r"|\bcame back from (?:your|the) (?:detail\w*|service|shop|body shop|dealership|car wash)\b"
        r"|\bonly (?:\d+|two|three|a few|one|a) (?:days?|weeks?|months?) old\b[^.?!]{0,40}\b(?:already|needs?|broke\w*"
        r"|leak\w*|noise)\b"
        r"|\b(?:after|since) (?:your|the) (?:detail\w*|service|oil change|repair"
        r"|body shop)\b[^.?!]{0,40}\b(?:scratch\w*"
        r"|swirl\w*|dent\w*|damage\w*|broke\w*|leak\w*|noise|missing|stain\w*|light)\b",
        r"\b(?:needs?|needed|has|had)\b[^.?!]{0,30}\balready\b[^.?!]{0,20}\b(?:\d+|two|three|a few|one) (?:days?|weeks?"
        r"|months?) (?:in|after|later|since)\b|\bonly had (?:it|her|the \w+) (?:for )?(?:\d+|two|three"
        r"|a few|one) (?:days?"
        r"|weeks?)\b",
        r"\b(?:your|the) service (?:dept|department|center|centre|team|guys)\b[^.?!]{0,25}\b(?:look at|check|fix|see"
        r"|diagnose)\b|\bmy \w+(?: \w+)? (?:won'?t|wont|doesn'?t|will not|stopped) (?:charge|charging|turn on|lock"
        r"|unlock|connect|pair|start|shift)\b",
    ),
    (
        "billing",
        r"\b(?:charged|billed|debited) (?:me|my (?:card|account)|us)\b|\b(?:i|we) (?:was|were|got|have been|been|"
        r"just got) (?:charged|billed)\b",
        r"\b(?:double|over)[\s-]?charged\b|\bcharged (?:twice|double)\b",
        r"\b(?:first |last |my )?payment (?:was never|wasn'?t|was not|didn'?t|hasn'?t|never) (?:applied|posted|"
        r"processed|received|go through|went through)\b|\bloan (?:isn'?t|isnt|wasn'?t|was never|never|not|hasn'?t|hasnt"
        r"|has not) (?:been |yet )?funded\b",
        r"\b(?:my )?first payment\b|\bover[\s-]?charg\w*|\b(?:got|received|getting) (?:a|this|another) (?:bill|invoice"
        r"|charge|letter|notice|statement) from (?:you|u"
        r"|y'?all|your)\b",
        r"\b(?:question|problem|issue|questions|problems|issues) (?:about|with|on|regarding) my (?:bill|invoice"
        r"|statement"
        r"|payment|loan|lease|contract|account|purchase|title|registration|warranty|deal)\b",
        r"\b(?:copy of (?:my|the)|(?:need|send me|email me|where(?:'s| is)) my) (?:bill of sale|buyers? order|purchase "
        r"agreement|"
        r"contract|paperwork|finance contract|loan docs?)\b",
        r"\bpay ?off (?:for|on) (?:my|the) trade\b[^.?!]{0,30}\b(?:never|wasn'?t|not|hasn'?t)\b"
        r"|\bnever paid off (?:my|the) (?:trade|loan)\b|\blate (?:notices?|fees?|payments?) (?:on|for) my\b"
        r"|\bgetting late notices\b",
        r"\b(?:where(?:'s| is)|waiting (?:on|for)|never (?:got|received)|still no) (?:my|the) (?:refund|rebate check"
        r"|check)\b|\brefund (?:for|on) (?:the|my) (?:gap|warranty|deposit|service contract)\b",
        r"\b(?:gap|gap insurance|service contract|extended warranty|paint protection)\b[^.?!]{0,40}\b(?:cancell?ed"
        r"|refund|declined|didn'?t (?:want|ask for|agree)|never (?:asked|agreed|wanted))\b",
        r"\b(?:me cobraron|cobro de m[aá]s|cobraron de m[aá]s|cargo doble|la factura|mi factura|mi pago no)\b",
    ),
    (
        "after the sale",
        rf"\b(?:{_OWNERSHIP})\b[^.?!]{{0,60}}\b(?:{_AFTER_SALE_PROBLEM})\b",
        rf"\b(?:{_AFTER_SALE_PROBLEM})\b[^.?!]{{0,60}}\b(?:{_OWNERSHIP})\b",
        r"\b(?:mi|la|el) (?:garant[ií]a|t[ií]tulo|registro|llave|pago)\b[^.?!]{0,40}\b(?:no|nunca|todav[ií]a)\b",
    ),
)

# A safety recall or defect on the customer's car: only a person gives authoritative answers.
RECALLS = _table(
    _RECALL_ON_THEIR_CAR,
    # "tengo un recall en mi tucson que les compré": the recall on their own car, in Spanish
    (
        "recall",
        r"\b(?:tengo|hay|tiene|salió|salio) (?:un|una) (?:recall|llamado a revisi[oó]n|campa[nñ]a de seguridad)\b"
        r"|\b(?:recall|revisi[oó]n de seguridad) (?:en|de|para) mi\b",
    ),
    ("safety defect", r"\bsafety (?:issue|defect|notice|campaign|problem)\b|\bnhtsa\b|\bdefective\b"),
)
# Shopping talk that explains a problem with the car they have: "it's making a noise so I'm looking to replace it".
SHOPPING = rx(
    r"\b(?:looking|want|wanting|need|needing|time|ready|thinking) (?:to|for) (?:replace|trade|upgrade|get (?:a"
    r"|something)"
    r"|buy|a new|a replacement|something)\b|\breplace (?:it|her|my)\b|\btrade (?:it|her|my \w+) in\b|\btrade[\s-]?in\b"
    r"|\btrading (?:it|her|in|my)\b|\bsomething (?:new|newer|cheaper|bigger|smaller|more reliable)\b"
    # "check engine light is on in my current car so i need something fast, what do u have under 15"
    r"|\b(?:my )?(?:current|old|present) (?:car|truck|suv|van|ride)\b[^.?!]{0,60}\b(?:so|need|looking|what do (?:you|u)"
    r" have|anything)\b"
)
# --- sarcasm: praise in quotes, "thanks for nothing", an eye-roll ----------------------------------------------------
_PRAISE = (
    r"great|excellent|amazing|awesome|wonderful|fantastic|best|perfect|professional|helpful|fast|quick|friendly"
    r"|no pressure|no hidden fees|customer service|we value|value your business|call you back|we'?ll call|honest"
    r"|easy|hassle[\s-]free|family|care|priority|top notch|5 star|five star|courteous|respect|get (?:right )?back"
    r"|right back|right away|shortly|asap|soon|no haggle|transparent"
)
SARCASM = _table(
    (
        "sarcasm",
        rf"(?<![a-z0-9])['\"](?:[^'\"]{{0,20}}\b)?(?:{_PRAISE})\b[^'\"]{{0,40}}['\"](?![a-z])",
        r"\bthanks? (?:a lot |so much |very much )?for (?:nothing|wasting|ignoring|the runaround|the run around|not"
        r"|never)\b|\bwast(?:e|ed|ing) (?:my|our) (?:whole |entire )?(?:time|day|afternoon|morning|evening|night"
        r"|saturday"
        r"|sunday|weekend|gas|trip|lunch)\b",
        r"\b(?:gee|wow|oh) (?:thanks|thank you)\b|\bthanks a lot\b[^.?!]{0,20}\b(?:no one|nobody)\b",
        r"\b(?:appreciate|love|loving|enjoy) (?:you |u |y'?all )?(?:wasting|being (?:lied|ignored|ghosted|jerked"
        r"|misled|left)|how (?:nobody|no one|you|u|y'?all|your)|getting (?:ignored|ghosted|the runaround))",
        r"\b(?:nice|good|great) to know (?:my|that|i|you)\b|(?<!thank you )(?<!thanks )(?<!thank u )(?<!thx )"
        r"\bso much for\b|\byeah,? right\b(?! (?:side|there|here|now|away|hand|lane|one))|\bwhat a joke\b",
        r"\b(?:real|really|very|super|so) (?:professional|helpful|classy)(?: of (?:you|u|y'?all))?\b[^.?!]{0,60}"
        r"\b(?:ignor\w*|never|nobody|no one|not|lied|waited)\b"
        r"|\b(?:ignor\w*|never|nobody|no one|lied|waited)\b[^.?!]{0,60}\b(?:real|really|very|super|so) "
        r"(?:professional|helpful|classy)\b",
        r"\boh (?:great|good|perfect|wonderful|sure),? (?:another|more|again|the same)\b",
        r"\b(?:pressure|fees|problem|deal|service)['\"]? my a(?:ss|\*\*|\$\$)|(?:^|\s)/s\b|\bjust wow\b",
        r"\b(?:really|totally) makes my day\b",
        # "5 stars for making me wait 2 hrs", "love how my 'fully detailed' car came back with fries ... lol thanks"
        r"\b(?:5|five|10/10|ten|a\+)\s*stars?\s+for (?:making|having|letting|the wait|nothing|ignoring|never)\b",
        r"\b(?:love|loving|gotta love) (?:how|that) (?:my|the|your|ur|you|u|y'?all|nobody|no one)\b[^.?!]{0,80}"
        r"\b(?:came back|still|never|broke|broken|dirty|again|wait\w*|lol|smh|ignored)\b",
        r"\b(?:lol|lmao|smh|haha)\s+(?:thanks|thank you|thx) (?:a lot|so much|again)\b",
        r"(?<![a-z0-9])['\"][a-z][a-z -]{2,25}['\"][^.?!]{0,60}\b(?:came back|made up|never|nobody|no one|joke|fake"
        r"|lie|lied|bs)\b",
    ),
)
EYE_ROLL = "🙄😒👏"

# --- more complaints: being ignored, kept waiting, pressured, told one thing and given another -----------------------
COMPLAINTS_MORE = _table(
    (
        "ignored",
        r"\b(?:you|u|y'?all|they|he|she)(?:'re| are| r)? (?:keep |kept |just |still )?ignor\w*|\bignored (?:my|me"
        r"|all)\b"
        r"|\bignoring (?:my|me)\b|\bleft (?:me )?on read\b|\bno one (?:helped|came|showed)\b"
        r"|\bnobody (?:helped|came|showed up|was there|greeted)\b|\bno one was there\b",
        r"\bwaited\b[^.?!]{0,40}\b(?:and|but)\b[^.?!]{0,30}\b(?:nobody|no one|never|they said|the car was (?:sold|gone"
        r"|out|not))\b",
        r"\bwaited (?:\d+|an?|two|three|over an?|almost an?) (?:hours?|hrs?|min\w*)\b[^.?!]{0,60}\b(?:nobody|no one"
        r"|never|for nothing|still)\b",
        r"\bshowed up\b[^.?!]{0,40}\b(?:no one|nobody|wasn'?t|was not|not ready|gone|sold)\b",
        r"\bmeant nothing\b|\bcallback that never\b|\bcall back that never\b",
        r"\b(?:nobody|no one|no1)\s+(?:ever\s+|actually\s+|really\s+)?(?:reaches?|reached) out\b"
        r"|\b(?:nobody|no one|no1)\s+(?:ever\s+|actually\s+)?(?:calls?|called|gets?|got|follows?|followed)"
        r"\s+(?:me\s+|us\s+)?(?:back|up)\b|\b(?:nobody|no one)\s+(?:ever\s+)?(?:responds?|responded|answers?"
        r"|answered|repl(?:y|ies|ied)|contacted (?:me|us))\b",
    ),
    (
        "fed up",
        r"\b(?:i'?m|im|i am|we'?re|we are)\s+(?:so\s+|just\s+|officially\s+)?(?:over it|done with (?:this|you|y'?all"
        r"|your)|fed up)\b|\bfed up\b|\b(?:sick|tired) (?:and tired )?of (?:waiting|this|being|the runaround"
        r"|chasing|getting)\b|\b(?:i'?ve|i have|we'?ve) had (?:it|enough)\b",
        r"\bnadie me (?:da|dice|quiere dar|sabe)\b|\bya (?:pregunt[eé]|llam[eé]|escrib[ií]|ped[ií])\b[^.?!]{0,40}"
        r"\b(?:veces|dos|tres|otra vez)\b",
        r"\bya me cans[eé]\b|\bestoy (?:harto|harta|cansad[oa] de)\b|\bllevo\b[^.?!]{0,30}\besperando\b"
        r"|\bya van\b[^.?!]{0,20}\b(?:veces|d[ií]as|semanas)\b",
        r"\b(?:sent|submitted|filled out|requested|asked|called|texted|emailed)\b[^.?!]{0,30}\b(?:on )?(?:mon|tues"
        r"|wednes|thurs|fri|satur|sun)day\b[,.;]?\s*(?:and\s+)?(?:now\s+)?(?:it'?s|its|today is|today'?s)\s+(?:mon|tues"
        r"|wednes|thurs|fri|satur|sun)day\b",
    ),
    (
        "disrespected",
        r"\b(?:disrespect\w*|condescending|belittl\w*|talked down to|rude to (?:me|us|my))\b",
        r"\btreated (?:me |us |my \w+ )?(?:so |very |really )?(?:badly|poorly|bad|terribl[ey]|horribl[ey]|like (?:crap"
        r"|garbage|dirt|trash|an idiot|a child))\b|\bnever been (?:so |this )?(?:treated|disrespected|insulted)\b",
    ),
    (
        "still nothing",
        r"\b(?:\d+|a few|two|three|four|several|many) (?:days|weeks|months|calls|emails|texts|messages)\b[^.?!]{0,15}"
        r"\b(?:and |& |but )?(?:still )?(?:nothing|no (?:call|answer|response|reply|word|update|callback))\b"
        r"|\bstill nothing\b|\bstill no (?:answer|response|reply|word|call|update)\b",
        r"\bthat was (?:\d+|two|three|four|five|a few|several) (?:days|weeks|hours|months) ago\b",
        r"\b(?:was|were) supposed to (?:be (?:mailed|sent|fixed|done|ready|delivered)|get|have|receive|come|arrive|send"
        r"|mail"
        r"|call)\b|\bregret\w*\b|\bhid (?:the |some )?(?:fees|charges|costs)\b",
        r"\bpromised (?:me |us )?(?:a )?(?:call ?back|call|response|reply|update|answer)\b[^.?!]{0,40}\b(?:nothing"
        r"|never"
        r"|still|no one|nobody)\b|\bnever again\b|\bkept (?:me|us) (?:there|waiting|for|at)\b",
    ),
    (
        "contradicted",
        r"\b(?:says|said|shows|showed|listed|quoted) one (?:price|thing|number)\b[^.?!]{0,50}\b(?:another|different"
        r"|something else)\b",
        r"\breal (?:useful|helpful|professional|nice of you|great job)\b|\b(?:gotta|got to|you have to"
        r"|you gotta) love\b",
        r"\bcan'?t (?:even )?answer (?:a|my|the|one) (?:simple |basic )?question\b",
        r"\b(?:\d|two|three|four|five) different (?:prices|answers|numbers|quotes|stories|people)\b[^.?!]{0,60}"
        r"\b(?:\d|two|three|four|five) different (?:prices|answers|numbers|quotes|stories)\b"
        r"|\bgot (?:\d|two|three|four|five) different (?:prices|answers|numbers|quotes|stories)\b",
        r"(?<![a-z0-9])['\"][a-z][a-z ]{1,25}['\"](?![a-z])[^.?!]{0,40}\b(?:you sold|sold (?:me|us)|you said|you told"
        r"|you "
        r"promised|so[\s-]called)\b",
    ),
    (
        "not as advertised",
        r"\b(?:advertised|listed|the ad said|ad says|website said|website says|listing said|listing says|you said|"
        r"posted|pictures showed)\b[^.?!]{0,50}\b(?:and|but|yet)\b[^.?!]{0,20}\b(?:it |they |there )?(?:doesn'?t|doesnt"
        r"|does not|didn'?t|didnt|isn'?t|isnt|wasn'?t|wasnt|don'?t|dont|has no|had no|is not|was not)\b",
    ),
    (
        "pressured",
        r"\b(?:pushed|forced|pressured|talked me into|snuck|slipped) (?:a |an |the )?\w*\s?(?:warranty|gap|add[\s-]?on|"
        r"package|product|protection|insurance|on me|me into)\b|\bwouldn'?t let (?:me|us) leave\b"
        r"|\bhigh[\s-]pressure\b",
        r"\bkept (?:pushing|pressuring|pressing|hounding|trying to (?:sell|push|upsell))\b"
        r"|\b(?:very |really |so |super )?uncomfortable (?:experience|visit|situation)\b|\bmade (?:me|us) "
        r"(?:feel )?uncomfortable\b",
    ),
    (
        "broken promise",
        r"\b(?:told|promised|said|assured) (?:me|us)\b[^.?!]{0,50}[.!,;]\s*(?:it|they|he|she|that)? ?(?:didn'?t|did not"
        r"|wasn'?t|was not|isn'?t|never|doesn'?t)\b",
        r"\b(?:sold|gave) (?:the car|the truck|it|my car|my truck|the one)\b[^.?!]{0,40}\b(?:someone else|somebody "
        r"else|another (?:customer|buyer|person))\b|\bput a deposit on\b[^.?!]{0,40}\bsold\b",
    ),
    (
        "conflicting prices",
        r"\b(?:online|advertised|website|internet|listed) price\b[^.?!]{0,60}\b(?:different|doesn'?t match|not the same"
        r"|higher|changed)\b",
        r"\bprices? (?:were|was|are|is) (?:totally |completely |way )?(?:different|higher)\b",
    ),
    (
        "complaint (Spanish)",
        r"\b(?:mal|mala|p[eé]sim[oa]|horrible|terrible) (?:servicio|atenci[oó]n|experiencia|trato)\b",
        r"\bnunca me (?:regresaron|devolvieron|contestaron|llamaron|respondieron)\b|\bme trataron (?:muy )?mal\b",
        r"\b(?:decepcionad[oa]s?|indignad[oa]s?|inconformes?)\b",
        r"\bnadie me (?:contesta|responde|ha (?:llamado|contestado|regresado|devuelto|respondido|atendido)|llam[oó]"
        r"|atendi[oó]|ayud[oó]|regres[oó])\b|\bno me han (?:llamado|contestado|respondido|regresado)\b",
        r"\b(?:atenci[oó]n|servicio|trato|experiencia|vendedor|vendedora)\b[^.?!]{0,15}\b(?:fue|es|ha sido|estuvo|"
        r"muy)\s+(?:muy )?(?:p[eé]sim[oa]|mal[oa]?|horrible|terrible|fatal|grosero|grosera)\b",
        r"\b(?:me dejaron|estuve) esperando\b|\b(?:estoy|estamos) (?:muy )?(?:molest[oa]s?|enojad[oa]s?|frustrad[oa]s?"
        r"|decepcionad[oa]s?|inconformes?)\b",
        r"\b(?:una )?(?:verg[uü]enza|falta de respeto|estafa|fraude|enga[nñ]o)\b|\bme (?:mintieron|enga[nñ]aron)\b",
        r"\bquiero (?:mi dinero|que me devuelvan|un reembolso)\b|\bdevuelvan? mi (?:dinero|enganche|dep[oó]sito)\b",
    ),
    (
        "complaint (other language)",
        r"\b(?:tr[eè]s )?(?:mauvais|horrible) (?:service|accueil)\b|\binadmissible\b|\bpersonne ne (?:r[eé]pond|m'a)\b",
        r"\b(?:p[eé]ssimo|horr[ií]vel) (?:atendimento|servi[cç]o)\b|\bningu[eé]m (?:responde|me atendeu)\b",
    ),
)

# --- repeated frustration: the AI is not answering ------------------------------------------------------------------
FRUSTRATION = _table(
    (
        "says the AI is not answering",
        r"\b(?:you'?re|you are|u r|ur|you'?re still) not (?:answering|listening|reading|helping|getting it)\b",
        r"\b(?:answer|read) (?:the|my) (?:question|message)\b|\bjust answer\b|\bnot what i asked\b",
        r"\bkeep (?:ignoring|avoiding|dodging|sending (?:me )?the same)\b|\b(?:going|getting) nowhere\b",
        r"\b(?:are|r) (?:you|u) (?:ever |even )?(?:going|gonna) (?:to )?(?:answer|respond|reply)\b|\bkeep repeating\b"
        r"|\brepeating (?:yourself|the same)\b",
        r"\basking (?:again|agian|one more time|for the last time)\b|\basked\b[^.?!]{0,30}\b(?:two|three|four|five|"
        r"\d+|several|multiple|many) times\b",
        r"\bwhy (?:won'?t|wont|don'?t|dont|can'?t|cant|didn'?t|aren'?t|arent|do) (?:you|u) (?:answer|respond|reply|read"
        r"|listen|tell me|keep)\b|\b(?:actually|even) (?:read|reading|listen|listening)\b",
        r"\bfor the (?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|last|hundredth|millionth) time\b"
        r"|\b(?:doesn'?t|does not|didn'?t|did not|don'?t|do not) answer (?:my|the) question\b"
        r"|\bthat'?s not what i (?:asked|said|meant)\b|\byou'?re not getting it\b",
        r"\byou (?:still |just )?(?:didn'?t|did not|never|haven'?t|have not) (?:answer|respond|reply|tell"
        r"|get back)\w*\b"
        r"|\b(?:already )?told (?:you|u) (?:my \w+ |that |this )?(?:twice|already|two times|again)\b",
        r"\bread what i (?:wrote|write|am writing|'m writing|said|asked)\b|\bkeep getting (?:the same|a canned|an "
        r"automated|the automated)\b",
        r"\bnot (?:helpful|helping)\b|\buseless answers?\b",
        # "why does every response ask for my phone number", "nobody will confirm it"
        r"\bwhy (?:does|do|is|are|must) (?:every|each|all (?:the|your))\s+(?:single )?"
        r"(?:response|reply|replies|text|email|message|answer|person|time)\b"
        r"|\b(?:nobody|no one) (?:will|wants to|can|ever|is willing to) (?:confirm|tell|answer|give)\b",
        # "whats the point of this thing", "this bot is useless", "waste of my time"
        r"\bwhat'?s the (?:point|use) of (?:this|you|u|talking|asking)\b"
        r"|\b(?:this|you|u|the) (?:thing|bot|chat|chatbot|app|ai)?\s?(?:is|are|r) (?:useless|pointless|worthless)\b"
        r"|\b(?:waste|wasting) (?:of )?(?:my|our) time\b|\bde qu[eé] sirve (?:esto|este)\b",
        # "k. forget it", "whatever, forget it": giving up on the chat
        r"^\W*(?:(?:k|ok|okay|fine|whatever|ugh|meh)\W+)?(?:just )?forget (?:it|about it)\W*$|\bolv[ií]dalo\b",
    ),
)
# Impatience that counts once the customer has asked before: "does it have a sunroof or not", "yes or no?"
IMPATIENT = rx(r"\b(?:yes or no|or not)\W*$")
# A customer's message that is only "???", "hello??", "anyone there?" after earlier customer messages went unanswered.
NUDGE = rx(
    r"^\W*(?:\?{2,}|hello\W*\?+|hellooo+|anyone (?:there|home)|anybody (?:there|home)|u there|you there|still waiting"
    r"|waiting)\W*(?:\w+\W*){0,5}$"
)

# --- a visit at a specific time ------------------------------------------------------------------------------------
VISIT = rx(
    r"\b(?:come|coming|comin|come in|come by|stop|stopping|swing|swinging|drop|dropping|pop|head|heading|get|be|make)"
    r"\s+(?:in|by|over|down|there|it|out|back)\b",
    r"\b(?:meet|see (?:it|her|them|you|u|the \w+|that one)|look at|check (?:it |her |them )?out|test[\s-]?driv\w*"
    r"|appointment|appt|schedul\w*|book(?:ing)?|reserve|put me down|pencil me|sign me up|pick (?:it|her|them|the \w+)"
    r" up|bring (?:it|my|the|her|in)|drop (?:it |my \w+ )?off|appraisal|visit)\b",
    r"\b(?:work|works|working) for (?:you|u|y'?all)\b|\b(?:does|would|will|is|can)\b[^.?!]{0,40}\b(?:work|ok|okay|good|"
    r"fine|possible|available)\b\s*\??|\b(?:that|it) (?:work|works|ok|okay)\b|\bhow about\b|\bwhat about\b",
    r"\b(?:i|we|i'?ll|we'?ll|i can|we can|i could|we could|can i|can we|could i|could we)\s+(?:come|stop|swing|drop"
    r"|pop|head|go)\b(?! with\b)",
    r"\bset (?:me|us) up\b|\b(?:to|and) sign\b|\bfor (?:a|the) (?:test drive|appraisal|appointment|visit)\b",
    r"\b(?:can|could) (?:we|i|u|you) do\b|\b(?:i|we) (?:can|could|will|'ll) do\b|\b(?:i'?m|im|i am) (?:free|available|"
    r"off)\b|\bsee you\b|\bsee u\b|\bi'?ll be there\b|\bi'?ll be in\b",
    # Spanish: ir, pasar, llegar, ver, una cita, una prueba de manejo
    r"\b(?:ir|voy|vamos|pasar|paso|pasamos|llegar|llego|llegamos|ver(?:la|lo)?|visitar|cita|prueba de manejo|manejar"
    r"|nos vemos|probar(?:la|lo|las|los)?|manejar(?:la|lo)|agendar|apartar(?:la|lo)?)\b",
)
HOURS_QUESTION = rx(
    r"\b(?:are|r) (?:you|u|y'?all|you guys) (?:open|still open|closed)\b|\b(?:open|close|closing|closed) (?:at|till"
    r"|til|until|by|before|after)\b|\bwhat time (?:do|does|are)\b|\bhours\b|\bopen (?:late|early)\b"
    r"|\bhorario\b|\ba qu[eé] hora (?:abren|cierran)\b",
)

# --- Spanish (and others): a person, ready to buy, offers ----------------------------------------------------------
READY_ES = _table(
    (
        "ready to buy",
        r"\b(?:lo|la) (?:quiero|compro|tomo|aparto)\b|\blisto para (?:comprar|firmar)\b|\b(?:quiero|vamos a) cerrar el"
        r" trato\b|\b(?:quiero|queremos|voy a|vamos a) comprar(?:la|lo)?\b[^.?!]{0,20}\b(?:hoy|ahora|ya|ma[nñ]ana)\b",
        r"\b(?:m[aá]nde(?:me|nme)|env[ií]e(?:me|nme)|p[aá]sen(?:me)?) (?:el contrato|los papeles|la documentaci[oó]n"
        r"|el papeleo)\b|\bfirmar (?:el contrato|los papeles|hoy)\b|\bdejar (?:un )?(?:dep[oó]sito|enganche)\b",
        r"\bme (?:quedo|llevo) (?:con )?(?:la|el|los|las|esa|ese|esta|este)\b|\b(?:cu[aá]ndo"
        r"|d[oó]nde) (?:firmo|firmamos"
        r"|paso a firmar)\b|\bya (?:me )?decid[ií]\b",
    ),
)
OFFER_ES = _table(
    (
        "offer (Spanish)",
        r"\b(?:le|les) (?:ofrezco|doy|pago)\b|\bmi oferta\b|\bme (?:la|lo) (?:dejan|deja|dan|da) en\b",
        r"\b(?:me hacen|me hace|hay|tienen|dan) (?:un |alg[uú]n )?(?:descuento|rebaja)\b|\bprecio final\b"
        r"|\blo menos\b|\b(?:me|nos) (?:la|lo) dejan\b"
        r"|\b[uú]ltimo precio\b|\bcon todo incluido\b",
    ),
)

# --- not a sales enquiry a person must answer: lost property, a job application --------------------------------------
NOT_SALES = _table(
    (
        "lost property",
        r"\b(?:left|lost|forgot|dropped) (?:my|our|a|his|her) (?:wallet|phone|cell|keys?|sunglasses|glasses|bag|purse"
        r"|jacket|coat|charger|id|license|card|credit card|backpack|hat|umbrella|airpods|ring|watch)\b",
        r"\b(?:dej[eé]|olvid[eé]|perd[ií]) (?:mi|mis) (?:cartera|tel[eé]fono|celular|llaves|lentes|bolsa|chamarra)\b",
    ),
    (
        "job application",
        r"\b(?:are|r) (?:you|u|y'?all|you guys) hiring\b|\b(?:drop off|send|submit|email) (?:my|a) (?:resume|cv)\b"
        r"|\b(?:job|position|opening)s? (?:available|open|opening)\b|\bapply (?:for|to) (?:a |the )?(?:job|position)\b",
        r"\b(?:est[aá]n|estan) contratando\b|\bbusco (?:trabajo|empleo)\b",
    ),
)
