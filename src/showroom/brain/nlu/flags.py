"""Flags of a message: an explicit request for a person, 'are you a bot?', a question, STOP and START."""

from __future__ import annotations

import re

from showroom.brain.nlu.text import TOKEN_RE, _mask, clean, is_negated, rx, words

_OPT_OUT_RE = re.compile(r"^\s*(?:stop|stop all|stopall|unsubscribe|cancel|end|quit)\s*[.!]*\s*$", re.IGNORECASE)
_RESUME_RE = re.compile(r"^\s*(?:start|unstop|subscribe|resume)[.!]*\s*$", re.IGNORECASE)
_PEOPLE = (
    r"(?:human|person|someone|somebody|anyone|manager|sales\s?(?:man|person|rep|team|guy|lady|manager|department)|"
    r"rep|representative|agent|dealer|owner|finance (?:guy|manager|person|department)|gm|boss|supervisor|actual|"
    r"real|live|people|staff|employee|associate|consultant|advisor)"
)
# A role, with the word before it ("finance lady", "service advisor", "sales desk")
_ROLE = (
    r"(?:\w+ )?(?:manager|gm|salesperson|salesman|saleswoman|sales ?(?:rep|guy|lady|team|person|desk)|rep"
    r"|representative"
    r"|advisor|adviser|consultant|supervisor|boss|owner|lady|guy|gal|person|human|someone|somebody|department|office"
    r"|team"
    r"|desk)"
)
_HUMAN_RE = rx(
    r"\b(?:real|actual|live|human|physical)\s+(?:person|human|people|agent|being|sales\s?(?:man|person|rep|guy))\b",
    r"\b(?:talk|speak|chat|text|connect|connected|transfer)\s+(?:me\s+)?(?:to|with|w/|w|2)\s+"
    r"(?:a\s+|an\s+|the\s+|your\s+|ur\s+|some\s+|one of your\s+)?"
    rf"(?:general\s+|sales\s+|finance\s+|used car\s+|new car\s+|store\s+|internet\s+|service\s+)?{_PEOPLE}\b",
    r"\b(?:can|could|would) (?:someone|somebody|a person|anyone) (?:please )?(?:look|check|go look|find|help me)\b",
    r"\b(?:call|phone|ring)\s+me\b|\bgive me a (?:call|ring|phone call)\b",
    r"\b(?:have|get|can|could|need|want|ask|tell)\s+(?:someone|somebody|(?:a|an|the|your|one of your)\s+"
    rf"{_PEOPLE})\s+(?:to\s+)?(?:call|text|contact|reach out|email|get back|phone|help)\b",
    r"\b(?:get|put|send|find|connect) me (?:to |with )?(?:someone|somebody|a person|a human|a manager|a rep"
    r"|a salesperson|a real person|an actual person)\b|\bsomeone (?:who|that) (?:actually )?works\b",
    rf"\b(?:get|send|find|connect) me (?:to |with )?(?:your|ur|the) (?:sales\s+|general\s+)?{_PEOPLE}\b",
    r"\b(?:whoever|who'?s|who is|the person|someone|somebody)\s+(?:is\s+)?in charge\b"
    r"|\blet me (?:talk|speak) to\b"
    r"(?! (?:my|the|our) (?:wife|husband|partner|spouse|family|kids|parents|mom|dad|bank))",
    r"\b(?:no|not a|stop the|enough with the|done with the|tired of the)\s+(?:bots?|robots?|ai|automated)\b",
    r"\bhuman (?:please|pls|plz|being)\b|\bhumans?\s*(?:please|pls|plz|\?|!|$)",
    r"\b(?:representative|operator|agent)\s*(?:please|pls|plz|!|$)|\bwho (?:can|do|should|would) i (?:need to "
    r"|have to )?"
    r"(?:talk|speak) (?:to|with)\b",
    rf"\b(?:get|put) (?:ur|your|the|a) (?:\w+ )?{_PEOPLE} on the (?:phone|line)\b",
    r"\b(?:is there|is their|got|you got|do you have) (?:a|an|any|some)\s*(?:one|body|person|human|real person|"
    r"manager|sales\s?(?:man|person|rep)|employee)\b[^.?!]{0,25}\b(?:talk|speak|chat)\b",
    r"\b(?:some|any)\s?(?:one|1|body) (?:to )?call me\b|\bsum1 (?:to )?call me\b",
    r"\b(?:need|want|like|get|request|requesting|expecting|waiting on|waiting for|can i get|could i get)\s+"
    r"(?:a\s+|an?\s+urgent\s+|your\s+)?call[\s-]?back\b|\bcall[\s-]?back (?:please|pls|plz|asap|from)\b",
    r"\b(?:get|put)\s+(?:someone|somebody|anyone|anybody|sum1|a (?:person|human|manager|rep|salesperson))\s+"
    r"on the (?:phone|line)\b|\bescalat(?:e|ing) (?:this|me|my|it|the)\b",
    r"\b(?:need|want|request|demand|requesting)\s+(?:to see\s+)?(?:a|the|your|ur)\s+(?:sales\s+|general\s+)?"
    r"(?:manager|supervisor|gm)\b",
    # who is in charge, by role or by name: "who is the sales manager there?", "is jason still working there?"
    r"\bwho(?:'?s| is| r| are)\s+(?:the|your|ur|y'?all'?s)\s+(?:sales\s+|general\s+|used car\s+|new car\s+|"
    r"finance\s+|internet sales\s+|store\s+|service\s+)?(?:manager|managers|gm|owner|boss|supervisor"
    r"|person in charge)\b",
    r"\b(?:talk|speak|deal|work)\s+(?:to|with)\s+(?:him|her|them|someone|somebody|a person|a human|a real person)"
    r"\s+(?:directly|in person|over the phone|on the phone|face to face)\b",
    r"\b(?:prefer|rather|like|want) to (?:work|deal|talk|speak) with (?:someone|somebody|a person|a human|a real "
    r"person|an actual person)\b",
    r"\b(?:the )?name of (?:a|the|your|ur) (?:salesperson|sales ?(?:man|rep|guy|lady)|manager|rep|person)\b",
    r"\b(?:is|does)\s+(?!it\b|that\b|this\b|the\b|he\b|she\b)[a-z]+\s+still\s+work(?:ing)?\s+(?:there|at|for|with)\b",
    rf"\b(?:a|an|the|your|ur|one of your)\s+{_PEOPLE}\s+(?:to\s+)?(?:call|text|contact|reach out|email|get back|phone|"
    r"give me a (?:call|ring|buzz)|hit me up)\b",
    rf"\b(?:have|get|can|could|ask)\s+(?:the|your|a|ur)\s+(?:\w+\s+)?{_PEOPLE}\s+(?:to\s+)?(?:give me a (?:call|ring"
    r"|buzz)|hit me up|reach out)\b",
    r"\b(?:pass|forward|send|bring) (?:this|it|my (?:message|info|request)) (?:along |over |up )?to (?:your|the|a|ur) "
    r"(?:\w+ )?(?:manager|gm|boss|supervisor|sales ?(?:team|manager|person|rep)|team)\b",
    r"\btransfer (?:me|this|my call)\b",
    rf"\b(?:your|ur|the|a|an|some)\s+{_ROLE}\b[^.?!]{{0,25}}\b(?:call|text|reach out to|contact|get back to|phone|email"
    r"|ring)\w*\s+(?:me|us)\b",
    rf"\b(?:phone call|call|text|callback|call back|email) from (?:a|the|your|ur|an|some) {_ROLE}\b",
    rf"\b(?:connect|put|transfer|send) me (?:to|through to|in touch with|with) (?:a|the|your|ur|an|some) {_ROLE}\b",
    r"\b(?:she|he) (?:helped|sold|was helping|worked with|took care of) (?:me|us)\b",
    r"\b(?:someone|somebody|a person|a human|anyone|sum1|a rep|a salesperson|a manager)\b[^.?!]{0,25}\b(?:to )?"
    r"(?:contact|call|text|reach out to|email|phone|get in touch with) (?:me|us)\b",
    r"\b(?:from|on|with) (?:a|your|ur) (?:real|actual|personal|cell|direct) (?:number|phone|line)\b",
    r"\b(?:with|to) (?:a|an|one) (?:real |actual |live )?(?:person|human)\b[^.?!]{0,30}\b(?:rather than|instead of|not)"
    r"\b|\b(?:rather than|instead of|not) (?:a|an|this|the) (?:chat ?bot|bot|robot|ai|computer|machine)\b",
    r"\b(?:direct |cell |personal )?(?:number|line|extension|cell|email) (?:for|of|to) (?:a|the|your|ur) (?:\w+ ){0,3}"
    r"(?:manager|gm|salesperson|sales ?(?:man|rep)|owner|supervisor)\b",
    r"\bsomeone (?:who|that) can (?:make (?:a )?decisions?|actually help|approve|decide)\b",
    # "is anyone actually there", "is there a real person there?", "anybody home??": a person, asked for sideways
    # ("is anyone there?" alone opens many chats: a greeting the agent answers)
    r"\b(?:is|r|are)\s+(?:there\s+)?(?:any\s?one|any\s?body|some\s?one|a (?:real |live |actual )?(?:person|human))\s+"
    r"(?:actually|even|really|ever) (?:there|here|home|working|reading|awake)\b",
    r"\b(?:is there|hay) (?:an? |una? )?(?:actual|real|live) (?:person|human|persona)\b",
    # Spanish, common at US dealerships: "quiero hablar con una persona", "llámenme", "necesito un gerente"
    r"\b(?:hablar|platicar|comunicarme) con (?:una? |el |la |alguien|algún |algun )?"
    r"(?:persona|humano|alguien|gerente|vendedor|vendedora|encargado|encargada|asesor|asesora|agente|real)\b",
    r"\b(?:ll[aá]m(?:e|en)me|ll[aá]mame|m[aá]rcame|me pueden llamar|me puede llamar|puede[ns]? llamarme)\b",
    r"\bme (?:puede|pueden|pueda|puedan|podr[ií]a|podr[ií]an) (?:marcar|llamar|hablar|contactar)\b"
    r"|\bm[aá]rque(?:me|nme)\b"
    r"|\b(?:alguien|una persona|alg[uú]n (?:vendedor|asesor)) que hable (?:espa[nñ]ol|ingl[eé]s)\b"
    r"|\bque me (?:llame|llamen|marque|marquen|contacte|hable)\b",
    r"\b(?:un|una|el|la|alg[uú]n) (?:gerente|vendedor|vendedora|asesor|asesora|encargad[oa]|supervisor)\b"
    r"[^.?!]{0,25}\b(?:me )?(?:llame|marque|hable|contacte)\b",
    r"\bparler (?:à|a|avec) (?:quelqu'un|un vendeur|le directeur|une personne|un humain)\b",
    r"\bfalar com (?:algu[eé]m|um vendedor|o gerente|uma pessoa)\b",
)
_NOT_A_NAME = r"(?!(?:You|Your|The|A|An|Me|It|Them|Him|Her|Someone|Somebody|Anyone|I|We|They|This|That)\b)"
_NOT_A_DAY = r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tomorrow|Tonight)\b)"
_HUMAN_NAME_RE = rx(
    rf"\b(?:talk|speak)\s+(?:to|with)\s+{_NOT_A_NAME}[A-Z][a-z]+\b",
    # a salesperson asked for by name: "is Darnell in today?", "Angela helped me last time"
    rf"\b(?:[Ii]s|[Ww]as|[Ii]f)\s+{_NOT_A_NAME}{_NOT_A_DAY}[A-Z][a-z]+\s+(?:there|around|working|still there"
    r"|in (?:today|tonight|the office|this (?:week|weekend|afternoon|morning))|on (?:today|tonight|shift))\b",
    rf"(?<![Tt]he )(?<![Mm]y )(?<![Oo]ur )(?<![Yy]our )\b{_NOT_A_NAME}{_NOT_A_DAY}[A-Z][a-z]+\s+"
    r"(?:helped|sold|took care of|was helping|worked with)\s+(?:me|us|my)\b",
    rf"\b(?:have|get|ask|tell)\s+{_NOT_A_NAME}[A-Z][a-z]+\s+(?:from \w+\s+)?(?:to\s+)?"
    r"(?:call|text|email|contact|reach out|get back)\b",
)
_CALL_ME_NAME_RE = rx(
    r"\bcall me\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tomorrow|Tonight|At|After|"
    r"Before|Back|Asap|ASAP|Now|Please|Pls|When|Anytime|Any|Later|This|Tmrw|In|On|If)\b)[A-Z][a-z]+\b"
)
_BOT_RE = rx(
    r"\b(?:are|r)\s+(?:you|u|ya|this)\s+(?:even\s+|really\s+|actually\s+)?(?:a\s+|an\s+|just\s+a\s+)?"
    r"(?:bot|robot|real|human|ai|person|computer|machine|automated|chat\s?bot|live)\b",
    r"\bis this (?:a\s+)?(?:bot|robot|automated|ai|real person|a real person|human)\b",
    # "a bot??", "lol a bot": asked; "ok bot. cheapest car u got" only calls it one
    r"\b(?:talking|chatting|texting) (?:to|with) a (?:bot|robot|machine|computer)\b|\bbots?\b(?=\s*(?:\?|$))",
    # a reply to a campaign: "who is this?", "what is this", "who are you"
    r"^\W*(?:hi|hey|hello)?\W*(?:who|what)\s*(?:is|'s|s)\s+(?:this|that)\W*$",
    r"\bwho (?:is|'s) this\b|\bwho are (?:you|u)\b",
    r"\bwho (?:am i|are we) (?:talking|chatting|texting|speaking) (?:to|with)\b",
    r"\b(?:am i|are we)\s+(?:talking|chatting|speaking|texting)\s+(?:to|with)\s+(?:a\s+|an\s+)?"
    r"(?:real\s+|actual\s+|live\s+)?(?:person|human)\b",
    r"^\W*(?:qui[eé]n (?:es|eres|habla)|qu[eé] es esto)\W*$",
)
_ARE_YOU_REAL = rx(
    r"\b(?:are|r)\s+(?:you|u|ya|this)\s+(?:even\s+|really\s+|actually\s+)?(?:a\s+|an\s+)?(?:real|actual|live)\s+"
    r"(?:person|human|people|agent)\b"
    r"(?:\s+or\s+(?:a\s+|an\s+)?(?:bot|robot|ai|computer|machine|automated))?",
    # "is this a real person or a bot", "am i talking to a real person": what the agent is, asked
    r"\bis (?:this|it|that)\s+(?:a\s+)?(?:real|actual|live)\s+(?:person|human)\b",
    r"\b(?:am i|are we)\s+(?:talking|chatting|speaking|texting)\s+(?:to|with)\s+(?:a\s+|an\s+)?"
    r"(?:real\s+|actual\s+|live\s+)?(?:person|human|bot|robot|computer|machine|ai)\b",
)
_QUESTION_START = words(
    "what whats what's when where which who whom whose why how hows how's wheres where's do does did is are was "
    "were can could would will should shall may any got have has u r "
    # Spanish, accents often left out: "es nuevo o usado", "tienen el tucson", "cuanto cuesta"
    "es son tiene tienen hay cuanto cuánto cuanta cuánta cual cuál cuales qué donde dónde cuando cuándo como cómo "
    "puedo pueden puede aceptan trae traen viene vienen"
)
_CLAUSE_LEAD = words("ok okay so but and well also then hey hi hello yeah yes no alright")


# "email me the details", "send me the info at rosa.m@yahoo.com", "mándeme la info a ...": something sent by e-mail,
# which a person does (the chat itself sends no e-mail); "email me at ann@example.com" only gives the address
_EMAIL_ME = rx(
    r"\b(?:e-?mail|mail)\s+(?:me|us)\s+(?:the|a|an|more|some|all|those|that|your|its)?\s*(?:info|information|details"
    r"|specs|brochure|quote|numbers|pics|photos|pictures|breakdown|paperwork|window sticker)\b",
    r"\b(?:send|shoot|forward|mand[ae]me|m[aá]ndeme|m[aá]ndenme|env[ií](?:a|e|en)me)\b[^.?!@]{0,40}"
    r"\b(?:info|information|details|specs|brochure|quote|pics|photos|pictures|fotos|informaci[oó]n|detalles)\b"
    r"[^.?!@]{0,20}\b(?:at|to|a|al)\s+[\w.+-]+@[\w-]+\.[\w.]+",
)


def wants_human(text: str) -> bool:
    """An explicit request for a person ('can I talk to a manager', 'call me'), not negated."""
    cleaned = clean(text)
    lower = cleaned.lower()
    if _CALL_ME_NAME_RE.search(cleaned):  # "call me Jen" introduces a name
        lower = _mask(lower, [m.span() for m in _CALL_ME_NAME_RE.finditer(cleaned)])
    # "are you a real person?" asks what the agent is; it asks for no one
    lower = _mask(lower, [m.span() for m in _ARE_YOU_REAL.finditer(lower)])
    if any(not is_negated(lower, m.start(), 4) for m in _HUMAN_RE.finditer(lower)):
        return True
    if _EMAIL_ME.search(cleaned.lower()):
        return True
    return any(not is_negated(lower, m.start(), 4) for m in _HUMAN_NAME_RE.finditer(cleaned))


def asks_if_bot(text: str) -> bool:
    return bool(_BOT_RE.search(clean(text).lower()))


def is_question(text: str) -> bool:
    lower = clean(text).lower()
    if "?" in lower:
        return True
    for clause in re.split(r"[.,;!\n]", lower):
        tokens = TOKEN_RE.findall(clause)
        while tokens and tokens[0] in _CLAUSE_LEAD:
            tokens = tokens[1:]
        if tokens and tokens[0] in _QUESTION_START:
            return True
    return bool(re.search(r"\b(?:i was wondering|wondering if|can you tell me|let me know if|do you know)\b", lower))
