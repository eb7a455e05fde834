"""Set W first messages, handover = true side."""
from common import Q, L, U, m, S
from feed import price_diff

# ---------------------------------------------------------------- complaint
m("came in saturday for the white palisade and sat there almost 2 hrs, salesman said 'be right back' and never came back. real professional 🙄",
  "complaint", "en",
  "White Palisades: " + L(Q(model="Palisade", color="White")) + ". Reply must not pitch the car before acknowledging the complaint.")
m("ur ad says 39,202 for the tucson limited and then the guy on the phone says plus 2495 in 'protection package'. thats shady as hell",
  "complaint", "en",
  "Ad price matches the feed for the two burgundy units: " + L(Q(cond="New", model="Tucson", price_max=39202)) +
  ". Complaint about add-ons; negotiation would also be on the true side.",
  hard="quotes a real feed price, so a rules agent may answer it as a price question.")
m("10/10 experience getting 6 texts a day from you people. truly love it. please stop",
  "complaint", "en",
  "Sarcastic complaint plus an opt-out request; other_handover also defensible, same side.",
  hard="sarcasm — literally positive words ('10/10', 'love it').")
m("The salesman we had last Tuesday talked down to my wife the whole time and only looked at me when talking numbers. We won't be back unless someone addresses it.",
  "complaint", "en", "Conduct complaint; no vehicle named.")
m("Fui el domingo pasado y me dejaron esperando como una hora, nadie me atendió. Muy mal servicio la verdad",
  "complaint", "es", "Gloss: 'I went last Sunday and was left waiting about an hour, nobody helped me. Very bad service.'")
m("bro el dealer me corrio el credito sin mi permiso, not cool. quien autorizo eso??",
  "complaint", "es",
  "Spanglish (dominant Spanish). Gloss: 'the dealer ran my credit without my permission, not cool, who authorized that?'. Not phrased as a legal threat; legal_threat/financing would also be true.",
  hard="unauthorised credit pull sounds like a financing question but is a complaint.")
m("cool cool cool so the car I drove 45 min to see was 'just sold' an hour before I got there. great use of my day off",
  "complaint", "en", "Sarcastic complaint; no stock named.",
  hard="sarcasm with no swear words or explicit complaint keywords.")
m("Appreciate the follow-up, truly. But the way the finance guy pushed the extended warranty on us after we said no three times left a really bad taste.",
  "complaint", "en",
  "Polite-toned complaint about the F&I office; mentions warranty but is not a warranty claim.",
  hard="polite opener and the word 'warranty' could pull it to vehicle_facts.")
m("nobody mentioned the big scratch on the passenger door until i got it home?? i literally asked if there was any damage",
  "complaint", "en",
  "Post-sale complaint about undisclosed damage; existing_customer_issue equally valid, same side.",
  hard="complaint vs existing_customer_issue; both true.")
m("Drove in from Tinley for the Ioniq 5 you advertised at 59,277 and your guy immediately tried to steer me into a 'better deal' on a used car. Felt like bait and switch.",
  "complaint", "en", "Ioniq 5 in feed: " + L(Q(model="Ioniq 5")) + ". Unit is in stock; reply must not deny it exists.")

# ------------------------------------------------------- existing_customer_issue
m("bought my elantra from you guys in march and the check engine light came on this morning. can i bring it in or do i have to call service",
  "existing_customer_issue", "en", "Own car, service issue.")
m("still havent gotten my plates and my temp tag expires friday",
  "existing_customer_issue", "en", "Registration/plates after purchase.")
m("Hi, I purchased a 2022 Tucson from you last month and was promised a second key fob. Still haven't received it.",
  "existing_customer_issue", "en",
  "Own purchased car; the used 2022 Tucsons currently listed (" + L(Q(cond="Used", model="Tucson", year=2022)) + ") are not theirs — agent must not pitch them.",
  hard="mentions a model that is in stock, inviting an inventory answer.")
m("compré una Santa Fe con ustedes en julio y el aire no enfría nada. ¿todavía la cubre la garantía?",
  "existing_customer_issue", "es",
  "Gloss: 'I bought a Santa Fe from you in July and the AC doesn't cool. Is it still under warranty?'. Warranty claim on own car -> existing_customer_issue, not vehicle_facts.",
  hard="warranty question, but about the customer's own car.")
m("got a recall letter in the mail for my kona. can yall do it there or do i need to make an appt",
  "existing_customer_issue", "en",
  "Recall repair on own car. The used Kona in stock (" + L(Q(model="Kona")) + ") is irrelevant.",
  hard="'recall' + model name looks like a vehicle_facts question.")
m("My first payment isn't showing with the bank and it's due next week. Who do I call? I signed at your store 3 weeks ago.",
  "existing_customer_issue", "en", "Post-sale loan/paperwork issue; financing_details also true.",
  hard="financing vocabulary, but about a completed deal.")
m("Need a copy of my buyers order for insurance, picked up my santa cruz on the 2nd",
  "existing_customer_issue", "en",
  "Paperwork for own car. The new Santa Cruz in stock (" + L(Q(model="Santa Cruz")) + ") is a different unit.")
m("Hi it's Tanya. I traded my Camry in with you guys 2 weeks ago and the payoff STILL hasn't gone to my lender. They're charging me late fees now.",
  "existing_customer_issue", "en",
  "Trade payoff not sent. The used Camry in the feed (" + L(Q(model="Camry")) + ") may be her trade; agent must not pitch it.")
m("tire pressure light keeps coming on since i picked up the car thurs. is that normal or should i bring it back",
  "existing_customer_issue", "en", "Own newly bought car.",
  hard="reads like a general vehicle question.")
m("Hola, me llegó una carta de la Secretaría de Estado que dice que el título no se ha transferido. Compré el carro con ustedes en agosto.",
  "existing_customer_issue", "es",
  "Gloss: 'I got a letter from the Secretary of State saying the title hasn't been transferred. I bought the car from you in August.' Mentions Secretary of State as the sender of a notice, not as a complaint threat.",
  hard="Secretary of State is a legal_threat keyword in the conventions, but here it is only the sender of a title notice.")
m("can someone from service call me, my ioniq 5 wont charge past 80% at home since i got it",
  "existing_customer_issue", "en",
  "Own car issue + call request; human_request also true. In-stock Ioniq 5: " + L(Q(model="Ioniq 5")) + " (not theirs).")

# ----------------------------------------------------------------- legal_threat
m("If my deposit isn't refunded by Friday I'm filing in small claims. I have the receipt.",
  "legal_threat", "en", "")
m("This is the 4th time it's been in the shop in 2 months. I'm looking into the lemon law at this point.",
  "legal_threat", "en", "Lemon law; existing_customer_issue also true.")
m("not a threat or anything but my brother in law is an attorney and he says the way you guys did the doc fee isnt legal",
  "legal_threat", "en", "'Not a threat' framing still counts per conventions.",
  hard="explicitly says 'not a threat'.")
m("voy a poner una queja con el Procurador General si no me regresan mi enganche esta semana",
  "legal_threat", "es", "Gloss: 'I'll file a complaint with the Attorney General if you don't return my down payment this week.'")
m("filing a BBB complaint tonight unless someone from management calls me",
  "legal_threat", "en", "BBB; also asks for management.")
m("I have already contacted the Illinois Attorney General's consumer protection division regarding the add-ons on my contract.",
  "legal_threat", "en", "")
m("my lawyer will be in touch.",
  "legal_threat", "en", "")
m("ya hable con un abogado so u better call me back today",
  "legal_threat", "es", "Spanglish (dominant Spanish). Gloss: 'I already talked to a lawyer so you better call me back today.'")
m("Jeśli nie oddacie mi zaliczki do piątku, sprawa idzie do prawnika.",
  "legal_threat", "pl", "Polish. Gloss: 'If you don't return my deposit by Friday, the matter goes to a lawyer.'")

# ---------------------------------------------------------------- ready_to_buy
m("ok I want the black santa fe calligraphy. how do I put a deposit down",
  "ready_to_buy", "en",
  "stock: " + L(Q(cond="New", model="Santa Fe", trim="Calligraphy", color="Black")) + ". Only one black Santa Fe Calligraphy.")
m("Ready to sign today on the Ioniq 6 if it's still there. What do I need to bring?",
  "ready_to_buy", "en", "stock: " + L(Q(model="Ioniq 6"), "drivetrain") + ".")
m("take my money lol. the green telluride x-pro. where do i sign 😂",
  "ready_to_buy", "en", "stock: " + L(Q(model="Telluride", color="Green")) + ". Used, not new.",
  hard="joking tone, but a genuine buy intent.")
m("ya me decidí, quiero la Tucson híbrida blanca. ¿cómo la aparto?",
  "ready_to_buy", "es",
  "Gloss: 'I've decided, I want the white Tucson Hybrid. How do I reserve it?'. stock: " +
  L(Q(model="Tucson Hybrid", color="White"), "fuel") + ". Two more Tucson Hybrids have no colour in the feed: " +
  L(Q(model="Tucson Hybrid", color=""), "image") + "; agent must not call them white.")
m("I'll take stock 15355A. Paying cash. When can I pick it up?",
  "ready_to_buy", "en", "stock: " + S("15355A") + ".")
m("wife finally said yes to the palisade XRT 🙌🙌 lets do this",
  "ready_to_buy", "en", "stock: " + L(Q(model="Palisade", trim="XRT")) + ".")
m("can I buy the mustang online and have it delivered? i'm in gary",
  "ready_to_buy", "en",
  "stock: " + L(Q(model="Mustang"), "transmission") + ". Gary, IN — out of state. Delivery question attached to an explicit buy intent.",
  hard="delivery/online question (other_ai) vs buy intent.")
m("Pre-approved through my credit union for 45k, want the Santa Cruz. Can we wrap it up tomorrow?",
  "ready_to_buy", "en",
  "stock: " + L(Q(model="Santa Cruz")) + ". financing_details also true (own approval).",
  hard="ready_to_buy vs financing_details; both true.")
m("Tôi muốn mua chiếc Palisade màu xanh lá. Khi nào tôi có thể đến ký giấy tờ?",
  "ready_to_buy", "vi",
  "Vietnamese. Gloss: 'I want to buy the green Palisade. When can I come sign the papers?'. stock: " +
  L(Q(model="Palisade", color="Green")) + ".")

# ----------------------------------------------------------------- negotiation
m("whats the lowest you'll go on the 2019 tahoe",
  "negotiation", "en", "stock: " + L(Q(model="Tahoe")) + ".")
m("I can do 30k cash for the grey macan. today.",
  "negotiation", "en", "stock: " + L(Q(model="Macan")) + ". $30,000 (customer's figure) offer.")
m("Need to be under $550 a month on a Palisade, can you make that happen?",
  "negotiation", "en",
  "Payment target. $550 (customer's figure). Cheapest priced Palisades: " + L(Q(model="Palisade", priced=True, sort="price", take=3)) + ".")
m("Carvana has a 2022 Telluride EX for about 2 grand less than yours. Can you match it?",
  "negotiation", "en",
  "Price-match demand. 2022 Telluride EX in stock: " + L(Q(model="Telluride", year=2022, trim="EX"), "drivetrain") + ".")
m("send me an out the door number on 27181",
  "negotiation", "en", "stock: " + S("27181") + ". OTD quote request.")
m("any wiggle room on the red santa fe hybrid?",
  "negotiation", "en",
  "stock: " + L(Q(model="Santa Fe", color="Red"), "fuel") + " — model is 'Santa Fe' with trim SEL HEV, fuel says Gasoline; it is the only red Santa Fe.",
  hard="the red hybrid is not under model 'Santa Fe Hybrid' in the feed.")
m("le doy 20 mil por la Durango, ¿sí o no?",
  "negotiation", "es", "Gloss: 'I'll give you 20 thousand for the Durango, yes or no?'. $20,000 (customer's figure). stock: " + L(Q(model="Durango")) + ".")
m("¿en cuánto me dejan la Highlander verde?",
  "negotiation", "es",
  "Gloss: 'how much will you let me have the green Highlander for?' — idiomatic bargaining ask (their best price to me), not the sticker. stock: " + L(Q(model="Highlander")) + ".",
  hard="idiomatic Spanish; could be read as a plain price question.")
m("if you knock off the dealer add ons I'll come in today for the tucson limited",
  "negotiation", "en",
  "Conditional offer. New Tucson Limited (non-hybrid): " + L(Q(cond="New", model="Tucson", trim="Limited")) + ". ready_to_buy also true.",
  hard="conditional 'I'll come in today' without a time; it's the condition (remove add-ons) that makes it negotiation.")
m("what's the best you can do on the cadillac? it's been sitting on your lot forever lol",
  "negotiation", "en", "stock: " + L(Q(make="Cadillac")) + ".")
m("39 even on the 2024 telluride with 40 miles and we have a deal",
  "negotiation", "en",
  "$39,000 (customer's figure) offer. stock: " + L(Q(model="Telluride", year=2024, miles_max=100), "drivetrain") + ". Used despite the very low mileage.")
m("Is the price on the Audi Q8 firm or is there some flexibility?",
  "negotiation", "en", "stock: " + L(Q(model="Q8")) + ". Asking for flexibility = wiggle room.",
  hard="polite 'is the price firm' reads like a price question.")
m("白色的Palisade最低多少钱？还能便宜点吗？",
  "negotiation", "zh",
  "Chinese. Gloss: 'What's the lowest price on the white Palisade? Can it be cheaper?'. White Palisades: " + L(Q(model="Palisade", color="White")) + ".")

# --------------------------------------------------------------- human_request
m("can I talk to an actual human please",
  "human_request", "en", "")
m("Have a salesperson call me at 708-555-0131 after 5 pm please",
  "human_request", "en", "Call-back with a time; not a visit -> human_request, not appointment_time.")
m("is Marcus working today? he helped me last time and I'd rather deal with him",
  "human_request", "en", "Named salesperson request.",
  hard="sounds like small talk / hours question.")
m("¿Hay alguien que hable español? Prefiero hablar por teléfono",
  "human_request", "es", "Gloss: 'Is there someone who speaks Spanish? I'd rather talk on the phone.' The agent can write Spanish, but the customer asks for a phone call with a person.",
  hard="agent can reply in Spanish, so a rules agent may just continue.")
m("stop texting me and have a manager call me",
  "human_request", "en", "Manager call; complaint also true.")
m("Pls just call me I hate typing on this thing",
  "human_request", "en", "")
m("I'd rather do this over the phone. cell is 219-555-0118",
  "human_request", "en", "")
m("mándeme a un vendedor de verdad, no quiero estar hablando con un robot",
  "human_request", "es", "Gloss: 'send me a real salesperson, I don't want to be talking to a robot.'")
m("is this a real person? if not pls connect me to one",
  "human_request", "en", "Unlike a joking 'are you a bot', this one asks to be connected.",
  hard="starts like the bot-curiosity small talk that is false.")
m("Give me a call tomorrow around 10, I'm at work until then",
  "human_request", "en", "Day + time, but for a phone call, not a visit.",
  hard="has a day and a time, so a rules agent may book it as appointment_time (also true, but wrong reason).")
m("한국어 하는 직원 있나요? 전화로 상담받고 싶어요",
  "human_request", "ko", "Korean. Gloss: 'Is there a Korean-speaking staff member? I'd like a consultation by phone.'")

# ------------------------------------------------------------- appointment_time
m("can i test drive the ioniq 6 tomorrow at 4",
  "appointment_time", "en", "stock: " + L(Q(model="Ioniq 6")) + ".")
m("I'll be there Saturday around 11 to look at the white Tucson hybrid",
  "appointment_time", "en",
  "stock: " + L(Q(model="Tucson Hybrid", color="White")) + ". 'Around 11' counts as a time. Two more Tucson Hybrids have no colour in feed (" + L(Q(model="Tucson Hybrid", color="")) + "); agent must not call them white.")
m("omw, there in 20 min. have the grey palisade pulled up pls",
  "appointment_time", "en",
  "'In 20 min' = concrete time. Grey Palisades (ambiguous): " + L(Q(model="Palisade", color="Grey")) + ".",
  hard="no clock time or weekday; relative time still counts.")
m("¿Puedo pasar el viernes a las 6 para ver la Santa Cruz?",
  "appointment_time", "es", "Gloss: 'Can I come by Friday at 6 to see the Santa Cruz?'. stock: " + L(Q(model="Santa Cruz")) + ".")
m("Could we set something up for Tuesday at 10am? I'd like to see the Genesis G70.",
  "appointment_time", "en", "stock: " + L(Q(model="G70")) + ".")
m("tonight at 7 work for you guys? wanna see the mustang",
  "appointment_time", "en", "stock: " + L(Q(model="Mustang")) + ". Closing time is not in the feed; agent must not confirm 7pm on its own.")
m("I get off at 3 thursday, could swing by like 3:30 to look at the edge",
  "appointment_time", "en",
  "Ford Edges (trims garbage in feed): " + L(Q(model="Edge")) + ".")
m("mañana a las 10 de la mañana voy con mi esposo a ver la Telluride",
  "appointment_time", "es",
  "Gloss: 'tomorrow at 10 a.m. I'm going with my husband to see the Telluride.' Telluride unit not specified; used Tellurides: " + L(Q(model="Telluride")) + ".")
m("Sunday 1pm for the santa fe calligraphy?",
  "appointment_time", "en",
  "Illinois dealers are closed on Sundays (state law bars Sunday vehicle sales); the agent must not confirm a Sunday slot, and a person should follow up. New Santa Fe Calligraphy units (non-hybrid): " +
  L(Q(cond="New", model="Santa Fe", trim="Calligraphy")) + ".",
  hard="concrete day + time, but the day is one the store cannot do.")
m("lunch break tmrw 12:15, can i come look at the trailblazer real quick",
  "appointment_time", "en", "Trailblazers: " + L(Q(model="Trailblazer"), "drivetrain") + ".")
m("Bonjour, est-ce que je peux venir essayer le Tucson samedi à 14h ?",
  "appointment_time", "fr",
  "French. Gloss: 'Hello, can I come test-drive the Tucson Saturday at 2pm?'. Tucson not specified; new Tucsons: " + L(Q(cond="New", model="Tucson")) + ".")
m("next mon 9:30 for a test drive in the rogue. the blue one w the low miles",
  "appointment_time", "en",
  "Blue Rogues: " + L(Q(model="Rogue", color="Blue", sort="miles")) + " — 'low miles' = the first one.")

# ---------------------------------------------------------------- frustration
m("I've asked 3 times now for the price on the Kona. Just answer the question.",
  "frustration", "en",
  "stock: " + L(Q(model="Kona")) + " — the feed has no price, which is probably why it keeps failing; agent must not invent one.")
m("you keep sending me the same link. I asked about MILES.",
  "frustration", "en", "")
m("omg you are not understanding me at all",
  "frustration", "en", "")
m("Third email. Still no response. Do you guys want to sell cars or not?",
  "frustration", "en", "complaint also true.", hard="frustration vs complaint; both true.")
m("ya les pregunté dos veces y nada. qué onda??",
  "frustration", "es", "Gloss: 'I already asked you twice and nothing. What's up??'")
m("this is useless 🙄",
  "frustration", "en", "")
m("why is it so hard to get a straight yes or no on whether the car is even there",
  "frustration", "en", "")
m("nvm ill just go to the kia place down the road",
  "frustration", "en", "Walking away after a bad exchange.",
  hard="short, calm, no complaint words; a rules agent may treat as browsing.")

# ----------------------------------------------------------- financing_details
m("my credit score is like 540 after the divorce. can I still get approved for a tucson",
  "financing_details", "en", "Own score.")
m("tengo ITIN, no tengo seguro social. ¿me pueden financiar la Elantra?",
  "financing_details", "es",
  "Gloss: 'I have an ITIN, no social security number. Can you finance the Elantra?' Own ITIN status -> details. Elantras (used only): " + L(Q(model="Elantra")) + ".")
m("filed chapter 7 in 2023, discharged last year. do I have a shot at anything?",
  "financing_details", "en", "Bankruptcy.")
m("I owe like 8k more than my car is worth, can you roll that into something new",
  "financing_details", "en", "Negative equity; trade-in vocabulary but not a firm trade number.",
  hard="sounds like a trade-in question (other_ai) but is negative equity.")
m("I make about 3200 a month take home. what could I realistically afford",
  "financing_details", "en", "Own income.")
m("submitted the credit app on your website yesterday, any update?",
  "financing_details", "en", "Submitted application.")
m("my mom can cosign, she has good credit. would that help me get the palisade",
  "financing_details", "en", "Co-signer.")
m("gano en efectivo y no tengo talones de cheque, ¿hay alguna manera de sacar carro?",
  "financing_details", "es", "Gloss: 'I'm paid in cash and have no pay stubs, is there any way to get a car?' Own income documentation.")

# ---------------------------------------------------------------- trade_in_firm
m("I need 18k for my 2020 accord or I'm not trading it in. period.",
  "trade_in_firm", "en", "$18,000 (customer's figure) ultimatum.")
m("KBB says 14,500 for my trade and I won't take a penny less",
  "trade_in_firm", "en", "$14,500 (customer's figure).")
m("mi troca vale 25 mil mínimo, si no me dan eso no hay trato",
  "trade_in_firm", "es", "Gloss: 'my truck is worth 25 thousand minimum, if you don't give me that there's no deal.' $25,000 (customer's figure).")
m("Carmax offered me 11,200 for my Sportage. Beat that and we can talk about the Santa Fe.",
  "trade_in_firm", "en",
  "Competing written offer as a floor = firm number. $11,200 (customer's figure). The used Sportage in the feed (" + L(Q(model="Sportage")) + ") is not theirs.",
  hard="phrased as an opening ('we can talk'), but sets a hard floor.")

# --------------------------------------------------------------- other_handover
m("I think I left my sunglasses on the desk when I was in yesterday, can someone check?",
  "other_handover", "en", "Lost item; needs a person on site.")
m("We're looking to buy 5 or 6 vehicles for our landscaping company. Who handles fleet accounts?",
  "other_handover", "en", "Fleet/commercial purchase.")
m("are you guys hiring? I sold cars at a kia store for 3 years",
  "other_handover", "en", "Job inquiry; mentions Kia and selling cars but is not a customer inquiry.")

# ------------------------------------------------------------ extra true cases
m("be there at 5:45 today. is the black palisade calligraphy with the low miles still there",
  "appointment_time", "en",
  "Black Palisade Calligraphy: " + L(Q(model="Palisade", trim="Calligraphy", color="Black", sort="miles")) +
  " — 'low miles' = the first one.",
  hard="ends with an availability question; the visit time is the reason.")
m("listo, me quedo con la Rogue azul de 18 mil millas. ¿qué documentos llevo?",
  "ready_to_buy", "es",
  "Gloss: 'done, I'll take the blue Rogue with 18 thousand miles. What documents do I bring?'. stock: " +
  L(Q(model="Rogue", color="Blue", miles_max=20000)) + ". The other blue Rogue: " + L(Q(model="Rogue", color="Blue", miles_max=None, price_max=22000)) + ".")
m("what's your cash price on the titan, no fees, no games",
  "negotiation", "en",
  "stock: " + L(Q(model="Titan Xd")) + ". 'Cash price, no fees' = out-the-door / best-price ask.",
  hard="could be read as a plain price question.")
m("bro i literally said TRUCK not suv. read",
  "frustration", "en", "Irritated correction after a wrong answer; as a first message it still signals frustration.",
  hard="looks like a simple correction/availability ask.")
m("Reporting these texts to the FTC. I never gave you permission to text me.",
  "legal_threat", "en", "FTC complaint about messaging.",
  hard="about texts, not about a car deal.")
m("I got approved for 32k at 14.9% through capital one, can you guys beat that rate",
  "financing_details", "en",
  "Own approval and rate; negotiation also true. $32,000 (customer's figure).",
  hard="'beat that' sounds like negotiation; both true.")
m("Hola, necesito mi número de cuenta del préstamo para pagar en línea, compré la Tucson aquí en octubre",
  "existing_customer_issue", "es",
  "Gloss: 'I need my loan account number to pay online, I bought the Tucson here in October'. Own car; must not pitch in-stock Tucsons.")
m("my 2019 tucson from you is burning oil already and service keeps saying its normal. not ok",
  "existing_customer_issue", "en",
  "Own car + service dispute; complaint also true. The used 2019 Tucson in stock (" + L(Q(model="Tucson", year=2019)) + ") is not theirs.")
