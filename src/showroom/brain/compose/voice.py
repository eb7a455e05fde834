"""Voice: phrases per tone, and the tone's punctuation and contractions."""

from __future__ import annotations

import re

from showroom.vocabulary import Tone

_PHRASES: dict[str, dict[Tone, tuple[str, ...]]] = {
    "hello": {
        Tone.friendly: ("Hi{name}!", "Hello{name}!", "Hey{name}, thanks for reaching out!"),
        Tone.professional: ("Hello{name}.", "Hi{name}, thank you for reaching out."),
        Tone.casual: ("Hey{name}!", "Hi{name}!"),
        Tone.formal: ("Good day{cname}.", "Hello{name}, and thank you for contacting us."),
    },
    "intro": {
        Tone.friendly: ("I'm {persona} with {dealer}.", "This is {persona} at {dealer}."),
        Tone.professional: ("I'm {persona} with {dealer}.", "My name is {persona}, with {dealer}."),
        Tone.casual: ("{persona} here from {dealer}.", "It's {persona} at {dealer}."),
        Tone.formal: ("My name is {persona}, and I assist customers of {dealer}.",),
    },
    "found_one": {
        Tone.friendly: ("Good news: the {title} is in our inventory right now.", "Yes! The {title} is in stock."),
        Tone.professional: ("Yes, the {title} is in our current inventory.", "The {title} is in stock."),
        Tone.casual: ("Yep, the {title} is in stock.", "Good news, we've got the {title} in stock."),
        Tone.formal: ("I am pleased to confirm that the {title} is in our current inventory.",),
    },
    "found_many": {
        Tone.friendly: ("Good news: we have {count} that fit what you're after.", "Yes! Here are {count} that match:"),
        Tone.professional: ("Yes, we have {count} in stock that match.", "Here are {count} vehicles that match:"),
        Tone.casual: ("Yep, we've got {count} that fit:", "Good news, {count} match what you want:"),
        Tone.formal: ("I am pleased to confirm that we have {count} vehicles matching your request.",),
    },
    "found_total": {
        Tone.friendly: (
            "Good news: we have {total} that fit what you're after. Here are {count}:",
            "Yes! We have {total} that match; here are {count}:",
        ),
        Tone.professional: ("Yes, we have {total} in stock that match. Here are {count}:",),
        Tone.casual: ("Yep, we've got {total} that fit. Here are {count}:",),
        Tone.formal: (
            "I am pleased to confirm that we have {total} vehicles matching your request; here are {count}:",
        ),
    },
    "found_some": {
        Tone.friendly: (
            "Good news: we have several that fit what you're after. Here are {count}:",
            "Yes! Here are {count} of the ones that match:",
        ),
        Tone.professional: ("Yes, we have several in stock that match. Here are {count}:",),
        Tone.casual: ("Yep, we've got a few that fit. Here are {count}:",),
        Tone.formal: (
            "I am pleased to confirm that we have several vehicles matching your request; here are {count}:",
        ),
    },
    "alternatives": {
        Tone.friendly: ("Here are the closest we have:", "These are the closest on our lot:"),
        Tone.professional: ("These are the closest options in our current inventory:",),
        Tone.casual: ("Here's what's closest:", "Closest ones we've got:"),
        Tone.formal: ("The closest alternatives in our current inventory are as follows:",),
    },
    "no_match": {
        Tone.friendly: (
            "I'm not seeing {what} in our inventory right now.",
            "We don't have {what} in stock at the moment.",
        ),
        Tone.professional: (
            "We don't currently have {what} in stock.",
            "I'm not finding {what} in our current inventory.",
        ),
        Tone.casual: ("Looks like we don't have {what} in stock right now.",),
        Tone.formal: ("Unfortunately, we do not currently have {what} in our inventory.",),
    },
    "no_exact": {
        Tone.friendly: ("We don't have {what} in stock right now.", "I'm not seeing {what} on our lot right now."),
        Tone.professional: ("We don't currently have {what} in stock.",),
        Tone.casual: ("Don't have {what} on the lot right now.",),
        Tone.formal: ("We do not currently have {what} in our inventory.",),
    },
    "ask_test_drive": {
        Tone.friendly: (
            "I can set up a test drive. Would you like to come see it in person?",
            "Want to take it for a test drive?",
        ),
        Tone.professional: ("Would you like to schedule a test drive?", "Shall I set up a time for you to see it?"),
        Tone.casual: ("Want to swing by and take it for a spin?", "Wanna come check it out?"),
        Tone.formal: ("Would you like me to arrange a test drive at a time convenient for you?",),
    },
    "ask_which": {
        Tone.friendly: ("I can set up a test drive. Would you like to come see any of these?",),
        Tone.professional: ("Would you like to schedule a test drive of any of these?",),
        Tone.casual: ("Any of these catch your eye?",),
        Tone.formal: ("Would you like to arrange a viewing of any of these vehicles?",),
    },
    "ask_budget": {
        Tone.friendly: ("Is there a price range you'd like to stay within?",),
        Tone.professional: ("Is there a budget range you'd like me to keep in mind?",),
        Tone.casual: ("What price range are you thinking?",),
        Tone.formal: ("May I ask what price range you have in mind?",),
    },
    "ask_when": {
        Tone.friendly: ("When are you hoping to be in your next vehicle?",),
        Tone.professional: ("What timeframe are you working with?",),
        Tone.casual: ("When are you looking to buy?",),
        Tone.formal: ("May I ask what timeframe you have in mind for your purchase?",),
    },
    "ask_notify": {
        Tone.friendly: (
            "Would you like me to keep an eye out and let you know when one comes in, or see similar options?",
        ),
        Tone.professional: ("Would you like us to notify you when one arrives, or shall I suggest similar vehicles?",),
        Tone.casual: ("Want me to ping you when one comes in, or check out something similar?",),
        Tone.formal: ("Would you like us to notify you when one arrives, or may I suggest similar vehicles?",),
    },
    "ask_else": {
        Tone.friendly: ("Is there anything else I can help you with?", "Anything else I can help with?"),
        Tone.professional: ("Is there anything else I can help you with?",),
        Tone.casual: ("Anything else I can do for you?",),
        Tone.formal: ("Is there anything further I may assist you with?",),
    },
    "welcome": {
        Tone.friendly: ("You're very welcome!", "Happy to help!", "Anytime!"),
        Tone.professional: ("You're welcome.", "My pleasure."),
        Tone.casual: ("No problem!", "Anytime!"),
        Tone.formal: ("You are most welcome.",),
    },
}


def _voice(text: str, tone: str, language: str = "en") -> str:
    """Formal and professional replies avoid exclamation marks; formal English ones avoid contractions."""
    if tone in (Tone.professional, Tone.formal):
        text = re.sub(r"!(?=\s|$)", ".", text).replace("¡", "")
    if tone == Tone.formal and language == "en":
        for short, full in _CONTRACTIONS:
            text = re.sub(rf"\b{short}\b", full, text)
            text = re.sub(rf"\b{short.capitalize()}\b", full.capitalize(), text)
    return text


_CONTRACTIONS = (
    ("I'm", "I am"),
    ("I'd", "I would"),
    ("I'll", "I will"),
    ("we're", "we are"),
    ("we've", "we have"),
    ("we'll", "we will"),
    ("you'll", "you will"),
    ("they'll", "they will"),
    ("it'll", "it will"),
    ("I've", "I have"),
    ("there's", "there is"),
    ("let's", "let us"),
    ("you're", "you are"),
    ("you'd", "you would"),
    ("don't", "do not"),
    ("doesn't", "does not"),
    ("isn't", "is not"),
    ("can't", "cannot"),
    ("it's", "it is"),
    ("that's", "that is"),
    ("here's", "here is"),
    ("what's", "what is"),
    ("aren't", "are not"),
    ("won't", "will not"),
)
