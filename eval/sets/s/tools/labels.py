"""Label space (taken from set c's README reasons table) and shared constants."""

HANDOVER_REASONS = [
    "complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation",
    "human_request", "appointment_time", "frustration", "financing_details", "trade_in_firm",
    "other_handover",
]
NO_HANDOVER_REASONS = [
    "availability", "features", "price_question", "financing_general", "hours_location",
    "photos", "mileage", "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai",
]
HANDOVER = {r: True for r in HANDOVER_REASONS}
HANDOVER.update({r: False for r in NO_HANDOVER_REASONS})

LANGUAGES = {"en", "es", "pl", "zh", "ru", "pt", "de", "uk"}

MARKERS_NO = ("No handover", "Handover not yet required", "Handover optional")
MARKER_YES_PREFIX = "Handover to a human ("

# Models that always have a third seating row in the years present in the feed.
# (2020 Kia Sorento LX is left out on purpose: third row depends on engine/package.)
THREE_ROW_MODELS = {"Palisade", "Telluride", "Highlander", "Durango", "Tahoe", "Explorer", "Qx60"}


def three_row(u):
    if u.model in THREE_ROW_MODELS:
        return True
    # Santa Fe got a standard third row with the 2024 redesign; the 2021 is two-row.
    return u.model in ("Santa Fe", "Santa Fe Hybrid") and u.year >= 2024


LUXURY_MAKES = {"Audi", "Bmw", "Cadillac", "Genesis", "Infiniti", "Lexus", "Lincoln",
                "Porsche", "Alfa Romeo"}

# Phrases used as examples in set c's README; this set must not reuse them.
C_EXAMPLE_PHRASES = [
    "saturday at 10", "tomorrow around 5:45", "tonight at 7", "be there in 30 min",
    "sometime this week", "might come by", "do you work with bad credit", "do you accept itin",
    "first-time buyers", "do you take trades", "not a threat, but", "my manager at work said",
    "manager's special", "is this a bot lol", "10/10 detail job", "cool cool cool",
    "my wallet is crying", "hyundai camry",
]
# Phrases quoted as examples in the brief for this set; used only as models, never verbatim.
BRIEF_EXAMPLE_PHRASES = [
    "stop texting me", "who is this", "already bought elsewhere", "is that price real?",
    "my lease is up in march", "call me after 5",
]
