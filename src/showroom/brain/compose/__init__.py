"""The builtin reply: deterministic, offline, in the persona's voice, from the dealership's real inventory.

`compose_reply` answers the customer's main intent from `vehicles` (the pipeline's at most five matches) and the
dealership's data only: no invented vehicles, prices, payments, financing terms or delivery promises; at most one
link; short paragraphs; a question or a next step at the end. Phrasing varies with the persona's tone and, within a
tone, deterministically with the message (so it does not sound canned, and tests stay reproducible).
"""
