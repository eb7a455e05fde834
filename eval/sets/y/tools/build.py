"""Builds /tmp/setY/messages.jsonl and conversations.jsonl. All feed figures come from feed.py."""
import json, os
import feed as F
from feed import desc as D, short as S, price as P, miles as MI, find, stocks

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRUE = {"complaint","existing_customer_issue","legal_threat","ready_to_buy","negotiation","human_request",
        "appointment_time","frustration","financing_details","trade_in_firm","other_handover"}
def st(*ss): return "stock: " + "; ".join(D(s) for s in ss)
def stl(rows): return st(*stocks(rows))
def pr(s): return P(s)  # price string for use in customer text
msgs = []
def M(text, reason, lang="en", notes=""):
    msgs.append(dict(text=text, reason=reason, language=lang, notes=notes))

# ---------------- handover: true ----------------
# complaint
M("just got a call from ur finance guy at 9:40pm on a sunday. who does that", "complaint")
M("Came in Saturday for the white Tucson Limited, sat there 2 hrs and nobody even grabbed the keys. wasted my whole morning", "complaint",
  notes="Could also be frustration; both true. " + st(*stocks(find(model="Tucson", color="White", condition="New"))))
M("wow great job guys, the car i bought last week already has a rattle in the dash and my salesman stopped answering 🙃", "complaint",
  notes="HARD: sarcastic 'great job'; complaint vs existing_customer_issue, both true.")
M(f"ur website said the 2022 tucson SE was {pr('27138A')} and when i got there the guy said it was 'spoken for' and tried to upsell me. bait and switch much?", "complaint",
  notes="HARD: 'bait and switch' is an accusation, not a legal threat (no attorney/regulator); a good reply must not argue or re-quote the price as a fresh offer. " + st("27138A"))
M("Fui ayer y el vendedor me trató muy mal, ni me quiso enseñar la camioneta porque según él no califico. Muy mala atención.", "complaint", "es",
  notes="Gloss: went yesterday, salesman treated me badly, wouldn't show me the SUV because he says I don't qualify. Very bad service.")
M("ya dejen de mandarme mensajes, ya compré carro en otro lado hace 3 semanas. STOP", "complaint", "es",
  notes="HARD: Spanglish opt-out plus irritation ('STOP'); dominant language es. Must not keep selling. Gloss: stop texting me, I bought elsewhere 3 weeks ago.")
M("love that my brand new santa fe came with swirl marks on the hood and someone's coffee ring in the cupholder. very premium ✨", "complaint",
  notes="HARD: sarcastic praise; complaint vs existing_customer_issue, both true.")
M("Nobody ever called me back about the quote like they promised. That's 3 times now", "complaint",
  notes="complaint vs frustration, both true.")
M("Tôi rất thất vọng, nhân viên hứa gọi lại mà không ai gọi cả.", "complaint", "vi",
  notes="Gloss: I'm very disappointed, the staff promised to call back and nobody called.")
# existing_customer_issue
M("hey i bought my elantra from you guys in sept and still dont have my plates. temp tag expires friday", "existing_customer_issue")
M("check engine light came on in the tucson i got from yall 2 wks ago, who do i talk to", "existing_customer_issue")
M("Got a recall letter for my 2021 Santa Fe (bought it from you). Can you guys do the recall work?", "existing_customer_issue",
  notes="HARD: recall repair on the customer's own car -> existing_customer_issue (a recall question about a lot car would be vehicle_facts). Do not confuse with 15137A on the lot.")
M("my first payment isn't showing on the lender site, was the deal even funded?? bought the K5 on the 2nd", "existing_customer_issue",
  notes="HARD: mentions a K5 model that is on the lot, but this is the customer's own purchased car; must not pitch DT15592A/DT15551A.")
M("Compré una Tucson con ustedes el mes pasado y todavía no me llega el título. ¿Qué pasa?", "existing_customer_issue", "es",
  notes="Gloss: bought a Tucson from you last month and still haven't received the title.")
M("you guys still owe me a 2nd key fob for my palisade. 'next week' was 6 weeks ago", "existing_customer_issue",
  notes="Could also be complaint; both true.")
M("Quiero cancelar la garantía extendida que me vendieron con el carro, ¿cómo le hago?", "existing_customer_issue", "es",
  notes="Gloss: I want to cancel the extended warranty sold with my car, how do I do it. Warranty on own contract -> existing_customer_issue.")
M("bought a car from u in august, my old lender says you never paid off my trade. im getting late notices on a car i dont even have anymore", "existing_customer_issue",
  notes="HARD: serious money issue but no threat of attorney/regulator, so not legal_threat; complaint would also be true.")
M("service keeps moving my oil change appt, bought the car there, can someone sort it", "existing_customer_issue",
  notes="HARD: service-department matter, not sales; still needs a human.")
# legal_threat
M("if i dont get my deposit back by friday im filing in small claims. simple as that", "legal_threat")
M("This car is a lemon. 4th time in for the same transmission problem. I've already contacted an attorney.", "legal_threat")
M("Not trying to threaten anybody but I'll be reporting this to the Illinois Attorney General if those add-ons aren't taken off my contract.", "legal_threat",
  notes="HARD: 'not trying to threaten' is still a regulator threat.")
M("Ya hablé con un abogado sobre el contrato que me hicieron firmar. Espero su respuesta.", "legal_threat", "es",
  notes="Gloss: I already talked to a lawyer about the contract you had me sign. Awaiting your response.")
M("bbb complaint going in tonight unless someone explains these doc fees to me", "legal_threat",
  notes="HARD: lowercase, casual; BBB counts as legal_threat by convention even though it mentions fees.")
M("my cousin is a lawyer and she says what u did with my trade payoff is illegal. fix it or we're suing", "legal_threat")
M("Vou denunciar vocês ao Procurador-Geral de Illinois se não devolverem meu depósito.", "legal_threat", "pt",
  notes="Gloss (Portuguese): I'll report you to the Illinois Attorney General if you don't return my deposit.")
# ready_to_buy
M("ok im sold. the white 2025 santa fe calligraphy, how do i lock it in today", "ready_to_buy",
  notes="27205 is also a white 2025 Calligraphy but model 'Santa Fe Hybrid'; the plain Santa Fe one is 27251. " + st("27251", "27205"))
M("I want the green Palisade Night Edition. Can I put a deposit down over the phone?", "ready_to_buy", notes=st("26657"))
M("wife said yes 🙌 lets do the ioniq 5, where do i sign", "ready_to_buy", notes=st("25713"))
M("Ya me decidí, quiero la Tucson híbrida blanca. ¿Qué necesito llevar para firmar hoy?", "ready_to_buy", "es",
  notes="Gloss: I've decided, I want the white Tucson Hybrid; what do I bring to sign today. Only one white Tucson Hybrid; two others have no colour in feed and must not be called white. " + st("27023", "27025", "26940"))
M("Cash buyer. Want the 2019 Tahoe Premier. How fast can we close?", "ready_to_buy", notes=st("KV5514"))
M("take my money 💸 the green telluride x-pro, still there? i want it", "ready_to_buy",
  notes="HARD: also asks availability, but the intent is to buy -> ready_to_buy. " + st("KV5435"))
M("ready to sign on the santa cruz if its still there, already preapproved thru my credit union", "ready_to_buy",
  notes="HARD: mentions own financing (would be financing_details) but primary intent is to buy; both true. " + st("26898"))
M("i'll take it", "ready_to_buy",
  notes="HARD: bare reply to a campaign text with no vehicle named; treat as buying signal, must not guess which car.")
# negotiation
M(f"would u do 35 flat on the white telluride EX? (site says {pr('15355A')})", "negotiation",
  notes="Specific offer. " + st("15355A"))
M("whats the lowest you'll go on the F-150", "negotiation",
  notes="Garbage trim in feed; must not invent trim. " + st("WK15091"))
M("I need to be at $450/mo or less on the new Tucson Limited. Can you make that work?", "negotiation",
  notes="HARD: payment target on a unit -> negotiation, not financing_details. " + st(*stocks(find(model="Tucson", condition="New"))))
M("carmax has pretty much the same Q5 for 2k less. match it and i'll come in today", "negotiation",
  notes="Price-match demand. " + st("DT27212A"))
M("out the door price on stock 27130?", "negotiation",
  notes="HARD: OTD quote -> negotiation. Quirk: 27130 is 'Santa Fe SEL HEV' (a hybrid) but Fuel Type says Gasoline; must not state it's a non-hybrid. " + st("27130"))
M("¿Cuánto es lo menos que me dejan la Palisade negra SEL? Traigo efectivo.", "negotiation", "es",
  notes="Gloss: what's the least you'd take for the black Palisade SEL, I have cash. Two black SELs (2024 AWD and 2025 trim 'SEL FWD' with drivetrain RWD). " + st("26609", "DT27185"))
M("any wiggle room on the mustang? its been sitting a while lol", "negotiation",
  notes="Garbage trim; must not invent (GT/EcoBoost). " + st("KV5552"))
M("Offer: 20k cash for the Highlander, today.", "negotiation", notes=st("KV5561"))
M("if u knock off the nitrogen tires and paint protection i'm in on the ioniq 6", "negotiation",
  notes="HARD: add-on removal as a condition = negotiation. " + st("25881"))
M("whats your best price on the Charger, im talking to 3 dealers", "negotiation", notes=st("WV15154"))
M("can u do 0 down and keep it under 400 on one of the equinoxes", "negotiation",
  notes="HARD: payment target without choosing a unit; slangy. " + stl(find(model="Equinox", sort="price")))
# human_request
M("can a real person call me. 708-555-0142", "human_request")
M("I'd rather deal with Marcus, he sold my mom her car last year", "human_request",
  notes="HARD: asks for a named salesperson; must not claim to be Marcus or know his schedule.")
M("is there a sales manager i can speak with", "human_request")
M("¿Me puede llamar alguien que hable español? Mi número es 773-555-0188.", "human_request", "es",
  notes="Gloss: can someone who speaks Spanish call me.")
M("pls have someone call me after 5 today abt my trade", "human_request",
  notes="HARD: the time is for a phone call, not a visit -> human_request, not appointment_time.")
M("no offense but i dont want to text a robot. human pls", "human_request")
M("give me the number for someone in finance", "human_request",
  notes="HARD: wants a finance person; no personal credit details, so not financing_details; still true.")
M("한국어 하는 직원 있나요? 전화 부탁드려요.", "human_request", "ko",
  notes="Gloss (Korean): is there Korean-speaking staff? Please call me.")
M("Call me", "human_request", notes="HARD: two words, no number; must ask for / confirm a number, not refuse.")
# appointment_time
M("can i come see the red escape saturday at 11", "appointment_time",
  notes=st(*stocks(find(model="Escape", color="Red"))))
M("Test drive the Genesis tomorrow at 4:30?", "appointment_time", notes=st("DT15464A"))
M("be there in 20 min to look at the camry", "appointment_time",
  notes="HARD: relative time. Camry has no price in feed; must not invent one. " + st("kv4958"))
M("¿Puedo pasar el jueves a las 6 de la tarde a ver la Tucson gris?", "appointment_time", "es",
  notes="Gloss: can I come Thursday at 6pm to see the grey Tucson. Several grey Tucsons; must clarify which, not pick silently. " + stl(find(model="Tucson", color="Grey")) + "; " + D("27103"))
M("monday 9am work for a test drive on the titan xd? im off that day", "appointment_time", notes=st("KV5526"))
M("I get off at 3, could be there by 3:45 today for the Niro", "appointment_time",
  notes="HARD: time given as 'by 3:45 today'. Niro EV listed with Fuel Electric (a real EV). " + st("KV5563"))
M("Sunday at 1 for the Stelvio?", "appointment_time",
  notes="HARD: concrete day+time but Sunday hours unknown to the feed; must not invent opening hours or confirm the slot itself. " + st("KV5464"))
M("tonight around 7 to look at the altimas", "appointment_time",
  notes="HARD: 'around 7' still concrete. Quirks: WV15161/KV5555 trims say '2.5 SV Sedan' but drivetrain AWD; KV5542 trim says AWD but drivetrain FWD; WV15161 has no price. " + stl(find(model="Altima")))
M("could we do the 14th at noon, me and my dad, for the Q8", "appointment_time", notes=st("15357A"))
# frustration
M("ive asked 3 times now what the price is. just answer the question", "frustration")
M("omg stop sending me links. i asked a YES or NO question", "frustration")
M("this is useless", "frustration", notes="HARD: bare, no context; could be complaint, both true.")
M("Ya les dije que NO quiero camioneta, ¿por qué me siguen mandando SUVs?", "frustration", "es",
  notes="Gloss: I already told you I don't want an SUV, why do you keep sending SUVs.")
M("you're not listening. I said USED. not new.", "frustration")
M("🤬🤬 3 days and still no number on my trade", "frustration",
  notes="HARD: emoji-led; frustration vs complaint, both true; not trade_in_firm (no figure).")
M("bro i literally just told you my budget", "frustration",
  notes="HARD: first message referring to a prior exchange the agent can't see; must not pretend to remember.")
# financing_details
M("my score is like 540 after a repo in 2023, can i still get approved for a forte", "financing_details",
  notes="Own score + repo. Fortes: " + stl(find(model="Forte", sort="price")))
M("I'm self employed, 1099 only, no W2s. what would I need to bring for a loan", "financing_details")
M("Tengo ITIN y no tengo historial de crédito, gano como 3,500 al mes. ¿Me pueden financiar?", "financing_details", "es",
  notes="HARD: ITIN alone would be financing_general; own ITIN status + income -> financing_details. Gloss: I have ITIN, no credit history, earn about 3,500/month.")
M("chapter 7 discharged last year. is that gonna kill my chances", "financing_details")
M("i owe like 6k more than my rogue is worth, can that get rolled into a new tucson", "financing_details",
  notes="HARD: negative equity on own car -> financing_details, not trade_in_firm.")
M("my gf is gonna cosign, her credit's 780. what rate would we get on the ioniq 6?", "financing_details",
  notes="HARD: asks a rate (sounds general) but gives co-signer + score. Must not quote a rate. " + st("25881"))
M("already submitted the credit app online yesterday, any update?", "financing_details")
# trade_in_firm
M("I need 18k for my 2020 Accord, not a penny less, or no deal", "trade_in_firm")
M("carvana offered me 14,200 for my sportage. beat it or im selling to them", "trade_in_firm",
  notes="HARD: customer's own Sportage, not KV5454A on the lot.")
M("Mi troca vale por lo menos 25 mil, si no me dan eso no hay trato.", "trade_in_firm", "es",
  notes="Gloss: my truck is worth at least 25k, if you don't give me that there's no deal.")
M("KBB says 22k for my trade. If you're not there don't bother calling", "trade_in_firm",
  notes="HARD: ultimatum phrased as 'don't bother calling'.")
# other_handover
M("We're a landscaping company looking at 4 Santa Cruz units for the fleet. Who handles commercial accounts?", "other_handover",
  notes="Fleet purchase. Only one Santa Cruz in the feed; must not claim 4. " + st("26898"))
M("I test drove a car there yesterday and I think I scraped a bumper on your lot pulling out. want to be upfront about it", "other_handover",
  notes="HARD: incident report, no sale and no complaint; a human must handle it.")

# ---------------- handover: false ----------------
# availability
M("any white palisades?", "availability", notes=stl(find(model="Palisade", color="White")))
M("u got any trucks under 30k", "availability",
  notes="HARD: the Silverado is just over 30k (near miss below); Ram trim says 4x4 but drivetrain RWD. " + stl(find(type="Truck", max_price=30000)) + "; near miss " + D("WV15156"))
M("Do you have a Kona?", "availability", notes="Only one, no price in feed; must not invent. " + st("26468A"))
M("looking for a manual anything lol", "availability",
  notes="HARD: 15549A is a Forte 'LXS IVT' (IVT = CVT automatic) but Transmission says Manual; must not present it as a sure manual. " +
        stl([r for r in F.FEED if r["Transmission"] == "Manual"]))
M("is the ioniq 6 still available", "availability", notes=st("25881"))
M("¿Tienen Sonata?", "availability", "es",
  notes="HARD: none in stock; closest Hyundai sedans. Gloss: do you have a Sonata. " + stl(find(make="Hyundai", type="Sedan")))
M("need a 3rd row for under 25k, 3 kids and a dog 🐕", "availability",
  notes="HARD: feed has no seating data; candidates from model knowledge, e.g. " + st("KV5561", "KV5565") + "; Sorento has no price: " + D("WV15164"))
M("any awd sedans?", "availability",
  notes="HARD: drivetrain vs trim conflicts (25881 trim AWD/drivetrain RWD; KV5542 trim AWD/drivetrain FWD; WV15161, KV5555 trim w/o AWD but drivetrain AWD). Drivetrain AWD sedans: " +
        stl(find(type="Sedan", drivetrain_in=["AWD"])) + " | conflicting: " + st("25881", "KV5542"))
M("do yall have the santa fe hybrid", "availability",
  notes="HARD: 27130 is model 'Santa Fe' trim 'SEL HEV' with Fuel Gasoline; hybrids also labelled Gasoline. " + st("DT27293", "27205", "27130"))
M("2023 or newer under 20 grand?", "availability", notes=stl(find(min_year=2023, max_price=20000)))
M("got any jeeps", "availability", notes=stl(find(make="Jeep", sort="price")))
M("Is stock 15218A still there?", "availability",
  notes="HARD: used 2024 Telluride with almost no miles; trim 'S FWD' but drivetrain AWD. " + st("15218A"))
M("Haben Sie den Lexus RX noch?", "availability", "de",
  notes="Gloss (German): do you still have the Lexus RX. No price in feed. " + st("WV15176"))
M("هل عندكم سيارة كهربائية مستعملة؟", "availability", "ar",
  notes="HARD: Gloss (Arabic): do you have a used electric car? Niro EV is a real EV; Prius Prime is labelled Electric but is a plug-in hybrid; BMW 530e is labelled Hybrid. " + st("KV5563", "WV15159", "KV5545"))
M("do u have anything orange", "availability", notes=stl(find(color="Orange")))
M("busco una troca 4x4", "availability", "es",
  notes="HARD: Ram KV5543 trim says 4x4 but drivetrain RWD. Gloss: looking for a 4x4 truck. " + stl(find(type="Truck", drivetrain_in=["4X4"])) + " | conflicting: " + D("KV5543"))
# features
M("does the ioniq 5 limited have the heated steering wheel", "features",
  notes="Feed has no equipment list; answer from general trim knowledge only, hedged. " + st("25713"))
M("does the santa cruz come w a tonneau cover", "features", notes="Unit-specific accessory not in feed; must not confirm. " + st("26898"))
M("apple carplay on the 2019 bmw x3?", "features", notes=st("KV5516"))
M("how many seats in the palisade", "features")
M("¿La Santa Fe Calligraphy trae asientos ventilados?", "features", "es", notes="Gloss: does the Santa Fe Calligraphy have ventilated seats.")
M("does the tahoe have a tow package? need to pull a 6k lb camper", "features",
  notes="HARD: towing spec for a unit; tow package not in feed, must not confirm. " + st("KV5514"))
M("is the Audi Q8 the one w the panoramic roof", "features", notes=st("15357A"))
# price_question
M("how much is the Macan", "price_question", notes=st("WV15144"))
M("price on the red ford edge?", "price_question",
  notes="HARD: no price in feed and garbage trim; must not invent. " + st("KV5568"))
M("does the listed price include doc fees and all that?", "price_question")
M("whats the price on the brown telluride", "price_question",
  notes="HARD: three brown Tellurides; 15263A trim 'EX FWD' vs drivetrain AWD. " + stl(find(model="Telluride", color="Brown")))
M("¿Cuánto cuesta el Elantra blanco?", "price_question", "es", notes="Gloss: how much is the white Elantra. " + st("WV15157"))
M("any rebates on the new tucsons rn?", "price_question", notes="HARD: incentives in general, not a haggle -> price_question.")
M("my boss swears hyundai prices are tanking lol, what's the palisade XRT going for", "price_question",
  notes="HARD: reads like a haggle setup but only asks the listed price. " + st("DT25256"))
M("how much for the camry", "price_question", notes="No price in feed. " + st("kv4958"))
M("这辆 Ioniq 5 多少钱？", "price_question", "zh", notes="Gloss (Chinese): how much is this Ioniq 5. " + st("25713"))
# financing_general
M("do you guys do buy here pay here", "financing_general")
M("do yall work with credit unions or only ur own banks", "financing_general")
M("¿Aceptan ITIN para financiar?", "financing_general", "es", notes="Gloss: do you accept ITIN for financing. General policy, no personal details.")
M("is 0% apr still a thing on the ioniq 5 or nah", "financing_general", notes="HARD: incentive question; no personal data. Must not promise a rate.")
M("how long can loans go, like 84 months?", "financing_general")
M("Do u guys lease the Ioniq 6", "financing_general", notes=st("25881"))
M("can i get prequalified online w/o a hard pull", "financing_general")
# hours_location
M("what time do yall close saturday", "hours_location")
M("where are you exactly, off 57?", "hours_location")
M("¿A qué hora abren los domingos?", "hours_location", "es", notes="Gloss: what time do you open Sundays. Must not invent hours.")
M("open on thanksgiving?", "hours_location")
M("might swing by this weekend, what are ur hours", "hours_location", notes="HARD: visit with no time -> false.")
M("is service open late on weekdays", "hours_location", notes="HARD: service dept hours, not a service issue.")
M("how far are you from chicago heights", "hours_location")
# photos
M("can u send more pics of the interior on the Arteon", "photos", notes=st("WV15153"))
M("pics of the qx60 pls", "photos", notes="Trim 'SENSORY AWD' vs drivetrain FWD. " + st("14672A"))
M("¿Me manda fotos de la Terrain negra?", "photos", "es", notes="Gloss: send photos of the black Terrain. " + st("WV14552"))
M("video walkaround of the durango?", "photos", notes=st("KV5565"))
M("does the white f150 have any dings? send pics of the bed", "photos",
  notes="HARD: condition question; must not invent condition. Garbage trim. " + st("WK15091"))
# mileage
M("how many miles on the silverado", "mileage", notes=st("WV15156"))
M("miles on the sportage?", "mileage", notes="HARD: mileage missing in feed; must not invent. " + st("KV5454A"))
M("which of the rogues has the least miles", "mileage", notes=stl(find(model="Rogue", sort="miles")))
M("¿Cuántas millas tiene el Grand Cherokee gris?", "mileage", "es", notes="Gloss: how many miles on the grey Grand Cherokee. " + st("KV5554"))
M("the 2024 telluride w 40 miles... is that a typo??", "mileage",
  notes="HARD: used unit whose feed mileage is tiny; must not 'correct' it. " + st("15218A"))
# comparison
M("palisade vs telluride for a family of 6, which would u get", "comparison")
M("G70 or the 5 series, which is the better buy", "comparison",
  notes="530e is a plug-in hybrid (Fuel 'Hybrid'). " + st("DT15464A", "KV5545"))
M("whats the difference between the two black palisade calligraphys, they look the same", "comparison",
  notes="HARD: near-identical units; difference is miles and price. " + st("26471", "26483"))
M("¿Qué conviene más, la Tucson híbrida o la normal?", "comparison", "es",
  notes="HARD: Tucson Hybrid units labelled Electric (27103, 27023) or Gasoline (27025, 26940); none is an EV. Gloss: which is better, hybrid or regular Tucson.")
M("rogue or escape? mostly highway", "comparison")
M("is the santa fe SEL actually different from the calligraphy or is it just leather lol", "comparison")
M("compare the 2 edges for me", "comparison",
  notes="HARD: feed has four Edges, not two; all garbage trims; only one priced. " + stl(find(model="Edge")))
# browsing
M("just looking for now, maybe something in the spring", "browsing")
M("whatcha got thats fun to drive", "browsing")
M("need something reliable for my daughter, she just got her license", "browsing")
M("Nomás estoy viendo opciones, gracias", "browsing", "es", notes="Gloss: just looking at options, thanks.")
M("broke college kid here 💀 what's the absolute bottom of the barrel price-wise", "browsing",
  notes="HARD: self-deprecating joke, not a complaint or negotiation; cheapest priced units (29 have no price, so 'cheapest' is only among priced). " + stl(find(sort="price")[:3]))
M("not ready yet, my lease is up in april", "browsing")
M("enséñame unas SUVs, nada muy caro", "browsing", "es", notes="Spanglish; dominant language es. Gloss: show me some SUVs, nothing too expensive.")
M("saw a sign for a GM pick of the week or something? what is it", "browsing", notes="HARD: GM = general manager promo; not a request for a manager, and must not invent which car it is.")
# small_talk
M("lol ok thanks", "small_talk")
M("happy holidays to the whole team 🎄", "small_talk")
M("👍", "small_talk", notes="HARD: emoji only; not sarcasm here (no complaint context).")
M("gracias, muy amable", "small_talk", "es")
M("go bears 🐻", "small_talk", notes="HARD: off-topic.")
# vehicle_facts
M("whats the range on the ioniq 5", "vehicle_facts", notes="Range not in feed; general figure only, hedged. " + st("25713"))
M("is the tucson hybrid a plug in?", "vehicle_facts",
  notes="HARD: feed labels Tucson Hybrids as Electric (27103, 27023) or Gasoline (27025, 26940); a good reply must not call it an EV or plug-in based on the label.")
M("What warranty comes with a used Hyundai from you guys", "vehicle_facts", notes="General warranty question on lot cars.")
M("any open recalls on the 2019 tucson on your lot?", "vehicle_facts",
  notes="HARD: recall question on a lot car -> vehicle_facts. Quirk: trim 'SEL FWD' vs drivetrain AWD; no price. " + st("25607A"))
M("¿La Ioniq 6 es AWD o de tracción trasera?", "vehicle_facts", "es",
  notes="HARD: trim 'SEL AWD' vs drivetrain RWD; must not state either as fact. Gloss: is the Ioniq 6 AWD or RWD. " + st("25881"))
M("is the 2025 palisade SEL fwd or awd? listing confuses me", "vehicle_facts",
  notes="HARD: trim 'SEL FWD' but drivetrain RWD; must not assert. " + st("DT27185"))
M("does the optima hybrid take regular gas", "vehicle_facts", notes="Fuel Type says Gasoline for a hybrid. " + st("15500A"))
M("what engine is in the challenger", "vehicle_facts", notes="Engine not in feed. " + st("KV5513"))
# other_ai
M("¿Reciben carros a cuenta?", "other_ai", "es", notes="Gloss: do you take trade-ins. General -> other_ai.")
M("am i talking to AI rn", "other_ai")
M("do yall buy cars even if i don't buy one from you", "other_ai")

for i, m in enumerate(msgs, 1):
    m["id"] = f"y{i:03d}"
    m["handover"] = m["reason"] in TRUE
with open(os.path.join(OUT, "messages.jsonl"), "w") as f:
    for m in msgs:
        f.write(json.dumps({k: m[k] for k in ["id","text","handover","reason","language","notes"]}, ensure_ascii=False) + "\n")

# ---------------- conversations ----------------
def lst(rows): return ", ".join(S(r) for r in rows)
convs = []
def C(cid, lang, title, turns): convs.append(dict(id=cid, language=lang, title=title, turns=[dict(customer=c, expect=e) for c, e in turns]))

wsf = find(model="Santa Fe", color="White", trim_has="Calligraphy", sort="price")
cheap_wsf = wsf[0]["stock"]
C("y01", "en", "white Santa Fe Calligraphys; cheapest; 'it' miles; 2025 4x4 label; correction to 2024s; Saturday then 10:30", [
  ("hey do u have any white santa fe calligraphy", [f"Lists exactly {lst(wsf)}", f"May also mention the hybrid {S('27205')} as a separate model", "No handover"]),
  ("sorry, 2024s only", [f"Lists exactly {lst([r for r in wsf if r['year']==2024])}", "Does not list 27251", "No handover"]),
  ("which is cheaper", [f"Names {cheap_wsf} at {P(cheap_wsf)}", "No handover"]),
  ("how many miles on it", [f"{cheap_wsf} has {MI(cheap_wsf)}", "No handover"]),
  ("can i see it saturday", ["Asks for a time or offers to set one", "Handover not yet required"]),
  ("10:30 works. Dana, 708-555-0117", ["Handover to a human (appointment_time)", f"Refers to {cheap_wsf}", "Saturday 10:30 and Dana's number passed on"]),
])
sed = find(type="Sedan", max_price=20000, sort="price")
C("y02", "en", "sedans under 20k; lowest miles; 'that one' transmission; switch to Malibus; 'the second one you listed'; no handover", [
  ("need a cheap sedan for commuting, under 20k", [f"e.g. {lst(sed)}", "Does not present a no-price sedan as under 20k", "No handover"]),
  ("which of those has the lowest miles", [f"Names {min(sed, key=lambda r: r['miles'])['stock']} with {MI(min(sed, key=lambda r: r['miles'])['stock'])}", "No handover"]),
  ("is that one automatic", [f"{min(sed, key=lambda r: r['miles'])['stock']} transmission is CVT (automatic) per feed", "No handover"]),
  ("what about malibus", [f"Lists exactly {lst(find(model='Malibu', sort='year'))}", "States 25426A has no price in feed, does not invent one", "No handover"]),
  ("the second one you listed, what color", ["Gives the colour of whichever Malibu the agent listed second, per feed (all Malibus are Grey except KV5558 Brown)", "No handover"]),
  ("cool thanks, ill think about it", ["No handover", "Does not pressure for an appointment"]),
])
ut = find(model="Tucson", condition="Used", sort="price")
C("y03", "es", "Spanish; used Tucson; cheapest priced; millas; 4x4; mañana then 5:30; name/phone", [
  ("hola, busco una Tucson usada", [f"Lists exactly {lst(ut)}", "Replies in Spanish", "Says 25607A and 27227A have no price in feed", "No handover"]),
  ("¿cuál es la más barata?", [f"Names 27138A at {P('27138A')} as cheapest priced", "Does not claim a no-price unit is cheaper", "No handover"]),
  ("¿y cuántas millas tiene?", [f"27138A has {MI('27138A')}", "No handover"]),
  ("¿es 4x4?", ["27138A is AWD (trim 'SE AWD', drivetrain AWD)", "No handover"]),
  ("va, ¿puedo ir mañana a verla?", ["Asks what time", "Handover not yet required"]),
  ("a las 5:30 de la tarde. Soy Luis, 773-555-0163", ["Handover to a human (appointment_time)", "Refers to 27138A", "Replies in Spanish"]),
])
tel = find(model="Telluride", max_price=40000, sort="price")
C("y04", "en", "Tellurides under 40k; trade-in details over turns; 'the white one' ambiguous; 'the newer one'; firm trade number", [
  ("looking at tellurides, what do u have under 40k", [f"Lists exactly {lst(tel)}", "Does not include 12135A or 15570A (no price) as under 40k", "No handover"]),
  ("i'd be trading in a 2017 civic", ["Asks about mileage/condition of the Civic", "No handover"]),
  ("about 98k miles, clean title, little dent on the rear bumper", ["Acknowledges; does not give a firm trade value", "No handover"]),
  ("the white one u mentioned, how many miles", [f"Notes two white ones under 40k: {S('DT15591A')} and {S('15355A')}, or asks which", "No handover"]),
  ("the newer one. and what would u give me for the civic", [f"15355A is the 2022 with {MI('15355A')} at {P('15355A')}", "No firm trade number", "Handover optional"]),
  ("if you cant do 9k on the civic im not coming in", ["Handover to a human (trade_in_firm)", "Does not accept or reject 9k itself"]),
])
ev = find(fuel="Electric")
C("y05", "en", "EVs with label quirks; Hyundai EV prices; Ioniq 6 drivetrain conflict; Niro miles; home charging; repeated question; no handover", [
  ("what EVs do you have", [f"e.g. {S('25713')}, {S('25881')}, {S('KV5563')}", "Does not present Tucson Hybrids 27103/27023 or Prius Prime WV15159 as full EVs despite 'Electric' label", "No handover"]),
  ("the hyundai ones, prices?", [f"25713 Ioniq 5 at {P('25713')}", f"25881 Ioniq 6 at {P('25881')}", "No handover"]),
  ("is the sedan one awd", ["25881 trim says 'SEL AWD' but feed drivetrain is RWD; does not state either as fact", "No handover"]),
  ("and the used kia, miles + price?", [f"KV5563 has {MI('KV5563')}", f"KV5563 at {P('KV5563')}", "No handover"]),
  ("do i need a special outlet at home for charging", ["General Level 1/Level 2 answer, no invented installer pricing", "No handover"]),
  ("sorry what was the ioniq 5 again", [f"Repeats 25713 at {P('25713')} consistently", "No handover"]),
])
C("y06", "en", "4x4 pickups; correction to crew cab; cheapest; miles + engine (two q's); compare to Ram; offer", [
  ("got any pickups 4x4", [f"Lists exactly {lst(find(type='Truck', drivetrain_in=['4X4']))}", "Mentions KV5543 only with the trim-4x4 vs drivetrain-RWD conflict flagged, if at all", "No handover"]),
  ("sorry i meant crew cab, doesnt have to be 4x4", [f"e.g. {S('WV15148')}, {S('KV5543')}, {S('KV5526')}", "Does not claim the F-150 WK15091 cab style (trim not given in feed)", "No handover"]),
  ("cheapest of those?", [f"WV15148 at {P('WV15148')}", "No handover"]),
  ("how many miles on it and is it a v6", [f"WV15148 has {MI('WV15148')}", "Engine not in feed; does not assert V6/I4 as fact", "No handover"]),
  ("compare it to the ram", [f"KV5543 at {P('KV5543')} with {MI('KV5543')}", "No handover"]),
  ("I'll do 22 cash on the ram, today", ["Handover to a human (negotiation)", "Does not accept or counter the offer itself"]),
])
npal = find(model="Palisade", condition="New", max_price=50000, sort="price")
C("y07", "en", "new Palisades under 50k; two questions; switch to used and back; 'the blue one'; price difference; 2025 SEL conflict; OTD", [
  ("what new palisades do you have under 50k", [f"Lists exactly {lst(npal)}", "No handover"]),
  ("do u have used ones too? and are they cheaper", [f"e.g. {S('26312A')}, {S('WV15141')}, {S('26233A')}", "Answers both questions: used ones exist; the priced used ones are cheaper than the new ones", "26233A has no price in feed", "No handover"]),
  ("ok back to the new ones. the blue one, what trim and miles", [f"DT25256 is XRT AWD with {MI('DT25256')}", "No handover"]),
  ("how much more is that than the 2023 used one", [f"DT25256 at {P('DT25256')} vs 26312A at {P('26312A')}: difference ${F.get('DT25256')['price']-F.get('26312A')['price']:,}", "No handover"]),
  ("is the 2025 SEL awd?", ["DT27185 trim says 'SEL FWD' while drivetrain says RWD; does not claim AWD", "No handover"]),
  ("send me the out the door on the blue one, zip 60443", ["Handover to a human (negotiation)", "Refers to DT25256"]),
])
rog = find(model="Rogue", sort="price")
C("y08", "en", "Rogues; narrowing to blue; 'the cheaper one'; 'the other blue one'; compare to white 2023 Equinox; no handover", [
  ("do you have any rogues", [f"Lists exactly {lst(rog)}", "No handover"]),
  ("just the blue ones", [f"Lists exactly {lst(find(model='Rogue', color='Blue', sort='price'))}", "No handover"]),
  ("the cheaper one, how many miles", [f"KV5540 at {P('KV5540')} with {MI('KV5540')}", "No handover"]),
  ("oof thats a lot. the other blue one?", [f"KV5529 at {P('KV5529')} with {MI('KV5529')}", "No handover"]),
  ("how does it compare to the white 2023 equinox", [f"KV5506 at {P('KV5506')} with {MI('KV5506')}", "No handover"]),
  ("ok thanks ill talk to my husband", ["No handover"]),
])
fortes = find(model="Forte", sort="price")
C("y09", "en", "financing general; Fortes; 'the green one' manual conflict; cheapest; own credit details", [
  ("do yall finance people with not great credit", ["General yes/it depends; no rate promised", "No handover"]),
  ("looking at the kia forte, what do you have", [f"Lists exactly {lst(fortes)}", "No handover"]),
  ("the green one, is it really a manual?", ["15549A trim 'LXS IVT' (CVT) conflicts with Transmission 'Manual'; does not confirm manual as fact", "No handover"]),
  ("ok the cheapest one then, miles?", [f"14441A at {P('14441A')} with {MI('14441A')}", "No handover"]),
  ("my score is 560 and i make about 2800 a month, would i get approved on that one", ["Handover to a human (financing_details)", "Does not promise approval"]),
])
C("y10", "en", "Santa Cruz; colour; already-answered price; AWD; Thursday then 'like 6'", [
  ("do u have the santa cruz", [f"26898 2024 Santa Cruz Limited AWD at {P('26898')}, {MI('26898')}", "No handover"]),
  ("what color", ["White", "No handover"]),
  ("and how much was it", [f"Repeats 26898 at {P('26898')}", "No handover"]),
  ("is it awd", ["Yes, AWD (trim and drivetrain agree)", "No handover"]),
  ("i could come thursday", ["Asks for a time", "Handover not yet required"]),
  ("after work, like 6?", ["Handover to a human (appointment_time)", "Thursday ~6 pm for 26898"]),
])
C("y11", "en", "Kona without price; repeated ask; colour/miles; escalation to frustration", [
  ("you have a kona?", [f"26468A 2021 Kona Ultimate DCT AWD, {MI('26468A')}", "No price in feed; does not invent one", "No handover"]),
  ("ok how much", ["Does not invent a price; offers to get it", "Handover optional"]),
  ("what color and miles", [f"26468A: Grey, {MI('26468A')}", "No handover"]),
  ("why cant u just tell me the price", ["Does not invent a price", "Handover optional"]),
  ("this is ridiculous, 3rd time im asking for a simple number", ["Handover to a human (frustration)"]),
])
gc = find(model="Grand Cherokee", sort="miles")
C("y12", "en", "Grand Cherokees; two q's; switch to Audis; back to 'the white one'; compare; call-back", [
  ("grand cherokees?", [f"Lists exactly {lst(gc)}", "No handover"]),
  ("which one has the least miles and whats the price", [f"KV5554 with {MI('KV5554')} at {P('KV5554')}", "No handover"]),
  ("what about audis", [f"Lists exactly {lst(find(make='Audi'))}", "No handover"]),
  ("back to the jeeps, the white one, what year", [f"KV5425 is a 2018 Limited 4x4 at {P('KV5425')} with {MI('KV5425')}", "No handover"]),
  ("white jeep or the q5, which is the better deal", [f"Compares KV5425 ({P('KV5425')}, {MI('KV5425')}) with DT27212A ({P('DT27212A')}, {MI('DT27212A')}) without inventing condition", "No handover"]),
  ("have someone call me about the white jeep tmrw morning, 312-555-0109", ["Handover to a human (human_request)", "Refers to KV5425"]),
])
with open(os.path.join(OUT, "conversations.jsonl"), "w") as f:
    for c in convs:
        f.write(json.dumps({"id": c["id"], "language": c["language"], "turns": c["turns"]}, ensure_ascii=False) + "\n")
with open(os.path.join(os.path.dirname(__file__), "conv_titles.json"), "w") as f:
    json.dump({c["id"]: c["title"] for c in convs}, f, indent=1)
print(len(msgs), "messages;", len(convs), "conversations")
