"""The development set for handover (issue "The agent holds a conversation"): what hurts goes to a person, what the
AI can answer stays with it.

Written by hand in the way customers write to dealerships: SMS style, typos, no punctuation, sarcasm (quoted
praise, "thanks for nothing", 🙄), indirect requests for a person, Spanish and a few other languages. Each case
names its category so a miss reads as a gap ("existing_customer", "appointment"...), and the languages the
dealership's agent answers in (English only unless said): a Spanish message is a handover ("writes in Spanish")
where Spanish is not enabled, and is judged on what it says where it is.

The rules are tuned on this set. ``handover_holdout.py`` was written before the tuning and is only measured.
"""

from __future__ import annotations

from dataclasses import dataclass

from showroom.brain.types import Turn

EN = ("en",)
ES = ("en", "es")


@dataclass(frozen=True)
class Case:
    text: str
    handover: bool
    category: str
    history: tuple[Turn, ...] = ()
    languages: tuple[str, ...] = EN


def c(text: str) -> Turn:
    return Turn("customer", text)


def ai(text: str) -> Turn:
    return Turn("ai", text)


HANDOVER: list[Case] = [
    # --- a person, in any phrasing ----------------------------------------------------------------------------
    Case("who is the sales manager there? i want to talk to him directly about a deal", True, "person"),
    Case("whos the gm at your store", True, "person"),
    Case("can i get the name of a salesperson to deal with", True, "person"),
    Case("id prefer to work with someone over the phone", True, "person"),
    Case("pls just have somebody text me back", True, "person"),
    Case("I'd like a sales rep to reach out when they can", True, "person"),
    Case("is jason still working there? he sold me my last car", True, "person"),
    Case("can you pass this along to your manager", True, "person"),
    Case("transfer me to sales", True, "person"),
    Case("is this an actual person or a chatbot? i need someone who can make decisions", True, "person"),
    Case("can the finance manager give me a ring", True, "person"),
    Case("id like to speak to the owner of the dealership", True, "person"),
    Case("whats the direct number for your used car manager", True, "person"),
    Case("you're not helpful, let me talk to somebody", True, "person"),
    Case("necesito hablar con alguien en persona", True, "person", languages=ES),
    Case("me puede marcar un asesor?", True, "person", languages=ES),
    # --- legal or regulator threats ---------------------------------------------------------------------------
    Case("Voy a poner una demanda si no me devuelven mi enganche", True, "legal", languages=ES),
    Case("Voy a poner una demanda si no me devuelven mi enganche", True, "legal"),
    Case("i will be contacting my lawyer monday", True, "legal"),
    Case("this is going to small claims court", True, "legal"),
    Case("ill report you guys to the FTC for this", True, "legal"),
    Case("My attorney says this contract is not valid", True, "legal"),
    Case("filing a complaint w the better business bureau today", True, "legal"),
    Case("I'm contacting the state dealer board about this", True, "legal"),
    Case("see you in court", True, "legal"),
    Case("you'll be hearing from my legal team", True, "legal"),
    Case("this is fraud and i'm reporting it to the attorney general", True, "legal"),
    Case("voy a ir a la procuraduria del consumidor", True, "legal", languages=ES),
    Case("mi abogado se va a comunicar con ustedes", True, "legal", languages=ES),
    Case("los voy a demandar", True, "legal", languages=ES),
    Case("je vais porter plainte contre vous", True, "legal"),
    Case("vou processar vocês", True, "legal"),
    Case("reporting this to the consumer protection bureau", True, "legal"),
    Case("i'm going to dispute the charge with my bank and report you", True, "legal"),
    # --- complaints, including sarcasm ------------------------------------------------------------------------
    Case(
        "Wow, thanks for the 'great customer service' - waited 2 hours in your showroom and nobody helped",
        True,
        "complaint",
    ),
    Case("thanks for nothing", True, "complaint"),
    Case("real professional of you to ignore my last 3 messages 🙄", True, "complaint"),
    Case("love being lied to by a salesman. really makes my day", True, "complaint"),
    Case("oh great, another automated answer. super helpful 🙄", True, "complaint"),
    Case("your salesman told me the price included tax. it didnt", True, "complaint"),
    Case("the car had a huge scratch when i picked it up and nobody said anything", True, "complaint"),
    Case("you sold the car i put a deposit on to someone else?!", True, "complaint"),
    Case("nice to know my appointment meant nothing to you guys. showed up and no one was there", True, "complaint"),
    Case("The online price and the price at the dealership were totally different", True, "complaint"),
    Case("your finance guy pushed a warranty on me i said no to", True, "complaint"),
    Case("waited 45 min for a test drive and then they said the car was out", True, "complaint"),
    Case("so much for 'we value your business'", True, "complaint"),
    Case("yeah 'no pressure' my a**, the guy wouldn't let me leave", True, "complaint"),
    Case("Appreciate you wasting my whole saturday.", True, "complaint"),
    Case("gee thanks for the callback that never came", True, "complaint"),
    Case("muy mal servicio, me dejaron esperando dos horas", True, "complaint", languages=ES),
    Case("estoy muy molesto, nadie me ha llamado", True, "complaint", languages=ES),
    # --- an existing customer's problem: title, plates, registration, service, warranty, recalls, billing -----
    Case("still no title for the car i bought 45 days ago. where is my title??", True, "existing_customer"),
    Case("my temp tag expires friday and i still dont have plates", True, "existing_customer"),
    Case("havent gotten my registration in the mail yet, bought in june", True, "existing_customer"),
    Case("the check engine light came on in the tucson i bought from u", True, "existing_customer"),
    Case("need to schedule service for my 2021 elantra, its making a grinding noise", True, "existing_customer"),
    Case("does my warranty cover the infotainment screen going black?", True, "existing_customer"),
    Case("is there a recall on my 2019 santa fe engine", True, "existing_customer"),
    Case("I was billed for a paint protection package I declined", True, "existing_customer"),
    Case("my first payment was never applied, the bank says the loan isnt funded", True, "existing_customer"),
    Case("need a copy of my bill of sale", True, "existing_customer"),
    Case("the lender says the payoff for my trade was never sent", True, "existing_customer"),
    Case("when do i get my plates", True, "existing_customer"),
    Case("the dealer never paid off my trade in and now im getting late notices", True, "existing_customer"),
    Case("got a letter saying my car has an open recall for the seat belts", True, "existing_customer"),
    Case("my ac stopped blowing cold, bought the car here 2 months ago", True, "existing_customer"),
    Case("where is the refund for the gap insurance i cancelled", True, "existing_customer"),
    Case("can you check why my extended warranty claim got denied", True, "existing_customer"),
    Case("the dmv says my title application was never filed", True, "existing_customer"),
    Case("todavía no me llegan las placas de mi carro", True, "existing_customer", languages=ES),
    Case("me cobraron de más en la factura", True, "existing_customer", languages=ES),
    # --- ready to buy now -------------------------------------------------------------------------------------
    Case("send me the paperwork for stock 25713 i want it", True, "ready_to_buy"),
    Case("write it up, i'll be in at lunch", True, "ready_to_buy"),
    Case("im ready to sign, email me the contract", True, "ready_to_buy"),
    Case("how do i put down a deposit on the white palisade", True, "ready_to_buy"),
    Case("Lets make it happen. Whats the next step to buy it", True, "ready_to_buy"),
    Case("I want the red santa cruz. how soon can i pick it up", True, "ready_to_buy"),
    Case("sold. send me the docusign", True, "ready_to_buy"),
    Case("can you start the paperwork so i can just sign when i get there", True, "ready_to_buy"),
    Case("i'll buy it today if it's still there", True, "ready_to_buy"),
    Case("ok i'm in. how do we finalize the deal", True, "ready_to_buy"),
    Case("lo quiero, mándeme el contrato", True, "ready_to_buy", languages=ES),
    # --- specific offers and negotiation ----------------------------------------------------------------------
    Case("$500 over invoice on a 2025 Santa Fe, yes or no?", True, "offer"),
    Case("i can do 27k cash today for the tucson", True, "offer"),
    Case("would you take 22,500 for the 2021 elantra", True, "offer"),
    Case("carmax offered me 18k for my trade, can you beat it", True, "offer"),
    Case("what's your bottom dollar on the sonata", True, "offer"),
    Case("Give me 2k off and we have a deal", True, "offer"),
    Case("Can you waive the doc fee?", True, "offer"),
    Case("if you throw in all weather mats and tint im in", True, "offer"),
    Case("the other dealer has it for 1500 less, match it and its yours", True, "offer"),
    Case("is the price negotiable", True, "offer"),
    Case("i'll pay msrp if you drop the market adjustment", True, "offer"),
    Case("what can you do for me on the ioniq 5, trying to get under 40", True, "offer"),
    Case("le ofrezco 25 mil por la tucson", True, "offer", languages=ES),
    Case("me hacen un descuento si pago de contado?", True, "offer", languages=ES),
    # --- a specific appointment time the agent cannot book ----------------------------------------------------
    Case("i can be there tonite around 7 is that ok? for the grey tucson", True, "appointment"),
    Case("can i test drive the kona monday 9am", True, "appointment"),
    Case("I'll stop by Saturday at 10 to see the Palisade", True, "appointment"),
    Case("put me down for tomorrow 2pm", True, "appointment"),
    Case("does 5:30 today work to look at the sonata", True, "appointment"),
    Case("can we do friday around noon?", True, "appointment"),
    Case("booking a test drive for wed at 3 please", True, "appointment"),
    Case("I could come in thurs after 6", True, "appointment"),
    Case(
        "saturday at 10",
        True,
        "appointment",
        history=(c("is the blue ioniq 5 available"), ai("It is! Would you like to come see it? What day works?")),
    ),
    Case("can i bring my trade in at 11 tomorrow for an appraisal", True, "appointment"),
    Case("puedo ir el sábado a las 10 a ver la tucson?", True, "appointment", languages=ES),
    # --- repeated frustration ---------------------------------------------------------------------------------
    Case(
        "??? hello",
        True,
        "frustration",
        history=(c("what's the otd price on the sonata"), c("anyone there? otd on the sonata")),
    ),
    Case("asking AGAIN what is the price with tax", True, "frustration"),
    Case("you're not answering my question", True, "frustration"),
    Case("this is going nowhere", True, "frustration"),
    Case("i've asked three times now, does it have a tow hitch or not", True, "frustration"),
    Case("why do you keep ignoring what i ask", True, "frustration"),
    Case("omg just answer the question", True, "frustration"),
    Case(
        "does it have a sunroof or not",
        True,
        "frustration",
        history=(c("does the white tucson have a sunroof?"), ai("Here are a few Tucsons we have in stock...")),
    ),
    # --- a language the agent does not answer in --------------------------------------------------------------
    Case("hola buenas tardes, tienen camionetas usadas?", True, "language"),
    Case("cuánto cuesta la santa fe del anuncio", True, "language"),
    Case("buenas, sigue disponible la elantra gris?", True, "language"),
    Case("Hola, me interesa la Tucson", True, "language"),
    Case("¿Aceptan carros a cuenta?", True, "language"),
    Case("Bonjour, la voiture est-elle toujours disponible ?", True, "language"),
    Case("olá, quanto custa o tucson?", True, "language"),
    Case("안녕하세요 투싼 재고 있나요?", True, "language"),
    Case("Здравствуйте, машина ещё продаётся?", True, "language"),
    Case("你们周六开门吗", True, "language"),
    Case("Chào anh, xe này còn không ạ?", True, "language"),
    Case("Guten Tag, ist der Wagen noch verfügbar?", True, "language"),
]

STAY: list[Case] = [
    # --- browsing and availability ----------------------------------------------------------------------------
    Case("is the 2023 tucson sel still available", False, "availability"),
    Case("do you have any palisades in stock", False, "availability"),
    Case("u got any trucks under 30k", False, "browsing"),
    Case("looking for a 3rd row suv for my family", False, "browsing"),
    Case("any used civics or corollas", False, "browsing"),
    Case("is stock 25713 still for sale", False, "availability"),
    Case("whats the cheapest suv you have", False, "browsing"),
    Case("show me electric cars", False, "browsing"),
    Case("do yall have the santa cruz in blue", False, "availability"),
    Case("hi im interested in the white elantra", False, "browsing"),
    Case("any new ioniq 5s coming in soon?", False, "availability"),
    Case("what do you have in awd under 25000", False, "browsing"),
    Case("I want something good on gas for commuting", False, "browsing"),
    Case("just looking for now", False, "browsing"),
    Case("is the red kona sold?", False, "availability"),
    Case("hey do you have the tucson hybrid limited", False, "availability"),
    Case("I'm looking at the santa fe on your website, is it still there?", False, "availability"),
    Case("do you sell used cars too or only new", False, "browsing"),
    Case("what minivans do u have", False, "browsing"),
    Case("I need a car for my daughter, something safe and cheap", False, "browsing"),
    # --- features ---------------------------------------------------------------------------------------------
    Case("does the palisade have captains chairs", False, "features"),
    Case("what's the mpg on the elantra hybrid", False, "features"),
    Case("is the tucson awd", False, "features"),
    Case("how many miles on the 2021 sonata", False, "features"),
    Case("does it come with a backup camera", False, "features"),
    Case("whats the range on the ioniq 6", False, "features"),
    Case("what trim is the gray one", False, "features"),
    Case("does the santa fe have wireless carplay", False, "features"),
    Case("how many owners did the used kona have?", False, "features"),
    Case("is there a carfax for the 2019 accord", False, "features"),
    Case("what engine is in the santa cruz", False, "features"),
    Case("what's the warranty on a certified pre owned", False, "features"),
    Case("does the new tucson come with free maintenance", False, "features"),
    Case("is the black one leather or cloth", False, "features"),
    Case("how much can the palisade tow", False, "features"),
    Case("does it have remote start", False, "features"),
    Case("what colors do you have the kona in", False, "features"),
    Case("can you send more pictures of the interior", False, "features"),
    Case("has it been in any accidents", False, "features"),
    Case("is the sonata n line a manual", False, "features"),
    # --- hours and location -----------------------------------------------------------------------------------
    Case("what time do you close today", False, "hours"),
    Case("are you open on sundays", False, "hours"),
    Case("hours saturday?", False, "hours"),
    Case("where r u located", False, "location"),
    Case("whats your address", False, "location"),
    Case("how far are you from naperville", False, "location"),
    Case("are you guys open on memorial day", False, "hours"),
    Case("what are your service department hours", False, "hours"),
    Case("is there parking at the dealership", False, "location"),
    Case("what's the phone number for the dealership", False, "location"),
    Case("are you open right now", False, "hours"),
    Case("what time does sales open tomorrow", False, "hours"),
    # --- general price questions ------------------------------------------------------------------------------
    Case("how much is the white palisade", False, "price"),
    Case("whats the price of the 2024 kona", False, "price"),
    Case("price on the grey tucson?", False, "price"),
    Case("how much are your used suvs usually", False, "price"),
    Case("what does a new santa fe go for", False, "price"),
    Case("is the price listed online the price", False, "price"),
    Case("do you have anything around 20k", False, "price"),
    Case("how much for the 2022 elantra with 30k miles", False, "price"),
    Case("whats the msrp on the ioniq 5 limited", False, "price"),
    Case("any current rebates on the tucson?", False, "price"),
    Case("what's the price difference between the sel and limited", False, "price"),
    Case("is the sticker price on the window the actual price", False, "price"),
    # --- small talk and the rest ------------------------------------------------------------------------------
    Case("hi", False, "small_talk"),
    Case("ok thanks", False, "small_talk"),
    Case("thank you so much!", False, "small_talk"),
    Case("sounds good", False, "small_talk"),
    Case("cool", False, "small_talk"),
    Case("ok", False, "small_talk"),
    Case("awesome, that's a great price", False, "small_talk"),
    Case("that's a beautiful truck 😍", False, "small_talk"),
    Case("lol nice", False, "small_talk"),
    Case("good morning!", False, "small_talk"),
    Case("let me think about it and get back to you", False, "small_talk"),
    Case("not ready to buy yet, just researching", False, "browsing"),
    Case("do you take trade-ins", False, "browsing"),
    Case("I might stop by this weekend", False, "browsing"),
    Case("maybe ill come in saturday", False, "browsing"),
    Case("can i schedule a test drive?", False, "browsing"),
    Case("i'd like to test drive the kona sometime next week", False, "browsing"),
    Case("what days are you open for test drives", False, "hours"),
    Case("I'm not ready to buy today, just want info", False, "browsing"),
    Case("my sister bought a tucson from you last year and loves it", False, "small_talk"),
    Case("my current car is a 2015 civic with 120k miles", False, "browsing"),
    Case("I recall seeing a blue one on your site last week", False, "availability"),
    Case("my lawyer friend recommended your dealership", False, "small_talk"),
    Case("great reviews on google, excited to come see you", False, "small_talk"),
    Case("holy crap that's a good looking truck", False, "small_talk"),
    Case("do you have a service department", False, "features"),
    Case("do you do oil changes on other brands", False, "features"),
    Case("what's the title status on the 2018 camry, clean?", False, "features"),
    Case("does the used sonata have a clean title", False, "features"),
    Case("is registration included in the price?", False, "price"),
    Case("do you ship cars out of state", False, "features"),
    Case("sorry for the late reply, been busy", False, "small_talk"),
    Case("no rush on my end", False, "small_talk"),
    Case("not a problem at all", False, "small_talk"),
    Case("im in no hurry, just tell me what you have", False, "browsing"),
    Case("Santa Fe Calligraphy in white, do you have one?", False, "availability"),
    Case("do you have the Santa Fe or the Tucson in stock", False, "availability"),
    Case("hey, is the Elantra N still available? gracias!", False, "availability"),
    Case("ok cool, adios", False, "small_talk"),
    Case("the tucson looks great, whats it come with", False, "features"),
    Case("is 7 seats standard on the palisade", False, "features"),
    Case("whats your best selling suv", False, "browsing"),
    Case("do you guys work with first time buyers", False, "browsing"),
    Case("what's the deal with the ioniq 5 tax credit", False, "price"),
    # --- Spanish enabled: Spanish stays with the AI -----------------------------------------------------------
    Case("hola buenas tardes, tienen camionetas usadas?", False, "browsing", languages=ES),
    Case("cuánto cuesta la santa fe del anuncio", False, "price", languages=ES),
    Case("buenas, sigue disponible la elantra gris?", False, "availability", languages=ES),
    Case("¿A qué hora abren el sábado?", False, "hours", languages=ES),
    Case("dónde queda la agencia", False, "location", languages=ES),
    Case("la tucson tiene cámara de reversa?", False, "features", languages=ES),
    Case("Hola, me interesa la Tucson", False, "browsing", languages=ES),
    Case("gracias!", False, "small_talk", languages=ES),
]

CASES: list[Case] = HANDOVER + STAY
