"""Label space of set p: exactly the reasons of set c's README table."""

HANDOVER = {
    "complaint": True,
    "existing_customer_issue": True,
    "legal_threat": True,
    "ready_to_buy": True,
    "negotiation": True,
    "human_request": True,
    "appointment_time": True,
    "frustration": True,
    "financing_details": True,
    "trade_in_firm": True,
    "other_handover": True,
    "availability": False,
    "features": False,
    "price_question": False,
    "financing_general": False,
    "hours_location": False,
    "photos": False,
    "mileage": False,
    "comparison": False,
    "browsing": False,
    "small_talk": False,
    "vehicle_facts": False,
    "other_ai": False,
}
REASON_ORDER = list(HANDOVER)

LANGUAGES = {
    "en": "English", "es": "Spanish", "pl": "Polish", "ko": "Korean", "ar": "Arabic",
    "pt": "Portuguese", "zh": "Chinese (Simplified)", "ru": "Russian", "hi": "Hindi", "uk": "Ukrainian",
}

# Handover expectation forms allowed in conversation expect items (exactly one per turn).
HANDOVER_FORMS = ["No handover", "No handover needed", "Handover not yet required", "Handover optional"]
