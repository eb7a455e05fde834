# -*- coding: utf-8 -*-
"""Source of conversations.jsonl for eval set "r".

Each turn: (customer text, [expect items]). Expect items are in English; {{...}} placeholders are
expanded from the feed by build.py (see feed.py / build.py). Every turn carries exactly one marker:
"Handover to a human (<reason>)", "No handover", "Handover not yet required" or "Handover optional".
"""

NO = "No handover"
NYR = "Handover not yet required"


def H(reason):
    return "Handover to a human (%s)" % reason


def OPT(why):
    return "Handover optional (%s)" % why


CONVS = []


def C(cid, lang, turns):
    CONVS.append({"id": cid, "language": lang, "turns": turns})


# ------------------------------------------------------------------ rc01
U3 = "cond=Used & model=Telluride/Palisade"
C("rc01", "en", [
    ("hey looking for a used 3 row, telluride or palisade, 40k max",
     ["Lists used Tellurides/Palisades priced at or under $40,000 (all of them, or most with an offer to show the rest): "
      "{{list: " + U3 + " & price<=40000 | sort=price}}",
      "Does not present over-budget units as within budget: {{sns: " + U3 + " & price>40000}}",
      "If it mentions {{sns: " + U3 + " & price=}} it says they have no price in the feed and does not invent one",
      NO]),
    ("nothing over 45k miles pls",
     ["Narrows its own previous list to units with at most 45,000 miles: "
      "{{list: " + U3 + " & price<=40000 & miles<=45000 | sort=price}}",
      "Drops {{sns: " + U3 + " & price<=40000 & miles>45000}}",
      NO]),
    ("and it has to be awd, we get a lot of snow",
     ["Keeps the narrowed units whose feed drivetrain is AWD (all of them)",
      "For {{sns: " + U3 + " & price<=40000 & miles<=45000 & clash=yes}} it says the trim name says FWD while the "
      "feed drivetrain says AWD, and offers to confirm rather than stating AWD as certain",
      NO]),
    ("the white ones, whats the difference between them",
     ["Picks the white units from its own narrowed list: {{list: " + U3 + " & price<=40000 & miles<=45000 & color=White | sort=price}}",
      "States the price gap ({{diff: " + U3 + " & price<=40000 & miles<=45000 & color=White & model=Telluride || "
      + U3 + " & price<=40000 & miles<=45000 & color=White & model=Palisade}}) and the mileage gap "
      "({{mdiff: " + U3 + " & price<=40000 & miles<=45000 & color=White & model=Telluride || "
      + U3 + " & price<=40000 & miles<=45000 & color=White & model=Palisade}} miles), with the Telluride the cheaper one and the one with fewer miles",
      "Mentions model (Telluride vs Palisade) and trim (EX vs Limited); invents no unit-specific options",
      NO]),
    ("ok the palisade. is that the one with captains chairs? my kids fight lol",
     ["Talks about {{u: " + U3 + " & color=White & model=Palisade}}",
      "Seat configuration is not in the feed: may say the Limited trim typically has 2nd-row captain's chairs, "
      "but offers to confirm for this unit instead of stating it as fact",
      NO]),
    ("can we come see it saturday",
     ["Welcomes the visit and asks what time on Saturday",
      "Does not invent opening hours",
      NYR]),
    ("10:30am, me and my husband. I'm Renata, 708-555-0148",
     [H("appointment_time"),
      "Confirms Saturday 10:30 am for {{sn: " + U3 + " & color=White & model=Palisade}} (the 2022 Palisade Limited), "
      "with the name Renata and the phone number it was given",
      "Does not switch to the Telluride or ask again which car"]),
])

# ------------------------------------------------------------------ rc02
C("rc02", "en", [
    ("what electric cars do u have",
     ["Lists the fully electric units: {{list: kind=ev | sort=price}}",
      "Does not present the Tucson Hybrids as EVs although the feed labels {{sns: kind=hybrid & fuel=Electric}} 'Electric'",
      "If it mentions {{sn: kind=phev & fuel=Electric}} it calls it a plug-in hybrid (no price in the feed), not an EV",
      NO]),
    ("not the kia. of the two hyundais which is cheaper",
     ["Says the Ioniq 6 is cheaper: {{u: model=Ioniq 6}}",
      "Compared with {{u: model=Ioniq 5}}",
      "Difference {{diff: model=Ioniq 6 || model=Ioniq 5}}",
      NO]),
    ("is it awd? we're out in tinley park, snow",
     ["Refers to the Ioniq 6 {{sn: model=Ioniq 6}}",
      "Does not state AWD or RWD as fact: the trim says SEL AWD but the feed drivetrain says RWD; offers to confirm",
      NO]),
    ("how far does it go on a charge",
     ["Gives an approximate EPA range for a 2024 Ioniq 6 and makes clear it depends on the version: roughly 270 miles "
      "for the AWD long-range, roughly 305 for the RWD long-range (figures within about 10% are fine)",
      "Because the feed is inconsistent on this unit's drivetrain, does not pin one figure to it without a caveat; may "
      "mention winter range loss",
      NO]),
    ("and the other one, the pricier one, that one's awd for sure?",
     ["Resolves 'the pricier one' to the Ioniq 5 {{u: model=Ioniq 5}}",
      "Says yes, AWD: the trim (Limited AWD) and the feed drivetrain agree",
      NO]),
    ("can i charge at home on a normal outlet or do i need a special thing",
     ["Explains that a normal 120V outlet (Level 1) works but is very slow and that a 240V Level 2 charger is "
      "what most owners install",
      "Invents no dealer charger promotion or price",
      NO]),
])

# ------------------------------------------------------------------ rc03
TR = "type=Truck"
C("rc03", "en", [
    ("need a truck that can pull my camper, its about 6000 lbs",
     ["Lists the trucks in the feed: {{list: " + TR + " | sort=price}}",
      "Says towing depends on engine/configuration and does not promise 6,000 lb for every one; in particular does not "
      "say the Santa Cruz {{sn: " + TR + " & model=Santa Cruz}} can tow 6,000 lb (its maximum is about 5,000 lb)",
      NO]),
    ("is the black one 4x4?",
     ["Resolves 'the black one' to {{u: " + TR + " & color=Black}}",
      "Does not confirm 4x4 as fact: the trim says 4x4 but the feed drivetrain says RWD; offers to confirm",
      NO]),
    ("ok just the ones that are definitely 4x4 then",
     ["Lists exactly the trucks whose feed drivetrain is 4X4: {{list: " + TR + " & drive=4X4 | sort=price}}",
      "Leaves out the Ram {{sn: " + TR + " & color=Black}} (conflicting data) and the 2WD Canyon "
      "{{sn: " + TR + " & model=Canyon}}; may mention the Santa Cruz is AWD, not a 4x4 truck",
      NO]),
    ("which of those has the lowest miles",
     ["Answers {{u: " + TR + " & drive=4X4 | sort=miles, i=0}}",
      NO]),
    ("what trim is the ford",
     ["Says the feed gives no usable trim for {{u: model=F-150}} and does not make one up (no XLT/Lariat guess "
      "stated as fact); offers to find out",
      NO]),
    ("how much can the nissan actually tow",
     ["Gives an approximate maximum for a 2022 Titan XD 4x4 gas (roughly 10,000-11,000 lb depending on configuration) "
      "and says the exact rating depends on the unit's configuration",
      "Says that comfortably covers a 6,000 lb camper, or words to that effect",
      NO]),
    ("would you take 31 for the titan if i finance thru you",
     [H("negotiation"),
      "Does not accept or reject the $31,000 offer itself; refers to {{u: model=Titan Xd}}"]),
])

# ------------------------------------------------------------------ rc04 (es)
SED = "cond=Used & type=Sedan & price<=20000"
C("rc04", "es", [
    ("hola, busco un carro chico, sedán, que no pase de 20 mil",
     ["Replies in Spanish",
      "Lists the used sedans priced at or under $20,000: {{list: " + SED + " | sort=price}}",
      NO]),
    ("automático por favor, no sé manejar estándar",
     ["Keeps {{list: " + SED + " & trans!=Manual | sort=price}}",
      "For {{sn: " + SED + " & trans=Manual}} it does not claim automatic as fact: the trim says IVT (automatic) "
      "but the feed transmission says Manual; drops it or flags it as needing confirmation",
      NO]),
    ("cuál es el más nuevo de esos?",
     ["Answers {{u: " + SED + " & trans!=Manual | sort=year, desc, i=0}}",
      NO]),
    ("y de qué color es? mi hija lo quiere blanco",
     ["Says it is grey (gris)",
      "May offer, while saying it is over the $20,000 budget, the white Forte {{u: model=Forte & color=White}}",
      NO]),
    ("tienen fotos de ese gris?",
     ["Says the listing for {{sn: " + SED + " & trans!=Manual | sort=year, desc, i=0}} only has a stock photo "
      "(not a photo of the actual car) and offers to get real photos; does not claim to send photos it does not have",
      NO]),
    ("ok. mi crédito anda en 540 y gano como 2,500 al mes, me aprueban?",
     [H("financing_details"),
      "Does not promise or deny approval; says a finance person will look at it",
      "Replies in Spanish"]),
])

# ------------------------------------------------------------------ rc05
RE = "model=Rogue/Escape & price<24000"
C("rc05", "en", [
    ("looking for a used compact suv, rogue or escape, awd, under 24k",
     ["Lists the Rogues/Escapes under $24,000 whose feed drivetrain is AWD/4X4: {{list: " + RE + " & awd=yes | sort=price}}",
      "Does not list {{sn: " + RE + " & awd=no & trim~AWD}} as AWD without a caveat (trim says AWD, feed drivetrain FWD)",
      "If it mentions the AWD Escapes without a price ({{sns: model=Escape & awd=yes & price=}}) it says the price is not in the feed",
      NO]),
    ("cheapest rogue vs cheapest escape, whats the difference",
     ["Cheapest Rogue on its list: {{u: model=Rogue | sort=price, i=0}}",
      "Cheapest Escape on its list: {{u: " + RE + " & model=Escape & awd=yes | sort=price, i=0}} (or "
      "{{sn: " + RE + " & awd=no & trim~AWD}} only if it listed that one, repeating the drivetrain caveat)",
      "Gives the price and mileage differences correctly for the two it compares",
      NO]),
    ("any more? throw in equinox too",
     ["Adds Equinoxes under $24,000 with feed drivetrain AWD: {{list: model=Equinox & price<24000 & awd=yes | sort=price}}",
      "Flags that {{sn: model=Equinox & price<24000 & awd=yes & clash=yes}} has a trim saying FWD while the feed says AWD",
      "Does not present {{sn: model=Equinox & awd=no & trim~AWD}} as AWD (trim AWD, feed drivetrain FWD)",
      "Does not repeat the Rogue/Escape list as if it were new",
      NO]),
    ("the 2 2023 ones, are those basically the same car?",
     ["Identifies {{list: model=Equinox & year=2023 | sort=price}}",
      "Says same year and trim (AWD LT w/2FL); differences are colour, {{diff: model=Equinox & year=2023 & color=White || "
      "model=Equinox & year=2023 & color=Grey}} in price and {{mdiff: model=Equinox & year=2023 & color=White || "
      "model=Equinox & year=2023 & color=Grey}} miles",
      NO]),
    ("what kind of mpg do those get",
     ["Gives an approximate EPA figure for a 2023 Equinox AWD 1.5T (mid-20s combined, roughly 24-27 mpg) and says it is approximate",
      NO]),
    ("actually scratch the chevys. back to the rogue with the lowest miles. gonna think about it",
     ["Resolves to {{u: model=Rogue | sort=miles, i=0}}",
      "Does not push for a handover or an appointment time",
      NO]),
])

# ------------------------------------------------------------------ rc06
C("rc06", "en", [
    ("hi question about the white 2024 elantra you have",
     ["Describes {{u: model=Elantra & year=2024}}",
      NO]),
    ("fyi i came in last tuesday to look at it and the salesman just disappeared halfway through. sat there 40 min for nothing. kinda annoyed tbh",
     [H("complaint"),
      "Apologises and says a manager/person will follow up; does not argue or blame the customer"]),
    ("whatever. does it have blind spot monitoring",
     [OPT("already handed over at turn 2; the reply must not act as if the complaint were resolved"),
      "If it answers, hedges or says blind-spot warning is generally standard on the 2024 Elantra SEL; invents no unit-specific option",
      "Repeats that a person will reach out about the earlier visit"]),
    ("how much is it again",
     [OPT("already handed over at turn 2"),
      "If it answers: {{u: model=Elantra & year=2024}}",
      "Does not quote the other Elantra {{sn: model=Elantra & year=2023}} (no price in the feed)"]),
    ("is anyone actually gonna call me or nah",
     [H("frustration"),
      "Acknowledges the wait and confirms the conversation is with a person now; does not restart the sales pitch"]),
])

# ------------------------------------------------------------------ rc07
NP = "cond=New & model=Palisade"
C("rc07", "en", [
    ("what new palisades do u have",
     ["Lists or summarises the new Palisades with prices: {{list: " + NP + " | sort=price}}",
      "Does not call {{sns: " + NP + " & clash=yes}} AWD/FWD as fact where trim and feed drivetrain disagree",
      NO]),
    ("just the black ones",
     ["Lists exactly: {{list: " + NP + " & color=Black | sort=price}}",
      NO]),
    ("is the cheapest black one awd?",
     ["Resolves to {{u: " + NP + " & color=Black | sort=price, i=0}}",
      "Says no, not AWD: the trim is SEL FWD (and the feed drivetrain even says RWD, which is inconsistent); does not claim AWD",
      NO]),
    ("ok then which black ones ARE awd",
     ["Lists exactly: {{list: " + NP + " & color=Black & awd=yes | sort=price}}",
      NO]),
    ("how much room is there behind the 3rd row? big dog crate",
     ["Gives an approximate figure for a 2024 Palisade (about 18 cu ft behind the 3rd row, about 45 with it folded) "
      "and suggests folding the 3rd row or measuring the crate",
      NO]),
    ("the SEL vs the calligraphys, whats different besides price",
     ["Compares {{u: " + NP + " & color=Black & awd=yes & trim~SEL}} with {{list: " + NP + " & color=Black & trim~Calligraphy | sort=price}}",
      "Price gaps: {{diff: " + NP + " & color=Black & awd=yes & trim~SEL || " + NP + " & color=Black & trim~Calligraphy | sort=price, i=0}}"
      " and {{diff: " + NP + " & color=Black & awd=yes & trim~SEL || " + NP + " & color=Black & trim~Calligraphy | sort=price, i=1}}",
      "Trim differences are described as typical Calligraphy vs SEL equipment (e.g. premium interior, audio), not as "
      "unit-specific facts from the feed",
      NO]),
    ("ok I want the black SEL AWD. can you hold it for me if I put a deposit down today?",
     [H("ready_to_buy"),
      "Identifies {{sn: " + NP + " & color=Black & awd=yes & trim~SEL}}",
      "Does not take payment or promise a hold itself"]),
])

# ------------------------------------------------------------------ rc08
SFC = "model=Santa Fe & trim~Calligraphy"
C("rc08", "en", [
    ("santa fe calligraphy, what do you have",
     ["Lists the Santa Fe Calligraphy units (may also mention the Santa Fe Hybrid Calligraphy {{sn: model=Santa Fe Hybrid & trim~Calligraphy}}): "
      "{{list: " + SFC + " | sort=price}}",
      NO]),
    ("new not used",
     ["Drops {{sn: " + SFC + " & cond=Used}} and keeps the new ones ({{n: " + SFC + " & cond=New}} units)",
      NO]),
    ("grey only",
     ["Lists exactly: {{list: " + SFC + " & cond=New & color=Grey | sort=price}}",
      "Flags {{sn: " + SFC + " & cond=New & color=Grey & clash=yes}}: trim AWD but feed drivetrain RWD",
      NO]),
    ("the second one - is that a 2025?",
     ["Resolves 'the second one' against the order of its own grey list; if that list was by price as above, "
      "the second is {{u: " + SFC + " & cond=New & color=Grey | sort=price, i=1}}, a 2025",
      "Gives the year of whichever unit it resolves to correctly",
      NO]),
    ("how do the 2024 and 2025 grey ones compare price wise",
     ["2024 grey: {{u: " + SFC + " & cond=New & color=Grey & year=2024}}",
      "2025 greys: {{list: " + SFC + " & cond=New & color=Grey & year=2025 | sort=price}}",
      "Says the 2024 is the cheapest grey one",
      NO]),
    ("what mpg does it get",
     ["Gives an approximate EPA figure for the 2024/2025 Santa Fe 2.5T AWD (low 20s combined, roughly 21-24 mpg) and says it is approximate",
      "May point to the hybrid if fuel economy matters",
      NO]),
])

# ------------------------------------------------------------------ rc09
C("rc09", "en", [
    ("whats the cheapest car you have? its my first car",
     ["Names the cheapest priced unit: {{u: price!= | sort=price, i=0}}",
      "Does not treat units with no price in the feed as cheap",
      NO]),
    ("show me like 5 under 17k",
     ["Lists exactly the 5 units priced under $17,000: {{list: price<17000 | sort=price}}",
      NO]),
    ("nothing over 60k miles",
     ["Keeps {{list: price<17000 & miles<=60000 | sort=price}}",
      "Drops {{sns: price<17000 & miles>60000}}",
      "For {{sn: price<17000 & miles=}} says the mileage is not in the feed (neither keeps it as under 60k nor silently drops it)",
      NO]),
    ("what about the sportage how many miles is it",
     ["Says the mileage of {{sn: model=Sportage}} (2020 Sportage LX, Grey) is not in the feed, does not invent a number, and offers to check",
      NO]),
    ("is the forte automatic",
     ["Refers to the Forte from the narrowed list: {{u: price<17000 & miles<=60000 & model=Forte}}",
      "Says it has a CVT, i.e. an automatic (feed transmission field: 'CVT CVT'; trim LXS IVT)",
      NO]),
    ("cool thx, gonna talk to my parents 👍",
     ["Friendly close; may offer to help later",
      NO]),
])

# ------------------------------------------------------------------ rc10
EQ23 = "model=Equinox & year=2023"
C("rc10", "en", [
    ("do u guys take trade ins",
     ["Says trade-ins are accepted/appraised (in person); quotes no value",
      NO]),
    ("i have a 2016 honda accord with like 98k on it, what would i get roughly",
     [OPT("a value estimate request without a demand"),
      "Does not invent a trade value or a range; offers an appraisal"]),
    ("anyway im looking at the 2023 equinox",
     ["Lists both: {{list: " + EQ23 + " | sort=price}}",
      NO]),
    ("the white one, how many miles",
     ["Answers {{u: " + EQ23 + " & color=White}}",
      NO]),
    ("I need at least 14 for the accord or I'm not doing it",
     [H("trade_in_firm"),
      "Does not accept or reject the $14,000 trade figure itself"]),
    ("also does the white one have remote start",
     [OPT("already handed over at turn 5; must not reopen the trade number"),
      "Still means {{sn: " + EQ23 + " & color=White}}; if it answers, it hedges (options are not in the feed)"]),
])

# ------------------------------------------------------------------ rc11 (es)
SFH = "model~Santa Fe & kind=hybrid"
C("rc11", "es", [
    ("buenas, tienen santa fe híbrida?",
     ["Replies in Spanish",
      "Lists the Santa Fe hybrids: {{list: " + SFH + " | sort=price}}",
      "Includes {{sn: " + SFH + " & trim~HEV}} although the feed files it under model 'Santa Fe' with fuel type 'Gasoline' (trim SEL HEV)",
      NO]),
    ("la roja cuánto está?",
     ["Answers {{u: " + SFH + " & color=Red}}",
      NO]),
    ("y cuánto rinde de gasolina más o menos",
     ["Gives an approximate EPA figure for the 2024 Santa Fe Hybrid AWD (mid-30s mpg combined, roughly 34-36) and says it is approximate",
      NO]),
    ("tiene tercera fila? somos 6",
     ["Says the 2024 Santa Fe generation has three rows of seating (6-7 seats depending on configuration), "
      "offers to confirm the seating of this unit, and mentions that the third row is best for kids/short trips",
      NO]),
    ("podemos ir el sábado a verla",
     ["Asks what time on Saturday (in Spanish)",
      "Does not invent opening hours",
      NYR]),
    ("a las 11 de la mañana. me llamo Araceli Domínguez, 773-555-0119",
     [H("appointment_time"),
      "Confirms Saturday 11 am for the red Santa Fe hybrid {{sn: " + SFH + " & color=Red}} with the name and phone given",
      "Replies in Spanish"]),
])

# ------------------------------------------------------------------ rc12
GER = "make=Bmw/Audi/Porsche/Volkswagen"
C("rc12", "en", [
    ("got anything german? bmw audi porsche vw",
     ["Lists: {{list: " + GER + " | sort=price}}",
      NO]),
    ("suvs only",
     ["Lists exactly: {{list: " + GER + " & type=SUV | sort=price}}",
      NO]),
    ("under 40",
     ["Lists exactly: {{list: " + GER + " & type=SUV & price<40000 | sort=price}}",
      "Drops {{sn: " + GER + " & type=SUV & price>=40000}}",
      NO]),
    ("audi vs porsche, whats the difference",
     ["Compares {{u: " + GER + " & type=SUV & price<40000 & make=Audi}} with {{u: make=Porsche}}",
      "Price gap {{diff: " + GER + " & type=SUV & price<40000 & make=Audi || make=Porsche}}, mileage gap "
      "{{mdiff: " + GER + " & type=SUV & price<40000 & make=Audi || make=Porsche}} miles; the Audi is newer (2023 vs 2019)",
      NO]),
    ("is the bmw an xdrive? what year",
     ["Answers about {{u: " + GER + " & type=SUV & make=Bmw}}: 2019, xDrive30i (AWD)",
      NO]),
    ("whats the lowest you'd take on the audi, I have cash",
     [H("negotiation"),
      "Means the Q5 {{sn: " + GER + " & type=SUV & price<40000 & make=Audi}}, not the Q8",
      "Does not quote a discounted price itself"]),
])

# ------------------------------------------------------------------ rc13
C("rc13", "en", [
    ("is the white ioniq 5 still available",
     ["Confirms {{u: model=Ioniq 5}}",
      NO]),
    ("what are your hours on saturday",
     ["Gives Saturday hours only if it actually knows the dealership's hours; otherwise says it will confirm; does not make them up",
      NO]),
    ("thinking saturday to test drive it",
     ["Asks what time on Saturday",
      NYR]),
    ("actually sunday works better, are you open?",
     ["Does not invent Sunday hours; offers to check or suggests another day",
      NYR]),
    ("ok nvm saturday then, around 2pm",
     [H("appointment_time"),
      "Uses Saturday (not Sunday) at about 2 pm, for {{sn: model=Ioniq 5}}"]),
    ("my name's Kwame btw, 312-555-0177",
     [OPT("already handed over at turn 5"),
      "Records the name Kwame and the number, for the Saturday ~2 pm Ioniq 5 test drive"]),
    ("also how fast does it charge at one of those fast chargers",
     [OPT("already handed over at turn 5; a factual answer is fine"),
      "If it answers: roughly 10-80% in about 18-20 minutes on a 350 kW DC fast charger, depending on conditions",
      "Does not drop or change the Saturday appointment"]),
])

# ------------------------------------------------------------------ rc14
C("rc14", "en", [
    ("do you have any ford edges",
     ["Lists: {{list: model=Edge | sort=price}}",
      NO]),
    ("what trims are they",
     ["Says the feed gives no usable trim for any of them and does not invent SE/SEL/ST/Titanium",
      NO]),
    ("how much is the red one",
     ["Says there is no price listed and does not invent one; offers to get it. Unit: {{u: model=Edge & color=Red}}",
      OPT("a missing price may be passed to a person")]),
    ("ok what about the blue one",
     ["Answers {{u: model=Edge & color=Blue}}",
      NO]),
    ("why do u even list cars with no price lol. i liked the red one better, what does it cost",
     ["Does not invent a price for {{sn: model=Edge & color=Red}}; acknowledges the annoyance",
      OPT("second ask for the same missing price")]),
    ("this is the third time I'm asking for one simple number. forget it",
     [H("frustration"),
      "Apologises and says a person will follow up with the price of the red Edge {{sn: model=Edge & color=Red}}"]),
])

# ------------------------------------------------------------------ rc15
SD = "type=Sedan & price<23000"
C("rc15", "en", [
    ("what sedans do u have under 23k",
     ["Lists sedans priced under $23,000 (some or all; if only part, offers more): {{list: " + SD + " | sort=price}}",
      NO]),
    ("any more?",
     ["Continues with sedans under $23,000 it has not shown yet, without repeating the earlier ones; "
      "if it had already shown all {{n: " + SD + "}}, says so",
      NO]),
    ("only hyundai or kia",
     ["Lists exactly: {{list: " + SD + " & make=Hyundai/Kia | sort=price}}",
      "Says none of them is a Hyundai",
      NO]),
    ("no hyundais at all? what about an elantra",
     ["Mentions, as just over the $23,000 budget, {{u: model=Elantra & price!=}}",
      "And {{u: model=Elantra & price=}} without inventing a price",
      NO]),
    ("is the 2024 one white?",
     ["Says yes, {{sn: model=Elantra & year=2024}} is white",
      NO]),
    ("mpg?",
     ["Gives an approximate EPA figure for a 2024 Elantra SEL 2.0 IVT (about 36 mpg combined, roughly 33-37) and says it is approximate",
      NO]),
    ("nice ok thats all for now, have a good one",
     ["Friendly close",
      NO]),
])

# ------------------------------------------------------------------ rc16 (es)
C("rc16", "es", [
    ("hola, tienen la santa cruz? la pickup chiquita de hyundai",
     ["Replies in Spanish",
      "Confirms {{u: model=Santa Cruz}}",
      NO]),
    ("es 4x4?",
     ["Says it is AWD (all-wheel drive; trim Limited AWD and feed drivetrain agree), not a traditional 4x4 with low range",
      NO]),
    ("cuánto cuesta",
     ["Answers with the listed price: {{u: model=Santa Cruz}}",
      NO]),
    ("la tienen en otro color? no me gusta el blanco",
     ["Says it is the only Santa Cruz in stock ({{n: model=Santa Cruz}}) and does not invent other colours",
      NO]),
    ("y usadas? algo tipo pickup pero más barato",
     ["No used Santa Cruz; offers the used pickups: {{list: type=Truck & cond=Used | sort=price}}",
      "Does not call the Ram {{sn: type=Truck & clash=yes}} 4x4 as fact if it mentions drivetrain",
      NO]),
    ("ok gracias, lo voy a pensar",
     ["Friendly close in Spanish",
      NO]),
])

# ------------------------------------------------------------------ rc17
C("rc17", "en", [
    ("hey do you have any kia k5s",
     ["Lists: {{list: model=K5 | sort=price}}",
      NO]),
    ("the orange one how many miles",
     ["Answers {{u: model=K5 & color=Orange}}",
      NO]),
    ("ok real reason im messaging - bought a tucson here in september and my registration sticker never came, plates expire soon",
     [H("existing_customer_issue"),
      "Says someone from the dealership (title/registration) will follow up; does not promise a date"]),
    ("anyway is the orange k5 still around, my sister might want it",
     [OPT("already handed over at turn 3"),
      "If it answers: {{sn: model=K5 & color=Orange}} is listed in the feed"]),
    ("and who do I actually talk to about the registration thing, nobody picks up the phone",
     [H("existing_customer_issue"),
      "Confirms the registration issue is with a person; frustration wording also acceptable"]),
])

# one-line summaries for the README table (tools/stats.py)
TESTS = {
    "rc01": "used Telluride/Palisade <= $40k -> 'nothing over 45k miles' -> 'has to be AWD' (two FWD-trim/AWD-feed conflicts) -> 'the white ones' compared -> captain's chairs not in feed -> Saturday, then 10:30 + name/phone",
    "rc02": "EVs only (hybrids labelled Electric must not count) -> 'not the kia', cheaper Hyundai -> AWD vs RWD conflict on the Ioniq 6 -> range -> 'the pricier one' -> home charging",
    "rc03": "trucks for a 6,000 lb camper -> 'is the black one 4x4?' (Ram trim 4x4 vs feed RWD) -> definitely-4x4 only -> lowest miles -> garbage F-150 trim -> Titan XD towing -> $31k offer",
    "rc04": "Spanish; sedans <= $20k -> automatic only (Forte trim IVT vs feed Manual) -> newest -> colour / white one over budget -> stock-photo-only listing -> own credit score + income",
    "rc05": "Rogue/Escape AWD < $24k (Escape trim AWD vs feed FWD) -> cheapest of each compared -> 'any more?' adds Equinox -> the two 2023s compared -> MPG -> change of mind back to lowest-mile Rogue",
    "rc06": "white 2024 Elantra -> complaint about a past visit -> feature and price questions after the handover -> 'is anyone gonna call me'",
    "rc07": "new Palisades -> black only -> 'cheapest black one AWD?' (SEL FWD, feed RWD) -> black AWD ones -> cargo behind 3rd row -> SEL vs Calligraphy -> deposit/hold",
    "rc08": "Santa Fe Calligraphy -> 'new not used' -> grey only (one RWD conflict) -> 'the second one' -> 2024 vs 2025 prices -> MPG",
    "rc09": "cheapest car -> 5 under $17k -> 'nothing over 60k miles' with a missing-mileage unit -> Sportage mileage not in feed -> Forte transmission",
    "rc10": "trade-in policy -> value estimate (no number) -> 2023 Equinoxes -> 'the white one' miles -> firm trade number -> feature question after handover",
    "rc11": "Spanish; Santa Fe hybrids (SEL HEV filed under 'Santa Fe', fuel 'Gasoline') -> 'la roja' price -> MPG -> third row -> Saturday, then 11 am + name/phone",
    "rc12": "German brands -> SUVs only -> under $40k -> Audi vs Porsche -> BMW xDrive/year -> lowest price on 'the audi' (Q5 not Q8)",
    "rc13": "white Ioniq 5 -> Saturday hours (not in feed) -> visit Saturday -> change to Sunday -> back to Saturday ~2pm -> name/phone and DC charging after the handover",
    "rc14": "Ford Edges with garbage trims and 3 of 4 prices missing -> 'the red one' price -> 'the blue one' -> repeated ask for the missing price -> frustration",
    "rc15": "sedans < $23k (13 units) -> 'any more?' paging -> Hyundai/Kia only -> Elantra just over budget + one without price -> 'the 2024 one' colour -> MPG",
    "rc16": "Spanish/Spanglish; Santa Cruz -> 4x4? (AWD) -> price -> other colours (none) -> used pickups instead -> close",
    "rc17": "Kia K5s -> 'the orange one' miles -> own registration problem -> availability question after the handover -> who to talk to",
}
