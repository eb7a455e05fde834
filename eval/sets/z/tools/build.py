"""Builds /tmp/setZ/messages.jsonl and /tmp/setZ/conversations.jsonl.

All vehicle facts are pulled from the feed through feed.py helpers; nothing about
a unit (stock number, year, trim, colour, price, mileage) is typed by hand.
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed import (UNITS, get, sel, note, ref, refs, S, y, yy, c, t, P, Pn, Pk, Pk1, M, Mk,
                  diff, kdiff, es_c, tl_c, price, miles, colour, trim, fmt_money)

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the set's folder

HANDOVER = {
    "complaint": True, "existing_customer_issue": True, "legal_threat": True, "ready_to_buy": True,
    "negotiation": True, "human_request": True, "appointment_time": True, "frustration": True,
    "financing_details": True, "trade_in_firm": True, "other_handover": True,
    "availability": False, "features": False, "price_question": False, "financing_general": False,
    "hours_location": False, "photos": False, "mileage": False, "comparison": False,
    "browsing": False, "small_talk": False, "vehicle_facts": False, "other_ai": False,
}

# ----------------------------------------------------------------- queries
def st(units):
    return [u.stock for u in units]


def by_price(u):
    return (u.price is None, u.price or 0)


def model_is(*names):
    return lambda u: u.model in names


new_pal = st(sel(lambda u: u.new and u.model == "Palisade", key=lambda u: (u.year, u.price)))
used_pal = st(sel(lambda u: u.used and u.model == "Palisade", key=lambda u: u.year))
black_pal_new = st(sel(lambda u: u.new and u.model == "Palisade" and u.colour == "Black"))
black_sel_pal = st(sel(lambda u: u.model == "Palisade" and u.colour == "Black" and (u.trim or "").startswith("SEL")))
pal_54k = st(sel(lambda u: u.model == "Palisade" and u.price and u.price // 1000 == get("26122").price // 1000))
pal24_cal = st(sel(lambda u: u.new and u.year == 2024 and u.model == "Palisade" and "Calligraphy" in u.trim))
tuc_hyb = st(sel(lambda u: u.model == "Tucson Hybrid", key=by_price))
sf_cal = st(sel(lambda u: u.model == "Santa Fe" and u.new and "Calligraphy" in u.trim, key=lambda u: (u.year, u.price)))
grey_sf = st(sel(lambda u: u.model.startswith("Santa Fe") and u.colour == "Grey", key=lambda u: (u.cond, u.year)))
sf_hyb = st(sel(lambda u: u.model == "Santa Fe Hybrid" or "HEV" in u.trim))
hybrids = st(sel(lambda u: ("Hybrid" in u.model or "HEV" in u.trim or "Hybrid" in u.trim) and "Plug-In" not in u.trim))
trucks = st(sel(lambda u: u.type == "Truck", key=by_price))
trucks_4x4 = st(sel(lambda u: u.type == "Truck" and u.drive == "4X4", key=by_price))
used_trucks = st(sel(lambda u: u.type == "Truck" and u.used, key=by_price))
used_tell = st(sel(lambda u: u.used and u.model == "Telluride", key=lambda u: (u.year, u.miles)))
rogues = st(sel(lambda u: u.model == "Rogue", key=by_price))
manuals = st(sel(lambda u: u.trans == "Manual"))
used_suv_u20 = st(sel(lambda u: u.used and u.type == "SUV" and u.price and u.price < 20000, key=by_price))
used_u20 = st(sel(lambda u: u.used and u.price and u.price < 20000, key=by_price))
awd_teens = st(sel(lambda u: u.used and u.drive in ("AWD", "4X4") and u.price and 17000 <= u.price <= 23000, key=by_price))
priced = sel(lambda u: u.price is not None, key=by_price)
cheapest = priced[0].stock
low_used_suv = sel(lambda u: u.used and u.type == "SUV" and u.miles is not None, key=lambda u: u.miles)[0].stock
compass19 = st(sel(lambda u: u.model == "Compass" and u.year == 2019))
sedans_close = ["WV15157", "26638A", "DT15592A", "DT15551A"]  # Elantras + K5s (checked below)
assert all(get(s).model in ("Elantra", "K5") for s in sedans_close)
tucson_new_gas = st(sel(lambda u: u.new and u.model == "Tucson", key=lambda u: u.year))
white_tucson = st(sel(lambda u: u.model.startswith("Tucson") and u.colour == "White" and u.new))
third_row_eg = ["DT27185", "DT25256", "27259", "26312A", "15394A", "KV5565", "KV5561"]
for s_ in third_row_eg:
    assert get(s_).model in ("Palisade", "Santa Fe", "Telluride", "Durango", "Highlander")
nsf_new24 = st(sel(lambda u: u.new and u.year == 2024 and u.model == "Santa Fe"))
coupes = st(sel(lambda u: u.type == "Coupe"))
grand_ch_white = st(sel(lambda u: u.model == "Grand Cherokee" and u.colour == "White"))
assert len(grand_ch_white) == 1
n_pal24 = len(sel(lambda u: u.new and u.year == 2024 and u.model == "Palisade"))


def offer(s, minus_k):
    return f"{get(s).price // 1000 - minus_k}"


def lastword(s):
    return get(s).trim.split()[-1]


# ----------------------------------------------------------------- messages
MSGS = []


def m(reason, lang, text, hard=None, notes=None, units=(), none=None, gloss=None):
    parts = []
    if hard:
        parts.append("HARD: " + hard)
    if gloss:
        parts.append("EN gloss: " + gloss)
    if notes:
        parts.append(notes)
    if none:
        parts.append("none in stock: " + none)
    if units:
        parts.append("; ".join(note(s) for s in units))
    MSGS.append({"text": text, "handover": HANDOVER[reason], "reason": reason, "language": lang,
                 "notes": "; ".join(parts)})


# ---- complaint (true)
m("complaint", "en", "appreciate the 'we'll definitely call you back' on tuesday. really felt the love 👍",
  hard="sarcastic thanks = complaint about no call-back")
m("complaint", "en", "your guy had me waiting almost 2 hrs saturday then tells me the car i drove 40 min for was sold thursday. why was it still on the website??")
m("complaint", "es", "fui el sábado con mi esposa y nadie nos atendió, estuvimos como 45 minutos parados en la sala de exhibición. muy mal servicio la verdad",
  gloss="went Saturday with my wife, nobody helped us, stood 45 min in the showroom, really bad service")
m("complaint", "en", "great job guys. advertised price online, show up and theres 2,800 in add ons nobody mentioned. real transparent 🙃",
  hard="sarcastic praise; about hidden add-ons (not a price question)")
m("complaint", "en", "The finance manager pushed the extended warranty so hard that my wife walked out. We came in ready to buy and left feeling pressured and disrespected.",
  hard="manager + warranty + 'ready to buy' words, but the message is a complaint about treatment")
m("complaint", "en", "5 stars for ghosting me after I put a deposit down ⭐⭐⭐⭐⭐",
  hard="five stars read as positive; sarcastic complaint (existing_customer_issue also defensible, both true)")
m("complaint", "en", "I'd like to make a formal complaint about one of your salesmen. He made comments about my accent in front of my kids yesterday. Not ok.",
  notes="'formal complaint' is not a legal/regulator threat")
m("complaint", "fr", "Bonjour, j'ai été très mal reçu chez vous hier. Le vendeur m'a ignoré pendant 30 minutes puis m'a parlé comme si je n'avais pas les moyens. Inacceptable.",
  gloss="I was treated very badly at your store yesterday; the salesman ignored me for 30 minutes then talked to me as if I couldn't afford it. Unacceptable.")
m("complaint", "en", "lol love how the car I test drove reeked of cigarettes and the guy goes 'thats just the new car smell' 😂 classy operation",
  hard="laughing emojis + 'love' but it is a complaint")

# ---- existing_customer_issue (true)
m("existing_customer_issue", "en", "hey bought a tucson from yall in september and STILL no title in the mail. who do i even talk to about that")
m("existing_customer_issue", "en", "temp tag expires friday. no plates yet. pls advise",
  hard="terse, no question mark; plates for a car already bought")
m("existing_customer_issue", "es", "compré una Santa Fe con ustedes el mes pasado y todavía no me llegan las placas, el permiso temporal ya casi se vence. qué hago?",
  gloss="bought a Santa Fe from you last month, plates still haven't arrived, temp permit almost expired")
m("existing_customer_issue", "en", "got a recall letter in the mail for my kona, can I bring it in for the recall repair sometime this week? I bought it there",
  hard="recall repair on the customer's OWN car (handover) - a recall question about a lot car would be vehicle_facts; 'this week' has no time")
m("existing_customer_issue", "en", "so my old loan got charged again this month. I was told you guys would pay off my trade and it looks like it never happened?? now im paying 2 car notes",
  hard="billing / trade payoff not done; complaint also defensible (both true)")
m("existing_customer_issue", "en", "need an oil change on my elantra, does your service dept take walk ins or do i need an appt",
  hard="reads like an hours question but it is service on the customer's own car")
m("existing_customer_issue", "en", "when I bought my palisade in october the salesman promised a 2nd key fob and floor mats. still waiting on both",
  hard="'we owe' items after a sale; complaint also defensible (both true)")
m("existing_customer_issue", "vi", "Tôi đã mua xe ở đây tháng trước mà đến giờ vẫn chưa nhận được giấy đăng ký xe. Ai có thể giúp tôi không?",
  gloss="I bought a car here last month and still have not received the registration. Can anyone help me?")
m("existing_customer_issue", "en", "my 2023 ioniq 5 charge port door is broken, bought it from you guys. is that a warranty thing? how do i get it fixed",
  hard="warranty claim on the customer's own car (handover) vs. a general warranty question (vehicle_facts)")
m("existing_customer_issue", "es", "oye I paid off my car early y el refund del gap insurance nunca llegó, lo compré con ustedes el año pasado",
  hard="Spanglish (dominant es); GAP refund after payoff = billing issue of an existing customer",
  gloss="I paid my car off early and the GAP insurance refund never arrived; bought it from you last year")
m("existing_customer_issue", "en", "registration came back with the wrong VIN on it?? bought from u in nov. do i need to come in")

# ---- legal_threat (true)
m("legal_threat", "en", "not trying to be dramatic but my cousin is an attorney and he says what yall did with my down payment is straight up illegal",
  hard="soft opener; attorney + 'illegal' = legal threat")
m("legal_threat", "en", "if this isnt fixed by friday im filing a complaint with the illinois attorney general. done playing")
m("legal_threat", "es", "si no me regresan mi depósito los voy a demandar, ya hablé con un abogado",
  gloss="if you don't return my deposit I'll sue you, I already talked to a lawyer")
m("legal_threat", "en", "Just so you're aware, I've already drafted a BBB complaint and a letter to the Secretary of State's office. I'd genuinely rather not send either.",
  hard="very polite tone; BBB + Secretary of State = regulator threat")
m("legal_threat", "en", "car has been in your shop 4 times in 2 months for the same problem. im looking into lemon law at this point")
m("legal_threat", "pl", "Jeśli nie oddacie mi zaliczki do piątku, sprawa trafi do sądu.",
  gloss="If you don't return my deposit by Friday, this goes to court.")
m("legal_threat", "en", "small claims filing fee is like 75 bucks. the deposit yall are sitting on is 500. you do the math",
  hard="implicit lawsuit threat with no 'sue'/'lawyer' word")
m("legal_threat", "ko", "환불해 주지 않으면 변호사를 통해 소송하겠습니다.",
  gloss="If you don't refund me, I will sue through a lawyer.")

# ---- ready_to_buy (true)
m("ready_to_buy", "en", f"ok im sold on the {c('26657')} palisade night edition. write it up", units=["26657"])
m("ready_to_buy", "en", "how fast can yall have the paperwork ready if i bring a cashiers check for the santa cruz tomorrow",
  hard="phrased as a question; 'tomorrow' without a time so not appointment_time", units=["26898"])
m("ready_to_buy", "es", f"ya me decidí, quiero la Tucson {es_c('26578')} {y('26578')}. mándeme los papeles para firmar",
  gloss="I've decided, I want the white Tucson, send me the papers to sign",
  notes="only one white gas Tucson of that year; a white Tucson Hybrid and a white 2025 Tucson also exist",
  units=white_tucson)
m("ready_to_buy", "en", f"Send me the purchase agreement for stock {S('WV15141')}, I'll sign it tonight", units=["WV15141"])
m("ready_to_buy", "en", "where do i sign lol", hard="three words, no vehicle named; still a commitment to buy")
m("ready_to_buy", "en", f"Pretty sure I'm taking the {y('KV5529')} Rogue with {Mk('KV5529')} miles. Can we do the credit app and everything online so I just show up and grab it?",
  hard="'pretty sure' + question form, but it is a purchase commitment", units=["KV5529"])
m("ready_to_buy", "tl", f"Kukunin ko na po yung {tl_c('WV15157')} Elantra {y('WV15157')}. Paano po mag-down payment?",
  gloss="I'll take the white Elantra. How do I make the down payment?", units=["WV15157"])
m("ready_to_buy", "en", "deposit. how do i put one down on the ioniq 5 today, dont want anybody else grabbing it",
  hard="one-word opener; deposit today = ready to buy", units=["25713"])

# ---- negotiation (true)
m("negotiation", "en", f"would yall ever take {offer('DT25256', 3)}k for the {y('DT25256')} palisade xrt? just curious lol",
  hard="specific offer disguised as a casual question", units=["DT25256"])
m("negotiation", "en", f"what's your out the door on {S('KV5565')}", notes="out-the-door quote = negotiation", units=["KV5565"])
m("negotiation", "en", f"is the price on the {y('KV5558')} malibu {lastword('KV5558')} firm or is there any flex",
  hard="reads like a price question; asking for flex = negotiation", units=["KV5558"])
m("negotiation", "es", f"me gusta la Telluride {es_c('15355A')} del {y('15355A')} pero {Pk('15355A')} está muy alto. me la dejan en {offer('15355A', 4)} mil?",
  gloss="I like the white Telluride but that price is too high; would you let it go for (offer)?", units=["15355A"])
m("negotiation", "en", f"carmax has a {yy('27138A')} tucson se awd for {(get('27138A').price - 1500) // 100 / 10}k, can you match on yours",
  notes="price-match request", units=["27138A"])
m("negotiation", "en", "I need my payment under 450 a month on a santa fe calligraphy, make that work and im in",
  hard="payment target, sounds like ready_to_buy (both true)", units=sf_cal)
m("negotiation", "en", f"best price on {S('14864A')}?", units=["14864A"])
m("negotiation", "en", f"{Pk('26122')} for a palisade lol. ok whats the real number",
  hard="mocking tone; asking for the 'real number' = lowest price", units=pal_54k)
m("negotiation", "ar", "ما هو أقل سعر ممكن للباليسيد السوداء؟",
  gloss="What is the lowest possible price for the black Palisade?", units=black_pal_new)
m("negotiation", "en", "knock 2k off the ioniq 6 and ill drive down from joliet today",
  notes="ready_to_buy also defensible (both true)", units=["25881"])
m("negotiation", "pt", "Qual é o menor preço que vocês fazem na Santa Cruz? Pago à vista.",
  gloss="What's the lowest price you can do on the Santa Cruz? Paying cash.", units=["26898"])

# ---- human_request (true)
m("human_request", "en", "can i talk to a real person please")
m("human_request", "en", "am i texting a computer rn? if so transfer me to someone w a pulse",
  hard="bot question alone would be false; asks to be transferred")
m("human_request", "es", "quiero hablar por teléfono con un vendedor que hable español",
  gloss="I want to talk by phone with a Spanish-speaking salesperson")
m("human_request", "en", "have marcus call me, he sold my mom her sonata last year. 708-555-0131",
  hard="named salesperson call-back; 'sonata' is not a shopping request")
m("human_request", "en", "pls call me after 6 tonight re the palisade, 312-555-0188",
  hard="day+time is for a phone call, not a visit -> human_request, not appointment_time")
m("human_request", "en", "Agent", hard="single word")
m("human_request", "es", "me puede marcar un asesor? no me gusta escribir por mensaje",
  gloss="can an advisor call me? I don't like writing by text")
m("human_request", "en", "Could a sales manager give me a call? Looking at 3 vehicles for my landscaping business and want to talk fleet pricing.",
  notes="negotiation also defensible (both true)")
m("human_request", "en", "no offense but for something this big id rather deal with an actual human being",
  hard="polite, no 'call me' or 'agent' keyword")
m("human_request", "en", "whats the direct number for someone in sales, not this automated thing")

# ---- appointment_time (true)
m("appointment_time", "en", f"tmrw after 5ish to look at the {c('26609')} palisade {t('26609').split()[0]}?",
  hard="day + fuzzy time, no verb; two black SEL Palisades exist (2024 and 2025)", units=black_sel_pal)
m("appointment_time", "en", "sat morn like 10 for a test drive on the santa cruz", hard="abbreviated day + approximate time",
  units=["26898"])
m("appointment_time", "es", "puedo pasar el sábado a las 11 y media para ver la tucson híbrida?",
  gloss="can I come by Saturday at 11:30 to see the Tucson Hybrid?", units=tuc_hyb)
m("appointment_time", "en", f"omw now, like 25 min out. is the {c('WV15157')} elantra still there",
  hard="arrival time relative to now; reads like an availability question", units=["WV15157"])
m("appointment_time", "en", "Can I schedule a test drive Thursday at 4:30 for the Ioniq 5?", units=["25713"])
m("appointment_time", "en", "leaving work at 3, could be there by 4 today to see the ram",
  hard="two times; the visit time is 4 today", units=["KV5543"])
m("appointment_time", "es", "mañana como a las 6pm can i see the camry?",
  hard="Spanglish (dominant es): tomorrow ~6pm", gloss="tomorrow around 6pm, can I see the Camry?", units=["kv4958"])
m("appointment_time", "en", "sunday?? nvm yall are probably closed sunday. monday noon then, for the used tahoe",
  hard="self-correction; final slot is Monday noon", units=["KV5514"])
m("appointment_time", "en", "I'd like to come in Wednesday around 1 pm to look at the used Tellurides", units=used_tell)
m("appointment_time", "en", f"can i come by tonite around 7:15 to see the {y('15357A')} audi q8 before someone else grabs it",
  units=["15357A"])
m("appointment_time", "zh", "明天下午两点可以去看Ioniq 6吗？", gloss="Can I come see the Ioniq 6 tomorrow at 2pm?", units=["25881"])

# ---- frustration (true)
m("frustration", "en", "this is the 3rd time im asking. is the white santa cruz available or not",
  hard="contains an availability question, but repeated asking = frustration", units=["26898"])
m("frustration", "en", "Been texting back and forth for 2 days and all I get are canned answers. Ridiculous.")
m("frustration", "es", "ya pregunté dos veces el precio de la Palisade y nadie me contesta, qué falta de seriedad",
  gloss="I've already asked twice for the Palisade price and nobody answers, how unprofessional")
m("frustration", "en", "ok so youre just gonna ignore my question again. cool", hard="sarcastic 'cool'")
m("frustration", "en", "hello??? anyone there??? been waiting an hour for a reply", hard="no vehicle content; repeated punctuation")
m("frustration", "en", "you keep sending me cars i didnt ask about. i said UNDER 20K. stop")
m("frustration", "en", "for the love of god just tell me if the tahoe has a sunroof. third time asking",
  hard="a features question, but repeated asking = frustration", units=["KV5514"])

# ---- financing_details (true)
m("financing_details", "en", "credit score is like 540 and my bankruptcy was discharged in 2023. can yall get me approved")
m("financing_details", "es", "tengo ITIN, no tengo seguro social. gano como 3,500 al mes. puedo sacar carro con ustedes?",
  hard="ITIN with own income details (vs a general ITIN policy question)",
  gloss="I have an ITIN, no SSN, I make about 3,500 a month, can I get a car with you?")
m("financing_details", "en", "im upside down like 6k on my current loan, can that get rolled into a new tucson",
  hard="negative equity, reads like a general question", units=tucson_new_gas)
m("financing_details", "en", "I submitted a credit app on your website yesterday, any update?")
m("financing_details", "en", "my dad wants to cosign, his credit is 780ish mine is basically nothing. do we both have to come in",
  hard="co-signer + own thin credit; sounds like a logistics question")
m("financing_details", "en", "I make about 52k a year, 620 score, 2k down. what could I get approved for")

# ---- trade_in_firm (true)
m("trade_in_firm", "en", "kbb says my 2019 accord sport is worth 19,500. not taking a penny less on trade, period.")
m("trade_in_firm", "en", "if you cant give me at least 14 for my trade im not even coming in",
  hard="bare number '14' (= $14k) as an ultimatum")
m("trade_in_firm", "es", "mi Camry 2017 vale mínimo 12 mil, si no me dan eso por ella no hay trato",
  gloss="my 2017 Camry is worth at least 12k, if you don't give me that there's no deal")

# ---- other_handover (true)
m("other_handover", "en", "Hi, I'm a reporter with a local paper working on a story about car prices in the south suburbs. Who at the dealership could I speak with?",
  notes="press inquiry")
m("other_handover", "en", "left my sunglasses and my kid's car seat in the santa fe we test drove yesterday, can someone check??",
  hard="lost property after a test drive; a person must physically check")

# ---- availability (false)
m("availability", "en", "do yall have any ioniq 5s", units=["25713"])
m("availability", "en", "any gray santa fe's?", hard="feed spells it Grey; naive match says none", units=grey_sf)
m("availability", "en", "need a 7 seater, what's on the lot",
  hard="'7 seater' is not a feed field; Palisades/Tellurides/new Santa Fes/Durango/Highlander etc. qualify",
  notes="examples (not exhaustive)", units=third_row_eg)
m("availability", "en", "got any 4x4 pickups",
  hard=f"feed says Type=Truck and Drivetrain=4X4; {S('KV5543')} Ram trim says 4x4 but drivetrain field {get('KV5543').drive}",
  units=trucks_4x4 + ["KV5543"])
m("availability", "es", f"tienen Tucson {y('26578')} en color blanco?", gloss="do you have a white Tucson of that year?",
  notes="one white gas Tucson of that year; white Tucson Hybrid and white 2025 Tucson are close options",
  units=white_tucson)
m("availability", "en", f"Is stock {S('26122')} still available?", units=["26122"])
m("availability", "en", "looking for a sonata, new or used",
  hard="lot has none; right answer says so and offers closest sedans",
  none="no Sonata in the feed; closest sedans", units=sedans_close)
m("availability", "en", "any hybrids? dont want a plug in",
  hard="feed labels hybrids Electric or Gasoline; only the BMW 530e is a plug-in",
  units=hybrids)
m("availability", "en", "do u have a camry", units=["kv4958"])
m("availability", "es", "tienen alguna troca? like a silverado or an f150, usada",
  hard="'troca' slang + Spanglish (dominant es)", gloss="do you have a pickup? used", units=used_trucks)
m("availability", "en", "do you guys have any crossovers under 20",
  hard="'crossover' = SUV in feed; '20' means $20k", units=used_suv_u20)
m("availability", "en", "any convertibles? wife wants a drop top for the summer",
  none="no convertibles in the feed; closest are the two coupes", units=coupes)
m("availability", "en", "any manual transmission cars left? son wants to learn stick",
  hard=f"{S('15549A')} transmission field says {get('15549A').trans} but trim says {trim('15549A')}", units=manuals)
m("availability", "es", "busco una Palisade usada, tienen?", gloss="looking for a used Palisade, do you have one?", units=used_pal)
m("availability", "de", "Guten Tag, haben Sie einen Audi Q5 auf Lager?", gloss="Do you have an Audi Q5 in stock?", units=["DT27212A"])
m("availability", "en", "whats the cheapest thing on your lot that actually runs lol",
  hard="joke, not a complaint; price_question also defensible (both false)", notes="cheapest priced unit", units=[cheapest])
m("availability", "en", "ok so long story short my husbands car died on 57 last tuesday and weve been sharing mine which is NOT working w 2 kids and his night shifts. we need something reliable, ideally awd cause winter, doesnt have to be fancy or new just not a money pit. what do you have in that range like high teens low 20s",
  hard="long rambling; budget given vaguely; no handover trigger despite stress",
  notes="used AWD/4X4 priced 17k-23k", units=awd_teens)

# ---- features (false)
m("features", "en", "does the 2024 palisade calligraphy have heated AND cooled seats in the 2nd row", units=pal24_cal)
m("features", "en", "my boss drives an ioniq 5 and says the glass roof is basically the whole roof. does yours have that",
  hard="boss/third party mention is not a handover", units=["25713"])
m("features", "es", "la Santa Cruz trae cámara de reversa y apple carplay?", gloss="does the Santa Cruz have a backup camera and Apple CarPlay?",
  units=["26898"])
m("features", "en", "does the tucson hybrid have remote start from the phone app", units=tuc_hyb)
m("features", "en", "blind spot monitor on the 2021 rogues?", units=rogues)
m("features", "en", "is the mustang a manual or auto and what engine, listing doesnt say",
  hard="trim is garbage in feed; transmission field says Manual; engine not in feed", units=["KV5552"])
m("features", "en", "3rd row legroom in the new santa fe, can an actual adult sit back there",
  notes=f"applies to all {len(sel(lambda u: u.new and u.model.startswith('Santa Fe')))} new Santa Fe / Santa Fe Hybrid units in feed")
m("features", "en", "does the ioniq 6 come with a charger or do i have to buy one", units=["25881"])

# ---- price_question (false)
m("price_question", "en", f"how much is the {c('26898')} santa cruz", units=["26898"])
m("price_question", "en", f"price on stock {S('15137A')}?", units=["15137A"])
m("price_question", "es", "cuánto cuesta la Ioniq 6?", gloss="how much is the Ioniq 6?", units=["25881"])
m("price_question", "en", "is the price on your website the actual price or do dealer fees get added on top",
  hard="what the listed price includes = price_question, not negotiation")
m("price_question", "en", "how much for the kona? website just says call for price",
  hard="unit has no price in feed; must not invent one", units=["26468A"])
m("price_question", "en", f"what are you asking for the {y('KV5538')} cadillac", units=["KV5538"])
m("price_question", "en", f"any rebates or incentives on the {y('26609')} palisades right now?",
  notes=f"{n_pal24} new Palisades of that year in feed; incentives not in feed")
m("price_question", "en", "my bank account just fainted but whats the damage on the tahoe",
  hard="joking, not a complaint or negotiation", units=["KV5514"])
m("price_question", "en", f"price for the {y('26312A')} palisade {t('26312A')}?", units=["26312A"])

# ---- financing_general (false)
m("financing_general", "en", "do yall have a program for people buying their first car")
m("financing_general", "es", "se puede financiar con número ITIN o nomás con social?",
  hard="ITIN policy question with no personal details (contrast financing_details)",
  gloss="can you finance with an ITIN or only with SSN?")
m("financing_general", "en", "what banks/lenders do you finance through")
m("financing_general", "en", "longest loan term you offer? like 84 months?")
m("financing_general", "en", "can i get preapproved online w/o a hard pull on my credit",
  hard="mentions 'my credit' but gives no personal details")
m("financing_general", "en", "do u do buy here pay here or nah")
m("financing_general", "en", "Do you have lease specials on the Ioniq 5?", units=["25713"])

# ---- hours_location (false)
m("hours_location", "en", "what time yall close saturday")
m("hours_location", "en", "whats the address, coming from indiana")
m("hours_location", "es", "a qué hora abren el domingo?", gloss="what time do you open on Sunday?")
m("hours_location", "en", "might swing by over the weekend, yall open sunday?",
  hard="visit with no time -> not appointment_time")
m("hours_location", "en", "is there a metra stop near you? i dont have a car (obviously lol)")
m("hours_location", "en", "are you the hyundai right off 57 or the other one")
m("hours_location", "en", "whats the earliest i could come in tmrw",
  hard="'tmrw' but asks for opening time, no time given -> hours_location")

# ---- photos (false)
m("photos", "en", f"can u send more pics of {S('15355A')}", units=["15355A"])
m("photos", "en", f"pics of the inside of the {c('26657')} palisade?", units=["26657"])
m("photos", "es", f"me puede mandar fotos de la Grand Cherokee {es_c(grand_ch_white[0])}?",
  gloss="can you send photos of the white Grand Cherokee?", units=grand_ch_white)
m("photos", "en", "any video walkaround of the audi q8?", units=["15357A"])
m("photos", "en", "photos of the underside of the silverado? worried about rust, im in the salt belt", units=["WV15156"])

# ---- mileage (false)
m("mileage", "en", "how many miles on the used palisade limited", units=["WV15141"])
m("mileage", "en", f"the 'new' palisade with {M('26122')} miles on it... why does a new car have that many",
  hard="new unit with demo-level miles; must not invent history", units=["26122"])
m("mileage", "es", "cuántas millas tiene la BMW X3?", gloss="how many miles on the BMW X3?", units=["KV5516"])
m("mileage", "en", "miles on the sportage?", hard="mileage missing in feed; must not invent", units=["KV5454A"])
m("mileage", "en", "whats the lowest mileage used suv you got",
  hard="answer is a used unit with double-digit miles", units=[low_used_suv])

# ---- comparison (false)
m("comparison", "en", "tucson vs santa fe for a family of 4, which makes more sense")
m("comparison", "en", "ioniq 5 or ioniq 6 for mostly highway commuting", units=["25713", "25881"])
m("comparison", "es", "qué es mejor, la Telluride o la Palisade?", gloss="which is better, the Telluride or the Palisade?")
m("comparison", "en", f"is the {y('27110')} santa fe calligraphy really worth the jump from the tucson limited? like what am i actually getting for the extra money",
  hard="'worth' / 'extra money' sound like negotiation; it is a comparison")
m("comparison", "en", "rogue vs escape, which one holds up better")
m("comparison", "en", "whats actually different between the palisade limited and the calligraphy")
m("comparison", "en", "which is better on gas, tucson hybrid or santa fe hybrid. and dont just say 'both are great' lol",
  hard="playful demand, not frustration", units=tuc_hyb[:1] + sf_hyb)

# ---- browsing (false)
m("browsing", "en", "just looking rn, what suvs do you have")
m("browsing", "en", "not buying for a few months, just seeing whats out there")
m("browsing", "es", "nomás estoy viendo, qué tienen de usados?", gloss="just looking, what do you have used?")
m("browsing", "en", "my buddy whos a lawyer swears hyundais are actually good now lol. just browsing, whats popular",
  hard="'lawyer' mention is not a legal threat")
m("browsing", "en", "show me everything under 20k", units=used_u20)
m("browsing", "en", "what would you buy if you were me. 2 kids, 45 min commute, 30k budget, hate minivans",
  hard="budget + life details, but no personal financing/credit info and no offer")
m("browsing", "en", "can you send me your used inventory list")
m("browsing", "it", "Buongiorno, sto solo dando un'occhiata. Avete dei SUV usati?",
  gloss="Good morning, I'm just looking. Do you have used SUVs?")

# ---- small_talk (false)
m("small_talk", "en", "hi")
m("small_talk", "en", "good morning!! hope ur having a good day")
m("small_talk", "es", "hola buenas tardes", gloss="hello good afternoon")
m("small_talk", "en", "lol ok you're actually pretty helpful for a robot",
  hard="mentions robot but neither complaint nor human request")
m("small_talk", "en", "thanks!!")

# ---- vehicle_facts (false)
m("vehicle_facts", "en", "whats the hyundai warranty on new cars")
m("vehicle_facts", "en", f"does the factory warranty transfer if i buy the used {y('15137A')} santa fe",
  hard="warranty word, but a general question about a lot car (not a claim); 10yr/100k powertrain is original-owner only",
  units=["15137A"])
m("vehicle_facts", "en", f"any open recalls on the {y(compass19[0])} jeep compass you have listed",
  hard="recall question about a lot car = vehicle_facts, not existing_customer_issue", units=compass19)
m("vehicle_facts", "es", "cuántas millas da con una carga la Ioniq 5?", gloss="how many miles per charge does the Ioniq 5 get?",
  units=["25713"])
m("vehicle_facts", "en", "towing capacity on the santa cruz?", units=["26898"])
m("vehicle_facts", "en", "is the santa fe hybrid a plug in?", units=sf_hyb)
m("vehicle_facts", "en", "the listing says 'Electric' for the tucson hybrid. so is it electric or a hybrid lol",
  hard="feed quirk: hybrids labelled Electric", units=[s for s in tuc_hyb if get(s).fuel == "Electric"])
m("vehicle_facts", "en", f"what engine is in the {y('26609')} palisade")
m("vehicle_facts", "en", f"is the {y('27215')} santa fe made in the US or korea")

# ---- other_ai (false)
m("other_ai", "en", "yall accept trades or do i gotta sell mine private", notes="trade-ins in general, no number")
m("other_ai", "en", "do you ship cars out of state? im up in wisconsin")
m("other_ai", "es", "reciben carros a cuenta?", gloss="do you take cars as trade-in?")


# ------------------------------------------------------------- conversations
CONVS = []


def conv(lang, turns):
    CONVS.append({"language": lang, "turns": [{"customer": cu, "expect": ex} for cu, ex in turns]})


NH = "No handover"
# z01 - new Palisades, third row, narrowing, demo miles, day+time in one, name/phone
pal24_u50 = st(sel(lambda u: u.new and u.model == "Palisade" and u.year == 2024 and u.price < 50000, key=by_price))
assert pal24_u50 == ["DT25256", "26609"], pal24_u50
n24 = sum(1 for s in new_pal if get(s).year == 2024)
conv("en", [
    ("hey do u guys have any new palisades? need a 3rd row for the kids + the dog lol",
     [f"Confirms new Palisades are in stock ({len(new_pal)} new units in the feed: {n24} of them 2024, {len(new_pal) - n24} of them 2025) and names at least two with price, e.g. {ref('DT25256')}, {ref('26609')}",
      "Does not say there are no 3-row SUVs or no Palisades in stock", NH]),
    ("2024s only and under 50k",
     [f"Lists exactly {refs(pal24_u50)}", "Does not include any 2025 Palisade or any unit priced $50,000 or more", NH]),
    ("whats the difference between those 2 besides price",
     [f"Identifies {S('DT25256')} as the {trim('DT25256')} and {S('26609')} as the {trim('26609')}",
      f"If it states a price gap, it is {diff('DT25256', '26609')}",
      "Does not present equipment differences as feed data (may describe typical trim differences in general terms)", NH]),
    (f"wait the xrt has {M('DT25256')} miles? was it a demo or something",
     [f"Confirms {S('DT25256')} shows {miles('DT25256')} in the feed",
      "Does not state the unit's history (demo, loaner) as fact; may offer to check", NH]),
    (f"ok lemme come look at the {c('DT25256')} one sat morn like 10",
     [f"Handover to a human (appointment_time) for Saturday around 10am to see {S('DT25256')} ({colour('DT25256')} {trim('DT25256')})",
      "Does not ask again for the day or the time"]),
    ("its Dana btw, 708-555-0142",
     ["Acknowledges Dana by name",
      f"Handover note includes Saturday ~10am, {S('DT25256')} and 708-555-0142",
      "Does not re-ask for day, time or vehicle"]),
])

# z02 - gray vs Grey Tucsons, cheapest, missing price, trim-vs-drivetrain conflict, OTD
grey_tuc = st(sel(lambda u: u.model.startswith("Tucson") and u.colour == "Grey", key=lambda u: (u.cond != "New", u.year)))
used_grey_tuc_priced = st(sel(lambda u: u.model == "Tucson" and u.used and u.colour == "Grey" and u.price, key=by_price))
assert used_grey_tuc_priced[0] == "27138A" and len(grey_tuc) == 4, (grey_tuc, used_grey_tuc_priced)
conv("en", [
    ("any gray tucsons?",
     [f"Lists exactly these four (the Hybrid may be flagged or listed separately): {refs(grey_tuc)}",
      "Treats gray and Grey as the same colour; does not say there are no gray Tucsons", NH]),
    ("used only. cheapest?",
     [f"Names {ref('27138A')} as the cheapest priced used one",
      f"Does not invent a price for {S('27227A')} ({price('27227A')}); may say its price is not listed", NH]),
    ("miles on that one and whats the trim exactly",
     [f"For {S('27138A')} states {miles('27138A')} and the trim {trim('27138A')} (or SE AWD)", NH]),
    (f"and the {y('WV15124')}? trim says {t('WV15124')} so its awd right",
     [f"Identifies the {y('WV15124')} as {ref('WV15124')}",
      f"Points out the feed conflict (trim says {trim('WV15124')}, drivetrain field says {get('WV15124').drive}) or says it will verify; does not simply confirm AWD as fact",
      NH]),
    (f"ok. whats the best you can do on the {yy('27138A')} out the door",
     [f"Handover to a human (negotiation) about {S('27138A')}",
      "Does not invent a discount or an out-the-door figure"]),
])

# z03 - pickup / 4x4 / no diesel / garbage trim / trade-in then ultimatum
cheapest_4x4 = trucks_4x4[0]
assert cheapest_4x4 == "WV15156" and set(trucks_4x4) == {"WV15156", "WK15091", "KV5526"}
assert all(get(s).fuel in ("Gasoline", "Flex") for s in trucks)
conv("en", [
    ("need a pickup w 4x4 for plowing my driveway, what do u got",
     [f"Lists {refs(trucks_4x4)} (the trucks whose drivetrain field is 4X4)",
      f"If it mentions {S('KV5543')} ({y('KV5543')} Ram 1500, trim {trim('KV5543')}), notes the drivetrain field says {get('KV5543').drive}; does not present {S('WV15148')} ({trim('WV15148')}) as 4x4",
      "Does not say there are no trucks or pickups in stock", NH]),
    ("any diesel?",
     ["Says plainly there is no diesel truck in the inventory (fuel types listed are gasoline/flex)",
      f"Offers the closest 4x4 gas options, e.g. {S('KV5526')} or {S('WV15156')}", NH]),
    ("which of the 4x4 ones is cheapest",
     [f"Names {ref(cheapest_4x4)} as the cheapest of the three", NH]),
    ("what trim is the ford",
     [f"Says the trim of {S('WK15091')} is not given in the feed; does not invent XLT, Lariat or any other trim", NH]),
    ("i got a 2014 silverado 1500 LT 4x4, like 168k, some rust on the rockers but runs strong. what would u give me for it",
     ["Does not quote a specific trade-in value", "Offers an appraisal or asks to see the truck", "Handover optional"]),
    ("need 12 for it minimum or im not doing the deal",
     ["Handover to a human (trade_in_firm)", "Does not agree to or counter the $12,000 figure itself"]),
])

# z04 (es) - 3-row used under 30k, miles, financing general, day then time, name/phone
three_row_used_u30 = st(sel(lambda u: u.used and u.model in ("Telluride", "Highlander", "Durango", "Palisade", "Tahoe", "Explorer", "Qx60")
                            and u.price and u.price <= 30000, key=by_price))
assert set(three_row_used_u30) == {"KV5561", "KV5565", "DT15564A"}, three_row_used_u30
conv("es", [
    ("hola, busco una camioneta de 3 filas para la familia, usada y abajo de 30 mil",
     ["Replies in Spanish",
      f"Includes the priced 3-row used units at or under $30,000: {refs(three_row_used_u30)}",
      f"May mention 3-row used units with no listed price (e.g. {S('12135A')}, {S('WV15166')}) only without inventing a price",
      "Does not say there are none", NH]),
    ("la Kia cuántas millas tiene?",
     ["Replies in Spanish", f"States {miles('DT15564A')} for {S('DT15564A')}", NH]),
    ("uff muchas. y la Dodge?",
     ["Replies in Spanish", f"States {ref('KV5565')}", NH]),
    ("ustedes financian a gente que compra por primera vez?",
     ["Replies in Spanish", "Answers generally (first-time buyers can apply, subject to approval); does not promise approval", NH]),
    ("va, puedo ir el sábado a ver la Dodge?",
     ["Replies in Spanish", "Handover not yet required", "Asks what time on Saturday (or gives Saturday hours)"]),
    ("como a las 11",
     [f"Handover to a human (appointment_time) with Saturday 11am and {S('KV5565')}", "Replies in Spanish"]),
    ("soy Marisol, 773-555-0167",
     ["Replies in Spanish", f"Handover note includes Marisol, 773-555-0167, Saturday 11am and {S('KV5565')}"]),
])

# z05 - good on gas -> used EV under 20k -> range -> newer -> missing price -> call me
used_elec_u20 = st(sel(lambda u: u.used and (u.fuel in ("Electric", "Hybrid") or "Hybrid" in u.model or "Hybrid" in u.trim)
                       and u.price and u.price < 20000))
assert used_elec_u20 == ["KV5563"], used_elec_u20
conv("en", [
    ("whats good on gas? i drive like 60 miles a day round trip",
     ["Does not say there are no fuel-efficient vehicles",
      f"Mentions at least one hybrid or EV in stock, e.g. {ref('27103')}, {ref('25713')} or {ref('KV5563')}", NH]),
    ("used only, under 20k",
     [f"Names, as the only priced used EV/hybrid under $20,000, {ref('KV5563')}",
      f"May mention {S('WV15159')} ({y('WV15159')} Toyota Prius Prime) without inventing a price",
      f"May mention {S('15500A')} as just over budget", NH]),
    ("range on the niro? no charger at home just a regular outlet",
     ["Gives the 2022 Niro EV range as roughly 239 miles (EPA) or offers to confirm; does not state a materially different figure",
      "Notes that charging from a standard 120V outlet is slow (Level 1) and/or mentions Level 2 / public charging", NH]),
    (f"{Mk('KV5563')} miles on an EV kinda scares me. anything newer?",
     [f"Offers newer electrified options, e.g. {ref('25713')}, {ref('25881')} or a new Tucson Hybrid", NH]),
    ("lol those are way over budget. whats the prius going for",
     [f"Says the price of {ref('WV15159')} is not listed; does not invent one", "Offers to get the price from the team", NH]),
    ("ok can someone just text me the price on the prius, 312-555-0119",
     [f"Handover to a human (human_request) with 312-555-0119 and {S('WV15159')} in the note"]),
])

# z06 - trims of 2025 Santa Fe, range + white, AWD, back to 2024 white, diff, write it up
sf25 = sel(lambda u: u.model == "Santa Fe" and u.year == 2025)
sf25_cal = st(sel(lambda u: u.model == "Santa Fe" and u.year == 2025 and "Calligraphy" in u.trim, key=by_price))
sf25_cal_white = [s for s in sf25_cal if get(s).colour == "White"]
assert sf25_cal_white == ["27251"]
sf24_white = st(sel(lambda u: u.model == "Santa Fe" and u.year == 2024 and u.colour == "White", key=by_price))
assert sf24_white == ["27110", "27181"]
conv("en", [
    ("what trims do u have on the 2025 santa fe",
     [f"Names SEL and Calligraphy as the 2025 Santa Fe trims in stock ({', '.join(sorted(set(u.trim for u in sf25)))})",
      f"May also mention the 2025 Santa Fe Hybrid units ({S('DT27293')} {trim('DT27293')}, {S('27205')} {trim('27205')})",
      "Does not claim SE, XRT or Limited (gas) 2025 Santa Fes are in stock", NH]),
    ("price range on the calligraphys? any in white",
     [f"Gives the 2025 gas Santa Fe Calligraphy range as {P(sf25_cal[0])} to {P(sf25_cal[-1])} (or up to {P('27205')} if it includes the Hybrid 27205)",
      f"Identifies {ref('27251')} as the white one; may also mention the white Hybrid {ref('27205')}", NH]),
    ("the white one is it awd? trim just says calligraphy",
     [f"Says the feed lists the drivetrain of {S('27251')} as {get('27251').drive} (all-/four-wheel drive) even though the trim is just {trim('27251')}", NH]),
    ("hmm what about a 2024 in white, cheaper?",
     [f"Lists exactly {refs(sf24_white)}", f"Says the cheaper one is {S('27110')}", NH]),
    (f"so the {yy('27110')} white one is like {kdiff('27251', '27110')} less than the {yy('27251')} white one right",
     [f"Confirms a difference of {diff('27251', '27110')} between {S('27251')} ({P('27251')}) and {S('27110')} ({P('27110')}); or {diff('27251', '27181')} if it takes {S('27181')} as 'the 2024 one' and says so",
      NH]),
    ("alright write it up on the cheaper 2024. paying cash",
     [f"Handover to a human (ready_to_buy) for {S('27110')}", "Does not ask the customer to restate which vehicle"]),
])

# z07 - CR-V / RAV4 not on lot -> Rogues -> blue ones -> lowest miles -> weekend -> Sat 11:30
blue_rogues = [s for s in rogues if get(s).colour == "Blue"]
assert sorted(blue_rogues) == ["KV5529", "KV5540"]
assert not sel(lambda u: u.model in ("Cr-V", "CR-V", "Rav4", "RAV4"))
gap_mi = abs(get("KV5540").miles - get("KV5529").miles)
conv("en", [
    ("do u have a crv or rav4",
     ["Says plainly there is no Honda CR-V or Toyota RAV4 in stock",
      f"Offers the closest real compact SUVs with at least one stock number, e.g. {S('WV15120')} (Rogue), {S('WV15112')} (Escape), {S('27138A')} (Tucson) or {S('KV5506')} (Equinox)",
      NH]),
    ("ok rogues then. how many and prices",
     [f"Lists exactly {refs(rogues)}", NH]),
    ("whats the diff between the 2 blue ones",
     [f"States the price gap ({diff('KV5540', 'KV5529')}) and the mileage gap ({gap_mi:,} mi) between the blue Rogues: {ref('KV5540')} vs {ref('KV5529')}", NH]),
    ("the one w less miles, does it have carplay? and what color is the inside",
     [f"Identifies {S('KV5529')} ({miles('KV5529')})",
      "Does not invent an interior colour (not in the feed); may offer to check",
      "Answers CarPlay in general terms for a 2021 Rogue SV (Apple CarPlay/Android Auto) or offers to confirm", NH]),
    ("can i come see it over the weekend",
     ["Handover not yet required", "Asks which day and time, or gives weekend hours"]),
    ("sat 1130ish",
     [f"Handover to a human (appointment_time) with Saturday ~11:30am and {S('KV5529')}"]),
])

# z08 - crossover -> Sportage (no miles) -> Trailblazers -> low miles -> back to Sportage + lowest price
tblz = st(sel(lambda u: u.model == "Trailblazer", key=lambda u: u.year))
assert len(tblz) == 3
conv("en", [
    ("looking for a small crossover, nothing huge, around 20k",
     ["Does not say there are no crossovers",
      f"Offers small SUVs near $20,000, e.g. {ref('KV5544')}, {ref('WV15149')} or {ref('KV5454A')}", NH]),
    ("what about the kia sportage",
     [f"States {ref('KV5454A')}", "Does not invent a mileage (not given in the feed)", NH]),
    ("and trailblazers?",
     [f"Lists exactly {refs(tblz)}",
      f"Does not invent prices for {S('WV15173')} or {S('WV15177')} (no price in feed)", NH]),
    (f"the {y('WV15118')} has {M('WV15118')} miles?? thats basically new. why so cheap",
     [f"Confirms {S('WV15118')} shows {miles('WV15118')}", "Does not invent the unit's history", NH]),
    ("going back to the sportage. can u find out the miles and whats the lowest u can go on it",
     [f"Handover to a human (negotiation) for {S('KV5454A')}", "Does not invent a mileage or a discount"]),
])

# z09 (es) - Tucson Hybrid, cheapest, missing colour, white one miles, call tomorrow at 10
conv("es", [
    ("hola tienen tucson hibrida? algo que gaste poquita gasolina",
     ["Replies in Spanish", f"Lists exactly {refs(tuc_hyb)}", "Does not say not in stock", NH]),
    ("cuál es la más barata",
     ["Replies in Spanish", f"Names {ref(tuc_hyb[0])}", NH]),
    (f"y de qué color es la de {Pn('26940')}? jaja",
     ["Replies in Spanish", f"Says the colour of {S('26940')} is not given in the feed; does not invent one", NH]),
    ("ok y la blanca cuántas millas tiene",
     ["Replies in Spanish", f"States {miles('27023')} for {S('27023')}", NH]),
    ("mi esposo quiere hablar con alguien, nos pueden llamar mañana a las 10? 708-555-0153",
     ["Handover to a human (human_request): call-back tomorrow 10am, 708-555-0153", "Replies in Spanish"]),
])

# z10 - Tellurides under 40k miles -> 2022s -> which AWD (conflict) -> white one offer -> name/phone
tell_u40 = st(sel(lambda u: u.model == "Telluride" and u.miles is not None and u.miles < 40000, key=lambda u: (u.year, u.miles)))
tell_u40_22 = [s for s in tell_u40 if get(s).year == 2022]
assert sorted(tell_u40_22) == ["15263A", "15355A"]
conv("en", [
    ("what tellurides u got under 40k miles",
     [f"Lists exactly {refs(tell_u40)}", f"Does not include units over 40,000 mi (e.g. {S('15394A')}, {S('14864A')})", NH]),
    ("only 2022s",
     [f"Lists exactly {refs(tell_u40_22)}", NH]),
    ("which one is awd",
     [f"Identifies {S('15355A')} ({trim('15355A')}) as AWD",
      f"For {S('15263A')} notes the conflict (trim {trim('15263A')}, drivetrain field {get('15263A').drive}) rather than stating either as fact", NH]),
    (f"the {c('15355A')} one. would u do {offer('15355A', 2)} flat",
     [f"Handover to a human (negotiation): customer offers ${offer('15355A', 2)},000 flat on {S('15355A')}",
      "Does not accept or counter the offer itself"]),
    ("Curtis. text me 219-555-0128",
     ["Acknowledges Curtis", f"Handover note includes Curtis, 219-555-0128 and {S('15355A')}"]),
])

# z11 - red Palisade (none) -> burgundy -> AWD conflict -> 3rd row under 45 -> repeated frustration
assert not sel(lambda u: u.model == "Palisade" and u.colour == "Red")
burg_pal = st(sel(lambda u: u.model == "Palisade" and u.colour == "Burgundy"))
assert burg_pal == ["27114"]
conv("en", [
    ("do you have a red palisade",
     ["Says plainly there is no red Palisade in stock", f"Offers the closest real option, e.g. the burgundy {ref('27114')}", NH]),
    ("burgundy works. price and miles?",
     [f"States {S('27114')} at {P('27114')} with {miles('27114')}", NH]),
    ("trim says awd so its awd yes?",
     [f"Notes the feed conflict for {S('27114')} (trim {trim('27114')}, drivetrain field {get('27114').drive}); does not confirm AWD as fact; offers to verify", NH]),
    ("eh too much anyway. anything w a 3rd row under 45",
     [f"Offers 3-row units priced under $45,000, e.g. {ref('DT25256')}, {ref('DT27185')}, {ref('WV15141')} or {ref('26312A')}",
      "Every unit it names with a price is under $45,000", NH]),
    ("seriously 2nd time asking is the burgundy one awd or not. this is ridiculous",
     ["Handover to a human (frustration)", "Does not repeat the same non-answer without offering a person"]),
])

# z12 - 2023 Fortes -> grey automatic? -> trades in general -> own credit -> send paperwork
forte23 = st(sel(lambda u: u.model == "Forte" and u.year == 2023, key=by_price))
assert sorted(forte23) == ["14729A", "15239A"]
conv("en", [
    ("2023 kia fortes, what do u have",
     [f"Lists exactly {refs(forte23)}", NH]),
    ("the grey one, is it automatic",
     [f"Says {S('14729A')} has a CVT (automatic-type) transmission", NH]),
    ("gonna trade in my 2016 sentra S, 112k, cracked windshield otherwise clean. yall take trades?",
     ["Says trade-ins are accepted / offers an appraisal", "Does not quote a trade-in value", NH]),
    ("my credit is like 580 and i had a repo 2 yrs ago, can i still get approved",
     ["Handover to a human (financing_details)", "Does not promise approval"]),
    ("ok just send me the paperwork for the grey one",
     [f"Handover to a human (ready_to_buy) for {S('14729A')}"]),
])

# z13 - Sonata (none) + Saturday hours -> Elantras -> warranty -> Camry (no price) -> comparison
elantras = st(sel(lambda u: u.model == "Elantra", key=lambda u: u.year))
assert not sel(lambda u: u.model == "Sonata") and len(elantras) == 2
conv("en", [
    ("yo do yall have sonatas? and whats ur saturday hours",
     ["Says plainly there are no Sonatas in stock",
      f"Offers the closest sedans, e.g. {S('WV15157')} (Elantra), {S('26638A')} (Elantra), {S('DT15592A')} (K5)",
      "Addresses the Saturday hours question too (gives hours or says it will confirm; does not ignore it)", NH]),
    ("elantras then",
     [f"Lists exactly {refs(elantras)}", f"Does not invent a price for {S('26638A')}", NH]),
    (f"the {yy('WV15157')} one, is it still under factory warranty",
     [f"Says it is likely still within Hyundai's new-vehicle limited warranty (5 yr/60,000 mi) given the year and mileage of {S('WV15157')}, or offers to confirm the in-service date",
      "Does not claim the 10-year/100,000-mile powertrain warranty fully transfers to a second owner", NH]),
    ("what about a camry",
     [f"Names {ref('kv4958')} and says its price is not listed", NH]),
    ("elantra vs camry, which is better on gas",
     ["Answers the question (which is typically more efficient, or that they are close) without presenting MPG figures as inventory data", NH]),
])

# z14 - Maverick (none) -> Santa Cruz -> bed fits a dirt bike? -> financing general -> OTD offer
assert not sel(lambda u: u.model == "Maverick")
conv("en", [
    ("do u have any small pickups like a ford maverick",
     ["Says plainly there is no Ford Maverick in stock",
      f"Offers {ref('26898')} as the closest compact pickup; may also mention {ref('WV15148')}", NH]),
    ("santa cruz how much and miles",
     [f"States {S('26898')} at {P('26898')} with {miles('26898')}", NH]),
    ("will a dirt bike fit in the bed",
     ["Gives the bed length as about 4.3 ft (52 in) or offers to confirm; does not claim a longer bed",
      "May mention tailgate-down / bed extender", NH]),
    ("do yall finance thru hyundai or banks",
     ["Answers generally (captive lender and/or banks, subject to approval)", NH]),
    ("honestly if you can do 40 out the door ill come sign today",
     [f"Handover to a human (negotiation): $40,000 out-the-door offer on {S('26898')}", "Does not accept or reject the offer itself"]),
])

# z15 - 4wd under 25k -> Jeeps only -> white one miles -> 2020 GC diff -> complaint
jeeps = sel(lambda u: u.make == "Jeep")
jeep_4x4_u25 = st(sel(lambda u: u.make == "Jeep" and u.drive == "4X4" and u.price and u.price < 25000))
assert jeep_4x4_u25 == ["KV5425"], jeep_4x4_u25
gc2020 = st(sel(lambda u: u.model == "Grand Cherokee" and u.year == 2020))
assert gc2020 == ["KV5554"]
conv("en", [
    ("need something 4wd under 25k for winter, what do u have",
     ["Does not say there are no 4WD/AWD vehicles",
      f"Offers used AWD/4X4 units priced under $25,000, e.g. {ref('KV5425')}, {ref('WV15114')} or {ref('WV15112')}", NH]),
    ("jeeps only",
     [f"Names as a priced 4x4 Jeep under $25,000: {ref('KV5425')}",
      f"If it mentions {S('KV5492')} ({y('KV5492')} Jeep Cherokee {trim('KV5492')}), notes its drivetrain field says {get('KV5492').drive}",
      f"May mention 4X4 Jeeps with no listed price ({S('WV15175')}, {S('WV15170')}, {S('WV15163')}) without inventing prices",
      f"Does not present {S('15279A')} ({trim('15279A')}) as 4WD", NH]),
    (f"the {c('KV5425')} one how many miles",
     [f"States {miles('KV5425')} for {S('KV5425')}", NH]),
    (f"and the {y('KV5554')} grand cherokee, how much more is that one",
     [f"States the difference ({diff('KV5554', 'KV5425')}) and names {ref('KV5554')}", NH]),
    ("fyi i came in last week to look at it and your salesman was rude af and never called me back like he said",
     ["Handover to a human (complaint)", "Apologises or acknowledges the bad experience without arguing"]),
])


def main():
    rnd = random.Random(20261207)
    msgs = MSGS[:]
    rnd.shuffle(msgs)
    with open(os.path.join(OUT, "messages.jsonl"), "w") as f:
        for i, mm in enumerate(msgs, 1):
            rec = {"id": f"z{i:03d}", "text": mm["text"], "handover": mm["handover"], "reason": mm["reason"],
                   "language": mm["language"], "notes": mm["notes"]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "conversations.jsonl"), "w") as f:
        for i, cv in enumerate(CONVS, 1):
            rec = {"id": f"z{i:02d}", "language": cv["language"], "turns": cv["turns"]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"messages: {len(msgs)}  conversations: {len(CONVS)}")


if __name__ == "__main__":
    main()
