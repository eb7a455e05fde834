"""Escalation triggers: when the AI stops and a human takes the conversation.

A trigger is JSON (DATA_MODEL.md `escalation_triggers`): conditions `{type, value, threshold?}` combined with
`match_mode` all/any, evaluated lowest `priority` first; the first trigger that matches wins. `DEFAULT_TRIGGERS`
is the set a new dealership starts with. Everything is pure: text and history in, a match (with human-readable
reasons) out.
"""
