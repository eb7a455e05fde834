"""Voice: phrases per tone, and the tone's punctuation and contractions."""

from __future__ import annotations

import re

TONES = ("friendly", "professional", "casual", "formal")


_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "hello": {
        "friendly": ("Hi{name}!", "Hello{name}!", "Hey{name}, thanks for reaching out!"),
        "professional": ("Hello{name}.", "Hi{name}, thank you for reaching out."),
        "casual": ("Hey{name}!", "Hi{name}!"),
        "formal": ("Good day{cname}.", "Hello{name}, and thank you for contacting us."),
    },
    "intro": {
        "friendly": ("I'm {persona} with {dealer}.", "This is {persona} at {dealer}."),
        "professional": ("I'm {persona} with {dealer}.", "My name is {persona}, with {dealer}."),
        "casual": ("{persona} here from {dealer}.", "It's {persona} at {dealer}."),
        "formal": ("My name is {persona}, and I assist customers of {dealer}.",),
    },
    "found_one": {
        "friendly": ("Good news: the {title} is in our inventory right now.", "Yes! The {title} is in stock."),
        "professional": ("Yes, the {title} is in our current inventory.", "The {title} is in stock."),
        "casual": ("Yep, the {title} is in stock.", "Good news, we've got the {title} in stock."),
        "formal": ("I am pleased to confirm that the {title} is in our current inventory.",),
    },
    "found_many": {
        "friendly": ("Good news: we have {count} that fit what you're after.", "Yes! Here are {count} that match:"),
        "professional": ("Yes, we have {count} in stock that match.", "Here are {count} vehicles that match:"),
        "casual": ("Yep, we've got {count} that fit:", "Good news, {count} match what you want:"),
        "formal": ("I am pleased to confirm that we have {count} vehicles matching your request.",),
    },
    "alternatives": {
        "friendly": ("Here are the closest options we have right now:", "These are the closest matches on our lot:"),
        "professional": ("These are the closest options in our current inventory:",),
        "casual": ("Here's what's close:", "Closest options we've got:"),
        "formal": ("The closest alternatives in our current inventory are as follows:",),
    },
    "no_match": {
        "friendly": (
            "I'm not seeing {what} in our inventory right now.",
            "We don't have {what} in stock at the moment.",
        ),
        "professional": (
            "We don't currently have {what} in stock.",
            "I'm not finding {what} in our current inventory.",
        ),
        "casual": ("Looks like we don't have {what} in stock right now.",),
        "formal": ("Unfortunately, we do not currently have {what} in our inventory.",),
    },
    "no_exact": {
        "friendly": ("I don't see an exact match for {what} right now.",),
        "professional": ("We don't have an exact match for {what} at the moment.",),
        "casual": ("No exact match for {what} right now.",),
        "formal": ("We do not currently have an exact match for {what}.",),
    },
    "ask_test_drive": {
        "friendly": (
            "I can set up a test drive. Would you like to come see it in person?",
            "Want to take it for a test drive?",
        ),
        "professional": ("Would you like to schedule a test drive?", "Shall I set up a time for you to see it?"),
        "casual": ("Want to swing by and take it for a spin?", "Wanna come check it out?"),
        "formal": ("Would you like me to arrange a test drive at a time convenient for you?",),
    },
    "ask_which": {
        "friendly": ("I can set up a test drive. Would you like to come see any of these?",),
        "professional": ("Would you like to schedule a test drive of any of these?",),
        "casual": ("Any of these catch your eye?",),
        "formal": ("Would you like to arrange a viewing of any of these vehicles?",),
    },
    "ask_budget": {
        "friendly": ("Is there a price range you'd like to stay within?",),
        "professional": ("Is there a budget range you'd like me to keep in mind?",),
        "casual": ("What price range are you thinking?",),
        "formal": ("May I ask what price range you have in mind?",),
    },
    "ask_when": {
        "friendly": ("When are you hoping to be in your next vehicle?",),
        "professional": ("What timeframe are you working with?",),
        "casual": ("When are you looking to buy?",),
        "formal": ("May I ask what timeframe you have in mind for your purchase?",),
    },
    "ask_notify": {
        "friendly": (
            "Would you like me to keep an eye out and let you know when one comes in, or see similar options?",
        ),
        "professional": ("Would you like us to notify you when one arrives, or shall I suggest similar vehicles?",),
        "casual": ("Want me to ping you when one comes in, or check out something similar?",),
        "formal": ("Would you like us to notify you when one arrives, or may I suggest similar vehicles?",),
    },
    "ask_else": {
        "friendly": ("Is there anything else I can help you with?", "Anything else I can help with?"),
        "professional": ("Is there anything else I can help you with?",),
        "casual": ("Anything else I can do for you?",),
        "formal": ("Is there anything further I may assist you with?",),
    },
    "welcome": {
        "friendly": ("You're very welcome!", "Happy to help!", "Anytime!"),
        "professional": ("You're welcome.", "My pleasure."),
        "casual": ("No problem!", "Anytime!"),
        "formal": ("You are most welcome.",),
    },
}


def _voice(text: str, tone: str) -> str:
    """Formal and professional replies avoid exclamation marks; formal ones avoid contractions."""
    if tone in ("professional", "formal"):
        text = re.sub(r"!(?=\s|$)", ".", text)
    if tone == "formal":
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
