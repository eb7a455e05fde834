"""A labelled set of customer messages: does the default trigger set hand the conversation to a human?

Written by hand to look like real dealership chat and SMS (typos, slang, emoji, shouting), and labelled by what
a sales manager would want: a person for explicit requests, legal or compliance topics, anger, complaints,
repeated questions the AI failed to answer, price negotiation, credit and payment questions, buyers who want to
buy right now and broken links. Plain questions the AI can answer from inventory and dealership data stay with
the AI, including hard negatives that contain trigger-like words ("my lawyer friend recommended you",
"I recall seeing a blue one", "holy shit that's a nice truck").

257 messages, 127 of them labelled for a human. The hold-out lists record how well the rules generalised to
messages written after the rules were frozen (see their comments): precision stayed at 1.00, recall was 0.30, 0.75
and 0.67 on the three fresh batches before each batch was used to close the gaps it exposed.
"""

from __future__ import annotations

from dataclasses import dataclass

from showroom.brain.types import Turn


@dataclass(frozen=True)
class Case:
    text: str
    needs_human: bool
    history: tuple[Turn, ...] = ()


def _c(text: str) -> Turn:
    return Turn("customer", text)


def _ai(text: str) -> Turn:
    return Turn("ai", text)


ESCALATE: list[Case] = [
    # asking for a person
    Case("can I talk to a real person please", True),
    Case("Can i speak with a manager", True),
    Case("i want to talk to a salesman not a robot", True),
    Case("are you a bot? i want a human", True),
    Case("have someone call me about the palisade", True),
    Case("Pls call me at 708-555-0142 after 5", True),
    Case("is there a person I can talk to??", True),
    Case("connect me w/ ur sales team", True),
    Case("REPRESENTATIVE", True),
    Case("give me a call when you get a chance", True),
    Case("I'd rather deal with an actual human being tbh", True),
    Case("Can you have Mike from sales text me back?", True),
    Case("can sum1 call me", True),
    # legal and compliance
    Case("If this isn't fixed I'm calling my lawyer", True),
    Case("I already filed a complaint with the BBB", True),
    Case("this is a lemon law case, the transmission failed 3 times", True),
    Case("my attorny will be in touch", True),
    Case("I'm going to report you to the attorney general", True),
    Case("you'll be hearing from my laywer", True),
    Case("Is there an open recall on the 2019 santa fe I bought from you? nobody told me", True),
    Case("I'm thinking about suing over the hidden fees", True),
    # anger and profanity
    Case("this is fucking ridiculous", True),
    Case("WHY IS NOBODY ANSWERING MY QUESTION", True),
    Case("wtf I asked for the price 3 times", True),
    Case("you people are useless 😡", True),
    Case("screw you guys, worst dealership ever", True),
    Case("I'm so pissed right now", True),
    Case("Stop wasting my time with these canned answers!!!", True),
    Case("f*** this, I'm done", True),
    # complaints
    Case("I was told the car was available and when I drove an hour it was sold. Unacceptable.", True),
    Case("Nobody called me back after I left 2 voicemails", True),
    Case("The salesman was extremely rude to my wife yesterday", True),
    Case("Bought a tucson from you last week and the check engine light is already on", True),
    Case("your ad said $28,995 but now it's $31k, bait and switch", True),
    Case("I want a refund on the extended warranty you guys added", True),
    Case("I've been waiting 3 days for a response on my trade appraisal", True),
    Case("very disappointed with how my deal was handled", True),
    Case("honestly this has been a terrible experience so far", True),
    Case("ugh this is so frustrating, I just want a straight answer", True),
    # the same question again
    Case(
        "ok but what's the price of the white palisade",
        True,
        (_c("what's the price of the white palisade?"), _ai("The 2024 Palisade SEL is listed at $47,371.")),
    ),
    Case(
        "do you have any trucks under 30k??",
        True,
        (_c("do you have any trucks under 30k?"), _ai("Here are a few options we have right now...")),
    ),
    Case(
        "so is the tucson hybrid available or not",
        True,
        (_c("is the tucson hybrid still available"), _ai("Let me check on that for you."), _c("ok")),
    ),
    Case(
        "what time do you close saturday",
        True,
        (_c("what time do you close on saturday?"), _ai("Our hours are on our website.")),
    ),
    # price negotiation
    Case("whats your best price on the 2024 palisade xrt", True),
    Case("what's the OTD on stock DT25256?", True),
    Case("can you do 42k out the door?", True),
    Case("would you take 38,500 cash", True),
    Case("Carmax has the same one for 2k less, can you price match?", True),
    Case("is there any wiggle room on the price", True),
    Case("any military discount?", True),
    Case("what are your doc fees", True),
    Case("i'll give you 25 for the santa fe", True),
    Case("are there any markups or dealer add ons on the telluride?", True),
    Case("That's too much. What's the lowest you'll go?", True),
    Case("wats ur best price on da palisade", True),
    Case("Is the price negotiable?", True),
    # financing and credit
    Case("I have bad credit, can I still get approved?", True),
    Case("whats the apr on a 72 month loan", True),
    Case("how much down payment do I need", True),
    Case("my credit score is like 580 is that ok", True),
    Case("I went through a bankruptcy last year, can you finance me?", True),
    Case("Can I get the payment under $450 a month?", True),
    Case("What are the lease deals on the Ioniq 5?", True),
    Case("I'm upside down on my current loan by about 4k", True),
    Case("need a cosigner?", True),
    # ready to buy now
    Case("I need a car today, what do you have under 15k", True),
    Case("I'm ready to buy the white telluride right now", True),
    Case("can I pick it up tonight? I have cash", True),
    Case("On my way to sign the paperwork, be there in 20 min", True),
    Case("need a truck asap for work, can come in this afternoon", True),
    # a specific appointment time (the AI's until the issue "The agent holds a conversation" made it a handover)
    Case("perfect, see you saturday at 10", True),
    # technical problems
    Case("the finance application link isn't working", True),
    Case("your website keeps crashing when I try to submit the form", True),
]

STAY_WITH_AI: list[Case] = [
    Case("Is the 2024 Palisade XRT still available?", False),
    Case("does the tucson have apple carplay", False),
    Case("is it AWD?", False),
    Case("I'm not angry, just asking if it has heated seats", False),
    Case("my lawyer friend recommended you guys, do you have any hybrids?", False),
    Case("what are your hours on sunday", False),
    Case("where are you located", False),
    Case("do you have any 3rd row suvs under 45k", False),
    Case("looking for a used f150 4x4, 2019 or newer", False),
    Case("hi", False),
    Case("thanks so much!!", False),
    Case("how many miles on the grey santa fe", False),
    Case("What color is stock 25881?", False),
    Case("can I schedule a test drive for saturday morning?", False),
    Case("whats the price on the ioniq 6", False),
    Case("how much is the red kona?", False),
    Case("do you take trade ins?", False),
    Case("I have a 2015 civic with 98k miles to trade", False),
    Case("do you guys offer financing?", False),
    Case("can I apply for financing online?", False),
    Case("not interested anymore, thanks", False),
    Case("STOP", False),
    Case("just looking for now", False),
    Case("are you a bot?", False),
    Case("lol is this automated", False),
    Case("do you have the palisade in black", False),
    Case("is the sonata a hybrid", False),
    Case("what's the mpg on the tucson hybrid", False),
    Case("I'd like to come see the Telluride this weekend", False),
    Case("any ev's?", False),
    Case("what's the difference between the SEL and Limited trims", False),
    Case("do you service hyundais? I need an oil change", False),
    Case("can you send me more pictures of the blue palisade", False),
    Case("damn that palisade looks nice", False),
    Case("holy shit that's a good looking truck, is it still available?", False),
    Case("I don't need to talk to anyone, just text me the price of the tucson", False),
    Case("no need to call me, email is fine", False),
    Case("call me Jen btw 😊 do you have any white suvs?", False),
    Case("I recall seeing a blue one on your site, is it still there?", False),
    Case("what's the towing capacity of the santa cruz", False),
    Case("thanks for the help, I'll stop by saturday", False),
    Case("Do you have the 2023 Tucson in stock today?", False),
    Case("are you open today?", False),
    Case("hey whats up, any deals on tellurides this month?", False),
    Case("Does the Kona come in a hybrid?", False),
    Case("How long is the warranty on a new Hyundai?", False),
    Case("I saw the 2022 Tahoe on your website, how many owners?", False),
    Case("Do you have a 2020 honda crv under 25k with low miles?", False),
    Case("Interested in the white palisade, how many miles does it have?", False),
    Case("I'm not in a rush, just researching SUVs for next year", False),
    Case("Is the Ioniq 5 really all wheel drive? My brother is an attorney and he loves his", False),
    Case("Bad weather here today, is the santa fe good in snow?", False),
    Case("no problem, I can wait until tomorrow", False),
    Case("ok sounds good", False),
    Case("What trims does the Santa Fe come in?", False),
    Case("Is the price listed online the actual price?", False),
    Case("do you have any hatchbacks", False),
    Case("can I bring my mechanic to look at the used camry?", False),
    Case("Is the Silverado a crew cab?", False),
    Case("hello? are you there", False),
    Case("I want something fun to drive, maybe a mustang or a camaro", False),
    Case("what's the cheapest suv you have?", False),
    Case("My wife wants a minivan, do you have any carnivals?", False),
    Case("Heated steering wheel on the telluride?", False),
    Case("we're expecting twins so need a 3 row, nothing crazy expensive", False),
    Case("Can you tell me more about the certified pre-owned program?", False),
    Case("what's the best suv for a family of 5?", False),
    Case("I'm just browsing, will reach out when ready", False),
    Case("Do you deliver to Chicago?", False),
    Case("hw much is the tucson", False),
    Case("u guys open sun?", False),
    Case(
        "do you have any SUVs?",
        False,
        (_c("do you have any trucks?"), _ai("We have a 2024 Santa Cruz SEL listed at $33,120.")),
    ),
    Case(
        "thanks! and where are you located?",
        False,
        (_c("what are your hours?"), _ai("We're open 9am-8pm Monday to Saturday.")),
    ),
    Case(
        "is it the SEL or the limited?",
        False,
        (_c("is the white tucson still available?"), _ai("Yes, the 2024 Tucson in White is available.")),
    ),
]

# A first hold-out, written after the rules were first frozen; it exposed weak recall (0.30) and was then used to
# broaden the rules (more ways of asking for a person, self-reported repetition, problems after the sale,
# commitments like a deposit), so it is in-sample now.
HOLDOUT: list[Case] = [
    Case("yo can u just get me someone who actually works there", True),
    Case("I'd like to speak to whoever is in charge", True),
    Case("this is the third time im asking about the warranty on the sonata", True),
    Case("I want to file a claim, the dent was there when I picked it up", True),
    Case("Your finance guy ran my credit without permission", True),
    Case("seriously?? nobody could tell me that before I drove 2 hours??", True),
    Case("I'm not paying $899 in dealer fees, that's insane", True),
    Case("what would my payments be on the palisade with $5000 down", True),
    Case("is 0% financing available on the ioniq 6", True),
    Case("could you guys do 29,500 on the tucson if I come today", True),
    Case("ready to put a deposit on the blue santa fe, how do I do that?", True),
    Case("I've got a 640 credit score and a repo from 2019", True),
    Case("TrueCar says 31k, can you match that?", True),
    Case("You guys sold my info, I'm getting spam calls now", True),
    Case("why does the price online not match what the salesman told me", True),
    Case("I drove in from Gary and the car wasn't even there, very upset", True),
    Case("I'd love to get this done today, can I sign online?", True),
    Case("the car you sold me has a transmission problem already", True),
    Case("Please have the sales manager reach out to me", True),
    Case("hello?? I've asked twice now, is the kona available???", True),
    Case("do you have any blue tucsons", False),
    Case("what's the mileage on the used camry", False),
    Case("can I see the palisade on sunday afternoon?", False),
    Case("ok thank you I'll think about it", False),
    Case("Does the Santa Cruz have a tonneau cover?", False),
    Case("what's the seating capacity of the telluride", False),
    Case("is the 2022 elantra a one owner?", False),
    Case("I'm looking at the ioniq 5, how long does charging take?", False),
    Case("Awesome, see you then!", False),
    Case("do you have a kona n line in stock", False),
    Case("how big is the trunk in the sonata", False),
    Case("are the used cars inspected?", False),
    Case("I might have a trade, a 2012 accord", False),
    Case("What's the listed price on the white santa fe?", False),
    Case("My husband and I want to come look at minivans next week", False),
    Case("Is there a charger included with the EV?", False),
    Case("can you text me the link to the palisade listing", False),
    Case("do you sell extended warranties?", False),
    Case("What's the gas mileage like on the tucson hybrid? I'm so tired of paying for gas", False),
    Case("We'll probably buy something in the spring", False),
]

# A second hold-out, written after the rules were frozen again. Measured before any change it scored precision 1.00,
# recall 0.75 (the honest estimate of generalisation); its five misses then exposed gaps that were fixed with general
# rules ("absolute lowest", "knock a grand off", a smell since purchase, damage by service, a quote that changed).
HOLDOUT_2: list[Case] = [
    Case("Hey I need to talk to somebody about a problem with my purchase", True),
    Case("can a manager give me a call back today please", True),
    Case("I'm reporting this to the state attorney generals office", True),
    Case("Your service dept damaged my bumper and now nobody will own up to it", True),
    Case("what's the absolute lowest you can sell the tucson for", True),
    Case("if you can get me to 450 a month I'll sign tonight", True),
    Case("Do you guys work with people with no credit history?", True),
    Case("what interest rate would I get with a 700 score", True),
    Case("I need a reliable car by tomorrow morning for my new job, can I buy today?", True),
    Case("this chatbot is useless, get me a person", True),
    Case("I asked about the trade value yesterday and never heard back", True),
    Case("You quoted me 36k last week and now it's 39k?? what gives", True),
    Case("Will you price match Carvana?", True),
    Case("I want to return the car I bought, it's not what I was promised", True),
    Case("lol are you even real? put me through to a human", True),
    Case("shit service, I'm taking my business elsewhere", True),
    Case("How much do I need to put down with a 550 credit score", True),
    Case("Let's do it, I'll take the white telluride. what's next?", True),
    Case("There's a weird burning smell since I bought it two weeks ago", True),
    Case("Can you knock a grand off if I pay cash?", True),
    Case("what colors does the 2024 tucson come in", False),
    Case("does the palisade have captain's chairs", False),
    Case("are you guys open on memorial day", False),
    Case("I'll stop by next weekend to look around", False),
    Case("Do you have any manual transmission cars?", False),
    Case("Is the Santa Fe good for towing a small camper?", False),
    Case("Thanks Sarah, that was helpful!", False),
    Case("do you have anything under 20k?", False),
    Case("Is the blue ioniq 6 rear wheel drive?", False),
    Case("what's your address? want to put it in my gps", False),
    Case("Can I get a copy of the carfax for the used sonata?", False),
    Case("How many miles is the certified tucson?", False),
    Case("Just curious what the msrp is on the new kona", False),
    Case("Not looking to buy yet, just comparing the tucson and the sportage", False),
    Case("got it, thanks. I'll let you know", False),
    Case("what's included in the certified pre-owned warranty?", False),
    Case("do you have the Santa Fe XRT in green?", False),
    Case("My daughter is starting college, looking for a safe first car", False),
    Case("Can I schedule a time to see the ioniq 5 on Thursday?", False),
    Case("is the elantra n still on the lot", False),
]

# A third hold-out, written after the rules were frozen once more. Measured before any change: precision 1.00,
# recall 0.67 (10 of 15). Its five misses then led to general rules ("lower price", "talk numbers", "total with
# tax and fees", "a $500 deposit", "the same canned answer"), so it too is in-sample now.
HOLDOUT_3: list[Case] = [
    Case("Who do I talk to about a problem with my title paperwork?", True),
    Case("you guys keep sending me the same canned answer", True),
    Case("I got a letter saying my car has a recall and you won't fix it", True),
    Case("Can your manager approve a lower price?", True),
    Case("Is it possible to get 0 down?", True),
    Case("I'm a first time buyer with no credit history, can I still get a car?", True),
    Case("What's the total with tax title and fees?", True),
    Case("I'll be there in 30 minutes to buy it, don't sell it!", True),
    Case("text me the number of a real human", True),
    Case("I'm filing a complaint with the attorney general", True),
    Case("This is a scam, the car has way more damage than the pictures showed", True),
    Case("I'm extremely frustrated with how long this is taking", True),
    Case("My trade is worth way more than what you offered, can we talk numbers?", True),
    Case("what's the lowest monthly payment I can get on the santa fe", True),
    Case("Can I put a $500 deposit down to hold the blue tucson?", True),
    Case("Does the Tucson have a spare tire?", False),
    Case("is the palisade available in calligraphy trim?", False),
    Case("I'll swing by after work tomorrow to look at it", False),
    Case("What's the towing capacity of the Santa Cruz?", False),
    Case("Do you have any sedans with low miles?", False),
    Case("Great, thank you for the info!", False),
    Case("Which one has better gas mileage, the elantra or the sonata?", False),
    Case("Can you send me the window sticker?", False),
    Case("are your cars detailed before pickup?", False),
    Case("My son is looking for his first car, something cheap and reliable", False),
    Case("how long is the drive from chicago to your dealership", False),
    Case("do you have a kona in red", False),
    Case("I'm not in a hurry, let me know if a white ioniq 5 comes in", False),
    Case("What's the difference between the hybrid and regular tucson?", False),
    Case("Are you open on Thanksgiving?", False),
]

CASES: list[Case] = ESCALATE + STAY_WITH_AI + HOLDOUT + HOLDOUT_2 + HOLDOUT_3
