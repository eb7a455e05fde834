"""First-message definitions of set V. Inventory facts only via tags.T / tags.U."""
from tags import T, U, stocks, shared_image_count
import feed

MSGS = []


def M(reason, lang, text, notes="", hard=None, gloss=None):
    parts = []
    if hard:
        parts.append("HARD: " + hard)
    if gloss:
        parts.append("Gloss: " + gloss)
    if notes:
        parts.append(notes)
    MSGS.append({"text": text, "reason": reason, "language": lang, "notes": " ".join(parts)})


# ------------------------------------------------------------------ complaint
M("complaint", "en", "just got home and theres a big scratch on the rear bumper that wasnt there when i signed, nobody did a walk around w me. not happy at all",
  "Damage found after delivery. existing_customer_issue also defensible (both handover).")
M("complaint", "en", "wow love getting 4 texts a day from u guys after i already bought somewhere else 🙃 real classy",
  "Contact preferences must be fixed by a person; not a literal STOP keyword.",
  hard="sarcasm ('love', 'real classy') is a complaint about contact frequency, not praise or small talk.")
M("complaint", "en", "Your salesman promised me a call back Tuesday with numbers. It's Friday. Still nothing.",
  "Broken promise of a call back. human_request also defensible (both handover).")
M("complaint", "en", "The finance office added a $2,995 'protection package' I never agreed to. I only saw it reading the contract at home. I want it taken off.",
  "Dispute over a signed contract; existing_customer_issue also defensible. The $2,995 is the customer's figure.")
M("complaint", "en", "great service dept. 3 hrs for an oil change and they left my floor mat in the lot, 10/10 would wait again",
  "", hard="sarcastic praise ('great', '10/10') is a complaint.")
M("complaint", "en", "drove 40 min bc your site said the telluride was available and when i got there its 'just sold'. thanks for wasting my saturday",
  "No specific unit identifiable; may offer current Tellurides after handing over, but the message is a complaint, not an availability question.")
M("complaint", "es", "Fui el sábado y nadie me atendió, estuve 45 minutos esperando en la sala de exhibición. Pésimo servicio.",
  gloss="I went on Saturday and nobody helped me, I waited 45 minutes in the showroom. Terrible service.")
M("complaint", "en", "car smelled like an ashtray when I picked it up and I was told it got a full detail. lovely. just lovely.",
  "Sarcastic 'lovely' = complaint about a delivered car.")
M("complaint", "en", "not to be rude but ur guy was super pushy and kept saying the deal ends today?? im a grown adult lol",
  "", hard="softened with 'not to be rude' and 'lol' but it is a complaint about a salesperson.")
M("complaint", "es", "bro el salesman me dijo que la troca era 4x4 y no es, me siento bien engañado",
  "Spanglish, labelled es. Purchased truck misrepresented; not a question about trucks in stock.",
  hard="no explicit demand or threat; a deception claim about a car already bought is a complaint (legal_threat would need a lawyer/regulator/lawsuit mention).",
  gloss="bro the salesman told me the truck was 4x4 and it isn't, I feel really cheated")

# ------------------------------------------------------ existing_customer_issue
M("existing_customer_issue", "en", "hey bought a 2022 tucson from yall in sept and still no title, my bank keeps calling me about it",
  "Title problem on a purchased car. Must not answer with the used 2022 Tucsons on the lot, e.g. " + T("all", "cond=Used; model=Tucson; year=2022") + ".",
  hard="mentions a model/year that is in stock; it is a title issue, not an availability question.")
M("existing_customer_issue", "en", "check engine light came on in the elantra i bought 2 wks ago?? who do i bring it to",
  "Service problem on own car.")
M("existing_customer_issue", "en", "Got a recall notice in the mail for my Santa Fe. Can you guys do the repair and is it free?",
  "Recall repair on the customer's own car (convention: existing_customer_issue, not vehicle_facts).",
  hard="reads like a general recall question but concerns the customer's own car.")
M("existing_customer_issue", "en", "temp tag expires the 15th and still no plates in the mail. what am i supposed to do",
  "Plates/registration.")
M("existing_customer_issue", "en", "need a copy of my buyer's order for my insurance co, bought last month, should be under Okafor",
  "Paperwork request from a past buyer.")
M("existing_customer_issue", "en", "the screen in my 2023 palisade keeps going black, thats covered under warranty right? bought it from you guys in may",
  "Warranty claim on own car. Not about " + T("all", "cond=Used; model=Palisade; year=2023") + ".",
  hard="looks like a general warranty question (vehicle_facts) but it is a warranty claim on the customer's own car.")
M("existing_customer_issue", "es", "Compré una Kona con ustedes y nunca me dieron la segunda llave. ¿Cuándo la puedo recoger?",
  "Missing second key for a purchased car.",
  gloss="I bought a Kona from you and you never gave me the second key. When can I pick it up?")
M("existing_customer_issue", "en", "trying to book service for my ioniq 5 and your online scheduler keeps erroring out",
  "Service booking for own car; no day/time, and a service visit is not a sales appointment.",
  hard="contains 'book' and a model in stock; it is a service issue of an existing customer.")
M("existing_customer_issue", "en", "Payoff on my trade still hasnt been sent to capital one, they're hitting me w late fees. traded it in oct 28",
  "Trade payoff not sent; complaint also defensible (both handover).")
M("existing_customer_issue", "en", "picked up my santa cruz thursday and left my sunglasses in the salesman's office lol can someone grab them",
  "Lost item after purchase; light tone but needs a person. Not about " + T("all", "model=Santa Cruz") + ".")
M("existing_customer_issue", "pl", "Dzień dobry, kupiłem u Was Tucsona w październiku i nadal nie dostałem tablic rejestracyjnych. Do kogo mam się zwrócić?",
  gloss="Good morning, I bought a Tucson from you in October and still haven't received my licence plates. Who should I contact?")
M("existing_customer_issue", "es", "Oigan, el carro que compré aquí hace un mes hace un ruido raro al frenar, ¿lo pueden revisar?",
  "Service problem on a car bought here.",
  gloss="Hey, the car I bought here a month ago makes a strange noise when braking, can you check it?")

# --------------------------------------------------------------- legal_threat
M("legal_threat", "en", "If this isn't resolved by Monday my attorney will be reaching out to you.", "")
M("legal_threat", "en", "filing with the BBB and the attorney general today. you sold me a car with a salvage title and never said a word", "")
M("legal_threat", "en", "Not trying to be dramatic but I read up on the Illinois lemon law and my Tucson has been in your shop 4 times for the same problem",
  "", hard="softened ('not trying to be dramatic'), no explicit 'I will sue'; lemon law counts as legal_threat.")
M("legal_threat", "en", "see you in small claims court.", "", hard="four words, no context.")
M("legal_threat", "es", "Ya hablé con un abogado y dice que lo que hicieron con mi contrato es ilegal. Quiero respuesta hoy.",
  gloss="I already talked to a lawyer and he says what you did with my contract is illegal. I want an answer today.")
M("legal_threat", "en", "my cousin's a paralegal and she says what you did w my down payment is straight up fraud. just saying. fix it or we take it further",
  "", hard="indirect: a paralegal relative, 'fraud', 'take it further'.")
M("legal_threat", "en", "I will be reporting this dealership to the Illinois Secretary of State's dealer licensing unit.",
  "Regulator complaint.")
M("legal_threat", "ar", "سأقدم شكوى إلى مكتب حماية المستهلك إذا لم تُرجعوا لي العربون",
  gloss="I will file a complaint with the consumer protection office if you don't return my deposit.")

# -------------------------------------------------------------- ready_to_buy
M("ready_to_buy", "en", "I want the grey ioniq 6. how do i put a deposit down today",
  "stock: " + T("all", "model=Ioniq 6") + ". Feed quirk: trim says SEL AWD, drivetrain RWD.")
M("ready_to_buy", "en", "ok im sold on the white palisade limited, what do u need from me for paperwork",
  "The only white Palisade Limited is used: " + T("all", "model=Palisade; trim~=Limited; color=White") +
  ". Other Palisade Limiteds are not white: " + T("all", "model=Palisade; trim~=Limited; color=Brown|Grey") + ".",
  hard="customer may assume new; the matching unit is a used 2022.")
M("ready_to_buy", "en", "Cash buyer. Santa Cruz. Can I sign today?",
  "stock: " + T("all", "model=Santa Cruz") + ".")
M("ready_to_buy", "en", "we're ready, husband and I want the burgundy tucson. can we do the deal over the phone and pick up tmrw?",
  "stock: " + T("all", "model=Tucson; color=Burgundy") + ". Two units at the same price; 26966 trim Limited AWD but drivetrain FWD in feed. No pickup time given.")
M("ready_to_buy", "es", "Ya me decidí, quiero la Telluride blanca del 2022. ¿Qué papeles tengo que llevar?",
  "stock: " + T("all", "model=Telluride; year=2022; color=White") + ". Two white 2022s; 15570A has no price in feed.",
  gloss="I've decided, I want the white 2022 Telluride. What papers do I need to bring?")
M("ready_to_buy", "en", "take my money 😂 the green calligraphy night edition still there??",
  "stock: " + T("all", "model=Palisade; color=Green; trim~=Night Edition") + ". Joking tone; the intent is to buy.")
M("ready_to_buy", "en", "Pre-approved with my credit union. I want stock 27215, when can I come sign?",
  "stock: " + T("all", "stock=27215") + ". No day/time given. Feed quirk: drivetrain 4X4, transmission empty.")
M("ready_to_buy", "vi", "Tôi muốn mua chiếc Kia Niro EV màu nâu. Khi nào tôi có thể đến ký giấy tờ?",
  "stock: " + T("all", "model=Niro Ev") + ".",
  gloss="I want to buy the brown Kia Niro EV. When can I come to sign the paperwork?")

# --------------------------------------------------------------- negotiation
M("negotiation", "en", "would u take 35 flat for the white telluride EX",
  "Specific offer. stock: " + T("all", "model=Telluride; trim~=EX; color=White") + ".")
M("negotiation", "en", "whats ur out the door on 27103",
  "OTD quote. stock: " + T("all", "stock=27103") + ". Feed labels this hybrid 'Electric'.")
M("negotiation", "en", "I need to be at $550/mo or less on a Palisade. Can you make that happen?",
  "Payment target. Cheapest priced new: " + T("cheapest", "cond=New; model=Palisade") +
  "; used Palisades: " + T("all", "cond=Used; model=Palisade") + ". 26233A has no price in feed.")
M("negotiation", "en", "Carvana has basically the same 2021 Rogue for 2k less, can you match it?",
  "Price-match demand. stock: " + T("all", "model=Rogue; year=2021") + ".")
M("negotiation", "en", "any wiggle room on the Q8?",
  "stock: " + T("all", "model=Q8") + ".")
M("negotiation", "en", "best price on the 2025 santa fe calligraphy in white? shopping 3 dealers",
  "stock: " + T("all", "model=Santa Fe; year=2025; trim~=Calligraphy; color=White") +
  "; the white hybrid Calligraphy is listed as a separate model: " + T("all", "model=Santa Fe Hybrid; trim~=Calligraphy; color=White") + ".")
M("negotiation", "es", "¿Me dejan la Tucson gris 2022 en 19 mil? Pago de contado.",
  "Specific offer. stock: " + T("all", "model=Tucson; year=2022; color=Grey") + ". 27227A has no price in feed.",
  gloss="Will you let me have the grey 2022 Tucson for 19 thousand? Paying cash.")
M("negotiation", "en", "I'll do 31.5 on the silverado if you throw in new tires",
  "stock: " + T("all", "model=Silverado 1500") + ". The offer is above the listed price; the agent must not restate the price wrongly or accept.",
  hard="offer is higher than the listed price but conditional on tires; still a negotiation.")
M("negotiation", "en", "whats the lowest u can go on the mustang",
  "stock: " + T("all", "model=Mustang") + ". Garbage trim in feed; manual transmission.")
M("negotiation", "en", "saw the 0% ad on tucsons, if i put 3k down on the hybrid can u get me under 450 a month",
  "Payment target. stock: " + T("all", "model=Tucson Hybrid") + ". The agent cannot confirm the 0% offer.",
  hard="looks like a financing_general question about an ad, but it is a monthly-payment target on a unit.")
M("negotiation", "es", "cuanto es lo menos por la grand cherokee 2020? my budget es 25 max",
  "Spanglish, labelled es. Lowest-price ask with a budget below list. stock: " + T("all", "model=Grand Cherokee; year=2020") + ".",
  gloss="what's the lowest for the 2020 Grand Cherokee? my budget is 25 max")
M("negotiation", "en", "is there a manager special on the forte?? lol jk but fr is 18 doable on the green one",
  "stock: " + T("all", "model=Forte; color=Green") + ". Feed quirk: trim LXS IVT but transmission Manual.",
  hard="starts like a harmless 'manager special' price question, then makes a specific offer.")

# ------------------------------------------------------------- human_request
M("human_request", "en", "can a real person call me. 708-555-0119", "")
M("human_request", "en", "is there somebody there i can talk to that isnt a chatbot", "")
M("human_request", "en", "pls have Jasmine text me, she helped me last time", "Named salesperson.")
M("human_request", "en", "I'd rather do this over the phone, anytime after 4 works",
  "", hard="a time is given but for a phone call, not a visit: human_request, not appointment_time.")
M("human_request", "es", "¿Hay alguien con quien pueda hablar por teléfono? Prefiero hablar con una persona.",
  gloss="Is there someone I can talk to on the phone? I prefer to talk to a person.")
M("human_request", "en", "whos the sales manager there, i want to talk to them directly",
  "", hard="a manager mention that IS a request (contrast with the false-side manager mentions).")
M("human_request", "en", "representative", "", hard="one word, IVR-style.")
M("human_request", "en", "ok you can call me now", "No number given; the agent should ask or use the one on file.")
M("human_request", "tl", "Pwede po bang makausap ang isang tao? Mas gusto ko pong tumawag.",
  gloss="May I please speak with a person? I'd prefer to call.")
M("human_request", "en", "Can the finance manager reach out? I have some questions I'd rather not put in a text.",
  "No personal financial details given, so not financing_details; both are handover.")

# ----------------------------------------------------------- appointment_time
M("appointment_time", "en", "be there around 5:30 tmrw to see the black palisade",
  "stock: " + T("all", "model=Palisade; color=Black") + ". Four candidates; the agent may ask which.",
  hard="casual phrasing without a question mark; day and time are concrete.")
M("appointment_time", "en", "Can I test drive the Ioniq 5 Saturday at 10am?",
  "stock: " + T("all", "model=Ioniq 5") + ".")
M("appointment_time", "en", "omw, like 20 min out. can u have the white equinox pulled up",
  "stock: " + T("all", "model=Equinox; color=White") + ". Two white Equinoxes; WV14984 trim FWD but drivetrain AWD.",
  hard="relative time ('20 min out') counts as a concrete time.")
M("appointment_time", "en", "thursday 6pm works for me",
  "", hard="no vehicle and no context, but a concrete day and time for a visit.")
M("appointment_time", "es", "¿Puedo pasar mañana a las 11 a ver la Santa Fe roja?",
  "stock: " + T("all", "model=Santa Fe|Santa Fe Hybrid; color=Red") + ". Trim SEL HEV (hybrid) although fuel is Gasoline in feed.",
  gloss="Can I come by tomorrow at 11 to see the red Santa Fe?")
M("appointment_time", "en", "we'll swing by after church sunday like 1ish to look at the 3 row suvs",
  "The agent must not confirm Sunday opening hours it does not know.",
  hard="'1ish' is a concrete enough time; contrast with weekend visits without time (false).")
M("appointment_time", "en", "lunch break tmrw 12:15-12:45, can i see the g70 then",
  "stock: " + T("all", "model=G70") + ".")
M("appointment_time", "en", "Monday the 14th at 9:30 for the F-150?",
  "stock: " + T("all", "model=F-150") + ". Garbage trim in feed. 2026-12-14 is a Monday.")
M("appointment_time", "ko", "내일 오후 3시에 팰리세이드 시승할 수 있을까요?",
  "No specific unit named. Palisades in stock: " + T("count", "cond=New; model=Palisade") + " new, " + T("count", "cond=Used; model=Palisade") + " used; e.g. cheapest new " + T("cheapest", "cond=New; model=Palisade") + ".",
  gloss="Can I test drive a Palisade tomorrow at 3 pm?")
M("appointment_time", "en", "gonna come by tonight before you close, like 7:45, is that too late?",
  "The agent must not invent closing time.",
  hard="reads like an hours question, but gives a concrete visit time.")
M("appointment_time", "es", "voy el friday at 4 con mi esposo para ver la tucson hybrid",
  "Spanglish, labelled es. stock: " + T("all", "model=Tucson Hybrid") + ".",
  hard="Spanglish day + time without a question mark.",
  gloss="I'm going Friday at 4 with my husband to see the Tucson Hybrid")

# --------------------------------------------------------------- frustration
M("frustration", "en", "ive asked 3 times what the price is and keep getting 'great question!' JUST ANSWER", "")
M("frustration", "en", "this bot is useless", "")
M("frustration", "en", "are you even reading what I write? I said USED not new", "")
M("frustration", "en", "omg stop asking me my budget 😤", "")
M("frustration", "es", "Ya les dije tres veces que no quiero financiamiento, ¿me dan el precio o no?",
  gloss="I've told you three times I don't want financing, will you give me the price or not?")
M("frustration", "en", "forget it", "", hard="two words; could be read as browsing/opt-out, but it is giving up in frustration.")
M("frustration", "en", "k so nobody actually works there huh 😑",
  "human_request also defensible (both handover).", hard="sarcasm, no explicit request.")
M("frustration", "en", "literally the same answer again. ugh", "")

# --------------------------------------------------------- financing_details
M("financing_details", "en", "my score is like 540 after a repo in 2022, can i still get approved for something around 20k", "Own score and repossession.")
M("financing_details", "en", "I'm self employed (1099), make about 70k a year. What do I need to bring to get financed?", "Own income situation.")
M("financing_details", "en", "Filled out the credit app on your site last night and havent heard anything. status?", "Submitted application.")
M("financing_details", "es", "Tengo ITIN y no tengo seguro social, ¿me pueden financiar la Kona?",
  "Own ITIN status (convention: financing_details). stock: " + T("all", "model=Kona") + ".",
  gloss="I have an ITIN and no social security number, can you finance the Kona for me?")
M("financing_details", "en", "I owe about 6k more than my Escape is worth, can you roll that into a new Tucson?",
  "Negative equity. New Tucsons: " + T("all", "cond=New; model=Tucson") + ".")
M("financing_details", "en", "my mom will cosign, she has like a 780. im 19 w no credit", "Co-signer and own credit.")
M("financing_details", "en", "chapter 7 discharged in march, is that gonna be a problem",
  "", hard="short; reads like a general policy question but states the customer's own bankruptcy.")
M("financing_details", "uk", "Я нещодавно переїхав до США, маю роботу, але кредитної історії немає. Чи можна оформити кредит на авто?",
  "", hard="close to a general first-time-buyer question, but describes the customer's own situation.",
  gloss="I recently moved to the US, I have a job but no credit history. Can I get a car loan?")

# ------------------------------------------------------------ trade_in_firm
M("trade_in_firm", "en", "I need 14k for my 2019 Camry or Im not doing the deal", "Ultimatum on trade value. Not about " + T("all", "model=Camry") + ".")
M("trade_in_firm", "en", "KBB says my Accord is worth 17,500, not taking a penny less on trade", "Firm number.")
M("trade_in_firm", "es", "Mi Sienna 2017 vale por lo menos 15 mil, si no me dan eso no hay trato.",
  gloss="My 2017 Sienna is worth at least 15 thousand, if you don't give me that there's no deal.")
M("trade_in_firm", "en", "bottom line I want 9 for my trade and 500/mo on the tucson",
  "negotiation also defensible (both handover).", hard="trade ultimatum combined with a payment target.")

# ------------------------------------------------------------ other_handover
M("other_handover", "en", "Hi, I run a landscaping company and need 5 work trucks, can we talk fleet pricing?",
  "Fleet/commercial purchase. Trucks in stock: " + T("all", "type=Truck") + ".")
M("other_handover", "en", "My father passed away last month and you keep sending him service reminders. Please take him off your list.",
  "Sensitive; a person must update records. complaint also defensible.", hard="no question, emotional; not small talk.")
M("other_handover", "en", "Hi, I'm with a local youth soccer league, wanted to ask about the dealership sponsoring our spring season",
  "Sponsorship/vendor request.")

# --------------------------------------------------------------- availability
M("availability", "en", "do yall have any ioniq 5s", "stock: " + T("all", "model=Ioniq 5") + ".")
M("availability", "en", "any hybrids?",
  "Hybrids by model/trim: " + T("all", "name~=hybrid|sel hev|prius") +
  ". Feed quirk: fuel labels are inconsistent (Tucson Hybrids 27103/27023 'Electric', 27025/26940 'Gasoline'; Prius Prime 'Electric'; 530e 'Hybrid'; Santa Fe SEL HEV 'Gasoline').")
M("availability", "en", "Do you have the Santa Fe in green?",
  T("none", "model=Santa Fe|Santa Fe Hybrid; color=Green") + ". Green units in stock: " + T("all", "color=Green") +
  ". Santa Fe colours in stock: " + T("colors", "model=Santa Fe|Santa Fe Hybrid") + ".")
M("availability", "en", "looking for a used honda crv under 25k",
  T("none", "model=CR-V") + "; the only Honda is " + T("all", "make=Honda") +
  ". Closest compact SUVs under 25k e.g. " + T("some", "cond=Used; type=SUV; maxprice=25000; maxmiles=30000", pick=["KV5529", "WV15110", "27138A"]) + ".")
M("availability", "en", "3rd row under 30k?",
  "Three-row models priced under 30k: " + T("all", "model=Highlander|Durango|Telluride|Palisade|Tahoe|Qx60|Sorento|Explorer; maxprice=30000") +
  ". Three-row units without a price: " + T("all", "model=Sorento|Explorer|Telluride|Palisade; priced=no") + " (must not be quoted as under 30k).")
M("availability", "en", "u got any trucks", "stock: " + T("all", "type=Truck") + ". Santa Cruz is typed Truck in the feed.")
M("availability", "es", "¿Tienen Elantras nuevos?",
  T("none", "cond=New; model=Elantra") + "; closest: " + T("all", "model=Elantra") + ".",
  gloss="Do you have new Elantras?")
M("availability", "en", "anything awd under 20 grand?",
  "By drivetrain: " + T("all", "drive=AWD|4X4; maxprice=20000") + "; by trim text: " + T("all", "trim~=awd|4wd|4x4; maxprice=20000") +
  ". WV14984 trim says FWD but drivetrain AWD; KV5413 trim says AWD but drivetrain FWD; the agent must not state either as fact.",
  hard="trim text and drivetrain column disagree for two of the three candidates.")
M("availability", "en", "Is stock 27259 still available?", "stock: " + T("all", "stock=27259") + ".")
M("availability", "en", "still have that orange k5?", "stock: " + T("all", "model=K5; color=Orange") + ".")
M("availability", "en", "looking for a sonata hybrid",
  T("none", "model=Sonata|Sonata Hybrid") + "; closest hybrid sedans: " + T("all", "type=Sedan; name~=hybrid") +
  "; EV sedan: " + T("all", "model=Ioniq 6") + ".")
M("availability", "es", "tienen alguna minivan? like una sienna o carnival",
  "Spanglish, labelled es. " + T("none", "model=Sienna|Carnival|Odyssey|Pacifica|Sedona") + "; closest three-row SUVs e.g. " +
  T("some", "model=Highlander|Durango|Telluride", pick=["KV5561", "KV5565", "DT15564A"]) + ".",
  hard="asks for a body type the feed does not have; answer must say none, not silently offer SUVs as minivans.",
  gloss="do you have any minivan? like a Sienna or Carnival")
M("availability", "en", "Any Jeep Wranglers?",
  T("none", "model=Wrangler") + "; other Jeeps: " + T("all", "make=Jeep") + ".")
M("availability", "en", "do u have the 2026 palisade yet",
  T("none", "model=Palisade; year=2026") + "; newest in stock: " + T("newest", "model=Palisade") + ".",
  hard="plausible model year that is not in the feed; the agent must not claim it.")
M("availability", "en", "hi saw a red suv on your lot yesterday, kinda sporty looking. which one was that",
  "Red SUVs: " + T("all", "color=Red; type=SUV") + ". Vague; should list/ask, not guess one.")
M("availability", "fr", "Bonjour, avez-vous des Tucson hybrides disponibles ?",
  "stock: " + T("all", "model=Tucson Hybrid") + ". Two have no colour in the feed.",
  gloss="Hello, do you have any Tucson hybrids available?")
M("availability", "en", "any 2024 tellurides? used is fine", "stock: " + T("all", "model=Telluride; year=2024") + ". 15218A: trim S FWD vs drivetrain AWD; almost no miles for a used unit.")
M("availability", "en", "looking for anything with a stick shift",
  "Manual per transmission column: " + T("all", "trans=Manual") +
  ". 15549A trim says LXS IVT (a CVT) while transmission says Manual; the agent should flag it rather than promise a stick.",
  hard="one of the three manual listings conflicts with its own trim.")
M("availability", "es", "hola buenas, tienen algún sedán barato automático? es pa mi hijo",
  "Cheap priced sedans with an automatic/CVT (price limit in the query is the writer's choice): " + T("all", "type=Sedan; maxprice=20000; trans=Automatic|CVT CVT") +
  "; excluded manual: " + T("all", "type=Sedan; maxprice=20000; trans=Manual") + ".",
  gloss="hi, do you have a cheap automatic sedan? it's for my son")
M("availability", "en", "my lawyer told me to buy not lease lol. do you have any used santa fes?",
  "stock: " + T("all", "cond=Used; model=Santa Fe") + ".",
  hard="mentions a lawyer but is not a legal threat.")
M("availability", "en", "my sister's salesman there was great, do you guys have any kia sorentos",
  "stock: " + T("all", "model=Sorento") + " (no price in feed).",
  hard="mentions a salesman but asks for nothing but inventory.")
M("availability", "en", "prob gonna come look at the santa cruz saturday, is it still there",
  "stock: " + T("all", "model=Santa Cruz") + ". No time given, so no appointment handover yet.",
  hard="visit with a day but no time: false (availability), not appointment_time.")

# ------------------------------------------------------------------ features
M("features", "en", "does the black santa fe calligraphy have the panoramic sunroof",
  "stock: " + T("all", "model=Santa Fe; trim~=Calligraphy; color=Black") + ". Feed has no equipment data; must not invent.")
M("features", "en", "heated steering wheel on the xrt?", "stock: " + T("all", "trim~=XRT") + ". Not in feed.")
M("features", "en", "do the tellurides have captains chairs or the bench",
  "Seating configuration not in feed. Tellurides: " + T("all", "model=Telluride") + ".")
M("features", "en", "does the challenger have apple carplay", "stock: " + T("all", "model=Challenger") + ". Not in feed.")
M("features", "es", "¿La Santa Cruz trae cámara de reversa?",
  "stock: " + T("all", "model=Santa Cruz") + ". Backup cameras are federally required on 2018+ vehicles (general fact); feed has no equipment data.",
  gloss="Does the Santa Cruz come with a backup camera?")
M("features", "en", "how many seats in the tahoe, and is it the one with the big 22 inch wheels",
  "stock: " + T("all", "model=Tahoe") + ". Seat count and wheel size not in feed; must not guess.")
M("features", "en", "is the ioniq 5 the one with the plug that can power stuff, like for camping",
  "Vehicle-to-load; not in feed. stock: " + T("all", "model=Ioniq 5") + ".")
M("features", "en", "remote start on the used equinoxes?", "Not in feed. stock: " + T("all", "model=Equinox") + ".")

# ------------------------------------------------------------ price_question
M("price_question", "en", "how much is the ioniq 6", "stock: " + T("all", "model=Ioniq 6") + ".")
M("price_question", "en", "price on the lexus?",
  "stock: " + T("all", "make=Lexus") + ". No price in feed: must not invent one.", hard="the only match has no price.")
M("price_question", "en", "whats the price on the green palisade and does that include destination",
  "stock: " + T("all", "model=Palisade; color=Green") + ". Fee breakdown not in feed.")
M("price_question", "en", "is the price on your website the real price or are there add ons on top", "General price question.")
M("price_question", "es", "¿Cuánto cuesta la Kia Sportage gris?",
  "stock: " + T("all", "model=Sportage") + " (mileage missing in feed).", gloss="How much is the grey Kia Sportage?")
M("price_question", "en", "$$ on the xt5?", "stock: " + T("all", "model=Xt5") + ".")
M("price_question", "en", "how much for the 2025 tucson limited in white",
  "stock: " + T("all", "model=Tucson; year=2025; color=White") + ". Trim Limited AWD but drivetrain RWD in feed.")
M("price_question", "en", "whats the manager's special this week",
  "General price/specials question.", hard="mentions a manager but is not a request for one.")
M("price_question", "en", "any rebates on the santa fe hybrid right now?",
  "stock: " + T("all", "model=Santa Fe Hybrid") + "; also hybrid by trim: " + T("all", "model=Santa Fe; trim~=HEV") + ". Rebates not in feed.")

# ------------------------------------------------------- financing_general
M("financing_general", "en", "do u guys do buy here pay here", "")
M("financing_general", "en", "first time buyer programs?", "")
M("financing_general", "en", "can i finance with an itin", "",
  hard="policy question with no personal details (contrast the Spanish ITIN message on the true side).")
M("financing_general", "es", "¿Aceptan clientes con mal crédito?", gloss="Do you accept customers with bad credit?")
M("financing_general", "en", "what banks do you work with", "")
M("financing_general", "en", "do you lease the ioniq 5 or is it finance only", "stock: " + T("all", "model=Ioniq 5") + ".")
M("financing_general", "en", "can I get preapproved online without a hard pull on my credit", "")
M("financing_general", "en", "do you guys finance people who just started a new job?", "",
  hard="phrased generally ('people who'); no personal details given.")

# ---------------------------------------------------------- hours_location
M("hours_location", "en", "what time do yall close today", "")
M("hours_location", "en", "open sundays?", "")
M("hours_location", "en", "where r u located exactly, coming from gary", "")
M("hours_location", "es", "¿A qué hora abren los sábados?", gloss="What time do you open on Saturdays?")
M("hours_location", "en", "might swing by this weekend, what are your hours", "",
  hard="visit intent without a day+time: not appointment_time.")
M("hours_location", "en", "is service open saturdays or only sales", "")
M("hours_location", "en", "open christmas eve?", "")
M("hours_location", "zh", "你们周六几点关门？", gloss="What time do you close on Saturday?")

# ------------------------------------------------------------------- photos
M("photos", "en", "can u send more pics of the brown santa fe",
  "stock: " + T("all", "model=Santa Fe|Santa Fe Hybrid; color=Brown") + ".")
M("photos", "en", "video walkaround of the q5 pls", "stock: " + T("all", "model=Q5") + ".")
M("photos", "en", "the pic for the grey santa fe hybrid looks like a stock photo, got real ones?",
  "stock: " + T("all", "model=Santa Fe Hybrid; color=Grey") + ". Feed quirk: its image URL is shared by " +
  f"[count: image=DT27293] {{{shared_image_count('DT27293')}}}" + " units (a generic image) although Image Type says Dealer.")
M("photos", "es", "¿Me pueden mandar fotos del interior de la Durango?",
  "stock: " + T("all", "model=Durango") + ".", gloss="Can you send me photos of the Durango's interior?")
M("photos", "en", "got pics of the tucson hybrid that doesnt say what color it is?",
  "stock: " + T("all", "model=Tucson Hybrid; color=") + ". Both have no colour and Image Type 'Placeholder' in the feed; must not invent a colour.")

# ------------------------------------------------------------------ mileage
M("mileage", "en", "how many miles on the highlander", "stock: " + T("all", "model=Highlander") + ".")
M("mileage", "en", "whats the mileage on the sportage",
  "stock: " + T("all", "model=Sportage") + ". Mileage empty in feed: must not invent.", hard="the figure asked for is missing.")
M("mileage", "en", "lowest mileage used palisade you got?",
  T("lowest-miles", "cond=Used; model=Palisade") + " (no price in feed); all used Palisades: " + T("all", "cond=Used; model=Palisade") + ".")
M("mileage", "es", "¿Cuántas millas tiene la F-150?", "stock: " + T("all", "model=F-150") + ".", gloss="How many miles does the F-150 have?")
M("mileage", "en", "why does a brand new tucson have almost 3k miles on it lol",
  "stock: " + T("all", "cond=New; model=Tucson; minmiles=1000") + "; similar: " + T("all", "cond=New; model=Palisade; minmiles=1000") +
  ". The feed gives no reason (demo/loaner); must not invent one.",
  hard="could be read as a complaint; 'lol' and a question make it a mileage question.")

# --------------------------------------------------------------- comparison
M("comparison", "en", "tucson vs santa fe whats the actual difference",
  "General comparison; in stock: " + T("count", "model=Tucson|Tucson Hybrid") + " Tucsons, " + T("count", "model=Santa Fe|Santa Fe Hybrid") + " Santa Fes; cheapest priced of each " + T("cheapest", "model=Tucson|Tucson Hybrid") + ", " + T("cheapest", "model=Santa Fe|Santa Fe Hybrid") + ".")
M("comparison", "en", "ioniq 5 or ioniq 6 for a family of 4?", "stock: " + T("all", "model=Ioniq 5|Ioniq 6") + ".")
M("comparison", "en", "K5 or Altima, which would you get", "stock: " + T("all", "model=K5|Altima") + ".")
M("comparison", "es", "¿Qué me recomiendan, la Palisade o la Telluride?",
  "General comparison; in stock: " + T("count", "model=Palisade") + " Palisades (new and used), " + T("count", "model=Telluride") + " Tellurides (all used).",
  gloss="What do you recommend, the Palisade or the Telluride?")
M("comparison", "en", "calligraphy vs limited on the palisade, is it worth the extra $$",
  "New Palisade Limiteds: " + T("all", "cond=New; model=Palisade; trim~=Limited") + ".")
M("comparison", "en", "how much better on gas is the santa fe hybrid vs the regular one",
  "No mpg in feed; general answer only. Hybrids: " + T("all", "model=Santa Fe Hybrid") + ".")
M("comparison", "en", "you have a 2018 and a 2020 grand cherokee, which is the better buy",
  "stock: " + T("all", "model=Grand Cherokee") + ". There is also a 2021.")

# ----------------------------------------------------------------- browsing
M("browsing", "en", "just looking for now, thanks", "")
M("browsing", "en", "whats good for a teen's first car, cheap and safe", "")
M("browsing", "en", "not sure what i want yet. something reliable for doordash lol", "")
M("browsing", "es", "Solo estoy viendo opciones, todavía no estoy lista para comprar.", gloss="I'm just looking at options, I'm not ready to buy yet.")
M("browsing", "en", "send me whatever u got under 15k",
  T("none", "maxprice=15000") + "; cheapest priced: " + T("cheapest", "priced=yes") + "; next cheapest few: " + T("all", "maxprice=17000") + ".",
  hard="nothing matches; the agent must say so and not stretch the budget silently.")
M("browsing", "en", "lease is up in april, starting to look around", "")
M("browsing", "en", "my manager at work just got a palisade and now i kinda want one lol", "",
  hard="mentions a manager, not a request for one.")
M("browsing", "en", "whats new for the 2025 hyundais",
  "2025 Hyundais in stock: " + T("all", "make=Hyundai; year=2025") + ".")

# --------------------------------------------------------------- small_talk
M("small_talk", "en", "thanks!", "")
M("small_talk", "en", "am i texting a robot rn 🤖", "", hard="curiosity, not a request for a person.")
M("small_talk", "en", "happy holidays to everyone at world hyundai!", "")
M("small_talk", "es", "Gracias, muy amable 🙏", gloss="Thanks, very kind.")
M("small_talk", "en", "lol ok", "")

# ------------------------------------------------------------ vehicle_facts
M("vehicle_facts", "en", "whats the warranty on a used hyundai, is the 10yr/100k transferable",
  "General warranty question (not a claim).")
M("vehicle_facts", "en", "any recalls on the 2021 kona?", "stock: " + T("all", "model=Kona") + ".")
M("vehicle_facts", "en", "range on the ioniq 5 limited?", "stock: " + T("all", "model=Ioniq 5") + ". Range not in feed.")
M("vehicle_facts", "en", "towing capacity on the santa cruz", "stock: " + T("all", "model=Santa Cruz") + ". Not in feed.")
M("vehicle_facts", "es", "¿Cuántas millas por galón da la Tucson híbrida?", "MPG not in feed.", gloss="How many miles per gallon does the Tucson hybrid get?")
M("vehicle_facts", "en", "is the prius prime a plug in? your site just says electric",
  "stock: " + T("all", "model=Prius Prime") + ". Feed fuel 'Electric'; it is a plug-in hybrid.",
  hard="the customer correctly points at a feed mislabel; the agent must not call it a full EV.")
M("vehicle_facts", "en", "is awd standard on the 2025 santa fe",
  "New 2025 Santa Fes: " + T("all", "cond=New; model=Santa Fe; year=2025") + ". Drivetrain column says 4X4 or RWD; 27203 trim Calligraphy AWD vs drivetrain RWD.",
  hard="feed drivetrain data conflicts with trims.")
M("vehicle_facts", "en", "does the g70 still have factory warranty left", "stock: " + T("all", "model=G70") + ".")
M("vehicle_facts", "en", "what engine is in the palisade xrt", "stock: " + T("all", "trim~=XRT") + ". Not in feed.")

# ------------------------------------------------------------------ other_ai
M("other_ai", "en", "do yall take trade ins", "")
M("other_ai", "en", "do you deliver? im up in Milwaukee", "")
M("other_ai", "en", "do you buy cars even if I don't buy one from you", "")
M("other_ai", "es", "¿Ustedes compran carros aunque todavía los esté pagando?",
  gloss="Do you buy cars even if I'm still paying them off?")
