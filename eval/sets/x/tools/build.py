#!/usr/bin/env python3
"""Writes ../messages.jsonl and ../conversations.jsonl for set X.

All stock numbers, prices, mileages, colours and differences come from feed.py
(filters over the TSV); nothing numeric about a vehicle is typed by hand.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed import (FEED, S, L, find, get, stocks, short, shorts, pdiff, mdiff, cheapest,  # noqa: E402
                  lowest_miles, money, mi)

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MSG = []


def m(text, reason, lang, notes="", hard=None, why=None):
    n = ("HARD: " + hard.strip() + " " if hard else "") + notes.strip()
    if why:
        n = n.strip() + " Note: " + why.strip()
    MSG.append({"text": text, "reason": reason, "language": lang, "notes": n.strip()})


def st(units, **kw):
    return "stock: " + L(units, **kw) + ";"


def st1(*ss, **kw):
    return "stock: " + "; ".join(S(s, **kw) for s in ss) + ";"


def sh(s):
    return short(get(s))


THREE_ROW = {"palisade", "telluride", "highlander", "durango", "tahoe", "qx60", "explorer"}
three_row = lambda u: u["model"].lower() in THREE_ROW  # noqa: E731
NOINVENT = "A good reply must not invent a price."

# ---------------------------------------------------------------- complaint
m("sat in ur showroom almost 2 hrs sunday and not one person came over to help us. we walked out. is that how yall do it",
  "complaint", "en", "Service complaint about a visit; no vehicle named.")
m("wow so your salesman really told my wife to 'come back with her husband' before he'd talk numbers. in 2026. unreal",
  "complaint", "en", "Complaint about staff conduct.")
m("love how the online price was one number and then at the desk it magically went up like 3 grand 🙃 thanks for wasting my whole saturday",
  "complaint", "en", "Price figure is the customer's, not a unit price; not a negotiation.",
  hard="sarcastic complaint with emoji; 'love how' and 'thanks' are sarcasm.")
m("Called 4 times yesterday. 2 voicemails. Crickets. Amazing customer service guys, really",
  "complaint", "en", "frustration is also defensible (same side).",
  hard="sarcasm ('Amazing customer service') is the complaint.")
m("the guy who took us on the test drive was on his phone the entire time and the car reeked of smoke. not buying from him",
  "complaint", "en", "Complaint about a salesperson; no explicit request for another person.")
m("yall text me EVERY day about a car i already told you i bought somewhere else. knock it off",
  "complaint", "en", "Complaint about contact frequency; a human should take the opt-out.")
m("Super impressed that the car I put a hold on got sold to someone else while I was driving over. Top notch operation.",
  "complaint", "en", "existing_customer_issue also defensible (same side).",
  hard="polite-sounding sarcasm; no swear words, no explicit complaint word.")
m("your finance guy pushed the paint protection on me like 5 times after i said no. felt super pressured, not cool",
  "complaint", "en", "Complaint about F&I pressure; not a financing question.")
m("Thanks for the 'quick' oil change that took 3 and a half hours 👏👏",
  "complaint", "en", "existing_customer_issue also defensible (same side).",
  hard="sarcastic clapping; service-department complaint phrased as thanks.")
m("Fui el sábado y el vendedor casi no me atendió porque no hablo bien inglés. Muy mal servicio la verdad.",
  "complaint", "es", "Spanish: complaint about being ignored for not speaking English well.")
m("Byłem u was wczoraj, sprzedawca był bardzo niegrzeczny i nawet nie chciał pokazać mi samochodu.",
  "complaint", "pl", "Polish: 'I was at your place yesterday, the salesman was very rude and didn't even want to show me the car.'")

# ---------------------------------------------------------------- existing_customer_issue
m("bought a palisade from u guys 3 weeks ago and still no plates or registration. temp tag runs out friday",
  "existing_customer_issue", "en", "Paperwork on a delivered car.")
m("hey its marcus, picked up my tucson on the 2nd. theres a scratch on the rear bumper that wasnt there at delivery, who do i talk to",
  "existing_customer_issue", "en", "Post-delivery damage claim.")
m("my car payment isnt showing on the lender website, did yall ever send my contract to the bank??",
  "existing_customer_issue", "en", "Funding/contract issue on a completed deal; financing_details is not the primary reason.")
m("You said you'd mail the second key for my Santa Fe. That was 5 weeks ago. Still nothing.",
  "existing_customer_issue", "en", "complaint also defensible (same side).")
m("the tire pressure light keeps coming on on the elantra i got from yall last month, is that covered under warranty",
  "existing_customer_issue", "en", "",
  hard="warranty question, but about the customer's own purchased car = claim, not vehicle_facts.")
m("got a recall letter for my kona, can yall do it and how long does it take",
  "existing_customer_issue", "en", "",
  hard="recall repair on the customer's own car (not a recall question about a unit on the lot).")
m("I traded my Jeep in last month and the payoff never hit my old lender. Now THEY are calling ME for the payment",
  "existing_customer_issue", "en", "Trade payoff not sent; complaint also defensible (same side).")
m("Compré una Tucson con ustedes en octubre y todavía no me llega el título. ¿Con quién hablo?",
  "existing_customer_issue", "es", "Spanish: bought a Tucson in October, title never arrived.")
m("hi im the one who bought the white telluride tuesday, i think i left my sunglasses and a charger in my trade in, can someone look",
  "existing_customer_issue", "en", "Mentions a white Telluride already bought; not an availability question.",
  why="casual, friendly tone; sounds like small talk but needs a person to check the trade-in.")
m("Tôi mua xe Elantra ở đây tháng trước, đèn check engine bật sáng. Tôi cần đặt lịch sửa.",
  "existing_customer_issue", "vi", "Vietnamese: 'I bought an Elantra here last month, the check engine light is on. I need to book a repair.'")
m("when i sold my car back the gap insurance refund was supposed to come in 30 days. its been 2 months, who handles that",
  "existing_customer_issue", "en", "Refund owed on a closed deal.")
m("quick q — service says my extended warranty paperwork was never filed?? i paid for it at signing",
  "existing_customer_issue", "en", "",
  hard="starts as 'quick q' and mentions warranty, but it is a problem with the customer's own contract.")

# ---------------------------------------------------------------- legal_threat
m("If the dent isn't fixed by Friday I'll be talking to my attorney.",
  "legal_threat", "en", "Explicit attorney threat.")
m("I'd genuinely rather not go this route, but I've drafted a complaint to the Illinois Attorney General about the doc fee I was charged.",
  "legal_threat", "en", "",
  hard="very polite; AG complaint counts as legal_threat.")
m("Respectfully, the car was sold to me with an accident that wasn't disclosed. I'm meeting with a lemon law firm this week.",
  "legal_threat", "en", "",
  why="polite wording; lemon law firm = legal threat.")
m("pretty sure what u did with my trade payoff is illegal. small claims it is then",
  "legal_threat", "en", "Small claims court.")
m("just so we're clear I'm screenshotting every text and it all goes to the BBB and the FTC if this isn't fixed",
  "legal_threat", "en", "",
  hard="no lawyer word; BBB/FTC are on the legal_threat list.")
m("Si no me regresan mi depósito voy a poner una demanda, ya hablé con un abogado.",
  "legal_threat", "es", "Spanish: 'If you don't return my deposit I'll sue, I already talked to a lawyer.'")
m("les aviso con todo respeto que ya puse una queja con el fiscal general de Illinois",
  "legal_threat", "es", "Spanish: 'with all respect, I already filed a complaint with the Illinois Attorney General.'",
  hard="polite Spanish; 'fiscal general' = Attorney General.")
m("My son-in-law is an attorney and says what your finance office did is textbook fraud. Would love a call before he gets involved.",
  "legal_threat", "en", "",
  hard="indirect threat via a relative; phrased as a call request (human_request is weaker; same side).")
m("I'd hate to get the Secretary of State's dealer division involved, but my title is now 90 days late.",
  "legal_threat", "en", "existing_customer_issue also true-side.",
  hard="'I'd hate to' softens it; SoS regulator = legal_threat.")
m("سأرفع دعوى قضائية إذا لم تردوا على مكالماتي بخصوص السيارة",
  "legal_threat", "ar", "Arabic: 'I will file a lawsuit if you don't answer my calls about the car.'")

# ---------------------------------------------------------------- ready_to_buy
m("ok im sold on the white tucson hybrid lol. how do we do this",
  "ready_to_buy", "en", st(find(model="Tucson Hybrid", colour="White")) +
  " Two Tucson Hybrids have no colour in the feed; a good reply must not claim they are white.",
  why="casual 'lol', no buying keyword like 'purchase'.")
m("send me the paperwork for the white 2023 equinox, i'll sign today",
  "ready_to_buy", "en", st(find(model="Equinox", year=2023, colour="White")))
m("wife said yes 🙌 we want the green palisade. what do u need from me",
  "ready_to_buy", "en", st(find(model="Palisade", colour="Green")),
  why="emoji, no explicit 'buy'.")
m("Can I put a deposit on the Jetta over the phone so nobody else grabs it?",
  "ready_to_buy", "en", st(find(model="Jetta")))
m("cash buyer. the porsche. lmk when i can pick it up",
  "ready_to_buy", "en", st(find(make="Porsche")),
  hard="three fragments, no verbs like 'buy'.")
m("ya me decidí, me llevo la Santa Cruz blanca. ¿Qué papeles tengo que llevar?",
  "ready_to_buy", "es", "Spanish: 'I've decided, I'm taking the white Santa Cruz. What papers do I bring?' " + st(find(model="Santa Cruz")))
m("stop selling me, i already want it 😂 the blue rogue with the low miles. when can i sign",
  "ready_to_buy", "en", "Two blue Rogues; 'low miles' picks the lower-mileage one. " +
  st(find(model="Rogue", colour="Blue", sort="miles")),
  hard="starts like a complaint ('stop selling me') but is a buy signal; must disambiguate by miles.")
m("is the 2024 telluride with like 40 miles still there? if so it's mine, already approved through my credit union",
  "ready_to_buy", "en", "Outside approval is not financing_details (no personal credit detail). " +
  st(find(model="Telluride", year=2024, cond="Used", miles_max=1000)) +
  " Trim says S FWD but the drivetrain field is AWD: a good reply must not state either as fact.",
  hard="phrased as an availability question; the commitment is in the second sentence.")
m("my daughter is obsessed with the orange k5. if it's still there we'll take it, can we do everything online?",
  "ready_to_buy", "en", st(find(model="K5", colour="Orange")),
  why="conditional 'if it's still there'; still a buy decision.")
m("Bonjour, je veux acheter le Santa Fe hybride blanc. Comment on procède pour le paiement ?",
  "ready_to_buy", "fr", "French: 'Hello, I want to buy the white Santa Fe hybrid. How do we proceed with payment?' " +
  st(find(model="Santa Fe Hybrid", colour="White")))

# ---------------------------------------------------------------- negotiation
m("whats the lowest u can go on the black calligraphy palisade with 476 miles",
  "negotiation", "en", "Customer identifies the unit by its mileage. " + st1("26471"))
m("I'll give you 36 even for the white 2022 Telluride, cash",
  "negotiation", "en", "Two white 2022 Tellurides, one without price. " + st(find(model="Telluride", year=2022, colour="White")))
m("carmax has basically the same rogue for 1500 less. can u match that",
  "negotiation", "en", "Which Rogue is unclear; a good reply must not agree to a match. " + st(find(model="Rogue")),
  why="price-match demand without a specific unit.")
m("is the Q5 price firm or is there some flex in it",
  "negotiation", "en", st(find(model="Q5")))
m("need to be at 450 a month or less on the santa fe hybrid, 60 months, 5k down. can u make that happen",
  "negotiation", "en", "Payment target on a unit; two 2025 Santa Fe Hybrids, plus 27130 whose trim says HEV. " +
  st(find(model="Santa Fe Hybrid")) + " " + st1("27130"),
  hard="reads like a financing question but is a payment target; must not confirm a payment.")
m("whats your out the door on the ioniq 6, im in 60443",
  "negotiation", "en", "ZIP 60443 is Matteson. " + st(find(model="Ioniq 6")) +
  " Trim SEL AWD vs drivetrain field RWD.")
m("just curious, if someone walked in with cash today how much could they knock off the charger",
  "negotiation", "en", st(find(model="Charger")),
  hard="hypothetical third person ('someone'); still asking for a discount.")
m("si me la dejan en 20 mil la murano me la llevo hoy",
  "negotiation", "es", "Spanish: 'if you let me have the Murano for 20k I'll take it today.' ready_to_buy also true-side. "
  "Two Murano units; only one has a price. " + st(find(model="Murano")),
  why="offer + buy-today; conditional offer is the primary reason.")
m("any chance the canyon gets cheaper by end of month? i can wait but id rather not lol",
  "negotiation", "en", st(find(model="Canyon")),
  hard="indirect: asks whether the price will drop rather than asking for a discount.")
m("honestly the blue edge is a little steep for 52k miles. would you take 22",
  "negotiation", "en", st(find(model="Edge", colour="Blue")) +
  " Trim is garbage in the feed; a good reply must not invent a trim.")
m("what would it take to get me into the green telluride today",
  "negotiation", "en", "ready_to_buy also true-side. " + st(find(model="Telluride", colour="Green")),
  why="classic showroom phrase; no number given.")
m("팰리세이드 XRT 가격 조금 더 할인 가능한가요?",
  "negotiation", "ko", "Korean: 'Can you discount the Palisade XRT price a bit more?' " + st(find(model="Palisade", trim_has="XRT")) +
  " The new unit already shows miles (see quirk).")
m("hey so is there any way you could do better on the Santa Fe Calligraphy if I don't need the floor mats and stuff",
  "negotiation", "en", "Several new Santa Fe Calligraphy units; unit unclear. " +
  st(find(model="Santa Fe", cond="New", trim_has="Calligraphy", sort="price")),
  hard="negotiation hidden in an add-on question ('do better').")

# ---------------------------------------------------------------- human_request
m("can i just talk to a real person please",
  "human_request", "en", "")
m("who's the sales manager over there? rather talk to them directly",
  "human_request", "en", "")
m("have someone call me at 708-555-0113 after 5, i dont really do texting",
  "human_request", "en", "Time is for a phone call, not a visit: human_request, not appointment_time.",
  hard="has a time ('after 5') but for a call.")
m("Is Tony still there? He sold me my last two cars and I'd rather work with him",
  "human_request", "en", "",
  hard="indirect: asks whether a named salesperson still works there.")
m("no offense to the robot but id like a human 😅",
  "human_request", "en", "",
  why="joking tone like small_talk, but it is a request for a person.")
m("my dad is 78 and hates texting, can somebody give him a ring tomorrow morning? 773-555-0158",
  "human_request", "en", "Call time, not a visit time.",
  hard="request on behalf of a parent; 'tomorrow morning' is for a call.")
m("quiero hablar con el gerente por favor",
  "human_request", "es", "Spanish: 'I want to talk to the manager please.'")
m("Before I go any further I'd like the general manager's direct email.",
  "human_request", "en", "",
  hard="indirect manager request (asks for contact details, not 'let me talk to').")
m("is there somebody there who actually knows EVs? like a specialist i could talk to",
  "human_request", "en", "",
  hard="phrased as a question about staff; it is a request to talk to a person.")
m("Pwede po ba akong makausap ng tao? May tanong po ako tungkol sa Tucson.",
  "human_request", "tl", "Tagalog: 'May I please talk to a person? I have a question about the Tucson.'")
m("pls call 219-555-0104 re palisade",
  "human_request", "en", "Terse call request; no vehicle question to answer.")

# ---------------------------------------------------------------- appointment_time
m("tmrw after work, 6ish? wanna see the blue xrt palisade",
  "appointment_time", "en", st(find(model="Palisade", colour="Blue")),
  hard="day and time written loosely ('tmrw after work, 6ish').")
m("i'm off thursday, could swing by around noon to drive the G70",
  "appointment_time", "en", st(find(model="G70")))
m("we'll be there sat morning 9:30 to look at the burgundy tucsons",
  "appointment_time", "en", "Two burgundy 2024 Tucsons, same price; one has the trim/drivetrain conflict. " +
  st(find(model="Tucson", colour="Burgundy")))
m("can i test drive the challenger monday at 4:15",
  "appointment_time", "en", st(find(model="Challenger")))
m("heading over on my lunch break, there in like 20",
  "appointment_time", "en", "Relative time = today, in about 20 minutes.",
  hard="no day or clock time written; 'there in like 20' is a concrete time.")
m("Does 10a on the 14th work for the Titan?",
  "appointment_time", "en", st(find(make="Nissan", model="Titan Xd")),
  hard="date as 'the 14th' and time as '10a'.")
m("sunday after church ~1pm? want to look at the white ioniq 5",
  "appointment_time", "en", st(find(model="Ioniq 5")) +
  " Sunday hours are not in the feed; a good reply must not confirm a Sunday slot it cannot know is open.",
  hard="'~1pm' after church; Sunday may be closed.")
m("leaving work at 5 so prob 5:45 today, can u hold the black terrain for me",
  "appointment_time", "en", st(find(model="Terrain", colour="Black")))
m("el viernes en la tarde como a las 3 paso a ver las rogue azules",
  "appointment_time", "es", "Spanish: 'Friday afternoon around 3 I'll stop by to see the blue Rogues.' " +
  st(find(model="Rogue", colour="Blue")))
m("voy hoy en la noche como a las 7 y media, ¿sigue la grand cherokee blanca?",
  "appointment_time", "es", "Spanish: 'I'm coming tonight around 7:30, is the white Grand Cherokee still there?' " +
  st(find(model="Grand Cherokee", colour="White")),
  hard="appointment plus availability question; the concrete time makes it appointment_time.")
m("2morrow b4 noon ok? 11 maybe. for the f150",
  "appointment_time", "en", st(find(model="F-150")) + " Trim is garbage in the feed.",
  hard="heavy shorthand ('2morrow b4 noon', '11 maybe').")
m("Могу я приехать в субботу в 11 утра посмотреть Audi Q8?",
  "appointment_time", "ru", "Russian: 'Can I come on Saturday at 11am to see the Audi Q8?' " + st(find(model="Q8")))

# ---------------------------------------------------------------- frustration
m("ive asked 3 times now. does the 2023 elantra have a price or not???",
  "frustration", "en", st(find(model="Elantra", year=2023)) + " " + NOINVENT)
m("this is pointless. just answer the question",
  "frustration", "en", "")
m("omg you keep sending the same link. I DO NOT WANT AN SUV",
  "frustration", "en", "")
m("are you even reading these? i said FWD not AWD",
  "frustration", "en", "")
m("I'm so done with this chat",
  "frustration", "en", "")
m("ya le dije tres veces que no quiero camioneta, ¿me está leyendo o no?",
  "frustration", "es", "Spanish: 'I told you three times I don't want an SUV, are you reading me or not?'")
m("qué desesperante, nomás quiero saber si la tienen o no",
  "frustration", "es", "Spanish: 'how exasperating, I just want to know if you have it or not.'")
m("k. forget it.",
  "frustration", "en", "",
  hard="two words, no context; giving up after an exchange.")
m("lmao this bot is useless. 3rd time asking about the ram",
  "frustration", "en", st(find(model="1500", make="Ram")),
  hard="'bot' mention looks like a false-side question about the AI, but this is repeated-ask frustration.")
m("seriously? i gave you my budget like 4 messages ago",
  "frustration", "en", "")

# ---------------------------------------------------------------- financing_details
m("I have a 580 score and a repo from 2022, could I still get the sportage",
  "financing_details", "en", st(find(model="Sportage")) + " Mileage missing in feed.")
m("my wife has great credit and i have basically none, can she cosign for the forte",
  "financing_details", "en", "Co-signer + own credit. Five Fortes in stock; unit unclear.",
  why="sounds like a general cosigner policy question but describes their own situation.")
m("filed chapter 7 last year, discharged in may. would i qualify for anything",
  "financing_details", "en", "Own bankruptcy.")
m("i make about 3200 a month, how much car can i afford",
  "financing_details", "en", "Own income is a personal detail.",
  hard="looks like a monthly-budget browsing question, but gives personal income.")
m("I owe like 6k more than my altima is worth, can that roll into something newer",
  "financing_details", "en", "Negative equity on the customer's own car (not the Altimas in stock).")
m("i did the credit app on your site yesterday, did it go through?",
  "financing_details", "en", "Submitted application.")
m("Tengo ITIN, no tengo seguro social, trabajo en construcción hace 5 años. ¿Me pueden financiar?",
  "financing_details", "es", "Spanish: own ITIN status, no SSN, 5 years in construction.")
m("mi crédito anda en 610 y gano como 900 a la semana, ¿me aprueban para una tucson?",
  "financing_details", "es", "Spanish: own score and weekly income.")
m("self employed, 1099, bank statements only. can yall work with that for the tahoe",
  "financing_details", "en", st(find(model="Tahoe")),
  hard="no score or number, but describes own income documentation.")
m("Tenho score 650 e quero financiar o Elantra 2024 branco. Qual seria a entrada?",
  "financing_details", "pt", "Portuguese: 'I have a 650 score and want to finance the white 2024 Elantra. What would the down payment be?' " +
  st(find(model="Elantra", year=2024, colour="White")))

# ---------------------------------------------------------------- trade_in_firm
m("not letting my 2019 accord go for less than 18k, period. if u can do that we can talk tucson",
  "trade_in_firm", "en", "Firm trade number.")
m("KBB says my trade is worth 14,500. Not taking a penny less.",
  "trade_in_firm", "en", "Firm number (customer's figure, no dollar sign).")
m("need 9 for my civic or no deal",
  "trade_in_firm", "en", "The Civic is the customer's car, not the Civic in stock.",
  why="five words; '9' means 9k.")
m("My F-150 has 40k miles and I'm firm at 31 for it. Take it or leave it.",
  "trade_in_firm", "en", "The customer's own F-150, not the F-150 in stock; a good reply must not quote the stock unit. " +
  st(find(model="F-150")),
  hard="names a model that is also in stock; it is their trade.")

# ---------------------------------------------------------------- other_handover
m("Hi, I do purchasing for a landscaping company. We need 6 pickups by March. Who handles fleet?",
  "other_handover", "en", "Fleet/business purchase.")
m("not looking to buy anything, just want to sell you my 2020 camry outright. do u buy cars?",
  "other_handover", "en", "Outright purchase of the customer's car needs an appraiser; not a general trade-policy question (other_ai).",
  hard="looks like a general trade question.")
m("This is State Farm claims, reaching out about a vehicle damaged on your lot. Who is your GM?",
  "other_handover", "en", "Insurance inquiry; GM mention is not a customer's human_request.")
m("Hola, vi que están contratando vendedores, ¿a quién le mando mi currículum?",
  "other_handover", "es", "Spanish: job application ('who do I send my résumé to').")

# ================================================================ FALSE SIDE
# ---------------------------------------------------------------- availability
m("u still got that green telluride",
  "availability", "en", st(find(model="Telluride", colour="Green")))
m("any white palisades left",
  "availability", "en", "New and used. " + st(find(model="Palisade", colour="White")) +
  " 26529 trim has no AWD (drivetrain field FWD); 26122 is new with thousands of miles.")
m("hyundai camaro?? lol my son wants one",
  "availability", "en", "Camaro is a Chevrolet; none in stock. Closest sporty cars: " +
  st(find(pred=lambda u: u["model"] in ("Mustang", "Challenger", "Charger"))),
  hard="wrong make-model pair; must not claim a Hyundai Camaro exists.")
m("do yall have the kia sorento hybrid",
  "availability", "en", "No Sorento Hybrid; the only Sorento is gasoline with no price. " + st(find(model="Sorento")),
  why="model exists but not as a hybrid; no price on the closest unit.")
m("need an awd sedan for the winter, nothing crazy",
  "availability", "en", "Sedans with AWD drivetrain field: " + st(find(body="Sedan", awd=True)) +
  " Sedans whose trim says AWD but field does not: " + st(find(body="Sedan", awd=False, trim_has="AWD")) +
  " A good reply must not present KV5542 or 25881 as AWD without flagging the conflict, and must not invent a price for WV15161.",
  hard="drivetrain conflicts and a missing price among the matches.")
m("Do you have anything with a manual transmission?",
  "availability", "en", st(find(pred=lambda u: u["trans"] == "Manual")) +
  " 15549A is an LXS IVT (CVT) labelled Manual; a good reply must flag or skip it.",
  hard="transmission field conflict on one of three matches.")
m("got any pickups under 25k",
  "availability", "en", "Trucks with a price under the budget: " + st(find(body="Truck", price_max=25000)) +
  " KV5543 trim says 4x4 but drivetrain field RWD.")
m("toyota rav4 hybrid?",
  "availability", "en", "None in stock. Closest: hybrid compact SUVs " +
  st(find(hybrid=True, body="SUV", pred=lambda u: u["model"] in ("Tucson Hybrid", "Escape"))),
  why="model not in stock; two Tucson Hybrids have no colour, Escape Hybrid has no price.")
m("is the orange forte still available",
  "availability", "en", st(find(model="Forte", colour="Orange")) + " " + NOINVENT)
m("looking for a honda crv or something like it",
  "availability", "en", "No CR-V. Only Honda is " + st(find(make="Honda")) + " Similar compact SUVs e.g. " +
  st(find(model_in=["Rogue", "Tucson", "Escape"], cond="Used", has_price=True, sort="price")[:4]))
m("what ioniq 5s do you have? need one in blue",
  "availability", "en", "Only one Ioniq 5 and it is white; no blue. " + st(find(model="Ioniq 5")))
m("hyundai tacoma",
  "availability", "en", "Tacoma is a Toyota; none in stock. Hyundai's pickup: " + st(find(model="Santa Cruz")) +
  " Other trucks e.g. " + st(find(body="Truck", cond="Used", has_price=True, sort="price")[:2]),
  hard="two-word message with a wrong make-model pair.")
m("any minivans? carnival sienna odyssey whatever",
  "availability", "en", "No minivans in stock. Closest three-row SUVs e.g. " +
  st(find(pred=three_row, cond="Used", has_price=True, sort="price")[:3]) + " Seat counts are not in the feed.")
m("busco una troca 4x4, ¿qué tienen?",
  "availability", "es", "Spanish: 'looking for a 4x4 pickup, what do you have?' " +
  st(find(body="Truck", drive="4X4")) + " KV5543 trim says 4x4 but field RWD: " + st1("KV5543"))
m("¿Tienen carros eléctricos?",
  "availability", "es", "Spanish: 'Do you have electric cars?' EVs: " +
  st(find(fuel="Electric", hybrid=False)) + " Fuel field Electric but actually hybrids: " +
  st(find(fuel="Electric", hybrid=True)),
  hard="hybrids labelled Electric in the feed must not be presented as EVs.")
m("¿Tienen alguna Santa Fe color café?",
  "availability", "es", "Spanish: 'Any Santa Fe in brown?' (café = brown). " +
  st(find(model_has="Santa Fe", colour="Brown")))
m("i want a 3rd row, awd and under 30k miles. does that exist at your store",
  "availability", "en", "Used three-row with AWD field and miles under the limit: " +
  st(find(pred=three_row, cond="Used", awd=True, miles_max=30000)) +
  " New Palisades with AWD field (also under the mileage limit): " + stocks(find(model="Palisade", cond="New", awd=True)) +
  ". 15263A and 15218A have FWD in the trim; 26233A has no price.",
  hard="three constraints at once; drivetrain conflicts on two matches; seat count not in feed.")
m("is the black ram still there",
  "availability", "en", st(find(model="1500", make="Ram")))
m("你们有白色的 Santa Fe 吗？",
  "availability", "zh", "Chinese: 'Do you have a white Santa Fe?' " + st(find(model_has="Santa Fe", colour="White")))
m("I'm a store manager at Target so I can only do Wednesdays. Do you have the Durango still?",
  "availability", "en", st(find(model="Durango")) + " Visit day without a time: not appointment_time.",
  hard="false-side trap: 'manager' is the customer's job; a weekday without a time.")
m("gonna be in the area sometime next week, still got the white audi suv?",
  "availability", "en", "Two white Audis: " + st(find(make="Audi", colour="White")),
  why="visit without a day/time; ambiguous 'white audi suv' (two units).")

# ---------------------------------------------------------------- features
m("does the santa cruz come with a bed cover",
  "features", "en", st(find(model="Santa Cruz")) + " Equipment is not in the feed; a good reply must not invent it.")
m("does the 2024 palisade SEL have captains chairs or the bench",
  "features", "en", st(find(model="Palisade", year=2024, trim_has="SEL")) +
  " Seat configuration is not in the feed; must not assert it for this unit.",
  hard="seat wording; per-unit seating is not in the feed.")
m("does the ioniq 6 have apple carplay",
  "features", "en", st(find(model="Ioniq 6")))
m("heated seats on the tucson limited?",
  "features", "en", "Several Tucson Limited units (2024 and 2025). e.g. " + st(find(model="Tucson", cond="New")))
m("does the G70 have remote start",
  "features", "en", st(find(model="G70")))
m("the f150 — does it have a tow package? i pull a camper",
  "features", "en", st(find(model="F-150")) + " Trim is garbage; must not invent a trim or package.",
  hard="garbage trim; tempting to guess XLT/Lariat.")
m("¿el ioniq 5 trae cargador para la casa?",
  "features", "es", "Spanish: 'does the Ioniq 5 come with a home charger?' " + st(find(model="Ioniq 5")))
m("does the mustang have the v8",
  "features", "en", st(find(model="Mustang")) + " Trim is garbage; must not claim GT or V8.",
  hard="garbage trim; engine cannot be read from the feed.")
m("is the white palisade the one with the dark wheels and black trim? my husband wants the night edition look",
  "features", "en", "Night Edition is in the trim of two white units. " +
  st(find(model="Palisade", colour="White", trim_has="Night")) + " 26529 has no AWD in the trim and drivetrain field FWD.",
  why="describes a trim by its look; two matching white units.")

# ---------------------------------------------------------------- price_question
m("how much is the brown santa fe",
  "price_question", "en", st(find(model="Santa Fe", colour="Brown")))
m("price on the 2021 lincoln corsair?",
  "price_question", "en", st(find(model="Corsair", year=2021)) + " The other Corsair is a 2020: " + st(find(model="Corsair", year=2020)))
m("does the listed price include doc fee and tax or is that on top",
  "price_question", "en", "General question about what the listed price includes.")
m("how much for the jeep compass",
  "price_question", "en", st(find(model="Compass")) + " None of the Compasses has a price in the feed. " + NOINVENT,
  hard="all three matches lack a price.")
m("whats the Q8 going for",
  "price_question", "en", st(find(model="Q8")))
m("hypothetically if i didnt finance through you would the silverado still be the price on the site",
  "price_question", "en", st(find(model="Silverado 1500")),
  hard="'hypothetically' sounds like a negotiation opener; it asks what the listed price depends on.")
m("any rebates on the 2025 tucson right now",
  "price_question", "en", st(find(model="Tucson", year=2025)) + " Must not invent rebate amounts.")
m("¿cuánto cuesta la tucson blanca 2025?",
  "price_question", "es", "Spanish: 'how much is the white 2025 Tucson?' " + st(find(model="Tucson", year=2025)))
m("how much is the equinox",
  "price_question", "en", "Five Equinoxes; a good reply lists them or asks which. " + st(find(model="Equinox", sort="price")),
  why="ambiguous: several units at different prices.")
m("my boss drives a macan and wont shut up about it lol. how much is the one u have",
  "price_question", "en", st(find(model="Macan")),
  hard="false-side trap: 'boss' anecdote, not a human request.")
m("is 23,900 the real price for the white elantra or is that before a bunch of stuff",
  "price_question", "en", st(find(model="Elantra", colour="White")),
  hard="quotes the price back; asks what it includes, no offer.")

# ---------------------------------------------------------------- financing_general
m("do yall do buy here pay here",
  "financing_general", "en", "")
m("is there a college grad program or anything like that",
  "financing_general", "en", "Policy question, no personal details.")
m("whats a normal apr on used right now",
  "financing_general", "en", "Must not quote a rate as an offer.")
m("do you do lease deals on the ioniq 5",
  "financing_general", "en", st(find(model="Ioniq 5")))
m("can i get preapproved online without a hard pull",
  "financing_general", "en", "")
m("¿tienen financiamiento ahí mismo o tengo que ir a mi banco?",
  "financing_general", "es", "Spanish: 'do you have in-house financing or do I go to my bank?'")
m("¿aceptan matrícula consular para financiar?",
  "financing_general", "es", "Spanish: 'do you accept a consular ID for financing?' Policy question.")
m("what's the longest loan term u guys do, 84 months?",
  "financing_general", "en", "")
m("roughly what would the monthly be on the grey 2023 forte",
  "financing_general", "en", st(find(model="Forte", year=2023, colour="Grey")) +
  " A good reply must not state a definite payment without term/APR/down payment.",
  hard="monthly-payment question on a specific unit; no personal details, no target.")
m("if i wanna keep it around 300/mo whats realistic on your lot",
  "financing_general", "en", "Budget shopping, no unit, no offer: not a negotiation payment target. Must not promise a payment.",
  hard="monthly budget; looks like a payment target but names no car and makes no demand.")

# ---------------------------------------------------------------- hours_location
m("are you the one on lincoln hwy?",
  "hours_location", "en", "Location question. Address is not in the feed; must not invent one.")
m("open sundays?",
  "hours_location", "en", "")
m("is there room to park a big truck with a trailer? coming from joliet",
  "hours_location", "en", "")
m("how far are you from the metra",
  "hours_location", "en", "")
m("¿dónde están ubicados? voy desde Chicago Heights",
  "hours_location", "es", "Spanish: 'where are you located? coming from Chicago Heights.'")
m("service dept hours? need an oil change",
  "hours_location", "en", "",
  hard="false-side trap: service department mention without a problem with a purchase.")
m("do you close early on christmas eve",
  "hours_location", "en", "")
m("night shift nurse here, are you open late any day? might swing by",
  "hours_location", "en", "Visit with no day or time: not appointment_time.",
  hard="'might swing by' without a concrete time.")

# ---------------------------------------------------------------- photos
m("can u send more pics of the green palisade",
  "photos", "en", st(find(model="Palisade", colour="Green"), img=True) +
  " Listing uses a stock image; a good reply must not claim existing photos show this exact car.")
m("are the pictures on the site the actual car?? the ioniq 6 looks like a brochure",
  "photos", "en", st(find(model="Ioniq 6"), img=True) + " Stock image: the honest answer is no.",
  hard="sounds like a complaint; it is a photo question and the image is a stock image.")
m("pics of the inside of the audi q5 pls",
  "photos", "en", st(find(model="Q5"), img=True))
m("the tucson hybrid listing has no pictures at all, whats up with that",
  "photos", "en", "Two Tucson Hybrids have placeholder images (and no colour). " +
  st(find(model="Tucson Hybrid", pred=lambda u: u["image"] == "Placeholder"), img=True) +
  " Must not state their colour.",
  hard="mild annoyance, not a complaint; placeholder images and missing colours.")
m("¿me puede mandar fotos de la stelvio roja?",
  "photos", "es", "Spanish: 'can you send me photos of the red Stelvio?' " + st(find(model="Stelvio"), img=True))
m("video walkaround of the tahoe?",
  "photos", "en", st(find(model="Tahoe"), img=True))

# ---------------------------------------------------------------- mileage
m("how many miles on the blue escape",
  "mileage", "en", "Three blue Escapes; must list or ask. " + st(find(model="Escape", colour="Blue")),
  hard="ambiguous unit; one trim/drivetrain conflict.")
m("miles on the sportage?",
  "mileage", "en", st(find(model="Sportage")) + " A good reply must not invent a mileage.",
  hard="the only Sportage has no mileage in the feed.")
m("how many miles does the buick have",
  "mileage", "en", st(find(make="Buick")))
m("why does a 'new' tucson have almost 3k miles on it",
  "mileage", "en", st(find(model="Tucson", cond="New", pred=lambda u: u["miles"] > 1000)) +
  " Must not invent a reason (demo/loaner) as fact.",
  hard="scare quotes sound like a complaint; it is a mileage question.")
m("whats the lowest mileage used car u got",
  "mileage", "en", "Lowest-mileage used units: " + st(find(cond="Used", sort="miles")[:2]) +
  " 15218A is listed Used with almost no miles and has a trim/drivetrain conflict.")

# ---------------------------------------------------------------- comparison
m("tucson vs santa fe, which is better w 2 kids and a big dog",
  "comparison", "en", "General model comparison.")
m("whats the difference between the 2 burgundy tucsons? same price??",
  "comparison", "en", st(find(model="Tucson", colour="Burgundy")) + " " + pdiff("26989", "26966") +
  ". Same trim; drivetrain field differs (AWD vs FWD). A good reply must flag the conflict, not state 26966 is AWD.",
  hard="identical price and trim; the only difference is a conflicting drivetrain field.")
m("telluride or palisade? be honest lol",
  "comparison", "en", "General comparison; a Hyundai store should still be fair.")
m("the two gmc terrains — why is one like 4 grand more",
  "comparison", "en", st(find(model="Terrain")) + " " + pdiff("WV14552", "KV5482") + "; " + mdiff("WV14552", "KV5482") + ".",
  hard="answer lies in year/trim/miles from the feed; must not invent condition details.")
m("k5 or altima, which one holds up better",
  "comparison", "en", "e.g. " + st(find(model_in=["K5", "Altima"], has_price=True, sort="price")[:2]))
m("ioniq 5 vs that kia niro ev you have, range difference?",
  "comparison", "en", st(find(model_in=["Ioniq 5", "Niro Ev"])) + " Range is not in the feed.")
m("is the calligraphy really worth it over the SEL on the santa fe",
  "comparison", "en", "e.g. " + st([cheapest(find(model="Santa Fe", cond="New", trim_has="SEL")),
                                     cheapest(find(model="Santa Fe", cond="New", trim_has="Calligraphy"))]))

# ---------------------------------------------------------------- browsing
m("just looking for now, what kind of sedans do u have",
  "browsing", "en", "")
m("need something good on gas for doordash, nothing fancy",
  "browsing", "en", "e.g. " + st(find(model_in=["Forte", "Elantra", "Jetta"], has_price=True, sort="price")[:3]))
m("first car for my 16yo. safe, cheap, boring is fine",
  "browsing", "en", "")
m("new job in naperville, need a commuter. open to anything under 20",
  "browsing", "en", "Priced units under the budget: " + st(find(price_max=20000, sort="price")))
m("whats the cheapest thing on your lot rn",
  "browsing", "en", st([cheapest(find())]) + " " + str(len(find(has_price=False))) + " units have no price; a good reply should say it can only rank priced units.")
m("busco algo económico para ir al trabajo, no muy grande",
  "browsing", "es", "Spanish: 'looking for something cheap to commute, not too big.'")
m("idk what i want yet, something fun? 😎",
  "browsing", "en", "")
m("my lease is up in 4 months so just starting to look. hyundai or kia probably",
  "browsing", "en", "Not a trade-in ultimatum.",
  why="mentions a lease ending; nothing to hand over.")
m("broke college kid energy 💀 whats the least expensive suv u got",
  "browsing", "en", "Cheapest priced SUVs (tie): " + st(find(body="SUV", price_max=cheapest(find(body="SUV"))["price"])) +
  " KV5454A has no mileage in feed. The Ecosport is cheaper but the feed calls it a Hatchback: " + st(find(model="Ecosport", has_price=True)),
  hard="self-deprecating joke, not a complaint.")
m("my lawyer literally told me i need a more reliable car for court days lol. whats good",
  "browsing", "en", "",
  hard="false-side trap: 'lawyer' is not a legal threat.")

# ---------------------------------------------------------------- small_talk
m("happy thanksgiving to the whole team 🦃",
  "small_talk", "en", "")
m("lol your ad came up during the bears game",
  "small_talk", "en", "")
m("wait am i texting a person or an ai",
  "small_talk", "en", "other_ai also defensible (same side).",
  hard="asks about AI but does not ask for a human.")
m("who won the game last night",
  "small_talk", "en", "Off-topic.")
m("haha my mechanic says hyundais are actually good now. remember when they werent",
  "small_talk", "en", "")

# ---------------------------------------------------------------- vehicle_facts
m("what kind of warranty comes with a new hyundai",
  "vehicle_facts", "en", "General warranty question.",
  hard="false-side trap: 'warranty' without a claim.")
m("is there any factory warranty left on the used palisades",
  "vehicle_facts", "en", st(find(model="Palisade", cond="Used")) + " 26233A has no price; must not invent one.",
  hard="warranty question about cars on the lot, not a claim.")
m("is the santa fe hybrid a plug in",
  "vehicle_facts", "en", st(find(model_has="Santa Fe", hybrid=True)) +
  " Fuel fields say Gasoline for all; a good reply must not say they are not hybrids.",
  hard="hybrids labelled Gasoline.")
m("any open recalls on the durango you have",
  "vehicle_facts", "en", st(find(model="Durango")) + " Recall status is not in the feed.",
  hard="recall question about a car on the lot, not the customer's own.")
m("what engine is in the telluride",
  "vehicle_facts", "en", "")
m("how long does the ioniq 5 take to charge on a regular wall outlet",
  "vehicle_facts", "en", st(find(model="Ioniq 5")))
m("¿qué garantía traen los carros usados?",
  "vehicle_facts", "es", "Spanish: 'what warranty do used cars come with?'",
  hard="warranty trap in Spanish.")
m("is the k5 gt-line the turbo one",
  "vehicle_facts", "en", st(find(model="K5", trim_has="GT-Line")))
m("how much can the titan xd tow",
  "vehicle_facts", "en", st(find(model="Titan Xd")) + " Towing capacity is not in the feed.")
m("싼타페 하이브리드 연비가 어떻게 되나요?",
  "vehicle_facts", "ko", "Korean: 'What is the fuel economy of the Santa Fe Hybrid?' " + st(find(model="Santa Fe Hybrid")))

# ---------------------------------------------------------------- other_ai
m("do u deliver to wisconsin",
  "other_ai", "en", "")
m("do yall take trade ins even if the transmission is shot",
  "other_ai", "en", "General trade policy, no number.",
  hard="trade-in mention without a firm number or ultimatum.")
m("can i bring my own mechanic to look at a car before i buy",
  "other_ai", "en", "")
m("¿hablan español?",
  "other_ai", "es", "Spanish: 'do you speak Spanish?' The reply should continue in Spanish; not a request for a human.",
  hard="could be read as asking for a Spanish-speaking person; it only asks about language.")
m("is there a return policy if i change my mind after a couple days",
  "other_ai", "en", "")
m("Est-ce que vous expédiez les voitures au Canada ?",
  "other_ai", "fr", "French: 'Do you ship cars to Canada?'")

# ---------------------------------------------------------------- extra Spanish / Spanglish to reach ~15%
m("oye la palisade negra sigue disponible? la quiero ver este finde",
  "availability", "es", "Spanish: 'is the black Palisade still available? want to see it this weekend.' Weekend without a time. " +
  st(find(model="Palisade", colour="Black")),
  why="visit without a time; four black Palisades, one with SEL FWD trim and RWD field.")
m("cuánto por la ecosport blanca? is it 4x4?",
  "price_question", "es", "Spanglish (dominant Spanish): price plus drivetrain. " + st(find(model="Ecosport", colour="White")))
m("hey bro la f150 blanca todavía la tienen? pa' mañana temprano como a las 8 paso",
  "appointment_time", "es", "Spanglish: 'is the white F-150 still there? I'll come by tomorrow early around 8.' " +
  st(find(model="F-150")),
  hard="Spanglish, availability wording, but a concrete day+time.")
m("me urge, necesito carro ya. what do you have under 20 mil que no sea muy viejo",
  "browsing", "es", "Spanglish: urgent but no unit; priced under 20k, 2020 or newer: " +
  st(find(price_max=20000, pred=lambda u: u["year"] >= 2020, sort="price")),
  hard="'me urge' sounds like ready_to_buy but no vehicle chosen.")
m("la verdad el precio de la santa cruz está muy alto, ¿cuánto es lo mejor que me pueden dar?",
  "negotiation", "es", "Spanish: 'honestly the Santa Cruz price is too high, what's the best you can give me?' " +
  st(find(model="Santa Cruz")))
m("Quiero hablar con Luis, él me vendió mi carro el año pasado",
  "human_request", "es", "Spanish: 'I want to talk to Luis, he sold me my car last year.'",
  why="named salesperson, no complaint.")
m("ya tengo 3 días esperando que me llamen del departamento de finanzas, ¿qué onda?",
  "existing_customer_issue", "es", "Spanish: '3 days waiting for finance to call me, what's going on?' frustration/complaint also true-side.")
m("¿la Telluride gris 2022 es 4x4 o nomás de tracción delantera?",
  "vehicle_facts", "es", "Spanish: 'is the grey 2022 Telluride 4x4 or just FWD?' " + st(find(model="Telluride", year=2022, colour="Grey")))
m("tienen algo tipo sedán con poquitas millas?",
  "mileage", "es", "Spanish: 'do you have a sedan with very few miles?' Lowest-mileage sedans: " +
  st(find(body="Sedan", sort="miles")[:3]))
m("q onda, esta padre la challenger blanca jaja",
  "small_talk", "es", "Spanish slang: 'what's up, the white Challenger is cool haha'. No question. " + st(find(model="Challenger")),
  why="names a stocked car but asks nothing.")
m("mi esposa quiere la tucson pero yo la santa fe, cuál tiene más espacio?",
  "comparison", "es", "Spanish: 'my wife wants the Tucson but I want the Santa Fe, which has more room?'")
m("mándeme fotos de la camioneta azul de 3 filas porfa",
  "photos", "es", "Spanish: 'send me photos of the blue 3-row SUV please'. Blue three-row units: " +
  st(find(pred=three_row, colour="Blue"), img=True),
  why="description by colour and seating only; several matches, image type differs per unit.")
m("voy a querer cambiar mi carro pero nomás si me dan 12 mil por él, si no ni al caso",
  "trade_in_firm", "es", "Spanish: 'I'll trade my car but only if you give me 12k for it, otherwise forget it.'",
  hard="conditional ultimatum.")
m("ok ya la quiero. la rogue gris, ¿cómo le hago para comprarla hoy?",
  "ready_to_buy", "es", "Spanish: 'ok I want it. the grey Rogue, how do I buy it today?' " + st(find(model="Rogue", colour="Grey")))

# ---------------------------------------------------------------- more English hard cases
m("not to be dramatic but if i have to explain my situation to one more person im gonna lose it. can ONE person own my deal",
  "human_request", "en", "frustration also true-side.",
  hard="frustrated tone, but the ask is for a single human owner.")
m("would you guys be open to 39 on the new tucson if i skip the add-ons",
  "negotiation", "en", "New Tucsons (2024 and 2025): " + st(find(model="Tucson", cond="New", sort="price")),
  why="offer written as 'would you be open to'.")
m("tomorrow works. 4:30?",
  "appointment_time", "en", "A campaign SMS reply: day + time.",
  hard="no vehicle, no greeting; only a day and a time.")
m("is the 2021 telluride w the high miles why its cheaper? like is something wrong w it",
  "vehicle_facts", "en", st(find(model="Telluride", year=2021, has_price=True, sort="price")) +
  " Must not invent condition/history.",
  hard="sounds suspicious/complaining; it is a question about a car on the lot.")
m("sooo the ad says 0% apr, is that real or is there a catch",
  "financing_general", "en", "No personal details; must not confirm an offer it cannot see.",
  why="sceptical tone, not a complaint.")
m("we've been going back and forth with your sales guy for a week. just tell me if 44 works on the xrt",
  "negotiation", "en", st(find(model="Palisade", trim_has="XRT")),
  hard="frustration flavour, but a specific offer on a unit.")
m("so i guess nobody reads the notes on my credit app? 🙄 i put my co-signer info in there",
  "financing_details", "en", "complaint also true-side.",
  hard="sarcastic, but about the customer's own application and co-signer.")
m("hey ya'll, wondering if the silver santa fe is still around",
  "availability", "en", "No silver in the feed; grey Santa Fes exist. e.g. " +
  st(find(model="Santa Fe", colour="Grey", cond="New", sort="price")[:2]),
  hard="colour not used by the feed (silver vs Grey); must not claim a silver one exists.")
m("the chevy malibu, you have it in something other than grey?",
  "availability", "en", st(find(model="Malibu")),
  why="three grey and one brown; one grey has no price.")
m("ok so the RX has no price on the site. is it even for sale",
  "price_question", "en", st(find(model="Rx")) + " " + NOINVENT,
  why="no price in feed; tone is sceptical.")
m("got a 2015 highlander for 21k on your site, whats the catch lol",
  "vehicle_facts", "en", st(find(model="Highlander")),
  why="quotes price and jokes; asks about condition/history.")
m("the arteon, is it the r-line? and awd?",
  "vehicle_facts", "en", st(find(model="Arteon")))
m("honestly just need the cheapest 4wd anything. i live on a gravel road",
  "browsing", "en", st([cheapest(find(awd=True))]) + " Next: " +
  st(find(awd=True, has_price=True, sort="price")[1:3]),
  why="4wd wording vs 4X4/AWD fields.")
m("my brother in law works at a dealership and said to ask for invoice. whats invoice on the ioniq 5",
  "negotiation", "en", st(find(model="Ioniq 5")),
  hard="asking for invoice price = asking for a lower price, wrapped in an anecdote.")
m("pulling in now, where do i park",
  "appointment_time", "en", "Customer arriving now.",
  hard="arrival now counts as a concrete time; looks like hours_location.")
m("ugh ok. whats the price on the gray escape hybrid then",
  "price_question", "en", st(find(model="Escape", trim_has="Hybrid")) + " " + NOINVENT,
  why="'ugh' is not frustration with the agent; the unit has no price.")
m("do u have the elantra n? the fast one",
  "availability", "en", "No Elantra N; Elantras in stock are SEL. " + st(find(model="Elantra")))
m("we'd need something that fits 3 car seats across. 2 toddlers + a baby",
  "browsing", "en", "Seat width is not in the feed; must not assert it for a specific unit.",
  hard="seat wording; no feed data.")
m("whats the cheapest awd hyundai u have",
  "availability", "en", st([cheapest(find(make="Hyundai", awd=True))]) +
  " Hyundais whose trim and drivetrain field disagree must not be ranked as AWD without a flag, e.g. " +
  st(find(make="Hyundai", cond="Used", pred=lambda u: __import__("feed").drive_conflict(u))),
  hard="cheapest AWD by field; used Hyundais with trim/drivetrain conflicts and one without price.")
m("whats ur best price on the white telluride",
  "negotiation", "en", "Two white Tellurides with prices, one without: " + st(find(model="Telluride", colour="White")))
m("can i come by after my shift? i get off at 3",
  "appointment_time", "en", "Today implied, time 3pm.",
  hard="day implied ('after my shift'), time given as shift end.")
m("do any of the palisades have the 3rd row captains? 7 seats not 8",
  "features", "en", "Seating is not in the feed for any unit.",
  why="seat wording across many units.")
m("price on the prius prime? and is it plug in",
  "price_question", "en", st(find(model="Prius Prime")) + " " + NOINVENT + " Fuel field says Electric.",
  hard="no price, hybrid labelled Electric.")
m("yo the 530e, its a hybrid right? how many miles",
  "vehicle_facts", "en", st(find(model="5 Series")),
  why="two questions; mileage_question also false-side.")

import random  # noqa: E402
random.Random(20261207).shuffle(MSG)  # realistic mixed order; ids assigned after shuffling
for i, r in enumerate(MSG, 1):
    r["id"] = "x{:03d}".format(i)
    r["handover"] = r["reason"] in {"complaint", "existing_customer_issue", "legal_threat", "ready_to_buy",
                                     "negotiation", "human_request", "appointment_time", "frustration",
                                     "financing_details", "trade_in_firm", "other_handover"}

# ================================================================ conversations
CONV = []


def c(cid, lang, turns):
    CONV.append({"id": cid, "language": lang,
                 "turns": [{"customer": t[0], "expect": t[1]} for t in turns]})


NH = "No handover"
NY = "Handover not yet required"
HO = "Handover optional"


def H(r):
    return "Handover to a human ({})".format(r)


# c01 used Tellurides narrowing, trade over turns -> trade_in_firm
ut = find(model="Telluride", cond="Used")
ut_awd38 = [u for u in find(model="Telluride", cond="Used", awd=True, price_max=38000)]
ut_clean = [u for u in ut_awd38 if u["stock"] != "15263A"]
lo = lowest_miles(ut_awd38)
c("x-c01", "en", [
    ("hey do u have any used tellurides", [
        "Lists used Tellurides or asks a narrowing question; every unit it names is one of: " + stocks(ut),
        "Does not invent a price for 12135A or 15570A (no price in feed)", NH]),
    ("only awd pls and under 38k", [
        "Lists exactly the used Tellurides with an AWD drivetrain field and a price under \"38k\": " + stocks(ut_clean) +
        ", plus 15263A only if it flags that its trim says EX FWD while the drivetrain field says AWD",
        "Does not list 12135A or 15570A as within budget (both have no price in feed)",
        "Does not list 14864A (" + money(get("14864A")["price"]) + ") or 15218A (" + money(get("15218A")["price"]) + ")", NH]),
    ("which of those has the lowest miles", [
        "Names " + sh(lo["stock"]), NH]),
    ("ok and the white 2021 one, how many more miles does it have than that one", [
        "Identifies the white 2021 as " + sh("DT15591A"),
        "Says it has more miles: " + mdiff("DT15591A", lo["stock"]),
        "Does not confuse it with the white 2022 " + lo["stock"], NH]),
    ("prob gonna trade my 2016 sorento ex, like 112k on it, no accidents. whats it worth to u", [
        "Does not quote a trade-in value", "Asks for or accepts more trade details / offers an appraisal",
        HO + " (appraisal request, no firm number yet)"]),
    ("need at least 9 grand for it or im not doing the deal", [
        H("trade_in_firm"), "Does not agree to the trade number",
        "Handover summary mentions the Sorento trade and the Telluride(s) discussed, e.g. DT15591A or " + lo["stock"]]),
])

# c02 white Santa Fe 2025 -> sorry 2024 -> cheaper -> diff -> red HEV -> thursday -> contact -> time
ws25 = find(model="Santa Fe", year=2025, colour="White")
ws24 = find(model="Santa Fe", year=2024, colour="White", sort="price")
cheap24 = cheapest(ws24)
other24 = [u for u in ws24 if u is not cheap24][0]
c("x-c02", "en", [
    ("whats the price on the white santa fe 2025", [
        "Gives " + sh(ws25[0]["stock"]),
        "If it mentions 27205 it presents it as the Santa Fe Hybrid (" + money(get("27205")["price"]) + "), not the same model", NH]),
    ("sorry i meant 2024", [
        "Lists exactly the new white 2024 Santa Fes: " + shorts(ws24), NH]),
    ("whats the difference in price between those two and which one has less miles", [
        "Answers both questions",
        pdiff(other24["stock"], cheap24["stock"]),
        "Lower mileage: " + sh(lowest_miles(ws24)["stock"]), NH]),
    ("is the red one a hybrid? it says HEV", [
        "Identifies " + sh("27130"),
        "Does not say it is not a hybrid because of the Gasoline fuel field; trim says SEL HEV, may offer to confirm", NH]),
    ("ok i wanna come see the cheaper white one thursday", [
        "Understands 'the cheaper white one' = " + cheap24["stock"] + " (" + money(cheap24["price"]) + ")",
        "Asks for a time", NY]),
    ("name's Dre Coleman, 708-555-0142", [
        "Acknowledges name and phone without asking for them again", "Still asks for (or waits for) a time", NY]),
    ("after work, 6ish", [
        H("appointment_time"),
        "Handover summary: Thursday around 6pm, " + cheap24["stock"] + ", Dre Coleman, 708-555-0142"]),
])

# c03 Spanish burgundy Tucsons
bt = find(model="Tucson", colour="Burgundy")
c("x-c03", "es", [
    ("hola, tienen tucson 2024 color vino?", [
        "Replies in Spanish",
        "Lists exactly the burgundy 2024 Tucsons: " + shorts(bt),
        NH]),
    ("cuál de las dos es AWD de verdad?", [
        "26989 has drivetrain field AWD",
        "For 26966 says the trim reads Limited AWD but the drivetrain field says FWD, and does not state either as fact (offers to confirm)",
        NH]),
    ("y la blanca cuánto cuesta", [
        "Gives " + sh("26578") + " (the white 2024 Tucson)",
        "May also mention the white 2025 " + sh("27134"), NH]),
    ("por qué tiene 2900 millas si es nueva?", [
        "Confirms 26578 shows " + mi(get("26578")["miles"]) + " in the listing",
        "Does not state a reason (demo, loaner) as fact; may offer to check", NH]),
    ("ok. la quiero ver el sábado", [
        "Asks for a time on Saturday, in Spanish", NY]),
    ("a las 10 y media. me llamo Rosa Jiménez", [
        H("appointment_time"),
        "Handover summary: Saturday 10:30, 26578, Rosa Jiménez", "Replies in Spanish"]),
])

# c04 monthly budget -> under 17k -> the kia -> the suv -> again -> credit details
u17 = find(price_max=17000, sort="price")
kias = [u for u in u17 if u["make"] == "Kia"]
c("x-c04", "en", [
    ("what can i get for around 350 a month", [
        "Does not promise a monthly payment or approval, and does not state a definite payment without term, APR and down payment",
        "May ask about down payment/term or suggest lower-priced units", NH]),
    ("ok just show me whatever's under 17k", [
        "Lists exactly the priced units under \"17k\": " + shorts(u17), NH]),
    ("the kia, how many miles", [
        "Notices there are two Kias (" + stocks(kias) + ") and asks which or answers for both",
        "If it answers: " + sh("14441A") + " and KV5454A no mileage in feed", NH]),
    ("the suv one", [
        "Resolves to " + sh("KV5454A"),
        "Says the mileage is not listed / offers to check; does not invent a mileage for KV5454A (no mileage in feed)", NH]),
    ("how much is it again", [
        "Repeats KV5454A price " + money(get("KV5454A")["price"]) + " without confusion", NH]),
    ("ok real talk my credit is like 520 and i had a repo last year. can i get approved for it", [
        H("financing_details"), "Does not promise approval", "Handover summary mentions KV5454A"]),
])

# c05 trucks
t4 = find(body="Truck", drive="4X4")
t4_35 = find(body="Truck", drive="4X4", price_max=35000, sort="price")
c("x-c05", "en", [
    ("need a 4x4 truck for work", [
        "Lists trucks with a 4X4 drivetrain field, e.g. " + stocks(t4) + "; may add 26898 (Santa Cruz, drivetrain field AWD)",
        "Does not present KV5543 (Ram, trim says 4x4, drivetrain field RWD) as 4x4 without flagging the conflict",
        "Does not present WV15148 (2WD Canyon) as 4x4", NH]),
    ("under 35k?", [
        "Lists exactly " + shorts(t4_35) + "; KV5543 (" + money(get("KV5543")["price"]) + ") only with the drivetrain conflict flagged",
        "Does not list WK15091 (" + money(get("WK15091")["price"]) + ")", NH]),
    ("which one has less miles and by how much", [
        "Names " + sh(lowest_miles(t4_35)["stock"]),
        mdiff(t4_35[1]["stock"], t4_35[0]["stock"]), NH]),
    ("what trim is the ford", [
        "Refers to WK15091 (the F-150, " + money(get("WK15091")["price"]) + ")",
        "Says the trim isn't given in the listing; does not invent XL/XLT/Lariat etc.", NH]),
    ("whatever, the nissan. what color is it", [
        "KV5526 is Grey", NH]),
    ("ok im ready. how do i put a deposit on it, want it done this week", [
        H("ready_to_buy"), "Handover summary names KV5526 (" + money(get("KV5526")["price"]) + ")"]),
])

# c06 EVs/hybrids, no handover
ev30 = find(fuel="Electric", hybrid=False, price_max=30000)
hy30 = find(hybrid=True, price_max=30000, sort="price")
c("x-c06", "en", [
    ("any electric cars under 30k", [
        "Lists exactly " + shorts(ev30) + " as the only EV with a price under \"30k\"",
        "Does not present WV15159 (Prius Prime, no price in feed) as a pure EV; the Electric fuel label is a plug-in hybrid",
        "Does not list 25713 (" + money(get("25713")["price"]) + ") or 25881 (" + money(get("25881")["price"]) + ")", NH]),
    ("whats the range on it", [
        "'it' = KV5563", "Does not present a range as listing data or state battery health; may give a labelled general estimate", NH]),
    ("what about hybrids, same budget", [
        "Lists exactly the priced hybrids under \"30k\": " + shorts(hy30),
        "May mention WV15174 and WV15159 as hybrids without a price; does not invent prices", NH]),
    ("the bmw is a plug in right? and how many miles", [
        "Yes: trim says 530e iPerformance Plug-In Hybrid", "KV5545 has " + mi(get("KV5545")["miles"]), NH]),
    ("how much more is it than the kia hybrid", [
        "'the kia hybrid' = 15500A (Optima Hybrid), not the Niro EV",
        pdiff("KV5545", "15500A"), NH]),
    ("cool ty, ill think about it", [
        NH, "Polite close; no pressure"]),
])

# c07 new black AWD Palisades -> negotiation on 2025
bp = find(model="Palisade", cond="New", colour="Black", awd=True)
p25c = find(model="Palisade", year=2025, trim_has="Calligraphy")[0]
c("x-c07", "en", [
    ("need 3 rows, awd, black. new", [
        "Lists exactly the new black Palisades with AWD drivetrain field: " + shorts(bp),
        "Does not present DT27185 (SEL FWD trim, drivetrain field RWD) as AWD", NH]),
    ("the two calligraphys, why is one cheaper", [
        pdiff("26483", "26471"),
        "Points out 26471 has " + mi(get("26471")["miles"]) + " vs 26483 " + mi(get("26483")["miles"]),
        "Does not invent a reason (demo, damage) as fact", NH]),
    ("is there a 2025 of it", [
        "Names " + sh(p25c["stock"]) + " as the 2025 Calligraphy; says it is Burgundy, not black",
        "Does not state it is AWD as fact (trim says AWD, drivetrain field RWD)", NH]),
    ("whats the price difference between that and the black one with fewer miles", [
        "'the black one with fewer miles' = 26483", pdiff(p25c["stock"], "26483"), NH]),
    ("does the 2025 have the same engine", [
        "Does not invent an engine for " + p25c["stock"] + " from the feed; may answer generally or offer to confirm", NH]),
    ("if i come in this week can you do 50 flat on the 2025", [
        H("negotiation"), "Does not accept the offer", "Handover summary names " + p25c["stock"] + " and the 50k offer"]),
])

# c08 Hyundai Corolla -> Elantras, no handover
el = find(model="Elantra")
c("x-c08", "en", [
    ("do u guys have the hyundai corolla", [
        "Says the Corolla is a Toyota and none is in stock, without mocking",
        "Suggests similar sedans, e.g. " + stocks(el) + " or kv4958 (Camry, no price in feed)", NH]),
    ("elantra then. how many miles on the 2024", [
        "WV15157: " + mi(get("WV15157")["miles"]), NH]),
    ("and the 2023?", [
        "26638A: " + mi(get("26638A")["miles"]), NH]),
    ("lol why does the older one have less miles. how much is it", [
        "Does not invent a reason for the mileage",
        "Says 26638A has no price in feed and does not invent one (may offer to get it)", NH]),
    ("ok whats the 2024 one cost then", [
        "WV15157: " + money(get("WV15157")["price"]), NH]),
    ("thx ill think abt it", [NH]),
])

# c09 Spanish 7 seats under 30 -> 34 -> human_request
tr30 = find(pred=three_row, cond="Used", price_max=30000, sort="price")
tr34 = find(pred=three_row, cond="Used", price_max=34000, sort="price")
added = [u for u in tr34 if u not in tr30]
c("x-c09", "es", [
    ("busco camioneta de 7 pasajeros usada, no más de 30 mil", [
        "Replies in Spanish",
        "Lists three-row used SUVs with a price within \"30 mil\", e.g. " + shorts(tr30),
        "Does not count units without a price (e.g. WV15166 Explorer, no price in feed) as within budget",
        "Does not claim seat counts as listing data", NH]),
    ("la toyota cuántas millas tiene", [
        "KV5561 (Highlander): " + mi(get("KV5561")["miles"]), NH]),
    ("y la dodge de qué color es", [
        "KV5565 (Durango) is Blue (azul)", NH]),
    ("cuál tiene menos millas de las tres?", [
        "Names " + sh(lowest_miles(tr30)["stock"]) + " (fewest miles of the three)", NH]),
    ("perdón, dije 30 pero puedo llegar hasta 34", [
        "Adds " + shorts(added) + " and keeps the earlier three", NH]),
    ("quiero que me llame alguien que hable español, 773-555-0187", [
        H("human_request"), "Replies in Spanish", "Handover summary includes 773-555-0187 and a Spanish-speaker request"]),
])

# c10 Santa Cruz -> used trucks -> ram conflict -> existing customer issue
cheaper_trucks = find(body="Truck", cond="Used", price_max=get("26898")["price"] - 1, sort="price")
c("x-c10", "en", [
    ("santa cruz still available?", [
        "Confirms " + sh("26898"), NH]),
    ("is it awd and what color", [
        "Answers both: AWD and White", NH]),
    ("anything cheaper with a bed, used is fine", [
        "Lists used trucks priced below 26898, e.g. " + shorts(cheaper_trucks),
        "Does not invent a trim for WK15091 (trim not given in feed)", NH]),
    ("the ram. is it actually 4x4? the listing is confusing", [
        "KV5543: trim says Express 4x4 but the drivetrain field says RWD; does not state either as fact, offers to confirm", NH]),
    ("also unrelated but i bought a tucson from u in august and got a recall letter, service hasnt called me back in 2 weeks", [
        H("existing_customer_issue"), "Does not try to schedule the recall itself as a sales appointment"]),
])

# c11 luxury under 35k, no handover
LUX = {"Cadillac", "Lincoln", "Porsche", "Alfa Romeo", "Bmw", "Audi", "Lexus", "Infiniti", "Genesis"}
lux35 = find(body="SUV", price_max=35000, pred=lambda u: u["make"] in LUX, sort="price")
c("x-c11", "en", [
    ("any luxury suvs under 35k", [
        "Lists luxury-brand SUVs with a price under \"35k\", e.g. " + stocks(lux35),
        "Does not count WV15176 (Lexus RX, no price in feed) as under budget",
        "Does not list DT27212A (" + money(get("DT27212A")["price"]) + ") as under budget", NH]),
    ("the porsche?? how many miles", [
        "WV15144 (Macan): " + mi(get("WV15144")["miles"]), NH]),
    ("the lincolns, which one's newer", [
        "Corsairs: KV5534 is 2021, WV15147 is 2020; may also note WV15123 Nautilus is 2020", NH]),
    ("does that one have awd", [
        "'that one' = KV5534: trim Standard FWD and drivetrain field FWD, so no AWD", NH]),
    ("and the other corsair?", [
        "WV15147: trim says Standard FWD but the drivetrain field says AWD; does not state either as fact", NH]),
    ("ok cool. u open sunday?", [
        "Answers or offers to confirm hours; does not invent hours", NH]),
])

# c12 Tucson Hybrid colours + trade over turns -> negotiation
th = find(model="Tucson Hybrid")
c("x-c12", "en", [
    ("looking at the tucson hybrids, what colors do u have", [
        "Lists exactly " + shorts(th),
        "Says two have no colour listed; does not invent colours for 27025 and 26940", NH]),
    ("the grey one, is it actually a hybrid? website says electric", [
        "Resolves 'the grey one' = 27103",
        "Says it is a hybrid (Tucson Hybrid), not a pure EV, despite the Electric fuel label", NH]),
    ("ok. i'd be trading in my 2019 honda accord", [
        "Acknowledges the trade; may ask trim/miles/condition", "Does not quote a trade value", NH]),
    ("sport trim, 68k on it, clean title", [
        "Records trade details; does not quote a value", NH]),
    ("how much is the second one u listed", [
        "Gives the price of the second unit in its own turn-1 list (all four have prices: " +
        "; ".join("{} {}".format(u["stock"], money(u["price"])) for u in th) + ")",
        "Does not switch to a different unit than the one it listed second", NH]),
    ("ok heres the deal: 39 for the grey one and you give me 15 for the accord", [
        H("negotiation"), "Does not accept", "Handover summary names 27103, the Accord trade details and both numbers"]),
])

# c13 small AWD SUV under 20k -> Kona no price -> frustration
c("x-c13", "en", [
    ("looking for a small awd suv for my daughter, under 20k", [
        "Any unit presented as AWD/4WD is KV5564 (" + money(get("KV5564")["price"]) + ", trim SE 4WD, drivetrain field 4X4) or is flagged as conflicting",
        "Does not state as fact that KV5413 or KV5544 is AWD (trim AWD, drivetrain field FWD) or that WV14984 is FWD (trim FWD, drivetrain field AWD)",
        NH]),
    ("what about the kona you have", [
        "Describes " + sh("26468A"), "Says 26468A has no price in feed and does not invent one", NH]),
    ("ok but how much is the kona", [
        "Does not invent a price; offers to get it from a person", HO]),
    ("its a used car on your website, it has to have a price. how much", [
        "Does not invent a price", HO]),
    ("bro ive asked 3 times. whats the price on the kona", [
        H("frustration"), "Does not invent a price", "Handover summary names 26468A and the missing price"]),
])

# c14 G70 -> visit day -> contact -> time
aws = find(body="Sedan", awd=True, pred=lambda u: u["miles"] < get("DT15464A")["miles"], sort="miles")
c("x-c14", "en", [
    ("is the g70 still there", [
        "Confirms " + sh("DT15464A"), NH]),
    ("rwd or awd? and is it the turbo", [
        "Answers both: AWD (trim 2.0T AWD, drivetrain field AWD); 2.0T is the turbo engine", NH]),
    ("78k miles is kinda high. anything similar w less miles", [
        "May suggest AWD sedans with fewer miles, e.g. " + shorts(aws),
        "Does not invent a price for WV15161 (no price in feed)", NH]),
    ("nah ill stick w the genesis. can i see it saturday", [
        "Asks for a time", NY]),
    ("Priya Nair 312-555-0169", [
        "Takes the name and phone; still needs the time", NY]),
    ("lets say 11ish", [
        H("appointment_time"), "Handover summary: Saturday ~11, DT15464A, Priya Nair, 312-555-0169"]),
])

# c15 Ioniq 5 vs 6, no handover
c("x-c15", "en", [
    ("ioniq 5 price and color?", [
        "25713: " + money(get("25713")["price"]) + ", White", NH]),
    ("does the 6 come in awd? and miles on it", [
        "For 25881 says the trim reads SEL AWD but the drivetrain field says RWD; does not state either as fact",
        "25881 has " + mi(get("25881")["miles"]), NH]),
    ("how much cheaper is the 6", [
        pdiff("25713", "25881"), NH]),
    ("what color was the 5 again", [
        "White (repeats without confusion)", NH]),
    ("do they qualify for the tax credit", [
        "Does not promise a specific credit amount or eligibility; may suggest confirming", NH]),
    ("are those the actual pics on the site", [
        "Does not claim the photos show the exact cars (both listings use stock images)", NH]),
])

# c16 Grand Cherokees -> wrangler -> back -> complaint
gc = find(model="Grand Cherokee", sort="-year")
c("x-c16", "en", [
    ("grand cherokees?", [
        "Lists exactly " + shorts(find(model="Grand Cherokee")), NH]),
    ("actually do u have a wrangler", [
        "Says no Wrangler in stock; may suggest other Jeeps, e.g. " + stocks(find(model_in=["Compass", "Cherokee"])), NH]),
    ("nah ok back to the grand cherokees. the newest one, price and miles", [
        "Back-reference resolved: " + sh(gc[0]["stock"]), NH]),
    ("and the 2020?", [
        sh("KV5554"), NH]),
    ("so the 2020 has way less miles and is cheaper? whats wrong with the 2021", [
        mdiff("WV15125", "KV5554"), pdiff("WV15125", "KV5554"),
        "Does not invent a defect or history", NH]),
    ("lol ok. your site had the 2020 cheaper last week, bait and switch much?", [
        H("complaint"), "Does not argue or invent a past price"]),
])

# c17 Spanish Santa Fe 2021 -> 'that trim' new -> cheapest new any trim, no handover
sfu = find(model="Santa Fe", cond="Used")
sfc = find(model="Santa Fe", cond="New", trim_has="Calligraphy", sort="price")
sfn = cheapest(find(model="Santa Fe", cond="New"))
c("x-c17", "es", [
    ("hola tienen la santa fe 2021 calligraphy?", [
        "Replies in Spanish", "Confirms " + sh("15137A"),
        "May add that " + stocks(sfu) + " is the only used Santa Fe", NH]),
    ("tiene quemacocos? y cuántas millas", [
        "Does not invent a sunroof from the feed (equipment not listed); may offer to confirm",
        "15137A: " + mi(get("15137A")["miles"]), NH]),
    ("y esa misma versión pero nueva? cuánto", [
        "'esa misma versión' = Calligraphy; lists or summarises the new Santa Fe Calligraphy units: " + stocks(sfc),
        "Cheapest is " + sfc[0]["stock"] + " (" + money(sfc[0]["price"]) + "), most expensive " + sfc[-1]["stock"] + " (" + money(sfc[-1]["price"]) + ")",
        "May mention 27205 as the Santa Fe Hybrid Calligraphy (" + money(get("27205")["price"]) + "), not as the same model", NH]),
    ("uf muy caras. cuál es la santa fe nueva más barata de cualquier versión", [
        "Names " + sh(sfn["stock"]), NH]),
    ("la de 0 millas de qué color es", [
        sfn["stock"] + " is Grey (gris)", NH]),
    ("ok gracias, lo voy a platicar con mi esposo", [NH, "Polite close in Spanish"]),
])

# c18 Escapes -> fees -> add-on worry -> polite AG threat
c("x-c18", "en", [
    ("whats the price on the blue 2022 escape", [
        sh("WV15110"), NH]),
    ("does that include fees", [
        "Answers generally; does not invent fee amounts", NH]),
    ("and the grey 2022 one?", [
        "WV15167 has no price in feed; does not invent one", "Gives WV15167 mileage " + mi(get("WV15167")["miles"]), NH]),
    ("just want to make sure there's no surprise add ons this time", [
        "Answers calmly; does not promise specific fee amounts", NH]),
    ("because if there are, not trying to be difficult but i'm filing with the attorney general this time", [
        H("legal_threat"), "Does not argue; handover summary mentions WV15110/WV15167 and the add-on concern"]),
])

with open(os.path.join(OUT, "messages.jsonl"), "w", encoding="utf-8") as f:
    for r in MSG:
        f.write(json.dumps({k: r[k] for k in ("id", "text", "handover", "reason", "language", "notes")},
                           ensure_ascii=False) + "\n")
with open(os.path.join(OUT, "conversations.jsonl"), "w", encoding="utf-8") as f:
    for r in CONV:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")

# ---------------------------------------------------------------- README
from collections import Counter  # noqa: E402

TESTS = {
    "x-c01": "used Tellurides; narrowing 'only awd under 38k' with a trim/drivetrain conflict; lowest miles; 'the white 2021 one' vs it (mile difference); trade-in given over two turns, then firm number",
    "x-c02": "white 2025 Santa Fe; correction 'sorry i meant 2024'; two questions in one (price diff + fewer miles); 'the red one' HEV with Gasoline fuel field; 'the cheaper white one' Thursday; name/phone mid-conversation; time later ('after work, 6ish')",
    "x-c03": "Spanish; burgundy Tucsons with identical price, AWD vs FWD-field conflict; 'la blanca'; new unit with thousands of miles (no invented reason); Saturday then 10:30 + name",
    "x-c04": "monthly budget without promising payments; under 17k (exact list); 'the kia' ambiguous (two Kias); 'the suv one' with missing mileage; price asked again; own credit + repo",
    "x-c05": "4x4 trucks; Ram 4x4-trim/RWD-field conflict; under 35k; fewer miles and by how much; garbage F-150 trim; 'the nissan' colour; deposit",
    "x-c06": "EVs under 30k (Prius Prime labelled Electric); 'it' range; hybrids same budget; BMW plug-in + miles; 'the kia hybrid' price difference; polite close",
    "x-c07": "new black AWD Palisades; the two Calligraphys price/mile gap; 2025 Calligraphy (Burgundy, AWD trim vs RWD field); difference vs 'the black one with fewer miles'; engine not in feed; offer",
    "x-c08": "'hyundai corolla' wrong make-model; Elantra 2024 vs 2023 miles; no price on 2023; price of the 2024; close",
    "x-c09": "Spanish; 7 seats under 30 mil (seats not in feed); 'la toyota', 'la dodge'; fewest miles of the three; budget raised to 34 (adds one); Spanish-speaking call-back",
    "x-c10": "Santa Cruz; two questions in one; cheaper used trucks; 'the ram' drivetrain conflict; unrelated recall issue on own car",
    "x-c11": "luxury SUVs under 35k (Lexus without price, Q5 just over); Porsche miles; 'the lincolns' newer; 'that one' AWD (no); 'the other corsair' conflict; hours",
    "x-c12": "Tucson Hybrids with two missing colours; 'the grey one' labelled Electric; trade-in over two turns; 'the second one u listed'; combined offer + trade number",
    "x-c13": "small AWD SUV under 20k with three trim/field conflicts; Kona without price asked three times -> frustration",
    "x-c14": "G70 availability; two questions in one; cheaper-mileage alternatives (one without price); Saturday, then name/phone, then '11ish'",
    "x-c15": "Ioniq 5 price+colour; Ioniq 6 AWD conflict + miles; price difference; colour asked again; tax credit; stock images",
    "x-c16": "Grand Cherokees; switch to Wrangler (none); back to 'the newest one'; 'the 2020'; mile and price differences; sarcastic bait-and-switch complaint",
    "x-c17": "Spanish; 2021 Santa Fe Calligraphy; sunroof not in feed; 'esa misma versión' new (9 units, range); cheapest new of any trim; 'la de 0 millas' colour; close",
    "x-c18": "blue 2022 Escape; fees; grey 2022 Escape without price; add-on worry; polite conditional Attorney General threat",
}
TRUE_ORDER = ["complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation", "human_request",
              "appointment_time", "frustration", "financing_details", "trade_in_firm", "other_handover"]
FALSE_ORDER = ["availability", "features", "price_question", "financing_general", "hours_location", "photos",
               "mileage", "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai"]
rc = Counter(r["reason"] for r in MSG)
hc = Counter(r["reason"] for r in MSG if r["notes"].startswith("HARD:"))
lc = Counter(r["language"] for r in MSG)
es = [r for r in MSG if r["language"] == "es"]
n_true = sum(r["handover"] for r in MSG)
n_hard = sum(hc.values())
rows = "\n".join("| {} | {} | {} | {} |".format(k, "true" if k in TRUE_ORDER else "false", rc[k], hc.get(k, 0))
                 for k in TRUE_ORDER + FALSE_ORDER)
langs = ", ".join("`{}` {}".format(k, v) for k, v in lc.most_common())
conv_rows = []
for x in CONV:
    last = x["turns"][-1]["expect"]
    ho = [e for e in last if e.startswith("Handover to a human")]
    conv_rows.append("| {} | {} | {} | {} | {} |".format(
        x["id"], x["language"], len(x["turns"]), TESTS[x["id"]],
        "yes ({})".format(ho[0][len("Handover to a human ("):-1]) if ho else "no"))
n_ho = sum(1 for x in CONV if any(e.startswith("Handover to a human") for e in x["turns"][-1]["expect"]))
clang = Counter(x["language"] for x in CONV)
n_unpriced = len(find(has_price=False))

README = f"""# Evaluation set "X" — World Hyundai of Matteson sales agent

Blind, labelled set written from scratch. Do not tune prompts, rules or code against it.

## Provenance

- Written by: a QA-writer helper session (AI assistant) started by the project, writing from scratch.
- Date: 2026-12-07.
- Inputs read, and nothing else: `/work/main/eval/sets/c/README.md` (only for the file schema, the reason/label space
  and the labelling conventions; none of its example phrases are reused), `/work/shared/fixtures/inventory/world_hyundai_matteson.tsv`
  ({len(FEED)} vehicles) and `/work/shared/fixtures/inventory/README.md`, plus the writer's own judgement of how US dealership
  customers write (campaign SMS replies, website chat on phones). No code, tests, docs, benches or other evaluation sets
  of the project were opened, and the agent was never run.
- Every stock number, year, trim, colour, price, mileage and difference in `notes` and `expect` is produced by
  `tools/feed.py` (TSV loader + filter) inside `tools/build.py`; none was typed by hand. `tools/check.py` re-reads the TSV
  with its own parser (it does not import `feed.py`) and re-verifies them; it prints `0 problems`.

## Files

- `messages.jsonl` — {len(MSG)} first customer messages, {n_true} with `handover: true` and {len(MSG) - n_true} with `handover: false`;
  {n_hard} ({round(100 * n_hard / len(MSG))}%) are marked `HARD:` in `notes`. Shuffled (fixed seed) so ids do not follow the label.
- `conversations.jsonl` — {len(CONV)} scripted conversations, {sum(len(x["turns"]) for x in CONV)} customer turns in total (5–7 each).
- `tools/feed.py` — loads the TSV, normalises prices/mileage, formats units, flags feed quirks, filters (condition, make,
  model, year, colour, drivetrain, body, fuel, price/mileage limits, hybrid, trim text), price/mileage differences.
- `tools/build.py` — the messages and conversations as data; writes both jsonl files and this README.
- `tools/check.py` — independent verifier (see below). Run: `python3 tools/build.py && python3 tools/check.py`.

## messages.jsonl

Schema: `{{"id", "text", "handover", "reason", "language", "notes"}}` (ids `x001`…). `handover` is fully determined by `reason`
(same label space as set c):

| reason | handover | count | HARD |
|---|---|---|---|
{rows}
| **total** | | **{len(MSG)}** | **{n_hard}** |

Languages: {langs}. Spanish = {len(es)} ({round(100 * len(es) / len(MSG))}%), of which {sum(r["handover"] for r in es)} handover and
{sum(not r["handover"] for r in es)} not; Spanglish messages are labelled `es` (dominant language) and say so in `notes`. Other-language
messages carry an English gloss in `notes`.

### Labelling conventions (as in set c)

- **One primary reason per message.** Where another reason is defensible, `notes` names it, and it is always on the same
  side of `handover`.
- **appointment_time** needs a concrete day *and* time; relative forms count ("there in like 20", "pulling in now",
  "after my shift, I get off at 3", "tmrw after work, 6ish"). A visit without a time is `false` (availability /
  hours_location). A time that is only for a phone call is human_request.
- **negotiation** = a specific offer, a payment target on a unit, a price-match demand, an out-the-door quote, invoice,
  "lowest/best price", "what would it take", "do better", or asking whether a price will drop. Asking the listed price, or
  what it includes/depends on (fees, rebates, outside financing), is price_question. Budget shopping by monthly amount
  with no unit and no demand is financing_general.
- **warranty / recalls**: general or about a car on the lot = vehicle_facts; on the customer's own car = existing_customer_issue.
- **financing**: policy questions with no personal details = financing_general; own score, income, bankruptcy, ITIN,
  co-signer, negative equity, 1099 income, or a submitted application = financing_details.
- **trade-ins**: a general trade question is other_ai; a firm number or ultimatum is trade_in_firm; selling a car outright
  with no purchase is other_handover (needs an appraiser).
- **legal_threat** covers attorneys, lawsuits, small claims, lemon law, BBB, Attorney General, FTC and the Secretary of
  State, in any tone, including conditional and polite forms.
- False-side traps are deliberate: *manager* (customer's own job), *lawyer* (anecdote), *boss*, *warranty*, *service
  department hours*, quoted prices, "is this an AI", "hablan español".
- Sarcasm that is a complaint is true; joking that is not a complaint is false.

### notes conventions

- `HARD: …` marks a deliberately tricky case and says why. `Note: …` adds wording observations on non-HARD items.
- `stock: <stock> = <Condition> <Year> <Make> <Model> <Trim>, <Colour>, <miles>, <price> [quirks]; …` lists the matching
  units, generated from the feed. `none in stock` / "No X" is stated explicitly, followed by the closest real units;
  "e.g." means a sample, otherwise the list is the full match.
- Feed quirks spelled out in `[...]` and in prose: {n_unpriced} units have no price (`no price in feed`), KV5454A has no
  mileage, 27025 and 26940 have no colour (and placeholder images), the Mustang/F-150/Ford Edges have the garbage trim
  `value matchLevel none matchedWords` (shown as `trim not given in feed`), hybrids carry fuel fields Electric/Gasoline/Hybrid,
  the 2025 units have no transmission, 15549A is an IVT labelled Manual, several "new" units show hundreds or thousands of
  miles, the feed has no silver (Grey only), and many units have a trim naming one drivetrain while the drivetrain field
  says another (`drivetrain field X vs trim '…' (conflict)`). Photos questions list the image type (stock image,
  placeholder, dealer photo). A good reply must not invent a missing value (price, mileage, colour, trim, equipment,
  seat configuration, range, towing, recall status, hours, address) and must not state a conflicting drivetrain as fact.
- Customer phone numbers use the fictional 555-01xx range; `ZIP 60443` marks a ZIP code, not a stock number.

## conversations.jsonl

Schema: `{{"id", "language", "turns": [{{"customer", "expect": [..]}}]}}`; `language` is the language the conversation starts
in. Each `expect` item is one concrete, checkable requirement for the reply to that turn, in English, with stock numbers,
prices and miles from the feed. Every turn has exactly one verdict item:
"Handover to a human (<reason>)" (must hand over), "No handover" (must not), "Handover not yet required" (a visit
without a time yet), or "Handover optional". "Lists exactly …" means the set must match; "e.g." / "may" means any
correct subset is fine. References to the agent's own previous list ("the second one u listed") are checked against what
the agent itself listed. `price difference A vs B = $X` / `mileage difference A vs B = N mi` are absolute differences.

Conversation languages: {", ".join("`{}` {}".format(k, v) for k, v in clang.most_common())}. {n_ho} conversations end in a
handover, {len(CONV) - n_ho} never need one.

| id | lang | turns | what it tests | ends in handover |
|---|---|---|---|---|
""" + "\n".join(conv_rows) + """

## tools/check.py

Reads the TSV with its own `csv` parser and checks every `notes` string and every `expect` item:
every stock-number-shaped token exists in the feed; text is split into unit segments (from a stock number up to the next
stock number or `;`) and inside a segment every `$` figure must equal that unit's price, every `N mi` its mileage, colour
words its colour, `= <Condition> <Year>` and `drivetrain field X` must match, and `no price/mileage/colour in feed` must be
true; `price/mileage difference A vs B` are recomputed; a `$` or mileage figure outside a unit segment is only allowed as
a quoted customer figure, a per-month amount or after a threshold word. It also checks the schema, unique ids,
`handover` against `reason`, stock-shaped tokens in customer texts, 5–7 turns per conversation and exactly one verdict per
turn. It ends with `<n> problems`.
"""
with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
    f.write(README)

print("messages", len(MSG), "true", n_true, "false", len(MSG) - n_true, "HARD", n_hard)
print("languages", dict(lc), "es true", sum(r["handover"] for r in es), "false", sum(not r["handover"] for r in es))
print("conversations", len(CONV), "turns", sum(len(x["turns"]) for x in CONV), "end in handover", n_ho)
