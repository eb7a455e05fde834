"""Deterministic understanding of a customer message: intents, slots (what they want), sentiment.

Rules, not models: a built-in vocabulary of US makes and models (plus the dealership's own catalog), tolerant of
slang ("chevy", "vw"), spacing ("f150", "CR-V") and small typos ("tuscon"); regular expressions for budgets,
years, mileage, timelines and trade-ins. The same input always gives the same output.

Model names that are everyday words (Escape, Pilot, Venue, Ram 1500...) count only with context: the make nearby,
a model year before them, capitalised mid-sentence, or named earlier in the conversation.
"""
